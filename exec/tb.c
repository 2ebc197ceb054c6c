/*
 * The TB store: the code buffer, TB descriptors, and lookup by guest PC
 * through a direct-mapped jump cache in front of a hash table (paper,
 * section 3.5; the jump cache is QEMU 0.9's tb_jmp_cache).
 *
 * The code buffer is placed within reach of a rel32 from the stitch binary
 * (linked -no-pie, so low in the address space): the copied ops call
 * helpers and the epilogue with rel32 displacements.
 *
 * It is never writable and executable at one address (W^X): shared
 * anonymous memory is mapped twice, read-execute near the binary (the
 * addresses TBs run at and jump to) and read-write wherever the kernel puts
 * it (code_rw()), and every writer -- the emitters, chaining, the
 * interpreter's threads -- stores through the second view.  x86 keeps the
 * views coherent for instruction fetch: self- and cross-modifying code is
 * detected by physical address (Intel SDM vol. 3A, 11.6 "Self-Modifying
 * Code"), so a store through the alias is seen as a store to the running
 * code.  Anonymous rather than a memfd: there is no descriptor the guest
 * could find, and /proc/PID/maps names the views "/dev/zero (deleted)",
 * which perf takes for JIT memory and resolves through -perfmap's
 * /tmp/perf-PID.map (it reads a memfd view as a file and finds no symbols).
 * Valgrind refuses the second view's mremap() (EINVAL); there, and only
 * there, the pages are a memfd's, mapped twice, its descriptor closed
 * once both views exist.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE /* mremap's MREMAP_FIXED */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "error.h"
#include "profile.h"
#include "stats.h"
#include "tb.h"

#define DEFAULT_CODE_BUFFER (32u << 20)
#define AVG_TB_CODE 128 /* sizes the descriptor array */
/* The hash table starts small and doubles as TBs arrive, up to
 * MAX_HASH_BITS: a short run touches a page or two of it, not the 512 KiB
 * a full-size table spreads its first few hundred TBs over (each new page
 * a page fault, two when a lookup reads it before an insert writes it). */
#define MIN_HASH_BITS 10
#define MAX_HASH_BITS 16

uint8_t *code_buffer;
size_t code_buffer_size;
uint8_t *code_ptr;
intptr_t code_rw_delta;

static TranslationBlock *tbs;
static size_t nb_tbs, max_tbs;
static TranslationBlock **hash;
static unsigned hash_bits, hash_count;
static unsigned flush_count;

static unsigned hash_pc(uint32_t pc)
{
    return (pc * 2654435761u) >> (32 - hash_bits);
}

static TranslationBlock **new_hash(unsigned bits)
{
    TranslationBlock **h = calloc((size_t)1 << bits, sizeof(*h));

    if (!h)
        fatal(EXIT_USAGE, NULL, "out of memory for the TB hash table");
    return h;
}

/* Twice the buckets once there are more TBs than buckets: chains stay
 * about one long.  Under tb_lock, like every use of the table. */
static void hash_grow(void)
{
    TranslationBlock **old = hash;
    unsigned old_size = 1u << hash_bits;

    hash = new_hash(++hash_bits);
    for (unsigned i = 0; i < old_size; i++)
        for (TranslationBlock *tb = old[i], *next; tb; tb = next) {
            unsigned h = hash_pc(tb->pc);
            next = tb->hash_next;
            tb->hash_next = hash[h];
            hash[h] = tb;
        }
    free(old);
}

static unsigned jc_index(uint32_t pc)
{
    return tb_jc_hash(pc);
}

/* Fresh pages for the fallback (see the top of the file): a memfd of
 * `size` bytes, or -1. */
static int new_memfd(size_t size)
{
    int fd = memfd_create("stitch-code", MFD_CLOEXEC);

    if (fd >= 0 && ftruncate(fd, (off_t)size) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/*
 * The second view of the shared pages at `rx`, at `at` when given
 * (replacing what is there) or where the kernel likes: of memfd `fd`, or,
 * when fd < 0, of anonymous memory through mremap() with an old size of 0,
 * which maps a shared mapping again instead of moving it (mm/mremap.c).
 */
static uint8_t *map_rw_view(uint8_t *rx, size_t size, uint8_t *at, int fd)
{
    int fixed = at ? MAP_FIXED : 0;
    void *rw = fd >= 0 ? mmap(at, size, PROT_READ | PROT_WRITE, MAP_SHARED | fixed, fd, 0)
                       : mremap(rx, 0, size, MREMAP_MAYMOVE | (at ? MREMAP_FIXED : 0), at);

    if (rw == MAP_FAILED)
        return NULL;
    if (fd < 0 && mprotect(rw, size, PROT_READ | PROT_WRITE) < 0) {
        munmap(rw, size);
        return NULL;
    }
    return rw;
}

/* The read-execute view of fresh shared pages (of `fd`, or anonymous when
 * fd < 0): addresses below 2 GiB near the binary, the first one free. */
static uint8_t *map_rx(size_t size, int fd)
{
    uintptr_t text = (uintptr_t)tb_epilogue;
    int anon = fd < 0 ? MAP_ANONYMOUS : 0;

    for (uintptr_t hint = (text + (64u << 20)) & ~(uintptr_t)0xffffff;
         hint + size < text + 0x7f000000u; hint += 16u << 20) {
        void *p = mmap((void *)hint, size, PROT_READ | PROT_EXEC,
                       MAP_SHARED | anon | MAP_FIXED_NOREPLACE, fd, 0);
        if (p != MAP_FAILED)
            return p;
    }
    return NULL;
}

/*
 * The writable view's pages are made ahead of the emitters, a chunk at a
 * time (MADV_POPULATE_WRITE, Linux 5.14): a write fault on shared memory
 * costs more than the page, and the first milliseconds of every run write
 * a fresh page every few dozen TBs.  Only a start: a kernel without it
 * (EINVAL) leaves the pages to be faulted in, as before.
 */
#define POPULATE_CHUNK (64u << 10)
static uint8_t *populated_end; /* in the executable view's addresses */

static void populate_ahead(void)
{
    uint8_t *end = code_buffer + code_buffer_size;

    if (code_ptr + TB_CODE_MIN_ROOM <= populated_end || populated_end >= end)
        return;
    if (populated_end < code_ptr)
        populated_end = code_ptr - ((uintptr_t)code_ptr & 4095);
    size_t len = (size_t)(end - populated_end) < POPULATE_CHUNK ? (size_t)(end - populated_end)
                                                                  : POPULATE_CHUNK;
    madvise(code_rw(populated_end), len, MADV_POPULATE_WRITE);
    populated_end += len;
}

/* The fallback is in use (the views are a memfd's). */
static int code_memfd;

/* Both views of `size` bytes: code_buffer, and the read-write one. */
static uint8_t *map_views(size_t size)
{
    code_buffer = map_rx(size, -1);
    uint8_t *rw = code_buffer ? map_rw_view(code_buffer, size, NULL, -1) : NULL;

    if (rw || !code_buffer || errno != EINVAL)
        return rw;
    munmap(code_buffer, size);
    int fd = new_memfd(size);
    if (fd < 0)
        return NULL;
    code_memfd = 1;
    code_buffer = map_rx(size, fd);
    rw = code_buffer ? map_rw_view(code_buffer, size, NULL, fd) : NULL;
    int err = errno;
    close(fd);
    errno = err;
    return rw;
}

void exec_init(size_t size)
{
    code_buffer_size = size ? size : DEFAULT_CODE_BUFFER;
    if (code_buffer_size < 16 * TB_CODE_MIN_ROOM)
        code_buffer_size = 16 * TB_CODE_MIN_ROOM;
    uint8_t *rw = map_views(code_buffer_size);
    if (!rw) {
        fatal(EXIT_USAGE, NULL, "cannot map a %zu-byte code buffer near "
              "the binary (mmap, mremap: %s)", code_buffer_size,
              strerror(errno));
    }
    code_rw_delta = (intptr_t)(rw - code_buffer);
    max_tbs = code_buffer_size / AVG_TB_CODE;
    tbs = calloc(max_tbs, sizeof(*tbs));
    if (!tbs) {
        fatal(EXIT_USAGE, NULL, "out of memory for TB descriptors");
    }
    code_ptr = code_buffer;
    hash_bits = MIN_HASH_BITS;
    hash = new_hash(hash_bits);
    ibtc_init();
    profile_init(exec_profile, max_tbs);
}

/*
 * Around a fork: the views are shared memory, so parent and child would
 * translate into, and chain through, one buffer.  The child gets pages of
 * its own holding the code as it was at the fork, at the same two
 * addresses (every TB pointer and code_rw_delta stay right).  The copy is
 * made by the parent before the fork, while it holds the engine's locks
 * (exec_fork_start): after it, the parent goes on patching the old pages.
 */
static uint8_t *fork_copy;
static int fork_fd = -1; /* the copy's memfd, in the fallback */

int exec_fork_code_prepare(void)
{
    if (code_memfd && (fork_fd = new_memfd(code_buffer_size)) < 0)
        return -errno;
    void *copy = mmap(NULL, code_buffer_size, PROT_READ | PROT_WRITE,
                      MAP_SHARED | (fork_fd < 0 ? MAP_ANONYMOUS : 0), fork_fd, 0);

    if (copy == MAP_FAILED) {
        int err = errno;
        exec_fork_code_end(0);
        return -err;
    }
    memcpy(copy, code_rw(code_buffer), (size_t)(code_ptr - code_buffer));
    fork_copy = copy;
    return 0;
}

/* In the child, the copy moves over the executable view and is mapped
 * again over the writable one; the parent only drops its reference. */
void exec_fork_code_end(int child)
{
    uint8_t *copy = fork_copy;
    int fd = fork_fd;

    fork_copy = NULL;
    fork_fd = -1;
    if (!child || !copy) {
        if (copy)
            munmap(copy, code_buffer_size);
        if (fd >= 0)
            close(fd);
        return;
    }
    void *rx = fd >= 0 ? mmap(code_buffer, code_buffer_size, PROT_READ | PROT_EXEC,
                              MAP_SHARED | MAP_FIXED, fd, 0)
                       : mremap(copy, code_buffer_size, code_buffer_size,
                                MREMAP_MAYMOVE | MREMAP_FIXED, code_buffer);
    if (rx == MAP_FAILED ||
        mprotect(code_buffer, code_buffer_size, PROT_READ | PROT_EXEC) < 0 ||
        !map_rw_view(code_buffer, code_buffer_size, code_rw(code_buffer), fd))
        fatal(EXIT_USAGE, NULL, "fork: cannot map the child's code buffer: %s",
              strerror(errno));
    if (fd >= 0) {
        munmap(copy, code_buffer_size);
        close(fd);
    }
}

TranslationBlock *tb_from_exit_value(uint32_t v, int *n)
{
    if (v < 4 || (v >> 1) - 2 >= max_tbs)
        return NULL;
    *n = v & 1;
    return &tbs[(v >> 1) - 2];
}

#ifndef GUEST_WANTS_FLUSH
#define GUEST_WANTS_FLUSH() 0
#endif
#ifndef GUEST_TB_STALE
#define GUEST_TB_STALE(tb) 1
#endif
#ifndef GUEST_TB_FLUSHED
#define GUEST_TB_FLUSHED() ((void)0)
#endif
#ifndef GUEST_TB_FLAGS_UNKEYED
#define GUEST_TB_FLAGS_UNKEYED 0u
#endif

static int short_of_room(void)
{
    return nb_tbs >= max_tbs ||
           (size_t)(code_buffer + code_buffer_size - code_ptr) < TB_CODE_MIN_ROOM;
}

/* Flush ahead of time when little room is left, or when the guest asks
 * (include/guest.h); a TB that still does not fit is noticed while it is
 * emitted (translate-all.c) and retried. */
int tb_needs_flush(void)
{
    return short_of_room() || GUEST_WANTS_FLUSH();
}

/* A TB's flags against the ones looked up: those the guest leaves out of
 * the key may differ (include/guest.h). */
static int flags_match(uint32_t tb_flags, uint32_t flags)
{
    return !((tb_flags ^ flags) & ~GUEST_TB_FLAGS_UNKEYED);
}

void tb_discard_last(void)
{
    nb_tbs--;
}

TranslationBlock *tb_alloc(uint32_t pc, uint32_t flags)
{
    TranslationBlock *tb = &tbs[nb_tbs++];

    memset(tb, 0, sizeof(*tb));
    tb->pc = pc;
    tb->flags = flags;
    /* tb_from_exit_value(); values below 4 are the TB_EXIT_* ones */
    tb->exit_base = (uint32_t)(tb - tbs + 2) * 2;
    tier_alloc(tb);
    tb->jmp_offset[0] = tb->jmp_offset[1] = NO_JMP;
    tb->tc_ptr = code_ptr;
    populate_ahead();
    return tb;
}

void tb_insert(CPUState *env, TranslationBlock *tb)
{
    if (++hash_count > 1u << hash_bits && hash_bits < MAX_HASH_BITS)
        hash_grow();
    unsigned h = hash_pc(tb->pc);

    tb->hash_next = hash[h];
    hash[h] = tb;
    __atomic_store_n(&env->tb_jmp_cache[jc_index(tb->pc)], tb, __ATOMIC_RELAXED);
}

/* Without tb_lock: this CPU's jump cache.  A TB invalidated by another
 * thread meanwhile has pc 0xffffffff, so it does not match. */
TranslationBlock *tb_lookup_fast(CPUState *env, uint32_t pc, uint32_t flags)
{
    TranslationBlock *tb = __atomic_load_n(&env->tb_jmp_cache[jc_index(pc)],
                                           __ATOMIC_ACQUIRE);

    if (tb && __atomic_load_n(&tb->pc, __ATOMIC_RELAXED) == pc && flags_match(tb->flags, flags)) {
        STAT_INC(lookups_fast);
        return tb;
    }
    return NULL;
}

/* Under tb_lock: the hash table. */
TranslationBlock *tb_lookup(CPUState *env, uint32_t pc, uint32_t flags)
{
    STAT_INC(lookups_slow);
    for (TranslationBlock *tb = hash[hash_pc(pc)]; tb; tb = tb->hash_next)
        if (tb->pc == pc && flags_match(tb->flags, flags)) {
            __atomic_store_n(&env->tb_jmp_cache[jc_index(pc)], tb, __ATOMIC_RELEASE);
            return tb;
        }
    return NULL;
}

static void tb_remove(TranslationBlock *tb)
{
    tb_drop(tb);
    STAT_INC(tbs_invalidated);
}

void tb_drop(TranslationBlock *tb)
{
    TranslationBlock **pp = &hash[hash_pc(tb->pc)];

    while (*pp && *pp != tb)
        pp = &(*pp)->hash_next;
    if (*pp) {
        *pp = tb->hash_next;
        hash_count--;
    }
    /* before the slots are emptied: ibtc_fill() (exec/chain.c) */
    __atomic_store_n(&tb->invalid, 1, __ATOMIC_SEQ_CST);
    cpu_list_forget_tb(jc_index(tb->pc), tb);
    tb_unchain_incoming(tb);
    tb_unlink_outgoing(tb);
    profile_fold(tb);
    __atomic_store_n(&tb->pc, 0xffffffff, __ATOMIC_RELAXED); /* never found again */
    tb->size = 0;
}

/*
 * Self-modifying code (paper, section 3.7, user mode): a guest page that
 * holds translated code is write-protected on the host.  A guest store to
 * it faults; the fault handler drops the page's TBs, lifts the protection
 * and lets the store complete.  code_page[] says which pages are protected
 * and why: CODE_TBS, translated code on it; CODE_WATCHED, no code, only
 * its first write is wanted (tb_watch_writes, a vfork child's write log).
 */
enum { CODE_NONE, CODE_TBS, CODE_WATCHED };
static uint8_t code_page[1u << (32 - GUEST_PAGE_BITS)];
static void (*first_write)(uint32_t page);

/* 1 if the page was writable until now. */
static int protect_page(uint32_t page)
{
    int was = code_page[page];

    if (was == CODE_TBS)
        return 0;
    code_page[page] = CODE_TBS;
    if (was == CODE_WATCHED || !(page_get_flags(page << GUEST_PAGE_BITS) & PAGE_WRITE))
        return 0;
    mprotect(g2h(page << GUEST_PAGE_BITS), GUEST_PAGE_SIZE, PROT_READ);
    return 1;
}

/* Before the write that made the protection go, while the page still
 * holds what it had. */
static void unprotect_page(uint32_t page)
{
    code_page[page] = CODE_NONE;
    if (!(page_get_flags(page << GUEST_PAGE_BITS) & PAGE_WRITE))
        return;
    if (first_write)
        first_write(page);
    mprotect(g2h(page << GUEST_PAGE_BITS), GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE);
}

/* One mprotect for the run, or, where the host refuses part of it (a
 * huge-page mapping it would split), page by page; a page that cannot be
 * protected is not watched. */
static void watch_run(uint32_t first, uint32_t n)
{
    if (mprotect(g2h(first << GUEST_PAGE_BITS), (size_t)n << GUEST_PAGE_BITS, PROT_READ) == 0)
        return;
    for (uint32_t p = first; p < first + n; p++)
        if (mprotect(g2h(p << GUEST_PAGE_BITS), GUEST_PAGE_SIZE, PROT_READ) < 0)
            code_page[p] = CODE_NONE;
}

void tb_watch_writes(uint32_t first, uint32_t n, void (*hook)(uint32_t page))
{
    uint32_t run = 0;

    first_write = hook;
    for (uint32_t p = first; p <= first + n; p++) {
        if (p < first + n && code_page[p] == CODE_NONE) {
            code_page[p] = CODE_WATCHED;
            run++;
            continue;
        }
        if (run)
            watch_run(p - run, run);
        run = 0;
    }
}

int tb_protect_code(const TranslationBlock *tb)
{
    uint32_t last = tb->pc + (tb->size ? tb->size - 1 : 0);
    int newly = 0;

    for (uint32_t p = tb->pc >> GUEST_PAGE_BITS; p <= last >> GUEST_PAGE_BITS; p++)
        newly |= protect_page(p);
    return newly;
}

int tb_is_code_page(uint32_t addr)
{
    return code_page[addr >> GUEST_PAGE_BITS];
}

/* Drop every TB on the pages of [start, end) and lift their protection;
 * a watched page's only if a write follows. */
static void invalidate_range(uint32_t start, uint32_t end, int for_write)
{
    uint32_t first = start >> GUEST_PAGE_BITS;
    uint32_t last = (end - 1) >> GUEST_PAGE_BITS;
    int any = 0, tbs_on = 0;

    if (end <= start)
        return;
    for (uint32_t p = first; p <= last && !tbs_on; p++) {
        any |= code_page[p] != CODE_NONE;
        tbs_on = code_page[p] == CODE_TBS;
    }
    if (!any)
        return;
    uint32_t lo = first << GUEST_PAGE_BITS;
    uint32_t hi = (last << GUEST_PAGE_BITS) + (GUEST_PAGE_SIZE - 1);
    for (size_t i = 0; i < nb_tbs && tbs_on; i++) {
        TranslationBlock *tb = &tbs[i];
        if (tb->size && tb->pc <= hi && tb->pc + tb->size - 1 >= lo)
            tb_remove(tb);
    }
    for (uint32_t p = first; p <= last; p++)
        if (code_page[p] == CODE_TBS || (code_page[p] && for_write))
            unprotect_page(p);
}

static void invalidate_locked(uint32_t start, uint32_t end, int for_write)
{
    tb_lock();
    tcache_forget(start, end);
    invalidate_range(start, end, for_write);
    tb_unlock();
}

void tb_invalidate_range(uint32_t start, uint32_t end)
{
    invalidate_locked(start, end, 1);
}

void tb_drop_range(uint32_t start, uint32_t end)
{
    invalidate_locked(start, end, 0);
}

void tb_profile_fold_all(void)
{
    for (size_t i = 0; i < nb_tbs; i++)
        profile_fold(&tbs[i]);
}

/* The flush a guest asked for while room is left drops only the TBs it
 * names (include/guest.h), as a write into their code would: the others
 * stay, with their chains.  Under --interp, where GUEST_TB_COPIED told it
 * nothing, every TB goes. */
static void drop_stale(void)
{
    for (size_t i = 0; i < nb_tbs; i++)
        if (tbs[i].size && (exec_interp || GUEST_TB_STALE(&tbs[i]))) {
            tb_drop(&tbs[i]);
            STAT_INC(tbs_stale);
        }
}

/* Every thread is out of generated code (an exclusive section), so the
 * buffer can be reused and no jump cache is being probed. */
void tb_flush(void)
{
    tb_lock();
    if (!short_of_room() && GUEST_WANTS_FLUSH()) {
        drop_stale();
        flush_count++;
        GUEST_TB_FLUSHED();
        tb_unlock();
        return;
    }
    if (exec_profile) {
        tb_profile_fold_all();
        profile_flushed();
    }
    for (size_t i = 0; i < sizeof(code_page); i++)
        if (code_page[i] == CODE_TBS) /* a watched page stays watched */
            unprotect_page((uint32_t)i);
    nb_tbs = 0;
    code_ptr = code_buffer;
    memset(hash, 0, sizeof(*hash) << hash_bits);
    hash_count = 0;
    cpu_list_clear_jmp_caches();
    flush_count++;
    STAT_INC(flushes);
    GUEST_TB_FLUSHED();
    tb_unlock();
}

unsigned tb_flush_count(void)
{
    return flush_count;
}

/* TBs are allocated in code-buffer order, so a binary search finds the one
 * whose host code contains host_pc. */
TranslationBlock *tb_find_by_host_pc(uintptr_t host_pc)
{
    size_t lo = 0, hi = nb_tbs;

    if (host_pc < (uintptr_t)code_buffer || host_pc >= (uintptr_t)code_ptr)
        return NULL;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if ((uintptr_t)tbs[mid].tc_ptr <= host_pc)
            lo = mid;
        else
            hi = mid;
    }
    return nb_tbs ? &tbs[lo] : NULL;
}
