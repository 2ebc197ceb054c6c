/*
 * The 32-bit Thumb-2 instructions (ARM ARM A6.3), read as hw1 << 16 | hw2:
 * hw1 bits 12:11 (op1), 10:4 (op2) and hw2 bit 15 (op) pick the group
 * (table A6-9).  Where an instruction exists in A32 with the same
 * operation, its fields are moved into the A32 encoding (condition AL)
 * and decoded there; what A32 cannot express (the modified immediates,
 * ORN, 12-bit and post-indexed offsets of every size, LDRD with any two
 * registers, the exclusives' offsets, TBB/TBH, the branch encodings)
 * goes to the building blocks (gen.c, dp.c, ldst.c) with decoded
 * operands.  The coprocessor space is the A32 one (A6.3.18).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "op-gen.h"
#include "translate.h"

#define A32(x) (0xe0000000u | (uint32_t)(x))
/* The register fields of hw1 (Rn) and hw2 (Rt or RdLo, Rd or RdHi, Rm). */
#define T_RN(insn) BITS(insn, 19, 16)
#define T_RT(insn) BITS(insn, 15, 12)
#define T_RD(insn) BITS(insn, 11, 8)
#define T_RM(insn) BITS(insn, 3, 0)
/* imm3:imm2, the shift amount / lsb of the register forms */
#define T_IMM5(insn) (BITS(insn, 14, 12) << 2 | BITS(insn, 7, 6))

/* The A32 multiply-space fields: Rd 19:16, Ra 15:12, Rm 11:8, Rn 3:0. */
static uint32_t mul_fields(uint32_t rd, uint32_t ra, uint32_t rm, uint32_t rn)
{
    return rd << 16 | ra << 12 | rm << 8 | rn;
}

/* ---- data processing (A6.3.1, A6.3.11) ---- */

/* Thumb-2 data-processing opcode (bits 24:21) to the A32 one; -1 for
 * none (PKH, in the register form, is handled before). */
static const int8_t t32_dp_opc[16] = {
    0, 14, 12, DP_ORN, 1, -1, -1, -1, 4, -1, 5, 6, -1, 2, 3, -1,
};

/*
 * The shared tail of the modified-immediate and shifted-register forms:
 * the operand is in T1.  Rd = 15 with S makes AND, EOR, ADD, SUB the
 * comparisons TST, TEQ, CMN, CMP; Rn = 15 makes ORR, ORN the moves MOV,
 * MVN.  Other uses of the PC are UNPREDICTABLE: refused.
 */
static int t32_dp_op(uint32_t insn, int *rd, int *rn)
{
    int op = t32_dp_opc[BITS(insn, 24, 21)], set = BIT(insn, 20);

    *rd = (int)T_RD(insn);
    *rn = (int)T_RN(insn);
    if (op < 0)
        return -1;
    if (*rd == 15 && set) {
        switch (op) {
        case 0: return 8;  /* TST */
        case 1: return 9;  /* TEQ */
        case 4: return 11; /* CMN */
        case 2: return 10; /* CMP */
        }
    }
    if (*rd == 15)
        return -1;
    if (*rn == 15) {
        if (op == 12)
            return 13; /* MOV */
        if (op == DP_ORN)
            return 15; /* MVN */
        return -1;
    }
    return op;
}

/* ThumbExpandImm_C (A6.3.2): the 32-bit constant of i:imm3:imm8; *rot:
 * whether it was rotated (the carry-out is then its bit 31). */
static uint32_t thumb_expand_imm(uint32_t imm12, int *rot)
{
    uint32_t imm8 = imm12 & 0xff, n;

    *rot = (imm12 >> 10) != 0;
    if (*rot) {
        n = imm12 >> 7;
        imm8 = 0x80 | (imm12 & 0x7f);
        return (imm8 >> n) | (imm8 << (32 - n));
    }
    switch (imm12 >> 8) {
    case 0: return imm8;
    case 1: return imm8 << 16 | imm8;
    case 2: return imm8 << 24 | imm8 << 8;
    default: return imm8 * 0x01010101u;
    }
}

static void t32_dp_modified_imm(DisasContext *s, uint32_t insn)
{
    uint32_t imm12 = BIT(insn, 26) << 11 | BITS(insn, 14, 12) << 8 | BITS(insn, 7, 0);
    int rd, rn, rot, set = BIT(insn, 20), op = t32_dp_op(insn, &rd, &rn);
    uint32_t imm = thumb_expand_imm(imm12, &rot);

    /* a replicated pattern of a zero byte is UNPREDICTABLE */
    if (op < 0 || ((imm12 >> 10) == 0 && (imm12 >> 8) && !(imm12 & 0xff))) {
        gen_undef(s);
        return;
    }
    gen_op_movl_T1_im(imm);
    if (set && rot && dp_is_logical(op))
        gen_op_movl_CF_im(imm >> 31);
    gen_dp_T1(s, op, set, rd, rn);
}

static void t32_dp_shifted_reg(DisasContext *s, uint32_t insn)
{
    uint32_t rm = T_RM(insn), type = BITS(insn, 5, 4), imm5 = T_IMM5(insn);
    int rd, rn, set = BIT(insn, 20), op;

    if (BITS(insn, 24, 21) == 6) { /* PKHBT, PKHTB */
        if (set || BIT(insn, 4)) {
            gen_undef(s);
            return;
        }
        disas_media(s, A32(0x06800010 | T_RN(insn) << 16 | T_RD(insn) << 12 |
                           imm5 << 7 | BIT(insn, 5) << 6 | rm));
        return;
    }
    op = t32_dp_op(insn, &rd, &rn);
    if (op < 0 || rm == 15) {
        gen_undef(s);
        return;
    }
    gen_shift_imm_T1(s, imm5 << 7 | type << 5 | rm, set && dp_is_logical(op));
    gen_dp_T1(s, op, set, rd, rn);
}

/* Plain binary immediate (A6.3.3): ADDW/SUBW and ADR, MOVW/MOVT, the
 * saturations and the bit fields. */
static void t32_dp_plain_imm(DisasContext *s, uint32_t insn)
{
    uint32_t op = BITS(insn, 24, 20), rn = T_RN(insn), rd = T_RD(insn);
    uint32_t imm12 = BIT(insn, 26) << 11 | BITS(insn, 14, 12) << 8 | BITS(insn, 7, 0);
    uint32_t imm5 = T_IMM5(insn), sat = BITS(insn, 4, 0);

    if (rd == 15) {
        gen_undef(s);
        return;
    }
    switch (op) {
    case 0x00: case 0x0a: /* ADDW, SUBW, ADR (Rn = 15: from Align(PC, 4)) */
        if (rn == 15)
            gen_op_movl_T0_im(read_pc_aligned(s));
        else
            gen_mov_T0_reg(s, (int)rn);
        gen_op_movl_T1_im(imm12);
        (op ? gen_op_subl_T0_T1 : gen_op_addl_T0_T1)();
        gen_mov_reg_T0((int)rd);
        return;
    case 0x04: case 0x0c: /* MOVW, MOVT: imm4:i:imm3:imm8 */
        disas_movw_movt(s, A32(0x03000000 | (uint32_t)(op == 0x0c) << 22 | rn << 16 |
                               rd << 12 | imm12));
        return;
    case 0x10: case 0x12: case 0x18: case 0x1a: { /* SSAT, USAT, *16 */
        uint32_t u = BIT(insn, 23) << 22;

        if (BIT(insn, 21) && !imm5) /* SSAT16, USAT16 */
            disas_media(s, A32(0x06a00f30 | u | (sat & 0xf) << 16 | rd << 12 | rn));
        else
            disas_media(s, A32(0x06a00010 | u | sat << 16 | rd << 12 | imm5 << 7 |
                               BIT(insn, 21) << 6 | rn));
        return;
    }
    case 0x14: /* SBFX */
        disas_media(s, A32(0x07a00050 | sat << 16 | rd << 12 | imm5 << 7 | rn));
        return;
    case 0x16: /* BFI, BFC (Rn = 15) */
        disas_media(s, A32(0x07c00010 | sat << 16 | rd << 12 | imm5 << 7 | rn));
        return;
    case 0x1c: /* UBFX */
        disas_media(s, A32(0x07e00050 | sat << 16 | rd << 12 | imm5 << 7 | rn));
        return;
    default:
        gen_undef(s);
    }
}

/* ---- branches and miscellaneous control (A6.3.4) ---- */

/* The branch offset of B (T4), BL and BLX: S:I1:I2:imm10:imm11:0, with
 * I1 = NOT(J1 XOR S), I2 = NOT(J2 XOR S). */
static uint32_t branch24_offset(uint32_t insn)
{
    uint32_t S = BIT(insn, 26), i1 = !(BIT(insn, 13) ^ S), i2 = !(BIT(insn, 11) ^ S);
    uint32_t off = S << 24 | i1 << 23 | i2 << 22 | BITS(insn, 25, 16) << 12 |
                   BITS(insn, 10, 0) << 1;

    return (uint32_t)((int32_t)(off << 7) >> 7);
}

/* B<c> (T3), outside an IT block: S:J2:J1:imm6:imm11:0. */
static void t32_cond_branch(DisasContext *s, uint32_t insn)
{
    uint32_t off = BIT(insn, 26) << 20 | BIT(insn, 11) << 19 | BIT(insn, 13) << 18 |
                   BITS(insn, 21, 16) << 12 | BITS(insn, 10, 0) << 1;
    int cond = (int)BITS(insn, 25, 22), skip;

    if (in_it_block(s)) {
        gen_undef(s);
        return;
    }
    skip = gen_new_label();
    gen_jcc_label(cond ^ 1, skip);
    gen_jmp_tb(s, read_pc(s) + (uint32_t)((int32_t)(off << 11) >> 11), 0);
    gen_set_label(skip);
    gen_jmp_tb(s, s->pc, 1);
}

static void t32_misc_control(DisasContext *s, uint32_t insn)
{
    uint32_t op = BITS(insn, 26, 20), rn = T_RN(insn), rd = T_RD(insn);

    switch (op) {
    case 0x38: case 0x39: /* MSR APSR_<fields>, Rn: mask bits 11:10 */
        if (BITS(insn, 9, 8) || rn == 15)
            gen_undef(s);
        else /* the A32 MSR (register) with field mask f = 11, s = 10 */
            disas_arm_insn(s, A32(0x0120f000 | BIT(insn, 11) << 19 |
                                  BIT(insn, 10) << 18 | rn));
        return;
    case 0x3a: /* NOP, YIELD, WFE, WFI, SEV, DBG and the unallocated hints
                * (A6.3.4): NOPs in User mode, as in A32 (translate.c) */
        return;
    case 0x3b: /* CLREX, DSB, DMB, ISB (A8.8.32, 44, 43, 53) */
        switch (BITS(insn, 7, 4)) {
        case 2: gen_op_clrex(); return;
        case 4: case 5: gen_op_dmb(); return;
        case 6: return; /* translated code is never stale */
        }
        gen_undef(s);
        return;
    case 0x3c: /* BXJ: a BX (no Jazelle) */
        gen_mov_T0_reg(s, (int)rn);
        gen_write_pc_T0(s);
        return;
    case 0x3e: case 0x3f: /* MRS Rd, APSR */
        if (rd == 15) {
            gen_undef(s);
            return;
        }
        gen_op_mrs_T0();
        gen_mov_reg_T0((int)rd);
        return;
    default: /* SUBS PC, LR, SMC, UDF, the privileged ones */
        gen_undef(s);
    }
}

static void t32_branch_misc(DisasContext *s, uint32_t insn)
{
    uint32_t op1 = BITS(insn, 14, 12);

    if ((op1 & 5) == 0) {
        if (BITS(insn, 25, 23) != 7)
            t32_cond_branch(s, insn);
        else
            t32_misc_control(s, insn);
        return;
    }
    if ((op1 & 5) == 4 && BIT(insn, 0)) { /* BLX with H = 1 */
        gen_undef(s);
        return;
    }
    if (op1 & 4) { /* BL, BLX: the return address in Thumb state */
        gen_op_movl_T0_im(s->pc | 1);
        gen_mov_reg_T0(14);
    }
    if ((op1 & 5) == 4) { /* BLX <label>: into ARM state, from Align(PC, 4) */
        gen_jmp_tb_state(s, read_pc_aligned(s) + branch24_offset(insn), 0);
        return;
    }
    gen_jmp_tb(s, read_pc(s) + branch24_offset(insn), 0); /* B (T4), BL */
}

/* ---- loads and stores (A6.3.5-A6.3.10) ---- */

/* LDM/STM (IA or DB), PUSH, POP: the A32 encoding with P = DB, U = IA. */
static void t32_ldm_stm(DisasContext *s, uint32_t insn)
{
    uint32_t op = BITS(insn, 24, 23);

    if (op == 0 || op == 3) { /* SRS, RFE: privileged */
        gen_undef(s);
        return;
    }
    disas_ldm_stm(s, A32(0x08000000 | (op == 2) << 24 | (op == 1) << 23 |
                         (insn & 0x003fffff & ~(1u << 22))));
}

/* TBB [Rn, Rm], TBH [Rn, Rm, LSL #1] (A8.8.223): a forward branch by
 * twice the table entry, through the indirect-jump path. */
static void t32_table_branch(DisasContext *s, uint32_t insn)
{
    int half = BIT(insn, 4);

    if (in_it_block(s) && it_advance(s->condexec)) {
        gen_undef(s); /* not the last instruction of an IT block */
        return;
    }
    gen_mov_A0_reg(s, (int)T_RN(insn));
    gen_mov_T1_reg(s, (int)T_RM(insn));
    if (half)
        gen_op_shll_T1_im(1);
    gen_op_addl_A0_T1();
    (half ? gen_op_lduw_T0_A0 : gen_op_ldub_T0_A0)();
    gen_op_movl_T1_T0();
    gen_op_shll_T1_im(1);
    gen_op_movl_T0_im(read_pc(s));
    gen_op_addl_T0_T1();
    gen_op_movl_pc_T0();
    gen_jmp_T0(s);
}

/* Load/store dual, exclusive, table branch (A6.3.6). */
static void t32_ldst_dual_excl(DisasContext *s, uint32_t insn)
{
    uint32_t op1 = BITS(insn, 24, 23), op2 = BITS(insn, 21, 20), op3 = BITS(insn, 7, 4);
    int rn = (int)T_RN(insn), rt = (int)T_RT(insn), rt2 = (int)T_RD(insn);
    uint32_t imm = BITS(insn, 7, 0) << 2;

    if ((op1 & 2) || (op2 & 2)) { /* LDRD, STRD (immediate, literal) */
        AddrMode m = {.rn = rn, .pre = BIT(insn, 24), .up = BIT(insn, 23),
                      .writeback = BIT(insn, 21), .imm = imm};
        if (rt == 15 || rt2 == 15 || (m.writeback && rn == 15)) {
            gen_undef(s);
            return;
        }
        gen_load_store_dual(s, &m, rt, rt2, BIT(insn, 20));
        return;
    }
    if (rn == 15 && !(op1 == 1 && op2 == 1 && op3 < 2)) {
        gen_undef(s);
        return;
    }
    if (op1 == 0) { /* STREX Rd, Rt, [Rn, #imm] / LDREX Rt, [Rn, #imm] */
        if (op2 == 0)
            gen_exclusive(s, 0, 0, rn, imm, rt, 0, rt2);
        else
            gen_exclusive(s, 0, 1, rn, imm, rt, 0, 0);
        return;
    }
    if (op2 == 1 && op3 < 2) {
        t32_table_branch(s, insn);
        return;
    }
    /* op3: 0100 B, 0101 H, 0111 D; the size index of gen_exclusive */
    static const int8_t size[8] = {-1, -1, -1, -1, 2, 3, -1, 1};
    if (op3 >= 8 || size[op3] < 0) {
        gen_undef(s);
        return;
    }
    if (op2 == 0) /* STREX{B,H,D} Rd (bits 3:0), Rt, {Rt2,} [Rn] */
        gen_exclusive(s, size[op3], 0, rn, 0, rt, rt2, (int)T_RM(insn));
    else
        gen_exclusive(s, size[op3], 1, rn, 0, rt, rt2, 0);
}

/* Load/store single data item (A6.3.7-A6.3.10): bits 22:21 the size,
 * 24 sign-extend, 20 load; the offset is a 12-bit immediate, an 8-bit
 * one with P/U/W, a register shifted left by 0-3, or PC-relative. */
static void t32_ldst_single(DisasContext *s, uint32_t insn)
{
    static const int8_t kinds[2][4] = {{LS_UB, LS_UH, LS_W, -1},
                                       {LS_SB, LS_SH, -1, -1}};
    int kind = kinds[BIT(insn, 24)][BITS(insn, 22, 21)], load = BIT(insn, 20);
    int rn = (int)T_RN(insn), rt = (int)T_RT(insn);
    AddrMode m = {.rn = rn, .pre = 1, .up = 1};

    if (kind < 0 || (!load && BIT(insn, 24))) {
        gen_undef(s);
        return;
    }
    if (rn == 15 || BIT(insn, 23)) { /* imm12; literal: U is bit 23 */
        if (!load && rn == 15) {
            gen_undef(s);
            return;
        }
        m.up = rn == 15 ? BIT(insn, 23) : 1;
        m.imm = BITS(insn, 11, 0);
    } else if (BIT(insn, 11)) { /* imm8, P U W in bits 10:8 (PUW 110: the T forms) */
        m.pre = BIT(insn, 10);
        m.up = BIT(insn, 9);
        m.writeback = BIT(insn, 8);
        m.imm = BITS(insn, 7, 0);
        if ((!m.pre && !m.writeback) || (m.writeback && (rn == rt || rn == 15))) {
            gen_undef(s);
            return;
        }
    } else if (BITS(insn, 11, 6) == 0 && T_RM(insn) != 15) {
        m.reg_offset = 1;
    } else {
        gen_undef(s);
        return;
    }
    /* PLD, PLI (loads of a byte or halfword to the PC): hints */
    if (load && rt == 15 && kind != LS_W)
        return;
    if (m.reg_offset)
        gen_shift_imm_T1(s, BITS(insn, 5, 4) << 7 | T_RM(insn), 0);
    gen_load_store(s, &m, rt, kind, load);
}

/* ---- data processing (register), multiplies (A6.3.12-A6.3.17) ---- */

static void t32_misc_ops(DisasContext *s, uint32_t insn)
{
    uint32_t op1 = BITS(insn, 21, 20), op2 = BITS(insn, 5, 4);
    uint32_t rn = T_RN(insn), rd = T_RD(insn), rm = T_RM(insn);

    switch (op1) {
    case 0: /* QADD QDADD QSUB QDSUB Rd, Rm, Rn: A32 op bits 22:21 */
        disas_sat_addsub(s, A32(0x01000050 | ((op2 & 1) << 1 | op2 >> 1) << 21 |
                                rn << 16 | rd << 12 | rm));
        return;
    case 1: { /* REV REV16 RBIT REVSH Rd, Rm */
        static const uint32_t a32[4] = {0x06bf0f30, 0x06bf0fb0, 0x06ff0f30, 0x06ff0fb0};
        disas_media(s, A32(a32[op2] | rd << 12 | rm));
        return;
    }
    case 2:
        if (op2 == 0) { /* SEL */
            disas_media(s, A32(0x06800fb0 | rn << 16 | rd << 12 | rm));
            return;
        }
        break;
    case 3:
        if (op2 == 0) { /* CLZ */
            disas_arm_insn(s, A32(0x016f0f10 | rd << 12 | rm));
            return;
        }
        break;
    }
    gen_undef(s);
}

/* Parallel addition and subtraction (A6.3.13, A6.3.14): hw1 bits 22:20
 * the operation, hw2 bits 6:4 the prefix (0 signed/1 unsigned x plain,
 * Q, H); as A32 (A5.4.1) prefix in bits 22:20 and operation in 7:5. */
static void t32_parallel(DisasContext *s, uint32_t insn)
{
    /* Thumb op1 (ADD8 ADD16 ASX - SUB8 SUB16 SAX) to A32 op2 */
    static const int8_t a32_op[8] = {4, 0, 1, -1, 7, 3, 2, -1};
    /* Thumb op2 bits 1:0 (plain, Q, H) with U (bit 6): the A32 prefix */
    static const int8_t a32_prefix[2][4] = {{1, 2, 3, -1}, {5, 6, 7, -1}};
    int op = a32_op[BITS(insn, 22, 20)];
    int prefix = a32_prefix[BIT(insn, 6)][BITS(insn, 5, 4)];

    if (op < 0 || prefix < 0) {
        gen_undef(s);
        return;
    }
    disas_media(s, A32(0x06000f10 | (uint32_t)prefix << 20 | T_RN(insn) << 16 |
                       T_RD(insn) << 12 | (uint32_t)op << 5 | T_RM(insn)));
}

static void t32_dp_reg(DisasContext *s, uint32_t insn)
{
    uint32_t op1 = BITS(insn, 23, 20), op2 = BITS(insn, 7, 4);
    uint32_t rn = T_RN(insn), rd = T_RD(insn), rm = T_RM(insn);

    if (BITS(insn, 15, 12) != 15) {
        gen_undef(s);
        return;
    }
    if (op1 < 8 && op2 == 0) { /* LSL LSR ASR ROR Rd, Rn, Rm: MOV{S} Rd, Rn, <type> Rm */
        if (rd == 15 || rn == 15 || rm == 15) {
            gen_undef(s);
            return;
        }
        disas_dp(s, A32(0x01a00010 | (op1 & 1) << 20 | rd << 12 | rm << 8 |
                        (op1 >> 1) << 5 | rn));
        return;
    }
    if (op1 < 6 && (op2 & 8)) { /* the extends, with an add when Rn != 15 */
        static const uint32_t a32_op1[6] = {3, 7, 0, 4, 2, 6};
        disas_media(s, A32(0x06800070 | a32_op1[op1] << 20 | rn << 16 | rd << 12 |
                           BITS(insn, 5, 4) << 10 | rm));
        return;
    }
    if (op1 >= 8 && op2 < 8) {
        t32_parallel(s, insn);
        return;
    }
    if ((op1 & 0xc) == 8 && (op2 & 0xc) == 8) {
        t32_misc_ops(s, insn);
        return;
    }
    gen_undef(s);
}

/* Multiply, multiply-accumulate, absolute difference (A6.3.16): hw1 bits
 * 22:20, hw2 bits 5:4; Ra = 15 selects the non-accumulating form. */
static void t32_mul(DisasContext *s, uint32_t insn)
{
    uint32_t op1 = BITS(insn, 22, 20), op2 = BITS(insn, 5, 4);
    uint32_t rn = T_RN(insn), ra = T_RT(insn), rd = T_RD(insn), rm = T_RM(insn);
    uint32_t acc = ra != 15;

    if (BITS(insn, 7, 6)) {
        gen_undef(s);
        return;
    }
    switch (op1) {
    case 0:
        if (op2 == 0) /* MUL, MLA */
            disas_mul_space(s, A32(0x00000090 | acc << 21 |
                                   mul_fields(rd, acc ? ra : 0, rm, rn)));
        else if (op2 == 1 && acc) /* MLS */
            disas_mul_space(s, A32(0x00600090 | mul_fields(rd, ra, rm, rn)));
        else
            gen_undef(s);
        return;
    case 1: /* SMLA<x><y>, SMUL<x><y>: N = bit 5 (x), M = bit 4 (y) */
        disas_mul_halfword(s, A32((acc ? 0x01000080 : 0x01600080) | (op2 & 1) << 6 |
                                  (op2 >> 1) << 5 |
                                  mul_fields(rd, acc ? ra : 0, rm, rn)));
        return;
    case 3: /* SMLAW<y>, SMULW<y> */
        if (op2 >> 1) {
            gen_undef(s);
            return;
        }
        disas_mul_halfword(s, A32(0x01200080 | op2 << 6 | (!acc) << 5 |
                                  mul_fields(rd, acc ? ra : 0, rm, rn)));
        return;
    case 2: case 4: /* SMLAD, SMUAD, SMLSD, SMUSD: X = bit 4 */
    case 5: case 6: /* SMMLA, SMMUL, SMMLS: R = bit 4 */
        if (op2 >> 1 || (op1 == 6 && !acc)) {
            gen_undef(s);
            return;
        }
        {
            static const uint32_t a32[7] = {0, 0, 0x07000010, 0, 0x07000050,
                                            0x07500010, 0x075000d0};
            disas_media(s, A32(a32[op1] | (op2 & 1) << 5 | mul_fields(rd, ra, rm, rn)));
        }
        return;
    default: /* USAD8, USADA8 */
        if (op2) {
            gen_undef(s);
            return;
        }
        disas_media(s, A32(0x07800010 | mul_fields(rd, ra, rm, rn)));
        return;
    }
}

/* Long multiply, long multiply-accumulate, divide (A6.3.17): hw1 bits
 * 22:20, hw2 bits 7:4; RdLo in 15:12, RdHi in 11:8.  SDIV and UDIV are
 * not advertised (no IDIVT in AT_HWCAP): undefined. */
static void t32_long_mul(DisasContext *s, uint32_t insn)
{
    uint32_t op1 = BITS(insn, 22, 20), op2 = BITS(insn, 7, 4);
    uint32_t f = mul_fields(T_RD(insn), T_RT(insn), T_RM(insn), T_RN(insn));

    if (op2 == 0 && (op1 == 0 || op1 == 2 || op1 == 4 || op1 == 6)) {
        /* SMULL UMULL SMLAL UMLAL: A32 bits 22 (signed) and 21 (accumulate) */
        disas_mul_space(s, A32(0x00800090 | (uint32_t)!(op1 & 2) << 22 |
                               (op1 >> 2) << 21 | f));
        return;
    }
    if (op1 == 6 && op2 == 6) { /* UMAAL */
        disas_mul_space(s, A32(0x00400090 | f));
        return;
    }
    if (op1 == 4 && (op2 & 0xc) == 8) { /* SMLAL<x><y> */
        disas_mul_halfword(s, A32(0x01400080 | (op2 & 1) << 6 | (op2 >> 1 & 1) << 5 | f));
        return;
    }
    if ((op1 == 4 || op1 == 5) && (op2 & 0xe) == 0xc) { /* SMLALD, SMLSLD */
        disas_media(s, A32((op1 == 4 ? 0x07400010 : 0x07400050) | (op2 & 1) << 5 | f));
        return;
    }
    gen_undef(s);
}

/* ---- the dispatch (A6.3, table A6-9) ---- */

static void t32_coproc(DisasContext *s, uint32_t insn)
{
    if (BIT(insn, 28)) { /* the unconditional coprocessor / Advanced SIMD space */
        gen_undef(s);
        return;
    }
    disas_coproc(s, A32(insn & 0x0fffffff));
}

void disas_thumb32(DisasContext *s, uint32_t insn)
{
    uint32_t op1 = BITS(insn, 28, 27), op2 = BITS(insn, 26, 20);

    switch (op1) {
    case 1:
        if ((op2 & 0x64) == 0x00)
            t32_ldm_stm(s, insn);
        else if ((op2 & 0x64) == 0x04)
            t32_ldst_dual_excl(s, insn);
        else if ((op2 & 0x60) == 0x20)
            t32_dp_shifted_reg(s, insn);
        else
            t32_coproc(s, insn);
        return;
    case 2:
        if (BIT(insn, 15))
            t32_branch_misc(s, insn);
        else if (op2 & 0x20)
            t32_dp_plain_imm(s, insn);
        else
            t32_dp_modified_imm(s, insn);
        return;
    case 3:
        if ((op2 & 0x71) == 0x10) { /* 001xxx0: Advanced SIMD structures */
            gen_undef(s);
        } else if ((op2 & 0x60) == 0x00) {
            t32_ldst_single(s, insn);
        } else if ((op2 & 0x70) == 0x20) {
            t32_dp_reg(s, insn);
        } else if ((op2 & 0x78) == 0x30) {
            t32_mul(s, insn);
        } else if ((op2 & 0x78) == 0x38) {
            t32_long_mul(s, insn);
        } else {
            t32_coproc(s, insn);
        }
        return;
    default:
        gen_undef(s);
    }
}
