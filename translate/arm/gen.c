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

/* ---- TB exits (docs/porting.md) ---- */

/* Direct branch: chainable exit `slot`. */
void gen_jmp_tb(DisasContext *s, uint32_t target, int slot)
{
    if (slot == 0)
        gen_op_goto_tb0();
    else
        gen_op_goto_tb1();
    gen_op_movl_pc_im(target);
    gen_op_exit_tb(tb_exit_value(s->tb, slot));
    s->is_jmp = 1;
}

/* Indirect branch to T0, env's PC already set: the jump cache is probed
 * from generated code (op_goto_indirect); with --no-chain, by the loop. */
void gen_jmp_T0(DisasContext *s)
{
    if (s->tb->cflags & CF_NO_CHAIN) {
        gen_op_exit_tb(0);
    } else {
        if (s->tb->cflags & CF_COUNT_INDIRECT)
            gen_op_count_indirect();
        gen_op_goto_indirect();
    }
    s->is_jmp = 1;
}

void gen_exception(DisasContext *s, int excp, uint32_t pc)
{
    gen_op_movl_pc_im(pc);
    gen_op_raise_exception((uint32_t)excp);
    gen_op_exit_tb(0);
    s->is_jmp = 1;
}

void gen_undef(DisasContext *s)
{
    if (log_enabled(unimp))
        log_printf(STITCH_NAME ": undefined instruction at 0x%08x: %08x\n",
                   s->insn_pc, s->insn);
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
