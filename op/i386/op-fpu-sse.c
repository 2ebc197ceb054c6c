/*
 * MMX, SSE and SSE2 micro-operations that are not the guest's instruction
 * itself (those are op/i386/op-sse.c): data movement for the MMX registers and
 * the helpers' memory operand, in copied code with general registers
 * only, and calls to the helpers of op/i386/helper-sse.c for MMX arithmetic
 * and the irregular instructions.
 *
 * Register operands are parameters: an XMM or MMX register number (8 is
 * the memory operand env->xmm_t0), or an offset into CPUState for the
 * moves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stddef.h>

#include "op-x86_64.h"
#include "helper-fpu.h"

#define ENV_PTR(type, off) ((type *)((uint8_t *)env + (off)))

/* ---- moves between guest memory (A0) and CPUState at offset PARAM1 ---- */
void op_ldo_env_A0(void)
{
    uint64_t *p = ENV_PTR(uint64_t, PARAM1);
    uint64_t lo = ldq(A0), hi = ldq(A0 + 8);

    p[0] = lo;
    p[1] = hi;
    NEXT();
}

void op_ldq_env_A0(void) { *ENV_PTR(uint64_t, PARAM1) = ldq(A0); NEXT(); }
void op_stq_env_A0(void) { stq(A0, *ENV_PTR(uint64_t, PARAM1)); NEXT(); }
void op_ldl_env_A0(void) { *ENV_PTR(uint32_t, PARAM1) = ldl(A0); NEXT(); }
void op_stl_env_A0(void) { stl(A0, *ENV_PTR(uint32_t, PARAM1)); NEXT(); }

/* ---- moves inside CPUState: PARAM1 = destination, PARAM2 = source ---- */
void op_movq_env(void)
{
    *ENV_PTR(uint64_t, PARAM1) = *ENV_PTR(uint64_t, PARAM2);
    NEXT();
}

void op_zeroq_env(void) { *ENV_PTR(uint64_t, PARAM1) = 0; NEXT(); }
void op_zerol_env(void) { *ENV_PTR(uint32_t, PARAM1) = 0; NEXT(); }
void op_movl_T0_env(void) { T0 = *ENV_PTR(uint32_t, PARAM1); NEXT(); }
void op_movl_env_T0(void) { *ENV_PTR(uint32_t, PARAM1) = T0; NEXT(); }

/* The shift count of an immediate-count shift, as the register form's
 * 64-bit count operand. */
void op_movl_xmm_t0_im(void)
{
    env->xmm_t0.q[0] = PARAM1;
    env->xmm_t0.q[1] = 0;
    NEXT();
}

/* MMX state (SDM vol. 1, 9.5.1): any MMX instruction sets TOP = 0 and
 * all tags valid; one that writes MMX register PARAM1 also sets its
 * exponent field to all ones. */
void op_mmx_enter(void)
{
    env->fpstt = 0;
    *(uint64_t *)env->fptag_used = 0x0101010101010101ull;
    NEXT();
}

void op_mmx_write(void)
{
    env->fpstt = 0;
    *(uint64_t *)env->fptag_used = 0x0101010101010101ull;
    env->fpregs[PARAM1].x.sexp = 0xffff;
    NEXT();
}

/* ---- computing ops: the helpers of op/i386/helper-fpu.h ---- */
#define SSE_OP_MMX(opc, n)                                                  \
    void op_##n##_mmx(void)                                                 \
    {                                                                       \
        helper_##n##_mmx(env, PARAM1, PARAM2);                              \
        NEXT();                                                             \
    }
SSE_INT_OPS(SSE_OP_MMX)

#define SSE_OP_IMM(n)                                                       \
    void op_##n(void)                                                       \
    {                                                                       \
        helper_##n(env, PARAM1, PARAM2, PARAM3);                            \
        NEXT();                                                             \
    }
SSE_IMM_HELPERS(SSE_OP_IMM)

#define SSE_OP_TO_GPR(n)                                                    \
    void op_##n##_T0(void)                                                  \
    {                                                                       \
        T0 = helper_##n(env, PARAM1, PARAM2);                               \
        NEXT();                                                             \
    }
SSE_TO_GPR_HELPERS(SSE_OP_TO_GPR)

#define SSE_OP_MISC(n)                                                      \
    void op_##n(void)                                                       \
    {                                                                       \
        helper_##n(env, PARAM1, PARAM2);                                    \
        NEXT();                                                             \
    }
SSE_MISC_HELPERS(SSE_OP_MISC)

/* Forms with an integer operand from T0: PARAM1 = register, PARAM2 = imm. */
void op_pinsrw_xmm_T0(void) { helper_pinsrw_xmm(env, PARAM1, T0, PARAM2); NEXT(); }
void op_pinsrw_mmx_T0(void) { helper_pinsrw_mmx(env, PARAM1, T0, PARAM2); NEXT(); }

/* MASKMOVQ, MASKMOVDQU to A0: PARAM1 = data register, PARAM2 = mask. */
void op_maskmovq_A0(void) { helper_maskmovq(env, PARAM1, PARAM2, A0); NEXT(); }
void op_maskmovdqu_A0(void) { helper_maskmovdqu(env, PARAM1, PARAM2, A0); NEXT(); }

void op_ldmxcsr_T0(void) { helper_ldmxcsr(env, T0); NEXT(); }
void op_stmxcsr_T0(void) { T0 = helper_stmxcsr(env); NEXT(); }

/* MFENCE/LFENCE/SFENCE: one full host fence serves all three. */
void op_mfence(void)
{
    __asm__ __volatile__("mfence" ::: "memory");
    NEXT();
}
