/*
 * The calls Linux 6.x added whose structures are the same fixed-width
 * layout for every ABI (u32 and u64 fields only, include/uapi): the page
 * cache's state (cachestat), the mount listing (statmount, listmount),
 * the LSM attributes (lsm_*), the extended attributes from a directory fd
 * (*xattrat) and the inode flags (file_getattr, file_setattr).
 *
 * Nothing needs converting but the guest pointers, so each call goes to
 * the host kernel with host addresses and the guest's other arguments,
 * and the host kernel checks them in its own order: the window's
 * protections are the guest's (an unmapped guest page is the PROT_NONE
 * reservation, linux-user/mmap.c) and a guard follows its top, so it
 * answers EFAULT for a bad pointer where Linux would, after the checks
 * Linux makes first.  The one pointer inside a structure, struct
 * xattr_args' value, is a 64-bit field made a host address here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <limits.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "host-syscall-nr.h"
#include "syscall.h"

/*
 * A guest pointer the host kernel follows itself: NULL stays NULL (these
 * calls take it to mean "none" or "how big"), anything else is its host
 * address.  A buffer the kernel writes, len bytes, is first cleared of
 * translated code (guest_kernel_buf), as a guest store would be.
 */
static long kernel_ptr(uint32_t addr, uint64_t len, int prot)
{
    uint32_t n = len > UINT32_MAX ? UINT32_MAX : (uint32_t)len;

    return addr ? (long)guest_kernel_buf(addr, &n, prot) : 0;
}

/* The size-versioned structures (copy_struct_from_user) are at most a
 * page: the kernel refuses a bigger one (E2BIG) before reading it. */
#define KERNEL_STRUCT_MAX 4096u

static uint32_t struct_len(uint32_t usize)
{
    return usize < KERNEL_STRUCT_MAX ? usize : KERNEL_STRUCT_MAX;
}

/* ---- cachestat (Linux 6.5, mm/filemap.c) ---------------------------------- */

/* struct cachestat_range { u64 off, len; } in, struct cachestat (five
 * u64 counters) out. */
#define CACHESTAT_RANGE_SIZE 16
#define CACHESTAT_SIZE 40

abi_long sys_cachestat(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(syscall(SYS_cachestat, a[0], kernel_ptr(a[1], CACHESTAT_RANGE_SIZE, PAGE_READ),
                             kernel_ptr(a[2], CACHESTAT_SIZE, PAGE_WRITE), a[3]));
}

/* ---- statmount, listmount (Linux 6.8, fs/namespace.c) --------------------- */

/* req is a struct mnt_id_req (u32 size, u32, then u64s), read up to its
 * size; statmount's buffer is a struct statmount whose strings follow it
 * at offsets, listmount's an array of u64 mount ids. */
abi_long sys_statmount(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(syscall(SYS_statmount, kernel_ptr(a[0], 0, PAGE_READ),
                             kernel_ptr(a[1], a[2], PAGE_WRITE), a[2], a[3]));
}

abi_long sys_listmount(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(syscall(SYS_listmount, kernel_ptr(a[0], 0, PAGE_READ),
                             kernel_ptr(a[1], (uint64_t)a[2] * 8, PAGE_WRITE), a[2], a[3]));
}

/* ---- lsm_get_self_attr, lsm_set_self_attr, lsm_list_modules (Linux 6.8) ---- */

/* The length in a u32 the guest passes by pointer: what the kernel may
 * write into the buffer beside it (0 if unreadable: the kernel faults on
 * the u32 before writing anything). */
static uint32_t guest_u32(uint32_t addr)
{
    const uint32_t *p = addr ? GUEST_R(addr, 4) : NULL;

    return p ? *p : 0;
}

/* (attr, struct lsm_ctx *ctx, u32 *size, flags): struct lsm_ctx is four
 * u64 and the context bytes, several of them back to back. */
abi_long sys_lsm_get_self_attr(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(syscall(SYS_lsm_get_self_attr, a[0],
                             kernel_ptr(a[1], guest_u32(a[2]), PAGE_WRITE),
                             kernel_ptr(a[2], 4, PAGE_WRITE), a[3]));
}

abi_long sys_lsm_set_self_attr(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(syscall(SYS_lsm_set_self_attr, a[0], kernel_ptr(a[1], a[2], PAGE_READ),
                             a[2], a[3]));
}

/* (u64 *ids, u32 *size, flags) */
abi_long sys_lsm_list_modules(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(syscall(SYS_lsm_list_modules, kernel_ptr(a[0], guest_u32(a[1]), PAGE_WRITE),
                             kernel_ptr(a[1], 4, PAGE_WRITE), a[2]));
}

/* ---- setxattrat, getxattrat, listxattrat, removexattrat (Linux 6.13) ------- */

/* struct xattr_args (include/uapi/linux/xattr.h): value is a pointer in
 * a 64-bit field. */
typedef struct {
    uint64_t value;
    uint32_t size, flags;
} XattrArgs;
_Static_assert(sizeof(XattrArgs) == 16, "struct xattr_args");

/*
 * The guest's usize bytes of struct xattr_args, copied into `copy` with
 * value made a host address (a buffer of size bytes the kernel reads or
 * writes by `prot`).  A size the kernel refuses (EINVAL, E2BIG) it
 * refuses before reading: then, and for unreadable bytes, the guest's
 * own address goes, to be refused or faulted on in the kernel's order.
 * Bytes past the structure go as they are: the kernel wants them 0.
 */
static long xattr_args_to_host(uint32_t addr, uint32_t usize, unsigned char *copy, int prot)
{
    const void *g = NULL;
    XattrArgs args;

    if (addr && usize >= sizeof(args) && usize <= KERNEL_STRUCT_MAX)
        g = GUEST_R(addr, usize);
    if (!g)
        return kernel_ptr(addr, 0, PAGE_READ);
    memcpy(copy, g, usize);
    memcpy(&args, copy, sizeof(args));
    if (args.value <= UINT32_MAX)
        args.value = (uint64_t)kernel_ptr((uint32_t)args.value, args.size, prot);
    else
        args.value = guest_ptr64_to_host(args.value);
    memcpy(copy, &args, sizeof(args));
    return (long)copy;
}

/* (dfd, path, at_flags, name, struct xattr_args *, usize) */
static abi_long do_xattrat_args(long nr, const uint32_t *a, int prot)
{
    char buf[PATH_MAX];
    unsigned char copy[KERNEL_STRUCT_MAX];
    const char *path = kernel_path_at(guest_fd(a[0]), a[1], buf, sizeof(buf));
    long args = xattr_args_to_host(a[4], a[5], copy, prot);

    return get_errno(syscall(nr, guest_fd(a[0]), path, a[2], kernel_ptr(a[3], 0, PAGE_READ),
                             args, a[5]));
}

abi_long sys_setxattrat(CPUState *env, const uint32_t *a)
{
    (void)env;
    return do_xattrat_args(SYS_setxattrat, a, PAGE_READ);
}

abi_long sys_getxattrat(CPUState *env, const uint32_t *a)
{
    (void)env;
    return do_xattrat_args(SYS_getxattrat, a, PAGE_WRITE);
}

/* (dfd, path, at_flags, char *list, size) */
abi_long sys_listxattrat(CPUState *env, const uint32_t *a)
{
    char buf[PATH_MAX];
    const char *path = kernel_path_at(guest_fd(a[0]), a[1], buf, sizeof(buf));

    (void)env;
    return get_errno(syscall(SYS_listxattrat, guest_fd(a[0]), path, a[2],
                             kernel_ptr(a[3], a[4], PAGE_WRITE), a[4]));
}

/* (dfd, path, at_flags, name) */
abi_long sys_removexattrat(CPUState *env, const uint32_t *a)
{
    char buf[PATH_MAX];
    const char *path = kernel_path_at(guest_fd(a[0]), a[1], buf, sizeof(buf));

    (void)env;
    return get_errno(syscall(SYS_removexattrat, guest_fd(a[0]), path, a[2],
                             kernel_ptr(a[3], 0, PAGE_READ)));
}

/* ---- file_getattr, file_setattr (Linux 6.17, fs/file_attr.c) -------------- */

/* (dfd, path, struct file_attr *, usize, at_flags): struct file_attr is
 * five u32, size-versioned. */
static abi_long do_file_attr(long nr, const uint32_t *a, int prot)
{
    char buf[PATH_MAX];
    const char *path = kernel_path_at(guest_fd(a[0]), a[1], buf, sizeof(buf));

    return get_errno(syscall(nr, guest_fd(a[0]), path, kernel_ptr(a[2], struct_len(a[3]), prot),
                             a[3], a[4]));
}

abi_long sys_file_getattr(CPUState *env, const uint32_t *a)
{
    (void)env;
    return do_file_attr(SYS_file_getattr, a, PAGE_WRITE);
}

abi_long sys_file_setattr(CPUState *env, const uint32_t *a)
{
    (void)env;
    return do_file_attr(SYS_file_setattr, a, PAGE_READ);
}
