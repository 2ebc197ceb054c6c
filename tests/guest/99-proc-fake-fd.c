/*
 * A descriptor of one of this process's /proc files is that file: its
 * fd/N link names it ("/proc/PID/maps", thread-self resolved to
 * "/proc/PID/task/TID/..."; fs/proc/fd.c proc_fd_link, d_path), fstat,
 * statx, fstatfs and a stat through the link show the proc entry (size
 * 0, mode 0444 or 0400, proc's device and file system), and opening the
 * link opens the entry anew.  Under stitch these files are private
 * copies of the guest's view; they must not show as such.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PROC_SUPER_MAGIC 0x9fa0

static char a[1 << 16], b[1 << 16];

static long slurp(int fd, char *buf, size_t size)
{
    long n = 0, r;

    if (fd < 0)
        return -1;
    while ((size_t)n < size && (r = read(fd, buf + n, size - n)) > 0)
        n += r;
    close(fd);
    return n;
}

static void check(const char *label, const char *path, const char *want_fmt, long id)
{
    char link[256], want[256], fdpath[64];
    struct stat st, by_path, by_link;
    struct statx sx;
    struct statfs fs;
    int fd = open(path, O_RDONLY);

    if (fd < 0) {
        printf("%-26s cannot open\n", label);
        return;
    }
    snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", fd);
    snprintf(want, sizeof(want), want_fmt, (int)getpid(), (int)id);
    ssize_t n = readlink(fdpath, link, sizeof(link) - 1);
    link[n > 0 ? n : 0] = '\0';
    printf("%-26s link %s", label, !strcmp(link, want) ? "the entry's name" : "another");
    if (fstat(fd, &st) == 0 && stat(path, &by_path) == 0)
        printf(", fstat size %lld mode %o same file %d", (long long)st.st_size,
               (unsigned)st.st_mode, st.st_dev == by_path.st_dev && st.st_ino == by_path.st_ino);
    if (stat(fdpath, &by_link) == 0)
        printf(", stat of the link same file %d",
               by_link.st_dev == by_path.st_dev && by_link.st_ino == by_path.st_ino);
    if (statx(fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS, &sx) == 0)
        printf(", statx size %llu mode %o", (unsigned long long)sx.stx_size, (unsigned)sx.stx_mode);
    if (fstatfs(fd, &fs) == 0)
        printf(", proc fs %d", fs.f_type == PROC_SUPER_MAGIC);
    printf("\n");
    /* Read both at once, the entry anew through the link and by its
     * name: the same text (maps: no mapping changes in between). */
    long m = slurp(open(fdpath, O_RDONLY), a, sizeof(a));
    long k = slurp(open(path, O_RDONLY), b, sizeof(b));
    printf("%-26s reopened through the link: %s\n", label,
           m < 0 ? "cannot" : m == k && !memcmp(a, b, m) ? "the entry" : "another text");
    close(fd);
}

int main(void)
{
    long tid = syscall(SYS_gettid);

    check("/proc/self/maps", "/proc/self/maps", "/proc/%d/maps", 0);
    check("/proc/self/auxv", "/proc/self/auxv", "/proc/%d/auxv", 0);
    check("/proc/self/cmdline", "/proc/self/cmdline", "/proc/%d/cmdline", 0);
    check("/proc/self/environ", "/proc/self/environ", "/proc/%d/environ", 0);
    check("/proc/self/personality", "/proc/self/personality", "/proc/%d/personality", 0);
    check("/proc/self/./maps", "/proc/self/./maps", "/proc/%d/maps", 0);
    check("/proc/thread-self/maps", "/proc/thread-self/maps", "/proc/%d/task/%d/maps", tid);
    return 0;
}
