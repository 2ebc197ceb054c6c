/*
 * -perfmap and -jitdump (perf.c): tell Linux perf what the code buffer
 * holds, named by guest symbols.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_PERF_H
#define STITCH_PERF_H

enum { PERF_MAP = 1, PERF_JITDUMP = 2 };

/* Open the files `which` asks for (PERF_* bits) and have every new TB
 * written to them; before the program is loaded, so its symbols are. */
void perf_init(int which);
/* Flush what is buffered (every way out of the process). */
void perf_flush(void);

#endif
