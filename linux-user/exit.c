/*
 * The ways out of stitch: a loader step's error reported as a value (then
 * fatal(), include/error.h) and the common flush every guest exit goes
 * through.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "log.h"
#include "perf.h"
#include "profile.h"
#include "stats.h"
#include "tcache.h"
#include "symbols.h"
#include "syscall.h"
#include "user.h"
#include "write-log.h"

int load_fail(LoadError *err, int status, const char *what, const char *fmt, ...)
{
    va_list ap;

    err->status = status;
    snprintf(err->what, sizeof(err->what), "%s", what ? what : "");
    va_start(ap, fmt);
    vsnprintf(err->why, sizeof(err->why), fmt, ap);
    va_end(ap);
    return -1;
}

void fatal_load(const LoadError *err)
{
    fatal(err->status, err->what, "%s", err->why);
}

uint64_t stats_start_ns;

#define HOT_BLOCKS 20

/* --stats: where the guest's instructions were executed, by TB, with the
 * guest symbol of its first instruction. */
static void print_hot_blocks(FILE *f)
{
    ProfileBlock b[HOT_BLOCKS];
    size_t n = profile_hot_blocks(b, HOT_BLOCKS);
    char name[256];

    fprintf(f, "hottest blocks (guest instructions executed = executions x instructions):\n");
    for (size_t i = 0; i < n; i++) {
        symbols_lookup(b[i].pc, name, sizeof(name));
        fprintf(f, "  %14" PRIu64 " = %12" PRIu64 " x %-3" PRIu32 " 0x%08" PRIx32 " %s\n",
                b[i].count * b[i].icount, b[i].count, b[i].icount, b[i].pc, name);
    }
}

static void print_op(const char *name, uint64_t count, void *arg)
{
    (void)arg;
    log_printf("  %14" PRIu64 "  %s\n", count, name);
}

/*
 * Whatever stitch buffered must reach its files before the process ends,
 * including when it ends by a re-raised signal (where atexit handlers do
 * not run).
 */
void user_exit_flush(void)
{
    write_log_seal(); /* a vfork child's parent wakes at the end */
    strace_unfinished();
    perf_flush();
    tcache_flush();
    if (stats_enabled) {
        __atomic_store_n(&stats.run_ns, stats_now_ns() - stats_start_ns, __ATOMIC_RELAXED);
        stats_print(stitch_err ? stitch_err : stderr);
        print_hot_blocks(stitch_err ? stitch_err : stderr);
    }
    if (log_enabled(op_count)) {
        log_printf("micro-ops executed (-d op_count):\n");
        profile_op_histogram(print_op, NULL);
    }
    if (stitch_logfile)
        fflush(stitch_logfile);
    if (stitch_err)
        fflush(stitch_err);
    fflush(stderr);
}
