/* cflags: -fno-builtin */
/*
 * Differential x87 exerciser: every x87 instruction form over special
 * values (zeros, infinities, QNaN/SNaN, denormals, extremes, ties) under
 * every rounding mode and three precisions.  Each line prints the result
 * bytes and the status word with the bits the SDM leaves undefined masked
 * (C0 C2 C3 after arithmetic); the native run is the oracle.
 */
#include <stdio.h>
#include <string.h>

typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;

typedef struct {
    u64 m;
    u16 e;
} __attribute__((packed)) X80;

static long double mk(u16 e, u64 m)
{
    long double v = 0;
    X80 x = {m, e};
    memcpy(&v, &x, 10);
    return v;
}

static long double vals[20];
static int nvals;
static u16 cw;

static void init_vals(void)
{
    long double third = 1.0L / 3;
    long double v[] = {
        0.0L, -0.0L, 1.0L, -1.0L, 1.5L, 2.5L, -2.5L, third, 3.0L,
        mk(0x7ffe, 0xffffffffffffffffull),  /* max */
        mk(0x0001, 0x8000000000000000ull),  /* min normal */
        mk(0x0000, 0x0000000000000001ull),  /* denormal */
        mk(0x7fff, 0x8000000000000000ull),  /* +inf */
        mk(0xffff, 0x8000000000000000ull),  /* -inf */
        mk(0x7fff, 0xc000000000001234ull),  /* QNaN */
        mk(0x7fff, 0xa000000000000005ull),  /* SNaN */
        1e300L, 1e-300L, mk(0x403e, 0x8000000000000000ull) /* 2^63 */,
    };
    nvals = sizeof(v) / sizeof(v[0]);
    memcpy(vals, v, sizeof(v));
}

static void show(const char *what, const void *p, int n, u16 sw, u16 mask)
{
    const unsigned char *b = p;
    printf("%04x %-10s ", cw, what);
    for (int i = n - 1; i >= 0; i--)
        printf("%02x", b[i]);
    printf(" sw=%04x\n", sw & mask);
}

#define ARITH_MASK 0x3a7f /* exceptions, SF, C1, TOP */
#define CMP_MASK 0x7f7f

/* Two-operand forms: a in st(0), b in st(1). */
#define BIN(name, body)                                                     \
    static void name(long double a, long double b)                         \
    {                                                                       \
        long double r;                                                      \
        u16 sw;                                                             \
        __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[b]\n\tfldt %[a]\n\t" \
                         body                                               \
                         : [r] "=m"(r), [sw] "=m"(sw)                       \
                         : [a] "m"(a), [b] "m"(b), [cw] "m"(cw)             \
                         : "eax", "cc");                                    \
        show(#name, &r, 10, sw, ARITH_MASK);                                \
    }
/* st(0) op= st(1) */
#define BIN0(n, i) BIN(n, i " %%st(1), %%st\n\tfnstsw %[sw]\n\tfstpt %[r]\n\tfstp %%st(0)")
/* st(1) op= st(0), result kept in st(1) */
#define BIN1(n, i) BIN(n, i " %%st, %%st(1)\n\tfnstsw %[sw]\n\tfstp %%st(0)\n\tfstpt %[r]")
/* st(1) op= st(0), pop */
#define BINP(n, i) BIN(n, i " %%st, %%st(1)\n\tfnstsw %[sw]\n\tfstpt %[r]")
BIN0(fadd0, "fadd") BIN0(fsub0, "fsub") BIN0(fsubr0, "fsubr")
BIN0(fmul0, "fmul") BIN0(fdiv0, "fdiv") BIN0(fdivr0, "fdivr")
BIN1(fadd1, "fadd") BIN1(fsub1, "fsub") BIN1(fsubr1, "fsubr")
BIN1(fmul1, "fmul") BIN1(fdiv1, "fdiv") BIN1(fdivr1, "fdivr")
BINP(faddp, "faddp") BINP(fsubp, "fsubp") BINP(fsubrp, "fsubrp")
BINP(fmulp, "fmulp") BINP(fdivp, "fdivp") BINP(fdivrp, "fdivrp")
BIN(fprem, "1: fprem\n\tfnstsw %%ax\n\ttestb $4, %%ah\n\tjnz 1b\n\tfnstsw %[sw]\n\tfstpt %[r]\n\tfstp %%st(0)")
BIN(fprem1, "fprem1\n\tfnstsw %[sw]\n\tfstpt %[r]\n\tfstp %%st(0)")
BIN(fscale, "fscale\n\tfnstsw %[sw]\n\tfstpt %[r]\n\tfstp %%st(0)")
BIN(fyl2x, "fyl2x\n\tfnstsw %[sw]\n\tfstpt %[r]")
BIN(fpatan, "fpatan\n\tfnstsw %[sw]\n\tfstpt %[r]")
BIN(fyl2xp1, "fyl2xp1\n\tfnstsw %[sw]\n\tfstpt %[r]")
BIN(fxch, "fxch %%st(1)\n\tfnstsw %[sw]\n\tfstpt %[r]\n\tfstp %%st(0)")

/* Comparisons: status word (C0 C2 C3) and, for FCOMI, EFLAGS. */
#define CMP(name, body)                                                     \
    static void name(long double a, long double b)                         \
    {                                                                       \
        u16 sw;                                                             \
        u32 fl = 0;                                                         \
        __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[b]\n\tfldt %[a]\n\t" \
                         body "\n\tfnstsw %[sw]\n\tfninit"                 \
                         : [sw] "=m"(sw), [fl] "+m"(fl)                     \
                         : [a] "m"(a), [b] "m"(b), [cw] "m"(cw)             \
                         : "cc");                                           \
        show(#name, &fl, 4, sw, CMP_MASK);                                  \
    }
#define FLAGS "\n\tpushf\n\tpopl %[fl]\n\tandl $0x8d5, %[fl]"
CMP(fcom, "fcom %%st(1)")
CMP(fcomp, "fcomp %%st(1)")
CMP(fucom, "fucom %%st(1)")
CMP(fucompp, "fucompp")
CMP(fcompp, "fcompp")
CMP(fcomi, "fcomi %%st(1), %%st" FLAGS)
CMP(fucomip, "fucomip %%st(1), %%st" FLAGS)
CMP(fcmovb, "stc\n\tfcmovb %%st(1), %%st\n\tfstpt %[fl]")
CMP(fcmovnbe, "cmp %%eax, %%eax\n\tfcmovnbe %%st(1), %%st\n\tfstpt %[fl]")

/* One operand in st(0). */
#define UN(name, body)                                                      \
    static void name(long double a)                                         \
    {                                                                       \
        long double r[2] = {0, 0};                                          \
        u16 sw;                                                             \
        __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[a]\n\t" body      \
                         : [r0] "+m"(r[0]), [r1] "+m"(r[1]), [sw] "=m"(sw)  \
                         : [a] "m"(a), [cw] "m"(cw)                         \
                         : "eax", "cc");                                    \
        show(#name, r, 10, sw, ARITH_MASK);                                 \
        show(#name "'", &r[1], 10, sw, 0);                                  \
    }
#define UN1(n, i) UN(n, i "\n\tfnstsw %[sw]\n\tfstpt %[r0]")
UN1(fchs, "fchs") UN1(fabs, "fabs") UN1(fsqrt, "fsqrt") UN1(frndint, "frndint")
UN1(f2xm1, "f2xm1") UN(fsin, "fsin\n\tfnstsw %[sw]\n\tfstpt %[r0]")
UN(fcos, "fcos\n\tfnstsw %[sw]\n\tfstpt %[r0]")
UN(fptan, "fptan\n\tfnstsw %[sw]\n\tfstpt %[r0]\n\tfnstsw %%ax\n\ttestb $0x38, %%ah\n\tjz 1f\n\tfstpt %[r1]\n1:")
UN(fsincos, "fsincos\n\tfnstsw %[sw]\n\tfstpt %[r0]\n\tfnstsw %%ax\n\ttestb $0x38, %%ah\n\tjz 1f\n\tfstpt %[r1]\n1:")
UN(fxtract, "fxtract\n\tfnstsw %[sw]\n\tfstpt %[r0]\n\tfstpt %[r1]")
UN(ftst, "ftst\n\tfnstsw %[sw]\n\tfstp %%st(0)")
UN(fxam, "fxam\n\tfnstsw %[sw]\n\tfstp %%st(0)")
UN(fst_s, "fsts %[r0]\n\tfnstsw %[sw]\n\tfstp %%st(0)")
UN(fstp_l, "fstpl %[r0]\n\tfnstsw %[sw]")
UN(fist_w, "fists %[r0]\n\tfnstsw %[sw]\n\tfstp %%st(0)")
UN(fistp_l, "fistpl %[r0]\n\tfnstsw %[sw]")
UN(fistp_q, "fistpll %[r0]\n\tfnstsw %[sw]")
UN(fisttp_w, "fisttps %[r0]\n\tfnstsw %[sw]")
UN(fisttp_l, "fisttpl %[r0]\n\tfnstsw %[sw]")
UN(fisttp_q, "fisttpll %[r0]\n\tfnstsw %[sw]")
UN(fbstp, "fbstp %[r0]\n\tfnstsw %[sw]")
UN(fld_st, "fld %%st(0)\n\tfmul %%st(1), %%st\n\tfnstsw %[sw]\n\tfstpt %[r0]\n\tfstpt %[r1]")

/* Memory-operand arithmetic on raw 32/64-bit patterns. */
static const u32 f32[] = {0, 0x80000000, 0x3f800000, 0x00000001, 0x007fffff,
                          0x7f7fffff, 0x7f800000, 0xff800000, 0x7fc00001,
                          0x7f800001, 0x40490fdb, 0xc0200000};
static const u64 f64[] = {0, 0x8000000000000000ull, 0x3ff0000000000000ull,
                          1, 0x7fefffffffffffffull, 0x7ff0000000000000ull,
                          0x7ff8000000000001ull, 0x7ff0000000000001ull,
                          0x400921fb54442d18ull, 0x3fd5555555555555ull};
static const int ints[] = {0, 1, -1, 3, 32767, -32768, 0x7fffffff,
                           (int)0x80000000, 123456789};

#define MEM(name, insn, T)                                                  \
    static void name(long double a, const T *m)                            \
    {                                                                       \
        long double r;                                                      \
        u16 sw;                                                             \
        __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[a]\n\t" insn      \
                         " %[m]\n\tfnstsw %[sw]\n\tfstpt %[r]"              \
                         : [r] "=m"(r), [sw] "=m"(sw)                       \
                         : [a] "m"(a), [m] "m"(*m), [cw] "m"(cw));           \
        show(#name, &r, 10, sw, ARITH_MASK);                                \
    }
MEM(fadds, "fadds", u32) MEM(fsubs, "fsubs", u32) MEM(fmuls, "fmuls", u32)
MEM(fdivrs, "fdivrs", u32) MEM(faddl, "faddl", u64) MEM(fdivl, "fdivl", u64)
MEM(fsubrl, "fsubrl", u64) MEM(fmull, "fmull", u64)
MEM(fiaddl, "fiaddl", int) MEM(fidivl, "fidivl", int) MEM(fisubrl, "fisubrl", int)
MEM(fimuls, "fimuls", short) MEM(fisubs, "fisubs", short) MEM(fidivrs, "fidivrs", short)
MEM(fcoms, "fcoms", u32) MEM(fcompl, "fcompl", u64) MEM(ficoml, "ficoml", int)
MEM(ficomps, "ficomps", short)

#define LOAD(name, insn, T)                                                 \
    static void name(const T *m)                                            \
    {                                                                       \
        long double r;                                                      \
        u16 sw;                                                             \
        __asm__ volatile("fninit\n\tfldcw %[cw]\n\t" insn " %[m]\n\t"        \
                         "fnstsw %[sw]\n\tfstpt %[r]"                       \
                         : [r] "=m"(r), [sw] "=m"(sw)                       \
                         : [m] "m"(*m), [cw] "m"(cw));                       \
        show(#name, &r, 10, sw, ARITH_MASK);                                \
    }
LOAD(flds, "flds", u32) LOAD(fldl, "fldl", u64) LOAD(fildl, "fildl", int)
LOAD(filds, "filds", short) LOAD(fildll, "fildll", u64)

static void constants(void)
{
    long double r[7];
    u16 sw;
    __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfld1\n\tfldl2t\n\tfldl2e\n\tfldpi\n\t"
                     "fldlg2\n\tfldln2\n\tfldz\n\tfnstsw %[sw]\n\t"
                     "fstpt %[r0]\n\tfstpt %[r1]\n\tfstpt %[r2]\n\tfstpt %[r3]\n\t"
                     "fstpt %[r4]\n\tfstpt %[r5]\n\tfstpt %[r6]"
                     : [r0] "=m"(r[0]), [r1] "=m"(r[1]), [r2] "=m"(r[2]),
                       [r3] "=m"(r[3]), [r4] "=m"(r[4]), [r5] "=m"(r[5]),
                       [r6] "=m"(r[6]), [sw] "=m"(sw)
                     : [cw] "m"(cw));
    for (int i = 0; i < 7; i++)
        show("const", &r[i], 10, sw, 0xffff);
}

/* Stack overflow and underflow, the tag word, FNSTENV/FLDENV, FNSAVE/FRSTOR. */

/*
 * The undocumented register forms that repeat another instruction (FCOM2
 * DC D0+i, FCOMP3 DC D8+i, FXCH4 DD C8+i, FCOMP5 DE D0+i, FXCH7 DF C8+i,
 * FSTP1 D9 D8+i, FSTP8 DF D0+i, FSTP9 DF D8+i), each on a stack of
 * 1, 2.5, 3 with ST(2) the operand: the stack after it (three values
 * popped as far as there are) and the status word.
 */
#define ALIAS(name, b0, b1)                                                 \
    do {                                                                    \
        long double o[3];                                                   \
        u16 sw_;                                                            \
        memset(o, 0, sizeof(o));                                            \
        __asm__ volatile("fninit\n\tfldt %[c]\n\tfldt %[b]\n\tfldt %[a]\n\t"  \
                         ".byte " #b0 ", " #b1 "\n\tfnstsw %[sw]\n\t"       \
                         "fstpt %[o0]\n\tfstpt %[o1]\n\tfstpt %[o2]\n\t"    \
                         "fninit"                                           \
                         : [o0] "=m"(o[0]), [o1] "=m"(o[1]), [o2] "=m"(o[2]), \
                           [sw] "=m"(sw_)                                   \
                         : [a] "m"(vals[2]), [b] "m"(vals[5]),              \
                           [c] "m"(vals[8]));                               \
        show(name, o, sizeof(o), sw_, 0xffff);                                     \
    } while (0)

static void aliases(void)
{
    ALIAS("fcom2", 0xdc, 0xd2);
    ALIAS("fcomp3", 0xdc, 0xda);
    ALIAS("fxch4", 0xdd, 0xca);
    ALIAS("fcomp5", 0xde, 0xd2);
    ALIAS("fxch7", 0xdf, 0xca);
    ALIAS("fstp1", 0xd9, 0xda);
    ALIAS("fstp8", 0xdf, 0xd2);
    ALIAS("fstp9", 0xdf, 0xda);
    ALIAS("ffreep", 0xdf, 0xc1);
}

static void stack_and_state(void)
{
    unsigned char env[28], save[108], fx[512] __attribute__((aligned(16)));
    long double r;
    u16 sw, sw2;

    __asm__ volatile("fninit\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\t"
                     "fldz\n\tfldpi\n\tfld1\n\tfnstsw %[sw]\n\tfstpt %[r]"
                     : [r] "=m"(r), [sw] "=m"(sw));
    show("overflow", &r, 10, sw, 0xffff);
    __asm__ volatile("fninit\n\tfadd %%st(1), %%st\n\tfnstsw %[sw]\n\tfstpt %[r]"
                     : [r] "=m"(r), [sw] "=m"(sw));
    show("underflow", &r, 10, sw, 0xffff);
    __asm__ volatile("fninit\n\tfstl %[r]\n\tfnstsw %[sw]" : [r] "=m"(r), [sw] "=m"(sw));
    show("fst-empty", &r, 8, sw, 0xffff);
    __asm__ volatile("fninit\n\tfld1\n\tfldz\n\tfldt %[inf]\n\tfldt %[den]\n\tfld1\n\t"
                     "ffree %%st(2)\n\tfnstenv %[env]\n\tfnstsw %[sw]\n\t"
                     "fldenv %[env]\n\tfnstsw %[sw2]\n\tfninit"
                     : [env] "=m"(env), [sw] "=m"(sw), [sw2] "=m"(sw2)
                     : [inf] "m"(vals[12]), [den] "m"(vals[11]));
    /* FIP/FCS/FOP/FDP/FDS (bytes 12-27) are not compared. */
    show("fnstenv", env, 12, sw, 0xffff);
    show("fldenv", env, 0, sw2, 0xffff);
    memset(save, 0, sizeof(save));
    __asm__ volatile("fninit\n\tfldpi\n\tfld1\n\tfchs\n\tfnsave %[s]\n\tfnstsw %[sw]\n\t"
                     "frstor %[s]\n\tfaddp\n\tfstpt %[r]\n\tfnstsw %[sw2]"
                     : [s] "+m"(save), [sw] "=m"(sw), [sw2] "=m"(sw2), [r] "=m"(r));
    show("fnsave", save, 12, sw, 0xffff);
    show("fnsave-st", save + 28, 80, sw2, 0xffff);
    show("frstor", &r, 10, sw2, 0xffff);
    memset(fx, 0, sizeof(fx));
    __asm__ volatile("fninit\n\tfld1\n\tfldpi\n\tfxsave %[fx]\n\tfninit\n\t"
                     "fxrstor %[fx]\n\tfsubp\n\tfstpt %[r]\n\tfnstsw %[sw]"
                     : [fx] "+m"(fx), [r] "=m"(r), [sw] "=m"(sw));
    show("fxsave", fx, 6, 0, 0);
    show("fxsave-mx", fx + 24, 4, 0, 0);
    show("fxsave-st", fx + 32, 48, 0, 0);
    show("fxrstor", &r, 10, sw, 0xffff);
    __asm__ volatile("fninit\n\tfldcw %[c]\n\tfnstcw %[sw]\n\tfldz\n\tfldz\n\tfdivp\n\t"
                     "fnstsw %[sw2]\n\tfnclex\n\tfninit"
                     : [sw] "=m"(sw), [sw2] "=m"(sw2) : [c] "m"(cw));
    show("fldcw", &sw, 2, sw2, 0xffff);
    __asm__ volatile("fninit\n\tfld1\n\tfldz\n\tfdecstp\n\tfdecstp\n\tfincstp\n\t"
                     "fnstsw %[sw]\n\tfninit\n\tfnstsw %[sw2]" : [sw] "=m"(sw), [sw2] "=m"(sw2));
    show("fdecstp", &sw2, 2, sw, 0xffff);
    {
        unsigned short ax;
        __asm__ volatile("fninit\n\tfld1\n\tfldz\n\tfcompp\n\tfnstsw %%ax\n\tmovw %%ax, %[ax]"
                         : [ax] "=m"(ax) : : "eax");
        show("fnstsw-ax", &ax, 2, 0, 0);
    }
    aliases();
}

static const u16 cws[] = {0x037f, 0x0f7f, 0x077f, 0x0b7f, 0x027f, 0x007f};

int main(void)
{
    typedef void (*Bin)(long double, long double);
    typedef void (*Un)(long double);
    static const Bin bins[] = {fadd0, fsub0, fsubr0, fmul0, fdiv0, fdivr0,
        fadd1, fsub1, fsubr1, fmul1, fdiv1, fdivr1, faddp, fsubp, fsubrp,
        fmulp, fdivp, fdivrp, fprem, fprem1, fscale, fyl2x, fpatan, fyl2xp1,
        fxch, fcom, fcomp, fucom, fucompp, fcompp, fcomi, fucomip, fcmovb,
        fcmovnbe};
    static const Un uns[] = {fchs, fabs, fsqrt, frndint, f2xm1, fsin, fcos,
        fptan, fsincos, fxtract, ftst, fxam, fst_s, fstp_l, fist_w, fistp_l,
        fistp_q, fisttp_w, fisttp_l, fisttp_q, fbstp, fld_st};

    init_vals();
    for (unsigned c = 0; c < sizeof(cws) / sizeof(cws[0]); c++) {
        cw = cws[c];
        for (int i = 0; i < nvals; i++) {
            for (unsigned k = 0; k < sizeof(uns) / sizeof(uns[0]); k++)
                uns[k](vals[i]);
            /* binary ops: the full cross product only in two modes */
            for (int j = 0; j < nvals; j++) {
                if (c > 1 && (i + j + (int)c) % 4)
                    continue;
                for (unsigned k = 0; k < sizeof(bins) / sizeof(bins[0]); k++)
                    bins[k](vals[i], vals[j]);
            }
            for (unsigned j = 0; j < sizeof(f32) / sizeof(f32[0]); j++) {
                fadds(vals[i], &f32[j]); fsubs(vals[i], &f32[j]);
                fmuls(vals[i], &f32[j]); fdivrs(vals[i], &f32[j]);
                fcoms(vals[i], &f32[j]);
            }
            for (unsigned j = 0; j < sizeof(f64) / sizeof(f64[0]); j++) {
                faddl(vals[i], &f64[j]); fdivl(vals[i], &f64[j]);
                fsubrl(vals[i], &f64[j]); fmull(vals[i], &f64[j]);
                fcompl(vals[i], &f64[j]);
            }
            for (unsigned j = 0; j < sizeof(ints) / sizeof(ints[0]); j++) {
                short s16 = (short)ints[j];
                fiaddl(vals[i], &ints[j]); fidivl(vals[i], &ints[j]);
                fisubrl(vals[i], &ints[j]); ficoml(vals[i], &ints[j]);
                fimuls(vals[i], &s16); fisubs(vals[i], &s16);
                fidivrs(vals[i], &s16); ficomps(vals[i], &s16);
            }
        }
        for (unsigned j = 0; j < sizeof(f32) / sizeof(f32[0]); j++)
            flds(&f32[j]);
        for (unsigned j = 0; j < sizeof(f64) / sizeof(f64[0]); j++) {
            fldl(&f64[j]);
            fildll(&f64[j]);
        }
        for (unsigned j = 0; j < sizeof(ints) / sizeof(ints[0]); j++) {
            short s16 = (short)ints[j];
            fildl(&ints[j]);
            filds(&s16);
        }
        constants();
        stack_and_state();
    }
    return 0;
}
