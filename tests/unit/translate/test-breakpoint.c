/*
 * The debugger's breakpoint list (translate/breakpoint.c), which the
 * decoders consult at translation time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <criterion/criterion.h>

#include "breakpoint.h"

Test(breakpoint, none_costs_one_test)
{
    cpu_breakpoint_remove_all();
    cr_assert_eq(cpu_breakpoint_count, 0);
    cr_assert_not(cpu_breakpoint_check(0x8048000));
}

Test(breakpoint, insert_check_remove)
{
    cpu_breakpoint_remove_all();
    cr_assert_eq(cpu_breakpoint_insert(0x8048000), 0);
    cr_assert_eq(cpu_breakpoint_insert(0x8048000), 0); /* twice: one entry */
    cr_assert_eq(cpu_breakpoint_insert(0x8049000), 0);
    cr_assert_eq(cpu_breakpoint_count, 2);
    cr_assert(cpu_breakpoint_check(0x8048000));
    cr_assert_not(cpu_breakpoint_check(0x8048001));
    cr_assert_eq(cpu_breakpoint_remove(0x8048000), 0);
    cr_assert_not(cpu_breakpoint_check(0x8048000));
    cr_assert(cpu_breakpoint_check(0x8049000));
    cr_assert_eq(cpu_breakpoint_remove(0x8048000), -1);
}

Test(breakpoint, table_full)
{
    int i;

    cpu_breakpoint_remove_all();
    for (i = 0; cpu_breakpoint_insert(0x1000 + i) == 0; i++)
        cr_assert_lt(i, 100000);
    cr_assert_eq(i, cpu_breakpoint_count);
    cr_assert(cpu_breakpoint_check(0x1000 + i - 1));
}
