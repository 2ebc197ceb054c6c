/*
 * The i386 decoder (paper, section 3.1): guest instructions in, micro-ops
 * out, one translation block at a time.  Regular opcode groups (the ALU
 * rows 00-3F and 80-83, shifts, groups 3/4/5, Jcc/SETcc/CMOVcc) go through
 * tables and shared helpers; the irregular rest are plain cases naming the
 * SDM entry (Intel SDM vol. 2, appendix A opcode map).
 *
 * x87 (D8-DF) is in fpu.c, MMX/SSE (0F xx) in sse.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "breakpoint.h"
#include "log.h"
#include "op-gen.h"
#include "passes.h"
#include "translate.h"
#include "avx.h"
#include "bmi.h"
#include "fpu.h"

typedef void (*GenOpParam)(uint32_t);

/* The TB stops before its next instruction would start on a new page. */
#define GUEST_PAGE_MASK (~(uint32_t)0xfff)
/* Labels per TB the emitter can hold (exec/emit-x86_64.h has 256). */
#define TB_MAX_LABELS 200

static int modrm_reg(int modrm) { return (modrm >> 3) & 7; }
static int modrm_is_reg(int modrm) { return (modrm >> 6) == 3; }

/* Operand size of a "v" operand (SDM vol. 2, A.2.2): 32 bits, or 16 with
 * the 0x66 prefix. */
static int ot_v(const DisasContext *s) { return s->dflag ? OT_LONG : OT_WORD; }

/* Byte or v-sized, by bit 0 of the opcode (the "w" bit). */
static int ot_bv(const DisasContext *s, int b)
{
    return (b & 1) ? ot_v(s) : OT_BYTE;
}

/* Branch targets wrap at 64 KiB with a 16-bit operand size (SDM JMP):
 * EIP does, within the code segment. */
static uint32_t jump_target(const DisasContext *s, uint32_t target)
{
    return s->dflag ? target : ((target - s->cs_base) & 0xffff) + s->cs_base;
}

/*
 * Before a read-modify-write whose op changes flags or registers ahead of
 * its store (shifts, bit ops, cmpxchg, xadd): write the loaded value back,
 * so that a store fault (read-only page, self-modifying code) happens
 * while nothing has changed yet.
 */
static void gen_probe_store(DisasContext *s, int modrm, int ot)
{
    /* LOCKed: lock_ld already was an atomic write (gen_load_rm_T0). */
    if (!modrm_is_reg(modrm) && s->lock_label < 0)
        gen_st_T0(ot);
}

/* Decode a ModRM for its length only (hint NOPs): emit nothing. */
static void skip_modrm(DisasContext *s, int modrm)
{
    uint16_t *opc = gen_opc_ptr;
    uint32_t *param = gen_opparam_ptr;

    if (!modrm_is_reg(modrm))
        gen_lea_modrm(s, modrm, 0);
    gen_opc_ptr = opc;
    gen_opparam_ptr = param;
}

/* ---------------------------------------------------------------------
 * ALU group: ADD OR ADC SBB AND SUB XOR CMP (opcode rows 00-3F, 80-83)
 * ------------------------------------------------------------------- */
enum { ALU_ADD, ALU_OR, ALU_ADC, ALU_SBB, ALU_AND, ALU_SUB, ALU_XOR, ALU_CMP };

static const GenOp adc_ops[3] = BY_SIZE(adc, _T0_T1_cc);
static const GenOp sbb_ops[3] = BY_SIZE(sbb, _T0_T1_cc);

/* ADC/SBB r/m32 after a 32-bit ADD or SUB (CMP): one op that takes the
 * carry-in from that record itself (op-i386.c, adcl_T0_T1_cc_addl).  Not
 * LOCKed: there the carry-in is put in cc_aux before the loop. */
static int gen_adc_after_add(DisasContext *s, int op, int ot)
{
    static const GenOp fused[2][2] = {
        {gen_op_adcl_T0_T1_cc_addl, gen_op_adcl_T0_T1_cc_subl},
        {gen_op_sbbl_T0_T1_cc_addl, gen_op_sbbl_T0_T1_cc_subl}};

    if (ot != OT_LONG || s->lock_label >= 0 ||
        (s->cc_op != CC_OP_ADDL && s->cc_op != CC_OP_SUBL))
        return 0;
    fused[op == ALU_SBB][s->cc_op == CC_OP_SUBL]();
    return 1;
}

/* T0 = T0 op T1, recording the flags.  ADC/SBB take their carry-in from
 * cc_aux (gen_carry_to_aux()) and leave the ADC/SBB kind. */
static void gen_alu(DisasContext *s, int op, int ot)
{
    switch (op) {
    case ALU_ADD:
        gen_op_addl_T0_T1_cc();
        set_cc_op(s, CC_OP_ADDB + ot);
        break;
    case ALU_OR:
        gen_op_orl_T0_T1_cc();
        set_cc_op(s, CC_OP_LOGICB + ot);
        break;
    case ALU_ADC:
    case ALU_SBB:
        if (gen_adc_after_add(s, op, ot)) {
            set_cc_op(s, (op == ALU_ADC ? CC_OP_ADCB : CC_OP_SBBB) + ot);
            break;
        }
        if (s->lock_label < 0) /* LOCKed: before the loop (gen_alu_rm) */
            gen_carry_to_aux(s);
        (op == ALU_ADC ? adc_ops : sbb_ops)[ot]();
        set_cc_op(s, (op == ALU_ADC ? CC_OP_ADCB : CC_OP_SBBB) + ot);
        break;
    case ALU_AND:
        gen_op_andl_T0_T1_cc();
        set_cc_op(s, CC_OP_LOGICB + ot);
        break;
    case ALU_SUB:
        gen_op_subl_T0_T1_cc();
        set_cc_op(s, CC_OP_SUBB + ot);
        break;
    case ALU_XOR:
        gen_op_xorl_T0_T1_cc();
        set_cc_op(s, CC_OP_LOGICB + ot);
        break;
    default: /* CMP: SUB without writing the result */
        gen_op_cmpl_T0_T1_cc();
        set_cc_op(s, CC_OP_SUBB + ot);
        break;
    }
}

/*
 * Memory destination: compute without flags, store, then record the flags
 * (op_update*_cc), so a store that faults changes nothing.  ADC and SBB
 * pick their kind at run time: a probing store of the old value makes
 * sure the real store cannot fault.
 */
static void gen_alu_mem(DisasContext *s, int op, int ot)
{
    switch (op) {
    case ALU_ADD: gen_op_addl_T0_T1(); break;
    case ALU_SUB: gen_op_subl_T0_T1(); break;
    case ALU_AND: gen_op_andl_T0_T1(); break;
    case ALU_OR: gen_op_orl_T0_T1(); break;
    case ALU_XOR: gen_op_xorl_T0_T1(); break;
    default: /* ADC, SBB */
        if (s->lock_label < 0)
            gen_st_T0(ot);
        gen_alu(s, op, ot);
        gen_store_mem_T0(s, ot);
        return;
    }
    gen_store_mem_T0(s, ot);
    if (op == ALU_ADD || op == ALU_SUB) {
        gen_op_update2_cc();
        set_cc_op(s, (op == ALU_ADD ? CC_OP_ADDB : CC_OP_SUBB) + ot);
    } else {
        gen_op_update1_cc();
        set_cc_op(s, CC_OP_LOGICB + ot);
    }
}

/* r/m op= T1, with T0 = the r/m operand already loaded (A0 its address). */
static void gen_alu_store(DisasContext *s, int op, int ot, int modrm)
{
    if (op == ALU_CMP) {
        gen_alu(s, op, ot);
    } else if (modrm_is_reg(modrm)) {
        gen_alu(s, op, ot);
        gen_mov_reg_T0(ot, modrm & 7);
    } else {
        gen_alu_mem(s, op, ot);
    }
}

/*
 * A LOCKed ADC/SBB takes its carry-in before its compare-and-swap loop
 * starts (gen_load_rm_T0): a second pass through the loop must not read
 * the carry from the ADC/SBB record of the first.  If the loop does run
 * again, that record is rewritten from the same cc_aux.
 */
static void gen_lock_carry(DisasContext *s, int op, int modrm)
{
    if (gen_locked(s, modrm) && (op == ALU_ADC || op == ALU_SBB))
        gen_carry_to_aux(s);
}

static void gen_alu_rm(DisasContext *s, int op, int ot, int modrm)
{
    gen_lock_carry(s, op, modrm);
    gen_load_rm_T0(s, modrm, ot);
    gen_alu_store(s, op, ot, modrm);
}

/*
 * XOR r, r and SUB r, r (the zeroing idiom): the result is 0 and the
 * flags are those of a logic op with result 0 (ZF = PF = 1, the rest 0;
 * for SUB, CF = OF = AF = 0 as well), whatever r held.
 */
static int gen_zero_idiom(DisasContext *s, int op, int ot, int modrm)
{
    if ((op != ALU_XOR && op != ALU_SUB) || !modrm_is_reg(modrm) ||
        (modrm & 7) != modrm_reg(modrm))
        return 0;
    gen_op_movl_T0_im(0);
    gen_op_update1_cc();
    set_cc_op(s, CC_OP_LOGICB + ot);
    gen_mov_reg_T0(ot, modrm & 7);
    return 1;
}

/* Opcodes 00-3F with low bits 0-5: Eb,Gb  Ev,Gv  Gb,Eb  Gv,Ev  AL,Ib  eAX,Iz */
static void disas_alu_row(DisasContext *s, int b)
{
    int op = (b >> 3) & 7, form = b & 7, ot = ot_bv(s, b), modrm;

    switch (form) {
    case 0:
    case 1:
        modrm = fetch_b(s);
        if (gen_zero_idiom(s, op, ot, modrm))
            break;
        gen_mov_T1_reg(ot, modrm_reg(modrm));
        gen_alu_rm(s, op, ot, modrm);
        break;
    case 2:
    case 3:
        modrm = fetch_b(s);
        if (gen_zero_idiom(s, op, ot, modrm))
            break;
        if (modrm_is_reg(modrm)) {
            gen_mov_T1_reg(ot, modrm & 7);
        } else {
            gen_lea_modrm(s, modrm, 1);
            gen_ld_T1(ot);
        }
        gen_mov_T0_reg(ot, modrm_reg(modrm));
        gen_alu(s, op, ot);
        if (op != ALU_CMP)
            gen_mov_reg_T0(ot, modrm_reg(modrm));
        break;
    default:
        gen_op_movl_T1_im(fetch_imm(s, ot));
        gen_mov_T0_reg(ot, R_EAX);
        gen_alu(s, op, ot);
        if (op != ALU_CMP)
            gen_mov_reg_T0(ot, R_EAX);
        break;
    }
}

/* Group 1 (80, 81, 83; 82 is 80 in 32-bit mode): Eb,Ib  Ev,Iz  Ev,Ib */
static void disas_group1(DisasContext *s, int b)
{
    int ot = (b & 1) ? ot_v(s) : OT_BYTE;
    int modrm = fetch_b(s), op = modrm_reg(modrm);

    gen_lock_carry(s, op, modrm);
    gen_load_rm_T0(s, modrm, ot);
    gen_op_movl_T1_im(fetch_simm(s, b == 0x83 ? OT_BYTE : ot));
    gen_alu_store(s, op, ot, modrm);
}

/* ---------------------------------------------------------------------
 * Group 2: shifts and rotates (C0 C1 D0-D3)
 * ------------------------------------------------------------------- */
enum { SH_ROL, SH_ROR, SH_RCL, SH_RCR, SH_SHL, SH_SHR, SH_SAL, SH_SAR };

static const GenOp shift_ops[8][3] = {
    BY_SIZE(rol, _T0_T1_cc), BY_SIZE(ror, _T0_T1_cc), BY_SIZE(rcl, _T0_T1_cc),
    BY_SIZE(rcr, _T0_T1_cc), BY_SIZE(shl, _T0_T1_cc), BY_SIZE(shr, _T0_T1_cc),
    BY_SIZE(shl, _T0_T1_cc), BY_SIZE(sar, _T0_T1_cc)};

/* The kind a shift by a known non-zero count leaves (cc-op.h). */
static int shift_cc_kind(int op, int ot)
{
    if (op == SH_SHL || op == SH_SAL)
        return CC_OP_SHLB + ot;
    if (op == SH_SHR || op == SH_SAR)
        return CC_OP_SARB + ot;
    if (op == SH_ROL || op == SH_ROR)
        return CC_OP_EFLAGS;
    return CC_OP_DYNAMIC; /* rcl/rcr: the count is taken mod 9 or 17 */
}

static const GenOpParam shift_im_ops[8][3] = {
    BY_SIZE(rol, _T0_im_cc), BY_SIZE(ror, _T0_im_cc), {0}, {0},
    BY_SIZE(shl, _T0_im_cc), BY_SIZE(shr, _T0_im_cc),
    BY_SIZE(shl, _T0_im_cc), BY_SIZE(sar, _T0_im_cc)};

/*
 * Around an op that sets CF (and OF) in cc_aux and keeps the rest of the
 * record (rotates, BT*): the kind becomes K | CC_OP_ROT (op/i386/cc-op.h).
 * ADC/SBB kinds use cc_aux themselves, so they become EFLAGS first; a
 * kind only env->cc_op knows gets CC_OP_ROT at run time.
 */
static void gen_rot_kind_begin(DisasContext *s)
{
    if (cc_kind_uses_aux(s->cc_op)) {
        gen_update_cc_op(s);
        gen_op_compute_eflags();
        cc_op_stored(s, CC_OP_EFLAGS);
    }
    if (s->cc_op == CC_OP_DYNAMIC && !s->dyn_rot) {
        gen_op_cc_op_rot();
        s->dyn_rot = 1; /* until the kind changes */
    }
}

static void gen_rot_kind_end(DisasContext *s)
{
    if (s->cc_op != CC_OP_DYNAMIC)
        set_cc_op(s, s->cc_op | CC_OP_ROT);
}

/*
 * Shift or rotate (not through carry) by an immediate whose masked count
 * is non-zero: one op, and the kind is known here.  A rotate keeps the
 * previous record and adds CC_OP_ROT to its kind (op/i386/cc-op.h).
 */
static void gen_shift_im(DisasContext *s, int op, int ot, int modrm, int count)
{
    int bits = 8 << ot;

    count &= 0x1f;
    gen_probe_store(s, modrm, ot);
    if (op == SH_ROL || op == SH_ROR) {
        gen_rot_kind_begin(s);
        shift_im_ops[op][ot]((uint32_t)(count % bits));
        gen_rot_kind_end(s);
    } else {
        shift_im_ops[op][ot]((uint32_t)count);
        set_cc_op(s, shift_cc_kind(op, ot));
    }
    gen_store_rm_T0(s, modrm, ot);
}

/* count: 0-255 immediate, or -1 for CL. */
static void gen_shift(DisasContext *s, int op, int ot, int modrm, int count)
{
    int known = count >= 0 && (count & 0x1f) != 0;

    if (known && op != SH_RCL && op != SH_RCR) {
        gen_shift_im(s, op, ot, modrm, count);
        return;
    }

    if (count < 0)
        gen_op_movl_T1_ECX();
    else
        gen_op_movl_T1_im((uint32_t)count);
    /* A zero count leaves env->cc_op alone and rotates read the flags:
     * then env->cc_op must be current. */
    if (!known || op < SH_SHL)
        gen_update_cc_op(s);
    gen_probe_store(s, modrm, ot);
    shift_ops[op][ot]();
    if (known)
        cc_op_stored(s, shift_cc_kind(op, ot));
    else if (count < 0)
        cc_op_stored(s, CC_OP_DYNAMIC);
    gen_store_rm_T0(s, modrm, ot);
}

static void disas_group2(DisasContext *s, int b)
{
    int ot = ot_bv(s, b), modrm = fetch_b(s), count;

    gen_load_rm_T0(s, modrm, ot);
    if (b == 0xc0 || b == 0xc1)
        count = fetch_b(s);
    else if (b == 0xd0 || b == 0xd1)
        count = 1;
    else
        count = -1;
    gen_shift(s, modrm_reg(modrm), ot, modrm, count);
}

/* ---------------------------------------------------------------------
 * Group 3 (F6, F7): TEST NOT NEG MUL IMUL DIV IDIV
 * ------------------------------------------------------------------- */
static const GenOp mul_ops[3] = BY_SIZE(mul, _EAX_T0_cc);
static const GenOp imul_ops[3] = BY_SIZE(imul, _EAX_T0_cc);
static const GenOp div_ops[3] = BY_SIZE(div, _T0);
static const GenOp idiv_ops[3] = BY_SIZE(idiv, _T0);

static void disas_group3(DisasContext *s, int b)
{
    int ot = ot_bv(s, b), modrm = fetch_b(s), op = modrm_reg(modrm);

    gen_load_rm_T0(s, modrm, ot);
    switch (op) {
    case 0:
    case 1: /* TEST r/m, imm */
        gen_op_movl_T1_im(fetch_imm(s, ot));
        gen_op_testl_T0_T1_cc();
        set_cc_op(s, CC_OP_LOGICB + ot);
        break;
    case 2: /* NOT: no flags */
        gen_op_notl_T0();
        gen_store_rm_T0(s, modrm, ot);
        break;
    case 3: /* NEG; on memory the flags are recorded after the store */
        if (modrm_is_reg(modrm)) {
            gen_op_negl_T0_cc();
            gen_mov_reg_T0(ot, modrm & 7);
        } else {
            gen_op_negl_T0();
            gen_store_mem_T0(s, ot);
            gen_op_update_neg_cc();
        }
        set_cc_op(s, CC_OP_SUBB + ot);
        break;
    case 4: /* MUL: (E)DX:(E)AX or AX := accumulator * r/m */
        mul_ops[ot]();
        set_cc_op(s, CC_OP_MULB + ot);
        break;
    case 5: /* IMUL, one operand */
        imul_ops[ot]();
        set_cc_op(s, CC_OP_MULB + ot);
        break;
    default: /* DIV, IDIV: #DE reports this instruction */
        gen_movl_eip_im(s, s->insn_pc);
        gen_update_cc_op(s);
        (op == 6 ? div_ops : idiv_ops)[ot]();
        break;
    }
}

/* ---------------------------------------------------------------------
 * Groups 4 and 5 (FE, FF): INC DEC CALL JMP PUSH
 * ------------------------------------------------------------------- */
/*
 * INC/DEC keep CF (SDM INC): T0 := T0 +/- 1, stored, then one op records
 * the INC/DEC kind with the CF of the previous kind.  On memory the store
 * comes before the record, so a faulting store changes nothing.
 */
static void gen_incdec(DisasContext *s, int ot, int dec, int modrm)
{
    gen_op_addl_T0_im(dec ? 0xffffffffu : 1);
    gen_store_rm_T0(s, modrm, ot);
    gen_update_inc_cc(s);
    set_cc_op(s, (dec ? CC_OP_DECB : CC_OP_INCB) + ot);
}

/*
 * Far JMP/CALL to offset T0, selector T1 (SDM JMP, CALL: far pointer),
 * far RET and IRET: a helper checks the new code segment as the CPU does
 * at CPL 3 and loads CS and EIP; the TB ends through the loop, since a
 * new CS is a new code segment base and D bit (TB flags HF_CS_*).
 */
static void gen_far_transfer(DisasContext *s, int call, int ot)
{
    gen_movl_eip_im(s, s->insn_pc);
    gen_update_cc_op(s);
    if (call)
        gen_op_far_call_T0_T1(ot == OT_LONG, s->pc - s->cs_base);
    else
        gen_op_far_jmp_T0_T1(ot == OT_LONG);
    gen_exit_loop(s);
}

/* RET far (CB, CA imm16) and IRET (CF). */
static void disas_ret_far(DisasContext *s, int b)
{
    uint32_t extra = b == 0xca ? fetch_w(s) : 0;

    gen_movl_eip_im(s, s->insn_pc);
    gen_update_cc_op(s);
    if (b == 0xcf) {
        gen_op_iret(ot_v(s) == OT_LONG);
        cc_op_stored(s, CC_OP_EFLAGS);
    } else {
        gen_op_far_ret(ot_v(s) == OT_LONG, extra);
    }
    gen_exit_loop(s);
}

/* JMP/CALL ptr16:16/32 (EA, 9A). */
static void disas_far_direct(DisasContext *s, int call)
{
    int ot = ot_v(s);
    uint32_t offset = fetch_imm(s, ot);

    gen_op_movl_T0_im(offset);
    gen_op_movl_T1_im(fetch_w(s));
    gen_far_transfer(s, call, ot);
}

static void disas_group45(DisasContext *s, int b)
{
    int modrm = fetch_b(s), op = modrm_reg(modrm);
    int ot = b == 0xfe ? OT_BYTE : ot_v(s);

    if (b == 0xff && (op == 3 || op == 5) && !modrm_is_reg(modrm)) {
        /* CALL/JMP m16:16/32: offset, then the selector */
        gen_lea_modrm(s, modrm, 1);
        gen_ld_T0(ot);
        gen_op_addl_A0_im(ot == OT_LONG ? 4 : 2);
        gen_ld_T1(OT_WORD);
        gen_far_transfer(s, op == 3, ot);
        return;
    }
    if (op >= 2 && (b == 0xfe || op == 3 || op == 5 || op == 7)) {
        gen_illegal(s); /* far forms on a register, the holes of the groups */
        return;
    }
    gen_load_rm_T0(s, modrm, ot);
    switch (op) {
    case 0:
    case 1:
        gen_incdec(s, ot, op, modrm);
        break;
    case 2: /* CALL r/m: push the return address, jump to T0 */
        gen_op_movl_T1_T0();
        gen_movl_T0_eip(s, s->pc);
        gen_push_T0(s, ot);
        gen_op_movl_T0_T1();
        gen_jmp_T0(s);
        break;
    case 4: /* JMP r/m */
        gen_jmp_T0(s);
        break;
    default: /* PUSH r/m */
        gen_push_T0(s, ot);
        break;
    }
}

/* ---------------------------------------------------------------------
 * Conditional control flow
 * ------------------------------------------------------------------- */

/* Jcc: taken through exit slot 0, fall-through through slot 1.  The kind
 * is stored first: both exits need it, and the test is one op. */
static void gen_jcc(DisasContext *s, int cc, uint32_t target)
{
    uint32_t next = s->pc;
    int label = gen_new_label();
    int fused = gen_take_cmp(s, cc);

    gen_update_cc_op(s);
    if (target <= s->insn_pc) {
        /* A loop: the branch is mostly taken, and the jump-to-label op
         * costs one host jump more when its condition holds. */
        if (fused)
            gen_jcc_cmp_label(s, cc ^ 1, label);
        else
            gen_jcc_label(s, cc ^ 1, label);
        gen_jmp_tb(s, target, 0);
        gen_set_label(label);
        gen_jmp_tb(s, next, 1);
        return;
    }
    if (fused)
        gen_jcc_cmp_label(s, cc, label);
    else
        gen_jcc_label(s, cc, label);
    gen_jmp_tb(s, next, 1);
    gen_set_label(label);
    gen_jmp_tb(s, target, 0);
}

/* The count register of LOOP, JECXZ and REP: ECX, or CX with the 0x67
 * address-size prefix (SDM LOOP, REP). */
static void gen_jz_count(DisasContext *s, int label)
{
    (s->aflag ? gen_op_jz_ECX_label : gen_op_jz_CX_label)((uint32_t)label);
}

static void gen_dec_count(DisasContext *s)
{
    (s->aflag ? gen_op_decl_ECX : gen_op_decw_ECX)();
}

/* LOOPNE LOOPE LOOP JECXZ/JCXZ (E0-E3). */
static void disas_loop(DisasContext *s, int b)
{
    uint32_t rel = (uint32_t)(int8_t)fetch_b(s);
    uint32_t next = s->pc, target = jump_target(s, next + rel);
    int done = gen_new_label();

    gen_update_cc_op(s);
    if (b == 0xe3) {
        gen_jz_count(s, done); /* here: done = taken */
        gen_jmp_tb(s, next, 1);
        gen_set_label(done);
        gen_jmp_tb(s, target, 0);
        return;
    }
    gen_dec_count(s);
    gen_jz_count(s, done);
    if (b != 0xe2) {
        /* LOOPE stops when ZF = 0 (NZ, 5), LOOPNE when ZF = 1 (Z, 4) */
        gen_jcc_label(s, b == 0xe1 ? 5 : 4, done);
    }
    gen_jmp_tb(s, target, 0);
    gen_set_label(done);
    gen_jmp_tb(s, next, 1);
}

static const GenOp cmovl_ops[8] = BY_REG(cmovl_, _T1_T0);
static const GenOp cmovw_ops[8] = BY_REG(cmovw_, _T1_T0);

/* CMOVcc Gv, Ev (0F 40-4F): the source is read whatever the condition. */
static void disas_cmov(DisasContext *s, int cc)
{
    int ot = ot_v(s), modrm = fetch_b(s);

    if (modrm_is_reg(modrm)) {
        gen_mov_T1_reg(ot, modrm & 7);
    } else {
        gen_lea_modrm(s, modrm, 1);
        gen_ld_T1(ot);
    }
    gen_cond_T0(s, cc);
    (ot == OT_LONG ? cmovl_ops : cmovw_ops)[modrm_reg(modrm)]();
}

/* SETcc Eb (0F 90-9F). */
static void disas_setcc(DisasContext *s, int cc)
{
    int modrm = fetch_b(s);

    if (!modrm_is_reg(modrm))
        gen_lea_modrm(s, modrm, 1);
    gen_cond_T0(s, cc);
    gen_store_rm_T0(s, modrm, OT_BYTE);
}

/* ---------------------------------------------------------------------
 * String instructions (MOVS CMPS STOS LODS SCAS) and REP
 * ------------------------------------------------------------------- */
static const GenOp addl_ESI_df[2][3] = {BY_SIZE(addw_ESI_df, ),
                                         BY_SIZE(addl_ESI_df, )};
static const GenOp addl_EDI_df[2][3] = {BY_SIZE(addw_EDI_df, ),
                                         BY_SIZE(addl_EDI_df, )};

/* A0 = DS:ESI (overridable) or ES:EDI (fixed); SI/DI with 0x67. */
static void gen_string_src(DisasContext *s)
{
    gen_op_movl_A0_ESI();
    if (!s->aflag)
        gen_op_andl_A0_ffff();
    gen_add_seg(s, R_DS);
}

static void gen_string_dst(DisasContext *s)
{
    gen_op_movl_A0_EDI();
    if (!s->aflag)
        gen_op_andl_A0_ffff();
    gen_seg_base(s, R_ES);
}

/* One iteration of the string instruction with opcode b. */
static void gen_string_once(DisasContext *s, int b, int ot)
{
    switch (b & ~1) {
    case 0xa4: /* MOVS: ES:[EDI] := DS:[ESI] */
        gen_string_src(s);
        gen_ld_T0(ot);
        gen_string_dst(s);
        gen_st_T0(ot);
        addl_ESI_df[s->aflag][ot]();
        addl_EDI_df[s->aflag][ot]();
        break;
    case 0xa6: /* CMPS: compare DS:[ESI] with ES:[EDI] */
        gen_string_src(s);
        gen_ld_T0(ot);
        gen_string_dst(s);
        gen_ld_T1(ot);
        gen_op_cmpl_T0_T1_cc();
        set_cc_op(s, CC_OP_SUBB + ot);
        addl_ESI_df[s->aflag][ot]();
        addl_EDI_df[s->aflag][ot]();
        break;
    case 0xaa: /* STOS: ES:[EDI] := accumulator */
        gen_mov_T0_reg(ot, R_EAX);
        gen_string_dst(s);
        gen_st_T0(ot);
        addl_EDI_df[s->aflag][ot]();
        break;
    case 0xac: /* LODS: accumulator := DS:[ESI] */
        gen_string_src(s);
        gen_ld_T0(ot);
        gen_mov_reg_T0(ot, R_EAX);
        addl_ESI_df[s->aflag][ot]();
        break;
    default: /* SCAS: compare the accumulator with ES:[EDI] */
        gen_mov_T0_reg(ot, R_EAX);
        gen_string_dst(s);
        gen_ld_T1(ot);
        gen_op_cmpl_T0_T1_cc();
        set_cc_op(s, CC_OP_SUBB + ot);
        addl_EDI_df[s->aflag][ot]();
        break;
    }
}

/*
 * REP/REPE/REPNE: one iteration per pass, as QEMU 0.9.1 did.  The TB ends
 * with a jump back to this same instruction (exit slot 0, which chaining
 * turns into a tight loop) so that signals and faults see a precise state
 * between iterations; it leaves through slot 1 when ECX reaches 0 or the
 * REPE/REPNE condition fails (SDM REP/REPE/REPNE).
 */
static void gen_rep(DisasContext *s, int b, int ot)
{
    int done = gen_new_label();
    int is_cmp = (b & ~1) == 0xa6 || (b & ~1) == 0xae;

    gen_update_cc_op(s);
    gen_jz_count(s, done);
    gen_string_once(s, b, ot);
    gen_update_cc_op(s);
    gen_dec_count(s);
    gen_jz_count(s, done);
    if (is_cmp) {
        /* REPE stops on a difference (NZ), REPNE on a match (Z) */
        gen_jcc_label(s, (s->prefix & PREFIX_REPZ) ? 5 : 4, done);
    }
    gen_jmp_tb(s, s->insn_pc, 0);
    gen_set_label(done);
    gen_jmp_tb(s, s->pc, 1);
}

/*
 * REP MOVS and REP STOS with 32-bit addresses and no FS/GS source: one
 * helper call does every element, a page at a time, with the registers
 * exact at a fault (op/i386/helper-string.c).  It stops early only for a
 * pending signal; the TB then jumps back to the instruction.
 */
static int gen_rep_fast(DisasContext *s, int b, int ot)
{
    int op = b & ~1, done;

    if (!s->aflag || (op != 0xa4 && op != 0xaa) || !gen_seg_is_flat(s, R_ES) ||
        (s->tb->flags & HF_TF) || /* a trap after each iteration */
        (s->tb->flags & HF_AC) || /* the element ops are checked */
        (op == 0xa4 && !gen_seg_is_flat(s, s->override >= 0 ? s->override : R_DS)))
        return 0;
    done = gen_new_label();
    gen_update_cc_op(s);
    (op == 0xa4 ? gen_op_rep_movs : gen_op_rep_stos)(1u << ot);
    gen_jz_count(s, done);
    gen_jmp_tb(s, s->insn_pc, 0);
    gen_set_label(done);
    gen_jmp_tb(s, s->pc, 1);
    return 1;
}

static void disas_string(DisasContext *s, int b)
{
    int ot = ot_bv(s, b);

    if (s->prefix & (PREFIX_REPZ | PREFIX_REPNZ)) {
        if (!gen_rep_fast(s, b, ot))
            gen_rep(s, b, ot);
    } else {
        gen_string_once(s, b, ot);
    }
}

/* ---------------------------------------------------------------------
 * Stack frames and multi-register pushes
 * ------------------------------------------------------------------- */

/* PUSHA/PUSHAD: EAX ECX EDX EBX, the original ESP, EBP ESI EDI. */
static void disas_pusha(DisasContext *s)
{
    int ot = ot_v(s), size = ot == OT_LONG ? 4 : 2;

    gen_op_movl_T1_ESP();
    if (s->tb->flags & HF_SS16) {
        /* SP wraps from slot to slot; the native CPU stores them in
         * order and stops at one beyond the limit, ESP as it was */
        for (int r = R_EAX; r <= R_EDI; r++) {
            if (r == R_ESP)
                gen_op_movl_T0_T1();
            else
                gen_mov_T0_reg(ot, r);
            gen_op_movl_A0_ESP();
            gen_op_addl_A0_im((uint32_t)(-(r + 1) * size));
            gen_stack_seg(s);
            gen_st_T0(ot);
        }
        gen_stack_add(s, (uint32_t)(-8 * size));
        return;
    }
    gen_stack_check(s, -8 * size, 8 * size, 1);
    for (int r = R_EAX; r <= R_EDI; r++) {
        if (r == R_ESP)
            gen_op_movl_T0_T1();
        else
            gen_mov_T0_reg(ot, r);
        gen_push_T0(s, ot);
    }
}

/* POPA/POPAD: the reverse, skipping the saved ESP.  Each register is
 * loaded from its slot as the CPU reads them, ESP moving only at the end:
 * a fault on a later slot leaves the registers before it loaded and ESP
 * as it was (the native CPU, test 86-stack-segment). */
static void disas_popa(DisasContext *s)
{
    int ot = ot_v(s), size = ot == OT_LONG ? 4 : 2;

    for (int r = R_EDI; r >= R_EAX; r--) {
        if (r == R_ESP)
            continue;
        gen_op_movl_A0_ESP();
        gen_op_addl_A0_im((uint32_t)((R_EDI - r) * size));
        gen_stack_seg(s);
        gen_ld_T0(ot);
        gen_mov_reg_T0(ot, r);
    }
    gen_stack_add(s, (uint32_t)(8 * size));
}

/* ENTER imm16, imm8 (SDM ENTER, nesting level taken mod 32). */
static void disas_enter(DisasContext *s)
{
    int ot = ot_v(s), size = ot == OT_LONG ? 4 : 2;
    uint32_t frame = fetch_w(s);
    int level = fetch_b(s) & 31;

    if (level) {
        /* a fault leaves ESP and EBP as they were (SDM ENTER): touch the
         * nested frame pointers and the lowest stack slot first */
        for (int i = 1; i < level; i++) {
            gen_op_movl_A0_EBP();
            gen_op_addl_A0_im((uint32_t)(-i * size));
            gen_stack_seg(s);
            gen_ld_T0(ot);
        }
        gen_op_movl_A0_ESP();
        gen_op_addl_A0_im((uint32_t)(-(level + 1) * size));
        gen_stack_seg(s);
        gen_st_T0(ot);
    }
    /* #SS(0) if the new ESP is beyond SS's limit (SDM ENTER), even with
     * nothing stored there */
    if (frame)
        gen_stack_check(s, -(int32_t)((level ? level + 1 : 1) * size + frame), 1, 0);
    gen_mov_T0_reg(ot, R_EBP);
    gen_push_T0(s, ot);
    gen_op_movl_T1_ESP(); /* frame temp */
    for (int i = 1; i < level; i++) {
        gen_op_movl_A0_EBP();
        gen_op_addl_A0_im((uint32_t)(-i * size));
        gen_stack_seg(s);
        gen_ld_T0(ot);
        gen_push_T0(s, ot);
    }
    if (level) {
        gen_op_movl_T0_T1();
        gen_push_T0(s, ot);
    }
    gen_mov_reg_T1(ot, R_EBP);
    gen_stack_add(s, -frame);
}

/* LEAVE: ESP := EBP; pop EBP.  The load from [EBP] comes first, so that
 * a fault there leaves ESP as it was (SDM LEAVE). */
static void disas_leave(DisasContext *s)
{
    int ot = ot_v(s);

    gen_op_movl_A0_EBP();
    gen_stack_seg(s);
    gen_ld_T0(ot);
    gen_op_leal_A0_EBP_im(ot == OT_WORD ? 2 : 4);
    gen_stack_set_A0(s);
    gen_mov_reg_T0(ot, R_EBP);
}

/* ---------------------------------------------------------------------
 * Segment registers
 * ------------------------------------------------------------------- */
static void gen_push_seg(DisasContext *s, int seg)
{
    gen_op_movl_T0_seg(offsetof(CPUState, segs[seg].selector));
    gen_push_T0(s, ot_v(s));
}

/* The load can raise #GP: state must be exact before it.  What it loads
 * may change the TB flags, so the caller ends the TB after the
 * instruction (gen_end_tb_unchained). */
static void gen_load_seg_T0(DisasContext *s, int seg)
{
    gen_movl_eip_im(s, s->insn_pc);
    gen_update_cc_op(s);
    gen_op_movl_seg_T0((uint32_t)seg);
}

static void gen_pop_seg(DisasContext *s, int seg)
{
    gen_pop_T0(s, ot_v(s));
    gen_load_seg_T0(s, seg);
    gen_pop_update(s, ot_v(s));
    gen_end_tb_unchained(s);
}

/* LDS LES LFS LGS LSS Gv, Mp (C5 C4 0F B4 B5 B2): offset, then the
 * selector after it; the segment load comes first, so a #GP leaves the
 * register alone. */
static void disas_load_far_ptr(DisasContext *s, int seg)
{
    int ot = ot_v(s), modrm = fetch_b(s);

    if (modrm_is_reg(modrm)) {
        gen_illegal(s);
        return;
    }
    gen_lea_modrm(s, modrm, 1);
    gen_ld_T1(ot);
    gen_op_addl_A0_im(ot == OT_LONG ? 4 : 2);
    gen_ld_T0(OT_WORD);
    gen_load_seg_T0(s, seg);
    gen_mov_reg_T1(ot, modrm_reg(modrm));
    gen_end_tb_unchained(s);
}

/* ---------------------------------------------------------------------
 * Two-byte opcodes: bit instructions, double shifts, exchange-and-compare
 * ------------------------------------------------------------------- */
static const GenOp bt_ops[4][2] = {
    {gen_op_btw_T0_T1_cc, gen_op_btl_T0_T1_cc},
    {gen_op_btsw_T0_T1_cc, gen_op_btsl_T0_T1_cc},
    {gen_op_btrw_T0_T1_cc, gen_op_btrl_T0_T1_cc},
    {gen_op_btcw_T0_T1_cc, gen_op_btcl_T0_T1_cc}};
static const GenOp add_bit_A0_T1[2] = {gen_op_add_bit_A0_T1w,
                                       gen_op_add_bit_A0_T1l};

/* BT BTS BTR BTC: CF := the bit; op 0 (BT) does not write back. */
static void gen_bt(DisasContext *s, int op, int ot, int modrm)
{
    if (op != 0)
        gen_probe_store(s, modrm, ot);
    gen_rot_kind_begin(s); /* only CF changes, as after a rotate */
    bt_ops[op][ot - OT_WORD]();
    gen_rot_kind_end(s);
    if (op != 0)
        gen_store_rm_T0(s, modrm, ot);
}

/* BT* Ev, Gv (0F A3 AB B3 BB): a register offset can reach any word. */
static void disas_bt_reg(DisasContext *s, int b)
{
    int ot = ot_v(s), modrm = fetch_b(s);

    gen_mov_T1_reg(ot, modrm_reg(modrm));
    if (modrm_is_reg(modrm)) {
        gen_mov_T0_reg(ot, modrm & 7);
    } else {
        /* the offset moves the address, which then wraps as addresses
         * of its size do */
        int def = gen_lea_modrm(s, modrm, 0);
        add_bit_A0_T1[ot - OT_WORD]();
        if (!s->aflag)
            gen_op_andl_A0_ffff();
        gen_add_seg(s, def);
        gen_load_mem_T0(s, modrm, ot);
    }
    gen_bt(s, (b >> 3) & 3, ot, modrm);
}

/* Group 8 (0F BA): BT* Ev, Ib. */
static void disas_bt_imm(DisasContext *s)
{
    int ot = ot_v(s), modrm = fetch_b(s), op = modrm_reg(modrm);

    if (op < 4) {
        gen_illegal(s);
        return;
    }
    gen_load_rm_T0(s, modrm, ot);
    gen_op_movl_T1_im(fetch_b(s));
    gen_bt(s, op - 4, ot, modrm);
}

/* BSF/BSR Gv, Ev (0F BC, BD; with F3 these are TZCNT/LZCNT, bmi.c). */
static void disas_bitscan(DisasContext *s, int b)
{
    static const GenOp scan[2][2] = {
        {gen_op_bsfw_T1_T0_cc, gen_op_bsfl_T1_T0_cc},
        {gen_op_bsrw_T1_T0_cc, gen_op_bsrl_T1_T0_cc},
    };
    static const GenOp movl_T1_reg[8] = BY_REG(movl_T1_, );
    int ot = ot_v(s), modrm = fetch_b(s), reg = modrm_reg(modrm);

    gen_load_rm_T0(s, modrm, ot);
    movl_T1_reg[reg]();
    scan[b != 0x1bc][ot - OT_WORD]();
    set_cc_op(s, CC_OP_LOGICB + ot);
    gen_mov_reg_T1(ot, reg);
}

/* SHLD/SHRD Ev, Gv, Ib|CL (0F A4 A5 AC AD). */
static void disas_shxd(DisasContext *s, int b)
{
    static const GenOp shift[2][2] = {
        {gen_op_shrdw_T0_T1_cc, gen_op_shrdl_T0_T1_cc},
        {gen_op_shldw_T0_T1_cc, gen_op_shldl_T0_T1_cc},
    };
    int ot = ot_v(s), modrm = fetch_b(s), left = b < 0x1a8, count = -1;

    gen_load_rm_T0(s, modrm, ot);
    gen_mov_T1_reg(ot, modrm_reg(modrm));
    if (b & 1) {
        gen_op_movl_t2_ECX();
    } else {
        count = fetch_b(s) & 0x1f;
        if (count && ot == OT_LONG) {
            gen_probe_store(s, modrm, ot);
            (left ? gen_op_shldl_T0_T1_im_cc : gen_op_shrdl_T0_T1_im_cc)((uint32_t)count);
            set_cc_op(s, left ? CC_OP_SHLL : CC_OP_SARL);
            gen_store_rm_T0(s, modrm, ot);
            return;
        }
        gen_op_movl_t2_im((uint32_t)count);
    }
    gen_update_cc_op(s);
    gen_probe_store(s, modrm, ot);
    shift[left][ot - OT_WORD]();
    if (count > 0)
        cc_op_stored(s, (left ? CC_OP_SHLB : CC_OP_SARB) + ot);
    else if (count < 0)
        cc_op_stored(s, CC_OP_DYNAMIC);
    gen_store_rm_T0(s, modrm, ot);
}

static const GenOp cmpxchg_ops[3] = BY_SIZE(cmpxchg, _T0_T1_cc);
static const GenOp xadd_ops[3] = BY_SIZE(xadd, _T0_T1_cc);

/* CMPXCHG Eb/Ev, Gb/Gv (0F B0, B1). */
static const GenOp lock_cmpxchg_ops[3] = BY_SIZE(lock_cmpxchg, _T1_A0_cc);
static const GenOp lock_xadd_ops[3] = BY_SIZE(lock_xadd, _T1_A0_cc);

static void disas_cmpxchg(DisasContext *s, int b)
{
    int ot = ot_bv(s, b), modrm = fetch_b(s);

    if (gen_locked(s, modrm)) { /* one host cmpxchg */
        gen_lea_modrm(s, modrm, 1);
        gen_mov_T1_reg(ot, modrm_reg(modrm));
        lock_cmpxchg_ops[ot]();
        set_cc_op(s, CC_OP_SUBB + ot);
        return;
    }
    gen_load_rm_T0(s, modrm, ot);
    gen_mov_T1_reg(ot, modrm_reg(modrm));
    gen_probe_store(s, modrm, ot);
    cmpxchg_ops[ot]();
    set_cc_op(s, CC_OP_SUBB + ot);
    gen_store_rm_T0(s, modrm, ot);
}

/* XADD Eb/Ev, Gb/Gv (0F C0, C1): source := old destination first, so a
 * register operand used twice ends up with the sum. */
static void disas_xadd(DisasContext *s, int b)
{
    int ot = ot_bv(s, b), modrm = fetch_b(s);

    if (gen_locked(s, modrm)) { /* one host xadd */
        gen_lea_modrm(s, modrm, 1);
        gen_mov_T1_reg(ot, modrm_reg(modrm));
        lock_xadd_ops[ot]();
        set_cc_op(s, CC_OP_ADDB + ot);
        gen_mov_reg_T1(ot, modrm_reg(modrm));
        return;
    }
    gen_load_rm_T0(s, modrm, ot);
    gen_mov_T1_reg(ot, modrm_reg(modrm));
    gen_probe_store(s, modrm, ot);
    xadd_ops[ot]();
    set_cc_op(s, CC_OP_ADDB + ot);
    gen_mov_reg_T1(ot, modrm_reg(modrm));
    gen_store_rm_T0(s, modrm, ot);
}

/* MOVZX/MOVSX Gv, Eb/Ew (0F B6 B7 BE BF). */
static void disas_movx(DisasContext *s, int b)
{
    int ot = ot_v(s), sot = (b & 1) ? OT_WORD : OT_BYTE, sign = b >= 0x1be;
    int modrm = fetch_b(s);

    if (modrm_is_reg(modrm)) {
        gen_mov_T0_reg(sot, modrm & 7);
        if (sign)
            (sot == OT_BYTE ? gen_op_movsbl_T0_T0 : gen_op_movswl_T0_T0)();
    } else {
        gen_lea_modrm(s, modrm, 1);
        if (sign)
            (sot == OT_BYTE ? gen_op_ldsb_T0_A0 : gen_op_ldsw_T0_A0)();
        else
            gen_ld_T0(sot);
    }
    gen_mov_reg_T0(ot, modrm_reg(modrm));
}

/* IMUL Gv, Ev (0F AF) and IMUL Gv, Ev, Iz/Ib (69, 6B). */
static void disas_imul(DisasContext *s, int b)
{
    int ot = ot_v(s), modrm = fetch_b(s), reg = modrm_reg(modrm);

    gen_load_rm_T0(s, modrm, ot);
    if (b == 0x1af)
        gen_mov_T1_reg(ot, reg);
    else
        gen_op_movl_T1_im(fetch_simm(s, b == 0x69 ? ot : OT_BYTE));
    (ot == OT_LONG ? gen_op_imull_T0_T1_cc : gen_op_imulw_T0_T1_cc)();
    set_cc_op(s, CC_OP_MULB + ot);
    gen_mov_reg_T0(ot, reg);
}

/*
 * SGDT, SIDT and SMSW at CPL 3 are answered by the kernel's UMIP
 * emulation (arch/x86/kernel/umip.c) with fixed dummy values: a GDT at
 * 0xfffe0000 and an IDT at 0xffff0000 (the 64-bit dummies truncated),
 * both with limit 0; CR0 = PE MP ET NE WP AM PG.  SLDT and STR, which
 * the kernel leaves alone, read the real LDTR and TR of an x86_64 kernel:
 * GDT entry 10 (0x50) once the process has an LDT, and the TSS, entry 8.
 */
#define UMIP_GDT_BASE 0xfffe0000u
#define UMIP_IDT_BASE 0xffff0000u
#define KERNEL_TR 0x40u
#define UMIP_CR0 0x80050033u

/* Store T0 to an Ew destination of SLDT/STR/SMSW: a register gets the
 * operand size, memory 16 bits. */
static void gen_store_ew(DisasContext *s, int modrm)
{
    if (modrm_is_reg(modrm))
        gen_mov_reg_T0(ot_v(s), modrm & 7);
    else
        gen_st_T0(OT_WORD);
}

/* Group 6 (0F 00): SLDT STR LLDT LTR VERR VERW. */
static void disas_group6(DisasContext *s)
{
    int modrm = fetch_b(s), op = modrm_reg(modrm);

    if (op >= 6) {
        gen_illegal(s);
        return;
    }
    if (!modrm_is_reg(modrm))
        gen_lea_modrm(s, modrm, 1);
    switch (op) {
    case 0: /* SLDT */
        gen_op_movl_T0_ldtr();
        gen_store_ew(s, modrm);
        break;
    case 1: /* STR */
        gen_op_movl_T0_im(KERNEL_TR);
        gen_store_ew(s, modrm);
        break;
    case 2: /* LLDT, LTR: privileged */
    case 3:
        gen_exception(s, EXCP_GPF, s->insn_pc);
        break;
    default: /* VERR, VERW: ZF only */
        if (modrm_is_reg(modrm))
            gen_mov_T0_reg(OT_WORD, modrm & 7);
        else
            gen_ld_T0(OT_WORD);
        gen_update_cc_op(s);
        (op == 4 ? gen_op_verr_T0 : gen_op_verw_T0)();
        cc_op_stored(s, CC_OP_EFLAGS);
        break;
    }
}

/* Group 7 (0F 01) at CPL 3: SGDT SIDT SMSW (UMIP), the loads #GP. */
static void disas_group7(DisasContext *s)
{
    int modrm = fetch_b(s), op = modrm_reg(modrm);

    if (modrm == 0xd0 || modrm == 0xd1) { /* XGETBV, XSETBV (translate/i386/avx.c) */
        if (!(modrm == 0xd0 ? disas_xgetbv(s) : disas_xsetbv(s)))
            gen_illegal(s);
        return;
    }
    if (op == 4) { /* SMSW */
        if (!modrm_is_reg(modrm))
            gen_lea_modrm(s, modrm, 1);
        gen_op_movl_T0_im(UMIP_CR0);
        gen_store_ew(s, modrm);
        return;
    }
    if (op == 6 || (!modrm_is_reg(modrm) && (op == 2 || op == 3 || op == 7))) {
        /* LMSW, LGDT, LIDT, INVLPG */
        gen_exception(s, EXCP_GPF, s->insn_pc);
        return;
    }
    if (modrm_is_reg(modrm) || op > 1) {
        gen_illegal(s);
        return;
    }
    gen_lea_modrm(s, modrm, 1);
    gen_op_movl_T0_im(0); /* limit */
    gen_st_T0(OT_WORD);
    gen_op_addl_A0_im(2);
    gen_op_movl_T0_im(op == 0 ? UMIP_GDT_BASE : UMIP_IDT_BASE);
    gen_st_T0(OT_LONG);
}

/* LAR, LSL Gv, Ew (0F 02, 03): ZF says whether the descriptor was
 * readable; the destination keeps its value if not. */
static void disas_lar_lsl(DisasContext *s, int b)
{
    int ot = ot_v(s), modrm = fetch_b(s), reg = modrm_reg(modrm);

    gen_load_rm_T0(s, modrm, OT_WORD);
    gen_mov_T1_reg(OT_LONG, reg);
    gen_update_cc_op(s);
    (b == 0x102 ? gen_op_lar_T0 : gen_op_lsl_T0)();
    cc_op_stored(s, CC_OP_EFLAGS);
    gen_mov_reg_T1(ot, reg);
}

/* ARPL Ew, Gw (63). */
static void disas_arpl(DisasContext *s)
{
    int modrm = fetch_b(s);

    gen_load_rm_T0(s, modrm, OT_WORD);
    gen_mov_T1_reg(OT_WORD, modrm_reg(modrm));
    gen_update_cc_op(s);
    gen_probe_store(s, modrm, OT_WORD);
    gen_op_arpl_T0_T1();
    cc_op_stored(s, CC_OP_EFLAGS);
    gen_store_rm_T0(s, modrm, OT_WORD);
}

static void disas_0f(DisasContext *s, int b)
{
    int modrm, reg;

    if (b >= 0x140 && b <= 0x14f) {
        disas_cmov(s, b & 0xf);
        return;
    }
    if (b >= 0x180 && b <= 0x18f) { /* Jcc rel32/rel16 */
        uint32_t rel = fetch_simm(s, ot_v(s));
        gen_jcc(s, b & 0xf, jump_target(s, s->pc + rel));
        return;
    }
    if (b >= 0x190 && b <= 0x19f) {
        disas_setcc(s, b & 0xf);
        return;
    }
    if (b >= 0x1c8 && b <= 0x1cf) { /* BSWAP r32 */
        static const GenOp movl_T0_reg[8] = BY_REG(movl_T0_, );
        static const GenOp movl_reg_T0[8] = BY_REG(movl_, _T0);
        movl_T0_reg[b & 7]();
        gen_op_bswapl_T0();
        movl_reg_T0[b & 7]();
        return;
    }
    switch (b) {
    case 0x10d: /* PREFETCHW */
    case 0x118: /* PREFETCHh (group 16) */
    case 0x119: case 0x11a: case 0x11b: case 0x11c: case 0x11d: case 0x11e:
    case 0x11f: /* NOP Ev (the multi-byte NOP) */
        skip_modrm(s, fetch_b(s));
        break;
    /* Privileged at CPL 3: #GP -> SIGSEGV (SDM vol. 3, 5.9): CLTS, INVD,
     * WBINVD, MOV to/from CRn/DRn, WRMSR, RDMSR, RDPMC (CR4.PCE clear),
     * SYSEXIT. */
    case 0x106: case 0x108: case 0x109:
    case 0x120: case 0x121: case 0x122: case 0x123:
    case 0x130: case 0x132: case 0x133: case 0x135:
        gen_exception(s, EXCP_GPF, s->insn_pc);
        break;
    case 0x100: disas_group6(s); break;
    case 0x101: disas_group7(s); break;
    case 0x102: case 0x103:
        disas_lar_lsl(s, b);
        break;
    case 0x1b2: disas_load_far_ptr(s, R_SS); break;
    case 0x1b4: disas_load_far_ptr(s, R_FS); break;
    case 0x1b5: disas_load_far_ptr(s, R_GS); break;
    case 0x131: /* RDTSC */
        gen_op_rdtsc();
        break;
    case 0x1a2: /* CPUID: #GP under CPUID faulting reports this instruction */
        gen_op_movl_eip_im(s->insn_pc);
        gen_update_cc_op(s);
        gen_op_cpuid();
        break;
    case 0x1a0: gen_push_seg(s, R_FS); break;
    case 0x1a1: gen_pop_seg(s, R_FS); break;
    case 0x1a8: gen_push_seg(s, R_GS); break;
    case 0x1a9: gen_pop_seg(s, R_GS); break;
    case 0x1a3: case 0x1ab: case 0x1b3: case 0x1bb:
        disas_bt_reg(s, b);
        break;
    case 0x1ba:
        disas_bt_imm(s);
        break;
    case 0x1a4: case 0x1a5: case 0x1ac: case 0x1ad:
        disas_shxd(s, b);
        break;
    case 0x1af:
        disas_imul(s, b);
        break;
    case 0x1b0: case 0x1b1:
        disas_cmpxchg(s, b);
        break;
    case 0x1b6: case 0x1b7: case 0x1be: case 0x1bf:
        disas_movx(s, b);
        break;
    case 0x1bc: case 0x1bd:
        if (s->prefix & PREFIX_REPZ)
            disas_bitcount(s, b); /* TZCNT, LZCNT */
        else
            disas_bitscan(s, b);
        break;
    case 0x1b8: /* POPCNT with F3 (JMPE without: not at CPL 3) */
        if (s->prefix & PREFIX_REPZ)
            disas_bitcount(s, b);
        else
            gen_illegal(s);
        break;
    case 0x138:
        disas_0f38(s);
        break;
    case 0x1c0: case 0x1c1:
        disas_xadd(s, b);
        break;
    case 0x1c7: /* group 9: CMPXCHG8B m64; RDRAND, RDSEED (sse.c);
                 * XRSTORS, XSAVEC, XSAVES m (avx.c) */
        modrm = fetch_b(s);
        reg = modrm_reg(modrm);
        if (reg >= 6 && modrm_is_reg(modrm)) {
            disas_rdrand(s, modrm);
            break;
        }
        if (reg >= 3 && reg <= 5) {
            if (!disas_xsavec(s, modrm))
                gen_illegal(s);
            break;
        }
        if (reg != 1 || modrm_is_reg(modrm)) {
            gen_illegal(s);
            break;
        }
        gen_lea_modrm(s, modrm, 1);
        gen_update_cc_op(s);
        gen_op_cmpxchg8b_A0();
        gen_op_compute_eflags();
        gen_op_movl_zf_T0();
        cc_op_stored(s, CC_OP_EFLAGS);
        break;
    default: /* MMX/SSE/SSE2 (translate/i386/sse.c), or #UD there */
        disas_sse(s, b);
        break;
    }
}

/* ---------------------------------------------------------------------
 * One-byte opcodes
 * ------------------------------------------------------------------- */

/* MOV between registers/memory (88-8B, C6, C7). */
static void disas_mov(DisasContext *s, int b)
{
    int ot = ot_bv(s, b), modrm = fetch_b(s), reg = modrm_reg(modrm);

    switch (b) {
    case 0x88:
    case 0x89: /* MOV Eb/Ev, Gb/Gv */
        if (!modrm_is_reg(modrm))
            gen_lea_modrm(s, modrm, 1);
        gen_mov_T0_reg(ot, reg);
        gen_store_rm_T0(s, modrm, ot);
        break;
    case 0x8a:
    case 0x8b: /* MOV Gb/Gv, Eb/Ev */
        gen_load_rm_T0(s, modrm, ot);
        gen_mov_reg_T0(ot, reg);
        break;
    default: /* C6/C7: MOV Eb/Ev, Ib/Iz (group 11) */
        if (reg != 0) {
            gen_illegal(s);
            break;
        }
        if (!modrm_is_reg(modrm))
            gen_lea_modrm(s, modrm, 1);
        gen_op_movl_T0_im(fetch_imm(s, ot));
        gen_store_rm_T0(s, modrm, ot);
        break;
    }
}

/* XCHG Eb/Ev, Gb/Gv (86, 87): with memory, LOCK is implied (SDM XCHG),
 * so it is one host xchg. */
static const GenOp lock_xchg_ops[3] = BY_SIZE(lock_xchg, _T0_A0);

static void disas_xchg(DisasContext *s, int b)
{
    int ot = ot_bv(s, b), modrm = fetch_b(s), reg = modrm_reg(modrm);

    if (modrm_is_reg(modrm)) {
        gen_mov_T0_reg(ot, modrm & 7);
        gen_mov_T1_reg(ot, reg);
        gen_mov_reg_T0(ot, reg);
        gen_mov_reg_T1(ot, modrm & 7);
    } else {
        gen_lea_modrm(s, modrm, 1);
        gen_mov_T0_reg(ot, reg);
        lock_xchg_ops[ot]();
        gen_mov_reg_T0(ot, reg);
    }
}

/* MOV AL/eAX <-> moffs (A0-A3). */
static void disas_mov_moffs(DisasContext *s, int b)
{
    int ot = ot_bv(s, b);

    gen_op_movl_A0_im(s->aflag ? fetch_l(s) : fetch_w(s));
    gen_add_seg(s, R_DS);
    if (b < 0xa2) {
        gen_ld_T0(ot);
        gen_mov_reg_T0(ot, R_EAX);
    } else {
        gen_mov_T0_reg(ot, R_EAX);
        gen_st_T0(ot);
    }
}

/* TEST Eb/Ev, Gb/Gv (84, 85) and TEST AL/eAX, imm (A8, A9). */
static void disas_test(DisasContext *s, int b)
{
    int ot = ot_bv(s, b);

    if (b < 0xa8) {
        int modrm = fetch_b(s);
        gen_load_rm_T0(s, modrm, ot);
        gen_mov_T1_reg(ot, modrm_reg(modrm));
    } else {
        gen_mov_T0_reg(ot, R_EAX);
        gen_op_movl_T1_im(fetch_imm(s, ot));
    }
    gen_op_testl_T0_T1_cc();
    set_cc_op(s, CC_OP_LOGICB + ot);
}

/* RET near (C3) and RET imm16 (C2). */
static void disas_ret(DisasContext *s, int b)
{
    int ot = ot_v(s);
    uint32_t extra = b == 0xc2 ? fetch_w(s) : 0;

    if (extra) {
        gen_pop_T0(s, ot);
        gen_stack_add(s, extra + (ot == OT_LONG ? 4 : 2));
    } else {
        gen_pop_T0_update(s, ot);
    }
    gen_jmp_T0(s);
}

/* Flag instructions: CMC CLC STC (F5 F8 F9), SAHF LAHF (9E 9F). */
static void disas_flag_insn(DisasContext *s, int b)
{
    gen_update_cc_op(s);
    switch (b) {
    case 0xf5: gen_op_cmc(); break;
    case 0xf8: gen_op_clc(); break;
    case 0xf9: gen_op_stc(); break;
    case 0x9e:
        gen_op_movzh_T0_EAX();
        gen_op_sahf();
        break;
    default: /* reads only */
        gen_op_lahf();
        gen_op_movh_EAX_T0();
        return;
    }
    cc_op_stored(s, CC_OP_EFLAGS);
}

/* DAA DAS AAA AAS (27 2F 37 3F), AAM AAD (D4 D5): helpers on full EFLAGS. */
static void disas_bcd(DisasContext *s, int b)
{
    gen_update_cc_op(s);
    switch (b) {
    case 0x27: gen_op_daa(); break;
    case 0x2f: gen_op_das(); break;
    case 0x37: gen_op_aaa(); break;
    case 0x3f: gen_op_aas(); break;
    case 0xd4: /* AAM: #DE for a zero base reports this instruction */
        gen_movl_eip_im(s, s->insn_pc);
        gen_op_aam(fetch_b(s));
        break;
    default: gen_op_aad(fetch_b(s)); break;
    }
    cc_op_stored(s, CC_OP_EFLAGS);
}

/* PUSHF (9C) and POPF (9D); POPF in user mode keeps IF and IOPL. */
static void disas_pushf_popf(DisasContext *s, int b)
{
    int ot = ot_v(s);

    if (b == 0x9c) {
        gen_update_cc_op(s);
        gen_op_movl_T0_eflags();
        gen_push_T0(s, ot);
    } else {
        gen_pop_T0_update(s, ot);
        gen_update_cc_op(s);
        gen_op_movl_eflags_T0(ot == OT_LONG ? 0xffffffffu : 0xffffu);
        cc_op_stored(s, CC_OP_EFLAGS);
        gen_end_tb_unchained(s); /* TF may have changed: HF_TF */
    }
}

static void disas_mov_seg(DisasContext *s, int b)
{
    int modrm = fetch_b(s), seg = modrm_reg(modrm);

    if (seg >= NB_SEGS || (b == 0x8e && seg == R_CS)) {
        gen_illegal(s);
        return;
    }
    if (b == 0x8c) { /* MOV Ev, Sreg: a register gets it zero-extended */
        if (!modrm_is_reg(modrm))
            gen_lea_modrm(s, modrm, 1);
        gen_op_movl_T0_seg(offsetof(CPUState, segs[seg].selector));
        gen_store_rm_T0(s, modrm, modrm_is_reg(modrm) ? ot_v(s) : OT_WORD);
    } else { /* MOV Sreg, Ew */
        gen_load_rm_T0(s, modrm, OT_WORD);
        gen_load_seg_T0(s, seg);
        gen_end_tb_unchained(s);
    }
}

/* Read the prefixes (SDM vol. 2, 2.1.1); returns the opcode, 0x1xx for the
 * two-byte map. */
static int disas_prefixes(DisasContext *s)
{
    s->prefix = 0;
    s->lock_label = -1;
    s->override = -1;
    s->dflag = s->code32;
    s->aflag = s->code32;
    for (int n = 0; n < 15; n++) {
        int b = fetch_b(s);
        switch (b) {
        case 0xf3: s->prefix |= PREFIX_REPZ; break;
        case 0xf2: s->prefix |= PREFIX_REPNZ; break;
        case 0xf0: s->prefix |= PREFIX_LOCK; break; /* gen_load_rm_T0 */
        case 0x26: s->override = R_ES; break;
        case 0x2e: s->override = R_CS; break;
        case 0x36: s->override = R_SS; break;
        case 0x3e: s->override = R_DS; break;
        case 0x64: s->override = R_FS; break;
        case 0x65: s->override = R_GS; break;
        case 0x66: s->dflag = !s->code32; s->prefix |= PREFIX_DATA; break;
        case 0x67: s->aflag = !s->code32; break;
        case 0x0f: return 0x100 | fetch_b(s);
        default: return b;
        }
    }
    return -1; /* 15 prefixes: too long (#GP) */
}

/*
 * LOCK is valid only on a read-modify-write of memory by ADD ADC AND BTC
 * BTR BTS CMPXCHG CMPXCHG8B DEC INC NEG NOT OR SBB SUB XOR XADD XCHG;
 * anywhere else it is #UD (SDM vol. 2, LOCK).  `b` is the opcode, the
 * ModRM byte is the next one.
 */
static int lock_ok(const DisasContext *s, int b)
{
    int modrm = *(uint8_t *)g2h(s->pc), op = modrm_reg(modrm);

    if (modrm_is_reg(modrm))
        return 0;
    if (b < 0x40)
        return (b & 7) < 2 && (b >> 3) != ALU_CMP;
    switch (b) {
    case 0x80: case 0x81: case 0x82: case 0x83:
        return op != ALU_CMP;
    case 0x86: case 0x87:
    case 0x1ab: case 0x1b3: case 0x1bb:
    case 0x1b0: case 0x1b1: case 0x1c0: case 0x1c1:
        return 1;
    case 0xf6: case 0xf7:
        return op == 2 || op == 3;
    case 0xfe: case 0xff:
        return op <= 1;
    case 0x1ba:
        return op >= 5;
    case 0x1c7:
        return op == 1;
    default:
        return 0;
    }
}

void disas_insn(DisasContext *s)
{
    int b = disas_prefixes(s), ot, reg;
    uint32_t rel;

    if (b < 0) {
        gen_exception_err(s, EXCP_GPF, 0, s->insn_pc);
        return;
    }
    if ((s->prefix & PREFIX_LOCK) && !lock_ok(s, b)) {
        gen_illegal(s);
        return;
    }
    if (b >= 0x100) {
        disas_0f(s, b);
        return;
    }
    if (b >= 0 && b < 0x40 && (b & 7) < 6) {
        disas_alu_row(s, b);
        return;
    }
    if (b >= 0x40 && b <= 0x4f) { /* INC/DEC r16/r32 */
        ot = ot_v(s);
        gen_mov_T0_reg(ot, b & 7);
        gen_incdec(s, ot, b >= 0x48, 0xc0 | (b & 7));
        return;
    }
    if (b >= 0x50 && b <= 0x57) { /* PUSH r */
        gen_mov_T0_reg(ot_v(s), b & 7);
        gen_push_T0(s, ot_v(s));
        return;
    }
    if (b >= 0x58 && b <= 0x5f) { /* POP r (ESP gets the popped value) */
        gen_pop_T0_update(s, ot_v(s));
        gen_mov_reg_T0(ot_v(s), b & 7);
        return;
    }
    if (b >= 0x70 && b <= 0x7f) { /* Jcc rel8 */
        rel = (uint32_t)(int8_t)fetch_b(s);
        gen_jcc(s, b & 0xf, jump_target(s, s->pc + rel));
        return;
    }
    if (b >= 0x91 && b <= 0x97) { /* XCHG eAX, r */
        ot = ot_v(s);
        gen_mov_T0_reg(ot, b & 7);
        gen_mov_T1_reg(ot, R_EAX);
        gen_mov_reg_T0(ot, R_EAX);
        gen_mov_reg_T1(ot, b & 7);
        return;
    }
    if (b >= 0xb0 && b <= 0xbf) { /* MOV r, imm */
        ot = b >= 0xb8 ? ot_v(s) : OT_BYTE;
        gen_op_movl_T0_im(fetch_imm(s, ot));
        gen_mov_reg_T0(ot, b & 7);
        return;
    }
    switch (b) {
    case 0x06: gen_push_seg(s, R_ES); break;
    case 0x07: gen_pop_seg(s, R_ES); break;
    case 0x0e: gen_push_seg(s, R_CS); break;
    case 0x16: gen_push_seg(s, R_SS); break;
    case 0x17: gen_pop_seg(s, R_SS); break;
    case 0x1e: gen_push_seg(s, R_DS); break;
    case 0x1f: gen_pop_seg(s, R_DS); break;
    case 0x27: case 0x2f: case 0x37: case 0x3f: case 0xd4: case 0xd5:
        disas_bcd(s, b);
        break;
    case 0x60: disas_pusha(s); break;
    case 0x63: disas_arpl(s); break;
    case 0xc4: /* LES, or a 3-byte VEX prefix */
    case 0xc5: /* LDS, or a 2-byte VEX prefix */
        if (!disas_vex(s, b))
            disas_load_far_ptr(s, b == 0xc4 ? R_ES : R_DS);
        break;
    case 0x61: disas_popa(s); break;
    case 0x68: /* PUSH Iz */
    case 0x6a: /* PUSH Ib, sign-extended */
        gen_op_movl_T0_im(fetch_simm(s, b == 0x68 ? ot_v(s) : OT_BYTE));
        gen_push_T0(s, ot_v(s));
        break;
    case 0x69:
    case 0x6b:
        disas_imul(s, b);
        break;
    case 0x80: case 0x81: case 0x82: case 0x83:
        disas_group1(s, b);
        break;
    case 0x84: case 0x85: case 0xa8: case 0xa9:
        disas_test(s, b);
        break;
    case 0x86: case 0x87:
        disas_xchg(s, b);
        break;
    case 0x88: case 0x89: case 0x8a: case 0x8b: case 0xc6: case 0xc7:
        disas_mov(s, b);
        break;
    case 0x8c: case 0x8e:
        disas_mov_seg(s, b);
        break;
    case 0x8d: /* LEA Gv, M: the offset, no segment base */
        reg = fetch_b(s);
        if (modrm_is_reg(reg)) {
            gen_illegal(s);
            break;
        }
        gen_lea_modrm(s, reg, 0);
        gen_mov_reg_A0(ot_v(s), modrm_reg(reg));
        break;
    case 0x8f: /* POP Ev (group 1A: /1-/7 are #UD); the address is
                * computed after ESP moves */
        reg = fetch_b(s);
        ot = ot_v(s);
        if (modrm_reg(reg) != 0) {
            gen_illegal(s);
            break;
        }
        if (modrm_is_reg(reg)) {
            gen_pop_T0_update(s, ot);
            gen_store_rm_T0(s, reg, ot);
            break;
        }
        gen_pop_T0(s, ot);
        if (s->tb->flags & HF_SS16) {
            /* an ESP base is ESP as the pop leaves it, SP wrapped and
             * the upper half kept: ESP moves for the address and back
             * for the store, which may fault */
            int def;

            gen_op_movl_T1_ESP();
            gen_pop_update(s, ot);
            def = gen_lea_modrm(s, reg, 0);
            gen_op_movl_ESP_T1();
            gen_add_seg(s, def);
        } else {
            s->esp_bias = ot == OT_WORD ? 2 : 4;
            gen_lea_modrm(s, reg, 1);
            s->esp_bias = 0;
        }
        gen_store_rm_T0(s, reg, ot);
        gen_pop_update(s, ot);
        break;
    case 0x90: /* NOP, and PAUSE with F3 */
        break;
    case 0x9b: /* FWAIT: where a pending unmasked x87 exception traps */
        gen_op_fwait();
        break;
    case 0x98: /* CBW / CWDE */
        (s->dflag ? gen_op_cwde : gen_op_cbw)();
        break;
    case 0x99: /* CWD / CDQ */
        (s->dflag ? gen_op_cdq : gen_op_cwd)();
        break;
    case 0x9c: case 0x9d:
        disas_pushf_popf(s, b);
        break;
    case 0x9e: case 0x9f: case 0xf5: case 0xf8: case 0xf9:
        disas_flag_insn(s, b);
        break;
    case 0xa0: case 0xa1: case 0xa2: case 0xa3:
        disas_mov_moffs(s, b);
        break;
    case 0xa4: case 0xa5: case 0xa6: case 0xa7:
    case 0xaa: case 0xab: case 0xac: case 0xad: case 0xae: case 0xaf:
        disas_string(s, b);
        break;
    case 0xc0: case 0xc1: case 0xd0: case 0xd1: case 0xd2: case 0xd3:
        disas_group2(s, b);
        break;
    case 0xc2: case 0xc3:
        disas_ret(s, b);
        break;
    case 0xc8: disas_enter(s); break;
    case 0xc9: disas_leave(s); break;
    case 0xcc: /* INT3: #BP, a trap: reported after the instruction */
        gen_exception(s, EXCP_TRAP, s->pc);
        break;
    case 0xf1: /* INT1 (ICEBP): #DB, after the instruction */
        gen_exception(s, EXCP_ICEBP, s->pc);
        break;
    case 0xcd: /* INT imm8: Linux's gates with DPL 3 are 3 (#BP), 4 (#OF)
                * and 0x80; any other is #GP with the IDT vector as error
                * code (SDM vol. 3, 6.13: (n << 3) | IDT) */
        reg = fetch_b(s);
        if (reg == 0x80)
            gen_exception(s, EXCP_SYSCALL, s->pc);
        else if (reg == 3)
            gen_exception(s, EXCP_TRAP, s->pc);
        else if (reg == 4)
            gen_exception(s, EXCP_OF, s->pc);
        else
            gen_exception_err(s, EXCP_GPF, (uint32_t)reg << 3 | 2, s->insn_pc);
        break;
    case 0xce: /* INTO: #OF (a trap: after the instruction) if OF = 1 */
        gen_update_cc_op(s);
        gen_cond_T0(s, 0);
        gen_update_cc_op(s);
        gen_movl_eip_im(s, s->pc);
        gen_op_raise_if_T0(EXCP_OF);
        break;
    case 0x62: /* BOUND Gv, Ma: #BR -> SIGSEGV at the instruction */
        reg = fetch_b(s);
        if (modrm_is_reg(reg)) {
            gen_illegal(s);
            break;
        }
        gen_lea_modrm(s, reg, 1);
        gen_mov_T0_reg(ot_v(s), modrm_reg(reg));
        gen_movl_eip_im(s, s->insn_pc);
        gen_update_cc_op(s);
        (s->dflag ? gen_op_boundl_T0_A0 : gen_op_boundw_T0_A0)();
        break;
    case 0xd6: /* SALC (undocumented; Intel and AMD): AL := CF ? 0xff : 0 */
        gen_cond_T0(s, 2);
        gen_op_negl_T0();
        gen_mov_reg_T0(OT_BYTE, R_EAX);
        break;
    case 0x9a: /* CALL ptr16:32 */
    case 0xea: /* JMP ptr16:32 */
        disas_far_direct(s, b == 0x9a);
        break;
    case 0xca: case 0xcb: case 0xcf:
        disas_ret_far(s, b);
        break;
    case 0xd7: /* XLAT: AL := DS:[EBX + AL] */
        gen_op_movl_A0_EBX();
        gen_op_addl_A0_AL();
        if (!s->aflag)
            gen_op_andl_A0_ffff();
        gen_add_seg(s, R_DS);
        gen_ld_T0(OT_BYTE);
        gen_mov_reg_T0(OT_BYTE, R_EAX);
        break;
    case 0xe0: case 0xe1: case 0xe2: case 0xe3:
        disas_loop(s, b);
        break;
    case 0xe8: /* CALL rel */
        rel = fetch_simm(s, ot_v(s));
        gen_movl_T0_eip(s, s->pc);
        gen_push_T0(s, ot_v(s));
        gen_jmp_tb(s, jump_target(s, s->pc + rel), 0);
        break;
    case 0xe9: /* JMP rel */
    case 0xeb:
        rel = fetch_simm(s, b == 0xe9 ? ot_v(s) : OT_BYTE);
        gen_jmp_tb(s, jump_target(s, s->pc + rel), 0);
        break;
    case 0xf6: case 0xf7:
        disas_group3(s, b);
        break;
    case 0xfc: gen_op_cld(); break;
    case 0xfd: gen_op_std(); break;
    case 0xfe: case 0xff:
        disas_group45(s, b);
        break;
    /* Privileged or I/O in user mode: #GP -> SIGSEGV (SDM vol. 3, 5.9). */
    case 0x6c: case 0x6d: case 0x6e: case 0x6f: /* INS, OUTS */
    case 0xe4: case 0xe5: case 0xe6: case 0xe7: /* IN, OUT imm */
    case 0xec: case 0xed: case 0xee: case 0xef: /* IN, OUT DX */
    case 0xf4: case 0xfa: case 0xfb:            /* HLT, CLI, STI */
        gen_exception(s, EXCP_GPF, s->insn_pc);
        break;
    case 0xd8: case 0xd9: case 0xda: case 0xdb:
    case 0xdc: case 0xdd: case 0xde: case 0xdf:
        disas_x87(s, b); /* translate/i386/fpu.c */
        break;
    default: /* far transfers, BOUND, INTO, SALC, ... */
        gen_illegal(s);
        break;
    }
}

/* ---------------------------------------------------------------------
 * One translation block
 * ------------------------------------------------------------------- */
static int tb_must_stop(const DisasContext *s, uint32_t icount)
{
    return icount >= TB_MAX_INSNS || (s->tb->cflags & CF_SINGLE_INSN) ||
           (s->tb->flags & (HF_TF | HF_AC)) ||
           gen_buffer_nearly_full() ||
           gen_nb_labels >= TB_MAX_LABELS ||
           /* an instruction that may run onto the next page starts a TB
            * of its own: if that page is not there, the fault reports
            * it with the instructions before it done */
           ((s->pc + 15 - 1) & GUEST_PAGE_MASK) != (s->tb->pc & GUEST_PAGE_MASK);
}

/* For each guest instruction of the TB, in order: the cc_op env should
 * hold at its start, or CC_OP_DYNAMIC when env->cc_op is already right.
 * Indexed by instruction, not by op position, since the flag-liveness
 * pass (optimize-flags.c) removes ops. */
static uint8_t gen_insn_cc_op[TB_MAX_INSNS];
/* And FIP/FOP as the TB's x87 instructions before it left them, where
 * one did (translate/i386/fpu.c): x87_ip_prune may have dropped the
 * stores, so a fault restores them. */
static struct {
    uint8_t set;
    uint32_t ip, op;
} gen_insn_x87[TB_MAX_INSNS];

void restore_state_to_opc(CPUState *env, int opc_index)
{
    const uint32_t *param = gen_opparam_buf;
    int insn = -1;

    /* Find the insn_start's parameter (the guest pc) by walking the ops. */
    for (int i = 0; i < opc_index; i++) {
        insn += gen_opc_buf[i] == INDEX_op_insn_start;
        param += op_info[gen_opc_buf[i]].nparams;
    }
    insn++;
    env->eip = param[0] - env->segs[R_CS].base;
    if (gen_insn_cc_op[insn] != CC_OP_DYNAMIC)
        env->cc_op = gen_insn_cc_op[insn];
    if (gen_insn_x87[insn].set) {
        env->fpip = gen_insn_x87[insn].ip;
        env->fpop = gen_insn_x87[insn].op;
    }
}

/* Does the op stream from `opc` on write guest memory? */
static int ops_store(const uint16_t *opc)
{
    for (; opc < gen_opc_ptr; opc++) {
        switch (*opc) {
        case INDEX_op_stb_T0_A0: case INDEX_op_stw_T0_A0: case INDEX_op_stl_T0_A0:
        case INDEX_op_stb_T1_A0: case INDEX_op_stw_T1_A0: case INDEX_op_stl_T1_A0:
        case INDEX_op_stl_env_A0: case INDEX_op_stq_env_A0: case INDEX_op_cmpxchg8b_A0:
            return 1;
        }
    }
    return 0;
}

/*
 * Three checks on a whole instruction, which replace what was generated
 * for it by #GP(0): an instruction longer than 15 bytes (SDM vol. 2,
 * 2.3.11), a write through CS, whose code segment is not writable (SDM
 * vol. 3, 5.5), and an instruction with a byte beyond the CS limit (SDM
 * vol. 3, 5.3: EIP does not wrap at the limit, not even in 16-bit code).
 * Returns 0 when a decoded instruction fails them: its ops, and what it
 * did to *s, are undone by translating the TB again up to it
 * (gen_intermediate_code), which costs less than keeping a copy of the
 * context from before every instruction.
 */
static int disas_insn_checked(DisasContext *s)
{
    uint16_t *opc = gen_opc_ptr;

    if (s->insn_pc - s->cs_base > s->cs_limit) { /* nothing decoded yet */
        gen_exception_err(s, EXCP_GPF, 0, s->insn_pc);
        s->pc++; /* the TB covers a byte */
        return 1;
    }
    disas_insn(s);
    return s->pc - s->insn_pc <= 15 && s->pc - 1 - s->cs_base <= s->cs_limit &&
           !(s->override == R_CS && ops_store(opc));
}

/*
 * Alignment faults of the legacy SSE 16-byte operands: the check is one
 * op that branches, when A0 is misaligned, to a stub emitted after the
 * TB's last instruction, so the aligned path stays straight-line code
 * (no label in it to stop the passes that look across instructions, no
 * helper call to spill the pinned registers around).  The stub stores
 * what a fault needs -- the lazy-flag kind, EIP -- and raises #GP(0),
 * which Linux delivers as SIGSEGV, SI_KERNEL, trap 13 (do_general_protection).
 */
static struct {
    int label;
    uint32_t pc;
    int cc_op; /* to store first, or CC_OP_DYNAMIC */
} gp_stubs[TB_MAX_LABELS];

static void gen_check_align(DisasContext *s, void (*jmisalign)(uint32_t))
{
    int label = gen_new_label();

    gp_stubs[s->n_gp_stubs].label = label;
    gp_stubs[s->n_gp_stubs].pc = s->insn_pc;
    gp_stubs[s->n_gp_stubs].cc_op = s->cc_dirty ? s->cc_op : CC_OP_DYNAMIC;
    s->n_gp_stubs++;
    jmisalign((uint32_t)label);
}

void gen_check_align16(DisasContext *s)
{
    gen_check_align(s, gen_op_jmisalign16_A0_label);
}

void gen_check_align32(DisasContext *s)
{
    gen_check_align(s, gen_op_jmisalign32_A0_label);
}

/*
 * Alignment checks (#AC, SDM vol. 3, 6.15 "Interrupt 17"): with EFLAGS.AC
 * set -- Linux runs user code with CR0.AM on -- a data access whose address
 * is not a multiple of its size raises #AC.  Programs almost never set AC,
 * so it costs nothing while clear: it is a TB flag (HF_AC), a TB
 * translated for it holds one instruction and stores its EIP first, and
 * this pass puts a check op before each op that accesses guest memory
 * with a size of 2 to 16 bytes.  The x87 and SIMD operations whose op
 * does the access itself get their check from their decoders
 * (gen_check_ac).
 */
static uint16_t ac_check[NB_OPS]; /* the check op before op i, or 0 */

static int ac_check_for(const char *name)
{
    static const struct {
        const char *prefix;
        int check;
    } rules[] = {
        {"lduw_", INDEX_op_check_ac_2_A0}, {"ldsw_", INDEX_op_check_ac_2_A0},
        {"stw_", INDEX_op_check_ac_2_A0}, {"ldul_", INDEX_op_check_ac_4_A0},
        {"ldl_", INDEX_op_check_ac_4_A0}, {"stl_", INDEX_op_check_ac_4_A0},
        {"simd_ldd_", INDEX_op_check_ac_4_A0}, {"simd_std_", INDEX_op_check_ac_4_A0},
        {"ldq_", INDEX_op_check_ac_8_A0}, {"stq_", INDEX_op_check_ac_8_A0},
        {"simd_ldq_", INDEX_op_check_ac_8_A0}, {"simd_stq_", INDEX_op_check_ac_8_A0},
        {"simd_ldhi_", INDEX_op_check_ac_8_A0}, {"simd_ldlo_", INDEX_op_check_ac_8_A0},
        {"cmpxchg8b_", INDEX_op_check_ac_8_A0}, {"ldo_", INDEX_op_check_ac_16_A0},
        {"simd_ldo_", INDEX_op_check_ac_16_A0}, {"simd_sto_", INDEX_op_check_ac_16_A0},
        {"lock_ldw_", INDEX_op_check_ac_2_A0}, {"lock_ldl_", INDEX_op_check_ac_4_A0},
        {"lock_xchgw_", INDEX_op_check_ac_2_A0}, {"lock_xchgl_", INDEX_op_check_ac_4_A0},
        {"lock_xaddw_", INDEX_op_check_ac_2_A0}, {"lock_xaddl_", INDEX_op_check_ac_4_A0},
        {"lock_cmpxchgw_", INDEX_op_check_ac_2_A0},
        {"lock_cmpxchgl_", INDEX_op_check_ac_4_A0},
    };

    if (!strcmp(name, "pushl_T0") || !strncmp(name, "popl_T0", 7))
        return INDEX_op_check_ac_4_ESP;
    if (!strcmp(name, "pushw_T0") || !strcmp(name, "popw_T0"))
        return INDEX_op_check_ac_2_ESP;
    if (!strstr(name, "A0"))
        return 0;
    for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
        if (!strncmp(name, rules[i].prefix, strlen(rules[i].prefix)))
            return rules[i].check;
    return 0;
}

static void insert_ac_checks(void)
{
    static uint16_t in[OPC_MAX];
    static int done;
    size_t n = (size_t)(gen_opc_ptr - gen_opc_buf);
    uint16_t *out = gen_opc_buf;

    if (!done) {
        for (int op = NB_PSEUDO_OPS; op < NB_OPS; op++)
            ac_check[op] = (uint16_t)ac_check_for(op_info[op].name);
        done = 1;
    }
    memcpy(in, gen_opc_buf, n * sizeof(*in));
    for (size_t i = 0; i < n; i++) {
        if (in[i] >= NB_PSEUDO_OPS && ac_check[in[i]])
            *out++ = ac_check[in[i]];
        *out++ = in[i];
    }
    gen_opc_ptr = out;
}

/*
 * Segment limits (SDM vol. 3, 5.3 and 5.4): with HF_LIMITS every access
 * through ES, DS, FS or GS has an op_check_limit_A0 before it
 * (gen_seg_base()), emitted before the access's size is known.  This pass
 * finds, for each check, the accesses that follow it at the same A0 (up
 * to the next check or instruction, or an op that sets A0 anew),
 * and writes into the check's second parameter the offset of the last
 * byte any of them touches (an ADD of a constant to A0, as LDS's
 * selector half, moves the later ones) and whether one writes.  Sizes
 * come from the ops' names, as the alignment checks' do, or for the x87
 * images from their operand-size parameter; a check whose size the
 * decoder set already (gen_limit_extent(): the VEX operands) starts
 * from it.  With HF_SS_LIMITS the checks through SS are sized the same
 * way (docs/i386-cpu.md).
 */
static uint16_t limit_access[NB_OPS]; /* size | LIMIT_ACCESS_*, or 0 */
#define LIMIT_ACCESS_WRITE 0x8000u
#define LIMIT_ACCESS_XSAVE 0x4000u
#define LIMIT_ACCESS_SIZE 0x3fffu

/* The x87 environment and save image: 28 and 108 bytes, 14 and 94 with a
 * 16-bit operand size, the op's parameter (SDM vol. 1, 8.1.10 and 8.1.11). */
static unsigned limit_access_x87_image(int op, const uint32_t *param, unsigned a)
{
    if (op == INDEX_op_fnstenv_A0)
        return (param[0] ? 28 : 14) | LIMIT_ACCESS_WRITE;
    if (op == INDEX_op_fldenv_A0)
        return param[0] ? 28 : 14;
    if (op == INDEX_op_fnsave_A0)
        return (param[0] ? 108 : 94) | LIMIT_ACCESS_WRITE;
    if (op == INDEX_op_frstor_A0)
        return param[0] ? 108 : 94;
    return a;
}

static unsigned x87_mem_access(const char *name)
{
    /* x87_m_XX_R: opcode XX, ModRM reg R (SDM vol. 2, tables A-7 ... A-22) */
    static const char *const size[8] = {
        "44444444", "4.44.2.2", "44444444", "4444.a.a",
        "88888888", "8888...2", "22222222", "2222a8a8"};
    static const char *const write[8] = {
        "00000000", "0011.0.1", "00000000", "0111.0.1",
        "00000000", "0111...1", "00000000", "01110101"};
    int x = (int)strtol(name + 6, NULL, 16) - 0xd8, r = name[9] - '0';
    char c;

    if (x < 0 || x > 7 || r < 0 || r > 7 || (c = size[x][r]) == '.')
        return 0;
    return (unsigned)(c == 'a' ? 10 : c - '0') | (write[x][r] == '1' ? LIMIT_ACCESS_WRITE : 0);
}

static unsigned limit_access_for(const char *name)
{
    static const struct {
        const char *prefix;
        unsigned access;
    } rules[] = {
        {"ldub_", 1}, {"ldsb_", 1}, {"lduw_", 2}, {"ldsw_", 2}, {"ldul_", 4},
        {"ldl_env_", 4}, {"ldq_env_", 8}, {"ldo_env_", 16}, {"simd_ldd_", 4},
        {"simd_ldq_", 8}, {"simd_ldlo_", 8}, {"simd_ldhi_", 8}, {"simd_ldo_", 16},
        {"boundw_", 4}, {"boundl_", 8}, {"lock_ldb_", 1}, {"lock_ldw_", 2},
        {"lock_ldl_", 4}, {"fxrstor_", 512},
        {"stb_", 1 | LIMIT_ACCESS_WRITE}, {"stw_", 2 | LIMIT_ACCESS_WRITE},
        {"stl_", 4 | LIMIT_ACCESS_WRITE}, {"stq_env_", 8 | LIMIT_ACCESS_WRITE},
        {"simd_std_", 4 | LIMIT_ACCESS_WRITE}, {"simd_stq_", 8 | LIMIT_ACCESS_WRITE},
        {"simd_sto_", 16 | LIMIT_ACCESS_WRITE}, {"lock_stb_", 1 | LIMIT_ACCESS_WRITE},
        {"lock_stw_", 2 | LIMIT_ACCESS_WRITE}, {"lock_stl_", 4 | LIMIT_ACCESS_WRITE},
        {"lock_xchgb_", 1 | LIMIT_ACCESS_WRITE}, {"lock_xchgw_", 2 | LIMIT_ACCESS_WRITE},
        {"lock_xchgl_", 4 | LIMIT_ACCESS_WRITE}, {"lock_xaddb_", 1 | LIMIT_ACCESS_WRITE},
        {"lock_xaddw_", 2 | LIMIT_ACCESS_WRITE}, {"lock_xaddl_", 4 | LIMIT_ACCESS_WRITE},
        {"lock_cmpxchgb_", 1 | LIMIT_ACCESS_WRITE},
        {"lock_cmpxchgw_", 2 | LIMIT_ACCESS_WRITE},
        {"lock_cmpxchgl_", 4 | LIMIT_ACCESS_WRITE},
        {"cmpxchg8b_", 8 | LIMIT_ACCESS_WRITE}, {"maskmovq_", 8 | LIMIT_ACCESS_WRITE},
        {"maskmovdqu_", 16 | LIMIT_ACCESS_WRITE}, {"fxsave_", 512 | LIMIT_ACCESS_WRITE},
        /* the legacy area and header; op_check_limit_A0 adds the AVX
         * component when EAX asks for it (LIMIT_XSAVE) */
        {"xsave_", 576 | LIMIT_ACCESS_WRITE | LIMIT_ACCESS_XSAVE},
        {"xsavec_", 576 | LIMIT_ACCESS_WRITE | LIMIT_ACCESS_XSAVE},
        {"xrstor_", 576 | LIMIT_ACCESS_XSAVE},
    };

    if (!strncmp(name, "x87_m_", 6))
        return x87_mem_access(name);
    if (!strstr(name, "A0"))
        return 0;
    for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
        if (!strncmp(name, rules[i].prefix, strlen(rules[i].prefix)))
            return rules[i].access;
    return 0;
}

/* Does op (not an access) end the accesses at the A0 a check saw? */
static int limit_scope_ends(int op)
{
    const char *name = op_info[op].name;

    /* A label does not: LOCK's retry label sits between the check and the
     * load (gen_load_mem_T0()) */
    return op == INDEX_op_end || op == INDEX_op_insn_start || op == INDEX_op_check_limit_A0 ||
           !strncmp(name, "movl_A0_", 8) || !strncmp(name, "leal_A0_", 8) ||
           !strncmp(name, "add_bit_A0_", 11) || !strcmp(name, "andl_A0_ffff");
}

static void set_limit_extents(void)
{
    static int done;
    size_t n = (size_t)(gen_opc_ptr - gen_opc_buf);
    uint32_t *param = gen_opparam_buf, *check = NULL, off = 0, extent = 0;

    if (!done) {
        for (int op = NB_PSEUDO_OPS; op < NB_OPS; op++)
            limit_access[op] = (uint16_t)limit_access_for(op_info[op].name);
        done = 1;
    }
    for (size_t i = 0; i < n; param += op_info[gen_opc_buf[i]].nparams, i++) {
        int op = gen_opc_buf[i];
        unsigned a = op >= NB_PSEUDO_OPS ? limit_access_x87_image(op, param, limit_access[op]) : 0;

        if (check && a && (int32_t)off >= 0) {
            uint32_t last = off + (a & LIMIT_ACCESS_SIZE) - 1;
            extent = last > extent ? last : extent;
            check[1] = (check[1] & (LIMIT_WRITE | LIMIT_XSAVE)) | (extent & LIMIT_EXTENT_MASK) |
                       ((a & LIMIT_ACCESS_WRITE) ? LIMIT_WRITE : 0) |
                       ((a & LIMIT_ACCESS_XSAVE) ? LIMIT_XSAVE : 0);
        } else if (check && op == INDEX_op_addl_A0_im) {
            off += param[0];
        } else if (op == INDEX_op_check_limit_A0 || limit_scope_ends(op)) {
            check = op == INDEX_op_check_limit_A0 ? param : NULL;
            off = 0;
            extent = check ? check[1] & LIMIT_EXTENT_MASK : 0; /* gen_limit_extent() */
        }
    }
}

void gen_check_ac(DisasContext *s, int size)
{
    static const GenOp checks[5] = {
        [1] = gen_op_check_ac_2_A0, [2] = gen_op_check_ac_4_A0,
        [3] = gen_op_check_ac_8_A0, [4] = gen_op_check_ac_16_A0};

    if (!(s->tb->flags & HF_AC) || size < 2)
        return;
    checks[size >= 16 ? 4 : size >= 8 ? 3 : size >= 4 ? 2 : 1]();
}

static void gen_gp_stubs(const DisasContext *s)
{
    for (int i = 0; i < s->n_gp_stubs; i++) {
        gen_set_label(gp_stubs[i].label);
        if (gp_stubs[i].cc_op != CC_OP_DYNAMIC)
            gen_op_set_cc_op((uint32_t)gp_stubs[i].cc_op);
        gen_movl_eip_im(s, gp_stubs[i].pc);
        gen_op_raise_exception_err(EXCP_GPF, 0);
        gen_op_exit_tb(0);
    }
}

/* Ops that may sit between two x87 instructions' FIP/FOP stores without
 * needing the first: any op but those that call C (which may read the
 * state, or leave for a signal frame), branch, or leave the TB.  A fault
 * in one (a guest memory access, a host #MF) is restored with the right
 * values (restore_state_to_opc). */
static int x87_ip_transparent(int op)
{
    if (op == INDEX_op_insn_start)
        return 1;
    return op >= NB_PSEUDO_OPS && !op_info[op].calls && !op_info[op].label_params &&
           op_info[op].chain_exit < 0 && op != INDEX_op_exit_tb &&
           op != INDEX_op_goto_indirect;
}

/* Does op store to guest memory, other than an x87 store?  Such a store
 * can fault into stitch's own handling of a write to the TB's own code
 * (exec/cpu-exec.c), which rolls back to the storing instruction, leaves
 * the host and runs it alone: FDP must be right there.  An x87 store
 * (the next x87_dp's own instruction) runs again and stores its own. */
static int x87_dp_barrier(int op)
{
    switch (op) {
    case INDEX_op_stb_T0_A0: case INDEX_op_stw_T0_A0: case INDEX_op_stl_T0_A0:
    case INDEX_op_stb_T1_A0: case INDEX_op_stw_T1_A0: case INDEX_op_stl_T1_A0:
    case INDEX_op_stl_env_A0: case INDEX_op_stq_env_A0: case INDEX_op_cmpxchg8b_A0:
        return 1;
    }
    return !x87_ip_transparent(op);
}

/* Drop each x87_ip (or x87_ip_host: a TB has one kind) that a later one
 * or an x87_ptr_reset overwrites with only transparent ops between
 * (translate/i386/fpu.c), and each x87_dp
 * that a later x87_dp or x87_ptr_reset overwrites with no barrier between,
 * squeezing them and their parameters out of the buffers.  A guest fault
 * of the second x87_dp's own instruction (or of a load between) leaves
 * FDP one behind in env, where nothing natively shows it: a guest
 * signal's frame has FDP only with an exception pending (#MF, whose FDP
 * comes from the host's frame, op/i386/helper-fpstate.c), and the state
 * after its handler has none. */
static void x87_ip_prune(void)
{
    static uint8_t drop[OPC_MAX];
    int n = (int)(gen_opc_ptr - gen_opc_buf), later = 0, later_dp = 0, any = 0;

    for (int i = n - 1; i >= 0; i--) {
        int op = gen_opc_buf[i];
        drop[i] = 0;
        if (op == INDEX_op_x87_ip || op == INDEX_op_x87_ip_host) {
            drop[i] = (uint8_t)later;
            any |= later;
            later = 1;
        } else if (op == INDEX_op_x87_dp) {
            drop[i] = (uint8_t)later_dp;
            any |= later_dp;
            later_dp = 1;
        } else if (op == INDEX_op_x87_ptr_reset) {
            later = later_dp = 1;
        } else {
            if (!x87_ip_transparent(op))
                later = 0;
            if (x87_dp_barrier(op))
                later_dp = 0;
        }
    }
    if (!any)
        return;
    uint16_t *out = gen_opc_buf;
    uint32_t *pout = gen_opparam_buf;
    const uint32_t *pin = gen_opparam_buf;
    for (int i = 0; i < n; i++) {
        int np = op_info[gen_opc_buf[i]].nparams;
        if (!drop[i]) {
            memmove(pout, pin, np * sizeof(*pout));
            pout += np;
            *out++ = gen_opc_buf[i];
        }
        pin += np;
    }
    gen_opc_ptr = out;
    gen_opparam_ptr = pout;
}

/* One translation of the TB; 0 if the instruction *gp_at (counted from
 * the TB's start) must be replaced by #GP(0) and the TB translated again:
 * *gp_at and *gp_end (that instruction's end) are then set. */
static int translate_tb(CPUState *env, TranslationBlock *tb, uint32_t *gp_at, uint32_t *gp_end)
{
    DisasContext s = {.tb = tb, .pc = tb->pc, .cc_op = CC_OP_DYNAMIC,
                      .cs_base = env->segs[R_CS].base,
                      .cs_limit = env->segs[R_CS].limit,
                      .code32 = (env->segs[R_CS].flags & SEG_FLAG_D) != 0};
    uint32_t icount = 0;

    if (tb->flags & ~HF_X87_STORED) {
        /* reached through the jump cache with other flags: back to the
         * loop (op/i386/cpu.h, HF_*) */
        int ok = gen_new_label();
        gen_op_check_hflags(tb->flags & ~HF_X87_STORED, (uint32_t)ok);
        gen_movl_eip_im(&s, tb->pc);
        gen_op_exit_tb(0);
        gen_set_label(ok);
    }
    if (tb->flags & HF_AC) /* for the checks' #AC; cc_op is in env */
        gen_movl_eip_im(&s, tb->pc);
    sse_cache_forget(); /* host %xmm8-15 hold nothing on entry */
    for (;;) {
        s.insn_pc = s.pc;
        gen_insn_cc_op[icount] = s.cc_dirty ? s.cc_op : CC_OP_DYNAMIC;
        gen_insn_x87[icount].set = (uint8_t)s.x87_set;
        gen_insn_x87[icount].ip = s.x87_ip;
        gen_insn_x87[icount].op = s.x87_op;
        gen_insn_start(s.pc);
        if (cpu_breakpoint_check(s.pc)) {
            /* gdb's breakpoint: stop before the instruction.  The TB
             * covers one byte of it, so that removing the breakpoint
             * (tb_invalidate_range) drops this TB too. */
            gen_exception(&s, EXCP_DEBUG, s.pc);
            s.pc++;
            icount++;
            break;
        }
        if (icount == *gp_at) {
            gen_exception_err(&s, EXCP_GPF, 0, s.insn_pc);
            s.pc = *gp_end; /* the TB still covers the instruction's bytes */
        } else if (!disas_insn_checked(&s)) {
            *gp_at = icount;
            *gp_end = s.pc;
            return 0;
        }
        icount++;
        if (s.is_jmp)
            break;
        if (tb_must_stop(&s, icount)) {
            gen_jmp_tb(&s, s.pc, 0);
            break;
        }
    }
    gen_gp_stubs(&s);
    if (tb->flags & (HF_LIMITS | HF_SS_LIMITS))
        set_limit_extents();
    if (tb->flags & HF_AC)
        insert_ac_checks();
    *gen_opc_ptr++ = INDEX_op_end;
    if (s.x87_stores > 1) /* else nothing to drop: skip the walk */
        x87_ip_prune();
    tb->size = s.pc - tb->pc;
    tb->icount = icount;
    return 1;
}

void gen_intermediate_code(CPUState *env, TranslationBlock *tb)
{
    uint32_t gp_at = TB_MAX_INSNS, gp_end = 0;

    while (!translate_tb(env, tb, &gp_at, &gp_end))
        gen_op_buf_reset();
}

/* The passes every translation of a TB runs (include/guest.h). */
int gen_optimize(int full)
{
    int removed;

    if (!full) {
        insert_reg_sync();
        return 0;
    }
    fuse_ops(0);
    removed = optimize_flags();
    fuse_ops(1);
    insert_reg_sync();
    return removed;
}
