/*
 * Reload elimination for ARM (the i386 guest's translate/i386/optimize-regs.c
 * is the same pass over its own ops).
 *
 * Every instruction loads the guest registers it reads into T0, T1 or A0
 * and stores its result at once (precise faults, docs/arm.md), so a chain
 * like sha256's `eor r3, r3, r0, ror #6; add r3, r3, r2` stores r3 from T0
 * and loads it straight back.  The pass remembers, for each temporary, the
 * set of guest registers it equals, and
 *   - drops movl_T0_rN when T0 already holds rN (the same for T1 and A0);
 *   - turns movl_T1_rN into movl_T1_T0 when T0 holds rN (movl_T0_rN into
 *     movl_T0_T1, movl_A0_rN into movl_A0_T0): a register copy instead of
 *     a load from env->regs[].
 * The stores all stay, so what a fault, a signal or the next TB sees is
 * unchanged.  An op not listed below forgets everything (a missing entry
 * costs speed, never correctness), and so does a label (the target of a
 * skipped conditional instruction).  r15 is never tracked: its reads are
 * constants.  Only moves without parameters are dropped or swapped, so
 * the parameter buffer is untouched.  Deterministic: it runs on the
 * emitted translation and on the one a fault's restore redoes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cond.h"
#include "op-gen.h"
#include "shift-amounts.h"
#include "translate.h"

enum { TMP_T0, TMP_T1, TMP_A0, NB_TMP };

enum {
    E_FORGET,    /* unknown: forget everything (the default) */
    E_NONE,      /* neither temporaries nor guest registers change */
    E_WRITE_TMP, /* writes temporary `tmp` with some other value */
    E_LOAD,      /* tmp := guest register `reg` */
    E_STORE,     /* guest register `reg` := tmp */
    E_COPY,      /* tmp := temporary `src` */
    E_WRITE_REG, /* guest register `reg` changes, the temporaries do not */
};

typedef struct RegEffect {
    uint8_t kind;
    int8_t tmp, reg, src;
} RegEffect;

static RegEffect reg_effect[NB_OPS];

#define SET(op, k, t, r, s)                                                \
    reg_effect[INDEX_op_##op] = (RegEffect){.kind = (k), .tmp = (t),       \
                                            .reg = (r), .src = (s)}
#define NONE(op) SET(op, E_NONE, 0, 0, 0)
#define WT0(op) SET(op, E_WRITE_TMP, TMP_T0, 0, 0)
#define WT1(op) SET(op, E_WRITE_TMP, TMP_T1, 0, 0)
#define WA0(op) SET(op, E_WRITE_TMP, TMP_A0, 0, 0)

static void per_reg_effects(void)
{
#define REG_OPS(n)                                                         \
    SET(movl_T0_r##n, E_LOAD, TMP_T0, n, 0);                               \
    SET(movl_T1_r##n, E_LOAD, TMP_T1, n, 0);                               \
    SET(movl_A0_r##n, E_LOAD, TMP_A0, n, 0);                               \
    SET(movl_r##n##_T0, E_STORE, TMP_T0, n, 0);                            \
    SET(movl_r##n##_T1, E_STORE, TMP_T1, n, 0);                            \
    SET(movl_r##n##_A0, E_STORE, TMP_A0, n, 0);                            \
    WT0(addl_T0_r##n); WT0(subl_T0_r##n); WT0(rsbl_T0_r##n);               \
    WT0(andl_T0_r##n); WT0(eorl_T0_r##n); WT0(orrl_T0_r##n);               \
    WA0(leal_A0_r##n##_im);                                                \
    SET(ldl_r##n##_A0, E_WRITE_REG, 0, n, 0);                              \
    SET(ldub_r##n##_A0, E_WRITE_REG, 0, n, 0);                             \
    NONE(stl_r##n##_A0); NONE(stb_r##n##_A0);                              \
    WT0(bicl_T0_r##n); WT0(addl_T0_r##n##_cv); WT0(subl_T0_r##n##_cv);     \
    WT0(rsbl_T0_r##n##_cv);                                                \
    SET(addl_r##n##_T1, E_WRITE_REG, 0, n, 0);                             \
    SET(subl_r##n##_T1, E_WRITE_REG, 0, n, 0);                             \
    SET(andl_r##n##_T1, E_WRITE_REG, 0, n, 0);                             \
    SET(eorl_r##n##_T1, E_WRITE_REG, 0, n, 0);                             \
    SET(orrl_r##n##_T1, E_WRITE_REG, 0, n, 0);                             \
    SET(bicl_r##n##_T1, E_WRITE_REG, 0, n, 0);                             \
    SET(addl_r##n##_im, E_WRITE_REG, 0, n, 0);                             \
    SET(andl_r##n##_im, E_WRITE_REG, 0, n, 0);                             \
    SET(eorl_r##n##_im, E_WRITE_REG, 0, n, 0);                             \
    SET(orrl_r##n##_im, E_WRITE_REG, 0, n, 0);                             \
    SET(adcl_r##n##_T1, E_WRITE_REG, 0, n, 0);                             \
    SET(sbcl_r##n##_T1, E_WRITE_REG, 0, n, 0);                             \
    WT0(adcl_T0_r##n); WT0(sbcl_T0_r##n); WT0(adcl_T0_r##n##_cv);          \
    WT0(sbcl_T0_r##n##_cv); WT0(addl_T0_r##n##_c); WT0(subl_T0_r##n##_c);  \
    WT0(rsbl_T0_r##n##_c); WT0(adcl_T0_r##n##_c); WT0(sbcl_T0_r##n##_c)
    REG_OPS(0); REG_OPS(1); REG_OPS(2); REG_OPS(3); REG_OPS(4);
    REG_OPS(5); REG_OPS(6); REG_OPS(7); REG_OPS(8); REG_OPS(9);
    REG_OPS(10); REG_OPS(11); REG_OPS(12); REG_OPS(13); REG_OPS(14);
#undef REG_OPS
    WT0(movl_T0_r15); WT1(movl_T1_r15); WA0(movl_A0_r15);
}

static void other_effects(void)
{
    NONE(insn_start); NONE(goto_tb0); NONE(goto_tb1); NONE(movl_pc_im);
    NONE(goto_tb0_fwd); NONE(goto_tb1_fwd);
    NONE(nz_T0); NONE(movl_CF_im);
    WT0(andl_T0_T1); WT0(eorl_T0_T1); WT0(orrl_T0_T1); WT0(bicl_T0_T1);
    WT0(ornl_T0_T1); WT0(mvnl_T0_T1); WT0(addl_T0_T1); WT0(subl_T0_T1);
    WT0(rsbl_T0_T1); WT0(adcl_T0_T1); WT0(sbcl_T0_T1); WT0(rscl_T0_T1);
    WT0(addl_T0_T1_cv); WT0(subl_T0_T1_cv); WT0(rsbl_T0_T1_cv);
    WT0(adcl_T0_T1_cv); WT0(sbcl_T0_T1_cv); WT0(rscl_T0_T1_cv);
    WT0(andl_T0_im); WT0(orl_T0_im); WT0(eorl_T0_im); WT0(addl_T0_im);
    WT0(subl_T0_im); WT0(rsbl_T0_im); WT0(addl_T0_im_cv);
    WT0(subl_T0_im_cv); WT0(rsbl_T0_im_cv); WT0(adcl_T0_im);
    WT0(sbcl_T0_im); WT0(adcl_T0_im_cv); WT0(sbcl_T0_im_cv);
    WT0(addl_T0_T1_c); WT0(subl_T0_T1_c); WT0(rsbl_T0_T1_c);
    WT0(adcl_T0_T1_c); WT0(sbcl_T0_T1_c); WT0(rscl_T0_T1_c);
    WT0(addl_T0_im_c); WT0(subl_T0_im_c); WT0(rsbl_T0_im_c);
    WT0(adcl_T0_im_c); WT0(sbcl_T0_im_c);
    WT0(movl_T0_im); WT1(movl_T1_im); WA0(movl_A0_im);
    WA0(addl_A0_im); WA0(addl_A0_T1); WA0(subl_A0_T1);
    WA0(addl_A0_T1_lsl1); WA0(addl_A0_T1_lsl2); WA0(addl_A0_T1_lsl3);
    SET(movl_T0_T1, E_COPY, TMP_T0, 0, TMP_T1);
    SET(movl_T1_T0, E_COPY, TMP_T1, 0, TMP_T0);
    SET(movl_A0_T0, E_COPY, TMP_A0, 0, TMP_T0);
    WT1(shll_T1_im); WT1(shrl_T1_im); WT1(sarl_T1_im); WT1(rorl_T1_im);
    WT1(shll_T1_im_cc); WT1(shrl_T1_im_cc); WT1(sarl_T1_im_cc);
    WT1(rorl_T1_im_cc); WT1(lsr32_T1); WT1(lsr32_T1_cc); WT1(asr32_T1);
    WT1(asr32_T1_cc); WT1(rrx_T1); WT1(rrx_T1_cc);
    WT1(shll_T1_A0); WT1(shrl_T1_A0); WT1(sarl_T1_A0); WT1(rorl_T1_A0);
    WT1(shll_T1_A0_cc); WT1(shrl_T1_A0_cc); WT1(sarl_T1_A0_cc);
    WT1(rorl_T1_A0_cc);
#define SHIFT_EFFECT(n)                                                    \
    WT1(shll_T1_##n); WT1(shrl_T1_##n); WT1(sarl_T1_##n); WT1(rorl_T1_##n);
    SHIFT_AMOUNTS(SHIFT_EFFECT)
#undef SHIFT_EFFECT
    WT0(ldl_T0_A0); WT1(ldl_T1_A0); WT0(lduw_T0_A0); WT0(ldsw_T0_A0);
    WT0(ldub_T0_A0); WT0(ldsb_T0_A0);
    NONE(stl_T0_A0); NONE(stl_T1_A0); NONE(stw_T0_A0); NONE(stb_T0_A0);
#define COND_EFFECT(name, num, expr, reads)                                \
    NONE(j##name##_label); WT0(cmp_T0_T1_j##name##_label);
    ARM_COND_LIST(COND_EFFECT)
#undef COND_EFFECT
    NONE(jnez_T1_label); NONE(jeqz_T1_label);
    NONE(nz_T0_jeq_label); NONE(nz_T0_jne_label);
    NONE(nz_T0_jmi_label); NONE(nz_T0_jpl_label);
}

static void init_reg_effects(void)
{
    static int done;

    if (done)
        return;
    done = 1;
    memset(reg_effect, 0, sizeof(reg_effect)); /* E_FORGET */
    per_reg_effects();
    other_effects();
}

/* The cheaper form of "tmp := guest register reg", or -1 to drop it. */
static int reload(const uint16_t *holds, int op, int tmp, int reg)
{
    static const int copy_from_t0[NB_TMP] = {
        -2, INDEX_op_movl_T1_T0, INDEX_op_movl_A0_T0};
    uint16_t bit = (uint16_t)(1u << reg);

    if (holds[tmp] & bit)
        return -1;
    if (tmp == TMP_T0 && (holds[TMP_T1] & bit))
        return INDEX_op_movl_T0_T1;
    if (tmp != TMP_T0 && (holds[TMP_T0] & bit))
        return copy_from_t0[tmp];
    return op;
}

int optimize_regs(void)
{
    uint16_t holds[NB_TMP] = {0, 0, 0};
    uint16_t *out = gen_opc_buf;
    int dropped = 0;

    init_reg_effects();
    for (uint16_t *opc = gen_opc_buf; opc < gen_opc_ptr; opc++) {
        int op = *opc;
        const RegEffect *e = &reg_effect[op];

        switch (e->kind) {
        case E_NONE:
            break;
        case E_WRITE_TMP:
            holds[e->tmp] = 0;
            break;
        case E_LOAD:
            op = reload(holds, op, e->tmp, e->reg);
            if (op < 0) {
                dropped++;
                continue; /* the temporary holds it already */
            }
            if (op == INDEX_op_movl_T0_T1)
                holds[TMP_T0] = holds[TMP_T1];
            else if (op == INDEX_op_movl_T1_T0 || op == INDEX_op_movl_A0_T0)
                holds[e->tmp] = holds[TMP_T0];
            else
                holds[e->tmp] = (uint16_t)(1u << e->reg);
            break;
        case E_STORE:
            for (int t = 0; t < NB_TMP; t++)
                holds[t] &= (uint16_t) ~(1u << e->reg);
            holds[e->tmp] |= (uint16_t)(1u << e->reg);
            break;
        case E_WRITE_REG:
            for (int t = 0; t < NB_TMP; t++)
                holds[t] &= (uint16_t) ~(1u << e->reg);
            break;
        case E_COPY:
            holds[e->tmp] = holds[e->src];
            break;
        default:
            holds[TMP_T0] = holds[TMP_T1] = holds[TMP_A0] = 0;
            break;
        }
        *out++ = (uint16_t)op;
    }
    gen_opc_ptr = out;
    return dropped;
}
