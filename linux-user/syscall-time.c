/*
 * Time system calls.  A 32-bit ABI has two generations: the old ones with
 * 32-bit seconds (struct old_timespec32 / old_timeval32, converted here,
 * and wrapping in 2038 as they do natively) and the *_time64 ones whose
 * struct __kernel_timespec is the host's struct timespec.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <string.h>
#include <sys/time.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "guest-signal.h"
#include "syscall.h"

static abi_long put_timespec32(uint32_t addr, const struct timespec *ts)
{
    TargetTimespec *g = GUEST_W(addr, sizeof(*g));

    if (!g)
        return -EFAULT;
    g->tv_sec = (int32_t)ts->tv_sec;
    g->tv_nsec = (int32_t)ts->tv_nsec;
    return 0;
}

static abi_long get_timespec32(uint32_t addr, struct timespec *ts)
{
    const TargetTimespec *g = GUEST_R(addr, sizeof(*g));

    if (!g)
        return -EFAULT;
    ts->tv_sec = g->tv_sec;
    ts->tv_nsec = g->tv_nsec;
    return 0;
}

abi_long sys_clock_gettime(CPUState *env, const uint32_t *a)
{
    struct timespec ts;

    (void)env;
    if (clock_gettime((clockid_t)a[0], &ts) < 0)
        return -errno;
    return put_timespec32(a[1], &ts);
}

abi_long sys_clock_getres(CPUState *env, const uint32_t *a)
{
    struct timespec ts;

    (void)env;
    if (clock_getres((clockid_t)a[0], &ts) < 0)
        return -errno;
    return a[1] ? put_timespec32(a[1], &ts) : 0;
}

/*
 * struct __kernel_timespec is the host's struct timespec, but in guest
 * memory it may be only 4-byte aligned: go through a local copy.
 */
static abi_long put_timespec64(uint32_t addr, const struct timespec *ts)
{
    void *g = GUEST_W(addr, sizeof(*ts));

    if (!g)
        return -EFAULT;
    memcpy(g, ts, sizeof(*ts));
    return 0;
}

abi_long sys_clock_gettime64(CPUState *env, const uint32_t *a)
{
    struct timespec ts;

    (void)env;
    if (clock_gettime((clockid_t)a[0], &ts) < 0)
        return -errno;
    return put_timespec64(a[1], &ts);
}

abi_long sys_clock_getres_time64(CPUState *env, const uint32_t *a)
{
    struct timespec ts;

    (void)env;
    if (clock_getres((clockid_t)a[0], &ts) < 0)
        return -errno;
    return a[1] ? put_timespec64(a[1], &ts) : 0;
}

/* gettimeofday(tv, tz): either may be NULL; struct timezone is two ints
 * on both sides. */
abi_long sys_gettimeofday(CPUState *env, const uint32_t *a)
{
    struct timeval tv;
    struct timezone *tz = a[1] ? GUEST_W(a[1], sizeof(*tz)) : NULL;
    TargetTimeval *g = a[0] ? GUEST_W(a[0], sizeof(*g)) : NULL;

    (void)env;
    if ((a[0] && !g) || (a[1] && !tz))
        return -EFAULT;
    if (gettimeofday(&tv, tz) < 0)
        return -errno;
    if (g) {
        g->tv_sec = (int32_t)tv.tv_sec;
        g->tv_usec = (int32_t)tv.tv_usec;
    }
    return 0;
}

abi_long sys_time(CPUState *env, const uint32_t *a)
{
    int32_t now = (int32_t)time(NULL);
    int32_t *t = a[0] ? GUEST_W(a[0], sizeof(*t)) : NULL;

    (void)env;
    if (a[0] && !t)
        return -EFAULT;
    if (t)
        *t = now;
    return now;
}

/*
 * A host signal the guest blocks interrupts the host's sleep but not the
 * guest's (the kernel would not have woken it): sleep on with what is
 * left, as the kernel's restart_block does.  Returns the error number
 * (0, EINTR with a deliverable signal, EINVAL ...).
 */
static int sleep_on(clockid_t clk, int flags, struct timespec *req, struct timespec *rem)
{
    int e;

    for (;;) {
        *rem = *req; /* if a signal stops it before it starts */
        e = -safe_host_call(SYS_clock_nanosleep, clk, flags, (long)req, (long)rem, 0, 0);
        if (e != EINTR || signal_deliverable())
            return e;
        if (!(flags & TIMER_ABSTIME))
            *req = *rem;
    }
}

abi_long sys_nanosleep(CPUState *env, const uint32_t *a)
{
    struct timespec req, rem;
    abi_long r = get_timespec32(a[0], &req);

    (void)env;
    if (r < 0)
        return r;
    int e = sleep_on(CLOCK_MONOTONIC, 0, &req, &rem);
    if (e == EINTR && a[1])
        put_timespec32(a[1], &rem);
    return -e;
}

abi_long sys_clock_nanosleep_time64(CPUState *env, const uint32_t *a)
{
    const void *greq = GUEST_R(a[2], sizeof(struct timespec));
    struct timespec req, rem;

    (void)env;
    if (!greq)
        return -EFAULT;
    req = timespec64_from_guest(greq);
    int e = sleep_on((clockid_t)a[0], (int)a[1], &req, &rem);
    if (e == EINTR && a[3] && !(a[1] & TIMER_ABSTIME))
        put_timespec64(a[3], &rem);
    return -e;
}

/* The 32-bit-time clock_nanosleep glibc uses when clock_nanosleep_time64
 * is not tried first. */
abi_long sys_clock_nanosleep(CPUState *env, const uint32_t *a)
{
    struct timespec req, rem;
    abi_long r = get_timespec32(a[2], &req);

    (void)env;
    if (r < 0)
        return r;
    int e = sleep_on((clockid_t)a[0], (int)a[1], &req, &rem);
    if (e == EINTR && a[3] && !(a[1] & TIMER_ABSTIME))
        put_timespec32(a[3], &rem);
    return -e;
}

/* ---- interval timers: the host's, whose SIGALRM/SIGVTALRM/SIGPROF reach
 * the guest through signal.c's host handler. ---- */

typedef struct {
    TargetTimeval it_interval, it_value;
} TargetItimerval;
_Static_assert(sizeof(TargetItimerval) == 16, "32-bit struct itimerval");

static void itimerval_to_guest(TargetItimerval *g, const struct itimerval *h)
{
    g->it_interval = (TargetTimeval){ (int32_t)h->it_interval.tv_sec,
                                      (int32_t)h->it_interval.tv_usec };
    g->it_value = (TargetTimeval){ (int32_t)h->it_value.tv_sec, (int32_t)h->it_value.tv_usec };
}

abi_long sys_alarm(CPUState *env, const uint32_t *a)
{
    (void)env;
    return (abi_long)alarm(a[0]);
}

abi_long sys_setitimer(CPUState *env, const uint32_t *a)
{
    const TargetItimerval *gnew = GUEST_R(a[1], sizeof(*gnew));
    TargetItimerval *gold = NULL;
    struct itimerval new, old;

    (void)env;
    if (!gnew || (a[2] && !(gold = GUEST_W(a[2], sizeof(*gold)))))
        return -EFAULT;
    new.it_interval = (struct timeval){ gnew->it_interval.tv_sec, gnew->it_interval.tv_usec };
    new.it_value = (struct timeval){ gnew->it_value.tv_sec, gnew->it_value.tv_usec };
    if (setitimer((int)a[0], &new, &old) < 0)
        return -errno;
    if (gold)
        itimerval_to_guest(gold, &old);
    return 0;
}

abi_long sys_getitimer(CPUState *env, const uint32_t *a)
{
    TargetItimerval *g = GUEST_W(a[1], sizeof(*g));
    struct itimerval cur;

    (void)env;
    if (!g)
        return -EFAULT;
    if (getitimer((int)a[0], &cur) < 0)
        return -errno;
    itimerval_to_guest(g, &cur);
    return 0;
}
