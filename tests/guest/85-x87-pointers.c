/* 85-x87-pointers: FIP, FCS, FOP, FDP and FDS (SDM vol. 1, 8.1.8-8.1.9)
 * as FNSTENV (32- and 16-bit forms), FNSAVE, FXSAVE and the signal
 * frame's _fpstate show them: the last non-control x87 instruction's
 * address and opcode, and the last memory operand's address; control
 * instructions (FLDCW, FNSTSW, ...) leave them, FNINIT clears them,
 * FLDENV and FRSTOR load them.  FXSAVE writes them only while an unmasked
 * exception is pending on AMD (where this test's expected output comes
 * from: native runs); the signal frame's header follows the kernel's
 * convert_from_fxsr().  Addresses print relative to labels in the code
 * and to the data, so that the output does not depend on the link. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static double one = 1.5, two = 2.5, zero = 0.0;
static float outf;
static int inti = 7;
static unsigned char env[28], sav[108];
static unsigned char fx[512] __attribute__((aligned(16)));
extern const char base[];
__asm__(".text\nbase: nop\n");

static const char *where(uint32_t a)
{
    static char buf[4][40];
    static int n;
    char *b = buf[n++ & 3];
    const struct { const char *name; const void *p; } d[] = {
        {"one", &one}, {"two", &two}, {"zero", &zero}, {"outf", &outf}, {"inti", &inti}};

    if (a == 0)
        return "0";
    for (size_t i = 0; i < sizeof(d) / sizeof(d[0]); i++)
        if (a == (uint32_t)(uintptr_t)d[i].p)
            return d[i].name;
    snprintf(b, 40, "code%+d", (int)(a - (uint32_t)(uintptr_t)base));
    return b;
}

static void show_env(const char *n, const unsigned char *e)
{
    uint32_t fip, fcs, fdp, fds;

    memcpy(&fip, e + 12, 4);
    memcpy(&fcs, e + 16, 4);
    memcpy(&fdp, e + 20, 4);
    memcpy(&fds, e + 24, 4);
    printf("%-28s fip=%s fcs=%08x fdp=%s fds=%08x\n", n, where(fip), fcs, where(fdp), fds);
}

static void show_fx(const char *n, const unsigned char *e)
{
    uint16_t fop;
    uint32_t fip, fcs, fdp, fds;

    memcpy(&fop, e + 6, 2);
    memcpy(&fip, e + 8, 4);
    memcpy(&fcs, e + 12, 4);
    memcpy(&fdp, e + 16, 4);
    memcpy(&fds, e + 20, 4);
    printf("%-28s fop=%03x fip=%s fcs=%08x fdp=%s fds=%08x\n", n, fop, where(fip), fcs,
           where(fdp), fds);
}

static void fpe(int sig, siginfo_t *si, void *c)
{
    ucontext_t *uc = c;
    struct _libc_fpstate *f = uc->uc_mcontext.fpregs;

    printf("signal %d code %d addr %s\n", sig, si->si_code,
           si->si_code > 0 ? where((uint32_t)(uintptr_t)si->si_addr) : "-");
    printf("%-28s fip=%s fcs=%08lx fdp=%s fds=%08lx\n", "  frame header", where(f->ipoff),
           f->cssel, where(f->dataoff), f->datasel);
    show_fx("  frame fxsave", (const unsigned char *)f + 112);
    /* back with the exception masked and cleared: FNCLEX via the frame */
    f->sw &= ~0x80ff;
    f->cw |= 0x3f;
    ((unsigned char *)f)[112 + 2] &= 0x00; /* FXSAVE FSW low byte */
    ((unsigned char *)f)[112 + 3] &= 0x7f;
    ((uint16_t *)((unsigned char *)f + 112))[0] |= 0x3f;
}

int main(void)
{
    struct sigaction sa;
    uint16_t cw;

    setvbuf(stdout, NULL, _IOLBF, 0);
    __asm__ volatile("fninit\n\tfnstenv %0\n\tfldcw 4+%0" : "=m"(env) : : "memory");
    show_env("after fninit", env);
    __asm__ volatile("fldl %1\n\tfmull %2\n\tfnstenv %0\n\tfldcw %0\n\tfstp %%st(0)"
                     : "=m"(env) : "m"(one), "m"(two) : "memory");
    show_env("fldl; fmull", env);
    __asm__ volatile("fldl %1\n\tfadd %%st(0), %%st(0)\n\tfnstenv %0\n\tfldcw %0\n\t"
                     "fstp %%st(0)" : "=m"(env) : "m"(two) : "memory");
    show_env("fldl; fadd st (no memory)", env);
    __asm__ volatile("fld1\n\tfldcw %1\n\tfnstsw %%ax\n\tfnstenv %0\n\tfldcw %0\n\tfstp %%st(0)"
                     : "=m"(env) : "m"(env) : "eax", "memory");
    show_env("fld1; fldcw; fnstsw", env);
    __asm__ volatile("fildl %1\n\tfstps %2\n\tfnstenv %0\n\tfldcw %0"
                     : "=m"(env) : "m"(inti), "m"(outf) : "memory");
    show_env("fildl; fstps", env);
    __asm__ volatile("fldl %1\n\tdata16 fnstenv %0\n\tfldcw %0\n\tfstp %%st(0)"
                     : "=m"(env) : "m"(one) : "memory");
    show_env("16-bit fnstenv", env);
    __asm__ volatile("fldl %1\n\tfnsave %0" : "=m"(sav) : "m"(two) : "memory");
    show_env("fnsave", sav);
    __asm__ volatile("fnstenv %0\n\tfldcw %0" : "=m"(env) : : "memory");
    show_env("after fnsave (fninit)", env);
    __asm__ volatile("frstor %1\n\tfnstenv %0\n\tfldcw %0\n\tfstp %%st(0)"
                     : "=m"(env) : "m"(sav) : "memory");
    show_env("frstor", env);
    memcpy(env + 12, "\x10\x00\x00\x00\x23\x00\x55\x01\x20\x00\x00\x00\x2b\x00\xff\xff", 16);
    __asm__ volatile("fldenv %1\n\tfnstenv %0\n\tfldcw %0" : "=m"(env) : "m"(env) : "memory");
    show_env("fldenv of made-up pointers", env);
    __asm__ volatile("fninit\n\tfldl %1\n\tfxsave %0" : "=m"(fx) : "m"(one) : "memory");
    show_fx("fxsave, nothing pending", fx);

    /* A pending unmasked exception: ZE unmasked, 1/0. */
    cw = 0x037b;
    __asm__ volatile("fninit\n\tfldcw %2\n\tfldl %1\n\tfdivl %3\n\tfxsave %0\n\tfnclex\n\t"
                     "fstp %%st(0)"
                     : "=m"(fx) : "m"(one), "m"(cw), "m"(zero) : "memory");
    show_fx("fxsave, ZE pending", fx);

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = fpe;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, NULL);
    __asm__ volatile("fninit\n\tfldcw %0\n\tfldl %1\n\tfdivl %2\n\tfldl %3\n\tfwait\n\t"
                     "fninit"
                     : : "m"(cw), "m"(one), "m"(zero), "m"(two) : "memory");
    __asm__ volatile("fninit\n\tfldl %1\n\tfnstenv %0\n\tfldcw %0" : "=m"(env) : "m"(one) : "memory");
    show_env("after the handler", env);
    raise(SIGFPE);
    return 0;
}
