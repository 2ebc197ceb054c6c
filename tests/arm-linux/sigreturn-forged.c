/*
 * sigreturn-forged: rt_sigreturn with a CPSR a handler forged, checked as
 * arch/arm/kernel/signal.c checks it (restore_sigframe, valid_user_regs
 * of arch/arm/include/asm/ptrace.h): F and A are always cleared and the
 * frame accepted if the mode is USR with I clear; anything else is a bad
 * frame, force_sig(SIGSEGV) with SI_KERNEL, whose context has the
 * registers restored and the CPSR forced to its flags, GE, E and T bits
 * in USR mode.  (qemu-arm 7.2 accepts every CPSR here: its
 * valid_user_regs returns 1.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#include "check.h"

static sigjmp_buf out;
static volatile uint32_t forged_cpsr, segv_cpsr, segv_r4;
static volatile int segv_code;

static void on_usr1(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;

    (void)sig, (void)si;
    uc->uc_mcontext.arm_cpsr = forged_cpsr;
    uc->uc_mcontext.arm_r4 = 0x4444;
}

static void on_segv(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;

    (void)sig;
    segv_code = si->si_code;
    segv_cpsr = uc->uc_mcontext.arm_cpsr;
    segv_r4 = uc->uc_mcontext.arm_r4;
    siglongjmp(out, 1);
}

static void set_handler(int sig, void *fn)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(sig, &sa, NULL);
}

/* Raise SIGUSR1 with the frame's CPSR replaced; 1 if execution came back
 * from the sigreturn, 0 if it ended in SIGSEGV. */
static int forge(uint32_t cpsr)
{
    forged_cpsr = cpsr;
    segv_code = 0, segv_cpsr = 0, segv_r4 = 0;
    if (sigsetjmp(out, 1))
        return 0;
    raise(SIGUSR1);
    return 1;
}

static void refused(const char *name, uint32_t cpsr, uint32_t context_cpsr)
{
    char n[128];

    snprintf(n, sizeof(n), "%s: refused", name);
    CHECK(n, forge(cpsr), 0);
    snprintf(n, sizeof(n), "%s: SIGSEGV si_code SI_KERNEL", name);
    CHECK(n, segv_code, SI_KERNEL);
    snprintf(n, sizeof(n), "%s: context cpsr forced to USR", name);
    CHECK(n, segv_cpsr, context_cpsr);
    snprintf(n, sizeof(n), "%s: context r4 restored", name);
    CHECK(n, segv_r4, 0x4444);
}

int main(void)
{
    set_handler(SIGUSR1, on_usr1);
    set_handler(SIGSEGV, on_segv);

    CHECK("USR mode, flags: accepted", forge(0x60000010), 1);
    CHECK("F and A set: cleared and accepted", forge(0x60000150), 1);
    refused("SVC mode", 0x60000013, 0x60000010);
    refused("I set", 0x20000090, 0x20000010);
    refused("SYS mode with I, F, A, GE", 0x900f01df, 0x900f0010);
    refused("mode 0", 0x00000000, 0x00000010);

    /* With no SIGSEGV handler the process dies of it. */
    pid_t pid = fork();
    if (pid == 0) {
        /* stitch's "uncaught guest signal" line; natively none. */
        dup2(open("/dev/null", O_WRONLY), 2);
        signal(SIGSEGV, SIG_DFL);
        forge(0x10000013);
        _exit(0);
    }
    int st;
    waitpid(pid, &st, 0);
    CHECK("no handler: killed by SIGSEGV", WIFSIGNALED(st) ? WTERMSIG(st) : -1, SIGSEGV);
    return check_done();
}
