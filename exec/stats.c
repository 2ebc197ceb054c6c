/*
 * --stats (counters listed once in include/stats.h), one set per thread:
 * cpu_register() links a thread's set to its CPU, cpu_unregister() folds
 * it into `exited` when the thread ends.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <inttypes.h>
#include <pthread.h>
#include <sys/resource.h>
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

/* A running thread's counters: each read whole, as its owner writes
 * them (STAT_ADD); the generated code counts indirect jumps in env. */
static void add_to_total(const CPUState *env)
{
    const Stats *live = env->stats;
    Stats s;

#define STATS_READ(name, help) s.name = __atomic_load_n(&live->name, __ATOMIC_RELAXED);
    STATS_COUNTERS(STATS_READ)
#undef STATS_READ
    s.indirect_jumps = __atomic_load_n(&env->indirect_jumps, __ATOMIC_RELAXED);
    add_to(&total, &s);
}

/* A thread's counters, before its CPU leaves the list. */
void stats_thread_exit(CPUState *env)
{
    if (stats_enabled)
        stats_sample_stop();
    __atomic_store_n(&stats.indirect_jumps, env->indirect_jumps, __ATOMIC_RELAXED);
    pthread_mutex_lock(&exited_lock);
    add_to(&exited, &stats);
    pthread_mutex_unlock(&exited_lock);
}

static uint64_t tv_ns(struct timeval tv)
{
    return (uint64_t)tv.tv_sec * 1000000000u + (uint64_t)tv.tv_usec * 1000u;
}

/*
 * Where the time went, every thread's summed: the kernel's accounting of
 * the process (getrusage(RUSAGE_SELF) adds up all threads, exited ones
 * included), read once here, so the split costs generated code nothing.
 * translate_ns and syscall_ns are the engine's own clock reads, made only
 * with --stats.  Generated code and helpers are told apart by sampling
 * the host PC (exec/sample.c): their shares of the samples, applied to
 * the user CPU time.
 */
static void add_rusage(Stats *s)
{
    struct rusage ru;

    if (getrusage(RUSAGE_SELF, &ru) < 0)
        return;
    s->cpu_user_ns = tv_ns(ru.ru_utime);
    s->cpu_sys_ns = tv_ns(ru.ru_stime);
    s->code_ns = s->cpu_user_ns > s->translate_ns ? s->cpu_user_ns - s->translate_ns : 0;
    if (s->samples) {
        s->generated_code_ns = (uint64_t)((double)s->cpu_user_ns * s->samples_code / s->samples);
        s->helpers_ns = (uint64_t)((double)s->cpu_user_ns * s->samples_helpers / s->samples);
    }
    s->page_faults = (uint64_t)ru.ru_minflt + (uint64_t)ru.ru_majflt;
    s->context_switches = (uint64_t)ru.ru_nvcsw + (uint64_t)ru.ru_nivcsw;
}

void stats_print(FILE *f)
{
    static Stats drained; /* running threads' samples read here */

    if (stats_enabled)
        stats_sample_drain_all(&drained);
    pthread_mutex_lock(&exited_lock);
    total = exited;
    add_to(&total, &drained);
    cpu_list_sum_stats(add_to_total);
    pthread_mutex_unlock(&exited_lock);
    add_rusage(&total);
    fprintf(f, "stitch statistics:\n");
#define STATS_PRINT(name, help) \
    fprintf(f, "  %-24s %12" PRIu64 "  %s\n", #name, total.name, help);
    STATS_COUNTERS(STATS_PRINT)
#undef STATS_PRINT
}
