/*
 * clone(CLONE_PIDFD) (kernel/fork.c): the parent gets a pidfd of the
 * child in *parent_tid, close-on-exec, the lowest free number, not in
 * the child's table; it polls readable once the child has exited,
 * waitid(P_PIDFD) reaps through it, pidfd_send_signal signals through
 * it.  CLONE_PIDFD with CLONE_PARENT_SETTID or CLONE_DETACHED is EINVAL
 * and a *parent_tid that cannot be written EFAULT, no child made.  With
 * CLONE_THREAD (Linux 6.9 on) the pidfd is the new thread's, readable
 * once the thread has exited.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x1000
#endif
#ifndef P_PIDFD
#define P_PIDFD 3
#endif

static int lowest_free(void)
{
    int fd = dup(0);

    close(fd);
    return fd;
}

/* clone as fork: the child carries on from the call with 0. */
static long raw_clone(unsigned long flags, int *ptid)
{
    return syscall(SYS_clone, flags, 0L, ptid, 0L, 0L);
}

static void report_wait(const char *what, int pidfd, long pid)
{
    siginfo_t si;

    memset(&si, 0, sizeof(si));
    int r = waitid(P_PIDFD, (id_t)pidfd, &si, WEXITED);
    printf("%s: waitid %d %s, pid %d, code %d, status %d\n", what, r, r ? strerror(errno) : "",
           si.si_pid == pid, si.si_code, si.si_status);
}

static void exits(void)
{
    int pidfd = -1, next = lowest_free();
    long pid = raw_clone(CLONE_PIDFD | SIGCHLD, &pidfd);

    if (pid == 0)
        /* The child's memory was copied before the pidfd was stored, and
         * its table has not the number. */
        _exit(pidfd == -1 && fcntl(next, F_GETFD) < 0 && errno == EBADF ? 7 : 8);
    if (pid < 0) {
        printf("clone: %s\n", strerror(errno));
        return;
    }
    printf("exit: pidfd lowest free %d, cloexec %d\n", pidfd == next,
           fcntl(pidfd, F_GETFD) == FD_CLOEXEC);
    struct pollfd p = { pidfd, POLLIN, 0 };
    int n = poll(&p, 1, 10000);
    printf("exit: poll %d, POLLIN %d\n", n, !!(p.revents & POLLIN));
    report_wait("exit", pidfd, pid);
    /* Reaped: nothing to wait for any more. */
    long w = waitpid(-1, NULL, WNOHANG);
    printf("exit: waitpid after %ld %s\n", w, strerror(errno));
    close(pidfd);
}

static void signalled(void)
{
    int pidfd = -1;
    long pid = raw_clone(CLONE_PIDFD | SIGCHLD, &pidfd);

    if (pid == 0) {
        for (;;)
            pause();
    }
    if (pid < 0) {
        printf("clone: %s\n", strerror(errno));
        return;
    }
    struct pollfd p = { pidfd, POLLIN, 0 };
    printf("signal: poll before %d\n", poll(&p, 1, 0));
    long r = syscall(SYS_pidfd_send_signal, pidfd, SIGTERM, NULL, 0);
    printf("signal: pidfd_send_signal %ld %s\n", r, r ? strerror(errno) : "");
    report_wait("signal", pidfd, pid);
    close(pidfd);
}

static char stack[65536] __attribute__((aligned(16)));

static int thread_fn(void *arg)
{
    (void)arg;
    syscall(SYS_exit, 0); /* this thread only */
    return 0;
}

static void thread(void)
{
    int pidfd = -1, next = lowest_free();
    int r = clone(thread_fn, stack + sizeof(stack),
                  CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
                      CLONE_SYSVSEM | CLONE_PIDFD,
                  NULL, &pidfd);

    if (r < 0) {
        printf("thread: %s\n", strerror(errno));
        return;
    }
    /* The thread stored it before it ran. */
    printf("thread: pidfd lowest free %d, cloexec %d\n", pidfd == next,
           fcntl(pidfd, F_GETFD) == FD_CLOEXEC);
    struct pollfd p = { pidfd, POLLIN, 0 };
    int n = poll(&p, 1, 10000);
    printf("thread: poll %d, POLLIN %d\n", n, !!(p.revents & POLLIN));
    close(pidfd);
}

static volatile int got_sig, got_code, got_value;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got_sig = sig;
    got_code = si->si_code;
    got_value = si->si_value.sival_int;
}

/* To this process, through pidfd_open's pidfd: delivered before the call
 * returns, with the caller's siginfo when it gives one. */
static void to_self(void)
{
    struct sigaction sa;
    siginfo_t si;
    int fd = (int)syscall(SYS_pidfd_open, getpid(), 0);

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    long r = syscall(SYS_pidfd_send_signal, fd, SIGUSR1, NULL, 0);
    printf("self: %ld, sig %d, code %d\n", r, got_sig == SIGUSR1, got_code);
    memset(&si, 0, sizeof(si));
    si.si_signo = SIGUSR1;
    si.si_code = SI_QUEUE;
    si.si_pid = getpid();
    si.si_uid = getuid();
    si.si_value.sival_int = 42;
    got_sig = 0;
    r = syscall(SYS_pidfd_send_signal, fd, SIGUSR1, &si, 0);
    printf("self info: %ld, sig %d, code %d, value %d\n", r, got_sig == SIGUSR1, got_code, got_value);
    si.si_signo = SIGUSR2;
    r = syscall(SYS_pidfd_send_signal, fd, SIGUSR1, &si, 0);
    printf("self info other signo: %ld %s\n", r, r ? strerror(errno) : "");
    r = syscall(SYS_pidfd_send_signal, fd, SIGUSR1, NULL, 1);
    printf("self bad flags: %ld %s\n", r, r ? strerror(errno) : "");
    r = syscall(SYS_pidfd_send_signal, 0, SIGUSR1, NULL, 0);
    printf("not a pidfd: %ld %s\n", r, r ? strerror(errno) : "");
    close(fd);
}

/* An error where the child must not be made: one that is made anyway
 * exits at once, and is reaped and told. */
static void refused(const char *what, unsigned long flags, int *ptid)
{
    long pid = raw_clone(flags, ptid);

    if (pid == 0)
        _exit(0);
    printf("%s: %ld %s", what, pid < 0 ? -1L : 1L, pid < 0 ? strerror(errno) : "made");
    if (pid > 0)
        waitpid((pid_t)pid, NULL, 0);
    long w = waitpid(-1, NULL, WNOHANG);
    printf(", children %ld %s\n", w, strerror(errno));
}

int main(void)
{
    int v = -1;

    setvbuf(stdout, NULL, _IONBF, 0);
    exits();
    signalled();
    thread();
    to_self();
    refused("PIDFD|PARENT_SETTID", CLONE_PIDFD | CLONE_PARENT_SETTID | SIGCHLD, &v);
    refused("PIDFD|DETACHED", CLONE_PIDFD | CLONE_DETACHED | SIGCHLD, &v);
    refused("PIDFD|THREAD", CLONE_PIDFD | CLONE_THREAD | SIGCHLD, &v);
    refused("PIDFD bad pointer", CLONE_PIDFD | SIGCHLD, (int *)8);
    printf("v still %d\n", v);
    return 0;
}
