/*
 * Opening one of this process's /proc files with any flags does what the
 * kernel does with that entry (fs/namei.c do_open, may_open): O_DIRECTORY
 * is ENOTDIR, O_CREAT | O_EXCL EEXIST, the access mode is checked against
 * the file's permissions (0444 or 0400, which root passes), O_PATH gives
 * a descriptor that reads nothing (EBADF); F_GETFL shows the access
 * mode, O_NONBLOCK, O_LARGEFILE only if asked for (an i386 open without
 * it), O_PATH; the number is the lowest free one; /proc/self/exe with
 * O_NOFOLLOW is the symlink itself, ELOOP.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void try(const char *label, const char *path, int flags)
{
    int lowest = dup(0);
    char buf[16];

    close(lowest);
    errno = 0;
    int fd = open(path, flags, 0644);
    printf("  %-18s", label);
    if (fd < 0) {
        printf(" open %s\n", strerror(errno));
        return;
    }
    long r = read(fd, buf, sizeof(buf));
    const char *err = r >= 0 ? "ok" : strerror(errno);
    int fl = fcntl(fd, F_GETFL);
    printf(" open ok, lowest %d, read %s, F_GETFL: mode %d path %d nonblock %d largefile %d"
           " other %d, FD_CLOEXEC %d\n",
           fd == lowest, err, fl & O_ACCMODE, (fl & O_PATH) != 0, (fl & O_NONBLOCK) != 0,
           (fl & O_LARGEFILE) != 0, (fl & ~(O_ACCMODE | O_PATH | O_NONBLOCK | O_LARGEFILE)) != 0,
           (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
    close(fd);
}

static void entry(const char *path)
{
    printf("%s\n", path);
    try("RDONLY", path, O_RDONLY);
    try("LARGEFILE", path, O_RDONLY | O_LARGEFILE);
    try("NONBLOCK|CLOEXEC", path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    try("DIRECTORY", path, O_RDONLY | O_DIRECTORY);
    try("CREAT|EXCL", path, O_RDONLY | O_CREAT | O_EXCL);
    try("PATH", path, O_PATH);
    try("RDONLY|TRUNC", path, O_RDONLY | O_TRUNC);
    try("WRONLY", path, O_WRONLY);
    try("RDWR", path, O_RDWR);
}

int main(void)
{
    entry("/proc/self/maps");
    entry("/proc/self/auxv");
    entry("/proc/self/cmdline");
    entry("/proc/self/environ");
    entry("/proc/self/stat");
    entry("/proc/self/status");
    entry("/proc/self/personality");
    entry("/proc/thread-self/maps");
    printf("/proc/self/exe\n");
    try("NOFOLLOW", "/proc/self/exe", O_RDONLY | O_NOFOLLOW);
    return 0;
}
