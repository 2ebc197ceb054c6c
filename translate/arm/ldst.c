/*
 * ARM loads and stores (ARM ARM A5.2.8-A5.3, A8.6): word and byte with an
 * immediate or a shifted register offset, the "extra" halfword, signed and
 * doubleword forms, LDM/STM, the exclusives and SWP.
 *
 * Every form computes the address into A0 (offset, pre-indexed or
 * post-indexed: P and W, bits 24 and 21), accesses memory, and only then
 * writes the base back, so a faulting access leaves the registers as they
 * were and the instruction can run again after the signal (precise faults,
 * docs/engine.md).  A loaded value is written last, so a load into the
 * base register keeps the loaded value.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "op-gen.h"
#include "translate.h"

static const GenOpParam leal_A0_reg_im[15] = BY_REG15(leal_A0_, _im);

static void gen_add_offset(const AddrMode *m)
{
    static const GenOp add_scaled[4] = {
        gen_op_addl_A0_T1, gen_op_addl_A0_T1_lsl1, gen_op_addl_A0_T1_lsl2,
        gen_op_addl_A0_T1_lsl3};

    if (m->reg_offset && m->up)
        add_scaled[m->scale]();
    else if (m->reg_offset)
        (m->up ? gen_op_addl_A0_T1 : gen_op_subl_A0_T1)();
    else if (m->imm)
        gen_op_addl_A0_im(m->up ? m->imm : -m->imm);
}

/* A0 := the access address: the base plus the offset for the P=1 forms;
 * the base alone for the post-indexed ones (gen_writeback adds it). */
static void gen_address(DisasContext *s, const AddrMode *m)
{
    if (m->rn == 15 && !m->reg_offset) {
        /* PC-relative (literal pools): the address is a constant, from
         * Align(PC, 4) (the same as the PC in ARM state). */
        uint32_t base = read_pc_aligned(s);
        gen_op_movl_A0_im(m->pre ? (m->up ? base + m->imm : base - m->imm)
                                 : base);
        return;
    }
    if (m->pre && !m->reg_offset && m->imm) {
        leal_A0_reg_im[m->rn](m->up ? m->imm : -m->imm);
        return;
    }
    gen_mov_A0_reg(s, m->rn);
    if (m->pre)
        gen_add_offset(m);
}

/* After the access: Rn := the address (pre-indexed with W), or the base
 * plus the offset (post-indexed, always written back).  Writeback to the
 * PC is UNPREDICTABLE; it is refused in decoding. */
static void gen_writeback(const AddrMode *m)
{
    static const GenOpParam addl_reg_im[15] = BY_REG15(addl_, _im);

    if (m->pre && !m->writeback)
        return;
    if (!m->pre && !m->reg_offset) {
        /* post-indexed by an immediate (`ldrb r3, [r0], #1`): one add to
         * Rn itself, rather than to A0 and then a copy of A0 to Rn */
        if (m->imm)
            addl_reg_im[m->rn](m->up ? m->imm : -m->imm);
        return;
    }
    if (!m->pre)
        gen_add_offset(m);
    gen_mov_reg_A0(m->rn);
}

static int writes_back(const AddrMode *m)
{
    return !m->pre || m->writeback;
}

/* Rt := T0 after a load; a load to the PC branches (interworking). */
static void gen_load_result(DisasContext *s, int rt)
{
    if (rt == 15)
        gen_write_pc_T0(s);
    else
        gen_mov_reg_T0(rt);
}

static const GenOp load_ops[] = {
    [LS_W] = gen_op_ldl_T0_A0, [LS_UB] = gen_op_ldub_T0_A0,
    [LS_UH] = gen_op_lduw_T0_A0, [LS_SB] = gen_op_ldsb_T0_A0,
    [LS_SH] = gen_op_ldsw_T0_A0,
};
static const GenOp store_ops[] = {
    [LS_W] = gen_op_stl_T0_A0, [LS_UB] = gen_op_stb_T0_A0,
    [LS_UH] = gen_op_stw_T0_A0,
};

/* The word and unsigned byte accesses straight to and from a register
 * (op/arm/op-reg-template.h), [kind][register]. */
static const GenOp load_reg_ops[2][15] = {
    [LS_W] = BY_REG15(ldl_, _A0), [LS_UB] = BY_REG15(ldub_, _A0)};
static const GenOp store_reg_ops[2][15] = {
    [LS_W] = BY_REG15(stl_, _A0), [LS_UB] = BY_REG15(stb_, _A0)};

/* One load or store of `kind` (LS_*), the offset already in T1 for a
 * register offset. */
void gen_load_store(DisasContext *s, const AddrMode *m, int rt, int kind, int load)
{
    int direct = (kind == LS_W || kind == LS_UB) && rt != 15;

    gen_address(s, m);
    /* A load into the base with writeback keeps the loaded value: that
     * one goes through T0 and is written last. */
    if (load && direct && !(writes_back(m) && rt == m->rn)) {
        load_reg_ops[kind][rt]();
        gen_writeback(m);
        return;
    }
    if (!load && direct) {
        store_reg_ops[kind][rt]();
        gen_writeback(m);
        return;
    }
    if (load) {
        load_ops[kind]();
        gen_writeback(m);
        gen_load_result(s, rt);
        return;
    }
    gen_mov_T0_reg(s, rt); /* STR pc stores the address + 8 (ARMv7) */
    store_ops[kind]();
    gen_writeback(m);
}

/* LDR, LDRB, STR, STRB (and the T forms, the same in User mode). */
void disas_ldst(DisasContext *s, uint32_t insn)
{
    AddrMode m = {.rn = BITS(insn, 19, 16), .pre = BIT(insn, 24),
                  .up = BIT(insn, 23), .writeback = BIT(insn, 21),
                  .reg_offset = BIT(insn, 25), .imm = BITS(insn, 11, 0)};
    int rt = BITS(insn, 15, 12), load = BIT(insn, 20), byte = BIT(insn, 22);

    if (writes_back(&m) && m.rn == 15) {
        gen_undef(s);
        return;
    }
    if (m.reg_offset && m.up && BITS(insn, 6, 4) == 0 &&
        BITS(insn, 11, 7) >= 1 && BITS(insn, 11, 7) <= 3) {
        /* An added LSL #1-#3 goes into the address's LEA instead. */
        gen_mov_T1_reg(s, BITS(insn, 3, 0));
        m.scale = (int)BITS(insn, 11, 7);
    } else if (m.reg_offset) {
        gen_shift_imm_T1(s, insn, 0);
    }
    gen_load_store(s, &m, rt, byte ? LS_UB : LS_W, load);
}

/* LDRD/STRD of Rt, Rt2 (A32: Rt even, not r14, Rt2 = Rt + 1, ARM ARM
 * A8.8.72; Thumb-2: any two). */
void gen_load_store_dual(DisasContext *s, const AddrMode *m, int rt, int rt2, int load)
{
    gen_address(s, m);
    if (load) {
        gen_op_ldl_T0_A0();
        gen_op_addl_A0_im(4);
        gen_op_ldl_T1_A0();
        gen_op_addl_A0_im(-4u);
        gen_writeback(m);
        gen_mov_reg_T0(rt);
        gen_mov_reg_T1(rt2);
        return;
    }
    gen_mov_T0_reg(s, rt);
    gen_op_stl_T0_A0();
    gen_op_addl_A0_im(4);
    gen_mov_T0_reg(s, rt2);
    gen_op_stl_T0_A0();
    gen_op_addl_A0_im(-4u);
    gen_writeback(m);
}

static void gen_ldrd_strd(DisasContext *s, const AddrMode *m, int rt, int load)
{
    if (rt & 1 || rt == 14) {
        gen_undef(s);
        return;
    }
    gen_load_store_dual(s, m, rt, rt + 1, load);
}

/* LDRH, STRH, LDRSB, LDRSH, LDRD, STRD (A5.2.8): bits 6:5 and L. */
void disas_ldst_extra(DisasContext *s, uint32_t insn)
{
    AddrMode m = {.rn = BITS(insn, 19, 16), .pre = BIT(insn, 24),
                  .up = BIT(insn, 23), .writeback = BIT(insn, 21),
                  .reg_offset = !BIT(insn, 22),
                  .imm = BITS(insn, 11, 8) << 4 | BITS(insn, 3, 0)};
    int rt = BITS(insn, 15, 12), load = BIT(insn, 20), op2 = BITS(insn, 6, 5);

    if ((writes_back(&m) && m.rn == 15) ||
        (m.reg_offset && BITS(insn, 3, 0) == 15)) {
        gen_undef(s);
        return;
    }
    /* Post-indexed with W set: LDRHT, STRHT, LDRSBT, LDRSHT (A5.2.9), from
     * v6T2; UNPREDICTABLE before, UNDEFINED here (qemu-arm runs them). */
    if (!m.pre && m.writeback && (op2 == 1 || load) && !arm_feature(ARM_FEATURE_THUMB2)) {
        gen_undef(s);
        return;
    }
    if (m.reg_offset)
        gen_mov_T1_reg(s, BITS(insn, 3, 0));
    if (op2 != 1 && !load) { /* 10: LDRD, 11: STRD */
        gen_ldrd_strd(s, &m, rt, op2 == 2);
        return;
    }
    gen_address(s, &m);
    if (!load) { /* STRH */
        gen_mov_T0_reg(s, rt);
        gen_op_stw_T0_A0();
        gen_writeback(&m);
        return;
    }
    if (op2 == 1)
        gen_op_lduw_T0_A0();
    else if (op2 == 2)
        gen_op_ldsb_T0_A0();
    else
        gen_op_ldsw_T0_A0();
    gen_writeback(&m);
    gen_load_result(s, rt);
}

/*
 * LDM/STM (ARM ARM A8.8.58-A8.8.61, A8.8.199-A8.8.202): the lowest
 * register at the lowest address; IA/IB/DA/DB start at Rn, Rn + 4,
 * Rn - 4n + 4, Rn - 4n.  Writeback happens after all the accesses, so
 *   - STM with the base in the list stores its original value (the ARM ARM
 *     defines this when it is the lowest register of the list);
 *   - LDM with the base in the list keeps the loaded value (UNPREDICTABLE
 *     with writeback on ARMv7; the earlier rule, and what QEMU does);
 *   - LDM with the PC in the list is an interworking return (BXWritePC),
 *     the PC loaded last.
 * The S bit (user registers / exception return) is UNPREDICTABLE in User
 * mode: refused, as is an empty list.
 */
void disas_ldm_stm(DisasContext *s, uint32_t insn)
{
    int rn = BITS(insn, 19, 16), pre = BIT(insn, 24), up = BIT(insn, 23);
    int writeback = BIT(insn, 21), load = BIT(insn, 20);
    uint32_t list = BITS(insn, 15, 0), n = (uint32_t)__builtin_popcount(list);
    uint32_t start = up ? (pre ? 4 : 0) : -4 * n + (pre ? 0 : 4);
    int base_loaded = 0;

    if (BIT(insn, 22) || list == 0 || rn == 15) {
        gen_undef(s);
        return;
    }
    gen_mov_A0_reg(s, rn);
    if (start)
        gen_op_addl_A0_im(start);
    for (int r = 0, left = (int)n; r < 16; r++) {
        if (!(list & (1u << r)))
            continue;
        if (load && r != rn && r < 15) {
            load_reg_ops[LS_W][r]();
        } else if (load) {
            gen_op_ldl_T0_A0();
            if (r == rn) {
                gen_op_movl_t2_T0();
                base_loaded = 1;
            } else if (r < 15) {
                gen_mov_reg_T0(r);
            }
        } else if (r < 15) {
            store_reg_ops[LS_W][r]();
        } else {
            gen_mov_T0_reg(s, r);
            gen_op_stl_T0_A0();
        }
        if (--left)
            gen_op_addl_A0_im(4);
    }
    if (load && (list & 0x8000))
        gen_op_movl_t3_T0();
    if (writeback) {
        gen_mov_A0_reg(s, rn);
        gen_op_addl_A0_im(up ? 4 * n : -4 * n);
        gen_mov_reg_A0(rn);
    }
    if (base_loaded) {
        gen_op_movl_T0_t2();
        gen_mov_reg_T0(rn);
    }
    if (load && (list & 0x8000)) {
        gen_op_movl_T0_t3();
        gen_write_pc_T0(s);
    }
}

/*
 * The synchronisation primitives (A5.2.10): SWP/SWPB, LDREX/STREX and
 * their B/H/D forms (bits 22:21 = word, doubleword, byte, halfword).
 * STREX Rd, Rt, [Rn] writes 0 to Rd on success, 1 on failure.  The PC is
 * stored first: an unaligned exclusive raises EXCP_ALIGN from a helper.
 */
static const GenOp ldrex_ops[4] = {gen_op_ldrexl_T0_A0, gen_op_ldrexd_T0_A0,
                                   gen_op_ldrexb_T0_A0, gen_op_ldrexh_T0_A0};
static const GenOp strex_ops[4] = {gen_op_strexl_T0_A0, gen_op_strexd_T0_A0,
                                   gen_op_strexb_T0_A0, gen_op_strexh_T0_A0};

void gen_exclusive(DisasContext *s, int size, int load, int rn, uint32_t offset,
                   int rt, int rt2, int rd)
{
    gen_op_movl_pc_im(s->insn_pc);
    gen_mov_A0_reg(s, rn);
    if (offset)
        gen_op_addl_A0_im(offset);
    if (load) {
        ldrex_ops[size]();
        gen_mov_reg_T0(rt);
        if (size == 1)
            gen_mov_reg_T1(rt2);
        return;
    }
    gen_mov_T0_reg(s, rt);
    if (size == 1)
        gen_mov_T1_reg(s, rt2);
    strex_ops[size]();
    gen_mov_reg_T0(rd);
}

static void disas_excl(DisasContext *s, uint32_t insn)
{
    int rn = BITS(insn, 19, 16), rd = BITS(insn, 15, 12), rt = BITS(insn, 3, 0);
    int size = BITS(insn, 22, 21), load = BIT(insn, 20);
    int first = load ? rd : rt; /* the (first) data register */

    /* LDREX/STREX are v6, the byte, halfword and doubleword forms v6K. */
    if (!arm_feature(size ? ARM_FEATURE_V6K : ARM_FEATURE_V6) ||
        rn == 15 || rd == 15 || (size == 1 && (first & 1 || first == 14)) ||
        (!load && (rt == 15 || rd == rn || rd == rt ||
                   (size == 1 && rd == rt + 1)))) {
        gen_undef(s);
        return;
    }
    if (load) /* LDREX Rt, [Rn]: Rt in bits 15:12 */
        gen_exclusive(s, size, 1, rn, 0, rd, rd + 1, 0);
    else
        gen_exclusive(s, size, 0, rn, 0, rt, rt + 1, rd);
}

void disas_swp_excl(DisasContext *s, uint32_t insn)
{
    int rn = BITS(insn, 19, 16), rt = BITS(insn, 15, 12), rt2 = BITS(insn, 3, 0);

    if (BIT(insn, 23)) {
        if (BITS(insn, 11, 8) != 0xf) {
            gen_undef(s);
            return;
        }
        disas_excl(s, insn);
        return;
    }
    /* SWP{B} Rt, Rt2, [Rn]: bits 21:20 and 11:8 must be zero. */
    if (BITS(insn, 21, 20) || BITS(insn, 11, 8) || rn == 15 || rt == 15 ||
        rt2 == 15) {
        gen_undef(s);
        return;
    }
    gen_mov_A0_reg(s, rn);
    gen_mov_T0_reg(s, rt2);
    (BIT(insn, 22) ? gen_op_swpb_T0_A0 : gen_op_swpl_T0_A0)();
    gen_mov_reg_T0(rt);
}
