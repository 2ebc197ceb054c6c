/*
 * Signal system calls: dispositions, the blocked mask, waiting for signals,
 * the alternate stack.  The state lives in TaskState; signal.c delivers.
 * A disposition change is mirrored on the host only as far as "ignored or
 * not" (signal_sync_host), since every other host action is stitch's
 * recording handler.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "guest-signal.h"
#include "guest-user.h"
#include "syscall.h"

/* The kernel's sigset_t of a 32-bit guest is 64 bits (_NSIG 64); anything
 * else is EINVAL. */
#define TARGET_SIGSET_SIZE 8

static uint64_t get_sigset(const void *p)
{
    uint64_t s; /* a guest sigset_t is only 4-byte aligned: copy it */

    memcpy(&s, p, sizeof(s));
    return s;
}

/* ---- Dispositions -------------------------------------------------------- */

static abi_long do_sigaction(int sig, const GuestSigaction *act, GuestSigaction *old)
{
    if (sig < 1 || sig > GUEST_NSIG)
        return -EINVAL;
    if (act && (sig == SIGKILL || sig == SIGSTOP))
        return -EINVAL;
    signal_set_action(sig, act, old);
    if (!act)
        return 0;
    signal_sync_host(sig);
    /* Setting SIG_IGN (or SIG_DFL where that ignores) discards the signal
     * if it is pending (kernel do_sigaction). */
    if (signal_is_ignored(sig))
        signal_discard(sig);
    return 0;
}

abi_long sys_rt_sigaction(CPUState *env, const uint32_t *a)
{
    const GuestSigaction *gact = NULL;
    GuestSigaction *goact = NULL, act, old;

    (void)env;
    if (a[3] != TARGET_SIGSET_SIZE)
        return -EINVAL;
    if ((a[1] && !(gact = GUEST_R(a[1], sizeof(*gact)))) ||
        (a[2] && !(goact = GUEST_W(a[2], sizeof(*goact)))))
        return -EFAULT;
    if (gact)
        act = *gact;
    abi_long r = do_sigaction((int32_t)a[0], gact ? &act : NULL, &old);
    if (r == 0 && goact)
        *goact = old;
    return r;
}

/* The old struct old_sigaction of the 32-bit ABIs that have sigaction
 * (CONFIG_OLD_SIGACTION): handler, a 32-bit mask, flags, restorer. */
typedef struct {
    uint32_t handler, mask, flags, restorer;
} TargetOldSigaction;

abi_long sys_sigaction(CPUState *env, const uint32_t *a)
{
    const TargetOldSigaction *gact = NULL;
    TargetOldSigaction *goact = NULL;
    GuestSigaction act, old;

    (void)env;
    if ((a[1] && !(gact = GUEST_R(a[1], sizeof(*gact)))) ||
        (a[2] && !(goact = GUEST_W(a[2], sizeof(*goact)))))
        return -EFAULT;
    if (gact)
        act = (GuestSigaction){ gact->handler, gact->flags, gact->restorer, gact->mask };
    abi_long r = do_sigaction((int32_t)a[0], gact ? &act : NULL, &old);
    if (r == 0 && goact)
        *goact = (TargetOldSigaction){ old.handler, (uint32_t)old.mask, old.flags, old.restorer };
    return r;
}

/* signal(sig, handler) (kernel/signal.c sys_signal): the System V
 * one-shot disposition, SA_ONESHOT | SA_NOMASK (SA_RESETHAND |
 * SA_NODEFER) with an empty mask; returns the previous handler. */
abi_long sys_signal(CPUState *env, const uint32_t *a)
{
    GuestSigaction act = { a[1], TARGET_SA_RESETHAND | TARGET_SA_NODEFER, 0, 0 }, old;

    (void)env;
    abi_long r = do_sigaction((int32_t)a[0], &act, &old);
    return r ? r : (abi_long)old.handler;
}

/* ---- The blocked mask ---------------------------------------------------- */

static abi_long change_mask(int how, uint64_t s)
{
    s &= ~UNBLOCKABLE;
    switch (how) {
    case SIG_BLOCK: SIG_SET(self->sigmask, self->sigmask | s); break;
    case SIG_UNBLOCK: SIG_SET(self->sigmask, self->sigmask & ~s); break;
    case SIG_SETMASK: SIG_SET(self->sigmask, s); break;
    default: return -EINVAL;
    }
    /* At once: signals the kernel held for this thread while it blocked
     * them arrive now, to be delivered with the rest on the way out. */
    signal_sync_mask(0);
    return 0;
}

/* A newly unblocked pending signal is delivered on the way out of the
 * call (guest_process_signals, called by the CPU loop). */
abi_long sys_rt_sigprocmask(CPUState *env, const uint32_t *a)
{
    const void *set = NULL;
    void *oset = NULL;
    uint64_t old = self->sigmask;

    (void)env;
    if (a[3] != TARGET_SIGSET_SIZE)
        return -EINVAL;
    if ((a[1] && !(set = GUEST_R(a[1], sizeof(uint64_t)))) ||
        (a[2] && !(oset = GUEST_W(a[2], sizeof(uint64_t)))))
        return -EFAULT;
    if (set && change_mask((int)a[0], get_sigset(set)) < 0)
        return -EINVAL;
    if (oset)
        memcpy(oset, &old, sizeof(old));
    return 0;
}

/* The old call with a 32-bit mask: it changes the low word only. */
abi_long sys_sigprocmask(CPUState *env, const uint32_t *a)
{
    const uint32_t *set = NULL;
    uint32_t *oset = NULL;
    uint32_t old = (uint32_t)self->sigmask;

    (void)env;
    if ((a[1] && !(set = GUEST_R(a[1], 4))) || (a[2] && !(oset = GUEST_W(a[2], 4))))
        return -EFAULT;
    if (set) {
        uint64_t s = *set;
        if ((int)a[0] == SIG_SETMASK)
            s |= self->sigmask & 0xffffffff00000000ull;
        if (change_mask((int)a[0], s) < 0)
            return -EINVAL;
    }
    if (oset)
        *oset = old;
    return 0;
}

/*
 * sgetmask/ssetmask (kernel/signal.c): the first word of the blocked set,
 * which on a 64-bit kernel is all 64 signals.  sgetmask returns its low
 * 32 bits; ssetmask replaces the whole word with its int argument
 * sign-extended (siginitset takes an unsigned long), so a negative mask
 * also blocks signals 33 to 64, and returns the old low 32 bits.
 */
abi_long sys_sgetmask(CPUState *env, const uint32_t *a)
{
    (void)env, (void)a;
    return (abi_long)(uint32_t)self->sigmask;
}

abi_long sys_ssetmask(CPUState *env, const uint32_t *a)
{
    uint32_t old = (uint32_t)self->sigmask;

    (void)env;
    change_mask(SIG_SETMASK, (uint64_t)(int64_t)(int32_t)a[0]);
    return (abi_long)old;
}

/* Pending signals that are blocked (kernel do_sigpending). */
static uint64_t blocked_pending(void)
{
    sigset_t host;
    uint64_t p;

    signal_deliverable(); /* merges what host handlers recorded */
    p = self->pending & self->sigmask;
    /* ... and what the kernel holds because this thread blocks it. */
    sigpending(&host);
    for (int h = 1; h < NSIG; h++)
        if (sigismember(&host, h) == 1 && guest_signo(h) > 0)
            p |= SIGBIT(guest_signo(h));
    return p;
}

abi_long sys_rt_sigpending(CPUState *env, const uint32_t *a)
{
    void *set = GUEST_W(a[0], TARGET_SIGSET_SIZE);
    uint64_t p = blocked_pending();

    (void)env;
    if (a[1] != TARGET_SIGSET_SIZE)
        return -EINVAL;
    if (!set)
        return -EFAULT;
    memcpy(set, &p, sizeof(p));
    return 0;
}

abi_long sys_sigpending(CPUState *env, const uint32_t *a)
{
    uint32_t *set = GUEST_W(a[0], 4);

    (void)env;
    if (!set)
        return -EFAULT;
    *set = (uint32_t)blocked_pending();
    return 0;
}

/* ---- Waiting --------------------------------------------------------------- */

/*
 * Wait until a signal the guest does not block (and does not ignore) or
 * one of `set` is pending; -EAGAIN when `timeout` (NULL: none) runs out.
 * The check and the wait must not let a host signal slip in between: host
 * signals are blocked across the check and ppoll() unblocks them
 * atomically as it starts sleeping, as the kernel's sigsuspend does.  It
 * unblocks what the guest does not block, plus `set` (signals the kernel
 * held for this thread because it blocks them come in then).
 */
static abi_long wait_for_signal(uint64_t set, const struct timespec *timeout)
{
    sigset_t all, wait, back;
    struct timespec deadline, now, left;

    sigfillset(&all);
    host_sigset(self->sigmask & ~set, &wait);
    host_sigset(self->host_mask, &back);
    if (timeout) {
        clock_gettime(CLOCK_MONOTONIC, &deadline);
        deadline.tv_sec += timeout->tv_sec;
        deadline.tv_nsec += timeout->tv_nsec;
        if (deadline.tv_nsec >= 1000000000)
            deadline.tv_sec++, deadline.tv_nsec -= 1000000000;
    }
    for (;;) {
        /* What the host holds for the thread of `set` (a blocked kill
         * to itself, a timer's) joins stitch's queues first: the
         * kernel's dequeue sees the whole pending set, lowest signal
         * first, and a zero timeout still finds them. */
        while (ppoll(NULL, 0, &(struct timespec){ 0, 0 }, &wait) < 0 && errno == EINTR)
            ;
        pthread_sigmask(SIG_SETMASK, &all, NULL);
        uint64_t ready = signal_deliverable();
        for (int sig = 1; sig <= GUEST_NSIG; sig++)
            if ((ready & SIGBIT(sig)) && signal_is_ignored(sig))
                signal_discard(sig); /* ignored: discarded, no wake-up */
        if ((self->pending & ~self->sigmask) || (self->pending & set)) {
            pthread_sigmask(SIG_SETMASK, &back, NULL);
            return 0;
        }
        if (timeout) {
            clock_gettime(CLOCK_MONOTONIC, &now);
            left.tv_sec = deadline.tv_sec - now.tv_sec;
            left.tv_nsec = deadline.tv_nsec - now.tv_nsec;
            if (left.tv_nsec < 0)
                left.tv_sec--, left.tv_nsec += 1000000000;
            if (left.tv_sec < 0) {
                pthread_sigmask(SIG_SETMASK, &back, NULL);
                return -EAGAIN;
            }
        }
        ppoll(NULL, 0, timeout ? &left : NULL, &wait);
        pthread_sigmask(SIG_SETMASK, &back, NULL);
    }
}

/* rt_sigsuspend: wait with a temporary mask; the handler frame saves the
 * old one, which sigreturn brings back (kernel set_restore_sigmask). */
abi_long sys_rt_sigsuspend(CPUState *env, const uint32_t *a)
{
    const void *set = GUEST_R(a[0], TARGET_SIGSET_SIZE);

    (void)env;
    if (a[1] != TARGET_SIGSET_SIZE)
        return -EINVAL;
    if (!set)
        return -EFAULT;
    self->saved_mask = self->sigmask;
    self->use_saved_mask = 1;
    SIG_SET(self->sigmask, get_sigset(set) & ~UNBLOCKABLE);
    wait_for_signal(0, NULL);
    return -EINTR;
}

/* The old sigsuspend(int, int, old_sigset_t mask) of the ABIs with
 * CONFIG_OLD_SIGSUSPEND3. */
abi_long sys_sigsuspend(CPUState *env, const uint32_t *a)
{
    (void)env;
    self->saved_mask = self->sigmask;
    self->use_saved_mask = 1;
    SIG_SET(self->sigmask, ((self->sigmask & 0xffffffff00000000ull) | a[2]) & ~UNBLOCKABLE);
    wait_for_signal(0, NULL);
    return -EINTR;
}

abi_long sys_pause(CPUState *env, const uint32_t *a)
{
    (void)env, (void)a;
    wait_for_signal(0, NULL);
    return -EINTR;
}

/* Take a signal of `set` (normally blocked) without running its handler. */
static abi_long sigtimedwait_common(const uint32_t *a, const struct timespec *timeout)
{
    const void *gset = GUEST_R(a[0], TARGET_SIGSET_SIZE);
    TargetSiginfo info, *ginfo = NULL;

    if (a[3] != TARGET_SIGSET_SIZE)
        return -EINVAL;
    if (!gset || (a[1] && !(ginfo = GUEST_W(a[1], sizeof(*ginfo)))))
        return -EFAULT;
    uint64_t set = get_sigset(gset) & ~UNBLOCKABLE;
    abi_long r = wait_for_signal(set, timeout);
    int sig = signal_dequeue(set, &info);
    if (sig) {
        if (ginfo)
            *ginfo = info;
        return sig;
    }
    return r < 0 ? r : -EINTR;
}

abi_long sys_rt_sigtimedwait(CPUState *env, const uint32_t *a)
{
    struct timespec ts;
    const TargetTimespec *g = NULL;

    (void)env;
    if (a[2] && !(g = GUEST_R(a[2], sizeof(*g))))
        return -EFAULT;
    if (g)
        ts = (struct timespec){ g->tv_sec, g->tv_nsec };
    return sigtimedwait_common(a, g ? &ts : NULL);
}

abi_long sys_rt_sigtimedwait_time64(CPUState *env, const uint32_t *a)
{
    struct timespec ts;
    const void *g = NULL;

    (void)env;
    if (a[2] && !(g = GUEST_R(a[2], sizeof(ts))))
        return -EFAULT;
    if (g)
        ts = timespec64_from_guest(g);
    return sigtimedwait_common(a, g ? &ts : NULL);
}

/* ---- The alternate stack ------------------------------------------------- */

/* do_sigaltstack(): no change while running on it (EPERM); SS_ONSTACK
 * in a request means "enable", as 0 does. */
abi_long sys_sigaltstack(CPUState *env, const uint32_t *a)
{
    const TargetStack *ss = NULL;
    TargetStack *oss = NULL;
    uint32_t sp = cpu_get_sp(env);
    TargetStack old = { self->ss_sp, sas_ss_flags(sp) | (self->ss_flags & TARGET_SS_AUTODISARM),
                        self->ss_size };

    if ((a[0] && !(ss = GUEST_R(a[0], sizeof(*ss)))) ||
        (a[1] && !(oss = GUEST_W(a[1], sizeof(*oss)))))
        return -EFAULT;
    if (ss) {
        uint32_t mode = (uint32_t)ss->ss_flags & ~TARGET_SS_AUTODISARM;
        if (sas_ss_flags(sp) == TARGET_SS_ONSTACK)
            return -EPERM;
        if (mode != TARGET_SS_DISABLE && mode != TARGET_SS_ONSTACK && mode != 0)
            return -EINVAL;
        if (mode == TARGET_SS_DISABLE) {
            self->ss_sp = self->ss_size = 0;
            self->ss_flags = 0;
        } else {
            if (ss->ss_size < TARGET_MINSIGSTKSZ)
                return -ENOMEM;
            self->ss_sp = ss->ss_sp;
            self->ss_size = ss->ss_size;
            self->ss_flags = ss->ss_flags & TARGET_SS_AUTODISARM;
        }
    }
    if (oss)
        *oss = old;
    return 0;
}

/* ---- rt_sigqueueinfo / rt_tgsigqueueinfo -------------------------------- */

/*
 * A signal with a siginfo of the caller's making (sigqueue(3)).  To this
 * process it is queued as given; to another, the kernel refuses a si_code
 * that would impersonate the kernel or tkill (EPERM), and the host queues
 * the guest siginfo's sender and value fields.
 */
static abi_long sigqueue_common(CPUState *env, pid_t tgid, pid_t tid, int sig, uint32_t uinfo)
{
    const TargetSiginfo *g = GUEST_R(uinfo, sizeof(*g));
    TargetSiginfo info;
    siginfo_t h;

    if (!g)
        return -EFAULT;
    info = *g;
    info.si_signo = sig;
    /* To this process (not to another of its threads): the guest's own
     * queue, with the siginfo exactly as given. */
    if (tgid == getpid() && (tid < 0 || tid == gettid()))
        return sig ? guest_self_queue(env, sig, &info, tid < 0) : 0;
    if (info.si_code >= 0 || info.si_code == SI_TKILL)
        return -EPERM;
    if (sig < 1 || sig > GUEST_NSIG || host_signo(sig) < 0)
        return -EINVAL;
    memset(&h, 0, sizeof(h));
    h.si_signo = host_signo(sig);
    h.si_code = info.si_code;
    h.si_pid = info.u.rt.pid;
    h.si_uid = info.u.rt.uid;
    h.si_value.sival_int = (int)info.u.rt.value;
    if (tid < 0)
        return get_errno(syscall(SYS_rt_sigqueueinfo, tgid, h.si_signo, &h));
    return get_errno(syscall(SYS_rt_tgsigqueueinfo, tgid, tid, h.si_signo, &h));
}

abi_long sys_rt_sigqueueinfo(CPUState *env, const uint32_t *a)
{
    return sigqueue_common(env, (pid_t)a[0], -1, (int)a[1], a[2]);
}

abi_long sys_rt_tgsigqueueinfo(CPUState *env, const uint32_t *a)
{
    return sigqueue_common(env, (pid_t)a[0], (pid_t)a[1], (int)a[2], a[3]);
}

/* ---- pidfd_send_signal --------------------------------------------------- */

/* Is the process a pidfd refers to this one?  fdinfo of a pidfd has its
 * "Pid:" line (kernel/pid.c pidfd_show_fdinfo). */
static int pidfd_is_self(int fd)
{
    char name[64], buf[512];
    int f;

    snprintf(name, sizeof(name), "/proc/self/fdinfo/%d", fd);
    if ((f = open(name, O_RDONLY | O_CLOEXEC)) < 0)
        return 0;
    ssize_t n = read(f, buf, sizeof(buf) - 1);
    close(f);
    buf[n > 0 ? n : 0] = '\0';
    const char *pid = strstr(buf, "\nPid:");
    return pid && atoi(pid + 5) == getpid();
}

/*
 * pidfd_send_signal(pidfd, sig, info, flags) (kernel/signal.c): the
 * pidfd is the host's (clone's CLONE_PIDFD, pidfd_open), so the host
 * kernel checks it, the flags and the permission, with the host's
 * signal number and the guest siginfo's fields as sigqueue_common
 * passes them.  Aimed at this process, what kill keeps in the guest's
 * own queue stays there too: a siginfo of the caller's, a fault signal,
 * one the host cannot carry.  A siginfo the guest cannot read goes to
 * the host as an address in the kernel's half, which no copy from user
 * space reads: the host checks the flags and the descriptor before the
 * copy fails (EFAULT), as the kernel would for the guest (the signal
 * number, checked after the copy, does not matter).
 */
abi_long sys_pidfd_send_signal(CPUState *env, const uint32_t *a)
{
    int fd = (int)a[0], sig = (int)a[1], host = sig ? host_signo(sig) : 0;
    const TargetSiginfo *g = a[2] ? GUEST_R(a[2], sizeof(*g)) : NULL;
    siginfo_t h;

    if (a[2] && !g)
        return get_errno(syscall(SYS_pidfd_send_signal, fd, SIGUSR1, (void *)-4096L,
                                 (unsigned)a[3]));
    if (sig < 0 || sig > GUEST_NSIG)
        host = -1;
    if (sig > 0 && sig <= GUEST_NSIG && (g || host <= 0 || sig == SIGSEGV || sig == SIGBUS ||
                                         sig == SIGILL || sig == SIGFPE || sig == SIGTRAP) &&
        a[3] == 0 && pidfd_is_self(fd)) {
        if (!g)
            return guest_self_signal(env, sig, SI_USER);
        if (g->si_signo != sig)
            return -EINVAL;
        TargetSiginfo info = *g;
        return guest_self_queue(env, sig, &info, 1);
    }
    /* An out-of-range number the host refuses after its own checks. */
    host = host < 0 ? 1000 : host;
    if (!g)
        return get_errno(syscall(SYS_pidfd_send_signal, fd, host, NULL, (unsigned)a[3]));
    memset(&h, 0, sizeof(h));
    h.si_signo = g->si_signo == sig ? host : 0;
    h.si_code = g->si_code;
    h.si_pid = g->u.rt.pid;
    h.si_uid = g->u.rt.uid;
    h.si_value.sival_int = (int)g->u.rt.value;
    return get_errno(syscall(SYS_pidfd_send_signal, fd, host, &h, (unsigned)a[3]));
}
