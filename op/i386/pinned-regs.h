/*
 * The guest registers that live in host registers while generated code
 * runs (docs/engine.md, "Pinned guest registers").
 *
 * QEMU 0.9.1 kept every guest register in env, so each instruction that
 * used the result of the previous one waited for a store to be forwarded
 * to a load.  The five guest registers i386 code uses most (static counts
 * over python3, libc and busybox: EAX, ESP through push/pop/call/ret, EBX,
 * EDX, ESI) are kept in the host registers left over once env, the guest
 * base and the temporaries are pinned (op/op-x86_64.h).  Four of them are
 * call-clobbered: an op that calls a helper has the five stored to env
 * before it and loaded back after it (translate/i386/optimize-regs.c,
 * insert_reg_sync), and dyngen checks that such an op never touches them.
 *
 * X(name, guest index, host register, its 32-bit name, ucontext index)
 * This file is included by C and by exec/prologue-x86_64.S: numbers only.
 * The Makefile reads the host registers from the lines as they are written
 * here, `X(NAME, index, rNN, ...`, one entry per line; an empty list is
 * allowed (a guest that pins nothing).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_PINNED_REGS_H
#define STITCH_PINNED_REGS_H

#define PINNED_GUEST_REGS(X)               \
    X(EAX, 0, r8, r8d, REG_R8)             \
    X(EDX, 2, r9, r9d, REG_R9)             \
    X(EBX, 3, r10, r10d, REG_R10)          \
    X(ESP, 4, rbp, ebp, REG_RBP)           \
    X(ESI, 6, r11, r11d, REG_R11)

#endif
