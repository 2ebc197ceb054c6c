/*
 * Guest AVX micro-operations: the VEX instructions of op/i386/avx-ops.h,
 * each run inline as itself on the host (which has AVX2, FMA and F16C:
 * the -cpu models that advertise them are refused on a host without,
 * op/i386/cpu-models.c), as op/i386/op-sse.c does for SSE.
 *
 * A guest YMM register i is env->xmm[i] (bits 127:0) and env->ymmh[i]
 * (bits 255:128), YMMH_DIST bytes apart (op/i386/cpu.h), so one CPUState
 * offset names both halves: a 256-bit operand is loaded with VMOVDQA and
 * VINSERTF128 and stored with VMOVDQA and VEXTRACTF128.  Parameters:
 * register forms (d, v, s) = (destination, VEX.vvvv, r/m) as CPUState
 * offsets; memory forms (d, v) with the r/m operand at guest_base + A0,
 * read with no alignment check (VEX loads have none except
 * VMOVAPS/VMOVDQA's, see docs/divergences.md).
 *
 * Scratch: host %ymm0-%ymm3 (the op flags keep GCC off vector registers,
 * op/i386/op-sse.c says why none is listed as clobbered).  A 256-bit op
 * ends with VZEROUPPER, so the SSE ops after it never run with dirty
 * upper halves (the AVX-SSE transition cost of Intel hosts).  The names
 * start with simd_ (dyngen/check.c accepts vector registers only there,
 * and the SSE decoder's %xmm0 forwarding treats them as clobbering it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stddef.h>

#include "op-x86_64.h"
#include "cc-op.h"
#include "avx-ops.h"
#include "helper-avx.h"

#define GADDR ((uintptr_t)A0)
#define MEM "(%[gb],%[a])"

#define LD_P(n, r) "movl " OP_PARAM_ASM(n) ", %k[" #r "]\n\t"
/* Low half of a register into %xmmX; the whole YMM into %ymmX. */
#define XL(r, x) "vmovdqa (%[env],%[" #r "]), %%xmm" #x "\n\t"
#define YL(r, x)                                                            \
    XL(r, x) "vinsertf128 $1, %c[dh](%[env],%[" #r "]), %%ymm" #x           \
             ", %%ymm" #x "\n\t"
/* Store %xmm0 to the destination, zeroing its upper half (VEX.128). */
#define XS                                                                  \
    "vmovdqa %%xmm0, (%[env],%[d])\n\t"                                     \
    "vpxor %%xmm3, %%xmm3, %%xmm3\n\t"                                      \
    "vmovdqa %%xmm3, %c[dh](%[env],%[d])\n\t"
/* Store %ymm0 to the destination (VEX.256). */
#define YS                                                                  \
    "vmovdqa %%xmm0, (%[env],%[d])\n\t"                                     \
    "vextractf128 $1, %%ymm0, %c[dh](%[env],%[d])\n\t"                      \
    "vzeroupper\n\t"

#define ASM_R(body)                                                         \
    do {                                                                    \
        uintptr_t d, v, s;                                                  \
        __asm__ __volatile__(LD_P(1, d) LD_P(2, v) LD_P(3, s) body          \
                             : [d] "=&r"(d), [v] "=&r"(v), [s] "=&r"(s)     \
                             : [env] "r"(env), [dh] "i"(YMMH_DIST)          \
                             : "memory");                                   \
    } while (0)
#define ASM_M(body)                                                         \
    do {                                                                    \
        uintptr_t d, v;                                                     \
        __asm__ __volatile__(LD_P(1, d) LD_P(2, v) body                     \
                             : [d] "=&r"(d), [v] "=&r"(v)                   \
                             : [env] "r"(env), [dh] "i"(YMMH_DIST),         \
                               [gb] "r"(GB), [a] "r"(GADDR)                 \
                             : "memory");                                   \
    } while (0)

#define DEF_OP(name, stmt)                                                  \
    void op_simd_##name(void)                                               \
    {                                                                       \
        stmt;                                                               \
        NEXT();                                                             \
    }

/* ---- the kinds of op/i386/avx-ops.h ---- */

#define OPS_B128(n)                                                         \
    DEF_OP(n##_r128, ASM_R(XL(v, 1) XL(s, 2) #n " %%xmm2, %%xmm1, %%xmm0\n\t" XS)) \
    DEF_OP(n##_m128, ASM_M(XL(v, 1) #n " " MEM ", %%xmm1, %%xmm0\n\t" XS))
#define OPS_B(n) OPS_B128(n) OPS_B256(n)
#define OPS_B256(n)                                                         \
    DEF_OP(n##_r256, ASM_R(YL(v, 1) YL(s, 2) #n " %%ymm2, %%ymm1, %%ymm0\n\t" YS)) \
    DEF_OP(n##_m256, ASM_M(YL(v, 1) #n " " MEM ", %%ymm1, %%ymm0\n\t" YS))
#define OPS_SH(n)                                                           \
    OPS_B128(n)                                                             \
    DEF_OP(n##_r256, ASM_R(YL(v, 1) XL(s, 2) #n " %%xmm2, %%ymm1, %%ymm0\n\t" YS)) \
    DEF_OP(n##_m256, ASM_M(YL(v, 1) #n " " MEM ", %%ymm1, %%ymm0\n\t" YS))
#define OPS_F128(n)                                                         \
    DEF_OP(n##_r128, ASM_R(XL(d, 0) XL(v, 1) XL(s, 2)                       \
                           #n " %%xmm2, %%xmm1, %%xmm0\n\t" XS))            \
    DEF_OP(n##_m128, ASM_M(XL(d, 0) XL(v, 1) #n " " MEM ", %%xmm1, %%xmm0\n\t" XS))
#define OPS_F(n)                                                            \
    OPS_F128(n)                                                             \
    DEF_OP(n##_r256, ASM_R(YL(d, 0) YL(v, 1) YL(s, 2)                       \
                           #n " %%ymm2, %%ymm1, %%ymm0\n\t" YS))            \
    DEF_OP(n##_m256, ASM_M(YL(d, 0) YL(v, 1) #n " " MEM ", %%ymm1, %%ymm0\n\t" YS))
#define OPS_U128(n)                                                         \
    DEF_OP(n##_r128, ASM_R(XL(s, 2) #n " %%xmm2, %%xmm0\n\t" XS))           \
    DEF_OP(n##_m128, ASM_M(#n " " MEM ", %%xmm0\n\t" XS))
#define OPS_U(n)                                                            \
    OPS_U128(n)                                                             \
    DEF_OP(n##_r256, ASM_R(YL(s, 2) #n " %%ymm2, %%ymm0\n\t" YS))           \
    DEF_OP(n##_m256, ASM_M(#n " " MEM ", %%ymm0\n\t" YS))
#define OPS_W(n) OPS_U128(n) OPS_W256(n)
#define OPS_W256(n)                                                         \
    DEF_OP(n##_r256, ASM_R(XL(s, 2) #n " %%xmm2, %%ymm0\n\t" YS))           \
    DEF_OP(n##_m256, ASM_M(#n " " MEM ", %%ymm0\n\t" YS))
#define OPS_N(n)                                                            \
    DEF_OP(n##_r128, ASM_R(XL(s, 2) #n " %%xmm2, %%xmm0\n\t" XS))           \
    DEF_OP(n##_m128, ASM_M(#n "x " MEM ", %%xmm0\n\t" XS))                  \
    DEF_OP(n##_r256, ASM_R(YL(s, 2) #n " %%ymm2, %%xmm0\n\t" XS))           \
    DEF_OP(n##_m256, ASM_M(#n "y " MEM ", %%xmm0\n\t" XS))

/* The scalar (L_IG) and single-length entries have only the forms of
 * their length; the translator's table leaves the others empty. */
#define OPS_K_B_L_BOTH(n) OPS_B(n)
#define OPS_K_B_L_IG(n) OPS_B128(n)
#define OPS_K_B_L_128(n) OPS_B128(n)
#define OPS_K_B_L_256(n) OPS_B256(n)
#define OPS_K_SH_L_BOTH(n) OPS_SH(n)
#define OPS_K_F_L_BOTH(n) OPS_F(n)
#define OPS_K_F_L_IG(n) OPS_F128(n)
#define OPS_K_U_L_BOTH(n) OPS_U(n)
#define OPS_K_U_L_128(n) OPS_U128(n)
#define OPS_K_W_L_BOTH(n) OPS_W(n)
#define OPS_K_W_L_256(n) OPS_W256(n)
#define OPS_K_N_L_BOTH(n) OPS_N(n)
#define AVX_DEF(map, pp, opc, w, lmode, kind, n) OPS_##kind##_##lmode(n)
AVX_MAP1_OPS(AVX_DEF)
AVX_MAP2_OPS(AVX_DEF)

#define OPS_R(n)                                                            \
    DEF_OP(n##_r128, ASM_R(XL(v, 1) XL(s, 2) #n " %%xmm2, %%xmm1, %%xmm0\n\t" XS))
#define OPS_M(n)                                                            \
    DEF_OP(n##_m128, ASM_M(XL(v, 1) #n " " MEM ", %%xmm1, %%xmm0\n\t" XS))
AVX_R_OPS(OPS_R)
AVX_M_OPS(OPS_M)

/* Memory-only loads. */
DEF_OP(vbroadcasti128_m256, ASM_M("vbroadcastf128 " MEM ", %%ymm0\n\t" YS))
DEF_OP(vmovss_ld_m128, ASM_M("vmovss " MEM ", %%xmm0\n\t" XS))
DEF_OP(vmovsd_ld_m128, ASM_M("vmovsd " MEM ", %%xmm0\n\t" XS))

/* Register moves (VMOVDQA/U, VMOVAPS/UPS/APD/UPD, either direction) and
 * the stores to memory: d is the register, the memory at A0. */
DEF_OP(vmov_r128, ASM_R(XL(s, 0) XS))
DEF_OP(vmov_r256, ASM_R(YL(s, 0) YS))
DEF_OP(vmov_m128, ASM_M("vmovdqu " MEM ", %%xmm0\n\t" XS))
DEF_OP(vmov_m256, ASM_M("vmovdqu " MEM ", %%ymm0\n\t" YS))
DEF_OP(vst_m128, ASM_M(XL(d, 0) "vmovdqu %%xmm0, " MEM "\n\t"))
DEF_OP(vst_m256, ASM_M(YL(d, 0) "vmovdqu %%ymm0, " MEM "\n\tvzeroupper\n\t"))

/* Shifts by an immediate: d = VEX.vvvv, s = r/m, PARAM3 the count. */
#define OPS_SHI(n, opc, reg)                                                \
    DEF_OP(n##_i128, ASM_R(XL(v, 2) "vmovd %k[s], %%xmm3\n\t"               \
                           #n " %%xmm3, %%xmm2, %%xmm0\n\t" XS))            \
    DEF_OP(n##_i256, ASM_R(YL(v, 2) "vmovd %k[s], %%xmm3\n\t"               \
                           #n " %%xmm3, %%ymm2, %%ymm0\n\t" YS))
AVX_SHIFT_IMM_OPS(OPS_SHI)

/* Bits 255:128 of register PARAM1 (an xmm[] offset) := 0, after a
 * VEX.128 instruction run by a legacy SSE op. */
void op_avx_zero_hi(void)
{
    XMMReg *h = (XMMReg *)((char *)env + PARAM1 + YMMH_DIST);

    h->q[0] = 0;
    h->q[1] = 0;
    NEXT();
}

/* The imm8 and irregular forms (op/i386/helper-avx.c): PARAM1 the
 * registers (AVXR), PARAM2 the immediate, PARAM3 the instruction. */
void op_avx_helper(void)
{
    helper_avx(env, PARAM1, PARAM2, PARAM3);
    NEXT();
}

void op_avx_helper_T0(void)
{
    T0 = helper_avx(env, PARAM1, PARAM2, PARAM3);
    NEXT();
}

void op_avx_maskmov(void)
{
    helper_avx_maskmov(env, PARAM1, A0, PARAM2);
    NEXT();
}

void op_avx_gather(void)
{
    helper_avx_gather(env, PARAM1, A0, PARAM2);
    NEXT();
}

void op_xgetbv(void) { helper_xgetbv(env); NEXT(); }
void op_xsave_A0(void) { helper_xsave(env, A0, 0); NEXT(); }
void op_xrstor_A0(void) { helper_xrstor(env, A0, 0); NEXT(); }
void op_xsavec_A0(void) { helper_xsavec(env, A0, 0); NEXT(); }
