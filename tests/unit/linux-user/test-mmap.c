/*
 * The guest window: mappings land inside it with the guest's protections,
 * unmapped ranges fault again (PROT_NONE, never handed back to the host),
 * mmap(NULL) finds free space from 0x40000000, mremap grows and moves, brk
 * behaves like the kernel's, -p sets the granule mmap(NULL) places in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "user.h"

static void setup(void)
{
    cr_assert_eq(mmap_init(), 0);
}

TestSuite(mmap, .init = setup);

#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

Test(mmap, window_is_reserved_and_empty)
{
    cr_expect_neq(guest_base, 0);
    cr_expect(range_is_free(guest_min_addr, 0x100000));
    cr_expect_not(guest_range_ok(0x1000, 4, PAGE_READ));
}

/* Nothing of the host's may be mapped right below or right above the
 * window: both sides are the reservation's guard regions. */
Test(mmap, window_has_guards_on_both_sides)
{
    char *below = (char *)guest_base - 4096, *above = (char *)guest_base + (1ull << 32);

    cr_expect_eq(mmap(below, 4096, PROT_READ, ANON | MAP_FIXED_NOREPLACE, -1, 0), MAP_FAILED,
                 "the page below the window must be reserved");
    cr_expect_eq(mmap(above, 4096, PROT_READ, ANON | MAP_FIXED_NOREPLACE, -1, 0), MAP_FAILED,
                 "the page above the window must be reserved");
}

Test(mmap, anonymous_mapping_goes_above_unmapped_base)
{
    int32_t a = target_mmap(0, 10000, PROT_READ | PROT_WRITE, ANON, -1, 0);

    cr_assert_geq((uint32_t)a, GUEST_UNMAPPED_BASE);
    cr_expect_eq((uint32_t)a % TARGET_PAGE_SIZE, 0);
    cr_expect(guest_range_ok(a, 3 * TARGET_PAGE_SIZE, PAGE_READ | PAGE_WRITE));
    cr_expect_not(guest_range_ok(a, 3 * TARGET_PAGE_SIZE + 1, PAGE_READ));
    cr_expect_eq(*(uint32_t *)g2h(a + 8000), 0, "anonymous memory is zero");
    *(uint32_t *)g2h(a) = 42;

    int32_t b = target_mmap(0, 4096, PROT_READ, ANON, -1, 0);
    cr_expect((uint32_t)b >= (uint32_t)a + 3 * 4096 || (uint32_t)b + 4096 <= (uint32_t)a,
              "second mapping must not overlap the first");
    cr_expect_not(guest_range_ok(b, 4, PAGE_WRITE), "read-only for the guest");
}

Test(mmap, munmap_puts_the_reservation_back)
{
    int32_t a = target_mmap(0, 8192, PROT_READ | PROT_WRITE, ANON, -1, 0);

    cr_assert_eq(target_munmap(a, 4096), 0);
    cr_expect_not(guest_range_ok(a, 1, PAGE_READ));
    cr_expect(guest_range_ok(a + 4096, 1, PAGE_READ));
    /* The host range is still ours, PROT_NONE: probing it with a fixed
     * no-replace mapping must fail. */
    void *p = mmap(g2h(a), 4096, PROT_READ, ANON | MAP_FIXED_NOREPLACE, -1, 0);
    cr_expect_eq(p, MAP_FAILED, "the hole must stay reserved");
    cr_expect_eq(target_munmap(a + 1, 4096), -EINVAL);
    cr_expect_eq(target_munmap(a, 0), -EINVAL);
}

Test(mmap, fixed_and_noreplace)
{
    int32_t a = target_mmap(0x20000000, 4096, PROT_READ | PROT_WRITE, ANON | MAP_FIXED, -1, 0);

    cr_assert_eq(a, 0x20000000);
    cr_expect_eq(target_mmap(0x20000000, 4096, PROT_READ, ANON | MAP_FIXED_NOREPLACE, -1, 0), -EEXIST);
    cr_expect_eq(target_mmap(0x20000001, 4096, PROT_READ, ANON | MAP_FIXED, -1, 0), -EINVAL);
    cr_expect_eq(target_mmap(0xfffff000, 4096, PROT_READ, ANON | MAP_FIXED, -1, 0), -ENOMEM,
                 "above the 32-bit task size");
    cr_expect_eq(target_mmap(0, 0, PROT_READ, ANON, -1, 0), -EINVAL);
    /* A free hint is honoured. */
    cr_expect_eq(target_mmap(0x30000000, 4096, PROT_READ, ANON, -1, 0), 0x30000000);
}

Test(mmap, file_mapping_shows_file_bytes)
{
    char path[] = "/tmp/stitch-test-mmap-XXXXXX";
    int fd = mkstemp(path);
    char buf[8192];

    memset(buf, 'x', sizeof(buf));
    buf[4096] = 'Y';
    cr_assert_eq(write(fd, buf, sizeof(buf)), (ssize_t)sizeof(buf));
    int32_t a = target_mmap(0, 4096, PROT_READ, MAP_PRIVATE, fd, 4096);
    close(fd);
    unlink(path);
    cr_assert_geq((uint32_t)a, GUEST_UNMAPPED_BASE);
    cr_expect_eq(*(char *)g2h(a), 'Y');
}

Test(mmap, mprotect_changes_guest_view)
{
    int32_t a = target_mmap(0, 8192, PROT_READ | PROT_WRITE, ANON, -1, 0);

    cr_assert_eq(target_mprotect(a, 4096, PROT_READ), 0);
    cr_expect_not(guest_range_ok(a, 1, PAGE_WRITE));
    cr_expect(guest_range_ok(a + 4096, 1, PAGE_WRITE));
    cr_expect_eq(target_mprotect(0x7000000, 4096, PROT_READ), -ENOMEM, "unmapped range");
    cr_expect_eq(target_mprotect(a + 1, 4096, PROT_READ), -EINVAL);
}

Test(mmap, mremap_grows_in_place_or_moves)
{
    int32_t a = target_mmap(0x50000000, 4096, PROT_READ | PROT_WRITE, ANON | MAP_FIXED, -1, 0);

    *(uint32_t *)g2h(a) = 0xcafe;
    cr_assert_eq(target_mremap(a, 4096, 8192, 0, 0), a, "room above: grow in place");
    cr_expect(guest_range_ok(a, 8192, PAGE_WRITE));
    /* Block the space above, then growing must move. */
    cr_assert_eq(target_mmap(a + 8192, 4096, PROT_READ, ANON | MAP_FIXED, -1, 0), a + 8192);
    cr_expect_eq(target_mremap(a, 8192, 16384, 0, 0), -ENOMEM, "no MREMAP_MAYMOVE");
    int32_t b = target_mremap(a, 8192, 16384, MREMAP_MAYMOVE, 0);
    cr_assert_neq(b, a);
    cr_assert_gt(b, 0);
    cr_expect_eq(*(uint32_t *)g2h(b), 0xcafe, "contents move with the mapping");
    cr_expect_not(guest_range_ok(a, 1, PAGE_READ), "old range unmapped");
    cr_expect(mmap(g2h(a), 4096, PROT_READ, ANON | MAP_FIXED_NOREPLACE, -1, 0) == MAP_FAILED,
              "old range still reserved");
    cr_expect_eq(target_mremap(b, 16384, 4096, 0, 0), b, "shrink");
    cr_expect_not(guest_range_ok(b + 4096, 1, PAGE_READ));
}

Test(mmap, brk_grows_shrinks_and_refuses)
{
    target_set_brk(0x08100123);
    uint32_t start = 0x08101000;

    cr_expect_eq(target_brk(0), start);
    cr_expect_eq(target_brk(start + 100), start + 100);
    cr_expect(guest_range_ok(start, 4096, PAGE_WRITE));
    *(char *)g2h(start + 99) = 7;
    cr_expect_eq(target_brk(start + 0x21000), start + 0x21000);
    cr_expect(guest_range_ok(start, 0x21000, PAGE_WRITE));
    cr_expect_eq(target_brk(start + 10), start + 10, "shrinking");
    cr_expect_not(guest_range_ok(start + 4096, 1, PAGE_READ));
    cr_expect_eq(target_brk(start - 4096), start + 10, "below the start: unchanged");
    /* Something mapped in the way: brk cannot grow and says so by
     * returning the old break. */
    cr_assert_eq(target_mmap(start + 0x10000, 4096, PROT_READ, ANON | MAP_FIXED, -1, 0),
                 (int32_t)(start + 0x10000));
    cr_expect_eq(target_brk(start + 0x20000), start + 10);
}

Test(mmap, guest_string_checks_every_page)
{
    int32_t a = target_mmap(0x60000000, 4096, PROT_READ | PROT_WRITE, ANON | MAP_FIXED, -1, 0);
    char *p = g2h(a);

    strcpy(p, "hello");
    cr_expect_eq(guest_string(a), p);
    memset(p, 'a', 4096); /* no NUL before the unmapped page above */
    cr_expect_null(guest_string(a));
    cr_expect_null(guest_string(0));
}

/* -p (qemu's host page size): mmap(NULL) and hints land on multiples of
 * it, one granule apart; MAP_FIXED keeps the guest's 4 KiB. */
Test(mmap, page_size_option_places_mappings_on_its_multiples)
{
    const uint32_t g = 64 << 10;

    mmap_set_page_size(g);
    int32_t a = target_mmap(0, 4096, PROT_READ | PROT_WRITE, ANON, -1, 0);
    int32_t b = target_mmap(0, 4096, PROT_READ | PROT_WRITE, ANON, -1, 0);
    cr_assert(!is_error(a) && !is_error(b));
    cr_expect_eq((uint32_t)a % g, 0);
    cr_expect_eq((uint32_t)b, (uint32_t)a + g, "the next granule, not the next page");
    cr_expect(range_is_free(a + 4096, g - 4096), "the rest of the granule stays unmapped");
    cr_expect_eq(target_mmap(a + 4096, 4096, PROT_READ, ANON | MAP_FIXED, -1, 0), a + 4096);
    int32_t h = target_mmap(b + 2 * g + 4096, 4096, PROT_READ, ANON, -1, 0);
    cr_expect_eq((uint32_t)h, (uint32_t)b + 2 * g, "a hint is rounded down to the granule");
}

Test(mmap, page_size_below_the_guest_page_is_the_guest_page)
{
    mmap_set_page_size(1024);
    int32_t a = target_mmap(0, 4096, PROT_READ, ANON, -1, 0);
    int32_t b = target_mmap(0, 4096, PROT_READ, ANON, -1, 0);
    cr_assert(!is_error(a) && !is_error(b));
    cr_expect_eq((uint32_t)b, (uint32_t)a + 4096);
}
