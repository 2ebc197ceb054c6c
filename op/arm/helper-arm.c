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
