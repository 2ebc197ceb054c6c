/*
 * Debugger breakpoints (translate/breakpoint.c), for the gdb stub.  They
 * never patch guest memory (the guest may read or checksum its code):
 * the translator ends a TB before an instruction with a breakpoint and
 * makes that instruction raise EXCP_DEBUG instead (each guest's decoder
 * calls cpu_breakpoint_check() before every instruction).  Whoever
 * inserts or removes one drops the TBs translated from that address
 * (tb_invalidate_range), so the check is made at translation time only
 * and costs generated code nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_BREAKPOINT_H
#define STITCH_BREAKPOINT_H

#include <stdint.h>

extern int cpu_breakpoint_count;

int cpu_breakpoint_at(uint32_t pc);
/* 0, or -1 when the table is full (insert) or pc has none (remove). */
int cpu_breakpoint_insert(uint32_t pc);
int cpu_breakpoint_remove(uint32_t pc);
void cpu_breakpoint_remove_all(void);

/* Is there a breakpoint at pc?  One load when there is none. */
static inline int cpu_breakpoint_check(uint32_t pc)
{
    return cpu_breakpoint_count && cpu_breakpoint_at(pc);
}

#endif
