/*
 * Read and access watchpoints in the engine (exec/watch.c): the gdb stub
 * gives the watched ranges; while any is set and exec_singlestep holds,
 * the engine notes which instruction touches them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_EXEC_WATCH_H
#define STITCH_EXEC_WATCH_H

#include <stdint.h>

#define EXEC_MAX_WATCH 16

/* gdb's Z3 (read) and Z4 (access: read or write). */
enum { EXEC_WATCH_READ = 3, EXEC_WATCH_ACCESS = 4 };

typedef struct ExecWatch {
    uint32_t addr, len;
    int kind;
} ExecWatch;

/* Replace the list (while every thread is out of generated code). */
void exec_watch_set(const ExecWatch *w, int n);
int exec_watch_count(void);
/* Around one instruction in run_one_insn(): protect the watched pages /
 * restore them.  disarm is also called after a fault or cpu_loop_exit
 * left the instruction. */
void exec_watch_arm(void);
void exec_watch_disarm(void);
/* From the fault handler: 1 if a fault at guest addr was the window's
 * (the hit is noted, the window closed, the instruction must run again
 * from its start), 0 if it is not a watch fault. */
int exec_watch_fault(uint32_t addr, int is_write);
/* The calling thread's hit since last asked: its kind (0: none) and the
 * address the access touched first. */
int exec_watch_take_hit(uint32_t *addr);

#endif
