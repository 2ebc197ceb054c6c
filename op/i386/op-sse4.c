/*
 * Micro-operations of SSSE3, SSE4.1, SSE4.2, AES-NI and PCLMULQDQ that
 * call a helper (op/i386/helper-sse4.h says which and why); the rest of
 * those extensions runs inline (op/i386/op-sse.c).
 *
 * Register operands are XMM or MMX register numbers (8 is the memory
 * operand env->xmm_t0), immediates the last parameter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "op-x86_64.h"
#include "helper-sse4.h"

#define SSE4_OP_MMX(opc, n)                                                 \
    void op_##n##_mmx(void)                                                 \
    {                                                                       \
        helper_##n##_mmx(env, PARAM1, PARAM2);                              \
        NEXT();                                                             \
    }
SSSE3_OPS(SSE4_OP_MMX)

#define SSE4_OP_IMM(opc, n, ...)                                            \
    void op_##n(void)                                                       \
    {                                                                       \
        helper_##n(env, PARAM1, PARAM2, PARAM3);                            \
        NEXT();                                                             \
    }
SSE41_IMM_OPS(SSE4_OP_IMM)
SSE42_STR_OPS(SSE4_OP_IMM)
SSE4_OP_IMM(0x21, insertps)
SSE4_OP_IMM(0x0f, palignr_mmx)

/* Extracts: T0 = element PARAM2 of xmm register PARAM1; inserts:
 * element PARAM2 of register PARAM1 = T0. */
void op_pextrb_T0(void) { T0 = helper_pextrb(env, PARAM1, PARAM2); NEXT(); }
void op_pextrw4_T0(void) { T0 = helper_pextrw4(env, PARAM1, PARAM2); NEXT(); }
void op_pextrd_T0(void) { T0 = helper_pextrd(env, PARAM1, PARAM2); NEXT(); }
void op_pinsrb_T0(void) { helper_pinsrb(env, PARAM1, T0, PARAM2); NEXT(); }
void op_pinsrd_T0(void) { helper_pinsrd(env, PARAM1, T0, PARAM2); NEXT(); }
