/*
 * The x87 and SIMD helpers the micro-ops of op/i386/op-fpu.c call, listed once
 * as X-macros: the prototypes below, the ops (op/i386/op-fpu.c) and the
 * helpers (op/i386/helper-fpu.c, op/i386/helper-sse.c) are all derived from these
 * lists, so an instruction is added in one line here plus its body.
 *
 * Every SIMD helper runs the guest instruction's arithmetic on the host
 * (with the guest's MXCSR, op/i386/fpu-state.h): the host has the same
 * formats, so results, rounding, exception flags and condition codes are
 * the real CPU's, bit for bit.  The x87 needs no helpers except for its
 * state images (op/i386/x87-ops.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_HELPER_FPU_H
#define STITCH_HELPER_FPU_H

#include <stdint.h>
#include "cpu.h"
#include "sse-ops.h"

/* The x87 state images (op/i386/helper-fpu.c): X(name) -> void
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

/* XINUSE bits 0 (x87) and 1 (SSE) of CPUState's copy of the state: 1
 * where the component is not in its initial configuration (SDM vol. 1,
 * 13.6). */
uint32_t helper_x87_sse_inuse(CPUState *env);
/* The x87 part of the initial state alone (FNINIT, with FIP, FDP and FOP
 * zero). */
void helper_x87_init(CPUState *env);

/* ---- SSE, SSE2, MMX (op/i386/helper-sse.c) ---- */

/*
 * What runs inline needs no helper: the XMM forms of op/i386/sse-ops.h are
 * micro-ops of their own (op/i386/op-sse.c).  Helpers remain for the MMX forms
 * (they work on CPUState's copy of the x87 registers) and for the
 * instructions the host cannot run with a run-time operand (immediates).
 *
 * helper_NAME_mmx(env, d, s) runs an SSE_INT_OPS instruction on MMX
 * registers d and s (s = 8: the memory operand, env->xmm_t0's low half).
 * The other helpers take XMM register numbers, 8 being env->xmm_t0.
 */
#define SSE_PROTO_MMX(opc, n)                                               \
    void helper_##n##_mmx(CPUState *env, uint32_t d, uint32_t s);
SSE_INT_OPS(SSE_PROTO_MMX)

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
    X(pmovmskb_mmx) X(pextrw_xmm) X(pextrw_mmx)
#define SSE_PROTO_TO_GPR(n) uint32_t helper_##n(CPUState *env, uint32_t s, uint32_t imm);
SSE_TO_GPR_HELPERS(SSE_PROTO_TO_GPR)

/* Two operands, no result register: X(name) -> void helper_name(CPUState
 * *env, uint32_t d, uint32_t s) */
#define SSE_MISC_HELPERS(X)                                                 \
    X(cvtpi2ps) X(cvtpi2pd) X(cvtps2pi) X(cvttps2pi) X(cvtpd2pi)            \
    X(cvttpd2pi) X(mmx_touch) X(mmx_touch_write)
#define SSE_PROTO_MISC(n) void helper_##n(CPUState *env, uint32_t d, uint32_t s);
SSE_MISC_HELPERS(SSE_PROTO_MISC)

/* MASKMOVQ mm d, mm s and MASKMOVDQU xmm d, xmm s: the bytes of d whose
 * byte of s has its sign bit set, to guest address addr. */
void helper_maskmovq(CPUState *env, uint32_t d, uint32_t s, uint32_t addr);
void helper_maskmovdqu(CPUState *env, uint32_t d, uint32_t s, uint32_t addr);
/* The byte-masked store of those two (and VMASKMOVDQU): n bytes. */
void helper_maskmov_bytes(uint32_t addr, const uint8_t *data, const uint8_t *mask, int n);

/* MXCSR_MASK of the host's FXSAVE image (0xffbf when it says 0): the
 * kernel's mxcsr_feature_mask, which FXRSTOR and sigreturn check against. */
uint32_t host_mxcsr_mask(void);
/* The FXSAVE image at addr sets an MXCSR bit outside that mask. */
int fx_mxcsr_reserved(uint32_t addr);
/* FXRSTOR's loads from the image at addr, without the #GP of
 * fx_mxcsr_reserved: for XRSTOR, which loads MXCSR only for some
 * components and checks it itself. */
void fxrstor_image(CPUState *env, uint32_t addr);
void helper_ldmxcsr(CPUState *env, uint32_t v);
uint32_t helper_stmxcsr(CPUState *env);

#endif
