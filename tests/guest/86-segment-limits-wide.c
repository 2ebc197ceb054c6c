/* 86-segment-limits-wide: the accesses through a limited data segment
 * whose size is not an ordinary operand's: the x87 environment and save
 * image (FNSTENV/FLDENV 28 or 14 bytes, FNSAVE/FRSTOR 108 or 94), FXSAVE
 * and FXRSTOR (512), XSAVE/XRSTOR (the components EDX:EAX asks for), the
 * VEX.256 (AVX) 32-byte operands, and BT/BTS/BTR/BTC with a register bit
 * offset, whose word may be far from the operand's address.  Each is
 * tried with its last byte at the limit and one byte beyond (SDM vol. 3,
 * 5.3: every byte of the access is checked: #GP(0), SIGSEGV trap 13 error
 * code 0).  Everything printed must be what the real CPU and kernel
 * give. */
#include "fault-harness.h"

#include <asm/ldt.h>
#include <cpuid.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static unsigned char buf[8192] __attribute__((aligned(4096)));
static unsigned char save[4096] __attribute__((aligned(64)));

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    greg_t *g = uc->uc_mcontext.gregs;

    printf("  -> signal %d code %d addr %p trapno %d err %#x\n", sig, si->si_code,
           si->si_addr, (int)g[REG_TRAPNO], (unsigned)g[REG_ERR]);
    siglongjmp(back, 1);
}

/* One instruction (insn, its memory operand %%fs:(%1)) through FS =
 * selector sel at offset off; eax and edx as XSAVE's mask, ecx as BT's
 * bit offset. */
#define FS_CASE(what, sel, off, insn, a, c, d)                                    \
    do {                                                                          \
        char name_[128];                                                          \
        snprintf(name_, sizeof(name_), "%s fs:%#x", what, (unsigned)(off));       \
        TRY(name_, {                                                              \
            __asm__ volatile("movw %w0, %%fs\n\t" insn "\n\tmovw %w2, %%fs"       \
                             :: "r"(sel), "r"(off), "r"(0), "a"(a), "c"(c), "d"(d) \
                             : "memory", "cc");                                   \
            printf("  done\n");                                                   \
        });                                                                       \
    } while (0)

static void x87_images(void)
{
    /* selector 0x7: base buf, limit 0xff */
    FS_CASE("fnstenv (28)", 0x7, 0xe4, "fnstenv %%fs:(%1)", 0, 0, 0);
    FS_CASE("fnstenv (28)", 0x7, 0xe5, "fnstenv %%fs:(%1)", 0, 0, 0);
    FS_CASE("fldenv (28)", 0x7, 0xe4, "fnstenv %%fs:(%1)\n\tfldenv %%fs:(%1)", 0, 0, 0);
    FS_CASE("fldenv (28)", 0x7, 0xe5, "fldenv %%fs:(%1)", 0, 0, 0);
    FS_CASE("data16 fnstenv (14)", 0x7, 0xf2, "data16 fnstenv %%fs:(%1)", 0, 0, 0);
    FS_CASE("data16 fnstenv (14)", 0x7, 0xf3, "data16 fnstenv %%fs:(%1)", 0, 0, 0);
    FS_CASE("data16 fldenv (14)", 0x7, 0xf3, "data16 fldenv %%fs:(%1)", 0, 0, 0);
    FS_CASE("fnsave (108)", 0x7, 0x94, "fnsave %%fs:(%1)\n\tfrstor %%fs:(%1)", 0, 0, 0);
    FS_CASE("fnsave (108)", 0x7, 0x95, "fnsave %%fs:(%1)", 0, 0, 0);
    FS_CASE("frstor (108)", 0x7, 0x95, "frstor %%fs:(%1)", 0, 0, 0);
    FS_CASE("data16 fnsave (94)", 0x7, 0xa2, "data16 fnsave %%fs:(%1)\n\tdata16 frstor %%fs:(%1)", 0, 0, 0);
    FS_CASE("data16 fnsave (94)", 0x7, 0xa3, "data16 fnsave %%fs:(%1)", 0, 0, 0);
    FS_CASE("data16 frstor (94)", 0x7, 0xa3, "data16 frstor %%fs:(%1)", 0, 0, 0);
    __asm__ volatile("fninit");
    /* selector 0xf: base buf, limit 0xfff */
    FS_CASE("fxsave (512)", 0xf, 0xe00, "fxsave %%fs:(%1)\n\tfxrstor %%fs:(%1)", 0, 0, 0);
    FS_CASE("fxsave (512)", 0xf, 0xe10, "fxsave %%fs:(%1)", 0, 0, 0);
    FS_CASE("fxrstor (512)", 0xf, 0xe10, "fxrstor %%fs:(%1)", 0, 0, 0);
}

static void xsave_images(void)
{
    unsigned a, b, c, d;

    /* check-nosimd (STITCH_CPUID_NOSIMD, set for the native run too)
     * gives stitch's guest a CPU without XSAVE: nothing to compare */
    if (getenv("STITCH_CPUID_NOSIMD"))
        return;
    __cpuid(1, a, b, c, d);
    if (!(c & bit_OSXSAVE)) {
        printf("no xsave\n");
        return;
    }
    memset(buf + 0x800, 0, 0x800);
    /* the standard format: legacy area 0-511, header 512-575, AVX's
     * upper halves 576-831 (SDM vol. 1, 13.4) */
    FS_CASE("xsave x87|sse|avx (832)", 0xf, 0xcc0, "xsave %%fs:(%1)\n\txrstor %%fs:(%1)", 7, 0, 0);
    FS_CASE("xsave x87|sse|avx (832)", 0xf, 0xd00, "xsave %%fs:(%1)", 7, 0, 0);
    FS_CASE("xrstor x87|sse|avx (832)", 0xf, 0xd00, "xrstor %%fs:(%1)", 7, 0, 0);
    FS_CASE("xsave x87|sse (576)", 0xf, 0xdc0, "xsave %%fs:(%1)", 3, 0, 0);
    FS_CASE("xsave x87|sse (576)", 0xf, 0xe00, "xsave %%fs:(%1)", 3, 0, 0);
    FS_CASE("xsave x87 (576)", 0xf, 0xe00, "xsave %%fs:(%1)", 1, 0, 0);
    FS_CASE("xsave none (576)", 0xf, 0xe00, "xsave %%fs:(%1)", 0, 0, 0);
    FS_CASE("xrstor x87|sse (576)", 0xf, 0xe00, "xrstor %%fs:(%1)", 3, 0, 0);
    /* the compacted form puts AVX's state right after the header too */
    FS_CASE("xsavec x87|sse (576)", 0xf, 0xdc0, "xsavec %%fs:(%1)", 3, 0, 0);
    FS_CASE("xsavec x87|sse (576)", 0xf, 0xe00, "xsavec %%fs:(%1)", 3, 0, 0);
    FS_CASE("xsavec x87|sse|avx (832)", 0xf, 0xcc0, "xsavec %%fs:(%1)", 7, 0, 0);
    FS_CASE("xsavec x87|sse|avx (832)", 0xf, 0xd00, "xsavec %%fs:(%1)", 7, 0, 0);
}

static void avx_operands(void)
{
    unsigned a, b, c, d;

    /* check-nosimd hides CPUID's AVX bits from stitch's guest, not the
     * instructions */
    int nosimd = getenv("STITCH_CPUID_NOSIMD") != NULL;

    __cpuid(1, a, b, c, d);
    if (!nosimd && !(c & bit_AVX)) {
        printf("no avx\n");
        return;
    }
    FS_CASE("vmovdqu load (32)", 0x7, 0xe0, "vmovdqu %%fs:(%1), %%ymm0", 0, 0, 0);
    FS_CASE("vmovdqu load (32)", 0x7, 0xe1, "vmovdqu %%fs:(%1), %%ymm0", 0, 0, 0);
    FS_CASE("vmovups store (32)", 0x7, 0xe0, "vmovups %%ymm0, %%fs:(%1)", 0, 0, 0);
    FS_CASE("vmovups store (32)", 0x7, 0xe1, "vmovups %%ymm0, %%fs:(%1)", 0, 0, 0);
    FS_CASE("vaddps (32)", 0x7, 0xe1, "vaddps %%fs:(%1), %%ymm1, %%ymm0", 0, 0, 0);
    FS_CASE("vmovdqu xmm load (16)", 0x7, 0xf0, "vmovdqu %%fs:(%1), %%xmm0", 0, 0, 0);
    FS_CASE("vmovdqu xmm load (16)", 0x7, 0xf1, "vmovdqu %%fs:(%1), %%xmm0", 0, 0, 0);
    FS_CASE("vbroadcastss (4)", 0x7, 0xfc, "vbroadcastss %%fs:(%1), %%ymm0", 0, 0, 0);
    FS_CASE("vbroadcastss (4)", 0x7, 0xfd, "vbroadcastss %%fs:(%1), %%ymm0", 0, 0, 0);
    /* operands narrower than the vector: each size's last byte at the
     * limit, then one beyond */
    FS_CASE("vmovddup xmm (8)", 0x7, 0xf8, "vmovddup %%fs:(%1), %%xmm0", 0, 0, 0);
    FS_CASE("vmovddup xmm (8)", 0x7, 0xf9, "vmovddup %%fs:(%1), %%xmm0", 0, 0, 0);
    FS_CASE("vmovddup ymm (32)", 0x7, 0xe1, "vmovddup %%fs:(%1), %%ymm0", 0, 0, 0);
    FS_CASE("vcvtps2pd ymm (16)", 0x7, 0xf0, "vcvtps2pd %%fs:(%1), %%ymm0", 0, 0, 0);
    FS_CASE("vcvtps2pd ymm (16)", 0x7, 0xf1, "vcvtps2pd %%fs:(%1), %%ymm0", 0, 0, 0);
    FS_CASE("vaddss (4)", 0x7, 0xfc, "vaddss %%fs:(%1), %%xmm1, %%xmm0", 0, 0, 0);
    FS_CASE("vaddss (4)", 0x7, 0xfd, "vaddss %%fs:(%1), %%xmm1, %%xmm0", 0, 0, 0);
    FS_CASE("vaddsd (8)", 0x7, 0xf9, "vaddsd %%fs:(%1), %%xmm1, %%xmm0", 0, 0, 0);
    FS_CASE("vmovss store (4)", 0x7, 0xfd, "vmovss %%xmm0, %%fs:(%1)", 0, 0, 0);
    FS_CASE("vmovsd load (8)", 0x7, 0xf8, "vmovsd %%fs:(%1), %%xmm0", 0, 0, 0);
    FS_CASE("vmovsd load (8)", 0x7, 0xf9, "vmovsd %%fs:(%1), %%xmm0", 0, 0, 0);
    FS_CASE("vpsllw xmm count (16)", 0x7, 0xf1, "vpsllw %%fs:(%1), %%xmm1, %%xmm0", 0, 0, 0);
    FS_CASE("vucomisd (8)", 0x7, 0xf9, "vucomisd %%fs:(%1), %%xmm0", 0, 0, 0);
    FS_CASE("vcmpps ymm (32)", 0x7, 0xe1, "vcmpps $0, %%fs:(%1), %%ymm1, %%ymm0", 0, 0, 0);
    FS_CASE("vcmpss (4)", 0x7, 0xfd, "vcmpss $0, %%fs:(%1), %%xmm1, %%xmm0", 0, 0, 0);
    FS_CASE("vbroadcastf128 (16)", 0x7, 0xf1, "vbroadcastf128 %%fs:(%1), %%ymm0", 0, 0, 0);
    if (nosimd || (__get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & bit_AVX2))) {
        FS_CASE("vpmovzxbd ymm (8)", 0x7, 0xf8, "vpmovzxbd %%fs:(%1), %%ymm0", 0, 0, 0);
        FS_CASE("vpmovzxbd ymm (8)", 0x7, 0xf9, "vpmovzxbd %%fs:(%1), %%ymm0", 0, 0, 0);
        FS_CASE("vpmovsxwq ymm (8)", 0x7, 0xf9, "vpmovsxwq %%fs:(%1), %%ymm0", 0, 0, 0);
        FS_CASE("vpmovzxbw ymm (16)", 0x7, 0xf1, "vpmovzxbw %%fs:(%1), %%ymm0", 0, 0, 0);
        FS_CASE("vpbroadcastb (1)", 0x7, 0xff, "vpbroadcastb %%fs:(%1), %%ymm0", 0, 0, 0);
        FS_CASE("vpbroadcastw (2)", 0x7, 0xff, "vpbroadcastw %%fs:(%1), %%ymm0", 0, 0, 0);
        FS_CASE("vpbroadcastq (8)", 0x7, 0xf9, "vpbroadcastq %%fs:(%1), %%ymm0", 0, 0, 0);
        FS_CASE("vpaddd ymm (32)", 0x7, 0xe1, "vpaddd %%fs:(%1), %%ymm1, %%ymm0", 0, 0, 0);
        FS_CASE("vpsllvd ymm (32)", 0x7, 0xe0, "vpsllvd %%fs:(%1), %%ymm1, %%ymm0", 0, 0, 0);
        FS_CASE("vfmadd231sd (8)", 0x7, 0xf8, "vfmadd231sd %%fs:(%1), %%xmm1, %%xmm0", 0, 0, 0);
        FS_CASE("vfmadd231sd (8)", 0x7, 0xf9, "vfmadd231sd %%fs:(%1), %%xmm1, %%xmm0", 0, 0, 0);
        FS_CASE("vfmadd231ss (4)", 0x7, 0xfd, "vfmadd231ss %%fs:(%1), %%xmm1, %%xmm0", 0, 0, 0);
    }
    __asm__ volatile("vzeroupper");
}

static void bit_offsets(void)
{
    /* the word is at off + (bit >> 5) * 4 (SDM BT): inside, beyond, below
     * offset 0 (wraps to 4 GiB - 4) */
    FS_CASE("bt eax, bit 0x3e0", 0x7, 0x0, "btl %%ecx, %%fs:(%1)", 0, 0x7e0, 0);
    FS_CASE("bt eax, bit 0x800", 0x7, 0x0, "btl %%ecx, %%fs:(%1)", 0, 0x800, 0);
    FS_CASE("bt eax, bit 0x7e0", 0x7, 0x1, "btl %%ecx, %%fs:(%1)", 0, 0x7e0, 0);
    FS_CASE("bts eax, bit 0x7e0", 0x7, 0x0, "btsl %%ecx, %%fs:(%1)", 0, 0x7e0, 0);
    FS_CASE("btr eax, bit 0x800", 0x7, 0x0, "btrl %%ecx, %%fs:(%1)", 0, 0x800, 0);
    FS_CASE("btc eax, bit -1", 0x7, 0x10, "btcl %%ecx, %%fs:(%1)", 0, -1, 0);
    FS_CASE("btc eax, bit -0x81", 0x7, 0x10, "btcl %%ecx, %%fs:(%1)", 0, -0x81, 0);
    FS_CASE("bt ax, bit 0x7f0", 0x7, 0x0, "btw %%cx, %%fs:(%1)", 0, 0x7f0, 0);
    FS_CASE("bt ax, bit 0x7f8", 0x7, 0x1, "btw %%cx, %%fs:(%1)", 0, 0x7f0, 0);
    FS_CASE("lock bts eax, bit 0x800", 0x7, 0x0, "lock btsl %%ecx, %%fs:(%1)", 0, 0x800, 0);
}

int main(void)
{
    catch_faults(on_fault, SIGSEGV, SIGBUS, 0);
    /* flags: seg_32bit 1, limit_in_pages 0x10 */
    printf("modify_ldt: %d %d\n", ldt_set(0, (unsigned)buf, 0xff, 0x01),
           ldt_set(1, (unsigned)buf, 0xfff, 0x01));
    x87_images();
    xsave_images();
    avx_operands();
    bit_offsets();
    printf("buf: %02x %02x %02x\n", buf[0xfc], buf[0xff], buf[0x0c]);
    (void)save;
    return 0;
}
