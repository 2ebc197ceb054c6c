/* 50-flags-exhaustive: every flag-setting integer instruction, at every
 * operand size, over edge operands and eight incoming flag states, run
 * natively and under stitch (tests/run-guest.sh compares the output).
 *
 * Operands: 0, 1, 2, 0x10, the sign boundaries of each size (0x7f, 0x80,
 * 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff) and four
 * fixed "random" words, truncated to the size.  Incoming EFLAGS: CF and OF
 * in all four combinations, with SF/ZF/AF/PF all clear or all set.  Shift
 * and rotate counts 0..33 by CL, plus the by-1 and immediate forms.
 *
 * For each case the result and EFLAGS are hashed after masking what the
 * Intel SDM leaves undefined (and only that; unaffected flags must equal
 * their input).  The mask table, OF=0x800 SF=0x80 ZF=0x40 AF=0x10 PF=0x4
 * CF=0x1:
 *   add adc sub sbb cmp neg inc dec xadd cmpxchg     0x8d5
 *   and or xor test                                  0x8c5 (AF undefined)
 *   shl shr sar, masked count 0                       0x8d5 (unchanged)
 *              count 1                                0x8c5 (AF)
 *              count >1                               0x0c5 (OF, AF)
 *              count >= width: CF undefined too       0x0c4
 *   rol ror rcl rcr, count 1 / other                  0x8d5 / 0x0d5
 *   shld shrd, count 0 / 1 / >1                       0x8d5 / 0x8c5 / 0x0c5
 *              16-bit count > 16: result and flags    undefined
 *   mul imul                                          0x801 (CF, OF)
 *   bt bts btr btc                                    0x041 (CF; ZF kept)
 *   bsf bsr                                           0x040; result undefined
 *                                                     for a zero source
 *   daa das 0x0d5   aaa aas 0x011   aam aad 0x0c4
 * For the kinds the translator tests on the record (cmp sub add and test
 * inc dec neg shl sar imul bsf bt), all 16 conditions are read back after
 * the instruction through Jcc, SETcc and CMOVcc, each right after its own
 * execution of the instruction (the fused compare-and-branch paths).
 *
 * Prints one line per instruction form: cases and hash. "-v" prints every
 * case instead (for finding a difference).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int verbose;
static uint32_t hash = 2166136261u;
static unsigned long ncases, total;

static void mix(uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        hash ^= (v >> (8 * i)) & 0xff;
        hash *= 16777619u;
    }
}

static const uint32_t vals[] = {
    0, 1, 2, 0x10, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff,
    0x7fffffff, 0x80000000, 0xffffffff, 0x12345678, 0x89abcdef,
    0xfedcba98, 0x55aa33cc};
#define NVALS (sizeof(vals) / sizeof(vals[0]))

static uint32_t flags_in(int i)
{
    return 0x202 | (i & 1) | ((i & 2) << 10) | ((i & 4) ? 0xd4 : 0);
}

static void record(const char *name, uint32_t a, uint32_t b, uint32_t fin,
                   uint32_t r, uint32_t r2, uint32_t f, uint32_t fmask,
                   uint32_t rmask)
{
    f &= fmask;
    r &= rmask;
    r2 &= rmask;
    mix(a), mix(b), mix(fin), mix(r), mix(r2), mix(f);
    ncases++;
    if (verbose)
        printf("%-8s %08x %08x %03x -> %08x %08x %03x\n", name, a, b, fin, r,
               r2, f);
}

static void done(const char *name)
{
    if (!verbose)
        printf("%-10s %6lu cases  hash %08x\n", name, ncases, hash);
    total += ncases;
    ncases = 0;
    hash = 2166136261u;
}

/* ---- one instruction, flags in via popf, flags out via pushf ---- */
#define PRE "pushl %[fin]\n\tpopfl\n\t"
#define POST "\n\tpushfl\n\tpopl %[f]"

/* Two-operand forms: d = d op s. */
#define DEF2(fn, text, cd, cs)                                             \
    static uint32_t fn(uint32_t d, uint32_t s, uint32_t fin, uint32_t *f)  \
    {                                                                      \
        uint32_t fl;                                                       \
        __asm__ volatile(PRE text POST                                     \
                         : [d] cd(d), [f] "=&r"(fl)                        \
                         : [s] cs(s), [fin] "r"(fin)                       \
                         : "cc");                                          \
        *f = fl;                                                           \
        return d;                                                          \
    }
#define DEF2_BWL(op)                                                       \
    DEF2(op##b, #op "b %b[s], %b[d]", "+q", "q")                           \
    DEF2(op##w, #op "w %w[s], %w[d]", "+r", "r")                           \
    DEF2(op##l, #op "l %[s], %[d]", "+r", "r")
#define ALU2(X) X(add) X(adc) X(sub) X(sbb) X(and) X(or) X(xor) X(cmp) X(test)
ALU2(DEF2_BWL)
DEF2_BWL(xadd)
/* Shifts by CL: s is the count. */
#define DEFSH_BWL(op)                                                      \
    DEF2(op##b_cl, #op "b %%cl, %b[d]", "+q", "c")                         \
    DEF2(op##w_cl, #op "w %%cl, %w[d]", "+r", "c")                         \
    DEF2(op##l_cl, #op "l %%cl, %[d]", "+r", "c")                          \
    DEF2(op##b_1, #op "b %b[d]", "+q", "c")                                \
    DEF2(op##w_1, #op "w %w[d]", "+r", "c")                                \
    DEF2(op##l_1, #op "l %[d]", "+r", "c")                                 \
    DEF2(op##b_i0, #op "b $0, %b[d]", "+q", "c")                           \
    DEF2(op##w_i0, #op "w $0, %w[d]", "+r", "c")                           \
    DEF2(op##l_i0, #op "l $0, %[d]", "+r", "c")                            \
    DEF2(op##b_i3, #op "b $3, %b[d]", "+q", "c")                           \
    DEF2(op##w_i3, #op "w $3, %w[d]", "+r", "c")                           \
    DEF2(op##l_i3, #op "l $3, %[d]", "+r", "c")                            \
    DEF2(op##b_i17, #op "b $17, %b[d]", "+q", "c")                         \
    DEF2(op##w_i17, #op "w $17, %w[d]", "+r", "c")                         \
    DEF2(op##l_i17, #op "l $17, %[d]", "+r", "c")
#define SHIFTS(X) X(shl) X(shr) X(sar) X(rol) X(ror) X(rcl) X(rcr)
SHIFTS(DEFSH_BWL)
/* One operand. */
#define DEF1_BWL(op)                                                       \
    DEF2(op##b, #op "b %b[d]", "+q", "r")                                  \
    DEF2(op##w, #op "w %w[d]", "+r", "r")                                  \
    DEF2(op##l, #op "l %[d]", "+r", "r")
#define ALU1(X) X(neg) X(not) X(inc) X(dec)
ALU1(DEF1_BWL)
/* Bit tests: register offset, and immediate 13 / 35. */
#define DEFBT_WL(op)                                                       \
    DEF2(op##w, #op "w %w[s], %w[d]", "+r", "r")                           \
    DEF2(op##l, #op "l %[s], %[d]", "+r", "r")                             \
    DEF2(op##w_i, #op "w $13, %w[d]", "+r", "r")                           \
    DEF2(op##l_i, #op "l $35, %[d]", "+r", "r")
#define BITS(X) X(bt) X(bts) X(btr) X(btc)
BITS(DEFBT_WL)
/* Bit scans (d = previous destination, kept for a zero source). */
DEF2(bsfw, "bsfw %w[s], %w[d]", "+r", "r")
DEF2(bsfl, "bsfl %[s], %[d]", "+r", "r")
DEF2(bsrw, "bsrw %w[s], %w[d]", "+r", "r")
DEF2(bsrl, "bsrl %[s], %[d]", "+r", "r")
/* Two- and three-operand IMUL. */
DEF2(imulw2, "imulw %w[s], %w[d]", "+r", "r")
DEF2(imull2, "imull %[s], %[d]", "+r", "r")
DEF2(imulw3, "imulw $-300, %w[s], %w[d]", "=&r", "r")
DEF2(imull3, "imull $100000, %[s], %[d]", "=&r", "r")

/* Accumulator forms: EAX = a, EDX = d in and out. */
#define DEFACC(fn, text)                                                   \
    static uint32_t fn(uint32_t a, uint32_t s, uint32_t fin, uint32_t *f,  \
                       uint32_t *d)                                        \
    {                                                                      \
        uint32_t fl, dd = *d;                                              \
        __asm__ volatile(PRE text POST                                     \
                         : "+a"(a), "+d"(dd), [f] "=&r"(fl)                \
                         : [s] "q"(s), [fin] "r"(fin)                      \
                         : "cc", "memory");                                \
        *f = fl;                                                           \
        *d = dd;                                                           \
        return a;                                                          \
    }
DEFACC(mulb, "mulb %b[s]")
DEFACC(mulw, "mulw %w[s]")
DEFACC(mull, "mull %[s]")
DEFACC(imulb, "imulb %b[s]")
DEFACC(imulw, "imulw %w[s]")
DEFACC(imull, "imull %[s]")
DEFACC(daa, "daa")
DEFACC(das, "das")
DEFACC(aaa, "aaa")
DEFACC(aas, "aas")
DEFACC(aam, "aam")
DEFACC(aad, "aad")
DEFACC(aam7, "aam $7")
DEFACC(aad7, "aad $7")
/* CMPXCHG r, r: EAX is the comparand; EDX the destination. */
DEFACC(cmpxchgb, "cmpxchgb %b[s], %%dl")
DEFACC(cmpxchgw, "cmpxchgw %w[s], %%dx")
DEFACC(cmpxchgl, "cmpxchgl %[s], %%edx")
/* SHLD/SHRD: EAX = destination, EDX = source, CL = count (s). */
#define DEFDSH(fn, text)                                                   \
    static uint32_t fn(uint32_t a, uint32_t s, uint32_t fin, uint32_t *f,  \
                       uint32_t *d)                                        \
    {                                                                      \
        uint32_t fl;                                                       \
        __asm__ volatile(PRE text POST                                     \
                         : "+a"(a), [f] "=&r"(fl)                          \
                         : "d"(*d), "c"(s), [fin] "r"(fin)                 \
                         : "cc");                                          \
        *f = fl;                                                           \
        return a;                                                          \
    }
DEFDSH(shldw, "shldw %%cl, %%dx, %%ax")
DEFDSH(shldl, "shldl %%cl, %%edx, %%eax")
DEFDSH(shrdw, "shrdw %%cl, %%dx, %%ax")
DEFDSH(shrdl, "shrdl %%cl, %%edx, %%eax")
DEFDSH(shldw_i, "shldw $5, %%dx, %%ax")
DEFDSH(shrdl_i, "shrdl $7, %%edx, %%eax")

/*
 * Conditions: run `text` (d op s) once per condition and read it back by
 * Jcc, SETcc and CMOVcc; the three 16-bit masks are packed into r and r2.
 */
#define CONDS "o,no,b,ae,e,ne,be,a,s,ns,p,np,l,ge,le,g"
#define DEFCOND(fn, text, cd, cs)                                          \
    static uint32_t fn(uint32_t d0, uint32_t s, uint32_t fin, uint32_t *r2) \
    {                                                                      \
        uint32_t mj = 0, ms = 0, mc = 0, d, t, one = 1;                    \
        __asm__ volatile(".irp cc," CONDS "\n\t"                           \
                         "shll $1, %[mj]\n\t"                              \
                         "movl %[d0], %[d]\n\t" PRE text "\n\t"            \
                         "j\\cc 1f\n\tjmp 2f\n1:\tincl %[mj]\n2:\n\t"       \
                         "movl %[d0], %[d]\n\t" PRE text "\n\t"            \
                         "movl $0, %[t]\n\tset\\cc %b[t]\n\t"              \
                         "shll $1, %[ms]\n\torl %[t], %[ms]\n\t"           \
                         "movl %[d0], %[d]\n\t" PRE text "\n\t"            \
                         "movl $0, %[t]\n\tcmov\\cc %[one], %[t]\n\t"      \
                         "shll $1, %[mc]\n\torl %[t], %[mc]\n\t"           \
                         ".endr"                                           \
                         : [d] cd(d), [t] "=&q"(t), [mj] "+m"(mj),         \
                           [ms] "+m"(ms), [mc] "+m"(mc)                    \
                         : [d0] "m"(d0), [s] cs(s), [fin] "m"(fin),        \
                           [one] "m"(one)                                  \
                         : "cc", "memory");                                \
        *r2 = mc;                                                          \
        return mj << 16 | ms;                                              \
    }
#define DEFCOND_BWL(op, text2)                                             \
    DEFCOND(c_##op##b, #op "b " text2, "=&q", "q")                         \
    DEFCOND(c_##op##w, #op "w " text2, "=&r", "r")                         \
    DEFCOND(c_##op##l, #op "l " text2, "=&r", "r")
DEFCOND(c_cmpb, "cmpb %b[s], %b[d]", "=&q", "q")
DEFCOND(c_cmpw, "cmpw %w[s], %w[d]", "=&r", "r")
DEFCOND(c_cmpl, "cmpl %[s], %[d]", "=&r", "r")
DEFCOND(c_subb, "subb %b[s], %b[d]", "=&q", "q")
DEFCOND(c_subl, "subl %[s], %[d]", "=&r", "r")
DEFCOND(c_addb, "addb %b[s], %b[d]", "=&q", "q")
DEFCOND(c_addw, "addw %w[s], %w[d]", "=&r", "r")
DEFCOND(c_addl, "addl %[s], %[d]", "=&r", "r")
DEFCOND(c_andl, "andl %[s], %[d]", "=&r", "r")
DEFCOND(c_testb, "testb %b[s], %b[d]", "=&q", "q")
DEFCOND(c_testl, "testl %[s], %[d]", "=&r", "r")
DEFCOND(c_incw, "incw %w[d]", "=&r", "r")
DEFCOND(c_incl, "incl %[d]", "=&r", "r")
DEFCOND(c_decb, "decb %b[d]", "=&q", "q")
DEFCOND(c_decl, "decl %[d]", "=&r", "r")
DEFCOND(c_negl, "negl %[d]", "=&r", "r")
DEFCOND(c_shll, "shll $1, %[d]", "=&r", "r")
DEFCOND(c_sarw, "sarw $1, %w[d]", "=&r", "r")
DEFCOND(c_imull, "imull %[s], %[d]", "=&r", "r")
DEFCOND(c_adcl, "adcl %[s], %[d]", "=&r", "r")
DEFCOND(c_btl, "btl %[s], %[d]", "=&r", "r")

typedef uint32_t (*Fn2)(uint32_t, uint32_t, uint32_t, uint32_t *);
typedef uint32_t (*FnAcc)(uint32_t, uint32_t, uint32_t, uint32_t *, uint32_t *);

static const uint32_t size_mask[3] = {0xff, 0xffff, 0xffffffff};

/* d op s over all value pairs and flag states. */
static void run2(const char *name, Fn2 fn, int sz, uint32_t fmask)
{
    uint32_t m = size_mask[sz];
    for (unsigned i = 0; i < NVALS; i++)
        for (unsigned j = 0; j < NVALS; j++)
            for (int k = 0; k < 8; k++) {
                uint32_t a = vals[i] & m, b = vals[j] & m, f, r;
                r = fn(a, b, flags_in(k), &f);
                /* bsf/bsr of zero: destination undefined (SDM BSF) */
                record(name, a, b, flags_in(k), r, 0, f, fmask,
                       name[0] == 'b' && name[1] == 's' && b == 0 ? 0 : m);
            }
    done(name);
}

/* Flag mask of a shift/rotate by the masked count c of width w bits. */
static uint32_t shift_mask(int rot, uint32_t c, int w)
{
    c &= 31;
    if (c == 0)
        return 0x8d5;
    if (rot)
        return c == 1 ? 0x8d5 : 0x0d5;
    if ((int)c >= w)
        return 0x0c4;
    return c == 1 ? 0x8c5 : 0x0c5;
}

static void run_shift(const char *name, Fn2 fn, int sz, int rot, int fixed)
{
    uint32_t m = size_mask[sz];
    int w = 8 << sz;
    for (unsigned i = 0; i < NVALS; i++)
        for (uint32_t c = 0; c <= 33; c++)
            for (int k = 0; k < 8; k++) {
                uint32_t a = vals[i] & m, f, r, cnt = fixed >= 0 ? (uint32_t)fixed : c;
                if (fixed >= 0 && c > 0)
                    break;
                r = fn(a, c, flags_in(k), &f);
                record(name, a, cnt, flags_in(k), r, 0, f,
                       shift_mask(rot, cnt, w), m);
            }
    done(name);
}

static void run_acc(const char *name, FnAcc fn, uint32_t fmask, uint32_t amask,
                    int dsh)
{
    for (unsigned i = 0; i < NVALS; i++)
        for (unsigned j = 0; j < NVALS; j++)
            for (int k = 0; k < 8; k++) {
                uint32_t a = vals[i], b = vals[j], d = vals[(i + j) % NVALS];
                uint32_t f, r, fm = fmask, rm = amask, c = b & 31;
                if (dsh) { /* shld/shrd: b is the count */
                    if (dsh > 1)
                        c = (uint32_t)dsh & 31;
                    fm = c == 0 ? 0x8d5 : c == 1 ? 0x8c5 : 0x0c5;
                    if (amask == 0xffff && c > 16)
                        fm = rm = 0;
                }
                r = fn(a, b, flags_in(k), &f, &d);
                record(name, a, b, flags_in(k), r, d, f, fm, rm);
            }
    done(name);
}

/* Conditions defined after the instruction (bit 15 = o ... bit 0 = g):
 * all of them, but only O/B after imul (SF ZF PF undefined) and only
 * B/E/BE after bt (OF SF PF undefined). */
static uint32_t cond_mask(const char *name)
{
    if (strcmp(name, "c_imull") == 0)
        return 0xf000;
    if (strcmp(name, "c_btl") == 0)
        return 0x3f00;
    return 0xffff;
}

static void run_cond(const char *name, Fn2 fn, int sz)
{
    uint32_t cm = cond_mask(name);
    uint32_t m = size_mask[sz];
    for (unsigned i = 0; i < NVALS; i++)
        for (unsigned j = 0; j < NVALS; j++)
            for (int k = 0; k < 8; k += 3) {
                uint32_t a = vals[i] & m, b = vals[j] & m, r2, r;
                if (name[2] == 'b' && name[3] == 't')
                    b &= 31;
                r = fn(a, b, flags_in(k), &r2);
                record(name, a, b, flags_in(k), r, r2, 0, 0, cm << 16 | cm);
            }
    done(name);
}

int main(int argc, char **argv)
{
    verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
#define RUN2(op)                                                           \
    run2(#op "b", op##b, 0, MASK_##op);                                    \
    run2(#op "w", op##w, 1, MASK_##op);                                    \
    run2(#op "l", op##l, 2, MASK_##op);
#define MASK_add 0x8d5
#define MASK_adc 0x8d5
#define MASK_sub 0x8d5
#define MASK_sbb 0x8d5
#define MASK_cmp 0x8d5
#define MASK_xadd 0x8d5
#define MASK_neg 0x8d5
#define MASK_inc 0x8d5
#define MASK_dec 0x8d5
#define MASK_not 0x8d5
#define MASK_and 0x8c5
#define MASK_or 0x8c5
#define MASK_xor 0x8c5
#define MASK_test 0x8c5
    ALU2(RUN2)
    RUN2(xadd)
    ALU1(RUN2)
#define RUNSH(op, rot)                                                     \
    run_shift(#op "b_cl", op##b_cl, 0, rot, -1);                           \
    run_shift(#op "w_cl", op##w_cl, 1, rot, -1);                           \
    run_shift(#op "l_cl", op##l_cl, 2, rot, -1);                           \
    run_shift(#op "b_1", op##b_1, 0, rot, 1);                              \
    run_shift(#op "w_1", op##w_1, 1, rot, 1);                              \
    run_shift(#op "l_1", op##l_1, 2, rot, 1);                              \
    run_shift(#op "b_i0", op##b_i0, 0, rot, 0);                            \
    run_shift(#op "w_i0", op##w_i0, 1, rot, 0);                            \
    run_shift(#op "l_i0", op##l_i0, 2, rot, 0);                            \
    run_shift(#op "b_i3", op##b_i3, 0, rot, 3);                            \
    run_shift(#op "w_i3", op##w_i3, 1, rot, 3);                            \
    run_shift(#op "l_i3", op##l_i3, 2, rot, 3);                            \
    run_shift(#op "b_i17", op##b_i17, 0, rot, 17);                         \
    run_shift(#op "w_i17", op##w_i17, 1, rot, 17);                         \
    run_shift(#op "l_i17", op##l_i17, 2, rot, 17);
    RUNSH(shl, 0) RUNSH(shr, 0) RUNSH(sar, 0)
    RUNSH(rol, 1) RUNSH(ror, 1) RUNSH(rcl, 1) RUNSH(rcr, 1)
#define RUNBT(op)                                                          \
    run2(#op "w", op##w, 1, 0x041);                                        \
    run2(#op "l", op##l, 2, 0x041);                                        \
    run2(#op "w_i", op##w_i, 1, 0x041);                                    \
    run2(#op "l_i", op##l_i, 2, 0x041);
    BITS(RUNBT)
    /* bsf/bsr: the operands are swapped so d (kept for a zero source) is
     * defined input; zero sources are excluded from the result via ZF. */
    run2("bsfw", bsfw, 1, 0x040);
    run2("bsfl", bsfl, 2, 0x040);
    run2("bsrw", bsrw, 1, 0x040);
    run2("bsrl", bsrl, 2, 0x040);
    run2("imulw2", imulw2, 1, 0x801);
    run2("imull2", imull2, 2, 0x801);
    run2("imulw3", imulw3, 1, 0x801);
    run2("imull3", imull3, 2, 0x801);
    run_acc("mulb", mulb, 0x801, ~0u, 0);
    run_acc("mulw", mulw, 0x801, ~0u, 0);
    run_acc("mull", mull, 0x801, ~0u, 0);
    run_acc("imulb", imulb, 0x801, ~0u, 0);
    run_acc("imulw", imulw, 0x801, ~0u, 0);
    run_acc("imull", imull, 0x801, ~0u, 0);
    run_acc("daa", daa, 0x0d5, ~0u, 0);
    run_acc("das", das, 0x0d5, ~0u, 0);
    run_acc("aaa", aaa, 0x011, ~0u, 0);
    run_acc("aas", aas, 0x011, ~0u, 0);
    run_acc("aam", aam, 0x0c4, ~0u, 0);
    run_acc("aad", aad, 0x0c4, ~0u, 0);
    run_acc("aam7", aam7, 0x0c4, ~0u, 0);
    run_acc("aad7", aad7, 0x0c4, ~0u, 0);
    run_acc("cmpxchgb", cmpxchgb, 0x8d5, ~0u, 0);
    run_acc("cmpxchgw", cmpxchgw, 0x8d5, ~0u, 0);
    run_acc("cmpxchgl", cmpxchgl, 0x8d5, ~0u, 0);
    run_acc("shldw", shldw, 0, 0xffff, 1);
    run_acc("shldl", shldl, 0, ~0u, 1);
    run_acc("shrdw", shrdw, 0, 0xffff, 1);
    run_acc("shrdl", shrdl, 0, ~0u, 1);
    run_acc("shldw_i", shldw_i, 0, 0xffff, 5);
    run_acc("shrdl_i", shrdl_i, 0, ~0u, 7);
#define RUNC(fn, sz) run_cond(#fn, fn, sz);
    RUNC(c_cmpb, 0) RUNC(c_cmpw, 1) RUNC(c_cmpl, 2) RUNC(c_subb, 0)
    RUNC(c_subl, 2) RUNC(c_addb, 0) RUNC(c_addw, 1) RUNC(c_addl, 2)
    RUNC(c_andl, 2) RUNC(c_testb, 0) RUNC(c_testl, 2) RUNC(c_incw, 1)
    RUNC(c_incl, 2) RUNC(c_decb, 0) RUNC(c_decl, 2) RUNC(c_negl, 2)
    RUNC(c_shll, 2) RUNC(c_sarw, 1) RUNC(c_imull, 2) RUNC(c_adcl, 2)
    RUNC(c_btl, 2)
    printf("%lu cases\n", total);
    return 0;
}
