/*
 * The system calls added in the table audit (docs/syscalls.md), each made
 * raw with ordinary and edge arguments: old-style path calls (creat,
 * mknod, utime, utimes, statfs), the *at variants, extended attributes,
 * truncate/ftruncate with their 32-bit off_t, vectored and advisory I/O,
 * memory locking and residency, the 16-bit id calls, priorities and the
 * scheduler.  Only what is the same on every run is printed.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#define PAGE 4096

static void show(const char *what, long r)
{
    printf("%-40s -> %ld", what, r == -1 ? -1L : r);
    if (r == -1)
        printf(" errno %d", errno);
    putchar('\n');
    errno = 0;
}

#define S(what, ...) show(what, syscall(__VA_ARGS__))

static long file_size(const char *p)
{
    struct stat st;
    return stat(p, &st) < 0 ? -1 : (long)st.st_size;
}

static void paths(void)
{
    struct stat st;

    S("creat", SYS_creat, "c.txt", 0640);
    stat("c.txt", &st);
    printf("  mode %o\n", st.st_mode & 07777);
    S("creat in a missing dir", SYS_creat, "nodir/c.txt", 0640);
    S("mknod fifo", SYS_mknod, "fifo", S_IFIFO | 0600, 0);
    stat("fifo", &st);
    printf("  is fifo %d\n", S_ISFIFO(st.st_mode));
    S("mknodat fifo", SYS_mknodat, AT_FDCWD, "fifo2", S_IFIFO | 0600, 0);
    S("mknodat exists", SYS_mknodat, AT_FDCWD, "fifo2", S_IFIFO | 0600, 0);
    S("linkat", SYS_linkat, AT_FDCWD, "c.txt", AT_FDCWD, "c2.txt", 0);
    stat("c.txt", &st);
    printf("  links %d\n", (int)st.st_nlink);
    S("symlinkat", SYS_symlinkat, "c.txt", AT_FDCWD, "sl");
    S("fchmodat", SYS_fchmodat, AT_FDCWD, "c.txt", 0600);
    stat("c.txt", &st);
    printf("  mode %o\n", st.st_mode & 07777);

    int32_t ub[2] = { 1000000000, 1200000000 };
    S("utime", SYS_utime, "c.txt", ub);
    stat("c.txt", &st);
    printf("  atime %ld mtime %ld\n", (long)st.st_atime, (long)st.st_mtime);
    int32_t tv[4] = { 1300000000, 5, 1400000000, 999999 };
    S("utimes", SYS_utimes, "c.txt", tv);
    stat("c.txt", &st);
    printf("  atime %ld mtime %ld mtime ns %ld\n", (long)st.st_atime, (long)st.st_mtime,
           st.st_mtim.tv_nsec);
    int32_t badtv[4] = { 0, 1000000, 0, 0 };
    S("utimes usec out of range", SYS_utimes, "c.txt", badtv);
    S("futimesat", SYS_futimesat, AT_FDCWD, "c.txt", tv);
    S("utime NULL (now)", SYS_utime, "c.txt", NULL);

    uint32_t sf[16], sf64[21];
    S("statfs", SYS_statfs, ".", sf);
    S("statfs64", SYS_statfs64, ".", 84, sf64);
    printf("  same f_type %d same bsize %d\n", sf[0] == sf64[0], sf[1] == sf64[1]);
    int fd = open(".", O_RDONLY);
    S("fstatfs", SYS_fstatfs, fd, sf);
    close(fd);
    S("statfs missing", SYS_statfs, "missing", sf);
    S("sync", SYS_sync);
    fd = open("c.txt", O_RDWR);
    S("syncfs", SYS_syncfs, fd);
    close(fd);
}

static void xattrs(void)
{
    char buf[64];

    long r = syscall(SYS_setxattr, "c.txt", "user.test", "value", 5, 0);
    show("setxattr", r);
    if (r < 0)
        return; /* no user xattrs on this file system: the same natively */
    S("getxattr size", SYS_getxattr, "c.txt", "user.test", NULL, 0);
    memset(buf, 0, sizeof(buf));
    S("getxattr", SYS_getxattr, "c.txt", "user.test", buf, sizeof(buf));
    printf("  value %s\n", buf);
    S("getxattr too small", SYS_getxattr, "c.txt", "user.test", buf, 2);
    S("lgetxattr", SYS_lgetxattr, "c.txt", "user.test", buf, sizeof(buf));
    int fd = open("c.txt", O_RDONLY);
    S("fgetxattr", SYS_fgetxattr, fd, "user.test", buf, sizeof(buf));
    S("fsetxattr create, exists", SYS_fsetxattr, fd, "user.test", "x", 1, 1 /* XATTR_CREATE */);
    close(fd);
    memset(buf, 0, sizeof(buf));
    S("listxattr", SYS_listxattr, "c.txt", buf, sizeof(buf));
    printf("  list %s\n", buf);
    S("removexattr", SYS_removexattr, "c.txt", "user.test");
    S("removexattr again", SYS_removexattr, "c.txt", "user.test");
}

static void truncates(void)
{
    int fd = open("t.bin", O_RDWR | O_CREAT | O_TRUNC, 0600);

    S("ftruncate 100", SYS_ftruncate, fd, 100);
    printf("  size %ld\n", file_size("t.bin"));
    S("ftruncate -1", SYS_ftruncate, fd, -1);
    S("truncate 50", SYS_truncate, "t.bin", 50);
    printf("  size %ld\n", file_size("t.bin"));
    S("truncate -1", SYS_truncate, "t.bin", -1);
    S("truncate -1, missing file", SYS_truncate, "missing", -1);
    S("truncate missing", SYS_truncate, "missing", 1);
    S("truncate a directory", SYS_truncate, ".", 1);
    close(fd);
}

static void io(void)
{
    int fd = open("io.bin", O_RDWR | O_CREAT | O_TRUNC, 0600);
    char a[8] = "AAAAAAA", b[8] = "BBBBBBB", x[8], y[8];
    struct iovec w[2] = { { a, 7 }, { b, 7 } }, r[2] = { { x, 7 }, { y, 7 } };

    S("pwritev at 10", SYS_pwritev, fd, w, 2, 10, 0);
    S("preadv at 10", SYS_preadv, fd, r, 2, 10, 0);
    printf("  %.7s %.7s\n", x, y);
    S("preadv negative offset", SYS_preadv, fd, r, 2, -5, -1);
    S("preadv2 at -1 (current)", SYS_preadv2, fd, r, 2, -1, -1, 0);
    S("pwritev2 bad flags", SYS_pwritev2, fd, w, 2, 0, 0, 0x1000);
    S("fallocate 8192", SYS_fallocate, fd, 0, 0, 0, 8192, 0);
    printf("  size %ld\n", file_size("io.bin"));
    S("fallocate bad mode", SYS_fallocate, fd, 0x1000, 0, 0, 10, 0);
    S("fadvise64", SYS_fadvise64, fd, 0, 0, 100, POSIX_FADV_SEQUENTIAL);
    S("fadvise64_64 bad advice", SYS_fadvise64_64, fd, 0, 0, 100, 0, 99);
    S("readahead", SYS_readahead, fd, 0, 0, 4096);
    S("sync_file_range", SYS_sync_file_range, fd, 0, 0, 0, 0, 0);
    S("flock LOCK_EX", SYS_flock, fd, LOCK_EX);
    S("flock bad op", SYS_flock, fd, 99);
    int out = open("copy.bin", O_RDWR | O_CREAT | O_TRUNC, 0600);
    int64_t off = 10;
    S("copy_file_range", SYS_copy_file_range, fd, &off, out, NULL, 7, 0);
    printf("  off now %lld, copy size %ld\n", (long long)off, file_size("copy.bin"));
    S("copy_file_range bad flags", SYS_copy_file_range, fd, NULL, out, NULL, 7, 1);
    S("memfd_create", SYS_memfd_create, "m", 0) ;
    S("memfd_create bad flags", SYS_memfd_create, "m", 0x1000);
    int hi = dup2(fd, 60);
    S("close_range 60..70", SYS_close_range, 60, 70, 0);
    printf("  fd 60 closed: %d\n", fcntl(hi, F_GETFD) < 0);
    S("close_range last < first", SYS_close_range, 10, 5, 0);
    close(fd);
    close(out);
}

static void memory(void)
{
    char *m = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    unsigned char vec[4];

    munmap(m + 2 * PAGE, PAGE);
    m[0] = 1;
    S("mlock", SYS_mlock, m + 10, 100);
    S("munlock", SYS_munlock, m + 10, 100);
    S("mlock over a hole", SYS_mlock, m, 3 * PAGE);
    S("mlock2 bad flags", SYS_mlock2, m, PAGE, 4);
    S("msync", SYS_msync, m, PAGE, MS_SYNC);
    S("msync misaligned", SYS_msync, m + 1, PAGE, MS_SYNC);
    S("msync ASYNC|SYNC", SYS_msync, m, PAGE, MS_SYNC | MS_ASYNC);
    S("msync over a hole", SYS_msync, m, 3 * PAGE, MS_SYNC);
    S("msync len 0", SYS_msync, m, 0, MS_SYNC);
    S("mincore", SYS_mincore, m, 2 * PAGE, vec);
    printf("  first page resident %d\n", vec[0] & 1);
    S("mincore over a hole", SYS_mincore, m, 3 * PAGE, vec);
    S("mincore misaligned", SYS_mincore, m + 1, PAGE, vec);
}

static void ids(void)
{
    uint16_t r = 7, e = 7, s = 7;
    uint32_t r32, e32, s32;

    S("getresuid (16-bit)", SYS_getresuid, &r, &e, &s);
    syscall(SYS_getresuid32, &r32, &e32, &s32);
    printf("  16-bit agrees %d\n", r == (r32 > 0xffff ? 65534 : r32) && e == (e32 > 0xffff ? 65534 : e32));

    printf("  counts agree %d\n", syscall(SYS_getgroups, 0, NULL) == syscall(SYS_getgroups32, 0, NULL));
    S("getgroups negative", SYS_getgroups, -1, NULL);
    S("setuid(-1 as 0xffff) unchanged", SYS_setreuid, 0xffff, 0xffff);
    S("setfsuid32 query", SYS_setfsuid32, -1);
    S("getpriority", SYS_getpriority, PRIO_PROCESS, 0);
    S("nice(0)", SYS_nice, 0);
    S("getpriority bad which", SYS_getpriority, 99, 0);
    S("sched_get_priority_max FIFO", SYS_sched_get_priority_max, SCHED_FIFO);
    S("sched_get_priority_min RR", SYS_sched_get_priority_min, SCHED_RR);
    S("sched_get_priority_max bad", SYS_sched_get_priority_max, 99);
    S("sched_getscheduler", SYS_sched_getscheduler, 0);
    int prio = 9;
    S("sched_getparam", SYS_sched_getparam, 0, &prio);
    printf("  priority %d\n", prio);
    S("sched_getparam bad pid", SYS_sched_getparam, -1, &prio);
    unsigned char mask[128];
    long n = syscall(SYS_sched_getaffinity, 0, sizeof(mask), mask);
    S("sched_setaffinity same mask", SYS_sched_setaffinity, 0, n > 0 ? n : 0, mask);
    unsigned cpu = 12345;
    S("getcpu", SYS_getcpu, &cpu, NULL, NULL);
    printf("  cpu set %d\n", cpu != 12345);
    S("personality query", SYS_personality, 0xffffffff);
    int32_t rr[2];
    S("sched_rr_get_interval", SYS_sched_rr_get_interval, 0, rr);
    S("sched_rr_get_interval bad pid", SYS_sched_rr_get_interval, -1, rr);
    uint32_t hdr[2] = { 0x20080522, 0 }, data[6];
    S("capget", SYS_capget, hdr, data);
    uint32_t eff[6];
    memcpy(eff, data, sizeof(eff));
    S("capset to the same", SYS_capset, hdr, eff);
    hdr[0] = 1;
    S("capget bad version", SYS_capget, hdr, data);
    printf("  version written back %#x\n", hdr[0]);
    S("ioprio_get", SYS_ioprio_get, 1 /* IOPRIO_WHO_PROCESS */, 0);
    S("ioprio_get bad which", SYS_ioprio_get, 99, 0);
}

static void misc(void)
{
    int in = syscall(SYS_inotify_init1, O_CLOEXEC);
    show("inotify_init1", in >= 0 ? 0 : -1);
    long wd = syscall(SYS_inotify_add_watch, in, ".", 0x100 /* IN_CREATE */);
    show("inotify_add_watch", wd);
    close(open("new-file", O_CREAT | O_WRONLY, 0600));
    struct { int32_t wd; uint32_t mask, cookie, len; char name[64]; } ev;
    long n = read(in, &ev, sizeof(ev));
    printf("  event: %d mask %#x name %s\n", n > 0, ev.mask, ev.name);
    S("inotify_rm_watch", SYS_inotify_rm_watch, in, wd);
    S("inotify_rm_watch again", SYS_inotify_rm_watch, in, wd);
    close(in);

    /* The old select: one pointer to its five arguments. */
    int p[2];
    pipe(p);
    write(p[1], "x", 1);
    fd_set r;
    FD_ZERO(&r);
    FD_SET(p[0], &r);
    int32_t tv[2] = { 0, 0 };
    uint32_t args[5] = { (uint32_t)p[0] + 1, (uint32_t)(uintptr_t)&r, 0, 0, (uint32_t)(uintptr_t)tv };
    S("select (old, one pointer)", SYS_select, args);
    printf("  readable %d\n", FD_ISSET(p[0], &r));
    S("select (old), bad pointer", SYS_select, (void *)16);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    paths();
    xattrs();
    truncates();
    io();
    memory();
    ids();
    misc();
    return 0;
}
