/*
 * The profiling op (exec/profile.c): one more pass through a region of a
 * TB.  Emitted only with --stats or -d op_count, so generated code carries
 * no trace of it otherwise.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "exec.h"
#include "op-x86_64.h"

/* An array, not a pointer: its address is a constant the copied code
 * holds (dyngen's global-data hole); a pointer would be loaded rip-relative,
 * which cannot be copied. */
extern uint64_t profile_counters[];

/* counter PARAM1 += 1 */
void op_profile_count(void)
{
    profile_counters[PARAM1]++;
    NEXT();
}
