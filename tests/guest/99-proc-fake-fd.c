/*
 * A descriptor of one of this process's /proc files is that file: its
 * fd/N link names it ("/proc/PID/maps", thread-self resolved to
 * "/proc/PID/task/TID/..."; fs/proc/fd.c proc_fd_link, d_path), fstat,
 * statx, fstatfs and a stat through the link show the proc entry (size
 * 0, mode 0444 or 0400, proc's device and file system), and opening the
 * link opens the entry anew.  The entry cannot be mapped (ENODEV, after
 * the access checks: EACCES for a shared writable map), and lseek is its
 * own: a seq_file's takes no SEEK_END, SEEK_DATA or SEEK_HOLE (EINVAL),
 * auxv's, cmdline's and environ's seek from a size of 0 (ENXIO for data
 * and holes).  sendfile and splice from it are EINVAL: proc's files have
 * no splice_read (fs/splice.c).  Its fdinfo shows its position and open
 * flags and the entry's mount and inode.  Under stitch these files are
 * private copies of the guest's view; they must not show as such.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
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

/* fdinfo/N: pos and flags as they are, mnt_id and ino the entry's. */
static void fdinfo(const char *label, int fd, const char *path)
{
    char name[64], text[512];
    struct statx sx;
    unsigned long long mnt = 0, ino = 0;

    lseek(fd, 3, SEEK_SET);
    snprintf(name, sizeof(name), "/proc/self/fdinfo/%d", fd);
    long n = slurp(open(name, O_RDONLY), text, sizeof(text) - 1);
    text[n > 0 ? n : 0] = '\0';
    if (statx(AT_FDCWD, path, 0, STATX_INO | STATX_MNT_ID, &sx) != 0)
        return;
    printf("%-26s fdinfo", label);
    for (char *l = strtok(text, "\n"); l; l = strtok(NULL, "\n")) {
        if (sscanf(l, "mnt_id: %llu", &mnt) == 1 || sscanf(l, "ino: %llu", &ino) == 1)
            continue;
        printf(" [%s]", l);
    }
    printf(" mnt_id the entry's %d, ino the entry's %d\n", mnt == sx.stx_mnt_id, ino == sx.stx_ino);
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
    errno = 0;
    void *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
    printf("%-26s mmap %s", label, p == MAP_FAILED ? strerror(errno) : "ok");
    errno = 0;
    p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    printf(", shared writable %s", p == MAP_FAILED ? strerror(errno) : "ok");
    static const struct { const char *name; int whence; off_t off; } seeks[] = {
        { "SEEK_END 0", SEEK_END, 0 }, { "SEEK_END 3", SEEK_END, 3 },
        { "SEEK_END -1", SEEK_END, -1 }, { "SEEK_DATA 0", SEEK_DATA, 0 },
        { "SEEK_HOLE 0", SEEK_HOLE, 0 }, { "SEEK_SET 7", SEEK_SET, 7 }, { "SEEK_CUR 1", SEEK_CUR, 1 },
    };
    for (size_t i = 0; i < sizeof(seeks) / sizeof(seeks[0]); i++) {
        errno = 0;
        off_t r = lseek(fd, seeks[i].off, seeks[i].whence);
        printf(", %s ", seeks[i].name);
        if (r < 0)
            printf("%s", strerror(errno));
        else
            printf("%lld", (long long)r);
    }
    int sink = open("/dev/null", O_WRONLY), pipefd[2];
    errno = 0;
    long s = sendfile(sink, fd, NULL, 16);
    printf(", sendfile %s", s < 0 ? strerror(errno) : "ok");
    if (pipe(pipefd) == 0) {
        errno = 0;
        s = splice(fd, NULL, pipefd[1], NULL, 16, 0);
        printf(", splice %s", s < 0 ? strerror(errno) : "ok");
        close(pipefd[0]);
        close(pipefd[1]);
    }
    close(sink);
    printf("\n");
    fdinfo(label, fd, path);
    /* Read both at once, the entry anew through the link and by its
     * name: the same text (maps: no mapping changes in between; stat
     * and status, whose counters move, are not compared). */
    if (strstr(path, "stat")) {
        close(fd);
        return;
    }
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
    check("/proc/self/stat", "/proc/self/stat", "/proc/%d/stat", 0);
    check("/proc/self/status", "/proc/self/status", "/proc/%d/status", 0);
    check("/proc/self/./maps", "/proc/self/./maps", "/proc/%d/maps", 0);
    check("/proc/thread-self/maps", "/proc/thread-self/maps", "/proc/%d/task/%d/maps", tid);
    return 0;
}
