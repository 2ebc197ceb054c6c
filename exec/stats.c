/*
 * --stats (counters listed once in include/stats.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <inttypes.h>

#include "stats.h"

Stats stats;
int stats_enabled;
int stats_op_count;

void stats_print(FILE *f)
{
    exec_stats_collect();
    fprintf(f, "stitch statistics:\n");
#define STATS_PRINT(name, help) \
    fprintf(f, "  %-24s %12" PRIu64 "  %s\n", #name, stats.name, help);
    STATS_COUNTERS(STATS_PRINT)
#undef STATS_PRINT
}
