/*
 * If-conversion: a conditional instruction without S that only writes one
 * register becomes a computation done whatever the condition and a CMOV
 * into the register (docs/arm.md, "If-conversion").
 *
 * The translator skips a conditional instruction with a branch on the
 * inverse condition (translate/arm/translate.c), which the host predicts
 * no better than the data: libgcc's __udivsi3 runs `cmp r0, r1, lsl #k;
 * adc r2, r2, r2; subcs r0, r0, r1, lsl #k` for each quotient bit, and a
 * merge loop picks one of two elements with `addcs`/`addcc`/`movcs`.
 * After the flag-liveness and CMP fusion passes such an instruction is
 *     jINV_label L  [pure ops]  WRITER  [insn_start]  set_label L
 * where the pure ops only compute T0, T1 or A0 from registers and
 * constants (no flags written, no memory, no fault) and WRITER stores one
 * result into guest register rN.  It becomes
 *     [pure ops]  [movl_T0_rN  OP_T0]  cmovCOND_rN_T0  set_label L
 * The temporaries are dead after an instruction (the next one loads its
 * operands; the reload pass, which runs after this one, forgets them at the
 * label that stays), and the flags the jump read are read by the CMOV at
 * the same point, so the guest state after the label is the same on both
 * paths.  Every condition has its CMOV ops (ARM_COND_CMOV_LIST,
 * op/arm/cond.h, tests each without a branch); a run of several
 * conditional instructions under one test is left alone.  Deterministic, so the
 * translation cpu_restore_state() redoes has the same ops.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cond.h"
#include "op-gen.h"
#include "passes.h"
#include "shift-amounts.h"
#include "translate.h"

/* At most this many pure ops are run whatever the condition. */
#define MAX_PURE 4

/* jCC_label -> 1 + the condition it tests (0: not a plain test) */
static uint8_t jump_cond[NB_OPS];
/* condition -> register -> cmovCOND_rN_T0 (0: no such op) */
static uint16_t cmov_op[16][15];
/* computes T0, T1 or A0 only: no flags written, no memory, no fault */
static uint8_t is_pure[NB_OPS];

enum { W_NONE, W_T0, W_T1, W_REG_T1, W_REG_IM };
/* a writer of one register: its kind, the register and, for an in-place
 * op, the T0 op that computes the same (writer_t0) */
static uint8_t writer_kind[NB_OPS];
static int8_t writer_reg[NB_OPS];
static uint16_t writer_t0[NB_OPS];
static const GenOp movl_T0_reg[15] = BY_REG15(movl_T0_, );

static void set_writer(int op, int kind, int reg, int t0_op)
{
    writer_kind[op] = (uint8_t)kind;
    writer_reg[op] = (int8_t)reg;
    writer_t0[op] = (uint16_t)t0_op;
}

#define T(name) INDEX_op_##name

static void per_reg_tables(void)
{
#define REG_TABLES(n)                                                      \
    is_pure[T(movl_T0_r##n)] = is_pure[T(movl_T1_r##n)] = 1;               \
    is_pure[T(movl_A0_r##n)] = 1;                                          \
    is_pure[T(addl_T0_r##n)] = is_pure[T(subl_T0_r##n)] = 1;               \
    is_pure[T(rsbl_T0_r##n)] = is_pure[T(andl_T0_r##n)] = 1;               \
    is_pure[T(eorl_T0_r##n)] = is_pure[T(orrl_T0_r##n)] = 1;               \
    is_pure[T(bicl_T0_r##n)] = is_pure[T(adcl_T0_r##n)] = 1;               \
    is_pure[T(sbcl_T0_r##n)] = 1;                                          \
    set_writer(T(movl_r##n##_T0), W_T0, n, 0);                             \
    set_writer(T(movl_r##n##_T1), W_T1, n, 0);                             \
    set_writer(T(addl_r##n##_T1), W_REG_T1, n, T(addl_T0_T1));             \
    set_writer(T(subl_r##n##_T1), W_REG_T1, n, T(subl_T0_T1));             \
    set_writer(T(andl_r##n##_T1), W_REG_T1, n, T(andl_T0_T1));             \
    set_writer(T(eorl_r##n##_T1), W_REG_T1, n, T(eorl_T0_T1));             \
    set_writer(T(orrl_r##n##_T1), W_REG_T1, n, T(orrl_T0_T1));             \
    set_writer(T(bicl_r##n##_T1), W_REG_T1, n, T(bicl_T0_T1));             \
    set_writer(T(adcl_r##n##_T1), W_REG_T1, n, T(adcl_T0_T1));             \
    set_writer(T(sbcl_r##n##_T1), W_REG_T1, n, T(sbcl_T0_T1));             \
    set_writer(T(addl_r##n##_im), W_REG_IM, n, T(addl_T0_im));             \
    set_writer(T(andl_r##n##_im), W_REG_IM, n, T(andl_T0_im));             \
    set_writer(T(eorl_r##n##_im), W_REG_IM, n, T(eorl_T0_im));             \
    set_writer(T(orrl_r##n##_im), W_REG_IM, n, T(orl_T0_im));
    REG_TABLES(0) REG_TABLES(1) REG_TABLES(2) REG_TABLES(3)
    REG_TABLES(4) REG_TABLES(5) REG_TABLES(6) REG_TABLES(7)
    REG_TABLES(8) REG_TABLES(9) REG_TABLES(10) REG_TABLES(11)
    REG_TABLES(12) REG_TABLES(13) REG_TABLES(14)
#undef REG_TABLES
    is_pure[T(movl_T0_r15)] = is_pure[T(movl_T1_r15)] = 1;
    is_pure[T(movl_A0_r15)] = 1;
#define CMOV_TABLE(name, num, expr)                                        \
    {                                                                      \
        const uint16_t idx[15] = {                                         \
            T(cmov##name##_r0_T0), T(cmov##name##_r1_T0),                  \
            T(cmov##name##_r2_T0), T(cmov##name##_r3_T0),                  \
            T(cmov##name##_r4_T0), T(cmov##name##_r5_T0),                  \
            T(cmov##name##_r6_T0), T(cmov##name##_r7_T0),                  \
            T(cmov##name##_r8_T0), T(cmov##name##_r9_T0),                  \
            T(cmov##name##_r10_T0), T(cmov##name##_r11_T0),                \
            T(cmov##name##_r12_T0), T(cmov##name##_r13_T0),                \
            T(cmov##name##_r14_T0)};                                       \
        memcpy(cmov_op[num], idx, sizeof(idx));                            \
    }
    ARM_COND_CMOV_LIST(CMOV_TABLE)
#undef CMOV_TABLE
}

static void other_tables(void)
{
    static const uint16_t pure[] = {
        T(movl_T0_im), T(movl_T1_im), T(movl_T0_T1), T(movl_T1_T0),
        T(andl_T0_T1), T(eorl_T0_T1), T(orrl_T0_T1), T(bicl_T0_T1),
        T(ornl_T0_T1), T(mvnl_T0_T1), T(addl_T0_T1), T(subl_T0_T1),
        T(rsbl_T0_T1), T(adcl_T0_T1), T(sbcl_T0_T1), T(rscl_T0_T1),
        T(andl_T0_im), T(orl_T0_im), T(eorl_T0_im), T(addl_T0_im),
        T(subl_T0_im), T(rsbl_T0_im), T(adcl_T0_im), T(sbcl_T0_im),
        T(shll_T1_im), T(shrl_T1_im), T(sarl_T1_im), T(rorl_T1_im),
        T(lsr32_T1), T(asr32_T1), T(rrx_T1),
        T(shll_T1_A0), T(shrl_T1_A0), T(sarl_T1_A0), T(rorl_T1_A0),
#define SHIFT_PURE(n) T(shll_T1_##n), T(shrl_T1_##n), T(sarl_T1_##n), T(rorl_T1_##n),
        SHIFT_AMOUNTS(SHIFT_PURE)
#undef SHIFT_PURE
    };
    for (size_t i = 0; i < sizeof(pure) / sizeof(pure[0]); i++)
        is_pure[pure[i]] = 1;
#define JUMP_COND(name, num, expr, reads) jump_cond[T(j##name##_label)] = num + 1;
    ARM_COND_LIST(JUMP_COND)
#undef JUMP_COND
}

static void init_tables(void)
{
    static int done;

    if (done)
        return;
    done = 1;
    per_reg_tables();
    other_tables();
    /* What the tables call pure must be so in the generated op table. */
    for (int i = 0; i < NB_OPS; i++)
        if (is_pure[i] && (op_info[i].may_fault || op_info[i].calls ||
                           op_sets_flags(i)))
            is_pure[i] = 0;
}

/*
 * The conditional instruction at i (a jump to label L) as
 *     jINV_label L  [pure ops]  WRITER  [insn_start]  set_label L
 * returns the index of WRITER, or -1.
 */
static int match(const uint16_t *opc, const uint32_t *const *par, int i, int n)
{
    int j = i + 1, pure = 0;

    for (; j < n && (is_pure[opc[j]] || opc[j] == T(insn_start)); j++)
        pure += opc[j] != T(insn_start);
    if (pure > MAX_PURE || j >= n || !writer_kind[opc[j]])
        return -1;
    int l = j + 1;

    if (l < n && opc[l] == T(insn_start)) /* the next instruction's */
        l++;
    if (l >= n || opc[l] != T(set_label) || par[l][0] != par[i][0])
        return -1;
    return j;
}

/* Most TBs have no plain condition test (a B<cond> after a CMP is fused):
 * they are left as they are without the copy. */
static int has_condition_test(void)
{
    for (const uint16_t *o = gen_opc_buf; o < gen_opc_ptr; o++)
        if (jump_cond[*o])
            return 1;
    return 0;
}

int if_convert(void)
{
    static uint16_t opc[OPC_MAX];
    static uint32_t param[OPPARAM_MAX];
    static const uint32_t *par[OPC_MAX];
    int converted = 0;

    init_tables();
    if (!has_condition_test())
        return 0;
    int n = op_buf_take(opc, param, par);
    for (int i = 0; i < n; i++) {
        int op = opc[i], w = -1, cond = jump_cond[op] - 1;

        /* the instruction runs when the jump's condition fails: cond ^ 1 */
        if (cond >= 0 && cmov_op[cond ^ 1][0])
            w = match(opc, par, i, n);
        if (w < 0) {
            *gen_opc_ptr++ = (uint16_t)op;
            for (int a = 0; a < op_info[op].nparams; a++)
                *gen_opparam_ptr++ = par[i][a];
            continue;
        }
        for (int k = i + 1; k < w; k++) {
            *gen_opc_ptr++ = opc[k];
            for (int a = 0; a < op_info[opc[k]].nparams; a++)
                *gen_opparam_ptr++ = par[k][a];
        }
        int wop = opc[w], reg = writer_reg[wop];

        switch (writer_kind[wop]) {
        case W_T1:
            gen_op_movl_T0_T1();
            break;
        case W_REG_T1:
            movl_T0_reg[reg]();
            *gen_opc_ptr++ = writer_t0[wop];
            break;
        case W_REG_IM:
            movl_T0_reg[reg]();
            *gen_opc_ptr++ = writer_t0[wop];
            *gen_opparam_ptr++ = par[w][0];
            break;
        }
        *gen_opc_ptr++ = cmov_op[cond ^ 1][reg];
        converted++;
        i = w; /* the set_label after it is copied as it is */
    }
    return converted;
}
