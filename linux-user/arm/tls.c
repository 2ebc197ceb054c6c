/*
 * ARM thread-local storage: the thread pointer is the user read-only
 * thread ID register, TPIDRURO (CP15 c13, c0, 3), which user code reads
 * with MRC (or through __kuser_get_tls) and only the kernel writes: the
 * private call set_tls, and clone(CLONE_SETTLS) with the value itself as
 * the tls argument (arch/arm/kernel/process.c, copy_thread; traps.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "guest-user.h"
#include "syscall.h"

/* __ARM_NR_set_tls: any value is accepted, r0 = 0. */
abi_long sys_set_tls(CPUState *env, const uint32_t *a)
{
    env->tpidruro = a[0];
    return 0;
}

/* __ARM_NR_get_tls: for CPUs whose TLS register user code cannot read. */
abi_long sys_get_tls(CPUState *env, const uint32_t *a)
{
    (void)a;
    return (abi_long)env->tpidruro;
}

int32_t cpu_set_tls(CPUState *env, uint32_t tls)
{
    env->tpidruro = tls;
    return 0;
}
