/*
 * POSIX message queues through the C library: open with attributes,
 * send with priorities, receive in priority order, a full queue with
 * O_NONBLOCK and with a timeout, mq_getsetattr, mq_notify with a signal,
 * unlink.  Only what is the same on every run is printed.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    if (r < 0)
        printf("%-40s -> -1 %s\n", what, strerror(errno));
    else
        printf("%-40s -> %ld\n", what, r);
}

static volatile int notified, notify_code;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    notified = 1;
    notify_code = si->si_code;
}

int main(void)
{
    char name[64], buf[64];
    struct mq_attr attr = { 0, 2, 16, 0, { 0 } }, got;
    unsigned prio;

    snprintf(name, sizeof(name), "/stitch-mq-%d", (int)getpid());
    mqd_t q = mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
    show("mq_open O_CREAT, 2 x 16 bytes", q == (mqd_t)-1 ? -1 : 0);
    if (q == (mqd_t)-1)
        return 0;
    show("mq_open O_EXCL again", mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, &attr));
    show("mq_getattr", mq_getattr(q, &got));
    printf("  flags %ld maxmsg %ld msgsize %ld curmsgs %ld\n", got.mq_flags, got.mq_maxmsg,
           got.mq_msgsize, got.mq_curmsgs);
    show("mq_send prio 1", mq_send(q, "low", 4, 1));
    show("mq_send prio 9", mq_send(q, "high", 5, 9));
    struct mq_attr nb = { O_NONBLOCK, 0, 0, 0, { 0 } };
    show("mq_setattr O_NONBLOCK", mq_setattr(q, &nb, &got));
    printf("  old flags %ld curmsgs %ld\n", got.mq_flags, got.mq_curmsgs);
    show("mq_send to a full queue", mq_send(q, "x", 2, 0));
    show("mq_send 17 bytes", mq_send(q, "12345678901234567", 17, 0));
    show("mq_receive, 8-byte buffer", mq_receive(q, buf, 8, &prio));
    show("mq_receive", mq_receive(q, buf, sizeof(buf), &prio));
    printf("  \"%s\" prio %u\n", buf, prio);
    show("mq_receive", mq_receive(q, buf, sizeof(buf), &prio));
    printf("  \"%s\" prio %u\n", buf, prio);
    show("mq_receive on an empty queue", mq_receive(q, buf, sizeof(buf), &prio));
    nb.mq_flags = 0;
    mq_setattr(q, &nb, NULL);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 20000000;
    if (ts.tv_nsec >= 1000000000)
        ts.tv_sec++, ts.tv_nsec -= 1000000000;
    show("mq_timedreceive, 20 ms", mq_timedreceive(q, buf, sizeof(buf), &prio, &ts));
    ts.tv_nsec = 1000000000;
    show("mq_timedreceive, bad timeout", mq_timedreceive(q, buf, sizeof(buf), &prio, &ts));

    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    struct sigevent ev;
    memset(&ev, 0, sizeof(ev));
    ev.sigev_notify = SIGEV_SIGNAL;
    ev.sigev_signo = SIGUSR1;
    show("mq_notify SIGUSR1", mq_notify(q, &ev));
    show("mq_notify again", mq_notify(q, &ev));
    show("mq_send", mq_send(q, "ping", 5, 3));
    for (int i = 0; i < 100 && !notified; i++)
        usleep(1000);
    printf("  notified %d si_code SI_MESGQ %d\n", notified, notify_code == SI_MESGQ);
    show("mq_notify NULL", mq_notify(q, NULL));
    show("mq_close", mq_close(q));
    show("mq_unlink", mq_unlink(name));
    show("mq_unlink again", mq_unlink(name));
    show("mq_open a missing queue", mq_open(name, O_RDONLY));
    return 0;
}
