/*
 * ARM multiplies (ARM ARM A5.2.5), the v5TE halfword multiplies (A5.2.7)
 * and the saturating additions (A5.2.6).
 *
 * Register fields of the multiplies: Rd (or RdHi) in bits 19:16, Ra (or
 * RdLo) in 15:12, Rm in 11:8, Rn in 3:0; the product is Rn * Rm.  The PC
 * as any of them is UNPREDICTABLE: refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "op-gen.h"
#include "translate.h"

#define MUL_RD(insn) BITS(insn, 19, 16)
#define MUL_RA(insn) BITS(insn, 15, 12)
#define MUL_RM(insn) BITS(insn, 11, 8)
#define MUL_RN(insn) BITS(insn, 3, 0)

static int uses_pc(uint32_t insn, int with_ra)
{
    return MUL_RD(insn) == 15 || MUL_RM(insn) == 15 || MUL_RN(insn) == 15 ||
           (with_ra && MUL_RA(insn) == 15);
}

/* T0 = Rn, T1 = Rm. */
static void gen_load_factors(DisasContext *s, uint32_t insn)
{
    gen_mov_T0_reg(s, MUL_RN(insn));
    gen_mov_T1_reg(s, MUL_RM(insn));
}

/* t2 = RdLo, t3 = RdHi: the 64-bit accumulator. */
static void gen_load_acc64(DisasContext *s, uint32_t insn)
{
    gen_mov_T0_reg(s, MUL_RA(insn));
    gen_op_movl_t2_T0();
    gen_mov_T0_reg(s, MUL_RD(insn));
    gen_op_movl_t3_T0();
}

/* RdLo = T0, RdHi = T1 (RdHi == RdLo is UNPREDICTABLE: RdHi wins). */
static void gen_store64(uint32_t insn, int set)
{
    if (set)
        gen_op_nz64_T0_T1();
    gen_mov_reg_T0(MUL_RA(insn));
    gen_mov_reg_T1(MUL_RD(insn));
}

/* Bits 23:21: MUL MLA UMAAL - MLS UMULL UMLAL SMULL SMLAL; S is bit 20
 * (UMAAL and MLS have none).  The S forms set N and Z; C and V are
 * unchanged from ARMv5 on. */
static void disas_mul(DisasContext *s, uint32_t insn)
{
    int op = BITS(insn, 23, 21), set = BIT(insn, 20);

    if (uses_pc(insn, op != 0) || op == 3 || (op == 2 && (set || !arm_feature(ARM_FEATURE_V6)))) {
        gen_undef(s);
        return;
    }
    gen_load_factors(s, insn);
    switch (op) {
    case 0: /* MUL */
    case 1: /* MLA */
        gen_op_mull_T0_T1();
        if (op == 1) {
            gen_mov_T1_reg(s, MUL_RA(insn));
            gen_op_addl_T0_T1();
        }
        if (set)
            gen_op_nz_T0();
        gen_mov_reg_T0(MUL_RD(insn));
        return;
    case 2: /* UMAAL */
        gen_load_acc64(s, insn);
        gen_load_factors(s, insn);
        gen_op_umaal_T0_T1();
        gen_store64(insn, 0);
        return;
    default: /* UMULL UMLAL SMULL SMLAL */
        if (op & 1) {
            gen_load_acc64(s, insn);
            gen_load_factors(s, insn);
        }
        (op & 2 ? gen_op_smull_T0_T1 : gen_op_umull_T0_T1)();
        if (op & 1)
            gen_op_addq_T0_T1_t23();
        gen_store64(insn, set);
        return;
    }
}

/* MLS (ARM ARM A8.8.101, encoding 0000 0110): Rd = Ra - Rn * Rm. */
static void disas_mls(DisasContext *s, uint32_t insn)
{
    if (uses_pc(insn, 1)) {
        gen_undef(s);
        return;
    }
    gen_load_factors(s, insn);
    gen_op_mull_T0_T1();
    gen_mov_T1_reg(s, MUL_RA(insn));
    gen_op_rsbl_T0_T1();
    gen_mov_reg_T0(MUL_RD(insn));
}

/* T0 := the half of T0 selected by `top`, sign-extended; the same for T1
 * through T0 (the 16-bit multiplies read halves of both factors). */
static void gen_half_T0(int top)
{
    (top ? gen_op_sar16_T0 : gen_op_sxth_T0)();
}

/*
 * SMLAxy, SMLAWy/SMULWy, SMLALxy, SMULxy (bits 22:21 = 00, 01, 10, 11;
 * x = bit 5 selects Rn's half, y = bit 6 Rm's).  The 32-bit accumulations
 * set Q on overflow; SMLALxy wraps at 64 bits.
 */
void disas_mul_halfword(DisasContext *s, uint32_t insn)
{
    int op = BITS(insn, 22, 21), x = BIT(insn, 5), y = BIT(insn, 6);

    if (uses_pc(insn, op != 3)) {
        gen_undef(s);
        return;
    }
    /* T1 := Rm's half, sign-extended */
    gen_mov_T0_reg(s, MUL_RM(insn));
    gen_half_T0(y);
    gen_op_movl_T1_T0();
    gen_mov_T0_reg(s, MUL_RN(insn));
    if (op == 1) { /* SMULWy / SMLAWy: all of Rn */
        gen_op_smulw_T0_T1();
        if (!x) {
            gen_mov_T1_reg(s, MUL_RA(insn));
            gen_op_addl_T0_T1_q();
        }
        gen_mov_reg_T0(MUL_RD(insn));
        return;
    }
    gen_half_T0(x);
    gen_op_mull_T0_T1();
    if (op == 0) {
        gen_mov_T1_reg(s, MUL_RA(insn));
        gen_op_addl_T0_T1_q();
    } else if (op == 2) {
        gen_op_movl_T1_T0();
        gen_load_acc64(s, insn);
        gen_op_movl_T0_T1();
        gen_op_sext_T1_T0();
        gen_op_addq_T0_T1_t23();
        gen_store64(insn, 0);
        return;
    }
    gen_mov_reg_T0(MUL_RD(insn));
}

/* QADD QSUB QDADD QDSUB Rd, Rm, Rn (bits 22:21): Rd in 15:12, Rn in
 * 19:16, Rm in 3:0; the doubling of Rn saturates (and sets Q) itself. */
void disas_sat_addsub(DisasContext *s, uint32_t insn)
{
    int op = BITS(insn, 22, 21), rn = BITS(insn, 19, 16);
    int rd = BITS(insn, 15, 12), rm = BITS(insn, 3, 0);

    if (rn == 15 || rd == 15 || rm == 15 || BITS(insn, 11, 8)) {
        gen_undef(s);
        return;
    }
    gen_mov_T1_reg(s, rn);
    if (op & 2)
        gen_op_qdbl_T1();
    gen_mov_T0_reg(s, rm);
    (op & 1 ? gen_op_qsub_T0_T1 : gen_op_qadd_T0_T1)();
    gen_mov_reg_T0(rd);
}

/* The multiply space (bits 27:24 = 0000, 7:4 = 1001); MLS is 0000 0110. */
void disas_mul_space(DisasContext *s, uint32_t insn)
{
    if (BITS(insn, 23, 20) == 6 && arm_feature(ARM_FEATURE_THUMB2))
        disas_mls(s, insn); /* v6T2 */
    else if (BITS(insn, 23, 20) == 6)
        gen_undef(s);
    else
        disas_mul(s, insn);
}
