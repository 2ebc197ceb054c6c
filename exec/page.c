/*
 * The guest's view of its pages, one byte of PAGE_* flags per 4 KiB page
 * (qemu's page_flags).  linux-user's mmap bookkeeping writes it; the
 * engine reads it when it write-protects pages holding translated code
 * (tb.c), so the table sits here, below both.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "exec.h"

#define PAGES (1u << (32 - GUEST_PAGE_BITS))

static uint8_t page_flags[PAGES];

int page_get_flags(uint32_t addr)
{
    return page_flags[addr >> GUEST_PAGE_BITS];
}

/* [start, start + len) rounded out to whole pages; len may reach 4 GiB. */
void page_set_flags(uint32_t start, uint64_t len, int flags)
{
    uint64_t first = start >> GUEST_PAGE_BITS;
    uint64_t n = (len + GUEST_PAGE_SIZE - 1) >> GUEST_PAGE_BITS;

    memset(&page_flags[first], flags, n);
}
