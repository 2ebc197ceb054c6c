/*
 * pidfd_send_signal(pidfd, sig, info, flags) checks in kernel/signal.c's
 * order: the flags (unknown, or more than one scope: EINVAL), then the
 * descriptor (not open, or not a pidfd: EBADF), then copies the siginfo
 * (EFAULT), then si_signo against sig (EINVAL), then a siginfo with
 * si_code >= 0 or SI_TKILL for another process, or for a scope past the
 * thread group, (EPERM), and only then the signal number (EINVAL).  Each
 * combination of a bad and a good argument is tried, the good ones
 * aimed at this process and at a child that ignores the signal.
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

#ifndef PIDFD_SIGNAL_THREAD
#define PIDFD_SIGNAL_THREAD 1
#endif

static volatile int caught;

static void on_usr1(int sig)
{
    (void)sig;
    caught++;
}

static const char *err(long r)
{
    static char buf[32];

    if (r == 0)
        return "0";
    snprintf(buf, sizeof(buf), "%s", strerrorname_np(errno) ? strerrorname_np(errno) : "?");
    return buf;
}

static siginfo_t info_user, info_queue, info_other_signo, info_tkill;

static void make_infos(void)
{
    memset(&info_user, 0, sizeof(info_user));
    info_user.si_signo = SIGUSR1;
    info_user.si_code = SI_USER;
    info_user.si_pid = getpid();
    info_user.si_uid = getuid();
    info_queue = info_user;
    info_queue.si_code = SI_QUEUE;
    info_other_signo = info_queue;
    info_other_signo.si_signo = SIGUSR2;
    info_tkill = info_user;
    info_tkill.si_code = SI_TKILL;
}

int main(void)
{
    int self, child_fd, notpidfd = dup(1);
    pid_t child;

    signal(SIGUSR1, on_usr1);
    make_infos();
    child = fork();
    if (child == 0) {
        signal(SIGUSR1, SIG_IGN);
        for (;;)
            pause();
    }
    self = (int)syscall(SYS_pidfd_open, getpid(), 0);
    child_fd = (int)syscall(SYS_pidfd_open, child, 0);
    if (self < 0 || child_fd < 0)
        return 1;

    const struct { const char *name; int fd; } fds[] = {
        { "self", self }, { "child", child_fd }, { "not open", 1000 },
        { "-1", -1 }, { "not a pidfd", notpidfd },
    };
    const struct { const char *name; siginfo_t *info; } infos[] = {
        { "NULL", NULL }, { "bad pointer", (siginfo_t *)16 },
        { "SI_USER", &info_user }, { "SI_QUEUE", &info_queue },
        { "SI_TKILL", &info_tkill }, { "other si_signo", &info_other_signo },
    };
    const struct { const char *name; unsigned flags; } flags[] = {
        { "0", 0 }, { "THREAD", PIDFD_SIGNAL_THREAD }, { "unknown", 0x100 }, { "two scopes", 3 },
    };
    const int sigs[] = { SIGUSR1, 1000, -1 };

    for (size_t s = 0; s < sizeof(sigs) / sizeof(sigs[0]); s++)
        for (size_t f = 0; f < sizeof(flags) / sizeof(flags[0]); f++)
            for (size_t d = 0; d < sizeof(fds) / sizeof(fds[0]); d++) {
                printf("sig %4d flags %-10s fd %-11s:", sigs[s], flags[f].name, fds[d].name);
                for (size_t i = 0; i < sizeof(infos) / sizeof(infos[0]); i++) {
                    long r = syscall(SYS_pidfd_send_signal, fds[d].fd, sigs[s], infos[i].info,
                                     flags[f].flags);
                    printf(" %s %s;", infos[i].name, err(r));
                }
                printf("\n");
            }
    printf("SIGUSR1 caught %d times\n", caught);
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    return 0;
}
