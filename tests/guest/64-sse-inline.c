/* cflags: -msse2 */
/*
 * 64-sse-inline: the SSE/SSE2 instructions that run inline
 * (op/i386/op-sse.c), where they could differ from the real CPU without the
 * helpers' copies in between:
 *  - scalar forms keep the destination's upper elements (ADDSD, SQRTSD,
 *    CVTSI2SD, MOVSD between registers) or zero them (MOVSD, MOVSS from
 *    memory), with register and memory sources, on all eight registers;
 *  - memory sources and destinations at the end of a page followed by an
 *    unmapped one: the fault is precise (address, EIP, flags of the
 *    instruction before, destination untouched, nothing stored);
 *  - unmasked SIMD exceptions (#XM): SIGFPE with the kernel's si_code,
 *    trap number 19, at the instruction, state as before it.
 * The native run is the oracle.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

typedef unsigned int u32;
typedef unsigned long long u64;
typedef struct { u64 q[2]; } __attribute__((aligned(16))) V;

static const V pat0 = {{0x3ff8000000000000ull, 0xdeadbeefcafebabeull}};
static const V pat1 = {{0x4002000000000000ull, 0x0123456789abcdefull}};
static const V sm = {{0x3fd0000040400000ull, 0x8888777766665555ull}};

static void show(const char *n, const V *r)
{
    printf("%-12s %016llx %016llx\n", n, r->q[1], r->q[0]);
}

/* ---- upper bits: xmm0 = pat0, xmm1 = pat1, [m] = sm ---- */
#define UP(name, insn)                                                      \
    static void name(void)                                                  \
    {                                                                       \
        V r;                                                                \
        __asm__ volatile("movdqa %[a], %%xmm0\n\tmovdqa %[b], %%xmm1\n\t"   \
                         "movl $-7, %%eax\n\t" insn "\n\t"                  \
                         "movdqa %%xmm0, %[r]"                              \
                         : [r] "=m"(r)                                      \
                         : [a] "m"(pat0), [b] "m"(pat1), [m] "m"(sm)        \
                         : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5",  \
                           "xmm6", "xmm7", "eax", "ecx", "edx", "cc");      \
        show(#name, &r);                                                    \
    }
UP(addsd_r, "addsd %%xmm1, %%xmm0") UP(addsd_m, "addsd %[m], %%xmm0")
UP(subsd_r, "subsd %%xmm1, %%xmm0") UP(mulsd_m, "mulsd %[m], %%xmm0")
UP(divsd_r, "divsd %%xmm1, %%xmm0") UP(divsd_m, "divsd %[m], %%xmm0")
UP(minsd_m, "minsd %[m], %%xmm0") UP(maxsd_r, "maxsd %%xmm1, %%xmm0")
UP(sqrtsd_r, "sqrtsd %%xmm1, %%xmm0") UP(sqrtsd_m, "sqrtsd %[m], %%xmm0")
UP(addsd_self, "addsd %%xmm0, %%xmm0")
UP(addss_r, "addss %%xmm1, %%xmm0") UP(mulss_m, "mulss %[m], %%xmm0")
UP(sqrtss_m, "sqrtss %[m], %%xmm0") UP(rcpss_r, "rcpss %%xmm1, %%xmm0")
UP(rsqrtss_m, "rsqrtss %[m], %%xmm0")
UP(cvtss2sd_r, "cvtss2sd %%xmm1, %%xmm0") UP(cvtss2sd_m, "cvtss2sd %[m], %%xmm0")
UP(cvtsd2ss_r, "cvtsd2ss %%xmm1, %%xmm0") UP(cvtsd2ss_m, "cvtsd2ss %[m], %%xmm0")
UP(cvtsi2sd_r, "cvtsi2sd %%eax, %%xmm0") UP(cvtsi2sd_m, "cvtsi2sdl %[m], %%xmm0")
UP(cvtsi2ss_r, "cvtsi2ss %%eax, %%xmm0")
UP(cvtps2pd_m, "cvtps2pd %[m], %%xmm0") UP(cvtdq2pd_m, "cvtdq2pd %[m], %%xmm0")
UP(cvtpd2ps_r, "cvtpd2ps %%xmm1, %%xmm0")
UP(movsd_r, "movsd %%xmm1, %%xmm0") UP(movsd_m, "movsd %[m], %%xmm0")
UP(movss_r, "movss %%xmm1, %%xmm0") UP(movss_m, "movss %[m], %%xmm0")
UP(movq_r, "movq %%xmm1, %%xmm0") UP(movq_m, "movq %[m], %%xmm0")
UP(movd_r, "movd %%eax, %%xmm0") UP(movd_m, "movd %[m], %%xmm0")
UP(movlpd_m, "movlpd %[m], %%xmm0") UP(movhpd_m, "movhpd %[m], %%xmm0")
UP(movhlps_r, "movhlps %%xmm1, %%xmm0") UP(movlhps_r, "movlhps %%xmm1, %%xmm0")
UP(unpcklpd_m, "unpcklpd %[m], %%xmm0") UP(unpckhpd_r, "unpckhpd %%xmm1, %%xmm0")
UP(andpd_m, "andpd %[m], %%xmm0") UP(xorpd_r, "xorpd %%xmm1, %%xmm0")
UP(psrlq_i, "psrlq $13, %%xmm0") UP(psraw_i, "psraw $3, %%xmm0")
UP(pslld_m, "pslld %[m], %%xmm0") UP(paddq_m, "paddq %[m], %%xmm0")
UP(cvttsd2si_m, "cvttsd2si %[m], %%eax\n\tmovd %%eax, %%xmm0")
UP(cvtss2si_r, "cvtss2si %%xmm1, %%eax\n\tmovd %%eax, %%xmm0")
UP(movmskpd_r, "movmskpd %%xmm0, %%eax\n\tmovd %%eax, %%xmm0")
UP(ucomisd_m, "ucomisd %[m], %%xmm0\n\tpushf\n\tpopl %%eax\n\tmovd %%eax, %%xmm0")
UP(comiss_r, "comiss %%xmm1, %%xmm0\n\tpushf\n\tpopl %%eax\n\tmovd %%eax, %%xmm0")

/* All eight registers: a chain through xmm2-xmm7 and back into xmm0. */
UP(chain8, "movapd %%xmm1, %%xmm2\n\tmulsd %%xmm0, %%xmm2\n\t"
           "movapd %%xmm2, %%xmm3\n\tunpcklpd %%xmm1, %%xmm3\n\t"
           "movapd %%xmm3, %%xmm4\n\taddpd %%xmm3, %%xmm4\n\t"
           "movsd %%xmm4, %%xmm5\n\tsqrtsd %%xmm5, %%xmm6\n\t"
           "movapd %%xmm6, %%xmm7\n\tsubsd %%xmm2, %%xmm7\n\t"
           "movapd %%xmm7, %%xmm0")

/* Values kept in host %xmm0 between instructions (translate/i386/sse.c):
 * across integer instructions, a helper call (CPUID), a conversion
 * through a general register, a compare and a move. */
UP(cache_int, "addsd %%xmm1, %%xmm0\n\taddl $3, %%eax\n\timull %%eax, %%eax\n\t"
              "mulsd %%xmm0, %%xmm0\n\tmovapd %%xmm0, %%xmm2\n\t"
              "subsd %%xmm1, %%xmm2\n\tcvttsd2si %%xmm2, %%eax\n\t"
              "cvtsi2sd %%eax, %%xmm2\n\tucomisd %%xmm2, %%xmm0\n\t"
              "sbbl %%eax, %%eax\n\tmovd %%eax, %%xmm3\n\t"
              "unpcklpd %%xmm2, %%xmm0\n\tpaddq %%xmm3, %%xmm0")
UP(cache_cpuid, "addsd %%xmm1, %%xmm0\n\tpushl %%ebx\n\tmovl $1, %%eax\n\t"
                "cpuid\n\tpopl %%ebx\n\taddsd %%xmm0, %%xmm0")
UP(cache_movs, "movsd %%xmm1, %%xmm0\n\tmovss %%xmm0, %%xmm2\n\t"
               "movsd %%xmm2, %%xmm0\n\tmovaps %%xmm0, %%xmm1\n\t"
               "addpd %%xmm1, %%xmm0")

static void (*const up_tests[])(void) = {
    addsd_r, addsd_m, subsd_r, mulsd_m, divsd_r, divsd_m, minsd_m, maxsd_r,
    sqrtsd_r, sqrtsd_m, addsd_self, addss_r, mulss_m, sqrtss_m, rcpss_r,
    rsqrtss_m, cvtss2sd_r, cvtss2sd_m, cvtsd2ss_r, cvtsd2ss_m, cvtsi2sd_r,
    cvtsi2sd_m, cvtsi2ss_r, cvtps2pd_m, cvtdq2pd_m, cvtpd2ps_r, movsd_r,
    movsd_m, movss_r, movss_m, movq_r, movq_m, movd_r, movd_m, movlpd_m,
    movhpd_m, movhlps_r, movlhps_r, unpcklpd_m, unpckhpd_r, andpd_m,
    xorpd_r, psrlq_i, psraw_i, pslld_m, paddq_m, cvttsd2si_m, cvtss2si_r,
    movmskpd_r, ucomisd_m, comiss_r, chain8, cache_int, cache_cpuid,
    cache_movs};

/* ---- faults ---- */

static unsigned char *pg; /* two pages, the second one unmapped */
static uintptr_t site, site_end;

static void handler(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    greg_t *g = uc->uc_mcontext.gregs;

    printf("  sig %d code %d eip=site%+ld eflags=%03x trapno=%d err=%d "
           "eax=%08x", sig, si->si_code, (long)(g[REG_EIP] - site),
           (unsigned)(g[REG_EFL] & 0x8d5), (int)g[REG_TRAPNO],
           (int)g[REG_ERR], (unsigned)g[REG_EAX]);
    if (sig == SIGSEGV)
        printf(" addr=pg%+ld", (long)((unsigned char *)si->si_addr - pg));
    printf("\n");
    g[REG_EIP] = site_end; /* skip the faulting instruction */
}

/*
 * xmm0 = pat0, xmm1 = the operand `src`, edx = the memory operand, flags
 * from a compare, MXCSR = `mx`; then the instruction between labels L and
 * L_end, then xmm0 and eax are shown and MXCSR restored.
 */
#define FAULT(name, mx, src, off, insn)                                       \
    static void name(void)                                                  \
    {                                                                       \
        extern char name##_at[], name##_end[];                              \
        static const u32 mxv = (mx), mx0 = 0x1f80;                          \
        V r;                                                                \
        u32 a;                                                              \
        site = (uintptr_t)name##_at;                                        \
        site_end = (uintptr_t)name##_end;                                   \
        printf("%s\n", #name);                                              \
        __asm__ volatile("movdqa %[a], %%xmm0\n\tmovdqa %[b], %%xmm1\n\t"   \
                         "movl %[p], %%edx\n\tldmxcsr %[mxv]\n\t"            \
                         "movl $0x11111111, %%eax\n\t"                      \
                         "cmpl $0x22222222, %%eax\n\t"                      \
                         ".globl " #name "_at\n" #name "_at:\n\t" insn "\n" \
                         ".globl " #name "_end\n" #name "_end:\n\t"         \
                         "movdqa %%xmm0, %[r]\n\tmovl %%eax, %[o]\n\t"      \
                         "ldmxcsr %[mx0]"                                   \
                         : [r] "=m"(r), [o] "=m"(a)                         \
                         : [a] "m"(pat0), [b] "m"(src), [mxv] "m"(mxv),       \
                           [mx0] "m"(mx0), [p] "r"(pg + 4096 + (off))      \
                         : "xmm0", "xmm1", "eax", "edx", "cc", "memory");   \
        show("  xmm0", &r);                                                 \
        printf("  eax=%08x\n", a);                                          \
    }

static const V zero = {{0, 0}};
static const V qnan = {{0x7ff8000000000000ull, 0}};
static const V big = {{0x7fe0000000000000ull, 0}};
static const V neg = {{0xbff0000000000000ull, 0}};
static const V tenth = {{0x3fb999999999999aull, 0}};

/* Straddling the end of the mapped page, or just past it. */
FAULT(f_movups_ld, 0x1f80, pat1, -8, "movups (%%edx), %%xmm0")
FAULT(f_movsd_ld, 0x1f80, pat1, -4, "movsd (%%edx), %%xmm0")
FAULT(f_movss_ld, 0x1f80, pat1, 0, "movss (%%edx), %%xmm0")
FAULT(f_movhpd_ld, 0x1f80, pat1, -4, "movhpd (%%edx), %%xmm0")
FAULT(f_addsd_m, 0x1f80, pat1, -4, "addsd (%%edx), %%xmm0")
FAULT(f_mulpd_m, 0x1f80, pat1, 0, "mulpd (%%edx), %%xmm0")
FAULT(f_pxor_m, 0x1f80, pat1, 0, "pxor (%%edx), %%xmm0")
FAULT(f_ucomisd_m, 0x1f80, pat1, -4, "ucomisd (%%edx), %%xmm0")
FAULT(f_cvttsd2si_m, 0x1f80, pat1, -4, "cvttsd2si (%%edx), %%eax")
FAULT(f_movups_st, 0x1f80, pat1, -8, "movups %%xmm1, (%%edx)")
FAULT(f_movsd_st, 0x1f80, pat1, -4, "movsd %%xmm1, (%%edx)")
/* Unmasked exceptions: ZM, IM, OM, PM cleared in turn. */
FAULT(x_divsd, 0x1d80, zero, -64, "divsd %%xmm1, %%xmm0")
FAULT(x_divpd, 0x1d80, zero, -64, "divpd %%xmm1, %%xmm0")
FAULT(x_comisd, 0x1f00, qnan, -64, "comisd %%xmm1, %%xmm0")
FAULT(x_ucomisd_ok, 0x1f00, qnan, -64, "ucomisd %%xmm1, %%xmm0")
FAULT(x_sqrtsd, 0x1f00, neg, -64, "sqrtsd %%xmm1, %%xmm0")
FAULT(x_cvttsd2si, 0x1f00, big, -64, "cvttsd2si %%xmm1, %%eax")
FAULT(x_mulsd_ovf, 0x1b80, big, -64, "mulsd %%xmm1, %%xmm1\n\tmovapd %%xmm1, %%xmm0")
FAULT(x_addsd_m, 0x1f00, zero, -64, "movsd %%xmm1, (%%edx)\n\t"
                                    "movl $0x7ff00001, 4(%%edx)\n\t"
                                    "addsd (%%edx), %%xmm0")
FAULT(x_cvtsd2ss_pe, 0x0f80, tenth, -64, "cvtsd2ss %%xmm1, %%xmm0")

int main(void)
{
    struct sigaction sa;

    for (unsigned i = 0; i < sizeof(up_tests) / sizeof(up_tests[0]); i++)
        up_tests[i]();

    pg = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
              -1, 0);
    if (pg == MAP_FAILED || munmap(pg + 4096, 4096) != 0)
        return 1;
    memset(pg, 0x5a, 4096);
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);

    f_movups_ld(); f_movsd_ld(); f_movss_ld(); f_movhpd_ld(); f_addsd_m();
    f_mulpd_m(); f_pxor_m(); f_ucomisd_m(); f_cvttsd2si_m();
    f_movups_st(); f_movsd_st();
    /* nothing of the faulting stores reached the mapped page */
    printf("tail %016llx\n", *(u64 *)(pg + 4088));
    x_divsd(); x_divpd(); x_comisd(); x_ucomisd_ok(); x_sqrtsd();
    x_cvttsd2si(); x_mulsd_ovf(); x_addsd_m(); x_cvtsd2ss_pe();
    return 0;
}
