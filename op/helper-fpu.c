/*
 * x87 FPU helpers (Intel SDM vol. 1, chapter 8; vol. 2 for each
 * instruction).
 *
 * The guest's eight data registers are kept as 80-bit values in
 * env->fpregs, the stack top in env->fpstt, the tags as "in use" flags.
 * Each helper copies its operands to the host's own x87 stack, runs the
 * very instruction the guest asked for with the guest's control word
 * loaded (precision and rounding control; exceptions always masked on the
 * host) and copies the result and the status flags back.  The host is an
 * x87 of the same format, so results, the C1 rounding indication, the
 * exception flags and the condition codes are the hardware's own, bit for
 * bit: there is no software floating point here.
 *
 * What stays in C is the stack discipline: TOP, the tags, stack overflow
 * and underflow (SDM vol. 1, 8.5.1.1), and the state images of FNSTENV,
 * FNSAVE and FXSAVE.  The guest's unmasked exceptions are recorded in the
 * status word (ES and B set) but never trap: stitch does not deliver x87
 * #MF.  The last-instruction pointers (FIP, FDP, FOP) are stored as 0.
 *
 * Helpers access guest memory directly; a fault there is recovered like a
 * fault in generated code (exec/cpu-exec.c), and every helper reads its
 * memory operand before it changes any state, so a faulting instruction
 * has no effect.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cc-op.h"
#include "helper-fpu.h"

/* Status word bits (SDM vol. 1, 8.1.3). */
#define FPUS_IE 0x0001
#define FPUS_EXC 0x003f   /* IE DE ZE OE UE PE */
#define FPUS_SF 0x0040
#define FPUS_ES 0x0080
#define FPUS_C0 0x0100
#define FPUS_C1 0x0200
#define FPUS_C2 0x0400
#define FPUS_TOP 0x3800
#define FPUS_C3 0x4000
#define FPUS_B 0x8000
#define FPUS_CC (FPUS_C0 | FPUS_C1 | FPUS_C2 | FPUS_C3)

/* The control word stitch itself runs with (Linux's default). */
static const uint16_t host_cw = FPUC_RESET;

/* The QNaN floating-point indefinite (SDM vol. 1, table 4-3). */
static const FPReg indefinite = {.x = {0xc000000000000000ull, 0xffff}};

static inline uint16_t guest_cw(const CPUState *env)
{
    return env->fpuc_x ^ FPUC_RESET;
}

static inline FPReg *guest_mem(uint32_t addr)
{
    return (FPReg *)g2h(addr);
}

/*
 * Run `body` on the host x87 with the guest's control word and all
 * exceptions masked, then put the host control word back.  The body finds
 * its operands through the pointer registers %[a] (written) and %[b]
 * (read), must store the status word it wants reported with
 * `fnstsw %[sw]`, and must leave the host stack empty.
 */
#define X87_RUN(env, body, pa, pb)                                          \
    ({                                                                      \
        uint16_t cw_ = guest_cw(env) | FPUS_EXC, sw_;                       \
        __asm__ __volatile__("fldcw %[cw]\n\tfnclex\n\t" body               \
                             "\n\tfldcw %[hcw]"                             \
                             : [sw] "=m"(sw_)                               \
                             : [a] "r"(pa), [b] "r"(pb), [cw] "m"(cw_),     \
                               [hcw] "m"(host_cw)                           \
                             : "memory");                                   \
        sw_;                                                                \
    })

/* ---- the register stack ---- */

static inline int phys(const CPUState *env, uint32_t i)
{
    return (env->fpstt + i) & 7;
}

static inline FPReg *st(CPUState *env, uint32_t i)
{
    return &env->fpregs[phys(env, i)];
}

static inline int empty(const CPUState *env, uint32_t i)
{
    return !env->fptag_used[phys(env, i)];
}

/* Merge what the host reported: the sticky exception flags, and the
 * condition-code bits in `cc` (those the instruction defines). */
static void set_status(CPUState *env, uint16_t sw, uint16_t cc)
{
    env->fpus = (env->fpus & ~cc) | (sw & cc) | (sw & FPUS_EXC);
}

/* Stack overflow or underflow (SDM vol. 1, 8.5.1.1): IE and SF, C1 tells
 * which.  The guest's IE is masked in all code stitch supports, so the
 * destination then receives the indefinite. */
static void stack_fault(CPUState *env, int overflow)
{
    env->fpus = (env->fpus & ~FPUS_C1) | FPUS_IE | FPUS_SF |
                (overflow ? FPUS_C1 : 0);
}

/* Push `v` (SDM FLD): on overflow the indefinite is pushed instead. */
static void push(CPUState *env, const FPReg *v)
{
    int r = (env->fpstt - 1) & 7;

    env->fpstt = r;
    if (env->fptag_used[r]) {
        stack_fault(env, 1);
        v = &indefinite;
    }
    env->fpregs[r] = *v;
    env->fptag_used[r] = 1;
}

void helper_fpop(CPUState *env)
{
    env->fptag_used[env->fpstt] = 0;
    env->fpstt = (env->fpstt + 1) & 7;
}

/* ST(i) as a source: an empty register is a stack underflow and reads as
 * the indefinite. */
static const FPReg *src(CPUState *env, uint32_t i)
{
    if (empty(env, i)) {
        stack_fault(env, 0);
        return &indefinite;
    }
    return st(env, i);
}

static void set_st(CPUState *env, uint32_t i, const FPReg *v)
{
    *st(env, i) = *v;
    env->fptag_used[phys(env, i)] = 1;
}

/* ---- loads: the value is converted first, then pushed ---- */

#define X87_LOAD(name, insn)                                                \
    void helper_##name(CPUState *env, uint32_t addr)                        \
    {                                                                       \
        FPReg v;                                                            \
        uint16_t sw = X87_RUN(env, insn " (%[b])\n\tfnstsw %[sw]\n\t"       \
                                   "fstpt (%[a])", &v, guest_mem(addr));    \
        set_status(env, sw, FPUS_C1);                                       \
        push(env, &v);                                                      \
    }
X87_LOAD(flds, "flds")
X87_LOAD(fldl, "fldl")
X87_LOAD(fldt, "fldt")
X87_LOAD(filds, "filds")
X87_LOAD(fildl, "fildl")
X87_LOAD(fildll, "fildll")
X87_LOAD(fbld, "fbld")

/* Constants (SDM FLD1/FLDL2T/...): rounded by the guest's RC, as the
 * hardware does since the 80387. */
#define X87_CONST(name)                                                     \
    void helper_##name(CPUState *env)                                       \
    {                                                                       \
        FPReg v;                                                            \
        uint16_t sw = X87_RUN(env, #name "\n\tfnstsw %[sw]\n\t"             \
                                   "fstpt (%[a])", &v, &v);                 \
        set_status(env, sw, FPUS_C1);                                       \
        push(env, &v);                                                      \
    }
X87_CONST(fld1)
X87_CONST(fldl2t)
X87_CONST(fldl2e)
X87_CONST(fldpi)
X87_CONST(fldlg2)
X87_CONST(fldln2)
X87_CONST(fldz)

/* ---- stores of ST(0) to memory (the translator pops for FSTP) ---- */

#define X87_STORE(name, insn)                                               \
    void helper_##name(CPUState *env, uint32_t addr)                        \
    {                                                                       \
        uint16_t sw = X87_RUN(env, "fldt (%[b])\n\t" insn " (%[a])\n\t"     \
                                   "fnstsw %[sw]", guest_mem(addr),         \
                              src(env, 0));                                 \
        set_status(env, sw, FPUS_C1);                                       \
    }
X87_STORE(fsts, "fstps")
X87_STORE(fstl, "fstpl")
X87_STORE(fstt, "fstpt")
X87_STORE(fists, "fistps")
X87_STORE(fistl, "fistpl")
X87_STORE(fistll, "fistpll")
X87_STORE(fisttps, "fisttps")
X87_STORE(fisttpl, "fisttpl")
X87_STORE(fisttpll, "fisttpll")
X87_STORE(fbstp, "fbstp")

/* ---- arithmetic ---- */

/* ST(0) op= memory operand (D8, DC: m32fp, m64fp; DE, DA: m16int,
 * m32int).  An empty ST(0) gets the indefinite. */
#define X87_MEM_OP(name, insn)                                              \
    void helper_##name(CPUState *env, uint32_t addr)                        \
    {                                                                       \
        FPReg v;                                                            \
        uint16_t sw;                                                        \
        if (empty(env, 0)) {                                                \
            stack_fault(env, 0);                                            \
            set_st(env, 0, &indefinite);                                    \
            return;                                                         \
        }                                                                   \
        v = *st(env, 0);                                                    \
        sw = X87_RUN(env, "fldt (%[a])\n\t" insn " (%[b])\n\t"              \
                          "fnstsw %[sw]\n\tfstpt (%[a])", &v,               \
                     guest_mem(addr));                                      \
        set_status(env, sw, FPUS_C1);                                       \
        *st(env, 0) = v;                                                    \
    }
/* The integer forms are FIADD, FISUB ... on m16int (s) and m32int (l). */
X87_MEM_OP(fadd_s, "fadds")
X87_MEM_OP(fadd_l, "faddl")
X87_MEM_OP(fadd_is, "fiadds")
X87_MEM_OP(fadd_il, "fiaddl")
X87_MEM_OP(fmul_s, "fmuls")
X87_MEM_OP(fmul_l, "fmull")
X87_MEM_OP(fmul_is, "fimuls")
X87_MEM_OP(fmul_il, "fimull")
X87_MEM_OP(fsub_s, "fsubs")
X87_MEM_OP(fsub_l, "fsubl")
X87_MEM_OP(fsub_is, "fisubs")
X87_MEM_OP(fsub_il, "fisubl")
X87_MEM_OP(fsubr_s, "fsubrs")
X87_MEM_OP(fsubr_l, "fsubrl")
X87_MEM_OP(fsubr_is, "fisubrs")
X87_MEM_OP(fsubr_il, "fisubrl")
X87_MEM_OP(fdiv_s, "fdivs")
X87_MEM_OP(fdiv_l, "fdivl")
X87_MEM_OP(fdiv_is, "fidivs")
X87_MEM_OP(fdiv_il, "fidivl")
X87_MEM_OP(fdivr_s, "fdivrs")
X87_MEM_OP(fdivr_l, "fdivrl")
X87_MEM_OP(fdivr_is, "fidivrs")
X87_MEM_OP(fdivr_il, "fidivrl")

/* FCOM m32fp/m64fp, FICOM m16int/m32int: C0 C2 C3 from the comparison,
 * C1 = 0; an empty ST(0) is unordered (SDM FCOM, FICOM). */
#define X87_MEM_COM(name, insn)                                             \
    void helper_##name(CPUState *env, uint32_t addr)                        \
    {                                                                       \
        uint16_t sw;                                                        \
        if (empty(env, 0)) {                                                \
            stack_fault(env, 0);                                            \
            env->fpus |= FPUS_C0 | FPUS_C2 | FPUS_C3;                       \
            return;                                                         \
        }                                                                   \
        sw = X87_RUN(env, "fldt (%[a])\n\t" insn " (%[b])\n\t"              \
                          "fnstsw %[sw]\n\tfstp %%st(0)", st(env, 0),       \
                     guest_mem(addr));                                      \
        set_status(env, sw & ~FPUS_C1, FPUS_CC);                            \
    }
X87_MEM_COM(fcom_s, "fcomps")
X87_MEM_COM(fcom_l, "fcompl")
X87_MEM_COM(fcom_is, "ficomps")
X87_MEM_COM(fcom_il, "ficompl")

/* ST(d) := ST(d) op ST(s).  The host computes st(0) op st(1) with st(0) =
 * ST(d), st(1) = ST(s): AT&T `fsub %st(1),%st` is st(0) - st(1). */
#define X87_REG_OP(name, insn)                                              \
    void helper_##name(CPUState *env, uint32_t d, uint32_t s)               \
    {                                                                       \
        FPReg v;                                                            \
        uint16_t sw;                                                        \
        if (empty(env, d) || empty(env, s)) {                               \
            stack_fault(env, 0);                                            \
            set_st(env, d, &indefinite);                                    \
            return;                                                         \
        }                                                                   \
        v = *st(env, d);                                                    \
        sw = X87_RUN(env, "fldt (%[b])\n\tfldt (%[a])\n\t" insn             \
                          " %%st(1), %%st\n\tfnstsw %[sw]\n\t"              \
                          "fstpt (%[a])\n\tfstp %%st(0)", &v, st(env, s));  \
        set_status(env, sw, FPUS_C1);                                       \
        *st(env, d) = v;                                                    \
    }
X87_REG_OP(fadd, "fadd")
X87_REG_OP(fmul, "fmul")
X87_REG_OP(fsub, "fsub")
X87_REG_OP(fsubr, "fsubr")
X87_REG_OP(fdiv, "fdiv")
X87_REG_OP(fdivr, "fdivr")

/* Compare ST(0) with ST(i); `unordered_ok` selects FUCOM (no IE for a
 * QNaN).  Returns C0 C2 C3 as they would be set. */
static uint16_t compare(CPUState *env, uint32_t i, int unordered_ok)
{
    uint16_t sw;

    if (empty(env, 0) || empty(env, i)) {
        stack_fault(env, 0);
        return FPUS_C0 | FPUS_C2 | FPUS_C3;
    }
    if (unordered_ok)
        sw = X87_RUN(env, "fldt (%[b])\n\tfldt (%[a])\n\tfucompp\n\t"
                          "fnstsw %[sw]", st(env, 0), st(env, i));
    else
        sw = X87_RUN(env, "fldt (%[b])\n\tfldt (%[a])\n\tfcompp\n\t"
                          "fnstsw %[sw]", st(env, 0), st(env, i));
    env->fpus = (env->fpus & ~FPUS_C1) | (sw & FPUS_EXC);
    return sw & (FPUS_C0 | FPUS_C2 | FPUS_C3);
}

/* FCOM/FUCOM ST(i) (the translator pops for the P forms). */
void helper_fcom(CPUState *env, uint32_t i)
{
    uint16_t cc = compare(env, i, 0);

    env->fpus = (env->fpus & ~(FPUS_C0 | FPUS_C2 | FPUS_C3)) | cc;
}

void helper_fucom(CPUState *env, uint32_t i)
{
    uint16_t cc = compare(env, i, 1);

    env->fpus = (env->fpus & ~(FPUS_C0 | FPUS_C2 | FPUS_C3)) | cc;
}

/* FCOMI/FUCOMI (SDM): ZF PF CF := C3 C2 C0 of the comparison, OF SF AF
 * cleared; the FPU condition codes other than C1 are unchanged. */
static void set_eflags_from_cc(CPUState *env, uint16_t cc)
{
    env->cc_src = (cc & FPUS_C3 ? CC_Z : 0) | (cc & FPUS_C2 ? CC_P : 0) |
                  (cc & FPUS_C0 ? CC_C : 0);
    env->cc_op = CC_OP_EFLAGS;
}

void helper_fcomi(CPUState *env, uint32_t i)
{
    set_eflags_from_cc(env, compare(env, i, 0));
}

void helper_fucomi(CPUState *env, uint32_t i)
{
    set_eflags_from_cc(env, compare(env, i, 1));
}

/* ---- register moves ---- */

/* FLD ST(i): read before the push moves the stack. */
void helper_fld_st(CPUState *env, uint32_t i)
{
    FPReg v;

    env->fpus &= ~FPUS_C1;
    v = *src(env, i);
    push(env, &v);
}

/* FST ST(i) */
void helper_fst_st(CPUState *env, uint32_t i)
{
    FPReg v = *src(env, 0);

    set_st(env, i, &v);
}

/* FXCH ST(i): empty operands are replaced by the indefinite (SDM FXCH). */
void helper_fxch(CPUState *env, uint32_t i)
{
    FPReg a, b;

    env->fpus &= ~FPUS_C1;
    a = *src(env, 0);
    b = *src(env, i);
    set_st(env, 0, &b);
    set_st(env, i, &a);
}

void helper_ffree(CPUState *env, uint32_t i)
{
    env->fptag_used[phys(env, i)] = 0;
}

/* FCMOVcc, condition true: ST(0) := ST(i). */
void helper_fcmov(CPUState *env, uint32_t i)
{
    FPReg v = *src(env, i);

    set_st(env, 0, &v);
}

void helper_fdecstp(CPUState *env)
{
    env->fpstt = (env->fpstt - 1) & 7;
    env->fpus &= ~FPUS_C1;
}

void helper_fincstp(CPUState *env)
{
    env->fpstt = (env->fpstt + 1) & 7;
    env->fpus &= ~FPUS_C1;
}

/* ---- one-operand instructions on ST(0) ---- */

/* ST(0) := insn ST(0); `cc` names the condition codes it defines. */
#define X87_UNARY(name, insn, cc)                                           \
    void helper_##name(CPUState *env)                                       \
    {                                                                       \
        FPReg v;                                                            \
        uint16_t sw;                                                        \
        if (empty(env, 0)) {                                                \
            stack_fault(env, 0);                                            \
            set_st(env, 0, &indefinite);                                    \
            return;                                                         \
        }                                                                   \
        v = *st(env, 0);                                                    \
        sw = X87_RUN(env, "fldt (%[a])\n\t" insn "\n\tfnstsw %[sw]\n\t"     \
                          "fstpt (%[a])", &v, &v);                          \
        set_status(env, sw, cc);                                            \
        *st(env, 0) = v;                                                    \
    }
X87_UNARY(fchs, "fchs", FPUS_C1)
X87_UNARY(fabs, "fabs", FPUS_C1)
X87_UNARY(fsqrt, "fsqrt", FPUS_C1)
X87_UNARY(frndint, "frndint", FPUS_C1)
X87_UNARY(f2xm1, "f2xm1", FPUS_C1)
/* C2 = 1: the operand is out of range (|x| >= 2^63) and left as is. */
X87_UNARY(fsin, "fsin", FPUS_C1 | FPUS_C2)
X87_UNARY(fcos, "fcos", FPUS_C1 | FPUS_C2)

/* FTST: compare ST(0) with 0.0; FXAM: classify it (SDM FXAM table). */
void helper_ftst(CPUState *env)
{
    uint16_t sw;

    if (empty(env, 0)) {
        stack_fault(env, 0);
        env->fpus |= FPUS_C0 | FPUS_C2 | FPUS_C3;
        return;
    }
    sw = X87_RUN(env, "fldt (%[a])\n\tftst\n\tfnstsw %[sw]\n\t"
                      "fstp %%st(0)", st(env, 0), st(env, 0));
    set_status(env, sw & ~FPUS_C1, FPUS_CC);
}

void helper_fxam(CPUState *env)
{
    uint16_t sw;

    if (empty(env, 0)) {
        /* Empty: C3 = 1, C0 = 1; C1 is the sign bit left in the register. */
        env->fpus = (env->fpus & ~FPUS_CC) | FPUS_C3 | FPUS_C0 |
                    (st(env, 0)->x.sexp & 0x8000 ? FPUS_C1 : 0);
        return;
    }
    sw = X87_RUN(env, "fldt (%[a])\n\tfxam\n\tfnstsw %[sw]\n\t"
                      "fstp %%st(0)", st(env, 0), st(env, 0));
    set_status(env, sw, FPUS_CC);
}

/* ---- instructions on ST(0) and ST(1) ---- */

/* FPREM, FPREM1, FSCALE: ST(0) := f(ST(0), ST(1)), ST(1) unchanged. */
#define X87_BINARY01(name, insn, cc)                                        \
    void helper_##name(CPUState *env)                                       \
    {                                                                       \
        FPReg v;                                                            \
        uint16_t sw;                                                        \
        if (empty(env, 0) || empty(env, 1)) {                               \
            stack_fault(env, 0);                                            \
            set_st(env, 0, &indefinite);                                    \
            return;                                                         \
        }                                                                   \
        v = *st(env, 0);                                                    \
        sw = X87_RUN(env, "fldt (%[b])\n\tfldt (%[a])\n\t" insn "\n\t"      \
                          "fnstsw %[sw]\n\tfstpt (%[a])\n\tfstp %%st(0)",   \
                     &v, st(env, 1));                                       \
        set_status(env, sw, cc);                                            \
        *st(env, 0) = v;                                                    \
    }
/* C2 = 1: partial remainder, run again; C0 C3 C1 = quotient bits 2 1 0. */
X87_BINARY01(fprem, "fprem", FPUS_CC)
X87_BINARY01(fprem1, "fprem1", FPUS_CC)
X87_BINARY01(fscale, "fscale", FPUS_C1)

/* FYL2X, FPATAN, FYL2XP1: ST(1) := f(ST(1), ST(0)), then pop. */
#define X87_BINARY_POP(name, insn)                                          \
    void helper_##name(CPUState *env)                                       \
    {                                                                       \
        FPReg v;                                                            \
        uint16_t sw;                                                        \
        if (empty(env, 0) || empty(env, 1)) {                               \
            stack_fault(env, 0);                                            \
            set_st(env, 1, &indefinite);                                    \
            helper_fpop(env);                                               \
            return;                                                         \
        }                                                                   \
        v = *st(env, 1);                                                    \
        sw = X87_RUN(env, "fldt (%[a])\n\tfldt (%[b])\n\t" insn "\n\t"      \
                          "fnstsw %[sw]\n\tfstpt (%[a])", &v, st(env, 0));  \
        set_status(env, sw, FPUS_C1);                                       \
        *st(env, 1) = v;                                                    \
        helper_fpop(env);                                                   \
    }
X87_BINARY_POP(fyl2x, "fyl2x")
X87_BINARY_POP(fpatan, "fpatan")
X87_BINARY_POP(fyl2xp1, "fyl2xp1")

/*
 * FPTAN, FSINCOS, FXTRACT: ST(0) := first result, then push the second.
 * The host leaves them as st(1), st(0); both are stored (for FPTAN and
 * FSINCOS out of range, C2 = 1, only one value is there: the second store
 * then underflows on the host, harmlessly, after the status was taken).
 */
#define X87_SPLIT(name, insn, cc, c2_skips)                                 \
    void helper_##name(CPUState *env)                                       \
    {                                                                       \
        FPReg v[2];                                                         \
        uint16_t sw;                                                        \
        if (empty(env, 0)) {                                                \
            stack_fault(env, 0);                                            \
            set_st(env, 0, &indefinite);                                    \
            push(env, &indefinite);                                         \
            return;                                                         \
        }                                                                   \
        v[0] = *st(env, 0);                                                 \
        sw = X87_RUN(env, "fldt (%[a])\n\t" insn "\n\tfnstsw %[sw]\n\t"     \
                          "fstpt (%[a])\n\tfstpt 16(%[a])", v, v);          \
        set_status(env, sw, cc);                                            \
        if (c2_skips && (sw & FPUS_C2))                                     \
            return;                                                         \
        *st(env, 0) = v[1];                                                 \
        push(env, &v[0]);                                                   \
    }
X87_SPLIT(fptan, "fptan", FPUS_C1 | FPUS_C2, 1)
X87_SPLIT(fsincos, "fsincos", FPUS_C1 | FPUS_C2, 1)
X87_SPLIT(fxtract, "fxtract", FPUS_C1, 0)

/* ---- control ---- */

void helper_fnclex(CPUState *env)
{
    env->fpus &= ~(FPUS_EXC | FPUS_SF | FPUS_ES | FPUS_B);
}

/* FNINIT: the reset state, which is all zeros in CPUState (cpu.h). */
void helper_fninit(CPUState *env)
{
    env->fpuc_x = 0;
    env->fpus = 0;
    env->fpstt = 0;
    memset(env->fptag_used, 0, sizeof(env->fptag_used));
}

/* EMMS: every tag empty (SDM EMMS). */
void helper_emms(CPUState *env)
{
    memset(env->fptag_used, 0, sizeof(env->fptag_used));
}

/* FNSTSW: TOP goes into bits 11-13; ES and B say an unmasked exception is
 * pending. */
uint32_t helper_fnstsw(CPUState *env)
{
    uint16_t sw = (env->fpus & ~(FPUS_TOP | FPUS_ES | FPUS_B)) |
                  (uint16_t)(env->fpstt << 11);

    if (env->fpus & ~guest_cw(env) & FPUS_EXC)
        sw |= FPUS_ES | FPUS_B;
    return sw;
}

uint32_t helper_fnstcw(CPUState *env)
{
    return guest_cw(env);
}

/* FLDCW: the host normalises the reserved bits exactly as the guest's CPU
 * (it is the same CPU). */
void helper_fldcw(CPUState *env, uint32_t cw)
{
    uint16_t in = (uint16_t)cw, out;

    __asm__ __volatile__("fldcw %1\n\tfnstcw %0\n\tfldcw %2"
                         : "=m"(out)
                         : "m"(in), "m"(host_cw));
    env->fpuc_x = out ^ FPUC_RESET;
}

/* ---- state images (SDM vol. 1, 8.1.10 and 10.5.1) ---- */

/* The 2-bit tag of physical register r (SDM vol. 1, figure 8-7): valid,
 * zero, special (NaN, infinity, denormal, unsupported) or empty. */
static unsigned full_tag(const CPUState *env, int r)
{
    const FPReg *v = &env->fpregs[r];
    unsigned exp = v->x.sexp & 0x7fff;

    if (!env->fptag_used[r])
        return 3;
    if (exp == 0x7fff)
        return 2;
    if (exp == 0)
        return v->x.mant == 0 ? 1 : 2;
    return v->x.mant >> 63 ? 0 : 2;
}

static uint16_t tag_word(const CPUState *env)
{
    uint16_t tw = 0;

    for (int r = 0; r < 8; r++)
        tw |= (uint16_t)(full_tag(env, r) << (2 * r));
    return tw;
}

static void put16(uint32_t addr, uint16_t v) { memcpy(g2h(addr), &v, 2); }
static void put32(uint32_t addr, uint32_t v) { memcpy(g2h(addr), &v, 4); }
static uint16_t get16(uint32_t addr)
{
    uint16_t v;

    memcpy(&v, g2h(addr), 2);
    return v;
}
static uint32_t get32(uint32_t addr)
{
    uint32_t v;

    memcpy(&v, g2h(addr), 4);
    return v;
}

/* The environment (SDM vol. 1, figures 8-9 and 8-10, protected mode):
 * 28 bytes in 32-bit form, 14 in 16-bit form.  Instruction and operand
 * pointers are stored as 0.  Returns its size. */
static uint32_t store_env(CPUState *env, uint32_t addr, uint32_t data32)
{
    uint16_t words[3] = {guest_cw(env), (uint16_t)helper_fnstsw(env),
                         tag_word(env)};

    if (data32) {
        for (int i = 0; i < 3; i++)
            put32(addr + 4 * i, 0xffff0000u | words[i]);
        for (int i = 3; i < 7; i++)
            put32(addr + 4 * i, 0);
        return 28;
    }
    for (int i = 0; i < 3; i++)
        put16(addr + 2 * i, words[i]);
    for (int i = 3; i < 7; i++)
        put16(addr + 2 * i, 0);
    return 14;
}

static uint32_t load_env(CPUState *env, uint32_t addr, uint32_t data32)
{
    uint32_t step = data32 ? 4 : 2;
    uint16_t cw = get16(addr), sw = get16(addr + step);
    uint16_t tw = get16(addr + 2 * step);

    helper_fldcw(env, cw);
    env->fpstt = (sw >> 11) & 7;
    env->fpus = sw & ~FPUS_TOP;
    for (int r = 0; r < 8; r++)
        env->fptag_used[r] = ((tw >> (2 * r)) & 3) != 3;
    return data32 ? 28 : 14;
}

/* FNSTENV also masks every exception (SDM FSTENV). */
void helper_fnstenv(CPUState *env, uint32_t addr, uint32_t data32)
{
    (void)get32(addr + (data32 ? 24 : 12)); /* fault before any store */
    store_env(env, addr, data32);
    env->fpuc_x = (guest_cw(env) | FPUS_EXC) ^ FPUC_RESET;
}

void helper_fldenv(CPUState *env, uint32_t addr, uint32_t data32)
{
    (void)get16(addr + (data32 ? 24 : 12));
    load_env(env, addr, data32);
}

/* FNSAVE: the environment, then ST(0)..ST(7) as 10-byte values; then
 * FNINIT (SDM FSAVE). */
void helper_fnsave(CPUState *env, uint32_t addr, uint32_t data32)
{
    uint32_t p;

    (void)get16(addr + (data32 ? 107 : 93));
    p = addr + store_env(env, addr, data32);
    for (int i = 0; i < 8; i++)
        memcpy(g2h(p + 10 * i), st(env, i), 10);
    helper_fninit(env);
}

void helper_frstor(CPUState *env, uint32_t addr, uint32_t data32)
{
    uint32_t p;

    (void)get16(addr + (data32 ? 107 : 93));
    p = addr + load_env(env, addr, data32);
    for (int i = 0; i < 8; i++) {
        FPReg *r = st(env, i);
        memset(r, 0, sizeof(*r));
        memcpy(r, g2h(p + 10 * i), 10);
    }
}

/* MXCSR_MASK as this CPU reports it in FXSAVE (SDM vol. 1, 11.6.6). */
static uint32_t host_mxcsr_mask(void)
{
    static uint32_t mask;

    if (!mask) {
        static uint8_t area[512] __attribute__((aligned(16)));
        __asm__ __volatile__("fxsave %0" : "=m"(area));
        memcpy(&mask, area + 28, 4);
        if (!mask)
            mask = 0xffbf; /* SDM: zero there means this default */
    }
    return mask;
}

/*
 * FXSAVE (SDM vol. 1, table 10-2): FCW, FSW, abridged tag byte (1 = in
 * use), FOP/FIP/FDP as 0, MXCSR and MXCSR_MASK, ST(0)..ST(7) in 16-byte
 * slots (reserved bytes written as 0), XMM0-7.  Bytes 288-511 are left
 * alone.  The 16-byte alignment check (#GP) is not made.
 */
void helper_fxsave(CPUState *env, uint32_t addr, uint32_t data32)
{
    uint8_t img[288];
    uint8_t tags = 0;
    uint16_t w;
    uint32_t l;

    (void)data32;
    memset(img, 0, sizeof(img));
    w = guest_cw(env);
    memcpy(img, &w, 2);
    w = (uint16_t)helper_fnstsw(env);
    memcpy(img + 2, &w, 2);
    for (int r = 0; r < 8; r++)
        tags |= (uint8_t)(env->fptag_used[r] << r);
    img[4] = tags;
    l = env->mxcsr_x ^ MXCSR_RESET;
    memcpy(img + 24, &l, 4);
    l = host_mxcsr_mask();
    memcpy(img + 28, &l, 4);
    for (int i = 0; i < 8; i++)
        memcpy(img + 32 + 16 * i, st(env, i), 10);
    memcpy(img + 160, env->xmm, 128);
    memcpy(g2h(addr), img, sizeof(img));
}

void helper_fxrstor(CPUState *env, uint32_t addr, uint32_t data32)
{
    uint8_t img[288];
    uint16_t w;
    uint32_t l;

    (void)data32;
    memcpy(img, g2h(addr), sizeof(img));
    memcpy(&w, img, 2);
    helper_fldcw(env, w);
    memcpy(&w, img + 2, 2);
    env->fpstt = (w >> 11) & 7;
    env->fpus = w & ~FPUS_TOP;
    for (int r = 0; r < 8; r++)
        env->fptag_used[r] = (img[4] >> r) & 1;
    memcpy(&l, img + 24, 4);
    env->mxcsr_x = (l & host_mxcsr_mask()) ^ MXCSR_RESET;
    for (int i = 0; i < 8; i++) {
        FPReg *r = st(env, i);
        memset(r, 0, sizeof(*r));
        memcpy(r, img + 32 + 16 * i, 10);
    }
    memcpy(env->xmm, img + 160, 128);
}
