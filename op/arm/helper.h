/*
 * The ARM helpers: C functions the micro-ops call for work too big or too
 * rare to copy into every TB (the CPSR as a whole, leaving for an
 * exception).  Ordinary functions with env as an argument; ARM pins no
 * guest register (op/arm/pinned-regs.h), so they need no spill around them.
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

/* BX/BLX/LDR pc/LDM pc to an address with bit 0 set (ARM ARM A2.6.2,
 * BXWritePC): Thumb state, which stitch-arm does not run yet.  The PC
 * becomes the target (bit 0 clear) and EXCP_THUMB leaves generated code;
 * -d unimp names the target.  Never returns. */
void helper_enter_thumb(CPUState *env, uint32_t target)
    __attribute__((noreturn));

/* An unaligned exclusive access (ARM ARM A3.2.1): EXCP_ALIGN, the address
 * in env->fault_addr, the PC already at the instruction.  Never returns. */
void helper_raise_align(CPUState *env) __attribute__((noreturn));

#endif
