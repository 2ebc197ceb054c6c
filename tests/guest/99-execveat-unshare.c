/*
 * execveat (fs/exec.c do_open_execat): a name relative to a directory fd,
 * AT_EMPTY_PATH with the file's own fd (fexecve, a memfd too),
 * AT_SYMLINK_NOFOLLOW on a symbolic link (ELOOP), a script through a
 * directory fd, and the errors (EINVAL flags, ENOENT for an empty name,
 * EBADF, ENOTDIR, EFAULT).  Then unshare (kernel/fork.c
 * check_unshare_flags) and setns: the flags that are no-ops in a
 * single-threaded process, unknown flags, a new user namespace with the
 * overflow ids in it, and the thread-group rule.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "exec-child.h"

static char exe[4096];
static char *no_env[] = { "A=1", NULL };

static void run(const char *what, int dirfd, const char *name, int flags)
{
    exec_in_child(what, 28, no_env, dirfd, name, flags);
}

static int gate[2];

/* A second thread that lives until the main one writes to the gate. */
static void *idle(void *p)
{
    char c;
    read(gate[0], &c, 1);
    return p;
}

static void unshares(void)
{
    static const struct { const char *name; long flags; } f[] = {
        { "0", 0 },
        { "CLONE_FILES", CLONE_FILES },
        { "CLONE_FS", CLONE_FS },
        { "CLONE_SYSVSEM", CLONE_SYSVSEM },
        { "CLONE_VM", CLONE_VM },
        { "CLONE_SIGHAND", CLONE_SIGHAND },
        { "CLONE_THREAD", CLONE_THREAD },
        { "CLONE_PARENT (unknown)", CLONE_PARENT },
        { "CLONE_SETTLS (unknown)", CLONE_SETTLS },
        { "bit 0", 1 },
    };
    for (unsigned i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
        long r = syscall(SYS_unshare, f[i].flags);
        printf("unshare %-22s %ld errno %d\n", f[i].name, r, r < 0 ? errno : 0);
    }
    /* With a second thread, CLONE_VM and CLONE_THREAD have something to
     * unshare: EINVAL. */
    pthread_t t;
    pipe(gate);
    pthread_create(&t, NULL, idle, NULL);
    long r = syscall(SYS_unshare, CLONE_VM);
    printf("unshare CLONE_VM, 2 threads  %ld errno %d\n", r, r < 0 ? errno : 0);
    r = syscall(SYS_unshare, CLONE_NEWUSER);
    printf("unshare NEWUSER, 2 threads   %ld errno %d\n", r, r < 0 ? errno : 0);
    write(gate[1], "", 1);
    pthread_join(t, NULL);
    r = syscall(SYS_setns, -1, 0);
    printf("setns -1                     %ld errno %d\n", r, r < 0 ? errno : 0);
    r = syscall(SYS_setns, 0, CLONE_NEWNET);
    printf("setns /dev/null              %ld errno %d\n", r, r < 0 ? errno : 0);
    int ns = open("/proc/self/ns/uts", O_RDONLY);
    r = syscall(SYS_setns, ns, CLONE_NEWNET);
    printf("setns uts fd as net          %ld errno %d\n", r, r < 0 ? errno : 0);
    close(ns);

    /* A new user namespace, in a child: the ids have no mapping yet and
     * read as the overflow ids. */
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        uid_t before = getuid();
        r = syscall(SYS_unshare, CLONE_NEWUSER);
        printf("unshare NEWUSER              %ld errno %d\n", r, r < 0 ? errno : 0);
        if (r == 0)
            printf("  uid %u gid %u (was %s)\n", getuid(), getgid(), before == 0 ? "root" : "user");
        exit(0);
    }
    waitpid(pid, NULL, 0);
}

int main(int argc, char **argv)
{
    if (argc > 2 && !strcmp(argv[1], "child")) {
        printf("%-28s ran: argc %d argv0 %s env %s\n", argv[2], argc, argv[0],
               getenv("A") ? getenv("A") : "-");
        return 7;
    }
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    exe[n > 0 ? n : 0] = 0;
    char dir[4096], base[4096];
    snprintf(dir, sizeof(dir), "%s", exe);
    snprintf(base, sizeof(base), "%s", exe);
    int dfd = open(dirname(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    const char *name = basename(base);

    run("dirfd + name", dfd, name, 0);
    run("AT_FDCWD + absolute", AT_FDCWD, exe, 0);
    run("dirfd + absolute", 999, exe, 0);
    int fd = open(exe, O_RDONLY);
    run("AT_EMPTY_PATH", fd, "", AT_EMPTY_PATH);
    close(fd);
    fd = open(exe, O_RDONLY | O_CLOEXEC);
    run("AT_EMPTY_PATH, cloexec fd", fd, "", AT_EMPTY_PATH);
    close(fd);
    fd = open(exe, O_PATH);
    run("AT_EMPTY_PATH, O_PATH fd", fd, "", AT_EMPTY_PATH);
    close(fd);

    /* fexecve of a copy in a memfd */
    int mfd = memfd_create("copy", 0);
    copy_to(mfd, exe);
    run("memfd, AT_EMPTY_PATH", mfd, "", AT_EMPTY_PATH);
    close(mfd);

    symlink(exe, "link");
    run("symlink", AT_FDCWD, "link", 0);
    run("symlink, NOFOLLOW", AT_FDCWD, "link", AT_SYMLINK_NOFOLLOW);
    run("empty name, no flag", dfd, "", 0);
    run("bad flags", dfd, name, 0x4);
    run("bad dirfd", 999, name, 0);
    fd = open("file", O_CREAT | O_RDWR, 0755);
    run("dirfd not a dir", fd, "x", 0);
    run("dirfd is a dir, empty", dfd, "", AT_EMPTY_PATH);
    run("missing", dfd, "no-such-file", 0);
    run("not executable", AT_FDCWD, "/etc/passwd", 0);
    close(fd);
    long r = syscall(SYS_execveat, AT_FDCWD, (char *)16, child_argv, no_env, 0);
    printf("bad name pointer             %ld errno %d\n", r, errno);
    r = syscall(SYS_execveat, dfd, name, (char **)16, no_env, 0);
    printf("bad argv pointer             %ld errno %d\n", r, errno);

    mkdir("scripts", 0755);
    FILE *f = fopen("scripts/s.sh", "w");
    fprintf(f, "#!/bin/sh\necho \"script ran: $1 $2\"\nexit 3\n");
    fclose(f);
    chmod("scripts/s.sh", 0755);
    int sfd = open("scripts", O_RDONLY | O_DIRECTORY);
    run("script via dirfd", sfd, "s.sh", 0);
    close(sfd);
    close(dfd);

    unshares();
    return 0;
}
