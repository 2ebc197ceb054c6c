/*
 * The checks of the tests/arm-linux programs: each prints one line per
 * check, "ok NAME" or "FAIL NAME: got X, want Y", so that the expected
 * output (NAME.expected) lists every check; the exit status is the number
 * of failures (at most 100).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef ARM_LINUX_CHECK_H
#define ARM_LINUX_CHECK_H

#include <stdint.h>
#include <stdio.h>

static int check_failures;

static void check_eq(const char *name, uint64_t got, uint64_t want)
{
    if (got == want) {
        printf("ok %s\n", name);
    } else {
        printf("FAIL %s: got 0x%llx, want 0x%llx\n", name, (unsigned long long)got,
               (unsigned long long)want);
        check_failures++;
    }
    fflush(stdout);
}

#define CHECK(name, got, want) check_eq(name, (uint64_t)(got), (uint64_t)(want))

static int check_done(void)
{
    return check_failures > 100 ? 100 : check_failures;
}

#endif
