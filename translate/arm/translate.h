/*
 * The ARM translator's internal interface: the decoding context of one TB
 * and the building blocks (translate/arm/gen.c) the instruction groups are
 * written with: data processing (dp.c), loads and stores (ldst.c),
 * multiplies and saturating arithmetic (mul.c), media and v6T2 (media.c),
 * the rest and the dispatch (translate.c); Thumb: the 16-bit encodings
 * (thumb16.c), the 32-bit ones (thumb32.c) and IT blocks (translate.c: disas_thumb_insn).
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
    int thumb;         /* decoding Thumb code (TB flag T) */
    /* Thumb: ITSTATE of the current instruction and of the next one
     * (translate.c); env->condexec holds `condexec` while the instruction runs. */
    uint32_t condexec;
    uint32_t next_condexec;
    uint32_t env_condexec; /* what env->condexec holds here at run time */
    int veclen;        /* FPSCR.Len is not 0 (TB flag VECLEN, op/arm/cpu.h) */
} DisasContext;

/* The architecture features of the code being translated: the -cpu
 * model's (arm_features, op/arm/cpu-models.c), except in the vectors page
 * (translate.c, gen_intermediate_code).  An instruction of a feature the
 * model lacks is UNDEFINED there: SIGILL at its address, as on that CPU. */
extern uint32_t tr_features;
/* The TB being translated is in Thumb state; the guest page the decoder
 * read its first instruction from (1, no page, outside a translation:
 * the unit tests' op streams have no guest memory behind them). */
extern int tr_thumb;
extern uint32_t tr_code_page;

static inline int arm_feature(uint32_t f)
{
    return (tr_features & f) == f;
}

/* The value an instruction reads for the PC: its address + 8 in ARM
 * state, + 4 in Thumb state (ARM ARM A2.3); the register-shifted
 * data-processing forms read + 12 on the cores that define them (ARMv5),
 * which is what they get here. */
static inline uint32_t read_pc(const DisasContext *s)
{
    return s->insn_pc + (s->thumb ? 4 : 8);
}

/* Align(PC, 4): the base of the PC-relative loads and of ADR. */
static inline uint32_t read_pc_aligned(const DisasContext *s)
{
    return read_pc(s) & ~3u;
}

/* Inside an IT block (ARM ARM A2.5.2: ITSTATE[3:0] != 0). */
static inline int in_it_block(const DisasContext *s)
{
    return (s->condexec & 0xf) != 0;
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
/* A write of T0 to the PC by a data-processing instruction (ALUWritePC):
 * interworking in ARM state, a plain branch in Thumb state. */
void gen_alu_write_pc_T0(DisasContext *s);

/* ---- control flow and exceptions (gen.c) ---- */
void gen_jmp_tb(DisasContext *s, uint32_t target, int slot);
/* A direct branch into the other state (BL/BLX <label>); `thumb`: the
 * state the target runs in. */
void gen_jmp_tb_state(DisasContext *s, uint32_t target, int thumb);
void gen_jmp_T0(DisasContext *s);  /* PC already set from T0 */
void gen_exception(DisasContext *s, int excp, uint32_t pc);
/* An undefined instruction: SIGILL at its address; -d unimp names it. */
void gen_undef(DisasContext *s);
/* Jump to `label` if ARM condition `cond` (0-13) holds. */
void gen_jcc_label(int cond, int label);

/* ---- the instruction groups ---- */
/* One A32 instruction, its condition already applied (translate.c); the
 * Thumb decoders pass the A32 form of an instruction both states have. */
void disas_arm_insn(DisasContext *s, uint32_t insn);
void disas_dp(DisasContext *s, uint32_t insn);        /* dp.c */
/* Data-processing operation `op` (the A32 opcode, bits 24:21, or DP_ORN)
 * of Rn and the operand already in T1 (with the shifter's carry set for
 * S): the result to Rd, the flags for `set`. */
enum { DP_ORN = 16 };
void gen_dp_T1(DisasContext *s, int op, int set, int rd, int rn);
/* Whether op's S form takes C from the shifter (AND, EOR, ORR, ...). */
int dp_is_logical(int op);
/* The shifter operand of a data-processing or load/store register form
 * into T1; `carry`: also set C to its carry-out (S forms of logical ops). */
void gen_shift_imm_T1(DisasContext *s, uint32_t insn, int carry);
void disas_ldst(DisasContext *s, uint32_t insn);      /* ldst.c */
void disas_ldst_extra(DisasContext *s, uint32_t insn);
void disas_ldm_stm(DisasContext *s, uint32_t insn);
void disas_swp_excl(DisasContext *s, uint32_t insn);
/* The decoded addressing of a single load or store (ldst.c). */
typedef struct AddrMode {
    int rn;
    int pre, up, writeback;
    int reg_offset;     /* offset in T1 (computed by the caller) */
    int scale;          /* reg_offset, up: the offset is T1 << scale (0-3) */
    uint32_t imm;       /* immediate offset */
} AddrMode;
enum { LS_W, LS_UB, LS_UH, LS_SB, LS_SH };
void gen_load_store(DisasContext *s, const AddrMode *m, int rt, int kind, int load);
void gen_load_store_dual(DisasContext *s, const AddrMode *m, int rt, int rt2, int load);
/* LDREX/STREX: size 0 word, 1 doubleword, 2 byte, 3 halfword; rd the
 * status register of a store; A0 = Rn + offset. */
void gen_exclusive(DisasContext *s, int size, int load, int rn, uint32_t offset,
                   int rt, int rt2, int rd);
void disas_mul_space(DisasContext *s, uint32_t insn); /* mul.c */
void disas_mul_halfword(DisasContext *s, uint32_t insn);
void disas_sat_addsub(DisasContext *s, uint32_t insn);
void disas_media(DisasContext *s, uint32_t insn);     /* media.c */
void disas_movw_movt(DisasContext *s, uint32_t insn);
/* VFPv3-D16 (vfp.c): an instruction of coprocessor 10 or 11, bits 27:0
 * of its A32 form (the caller handles the condition). */
void disas_vfp(DisasContext *s, uint32_t insn);
/* The coprocessor space (A5.6; Thumb-2 coprocessor instructions arrive as
 * their A32 form, A6.3.18). */
void disas_coproc(DisasContext *s, uint32_t insn);

/* ---- Thumb (thumb16.c, thumb32.c; IT blocks in translate.c) ---- */
void disas_thumb16(DisasContext *s, uint32_t insn);
void disas_thumb32(DisasContext *s, uint32_t insn);
/* Whether the halfword starts a 32-bit instruction (A6.1). */
static inline int thumb_is_32bit(uint32_t hw1)
{
    return (hw1 >> 11) >= 0x1d;
}
/* ITSTATE after an instruction (ITAdvance, A2.5.2). */
static inline uint32_t it_advance(uint32_t it)
{
    return (it & 7) == 0 ? 0 : (it & 0xe0) | ((it << 1) & 0x1f);
}

/* optimize-flags.c: the flag-liveness pass (paper, section 3.4); returns
 * how many flag ops it removed or simplified. */
int optimize_flags(void);
/* Whether op may change N, Z, C or V. */
int op_sets_flags(int op);
/* The flags (FL_*) an op reads for its own work, not counting those an
 * op that may fault keeps alive for the signal context. */
int op_reads_flags(int op);
/* fuse.c: a CMP and the conditional instruction after it as one op;
 * returns how many it fused. */
int fuse_cmp_jcc(void);
/* A CMP the fuse pass moved down to its condition test past other
 * instructions: between cmp_pc and test_pc the flags in env are older. */
typedef struct SunkCmp {
    uint32_t cmp_pc, test_pc;
    int8_t rx, ry; /* cmp rX, rY; ry < 0: cmp rX, #imm */
    uint32_t imm;
} SunkCmp;
#define MAX_SUNK_CMPS 8
/* The last translation's sunk compare tested at test_pc, or NULL. */
const SunkCmp *fuse_sunk_cmp(uint32_t test_pc);
/* What the last translation's fuse pass recorded is stale. */
void fuse_forget(void);
/* After a fault in the last translation (cpu_restore_state), with the
 * registers in env: the flags of a compare sunk past the faulting
 * instruction. */
void fuse_restore_flags(CPUState *env);
/* loop.c: a TB that loops back to its own start by a compare stores no
 * flags on the way round; returns 1 if it changed the TB. */
int loop_exit_flags(void);
/* What the last translation's loop_exit_flags() recorded is stale. */
void loop_exit_forget(void);
/* Conditional instructions that write one register as a CMOV
 * (translate/arm/ifconv.c); returns how many. */
int if_convert(void);


#endif
