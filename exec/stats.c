/*
 * --stats (counters listed once in include/stats.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <inttypes.h>
#include <time.h>

#include "stats.h"

Stats stats;
int stats_enabled;
int stats_op_count;

uint64_t stats_now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void stats_print(FILE *f)
{
    exec_stats_collect();
    fprintf(f, "stitch statistics:\n");
#define STATS_PRINT(name, help) \
    fprintf(f, "  %-24s %12" PRIu64 "  %s\n", #name, stats.name, help);
    STATS_COUNTERS(STATS_PRINT)
#undef STATS_PRINT
}
