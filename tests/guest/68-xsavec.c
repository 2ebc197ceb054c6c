/* 68-xsavec: XGETBV with ECX = 1 (XINUSE), XSAVEC and XRSTOR of its
 * compacted format, and XSAVES/XRSTORS at CPL 3, against the native CPU.
 * cflags: -mavx2 -mxsave -mxsavec
 *
 * CPUID leaf 0xD subleaf 1 must report XSAVEC and XGETBV1 (bits 1 and 2;
 * bit 3, XSAVES, is the host's and not printed).  XINUSE bit i may be 1
 * while component i is in its initial configuration (SDM vol. 1, 13.6:
 * the AMD host does so after some instructions), so only the bits the
 * state requires are printed: a component this program made non-initial
 * must read 1, and the AVX bit after VZEROUPPER must read 0.  XSAVEC
 * areas are filled with 0xcc first so that what it leaves alone shows;
 * every saved byte but the reserved ones is printed.  Faults print the
 * signal, si_code, trap number and error code. */
#include "fault-harness.h"

#include <cpuid.h>
#include <stdlib.h>

static unsigned char area[1024] __attribute__((aligned(64)));

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
    greg_t *g = ((ucontext_t *)ctx)->uc_mcontext.gregs;

    printf("  -> signal %d code %d trapno %d err %#x\n", sig, si->si_code,
           (int)g[REG_TRAPNO], (unsigned)g[REG_ERR]);
    siglongjmp(back, 1);
}

static unsigned xgetbv(unsigned c)
{
    unsigned a, d;

    __asm__ volatile("xgetbv" : "=a"(a), "=d"(d) : "c"(c));
    return a;
}

static void hex(const char *what, int from, int to)
{
    printf("  %s:", what);
    for (int i = from; i < to; i++)
        printf("%s%02x", (i - from) % 16 ? "" : " ", area[i]);
    printf("\n");
}

static void show_area(void)
{
    unsigned long long h[2];

    memcpy(h, area + 512, sizeof(h));
    printf("  xstate_bv %llx xcomp_bv %llx\n", h[0], h[1]);
    hex("x87 0-23", 0, 24);
    hex("mxcsr 24-31", 24, 32);
    hex("st 32-159", 32, 160);
    hex("xmm 160-287", 160, 288);
    hex("288-511 (not written)", 288, 512);
    hex("header 528-575", 528, 576);
    hex("ymm-hi 576-703", 576, 704);
}

/* Known values in the x87 stack, XMM0-7 and the upper halves of YMM0-7
 * (pattern at %[pat]).  The state is set and used in one asm statement:
 * GCC ends a function whose asm clobbers vector registers with
 * VZEROUPPER, and glibc's string functions do the same. */
#define LOAD_STATE                                                          \
    "fninit\n\tfld1\n\tfldpi\n\t"                                           \
    "vmovdqu 0(%[pat]), %%ymm0\n\tvmovdqu 32(%[pat]), %%ymm1\n\t"            \
    "vmovdqu 64(%[pat]), %%ymm2\n\tvmovdqu 96(%[pat]), %%ymm3\n\t"           \
    "vmovdqu 128(%[pat]), %%ymm4\n\tvmovdqu 160(%[pat]), %%ymm5\n\t"         \
    "vmovdqu 192(%[pat]), %%ymm6\n\tvmovdqu 224(%[pat]), %%ymm7\n\t"
static unsigned char pat[32 * 8];

/* Other values: x87 0 and 0, YMM1 and YMM7 all ones, MXCSR 0x9f80. */
#define CLOBBER                                                             \
    "fninit\n\tfldz\n\tfldz\n\tvpcmpeqb %%ymm1, %%ymm1, %%ymm1\n\t"           \
    "vpcmpeqb %%ymm7, %%ymm7, %%ymm7\n\tldmxcsr %[mx9f]\n\t"
static const unsigned mx9f = 0x9f80;

/* What XRSTOR left, captured by the same asm statement: no library call
 * (glibc's string functions end with VZEROUPPER) may run in between. */
static struct {
    unsigned char y1[32], y7[32];
    unsigned mx;
    double st0, st1;
} after;

static void show_regs(void)
{
    printf("  ymm1:");
    for (int i = 0; i < 32; i++)
        printf("%02x", after.y1[i]);
    printf("\n  ymm7:");
    for (int i = 0; i < 32; i++)
        printf("%02x", after.y7[i]);
    printf("\n  mxcsr %#x st0 %g st1 %g\n", after.mx, after.st0, after.st1);
}

/* XSAVEC of the LOAD_STATE values. */
static void xsavec(unsigned rfbm)
{
    __asm__ volatile(LOAD_STATE "xsavec %0"
                     : "+m"(area) : "a"(rfbm), "d"(0), [pat] "r"(pat)
                     : "memory", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6",
                       "xmm7");
}

/* CLOBBER, XRSTOR, then the registers into `after`. */
static void xrstor(unsigned rfbm)
{
    memset(&after, 0, sizeof(after));
    __asm__ volatile(CLOBBER "xrstor %5\n\t"
                     "vmovdqu %%ymm1, %0\n\tvmovdqu %%ymm7, %1\n\tstmxcsr %2\n\t"
                     "fstl %3\n\tfxch\n\tfstl %4\n\tfxch"
                     : "=m"(after.y1), "=m"(after.y7), "=m"(after.mx), "=m"(after.st0),
                       "=m"(after.st1)
                     : "m"(area), "a"(rfbm), "d"(0), [mx9f] "m"(mx9f)
                     : "memory", "xmm1", "xmm7");
}

int main(void)
{
    struct sigaction sa;
    unsigned a, b, c, d;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    for (unsigned i = 0; i < sizeof(pat); i++)
        pat[i] = (unsigned char)(i * 13 + 1);
    /* check-nosimd (STITCH_CPUID_NOSIMD, set for the native run too)
     * gives stitch's guest a CPU without XSAVE (XGETBV is #UD there):
     * nothing to compare, so both runs stop here. */
    if (getenv("STITCH_CPUID_NOSIMD"))
        return 0;
    __cpuid_count(0xd, 1, a, b, c, d);
    printf("cpuid 0xd.1 eax & 7: %#x\n", a & 7);
    if ((a & 6) != 6)
        return 0;

    printf("xgetbv(0) & 7: %#x\n", xgetbv(0) & 7);
    __asm__ volatile("vzeroall\n\tfninit\n\tfld1" ::: "memory");
    printf("x87 stack in use: xinuse & 1 = %u\n", xgetbv(1) & 1);
    __asm__ volatile("fstp %%st(0)\n\tpcmpeqb %%xmm3, %%xmm3" ::: "xmm3");
    printf("xmm3 set: xinuse & 2 = %u\n", xgetbv(1) & 2);
    __asm__ volatile("vpcmpeqb %%ymm3, %%ymm3, %%ymm3" ::: "xmm3");
    printf("ymm3 set: xinuse & 4 = %u\n", xgetbv(1) & 4);
    /* Not after VZEROUPPER: the hardware may keep XINUSE[2] set for a
     * component in its initial configuration (SDM vol. 1, 13.6), and this
     * host's answer varies from run to run. */
    __asm__ volatile("vzeroall\n\tldmxcsr %0" :: "m"((unsigned){0x1f81}));
    printf("mxcsr 0x1f81, registers zero: xinuse & 2 = %u\n", xgetbv(1) & 2);
    __asm__ volatile("ldmxcsr %0" :: "m"((unsigned){0x1f80}));
    TRY_DONE("xgetbv(2)", xgetbv(2));
    TRY_DONE("xsetbv(0, 7) at CPL 3",
             __asm__ volatile("xsetbv" ::"a"(7), "d"(0), "c"(0)));

    memset(area, 0xcc, sizeof(area));
    TRY_DONE("xsavec rfbm 7, all in use", xsavec(7));
    show_area();
    TRY_DONE("xrstor (compacted) rfbm 7, header bytes 16-63 as XSAVEC left them", xrstor(7));
    memset(area + 528, 0, 48);
    TRY_DONE("xrstor (compacted) rfbm 7", xrstor(7));
    show_regs();

    memset(area, 0xcc, sizeof(area));
    TRY_DONE("xsavec rfbm 2", xsavec(2));
    show_area();
    memset(area, 0xcc, sizeof(area));
    TRY_DONE("xsavec rfbm 5", xsavec(5));
    show_area();

    /* XSTATE_BV without SSE: XRSTOR initialises XMM0-7 and MXCSR. */
    memset(area, 0xcc, sizeof(area));
    xsavec(7);
    memset(area + 528, 0, 48);
    area[512] &= (unsigned char)~2;
    TRY_DONE("xrstor (compacted) rfbm 7, xstate_bv 5", xrstor(7));
    show_regs();
    /* RFBM without x87: the x87 stack is left as it is (CLOBBER's). */
    area[512] |= 2;
    TRY_DONE("xrstor (compacted) rfbm 6", xrstor(6));
    show_regs();

    area[530] = 1;
    TRY_DONE("xrstor (compacted), header byte 18 not 0", xrstor(7));
    area[530] = 0;
    /* XCOMP_BV bit 8 (PT): a supervisor state, never in XCR0, so XRSTOR
     * faults natively on every host (bit 9, PKRU, is in the XCR0 of a host
     * with protection keys, which stitch's CPU does not have). */
    area[521] |= 1;
    TRY_DONE("xrstor (compacted), xcomp_bv bit 8", xrstor(7));
    area[521] &= (unsigned char)~1;
    area[520] &= (unsigned char)~4; /* XCOMP_BV without AVX, XSTATE_BV with */
    TRY_DONE("xrstor (compacted), xstate_bv bit 2 outside xcomp_bv", xrstor(7));
    TRY_DONE("xsavec to an address not 64-byte aligned", ({
        __asm__ volatile("xsavec %0" : "+m"(*(char(*)[832])(area + 32)) : "a"(7), "d"(0)
                         : "memory");
    }));
    TRY_DONE("xsaves", __asm__ volatile("xsaves %0" : "+m"(area) : "a"(7), "d"(0) : "memory"));
    TRY_DONE("xrstors", __asm__ volatile("xrstors %0" :: "m"(area), "a"(7), "d"(0) : "memory"));
    __asm__ volatile("vzeroupper");
    return 0;
}
