/*
 * POSIX per-process timers (timer_create and friends) and timer file
 * descriptors (timerfd_*): the host's, with the 32-bit structures converted
 * (include/uapi/asm-generic/siginfo.h struct sigevent, and the 32-bit
 * struct itimerspec of the calls without the _time64 suffix).  Timer
 * signals reach the guest like any host signal, their siginfo carrying the
 * timer id, overrun and value (signal.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "guest-signal.h"
#include "syscall.h"

/* The 32-bit struct sigevent: 64 bytes, a 4-byte sigval first. */
typedef struct {
    uint32_t value;
    int32_t signo, notify;
    union {
        int32_t pad[13];
        int32_t tid;        /* SIGEV_THREAD_ID */
    } u;
} TargetSigevent;
_Static_assert(sizeof(TargetSigevent) == 64, "32-bit struct sigevent");

typedef struct {
    TargetTimespec interval, value;
} TargetItimerspec;

/* What the kernel's timer_create reads; glibc's struct sigevent has the
 * same layout on the host. */
abi_long sigevent_from_guest(struct sigevent *h, uint32_t addr)
{
    const TargetSigevent *g = GUEST_R(addr, sizeof(*g));

    if (!g)
        return -EFAULT;
    memset(h, 0, sizeof(*h));
    h->sigev_value.sival_ptr = (void *)(uintptr_t)g->value;
    h->sigev_signo = g->signo > 0 && g->signo <= GUEST_NSIG ? host_signo(g->signo) : g->signo;
    h->sigev_notify = g->notify;
    h->_sigev_un._tid = g->u.tid;
    return 0;
}

abi_long sys_timer_create(CPUState *env, const uint32_t *a)
{
    struct sigevent sev;
    int32_t *out = GUEST_W(a[2], 4);
    int id;
    abi_long r;

    (void)env;
    if (!out)
        return -EFAULT;
    if (a[1] && (r = sigevent_from_guest(&sev, a[1])) < 0)
        return r;
    r = get_errno(syscall(SYS_timer_create, (clockid_t)a[0], a[1] ? &sev : NULL, &id));
    if (r == 0)
        *out = id;
    return r;
}

static void its_from_guest(struct itimerspec *h, const TargetItimerspec *g)
{
    h->it_interval = (struct timespec){ g->interval.tv_sec, g->interval.tv_nsec };
    h->it_value = (struct timespec){ g->value.tv_sec, g->value.tv_nsec };
}

static void its_to_guest(TargetItimerspec *g, const struct itimerspec *h)
{
    g->interval = (TargetTimespec){ (int32_t)h->it_interval.tv_sec,
                                    (int32_t)h->it_interval.tv_nsec };
    g->value = (TargetTimespec){ (int32_t)h->it_value.tv_sec, (int32_t)h->it_value.tv_nsec };
}

/*
 * The settime calls of both families: `nr` the host call, `wide` the
 * guest's struct itimerspec has 64-bit fields (the _time64 calls, the
 * host's own layout).
 */
static abi_long settime(long nr, const uint32_t *a, int wide)
{
    size_t gsize = wide ? sizeof(struct itimerspec) : sizeof(TargetItimerspec);
    const void *gnew = GUEST_R(a[2], gsize);
    void *gold = NULL;
    struct itimerspec hnew, hold;
    abi_long r;

    if (!gnew || (a[3] && !(gold = GUEST_W(a[3], gsize))))
        return -EFAULT;
    if (wide) {
        hnew.it_interval = timespec64_from_guest(gnew);
        hnew.it_value = timespec64_from_guest((const char *)gnew + 16);
    } else
        its_from_guest(&hnew, gnew);
    r = get_errno(syscall(nr, (int)a[0], (int)a[1], &hnew, gold ? &hold : NULL));
    if (r == 0 && gold) {
        if (wide)
            memcpy(gold, &hold, sizeof(hold));
        else
            its_to_guest(gold, &hold);
    }
    return r;
}

static abi_long gettime(long nr, const uint32_t *a, int wide)
{
    void *g = GUEST_W(a[1], wide ? sizeof(struct itimerspec) : sizeof(TargetItimerspec));
    struct itimerspec h;
    abi_long r;

    if (!g)
        return -EFAULT;
    r = get_errno(syscall(nr, (int)a[0], &h));
    if (r == 0) {
        if (wide)
            memcpy(g, &h, sizeof(h));
        else
            its_to_guest(g, &h);
    }
    return r;
}

/* The four settime/gettime calls of a family (timer_*, timerfd_*): the
 * 32-bit-time ones and the _time64 ones. */
#define SETTIME_GETTIME(family, set_nr, get_nr)                             \
    abi_long sys_##family##_settime(CPUState *env, const uint32_t *a)       \
    {                                                                       \
        (void)env;                                                          \
        return settime(set_nr, a, 0);                                       \
    }                                                                       \
    abi_long sys_##family##_settime64(CPUState *env, const uint32_t *a)     \
    {                                                                       \
        (void)env;                                                          \
        return settime(set_nr, a, 1);                                       \
    }                                                                       \
    abi_long sys_##family##_gettime(CPUState *env, const uint32_t *a)       \
    {                                                                       \
        (void)env;                                                          \
        return gettime(get_nr, a, 0);                                       \
    }                                                                       \
    abi_long sys_##family##_gettime64(CPUState *env, const uint32_t *a)     \
    {                                                                       \
        (void)env;                                                          \
        return gettime(get_nr, a, 1);                                       \
    }
SETTIME_GETTIME(timer, SYS_timer_settime, SYS_timer_gettime)
SETTIME_GETTIME(timerfd, SYS_timerfd_settime, SYS_timerfd_gettime)

abi_long sys_timer_getoverrun(CPUState *env, const uint32_t *a)
{
    abi_long r = get_errno(syscall(SYS_timer_getoverrun, (int)a[0]));
    int32_t merged;

    (void)env;
    if (r >= 0 && signal_timer_overrun((int32_t)a[0], &merged))
        return merged;
    return r;
}

abi_long sys_timer_delete(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(syscall(SYS_timer_delete, (int)a[0]));
}

abi_long sys_timerfd_create(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(fd_table_note(timerfd_create((int)a[0], (int)a[1])));
}
