/*
 * Where the guest's x87 and MXCSR state lives (op/i386/helper-fpstate.c).
 *
 * While generated code runs, the guest's x87 stack, control and status
 * words and its MXCSR are the host's own: the x87 micro-ops are the
 * guest's instructions themselves (op/i386/op-fpu.c), and SSE arithmetic runs
 * under the guest's rounding mode without reloading MXCSR.  Host x86_64
 * code leaves the x87 alone (the SysV ABI wants it empty at calls, and
 * only `long double` uses it), so nothing between two guest instructions
 * disturbs that state.  Outside generated code -- system calls, signal
 * delivery, the state images of FXSAVE/FNSAVE -- the state is in
 * CPUState's fields, and the host runs with its own defaults.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_FPU_STATE_H
#define STITCH_FPU_STATE_H

#include "cpu.h"

/* CPUState -> host registers; env->fp_live = 1. */
void fpu_state_load(CPUState *env);

/* Host registers -> CPUState, then the host's own defaults (FNINIT,
 * MXCSR 0x1f80); env->fp_live = 0.  Does nothing when not live. */
void fpu_state_save(CPUState *env);

/* From an FXSAVE image of the host taken while the state was live (a
 * signal's ucontext): CPUState updated, env->fp_live = 0, the host
 * registers reset to stitch's defaults. */
void fpu_state_take(CPUState *env, const void *fxsave_image);

/* Around an MMX instruction, whose helpers work on CPUState's x87
 * registers: the x87 part moved out and back, MXCSR stays live. */
void fpu_state_spill_x87(CPUState *env);
void fpu_state_fill_x87(CPUState *env);

#endif
