/*
 * The general-register extensions after SSE2 (Intel SDM vol. 2): POPCNT,
 * LZCNT and TZCNT, BMI1 (ANDN BEXTR BLSI BLSMSK BLSR), BMI2 (BZHI MULX
 * PDEP PEXT RORX SARX SHLX SHRX) and ADX (ADCX ADOX).  One helper, by
 * kind (BMI_*, helper.h), on 16- or 32-bit operands; those that set flags
 * leave them as EFLAGS bits (CC_OP_EFLAGS).  Where the SDM leaves a flag
 * undefined it is cleared: the tests mask it (tests/guest/84-bmi.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cc-op.h"
#include "helper.h"

static void set_flags(CPUState *env, uint32_t flags)
{
    env->cc_src = flags;
    env->cc_op = CC_OP_EFLAGS;
}

/* ZF and SF of a result of `bits` bits. */
static uint32_t zs(uint32_t r, int bits)
{
    return (r == 0 ? CC_Z : 0) | ((r >> (bits - 1)) & 1 ? CC_S : 0);
}

static uint32_t pdep(uint32_t src, uint32_t mask)
{
    uint32_t r = 0;

    for (uint32_t bit = 1; mask; bit <<= 1, mask &= mask - 1)
        if (src & bit)
            r |= mask & -mask;
    return r;
}

static uint32_t pext(uint32_t src, uint32_t mask)
{
    uint32_t r = 0;

    for (uint32_t bit = 1; mask; bit <<= 1, mask &= mask - 1)
        if (src & mask & -mask)
            r |= bit;
    return r;
}

/* The carry of a + b + c in 32 bits, or in 16 for bits = 16. */
static uint32_t carry_out(uint32_t a, uint32_t b, uint32_t c, int bits)
{
    uint64_t m = ((uint64_t)1 << bits) - 1;

    return (((a & m) + (b & m) + c) >> bits) & 1;
}

/*
 * a is the r/m (or first) operand, b the other (VEX.vvvv, or the
 * destination's old value for ADCX/ADOX); `bits` 16 or 32.  Returns the
 * result; MULX leaves its low half in env->t2.
 */
uint32_t helper_bmi(CPUState *env, uint32_t kind, uint32_t a, uint32_t b)
{
    int bits = kind & BMI_16 ? 16 : 32;
    uint32_t mask = bits == 32 ? 0xffffffffu : 0xffffu, r, n;

    a &= mask;
    switch (kind & ~BMI_16) {
    case BMI_POPCNT:
        set_flags(env, a ? 0 : CC_Z);
        return (uint32_t)__builtin_popcount(a);
    case BMI_LZCNT: /* CF: the source is 0; ZF: the result is 0 */
        r = a ? (uint32_t)__builtin_clz(a) - (32 - bits) : (uint32_t)bits;
        set_flags(env, (a ? 0 : CC_C) | (r ? 0 : CC_Z));
        return r;
    case BMI_TZCNT:
        r = a ? (uint32_t)__builtin_ctz(a) : (uint32_t)bits;
        set_flags(env, (a ? 0 : CC_C) | (r ? 0 : CC_Z));
        return r;
    case BMI_ANDN: /* ~vvvv & r/m; CF = OF = 0 */
        r = ~b & a;
        set_flags(env, zs(r, bits));
        return r;
    case BMI_BEXTR: { /* start b[7:0], length b[15:8]; ZF only */
        uint32_t start = b & 0xff, len = (b >> 8) & 0xff;
        r = start >= 32 ? 0 : a >> start;
        if (len < 32)
            r &= (1u << len) - 1;
        set_flags(env, r ? 0 : CC_Z);
        return r;
    }
    case BMI_BLSI: /* lowest set bit; CF: the source is not 0 */
        r = a & -a;
        set_flags(env, zs(r, bits) | (a ? CC_C : 0));
        return r;
    case BMI_BLSMSK: /* up to the lowest set bit; ZF = 0, CF: source 0 */
        r = a ^ (a - 1);
        set_flags(env, (zs(r, bits) & CC_S) | (a ? 0 : CC_C));
        return r;
    case BMI_BLSR: /* lowest set bit cleared; CF: the source is 0 */
        r = a & (a - 1);
        set_flags(env, zs(r, bits) | (a ? 0 : CC_C));
        return r;
    case BMI_BZHI: { /* clear from bit index b[7:0]; CF: index too big */
        n = b & 0xff;
        r = n < 32 ? a & ((1u << n) - 1) : a;
        set_flags(env, zs(r, bits) | (n > 31 ? CC_C : 0));
        return r;
    }
    case BMI_PDEP: return pdep(b, a);
    case BMI_PEXT: return pext(b, a);
    case BMI_MULX: { /* EDX * r/m: high half returned, low in t2 */
        uint64_t p = (uint64_t)env->regs[R_EDX] * a;
        env->t2 = (uint32_t)p;
        return (uint32_t)(p >> 32);
    }
    case BMI_RORX: n = b & 31; return n ? a >> n | a << (32 - n) : a;
    case BMI_SARX: return (uint32_t)((int32_t)a >> (b & 31));
    case BMI_SHLX: return a << (b & 31);
    case BMI_SHRX: return a >> (b & 31);
    case BMI_ADCX:
    case BMI_ADOX: { /* b + a + the flag, which alone changes */
        uint32_t fl = helper_cc_compute_all(env);
        uint32_t flag = (kind & ~BMI_16) == BMI_ADCX ? CC_C : CC_O;
        uint32_t c = (fl & flag) ? 1 : 0;
        r = (a + (b & mask) + c) & mask;
        set_flags(env, (fl & ~flag) | (carry_out(a, b, c, bits) ? flag : 0));
        return r;
    }
    }
    return 0;
}
