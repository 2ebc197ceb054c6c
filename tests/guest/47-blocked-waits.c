/*
 * Waits that a blocked signal must not stretch: with SIGALRM blocked and
 * a 2 ms interval timer running, poll, ppoll, select, pselect and
 * epoll_wait with a 60 ms timeout each return 0 after about 60 ms.  The
 * kernel does not wake a task for a blocked signal; an emulator whose host
 * wait is interrupted must wait on with the time left, not start the
 * timeout over (it would never end).  Then SIGALRM is pending.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static struct timespec t0;

static void start(void) { clock_gettime(CLOCK_MONOTONIC, &t0); }

static void report(const char *what, int r)
{
    struct timespec t1;

    clock_gettime(CLOCK_MONOTONIC, &t1);
    long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
    printf("%-10s returned %d after %s\n", what, r,
           ms < 59 ? "too little time" : ms < 2000 ? "60 ms or so" : "too long");
}

int main(void)
{
    sigset_t set, pending;
    struct itimerval it = {{0, 2000}, {0, 2000}};
    struct timespec ts = {0, 60 * 1000000};
    struct timeval tv;
    struct epoll_event ev;
    int ep = epoll_create1(0);

    sigemptyset(&set);
    sigaddset(&set, SIGALRM);
    sigprocmask(SIG_BLOCK, &set, NULL);
    setitimer(ITIMER_REAL, &it, NULL);

    start();
    report("poll", poll(NULL, 0, 60));
    start();
    report("ppoll", ppoll(NULL, 0, &ts, NULL));
    start();
    tv = (struct timeval){0, 60000};
    report("select", select(0, NULL, NULL, NULL, &tv));
    printf("select left %ld.%06ld\n", (long)tv.tv_sec, (long)tv.tv_usec);
    start();
    report("pselect", pselect(0, NULL, NULL, NULL, &ts, NULL));
    start();
    report("epoll_wait", epoll_wait(ep, &ev, 1, 60));

    it = (struct itimerval){{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &it, NULL);
    sigpending(&pending);
    printf("SIGALRM pending: %d\n", sigismember(&pending, SIGALRM));
    return 0;
}
