/*
 * The i386 system-call convention (arch/x86/entry/entry_32.S): int $0x80
 * with the number in EAX and the arguments in EBX, ECX, EDX, ESI, EDI,
 * EBP; the result, or -errno, comes back in EAX.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "guest-user.h"

void syscall_get_nr_args(const CPUState *env, int *nr, uint32_t args[6])
{
    *nr = (int32_t)env->regs[R_EAX];
    args[0] = env->regs[R_EBX];
    args[1] = env->regs[R_ECX];
    args[2] = env->regs[R_EDX];
    args[3] = env->regs[R_ESI];
    args[4] = env->regs[R_EDI];
    args[5] = env->regs[R_EBP];
}

void syscall_set_return(CPUState *env, int32_t ret)
{
    env->regs[R_EAX] = (uint32_t)ret;
}

/* The kernel moves EIP back over `int $0x80` (2 bytes) and puts the number
 * back in EAX (arch/x86/kernel/signal.c, arch_do_signal_or_restart). */
void syscall_restart(CPUState *env, uint32_t nr)
{
    env->regs[R_EAX] = nr;
    env->eip -= 2;
}

/* CONFIG_CLONE_BACKWARDS: flags, newsp, parent_tid, tls, child_tid. */
void syscall_clone_args(const uint32_t args[6], GuestCloneArgs *c)
{
    c->flags = args[0];
    c->newsp = args[1];
    c->parent_tid = args[2];
    c->tls = args[3];
    c->child_tid = args[4];
}
