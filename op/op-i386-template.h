/*
 * Micro-ops specialised per operand size, included by op/op-i386.c with
 * SHIFT = 0, 1, 2 for byte, word and dword operands (suffix b, w, l).
 *
 * The plain ALU ops (add, sub, and ...) are size-independent 32-bit ops:
 * only the flags depend on the size, and the translator records that in the
 * cc_op kind (op/cc-op.h).  What is here is what really differs by size:
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

/* ---- condition tests on recorded flags, result 0/1 in T0 ----
 * After SUB/CMP: src1 = dst + src2 is rebuilt and compared directly, the
 * way the SDM defines B, BE, L, LE (Jcc table). */
#define SUB_SRC1 ((DATA_TYPE)(env->cc_dst + env->cc_src))
#define SUB_SRC2 ((DATA_TYPE)env->cc_src)
void OP(setb_T0_sub, )(void) { T0 = SUB_SRC1 < SUB_SRC2; NEXT(); }
void OP(setbe_T0_sub, )(void) { T0 = SUB_SRC1 <= SUB_SRC2; NEXT(); }
void OP(setl_T0_sub, )(void)
{
    T0 = (DATA_STYPE)SUB_SRC1 < (DATA_STYPE)SUB_SRC2;
    NEXT();
}
void OP(setle_T0_sub, )(void)
{
    T0 = (DATA_STYPE)SUB_SRC1 <= (DATA_STYPE)SUB_SRC2;
    NEXT();
}
/* ZF and SF come from the result in every kind but EFLAGS. */
void OP(setz_T0_dst, )(void) { T0 = (DATA_TYPE)env->cc_dst == 0; NEXT(); }
void OP(sets_T0_dst, )(void) { T0 = (env->cc_dst >> (DATA_BITS - 1)) & 1; NEXT(); }
/* After a logic op OF = 0, so LE is ZF | SF. */
void OP(setle_T0_logic, )(void)
{
    T0 = (DATA_STYPE)env->cc_dst <= 0;
    NEXT();
}
/* CF alone into T1 (for INC/DEC, which keep it) without a helper call. */
void OP(movl_T1_cf_sub, )(void) { T1 = SUB_SRC1 < SUB_SRC2; NEXT(); }
void OP(movl_T1_cf_add, )(void)
{
    T1 = (DATA_TYPE)env->cc_dst < (DATA_TYPE)env->cc_src;
    NEXT();
}
#undef SUB_SRC1
#undef SUB_SRC2

/* ---- add/sub with carry: the kind depends on the carry-in, so these ops
 * store cc_op themselves (env->cc_op must be current before). ---- */
void OP(adc, _T0_T1_cc)(void)
{
    uint32_t cf = helper_cc_compute_c(env);

    T0 = T0 + T1 + cf;
    env->cc_src = T1;
    env->cc_dst = T0;
    env->cc_op = cf ? CC_KIND(ADC) : CC_KIND(ADD);
    NEXT();
}

void OP(sbb, _T0_T1_cc)(void)
{
    uint32_t cf = helper_cc_compute_c(env);

    T0 = T0 - T1 - cf;
    env->cc_src = T1;
    env->cc_dst = T0;
    env->cc_op = cf ? CC_KIND(SBB) : CC_KIND(SUB);
    NEXT();
}

/* ---- shifts by T1 (SDM SAL/SAR/SHL/SHR): the count is masked to 5 bits;
 * a zero count changes neither the value nor the flags, so these ops store
 * cc_op themselves. ---- */
void OP(shl, _T0_T1_cc)(void)
{
    uint32_t count = T1 & 0x1f;

    if (count) {
        env->cc_src = T0 << (count - 1);
        T0 = T0 << count;
        env->cc_dst = T0;
        env->cc_op = CC_KIND(SHL);
    }
    NEXT();
}

void OP(shr, _T0_T1_cc)(void)
{
    uint32_t count = T1 & 0x1f;

    if (count) {
        uint32_t v = (DATA_TYPE)T0;
        env->cc_src = v >> (count - 1);
        T0 = v >> count;
        env->cc_dst = T0;
        env->cc_op = CC_KIND(SAR);
    }
    NEXT();
}

void OP(sar, _T0_T1_cc)(void)
{
    uint32_t count = T1 & 0x1f;

    if (count) {
        int32_t v = (DATA_STYPE)T0;
        env->cc_src = (uint32_t)(v >> (count - 1));
        T0 = (uint32_t)(v >> count);
        env->cc_dst = T0;
        env->cc_op = CC_KIND(SAR);
    }
    NEXT();
}

/* Rotates touch only CF and OF: the helpers merge them into EFLAGS. */
void OP(rol, _T0_T1_cc)(void)
{
    if (T1 & 0x1f)
        T0 = HELPER(rol)(env, T0, T1 & 0x1f);
    NEXT();
}

void OP(ror, _T0_T1_cc)(void)
{
    if (T1 & 0x1f)
        T0 = HELPER(ror)(env, T0, T1 & 0x1f);
    NEXT();
}

void OP(rcl, _T0_T1_cc)(void) { T0 = HELPER(rcl)(env, T0, T1); NEXT(); }
void OP(rcr, _T0_T1_cc)(void) { T0 = HELPER(rcr)(env, T0, T1); NEXT(); }

/* ---- one-operand multiply and divide: the accumulator is implicit ---- */
#if SHIFT == 0
/* MUL r/m8: AX := AL * r/m8; CF = OF = (AH != 0). */
void op_mulb_EAX_T0(void)
{
    uint32_t r = (uint8_t)EAX * (uint8_t)T0;

    EAX = (EAX & 0xffff0000u) | (uint16_t)r;
    env->cc_dst = r;
    env->cc_src = r & 0xff00;
    NEXT();
}

void op_imulb_EAX_T0(void)
{
    int32_t r = (int8_t)EAX * (int8_t)T0;

    EAX = (EAX & 0xffff0000u) | (uint16_t)r;
    env->cc_dst = (uint32_t)r;
    env->cc_src = r != (int8_t)r;
    NEXT();
}
#elif SHIFT == 1
/* MUL r/m16: DX:AX := AX * r/m16. */
void op_mulw_EAX_T0(void)
{
    uint32_t r = (uint32_t)(uint16_t)EAX * (uint16_t)T0;

    SET_SIZED(EAX, r);
    SET_SIZED(EDX, r >> 16);
    env->cc_dst = r;
    env->cc_src = r >> 16;
    NEXT();
}

void op_imulw_EAX_T0(void)
{
    int32_t r = (int16_t)EAX * (int16_t)T0;

    SET_SIZED(EAX, r);
    SET_SIZED(EDX, (uint32_t)r >> 16);
    env->cc_dst = (uint32_t)r;
    env->cc_src = r != (int16_t)r;
    NEXT();
}

/* IMUL r16, r/m16 (, imm): truncated product, CF = OF = overflow. */
void op_imulw_T0_T1(void)
{
    int32_t r = (int16_t)T0 * (int16_t)T1;

    T0 = (uint32_t)r;
    env->cc_dst = (uint32_t)r;
    env->cc_src = r != (int16_t)r;
    NEXT();
}
#else
/* MUL r/m32: EDX:EAX := EAX * r/m32. */
void op_mull_EAX_T0(void)
{
    uint64_t r = (uint64_t)EAX * T0;

    EAX = (uint32_t)r;
    EDX = (uint32_t)(r >> 32);
    env->cc_dst = (uint32_t)r;
    env->cc_src = (uint32_t)(r >> 32);
    NEXT();
}

void op_imull_EAX_T0(void)
{
    int64_t r = (int64_t)(int32_t)EAX * (int32_t)T0;

    EAX = (uint32_t)r;
    EDX = (uint32_t)((uint64_t)r >> 32);
    env->cc_dst = (uint32_t)r;
    env->cc_src = r != (int32_t)r;
    NEXT();
}

void op_imull_T0_T1(void)
{
    int64_t r = (int64_t)(int32_t)T0 * (int32_t)T1;

    T0 = (uint32_t)r;
    env->cc_dst = (uint32_t)r;
    env->cc_src = r != (int32_t)r;
    NEXT();
}
#endif

/* DIV/IDIV: the helper raises #DE (translator stored eip and cc_op). */
void OP(div, _T0)(void) { HELPER(div)(env, T0); NEXT(); }
void OP(idiv, _T0)(void) { HELPER(idiv)(env, T0); NEXT(); }

/* CMPXCHG r/m, r (SDM): compare the accumulator with the destination (T0);
 * equal: destination := source (T1); else accumulator := destination, and
 * the destination is written back unchanged, as the processor does.  The
 * flags are those of CMP accumulator, destination. */
void OP(cmpxchg, _T0_T1_cc)(void)
{
    uint32_t acc = EAX;

    env->cc_src = T0;
    env->cc_dst = acc - T0;
    if ((DATA_TYPE)acc == (DATA_TYPE)T0)
        T0 = T1;
    else
        SET_SIZED(EAX, T0);
    NEXT();
}

/* XADD: T0 := T0 + T1 and T1 := old T0; flags of the add. */
void OP(xadd, _T0_T1_cc)(void)
{
    uint32_t old = T0;

    T0 = T0 + T1;
    env->cc_src = T1;
    env->cc_dst = T0;
    T1 = old;
    NEXT();
}

/* String instructions step ESI/EDI by the operand size in the direction DF
 * says (env->df is +1 or -1). */
void OP(addl_ESI_df, )(void)
{
    env->regs[R_ESI] += (uint32_t)env->df << SHIFT;
    NEXT();
}

void OP(addl_EDI_df, )(void)
{
    env->regs[R_EDI] += (uint32_t)env->df << SHIFT;
    NEXT();
}

#if SHIFT > 0
/* ---- bit test and scan (16 and 32 bits) ---- */

/* BT/BTS/BTR/BTC with a register bit offset on memory: the offset is signed
 * and selects the operand-sized word relative to A0 (SDM BT). */
void OP(add_bit_A0_T1, )(void)
{
    A0 += (uint32_t)(((int32_t)(DATA_STYPE)T1 >> (3 + SHIFT)) << SHIFT);
    NEXT();
}

#define BIT_INDEX (T1 & (DATA_BITS - 1))
void OP(bt, _T0_T1_cc)(void)
{
    helper_set_cf(env, T0 >> BIT_INDEX);
    NEXT();
}

void OP(bts, _T0_T1_cc)(void)
{
    helper_set_cf(env, T0 >> BIT_INDEX);
    T0 |= 1u << BIT_INDEX;
    NEXT();
}

void OP(btr, _T0_T1_cc)(void)
{
    helper_set_cf(env, T0 >> BIT_INDEX);
    T0 &= ~(1u << BIT_INDEX);
    NEXT();
}

void OP(btc, _T0_T1_cc)(void)
{
    helper_set_cf(env, T0 >> BIT_INDEX);
    T0 ^= 1u << BIT_INDEX;
    NEXT();
}
#undef BIT_INDEX

/* BSF/BSR: T1 (the old destination) is replaced only for a non-zero source,
 * which is what Intel and AMD processors do; ZF = (source == 0) through the
 * LOGIC kind. */
void OP(bsf, _T1_T0_cc)(void)
{
    uint32_t v = (DATA_TYPE)T0;

    env->cc_dst = v;
    if (v)
        T1 = (uint32_t)__builtin_ctz(v);
    NEXT();
}

void OP(bsr, _T1_T0_cc)(void)
{
    uint32_t v = (DATA_TYPE)T0;

    env->cc_dst = v;
    if (v)
        T1 = 31u - (uint32_t)__builtin_clz(v);
    NEXT();
}

/* SHLD/SHRD dest=T0, src=T1, count in env->t2 (masked to 5 bits; a zero
 * count changes nothing, so cc_op is stored here).  16-bit counts above 16
 * are undefined; stitch shifts through dest:src:dest as Intel does. */
#if SHIFT == 1
#define DOUBLE_WIDE ((uint64_t)(uint16_t)T0 << 32 | (uint64_t)(uint16_t)T1 << 16 | (uint16_t)T0)
#define SHLD_RESULT(x, c) ((uint32_t)(((x) << (c)) >> 32))
void op_shldw_T0_T1_cc(void)
{
    uint32_t count = env->t2 & 0x1f;

    if (count) {
        uint64_t x = DOUBLE_WIDE;
        env->cc_src = SHLD_RESULT(x, count - 1);
        T0 = SHLD_RESULT(x, count);
        env->cc_dst = T0;
        env->cc_op = CC_OP_SHLW;
    }
    NEXT();
}

void op_shrdw_T0_T1_cc(void)
{
    uint32_t count = env->t2 & 0x1f;

    if (count) {
        /* src:dest in the low 32 bits, dest again above. */
        uint64_t x = (uint64_t)(uint16_t)T0 << 32 | (uint64_t)(uint16_t)T1 << 16 |
                     (uint16_t)T0;
        env->cc_src = (uint32_t)(x >> (count - 1));
        T0 = (uint32_t)(x >> count) & 0xffff;
        env->cc_dst = T0;
        env->cc_op = CC_OP_SARW;
    }
    NEXT();
}
#undef DOUBLE_WIDE
#undef SHLD_RESULT
#else
void op_shldl_T0_T1_cc(void)
{
    uint32_t count = env->t2 & 0x1f;

    if (count) {
        env->cc_src = T0 << (count - 1);
        T0 = (T0 << count) | (T1 >> (32 - count));
        env->cc_dst = T0;
        env->cc_op = CC_OP_SHLL;
    }
    NEXT();
}

void op_shrdl_T0_T1_cc(void)
{
    uint32_t count = env->t2 & 0x1f;

    if (count) {
        env->cc_src = T0 >> (count - 1);
        T0 = (T0 >> count) | (T1 << (32 - count));
        env->cc_dst = T0;
        env->cc_op = CC_OP_SARL;
    }
    NEXT();
}
#endif
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
