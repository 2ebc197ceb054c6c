/*
 * The process's main loop: run guest code through the engine until it
 * hands back an exception, then do what Linux would do with it (a system
 * call, a signal for a fault), deliver pending signals, and go on.  As in
 * qemu-user, the loop belongs to linux-user; the engine only reports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>

#include "guest-user.h"
#include "stats.h"
#include "user.h"

static void handle_exception(CPUState *env, int excp)
{
    if (excp == EXCP_SYSCALL) {
        stats.syscalls++;
        do_syscall(env);
    } else if (excp == EXCP_BUS) {
        /* The same for every guest: arch/x86/mm/fault.c do_sigbus(),
         * arch/arm/mm/fault.c __do_user_fault() on VM_FAULT_SIGBUS. */
        guest_signal(env, SIGBUS, BUS_ADRERR, env->fault_addr);
    } else if (excp != EXCP_INTERRUPT && excp != EXCP_NONE) {
        cpu_exception_signal(env, excp);
    }
    env->exit_request = 0;
    guest_process_signals(env);
}

void cpu_loop(CPUState *env)
{
    for (;;) {
        volatile int excp = cpu_exec(env);

        /*
         * A host fault on guest memory while stitch's own code works for
         * the guest (a system call's buffer in a page the host cannot
         * read, a signal frame) is reported the way the engine reports
         * one from generated code: EXCP_PAGE, through env->jmp_env, which
         * must point at a live frame whenever the engine's fault handler
         * may run.  The host mask goes back to empty, as it is whenever
         * guest code runs (signal.c).
         */
        if (sigsetjmp(env->jmp_env, 0)) {
            sigset_t none;

            sigemptyset(&none);
            sigprocmask(SIG_SETMASK, &none, NULL);
            excp = env->exception_index;
            env->exception_index = EXCP_NONE;
        }
        handle_exception(env, excp);
    }
}
