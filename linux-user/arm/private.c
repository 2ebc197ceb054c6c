/*
 * The ARM private system calls, 0x0f0000 + n in r7 (arch/arm/kernel/
 * traps.c, arm_syscall), other than the TLS ones (tls.c), and the numbers
 * the kernel answers with a signal instead of -ENOSYS.  syscall-abi.c maps
 * each onto its table slot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE /* TRAP_BRKPT */
#include <signal.h>

#include "arm-user.h"
#include "exec.h"
#include "guest-user.h"
#include "syscall.h"

/* The svc the guest executed: the PC is already past it. */
static uint32_t svc_address(const CPUState *env)
{
    return env->regs[15] - (env->thumb ? 2 : 4);
}

/*
 * A signal arm_syscall raises: arm_notify_die / force_sig_fault deliver
 * it on the way back to user mode, with the registers of the call, whose
 * r0 the kernel returns unchanged.  guest_signal() builds the frame now
 * and sets r0 to the signal number for the handler, which is what the
 * call must leave in r0.
 */
static abi_long call_signal(CPUState *env, int sig, int si_code, uint32_t addr,
                            uint32_t trap_no, uint32_t error_code)
{
    arm_notify_trap(trap_no, error_code);
    guest_signal(env, sig, si_code, addr);
    return (abi_long)env->regs[0];
}

/* __ARM_NR_breakpoint: the PC goes back onto the svc, then ptrace_break()
 * sends SIGTRAP / TRAP_BRKPT at it (leaving trap_no and error_code as
 * they were). */
abi_long sys_breakpoint(CPUState *env, const uint32_t *a)
{
    (void)a;
    env->regs[15] = svc_address(env);
    guest_signal(env, SIGTRAP, TRAP_BRKPT, env->regs[15]);
    return (abi_long)env->regs[0];
}

/*
 * __ARM_NR_cacheflush(start, end, flags): make the instruction side see
 * what was written to [start, end).  do_cache_op refuses end < start and
 * any flags (EINVAL), and a range past TASK_SIZE (access_ok); cleaning a
 * page that is not mapped faults inside the kernel, which reports EFAULT.
 * For stitch the instruction side is the translated code: every TB made
 * from those bytes is dropped, so a guest JIT that rewrites code and
 * flushes runs the new code.
 */
abi_long sys_cacheflush(CPUState *env, const uint32_t *a)
{
    uint32_t start = a[0], end = a[1];

    (void)env;
    if (end < start || a[2])
        return -EINVAL;
    if (end > GUEST_TOP)
        return -EFAULT;
    for (uint64_t p = start & ~(uint64_t)(GUEST_PAGE_SIZE - 1); p < end; p += GUEST_PAGE_SIZE)
        if (!(page_get_flags((uint32_t)p) & PAGE_VALID))
            return -EFAULT;
    tb_drop_range(start, end);
    return 0;
}

/* "Oops - bad syscall(2)": SIGILL / ILL_ILLTRP at the svc, with the
 * number as the error code. */
static abi_long bad_call(CPUState *env)
{
    return call_signal(env, SIGILL, ILL_ILLTRP, svc_address(env), 0, env->regs[7]);
}

/* __ARM_NR_usr26 / usr32 switch a task between 26- and 32-bit modes on
 * CPUs with HWCAP_26BIT; without it arm_syscall treats them as bad calls. */
abi_long sys_usr26(CPUState *env, const uint32_t *a)
{
    (void)a;
    return bad_call(env);
}

abi_long sys_usr32(CPUState *env, const uint32_t *a)
{
    return sys_usr26(env, a);
}

/*
 * Every other number arm_syscall sees (r7 still holds it): 0x0f0000 is
 * "branch through zero", SIGSEGV with a NULL address and r0 = 0; the rest
 * past 0x0f07ff, and every number at or above 0x100000 (bad_syscall), is
 * SIGILL / ILL_ILLTRP at the svc.
 */
abi_long sys_arm_bad_syscall(CPUState *env, const uint32_t *a)
{
    (void)a;
    if (env->regs[7] == 0x0f0000) {
        env->regs[0] = 0;
        return call_signal(env, SIGSEGV, SEGV_MAPERR, 0, 0, 0);
    }
    return bad_call(env);
}
