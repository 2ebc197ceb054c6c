/*
 * The signal each i386 exception raises, with the si_code and address
 * Linux reports for it (arch/x86/kernel/traps.c, arch/x86/mm/fault.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>

#include "guest-user.h"
#include "user.h"

void cpu_exception_signal(CPUState *env, int excp)
{
    switch (excp) {
    case EXCP_DIVZ:
        guest_signal(env, SIGFPE, FPE_INTDIV, env->eip);
        break;
    case EXCP_TRAP:
        guest_signal(env, SIGTRAP, SI_KERNEL, 0);
        break;
    case EXCP_ILLOP:
        guest_signal(env, SIGILL, ILL_ILLOPN, env->eip);
        break;
    case EXCP_GPF:
        guest_signal(env, SIGSEGV, SI_KERNEL, 0);
        break;
    case EXCP_PAGE:
        guest_signal(env, SIGSEGV, SEGV_MAPERR, env->fault_addr);
        break;
    case EXCP_FPU:
        guest_signal(env, SIGFPE, env->fpe_code, env->eip);
        break;
    }
}
