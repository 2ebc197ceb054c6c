/*
 * System-call dispatch.  The CPU loop comes here when the guest executes
 * int $0x80 (EXCP_SYSCALL): the i386 Linux ABI puts the number in EAX and
 * the arguments in EBX, ECX, EDX, ESI, EDI, EBP, and expects the result,
 * or -errno, in EAX (arch/x86/entry/entry_32.S).  The table below is
 * indexed by number and filled from the SYSCALLS list in syscall.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <asm/unistd_32.h> /* guest numbers: no <sys/syscall.h> here */
#include <stdio.h>
#include <unistd.h>

#include "exec.h"
#include "log.h"
#include "syscall-names.h"
#include "syscall.h"

TaskState task;

typedef abi_long (*SyscallFn)(CPUState *env, const uint32_t *a);

static const SyscallFn handlers[NR_SYSCALLS] = {
#define HANDLER(name, args, ret) [__NR_##name] = sys_##name,
    SYSCALLS(HANDLER)
#undef HANDLER
};

static const char *const names[NR_SYSCALLS] = {
#define NAME(name) [__NR_##name] = #name,
    SYSCALL_NAMES(NAME)
#undef NAME
};

const char *syscall_name(int nr)
{
    return nr >= 0 && nr < NR_SYSCALLS && names[nr] ? names[nr] : "?";
}

static abi_long unimplemented(int nr)
{
    if (log_enabled(unimp))
        log_printf("unimplemented syscall %d (%s)\n", nr, syscall_name(nr));
    return -ENOSYS;
}

/*
 * A host signal interrupted the call (stitch's host handlers have no
 * SA_RESTART).  What the kernel would have returned instead of -EINTR
 * decides what delivery does with it (signal(7), "Interruption of system
 * calls"): -ERESTARTSYS restarts when the handler has SA_RESTART or none
 * runs; -ERESTARTNOHAND (waits for signals, poll/select, sleeps) restarts
 * only when no handler runs; sigreturn restores EAX and never restarts.
 */
static int restart_kind(int nr)
{
    switch (nr) {
    case __NR_sigreturn: case __NR_rt_sigreturn:
        return RESTART_NONE;
    case __NR_pause: case __NR_sigsuspend: case __NR_rt_sigsuspend:
    case __NR_rt_sigtimedwait: case __NR_rt_sigtimedwait_time64:
    case __NR_poll: case __NR_ppoll: case __NR_ppoll_time64:
    case __NR__newselect: case __NR_select: case __NR_pselect6:
    case __NR_pselect6_time64: case __NR_epoll_wait: case __NR_epoll_pwait:
    case __NR_epoll_pwait2: case __NR_nanosleep: case __NR_clock_nanosleep:
    case __NR_clock_nanosleep_time64:
        return RESTART_NOHAND;
    default:
        return RESTART_SYS;
    }
}

/*
 * The system-call counter is kept by the CPU loop (exec/cpu-exec.c counts
 * each EXCP_SYSCALL), so it is not incremented again here.
 */
void do_syscall(CPUState *env)
{
    int nr = (int32_t)env->regs[R_EAX];
    const uint32_t a[6] = {
        env->regs[R_EBX], env->regs[R_ECX], env->regs[R_EDX],
        env->regs[R_ESI], env->regs[R_EDI], env->regs[R_EBP],
    };
    SyscallFn fn = nr >= 0 && nr < NR_SYSCALLS ? handlers[nr] : NULL;

    if (task.strace)
        strace_call(nr, a);
    abi_long ret = fn ? fn(env, a) : unimplemented(nr);
    if (task.strace)
        strace_result(nr, ret);
    env->regs[R_EAX] = (uint32_t)ret;
    if (ret == -EINTR) {
        task.restart = restart_kind(nr);
        task.restart_nr = (uint32_t)nr;
    }
}

const char *guest_path(uint32_t addr, char *buf, size_t size)
{
    const char *p = guest_string(addr);

    return p ? path_redirect(p, buf, size) : NULL;
}
