/*
 * Guest signals.  What exists now is the end of the road: a fault in guest
 * code (from the CPU loop) or a signal the guest sends itself, when it is
 * not handled, ends stitch the way the signal would end the program
 * natively: one line on stderr, then death by the same signal so the
 * parent sees it in the wait status (a shell prints 128 + sig, BRIEF
 * section 4).  Running guest handlers (sigframe, sigreturn) is a later
 * issue; the recorded dispositions are in TaskState.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "exec.h"
#include "log.h"
#include "syscall.h"

static void __attribute__((noreturn)) die_by_signal(int sig)
{
    struct sigaction sa;
    sigset_t set;
    /* A host core would be stitch's, 4 GiB window and all, not the
     * guest's: better none than a misleading one. */
    const struct rlimit no_core = { 0, 0 };

    fflush(stdout);
    strace_unfinished();
    if (stitch_logfile)
        fflush(stitch_logfile);
    fprintf(stderr, "stitch-i386: uncaught guest signal %d (%s)\n", sig, strsignal(sig));
    user_exit_flush();
    setrlimit(RLIMIT_CORE, &no_core);
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = SIG_DFL;
    sigaction(sig, &sa, NULL);
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    /* Only reached if the signal's default action does not kill. */
    _exit(128 + sig);
}

void guest_signal(CPUState *env, int sig, int si_code, uint32_t addr)
{
    if (log_enabled(int))
        log_printf("guest signal %d (%s) si_code=%d addr=0x%08x eip=0x%08x\n", sig,
                   strsignal(sig), si_code, addr, env->eip);
    die_by_signal(sig);
}

/* Signals whose default action is to do nothing (signal(7)). */
static int default_ignores(int sig)
{
    return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT;
}

static int default_stops(int sig)
{
    return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

abi_long guest_self_signal(CPUState *env, int sig)
{
    if (sig < 1 || sig > GUEST_NSIG)
        return -EINVAL;
    uint32_t handler = task.sigact[sig].handler;
    int blocked = (task.sigmask >> (sig - 1)) & 1;

    if (log_enabled(int))
        log_printf("guest sends itself signal %d (%s) eip=0x%08x\n", sig, strsignal(sig), env->eip);
    if (sig != SIGKILL && sig != SIGSTOP && (handler == 1 /* SIG_IGN */ || blocked)) {
        if (blocked && log_enabled(unimp))
            log_printf("signal %d is blocked: pending signals are not implemented\n", sig);
        return 0;
    }
    if (handler > 1 && log_enabled(unimp))
        log_printf("guest handler 0x%x for signal %d not run: delivery not implemented\n",
                   handler, sig);
    if (default_ignores(sig))
        return 0;
    if (default_stops(sig))
        return raise(sig) < 0 ? -errno : 0;
    guest_signal(env, sig, SI_TKILL, 0);
    return 0;
}

/* Asynchronous signals are not forwarded to the guest yet (host signals
 * keep their host default action), so nothing can be pending here; the
 * signal-delivery work of the linux-user issue fills this in. */
void guest_process_signals(CPUState *env)
{
    (void)env;
}
