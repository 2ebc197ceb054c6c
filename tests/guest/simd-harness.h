/*
 * The harness of the SIMD extension tests (65-sse3-ssse3, 66-sse4,
 * 67-aes-clmul): every instruction runs from one state block over every
 * pair of a set of edge operands, in its register and its memory form,
 * under two MXCSR settings (the reset value; round up with FTZ and DAZ),
 * and each (instruction, form) prints one hash of everything it left:
 * destination, XMM0, EAX ECX EDX, the six arithmetic flags and MXCSR
 * (with the exception flags cleared before).  The native run is the
 * oracle, so the hashes need no expected values; a mismatch is narrowed
 * down with argument "-v", which prints every result.
 *
 * An instruction is an asm string run by FN/FNI: %%xmm1 is the
 * destination, %%xmm2 the source register and 16(%%esi) the source in
 * memory (16-byte aligned), %%xmm0 the implicit mask or result, EAX and
 * EDX the explicit lengths of PCMPESTRx, ECX an index or an integer
 * operand; the MMX forms use %%mm1 and %%mm2.  FNI instructions take an
 * immediate, %[k], and run for all 256 values of it.
 */
#include <stdio.h>
#include <string.h>

typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long long u64;

typedef struct {
    u64 d[2], s[2], m[2]; /* 0: destination, 16: source, 32: XMM0 */
    u32 eax, edx, ecx, fl; /* 48, 52, 56, 60 */
    u32 mxcsr;             /* 64 */
} __attribute__((aligned(16))) State;

#define PRE                                                                 \
    "movdqa 32(%%esi), %%xmm0\n\tmovdqa (%%esi), %%xmm1\n\t"                \
    "movdqa 16(%%esi), %%xmm2\n\tmovq (%%esi), %%mm1\n\t"                   \
    "movq 16(%%esi), %%mm2\n\tmovl 48(%%esi), %%eax\n\t"                    \
    "movl 52(%%esi), %%edx\n\tmovl 56(%%esi), %%ecx\n\t"                    \
    "ldmxcsr 64(%%esi)\n\tpushl 60(%%esi)\n\tpopfl\n\t"
#define POST                                                                \
    "\n\tpushfl\n\tpopl 60(%%esi)\n\tstmxcsr 64(%%esi)\n\t"                 \
    "movdqa %%xmm1, (%%esi)\n\tmovdqa %%xmm0, 32(%%esi)\n\t"                \
    "movl %%eax, 48(%%esi)\n\tmovl %%edx, 52(%%esi)\n\t"                    \
    "movl %%ecx, 56(%%esi)\n\t"
#define MMX_POST "\n\tmovq %%mm1, (%%esi)\n\temms"
#define CLOBBERS "eax", "ecx", "edx", "xmm0", "xmm1", "xmm2", "mm1", "mm2", "memory", "cc"

typedef void (*Fn)(State *t, int k);

#define FN(name, insn)                                                      \
    static void name(State *t, int k)                                       \
    {                                                                       \
        (void)k;                                                            \
        __asm__ volatile(PRE insn POST "emms" : : "S"(t) : CLOBBERS);       \
    }
#define FN_MMX(name, insn)                                                  \
    static void name(State *t, int k)                                       \
    {                                                                       \
        (void)k;                                                            \
        __asm__ volatile(PRE insn POST MMX_POST : : "S"(t) : CLOBBERS);     \
    }

#define K4(X, a, k) X(a, (k)) X(a, (k) + 1) X(a, (k) + 2) X(a, (k) + 3)
#define K16(X, a, k) K4(X, a, k) K4(X, a, (k) + 4) K4(X, a, (k) + 8) K4(X, a, (k) + 12)
#define K64(X, a, k) K16(X, a, k) K16(X, a, (k) + 16) K16(X, a, (k) + 32) K16(X, a, (k) + 48)
#define K256(X, a) K64(X, a, 0) K64(X, a, 64) K64(X, a, 128) K64(X, a, 192)
#define KCASE(insn, K)                                                      \
    case K:                                                                 \
        __asm__ volatile(PRE insn POST "emms" : : "S"(t), [k] "i"(K)        \
                         : CLOBBERS);                                       \
        break;
#define KCASE_MMX(insn, K)                                                  \
    case K:                                                                 \
        __asm__ volatile(PRE insn POST MMX_POST : : "S"(t), [k] "i"(K)      \
                         : CLOBBERS);                                       \
        break;
#define FNI(name, insn)                                                     \
    static void name(State *t, int k)                                       \
    {                                                                       \
        switch (k) { K256(KCASE, insn) }                                    \
    }
#define FNI_MMX(name, insn)                                                 \
    static void name(State *t, int k)                                       \
    {                                                                       \
        switch (k) { K256(KCASE_MMX, insn) }                                \
    }

/* Register and memory forms of `insn src, dst`. */
#define RM(n, insn)                                                         \
    FN(n##_r, insn " %%xmm2, %%xmm1") FN(n##_m, insn " 16(%%esi), %%xmm1")
#define RM_MMX(n, insn)                                                     \
    FN_MMX(n##_r, insn " %%mm2, %%mm1") FN_MMX(n##_m, insn " 16(%%esi), %%mm1")
#define RMI(n, insn)                                                        \
    FNI(n##_r, insn " %[k], %%xmm2, %%xmm1")                                \
    FNI(n##_m, insn " %[k], 16(%%esi), %%xmm1")

typedef struct {
    const char *name;
    Fn fn;
    int imm;   /* run for every imm8 */
    int pairs; /* how many operand vectors: 0 all, 6 a subset (sub()) */
} Test;

#define T(n, np) {#n, n, 0, np}
#define TI(n, np) {#n, n, 1, np}
#define T_RM(n, np) T(n##_r, np), T(n##_m, np)
#define TI_RM(n, np) TI(n##_r, np), TI(n##_m, np)

/* ---- operands ---- */

#define F32(a, b, c, d) {((u64)(b) << 32) | (a), ((u64)(d) << 32) | (c)}
static const u64 edge[][2] = {
    F32(0x7fc00001, 0x7f800001, 0x80000000, 0x00000000), /* qNaN sNaN -0 +0 */
    F32(0x00000001, 0x807fffff, 0x7f800000, 0xff800000), /* denormals, inf */
    F32(0x3fc00000, 0xc0200000, 0x3f000000, 0x40200000), /* 1.5 -2.5 .5 2.5 */
    F32(0x7f7fffff, 0xff7fffff, 0x00800000, 0xbf800000), /* max, min normal */
    {0x7ff8000000000001ull, 0xfff0000000000001ull},      /* qNaN, sNaN */
    {0x8000000000000000ull, 0x000fffffffffffffull},      /* -0, denormal */
    {0x3ff8000000000000ull, 0xc004000000000000ull},      /* 1.5, -2.5 */
    {0x4004000000000000ull, 0x7fefffffffffffffull},      /* 2.5, max */
    {0x0000000000000000ull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0xffffffffffffffffull},
    {0x807f7f8001ff8000ull, 0x7fff80000001ffffull},      /* saturation */
    {0x8000000080000000ull, 0x7fffffff00000001ull},
    {0x0000006f6c6c6568ull, 0x0000000000000000ull},      /* "hello" */
    {0x6c6c65686c6c6568ull, 0x0068656c6c6f2020ull},      /* repeats */
    {0x7a615a410039302full, 0x0000000000000000ull},      /* ranges */
    {0x0f0e0d0c0b0a0908ull, 0x8786858483828180ull},      /* shuffles */
};
#define NEDGE (sizeof(edge) / sizeof(edge[0]))
#define NVEC 24
static u64 vec[NVEC][2];
static const u32 lens[] = {0, 1, 5, 8, 16, 17, 0xfffffffd, 0xffffffec, 0x80000000};
#define NLENS (sizeof(lens) / sizeof(lens[0]))
static const u32 mxcsrs[2] = {0x1f80, 0x5f80 | 0x8000 | 0x0040};

static u64 rnd = 0x9e3779b97f4a7c15ull;
static u64 next(void)
{
    rnd ^= rnd << 13;
    rnd ^= rnd >> 7;
    rnd ^= rnd << 17;
    return rnd;
}

static void init_vectors(void)
{
    for (unsigned i = 0; i < NVEC; i++) {
        if (i < NEDGE) {
            vec[i][0] = edge[i][0];
            vec[i][1] = edge[i][1];
        } else {
            vec[i][0] = next();
            vec[i][1] = next();
        }
    }
}

static u64 hash;
static void mix(const void *p, size_t n)
{
    const u8 *b = p;
    for (size_t i = 0; i < n; i++)
        hash = (hash ^ b[i]) * 0x100000001b3ull;
}

static int verbose;

static void run_one(const Test *te, int k, unsigned i, unsigned j, u32 mx)
{
    State t;

    memset(&t, 0, sizeof(t)); /* the padding is hashed too */
    memcpy(t.d, vec[i], 16);
    memcpy(t.s, vec[j], 16);
    memcpy(t.m, vec[(i + j + 1) % NVEC], 16);
    t.eax = lens[(i + k) % NLENS];
    t.edx = lens[(j + 3 * k) % NLENS];
    t.ecx = (u32)vec[j][0] ^ 0x5a5a5a00;
    t.fl = 0x202 | ((i * 7 + j) & 0x8d5);
    t.mxcsr = mx;
    te->fn(&t, k);
    t.fl &= 0x8d5;
    mix(&t, sizeof(t));
    if (verbose)
        printf("  %s k=%d %u,%u mx=%x: d=%016llx%016llx m=%016llx%016llx "
               "s=%016llx%016llx a=%x c=%x d=%x fl=%x mx=%x\n",
               te->name, k, i, j, mx, t.d[1], t.d[0], t.m[1], t.m[0],
               t.s[1], t.s[0], t.eax, t.ecx, t.edx, t.fl, t.mxcsr);
}

/* Operand i of a test over `np` operands: all of them, or for the
 * 6-operand tests (every imm8) one of each kind: single NaNs and zeros,
 * ordinary singles, double denormal, three string-like vectors. */
static unsigned sub(unsigned np, unsigned i)
{
    static const unsigned six[6] = {0, 2, 5, 12, 13, 14};

    return np == 6 ? six[i] : i;
}

static void run_tests(const Test *tests, size_t n, int argc, char **argv)
{
    verbose = argc > 1 && !strcmp(argv[1], "-v");
    init_vectors();
    for (size_t x = 0; x < n; x++) {
        const Test *te = &tests[x];
        unsigned np = te->pairs ? (unsigned)te->pairs : NVEC;
        if (argc > 2 && strcmp(argv[2], te->name))
            continue;
        hash = 0xcbf29ce484222325ull;
        for (int k = 0; k < (te->imm ? 256 : 1); k++)
            for (unsigned m = 0; m < 2; m++)
                for (unsigned i = 0; i < np; i++)
                    for (unsigned j = 0; j < np; j++)
                        run_one(te, k, sub(np, i), sub(np, j), mxcsrs[m]);
        printf("%-22s %016llx\n", te->name, hash);
    }
}
