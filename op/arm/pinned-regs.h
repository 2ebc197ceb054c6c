/*
 * The ARM guest registers that live in host registers while generated code
 * runs (docs/engine.md, "Pinned guest registers"): r0-r3 (arguments,
 * return values and the compiler's first scratch registers) and sp, in the
 * host registers i386 uses for its five (op/op-x86_64.h).  The other
 * eleven stay in env->regs[], one `mov disp8(%r14)` away.  r8-r11 are
 * call-clobbered on the host: an op that calls a helper (MRS, MSR) has
 * them stored to env before it and loaded after it
 * (translate/arm/optimize-regs.c); the ops that raise an exception leave
 * through the epilogue instead of a helper (EXIT_TB_NOCHAIN), so the
 * common BX needs no spill.
 *
 * X(name, guest index, host register, its 32-bit name, ucontext index),
 * one per line; the Makefile and exec/prologue-x86_64.S read this list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_PINNED_REGS_H
#define STITCH_PINNED_REGS_H

#define PINNED_GUEST_REGS(X)               \
    X(R0, 0, r8, r8d, REG_R8)              \
    X(R1, 1, r9, r9d, REG_R9)              \
    X(R2, 2, r10, r10d, REG_R10)           \
    X(R3, 3, r11, r11d, REG_R11)           \
    X(SP, 13, rbp, ebp, REG_RBP)

#endif
