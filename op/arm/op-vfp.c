/*
 * The VFP micro-ops (ARM ARM A2.6, A7): moves between the core and the
 * extension registers, loads and stores, the sign-bit operations, FPSCR;
 * the arithmetic, compares and conversions call op/arm/helper-vfp.c,
 * where ARM's rounding, NaN and flush-to-zero rules are applied.
 *
 * PARAM1 (and PARAM2) are register numbers: S numbers index env->vfp.s,
 * D numbers env->vfp.d (op/arm/cpu.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "op-x86_64.h"
#include "helper.h"

/* ---- core <-> extension registers (VMOV, A8.8.343-346) ---- */
void op_vfp_mov_T0_s(void) { T0 = env->vfp.s[PARAM1]; NEXT(); }
void op_vfp_mov_T1_s(void) { T1 = env->vfp.s[PARAM1]; NEXT(); }
void op_vfp_mov_s_T0(void) { env->vfp.s[PARAM1] = T0; NEXT(); }
void op_vfp_mov_s_T1(void) { env->vfp.s[PARAM1] = T1; NEXT(); }

/* ---- VMOV (register, immediate), VABS, VNEG: no arithmetic, so no NaN
 * processing, no flush-to-zero and no flags (ARM ARM A2.7.8).  These are
 * the scalar forms, for TBs translated with FPSCR.Len = 0; with Len > 0
 * (TB_FLAG_VECLEN) the translator calls the helper instead. ---- */
void op_vfp_movs(void) { env->vfp.s[PARAM1] = env->vfp.s[PARAM2]; NEXT(); }
void op_vfp_abss(void) { env->vfp.s[PARAM1] = env->vfp.s[PARAM2] & 0x7fffffffu; NEXT(); }
void op_vfp_negs(void) { env->vfp.s[PARAM1] = env->vfp.s[PARAM2] ^ 0x80000000u; NEXT(); }
void op_vfp_movd(void) { env->vfp.d[PARAM1] = env->vfp.d[PARAM2]; NEXT(); }
void op_vfp_absd(void) { env->vfp.d[PARAM1] = env->vfp.d[PARAM2] & ~(1ull << 63); NEXT(); }
void op_vfp_negd(void) { env->vfp.d[PARAM1] = env->vfp.d[PARAM2] ^ (1ull << 63); NEXT(); }
/* VFPExpandImm: a single is the value; a double's low word is zero. */
void op_vfp_movs_im(void) { env->vfp.s[PARAM1] = PARAM2; NEXT(); }
void op_vfp_movd_im(void) { env->vfp.d[PARAM1] = (uint64_t)PARAM2 << 32; NEXT(); }

/* ---- FPSCR (VMRS, VMSR) ---- */
void op_vfp_mov_T0_fpscr(void) { T0 = env->fpscr; NEXT(); }
void op_vfp_mov_fpscr_T0(void) { env->fpscr = T0 & FPSCR_WRITABLE; NEXT(); }

/* After a VMSR: the TB was translated for FPSCR.Len zero or not (PARAM2:
 * 0 or TB_FLAG_VECLEN); if the VMSR changed that, leave for the loop at
 * the next instruction (PARAM1, ITSTATE PARAM3), which drops the
 * indirect-branch table and looks the next TB up by the new flags
 * (EXCP_VECLEN, linux-user/arm/cpu-loop.c). */
void op_vfp_check_veclen(void)
{
    if ((env->fpscr & FPSCR_LEN ? TB_FLAG_VECLEN : 0) != PARAM2) {
        env->regs[15] = PARAM1;
        env->condexec = PARAM3;
        env->exception_index = EXCP_VECLEN;
        EXIT_TB_NOCHAIN();
    }
    NEXT();
}
/* VMRS APSR_nzcv, FPSCR: the flags of the last VCMP into the CPSR's,
 * in the per-flag form of op/arm/cpu.h. */
void op_vfp_fpscr_nzcv(void)
{
    uint32_t f = env->fpscr;

    env->NF = f & CPSR_N;
    env->ZF = (f & CPSR_Z) ? 0 : 1;
    env->CF = (f >> 29) & 1;
    env->VF = (f >> 28) & 1;
    NEXT();
}

/* ---- loads and stores at A0 (VLDR, VSTR, VLDM, VSTM) ----
 * Always word-aligned: ARM ARM A3.2.1 lists them among the accesses that
 * fault whatever SCTLR.A says, and Linux's alignment handler does not fix
 * coprocessor transfers up: SIGBUS.  A doubleword is two word accesses,
 * the low word first in memory (little-endian). */
#define VFP_CHECK_ALIGN()                                                  \
    if (A0 & 3) {                                                          \
        env->fault_addr = A0;                                              \
        env->exception_index = EXCP_ALIGN;                                 \
        EXIT_TB_NOCHAIN();                                                 \
    }
void op_vfp_lds_A0(void) { VFP_CHECK_ALIGN() env->vfp.s[PARAM1] = ldl(A0); NEXT(); }
void op_vfp_sts_A0(void) { VFP_CHECK_ALIGN() stl(A0, env->vfp.s[PARAM1]); NEXT(); }
void op_vfp_ldd_A0(void) { VFP_CHECK_ALIGN() env->vfp.d[PARAM1] = ldq(A0); NEXT(); }
void op_vfp_std_A0(void) { VFP_CHECK_ALIGN() stq(A0, env->vfp.d[PARAM1]); NEXT(); }
#undef VFP_CHECK_ALIGN

/* ---- everything that rounds or compares: helper-vfp.c ---- */
void op_vfp_helper(void) { helper_vfp(env, PARAM1, PARAM2); NEXT(); }

/*
 * ---- the fast path: VFP arithmetic as the host's own scalar SSE ----
 *
 * In FPSCR's default mode (RMode = round to nearest, FZ = 0, DN = 0, and
 * Len = 0: no short vectors, helper-vfp.c) an
 * ARM VFP operation whose operands and result are finite normal numbers
 * is plain IEEE 754 arithmetic (ARM ARM A2.7: FPRound with FZ = 0 is the
 * IEEE rounding; FPProcessNaNs, FPUnpack's flush and the underflow rule
 * only matter for NaNs, denormals and zeros), which the host's ADDSD etc.
 * compute bit for bit in its own MXCSR (round to nearest, every exception
 * masked, FTZ/DAZ off: stitch-arm never changes it, and helper-vfp.c
 * restores it around each of its own operations).
 *
 * The flags: of ARM's cumulative flags (A2.6.3, "Floating-point
 * exceptions") a finite result whose exponent field is neither zero nor
 * all ones can have raised only Inexact: Invalid gives a NaN, Divide by
 * zero and Overflow (to nearest) an infinity, Underflow a result below
 * the normal range, or, detected before rounding (A2.7.10), one that
 * rounded up to the smallest normal, whose exponent field is 1.  So an op
 * runs inline only while FPSCR.IXC is already set -- true from the
 * program's first inexact operation on -- and the exact flags need no
 * host MXCSR at all: MXCSR's sticky flags are never read, so nothing
 * else in stitch can disturb them.  These ops test the mode and IXC at
 * run time, in one compare with the FPSCR (no TB flag: IXC changes while
 * a TB runs, and the test folds the mode into the same compare).
 *
 * Everything else -- another mode, IXC still clear, a NaN operand (x86
 * gives a NaN result, with its own propagation rule), a result whose
 * exponent field is 0 (zero, denormal: tininess before rounding), 1 or
 * all ones -- is recomputed from the untouched source registers by the
 * exact helper (helper-vfp.c): the destination is written only when the
 * fast result is accepted, so a destination that is also a source is
 * still intact for it.  The multiply-accumulates check the product and
 * the sum, each rounded on its own (never fused).
 *
 * PARAM1, PARAM2, PARAM3: d, n, m as S or D numbers.  The ops are named
 * simd_* because dyngen admits %xmm only there (dyngen/check.c); they use
 * %xmm0 and %xmm1 as scratch, which no ARM op keeps anything in.
 */
#define VFP_FAST_MODE(f) \
    (((f) & (3u << FPSCR_RMODE_SHIFT | FPSCR_FZ | FPSCR_DN | FPSCR_LEN | FPSCR_IXC)) == FPSCR_IXC)
/* Exponent field in [2, max - 1]: a normal number above the smallest
 * normal's binade and below infinity. */
#define DP_PLAIN(r) ((uint32_t)((r) >> 52 & 0x7ff) - 2u < 0x7fdu)
#define SP_PLAIN(r) ((uint32_t)((r) >> 23 & 0xff) - 2u < 0xfdu)
#define VFP_REGS() (PARAM1 | PARAM2 << 8 | PARAM3 << 16)
#define VFP_SLOW(op)                                                        \
    do {                                                                    \
        helper_vfp(env, VFP_REGS(), (op));                                  \
        NEXT();                                                             \
        return;                                                             \
    } while (0)
/* Every guard of a fast op: the helper does it, the case being rare. */
#define VFP_SLOW_IF(cond, op)                                               \
    if (__builtin_expect(cond, 0))                                          \
        VFP_SLOW(op)
/* The shape of the fast ops with one result r: not in the fast mode, or
 * an r that is neither `plain` nor, checked only then, `rescued`, and the
 * helper does it all; otherwise `result` (r, or made from r) goes to the
 * destination register, of bank `reg`. */
#define VFP_FAST_OP(name, type, reg, vop, compute, plain, rescued, result)  \
    void op_simd_vfp_##name(void)                                           \
    {                                                                       \
        type r;                                                             \
        VFP_SLOW_IF(!VFP_FAST_MODE(env->fpscr), vop);                       \
        compute;                                                            \
        if (__builtin_expect(!(plain), 0) && !(rescued))                    \
            VFP_SLOW(vop);                                                  \
        env->vfp.reg[PARAM1] = (result);                                    \
        NEXT();                                                             \
    }

/* r = a insn b, double and single, through %xmm0. */
#define SSE_D(insn, r, a, b)                                                \
    __asm__("movsd %1, %%xmm0\n\t" insn " %2, %%xmm0\n\tmovq %%xmm0, %0"   \
            : "=r"(r) : "m"(a), "m"(b))
#define SSE_S(insn, r, a, b)                                                \
    __asm__("movss %1, %%xmm0\n\t" insn " %2, %%xmm0\n\tmovd %%xmm0, %0"   \
            : "=r"(r) : "m"(a), "m"(b))
/*
 * A zero result that is exact, accepted on the way to the helper (the
 * exponent check already failed, so this costs the common case nothing):
 * a sum or difference of finite numbers is zero only when it is exact
 * (IEEE 754 7.5: with denormals no sum underflows to zero), and a product
 * with a zero operand is an exact zero (an infinite operand would have
 * given a NaN).  No flag is raised, and in round to nearest the host's
 * sign of zero is IEEE's, which is ARM's (A2.7.5: FPAdd, FPMul).  A
 * quotient's zero may be an underflow (or x / inf): the helper.
 */
static inline int exact_zero_d(int vop, uint64_t r, uint64_t a, uint64_t b)
{
    if (r << 1)
        return 0;
    if (vop == VFP_ADD || vop == VFP_SUB)
        return 1;
    return (vop == VFP_MUL || vop == VFP_NMUL) && (!(a << 1) || !(b << 1));
}

static inline int exact_zero_s(int vop, uint32_t r, uint32_t a, uint32_t b)
{
    if (r << 1)
        return 0;
    if (vop == VFP_ADD || vop == VFP_SUB)
        return 1;
    return (vop == VFP_MUL || vop == VFP_NMUL) && (!(a << 1) || !(b << 1));
}

/* Vd = Vn op Vm; VNMUL negates the rounded product (a sign flip). */
#define VFP_FAST_BINOP(name, insn, vop, neg)                                \
    VFP_FAST_OP(name##d, uint64_t, d, (vop) | VFP_DP,                       \
                SSE_D(insn "sd", r, env->vfp.d[PARAM2], env->vfp.d[PARAM3]), \
                DP_PLAIN(r),                                                \
                exact_zero_d(vop, r, env->vfp.d[PARAM2], env->vfp.d[PARAM3]), \
                r ^ ((uint64_t)(neg) << 63))                                \
    VFP_FAST_OP(name##s, uint32_t, s, vop,                                  \
                SSE_S(insn "ss", r, env->vfp.s[PARAM2], env->vfp.s[PARAM3]), \
                SP_PLAIN(r),                                                \
                exact_zero_s(vop, r, env->vfp.s[PARAM2], env->vfp.s[PARAM3]), \
                r ^ ((uint32_t)(neg) << 31))
VFP_FAST_BINOP(add, "add", VFP_ADD, 0)
VFP_FAST_BINOP(sub, "sub", VFP_SUB, 0)
VFP_FAST_BINOP(mul, "mul", VFP_MUL, 0)
VFP_FAST_BINOP(div, "div", VFP_DIV, 0)
VFP_FAST_BINOP(nmul, "mul", VFP_NMUL, 1)

/*
 * The multiply-accumulates (ARM ARM A8.8.337, A8.8.354): the product
 * p = Vn * Vm rounded, then rounded again as
 *   VMLA  Vd + p        VMLS  Vd - p
 *   VNMLA -(Vd + p)     VNMLS p - Vd
 * (VNMLA's FPAdd(-Vd, -p) is -(Vd + p) exactly: round to nearest is
 * symmetric, and the fast path runs only in that mode -- except for an
 * exact zero sum, +0 both ways, so VNMLA leaves zeros to the helper).
 */
/* One asm for both steps: p = n * m stays in %xmm0 for the second
 * step, which takes Vd straight from env (a memory operand), so in an
 * accumulating loop the chain through Vd is a load, one ADDSD and the
 * store, with no general-register round trip (spectral's VMLA).  STEP
 * leaves the sum in %xmm0 or %xmm1 (OUT); ADDSD's p + d is d + p bit for
 * bit (IEEE addition commutes, signed zeros included; NaNs go to the
 * helper).  p is checked after the sum is computed: nothing is written
 * before both checks pass. */
#define MAC_ADD(sz) "add" sz " %4, %%xmm0", "xmm0"                 /* p + d */
#define MAC_SUB(sz) "mov" sz " %4, %%xmm1\n\tsub" sz " %%xmm0, %%xmm1", "xmm1" /* d - p */
#define MAC_RSUB(sz) "sub" sz " %4, %%xmm0", "xmm0"                /* p - d */
#define MAC_ASM(ld, mul, mov, step, out, p, r, a, b, d)                   \
    __asm__(ld " %2, %%xmm0\n\t" mul " %3, %%xmm0\n\t" mov " %%xmm0, %0\n\t" \
            step "\n\t" mov " %%" out ", %1"                              \
            : "=&r"(p), "=r"(r) : "m"(a), "m"(b), "m"(d))
#define MAC_ASM_(...) MAC_ASM(__VA_ARGS__)
#define VFP_FAST_MAC(name, step, neg, vop)                                  \
    void op_simd_vfp_##name##d(void)                                        \
    {                                                                       \
        uint64_t p, r;                                                      \
        VFP_SLOW_IF(!VFP_FAST_MODE(env->fpscr), (vop) | VFP_DP);            \
        MAC_ASM_("movsd", "mulsd", "movq", step("sd"), p, r, env->vfp.d[PARAM2], \
                 env->vfp.d[PARAM3], env->vfp.d[PARAM1]);                   \
        if (__builtin_expect(!DP_PLAIN(p), 0) &&                            \
            !exact_zero_d(VFP_MUL, p, env->vfp.d[PARAM2], env->vfp.d[PARAM3])) \
            VFP_SLOW((vop) | VFP_DP);                                       \
        if (__builtin_expect(!DP_PLAIN(r), 0) && (neg || !exact_zero_d(VFP_ADD, r, 0, 0))) \
            VFP_SLOW((vop) | VFP_DP);                                       \
        env->vfp.d[PARAM1] = r ^ ((uint64_t)(neg) << 63);                   \
        NEXT();                                                             \
    }                                                                       \
    void op_simd_vfp_##name##s(void)                                        \
    {                                                                       \
        uint32_t p, r;                                                      \
        VFP_SLOW_IF(!VFP_FAST_MODE(env->fpscr), vop);                       \
        MAC_ASM_("movss", "mulss", "movd", step("ss"), p, r, env->vfp.s[PARAM2], \
                 env->vfp.s[PARAM3], env->vfp.s[PARAM1]);                   \
        if (__builtin_expect(!SP_PLAIN(p), 0) &&                            \
            !exact_zero_s(VFP_MUL, p, env->vfp.s[PARAM2], env->vfp.s[PARAM3])) \
            VFP_SLOW(vop);                                                  \
        if (__builtin_expect(!SP_PLAIN(r), 0) && (neg || !exact_zero_s(VFP_ADD, r, 0, 0))) \
            VFP_SLOW(vop);                                                  \
        env->vfp.s[PARAM1] = r ^ ((uint32_t)(neg) << 31);                   \
        NEXT();                                                             \
    }
VFP_FAST_MAC(mla, MAC_ADD, 0, VFP_MLA)
VFP_FAST_MAC(mls, MAC_SUB, 0, VFP_MLS)
VFP_FAST_MAC(nmla, MAC_ADD, 1, VFP_NMLA)
VFP_FAST_MAC(nmls, MAC_RSUB, 0, VFP_NMLS)

/* VSQRT: the root of a positive finite number is normal; a negative one
 * gives a NaN, zero a zero: both to the helper.  PARAM2 is unused (the
 * helper's n). */
VFP_FAST_OP(sqrtd, uint64_t, d, VFP_SQRT | VFP_DP,
            SSE_D("sqrtsd", r, env->vfp.d[PARAM3], env->vfp.d[PARAM3]),
            DP_PLAIN(r), 0, r)
VFP_FAST_OP(sqrts, uint32_t, s, VFP_SQRT,
            SSE_S("sqrtss", r, env->vfp.s[PARAM3], env->vfp.s[PARAM3]),
            SP_PLAIN(r), 0, r)

/*
 * The scalar conversions CVTSI2SD, CVTSS2SD and CVTSD2SS write only the
 * low element of %xmm0 and keep the rest, so they wait for the last
 * instruction that wrote %xmm0 -- in a loop, the previous iteration's
 * arithmetic (Intel's optimization manual: "false dependency" of the
 * partial register write).  spectral's int -> double conversion thus
 * chained every VDIV to the previous iteration's VMLA.  XORPS of a
 * register with itself is a dependency-breaking zero idiom.
 */
#define BREAK_XMM0 "xorps %%xmm0, %%xmm0\n\t"

/* VCVT.F64.F32 Dd, Sm: widening is exact; only a NaN (quietened by the
 * ARM rule, FPConvert) or a zero (the exponent check's other end) goes to
 * the helper.  VCVT.F32.F64 Sd, Dm rounds once, as CVTSD2SS. */
VFP_FAST_OP(cvt_ds, uint64_t, d, VFP_CVT_FD,
            __asm__(BREAK_XMM0 "cvtss2sd %1, %%xmm0\n\tmovq %%xmm0, %0"
                    : "=r"(r) : "m"(env->vfp.s[PARAM3])),
            DP_PLAIN(r), 0, r)
VFP_FAST_OP(cvt_sd, uint32_t, s, VFP_CVT_FD | VFP_DP,
            __asm__(BREAK_XMM0 "cvtsd2ss %1, %%xmm0\n\tmovd %%xmm0, %0"
                    : "=r"(r) : "m"(env->vfp.d[PARAM3])),
            SP_PLAIN(r), 0, r)

/* VCVT.F<sz>.S32 / .U32 Vd, Sm (FixedToFP, A8.8.306): to a double exact,
 * to a single rounded to nearest; 0 gives +0, which the exponent check
 * sends to the helper.  The unsigned form converts the zero-extended
 * value with the 64-bit CVTSI2SD. */
#define VFP_FAST_ITOF(name, vop, ext)                                       \
    VFP_FAST_OP(name##d, uint64_t, d, (vop) | VFP_DP,                       \
                __asm__(BREAK_XMM0 "cvtsi2sdq %1, %%xmm0\n\tmovq %%xmm0, %0" \
                        : "=r"(r) : "r"((int64_t)(ext)env->vfp.s[PARAM3])), \
                DP_PLAIN(r), 0, r)                                          \
    VFP_FAST_OP(name##s, uint32_t, s, vop,                                  \
                __asm__(BREAK_XMM0 "cvtsi2ssq %1, %%xmm0\n\tmovd %%xmm0, %0" \
                        : "=r"(r) : "r"((int64_t)(ext)env->vfp.s[PARAM3])), \
                SP_PLAIN(r), 0, r)
VFP_FAST_ITOF(sito, VFP_SITO, int32_t)
VFP_FAST_ITOF(uito, VFP_UITO, uint32_t)

/* VCVT.S32.F<sz> / .U32 Sd, Vm toward zero (FPToFixed with round to
 * zero, the C cast): CVTTSD2SI's 64-bit form truncates every finite
 * value that fits; a result outside the 32-bit range (a NaN and an
 * infinity give 0x8000000000000000) saturates with Invalid on ARM: the
 * helper.  A result in range raised at most Inexact (IXC already set).
 * Only round-toward-zero: the VCVTR forms are rare and use the helper. */
#define VFP_FAST_FTOI(name, vop, lo, hi)                                    \
    VFP_FAST_OP(name##d, int64_t, s, (vop) | VFP_RZ | VFP_DP,               \
                __asm__("cvttsd2si %1, %0"                                  \
                        : "=r"(r) : "m"(env->vfp.d[PARAM3])),               \
                r >= (lo) && r <= (hi), 0, (uint32_t)r)                     \
    VFP_FAST_OP(name##s, int64_t, s, (vop) | VFP_RZ,                        \
                __asm__("cvttss2si %1, %0"                                  \
                        : "=r"(r) : "m"(env->vfp.s[PARAM3])),               \
                r >= (lo) && r <= (hi), 0, (uint32_t)r)
VFP_FAST_FTOI(tosiz, VFP_TOSI, INT32_MIN, INT32_MAX)
VFP_FAST_FTOI(touiz, VFP_TOUI, 0, (int64_t)UINT32_MAX)

/*
 * VCMP{E} Vd, Vm and VCMP{E} Vd, #0 (FPCompare, A8.8.312): ordered
 * operands compare as UCOMISD/UCOMISS does and raise nothing, so
 * FPSCR.NZCV is set inline (0110 equal, 1000 less, 0010 greater).  An
 * unordered pair (a NaN: Invalid for a signalling one, or for any NaN
 * under VCMPE) and FZ (a denormal operand compares as zero, IDC) are the
 * helper's.  Rounding mode, DN and IXC do not matter to a compare.
 * PARAM1 = d, PARAM3 = m (unused by the #0 forms).
 */
#define VFP_CMP_NZCV(lt, eq) ((lt) ? 0x8u : (eq) ? 0x6u : 0x2u)
#define VFP_FAST_CMP(name, vop, ld, cmp, src2, reg)                         \
    void op_simd_vfp_##name(void)                                           \
    {                                                                       \
        uint8_t un, eq, lt;                                                 \
        VFP_SLOW_IF(env->fpscr & FPSCR_FZ, vop);                            \
        __asm__(ld " %3, %%xmm0\n\t" src2 cmp " %%xmm1, %%xmm0"            \
                : "=@ccp"(un), "=@ccz"(eq), "=@ccc"(lt)                     \
                : "m"(env->vfp.reg[PARAM1]), "m"(env->vfp.reg[PARAM3]));    \
        VFP_SLOW_IF(un, vop);                                               \
        env->fpscr = (env->fpscr & 0x0fffffffu) | VFP_CMP_NZCV(lt, eq) << 28; \
        NEXT();                                                             \
    }
#define CMP_REG_D "movsd %4, %%xmm1\n\t"
#define CMP_REG_S "movss %4, %%xmm1\n\t"
#define CMP_ZERO "xorps %%xmm1, %%xmm1\n\t"
VFP_FAST_CMP(cmpd, VFP_CMP | VFP_DP, "movsd", "ucomisd", CMP_REG_D, d)
VFP_FAST_CMP(cmped, VFP_CMPE | VFP_DP, "movsd", "ucomisd", CMP_REG_D, d)
VFP_FAST_CMP(cmpzd, VFP_CMPZ | VFP_DP, "movsd", "ucomisd", CMP_ZERO, d)
VFP_FAST_CMP(cmpezd, VFP_CMPEZ | VFP_DP, "movsd", "ucomisd", CMP_ZERO, d)
VFP_FAST_CMP(cmps, VFP_CMP, "movss", "ucomiss", CMP_REG_S, s)
VFP_FAST_CMP(cmpes, VFP_CMPE, "movss", "ucomiss", CMP_REG_S, s)
VFP_FAST_CMP(cmpzs, VFP_CMPZ, "movss", "ucomiss", CMP_ZERO, s)
VFP_FAST_CMP(cmpezs, VFP_CMPEZ, "movss", "ucomiss", CMP_ZERO, s)
