/*
 * The process's main loop: run guest code through the engine until it
 * hands back an exception, then do what Linux would do with it (a system
 * call, a signal for a fault), deliver pending signals, and go on.  As in
 * qemu-user, the loop belongs to linux-user; the engine only reports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "guest-user.h"
#include "stats.h"
#include "user.h"

void cpu_loop(CPUState *env)
{
    for (;;) {
        int excp = cpu_exec(env);

        if (excp == EXCP_SYSCALL) {
            stats.syscalls++;
            do_syscall(env);
        } else if (excp != EXCP_INTERRUPT) {
            cpu_exception_signal(env, excp);
        }
        env->exit_request = 0;
        guest_process_signals(env);
    }
}
