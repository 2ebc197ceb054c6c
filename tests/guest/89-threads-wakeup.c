/* 89-threads-wakeup: a signal that arrives at any moment around a
 * blocking wait that unblocks it atomically (ppoll, pselect, epoll_pwait
 * with a mask) is never lost (issue 15).  The waiting thread keeps
 * SIGUSR1 blocked except inside the wait; another thread sends it with
 * pthread_kill after a varying delay, before, while or after the waiter
 * enters the call.  The kernel makes the mask change and the wait one
 * step (fs/select.c, set_user_sigmask): the wait returns EINTR once the
 * handler has run, every round.  A wake-up lost in the emulator's window
 * between its signal check and the host call shows as a wait that runs
 * into its 2 s timeout (a "lost" count above 0).
 * cflags: -pthread */
/* levels: O0 O2 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <unistd.h>

#ifndef ROUNDS
#define ROUNDS 150
#endif

static pthread_t waiter;
static volatile int round_no = -1, handled;
static int fds[2], ep;

static void on_usr1(int sig)
{
    (void)sig;
    handled++;
}

/* One wait with SIGUSR1 unblocked only inside it: 0 EINTR, 1 timeout. */
static int wait_once(int how, const sigset_t *open)
{
    struct timespec ts = {2, 0};
    int r;

    if (how == 0) {
        struct pollfd p = {fds[0], POLLIN, 0};
        r = ppoll(&p, 1, &ts, open);
    } else if (how == 1) {
        fd_set in;
        FD_ZERO(&in);
        FD_SET(fds[0], &in);
        r = pselect(fds[0] + 1, &in, NULL, NULL, &ts, open);
    } else {
        struct epoll_event ev;
        r = epoll_pwait(ep, &ev, 1, 2000, open);
    }
    if (r < 0 && errno == EINTR)
        return 0;
    return 1;
}

static void *sender(void *arg)
{
    unsigned seed = 1;

    (void)arg;
    for (int i = 0; i < 3 * ROUNDS; i++) {
        while (round_no < i)
            ;
        /* 0 to ~20 us: before, during or after the waiter's call */
        for (volatile unsigned spin = rand_r(&seed) % 4000; spin; spin--)
            ;
        pthread_kill(waiter, SIGUSR1);
        while (handled <= i) /* the round is over when the handler ran */
            ;
    }
    return NULL;
}

int main(void)
{
    static const char *names[3] = {"ppoll", "pselect", "epoll_pwait"};
    struct sigaction sa = {.sa_handler = on_usr1};
    struct epoll_event ev = {.events = EPOLLIN};
    sigset_t usr1, open;
    pthread_t s;
    int lost[3] = {0, 0, 0};

    sigaction(SIGUSR1, &sa, NULL);
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &usr1, &open);
    sigdelset(&open, SIGUSR1);
    if (pipe(fds) < 0 || (ep = epoll_create1(0)) < 0)
        return 1;
    ev.data.fd = fds[0];
    epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev);
    waiter = pthread_self();
    pthread_create(&s, NULL, sender, NULL);
    for (int i = 0; i < 3 * ROUNDS; i++) {
        round_no = i;
        lost[i / ROUNDS] += wait_once(i / ROUNDS, &open);
        while (handled <= i) /* a timed-out round still takes its signal */
            wait_once(i / ROUNDS, &open);
    }
    pthread_join(s, NULL);
    for (int k = 0; k < 3; k++)
        printf("%s: %d rounds, lost %d\n", names[k], ROUNDS, lost[k]);
    printf("handled %d\n", handled);
    return 0;
}
