/*
 * The i386 process's registers as linux-user sees them: the state a new
 * process starts with, and the stack pointer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "guest-user.h"

/* Linux's start_thread for a new i386 process: everything zero but the
 * entry point, the stack, the flags and the segments. */
void cpu_init_process(CPUState *env, uint32_t start_pc, uint32_t sp)
{
    env->eip = start_pc;
    env->regs[R_ESP] = sp;
    env->df = 1;
    env->eflags = IF_MASK | 0x2; /* bit 1 always reads as 1 */
    /* __USER_CS and __USER_DS of the x86 kernel (GDT entries 4 and 5, RPL 3). */
    cpu_load_seg_nofault(env, R_CS, 0x23);
    cpu_load_seg_nofault(env, R_DS, 0x2b);
    cpu_load_seg_nofault(env, R_ES, 0x2b);
    cpu_load_seg_nofault(env, R_SS, 0x2b);
    cpu_load_seg_nofault(env, R_FS, 0);
    cpu_load_seg_nofault(env, R_GS, 0);
}

uint32_t cpu_get_sp(const CPUState *env)
{
    return env->regs[R_ESP];
}

void cpu_set_sp(CPUState *env, uint32_t sp)
{
    env->regs[R_ESP] = sp;
}
