/*
 * What every guest's CPU state has in common with the engine.
 *
 * A guest's CPUState (op/<guest>/cpu.h) is its own struct; the engine
 * (exec/) and the generic linux-user/ reach only the fields CPU_COMMON
 * lists, as QEMU 0.9's CPU_COMMON did, and `regs[]`, which the guest puts
 * first and its pinned registers index (include/guest.h).  A guest puts CPU_COMMON in its
 * CPUState after the fields its ops use most, so those keep short offsets
 * from env.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_CPU_COMMON_H
#define STITCH_CPU_COMMON_H

#include <setjmp.h>
#include <stdint.h>

/*
 * Why generated code gave control back (env->exception_index).  These are
 * the ones the engine and linux-user's loop know; a guest numbers its own
 * CPU exceptions from EXCP_GUEST upwards and maps them to signals
 * (cpu_exception_signal(), include/guest.h).
 */
enum {
    EXCP_NONE = -1,
    EXCP_SYSCALL = 0x100, /* the guest's system-call instruction; the PC is
                             already past it */
    EXCP_INTERRUPT,       /* an asynchronous host signal is pending for the guest */
    EXCP_PAGE,            /* bad guest memory access -> SIGSEGV, address in
                             fault_addr, host page-fault error code in error_code
                             (P 1, W 2, and PF_ERR_FETCH for an instruction
                             fetch) */
    EXCP_DEBUG,           /* a debugger's breakpoint or single step: the PC is
                             the next instruction to run (gdbstub/) */
    EXCP_BUS,             /* access past the end of a file mapping -> SIGBUS
                             (BUS_ADRERR); fault_addr, error_code as EXCP_PAGE */
    EXCP_GUEST = 0x110,   /* first guest-specific exception */
};

/* EXCP_PAGE's error_code bit for a fault on an instruction fetch: the
 * x86 page-fault error code's I/D bit (SDM vol. 3, 4.7), which an ARM
 * guest turns into its own prefetch-abort marker. */
#define PF_ERR_FETCH 0x10u
/* ... and its PK bit: a protection key denied the access (an
 * execute-only page, include/exec-only.h). */
#define PF_ERR_PK 0x20u

/* The jump cache (include/exec.h) is per CPU, so a thread's probes need
 * no lock and invalidation clears the slot in every CPU (exec/tb.c).
 * 16384 entries: with 4096, lua's return sites and dispatch targets
 * evicted each other from env->ibtc, and 1.9M of its 111M indirect jumps
 * went back to the loop (docs/performance.md). */
#define TB_JC_BITS 14

#define CPU_COMMON                                                          \
    int32_t exception_index;                                                \
    uint32_t error_code;                                                    \
    uint32_t fault_addr;                                                    \
    /* Set, by any thread or a host signal handler, to make generated     \
     * code return to the loop (cpu_exit_request). */                      \
    volatile int32_t exit_request;                                          \
    /* Indirect jumps (op_count_indirect, with --stats only). */          \
    uint64_t indirect_jumps;                                                \
    /* Where cpu_loop_exit() goes: the engine's loop (exec/cpu-exec.c). */ \
    sigjmp_buf jmp_env;                                                     \
    void *opaque; /* linux-user's per-thread state */                      \
    /* exec/cpus.c: the list of CPUs, and whether this one is between     \
     * cpu_exec_start() and cpu_exec_end() (an exclusive section waits    \
     * for it). */                                                         \
    struct CPUState *next_cpu;                                              \
    int32_t running;                                                        \
    int32_t single_insn_next; /* exec/cpu-exec.c */                        \
    void *stats; /* this thread's --stats counters (exec/stats.c) */       \
    struct TranslationBlock *tb_jmp_cache[1u << TB_JC_BITS];             \
    /* Indirect-branch targets (exec/op-exec.c, op_goto_indirect): guest   \
     * pc in the low half, the low 32 bits of its host code (the code     \
     * buffer is below 4 GiB) in the high half, indexed by tb_jc_hash().  \
     * One 64-bit word, so a probe never sees half of another pair. */    \
    uint64_t ibtc[1u << TB_JC_BITS];                                        \
    /* Last, after the tables: one field more before them moved them by 8    \
     * bytes, and ARM dhry took 3.11 s instead of 1.20 (a host alignment   \
     * effect, not understood yet). */                                    \
    uint32_t hot_pc; /* the TB that left by TB_EXIT_HOT (op_tb_heat) */

/* Leave generated code or a helper now and return to the engine's loop,
 * which hands env->exception_index to its caller (siglongjmp; never
 * returns).  Inline, so helpers need nothing from exec/ to raise an
 * exception. */
#define cpu_loop_exit(env) siglongjmp((env)->jmp_env, 1)

#endif
