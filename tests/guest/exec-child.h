/*
 * For the execveat tests: the exec runs in a forked child, which prints
 * its own failure; the parent then prints how the child ended, unless
 * that was the failure's exit(100).  Each line starts with `what` padded
 * to `width` columns.
 */
#ifndef EXEC_CHILD_H
#define EXEC_CHILD_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* argv[1] "child" tells main it was exec'd; argv[2] is `what`. */
static char *child_argv[] = { "prog", "child", NULL, NULL };

static void exec_in_child(const char *what, int width, char **envp, int dirfd,
                          const char *name, int flags)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        child_argv[2] = (char *)what;
        long r = syscall(SYS_execveat, dirfd, name, child_argv, envp, flags);
        printf("%-*s failed: %ld errno %d\n", width, what, r, errno);
        exit(100);
    }
    int st;
    waitpid(pid, &st, 0);
    if (WIFEXITED(st) && WEXITSTATUS(st) != 100)
        printf("%-*s exit %d\n", width, what, WEXITSTATUS(st));
    else if (WIFSIGNALED(st))
        printf("%-*s signal %d\n", width, what, WTERMSIG(st));
}

/* File `from` appended to descriptor `to`; -1 if it cannot be copied. */
static int copy_to(int to, const char *from)
{
    char buf[65536];
    ssize_t n;
    int src = open(from, O_RDONLY);

    if (src < 0)
        return -1;
    while ((n = read(src, buf, sizeof(buf))) > 0)
        if (write(to, buf, n) != n)
            break;
    close(src);
    return n == 0 ? 0 : -1;
}

#endif
