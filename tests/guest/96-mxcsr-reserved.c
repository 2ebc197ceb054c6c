/*
 * MXCSR bits the CPU does not implement (outside the MXCSR_MASK its
 * FXSAVE image reports) make LDMXCSR, VLDMXCSR, FXRSTOR and XRSTOR
 * #GP(0) (SDM vol. 2; Linux: SIGSEGV, SI_KERNEL, trapno 13, error code
 * 0), with nothing loaded and EIP at the instruction.  XRSTOR checks
 * MXCSR only when it restores SSE or AVX state (RFBM bit 1 or 2).
 * The implemented bits load: a set DAZ reads back.
 */
#define _GNU_SOURCE
#include <cpuid.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

static sigjmp_buf out;
static volatile uintptr_t fault_eip;

static void on_segv(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;
    greg_t *g = uc->uc_mcontext.gregs;

    (void)sig;
    fault_eip = (uintptr_t)g[REG_EIP];
    printf("  SIGSEGV si_code %d trapno %ld err %ld addr %p\n", si->si_code,
           (long)g[REG_TRAPNO], (long)g[REG_ERR], si->si_addr);
    siglongjmp(out, 1);
}

static uint32_t stmxcsr(void)
{
    uint32_t m;

    __asm__ volatile("stmxcsr %0" : "=m"(m));
    return m;
}

static uint8_t area[4096] __attribute__((aligned(64)));

static uint32_t mxcsr_mask(void)
{
    uint32_t m;

    memset(area, 0, 512);
    __asm__ volatile("fxsave %0" : "=m"(*(uint8_t(*)[512])area));
    memcpy(&m, area + 28, 4);
    return m ? m : 0xffbf;
}

/* check-nosimd (STITCH_CPUID_NOSIMD, set for the native run too) gives
 * stitch's guest a CPU without XSAVE and AVX: both runs leave them out. */
static int has_cpuid_ecx1(unsigned bit)
{
    unsigned a, b, c, d;

    return !getenv("STITCH_CPUID_NOSIMD") && __get_cpuid(1, &a, &b, &c, &d) && (c & (1u << bit));
}

static int has_xsave(void)
{
    return has_cpuid_ecx1(27); /* OSXSAVE */
}

static int has_avx(void)
{
    return has_cpuid_ecx1(28);
}

/* An XSAVE image of the current state with MXCSR replaced by m. */
static void xsave_with_mxcsr(uint32_t m)
{
    memset(area, 0, sizeof(area));
    __asm__ volatile("xsave %0" : "+m"(*(uint8_t(*)[4096])area) : "a"(3), "d"(0));
    memcpy(area + 24, &m, 4);
}

#define TRY(what, insn, ...)                                                \
    do {                                                                    \
        printf("%s:\n", what);                                              \
        fflush(stdout);                                                     \
        if (sigsetjmp(out, 1) == 0) {                                       \
            __asm__ volatile(insn : __VA_ARGS__);                           \
            printf("  ran, mxcsr %#x\n", stmxcsr());                       \
        } else {                                                            \
            printf("  mxcsr after %#x\n", stmxcsr());                      \
        }                                                                   \
    } while (0)

int main(void)
{
    struct sigaction sa;
    uint32_t mask = mxcsr_mask(), bad = 0x1f80, good = 0x1f80 | 0x40;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    for (int b = 31; b >= 16; b--)
        if (!(mask & (1u << b))) {
            bad |= 1u << b;
            break;
        }
    printf("a reserved bit found: %s\n", bad != 0x1f80 ? "yes" : "no");

    TRY("ldmxcsr with DAZ", "ldmxcsr %0", : "m"(good));
    TRY("ldmxcsr with a reserved bit", "ldmxcsr %0", : "m"(bad));
    TRY("ldmxcsr, all bits", "ldmxcsr %0", : "m"((uint32_t){0xffffffff}));
    if (has_avx())
        TRY("vldmxcsr with a reserved bit", "vldmxcsr %0", : "m"(bad));
    __asm__ volatile("ldmxcsr %0" : : "m"((uint32_t){0x1f80}));

    memset(area, 0, 512);
    __asm__ volatile("fxsave %0" : "=m"(*(uint8_t(*)[512])area));
    memcpy(area + 24, &bad, 4);
    TRY("fxrstor with a reserved bit", "fxrstor %0", : "m"(*(uint8_t(*)[512])area));
    memcpy(area + 24, &good, 4);
    TRY("fxrstor with DAZ", "fxrstor %0", : "m"(*(uint8_t(*)[512])area));
    __asm__ volatile("ldmxcsr %0" : : "m"((uint32_t){0x1f80}));

    if (has_xsave()) {
        xsave_with_mxcsr(bad);
        TRY("xrstor SSE with a reserved bit", "xrstor %0", : "m"(*(uint8_t(*)[4096])area),
            "a"(2), "d"(0));
        xsave_with_mxcsr(bad);
        TRY("xrstor x87 only with a reserved bit", "xrstor %0",
            : "m"(*(uint8_t(*)[4096])area), "a"(1), "d"(0));
        xsave_with_mxcsr(good);
        TRY("xrstor SSE with DAZ", "xrstor %0", : "m"(*(uint8_t(*)[4096])area), "a"(2),
            "d"(0));
    }
    return 0;
}
