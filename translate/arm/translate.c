/*
 * The ARM decoder (paper, section 3.1): guest instructions in, micro-ops
 * out, one translation block at a time.  Every A32 instruction carries a
 * condition (bits 31:28, ARM ARM A8.3): a conditional one is translated
 * as "if the condition fails, jump over me", a label the flag-liveness
 * pass sees through.  Bits 27:25 pick the group (A5.1, table A5-1); each
 * group's decoder names the ARM ARM section it follows.  A TB in Thumb
 * state (TB flag T) goes through thumb16.c and thumb32.c instead, with
 * the condition of an IT block (ITSTATE, disas_thumb_insn) in place of
 * bits 31:28.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "breakpoint.h"
#include "error.h"
#include "log.h"
#include "op-gen.h"
#include "passes.h"
#include "translate.h"

/* The TB stops before its next instruction would start on a new page. */
#define GUEST_PAGE_MASK (~(uint32_t)(GUEST_PAGE_SIZE - 1))
/* Labels per TB the emitter can hold (exec/emit-x86_64.h has 256). */
#define TB_MAX_LABELS 200

/* ---- branches (A5.5, A8.8.18, A8.8.25-27) ---- */

static uint32_t branch_target(const DisasContext *s, uint32_t insn)
{
    return read_pc(s) + ((uint32_t)((int32_t)(insn << 8) >> 6));
}

/* B, BL: a direct, chainable jump. */
static void disas_branch(DisasContext *s, uint32_t insn)
{
    if (BIT(insn, 24)) {
        gen_op_movl_T0_im(s->pc);
        gen_mov_reg_T0(14);
    }
    gen_jmp_tb(s, branch_target(s, insn), 0);
}

/* BLX <label> (cond = 1111): always into Thumb state, at the target plus
 * H (bit 24) * 2. */
static void disas_blx_imm(DisasContext *s, uint32_t insn)
{
    uint32_t target = branch_target(s, insn) + (BIT(insn, 24) << 1);

    gen_op_movl_T0_im(s->pc);
    gen_mov_reg_T0(14);
    gen_jmp_tb_state(s, target, 1);
}

/* BX Rm, BXJ Rm (no Jazelle: a BX, ARM ARM A8.8.28), BLX Rm. */
static void disas_bx(DisasContext *s, uint32_t insn, int link)
{
    int rm = BITS(insn, 3, 0);

    if (link && rm == 15) {
        gen_undef(s);
        return;
    }
    gen_mov_T0_reg(s, rm);
    if (link) {
        gen_op_movl_T1_im(s->pc);
        gen_mov_reg_T1(14);
    }
    gen_write_pc_T0(s);
}

/* ---- status registers (A8.8.109-113, B9.3.9-12) ---- */

/* The MSR field mask (bits 19:16: c x s f) as the CPSR bits user mode may
 * write: f = NZCVQ, s = GE; c and x are privileged and ignored. */
static uint32_t msr_mask(uint32_t insn)
{
    return (BIT(insn, 19) ? CPSR_NZCV | CPSR_Q : 0) |
           (BIT(insn, 18) ? CPSR_GE : 0);
}

static void gen_msr_T0(uint32_t insn)
{
    uint32_t mask = msr_mask(insn);

    if (mask)
        gen_op_msr_T0(mask);
}

/* MSR APSR, #imm (A8.8.111) and the hints that share its encoding with a
 * mask of 0 (A5.2.11), the same on every model: from v6K NOP, YIELD,
 * WFE, WFI and SEV, from v7 DBG, and every other hint there executes as
 * a NOP (in User mode WFI and WFE return at the next interrupt or event,
 * DBG does nothing without a debugger); before v6K the encodings are
 * MSR with an empty field mask, which writes no byte of the CPSR (the
 * ARM1176 TRM's "true NOP").  tests/arm/cpu-models.c checks each model. */
static void disas_msr_imm(DisasContext *s, uint32_t insn)
{
    uint32_t imm = BITS(insn, 7, 0), rot = BITS(insn, 11, 8) * 2;

    if (BIT(insn, 22)) { /* SPSR: none in User mode */
        gen_undef(s);
        return;
    }
    if (!BITS(insn, 19, 16))
        return;
    gen_op_movl_T0_im(rot ? (imm >> rot) | (imm << (32 - rot)) : imm);
    gen_msr_T0(insn);
}

/* ---- the miscellaneous instructions (A5.2.12) ---- */
static void disas_misc(DisasContext *s, uint32_t insn)
{
    int op = BITS(insn, 22, 21), op2 = BITS(insn, 6, 4);
    int rd = BITS(insn, 15, 12), rm = BITS(insn, 3, 0);

    if (BIT(insn, 7)) {
        if (BIT(insn, 4))
            gen_undef(s);
        else
            disas_mul_halfword(s, insn);
        return;
    }
    switch (op2) {
    case 0:
        if (BIT(insn, 22)) { /* MRS/MSR of the SPSR */
            gen_undef(s);
        } else if (op & 1) { /* MSR APSR_<fields>, Rm */
            if (rm == 15) {
                gen_undef(s);
                return;
            }
            gen_mov_T0_reg(s, rm);
            gen_msr_T0(insn);
        } else if (rd == 15) {
            gen_undef(s);
        } else { /* MRS Rd, APSR */
            gen_op_mrs_T0();
            gen_mov_reg_T0(rd);
        }
        return;
    case 1:
        if (op == 1) {
            disas_bx(s, insn, 0);
        } else if (op == 3 && rd != 15 && rm != 15) { /* CLZ */
            gen_mov_T0_reg(s, rm);
            gen_op_clz_T0();
            gen_mov_reg_T0(rd);
        } else {
            gen_undef(s);
        }
        return;
    case 2:
        if (op == 1)
            disas_bx(s, insn, 0);
        else
            gen_undef(s);
        return;
    case 3:
        if (op == 1)
            disas_bx(s, insn, 1);
        else
            gen_undef(s);
        return;
    case 5:
        disas_sat_addsub(s, insn);
        return;
    case 7:
        if (op == 1) /* BKPT: SIGTRAP at the instruction */
            gen_exception(s, EXCP_BKPT, s->insn_pc);
        else
            gen_undef(s);
        return;
    default:
        gen_undef(s);
    }
}

/* ---- bits 27:25 = 000: data processing and what hides in its gaps ---- */
static void disas_group0(DisasContext *s, uint32_t insn)
{
    if ((insn & 0x0f0000f0) == 0x00000090) {
        disas_mul_space(s, insn);
    } else if ((insn & 0x0f0000f0) == 0x01000090) {
        disas_swp_excl(s, insn);
    } else if ((insn & 0x90) == 0x90) {
        disas_ldst_extra(s, insn);
    } else if ((insn & 0x01900000) == 0x01000000) {
        disas_misc(s, insn);
    } else {
        disas_dp(s, insn);
    }
}

/* bits 27:25 = 001: data processing with an immediate, MOVW/MOVT, MSR. */
static void disas_group1(DisasContext *s, uint32_t insn)
{
    if ((insn & 0x01900000) != 0x01000000)
        disas_dp(s, insn);
    else if (BIT(insn, 21))
        disas_msr_imm(s, insn);
    else if (arm_feature(ARM_FEATURE_THUMB2)) /* MOVW/MOVT are v6T2 */
        disas_movw_movt(s, insn);
    else
        gen_undef(s);
}

/*
 * Coprocessor instructions (A5.6): bits 27:25 = 110 (LDC/STC, MCRR/MRRC)
 * or 1110 (CDP, MCR/MRC); only bits 27:0 are read (the Thumb-2 decoder
 * passes its coprocessor words in this form).  Coprocessors 10 and 11 are
 * VFP (vfp.c).  User mode reaches CP15 for two things: reading TPIDRURO
 * (MRC p15, 0, Rt, c13, c0, 3: the TLS pointer) and the ARMv6 barriers
 * (MCR p15, 0, Rt, c7, c10, 4/5 and c7, c5, 4: DSB, DMB, ISB; Linux
 * enables them with SCTLR.CP15BEN).  Everything else, including the
 * kernel's own registers, is undefined.
 */
void disas_coproc(DisasContext *s, uint32_t insn)
{
    uint32_t sel = insn & 0x0fef0fff; /* all but cond, L and Rt */
    int rt = BITS(insn, 15, 12), cp = BITS(insn, 11, 8);

    if (cp == 10 || cp == 11) {
        if (arm_feature(ARM_FEATURE_VFP))
            disas_vfp(s, insn);
        else
            gen_undef(s);
    } else if (BIT(insn, 20) && sel == 0x0e0d0f70 && rt != 15 &&
               arm_feature(ARM_FEATURE_V6K)) {
        gen_op_movl_T0_tpidruro();
        gen_mov_reg_T0(rt);
    } else if (!BIT(insn, 20) && arm_feature(ARM_FEATURE_V6) &&
               (sel == 0x0e070f9a || sel == 0x0e070fba || sel == 0x0e070f95)) {
        gen_op_dmb();
    } else {
        gen_undef(s);
    }
}

/* The memory hints of the unconditional space (A5.7.1, op1 = 1xxx x01):
 * no effect here, but each exists only from its architecture version:
 * PLD from v5TE (every model), PLI from v7, PLDW and the unallocated
 * hints (bit 22 clear) from v7 with the Multiprocessing Extensions, which
 * the only v7 model, a Cortex-A9 class core, has.  The register forms
 * with bit 4 set are UNDEFINED. */
static void disas_memory_hint(DisasContext *s, uint32_t insn)
{
    int reg = BIT(insn, 25), pld = BIT(insn, 24), r = BIT(insn, 22);

    if ((reg && BIT(insn, 4)) || ((!pld || !r) && !arm_feature(ARM_FEATURE_V7)))
        gen_undef(s);
}

/* The unconditional space (cond = 1111, A5.7): BLX <label>, the
 * barriers, CLREX, PLD/PLI, SETEND and CPS; the rest is undefined (or
 * privileged: SRS, RFE).  CLREX is v6K, the barrier instructions v7,
 * SETEND and CPS v6 (the -cpu model decides, op/arm/cpu-models.c). */
static void disas_uncond(DisasContext *s, uint32_t insn)
{
    if (BITS(insn, 27, 25) == 5) {
        disas_blx_imm(s, insn);
    } else if ((insn & 0x0ffffff0) == 0x057ff010 && BITS(insn, 3, 0) == 0xf &&
               arm_feature(ARM_FEATURE_V6K)) {
        gen_op_clrex();
    } else if (((insn & 0x0ffffff0) == 0x057ff040 ||
                (insn & 0x0ffffff0) == 0x057ff050) && arm_feature(ARM_FEATURE_V7)) {
        gen_op_dmb(); /* DSB, DMB */
    } else if ((insn & 0x0ffffff0) == 0x057ff060 && arm_feature(ARM_FEATURE_V7)) {
        /* ISB: translated code is never stale (docs/engine.md) */
    } else if ((insn & 0x0c30f000) == 0x0410f000) {
        disas_memory_hint(s, insn);
    } else if ((insn & 0x0ffffdff) == 0x01010000 && arm_feature(ARM_FEATURE_V6)) {
        if (BIT(insn, 9)) /* SETEND BE: big-endian data is not supported */
            gen_undef(s);
    } else if ((insn & 0x0ff1fe20) == 0x01000000 && arm_feature(ARM_FEATURE_V6)) {
        /* CPS: no effect in User mode (ARM ARM B9.3.2) */
    } else {
        gen_undef(s);
    }
}

void disas_arm_insn(DisasContext *s, uint32_t insn)
{
    if (BITS(insn, 31, 28) == 15) {
        disas_uncond(s, insn);
        return;
    }
    switch (BITS(insn, 27, 25)) {
    case 0:
        disas_group0(s, insn);
        break;
    case 1:
        disas_group1(s, insn);
        break;
    case 2:
        disas_ldst(s, insn);
        break;
    case 3:
        if (BIT(insn, 4))
            disas_media(s, insn);
        else
            disas_ldst(s, insn);
        break;
    case 4:
        disas_ldm_stm(s, insn);
        break;
    case 5:
        disas_branch(s, insn);
        break;
    default:
        if (BITS(insn, 27, 24) == 15) /* SVC: the number is in r7 (EABI) */
            gen_exception(s, EXCP_SYSCALL, s->pc);
        else /* LDC/STC, MCRR/MRRC, MCR/MRC, CDP: VFP and friends */
            disas_coproc(s, insn);
        break;
    }
}

/* End the run of conditional instructions sharing one test. */
static void close_skip(DisasContext *s)
{
    if (s->open_skip < 0)
        return;
    gen_set_label(s->open_skip);
    s->open_skip = -1;
}

static int ops_set_flags(const uint16_t *op, const uint16_t *end)
{
    for (; op < end; op++)
        if (op_sets_flags(*op))
            return 1;
    return 0;
}

/*
 * One instruction with its condition (14 or more: none), decoded by
 * `body`: when the condition fails, jump over the instruction's ops.  A
 * run of instructions with the same condition (`moveq r0, #1; addeq r1,
 * r1, #4`, or the "then" instructions of an IT block) shares one test and
 * one label, as long as none of them changes the flags or ends the TB.
 * If an instruction ended the TB (a branch, an exception), the skipped
 * path ends it too, with the chainable exit 1 to the next instruction.
 */
static void disas_with_cond(DisasContext *s, int cond,
                            void (*body)(DisasContext *, uint32_t), uint32_t insn)
{
    uint16_t *start;

    if (cond >= 14)
        cond = 14;
    if (cond != s->open_cond)
        close_skip(s);
    if (cond < 14 && s->open_skip < 0) {
        s->open_skip = gen_new_label();
        s->open_cond = cond;
        gen_jcc_label(cond ^ 1, s->open_skip);
    }
    start = gen_opc_ptr;
    body(s, insn);
    if (s->open_skip < 0)
        return;
    if (s->is_jmp) {
        close_skip(s);
        gen_jmp_tb(s, s->pc, 1);
    } else if (ops_set_flags(start, gen_opc_ptr)) {
        close_skip(s);
    }
}

/* A PC with bits 1:0 = 10 in ARM state (BX to such an address is
 * UNPREDICTABLE, ARM ARM A2.6.2): a PC alignment fault, SIGBUS at it, as
 * Linux reports a misaligned prefetch; never a fetch across two words. */
static void disas_arm_cond_insn(DisasContext *s)
{
    uint32_t insn;

    if (s->insn_pc & 3) {
        close_skip(s);
        s->pc = s->insn_pc + 4;
        gen_op_movl_fault_addr_im(s->insn_pc);
        gen_exception(s, EXCP_ALIGN, s->insn_pc);
        return;
    }
    memcpy(&insn, g2h(s->insn_pc), 4);
    s->insn = insn;
    s->pc = s->insn_pc + 4;
    disas_with_cond(s, (int)BITS(insn, 31, 28), disas_arm_insn, insn);
}

/* Before Thumb-2 the only 32-bit Thumb instructions are BL and BLX
 * <label>, a pair of halfwords 11110 / 111x1 (ARM ARM A6.1, ARMv5T/v6
 * Thumb): J1 = J2 = 1 in Thumb-2 terms. */
static int thumb1_bl(uint32_t insn)
{
    return (insn & 0xf800e800u) == 0xf000e800u;
}

/*
 * A Thumb instruction: one halfword, or two for a 32-bit encoding (A6.1),
 * read as hw1 << 16 | hw2.  Inside an IT block its condition is
 * ITSTATE[7:4] (A2.5.2); an IT instruction itself is never conditional.
 */
static void disas_thumb_insn(DisasContext *s)
{
    uint16_t hw1, hw2;
    uint32_t insn;

    memcpy(&hw1, g2h(s->insn_pc), 2);
    if (thumb_is_32bit(hw1)) {
        memcpy(&hw2, g2h(s->insn_pc + 2), 2);
        insn = (uint32_t)hw1 << 16 | hw2;
        s->pc = s->insn_pc + 4;
    } else {
        insn = hw1;
        s->pc = s->insn_pc + 2;
    }
    s->insn = insn;
    s->next_condexec = it_advance(s->condexec);
    if (s->pc - s->insn_pc == 4 && !arm_feature(ARM_FEATURE_THUMB2) && !thumb1_bl(insn)) {
        gen_undef(s);
        return;
    }
    disas_with_cond(s, in_it_block(s) ? (int)(s->condexec >> 4) : 14,
                    s->pc - s->insn_pc == 4 ? disas_thumb32 : disas_thumb16, insn);
}

/* A 32-bit Thumb instruction whose second halfword is on the next page
 * starts a TB of its own, so that a fault fetching it is that TB's. */
static int thumb_crosses_page(const DisasContext *s)
{
    uint16_t hw1;

    if (((s->pc + 2) & GUEST_PAGE_MASK) == (s->pc & GUEST_PAGE_MASK))
        return 0;
    memcpy(&hw1, g2h(s->pc), 2);
    return thumb_is_32bit(hw1);
}

static int tb_must_stop(const DisasContext *s, uint32_t icount)
{
    return icount >= TB_MAX_INSNS || (s->tb->cflags & CF_SINGLE_INSN) ||
           gen_buffer_nearly_full() || gen_nb_labels >= TB_MAX_LABELS ||
           (s->pc & GUEST_PAGE_MASK) != (s->tb->pc & GUEST_PAGE_MASK) ||
           (s->thumb && thumb_crosses_page(s));
}

/* Before each Thumb instruction: env->condexec := its ITSTATE, where that
 * changes (in and just after an IT block), so that a fault, a signal or
 * an exception inside the block sees the exact ITSTATE. */
static void gen_sync_condexec(DisasContext *s)
{
    if (s->thumb && s->condexec != s->env_condexec) {
        close_skip(s); /* the store must run whether or not the test passes */
        gen_op_movl_condexec_im(s->condexec);
        s->env_condexec = s->condexec;
    }
}

/*
 * The kernel's user helpers in the vectors page (linux-user/arm/kuser.c)
 * are written once, with the v7 instructions a v7 kernel puts there
 * (LDREXD, DMB, MRC TPIDRURO).  A kernel for an older core installs
 * equivalents made of that core's instructions (atomic through the
 * kernel's restart of an interrupted sequence, TLS from a word it keeps:
 * arch/arm/kernel/entry-armv.S, __kuser_helpers), which the program
 * cannot tell apart; so that page is translated with every feature,
 * whatever -cpu says.  0xffff0000 is the high vectors' address (ARM ARM
 * B1.8.1).  Translation is serialised (tb_lock), so one variable does.
 */
uint32_t tr_features;
int tr_thumb;
uint32_t tr_code_page = 1;
#define VECTORS_PAGE 0xffff0000u

void gen_intermediate_code(CPUState *env, TranslationBlock *tb)
{
    DisasContext s = {.tb = tb, .pc = tb->pc, .open_skip = -1, .open_cond = -1,
                      .thumb = tb->flags & TB_FLAG_THUMB,
                      .condexec = tb->flags >> TB_FLAG_IT_SHIFT & TB_FLAG_IT_MASK,
                      .veclen = (tb->flags & TB_FLAG_VECLEN) != 0};
    uint32_t icount = 0;

    (void)env; /* the decoder needs only the code bytes and the flags */
    tr_features = tb->pc >= VECTORS_PAGE ? ~0u : arm_features;
    tr_thumb = s.thumb != 0;
    tr_code_page = tb->pc & ~(GUEST_PAGE_SIZE - 1);
    s.env_condexec = s.next_condexec = s.condexec;
    for (;;) {
        s.insn_pc = s.pc;
        gen_insn_start(s.pc);
        gen_sync_condexec(&s);
        if (cpu_breakpoint_check(s.pc)) {
            /* gdb's breakpoint: stop before the instruction.  The TB
             * covers it, so that removing the breakpoint
             * (tb_invalidate_range) drops this TB too. */
            gen_exception(&s, EXCP_DEBUG, s.pc);
            s.pc += s.thumb ? 2 : 4;
            icount++;
            break;
        }
        if (s.thumb)
            disas_thumb_insn(&s);
        else
            disas_arm_cond_insn(&s);
        icount++;
        if (s.is_jmp)
            break;
        s.condexec = s.next_condexec;
        if (tb_must_stop(&s, icount)) {
            close_skip(&s);
            gen_jmp_tb(&s, s.pc, 0);
            break;
        }
    }
    *gen_opc_ptr++ = INDEX_op_end;
    tb->size = s.pc - tb->pc;
    tb->icount = icount;
}

/* After a fault only the PC needs restoring here, the insn_start's
 * parameter: the flags are stored by every op that defines them, or
 * rebuilt by arm_restore_flags where a pass left them out (fuse.c,
 * loop.c). */
void restore_state_to_opc(CPUState *env, int opc_index)
{
    const uint32_t *param = gen_opparam_buf;

    for (int i = 0; i < opc_index; i++)
        param += op_info[gen_opc_buf[i]].nparams;
    env->regs[15] = param[0];
}

/* The passes every translation of a TB runs (include/guest.h). */
int gen_optimize(int full)
{
    if (!full) {
        fuse_forget();
        loop_exit_forget();
        insert_reg_sync();
        return 0;
    }
    int removed = optimize_flags();

    fuse_cmp_jcc();
    loop_exit_flags();
    if_convert();
    optimize_regs();
    insert_reg_sync();
    return removed;
}
