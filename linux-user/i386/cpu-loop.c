/*
 * The signal each i386 exception raises, with the si_code, address, trap
 * number and error code Linux reports for it (arch/x86/kernel/traps.c,
 * arch/x86/mm/fault.c; the IDT of an x86_64 kernel, where only vectors 3,
 * 4 and 0x80 are gates user code may call).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>

#include "guest-signal.h"
#include "guest-user.h"
#include "user.h"

/* X86_TRAP_* vectors. */
enum { X86_TRAP_DE = 0, X86_TRAP_DB = 1, X86_TRAP_BP = 3, X86_TRAP_OF = 4, X86_TRAP_BR = 5,
       X86_TRAP_UD = 6, X86_TRAP_NP = 11, X86_TRAP_SS = 12, X86_TRAP_GP = 13,
       X86_TRAP_PF = 14, X86_TRAP_AC = 17 };

/* do_trap()/do_error_trap(): force_sig() of sig, si_code SI_KERNEL, no
 * address; the vector and error code go to the sigcontext. */
static void trap_signal(CPUState *env, int sig, uint32_t trapno)
{
    fault_next_trap(trapno, env->error_code);
    guest_signal(env, sig, SI_KERNEL, 0);
}

void cpu_exception_signal(CPUState *env, int excp)
{
    switch (excp) {
    case EXCP_DIVZ:
        fault_next_trap(X86_TRAP_DE, 0);
        guest_signal(env, SIGFPE, FPE_INTDIV, env->eip);
        break;
    case EXCP_DB_STEP: /* single step: send_sigtrap(), DR6.BS -> TRAP_TRACE */
        fault_next_trap(X86_TRAP_DB, 0);
        guest_signal(env, SIGTRAP, TRAP_TRACE, env->eip);
        break;
    case EXCP_ICEBP: /* #DB with no DR6 cause: TRAP_BRKPT */
        fault_next_trap(X86_TRAP_DB, 0);
        guest_signal(env, SIGTRAP, TRAP_BRKPT, env->eip);
        break;
    case EXCP_TRAP:
        env->error_code = 0;
        trap_signal(env, SIGTRAP, X86_TRAP_BP);
        break;
    case EXCP_OF:
        env->error_code = 0;
        trap_signal(env, SIGSEGV, X86_TRAP_OF);
        break;
    case EXCP_BR:
        env->error_code = 0;
        trap_signal(env, SIGSEGV, X86_TRAP_BR);
        break;
    case EXCP_ILLOP:
        fault_next_trap(X86_TRAP_UD, 0);
        guest_signal(env, SIGILL, ILL_ILLOPN, env->eip);
        break;
    case EXCP_NP:
        trap_signal(env, SIGBUS, X86_TRAP_NP);
        break;
    case EXCP_SS:
        trap_signal(env, SIGBUS, X86_TRAP_SS);
        break;
    case EXCP_GPF:
        trap_signal(env, SIGSEGV, X86_TRAP_GP);
        break;
    case EXCP_PAGE:
        /* an instruction fetch: the error code has I (0x10), U, W = 0
         * (arch/x86/mm/fault.c) */
        if (env->error_code & PF_ERR_FETCH)
            fault_next_trap(X86_TRAP_PF, 0x14 | (env->error_code & 1));
        guest_signal(env, SIGSEGV, SEGV_MAPERR, env->fault_addr);
        break;
    case EXCP_FPU:
        guest_signal(env, SIGFPE, env->fpe_code, env->eip);
        break;
    case EXCP_LONG_MODE:
        /* natively the task goes on in long mode; as for a sigreturn to
         * 64-bit code (sigframe.c), stitch says so and dies of SIGSEGV */
        fprintf(stderr, STITCH_NAME ": far transfer to 64-bit code (cs %#x) at eip %#x, "
                "which an i386 translator cannot run\n", env->error_code, env->eip);
        signal_die(SIGSEGV);
    case EXCP_AC: /* do_alignment_check(): BUS_ADRALN, no address */
        fault_next_trap(X86_TRAP_AC, 0);
        guest_signal(env, SIGBUS, BUS_ADRALN, 0);
        break;
    }
}
