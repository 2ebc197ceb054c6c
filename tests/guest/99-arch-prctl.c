/*
 * arch_prctl from a 32-bit task (do_arch_prctl_common in
 * arch/x86/kernel/process.c): CPUID faulting (ARCH_GET_CPUID /
 * ARCH_SET_CPUID: CPUID is then SIGSEGV, SI_KERNEL, at the instruction;
 * fork keeps the mode, execve resets it), the XSTATE masks (the same
 * components XGETBV reports), permission requests, and EINVAL for every
 * 64-bit-only option.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

static long ap(long opt, long arg)
{
    long r = syscall(SYS_arch_prctl, opt, arg);
    return r < 0 ? -errno : r;
}

extern const char cpuid_insn[];

static __attribute__((noinline)) uint32_t cpuid0(void)
{
    uint32_t a = 0, b, c = 0, d;
    __asm__ volatile("cpuid_insn: cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
    return a;
}

static sigjmp_buf back;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    const ucontext_t *u = uc;
    printf("SIGSEGV %d code %d addr %p at cpuid %d\n", sig, si->si_code, si->si_addr,
           u->uc_mcontext.gregs[REG_EIP] == (greg_t)cpuid_insn);
    siglongjmp(back, 1);
}

static void try_cpuid(const char *when)
{
    printf("%s: ", when);
    fflush(stdout);
    if (!sigsetjmp(back, 1))
        printf("cpuid ok (%s)\n", cpuid0() ? "max leaf > 0" : "max leaf 0");
}

static int has_osxsave(void)
{
    uint32_t a = 1, b, c = 0, d;
    __asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
    return (c >> 27) & 1;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "exec")) {
        printf("after exec: GET_CPUID %ld\n", ap(0x1011, 0));
        try_cpuid("after exec");
        return 0;
    }
    struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };
    sigaction(SIGSEGV, &sa, NULL);

    printf("GET_CPUID             %ld\n", ap(0x1011, 0));
    try_cpuid("enabled");
    long set = ap(0x1012, 0);
    printf("SET_CPUID 0           %ld\n", set);
    printf("GET_CPUID             %ld\n", ap(0x1011, 0));
    try_cpuid("faulting");
    pid_t pid = fork();
    if (pid == 0) {
        if (!sigsetjmp(back, 1))
            cpuid0();
        _exit(42); /* the fault came: the mode was inherited */
    }
    int st;
    waitpid(pid, &st, 0);
    printf("forked child: %s %d\n", WIFSIGNALED(st) ? "signal" : "exit",
           WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        execl("/proc/self/exe", argv[0], "exec", (char *)NULL);
        _exit(127);
    }
    waitpid(pid, &st, 0);
    printf("SET_CPUID 7           %ld\n", ap(0x1012, 7));
    printf("GET_CPUID             %ld\n", ap(0x1011, 0));
    try_cpuid("enabled again");

    uint64_t v = 0x5a5a5a5a5a5a5a5aull;
    printf("GET_XCOMP_SUPP        %ld\n", ap(0x1021, (long)&v));
    uint64_t supp = v;
    /* With XSAVE enabled, XCR0's components; with FXSR only, x87|SSE. */
    uint64_t want = 3;
    if (has_osxsave()) {
        uint32_t lo, hi;
        __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
        want = (uint64_t)hi << 32 | lo;
    }
    printf("  the CPU's           %d\n", supp == want);
    printf("  x87|SSE             %d\n", (int)(supp & 3));
    v = 0;
    long r = ap(0x1022, (long)&v);
    printf("GET_XCOMP_PERM        %ld, same %d\n", r, v == supp);
    v = 0;
    r = ap(0x1024, (long)&v);
    printf("GET_XCOMP_GUEST_PERM  %ld, same %d\n", r, v == supp);
    printf("GET_XCOMP_SUPP NULL   %ld\n", ap(0x1021, 0));
    printf("GET_XCOMP_PERM bad    %ld\n", ap(0x1022, 16));
    static const long idx[] = { 0, 1, 2, 18, 19, 20, 63, -1 };
    for (unsigned i = 0; i < sizeof(idx) / sizeof(idx[0]); i++) {
        r = ap(0x1023, idx[i]);
        printf("REQ_XCOMP_PERM %-3ld    %ld / guest %ld\n", idx[i], r, ap(0x1025, idx[i]));
    }
    static const long others[] = { 0, 0x1001, 0x1002, 0x1003, 0x1004, 0x2001, 0x2002,
                                   0x2003, 0x4001, 0x4002, 0x4003, 0x4004, 0x5001,
                                   0x5002, 0x5003, 0x5004, 0x5005, 0x1013, -1 };
    for (unsigned i = 0; i < sizeof(others) / sizeof(others[0]); i++)
        printf("option %#lx        %ld\n", others[i], ap(others[i], (long)&v));
    return 0;
}
