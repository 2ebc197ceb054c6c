/*
 * System-call dispatch.  The CPU loop comes here when the guest executes
 * its system-call instruction (EXCP_SYSCALL); where the number, the six
 * arguments and the result live is the guest's convention
 * (syscall_get_nr_args / syscall_set_return, guest-user.h).  The table
 * below is indexed by number and filled from the guest's SYSCALLS list
 * (syscall-list.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "exec.h"
#include "guest-user.h"
#include "log.h"
#include "syscall-names.h"
#include "syscall-nr.h" /* guest numbers: no <sys/syscall.h> here */
#include "syscall.h"

TaskState task;
__thread ThreadState *self;

typedef abi_long (*SyscallFn)(CPUState *env, const uint32_t *a);

static const SyscallFn handlers[NR_SYSCALLS] = {
#define HANDLER(name, args, ret) [SYSCALL_NR(name)] = sys_##name,
    SYSCALLS(HANDLER)
#undef HANDLER
};

/* Which arguments are descriptors: 'D' (and 'f', a directory's) in the
 * table's -strace letters. */
static const char *const arg_kinds[NR_SYSCALLS] = {
#define KINDS(name, args, ret) [SYSCALL_NR(name)] = args,
    SYSCALLS(KINDS)
#undef KINDS
};

static const char *const names[NR_SYSCALLS] = {
#define NAME(name) [SYSCALL_NR(name)] = #name,
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
 * only when no handler runs; sigreturn restores the registers and never
 * restarts.  Which calls are which is the guest's list (syscall-list.h).
 */
static int restart_kind(int nr)
{
    switch (nr) {
#define CASE(name) case SYSCALL_NR(name):
    SYSCALLS_RESTART_NEVER(CASE)
        return RESTART_NONE;
    SYSCALLS_RESTART_NOHAND(CASE)
        return RESTART_NOHAND;
#undef CASE
    default:
        return RESTART_SYS;
    }
}

/*
 * Run a handler with host faults on guest memory turned into -EFAULT.
 * Handlers check guest buffers against the page flags before touching
 * them, but a page can be mapped, readable and still fault: a MAP_SHARED
 * page past the end of its file (the host's SIGBUS), or one another
 * process truncated meanwhile.  The kernel's copy_to_user() /
 * get_user() answer -EFAULT there, so stitch's own copies must too: the
 * engine's fault handler leaves through env->jmp_env, armed here for the
 * handler's time (and the loop's again afterwards).
 */
static abi_long call_guarded(CPUState *env, SyscallFn fn, const uint32_t *a)
{
    sigjmp_buf loop_env;
    volatile abi_long ret = -EFAULT;

    memcpy(loop_env, env->jmp_env, sizeof(loop_env));
    if (sigsetjmp(env->jmp_env, 0) == 0) {
        ret = fn(env, a);
    } else {
        sigset_t none;

        sigemptyset(&none); /* as between calls (signal.c) */
        sigprocmask(SIG_SETMASK, &none, NULL);
        env->exception_index = EXCP_NONE;
    }
    memcpy(env->jmp_env, loop_env, sizeof(loop_env));
    return ret;
}

/*
 * stitch's own descriptors (util/log.c: its stderr copy, the logs) are
 * not the guest's: a call that names one as a descriptor argument gets
 * FD_NOT_OPEN in its place, so the kernel answers as for any number the
 * process has not opened, with its own checks in its own order (EBADF
 * for read or fstat, none for an absolute path after a dirfd, or for
 * MAP_ANONYMOUS's ignored fd).  The guest's registers keep its number.
 */
static const uint32_t *own_fds_hidden(int nr, const uint32_t *a, uint32_t *copy)
{
    const char *kinds = nr >= 0 && nr < NR_SYSCALLS ? arg_kinds[nr] : NULL;
    const uint32_t *args = a;

    for (int i = 0; kinds && kinds[i] && i < 6; i++) {
        if ((kinds[i] != 'D' && kinds[i] != 'f') || !fd_is_own(a[i]))
            continue;
        if (args == a)
            args = memcpy(copy, a, 6 * sizeof(*a));
        copy[i] = FD_NOT_OPEN;
    }
    return args;
}

/*
 * The system-call counter is kept by the CPU loop (cpu-loop.c counts each
 * EXCP_SYSCALL), so it is not incremented again here.
 */
void do_syscall(CPUState *env)
{
    int nr;
    uint32_t a[6], hidden[6];

    syscall_get_nr_args(env, &nr, a);
    SyscallFn fn = nr >= 0 && nr < NR_SYSCALLS ? handlers[nr] : NULL;

    if (task.strace)
        strace_call(nr, a);
    abi_long ret = fn ? call_guarded(env, fn, own_fds_hidden(nr, a, hidden)) : unimplemented(nr);
    if (task.strace)
        strace_result(nr, ret);
    syscall_set_return(env, ret);
    if (ret == -EINTR) {
        self->restart = restart_kind(nr);
        self->restart_nr = (uint32_t)nr;
    }
}

/*
 * /proc/<this process>/fd/N or fdinfo/N, in any of its names, of one of
 * stitch's own descriptors names an entry the kernel does not have, as
 * does any name that goes on past it ("N/", "N/.."), from dirfd as from
 * the working directory: the call gets the name of one it has not either
 * (fd INT_MAX) with the rest after it, so open, stat, readlink, access ...
 * answer ENOENT in their own way.  The name is absolute then: dirfd,
 * open on a directory the check found, has nothing left to say.
 */
const char *guest_path_at(int dirfd, uint32_t addr, char *buf, size_t size)
{
    const char *p = guest_string(addr);
    size_t hidden = p ? proc_fd_name_hidden(dirfd, p) : 0;

    if (hidden) {
        snprintf(buf, size, "/proc/self/fd/%d%s", FD_NOT_OPEN, p + hidden);
        return buf;
    }
    if (p && proc_self_relative(dirfd, p, buf, size))
        return buf;
    return p ? path_redirect(p, buf, size) : NULL;
}

const char *kernel_path_at(int dirfd, uint32_t addr, char *buf, size_t size)
{
    const char *p;

    if (!addr)
        return NULL;
    p = guest_path_at(dirfd, addr, buf, size);
    return p ? p : g2h(addr);
}
