/*
 * The x87 and SIMD helpers the micro-ops of op/op-fpu.c call, listed once
 * as X-macros: the prototypes below, the ops (op/op-fpu.c) and the
 * helpers (op/helper-fpu.c, op/helper-sse.c) are all derived from these
 * lists, so an instruction is added in one line here plus its body.
 *
 * Every SIMD helper runs the guest instruction's arithmetic on the host
 * (with the guest's MXCSR, include/fpu-state.h): the host has the same
 * formats, so results, rounding, exception flags and condition codes are
 * the real CPU's, bit for bit.  The x87 needs no helpers except for its
 * state images (op/x87-ops.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_HELPER_FPU_H
#define STITCH_HELPER_FPU_H

#include <stdint.h>
#include "cpu.h"

/* The x87 state images (op/helper-fpu.c): X(name) -> void
 * helper_name(CPUState *env, uint32_t addr, uint32_t data32) on CPUState's
 * copy of the state, and helper_name_live, the same from generated code
 * (the state moved out of the host registers and back).  data32 = 0 with
 * a 0x66 prefix: the 16-bit layouts. */
#define X87_ENV_HELPERS(X)                                                  \
    X(fldenv) X(fnstenv) X(frstor) X(fnsave) X(fxsave) X(fxrstor)

#define X87_PROTO_ENV(n)                                                    \
    void helper_##n(CPUState *env, uint32_t addr, uint32_t data32);         \
    void helper_##n##_live(CPUState *env, uint32_t addr, uint32_t data32);
X87_ENV_HELPERS(X87_PROTO_ENV)

/* The initial state: FNINIT, MXCSR 0x1f80, XMM registers zero. */
void helper_fninit_state(CPUState *env);

/* ---- SSE, SSE2, MMX (op/helper-sse.c) ---- */

/*
 * Operations the host runs as they are: X(name, mnemonic).  Helpers
 * helper_NAME_xmm(env, d, s) run them on XMM d and XMM s (s = 8: the
 * memory operand env->xmm_t0); the integer ones also exist as
 * helper_NAME_mmx on MMX registers (s = 8: env->xmm_t0's low half).
 * SSE_FLOAT_OPS run with the guest's MXCSR and record its flags.
 */
#define SSE_INT_OPS(X)                                                      \
    X(punpcklbw) X(punpcklwd) X(punpckldq) X(packsswb) X(pcmpgtb)           \
    X(pcmpgtw) X(pcmpgtd) X(packuswb) X(punpckhbw) X(punpckhwd)             \
    X(punpckhdq) X(packssdw) X(pcmpeqb) X(pcmpeqw) X(pcmpeqd) X(psrlw)      \
    X(psrld) X(psrlq) X(paddq) X(pmullw) X(psubusb) X(psubusw) X(pminub)    \
    X(pand) X(paddusb) X(paddusw) X(pmaxub) X(pandn) X(pavgb) X(psraw)      \
    X(psrad) X(pavgw) X(pmulhuw) X(pmulhw) X(psubsb) X(psubsw) X(pminsw)    \
    X(por) X(paddsb) X(paddsw) X(pmaxsw) X(pxor) X(psllw) X(pslld)          \
    X(psllq) X(pmuludq) X(pmaddwd) X(psadbw) X(psubb) X(psubw) X(psubd)     \
    X(psubq) X(paddb) X(paddw) X(paddd)
/* XMM only, no MXCSR involvement. */
#define SSE_XMM_OPS(X)                                                      \
    X(punpcklqdq) X(punpckhqdq) X(andps) X(andpd) X(andnps) X(andnpd)       \
    X(orps) X(orpd) X(xorps) X(xorpd) X(unpcklps) X(unpcklpd) X(unpckhps)   \
    X(unpckhpd) X(movhlps) X(movlhps)
#define SSE_FLOAT_OPS(X)                                                    \
    X(addps) X(addpd) X(addss) X(addsd) X(mulps) X(mulpd) X(mulss)          \
    X(mulsd) X(subps) X(subpd) X(subss) X(subsd) X(minps) X(minpd)          \
    X(minss) X(minsd) X(divps) X(divpd) X(divss) X(divsd) X(maxps)          \
    X(maxpd) X(maxss) X(maxsd) X(sqrtps) X(sqrtpd) X(sqrtss) X(sqrtsd)      \
    X(rsqrtps) X(rsqrtss) X(rcpps) X(rcpss) X(cvtps2pd) X(cvtpd2ps)         \
    X(cvtss2sd) X(cvtsd2ss) X(cvtdq2ps) X(cvtps2dq) X(cvttps2dq)            \
    X(cvttpd2dq) X(cvtdq2pd) X(cvtpd2dq)

#define SSE_PROTO_XMM(n) void helper_##n##_xmm(CPUState *env, uint32_t d, uint32_t s);
#define SSE_PROTO_MMX(n) void helper_##n##_mmx(CPUState *env, uint32_t d, uint32_t s);
SSE_INT_OPS(SSE_PROTO_XMM)
SSE_INT_OPS(SSE_PROTO_MMX)
SSE_XMM_OPS(SSE_PROTO_XMM)
SSE_FLOAT_OPS(SSE_PROTO_XMM)

/* With an immediate: X(name) -> void helper_name(CPUState *env, uint32_t d,
 * uint32_t s, uint32_t imm) */
#define SSE_IMM_HELPERS(X)                                                  \
    X(pshufd) X(pshufhw) X(pshuflw) X(pshufw) X(shufps) X(shufpd)           \
    X(cmpps) X(cmppd) X(cmpss) X(cmpsd) X(psrldq) X(pslldq)                 \
    X(pinsrw_xmm) X(pinsrw_mmx)
#define SSE_PROTO_IMM(n) void helper_##n(CPUState *env, uint32_t d, uint32_t s, uint32_t imm);
SSE_IMM_HELPERS(SSE_PROTO_IMM)

/* Results in a general register: X(name) -> uint32_t helper_name(CPUState
 * *env, uint32_t s, uint32_t imm) */
#define SSE_TO_GPR_HELPERS(X)                                               \
    X(cvtss2si) X(cvttss2si) X(cvtsd2si) X(cvttsd2si) X(movmskps)           \
    X(movmskpd) X(pmovmskb_xmm) X(pmovmskb_mmx) X(pextrw_xmm)               \
    X(pextrw_mmx)
#define SSE_PROTO_TO_GPR(n) uint32_t helper_##n(CPUState *env, uint32_t s, uint32_t imm);
SSE_TO_GPR_HELPERS(SSE_PROTO_TO_GPR)

/* Two operands, no result register: X(name) -> void helper_name(CPUState
 * *env, uint32_t d, uint32_t s) */
#define SSE_MISC_HELPERS(X)                                                 \
    X(ucomiss) X(comiss) X(ucomisd) X(comisd) X(cvtsi2ss) X(cvtsi2sd)       \
    X(cvtpi2ps) X(cvtpi2pd) X(cvtps2pi) X(cvttps2pi) X(cvtpd2pi)            \
    X(cvttpd2pi) X(mmx_touch) X(mmx_touch_write)
#define SSE_PROTO_MISC(n) void helper_##n(CPUState *env, uint32_t d, uint32_t s);
SSE_MISC_HELPERS(SSE_PROTO_MISC)

void helper_ldmxcsr(CPUState *env, uint32_t v);
uint32_t helper_stmxcsr(CPUState *env);

#endif
