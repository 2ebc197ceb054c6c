/*
 * File I/O beyond read and write: positioned vectored I/O, space
 * allocation and advice, locks, copies between files, closing ranges,
 * anonymous memory files.  The buffers are the host kernel's to fill
 * (guest_kernel_buf, convert_iov); what needs converting is the 64-bit
 * offsets, two 32-bit words, low first, which a guest whose ABI aligns
 * register pairs (ARM EABI) starts at an even word (arg64, syscall.h).
 * preadv/pwritev take theirs as two separate longs (pos_l, pos_h), never
 * aligned.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "log.h"
#include "syscall.h"

/* preadv/pwritev(fd, iov, cnt, pos_lo, pos_hi[, flags]): fs/read_write.c
 * checks the offset (EINVAL if negative) after the vector. */
static abi_long do_prwv(const uint32_t *a, int write, int with_flags)
{
    struct iovec iov[IOV_MAX];
    abi_long r = convert_iov(a[1], a[2], write ? PAGE_READ : PAGE_WRITE, iov);
    int64_t pos = offset64(a[3], a[4]);
    int flags = with_flags ? (int)a[5] : 0;

    if (r < 0)
        return r;
    /* preadv2's -1 means the current position; the others reject it. */
    if (pos < 0 && !(with_flags && pos == -1))
        return -EINVAL;
    if (write)
        return proc_fake_write((int)a[0], get_errno(pwritev2((int)a[0], iov, (int)a[2], pos, flags)),
                               pos != -1);
    return get_errno(preadv2((int)a[0], iov, (int)a[2], pos, flags));
}

abi_long sys_preadv(CPUState *env, const uint32_t *a)
{
    (void)env;
    return do_prwv(a, 0, 0);
}

abi_long sys_pwritev(CPUState *env, const uint32_t *a)
{
    (void)env;
    return do_prwv(a, 1, 0);
}

abi_long sys_preadv2(CPUState *env, const uint32_t *a)
{
    (void)env;
    return do_prwv(a, 0, 1);
}

abi_long sys_pwritev2(CPUState *env, const uint32_t *a)
{
    (void)env;
    return do_prwv(a, 1, 1);
}

/* fallocate(fd, mode, off, len): both pairs already even on ARM. */
abi_long sys_fallocate(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(fallocate((int)a[0], (int)a[1], arg64(a, 2), arg64(a, 4)));
}

/* fadvise64(fd, off, len (32-bit), advice): i386 only. */
abi_long sys_fadvise64(CPUState *env, const uint32_t *a)
{
    (void)env;
    return -posix_fadvise((int)a[0], offset64(a[1], a[2]), (off_t)(int32_t)a[3], (int)a[4]);
}

/* fadvise64_64(fd, off, len, advice): i386 only (ARM's puts the advice
 * second, arm_fadvise64_64, so that the pairs fall on even words). */
abi_long sys_fadvise64_64(CPUState *env, const uint32_t *a)
{
    (void)env;
    return -posix_fadvise((int)a[0], offset64(a[1], a[2]), offset64(a[3], a[4]), (int)a[5]);
}

/* readahead(fd, off, count): ARM's offset after a pad word. */
abi_long sys_readahead(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(readahead((int)a[0], arg64(a, 1), a[arg64_index(1) + 2]));
}

/* sync_file_range(fd, off, n, flags): i386 only (ARM's is
 * sync_file_range2, flags second). */
abi_long sys_sync_file_range(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(sync_file_range((int)a[0], offset64(a[1], a[2]), offset64(a[3], a[4]), a[5]));
}

/* ---- pipes: splice, tee, vmsplice ------------------------------------- */

/* A loff_t * argument: NULL, or the guest's 64-bit little-endian word,
 * which the host reads and updates in place (-EFAULT through *bad). */
static loff_t *loff_ptr(uint32_t addr, int *bad)
{
    loff_t *p = addr ? GUEST_W(addr, 8) : NULL;

    *bad |= addr && !p;
    return p;
}

/* splice(fd_in, loff_t *off_in, fd_out, loff_t *off_out, len, flags) */
abi_long sys_splice(CPUState *env, const uint32_t *a)
{
    int bad = 0;
    loff_t *in = loff_ptr(a[1], &bad), *out = loff_ptr(a[3], &bad);

    (void)env;
    if (bad)
        return -EFAULT;
    int standin = proc_fake_standin((int)a[0]);
    ssize_t r = splice(standin >= 0 ? standin : (int)a[0], in, (int)a[2], out, a[4], a[5]);
    int err = errno;
    if (standin >= 0)
        close(standin);
    return r < 0 ? -err : (abi_long)r;
}

/* tee(fd_in, fd_out, len, flags) */
abi_long sys_tee(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(tee((int)a[0], (int)a[1], a[2], a[3]));
}

/*
 * vmsplice(fd, iov, nr_segs, flags): into a pipe the kernel reads the
 * buffers (vmsplice_to_pipe), out of one it writes them
 * (vmsplice_to_user), whichever way the descriptor is open; the host's
 * vmsplice then works on the guest's memory itself.
 */
abi_long sys_vmsplice(CPUState *env, const uint32_t *a)
{
    struct iovec iov[IOV_MAX];
    int mode = fcntl((int)a[0], F_GETFL);
    abi_long r;

    (void)env;
    if (mode < 0)
        return -errno;
    r = convert_iov(a[1], a[2], (mode & O_ACCMODE) == O_RDONLY ? PAGE_WRITE : PAGE_READ, iov);
    if (r < 0)
        return r;
    return get_errno(vmsplice((int)a[0], iov, a[2], a[3]));
}

abi_long sys_flock(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(flock((int)a[0], (int)a[1]));
}

/* copy_file_range(fd_in, loff_t *off_in, fd_out, loff_t *off_out, len,
 * flags): the offsets are 64-bit little-endian in guest memory, as the
 * host's. */
abi_long sys_copy_file_range(CPUState *env, const uint32_t *a)
{
    int64_t *in = a[1] ? GUEST_W(a[1], 8) : NULL, *out = a[3] ? GUEST_W(a[3], 8) : NULL;

    (void)env;
    if ((a[1] && !in) || (a[3] && !out))
        return -EFAULT;
    return get_errno(syscall(SYS_copy_file_range, (int)a[0], in, (int)a[2], out, (size_t)a[4],
                             (unsigned)a[5]));
}

/*
 * close_range(first, last, flags) must not close stitch's own
 * descriptors (its logs and stderr copy, which sys_close refuses too):
 * the range is closed around them.
 */
abi_long sys_close_range(CPUState *env, const uint32_t *a)
{
    uint32_t lo = a[0], hi = a[1];
    int keep;

    (void)env;
    if (lo > hi)
        return -EINVAL;
    while (lo <= INT_MAX && (keep = log_next_kept_fd((int)lo)) >= 0 && (uint32_t)keep <= hi) {
        if ((uint32_t)keep > lo &&
            syscall(SYS_close_range, lo, (uint32_t)keep - 1, (unsigned)a[2]) < 0)
            return -errno;
        lo = (uint32_t)keep + 1;
        if (lo > hi || lo == 0)
            return 0;
    }
    return get_errno(syscall(SYS_close_range, lo, hi, (unsigned)a[2]));
}

abi_long sys_memfd_create(CPUState *env, const uint32_t *a)
{
    const char *name = guest_string(a[0]);

    (void)env;
    if (!name)
        return -EFAULT;
    return get_errno(fd_table_note(memfd_create(name, (unsigned)a[1])));
}

/* ---- inotify ---------------------------------------------------------- */

/* struct inotify_event (wd, mask, cookie, len, name[]) has the same
 * layout on both sides, so reads pass through. */
abi_long sys_inotify_init(CPUState *env, const uint32_t *a)
{
    (void)env, (void)a;
    return get_errno(fd_table_note(inotify_init()));
}

abi_long sys_inotify_init1(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(fd_table_note(inotify_init1((int)a[0])));
}

abi_long sys_inotify_add_watch(CPUState *env, const uint32_t *a)
{
    GET_PATH(path, a[1]);
    (void)env;
    return get_errno(inotify_add_watch((int)a[0], path, a[2]));
}

abi_long sys_inotify_rm_watch(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(inotify_rm_watch((int)a[0], (int)a[1]));
}

/*
 * fanotify: the events read from the group's fd are struct
 * fanotify_event_metadata, whose 64-bit mask is 8-byte aligned on every
 * ABI: the same 24 bytes for the guest.  fanotify_mark's 64-bit mask comes
 * in two argument words (arg64); the path may be NULL (the dirfd itself).
 */
abi_long sys_fanotify_init(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(fd_table_note(syscall(SYS_fanotify_init, (unsigned)a[0], (unsigned)a[1])));
}

abi_long sys_fanotify_mark(CPUState *env, const uint32_t *a)
{
    int i = arg64_index(2);
    uint32_t dirfd = a[i + 2], name = a[i + 3];
    char buf[PATH_MAX];
    const char *path = NULL;

    (void)env;
    if (name && !(path = guest_path_at(guest_fd(dirfd), name, buf, sizeof(buf))))
        return -EFAULT;
    return get_errno(syscall(SYS_fanotify_mark, (int)a[0], (unsigned)a[1],
                             (uint64_t)arg64(a, 2), guest_fd(dirfd), path));
}

/* ---- I/O priorities ----------------------------------------------------- */

abi_long sys_ioprio_get(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(syscall(SYS_ioprio_get, (int)a[0], (int)a[1]));
}

abi_long sys_ioprio_set(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(syscall(SYS_ioprio_set, (int)a[0], (int)a[1], (int)a[2]));
}
