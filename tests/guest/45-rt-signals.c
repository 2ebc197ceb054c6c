/*
 * Real-time signals queue: every sigqueue() while blocked is delivered,
 * with its value, in order, lowest signal number first; a standard signal
 * sent twice while blocked is delivered once.  Also from another process
 * (the parent sees the child's pid and SI_QUEUE), with sigwaitinfo, and
 * rt_sigqueueinfo's EPERM for a kernel-looking si_code aimed elsewhere.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static char seen[256];
static int nseen;

static void on_signal(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    nseen += snprintf(seen + nseen, sizeof(seen) - nseen, " %s:%d/%d",
                      sig == SIGUSR1 ? "USR1" : sig == SIGRTMIN ? "RT0" : "RT1",
                      si->si_code == SI_QUEUE ? si->si_value.sival_int : -1, si->si_code);
}

static void queue(int sig, int v)
{
    if (sigqueue(getpid(), sig, (union sigval){.sival_int = v}) != 0)
        printf("sigqueue failed: %s\n", strerror(errno));
}

int main(void)
{
    struct sigaction sa;
    sigset_t set, pend;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGRTMIN, &sa, NULL);
    sigaction(SIGRTMIN + 1, &sa, NULL);

    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGRTMIN);
    sigaddset(&set, SIGRTMIN + 1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    queue(SIGRTMIN + 1, 10);
    queue(SIGRTMIN, 1);
    queue(SIGRTMIN + 1, 11);
    queue(SIGRTMIN, 2);
    kill(getpid(), SIGUSR1);
    kill(getpid(), SIGUSR1);
    queue(SIGRTMIN, 3);
    sigpending(&pend);
    printf("pending: USR1=%d RT0=%d RT1=%d\n", sigismember(&pend, SIGUSR1),
           sigismember(&pend, SIGRTMIN), sigismember(&pend, SIGRTMIN + 1));
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    printf("delivered:%s\n", seen);

    /* sigwaitinfo takes them one at a time, oldest first */
    sigprocmask(SIG_BLOCK, &set, NULL);
    queue(SIGRTMIN, 7);
    queue(SIGRTMIN, 8);
    siginfo_t si;
    for (int i = 0; i < 2; i++) {
        int sig = sigwaitinfo(&set, &si);
        printf("sigwaitinfo: RT%d value=%d code=%d\n", sig - SIGRTMIN,
               si.si_value.sival_int, si.si_code);
    }
    sigpending(&pend);
    printf("pending after: RT0=%d\n", sigismember(&pend, SIGRTMIN));

    /* from a child process, while blocked here */
    pid_t parent = getpid();
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        for (int v = 100; v < 105; v++)
            sigqueue(parent, SIGRTMIN, (union sigval){.sival_int = v});
        siginfo_t fake;
        memset(&fake, 0, sizeof(fake));
        fake.si_signo = SIGRTMIN;
        fake.si_code = SI_USER;
        long r = syscall(SYS_rt_sigqueueinfo, parent, SIGRTMIN, &fake);
        printf("child: rt_sigqueueinfo with SI_USER: %ld %s\n", r,
               r < 0 && errno == EPERM ? "EPERM" : "?");
        return 0;
    }
    waitpid(child, NULL, 0);
    for (int i = 0; i < 5; i++) {
        int sig = sigwaitinfo(&set, &si);
        printf("from child: RT%d value=%d SI_QUEUE=%d sender=%s\n", sig - SIGRTMIN,
               si.si_value.sival_int, si.si_code == SI_QUEUE,
               si.si_pid == child ? "child" : "?");
    }
    sigpending(&pend);
    printf("pending at end: RT0=%d\n", sigismember(&pend, SIGRTMIN));
    return 0;
}
