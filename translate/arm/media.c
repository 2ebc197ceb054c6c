/*
 * The ARMv6 media instructions (ARM ARM A5.4) and the v6T2 additions:
 * parallel add/subtract, pack/unpack (PKH, the extends), SEL, saturate,
 * byte reversal, the signed multiplies of the media space, USAD8, the
 * bit-field instructions, MOVW/MOVT.  Bits 24:20 (op1) and 7:5 (op2)
 * select the instruction (A5.4, tables A5-16 to A5-20).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "op-gen.h"
#include "translate.h"

#define M_RN(insn) BITS(insn, 19, 16)
#define M_RD(insn) BITS(insn, 15, 12)
#define M_RM(insn) BITS(insn, 3, 0)

/* Parallel add/subtract (A5.4.1): [prefix][operation]; prefix = op1 bits
 * 22:20 (001 S, 010 Q, 011 SH, 101 U, 110 UQ, 111 UH), operation = op2
 * (000 ADD16, 001 ASX, 010 SAX, 011 SUB16, 100 ADD8, 111 SUB8). */
#define PAR_ROW(p)                                                         \
    {gen_op_##p##add16_T0_T1, gen_op_##p##asx_T0_T1,                       \
     gen_op_##p##sax_T0_T1, gen_op_##p##sub16_T0_T1,                       \
     gen_op_##p##add8_T0_T1, NULL, NULL, gen_op_##p##sub8_T0_T1}
static const GenOp parallel_ops[8][8] = {
    [1] = PAR_ROW(s), [2] = PAR_ROW(q), [3] = PAR_ROW(sh),
    [5] = PAR_ROW(u), [6] = PAR_ROW(uq), [7] = PAR_ROW(uh),
};

static int any_pc(int a, int b, int c)
{
    return a == 15 || b == 15 || c == 15;
}

static void disas_parallel(DisasContext *s, uint32_t insn)
{
    GenOp op = parallel_ops[BITS(insn, 22, 20)][BITS(insn, 7, 5)];

    if (!op || any_pc(M_RN(insn), M_RD(insn), M_RM(insn))) {
        gen_undef(s);
        return;
    }
    gen_mov_T0_reg(s, M_RN(insn));
    gen_mov_T1_reg(s, M_RM(insn));
    op();
    gen_mov_reg_T0(M_RD(insn));
}

/* The extends (A8.8.226 SXTAB ...): Rm rotated right by 0/8/16/24, then
 * extended, then (Rn != 15) added to Rn.  Index: op1 bits 22:20. */
static const GenOp extend_ops[8] = {
    [0] = gen_op_sxtb16_T1, [2] = gen_op_sxtb_T1, [3] = gen_op_sxth_T1,
    [4] = gen_op_uxtb16_T1, [6] = gen_op_uxtb_T1, [7] = gen_op_uxth_T1,
};

static void disas_extend(DisasContext *s, uint32_t insn)
{
    int op = BITS(insn, 22, 20), rot = BITS(insn, 11, 10) * 8;

    if (!extend_ops[op] || M_RD(insn) == 15 || M_RM(insn) == 15 ||
        BITS(insn, 9, 8)) {
        gen_undef(s);
        return;
    }
    gen_mov_T1_reg(s, M_RM(insn));
    if (rot)
        gen_op_rorl_T1_im((uint32_t)rot);
    extend_ops[op]();
    if (M_RN(insn) == 15) {
        gen_op_movl_T0_T1();
    } else {
        gen_mov_T0_reg(s, M_RN(insn));
        ((op & 3) == 0 ? gen_op_add16_T0_T1 : gen_op_addl_T0_T1)();
    }
    gen_mov_reg_T0(M_RD(insn));
}

/* PKHBT Rd, Rn, Rm, LSL #imm / PKHTB Rd, Rn, Rm, ASR #imm (bit 6 = tb;
 * ASR #0 encodes #32). */
static void disas_pkh(DisasContext *s, uint32_t insn)
{
    int tb = BIT(insn, 6), imm = BITS(insn, 11, 7);

    if (any_pc(M_RN(insn), M_RD(insn), M_RM(insn))) {
        gen_undef(s);
        return;
    }
    gen_mov_T1_reg(s, M_RM(insn));
    if (tb)
        gen_op_sarl_T1_im(imm ? (uint32_t)imm : 31);
    else if (imm)
        gen_op_shll_T1_im((uint32_t)imm);
    gen_mov_T0_reg(s, M_RN(insn));
    (tb ? gen_op_pkhtb_T0_T1 : gen_op_pkhbt_T0_T1)();
    gen_mov_reg_T0(M_RD(insn));
}

/* SSAT/USAT Rd, #sat, Rn {, LSL/ASR #imm} (A8.8.179): sat in bits 20:16
 * (SSAT: plus 1), the shift as a data-processing immediate shift whose
 * type bit is 6 (ASR #0 encodes #32). */
static void disas_sat(DisasContext *s, uint32_t insn)
{
    int u = BIT(insn, 22), sat = BITS(insn, 20, 16), imm = BITS(insn, 11, 7);

    if (M_RD(insn) == 15 || M_RM(insn) == 15) {
        gen_undef(s);
        return;
    }
    gen_mov_T1_reg(s, M_RM(insn));
    if (BIT(insn, 6))
        gen_op_sarl_T1_im(imm ? (uint32_t)imm : 31);
    else if (imm)
        gen_op_shll_T1_im((uint32_t)imm);
    gen_op_movl_T0_T1();
    if (u)
        gen_op_usat_T0((uint32_t)sat);
    else
        gen_op_ssat_T0((uint32_t)sat + 1);
    gen_mov_reg_T0(M_RD(insn));
}

/* The one-register group of op1 = 01xxx: SSAT16, USAT16, REV, REV16,
 * RBIT, REVSH (Rd = f(Rm)). */
static void disas_one_reg(DisasContext *s, uint32_t insn, int op1, int op2)
{
    if (M_RD(insn) == 15 || M_RM(insn) == 15) {
        gen_undef(s);
        return;
    }
    gen_mov_T0_reg(s, M_RM(insn));
    switch (op1 << 3 | op2) {
    case 2 << 3 | 1: gen_op_ssat16_T0(BITS(insn, 19, 16) + 1); break;
    case 6 << 3 | 1: gen_op_usat16_T0(BITS(insn, 19, 16)); break;
    case 3 << 3 | 1: gen_op_rev_T0(); break;
    case 3 << 3 | 5: gen_op_rev16_T0(); break;
    case 7 << 3 | 1: gen_op_rbit_T0(); break;
    case 7 << 3 | 5: gen_op_revsh_T0(); break;
    default: gen_undef(s); return;
    }
    gen_mov_reg_T0(M_RD(insn));
}

/* op1 = 01xxx: packing, unpacking, saturation and reversal (A5.4.3). */
static void disas_pack(DisasContext *s, uint32_t insn)
{
    int op1 = BITS(insn, 22, 20), op2 = BITS(insn, 7, 5);

    if (op1 == 0 && !(op2 & 1)) {
        disas_pkh(s, insn);
    } else if ((op1 & 2) && !(op2 & 1)) {
        disas_sat(s, insn);
    } else if (op2 == 3) {
        disas_extend(s, insn);
    } else if (op1 == 0 && op2 == 5) { /* SEL */
        if (any_pc(M_RN(insn), M_RD(insn), M_RM(insn))) {
            gen_undef(s);
            return;
        }
        gen_mov_T0_reg(s, M_RN(insn));
        gen_mov_T1_reg(s, M_RM(insn));
        gen_op_sel_T0_T1();
        gen_mov_reg_T0(M_RD(insn));
    } else {
        disas_one_reg(s, insn, op1, op2);
    }
}

/*
 * op1 = 10xxx: the signed multiplies (A5.4.4).  Rd in 19:16, Ra in 15:12
 * (15: the non-accumulating form), Rm in 11:8, Rn in 3:0; bit 5 swaps
 * Rm's halves (the X forms) or, for SMMUL/SMMLA/SMMLS, rounds (R).
 */
static void disas_media_mul(DisasContext *s, uint32_t insn)
{
    int op1 = BITS(insn, 22, 20), op2 = BITS(insn, 7, 5), bit5 = BIT(insn, 5);
    int rd = BITS(insn, 19, 16), ra = BITS(insn, 15, 12), rm = BITS(insn, 11, 8);
    int rn = BITS(insn, 3, 0);

    if (rd == 15 || rm == 15 || rn == 15 ||
        !((op1 == 0 && op2 < 4) || (op1 == 4 && op2 < 4) ||
          (op1 == 5 && (op2 < 2 || op2 >= 6)))) {
        gen_undef(s);
        return;
    }
    if (op1 == 5) { /* SMMUL, SMMLA, SMMLS: t2 = the accumulator */
        if (ra == 15 && op2 >= 6) {
            gen_undef(s);
            return;
        }
        if (ra == 15)
            gen_op_movl_T0_im(0);
        else
            gen_mov_T0_reg(s, ra);
        gen_op_movl_t2_T0();
        gen_mov_T0_reg(s, rn);
        gen_mov_T1_reg(s, rm);
        (op2 >= 6 ? gen_op_smmls_T0_T1 : gen_op_smmla_T0_T1)(bit5 ? 0x80000000u : 0);
        gen_mov_reg_T0(rd);
        return;
    }
    if (op1 == 4) { /* SMLALD, SMLSLD: RdHi = 19:16, RdLo = 15:12 */
        if (ra == 15 || ra == rd) {
            gen_undef(s);
            return;
        }
        gen_mov_T0_reg(s, ra);
        gen_op_movl_t2_T0();
        gen_mov_T0_reg(s, rd);
        gen_op_movl_t3_T0();
    }
    gen_mov_T0_reg(s, rn);
    gen_mov_T1_reg(s, rm);
    if (bit5)
        gen_op_rorl_T1_im(16);
    if (op1 == 4) {
        (op2 & 2 ? gen_op_smlsld_T0_T1 : gen_op_smlald_T0_T1)();
        gen_mov_reg_T0(ra);
        gen_mov_reg_T1(rd);
        return;
    }
    (op2 & 2 ? gen_op_smusd_T0_T1 : gen_op_smuad_T0_T1)();
    if (ra != 15) {
        gen_mov_T1_reg(s, ra);
        gen_op_addl_T0_T1_q();
    }
    gen_mov_reg_T0(rd);
}

/* USAD8 / USADA8 (op1 = 11000, op2 = 000): Rd in 19:16, Ra in 15:12. */
static void disas_usad8(DisasContext *s, uint32_t insn)
{
    int rd = BITS(insn, 19, 16), ra = BITS(insn, 15, 12);
    int rm = BITS(insn, 11, 8), rn = BITS(insn, 3, 0);

    if (any_pc(rd, rm, rn)) {
        gen_undef(s);
        return;
    }
    gen_mov_T0_reg(s, rn);
    gen_mov_T1_reg(s, rm);
    gen_op_usad8_T0_T1();
    if (ra != 15) {
        gen_mov_T1_reg(s, ra);
        gen_op_addl_T0_T1();
    }
    gen_mov_reg_T0(rd);
}

/* SBFX/UBFX Rd, Rn, #lsb, #width (A8.8.164, A8.8.246): widthminus1 in
 * bits 20:16, lsb in 11:7, Rd 15:12, Rn 3:0; lsb + width > 32 is
 * UNPREDICTABLE (refused).  BFC/BFI (A8.8.17, A8.8.18): msb in 20:16,
 * Rn = 15 for BFC; msb < lsb is UNPREDICTABLE. */
static void disas_bitfield(DisasContext *s, uint32_t insn, int op1)
{
    uint32_t lsb = BITS(insn, 11, 7), hi = BITS(insn, 20, 16);
    int rd = M_RD(insn), rn = M_RM(insn);

    if (rd == 15 || (op1 >> 1 != 14 && rn == 15)) {
        gen_undef(s);
        return;
    }
    if (op1 >> 1 == 14) { /* BFC, BFI */
        uint32_t width = hi + 1 - lsb;
        uint32_t mask = (width >= 32 ? ~0u : ((1u << width) - 1)) << lsb;

        if (hi < lsb) {
            gen_undef(s);
            return;
        }
        gen_mov_T0_reg(s, rd);
        if (rn == 15)
            gen_op_movl_T1_im(0);
        else
            gen_mov_T1_reg(s, rn);
        gen_op_bfi_T0_T1(mask, lsb);
        gen_mov_reg_T0(rd);
        return;
    }
    if (lsb + hi + 1 > 32) {
        gen_undef(s);
        return;
    }
    gen_mov_T0_reg(s, rn);
    if (op1 >> 1 == 15) /* UBFX */
        gen_op_ubfx_T0(lsb, hi == 31 ? ~0u : (1u << (hi + 1)) - 1);
    else /* SBFX */
        gen_op_sbfx_T0(31 - lsb - hi, 31 - hi);
    gen_mov_reg_T0(rd);
}

void disas_media(DisasContext *s, uint32_t insn)
{
    int op1 = BITS(insn, 24, 20), op2 = BITS(insn, 7, 5);

    /* The media space is ARMv6; its bit-field instructions and RBIT are
     * v6T2 (the -cpu model decides, op/arm/cpu-models.c). */
    if (!arm_feature(ARM_FEATURE_V6) ||
        (!arm_feature(ARM_FEATURE_THUMB2) &&
         (op1 >= 0x1a || (op1 == 0x0f && op2 == 1)))) {
        gen_undef(s);
        return;
    }

    switch (op1 >> 3) {
    case 0:
        disas_parallel(s, insn);
        return;
    case 1:
        disas_pack(s, insn);
        return;
    case 2:
        disas_media_mul(s, insn);
        return;
    }
    if (op1 == 0x18 && op2 == 0)
        disas_usad8(s, insn);
    else if ((op1 >> 1 == 13 || op1 >> 1 == 15) && (op2 & 3) == 2)
        disas_bitfield(s, insn, op1);
    else if (op1 >> 1 == 14 && (op2 & 3) == 0)
        disas_bitfield(s, insn, op1);
    else
        gen_undef(s); /* includes UDF, op1 = 11111, op2 = 111 */
}

/* MOVW Rd, #imm16 / MOVT Rd, #imm16 (A8.8.102, A8.8.106): imm4:imm12. */
void disas_movw_movt(DisasContext *s, uint32_t insn)
{
    uint32_t imm = BITS(insn, 19, 16) << 12 | BITS(insn, 11, 0);
    int rd = BITS(insn, 15, 12);

    if (rd == 15) {
        gen_undef(s);
        return;
    }
    if (BIT(insn, 22)) {
        gen_mov_T0_reg(s, rd);
        gen_op_andl_T0_im(0xffff);
        gen_op_orl_T0_im(imm << 16);
    } else {
        gen_op_movl_T0_im(imm);
    }
    gen_mov_reg_T0(rd);
}
