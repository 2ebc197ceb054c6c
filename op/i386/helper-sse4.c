/*
 * Helpers of SSE3, SSSE3, SSE4.1, SSE4.2, AES-NI and PCLMULQDQ (Intel SDM
 * vol. 2, each instruction; op/i386/helper-sse4.h says which are here).
 *
 * As in op/i386/helper-sse.c the host runs the guest's instruction: while
 * generated code runs the host's MXCSR is the guest's
 * (op/i386/fpu-state.h), so ROUNDPS's "use MXCSR" mode, DPPS's rounding
 * and every exception flag are the hardware's own, and an unmasked
 * exception is a real #XM.  An immediate is part of the host
 * instruction's encoding, so each helper is a switch with one case per
 * value of imm8, all 256 of them: the bits the SDM calls reserved reach
 * the hardware as the guest wrote them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cc-op.h"
#include "helper-sse4.h"

/* X(a, k) for k = 0 .. 255. */
#define IMM4(X, a, k) X(a, (k)) X(a, (k) + 1) X(a, (k) + 2) X(a, (k) + 3)
#define IMM16(X, a, k)                                                      \
    IMM4(X, a, k) IMM4(X, a, (k) + 4) IMM4(X, a, (k) + 8) IMM4(X, a, (k) + 12)
#define IMM64(X, a, k)                                                      \
    IMM16(X, a, k) IMM16(X, a, (k) + 16) IMM16(X, a, (k) + 32)              \
    IMM16(X, a, (k) + 48)
#define IMM256(X, a)                                                        \
    IMM64(X, a, 0) IMM64(X, a, 64) IMM64(X, a, 128) IMM64(X, a, 192)

/* ---- SSSE3 on MMX registers ---- */

#define DEF_SSSE3_MMX(opc, n)                                               \
    void helper_##n##_mmx(CPUState *env, uint32_t d, uint32_t s)            \
    {                                                                       \
        __asm__ __volatile__("movq (%[d]), %%mm0\n\tmovq (%[s]), %%mm1\n\t" \
                             #n " %%mm1, %%mm0\n\tmovq %%mm0, (%[d])\n\t"   \
                             "emms"                                         \
                             : : [d] "r"(mmx(env, d)), [s] "r"(mmx(env, s)) \
                             : "mm0", "mm1", "memory");                     \
        mmx_state(env);                                                     \
        mmx_written(env, d);                                                \
    }
SSSE3_OPS(DEF_SSSE3_MMX)

#define PALIGNR_MMX_CASE(unused, k)                                         \
    case k:                                                                 \
        __asm__ __volatile__("movq (%[d]), %%mm0\n\tmovq (%[s]), %%mm1\n\t" \
                             "palignr %[i], %%mm1, %%mm0\n\t"               \
                             "movq %%mm0, (%[d])\n\temms"                   \
                             : : [d] "r"(pd), [s] "r"(ps), [i] "i"(k)       \
                             : "mm0", "mm1", "memory");                     \
        break;

void helper_palignr_mmx(CPUState *env, uint32_t d, uint32_t s, uint32_t imm)
{
    uint64_t *pd = mmx(env, d), *ps = mmx(env, s);

    switch (imm & 0xff) {
        IMM256(PALIGNR_MMX_CASE, 0)
    }
    mmx_state(env);
    mmx_written(env, d);
}

/* ---- xmm d op= xmm s, imm8 ---- */

#define XMM_IMM_CASE(insn, k)                                               \
    case k:                                                                 \
        __asm__ __volatile__("movdqu (%[d]), %%xmm0\n\t"                    \
                             "movdqu (%[s]), %%xmm1\n\t" insn               \
                             " %[i], %%xmm1, %%xmm0\n\t"                    \
                             "movdqu %%xmm0, (%[d])"                        \
                             : : [d] "r"(pd), [s] "r"(ps), [i] "i"(k)       \
                             : "xmm0", "xmm1", "memory");                   \
        break;

#define DEF_XMM_IMM(opc, n, ...)                                            \
    void helper_##n(CPUState *env, uint32_t d, uint32_t s, uint32_t imm)    \
    {                                                                       \
        XMMReg *pd = xmm(env, d), *ps = xmm(env, s);                        \
        switch (imm & 0xff) {                                               \
            IMM256(XMM_IMM_CASE, #n)                                        \
        }                                                                   \
    }
SSE41_IMM_OPS(DEF_XMM_IMM)

/* INSERTPS: the memory form takes its single from memory and ignores
 * COUNT_S (SDM INSERTPS); the translator passes it as register 8 with
 * COUNT_S cleared, which the register form then reads the same. */
DEF_XMM_IMM(0x21, insertps)

/*
 * PCMPxSTRx (SDM vol. 2, 4.1): the explicit lengths come from EAX and
 * EDX, the index goes to ECX or the mask to XMM0, and the flags are CF
 * ZF SF OF as computed, AF and PF cleared.  LAHF and SETO read them.
 */
#define STR_CASE(insn, k)                                                   \
    case k:                                                                 \
        __asm__ __volatile__("movdqu (%[d]), %%xmm1\n\t"                    \
                             "movdqu (%[s]), %%xmm2\n\t" insn               \
                             " %[i], %%xmm2, %%xmm1\n\t"                    \
                             "movdqu %%xmm0, (%[m])\n\tlahf\n\tseto %b[o]"  \
                             : "+a"(a), "+c"(c), [o] "=&q"(o)               \
                             : "d"(dx), [d] "r"(pd), [s] "r"(ps),           \
                               [m] "r"(&mask), [i] "i"(k)                   \
                             : "xmm0", "xmm1", "xmm2", "memory", "cc");     \
        break;

static void str_result(CPUState *env, uint32_t a, uint32_t o)
{
    env->cc_src = ((a >> 8) & (CC_S | CC_Z | CC_C)) | (o & 1 ? CC_O : 0);
    env->cc_op = CC_OP_EFLAGS;
}

#define DEF_STR(opc, n)                                                     \
    void helper_##n(CPUState *env, uint32_t d, uint32_t s, uint32_t imm)    \
    {                                                                       \
        XMMReg *pd = xmm(env, d), *ps = xmm(env, s), mask;                  \
        uint64_t a = env->regs[R_EAX], dx = env->regs[R_EDX];               \
        uint64_t c = env->regs[R_ECX], o = 0;                               \
        switch (imm & 0xff) {                                               \
            IMM256(STR_CASE, #n)                                            \
        }                                                                   \
        if ((opc) & 1) /* ..STRI: the index */                              \
            env->regs[R_ECX] = (uint32_t)c;                                 \
        else                                                                \
            env->xmm[0] = mask;                                             \
        str_result(env, (uint32_t)a, (uint32_t)o);                          \
    }
SSE42_STR_OPS(DEF_STR)

/* ---- element extracts and inserts (SDM PEXTRB, PINSRB ...) ---- */

uint32_t helper_pextrb(CPUState *env, uint32_t s, uint32_t imm)
{
    return xmm(env, s)->b[imm & 15];
}

uint32_t helper_pextrw4(CPUState *env, uint32_t s, uint32_t imm)
{
    return xmm(env, s)->w[imm & 7];
}

uint32_t helper_pextrd(CPUState *env, uint32_t s, uint32_t imm)
{
    return xmm(env, s)->l[imm & 3];
}

void helper_pinsrb(CPUState *env, uint32_t d, uint32_t v, uint32_t imm)
{
    xmm(env, d)->b[imm & 15] = (uint8_t)v;
}

void helper_pinsrd(CPUState *env, uint32_t d, uint32_t v, uint32_t imm)
{
    xmm(env, d)->l[imm & 3] = v;
}
