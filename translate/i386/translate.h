/*
 * The i386 translator's internal interface: the decoding context of one TB
 * and the code-generation building blocks (translate/i386/gen.c) the
 * instruction decoder (translate/i386/translate.c) is written with.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_TRANSLATE_H
#define STITCH_TRANSLATE_H

#include <stdint.h>

#include "cc-op.h"
#include "exec.h"
#include "guest.h"
#include "op-buf.h"

typedef void (*GenOp)(void);

/* Op tables indexed by register number or operand size, from the
 * gen_op_*() front end (build/gen/<guest>/op-gen.h). */
#define BY_REG(pre, post)                                                  \
    {                                                                      \
        gen_op_##pre##EAX##post, gen_op_##pre##ECX##post,                  \
            gen_op_##pre##EDX##post, gen_op_##pre##EBX##post,              \
            gen_op_##pre##ESP##post, gen_op_##pre##EBP##post,              \
            gen_op_##pre##ESI##post, gen_op_##pre##EDI##post               \
    }
/* The same, as op numbers (for passes that look at the op stream). */
#define BY_REG_IDX(pre, post)                                              \
    {INDEX_op_##pre##EAX##post, INDEX_op_##pre##ECX##post,                 \
     INDEX_op_##pre##EDX##post, INDEX_op_##pre##EBX##post,                 \
     INDEX_op_##pre##ESP##post, INDEX_op_##pre##EBP##post,                 \
     INDEX_op_##pre##ESI##post, INDEX_op_##pre##EDI##post}
#define BY_REG4(pre, post)                                                 \
    {                                                                      \
        gen_op_##pre##EAX##post, gen_op_##pre##ECX##post,                  \
            gen_op_##pre##EDX##post, gen_op_##pre##EBX##post               \
    }
#define BY_SIZE(pre, post)                                                 \
    {                                                                      \
        gen_op_##pre##b##post, gen_op_##pre##w##post, gen_op_##pre##l##post \
    }

/* Operand sizes, also the index of the b/w/l op variants. */
enum { OT_BYTE, OT_WORD, OT_LONG };

/* Prefix bits (SDM vol. 2, 2.1.1). */
#define PREFIX_REPZ 1
#define PREFIX_REPNZ 2
#define PREFIX_LOCK 4
#define PREFIX_DATA 8 /* 0x66, whatever operand size it selects */

typedef struct DisasContext {
    TranslationBlock *tb;
    uint32_t pc;       /* next guest byte to decode */
    uint32_t insn_pc;  /* first byte of the current instruction */
    int prefix;        /* PREFIX_* of the current instruction */
    int override;      /* segment override (R_ES ...) or -1 */
    int dflag;         /* 1: 32-bit operand size, 0: 16-bit */
    int aflag;         /* 1: 32-bit addressing, 0: 16-bit */
    /* The code segment (TB flags HF_CS_*): pc is linear, EIP = pc -
     * cs_base, within cs_limit; code32 = CS.D, the default operand and address size that
     * 0x66 and 0x67 invert (SDM vol. 1, 3.6). */
    uint32_t cs_base;
    uint32_t cs_limit;
    int code32;
    /* A LOCKed read-modify-write of memory: the label its compare-and-swap
     * loop goes back to (gen_load_rm_T0), or -1. */
    int lock_label;
    /*
     * Lazy flags (paper, section 3.4): cc_op is the kind the last flag
     * setter recorded, known while translating; CC_OP_DYNAMIC when only
     * env->cc_op knows.  cc_dirty: env->cc_op is not yet stored.
     */
    int cc_op;
    int cc_dirty;
    int dyn_rot;       /* CC_OP_DYNAMIC, and env->cc_op has CC_OP_ROT */
    int is_jmp;        /* the TB ends after this instruction */
    /* POP Ev: added to an ESP base, since the SDM computes the address
     * after ESP moves, while ESP itself moves only once the store is done
     * (a faulting store leaves it alone). */
    uint32_t esp_bias;
    int n_gp_stubs; /* #GP(0) stubs at the TB's end (gen_check_align16) */
    /* The parameters of the segment-limit check the last memory operand
     * got (gen_seg_base()), or NULL: gen_limit_extent() sizes it. */
    uint32_t *limit_check;
    /* Set around the address of a gather or masked move, whose helper
     * checks each active element (gen_lea_deferred()): gen_seg_base()
     * then emits no check, and records the segment to check in
     * deferred_seg (-1: none). */
    int defer_limit;
    int deferred_seg;
    /* FIP and FOP as the TB's x87 instructions so far left them, if
     * x87_set (translate/i386/fpu.c). */
    int x87_set;
    uint32_t x87_ip, x87_op;
    int x87_stores; /* x87_ip and x87_ptr_reset ops in the TB */
} DisasContext;

/* ---- guest code fetch ---- */
uint32_t fetch_b(DisasContext *s);
uint32_t fetch_w(DisasContext *s);
uint32_t fetch_l(DisasContext *s);
uint32_t fetch_imm(DisasContext *s, int ot); /* zero-extended */
uint32_t fetch_simm(DisasContext *s, int ot); /* sign-extended */

/* ---- lazy condition codes ---- */
void set_cc_op(DisasContext *s, int op);
void gen_update_cc_op(DisasContext *s);
/* An op stored env->cc_op itself: the static kind is `op` from now on. */
void cc_op_stored(DisasContext *s, int op);
/* T0 = 1 if condition `cc` (Jcc encoding 0-15, SDM vol. 2 Jcc) holds,
 * tested on the recorded flags where the kind allows (op/i386/cc-op.h). */
void gen_cond_T0(DisasContext *s, int cc);
/* Jump to `label` if condition `cc` holds: one op in the common cases. */
void gen_jcc_label(DisasContext *s, int cc, int label);
/* Jcc `cc` right after CMP or TEST r32: gen_take_cmp() removes the
 * instruction's cmpl/testl_T0_T1_cc (returns 0 if the last op is not one
 * it can fuse), then gen_jcc_cmp_label() compares and jumps in one op,
 * recording the same flags. */
int gen_take_cmp(DisasContext *s, int cc);
void gen_jcc_cmp_label(DisasContext *s, int cc, int label);
/* Record the flags of INC/DEC with result T0 (CF carried over). */
void gen_update_inc_cc(DisasContext *s);
/* cc_aux = CF of the recorded flags (0/1): the carry-in of ADC/SBB. */
void gen_carry_to_aux(DisasContext *s);
/* The ADC/SBB kinds, whose carry-in lives in cc_aux (op/i386/cc-op.h). */
int cc_kind_uses_aux(int op);

/* ---- registers and memory by operand size ---- */
void gen_mov_T0_reg(int ot, int reg); /* zero-extends b/w */
void gen_mov_T1_reg(int ot, int reg);
void gen_mov_reg_T0(int ot, int reg);
void gen_mov_reg_T1(int ot, int reg);
void gen_mov_reg_A0(int ot, int reg);
void gen_ld_T0(int ot);
void gen_ld_T1(int ot);
void gen_st_T0(int ot);
void gen_st_T1(int ot);

/* ModRM/SIB (SDM vol. 2, 2.1.5) -> A0; `seg` adds the segment base.
 * Returns the default segment (R_DS or R_SS). */
int gen_lea_modrm(DisasContext *s, int modrm, int seg);
/* The memory operand just addressed is `size` bytes (a write if `write`),
 * for an access the limit pass cannot size from its op's name
 * (translate/i386/translate.c, "Segment limits"). */
void gen_limit_extent(DisasContext *s, int size, int write);
/* A VSIB memory operand (32-bit addressing, ModRM.rm = 100b): A0 :=
 * segment base + base + disp; returns the vector index register | scale
 * << 3. */
int gen_lea_vsib(DisasContext *s, int modrm);
/* A0 += base of the override segment (or `def`), if it has one; #GP(0)
 * if it is null. */
void gen_add_seg(DisasContext *s, int def);
/* The same for segment `seg` (string destinations: ES, no override). */
void gen_seg_base(DisasContext *s, int seg);
/* `seg` is flat (base 0, not null) in this TB. */
int gen_seg_is_flat(const DisasContext *s, int seg);
/* Load the r/m operand into T0 (A0 = its address when in memory). */
void gen_load_rm_T0(DisasContext *s, int modrm, int ot);
/* Store T0 back to the r/m operand loaded by gen_load_rm_T0. */
void gen_store_rm_T0(DisasContext *s, int modrm, int ot);
/* Load the memory operand at A0 (the first half of gen_load_rm_T0, for
 * callers that adjust A0 themselves). */
void gen_load_mem_T0(DisasContext *s, int modrm, int ot);
/* Store T0 to the memory operand at A0 that gen_load_rm_T0 loaded. */
void gen_store_mem_T0(DisasContext *s, int ot);
/* Is this a LOCKed instruction on a memory operand? */
int gen_locked(const DisasContext *s, int modrm);

/* ---- stack ---- */
void gen_push_T0(DisasContext *s, int ot);
void gen_pop_T0(DisasContext *s, int ot);      /* load only */
void gen_pop_update(DisasContext *s, int ot);  /* ESP += size */
/* Both: T0 := the top of the stack, then ESP += size. */
void gen_pop_T0_update(DisasContext *s, int ot);
/* SS is flat (no base, no limit): the push and pop ops apply. */
int gen_stack_is_flat(const DisasContext *s);
/* A0 (a stack offset) := its linear address, checked against SS. */
void gen_stack_seg(DisasContext *s);
/* Check the size bytes at ESP + off against SS's limit. */
void gen_stack_check(DisasContext *s, int32_t off, int size, int write);
/* ESP += delta, ESP := A0 (SP alone with a 16-bit SS, HF_SS16). */
void gen_stack_add(DisasContext *s, uint32_t delta);
void gen_stack_set_A0(DisasContext *s);

/* ---- control transfer and exceptions ---- */
/* env->eip := the EIP of linear address `pc` in this TB's code segment. */
void gen_movl_eip_im(const DisasContext *s, uint32_t pc);
/* T0 := the EIP of `pc` (a return address to push). */
void gen_movl_T0_eip(const DisasContext *s, uint32_t pc);
void gen_jmp_tb(DisasContext *s, uint32_t target, int slot);
void gen_jmp_T0(DisasContext *s);
void gen_exception(DisasContext *s, int excp, uint32_t eip);
/* #GP(0) at the current instruction unless A0 is 16-byte aligned. */
void gen_check_align16(DisasContext *s);
/* The same for a 32-byte operand (the aligned VEX.256 moves). */
void gen_check_align32(DisasContext *s);
/* With EFLAGS.AC (TB flag HF_AC): #AC unless A0 is a multiple of `size`
 * (at most 16; 10-byte operands are checked as 8). */
void gen_check_ac(DisasContext *s, int size);
/* The same with an error code (env->error_code: #GP's selector). */
void gen_exception_err(DisasContext *s, int excp, uint32_t err, uint32_t eip);
void gen_end_tb_unchained(DisasContext *s);
/* Back to the loop, EIP already stored (a far transfer). */
void gen_exit_loop(DisasContext *s);
/* Jump to T0 through the loop (an IRET that may have changed TF). */
void gen_jmp_T0_unchained(DisasContext *s);
void gen_illegal(DisasContext *s);

/* translate.c */
void disas_insn(DisasContext *s);

/* optimize-flags.c: the flag-liveness pass over the op buffer (paper,
 * section 3.4); returns how many flag ops it removed or simplified. */
int optimize_flags(void);
/* Fused ops for the commonest forms (fuse.c): run before the other
 * passes (late = 0), and again after them (late = 1). */
void fuse_ops(int late);


#endif
