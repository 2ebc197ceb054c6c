/*
 * A loop that is one TB, closed by a compare and a branch back to the
 * TB's own start (`strb sl, [lr, fp]; add fp, fp, r3; cmp fp, r0; bls`),
 * stores no flags on the way round (docs/arm.md, "Loops without flag
 * stores").
 *
 * Every exit stores N, Z, C and V, because the next TB or a signal context
 * may read them: four stores, and on a loop whose body is a few
 * instructions those stores are a fifth of its time (the sieve kernel of
 * `make bench`).  On the way back to its own start the TB can do without
 * them, because of what the round before the compare looks like:
 *   - nothing in it reads a flag: the compare writes all four, so the
 *     next compare is the first reader;
 *   - nothing in it can leave but a fault of a guest load or store (no
 *     helper call, no exception, no conditional code), and every such
 *     access comes before any write to the compared registers.
 * So, at a fault inside the next round, the flags the CPU would show are
 * those of `cmp rX, rY` (or `cmp rX, #imm`) over the registers as they
 * are at the fault: the engine rebuilds them there (arm_loop_entry_restore)
 * instead of the loop storing them each round.
 *
 * The pass swaps the fused compare-and-branch for its twin that stores no
 * flags (op_cmp_T0_T1_jCC_label_nf) and puts op_flags_sub_T0_T1 on every
 * path that leaves the loop for anything but its own start: the other exit,
 * and the fall-through of the loop exit (taken while it is not chained, or
 * when an exit request stops the loop, so an asynchronous signal sees exact
 * flags too).  The engine chains the loop exit not to the TB itself but to
 * a twin translated with CF_LOOP_ENTRY (exec/cpu-exec.c), which only that
 * exit enters: a fault in it rebuilds the flags, a fault in the TB entered
 * from elsewhere finds them in env, stored by whoever ran before.
 *
 * Deterministic, like every pass: it runs again on the translation
 * cpu_restore_state() redoes, which records the compare for the rebuild.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cond.h"
#include "op-gen.h"
#include "optimize-regs.h"
#include "passes.h"
#include "translate.h"

/* The compare of the last TB the pass saw with the loop shape. */
static struct {
    int valid;
    uint32_t cmp_pc; /* the CMP: a fault before it rebuilds the flags */
    int rx, ry;      /* cmp rX, rY; ry < 0: cmp rX, #imm */
    uint32_t imm;
} loop_cmp;

/* cmp_T0_T1_jCC_label -> its twin without flag stores (0: not one) */
static uint16_t nf_of[NB_OPS];
/* movl_T0_rN, movl_T1_rN -> N (-1: not one) */
static int8_t t0_reg_of[NB_OPS], t1_reg_of[NB_OPS];

static void init_tables(void)
{
    static int done;
#define R(n) INDEX_op_movl_T0_r##n, INDEX_op_movl_T1_r##n
    static const uint16_t t01_ops[15][2] = {{R(0)}, {R(1)}, {R(2)}, {R(3)}, {R(4)},
                                            {R(5)}, {R(6)}, {R(7)}, {R(8)}, {R(9)},
                                            {R(10)}, {R(11)}, {R(12)}, {R(13)}, {R(14)}};
#undef R

    if (done)
        return;
    done = 1;
#define NF(name, num, expr, reads)                                          \
    nf_of[INDEX_op_cmp_T0_T1_j##name##_label] = INDEX_op_cmp_T0_T1_j##name##_label_nf;
    ARM_COND_LIST(NF)
#undef NF
    memset(t0_reg_of, -1, sizeof(t0_reg_of));
    memset(t1_reg_of, -1, sizeof(t1_reg_of));
    for (int r = 0; r < 15; r++) {
        t0_reg_of[t01_ops[r][0]] = (int8_t)r;
        t1_reg_of[t01_ops[r][1]] = (int8_t)r;
    }
    describe_reg_effects();
}

static int is_goto_tb(int op, int n)
{
    return n == 0 ? op == INDEX_op_goto_tb0 || op == INDEX_op_goto_tb0_fwd
                  : op == INDEX_op_goto_tb1 || op == INDEX_op_goto_tb1_fwd;
}

/* Whether op k writes guest register r (an op the register pass does not
 * describe may write any). */
static int writes_reg(int op, int r)
{
    const RegEffect *e = &reg_effect[op];

    switch (e->kind) {
    case E_NONE: case E_WRITE_TMP: case E_LOAD: case E_COPY:
    case E_LOADB: case E_WRITE_ZX8:
        return 0;
    case E_STORE: case E_WRITE_REG: case E_WRITE_BOTH: case E_STOREB:
        return e->reg == r;
    default:
        return 1;
    }
}

/* The round before the compare (ops [0, end)), as the comment at the top
 * requires it. */
static int round_is_plain(const uint16_t *opc, int end, int rx, int ry)
{
    int written = 0;

    for (int k = 0; k < end; k++) {
        int op = opc[k];

        if (op == INDEX_op_insn_start)
            continue;
        if (op < NB_PSEUDO_OPS || op_reads_flags(op) || op_info[op].calls ||
            reg_effect[op].kind == E_FORGET)
            return 0;
        if (op_info[op].may_fault && written)
            return 0;
        written |= writes_reg(op, rx) || (ry >= 0 && writes_reg(op, ry));
    }
    return 1;
}

void loop_exit_forget(void)
{
    loop_cmp.valid = 0;
}

int loop_exit_flags(void)
{
    const uint16_t *opc = gen_opc_buf;
    int n = (int)(gen_opc_ptr - gen_opc_buf), f = n - 9;

    init_tables();
    loop_cmp.valid = 0;
    /* ... insn_start(cmp) movl_T0_rX movl_T1_{rY,im} insn_start(b)
     *     cmp_T0_T1_jCC_label L  goto_tb0 movl_pc_im exit_tb
     *     set_label L  goto_tb1 movl_pc_im exit_tb  end */
    if (f < 5 || !nf_of[opc[f]] || opc[n - 1] != INDEX_op_end)
        return 0;
    /* the parameters of ops 0 and f - 4 .. f + 8: par(k) */
    const uint32_t *first = gen_opparam_buf, *tail[13], *p = gen_opparam_buf;
    for (int k = 0; k < n; k++) {
        if (k >= f - 4)
            tail[k - (f - 4)] = p;
        p += op_info[opc[k]].nparams;
    }
#define par(k) (tail[(k) - (f - 4)])
    if (!is_goto_tb(opc[f + 1], 0) || opc[f + 2] != INDEX_op_movl_pc_im ||
        opc[f + 3] != INDEX_op_exit_tb || opc[f + 4] != INDEX_op_set_label ||
        par(f + 4)[0] != par(f)[0] || !is_goto_tb(opc[f + 5], 1) ||
        opc[f + 6] != INDEX_op_movl_pc_im || opc[f + 7] != INDEX_op_exit_tb)
        return 0;
    if (opc[f - 1] != INDEX_op_insn_start || opc[f - 4] != INDEX_op_insn_start ||
        t0_reg_of[opc[f - 3]] < 0 ||
        (t1_reg_of[opc[f - 2]] < 0 && opc[f - 2] != INDEX_op_movl_T1_im))
        return 0;
    uint32_t tb_pc = first[0], to0 = par(f + 2)[0], to1 = par(f + 6)[0];
    int self = to0 == tb_pc ? 0 : to1 == tb_pc ? 1 : -1;
    int rx = t0_reg_of[opc[f - 3]], ry = t1_reg_of[opc[f - 2]];
    if (opc[0] != INDEX_op_insn_start || self < 0 || to0 == to1 ||
        !round_is_plain(opc, f - 4, rx, ry))
        return 0;

    loop_cmp.valid = 1;
    loop_cmp.cmp_pc = par(f - 4)[0];
    loop_cmp.rx = rx;
    loop_cmp.ry = ry;
    loop_cmp.imm = ry < 0 ? par(f - 2)[0] : 0;
#undef par

    /* The ops after the compare have no parameters to move but the ones
     * they had: rewrite them in place with the two stores added. */
    uint16_t tail_ops[8];
    memcpy(tail_ops, &opc[f + 1], sizeof(tail_ops));
    gen_opc_ptr = &gen_opc_buf[f];
    *gen_opc_ptr++ = nf_of[opc[f]];
    for (int k = 0; k < 8; k++) {
        int exit_n = k == 0 ? 0 : k == 4 ? 1 : -1;

        if (exit_n >= 0 && exit_n != self) /* before leaving the loop */
            *gen_opc_ptr++ = INDEX_op_flags_sub_T0_T1;
        *gen_opc_ptr++ = tail_ops[k];
        if (exit_n == self) /* its fall-through: not round the loop */
            *gen_opc_ptr++ = INDEX_op_flags_sub_T0_T1;
    }
    return 1;
}

int arm_loop_exit(void)
{
    for (const uint16_t *o = gen_opc_buf; *o != INDEX_op_end; o++)
        if (o[1] == INDEX_op_flags_sub_T0_T1 && (is_goto_tb(o[0], 0) || is_goto_tb(o[0], 1)))
            return is_goto_tb(o[0], 0) ? 1 : 2;
    return 0;
}

void arm_loop_entry_restore(CPUState *env)
{
    if (!loop_cmp.valid || env->regs[15] >= loop_cmp.cmp_pc)
        return;
    cpu_set_sub_flags(env, env->regs[loop_cmp.rx],
                      loop_cmp.ry < 0 ? loop_cmp.imm : env->regs[loop_cmp.ry]);
}
