/* 42-processes: fork with a pipe between parent and child, wait statuses
 * (exit code, death by a signal), vfork + _exit, execve of the program
 * itself through /proc/self/exe (an i386 ELF: stitch runs it again, argv[0]
 * kept), execve of a "#!/bin/sh" script and of a host program (/bin/echo),
 * posix_spawn (clone with CLONE_VM|CLONE_VFORK in glibc), waitid, and an
 * execve that fails with ENOENT. */
/* levels: O0 O2 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void show(const char *what, int st)
{
    if (WIFEXITED(st))
        printf("%s: exit %d\n", what, WEXITSTATUS(st));
    else if (WIFSIGNALED(st))
        printf("%s: killed by signal %d\n", what, WTERMSIG(st));
    else
        printf("%s: status %#x\n", what, st);
    fflush(stdout);
}

static void run(const char *what, char *const argv[])
{
    int st;
    pid_t pid = fork();
    if (pid == 0) {
        execve(argv[0], argv, environ);
        _exit(errno == ENOENT ? 41 : 42);
    }
    waitpid(pid, &st, 0);
    show(what, st);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "child")) {
        printf("child: argv[0] ends in 42-processes=%d, arg=%s\n",
               strstr(argv[0], "42-processes") != NULL, argc > 2 ? argv[2] : "-");
        return 7;
    }
    setvbuf(stdout, NULL, _IONBF, 0);

    int fds[2], st;
    pipe(fds);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        dprintf(fds[1], "hello from pid>0=%d ppid-ok=%d", getpid() > 0, getppid() > 1);
        _exit(5);
    }
    close(fds[1]);
    char buf[100] = "";
    read(fds[0], buf, sizeof buf - 1);
    waitpid(pid, &st, 0);
    printf("pipe: %s\n", buf);
    show("fork child", st);

    pid = fork();
    if (pid == 0) {
        raise(SIGTERM);
        _exit(0);
    }
    wait4(pid, &st, 0, NULL);
    show("SIGTERM child", st);

    pid = vfork();
    if (pid == 0)
        _exit(9);
    waitpid(pid, &st, 0);
    show("vfork child", st);

    run("self exec", (char *[]){ "/proc/self/exe", "child", "x y", NULL });

    int fd = open("script.sh", O_WRONLY | O_CREAT | O_TRUNC, 0755);
    dprintf(fd, "#!/bin/sh\necho \"script: $# args: $1 $2\"\nexit 3\n");
    close(fd);
    run("script", (char *[]){ "./script.sh", "a", "b c", NULL });
    run("host echo", (char *[]){ "/bin/echo", "native", "echo", NULL });
    run("missing", (char *[]){ "./no-such-program", NULL });

    char *spawn_argv[] = { "/proc/self/exe", "child", "spawned", NULL };
    if (posix_spawn(&pid, "/proc/self/exe", NULL, NULL, spawn_argv, environ) == 0) {
        waitpid(pid, &st, 0);
        show("posix_spawn", st);
    }

    pid = fork();
    if (pid == 0)
        _exit(11);
    siginfo_t si;
    memset(&si, 0, sizeof si);
    waitid(P_PID, pid, &si, WEXITED);
    printf("waitid: code=%s status=%d pid-ok=%d\n", si.si_code == CLD_EXITED ? "EXITED" : "?",
           si.si_status, si.si_pid == pid);
    /* wait() before errno is read (argument evaluation order is the ABI's). */
    pid_t none = wait(NULL);
    printf("no more children: %d %s\n", (int)none, errno == ECHILD ? "ECHILD" : "?");
    return 0;
}
