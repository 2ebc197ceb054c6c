/*
 * ARM multiplies, saturating arithmetic and the DSP/media instructions
 * (ARM ARM A5.2.5 multiplies, A5.2.6 saturating add/sub, A5.2.7 halfword
 * multiplies, A5.4 media): small pure functions of T0 and T1, a few with a
 * third operand in env->t2/t3.  Q (sticky saturation) and GE[3:0] are
 * fields of their own (op/arm/cpu.h); no op here touches NZCV except
 * nz64_T0_T1.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "op-x86_64.h"

/* ---- multiplies: 32 x 32 ---- */
void op_mull_T0_T1(void) { T0 *= T1; NEXT(); }

/* 64-bit results: T0 = low word, T1 = high word. */
void op_umull_T0_T1(void)
{
    uint64_t r = (uint64_t)T0 * T1;

    T0 = (uint32_t)r;
    T1 = (uint32_t)(r >> 32);
    NEXT();
}
void op_smull_T0_T1(void)
{
    int64_t r = (int64_t)(int32_t)T0 * (int32_t)T1;

    T0 = (uint32_t)r;
    T1 = (uint32_t)((uint64_t)r >> 32);
    NEXT();
}
/* The accumulating forms: T1:T0 += t3:t2 (RdHi:RdLo, loaded first). */
void op_addq_T0_T1_t23(void)
{
    uint64_t r = ((uint64_t)T1 << 32 | T0) +
                 ((uint64_t)env->t3 << 32 | env->t2);

    T0 = (uint32_t)r;
    T1 = (uint32_t)(r >> 32);
    NEXT();
}
/* UMAAL (ARM ARM A8.8.255): T0 * T1 + RdLo + RdHi, which cannot overflow
 * 64 bits. */
void op_umaal_T0_T1(void)
{
    uint64_t r = (uint64_t)T0 * T1 + env->t2 + env->t3;

    T0 = (uint32_t)r;
    T1 = (uint32_t)(r >> 32);
    NEXT();
}
/* The S form of a long multiply: N from bit 63, Z from all 64 bits. */
void op_nz64_T0_T1(void)
{
    env->NF = T1;
    env->ZF = T0 | T1;
    NEXT();
}
/* T1 := the sign of T0, widening a 32-bit product to 64 bits (SMLALxy). */
void op_sext_T1_T0(void) { T1 = (uint32_t)((int32_t)T0 >> 31); NEXT(); }

/* ---- halves for the 16-bit multiplies (SMULxy ...): select then sign
 * extend; the top half is an arithmetic shift by 16 ---- */
void op_sxth_T0(void) { T0 = (uint32_t)(int16_t)T0; NEXT(); }
void op_sar16_T0(void) { T0 = (uint32_t)((int32_t)T0 >> 16); NEXT(); }

/* T0 += T1, setting Q on signed overflow (SMLAxy, SMLAWy, SMLAD: ARM ARM
 * A8.8.176, "if result != SInt(result<31:0>) then APSR.Q = 1"). */
void op_addl_T0_T1_q(void)
{
    int32_t r;

    if (__builtin_add_overflow((int32_t)T0, (int32_t)T1, &r))
        env->QF = 1;
    T0 = (uint32_t)r;
    NEXT();
}
/* SMULWy / SMLAWy: the top 32 bits of a 48-bit product of Rn and a
 * sign-extended half (T1). */
void op_smulw_T0_T1(void)
{
    T0 = (uint32_t)(((int64_t)(int32_t)T0 * (int32_t)T1) >> 16);
    NEXT();
}
/* SMMUL/SMMLA/SMMLS (ARM ARM A8.8.185-189): the top word of a signed
 * 64-bit product, plus or minus t2 << 32; PARAM1 = 0x80000000 for the R
 * (rounding) forms, else 0. */
void op_smmla_T0_T1(void)
{
    int64_t r = ((int64_t)env->t2 << 32) + (int64_t)(int32_t)T0 * (int32_t)T1;

    T0 = (uint32_t)((uint64_t)(r + PARAM1) >> 32);
    NEXT();
}
void op_smmls_T0_T1(void)
{
    int64_t r = ((int64_t)env->t2 << 32) - (int64_t)(int32_t)T0 * (int32_t)T1;

    T0 = (uint32_t)((uint64_t)(r + PARAM1) >> 32);
    NEXT();
}
/* SMUAD/SMUSD (ARM ARM A8.8.203): the sum or difference of the two
 * halfword products (T1's halves already swapped for the X forms); the
 * sum overflows only for 0x8000 * 0x8000 twice, which sets Q. */
void op_smuad_T0_T1(void)
{
    int32_t p1 = (int16_t)T0 * (int16_t)T1;
    int32_t p2 = ((int32_t)T0 >> 16) * ((int32_t)T1 >> 16);
    int32_t r;

    if (__builtin_add_overflow(p1, p2, &r))
        env->QF = 1;
    T0 = (uint32_t)r;
    NEXT();
}
void op_smusd_T0_T1(void)
{
    int32_t p1 = (int16_t)T0 * (int16_t)T1;
    int32_t p2 = ((int32_t)T0 >> 16) * ((int32_t)T1 >> 16);

    T0 = (uint32_t)(p1 - p2);
    NEXT();
}
/* SMLALD/SMLSLD: the same, as 64 bits, added to t3:t2 into T1:T0. */
void op_smlald_T0_T1(void)
{
    int64_t p = (int64_t)((int16_t)T0 * (int16_t)T1) +
                ((int32_t)T0 >> 16) * ((int32_t)T1 >> 16);
    uint64_t r = ((uint64_t)env->t3 << 32 | env->t2) + (uint64_t)p;

    T0 = (uint32_t)r;
    T1 = (uint32_t)(r >> 32);
    NEXT();
}
void op_smlsld_T0_T1(void)
{
    int64_t p = (int64_t)((int16_t)T0 * (int16_t)T1) -
                ((int32_t)T0 >> 16) * ((int32_t)T1 >> 16);
    uint64_t r = ((uint64_t)env->t3 << 32 | env->t2) + (uint64_t)p;

    T0 = (uint32_t)r;
    T1 = (uint32_t)(r >> 32);
    NEXT();
}

/* ---- saturation (ARM ARM A2.2.1 SignedSatQ/UnsignedSatQ) ---- */
static inline __attribute__((always_inline)) uint32_t sat32(int64_t v)
{
    if (v > INT32_MAX) {
        env->QF = 1;
        return INT32_MAX;
    }
    if (v < INT32_MIN) {
        env->QF = 1;
        return (uint32_t)INT32_MIN;
    }
    return (uint32_t)v;
}
/* QADD/QSUB Rd, Rm, Rn: T0 = Rm, T1 = Rn; QDADD/QDSUB double Rn first. */
void op_qadd_T0_T1(void) { T0 = sat32((int64_t)(int32_t)T0 + (int32_t)T1); NEXT(); }
void op_qsub_T0_T1(void) { T0 = sat32((int64_t)(int32_t)T0 - (int32_t)T1); NEXT(); }
void op_qdbl_T1(void) { T1 = sat32((int64_t)(int32_t)T1 * 2); NEXT(); }

/* SSAT/USAT (ARM ARM A8.8.179, A8.8.254): PARAM1 = the bit width
 * (SSAT 1-32, USAT 0-31); Q is set when the value was clamped. */
static inline __attribute__((always_inline)) int32_t ssat(int32_t v, uint32_t n)
{
    int32_t max = (int32_t)((1u << (n - 1)) - 1), min = -max - 1;

    if (v > max) {
        env->QF = 1;
        return max;
    }
    if (v < min) {
        env->QF = 1;
        return min;
    }
    return v;
}
static inline __attribute__((always_inline)) uint32_t usat(int32_t v, uint32_t n)
{
    int64_t max = ((int64_t)1 << n) - 1;

    if (v > max) {
        env->QF = 1;
        return (uint32_t)max;
    }
    if (v < 0) {
        env->QF = 1;
        return 0;
    }
    return (uint32_t)v;
}
void op_ssat_T0(void)
{
    uint32_t n = PARAM1;

    if (n < 32)
        T0 = (uint32_t)ssat((int32_t)T0, n);
    NEXT();
}
void op_usat_T0(void) { T0 = usat((int32_t)T0, PARAM1); NEXT(); }
/* SSAT16/USAT16: each halfword on its own. */
void op_ssat16_T0(void)
{
    uint32_t n = PARAM1;
    uint32_t lo = (uint16_t)ssat((int16_t)T0, n);
    uint32_t hi = (uint16_t)ssat((int32_t)T0 >> 16, n);

    T0 = hi << 16 | lo;
    NEXT();
}
void op_usat16_T0(void)
{
    uint32_t n = PARAM1;
    uint32_t lo = usat((int16_t)T0, n);
    uint32_t hi = usat((int32_t)T0 >> 16, n);

    T0 = hi << 16 | lo;
    NEXT();
}

/* ---- bit and byte manipulation ---- */
void op_clz_T0(void) { T0 = T0 ? (uint32_t)__builtin_clz(T0) : 32; NEXT(); }
void op_rev_T0(void) { T0 = __builtin_bswap32(T0); NEXT(); }
void op_rev16_T0(void)
{
    T0 = ((T0 >> 8) & 0x00ff00ffu) | ((T0 << 8) & 0xff00ff00u);
    NEXT();
}
void op_revsh_T0(void)
{
    T0 = (uint32_t)(int16_t)__builtin_bswap16((uint16_t)T0);
    NEXT();
}
void op_rbit_T0(void)
{
    uint32_t v = T0;

    v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
    v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
    v = ((v >> 4) & 0x0f0f0f0fu) | ((v & 0x0f0f0f0fu) << 4);
    T0 = __builtin_bswap32(v);
    NEXT();
}
/* UBFX: PARAM1 = lsb, PARAM2 = the mask of width bits.
 * SBFX: PARAM1 = 32 - lsb - width, PARAM2 = 32 - width.
 * BFI (and BFC with T1 = 0): PARAM1 = the field's mask in place, PARAM2 =
 * lsb. */
void op_ubfx_T0(void) { T0 = (T0 >> PARAM1) & PARAM2; NEXT(); }
void op_sbfx_T0(void) { T0 = (uint32_t)((int32_t)(T0 << PARAM1) >> PARAM2); NEXT(); }
void op_bfi_T0_T1(void)
{
    uint32_t mask = PARAM1;

    T0 = (T0 & ~mask) | ((T1 << PARAM2) & mask);
    NEXT();
}

/* ---- extends (UXTB ... SXTAB16) on the rotated T1 ---- */
void op_uxtb_T1(void) { T1 = (uint8_t)T1; NEXT(); }
void op_uxth_T1(void) { T1 = (uint16_t)T1; NEXT(); }
void op_sxtb_T1(void) { T1 = (uint32_t)(int8_t)T1; NEXT(); }
void op_sxth_T1(void) { T1 = (uint32_t)(int16_t)T1; NEXT(); }
void op_uxtb16_T1(void) { T1 &= 0x00ff00ffu; NEXT(); }
void op_sxtb16_T1(void)
{
    T1 = (uint16_t)(int8_t)T1 | (uint32_t)(uint16_t)(int8_t)(T1 >> 16) << 16;
    NEXT();
}
/* UXTAB16/SXTAB16: the two halfwords added separately. */
void op_add16_T0_T1(void)
{
    T0 = ((T0 + T1) & 0xffffu) | ((T0 & 0xffff0000u) + (T1 & 0xffff0000u));
    NEXT();
}

/* PKHBT: bottom of Rn, top of the shifted Rm; PKHTB: the reverse. */
void op_pkhbt_T0_T1(void) { T0 = (T0 & 0xffffu) | (T1 & 0xffff0000u); NEXT(); }
void op_pkhtb_T0_T1(void) { T0 = (T0 & 0xffff0000u) | (T1 & 0xffffu); NEXT(); }

/* SEL (ARM ARM A8.8.150): byte i from Rn (T0) if GE[i], else from Rm. */
void op_sel_T0_T1(void)
{
    uint32_t ge = env->GE, mask = 0;

    for (int i = 0; i < 4; i++)
        if (ge & (1u << i))
            mask |= 0xffu << (8 * i);
    T0 = (T0 & mask) | (T1 & ~mask);
    NEXT();
}

/* USAD8: the sum of the absolute differences of the four byte pairs. */
void op_usad8_T0_T1(void)
{
    uint32_t sum = 0;

    for (int i = 0; i < 32; i += 8) {
        int32_t d = (int32_t)((T0 >> i) & 0xff) - (int32_t)((T1 >> i) & 0xff);
        sum += (uint32_t)(d < 0 ? -d : d);
    }
    T0 = sum;
    NEXT();
}

/*
 * The parallel add/subtract family (ARM ARM A5.4.1): six operations on
 * lanes (ADD16, ASX, SAX, SUB16, ADD8, SUB8) times six prefixes: S and U
 * (modular, setting GE per lane: GE = the signed result >= 0 / the unsigned
 * add carried / the unsigned subtraction did not borrow), Q and UQ
 * (saturating), SH and UH (halving).  Each lane is computed wide, then
 * reduced as the prefix says.  ASX: top = a.hi + b.lo, bottom = a.lo - b.hi;
 * SAX the reverse.
 */
enum { PFX_S, PFX_Q, PFX_SH, PFX_U, PFX_UQ, PFX_UH };

static inline __attribute__((always_inline)) int32_t
lane_get(uint32_t v, int lane, int bits, int is_signed)
{
    uint32_t x = (v >> (lane * bits)) & ((1u << bits) - 1);

    if (is_signed && (x >> (bits - 1)))
        return (int32_t)x - (1 << bits);
    return (int32_t)x;
}

/* Reduce a wide lane result; *ge gets its GE bit(s). */
static inline __attribute__((always_inline)) uint32_t
lane_put(int32_t r, int bits, int pfx, int sub, uint32_t *ge)
{
    int32_t smax = (1 << (bits - 1)) - 1, smin = -smax - 1;
    int32_t umax = (1 << bits) - 1;

    switch (pfx) {
    case PFX_S: *ge = r >= 0; break;
    case PFX_U: *ge = sub ? r >= 0 : r > umax; break;
    case PFX_Q: r = r > smax ? smax : r < smin ? smin : r; break;
    case PFX_UQ: r = r > umax ? umax : r < 0 ? 0 : r; break;
    default: r >>= 1; break; /* SH, UH: the halved exact result */
    }
    return (uint32_t)r & (uint32_t)umax;
}

/* kind: 0 ADD16, 1 ASX, 2 SAX, 3 SUB16, 4 ADD8, 5 SUB8. */
static inline __attribute__((always_inline)) void
parallel(int pfx, int kind)
{
    int bits = kind >= 4 ? 8 : 16, lanes = 32 / bits;
    int is_signed = pfx <= PFX_SH;
    uint32_t res = 0, ge = 0, gebits = bits == 8 ? 1 : 3;

    for (int i = 0; i < lanes; i++) {
        int other = kind == 1 || kind == 2 ? 1 - i : i;
        int sub = kind == 3 || kind == 5 || (kind == 1 && i == 0) ||
                  (kind == 2 && i == 1);
        int32_t a = lane_get(T0, i, bits, is_signed);
        int32_t b = lane_get(T1, other, bits, is_signed);
        uint32_t g = 0;
        uint32_t r = lane_put(sub ? a - b : a + b, bits, pfx, sub, &g);

        res |= r << (i * bits);
        if (g)
            ge |= gebits << (i * (bits / 8));
    }
    T0 = res;
    if (pfx == PFX_S || pfx == PFX_U)
        env->GE = ge;
}

#define PARALLEL_OPS(p, P)                                                 \
    void op_##p##add16_T0_T1(void) { parallel(P, 0); NEXT(); }            \
    void op_##p##asx_T0_T1(void) { parallel(P, 1); NEXT(); }              \
    void op_##p##sax_T0_T1(void) { parallel(P, 2); NEXT(); }              \
    void op_##p##sub16_T0_T1(void) { parallel(P, 3); NEXT(); }            \
    void op_##p##add8_T0_T1(void) { parallel(P, 4); NEXT(); }             \
    void op_##p##sub8_T0_T1(void) { parallel(P, 5); NEXT(); }
PARALLEL_OPS(s, PFX_S)
PARALLEL_OPS(q, PFX_Q)
PARALLEL_OPS(sh, PFX_SH)
PARALLEL_OPS(u, PFX_U)
PARALLEL_OPS(uq, PFX_UQ)
PARALLEL_OPS(uh, PFX_UH)
#undef PARALLEL_OPS
