/*
 * The i386 integer micro-operations (paper, section 3.1): the building
 * blocks the translator (translate/) strings together for each guest
 * instruction, and whose compiled code dyngen copies into the TBs.
 *
 * Conventions (op/op-x86_64.h): T0, T1 are 32-bit temporaries, A0 the guest
 * address temporary, PARAMn a constant patched in at translation time.
 * Ops ending in _cc set the lazy flag state (op/i386/cc-op.h); the translator
 * picks the cc_op kind for them.  Their flag-free twins have no suffix, so
 * a flag-liveness pass can swap one for the other.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stddef.h>

#include "op-x86_64.h"
#include "cc-op.h"
#include "helper.h"

#define xglue(a, b) a##b
#define glue(a, b) xglue(a, b)

/* Each guest register as an lvalue, by name (REGNAME in the templates):
 * the pinned ones are host registers (pinned-regs.h). */
#define GREG_EAX pinned_EAX
#define GREG_ECX (env->regs[R_ECX])
#define GREG_EDX pinned_EDX
#define GREG_EBX pinned_EBX
#define GREG_ESP pinned_ESP
#define GREG_EBP (env->regs[R_EBP])
#define GREG_ESI pinned_ESI
#define GREG_EDI (env->regs[R_EDI])
/* ... and the asm constraint that names it where it lives (PARAM1_RMW). */
#define GCON_EAX "+r"
#define GCON_ECX "+m"
#define GCON_EDX "+r"
#define GCON_EBX "+r"
#define GCON_ESP "+r"
#define GCON_EBP "+m"
#define GCON_ESI "+r"
#define GCON_EDI "+m"

/*
 * lv op= PARAM1 as one instruction on a register or in place in env (a
 * guest register kept there): through PARAM1, GCC would load the
 * constant into a scratch register first.
 */
#ifdef OP_INTERP
#define PARAM1_RMW(insn, con, lv, cop) ((lv) = (uint32_t)((lv) cop PARAM1))
#else
#define PARAM1_RMW(insn, con, lv, cop) \
    __asm__(insn " $__op_param1, %0" : con(lv) : : "cc")
#endif

/* ---- per-register ops ---- */
#define REGNUM 0
#define REGNAME EAX
#include "op-reg-template.h"
#define REGNUM 1
#define REGNAME ECX
#include "op-reg-template.h"
#define REGNUM 2
#define REGNAME EDX
#include "op-reg-template.h"
#define REGNUM 3
#define REGNAME EBX
#include "op-reg-template.h"
#define REGNUM 4
#define REGNAME ESP
#include "op-reg-template.h"
#define REGNUM 5
#define REGNAME EBP
#include "op-reg-template.h"
#define REGNUM 6
#define REGNAME ESI
#include "op-reg-template.h"
#define REGNUM 7
#define REGNAME EDI
#include "op-reg-template.h"

/* Guest registers by name, for the ops below (defined after the register
 * template, which pastes the names). */
#define EAX GREG_EAX
#define ECX GREG_ECX
#define EDX GREG_EDX
#define EBX GREG_EBX
#define ESP GREG_ESP
#define EBP GREG_EBP
#define ESI GREG_ESI
#define EDI GREG_EDI

/* ---- per-size ops ---- */
#define SHIFT 0
#include "op-i386-template.h"
#define SHIFT 1
#include "op-i386-template.h"
#define SHIFT 2
#include "op-i386-template.h"

/* ---- constants and moves between temporaries ---- */
void op_movl_eip_im(void) { PARAM1_STORE(env->eip); NEXT(); }
void op_movl_eip_T0(void) { env->eip = T0; NEXT(); }
void op_movl_T0_im(void) { T0 = PARAM1; NEXT(); }
void op_movl_T1_im(void) { T1 = PARAM1; NEXT(); }
void op_movl_A0_im(void) { SET_A0(PARAM1); NEXT(); }
void op_addl_A0_im(void) { PARAM1_ADD(A0q); NEXT(); }
void op_addl_T0_im(void) { PARAM1_ADD(T0); NEXT(); }
void op_movl_T0_T1(void) { T0 = T1; NEXT(); }
void op_movl_T1_T0(void) { T1 = T0; NEXT(); }
void op_movl_A0_T0(void) { SET_A0(T0); NEXT(); }
/* An address from a register a temporary still holds, as op-reg-template.h's
 * leal_A0_R_im and addl_A0_R*: the register pass (translate/optimize-regs.c)
 * puts them in place of those, for ECX, EBP and EDI a load from env. */
void op_leal_A0_T0_im(void) { PARAM1_LEA(A0q, T0); NEXT(); }
void op_leal_A0_T1_im(void) { PARAM1_LEA(A0q, T1); NEXT(); }
void op_addl_A0_T0(void) { ADD_A0(T0); NEXT(); }
void op_addl_A0_T0_s1(void) { SET_A0(A0 + (T0 << 1)); NEXT(); }
void op_addl_A0_T0_s2(void) { SET_A0(A0 + (T0 << 2)); NEXT(); }
void op_addl_A0_T0_s3(void) { SET_A0(A0 + (T0 << 3)); NEXT(); }
void op_addl_A0_T1(void) { ADD_A0(T1); NEXT(); }
void op_addl_A0_T1_s1(void) { SET_A0(A0 + (T1 << 1)); NEXT(); }
void op_addl_A0_T1_s2(void) { SET_A0(A0 + (T1 << 2)); NEXT(); }
void op_addl_A0_T1_s3(void) { SET_A0(A0 + (T1 << 3)); NEXT(); }
void op_movl_t2_im(void) { PARAM1_STORE(env->t2); NEXT(); }
void op_movl_t2_ECX(void) { env->t2 = ECX; NEXT(); }

/*
 * ADC/SBB r/m32 right after a 32-bit ADD or SUB/CMP (translate.c, gen_alu):
 * op_movl_aux_cf_addl/subl and adcl/sbbl_T0_T1[_cc] in one op, so the
 * carry-in reaches the addition in a host register instead of through a
 * store to cc_aux that the next op loads again (a 64-bit add or compare,
 * `add; adc` and `cmp; sbb`).  The _cc forms still store cc_aux: the ADC
 * and SBB kinds read it (op/i386/cc-op.h).
 */
#define CARRY_OF_ADDL (env->cc_dst < env->cc_src)
#define CARRY_OF_SUBL ((uint32_t)(env->cc_dst + env->cc_src) < env->cc_src)
#define ADC_SBB_CC(name, OP, CARRY)                                           \
    void op_##name(void)                                                      \
    {                                                                         \
        uint32_t cin = CARRY;                                                 \
                                                                              \
        env->cc_aux = cin;                                                    \
        env->cc_src = T1;                                                     \
        T0 = T0 OP T1 OP cin;                                                 \
        env->cc_dst = T0;                                                     \
        NEXT();                                                               \
    }
ADC_SBB_CC(adcl_T0_T1_cc_addl, +, CARRY_OF_ADDL)
ADC_SBB_CC(sbbl_T0_T1_cc_subl, -, CARRY_OF_SUBL)
ADC_SBB_CC(adcl_T0_T1_cc_subl, +, CARRY_OF_SUBL)
ADC_SBB_CC(sbbl_T0_T1_cc_addl, -, CARRY_OF_ADDL)
/* Their twins once the flags are dead (optimize-flags.c). */
void op_adcl_T0_T1_addl(void) { T0 = T0 + T1 + CARRY_OF_ADDL; NEXT(); }
void op_sbbl_T0_T1_subl(void) { T0 = T0 - T1 - CARRY_OF_SUBL; NEXT(); }
void op_adcl_T0_T1_subl(void) { T0 = T0 + T1 + CARRY_OF_SUBL; NEXT(); }
void op_sbbl_T0_T1_addl(void) { T0 = T0 - T1 - CARRY_OF_ADDL; NEXT(); }
#undef CARRY_OF_ADDL
#undef CARRY_OF_SUBL

/*
 * JB/JNB right after SBB r32 / ADC r32 (gen.c, gen_jcc_label), the result
 * still in T0 and the subtrahend or addend in T1: the carry from them and
 * the carry-in, not from the record just stored.  r = a - b - cin borrows
 * iff r + b + cin reaches 2^32; r = a + b + cin carries iff r < b + cin.
 */
#define SBBL_CF (((uint64_t)T0 + T1 + env->cc_aux) >> 32)
#define ADCL_CF ((uint64_t)T0 < (uint64_t)T1 + env->cc_aux)
void op_jb_sbbl_T0_T1_label(void)
{
    if (SBBL_CF)
        GOTO_LABEL_PARAM(1);
    NEXT();
}
void op_jnb_sbbl_T0_T1_label(void)
{
    if (!SBBL_CF)
        GOTO_LABEL_PARAM(1);
    NEXT();
}
void op_jb_adcl_T0_T1_label(void)
{
    if (ADCL_CF)
        GOTO_LABEL_PARAM(1);
    NEXT();
}
void op_jnb_adcl_T0_T1_label(void)
{
    if (!ADCL_CF)
        GOTO_LABEL_PARAM(1);
    NEXT();
}
#undef SBBL_CF
#undef ADCL_CF

/*
 * SHLD/SHRD r/m32, r32, imm8 with a masked count of 1-31 (translate.c,
 * disas_shxd): the count is PARAM1, not env->t2, and the translator
 * records the kind, as for shll_T0_im_cc.  The record is what
 * op-i386-flags-template.h's shldl_T0_T1_cc stores for that count.
 */
void op_shldl_T0_T1_im_cc(void)
{
    uint32_t k = PARAM1;

    env->cc_src = T0 << (k - 1);
    __asm__("shldl %%cl, %1, %0" : "+r"(T0) : "r"(T1), "c"(k) : "cc");
    env->cc_dst = T0;
    NEXT();
}
void op_shrdl_T0_T1_im_cc(void)
{
    uint32_t k = PARAM1;

    env->cc_src = T0 >> (k - 1);
    __asm__("shrdl %%cl, %1, %0" : "+r"(T0) : "r"(T1), "c"(k) : "cc");
    env->cc_dst = T0;
    NEXT();
}
/* The host's SHLD/SHRD by %cl: a relocated count is no immediate, and a
 * shift pair in C is three more instructions. */
void op_shldl_T0_T1_im(void)
{
    __asm__("shldl %%cl, %1, %0" : "+r"(T0) : "r"(T1), "c"(PARAM1) : "cc");
    NEXT();
}
void op_shrdl_T0_T1_im(void)
{
    __asm__("shrdl %%cl, %1, %0" : "+r"(T0) : "r"(T1), "c"(PARAM1) : "cc");
    NEXT();
}

/* 16-bit addressing wraps at 64 KiB (SDM vol. 1, 3.7.5). */
void op_andl_A0_ffff(void) { SET_A0(A0 & 0xffff); NEXT(); }

/* Segment override: add the segment base (PARAM1 = offsetof the base in
 * CPUState; only FS and GS have non-zero bases in Linux user mode). */
void op_addl_A0_seg(void)
{
    ADD_A0(*(uint32_t *)((uint8_t *)env + PARAM1));
    NEXT();
}

/* XLAT: A0 = EBX + AL. */
void op_addl_A0_AL(void) { SET_A0(A0 + (uint8_t)EAX); NEXT(); }

/* ---- sign and zero extension (movsx/movzx, cbw ...) ---- */
void op_movsbl_T0_T0(void) { T0 = (uint32_t)(int8_t)T0; NEXT(); }
void op_movswl_T0_T0(void) { T0 = (uint32_t)(int16_t)T0; NEXT(); }
void op_movzbl_T0_T0(void) { T0 = (uint8_t)T0; NEXT(); }
void op_movzwl_T0_T0(void) { T0 = (uint16_t)T0; NEXT(); }
void op_ldsb_T0_A0(void) { T0 = (uint32_t)(int32_t)ldsb(A0); NEXT(); }
void op_ldsw_T0_A0(void) { T0 = (uint32_t)(int32_t)ldsw(A0); NEXT(); }

/* CBW/CWDE, CWD/CDQ (SDM). */
void op_cbw(void)
{
    EAX = (EAX & 0xffff0000u) | (uint16_t)(int8_t)EAX;
    NEXT();
}
void op_cwde(void) { EAX = (uint32_t)(int16_t)EAX; NEXT(); }
void op_cwd(void)
{
    EDX = (EDX & 0xffff0000u) | (uint16_t)((int16_t)EAX >> 15);
    NEXT();
}
void op_cdq(void) { EDX = (uint32_t)((int32_t)EAX >> 31); NEXT(); }

/* ---- ALU, 32-bit arithmetic; the size lives in the cc_op kind ---- */
void op_addl_T0_T1_cc(void)
{
    env->cc_src = T1;
    T0 += T1;
    env->cc_dst = T0;
    NEXT();
}

void op_subl_T0_T1_cc(void)
{
    env->cc_src = T1;
    T0 -= T1;
    env->cc_dst = T0;
    NEXT();
}

void op_cmpl_T0_T1_cc(void)
{
    env->cc_src = T1;
    env->cc_dst = T0 - T1;
    NEXT();
}

void op_andl_T0_T1_cc(void) { T0 &= T1; env->cc_dst = T0; NEXT(); }
void op_orl_T0_T1_cc(void) { T0 |= T1; env->cc_dst = T0; NEXT(); }
void op_xorl_T0_T1_cc(void) { T0 ^= T1; env->cc_dst = T0; NEXT(); }
void op_testl_T0_T1_cc(void) { env->cc_dst = T0 & T1; NEXT(); }

/* The same without flags. */
void op_addl_T0_T1(void) { T0 += T1; NEXT(); }
void op_subl_T0_T1(void) { T0 -= T1; NEXT(); }
void op_andl_T0_T1(void) { T0 &= T1; NEXT(); }
void op_orl_T0_T1(void) { T0 |= T1; NEXT(); }
void op_xorl_T0_T1(void) { T0 ^= T1; NEXT(); }

/*
 * Read-modify-write on memory stores the result before recording flags,
 * so a faulting store leaves the flag state of the previous instruction
 * (precise faults; self-modifying-code restarts).  These ops record what
 * the _cc ops above would have, after the store.
 */
void op_update2_cc(void) { env->cc_src = T1; env->cc_dst = T0; NEXT(); }
void op_update1_cc(void) { env->cc_dst = T0; NEXT(); }
void op_update_neg_cc(void) { env->cc_src = -T0; env->cc_dst = T0; NEXT(); }
/* INC/DEC (see op_update_inc_cc_subl): CF from a LOGIC kind is 0, from
 * EFLAGS/INC/DEC it is bit 0 of cc_src, from anything else the helper. */
void op_update_inc_cc_logic(void) { env->cc_src = 0; env->cc_dst = T0; NEXT(); }
void op_update_inc_cc_src(void) { env->cc_src &= CC_C; env->cc_dst = T0; NEXT(); }
void op_update_inc_cc(void)
{
    env->cc_src = helper_cc_compute_c(env);
    env->cc_dst = T0;
    NEXT();
}
void op_negl_T0(void) { T0 = -T0; NEXT(); }

/* NEG records SUB with src1 = 0 (CF = source != 0, SDM NEG). */
void op_negl_T0_cc(void)
{
    env->cc_src = T0;
    T0 = -T0;
    env->cc_dst = T0;
    NEXT();
}
void op_notl_T0(void) { T0 = ~T0; NEXT(); }

void op_bswapl_T0(void) { T0 = __builtin_bswap32(T0); NEXT(); }

/* ---- the stack (32-bit ESP; SS has base 0) ----
 * Push stores before moving ESP, so a faulting push leaves ESP intact.
 * ESP is a host register the store cannot alias, so GCC may move the
 * update above the store, or even compute the new value right in ESP's
 * host register: ESP is moved by an asm that reads the stored slot, so
 * the update comes after the store, and the slot's address is computed
 * in another register (ESP stays live until the asm).  dyngen refuses an
 * op that writes a pinned register before a guest access.
 * pop only loads: the translator adds to ESP before storing the value,
 * since POP to memory computes an ESP-based address after the increment
 * (SDM POP). */
void op_pushl_T0(void)
{
    uint32_t *slot = GUEST_PTR(uint32_t, ESP - 4);

    *slot = (uint32_t)T0;
    __asm__ __volatile__("subl $4, %k0" : "+r"(ESP) : "m"(*slot) : "cc");
    NEXT();
}

void op_pushw_T0(void)
{
    uint16_t *slot = GUEST_PTR(uint16_t, ESP - 2);

    *slot = (uint16_t)T0;
    __asm__ __volatile__("subl $2, %k0" : "+r"(ESP) : "m"(*slot) : "cc");
    NEXT();
}

void op_popl_T0(void) { T0 = ldl(ESP); NEXT(); }
/* The usual 32-bit pop: load, then ESP += 4 (a faulting load leaves ESP).
 * ESP is a host register (op/i386/pinned-regs.h) that the load cannot
 * alias, so GCC would move the update first: the empty asm makes the new
 * ESP depend on the loaded value. */
void op_popl_T0_incr(void)
{
    uint32_t sp = ESP;

    T0 = ldl(sp);
    __asm__("" : "+r"(T0), "+r"(sp));
    ESP = sp + 4;
    NEXT();
}
void op_popw_T0(void) { T0 = lduw(ESP); NEXT(); }

/* ---- condition codes ---- */
void op_set_cc_op(void) { PARAM1_STORE(env->cc_op); NEXT(); }
/* Convert the record to the EFLAGS kind (value-preserving), so that the
 * conditions the fast paths do not cover read bits of cc_src. */
void op_compute_eflags(void)
{
    env->cc_src = helper_cc_compute_all(env);
    env->cc_op = CC_OP_EFLAGS;
    NEXT();
}
void op_xorl_T0_1(void) { T0 ^= 1; NEXT(); }
/* A rotate after a kind only env->cc_op knows (op/i386/cc-op.h, CC_OP_ROT);
 * ADC/SBB kinds need cc_aux for their carry-in: they become EFLAGS. */
void op_cc_op_rot(void)
{
    uint32_t op = env->cc_op;

    if ((op >= CC_OP_ADCB && op <= CC_OP_ADCL) ||
        (op >= CC_OP_SBBB && op <= CC_OP_SBBL)) {
        env->cc_src = helper_cc_compute_all(env);
        op = CC_OP_EFLAGS;
    }
    env->cc_op = op | CC_OP_ROT;
    NEXT();
}

/* The carry-in of ADC/SBB (op/i386/cc-op.h): a constant (LOGIC kinds), bit 0
 * of cc_src (EFLAGS, INC/DEC, SAR) or of cc_aux (ROT kinds), or computed by the helper when only
 * env->cc_op knows the kind. */
void op_movl_aux_im(void) { PARAM1_STORE(env->cc_aux); NEXT(); }
void op_movl_aux_cf_src(void) { env->cc_aux = env->cc_src & 1; NEXT(); }
void op_movl_aux_cf_rot(void) { env->cc_aux &= CC_C; NEXT(); }
void op_movl_aux_cf_dyn(void) { env->cc_aux = helper_cc_compute_c(env); NEXT(); }

/*
 * Condition tests when only env->cc_op knows the kind (a TB that starts
 * with a Jcc, SETcc or CMOVcc on flags set before it).  First
 * op_cond_dyn_prepare turns any kind but SUBL (cmp), LOGICL (test) and
 * EFLAGS into EFLAGS (value-preserving, through the helper); then the
 * test ops below read those three inline.  cond is the Jcc number / 2.
 */
void op_cond_dyn_prepare(void)
{
    uint32_t op = env->cc_op;

    if (op != CC_OP_SUBL && op != CC_OP_LOGICL && op != CC_OP_EFLAGS) {
        env->cc_src = helper_cc_compute_all(env);
        env->cc_op = CC_OP_EFLAGS;
    }
    NEXT();
}

static inline __attribute__((always_inline)) uint32_t cond_dyn(int cond)
{
    uint32_t op = env->cc_op, d = env->cc_dst, s = env->cc_src, a = d + s;

    if (op == CC_OP_SUBL) {
        switch (cond) {
        case 0: return ((a ^ s) & (a ^ d)) >> 31;
        case 1: return a < s;
        case 2: return d == 0;
        case 3: return a <= s;
        case 4: return d >> 31;
        case 5: return !__builtin_parity(d & 0xff);
        case 6: return (int32_t)a < (int32_t)s;
        default: return (int32_t)a <= (int32_t)s;
        }
    }
    if (op == CC_OP_LOGICL) {
        switch (cond) {
        case 0: case 1: return 0;
        case 2: case 3: return d == 0;
        case 4: case 6: return d >> 31;
        case 5: return !__builtin_parity(d & 0xff);
        default: return (int32_t)d <= 0;
        }
    }
    switch (cond) { /* EFLAGS: the bits are in cc_src */
    case 0: return (s >> 11) & 1;
    case 1: return s & 1;
    case 2: return (s >> 6) & 1;
    case 3: return (s & 0x41) != 0;
    case 4: return (s >> 7) & 1;
    case 5: return (s >> 2) & 1;
    case 6: return ((s >> 7) ^ (s >> 11)) & 1;
    default: return (((s >> 7) ^ (s >> 11)) | (s >> 6)) & 1;
    }
}

#define DYN_COND_OPS(cond, n)                                              \
    void op_set##cond##_T0_dyn(void) { T0 = cond_dyn(n); NEXT(); }         \
    void op_j##cond##_dyn_label(void)                                      \
    {                                                                      \
        if (cond_dyn(n))                                                   \
            GOTO_LABEL_PARAM(1);                                           \
        NEXT();                                                            \
    }                                                                      \
    void op_jn##cond##_dyn_label(void)                                     \
    {                                                                      \
        if (!cond_dyn(n))                                                  \
            GOTO_LABEL_PARAM(1);                                           \
        NEXT();                                                            \
    }
DYN_COND_OPS(o, 0)
DYN_COND_OPS(b, 1)
DYN_COND_OPS(z, 2)
DYN_COND_OPS(be, 3)
DYN_COND_OPS(s, 4)
DYN_COND_OPS(p, 5)
DYN_COND_OPS(l, 6)
DYN_COND_OPS(le, 7)
#undef DYN_COND_OPS

/*
 * CMP r32 / r8, x fused with the Jcc after it (translate/i386/gen.c): record
 * the SUBL / SUBB flags as op_cmpl_T0_T1_cc does, and branch on T0 and T1
 * directly instead of reading the record back.
 */
#define CMP_JCC_OPS(size, cond, expr)                                      \
    void op_cmp##size##_j##cond##_label(void)                              \
    {                                                                      \
        uint32_t d = T0 - T1;                                              \
                                                                           \
        env->cc_src = T1;                                                  \
        env->cc_dst = d;                                                   \
        if (expr)                                                          \
            GOTO_LABEL_PARAM(1);                                           \
        NEXT();                                                            \
    }                                                                      \
    void op_cmp##size##_jn##cond##_label(void)                             \
    {                                                                      \
        uint32_t d = T0 - T1;                                              \
                                                                           \
        env->cc_src = T1;                                                  \
        env->cc_dst = d;                                                   \
        if (!(expr))                                                       \
            GOTO_LABEL_PARAM(1);                                           \
        NEXT();                                                            \
    }
CMP_JCC_OPS(l, o, ((T0 ^ T1) & (T0 ^ d)) >> 31)
CMP_JCC_OPS(l, b, T0 < T1)
CMP_JCC_OPS(l, z, d == 0)
CMP_JCC_OPS(l, be, T0 <= T1)
CMP_JCC_OPS(l, s, d >> 31)
CMP_JCC_OPS(l, p, !__builtin_parity(d & 0xff))
CMP_JCC_OPS(l, l, (int32_t)T0 < (int32_t)T1)
CMP_JCC_OPS(l, le, (int32_t)T0 <= (int32_t)T1)
/* CMP r8: the operands may hold anything above bit 7 (a sign-extended
 * imm8), so every test looks at the low bytes only. */
CMP_JCC_OPS(b, o, (((T0 ^ T1) & (T0 ^ d)) >> 7) & 1)
CMP_JCC_OPS(b, b, (uint8_t)T0 < (uint8_t)T1)
CMP_JCC_OPS(b, z, (uint8_t)d == 0)
CMP_JCC_OPS(b, be, (uint8_t)T0 <= (uint8_t)T1)
CMP_JCC_OPS(b, s, (d >> 7) & 1)
CMP_JCC_OPS(b, p, !__builtin_parity(d & 0xff))
CMP_JCC_OPS(b, l, (int8_t)T0 < (int8_t)T1)
CMP_JCC_OPS(b, le, (int8_t)T0 <= (int8_t)T1)
#undef CMP_JCC_OPS

/* TEST r32 / r8, x fused with Jcc on Z, S or LE (the others are constant
 * or the same after a logic op: translate/i386/gen.c).  For r8 the operands
 * may hold anything above bit 7, so the tests look at the low byte. */
#define TEST_JCC_OPS(size, cond, expr)                                     \
    void op_test##size##_j##cond##_label(void)                             \
    {                                                                      \
        uint32_t d = T0 & T1;                                              \
                                                                           \
        env->cc_dst = d;                                                   \
        if (expr)                                                          \
            GOTO_LABEL_PARAM(1);                                           \
        NEXT();                                                            \
    }                                                                      \
    void op_test##size##_jn##cond##_label(void)                            \
    {                                                                      \
        uint32_t d = T0 & T1;                                              \
                                                                           \
        env->cc_dst = d;                                                   \
        if (!(expr))                                                       \
            GOTO_LABEL_PARAM(1);                                           \
        NEXT();                                                            \
    }
TEST_JCC_OPS(l, z, d == 0)
TEST_JCC_OPS(l, s, (int32_t)d < 0)
TEST_JCC_OPS(l, le, (int32_t)d <= 0)
TEST_JCC_OPS(b, z, (uint8_t)d == 0)
TEST_JCC_OPS(b, s, (int8_t)d < 0)
TEST_JCC_OPS(b, le, (int8_t)d <= 0)
#undef TEST_JCC_OPS

/* ---- branches inside the TB (PARAM1 = label) ---- */
void op_jz_ECX_label(void)
{
    if (!ECX)
        GOTO_LABEL_PARAM(1);
    NEXT();
}

void op_decl_ECX(void) { ECX--; NEXT(); }

/* The 0x67 forms of LOOP/JCXZ/REP count with CX alone. */
void op_jz_CX_label(void)
{
    if (!(uint16_t)ECX)
        GOTO_LABEL_PARAM(1);
    NEXT();
}

void op_decw_ECX(void) { ECX = (ECX & 0xffff0000u) | (uint16_t)(ECX - 1); NEXT(); }

/* Raise exception PARAM1 if T0 is non-zero (INTO); the translator stored
 * eip and cc_op. */
void op_raise_if_T0(void)
{
    if (T0)
        helper_raise_exception(env, PARAM1);
    NEXT();
}

/* Legacy SSE 16-byte operands (SDM vol. 1, 11.4.1, and each instruction's
 * exceptions): a linear address that is not 16-byte aligned is #GP(0).
 * The fault itself is a stub at the end of the TB (label PARAM1), so the
 * aligned path is a test and a branch not taken. */
void op_jmisalign16_A0_label(void)
{
    if (A0 & 15)
        GOTO_LABEL_PARAM(1);
    NEXT();
}

/* The aligned VEX.256 moves' 32-byte operands (SDM vol. 2, VMOVAPS
 * "Exceptions": table 2-18, type 1), as above. */
void op_jmisalign32_A0_label(void)
{
    if (A0 & 31)
        GOTO_LABEL_PARAM(1);
    NEXT();
}

/* Alignment checks while EFLAGS.AC is set (SDM vol. 3, 6.15 "Interrupt
 * 17"): an access of 2, 4, 8 or 16 bytes at A0, or a push or pop at ESP,
 * whose address is not a multiple of its size is #AC (8 for the 10-byte
 * x87 operands).  Only TBs translated for HF_AC have them; the translator
 * stored EIP. */
#define CHECK_AC(name, addr, mask)                                          \
    void op_check_ac_##name(void)                                           \
    {                                                                       \
        if ((addr) & (mask))                                                \
            helper_raise_exception(env, EXCP_AC);                           \
        NEXT();                                                             \
    }
CHECK_AC(2_A0, A0, 1)
CHECK_AC(4_A0, A0, 3)
CHECK_AC(8_A0, A0, 7)
CHECK_AC(16_A0, A0, 15)
/* ESP from env: an op that calls a helper has the pinned registers
 * stored there (op/i386/pinned-regs.h) and may not touch them. */
CHECK_AC(2_ESP, env->regs[R_ESP], 1)
CHECK_AC(4_ESP, env->regs[R_ESP], 3)
#undef CHECK_AC

/* Far transfers (SDM JMP/CALL/RET far, IRET; op/i386/helper-seg.c):
 * T0 = the offset, T1 = the selector; PARAM1 = 1 for a 32-bit operand
 * size; CALL's return EIP in PARAM2, RET's imm16 in PARAM2. */
void op_far_jmp_T0_T1(void) { helper_far_jmp(env, T1, T0, PARAM1); NEXT(); }
void op_far_call_T0_T1(void)
{
    env->t2 = PARAM2; /* a fifth argument would be a pinned register */
    helper_far_call(env, T1, T0, PARAM1);
    NEXT();
}
void op_far_ret(void) { helper_far_ret(env, PARAM1, PARAM2); NEXT(); }
void op_iret(void) { helper_iret(env, PARAM1); NEXT(); }
/* The access at A0 (an offset in segment PARAM1) of the bytes up to A0 +
 * (PARAM2 & LIMIT_EXTENT_MASK), a write if PARAM2 & LIMIT_WRITE, within
 * the limit and allowed by the type (TB flags HF_LIMITS, HF_SS_LIMITS; the
 * helper raises #GP(0) or #SS(0), sees an expand-down segment through, or
 * adds XSAVE's AVX component). */
void op_check_limit_A0(void)
{
    const SegCache *c = &env->segs[PARAM1];
    uint32_t last = A0 + (PARAM2 & LIMIT_EXTENT_MASK);

    if (last > c->limit || last < A0 || (PARAM2 & LIMIT_XSAVE) ||
        (c->flags & (SEG_FLAG_CODE | SEG_FLAG_EXPAND_DOWN)) == SEG_FLAG_EXPAND_DOWN ||
        ((PARAM2 & LIMIT_WRITE) &&
         (c->flags & (SEG_FLAG_CODE | SEG_FLAG_WRITABLE)) != SEG_FLAG_WRITABLE))
        helper_check_limit(env, PARAM1, A0, PARAM2);
    NEXT();
}

/* ---- flag instructions (SDM CLC, STC, CMC, CLD, STD, LAHF, SAHF) ---- */
void op_clc(void) { helper_set_cf(env, 0); NEXT(); }
void op_stc(void) { helper_set_cf(env, 1); NEXT(); }
void op_cmc(void) { helper_set_cf(env, ~helper_cc_compute_c(env)); NEXT(); }
void op_cld(void) { env->df = 1; NEXT(); }
void op_std(void) { env->df = -1; NEXT(); }

/* REP MOVS / REP STOS, all of it (PARAM1 = element size in bytes). */
void op_rep_movs(void) { helper_rep_movs(env, PARAM1); NEXT(); }
void op_rep_stos(void) { helper_rep_stos(env, PARAM1); NEXT(); }

/* LAHF: T0 := SF:ZF:0:AF:0:PF:1:CF, for movh_EAX_T0 (an op that calls a
 * helper leaves the pinned registers alone: op/i386/pinned-regs.h). */
void op_lahf(void)
{
    T0 = (helper_cc_compute_all(env) & 0xff) | 0x02;
    NEXT();
}
/* SAHF: T0 holds AH (movzh_T0_EAX). */
void op_sahf(void) { helper_sahf(env, T0); NEXT(); }

/* PUSHF / POPF: T0 <-> EFLAGS; PARAM1 masks the bits the operand size
 * covers. */
void op_movl_T0_eflags(void) { T0 = helper_read_eflags(env); NEXT(); }
void op_movl_eflags_T0(void) { helper_write_eflags(env, T0, PARAM1); NEXT(); }

/* ---- decimal adjustments: all flag work is in the helpers ---- */
void op_daa(void) { helper_daa(env); NEXT(); }
void op_das(void) { helper_das(env); NEXT(); }
void op_aaa(void) { helper_aaa(env); NEXT(); }
void op_aas(void) { helper_aas(env); NEXT(); }
void op_aam(void) { helper_aam(env, PARAM1); NEXT(); }
void op_aad(void) { helper_aad(env, PARAM1); NEXT(); }

/* ---- system-ish instructions ---- */
void op_cpuid(void) { helper_cpuid(env); NEXT(); }
void op_rdtsc(void) { helper_rdtsc(env); NEXT(); }

/* MOV from a segment register: PARAM1 = offsetof its selector. */
void op_movl_T0_seg(void)
{
    T0 = *(uint32_t *)((uint8_t *)env + PARAM1);
    NEXT();
}

/* MOV/POP to a segment register: PARAM1 = segment number. */
void op_movl_seg_T0(void) { helper_load_seg(env, PARAM1, T0); NEXT(); }

/* LAR/LSL Gv, Ew: T1 = the destination's old value, T0 the selector. */
void op_lar_T0(void) { T1 = helper_lar(env, T0, T1); NEXT(); }
void op_lsl_T0(void) { T1 = helper_lsl(env, T0, T1); NEXT(); }
void op_verr_T0(void) { helper_verr(env, T0); NEXT(); }
void op_verw_T0(void) { helper_verw(env, T0); NEXT(); }
void op_movl_T0_ldtr(void) { T0 = helper_sldt(env); NEXT(); }
/* POPCNT LZCNT TZCNT, BMI1, BMI2, ADX: T0 := kind PARAM1 of T0, T1
 * (op/i386/helper-bmi.c); MULX's low half to T1 through t2. */
void op_bmi_T0_T1(void) { T0 = helper_bmi(env, PARAM1, T0, T1); NEXT(); }
void op_movl_T1_t2(void) { T1 = env->t2; NEXT(); }
/* MOVBE's 16-bit swap. */
void op_bswapw_T0(void) { T0 = __builtin_bswap16((uint16_t)T0); NEXT(); }
void op_arpl_T0_T1(void) { T0 = helper_arpl(env, T0, T1); NEXT(); }

/* Raise exception PARAM1 with error code PARAM2 (the guest PC is set). */
void op_raise_exception_err(void)
{
    env->exception_index = (int32_t)PARAM1;
    env->error_code = PARAM2;
    NEXT();
}

/* At the start of a TB translated for TB flags PARAM1 (not 0, and without
 * HF_X87_STORED, which needs no check): go on to
 * label PARAM2 if the CPU still has them, else fall into an exit to the
 * loop, which finds the TB for the flags it has (cpu.h, HF_*). */
void op_check_hflags(void)
{
    if (cpu_tb_flags_checked(env) == PARAM1)
        GOTO_LABEL_PARAM(2);
    NEXT();
}

/* CMPXCHG8B m64 (SDM): compare EDX:EAX with m64; equal: m64 := ECX:EBX,
 * ZF = 1; else EDX:EAX := m64, ZF = 0.  The memory is written either way,
 * as the processor does.  T0 := 1 if equal; op_movl_zf_T0 then sets ZF
 * after op_compute_eflags (the helper call is an op of its own: ops that
 * call helpers leave the pinned registers alone). */
void op_cmpxchg8b_A0(void)
{
    uint64_t v = (uint64_t)EDX << 32 | EAX;

    /* Always one host cmpxchg (a locked one, which on a mismatch still
     * writes the old value back, as the SDM's CMPXCHG8B does): atomic
     * with or without LOCK, as glibc's 64-bit atomics on i386 need. */
    T0 = __atomic_compare_exchange_n(GUEST_PTR(uint64_t, A0), &v,
                                     (uint64_t)ECX << 32 | EBX, 0,
                                     __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    if (!T0) {
        EAX = (uint32_t)v;
        EDX = (uint32_t)(v >> 32);
    }
    NEXT();
}

/* ZF := T0 != 0, the other flags kept (after op_compute_eflags). */
void op_movl_zf_T0(void)
{
    env->cc_src = (env->cc_src & ~CC_Z) | (T0 ? CC_Z : 0);
    NEXT();
}
