/*
 * Moving the guest's x87 and MXCSR state between CPUState and the host's
 * registers (op/i386/fpu-state.h says when and why).
 *
 * The transfer format is the host's FXSAVE image (SDM vol. 1, 10.5.1,
 * table 10-2): one FXRSTOR loads the eight registers, TOP, the tags and
 * both control words, one FXSAVE takes them back.  The image holds the
 * registers in stack order (ST(0) first) and the tags by physical
 * register, as CPUState's comments describe its own fields.
 *
 * FIP, FOP and FDP: once every TB stores them (X87_PTRS_STORED,
 * op/i386/x87-fip.c), they are CPUState's alone.  Before, they are the
 * host's: the host's FIP is the address of generated code, the copied
 * code of the guest instruction that ran last, which op/i386/x87-fip.c
 * maps back to the guest's FIP and FOP.  The host's FDP is the guest's:
 * a guest x87 instruction with a memory operand runs on the host at
 * guest_base + its address, and nothing else runs x87 memory
 * instructions while the state is live; so FDP goes to the host with the
 * state and comes back from it, through FLDENV and FNSTENV, which move it
 * on every vendor (AMD's FXSAVE and FXRSTOR skip it unless an exception
 * is pending).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stddef.h>
#include <string.h>

#include "fpu-state.h"
#include "x87-fip.h"

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

/* The guest's FDP as a host address (low 32 bits, which is all a 32-bit
 * FLDENV or FNSTENV moves), and back.  The host's FDP is 0 after the
 * guest's FNINIT, which stands for the guest's 0 (so the one guest
 * address whose host address ends in 32 zero bits reads as 0 too). */
static uint32_t host_fdp(uint32_t fdp)
{
    return fdp ? (uint32_t)(guest_base + fdp) : 0;
}

static uint32_t guest_fdp(uint32_t host)
{
    return host ? host - (uint32_t)guest_base : 0;
}

/* The guest's FIP and FOP from the host's FIP, when that is in the copied
 * code of a guest x87 instruction; otherwise (0 after fpu_state_load, a
 * TB that stores them, or under --interp) CPUState has them already. */
static void guest_fip(CPUState *env, uint32_t host)
{
    uint32_t ip, op;

    if (host && x87_fip_map_find(host, &ip, &op)) {
        env->fpip = ip;
        env->fpop = op;
    }
}

void fpu_state_load(CPUState *env)
{
    FxImage fx;

    image_from_env(&fx, env);
    if (x87_ptrs() == X87_PTRS_STORED) {
        __asm__ __volatile__("fxrstor64 %0" : : "m"(fx) : "memory");
    } else {
        /* FLDENV first, for FDP only: control word all masked, status 0,
         * every tag empty; FXRSTOR then loads the real state (SDM vol. 1,
         * figure 8-9), and on Intel FDP from the image too. */
        uint32_t fenv[7] = {0xffff037f, 0xffff0000, 0xffffffff, 0, 0, host_fdp(env->fpdp), 0};
        fx.fdp = env->fpdp ? guest_base + env->fpdp : 0;
        __asm__ __volatile__("fldenv %1\n\tfxrstor64 %0" : : "m"(fx), "m"(fenv) : "memory");
    }
    env->fp_live = 1;
}

void fpu_state_save(CPUState *env)
{
    FxImage fx;
    uint32_t fenv[7];
    int stored = x87_ptrs() == X87_PTRS_STORED;

    if (env->fip_from_signal) {
        if (!stored)
            guest_fip(env, env->fip_from_signal);
        env->fip_from_signal = 0;
    }
    if (!env->fp_live)
        return;
    if (stored) {
        __asm__ __volatile__("fxsave64 %0" : "=m"(fx) : : "memory");
        env_from_image(env, &fx);
    } else {
        __asm__ __volatile__("fxsave64 %0\n\tfnstenv %1" : "=m"(fx), "=m"(fenv) : : "memory");
        env_from_image(env, &fx);
        env->fpdp = guest_fdp(fenv[5]);
        guest_fip(env, fenv[3]);
    }
    host_defaults();
    env->fp_live = 0;
}

/* From the kernel's FXSAVE of a signal's context (which has FIP, FOP and
 * FDP only while an exception is pending; then they are the ones a #MF
 * handler sees).  The host FIP is mapped back later, out of the signal
 * handler (fpu_state_save). */
void fpu_state_take(CPUState *env, const void *fxsave_image)
{
    FxImage fx;

    memcpy(&fx, fxsave_image, sizeof(fx));
    env_from_image(env, &fx);
    /* An #MF: the host wrote FDP, the pending exception's operand, which
     * x87_ip_prune (translate/i386/translate.c) may have left unstored. */
    if ((fx.fsw & 0x80) && fx.fdp)
        env->fpdp = (uint32_t)(fx.fdp - guest_base);
    if (x87_ptrs() != X87_PTRS_STORED)
        env->fip_from_signal = (uint32_t)fx.fip;
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
