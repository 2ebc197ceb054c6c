/* cflags: -mavx2 */
/*
 * 68-avx-gather: the AVX2 gathers (SDM vol. 2, VPGATHERDD/DQ/QD/QQ and
 * VGATHERDPS/DPD/QPS/QPD; 2.3.12 VSIB): all eight in their VEX.128 and
 * VEX.256 forms, every scale, negative indices, a displacement, several
 * masks (elements whose mask sign bit is clear keep their old value, the
 * mask register ends all zero, the bits above the elements are zeroed);
 * a gather whose element k faults (#PF: SIGSEGV with the elements below k
 * gathered and their masks clear, the rest untouched, as the signal
 * frame shows); and the encodings that are #UD (two of destination,
 * index and mask the same, a register operand, 16-bit addressing).  Runs
 * under the default -cpu model.  The native run is the oracle.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

typedef unsigned long long u64;
typedef unsigned int u32;
typedef unsigned char u8;

/* ymm1 destination, ymm2 mask, ymm3 index; base %eax. */
typedef struct {
    u64 d[4], m[4], x[4];
} __attribute__((aligned(32))) G;

#define PRE                                                                 \
    "vmovdqu (%[g]), %%ymm1\n\tvmovdqu 32(%[g]), %%ymm2\n\t"                \
    "vmovdqu 64(%[g]), %%ymm3\n\t"
#define POST                                                                \
    "\n\tvmovdqu %%ymm1, (%[g])\n\tvmovdqu %%ymm2, 32(%[g])\n\tvzeroupper"
#define FN(name, insn)                                                      \
    static void name(G *g, const void *base)                                \
    {                                                                       \
        __asm__ volatile(PRE insn POST                                      \
                         : : [g] "r"(g), "a"(base)                          \
                         : "xmm1", "xmm2", "xmm3", "memory");              \
    }

/* X(name, mnemonic, index register, destination/mask register) */
#define GATHERS(X)                                                          \
    X(vpgatherdd, x, x) X(vpgatherdd, y, y) X(vpgatherdq, x, x)             \
    X(vpgatherdq, x, y) X(vpgatherqd, x, x) X(vpgatherqd, y, x)             \
    X(vpgatherqq, x, x) X(vpgatherqq, y, y) X(vgatherdps, x, x)             \
    X(vgatherdps, y, y) X(vgatherdpd, x, x) X(vgatherdpd, x, y)             \
    X(vgatherqps, x, x) X(vgatherqps, y, x) X(vgatherqpd, x, x)             \
    X(vgatherqpd, y, y)
#define DEF(n, i, r)                                                        \
    FN(n##_##i##r##_1, #n " %%" #r "mm2, 8(%%eax,%%" #i "mm3,1), %%" #r "mm1") \
    FN(n##_##i##r##_2, #n " %%" #r "mm2, -6(%%eax,%%" #i "mm3,2), %%" #r "mm1") \
    FN(n##_##i##r##_4, #n " %%" #r "mm2, (%%eax,%%" #i "mm3,4), %%" #r "mm1") \
    FN(n##_##i##r##_8, #n " %%" #r "mm2, 0x40(%%eax,%%" #i "mm3,8), %%" #r "mm1")
GATHERS(DEF)

typedef struct {
    const char *name;
    void (*fn[4])(G *, const void *);
} Test;
static const Test tests[] = {
#define ENT(n, i, r)                                                        \
    {#n " " #i #r,                                                          \
     {n##_##i##r##_1, n##_##i##r##_2, n##_##i##r##_4, n##_##i##r##_8}},
    GATHERS(ENT)
};

static u8 table[4096] __attribute__((aligned(64)));
static u64 rnd = 0x9e3779b97f4a7c15ull;
static u64 next(void)
{
    rnd ^= rnd << 13;
    rnd ^= rnd >> 7;
    rnd ^= rnd << 17;
    return rnd;
}

/* Indices in -48 .. 47 (as dwords, and the same as qwords) and masks. */
static void setup(G *g, int maskkind)
{
    for (int q = 0; q < 4; q++) {
        g->d[q] = next();
        g->x[q] = 0;
    }
    for (int j = 0; j < 8; j++) {
        u32 v = (u32)((int)(next() % 96) - 48);
        ((u32 *)g->x)[j] = v;
    }
    /* qword indices from the same values, sign-extended */
    if (maskkind & 4)
        for (int j = 0; j < 4; j++)
            g->x[j] = (u64)(long long)(int)((u32 *)g->x)[j];
    switch (maskkind & 3) {
    case 0: memset(g->m, 0xff, 32); break;        /* all */
    case 1: memset(g->m, 0, 32); break;           /* none */
    case 2:                                       /* sign bits only */
        for (int j = 0; j < 32; j++)
            ((u8 *)g->m)[j] = (j & 7) == 7 ? 0x80 : (j & 3) == 3 ? 0x80 : 0;
        break;
    default:
        for (int q = 0; q < 4; q++)
            g->m[q] = next();
    }
}

static void print_g(const char *what, const G *g)
{
    printf("%s d=%016llx%016llx%016llx%016llx m=%016llx%016llx%016llx%016llx\n",
           what, g->d[3], g->d[2], g->d[1], g->d[0], g->m[3], g->m[2], g->m[1],
           g->m[0]);
}

static void run_gathers(void)
{
    for (int i = 0; i < (int)sizeof(table); i++)
        table[i] = (u8)next();
    for (size_t t = 0; t < sizeof(tests) / sizeof(tests[0]); t++)
        for (int sc = 0; sc < 4; sc++)
            for (int mk = 0; mk < 8; mk++) {
                G g;
                char what[64];
                setup(&g, mk);
                tests[t].fn[sc](&g, table + 2048);
                snprintf(what, sizeof(what), "%s s%d m%d", tests[t].name, 1 << sc, mk);
                print_g(what, &g);
            }
}

/* ---- faults: element k of the gather in an unmapped page ---- */

static sigjmp_buf jb;
static u8 *page;

static void on_signal(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;
    u8 *fx = (u8 *)uc->uc_mcontext.fpregs + 112;
    const u8 *eip = (const u8 *)uc->uc_mcontext.gregs[REG_EIP];
    u64 d[4], m[4];

    memcpy(d, fx + 160 + 16, 16);
    memcpy(d + 2, fx + 576 + 16, 16);
    memcpy(m, fx + 160 + 32, 16);
    memcpy(m + 2, fx + 576 + 32, 16);
    printf("  sig %d code %d trapno %d err %#x addr %s%+ld at %02x %02x\n", sig,
           si->si_code, (int)uc->uc_mcontext.gregs[REG_TRAPNO],
           (unsigned)uc->uc_mcontext.gregs[REG_ERR],
           sig == SIGSEGV ? "page2" : "-",
           sig == SIGSEGV ? (long)((u8 *)si->si_addr - (page + 4096)) : 0L,
           eip[0], eip[1]);
    printf("  frame d=%016llx%016llx%016llx%016llx m=%016llx%016llx%016llx%016llx\n",
           d[3], d[2], d[1], d[0], m[3], m[2], m[1], m[0]);
    siglongjmp(jb, 1);
}

/* Indices 0, 4, 8 ... bytes (scale 1) from `base`, which is placed so
 * that element k is the first one in the unmapped page. */
static void fault_case(const char *name, void (*fn)(G *, const void *), int esize,
                       int k, int qidx, u64 mask_bits)
{
    G g;

    for (int q = 0; q < 4; q++) {
        g.d[q] = 0x1111111111111111ull * (u64)(q + 1);
        g.m[q] = mask_bits;
        g.x[q] = 0;
    }
    for (int j = 0; j < 8; j++) {
        if (qidx)
            g.x[j & 3] = (u64)(j & 3) * (u64)esize;
        else
            ((u32 *)g.x)[j] = (u32)(j * esize);
    }
    printf("%s fault at element %d:\n", name, k);
    if (!sigsetjmp(jb, 1)) {
        /* element j at base + 8 + j * esize (the forms' disp 8, scale 1) */
        fn(&g, page + 4096 - 8 - k * esize);
        print_g("  no fault", &g);
    }
}

static void run_faults(void)
{
    page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED)
        return;
    mprotect(page + 4096, 4096, PROT_NONE);
    for (int i = 0; i < 4096; i++)
        page[i] = (u8)(i * 7 + 3);
    fault_case("vpgatherdd yy", vpgatherdd_yy_1, 4, 3, 0, ~0ull);
    fault_case("vpgatherdd xx", vpgatherdd_xx_1, 4, 1, 0, ~0ull);
    fault_case("vpgatherdd yy", vpgatherdd_yy_1, 4, 0, 0, ~0ull);
    fault_case("vpgatherdd yy mask 0x8000000000000000", vpgatherdd_yy_1, 4, 5, 0,
               0x8000000000000000ull);
    fault_case("vgatherdpd xy", vgatherdpd_xy_1, 8, 2, 0, ~0ull);
    fault_case("vgatherqps yx", vgatherqps_yx_1, 4, 2, 1, ~0ull);
    fault_case("vpgatherqd xx", vpgatherqd_xx_1, 4, 1, 1, ~0ull);
    fault_case("vgatherqpd yy", vgatherqpd_yy_1, 8, 3, 1, ~0ull);
    fault_case("vpgatherqq xx mask 0", vpgatherqq_xx_1, 8, 1, 1, 0);
}

/* ---- #UD encodings ---- */

#define UD(name, bytes)                                                     \
    static void name(void)                                                  \
    {                                                                       \
        __asm__ volatile(".byte " bytes : : "a"(table + 64)                 \
                         : "xmm1", "xmm2", "xmm3", "memory");              \
    }
/* vpgatherdd %ymm2, (%eax,%ymm3,4), %ymm1 is c4 e2 6d 90 0c 98 */
UD(ud_index_is_dest, "0xc4, 0xe2, 0x6d, 0x90, 0x0c, 0x88")
UD(ud_mask_is_dest, "0xc4, 0xe2, 0x75, 0x90, 0x0c, 0x98")
UD(ud_index_is_mask, "0xc4, 0xe2, 0x6d, 0x90, 0x0c, 0x90")
UD(ud_register, "0xc4, 0xe2, 0x6d, 0x90, 0xcb")
UD(ud_no_sib, "0xc4, 0xe2, 0x6d, 0x90, 0x08")
UD(ud_addr16, "0x67, 0xc4, 0xe2, 0x6d, 0x90, 0x0c, 0x98")

static void run_ud(void)
{
    static const struct {
        const char *name;
        void (*fn)(void);
    } uds[] = {{"index = destination", ud_index_is_dest},
               {"mask = destination", ud_mask_is_dest},
               {"index = mask", ud_index_is_mask},
               {"register operand", ud_register},
               {"no SIB", ud_no_sib},
               {"16-bit address", ud_addr16}};

    for (size_t i = 0; i < sizeof(uds) / sizeof(uds[0]); i++) {
        printf("%s:\n", uds[i].name);
        if (!sigsetjmp(jb, 1)) {
            uds[i].fn();
            printf("  no fault\n");
        }
    }
}

int main(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    run_gathers();
    run_faults();
    run_ud();
    return 0;
}
