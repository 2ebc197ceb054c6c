/*
 * The ARM helpers: C functions the micro-ops call for work too big or too
 * rare to copy into every TB: the CPSR as a whole.  Ordinary functions
 * with env as an argument; the pinned guest registers are stored to env
 * around the ops that call them (translate/arm/optimize-regs.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_ARM_HELPER_H
#define STITCH_ARM_HELPER_H

#include <stdint.h>

#include "cpu.h"

/* MRS / MSR (ARM ARM B9.3.9, B9.3.12): the CPSR as user mode reads it, and
 * a write of the bits `mask` selects (NZCVQ, GE). */
uint32_t helper_get_cpsr(CPUState *env);
void helper_set_cpsr(CPUState *env, uint32_t val, uint32_t mask);

#endif
