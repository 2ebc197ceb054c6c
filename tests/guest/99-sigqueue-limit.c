/*
 * Queued signals count against RLIMIT_SIGPENDING, the kernel's way
 * (kernel/signal.c __send_signal_locked, __sigqueue_alloc): many more
 * real-time instances than a few thousand queue under the default limit
 * and come out in order; /proc/self/status's SigQ (the user's count, in
 * every process) includes them.  With the
 * limit at 0 a sigqueue of a real-time signal is EAGAIN, a kill of one
 * is pending without its siginfo (SI_USER, no sender), a sigqueue of a
 * standard signal loses its siginfo the same way, and a kill of one
 * keeps it (override_rlimit).  (SIGRTMAX has no host number under
 * stitch, so its kill is stitch's own queue's, not the host's.)  A
 * sigtimedwait of no time takes a signal the kernel already holds.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#define MANY 10000

static long sigq(void)
{
    char line[256];
    long n = -1;
    FILE *f = fopen("/proc/self/status", "r");

    while (f && fgets(line, sizeof(line), f))
        sscanf(line, "SigQ: %ld/", &n);
    if (f)
        fclose(f);
    return n;
}

static void show(const char *what, const siginfo_t *si)
{
    printf("%s: signo %s, code %d, pid %s, value %d\n", what,
           si->si_signo == SIGRTMIN ? "RTMIN" : si->si_signo == SIGRTMAX ? "RTMAX" : strsignal(si->si_signo), si->si_code,
           si->si_pid == 0 ? "0" : si->si_pid == getpid() ? "self" : "other",
           si->si_code == SI_QUEUE ? si->si_value.sival_int : -1);
}

static void many_in_order(void)
{
    sigset_t set;
    siginfo_t si;
    int queued = 0, in_order = 1;

    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN);
    for (int i = 0; i < MANY; i++) {
        union sigval v = { .sival_int = i };
        if (sigqueue(getpid(), SIGRTMIN, v) != 0) {
            printf("sigqueue %d: %s\n", i, strerror(errno));
            break;
        }
        queued++;
    }
    /* SigQ counts the user's signals in every process: at least ours. */
    printf("queued %d; SigQ counts them: %s\n", queued, sigq() >= queued ? "yes" : "no");
    for (int i = 0; i < queued; i++)
        if (sigwaitinfo(&set, &si) != SIGRTMIN || si.si_value.sival_int != i)
            in_order = 0;
    printf("taken in order: %s\n", in_order ? "yes" : "no");
}

static void at_limit_zero(void)
{
    struct rlimit old, zero;
    sigset_t set;
    siginfo_t si;
    union sigval v = { .sival_int = 7 };

    getrlimit(RLIMIT_SIGPENDING, &old);
    zero = old;
    zero.rlim_cur = 0;
    setrlimit(RLIMIT_SIGPENDING, &zero);

    int r = sigqueue(getpid(), SIGRTMIN, v);
    printf("sigqueue RTMIN: %d %s\n", r, r ? strerror(errno) : "");
    printf("kill RTMIN: %d\n", kill(getpid(), SIGRTMIN));
    printf("kill RTMAX: %d\n", kill(getpid(), SIGRTMAX));
    printf("sigqueue SIGUSR1: %d\n", sigqueue(getpid(), SIGUSR1, v));
    printf("kill SIGUSR2: %d\n", kill(getpid(), SIGUSR2));
    setrlimit(RLIMIT_SIGPENDING, &old);

    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGUSR2);
    sigaddset(&set, SIGRTMAX);
    for (int i = 0; i < 4; i++) {
        if (sigwaitinfo(&set, &si) < 0) {
            printf("sigwaitinfo: %s\n", strerror(errno));
            return;
        }
        show("taken", &si);
    }
    struct timespec none = { 0, 0 };
    printf("more: %d\n", sigtimedwait(&set, &si, &none));
}

int main(void)
{
    sigset_t set;

    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGUSR2);
    sigaddset(&set, SIGRTMAX);
    sigprocmask(SIG_BLOCK, &set, NULL);
    /* A zero timeout still finds a signal the kernel holds. */
    struct timespec none = { 0, 0 };
    kill(getpid(), SIGUSR1);
    printf("sigtimedwait, no time: %d\n", sigtimedwait(&set, NULL, &none));
    many_in_order();
    at_limit_zero();
    return 0;
}
