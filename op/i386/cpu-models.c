/*
 * -cpu model (QEMU_CPU): the CPUs whose CPUID feature words stitch can
 * report truthfully.  stitch advertises exactly what its translator
 * implements, since glibc picks code paths from these bits (op/i386/cpu.h),
 * so a model can only take features away: the ones below are the
 * subsets of the SIMD extensions stitch has (MMX ... SSE4.2, AES-NI,
 * PCLMULQDQ, RDRAND, RDSEED, AVX, AVX2, FMA, F16C, XSAVE) the Intel
 * parts of that name (qemu's model names) had (Intel SDM vol. 2A,
 * CPUID, tables 3-10 and 3-11), on top of the base that every model
 * reports (FPU, TSC, CX8, CMOV, and the general-register extensions
 * MOVBE, POPCNT, LZCNT, BMI1, BMI2, ADX).  Family, model and brand do
 * not follow the choice.  The named models are Intel parts and say
 * GenuineIntel; "max" says the host's vendor (op/i386/helper-int.c), so
 * that glibc's start-up takes the path it takes natively.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sys/platform/x86.h>
#include <stdio.h>
#include <string.h>

#include "guest.h"

#define MMX (1u << 23)
#define FXSR (1u << 24)
#define SSE (1u << 25)
#define SSE2 (1u << 26)
#define P4 (MMX | FXSR | SSE | SSE2)

/* Leaf 1 ECX. */
#define SSE3 (1u << 0)
#define PCLMULQDQ (1u << 1)
#define SSSE3 (1u << 9)
#define SSE41 (1u << 19)
#define SSE42 (1u << 20)
#define AES (1u << 25)
#define RDRAND (1u << 30)
#define CORE2 (SSE3 | SSSE3)
#define NEHALEM (CORE2 | SSE41 | SSE42)
#define WESTMERE (NEHALEM | AES | PCLMULQDQ)
#define ALL_ECX (WESTMERE | RDRAND)
/* AVX, FMA, F16C and XSAVE with OSXSAVE (Linux enables XCR0's AVX bit on
 * such a CPU), leaf 7 AVX2: what qemu-i386 7.2's "max" reports of them
 * (target/i386/cpu.c, TCG_EXT_FEATURES, TCG_7_0_EBX_FEATURES). */
#define AVX_ECX ((1u << 12) | (1u << 26) | (1u << 27) | (1u << 28) | (1u << 29))
#define HASWELL (ALL_ECX | AVX_ECX)

/* Leaf 7 EBX. */
#define RDSEED (1u << 18)
#define AVX2 (1u << 5)

/* Leaf 7 ECX: RDPID, where the host has it (op/i386/helper-int.c). */
#define RDPID (1u << 22)

/* Leaf 0xD subleaf 1 EAX: XSAVEC, XGETBV1 (XINUSE), where the host has
 * them too (op/i386/helper-int.c); XSAVEOPT goes with XSAVE. */
#define XSAVEC (1u << 1)
#define XGETBV1 (1u << 2)

/* X(name, leaf 1 EDX, leaf 1 ECX, leaf 7 EBX, leaf 7 ECX, leaf 0xD.1 EAX,
 *   the host's vendor, help) */
#define CPU_MODELS(X)                                                      \
    X("max", P4, HASWELL, AVX2 | RDSEED, RDPID, XSAVEC | XGETBV1, 1,       \
      "the default: every feature stitch implements")                      \
    X("qemu32", P4, ALL_ECX, RDSEED, RDPID, 0, 0,                          \
      "all but AVX, AVX2, FMA, F16C and XSAVE (VEX is #UD)")               \
    X("Haswell", P4, HASWELL, AVX2 | RDSEED, 0, 0, 0,                      \
      "Haswell: AVX, AVX2, FMA, F16C, XSAVE")                              \
    X("Westmere", P4, WESTMERE, 0, 0, 0, 0,                                   \
      "Westmere: SSE4.2, AES-NI, PCLMULQDQ")                               \
    X("Nehalem", P4, NEHALEM, 0, 0, 0, 0, "Nehalem: SSE3, SSSE3, SSE4.1, SSE4.2") \
    X("Penryn", P4, CORE2 | SSE41, 0, 0, 0, 0, "Penryn: SSE3, SSSE3, SSE4.1")    \
    X("core2duo", P4, CORE2, 0, 0, 0, 0, "Core 2 Duo: SSE3, SSSE3")              \
    X("pentium4", P4, 0, 0, 0, 0, 0, "Pentium 4: MMX, SSE, SSE2")                \
    X("pentium3", MMX | FXSR | SSE, 0, 0, 0, 0, 0, "Pentium III: MMX, SSE")      \
    X("pentium2", MMX | FXSR, 0, 0, 0, 0, 0, "Pentium II: MMX")                  \
    X("pentiumpro", 0, 0, 0, 0, 0, 0, "Pentium Pro: no SIMD")

static const struct {
    const char *name;
    uint32_t simd, ecx, ebx7, ecx7, xsave1;
    int host_vendor;
    const char *help;
} models[] = {
#define MODEL(name, simd, ecx, ebx7, ecx7, xsave1, vendor, help) \
    {name, simd, ecx, ebx7, ecx7, xsave1, vendor, help},
    CPU_MODELS(MODEL)
#undef MODEL
};
#define NB_MODELS (sizeof(models) / sizeof(models[0]))

/* The SIMD bits of CPUID 1 EDX, 1 ECX and 7 EBX the chosen model keeps
 * (op/i386/helper-sse.c); "max" unless -cpu says otherwise. */
uint32_t cpu_model_simd = P4;
uint32_t cpu_model_simd_ecx = HASWELL;
uint32_t cpu_model_simd_ebx7 = AVX2 | RDSEED;
uint32_t cpu_model_ecx7 = RDPID;
uint32_t cpu_model_xsave1 = XSAVEC | XGETBV1;
int cpu_model_host_vendor = 1;

/* The host runs the guest's AVX, FMA and F16C instructions as they are
 * (op/i386/op-avx.c): a model with them needs a host with them. */
static int host_has_avx(void)
{
    /* glibc's record of the host (usable: the CPU has them and the kernel
     * saves the YMM state), not __builtin_cpu_supports(), whose libgcc
     * constructor executes a dozen CPUIDs, VM exits under a hypervisor */
    return CPU_FEATURE_ACTIVE(AVX2) && CPU_FEATURE_ACTIVE(FMA) && CPU_FEATURE_ACTIVE(F16C);
}

/* On a host without them the default "max" is "qemu32": without the
 * host's AVX2, FMA and F16C stitch cannot run the guest's. */
__attribute__((constructor)) static void cpu_model_default(void)
{
    if (!host_has_avx()) {
        cpu_model_simd_ecx = ALL_ECX;
        cpu_model_simd_ebx7 = RDSEED;
        cpu_model_xsave1 = 0;
    }
}

int cpu_model_select(const char *name)
{
    for (size_t i = 0; i < NB_MODELS; i++)
        if (!strcmp(models[i].name, name)) {
            if ((models[i].ecx & AVX_ECX) && !host_has_avx())
                return -1;
            cpu_model_simd = models[i].simd;
            cpu_model_simd_ecx = models[i].ecx;
            cpu_model_simd_ebx7 = models[i].ebx7;
            cpu_model_ecx7 = models[i].ecx7;
            cpu_model_xsave1 = models[i].xsave1;
            cpu_model_host_vendor = models[i].host_vendor;
            return 0;
        }
    return -1;
}

const uint32_t *cpu_model_features(size_t *n)
{
    static uint32_t words[5];

    words[0] = cpu_model_simd;
    words[1] = cpu_model_simd_ecx;
    words[2] = cpu_model_simd_ebx7;
    words[3] = cpu_model_ecx7;
    words[4] = cpu_model_xsave1;
    *n = 5;
    return words;
}

void cpu_model_list(FILE *f)
{
    for (size_t i = 0; i < NB_MODELS; i++)
        fprintf(f, "  %-12s %s\n", models[i].name, models[i].help);
}
