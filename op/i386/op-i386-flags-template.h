/*
 * Flag-recording micro-ops and their flag-free twins, included twice by
 * op/op-i386-template.h for each operand size: with CC_RECORD = 1 it
 * defines op_NAME_cc, which also records the lazy flag state (op/i386/cc-op.h);
 * with CC_RECORD = 0 it defines op_NAME, the same work without the record.
 * The flag-liveness pass (translate/i386/optimize-flags.c) swaps a _cc op for
 * its twin when nothing reads the flags it records (paper, section 3.4).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#if CC_RECORD
#define CCOP(pre, post) glue(OP(pre, post), _cc)
#define RECORD(stmt) stmt
#else
#define CCOP(pre, post) OP(pre, post)
#define RECORD(stmt)
#endif

/* ---- shifts by T1 (SDM SAL/SAR/SHL/SHR): the count is masked to 5 bits;
 * a zero count changes neither the value nor the flags, so the recording
 * ops store cc_op themselves. ---- */
void CCOP(shl, _T0_T1)(void)
{
    uint32_t count = T1 & 0x1f;

    if (count) {
        RECORD(env->cc_src = T0 << (count - 1);)
        T0 = T0 << count;
        RECORD(env->cc_dst = T0; env->cc_op = CC_KIND(SHL);)
    }
    NEXT();
}

void CCOP(shr, _T0_T1)(void)
{
    uint32_t count = T1 & 0x1f;

    if (count) {
        uint32_t v = (DATA_TYPE)T0;
        RECORD(env->cc_src = v >> (count - 1);)
        T0 = v >> count;
        RECORD(env->cc_dst = T0; env->cc_op = CC_KIND(SAR);)
    }
    NEXT();
}

void CCOP(sar, _T0_T1)(void)
{
    uint32_t count = T1 & 0x1f;

    if (count) {
        int32_t v = (DATA_STYPE)T0;
        RECORD(env->cc_src = (uint32_t)(v >> (count - 1));)
        T0 = (uint32_t)(v >> count);
        RECORD(env->cc_dst = T0; env->cc_op = CC_KIND(SAR);)
    }
    NEXT();
}

/* ---- shifts by an immediate count PARAM1, known to be 1-31 at
 * translation time: the translator records the kind. ---- */
void CCOP(shl, _T0_im)(void)
{
#if CC_RECORD
    uint32_t v = T0 << (PARAM1 - 1);

    env->cc_src = v;
    T0 = v << 1;
    env->cc_dst = T0;
#else
    T0 <<= PARAM1;
#endif
    NEXT();
}

void CCOP(shr, _T0_im)(void)
{
#if CC_RECORD
    uint32_t v = (uint32_t)(DATA_TYPE)T0 >> (PARAM1 - 1);

    env->cc_src = v;
    T0 = v >> 1;
    env->cc_dst = T0;
#else
    T0 = (uint32_t)(DATA_TYPE)T0 >> PARAM1;
#endif
    NEXT();
}

void CCOP(sar, _T0_im)(void)
{
#if CC_RECORD
    int32_t v = (int32_t)(DATA_STYPE)T0 >> (PARAM1 - 1);

    env->cc_src = (uint32_t)v;
    T0 = (uint32_t)(v >> 1);
    env->cc_dst = T0;
#else
    T0 = (uint32_t)((int32_t)(DATA_STYPE)T0 >> PARAM1);
#endif
    NEXT();
}

/*
 * Rotates by an immediate count whose masked value is non-zero; PARAM1 is
 * that count mod the width (0 for b/w counts that rotate back to the
 * start, which still set the flags).  They change only CF and OF: the
 * recording ops put them in cc_aux and the translator adds CC_OP_ROT to
 * the kind (op/i386/cc-op.h).  OF follows the count-1 rule for every count
 * (MSB xor CF for rol, the two top bits for ror), like the helpers.
 */
#define ROTATE_LEFT(v, n)                                                 \
    (DATA_TYPE)((v) << (n) | (v) >> ((DATA_BITS - (n)) & (DATA_BITS - 1)))
#define ROTATE_RIGHT(v, n)                                                \
    (DATA_TYPE)((v) >> (n) | (v) << ((DATA_BITS - (n)) & (DATA_BITS - 1)))
void CCOP(rol, _T0_im)(void)
{
    uint32_t n = PARAM1, v = (DATA_TYPE)T0, r = ROTATE_LEFT(v, n);

    T0 = r;
    RECORD(env->cc_aux = (r & 1) | ((((r >> (DATA_BITS - 1)) ^ r) & 1) << 11);)
    NEXT();
}

void CCOP(ror, _T0_im)(void)
{
    uint32_t n = PARAM1, v = (DATA_TYPE)T0, r = ROTATE_RIGHT(v, n);

    T0 = r;
    RECORD(env->cc_aux = ((r >> (DATA_BITS - 1)) & 1) |
                         ((((r >> (DATA_BITS - 1)) ^ (r >> (DATA_BITS - 2))) & 1)
                          << 11);)
    NEXT();
}
#undef ROTATE_LEFT
#undef ROTATE_RIGHT

/* Rotates by T1 touch only CF and OF: the recording ops let the helpers
 * merge them into EFLAGS; the twins rotate in place (count mod the
 * width). */
#if CC_RECORD
void CCOP(rol, _T0_T1)(void)
{
    if (T1 & 0x1f)
        T0 = HELPER(rol)(env, T0, T1 & 0x1f);
    NEXT();
}

void CCOP(ror, _T0_T1)(void)
{
    if (T1 & 0x1f)
        T0 = HELPER(ror)(env, T0, T1 & 0x1f);
    NEXT();
}

/* RCL/RCR read CF: no twin. */
void CCOP(rcl, _T0_T1)(void) { T0 = HELPER(rcl)(env, T0, T1); NEXT(); }
void CCOP(rcr, _T0_T1)(void) { T0 = HELPER(rcr)(env, T0, T1); NEXT(); }
#else
void CCOP(rol, _T0_T1)(void)
{
    uint32_t n = T1 & (DATA_BITS - 1), v = (DATA_TYPE)T0;

    if (n)
        T0 = (DATA_TYPE)(v << n | v >> (DATA_BITS - n));
    NEXT();
}

void CCOP(ror, _T0_T1)(void)
{
    uint32_t n = T1 & (DATA_BITS - 1), v = (DATA_TYPE)T0;

    if (n)
        T0 = (DATA_TYPE)(v >> n | v << (DATA_BITS - n));
    NEXT();
}
#endif

/* ---- one-operand multiply: the accumulator is implicit ---- */
#if SHIFT == 0
/* MUL r/m8: AX := AL * r/m8; CF = OF = (AH != 0). */
void CCOP(mul, _EAX_T0)(void)
{
    uint32_t r = (uint8_t)EAX * (uint8_t)T0;

    EAX = (EAX & 0xffff0000u) | (uint16_t)r;
    RECORD(env->cc_dst = r; env->cc_src = r & 0xff00;)
    NEXT();
}

void CCOP(imul, _EAX_T0)(void)
{
    int32_t r = (int8_t)EAX * (int8_t)T0;

    EAX = (EAX & 0xffff0000u) | (uint16_t)r;
    RECORD(env->cc_dst = (uint32_t)r; env->cc_src = r != (int8_t)r;)
    NEXT();
}
#elif SHIFT == 1
/* MUL r/m16: DX:AX := AX * r/m16. */
void CCOP(mul, _EAX_T0)(void)
{
    uint32_t r = (uint32_t)(uint16_t)EAX * (uint16_t)T0;

    SET_SIZED(EAX, r);
    SET_SIZED(EDX, r >> 16);
    RECORD(env->cc_dst = r; env->cc_src = r >> 16;)
    NEXT();
}

void CCOP(imul, _EAX_T0)(void)
{
    int32_t r = (int16_t)EAX * (int16_t)T0;

    SET_SIZED(EAX, r);
    SET_SIZED(EDX, (uint32_t)r >> 16);
    RECORD(env->cc_dst = (uint32_t)r; env->cc_src = r != (int16_t)r;)
    NEXT();
}

/* IMUL r16, r/m16 (, imm): truncated product, CF = OF = overflow. */
void CCOP(imul, _T0_T1)(void)
{
    int32_t r = (int16_t)T0 * (int16_t)T1;

    T0 = (uint32_t)r;
    RECORD(env->cc_dst = (uint32_t)r; env->cc_src = r != (int16_t)r;)
    NEXT();
}
#else
/* MUL r/m32: EDX:EAX := EAX * r/m32. */
void CCOP(mul, _EAX_T0)(void)
{
    uint64_t r = (uint64_t)EAX * T0;

    EAX = (uint32_t)r;
    EDX = (uint32_t)(r >> 32);
    RECORD(env->cc_dst = (uint32_t)r; env->cc_src = (uint32_t)(r >> 32);)
    NEXT();
}

void CCOP(imul, _EAX_T0)(void)
{
    int64_t r = (int64_t)(int32_t)EAX * (int32_t)T0;

    EAX = (uint32_t)r;
    EDX = (uint32_t)((uint64_t)r >> 32);
    RECORD(env->cc_dst = (uint32_t)r; env->cc_src = r != (int32_t)r;)
    NEXT();
}

void CCOP(imul, _T0_T1)(void)
{
    int32_t r;
    uint32_t overflow = __builtin_mul_overflow((int32_t)T0, (int32_t)T1, &r);

    T0 = (uint32_t)r;
    RECORD(env->cc_dst = (uint32_t)r; env->cc_src = overflow;)
    (void)overflow;
    NEXT();
}
#endif

/* CMPXCHG r/m, r (SDM): compare the accumulator with the destination (T0);
 * equal: destination := source (T1); else accumulator := destination, and
 * the destination is written back unchanged, as the processor does.  The
 * flags are those of CMP accumulator, destination. */
void CCOP(cmpxchg, _T0_T1)(void)
{
    uint32_t acc = EAX;

    RECORD(env->cc_src = T0; env->cc_dst = acc - T0;)
    if ((DATA_TYPE)acc == (DATA_TYPE)T0)
        T0 = T1;
    else
        SET_SIZED(EAX, T0);
    NEXT();
}

/* XADD: T0 := T0 + T1 and T1 := old T0; flags of the add. */
void CCOP(xadd, _T0_T1)(void)
{
    uint32_t old = T0;

    T0 = T0 + T1;
    RECORD(env->cc_src = T1; env->cc_dst = T0;)
    T1 = old;
    NEXT();
}

#if SHIFT > 0
/* ---- bit test and scan (16 and 32 bits) ---- */
#define BIT_INDEX (T1 & (DATA_BITS - 1))
/* CF := the bit, in cc_aux with CC_AUX_CF_ONLY: the translator makes the
 * kind K | CC_OP_ROT, so the other flags stay those of K (op/i386/cc-op.h). */
#define BT_RECORD (((T0 >> BIT_INDEX) & 1) | CC_AUX_CF_ONLY)
#if CC_RECORD
/* BT alone only sets CF: its twin is no op at all. */
void CCOP(bt, _T0_T1)(void)
{
    env->cc_aux = BT_RECORD;
    NEXT();
}
#endif

void CCOP(bts, _T0_T1)(void)
{
    RECORD(env->cc_aux = BT_RECORD;)
    T0 |= 1u << BIT_INDEX;
    NEXT();
}

void CCOP(btr, _T0_T1)(void)
{
    RECORD(env->cc_aux = BT_RECORD;)
    T0 &= ~(1u << BIT_INDEX);
    NEXT();
}

void CCOP(btc, _T0_T1)(void)
{
    RECORD(env->cc_aux = BT_RECORD;)
    T0 ^= 1u << BIT_INDEX;
    NEXT();
}
#undef BT_RECORD
#undef BIT_INDEX

/* BSF/BSR: T1 (the old destination) is replaced only for a non-zero source,
 * which is what Intel and AMD processors do; ZF = (source == 0) through the
 * LOGIC kind. */
void CCOP(bsf, _T1_T0)(void)
{
    uint32_t v = (DATA_TYPE)T0;

    RECORD(env->cc_dst = v;)
    if (v)
        T1 = (uint32_t)__builtin_ctz(v);
    NEXT();
}

void CCOP(bsr, _T1_T0)(void)
{
    uint32_t v = (DATA_TYPE)T0;

    RECORD(env->cc_dst = v;)
    if (v)
        T1 = 31u - (uint32_t)__builtin_clz(v);
    NEXT();
}

/* SHLD/SHRD dest=T0, src=T1, count in env->t2 (masked to 5 bits; a zero
 * count changes nothing, so cc_op is stored here).  16-bit counts above 16
 * are undefined (SDM SHLD); stitch shifts through dest:src:dest as Intel
 * processors do. */
#if SHIFT == 1
void CCOP(shld, _T0_T1)(void)
{
    uint32_t count = env->t2 & 0x1f;

    if (count) {
        uint64_t x = (uint64_t)(uint16_t)T0 << 32 |
                     (uint64_t)(uint16_t)T1 << 16 | (uint16_t)T0;
        RECORD(env->cc_src = (uint32_t)((x << (count - 1)) >> 32);)
        T0 = (uint32_t)((x << count) >> 32);
        RECORD(env->cc_dst = T0; env->cc_op = CC_OP_SHLW;)
    }
    NEXT();
}

void CCOP(shrd, _T0_T1)(void)
{
    uint32_t count = env->t2 & 0x1f;

    if (count) {
        /* src:dest in the low 32 bits, dest again above. */
        uint64_t x = (uint64_t)(uint16_t)T0 << 32 |
                     (uint64_t)(uint16_t)T1 << 16 | (uint16_t)T0;
        RECORD(env->cc_src = (uint32_t)(x >> (count - 1));)
        T0 = (uint32_t)(x >> count) & 0xffff;
        RECORD(env->cc_dst = T0; env->cc_op = CC_OP_SARW;)
    }
    NEXT();
}
#elif CC_RECORD
void CCOP(shld, _T0_T1)(void)
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

void CCOP(shrd, _T0_T1)(void)
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
#else
/* Without the record, the host's own SHLD/SHRD: the same 5-bit count,
 * and the same nothing for a zero count (64-bit shifts in i386 code). */
void CCOP(shld, _T0_T1)(void)
{
    __asm__("shldl %%cl, %1, %0" : "+r"(T0) : "r"(T1), "c"(env->t2) : "cc");
    NEXT();
}

void CCOP(shrd, _T0_T1)(void)
{
    __asm__("shrdl %%cl, %1, %0" : "+r"(T0) : "r"(T1), "c"(env->t2) : "cc");
    NEXT();
}
#endif
#endif /* SHIFT > 0 */

#undef CCOP
#undef RECORD
#undef CC_RECORD
