/*
 * Waiting on descriptors (select, poll, epoll), event descriptors and
 * futexes.  fd_set is a bit array in little-endian words on both sides, so
 * its bytes are the same for a 32-bit guest's longs and the host's 64-bit
 * ones; only the size is rounded differently.  struct epoll_event passes
 * through as the host's (x86_64 packs it to 12 bytes) when the guest's has
 * that size too (TARGET_EPOLL_EVENT_SIZE, target-structs.h), and is
 * converted when not (ARM EABI's 16 bytes).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <limits.h>
#include <linux/futex.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "guest-signal.h"
#include "syscall.h"

/* ---- waiting through signals the guest blocks -------------------------------- */

/*
 * A host signal whose guest signal is blocked interrupts the host's wait,
 * but the kernel would not have woken the guest: the wait goes on until
 * the original deadline (the kernel's poll and select restart blocks keep
 * it, so a fast periodic signal cannot stretch the wait forever).
 */
typedef struct Deadline {
    struct timespec at; /* CLOCK_MONOTONIC */
    int forever;
} Deadline;

static void deadline_start(Deadline *d, const struct timespec *timeout)
{
    d->forever = !timeout;
    if (!timeout)
        return;
    clock_gettime(CLOCK_MONOTONIC, &d->at);
    d->at.tv_sec += timeout->tv_sec;
    d->at.tv_nsec += timeout->tv_nsec;
    if (d->at.tv_nsec >= 1000000000) {
        d->at.tv_sec++;
        d->at.tv_nsec -= 1000000000;
    }
}

/* Nanoseconds left (0 once passed), or -1 for a wait without timeout. */
static int64_t deadline_left_ns(const Deadline *d)
{
    struct timespec now;

    if (d->forever)
        return -1;
    clock_gettime(CLOCK_MONOTONIC, &now);
    int64_t ns = (int64_t)(d->at.tv_sec - now.tv_sec) * 1000000000 +
                 (d->at.tv_nsec - now.tv_nsec);
    return ns > 0 ? ns : 0;
}

/* The time left as a timespec in *buf, or NULL for no timeout. */
static struct timespec *deadline_left(const Deadline *d, struct timespec *buf)
{
    int64_t ns = deadline_left_ns(d);

    if (ns < 0)
        return NULL;
    *buf = (struct timespec){ns / 1000000000, ns % 1000000000};
    return buf;
}

static void ms_to_timespec(int ms, struct timespec *ts)
{
    *ts = (struct timespec){ms / 1000, (long)(ms % 1000) * 1000000};
}

/* Did the host wait (safe_host_call: -EINTR when a signal came, also
 * just before it would have blocked) end only for a signal the guest
 * does not see yet? */
static int wait_goes_on(abi_long r)
{
    return r == -EINTR && !signal_deliverable();
}

/* The raw ppoll and pselect6 write the time left back: a copy each try. */
static struct timespec *timeout_copy(const struct timespec *t, struct timespec *buf)
{
    if (!t)
        return NULL;
    *buf = *t;
    return buf;
}

/* ---- select ---------------------------------------------------------------- */

/* Guest fd_set bytes for n descriptors: whole 32-bit words. */
static size_t fdset_bytes(int n)
{
    return (size_t)((n + 31) / 32) * 4;
}

/* The host's sets for n descriptors: whole 64-bit words, as the host
 * kernel reads and writes them (fs/select.c get_fd_set); the guest's
 * 32-bit words are the same bits on this little-endian host. */
static size_t set_words(int n)
{
    return ((size_t)n + 63) / 64;
}

static abi_long get_fdset(uint32_t addr, int n, uint64_t *set, uint64_t **p)
{
    *p = NULL;
    if (!addr)
        return 0;
    const void *g = GUEST_R(addr, fdset_bytes(n));
    if (!g)
        return -EFAULT;
    memset(set, 0, set_words(n) * 8);
    memcpy(set, g, fdset_bytes(n));
    *p = set;
    return 0;
}

static abi_long put_fdset(uint32_t addr, int n, const uint64_t *set)
{
    void *g = addr ? GUEST_W(addr, fdset_bytes(n)) : NULL;

    if (addr && !g)
        return -EFAULT;
    if (g)
        memcpy(g, set, fdset_bytes(n));
    return 0;
}

/* One of stitch's own descriptors in a set: EBADF, as for any number the
 * process has not opened (fs/select.c max_select_fd, after the sets are
 * read). */
static int own_fd_selected(int n, uint64_t *const p[3])
{
    for (int fd = log_next_kept_fd(LOG_OWN_FD_MIN); fd >= 0 && fd < n;
         fd = log_next_kept_fd(fd + 1))
        for (int i = 0; i < 3; i++)
            if (p[i] && (p[i][fd / 64] >> (fd % 64) & 1))
                return 1;
    return 0;
}

/* do_select on `buf`, six sets of set_words(n): the three as given and
 * the three the host kernel fills in. */
static abi_long select_sets(int n, const uint32_t sets[3], struct timespec *ts, uint64_t *buf)
{
    uint64_t *in[3], *s[3], *p[3], *q[3];
    struct timespec left, tmp, *t = ts;
    size_t words = set_words(n);
    Deadline d;
    abi_long r;

    for (int i = 0; i < 3; i++) {
        in[i] = buf + i * words;
        s[i] = buf + (3 + i) * words;
        if (get_fdset(sets[i], n, in[i], &p[i]) < 0)
            return -EFAULT;
    }
    if (own_fd_selected(n, p))
        return -EBADF;
    deadline_start(&d, ts);
    for (;;) {
        for (int i = 0; i < 3; i++) /* the sets as given, for every try */
            q[i] = p[i] ? memcpy(s[i], in[i], words * 8) : NULL;
        r = safe_host_call(SYS_pselect6, n, (long)q[0], (long)q[1], (long)q[2],
                           (long)timeout_copy(t, &tmp), 0);
        if (!wait_goes_on(r))
            break;
        t = deadline_left(&d, &left);
    }
    if (r < 0)
        return r;
    for (int i = 0; i < 3; i++)
        if (p[i] && put_fdset(sets[i], n, s[i]) < 0)
            return -EFAULT;
    return r;
}

/*
 * select and pselect: ts NULL waits forever; `mask` (pselect) is a host
 * mask to apply while waiting, or NULL.  As fs/select.c core_sys_select,
 * n is cut to the size of the guest's descriptor table as it would be
 * natively (fd-table.c), whatever is past it neither read, checked nor
 * written back; the host's table, grown for stitch's own descriptors,
 * would check it.  Sets past FD_SETSIZE (a table grown past 1024) come
 * from the heap, as the kernel's past its stack buffer.
 */
static abi_long do_select(int n, const uint32_t sets[3], struct timespec *ts)
{
    uint64_t stack[6 * (FD_SETSIZE / 64)];

    if (n < 0)
        return -EINVAL;
    int max = fd_table_size();
    n = n < max ? n : max;
    uint64_t *buf = n <= FD_SETSIZE ? stack : calloc(6 * set_words(n), 8);
    if (!buf)
        return -ENOMEM;
    abi_long r = select_sets(n, sets, ts, buf);
    if (buf != stack)
        free(buf);
    return r;
}

/* _newselect: timeval in and, as Linux does, the time left written back
 * (also when a signal interrupted it). */
abi_long sys__newselect(CPUState *env, const uint32_t *a)
{
    TargetTimeval *gtv = NULL;
    struct timespec ts, start, end;

    (void)env;
    if (a[4] && !(gtv = GUEST_W(a[4], sizeof(*gtv))))
        return -EFAULT;
    if (gtv)
        ts = (struct timespec){ gtv->tv_sec, (long)gtv->tv_usec * 1000 };
    clock_gettime(CLOCK_MONOTONIC, &start);
    abi_long r = do_select((int)a[0], a + 1, gtv ? &ts : NULL);
    if (gtv && (r >= 0 || r == -EINTR)) {
        clock_gettime(CLOCK_MONOTONIC, &end);
        int64_t left = (int64_t)gtv->tv_sec * 1000000 + gtv->tv_usec -
                       ((end.tv_sec - start.tv_sec) * 1000000 + (end.tv_nsec - start.tv_nsec) / 1000);
        if (left < 0 || r == 0)
            left = 0;
        gtv->tv_sec = (int32_t)(left / 1000000);
        gtv->tv_usec = (int32_t)(left % 1000000);
    }
    return r;
}

/*
 * The signal mask pselect6, ppoll and epoll_pwait wait under (the
 * kernel's set_user_sigmask and restore_saved_sigmask_unless): the guest
 * mask at `addr` (none when 0) replaces the current one for the call; if
 * the call is interrupted, the old mask comes back only after the handler
 * ran (sigreturn), otherwise at once.
 */
typedef struct TempMask {
    uint64_t saved;
    int active;
} TempMask;

static abi_long temp_mask_begin(TempMask *t, uint32_t addr, uint32_t size)
{
    const void *m;

    t->saved = self->sigmask;
    t->active = 0;
    if (!addr)
        return 0;
    if (size != 8)
        return -EINVAL;
    if (!(m = GUEST_R(addr, 8)))
        return -EFAULT;
    memcpy(&self->sigmask, m, 8);
    SIG_SET(self->sigmask, self->sigmask & ~UNBLOCKABLE);
    t->active = 1;
    signal_sync_mask(0); /* what the kernel held for the old mask comes in */
    if (signal_deliverable()) {
        self->saved_mask = t->saved, self->use_saved_mask = 1;
        return -EINTR;
    }
    return 0;
}

static abi_long temp_mask_end(const TempMask *t, abi_long r)
{
    if (t->active) {
        if (r == -EINTR)
            self->saved_mask = t->saved, self->use_saved_mask = 1;
        else
            SIG_SET(self->sigmask, t->saved);
        signal_sync_mask(0);
    }
    return r;
}

/* pselect6's sixth argument points to { const sigset_t *ss; size_t len }. */
static abi_long pselect_common(CPUState *env, const uint32_t *a, struct timespec *ts)
{
    const uint32_t *sig = NULL;
    TempMask t;
    abi_long r;

    (void)env;
    if (a[5] && !(sig = GUEST_R(a[5], 8)))
        return -EFAULT;
    if ((r = temp_mask_begin(&t, sig ? sig[0] : 0, sig ? sig[1] : 0)) < 0)
        return r;
    return temp_mask_end(&t, do_select((int)a[0], a + 1, ts));
}



/* ---- poll, ppoll ----------------------------------------------------------- */

/* struct pollfd is (int, short, short) on both sides. */
static abi_long wait_poll(struct pollfd *fds, uint32_t n, const struct timespec *ts)
{
    struct timespec left, tmp;
    const struct timespec *t = ts;
    Deadline d;
    abi_long r;

    deadline_start(&d, ts);
    while (wait_goes_on(r = safe_host_call(SYS_ppoll, (long)fds, n, (long)timeout_copy(t, &tmp),
                                           0, 0, 0)))
        t = deadline_left(&d, &left);
    return r;
}

/*
 * An entry on one of stitch's own descriptors is, as for any number the
 * process has not opened, POLLNVAL (fs/select.c do_pollfd): the host
 * polls a copy with FD_NOT_OPEN there.  The guest's array is polled in
 * place otherwise.
 */
static abi_long poll_guest(struct pollfd *fds, uint32_t n, const struct timespec *ts)
{
    uint32_t own = 0;

    for (uint32_t i = 0; i < n && !own; i++)
        own = fd_is_own((uint32_t)fds[i].fd);
    if (!own)
        return wait_poll(fds, n, ts);
    struct pollfd *h = malloc((size_t)n * sizeof(*h));
    if (!h)
        return -ENOMEM;
    for (uint32_t i = 0; i < n; i++)
        h[i] = (struct pollfd){ (int)fd_for_host((uint32_t)fds[i].fd), fds[i].events, 0 };
    abi_long r = wait_poll(h, n, ts);
    if (r >= 0)
        for (uint32_t i = 0; i < n; i++)
            fds[i].revents = h[i].revents;
    free(h);
    return r;
}

abi_long sys_poll(CPUState *env, const uint32_t *a)
{
    struct pollfd *fds = GUEST_W(a[0], (uint64_t)a[1] * sizeof(struct pollfd));
    int ms = (int32_t)a[2];
    struct timespec ts;

    (void)env;
    if (!fds && a[1])
        return -EFAULT;
    if (ms >= 0)
        ms_to_timespec(ms, &ts);
    return poll_guest(fds, a[1], ms >= 0 ? &ts : NULL);
}

static abi_long ppoll_common(CPUState *env, const uint32_t *a, struct timespec *ts)
{
    struct pollfd *fds = GUEST_W(a[0], (uint64_t)a[1] * sizeof(struct pollfd));
    TempMask t;
    abi_long r;

    (void)env;
    if (!fds && a[1])
        return -EFAULT;
    if ((r = temp_mask_begin(&t, a[3], a[4])) < 0)
        return r;
    return temp_mask_end(&t, poll_guest(fds, a[1], ts));
}



/* ---- pselect6 and ppoll: a timespec in, the time left out ------------------ */

typedef abi_long (*TimedWait)(CPUState *env, const uint32_t *a, struct timespec *ts);

/*
 * The guest's timeout at a[arg], in the old 32-bit timespec or the 64-bit
 * one.  As the kernel's poll_select_finish, the time left is written back
 * afterwards (0 after a timeout), except for a zero timeout or a timespec
 * in read-only memory.
 */
static abi_long timed_wait(CPUState *env, const uint32_t *a, int arg, int time64,
                           TimedWait wait)
{
    size_t size = time64 ? sizeof(struct timespec) : sizeof(TargetTimespec);
    const void *g = NULL;
    struct timespec ts, left;
    Deadline d;

    if (a[arg] && !(g = GUEST_R(a[arg], size)))
        return -EFAULT;
    if (g && time64) {
        ts = timespec64_from_guest(g);
    } else if (g) {
        const TargetTimespec *t32 = g;
        ts = (struct timespec){t32->tv_sec, t32->tv_nsec};
    }
    deadline_start(&d, g ? &ts : NULL);
    abi_long r = wait(env, a, g ? &ts : NULL);
    void *w = g && (ts.tv_sec || ts.tv_nsec) ? GUEST_W(a[arg], size) : NULL;
    if (w && r != -EFAULT && r != -EINVAL) {
        deadline_left(&d, &left);
        if (time64)
            memcpy(w, &left, sizeof(left));
        else
            *(TargetTimespec *)w = (TargetTimespec){(int32_t)left.tv_sec,
                                                    (int32_t)left.tv_nsec};
    }
    return r;
}

abi_long sys_pselect6(CPUState *env, const uint32_t *a)
{
    return timed_wait(env, a, 4, 0, pselect_common);
}

abi_long sys_pselect6_time64(CPUState *env, const uint32_t *a)
{
    return timed_wait(env, a, 4, 1, pselect_common);
}

abi_long sys_ppoll(CPUState *env, const uint32_t *a)
{
    return timed_wait(env, a, 2, 0, ppoll_common);
}

abi_long sys_ppoll_time64(CPUState *env, const uint32_t *a)
{
    return timed_wait(env, a, 2, 1, ppoll_common);
}

/* ---- epoll, eventfd ---------------------------------------------------------- */

/*
 * The guest's struct epoll_event is a u32 `events` at offset 0 and a u64
 * `data` at its end: packed after the u32 (i386, 12 bytes, the host's own
 * layout) or 8-byte aligned (16 bytes).  The kernel writes only those two
 * fields back (epoll_put_uevent), never the padding.
 */
#define EPOLL_SAME_LAYOUT (TARGET_EPOLL_EVENT_SIZE == sizeof(struct epoll_event))
#define GUEST_EPOLL_DATA (TARGET_EPOLL_EVENT_SIZE - 8)
_Static_assert(TARGET_EPOLL_EVENT_SIZE == 12 || TARGET_EPOLL_EVENT_SIZE == 16,
               "struct epoll_event: u32 events, then u64 data packed or aligned");

static void epoll_event_from_guest(struct epoll_event *h, const uint8_t *g)
{
    memcpy(&h->events, g, 4);
    memcpy(&h->data, g + GUEST_EPOLL_DATA, 8);
}

static void epoll_event_to_guest(uint8_t *g, const struct epoll_event *h)
{
    memcpy(g, &h->events, 4);
    memcpy(g + GUEST_EPOLL_DATA, &h->data, 8);
}

/* Events converted per call when the layouts differ: fewer than the
 * guest's maxevents is what epoll_wait may always return; the rest stay
 * ready for the next call. */
#define EPOLL_CONVERT_MAX 256

abi_long sys_epoll_create(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(fd_table_note(epoll_create((int)a[0])));
}

abi_long sys_epoll_create1(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(fd_table_note(epoll_create1((int)a[0])));
}

abi_long sys_epoll_ctl(CPUState *env, const uint32_t *a)
{
    const uint8_t *g = NULL;
    struct epoll_event ev;

    (void)env;
    if (a[3] && !(g = GUEST_R(a[3], TARGET_EPOLL_EVENT_SIZE)))
        return -EFAULT;
    if (g)
        epoll_event_from_guest(&ev, g);
    return get_errno(epoll_ctl((int)a[0], (int)a[1], (int)a[2], g ? &ev : NULL));
}

/* The wait's milliseconds for epoll_wait: the time left rounded up, at
 * most INT_MAX (the caller waits again for the rest); -1 for none. */
static int deadline_wait_ms(const Deadline *d)
{
    int64_t ns = deadline_left_ns(d);

    if (ns < 0)
        return -1;
    return ns / 1000000 >= INT_MAX ? INT_MAX : (int)((ns + 999999) / 1000000);
}

/*
 * epoll_wait until *ts has passed (NULL: without timeout).  Linux checks
 * the event buffer only against TASK_SIZE first (access_ok) and writes it
 * only when events come (ep_send_events): a buffer that is not writable
 * is -EFAULT only then, and a wait that times out returns 0 with it.
 */
static abi_long epoll_wait_until(const uint32_t *a, const struct timespec *ts)
{
    int n = (int32_t)a[2];
    uint64_t size = (uint64_t)n * TARGET_EPOLL_EVENT_SIZE;

    if (n <= 0 || n > INT_MAX / TARGET_EPOLL_EVENT_SIZE) /* EP_MAX_EVENTS */
        return -EINVAL;
    if (a[1] + size > GUEST_TOP)
        return -EFAULT;
    uint8_t *g = GUEST_W(a[1], size);
    struct epoll_event buf[EPOLL_CONVERT_MAX];
    struct epoll_event *ev = EPOLL_SAME_LAYOUT && g ? (struct epoll_event *)g : buf;
    Deadline d;
    abi_long r;

    if (ev == buf && n > EPOLL_CONVERT_MAX)
        n = EPOLL_CONVERT_MAX;
    deadline_start(&d, ts);
    do
        r = safe_host_call(SYS_epoll_wait, (int)a[0], (long)ev, n, deadline_wait_ms(&d), 0, 0);
    while (wait_goes_on(r) || (r == 0 && deadline_left_ns(&d) > 0));
    if (r > 0 && !g)
        return -EFAULT;
    for (int i = 0; ev == buf && i < r; i++)
        epoll_event_to_guest(g + (size_t)i * TARGET_EPOLL_EVENT_SIZE, &ev[i]);
    return r;
}

static abi_long epoll_wait_common(const uint32_t *a, int timeout)
{
    struct timespec ts;

    if (timeout >= 0)
        ms_to_timespec(timeout, &ts);
    return epoll_wait_until(a, timeout >= 0 ? &ts : NULL);
}

abi_long sys_epoll_wait(CPUState *env, const uint32_t *a)
{
    (void)env;
    return epoll_wait_common(a, (int32_t)a[3]);
}

/* epoll_pwait(epfd, events, maxevents, timeout, sigmask, sigsetsize);
 * glibc's epoll_wait calls it with no mask. */
abi_long sys_epoll_pwait(CPUState *env, const uint32_t *a)
{
    TempMask t;
    abi_long r;

    (void)env;
    if (a[2] == 0 || (int32_t)a[2] < 0)
        return -EINVAL;
    if ((r = temp_mask_begin(&t, a[4], a[5])) < 0)
        return r;
    return temp_mask_end(&t, epoll_wait_common(a, (int32_t)a[3]));
}

/* epoll_pwait2(epfd, events, maxevents, timeout, sigmask, sigsetsize):
 * epoll_pwait with a struct __kernel_timespec (64-bit fields; a 32-bit
 * task's tv_nsec is its low half, get_timespec64) for the timeout, NULL
 * for none.  fs/eventpoll.c checks it (EFAULT, then EINVAL unless
 * timespec64_valid) before the signal mask and the rest. */
abi_long sys_epoll_pwait2(CPUState *env, const uint32_t *a)
{
    const void *g = NULL;
    struct timespec ts;
    TempMask t;
    abi_long r;

    (void)env;
    if (a[3] && !(g = GUEST_R(a[3], 16)))
        return -EFAULT;
    if (g) {
        ts = timespec64_from_guest(g);
        if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
            return -EINVAL;
        /* Past 2^62 ns (146 years) the deadline's sum would overflow;
         * the kernel saturates it (timespec64_add_safe): no timeout. */
        if (ts.tv_sec > (INT64_MAX >> 1) / 1000000000)
            g = NULL;
    }
    if (a[2] == 0 || (int32_t)a[2] < 0)
        return -EINVAL;
    if ((r = temp_mask_begin(&t, a[4], a[5])) < 0)
        return r;
    return temp_mask_end(&t, epoll_wait_until(a, g ? &ts : NULL));
}

abi_long sys_eventfd(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(fd_table_note(eventfd(a[0], 0)));
}

abi_long sys_eventfd2(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(fd_table_note(eventfd(a[0], (int)a[1])));
}

/* The old select (i386's 82, the kernel's sys_old_select): one pointer to
 * the five arguments of _newselect. */
abi_long sys_select(CPUState *env, const uint32_t *a)
{
    const uint32_t *args = GUEST_R(a[0], 5 * sizeof(uint32_t));
    uint32_t copy[6] = { 0 };

    if (!args)
        return -EFAULT;
    memcpy(copy, args, 5 * sizeof(uint32_t));
    return sys__newselect(env, copy);
}
