/*
 * epoll_pwait2 (i386 441): its struct __kernel_timespec timeout checked as
 * fs/eventpoll.c does (EFAULT, then EINVAL unless timespec64_valid, a
 * 32-bit task's tv_nsec taken from its low half), maxevents and the event
 * buffer, a zero and a short timeout, an event with its 64-bit data, and
 * the signal mask it waits under letting a pending signal in (EINTR).
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

struct kts {
    int64_t sec, nsec;
};

static int pwait2(int ep, struct epoll_event *ev, int n, const void *ts, const sigset_t *mask)
{
    return (int)syscall(441, ep, ev, n, ts, mask, mask ? 8 : 0);
}

static void show(const char *what, int r)
{
    printf("%-34s %d %s\n", what, r, r < 0 ? strerror(errno) : "");
}

static volatile sig_atomic_t got;
static void on_usr1(int sig)
{
    got = sig;
}

static int64_t now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

int main(void)
{
    int p[2], ep = epoll_create1(0);
    struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x1122334455667788ull }, out[4];
    struct kts zero = { 0, 0 }, bad_ns = { 0, 1000000000 }, neg = { -1, 0 };
    struct kts high = { 0, (int64_t)1 << 32 }, short_wait = { 0, 30000000 };
    sigset_t block, empty;

    if (ep < 0 || pipe(p) || epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev))
        return 2;
    show("timeout unreadable", pwait2(ep, out, 4, (void *)16, NULL));
    show("tv_nsec 1e9", pwait2(ep, out, 4, &bad_ns, NULL));
    show("tv_sec -1", pwait2(ep, out, 4, &neg, NULL));
    show("tv_nsec's high half set", pwait2(ep, out, 4, &high, NULL));
    show("maxevents 0", pwait2(ep, out, 0, &zero, NULL));
    show("maxevents -1", pwait2(ep, out, -1, &zero, NULL));
    show("events NULL", pwait2(ep, NULL, 4, &zero, NULL));
    show("bad epoll fd", pwait2(99, out, 4, &zero, NULL));
    show("not an epoll fd", pwait2(p[0], out, 4, &zero, NULL));
    show("zero timeout, nothing ready", pwait2(ep, out, 4, &zero, NULL));
    int64_t t0 = now_ms();
    int r = pwait2(ep, out, 4, &short_wait, NULL);
    show("30 ms timeout, nothing ready", r);
    printf("waited at least 30 ms: %s\n", now_ms() - t0 >= 30 ? "yes" : "no");
    if (write(p[1], "x", 1) != 1)
        return 3;
    r = pwait2(ep, out, 4, NULL, NULL);
    show("no timeout, one ready", r);
    printf("events %#x data %#llx\n", out[0].events, (unsigned long long)out[0].data.u64);

    signal(SIGUSR1, on_usr1);
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigemptyset(&empty);
    sigprocmask(SIG_BLOCK, &block, NULL);
    raise(SIGUSR1);
    char c;
    if (read(p[0], &c, 1) != 1)
        return 4;
    show("pending signal let in by the mask", pwait2(ep, out, 4, NULL, &empty));
    printf("handler ran: %s\n", got == SIGUSR1 ? "yes" : "no");
    sigprocmask(SIG_SETMASK, NULL, &empty);
    printf("SIGUSR1 blocked again: %s\n", sigismember(&empty, SIGUSR1) ? "yes" : "no");
    return 0;
}
