/*
 * The guest's view of its pages, one byte of PAGE_* flags per 4 KiB page
 * (qemu's page_flags).  linux-user's mmap bookkeeping writes it; the
 * engine reads it when it write-protects pages holding translated code
 * (tb.c), so the table sits here, below both.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <inttypes.h>
#include <string.h>

#include "exec.h"
#include "log.h"

#define PAGES (1u << (32 - GUEST_PAGE_BITS))

static uint8_t page_flags[PAGES];
/* How many pages are PAGE_VALID, and the most there have been: the
 * guest's total_vm and its high-water mark (VmPeak, mm/mmap.c
 * update_hiwater_vm), counted where they change. */
static uint64_t valid_pages, valid_peak;
/* Which pieces of the table (a host page of it each) ever held a flag: a
 * scan of the whole table skips the others without faulting them in. */
static uint8_t piece_used[PAGES / PAGE_FLAGS_PIECE];

/* Written under tb_lock; read also without it (a fault's si_code), so
 * each byte is accessed atomically. */
int page_get_flags(uint32_t addr)
{
    return __atomic_load_n(&page_flags[addr >> GUEST_PAGE_BITS], __ATOMIC_RELAXED);
}

const uint8_t *page_flags_at(uint32_t addr)
{
    return &page_flags[addr >> GUEST_PAGE_BITS];
}

/* [start, start + len) rounded out to whole pages; len may reach 4 GiB. */
void page_set_flags(uint32_t start, uint64_t len, int flags)
{
    uint64_t first = start >> GUEST_PAGE_BITS;
    uint64_t n = (len + GUEST_PAGE_SIZE - 1) >> GUEST_PAGE_BITS;

    int64_t delta = 0;

    for (uint64_t i = first; i < first + n; i++) {
        delta += ((flags & PAGE_VALID) != 0) - ((page_flags[i] & PAGE_VALID) != 0);
        if (flags)
            piece_used[i / PAGE_FLAGS_PIECE] = 1;
        __atomic_store_n(&page_flags[i], (uint8_t)flags, __ATOMIC_RELAXED);
    }
    valid_pages += (uint64_t)delta;
    if (valid_pages > valid_peak)
        valid_peak = valid_pages;
}

int page_flags_piece_used(uint32_t page)
{
    return piece_used[page / PAGE_FLAGS_PIECE];
}

uint64_t page_valid_peak(void)
{
    return valid_peak;
}

uint64_t page_valid_count(void)
{
    return valid_pages;
}

void page_valid_peak_reset(void)
{
    valid_peak = valid_pages;
}

/* -d page: the guest's mappings as ranges of equal flags, in qemu's
 * layout (start-end size prot). */
void page_dump(void)
{
    uint32_t n = 0;

    log_printf("%-8s %-8s %-8s %s\n", "start", "end", "size", "prot");
    while (n < PAGES) {
        uint32_t first = n;
        uint8_t f = page_flags[n];
        while (n < PAGES && page_flags[n] == f)
            n++;
        if (!(f & PAGE_VALID))
            continue;
        uint64_t start = (uint64_t)first << GUEST_PAGE_BITS;
        uint64_t end = (uint64_t)n << GUEST_PAGE_BITS;
        log_printf("%08" PRIx64 "-%08" PRIx64 " %08" PRIx64 " %c%c%c\n", start, end,
                   end - start, f & PAGE_READ ? 'r' : '-', f & PAGE_WRITE ? 'w' : '-',
                   f & PAGE_EXEC ? 'x' : '-');
    }
}
