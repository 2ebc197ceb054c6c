/* cflags: -msse2
 *
 * 87-maskmov: MASKMOVQ (0F F7, MMX registers), MASKMOVDQU (66 0F F7) and
 * VMASKMOVDQU store the bytes of the data register whose mask byte has
 * its sign bit set to DS:EDI; a segment override changes the segment and
 * a 0x67 prefix makes the address DI.  Then the faults: an unmapped or
 * read-only destination, one that straddles into an unmapped page with
 * the selected bytes on either side, and an all-zero mask (whether that
 * faults is the implementation's choice, SDM MASKMOVQ; this host's CPU
 * decides).  Each fault prints the signal, si_code, si_addr (relative to
 * the mapping), trap number, error code, which instruction EIP is at,
 * and afterwards the bytes around the destination (what was stored).
 * Everything printed must be what the real CPU and kernel give. */
#include "fault-harness.h"

#include <asm/ldt.h>
#include <cpuid.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

static unsigned char *pg; /* 3 pages: read-write, unmapped, read-only */
extern char at_q[], at_dq[], at_vdq[], at_fsq[], at_a16q[], at_a16dq[];

static const char *where(greg_t eip)
{
    static const struct { const char *name; const char *at; } insns[] = {
        {"maskmovq", at_q}, {"maskmovdqu", at_dq}, {"vmaskmovdqu", at_vdq},
        {"fs maskmovq", at_fsq}, {"addr16 maskmovq", at_a16q},
        {"addr16 maskmovdqu", at_a16dq},
    };
    for (unsigned i = 0; i < sizeof(insns) / sizeof(insns[0]); i++)
        if ((unsigned)eip == (unsigned)insns[i].at)
            return insns[i].name;
    return "elsewhere";
}

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    greg_t *g = uc->uc_mcontext.gregs;
    unsigned long a = (unsigned long)si->si_addr;

    if (a >= (unsigned long)pg && a < (unsigned long)pg + 3 * 4096)
        printf("  -> signal %d code %d addr map+%#lx", sig, si->si_code, a - (unsigned long)pg);
    else
        printf("  -> signal %d code %d addr %#lx", sig, si->si_code, a);
    printf(" trapno %d err %#x at %s\n", (int)g[REG_TRAPNO], (unsigned)g[REG_ERR],
           where(g[REG_EIP]));
    siglongjmp(back, 1);
}

__attribute__((noinline, noclone)) static void q(void *dst, uint64_t data, uint64_t mask)
{
    __asm__ volatile("movq %1, %%mm0\n\tmovq %2, %%mm1\n"
                     "at_q:\tmaskmovq %%mm1, %%mm0\n\temms"
                     :: "D"(dst), "m"(data), "m"(mask) : "memory");
}

__attribute__((noinline, noclone)) static void dq(void *dst, const void *data, const void *mask)
{
    __asm__ volatile("movdqu (%1), %%xmm0\n\tmovdqu (%2), %%xmm1\n"
                     "at_dq:\tmaskmovdqu %%xmm1, %%xmm0"
                     :: "D"(dst), "r"(data), "r"(mask) : "memory", "xmm0", "xmm1");
}

__attribute__((noinline, noclone)) static void vdq(void *dst, const void *data, const void *mask)
{
    __asm__ volatile("movdqu (%1), %%xmm0\n\tmovdqu (%2), %%xmm1\n"
                     "at_vdq:\tvmaskmovdqu %%xmm1, %%xmm0"
                     :: "D"(dst), "r"(data), "r"(mask) : "memory", "xmm0", "xmm1");
}

/* FS: an LDT data segment; EDI an offset in it. */
__attribute__((noinline, noclone)) static void fsq(unsigned sel, unsigned off, uint64_t data,
                                                   uint64_t mask)
{
    __asm__ volatile("movq %2, %%mm0\n\tmovq %3, %%mm1\n\tmovw %w1, %%fs\n"
                     "at_fsq:\tfs maskmovq %%mm1, %%mm0\n\temms\n\tmovw %w4, %%fs"
                     :: "D"(off), "r"(sel), "m"(data), "m"(mask), "r"(0) : "memory");
}

/* 0x67: the address is DI, EDI's upper half ignored; with FS as above. */
__attribute__((noinline, noclone)) static void a16q(unsigned sel, unsigned edi, uint64_t data,
                                                    uint64_t mask)
{
    __asm__ volatile("movq %2, %%mm0\n\tmovq %3, %%mm1\n\tmovw %w1, %%fs\n"
                     "at_a16q:\t.byte 0x64, 0x67, 0x0f, 0xf7, 0xc1\n" /* fs addr16 maskmovq %mm1, %mm0 */
                     "\temms\n\tmovw %w4, %%fs"
                     :: "D"(edi), "r"(sel), "m"(data), "m"(mask), "r"(0) : "memory");
}

/* 0x67 without an override: DS, flat, so the address is DI itself. */
__attribute__((noinline, noclone)) static void a16dq(unsigned edi, const void *data, const void *mask)
{
    __asm__ volatile("movdqu (%1), %%xmm0\n\tmovdqu (%2), %%xmm1\n"
                     "at_a16dq:\t.byte 0x67, 0x66, 0x0f, 0xf7, 0xc1" /* addr16 maskmovdqu %xmm1, %xmm0 */
                     :: "D"(edi), "r"(data), "r"(mask) : "memory", "xmm0", "xmm1");
}

static void dump(const char *what, const unsigned char *p, int n)
{
    printf("  %s:", what);
    for (int i = 0; i < n; i++)
        printf(" %02x", p[i]);
    printf("\n");
}

int main(void)
{
    struct sigaction sa;
    unsigned char d[16], m[16], zero[16] = {0}, all[16];
    unsigned a, b, c, e;
    /* check-nosimd (STITCH_CPUID_NOSIMD, set for the native run too) hides
     * CPUID's AVX bit from stitch's guest, not the instruction. */
    int avx = getenv("STITCH_CPUID_NOSIMD") ||
              (__get_cpuid(1, &a, &b, &c, &e) && (c & bit_AVX) && (c & bit_OSXSAVE));

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    pg = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (pg == MAP_FAILED || munmap(pg + 4096, 4096) || mprotect(pg + 8192, 4096, PROT_READ))
        return 1;
    for (int i = 0; i < 16; i++) {
        d[i] = (unsigned char)(0xa0 + i);
        m[i] = (unsigned char)((i * 37) & 0x80 ? 0x80 : 0x7f - i);
    }
    memset(all, 0xff, sizeof(all));
    memset(pg, 0x11, 256);
    /* A byte granular segment at pg + 0x40, limit 0xff. */
    printf("modify_ldt: %d\n", ldt_set(0, (unsigned)pg + 0x40, 0xff, 0x01));

    TRY_DONE("maskmovq, mixed mask", q(pg, 0x0807060504030201ull, 0x8000ff0080008080ull));
    dump("stored", pg, 8);
    TRY_DONE("maskmovq, zero mask", q(pg + 8, 0x0807060504030201ull, 0));
    TRY_DONE("maskmovq, full mask", q(pg + 8, 0x0807060504030201ull, ~0ull));
    dump("stored", pg + 8, 8);
    TRY_DONE("maskmovdqu, mixed mask", dq(pg + 16, d, m));
    dump("stored", pg + 16, 16);
    TRY_DONE("maskmovdqu, unaligned, full mask", dq(pg + 33, d, all));
    dump("stored", pg + 32, 18);
    if (avx) {
        TRY_DONE("vmaskmovdqu, mixed mask", vdq(pg + 50, d, m));
        dump("stored", pg + 50, 16);
    } else {
        printf("no AVX\n");
    }
    TRY_DONE("fs maskmovq at fs:0x20", fsq(0x7, 0x20, 0x2827262524232221ull, 0x8080808000000080ull));
    dump("stored", pg + 0x60, 8);
    TRY_DONE("fs addr16 maskmovq, edi 0x12340028", a16q(0x7, 0x12340028, 0x3837363534333231ull, ~0ull));
    dump("stored", pg + 0x68, 8);
    TRY_DONE("fs maskmovq at fs:0x100 (beyond the limit)", fsq(0x7, 0x100, 1, ~0ull));
    TRY_DONE("addr16 maskmovdqu, edi 0xabcd0010 (ds:0x10, unmapped)", a16dq(0xabcd0010, d, all));
    TRY_DONE("addr16 maskmovdqu, zero mask", a16dq(0xabcd0010, d, zero));

    TRY_DONE("maskmovq to an unmapped page", q(pg + 4096 + 8, 1, ~0ull));
    TRY_DONE("maskmovq to an unmapped page, zero mask", q(pg + 4096 + 8, 1, 0));
    TRY_DONE("maskmovdqu to an unmapped page, zero mask", dq(pg + 4096 + 8, d, zero));
    if (avx)
        TRY_DONE("vmaskmovdqu to an unmapped page, zero mask", vdq(pg + 4096 + 8, d, zero));
    TRY_DONE("maskmovq to a read-only page", q(pg + 8192 + 8, 1, 0x80));
    TRY_DONE("maskmovq to a read-only page, zero mask", q(pg + 8192 + 8, 1, 0));
    /* The page is present now: the error code's P bit. */
    printf("read: %d\n", pg[8192 + 8]);
    TRY_DONE("maskmovq to a present read-only page", q(pg + 8192 + 8, 1, 0x80));
    TRY_DONE("maskmovdqu to a present read-only page, zero mask", dq(pg + 8192, d, zero));

    memset(pg + 4096 - 16, 0x22, 16);
    TRY_DONE("maskmovq straddling into the unmapped page", q(pg + 4096 - 4, 0x0807060504030201ull, ~0ull));
    TRY_DONE("maskmovq straddling, only first-page bytes selected",
        q(pg + 4096 - 4, 0x0807060504030201ull, 0x80808080ull));
    TRY_DONE("maskmovq straddling, only second-page bytes selected",
        q(pg + 4096 - 4, 0x0807060504030201ull, 0x8080808000000000ull));
    TRY_DONE("maskmovdqu straddling, first-page bytes selected", dq(pg + 4096 - 8, d, m));
    if (avx)
        TRY_DONE("vmaskmovdqu straddling, first-page bytes selected", vdq(pg + 4096 - 8, d, m));
    dump("stored", pg + 4096 - 16, 16);
    return 0;
}
