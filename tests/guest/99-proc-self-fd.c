/*
 * The descriptors a program sees are its own: /proc/self/fd and
 * /proc/self/fdinfo list only them (readdir: getdents64), a number no
 * file is open on is EBADF for fcntl, close, dup2's source, ENOENT as a
 * /proc/self/fd or fdinfo name (open, readlink), and free for
 * dup2, dup3 and F_DUPFD (fs/file.c: the lowest free number from the
 * minimum), the high numbers included (512 and up, where stitch keeps
 * its own stderr copy and logs), and close_range(3, ~0U) leaves 0-2.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The entries of a /proc/self directory, in order, but the descriptor
 * the listing itself reads through. */
static void list(const char *what, const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char line[4096] = "";

    while (d && (e = readdir(d)))
        if (e->d_name[0] != '.' && atoi(e->d_name) != dirfd(d))
            snprintf(line + strlen(line), sizeof(line) - strlen(line), " %.8s", e->d_name);
    if (d)
        closedir(d);
    printf("%-28s%s\n", what, line);
}

static void lists(const char *what)
{
    char w[64];

    snprintf(w, sizeof(w), "%s: fd", what);
    list(w, "/proc/self/fd");
    snprintf(w, sizeof(w), "%s: fdinfo", what);
    list(w, "/proc/self/fdinfo");
}

static void result(const char *what, long r)
{
    printf("%-28s %ld%s%s\n", what, r, r < 0 ? " " : "", r < 0 ? strerror(errno) : "");
}

int main(void)
{
    lists("start");
    for (int fd = 510; fd < 520; fd++) {
        char w[32];
        snprintf(w, sizeof(w), "fcntl(%d, F_GETFD)", fd);
        errno = 0;
        result(w, fcntl(fd, F_GETFD));
    }
    char link[64];
    result("readlink(/proc/self/fd/512)", readlink("/proc/self/fd/512", link, sizeof(link)));
    result("open(/proc/self/fd/512)", open("/proc/self/fd/512", O_RDONLY));
    result("open(/proc/self/fdinfo/512)", open("/proc/self/fdinfo/512", O_RDONLY));
    result("dup2(512, 20)", dup2(512, 20));
    result("close(512)", close(512));
    result("fcntl(1, F_DUPFD, 500)", fcntl(1, F_DUPFD, 500));
    result("fcntl(1, F_DUPFD, 510)", fcntl(1, F_DUPFD, 510));
    result("fcntl(1, F_DUPFD, 510)", fcntl(1, F_DUPFD, 510));
    result("fcntl(1, F_DUPFD_CLOEXEC, 510)", fcntl(1, F_DUPFD_CLOEXEC, 510));
    result("fcntl(512, F_GETFD)", fcntl(512, F_GETFD));
    result("dup2(1, 513)", dup2(1, 513));
    result("dup3(1, 514, O_CLOEXEC)", syscall(SYS_dup3, 1, 514, O_CLOEXEC));
    result("fcntl(514, F_GETFD)", fcntl(514, F_GETFD));
    fflush(stdout);
    dprintf(512, "written through 512\n");
    dprintf(513, "written through 513\n");
    lists("dup'd");
    result("close(512)", close(512));
    result("close(512)", close(512));
    lists("512 closed");
    result("close_range(3, ~0U)", syscall(SYS_close_range, 3, ~0U, 0));
    lists("close_range");
    result("fcntl(513, F_GETFD)", fcntl(513, F_GETFD));
    result("dup(1)", dup(1));
    return 0;
}
