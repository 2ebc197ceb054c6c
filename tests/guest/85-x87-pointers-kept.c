/* 85-x87-pointers-kept: FIP, FCS:FOP, FDP and FDS (SDM vol. 1, 8.1.8)
 * survive what lies between the x87 instruction that set them and the
 * image that shows them: jumps and calls (a new translation block under
 * stitch), integer and SSE work, a system call, a store into code that
 * has run (stitch's own write fault), a page fault the program handles.
 * Not tested: a switch of the host kernel to another task, after which
 * natively they read 0 (docs/divergences.md, "x87 pointers").  Each
 * case runs once with a memory operand (FDP set) and once with a register
 * operation after it (FIP and FOP move, FDP stays), and shows the
 * pointers through FNSTENV, FNSAVE, FXSAVE and XSAVE: on this AMD host
 * FXSAVE and XSAVE write them as 0 unless an exception is pending (the
 * expected output comes from native runs).  After a signal handler
 * returns, the kernel has restored the x87 state from the frame, whose
 * XSAVE image holds 0 there: FIP, FOP and FDP read 0, FCS and FDS too.
 * Addresses print relative to labels and data, so the link does not
 * matter. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static long double val = 1.25L;
static double dbl = 3.0;
static unsigned char env[28], sav[108];
static unsigned char fx[1024] __attribute__((aligned(64)));
static volatile int handled;
static sigjmp_buf back;
static unsigned char *codepage;
extern const char base[];
__asm__(".text\nbase: nop\n");

static const char *where(uint32_t a)
{
    static char buf[4][40];
    static int n;
    char *b = buf[n++ & 3];

    if (a == 0)
        return "0";
    if (a == (uint32_t)(uintptr_t)&val)
        return "val";
    if (a == (uint32_t)(uintptr_t)&dbl)
        return "dbl";
    snprintf(b, 40, "code%+d", (int)(a - (uint32_t)(uintptr_t)base));
    return b;
}

static void show_env(const char *n, const char *how, const unsigned char *e)
{
    uint32_t fip, fcs, fdp, fds;

    memcpy(&fip, e + 12, 4);
    memcpy(&fcs, e + 16, 4);
    memcpy(&fdp, e + 20, 4);
    memcpy(&fds, e + 24, 4);
    printf("%-26s %-8s fip=%s fcs:fop=%08x fdp=%s fds=%08x\n", n, how, where(fip), fcs,
           where(fdp), fds);
}

static void show_fx(const char *n, const char *how, const unsigned char *e)
{
    uint16_t fop;
    uint32_t fip, fcs, fdp, fds;

    memcpy(&fop, e + 6, 2);
    memcpy(&fip, e + 8, 4);
    memcpy(&fcs, e + 12, 4);
    memcpy(&fdp, e + 16, 4);
    memcpy(&fds, e + 20, 4);
    printf("%-26s %-8s fop=%03x fip=%s fcs=%08x fdp=%s fds=%08x\n", n, how, fop, where(fip),
           fcs, where(fdp), fds);
}

static void on_usr1(int sig)
{
    (void)sig;
    handled++;
}

static void on_segv(int sig)
{
    siglongjmp(back, sig);
}

/* What runs between the x87 instruction and the image: kind k. */
static void between(int k)
{
    switch (k) {
    case 0: /* nothing */
        break;
    case 1: /* a jump and a call: other blocks */
        __asm__ volatile("jmp 1f\n\tnop\n1:\tcall 2f\n\tjmp 3f\n2:\tret\n3:" ::: "memory");
        break;
    case 2: { /* integer and SSE work */
        int x = 5;
        /* XMM0 kept on the stack: the -mno-sse builds cannot name it */
        __asm__ volatile("imul %0, %0\n\tsub $16, %%esp\n\tmovdqu %%xmm0, (%%esp)\n\t"
                         "pxor %%xmm0, %%xmm0\n\taddpd %%xmm0, %%xmm0\n\t"
                         "movdqu (%%esp), %%xmm0\n\tadd $16, %%esp"
                         : "+r"(x) : : "cc", "memory");
        break;
    }
    case 3: { /* getpid through int $0x80 */
        int r;
        __asm__ volatile("int $0x80" : "=a"(r) : "a"(20) : "memory");
        break;
    }
    case 4: /* a store into a page of code that has run */
        codepage[64] ^= 0;
        codepage[65] = 0xc3;
        break;
    case 5: /* a page fault the program handles and leaves with siglongjmp */
        if (!sigsetjmp(back, 1))
            *(volatile int *)codepage = 1;
        break;
    case 6: { /* a signal handler that returns (kill through int $0x80) */
        int r, pid = getpid();
        __asm__ volatile("int $0x80" : "=a"(r) : "a"(37), "b"(pid), "c"(SIGUSR1) : "memory");
        break;
    }
    }
}

static const char *const kinds[] = {"nothing", "jump and call", "integer and sse", "syscall",
                                    "store into code", "handled fault", "signal handler"};

/* A memory operand (FLDT, then FMULL) or a register op after it (FADD). */
static void x87(int mem)
{
    if (mem)
        __asm__ volatile("fninit\n\tfldt %0\n\tfmull %1" : : "m"(val), "m"(dbl));
    else
        __asm__ volatile("fninit\n\tfldt %0\n\tfadd %%st(0), %%st(0)" : : "m"(val));
}

static void images(int k, int mem)
{
    char how[32];
    typedef void (*Run)(void);

    snprintf(how, sizeof(how), "%s", mem ? "memory" : "register");
    x87(mem);
    between(k);
    __asm__ volatile("fnstenv %0\n\tfldcw %0" : "=m"(env) : : "memory");
    show_env(kinds[k], how, env);
    x87(mem);
    between(k);
    __asm__ volatile("fnsave %0" : "=m"(sav) : : "memory");
    show_env("", "fnsave", sav);
    x87(mem);
    between(k);
    __asm__ volatile("fxsave %0" : "=m"(fx) : : "memory");
    show_fx("", "fxsave", fx);
    memset(fx, 0, sizeof(fx));
    x87(mem);
    between(k);
    __asm__ volatile("xsave %0" : "=m"(fx) : "a"(3), "d"(0) : "memory");
    show_fx("", "xsave", fx);
    __asm__ volatile("fninit");
    if (k == 4) /* run the page again, so it holds translated code again */
        ((Run)codepage)();
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    codepage = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (codepage == MAP_FAILED)
        return 1;
    memset(codepage, 0xc3, 4096);
    ((void (*)(void))codepage)();
    signal(SIGUSR1, on_usr1);
    for (int k = 0; k < 7; k++) {
        if (k == 5) {
            signal(SIGSEGV, on_segv);
            mprotect(codepage, 4096, PROT_READ | PROT_EXEC);
        }
        for (int mem = 1; mem >= 0; mem--)
            images(k, mem);
        if (k == 5)
            mprotect(codepage, 4096, PROT_READ | PROT_WRITE | PROT_EXEC);
    }
    printf("handled %d\n", handled);
    return 0;
}
