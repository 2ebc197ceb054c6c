/*
 * The helpers of the SIMD extensions after SSE2 (op/i386/helper-sse4.c)
 * and the register accessors every SIMD helper shares.
 *
 * What the host can run with run-time operands is inline
 * (op/i386/op-sse.c); the helpers here are the MMX forms of SSSE3 and the
 * instructions with an immediate the host instruction must encode
 * (ROUND*, BLEND*, PALIGNR, DPPS, MPSADBW, PCLMULQDQ, AESKEYGENASSIST,
 * PCMPxSTRx, INSERTPS), each a switch over the immediate with the host's
 * own instruction in every case, and the element inserts and extracts,
 * which are plain C.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_HELPER_SSE4_H
#define STITCH_HELPER_SSE4_H

#include <stdint.h>
#include "cpu.h"
#include "sse-ops.h"

/* XMM register i; 8 is the memory operand. */
static inline XMMReg *xmm(CPUState *env, uint32_t i)
{
    return i < 8 ? &env->xmm[i] : &env->xmm_t0;
}

/* MMX register i (the low 64 bits of x87 register i); 8 is the memory
 * operand. */
static inline uint64_t *mmx(CPUState *env, uint32_t i)
{
    return i < 8 ? &env->fpregs[i].x.mant : &env->xmm_t0.q[0];
}

/* An MMX instruction: TOP = 0, all tags valid (SDM vol. 1, table 9-2);
 * one that writes register d sets its exponent field to all ones. */
static inline void mmx_state(CPUState *env)
{
    env->fpstt = 0;
    for (int i = 0; i < 8; i++)
        env->fptag_used[i] = 1;
}

static inline void mmx_written(CPUState *env, uint32_t d)
{
    env->fpregs[d].x.sexp = 0xffff;
}

/* SSSE3 on MMX registers: helper_NAME_mmx(env, d, s). */
#define SSE4_PROTO_MMX(opc, n)                                              \
    void helper_##n##_mmx(CPUState *env, uint32_t d, uint32_t s);
SSSE3_OPS(SSE4_PROTO_MMX)
void helper_palignr_mmx(CPUState *env, uint32_t d, uint32_t s, uint32_t imm);

/* xmm d op= xmm s with imm8; PCMPxSTRx write ECX or XMM0 and EFLAGS. */
#define SSE4_PROTO_IMM(opc, n, ...)                                         \
    void helper_##n(CPUState *env, uint32_t d, uint32_t s, uint32_t imm);
SSE41_IMM_OPS(SSE4_PROTO_IMM)
SSE42_STR_OPS(SSE4_PROTO_IMM)
void helper_insertps(CPUState *env, uint32_t d, uint32_t s, uint32_t imm);

/* Element extracts (the element, zero-extended) and inserts (v the new
 * element's value). */
uint32_t helper_pextrb(CPUState *env, uint32_t s, uint32_t imm);
uint32_t helper_pextrw4(CPUState *env, uint32_t s, uint32_t imm);
uint32_t helper_pextrd(CPUState *env, uint32_t s, uint32_t imm);
void helper_pinsrb(CPUState *env, uint32_t d, uint32_t v, uint32_t imm);
void helper_pinsrd(CPUState *env, uint32_t d, uint32_t v, uint32_t imm);

#endif
