/*
 * Guest SIMD micro-operations: SSE and SSE2 instructions on XMM registers
 * that run as themselves, inline, with no helper call (op/sse-ops.h has
 * the lists; the MMX forms and the irregular rest are op/op-fpu-sse.c).
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
 * possibly faulting: the host's MXCSR is the guest's (include/fpu-state.h),
 * so an unmasked exception is the guest's #XM, raised right here.
 *
 * Parameters are loaded with `movl $__op_paramN, reg` inside the asm (the
 * only parameter relocation dyngen knows, R_X86_64_32, op/op-x86_64.h);
 * a 32-bit move zero-extends, so the register indexes env directly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "op-x86_64.h"
#include "cc-op.h"
#include "sse-ops.h"

/* The guest address A0 as a 64-bit index from guest_base. */
#define GADDR ((uintptr_t)A0)

#define LD_P1(r) "movl $__op_param1, %k[" #r "]\n\t"
#define LD_P2(r) "movl $__op_param2, %k[" #r "]\n\t"
#define LOAD_D "movdqa (%[env],%[d]), %%xmm0\n\t"
#define STORE_D "movdqa %%xmm0, (%[env],%[d])"

/* ---- xmm(PARAM1) op= xmm(PARAM2), and xmm(PARAM1) op= guest [A0] ---- */

#define SIMD_BINARY(name, msize)                                            \
    void op_simd_##name(void)                                               \
    {                                                                       \
        uintptr_t d, s;                                                     \
        __asm__ __volatile__(LD_P1(d) LD_P2(s) LOAD_D                       \
                             #name " (%[env],%[s]), %%xmm0\n\t" STORE_D     \
                             : [d] "=&r"(d), [s] "=&r"(s)                   \
                             : [env] "r"(env)                               \
                             : "memory");                                   \
        NEXT();                                                             \
    }                                                                       \
    void op_simd_##name##_m(void)                                           \
    {                                                                       \
        uintptr_t d;                                                        \
        if ((msize) == 16) /* unaligned: see translate/sse.c */             \
            __asm__ __volatile__(LD_P1(d)                                   \
                                 "movdqu (%[gb],%[a]), %%xmm1\n\t" LOAD_D  \
                                 #name " %%xmm1, %%xmm0\n\t" STORE_D        \
                                 : [d] "=&r"(d)                             \
                                 : [env] "r"(env), [gb] "r"(GB),            \
                                   [a] "r"(GADDR)                           \
                                 : "memory");                               \
        else                                                                \
            __asm__ __volatile__(LD_P1(d) LOAD_D                            \
                                 #name " (%[gb],%[a]), %%xmm0\n\t" STORE_D  \
                                 : [d] "=&r"(d)                             \
                                 : [env] "r"(env), [gb] "r"(GB),            \
                                   [a] "r"(GADDR)                           \
                                 : "memory");                               \
        NEXT();                                                             \
    }
#define SIMD_INT(opc, name) SIMD_BINARY(name, 16)
#define SIMD_XMM(opc, pfx, name, msize) SIMD_BINARY(name, msize)
SSE_INT_OPS(SIMD_INT)
SSE_XMM_OPS(SIMD_XMM)

/* Register-only forms: both operands in host registers. */
#define SIMD_REG_ONLY(name)                                                 \
    void op_simd_##name(void)                                               \
    {                                                                       \
        uintptr_t d, s;                                                     \
        __asm__ __volatile__(LD_P1(d) LD_P2(s) LOAD_D                       \
                             "movdqa (%[env],%[s]), %%xmm1\n\t"             \
                             #name " %%xmm1, %%xmm0\n\t" STORE_D            \
                             : [d] "=&r"(d), [s] "=&r"(s)                   \
                             : [env] "r"(env)                               \
                             : "memory");                                   \
        NEXT();                                                             \
    }
SSE_REG_ONLY_OPS(SIMD_REG_ONLY)

/* Shifts by an immediate: the count (PARAM2) as the register form's
 * 64-bit count operand, which shifts the same. */
#define SIMD_SHIFT_IMM(name)                                                \
    void op_simd_##name##_im(void)                                          \
    {                                                                       \
        uintptr_t d, c;                                                     \
        __asm__ __volatile__(LD_P1(d) LD_P2(c) "movq %[c], %%xmm1\n\t"      \
                             LOAD_D #name " %%xmm1, %%xmm0\n\t" STORE_D     \
                             : [d] "=&r"(d), [c] "=&r"(c)                   \
                             : [env] "r"(env)                               \
                             : "memory");                                   \
        NEXT();                                                             \
    }
SSE_SHIFT_IMM_OPS(SIMD_SHIFT_IMM)

/* ---- moves ---- */

/* MOVAPS/MOVUPS/MOVDQA... xmm, xmm: xmm(PARAM1) = xmm(PARAM2). */
void op_simd_movo(void)
{
    uintptr_t d, s;

    __asm__ __volatile__(LD_P1(d) LD_P2(s) "movdqa (%[env],%[s]), %%xmm0\n\t"
                         STORE_D
                         : [d] "=&r"(d), [s] "=&r"(s) : [env] "r"(env)
                         : "memory");
    NEXT();
}

/* PXOR/XORPS/XORPD of a register with itself: zero, without reading
 * it, so that the zeroing idiom still breaks the dependency on the
 * register's previous value (which the idiom is there for: CVTSI2SD
 * after it writes only the low half). */
void op_simd_zero(void)
{
    uintptr_t d;

    __asm__ __volatile__(LD_P1(d) "pxor %%xmm0, %%xmm0\n\t" STORE_D
                         : [d] "=&r"(d) : [env] "r"(env) : "memory");
    NEXT();
}

/* MOVQ xmm, xmm: the low quadword, the high one zeroed. */
void op_simd_movq(void)
{
    uintptr_t d, s;

    __asm__ __volatile__(LD_P1(d) LD_P2(s) "movq (%[env],%[s]), %%xmm0\n\t"
                         STORE_D
                         : [d] "=&r"(d), [s] "=&r"(s) : [env] "r"(env)
                         : "memory");
    NEXT();
}

/* Loads from guest memory into xmm(PARAM1): 16 bytes (alignment is not
 * checked), or 8 or 4 with the rest zeroed (MOVSD, MOVQ, MOVSS, MOVD). */
#define SIMD_LOAD(name, insn)                                               \
    void op_simd_##name##_A0(void)                                          \
    {                                                                       \
        uintptr_t d;                                                        \
        __asm__ __volatile__(LD_P1(d) insn " (%[gb],%[a]), %%xmm0\n\t"      \
                             STORE_D                                        \
                             : [d] "=&r"(d)                                 \
                             : [env] "r"(env), [gb] "r"(GB), [a] "r"(GADDR) \
                             : "memory");                                   \
        NEXT();                                                             \
    }
SIMD_LOAD(ldo, "movdqu")
SIMD_LOAD(ldq, "movq")
SIMD_LOAD(ldd, "movd")

/* MOVLPS/MOVLPD, MOVHPS/MOVHPD from memory: one half replaced. */
#define SIMD_LOAD_HALF(name, insn)                                          \
    void op_simd_##name##_A0(void)                                          \
    {                                                                       \
        uintptr_t d;                                                        \
        __asm__ __volatile__(LD_P1(d) LOAD_D insn " (%[gb],%[a]), %%xmm0\n\t" \
                             STORE_D                                        \
                             : [d] "=&r"(d)                                 \
                             : [env] "r"(env), [gb] "r"(GB), [a] "r"(GADDR) \
                             : "memory");                                   \
        NEXT();                                                             \
    }
SIMD_LOAD_HALF(ldlo, "movlpd")
SIMD_LOAD_HALF(ldhi, "movhpd")

/* 16-byte store: one host store, so a fault on its second page leaves
 * the first untouched, as natively. */
void op_simd_sto_A0(void)
{
    uintptr_t d;

    __asm__ __volatile__(LD_P1(d) LOAD_D "movdqu %%xmm0, (%[gb],%[a])"
                         : [d] "=&r"(d)
                         : [env] "r"(env), [gb] "r"(GB), [a] "r"(GADDR)
                         : "memory");
    NEXT();
}

/* 8 or 4 bytes of xmm(PARAM1) (at any offset) to guest memory: MOVSD,
 * MOVQ, MOVLPD, MOVHPD (PARAM1 + 8), MOVSS, MOVD. */
#define SIMD_STORE(name, insn)                                              \
    void op_simd_##name##_A0(void)                                          \
    {                                                                       \
        uintptr_t d;                                                        \
        __asm__ __volatile__(LD_P1(d) insn " (%[env],%[d]), %%xmm0\n\t"     \
                             insn " %%xmm0, (%[gb],%[a])"                   \
                             : [d] "=&r"(d)                                 \
                             : [env] "r"(env), [gb] "r"(GB), [a] "r"(GADDR) \
                             : "memory");                                   \
        NEXT();                                                             \
    }
SIMD_STORE(stq, "movq")
SIMD_STORE(std, "movd")

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
 * is left is the CC_OP_EFLAGS record (op/cc-op.h), as FCOMI's. */
#define SIMD_COMI(name, msize)                                              \
    void op_simd_##name(void)                                               \
    {                                                                       \
        uintptr_t d, s;                                                     \
        uint32_t fl;                                                        \
        __asm__ __volatile__(LD_P1(d) LD_P2(s) LOAD_D                       \
                             #name " (%[env],%[s]), %%xmm0\n\tlahf"         \
                             : [d] "=&r"(d), [s] "=&r"(s), "=a"(fl)         \
                             : [env] "r"(env)                               \
                             : "memory", "cc");                             \
        env->cc_src = (fl >> 8) & (CC_Z | CC_P | CC_C);                     \
        env->cc_op = CC_OP_EFLAGS;                                          \
        NEXT();                                                             \
    }                                                                       \
    void op_simd_##name##_m(void)                                           \
    {                                                                       \
        uintptr_t d;                                                        \
        uint32_t fl;                                                        \
        __asm__ __volatile__(LD_P1(d) LOAD_D                                \
                             #name " (%[gb],%[a]), %%xmm0\n\tlahf"          \
                             : [d] "=&r"(d), "=a"(fl)                       \
                             : [env] "r"(env), [gb] "r"(GB), [a] "r"(GADDR) \
                             : "memory", "cc");                             \
        env->cc_src = (fl >> 8) & (CC_Z | CC_P | CC_C);                     \
        env->cc_op = CC_OP_EFLAGS;                                          \
        NEXT();                                                             \
    }
SSE_COMI_OPS(SIMD_COMI)

/* ---- conversions and masks with a general register (T0) ---- */

/* CVTSI2SS/SD xmm(PARAM1), T0: the destination's other elements kept. */
#define SIMD_FROM_INT(name)                                                 \
    void op_simd_##name##_T0(void)                                          \
    {                                                                       \
        uintptr_t d;                                                        \
        __asm__ __volatile__(LD_P1(d) LOAD_D #name "l %k[t], %%xmm0\n\t"    \
                             STORE_D                                        \
                             : [d] "=&r"(d) : [env] "r"(env), [t] "r"(T0)  \
                             : "memory");                                   \
        NEXT();                                                             \
    }
SIMD_FROM_INT(cvtsi2ss)
SIMD_FROM_INT(cvtsi2sd)

/* CVT(T)SS2SI, CVT(T)SD2SI: T0 = the integer from xmm(PARAM1) or [A0]. */
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
    void op_simd_##name##_T0_m(void)                                        \
    {                                                                       \
        __asm__ __volatile__(#name " (%[gb],%[a]), %k[t]"                   \
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
