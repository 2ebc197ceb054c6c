/*
 * VFPv3-D16 arithmetic under every FPSCR mode (ARMv7-A ARM, DDI 0406C,
 * A2.7 and the pseudocode of appendix "Floating-point functions"):
 *   - NaN propagation: FPProcessNaNs picks the first signalling NaN in
 *     operand order (quietened, IOC), else the first quiet one; DN gives
 *     the default NaN; an invalid operation gives the default NaN, IOC;
 *   - FZ: a denormal operand is a zero (IDC); a result whose unrounded
 *     value is below the smallest normal is a zero of its sign (UFC only);
 *     without FZ underflow is "tiny before rounding and inexact";
 *   - RMode: each rounding mode on inexact quotients and on overflow;
 *   - VMLA rounds the product and then the sum (a case where a fused
 *     multiply-add differs);
 *   - VCMP/VCMPE and VMRS APSR_nzcv; VABS/VNEG touch only the sign;
 *   - conversions: float <-> double (NaN payloads), float -> integer with
 *     round-toward-zero (VCVT) and FPSCR's mode (VCVTR), saturation with
 *     IOC, integer and fixed point -> float;
 *   - VMOV immediates (VFPExpandImm), VMOV with the core registers,
 *     VLDR/VSTR/VLDM/VSTM/VPUSH/VPOP, FPSCR's writable bits.
 * The expected values are the ARM ARM's rules written below (nan_model,
 * the flag sets), or constants derived from the rules by hand in the
 * comments beside them.
 *
 * cflags: -mfloat-abi=softfp -mfpu=vfpv3-d16
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "vfp-test.h"

/* ---- running one instruction with a given FPSCR ---- */

SOP(s_add, "vadd.f32 s2, s0, s1")
SOP(s_sub, "vsub.f32 s2, s0, s1")
SOP(s_mul, "vmul.f32 s2, s0, s1")
SOP(s_div, "vdiv.f32 s2, s0, s1")
SOP(s_mla, "vmla.f32 s2, s0, s1")
SOP(s_mls, "vmls.f32 s2, s0, s1")
SOP(s_nmla, "vnmla.f32 s2, s0, s1")
SOP(s_nmls, "vnmls.f32 s2, s0, s1")
SOP(s_nmul, "vnmul.f32 s2, s0, s1")
SOP(s_sqrt, "vsqrt.f32 s2, s0")
SOP(s_abs, "vabs.f32 s2, s0")
SOP(s_neg, "vneg.f32 s2, s0")
SOP(s_cmp, "vcmp.f32 s0, s1")
SOP(s_cmpe, "vcmpe.f32 s0, s1")
SOP(s_cmpz, "vcmp.f32 s0, #0")
SOP(s_toi, "vcvt.s32.f32 s2, s0")
SOP(s_toir, "vcvtr.s32.f32 s2, s0")
SOP(s_tou, "vcvt.u32.f32 s2, s0")
SOP(s_tour, "vcvtr.u32.f32 s2, s0")
SOP(s_fromi, "vcvt.f32.s32 s2, s0")
SOP(s_fromu, "vcvt.f32.u32 s2, s0")
SOP(s_tofix16, "vcvt.s32.f32 s0, s0, #16\n\tvmov s2, s0")
SOP(s_fromfix16, "vcvt.f32.s32 s0, s0, #16\n\tvmov s2, s0")
SOP(s_tosh8, "vcvt.s16.f32 s0, s0, #8\n\tvmov s2, s0")
SOP(s_touh8, "vcvt.u16.f32 s0, s0, #8\n\tvmov s2, s0")
SOP(s_fromsh8, "vcvt.f32.s16 s0, s0, #8\n\tvmov s2, s0")

DOP(d_add, "vadd.f64 d2, d0, d1")
DOP(d_sub, "vsub.f64 d2, d0, d1")
DOP(d_mul, "vmul.f64 d2, d0, d1")
DOP(d_div, "vdiv.f64 d2, d0, d1")
DOP(d_mla, "vmla.f64 d2, d0, d1")
DOP(d_sqrt, "vsqrt.f64 d2, d0")
DOP(d_cmpe, "vcmpe.f64 d0, d1")
DOP(d_tof, "vcvt.f32.f64 s4, d0") /* the result in the low word */
DOP(d_fromf, "vcvt.f64.f32 d2, s0")
DOP(d_toi, "vcvt.s32.f64 s4, d0")
DOP(d_tour, "vcvtr.u32.f64 s4, d0")
DOP(d_fromi, "vcvt.f64.s32 d2, s0")

static unsigned nfails_before;

/* ---- NaN propagation (FPProcessNaNs), single and double ---- */

#define S_QNAN_A 0x7fc12345u /* quiet, payload A */
#define S_SNAN_B 0xff812345u /* signalling, negative, payload B */
#define S_QNAN_C 0xffc00abcu
#define S_SNAN_D 0x7f800001u
#define S_ONE_HALF 0x3fc00000u /* 1.5 */
#define S_DEFAULT_NAN 0x7fc00000u

static int s_is_nan(uint32_t x) { return (x & 0x7f800000u) == 0x7f800000u && (x & 0x7fffff); }
static int s_is_snan(uint32_t x) { return s_is_nan(x) && !(x & 0x400000u); }

/* FPProcessNaNs(op1, op2) -> result and the flags it raises. */
static uint32_t nan_model(uint32_t fpscr, uint32_t a, uint32_t b, uint32_t *flags)
{
    uint32_t pick = s_is_snan(a) ? a : s_is_snan(b) ? b : s_is_nan(a) ? a : b;

    *flags = (s_is_snan(a) || s_is_snan(b)) ? IOC : 0;
    return (fpscr & DN) ? S_DEFAULT_NAN : pick | 0x400000u;
}

typedef uint32_t (*SFn)(uint32_t, uint32_t, uint32_t, uint32_t, uint32_t *);

static void test_nans(void)
{
    static const uint32_t vals[] = {S_ONE_HALF, S_QNAN_A, S_SNAN_B, S_QNAN_C, S_SNAN_D};
    static const struct { const char *name; SFn fn; } ops[] = {
        {"vadd.f32", s_add}, {"vsub.f32", s_sub}, {"vmul.f32", s_mul}, {"vdiv.f32", s_div},
    };
    uint32_t f, want_f, want;

    group("NaN propagation (FPProcessNaNs), DN");
    for (unsigned o = 0; o < 4; o++)
        for (unsigned i = 0; i < 5; i++)
            for (unsigned j = 0; j < 5; j++)
                for (uint32_t dn = 0; dn <= DN; dn += DN) {
                    uint32_t a = vals[i], b = vals[j], r;
                    if (!s_is_nan(a) && !s_is_nan(b))
                        continue;
                    r = ops[o].fn(dn, a, b, 0, &f);
                    want = nan_model(dn, a, b, &want_f);
                    check_op(ops[o].name, dn, r, want, f, want_f);
                }
    /* VMLA: FPAdd(d, FPMul(n, m)): the product's NaN (already processed)
     * is operand 2, d operand 1. */
    for (uint32_t dn = 0; dn <= DN; dn += DN) {
        uint32_t r = s_mla(dn, S_SNAN_B, S_ONE_HALF, S_QNAN_A, &f);
        /* product = quiet(B) with IOC; then FPAdd(qNaN A, qNaN B') = A */
        check_op("vmla.f32 snan*1.5 + qnan", dn, r, dn ? S_DEFAULT_NAN : S_QNAN_A, f, IOC);
        r = s_mla(dn, S_QNAN_C, S_ONE_HALF, S_SNAN_D, &f);
        check_op("vmla.f32 qnan*1.5 + snan", dn, r, dn ? S_DEFAULT_NAN : S_SNAN_D | 0x400000u, f, IOC);
        /* VNMUL negates the processed NaN (FPNeg is a sign flip) */
        r = s_nmul(dn, S_QNAN_A, S_ONE_HALF, 0, &f);
        check_op("vnmul.f32 qnan", dn, r, (dn ? S_DEFAULT_NAN : S_QNAN_A) ^ 0x80000000u, f, 0);
        r = s_sqrt(dn, S_SNAN_D, 0, 0, &f);
        check_op("vsqrt.f32 snan", dn, r, dn ? S_DEFAULT_NAN : S_SNAN_D | 0x400000u, f, IOC);
    }
    /* invalid operations: the default NaN (x86 would give 0xffc00000) */
    check_op("vmul.f32 0*inf", 0, s_mul(0, 0, 0x7f800000u, 0, &f), S_DEFAULT_NAN, f, IOC);
    check_op("vsub.f32 inf-inf", 0, s_sub(0, 0x7f800000u, 0x7f800000u, 0, &f), S_DEFAULT_NAN, f, IOC);
    check_op("vdiv.f32 0/0", 0, s_div(0, 0, 0x80000000u, 0, &f), S_DEFAULT_NAN, f, IOC);
    check_op("vsqrt.f32 -1", 0, s_sqrt(0, 0xbf800000u, 0, 0, &f), S_DEFAULT_NAN, f, IOC);
    check_op("vsqrt.f32 -0", 0, s_sqrt(0, 0x80000000u, 0, 0, &f), 0x80000000u, f, 0);
    check_op("vdiv.f32 1/0", 0, s_div(0, 0x3f800000u, 0, 0, &f), 0x7f800000u, f, DZC);
    check_op64("vmul.f64 0*-inf", 0, d_mul(0, 0, 0xfff0000000000000ull, 0, &f),
               0x7ff8000000000000ull, f, IOC);
    /* double NaNs: operand order and quietening */
    check_op64("vadd.f64 qnan+snan", 0,
               d_add(0, 0x7ff8000000000123ull, 0xfff0000000000456ull, 0, &f),
               0xfff8000000000456ull, f, IOC);
    check_op64("vdiv.f64 qnan/qnan", 0,
               d_div(0, 0xfff8000000000123ull, 0x7ff8000000000456ull, 0, &f),
               0xfff8000000000123ull, f, 0);
    check_op64("vsub.f64 1-qnan DN", DN,
               d_sub(DN, 0x3ff0000000000000ull, 0x7ff8000000000456ull, 0, &f),
               0x7ff8000000000000ull, f, 0);
    end_group();
}

/* ---- VABS, VNEG: the sign bit only, even of a signalling NaN ---- */
static void test_sign_ops(void)
{
    uint32_t f;

    group("VABS, VNEG: no NaN processing, no flags, no flush");
    check_op("vneg.f32 snan", 0, s_neg(0, S_SNAN_D, 0, 0, &f), S_SNAN_D | 0x80000000u, f, 0);
    check_op("vabs.f32 -snan", DN, s_abs(DN, S_SNAN_B, 0, 0, &f), S_SNAN_B & 0x7fffffffu, f, 0);
    check_op("vneg.f32 denormal FZ", FZ, s_neg(FZ, 0x00000001u, 0, 0, &f), 0x80000001u, f, 0);
    check_op("vabs.f32 -denormal FZ", FZ, s_abs(FZ, 0x80000003u, 0, 0, &f), 0x00000003u, f, 0);
    end_group();
}

/* ---- flush-to-zero and underflow ---- */
static void test_fz(void)
{
    uint32_t f;

    group("FZ: inputs (IDC), outputs (UFC), tininess before rounding");
    /* FPUnpack: the denormal is +0 under FZ: 0 + 0 = +0, IDC */
    check_op("vadd.f32 denormal+0", FZ, s_add(FZ, 1, 0, 0, &f), 0, f, IDC);
    check_op("vadd.f32 denormal+0", 0, s_add(0, 1, 0, 0, &f), 1, f, 0);
    /* -denormal * 2 under FZ: -0 * 2 = -0 */
    check_op("vmul.f32 -denormal*2", FZ, s_mul(FZ, 0x80000005u, 0x40000000u, 0, &f),
             0x80000000u, f, IDC);
    /* 2^-100 * 2^-30 = 2^-130 exactly: a denormal, exact, so no UFC
     * without FZ; with FZ the unrounded value is tiny: +0, UFC only */
    check_op("vmul.f32 2^-100*2^-30", 0, s_mul(0, 0x0d800000u, 0x30800000u, 0, &f),
             0x00080000u, f, 0);
    check_op("vmul.f32 2^-100*2^-30", FZ, s_mul(FZ, 0x0d800000u, 0x30800000u, 0, &f),
             0, f, UFC);
    /* 2^-100 * (2^-30 * 1.5 ...) inexact tiny: UFC|IXC */
    check_op("vmul.f32 tiny inexact", 0, s_mul(0, 0x0d800001u, 0x30c00001u, 0, &f),
             0x000c0000u, f, UFC | IXC);
    /* (1 - 2^-24) * 2^-126 = 2^-126 - 2^-150: a tie between the largest
     * denormal 0x007fffff (odd) and 2^-126 (even): RN gives 2^-126, but
     * the unrounded value is below 2^-126, so ARM's underflow (before
     * rounding) is raised; under FZ the result is +0 */
    check_op("vmul.f32 rounds up to min normal", 0,
             s_mul(0, 0x3f7fffffu, 0x00800000u, 0, &f), 0x00800000u, f, UFC | IXC);
    check_op("vmul.f32 rounds up to min normal", FZ,
             s_mul(FZ, 0x3f7fffffu, 0x00800000u, 0, &f), 0, f, UFC);
    check_op("vmul.f32 -(...) RZ", RZ,
             s_mul(RZ, 0xbf7fffffu, 0x00800000u, 0, &f), 0x807fffffu, f, UFC | IXC);
    /* double: (1 - 2^-53) * 2^-1022 ties to 2^-1022 the same way */
    check_op64("vmul.f64 rounds up to min normal", 0,
               d_mul(0, 0x3fefffffffffffffull, 0x0010000000000000ull, 0, &f),
               0x0010000000000000ull, f, UFC | IXC);
    check_op64("vmul.f64 rounds up to min normal", FZ,
               d_mul(FZ, 0x3fefffffffffffffull, 0x0010000000000000ull, 0, &f), 0, f, UFC);
    /* (2^-125 - 2^-149) / 2 = 2^-126 - 2^-150: the same tie, by a
     * quotient; and 2^-126 / (1 + 2^-23), just below, rounds down */
    check_op("vdiv.f32 rounds up to min normal", 0,
             s_div(0, 0x00ffffffu, 0x40000000u, 0, &f), 0x00800000u, f, UFC | IXC);
    check_op("vdiv.f32 rounds up to min normal", FZ,
             s_div(FZ, 0x00ffffffu, 0x40000000u, 0, &f), 0, f, UFC);
    check_op("vdiv.f32 below min normal", 0,
             s_div(0, 0x00800000u, 0x3f800001u, 0, &f), 0x007fffffu, f, UFC | IXC);
    /* a result above 2^-126 is not tiny */
    check_op("vmul.f32 just above min normal", 0,
             s_mul(0, 0x3f800001u, 0x00800000u, 0, &f), 0x00800001u, f, 0);
    /* VCMP sees flushed operands: denormal == 0 under FZ (IDC) */
    s_cmp(FZ, 1, 0, 0, &f);
    check("vcmp.f32 denormal, 0 FZ: Z C", f & 0xf0000000u, 0x60000000u);
    check("vcmp.f32 denormal, 0 FZ: IDC", f & FLAGS, IDC);
    s_cmp(0, 1, 0, 0, &f);
    check("vcmp.f32 denormal, 0: C", f & 0xf0000000u, 0x20000000u);
    end_group();
}

/* ---- rounding modes ---- */
static void test_rounding(void)
{
    static const uint32_t modes[4] = {RN, RP, RM, RZ};
    /* 1/3 = 0x3eaaaaaa.aaa...: RN, RP round up to ...ab, RM, RZ keep ...aa;
     * for -1/3 RP and RZ keep ...aa, RN and RM give ...ab. */
    static const uint32_t third[4] = {0x3eaaaaabu, 0x3eaaaaabu, 0x3eaaaaaau, 0x3eaaaaaau};
    static const uint32_t mthird[4] = {0xbeaaaaabu, 0xbeaaaaaau, 0xbeaaaaabu, 0xbeaaaaaau};
    /* FLT_MAX * 2: infinity in RN and toward it, the largest finite
     * toward zero (ARM ARM FPRound: overflow to the largest finite) */
    static const uint32_t ovf[4] = {0x7f800000u, 0x7f800000u, 0x7f7fffffu, 0x7f7fffffu};
    static const uint32_t movf[4] = {0xff800000u, 0xff7fffffu, 0xff800000u, 0xff7fffffu};
    /* double 1/3 = 0x3fd5555555555555.555...: only RP rounds up */
    static const uint64_t dthird[4] = {0x3fd5555555555555ull, 0x3fd5555555555556ull,
                                       0x3fd5555555555555ull, 0x3fd5555555555555ull};
    uint32_t f;

    group("rounding modes (FPSCR.RMode) and overflow");
    for (int m = 0; m < 4; m++) {
        uint32_t r = modes[m];
        check_op("vdiv.f32 1/3", r, s_div(r, 0x3f800000u, 0x40400000u, 0, &f), third[m], f, IXC);
        check_op("vdiv.f32 -1/3", r, s_div(r, 0xbf800000u, 0x40400000u, 0, &f), mthird[m], f, IXC);
        check_op("vmul.f32 max*2", r, s_mul(r, 0x7f7fffffu, 0x40000000u, 0, &f), ovf[m], f, OFC | IXC);
        check_op("vmul.f32 -max*2", r, s_mul(r, 0xff7fffffu, 0x40000000u, 0, &f), movf[m], f, OFC | IXC);
        check_op64("vdiv.f64 1/3", r, d_div(r, 0x3ff0000000000000ull, 0x4008000000000000ull, 0, &f),
                   dthird[m], f, IXC);
        /* x - x is +0, except -0 when rounding toward minus infinity */
        check_op("vsub.f32 1-1", r, s_sub(r, 0x3f800000u, 0x3f800000u, 0, &f),
                 m == 2 ? 0x80000000u : 0, f, 0);
        /* sqrt(2) = 0x3fb504f3.33...: up only in RP */
        check_op("vsqrt.f32 2", r, s_sqrt(r, 0x40000000u, 0, 0, &f),
                 m == 1 ? 0x3fb504f4u : 0x3fb504f3u, f, IXC);
    }
    check_op64("vsqrt.f64 4", 0, d_sqrt(0, 0x4010000000000000ull, 0, 0, &f),
               0x4000000000000000ull, f, 0);
    end_group();
}

/* ---- with IXC already set (helper-vfp.c's fast path in round to
 * nearest): every other flag must still be raised, every result be the
 * same ---- */
static void test_ixc_set(void)
{
    const uint32_t x = IXC;
    uint32_t f;

    group("the same with FPSCR.IXC already set");
    check_op("vdiv.f32 1/3", x, s_div(x, 0x3f800000u, 0x40400000u, 0, &f), 0x3eaaaaabu, f, IXC);
    check_op64("vdiv.f64 1/3", x, d_div(x, 0x3ff0000000000000ull, 0x4008000000000000ull, 0, &f),
               0x3fd5555555555555ull, f, IXC);
    check_op("vmul.f32 max*2", x, s_mul(x, 0x7f7fffffu, 0x40000000u, 0, &f), 0x7f800000u, f, OFC | IXC);
    check_op("vdiv.f32 1/0", x, s_div(x, 0x3f800000u, 0, 0, &f), 0x7f800000u, f, DZC | IXC);
    check_op("vmul.f32 0*inf", x, s_mul(x, 0, 0x7f800000u, 0, &f), S_DEFAULT_NAN, f, IOC | IXC);
    check_op("vmul.f32 rounds up to min normal", x,
             s_mul(x, 0x3f7fffffu, 0x00800000u, 0, &f), 0x00800000u, f, UFC | IXC);
    check_op64("vmul.f64 rounds up to min normal", x,
               d_mul(x, 0x3fefffffffffffffull, 0x0010000000000000ull, 0, &f),
               0x0010000000000000ull, f, UFC | IXC);
    check_op("vmul.f32 2^-100*2^-30", x | FZ, s_mul(x | FZ, 0x0d800000u, 0x30800000u, 0, &f),
             0, f, UFC | IXC);
    check_op("vsub.f32 1-1", x, s_sub(x, 0x3f800000u, 0x3f800000u, 0, &f), 0, f, IXC);
    check_op("vdiv.f32 1/3 RP", x | RP, s_div(x | RP, 0xbf800000u, 0x40400000u, 0, &f),
             0xbeaaaaaau, f, IXC);
    check_op("vmla.f32 double rounding", x,
             s_mla(x, 0x3f800800u, 0x3f800800u, 0xbf801000u, &f), 0, f, IXC);
    check_op("vmla.f32 2*3+1", x, s_mla(x, 0x40000000u, 0x40400000u, 0x3f800000u, &f), 0x40e00000u, f, IXC);
    check_op("vsqrt.f32 2", x, s_sqrt(x, 0x40000000u, 0, 0, &f), 0x3fb504f3u, f, IXC);
    check_op("vsqrt.f32 -1", x, s_sqrt(x, 0xbf800000u, 0, 0, &f), S_DEFAULT_NAN, f, IOC | IXC);
    /* sqrt(2^-148) = 2^-74 exactly: a denormal operand, the slow path */
    check_op("vsqrt.f32 denormal", x, s_sqrt(x, 0x00000002u, 0, 0, &f), 0x1a800000u, f, IXC);
    check_op64("vsqrt.f64 2", x, d_sqrt(x, 0x4000000000000000ull, 0, 0, &f),
               0x3ff6a09e667f3bcdull, f, IXC);
    end_group();
}

/* ---- the multiply-accumulates round twice ---- */
static void test_mac(void)
{
    uint32_t f;

    group("VMLA/VMLS/VNMLA/VNMLS/VNMUL: product rounded, then the sum");
    /* (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24: the 2^-24 is half an ulp and
     * ties to even, so the product is 1 + 2^-11 (IXC); adding
     * -(1 + 2^-11) gives +0.  A fused multiply-add would give 2^-24. */
    check_op("vmla.f32 double rounding", 0,
             s_mla(0, 0x3f800800u, 0x3f800800u, 0xbf801000u, &f), 0, f, IXC);
    check_op("vmls.f32 double rounding", 0,
             s_mls(0, 0x3f800800u, 0x3f800800u, 0x3f801000u, &f), 0, f, IXC);
    /* VNMLA: -d - n*m = -(1+2^-11) + ... ; with d = -(1+2^-11): +0 - p
     * = -(1 + 2^-11) + (1 + 2^-11) ... written out: FPAdd(FPNeg(d),
     * FPNeg(p)) = (1 + 2^-11) + -(1 + 2^-11) = +0 */
    check_op("vnmla.f32 double rounding", 0,
             s_nmla(0, 0x3f800800u, 0x3f800800u, 0xbf801000u, &f), 0, f, IXC);
    /* VNMLS: FPAdd(FPNeg(d), p) with d = 1 + 2^-11: +0 */
    check_op("vnmls.f32 double rounding", 0,
             s_nmls(0, 0x3f800800u, 0x3f800800u, 0x3f801000u, &f), 0, f, IXC);
    /* 2 * 3 + 1 = 7, 1 - 6 = -5, -(1) - 6 = -7, -1 + 6 = 5, -(6) */
    check_op("vmla.f32 2*3+1", 0, s_mla(0, 0x40000000u, 0x40400000u, 0x3f800000u, &f), 0x40e00000u, f, 0);
    check_op("vmls.f32 1-2*3", 0, s_mls(0, 0x40000000u, 0x40400000u, 0x3f800000u, &f), 0xc0a00000u, f, 0);
    check_op("vnmla.f32 -1-2*3", 0, s_nmla(0, 0x40000000u, 0x40400000u, 0x3f800000u, &f), 0xc0e00000u, f, 0);
    check_op("vnmls.f32 -1+2*3", 0, s_nmls(0, 0x40000000u, 0x40400000u, 0x3f800000u, &f), 0x40a00000u, f, 0);
    check_op("vnmul.f32 -(2*3)", 0, s_nmul(0, 0x40000000u, 0x40400000u, 0, &f), 0xc0c00000u, f, 0);
    /* double: (1 + 2^-27)^2 = 1 + 2^-26 + 2^-54, the 2^-54 a quarter
     * ulp, rounded off */
    check_op64("vmla.f64 double rounding", 0,
               d_mla(0, 0x3ff0000002000000ull, 0x3ff0000002000000ull, 0xbff0000004000000ull, &f),
               0, f, IXC);
    end_group();
}

/* ---- compares ---- */
static uint32_t apsr_after_vcmp(uint32_t a, uint32_t b)
{
    uint32_t apsr;

    __asm__ volatile("vmov s0, %[a]\n\t"
                     "vmov s1, %[b]\n\t"
                     "vcmp.f32 s0, s1\n\t"
                     "vmrs APSR_nzcv, fpscr\n\t"
                     "mrs %[r], APSR"
                     : [r] "=r"(apsr)
                     : [a] "r"(a), [b] "r"(b)
                     : "s0", "s1", "cc");
    return apsr & APSR_NZCV;
}

/* VMRS APSR_nzcv feeding a condition, as compilers emit it */
static int less_than(float a, float b)
{
    int r;

    __asm__ volatile("mov %[r], #0\n\t"
                     "vcmpe.f32 %[a], %[b]\n\t"
                     "vmrs APSR_nzcv, fpscr\n\t"
                     "movmi %[r], #1"
                     : [r] "=&r"(r)
                     : [a] "t"(a), [b] "t"(b)
                     : "cc");
    return r;
}

static void test_compare(void)
{
    uint32_t f;

    group("VCMP, VCMPE, VMRS APSR_nzcv");
    s_cmp(0, 0x3f800000u, 0x40000000u, 0, &f);
    check("vcmp 1 < 2: N", f >> 28, 0x8);
    s_cmp(0, 0x40000000u, 0x3f800000u, 0, &f);
    check("vcmp 2 > 1: C", f >> 28, 0x2);
    s_cmp(0, 0x80000000u, 0, 0, &f);
    check("vcmp -0 == +0: ZC", f >> 28, 0x6);
    s_cmp(0, S_QNAN_A, 0, 0, &f);
    check("vcmp qnan: CV", f >> 28, 0x3);
    check("vcmp qnan: no IOC", f & FLAGS, 0);
    s_cmpe(0, S_QNAN_A, 0, 0, &f);
    check("vcmpe qnan: CV", f >> 28, 0x3);
    check("vcmpe qnan: IOC", f & FLAGS, IOC);
    s_cmp(0, 0, S_SNAN_D, 0, &f);
    check("vcmp snan: IOC", f & FLAGS, IOC);
    s_cmpz(0, 0xbf800000u, 0, 0, &f);
    check("vcmp -1, #0: N", f >> 28, 0x8);
    d_cmpe(0, 0x7ff0000000000000ull, 0x7ff0000000000000ull, 0, &f);
    check("vcmpe.f64 inf == inf", f >> 28, 0x6);
    check("vmrs APSR_nzcv 1<2", apsr_after_vcmp(0x3f800000u, 0x40000000u), APSR_N);
    check("vmrs APSR_nzcv nan", apsr_after_vcmp(S_QNAN_A, 0), APSR_C | APSR_V);
    check("vmrs APSR_nzcv eq", apsr_after_vcmp(0x3f800000u, 0x3f800000u), APSR_Z | APSR_C);
    check("vcmpe; movmi: 1 < 2", (uint32_t)less_than(1.0f, 2.0f), 1);
    check("vcmpe; movmi: 3 < 2", (uint32_t)less_than(3.0f, 2.0f), 0);
    end_group();
}

/* ---- conversions ---- */
static void test_convert(void)
{
    uint32_t f;
    uint64_t r;

    group("VCVT: integer (VCVT/VCVTR, saturation), fixed point, precision");
    /* 2.5: toward zero 2; VCVTR: RN ties to even 2, RP 3, RM 2, RZ 2 */
    check_op("vcvt.s32.f32 2.5", RP, s_toi(RP, 0x40200000u, 0, 0, &f), 2, f, IXC);
    check_op("vcvtr.s32.f32 2.5 RN", RN, s_toir(RN, 0x40200000u, 0, 0, &f), 2, f, IXC);
    check_op("vcvtr.s32.f32 2.5 RP", RP, s_toir(RP, 0x40200000u, 0, 0, &f), 3, f, IXC);
    check_op("vcvtr.s32.f32 3.5 RN", RN, s_toir(RN, 0x40600000u, 0, 0, &f), 4, f, IXC);
    check_op("vcvtr.s32.f32 -2.5 RM", RM, s_toir(RM, 0xc0200000u, 0, 0, &f), (uint32_t)-3, f, IXC);
    check_op("vcvt.s32.f32 -2.5", 0, s_toi(0, 0xc0200000u, 0, 0, &f), (uint32_t)-2, f, IXC);
    check_op("vcvt.s32.f32 7", 0, s_toi(0, 0x40e00000u, 0, 0, &f), 7, f, 0);
    /* out of range: the nearest bound, IOC and not IXC; NaN: 0, IOC */
    check_op("vcvt.s32.f32 3e9", 0, s_toi(0, 0x4f32d05eu, 0, 0, &f), 0x7fffffffu, f, IOC);
    check_op("vcvt.s32.f32 -3e9", 0, s_toi(0, 0xcf32d05eu, 0, 0, &f), 0x80000000u, f, IOC);
    check_op("vcvt.s32.f32 -2^31", 0, s_toi(0, 0xcf000000u, 0, 0, &f), 0x80000000u, f, 0);
    check_op("vcvt.s32.f32 inf", 0, s_toi(0, 0x7f800000u, 0, 0, &f), 0x7fffffffu, f, IOC);
    check_op("vcvt.s32.f32 nan", 0, s_toi(0, S_QNAN_A, 0, 0, &f), 0, f, IOC);
    check_op("vcvt.u32.f32 -1", 0, s_tou(0, 0xbf800000u, 0, 0, &f), 0, f, IOC);
    check_op("vcvt.u32.f32 -0.5", 0, s_tou(0, 0xbf000000u, 0, 0, &f), 0, f, IXC);
    check_op("vcvtr.u32.f32 -0.5 RM", RM, s_tour(RM, 0xbf000000u, 0, 0, &f), 0, f, IOC);
    check_op("vcvt.u32.f32 4e9", 0, s_tou(0, 0x4f6e6b28u, 0, 0, &f), 4000000000u, f, 0);
    check_op("vcvt.u32.f32 5e9", 0, s_tou(0, 0x4f9502f9u, 0, 0, &f), 0xffffffffu, f, IOC);
    check_op("vcvt.s32.f32 denormal FZ", FZ, s_toi(FZ, 1, 0, 0, &f), 0, f, IDC);
    check_op("vcvt.s32.f32 denormal", 0, s_toi(0, 1, 0, 0, &f), 0, f, IXC);
    /* integer -> float: 2^24 + 1 is not a single: RN ties to even
     * 0x4b800000, RP 0x4b800001 */
    check_op("vcvt.f32.s32 2^24+1 RN", RN, s_fromi(RN, 16777217u, 0, 0, &f), 0x4b800000u, f, IXC);
    check_op("vcvt.f32.s32 2^24+1 RP", RP, s_fromi(RP, 16777217u, 0, 0, &f), 0x4b800001u, f, IXC);
    check_op("vcvt.f32.s32 -1", 0, s_fromi(0, 0xffffffffu, 0, 0, &f), 0xbf800000u, f, 0);
    check_op("vcvt.f32.u32 0xffffffff RZ", RZ, s_fromu(RZ, 0xffffffffu, 0, 0, &f), 0x4f7fffffu, f, IXC);
    check_op("vcvt.f32.s32 0", RM, s_fromi(RM, 0, 0, 0, &f), 0, f, 0);
    /* fixed point: 1.5 with 16 fraction bits is 0x18000, and back */
    check_op("vcvt.s32.f32 #16 1.5", 0, s_tofix16(0, 0x3fc00000u, 0, 0, &f), 0x18000u, f, 0);
    check_op("vcvt.f32.s32 #16 0x18000", 0, s_fromfix16(0, 0x18000u, 0, 0, &f), 0x3fc00000u, f, 0);
    check_op("vcvt.s32.f32 #16 -2^-17", 0, s_tofix16(0, 0xb7000000u, 0, 0, &f), 0, f, IXC);
    /* 16-bit: 200 * 2^8 = 51200 > 32767: 0x7fff, IOC; -1.5 -> -384
     * sign-extended; unsigned 200 fits; the s16 input takes bits 15:0 */
    check_op("vcvt.s16.f32 #8 200", 0, s_tosh8(0, 0x43480000u, 0, 0, &f), 0x7fffu, f, IOC);
    check_op("vcvt.s16.f32 #8 -1.5", 0, s_tosh8(0, 0xbfc00000u, 0, 0, &f), 0xfffffe80u, f, 0);
    check_op("vcvt.u16.f32 #8 200", 0, s_touh8(0, 0x43480000u, 0, 0, &f), 0xc800u, f, 0);
    check_op("vcvt.f32.s16 #8 0x1234ff80", 0, s_fromsh8(0, 0x1234ff80u, 0, 0, &f), 0xbf000000u, f, 0);
    /* double -> single: rounding, overflow, NaN payload (the top 23 of
     * the 52 fraction bits, quietened) */
    r = d_tof(0, 0x7e37e43c8800759cull, 0, 0, &f); /* 1e300 */
    check_op("vcvt.f32.f64 1e300 RN", 0, (uint32_t)r, 0x7f800000u, f, OFC | IXC);
    r = d_tof(RZ, 0x7e37e43c8800759cull, 0, 0, &f);
    check_op("vcvt.f32.f64 1e300 RZ", RZ, (uint32_t)r, 0x7f7fffffu, f, OFC | IXC);
    r = d_tof(0, 0x7ff0000020000001ull, 0, 0, &f);
    check_op("vcvt.f32.f64 snan", 0, (uint32_t)r, 0x7fc00001u, f, IOC);
    r = d_tof(DN, 0xfff8000020000000ull, 0, 0, &f);
    check_op("vcvt.f32.f64 qnan DN", DN, (uint32_t)r, S_DEFAULT_NAN, f, 0);
    r = d_tof(0, 0x3fd5555555555555ull, 0, 0, &f); /* 1/3 */
    check_op("vcvt.f32.f64 1/3", 0, (uint32_t)r, 0x3eaaaaabu, f, IXC);
    r = d_tof(FZ, 0x3800000000000000ull, 0, 0, &f); /* 2^-127: tiny */
    check_op("vcvt.f32.f64 2^-127 FZ", FZ, (uint32_t)r, 0, f, UFC);
    r = d_tof(0, 0x3800000000000000ull, 0, 0, &f);
    check_op("vcvt.f32.f64 2^-127", 0, (uint32_t)r, 0x00400000u, f, 0);
    /* single -> double is exact; NaNs keep their payload, quietened */
    r = d_fromf(0, S_SNAN_D, 0, 0, &f);
    check_op64("vcvt.f64.f32 snan", 0, r, 0x7ff8000020000000ull, f, IOC);
    r = d_fromf(0, 0x00000001u, 0, 0, &f);
    check_op64("vcvt.f64.f32 denormal", 0, r, 0x36a0000000000000ull, f, 0);
    r = d_fromf(FZ, 0x80000001u, 0, 0, &f);
    check_op64("vcvt.f64.f32 -denormal FZ", FZ, r, 0x8000000000000000ull, f, IDC);
    r = d_toi(0, 0xc1e0000000200000ull, 0, 0, &f); /* -2^31 - 1 */
    check_op("vcvt.s32.f64 -2^31-1", 0, (uint32_t)r, 0x80000000u, f, IOC);
    r = d_toi(0, 0xc1dfffffffc00000ull, 0, 0, &f); /* -2^31 + 1 */
    check_op("vcvt.s32.f64 -2^31+1", 0, (uint32_t)r, 0x80000001u, f, 0);
    r = d_tour(RP, 0x3ff0000000000001ull, 0, 0, &f); /* 1 + 2^-52 */
    check_op("vcvtr.u32.f64 1+ulp RP", RP, (uint32_t)r, 2, f, IXC);
    r = d_fromi(0, 0x80000000u, 0, 0, &f);
    check_op64("vcvt.f64.s32 -2^31", 0, r, 0xc1e0000000000000ull, f, 0);
    end_group();
}

/* ---- immediates, moves, loads and stores, FPSCR ---- */
static void test_moves(void)
{
    uint32_t a, b, c, d, fp;
    uint64_t mem[6] = {0}, src[4] = {0x1111111122222222ull, 0x3333333344444444ull,
                                     0x5555555566666666ull, 0x7777777788888888ull};
    float fl[3] = {1.0f, 2.0f, 3.0f};

    group("VMOV, VLDR/VSTR, VLDM/VSTM, VPUSH/VPOP, FPSCR");
    __asm__ volatile("vmov.f32 s0, #0.5\n\tvmov %0, s0\n\t"
                     "vmov.f32 s0, #-1.75\n\tvmov %1, s0\n\t"
                     "vmov.f64 d1, #31.0\n\tvmov %2, %3, d1"
                     : "=r"(a), "=r"(b), "=r"(c), "=r"(d) : : "s0", "d1");
    /* VFPExpandImm: 0.5 = 0 0 110 0000 -> 0x3f000000; -1.75 -> 0xbfe00000;
     * 31.0 = 1.9375 * 2^4 -> 0x403f0000_00000000 */
    check("vmov.f32 #0.5", a, 0x3f000000u);
    check("vmov.f32 #-1.75", b, 0xbfe00000u);
    check("vmov.f64 #31 lo", c, 0);
    check("vmov.f64 #31 hi", d, 0x403f0000u);
    /* core <-> scalar halves of a D register */
    __asm__ volatile("vmov d3, %2, %3\n\t"
                     "vmov.32 d3[1], %2\n\t"
                     "vmov.32 %0, d3[0]\n\t"
                     "vmov %1, s7"
                     : "=r"(a), "=r"(b) : "r"(0xaaaa5555u), "r"(0x12345678u) : "d3");
    check("vmov.32 d3[0]", a, 0xaaaa5555u);
    check("vmov s7 = d3[1]", b, 0xaaaa5555u);
    __asm__ volatile("vmov s4, s5, %2, %3\n\t"
                     "vmov %0, %1, s4, s5"
                     : "=r"(a), "=r"(b) : "r"(7u), "r"(9u) : "s4", "s5");
    check("vmov s4, s5 pair", a * 16 + b, 7 * 16 + 9);
    /* VLDM/VSTM IA with writeback, VPUSH/VPOP (DB), VLDR/VSTR offsets */
    {
        uint64_t *p = src, *q = mem;
        __asm__ volatile("vldmia %[p]!, {d4-d7}\n\t"
                         "vpush {d4-d5}\n\t"
                         "vpop {d8-d9}\n\t"
                         "vstr d9, [%[q], #8]\n\t"
                         "vstmia %[q]!, {d8}\n\t"
                         "add %[q], %[q], #32\n\t"
                         "vstmdb %[q]!, {d6-d7}\n\t"
                         "vldr s0, [%[f], #8]\n\t"
                         "vstr s0, [%[f]]"
                         : [p] "+r"(p), [q] "+r"(q)
                         : [f] "r"(fl)
                         : "d4", "d5", "d6", "d7", "d8", "d9", "s0", "memory");
        check("vldmia! writeback", (uint32_t)(p - src), 4);
        check("vstmdb! writeback", (uint32_t)(q - mem), 3);
        check("vpush/vpop/vstmia d8 lo", (uint32_t)mem[0], 0x22222222u);
        check("vpush/vpop/vstmia d8 hi", (uint32_t)(mem[0] >> 32), 0x11111111u);
        check("vstr d9, [q, #8]", (uint32_t)mem[1], 0x44444444u);
        check("vstmdb d6", (uint32_t)(mem[3] >> 32), 0x55555555u);
        check("vstmdb d7", (uint32_t)mem[4], 0x88888888u);
        check("vstmdb stops", (uint32_t)mem[5], 0);
        check("vstr/vldr s", *(uint32_t *)&fl[0], 0x40400000u);
    }
    /* FPSCR: AHP and the trap enables are RAZ/WI (no half precision, no
     * trapped exceptions); Len and Stride are kept (short vectors:
     * vfp-shortvec.c) */
    __asm__ volatile("vmsr fpscr, %1\n\tvmrs %0, fpscr\n\tvmsr fpscr, %2"
                     : "=r"(fp) : "r"(0xffffffffu), "r"(0u));
    check("fpscr writable bits", fp, 0xf3f7009fu);
    end_group();
}

int main(void)
{
    test_nans();
    test_sign_ops();
    test_fz();
    test_rounding();
    test_mac();
    test_ixc_set();
    test_compare();
    test_convert();
    test_moves();
    (void)nfails_before;
    return finish();
}
