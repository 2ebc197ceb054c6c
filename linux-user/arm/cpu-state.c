/*
 * The ARM process's registers as linux-user sees them: the state a new
 * process starts with, and the stack pointer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "guest-user.h"
#include "arm-user.h"

/*
 * start_thread (arch/arm/include/asm/processor.h) and ELF_PLAT_INIT: every
 * register zero (r0 too), user mode, flags clear; bit 0 of the entry point
 * selects Thumb state.  The vectors page is the exec's too: the kernel
 * maps it into every new mm (arch_setup_additional_pages).
 */
void cpu_init_process(CPUState *env, uint32_t start_pc, uint32_t sp)
{
    env->regs[15] = start_pc & ~1u;
    cpu_set_cpsr_exec(env, start_pc & 1 ? CPSR_T : 0);
    env->regs[R_SP] = sp;
    cpu_set_cpsr(env, CPSR_MODE_USR, CPSR_USER);
    env->exclusive_addr = (uint32_t)-1;
    env->fpexc = FPEXC_EN; /* Linux's vfp_thread_flush: FPSCR 0, VFP on */
    kuser_page_map();
}

uint32_t cpu_get_sp(const CPUState *env)
{
    return env->regs[R_SP];
}

void cpu_set_sp(CPUState *env, uint32_t sp)
{
    env->regs[R_SP] = sp;
}
