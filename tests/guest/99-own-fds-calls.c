/*
 * The numbers stitch keeps its own descriptors at (512 and up: its stderr
 * copy, the -D log, each thread's -d tid file) are, for every call that
 * takes a descriptor, numbers the process does not have: EBADF for the
 * calls on a descriptor (fs/file.c fdget), POLLNVAL for poll, EBADF for
 * select and for passing it (SCM_RIGHTS), an absolute path after such a
 * dirfd still opens (fs/namei.c ignores dirfd then), MAP_ANONYMOUS
 * ignores the fd, waitid's P_PIDFD id is EBADF, PR_SET_MM_EXE_FILE's fd
 * EBADF after its EPERM without CAP_SYS_RESOURCE.  Each call runs on
 * a number no one opened (100) and on 510..520, from a second thread
 * while the first waits, so that with -d tid three of those are stitch's.
 *
 * stitch: -d page,tid -D own-fds-%d.log
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/select.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

static int epfd, pipefd[2];

/* One call on fd: its result, -errno on failure. */
static long probe(int call, int fd)
{
    char buf[64];
    struct stat st;
    struct statfs sf;
    struct iovec iov = { buf, sizeof(buf) };
    struct epoll_event ev = { .events = EPOLLIN };
    long r;

    errno = 0;
    switch (call) {
    case 0: r = read(fd, buf, sizeof(buf)); break;
    case 1: r = write(fd, "x", 1); break;
    case 2: r = pread(fd, buf, sizeof(buf), 0); break;
    case 3: r = readv(fd, &iov, 1); break;
    case 4: r = lseek(fd, 0, SEEK_CUR); break;
    case 5: r = fstat(fd, &st); break;
    case 6: r = fstatfs(fd, &sf); break;
    case 7: { int n; r = ioctl(fd, FIONREAD, &n); break; }
    case 8: r = fcntl(fd, F_GETFD); break;
    case 9: r = fcntl(fd, F_GETFL); break;
    case 10: {
        void *p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
        r = p == MAP_FAILED ? -1 : 0;
        if (p != MAP_FAILED)
            munmap(p, 4096);
        break;
    }
    case 11: {
        void *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, fd, 0);
        r = p == MAP_FAILED ? -1 : 0;
        if (p != MAP_FAILED)
            munmap(p, 4096);
        break;
    }
    case 12: r = dup(fd); break;
    case 13: r = dup2(fd, 40); break;
    case 14: r = fchmod(fd, 0644); break;
    case 15: r = fchown(fd, (uid_t)-1, (gid_t)-1); break;
    case 16: r = fsync(fd); break;
    case 17: r = ftruncate(fd, 0); break;
    case 18: r = syscall(SYS_getdents64, fd, buf, sizeof(buf)); break;
    case 19: r = sendfile(pipefd[1], fd, NULL, 1); break;
    case 20: r = sendfile(fd, pipefd[0], NULL, 1); break;
    case 21: r = splice(fd, NULL, pipefd[1], NULL, 1, SPLICE_F_NONBLOCK); break;
    case 22: {
        struct pollfd p[2] = { { pipefd[1], POLLOUT, 0 }, { fd, POLLIN | POLLOUT, 0 } };
        r = poll(p, 2, 0);
        r = r < 0 ? r : r * 100 + p[0].revents * 10 + p[1].revents;
        break;
    }
    case 23: {
        fd_set w;
        struct timeval tv = { 0, 0 };
        FD_ZERO(&w);
        FD_SET(fd, &w);
        r = select(fd + 1, NULL, &w, NULL, &tv);
        break;
    }
    case 24: r = epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev); break;
    case 25: r = epoll_wait(fd, &ev, 1, 0); break;
    case 26: r = openat(fd, "relative", O_RDONLY); break;
    case 27:
        r = openat(fd, "/dev/null", O_RDONLY);
        if (r >= 0)
            close((int)r), r = 0;
        break;
    case 28: r = fstatat(fd, "", &st, AT_EMPTY_PATH); break;
    case 29: r = fchdir(fd); break;
    case 30: r = flock(fd, LOCK_SH | LOCK_NB); break;
    case 31: r = syncfs(fd); break;
    case 32: r = fgetxattr(fd, "user.none", buf, sizeof(buf)); break;
    case 33: { struct sockaddr sa; socklen_t n = sizeof(sa); r = getsockname(fd, &sa, &n); break; }
    case 34: r = utimensat(fd, NULL, NULL, 0); break;
    case 35: r = fdatasync(fd); break;
    case 36: r = posix_fadvise(fd, 0, 0, POSIX_FADV_NORMAL); errno = (int)r; r = r ? -1 : 0; break;
    case 37: r = fcntl(fd, F_DUPFD, 0); break;
    case 38: {
        /* fd passed over a socket (SCM_RIGHTS) */
        int sv[2];
        union { struct cmsghdr h; char space[CMSG_SPACE(sizeof(int))]; } u;
        struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.space,
                            .msg_controllen = sizeof(u.space) };
        iov.iov_len = 1;
        u.h.cmsg_len = CMSG_LEN(sizeof(int));
        u.h.cmsg_level = SOL_SOCKET;
        u.h.cmsg_type = SCM_RIGHTS;
        memcpy(CMSG_DATA(&u.h), &fd, sizeof(fd));
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
            return -errno;
        r = sendmsg(sv[0], &m, 0);
        int e = errno;
        close(sv[0]);
        close(sv[1]);
        errno = e;
        break;
    }
    case 39: {
        siginfo_t si;
        r = syscall(SYS_waitid, 3 /* P_PIDFD */, fd, &si, WEXITED | WNOHANG, NULL);
        break;
    }
    case 40: r = prctl(PR_SET_MM, PR_SET_MM_EXE_FILE, fd, 0, 0); break;
    default: return -ENOSYS;
    }
    if (r >= 0 && (call == 12 || call == 13 || call == 37))
        close((int)r), r = 0; /* the number dup picked is not the point */
    return r < 0 ? -errno : r;
}

static const char *const names[] = {
    "read", "write", "pread", "readv", "lseek", "fstat", "fstatfs", "ioctl(FIONREAD)",
    "fcntl(F_GETFD)", "fcntl(F_GETFL)", "mmap(MAP_SHARED)", "mmap(MAP_ANONYMOUS)", "dup",
    "dup2(fd, 40)", "fchmod", "fchown", "fsync", "ftruncate", "getdents64", "sendfile(in)",
    "sendfile(out)", "splice", "poll", "select", "epoll_ctl(ADD)", "epoll_wait",
    "openat(relative)", "openat(absolute)", "fstatat(AT_EMPTY_PATH)", "fchdir", "flock",
    "syncfs", "fgetxattr", "getsockname", "utimensat(NULL)", "fdatasync", "posix_fadvise",
    "fcntl(F_DUPFD, 0)", "sendmsg(SCM_RIGHTS)", "waitid(P_PIDFD)", "prctl(PR_SET_MM_EXE_FILE)",
};

static void *prober(void *arg)
{
    /* A mapping, which -d page logs: this thread's -d tid file opens. */
    munmap(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), 4096);
    for (unsigned c = 0; c < sizeof(names) / sizeof(names[0]); c++) {
        printf("%-24s", names[c]);
        printf(" 100:%ld", probe((int)c, 100));
        for (int fd = 510; fd <= 520; fd++)
            printf(" %d:%ld", fd, probe((int)c, fd));
        printf("\n");
    }
    return arg;
}

int main(void)
{
    pthread_t t;

    epfd = epoll_create1(EPOLL_CLOEXEC);
    if (epfd < 0 || pipe(pipefd) < 0)
        return perror("setup"), 1;
    /* select ignores the bits past the process's descriptor table
     * (fs/select.c core_sys_select), whose size depends on the parent's:
     * grown to 1024 here, so that 510..520 are inside it
     * (99-own-fds-select.c has the bits past it). */
    if (dup2(0, 1000) < 0 || close(1000) < 0)
        return perror("dup2"), 1;
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (pthread_create(&t, NULL, prober, NULL) != 0)
        return 1;
    pthread_join(t, NULL);
    printf("done\n");
    return 0;
}
