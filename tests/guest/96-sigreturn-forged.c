/*
 * sigreturn and rt_sigreturn with frames a handler forged, checked as the
 * x86_64 kernel checks a 32-bit task's (arch/x86/kernel/signal_32.c,
 * ia32_restore_sigcontext; fpu/signal.c, __fpu_restore_sig): selectors
 * get RPL 3, a data selector that will not load becomes null, a CS or SS
 * the return to user mode cannot use is a #GP there (SIGSEGV, SI_KERNEL,
 * trapno 13 with the selector as error code), only the user-changeable
 * EFLAGS bits come back, and reserved MXCSR bits or a bad XSAVE header
 * (fpu/xstate.c, validate_user_xstate_header) fail the whole frame
 * (SIGSEGV).  Each case's SIGSEGV handler reports and jumps out.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

static sigjmp_buf out;
static volatile int forge; /* which case the SIGUSR1 handler forges */
static volatile int segv_seen;

enum { CS_DATA, CS_RPL0, SS_NULL, SS_CODE, DS_BAD, DS_NULL, ES_RPL0, EFLAGS_ALL, MXCSR_RT,
       MXCSR_OLD, FPSTATE_BAD, XSTATE_FEATURE, XSTATE_XCOMP, XSTATE_RESERVED, NCASES };
static const char *const names[NCASES] = {
    "cs = user data", "cs with RPL 0", "ss null", "ss = user code", "ds = 0x1234",
    "ds null", "es with RPL 0", "eflags all ones", "rt: mxcsr bit 16", "old: mxcsr bit 16",
    "fpstate pointer unmapped", "xsave header: feature bit 62", "xsave header: xcomp_bv set",
    "xsave header: reserved byte set",
};

/* The FXSAVE image follows the 112-byte FSAVE one in the 32-bit
 * _fpstate; MXCSR is at byte 24 of it. */
static void set_mxcsr_bit16(void *fpstate)
{
    uint32_t *mxcsr = (uint32_t *)((char *)fpstate + 112 + 24);

    *mxcsr |= 1u << 16;
}

/* The XSAVE header follows the FXSAVE image's 512 bytes, when the frame
 * has one (FP_XSTATE_MAGIC1 in its software bytes at 464); the kernel
 * refuses a frame whose header names a feature the CPU's user state has
 * not, uses the compacted format, or sets a reserved byte. */
static void forge_xsave_header(void *fpstate, int c)
{
    char *fx = (char *)fpstate + 112;
    uint32_t magic1;
    uint64_t *hdr = (uint64_t *)(fx + 512);

    memcpy(&magic1, fx + 464, 4);
    if (magic1 != 0x46505853u)
        return;
    if (c == XSTATE_FEATURE)
        hdr[0] |= 1ull << 62;
    else if (c == XSTATE_XCOMP)
        hdr[1] = 1ull << 63 | hdr[0];
    else
        ((uint8_t *)hdr)[16 + 5] = 1;
}

static void forge_gregs(greg_t *g, void *fp, unsigned long *fpptr)
{
    switch (forge) {
    case CS_DATA: g[REG_CS] = 0x2b; break;
    case CS_RPL0: g[REG_CS] = 0x20; break;
    case SS_NULL: g[REG_SS] = 0; break;
    case SS_CODE: g[REG_SS] = 0x23; break;
    case DS_BAD: g[REG_DS] = 0x1234; break;
    case DS_NULL: g[REG_DS] = 0; break;
    case ES_RPL0: g[REG_ES] = 0x28; break;
    /* All but TF (a trap after the return), AC (libc's unaligned
     * accesses would fault) and DF (libc's string copies). */
    case EFLAGS_ALL: g[REG_EFL] = ~(0x100u | 0x40000u | 0x400u); break;
    case MXCSR_RT: set_mxcsr_bit16(fp); break;
    case FPSTATE_BAD: *fpptr = 0xfffff000ul - 4096; break;
    case XSTATE_FEATURE:
    case XSTATE_XCOMP:
    case XSTATE_RESERVED: forge_xsave_header(fp, forge); break;
    }
}

static void on_usr1_rt(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;

    (void)sig, (void)si;
    forge_gregs(uc->uc_mcontext.gregs, uc->uc_mcontext.fpregs,
                (unsigned long *)&uc->uc_mcontext.fpregs);
}

/* The old frame: struct sigcontext follows the signal number on the
 * stack, which C cannot name; on_usr1_old passes its address. */
void on_usr1_old_c(struct sigcontext *sc);
void on_usr1_old_c(struct sigcontext *sc)
{
    set_mxcsr_bit16(sc->fpstate);
}
void on_usr1_old(int sig);
__asm__(".text\n"
        "on_usr1_old:\n\t"
        "lea 8(%esp), %eax\n\t"
        "push %eax\n\t"
        "call on_usr1_old_c\n\t"
        "add $4, %esp\n\t"
        "ret\n");

static void on_segv(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;
    greg_t *g = uc->uc_mcontext.gregs;

    (void)sig;
    segv_seen = 1;
    printf("  SIGSEGV si_code %d", si->si_code);
    /* trapno/err/cs/ss mean something only for the #GP of the return. */
    if (forge == CS_DATA || forge == SS_NULL || forge == SS_CODE)
        printf(" trapno %ld err %#lx cs %#lx ss %#lx", (long)g[REG_TRAPNO], (long)g[REG_ERR],
               (long)g[REG_CS] & 0xffff, (long)g[REG_SS] & 0xffff);
    printf(" eax %ld\n", (long)g[REG_EAX]);
    siglongjmp(out, 1);
}

static void set_handler(int sig, void *fn, int flags)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = fn;
    sa.sa_flags = flags;
    sigaction(sig, &sa, NULL);
}

/* Sends SIGUSR1 (kill, from inline assembly) and reads the segments and EFLAGS
 * the sigreturn left, before any other instruction changes them. */
static void run_case(int c)
{
    uint32_t fl, ds, es;
    long r = SYS_kill;

    forge = c;
    segv_seen = 0;
    set_handler(SIGUSR1, c == MXCSR_OLD ? (void *)on_usr1_old : (void *)on_usr1_rt,
                c == MXCSR_OLD ? 0 : SA_SIGINFO);
    printf("%s:\n", names[c]);
    fflush(stdout);
    if (sigsetjmp(out, 1) == 0) {
        __asm__ volatile("int $0x80\n\t"
                         "pushfl\n\t"
                         "popl %[fl]\n\t"
                         "mov %%ds, %[ds]\n\t"
                         "mov %%es, %[es]\n\t"
                         "push %%ss\n\t"
                         "pop %%es\n\t"
                         "push %%ss\n\t"
                         "pop %%ds"
                         : "+a"(r), [fl] "=&r"(fl), [ds] "=&r"(ds), [es] "=&r"(es)
                         : "b"(getpid()), "c"(SIGUSR1)
                         : "memory", "cc");
        /* RF reads as 0 after the return; ID is the kernel's to keep. */
        printf("  returned: eflags %#x ds %#x es %#x\n", fl & ~0x200000u, ds & 0xffff,
               es & 0xffff);
    }
    fflush(stdout);
}

int main(void)
{
    set_handler(SIGSEGV, on_segv, SA_SIGINFO | SA_NODEFER);
    for (int c = 0; c < NCASES; c++)
        run_case(c);

    /* Without a SIGSEGV handler the process dies of it. */
    pid_t pid = fork();
    if (pid == 0) {
        /* stitch's "uncaught guest signal" line goes to the guest's
         * stderr; natively the kernel prints nothing. */
        dup2(open("/dev/null", O_WRONLY), 2);
        signal(SIGSEGV, SIG_DFL);
        forge = CS_DATA;
        set_handler(SIGUSR1, on_usr1_rt, SA_SIGINFO);
        raise(SIGUSR1);
        _exit(0);
    }
    int st;
    waitpid(pid, &st, 0);
    printf("no handler: %s %d\n", WIFSIGNALED(st) ? "killed by" : "exit", WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
    return 0;
}
