/*
 * The op-stream passes every guest runs the same way (translate/passes.c),
 * driven by the guest's own tables: the flag-liveness walk of the paper's
 * section 3.4 (i386's lazy record, ARM's NZCV), the reload elimination of
 * guest registers a temporary still holds (translate/optimize-regs.c) and
 * the spill/fill of the pinned guest registers around helper calls
 * (docs/engine.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_PASSES_H
#define STITCH_PASSES_H

#include <stdint.h>

/* What to put in place of a flag-writing op whose flags are all dead. */
#define FLAG_KEEP (-1) /* nothing: the op stays */
#define FLAG_DROP (-2) /* nothing at all: the op only wrote flags */

/* What one op does to the guest's flags, in the guest's own flag bits
 * (i386: the lazy fields; ARM: N, Z, C, V). */
typedef struct FlagEffect {
    int16_t twin;   /* FLAG_KEEP, FLAG_DROP or the op index of its flag-free twin */
    uint8_t reads;
    uint8_t writes; /* written on every path: killed */
    uint8_t listed;
    uint8_t branch; /* jumps to the label in its parameter 1 */
    uint8_t sets;   /* may change a flag (ARM's op_sets_flags) */
    /* When only some written flags are dead: if every flag in part_dead
     * is, the op becomes part_twin, which writes the others (ARM: ADDS's
     * C without V).  0: no such twin. */
    int16_t part_twin;
    uint8_t part_dead;
} FlagEffect;

/*
 * Walk the op buffer backwards with the flags that may still be read
 * (`live_at_end` after the last op: a TB exit), replace each op whose
 * written flags are all dead by its twin (or drop it), and squeeze the
 * dropped ops and their parameters out.  Labels carry liveness from the
 * jumps to them.  Returns how many ops were replaced or dropped.
 */
int flag_liveness(const FlagEffect *effect, int live_at_end);

/* Drop the reloads of guest registers a temporary still holds, or make
 * them register copies (translate/optimize-regs.h); returns how many it
 * dropped. */
int optimize_regs(void);

/* spill_regs before every op that calls a helper (dyngen's `calls`),
 * fill_regs after it; two such ops in a row share one pair. */
void insert_reg_sync(void);

/* For a pass that writes the op buffer again from a copy: the buffer's
 * ops copied into opc and param, par[i] pointing at op i's parameters
 * there, and the buffer emptied; returns the number of ops. */
int op_buf_take(uint16_t *opc, uint32_t *param, const uint32_t **par);

#endif
