/*
 * Memory system calls: thin argument decoding in front of mmap.c, which
 * keeps the guest window consistent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <sys/mman.h>

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
