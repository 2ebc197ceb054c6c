/*
 * Moving the guest's x87 and MXCSR state between CPUState and the host's
 * registers (op/i386/fpu-state.h says when and why).
 *
 * The transfer format is the host's FXSAVE image (SDM vol. 1, 10.5.1,
 * table 10-2): one FXRSTOR loads the eight registers, TOP, the tags and
 * both control words, one FXSAVE takes them back.  The image holds the
 * registers in stack order (ST(0) first) and the tags by physical
 * register, as CPUState's comments describe its own fields.  FIP, FOP
 * and FDP are CPUState's alone, stored by the ops as the instructions run
 * (translate/i386/fpu.c): the host's own, which FXSAVE on this AMD host
 * writes as 0 anyway unless an exception is pending, are not read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stddef.h>
#include <string.h>

#include "fpu-state.h"

typedef struct FxImage {
    uint16_t fcw, fsw;
    uint8_t ftw, reserved1;
    uint16_t fop;
    uint64_t fip, fdp;
    uint32_t mxcsr, mxcsr_mask;
    struct {
        uint64_t mant;
        uint16_t sexp, pad[3];
    } st[8];
    uint8_t xmm[16][16];
    uint8_t reserved2[96];
} __attribute__((aligned(16))) FxImage;

_Static_assert(sizeof(FxImage) == 512, "FXSAVE image is 512 bytes");
_Static_assert(offsetof(FxImage, st) == 32, "ST(0) at byte 32");

#define FPUS_TOP 0x3800

static void image_from_env(FxImage *fx, const CPUState *env)
{
    memset(fx, 0, sizeof(*fx));
    fx->fcw = env->fpuc_x ^ FPUC_RESET;
    fx->fsw = (env->fpus & ~FPUS_TOP) | (env->fpstt & 7) << 11;
    for (int r = 0; r < 8; r++)
        fx->ftw |= (env->fptag_used[r] != 0) << r;
    for (int i = 0; i < 8; i++) {
        const FPReg *v = &env->fpregs[(env->fpstt + i) & 7];
        fx->st[i].mant = v->x.mant;
        fx->st[i].sexp = v->x.sexp;
    }
    fx->mxcsr = env->mxcsr_x ^ MXCSR_RESET;
}

static void env_from_image(CPUState *env, const FxImage *fx)
{
    env->fpuc_x = fx->fcw ^ FPUC_RESET;
    env->fpstt = (fx->fsw & FPUS_TOP) >> 11;
    env->fpus = fx->fsw & ~FPUS_TOP;
    for (int r = 0; r < 8; r++)
        env->fptag_used[r] = (fx->ftw >> r) & 1;
    for (int i = 0; i < 8; i++) {
        FPReg *v = &env->fpregs[(env->fpstt + i) & 7];
        memset(v, 0, sizeof(*v));
        v->x.mant = fx->st[i].mant;
        v->x.sexp = fx->st[i].sexp;
    }
    env->mxcsr_x = fx->mxcsr ^ MXCSR_RESET;
}

/* Stitch's own FPU state: what Linux starts a process with. */
static void host_defaults(void)
{
    static const uint32_t mxcsr = MXCSR_RESET;

    __asm__ __volatile__("fninit\n\tldmxcsr %0" : : "m"(mxcsr) : "memory");
}

void fpu_state_load(CPUState *env)
{
    FxImage fx;

    image_from_env(&fx, env);
    __asm__ __volatile__("fxrstor64 %0" : : "m"(fx) : "memory");
    env->fp_live = 1;
}

void fpu_state_save(CPUState *env)
{
    FxImage fx;

    if (!env->fp_live)
        return;
    __asm__ __volatile__("fxsave64 %0" : "=m"(fx) : : "memory");
    env_from_image(env, &fx);
    host_defaults();
    env->fp_live = 0;
}

/* From the kernel's FXSAVE of a signal's context (which has FIP, FOP and
 * FDP only while an exception is pending). */
void fpu_state_take(CPUState *env, const void *fxsave_image)
{
    FxImage fx;

    memcpy(&fx, fxsave_image, sizeof(fx));
    env_from_image(env, &fx);
    /* An #MF: the host wrote FDP, the pending exception's operand, which
     * x87_ip_prune (translate/i386/translate.c) may have left unstored. */
    if ((fx.fsw & 0x80) && fx.fdp)
        env->fpdp = (uint32_t)(fx.fdp - guest_base);
    host_defaults();
    env->fp_live = 0;
}

/* MMX instructions: their helpers use CPUState's x87 registers but run
 * under the guest's MXCSR (CVTPI2PS, CVTPS2PI ...), so only the x87 part
 * leaves the host. */
void fpu_state_spill_x87(CPUState *env)
{
    uint32_t mxcsr;

    fpu_state_save(env);
    mxcsr = env->mxcsr_x ^ MXCSR_RESET;
    __asm__ __volatile__("ldmxcsr %0" : : "m"(mxcsr) : "memory");
}

void fpu_state_fill_x87(CPUState *env)
{
    uint32_t mxcsr;

    __asm__ __volatile__("stmxcsr %0" : "=m"(mxcsr) : : "memory");
    env->mxcsr_x = mxcsr ^ MXCSR_RESET;
    fpu_state_load(env);
}
