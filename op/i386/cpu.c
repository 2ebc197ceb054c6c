/*
 * The i386 CPU's side of the engine interface (include/guest.h): what
 * happens to the CPU state when generated code is entered and left, the
 * guest's own floating-point exceptions, and the -d cpu dump.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <inttypes.h>

#include "fpu-state.h"
#include "guest.h"
#include "log.h"

/* The guest's x87 and MXCSR state lives in the host's own registers while
 * generated code runs (fpu-state.h); it stays there across TBs run back
 * to back, and only goes back to CPUState when C code needs it. */
void cpu_enter_code(CPUState *env)
{
    if (!env->fp_live)
        fpu_state_load(env);
}

void cpu_leave_code(CPUState *env)
{
    fpu_state_save(env);
}

void cpu_leave_code_in_signal(CPUState *env, const void *host_fpstate)
{
    if (env->fp_live)
        fpu_state_take(env, host_fpstate);
}

/*
 * A host SIGFPE while the guest's FPU state is live is the guest's
 * unmasked x87 (#MF) or SIMD (#XM) exception: the host ran the guest's
 * own instruction with the guest's control words, so the kernel's si_code
 * is already the one the guest would get (arch/x86/kernel/traps.c,
 * math_error).  #MF is reported at the next x87 instruction, as natively.
 */
int cpu_host_fpe(CPUState *env, int si_code, int trapno)
{
    if (!env->fp_live)
        return 0;
    env->exception_index = EXCP_FPU;
    env->error_code = (uint32_t)trapno;
    env->fpe_code = si_code;
    return 1;
}

void cpu_dump_state(const CPUState *env)
{
    static const char *const names[8] = {"EAX", "ECX", "EDX", "EBX",
                                         "ESP", "EBP", "ESI", "EDI"};

    for (int i = 0; i < 8; i++)
        log_printf("%s=%08" PRIx32 "%s", names[i], env->regs[i],
                   i % 4 == 3 ? "\n" : " ");
    log_printf("EIP=%08" PRIx32 " CC_OP=%" PRIu32 " CC_SRC=%08" PRIx32
               " CC_DST=%08" PRIx32 "\n",
               env->eip, env->cc_op, env->cc_src, env->cc_dst);
}
