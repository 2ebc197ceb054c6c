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
#include <fcntl.h>
#include <limits.h>
#include <linux/capability.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "exec-only.h"
#include "exec.h"
#include "log.h"
#include "symbols.h"
#include "target-elf.h" /* GUEST_EXEC_ONLY */
#include "target-structs.h" /* TARGET_SHMLBA */
#include "tcache.h"
#include "user.h"

#ifndef PROT_SEM /* include/uapi/asm-generic/mman-common.h */
#define PROT_SEM 0x8
#endif

/*
 * Guard regions on both sides of the 4 GiB, PROT_NONE and never handed
 * out: a guest access that starts at 0xffffffff and is several bytes wide
 * ends in the upper one, instead of in whatever host mapping follows the
 * window; and none of stitch's own memory (the TB array, the code buffer)
 * is adjacent to the window below it either.
 */
#define WINDOW_GUARD (64u << 10)
#define WINDOW_SIZE ((1ull << 32) + 2 * WINDOW_GUARD)

static uint32_t mmap_next = GUEST_UNMAPPED_BASE; /* where the next search starts */
/* -p: qemu-user's "host page size" (qemu_host_page_size), the unit in
 * which mmap(NULL) and hinted mappings are placed (docs/stitch.1). */
static uint32_t mmap_granule = TARGET_PAGE_SIZE;
static uint32_t brk_start, brk_cur, brk_page_end;

static const int reserve_flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;

/* Debian's default, if /proc/sys cannot be read. */
uint32_t guest_min_addr = 0x10000;
/* Whether MAP_FIXED may go below guest_min_addr: the host process's
 * CAP_SYS_RAWIO, which the guest, being that process, has too. */
static int may_map_low;

/*
 * The host counts stitch's mappings and the guest's together against one
 * vm.max_map_count (mm/mmap.c: ENOMEM past it).  A guest that used them
 * all up would leave stitch none for its own (malloc, a thread's stack,
 * the unwinder a thread's exit loads), and stitch would die where the
 * guest natively only gets ENOMEM.  So a guest call that makes or
 * splits mappings (mmap, mprotect, mremap, brk, shmat) gets that ENOMEM
 * once fewer than VMA_RESERVE are left; munmap, which frees them, and
 * madvise, which the host gets only for advice that keeps the mapping
 * whole, go on.
 * Counting them reads all of /proc/self/maps, so the count is taken
 * again only when the calls since the last one could have used up the
 * margin: each adds at most three (a split at either end, the new one).
 */
#define VMA_RESERVE 1024
static long max_map_count = 65530, vmas_counted, calls_since_count;

static long count_host_vmas(void)
{
    int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
    static char buf[1 << 16];
    long lines = 0, n;

    if (fd < 0)
        return 0;
    while ((n = read(fd, buf, sizeof(buf))) > 0)
        for (char *p = buf; (p = memchr(p, '\n', (size_t)(buf + n - p))); p++)
            lines++;
    close(fd);
    return lines;
}

/* Under tb_lock: may a guest call add mappings? */
static int vma_budget_ok(void)
{
    long limit = max_map_count - VMA_RESERVE;

    if (vmas_counted + 3 * (calls_since_count + 1) < limit) {
        calls_since_count++;
        return 1;
    }
    vmas_counted = count_host_vmas();
    calls_since_count = 0;
    return vmas_counted + 3 < limit;
}

/* vm.mmap_min_addr, page-aligned up as the kernel's mmap_min_addr_handler
 * does, and CAP_SYS_RAWIO in the effective set (capget(2): the CapEff of
 * /proc/self/status without the kernel formatting the whole file). */
static void read_host_limits(void)
{
    FILE *f = fopen("/proc/sys/vm/mmap_min_addr", "r");
    struct __user_cap_header_struct hdr = {.version = _LINUX_CAPABILITY_VERSION_3};
    struct __user_cap_data_struct caps[_LINUX_CAPABILITY_U32S_3];
    unsigned long v;

    if (f) {
        if (fscanf(f, "%lu", &v) == 1 && v < GUEST_TOP)
            guest_min_addr = (uint32_t)TARGET_PAGE_ALIGN(v);
        fclose(f);
    }
    if ((f = fopen("/proc/sys/vm/max_map_count", "r"))) {
        if (fscanf(f, "%lu", &v) == 1 && v < LONG_MAX)
            max_map_count = (long)v;
        fclose(f);
    }
    if (syscall(SYS_capget, &hdr, caps) == 0)
        may_map_low = (caps[CAP_TO_INDEX(CAP_SYS_RAWIO)].effective & CAP_TO_MASK(CAP_SYS_RAWIO)) != 0;
}

static uintptr_t window_at; /* -B, or 0 */
/* The top of what the guest may map: GUEST_TOP, or lower with -R. */
static uint32_t mmap_top = GUEST_TOP;

void mmap_set_base(uintptr_t base)
{
    window_at = base;
}

/*
 * qemu 7.2's page_size_init raises a -p below the guest's page size to it;
 * mmap_find_vma then aligns every free-range search, and rounds its size,
 * to the result.  The guest's page size (AT_PAGESZ, MAP_FIXED alignment,
 * the page flags) stays 4 KiB, as in qemu, whose AT_PAGESZ is the real
 * host's (elfload.c create_elf_tables).
 */
void mmap_set_page_size(uint32_t size)
{
    mmap_granule = size < TARGET_PAGE_SIZE ? TARGET_PAGE_SIZE : size;
}

void mmap_set_limit(uint64_t top)
{
    mmap_top = top < GUEST_TOP ? (uint32_t)top : GUEST_TOP;
}

int mmap_init(void)
{
    /* -B names the guest's address 0; the guard below it comes first. */
    if (window_at && window_at < WINDOW_GUARD) {
        errno = EINVAL;
        return -1;
    }
    uintptr_t want = window_at ? window_at - WINDOW_GUARD : 0;
    int fixed = window_at ? MAP_FIXED_NOREPLACE : 0;
    void *p = mmap((void *)want, WINDOW_SIZE, PROT_NONE, reserve_flags | fixed, -1, 0);

    if (p == MAP_FAILED)
        return -1;
    if (window_at && (uintptr_t)p != want) { /* kernels before 4.17 */
        munmap(p, WINDOW_SIZE);
        errno = EEXIST;
        return -1;
    }
    guest_base = (uintptr_t)p + WINDOW_GUARD;
    read_host_limits();
    return 0;
}

/* The lowest address mmap(NULL) hands out: never page 0, which is NULL. */
static uint32_t search_floor(void)
{
    return guest_min_addr > TARGET_PAGE_SIZE ? guest_min_addr : TARGET_PAGE_SIZE;
}

/* ---- page flags (kept by exec/page.c) -------------------------------- */

static int range_is_free_locked(uint32_t addr, uint64_t len)
{
    uint64_t end = (uint64_t)addr + len;

    if (end > mmap_top)
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

static int guest_range_ok_locked(uint32_t addr, uint64_t len, int prot)
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

static const char *guest_string_locked(uint32_t addr)
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
 * once to the bottom of the window, as qemu's mmap_find_vma does; a run
 * of free pages starts only at a multiple of the -p granule.
 */
static int find_in(uint32_t from, uint32_t to, uint64_t len, uint32_t *out)
{
    uint64_t run = 0;

    for (uint64_t a = from; a + TARGET_PAGE_SIZE <= to; a += TARGET_PAGE_SIZE) {
        if (page_get_flags((uint32_t)a) || (run == 0 && (a & (mmap_granule - 1)))) {
            run = 0;
            continue;
        }
        run += TARGET_PAGE_SIZE;
        if (run == len) {
            *out = (uint32_t)(a + TARGET_PAGE_SIZE - len);
            return 1;
        }
    }
    return 0;
}

/*
 * Wrapping goes back to GUEST_UNMAPPED_BASE first: the space below it is
 * where the program and its brk heap live, used only when all else is full,
 * and then the whole window, for a hole that spans GUEST_UNMAPPED_BASE
 * (the kernel maps anywhere the length fits: mm/mmap.c get_unmapped_area,
 * so a 32-bit task of a 64-bit kernel gets close to 4 GiB in one piece).
 * With -p the range searched for is whole granules, so the next mapping
 * starts on a granule too.
 */
static int find_free(uint64_t len, uint32_t *out)
{
    uint64_t glen = (len + mmap_granule - 1) & ~(uint64_t)(mmap_granule - 1);

    if (find_in(mmap_next, mmap_top, glen, out) ||
        find_in(GUEST_UNMAPPED_BASE, mmap_top, glen, out) ||
        find_in(search_floor(), mmap_top, glen, out)) {
        mmap_next = *out + (uint32_t)glen;
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
 * The key, made at the first execute-only mapping (under tb_lock, as
 * every mapping change is), so that a program without one, nearly every
 * program, never pays for opening it around each translation: until
 * then exec_only_pkey is -1 and include/exec-only.h does nothing.  -1 if
 * the host's kernel gives no keys (pkey_alloc fails with ENOSPC or
 * EINVAL without PKU).  glibc's pkey_alloc writes the rights into this
 * thread's PKRU (access denied, the guest's state); every other thread
 * still has the kernel's initial PKRU, which denies every key but 0
 * (include/exec-only.h).
 */
#if GUEST_EXEC_ONLY
static int exec_only_key(void)
{
    int key = pkey_alloc(0, PKEY_DISABLE_ACCESS);

    return key < 0 ? -1 : key;
}
#endif

/*
 * A guest protection the kernel makes execute-only: exactly PROT_EXEC
 * (not with PROT_SEM either: mm/mmap.c do_mmap and
 * arch/x86/mm/pkeys.c __arch_override_mprotect_pkey compare prot with
 * PROT_EXEC), on a guest whose kernel does so (GUEST_EXEC_ONLY, i386)
 * and a host with protection keys.
 */
static int exec_only(int prot)
{
#if GUEST_EXEC_ONLY
    static int tried;

    if (prot != PROT_EXEC)
        return 0;
    if (!tried) {
        tried = 1;
        exec_only_pkey = exec_only_key();
    }
    return exec_only_pkey >= 0;
#else
    (void)prot;
    return 0;
#endif
}

/*
 * Host protection for a guest protection.  Every readable, writable or
 * executable page is readable on the host, so R is added to W/X; an
 * execute-only page is made unreadable by its key instead
 * (host_protect).  Host PROT_EXEC is never given: guest code is only ever
 * read by the translator, never run in place.
 */
static int host_prot(int prot)
{
    return prot & (PROT_READ | PROT_WRITE | PROT_EXEC) ? PROT_READ | (prot & PROT_WRITE) : PROT_NONE;
}

/*
 * The host key of a guest range for its new protection: the execute-only
 * key or the default 0.  A plain mprotect() keeps a range's key (only the
 * kernel's own execute-only key is reset, arch_override_mprotect_pkey),
 * so the page protections stitch changes later (exec/tb.c, exec/watch.c)
 * leave it alone; only a change of the guest's protection moves a range
 * into or out of the key.
 */
static int host_protect(uint32_t addr, uint64_t len, int prot)
{
    int key = exec_only(prot) ? exec_only_pkey : 0; /* may make the key */

    if (exec_only_pkey < 0)
        return mprotect(g2h(addr), len, host_prot(prot));
    return pkey_mprotect(g2h(addr), len, host_prot(prot), key);
}

static int read_implies_exec;

void mmap_set_read_implies_exec(int on)
{
    read_implies_exec = on;
}

int mmap_read_implies_exec(void)
{
    return read_implies_exec;
}

static int guest_flags(int prot)
{
    int f = PAGE_VALID;

    if (read_implies_exec && (prot & PROT_READ))
        prot |= PROT_EXEC;

    if (exec_only(prot))
        return f | PAGE_EXEC;
    if (prot & (PROT_READ | PROT_WRITE | PROT_EXEC))
        f |= PAGE_READ;
    if (prot & PROT_READ)
        f |= PAGE_SHOWN_READ;
    if (prot & PROT_WRITE)
        f |= PAGE_WRITE;
    if (prot & PROT_EXEC)
        f |= PAGE_EXEC;
    return f;
}

/* ---- mmap / munmap / mprotect ---------------------------------------- */

/* -d page after a change of the guest's map, as qemu logs it. */
static void log_page_change(const char *call)
{
    log_printf("page layout changed following %s\n", call);
    page_dump();
}

/*
 * Where a mapping goes (mm/mmap.c get_unmapped_area and
 * security/commoncap.c cap_mmap_addr, in their order): the guest's fixed
 * address, its hint, or a free range.
 */
static int32_t mmap_place(uint32_t addr, uint64_t len, int flags, uint32_t *start)
{
    if (len > mmap_top)
        return -ENOMEM;
    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
        if (addr > mmap_top - len)
            return -ENOMEM;
        if (addr & ~TARGET_PAGE_MASK)
            return -EINVAL;
        if (addr < guest_min_addr && !may_map_low)
            return -EPERM;
        if ((flags & MAP_FIXED_NOREPLACE) && !(flags & MAP_FIXED) && !range_is_free(addr, len))
            return -EEXIST;
        *start = addr;
        return 0;
    }
    /* A hint below vm.mmap_min_addr is raised to it (round_hint_to_min);
     * a free hint is honoured, as the kernel does. */
    addr &= ~(mmap_granule - 1); /* qemu's target_mmap: start & qemu_host_page_mask */
    if (addr && addr < guest_min_addr)
        addr = (guest_min_addr + mmap_granule - 1) & ~(mmap_granule - 1);
    if (addr >= search_floor() && range_is_free(addr, len)) {
        *start = addr;
        return 0;
    }
    return find_free(len, start) ? 0 : -ENOMEM;
}

/*
 * A faked /proc file (proc-self.c) is a memfd, but the entry has no mmap
 * (mm/mmap.c do_mmap: ENODEV after the access checks, which a mapping of
 * the memfd outside the window makes for the host).  0 for another file.
 */
static int32_t faked_file_mmap(int prot, int flags, int fd)
{
    char name[PATH_MAX];

    if (!proc_fake_fd_name(fd, name, sizeof(name)))
        return 0;
    int hflags = flags & ~(MAP_FIXED | MAP_FIXED_NOREPLACE | MAP_32BIT | MAP_GROWSDOWN);
    void *p = mmap(NULL, TARGET_PAGE_SIZE, host_prot(prot), hflags, fd, 0);
    if (p == MAP_FAILED)
        return -errno;
    munmap(p, TARGET_PAGE_SIZE);
    return -ENODEV;
}

/*
 * mm/mmap.c ksys_mmap_pgoff() then do_mmap(): a bad fd first, then the
 * length, then the placement; a bad MAP_TYPE and the file's access modes
 * the host's mmap checks itself (it fails before touching the range).
 */
static int32_t target_mmap_locked(uint32_t addr, uint32_t len, int prot, int flags, int fd,
                    uint64_t offset)
{
    uint64_t alen = TARGET_PAGE_ALIGN(len);
    uint32_t start;
    int32_t ret;
    int anon = flags & MAP_ANONYMOUS;

    if (!anon && fcntl(fd, F_GETFD) < 0)
        return -EBADF;
    if (len == 0 || (offset & (TARGET_PAGE_SIZE - 1)))
        return -EINVAL;
    ret = mmap_place(addr, alen, flags, &start);
    if (is_error(ret))
        return ret;
    if (!anon && (ret = faked_file_mmap(prot, flags, fd)) != 0)
        return ret;

    int was_free = range_is_free(start, alen);
    /*
     * MAP_32BIT means something only to x86_64 processes; MAP_GROWSDOWN
     * would let the host grow the mapping over our reservation.  Neither
     * applies inside the window.
     */
    int hflags = (flags & ~(MAP_FIXED_NOREPLACE | MAP_32BIT | MAP_GROWSDOWN)) | MAP_FIXED;
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
    /* mmap cannot take a key: the new mapping has key 0 until then */
    if (exec_only(prot) && host_protect(start, alen, prot) < 0) {
        ret = -errno;
        reserve(start, alen);
        return ret;
    }
    page_set_flags(start, alen, guest_flags(prot));
    if (!anon && (prot & PROT_EXEC)) {
        symbols_add_mapping(fd, start, (uint32_t)alen, offset);
        tcache_add_file_fd(fd, start, start + (uint32_t)alen);
    }
    if (log_enabled(page))
        log_page_change("mmap");
    return (int32_t)start;
}

/* mm/mmap.c do_vmi_munmap(): the range must lie below TASK_SIZE. */
static int32_t target_munmap_locked(uint32_t addr, uint32_t len)
{
    uint64_t alen = TARGET_PAGE_ALIGN(len);

    if ((addr & ~TARGET_PAGE_MASK) || addr > GUEST_TOP || len > GUEST_TOP - addr || alen == 0)
        return -EINVAL;
    if (range_any_flag(addr, alen, PAGE_VALID))
        invalidate(addr, alen);
    reserve(addr, alen);
    if (log_enabled(page))
        log_page_change("munmap");
    return 0;
}

/* How many bytes from addr (up to len) are mapped without a hole: the
 * kernel's walk over the VMAs of a range stops at the first gap. */
static uint64_t mapped_prefix(uint32_t addr, uint64_t len)
{
    uint64_t a = addr, end = (uint64_t)addr + len;

    while (a < end && a < GUEST_TOP && (page_get_flags((uint32_t)a) & PAGE_VALID))
        a += TARGET_PAGE_SIZE;
    return (a < end ? a : end) - addr;
}

/*
 * mm/mprotect.c do_mprotect_pkey(): both GROWS flags, a misaligned start,
 * then len 0 (success), then bad protection bits (PROT_SEM is allowed,
 * arch_validate_prot); the protection is applied VMA by VMA, so the
 * mapped part before a hole changes before the call fails with ENOMEM.
 * PROT_GROWSDOWN applies from addr (stitch does not track VM_GROWSDOWN).
 */
static int32_t target_mprotect_locked(uint32_t addr, uint32_t len, int prot)
{
    int grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP);
    uint64_t alen = TARGET_PAGE_ALIGN(len);

    prot &= ~grows;
    if (grows == (PROT_GROWSDOWN | PROT_GROWSUP) || (addr & ~TARGET_PAGE_MASK))
        return -EINVAL;
    if (len == 0)
        return 0;
    if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM))
        return -EINVAL;
    uint64_t n = mapped_prefix(addr, alen);
    if (n == 0)
        return -ENOMEM;
    /* Drop the TBs of the range first: that also lifts the write
     * protection stitch puts on pages holding translated code (exec/tb.c),
     * so the protection set below is the guest's own. */
    invalidate(addr, n);
    if (host_protect(addr, n, prot) < 0)
        return -errno;
    page_set_flags(addr, n, guest_flags(prot));
    if (log_enabled(page))
        log_page_change("mprotect");
    return n < alen ? -ENOMEM : 0;
}

/* ---- mremap --------------------------------------------------------- */

#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP 4
#endif

/* Move the host pages to `dst`, then re-reserve the hole they leave
 * (MREMAP_DONTUNMAP leaves the old range mapped, empty). */
static int32_t mremap_move(uint32_t old, uint64_t old_len, uint64_t new_len, uint32_t dst,
                           int flags)
{
    int f = page_get_flags(old);

    invalidate(old, old_len);
    invalidate(dst, new_len);
    void *p = mremap(g2h(old), old_len, new_len,
                     MREMAP_MAYMOVE | MREMAP_FIXED | (flags & MREMAP_DONTUNMAP), g2h(dst));
    if (p == MAP_FAILED)
        return -errno;
    if (!(flags & MREMAP_DONTUNMAP))
        reserve(old, old_len);
    page_set_flags(dst, new_len, f);
    return (int32_t)dst;
}

/*
 * Grow in place: the host would refuse because our reservation occupies
 * the tail, so that part of the reservation is dropped first (guest
 * mappings are made under one lock with this, nothing else maps into the
 * window meanwhile).
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
    int f = page_get_flags(old);
    page_set_flags(tail, tail_len, f);
    /* The tail has the host protection of the mapping's first part, which
     * may be write-protected for its code or, in a vfork child, to see its
     * first write (exec/tb.c): the tail is neither. */
    if (f & PAGE_WRITE)
        mprotect(g2h(tail), tail_len, PROT_READ | PROT_WRITE);
    return 1;
}

/* The end of the "VMA" holding addr: the run of pages with its flags
 * (stitch keeps no VMAs; adjacent mappings with the same protection are
 * one VMA to the kernel too, when it can merge them), 0 if unmapped. */
static uint64_t vma_end(uint32_t addr)
{
    int f = page_get_flags(addr);
    uint64_t a = addr;

    if (!(f & PAGE_VALID))
        return 0;
    while (a < GUEST_TOP && page_get_flags((uint32_t)a) == f)
        a += TARGET_PAGE_SIZE;
    return a;
}

/* mm/mremap.c: the old range must fit in the mapping at its start. */
static int32_t check_fits(uint32_t addr, uint64_t olen, uint64_t vend)
{
    return olen > vend - addr ? -EFAULT : 0;
}

/* mm/mremap.c (Linux 6.18), MREMAP_FIXED / MREMAP_DONTUNMAP: the target
 * is cleared, the old range shrunk to the new length, then moved. */
static int32_t mremap_to(uint32_t addr, uint64_t olen, uint32_t new_addr, uint64_t nlen,
                         int flags, uint64_t vend)
{
    if (flags & MREMAP_FIXED)
        target_munmap(new_addr, (uint32_t)nlen);
    if (olen > nlen) {
        target_munmap(addr + (uint32_t)nlen, (uint32_t)(olen - nlen));
        olen = nlen;
    }
    if (check_fits(addr, olen, vend) < 0)
        return -EFAULT;
    if (!(flags & MREMAP_FIXED) && !find_free(nlen, &new_addr))
        return -ENOMEM;
    return mremap_move(addr, olen, nlen, new_addr, flags);
}

/*
 * mm/mremap.c (Linux 6.18), in its order: the flags, the old address and
 * new length, the target of MREMAP_FIXED; then there must be a mapping
 * at the old address (EFAULT, even for a shrink); old_len 0 would
 * duplicate a shared mapping (stitch does not track which pages are
 * shared: EINVAL, as for a private one).
 */
static int32_t target_mremap_locked(uint32_t old_addr, uint32_t old_len, uint32_t new_len,
                      int flags, uint32_t new_addr)
{
    uint64_t olen = TARGET_PAGE_ALIGN(old_len), nlen = TARGET_PAGE_ALIGN(new_len);
    uint32_t dst;

    if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP))
        return -EINVAL;
    if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
        return -EINVAL;
    if ((flags & MREMAP_DONTUNMAP) && (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
        return -EINVAL;
    if ((old_addr & ~TARGET_PAGE_MASK) || nlen == 0)
        return -EINVAL;
    if ((flags & MREMAP_FIXED) &&
        ((new_addr & ~TARGET_PAGE_MASK) || nlen > GUEST_TOP || new_addr > GUEST_TOP - nlen ||
         ((uint64_t)old_addr + olen > new_addr && (uint64_t)new_addr + nlen > old_addr)))
        return -EINVAL;
    uint64_t vend = vma_end(old_addr);
    if (!vend)
        return -EFAULT;
    if (olen == 0)
        return -EINVAL;
    if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP))
        return mremap_to(old_addr, olen, new_addr, nlen, flags, vend);
    /* Shrinking is an munmap of the tail. */
    if (olen >= nlen) {
        if (olen > nlen)
            target_munmap(old_addr + (uint32_t)nlen, (uint32_t)(olen - nlen));
        return (int32_t)old_addr;
    }
    if (check_fits(old_addr, olen, vend) < 0)
        return -EFAULT;
    if (vend == old_addr + olen && mremap_grow(old_addr, olen, nlen))
        return (int32_t)old_addr;
    if (!(flags & MREMAP_MAYMOVE) || !find_free(nlen, &dst))
        return -ENOMEM;
    return mremap_move(old_addr, olen, nlen, dst, 0);
}

/* ---- madvise -------------------------------------------------------- */

/* Advice that would give the host's pages other semantics than the
 * window needs: a hole in a forked child's window (host allocations
 * could land there).  The guest's child keeps the pages. */
static int advice_kept_from_host(int advice)
{
    return advice == MADV_DONTFORK || advice == MADV_DOFORK;
}

/* Advice that changes what the pages hold: their TBs are stale after. */
static int advice_drops_contents(int advice)
{
    return advice == MADV_DONTNEED || advice == MADV_FREE || advice == MADV_REMOVE ||
           advice == 14 /* MADV_DONTNEED_LOCKED */;
}

/*
 * mm/madvise.c do_madvise(): the host decides which advice is valid (a
 * zero-length call at the same address runs exactly those checks, in
 * the kernel's order: advice, alignment, then length 0 is success); the
 * mapped runs of the range get the advice, and a hole anywhere makes
 * the result ENOMEM, as the kernel's walk over the VMAs does.
 */
static int32_t target_madvise_locked(uint32_t addr, uint32_t len, int advice)
{
    uint64_t alen = TARGET_PAGE_ALIGN(len), end = (uint64_t)addr + alen, a = addr;
    int32_t ret = 0;

    if (madvise(g2h(addr), 0, advice) < 0)
        return -errno;
    if (len == 0)
        return 0;
    while (a < end) {
        uint64_t n = a < GUEST_TOP ? mapped_prefix((uint32_t)a, end - a) : 0;
        if (n == 0) {
            ret = -ENOMEM;
            a += TARGET_PAGE_SIZE;
            continue;
        }
        if (advice_drops_contents(advice))
            invalidate((uint32_t)a, n);
        if (!advice_kept_from_host(advice) && madvise(g2h((uint32_t)a), n, advice) < 0)
            return -errno;
        a += n;
    }
    return ret;
}

/* ---- brk ------------------------------------------------------------ */

void target_brk_range(uint32_t *start, uint32_t *end)
{
    *start = brk_start;
    *end = brk_page_end;
}

void target_set_brk(uint32_t start)
{
    brk_start = brk_cur = brk_page_end = (uint32_t)TARGET_PAGE_ALIGN(start);
}

/*
 * Linux brk(2): a request below the initial break, or one that cannot be
 * satisfied, returns the current break unchanged (glibc compares the
 * result with what it asked for); brk(0) is the usual way to ask.
 */
static uint32_t target_brk_locked(uint32_t new_brk)
{
    uint64_t new_end = TARGET_PAGE_ALIGN(new_brk);

    if (new_brk < brk_start)
        return brk_cur;
    if (new_end > brk_page_end) {
        uint64_t grow = new_end - brk_page_end;
        /* mm/mmap.c brk(): the new break must stay a page clear of the
         * next mapping. */
        if (!range_is_free(brk_page_end, grow + TARGET_PAGE_SIZE) || !vma_budget_ok())
            return brk_cur;
        void *p = mmap(g2h(brk_page_end), grow, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (p == MAP_FAILED) {
            reserve(brk_page_end, grow);
            return brk_cur;
        }
        page_set_flags(brk_page_end, grow, guest_flags(PROT_READ | PROT_WRITE));
    } else if (new_end < brk_page_end) {
        target_munmap((uint32_t)new_end, (uint32_t)(brk_page_end - new_end));
    }
    brk_page_end = (uint32_t)new_end;
    brk_cur = new_brk;
    return brk_cur;
}

/* ---- The entry points, under the translation lock ---------------------- */

/*
 * The page flags, the search position and the break are shared by every
 * guest thread, and changing a mapping invalidates TBs: each entry point
 * holds tb_lock (exec/cpus.c; QEMU user mode's mmap_lock), so two threads
 * cannot both find the same free range, and no thread translates from a
 * page while another unmaps it.
 */
int32_t target_mmap(uint32_t addr, uint32_t len, int prot, int flags, int fd, uint64_t offset)
{
    tb_lock();
    int32_t r = vma_budget_ok() ? target_mmap_locked(addr, len, prot, flags, fd, offset) : -ENOMEM;
    if (!is_error(r))
        proc_maps_forget((uint32_t)r, len);
    tb_unlock();
    return r;
}

int32_t target_munmap(uint32_t addr, uint32_t len)
{
    tb_lock();
    int32_t r = target_munmap_locked(addr, len);
    if (r == 0)
        proc_maps_forget(addr, len);
    tb_unlock();
    return r;
}

int32_t target_mprotect(uint32_t addr, uint32_t len, int prot)
{
    tb_lock();
    int32_t r = vma_budget_ok() ? target_mprotect_locked(addr, len, prot) : -ENOMEM;
    tb_unlock();
    return r;
}

int32_t target_mremap(uint32_t old_addr, uint32_t old_len, uint32_t new_len, int flags, uint32_t new_addr)
{
    tb_lock();
    int32_t r = vma_budget_ok() ? target_mremap_locked(old_addr, old_len, new_len, flags, new_addr) : -ENOMEM;
    if (!is_error(r)) {
        proc_maps_forget(old_addr, old_len);
        proc_maps_forget((uint32_t)r, new_len);
    }
    tb_unlock();
    return r;
}

int32_t target_madvise(uint32_t addr, uint32_t len, int advice)
{
    tb_lock();
    int32_t r = target_madvise_locked(addr, len, advice);
    tb_unlock();
    return r;
}

/*
 * remap_file_pages (mm/mmap.c): the kernel emulates it with an mmap of the
 * same file over the range, MAP_SHARED | MAP_FIXED at the new page offset,
 * with the mapping's own protection (flags other than MAP_NONBLOCK are
 * ignored), and only inside one shared mapping.
 * The guest's shared file mapping is the host's, so the host call does
 * exactly that to the window (a guest hole is a private reservation there:
 * EINVAL, as for no mapping); the range's code is stale after.
 */
int32_t target_remap_file_pages(uint32_t start, uint32_t size, int prot, uint32_t pgoff, int flags)
{
    uint32_t s = start & TARGET_PAGE_MASK, n = size & TARGET_PAGE_MASK;

    if (prot || (uint64_t)s + n > GUEST_TOP || s + n <= s)
        return -EINVAL;
    tb_lock();
    int32_t r = 0;
    if (syscall(SYS_remap_file_pages, g2h(s), (size_t)n, 0, (size_t)pgoff, flags) < 0) {
        r = -errno;
    } else {
        invalidate(s, n);
        proc_maps_forget(s, n);
    }
    tb_unlock();
    return r;
}

/* ---- SysV shared memory ------------------------------------------------ */

/* The attached segments, by guest start: shmdt takes only an address. */
#define MAX_SHM_ATTACH 128
static struct {
    uint32_t start, len;
} shm_attached[MAX_SHM_ATTACH];

/*
 * do_shmat(): an address must be SHMLBA-aligned, or is rounded down with
 * SHM_RND; without SHM_REMAP it must not overlap a mapping (EINVAL); no
 * address means a free range.  The host's shmat replaces the window's
 * reservation (SHM_REMAP); its protection is read, or read-write, never
 * executable (guest code is only read by the translator).
 */
static int32_t target_shmat_locked(int shmid, uint32_t addr, uint64_t size, int shmflg)
{
    uint64_t alen = TARGET_PAGE_ALIGN(size);
    uint32_t start;
    int slot;

    if (addr & (TARGET_SHMLBA - 1)) {
        if (!(shmflg & SHM_RND))
            return -EINVAL;
        addr &= ~(uint32_t)(TARGET_SHMLBA - 1);
    }
    for (slot = 0; slot < MAX_SHM_ATTACH && shm_attached[slot].len; slot++)
        ;
    if (slot == MAX_SHM_ATTACH || alen == 0)
        return -ENOMEM;
    if (addr) {
        if (alen > mmap_top || addr > mmap_top - alen)
            return -EINVAL;
        if (!(shmflg & SHM_REMAP) && !range_is_free(addr, alen))
            return -EINVAL;
        start = addr;
    } else if (!find_free(alen, &start)) {
        return -ENOMEM;
    }
    int was_free = range_is_free(start, alen);
    if (!was_free)
        invalidate(start, alen);
    if (shmat(shmid, g2h(start), (shmflg & SHM_RDONLY) | SHM_REMAP) == (void *)-1) {
        int32_t r = -errno;
        if (was_free)
            reserve(start, alen);
        return r;
    }
    page_set_flags(start, alen,
                   PAGE_VALID | PAGE_READ | PAGE_SHOWN_READ | (shmflg & SHM_RDONLY ? 0 : PAGE_WRITE) |
                       (shmflg & SHM_EXEC ? PAGE_EXEC : 0));
    shm_attached[slot].start = start;
    shm_attached[slot].len = (uint32_t)alen;
    return (int32_t)start;
}

int32_t target_shmat(int shmid, uint32_t addr, uint64_t size, int shmflg)
{
    tb_lock();
    int32_t r = vma_budget_ok() ? target_shmat_locked(shmid, addr, size, shmflg) : -ENOMEM;
    if (!is_error(r))
        proc_maps_forget((uint32_t)r, size);
    tb_unlock();
    return r;
}

/* ksys_shmdt(): the segment attached at exactly addr, else EINVAL. */
int32_t target_shmdt(uint32_t addr)
{
    int32_t r = -EINVAL;

    tb_lock();
    for (int i = 0; i < MAX_SHM_ATTACH; i++) {
        if (!shm_attached[i].len || shm_attached[i].start != addr)
            continue;
        uint32_t len = shm_attached[i].len;
        shm_attached[i].len = 0;
        /* The guest may have unmapped or replaced it since: then the
         * host has no segment there, and what is there stays. */
        invalidate(addr, len);
        if (shmdt(g2h(addr)) != 0)
            break;
        r = 0;
        reserve(addr, len);
        proc_maps_forget(addr, len);
        break;
    }
    tb_unlock();
    return r;
}

uint32_t target_brk(uint32_t new_brk)
{
    tb_lock();
    uint32_t r = target_brk_locked(new_brk);
    tb_unlock();
    return r;
}

int guest_range_ok(uint32_t addr, uint64_t len, int prot)
{
    tb_lock();
    int r = guest_range_ok_locked(addr, len, prot);
    tb_unlock();
    return r;
}

int range_is_free(uint32_t addr, uint64_t len)
{
    tb_lock();
    int r = range_is_free_locked(addr, len);
    tb_unlock();
    return r;
}

const char *guest_string(uint32_t addr)
{
    tb_lock();
    const char *r = guest_string_locked(addr);
    tb_unlock();
    return r;
}
