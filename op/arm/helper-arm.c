/*
 * ARM helpers called from the micro-ops (op/arm/helper.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "helper.h"

uint32_t helper_get_cpsr(CPUState *env)
{
    return cpu_get_cpsr(env);
}

void helper_set_cpsr(CPUState *env, uint32_t val, uint32_t mask)
{
    cpu_set_cpsr(env, val, mask);
}

/* -d unimp names the target when linux-user delivers the SIGILL. */
void helper_enter_thumb(CPUState *env, uint32_t target)
{
    env->regs[15] = target & ~1u;
    env->exception_index = EXCP_THUMB;
    cpu_loop_exit(env);
}

void helper_raise_align(CPUState *env)
{
    env->exception_index = EXCP_ALIGN;
    cpu_loop_exit(env);
}
