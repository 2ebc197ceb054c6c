/*
 * --stats counters: one X-macro list; the storage and the printer derive
 * from it, so a new counter is one line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_STATS_H
#define STITCH_STATS_H

#include <stdint.h>
#include <stdio.h>

#define STATS_COUNTERS(X)                                                 \
    X(tbs_translated, "translation blocks translated")                    \
    X(guest_insns_translated, "guest instructions translated")            \
    X(ops_emitted, "micro-ops emitted")                                   \
    X(host_bytes_emitted, "host code bytes emitted")                      \
    X(translate_ns, "time spent translating (ns)")                        \
    X(tcache_hits, "TBs whose op stream came from the -tcache cache")      \
    X(tcache_saved, "TBs translated and saved to the -tcache cache")       \
    X(lookups_fast, "TB lookups hit in the jump cache")                   \
    X(lookups_slow, "TB lookups that went to the hash table")             \
    X(loop_entries, "times the CPU loop entered generated code")          \
    X(chains_patched, "exit jumps patched to chain blocks")               \
    X(indirect_jumps, "indirect jumps looked up from generated code")     \
    X(indirect_misses, "of which missed the jump cache")                  \
    X(flushes, "code buffer flushes")                                     \
    X(tbs_invalidated, "TBs invalidated by guest code writes")            \
    X(tbs_stale, "TBs dropped when the guest changed how it translates")  \
    X(tbs_promoted, "TBs translated again with the passes (tier 1)")      \
    X(flag_ops_removed, "flag-setting ops removed by the liveness pass")  \
    X(syscalls, "system calls")                                           \
    X(syscall_ns, "time spent in system calls (ns)")                      \
    X(serial_waits, "times a thread waited for its turn (--threads=serial)") \
    X(run_ns, "wall-clock time from start to exit (ns); the rest of it, " \
              "not translating nor in system calls, is generated code and helpers") \
    X(cpu_user_ns, "user CPU time, all threads (ns)")                      \
    X(cpu_sys_ns, "kernel CPU time, all threads: system calls, page faults, signals (ns)") \
    X(code_ns, "user CPU time not translating (ns): generated code, helpers, the CPU loop") \
    X(samples, "user CPU samples, one per ms of a thread's CPU time (exec/sample.c)") \
    X(samples_code, "of which in generated code") \
    X(samples_helpers, "of which in helpers called from generated code") \
    X(samples_lost, "samples the kernel dropped (a thread's ring was full)") \
    X(generated_code_ns, "user CPU time in generated code (ns), from the samples") \
    X(helpers_ns, "user CPU time in helpers (ns), from the samples") \
    X(page_faults, "host page faults (minor + major), all threads")        \
    X(context_switches, "host context switches (voluntary + involuntary)")

typedef struct Stats {
#define STATS_FIELD(name, help) uint64_t name;
    STATS_COUNTERS(STATS_FIELD)
#undef STATS_FIELD
} Stats;

/* Each thread counts in its own copy (a shared `++` would be a data race
 * and a contended cache line); stats_print() adds them up, reading the
 * copies of threads still running.  So the owner writes each counter
 * whole and the printer reads it whole (relaxed atomics: plain moves on
 * x86, no lock prefix), and the two never race. */
extern __thread Stats stats;
#define STAT_ADD(name, n) \
    __atomic_store_n(&stats.name, stats.name + (uint64_t)(n), __ATOMIC_RELAXED)
#define STAT_INC(name) STAT_ADD(name, 1)
extern int stats_enabled;
extern int stats_op_count; /* -d op_count */

/* Every thread's counters, those of threads that have exited included.
 * Threads still running are read as they are (an approximate count
 * while they run, exact once they are stopped or gone). */
void stats_print(FILE *f);
uint64_t stats_now_ns(void); /* CLOCK_MONOTONIC */

/* exec/sample.c, only with --stats: a thread starts / ends sampling its
 * host PC; drain reads the calling thread's samples into its counters
 * (after each system call); drain_all reads every thread's, the other
 * threads' into *into (stats_print); fork_child gives a forked child
 * its own. */
void stats_sample_start(void);
void stats_sample_stop(void);
void stats_sample_drain(void);
void stats_sample_drain_all(Stats *into);
void stats_sample_fork_child(void);
extern uint64_t stats_start_ns; /* linux-user/main.c: when the run began */

#endif
