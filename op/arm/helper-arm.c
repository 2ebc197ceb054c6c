/*
 * ARM helpers called from the micro-ops (op/arm/helper.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "error.h"
#include "helper.h"
#include "log.h"

uint32_t helper_get_cpsr(CPUState *env)
{
    return cpu_get_cpsr(env);
}

void helper_set_cpsr(CPUState *env, uint32_t val, uint32_t mask)
{
    cpu_set_cpsr(env, val, mask);
}

void helper_enter_thumb(CPUState *env, uint32_t target)
{
    if (log_enabled(unimp))
        log_printf(STITCH_NAME ": branch to Thumb code at 0x%08x (Thumb "
                   "state is not implemented)\n", target & ~1u);
    env->regs[15] = target & ~1u;
    env->exception_index = EXCP_THUMB;
    cpu_loop_exit(env);
}

void helper_raise_align(CPUState *env)
{
    env->exception_index = EXCP_ALIGN;
    cpu_loop_exit(env);
}
