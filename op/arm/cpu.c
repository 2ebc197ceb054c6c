/*
 * The ARM CPU's side of the engine interface (include/guest.h) and the
 * CPSR as a whole, assembled from the per-flag fields the ops keep
 * (op/arm/cpu.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <inttypes.h>

#include "guest.h"
#include "helper.h"
#include "log.h"

/* No guest state lives in host registers between TBs: the VFP registers
 * and FPSCR stay in env, and the VFP helpers set and restore MXCSR around
 * each operation (op/arm/helper-vfp.c).  No host SIGFPE in generated code
 * is the guest's: every host FP exception stays masked, as every VFP trap
 * enable is RAZ/WI on the modelled core, so Linux never sends the guest a
 * SIGFPE for VFP arithmetic either. */
void cpu_enter_code(CPUState *env)
{
    (void)env;
}

void cpu_leave_code(CPUState *env)
{
    (void)env;
}

void cpu_leave_code_in_signal(CPUState *env, const void *host_fpstate)
{
    (void)env;
    (void)host_fpstate;
}

int cpu_host_fpe(CPUState *env, int si_code, int trapno)
{
    (void)env;
    (void)si_code;
    (void)trapno;
    return 0;
}

/* The user-mode CPSR (ARM ARM B1.3.3): NZCVQ, GE[3:0], the T bit,
 * ITSTATE and mode USR; E (big-endian data), A, I, F are 0 for a Linux
 * process. */
uint32_t cpu_get_cpsr(const CPUState *env)
{
    uint32_t cpsr = CPSR_MODE_USR;

    cpsr |= env->NF & CPSR_N;
    cpsr |= env->ZF == 0 ? CPSR_Z : 0;
    cpsr |= env->CF ? CPSR_C : 0;
    cpsr |= env->VF ? CPSR_V : 0;
    cpsr |= env->QF ? CPSR_Q : 0;
    cpsr |= (env->GE & 0xf) << 16;
    cpsr |= env->thumb ? CPSR_T : 0;
    cpsr |= (env->condexec & 3) << 25 | (env->condexec >> 2) << 10;
    return cpsr;
}

/* Only the APSR bits (CPSR_USER) are writable from user mode; `mask`
 * narrows them further (MSR's field mask, sigreturn's whole APSR). */
void cpu_set_cpsr(CPUState *env, uint32_t cpsr, uint32_t mask)
{
    mask &= CPSR_USER;
    if (mask & CPSR_N)
        env->NF = cpsr & CPSR_N;
    if (mask & CPSR_Z)
        env->ZF = (cpsr & CPSR_Z) ? 0 : 1;
    if (mask & CPSR_C)
        env->CF = (cpsr & CPSR_C) ? 1 : 0;
    if (mask & CPSR_V)
        env->VF = (cpsr & CPSR_V) ? 1 : 0;
    if (mask & CPSR_Q)
        env->QF = (cpsr & CPSR_Q) ? 1 : 0;
    if (mask & CPSR_GE)
        env->GE = (env->GE & ~(mask >> 16)) | ((cpsr & mask & CPSR_GE) >> 16);
}

/* The execution state bits (T and ITSTATE), which MSR cannot write but
 * sigreturn and a debugger restore. */
void cpu_set_cpsr_exec(CPUState *env, uint32_t cpsr)
{
    env->thumb = (cpsr & CPSR_T) != 0;
    env->condexec = env->thumb ? ((cpsr >> 25) & 3) | ((cpsr >> 10) & 0x3f) << 2 : 0;
}

void cpu_dump_state(const CPUState *env)
{
    for (int i = 0; i < 16; i++)
        log_printf("R%02d=%08" PRIx32 "%s", i, env->regs[i],
                   i % 4 == 3 ? "\n" : " ");
    log_printf("PSR=%08" PRIx32 " %c%c%c%c Q=%" PRIu32 " GE=%" PRIx32 "\n",
               cpu_get_cpsr(env), env->NF >> 31 ? 'N' : '-',
               env->ZF ? '-' : 'Z', env->CF ? 'C' : '-',
               env->VF ? 'V' : '-', env->QF, env->GE);
    log_printf("FPSCR=%08" PRIx32 "\n", env->fpscr);
}
