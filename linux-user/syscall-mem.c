/*
 * Memory system calls: thin argument decoding in front of mmap.c, which
 * keeps the guest window consistent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE /* mlock2 */
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall.h"

abi_long sys_brk(CPUState *env, const uint32_t *a)
{
    (void)env;
    return (abi_long)target_brk(a[0]);
}

/* mmap2's offset is in 4096-byte units, whatever the page size, on the
 * 32-bit ABIs that have it (mm/mmap.c ksys_mmap_pgoff). */
abi_long sys_mmap2(CPUState *env, const uint32_t *a)
{
    (void)env;
    return target_mmap(a[0], a[1], (int)a[2], (int)a[3], (int32_t)a[4], (uint64_t)a[5] << 12);
}

/* The old mmap (the kernel's old_mmap, __ARCH_WANT_SYS_OLD_MMAP, listed
 * as plain "mmap" by the 32-bit ABIs that keep it) takes one pointer to
 * its six arguments (struct mmap_arg_struct), with a byte offset. */
abi_long sys_mmap(CPUState *env, const uint32_t *a)
{
    uint32_t args[6];
    const void *p = GUEST_R(a[0], sizeof(args));

    (void)env;
    if (!p)
        return -EFAULT;
    memcpy(args, p, sizeof(args));
    if (args[5] & (TARGET_PAGE_SIZE - 1))
        return -EINVAL;
    return target_mmap(args[0], args[1], (int)args[2], (int)args[3], (int32_t)args[4], args[5]);
}

abi_long sys_munmap(CPUState *env, const uint32_t *a)
{
    (void)env;
    return target_munmap(a[0], a[1]);
}

abi_long sys_mprotect(CPUState *env, const uint32_t *a)
{
    (void)env;
    return target_mprotect(a[0], a[1], (int)a[2]);
}

abi_long sys_mremap(CPUState *env, const uint32_t *a)
{
    (void)env;
    return target_mremap(a[0], a[1], a[2], (int)a[3], a[4]);
}

abi_long sys_madvise(CPUState *env, const uint32_t *a)
{
    (void)env;
    return target_madvise(a[0], a[1], (int)a[2]);
}

/* ---- locking, syncing, residency ----------------------------------------- */

/* The page-aligned range [addr, addr+len) as mm/mlock.c widens it;
 * 0 if every page is mapped, else ENOMEM (the kernel's walk over the
 * VMAs finds the hole). */
static abi_long mapped_range(uint32_t *addr, uint32_t *len)
{
    uint64_t start = *addr & TARGET_PAGE_MASK;
    uint64_t alen = TARGET_PAGE_ALIGN((uint64_t)*len + (*addr - start));

    if (start + alen > GUEST_TOP || !guest_range_ok((uint32_t)start, alen, 0))
        return -ENOMEM;
    *addr = (uint32_t)start, *len = (uint32_t)alen;
    return 0;
}

abi_long sys_mlock(CPUState *env, const uint32_t *a)
{
    uint32_t addr = a[0], len = a[1];

    (void)env;
    if (len == 0)
        return 0;
    abi_long r = mapped_range(&addr, &len);
    return r ? r : get_errno(mlock(g2h(addr), len));
}

abi_long sys_mlock2(CPUState *env, const uint32_t *a)
{
    uint32_t addr = a[0], len = a[1];

    (void)env;
    if (a[2] & ~1u) /* MLOCK_ONFAULT */
        return -EINVAL;
    if (len == 0)
        return 0;
    abi_long r = mapped_range(&addr, &len);
    return r ? r : get_errno(syscall(SYS_mlock2, g2h(addr), (size_t)len, (unsigned)a[2]));
}

abi_long sys_munlock(CPUState *env, const uint32_t *a)
{
    uint32_t addr = a[0], len = a[1];

    (void)env;
    if (len == 0)
        return 0;
    abi_long r = mapped_range(&addr, &len);
    return r ? r : get_errno(munlock(g2h(addr), len));
}

/* All of stitch's memory is locked too: it is the process's. */
abi_long sys_mlockall(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(mlockall((int)a[0]));
}

abi_long sys_munlockall(CPUState *env, const uint32_t *a)
{
    (void)env, (void)a;
    return get_errno(munlockall());
}

/* mm/msync.c: the flags and alignment first, length 0 is success, then
 * the range must be mapped. */
abi_long sys_msync(CPUState *env, const uint32_t *a)
{
    uint32_t addr = a[0], len = a[1];
    int flags = (int)a[2];

    (void)env;
    if ((flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) || (addr & ~TARGET_PAGE_MASK) ||
        ((flags & MS_ASYNC) && (flags & MS_SYNC)))
        return -EINVAL;
    if (TARGET_PAGE_ALIGN(len) == 0)
        return 0;
    abi_long r = mapped_range(&addr, &len);
    return r ? r : get_errno(msync(g2h(addr), len, flags));
}

/* mm/mincore.c: misaligned is EINVAL, a hole ENOMEM; the vector is the
 * host kernel's to write (one byte per page, the same on both sides). */
abi_long sys_mincore(CPUState *env, const uint32_t *a)
{
    uint32_t addr = a[0], len = a[1];

    (void)env;
    if (addr & ~TARGET_PAGE_MASK)
        return -EINVAL;
    if (len == 0)
        return 0;
    abi_long r = mapped_range(&addr, &len);
    if (r)
        return r;
    uint32_t vlen = len / TARGET_PAGE_SIZE;
    void *vec = guest_kernel_buf(a[2], &vlen, PAGE_WRITE);
    if (vlen < len / TARGET_PAGE_SIZE)
        return -EFAULT;
    return get_errno(mincore(g2h(addr), len, vec));
}
