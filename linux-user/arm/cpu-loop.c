/*
 * The signal each ARM CPU exception raises, with the si_code and address
 * Linux reports for it (arch/arm/kernel/traps.c, arch/arm/mm/fault.c,
 * arch/arm/mm/alignment.c).  The PC in env is the instruction's own
 * address for every exception here (op/arm/cpu.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE /* TRAP_BRKPT */
#include <signal.h>

#include "guest-user.h"
#include "log.h"
#include "user.h"

void cpu_exception_signal(CPUState *env, int excp)
{
    uint32_t pc = env->regs[15];

    switch (excp) {
    case EXCP_UDEF: /* do_undefinstr: no undef_hook claimed it */
        guest_signal(env, SIGILL, ILL_ILLOPC, pc);
        break;
    case EXCP_BKPT:
        /* TRAP_BRKPT at the BKPT, as ptrace_break() reports the kernel's
         * own breakpoint instruction (and qemu-arm reports BKPT). */
        guest_signal(env, SIGTRAP, TRAP_BRKPT, pc);
        break;
    case EXCP_THUMB:
        /* A CPU with Thumb would run it; stitch cannot yet (the armhf
         * issue), so the program gets what an undefined instruction
         * gives, at the Thumb address. */
        if (log_enabled(unimp))
            log_printf("Thumb state at 0x%08x: not implemented\n", pc);
        guest_signal(env, SIGILL, ILL_ILLOPC, pc);
        break;
    case EXCP_ALIGN: /* do_alignment with UM_SIGNAL */
        guest_signal(env, SIGBUS, BUS_ADRALN, env->fault_addr);
        break;
    case EXCP_PAGE: /* __do_user_fault: SEGV_ACCERR found by guest_signal */
        guest_signal(env, SIGSEGV, SEGV_MAPERR, env->fault_addr);
        break;
    }
}
