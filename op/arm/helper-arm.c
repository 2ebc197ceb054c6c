/*
 * ARM helpers called from the micro-ops (op/arm/helper.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "helper.h"

/* MRS reads the APSR: the execution state bits (T, ITSTATE) read as
 * zero (ARM ARM B9.3.9). */
uint32_t helper_get_cpsr(CPUState *env)
{
    return cpu_get_cpsr(env) & ~(CPSR_T | CPSR_IT_0_1 | CPSR_IT_2_7);
}

void helper_set_cpsr(CPUState *env, uint32_t val, uint32_t mask)
{
    cpu_set_cpsr(env, val, mask);
}
