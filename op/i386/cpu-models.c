/*
 * -cpu model (QEMU_CPU): the CPUs whose CPUID feature words stitch can
 * report truthfully.  stitch advertises exactly what its translator
 * implements, since glibc picks code paths from these bits (op/i386/cpu.h),
 * so a model can only take features away: the ones below are the
 * subsets of {MMX, FXSR, SSE, SSE2} the Intel parts of that name had
 * (Intel SDM vol. 2A, CPUID, table 3-11), on top of the base that every
 * model reports (FPU, TSC, CX8, CMOV).  Family, model and brand do not
 * follow the choice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "guest.h"

#define MMX (1u << 23)
#define FXSR (1u << 24)
#define SSE (1u << 25)
#define SSE2 (1u << 26)

#define CPU_MODELS(X)                                                     \
    X("qemu32", MMX | FXSR | SSE | SSE2, "the default: every feature stitch implements") \
    X("max", MMX | FXSR | SSE | SSE2, "the same as qemu32")               \
    X("pentium4", MMX | FXSR | SSE | SSE2, "Pentium 4: MMX, SSE, SSE2")   \
    X("pentium3", MMX | FXSR | SSE, "Pentium III: MMX, SSE")              \
    X("pentium2", MMX | FXSR, "Pentium II: MMX")                          \
    X("pentiumpro", 0, "Pentium Pro: no SIMD")

static const struct {
    const char *name;
    uint32_t simd;
    const char *help;
} models[] = {
#define MODEL(name, simd, help) {name, simd, help},
    CPU_MODELS(MODEL)
#undef MODEL
};
#define NB_MODELS (sizeof(models) / sizeof(models[0]))

/* The SIMD bits of CPUID 1 EDX the chosen model keeps (cpuid_1_edx_features). */
uint32_t cpu_model_simd = MMX | FXSR | SSE | SSE2;

int cpu_model_select(const char *name)
{
    for (size_t i = 0; i < NB_MODELS; i++)
        if (!strcmp(models[i].name, name)) {
            cpu_model_simd = models[i].simd;
            return 0;
        }
    return -1;
}

void cpu_model_list(FILE *f)
{
    for (size_t i = 0; i < NB_MODELS; i++)
        fprintf(f, "  %-12s %s\n", models[i].name, models[i].help);
}
