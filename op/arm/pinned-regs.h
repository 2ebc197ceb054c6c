/*
 * The ARM guest registers that live in host registers while generated code
 * runs (docs/engine.md, "Pinned guest registers"): none yet.  Every ARM
 * register is in env->regs[], one `mov disp8(%r14)` away; pinning r0-r3,
 * sp or lr needs the spill/fill pass around helper calls that
 * translate/i386/optimize-regs.c has (docs/arm.md, "Not done").
 *
 * X(name, guest index, host register, its 32-bit name, ucontext index),
 * one per line; the Makefile and exec/prologue-x86_64.S read this list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_PINNED_REGS_H
#define STITCH_PINNED_REGS_H

#define PINNED_GUEST_REGS(X)

#endif
