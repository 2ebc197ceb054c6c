/*
 * Where the guest's FIP, FOP and FDP (SDM vol. 1, 8.1.8) come from, and
 * where each guest x87 instruction's copied code lies, so that they can
 * be read back from the host's own x87 (op/i386/x87-fip.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_X87_FIP_H
#define STITCH_X87_FIP_H

#include <stdint.h>

/* The process's way of keeping the pointers, which only moves forward:
 * the host's x87 keeps them (free, but lost at a host signal), then, from
 * the first time the guest may read them, ops store them (exact). */
enum {
    X87_PTRS_HOST,      /* read back from the host's x87 */
    X87_PTRS_SWITCHING, /* new TBs store them; older ones still run */
    X87_PTRS_STORED,    /* every TB stores them (after the drop) */
};
extern int x87_ptrs_state;

static inline int x87_ptrs(void)
{
    return __atomic_load_n(&x87_ptrs_state, __ATOMIC_RELAXED);
}

/* The guest may read the pointers (FNSTENV, FNSAVE, an FXSAVE image with
 * an exception pending): from now on ops store them. */
void x87_ptrs_switch(void);
/* Is a drop of the TBs that do not store them wanted (x87_tb_stale,
 * translate/i386/fpu.c), so that none runs any more?  And the drop, or a
 * flush, done (with no generated code running). */
int x87_ptrs_flush_wanted(void);
void x87_ptrs_flushed(void);

/* A TB's code is being recorded from host address `start` on: what the
 * map held there (a flushed or discarded TB's) is dropped.  Under the
 * translation lock, as every x87_fip_map_add. */
void x87_fip_map_begin(uintptr_t start);

/* The guest x87 instruction at `ip` with opcode `op` (FOP's 11 bits) runs
 * as the host code [lo, hi); calls come in increasing address order. */
void x87_fip_map_add(uintptr_t lo, uintptr_t hi, uint32_t ip, uint32_t op);

/* Does any recorded stretch start inside host code [lo, hi)? */
int x87_fip_map_covers(uintptr_t lo, uintptr_t hi);

/* The guest's instruction whose host code holds `host`: 1 and its FIP
 * and FOP, or 0. */
int x87_fip_map_find(uintptr_t host, uint32_t *ip, uint32_t *op);

#endif
