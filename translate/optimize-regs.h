/*
 * Reload elimination (translate/optimize-regs.c), the part every guest
 * shares, and how a guest describes its ops to it
 * (translate/G/optimize-regs.c).
 *
 * Every instruction loads the guest registers it reads into the
 * temporaries T0, T1 and A0 and stores its result back at once (precise
 * faults need that: docs/engine.md), so the next instruction often reloads
 * a register a temporary still holds.  The pass remembers, for each
 * temporary, the set of guest registers it equals (all 32 bits, or the low
 * byte zero-extended), and
 *   - drops a load into T0 of a register T0 already holds (T1, A0 alike);
 *   - turns a load into T1 (A0) of a register T0 holds into movl_T1_T0
 *     (movl_A0_T0), and one into T0 of a register T1 holds into
 *     movl_T0_T1: a register copy instead of a load from env;
 *   - turns an address op whose base or index is a register T0 or T1
 *     holds into the guest's form reading that temporary (E_ADDR), and a
 *     zero-extending load into T0 of the low byte of a register T0 holds
 *     into the guest's in-place form (E_LOADB's via[]).  These keep the
 *     op's parameters.
 * The stores all stay, so what a fault, a signal or the next TB sees is
 * unchanged.  An op the guest does not describe forgets everything (a
 * missing entry costs speed, never correctness), and so does a label.
 * Only moves without parameters are dropped, and a swapped op takes the
 * same parameters, so the parameter buffer is untouched.  The pass is deterministic: it runs on the emitted
 * translation and on the one cpu_restore_state() redoes, which must have
 * the same ops.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_OPTIMIZE_REGS_H
#define STITCH_OPTIMIZE_REGS_H

#include <stdint.h>

enum { TMP_T0, TMP_T1, TMP_A0, NB_TMP };

/* What an op does, for this pass. */
enum {
    E_FORGET,     /* unknown: forget everything (the default) */
    E_NONE,       /* neither temporaries nor guest registers change */
    E_WRITE_TMP,  /* writes temporary `tmp` with some new value */
    E_LOAD,       /* tmp := guest register `reg` (all 32 bits) */
    E_STORE,      /* guest register `reg` := tmp (all 32 bits) */
    E_WRITE_REG,  /* changes guest register `reg` some other way */
    E_COPY,       /* tmp := temporary `src` */
    E_WRITE_BOTH, /* writes temporary `tmp` and guest register `reg` */
    E_LOADB,      /* tmp := low byte of guest register `reg`, zero-extended */
    E_STOREB,     /* low byte of guest register `reg` := tmp */
    E_WRITE_ZX8,  /* writes temporary `tmp` with a value below 256 */
    E_ADDR,       /* A0 := an address from guest register `reg` */
};

typedef struct RegEffect {
    uint8_t kind;
    int8_t tmp, reg, src; /* reg: a guest register number, 0 to 15 */
    /* E_ADDR, E_LOADB: the same op reading T0 (T1) where the temporary
     * holds all of guest register `reg`, or 0 */
    uint16_t via[2];
} RegEffect;

/* One entry per op (NB_OPS of them), E_FORGET until the guest's
 * describe_reg_effects() fills them in, once, with the macros below. */
extern RegEffect reg_effect[];
void describe_reg_effects(void);
/* Whether op may write guest register `reg` (an op the guest does not
 * describe may write any), and whether the guest describes op at all;
 * for the ARM passes that move a compare (translate/arm/fuse.c, loop.c). */
int op_writes_reg(int op, int reg);
int op_reg_effect_known(int op);

#define REG_EFFECT(op, k, t, r, s)                                          \
    reg_effect[INDEX_op_##op] = (RegEffect){.kind = (k), .tmp = (t),        \
                                            .reg = (r), .src = (s)}
#define NONE(op) REG_EFFECT(op, E_NONE, 0, 0, 0)
#define WT0(op) REG_EFFECT(op, E_WRITE_TMP, TMP_T0, 0, 0)
#define WT1(op) REG_EFFECT(op, E_WRITE_TMP, TMP_T1, 0, 0)
#define WA0(op) REG_EFFECT(op, E_WRITE_TMP, TMP_A0, 0, 0)
#define WREG(op, r) REG_EFFECT(op, E_WRITE_REG, 0, r, 0)
#define LOAD(op, t, r) REG_EFFECT(op, E_LOAD, t, r, 0)
#define STORE(op, t, r) REG_EFFECT(op, E_STORE, t, r, 0)
#define COPY(op, t, s) REG_EFFECT(op, E_COPY, t, 0, s)
#define ADDR(op, r, op_t0, op_t1)                                           \
    reg_effect[INDEX_op_##op] = (RegEffect){                                \
        .kind = E_ADDR, .tmp = TMP_A0, .reg = (r),                          \
        .via = {INDEX_op_##op_t0, INDEX_op_##op_t1}}

#endif
