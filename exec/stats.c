/*
 * --stats (counters listed once in include/stats.h), one set per thread:
 * cpu_register() links a thread's set to its CPU, cpu_unregister() folds
 * it into `exited` when the thread ends.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <inttypes.h>
#include <pthread.h>
#include <time.h>

#include "stats.h"
#include "tb.h"

__thread Stats stats;
int stats_enabled;
int stats_op_count;

uint64_t stats_now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static pthread_mutex_t exited_lock = PTHREAD_MUTEX_INITIALIZER;
static Stats exited, total;

static void add_to(Stats *sum, const Stats *s)
{
#define STATS_ADD(name, help) sum->name += s->name;
    STATS_COUNTERS(STATS_ADD)
#undef STATS_ADD
}

static void add_to_total(const CPUState *env)
{
    Stats s = *(const Stats *)env->stats;

    s.indirect_jumps = env->indirect_jumps;
    add_to(&total, &s);
}

/* A thread's counters, before its CPU leaves the list. */
void stats_thread_exit(CPUState *env)
{
    stats.indirect_jumps = env->indirect_jumps;
    pthread_mutex_lock(&exited_lock);
    add_to(&exited, &stats);
    pthread_mutex_unlock(&exited_lock);
}

void stats_print(FILE *f)
{
    pthread_mutex_lock(&exited_lock);
    total = exited;
    cpu_list_sum_stats(add_to_total);
    pthread_mutex_unlock(&exited_lock);
    fprintf(f, "stitch statistics:\n");
#define STATS_PRINT(name, help) \
    fprintf(f, "  %-24s %12" PRIu64 "  %s\n", #name, total.name, help);
    STATS_COUNTERS(STATS_PRINT)
#undef STATS_PRINT
}
