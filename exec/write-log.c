/*
 * A vfork child's stores, carried to its parent.
 *
 * Natively the child of vfork (clone with CLONE_VM | CLONE_VFORK, what
 * glibc's posix_spawn and Python's subprocess use) runs in its parent's
 * memory, and the parent, which sleeps until the child execs or ends,
 * then sees what the child stored: posix_spawn learns that way that the
 * exec failed and why.  One translator's state cannot serve two processes
 * (their CPU loops, code buffers, descriptor tables and signal handling
 * are their own), so stitch runs the child on a copy, a host fork, and
 * logs what it changes:
 *
 * - the parent maps a log both sides share, with room for two images of
 *   every guest page, up to MAX_PAGES (MAP_NORESERVE: only the pages used
 *   cost memory);
 * - the child write-protects every writable private guest page through
 *   the self-modifying-code machinery (exec/tb.c tb_watch_writes), so the
 *   first write to one, a guest store or the kernel's copy for a system
 *   call, notes the page and what it held;
 * - before its exec and before it ends, the child copies what the noted
 *   pages hold now (write_log_seal);
 * - the parent, woken, writes the bytes that differ between the two
 *   images into its own pages (write_log_apply), dropping translated code
 *   there as any write does.
 *
 * Only the bytes the child changed are written, so what the parent's
 * other threads (or a system call finishing in one) stored meanwhile
 * elsewhere on the same page stays.  Shared mappings are left alone:
 * both processes see those already.  What the child does to the mappings
 * themselves (mmap, munmap, mprotect, brk) stays its own (docs/divergences.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

#include "guest-window.h"
#include "tb.h"
#include "write-log.h"

struct WriteLog {
    size_t bytes;  /* of the mapping */
    uint32_t room; /* pages */
    uint32_t n;    /* pages noted */
    uint32_t sealed; /* of them, with their after image */
    uint8_t *images; /* per page noted: before, after */
    uint32_t page[];
};

static WriteLog *active; /* in the child */

static uint8_t *image(WriteLog *log, uint32_t i, int after)
{
    return log->images + ((size_t)i * 2 + (size_t)after) * GUEST_PAGE_SIZE;
}

/* A child that writes more pages than this before it execs (256 MiB)
 * is not one vfork is made for: the rest of its stores stay its own. */
#define MAX_PAGES 65536

/* Each run [first, end) of writable guest pages, in address order; the
 * pieces of the flags table that never held a flag are passed over. */
static void writable_runs(void (*fn)(uint32_t first, uint32_t end, void *arg), void *arg)
{
    const uint8_t *flags = page_flags_at(0);

    for (uint64_t piece = 0; piece < 1ull << (32 - GUEST_PAGE_BITS); piece += PAGE_FLAGS_PIECE) {
        if (!page_flags_piece_used((uint32_t)piece))
            continue;
        uint32_t run = 0, end = (uint32_t)piece + PAGE_FLAGS_PIECE;
        for (uint32_t p = (uint32_t)piece; p <= end; p++) {
            if (p < end && (flags[p] & PAGE_WRITE)) {
                run++;
                continue;
            }
            if (run)
                fn(p - run, p, arg);
            run = 0;
        }
    }
}

static void count_run(uint32_t first, uint32_t end, void *counted)
{
    *(uint64_t *)counted += end - first;
}

WriteLog *write_log_new(void)
{
    uint64_t counted = 0;

    writable_runs(count_run, &counted);
    uint64_t room = counted < MAX_PAGES ? counted : MAX_PAGES;
    size_t head = sizeof(WriteLog) + room * sizeof(uint32_t);
    size_t head_pages = (head + GUEST_PAGE_SIZE - 1) & ~(size_t)(GUEST_PAGE_SIZE - 1);
    size_t bytes = head_pages + room * 2 * GUEST_PAGE_SIZE;
    WriteLog *log = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
                         MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

    if (log == MAP_FAILED)
        return NULL;
    log->bytes = bytes;
    log->room = (uint32_t)room;
    log->n = log->sealed = 0;
    log->images = (uint8_t *)log + head_pages;
    return log;
}

void write_log_free(WriteLog *log)
{
    if (log)
        munmap(log, log->bytes);
}

/* Read through the kernel: a private file page past end-of-file (its
 * file cut short since) cannot be read, and a load would raise SIGBUS. */
static int read_page(uint8_t *dst, uint32_t page)
{
    struct iovec to = { dst, GUEST_PAGE_SIZE };
    struct iovec from = { g2h(page << GUEST_PAGE_BITS), GUEST_PAGE_SIZE };

    return process_vm_readv(getpid(), &to, 1, &from, 1, 0) == GUEST_PAGE_SIZE;
}

/* Which pages are in the log: a page protected again (code translated
 * on it) and lifted again is noted once, with what it held first. */
static uint8_t noted[(1u << (32 - GUEST_PAGE_BITS)) / 8];

/* tb.c, under tb_lock (or in the fault handler, which holds it): the page
 * is about to be written for the first time since the log started.  One
 * that cannot be read is left out: its write will raise SIGBUS anyway. */
static void note(uint32_t page)
{
    WriteLog *log = active;

    if (!log || log->n == log->room || (noted[page / 8] >> (page % 8) & 1))
        return;
    if (!read_page(image(log, log->n, 0), page))
        return;
    noted[page / 8] |= (uint8_t)(1u << (page % 8));
    log->page[log->n] = page;
    __atomic_store_n(&log->n, log->n + 1, __ATOMIC_RELEASE);
}

/* ---- the host's shared mappings inside the window (/proc/self/maps) ---- */

#define MAX_SHARED 256
static struct { uint32_t first, end; } shared[MAX_SHARED]; /* guest pages */
static int nshared;

static void shared_line(const char *line)
{
    char *s;
    uint64_t lo = strtoull(line, &s, 16);
    uint64_t hi = strtoull(s + 1, &s, 16);
    uint64_t top = guest_base + (1ull << 32);

    if (s[0] != ' ' || s[4] != 's' || hi <= guest_base || lo >= top || nshared == MAX_SHARED)
        return;
    lo = lo < guest_base ? 0 : lo - guest_base;
    hi = (hi > top ? top : hi) - guest_base;
    shared[nshared].first = (uint32_t)(lo >> GUEST_PAGE_BITS);
    shared[nshared].end = (uint32_t)((hi + GUEST_PAGE_SIZE - 1) >> GUEST_PAGE_BITS);
    nshared++;
}

/* No stdio or malloc here: the child of a raw clone may have inherited
 * their locks held by another thread of the parent. */
static void find_shared(void)
{
    static char buf[8192];
    size_t have = 0;
    int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);

    nshared = 0;
    if (fd < 0)
        return;
    for (;;) {
        ssize_t r = read(fd, buf + have, sizeof(buf) - 1 - have);
        if (r <= 0)
            break;
        have += (size_t)r;
        buf[have] = 0;
        char *line = buf, *nl;
        while ((nl = strchr(line, '\n'))) {
            *nl = 0;
            shared_line(line);
            line = nl + 1;
        }
        have = (size_t)(buf + have - line);
        memmove(buf, line, have);
        if (have == sizeof(buf) - 1) /* a line longer than the buffer */
            have = 0;
    }
    close(fd);
}

/* [first, end) with the shared mappings left out; maps lists them in
 * address order. */
static void watch_private(uint32_t first, uint32_t end, void *unused)
{
    (void)unused;
    for (int i = 0; i < nshared && first < end; i++) {
        if (shared[i].end <= first || shared[i].first >= end)
            continue;
        if (shared[i].first > first)
            tb_watch_writes(first, shared[i].first - first, note);
        first = shared[i].end;
    }
    if (first < end)
        tb_watch_writes(first, end - first, note);
}

void write_log_start(WriteLog *log)
{
    /* A child of a vfork child: the pages its parent noted are not yet
     * in this log. */
    for (uint32_t i = 0; active && i < active->n; i++)
        noted[active->page[i] / 8] &= (uint8_t)~(1u << (active->page[i] % 8));
    active = log;
    if (!log)
        return;
    find_shared();
    writable_runs(watch_private, NULL);
}

void write_log_seal(void)
{
    WriteLog *log = active;

    if (!log)
        return;
    tb_lock(); /* no note() half made by another thread of the child */
    for (uint32_t i = 0; i < log->n; i++) {
        if (!(page_get_flags(log->page[i] << GUEST_PAGE_BITS) & PAGE_READ) ||
            !read_page(image(log, i, 1), log->page[i]))
            memcpy(image(log, i, 1), image(log, i, 0), GUEST_PAGE_SIZE);
    }
    log->sealed = log->n;
    tb_unlock();
}

static void apply_page(uint8_t *dst, const uint8_t *before, const uint8_t *after)
{
    for (size_t i = 0; i < GUEST_PAGE_SIZE; i += 8) {
        uint64_t b, a;
        memcpy(&b, before + i, 8);
        memcpy(&a, after + i, 8);
        if (a == b)
            continue;
        for (size_t k = i; k < i + 8; k++)
            if (before[k] != after[k])
                dst[k] = after[k];
    }
}

void write_log_apply(WriteLog *log)
{
    /* Only sealed pages (a child killed before sealing tells nothing: its
     * after images would be zeros), under tb_lock: the parent's other
     * threads run again, and none may unmap or protect a page between the
     * check and the write. */
    tb_lock();
    for (uint32_t i = 0; log && i < log->sealed; i++) {
        uint32_t addr = log->page[i] << GUEST_PAGE_BITS;
        if (!(page_get_flags(addr) & PAGE_WRITE) ||
            !memcmp(image(log, i, 0), image(log, i, 1), GUEST_PAGE_SIZE))
            continue;
        tb_invalidate_range(addr, addr + GUEST_PAGE_SIZE - 1);
        apply_page(g2h(addr), image(log, i, 0), image(log, i, 1));
    }
    tb_unlock();
    write_log_free(log);
}
