/* cflags: -mavx2 */
/* stitch: -cpu Haswell */
/*
 * 68-avx-signal: the AVX state across a signal (arch/x86/kernel/fpu/
 * signal.c, a 32-bit frame on an x86_64 kernel): the frame's fpstate is
 * an XSAVE area in the standard format, marked by FP_XSTATE_MAGIC1 in the
 * FXSAVE image's software bytes and FP_XSTATE_MAGIC2 after it, with
 * XSTATE_BV's AVX bit set while an upper half is in use; the handler
 * starts with the upper halves zero; a handler that rewrites YMM5 (both
 * halves) in the frame gets it back after sigreturn, and one that clears
 * XSTATE_BV's AVX bit gets the upper halves zeroed.  YMM5 carries a value
 * through the kill() system call itself.  The native run is the oracle.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

typedef unsigned long long u64;
typedef unsigned int u32;

static int mode;
static u64 seen_hi[2];

static void handler(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;
    unsigned char *fp = (unsigned char *)uc->uc_mcontext.fpregs;
    unsigned char *fx = fp + 112;
    u32 sw[5]; /* magic1, extended_size, xfeatures (64 bits), xstate_size */
    u64 hi[4], bv;

    (void)sig;
    (void)si;
    __asm__ volatile("vmovdqu %%ymm5, (%0)" : : "r"(hi) : "memory");
    seen_hi[0] = hi[2];
    seen_hi[1] = hi[3];
    memcpy(sw, fx + 464, sizeof(sw));
    memcpy(&bv, fx + 512, 8);
    printf("handler: magic1 %s xfeatures&7=%u xstate_size>=832 %d avx_in_use %d "
           "magic2 %s ymm5.hi %016llx%016llx in handler %016llx%016llx\n",
           sw[0] == 0x46505853u ? "ok" : "missing", sw[2] & 7, sw[4] >= 832,
           (int)(bv >> 2 & 1),
           *(u32 *)(fx + sw[4]) == 0x46505845u ? "ok" : "missing",
           *(u64 *)(fx + 576 + 5 * 16 + 8), *(u64 *)(fx + 576 + 5 * 16),
           seen_hi[1], seen_hi[0]);
    if (mode == 1) { /* rewrite YMM5: low half in FXSAVE, high in YMM_Hi128 */
        for (int i = 0; i < 16; i++) {
            fx[160 + 5 * 16 + i] ^= (unsigned char)(0x11 * i);
            fx[576 + 5 * 16 + i] ^= (unsigned char)(0x5a + i);
        }
    } else if (mode == 2) {
        fx[512] &= (unsigned char)~4; /* AVX to its init state */
    }
}

static void run(int m)
{
    u64 in[4] = {0x0123456789abcdefull, 0xfedcba9876543210ull,
                 0x1111222233334444ull, 0x5555666677778888ull};
    u64 out[4];
    long ret;

    mode = m;
    __asm__ volatile("vmovdqu (%[in]), %%ymm5\n\t"
                     "int $0x80\n\t"
                     "vmovdqu %%ymm5, (%[out])\n\t"
                     "vzeroupper"
                     : "=a"(ret)
                     : [in] "r"(in), [out] "r"(out), "a"(SYS_kill),
                       "b"(getpid()), "c"(SIGUSR1)
                     : "xmm5", "memory");
    printf("mode %d: kill %ld ymm5 %016llx%016llx%016llx%016llx\n", m, ret,
           out[3], out[2], out[1], out[0]);
}

int main(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    for (int m = 0; m < 3; m++)
        run(m);
    return 0;
}
