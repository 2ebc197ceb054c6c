/* 40-alarm: asynchronous signals interrupt guest code — setitimer's SIGALRM
 * breaks a tight loop that makes no system call (the engine must leave
 * chained translated code), an alarm() with a handler interrupts a blocking
 * pipe read without SA_RESTART (-1/EINTR), sigsuspend waits for SIGALRM with
 * the old mask restored after the handler, and sigtimedwait takes a blocked
 * SIGALRM without running the handler. */
/* levels: O0 O2 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static volatile sig_atomic_t ticks, stop;

/* The third tick disarms the timer here, not after the loop: on a loaded
 * machine a fourth could come before the loop's own setitimer (natively
 * too), and the count printed must not depend on that. */
static void on_alarm(int sig)
{
    (void)sig;
    ticks++;
    if (ticks == 3 && !stop) {
        struct itimerval off = { { 0, 0 }, { 0, 0 } };
        setitimer(ITIMER_REAL, &off, NULL);
        stop = 1;
    }
}

static void handle(int sig, void (*fn)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

int main(void)
{
    handle(SIGALRM, on_alarm, 0);

    /* 1. A tight loop: no system call, only the timer can stop it. */
    struct itimerval it = { { 0, 20000 }, { 0, 20000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    unsigned long spins = 0;
    while (!stop)
        spins++;
    struct itimerval off = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &off, NULL);
    printf("loop stopped after %d ticks, spun=%d\n", (int)ticks, spins > 0);

    /* 2. A blocking read, no SA_RESTART: EINTR. */
    int fds[2];
    char c;
    pipe(fds);
    ticks = 0;
    alarm(1);
    ssize_t r = read(fds[0], &c, 1);
    printf("read returned %zd errno=%s ticks=%d\n", r, r < 0 && errno == EINTR ? "EINTR" : "?",
           (int)ticks);

    /* 3. sigsuspend with SIGALRM blocked outside it. */
    sigset_t block, old, during;
    sigemptyset(&block);
    sigaddset(&block, SIGALRM);
    sigprocmask(SIG_BLOCK, &block, &old);
    ticks = 0;
    setitimer(ITIMER_REAL, &(struct itimerval){ { 0, 0 }, { 0, 30000 } }, NULL);
    sigemptyset(&during);
    r = sigsuspend(&during);
    sigprocmask(SIG_BLOCK, NULL, &old);
    printf("sigsuspend returned %zd errno=%s ticks=%d alarm still blocked=%d\n", r,
           errno == EINTR ? "EINTR" : "?", (int)ticks, sigismember(&old, SIGALRM));

    /* 4. sigtimedwait takes the blocked signal; the handler does not run. */
    ticks = 0;
    setitimer(ITIMER_REAL, &(struct itimerval){ { 0, 0 }, { 0, 30000 } }, NULL);
    siginfo_t si;
    int s = sigtimedwait(&block, &si, &(struct timespec){ 5, 0 });
    printf("sigtimedwait got %d code=%s ticks=%d\n", s, si.si_code == SI_KERNEL ? "KERNEL" : "?",
           (int)ticks);
    s = sigtimedwait(&block, &si, &(struct timespec){ 0, 1000000 });
    printf("sigtimedwait again: %d errno=%s\n", s, errno == EAGAIN ? "EAGAIN" : "?");
    return 0;
}
