/*
 * The engine's loop (paper, section 3.5): find or translate the TB at the
 * guest PC, chain the exit we came from to it, run it, until generated
 * code hands back an exception (a system call, a guest fault, a pending
 * signal), which cpu_exec() returns to its caller, linux-user's loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <inttypes.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>

#include "emit-host.h"
#include "guest.h"
#include "host-signal.h"
#include "log.h"
#include "stats.h"
#include "tb.h"

int exec_no_chain;

/* The one CPU running generated code, for the host signal handlers. */
static CPUState *running_env;

void exec_stats_collect(void)
{
    if (running_env)
        stats.indirect_jumps = running_env->indirect_jumps;
}

void cpu_exit_request(CPUState *env)
{
    env->exit_request = 1;
    tb_unchain_all();
    tb_jmp_cache_clear(); /* op_goto_indirect misses and exits */
}

/* Set when a store hit the code of the TB that made it: the instruction
 * after the restored state runs alone from a fresh, uncached TB. */
static int single_insn_next;

static TranslationBlock *find_tb(CPUState *env)
{
    uint32_t pc = cpu_get_pc(env), flags = cpu_get_tb_flags(env);

    if (single_insn_next) {
        single_insn_next = 0;
        return tb_gen_code(env, pc, flags, CF_SINGLE_INSN);
    }
    TranslationBlock *tb = tb_lookup(pc, flags);
    return tb ? tb : tb_gen_code(env, pc, flags, 0);
}

/*
 * The host PC of the generated code that faulted: the signal's PC, or, for
 * a fault inside a helper called from generated code, the helper call's
 * return address, found as the first code-buffer address on the stack.
 * The scan crosses the helper's frames, redzones included under ASan.
 */
__attribute__((no_sanitize_address))
static uintptr_t fault_code_pc(const void *uc)
{
    uintptr_t pc = host_signal_pc(uc);
    const uintptr_t *sp = (const uintptr_t *)host_signal_sp(uc);

    if (tb_find_by_host_pc(pc))
        return pc;
    /* A return address: right after a `call rel32` (e8) in a TB, not a
     * stale code pointer left in a helper's uninitialised locals. */
    for (int i = 0; i < 512; i++)
        if (tb_find_by_host_pc(sp[i]) && tb_find_by_host_pc(sp[i] - 5) &&
            ((const uint8_t *)sp[i])[-5] == 0xe8)
            return sp[i] - 1; /* inside the call instruction */
    return 0;
}

/*
 * A host SIGSEGV/SIGBUS at a guest address while generated code (or a
 * helper it called) runs is the guest's fault: recover the guest state at
 * the faulting instruction and leave for the CPU loop, which delivers
 * SIGSEGV to the guest.  Anything else is a bug in stitch: crash loudly.
 */
/*
 * A guest store into a page holding translated code (exec/tb.c protects
 * them).  The page's TBs are dropped and the protection lifted.  If the
 * store belongs to a TB translated from that same page, the rest of that TB
 * may be stale: the state is rolled back to the storing instruction, which
 * then runs alone (QEMU user mode does the same); otherwise the handler
 * returns and the store simply completes.
 */
/* Back to the CPU loop from a host signal handler.  The kernel saved the
 * FPU registers in the signal frame and gave the handler fresh ones: the
 * guest takes what it kept there from the frame. */
static _Noreturn void leave_from_signal(const void *uc)
{
    cpu_leave_code_in_signal(running_env, host_signal_fpstate(uc));
    siglongjmp(running_env->jmp_env, 1);
}

/* The guest state at the faulting instruction of generated code (pc from
 * fault_code_pc(), 0 if none). */
static void restore_from_signal(uintptr_t pc, const void *uc)
{
    if (pc && cpu_restore_state(running_env, pc) == RESTORE_OK)
        host_signal_pinned_regs(uc, running_env->regs); /* include/guest.h */
}

static int handle_code_write(uint32_t gaddr, const void *uc)
{
    if (!tb_is_code_page(gaddr))
        return 0;
    uintptr_t pc = fault_code_pc(uc);
    TranslationBlock *cur = pc ? tb_find_by_host_pc(pc) : NULL;
    uint32_t page = gaddr & ~(GUEST_PAGE_SIZE - 1);
    int own_code = cur && cur->pc < page + GUEST_PAGE_SIZE &&
                   cur->pc + cur->size > page;

    if (own_code)
        restore_from_signal(pc, uc);
    tb_invalidate_range(page, page + GUEST_PAGE_SIZE - 1);
    if (!own_code)
        return 1;
    single_insn_next = 1;
    running_env->exception_index = EXCP_NONE;
    leave_from_signal(uc);
}

static void host_fault(int sig, siginfo_t *si, void *uc)
{
    uintptr_t addr = (uintptr_t)si->si_addr;

    if (running_env && addr - guest_base <= 0xffffffffu) {
        if (host_signal_is_write(uc) &&
            handle_code_write((uint32_t)(addr - guest_base), uc))
            return;
        if (tb_decoding) {
            /* the instruction fetch of the TB being translated: the guest
             * state is the one at its pc, already in env */
            tb_decoding = 0;
            tb_discard_last();
        } else {
            restore_from_signal(fault_code_pc(uc), uc);
        }
        running_env->exception_index = EXCP_PAGE;
        running_env->fault_addr = (uint32_t)(addr - guest_base);
        running_env->error_code = host_signal_pf_err(uc) & 3; /* P, W */
        leave_from_signal(uc);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

/*
 * A host SIGFPE in generated code may be the guest's own floating-point
 * exception (i386: the host ran the guest's x87 or SSE instruction with
 * the guest's control words); the guest decides (cpu_host_fpe).
 */
static void host_fpe(int sig, siginfo_t *si, void *uc)
{
    uintptr_t pc = 0;

    if (running_env &&
        cpu_host_fpe(running_env, si->si_code, host_signal_trapno(uc)))
        pc = fault_code_pc(uc);
    if (!pc) {
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    restore_from_signal(pc, uc);
    leave_from_signal(uc);
}

static void install_fault_handler(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = host_fault;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sa.sa_sigaction = host_fpe;
    sigaction(SIGFPE, &sa, NULL);
}

/* Run TBs, chaining each exit to its successor, until one raises an
 * exception; a helper or a fault may also leave through cpu_loop_exit(). */
static void run_until_exception(CPUState *env)
{
    TranslationBlock *last = NULL;
    int last_n = 0;

    while (env->exception_index == EXCP_NONE) {
        uint64_t flushes = stats.flushes;
        TranslationBlock *tb = find_tb(env);
        if (stats.flushes != flushes)
            last = NULL; /* the buffer was flushed: `last` is gone */
        if (last && !exec_no_chain)
            tb_add_jump(last, last_n, tb);
        if (log_enabled(cpu))
            cpu_dump_state(env);
        if (log_enabled(exec))
            log_printf("Trace %p [%08" PRIx32 "]\n", (void *)tb->tc_ptr,
                       tb->pc);
        /* A request that came before the jump cache was filled above
         * found nothing to clear there: leave now. */
        if (env->exit_request) {
            env->exception_index = EXCP_INTERRUPT;
            break;
        }
        stats.loop_entries++;
        cpu_enter_code(env);
        uint32_t ret = tb_enter(env, guest_base, tb->tc_ptr);
        stats.indirect_misses += ret == TB_EXIT_INDIRECT_MISS;
        last = tb_from_exit_value(ret, &last_n);
        if (env->exit_request && env->exception_index == EXCP_NONE)
            env->exception_index = EXCP_INTERRUPT;
    }
}

int cpu_exec(CPUState *env)
{
    if (!running_env) {
        running_env = env;
        install_fault_handler();
    }
    env->exception_index = EXCP_NONE;
    /* A fault can also end in EXCP_NONE (a store into the running TB's
     * own code, handle_code_write): then simply go on.  The host signal
     * mask need not be saved: it is empty while the guest runs (its mask
     * is virtual, linux-user/signal.c), and the handlers that jump here
     * block nothing (SA_NODEFER, empty sa_mask). */
    while (env->exception_index == EXCP_NONE) {
        if (sigsetjmp(env->jmp_env, 0) == 0)
            run_until_exception(env);
        cpu_leave_code(env); /* also after cpu_loop_exit() from a helper */
    }
    int excp = env->exception_index;
    env->exception_index = EXCP_NONE;
    return excp;
}
