/*
 * The ARM EABI system-call convention (arch/arm/kernel/entry-common.S):
 * `svc #0` with the number in r7 and the arguments in r0-r5 (r6 is the
 * seventh, which no implemented call takes); the result, or -errno, comes
 * back in r0.  The kernel keeps the first argument as ORIG_r0, because r0
 * is overwritten by the result and a restarted call needs it back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "guest-user.h"
#include "syscall-nr.h"
#include "syscall.h"

/* pt_regs' ARM_ORIG_r0 of the call in progress, per thread. */
static __thread uint32_t orig_r0;

/*
 * The number the table uses for r7 (syscall-list.h).  entry-common.S sends
 * numbers below __ARM_NR_BASE to the table (sys_ni_syscall, -ENOSYS, past
 * its end) and the rest to arm_syscall (traps.c), which serves
 * 0x0f0000 + n and answers everything else with SIGILL.
 */
static int table_nr(uint32_t r7)
{
    if (r7 < ARM_NR_PRIVATE)
        return (int)r7;
    if (r7 < ARM_NR_BASE)
        return -1; /* no handler: -ENOSYS */
    if (r7 - ARM_NR_BASE < ARM_NR_PRIVATE_COUNT && r7 != ARM_NR_BASE)
        return ARM_NR_PRIVATE + (int)(r7 - ARM_NR_BASE);
    return TARGET_NR_arm_bad_syscall; /* 0x0f0000 too: "branch through zero" */
}

void syscall_get_nr_args(const CPUState *env, int *nr, uint32_t args[6])
{
    *nr = table_nr(env->regs[7]);
    for (int i = 0; i < 6; i++)
        args[i] = env->regs[i];
    orig_r0 = env->regs[0];
}

void syscall_set_return(CPUState *env, int32_t ret)
{
    env->regs[0] = (uint32_t)ret;
}

/* The kernel's restart (arch/arm/kernel/signal.c, do_signal): r0 back to
 * ORIG_r0 and the PC back onto the svc (4 bytes; 2 in Thumb state); r7
 * still holds the number, so `nr` is not needed. */
void syscall_restart(CPUState *env, uint32_t nr)
{
    (void)nr;
    env->regs[0] = orig_r0;
    env->regs[15] -= env->thumb ? 2 : 4;
}

/* CONFIG_CLONE_BACKWARDS (arch/arm/Kconfig): flags, newsp, parent_tid,
 * tls, child_tid. */
void syscall_clone_args(const uint32_t args[6], GuestCloneArgs *c)
{
    c->flags = args[0];
    c->newsp = args[1];
    c->parent_tid = args[2];
    c->tls = args[3];
    c->child_tid = args[4];
}
