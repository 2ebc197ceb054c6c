/*
 * x86_64 host: what a host signal's ucontext says about the fault.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <ucontext.h>

#include "host-signal.h"
#include "pinned-regs.h"

uintptr_t host_signal_pc(const void *uc)
{
    return (uintptr_t)((const ucontext_t *)uc)->uc_mcontext.gregs[REG_RIP];
}

uintptr_t host_signal_sp(const void *uc)
{
    return (uintptr_t)((const ucontext_t *)uc)->uc_mcontext.gregs[REG_RSP];
}

uint32_t host_signal_pf_err(const void *uc)
{
    return (uint32_t)((const ucontext_t *)uc)->uc_mcontext.gregs[REG_ERR];
}

/* Page-fault error code bit 1: the access was a write (SDM vol. 3, 4.7). */
int host_signal_is_write(const void *uc)
{
    return (host_signal_pf_err(uc) & 2) != 0;
}

int host_signal_trapno(const void *uc)
{
    return (int)((const ucontext_t *)uc)->uc_mcontext.gregs[REG_TRAPNO];
}

uintptr_t host_signal_interp_ip(const void *uc)
{
    return (uintptr_t)((const ucontext_t *)uc)->uc_mcontext.gregs[REG_RBX];
}

/* The kernel's frame starts with the legacy FXSAVE area (struct
 * _libc_fpstate), whatever XSAVE features follow it. */
const void *host_signal_fpstate(const void *uc)
{
    return ((const ucontext_t *)uc)->uc_mcontext.fpregs;
}

void host_signal_pinned_regs(const void *uc, uint32_t *regs)
{
    const greg_t *gregs = ((const ucontext_t *)uc)->uc_mcontext.gregs;

    (void)gregs; /* a guest may pin nothing (op/arm/pinned-regs.h) */
    (void)regs;
#define PINNED_TAKE(name, idx, host, host32, uc) regs[idx] = (uint32_t)gregs[uc];
    PINNED_GUEST_REGS(PINNED_TAKE)
#undef PINNED_TAKE
}

extern char safe_syscall_start[], safe_syscall_end[], safe_syscall_interrupted[];

/* A signal handled before safe_syscall's `syscall` instruction ran: the
 * call is not made (exec/safe-syscall-x86_64.S).  Uninstrumented: a TSan
 * build calls it from its front handler (linux-user/signal.c). */
__attribute__((no_sanitize_thread)) int safe_syscall_rewind(void *uc)
{
    greg_t *gregs = ((ucontext_t *)uc)->uc_mcontext.gregs;
    uintptr_t pc = (uintptr_t)gregs[REG_RIP];

    if (pc < (uintptr_t)safe_syscall_start || pc >= (uintptr_t)safe_syscall_end)
        return 0;
    gregs[REG_RIP] = (greg_t)(uintptr_t)safe_syscall_interrupted;
    return 1;
}

