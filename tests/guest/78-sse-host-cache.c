/* cflags: -msse2 */
/*
 * 78-sse-host-cache: stitch keeps guest XMM registers in host registers
 * within a translation block (translate/i386/sse.c, "the register cache"),
 * a copy of env->xmm[] that is good only until something else writes a
 * register.  One straight-line block chains values through all eight
 * registers and, in the middle of the chain, lets other things write
 * them: an MMX instruction and CMPPD and SHUFPD with an immediate (all
 * helper calls in stitch), MOVHLPS and MOVLPD, FNSTENV and FLDENV (x87
 * instructions whose helpers reload the host's SSE registers), an
 * FXSAVE/FXRSTOR round trip that changes XMM3 in memory, and a load that faults, whose SIGSEGV handler rewrites
 * XMM0 and XMM6 in the signal frame's FXSAVE image (arch/x86/kernel/fpu/
 * signal.c: the 32-bit frame's fpstate, the FXSAVE image at byte 112) and
 * points ECX at readable memory before returning.  Every register read
 * after such a write must see the new value; a stale cache shows as a
 * different result.  The block runs several times (the second and later
 * runs in a translated, chained block) on different inputs.  The native
 * run is the oracle.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

typedef unsigned long long u64;

static double good[2] __attribute__((aligned(16))) = {0.125, -64.0};
static int faults;

static void on_segv(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    unsigned char *fx = (unsigned char *)uc->uc_mcontext.fpregs + 112;
    static const double x0[2] = {100.0, -3.5}, x6[2] = {7.25, 0.5};

    (void)sig;
    (void)si;
    faults++;
    memcpy(fx + 160 + 0 * 16, x0, 16);
    memcpy(fx + 160 + 6 * 16, x6, 16);
    uc->uc_mcontext.gregs[REG_ECX] = (greg_t)(unsigned long)good;
}

static void block(const double *in, double *out, unsigned char *fxbuf,
                  u64 *mm, const double *bad)
{
    __asm__ volatile(
        "movapd 0(%%esi), %%xmm0\n\tmovapd 16(%%esi), %%xmm1\n\t"
        "movapd 32(%%esi), %%xmm2\n\tmovapd 48(%%esi), %%xmm3\n\t"
        "movapd 64(%%esi), %%xmm4\n\tmovapd 80(%%esi), %%xmm5\n\t"
        "movapd 96(%%esi), %%xmm6\n\tmovapd 112(%%esi), %%xmm7\n\t"
        /* a chain through the registers */
        "addpd %%xmm1, %%xmm0\n\t"
        "mulsd %%xmm0, %%xmm2\n\t"
        "movapd %%xmm2, %%xmm3\n\t"
        "addsd %%xmm3, %%xmm4\n\t"
        "subpd %%xmm4, %%xmm5\n\t"
        /* plain ops that write a register outside the cache's paths */
        "movhlps %%xmm0, %%xmm3\n\t"
        "movlpd 8(%%esi), %%xmm2\n\t"
        "addpd %%xmm3, %%xmm2\n\t"
        "mulpd %%xmm2, %%xmm3\n\t"
        /* an MMX instruction (a helper) */
        "movq (%%edx), %%mm1\n\t"
        "paddw %%mm1, %%mm1\n\t"
        "movq %%mm1, (%%edx)\n\t"
        "addpd %%xmm4, %%xmm5\n\t"
        "mulpd %%xmm5, %%xmm6\n\t"
        /* CMPPD with an immediate writes XMM5 */
        "cmppd $1, %%xmm0, %%xmm5\n\t"
        "andpd %%xmm5, %%xmm6\n\t"
        "addpd %%xmm6, %%xmm7\n\t"
        "movsd %%xmm5, %%xmm1\n\t"
        /* SHUFPD writes XMM7 */
        "shufpd $1, %%xmm7, %%xmm7\n\t"
        "addpd %%xmm7, %%xmm1\n\t"
        "movapd %%xmm1, %%xmm2\n\t"
        "addsd %%xmm3, %%xmm3\n\t"
        /* FNSTENV and FLDENV: x87 instructions, not SSE, whose helpers
         * reload the host's SSE registers */
        "fnstenv (%%eax)\n\t"
        "fldenv (%%eax)\n\t"
        "addpd %%xmm1, %%xmm2\n\t"
        "mulsd %%xmm3, %%xmm1\n\t"
        /* FXRSTOR brings XMM3 back changed */
        "fxsave (%%eax)\n\t"
        "movl $0, 160+3*16(%%eax)\n\t"
        "movl $0x3ff80000, 160+3*16+4(%%eax)\n\t"
        "fxrstor (%%eax)\n\t"
        "addsd %%xmm3, %%xmm2\n\t"
        "mulpd %%xmm2, %%xmm3\n\t"
        "movapd %%xmm0, %%xmm4\n\t"
        "addpd %%xmm6, %%xmm4\n\t"
        /* a load that faults: the handler rewrites XMM0 and XMM6 */
        "movsd (%%ecx), %%xmm4\n\t"
        "addpd %%xmm0, %%xmm4\n\t"
        "addpd %%xmm6, %%xmm1\n\t"
        "movapd %%xmm4, %%xmm5\n\t"
        "mulsd %%xmm1, %%xmm5\n\t"
        "cvtsi2sdl (%%edx), %%xmm7\n\t"
        "subsd %%xmm0, %%xmm7\n\t"
        "ucomisd %%xmm7, %%xmm6\n\t"
        "movapd %%xmm0, 0(%%edi)\n\tmovapd %%xmm1, 16(%%edi)\n\t"
        "movapd %%xmm2, 32(%%edi)\n\tmovapd %%xmm3, 48(%%edi)\n\t"
        "movapd %%xmm4, 64(%%edi)\n\tmovapd %%xmm5, 80(%%edi)\n\t"
        "movapd %%xmm6, 96(%%edi)\n\tmovapd %%xmm7, 112(%%edi)\n\t"
        "emms"
        : "+c"(bad)
        : "S"(in), "D"(out), "a"(fxbuf), "d"(mm)
        : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7",
          "mm1", "memory", "cc");
}

int main(void)
{
    static double in[16] __attribute__((aligned(16)));
    static double out[16] __attribute__((aligned(16)));
    static unsigned char fxbuf[512] __attribute__((aligned(16)));
    struct sigaction sa;
    double *bad;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    bad = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (bad == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    for (int run = 0; run < 4; run++) {
        u64 mm = 0x0001000200030004ull * (u64)(run + 1);

        for (int i = 0; i < 16; i++)
            in[i] = (i + 1) * 0.75 - run * 1.5 + (i & 1 ? 0.3 : -2.0);
        block(in, out, fxbuf, &mm, bad);
        printf("run %d: faults %d mm %016llx\n", run, faults, mm);
        for (int i = 0; i < 8; i++) {
            u64 v[2];
            memcpy(v, &out[2 * i], 16);
            printf("  xmm%d %016llx %016llx\n", i, v[1], v[0]);
        }
    }
    return 0;
}
