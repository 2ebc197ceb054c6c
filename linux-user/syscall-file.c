/*
 * File-descriptor system calls: I/O, descriptors, fcntl, ioctl.  Whence
 * values, errno numbers and fd semantics are the guest's as the x86_64
 * host's, and so are the open flags but those the guest's
 * TARGET_OPEN_FLAGS lists (target-structs.h), so most calls pass straight
 * through once their guest buffers are checked; what differs is the width
 * of off_t, struct iovec and struct flock64, how the guest passes a 64-bit
 * argument, and those open flags, converted here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "host-compat.h"
#include "log.h"
#include "syscall.h"

/* ---- read / write ----------------------------------------------------- */

/* The buffers go to the host kernel as they are (guest_kernel_buf): a
 * buffer that runs into an unmapped page gives the short count Linux
 * gives. */
abi_long sys_read(CPUState *env, const uint32_t *a)
{
    uint32_t len = a[2];
    void *buf = guest_kernel_buf(a[1], &len, PAGE_WRITE);

    (void)env;
    return safe_host_call(SYS_read, (int)a[0], (long)buf, len, 0, 0, 0); /* may block */
}

abi_long sys_write(CPUState *env, const uint32_t *a)
{
    uint32_t len = a[2];
    const void *buf = guest_kernel_buf(a[1], &len, PAGE_READ);

    (void)env;
    long r = safe_host_call(SYS_write, (int)a[0], (long)buf, len, 0, 0, 0); /* a full pipe */
    return proc_fake_write((int)a[0], r, 0);
}

abi_long sys_pread64(CPUState *env, const uint32_t *a)
{
    uint32_t len = a[2];
    void *buf = guest_kernel_buf(a[1], &len, PAGE_WRITE);

    (void)env;
    return get_errno(pread((int)a[0], buf, len, arg64(a, 3)));
}

abi_long sys_pwrite64(CPUState *env, const uint32_t *a)
{
    uint32_t len = a[2];
    const void *buf = guest_kernel_buf(a[1], &len, PAGE_READ);

    (void)env;
    return proc_fake_write((int)a[0], get_errno(pwrite((int)a[0], buf, len, arg64(a, 3))), 1);
}

/*
 * Build a host iovec array from the guest's 32-bit one.  The buffers go
 * to the host kernel unchecked (guest_kernel_buf), so it fills or drains
 * what it can, as for read; a length that is negative as the guest's
 * 32-bit ssize_t is EINVAL (lib/iov_iter.c, iovec_from_user's compat
 * path).
 */
abi_long convert_iov(uint32_t addr, uint32_t cnt, int prot, struct iovec *iov)
{
    const TargetIovec *g;

    if (cnt > IOV_MAX)
        return -EINVAL;
    g = GUEST_R(addr, (uint64_t)cnt * sizeof(*g));
    if (!g && cnt)
        return -EFAULT;
    for (uint32_t i = 0; i < cnt; i++) {
        uint32_t len = g[i].iov_len;
        if ((int32_t)len < 0)
            return -EINVAL;
        iov[i].iov_base = guest_kernel_buf(g[i].iov_base, &len, prot);
        iov[i].iov_len = len;
    }
    return 0;
}

abi_long sys_readv(CPUState *env, const uint32_t *a)
{
    struct iovec iov[IOV_MAX];
    abi_long r = convert_iov(a[1], a[2], PAGE_WRITE, iov);

    (void)env;
    return r < 0 ? r : safe_host_call(SYS_readv, (int)a[0], (long)iov, (int)a[2], 0, 0, 0);
}

abi_long sys_writev(CPUState *env, const uint32_t *a)
{
    struct iovec iov[IOV_MAX];
    abi_long r = convert_iov(a[1], a[2], PAGE_READ, iov);

    (void)env;
    if (r < 0)
        return r;
    r = safe_host_call(SYS_writev, (int)a[0], (long)iov, (int)a[2], 0, 0, 0);
    return proc_fake_write((int)a[0], r, 0);
}

/* ---- open / close / seek ---------------------------------------------- */

/* A new descriptor number starts with no narrowed directory offsets. */
static abi_long fresh_fd(long r)
{
    if (r >= 0)
        dir_offsets_forget((int)fd_table_note(r));
    return get_errno(r);
}

/* Opening /proc/self/exe opens the guest's program (busybox re-reads it);
 * with O_NOFOLLOW it is the link itself, ELOOP as natively. */
static const char *exe_redirect(const char *path, int flags)
{
    return task.exe_path[0] && !(flags & O_NOFOLLOW) && path_is_proc_self_exe(path)
               ? task.exe_path
               : path;
}

/*
 * The kernel denies writing to a running program's file (ETXTBSY: the
 * exec holds it, fs/exec.c exe_file_deny_write_access; fs/namei.c
 * do_open and handle_truncate ask get_write_access).  The kernel exec'd
 * stitch, not the guest's program, so stitch refuses in its place an
 * open for writing or truncation of that file, after the errors the
 * kernel finds first (EEXIST for O_CREAT | O_EXCL, EACCES: left to the
 * open itself) and before anything is truncated.  Only this process's
 * program: another process running it under its own stitch is not known
 * here (docs/divergences.md).
 */
int writes_running_exe(int dirfd, const char *path, int flags)
{
    struct stat st;

    if ((flags & O_PATH) || ((flags & O_ACCMODE) == O_RDONLY && !(flags & O_TRUNC)) ||
        (flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL) || !task.exe_ino)
        return 0;
    if (fstatat(dirfd, path, &st, flags & O_NOFOLLOW ? AT_SYMLINK_NOFOLLOW : 0) < 0 ||
        !S_ISREG(st.st_mode) || st.st_dev != task.exe_dev || st.st_ino != task.exe_ino)
        return 0;
    return faccessat(dirfd, path, W_OK, AT_EACCESS) == 0;
}

/* The open flags whose values the guest spells its own way
 * (TARGET_OPEN_FLAGS(X), X(guest, host)), converted both ways; the other
 * bits are the same on both sides. */
#define GUEST_BIT(g, h) | (g)
#define HOST_BIT(g, h) | (h)
#define GUEST_OPEN_BITS (0u TARGET_OPEN_FLAGS(GUEST_BIT))
#define HOST_OPEN_BITS (0u TARGET_OPEN_FLAGS(HOST_BIT))

static int open_flags_to_host(uint32_t g)
{
    uint32_t h = g & ~GUEST_OPEN_BITS;

#define TO_HOST(gv, hv) h |= (g & (gv)) ? (uint32_t)(hv) : 0;
    TARGET_OPEN_FLAGS(TO_HOST)
#undef TO_HOST
    return (int)h;
}

static uint32_t open_flags_to_guest(int host)
{
    uint32_t h = (uint32_t)host, g = h & ~HOST_OPEN_BITS;

#define TO_GUEST(gv, hv) g |= (h & (uint32_t)(hv)) ? (gv) : 0;
    TARGET_OPEN_FLAGS(TO_GUEST)
#undef TO_GUEST
    return g;
}

/*
 * The guest is a 32-bit task: its open and openat keep O_LARGEFILE out
 * unless it asks (fs/open.c, the compat entries skip force_o_largefile()),
 * so a regular file over 2 GiB - 1 is EOVERFLOW (generic_file_open) and
 * the open file keeps the 32-bit limits.  stitch's own openat always gets
 * the flag, so those opens go through the host's 32-bit entry
 * (host-compat.h).  Without one, only the open-time refusal is kept,
 * checked here: before opening when O_TRUNC would cut the file first.
 */
#define MAX_NON_LFS 0x7fffffffLL

static int too_big_for_32bit(int fd)
{
    struct stat st;

    return fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > MAX_NON_LFS;
}

static int open_fallback(int dirfd, const char *path, int flags, mode_t mode)
{
    struct stat st;
    int fd;

    if ((flags & O_TRUNC) &&
        fstatat(dirfd, path, &st, flags & O_NOFOLLOW ? AT_SYMLINK_NOFOLLOW : 0) == 0 &&
        S_ISREG(st.st_mode) && st.st_size > MAX_NON_LFS)
        return errno = EOVERFLOW, -1;
    fd = openat(dirfd, path, flags, mode);
    if (fd >= 0 && !(flags & O_PATH) && too_big_for_32bit(fd)) {
        close(fd);
        return errno = EOVERFLOW, -1;
    }
    return fd;
}

static int open_as_guest(int dirfd, const char *path, int flags, mode_t mode)
{
    int r;

    if (writes_running_exe(dirfd, path, flags))
        return errno = ETXTBSY, -1;
    if (flags & HOST_O_LARGEFILE)
        return openat(dirfd, path, flags, mode);
    r = host_compat_openat(dirfd, path, flags, mode);
    if (r == HOST_COMPAT_NONE)
        return open_fallback(dirfd, path, flags, mode);
    return r < 0 ? (errno = -r, -1) : r;
}

/* Opening a faked file's fd/N link opens the proc entry it stands for
 * anew (fs/proc/fd.c proc_fd_link), faked again. */
static const char *reopened(int dirfd, const char *path, int flags, char *buf, size_t size)
{
    const char *entry =
        proc_fake_at(dirfd, path, flags & O_NOFOLLOW ? AT_SYMLINK_NOFOLLOW : 0, buf, size);

    return entry ? entry : path;
}

/*
 * A faked /proc file (proc-self.c) opens as the entry would.  The host's
 * entry of this process, opened with the guest's flags, gives the
 * kernel's verdict on them (ENOTDIR, EEXIST, the permissions); the
 * descriptor is then the private copy opened again through its fd/N
 * link with those flags, so that F_GETFL shows the access mode and the
 * O_LARGEFILE, or none, the guest asked for.  With O_PATH too: a path
 * descriptor of the entry would let the guest reach stitch's own file
 * through its fd/N link or AT_EMPTY_PATH, one of the copy stays with the
 * copy, which the faked-fd table knows.  Either goes to the copy's
 * number, the lowest free as the kernel's.
 */
static long open_faked(const char *path, int fake, int flags, mode_t mode)
{
    char link[64];
    int other;

    if (fake < 0)
        return errno = -fake, -1;
    other = open_as_guest(AT_FDCWD, path, flags, mode);
    if (other >= 0) {
        close(other);
        snprintf(link, sizeof(link), "/proc/self/fd/%d", fake);
        other = open_as_guest(AT_FDCWD, link,
                              flags & ~(O_CREAT | O_EXCL | O_TRUNC | O_DIRECTORY | O_NOFOLLOW), 0);
    }
    if (other < 0 || dup3(other, fake, flags & O_CLOEXEC) < 0) {
        int e = errno;
        close(fake);
        if (other >= 0)
            close(other);
        return errno = e, -1;
    }
    close(other);
    return fake;
}

abi_long sys_open(CPUState *env, const uint32_t *a)
{
    GET_PATH(path, a[0]);
    (void)env;
    int flags = open_flags_to_host(a[1]);
    char entry[PATH_MAX];
    path = reopened(AT_FDCWD, path, flags, entry, sizeof(entry));
    int fake = proc_self_open(path, flags);
    if (fake != PROC_NOT_FAKED)
        return fresh_fd(open_faked(path, fake, flags, (mode_t)a[2]));
    return fresh_fd(open_as_guest(AT_FDCWD, exe_redirect(path, flags), flags, (mode_t)a[2]));
}

abi_long sys_openat(CPUState *env, const uint32_t *a)
{
    GET_PATH_AT(path, guest_fd(a[0]), a[1]);
    (void)env;
    int flags = open_flags_to_host(a[2]);
    char entry[PATH_MAX];
    path = reopened(guest_fd(a[0]), path, flags, entry, sizeof(entry));
    int fake = proc_self_open(path, flags);
    if (fake != PROC_NOT_FAKED)
        return fresh_fd(open_faked(path, fake, flags, (mode_t)a[3]));
    return fresh_fd(open_as_guest(guest_fd(a[0]), exe_redirect(path, flags), flags, (mode_t)a[3]));
}

/*
 * openat2(dirfd, path, struct open_how *how, size): fs/open.c checks the
 * size (EINVAL below the first version's 24 bytes, E2BIG past a page),
 * then copy_struct_from_user (bytes past what it knows must be zero:
 * E2BIG), then the flags, then the path.  struct open_how is three u64s
 * on every ABI; the guest's open flags are in the low word.
 */
abi_long sys_openat2(CPUState *env, const uint32_t *a)
{
    uint64_t how[3];
    uint32_t size = a[3];
    const uint8_t *g;

    (void)env;
    if (size < sizeof(how))
        return -EINVAL;
    if (size > 4096)
        return -E2BIG;
    if (!(g = GUEST_R(a[2], size)))
        return -EFAULT;
    for (uint32_t i = sizeof(how); i < size; i++)
        if (g[i])
            return -E2BIG;
    memcpy(how, g, sizeof(how));
    how[0] = (how[0] & ~0xffffffffull) | (uint32_t)open_flags_to_host((uint32_t)how[0]);
    GET_PATH_AT(path, guest_fd(a[0]), a[1]);
    char entry[PATH_MAX];
    path = reopened(guest_fd(a[0]), path, (int)how[0], entry, sizeof(entry));
    int fake = proc_self_open(path, (int)how[0]);
    if (fake != PROC_NOT_FAKED)
        return fresh_fd(open_faked(path, fake, (int)how[0], (mode_t)how[1]));
    const char *file = exe_redirect(path, (int)how[0]);
    if (writes_running_exe(guest_fd(a[0]), file, (int)how[0]))
        return -ETXTBSY;
    return fresh_fd(syscall(SYS_openat2, guest_fd(a[0]), file, how, sizeof(how)));
}

/*
 * name_to_handle_at(dirfd, path, struct file_handle *, int *mount_id,
 * flags) and open_by_handle_at(mount_fd, struct file_handle *, flags):
 * struct file_handle (u32 handle_bytes, int handle_type, the bytes) has
 * one layout everywhere, so the host kernel reads and fills the guest's
 * (at most MAX_HANDLE_SZ, 128, bytes after the header).
 */
#define FILE_HANDLE_MAX (8 + 128)

abi_long sys_name_to_handle_at(CPUState *env, const uint32_t *a)
{
    uint32_t hlen = FILE_HANDLE_MAX, ilen = 4;
    void *h = guest_kernel_buf(a[2], &hlen, PAGE_WRITE);
    void *id = guest_kernel_buf(a[3], &ilen, PAGE_WRITE);

    (void)env;
    GET_PATH_AT(path, guest_fd(a[0]), a[1]);
    return get_errno(syscall(SYS_name_to_handle_at, guest_fd(a[0]), path, a[2] ? h : NULL,
                             a[3] ? id : NULL, (int)a[4]));
}

/* Its compat entry, like open's, leaves O_LARGEFILE out unless asked
 * (fs/fhandle.c); a handle the guest cannot fully show goes to the 64-bit
 * call, which finds the fault. */
abi_long sys_open_by_handle_at(CPUState *env, const uint32_t *a)
{
    uint32_t hlen = FILE_HANDLE_MAX, bytes = 0;
    const void *h = guest_kernel_buf(a[1], &hlen, PAGE_READ);
    int flags = open_flags_to_host(a[2]);

    (void)env;
    if (a[1] && hlen >= 8)
        memcpy(&bytes, h, 4); /* handle_bytes */
    if (a[1] && !(flags & HOST_O_LARGEFILE) && hlen >= 8 && bytes <= hlen - 8) {
        int r = host_compat_open_by_handle_at(guest_fd(a[0]), h, 8 + bytes, flags);
        if (r != HOST_COMPAT_NONE)
            return fresh_fd(r < 0 ? (errno = -r, -1) : r);
    }
    return fresh_fd(syscall(SYS_open_by_handle_at, guest_fd(a[0]), a[1] ? h : NULL, flags));
}

abi_long sys_close(CPUState *env, const uint32_t *a)
{
    (void)env;
    /* stitch's logs and stderr copy are not the guest's to close. */
    if (log_fd_kept((int)a[0]))
        return -EBADF;
    dir_offsets_forget((int)a[0]);
    return get_errno(close((int)a[0]));
}

/*
 * Seeking in a directory whose offsets getdents64 narrowed (syscall-fs.c)
 * takes and gives offsets in the narrowed form.
 */
static off_t do_lseek(int fd, off_t off, int whence)
{
    int narrow = dir_offsets_narrowed(fd);
    int64_t faked;

    if (proc_fake_lseek(fd, off, whence, &faked))
        return faked < 0 ? (errno = (int)-faked, -1) : (off_t)faked;
    off_t r = lseek(fd, narrow && whence == SEEK_SET ? (off_t)((uint64_t)off << 32) : off, whence);

    return narrow && r > 0 ? (off_t)((uint64_t)r >> 32) : r;
}

/*
 * lseek with the guest's 32-bit off_t.  A 64-bit kernel's compat lseek
 * (fs/read_write.c, ksys_lseek) has a 64-bit off_t, so its EOVERFLOW
 * check ("should only happen on 32 bit platforms") never fires: a
 * position past 2 GiB comes back cut to the low 32 bits of the register,
 * which the guest reads as negative, or as an errno above 4 GiB - 4096.
 */
abi_long sys_lseek(CPUState *env, const uint32_t *a)
{
    off_t r = do_lseek((int)a[0], (int32_t)a[1], (int)a[2]);

    (void)env;
    if (r < 0)
        return -errno;
    return (abi_long)(uint32_t)r;
}

/* _llseek(fd, offset_high, offset_low, loff_t *result, whence). */
abi_long sys__llseek(CPUState *env, const uint32_t *a)
{
    int64_t *res = GUEST_W(a[3], sizeof(int64_t));
    off_t r;

    (void)env;
    if (!res)
        return -EFAULT;
    r = do_lseek((int)a[0], offset64(a[2], a[1]), (int)a[4]);
    if (r < 0)
        return -errno;
    memcpy(res, &r, sizeof(int64_t));
    return 0;
}

abi_long sys_fsync(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(fsync((int)a[0]));
}

abi_long sys_fdatasync(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(fdatasync((int)a[0]));
}

abi_long sys_ftruncate64(CPUState *env, const uint32_t *a)
{
    (void)env;
    return proc_fake_truncate((int)a[0], get_errno(ftruncate((int)a[0], arg64(a, 1))));
}

/* truncate through a faked file's fd/N link truncates the entry it
 * stands for (fs/proc/fd.c proc_fd_link), whose permissions decide and
 * whose truncation changes nothing, not the copy. */
static const char *truncated_file(const char *path, char *buf, size_t size)
{
    const char *entry = proc_fake_link(AT_FDCWD, path, buf, size);

    return entry ? entry : path;
}

abi_long sys_truncate64(CPUState *env, const uint32_t *a)
{
    GET_PATH(path, a[0]);
    char entry[PATH_MAX];
    (void)env;
    path = truncated_file(path, entry, sizeof(entry));
    if (writes_running_exe(AT_FDCWD, exe_redirect(path, 0), O_WRONLY))
        return -ETXTBSY;
    return get_errno(truncate(exe_redirect(path, 0), arg64(a, 1)));
}

/* The old calls take the guest's 32-bit signed off_t (fs/open.c, the
 * compat truncate/ftruncate); a negative length is EINVAL before the
 * path is looked at. */
abi_long sys_ftruncate(CPUState *env, const uint32_t *a)
{
    (void)env;
    return proc_fake_truncate((int)a[0], get_errno(ftruncate((int)a[0], (int32_t)a[1])));
}

abi_long sys_truncate(CPUState *env, const uint32_t *a)
{
    (void)env;
    if ((int32_t)a[1] < 0)
        return -EINVAL;
    GET_PATH(path, a[0]);
    char entry[PATH_MAX];
    path = truncated_file(path, entry, sizeof(entry));
    if (writes_running_exe(AT_FDCWD, exe_redirect(path, 0), O_WRONLY))
        return -ETXTBSY;
    return get_errno(truncate(exe_redirect(path, 0), (int32_t)a[1]));
}

/* ---- descriptors ------------------------------------------------------ */

/*
 * stitch's own descriptors (include/log.h: its stderr copy, its logs)
 * are not open for the guest (EBADF, as natively), and their numbers are
 * free for it: one it asks for (dup2 onto it, or the lowest free one
 * from F_DUPFD's minimum on) is given up, the stream moving to another
 * (log_fd_vacate), so the guest gets the number it would natively.
 */
static abi_long dup_onto(int fd, int to, int flags)
{
    if (log_fd_kept(fd))
        return -EBADF;
    int moved = fd != to && fcntl(fd, F_GETFD) >= 0 && log_fd_vacate(to);
    int r = dup3(fd, to, flags);
    if (r < 0 && moved)
        close(to);
    return fresh_fd(r);
}

static abi_long dup_from(int fd, int min, int cmd)
{
    if (log_fd_kept(fd))
        return -EBADF;
    int r = fcntl(fd, cmd, min);
    int own = r < 0 ? -1 : log_next_kept_fd(min);
    if (own < 0 || own > r)
        return fresh_fd(r);
    abi_long g = dup_onto(fd, own, cmd == F_DUPFD_CLOEXEC ? O_CLOEXEC : 0);
    if (g < 0)
        return fresh_fd(r);
    close(r);
    return g;
}

abi_long sys_dup(CPUState *env, const uint32_t *a)
{
    (void)env;
    return dup_from((int)a[0], 0, F_DUPFD);
}

abi_long sys_dup2(CPUState *env, const uint32_t *a)
{
    int fd = (int)a[0], to = (int)a[1];

    (void)env;
    /* dup2(fd, fd) checks fd only (fs/file.c ksys_dup3's caller). */
    if (fd == to)
        return log_fd_kept(fd) ? -EBADF : get_errno(fcntl(fd, F_GETFD) < 0 ? -1 : fd);
    return dup_onto(fd, to, 0);
}

abi_long sys_dup3(CPUState *env, const uint32_t *a)
{
    int fd = (int)a[0], to = (int)a[1];

    (void)env;
    if (fd == to || ((int)a[2] & ~O_CLOEXEC))
        return -EINVAL;
    return dup_onto(fd, to, (int)a[2]);
}

/* int[2] is the same on both sides. */
abi_long sys_pipe2(CPUState *env, const uint32_t *a)
{
    int *fds = GUEST_W(a[0], 2 * sizeof(int));

    (void)env;
    if (!fds)
        return -EFAULT;
    if (pipe2(fds, (int)a[1]) < 0)
        return -errno;
    fd_table_note(fds[0]);
    fd_table_note(fds[1]);
    return 0;
}

abi_long sys_pipe(CPUState *env, const uint32_t *a)
{
    const uint32_t b[6] = { a[0], 0 };

    return sys_pipe2(env, b);
}

/* ---- fcntl ------------------------------------------------------------ */

/*
 * The 32-bit guest's record-lock commands with struct flock64
 * (asm-generic/fcntl.h: F_GETLK64 12, F_SETLK64 13, F_SETLKW64 14).  On
 * x86_64 the plain F_GETLK/F_SETLK/F_SETLKW already take the 64-bit
 * struct, and glibc's F_GETLK64 is defined to F_GETLK, so the guest
 * numbers are spelt here.
 */
enum { TARGET_F_GETLK64 = 12, TARGET_F_SETLK64 = 13, TARGET_F_SETLKW64 = 14 };

static abi_long fcntl_lock64(int fd, int host_cmd, uint32_t addr)
{
    TargetFlock64 *g = GUEST_W(addr, sizeof(*g));
    struct flock fl;

    if (!g)
        return -EFAULT;
    fl.l_type = g->l_type;
    fl.l_whence = g->l_whence;
    fl.l_start = g->l_start;
    fl.l_len = g->l_len;
    fl.l_pid = g->l_pid;
    if (fcntl(fd, host_cmd, &fl) < 0)
        return -errno;
    g->l_type = fl.l_type;
    g->l_whence = fl.l_whence;
    g->l_start = fl.l_start;
    g->l_len = fl.l_len;
    g->l_pid = fl.l_pid;
    return 0;
}

/* The 32-bit struct flock: a lock reaching past 2 GiB cannot be reported
 * (the kernel's compat fcntl says EOVERFLOW). */
static abi_long fcntl_lock32(int fd, int cmd, uint32_t addr)
{
    TargetFlock *g = GUEST_W(addr, sizeof(*g));
    struct flock fl;

    if (!g)
        return -EFAULT;
    fl.l_type = g->l_type;
    fl.l_whence = g->l_whence;
    fl.l_start = g->l_start;
    fl.l_len = g->l_len;
    fl.l_pid = g->l_pid;
    if (fcntl(fd, cmd, &fl) < 0)
        return -errno;
    if (cmd == F_GETLK && (fl.l_start > INT32_MAX || fl.l_len > INT32_MAX))
        return -EOVERFLOW;
    g->l_type = fl.l_type;
    g->l_whence = fl.l_whence;
    g->l_start = (int32_t)fl.l_start;
    g->l_len = (int32_t)fl.l_len;
    g->l_pid = fl.l_pid;
    return 0;
}

abi_long sys_fcntl64(CPUState *env, const uint32_t *a)
{
    int fd = (int)a[0];

    (void)env;
    if (log_fd_kept(fd))
        return -EBADF; /* stitch's, not the guest's (dup_from) */
    switch (a[1]) {
    /* Integer argument and integer result, same numbers on both. */
    case F_GETFL: {
        int r = fcntl(fd, F_GETFL);
        return r < 0 ? -errno : (abi_long)open_flags_to_guest(r);
    }
    case F_SETFL:
        return get_errno(fcntl(fd, F_SETFL, open_flags_to_host(a[2])));
    case F_DUPFD: case F_DUPFD_CLOEXEC:
        return dup_from(fd, (int)a[2], (int)a[1]);
    case F_GETFD: case F_SETFD:
    case F_GETOWN: case F_SETOWN:
    case F_GETSIG: case F_SETSIG: case F_SETPIPE_SZ: case F_GETPIPE_SZ:
    case F_ADD_SEALS: case F_GET_SEALS:
        return get_errno(fcntl(fd, (int)a[1], (int)a[2]));
    case F_GETLK: case F_SETLK: case F_SETLKW:
        return fcntl_lock32(fd, (int)a[1], a[2]);
    case TARGET_F_GETLK64:
        return fcntl_lock64(fd, F_GETLK, a[2]);
    case TARGET_F_SETLK64:
        return fcntl_lock64(fd, F_SETLK, a[2]);
    case TARGET_F_SETLKW64:
        return fcntl_lock64(fd, F_SETLKW, a[2]);
    case F_OFD_GETLK: case F_OFD_SETLK: case F_OFD_SETLKW:
        return fcntl_lock64(fd, (int)a[1], a[2]);
    default:
        if (log_enabled(unimp))
            log_printf("unimplemented fcntl command %u\n", a[1]);
        return -EINVAL;
    }
}

/* The old fcntl: same commands, the 64-bit lock ones are fcntl64's only. */
abi_long sys_fcntl(CPUState *env, const uint32_t *a)
{
    if (a[1] >= TARGET_F_GETLK64 && a[1] <= TARGET_F_SETLKW64)
        return -EINVAL;
    return sys_fcntl64(env, a);
}

/* ---- ioctl ------------------------------------------------------------ */

/* The host kernel's own struct termios (not glibc's larger one). */
typedef struct {
    uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t c_line;
    uint8_t c_cc[TARGET_NCCS];
} HostTermios;

static abi_long ioctl_tcgets(int fd, uint32_t cmd, uint32_t addr)
{
    TargetTermios *g = GUEST_W(addr, sizeof(*g));
    HostTermios t;

    if (!g)
        return -EFAULT;
    if (ioctl(fd, cmd, &t) < 0)
        return -errno;
    g->c_iflag = t.c_iflag;
    g->c_oflag = t.c_oflag;
    g->c_cflag = t.c_cflag;
    g->c_lflag = t.c_lflag;
    g->c_line = t.c_line;
    memcpy(g->c_cc, t.c_cc, TARGET_NCCS);
    return 0;
}

static abi_long ioctl_tcsets(int fd, uint32_t cmd, uint32_t addr)
{
    const TargetTermios *g = GUEST_R(addr, sizeof(*g));
    HostTermios t;

    if (!g)
        return -EFAULT;
    t.c_iflag = g->c_iflag;
    t.c_oflag = g->c_oflag;
    t.c_cflag = g->c_cflag;
    t.c_lflag = g->c_lflag;
    t.c_line = g->c_line;
    memcpy(t.c_cc, g->c_cc, TARGET_NCCS);
    return get_errno(ioctl(fd, cmd, &t));
}

/*
 * The ioctls whose argument layout is identical for the guest and the
 * x86_64 host:
 * `size` bytes at the pointer (0: the argument is a plain integer),
 * `prot` the access the kernel makes to them.
 */
static const struct {
    uint32_t cmd;
    uint32_t size;
    int prot;
} same_layout_ioctls[] = {
    { TIOCGWINSZ, sizeof(struct winsize), PAGE_WRITE },
    { TIOCSWINSZ, sizeof(struct winsize), PAGE_READ },
    { FIONREAD, sizeof(int), PAGE_WRITE },
    { TIOCOUTQ, sizeof(int), PAGE_WRITE },
    { FIONBIO, sizeof(int), PAGE_READ },
    { TIOCGPGRP, sizeof(int), PAGE_WRITE },
    { TIOCSPGRP, sizeof(int), PAGE_READ },
    { TIOCGSID, sizeof(int), PAGE_WRITE },
    { FIOCLEX, 0, 0 },
    { FIONCLEX, 0, 0 },
    { TCFLSH, 0, 0 },
    { TCXONC, 0, 0 },
    { TCSBRK, 0, 0 },
    { TIOCSCTTY, 0, 0 },
    { TIOCNOTTY, 0, 0 },
};

static abi_long ioctl_same_layout(int fd, uint32_t cmd, uint32_t arg, int *found)
{
    for (size_t i = 0; i < sizeof(same_layout_ioctls) / sizeof(same_layout_ioctls[0]); i++) {
        if (same_layout_ioctls[i].cmd != cmd)
            continue;
        *found = 1;
        if (same_layout_ioctls[i].size == 0)
            return get_errno(ioctl(fd, cmd, (unsigned long)arg));
        void *p = guest_ptr(arg, same_layout_ioctls[i].size, same_layout_ioctls[i].prot);
        return p ? get_errno(ioctl(fd, cmd, p)) : -EFAULT;
    }
    *found = 0;
    return 0;
}

abi_long sys_ioctl(CPUState *env, const uint32_t *a)
{
    int fd = (int)a[0], found;
    uint32_t cmd = a[1];

    (void)env;
    switch (cmd) {
    case TCGETS:
        return ioctl_tcgets(fd, cmd, a[2]);
    case TCSETS: case TCSETSW: case TCSETSF:
        return ioctl_tcsets(fd, cmd, a[2]);
    }
    abi_long r = ioctl_same_layout(fd, cmd, a[2], &found);
    if (found)
        return r;
    /* Unknown layouts are refused rather than passed with a guessed one. */
    if (log_enabled(unimp))
        log_printf("unimplemented ioctl 0x%x on fd %d\n", cmd, fd);
    return -ENOTTY;
}

/* sendfile64(out, in, loff_t *offset, count): the offset is a 64-bit value
 * only 4-byte aligned in guest memory; the old sendfile's is 32-bit. */
#include <sys/sendfile.h>

static abi_long do_sendfile(const uint32_t *a, int wide)
{
    void *g = a[2] ? GUEST_W(a[2], wide ? 8 : 4) : NULL;
    off_t off = 0;

    if (a[2] && !g)
        return -EFAULT;
    if (g) {
        int64_t o64 = 0;
        int32_t o32 = 0;
        if (wide)
            memcpy(&o64, g, 8), off = o64;
        else
            memcpy(&o32, g, 4), off = o32;
    }
    int standin = proc_fake_standin((int)a[1]);
    ssize_t r = sendfile((int)a[0], standin >= 0 ? standin : (int)a[1], g ? &off : NULL, a[3]);
    int err = errno;
    if (standin >= 0)
        close(standin);
    if (r < 0)
        return -err;
    if (g) {
        int64_t o64 = off;
        int32_t o32 = (int32_t)off;
        memcpy(g, wide ? (void *)&o64 : (void *)&o32, wide ? 8 : 4);
    }
    return (abi_long)r;
}

abi_long sys_sendfile64(CPUState *env, const uint32_t *a)
{
    (void)env;
    return do_sendfile(a, 1);
}

abi_long sys_sendfile(CPUState *env, const uint32_t *a)
{
    (void)env;
    return do_sendfile(a, 0);
}
