/*
 * The guest address window and the guest's memory-mapping system calls.
 *
 * At start-up stitch reserves 4 GiB of host address space, PROT_NONE and
 * MAP_NORESERVE (so it costs neither memory nor swap), and sets guest_base
 * to its start.  A guest address `a` is then the host address
 * guest_base + a (g2h, include/guest-window.h).  Every guest mapping is a host
 * MAP_FIXED mapping inside that window and an unmap puts the PROT_NONE
 * reservation back, so the window is never given back to the host: nothing
 * stitch allocates can land where a guest pointer reaches, and a guest
 * access to an unmapped page faults on the reservation.
 *
 * The page flags (exec/page.c) are the guest's view of its memory, one
 * byte per 4 KiB page (PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_EXEC, as
 * qemu's page_flags):
 * mmap(NULL) finds free ranges in it, and system calls check guest buffers
 * against it before anyone dereferences them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE /* mremap, MAP_FIXED_NOREPLACE */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "exec.h"
#include "user.h"

/*
 * One guard page above the 4 GiB: a guest access that starts at
 * 0xffffffff and is several bytes wide ends there, on a PROT_NONE page,
 * instead of in whatever host mapping follows the window.
 */
#define WINDOW_GUARD (64u << 10)
#define WINDOW_SIZE ((1ull << 32) + WINDOW_GUARD)

static uint32_t mmap_next = GUEST_UNMAPPED_BASE; /* where the next search starts */
static uint32_t brk_start, brk_cur, brk_page_end;

static const int reserve_flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;

int mmap_init(void)
{
    void *p = mmap(NULL, WINDOW_SIZE, PROT_NONE, reserve_flags, -1, 0);

    if (p == MAP_FAILED)
        return -1;
    guest_base = (uintptr_t)p;
    return 0;
}

/* ---- page flags (kept by exec/page.c) -------------------------------- */

int range_is_free(uint32_t addr, uint64_t len)
{
    uint64_t end = (uint64_t)addr + len;

    if (end > GUEST_TOP)
        return 0;
    for (uint64_t a = addr; a < end; a += TARGET_PAGE_SIZE)
        if (page_get_flags((uint32_t)a))
            return 0;
    return 1;
}

static void invalidate(uint32_t addr, uint64_t len);

static int range_any_flag(uint32_t addr, uint64_t len, int flag)
{
    for (uint64_t a = addr; a < (uint64_t)addr + len; a += TARGET_PAGE_SIZE)
        if (page_get_flags((uint32_t)a) & flag)
            return 1;
    return 0;
}

int guest_range_ok(uint32_t addr, uint64_t len, int prot)
{
    uint64_t end = (uint64_t)addr + len;

    if (len == 0)
        return 1;
    if (end > (1ull << 32))
        return 0;
    for (uint64_t p = addr >> TARGET_PAGE_BITS; p <= (end - 1) >> TARGET_PAGE_BITS; p++) {
        int f = page_get_flags(p << TARGET_PAGE_BITS);
        if (!(f & PAGE_VALID) || (f & prot) != prot)
            return 0;
    }
    /* The kernel or stitch is about to write guest memory: pages holding
     * translated code are write-protected on the host (exec/tb.c), so drop
     * their TBs and lift the protection, as a guest store would. */
    if (prot & PAGE_WRITE)
        tb_invalidate_range(addr, end > GUEST_TOP ? GUEST_TOP : (uint32_t)end);
    return 1;
}

void *guest_kernel_buf(uint32_t addr, uint32_t *len, int prot)
{
    uint64_t room = (1ull << 32) - addr;

    if (*len > room)
        *len = (uint32_t)room;
    if ((prot & PAGE_WRITE) && *len && addr < GUEST_TOP)
        invalidate(addr, *len);
    return g2h(addr);
}

const char *guest_string(uint32_t addr)
{
    uint64_t a = addr;

    for (;;) {
        if (a >> 32 || !(page_get_flags((uint32_t)a) & PAGE_READ))
            return NULL;
        const char *p = g2h((uint32_t)a);
        size_t left = TARGET_PAGE_SIZE - (a & (TARGET_PAGE_SIZE - 1));
        if (memchr(p, 0, left))
            return g2h(addr);
        a += left;
    }
}

/*
 * First-fit search for `len` free bytes, starting at mmap_next and wrapping
 * once to the bottom of the window, as qemu's mmap_find_vma does.
 */
static int find_in(uint32_t from, uint32_t to, uint64_t len, uint32_t *out)
{
    uint64_t run = 0;

    for (uint64_t a = from; a + TARGET_PAGE_SIZE <= to; a += TARGET_PAGE_SIZE) {
        run = page_get_flags((uint32_t)a) ? 0 : run + TARGET_PAGE_SIZE;
        if (run == len) {
            *out = (uint32_t)(a + TARGET_PAGE_SIZE - len);
            return 1;
        }
    }
    return 0;
}

/*
 * Wrapping goes back to GUEST_UNMAPPED_BASE first: the space below it is
 * where the program and its brk heap live, used only when all else is full.
 */
static int find_free(uint64_t len, uint32_t *out)
{
    if (find_in(mmap_next, GUEST_TOP, len, out) ||
        find_in(GUEST_UNMAPPED_BASE, GUEST_TOP, len, out) ||
        find_in(GUEST_MIN_ADDR, GUEST_UNMAPPED_BASE, len, out)) {
        mmap_next = *out + (uint32_t)len;
        return 1;
    }
    return 0;
}

/* Drop the TBs translated from [addr, addr+len); nothing above GUEST_TOP
 * is ever mapped, which keeps the end inside 32 bits. */
static void invalidate(uint32_t addr, uint64_t len)
{
    uint64_t end = (uint64_t)addr + len;

    tb_invalidate_range(addr, end > GUEST_TOP ? GUEST_TOP : (uint32_t)end);
}

/* Put the PROT_NONE reservation back over [addr, addr+len). */
static void reserve(uint32_t addr, uint64_t len)
{
    mmap(g2h(addr), len, PROT_NONE, reserve_flags | MAP_FIXED, -1, 0);
    page_set_flags(addr, len, 0);
}

/*
 * Host protection for a guest protection.  On x86 every readable,
 * writable or executable page is readable (no exec-only pages without
 * protection keys), so R is added to W/X.  Host PROT_EXEC is never given:
 * guest code is only ever read by the translator, never run in place.
 */
static int host_prot(int prot)
{
    return prot & (PROT_READ | PROT_WRITE | PROT_EXEC) ? PROT_READ | (prot & PROT_WRITE) : PROT_NONE;
}

static int guest_flags(int prot)
{
    int f = PAGE_VALID;

    if (prot & (PROT_READ | PROT_WRITE | PROT_EXEC))
        f |= PAGE_READ;
    if (prot & PROT_WRITE)
        f |= PAGE_WRITE;
    if (prot & PROT_EXEC)
        f |= PAGE_EXEC;
    return f;
}

/* ---- mmap / munmap / mprotect ---------------------------------------- */

/* Where a mapping goes: the guest's fixed address, its hint, or a free range. */
static int32_t mmap_place(uint32_t addr, uint64_t len, int flags, uint32_t *start)
{
    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
        if (addr & ~TARGET_PAGE_MASK)
            return -EINVAL;
        if ((uint64_t)addr + len > GUEST_TOP)
            return -ENOMEM;
        /* Below vm.mmap_min_addr the kernel refuses with EPERM. */
        if (addr < GUEST_MIN_ADDR)
            return -EPERM;
        if ((flags & MAP_FIXED_NOREPLACE) && !(flags & MAP_FIXED) && !range_is_free(addr, len))
            return -EEXIST;
        *start = addr;
        return 0;
    }
    /* A hint is honoured when its range is free, as the kernel does. */
    addr &= TARGET_PAGE_MASK;
    if (addr >= GUEST_MIN_ADDR && range_is_free(addr, len)) {
        *start = addr;
        return 0;
    }
    return find_free(len, start) ? 0 : -ENOMEM;
}

int32_t target_mmap(uint32_t addr, uint32_t len, int prot, int flags, int fd,
                    uint64_t offset)
{
    uint64_t alen = TARGET_PAGE_ALIGN(len);
    uint32_t start;
    int32_t ret;
    int type = flags & MAP_TYPE;

    if (len == 0 || (offset & (TARGET_PAGE_SIZE - 1)))
        return -EINVAL;
    if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)
        return -EINVAL;
    if (alen > GUEST_TOP)
        return -ENOMEM;
    ret = mmap_place(addr, alen, flags, &start);
    if (is_error(ret))
        return ret;

    int was_free = range_is_free(start, alen);
    /*
     * MAP_32BIT means something only to x86_64 processes; MAP_GROWSDOWN
     * would let the host grow the mapping over our reservation.  Neither
     * applies inside the window.
     */
    int hflags = (flags & ~(MAP_FIXED_NOREPLACE | MAP_32BIT | MAP_GROWSDOWN)) | MAP_FIXED;
    int anon = flags & MAP_ANONYMOUS;
    /* TBs of the old contents go first: their pages' host protection is
     * restored from the old flags before the new mapping replaces them. */
    if (!was_free)
        invalidate(start, alen);
    void *p = mmap(g2h(start), alen, host_prot(prot), hflags, anon ? -1 : fd,
                   anon ? 0 : (off_t)offset);
    if (p == MAP_FAILED) {
        ret = -errno;
        /* The kernel may have dropped our reservation before failing. */
        if (was_free)
            reserve(start, alen);
        return ret;
    }
    page_set_flags(start, alen, guest_flags(prot));
    return (int32_t)start;
}

int32_t target_munmap(uint32_t addr, uint32_t len)
{
    uint64_t alen = TARGET_PAGE_ALIGN(len);

    if ((addr & ~TARGET_PAGE_MASK) || len == 0 || (uint64_t)addr + alen > (1ull << 32))
        return -EINVAL;
    if (range_any_flag(addr, alen, PAGE_VALID))
        invalidate(addr, alen);
    reserve(addr, alen);
    return 0;
}

int32_t target_mprotect(uint32_t addr, uint32_t len, int prot)
{
    uint64_t alen = TARGET_PAGE_ALIGN(len);

    if ((addr & ~TARGET_PAGE_MASK) ||
        (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN | PROT_GROWSUP)))
        return -EINVAL;
    if (len == 0)
        return 0;
    if ((uint64_t)addr + alen > (1ull << 32) || !guest_range_ok(addr, alen, 0))
        return -ENOMEM;
    /* Drop the TBs of the range first: that also lifts the write
     * protection stitch puts on pages holding translated code (exec/tb.c),
     * so the protection set below is the guest's own. */
    invalidate(addr, alen);
    if (mprotect(g2h(addr), alen, host_prot(prot)) < 0)
        return -errno;
    page_set_flags(addr, alen, guest_flags(prot));
    return 0;
}

/* ---- mremap --------------------------------------------------------- */

/* Move the host pages to `dst`, then re-reserve the hole they leave. */
static int32_t mremap_move(uint32_t old, uint64_t old_len, uint64_t new_len, uint32_t dst)
{
    int f = page_get_flags(old);

    invalidate(old, old_len);
    invalidate(dst, new_len);
    void *p = mremap(g2h(old), old_len, new_len, MREMAP_MAYMOVE | MREMAP_FIXED, g2h(dst));
    if (p == MAP_FAILED)
        return -errno;
    reserve(old, old_len);
    page_set_flags(dst, new_len, f);
    return (int32_t)dst;
}

/*
 * Grow in place: the host would refuse because our reservation occupies
 * the tail, so that part of the reservation is dropped first (stitch is
 * single-threaded, nothing else can map into the hole meanwhile).
 */
static int mremap_grow(uint32_t old, uint64_t old_len, uint64_t new_len)
{
    uint32_t tail = old + (uint32_t)old_len;
    uint64_t tail_len = new_len - old_len;

    if (!range_is_free(tail, tail_len))
        return 0;
    munmap(g2h(tail), tail_len);
    if (mremap(g2h(old), old_len, new_len, 0) == MAP_FAILED) {
        reserve(tail, tail_len);
        return 0;
    }
    page_set_flags(tail, tail_len, page_get_flags(old));
    return 1;
}

/* The kernel needs the old range to be one mapping; uniform flags is our
 * closest equivalent. */
static int one_mapping(uint32_t addr, uint64_t len)
{
    int f = page_get_flags(addr);

    if (!(f & PAGE_VALID) || (uint64_t)addr + len > GUEST_TOP)
        return 0;
    for (uint64_t a = addr; a < (uint64_t)addr + len; a += TARGET_PAGE_SIZE)
        if (page_get_flags((uint32_t)a) != f)
            return 0;
    return 1;
}

int32_t target_mremap(uint32_t old_addr, uint32_t old_len, uint32_t new_len,
                      int flags, uint32_t new_addr)
{
    uint64_t olen = TARGET_PAGE_ALIGN(old_len), nlen = TARGET_PAGE_ALIGN(new_len);
    uint32_t dst;

    /* MREMAP_DONTUNMAP and old_len 0 (duplicating a shared mapping) are
     * not needed by the programs we run; refuse them explicitly. */
    if ((old_addr & ~TARGET_PAGE_MASK) || (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED)) ||
        ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE)) || nlen == 0 || olen == 0)
        return -EINVAL;
    if (!one_mapping(old_addr, olen))
        return -EFAULT;
    if (flags & MREMAP_FIXED) {
        if ((new_addr & ~TARGET_PAGE_MASK) || (uint64_t)new_addr + nlen > GUEST_TOP ||
            ((uint64_t)new_addr < old_addr + olen && old_addr < new_addr + nlen))
            return -EINVAL;
        return mremap_move(old_addr, olen, nlen, new_addr);
    }
    if (nlen <= olen) {
        if (nlen < olen)
            target_munmap(old_addr + (uint32_t)nlen, (uint32_t)(olen - nlen));
        return (int32_t)old_addr;
    }
    if (mremap_grow(old_addr, olen, nlen))
        return (int32_t)old_addr;
    if (!(flags & MREMAP_MAYMOVE) || !find_free(nlen, &dst))
        return -ENOMEM;
    return mremap_move(old_addr, olen, nlen, dst);
}

/* ---- madvise -------------------------------------------------------- */

int32_t target_madvise(uint32_t addr, uint32_t len, int advice)
{
    uint64_t alen = TARGET_PAGE_ALIGN(len);

    if (addr & ~TARGET_PAGE_MASK)
        return -EINVAL;
    if (len == 0)
        return 0;
    if ((uint64_t)addr + alen > (1ull << 32) || !guest_range_ok(addr, alen, 0))
        return -ENOMEM;
    switch (advice) {
    /* These only change what the pages hold or how they are paged, which
     * the host does identically for the guest (MADV_DONTNEED zero-fills
     * private anonymous memory, which glibc's malloc relies on). */
    case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL:
    case MADV_WILLNEED: case MADV_DONTNEED: case MADV_FREE:
        return madvise(g2h(addr), alen, advice) < 0 ? -errno : 0;
    default:
        /* Advice about forking, merging, huge pages... is only a hint. */
        return 0;
    }
}

/* ---- brk ------------------------------------------------------------ */

void target_set_brk(uint32_t start)
{
    brk_start = brk_cur = brk_page_end = (uint32_t)TARGET_PAGE_ALIGN(start);
}

/*
 * Linux brk(2): a request below the initial break, or one that cannot be
 * satisfied, returns the current break unchanged (glibc compares the
 * result with what it asked for); brk(0) is the usual way to ask.
 */
uint32_t target_brk(uint32_t new_brk)
{
    uint64_t new_end = TARGET_PAGE_ALIGN(new_brk);

    if (new_brk < brk_start)
        return brk_cur;
    if (new_end > brk_page_end) {
        uint64_t grow = new_end - brk_page_end;
        if (!range_is_free(brk_page_end, grow))
            return brk_cur;
        void *p = mmap(g2h(brk_page_end), grow, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (p == MAP_FAILED) {
            reserve(brk_page_end, grow);
            return brk_cur;
        }
        page_set_flags(brk_page_end, grow, PAGE_VALID | PAGE_READ | PAGE_WRITE);
    } else if (new_end < brk_page_end) {
        target_munmap((uint32_t)new_end, (uint32_t)(brk_page_end - new_end));
    }
    brk_page_end = (uint32_t)new_end;
    brk_cur = new_brk;
    return brk_cur;
}
