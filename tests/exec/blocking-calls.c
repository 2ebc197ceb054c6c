/* blocking-calls: blocking system calls between bursts of computation,
 * for tests/exec/run-sample.sh: run with and without --stats, its output,
 * exit status and -strace lines must be the same (the sampling behind
 * --stats must not interrupt a call: no EINTR, no short sleep).  A
 * SIGALRM handler installed without SA_RESTART makes any stray
 * interruption visible as EINTR. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

static volatile unsigned sink;

static void on_alarm(int sig)
{
    (void)sig;
}

static void burn(void)
{
    for (unsigned i = 0; i < 3000000; i++)
        sink += i * i;
}

int main(void)
{
    struct sigaction sa;
    int fds[2], eintr = 0;
    char buf[8];

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_alarm; /* no SA_RESTART */
    sigaction(SIGALRM, &sa, NULL);
    if (pipe(fds) < 0)
        return 2;
    for (int i = 0; i < 5; i++) {
        struct timespec ts = {0, 2000000};
        struct pollfd p = {fds[0], POLLIN, 0};
        struct timeval tv = {0, 2000};
        fd_set rd;

        burn();
        eintr += nanosleep(&ts, NULL) < 0 && errno == EINTR;
        burn();
        eintr += poll(&p, 1, 2) < 0 && errno == EINTR;
        FD_ZERO(&rd);
        FD_SET(fds[0], &rd);
        eintr += select(fds[0] + 1, &rd, NULL, NULL, &tv) < 0 && errno == EINTR;
        if (write(fds[1], "x", 1) != 1 || read(fds[0], buf, sizeof(buf)) != 1)
            return 3;
    }
    printf("eintr=%d\n", eintr);
    return eintr ? 1 : 0;
}
