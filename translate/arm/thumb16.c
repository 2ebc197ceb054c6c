/*
 * The 16-bit Thumb instructions (ARM ARM A6.2, table A6-1: bits 15:10
 * pick the group).  Most are an A32 instruction in a short encoding: they
 * are rebuilt as that A32 word (condition AL; the IT condition is applied
 * around the instruction by translate.c) and decoded by the A32 groups,
 * so both states share one implementation of each operation.  The
 * differences the ARM ARM spells out are handled here: the ALU forms set
 * the flags only outside an IT block (A6.2: "setflags = !InITBlock()"),
 * the PC reads as the address + 4 (read_pc), a data-processing write to
 * the PC stays in Thumb state (gen_alu_write_pc_T0), and the branches
 * link with bit 0 set.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "op-gen.h"
#include "translate.h"

/* An A32 word with condition AL. */
#define A32(x) (0xe0000000u | (uint32_t)(x))

/* The S bit (A32 bit 20) of a 16-bit ALU instruction. */
static uint32_t s_bit(const DisasContext *s)
{
    return in_it_block(s) ? 0 : 1u << 20;
}

/* Shift by an immediate, add, subtract, move, compare (A6.2.1). */
static void t16_shift_add_sub(DisasContext *s, uint32_t insn)
{
    uint32_t rd = BITS(insn, 2, 0), rm = BITS(insn, 5, 3), rdn = BITS(insn, 10, 8);
    uint32_t imm8 = BITS(insn, 7, 0), S = s_bit(s);

    switch (BITS(insn, 13, 11)) {
    case 0: case 1: case 2: /* LSL, LSR, ASR #imm5: MOV{S} Rd, Rm, <shift> */
        disas_dp(s, A32(0x01a00000 | S | rd << 12 | BITS(insn, 10, 6) << 7 |
                        BITS(insn, 12, 11) << 5 | rm));
        return;
    case 3: { /* ADD/SUB Rd, Rn, Rm / #imm3 */
        uint32_t opc = BIT(insn, 9) ? 2 : 4, imm = BIT(insn, 10) << 25;

        disas_dp(s, A32(imm | opc << 21 | S | rm << 16 | rd << 12 | BITS(insn, 8, 6)));
        return;
    }
    case 4: /* MOV Rd, #imm8 */
        disas_dp(s, A32(0x03a00000 | S | rdn << 12 | imm8));
        return;
    case 5: /* CMP Rn, #imm8: always sets the flags */
        disas_dp(s, A32(0x03500000 | rdn << 16 | imm8));
        return;
    case 6: /* ADD Rdn, #imm8 */
        disas_dp(s, A32(0x02800000 | S | rdn << 16 | rdn << 12 | imm8));
        return;
    default: /* SUB Rdn, #imm8 */
        disas_dp(s, A32(0x02400000 | S | rdn << 16 | rdn << 12 | imm8));
        return;
    }
}

/* Data processing on two low registers (A6.2.2): opcode (bits 9:6) to
 * the A32 opcode, or -1 for the forms rebuilt otherwise. */
static const int8_t t16_dp_opc[16] = {
    0, 1, -1, -1, -1, 5, 6, -1, 8, -1, 10, 11, 12, -1, 14, 15,
};

static void t16_dp(DisasContext *s, uint32_t insn)
{
    uint32_t op = BITS(insn, 9, 6), rdn = BITS(insn, 2, 0), rm = BITS(insn, 5, 3);
    uint32_t S = s_bit(s);
    int opc = t16_dp_opc[op];

    switch (op) {
    case 2: case 3: case 4: case 7: { /* LSL LSR ASR ROR by Rm */
        uint32_t type = op == 7 ? 3 : op - 2;

        disas_dp(s, A32(0x01a00010 | S | rdn << 12 | rm << 8 | type << 5 | rdn));
        return;
    }
    case 9: /* RSB Rd, Rn, #0 (NEG) */
        disas_dp(s, A32(0x02600000 | S | rm << 16 | rdn << 12));
        return;
    case 13: /* MUL Rdm, Rn, Rdm: N and Z only */
        disas_mul_space(s, A32(0x00000090 | S | rdn << 16 | rm << 8 | rdn));
        return;
    }
    if (opc >= 8 && opc <= 11) /* TST CMP CMN: always set the flags */
        S = 1u << 20;
    if (opc == 15) /* MVN Rd, Rm */
        disas_dp(s, A32(0x01e00000 | S | rdn << 12 | rm));
    else
        disas_dp(s, A32((uint32_t)opc << 21 | S | rdn << 16 | rdn << 12 | rm));
}

/* Special data processing and branch/exchange (A6.2.3): the high
 * registers, never setting flags except CMP. */
static void t16_special(DisasContext *s, uint32_t insn)
{
    uint32_t rdn = BIT(insn, 7) << 3 | BITS(insn, 2, 0), rm = BITS(insn, 6, 3);

    switch (BITS(insn, 9, 8)) {
    case 0: /* ADD Rdn, Rm */
        disas_dp(s, A32(0x00800000 | rdn << 16 | rdn << 12 | rm));
        return;
    case 1: /* CMP Rn, Rm */
        disas_dp(s, A32(0x01500000 | rdn << 16 | rm));
        return;
    case 2: /* MOV Rd, Rm */
        disas_dp(s, A32(0x01a00000 | rdn << 12 | rm));
        return;
    }
    /* BX Rm, BLX Rm (A8.8.27, A8.8.26): bit 0 of Rm selects the state */
    if (BIT(insn, 7) && rm == 15) {
        gen_undef(s);
        return;
    }
    gen_mov_T0_reg(s, (int)rm);
    if (BIT(insn, 7)) {
        gen_op_movl_T1_im(s->pc | 1);
        gen_mov_reg_T1(14);
    }
    gen_write_pc_T0(s);
}

/* Loads and stores with a register offset (A6.2.4): bits 11:9 = STR STRH
 * STRB LDRSB LDR LDRH LDRB LDRSH. */
static void t16_ldst_reg(DisasContext *s, uint32_t insn)
{
    static const int8_t kind[8] = {LS_W, LS_UH, LS_UB, LS_SB,
                                   LS_W, LS_UH, LS_UB, LS_SH};
    uint32_t op = BITS(insn, 11, 9);
    AddrMode m = {.rn = (int)BITS(insn, 5, 3), .pre = 1, .up = 1, .reg_offset = 1};

    gen_mov_T1_reg(s, (int)BITS(insn, 8, 6));
    gen_load_store(s, &m, (int)BITS(insn, 2, 0), kind[op], op == 3 || op >= 4);
}

/* LDR/STR (word, byte, halfword) with an immediate, SP-relative, and the
 * literal load (A6.2.4). */
static void t16_ldst_imm(DisasContext *s, uint32_t insn, int kind, int scale)
{
    AddrMode m = {.rn = (int)BITS(insn, 5, 3), .pre = 1, .up = 1,
                  .imm = BITS(insn, 10, 6) << scale};

    gen_load_store(s, &m, (int)BITS(insn, 2, 0), kind, BIT(insn, 11));
}

static void t16_ldst_sp_pc(DisasContext *s, uint32_t insn, int rn, int load)
{
    AddrMode m = {.rn = rn, .pre = 1, .up = 1, .imm = BITS(insn, 7, 0) << 2};

    gen_load_store(s, &m, (int)BITS(insn, 10, 8), LS_W, load);
}

/* ADR Rd, <label> (Align(PC, 4) + imm) and ADD Rd, SP, #imm (A8.8.12,
 * A8.8.9). */
static void t16_add_pc_sp(DisasContext *s, uint32_t insn)
{
    uint32_t imm = BITS(insn, 7, 0) << 2;

    if (BIT(insn, 11)) {
        gen_mov_T0_reg(s, 13);
        gen_op_movl_T1_im(imm);
        gen_op_addl_T0_T1();
    } else {
        gen_op_movl_T0_im(read_pc_aligned(s) + imm);
    }
    gen_mov_reg_T0((int)BITS(insn, 10, 8));
}

/* CBZ, CBNZ Rn, <label> (A8.8.29): forward only, never in an IT block. */
static void t16_cbz(DisasContext *s, uint32_t insn)
{
    uint32_t target = read_pc(s) + (BIT(insn, 9) << 6 | BITS(insn, 7, 3) << 1);
    int skip = gen_new_label();

    if (in_it_block(s)) {
        gen_undef(s);
        return;
    }
    gen_mov_T0_reg(s, (int)BITS(insn, 2, 0));
    (BIT(insn, 11) ? gen_op_jeqz_T0_label : gen_op_jnez_T0_label)((uint32_t)skip);
    gen_jmp_tb(s, target, 0);
    gen_set_label(skip);
    gen_jmp_tb(s, s->pc, 1);
}

/* IT (A8.8.54): the next up to four instructions take firstcond or its
 * inverse; translate.c applies it through ITSTATE.  With a mask of 0 the
 * encoding is a hint (NOP, YIELD, WFE, WFI, SEV): nothing to do here. */
static void t16_it(DisasContext *s, uint32_t insn)
{
    uint32_t firstcond = BITS(insn, 7, 4);

    if (!BITS(insn, 3, 0))
        return;
    /* In an IT block, or AL with an "else": UNPREDICTABLE, refused. */
    if (in_it_block(s) || firstcond == 15 ||
        (firstcond == 14 && __builtin_popcount(BITS(insn, 3, 0)) != 1)) {
        gen_undef(s);
        return;
    }
    s->next_condexec = BITS(insn, 7, 0);
}

/* Miscellaneous 16-bit instructions (A6.2.5): bits 11:5. */
static void t16_misc(DisasContext *s, uint32_t insn)
{
    uint32_t op = BITS(insn, 11, 5), rd = BITS(insn, 2, 0), rm = BITS(insn, 5, 3);
    uint32_t list = BITS(insn, 7, 0);

    if ((op & 0x78) == 0) { /* ADD/SUB SP, SP, #imm7 */
        disas_dp(s, A32((BIT(insn, 7) ? 0x024ddf00 : 0x028ddf00) | BITS(insn, 6, 0)));
    } else if ((op & 0x28) == 0x08 && arm_feature(ARM_FEATURE_THUMB2)) {
        t16_cbz(s, insn);
    } else if ((op & 0x78) == 0x10) { /* SXTH SXTB UXTH UXTB */
        static const uint32_t ext[4] = {0x06bf0070, 0x06af0070, 0x06ff0070, 0x06ef0070};
        disas_media(s, A32(ext[BITS(insn, 7, 6)] | rd << 12 | rm));
    } else if ((op & 0x70) == 0x20) { /* PUSH: STMDB SP!, list (+ LR) */
        disas_ldm_stm(s, A32(0x092d0000 | BIT(insn, 8) << 14 | list));
    } else if (op == 0x32) { /* SETEND */
        disas_arm_insn(s, 0xf1010000 | BIT(insn, 3) << 9);
    } else if (op == 0x33 && arm_feature(ARM_FEATURE_V6)) {
        /* CPS: no effect in User mode (ARM ARM B9.3.2) */
    } else if ((op & 0x78) == 0x50 && BITS(insn, 7, 6) != 2) {
        static const uint32_t rev[4] = {0x06bf0f30, 0x06bf0fb0, 0, 0x06ff0fb0};
        disas_media(s, A32(rev[BITS(insn, 7, 6)] | rd << 12 | rm));
    } else if ((op & 0x70) == 0x60) { /* POP: LDMIA SP!, list (+ PC) */
        disas_ldm_stm(s, A32(0x08bd0000 | BIT(insn, 8) << 15 | list));
    } else if ((op & 0x78) == 0x70) { /* BKPT: SIGTRAP at the instruction */
        gen_exception(s, EXCP_BKPT, s->insn_pc);
    } else if ((op & 0x78) == 0x78 && arm_feature(ARM_FEATURE_THUMB2)) {
        t16_it(s, insn); /* IT and the 16-bit hints are v6T2 */
    } else {
        gen_undef(s);
    }
}

/* LDM/STM Rn!, list (A8.8.57, A8.8.199): LDM writes back only if Rn is
 * not in the list. */
static void t16_ldm_stm(DisasContext *s, uint32_t insn)
{
    uint32_t rn = BITS(insn, 10, 8), list = BITS(insn, 7, 0);
    uint32_t load = BIT(insn, 11), wb = !(load && (list >> rn & 1));

    disas_ldm_stm(s, A32(0x08800000 | wb << 21 | load << 20 | rn << 16 | list));
}

/* B<c> <label>, UDF, SVC (A6.2.6); a conditional branch is never in an
 * IT block. */
static void t16_cond_branch(DisasContext *s, uint32_t insn)
{
    int cond = (int)BITS(insn, 11, 8), skip;
    uint32_t target = read_pc(s) + (uint32_t)((int32_t)(insn << 24) >> 23);

    if (cond == 15) { /* SVC: the number is in r7 (EABI) */
        gen_exception(s, EXCP_SYSCALL, s->pc);
        return;
    }
    if (cond == 14 || in_it_block(s)) { /* UDF */
        gen_undef(s);
        return;
    }
    skip = gen_new_label();
    gen_jcc_label(cond ^ 1, skip);
    gen_jmp_tb(s, target, 0);
    gen_set_label(skip);
    gen_jmp_tb(s, s->pc, 1);
}

void disas_thumb16(DisasContext *s, uint32_t insn)
{
    switch (BITS(insn, 15, 11)) {
    case 0x00: case 0x01: case 0x02: case 0x03:
    case 0x04: case 0x05: case 0x06: case 0x07:
        t16_shift_add_sub(s, insn);
        return;
    case 0x08:
        if (BIT(insn, 10))
            t16_special(s, insn);
        else
            t16_dp(s, insn);
        return;
    case 0x09: /* LDR Rt, [PC, #imm8] */
        t16_ldst_sp_pc(s, insn, 15, 1);
        return;
    case 0x0a: case 0x0b:
        t16_ldst_reg(s, insn);
        return;
    case 0x0c: case 0x0d:
        t16_ldst_imm(s, insn, LS_W, 2);
        return;
    case 0x0e: case 0x0f:
        t16_ldst_imm(s, insn, LS_UB, 0);
        return;
    case 0x10: case 0x11:
        t16_ldst_imm(s, insn, LS_UH, 1);
        return;
    case 0x12: case 0x13: /* STR/LDR Rt, [SP, #imm8] */
        t16_ldst_sp_pc(s, insn, 13, BIT(insn, 11));
        return;
    case 0x14: case 0x15:
        t16_add_pc_sp(s, insn);
        return;
    case 0x16: case 0x17:
        t16_misc(s, insn);
        return;
    case 0x18: case 0x19:
        t16_ldm_stm(s, insn);
        return;
    case 0x1a: case 0x1b:
        t16_cond_branch(s, insn);
        return;
    case 0x1c: /* B <label> */
        gen_jmp_tb(s, read_pc(s) + (uint32_t)((int32_t)(insn << 21) >> 20), 0);
        return;
    default:
        gen_undef(s); /* the 32-bit prefixes never reach here */
    }
}
