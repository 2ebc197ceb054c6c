/*
 * Guest SIMD micro-operations: SSE and SSE2 instructions on XMM registers
 * that run as themselves, inline, with no helper call (op/i386/sse-ops.h has
 * the lists; the MMX forms and the irregular rest are op/i386/op-fpu-sse.c).
 *
 * The guest's XMM registers live in env->xmm[] (16-byte aligned); an op
 * gets them as CPUState offsets in its parameters, loads the destination
 * into host %xmm0, runs the guest's instruction with the source as a
 * memory operand -- env->xmm[s], or guest memory at guest_base + A0 --
 * and stores %xmm0 back.  Registers are always loaded and stored whole,
 * 16 bytes: the upper elements come back exactly as the hardware left
 * them (ADDSD keeps bits 64-127, CVTPD2PS zeroes them), and a register
 * written here and read by the next op is forwarded from the store
 * buffer instead of stalling on a narrower store.
 *
 * The op flags forbid vector registers to GCC (-mgeneral-regs-only), so
 * %xmm0 and %xmm1 are free scratch in every op and nothing lives in them
 * between ops; GCC refuses them as asm clobbers under that flag, which is
 * why the statements below list none.  dyngen accepts %xmm only in ops
 * named simd_* (dyngen/check.c), and marks those that compute as
 * possibly faulting: the host's MXCSR is the guest's (op/i386/fpu-state.h),
 * so an unmasked exception is the guest's #XM, raised right here.
 *
 * Every op that writes an XMM register leaves the value in %xmm0 as well,
 * and nothing else touches %xmm0 but helpers (which may use it freely)
 * and these ops.  So when the translator knows that %xmm0 still holds an
 * operand (translate/i386/sse.c: "what %xmm0 holds"), or has it in the
 * register cache (%xmm8-15, below), it picks the variant that skips
 * reloading it from env -- the store-to-load round trip that otherwise
 * sits on every dependency chain:
 *   NAME_xd  the destination is already in %xmm0
 *   NAME_xs  the source is in %xmm0
 *   NAME_x1  the source is in %xmm1 (NAME_xd_x1: and the destination in
 *            %xmm0)
 * env is still written by every op, so a fault anywhere sees exact state.
 *
 * Parameters are loaded with `movl $__op_paramN, reg` inside the asm (the
 * only parameter relocation dyngen knows, R_X86_64_32, op/op-x86_64.h;
 * under --interp, a load from the thread: OP_PARAM_ASM); a 32-bit move
 * zero-extends, so the register indexes env directly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stddef.h>

#include "op-x86_64.h"
#include "cc-op.h"
#include "sse-ops.h"

/* The guest address A0 as a 64-bit index from guest_base. */
#define GADDR ((uintptr_t)A0)

#define LD_P1(r) "movl " OP_PARAM_ASM(1) ", %k[" #r "]\n\t"
#define LD_P2(r) "movl " OP_PARAM_ASM(2) ", %k[" #r "]\n\t"
#define LOAD_D "movdqa (%[env],%[d]), %%xmm0\n\t"
#define LOAD_S1 "movdqa (%[env],%[s]), %%xmm1\n\t"
#define STORE_D "movdqa %%xmm0, (%[env],%[d])"
#define MEM "(%[gb],%[a])"

/*
 * The asm statement of an op: `body` with d = PARAM1, s = PARAM2 (both
 * CPUState offsets) and, for the _M forms, guest memory at MEM.  The
 * parameters are loaded whether the body names them or not, so the
 * variants of one instruction take the same parameters.
 */
#define ASM_DS(body)                                                        \
    do {                                                                    \
        uintptr_t d, s;                                                     \
        __asm__ __volatile__(LD_P1(d) LD_P2(s) body                         \
                             : [d] "=&r"(d), [s] "=&r"(s) : [env] "r"(env)  \
                             : "memory");                                   \
    } while (0)
#define ASM_D(body)                                                         \
    do {                                                                    \
        uintptr_t d;                                                        \
        __asm__ __volatile__(LD_P1(d) body : [d] "=&r"(d) : [env] "r"(env) \
                             : "memory");                                   \
    } while (0)
#define ASM_D_M(body)                                                       \
    do {                                                                    \
        uintptr_t d;                                                        \
        __asm__ __volatile__(LD_P1(d) body                                  \
                             : [d] "=&r"(d)                                 \
                             : [env] "r"(env), [gb] "r"(GB), [a] "r"(GADDR) \
                             : "memory");                                   \
    } while (0)
#define ASM_M(body)                                                         \
    __asm__ __volatile__(body : : [gb] "r"(GB), [a] "r"(GADDR) : "memory")

#define DEF_OP(name, stmt)                                                  \
    void op_simd_##name(void)                                               \
    {                                                                       \
        stmt;                                                               \
        NEXT();                                                             \
    }

/* ---- xmm(PARAM1) op= xmm(PARAM2), and xmm(PARAM1) op= guest [A0] ---- */

/* The source in %xmm1 (put there from the register cache, below): NAME_x1
 * loads the destination from env, NAME_xd_x1 finds it in %xmm0. */
#define SIMD_X1(name)                                                       \
    DEF_OP(name##_x1, ASM_D(LOAD_D #name " %%xmm1, %%xmm0\n\t" STORE_D))    \
    DEF_OP(name##_xd_x1, ASM_D(#name " %%xmm1, %%xmm0\n\t" STORE_D))

/* A 16-byte memory source goes through %xmm1 with an unaligned load:
 * stitch does not check the alignment of SSE memory operands. */
#define SIMD_BINARY(name, msize)                                            \
    DEF_OP(name##_m,                                                        \
           if ((msize) == 16)                                               \
               ASM_D_M("movdqu " MEM ", %%xmm1\n\t" LOAD_D #name            \
                       " %%xmm1, %%xmm0\n\t" STORE_D);                      \
           else ASM_D_M(LOAD_D #name " " MEM ", %%xmm0\n\t" STORE_D))       \
    DEF_OP(name##_m_xd,                                                     \
           if ((msize) == 16)                                               \
               ASM_D_M("movdqu " MEM ", %%xmm1\n\t" #name                   \
                       " %%xmm1, %%xmm0\n\t" STORE_D);                      \
           else ASM_D_M(#name " " MEM ", %%xmm0\n\t" STORE_D))                \
    SIMD_X1(name)
#define SIMD_INT(opc, name) SIMD_BINARY(name, 16)
#define SIMD_XMM(opc, pfx, name, msize) SIMD_BINARY(name, msize)
#define SIMD_38(opc, name, msize) SIMD_BINARY(name, msize)
#define SIMD_SSSE3(opc, name) SIMD_BINARY(name, 16)
SSE_INT_OPS(SIMD_INT)
SSE_XMM_OPS(SIMD_XMM)
SSE3_XMM_OPS(SIMD_XMM)
SSSE3_OPS(SIMD_SSSE3)
SSE41_XMM_OPS(SIMD_38)

/* Register-only forms: both operands in host registers. */
#define SIMD_REG_ONLY(name)                                                 \
    DEF_OP(name, ASM_DS(LOAD_D LOAD_S1 #name " %%xmm1, %%xmm0\n\t" STORE_D))\
    SIMD_X1(name)
SSE_REG_ONLY_OPS(SIMD_REG_ONLY)

/*
 * ---- the register cache: guest XMM register N in host %xmm(8+N) ----
 *
 * No op but these names %xmm8-%xmm15 (the op flags fix them: -ffixed-),
 * so what the translator put there stays until a helper (C code, free to
 * use them) runs; translate/i386/sse.c ("the register cache") tracks
 * which of them hold their guest register, within one TB.  env stays
 * written by every op, so the cache is only ever a copy.
 *   cache_get0_N   %xmm(8+N) -> %xmm0 (a destination)
 *   cache_get1_N   %xmm(8+N) -> %xmm1 (a source)
 *   cache_put_N    %xmm0 -> %xmm(8+N) (the result just stored to env)
 *   cache_fill_N   env->xmm[N] -> %xmm(8+N) and %xmm1 (a source not cached)
 */
#define CACHE_OPS(n, h)                                                     \
    DEF_OP(cache_get0_##n, __asm__ __volatile__("movdqa %%xmm" #h ", %%xmm0" : :))\
    DEF_OP(cache_get1_##n, __asm__ __volatile__("movdqa %%xmm" #h ", %%xmm1" : :))\
    DEF_OP(cache_put_##n, __asm__ __volatile__("movdqa %%xmm0, %%xmm" #h : :)) \
    DEF_OP(cache_fill_##n,                                                  \
           __asm__ __volatile__("movdqa %c[x](%[env]), %%xmm1\n\t"          \
                                "movdqa %%xmm1, %%xmm" #h                   \
                                : : [env] "r"(env),                         \
                                  [x] "i"(offsetof(CPUState, xmm[n]))       \
                                : "memory"))
CACHE_OPS(0, 8) CACHE_OPS(1, 9) CACHE_OPS(2, 10) CACHE_OPS(3, 11)
CACHE_OPS(4, 12) CACHE_OPS(5, 13) CACHE_OPS(6, 14) CACHE_OPS(7, 15)

/* Shifts by an immediate: the count (PARAM2) as the register form's
 * 64-bit count operand, which shifts the same. */
#define SIMD_SHIFT_IMM(name)                                                \
    DEF_OP(name##_im, ASM_DS("movq %[s], %%xmm1\n\t" LOAD_D #name           \
                             " %%xmm1, %%xmm0\n\t" STORE_D))
SSE_SHIFT_IMM_OPS(SIMD_SHIFT_IMM)

/* ---- moves ---- */

/* MOVAPS/MOVUPS/MOVDQA... xmm, xmm: xmm(PARAM1) = xmm(PARAM2). */
DEF_OP(movo, ASM_DS("movdqa (%[env],%[s]), %%xmm0\n\t" STORE_D))
DEF_OP(movo_xs, ASM_D(STORE_D))

/* PXOR/XORPS/XORPD of a register with itself: zero, without reading
 * it, so that the zeroing idiom still breaks the dependency on the
 * register's previous value (which the idiom is there for: CVTSI2SD
 * after it writes only the low half). */
DEF_OP(zero, ASM_D("pxor %%xmm0, %%xmm0\n\t" STORE_D))

/* MOVQ xmm, xmm: the low quadword, the high one zeroed. */
DEF_OP(movq, ASM_DS("movq (%[env],%[s]), %%xmm0\n\t" STORE_D))

/* Loads from guest memory into xmm(PARAM1): 16 bytes (alignment is not
 * checked), or 8 or 4 with the rest zeroed (MOVSD, MOVQ, MOVSS, MOVD);
 * MOVLPS/MOVLPD, MOVHPS/MOVHPD replace one half. */
DEF_OP(ldo_A0, ASM_D_M("movdqu " MEM ", %%xmm0\n\t" STORE_D))
DEF_OP(ldq_A0, ASM_D_M("movq " MEM ", %%xmm0\n\t" STORE_D))
DEF_OP(ldd_A0, ASM_D_M("movd " MEM ", %%xmm0\n\t" STORE_D))
DEF_OP(ldlo_A0, ASM_D_M(LOAD_D "movlpd " MEM ", %%xmm0\n\t" STORE_D))
DEF_OP(ldhi_A0, ASM_D_M(LOAD_D "movhpd " MEM ", %%xmm0\n\t" STORE_D))

/* Stores of xmm(PARAM1) to guest memory: 16 bytes in one host store (so
 * a fault on its second page leaves the first untouched, as natively),
 * or 8 or 4 (MOVSD, MOVQ, MOVLPD, MOVHPD at PARAM1 + 8, MOVSS, MOVD). */
DEF_OP(sto_A0, ASM_D_M(LOAD_D "movdqu %%xmm0, " MEM))
DEF_OP(stq_A0, ASM_D_M("movq (%[env],%[d]), %%xmm0\n\tmovq %%xmm0, " MEM))
DEF_OP(std_A0, ASM_D_M("movd (%[env],%[d]), %%xmm0\n\tmovd %%xmm0, " MEM))
DEF_OP(sto_A0_xs, ASM_M("movdqu %%xmm0, " MEM))
DEF_OP(stq_A0_xs, ASM_M("movq %%xmm0, " MEM))
DEF_OP(std_A0_xs, ASM_M("movd %%xmm0, " MEM))

/* MOVD xmm, r/m32 (after the load into T0): the rest zeroed. */
void op_simd_movd_T0(void)
{
    uintptr_t d;

    __asm__ __volatile__(LD_P1(d) "movd %k[t], %%xmm0\n\t" STORE_D
                         : [d] "=&r"(d) : [env] "r"(env), [t] "r"(T0)
                         : "memory");
    NEXT();
}

/* ---- compares: the host's ZF PF CF are the answer ---- */

/* LAHF puts SF ZF AF PF CF in AH; (U)COMIS* cleared SF and AF, so what
 * is left is the CC_OP_EFLAGS record (op/i386/cc-op.h), as FCOMI's. */
#define COMI_RECORD(fl)                                                     \
    do {                                                                    \
        env->cc_src = ((fl) >> 8) & (CC_Z | CC_P | CC_C);                   \
        env->cc_op = CC_OP_EFLAGS;                                          \
    } while (0)
#define COMI_DS(name, load)                                                 \
    do {                                                                    \
        uintptr_t d, s;                                                     \
        uint32_t fl;                                                        \
        __asm__ __volatile__(LD_P1(d) LD_P2(s) load                         \
                             #name " (%[env],%[s]), %%xmm0\n\tlahf"         \
                             : [d] "=&r"(d), [s] "=&r"(s), "=a"(fl)         \
                             : [env] "r"(env)                               \
                             : "memory", "cc");                             \
        COMI_RECORD(fl);                                                    \
    } while (0)
#define COMI_M(name, load)                                                  \
    do {                                                                    \
        uintptr_t d;                                                        \
        uint32_t fl;                                                        \
        __asm__ __volatile__(LD_P1(d) load #name " " MEM ", %%xmm0\n\tlahf" \
                             : [d] "=&r"(d), "=a"(fl)                       \
                             : [env] "r"(env), [gb] "r"(GB), [a] "r"(GADDR) \
                             : "memory", "cc");                             \
        COMI_RECORD(fl);                                                    \
    } while (0)
#define COMI_X1(name, load)                                                 \
    do {                                                                    \
        uintptr_t d;                                                        \
        uint32_t fl;                                                        \
        __asm__ __volatile__(LD_P1(d) load #name " %%xmm1, %%xmm0\n\tlahf"  \
                             : [d] "=&r"(d), "=a"(fl) : [env] "r"(env)      \
                             : "memory", "cc");                             \
        COMI_RECORD(fl);                                                    \
    } while (0)
#define SIMD_COMI(name, msize)                                              \
    DEF_OP(name##_x1, COMI_X1(name, LOAD_D))                                \
    DEF_OP(name##_xd_x1, COMI_X1(name, ""))                                 \
    DEF_OP(name, COMI_DS(name, LOAD_D))                                     \
    DEF_OP(name##_m, COMI_M(name, LOAD_D))                                  \
    DEF_OP(name##_m_xd, COMI_M(name, ""))
SSE_COMI_OPS(SIMD_COMI)

/* ---- conversions and masks with a general register (T0) ---- */

/* CVTSI2SS/SD xmm(PARAM1), T0: the destination's other elements kept. */
#define FROM_INT(name, load)                                                \
    do {                                                                    \
        uintptr_t d;                                                        \
        __asm__ __volatile__(LD_P1(d) load #name "l %k[t], %%xmm0\n\t"      \
                             STORE_D                                        \
                             : [d] "=&r"(d) : [env] "r"(env), [t] "r"(T0)  \
                             : "memory");                                   \
    } while (0)
DEF_OP(cvtsi2ss_T0, FROM_INT(cvtsi2ss, LOAD_D))
DEF_OP(cvtsi2sd_T0, FROM_INT(cvtsi2sd, LOAD_D))
DEF_OP(cvtsi2ss_T0_xd, FROM_INT(cvtsi2ss, ""))
DEF_OP(cvtsi2sd_T0_xd, FROM_INT(cvtsi2sd, ""))

/* CVT(T)SS2SI, CVT(T)SD2SI: T0 = the integer from xmm(PARAM1), from
 * %xmm0, or from [A0]. */
#define SIMD_TO_INT(name, msize)                                            \
    void op_simd_##name##_T0(void)                                          \
    {                                                                       \
        uintptr_t s;                                                        \
        __asm__ __volatile__(LD_P1(s) #name " (%[env],%[s]), %k[t]"         \
                             : [s] "=&r"(s), [t] "=r"(T0)                   \
                             : [env] "r"(env)                               \
                             : "memory");                                   \
        NEXT();                                                             \
    }                                                                       \
    void op_simd_##name##_T0_xs(void)                                       \
    {                                                                       \
        __asm__ __volatile__(#name " %%xmm0, %k[t]" : [t] "=r"(T0));        \
        NEXT();                                                             \
    }                                                                       \
    void op_simd_##name##_T0_m(void)                                        \
    {                                                                       \
        __asm__ __volatile__(#name " " MEM ", %k[t]"                        \
                             : [t] "=r"(T0)                                 \
                             : [gb] "r"(GB), [a] "r"(GADDR)                 \
                             : "memory");                                   \
        NEXT();                                                             \
    }
SSE_TO_INT_OPS(SIMD_TO_INT)

/* MOVMSKPS, MOVMSKPD, PMOVMSKB: T0 = the sign bits of xmm(PARAM1). */
#define SIMD_MASK(name)                                                     \
    void op_simd_##name##_T0(void)                                          \
    {                                                                       \
        uintptr_t s;                                                        \
        __asm__ __volatile__(LD_P1(s) "movdqa (%[env],%[s]), %%xmm0\n\t"    \
                             #name " %%xmm0, %k[t]"                         \
                             : [s] "=&r"(s), [t] "=r"(T0)                   \
                             : [env] "r"(env)                               \
                             : "memory");                                   \
        NEXT();                                                             \
    }
SSE_MASK_OPS(SIMD_MASK)

/* ---- SSE4.1 ---- */

/* PBLENDVB BLENDVPS BLENDVPD xmm(PARAM1), xmm(PARAM2) or [A0]: the mask
 * is the guest's XMM0, which the host instruction reads from its own
 * %xmm0, so the destination is worked on in %xmm1 and %xmm0 is left
 * holding no destination (the translator records nothing). */
#define GUEST_XMM0 "%c[x0](%[env])"
#define SIMD_BLENDV(opc, name)                                              \
    void op_simd_##name(void)                                               \
    {                                                                       \
        uintptr_t d, s;                                                     \
        __asm__ __volatile__(LD_P1(d) LD_P2(s)                              \
                             "movdqa (%[env],%[d]), %%xmm1\n\t"             \
                             "movdqa " GUEST_XMM0 ", %%xmm0\n\t" #name      \
                             " (%[env],%[s]), %%xmm1\n\t"                   \
                             "movdqa %%xmm1, (%[env],%[d])"                 \
                             : [d] "=&r"(d), [s] "=&r"(s)                   \
                             : [env] "r"(env),                              \
                               [x0] "i"(offsetof(CPUState, xmm))            \
                             : "memory");                                   \
        NEXT();                                                             \
    }                                                                       \
    void op_simd_##name##_m(void)                                           \
    {                                                                       \
        uintptr_t d;                                                        \
        __asm__ __volatile__(LD_P1(d) "movdqu " MEM ", %%xmm2\n\t"          \
                             "movdqa (%[env],%[d]), %%xmm1\n\t"             \
                             "movdqa " GUEST_XMM0 ", %%xmm0\n\t" #name      \
                             " %%xmm2, %%xmm1\n\t"                          \
                             "movdqa %%xmm1, (%[env],%[d])"                 \
                             : [d] "=&r"(d)                                 \
                             : [env] "r"(env), [gb] "r"(GB),                \
                               [a] "r"(GADDR),                              \
                               [x0] "i"(offsetof(CPUState, xmm))            \
                             : "memory");                                   \
        NEXT();                                                             \
    }
SSE41_BLENDV_OPS(SIMD_BLENDV)

/* PTEST xmm(PARAM1), xmm(PARAM2) or [A0]: ZF and CF from the test, the
 * other four cleared (SDM PTEST), read with LAHF as for COMISS. */
#define PTEST_RECORD(fl)                                                    \
    do {                                                                    \
        env->cc_src = ((fl) >> 8) & (CC_Z | CC_C);                          \
        env->cc_op = CC_OP_EFLAGS;                                          \
    } while (0)

void op_simd_ptest(void)
{
    uintptr_t d, s;
    uint32_t fl;

    __asm__ __volatile__(LD_P1(d) LD_P2(s) LOAD_D
                         "ptest (%[env],%[s]), %%xmm0\n\tlahf"
                         : [d] "=&r"(d), [s] "=&r"(s), "=a"(fl)
                         : [env] "r"(env)
                         : "memory", "cc");
    PTEST_RECORD(fl);
    NEXT();
}

void op_simd_ptest_m(void)
{
    uintptr_t d;
    uint32_t fl;

    __asm__ __volatile__(LD_P1(d) "movdqu " MEM ", %%xmm1\n\t" LOAD_D
                         "ptest %%xmm1, %%xmm0\n\tlahf"
                         : [d] "=&r"(d), "=a"(fl)
                         : [env] "r"(env), [gb] "r"(GB), [a] "r"(GADDR)
                         : "memory", "cc");
    PTEST_RECORD(fl);
    NEXT();
}

/* ---- SSE4.2 CRC32 (F2 0F 38 F0, F1): T0 = crc32(T1, T0's low bytes) ---- */
#define CRC32_OP(sfx, mod)                                                  \
    void op_crc32##sfx##_T0_T1(void)                                        \
    {                                                                       \
        uint32_t c = T1;                                                    \
        __asm__("crc32" #sfx " %" mod "[v], %[c]" : [c] "+r"(c) : [v] "r"(T0)); \
        T0 = c;                                                             \
        NEXT();                                                             \
    }
CRC32_OP(b, "b")
CRC32_OP(w, "w")
CRC32_OP(l, "k")

/* ---- RDRAND, RDSEED: T0 and CF from the host's instruction ---- */
#define RAND_OP(name)                                                       \
    void op_##name##_T0(void)                                               \
    {                                                                       \
        uint32_t v;                                                         \
        uint8_t ok;                                                         \
        __asm__ __volatile__(#name " %[v]\n\tsetc %[ok]"                    \
                             : [v] "=r"(v), [ok] "=q"(ok) : : "cc");        \
        T0 = v;                                                             \
        env->cc_src = ok ? CC_C : 0;                                        \
        env->cc_op = CC_OP_EFLAGS;                                          \
        NEXT();                                                             \
    }
RAND_OP(rdrand)
RAND_OP(rdseed)

/* RDPID: the host's TSC_AUX (cpuid_7_ecx(), op/i386/helper-int.c); no
 * flags change. */
void op_rdpid_T0(void)
{
    uint64_t v;

    __asm__ __volatile__("rdpid %0" : "=r"(v));
    T0 = (uint32_t)v;
    NEXT();
}
