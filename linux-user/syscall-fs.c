/*
 * File-system system calls: metadata (the guest's struct stat64),
 * directories, names and links.  Paths are guest strings, checked and then
 * redirected under -L by guest_path_at().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

#include "host-syscall-nr.h"
#include "syscall.h"

/* ---- stat ------------------------------------------------------------- */

/* Field by field into the guest's struct stat64 (target-structs.h);
 * __st_ino gets the low 32 bits as the kernel's cp_new_stat64 does. */
static abi_long put_stat64(uint32_t addr, const struct stat *st)
{
    TargetStat64 *g = GUEST_W(addr, sizeof(*g));

    if (!g)
        return -EFAULT;
    memset(g, 0, sizeof(*g));
    g->st_dev = st->st_dev;
    g->st_ino_lo = (uint32_t)st->st_ino;
    g->st_mode = st->st_mode;
    g->st_nlink = (uint32_t)st->st_nlink;
    g->st_uid = st->st_uid;
    g->st_gid = st->st_gid;
    g->st_rdev = st->st_rdev;
    g->st_size = st->st_size;
    g->st_blksize = (uint32_t)st->st_blksize;
    g->st_blocks = st->st_blocks;
    g->st_atime_ = (uint32_t)st->st_atim.tv_sec;
    g->st_atime_nsec = (uint32_t)st->st_atim.tv_nsec;
    g->st_mtime_ = (uint32_t)st->st_mtim.tv_sec;
    g->st_mtime_nsec = (uint32_t)st->st_mtim.tv_nsec;
    g->st_ctime_ = (uint32_t)st->st_ctim.tv_sec;
    g->st_ctime_nsec = (uint32_t)st->st_ctim.tv_nsec;
    g->st_ino = st->st_ino;
    return 0;
}

/* A faked /proc file the guest holds (proc-self.c) is a memfd; its
 * status and its file system are those of the proc entry it stands
 * for, as natively. */
static int fstatfs_guest(int fd, struct statfs *s)
{
    char name[PATH_MAX];

    return proc_fake_fd_name(fd, name, sizeof(name)) ? statfs(name, s) : fstatfs(fd, s);
}

static abi_long do_fstatat(int dirfd, const char *path, uint32_t buf, int flags)
{
    struct stat st;
    char name[PATH_MAX];
    const char *fake = proc_fake_at(dirfd, path, flags, name, sizeof(name));

    if (fake ? stat(fake, &st) < 0 : fstatat(dirfd, path, &st, flags) < 0)
        return -errno;
    return put_stat64(buf, &st);
}

abi_long sys_stat64(CPUState *env, const uint32_t *a)
{
    GET_PATH(path, a[0]);
    (void)env;
    return do_fstatat(AT_FDCWD, path, a[1], 0);
}

abi_long sys_lstat64(CPUState *env, const uint32_t *a)
{
    GET_PATH(path, a[0]);
    (void)env;
    return do_fstatat(AT_FDCWD, path, a[1], AT_SYMLINK_NOFOLLOW);
}

abi_long sys_fstat64(CPUState *env, const uint32_t *a)
{
    (void)env;
    return do_fstatat((int)a[0], "", a[1], AT_EMPTY_PATH);
}

abi_long sys_fstatat64(CPUState *env, const uint32_t *a)
{
    GET_PATH_AT(path, guest_fd(a[0]), a[1]);
    (void)env;
    return do_fstatat(guest_fd(a[0]), path, a[2], (int)a[3]);
}

/* struct statx has fixed-width fields only: the same bytes on both sides. */
abi_long sys_statx(CPUState *env, const uint32_t *a)
{
    char buf[PATH_MAX];
    const char *path = NULL;
    void *stx = GUEST_W(a[4], sizeof(struct statx));

    (void)env;
    if (a[1] && !(path = guest_path_at(guest_fd(a[0]), a[1], buf, sizeof(buf))))
        return -EFAULT;
    if (!stx)
        return -EFAULT;
    char name[PATH_MAX];
    const char *fake = path ? proc_fake_at(guest_fd(a[0]), path, (int)a[2], name, sizeof(name)) : NULL;
    if (fake)
        return get_errno(syscall(SYS_statx, AT_FDCWD, fake, (int)a[2] & ~AT_EMPTY_PATH,
                                 (unsigned)a[3], stx));
    return get_errno(syscall(SYS_statx, guest_fd(a[0]), path, (int)a[2], (unsigned)a[3], stx));
}

/* ---- access ----------------------------------------------------------- */

abi_long sys_access(CPUState *env, const uint32_t *a)
{
    GET_PATH(path, a[0]);
    (void)env;
    return get_errno(access(path, (int)a[1]));
}

abi_long sys_faccessat(CPUState *env, const uint32_t *a)
{
    GET_PATH_AT(path, guest_fd(a[0]), a[1]);
    (void)env;
    return get_errno(syscall(SYS_faccessat, guest_fd(a[0]), path, (int)a[2]));
}

abi_long sys_faccessat2(CPUState *env, const uint32_t *a)
{
    GET_PATH_AT(path, guest_fd(a[0]), a[1]);
    (void)env;
    return get_errno(syscall(SYS_faccessat2, guest_fd(a[0]), path, (int)a[2], (int)a[3]));
}

/* ---- directories ------------------------------------------------------ */

/*
 * Directory offsets.  struct linux_dirent64 has the same layout on both
 * sides, but its d_off does not: ext4 hands a 32-bit caller 32-bit hash
 * cookies (is_32bit_api() in fs/ext4/dir.c) and stitch, a 64-bit process,
 * 64-bit ones, (major >> 1) << 32 | minor.  A 32-bit glibc's readdir then
 * fails with EOVERFLOW.  So an offset that does not fit 31 bits is
 * narrowed to its upper half, which is exactly ext4's 32-bit cookie, and
 * the fd is remembered so that lseek (seekdir) widens it back.  Other file
 * systems (tmpfs, xfs, btrfs) already give small offsets and are untouched.
 */
#define NARROW_FDS 4096
/* Per descriptor number, shared by the threads, which open, close and
 * read descriptors at once: each flag is read and written whole. */
static uint8_t narrowed[NARROW_FDS];

int dir_offsets_narrowed(int fd)
{
    return fd >= 0 && fd < NARROW_FDS && __atomic_load_n(&narrowed[fd], __ATOMIC_RELAXED);
}

void dir_offsets_forget(int fd)
{
    if (fd >= 0 && fd < NARROW_FDS)
        __atomic_store_n(&narrowed[fd], 0, __ATOMIC_RELAXED);
}

void dir_offsets_mark_narrowed(int fd)
{
    if (fd >= 0 && fd < NARROW_FDS)
        __atomic_store_n(&narrowed[fd], 1, __ATOMIC_RELAXED);
}

static void narrow_offsets(int fd, char *buf, long len)
{
    for (long p = 0; p + 19 <= len;) {
        uint64_t off;
        uint16_t reclen;
        memcpy(&off, buf + p + 8, 8);    /* d_off */
        memcpy(&reclen, buf + p + 16, 2); /* d_reclen */
        if (off > INT32_MAX) {
            off >>= 32;
            memcpy(buf + p + 8, &off, 8);
            dir_offsets_mark_narrowed(fd);
        }
        if (reclen == 0)
            break;
        p += reclen;
    }
}

abi_long sys_getdents64(CPUState *env, const uint32_t *a)
{
    uint32_t len = a[2];
    void *buf = guest_kernel_buf(a[1], &len, PAGE_WRITE);

    (void)env;
    long n = proc_getdents64((int)a[0], buf, len);
    if (n < 0)
        return -errno;
    narrow_offsets((int)a[0], buf, n);
    return (abi_long)n;
}

/* The raw system call returns the length including the NUL, which is what
 * the guest's libc expects (glibc's wrapper returns the pointer instead). */
abi_long sys_getcwd(CPUState *env, const uint32_t *a)
{
    uint32_t len = a[1];
    void *buf = guest_kernel_buf(a[0], &len, PAGE_WRITE);

    (void)env;
    return get_errno(syscall(SYS_getcwd, buf, (size_t)len));
}

abi_long sys_chdir(CPUState *env, const uint32_t *a)
{
    GET_PATH(path, a[0]);
    (void)env;
    return get_errno(chdir(path));
}

abi_long sys_fchdir(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(fchdir((int)a[0]));
}

abi_long sys_umask(CPUState *env, const uint32_t *a)
{
    (void)env;
    return (abi_long)umask((mode_t)a[0]);
}

abi_long sys_mkdir(CPUState *env, const uint32_t *a)
{
    GET_PATH(path, a[0]);
    (void)env;
    return get_errno(mkdir(path, (mode_t)a[1]));
}

abi_long sys_mkdirat(CPUState *env, const uint32_t *a)
{
    GET_PATH_AT(path, guest_fd(a[0]), a[1]);
    (void)env;
    return get_errno(mkdirat(guest_fd(a[0]), path, (mode_t)a[2]));
}

abi_long sys_rmdir(CPUState *env, const uint32_t *a)
{
    GET_PATH(path, a[0]);
    (void)env;
    return get_errno(rmdir(path));
}

/* ---- names ------------------------------------------------------------ */

abi_long sys_unlink(CPUState *env, const uint32_t *a)
{
    GET_PATH(path, a[0]);
    (void)env;
    return get_errno(unlink(path));
}

abi_long sys_unlinkat(CPUState *env, const uint32_t *a)
{
    GET_PATH_AT(path, guest_fd(a[0]), a[1]);
    (void)env;
    return get_errno(unlinkat(guest_fd(a[0]), path, (int)a[2]));
}

abi_long sys_rename(CPUState *env, const uint32_t *a)
{
    GET_PATH(from, a[0]);
    GET_PATH(to, a[1]);
    (void)env;
    return get_errno(rename(from, to));
}

abi_long sys_renameat2(CPUState *env, const uint32_t *a)
{
    GET_PATH_AT(from, guest_fd(a[0]), a[1]);
    GET_PATH_AT(to, guest_fd(a[2]), a[3]);
    (void)env;
    return get_errno(renameat2(guest_fd(a[0]), from, guest_fd(a[2]), to, (unsigned)a[4]));
}

abi_long sys_renameat(CPUState *env, const uint32_t *a)
{
    const uint32_t b[6] = { a[0], a[1], a[2], a[3], 0 };

    return sys_renameat2(env, b);
}

abi_long sys_chmod(CPUState *env, const uint32_t *a)
{
    GET_PATH(path, a[0]);
    (void)env;
    return get_errno(chmod(path, (mode_t)a[1]));
}

abi_long sys_fchmod(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(fchmod((int)a[0], (mode_t)a[1]));
}

abi_long sys_symlink(CPUState *env, const uint32_t *a)
{
    const char *target = guest_string(a[0]);
    GET_PATH(path, a[1]);
    (void)env;
    if (!target)
        return -EFAULT; /* the link's contents are not redirected */
    return get_errno(symlink(target, path));
}

abi_long sys_link(CPUState *env, const uint32_t *a)
{
    GET_PATH(from, a[0]);
    GET_PATH(to, a[1]);
    (void)env;
    return get_errno(link(from, to));
}

/* ---- readlink ----------------------------------------------------------- */

/* fs/stat.c do_readlinkat(): the size is checked before the path is
 * read; the link goes to the buffer as copy_to_user() puts it, the bytes
 * that fit before a bad page, then -EFAULT (the host kernel does it, or
 * the fault guard around the handlers for /proc/self/exe's copy). */
/* Is `dirfd` a path descriptor of this process's exe link itself
 * (O_PATH | O_NOFOLLOW)?  Its readlinkat with an empty name reads that
 * link (fs/stat.c do_readlinkat), which is the guest's program, not
 * stitch's. */
static int is_exe_link_fd(int dirfd, const char *path)
{
    char link[64], target[PATH_MAX];
    struct stat st;
    ssize_t n;

    if (path[0] || dirfd < 0 || fstatat(dirfd, "", &st, AT_EMPTY_PATH) != 0 || !S_ISLNK(st.st_mode))
        return 0;
    snprintf(link, sizeof(link), "/proc/self/fd/%d", dirfd);
    if ((n = readlink(link, target, sizeof(target) - 1)) <= 0)
        return 0;
    target[n] = 0;
    return path_is_proc_self_exe(target);
}

static abi_long do_readlinkat(int dirfd, uint32_t gpath, uint32_t buf, uint32_t size)
{
    if ((int32_t)size <= 0)
        return -EINVAL;
    GET_PATH_AT(path, dirfd, gpath);
    char *dst = guest_kernel_buf(buf, &size, PAGE_WRITE);
    char fake[PATH_MAX];
    const char *link = path_is_proc_self_exe(path) || is_exe_link_fd(dirfd, path) ? task.exe_path
                                                   : proc_fake_link(dirfd, path, fake, sizeof(fake));
    if (link) {
        size_t n = strlen(link); /* readlink does not NUL-terminate */
        n = n < size ? n : size;
        memcpy(dst, link, n);
        return (abi_long)n;
    }
    return get_errno(readlinkat(dirfd, path, dst, size));
}

abi_long sys_readlink(CPUState *env, const uint32_t *a)
{
    (void)env;
    return do_readlinkat(AT_FDCWD, a[0], a[1], a[2]);
}

abi_long sys_readlinkat(CPUState *env, const uint32_t *a)
{
    (void)env;
    return do_readlinkat(guest_fd(a[0]), a[1], a[2], a[3]);
}

/* ---- owners and times ---------------------------------------------------- */

/* The 16-bit calls take 0xffff for "unchanged" (kernel low2highuid). */
static uint32_t high_id(uint32_t id16)
{
    return (uint16_t)id16 == 0xffff ? (uint32_t)-1 : (uint16_t)id16;
}

abi_long sys_chown32(CPUState *env, const uint32_t *a)
{
    GET_PATH(path, a[0]);
    (void)env;
    return get_errno(chown(path, a[1], a[2]));
}

abi_long sys_lchown32(CPUState *env, const uint32_t *a)
{
    GET_PATH(path, a[0]);
    (void)env;
    return get_errno(lchown(path, a[1], a[2]));
}

abi_long sys_fchown32(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(fchown((int)a[0], a[1], a[2]));
}

abi_long sys_fchownat(CPUState *env, const uint32_t *a)
{
    GET_PATH_AT(path, guest_fd(a[0]), a[1]);
    (void)env;
    return get_errno(fchownat(guest_fd(a[0]), path, a[2], a[3], (int)a[4]));
}

abi_long sys_chown(CPUState *env, const uint32_t *a)
{
    GET_PATH(path, a[0]);
    (void)env;
    return get_errno(chown(path, high_id(a[1]), high_id(a[2])));
}

abi_long sys_lchown(CPUState *env, const uint32_t *a)
{
    GET_PATH(path, a[0]);
    (void)env;
    return get_errno(lchown(path, high_id(a[1]), high_id(a[2])));
}

abi_long sys_fchown(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(fchown((int)a[0], high_id(a[1]), high_id(a[2])));
}

/* utimensat(dirfd, path, times[2], flags): path may be NULL (futimens). */
static abi_long do_utimensat(const uint32_t *a, const struct timespec *ts)
{
    char buf[PATH_MAX];
    const char *path = NULL;

    if (a[1] && !(path = guest_path_at(guest_fd(a[0]), a[1], buf, sizeof(buf))))
        return -EFAULT;
    return get_errno(syscall(SYS_utimensat, guest_fd(a[0]), path, ts, (int)a[3]));
}

abi_long sys_utimensat(CPUState *env, const uint32_t *a)
{
    struct timespec ts[2];
    const TargetTimespec *g = NULL;

    (void)env;
    if (a[2] && !(g = GUEST_R(a[2], 2 * sizeof(*g))))
        return -EFAULT;
    if (g)
        for (int i = 0; i < 2; i++)
            ts[i] = (struct timespec){ g[i].tv_sec, g[i].tv_nsec };
    return do_utimensat(a, g ? ts : NULL);
}

abi_long sys_utimensat_time64(CPUState *env, const uint32_t *a)
{
    struct timespec ts[2];
    const void *g = NULL;

    (void)env;
    if (a[2] && !(g = GUEST_R(a[2], sizeof(ts))))
        return -EFAULT;
    if (g) {
        ts[0] = timespec64_from_guest(g);
        ts[1] = timespec64_from_guest((const char *)g + 16);
    }
    return do_utimensat(a, g ? ts : NULL);
}

/* ---- statfs64 --------------------------------------------------------------- */

/*
 * The size statfs64 and fstatfs64 take must be the guest's struct
 * statfs64's, checked before the path or the descriptor is looked at
 * (fs/statfs.c: sys_statfs64, and kcompat_sys_statfs64 for i386 on a
 * 64-bit kernel, test `sz != sizeof(*buf)` first); ARM's wrappers first
 * make an EABI libc's padded size the kernel's (arch/arm/kernel/
 * entry-common.S sys_statfs64_wrapper).
 */
static int statfs64_size_ok(uint32_t size)
{
#ifdef TARGET_STATFS64_PADDED_SIZE
    if (size == TARGET_STATFS64_PADDED_SIZE)
        return 1;
#endif
    return size == sizeof(TargetStatfs64);
}

/* Into the guest's struct statfs64 (target-structs.h). */
static abi_long put_statfs64(uint32_t addr, const struct statfs *s)
{
    TargetStatfs64 *g = GUEST_W(addr, sizeof(*g));

    if (!g)
        return -EFAULT;
    memset(g, 0, sizeof(*g));
    g->f_type = (uint32_t)s->f_type, g->f_bsize = (uint32_t)s->f_bsize;
    g->f_blocks = s->f_blocks, g->f_bfree = s->f_bfree, g->f_bavail = s->f_bavail;
    g->f_files = s->f_files, g->f_ffree = s->f_ffree;
    memcpy(g->f_fsid, &s->f_fsid, sizeof(g->f_fsid));
    g->f_namelen = (uint32_t)s->f_namelen, g->f_frsize = (uint32_t)s->f_frsize;
    g->f_flags = (uint32_t)s->f_flags;
    return 0;
}

abi_long sys_statfs64(CPUState *env, const uint32_t *a)
{
    struct statfs s;

    (void)env;
    if (!statfs64_size_ok(a[1]))
        return -EINVAL;
    GET_PATH(path, a[0]);
    if (statfs(path, &s) < 0)
        return -errno;
    return put_statfs64(a[2], &s);
}

abi_long sys_fstatfs64(CPUState *env, const uint32_t *a)
{
    struct statfs s;

    (void)env;
    if (!statfs64_size_ok(a[1]))
        return -EINVAL;
    if (fstatfs_guest((int)a[0], &s) < 0)
        return -errno;
    return put_statfs64(a[2], &s);
}

/* ---- more path calls ------------------------------------------------------ */

abi_long sys_creat(CPUState *env, const uint32_t *a)
{
    GET_PATH(path, a[0]);
    (void)env;
    if (writes_running_exe(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC))
        return -ETXTBSY;
    return get_errno(fd_table_note(creat(path, (mode_t)a[1])));
}

abi_long sys_mknod(CPUState *env, const uint32_t *a)
{
    GET_PATH(path, a[0]);
    (void)env;
    /* The 32-bit dev_t of the old call: new_decode_dev (kdev_t.h). */
    return get_errno(mknod(path, (mode_t)a[1], makedev((a[2] & 0xfff00) >> 8,
                                                      (a[2] & 0xff) | ((a[2] >> 12) & 0xfff00))));
}

abi_long sys_mknodat(CPUState *env, const uint32_t *a)
{
    GET_PATH_AT(path, guest_fd(a[0]), a[1]);
    (void)env;
    return get_errno(mknodat(guest_fd(a[0]), path, (mode_t)a[2],
                             makedev((a[3] & 0xfff00) >> 8, (a[3] & 0xff) | ((a[3] >> 12) & 0xfff00))));
}

abi_long sys_linkat(CPUState *env, const uint32_t *a)
{
    GET_PATH_AT(from, guest_fd(a[0]), a[1]);
    GET_PATH_AT(to, guest_fd(a[2]), a[3]);
    (void)env;
    return get_errno(linkat(guest_fd(a[0]), from, guest_fd(a[2]), to, (int)a[4]));
}

abi_long sys_symlinkat(CPUState *env, const uint32_t *a)
{
    const char *target = guest_string(a[0]);
    GET_PATH_AT(path, guest_fd(a[1]), a[2]);
    (void)env;
    if (!target)
        return -EFAULT;
    return get_errno(symlinkat(target, guest_fd(a[1]), path));
}

abi_long sys_fchmodat(CPUState *env, const uint32_t *a)
{
    GET_PATH_AT(path, guest_fd(a[0]), a[1]);
    (void)env;
    /* The system call has no flags argument (fchmodat2 does). */
    return get_errno(syscall(SYS_fchmodat, guest_fd(a[0]), path, (mode_t)a[2]));
}

/*
 * fchmodat2 (Linux 6.6, fs/open.c) has the flags fchmodat lacks
 * (AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH); the host kernel checks them, then
 * reads the name (kernel_path_at: a NULL or unreadable one as Linux
 * would see it).
 */
abi_long sys_fchmodat2(CPUState *env, const uint32_t *a)
{
    char buf[PATH_MAX];
    const char *path = kernel_path_at(guest_fd(a[0]), a[1], buf, sizeof(buf));

    (void)env;
    return get_errno(syscall(SYS_fchmodat2, guest_fd(a[0]), path, (mode_t)a[2], a[3]));
}

abi_long sys_chroot(CPUState *env, const uint32_t *a)
{
    GET_PATH(path, a[0]);
    (void)env;
    return get_errno(chroot(path));
}

abi_long sys_sync(CPUState *env, const uint32_t *a)
{
    (void)env, (void)a;
    sync();
    return 0;
}

abi_long sys_syncfs(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(syncfs((int)a[0]));
}

/* utime's struct utimbuf and utimes' timeval pairs, 32-bit times. */
abi_long sys_utime(CPUState *env, const uint32_t *a)
{
    GET_PATH(path, a[0]);
    const int32_t *g = a[1] ? GUEST_R(a[1], 8) : NULL;
    struct timespec ts[2];

    (void)env;
    if (a[1] && !g)
        return -EFAULT;
    if (g)
        ts[0] = (struct timespec){ g[0], 0 }, ts[1] = (struct timespec){ g[1], 0 };
    return get_errno(utimensat(AT_FDCWD, path, g ? ts : NULL, 0));
}

static abi_long do_futimesat(int dirfd, uint32_t gpath, uint32_t gtimes)
{
    GET_PATH_AT(path, dirfd, gpath);
    const TargetTimeval *g = gtimes ? GUEST_R(gtimes, 2 * sizeof(*g)) : NULL;
    struct timespec ts[2];

    if (gtimes && !g)
        return -EFAULT;
    for (int i = 0; g && i < 2; i++) {
        /* fs/utimes.c: microseconds outside [0, 1000000) are EINVAL. */
        if (g[i].tv_usec < 0 || g[i].tv_usec >= 1000000)
            return -EINVAL;
        ts[i] = (struct timespec){ g[i].tv_sec, g[i].tv_usec * 1000L };
    }
    return get_errno(utimensat(dirfd, path, g ? ts : NULL, 0));
}

abi_long sys_utimes(CPUState *env, const uint32_t *a)
{
    (void)env;
    return do_futimesat(AT_FDCWD, a[0], a[1]);
}

abi_long sys_futimesat(CPUState *env, const uint32_t *a)
{
    (void)env;
    return do_futimesat(guest_fd(a[0]), a[1], a[2]);
}

/* ---- statfs with the 32-bit struct statfs -------------------------------- */

typedef struct {
    uint32_t f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree;
    int32_t f_fsid[2];
    uint32_t f_namelen, f_frsize, f_flags, f_spare[4];
} TargetStatfs;
_Static_assert(sizeof(TargetStatfs) == 64, "32-bit struct statfs");

/* fs/statfs.c put_compat_statfs: counts that do not fit are EOVERFLOW. */
static abi_long put_statfs(uint32_t addr, const struct statfs *s)
{
    TargetStatfs *g = GUEST_W(addr, sizeof(*g));

    if ((s->f_blocks | s->f_bfree | s->f_bavail | s->f_bsize | s->f_frsize) >> 32)
        return -EOVERFLOW;
    if ((s->f_files != (fsfilcnt_t)-1 && s->f_files >> 32) ||
        (s->f_ffree != (fsfilcnt_t)-1 && s->f_ffree >> 32))
        return -EOVERFLOW;
    if (!g)
        return -EFAULT;
    memset(g, 0, sizeof(*g));
    g->f_type = (uint32_t)s->f_type, g->f_bsize = (uint32_t)s->f_bsize;
    g->f_blocks = (uint32_t)s->f_blocks, g->f_bfree = (uint32_t)s->f_bfree;
    g->f_bavail = (uint32_t)s->f_bavail;
    g->f_files = (uint32_t)s->f_files, g->f_ffree = (uint32_t)s->f_ffree;
    memcpy(g->f_fsid, &s->f_fsid, sizeof(g->f_fsid));
    g->f_namelen = (uint32_t)s->f_namelen, g->f_frsize = (uint32_t)s->f_frsize;
    g->f_flags = (uint32_t)s->f_flags;
    return 0;
}

abi_long sys_statfs(CPUState *env, const uint32_t *a)
{
    struct statfs s;
    GET_PATH(path, a[0]);

    (void)env;
    if (statfs(path, &s) < 0)
        return -errno;
    return put_statfs(a[1], &s);
}

abi_long sys_fstatfs(CPUState *env, const uint32_t *a)
{
    struct statfs s;

    (void)env;
    if (fstatfs_guest((int)a[0], &s) < 0)
        return -errno;
    return put_statfs(a[1], &s);
}

/* ---- extended attributes ------------------------------------------------- */

/*
 * The names are strings, the values bytes: the layouts are the host's.
 * The value buffers go to the host kernel as read's do (guest_kernel_buf).
 * Which of path / lpath / fd the call names is its prefix.
 */
enum { XA_PATH, XA_LPATH, XA_FD };

static abi_long xattr_target(int kind, uint32_t arg, char *buf, size_t size, const char **path)
{
    if (kind == XA_FD)
        return 0;
    *path = guest_path_at(AT_FDCWD, arg, buf, size);
    return *path ? 0 : -EFAULT;
}

static abi_long do_setxattr(int kind, const uint32_t *a)
{
    char buf[PATH_MAX];
    const char *path = NULL, *name = guest_string(a[1]);
    uint32_t len = a[3];
    const void *val = guest_kernel_buf(a[2], &len, PAGE_READ);

    if (xattr_target(kind, a[0], buf, sizeof(buf), &path) < 0 || !name)
        return -EFAULT;
    return get_errno(kind == XA_FD ? fsetxattr((int)a[0], name, val, len, (int)a[4])
                     : kind == XA_LPATH ? lsetxattr(path, name, val, len, (int)a[4])
                                        : setxattr(path, name, val, len, (int)a[4]));
}

static abi_long do_getxattr(int kind, const uint32_t *a)
{
    char buf[PATH_MAX];
    const char *path = NULL, *name = guest_string(a[1]);
    uint32_t len = a[3];
    void *val = guest_kernel_buf(a[2], &len, PAGE_WRITE);

    if (xattr_target(kind, a[0], buf, sizeof(buf), &path) < 0 || !name)
        return -EFAULT;
    return get_errno(kind == XA_FD ? fgetxattr((int)a[0], name, val, len)
                     : kind == XA_LPATH ? lgetxattr(path, name, val, len)
                                        : getxattr(path, name, val, len));
}

static abi_long do_listxattr(int kind, const uint32_t *a)
{
    char buf[PATH_MAX];
    const char *path = NULL;
    uint32_t len = a[2];
    char *list = guest_kernel_buf(a[1], &len, PAGE_WRITE);

    if (xattr_target(kind, a[0], buf, sizeof(buf), &path) < 0)
        return -EFAULT;
    return get_errno(kind == XA_FD ? flistxattr((int)a[0], list, len)
                     : kind == XA_LPATH ? llistxattr(path, list, len)
                                        : listxattr(path, list, len));
}

static abi_long do_removexattr(int kind, const uint32_t *a)
{
    char buf[PATH_MAX];
    const char *path = NULL, *name = guest_string(a[1]);

    if (xattr_target(kind, a[0], buf, sizeof(buf), &path) < 0 || !name)
        return -EFAULT;
    return get_errno(kind == XA_FD ? fremovexattr((int)a[0], name)
                     : kind == XA_LPATH ? lremovexattr(path, name)
                                        : removexattr(path, name));
}

#define XATTR_CALLS(prefix, kind)                                                     \
    abi_long sys_##prefix##setxattr(CPUState *env, const uint32_t *a)                \
    {                                                                                 \
        (void)env;                                                                    \
        return do_setxattr(kind, a);                                                  \
    }                                                                                 \
    abi_long sys_##prefix##getxattr(CPUState *env, const uint32_t *a)                \
    {                                                                                 \
        (void)env;                                                                    \
        return do_getxattr(kind, a);                                                  \
    }                                                                                 \
    abi_long sys_##prefix##listxattr(CPUState *env, const uint32_t *a)               \
    {                                                                                 \
        (void)env;                                                                    \
        return do_listxattr(kind, a);                                                 \
    }                                                                                 \
    abi_long sys_##prefix##removexattr(CPUState *env, const uint32_t *a)             \
    {                                                                                 \
        (void)env;                                                                    \
        return do_removexattr(kind, a);                                               \
    }
XATTR_CALLS(, XA_PATH)
XATTR_CALLS(l, XA_LPATH)
XATTR_CALLS(f, XA_FD)
