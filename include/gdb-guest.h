/*
 * What a guest gives the gdb stub (gdbstub/): its registers in gdb's
 * numbering and the target description that names them.  Defined in
 * op/<guest>/gdb-regs.c (i386: op/i386/gdb-regs.c); docs/porting.md lists
 * it with the rest of the guest interface.  The stub calls these only
 * while the guest is stopped in linux-user's loop, with every register in
 * env.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_GDB_GUEST_H
#define STITCH_GDB_GUEST_H

#include <stdint.h>

#include "cpu.h"

/* The target description gdb reads as target.xml (qXfer:features:read):
 * an <architecture>, an <osabi>, and the features gdb expects for the
 * guest (i386: org.gnu.gdb.i386.core, .sse, .linux; ARM:
 * org.gnu.gdb.arm.core and VFP), registers numbered from 0 in order. */
extern const char gdb_target_xml[];
/* How many registers the description has ('g' sends them all), and the
 * number of the PC among them (c/s with an address set it). */
extern const int gdb_num_regs;
extern const int gdb_pc_regnum;

/* Register n in the guest's byte order into buf (at most 16 bytes):
 * its size, or -1 for a number the description does not have. */
int gdb_read_register(CPUState *env, uint8_t *buf, int n);
/* The opposite: its size consumed from buf, or -1. */
int gdb_write_register(CPUState *env, const uint8_t *buf, int n);

#endif
