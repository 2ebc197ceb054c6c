/*
 * -cpu: what a program learns about the CPU model and what it may run.
 * Run once per model (the runner passes `-cpu M` to stitch and M as
 * argv[1]); each model's row below is written from the kernel and the
 * ARM ARM, not from stitch: AT_HWCAP is the kernel's (arch/arm/include/
 * uapi/asm/hwcap.h; the proc-*.S bits of the core, HWCAP_TLS from v6K,
 * HWCAP_VFP/VFPv3/VFPv3D16 from vfpmodule.c), AT_PLATFORM its
 * elf_platform "v<arch>l", uname's machine its cpu_arch_name + "l"
 * (proc-arm946.S "armv5te", proc-arm926.S "armv5tej", proc-v6.S
 * "armv6", proc-v7.S "armv7").  Then one probe per architecture
 * feature, its first instruction the feature's: on a model that has the
 * feature it computes its result; on one that lacks it, the instruction
 * is UNDEFINED (ARM ARM A8.1.6: an instruction of an unimplemented
 * extension), so SIGILL with ILL_ILLOPC at that very instruction, T in
 * the signal context's CPSR for a Thumb probe.  The program itself is
 * ARMv5TE soft-float (cflags below), as Debian armel builds, so that it
 * runs on every model.
 *
 * cflags: -march=armv5te -mfloat-abi=soft
 * cpus: any max arm1176 arm1136 arm1136-r2 arm1026 arm926 arm946
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/utsname.h>
#include <ucontext.h>

#include "insn-test.h"

enum {
    V6 = 1 << 0,  /* ARMv6: REV, LDREX/STREX, SETEND, the CP15 barriers */
    V6K = 1 << 1, /* TPIDRURO, LDREXB/STREXB, CLREX */
    T2 = 1 << 2,  /* v6T2: MOVW, UBFX; 32-bit Thumb, IT, CBZ */
    V7 = 1 << 3,  /* DMB */
    VFP = 1 << 4, /* VFPv2 */
    VFP3 = 1 << 5 /* VFPv3: VMOV immediate, fixed-point VCVT */
};

/* AT_HWCAP bits (arch/arm/include/uapi/asm/hwcap.h) */
#define SWP (1u << 0)
#define HALF (1u << 1)
#define THUMB (1u << 2)
#define FAST_MULT (1u << 4)
#define HW_VFP (1u << 6)
#define EDSP (1u << 7)
#define VFPv3 (1u << 13)
#define VFPv3D16 (1u << 14)
#define TLS (1u << 15)
#define BASE (SWP | HALF | THUMB | FAST_MULT | EDSP)

/* The names /proc/cpuinfo's Features line gives AT_HWCAP's bits, bit i
 * the i-th (arch/arm/kernel/setup.c hwcap_str[]). */
static const char *const hwcap_names[] = {
    "swp",  "half",   "thumb",   "26bit", "fastmult", "fpa",      "vfp",   "edsp",
    "java", "iwmmxt", "crunch",  "thumbee", "neon",   "vfpv3",    "vfpv3d16", "tls",
    "vfpv4", "idiva", "idivt",   "vfpd32", "lpae",    "evtstrm",
};

/* Each model's core as /proc/cpuinfo describes it: qemu-arm's MIDR for
 * the model (implementer 0x41 = ARM; variant, part, revision), the
 * kernel's cpu_name for its proc-*.S entry, and the kernel's "CPU
 * architecture" (setup.c __get_cpu_architecture: the MIDR's architecture
 * field 5 -> 5TE, 6 -> 5TEJ, 7 -> 6TEJ; 0xf with ID_MMFR0's VMSA field 3
 * -> 7, the ARM1176 included). */
static const struct {
    const char *name;
    unsigned features;
    uint32_t hwcap;
    const char *platform, *machine;
    uint32_t variant, part, revision;
    const char *cpu_name, *arch;
} models[] = {
    {"any", V6 | V6K | T2 | V7 | VFP | VFP3, BASE | TLS | HW_VFP | VFPv3 | VFPv3D16, "v7l", "armv7l",
     0, 0xc09, 0, "ARMv7 Processor", "7"},
    {"max", V6 | V6K | T2 | V7 | VFP | VFP3, BASE | TLS | HW_VFP | VFPv3 | VFPv3D16, "v7l", "armv7l",
     0, 0xc09, 0, "ARMv7 Processor", "7"},
    {"arm1176", V6 | V6K | VFP, BASE | TLS | HW_VFP, "v6l", "armv6l", 0, 0xb76, 7,
     "ARMv6-compatible processor", "7"},
    {"arm1136", V6 | V6K | VFP, BASE | TLS | HW_VFP, "v6l", "armv6l", 1, 0xb36, 3,
     "ARMv6-compatible processor", "6TEJ"},
    {"arm1136-r2", V6 | VFP, BASE | HW_VFP, "v6l", "armv6l", 0, 0xb36, 2,
     "ARMv6-compatible processor", "6TEJ"},
    {"arm1026", VFP, BASE | HW_VFP, "v5l", "armv5tejl", 0, 0xa26, 2, "ARM1026EJ-S", "5TEJ"},
    {"arm926", VFP, BASE | HW_VFP, "v5l", "armv5tejl", 0, 0x926, 5, "ARM926EJ-S", "5TEJ"},
    {"arm946", 0, BASE, "v5l", "armv5tel", 0, 0x946, 1, "ARM946E-S", "5TE"},
};

/* The probes: r0 in, r0 out; the instruction under test first.  The
 * assembler is told everything exists; the CPU decides. */
__asm__(".syntax unified\n"
        ".arch armv7-a\n"
        ".fpu vfpv3\n"
        ".text\n"
        ".arm\n"
        ".align 2\n"
        "p_vfp:    vmov s0, r0\n"
        "          vadd.f32 s0, s0, s0\n"
        "          vmov r0, s0\n"
        "          bx lr\n"
        "p_vfp3:   vmov.f32 s0, #1.0\n"
        "          vmov r0, s0\n"
        "          bx lr\n"
        "p_vcvtx:  vcvt.f32.s32 s0, s0, #16\n"
        "          mov r0, #11\n"
        "          bx lr\n"
        "p_rev:    rev r0, r0\n"
        "          bx lr\n"
        "p_ldrex:  ldrex r1, [r0]\n"
        "          strex r2, r1, [r0]\n"
        "          mov r0, r2\n"
        "          bx lr\n"
        "p_setend: setend le\n"
        "          mov r0, #4\n"
        "          bx lr\n"
        "p_cp15b:  mcr p15, 0, r0, c7, c10, 5\n"
        "          mov r0, #5\n"
        "          bx lr\n"
        "p_ldrexb: ldrexb r1, [r0]\n"
        "          strexb r2, r1, [r0]\n"
        "          mov r0, r2\n"
        "          bx lr\n"
        "p_clrex:  clrex\n"
        "          mov r0, #7\n"
        "          bx lr\n"
        "p_tls:    mrc p15, 0, r0, c13, c0, 3\n"
        "          bx lr\n"
        "p_movw:   movw r0, #0x1234\n"
        "          bx lr\n"
        "p_ubfx:   ubfx r0, r0, #4, #8\n"
        "          bx lr\n"
        "p_dmb:    dmb ish\n"
        "          mov r0, #9\n"
        "          bx lr\n"
        "p_pld:    pld [r0]\n"
        "          mov r0, #12\n"
        "          bx lr\n"
        "p_pli:    pli [r0, #4]\n"
        "          mov r0, #13\n"
        "          bx lr\n"
        "p_pldw:   .inst 0xf590f000\n" /* pldw [r0] (v7 MP) */
        "          mov r0, #14\n"
        "          bx lr\n"
        "p_ldrht:  ldrht r1, [r0], #2\n"
        "          mov r0, r1\n"
        "          bx lr\n"
        "p_strht:  strht r0, [r0]\n"
        "          mov r0, #15\n"
        "          bx lr\n"
        "p_ldrsbt: ldrsbt r1, [r0]\n"
        "          mov r0, r1\n"
        "          bx lr\n"
 /* The hints of the MSR (immediate) space, mask 0 (A5.2.11): NOP, YIELD,
  * WFE, WFI, SEV (v6K), DBG #5 (v7), an unallocated hint #8; each
  * returns 16 + its hint number. */
        "p_hnop  : .inst 0xe320f000\n"
        "          mov r0, #16\n"
        "          bx lr\n"
        "p_hyield: .inst 0xe320f001\n"
        "          mov r0, #17\n"
        "          bx lr\n"
        "p_hwfe  : .inst 0xe320f002\n"
        "          mov r0, #18\n"
        "          bx lr\n"
        "p_hwfi  : .inst 0xe320f003\n"
        "          mov r0, #19\n"
        "          bx lr\n"
        "p_hsev  : .inst 0xe320f004\n"
        "          mov r0, #20\n"
        "          bx lr\n"
        "p_hdbg  : .inst 0xe320f0f5\n"
        "          mov r0, #21\n"
        "          bx lr\n"
        "p_h8    : .inst 0xe320f008\n"
        "          mov r0, #24\n"
        "          bx lr\n"
        ".thumb\n"
        ".thumb_func\n"
        "p_tbl:    push {lr}\n"
        "          bl t_inc\n"
        "          pop {pc}\n"
        ".thumb_func\n"
        "t_inc:    adds r0, #1\n"
        "          bx lr\n"
        ".thumb_func\n"
        "p_trev:   rev r0, r0\n"
        "          bx lr\n"
        ".thumb_func\n"
        "p_t2:     add.w r0, r0, #0x100\n"
        "          bx lr\n"
        ".thumb_func\n"
        "p_it:     .inst.n 0xbfe8\n" /* it al */
        "          .inst.n 0x2003\n" /* mov r0, #3 (in the block: no S) */
        "          bx lr\n"
        ".thumb_func\n"
        "p_cbz:    cbz r0, 1f\n"
        "          movs r0, #1\n"
        "1:        bx lr\n"
        ".thumb_func\n"
        "p_tnop  : .inst.n 0xbf00\n"
        "          movs r0, #16\n"
        "          bx lr\n"
        ".thumb_func\n"
        "p_tyield: .inst.n 0xbf10\n"
        "          movs r0, #17\n"
        "          bx lr\n"
        ".thumb_func\n"
        "p_twfe  : .inst.n 0xbf20\n"
        "          movs r0, #18\n"
        "          bx lr\n"
        ".thumb_func\n"
        "p_twfi  : .inst.n 0xbf30\n"
        "          movs r0, #19\n"
        "          bx lr\n"
        ".thumb_func\n"
        "p_tsev  : .inst.n 0xbf40\n"
        "          movs r0, #20\n"
        "          bx lr\n"
        ".thumb_func\n"
        "p_tnopw : .inst.w 0xf3af8000\n"
        "          movs r0, #22\n"
        "          bx lr\n"
        ".thumb_func\n"
        "p_tdbg  : .inst.w 0xf3af80f5\n"
        "          movs r0, #21\n"
        "          bx lr\n"
        ".arm\n");

typedef uint32_t Probe(uint32_t);
extern Probe p_vfp, p_vfp3, p_vcvtx, p_rev, p_ldrex, p_setend, p_cp15b, p_ldrexb,
    p_clrex, p_tls, p_movw, p_ubfx, p_dmb, p_pld, p_pli, p_pldw, p_ldrht, p_strht,
    p_ldrsbt, p_tbl, p_trev, p_t2, p_it, p_cbz, p_hnop, p_hyield, p_hwfe, p_hwfi, p_hsev,
    p_hdbg, p_h8, p_tnop, p_tyield, p_twfe, p_twfi, p_tsev, p_tnopw, p_tdbg;

static uint32_t word; /* what the exclusive probes load and store */
#define ANY_RESULT 0xdeadbeefu

static sigjmp_buf jump;
static volatile int got_sig, got_code;
static volatile uint32_t got_pc, got_cpsr;

static void handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;

    got_sig = sig;
    got_code = si->si_code;
    got_pc = (uint32_t)uc->uc_mcontext.arm_pc;
    got_cpsr = (uint32_t)uc->uc_mcontext.arm_cpsr;
    siglongjmp(jump, 1);
}

/* __kuser_get_tls (Documentation/arm/kernel_user_helpers.rst): the
 * thread pointer on every core; MRC TPIDRURO must agree where it exists. */
static uint32_t kuser_tls(void)
{
    return ((uint32_t(*)(void))0xffff0fe0u)();
}

static void probe(const char *what, unsigned model_features, unsigned needs, Probe *fn,
                  uint32_t in, uint32_t want)
{
    uint32_t at = (uint32_t)(uintptr_t)fn, out = 0;

    got_sig = 0;
    if (!sigsetjmp(jump, 1))
        out = fn(in);
    if ((model_features & needs) == needs) {
        check(what, got_sig, 0);
        if (want != ANY_RESULT)
            check(what, out, want);
        return;
    }
    /* Undefined: SIGILL, ILL_ILLOPC, the pc at the probe's first
     * instruction, T set for a Thumb probe (bit 0 of its address). */
    check(what, got_sig, SIGILL);
    check(what, got_code, ILL_ILLOPC);
    check(what, got_pc, at & ~1u);
    check(what, (got_cpsr >> 5) & 1, at & 1);
}

/* The Features line's words, in order and each once, are exactly the
 * names of the bits set in `hwcap`, lowest bit first. */
static int features_match(const char *line, uint32_t hwcap)
{
    char want[256] = "";

    for (unsigned b = 0; b < sizeof(hwcap_names) / sizeof(hwcap_names[0]); b++)
        if (hwcap & (1u << b)) {
            strcat(want, hwcap_names[b]);
            strcat(want, " ");
        }
    return hwcap < (1u << (sizeof(hwcap_names) / sizeof(hwcap_names[0]))) &&
           !strcmp(line, want);
}

/* "key<tabs>: value": the value of a line whose key is `key`, else NULL. */
static const char *value_of(const char *line, const char *key)
{
    size_t n = strlen(key);

    if (strncmp(line, key, n))
        return NULL;
    line += n;
    line += strspn(line, "\t");
    return !strncmp(line, ": ", 2) ? line + 2 : NULL;
}

/* /proc/cpuinfo as the kernel's c_show writes it for this model: one
 * entry per CPU the process may run on, each with the model's name,
 * AT_HWCAP's Features and the MIDR's fields, then Hardware/Revision/
 * Serial. */
static void check_cpuinfo(unsigned m)
{
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[512], want[128];
    unsigned processors = 0, features = 0, good = 0, hardware = 0;
    uint32_t hwcap = (uint32_t)getauxval(AT_HWCAP);
    cpu_set_t set;
    const char *v;

    check("/proc/cpuinfo opens", f != NULL, 1);
    if (!f)
        return;
    while (fgets(line, sizeof(line), f)) {
        line[strcspn(line, "\n")] = 0;
        if ((v = value_of(line, "processor"))) {
            processors++;
            check("processor n is a CPU of the affinity mask",
                  sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_ISSET(atoi(v), &set), 1);
        } else if ((v = value_of(line, "model name"))) {
            snprintf(want, sizeof(want), "%s rev %u (%s)", models[m].cpu_name, models[m].revision,
                     models[m].platform);
            good += !strcmp(v, want);
        } else if ((v = value_of(line, "Features"))) {
            features++;
            check("Features = AT_HWCAP's names", features_match(v, hwcap), 1);
        } else if ((v = value_of(line, "CPU implementer"))) {
            good += strtoul(v, NULL, 0) == 0x41;
        } else if ((v = value_of(line, "CPU architecture"))) {
            good += !strcmp(v, models[m].arch);
        } else if ((v = value_of(line, "CPU variant"))) {
            good += strtoul(v, NULL, 0) == models[m].variant;
        } else if ((v = value_of(line, "CPU part"))) {
            good += strtoul(v, NULL, 0) == models[m].part;
        } else if ((v = value_of(line, "CPU revision"))) {
            good += strtoul(v, NULL, 0) == models[m].revision;
        } else if (value_of(line, "Hardware") || value_of(line, "Revision") ||
                   value_of(line, "Serial")) {
            hardware++;
        }
    }
    fclose(f);
    CPU_ZERO(&set);
    sched_getaffinity(0, sizeof(set), &set);
    check("one processor entry per CPU of the affinity mask", processors, (uint32_t)CPU_COUNT(&set));
    check("one Features line per processor", features, processors);
    check("model name, implementer, architecture, variant, part, revision", good, 6 * processors);
    check("Hardware, Revision, Serial", hardware, 3);
}

int main(int argc, char **argv)
{
    const char *name = argc > 1 ? argv[1] : "any";
    struct sigaction sa;
    struct utsname u;
    unsigned f, i;

    for (i = 0; i < sizeof(models) / sizeof(models[0]); i++)
        if (!strcmp(models[i].name, name))
            break;
    if (i == sizeof(models) / sizeof(models[0])) {
        printf("FAIL: unknown model %s\n", name);
        return 1;
    }
    f = models[i].features;

    group("AT_HWCAP, AT_PLATFORM, uname machine");
    check("AT_HWCAP", (uint32_t)getauxval(AT_HWCAP), models[i].hwcap);
    check("AT_HWCAP2", (uint32_t)getauxval(AT_HWCAP2), 0);
    check("AT_PLATFORM", strcmp((const char *)getauxval(AT_PLATFORM), models[i].platform), 0);
    uname(&u);
    check("uname machine", strcmp(u.machine, models[i].machine), 0);
    end_group();

    group("/proc/cpuinfo: the model's core, Features = AT_HWCAP");
    check_cpuinfo(i);
    end_group();

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGILL, &sa, NULL);

    group("A32 and VFP instructions of the model, SIGILL at the others");
    probe("VADD.F32 (VFPv2)", f, VFP, p_vfp, 0x3fc00000, 0x40400000);
    probe("VMOV.F32 #1.0 (VFPv3)", f, VFP | VFP3, p_vfp3, 0, 0x3f800000);
    probe("VCVT fixed-point (VFPv3)", f, VFP | VFP3, p_vcvtx, 0, 11);
    probe("REV (v6)", f, V6, p_rev, 0x11223344, 0x44332211);
    probe("LDREX/STREX (v6)", f, V6, p_ldrex, (uint32_t)(uintptr_t)&word, 0);
    probe("SETEND LE (v6)", f, V6, p_setend, 0, 4);
    probe("MCR CP15 DMB (v6)", f, V6, p_cp15b, 0, 5);
    probe("LDREXB/STREXB (v6K)", f, V6K, p_ldrexb, (uint32_t)(uintptr_t)&word, 0);
    probe("CLREX (v6K)", f, V6K, p_clrex, 0, 7);
    probe("MRC TPIDRURO (v6K)", f, V6K, p_tls, 0, kuser_tls());
    probe("MOVW (v6T2)", f, T2, p_movw, 0, 0x1234);
    probe("UBFX (v6T2)", f, T2, p_ubfx, 0x12345678, 0x67);
    probe("DMB (v7)", f, V7, p_dmb, 0, 9);
    probe("PLD (v5TE)", f, 0, p_pld, (uint32_t)(uintptr_t)&word, 12);
    probe("PLI (v7)", f, V7, p_pli, (uint32_t)(uintptr_t)&word, 13);
    probe("PLDW (v7 MP)", f, V7, p_pldw, (uint32_t)(uintptr_t)&word, 14);
    word = 0xff80c0f1u;
    probe("LDRHT (v6T2)", f, T2, p_ldrht, (uint32_t)(uintptr_t)&word, 0xc0f1);
    probe("LDRSBT (v6T2)", f, T2, p_ldrsbt, (uint32_t)(uintptr_t)&word, 0xfffffff1u);
    probe("STRHT (v6T2)", f, T2, p_strht, (uint32_t)(uintptr_t)&word, 15);
    check("STRHT (v6T2) stores the halfword", word,
          f & T2 ? 0xff800000u | ((uint32_t)(uintptr_t)&word & 0xffff) : 0xff80c0f1u);
    end_group();

    /* A32: NOP, YIELD, WFE, WFI and SEV are v6K, DBG v7, and on v6K and
     * later every other hint of the space executes as a NOP (A5.2.11);
     * before v6K the same encodings are MSR (immediate) with an empty
     * field mask, which writes no byte of the CPSR (the ARM1176 TRM's
     * "true NOP ... no bytes selected").  WFI and WFE in User mode return
     * at the next interrupt or event.  So on every model: no effect. */
    group("A32 hints: no effect on every model (MSR with an empty mask before v6K)");
    probe("NOP", f, 0, p_hnop, 0, 16);
    probe("YIELD", f, 0, p_hyield, 0, 17);
    probe("WFE", f, 0, p_hwfe, 0, 18);
    probe("WFI", f, 0, p_hwfi, 0, 19);
    probe("SEV", f, 0, p_hsev, 0, 20);
    probe("DBG #5", f, 0, p_hdbg, 0, 21);
    probe("hint #8 (unallocated)", f, 0, p_h8, 0, 24);
    end_group();

    group("Thumb instructions of the model, SIGILL at the others");
    probe("Thumb BL pair (v5T)", f, 0, p_tbl, 41, 42);
    probe("Thumb REV (v6)", f, V6, p_trev, 0x11223344, 0x44332211);
    probe("Thumb-2 ADD.W (v6T2)", f, T2, p_t2, 1, 0x101);
    probe("IT (v6T2)", f, T2, p_it, 0, 3);
    probe("CBZ (v6T2)", f, T2, p_cbz, 5, 1);
    /* The Thumb hints are v6T2 (A6.2.5: the 16-bit ones share IT's
     * space, 1011 1111, UNDEFINED in Thumb-1; A6.3.4 the 32-bit ones):
     * SIGILL below it (qemu-arm 7.2 runs the 16-bit ones on every
     * model). */
    probe("Thumb NOP (v6T2)", f, T2, p_tnop, 0, 16);
    probe("Thumb YIELD (v6T2)", f, T2, p_tyield, 0, 17);
    probe("Thumb WFE (v6T2)", f, T2, p_twfe, 0, 18);
    probe("Thumb WFI (v6T2)", f, T2, p_twfi, 0, 19);
    probe("Thumb SEV (v6T2)", f, T2, p_tsev, 0, 20);
    probe("Thumb NOP.W (v6T2)", f, T2, p_tnopw, 0, 22);
    probe("Thumb DBG #5 (v7)", f, T2 | V7, p_tdbg, 0, 21);
    end_group();
    return finish();
}
