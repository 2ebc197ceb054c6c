/*
 * The debugger's breakpoints (include/breakpoint.h): a small set of guest
 * addresses the decoders consult while translating.  gdb sets a handful,
 * so a linear scan is enough.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "breakpoint.h"

#define MAX_BREAKPOINTS 256

static uint32_t breakpoints[MAX_BREAKPOINTS];
int cpu_breakpoint_count;

int cpu_breakpoint_at(uint32_t pc)
{
    for (int i = 0; i < cpu_breakpoint_count; i++)
        if (breakpoints[i] == pc)
            return 1;
    return 0;
}

int cpu_breakpoint_insert(uint32_t pc)
{
    if (cpu_breakpoint_at(pc))
        return 0;
    if (cpu_breakpoint_count == MAX_BREAKPOINTS)
        return -1;
    breakpoints[cpu_breakpoint_count++] = pc;
    return 0;
}

int cpu_breakpoint_remove(uint32_t pc)
{
    for (int i = 0; i < cpu_breakpoint_count; i++)
        if (breakpoints[i] == pc) {
            breakpoints[i] = breakpoints[--cpu_breakpoint_count];
            return 0;
        }
    return -1;
}

void cpu_breakpoint_remove_all(void)
{
    cpu_breakpoint_count = 0;
}
