/*
 * An O_PATH descriptor of this process's /proc files leads to the entry,
 * never to another file: opening its fd/N link, or reading that link,
 * gives what an ordinary open of the entry gives (fs/proc/fd.c
 * proc_fd_link), and fstat through AT_EMPTY_PATH shows the entry.
 * /proc/self/exe opened O_PATH | O_NOFOLLOW is the link itself, whose
 * readlinkat with an empty name is the program's path (fs/stat.c
 * do_readlinkat).  A name with a leading zero, fd/03, is no descriptor.
 * A dup of one is the entry's too.  Nothing writes to one (EINVAL), and
 * sendfile from one opened write-only is EBADF.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

static long slurp(const char *path, char *buf, long size)
{
    int fd = open(path, O_RDONLY);
    long n = 0, r;

    if (fd < 0)
        return -1;
    while (n < size && (r = read(fd, buf + n, size - n)) > 0)
        n += r;
    close(fd);
    return n;
}

/* Lines other than the maps' [stack] and [heap] (which a read may grow)
 * are enough: compare the first 200 bytes. */
static void via_path(const char *path)
{
    static char a[200], b[200];
    char link[64], target[256];
    struct stat st;
    int fd = open(path, O_PATH);

    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    long na = slurp(path, a, sizeof(a));
    long nb = slurp(link, b, sizeof(b));
    ssize_t t = readlink(link, target, sizeof(target) - 1);
    target[t > 0 ? t : 0] = 0;
    int fst = fstatat(fd, "", &st, AT_EMPTY_PATH);
    printf("%s: fd %d, reopened same %d, link ends right %d, fstat %d size %lld mode %o\n", path,
           fd >= 0, na > 0 && na == nb && !memcmp(a, b, (size_t)na),
           t > 0 && !strcmp(strrchr(target, '/'), strrchr(path, '/')), fst, (long long)st.st_size,
           (unsigned)(st.st_mode & 07777));
    close(fd);
}

static void exe_nofollow(void)
{
    char want[256], got[256];
    int fd = open("/proc/self/exe", O_PATH | O_NOFOLLOW);
    ssize_t w = readlink("/proc/self/exe", want, sizeof(want));
    ssize_t g = readlinkat(fd, "", got, sizeof(got));

    printf("exe O_PATH|O_NOFOLLOW: fd %d, readlinkat \"\" same %d\n", fd >= 0,
           w > 0 && w == g && !memcmp(want, got, (size_t)w));
    close(fd);
}

/* fd/0N and fdinfo/0N are no descriptor (fs/proc/fd.c name_to_int). */
static void leading_zero(void)
{
    char name[64], target[256];
    int fd = open("/proc/self/maps", O_RDONLY);

    snprintf(name, sizeof(name), "/proc/self/fd/0%d", fd);
    errno = 0;
    int r = open(name, O_RDONLY);
    printf("fd/0N: open %d %s,", r >= 0, strerror(errno));
    errno = 0;
    r = (int)readlink(name, target, sizeof(target));
    printf(" readlink %d %s,", r >= 0, strerror(errno));
    snprintf(name, sizeof(name), "/proc/self/fdinfo/0%d", fd);
    errno = 0;
    r = open(name, O_RDONLY);
    printf(" fdinfo/0N: open %d %s\n", r >= 0, strerror(errno));
    close(fd);
}

/* The entry has no write op: vfs_write's EINVAL (fs/read_write.c) for
 * each write call, even of nothing, but pwrite's ESPIPE on a seq_file;
 * a descriptor that cannot be read does not feed sendfile (do_sendfile:
 * EBADF). */
static void writes(const char *path, int mode)
{
    char c = 'x';
    struct iovec iov = {&c, 1};
    int fd = open(path, mode);

    printf("%s mode %d: open %d", path, mode, fd >= 0);
    if (fd < 0) {
        printf(" %s\n", strerror(errno));
        return;
    }
    errno = 0;
    long r = write(fd, &c, 1);
    printf(", write %ld %s", r, strerror(errno));
    errno = 0;
    r = write(fd, &c, 0);
    printf(", write0 %ld %s", r, strerror(errno));
    errno = 0;
    r = pwrite(fd, &c, 1, 0);
    printf(", pwrite %ld %s", r, strerror(errno));
    errno = 0;
    r = writev(fd, &iov, 1);
    printf(", writev %ld %s", r, strerror(errno));
    errno = 0;
    r = pwritev(fd, &iov, 1, 0);
    printf(", pwritev %ld %s", r, strerror(errno));
    int out = open("/dev/null", O_WRONLY);
    errno = 0;
    r = sendfile(out, fd, NULL, 1);
    printf(", sendfile %ld %s\n", r, strerror(errno));
    close(out);
    close(fd);
}

/* A copy of the descriptor is the same open file (fs/file.c): its
 * status and link are the entry's. */
static void copies(void)
{
    int fd = open("/proc/self/maps", O_RDONLY);
    int copy[3] = {dup(fd), dup2(fd, 40), fcntl(fd, F_DUPFD_CLOEXEC, 50)};

    for (int i = 0; i < 3; i++) {
        char link[64], target[256];
        struct stat st;
        snprintf(link, sizeof(link), "/proc/self/fd/%d", copy[i]);
        ssize_t t = readlink(link, target, sizeof(target) - 1);
        target[t > 0 ? t : 0] = 0;
        int r = fstat(copy[i], &st);
        printf("copy %d: fstat %d size %lld mode %o, link ends right %d\n", i, r,
               (long long)st.st_size, (unsigned)(st.st_mode & 07777),
               t > 0 && !strcmp(strrchr(target, '/'), "/maps"));
        close(copy[i]);
    }
    close(fd);
}

int main(void)
{
    via_path("/proc/self/environ");
    via_path("/proc/self/cmdline");
    via_path("/proc/self/auxv");
    via_path("/proc/self/maps");
    via_path("/proc/self/status");
    exe_nofollow();
    leading_zero();
    copies();
    writes("/proc/self/maps", O_WRONLY);
    writes("/proc/self/maps", O_RDWR);
    writes("/proc/self/environ", O_RDWR);
    return 0;
}
