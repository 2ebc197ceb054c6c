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
 *   - nothing in it reads or writes a flag: the compare writes all four,
 *     so the next compare is the first reader, and until it they are the
 *     last compare's;
 *   - nothing in it can leave but a fault of a guest load or store (no
 *     helper call, no exception, no conditional code), and every such
 *     access comes before any write to the compared registers, or the
 *     writes before it add constants (round_is_plain).
 * So, at a fault inside the next round, the flags the CPU would show are
 * those of `cmp rX, rY` (or `cmp rX, #imm`) over the registers as they
 * are at the fault, less those constants: the engine rebuilds them there
 * (arm_restore_flags) instead of the loop storing them each round.  The
 * compare may be one the fuse pass moved down to the branch (fuse.c); a
 * fault between its old place and the branch is fuse.c's to rebuild.
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
 * The same tail rewrite serves a TB whose exit goes to code that sets
 * all four flags before it could read one (starts_with_compare: glibc's
 * strcmp, `ldrb; ldrb; cmp r3, #0; beq` into `cmp r3, r2; beq`): that
 * "lazy" exit stores the flags on its fall-through only, and the engine
 * chains it only to a TB whose entry flags are dead (arm_lazy_exits,
 * arm_flags_dead_in; docs/arm.md, "Exits into a compare").
 *
 * Deterministic, like every pass: it runs again on the translation
 * cpu_restore_state() redoes, which records the compare for the rebuild.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cond.h"
#include "guest-window.h"
#include "op-gen.h"
#include "optimize-regs.h"
#include "passes.h"
#include "translate.h"

/* The compare of the last TB the pass saw with the loop shape. */
#define MAX_LOOP_STEPS 4
static struct {
    int valid;
    uint32_t cmp_pc; /* the CMP: a fault before it rebuilds the flags */
    int rx, ry;      /* cmp rX, rY; ry < 0: cmp rX, #imm */
    uint32_t imm;
    /* constant steps of the compared registers before the CMP: the one
     * at pc added k to rX (which 0) or rY (1) */
    struct LoopStep {
        uint32_t pc, k;
        int which;
    } step[MAX_LOOP_STEPS];
    int n_steps;
} loop_cmp;
/* cmp_T0_T1_jCC_label -> its twin without flag stores (0: not one) */
static uint16_t nf_of[NB_OPS];
/* movl_T0_rN, movl_T1_rN -> N (-1: not one) */
static int8_t t0_reg_of[NB_OPS], t1_reg_of[NB_OPS];
/* addl_rN_im, leal_A0_rN_im, movl_rN_A0 -> N (-1: not one) */
static int8_t add_im_reg_of[NB_OPS], lea_reg_of[NB_OPS], from_a0_reg_of[NB_OPS];

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
    static const uint16_t step_ops[15][3] = {
#define S(n) {INDEX_op_addl_r##n##_im, INDEX_op_leal_A0_r##n##_im, INDEX_op_movl_r##n##_A0}
        S(0), S(1), S(2), S(3), S(4), S(5), S(6), S(7),
        S(8), S(9), S(10), S(11), S(12), S(13), S(14),
#undef S
    };
    memset(t0_reg_of, -1, sizeof(t0_reg_of));
    memset(t1_reg_of, -1, sizeof(t1_reg_of));
    memset(add_im_reg_of, -1, sizeof(add_im_reg_of));
    memset(lea_reg_of, -1, sizeof(lea_reg_of));
    memset(from_a0_reg_of, -1, sizeof(from_a0_reg_of));
    for (int r = 0; r < 15; r++) {
        add_im_reg_of[step_ops[r][0]] = (int8_t)r;
        lea_reg_of[step_ops[r][1]] = (int8_t)r;
        from_a0_reg_of[step_ops[r][2]] = (int8_t)r;
        t0_reg_of[t01_ops[r][0]] = (int8_t)r;
        t1_reg_of[t01_ops[r][1]] = (int8_t)r;
    }
}

static int is_goto_tb(int op, int n)
{
    return n == 0 ? op == INDEX_op_goto_tb0 || op == INDEX_op_goto_tb0_fwd
                  : op == INDEX_op_goto_tb1 || op == INDEX_op_goto_tb1_fwd;
}

/* Whether op writes the A0 temporary. */
static int writes_a0(int op)
{
    const RegEffect *e = &reg_effect[op];

    return e->kind != E_NONE && e->kind != E_STORE && e->kind != E_WRITE_REG &&
           e->kind != E_STOREB && e->tmp == TMP_A0;
}

/*
 * The round before the compare (ops [0, end)), as the comment at the top
 * requires it: a write to a compared register before a guest access is
 * allowed when it adds a constant (`ldrb r3, [r0], #1`: addl_r0_im 1;
 * `ldr r1, [r2, #4]!`: leal_A0_r2_im 4 ... movl_r2_A0), which the rebuild
 * takes off again (loop_cmp.step), but not inside the instruction that
 * accesses memory after it.
 */
static int round_is_plain(const uint16_t *opc, int end, int rx, int ry)
{
    const uint32_t *p = gen_opparam_buf;
    int lost = 0, stepped_here = 0, a0_reg = -1;
    uint32_t pc = 0, a0_k = 0;

    loop_cmp.n_steps = 0;
    for (int k = 0; k < end; p += op_info[opc[k]].nparams, k++) {
        int op = opc[k];

        if (op == INDEX_op_insn_start) {
            pc = p[0];
            stepped_here = 0;
            continue;
        }
        if (op < NB_PSEUDO_OPS || op_reads_flags(op) || op_sets_flags(op) ||
            op_info[op].calls || !op_reg_effect_known(op))
            return 0;
        if (op_info[op].may_fault && (lost || stepped_here))
            return 0;
        for (int which = 0; which < 2; which++) {
            int r = which ? ry : rx;
            uint32_t step;

            if (r < 0 || !op_writes_reg(op, r))
                continue;
            if (add_im_reg_of[op] == r)
                step = p[0];
            else if (from_a0_reg_of[op] == r && a0_reg == r)
                step = a0_k;
            else {
                lost = 1;
                continue;
            }
            if (loop_cmp.n_steps == MAX_LOOP_STEPS)
                return 0;
            loop_cmp.step[loop_cmp.n_steps++] =
                (struct LoopStep){.pc = pc, .k = step, .which = which};
            stepped_here = 1;
        }
        if (a0_reg >= 0 && op_writes_reg(op, a0_reg))
            a0_reg = -1; /* A0 is no longer the register plus a0_k */
        if (lea_reg_of[op] >= 0) {
            a0_reg = lea_reg_of[op];
            a0_k = p[0];
        } else if (writes_a0(op)) {
            a0_reg = -1;
        }
    }
    return 1;
}

void loop_exit_forget(void)
{
    loop_cmp.valid = 0;
}

/* The op index of the insn_start of the instruction at pc, or -1. */
static int insn_index(uint32_t pc)
{
    const uint32_t *p = gen_opparam_buf;

    for (const uint16_t *o = gen_opc_buf; o < gen_opc_ptr; p += op_info[*o].nparams, o++)
        if (*o == INDEX_op_insn_start && p[0] == pc)
            return (int)(o - gen_opc_buf);
    return -1;
}

/* Data processing without S that can neither fault nor touch a flag (A5.2):
 * not ADC/SBC/RSC nor RRX (they read C), not a write to the PC; MOVW and
 * MOVT from the space TST..CMN leave without S. */
static int flag_free_dp(uint32_t insn)
{
    uint32_t op = insn >> 21 & 0xf, imm = insn >> 25 & 1;

    if (insn >> 20 & 1)
        return 0;
    if (op >= 8)
        return imm && (op == 8 || op == 10) && (insn >> 12 & 0xf) != 15; /* MOVW, MOVT */
    if ((op >= 5 && op <= 7) || (insn >> 12 & 0xf) == 15)
        return 0;
    return imm || (insn & 0xff0) != 0x060; /* not ROR #0: RRX */
}

/* CMP, CMN, or ADDS/SUBS/RSBS to a register other than the PC, with an
 * immediate or a register shifted by a constant other than RRX: all four
 * flags from the adder (A8.8.37, A8.8.34, A8.8.4, A8.8.222, A8.8.153). */
static int sets_all_flags(uint32_t insn)
{
    uint32_t op = insn >> 21 & 0xf;

    if (!(insn >> 20 & 1) || !(op == 10 || op == 11 || op == 2 || op == 3 || op == 4))
        return 0;
    if (op < 8 && (insn >> 12 & 0xf) == 15)
        return 0;
    return (insn >> 25 & 1) || ((insn & 0x10) == 0 && (insn & 0xff0) != 0x060);
}

/*
 * Whether the code at pc sets N, Z, C and V before it could read them or
 * fault, as arm_flags_dead_in will find its TB: data-processing
 * instructions that touch no flag, then one that sets all four, all
 * unconditional, in ARM state (A5.2.1; not the multiplies and extra
 * loads/stores that share the space), six instructions at most.  A CMP
 * must be followed by flag-free ones and the conditional branch: the fuse
 * pass moves a CMP down past a load or store, which would come first
 * then.  Only on the page the decoder read the TB's first instruction
 * from (tr_code_page), so that these reads cannot fault and a store there
 * drops this TB too.  A wrong guess costs the chaining of that exit,
 * never a flag.
 */
static int starts_with_compare(uint32_t pc)
{
    int cmp_seen = 0;

    if (tr_thumb || (pc & 3))
        return 0;
    for (int k = 0; k < 6; k++, pc += 4) {
        uint32_t insn;

        if ((pc & ~(GUEST_PAGE_SIZE - 1)) != tr_code_page)
            return 0;
        memcpy(&insn, g2h(pc), 4);
        if (cmp_seen && insn >> 28 < 0xe && (insn >> 25 & 7) == 5)
            return 1; /* B<cond> */
        if (insn >> 28 != 0xe || (insn >> 26 & 3) != 0 ||
            (!(insn >> 25 & 1) && (insn & 0x90) == 0x90))
            return 0;
        if (!cmp_seen && sets_all_flags(insn)) {
            if ((insn >> 21 & 0xf) != 10)
                return 1;
            cmp_seen = 1;
        } else if (!flag_free_dp(insn)) {
            return 0;
        }
    }
    return 0;
}

/* An exit's three ops (goto_tbN movl_pc_im exit_tb) with the flag store
 * before them or, when `late`, between goto_tb and movl_pc_im. */
static void put_exit(const uint16_t *ops, int late)
{
    if (!late)
        *gen_opc_ptr++ = INDEX_op_flags_sub_T0_T1;
    *gen_opc_ptr++ = ops[0];
    if (late)
        *gen_opc_ptr++ = INDEX_op_flags_sub_T0_T1;
    *gen_opc_ptr++ = ops[1];
    *gen_opc_ptr++ = ops[2];
}

int loop_exit_flags(void)
{
    const uint16_t *opc = gen_opc_buf;
    int n = (int)(gen_opc_ptr - gen_opc_buf), f = n - 9;

    init_tables();
    loop_cmp.valid = 0;
    /* ... insn_start(cmp) movl_T0_rX movl_T1_{rY,im} insn_start(b)
     *     cmp_T0_T1_jCC_label L  goto_tb0 movl_pc_im exit_tb
     *     set_label L  goto_tb1 movl_pc_im exit_tb  end
     * or, for a compare the fuse pass sank to the branch, the
     * instructions it moved past between insn_start(cmp) and movl_T0_rX */
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
    uint32_t tb_pc = first[0], to[2] = {par(f + 2)[0], par(f + 6)[0]};
    int self = to[0] == tb_pc ? 0 : to[1] == tb_pc ? 1 : -1;
    int lazy[2] = {to[0] != tb_pc && starts_with_compare(to[0]),
                   to[1] != tb_pc && starts_with_compare(to[1])};
    if (opc[f - 1] != INDEX_op_insn_start || t0_reg_of[opc[f - 3]] < 0 ||
        (t1_reg_of[opc[f - 2]] < 0 && opc[f - 2] != INDEX_op_movl_T1_im))
        self = -1;
    const SunkCmp *sunk = fuse_sunk_cmp(par(f - 1)[0]);
    int cmp_at = sunk ? insn_index(sunk->cmp_pc) : f - 4;
    int rx = t0_reg_of[opc[f - 3]], ry = t1_reg_of[opc[f - 2]];
    if (self >= 0 && (cmp_at < 0 || opc[cmp_at] != INDEX_op_insn_start ||
                      opc[0] != INDEX_op_insn_start || to[0] == to[1] || rx == ry ||
                      !round_is_plain(opc, cmp_at, rx, ry)))
        self = -1;
    if (self < 0 && !lazy[0] && !lazy[1])
        return 0;

    if (self >= 0) {
        loop_cmp.valid = 1;
        loop_cmp.cmp_pc = sunk ? sunk->cmp_pc : par(f - 4)[0];
        loop_cmp.rx = rx;
        loop_cmp.ry = ry;
        loop_cmp.imm = ry < 0 ? par(f - 2)[0] : 0;
    }
#undef par

    /* The ops after the compare have no parameters to move but the ones
     * they had: rewrite them in place with the two stores added.  The loop
     * exit and a lazy exit store the flags only on their fall-through:
     * round the loop, or into a TB that sets them all first, nothing. */
    uint16_t tail_ops[8];
    memcpy(tail_ops, &opc[f + 1], sizeof(tail_ops));
    gen_opc_ptr = &gen_opc_buf[f];
    *gen_opc_ptr++ = nf_of[opc[f]];
    put_exit(&tail_ops[0], self == 0 || lazy[0]);
    *gen_opc_ptr++ = tail_ops[3]; /* set_label */
    put_exit(&tail_ops[4], self == 1 || lazy[1]);
    *gen_opc_ptr++ = tail_ops[7];
    return 1;
}

/* 1 + the exit whose flag store follows its goto_tb and whose target is
 * the TB's start (want_self), or any other such exits' bits. */
static int late_exits(int want_self)
{
    const uint32_t *p = gen_opparam_buf;
    uint32_t tb_pc = p[0];
    int found = 0;

    for (const uint16_t *o = gen_opc_buf; *o != INDEX_op_end; p += op_info[*o].nparams, o++) {
        int n = is_goto_tb(o[0], 0) ? 0 : is_goto_tb(o[0], 1) ? 1 : -1;

        if (n < 0 || o[1] != INDEX_op_flags_sub_T0_T1 || o[2] != INDEX_op_movl_pc_im)
            continue;
        const uint32_t *target = p + op_info[o[0]].nparams + op_info[o[1]].nparams;
        if (want_self && *target == tb_pc)
            return n + 1;
        if (!want_self && *target != tb_pc)
            found |= 1 << n;
    }
    return found;
}

int arm_loop_exit(void)
{
    return late_exits(1);
}

int arm_lazy_exits(void)
{
    return late_exits(0);
}

void arm_restore_flags(CPUState *env, int loop_entry)
{
    uint32_t pc = env->regs[15], x, y;

    fuse_restore_flags(env);
    if (!loop_entry || !loop_cmp.valid || pc >= loop_cmp.cmp_pc)
        return;
    x = env->regs[loop_cmp.rx];
    y = loop_cmp.ry < 0 ? loop_cmp.imm : env->regs[loop_cmp.ry];
    for (int k = 0; k < loop_cmp.n_steps; k++)
        if (loop_cmp.step[k].pc < pc)
            *(loop_cmp.step[k].which ? &y : &x) -= loop_cmp.step[k].k;
    cpu_set_sub_flags(env, x, y);
}
