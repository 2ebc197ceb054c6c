/*
 * The AVX instructions run by helper_avx() (op/i386/helper-avx.c), called
 * by op_avx_helper and op_avx_helper_T0 (op/i386/op-fpu-sse.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_HELPER_AVX_H
#define STITCH_HELPER_AVX_H

#include <stdint.h>

#include "cpu.h"

/* X(id) */
#define AVX_HELPER_OPS(X)                                                   \
    X(PSHUFD) X(PSHUFHW) X(PSHUFLW) X(SHUFPS) X(SHUFPD) X(PALIGNR)          \
    X(PSRLDQ) X(PSLLDQ) X(PBLENDW) X(PERMILPS) X(PERMILPD) X(PERMQ)         \
    X(PERM2F128) X(INSERT128) X(EXTRACT128) X(PBLENDD) X(BLENDPS)           \
    X(BLENDPD) X(BLENDVPS) X(BLENDVPD) X(PBLENDVB) X(PTEST) X(TESTPS)       \
    X(TESTPD) X(PMOVMSKB) X(MOVMSKPS) X(MOVMSKPD) X(CMPPS) X(CMPPD)         \
    X(CMPSS) X(CMPSD) X(ROUNDPS) X(ROUNDPD) X(ROUNDSS) X(ROUNDSD)           \
    X(CVTPS2PH) X(DPPS) X(MPSADBW)

enum {
#define AVXH_ENUM(n) AVXH_##n,
    AVX_HELPER_OPS(AVXH_ENUM)
#undef AVXH_ENUM
};

/* The register numbers (8: the memory operand, xmm_t0/ymmh[8]) and
 * VEX.L packed into one parameter. */
#define AVXR(d, v, s, l) ((uint32_t)(d) | (uint32_t)(v) << 4 | (uint32_t)(s) << 8 | (uint32_t)(l) << 12)
#define AVXR_D(r) ((int)(r) & 15)
#define AVXR_V(r) ((int)((r) >> 4) & 15)
#define AVXR_S(r) ((int)((r) >> 8) & 15)
#define AVXR_L(r) ((int)((r) >> 12) & 1)

/* Runs instruction `id` on the registers `regs` with immediate `imm`;
 * returns the mask of the MOVMSK ones (0 otherwise). */
uint32_t helper_avx(CPUState *env, uint32_t regs, uint32_t imm, uint32_t id);

/* A gather's or masked move's kind: with AVX_KIND_LIMIT the helper
 * checks each active element against the limit of the segment in bits
 * 10:8 (the TB's HF_LIMITS or HF_SS_LIMITS; translate/i386/avx.c). */
#define AVX_KIND_SEG_SHIFT 8
#define AVX_KIND_LIMIT (1u << 11)

/* VMASKMOV*, VPMASKMOV*, VMASKMOVDQU at guest address addr; kind:
 * element size (1, 4, 8) | 16 for a store. */
void helper_avx_maskmov(CPUState *env, uint32_t regs, uint32_t addr, uint32_t kind);

/* The AVX2 gathers at guest address addr (segment base + base + disp);
 * regs: destination, mask (as v), index (as s), VEX.L. */
void helper_avx_gather(CPUState *env, uint32_t regs, uint32_t addr, uint32_t kind);

/* XGETBV, XSAVE, XRSTOR, XSAVEC (op/i386/helper-avx.c). */
void helper_xgetbv(CPUState *env);
void helper_xsave(CPUState *env, uint32_t addr, uint32_t rfbm);
void helper_xrstor(CPUState *env, uint32_t addr, uint32_t rfbm);
void helper_xsavec(CPUState *env, uint32_t addr, uint32_t rfbm);

#endif
