/* cflags: -msse2 */
/*
 * Floating-point state and signals, compared with native:
 * - a handler starts with the initial FPU state (FNINIT, MXCSR 0x1f80,
 *   XMM zero) and may trash x87, MXCSR and XMM freely: sigreturn gives the
 *   interrupted code its stack, control words and XMM registers back;
 * - the sigcontext's fpstate holds the interrupted state (control, status
 *   and tag words, ST(0), MXCSR in the FXSAVE part);
 * - an unmasked x87 exception traps (#MF, SIGFPE, trapno 16) at the next
 *   x87 instruction, an unmasked SSE one (#XM, trapno 19) at the
 *   instruction itself, with the si_code the kernel computes.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

typedef struct { unsigned int l[4]; } __attribute__((aligned(16))) V;

static void fpu_status(const char *who)
{
    unsigned short cw, sw, env[14];
    unsigned int mxcsr;
    V x0;

    __asm__ volatile("fnstcw %0\n\tfnstsw %1\n\tstmxcsr %2\n\tmovdqa %%xmm0, %3"
                     : "=m"(cw), "=m"(sw), "=m"(mxcsr), "=m"(x0));
    __asm__ volatile("fnstenv %0\n\tfldenv %0" : "=m"(env));
    printf("%s: cw=%04x sw=%04x tag=%04x mxcsr=%08x xmm0=%08x%08x%08x%08x\n",
           who, cw, sw, env[4], mxcsr, x0.l[3], x0.l[2], x0.l[1], x0.l[0]);
}

/* A handler that checks its starting state, then trashes everything. */
static void trash(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    struct _libc_fpstate *fp = uc->uc_mcontext.fpregs;
    unsigned int rz = 0x7f80;
    static const V junk = {{1, 2, 3, 4}};

    (void)si;
    printf("handler %d\n", sig);
    fpu_status("  handler entry");
    if (fp) {
        unsigned short st0[5];
        memcpy(st0, &fp->_st[0], 10);
        printf("  frame: cw=%04lx sw=%04lx tag=%04lx status=%04lx magic=%04lx "
               "st0=%04x:%04x%04x%04x%04x\n",
               fp->cw & 0xffff, fp->sw & 0xffff, fp->tag & 0xffff,
               fp->status & 0xffff, fp->status >> 16,
               st0[4], st0[3], st0[2], st0[1], st0[0]);
    }
    __asm__ volatile("fninit\n\tfldpi\n\tfldpi\n\tfldpi\n\tldmxcsr %0\n\t"
                     "movdqa %1, %%xmm0\n\tmovdqa %1, %%xmm1"
                     : : "m"(rz), "m"(junk) : "xmm0", "xmm1");
}

/* x87 values on the stack, non-default control words and XMM contents
 * across a signal raised by a raw kill system call. */
static void interrupted_state(void)
{
    unsigned short cw = 0x0f7f; /* round toward zero, 64-bit precision */
    unsigned int mx = 0x3f80;   /* round down */
    static const V val = {{0x11111111, 0x22222222, 0x33333333, 0x44444444}};
    double a, b;
    V x0, x1;
    unsigned short cw_after;
    unsigned int mx_after;

    __asm__ volatile(
        "fldcw %[cw]\n\tldmxcsr %[mx]\n\t"
        "movdqa %[val], %%xmm0\n\tmovdqa %[val], %%xmm1\n\t"
        "fld1\n\tfldl2t\n\t"
        "int $0x80\n\t"
        "fstpl %[a]\n\tfstpl %[b]\n\t"
        "fnstcw %[cwa]\n\tstmxcsr %[mxa]\n\t"
        "movdqa %%xmm0, %[x0]\n\tmovdqa %%xmm1, %[x1]\n\t"
        "fldcw %[cw0]\n\tldmxcsr %[mx0]"
        : [a] "=m"(a), [b] "=m"(b), [cwa] "=m"(cw_after), [mxa] "=m"(mx_after),
          [x0] "=m"(x0), [x1] "=m"(x1)
        : [cw] "m"(cw), [mx] "m"(mx), [val] "m"(val),
          "a"(SYS_kill), "b"(getpid()), "c"(SIGUSR1),
          [cw0] "m"(*(const unsigned short[]){0x37f}),
          [mx0] "m"(*(const unsigned int[]){0x1f80})
        : "xmm0", "xmm1", "memory");
    printf("after: st0=%a st1=%a cw=%04x mxcsr=%08x\n", a, b, cw_after, mx_after);
    printf("after: xmm0=%08x%08x xmm1=%08x%08x\n", x0.l[3], x0.l[0], x1.l[3], x1.l[0]);
}

static sigjmp_buf back;

static void on_fpe(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;

    printf("SIGFPE %d: si_code=%d trapno=%d at=%s\n", sig, si->si_code,
           (int)uc->uc_mcontext.gregs[REG_TRAPNO],
           si->si_addr == (void *)uc->uc_mcontext.gregs[REG_EIP] ? "eip" : "?");
    fpu_status("  in handler");
    siglongjmp(back, 1);
}


static void unmasked_x87(unsigned short cw, const char *what)
{
    volatile double r = 0;

    if (sigsetjmp(back, 1) == 0) {
        __asm__ volatile("fldcw %[cw]\n\t"
                         "fld1\n\tfldz\n\tfdivrp\n\t" /* 0 / 1: fine */
                         "fstpl %[r]\n\t"
                         "fld1\n\tfldz\n\tfdivp\n\t"  /* 1 / 0: ZE pending */
                         "fstpl %[r]\n\t"
                         : [r] "=m"(r) : [cw] "m"(cw));
        printf("%s: no trap, r=%g\n", what, r);
    } else {
        printf("%s: trapped\n", what);
    }
    __asm__ volatile("fninit");
    fpu_status(what);
}

static void unmasked_sse(unsigned int mx, const char *what)
{
    static const double one = 1.0, zero = 0.0;
    volatile double r = 0;

    if (sigsetjmp(back, 1) == 0) {
        __asm__ volatile("ldmxcsr %[mx]\n\tmovsd %[one], %%xmm2\n\t"
                         "divsd %[zero], %%xmm2\n\t"
                         "movsd %%xmm2, %[r]"
                         : [r] "=m"(r)
                         : [mx] "m"(mx), [one] "m"(one), [zero] "m"(zero)
                         : "xmm2");
        printf("%s: no trap, r=%g\n", what, r);
    } else {
        printf("%s: trapped\n", what);
    }
    __asm__ volatile("ldmxcsr %0" : : "m"(*(const unsigned int[]){0x1f80}));
    fpu_status(what);
}

int main(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = trash;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    /* what glibc's start-up left in XMM0 depends on the string functions
     * CPUID made it pick */
    __asm__ volatile("pxor %%xmm0, %%xmm0" : : : "xmm0");
    fpu_status("start");
    interrupted_state();
    fpu_status("after signal");

    sa.sa_sigaction = on_fpe;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGFPE, &sa, NULL);
    unmasked_x87(0x037f, "x87 masked");
    unmasked_x87(0x037b, "x87 ZE unmasked");
    unmasked_x87(0x037e, "x87 IE unmasked");
    unmasked_sse(0x1f80, "sse masked");
    unmasked_sse(0x1d80, "sse ZE unmasked");
    unmasked_sse(0x1b80, "sse DE unmasked");
    return 0;
}
