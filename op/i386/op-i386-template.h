/*
 * Micro-ops specialised per operand size, included by op/op-i386.c with
 * SHIFT = 0, 1, 2 for byte, word and dword operands (suffix b, w, l).
 *
 * The plain ALU ops (add, sub, and ...) are size-independent 32-bit ops:
 * only the flags depend on the size, and the translator records that in the
 * cc_op kind (op/i386/cc-op.h).  What is here is what really differs by size:
 * memory access, shifts, multiply/divide, the fast condition tests on
 * recorded flags, and the bit instructions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#if SHIFT == 0
#define SUFFIX b
#define DATA_TYPE uint8_t
#define DATA_STYPE int8_t
#define LOAD(a) ldub(a)
#define STORE(a, v) stb(a, v)
#define SET_SIZED(r, v) ((r) = ((r) & 0xffffff00u) | (uint8_t)(v))
#elif SHIFT == 1
#define SUFFIX w
#define DATA_TYPE uint16_t
#define DATA_STYPE int16_t
#define LOAD(a) lduw(a)
#define STORE(a, v) stw(a, v)
#define SET_SIZED(r, v) ((r) = ((r) & 0xffff0000u) | (uint16_t)(v))
#else
#define SUFFIX l
#define DATA_TYPE uint32_t
#define DATA_STYPE int32_t
#define LOAD(a) ldl(a)
#define STORE(a, v) stl(a, v)
#define SET_SIZED(r, v) ((r) = (v))
#endif
#define DATA_BITS (8 << SHIFT)
#define CC_KIND(k) (CC_OP_##k##B + SHIFT)
#define OP(pre, post) glue(glue(op_##pre, SUFFIX), post)
#define HELPER(name) glue(helper_##name, SUFFIX)

/* ---- guest memory at A0 ---- */
void OP(ldu, _T0_A0)(void) { T0 = LOAD(A0); NEXT(); }
void OP(ldu, _T1_A0)(void) { T1 = LOAD(A0); NEXT(); }
void OP(st, _T0_A0)(void) { STORE(A0, T0); NEXT(); }
void OP(st, _T1_A0)(void) { STORE(A0, T1); NEXT(); }

/*
 * LOCK-prefixed read-modify-writes (SDM vol. 3, 9.1.2.2), as host atomics
 * on the guest's memory, so they are atomic against every other thread and
 * every process sharing the page, plain stores included (not only against
 * other LOCKed instructions, as a lock of stitch's own would be).
 *
 * The general case is a compare-and-swap loop the translator builds
 * (translate/i386/gen.c, gen_load_rm_T0): lock_ld loads the operand and
 * keeps it in lock_old; the instruction's own ops compute T0; lock_st
 * stores T0 only if the operand still holds lock_old, else jumps back to
 * the label before lock_ld, to run the instruction again on the new value.
 * lock_ld is itself an atomic read-modify-write (add 0), so a page that
 * cannot be written faults there, before anything has changed, as the
 * locked instruction would.
 */
#define GUEST_ATOMIC(a) GUEST_PTR(DATA_TYPE, a)

void OP(lock_ld, _T0_A0)(void)
{
    T0 = __atomic_fetch_add(GUEST_ATOMIC(A0), 0, __ATOMIC_SEQ_CST);
    env->lock_old = T0;
    NEXT();
}

void OP(lock_st, _T0_A0_label)(void)
{
    DATA_TYPE expect = (DATA_TYPE)env->lock_old;

    if (!__atomic_compare_exchange_n(GUEST_ATOMIC(A0), &expect, (DATA_TYPE)T0, 0,
                                     __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
        GOTO_LABEL_PARAM(1);
    NEXT();
}

/* XCHG with memory (LOCK implied): T0 := old operand, operand := T0. */
void OP(lock_xchg, _T0_A0)(void)
{
    T0 = __atomic_exchange_n(GUEST_ATOMIC(A0), (DATA_TYPE)T0, __ATOMIC_SEQ_CST);
    NEXT();
}

/* LOCK XADD: operand += T1, T1 := the old operand, T0 := the sum, with the
 * flags of the add. */
void OP(lock_xadd, _T1_A0_cc)(void)
{
    DATA_TYPE old = __atomic_fetch_add(GUEST_ATOMIC(A0), (DATA_TYPE)T1, __ATOMIC_SEQ_CST);

    T0 = (DATA_TYPE)(old + T1);
    env->cc_src = T1;
    env->cc_dst = T0;
    T1 = old;
    NEXT();
}

/* LOCK CMPXCHG: one host cmpxchg; on a mismatch the accumulator takes the
 * operand's value; the flags are those of CMP accumulator, operand. */
void OP(lock_cmpxchg, _T1_A0_cc)(void)
{
    DATA_TYPE cur = (DATA_TYPE)EAX;
    uint32_t acc = EAX;

    if (!__atomic_compare_exchange_n(GUEST_ATOMIC(A0), &cur, (DATA_TYPE)T1, 0,
                                     __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
        SET_SIZED(EAX, cur);
    T0 = cur;
    env->cc_src = T0;
    env->cc_dst = acc - T0;
    NEXT();
}
#undef GUEST_ATOMIC

/* ---- condition tests on recorded flags (Jcc, SETcc, CMOVcc) ---- */
#include "op-i386-cond-template.h"

/* First operand of a SUB/CMP, rebuilt from the record. */
#define SUB_SRC1 ((DATA_TYPE)(env->cc_dst + env->cc_src))
#define SUB_SRC2 ((DATA_TYPE)env->cc_src)
/*
 * INC/DEC keep CF (SDM INC): after the result T0 is stored, record the
 * INC/DEC kind with cc_src = CF of the previous kind, read from its record
 * without a helper call (SUB: src1 < src2; ADD: dst < src2).
 */
void OP(update_inc_cc_sub, )(void)
{
    env->cc_src = SUB_SRC1 < SUB_SRC2;
    env->cc_dst = T0;
    NEXT();
}
void OP(update_inc_cc_add, )(void)
{
    env->cc_src = (DATA_TYPE)env->cc_dst < (DATA_TYPE)env->cc_src;
    env->cc_dst = T0;
    NEXT();
}
#undef SUB_SRC1
#undef SUB_SRC2

/* ---- add/sub with carry: the carry-in (0/1) is in cc_aux, put there
 * by an op_movl_aux_* op; the ADC/SBB kinds keep reading it (cc-op.h). */
void OP(adc, _T0_T1_cc)(void)
{
    env->cc_src = T1;
    T0 = T0 + T1 + env->cc_aux;
    env->cc_dst = T0;
    NEXT();
}

void OP(sbb, _T0_T1_cc)(void)
{
    env->cc_src = T1;
    T0 = T0 - T1 - env->cc_aux;
    env->cc_dst = T0;
    NEXT();
}

void OP(adc, _T0_T1)(void) { T0 = T0 + T1 + env->cc_aux; NEXT(); }
void OP(sbb, _T0_T1)(void) { T0 = T0 - T1 - env->cc_aux; NEXT(); }

#define CC_RECORD 1
#include "op-i386-flags-template.h"
#define CC_RECORD 0
#include "op-i386-flags-template.h"

/* DIV/IDIV: the helper raises #DE (translator stored eip and cc_op). */
void OP(div, _T0)(void) { HELPER(div)(env, T0); NEXT(); }
void OP(idiv, _T0)(void) { HELPER(idiv)(env, T0); NEXT(); }

/* String instructions step ESI/EDI by the operand size in the direction DF
 * says (env->df is +1 or -1). */
void OP(addl_ESI_df, )(void)
{
    ESI += (uint32_t)env->df << SHIFT;
    NEXT();
}

void OP(addl_EDI_df, )(void)
{
    EDI += (uint32_t)env->df << SHIFT;
    NEXT();
}

/* The same with the 0x67 prefix: SI/DI wrap at 64 KiB, the upper halves
 * of ESI/EDI stay (SDM vol. 1, 3.6.1). */
void OP(addw_ESI_df, )(void)
{
    uint32_t v = ESI;

    ESI = (v & 0xffff0000u) | (uint16_t)(v + ((uint32_t)env->df << SHIFT));
    NEXT();
}

void OP(addw_EDI_df, )(void)
{
    uint32_t v = EDI;

    EDI = (v & 0xffff0000u) | (uint16_t)(v + ((uint32_t)env->df << SHIFT));
    NEXT();
}

#if SHIFT > 0
/* BOUND r, m (SDM BOUND): the signed index T0 must lie within the two
 * bounds at A0; otherwise #BR, which Linux delivers as SIGSEGV (the
 * translator stored eip and cc_op).  The lower bound is read first, as
 * the processor does: a fault reports its address. */
void OP(bound, _T0_A0)(void)
{
    DATA_STYPE v = (DATA_STYPE)T0;
    DATA_STYPE lo = (DATA_STYPE)LOAD(A0);
    __asm__ volatile("" ::: "memory");
    DATA_STYPE hi = (DATA_STYPE)LOAD(A0 + (1u << SHIFT));

    if (v < lo || v > hi)
        helper_raise_exception(env, EXCP_BR);
    NEXT();
}

/* ---- bit test and scan (16 and 32 bits) ---- */

/* BT/BTS/BTR/BTC with a register bit offset on memory: the offset is signed
 * and selects the operand-sized word relative to A0 (SDM BT). */
void OP(add_bit_A0_T1, )(void)
{
    SET_A0(A0 + (uint32_t)(((int32_t)(DATA_STYPE)T1 >> (3 + SHIFT)) << SHIFT));
    NEXT();
}

#endif /* SHIFT > 0 */

#undef SUFFIX
#undef DATA_TYPE
#undef DATA_STYPE
#undef LOAD
#undef STORE
#undef SET_SIZED
#undef DATA_BITS
#undef CC_KIND
#undef OP
#undef HELPER
#undef SHIFT
