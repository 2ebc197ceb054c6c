/*
 * The ARM translator's internal interface: the decoding context of one TB
 * and the building blocks (translate/arm/gen.c) the instruction groups are
 * written with: data processing (dp.c), loads and stores (ldst.c),
 * multiplies and saturating arithmetic (mul.c), media and v6T2 (media.c),
 * the rest and the dispatch (translate.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_ARM_TRANSLATE_H
#define STITCH_ARM_TRANSLATE_H

#include <stdint.h>

#include "exec.h"
#include "guest.h"
#include "op-buf.h"

typedef void (*GenOp)(void);
typedef void (*GenOpParam)(uint32_t);

/* Op tables indexed by register number, from the gen_op_*() front end
 * (build/gen/arm/op-gen.h): BY_REG16 for loads (r15 included: the engine
 * reads it), BY_REG15 for stores (a write to r15 is a branch). */
#define REGOP(pre, n, post) gen_op_##pre##r##n##post
#define BY_REG15(pre, post)                                                \
    {                                                                      \
        REGOP(pre, 0, post), REGOP(pre, 1, post), REGOP(pre, 2, post),     \
            REGOP(pre, 3, post), REGOP(pre, 4, post), REGOP(pre, 5, post), \
            REGOP(pre, 6, post), REGOP(pre, 7, post), REGOP(pre, 8, post), \
            REGOP(pre, 9, post), REGOP(pre, 10, post),                     \
            REGOP(pre, 11, post), REGOP(pre, 12, post),                    \
            REGOP(pre, 13, post), REGOP(pre, 14, post)                     \
    }

/* Bits hi..lo of an instruction word. */
#define BITS(insn, hi, lo) (((insn) >> (lo)) & ((1u << ((hi) - (lo) + 1)) - 1))
#define BIT(insn, n) (((insn) >> (n)) & 1)

typedef struct DisasContext {
    TranslationBlock *tb;
    uint32_t insn_pc;  /* address of the current instruction */
    uint32_t pc;       /* address of the next one */
    uint32_t insn;
    int is_jmp;        /* the TB ends after this instruction */
    /* The label that instructions of condition open_cond jump to when it
     * fails, kept open across a run of them that leaves the flags alone
     * (translate.c, disas_cond_insn); -1 when none is open. */
    int open_skip;
    int open_cond;
} DisasContext;

/* The value an instruction reads for the PC: its address + 8 (ARM ARM
 * A2.3); the register-shifted data-processing forms read + 12 on the
 * cores that define them (ARMv5), which is what they get here. */
static inline uint32_t read_pc(const DisasContext *s)
{
    return s->insn_pc + 8;
}

/* ---- registers (gen.c) ---- */
void gen_mov_T0_reg(DisasContext *s, int reg);
void gen_mov_T1_reg(DisasContext *s, int reg);
void gen_mov_A0_reg(DisasContext *s, int reg);
/* reg := T0 / T1 / A0; reg must not be the PC (see gen_write_pc_T0). */
void gen_mov_reg_T0(int reg);
void gen_mov_reg_T1(int reg);
void gen_mov_reg_A0(int reg);
/* A write of T0 to the PC by a load or a data-processing instruction
 * (ARM ARM A2.6.2, BXWritePC on ARMv7): an indirect branch, interworking
 * on bit 0. */
void gen_write_pc_T0(DisasContext *s);

/* ---- control flow and exceptions (gen.c) ---- */
void gen_jmp_tb(DisasContext *s, uint32_t target, int slot);
void gen_jmp_T0(DisasContext *s);  /* PC already set from T0 */
void gen_exception(DisasContext *s, int excp, uint32_t pc);
/* An undefined instruction: SIGILL at its address; -d unimp names it. */
void gen_undef(DisasContext *s);
/* Jump to `label` if ARM condition `cond` (0-13) holds. */
void gen_jcc_label(int cond, int label);

/* ---- the instruction groups ---- */
void disas_dp(DisasContext *s, uint32_t insn);        /* dp.c */
/* The shifter operand of a data-processing or load/store register form
 * into T1; `carry`: also set C to its carry-out (S forms of logical ops). */
void gen_shift_imm_T1(DisasContext *s, uint32_t insn, int carry);
void disas_ldst(DisasContext *s, uint32_t insn);      /* ldst.c */
void disas_ldst_extra(DisasContext *s, uint32_t insn);
void disas_ldm_stm(DisasContext *s, uint32_t insn);
void disas_swp_excl(DisasContext *s, uint32_t insn);
void disas_mul_space(DisasContext *s, uint32_t insn); /* mul.c */
void disas_mul_halfword(DisasContext *s, uint32_t insn);
void disas_sat_addsub(DisasContext *s, uint32_t insn);
void disas_media(DisasContext *s, uint32_t insn);     /* media.c */
void disas_movw_movt(DisasContext *s, uint32_t insn);
/* VFPv3-D16 (vfp.c): an instruction of coprocessor 10 or 11, bits 27:0
 * of its A32 form (the caller handles the condition). */
void disas_vfp(DisasContext *s, uint32_t insn);

/* optimize-flags.c: the flag-liveness pass (paper, section 3.4); returns
 * how many flag ops it removed or simplified. */
int optimize_flags(void);
/* Whether op may change N, Z, C or V. */
int op_sets_flags(int op);


#endif
