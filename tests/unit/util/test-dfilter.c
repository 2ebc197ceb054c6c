/*
 * -dfilter ranges (util/log.c), in qemu's three spellings: start..end
 * (inclusive), start+length, end-length.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <criterion/criterion.h>

#include "log.h"

Test(dfilter, no_filter_shows_everything)
{
    log_dfilter_active = 0;
    cr_assert(log_pc_shown(0x12345678));
}

Test(dfilter, inclusive_range)
{
    cr_assert_eq(log_parse_dfilter("0x1000..0x1fff"), 0);
    cr_assert(log_pc_shown(0x1000));
    cr_assert(log_pc_shown(0x1fff));
    cr_assert_not(log_pc_shown(0x2000));
    cr_assert_not(log_pc_shown(0xfff));
}

Test(dfilter, start_plus_length)
{
    cr_assert_eq(log_parse_dfilter("0x1000+0x10"), 0);
    cr_assert(log_pc_shown(0x100f));
    cr_assert_not(log_pc_shown(0x1010));
}

Test(dfilter, end_minus_length)
{
    cr_assert_eq(log_parse_dfilter("0x1010-0x10"), 0);
    cr_assert(log_pc_shown(0x1001));
    cr_assert(log_pc_shown(0x1010));
    cr_assert_not(log_pc_shown(0x1000));
}

Test(dfilter, several_ranges)
{
    cr_assert_eq(log_parse_dfilter("0x10..0x20,0x100+1"), 0);
    cr_assert(log_pc_shown(0x15));
    cr_assert(log_pc_shown(0x100));
    cr_assert_not(log_pc_shown(0x101));
}

Test(dfilter, refuses_malformed_ranges)
{
    cr_assert_eq(log_parse_dfilter("0x20..0x10"), -1); /* empty */
    cr_assert_eq(log_parse_dfilter("0x10"), -1);       /* no end */
    cr_assert_eq(log_parse_dfilter("0x10+0"), -1);     /* no length */
    cr_assert_eq(log_parse_dfilter("0x10-0x20"), -1);  /* below 0 */
    cr_assert_eq(log_parse_dfilter("zz..0x10"), -1);
    cr_assert_eq(log_parse_dfilter("0x1..0x100000000"), -1);
    cr_assert_eq(log_parse_dfilter(""), -1);
}
