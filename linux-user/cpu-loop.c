/*
 * The process's main loop: run guest code through the engine until it
 * hands back an exception, then do what Linux would do with it (a system
 * call, a signal for a fault), deliver pending signals, and go on.  As in
 * qemu-user, the loop belongs to linux-user; the engine only reports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>

#include "guest-signal.h"
#include "gdbstub.h"
#include "guest-user.h"
#include "stats.h"
#include "syscall.h"
#include "user.h"

/* gdb stopped the guest (a breakpoint, a step, Ctrl-C): the signal it
 * then asks for, if any, is the guest's as if sent by itself. */
static void debug_stop(CPUState *env, int sig)
{
    if (!gdb_attached())
        return; /* a step or breakpoint gdb left behind when it went */
    int deliver = gdb_stop(env, sig);

    if (deliver)
        guest_self_signal(env, deliver, SI_USER);
}

/* A breakpoint, a step or a watched write: gdbstub decides whether gdb
 * hears of it (another thread's step or a watch check does not stop). */
static void debug_trap(CPUState *env)
{
    int deliver = gdb_trap(env);

    if (deliver)
        guest_self_signal(env, deliver, SI_USER);
}

static void handle_exception(CPUState *env, int excp)
{
    if (excp == EXCP_SYSCALL) {
        uint64_t t0 = stats_enabled ? stats_now_ns() : 0;
        STAT_INC(syscalls);
        do_syscall(env);
        if (stats_enabled) {
            STAT_ADD(syscall_ns, stats_now_ns() - t0);
            stats_sample_drain();
        }
        if (gdb_stepping(env)) /* the step was the system-call instruction */
            debug_trap(env);
    } else if (excp == EXCP_DEBUG) {
        debug_trap(env);
    } else if (excp == EXCP_INTERRUPT) {
        if (gdb_take_interrupt())
            debug_stop(env, SIGINT);
    } else if (excp == EXCP_BUS) {
        /* The same for every guest: arch/x86/mm/fault.c do_sigbus(),
         * arch/arm/mm/fault.c __do_user_fault() on VM_FAULT_SIGBUS. */
        guest_signal(env, SIGBUS, BUS_ADRERR, env->fault_addr);
    } else if (excp != EXCP_NONE) {
        cpu_exception_signal(env, excp);
    }
    cpu_exit_request_done(env);
    guest_process_signals(env);
    signal_sync_mask(0);
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
         * may run.  The host mask goes back to the guest's (signal.c).
         */
        if (sigsetjmp(env->jmp_env, 0)) {
            signal_sync_mask(1);
            tb_lock_reset();
            excp = env->exception_index;
            env->exception_index = EXCP_NONE;
        }
        handle_exception(env, excp);
    }
}
