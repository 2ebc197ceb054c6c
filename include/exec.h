/*
 * The execution engine's interface (exec/): translation blocks, the op
 * buffer the translator fills, and the CPU loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_EXEC_H
#define STITCH_EXEC_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu.h"
#include "guest-window.h"

/*
 * A translation block: the host code for a run of guest instructions that
 * ends at a control transfer (paper, section 3.5).  Exit jumps n = 0, 1 are
 * GOTO_TB(n) ops whose rel32 sits at jmp_offset[n]; chaining patches it to
 * the successor's code, and jmp_first/jmp_next[] list the TBs that jump
 * into this one so they can be unchained:
 *
 *   tb_dst->jmp_first -> tb_a|n -> tb_a->jmp_next[n] -> tb_b|m -> ... -> 0
 *
 * (each link is a TB pointer tagged with the exit slot in its low bit).
 */
typedef struct TranslationBlock {
    uint32_t pc;          /* guest address of the first instruction */
    uint32_t flags;       /* the CPU modes it was translated for (cpu_get_tb_flags) */
    uint32_t size;        /* guest bytes covered */
    uint32_t icount;      /* guest instructions */
    uint8_t *tc_ptr;      /* host code */
    uint32_t tc_size;
    uint16_t jmp_offset[2];     /* offset of exit jump n's rel32, or NO_JMP */
    uint8_t jmp_pad[2];         /* NOP bytes put before exit n's op, so
                                   its rel32 is 4-byte aligned */
    uint8_t invalid;            /* invalidated: never found nor chained again */
    uint8_t loop_exit;          /* 1 + the exit that jumps back to this TB's
                                   start with the flags unstored, or 0
                                   (GUEST_LOOP_EXIT, exec/cpu-exec.c) */
    uint8_t lazy_exits;         /* bit n: exit n stores the flags only when
                                   it is not chained, so it may be chained
                                   only to a TB with flags_dead_in
                                   (GUEST_LAZY_EXITS) */
    uint8_t flags_dead_in;      /* the TB sets every flag before anything in
                                   it can read one (GUEST_FLAGS_DEAD_IN) */
    struct TranslationBlock *jmp_dest[2]; /* where exit n is chained to */
    uintptr_t jmp_next[2];      /* next TB jumping to the same target */
    uintptr_t jmp_first;        /* first TB jumping into this one */
    struct TranslationBlock *hash_next;
    uint32_t cflags;
    uint32_t exit_base;         /* tb_exit_value(tb, 0) */
    uint32_t prof_slot, prof_nslots; /* its counters (exec/profile.c) */
} TranslationBlock;

#define NO_JMP 0xffff

/* TranslationBlock.cflags */
#define CF_SINGLE_INSN 1 /* translate one instruction only (after a store
                            into the running TB's own code, with
                            -one-insn-per-tb, while gdb single-steps) */
#define CF_NO_CHAIN 2    /* --no-chain: end every TB with a plain exit */
#define CF_COUNT_INDIRECT 4 /* --stats: count indirect jumps in generated
                               code (op_count_indirect) */
#define CF_TIER0 8       /* translated without the optimising passes; it
                            counts its runs (op_tb_heat, exec/tier.c) */
#define CF_HOT 16        /* asked for at tier 1: it ran often at tier 0 */
#define CF_LOOP_ENTRY 32 /* entered only by its own loop exit (loop_exit):
                            not in the hash table; after a fault in it the
                            guest rebuilds the flags the exit left unstored */

/*
 * The jump cache: direct-mapped by guest PC, probed by the CPU loop.
 * Indirect jumps probe a table of their own from generated code
 * (env->ibtc, op_goto_indirect) with the same hash, so a return or a call
 * through a pointer reaches a translated successor without leaving
 * generated code.  Generated code compares the PC only: a guest whose TB
 * flags can change at an indirect jump must test them there too.  Each CPU
 * has its own of both (include/cpu-common.h).
 */

static inline unsigned tb_jc_hash(uint32_t pc)
{
    return (pc ^ (pc >> TB_JC_BITS)) & ((1u << TB_JC_BITS) - 1);
}

/*
 * The 32-bit value an EXIT_TB op returns to the loop: 0 for "no chaining
 * information" (indirect jumps, exceptions), otherwise which TB left by
 * which exit, so the loop can chain that exit to the next TB.
 */
static inline uint32_t tb_exit_value(const TranslationBlock *tb, int n)
{
    return tb->exit_base + (uint32_t)n;
}
/* The exit value of op_goto_indirect when env->ibtc missed (counted
 * by --stats); like 0, it carries no chaining information. */
#define TB_EXIT_INDIRECT_MISS 1
/* op_tb_heat: the tier-0 TB starting at env->hot_pc has run often enough
 * to be translated again with the passes; no guest instruction of it ran. */
#define TB_EXIT_HOT 2

/* Set up the code buffer (size 0 = default). */
void exec_init(size_t code_buffer_size);

/* Run the guest from cpu_get_pc(env) until generated code raises an
 * exception; return it (EXCP_SYSCALL, EXCP_INTERRUPT, EXCP_PAGE or one of
 * the guest's).  The caller, linux-user's loop, handles it and calls
 * cpu_exec() again. */
int cpu_exec(CPUState *env);

/* Invalidate every TB that covers guest bytes [start, end), before a
 * write to them (the pages' write protection goes too). */
void tb_invalidate_range(uint32_t start, uint32_t end);
/* The same where nothing is written (a cache flush, a changed code
 * segment): a page protected only to see its first write stays so. */
void tb_drop_range(uint32_t start, uint32_t end);

/* Options exec honours (set by linux-user/main.c before exec_init). */
extern int exec_no_chain;
extern int exec_one_insn_per_tb; /* -one-insn-per-tb, -singlestep */
/* Set by the gdb stub: cpu_exec() runs one guest instruction and returns
 * EXCP_DEBUG (or the instruction's exception), on every CPU while
 * exec_singlestep is set (gdb's watchpoints), on exec_step_cpu only for
 * gdb's single step of that thread. */
extern int exec_singlestep;
extern struct CPUState *exec_step_cpu;

/* Called with each TB just generated, when set (linux-user: -perfmap,
 * -jitdump, --stats' hottest blocks); NULL costs one test per
 * translation and nothing in generated code. */
extern void (*exec_tb_hook)(const TranslationBlock *tb);
extern int exec_interp; /* --interp: thread the ops instead of copying them */
/* --tier0: runs of a TB before it is translated again with the passes;
 * 0: with them at once (exec/tier.c) */
extern unsigned exec_tier0_runs;

/*
 * Asynchronous events (a host signal for the guest, another thread's
 * exclusive section): cpu_exit_request() sets env->exit_request, safe
 * from a host signal handler and from any thread.  Generated code tests
 * it (EXIT_REQUESTED(), op/op-x86_64.h) at every indirect jump
 * (op_goto_indirect) and at every direct exit that may close a loop
 * (op_goto_tb0/1; tb_exit_needs_check() below), so the running thread
 * returns to the loop before it runs any TB twice, and cpu_exec()
 * returns EXCP_INTERRUPT.  Its caller, having seen the request, calls
 * cpu_exit_request_done().  A CPUState comes from cpu_state_new().
 */
void cpu_exit_request(CPUState *env);
void cpu_exit_request_done(CPUState *env);
CPUState *cpu_state_new(void);
void cpu_state_free(CPUState *env);

/*
 * Must exit jump `slot`'s op test the exit request (op_goto_tb0) before
 * it jumps to `target`, or may it chain without (op_goto_tb0_fwd)?  The
 * guarantee above only needs every path that stays in generated code
 * forever to pass a test.  A chained exit of the TB at pc p always leads
 * to the TB at its own static target (chaining stands for "set pc :=
 * target, look it up"), and the TBs on a path that crosses only untested
 * exits start at strictly rising pcs, so such a path is finite: at most
 * one TB per distinct pc.  Every loop of chained TBs therefore crosses a
 * tested exit (target <= p), an indirect jump (op_goto_indirect tests) or
 * the CPU loop (which tests).  Nothing here depends on which TBs exist:
 * a retranslated or invalidated TB, one that crosses a page, one with
 * other flags at the same pc (target == p: tested) or a TB that jumps
 * into its own middle (that target starts a TB of its own) all keep it.
 * The pc compared is the TB key's own pc, whatever the guest's state, so
 * any guest may use it.
 */
static inline int tb_exit_needs_check(const TranslationBlock *tb,
                                      uint32_t target)
{
    return target <= tb->pc;
}

/*
 * A SIGSEGV, SIGBUS, SIGFPE, SIGILL or SIGTRAP that no fault raised but
 * someone sent (kill, tgkill from another guest thread: si_code <= 0) is
 * an ordinary signal for the guest: the engine's fault handlers pass it to
 * this hook, which linux-user sets to its recording handler.
 */
extern void (*exec_sent_signal)(int sig, siginfo_t *si, void *uc);

/*
 * Blocking host system calls without a lost wake-up (exec/safe-syscall-
 * <host>.S): the call is made only if *signalled is still 0 at the last
 * instruction before it, and a host signal handler that calls
 * safe_syscall_rewind(uc) makes one it interrupted there return -EINTR
 * instead.  Returns the kernel's result, -errno on failure.
 */
long safe_syscall(const volatile int *signalled, long nr, long a1, long a2, long a3,
                  long a4, long a5, long a6);
int safe_syscall_rewind(void *uc);

/*
 * Threads (exec/cpus.c).  Every guest thread is a host thread with its own
 * CPUState; they share the TB store and the code buffer.
 *
 * cpu_register() / cpu_unregister(): the thread's CPU joins or leaves the
 * list the engine walks (jump-cache invalidation, exclusive sections).
 *
 * tb_lock() / tb_unlock(): the translation lock, recursive per thread (the
 * role of QEMU user mode's mmap_lock).  It covers translation, the TB
 * store, chaining, invalidation, state restore after a fault, and the
 * guest's page flags and memory map (linux-user/mmap.c).  Jump-cache
 * probes do not take it.
 *
 * exec_fork_start() / exec_fork_end(): around a host fork(), so the child
 * does not inherit a lock held by a thread it no longer has: the caller
 * waits until every other thread has left generated code and holds the
 * locks across the fork; the child then forgets the other CPUs.
 */
void cpu_register(CPUState *env);
/* --threads=serial: one CPU at a time runs generated code (exec/cpus.c);
 * call before any thread but the first exists. */
void exec_serial_init(void);
void cpu_unregister(CPUState *env);
/* Calls fn on every thread's CPU under the list's lock, which a thread
 * that exits takes before its state goes. */
void cpu_list_each(void (*fn)(CPUState *env, void *arg), void *arg);
void tb_lock(void);
void tb_unlock(void);
/* After a siglongjmp out of code that may have held the lock (a fault in a
 * system call): drop whatever this thread holds. */
void tb_lock_reset(void);
/* Before the first thread beyond the first is created: from then on the
 * lock locks (a single-threaded program skips the mutex). */
void tb_lock_for_threads(void);
void exec_fork_start(void);
void exec_fork_end(CPUState *self, int child);
/* Between exec_fork_start() and the fork: copy the code buffer for the
 * child (its views are shared memory, exec/tb.c); 0 or -errno.  After the
 * fork, in both processes: the child maps its copy, the parent drops it. */
int exec_fork_code_prepare(void);
void exec_fork_code_end(int child);

/*
 * The guest's view of its pages (qemu's PAGE_* bits), one byte per page
 * (exec/page.c).  linux-user's mmap bookkeeping sets them; the engine reads
 * them to write-protect pages that hold translated code.
 */
enum { PAGE_READ = 1, PAGE_WRITE = 2, PAGE_EXEC = 4, PAGE_VALID = 8, PAGE_SHOWN_READ = 16 };
/* PAGE_READ says whether the guest's loads (and the kernel's copies) work,
 * which on x86 any mapping that is not execute-only allows; PAGE_SHOWN_READ
 * is the PROT_READ the guest asked for, the VM_READ that /proc/self/maps
 * and smaps show (a PROT_WRITE mapping reads as "-w-p" there). */
int page_get_flags(uint32_t addr);
void page_set_flags(uint32_t start, uint64_t len, int flags);
/* The pages that are PAGE_VALID, and the most there have been at once
 * (under tb_lock). */
uint64_t page_valid_count(void);
uint64_t page_valid_peak(void);
void page_valid_peak_reset(void);
/* Where addr's byte lies in this process: another process of the same
 * stitch binary (linked at a fixed address) keeps its at the same place. */
const uint8_t *page_flags_at(uint32_t addr);
/* Whether any of the PAGE_FLAGS_PIECE pages from `page` (a multiple of
 * it) has ever had a flag: the rest of a piece is all zeros. */
#define PAGE_FLAGS_PIECE 4096u
int page_flags_piece_used(uint32_t page);
/* -d page: the valid ranges and their flags, to the log. */
void page_dump(void);

#endif
