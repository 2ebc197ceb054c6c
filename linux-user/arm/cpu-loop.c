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
#include "syscall.h"
#include "tb.h"

/* Is the instruction at pc a load?  ARM: L, bit 20; the Thumb
 * exclusives (the only Thumb accesses that take an alignment fault):
 * bit 4 of the first halfword (1110 1000 x1x1 = LDREX*). */
static int insn_is_load(const CPUState *env, uint32_t pc)
{
    if (env->thumb) {
        const uint16_t *hw = GUEST_R(pc, 2);

        return hw && (*hw & (1u << 4));
    }
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
    case EXCP_ALIGN:
        /* An unaligned exclusive access, which do_alignment cannot fix
         * up, or a misaligned PC (the fault address is the PC): the
         * abort handlers' arm_notify_die sends SIGBUS with trap_no 0 and
         * the FSR / IFSR as error code: alignment fault (1), and WnR
         * (bit 11) for a store (bit 20, L, clear in STREX*). */
        if (env->fault_addr == pc || insn_is_load(env, pc))
            arm_notify_trap(0, 0x1);
        else
            arm_notify_trap(0, 0x801);
        guest_signal(env, SIGBUS, BUS_ADRALN, env->fault_addr);
        break;
    case EXCP_VECLEN:
        /* Not a fault: a VMSR made FPSCR.Len zero or not zero, and the
         * code that follows needs TBs translated for that (TB_FLAG_VECLEN,
         * op/arm/cpu.h); the indirect-branch table may hold the others. */
        ibtc_clear(env);
        break;
    case EXCP_PAGE: /* __do_user_fault: SEGV_ACCERR found by guest_signal */
        guest_signal(env, SIGSEGV, SEGV_MAPERR, env->fault_addr);
        break;
    }
}
