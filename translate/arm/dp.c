/*
 * ARM data processing (ARM ARM A5.2.1-A5.2.3, A8.4): sixteen operations,
 * each with three forms of its second operand (the shifter, A5.1): a
 * rotated 8-bit immediate, a register shifted by an immediate, a register
 * shifted by a register.  The operand goes to T1, Rn to T0, the result
 * comes back in T0.  The S forms set N and Z from the result; the logical
 * ones set C to the shifter's carry-out, the arithmetic ones C and V from
 * the addition.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "op-gen.h"
#include "shift-amounts.h"
#include "translate.h"

enum { /* DP_ORN (16): translate.h */
    DP_AND, DP_EOR, DP_SUB, DP_RSB, DP_ADD, DP_ADC, DP_SBC, DP_RSC,
    DP_TST, DP_TEQ, DP_CMP, DP_CMN, DP_ORR, DP_MOV, DP_BIC, DP_MVN,
};

/* One row per opcode: the op without and with C/V (NULL: a logical op,
 * whose C comes from the shifter), and whether Rd is written. */
static const struct {
    GenOp op, op_cv;
    int writes;
} dp_ops[17] = {
    [DP_AND] = {gen_op_andl_T0_T1, NULL, 1},
    [DP_EOR] = {gen_op_eorl_T0_T1, NULL, 1},
    [DP_SUB] = {gen_op_subl_T0_T1, gen_op_subl_T0_T1_cv, 1},
    [DP_RSB] = {gen_op_rsbl_T0_T1, gen_op_rsbl_T0_T1_cv, 1},
    [DP_ADD] = {gen_op_addl_T0_T1, gen_op_addl_T0_T1_cv, 1},
    [DP_ADC] = {gen_op_adcl_T0_T1, gen_op_adcl_T0_T1_cv, 1},
    [DP_SBC] = {gen_op_sbcl_T0_T1, gen_op_sbcl_T0_T1_cv, 1},
    [DP_RSC] = {gen_op_rscl_T0_T1, gen_op_rscl_T0_T1_cv, 1},
    [DP_TST] = {gen_op_andl_T0_T1, NULL, 0},
    [DP_TEQ] = {gen_op_eorl_T0_T1, NULL, 0},
    [DP_CMP] = {gen_op_subl_T0_T1, gen_op_subl_T0_T1_cv, 0},
    [DP_CMN] = {gen_op_addl_T0_T1, gen_op_addl_T0_T1_cv, 0},
    [DP_ORR] = {gen_op_orrl_T0_T1, NULL, 1},
    [DP_MOV] = {gen_op_movl_T0_T1, NULL, 1},
    [DP_BIC] = {gen_op_bicl_T0_T1, NULL, 1},
    [DP_MVN] = {gen_op_mvnl_T0_T1, NULL, 1},
    [DP_ORN] = {gen_op_ornl_T0_T1, NULL, 1}, /* Thumb-2 only */
};

/* Shift types (bits 6:5) x {plain, setting C}, by an immediate 1-31 and by
 * the register amount in A0. */
static const GenOp shift_reg_ops[4][2] = {
    {gen_op_shll_T1_A0, gen_op_shll_T1_A0_cc},
    {gen_op_shrl_T1_A0, gen_op_shrl_T1_A0_cc},
    {gen_op_sarl_T1_A0, gen_op_sarl_T1_A0_cc},
    {gen_op_rorl_T1_A0, gen_op_rorl_T1_A0_cc},
};
static const GenOpParam shift_imm_ops[4][2] = {
    {gen_op_shll_T1_im, gen_op_shll_T1_im_cc},
    {gen_op_shrl_T1_im, gen_op_shrl_T1_im_cc},
    {gen_op_sarl_T1_im, gen_op_sarl_T1_im_cc},
    {gen_op_rorl_T1_im, gen_op_rorl_T1_im_cc},
};

/* The flag-free shifts by each amount (index 0 unused). */
#define SHIFT_ROW(type) {NULL, SHIFT_AMOUNTS(SHIFT_##type)}
#define SHIFT_shll(n) gen_op_shll_T1_##n,
#define SHIFT_shrl(n) gen_op_shrl_T1_##n,
#define SHIFT_sarl(n) gen_op_sarl_T1_##n,
#define SHIFT_rorl(n) gen_op_rorl_T1_##n,
static const GenOp shift_by[4][32] = {
    SHIFT_ROW(shll), SHIFT_ROW(shrl), SHIFT_ROW(sarl), SHIFT_ROW(rorl),
};
#undef SHIFT_ROW
#undef SHIFT_shll
#undef SHIFT_shrl
#undef SHIFT_sarl
#undef SHIFT_rorl

/*
 * Rm shifted by imm5 (A5.1.4-A5.1.12).  The encodings of amount 0 mean:
 * LSL #0 no shift (C unchanged), LSR #0 and ASR #0 a shift by 32, ROR #0
 * RRX.
 */
void gen_shift_imm_T1(DisasContext *s, uint32_t insn, int carry)
{
    int type = BITS(insn, 6, 5), amount = BITS(insn, 11, 7);

    gen_mov_T1_reg(s, BITS(insn, 3, 0));
    if (amount) {
        if (carry)
            shift_imm_ops[type][1]((uint32_t)amount);
        else
            shift_by[type][amount]();
        return;
    }
    switch (type) {
    case 0: break;
    case 1: (carry ? gen_op_lsr32_T1_cc : gen_op_lsr32_T1)(); break;
    case 2: (carry ? gen_op_asr32_T1_cc : gen_op_asr32_T1)(); break;
    default: (carry ? gen_op_rrx_T1_cc : gen_op_rrx_T1)(); break;
    }
}

/* Rm shifted by the bottom byte of Rs (A5.1.5 ...).  The PC as any of the
 * registers is UNPREDICTABLE on ARMv7; the ARMv5 cores read it as the
 * instruction's address + 12, which this form gets. */
static void gen_shift_reg_T1(DisasContext *s, uint32_t insn, int carry)
{
    int rm = BITS(insn, 3, 0), rs = BITS(insn, 11, 8);

    if (rs == 15)
        gen_op_movl_A0_im(read_pc(s) + 4);
    else
        gen_mov_A0_reg(s, rs);
    if (rm == 15)
        gen_op_movl_T1_im(read_pc(s) + 4);
    else
        gen_mov_T1_reg(s, rm);
    shift_reg_ops[BITS(insn, 6, 5)][carry]();
}

int dp_is_logical(int op)
{
    return dp_ops[op].op_cv == NULL;
}

/* The second operand into T1; `carry`: set C to the shifter's carry-out. */
static void gen_operand2(DisasContext *s, uint32_t insn, int carry)
{
    if (BIT(insn, 25)) {
        uint32_t imm = BITS(insn, 7, 0), rot = BITS(insn, 11, 8) * 2;

        imm = rot ? (imm >> rot) | (imm << (32 - rot)) : imm;
        gen_op_movl_T1_im(imm);
        /* A5.2.4: the carry-out is bit 31 of the constant if it was
         * rotated, else C unchanged. */
        if (carry && rot)
            gen_op_movl_CF_im(imm >> 31);
    } else if (BIT(insn, 4)) {
        gen_shift_reg_T1(s, insn, carry);
    } else {
        gen_shift_imm_T1(s, insn, carry);
    }
}

/*
 * MOV/MVN of an immediate, and MOV of an unshifted register, without S:
 * the value goes straight to T0 (one op instead of two).
 */
static int gen_plain_move(DisasContext *s, uint32_t insn, int op)
{
    if (op != DP_MOV && op != DP_MVN)
        return 0;
    if (BIT(insn, 25)) {
        uint32_t imm = BITS(insn, 7, 0), rot = BITS(insn, 11, 8) * 2;

        imm = rot ? (imm >> rot) | (imm << (32 - rot)) : imm;
        gen_op_movl_T0_im(op == DP_MOV ? imm : ~imm);
        return 1;
    }
    if (op == DP_MOV && BITS(insn, 11, 4) == 0) {
        gen_mov_T0_reg(s, BITS(insn, 3, 0));
        return 1;
    }
    return 0;
}

/*
 * The commonest forms as ops that take their second operand where it is
 * (design/performance.md, "fused ops"): a rotated immediate as the op's
 * own constant, an unshifted register (LSL #0, the encoding with bits
 * 11:4 zero) straight from its home, so `add r3, r3, r2` is three ops,
 * none through T1.  Per opcode: the op on an immediate and its C/V form,
 * and the per-register ops (op/arm/op-reg-template.h); `inv`: the
 * immediate is complemented (BIC is AND NOT).  NULL: no such form, the
 * general path below takes it (RSC, MOV, MVN).
 */
#define REGOPS(pre, post) BY_REG15(pre, post)
static const struct {
    GenOpParam imm, imm_cv;
    int inv;
    GenOp reg[15], reg_cv[15];
} dp_fast[16] = {
    [DP_AND] = {gen_op_andl_T0_im, NULL, 0, REGOPS(andl_T0_, ), {NULL}},
    [DP_TST] = {gen_op_andl_T0_im, NULL, 0, REGOPS(andl_T0_, ), {NULL}},
    [DP_BIC] = {gen_op_andl_T0_im, NULL, 1, REGOPS(bicl_T0_, ), {NULL}},
    [DP_EOR] = {gen_op_eorl_T0_im, NULL, 0, REGOPS(eorl_T0_, ), {NULL}},
    [DP_TEQ] = {gen_op_eorl_T0_im, NULL, 0, REGOPS(eorl_T0_, ), {NULL}},
    [DP_ORR] = {gen_op_orl_T0_im, NULL, 0, REGOPS(orrl_T0_, ), {NULL}},
    [DP_ADD] = {gen_op_addl_T0_im, gen_op_addl_T0_im_cv, 0,
                REGOPS(addl_T0_, ), REGOPS(addl_T0_, _cv)},
    [DP_CMN] = {gen_op_addl_T0_im, gen_op_addl_T0_im_cv, 0,
                REGOPS(addl_T0_, ), REGOPS(addl_T0_, _cv)},
    [DP_SUB] = {gen_op_subl_T0_im, gen_op_subl_T0_im_cv, 0,
                REGOPS(subl_T0_, ), REGOPS(subl_T0_, _cv)},
    [DP_CMP] = {gen_op_subl_T0_im, gen_op_subl_T0_im_cv, 0,
                REGOPS(subl_T0_, ), REGOPS(subl_T0_, _cv)},
    [DP_RSB] = {gen_op_rsbl_T0_im, gen_op_rsbl_T0_im_cv, 0,
                REGOPS(rsbl_T0_, ), REGOPS(rsbl_T0_, _cv)},
    [DP_ADC] = {gen_op_adcl_T0_im, gen_op_adcl_T0_im_cv, 0,
                REGOPS(adcl_T0_, ), REGOPS(adcl_T0_, _cv)},
    [DP_SBC] = {gen_op_sbcl_T0_im, gen_op_sbcl_T0_im_cv, 0,
                REGOPS(sbcl_T0_, ), REGOPS(sbcl_T0_, _cv)},
};
#undef REGOPS

/* T0 := Rn op operand2 by the fused ops above, with the flags for S;
 * 0 if the form has none. */
static int gen_dp_fast(DisasContext *s, uint32_t insn, int op, int set)
{
    int logical = dp_is_logical(op), rm = BITS(insn, 3, 0);

    if (!dp_fast[op].imm || (!set && !dp_ops[op].writes))
        return 0;
    if (BIT(insn, 25)) {
        uint32_t imm = BITS(insn, 7, 0), rot = BITS(insn, 11, 8) * 2;

        imm = rot ? (imm >> rot) | (imm << (32 - rot)) : imm;
        gen_mov_T0_reg(s, BITS(insn, 19, 16));
        if (set && !logical)
            dp_fast[op].imm_cv(imm);
        else
            dp_fast[op].imm(dp_fast[op].inv ? ~imm : imm);
        /* A5.2.4: a rotated constant's carry-out is its bit 31 */
        if (set && logical && rot)
            gen_op_movl_CF_im(imm >> 31);
    } else if (BITS(insn, 11, 4) == 0 && rm != 15) {
        gen_mov_T0_reg(s, BITS(insn, 19, 16));
        if (set && !logical)
            dp_fast[op].reg_cv[rm]();
        else
            dp_fast[op].reg[rm]();
    } else {
        return 0;
    }
    if (set)
        gen_op_nz_T0();
    return 1;
}

/*
 * Without S, an operation whose destination is its first operand
 * (`add r3, r3, r2`, `eor r3, r3, r0, ror #6`, `add r1, r1, #4`) works on
 * the register where it lives (op/arm/op-reg-template.h): the operand in
 * T1, or a constant as the host instruction's immediate, and nothing goes
 * through T0.  SUB of a constant is ADD of its negation (the same 32-bit
 * result, and no flags are written).  NULL: no such form (ADC and SBC of
 * a constant take gen_dp_fast's adcl_T0_im).
 */
#define REGOPS(pre, post) BY_REG15(pre, post)
static const struct {
    GenOpParam imm[15];
    GenOp t1[15];
    int neg, inv;
} dp_in_place[16] = {
    [DP_ADD] = {REGOPS(addl_, _im), REGOPS(addl_, _T1), 0, 0},
    [DP_SUB] = {REGOPS(addl_, _im), REGOPS(subl_, _T1), 1, 0},
    [DP_AND] = {REGOPS(andl_, _im), REGOPS(andl_, _T1), 0, 0},
    [DP_BIC] = {REGOPS(andl_, _im), REGOPS(bicl_, _T1), 0, 1},
    [DP_EOR] = {REGOPS(eorl_, _im), REGOPS(eorl_, _T1), 0, 0},
    [DP_ORR] = {REGOPS(orrl_, _im), REGOPS(orrl_, _T1), 0, 0},
    [DP_ADC] = {{NULL}, REGOPS(adcl_, _T1), 0, 0},
    [DP_SBC] = {{NULL}, REGOPS(sbcl_, _T1), 0, 0},
};
#undef REGOPS

static int gen_dp_in_place(DisasContext *s, uint32_t insn, int op, int rd)
{
    if ((int)BITS(insn, 19, 16) != rd || rd == 15 || !dp_in_place[op].t1[0])
        return 0;
    if (BIT(insn, 25)) {
        uint32_t imm = BITS(insn, 7, 0), rot = BITS(insn, 11, 8) * 2;

        if (!dp_in_place[op].imm[0])
            return 0;
        imm = rot ? (imm >> rot) | (imm << (32 - rot)) : imm;
        if (dp_in_place[op].neg)
            imm = -imm;
        if (dp_in_place[op].inv)
            imm = ~imm;
        dp_in_place[op].imm[rd](imm);
        return 1;
    }
    gen_operand2(s, insn, 0);
    dp_in_place[op].t1[rd]();
    return 1;
}

/* T0 := T0 op T1, with the flags for S. */
static void gen_dp_alu(int op, int set)
{
    if (set && dp_ops[op].op_cv)
        dp_ops[op].op_cv();
    else
        dp_ops[op].op();
    if (set)
        gen_op_nz_T0();
}

/* T0 := Rn op operand2, with the flags for S. */
static void gen_dp_op(DisasContext *s, uint32_t insn, int op, int set)
{
    int rn = BITS(insn, 19, 16);
    int reg_shift = !BIT(insn, 25) && BIT(insn, 4);

    gen_operand2(s, insn, set && dp_is_logical(op));
    if (op != DP_MOV && op != DP_MVN) {
        if (rn == 15 && reg_shift)
            gen_op_movl_T0_im(read_pc(s) + 4);
        else
            gen_mov_T0_reg(s, rn);
    }
    gen_dp_alu(op, set);
}

static void gen_dp_result(DisasContext *s, int op, int rd)
{
    if (!dp_ops[op].writes)
        return;
    if (rd == 15)
        gen_alu_write_pc_T0(s);
    else
        gen_mov_reg_T0(rd);
}

void gen_dp_T1(DisasContext *s, int op, int set, int rd, int rn)
{
    if (op != DP_MOV && op != DP_MVN)
        gen_mov_T0_reg(s, rn);
    gen_dp_alu(op, set);
    gen_dp_result(s, op, rd);
}

void disas_dp(DisasContext *s, uint32_t insn)
{
    int op = BITS(insn, 24, 21), set = BIT(insn, 20);
    int rd = BITS(insn, 15, 12);

    /* An S form writing the PC copies SPSR to CPSR: an exception return,
     * UNPREDICTABLE in User mode (ARM ARM B9.3.19); Linux user space never
     * does it and stitch refuses it. */
    if (set && rd == 15 && dp_ops[op].writes) {
        gen_undef(s);
        return;
    }
    /* MOV Rd, Rm, <shift> without S: the shifter's T1 is the result */
    if (!set && op == DP_MOV && !BIT(insn, 25) && rd != 15) {
        gen_operand2(s, insn, 0);
        gen_mov_reg_T1(rd);
        return;
    }
    if (!set && gen_dp_in_place(s, insn, op, rd))
        return;
    if ((set || !gen_plain_move(s, insn, op)) && !gen_dp_fast(s, insn, op, set))
        gen_dp_op(s, insn, op, set);
    gen_dp_result(s, op, rd);
}
