/*
 * SSE, SSE2 and MMX helpers (Intel SDM vol. 1, chapters 9-11; vol. 2 for
 * each instruction), and the CPUID feature word.
 *
 * The SSE/SSE2 instructions on XMM registers that the host can run as
 * they are are micro-ops of their own (op/i386/op-sse.c); what is left here
 * are the MMX forms and the irregular rest.  As there, the host runs the
 * guest's instruction itself: operands are copied into host registers,
 * the instruction runs, the result is copied back.  Floating-point
 * instructions run under the guest's MXCSR, which is the host's own
 * while generated code runs (op/i386/fpu-state.h), so results and flags
 * are the hardware's own and an unmasked exception is a real #XM.  What
 * the host cannot run with a run-time operand (immediates: shuffles,
 * byte shifts, compare predicates, word insert/extract) is plain C or a
 * switch over the immediate.
 *
 * MMX instructions put the x87 in MMX state: TOP = 0, every tag valid,
 * and a written register's exponent field set to all ones (SDM vol. 1,
 * 9.5.1).  The translator runs MMX instructions with the guest's x87
 * state moved back into CPUState (translate/i386/sse.c), so the host registers
 * they use for the arithmetic are scratch, emptied again with EMMS.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "cc-op.h"
#include "helper-fpu.h"
#include "helper-sse4.h"
#include "helper.h"

/* STITCH_CPUID_NOSIMD set (to anything but "" or "0"): CPUID reports no
 * SIMD extension at all, whatever the -cpu model. */
static int cpuid_nosimd(void)
{
    static int nosimd = -1;

    if (nosimd < 0) {
        const char *v = getenv("STITCH_CPUID_NOSIMD");
        nosimd = v && *v && strcmp(v, "0") != 0;
    }
    return nosimd;
}

/* CPUID leaf 1 EDX (op/i386/cpu.h): the SIMD bits of the -cpu model
 * (cpu-models.c). */
uint32_t cpuid_1_edx_features(void)
{
    return CPUID_1_EDX_BASE |
           (cpuid_nosimd() ? 0 : CPUID_1_EDX_SIMD & cpu_model_simd);
}

/* CPUID leaf 1 ECX: SSE3 PCLMULQDQ SSSE3 SSE4.1 SSE4.2 AES RDRAND, as the
 * model has them; leaf 7 EBX: RDSEED. */
uint32_t cpuid_1_ecx_simd(void)
{
    return cpuid_nosimd() ? 0 : CPUID_1_ECX_SIMD & cpu_model_simd_ecx;
}

uint32_t cpuid_7_ebx_simd(void)
{
    return cpuid_nosimd() ? 0 : CPUID_7_EBX_SIMD & cpu_model_simd_ebx7;
}

void helper_mmx_touch(CPUState *env, uint32_t d, uint32_t s)
{
    (void)d;
    (void)s;
    mmx_state(env);
}

void helper_mmx_touch_write(CPUState *env, uint32_t d, uint32_t s)
{
    (void)s;
    mmx_state(env);
    mmx_written(env, d);
}

/*
 * Run `body`, a floating-point instruction: the host's MXCSR is the
 * guest's while generated code runs (op/i386/fpu-state.h), so rounding,
 * FTZ/DAZ and the exception flags are the guest's without any reload, and
 * an unmasked exception traps as it would natively (exec/cpu-exec.c).
 * The body sees the pointer operands %[d] and %[s].
 */
#define SSE_FLOAT_RUN(env, body, pd, ps)                                    \
    do {                                                                    \
        (void)(env);                                                        \
        __asm__ __volatile__(body : : [d] "r"(pd), [s] "r"(ps)              \
                             : "rax", "xmm0", "xmm1", "memory", "cc");     \
    } while (0)

#define SSE_INT_RUN(body, pd, ps)                                           \
    __asm__ __volatile__(body : : [d] "r"(pd), [s] "r"(ps)                  \
                         : "xmm0", "xmm1", "mm0", "mm1", "memory", "cc")

#define MMX_BODY(insn)                                                      \
    "movq (%[d]), %%mm0\n\tmovq (%[s]), %%mm1\n\t" insn                     \
    " %%mm1, %%mm0\n\tmovq %%mm0, (%[d])\n\temms"

#define DEF_INT_MMX(opc, n)                                                 \
    void helper_##n##_mmx(CPUState *env, uint32_t d, uint32_t s)            \
    {                                                                       \
        SSE_INT_RUN(MMX_BODY(#n), mmx(env, d), mmx(env, s));                \
        mmx_state(env);                                                     \
        mmx_written(env, d);                                                \
    }
SSE_INT_OPS(DEF_INT_MMX)

/* ---- compares ---- */

/* CMPPS/CMPPD/CMPSS/CMPSD: the predicate is an immediate, so one host
 * instruction per predicate (SDM CMPPS table 3-7, predicates 0-7). */
#define CMP_CASE(insn, k)                                                   \
    case k:                                                                 \
        SSE_FLOAT_RUN(env, "movdqu (%[d]), %%xmm0\n\tmovdqu (%[s]), "       \
                           "%%xmm1\n\t" insn " $" #k ", %%xmm1, %%xmm0\n\t" \
                           "movdqu %%xmm0, (%[d])",                         \
                      xmm(env, d), xmm(env, s));                            \
        break;
#define DEF_CMP(n)                                                          \
    void helper_##n(CPUState *env, uint32_t d, uint32_t s, uint32_t imm)    \
    {                                                                       \
        switch (imm & 7) {                                                  \
            CMP_CASE(#n, 0) CMP_CASE(#n, 1) CMP_CASE(#n, 2)                 \
            CMP_CASE(#n, 3) CMP_CASE(#n, 4) CMP_CASE(#n, 5)                 \
            CMP_CASE(#n, 6) CMP_CASE(#n, 7)                                 \
        }                                                                   \
    }
DEF_CMP(cmpps)
DEF_CMP(cmppd)
DEF_CMP(cmpss)
DEF_CMP(cmpsd)

/* ---- conversions involving general or MMX registers ---- */

/* CVTPI2PS/PD xmm, mm/m64: the host's XMM forms from a copy of the MMX
 * operand.  CVTPI2PS from a register (not memory) enters MMX state. */
void helper_cvtpi2ps(CPUState *env, uint32_t d, uint32_t s)
{
    XMMReg t = {.q = {*mmx(env, s), 0}}, r;

    SSE_FLOAT_RUN(env, "movdqu (%[s]), %%xmm1\n\tcvtdq2ps %%xmm1, %%xmm0\n\t"
                       "movdqu %%xmm0, (%[d])",
                  &r, &t);
    xmm(env, d)->q[0] = r.q[0];
    if (s < 8)
        mmx_state(env);
}

void helper_cvtpi2pd(CPUState *env, uint32_t d, uint32_t s)
{
    XMMReg t = {.q = {*mmx(env, s), 0}};

    SSE_FLOAT_RUN(env, "cvtdq2pd (%[s]), %%xmm0\n\tmovdqu %%xmm0, (%[d])",
                  xmm(env, d), &t);
    if (s < 8)
        mmx_state(env);
}

/* CVT(T)PS2PI mm, xmm/m64 and CVT(T)PD2PI mm, xmm/m128. */
/* CVT(T)PS2PI reads two singles: the upper half of the copy is zero, so
 * it raises no flags. */
#define DEF_TO_MMX(n, x, full)                                              \
    void helper_##n(CPUState *env, uint32_t d, uint32_t s)                  \
    {                                                                       \
        XMMReg r, t = *xmm(env, s);                                         \
        if (!full)                                                          \
            t.q[1] = 0;                                                     \
        SSE_FLOAT_RUN(env, "movdqu (%[s]), %%xmm1\n\t" x " %%xmm1, %%xmm0\n\t" \
                           "movdqu %%xmm0, (%[d])",                         \
                      &r, &t);                                              \
        mmx_state(env);                                                     \
        *mmx(env, d) = r.q[0];                                              \
        mmx_written(env, d);                                                \
    }
DEF_TO_MMX(cvtps2pi, "cvtps2dq", 0)
DEF_TO_MMX(cvttps2pi, "cvttps2dq", 0)
DEF_TO_MMX(cvtpd2pi, "cvtpd2dq", 1)
DEF_TO_MMX(cvttpd2pi, "cvttpd2dq", 1)

/* ---- shuffles and byte shifts (immediate operands) ---- */

void helper_pshufd(CPUState *env, uint32_t d, uint32_t s, uint32_t imm)
{
    XMMReg v = *xmm(env, s), *r = xmm(env, d);

    for (int i = 0; i < 4; i++)
        r->l[i] = v.l[(imm >> (2 * i)) & 3];
}

void helper_pshuflw(CPUState *env, uint32_t d, uint32_t s, uint32_t imm)
{
    XMMReg v = *xmm(env, s), *r = xmm(env, d);

    for (int i = 0; i < 4; i++)
        r->w[i] = v.w[(imm >> (2 * i)) & 3];
    r->q[1] = v.q[1];
}

void helper_pshufhw(CPUState *env, uint32_t d, uint32_t s, uint32_t imm)
{
    XMMReg v = *xmm(env, s), *r = xmm(env, d);

    for (int i = 0; i < 4; i++)
        r->w[4 + i] = v.w[4 + ((imm >> (2 * i)) & 3)];
    r->q[0] = v.q[0];
}

void helper_pshufw(CPUState *env, uint32_t d, uint32_t s, uint32_t imm)
{
    uint64_t v = *mmx(env, s), r = 0;

    for (int i = 0; i < 4; i++)
        r |= ((v >> (16 * ((imm >> (2 * i)) & 3))) & 0xffff) << (16 * i);
    mmx_state(env);
    *mmx(env, d) = r;
    mmx_written(env, d);
}

/* SHUFPS: the low two from the destination, the high two from the
 * source (SDM SHUFPS). */
void helper_shufps(CPUState *env, uint32_t d, uint32_t s, uint32_t imm)
{
    XMMReg a = *xmm(env, d), b = *xmm(env, s), *r = xmm(env, d);

    r->l[0] = a.l[imm & 3];
    r->l[1] = a.l[(imm >> 2) & 3];
    r->l[2] = b.l[(imm >> 4) & 3];
    r->l[3] = b.l[(imm >> 6) & 3];
}

void helper_shufpd(CPUState *env, uint32_t d, uint32_t s, uint32_t imm)
{
    XMMReg a = *xmm(env, d), b = *xmm(env, s), *r = xmm(env, d);

    r->q[0] = a.q[imm & 1];
    r->q[1] = b.q[(imm >> 1) & 1];
}

/* PSRLDQ/PSLLDQ xmm, imm8: byte shifts; a count above 15 clears. */
void helper_psrldq(CPUState *env, uint32_t d, uint32_t s, uint32_t imm)
{
    XMMReg v = *xmm(env, d), *r = xmm(env, d);

    (void)s;
    for (uint32_t i = 0; i < 16; i++)
        r->b[i] = i + imm < 16 ? v.b[i + imm] : 0;
}

void helper_pslldq(CPUState *env, uint32_t d, uint32_t s, uint32_t imm)
{
    XMMReg v = *xmm(env, d), *r = xmm(env, d);

    (void)s;
    for (uint32_t i = 0; i < 16; i++)
        r->b[i] = i >= imm ? v.b[i - imm] : 0;
}

/* PINSRW: `s` is the value (from a register or m16). */
void helper_pinsrw_xmm(CPUState *env, uint32_t d, uint32_t s, uint32_t imm)
{
    xmm(env, d)->w[imm & 7] = (uint16_t)s;
}

void helper_pinsrw_mmx(CPUState *env, uint32_t d, uint32_t s, uint32_t imm)
{
    uint64_t *r = mmx(env, d);
    int sh = 16 * (imm & 3);

    mmx_state(env);
    *r = (*r & ~(0xffffull << sh)) | (uint64_t)(uint16_t)s << sh;
    mmx_written(env, d);
}

/*
 * MASKMOVQ, MASKMOVDQU, VMASKMOVDQU (SDM vol. 2): the selected bytes are
 * stored, the others left alone.  Whether a zero mask or an unselected
 * byte can still fault is the implementation's choice (SDM: "exceptions
 * ... may be signaled"); the AMD host this was measured on checks the
 * whole 8 or 16 bytes as one write first, so a fault reports the first
 * byte of the destination's first page that is not writable, with
 * nothing stored, whatever the mask (tests/guest/87-maskmov.c).  The
 * probe is a locked OR of 0 at the first byte of each page: a write
 * that changes nothing and loses no other thread's store.
 */
void helper_maskmov_bytes(uint32_t addr, const uint8_t *data, const uint8_t *mask, int n)
{
    uint32_t last = addr + (uint32_t)n - 1;

    __atomic_fetch_or((volatile uint8_t *)g2h(addr), 0, __ATOMIC_RELAXED);
    if ((last ^ addr) & ~(uint32_t)(GUEST_PAGE_SIZE - 1))
        __atomic_fetch_or((volatile uint8_t *)g2h(last & ~(uint32_t)(GUEST_PAGE_SIZE - 1)),
                          0, __ATOMIC_RELAXED);
    for (int i = 0; i < n; i++)
        if (mask[i] & 0x80)
            *(uint8_t *)g2h(addr + (uint32_t)i) = data[i];
}

void helper_maskmovq(CPUState *env, uint32_t d, uint32_t s, uint32_t addr)
{
    uint64_t v = *mmx(env, d), m = *mmx(env, s);

    mmx_state(env);
    helper_maskmov_bytes(addr, (const uint8_t *)&v, (const uint8_t *)&m, 8);
}

void helper_maskmovdqu(CPUState *env, uint32_t d, uint32_t s, uint32_t addr)
{
    XMMReg v = *xmm(env, d), m = *xmm(env, s);

    helper_maskmov_bytes(addr, v.b, m.b, 16);
}

/* ---- results in a general register ---- */

uint32_t helper_pextrw_xmm(CPUState *env, uint32_t s, uint32_t imm)
{
    return xmm(env, s)->w[imm & 7];
}

uint32_t helper_pextrw_mmx(CPUState *env, uint32_t s, uint32_t imm)
{
    mmx_state(env);
    return (uint16_t)(*mmx(env, s) >> (16 * (imm & 3)));
}

/* PMOVMSKB mm: the sign bits of the bytes. */
uint32_t helper_pmovmskb_mmx(CPUState *env, uint32_t s, uint32_t imm)
{
    uint64_t v = *mmx(env, s);
    uint32_t m = 0;

    (void)imm;
    mmx_state(env);
    for (int i = 0; i < 8; i++)
        m |= (uint32_t)((v >> (8 * i + 7)) & 1) << i;
    return m;
}

/* ---- MXCSR ---- */

/* LDMXCSR/STMXCSR act on the host's MXCSR, which is the guest's while
 * generated code runs.  A bit the CPU does not implement (outside its
 * MXCSR_MASK) is #GP(0), checked before the host's LDMXCSR would fault
 * in stitch itself. */
void helper_ldmxcsr(CPUState *env, uint32_t v)
{
    if (v & ~host_mxcsr_mask())
        helper_raise_exception(env, EXCP_GPF);
    __asm__ __volatile__("ldmxcsr %0" : : "m"(v) : "memory");
}

uint32_t helper_stmxcsr(CPUState *env)
{
    uint32_t m;

    (void)env;
    __asm__ __volatile__("stmxcsr %0" : "=m"(m) : : "memory");
    return m;
}
