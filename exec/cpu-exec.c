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
#include <stdlib.h>

#include "emit-host.h"
#include "exec-only.h"
#include "exec-watch.h"
#include "guest.h"
#include "host-signal.h"
#include "interp.h"
#include "log.h"
#include "stats.h"
#include "tb.h"
#include "tsan.h"

int exec_no_chain;
void (*exec_sent_signal)(int sig, siginfo_t *si, void *uc);
int exec_singlestep;
CPUState *exec_step_cpu;

/* This thread's CPU, for the host signal handlers (a fault is handled on
 * the thread that made it). */
static __thread CPUState *running_env;
/* Set while this thread's cpu_exec() runs generated code and its helpers;
 * a fault while it is clear happened in linux-user's own code (a system
 * call copying guest memory), where there is no generated-code state to
 * restore. */
static __thread volatile int in_cpu_exec;

/* Zeroed; malloc's 16-byte alignment is what its XMM registers need. */
CPUState *cpu_state_new(void)
{
    return calloc(1, sizeof(CPUState));
}

void cpu_state_free(CPUState *env)
{
    free(env);
}

/* The flag the loop, the C helpers and copied code (EXIT_REQUESTED())
 * test: one atomic store, safe from any thread and from a signal
 * handler. */
void cpu_exit_request(CPUState *env)
{
    __atomic_store_n(&env->exit_request, 1, __ATOMIC_RELEASE);
}

void cpu_exit_request_done(CPUState *env)
{
    __atomic_store_n(&env->exit_request, 0, __ATOMIC_RELEASE);
}

/*
 * The TB at the guest PC: this CPU's jump cache without a lock, else the
 * hash table or a new translation under tb_lock.  NULL when the code
 * buffer is full: the caller flushes it and comes back.
 * env->single_insn_next is set when a store hit the code of the TB that
 * made it: the instruction after the restored state runs alone from a
 * fresh, uncached TB.
 */
static TranslationBlock *find_tb(CPUState *env)
{
    uint32_t pc = cpu_get_pc(env), flags = cpu_get_tb_flags(env);
    TranslationBlock *tb;

    if (!env->single_insn_next && (tb = tb_lookup_fast(env, pc, flags)))
        return tb;
    tb_lock();
    if (env->single_insn_next) {
        if ((tb = tb_gen_code(env, pc, flags, CF_SINGLE_INSN)))
            env->single_insn_next = 0;
    } else if (!(tb = tb_lookup(env, pc, flags))) {
        tb = tb_gen_code(env, pc, flags, 0);
    }
    tb_unlock();
    return tb;
}

/* After TB_EXIT_HOT: the TB at env->hot_pc, translated again with the
 * passes (exec/tier.c). */
static TranslationBlock *promote(CPUState *env)
{
    tb_lock();
    TranslationBlock *tb = tier_promote(env);
    tb_unlock();
    return tb;
}

/* Code the engine made: a TB's copied code, or under --interp a handler. */
static int in_generated_code(uintptr_t pc)
{
    return exec_interp ? interp_in_handlers(pc) : tb_find_by_host_pc(pc) != NULL;
}

/*
 * The host PC of the generated code that faulted: the signal's PC, or, for
 * a fault inside a helper called from generated code, the helper call's
 * return address, found as the first code-buffer address on the stack.
 * The scan crosses the helper's frames, redzones included under ASan.
 * Under --interp, the position is the faulting op's thread entry instead
 * (exec/interp.c), which cpu_restore_state takes as well.
 */
__attribute__((no_sanitize_address))
static uintptr_t fault_code_pc(const void *uc)
{
    uintptr_t pc = host_signal_pc(uc);
    const uintptr_t *sp = (const uintptr_t *)host_signal_sp(uc);

    if (in_generated_code(pc))
        return exec_interp ? interp_fault_entry(uc, 0) : pc;
    /* A return address: right after a `call rel32` (e8) in a TB, not a
     * stale code pointer left in a helper's uninitialised locals. */
    for (int i = 0; i < 512; i++)
        if (in_generated_code(sp[i]) && in_generated_code(sp[i] - 5) &&
            ((const uint8_t *)sp[i])[-5] == 0xe8)
            return exec_interp ? interp_fault_entry(uc, 1)
                               : sp[i] - 1; /* inside the call instruction */
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
    tb_unlock();
    cpu_leave_code_in_signal(running_env, host_signal_fpstate(uc));
    siglongjmp(running_env->jmp_env, 1);
}

#ifndef GUEST_RESTORE_FLAGS
#define GUEST_RESTORE_FLAGS(env, loop_entry) ((void)0)
#endif

/* The guest state at the faulting instruction of generated code (pc from
 * fault_code_pc(), 0 if none). */
static void restore_from_signal(uintptr_t pc, const void *uc)
{
    int restored = pc ? cpu_restore_state(running_env, pc) : RESTORE_NOT_TB;

    if ((restored & ~RESTORE_LOOP_ENTRY) == RESTORE_OK)
        host_signal_pinned_regs(uc, running_env->regs); /* include/guest.h */
    if (restored != RESTORE_NOT_TB)
        GUEST_RESTORE_FLAGS(running_env, restored & RESTORE_LOOP_ENTRY);
}

static int handle_code_write(uint32_t gaddr, const void *uc, int access_fault)
{
    /* Another thread's store dropped the page's TBs and lifted its
     * protection after this store faulted on it: the store runs again. */
    if (!tb_is_code_page(gaddr))
        return access_fault && (page_get_flags(gaddr) & PAGE_WRITE);
    uintptr_t pc = in_cpu_exec ? fault_code_pc(uc) : 0;
    TranslationBlock *cur = pc ? tb_find_by_host_pc(pc) : NULL;
    uint32_t page = gaddr & ~(GUEST_PAGE_SIZE - 1);
    int own_code = cur && cur->pc < page + GUEST_PAGE_SIZE &&
                   cur->pc + cur->size > page;

    if (own_code)
        restore_from_signal(pc, uc);
    tb_invalidate_range(page, page + GUEST_PAGE_SIZE - 1);
    if (!own_code)
        return 1;
    running_env->single_insn_next = 1;
    running_env->exception_index = EXCP_NONE;
    leave_from_signal(uc);
}

/*
 * Runs on the faulting thread, under tb_lock (the TB store, the op buffer
 * that state restore reuses, the page protections): taken here, dropped
 * before returning or leaving (leave_from_signal).  A thread that held it
 * already (a fault inside stitch's own code for a system call) takes it
 * again: the lock is recursive.
 */
static void host_fault(int sig, siginfo_t *si, void *uc)
{
    uintptr_t addr = (uintptr_t)si->si_addr;

    if (si->si_code <= 0 && exec_sent_signal) {
        exec_sent_signal(sig, si, uc);
        return;
    }
    if (running_env && si->si_code > 0 && addr - guest_base <= 0xffffffffu) {
        tb_lock();
        if (exec_watch_fault((uint32_t)(addr - guest_base), host_signal_is_write(uc))) {
            /* gdb's rwatch/awatch (exec/watch.c): run it again unwatched */
            restore_from_signal(fault_code_pc(uc), uc);
            running_env->exception_index = EXCP_NONE;
            leave_from_signal(uc);
        }
        if (host_signal_is_write(uc) &&
            handle_code_write((uint32_t)(addr - guest_base), uc,
                              sig == SIGSEGV && si->si_code == SEGV_ACCERR)) {
            tb_unlock();
            return;
        }
        uint32_t fetch = tb_decoding ? PF_ERR_FETCH : 0;
        if (tb_decoding) {
            /* the instruction fetch of the TB being translated: the guest
             * state is the one at its pc, already in env */
            tb_decoding = 0;
            tb_discard_last();
        } else if (in_cpu_exec) {
            restore_from_signal(fault_code_pc(uc), uc);
        }
        /* A host SIGBUS on a guest address is an access past the end of
         * a file mapping (mm/filemap.c): the guest gets SIGBUS too. */
        running_env->exception_index = sig == SIGBUS ? EXCP_BUS : EXCP_PAGE;
        running_env->fault_addr = (uint32_t)(addr - guest_base);
        running_env->error_code = (host_signal_pf_err(uc) & (3 | PF_ERR_PK)) | fetch; /* P, W, PK */
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

    if (si->si_code <= 0 && exec_sent_signal) {
        exec_sent_signal(sig, si, uc);
        return;
    }
    if (running_env && si->si_code > 0 &&
        cpu_host_fpe(running_env, si->si_code, host_signal_trapno(uc))) {
        tb_lock();
        pc = fault_code_pc(uc);
        if (pc) {
            restore_from_signal(pc, uc);
            leave_from_signal(uc);
        }
        tb_unlock();
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

/* SIGILL and SIGTRAP never come from the guest's own instructions
 * (its #UD and int3 are translated to exceptions): one raised by a fault
 * is stitch's bug and kills it; one sent by kill/tgkill is the guest's. */
static void host_trap(int sig, siginfo_t *si, void *uc)
{
    if (si->si_code <= 0 && exec_sent_signal) {
        exec_sent_signal(sig, si, uc);
        return;
    }
    signal(sig, SIG_DFL);
    raise(sig);
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
    sa.sa_sigaction = host_trap;
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);
}

/*
 * The TB a loop exit of `last` goes on to, when the TB at the next pc is
 * `last` itself again: the twin of `last` that only this exit enters
 * (CF_LOOP_ENTRY; translate/arm/loop.c says why), translated on the first
 * round, to which the exit is chained.  NULL when the code buffer is full.
 * If the twin came out otherwise (it cannot: translation is deterministic)
 * the loop goes on in `found`, unchained: that way out stored the flags.
 */
static TranslationBlock *loop_entry(CPUState *env, TranslationBlock *last,
                                    TranslationBlock *found, int *chain_it)
{
    if (last->cflags & CF_LOOP_ENTRY)
        return last;
    tb_lock();
    TranslationBlock *tb = tb_gen_code(env, last->pc, last->flags,
                                       (last->cflags & ~CF_TIER0) | CF_HOT |
                                       CF_LOOP_ENTRY);
    tb_unlock();
    if (tb && tb->loop_exit != last->loop_exit) {
        *chain_it = 0;
        return found;
    }
    return tb;
}

/* Chain exit n of `last` to `tb` (under tb_lock: the lists of jumps). */
static void chain(TranslationBlock *last, int n, TranslationBlock *tb)
{
    tb_lock();
    tb_add_jump(last, n, tb);
    tb_unlock();
}

/* gdb's single step: one instruction, from an uncached TB that nothing is
 * chained to or from, with this CPU's jump cache emptied so that an
 * indirect jump at its end comes back here too; then EXCP_DEBUG, unless
 * the instruction raised an exception of its own (a system call).
 * Returns 1 when the code buffer is full, as run_until_exception(). */
static int run_one_insn(CPUState *env)
{
    tb_lock();
    TranslationBlock *tb = tb_gen_code(env, cpu_get_pc(env), cpu_get_tb_flags(env),
                                       CF_SINGLE_INSN);
    tb_unlock();
    if (!tb)
        return 1;
    /* Another thread may clear an entry too (tb_remove): atomic stores. */
    for (size_t h = 0; h < sizeof(env->tb_jmp_cache) / sizeof(env->tb_jmp_cache[0]); h++)
        __atomic_store_n(&env->tb_jmp_cache[h], NULL, __ATOMIC_RELAXED);
    ibtc_clear(env);
    cpu_enter_code(env);
    exec_watch_arm();
    if (exec_interp) /* tc_ptr is a thread of handlers (exec/interp.c) */
        interp_enter(env, tb->tc_ptr);
    else
        tb_enter(env, guest_base, tb->tc_ptr);
    exec_watch_disarm();
    if (env->exception_index == EXCP_NONE)
        env->exception_index = EXCP_DEBUG;
    return 0;
}

/*
 * Run TBs, chaining each exit to its successor, until one raises an
 * exception (return 0) or the code buffer is full (return 1: the caller
 * flushes it).  A helper or a fault may also leave through
 * cpu_loop_exit().  `last` lives only as long as this call: a flush by
 * another thread happens only while this one is out of it.
 */
static int run_until_exception(CPUState *env, volatile unsigned *flushes)
{
    TranslationBlock *last = NULL;
    int last_n = 0, missed = 0, hot = 0;

    if (__atomic_load_n(&exec_singlestep, __ATOMIC_RELAXED) ||
        __atomic_load_n(&exec_step_cpu, __ATOMIC_RELAXED) == env) {
        *flushes = tb_flush_count();
        return run_one_insn(env);
    }
    while (env->exception_index == EXCP_NONE) {
        *flushes = tb_flush_count();
        int uncached = env->single_insn_next; /* find_tb() */
        TranslationBlock *tb = hot ? promote(env) : find_tb(env);
        if (!tb)
            return 1;
        int chain_it = last && !exec_no_chain;
        if (chain_it && last->loop_exit == last_n + 1 && tb->pc == last->pc &&
            tb->flags == last->flags && !last->invalid &&
            !(tb = loop_entry(env, last, tb, &chain_it)))
            return 1;
        /* An exit that leaves the flags unstored when chained, to a TB
         * that might read them (a gdb breakpoint there, code that
         * changed): it stays unchained, and stores them each time. */
        if (chain_it && (last->lazy_exits >> last_n & 1) && !tb->flags_dead_in)
            chain_it = 0;
        if (chain_it)
            chain(last, last_n, tb);
        if (missed && !uncached) /* for the next probe of this target */
            ibtc_fill(env, tb);
        if (log_enabled(cpu) && log_pc_shown(tb->pc))
            cpu_dump_state(env);
        if (log_enabled(exec) && log_pc_shown(tb->pc))
            log_printf("Trace %p [%08" PRIx32 "]\n", (void *)tb->tc_ptr,
                       tb->pc);
        /* A request that came while the loop ran C code: leave now. */
        if (__atomic_load_n(&env->exit_request, __ATOMIC_ACQUIRE)) {
            env->exception_index = EXCP_INTERRUPT;
            break;
        }
        STAT_INC(loop_entries);
        cpu_enter_code(env);
        uint32_t ret = exec_interp ? interp_enter(env, tb->tc_ptr)
                                   : tb_enter(env, guest_base, tb->tc_ptr);
        missed = ret == TB_EXIT_INDIRECT_MISS;
        /* A chained entry stored no PC: set it before anything (an exit
         * request, a signal) can leave the loop with it. */
        if ((hot = ret == TB_EXIT_HOT))
            cpu_set_pc(env, env->hot_pc);
        STAT_ADD(indirect_misses, missed);
        last = ret > TB_EXIT_INDIRECT_MISS ? tb_from_exit_value(ret, &last_n) : NULL;
        if (__atomic_load_n(&env->exit_request, __ATOMIC_ACQUIRE) &&
            env->exception_index == EXCP_NONE)
            env->exception_index = EXCP_INTERRUPT;
    }
    return 0;
}

/* Flush the full code buffer while no other thread runs generated code;
 * `seen` is the flush count when this thread found it full, so a flush
 * another thread did meanwhile is not done twice. */
static void flush_code_buffer(CPUState *env, unsigned seen)
{
    cpu_exec_end(env);
    start_exclusive();
    if (tb_flush_count() == seen)
        tb_flush();
    end_exclusive();
    cpu_exec_start(env);
}

int cpu_exec(CPUState *env)
{
    static int handlers_installed; /* first call: before any other thread */

    if (!handlers_installed) {
        handlers_installed = 1;
        install_fault_handler();
    }
    running_env = env;
    env->exception_index = EXCP_NONE;
    cpu_exec_start(env);
    /* A fault can also end in EXCP_NONE (a store into the running TB's
     * own code, handle_code_write): then simply go on.  The host signal
     * mask need not be saved: the handlers that jump here block nothing
     * (SA_NODEFER, empty sa_mask). */
    in_cpu_exec = 1;
    /* The guest runs with its execute-only pages denied, and stitch
     * between reads of code (include/exec-only.h); a jump out of the
     * translator's reading (a fetch fault) would leave them open. */
    exec_only_deny();
    while (env->exception_index == EXCP_NONE) {
        volatile unsigned flushes = 0;
        volatile int full = 0;
        if (sigsetjmp(env->jmp_env, 0) == 0)
            full = run_until_exception(env, &flushes);
        exec_only_deny();
        exec_watch_disarm(); /* a fault or cpu_loop_exit() left the window */
        tb_lock_reset();
        guest_access_reset();
        cpu_leave_code(env); /* also after cpu_loop_exit() from a helper */
        if (full)
            flush_code_buffer(env, flushes);
    }
    in_cpu_exec = 0;
    cpu_exec_end(env);
    int excp = env->exception_index;
    env->exception_index = EXCP_NONE;
    return excp;
}
