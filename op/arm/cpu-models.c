/*
 * -cpu model (QEMU_CPU) for the ARM guest, with qemu-arm's model names.
 * stitch-arm advertises exactly what a model has (AT_HWCAP, AT_PLATFORM
 * and uname's machine, linux-user/arm/target-elf.h), since glibc picks
 * code paths from them, and its translator refuses (SIGILL, as the CPU's
 * Undefined Instruction exception) the instructions a model lacks
 * (arm_feature(), op/arm/cpu.h):
 *   - "any"/"max" (the default): ARMv7 A32 and Thumb-2 with VFPv3-D16, a
 *     Cortex-A9 class core without NEON;
 *   - arm1136, arm1176: ARMv6K, Thumb-1 only, VFPv2 (VFP11, whose short
 *     vectors are in hardware); arm1136-r2: ARMv6 without the v6K
 *     additions (no TLS register);
 *   - arm926, arm1026: ARMv5TE(J), Thumb-1, VFPv2 (VFP9-S, as qemu-arm
 *     models them);
 *   - arm946: ARMv5TE without any VFP (soft-float programs only).
 * The HWCAP words are the kernel's for such a core (arch/arm/include/
 * uapi/asm/hwcap.h: the proc-*.S bits, HWCAP_TLS from v6K, HWCAP_VFP from
 * vfpmodule.c) and agree with qemu-arm's for the same names; no JAVA bit,
 * since stitch has no Jazelle (BXJ is a BX).  Cores with NEON, VFPv4 or
 * the divide instructions (cortex-a8/a9/a15, max in qemu) are refused
 * rather than run with features that differ.  The platform string is the
 * kernel's elf_platform "v<arch>l" and the machine its cpu_arch_name
 * plus 'l' (arch/arm/mm/proc-arm926.S "armv5tej", proc-arm946.S
 * "armv5te", proc-v6.S "armv6", proc-v7.S "armv7").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "guest.h"

#define HWCAP_SWP ARM_HWCAP(SWP)
#define HWCAP_HALF ARM_HWCAP(HALF)
#define HWCAP_THUMB ARM_HWCAP(THUMB)
#define HWCAP_FAST_MULT ARM_HWCAP(FAST_MULT)
#define HWCAP_VFP ARM_HWCAP(VFP)
#define HWCAP_EDSP ARM_HWCAP(EDSP)
#define HWCAP_VFPv3 ARM_HWCAP(VFPv3)
#define HWCAP_VFPv3D16 ARM_HWCAP(VFPv3D16)
#define HWCAP_TLS ARM_HWCAP(TLS)

#define HW_V5TE (HWCAP_SWP | HWCAP_HALF | HWCAP_THUMB | HWCAP_FAST_MULT | HWCAP_EDSP)
#define HW_V6K (HW_V5TE | HWCAP_TLS)
#define HW_VFP2 HWCAP_VFP
#define HW_VFP3D16 (HWCAP_VFP | HWCAP_VFPv3 | HWCAP_VFPv3D16)

#define F_V6 ARM_FEATURE_V6
#define F_V6K (F_V6 | ARM_FEATURE_V6K)
#define F_V7 (F_V6K | ARM_FEATURE_THUMB2 | ARM_FEATURE_V7)
#define F_VFP2 ARM_FEATURE_VFP
#define F_VFP3 (ARM_FEATURE_VFP | ARM_FEATURE_VFP3)

/*
 * The cores' identities for /proc/cpuinfo: the MIDR qemu-arm gives the
 * model of the same name (a Cortex-A9 r0p0's for any/max), the kernel's
 * cpu_name for it (proc-v7.S "ARMv7 Processor", proc-v6.S
 * "ARMv6-compatible processor", proc-arm926.S "ARM926EJ-S" ...), and
 * proc_arch[] of what setup.c __get_cpu_architecture() finds: the MIDR's
 * architecture field (6: v5TEJ, 5: v5TE, 7: v6TEJ) plus one, or for the
 * revised format (0xf) v7 when ID_MMFR0's VMSA field is 3 or more, which
 * it is on the ARM1176 too (ID_MMFR0 0x01130003), so its kernel says 7.
 */
#define ID_A9 {0x410fc090, "ARMv7 Processor", "7"}
#define ID_1176 {0x410fb767, "ARMv6-compatible processor", "7"}
#define ID_1136 {0x4117b363, "ARMv6-compatible processor", "6TEJ"}
#define ID_1136R2 {0x4107b362, "ARMv6-compatible processor", "6TEJ"}
#define ID_1026 {0x4106a262, "ARM1026EJ-S", "5TEJ"}
#define ID_926 {0x41069265, "ARM926EJ-S", "5TEJ"}
#define ID_946 {0x41059461, "ARM946E-S", "5TE"}

/* X(name, features, HWCAP, platform, machine, id, help) */
#define CPU_MODELS(X)                                                        \
    X("any", F_V7 | F_VFP3, HW_V6K | HW_VFP3D16, "v7l", "armv7l", ID_A9,       \
      "the default: ARMv7 A32 and Thumb-2 with VFPv3-D16 (Cortex-A9 class, no NEON)") \
    X("max", F_V7 | F_VFP3, HW_V6K | HW_VFP3D16, "v7l", "armv7l", ID_A9,       \
      "the same as any")                                                    \
    X("arm1176", F_V6K | F_VFP2, HW_V6K | HW_VFP2, "v6l", "armv6l", ID_1176, \
      "ARM1176: ARMv6K, Thumb-1, VFPv2 with short vectors")                 \
    X("arm1136", F_V6K | F_VFP2, HW_V6K | HW_VFP2, "v6l", "armv6l", ID_1136, \
      "ARM1136 r1: ARMv6K, Thumb-1, VFPv2 with short vectors")              \
    X("arm1136-r2", F_V6 | F_VFP2, HW_V5TE | HW_VFP2, "v6l", "armv6l",       \
      ID_1136R2, "ARM1136 r0p2: ARMv6 (no TLS register), Thumb-1, VFPv2")   \
    X("arm1026", F_VFP2, HW_V5TE | HW_VFP2, "v5l", "armv5tejl", ID_1026,      \
      "ARM1026: ARMv5TE, Thumb-1, VFPv2")                                   \
    X("arm926", F_VFP2, HW_V5TE | HW_VFP2, "v5l", "armv5tejl", ID_926,        \
      "ARM926: ARMv5TE, Thumb-1, VFPv2")                                    \
    X("arm946", 0, HW_V5TE, "v5l", "armv5tel", ID_946, "ARM946: ARMv5TE, Thumb-1, no VFP")

static const struct {
    const char *name;
    uint32_t features, hwcap;
    const char *platform, *machine;
    ArmCpuId id;
    const char *help;
} models[] = {
#define MODEL(name, features, hwcap, platform, machine, id, help) \
    {name, features, hwcap, platform, machine, id, help},
    CPU_MODELS(MODEL)
#undef MODEL
};
#define NB_MODELS (sizeof(models) / sizeof(models[0]))

uint32_t arm_features = F_V7 | F_VFP3;
uint32_t arm_hwcap = HW_V6K | HW_VFP3D16;
const char *arm_platform = "v7l";
const char *arm_uname_machine = "armv7l";
ArmCpuId arm_cpu_id = ID_A9;

int cpu_model_select(const char *name)
{
    for (size_t i = 0; i < NB_MODELS; i++) {
        if (strcmp(models[i].name, name))
            continue;
        arm_features = models[i].features;
        arm_hwcap = models[i].hwcap;
        arm_platform = models[i].platform;
        arm_uname_machine = models[i].machine;
        arm_cpu_id = models[i].id;
        return 0;
    }
    return -1;
}

const uint32_t *cpu_model_features(size_t *n)
{
    *n = 1;
    return &arm_features;
}

void cpu_model_list(FILE *f)
{
    for (size_t i = 0; i < NB_MODELS; i++)
        fprintf(f, "  %-12s %s\n", models[i].name, models[i].help);
}
