/*
 * The pre-LFS calls: struct stat with 32-bit sizes and 16-bit ids (stat,
 * lstat, fstat), the older struct __old_kernel_stat (oldstat ...), the
 * old utsname layouts, and the directory readers with 32-bit inode numbers
 * (readdir, getdents).  No libc since glibc 2.2 calls them, but the kernel
 * still has them for a 32-bit task, with its own narrowing rules: a value
 * that does not fit its field is -EOVERFLOW (fs/stat.c cp_old_stat,
 * cp_compat_stat; fs/readdir.c compat_fillonedir, compat_filldir), and the
 * guest's buffer is left untouched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "guest-user.h"
#include "syscall.h"

/* MAX_NON_LFS (include/linux/fs.h): the largest size a 32-bit off_t holds. */
#define MAX_NON_LFS 0x7fffffffu

/*
 * The kernel's struct stat of a 32-bit task: compat_stat on x86_64
 * (arch/x86/include/asm/compat.h) and ARM's own struct stat
 * (arch/arm/include/uapi/asm/stat.h) are the same 64 bytes.
 */
typedef struct {
    uint32_t st_dev, st_ino;
    uint16_t st_mode, st_nlink, st_uid, st_gid;
    uint32_t st_rdev, st_size, st_blksize, st_blocks;
    uint32_t st_atime_, st_atime_nsec;
    uint32_t st_mtime_, st_mtime_nsec;
    uint32_t st_ctime_, st_ctime_nsec;
    uint32_t unused4, unused5;
} TargetStat;
_Static_assert(sizeof(TargetStat) == 64, "32-bit struct stat (compat_stat)");

/* struct __old_kernel_stat (arch/x86/include/uapi/asm/stat.h), the
 * unsigned int variant a 64-bit kernel gives its 32-bit tasks. */
typedef struct {
    uint16_t st_dev, st_ino, st_mode, st_nlink, st_uid, st_gid, st_rdev;
    uint16_t pad;
    uint32_t st_size, st_atime_, st_mtime_, st_ctime_;
} TargetOldStat;
_Static_assert(sizeof(TargetOldStat) == 32, "struct __old_kernel_stat");

/* include/linux/kdev_t.h: new_encode_dev keeps 12 bits of major and 20 of
 * minor in 32 bits; old_encode_dev is major << 8 | minor, cut to 16. */
static uint32_t new_encode_dev(dev_t d)
{
    uint32_t ma = major(d), mi = minor(d);

    return (mi & 0xff) | (ma << 8) | ((mi & ~0xffu) << 12);
}

static uint16_t old_encode_dev(dev_t d)
{
    return (uint16_t)(major(d) << 8 | minor(d));
}

/* include/linux/highuid.h high2lowuid: an id beyond 16 bits reads as the
 * overflow id, /proc/sys/kernel/overflowuid (overflowgid), 65534 unless
 * the administrator changed it. */
static uint16_t overflow_id(const char *file)
{
    FILE *f = fopen(file, "r");
    unsigned v = 65534;

    if (f) {
        if (fscanf(f, "%u", &v) != 1)
            v = 65534;
        fclose(f);
    }
    return (uint16_t)v;
}

static uint16_t low_uid(uid_t id)
{
    return id & ~0xffffu ? overflow_id("/proc/sys/kernel/overflowuid") : (uint16_t)id;
}

static uint16_t low_gid(gid_t id)
{
    return id & ~0xffffu ? overflow_id("/proc/sys/kernel/overflowgid") : (uint16_t)id;
}

/* The fields struct stat and struct __old_kernel_stat share, narrowed
 * the same way (the -EOVERFLOW checks are each layout's own); `encode`
 * packs the device numbers. */
#define COPY_STAT_COMMON(t, st, encode)                                     \
    do {                                                                    \
        (t).st_dev = encode((st)->st_dev);                                  \
        (t).st_ino = (__typeof__((t).st_ino))(st)->st_ino;                  \
        (t).st_mode = (uint16_t)(st)->st_mode;                              \
        (t).st_nlink = (uint16_t)(st)->st_nlink;                            \
        (t).st_uid = low_uid((st)->st_uid);                                 \
        (t).st_gid = low_gid((st)->st_gid);                                 \
        (t).st_rdev = encode((st)->st_rdev);                                \
        (t).st_size = (uint32_t)(st)->st_size;                              \
        (t).st_atime_ = (uint32_t)(st)->st_atim.tv_sec;                     \
        (t).st_mtime_ = (uint32_t)(st)->st_mtim.tv_sec;                     \
        (t).st_ctime_ = (uint32_t)(st)->st_ctim.tv_sec;                     \
    } while (0)

/* The converted structure to the guest's buffer, whole or not at all. */
static abi_long copy_to_guest(uint32_t addr, const void *t, size_t n)
{
    void *g = GUEST_W(addr, n);

    if (!g)
        return -EFAULT;
    memcpy(g, t, n);
    return 0;
}

/* cp_compat_stat (a 64-bit kernel) and cp_new_stat (ARM's 32-bit one):
 * every overflow check comes before the copy. */
static abi_long put_stat(uint32_t addr, const struct stat *st)
{
    TargetStat t = { 0 };

    if (st->st_ino > UINT32_MAX || st->st_nlink > UINT16_MAX ||
        (uint64_t)st->st_size > MAX_NON_LFS)
        return -EOVERFLOW;
    COPY_STAT_COMMON(t, st, new_encode_dev);
    t.st_blksize = (uint32_t)st->st_blksize;
    t.st_blocks = (uint32_t)st->st_blocks;
    t.st_atime_nsec = (uint32_t)st->st_atim.tv_nsec;
    t.st_mtime_nsec = (uint32_t)st->st_mtim.tv_nsec;
    t.st_ctime_nsec = (uint32_t)st->st_ctim.tv_nsec;
    return copy_to_guest(addr, &t, sizeof(t));
}

/* cp_old_stat: only the inode number and the link count are checked; a
 * 64-bit kernel (BITS_PER_LONG 64) lets the size wrap to 32 bits. */
static abi_long put_old_stat(uint32_t addr, const struct stat *st)
{
    TargetOldStat t = { 0 };

    if (st->st_ino > UINT16_MAX || st->st_nlink > UINT16_MAX)
        return -EOVERFLOW;
    COPY_STAT_COMMON(t, st, old_encode_dev);
    return copy_to_guest(addr, &t, sizeof(t));
}

typedef abi_long (*PutStat)(uint32_t addr, const struct stat *st);

static abi_long stat_path(uint32_t path_addr, uint32_t buf, int flags, PutStat put)
{
    GET_PATH(path, path_addr);
    struct stat st;
    char name[PATH_MAX];
    const char *fake = proc_fake_at(AT_FDCWD, path, flags, name, sizeof(name));

    if (fake ? stat(fake, &st) < 0 : fstatat(AT_FDCWD, path, &st, flags) < 0)
        return -errno;
    return put(buf, &st);
}

static abi_long stat_fd(uint32_t fd, uint32_t buf, PutStat put)
{
    struct stat st;
    char name[PATH_MAX];
    const char *fake = proc_fake_fd_name((int)fd, name, sizeof(name));

    if (fake ? stat(fake, &st) < 0 : fstat((int)fd, &st) < 0)
        return -errno;
    return put(buf, &st);
}

/* stat/lstat/fstat (106-108) write struct stat, oldstat/oldlstat/oldfstat
 * (18, 84, 28) struct __old_kernel_stat: the same three calls per layout. */
#define STAT_CALLS(old, put)                                                \
    abi_long sys_##old##stat(CPUState *env, const uint32_t *a)              \
    {                                                                       \
        (void)env;                                                          \
        return stat_path(a[0], a[1], 0, put);                               \
    }                                                                       \
    abi_long sys_##old##lstat(CPUState *env, const uint32_t *a)             \
    {                                                                       \
        (void)env;                                                          \
        return stat_path(a[0], a[1], AT_SYMLINK_NOFOLLOW, put);             \
    }                                                                       \
    abi_long sys_##old##fstat(CPUState *env, const uint32_t *a)             \
    {                                                                       \
        (void)env;                                                          \
        return stat_fd(a[0], a[1], put);                                    \
    }
STAT_CALLS(, put_stat)
STAT_CALLS(old, put_old_stat)

/* ---- utsname ------------------------------------------------------------ */

/* The fields of the guest's uname (sys_uname's machine and release). */
static int guest_utsname(struct utsname *u)
{
    if (uname(u) < 0)
        return -errno;
    snprintf(u->machine, sizeof(u->machine), "%s", GUEST_UNAME_MACHINE);
    if (task.uname_release)
        snprintf(u->release, sizeof(u->release), "%s", task.uname_release);
    return 0;
}

/* olduname (109) is sys_uname with struct old_utsname: new_utsname's
 * first five 65-byte fields, without the domain name. */
abi_long sys_olduname(CPUState *env, const uint32_t *a)
{
    struct utsname u;
    char *g = GUEST_W(a[0], 5 * 65);

    (void)env;
    if (!g)
        return -EFAULT;
    int r = guest_utsname(&u);
    if (r < 0)
        return r;
    memcpy(g, &u, 5 * 65);
    return 0;
}

/* oldolduname (59) is sys_olduname: five 9-byte fields, each the first
 * __OLD_UTS_LEN (8) bytes of the name and a NUL (kernel/sys.c). */
abi_long sys_oldolduname(CPUState *env, const uint32_t *a)
{
    const char *from[5];
    struct utsname u;
    char t[5][9] = { { 0 } };
    char *g = a[0] ? GUEST_W(a[0], sizeof(t)) : NULL;

    (void)env;
    if (!g)
        return -EFAULT;
    int r = guest_utsname(&u);
    if (r < 0)
        return r;
    from[0] = u.sysname, from[1] = u.nodename, from[2] = u.release;
    from[3] = u.version, from[4] = u.machine;
    for (int i = 0; i < 5; i++)
        memcpy(t[i], from[i], strnlen(from[i], 8));
    memcpy(g, t, sizeof(t));
    return 0;
}

/* ---- Directories with 32-bit inode numbers ----------------------------- */

/* The host's struct linux_dirent64 (include/uapi/linux/dirent.h). */
typedef struct {
    uint64_t d_ino;
    int64_t d_off;
    uint16_t d_reclen;
    uint8_t d_type;
    char d_name[];
} HostDirent64;

/* A host directory offset as the guest sees it: ext4 hands a 32-bit task
 * the upper half of the 64-bit hash cookie (syscall-fs.c, narrowed). */
static uint32_t guest_dir_offset(int fd, int64_t off)
{
    if ((uint64_t)off <= INT32_MAX)
        return (uint32_t)off;
    dir_offsets_mark_narrowed(fd);
    return (uint32_t)((uint64_t)off >> 32);
}

/* struct compat_linux_dirent (fs/readdir.c): 32-bit d_ino and d_off, the
 * record length, the name and its NUL, and d_type in the record's last
 * byte; records are 4-byte aligned. */
#define DIRENT32_NAME 10

static uint32_t dirent32_reclen(size_t namlen)
{
    return (uint32_t)((DIRENT32_NAME + namlen + 2 + 3) & ~3u);
}

/*
 * getdents (compat_filldir): as many records as fit in `count` bytes.  The
 * first that does not fit ends the call, and so does an inode number
 * beyond 32 bits, which is -EOVERFLOW only when it is the first record.
 * The host's getdents64 may read further than the guest takes: the
 * directory is then set back to where the guest's last record ends, as
 * the kernel leaves its position after the last record it filled.
 */
abi_long sys_getdents(CPUState *env, const uint32_t *a)
{
    int fd = (int)a[0];
    uint32_t count = a[2], done = 0;
    /* A host record is at most 1.5 times its 32-bit form (24 bytes for
     * 16 with the shortest names), so twice `count` fills the guest's. */
    size_t hlen = (size_t)count * 2 < 65536 ? (size_t)count * 2 : 65536;
    abi_long err = -EINVAL;

    (void)env;
    if (hlen < 512)
        hlen = 512;
    char *host = malloc(hlen);
    if (!host)
        return -ENOMEM;
    off_t start = lseek(fd, 0, SEEK_CUR);
    long n = proc_getdents64(fd, host, hlen);
    if (n < 0) {
        err = -errno;
        goto out;
    }
    int64_t resume = start;
    for (long p = 0; p < n;) {
        const HostDirent64 *d = (const HostDirent64 *)(host + p);
        size_t namlen = strlen(d->d_name);
        uint32_t reclen = dirent32_reclen(namlen);
        if (reclen > count - done)
            break;
        if (d->d_ino > UINT32_MAX) {
            err = -EOVERFLOW;
            break;
        }
        uint8_t *g = GUEST_W(a[1] + done, reclen);
        if (!g) {
            err = -EFAULT;
            break;
        }
        uint32_t ino = (uint32_t)d->d_ino, off = guest_dir_offset(fd, d->d_off);
        uint16_t rl = (uint16_t)reclen;
        memset(g, 0, reclen);
        memcpy(g, &ino, 4);
        memcpy(g + 4, &off, 4);
        memcpy(g + 8, &rl, 2);
        memcpy(g + DIRENT32_NAME, d->d_name, namlen);
        g[reclen - 1] = d->d_type;
        done += reclen;
        resume = d->d_off;
        p += d->d_reclen;
        if (p >= n)
            goto out;
    }
    if (n > 0 && start >= 0)
        lseek(fd, resume, SEEK_SET);
out:
    free(host);
    return done ? (abi_long)done : n == 0 ? 0 : err;
}

/*
 * readdir (old_readdir, compat_fillonedir): one struct old_linux_dirent
 * per call, { u32 d_ino, u32 d_offset, u16 d_namlen, name + NUL }, the
 * offset being the entry's own position; 1 for an entry, 0 at the end.
 * The count argument is ignored, as the kernel ignores it.
 */
abi_long sys_readdir(CPUState *env, const uint32_t *a)
{
    int fd = (int)a[0];
    char host[sizeof(HostDirent64) + 256 + 8];

    (void)env;
    ProcFdHide h;
    off_t start;
    long n;
    const HostDirent64 *d = (const HostDirent64 *)host;

    /* stitch's own descriptors are not listed (proc-self.c). */
    proc_fd_dir(fd, &h);
    for (int tries = 0;; tries++) {
        start = lseek(fd, 0, SEEK_CUR);
        n = syscall(SYS_getdents64, fd, host, sizeof(host));
        if (n <= 0) {
            proc_fd_dir_end(&h);
            return n < 0 ? -errno : 0;
        }
        if (proc_fd_dir_again(fd, &h, start, tries))
            continue;
        if (!h.kind || !proc_fd_hidden(&h, d->d_name) || lseek(fd, d->d_off, SEEK_SET) < 0)
            break;
    }
    proc_fd_dir_end(&h);
    size_t namlen = strlen(d->d_name);
    abi_long r = 1;
    if (d->d_reclen < n)
        lseek(fd, d->d_off, SEEK_SET);
    if (d->d_ino > UINT32_MAX)
        r = -EOVERFLOW;
    uint8_t *g = r > 0 ? GUEST_W(a[1], 10 + namlen + 1) : NULL;
    if (r > 0 && !g)
        r = -EFAULT;
    if (r < 0) {
        /* The kernel's position stays on the entry it could not give. */
        lseek(fd, start, SEEK_SET);
        return r;
    }
    uint32_t ino = (uint32_t)d->d_ino, off = guest_dir_offset(fd, start);
    uint16_t nl = (uint16_t)namlen;
    memcpy(g, &ino, 4);
    memcpy(g + 4, &off, 4);
    memcpy(g + 8, &nl, 2);
    memcpy(g + 10, d->d_name, namlen + 1);
    return 1;
}
