/*
 * The system calls Linux added after 6.1 that stitch implements, with good
 * and bad arguments: fchmodat2, cachestat, the futex2 calls (futex_wake,
 * futex_wait, futex_requeue, with a second thread), statmount and
 * listmount, the LSM attribute calls, the *xattrat calls (struct
 * xattr_args and its 64-bit value pointer) and file_getattr /
 * file_setattr: results, errno names (EFAULT for bad pointers, EINVAL for
 * bad flags and sizes, EBADF, ...), and the order of the kernel's checks
 * (bad flags before a bad name).  Debian 12's C library has no wrappers:
 * the numbers are the kernel's, the same on i386 and ARM.  A host kernel
 * without a call answers ENOSYS natively and under stitch alike.  Only
 * values that do not depend on the machine are printed.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define NR_cachestat 451
#define NR_fchmodat2 452
#define NR_futex_wake 454
#define NR_futex_wait 455
#define NR_futex_requeue 456
#define NR_statmount 457
#define NR_listmount 458
#define NR_lsm_get_self_attr 459
#define NR_lsm_set_self_attr 460
#define NR_lsm_list_modules 461
#define NR_setxattrat 463
#define NR_getxattrat 464
#define NR_listxattrat 465
#define NR_removexattrat 466
#define NR_file_getattr 468
#define NR_file_setattr 469

#define U32 0x02   /* FUTEX2_SIZE_U32 */
#define PRIV 128   /* FUTEX2_PRIVATE */
#define BAD ((void *)8) /* page 0: never mapped */
#define ABOVE_4G (1ull << 32)

struct waitv {
    uint64_t val, uaddr;
    uint32_t flags, reserved;
};

struct mnt_id_req {
    uint32_t size, spare;
    uint64_t mnt_id, param, mnt_ns_id;
};

struct xattr_args {
    uint64_t value;
    uint32_t size, flags;
};

static void show(const char *what, long r)
{
    if (r < 0)
        printf("%-34s %s\n", what, strerrorname_np(errno));
    else
        printf("%-34s %ld\n", what, r);
}

/* for results whose value is the machine's (counts, ids) */
static void show_ok(const char *what, long r, int sane)
{
    if (r < 0)
        printf("%-34s %s\n", what, strerrorname_np(errno));
    else
        printf("%-34s %s\n", what, sane ? "ok" : "NOT SANE");
}

static void test_fchmodat2(void)
{
    struct stat st;
    int fd = open("f", O_RDONLY);

    show("fchmodat2", syscall(NR_fchmodat2, AT_FDCWD, "f", 0600, 0));
    stat("f", &st);
    printf("%-34s %o\n", "  mode", st.st_mode & 0777);
    show("fchmodat2 NOFOLLOW file", syscall(NR_fchmodat2, AT_FDCWD, "f", 0640, AT_SYMLINK_NOFOLLOW));
    show("fchmodat2 NOFOLLOW symlink", syscall(NR_fchmodat2, AT_FDCWD, "l", 0600, AT_SYMLINK_NOFOLLOW));
    show("fchmodat2 EMPTY_PATH fd", syscall(NR_fchmodat2, fd, "", 0604, AT_EMPTY_PATH));
    stat("f", &st);
    printf("%-34s %o\n", "  mode", st.st_mode & 0777);
    show("fchmodat2 empty, no flag", syscall(NR_fchmodat2, fd, "", 0600, 0));
    show("fchmodat2 bad flags", syscall(NR_fchmodat2, AT_FDCWD, "f", 0600, 0x1));
    show("fchmodat2 bad flags, bad name", syscall(NR_fchmodat2, AT_FDCWD, BAD, 0600, 0x1));
    show("fchmodat2 bad name", syscall(NR_fchmodat2, AT_FDCWD, BAD, 0600, 0));
    show("fchmodat2 bad dirfd", syscall(NR_fchmodat2, 999, "f", 0600, 0));
    show("fchmodat2 missing", syscall(NR_fchmodat2, AT_FDCWD, "nope", 0600, 0));
    close(fd);
}

static void test_cachestat(void)
{
    uint64_t range[2] = { 0, 0 }, cs[5];
    int fd = open("f", O_RDONLY);

    long r = syscall(NR_cachestat, fd, range, cs, 0);
    show_ok("cachestat", r, r == 0 && cs[0] <= 2);
    show("cachestat bad fd", syscall(NR_cachestat, 999, range, cs, 0));
    show("cachestat bad flags", syscall(NR_cachestat, fd, range, cs, 1));
    show("cachestat bad range", syscall(NR_cachestat, fd, BAD, cs, 0));
    show("cachestat bad result", syscall(NR_cachestat, fd, range, BAD, 0));
    close(fd);
}

static uint32_t fw[2];

static void *waiter(void *p)
{
    int64_t t[2];
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    t[0] = now.tv_sec + 10, t[1] = now.tv_nsec;
    long r = syscall(NR_futex_wait, &fw[0], 0, ~0u, U32 | PRIV, t, CLOCK_MONOTONIC);
    *(long *)p = r < 0 ? -errno : r;
    return NULL;
}

/* wake (or requeue) until the waiter thread was there to be woken */
static long until_one(long (*op)(void))
{
    long r = 0;
    for (int i = 0; i < 1000 && r == 0; i++) {
        r = op();
        if (r == 0)
            usleep(10000);
    }
    return r;
}

static long wake0(void)
{
    return syscall(NR_futex_wake, &fw[0], ~0u, 1, U32 | PRIV);
}

static long requeue01(void)
{
    struct waitv w[2] = { { 0, (uintptr_t)&fw[0], U32 | PRIV, 0 },
                          { 0, (uintptr_t)&fw[1], U32 | PRIV, 0 } };
    return syscall(NR_futex_requeue, w, 0, 0, 1);
}

static long wake1(void)
{
    return syscall(NR_futex_wake, &fw[1], ~0u, 1, U32 | PRIV);
}

static void test_futex(void)
{
    uint32_t word = 0;
    int64_t t[2];
    struct timespec now;
    struct waitv w[2] = { { 0, (uintptr_t)&fw[0], U32 | PRIV, 0 },
                          { 0, (uintptr_t)&fw[1], U32 | PRIV, 0 } };
    pthread_t th;
    long res;

    show("futex_wake none waiting", syscall(NR_futex_wake, &word, ~0u, 1, U32 | PRIV));
    show("futex_wake bad flags", syscall(NR_futex_wake, &word, ~0u, 1, 0x8000));
    show("futex_wake 64-bit size", syscall(NR_futex_wake, &word, ~0u, 1, 0x03 | PRIV));
    show("futex_wake mask 0", syscall(NR_futex_wake, &word, 0, 1, U32 | PRIV));
    show("futex_wake misaligned", syscall(NR_futex_wake, (char *)&word + 1, ~0u, 1, U32 | PRIV));
    show("futex_wake shared, unmapped", syscall(NR_futex_wake, BAD, ~0u, 1, U32));
    show("futex_wait value differs", syscall(NR_futex_wait, &word, 1, ~0u, U32 | PRIV, NULL, 0));
    clock_gettime(CLOCK_MONOTONIC, &now);
    t[0] = now.tv_sec, t[1] = now.tv_nsec + 20000000;
    if (t[1] >= 1000000000)
        t[0]++, t[1] -= 1000000000;
    show("futex_wait timeout", syscall(NR_futex_wait, &word, 0, ~0u, U32 | PRIV, t, CLOCK_MONOTONIC));
    show("futex_wait bad timeout", syscall(NR_futex_wait, &word, 0, ~0u, U32 | PRIV, BAD, CLOCK_MONOTONIC));
    show("futex_wait bad clock", syscall(NR_futex_wait, &word, 0, ~0u, U32 | PRIV, BAD, 99));
    show("futex_wait bad flags, timeout", syscall(NR_futex_wait, &word, 0, ~0u, 0x8000, BAD, CLOCK_MONOTONIC));
    show("futex_wait unmapped", syscall(NR_futex_wait, BAD, 0, ~0u, U32 | PRIV, NULL, 0));
    show("futex_wait value too wide", syscall(NR_futex_wait, &word, 0, 0, U32 | PRIV, NULL, 0));

    pthread_create(&th, NULL, waiter, &res);
    show("futex_wake the waiter", until_one(wake0));
    pthread_join(th, NULL);
    printf("%-34s %ld\n", "  waiter's result", res);
    pthread_create(&th, NULL, waiter, &res);
    show("futex_requeue the waiter", until_one(requeue01));
    show("futex_wake it on the second", wake1());
    pthread_join(th, NULL);
    printf("%-34s %ld\n", "  waiter's result", res);

    show("futex_requeue none waiting", syscall(NR_futex_requeue, w, 0, 1, 1));
    fw[0] = 5;
    show("futex_requeue value differs", syscall(NR_futex_requeue, w, 0, 1, 1));
    fw[0] = 0;
    show("futex_requeue bad flags", syscall(NR_futex_requeue, w, 1, 1, 1));
    show("futex_requeue NULL", syscall(NR_futex_requeue, NULL, 0, 1, 1));
    show("futex_requeue unreadable", syscall(NR_futex_requeue, BAD, 0, 1, 1));
    w[0].reserved = 1;
    show("futex_requeue reserved", syscall(NR_futex_requeue, w, 0, 1, 1));
    w[0].reserved = 0;
    w[0].uaddr = ABOVE_4G;
    show("futex_requeue first above 4G", syscall(NR_futex_requeue, w, 0, 1, 1));
    w[0].uaddr = ABOVE_4G + 2;
    show("futex_requeue misaligned above", syscall(NR_futex_requeue, w, 0, 1, 1));
    w[0].uaddr = (uintptr_t)BAD;
    show("futex_requeue first unmapped", syscall(NR_futex_requeue, w, 0, 1, 1));
}

static void test_mounts(void)
{
    struct mnt_id_req req = { 24, 0, ~0ull, 0, 0 };
    uint64_t ids[256];
    static uint64_t sm[1024]; /* struct statmount and its strings */

    long n = syscall(NR_listmount, &req, ids, 256, 0);
    show_ok("listmount", n, n > 0);
    show("listmount bad flags", syscall(NR_listmount, &req, ids, 256, 0x100));
    show("listmount bad req", syscall(NR_listmount, BAD, ids, 256, 0));
    show("listmount bad ids", syscall(NR_listmount, &req, BAD, 256, 0));
    req.size = 8;
    show("listmount small req", syscall(NR_listmount, &req, ids, 256, 0));
    req.size = 24;
    if (n <= 0)
        return;
    req.mnt_id = ids[0];
    req.param = 0x2; /* STATMOUNT_MNT_BASIC */
    long r = syscall(NR_statmount, &req, sm, sizeof(sm), 0);
    show_ok("statmount", r, r == 0 && (sm[1] & 0x2) && (uint32_t)sm[0] <= sizeof(sm) &&
                                sm[5] == ids[0]);
    show("statmount bad req", syscall(NR_statmount, BAD, sm, sizeof(sm), 0));
    show("statmount bad buf", syscall(NR_statmount, &req, BAD, sizeof(sm), 0));
    show("statmount bad flags", syscall(NR_statmount, &req, sm, sizeof(sm), 0x100));
    req.mnt_id = 1;
    show("statmount no such mount", syscall(NR_statmount, &req, sm, sizeof(sm), 0));
    req.size = 4;
    show("statmount small req", syscall(NR_statmount, &req, sm, sizeof(sm), 0));
}

static void test_lsm(void)
{
    uint64_t ids[32];
    static uint64_t ctx[512];
    uint32_t size = sizeof(ids), zero = 0;

    long r = syscall(NR_lsm_list_modules, ids, &size, 0);
    show_ok("lsm_list_modules", r, r > 0 && size == (uint32_t)r * 8);
    show("lsm_list_modules bad flags", syscall(NR_lsm_list_modules, ids, &size, 1));
    show("lsm_list_modules bad size ptr", syscall(NR_lsm_list_modules, ids, BAD, 0));
    size = sizeof(ids);
    show("lsm_list_modules bad ids", syscall(NR_lsm_list_modules, BAD, &size, 0));
    show("lsm_list_modules size 0", syscall(NR_lsm_list_modules, ids, &zero, 0));
    size = sizeof(ctx);
    r = syscall(NR_lsm_get_self_attr, 100 /* LSM_ATTR_CURRENT */, ctx, &size, 0);
    show_ok("lsm_get_self_attr current", r, 1);
    show("lsm_get_self_attr undef", syscall(NR_lsm_get_self_attr, 0, ctx, &size, 0));
    show("lsm_get_self_attr bad flags", syscall(NR_lsm_get_self_attr, 100, ctx, &size, 4));
    show("lsm_get_self_attr bad size ptr", syscall(NR_lsm_get_self_attr, 100, ctx, BAD, 0));
    show("lsm_set_self_attr bad flags", syscall(NR_lsm_set_self_attr, 100, ctx, 64, 1));
    show("lsm_set_self_attr small", syscall(NR_lsm_set_self_attr, 100, ctx, 8, 0));
    show("lsm_set_self_attr bad ctx", syscall(NR_lsm_set_self_attr, 100, BAD, 64, 0));
}

static void test_xattrat(void)
{
    char val[64], list[64];
    struct xattr_args args = { (uintptr_t)"hello", 5, 0 };
    uint64_t big[3] = { 0, 0, 0 };
    int dfd = open(".", O_RDONLY | O_DIRECTORY), fd = open("f", O_RDONLY);

    show("setxattrat", syscall(NR_setxattrat, AT_FDCWD, "f", 0, "user.t", &args, sizeof(args)));
    show("setxattrat bad at_flags", syscall(NR_setxattrat, AT_FDCWD, "f", 0x1, "user.t", &args, sizeof(args)));
    show("setxattrat bad value", syscall(NR_setxattrat, AT_FDCWD, "f", 0, "user.u",
                                         &(struct xattr_args){ 8, 5, 0 }, sizeof(args)));
    memset(val, 0, sizeof(val));
    args = (struct xattr_args){ (uintptr_t)val, sizeof(val), 0 };
    long r = syscall(NR_getxattrat, dfd, "f", 0, "user.t", &args, sizeof(args));
    show("getxattrat", r);
    printf("%-34s %s\n", "  value", r > 0 ? val : "-");
    show("getxattrat EMPTY_PATH fd", syscall(NR_getxattrat, fd, "", AT_EMPTY_PATH, "user.t", &args, sizeof(args)));
    show("getxattrat size only", syscall(NR_getxattrat, AT_FDCWD, "f", 0, "user.t",
                                         &(struct xattr_args){ 0, 0, 0 }, sizeof(args)));
    show("getxattrat small usize", syscall(NR_getxattrat, AT_FDCWD, "f", 0, "user.t", &args, 8));
    show("getxattrat huge usize", syscall(NR_getxattrat, AT_FDCWD, "f", 0, "user.t", &args, 8192));
    memcpy(big, &args, sizeof(args));
    show("getxattrat zero tail", syscall(NR_getxattrat, AT_FDCWD, "f", 0, "user.t", big, sizeof(big)));
    big[2] = 1;
    show("getxattrat nonzero tail", syscall(NR_getxattrat, AT_FDCWD, "f", 0, "user.t", big, sizeof(big)));
    show("getxattrat bad args", syscall(NR_getxattrat, AT_FDCWD, "f", 0, "user.t", BAD, sizeof(args)));
    args.flags = 1;
    show("getxattrat bad args.flags", syscall(NR_getxattrat, AT_FDCWD, "f", 0, "user.t", &args, sizeof(args)));
    args = (struct xattr_args){ 8, sizeof(val), 0 };
    show("getxattrat bad value", syscall(NR_getxattrat, AT_FDCWD, "f", 0, "user.t", &args, sizeof(args)));
    args.value = ABOVE_4G + 64;
    show("getxattrat value above 4G", syscall(NR_getxattrat, AT_FDCWD, "f", 0, "user.t", &args, sizeof(args)));
    args = (struct xattr_args){ (uintptr_t)val, sizeof(val), 0 };
    show("getxattrat bad name", syscall(NR_getxattrat, AT_FDCWD, "f", 0, BAD, &args, sizeof(args)));
    show("getxattrat bad path", syscall(NR_getxattrat, AT_FDCWD, BAD, 0, "user.t", &args, sizeof(args)));
    show("getxattrat bad dirfd", syscall(NR_getxattrat, 999, "f", 0, "user.t", &args, sizeof(args)));
    show("getxattrat missing", syscall(NR_getxattrat, AT_FDCWD, "f", 0, "user.none", &args, sizeof(args)));

    memset(list, 0, sizeof(list));
    r = syscall(NR_listxattrat, AT_FDCWD, "f", 0, list, sizeof(list));
    show("listxattrat", r);
    printf("%-34s %s\n", "  first", r > 0 ? list : "-");
    show("listxattrat bad list", syscall(NR_listxattrat, AT_FDCWD, "f", 0, BAD, sizeof(list)));
    show("listxattrat small", syscall(NR_listxattrat, AT_FDCWD, "f", 0, list, 2));
    show("listxattrat bad at_flags", syscall(NR_listxattrat, AT_FDCWD, BAD, 0x1, list, sizeof(list)));

    show("removexattrat bad name", syscall(NR_removexattrat, AT_FDCWD, "f", 0, BAD));
    show("removexattrat", syscall(NR_removexattrat, AT_FDCWD, "f", 0, "user.t"));
    show("removexattrat again", syscall(NR_removexattrat, AT_FDCWD, "f", 0, "user.t"));
    close(dfd);
    close(fd);
}

static void test_file_attr(void)
{
    uint32_t fa[16]; /* struct file_attr, with room to spare */
    int fd = open("f", O_RDONLY);

    memset(fa, 0, sizeof(fa));
    show("file_getattr", syscall(NR_file_getattr, AT_FDCWD, "f", fa, 24, 0));
    show("file_getattr fd NULL path", syscall(NR_file_getattr, fd, NULL, fa, 24, AT_EMPTY_PATH));
    show("file_getattr fd empty path", syscall(NR_file_getattr, fd, "", fa, 24, AT_EMPTY_PATH));
    show("file_getattr small usize", syscall(NR_file_getattr, AT_FDCWD, "f", fa, 8, 0));
    show("file_getattr huge usize", syscall(NR_file_getattr, AT_FDCWD, "f", fa, 8192, 0));
    show("file_getattr bad at_flags", syscall(NR_file_getattr, AT_FDCWD, BAD, fa, 24, 0x1));
    show("file_getattr bad path", syscall(NR_file_getattr, AT_FDCWD, BAD, fa, 24, 0));
    show("file_getattr bad buf", syscall(NR_file_getattr, AT_FDCWD, "f", BAD, 24, 0));
    show("file_getattr bad dirfd", syscall(NR_file_getattr, 999, "f", fa, 24, 0));
    show("file_setattr", syscall(NR_file_setattr, AT_FDCWD, "f", fa, 24, 0));
    show("file_setattr bad buf", syscall(NR_file_setattr, AT_FDCWD, "f", BAD, 24, 0));
    fa[10] = 1;
    show("file_setattr nonzero tail", syscall(NR_file_setattr, AT_FDCWD, "f", fa, 64, 0));
    close(fd);
}

int main(void)
{
    static char data[8192];
    int fd = open("f", O_CREAT | O_WRONLY | O_TRUNC, 0644);

    memset(data, 'x', sizeof(data));
    if (fd < 0 || write(fd, data, sizeof(data)) != sizeof(data))
        return 1;
    close(fd);
    symlink("f", "l");
    setvbuf(stdout, NULL, _IONBF, 0);
    test_fchmodat2();
    test_cachestat();
    test_futex();
    test_mounts();
    test_lsm();
    test_xattrat();
    test_file_attr();
    return 0;
}
