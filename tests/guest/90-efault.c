/*
 * System calls whose buffers are bad: unmapped, read-only, in a MAP_SHARED
 * page past end-of-file, or running off the top of the address space.
 * Linux answers -EFAULT (never a signal), or copies what fits and returns
 * the short count (read, readv, getdents64, getrandom, recvmsg ...), or
 * copies what fits and still says -EFAULT (getcwd, readlink).  Every call
 * is made raw (syscall()), so the libc adds nothing; each line prints the
 * result and errno, and for the partial copies what reached the buffer.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#define PAGE 4096

static void show(const char *what, long r)
{
    printf("%-34s -> %ld errno %d\n", what, r, r < 0 ? errno : 0);
    errno = 0;
}

/* Pages 0 and 1 read-write, page 2 unmapped, page 3 mapped again so
 * that no later mapping fills the hole. */
static char *rw_then_hole(void)
{
    char *p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        exit(2);
    munmap(p + 2 * PAGE, PAGE);
    return p;
}

static char *shared_past_eof(void)
{
    int fd = open("shared.data", O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || write(fd, "hello", 5) != 5)
        exit(3);
    char *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED)
        exit(4);
    close(fd);
    return p + PAGE; /* page 1 lies wholly past the file's 5 bytes */
}

static char *read_only(void)
{
    char *p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        exit(5);
    return p;
}

/* Every call that writes a structure to the guest, at one bad address. */
static void out_structs(const char *where, char *bad)
{
    char name[64];
#define TRY(call, ...)                                                   \
    do {                                                                  \
        snprintf(name, sizeof(name), "%s %s", call, where);               \
        show(name, syscall(__VA_ARGS__));                                 \
    } while (0)
    TRY("stat64", SYS_stat64, ".", bad);
    TRY("lstat64", SYS_lstat64, ".", bad);
    TRY("fstat64", SYS_fstat64, 0, bad);
    TRY("fstatat64", SYS_fstatat64, AT_FDCWD, ".", bad, 0);
    TRY("statfs64", SYS_statfs64, ".", 84, bad);
    TRY("fstatfs64", SYS_fstatfs64, 0, 84, bad);
    TRY("gettimeofday", SYS_gettimeofday, bad, NULL);
    TRY("clock_gettime", SYS_clock_gettime, CLOCK_REALTIME, bad);
    TRY("clock_getres", SYS_clock_getres, CLOCK_REALTIME, bad);
    TRY("times", SYS_times, bad);
    TRY("sysinfo", SYS_sysinfo, bad);
    TRY("getrusage", SYS_getrusage, RUSAGE_SELF, bad);
    TRY("sigaltstack", SYS_sigaltstack, NULL, bad);
    TRY("getitimer", SYS_getitimer, ITIMER_REAL, bad);
    TRY("ugetrlimit", SYS_ugetrlimit, RLIMIT_NOFILE, bad);
    TRY("prlimit64", SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, bad);
    TRY("time", SYS_time, bad);
    TRY("uname", SYS_uname, bad);
    TRY("pipe", SYS_pipe, bad);
    TRY("rt_sigprocmask", SYS_rt_sigprocmask, SIG_BLOCK, NULL, bad, 8);
    TRY("rt_sigaction", SYS_rt_sigaction, SIGUSR1, NULL, bad, 8);
    TRY("rt_sigpending", SYS_rt_sigpending, bad, 8);
    TRY("getresuid32", SYS_getresuid32, bad, bad, bad);
    TRY("sched_getaffinity", SYS_sched_getaffinity, 0, 128, bad);
    TRY("socketpair", SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, bad);
    TRY("_llseek", SYS__llseek, 0, 0, 0, bad, SEEK_CUR);
#undef TRY
}

/* Calls that read a guest structure or string at a bad address. */
static void in_structs(const char *where, char *bad)
{
    char name[64];
#define TRY(call, ...)                                                   \
    do {                                                                  \
        snprintf(name, sizeof(name), "%s %s", call, where);               \
        show(name, syscall(__VA_ARGS__));                                 \
    } while (0)
    TRY("open path", SYS_open, bad, O_RDONLY);
    TRY("stat64 path", SYS_stat64, bad, bad);
    TRY("nanosleep req", SYS_nanosleep, bad, NULL);
    TRY("setrlimit", SYS_setrlimit, RLIMIT_CORE, bad);
    TRY("rt_sigprocmask set", SYS_rt_sigprocmask, SIG_BLOCK, bad, NULL, 8);
    TRY("write", SYS_write, 1, bad, 16);
    TRY("writev iov", SYS_writev, 1, bad, 1);
#undef TRY
}

/* Reads that run off the end of a mapping: natively a short count. */
static void partial(char *p)
{
    char *tail = p + 2 * PAGE - 100; /* 100 bytes before the hole */
    int fd = open("data.bin", O_RDWR | O_CREAT | O_TRUNC, 0600);
    static char big[3 * PAGE];

    for (size_t i = 0; i < sizeof(big); i++)
        big[i] = (char)('a' + i % 26);
    if (fd < 0 || write(fd, big, sizeof(big)) != (ssize_t)sizeof(big))
        exit(6);
    lseek(fd, 0, SEEK_SET);
    long r = syscall(SYS_read, fd, tail, 1000);
    show("read straddling the hole", r);
    printf("  bytes match: %d\n", r > 0 && memcmp(tail, big, (size_t)r) == 0);
    show("read starting in the hole", syscall(SYS_read, fd, p + 2 * PAGE, 10));
    show("pread64 straddling", syscall(SYS_pread64, fd, tail, 1000, 0, 0));

    struct iovec iov[2] = { { p, 50 }, { tail, 1000 } };
    lseek(fd, 0, SEEK_SET);
    show("readv second iov straddling", syscall(SYS_readv, fd, iov, 2));
    show("write straddling", syscall(SYS_write, fd, tail, 1000));
    close(fd);

    int sv[2];
    if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) < 0)
        exit(7);
    send(sv[0], big, 500, 0);
    struct iovec riov = { tail, 500 };
    struct msghdr m = { .msg_iov = &riov, .msg_iovlen = 1 };
    r = syscall(SYS_recvmsg, sv[1], &m, 0);
    show("recvmsg straddling (datagram)", r);
    printf("  msg_flags %#x\n", m.msg_flags);
    close(sv[0]);
    close(sv[1]);

    show("getrandom straddling", syscall(SYS_getrandom, tail, 1000, 0));

    int dfd = open(".", O_RDONLY | O_DIRECTORY);
    show("getdents64 in the hole", syscall(SYS_getdents64, dfd, p + 2 * PAGE, 4096));
    close(dfd);

    char cwd[PATH_MAX];
    long n = syscall(SYS_getcwd, cwd, sizeof(cwd));
    memset(p + 2 * PAGE - 4, 0, 4);
    show("getcwd straddling", syscall(SYS_getcwd, p + 2 * PAGE - 4, 4096));
    printf("  first 4 bytes copied: %d\n", n > 4 && memcmp(p + 2 * PAGE - 4, cwd, 4) == 0);

    if (symlink("abcdefghijklmnop", "link") < 0)
        exit(8);
    memset(p + 2 * PAGE - 4, 0, 4);
    show("readlink straddling", syscall(SYS_readlink, "link", p + 2 * PAGE - 4, 16));
    printf("  copied: %.4s\n", p + 2 * PAGE - 4);
    show("readlink size 0, bad path", syscall(SYS_readlink, p + 2 * PAGE, cwd, 0));
}

/* Buffers at the top of the 32-bit address space (TASK_SIZE 0xffffe000). */
static void top(void)
{
    int fd = open("/dev/zero", O_RDONLY);

    show("read at 0xfffff000", syscall(SYS_read, fd, (void *)0xfffff000u, 16));
    show("read wrapping past 4G", syscall(SYS_read, fd, (void *)0xfffffff0u, 0x20));
    show("fstat64 at 0xffffffc0", syscall(SYS_fstat64, fd, (void *)0xffffffc0u));
    show("write from 0xffffe000", syscall(SYS_write, 1, (void *)0xffffe000u, 1));
    close(fd);
}

int main(void)
{
    char *ro = read_only();
    char *eof = shared_past_eof();
    char *p = rw_then_hole();

    setvbuf(stdout, NULL, _IONBF, 0);
    out_structs("unmapped", p + 2 * PAGE);
    out_structs("read-only", ro);
    out_structs("past EOF", eof);
    in_structs("unmapped", p + 2 * PAGE);
    in_structs("past EOF", eof);
    partial(p);
    top();
    return 0;
}
