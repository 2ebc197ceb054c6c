/*
 * -cpu model (QEMU_CPU) for the ARM guest.  stitch-arm implements one CPU:
 * the A32 and Thumb (Thumb-2) instruction sets of an ARMv7 core with
 * VFPv3-D16 (a Cortex-A9 class FPU: no NEON, no half precision, no short
 * vectors, no trapped exceptions) and without the divide instructions,
 * and it advertises exactly that (AT_HWCAP, linux-user/arm/target-elf.h),
 * since glibc picks code paths from it.  The names qemu-arm users pass
 * for such a core are accepted and mean that CPU; a name for a core with
 * more (NEON, VFPv4) or less (no VFP: its programs would still find VFP
 * in AT_HWCAP) is refused rather than run with features that differ.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "guest.h"

#define CPU_MODELS(X)                                                       \
    X("any", "the default: ARMv7 A32 and Thumb-2 with VFPv3-D16 (what stitch implements)") \
    X("max", "the same as any")

static const struct {
    const char *name;
    const char *help;
} models[] = {
#define MODEL(name, help) {name, help},
    CPU_MODELS(MODEL)
#undef MODEL
};
#define NB_MODELS (sizeof(models) / sizeof(models[0]))

int cpu_model_select(const char *name)
{
    for (size_t i = 0; i < NB_MODELS; i++)
        if (!strcmp(models[i].name, name))
            return 0;
    return -1;
}

void cpu_model_list(FILE *f)
{
    for (size_t i = 0; i < NB_MODELS; i++)
        fprintf(f, "  %-12s %s\n", models[i].name, models[i].help);
}
