/*
 * Guest signals: where they come from, when they are delivered, and what
 * happens when they are not handled.
 *
 *   generation                      pending set           delivery
 *   ----------                      -----------           --------
 *   fault in guest code  --------------------------------> guest_signal()
 *   kill/tgkill to self  -> signal_queue() --+
 *   host signal (SIGALRM, SIGINT, SIGCHLD    |
 *     ...) -> host_handler() -> host_pending-+-> task.pending -> guest_process_signals()
 *
 * A host signal meant for the guest runs a host handler that only records
 * it and asks the engine to leave generated code (cpu_exit_request), so a
 * tight guest loop is interrupted within one block; the handler is
 * installed without SA_RESTART, so a blocking host system call returns
 * EINTR.  The CPU loop calls guest_process_signals() after every system
 * call and asynchronous exit: each pending, unblocked signal then takes its
 * action, as in the kernel's get_signal()/handle_signal()
 * (kernel/signal.c, arch/<arch>/kernel/signal.c): ignored, the default
 * action (nothing, stop, or death by that signal), or a handler frame
 * built on the guest stack (the guest's sigframe.c).  A standard signal is
 * pending once (a second one while it is pending is dropped, as
 * legacy_queue() does); real-time
 * signals (32-64) queue every instance with its siginfo and are delivered
 * in order, lowest number first (kernel/signal.c, __send_signal).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "exec.h"
#include "gdbstub.h"
#include "guest-signal.h"
#include "guest-user.h"
#include "log.h"
#include "syscall.h"

/* Signals the host handler records; written from signal context.  Standard
 * signals as a set, real-time ones in a ring (each slot reserved with an
 * atomic increment; the ring is read outside signal context, where every
 * handler that reserved a slot has finished writing it). */
static uint64_t host_pending;
static TargetSiginfo host_info[GUEST_NSIG + 1];
#define HOST_RT_RING 256
static struct {
    int sig;
    TargetSiginfo info;
} host_rt[HOST_RT_RING];
static unsigned host_rt_head, host_rt_tail;

#define SIGRT_FIRST 32
/* The kernel's default RLIMIT_SIGPENDING order of magnitude; beyond it
 * sigqueue fails with EAGAIN. */
#define RT_QUEUE_MAX 4096

/* Queued real-time signals, oldest first. */
static struct RtQueued {
    int sig;
    TargetSiginfo info;
} *rt_queue;
static size_t rt_len, rt_cap;

/* ---- Default actions (signal(7)) -------------------------------------- */

static int default_ignores(int sig)
{
    return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT;
}

static int default_stops(int sig)
{
    return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/* The signals whose default action dumps core: qemu-user prints its
 * "uncaught target signal" line for these only, and so does stitch. */
static int default_dumps_core(int sig)
{
    return sig == SIGQUIT || sig == SIGILL || sig == SIGTRAP || sig == SIGABRT ||
           sig == SIGBUS || sig == SIGFPE || sig == SIGSEGV || sig == SIGSYS ||
           sig == SIGXCPU || sig == SIGXFSZ;
}

/* Would the guest throw this signal away if it were delivered now? */
int signal_is_ignored(int sig)
{
    uint32_t h = task.sigact[sig].handler;

    return h == TARGET_SIG_IGN || (h == TARGET_SIG_DFL && default_ignores(sig));
}

void signal_die(int sig)
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
    if (default_dumps_core(sig))
        fprintf(stderr, STITCH_NAME ": uncaught guest signal %d (%s)\n", sig, strsignal(sig));
    user_exit_flush();
    gdb_signalled(sig);
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

static void default_action(int sig)
{
    if (default_ignores(sig))
        return;
    if (default_stops(sig)) {
        kill(getpid(), SIGSTOP);
        return;
    }
    signal_die(sig);
}

/* ---- The pending set ----------------------------------------------------- */

static int rt_queue_add(int sig, const TargetSiginfo *info)
{
    if (rt_len == rt_cap) {
        size_t cap = rt_cap ? 2 * rt_cap : 16;
        struct RtQueued *q = rt_len >= RT_QUEUE_MAX ? NULL
                                                    : realloc(rt_queue, cap * sizeof(*q));
        if (!q)
            return -EAGAIN;
        rt_queue = q, rt_cap = cap;
    }
    rt_queue[rt_len].sig = sig;
    rt_queue[rt_len].info = *info;
    rt_len++;
    return 0;
}

/* The oldest queued instance of `sig` into *info (if given); 1 if more
 * remain. */
static int rt_queue_take(int sig, TargetSiginfo *info)
{
    size_t i, left = 0;

    for (i = 0; i < rt_len && rt_queue[i].sig != sig; i++)
        ;
    if (i == rt_len)
        return 0;
    if (info)
        *info = rt_queue[i].info;
    memmove(&rt_queue[i], &rt_queue[i + 1], (rt_len - i - 1) * sizeof(*rt_queue));
    rt_len--;
    for (size_t j = i; j < rt_len; j++)
        left |= rt_queue[j].sig == sig;
    return (int)left;
}

/*
 * POSIX timer signals: the kernel queues one per timer and counts further
 * expirations as its overrun.  The host delivers each expiration to
 * stitch (the guest's blocking is stitch's), so they are merged here into
 * the instance still pending; the overrun of the last one delivered is
 * what timer_getoverrun() reports (syscall-timer.c).
 */
#define TIMER_SLOTS 64
static struct {
    int32_t id, overrun;
    int used;
} timer_last[TIMER_SLOTS];

static TargetSiginfo *pending_timer(int sig, int32_t id)
{
    if (sig < SIGRT_FIRST)
        return (task.pending & SIGBIT(sig)) && task.pending_info[sig].si_code == SI_TIMER &&
                       task.pending_info[sig].u.timer.tid == id
                   ? &task.pending_info[sig]
                   : NULL;
    for (size_t i = 0; i < rt_len; i++)
        if (rt_queue[i].sig == sig && rt_queue[i].info.si_code == SI_TIMER &&
            rt_queue[i].info.u.timer.tid == id)
            return &rt_queue[i].info;
    return NULL;
}

static void timer_delivered(const TargetSiginfo *info)
{
    int32_t id = info->u.timer.tid;
    unsigned i = (unsigned)id % TIMER_SLOTS;

    timer_last[i].id = id;
    timer_last[i].overrun = info->u.timer.overrun;
    timer_last[i].used = 1;
}

int signal_timer_overrun(int32_t id, int32_t *overrun)
{
    unsigned i = (unsigned)id % TIMER_SLOTS;

    if (!timer_last[i].used || timer_last[i].id != id)
        return 0;
    *overrun = timer_last[i].overrun;
    return 1;
}

abi_long signal_queue(int sig, const TargetSiginfo *info)
{
    TargetSiginfo *same;

    if (info->si_code == SI_TIMER && (same = pending_timer(sig, info->u.timer.tid))) {
        same->u.timer.overrun += 1 + info->u.timer.overrun;
        return 0;
    }
    if (sig >= SIGRT_FIRST) {
        if (rt_queue_add(sig, info) < 0)
            return -EAGAIN;
    } else if (task.pending & SIGBIT(sig)) {
        return 0;
    } else {
        task.pending_info[sig] = *info;
    }
    task.pending |= SIGBIT(sig);
    return 0;
}

/* Drop every pending instance of `sig` (SIG_IGN, fork's child). */
void signal_discard(int sig)
{
    while (sig >= SIGRT_FIRST && rt_queue_take(sig, NULL))
        ;
    task.pending &= ~SIGBIT(sig);
}

/* Move what host handlers recorded into the guest's pending set. */
static void merge_host_pending(void)
{
    uint64_t bits = __atomic_exchange_n(&host_pending, 0, __ATOMIC_SEQ_CST);
    unsigned head = __atomic_load_n(&host_rt_head, __ATOMIC_SEQ_CST);

    for (int sig = 1; bits; sig++, bits >>= 1)
        if (bits & 1)
            signal_queue(sig, &host_info[sig]);
    if (head - host_rt_tail > HOST_RT_RING) /* overrun: the oldest are lost */
        host_rt_tail = head - HOST_RT_RING;
    for (; host_rt_tail != head; host_rt_tail++) {
        unsigned i = host_rt_tail % HOST_RT_RING;
        signal_queue(host_rt[i].sig, &host_rt[i].info);
    }
}

/* Pending signals the guest does not block; host signals merged first. */
uint64_t signal_deliverable(void)
{
    merge_host_pending();
    return task.pending & ~task.sigmask;
}

int signal_dequeue(uint64_t set, TargetSiginfo *info)
{
    uint64_t ready = task.pending & set;

    if (!ready)
        return 0;
    int sig = __builtin_ctzll(ready) + 1;
    if (sig >= SIGRT_FIRST) {
        if (!rt_queue_take(sig, info))
            task.pending &= ~SIGBIT(sig);
    } else {
        task.pending &= ~SIGBIT(sig);
        *info = task.pending_info[sig];
    }
    if (info->si_code == SI_TIMER)
        timer_delivered(info);
    return sig;
}

/* ---- Host signals for the guest --------------------------------------- */

/* The guest siginfo of a host signal: which union member is live depends
 * on the code (include/uapi/asm-generic/siginfo.h). */
static void siginfo_from_host(TargetSiginfo *t, const siginfo_t *si)
{
    memset(t, 0, sizeof(*t));
    t->si_signo = si->si_signo;
    t->si_errno = si->si_errno;
    t->si_code = si->si_code;
    if (si->si_code == SI_TIMER) {
        t->u.timer.tid = si->si_timerid;
        t->u.timer.overrun = si->si_overrun;
        t->u.timer.value = (uint32_t)si->si_value.sival_int;
    } else if (si->si_signo == SIGCHLD && si->si_code > 0) {
        t->u.chld.pid = si->si_pid;
        t->u.chld.uid = si->si_uid;
        t->u.chld.status = si->si_status;
        t->u.chld.utime = (int32_t)si->si_utime;
        t->u.chld.stime = (int32_t)si->si_stime;
    } else if ((si->si_signo == SIGIO) && si->si_code > 0) {
        t->u.poll.band = (int32_t)si->si_band;
        t->u.poll.fd = si->si_fd;
    } else {
        t->u.rt.pid = si->si_pid;
        t->u.rt.uid = si->si_uid;
        t->u.rt.value = (uint32_t)si->si_value.sival_int;
    }
}

static void host_handler(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    if (sig == SIGIO && gdb_sigio(si->si_fd)) { /* gdb's socket, not the guest's */
        if (task.env)
            cpu_exit_request(task.env);
        return;
    }
    if (sig >= SIGRT_FIRST) {
        unsigned i = __atomic_fetch_add(&host_rt_head, 1, __ATOMIC_SEQ_CST) % HOST_RT_RING;
        host_rt[i].sig = sig;
        siginfo_from_host(&host_rt[i].info, si);
    } else {
        siginfo_from_host(&host_info[sig], si);
        __atomic_fetch_or(&host_pending, SIGBIT(sig), __ATOMIC_SEQ_CST);
    }
    if (task.env)
        cpu_exit_request(task.env);
}

/* Synchronous faults stay the engine's (SIGSEGV, SIGBUS) or stitch's own
 * bugs (SIGILL, SIGFPE, SIGTRAP); SIGKILL/SIGSTOP cannot be caught; 32
 * and 33 are glibc's own. */
static int host_forwards(int sig)
{
    return sig != SIGSEGV && sig != SIGBUS && sig != SIGILL && sig != SIGFPE &&
           sig != SIGTRAP && sig != SIGKILL && sig != SIGSTOP && sig != 32 && sig != 33;
}

/* The host action for `sig` that matches the guest's: ignored stays
 * ignored on the host (so a write to a closed pipe gives EPIPE with no
 * signal, and exec'd children inherit it), anything else is recorded. */
void signal_sync_host(int sig)
{
    struct sigaction sa;

    if (sig < 1 || sig > GUEST_NSIG || !host_forwards(sig))
        return;
    memset(&sa, 0, sizeof(sa));
    sigfillset(&sa.sa_mask);
    /* SIGIO stays caught while gdb is attached: Ctrl-C comes as one. */
    if (task.sigact[sig].handler == TARGET_SIG_IGN && !(sig == SIGIO && gdb_attached())) {
        sa.sa_handler = SIG_IGN;
    } else {
        sa.sa_sigaction = host_handler;
        sa.sa_flags = SA_SIGINFO; /* no SA_RESTART: blocking calls see EINTR */
    }
    sigaction(sig, &sa, NULL);
}

void signal_init(CPUState *env)
{
    sigset_t set;

    task.env = env;
    /* A new process inherits its mask and ignored set through execve. */
    sigprocmask(SIG_SETMASK, NULL, &set);
    for (int sig = 1; sig <= GUEST_NSIG; sig++) {
        struct sigaction old;
        if (sigismember(&set, sig) == 1)
            task.sigmask |= SIGBIT(sig);
        if (host_forwards(sig) && sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            task.sigact[sig].handler = TARGET_SIG_IGN;
        signal_sync_host(sig);
    }
    task.sigmask &= ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
    /* The guest's mask is virtual: the host lets everything in. */
    sigemptyset(&set);
    sigprocmask(SIG_SETMASK, &set, NULL);
    task.restart = RESTART_NONE;
}

void signal_prepare_exec(void)
{
    sigset_t set;

    sigemptyset(&set);
    for (int sig = 1; sig <= GUEST_NSIG; sig++)
        if ((task.sigmask & SIGBIT(sig)) && host_forwards(sig))
            sigaddset(&set, sig);
    sigprocmask(SIG_SETMASK, &set, NULL);
}

void signal_after_failed_exec(void)
{
    sigset_t set;

    sigemptyset(&set);
    sigprocmask(SIG_SETMASK, &set, NULL);
}

/* ---- Delivery ----------------------------------------------------------- */

/*
 * A system call that a host signal interrupted (syscall.c records it)
 * either returns -EINTR to the handler about to run or starts again: the
 * kernel moves the PC back onto the system-call instruction and puts the
 * number back (handle_signal and arch_do_signal_or_restart; the guest's
 * syscall_restart).  `ka` is the action of the handler being run, NULL
 * when none runs.
 */
static void settle_restart(CPUState *env, const GuestSigaction *ka)
{
    int kind = task.restart;

    if (kind == RESTART_NONE)
        return;
    task.restart = RESTART_NONE;
    if (ka && (kind == RESTART_NOHAND || !(ka->flags & TARGET_SA_RESTART)))
        return; /* the guest already has -EINTR */
    syscall_restart(env, task.restart_nr);
}

/* Run the guest handler for `sig`: frame, then the mask and flags rules of
 * the kernel's signal_delivered(). */
static void run_handler(CPUState *env, int sig, const TargetSiginfo *info)
{
    GuestSigaction *ka = &task.sigact[sig];
    GuestSigaction act = *ka;
    uint64_t old = task.use_saved_mask ? task.saved_mask : task.sigmask;

    settle_restart(env, ka);
    if (act.flags & TARGET_SA_RESETHAND)
        ka->handler = TARGET_SIG_DFL;
    if (log_enabled(int))
        log_printf("deliver signal %d (%s) to handler 0x%08x " GUEST_PC_NAME "=0x%08x\n",
                   sig, strsignal(sig), act.handler, cpu_get_pc(env));
    if (setup_signal_frame(env, sig, &act, info, old) < 0) {
        /* No room for the frame: the kernel's force_sigsegv(). */
        if (log_enabled(int))
            log_printf("cannot write the signal frame at " GUEST_SP_NAME "=0x%08x\n",
                       cpu_get_sp(env));
        signal_die(SIGSEGV);
    }
    task.sigmask |= act.mask;
    if (!(act.flags & TARGET_SA_NODEFER))
        task.sigmask |= SIGBIT(sig);
    task.sigmask &= ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
    task.use_saved_mask = 0;
}

static void deliver(CPUState *env, int sig, const TargetSiginfo *info)
{
    TargetSiginfo changed;

    /* As under ptrace: the debugger sees the signal first, and may pass
     * it on, cancel it or replace it. */
    if (gdb_attached()) {
        int to = gdb_stop(env, sig);
        if (to < 1 || to > GUEST_NSIG)
            return;
        if (to != sig) {
            changed = *info;
            changed.si_signo = sig = to;
            info = &changed;
        }
    }
    uint32_t h = task.sigact[sig].handler;

    if (h == TARGET_SIG_IGN)
        return;
    if (h == TARGET_SIG_DFL) {
        default_action(sig);
        return;
    }
    run_handler(env, sig, info);
}

void guest_process_signals(CPUState *env)
{
    uint64_t ready;

    while ((ready = signal_deliverable()) != 0) {
        int sig = __builtin_ctzll(ready) + 1;
        TargetSiginfo info;
        signal_dequeue(SIGBIT(sig), &info);
        deliver(env, sig, &info);
    }
    settle_restart(env, NULL);
    if (task.use_saved_mask) {
        task.sigmask = task.saved_mask;
        task.use_saved_mask = 0;
    }
}

/*
 * A synchronous fault at the guest state in env.  Like the kernel's
 * force_sig_info(), a blocked or ignored fault cannot be put off: the
 * process dies by it.
 */
void guest_signal(CPUState *env, int sig, int si_code, uint32_t addr)
{
    TargetSiginfo info;

    if (gdb_attached()) {
        /* gdb may pass the fault on, replace it, or cancel it (the
         * instruction then runs again, as under ptrace). */
        int to = gdb_stop(env, sig);
        if (to < 1 || to > GUEST_NSIG)
            return;
        if (to != sig)
            si_code = SI_KERNEL, sig = to;
    }
    /* The engine reports every bad access as unmapped; a page that is
     * there but forbids the access is SEGV_ACCERR (arch/x86/mm/fault.c). */
    if (sig == SIGSEGV && si_code == SEGV_MAPERR && (page_get_flags(addr) & PAGE_VALID))
        si_code = SEGV_ACCERR;
    if (log_enabled(int))
        log_printf("guest signal %d (%s) si_code=%d addr=0x%08x " GUEST_PC_NAME "=0x%08x\n",
                   sig, strsignal(sig), si_code, addr, cpu_get_pc(env));
    memset(&info, 0, sizeof(info));
    info.si_signo = sig;
    info.si_code = si_code;
    info.u.fault.addr = addr;
    fault_set_trap(sig, si_code, addr, env->error_code);
    if ((task.sigmask & SIGBIT(sig)) || task.sigact[sig].handler <= TARGET_SIG_IGN)
        signal_die(sig);
    run_handler(env, sig, &info);
}

/* A signal the guest sends itself (kill, tkill, tgkill, rt_sigqueueinfo
 * aimed at this process), with its siginfo. */
abi_long guest_self_queue(CPUState *env, int sig, const TargetSiginfo *info)
{
    if (sig < 1 || sig > GUEST_NSIG)
        return -EINVAL;
    if (log_enabled(int))
        log_printf("guest sends itself signal %d (%s) " GUEST_PC_NAME "=0x%08x\n", sig,
                   strsignal(sig), cpu_get_pc(env));
    /* A fatal default action takes effect at once, as the kernel's
     * complete_signal() kills the whole group before the call returns. */
    if (!(task.sigmask & SIGBIT(sig)) && task.sigact[sig].handler == TARGET_SIG_DFL &&
        !default_ignores(sig) && !default_stops(sig))
        signal_die(sig);
    return signal_queue(sig, info);
}

/* kill/tkill/tgkill aimed at this process (syscall-proc.c). */
abi_long guest_self_signal(CPUState *env, int sig, int si_code)
{
    TargetSiginfo info;

    memset(&info, 0, sizeof(info));
    info.si_signo = sig;
    info.si_code = si_code;
    info.u.rt.pid = getpid();
    info.u.rt.uid = getuid();
    return guest_self_queue(env, sig, &info);
}
