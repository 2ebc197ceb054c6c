/*
 * Memory system calls: thin argument decoding in front of mmap.c, which
 * keeps the guest window consistent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE /* mlock2 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
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
    return target_mmap(args[0], args[1], (int)args[2], (int)args[3], (int32_t)fd_for_host(args[4]),
                       args[5]);
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

/* The lock calls go to the kernel through syscall(): ASan's interceptors
 * make mlock, munlock, mlockall and munlockall do nothing, and the
 * SANITIZE=1 build must lock what the guest locks (99-proc-smaps). */

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
    return r ? r : get_errno(syscall(SYS_mlock, g2h(addr), (size_t)len));
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
    return r ? r : get_errno(syscall(SYS_munlock, g2h(addr), (size_t)len));
}

/* All of stitch's memory is locked too: it is the process's. */
abi_long sys_mlockall(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(syscall(SYS_mlockall, (int)a[0]));
}

abi_long sys_munlockall(CPUState *env, const uint32_t *a)
{
    (void)env, (void)a;
    return get_errno(syscall(SYS_munlockall));
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

/* ---- NUMA memory policy (mm/mempolicy.c) --------------------------------- */

/*
 * A node mask of maxnode - 1 bits, which a 32-bit task lays out in 32-bit
 * words (compat_get_bitmap): copied into 64-bit words for the host, the
 * bits past the guest's last word zero.  A mask the guest cannot read is
 * handed on as it is, so that the host kernel reports EFAULT in its own
 * order, after its checks of the other arguments.
 */
#define NODEMASK_MAX_BITS (4096 * 8) /* get_nodes: PAGE_SIZE * BITS_PER_BYTE */

typedef struct {
    uint64_t w[NODEMASK_MAX_BITS / 64 + 1];
} HostNodemask;

static abi_long nodemask_in(uint32_t addr, uint32_t maxnode, HostNodemask *m, void **out)
{
    uint64_t bits = maxnode ? maxnode - 1 : 0;

    *out = NULL;
    if (!addr || bits == 0)
        return 0;
    if (bits > NODEMASK_MAX_BITS)
        return -EINVAL;
    uint32_t bytes = (uint32_t)((bits + 31) / 32 * 4);
    const void *g = GUEST_R(addr, bytes);
    if (!g) {
        *out = g2h(addr);
        return 0;
    }
    memset(m, 0, sizeof(*m));
    memcpy(m->w, g, bytes);
    *out = m->w;
    return 0;
}

/* A guest address range must be mapped in the guest (the host has its
 * reservations there): a hole is the kernel's EFAULT. */
static int guest_range_mapped(uint32_t start, uint32_t len)
{
    uint64_t alen = TARGET_PAGE_ALIGN((uint64_t)len);

    return start + alen <= GUEST_TOP && guest_range_ok(start, alen, 0);
}

/*
 * mbind: the host checks the arguments on an empty range at the same
 * address (do_mbind returns before looking at the pages), then a hole in
 * the guest's range is EFAULT (queue_pages_range without
 * MPOL_MF_DISCONTIG_OK), then the real call.
 */
abi_long sys_mbind(CPUState *env, const uint32_t *a)
{
    HostNodemask m;
    void *nodes;

    (void)env;
    abi_long r = nodemask_in(a[3], a[4], &m, &nodes);
    if (r)
        return r;
    if (syscall(SYS_mbind, g2h(a[0]), 0UL, (long)(int32_t)a[2], nodes, (unsigned long)a[4],
                (unsigned)a[5]) < 0)
        return -errno;
    if (a[1] == 0)
        return 0;
    if (!guest_range_mapped(a[0], a[1]))
        return -EFAULT;
    return get_errno(syscall(SYS_mbind, g2h(a[0]), (unsigned long)a[1], (long)(int32_t)a[2],
                             nodes, (unsigned long)a[4], (unsigned)a[5]));
}

abi_long sys_set_mempolicy(CPUState *env, const uint32_t *a)
{
    HostNodemask m;
    void *nodes;

    (void)env;
    abi_long r = nodemask_in(a[1], a[2], &m, &nodes);
    return r ? r : get_errno(syscall(SYS_set_mempolicy, (int32_t)a[0], nodes, (unsigned long)a[2]));
}

/*
 * get_mempolicy writes the mask as copy_nodes_to_user does for a compat
 * task: the same bytes as a 64-bit task's on a little-endian machine
 * (ALIGN(maxnode - 1, 64) / 8 of them, the node bits and zeros), so the
 * guest's buffer goes to the host as it is.  MPOL_F_ADDR names a guest
 * address, which must be mapped in the guest.
 */
#define MPOL_F_ADDR_ 2

abi_long sys_get_mempolicy(CPUState *env, const uint32_t *a)
{
    uint32_t mlen = (uint32_t)(((uint64_t)(a[2] ? a[2] - 1 : 0) + 63) / 64 * 8);
    void *policy = a[0] ? guest_kernel_buf(a[0], &(uint32_t){ 4 }, PAGE_WRITE) : NULL;
    void *nodes = a[1] ? guest_kernel_buf(a[1], &mlen, PAGE_WRITE) : NULL;
    void *addr = a[3] ? g2h(a[3]) : NULL;

    (void)env;
    if ((a[4] & MPOL_F_ADDR_) && a[3] && !guest_range_mapped(a[3], 1))
        addr = NULL; /* no VMA there: the host's EFAULT, after its flag checks */
    return get_errno(syscall(SYS_get_mempolicy, policy, nodes, (unsigned long)a[2], addr,
                             (unsigned long)a[4]));
}

abi_long sys_migrate_pages(CPUState *env, const uint32_t *a)
{
    HostNodemask from, to;
    void *f, *t;

    (void)env;
    abi_long r = nodemask_in(a[2], a[1], &from, &f);
    if (!r)
        r = nodemask_in(a[3], a[1], &to, &t);
    return r ? r : get_errno(syscall(SYS_migrate_pages, (int32_t)a[0], (unsigned long)a[1], f, t));
}

/*
 * Another process's guest pages.  One running this same stitch binary (a
 * forked guest, or one that exec'd another guest program) has its window
 * at its own guest_base and its page flags in its own table, both at the
 * addresses ours are at (stitch is linked at a fixed address), read with
 * process_vm_readv.  Any other process takes the addresses as they are,
 * as the kernel widens a 32-bit task's pointers (compat_ptr).
 */
typedef struct {
    pid_t pid;
    int stitch;     /* it runs this stitch binary, its base read */
    uintptr_t base; /* its guest_base */
} Remote;

static void remote_open(Remote *r, pid_t pid)
{
    r->pid = pid, r->stitch = 0, r->base = 0;
#ifndef __PIE__
    if (!proc_runs_this_stitch(pid))
        return;
    struct iovec local = { &r->base, sizeof(r->base) };
    struct iovec there = { &guest_base, sizeof(guest_base) };
    /* The exe again: the pid may have gone to another program since. */
    r->stitch = process_vm_readv(pid, &local, 1, &there, 1, 0) == (ssize_t)sizeof(r->base) &&
                proc_runs_this_stitch(pid);
#endif
}

/* Does that process have guest page p mapped?  (Not a stitch: unknown, yes.) */
static int remote_mapped(const Remote *r, uint32_t p)
{
    uint8_t f = 0;
    struct iovec local = { &f, 1 }, there = { (void *)page_flags_at(p), 1 };

    if (!r->stitch)
        return 1;
    return process_vm_readv(r->pid, &local, 1, &there, 1, 0) == 1 && (f & PAGE_VALID);
}

/* The host address of its guest address p; NULL for a page it has not
 * mapped, where the host has nothing either. */
static void *remote_g2h(const Remote *r, uint32_t p)
{
    if (!r->stitch)
        return (void *)(uintptr_t)p;
    return remote_mapped(r, p) ? (void *)(r->base + p) : NULL;
}

/*
 * move_pages(pid, count, pages, nodes, status, flags): the 32-bit page
 * addresses become host ones, this process's or the other's (Remote), a
 * page the guest has not mapped an address the host has nothing at
 * either (its status is then -EFAULT, as the kernel reports a page with
 * no mapping, mm/migrate.c do_pages_stat_array); nodes and status are
 * int arrays on both sides.  Done in chunks, as the kernel itself does
 * (do_pages_move), adding up the pages not moved.
 */
#define MOVE_PAGES_CHUNK 512

abi_long sys_move_pages(CPUState *env, const uint32_t *a)
{
    int32_t pid = (int32_t)a[0];
    uint32_t count = a[1];
    void *host[MOVE_PAGES_CHUNK];
    abi_long total = 0;
    Remote other;

    (void)env;
    const uint32_t *pages = GUEST_R(a[2], (uint64_t)count * 4);
    const int32_t *nodes = a[3] ? GUEST_R(a[3], (uint64_t)count * 4) : NULL;
    uint32_t slen = count * 4;
    int32_t *status = count ? guest_kernel_buf(a[4], &slen, PAGE_WRITE) : NULL;
    if ((count && !pages) || (a[3] && count && !nodes) || slen < count * 4 ||
        (count && !guest_range_ok(a[4], (uint64_t)count * 4, PAGE_WRITE)))
        return -EFAULT;
    if (count == 0)
        return get_errno(syscall(SYS_move_pages, pid, 0UL, NULL, nodes, NULL, (int)a[5]));
    int self = pid == 0 || pid == getpid();
    if (!self)
        remote_open(&other, pid);
    for (uint32_t done = 0; done < count;) {
        uint32_t n = count - done < MOVE_PAGES_CHUNK ? count - done : MOVE_PAGES_CHUNK;
        for (uint32_t i = 0; i < n; i++) {
            uint32_t p = pages[done + i];
            if (self)
                host[i] = guest_range_mapped(p, 1) ? g2h(p) : NULL;
            else
                host[i] = remote_g2h(&other, p);
        }
        long r = syscall(SYS_move_pages, pid, (unsigned long)n, host, nodes ? nodes + done : NULL,
                         status + done, (int)a[5]);
        if (r < 0)
            return -errno;
        total += (abi_long)r;
        done += n;
    }
    return total;
}

/* set_mempolicy_home_node skips the VMAs without a policy, as the
 * window's reservations are, and holes alike: the range goes as it is. */
abi_long sys_set_mempolicy_home_node(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(syscall(SYS_set_mempolicy_home_node, g2h(a[0]), (unsigned long)a[1],
                             (unsigned long)a[2], (unsigned long)a[3]));
}

/* ---- remap_file_pages, process_madvise, process_mrelease ----------------- */

abi_long sys_remap_file_pages(CPUState *env, const uint32_t *a)
{
    (void)env;
    return target_remap_file_pages(a[0], a[1], (int)a[2], a[3], (int)a[4]);
}

/* The process a pidfd stands for: its "Pid:" line in fdinfo (-1 when
 * there is none: not a pidfd; 0 when the process is gone). */
static long pidfd_pid(int fd)
{
    char path[64], line[128];
    long pid = -1;

    snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    while (fgets(line, sizeof(line), f))
        if (sscanf(line, "Pid: %ld", &pid) == 1)
            break;
    fclose(f);
    return pid;
}

/* One range of another process, as the host's call sees it. */
static abi_long remote_advise_host(int pidfd, void *base, uint64_t len, int advice)
{
    struct iovec h = { base, (size_t)len };

    return get_errno(syscall(SYS_process_madvise, pidfd, &h, 1UL, advice, 0u));
}

/*
 * Another process's range [addr, addr + len), advised as mm/madvise.c
 * madvise_walk_vmas does: every mapped part of it gets the advice, and
 * then the range is -ENOMEM if a page of it is unmapped.  Under stitch
 * the whole window is mapped on the host, so the guest's holes are
 * looked up (Remote) and the mapped runs between them advised one by
 * one; a range past the window's top is a hole there too.  A start that
 * is not page aligned goes to the host as it is (EINVAL before anything).
 */
static abi_long remote_advise(int pidfd, const Remote *r, uint32_t addr, uint32_t len, int advice)
{
    if (!r->stitch)
        return remote_advise_host(pidfd, (void *)(uintptr_t)addr, len, advice);
    if (addr & (TARGET_PAGE_SIZE - 1))
        return remote_advise_host(pidfd, (void *)(r->base + addr), len, advice);
    uint64_t end = (uint64_t)addr + len, top = end > GUEST_TOP ? GUEST_TOP : end;
    int hole = end > GUEST_TOP;
    uint64_t run = top;
    for (uint64_t p = addr; p < top; p += TARGET_PAGE_SIZE) {
        if (remote_mapped(r, (uint32_t)p)) {
            run = run < p ? run : p;
            continue;
        }
        hole = 1;
        if (run < p) {
            abi_long e = remote_advise_host(pidfd, (void *)(r->base + run), p - run, advice);
            if (e < 0)
                return e;
        }
        run = top;
    }
    if (run < top) {
        abi_long e = remote_advise_host(pidfd, (void *)(r->base + run), top - run, advice);
        if (e < 0)
            return e;
    }
    return hole ? -ENOMEM : 0;
}

/*
 * process_madvise(pidfd, iovec, vlen, advice, flags), as mm/madvise.c runs
 * it: flags must be 0, the iovec array is read (at most UIO_MAXIOV), the
 * pidfd resolved; then each range gets the advice, until one fails, and
 * the result is the bytes advised, or that error if none were.  A pidfd
 * of this process names guest addresses, advised through the guest's own
 * madvise; another process's ranges go to the host's call, one range at
 * a time, placed in that process's window (Remote), which checks the
 * advice and the caller's rights as for the guest.
 */
abi_long sys_process_madvise(CPUState *env, const uint32_t *a)
{
    uint32_t vlen = a[2];
    int advice = (int)a[3];
    Remote other;

    (void)env;
    if (a[4])
        return -EINVAL;
    if (vlen > 1024)
        return -EINVAL;
    const TargetIovec *iov = GUEST_R(a[1], (uint64_t)vlen * sizeof(*iov));
    if (vlen && !iov)
        return -EFAULT;
    long pid = pidfd_pid((int)a[0]);
    if (pid < 0)
        return -EBADF;
    if (pid == 0)
        return -ESRCH;
    int self = pid == getpid();
    if (!self) {
        /* No ranges: the kernel's checks of the advice and of the
         * caller's rights over that process, which come before any range. */
        abi_long checked = get_errno(syscall(SYS_process_madvise, (int)a[0], NULL, 0UL, advice, 0u));
        if (checked < 0 || vlen == 0)
            return checked;
        remote_open(&other, (pid_t)pid);
    }
    uint64_t done = 0;
    abi_long r = 0;
    for (uint32_t i = 0; i < vlen; i++) {
        if (iov[i].iov_len == 0)
            continue;
        if (self)
            r = target_madvise(iov[i].iov_base, iov[i].iov_len, advice);
        else
            r = remote_advise((int)a[0], &other, iov[i].iov_base, iov[i].iov_len, advice);
        if (r < 0)
            break;
        done += iov[i].iov_len;
    }
    return done ? (abi_long)done : r;
}

/* process_mrelease reaps a killed process's memory: no address is
 * involved, the host does it. */
abi_long sys_process_mrelease(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(syscall(SYS_process_mrelease, (int)a[0], (unsigned)a[1]));
}
