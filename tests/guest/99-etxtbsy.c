/*
 * Text file busy: the kernel refuses to write a file a process runs (the
 * exec holds write access away from it, fs/exec.c; fs/namei.c do_open and
 * handle_truncate answer ETXTBSY), and refuses to run a file that is open
 * for writing (do_open_execat).  The writes are tried on a copy of this
 * program that runs itself, so that a miss cannot truncate the test.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void show(const char *what, int r)
{
    printf("%-36s %s\n", what, r < 0 ? strerror(errno) : "ok");
}

static void show_open(const char *what, const char *path, int flags)
{
    int fd = open(path, flags, 0755);

    show(what, fd);
    if (fd >= 0)
        close(fd);
}

static void copy_to(int to, const char *from)
{
    char buf[65536];
    ssize_t n;
    int src = open(from, O_RDONLY);

    while (src >= 0 && (n = read(src, buf, sizeof(buf))) > 0)
        if (write(to, buf, n) != n)
            break;
    close(src);
}

/* Run `path` with `arg` in a child; what it printed, then how it ended. */
static void run(const char *what, const char *path, const char *arg)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        execl(path, path, arg, (char *)NULL);
        printf("%-36s %s\n", what, strerror(errno));
        exit(100);
    }
    int st;
    waitpid(pid, &st, 0);
    if (WIFEXITED(st) && WEXITSTATUS(st) != 100)
        printf("%-36s exit %d\n", what, WEXITSTATUS(st));
}

/* In the copy: its own file is busy for every kind of write. */
static int as_copy(void)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

    exe[n > 0 ? n : 0] = 0;
    show_open("own file, O_RDONLY", exe, O_RDONLY);
    show_open("own file, O_WRONLY", exe, O_WRONLY);
    show_open("own file, O_RDWR", exe, O_RDWR);
    show_open("own file, O_RDONLY|O_TRUNC", exe, O_RDONLY | O_TRUNC);
    show_open("own file, O_WRONLY|O_CREAT|O_EXCL", exe, O_WRONLY | O_CREAT | O_EXCL);
    show_open("own file, O_WRONLY|O_APPEND", exe, O_WRONLY | O_APPEND);
    show_open("/proc/self/exe, O_WRONLY", "/proc/self/exe", O_WRONLY);
    show_open("./self, O_RDWR", "self", O_RDWR);
    show("own file, truncate", truncate(exe, 0));
    show("own file, creat", creat(exe, 0755));
    int fd = openat(AT_FDCWD, "self", O_WRONLY);
    show("openat(AT_FDCWD, self, O_WRONLY)", fd);
    return 4;
}

static off_t file_size(const char *path)
{
    struct stat st;

    return stat(path, &st) < 0 ? -1 : st.st_size;
}

static const char script[] = "#!/bin/sh\necho script ran\nexit 6\n";

int main(int argc, char **argv)
{
    char exe[4096];

    if (argc > 1 && !strcmp(argv[1], "copy"))
        return as_copy();
    if (argc > 1)
        return 5;
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    exe[n > 0 ? n : 0] = 0;

    /* A copy open for writing does not run; closed, it does. */
    int fd = open("self", O_CREAT | O_TRUNC | O_WRONLY, 0755);
    copy_to(fd, exe);
    run("exec of a file open for writing", "./self", "x");
    int ro = open("self", O_RDONLY);
    close(fd);
    run("exec once closed (open read-only)", "./self", "x");
    close(ro);
    run("the copy writes itself", "./self", "copy");
    printf("the copy is still whole: %s\n", file_size("self") == file_size(exe) ? "yes" : "no");

    /* So does a script. */
    fd = open("s.sh", O_CREAT | O_TRUNC | O_WRONLY, 0755);
    write(fd, script, strlen(script));
    run("script open for writing", "./s.sh", "x");
    close(fd);
    run("script once closed", "./s.sh", "x");
    unlink("s.sh");
    unlink("self");
    return 0;
}
