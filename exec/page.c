/*
 * The guest's view of its pages, one byte of PAGE_* flags per 4 KiB page
 * (qemu's page_flags).  linux-user's mmap bookkeeping writes it; the
 * engine reads it when it write-protects pages holding translated code
 * (tb.c), so the table sits here, below both.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "exec.h"

#define PAGES (1u << (32 - GUEST_PAGE_BITS))

static uint8_t page_flags[PAGES];

/* Written under tb_lock; read also without it (a fault's si_code), so
 * each byte is accessed atomically. */
int page_get_flags(uint32_t addr)
{
    return __atomic_load_n(&page_flags[addr >> GUEST_PAGE_BITS], __ATOMIC_RELAXED);
}

/* [start, start + len) rounded out to whole pages; len may reach 4 GiB. */
void page_set_flags(uint32_t start, uint64_t len, int flags)
{
    uint64_t first = start >> GUEST_PAGE_BITS;
    uint64_t n = (len + GUEST_PAGE_SIZE - 1) >> GUEST_PAGE_BITS;

    for (uint64_t i = first; i < first + n; i++)
        __atomic_store_n(&page_flags[i], (uint8_t)flags, __ATOMIC_RELAXED);
}
