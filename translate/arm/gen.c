/*
 * Code-generation building blocks of the ARM translator: registers (r15
 * read as a constant, written as a branch), TB exits, exceptions and the
 * condition test.  Each appends micro-ops (op/arm/op-*.c) through the
 * dyngen-generated gen_op_*() front end (build/gen/arm/op-gen.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cond.h"
#include "error.h"
#include "log.h"
#include "op-gen.h"
#include "translate.h"

static const GenOp movl_T0_reg[15] = BY_REG15(movl_T0_, );
static const GenOp movl_T1_reg[15] = BY_REG15(movl_T1_, );
static const GenOp movl_A0_reg[15] = BY_REG15(movl_A0_, );
static const GenOp movl_reg_T0[15] = BY_REG15(movl_, _T0);
static const GenOp movl_reg_T1[15] = BY_REG15(movl_, _T1);
static const GenOp movl_reg_A0[15] = BY_REG15(movl_, _A0);

/* Reading r15 gives the instruction's address + 8, known now: a constant,
 * never the run-time regs[15] (which holds the next TB's PC). */
void gen_mov_T0_reg(DisasContext *s, int reg)
{
    if (reg == 15)
        gen_op_movl_T0_im(read_pc(s));
    else
        movl_T0_reg[reg]();
}

void gen_mov_T1_reg(DisasContext *s, int reg)
{
    if (reg == 15)
        gen_op_movl_T1_im(read_pc(s));
    else
        movl_T1_reg[reg]();
}

void gen_mov_A0_reg(DisasContext *s, int reg)
{
    if (reg == 15)
        gen_op_movl_A0_im(read_pc(s));
    else
        movl_A0_reg[reg]();
}

void gen_mov_reg_T0(int reg) { movl_reg_T0[reg](); }
void gen_mov_reg_T1(int reg) { movl_reg_T1[reg](); }
void gen_mov_reg_A0(int reg) { movl_reg_A0[reg](); }

void gen_write_pc_T0(DisasContext *s)
{
    gen_op_bx_T0();
    gen_jmp_T0(s);
}

void gen_alu_write_pc_T0(DisasContext *s)
{
    if (!s->thumb) {
        gen_write_pc_T0(s);
        return;
    }
    gen_op_branch_T0_thumb();
    gen_jmp_T0(s);
}

/* ---- TB exits (docs/porting.md) ---- */

/* Before an exit past the current instruction: the next TB is looked up
 * (and chained) by the ITSTATE that follows it (translate.c,
 * gen_sync_condexec, keeps env's copy). */
static void gen_exit_condexec(DisasContext *s)
{
    if (s->thumb && s->next_condexec != s->env_condexec)
        gen_op_movl_condexec_im(s->next_condexec);
}

/* Direct branch: chainable exit `slot`; one to a pc above the TB's own
 * start skips the exit-request test (tb_exit_needs_check(), exec.h). */
void gen_jmp_tb(DisasContext *s, uint32_t target, int slot)
{
    gen_exit_condexec(s);
    if (!tb_exit_needs_check(s->tb, target))
        slot == 0 ? gen_op_goto_tb0_fwd() : gen_op_goto_tb1_fwd();
    else if (slot == 0)
        gen_op_goto_tb0();
    else
        gen_op_goto_tb1();
    gen_op_movl_pc_im(target);
    gen_op_exit_tb(tb_exit_value(s->tb, slot));
    s->is_jmp = 1;
}

void gen_jmp_tb_state(DisasContext *s, uint32_t target, int thumb)
{
    gen_op_movl_thumb_im((uint32_t)thumb);
    gen_jmp_tb(s, target, 0);
}

/* Indirect branch to T0, env's PC already set: the jump cache is probed
 * from generated code (op_goto_indirect_arm, which checks the state too);
 * with --no-chain, by the loop.  A branch ends any IT block, so ITSTATE
 * is 0 after it. */
void gen_jmp_T0(DisasContext *s)
{
    gen_exit_condexec(s);
    if (s->tb->cflags & CF_NO_CHAIN) {
        gen_op_exit_tb(0);
    } else {
        if (s->tb->cflags & CF_COUNT_INDIRECT)
            gen_op_count_indirect();
        gen_op_goto_indirect_arm();
    }
    s->is_jmp = 1;
}

/* An exception at the instruction itself sees its own ITSTATE (already in
 * env); one after it (SVC) the next instruction's. */
void gen_exception(DisasContext *s, int excp, uint32_t pc)
{
    if (pc != s->insn_pc)
        gen_exit_condexec(s);
    gen_op_movl_pc_im(pc);
    gen_op_raise_exception((uint32_t)excp);
    gen_op_exit_tb(0);
    s->is_jmp = 1;
}

void gen_undef(DisasContext *s)
{
    if (log_enabled(unimp))
        log_printf(STITCH_NAME ": undefined %s instruction at 0x%08x: %0*x\n",
                   s->thumb ? "Thumb" : "ARM", s->insn_pc,
                   s->thumb && !thumb_is_32bit(s->insn >> 16) ? 4 : 8, s->insn);
    gen_exception(s, EXCP_UDEF, s->insn_pc);
}

typedef void (*GenOpLabel)(uint32_t label);

static const GenOpLabel jcc_label[14] = {
#define JCC_ENTRY(name, num, expr, reads) [num] = gen_op_j##name##_label,
    ARM_COND_LIST(JCC_ENTRY)
#undef JCC_ENTRY
};

void gen_jcc_label(int cond, int label)
{
    jcc_label[cond]((uint32_t)label);
}
