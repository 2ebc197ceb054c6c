/*
 * The ways out of stitch: a loader step's error reported as a value (then
 * fatal(), include/error.h) and the common flush every guest exit goes
 * through.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "log.h"
#include "perf.h"
#include "stats.h"
#include "syscall.h"
#include "user.h"

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

/*
 * Whatever stitch buffered must reach its files before the process ends,
 * including when it ends by a re-raised signal (where atexit handlers do
 * not run).
 */
void user_exit_flush(void)
{
    strace_unfinished();
    perf_flush();
    if (stats_enabled)
        stats_print(stitch_err ? stitch_err : stderr);
    if (stitch_logfile)
        fflush(stitch_logfile);
    if (stitch_err)
        fflush(stitch_err);
    fflush(stderr);
}
