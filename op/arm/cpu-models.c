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

#define HWCAP_SWP (1u << 0)
#define HWCAP_HALF (1u << 1)
#define HWCAP_THUMB (1u << 2)
#define HWCAP_FAST_MULT (1u << 4)
#define HWCAP_VFP (1u << 6)
#define HWCAP_EDSP (1u << 7)
#define HWCAP_VFPv3 (1u << 13)
#define HWCAP_VFPv3D16 (1u << 14)
#define HWCAP_TLS (1u << 15)

#define HW_V5TE (HWCAP_SWP | HWCAP_HALF | HWCAP_THUMB | HWCAP_FAST_MULT | HWCAP_EDSP)
#define HW_V6K (HW_V5TE | HWCAP_TLS)
#define HW_VFP2 HWCAP_VFP
#define HW_VFP3D16 (HWCAP_VFP | HWCAP_VFPv3 | HWCAP_VFPv3D16)

#define F_V6 ARM_FEATURE_V6
#define F_V6K (F_V6 | ARM_FEATURE_V6K)
#define F_V7 (F_V6K | ARM_FEATURE_THUMB2 | ARM_FEATURE_V7)
#define F_VFP2 ARM_FEATURE_VFP
#define F_VFP3 (ARM_FEATURE_VFP | ARM_FEATURE_VFP3)

/* X(name, features, HWCAP, platform, machine, help) */
#define CPU_MODELS(X)                                                        \
    X("any", F_V7 | F_VFP3, HW_V6K | HW_VFP3D16, "v7l", "armv7l",              \
      "the default: ARMv7 A32 and Thumb-2 with VFPv3-D16 (Cortex-A9 class, no NEON)") \
    X("max", F_V7 | F_VFP3, HW_V6K | HW_VFP3D16, "v7l", "armv7l", "the same as any") \
    X("arm1176", F_V6K | F_VFP2, HW_V6K | HW_VFP2, "v6l", "armv6l",          \
      "ARM1176: ARMv6K, Thumb-1, VFPv2 with short vectors")                 \
    X("arm1136", F_V6K | F_VFP2, HW_V6K | HW_VFP2, "v6l", "armv6l",          \
      "ARM1136 r1: ARMv6K, Thumb-1, VFPv2 with short vectors")              \
    X("arm1136-r2", F_V6 | F_VFP2, HW_V5TE | HW_VFP2, "v6l", "armv6l",       \
      "ARM1136 r0p2: ARMv6 (no TLS register), Thumb-1, VFPv2")              \
    X("arm1026", F_VFP2, HW_V5TE | HW_VFP2, "v5l", "armv5tejl",               \
      "ARM1026: ARMv5TE, Thumb-1, VFPv2")                                   \
    X("arm926", F_VFP2, HW_V5TE | HW_VFP2, "v5l", "armv5tejl",                \
      "ARM926: ARMv5TE, Thumb-1, VFPv2")                                    \
    X("arm946", 0, HW_V5TE, "v5l", "armv5tel", "ARM946: ARMv5TE, Thumb-1, no VFP")

static const struct {
    const char *name;
    uint32_t features, hwcap;
    const char *platform, *machine, *help;
} models[] = {
#define MODEL(name, features, hwcap, platform, machine, help) \
    {name, features, hwcap, platform, machine, help},
    CPU_MODELS(MODEL)
#undef MODEL
};
#define NB_MODELS (sizeof(models) / sizeof(models[0]))

uint32_t arm_features = F_V7 | F_VFP3;
uint32_t arm_hwcap = HW_V6K | HW_VFP3D16;
const char *arm_platform = "v7l";
const char *arm_uname_machine = "armv7l";

int cpu_model_select(const char *name)
{
    for (size_t i = 0; i < NB_MODELS; i++) {
        if (strcmp(models[i].name, name))
            continue;
        arm_features = models[i].features;
        arm_hwcap = models[i].hwcap;
        arm_platform = models[i].platform;
        arm_uname_machine = models[i].machine;
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
