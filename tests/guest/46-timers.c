/*
 * POSIX timers and timerfd: a one-shot timer's signal with its value and
 * SI_TIMER, timer_gettime of an armed and of a disarmed timer, overruns
 * of a periodic timer while its signal is blocked, EINVAL after
 * timer_delete, a timer with no sigevent (SIGALRM), and a timerfd's
 * expiration count, gettime and old value.  Timing-dependent values are
 * printed as ranges.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static volatile int alarms;
static void on_alarm(int sig) { (void)sig; alarms++; }

static void ms(struct itimerspec *its, long value, long interval)
{
    its->it_value = (struct timespec){ value / 1000, (value % 1000) * 1000000 };
    its->it_interval = (struct timespec){ interval / 1000, (interval % 1000) * 1000000 };
}

int main(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN);
    sigprocmask(SIG_BLOCK, &set, NULL);

    struct sigevent sev;
    memset(&sev, 0, sizeof(sev));
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = SIGRTMIN;
    sev.sigev_value.sival_int = 42;
    timer_t t;
    printf("timer_create: %d\n", timer_create(CLOCK_MONOTONIC, &sev, &t));

    struct itimerspec its, cur;
    ms(&its, 20, 0);
    printf("timer_settime: %d\n", timer_settime(t, 0, &its, NULL));
    siginfo_t si;
    int sig = sigwaitinfo(&set, &si);
    printf("signal: %s SI_TIMER=%d value=%d overrun=%d\n", sig == SIGRTMIN ? "RTMIN" : "?",
           si.si_code == SI_TIMER, si.si_value.sival_int, si.si_overrun);
    timer_gettime(t, &cur);
    printf("after expiry: armed=%d\n", cur.it_value.tv_sec || cur.it_value.tv_nsec);
    ms(&its, 10000, 0);
    timer_settime(t, 0, &its, NULL);
    timer_gettime(t, &cur);
    printf("armed for 10 s: %d\n", cur.it_value.tv_sec >= 9 && cur.it_value.tv_sec <= 10);

    ms(&its, 5, 5);
    timer_settime(t, 0, &its, NULL);
    usleep(80000);
    sigwaitinfo(&set, &si);
    int over = timer_getoverrun(t);
    printf("periodic while blocked: overrun>=5 %d, in siginfo too %d\n", over >= 5,
           si.si_overrun >= 5);
    printf("timer_delete: %d\n", timer_delete(t));
    errno = 0;
    int gr = timer_gettime(t, &cur);
    printf("gettime after delete: %d %s\n", gr, errno == EINVAL ? "EINVAL" : "?");

    signal(SIGALRM, on_alarm);
    timer_t t2;
    printf("timer_create without sigevent: %d\n", timer_create(CLOCK_REALTIME, NULL, &t2));
    ms(&its, 10, 0);
    timer_settime(t2, 0, &its, NULL);
    while (!alarms)
        pause();
    printf("SIGALRM handler ran: %d\n", alarms);
    timer_delete(t2);

    int fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
    printf("timerfd_create: %s\n", fd >= 0 ? "fd" : "failed");
    ms(&its, 10, 0);
    printf("timerfd_settime: %d\n", timerfd_settime(fd, 0, &its, NULL));
    uint64_t n = 0;
    ssize_t rn = read(fd, &n, sizeof(n));
    printf("read: %zd expirations=%llu\n", rn, (unsigned long long)n);
    timerfd_gettime(fd, &cur);
    printf("timerfd disarmed: %d\n", !cur.it_value.tv_sec && !cur.it_value.tv_nsec);
    ms(&its, 5000, 1000);
    timerfd_settime(fd, 0, &its, NULL);
    struct itimerspec old;
    ms(&its, 0, 0);
    timerfd_settime(fd, 0, &its, &old);
    printf("old value: interval=%lld.%03ld value<=5s %d\n", (long long)old.it_interval.tv_sec,
           old.it_interval.tv_nsec / 1000000, old.it_value.tv_sec <= 5);
    close(fd);
    return 0;
}
