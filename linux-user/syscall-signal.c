/*
 * Signal-state system calls.  They only record what the guest asks for
 * (dispositions, mask, alternate stack) in TaskState and answer with the
 * previous values, as the kernel would; nothing is installed on the host.
 * Delivering signals to guest handlers (building the i386 sigframe,
 * sigreturn) is a later issue: until then a signal the guest sends itself
 * takes its default action (signal.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>

#include "syscall.h"

/* The kernel's sigset_t for i386 is 64 bits; anything else is EINVAL. */
#define TARGET_SIGSET_SIZE 8
#define SIGBIT(sig) (1ull << ((sig) - 1))

abi_long sys_rt_sigaction(CPUState *env, const uint32_t *a)
{
    int sig = (int)a[0];
    const GuestSigaction *act = NULL;
    GuestSigaction *oact = NULL;

    (void)env;
    if (a[3] != TARGET_SIGSET_SIZE || sig < 1 || sig > GUEST_NSIG)
        return -EINVAL;
    if ((a[1] && !(act = GUEST_R(a[1], sizeof(*act)))) ||
        (a[2] && !(oact = GUEST_W(a[2], sizeof(*oact)))))
        return -EFAULT;
    if (act && (sig == SIGKILL || sig == SIGSTOP))
        return -EINVAL;
    GuestSigaction old = task.sigact[sig];
    if (act) {
        task.sigact[sig] = *act;
        /* SIGKILL and SIGSTOP can never be blocked (kernel sigdelsetmask). */
        task.sigact[sig].mask &= ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
    }
    if (oact)
        *oact = old;
    return 0;
}

abi_long sys_rt_sigprocmask(CPUState *env, const uint32_t *a)
{
    /* A guest sigset_t is only 4-byte aligned: copy, never dereference. */
    const void *set = NULL;
    void *oset = NULL;
    uint64_t old = task.sigmask;

    (void)env;
    if (a[3] != TARGET_SIGSET_SIZE)
        return -EINVAL;
    if ((a[1] && !(set = GUEST_R(a[1], sizeof(uint64_t)))) ||
        (a[2] && !(oset = GUEST_W(a[2], sizeof(uint64_t)))))
        return -EFAULT;
    if (set) {
        uint64_t s;
        memcpy(&s, set, sizeof(s));
        s &= ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
        switch (a[0]) {
        case SIG_BLOCK: task.sigmask |= s; break;
        case SIG_UNBLOCK: task.sigmask &= ~s; break;
        case SIG_SETMASK: task.sigmask = s; break;
        default: return -EINVAL;
        }
    }
    if (oset)
        memcpy(oset, &old, sizeof(old));
    return 0;
}

/* i386 MINSIGSTKSZ (arch/x86/include/uapi/asm/signal.h) and the
 * SS_AUTODISARM flag (include/uapi/linux/signal.h). */
#define TARGET_MINSIGSTKSZ 2048
#define TARGET_SS_AUTODISARM (1u << 31)

abi_long sys_sigaltstack(CPUState *env, const uint32_t *a)
{
    const TargetStack *ss = NULL;
    TargetStack *oss = NULL;
    TargetStack old = { task.ss_sp, task.ss_flags, task.ss_size };

    (void)env;
    if ((a[0] && !(ss = GUEST_R(a[0], sizeof(*ss)))) ||
        (a[1] && !(oss = GUEST_W(a[1], sizeof(*oss)))))
        return -EFAULT;
    if (!task.ss_size)
        old.ss_flags = SS_DISABLE;
    if (ss) {
        if (ss->ss_flags & ~(SS_DISABLE | TARGET_SS_AUTODISARM))
            return -EINVAL;
        if (ss->ss_flags & SS_DISABLE) {
            task.ss_sp = task.ss_size = 0;
        } else {
            if (ss->ss_size < TARGET_MINSIGSTKSZ)
                return -ENOMEM;
            task.ss_sp = ss->ss_sp;
            task.ss_size = ss->ss_size;
        }
        task.ss_flags = ss->ss_flags;
    }
    if (oss)
        *oss = old;
    return 0;
}
