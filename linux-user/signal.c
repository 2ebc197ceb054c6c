/*
 * Guest signals: where they come from, when they are delivered, and what
 * happens when they are not handled.
 *
 *   generation                      pending set           delivery
 *   ----------                      -----------           --------
 *   fault in guest code  --------------------------------> guest_signal()
 *   kill/tgkill to self  -> signal_queue() --+
 *   host signal (SIGALRM, SIGINT, SIGCHLD    |
 *     ...) -> host_handler() -> host_pending-+-> self->pending -> guest_process_signals()
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
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "exec.h"
#include "gdbstub.h"
#include "guest-signal.h"
#include "guest-user.h"
#include "log.h"
#include "syscall.h"

#define SIGRT_FIRST 32

/* ---- Guest and host signal numbers ------------------------------------- */

/*
 * The host glibc that stitch itself runs on keeps host signals 32 and 33
 * for its own threads (SIGCANCEL, SIGSETXID), and so does the guest's
 * glibc with guest 32 and 33.  The guest's real-time signals therefore
 * move up by two on the host: guest 32..62 are host 34..64, and guest 63
 * and 64 have no host number (qemu-user remaps likewise and gives up the
 * top ones, linux-user/signal.c).  Standard signals keep their numbers.
 */
#define HOST_RT_SHIFT 2

int host_signo(int sig)
{
    if (sig < SIGRT_FIRST)
        return sig;
    return sig + HOST_RT_SHIFT <= SIGRTMAX ? sig + HOST_RT_SHIFT : -1;
}

int guest_signo(int host)
{
    if (host < SIGRT_FIRST)
        return host;
    return host >= SIGRT_FIRST + HOST_RT_SHIFT ? host - HOST_RT_SHIFT : -1;
}

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

/*
 * The dispositions belong to the process (CLONE_SIGHAND): one thread's
 * sigaction may race another's delivery, so each is read and written
 * whole under this lock (the kernel's sighand->siglock).  Host signal
 * handlers never read them.
 */
static pthread_mutex_t sigact_lock = PTHREAD_MUTEX_INITIALIZER;

GuestSigaction signal_action(int sig)
{
    pthread_mutex_lock(&sigact_lock);
    GuestSigaction ka = task.sigact[sig];
    pthread_mutex_unlock(&sigact_lock);
    return ka;
}

void signal_set_action(int sig, const GuestSigaction *act, GuestSigaction *old)
{
    pthread_mutex_lock(&sigact_lock);
    *old = task.sigact[sig];
    if (act) {
        task.sigact[sig] = *act;
        task.sigact[sig].mask &= ~UNBLOCKABLE;
    }
    pthread_mutex_unlock(&sigact_lock);
}

/* SA_RESETHAND: back to SIG_DFL as the handler is entered, if nobody
 * changed the action meanwhile. */
static void reset_handler(int sig, uint32_t handler)
{
    pthread_mutex_lock(&sigact_lock);
    if (task.sigact[sig].handler == handler)
        task.sigact[sig].handler = TARGET_SIG_DFL;
    pthread_mutex_unlock(&sigact_lock);
}

/* Would the guest throw this signal away if it were delivered now? */
int signal_is_ignored(int sig)
{
    uint32_t h = signal_action(sig).handler;

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
    int host = host_signo(sig);
    if (host > 0) {
        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = SIG_DFL;
        sigaction(host, &sa, NULL);
        sigemptyset(&set);
        sigaddset(&set, host);
        pthread_sigmask(SIG_UNBLOCK, &set, NULL);
        raise(host); /* the default action kills every thread */
    }
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

/*
 * Every queued instance stitch holds for the guest counts against
 * RLIMIT_SIGPENDING, as the kernel's __sigqueue_alloc charges the user
 * for each (kernel/signal.c): a real-time signal past the limit is
 * refused (EAGAIN) or, sent by kill, pending without its siginfo; a
 * standard one is always taken (override_rlimit) unless its sender made
 * its siginfo (si_code < 0), which is then lost.  The kernel counts the
 * user's signals in every process; stitch knows only the host's count
 * (what it has not yet taken from the host: /proc/self/status SigQ adds
 * the two) and its own, and checks its own against the limit.
 */
static long queued; /* the instances held in every thread's queues */

static int sigqueue_charge(int override)
{
    struct rlimit rl;
    long n = __atomic_add_fetch(&queued, 1, __ATOMIC_RELAXED);

    if (override || getrlimit(RLIMIT_SIGPENDING, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY ||
        (rlim_t)n <= rl.rlim_cur)
        return 1;
    __atomic_sub_fetch(&queued, 1, __ATOMIC_RELAXED);
    return 0;
}

static void sigqueue_uncharge(long n)
{
    __atomic_sub_fetch(&queued, n, __ATOMIC_RELAXED);
}

long signal_queued(void)
{
    return __atomic_load_n(&queued, __ATOMIC_RELAXED);
}

/* One ring per real-time signal: delivery takes the lowest pending
 * number's oldest instance, so a take is O(1) however many wait. */
static RtQueue *rt_queue(ThreadState *t, int sig)
{
    return &t->rt_queue[sig - SIGRT_FIRST];
}

static int rt_queue_add(ThreadState *t, int sig, const TargetSiginfo *info, int charged)
{
    RtQueue *q = rt_queue(t, sig);

    if (q->len == q->cap) {
        uint32_t cap = q->cap ? 2 * q->cap : 16;
        RtQueued *item = malloc(cap * sizeof(*item));
        if (!item)
            return -1;
        for (uint32_t i = 0; i < q->len; i++)
            item[i] = q->item[(q->head + i) % q->cap];
        free(q->item);
        *q = (RtQueue){ .item = item, .head = 0, .len = q->len, .cap = cap };
    }
    q->item[(q->head + q->len) % q->cap] = (RtQueued){ .info = *info, .charged = charged };
    q->len++;
    return 0;
}

/* The oldest queued instance of `sig` into *info (if given); 0 if none
 * was queued. */
static int rt_queue_take(int sig, TargetSiginfo *info)
{
    RtQueue *q = rt_queue(self, sig);

    if (!q->len)
        return 0;
    const RtQueued *item = &q->item[q->head];
    if (item->charged)
        sigqueue_uncharge(1);
    if (info)
        *info = item->info;
    q->head = (q->head + 1) % q->cap;
    q->len--;
    return 1;
}

/* A signal pending without its siginfo: the kernel's collect_signal
 * makes one that says only SI_USER. */
static void lost_info(TargetSiginfo *info, int sig)
{
    memset(info, 0, sizeof(*info));
    info->si_signo = sig;
    info->si_code = SI_USER;
}

/* A thread's queues at its exit (kernel/exit.c flush_sigqueue). */
void signal_thread_exit(void)
{
    for (int sig = SIGRT_FIRST; sig <= GUEST_NSIG; sig++) {
        while (rt_queue_take(sig, NULL))
            ;
        free(rt_queue(self, sig)->item);
        *rt_queue(self, sig) = (RtQueue){ 0 };
    }
    sigqueue_uncharge(__builtin_popcountll(self->charged));
    self->charged = 0;
}

/* A fork's child starts with nothing pending (kernel/fork.c
 * init_sigpending): only the forking thread's queues are in it. */
void signal_fork_child(void)
{
    for (int sig = 1; sig <= GUEST_NSIG; sig++)
        signal_discard(sig);
    __atomic_store_n(&queued, 0, __ATOMIC_RELAXED);
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
        return (self->pending & SIGBIT(sig)) && !(self->charged & SIGBIT(sig)) &&
                       self->pending_info[sig].si_code == SI_TIMER &&
                       self->pending_info[sig].u.timer.tid == id
                   ? &self->pending_info[sig]
                   : NULL;
    RtQueue *q = rt_queue(self, sig);
    for (uint32_t i = 0; i < q->len; i++) {
        RtQueued *t = &q->item[(q->head + i) % q->cap];
        if (!t->charged && t->info.si_code == SI_TIMER && t->info.u.timer.tid == id)
            return &t->info;
    }
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

/*
 * `sig` pending for this thread with `info` (kernel/signal.c
 * __send_signal_locked).  A POSIX timer's signal is the timer's own
 * preallocated instance, charged when the timer was made (the host's
 * count has it); one the host already accepted is not refused again.
 */
static abi_long queue_signal(int sig, const TargetSiginfo *info, int from_host)
{
    TargetSiginfo *same;
    /* A guest's own sigqueue may say SI_TIMER too: only the host's
     * timers are timers here. */
    int timer = from_host && info->si_code == SI_TIMER;

    if (timer && (same = pending_timer(sig, info->u.timer.tid))) {
        same->u.timer.overrun += 1 + info->u.timer.overrun;
        return 0;
    }
    if (sig < SIGRT_FIRST) {
        if (self->pending & SIGBIT(sig))
            return 0;
        self->pending_info[sig] = *info;
        if (timer || sigqueue_charge(from_host || info->si_code >= 0))
            self->charged |= timer ? 0 : SIGBIT(sig);
        else
            lost_info(&self->pending_info[sig], sig);
    } else if (timer || sigqueue_charge(from_host)) {
        if (rt_queue_add(self, sig, info, !timer) < 0) {
            if (!timer)
                sigqueue_uncharge(1);
            return -EAGAIN;
        }
    } else if (info->si_code != SI_USER) {
        return -EAGAIN;
    }
    SIG_SET(self->pending, self->pending | SIGBIT(sig));
    return 0;
}

abi_long signal_queue(int sig, const TargetSiginfo *info)
{
    return queue_signal(sig, info, 0);
}

/* Drop every pending instance of `sig` (SIG_IGN, fork's child). */
void signal_discard(int sig)
{
    while (sig >= SIGRT_FIRST && rt_queue_take(sig, NULL))
        ;
    if (self->charged & SIGBIT(sig))
        sigqueue_uncharge(1);
    self->charged &= ~SIGBIT(sig);
    SIG_SET(self->pending, self->pending & ~SIGBIT(sig));
    SIG_SET(self->shared_pending, self->shared_pending & ~SIGBIT(sig));
}

/* Move what host handlers recorded into the guest's pending set. */
static void merge_host_pending(void)
{
    HostSignals *h = &self->host;

    tsan_run_deferred_signals(); /* include/tsan.h */
    __atomic_store_n(&h->signalled, 0, __ATOMIC_SEQ_CST);
    uint64_t bits = __atomic_exchange_n(&h->pending, 0, __ATOMIC_SEQ_CST);
    unsigned head = __atomic_load_n(&h->rt_head, __ATOMIC_SEQ_CST);

    for (int sig = 1; bits; sig++, bits >>= 1)
        if (bits & 1)
            queue_signal(sig, &h->info[sig], 1);
    if (head - h->rt_tail > HOST_RT_RING) /* overrun: the oldest are lost */
        h->rt_tail = head - HOST_RT_RING;
    for (; h->rt_tail != head; h->rt_tail++) {
        unsigned i = h->rt_tail % HOST_RT_RING;
        queue_signal(h->rt[i].sig, &h->rt[i].info, 1);
    }
}

/* Pending signals the guest does not block; host signals merged first. */
uint64_t signal_deliverable(void)
{
    merge_host_pending();
    return self->pending & ~self->sigmask;
}

int signal_dequeue(uint64_t set, TargetSiginfo *info)
{
    uint64_t ready = self->pending & set;

    if (!ready)
        return 0;
    int sig = __builtin_ctzll(ready) + 1;
    if (sig >= SIGRT_FIRST) {
        /* None queued: it was pending without its siginfo
         * (kernel/signal.c collect_signal). */
        if (!rt_queue_take(sig, info))
            lost_info(info, sig);
        if (!rt_queue(self, sig)->len)
            SIG_SET(self->pending, self->pending & ~SIGBIT(sig));
    } else {
        SIG_SET(self->pending, self->pending & ~SIGBIT(sig));
        *info = self->pending_info[sig];
        if (self->charged & SIGBIT(sig))
            sigqueue_uncharge(1);
        self->charged &= ~SIGBIT(sig);
    }
    SIG_SET(self->shared_pending, self->shared_pending & self->pending);
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

/* Runs on the thread the kernel chose (the host mask mirrors each
 * thread's guest mask, so it is one that does not block the signal) and
 * records the signal for that thread. */
static void host_handler(int host, siginfo_t *si, void *uc)
{
    HostSignals *h = &self->host;
    int sig = guest_signo(host);

    if (sig < 1)
        return;
    if (host == SIGIO && gdb_sigio(si->si_fd)) { /* gdb's socket, not the guest's */
        if (self->env)
            cpu_exit_request(self->env);
        return;
    }
    if (sig >= SIGRT_FIRST) {
        unsigned i = __atomic_fetch_add(&h->rt_head, 1, __ATOMIC_SEQ_CST) % HOST_RT_RING;
        h->rt[i].sig = sig;
        siginfo_from_host(&h->rt[i].info, si);
        h->rt[i].info.si_signo = sig;
    } else {
        siginfo_from_host(&h->info[sig], si);
        __atomic_fetch_or(&h->pending, SIGBIT(sig), __ATOMIC_SEQ_CST);
    }
    __atomic_store_n(&h->signalled, 1, __ATOMIC_SEQ_CST);
    safe_syscall_rewind(uc); /* a blocking call about to start: not now */
    if (self->env)
        cpu_exit_request(self->env);
}

#ifdef __SANITIZE_THREAD__
/*
 * The front handler of a TSan build (include/tsan.h): installed in the
 * kernel in place of TSan's handler, which it then calls, so stitch's
 * handler still runs when TSan decides.  It does at once only what
 * host_handler's contract with safe_syscall needs, and sends a thread out
 * of generated code to where the deferred handler runs
 * (merge_host_pending).  It may interrupt TSan's own code, so it is not
 * instrumented and touches no memory TSan watches.
 */
typedef void (*SigactionFn)(int, siginfo_t *, void *);
static SigactionFn tsan_handler[NSIG];

__attribute__((no_sanitize_thread)) static void tsan_front(int host, siginfo_t *si, void *uc)
{
    ThreadState *t = self;

    if (t) {
        __atomic_store_n(&t->host.signalled, 1, __ATOMIC_SEQ_CST);
        if (t->env) /* cpu_exit_request: a thread spinning in chained code */
            __atomic_store_n(&t->env->exit_request, 1, __ATOMIC_RELEASE);
    }
    safe_syscall_rewind(uc);
    tsan_handler[host](host, si, uc);
}

/* The kernel's struct sigaction (rt_sigaction(2)): TSan's interceptor
 * installed its handler through it; the raw call reads and replaces
 * that handler, keeping TSan's flags, mask and restorer. */
struct kernel_sigaction {
    SigactionFn handler;
    unsigned long flags;
    void (*restorer)(void);
    uint64_t mask;
};

static void tsan_front_install(int host)
{
    struct kernel_sigaction k;

    if (syscall(SYS_rt_sigaction, host, NULL, &k, sizeof(k.mask)) < 0 || !(k.flags & SA_SIGINFO) ||
        k.handler == tsan_front)
        return;
    tsan_handler[host] = k.handler;
    k.handler = tsan_front;
    syscall(SYS_rt_sigaction, host, &k, NULL, sizeof(k.mask));
}
#else
static void tsan_front_install(int host) { (void)host; }
#endif

/* Synchronous faults stay the engine's (SIGSEGV, SIGBUS) or stitch's own
 * bugs (SIGILL, SIGFPE, SIGTRAP); SIGKILL/SIGSTOP cannot be caught; guest
 * 63 and 64 have no host number. */
static int host_forwards(int sig)
{
    return sig != SIGSEGV && sig != SIGBUS && sig != SIGILL && sig != SIGFPE &&
           sig != SIGTRAP && sig != SIGKILL && sig != SIGSTOP && host_signo(sig) > 0;
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
    if (signal_action(sig).handler == TARGET_SIG_IGN && !(sig == SIGIO && gdb_attached())) {
        sa.sa_handler = SIG_IGN;
    } else {
        sa.sa_sigaction = host_handler;
        sa.sa_flags = SA_SIGINFO; /* no SA_RESTART: blocking calls see EINTR */
    }
    sigaction(host_signo(sig), &sa, NULL);
    if (sa.sa_handler != SIG_IGN)
        tsan_front_install(host_signo(sig));
}

/* The guest signals a host set stands for (guest_signo): host 32 and 33
 * are stitch's glibc's, not the guest's. */
uint64_t guest_sigset_of_host(uint64_t host)
{
    uint64_t mask = 0;

    for (int h = 1; h <= 64; h++) {
        int sig = guest_signo(h);
        if ((host & SIGBIT(h)) && sig > 0)
            mask |= SIGBIT(sig);
    }
    return mask;
}

/* The guest's ignored and caught signals, as fs/proc/array.c
 * collect_sigign_sigcatch reads the process's actions: stitch's host
 * actions catch nearly everything for itself. */
void signal_ign_cgt(uint64_t *ign, uint64_t *cgt)
{
    *ign = *cgt = 0;
    pthread_mutex_lock(&sigact_lock);
    for (int sig = 1; sig <= GUEST_NSIG; sig++) {
        uint32_t h = task.sigact[sig].handler;
        if (h == TARGET_SIG_IGN)
            *ign |= SIGBIT(sig);
        else if (h != TARGET_SIG_DFL)
            *cgt |= SIGBIT(sig);
    }
    pthread_mutex_unlock(&sigact_lock);
}

/* The host signals that stand for the guest signals of `mask`. */
void host_sigset(uint64_t mask, sigset_t *out)
{
    sigemptyset(out);
    for (int sig = 1; sig <= GUEST_NSIG; sig++)
        if ((mask & SIGBIT(sig)) && host_forwards(sig))
            sigaddset(out, host_signo(sig));
}

/*
 * The host thread blocks what its guest thread blocks, so the kernel
 * routes a process-directed signal to a thread that does not block it
 * and keeps it pending while all do, as it would for the guest (qemu-user
 * does the same).  Applied by the CPU loop before guest code runs again;
 * synchronous faults are never blocked on the host (host_forwards).
 */
void signal_sync_mask(int force)
{
    sigset_t set;

    if (!force && self->host_mask == self->sigmask)
        return;
    host_sigset(self->sigmask, &set);
    pthread_sigmask(SIG_SETMASK, &set, NULL);
    self->host_mask = self->sigmask;
}

/*
 * What a new program inherits through execve, the ignored set and the
 * mask, goes by the numbers its parent used, whoever it is: a native
 * parent or a stitch that runs the guest's execve.  So guest signal sig's
 * come from, and go to, host signal sig, not host_signo(sig), where stitch
 * moves a real-time signal while it runs.  The kernel's calls: glibc
 * refuses or drops its own 32 and 33.
 */
typedef struct {
    void *handler;
    unsigned long flags;
    void *restorer;
    uint64_t mask;
} RawSigaction;

static int raw_sigaction(int sig, const RawSigaction *act, RawSigaction *old)
{
    return (int)syscall(SYS_rt_sigaction, sig, act, old, sizeof(uint64_t));
}

static int started_ignored(int sig)
{
    RawSigaction old;

    return raw_sigaction(sig, NULL, &old) == 0 && old.handler == SIG_IGN;
}

void signal_init(CPUState *env)
{
    uint64_t started_blocked = 0;

    self->env = env;
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &started_blocked, sizeof(started_blocked));
    for (int sig = 1; sig <= GUEST_NSIG; sig++) {
        if (started_blocked & (1ull << (sig - 1)))
            SIG_SET(self->sigmask, self->sigmask | SIGBIT(sig));
        if (host_forwards(sig) && started_ignored(sig))
            task.sigact[sig].handler = TARGET_SIG_IGN;
    }
    /* after every number is read: this moves real-time ones */
    for (int sig = 1; sig <= GUEST_NSIG; sig++)
        signal_sync_host(sig);
    SIG_SET(self->sigmask, self->sigmask & ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP)));
    signal_sync_mask(1);
    self->restart = RESTART_NONE;
    exec_sent_signal = host_handler; /* SIGSEGV & co. sent by kill/tgkill */
}

/* The host's actions for the real-time numbers that signal_prepare_exec
 * changed, put back if the exec fails. */
static RawSigaction exec_saved[65 - SIGRT_FIRST];
static uint64_t exec_changed;

void signal_prepare_exec(void)
{
    uint64_t mask = 0;

    exec_changed = 0;
    for (int n = SIGRT_FIRST; n <= 64; n++) {
        RawSigaction cur, want = {0};
        int ign = n <= GUEST_NSIG && signal_action(n).handler == TARGET_SIG_IGN;
        /* a handler is reset by the exec itself */
        if (raw_sigaction(n, NULL, &cur) != 0 || (cur.handler == SIG_IGN) == ign)
            continue;
        want.handler = ign ? SIG_IGN : SIG_DFL;
        exec_saved[n - SIGRT_FIRST] = cur;
        exec_changed |= 1ull << (n - SIGRT_FIRST);
        raw_sigaction(n, &want, NULL);
    }
    for (int sig = 1; sig <= GUEST_NSIG; sig++)
        if ((self->sigmask & SIGBIT(sig)) && host_forwards(sig))
            mask |= 1ull << (sig - 1);
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &mask, NULL, sizeof(mask));
}

void signal_after_failed_exec(void)
{
    for (int n = SIGRT_FIRST; n <= 64; n++)
        if (exec_changed & (1ull << (n - SIGRT_FIRST)))
            raw_sigaction(n, &exec_saved[n - SIGRT_FIRST], NULL);
    signal_sync_mask(1);
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
    int kind = self->restart;

    if (kind == RESTART_NONE)
        return;
    self->restart = RESTART_NONE;
    if (ka && (kind == RESTART_NOHAND || !(ka->flags & TARGET_SA_RESTART)))
        return; /* the guest already has -EINTR */
    syscall_restart(env, self->restart_nr);
}

/* Run the guest handler for `sig`: frame, then the mask and flags rules of
 * the kernel's signal_delivered(). */
static void run_handler(CPUState *env, int sig, const TargetSiginfo *info)
{
    GuestSigaction act = signal_action(sig);
    uint64_t old = self->use_saved_mask ? self->saved_mask : self->sigmask;

    settle_restart(env, &act);
    if (act.flags & TARGET_SA_RESETHAND)
        reset_handler(sig, act.handler);
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
    SIG_SET(self->sigmask, self->sigmask | act.mask);
    if (!(act.flags & TARGET_SA_NODEFER))
        SIG_SET(self->sigmask, self->sigmask | SIGBIT(sig));
    SIG_SET(self->sigmask, self->sigmask & ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP)));
    self->use_saved_mask = 0;
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
    uint32_t h = signal_action(sig).handler;

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
    if (self->use_saved_mask) {
        SIG_SET(self->sigmask, self->saved_mask);
        self->use_saved_mask = 0;
    }
}

/*
 * The guest's key when a load or store hit one of its execute-only pages
 * (linux-user/mmap.c), 0 otherwise.  The kernel checks the VMA's key for
 * any data access, present page or not, and reports SEGV_PKUERR with
 * that key (arch/x86/mm/fault.c bad_area_access_from_pkeys, __bad_area).
 * The key is the one execute_only_pkey allocated first in the guest's
 * mm, 1 (mm_pkey_alloc: key 0 is the default), since a guest cannot
 * allocate keys of its own (pkey_alloc is ENOSYS, syscall-why.h).
 */
static int pkey_denied(int sig, int si_code, uint32_t addr, uint32_t pf_err)
{
    int f = page_get_flags(addr);

    if (sig != SIGSEGV || si_code != SEGV_ACCERR || (pf_err & PF_ERR_FETCH))
        return 0;
    return (f & (PAGE_READ | PAGE_EXEC)) == PAGE_EXEC ? 1 : 0;
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
    int pkey = pkey_denied(sig, si_code, addr, env->error_code);
    if (pkey)
        si_code = SEGV_PKUERR;
    if (log_enabled(int))
        log_printf("guest signal %d (%s) si_code=%d addr=0x%08x " GUEST_PC_NAME "=0x%08x\n",
                   sig, strsignal(sig), si_code, addr, cpu_get_pc(env));
    memset(&info, 0, sizeof(info));
    info.si_signo = sig;
    info.si_code = si_code;
    info.u.fault.addr = addr;
    info.u.fault.pkey = (uint32_t)pkey;
    fault_set_trap(sig, si_code, addr, env->error_code);
    if ((self->sigmask & SIGBIT(sig)) || signal_action(sig).handler <= TARGET_SIG_IGN)
        signal_die(sig);
    run_handler(env, sig, &info);
}

/* A signal the guest sends itself (kill, tkill, tgkill, rt_sigqueueinfo
 * aimed at this process), with its siginfo; `shared` if aimed at the
 * process, which the kernel would keep in the process's queue
 * (kernel/signal.c __send_signal_locked: PIDTYPE_PID or not), where
 * /proc/PID/status shows it (ShdPnd). */
abi_long guest_self_queue(CPUState *env, int sig, const TargetSiginfo *info, int shared)
{
    abi_long r;

    if (sig < 1 || sig > GUEST_NSIG)
        return -EINVAL;
    if (log_enabled(int))
        log_printf("guest sends itself signal %d (%s) " GUEST_PC_NAME "=0x%08x\n", sig,
                   strsignal(sig), cpu_get_pc(env));
    /* A fatal default action takes effect at once, as the kernel's
     * complete_signal() kills the whole group before the call returns. */
    if (!(self->sigmask & SIGBIT(sig)) && signal_action(sig).handler == TARGET_SIG_DFL &&
        !default_ignores(sig) && !default_stops(sig))
        signal_die(sig);
    if ((r = signal_queue(sig, info)) == 0)
        SIG_SET(self->shared_pending, shared ? self->shared_pending | SIGBIT(sig)
                                             : self->shared_pending & ~SIGBIT(sig));
    return r;
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
    return guest_self_queue(env, sig, &info, si_code == SI_USER);
}
