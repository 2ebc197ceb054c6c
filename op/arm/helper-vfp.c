/*
 * VFPv3 arithmetic, compares and conversions, bit-exact with an ARM CPU
 * (ARM ARM A2.7 and the pseudocode of its appendix "Floating-point
 * functions": FPUnpack, FPProcessNaNs, FPRound, FPCompare, FPToFixed,
 * FixedToFP).
 *
 * The host's scalar SSE does the IEEE arithmetic: with the rounding mode
 * taken from FPSCR.RMode and every exception masked, addss/sd, subss/sd,
 * mulss/sd, divss/sd, sqrtss/sd and cvtsd2ss round exactly as ARM does,
 * and MXCSR's sticky flags give Invalid, Divide-by-zero, Overflow and
 * Inexact.  Where ARM and x86 differ, this file decides instead of the
 * host:
 *   - NaN operands never reach SSE: FPProcessNaNs picks the first
 *     signalling NaN in operand order (quietened, Invalid), else the first
 *     quiet NaN; with FPSCR.DN the result is the default NaN 0x7fc00000 /
 *     0x7ff8000000000000.  An invalid operation (0 * inf, inf - inf, ...)
 *     gives ARM's default NaN, where x86 gives the negative "indefinite".
 *   - Flush-to-zero (FPSCR.FZ): a denormal operand is a zero of its sign
 *     and sets IDC (FPUnpack); a result whose exact value is below the
 *     smallest normal is a zero of its sign and sets UFC only (FPRound).
 *     MXCSR's FTZ/DAZ are not used: they flag differently.
 *   - Underflow: ARM detects tininess before rounding, x86 after it.  The
 *     two disagree only when a product or quotient rounds up to exactly
 *     the smallest normal; tiny_exact() decides that case exactly.
 *   - Conversions to integer saturate with Invalid (and 0 for a NaN), not
 *     x86's 0x80000000.
 * Every operation computes its own flags and ORs them into FPSCR, so the
 * host's MXCSR is saved and restored around each one and never carries
 * guest state between ops.
 *
 * This file is a register-keeping helper (op/arm/guest.mak, KEEP_HELPERS):
 * compiled with the pinned guest registers call-saved, it may call
 * nothing outside itself -- no libm: pow2() and the integer tininess test
 * stand in for ldexp, frexp and fma.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h> /* fabs, isinf: built in, no libm call */
#include <stdint.h>
#include <string.h>

#include "helper.h"

/* One operation in progress: its precision, FPSCR and the exceptions it
 * raised so far (FPSCR's cumulative bit positions). */
typedef struct {
    int dp;
    uint32_t fpscr;
    uint32_t exc;
} Fp;

/* ---- the formats ---- */

static uint64_t sign_bit(const Fp *f)
{
    return f->dp ? 1ull << 63 : 1ull << 31;
}

static uint64_t exp_mask(const Fp *f)
{
    return f->dp ? 0x7ffull << 52 : 0xffull << 23;
}

static uint64_t frac_mask(const Fp *f)
{
    return f->dp ? (1ull << 52) - 1 : (1ull << 23) - 1;
}

static uint64_t quiet_bit(const Fp *f)
{
    return f->dp ? 1ull << 51 : 1ull << 22;
}

static uint64_t default_nan(const Fp *f)
{
    return f->dp ? 0x7ff8000000000000ull : 0x7fc00000ull;
}

static uint64_t min_normal(const Fp *f)
{
    return f->dp ? 1ull << 52 : 1ull << 23;
}

static int is_nan(const Fp *f, uint64_t x)
{
    return (x & exp_mask(f)) == exp_mask(f) && (x & frac_mask(f));
}

static int is_snan(const Fp *f, uint64_t x)
{
    return is_nan(f, x) && !(x & quiet_bit(f));
}

static uint64_t magnitude(const Fp *f, uint64_t x)
{
    return x & ~sign_bit(f);
}

static double to_double(const Fp *f, uint64_t x)
{
    double d;
    float s;
    uint32_t w = (uint32_t)x;

    if (f->dp) {
        memcpy(&d, &x, 8);
        return d;
    }
    memcpy(&s, &w, 4);
    return s;
}

/* ---- FPUnpack with FZ, and NaN processing ---- */

/* A denormal operand under FZ is a zero of its sign (ARM ARM FPUnpack,
 * FPProcessException(InputDenorm)). */
static uint64_t unpack(Fp *f, uint64_t x)
{
    if ((f->fpscr & FPSCR_FZ) && !(x & exp_mask(f)) && (x & frac_mask(f))) {
        f->exc |= FPSCR_IDC;
        return x & sign_bit(f);
    }
    return x;
}

/* FPProcessNaN: quieten (Invalid if it was signalling), or the default
 * NaN under DN. */
static uint64_t process_nan(Fp *f, uint64_t x)
{
    if (is_snan(f, x))
        f->exc |= FPSCR_IOC;
    if (f->fpscr & FPSCR_DN)
        return default_nan(f);
    return x | quiet_bit(f);
}

/* FPProcessNaNs: the first signalling NaN in operand order, else the
 * first quiet one. */
static uint64_t process_nans(Fp *f, uint64_t a, uint64_t b)
{
    if (is_snan(f, a))
        return process_nan(f, a);
    if (is_snan(f, b))
        return process_nan(f, b);
    return process_nan(f, is_nan(f, a) ? a : b);
}

/* ---- the host's SSE under FPSCR's rounding mode ---- */

enum { H_ADD, H_SUB, H_MUL, H_DIV, H_SQRT, H_CVT };

/* FPSCR.RMode (RN, RP, RM, RZ) as MXCSR.RC (RN, RM, RP, RZ), every
 * exception masked, FTZ and DAZ off. */
static uint32_t host_mxcsr(uint32_t fpscr)
{
    static const uint32_t rc[4] = {0, 2, 1, 3};

    return 0x1f80u | rc[(fpscr >> FPSCR_RMODE_SHIFT) & 3] << 13;
}

/* MXCSR's flags (IE, DE, ZE, OE, UE, PE) as FPSCR's; DE (a denormal
 * operand) has no ARM counterpart, UE is recomputed by the caller. */
static uint32_t host_flags(uint32_t mxcsr)
{
    return ((mxcsr & 0x01) ? FPSCR_IOC : 0) | ((mxcsr & 0x04) ? FPSCR_DZC : 0) |
           ((mxcsr & 0x08) ? FPSCR_OFC : 0) | ((mxcsr & 0x20) ? FPSCR_IXC : 0);
}

#define SSE_OP(insn, r, a, b) __asm__ __volatile__(insn " %2, %0" : "=x"(r) : "0"(a), "x"(b))

static double host_dp(int op, double a, double b)
{
    double r = a;

    switch (op) {
    case H_ADD: SSE_OP("addsd", r, a, b); break;
    case H_SUB: SSE_OP("subsd", r, a, b); break;
    case H_MUL: SSE_OP("mulsd", r, a, b); break;
    case H_DIV: SSE_OP("divsd", r, a, b); break;
    case H_SQRT: SSE_OP("sqrtsd", r, a, a); break;
    }
    return r;
}

static float host_sp(int op, float a, float b)
{
    float r = a;

    switch (op) {
    case H_ADD: SSE_OP("addss", r, a, b); break;
    case H_SUB: SSE_OP("subss", r, a, b); break;
    case H_MUL: SSE_OP("mulss", r, a, b); break;
    case H_DIV: SSE_OP("divss", r, a, b); break;
    case H_SQRT: SSE_OP("sqrtss", r, a, a); break;
    }
    return r;
}

/* 2^n for n in the normal range [-1022, 1023], exactly (the file calls no
 * libm function: it is a register-keeping helper, op/arm/guest.mak). */
static double pow2(int n)
{
    uint64_t bits = (uint64_t)(n + 1023) << 52;
    double d;

    memcpy(&d, &bits, 8);
    return d;
}

/* A nonzero finite x as m * 2^e with m an integer below 2^53. */
static uint64_t split_fp(double x, int *e)
{
    uint64_t bits;
    int biased;

    memcpy(&bits, &x, 8);
    biased = (int)(bits >> 52 & 0x7ff);
    if (biased == 0) { /* denormal */
        *e = -1074;
        return bits & ((1ull << 52) - 1);
    }
    *e = biased - 1075;
    return (bits & ((1ull << 52) - 1)) | 1ull << 52;
}

/*
 * Whether the exact result of `op` on a, b (non-NaN, nonzero, already
 * unpacked) is below the smallest normal 2^emin in magnitude, given that
 * it rounded to exactly the smallest normal: tininess before rounding
 * (ARM ARM FPRound looks at the unrounded exponent).  Only products and
 * quotients get here inexact (a sum that close to the normal range is
 * exact).  With a = ma * 2^ea, b = mb * 2^eb (integers below 2^53) the
 * question is an integer comparison, exact in 128 bits:
 *   a * b < 2^emin  <=>  ma * mb < 2^(emin - ea - eb)
 *   a / b < 2^emin  <=>  ma < mb * 2^(emin - ea + eb).
 * For single precision the doubles hold the exact operands and the
 * comparison is the same.
 */
static int tiny_exact(const Fp *f, int op, double a, double b, int cvt)
{
    int ea, eb, s, emin = f->dp ? -1022 : -126;
    uint64_t ma, mb;

    if (cvt)
        return fabs(a) < pow2(emin);
    ma = split_fp(a, &ea);
    mb = split_fp(b, &eb);
    if (op == H_MUL) {
        s = emin - ea - eb;
        if (s <= 0)
            return 0; /* ma * mb >= 1 */
        return s >= 106 || (unsigned __int128)ma * mb < (unsigned __int128)1 << s;
    }
    if (op == H_DIV) {
        s = emin - ea + eb;
        if (s >= 0)
            return s >= 60 || ma < (unsigned __int128)mb << s;
        return -s < 60 && (unsigned __int128)ma << -s < mb;
    }
    return 0;
}

/*
 * FPRound's view of a host result r of op(a, b): the flags, underflow
 * with tininess before rounding, and FZ's flush of a tiny result to a
 * zero of its sign with UFC alone.  `cvt`: r is a's conversion to
 * single precision (r is then single, a the exact double).
 */
static uint64_t host_op(Fp *f, int op, uint64_t a, uint64_t b)
{
    uint32_t saved, mx;
    uint64_t r;
    int rdp = f->dp && op != H_CVT, tiny, inexact;
    Fp rf = {.dp = rdp};
    double da = to_double(f, a), db = to_double(f, b);

    __asm__ __volatile__("stmxcsr %0" : "=m"(saved));
    mx = host_mxcsr(f->fpscr);
    __asm__ __volatile__("ldmxcsr %0" : : "m"(mx));
    if (op == H_CVT) {
        float s;
        uint32_t w;
        __asm__ __volatile__("cvtsd2ss %1, %0" : "=x"(s) : "x"(da));
        memcpy(&w, &s, 4);
        r = w;
    } else if (rdp) {
        double d = host_dp(op, da, db);
        memcpy(&r, &d, 8);
    } else {
        float s = host_sp(op, (float)da, (float)db);
        uint32_t w;
        memcpy(&w, &s, 4);
        r = w;
    }
    __asm__ __volatile__("stmxcsr %0" : "=m"(mx));
    __asm__ __volatile__("ldmxcsr %0" : : "m"(saved));

    if (is_nan(&rf, r)) { /* invalid: the operands were numbers */
        f->exc |= FPSCR_IOC;
        return default_nan(&rf);
    }
    f->exc |= host_flags(mx) & ~FPSCR_IXC;
    inexact = (mx & 0x20) != 0;
    if (magnitude(&rf, r) == 0)
        tiny = inexact; /* underflowed to zero; an exact zero is no result */
    else if (magnitude(&rf, r) < min_normal(&rf))
        tiny = 1;
    else if (magnitude(&rf, r) == min_normal(&rf) && inexact)
        tiny = tiny_exact(&rf, op, da, db, op == H_CVT);
    else
        tiny = 0;
    if (tiny && (f->fpscr & FPSCR_FZ)) {
        f->exc |= FPSCR_UFC; /* even for an exact tiny result */
        return r & sign_bit(&rf);
    }
    f->exc |= (inexact ? FPSCR_IXC : 0) | (tiny && inexact ? FPSCR_UFC : 0);
    return r;
}

/* ---- the operations ---- */

/*
 * The fast path: in round-to-nearest without FZ, once FPSCR.IXC is set
 * (after the program's first inexact operation, which is almost always
 * early), a result that is a finite normal number raised no flag ARM
 * would still need to record: Invalid gives a NaN, Divide-by-zero and
 * Overflow (to nearest) an infinity, Underflow a denormal or zero (or the
 * smallest normal, also refused here), and Inexact is already set.  So
 * the plain host operation in the host's own MXCSR (round to nearest,
 * everything masked, as stitch runs) is the whole answer, and MXCSR is
 * neither written nor read.  Anything else goes through host_op.
 */
static int fast_ok(const Fp *f)
{
    return (f->fpscr & (3u << FPSCR_RMODE_SHIFT | FPSCR_FZ | FPSCR_IXC)) == FPSCR_IXC;
}

static int is_plain_normal(const Fp *f, uint64_t r)
{
    uint64_t e = r & exp_mask(f);

    return e != exp_mask(f) && e > min_normal(f);
}

static int fast_binop(const Fp *f, int op, uint64_t a, uint64_t b, uint64_t *out)
{
    uint64_t r;

    if (f->dp) {
        double x, y, z;
        memcpy(&x, &a, 8);
        memcpy(&y, &b, 8);
        z = op == H_ADD ? x + y : op == H_SUB ? x - y : op == H_MUL ? x * y : x / y;
        memcpy(&r, &z, 8);
    } else {
        float x, y, z;
        uint32_t wa = (uint32_t)a, wb = (uint32_t)b, wz;
        memcpy(&x, &wa, 4);
        memcpy(&y, &wb, 4);
        z = op == H_ADD ? x + y : op == H_SUB ? x - y : op == H_MUL ? x * y : x / y;
        memcpy(&wz, &z, 4);
        r = wz;
    }
    *out = r;
    return is_plain_normal(f, r);
}

/* FPAdd, FPSub, FPMul, FPDiv. */
static uint64_t fp_binop(Fp *f, int op, uint64_t a, uint64_t b)
{
    uint64_t r;

    a = unpack(f, a);
    b = unpack(f, b);
    if (is_nan(f, a) || is_nan(f, b))
        return process_nans(f, a, b);
    if (fast_ok(f) && fast_binop(f, op, a, b, &r))
        return r;
    return host_op(f, op, a, b);
}

static uint64_t fp_neg(const Fp *f, uint64_t x)
{
    return x ^ sign_bit(f);
}

/* FPSqrt. */
static uint64_t fp_sqrt(Fp *f, uint64_t a)
{
    a = unpack(f, a);
    if (is_nan(f, a))
        return process_nan(f, a);
    /* the root of a positive normal number is a normal number */
    if (fast_ok(f) && !(a & sign_bit(f)) && is_plain_normal(f, a)) {
        if (f->dp) {
            double x, z;
            memcpy(&x, &a, 8);
            z = host_dp(H_SQRT, x, x);
            memcpy(&a, &z, 8);
            return a;
        }
        float x, z;
        uint32_t w = (uint32_t)a;
        memcpy(&x, &w, 4);
        z = host_sp(H_SQRT, x, x);
        memcpy(&w, &z, 4);
        return w;
    }
    return host_op(f, H_SQRT, a, a);
}

/* FPCompare: NZCV 0110 equal, 1000 less, 0010 greater, 0011 unordered;
 * Invalid for a signalling NaN, or any NaN for VCMPE. */
static uint32_t fp_compare(Fp *f, uint64_t a, uint64_t b, int quiet_exc)
{
    double da, db;

    a = unpack(f, a);
    b = unpack(f, b);
    if (is_nan(f, a) || is_nan(f, b)) {
        if (quiet_exc || is_snan(f, a) || is_snan(f, b))
            f->exc |= FPSCR_IOC;
        return 0x3;
    }
    da = to_double(f, a);
    db = to_double(f, b);
    if (da == db)
        return 0x6;
    return da < db ? 0x8 : 0x2;
}

/* FPSingleToDouble / FPDoubleToSingle (ARM ARM FPConvert): a NaN keeps
 * its sign and the top of its fraction, quietened. */
static uint64_t fp_convert(Fp *f, uint64_t a)
{
    Fp to = {.dp = !f->dp, .fpscr = f->fpscr};
    int shift = 52 - 23;

    a = unpack(f, a);
    if (is_nan(f, a)) {
        uint64_t sign = (a & sign_bit(f)) ? sign_bit(&to) : 0, frac;

        if (is_snan(f, a))
            f->exc |= FPSCR_IOC;
        if (f->fpscr & FPSCR_DN)
            return default_nan(&to);
        frac = f->dp ? (a & frac_mask(f)) >> shift : (a & frac_mask(f)) << shift;
        return sign | exp_mask(&to) | quiet_bit(&to) | frac;
    }
    if (!f->dp) { /* widening is exact */
        double d = to_double(f, a);
        uint64_t r;
        memcpy(&r, &d, 8);
        return r;
    }
    if ((a & exp_mask(f)) == exp_mask(f)) /* infinity */
        return (a & sign_bit(f) ? 0x80000000u : 0) | 0x7f800000u;
    return host_op(f, H_CVT, a, a);
}

/* Round x (finite) to an integer in FPSCR's mode, or toward zero. */
static double round_int(double x, int mode, int *inexact)
{
    double t, frac;

    if (fabs(x) >= 4503599627370496.0) { /* 2^52: already an integer */
        *inexact = 0;
        return x;
    }
    t = (double)(int64_t)x; /* toward zero, exact */
    frac = x - t;
    *inexact = frac != 0;
    switch (mode) {
    case 0: /* to nearest, ties to even */
        if (fabs(frac) > 0.5 || (fabs(frac) == 0.5 && ((int64_t)t & 1)))
            t += x < 0 ? -1 : 1;
        break;
    case 1: if (frac > 0) t += 1; break;
    case 2: if (frac < 0) t -= 1; break;
    default: break;
    }
    return t;
}

/* FPToFixed: NaN -> 0, out of range -> the nearest bound, both Invalid;
 * otherwise Inexact when rounding changed the value. */
static uint32_t fp_to_fixed(Fp *f, uint64_t a, int fbits, int size, int uns, int rz)
{
    double x, lo, hi, r;
    int inexact = 0;

    a = unpack(f, a);
    if (is_nan(f, a)) {
        f->exc |= FPSCR_IOC;
        return 0;
    }
    x = to_double(f, a) * pow2(fbits); /* exact, or infinite */
    lo = uns ? 0 : -pow2(size - 1);
    hi = uns ? pow2(size) - 1 : pow2(size - 1) - 1;
    r = isinf(x) ? x : round_int(x, rz ? 3 : (int)(f->fpscr >> FPSCR_RMODE_SHIFT) & 3, &inexact);
    if (r < lo || r > hi) {
        f->exc |= FPSCR_IOC;
        r = r < lo ? lo : hi;
    } else if (!isinf(x) && inexact) {
        f->exc |= FPSCR_IXC;
    }
    return uns ? (uint32_t)(uint64_t)r : (uint32_t)(int32_t)(int64_t)r;
}

/* FixedToFP: the value is exact in a double; one rounding to the
 * destination in FPSCR's mode (0 is +0). */
static uint64_t fixed_to_fp(Fp *f, uint32_t v, int fbits, int size, int uns)
{
    int64_t iv;
    double d;
    uint64_t bits;
    Fp wide = {.dp = 1, .fpscr = f->fpscr};

    if (size == 16)
        iv = uns ? (int64_t)(uint16_t)v : (int64_t)(int16_t)v;
    else
        iv = uns ? (int64_t)v : (int64_t)(int32_t)v;
    d = (double)iv * pow2(-fbits); /* exact */
    memcpy(&bits, &d, 8);
    if (f->dp)
        return bits;
    bits = host_op(&wide, H_CVT, bits, bits);
    f->exc |= wide.exc;
    return bits;
}

/* ---- registers ---- */

static uint64_t get_reg(CPUState *env, const Fp *f, unsigned r)
{
    return f->dp ? env->vfp.d[r & 15] : env->vfp.s[r & 31];
}

static void set_reg(CPUState *env, const Fp *f, unsigned r, uint64_t v)
{
    if (f->dp)
        env->vfp.d[r & 15] = v;
    else
        env->vfp.s[r & 31] = (uint32_t)v;
}

static uint64_t arith(Fp *f, uint32_t op, uint64_t d, uint64_t n, uint64_t m)
{
    uint64_t p;

    switch (op) {
    case VFP_ADD: return fp_binop(f, H_ADD, n, m);
    case VFP_SUB: return fp_binop(f, H_SUB, n, m);
    case VFP_MUL: return fp_binop(f, H_MUL, n, m);
    case VFP_DIV: return fp_binop(f, H_DIV, n, m);
    case VFP_NMUL: return fp_neg(f, fp_binop(f, H_MUL, n, m));
    }
    /* The multiply-accumulates round the product, then the sum (VMLA,
     * VMLS, VNMLA, VNMLS in the ARM ARM: FPAdd(d, +-FPMul(n, m)),
     * the negations plain sign flips, never fused. */
    p = fp_binop(f, H_MUL, n, m);
    switch (op) {
    case VFP_MLA: return fp_binop(f, H_ADD, d, p);
    case VFP_MLS: return fp_binop(f, H_ADD, d, fp_neg(f, p));
    case VFP_NMLA: return fp_binop(f, H_ADD, fp_neg(f, d), fp_neg(f, p));
    default: /* VFP_NMLS */ return fp_binop(f, H_ADD, fp_neg(f, d), p);
    }
}

static void vfp_scalar(CPUState *env, uint32_t regs, uint32_t op)
{
    Fp f = {.dp = (op & VFP_DP) != 0, .fpscr = env->fpscr};
    Fp other = {.dp = !f.dp};
    unsigned rd = regs & 0xff, rn = (regs >> 8) & 0xff, rm = (regs >> 16) & 0xff;
    uint32_t kind = op & 0xff, nzcv;
    int fbits = (int)(op >> VFP_FRAC_SHIFT), size = (op & VFP_SIZE16) ? 16 : 32;
    int uns = (op & VFP_UNSIGNED) != 0;

    switch (kind) {
    case VFP_SQRT:
        set_reg(env, &f, rd, fp_sqrt(&f, get_reg(env, &f, rm)));
        break;
    case VFP_CMP:
    case VFP_CMPE:
    case VFP_CMPZ:
    case VFP_CMPEZ:
        nzcv = fp_compare(&f, get_reg(env, &f, rd),
                          kind >= VFP_CMPZ ? 0 : get_reg(env, &f, rm),
                          kind == VFP_CMPE || kind == VFP_CMPEZ);
        env->fpscr = (env->fpscr & 0x0fffffffu) | nzcv << 28;
        break;
    case VFP_CVT_FD:
        set_reg(env, &other, rd, fp_convert(&f, get_reg(env, &f, rm)));
        break;
    case VFP_TOUI:
    case VFP_TOSI:
        env->vfp.s[rd & 31] = fp_to_fixed(&f, get_reg(env, &f, rm), 0, 32,
                                          kind == VFP_TOUI, (op & VFP_RZ) != 0);
        break;
    case VFP_UITO:
    case VFP_SITO:
        set_reg(env, &f, rd, fixed_to_fp(&f, env->vfp.s[rm & 31], 0, 32, kind == VFP_UITO));
        break;
    case VFP_TOFIX: {
        uint32_t v = fp_to_fixed(&f, get_reg(env, &f, rd), fbits, size, uns, 1);
        if (size == 16) /* the 16-bit result extended to the register */
            v = uns ? (uint16_t)v : (uint32_t)(int32_t)(int16_t)v;
        set_reg(env, &f, rd, f.dp ? (uns ? (uint64_t)v : (uint64_t)(int64_t)(int32_t)v) : v);
        break;
    }
    case VFP_FROMFIX:
        set_reg(env, &f, rd, fixed_to_fp(&f, (uint32_t)get_reg(env, &f, rd), fbits, size, uns));
        break;
    case VFP_MOV:
        set_reg(env, &f, rd, get_reg(env, &f, rm));
        break;
    case VFP_ABS:
        set_reg(env, &f, rd, get_reg(env, &f, rm) & ~sign_bit(&f));
        break;
    case VFP_NEG:
        set_reg(env, &f, rd, get_reg(env, &f, rm) ^ sign_bit(&f));
        break;
    case VFP_MOVI:
        set_reg(env, &f, rd, (uint64_t)(op & VFP_MOVI_MASK) << (f.dp ? 32 : 0));
        break;
    default:
        set_reg(env, &f, rd, arith(&f, kind, get_reg(env, &f, rd),
                                   get_reg(env, &f, rn), get_reg(env, &f, rm)));
        break;
    }
    env->fpscr |= f.exc;
}

/*
 * Short vectors (FPSCR.Len, FPSCR.Stride; ARM ARM DDI 0406C, appendix
 * "VFP vector operation support", and ARMv6's DDI 0100I C5.1-C5.3): the
 * registers form banks of eight singles (s0-s7, s8-s15, ...) or four
 * doubles (d0-d3, d4-d7, ...).  A data-processing instruction other than
 * a compare or a conversion, with Len > 0, is
 *   - scalar if Vd is in bank 0;
 *   - else a vector operation of Len + 1 elements: Vd and Vn step by the
 *     stride (1, or 2 for Stride = 0b11), wrapping within their banks,
 *     and so does Vm unless it is in bank 0 (then it is a scalar used by
 *     every element: "mixed").
 * The elements are computed in order, each a scalar operation whose
 * exceptions accumulate, so an element reads an earlier element's
 * result where the vectors overlap.  That is what VFP11 (ARM1136/1176)
 * does in hardware and what Linux's VFP support code does for a Cortex-A
 * core, which bounces such an instruction to it (arch/arm/vfp/
 * vfpsingle.c, vfp_single_cpdo; vfpdouble.c; vfpmodule.c, VFP_bounce).
 * The ARM ARM leaves Stride values 01 and 10, vectors that run into
 * themselves, and sources that partly overlap the destination
 * UNPREDICTABLE; this follows Linux's code there (01 and 10 are stride 1,
 * indices wrap).
 */
static int vector_kind(uint32_t kind)
{
    return kind <= VFP_SQRT || kind == VFP_MOV || kind == VFP_ABS ||
           kind == VFP_NEG || kind == VFP_MOVI;
}

static unsigned bank_step(unsigned r, unsigned step, unsigned size)
{
    return (r & ~(size - 1)) | ((r + step) & (size - 1));
}

void helper_vfp(CPUState *env, uint32_t regs, uint32_t op)
{
    unsigned len = (env->fpscr & FPSCR_LEN) >> FPSCR_LEN_SHIFT;
    unsigned stride = (env->fpscr & FPSCR_STRIDE) == FPSCR_STRIDE ? 2 : 1;
    unsigned size = (op & VFP_DP) ? 4 : 8;
    unsigned rd = regs & 0xff, rn = (regs >> 8) & 0xff, rm = (regs >> 16) & 0xff;
    int m_vector = rm >= size;

    if (!len || !vector_kind(op & 0xff) || rd < size) {
        vfp_scalar(env, regs, op);
        return;
    }
    for (unsigned i = 0; i <= len; i++) {
        vfp_scalar(env, rd | rn << 8 | rm << 16, op);
        rd = bank_step(rd, stride, size);
        rn = bank_step(rn, stride, size);
        if (m_vector)
            rm = bank_step(rm, stride, size);
    }
}
