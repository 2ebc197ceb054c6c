/* 86-segment-limits-masked: the AVX2 gathers (VPGATHERDD/DQ/QD,
 * VGATHERDPS/QPD) and the masked moves (VPMASKMOVD/Q, VMASKMOVPS/PD)
 * through a data segment with a limit (modify_ldt, loaded into FS).
 * Which elements does the CPU check?  Each one whose mask bit is set,
 * every byte of it, and no other (SDM vol. 2, VMASKMOV: "faults will not
 * occur due to referencing any memory location if the corresponding
 * mask bit for that memory location is 0"; vol. 3, 5.3): a masked-off
 * element beyond the limit, or an operand address beyond it with every
 * element inside, is no fault.  A fault is #GP(0) (SIGSEGV, trap 13,
 * error 0); the signal frame's YMM0 (destination) and YMM2 (mask) show
 * how far a gather got, and the buffer what a masked store wrote.  The
 * native run is the oracle; the host's CPU has AVX2. */
#include "fault-harness.h"

#include <cpuid.h>
#include <stdlib.h>

static unsigned char buf[8192] __attribute__((aligned(4096)));
unsigned idx[8] __attribute__((aligned(32))), mask[8] __attribute__((aligned(32))),
    out[8] __attribute__((aligned(32))), outm[8] __attribute__((aligned(32)));

static void print_ymm(const char *what, const unsigned char *lo, const unsigned char *hi)
{
    unsigned w[8];

    memcpy(w, lo, 16);
    memcpy(w + 4, hi, 16);
    printf(" %s", what);
    for (int i = 7; i >= 0; i--)
        printf(" %08x", w[i]);
}

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    greg_t *g = uc->uc_mcontext.gregs;
    const unsigned char *fx = (const unsigned char *)uc->uc_mcontext.fpregs + 112;

    printf("  -> signal %d code %d addr %p trapno %d err %#x\n ", sig, si->si_code,
           si->si_addr, (int)g[REG_TRAPNO], (unsigned)g[REG_ERR]);
    print_ymm("d", fx + 160, fx + 576);
    print_ymm("\n  m", fx + 160 + 32, fx + 576 + 32);
    printf("\n");
    siglongjmp(back, 1);
}

/* The bytes of buf[0xc0..0x120) a store changed from their pattern. */
static void show_stores(void)
{
    for (unsigned i = 0xc0; i < 0x120; i++)
        if (buf[i] != (unsigned char)(i * 7 + 1))
            printf("  stored [%#x] = %#x\n", i, buf[i]);
    for (unsigned i = 0; i < sizeof(buf); i++)
        buf[i] = (unsigned char)(i * 7 + 1);
}

/* insn with FS = sel and %1 = off; YMM1 the indices, YMM2 the mask,
 * YMM0 all ones before. */
#define CASE(name, sel, off, insn)                                              \
    do {                                                                        \
        TRY(name, {                                                             \
            __asm__ volatile("vmovdqu idx, %%ymm1\n\tvmovdqu mask, %%ymm2\n\t"   \
                             "vpcmpeqd %%ymm0, %%ymm0, %%ymm0\n\t"              \
                             "movw %w0, %%fs\n\t" insn "\n\tmovw %w2, %%fs\n\t" \
                             "vmovdqu %%ymm0, out\n\tvmovdqu %%ymm2, outm"      \
                             :: "r"(sel), "r"(off), "r"(0) : "memory");         \
            print_ymm(" d", (unsigned char *)out, (unsigned char *)out + 16);   \
            print_ymm("\n  m", (unsigned char *)outm, (unsigned char *)outm + 16); \
            printf("\n");                                                       \
        });                                                                     \
        show_stores();                                                          \
    } while (0)

/* indices i[0..7]; mask bit set for the elements in `on` (bit j: element j) */
static void set(const int *i, unsigned on)
{
    for (int k = 0; k < 8; k++) {
        idx[k] = (unsigned)i[k];
        mask[k] = (on >> k) & 1 ? 0x80000000u : 0;
    }
}

/* The qword forms: mask bit set (bit 63) for qword elements in `on`. */
static void setq(const int *i, unsigned on)
{
    for (int k = 0; k < 4; k++) {
        idx[2 * k] = (unsigned)i[k];
        idx[2 * k + 1] = i[k] < 0 ? 0xffffffffu : 0;
        mask[2 * k] = 0;
        mask[2 * k + 1] = (on >> k) & 1 ? 0x80000000u : 0;
    }
}

static void gathers(void)
{
    static const int step[8] = {0, 4, 8, 12, 16, 20, 24, 28};
    static const int e3_beyond[8] = {0, 4, 8, 0x100, 16, 20, 24, 28};
    static const int e3_straddles[8] = {0, 4, 8, 0xfd, 16, 20, 24, 28};
    static const int e5_beyond[8] = {0, 4, 8, 12, 16, 0x200, 24, 28};
    static const int below_base[8] = {-0x10, -0xc, -8, -4, 0, 4, 8, 12};
    static const int q_beyond[4] = {0, 1, 0x20, 3};

    /* selector 0x7: base buf, limit 0xff */
    set(step, 0xff);
    CASE("vpgatherdd inside", 0x7, 0x10, "vpgatherdd %%ymm2, %%fs:(%1,%%ymm1,1), %%ymm0");
    CASE("vpgatherdd, element 7 at the limit", 0x7, 0xe0,
         "vpgatherdd %%ymm2, %%fs:(%1,%%ymm1,1), %%ymm0");
    CASE("vpgatherdd, element 7 one byte beyond", 0x7, 0xe1,
         "vpgatherdd %%ymm2, %%fs:(%1,%%ymm1,1), %%ymm0");
    set(e3_beyond, 0xff);
    CASE("vpgatherdd, element 3 beyond", 0x7, 0, "vpgatherdd %%ymm2, %%fs:(%1,%%ymm1,1), %%ymm0");
    set(e3_straddles, 0xff);
    CASE("vpgatherdd, element 3 straddles", 0x7, 0,
         "vpgatherdd %%ymm2, %%fs:(%1,%%ymm1,1), %%ymm0");
    set(e3_straddles, 0xf7);
    CASE("vpgatherdd, element 3 straddles, masked off", 0x7, 0,
         "vpgatherdd %%ymm2, %%fs:(%1,%%ymm1,1), %%ymm0");
    set(e3_beyond, 0xf7);
    CASE("vpgatherdd, element 3 beyond, masked off", 0x7, 0,
         "vpgatherdd %%ymm2, %%fs:(%1,%%ymm1,1), %%ymm0");
    set(e5_beyond, 0xff);
    CASE("vpgatherdd, element 5 beyond (scale 4)", 0x7, 0,
         "vpgatherdd %%ymm2, %%fs:(%1,%%ymm1,4), %%ymm0");
    set(below_base, 0xff);
    CASE("vpgatherdd, the base beyond, the elements inside", 0x7, 0x110,
         "vpgatherdd %%ymm2, %%fs:-0x100(%1,%%ymm1,1), %%ymm0");
    CASE("vpgatherdd, the displacement's sum wraps 4 GiB", 0x7, 0x20,
         "vpgatherdd %%ymm2, %%fs:-0x10(%1,%%ymm1,1), %%ymm0");
    set(step, 0);
    CASE("vpgatherdd, no element active, all beyond", 0x7, 0x200,
         "vpgatherdd %%ymm2, %%fs:(%1,%%ymm1,1), %%ymm0");
    set(step, 0xf);
    CASE("vpgatherdd xmm, elements 4-7 beyond, not used", 0x7, 0xf0,
         "vpgatherdd %%xmm2, %%fs:(%1,%%xmm1,1), %%xmm0");
    set(step, 0xff);
    CASE("vgatherdps, element 6 beyond", 0x7, 0xe8,
         "vgatherdps %%ymm2, %%fs:(%1,%%ymm1,1), %%ymm0");
    CASE("vpgatherdq, element 2 beyond (scale 8)", 0x7, 0xe0,
         "vpgatherdq %%ymm2, %%fs:(%1,%%xmm1,8), %%ymm0");
    setq(q_beyond, 0xf);
    CASE("vgatherqpd, element 2 beyond", 0x7, 0x10,
         "vgatherqpd %%ymm2, %%fs:(%1,%%ymm1,8), %%ymm0");
    setq(q_beyond, 0xb);
    CASE("vgatherqpd, element 2 beyond, masked off", 0x7, 0x10,
         "vgatherqpd %%ymm2, %%fs:(%1,%%ymm1,8), %%ymm0");
    setq(q_beyond, 0xf);
    CASE("vpgatherqd, element 2 beyond", 0x7, 0x10,
         "vpgatherqd %%xmm2, %%fs:(%1,%%ymm1,8), %%xmm0");
    /* selector 0xf: base buf, limit 0xff, expand-down: offsets 0x100 up */
    set(below_base, 0xff);
    CASE("expand-down: vpgatherdd inside", 0xf, 0x110,
         "vpgatherdd %%ymm2, %%fs:(%1,%%ymm1,1), %%ymm0");
    CASE("expand-down: vpgatherdd, elements 0-3 below", 0xf, 0x108,
         "vpgatherdd %%ymm2, %%fs:(%1,%%ymm1,1), %%ymm0");
    set(below_base, 0xf0);
    CASE("expand-down: vpgatherdd, elements 0-3 below, masked off", 0xf, 0x108,
         "vpgatherdd %%ymm2, %%fs:(%1,%%ymm1,1), %%ymm0");
}

static void masked_moves(void)
{
    static const int none[8];

    set(none, 0xff);
    CASE("vpmaskmovd load inside", 0x7, 0xe0, "vpmaskmovd %%fs:(%1), %%ymm2, %%ymm0");
    CASE("vpmaskmovd load one byte beyond", 0x7, 0xe1, "vpmaskmovd %%fs:(%1), %%ymm2, %%ymm0");
    set(none, 0x7f);
    CASE("vpmaskmovd load, element 7 beyond, masked off", 0x7, 0xe4,
         "vpmaskmovd %%fs:(%1), %%ymm2, %%ymm0");
    CASE("vpmaskmovd load, element 7 straddles, masked off", 0x7, 0xe1,
         "vpmaskmovd %%fs:(%1), %%ymm2, %%ymm0");
    set(none, 0x1);
    CASE("vpmaskmovd load, element 0 only, the rest beyond", 0x7, 0xf8,
         "vpmaskmovd %%fs:(%1), %%ymm2, %%ymm0");
    set(none, 0);
    CASE("vpmaskmovd load, no element, all beyond", 0x7, 0x200,
         "vpmaskmovd %%fs:(%1), %%ymm2, %%ymm0");
    CASE("vpmaskmovd store, no element, all beyond", 0x7, 0x200,
         "vpmaskmovd %%ymm0, %%ymm2, %%fs:(%1)");
    set(none, 0x1);
    CASE("vpmaskmovd store, element 0 only, the rest beyond", 0x7, 0xf8,
         "vpmaskmovd %%ymm0, %%ymm2, %%fs:(%1)");
    set(none, 0x80);
    CASE("vpmaskmovd store, element 7 only, beyond", 0x7, 0xf0,
         "vpmaskmovd %%ymm0, %%ymm2, %%fs:(%1)");
    set(none, 0xff);
    CASE("vpmaskmovd store, element 7 beyond: the others?", 0x7, 0xe4,
         "vpmaskmovd %%ymm0, %%ymm2, %%fs:(%1)");
    CASE("vpmaskmovd store inside", 0x7, 0xe0, "vpmaskmovd %%ymm0, %%ymm2, %%fs:(%1)");
    set(none, 0x08);
    CASE("vmaskmovpd xmm store, element 1 straddles", 0x7, 0xf4,
         "vmaskmovpd %%xmm0, %%xmm2, %%fs:(%1)");
    set(none, 0x02);
    CASE("vmaskmovpd xmm store, element 0 only", 0x7, 0xf4,
         "vmaskmovpd %%xmm0, %%xmm2, %%fs:(%1)");
    set(none, 0x80);
    CASE("vpmaskmovq load, element 3 beyond", 0x7, 0xe8,
         "vpmaskmovq %%fs:(%1), %%ymm2, %%ymm0");
    set(none, 0x20);
    CASE("vmaskmovps load, element 5 only", 0x7, 0xe8,
         "vmaskmovps %%fs:(%1), %%ymm2, %%ymm0");
    /* selector 0x17: base buf, limit 0xfff, read-only */
    set(none, 0);
    CASE("read-only: vpmaskmovd store, no element", 0x17, 0x10,
         "vpmaskmovd %%ymm0, %%ymm2, %%fs:(%1)");
    set(none, 0x10);
    CASE("read-only: vpmaskmovd store, element 4", 0x17, 0x10,
         "vpmaskmovd %%ymm0, %%ymm2, %%fs:(%1)");
    CASE("read-only: vpmaskmovd load, element 4", 0x17, 0x10,
         "vpmaskmovd %%fs:(%1), %%ymm2, %%ymm0");
}

int main(void)
{
    unsigned a, b, c, d;

    /* check-nosimd (STITCH_CPUID_NOSIMD, set for the native run too)
     * hides AVX2 from stitch's CPUID, not the instructions */
    if (!getenv("STITCH_CPUID_NOSIMD") &&
        (!__get_cpuid_count(7, 0, &a, &b, &c, &d) || !(b & (1u << 5)))) {
        printf("no AVX2\n");
        return 0;
    }
    catch_faults(on_fault, SIGSEGV, SIGBUS, 0);
    for (unsigned i = 0; i < sizeof(buf); i++)
        buf[i] = (unsigned char)(i * 7 + 1);
    /* flags: seg_32bit 1, contents << 1 (1: expand-down), read_exec_only 8 */
    printf("modify_ldt: %d %d %d\n", ldt_set(0, (unsigned)buf, 0xff, 0x1),
           ldt_set(1, (unsigned)buf, 0xff, 0x3), ldt_set(2, (unsigned)buf, 0xfff, 0x9));
    gathers();
    masked_moves();
    return 0;
}
