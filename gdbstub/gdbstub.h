/*
 * The gdb stub (gdbstub/gdbstub.c): `-g port` makes stitch wait for gdb on
 * a TCP port and serve the remote serial protocol.  linux-user calls it;
 * it calls down into the engine (breakpoints, single step, TB
 * invalidation) and into the guest's register description
 * (include/gdb-guest.h).  Signal numbers here are Linux's, the guest's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_GDBSTUB_H
#define STITCH_GDBSTUB_H

#include <stddef.h>
#include <stdint.h>

#include "cpu.h"

/* What the stub must know of the process, from linux-user. */
typedef struct GdbProcess {
    const char *exe_path;          /* qXfer:exec-file:read */
    const uint8_t *auxv;           /* qXfer:auxv:read: the guest's auxv, */
    size_t auxv_len;               /* AT_NULL pair included */
    /* vFile:open: the host path of a guest path (-L). */
    const char *(*host_path)(const char *path, char *buf, size_t size);
} GdbProcess;

/* Listen on localhost:port and wait for gdb to connect; 0, or -1 with
 * errno.  The guest stays stopped until gdb resumes it (gdb_stop). */
int gdbserver_start(int port, const GdbProcess *proc);
/* Is gdb connected? */
int gdb_attached(void);

/*
 * The guest stopped with signal `sig` (SIGTRAP for a breakpoint or a
 * step, SIGINT for Ctrl-C, or a guest signal about to be delivered):
 * report it and serve gdb until it resumes.  Returns the signal gdb wants
 * delivered (the one reported, another, or 0 for none).
 */
int gdb_stop(CPUState *env, int sig);
/* Must env's thread call gdb_trap after its system call: gdb asked to
 * step it, or watchpoints are set. */
int gdb_stepping(CPUState *env);
/* EXCP_DEBUG on env's thread (a breakpoint, a step, an instruction run
 * while watchpoints are set), or the system call it stepped: reports it
 * to gdb if gdb is to hear of it and serves gdb until it resumes.
 * Returns the signal gdb wants delivered, or 0. */
int gdb_trap(CPUState *env);
/* A guest thread starts (on that thread) / exits: gdb lists it by tid. */
void gdb_thread_start(CPUState *env);
void gdb_thread_exit(CPUState *env);
/* A host SIGIO for descriptor fd: if it is gdb's socket and gdb sent
 * Ctrl-C (0x03) while the guest runs, note the interrupt; returns 1 when
 * the signal was the stub's (not the guest's).  Async-signal-safe. */
int gdb_sigio(int fd);
/* Ctrl-C noted by gdb_sigio and not yet reported (cleared by the call). */
int gdb_take_interrupt(void);

/* In the child of a fork: it runs without the debugger (gdb's default,
 * follow-fork-mode parent with detach-on-fork): no socket, no
 * breakpoints, nothing translated with one. */
void gdb_fork_child(void);

/* The process ends: exited with status (W) or killed by sig (X). */
void gdb_exit(int status);
void gdb_signalled(int sig);

#endif
