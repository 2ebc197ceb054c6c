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

/* VFP (op/arm/helper-vfp.c).  `regs` packs the register numbers as the
 * translator found them: d | n << 8 | m << 16 (S or D numbers by the
 * instruction's precision); `op` names the operation (VfpOp) and, in bit
 * VFP_DP, the precision. */
typedef enum {
    VFP_ADD, VFP_SUB, VFP_MUL, VFP_DIV,
    VFP_MLA, VFP_MLS, VFP_NMLA, VFP_NMLS, VFP_NMUL,
    VFP_SQRT,
    VFP_CMP, VFP_CMPE, VFP_CMPZ, VFP_CMPEZ,
    VFP_CVT_FD,   /* to the other precision */
    VFP_TOUI, VFP_TOSI,  /* to integer; VFP_RZ: round toward zero */
    VFP_UITO, VFP_SITO,  /* from integer */
    VFP_TOFIX, VFP_FROMFIX, /* fixed point: VFP_FIX_* below */
    VFP_MOV, VFP_ABS, VFP_NEG, /* Vd = f(Vm), in vector mode only */
    VFP_MOVI,     /* Vd = the value in bits 31:16 of op (a single's
                   * bits 31:16, a double's 63:48), in vector mode only */
} VfpOp;
#define VFP_DP (1u << 8)
#define VFP_RZ (1u << 9)
#define VFP_UNSIGNED (1u << 10)
#define VFP_SIZE16 (1u << 11)
#define VFP_FRAC_SHIFT 16 /* fraction bits of the fixed-point forms */

void helper_vfp(CPUState *env, uint32_t regs, uint32_t op);
/* The bits of VFP_MOVI's value. */
#define VFP_MOVI_MASK 0xffff0000u

#endif
