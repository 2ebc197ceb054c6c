/*
 * The boundaries of stitch-arm's inline VFP path (op/arm/op-vfp.c, "the
 * fast path"): in round to nearest with FZ = DN = 0 and FPSCR.IXC set, an
 * operation runs as the host's SSE instruction and only results whose
 * exponent field is 0, 1 or all ones (zero, denormal, the smallest
 * normal's binade, infinity, NaN) go to the exact helper.  Every case
 * here runs with IXC clear and set, and in the other modes (DN, FZ, RZ),
 * and its result and flags are ARM's (ARMv7-A ARM, DDI 0406C, A2.7 and
 * appendix "Floating-point functions": FPProcessNaNs, FPRound with
 * tininess before rounding, FPUnpack's flush, FPToFixed, FixedToFP).
 * The expected values are derived by hand in the comments; flags are
 * the ones the operation raises, and the cumulative IXC a mode started
 * with stays set.  The last groups run straight-line sequences, so that
 * ops translated into one TB switch between the inline path and the
 * helper as IXC becomes set, and the flags collected across them are
 * read back with one VMRS.
 *
 * cflags: -mfloat-abi=softfp -mfpu=vfpv3-d16
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "vfp-test.h"

SOP(s_add, "vadd.f32 s2, s0, s1")
SOP(s_sub, "vsub.f32 s2, s0, s1")
SOP(s_mul, "vmul.f32 s2, s0, s1")
SOP(s_div, "vdiv.f32 s2, s0, s1")
SOP(s_nmul, "vnmul.f32 s2, s0, s1")
SOP(s_mla, "vmla.f32 s2, s0, s1")
SOP(s_mls, "vmls.f32 s2, s0, s1")
SOP(s_nmla, "vnmla.f32 s2, s0, s1")
SOP(s_nmls, "vnmls.f32 s2, s0, s1")
SOP(s_sqrt, "vsqrt.f32 s2, s0")
SOP(s_toi, "vcvt.s32.f32 s2, s0")
SOP(s_tou, "vcvt.u32.f32 s2, s0")
SOP(s_fromi, "vcvt.f32.s32 s2, s0")
SOP(s_fromu, "vcvt.f32.u32 s2, s0")
/* Sd = Dm converted: d0 is s0:s1, so a and b are Dm's low and high words */
SOP(s_fromd, "vcvt.f32.f64 s2, d0")
/* d1 = s0 converted: s2 is d1's low word */
SOP(s_todlo, "vcvt.f64.f32 d1, s0")
SOP(s_todhi, "vcvt.f64.f32 d1, s0\n\tvmov s2, s3")
SOP(s_dtoi, "vcvt.s32.f64 s2, d0")
SOP(s_dtou, "vcvt.u32.f64 s2, d0")

/* The NZCV a compare leaves in FPSCR (bits 31:28) as the result. */
#define SCMP(name, insn)                                                   \
    static uint32_t name(uint32_t fpscr, uint32_t a, uint32_t b,          \
                         uint32_t d, uint32_t *out)                       \
    {                                                                      \
        uint32_t f;                                                        \
        (void)d;                                                           \
        __asm__ volatile("vmsr fpscr, %[fi]\n\t"                           \
                         "vmov s0, %[a]\n\t"                               \
                         "vmov s1, %[b]\n\t" insn "\n\t"                   \
                         "vmrs %[f], fpscr"                                \
                         : [f] "=r"(f)                                     \
                         : [fi] "r"(fpscr), [a] "r"(a), [b] "r"(b)         \
                         : "s0", "s1", "memory");                          \
        *out = f;                                                          \
        return f >> 28;                                                    \
    }
SCMP(s_cmp, "vcmp.f32 s0, s1")
SCMP(s_cmpe, "vcmpe.f32 s0, s1")
SCMP(s_cmpz, "vcmp.f32 s0, #0")
SCMP(s_cmpez, "vcmpe.f32 s0, #0")
SCMP(d_cmp, "vcmp.f64 d0, #0") /* d0 = s1:s0 */
SCMP(d_cmpe2, "vmov.f64 d1, d0\n\tvcmpe.f64 d0, d1")

DOP(d_add, "vadd.f64 d2, d0, d1")
DOP(d_sub, "vsub.f64 d2, d0, d1")
DOP(d_mul, "vmul.f64 d2, d0, d1")
DOP(d_div, "vdiv.f64 d2, d0, d1")
DOP(d_nmul, "vnmul.f64 d2, d0, d1")
DOP(d_mla, "vmla.f64 d2, d0, d1")
DOP(d_mls, "vmls.f64 d2, d0, d1")
DOP(d_nmla, "vnmla.f64 d2, d0, d1")
DOP(d_nmls, "vnmls.f64 d2, d0, d1")
DOP(d_sqrt, "vsqrt.f64 d2, d0")
DOP(d_fromi, "vcvt.f64.s32 d2, s0")
DOP(d_fromu, "vcvt.f64.u32 d2, s0")

typedef uint32_t SFn(uint32_t, uint32_t, uint32_t, uint32_t, uint32_t *);
typedef uint64_t DFn(uint32_t, uint64_t, uint64_t, uint64_t, uint32_t *);

/* One case: op(a, b) with accumulator d in FPSCR mode `mode`. */
typedef struct {
    const char *name;
    SFn *fn;
    uint32_t mode, a, b, d, want, flags;
} SCase;
typedef struct {
    const char *name;
    DFn *fn;
    uint32_t mode;
    uint64_t a, b, d, want;
    uint32_t flags;
} DCase;

static char what[200];

/* Run each case with the cumulative IXC clear and set beforehand: the
 * result and the flags raised are the same, IXC stays set. */
static void run_s(const SCase *c, int n)
{
    for (int i = 0; i < n; i++)
        for (uint32_t pre = 0; pre <= IXC; pre += IXC) {
            uint32_t f, mode = c[i].mode | pre;
            uint32_t r = c[i].fn(mode, c[i].a, c[i].b, c[i].d, &f);
            check_op(c[i].name, mode, r, c[i].want, f, c[i].flags | pre);
        }
}

static void run_d(const DCase *c, int n)
{
    for (int i = 0; i < n; i++)
        for (uint32_t pre = 0; pre <= IXC; pre += IXC) {
            uint32_t f, mode = c[i].mode | pre;
            uint64_t r = c[i].fn(mode, c[i].a, c[i].b, c[i].d, &f);
            check_op64(c[i].name, mode, r, c[i].want, f, c[i].flags | pre);
        }
}

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* singles */
#define ONE 0x3f800000u
#define MONE 0xbf800000u
#define TWO 0x40000000u
#define THREE 0x40400000u
#define MAXF 0x7f7fffffu
#define INF 0x7f800000u
#define QNAN_A 0x7fc12345u  /* quiet, payload A */
#define SNAN_B 0xff812345u  /* signalling, negative */
#define SNAN_D 0x7f800001u
#define DNAN 0x7fc00000u    /* the default NaN */
#define TINY_A 0x0d800001u  /* 2^-100 * (1 + 2^-23) */
#define TINY_B 0x30800000u  /* 2^-30 */

static const SCase s_cases[] = {
    /* plain normal results: the inline path once IXC is set */
    {"vmul.f32 2*3", s_mul, 0, TWO, THREE, 0, 0x40c00000u, 0},
    {"vdiv.f32 1/3", s_div, 0, ONE, THREE, 0, 0x3eaaaaabu, IXC},
    {"vdiv.f32 1/3 RZ", s_div, RZ, ONE, THREE, 0, 0x3eaaaaaau, IXC},
    {"vadd.f32 1+3", s_add, 0, ONE, THREE, 0, 0x40800000u, 0},
    {"vsub.f32 1-3", s_sub, 0, ONE, THREE, 0, 0xc0000000u, 0},
    {"vnmul.f32 -(2*3)", s_nmul, 0, TWO, THREE, 0, 0xc0c00000u, 0},
    /* overflow: infinity (RN) or the largest finite (RZ), OFC IXC */
    {"vmul.f32 max*2", s_mul, 0, MAXF, TWO, 0, INF, OFC | IXC},
    {"vmul.f32 max*2 RZ", s_mul, RZ, MAXF, TWO, 0, MAXF, OFC | IXC},
    {"vadd.f32 max+max", s_add, 0, MAXF, MAXF, 0, INF, OFC | IXC},
    {"vnmul.f32 max*2", s_nmul, 0, MAXF, TWO, 0, 0xff800000u, OFC | IXC},
    {"vdiv.f32 1/0", s_div, 0, ONE, 0, 0, INF, DZC},
    /* 2^-130 (1 + 2^-23): the 2^-153 is 1/16 of the denormal unit
     * 2^-149, rounded off: 2^-130 = 0x00080000, tiny and inexact: UFC
     * IXC; under FZ a zero of its sign, UFC alone */
    {"vmul.f32 to denormal", s_mul, 0, TINY_A, TINY_B, 0, 0x00080000u, UFC | IXC},
    {"vmul.f32 to denormal FZ", s_mul, FZ, TINY_A, TINY_B, 0, 0, UFC},
    {"vnmul.f32 to denormal", s_nmul, 0, TINY_A, TINY_B, 0, 0x80080000u, UFC | IXC},
    /* (1 - 2^-24) * 2^-126 rounds up to 2^-126, the smallest normal:
     * tiny before rounding, so UFC (x86 says no underflow) */
    {"vmul.f32 up to min normal", s_mul, 0, 0x3f7fffffu, 0x00800000u, 0, 0x00800000u, UFC | IXC},
    /* (2 - 2^-23) 2^-126 / 2 is half way between 0x007fffff and
     * 0x00800000: ties to even, the smallest normal, tiny before */
    {"vdiv.f32 up to min normal", s_div, 0, 0x00ffffffu, TWO, 0, 0x00800000u, UFC | IXC},
    /* 2^-125 / 2: exactly the smallest normal, exponent field 1, exact */
    {"vdiv.f32 exact min normal", s_div, 0, 0x01000000u, TWO, 0, 0x00800000u, 0},
    /* exact zeros: +0 in RN (and -0 - +0 = -0) */
    {"vsub.f32 1-1", s_sub, 0, ONE, ONE, 0, 0, 0},
    {"vadd.f32 1+-1", s_add, 0, ONE, MONE, 0, 0, 0},
    {"vmul.f32 -0*3", s_mul, 0, 0x80000000u, THREE, 0, 0x80000000u, 0},
    /* a denormal operand, a normal result: exact arithmetic without FZ
     * (x86 reports a denormal operand, ARM nothing); under FZ the
     * operand is a zero, IDC */
    {"vadd.f32 denormal+1", s_add, 0, 1, ONE, 0, ONE, IXC},
    {"vadd.f32 denormal+1 FZ", s_add, FZ, 1, ONE, 0, ONE, IDC},
    {"vmul.f32 denormal*2^100", s_mul, 0, 0x00400000u, 0x71800000u, 0, 0x32000000u, 0},
    /* NaN operands of each kind, each position (FPProcessNaNs): the
     * first signalling one quietened with IOC, else the first quiet one;
     * DN: the default NaN */
    {"vadd.f32 qnan+1", s_add, 0, QNAN_A, ONE, 0, QNAN_A, 0},
    {"vadd.f32 1+qnan", s_add, 0, ONE, QNAN_A, 0, QNAN_A, 0},
    {"vadd.f32 1+snan", s_add, 0, ONE, SNAN_B, 0, 0xffc12345u, IOC},
    {"vmul.f32 qnan*snan", s_mul, 0, QNAN_A, SNAN_D, 0, 0x7fc00001u, IOC},
    {"vmul.f32 snan*qnan", s_mul, 0, SNAN_B, QNAN_A, 0, 0xffc12345u, IOC},
    {"vdiv.f32 qnan/qnan", s_div, 0, 0xffc00abcu, QNAN_A, 0, 0xffc00abcu, 0},
    {"vadd.f32 qnan+1 DN", s_add, DN, QNAN_A, ONE, 0, DNAN, 0},
    {"vadd.f32 1+snan DN", s_add, DN, ONE, SNAN_B, 0, DNAN, IOC},
    /* invalid operations: ARM's default NaN, not x86's negative one */
    {"vsub.f32 inf-inf", s_sub, 0, INF, INF, 0, DNAN, IOC},
    {"vmul.f32 0*inf", s_mul, 0, 0, INF, 0, DNAN, IOC},
    {"vadd.f32 inf+1", s_add, 0, INF, ONE, 0, INF, 0},
    /* the multiply-accumulates: each step checked */
    {"vmla.f32 2*3+1", s_mla, 0, TWO, THREE, ONE, 0x40e00000u, 0},
    {"vmls.f32 1-2*3", s_mls, 0, TWO, THREE, ONE, 0xc0a00000u, 0},
    {"vnmla.f32 -1-2*3", s_nmla, 0, TWO, THREE, ONE, 0xc0e00000u, 0},
    {"vnmls.f32 -1+2*3", s_nmls, 0, TWO, THREE, ONE, 0x40a00000u, 0},
    {"vmla.f32 product overflows", s_mla, 0, MAXF, TWO, ONE, INF, OFC | IXC},
    {"vmla.f32 product to denormal", s_mla, 0, TINY_A, TINY_B, ONE, ONE, UFC | IXC},
    {"vmla.f32 sum is zero", s_mla, 0, TWO, THREE, 0xc0c00000u, 0, 0},
    {"vmla.f32 qnan accumulator", s_mla, 0, TWO, THREE, QNAN_A, QNAN_A, 0},
    {"vmla.f32 snan operand", s_mla, 0, SNAN_D, THREE, ONE, 0x7fc00001u, IOC},
    {"vnmls.f32 sum overflows", s_nmls, 0, MAXF, TWO, ONE, INF, OFC | IXC},
    /* (1 + 2^-11) rounded twice gives 0, fused 2^-24 */
    {"vmla.f32 double rounding", s_mla, 0, 0x3f800800u, 0x3f800800u, 0xbf801000u, 0, IXC},
    /* exact zeros the inline path keeps (a sum, a product with a zero
     * operand) and their signs in round to nearest: x - x = +0,
     * -0 + -0 = -0, -0 * 3 = -0; VNMLA's -(d + p) with d + p = 0 exactly
     * is FPAdd(-d, -p) = +0, not -0 */
    {"vadd.f32 -0+-0", s_add, 0, 0x80000000u, 0x80000000u, 0, 0x80000000u, 0},
    {"vsub.f32 -0-+0", s_sub, 0, 0x80000000u, 0, 0, 0x80000000u, 0},
    {"vsub.f32 3-3", s_sub, 0, THREE, THREE, 0, 0, 0},
    {"vmul.f32 3*-0", s_mul, 0, THREE, 0x80000000u, 0, 0x80000000u, 0},
    {"vnmul.f32 3*0", s_nmul, 0, THREE, 0, 0, 0x80000000u, 0},
    {"vdiv.f32 0/3", s_div, 0, 0, THREE, 0, 0, 0},
    {"vdiv.f32 1/inf", s_div, 0, ONE, INF, 0, 0, 0},
    {"vmul.f32 2^-100*2^-100", s_mul, 0, 0x0d800000u, 0x0d800000u, 0, 0, UFC | IXC},
    {"vnmla.f32 -(-6 + 2*3)", s_nmla, 0, TWO, THREE, 0xc0c00000u, 0, 0},
    {"vnmla.f32 -(6 + -2*3)", s_nmla, 0, 0xc0000000u, THREE, 0x40c00000u, 0, 0},
    {"vmls.f32 6-2*3", s_mls, 0, TWO, THREE, 0x40c00000u, 0, 0},
    {"vnmls.f32 -6+2*3", s_nmls, 0, TWO, THREE, 0x40c00000u, 0, 0},
    {"vmla.f32 -0 + 0*3", s_mla, 0, 0, THREE, 0x80000000u, 0, 0},
    {"vmla.f32 -0 + -0*3", s_mla, 0, 0x80000000u, THREE, 0x80000000u, 0x80000000u, 0},
    /* compares: NZCV 0110 equal, 1000 less, 0010 greater, 0011
     * unordered (IOC for a signalling NaN, or any NaN under VCMPE);
     * under FZ a denormal is a zero (IDC) */
    {"vcmp.f32 1,3", s_cmp, 0, ONE, THREE, 0, 0x8u, 0},
    {"vcmp.f32 3,1", s_cmp, 0, THREE, ONE, 0, 0x2u, 0},
    {"vcmp.f32 -0,+0", s_cmp, 0, 0x80000000u, 0, 0, 0x6u, 0},
    {"vcmp.f32 -inf,max", s_cmp, 0, 0xff800000u, MAXF, 0, 0x8u, 0},
    {"vcmp.f32 qnan,1", s_cmp, 0, QNAN_A, ONE, 0, 0x3u, 0},
    {"vcmp.f32 1,snan", s_cmp, 0, ONE, SNAN_D, 0, 0x3u, IOC},
    {"vcmpe.f32 1,qnan", s_cmpe, 0, ONE, QNAN_A, 0, 0x3u, IOC},
    {"vcmpe.f32 3,1", s_cmpe, 0, THREE, ONE, 0, 0x2u, 0},
    {"vcmp.f32 denormal,0", s_cmpz, 0, 1, 0, 0, 0x2u, 0},
    {"vcmp.f32 denormal,0 FZ", s_cmpz, FZ, 1, 0, 0, 0x6u, IDC},
    {"vcmp.f32 denormal,2*denormal", s_cmp, 0, 1, 2, 0, 0x8u, 0},
    {"vcmp.f32 denormal,2*denormal FZ", s_cmp, FZ, 1, 2, 0, 0x6u, IDC},
    {"vcmpe.f32 -1,0", s_cmpez, 0, MONE, 0, 0, 0x8u, 0},
    {"vcmpe.f32 qnan,0", s_cmpez, 0, QNAN_A, 0, 0, 0x3u, IOC},
    {"vcmp.f32 qnan,0", s_cmpz, 0, QNAN_A, 0, 0, 0x3u, 0},
    {"vcmp.f64 -0,0", d_cmp, 0, 0, 0x80000000u, 0, 0x6u, 0},
    {"vcmp.f64 -1,0", d_cmp, 0, 0, 0xbff00000u, 0, 0x8u, 0},
    {"vcmp.f64 denormal,0", d_cmp, 0, 1, 0, 0, 0x2u, 0},
    {"vcmp.f64 snan,0", d_cmp, 0, 1, 0x7ff00000u, 0, 0x3u, IOC},
    {"vcmpe.f64 qnan,qnan", d_cmpe2, 0, 0, 0x7ff80000u, 0, 0x3u, IOC},
    {"vcmpe.f64 1,1", d_cmpe2, 0, 0, 0x3ff00000u, 0, 0x6u, 0},
    /* square roots */
    {"vsqrt.f32 2", s_sqrt, 0, TWO, 0, 0, 0x3fb504f3u, IXC},
    {"vsqrt.f32 4", s_sqrt, 0, 0x40800000u, 0, 0, TWO, 0},
    {"vsqrt.f32 -1", s_sqrt, 0, MONE, 0, 0, DNAN, IOC},
    {"vsqrt.f32 -0", s_sqrt, 0, 0x80000000u, 0, 0, 0x80000000u, 0},
    {"vsqrt.f32 inf", s_sqrt, 0, INF, 0, 0, INF, 0},
    {"vsqrt.f32 snan", s_sqrt, 0, SNAN_D, 0, 0, 0x7fc00001u, IOC},
    /* to integer, toward zero: saturation with IOC, a NaN is 0 */
    {"vcvt.s32.f32 -2.5", s_toi, 0, 0xc0200000u, 0, 0, (uint32_t)-2, IXC},
    {"vcvt.s32.f32 -2^31", s_toi, 0, 0xcf000000u, 0, 0, 0x80000000u, 0},
    {"vcvt.s32.f32 2^31", s_toi, 0, 0x4f000000u, 0, 0, 0x7fffffffu, IOC},
    {"vcvt.s32.f32 qnan", s_toi, 0, QNAN_A, 0, 0, 0, IOC},
    {"vcvt.s32.f32 -inf", s_toi, 0, 0xff800000u, 0, 0, 0x80000000u, IOC},
    {"vcvt.u32.f32 -0.5", s_tou, 0, 0xbf000000u, 0, 0, 0, IXC},
    {"vcvt.u32.f32 -1", s_tou, 0, MONE, 0, 0, 0, IOC},
    {"vcvt.u32.f32 4e9", s_tou, 0, 0x4f6e6b28u, 0, 0, 4000000000u, 0},
    {"vcvt.u32.f32 2^32", s_tou, 0, 0x4f800000u, 0, 0, 0xffffffffu, IOC},
    {"vcvt.s32.f32 denormal FZ", s_toi, FZ, 1, 0, 0, 0, IDC},
    /* from integer: 0 is +0; 2^24 + 1 ties to even */
    {"vcvt.f32.s32 0", s_fromi, 0, 0, 0, 0, 0, 0},
    {"vcvt.f32.s32 -1", s_fromi, 0, 0xffffffffu, 0, 0, MONE, 0},
    {"vcvt.f32.s32 2^24+1", s_fromi, 0, 16777217u, 0, 0, 0x4b800000u, IXC},
    {"vcvt.f32.s32 2^24+1 RZ", s_fromi, RZ, 16777219u, 0, 0, 0x4b800001u, IXC},
    {"vcvt.f32.u32 0xffffffff", s_fromu, 0, 0xffffffffu, 0, 0, 0x4f800000u, IXC},
    {"vcvt.f32.s32 INT_MIN", s_fromi, 0, 0x80000000u, 0, 0, 0xcf000000u, 0},
    /* double -> single (a = low word, b = high word of the double) */
    {"vcvt.f32.f64 1/3", s_fromd, 0, 0x55555555u, 0x3fd55555u, 0, 0x3eaaaaabu, IXC},
    {"vcvt.f32.f64 1e300", s_fromd, 0, 0x7e37e43cu, 0x7e37e43cu, 0, INF, OFC | IXC},
    {"vcvt.f32.f64 1e300 RZ", s_fromd, RZ, 0x7e37e43cu, 0x7e37e43cu, 0, MAXF, OFC | IXC},
    /* 2^-130 + 2^-180: denormal, inexact */
    {"vcvt.f32.f64 to denormal", s_fromd, 0, 0x00000001u, 0x37d00000u, 0, 0x00080000u, UFC | IXC},
    {"vcvt.f32.f64 to denormal FZ", s_fromd, FZ, 0x00000001u, 0x37d00000u, 0, 0, UFC},
    /* (2 - 2^-29) 2^-127 rounds up to the smallest normal: UFC */
    {"vcvt.f32.f64 up to min normal", s_fromd, 0, 0xff800000u, 0x380fffffu, 0, 0x00800000u, UFC | IXC},
    {"vcvt.f32.f64 -0", s_fromd, 0, 0, 0x80000000u, 0, 0x80000000u, 0},
    /* a NaN keeps its sign and top fraction bits (0x12345 << 3),
     * quietened */
    {"vcvt.f32.f64 snan", s_fromd, 0, 0, 0xfff00000u | 0x00012345u, 0, 0xffc91a28u, IOC},
    {"vcvt.f32.f64 qnan DN", s_fromd, DN, 0, 0x7ff80000u, 0, DNAN, 0},
    /* single -> double: exact; a NaN quietened; a denormal widens */
    {"vcvt.f64.f32 1.5 hi", s_todhi, 0, 0x3fc00000u, 0, 0, 0x3ff80000u, 0},
    {"vcvt.f64.f32 snan hi", s_todhi, 0, SNAN_B, 0, 0, 0xfff82468u, IOC},
    {"vcvt.f64.f32 snan lo", s_todlo, 0, SNAN_B, 0, 0, 0xa0000000u, IOC},
    {"vcvt.f64.f32 denormal hi", s_todhi, 0, 1, 0, 0, 0x36a00000u, 0},
    {"vcvt.f64.f32 denormal FZ", s_todhi, FZ, 1, 0, 0, 0, IDC},
    {"vcvt.f64.f32 0 hi", s_todhi, 0, 0, 0, 0, 0, 0},
    /* double -> integer, toward zero (a, b: the double's words) */
    {"vcvt.s32.f64 -7.5", s_dtoi, 0, 0, 0xc01e0000u, 0, (uint32_t)-7, IXC},
    {"vcvt.s32.f64 2^31-0.5", s_dtoi, 0, 0xffe00000u, 0x41dfffffu, 0, 0x7fffffffu, IXC},
    {"vcvt.s32.f64 2^31", s_dtoi, 0, 0, 0x41e00000u, 0, 0x7fffffffu, IOC},
    {"vcvt.s32.f64 qnan", s_dtoi, 0, 0, 0x7ff80000u, 0, 0, IOC},
    {"vcvt.u32.f64 2^32-1", s_dtou, 0, 0xffe00000u, 0x41efffffu, 0, 0xffffffffu, 0},
    {"vcvt.u32.f64 -0.75", s_dtou, 0, 0, 0xbfe80000u, 0, 0, IXC},
    {"vcvt.u32.f64 -1", s_dtou, 0, 0, 0xbff00000u, 0, 0, IOC},
};

#define D_ONE 0x3ff0000000000000ull
#define D_TWO 0x4000000000000000ull
#define D_THREE 0x4008000000000000ull
#define D_MAX 0x7fefffffffffffffull
#define D_INF 0x7ff0000000000000ull
#define D_QNAN_A 0x7ff8000000012345ull
#define D_SNAN_B 0xfff0000000012345ull
#define D_DNAN 0x7ff8000000000000ull
#define D_TINY_A 0x1000000000000001ull /* 2^-767 (1 + 2^-52) */
#define D_TINY_B 0x1000000000000000ull /* 2^-767 */

static const DCase d_cases[] = {
    {"vmul.f64 2*3", d_mul, 0, D_TWO, D_THREE, 0, 0x4018000000000000ull, 0},
    {"vdiv.f64 1/3", d_div, 0, D_ONE, D_THREE, 0, 0x3fd5555555555555ull, IXC},
    {"vdiv.f64 1/3 RZ", d_div, RZ, D_ONE, D_THREE, 0, 0x3fd5555555555555ull, IXC},
    {"vdiv.f64 2/3", d_div, 0, D_TWO, D_THREE, 0, 0x3fe5555555555555ull, IXC},
    {"vsub.f64 1-3", d_sub, 0, D_ONE, D_THREE, 0, 0xc000000000000000ull, 0},
    {"vnmul.f64 -(2*3)", d_nmul, 0, D_TWO, D_THREE, 0, 0xc018000000000000ull, 0},
    {"vmul.f64 max*2", d_mul, 0, D_MAX, D_TWO, 0, D_INF, OFC | IXC},
    {"vmul.f64 max*2 RZ", d_mul, RZ, D_MAX, D_TWO, 0, D_MAX, OFC | IXC},
    {"vadd.f64 max+max", d_add, 0, D_MAX, D_MAX, 0, D_INF, OFC | IXC},
    {"vdiv.f64 1/0", d_div, 0, D_ONE, 0, 0, D_INF, DZC},
    /* 2^-1534 (1 + 2^-52) is below half the smallest denormal
     * (2^-1075): +0 with UFC IXC */
    {"vmul.f64 to zero", d_mul, 0, D_TINY_A, D_TINY_B, 0, 0, UFC | IXC},
    /* 2^-767 (1 + 2^-52) * 2^-300 = 2^-1067 (1 + 2^-52): denormal
     * 2^7 units, the 2^-52 part far below a unit: 0x80, UFC IXC */
    {"vmul.f64 to denormal", d_mul, 0, D_TINY_A, 0x2d30000000000000ull, 0, 0x80ull, UFC | IXC},
    {"vmul.f64 to denormal FZ", d_mul, FZ, D_TINY_A, 0x2d30000000000000ull, 0, 0, UFC},
    {"vmul.f64 up to min normal", d_mul, 0, 0x3fefffffffffffffull, 0x0010000000000000ull, 0,
     0x0010000000000000ull, UFC | IXC},
    {"vsub.f64 1-1", d_sub, 0, D_ONE, D_ONE, 0, 0, 0},
    {"vadd.f64 denormal+1", d_add, 0, 1, D_ONE, 0, D_ONE, IXC},
    {"vadd.f64 denormal+1 FZ", d_add, FZ, 1, D_ONE, 0, D_ONE, IDC},
    {"vadd.f64 qnan+1", d_add, 0, D_QNAN_A, D_ONE, 0, D_QNAN_A, 0},
    {"vadd.f64 1+snan", d_add, 0, D_ONE, D_SNAN_B, 0, 0xfff8000000012345ull, IOC},
    {"vmul.f64 qnan*snan", d_mul, 0, D_QNAN_A, D_SNAN_B, 0, 0xfff8000000012345ull, IOC},
    {"vadd.f64 qnan+1 DN", d_add, DN, D_QNAN_A, D_ONE, 0, D_DNAN, 0},
    {"vsub.f64 inf-inf", d_sub, 0, D_INF, D_INF, 0, D_DNAN, IOC},
    {"vmla.f64 2*3+1", d_mla, 0, D_TWO, D_THREE, D_ONE, 0x401c000000000000ull, 0},
    {"vmls.f64 1-2*3", d_mls, 0, D_TWO, D_THREE, D_ONE, 0xc014000000000000ull, 0},
    {"vnmla.f64 -1-2*3", d_nmla, 0, D_TWO, D_THREE, D_ONE, 0xc01c000000000000ull, 0},
    {"vnmls.f64 -1+2*3", d_nmls, 0, D_TWO, D_THREE, D_ONE, 0x4014000000000000ull, 0},
    {"vmla.f64 product overflows", d_mla, 0, D_MAX, D_TWO, D_ONE, D_INF, OFC | IXC},
    {"vmla.f64 product to zero", d_mla, 0, D_TINY_A, D_TINY_B, D_ONE, D_ONE, UFC | IXC},
    {"vmla.f64 snan accumulator", d_mla, 0, D_TWO, D_THREE, D_SNAN_B, 0xfff8000000012345ull, IOC},
    {"vmla.f64 double rounding", d_mla, 0, 0x3ff0000002000000ull, 0x3ff0000002000000ull,
     0xbff0000004000000ull, 0, IXC},
    {"vsqrt.f64 2", d_sqrt, 0, D_TWO, 0, 0, 0x3ff6a09e667f3bcdull, IXC},
    {"vsqrt.f64 -1", d_sqrt, 0, 0xbff0000000000000ull, 0, 0, D_DNAN, IOC},
    {"vsqrt.f64 denormal", d_sqrt, 0, 0x0000000000000004ull, 0, 0, 0x1e70000000000000ull, 0},
    /* from integer: exact to a double; 0 is +0 */
    {"vcvt.f64.s32 -1", d_fromi, 0, 0xffffffffull, 0, 0, 0xbff0000000000000ull, 0},
    {"vcvt.f64.s32 0", d_fromi, 0, 0, 0, 0, 0, 0},
    {"vcvt.f64.u32 0xffffffff", d_fromu, 0, 0xffffffffull, 0, 0, 0x41efffffffe00000ull, 0},
};

/* ---- sequences in one block: the inline path and the helper take
 * turns as IXC becomes set; the flags gathered meanwhile are read with
 * one VMRS at the end ---- */
static void test_sequences(void)
{
    uint32_t f, r1, r2, r3;

    group("flags accumulated across inline and helper operations");
    /* 2*3 exact (helper: IXC clear), 2/3 inexact (helper sets IXC),
     * 6 * (2/3) rounded = 4 (inline now), max * 2 overflows (to the helper):
     * IXC and OFC, nothing else */
    __asm__ volatile("vmsr fpscr, %[z]\n\t"
                     "vmov s0, %[two]\n\tvmov s1, %[three]\n\tvmov s3, %[max]\n\t"
                     "vmul.f32 s2, s0, s1\n\t"
                     "vdiv.f32 s4, s0, s1\n\t"
                     "vmul.f32 s5, s2, s4\n\t"
                     "vmul.f32 s6, s3, s0\n\t"
                     "vmov %[r1], s5\n\tvmov %[r2], s6\n\t"
                     "vmrs %[f], fpscr"
                     : [r1] "=r"(r1), [r2] "=r"(r2), [f] "=r"(f)
                     : [z] "r"(0u), [two] "r"(TWO), [three] "r"(THREE), [max] "r"(MAXF)
                     : "s0", "s1", "s2", "s3", "s4", "s5", "s6", "memory");
    check("6 * (2/3) after the divide", r1, 0x40800000u);
    check("max * 2", r2, INF);
    check("flags: IXC OFC", f & FLAGS, IXC | OFC);
    /* IXC set from the start: everything inline but one product that
     * underflows in the middle; then a VMSR clears the flags and an exact
     * sum must leave them clear */
    __asm__ volatile("vmsr fpscr, %[ixc]\n\t"
                     "vmov s0, %[two]\n\tvmov s1, %[three]\n\t"
                     "vmov s3, %[ta]\n\tvmov s4, %[tb]\n\t"
                     "vdiv.f32 s2, s0, s1\n\t"
                     "vmul.f32 s5, s3, s4\n\t"
                     "vadd.f32 s2, s2, s0\n\t"
                     "vmrs %[f], fpscr\n\t"
                     "vmsr fpscr, %[z]\n\t"
                     "vadd.f32 s6, s0, s1\n\t"
                     "vmrs %[r3], fpscr\n\t"
                     "vmov %[r1], s2\n\tvmov %[r2], s5"
                     : [r1] "=r"(r1), [r2] "=r"(r2), [r3] "=r"(r3), [f] "=r"(f)
                     : [z] "r"(0u), [ixc] "r"(IXC), [two] "r"(TWO), [three] "r"(THREE),
                       [ta] "r"(TINY_A), [tb] "r"(TINY_B)
                     : "s0", "s1", "s2", "s3", "s4", "s5", "s6", "memory");
    check("2/3 + 2", r1, 0x402aaaabu);
    check("tiny product", r2, 0x00080000u);
    check("flags: IXC UFC", f & FLAGS, IXC | UFC);
    check("after VMSR clear, 2+3 exact: no flags", r3 & FLAGS, 0);
    /* a loop: the same block translated once runs with IXC clear, then
     * set (the divide sets it on the first trip) */
    {
        uint32_t acc = ONE, fl = 0;
        for (int i = 0; i < 3; i++)
            __asm__ volatile("vmov s0, %[acc]\n\tvmov s1, %[three]\n\t"
                             "vmul.f32 s0, s0, s1\n\t"
                             "vdiv.f32 s2, s0, s1\n\t"
                             "vmov %[acc], s0\n\t"
                             "vmrs %[f], fpscr"
                             : [acc] "+r"(acc), [f] "=r"(fl)
                             : [three] "r"(THREE)
                             : "s0", "s1", "s2", "memory");
        check("3^3", acc, 0x41d80000u);
        check("flags after exact loop (VMSR cleared them)", fl & FLAGS, 0);
    }
    end_group();
}

int main(void)
{
    group("single precision at the inline path's boundaries");
    run_s(s_cases, N(s_cases));
    end_group();
    group("double precision at the inline path's boundaries");
    run_d(d_cases, N(d_cases));
    end_group();
    test_sequences();
    return finish();
}
