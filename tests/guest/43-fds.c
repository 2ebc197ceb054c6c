/* 43-fds: descriptor waiting and passing — select/pselect with timeouts and
 * ready sets, poll, epoll on an eventfd and a pipe, a Unix socketpair with
 * sendmsg/recvmsg passing a descriptor (SCM_RIGHTS), a datagram socket bound
 * to an abstract address, SO_RCVTIMEO (a struct timeval option) making recv
 * time out, futex on a single thread (EAGAIN / no waiter), and the signal
 * masks of ppoll and epoll_pwait: a blocked, pending signal is delivered
 * at once when the call's mask lets it through (EINTR), the call's mask
 * lasts only for the call, and a bad mask size is EINVAL. */
/* levels: O0 O2 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

static volatile int usr1_seen;
static void on_usr1(int sig) { (void)sig; usr1_seen++; }

static void masked_waits(int ep)
{
    sigset_t block, open_set, now;
    struct epoll_event out[2];

    signal(SIGUSR1, on_usr1);
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, NULL);
    sigemptyset(&open_set);

    raise(SIGUSR1);
    int n = epoll_pwait(ep, out, 2, 2000, &open_set);
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("epoll_pwait, pending signal let through: %d %s handler=%d still blocked=%d\n",
           n, n < 0 && errno == EINTR ? "EINTR" : "?", usr1_seen, sigismember(&now, SIGUSR1));
    n = epoll_pwait(ep, out, 2, 10, &block);
    printf("epoll_pwait, nothing pending: %d handler=%d\n", n, usr1_seen);
    raise(SIGUSR1);
    struct timespec ts = { 2, 0 };
    n = ppoll(NULL, 0, &ts, &open_set);
    printf("ppoll, pending signal let through: %d %s handler=%d\n", n,
           n < 0 && errno == EINTR ? "EINTR" : "?", usr1_seen);
    long r = syscall(SYS_epoll_pwait, ep, out, 2, 10, &open_set, 4);
    printf("epoll_pwait, sigsetsize 4: %ld %s\n", r, r < 0 && errno == EINVAL ? "EINVAL" : "?");
    sigprocmask(SIG_UNBLOCK, &block, NULL);
}

int main(void)
{
    int p[2];
    pipe(p);

    fd_set r;
    FD_ZERO(&r);
    FD_SET(p[0], &r);
    struct timeval tv = { 0, 20000 };
    printf("select empty pipe: %d\n", select(p[0] + 1, &r, NULL, NULL, &tv));
    write(p[1], "ab", 2);
    FD_ZERO(&r);
    FD_SET(p[0], &r);
    FD_SET(p[1], &r);
    tv = (struct timeval){ 1, 0 };
    int n = select(p[1] + 1, &r, NULL, NULL, &tv);
    printf("select: %d read-ready=%d write-end-in-read-set=%d\n", n, FD_ISSET(p[0], &r),
           FD_ISSET(p[1], &r));
    struct timespec ts = { 0, 1000000 };
    fd_set w;
    FD_ZERO(&w);
    FD_SET(p[1], &w);
    printf("pselect write-ready: %d\n", pselect(p[1] + 1, NULL, &w, NULL, &ts, NULL));

    struct pollfd pf[2] = { { p[0], POLLIN, 0 }, { p[1], POLLOUT, 0 } };
    n = poll(pf, 2, 100);
    printf("poll: %d revents=%#x %#x\n", n, pf[0].revents, pf[1].revents);

    int efd = eventfd(0, EFD_NONBLOCK);
    int ep = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x1122334455667788ull };
    epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev);
    ev = (struct epoll_event){ .events = EPOLLIN, .data.u32 = 7 };
    epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
    struct epoll_event out[4];
    n = epoll_wait(ep, out, 4, 100);
    printf("epoll: %d first data=%#x\n", n, (unsigned)out[0].data.u32);
    uint64_t one = 5;
    write(efd, &one, 8);
    n = epoll_wait(ep, out, 4, 100);
    int saw = 0;
    for (int i = 0; i < n; i++)
        saw |= out[i].data.u64 == 0x1122334455667788ull;
    uint64_t got = 0;
    read(efd, &got, 8);
    printf("epoll after eventfd write: %d eventfd seen=%d value=%llu\n", n, saw,
           (unsigned long long)got);

    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    char data[] = "fd follows";
    struct iovec iov = { data, sizeof data };
    union { char buf[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } u;
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf,
                        .msg_controllen = sizeof u.buf };
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &p[0], sizeof(int));
    printf("sendmsg: %zd\n", sendmsg(sv[0], &m, 0));
    char rbuf[32] = "";
    struct iovec riov = { rbuf, sizeof rbuf };
    union { char buf[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } ru;
    struct msghdr rm = { .msg_iov = &riov, .msg_iovlen = 1, .msg_control = ru.buf,
                         .msg_controllen = sizeof ru.buf };
    ssize_t k = recvmsg(sv[1], &rm, 0);
    c = CMSG_FIRSTHDR(&rm);
    int passed = -1;
    if (c && c->cmsg_type == SCM_RIGHTS)
        memcpy(&passed, CMSG_DATA(c), sizeof(int));
    char two[3] = "";
    read(passed, two, 2);
    printf("recvmsg: %zd '%s' passed fd reads '%s' ctrunc=%d\n", k, rbuf, two,
           !!(rm.msg_flags & MSG_CTRUNC));

    int d = socket(AF_UNIX, SOCK_DGRAM, 0);
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    snprintf(sa.sun_path + 1, sizeof sa.sun_path - 1, "stitch-43-%d", getpid());
    socklen_t salen = offsetof(struct sockaddr_un, sun_path) + 1 + strlen(sa.sun_path + 1);
    printf("bind: %d\n", bind(d, (struct sockaddr *)&sa, salen));
    struct sockaddr_un back;
    socklen_t blen = sizeof back;
    getsockname(d, (struct sockaddr *)&back, &blen);
    printf("getsockname: same length=%d same name=%d\n", blen == salen,
           !memcmp(back.sun_path, sa.sun_path, salen - 2));
    sendto(d, "dgram", 5, 0, (struct sockaddr *)&sa, salen);
    char dbuf[8] = "";
    printf("recvfrom: %zd '%s'\n", recvfrom(d, dbuf, sizeof dbuf - 1, 0, NULL, NULL), dbuf);
    tv = (struct timeval){ 0, 30000 };
    setsockopt(d, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    struct timeval tv2 = { 9, 9 };
    socklen_t tl = sizeof tv2;
    getsockopt(d, SOL_SOCKET, SO_RCVTIMEO, &tv2, &tl);
    printf("SO_RCVTIMEO: %ld.%06ld len=%d\n", (long)tv2.tv_sec, (long)tv2.tv_usec, (int)tl);
    k = recv(d, dbuf, sizeof dbuf, 0);
    printf("recv with timeout: %zd %s\n", k, errno == EAGAIN ? "EAGAIN" : "?");

    int ep2 = epoll_create1(0);
    masked_waits(ep2);
    close(ep2);

    int word = 1;
    long f = syscall(SYS_futex, &word, FUTEX_WAIT, 2, NULL, NULL, 0);
    printf("futex wait on changed word: %ld %s\n", f, errno == EAGAIN ? "EAGAIN" : "?");
    printf("futex wake: %ld\n", syscall(SYS_futex, &word, FUTEX_WAKE, 1, NULL, NULL, 0));
    return 0;
}
