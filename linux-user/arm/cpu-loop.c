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

#include "arm-user.h"
#include "guest-user.h"
#include "log.h"
#include "syscall.h"

/* Is the ARM instruction at pc a load (L, bit 20, set)? */
static int insn_is_load(uint32_t pc)
{
    const uint32_t *insn = GUEST_R(pc, 4);

    return insn && (*insn & (1u << 20));
}

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
    case EXCP_ALIGN:
        /* An unaligned exclusive access, which do_alignment cannot fix
         * up, or a misaligned PC (the fault address is the PC): the
         * abort handlers' arm_notify_die sends SIGBUS with trap_no 0 and
         * the FSR / IFSR as error code: alignment fault (1), and WnR
         * (bit 11) for a store (bit 20, L, clear in STREX*). */
        if (env->fault_addr == pc || insn_is_load(pc))
            arm_notify_trap(0, 0x1);
        else
            arm_notify_trap(0, 0x801);
        guest_signal(env, SIGBUS, BUS_ADRALN, env->fault_addr);
        break;
    case EXCP_PAGE: /* __do_user_fault: SEGV_ACCERR found by guest_signal */
        guest_signal(env, SIGSEGV, SEGV_MAPERR, env->fault_addr);
        break;
    }
}
