/*
 * The ARM integer micro-operations (paper, section 3.1): register moves,
 * the data-processing ALU with its shifter, the flags, condition tests,
 * loads and stores, branches.  Multiplies and the DSP/media instructions
 * are in op-media.c.
 *
 * Conventions (op/op-x86_64.h): T0 is the first operand and the result,
 * T1 the shifter operand (ARM ARM A5.1), A0 a guest address or a shift
 * amount, PARAMn a constant patched in at translation time.  The flags
 * live one per field (op/arm/cpu.h); an op whose name ends in _cv or _cc
 * sets C and V, or C (the shifter's carry-out), and has a twin without
 * the suffix that the flag-liveness pass swaps in when those flags are
 * dead (translate/arm/optimize-flags.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "exec.h"
#include "op-x86_64.h"
#include "cond.h"
#include "helper.h"
#include "shift-amounts.h"

#define xglue(a, b) a##b
#define glue(a, b) xglue(a, b)

/* Each guest register as an lvalue (REG in the template): the pinned ones
 * are host registers (op/arm/pinned-regs.h). */
#define GREG_0 pinned_R0
#define GREG_1 pinned_R1
#define GREG_2 pinned_R2
#define GREG_3 pinned_R3
#define GREG_4 (env->regs[4])
#define GREG_5 (env->regs[5])
#define GREG_6 (env->regs[6])
#define GREG_7 (env->regs[7])
#define GREG_8 (env->regs[8])
#define GREG_9 (env->regs[9])
#define GREG_10 (env->regs[10])
#define GREG_11 (env->regs[11])
#define GREG_12 (env->regs[12])
#define GREG_13 pinned_SP
#define GREG_14 (env->regs[14])
#define GREG_15 (env->regs[15])

/* Without a carry-in, C and V are the unsigned and signed overflow of one
 * addition or subtraction (C inverted for a subtraction: NOT borrow),
 * which one host ADD or SUB leaves in CF and OF; y may be an operand in
 * env (a guest register in env->regs[]).  C goes straight from the host
 * flag to the low byte of env->CF (SETcc to memory): CF is always 0 or 1
 * (op/arm/cpu.h), so its other three bytes are already 0, and it is only
 * ever read back as that byte (CF_BYTE, cond.h). */
static inline __attribute__((always_inline)) uint32_t
add_cv(uint32_t x, uint32_t y)
{
    __asm__("addl %3, %0\n\tsetc %1\n\tseto %2"
            : "+r"(x), "=m"(CF_BYTE), "=m"(VF_BYTE) : "rm"(y) : "cc");
    return x;
}

static inline __attribute__((always_inline)) uint32_t
sub_cv(uint32_t x, uint32_t y)
{
    __asm__("subl %3, %0\n\tsetae %1\n\tseto %2"
            : "+r"(x), "=m"(CF_BYTE), "=m"(VF_BYTE) : "rm"(y) : "cc");
    return x;
}

/*
 * With the carry in (ARM ARM A2.2.1, AddWithCarry): ADC is x + y + C, one
 * host ADC once the host's CF holds C; SBC is x + NOT(y) + C = x - y -
 * NOT(C), one host SBB once the host's CF holds the borrow NOT(C).  The
 * host leaves the carry (ADC) or borrow (SBB) out of the whole sum and
 * the signed overflow of the whole sum in CF and OF, which are ARM's C
 * (NOT borrow for SBC) and V.  `cmpb $1, C` sets the host's CF to
 * NOT(C) (C < 1), CMC flips it.
 */
#define CARRY_IN_BORROW "cmpb $1, %1\n\t"
static inline __attribute__((always_inline)) uint32_t
adc_cv(uint32_t x, uint32_t y)
{
    __asm__(CARRY_IN_BORROW "cmc\n\tadcl %3, %0\n\tsetc %1\n\tseto %2"
            : "+r"(x), "+m"(CF_BYTE), "=m"(VF_BYTE) : "rm"(y) : "cc");
    return x;
}

static inline __attribute__((always_inline)) uint32_t
sbc_cv(uint32_t x, uint32_t y)
{
    __asm__(CARRY_IN_BORROW "sbbl %3, %0\n\tsetae %1\n\tseto %2"
            : "+r"(x), "+m"(CF_BYTE), "=m"(VF_BYTE) : "rm"(y) : "cc");
    return x;
}

/* The same with C only, for when V is dead but C is not (the low half of
 * 64-bit arithmetic and compares: `adds r4, r4, r2; adc r5, r5, r3`,
 * `cmp r6, r4; sbcs ip, fp, r5`): the flag-liveness pass swaps the _cv
 * op for its _c twin (translate/arm/optimize-flags.c). */
static inline __attribute__((always_inline)) uint32_t
add_c(uint32_t x, uint32_t y)
{
    __asm__("addl %2, %0\n\tsetc %1" : "+r"(x), "=m"(CF_BYTE) : "rm"(y) : "cc");
    return x;
}

static inline __attribute__((always_inline)) uint32_t
sub_c(uint32_t x, uint32_t y)
{
    __asm__("subl %2, %0\n\tsetae %1" : "+r"(x), "=m"(CF_BYTE) : "rm"(y) : "cc");
    return x;
}

static inline __attribute__((always_inline)) uint32_t
adc_c(uint32_t x, uint32_t y)
{
    __asm__(CARRY_IN_BORROW "cmc\n\tadcl %2, %0\n\tsetc %1"
            : "+r"(x), "+m"(CF_BYTE) : "rm"(y) : "cc");
    return x;
}

static inline __attribute__((always_inline)) uint32_t
sbc_c(uint32_t x, uint32_t y)
{
    __asm__(CARRY_IN_BORROW "sbbl %2, %0\n\tsetae %1"
            : "+r"(x), "+m"(CF_BYTE) : "rm"(y) : "cc");
    return x;
}

/* SBCS whose C a C test reads right after it (`cmp r6, r4; sbcs ip, fp,
 * r5; bcs`, a 64-bit compare; translate/arm/fuse.c): C is also left in
 * T1, so the test need not wait for the load of the byte just stored. */
void op_sbcl_T0_T1_cv_cT1(void)
{
    uint8_t c;

    __asm__(CARRY_IN_BORROW "sbbl %4, %0\n\tsetae %1\n\tseto %2\n\tsetae %3"
            : "+r"(T0), "+m"(CF_BYTE), "=m"(VF_BYTE), "=q"(c) : "r"(T1) : "cc");
    T1 = c;
    NEXT();
}

/* SBC without flags: x - y - NOT(C), two host instructions. */
static inline __attribute__((always_inline)) uint32_t
sbc(uint32_t x, uint32_t y)
{
    __asm__(CARRY_IN_BORROW "sbbl %2, %0"
            : "+r"(x) : "m"(CF_BYTE), "rm"(y) : "cc");
    return x;
}

/* ---- per-register moves: op_movl_T0_r0 ... op_movl_r14_A0 ---- */
#define REGNUM 0
#include "op-reg-template.h"
#define REGNUM 1
#include "op-reg-template.h"
#define REGNUM 2
#include "op-reg-template.h"
#define REGNUM 3
#include "op-reg-template.h"
#define REGNUM 4
#include "op-reg-template.h"
#define REGNUM 5
#include "op-reg-template.h"
#define REGNUM 6
#include "op-reg-template.h"
#define REGNUM 7
#include "op-reg-template.h"
#define REGNUM 8
#include "op-reg-template.h"
#define REGNUM 9
#include "op-reg-template.h"
#define REGNUM 10
#include "op-reg-template.h"
#define REGNUM 11
#include "op-reg-template.h"
#define REGNUM 12
#include "op-reg-template.h"
#define REGNUM 13
#include "op-reg-template.h"
#define REGNUM 14
#include "op-reg-template.h"
#define REGNUM 15
#include "op-reg-template.h"

/* ---- constants, temporaries, the PC ---- */
void op_movl_T0_im(void) { T0 = PARAM1; NEXT(); }
void op_movl_T1_im(void) { T1 = PARAM1; NEXT(); }
/* A literal-pool address: a 32-bit move of the constant zero-extends A0
 * by itself, where SET_A0(PARAM1) costs a second `mov %r13d, %r13d` (GCC
 * cannot know the asm's upper half is zero). */
#ifdef OP_INTERP
void op_movl_A0_im(void) { SET_A0(PARAM1); NEXT(); }
#else
void op_movl_A0_im(void)
{
    __asm__("movl " OP_PARAM_ASM(1) ", %k0" : "=r"(A0q));
    NEXT();
}
#endif
void op_addl_A0_im(void) { PARAM1_ADD(A0q); NEXT(); }
void op_addl_A0_T1(void) { ADD_A0(T1); NEXT(); }
void op_subl_A0_T1(void) { SET_A0(A0 - T1); NEXT(); }
/* A0 += T1 << n for the register offsets LSL #1-#3 (`ldr r3, [r4, r3,
 * lsl #2]`): one 32-bit LEA, which wraps as the guest's address
 * arithmetic does; only the low halves of the operands reach the result. */
#define LEA_SCALED(n, scale)                                               \
    void op_addl_A0_T1_lsl##n(void)                                        \
    {                                                                      \
        __asm__("leal (%q0,%q1," #scale "), %k0"                           \
                : "+r"(A0q) : "r"(T1));                                    \
        NEXT();                                                            \
    }
LEA_SCALED(1, 2)
LEA_SCALED(2, 4)
LEA_SCALED(3, 8)
#undef LEA_SCALED
void op_movl_A0_T0(void) { SET_A0(T0); NEXT(); }
void op_movl_T0_T1(void) { T0 = T1; NEXT(); }
void op_movl_T1_T0(void) { T1 = T0; NEXT(); }
/* T0 op= a constant, one host instruction with the constant as its
 * immediate: the data-processing forms with an immediate operand
 * (translate/arm/dp.c, gen_dp_imm); BIC is AND with the complement. */
#define T0_IMM_OP(insn) __asm__(insn " " OP_PARAM_ASM(1) ", %0" : "+r"(T0) : : "cc")
void op_andl_T0_im(void) { T0_IMM_OP("andl"); NEXT(); }
void op_orl_T0_im(void) { T0_IMM_OP("orl"); NEXT(); }
void op_eorl_T0_im(void) { T0_IMM_OP("xorl"); NEXT(); }
void op_addl_T0_im(void) { T0_IMM_OP("addl"); NEXT(); }
void op_subl_T0_im(void) { T0_IMM_OP("subl"); NEXT(); }
#undef T0_IMM_OP
void op_rsbl_T0_im(void) { T0 = PARAM1 - T0; NEXT(); }
void op_addl_T0_im_cv(void) { T0 = add_cv(T0, PARAM1); NEXT(); }
void op_subl_T0_im_cv(void) { T0 = sub_cv(T0, PARAM1); NEXT(); }
void op_adcl_T0_im(void) { T0 = T0 + PARAM1 + CF_BYTE; NEXT(); }
void op_sbcl_T0_im(void) { T0 = sbc(T0, PARAM1); NEXT(); }
void op_adcl_T0_im_cv(void) { T0 = adc_cv(T0, PARAM1); NEXT(); }
void op_sbcl_T0_im_cv(void) { T0 = sbc_cv(T0, PARAM1); NEXT(); }
void op_rsbl_T0_im_cv(void) { T0 = sub_cv(PARAM1, T0); NEXT(); }
void op_addl_T0_im_c(void) { T0 = add_c(T0, PARAM1); NEXT(); }
void op_subl_T0_im_c(void) { T0 = sub_c(T0, PARAM1); NEXT(); }
void op_rsbl_T0_im_c(void) { T0 = sub_c(PARAM1, T0); NEXT(); }
void op_adcl_T0_im_c(void) { T0 = adc_c(T0, PARAM1); NEXT(); }
void op_sbcl_T0_im_c(void) { T0 = sbc_c(T0, PARAM1); NEXT(); }
/* Scratch slots in env for values an instruction keeps across ops: the
 * loaded base of an LDM (written last), a 64-bit accumulator. */
void op_movl_t2_T0(void) { env->t2 = T0; NEXT(); }
void op_movl_t3_T0(void) { env->t3 = T0; NEXT(); }
void op_movl_T0_t2(void) { T0 = env->t2; NEXT(); }
void op_movl_T0_t3(void) { T0 = env->t3; NEXT(); }

void op_movl_pc_im(void) { PARAM1_STORE(env->regs[15]); NEXT(); }
/* The address an EXCP_ALIGN reports (a misaligned PC). */
void op_movl_fault_addr_im(void) { PARAM1_STORE(env->fault_addr); NEXT(); }
void op_movl_pc_T0(void) { env->regs[15] = T0; NEXT(); }

/*
 * BX, BLX (register), and the loads that write the PC on v5T and later
 * (ARM ARM A2.6.2, BXWritePC): bit 0 of the target selects Thumb state
 * and is cleared; T0 is left as the new PC for op_goto_indirect_arm.  A
 * target with bits 1:0 = 10 is UNPREDICTABLE in ARM state; it is kept as
 * is (translate.c faults on such a PC).
 */
void op_bx_T0(void)
{
    env->thumb = T0 & 1;
    T0 &= ~1u;
    env->regs[15] = T0;
    NEXT();
}

/* A data-processing write to the PC in Thumb state (ALUWritePC is
 * BranchWritePC there, A2.3.1): no change of state, bit 0 ignored. */
void op_branch_T0_thumb(void)
{
    T0 &= ~1u;
    env->regs[15] = T0;
    NEXT();
}

/* A direct branch that changes state (BL/BLX <label>): T := PARAM1. */
void op_movl_thumb_im(void) { PARAM1_STORE(env->thumb); NEXT(); }
/* ITSTATE := PARAM1 (translate/arm/translate.c keeps env's copy exact). */
void op_movl_condexec_im(void) { PARAM1_STORE(env->condexec); NEXT(); }

/*
 * An indirect jump to T0 (env's PC already set), as op_goto_indirect
 * (exec/op-exec.c), but the pair found in env->ibtc must also be for the
 * state the jump lands in (include/exec.h): an interworking branch
 * changes T, so a Thumb TB's slot holds its pc with bit 0 set
 * (GUEST_IBTC_KEY, op/arm/cpu.h).  ITSTATE is 0 after every branch, and
 * the loop fills slots only after such a branch.
 */
void op_goto_indirect_arm(void)
{
    uint32_t pc = T0;
    uint64_t e = env->ibtc[tb_jc_hash(pc)];

    if ((uint32_t)e == (pc | env->thumb) && !EXIT_REQUESTED())
        GOTO_CODE(e >> 32);
    EXIT_TB_VALUE(TB_EXIT_INDIRECT_MISS);
}

/* ---- data processing (ARM ARM A5.2): T0 = T0 op T1 ---- */
void op_andl_T0_T1(void) { T0 &= T1; NEXT(); }
void op_eorl_T0_T1(void) { T0 ^= T1; NEXT(); }
void op_orrl_T0_T1(void) { T0 |= T1; NEXT(); }
void op_bicl_T0_T1(void) { T0 &= ~T1; NEXT(); }
void op_ornl_T0_T1(void) { T0 |= ~T1; NEXT(); } /* Thumb-2 ORN */
void op_mvnl_T0_T1(void) { T0 = ~T1; NEXT(); }
void op_addl_T0_T1(void) { T0 += T1; NEXT(); }
void op_subl_T0_T1(void) { T0 -= T1; NEXT(); }
void op_rsbl_T0_T1(void) { T0 = T1 - T0; NEXT(); }
void op_adcl_T0_T1(void) { T0 = T0 + T1 + CF_BYTE; NEXT(); }
void op_sbcl_T0_T1(void) { T0 = sbc(T0, T1); NEXT(); }
void op_rscl_T0_T1(void) { T0 = sbc(T1, T0); NEXT(); }

/*
 * The S forms: N and Z from the result (op_nz_T0, a separate op so the
 * liveness pass drops it on its own), C and V from the arithmetic
 * (ARM ARM A2.2.1, AddWithCarry): for x + y + c, C is the unsigned carry
 * out of bit 31 and V the signed overflow.  A subtraction x - y is
 * x + ~y + 1, so C = NOT borrow: 1 when x >= y (unsigned), the inverse of
 * the x86 CF a SUB leaves.
 */
void op_nz_T0(void) { env->NF = env->ZF = T0; NEXT(); }

void op_addl_T0_T1_cv(void) { T0 = add_cv(T0, T1); NEXT(); }
void op_subl_T0_T1_cv(void) { T0 = sub_cv(T0, T1); NEXT(); }
void op_rsbl_T0_T1_cv(void) { T0 = sub_cv(T1, T0); NEXT(); }
void op_adcl_T0_T1_cv(void) { T0 = adc_cv(T0, T1); NEXT(); }
void op_sbcl_T0_T1_cv(void) { T0 = sbc_cv(T0, T1); NEXT(); }
void op_rscl_T0_T1_cv(void) { T0 = sbc_cv(T1, T0); NEXT(); }
void op_addl_T0_T1_c(void) { T0 = add_c(T0, T1); NEXT(); }
void op_subl_T0_T1_c(void) { T0 = sub_c(T0, T1); NEXT(); }
void op_rsbl_T0_T1_c(void) { T0 = sub_c(T1, T0); NEXT(); }
void op_adcl_T0_T1_c(void) { T0 = adc_c(T0, T1); NEXT(); }
void op_sbcl_T0_T1_c(void) { T0 = sbc_c(T0, T1); NEXT(); }
void op_rscl_T0_T1_c(void) { T0 = sbc_c(T1, T0); NEXT(); }

/* C := PARAM1: the carry-out of a rotated immediate (bit 31 of the
 * constant, ARM ARM A5.2.4), known at translation time. */
void op_movl_CF_im(void) { PARAM1_STORE(env->CF); NEXT(); }

/* ---- the shifter on T1 (ARM ARM A5.1): by an immediate ----
 * Counts 1-31; LSR/ASR #32 (encoded as #0) and RRX (ROR #0) have ops of
 * their own; LSL #0 is no shift at all.  The _cc forms set C to the last
 * bit shifted out. */
void op_shll_T1_im(void) { T1 <<= PARAM1; NEXT(); }
void op_shrl_T1_im(void) { T1 >>= PARAM1; NEXT(); }
void op_sarl_T1_im(void) { T1 = (uint32_t)((int32_t)T1 >> PARAM1); NEXT(); }
void op_rorl_T1_im(void)
{
    uint32_t n = PARAM1;

    T1 = (T1 >> n) | (T1 << (32 - n));
    NEXT();
}
void op_shll_T1_im_cc(void)
{
    uint32_t n = PARAM1;

    env->CF = (T1 >> (32 - n)) & 1;
    T1 <<= n;
    NEXT();
}
void op_shrl_T1_im_cc(void)
{
    uint32_t n = PARAM1;

    env->CF = (T1 >> (n - 1)) & 1;
    T1 >>= n;
    NEXT();
}
void op_sarl_T1_im_cc(void)
{
    uint32_t n = PARAM1;

    env->CF = (T1 >> (n - 1)) & 1;
    T1 = (uint32_t)((int32_t)T1 >> n);
    NEXT();
}
void op_rorl_T1_im_cc(void)
{
    uint32_t n = PARAM1;

    T1 = (T1 >> n) | (T1 << (32 - n));
    env->CF = T1 >> 31;
    NEXT();
}
/* The same without C, one op per amount, so the amount is the host
 * instruction's own 8-bit immediate (a parameter is a 32-bit hole, which
 * a shift by a constant cannot take: it would need CL). */
#define SHIFT_BY(n)                                                        \
    void op_shll_T1_##n(void) { T1 <<= n; NEXT(); }                        \
    void op_shrl_T1_##n(void) { T1 >>= n; NEXT(); }                        \
    void op_sarl_T1_##n(void) { T1 = (uint32_t)((int32_t)T1 >> n); NEXT(); } \
    void op_rorl_T1_##n(void) { T1 = (T1 >> n) | (T1 << (32 - n)); NEXT(); }
SHIFT_AMOUNTS(SHIFT_BY)
#undef SHIFT_BY
void op_lsr32_T1(void) { T1 = 0; NEXT(); }
void op_lsr32_T1_cc(void) { env->CF = T1 >> 31; T1 = 0; NEXT(); }
void op_asr32_T1(void) { T1 = (uint32_t)((int32_t)T1 >> 31); NEXT(); }
void op_asr32_T1_cc(void)
{
    env->CF = T1 >> 31;
    T1 = (uint32_t)((int32_t)T1 >> 31);
    NEXT();
}
/* RRX: C shifts in at the top, bit 0 out. */
void op_rrx_T1(void) { T1 = (T1 >> 1) | ((uint32_t)CF_BYTE << 31); NEXT(); }
void op_rrx_T1_cc(void)
{
    uint32_t out = T1 & 1;

    T1 = (T1 >> 1) | ((uint32_t)CF_BYTE << 31);
    env->CF = out;
    NEXT();
}

/* ---- the shifter by a register: the amount is the low byte of A0 ----
 * ARM ARM A5.1.6-A5.1.13: LSL/LSR by 32 or more give 0 (C = bit 0 / bit
 * 31 at exactly 32, else 0), ASR by 32 or more fills with the sign (C =
 * bit 31), ROR uses the amount mod 32 (C = bit 31 of the result when the
 * amount is a non-zero multiple of 32).  An amount of 0 changes neither
 * T1 nor C. */
void op_shll_T1_A0(void)
{
    uint32_t n = A0 & 0xff;

    T1 = n >= 32 ? 0 : T1 << n;
    NEXT();
}
void op_shrl_T1_A0(void)
{
    uint32_t n = A0 & 0xff;

    T1 = n >= 32 ? 0 : T1 >> n;
    NEXT();
}
void op_sarl_T1_A0(void)
{
    uint32_t n = A0 & 0xff;

    T1 = (uint32_t)((int32_t)T1 >> (n >= 32 ? 31 : n));
    NEXT();
}
void op_rorl_T1_A0(void)
{
    uint32_t n = A0 & 31;

    if (n)
        T1 = (T1 >> n) | (T1 << (32 - n));
    NEXT();
}
void op_shll_T1_A0_cc(void)
{
    uint32_t n = A0 & 0xff;

    if (n == 0) {
    } else if (n < 32) {
        env->CF = (T1 >> (32 - n)) & 1;
        T1 <<= n;
    } else {
        env->CF = n == 32 ? T1 & 1 : 0;
        T1 = 0;
    }
    NEXT();
}
void op_shrl_T1_A0_cc(void)
{
    uint32_t n = A0 & 0xff;

    if (n == 0) {
    } else if (n < 32) {
        env->CF = (T1 >> (n - 1)) & 1;
        T1 >>= n;
    } else {
        env->CF = n == 32 ? T1 >> 31 : 0;
        T1 = 0;
    }
    NEXT();
}
void op_sarl_T1_A0_cc(void)
{
    uint32_t n = A0 & 0xff;

    if (n == 0) {
    } else if (n < 32) {
        env->CF = (T1 >> (n - 1)) & 1;
        T1 = (uint32_t)((int32_t)T1 >> n);
    } else {
        env->CF = T1 >> 31;
        T1 = (uint32_t)((int32_t)T1 >> 31);
    }
    NEXT();
}
void op_rorl_T1_A0_cc(void)
{
    uint32_t n = A0 & 0xff;

    if (n) {
        n &= 31;
        if (n)
            T1 = (T1 >> n) | (T1 << (32 - n));
        env->CF = T1 >> 31;
    }
    NEXT();
}

/* ---- condition tests: jump to label PARAM1 if the condition holds ---- */
#define COND_OP(name, num, expr, reads)                                    \
    void op_j##name##_label(void)                                          \
    {                                                                      \
        if (expr)                                                          \
            GOTO_LABEL_PARAM(1);                                           \
        NEXT();                                                            \
    }
ARM_COND_LIST(COND_OP)
#undef COND_OP

/*
 * CMP fused with the conditional instruction after it (translate/arm/
 * fuse.c): T0 := T0 - T1 with N, Z, C and V stored as op_subl_T0_T1_cv
 * and op_nz_T0 store them, then the jump to label PARAM1 if the
 * condition holds, tested without reloading the flags just stored: on
 * what the subtraction left in host registers (the result r, C, V) for
 * the conditions of one flag, on the operands for those of two or three
 * (ARM ARM A8.3: after a subtraction HI is x > y unsigned, GE x >= y
 * signed, ...), whichever is the shorter host code.
 */
#define CMP_JCC_LIST(X)                                                    \
    X(eq, r == 0) X(ne, r != 0) X(cs, x >= y) X(cc, x < y)                 \
    X(mi, (int32_t)r < 0) X(pl, (int32_t)r >= 0)                           \
    X(vs, v) X(vc, !v) X(hi, x > y) X(ls, x <= y)                          \
    X(ge, (int32_t)x >= (int32_t)y) X(lt, (int32_t)x < (int32_t)y)         \
    X(gt, (int32_t)x > (int32_t)y) X(le, (int32_t)x <= (int32_t)y)
#define CMP_JCC_OP(name, expr)                                             \
    void op_cmp_T0_T1_j##name##_label(void)                                \
    {                                                                      \
        uint32_t x = T0, y = T1, r = x, v;                                 \
                                                                           \
        __asm__("subl %3, %0\n\tsetae %1\n\tseto %2"                      \
                : "+r"(r), "=m"(CF_BYTE), "=m"(VF_BYTE) : "r"(y) : "cc");  \
        v = VF_BYTE; /* loaded only by the VS and VC tests */             \
        (void)x, (void)v;                                                  \
        T0 = r;                                                            \
        env->NF = env->ZF = r;                                             \
        if (expr)                                                          \
            GOTO_LABEL_PARAM(1);                                           \
        NEXT();                                                            \
    }
CMP_JCC_LIST(CMP_JCC_OP)
#undef CMP_JCC_OP

/*
 * The same compare and branch storing no flags, for a compare that closes
 * a loop back to its own TB (translate/arm/loop.c): the exits store them
 * with op_flags_sub_T0_T1 where the loop is left, and a fault inside the
 * loop's next round rebuilds them from the compared registers.
 */
#define CMP_JCC_NF_OP(name, expr)                                          \
    void op_cmp_T0_T1_j##name##_label_nf(void)                             \
    {                                                                      \
        /* plain C: nothing is stored, so GCC tests what it likes, and    \
         * computes V only for VS and VC */                               \
        uint32_t x = T0, y = T1, r = x - y, v = ((x ^ y) & (x ^ r)) >> 31; \
                                                                           \
        (void)x, (void)v;                                                  \
        T0 = r;                                                            \
        if (expr)                                                          \
            GOTO_LABEL_PARAM(1);                                           \
        NEXT();                                                            \
    }
CMP_JCC_LIST(CMP_JCC_NF_OP)
#undef CMP_JCC_NF_OP

/* N, Z, C and V of the compare op_cmp_T0_T1_jCC_label_nf made: it left
 * T0 = x - y and T1 = y (ARM ARM A2.2.1, AddWithCarry(x, NOT(y), 1)). */
void op_flags_sub_T0_T1(void)
{
    cpu_set_sub_flags(env, T0 + T1, T1);
    NEXT();
}
#undef CMP_JCC_LIST

/*
 * An S-form result's N and Z (op_nz_T0) fused with an EQ/NE/MI/PL test
 * after it (translate/arm/fuse.c: `tst r1, #1; beq`, `subs r5, r5, #1;
 * bne`): NF and ZF are stored as op_nz_T0 stores them, and the branch
 * tests T0 itself rather than loading ZF or NF back (a load that has to
 * wait for the store it reads, so a mispredicted branch was found late).
 */
#define NZ_JCC_LIST(X)                                                     \
    X(eq, r == 0) X(ne, r != 0) X(mi, (int32_t)r < 0) X(pl, (int32_t)r >= 0)
#define NZ_JCC_OP(name, expr)                                              \
    void op_nz_T0_j##name##_label(void)                                    \
    {                                                                      \
        uint32_t r = T0;                                                   \
                                                                           \
        env->NF = env->ZF = r;                                             \
        if (expr)                                                          \
            GOTO_LABEL_PARAM(1);                                           \
        NEXT();                                                            \
    }
NZ_JCC_LIST(NZ_JCC_OP)
#undef NZ_JCC_OP
#undef NZ_JCC_LIST

/* CS / CC on the C that op_sbcl_T0_T1_cv_cT1 left in T1. */
void op_jnez_T1_label(void)
{
    if (T1 != 0)
        GOTO_LABEL_PARAM(1);
    NEXT();
}
void op_jeqz_T1_label(void)
{
    if (T1 == 0)
        GOTO_LABEL_PARAM(1);
    NEXT();
}

/* CBZ / CBNZ (Thumb): jump to label PARAM1 if T0 is zero / not zero. */
void op_jeqz_T0_label(void)
{
    if (T0 == 0)
        GOTO_LABEL_PARAM(1);
    NEXT();
}
void op_jnez_T0_label(void)
{
    if (T0 != 0)
        GOTO_LABEL_PARAM(1);
    NEXT();
}

/* ---- loads and stores at A0 (ARM ARM A5.2, A5.3) ----
 * Unaligned word and halfword accesses are allowed, as Linux sets
 * SCTLR.U on ARMv6 and later (ARM ARM A3.2.1); the host does them. */
void op_ldl_T0_A0(void) { T0 = ldl(A0); NEXT(); }
void op_ldl_T1_A0(void) { T1 = ldl(A0); NEXT(); }
void op_lduw_T0_A0(void) { T0 = lduw(A0); NEXT(); }
void op_ldsw_T0_A0(void) { T0 = (uint32_t)(int32_t)ldsw(A0); NEXT(); }
void op_ldub_T0_A0(void) { T0 = ldub(A0); NEXT(); }
void op_ldsb_T0_A0(void) { T0 = (uint32_t)(int32_t)ldsb(A0); NEXT(); }
void op_stl_T0_A0(void) { stl(A0, T0); NEXT(); }
void op_stl_T1_A0(void) { stl(A0, T1); NEXT(); }
void op_stw_T0_A0(void) { stw(A0, T0); NEXT(); }
void op_stb_T0_A0(void) { stb(A0, T0); NEXT(); }

/*
 * LDREX/STREX (ARM ARM A3.4): the load opens an exclusive access by
 * recording the address and the value it read; the store succeeds (T0 = 0)
 * only if a host compare-and-swap finds that value still there, so another
 * guest thread's store in between makes it fail (T0 = 1), as the local and
 * global monitors would.  (Other threads storing B and then A again in
 * between, the ABA case, is not detected, as under qemu-arm: docs/arm.md,
 * "Exclusives and ABA", says why and what it means for guest code.)
 * Either way the access is closed.  Unaligned exclusives take an alignment
 * fault (ARM ARM A3.2.1): Linux sends SIGBUS; the translator has stored
 * the PC.
 */
#define EXCL_CHECK_ALIGN(size)                                             \
    if (A0 & ((size) - 1)) {                                               \
        env->fault_addr = A0;                                              \
        env->exception_index = EXCP_ALIGN;                                 \
        EXIT_TB_NOCHAIN();                                                 \
    }
#define EXCL_OPS(sfx, type, size)                                          \
    void op_ldrex##sfx##_T0_A0(void)                                       \
    {                                                                      \
        EXCL_CHECK_ALIGN(size)                                             \
        T0 = __atomic_load_n(GUEST_PTR(type, A0), __ATOMIC_SEQ_CST);       \
        env->exclusive_addr = A0;                                          \
        env->exclusive_val = T0;                                           \
        NEXT();                                                            \
    }                                                                      \
    void op_strex##sfx##_T0_A0(void)                                       \
    {                                                                      \
        type expect = (type)env->exclusive_val;                            \
        uint32_t fail = 1;                                                 \
                                                                           \
        EXCL_CHECK_ALIGN(size)                                             \
        if (env->exclusive_addr == A0 &&                                   \
            __atomic_compare_exchange_n(GUEST_PTR(type, A0), &expect,      \
                                        (type)T0, 0, __ATOMIC_SEQ_CST,     \
                                        __ATOMIC_SEQ_CST))                 \
            fail = 0;                                                      \
        env->exclusive_addr = ~0u;                                         \
        T0 = fail;                                                         \
        NEXT();                                                            \
    }
EXCL_OPS(l, uint32_t, 4)
EXCL_OPS(h, uint16_t, 2)
EXCL_OPS(b, uint8_t, 1)
#undef EXCL_OPS

/* LDREXD/STREXD: a doubleword, the low word at A0 into/from T0. */
void op_ldrexd_T0_A0(void)
{
    uint64_t v;

    EXCL_CHECK_ALIGN(8)
    v = __atomic_load_n(GUEST_PTR(uint64_t, A0), __ATOMIC_SEQ_CST);
    T0 = (uint32_t)v;
    T1 = (uint32_t)(v >> 32);
    env->exclusive_addr = A0;
    env->exclusive_val = T0;
    env->exclusive_high = T1;
    NEXT();
}

void op_strexd_T0_A0(void)
{
    uint64_t expect = (uint64_t)env->exclusive_high << 32 | env->exclusive_val;
    uint32_t fail = 1;

    EXCL_CHECK_ALIGN(8)
    if (env->exclusive_addr == A0 &&
        __atomic_compare_exchange_n(GUEST_PTR(uint64_t, A0), &expect,
                                    (uint64_t)T1 << 32 | T0, 0,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
        fail = 0;
    env->exclusive_addr = ~0u;
    T0 = fail;
    NEXT();
}
#undef EXCL_CHECK_ALIGN

void op_clrex(void) { env->exclusive_addr = ~0u; NEXT(); }

/* SWP/SWPB (ARM ARM A8.8.229): an atomic exchange, the host's xchg. */
void op_swpl_T0_A0(void)
{
    T0 = __atomic_exchange_n(GUEST_PTR(uint32_t, A0), T0, __ATOMIC_SEQ_CST);
    NEXT();
}
void op_swpb_T0_A0(void)
{
    T0 = __atomic_exchange_n(GUEST_PTR(uint8_t, A0), (uint8_t)T0,
                             __ATOMIC_SEQ_CST);
    NEXT();
}

/* DMB/DSB (and the kernel's memory barrier): x86 orders everything but a
 * store before a later load, which mfence covers.  ISB needs nothing: a
 * TB never runs stale code (self-modifying code, docs/engine.md). */
void op_dmb(void)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    NEXT();
}

/* ---- system registers ---- */
/* MRC p15, 0, Rt, c13, c0, 3: the user read-only thread ID (TLS). */
void op_movl_T0_tpidruro(void) { T0 = env->tpidruro; NEXT(); }
/* MRS Rd, APSR / MSR APSR_<fields>, Rn (PARAM1 = the bits written). */
void op_mrs_T0(void) { T0 = helper_get_cpsr(env); NEXT(); }
void op_msr_T0(void) { helper_set_cpsr(env, T0, PARAM1); NEXT(); }
