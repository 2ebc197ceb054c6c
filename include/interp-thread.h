/*
 * The code of a translation block under --interp (docs/interp.md): a
 * *thread*, one entry per micro-op, that the op handlers walk by direct
 * threading.  The handlers are op/<guest>/ and exec/op-exec.c compiled a
 * second time with -DOP_INTERP (op/op-x86_64.h); exec/interp.c writes the
 * threads into the code buffer.
 *
 *   entry k:  handler  address of op k's handler (below 4 GiB: the binary
 *                      is linked -no-pie, as the copied code needs too)
 *             param[]  op k's parameters, in op-buffer order; for a label
 *                      parameter, the address of the label's entry; for an
 *                      exit op (GOTO_TB), param[0] is the exit's slot: the
 *                      entry to continue at, the next one until chaining
 *                      points it at the successor TB's first entry
 *
 * Threads live in the code buffer, which is mapped below 2 GiB
 * (exec/tb.c), so every address in an entry fits in 32 bits and an entry is
 * 16 bytes whatever the op.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_INTERP_THREAD_H
#define STITCH_INTERP_THREAD_H

#include <stdint.h>

typedef struct InterpEntry {
    uint32_t handler;
    uint32_t param[3];
} InterpEntry;

#endif
