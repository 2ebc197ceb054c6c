/*
 * exec/ internals: the code buffer and the TB store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_EXEC_TB_H
#define STITCH_EXEC_TB_H

#include "exec.h"
#include "op-buf.h"

/* The code buffer: host code of all TBs, bump-allocated, flushed whole. */
extern uint8_t *code_buffer;
extern size_t code_buffer_size;
extern uint8_t *code_ptr;
/* The buffer is mapped twice (W^X, tb.c): code_buffer and the TBs' tc_ptr
 * are the read-execute view, which runs and is jumped to; every store to
 * code goes through the read-write view, code_rw_delta bytes away.  Both
 * views are page-aligned, so an address's alignment is the same in each. */
extern intptr_t code_rw_delta;

static inline void *code_rw(const void *rx)
{
    return (void *)((uintptr_t)rx + (uintptr_t)code_rw_delta);
}

static inline uint8_t *code_rx(const void *rw)
{
    return (uint8_t *)((uintptr_t)rw - (uintptr_t)code_rw_delta);
}

/* Room under which the buffer is flushed before translating. */
#define TB_CODE_MIN_ROOM 4096

TranslationBlock *tb_alloc(uint32_t pc, uint32_t flags);
TranslationBlock *tb_lookup_fast(CPUState *env, uint32_t pc, uint32_t flags);
TranslationBlock *tb_lookup(CPUState *env, uint32_t pc, uint32_t flags);
void tb_insert(CPUState *env, TranslationBlock *tb);
void tb_flush(void); /* inside an exclusive section */
/* How many flushes so far: a TB pointer kept across a change of it is gone. */
unsigned tb_flush_count(void);
int tb_needs_flush(void);
void tb_discard_last(void);
TranslationBlock *tb_from_exit_value(uint32_t v, int *n);
/* Under tb_lock: tb is never found, chained to or counted again. */
void tb_drop(TranslationBlock *tb);
/* tb's place in the TB store, also for a copy of it (cpu_restore_state). */
static inline uint32_t tb_index(const TranslationBlock *tb)
{
    return (tb->exit_base >> 1) - 2;
}

/* tier.c */
void tier_alloc(TranslationBlock *tb);
int tier0_wanted(const TranslationBlock *tb, uint32_t cflags);
void tier0_count_runs(const TranslationBlock *tb);
TranslationBlock *tier_promote(CPUState *env);
TranslationBlock *tb_find_by_host_pc(uintptr_t host_pc);

/* profile.c */
void profile_init(int level, size_t max_tbs);
void profile_instrument(TranslationBlock *tb, int record);
void profile_fold(TranslationBlock *tb);
void profile_flushed(void);
void tb_profile_fold_all(void); /* tb.c */

/* chain.c */
void tb_add_jump(TranslationBlock *from, int n, TranslationBlock *to);
void tb_unchain_incoming(TranslationBlock *tb);
void tb_unlink_outgoing(TranslationBlock *tb);
/* tb.c, under tb_lock: write-protect the pages of tb's guest code (just
 * the page of its pc while tb->size is 0); 1 if one was writable until
 * now, so another thread may have stored into it while it was read. */
int tb_protect_code(const TranslationBlock *tb);
/* The indirect-branch table (env->ibtc): its empty slot, set up by
 * exec_init; a slot for `tb`, filled by the loop after a miss. */
extern uint64_t ibtc_empty;
void ibtc_init(void);
void ibtc_clear(CPUState *env);
void ibtc_fill(CPUState *env, const TranslationBlock *tb);
int ibtc_holds(uint64_t slot, const TranslationBlock *tb);
int tb_is_code_page(uint32_t addr);
/* Write-protect the pages [first, first + n) that are not already, so
 * that the first write to each calls hook(page) first, code page or not
 * (exec/write-log.c). */
void tb_watch_writes(uint32_t first, uint32_t n, void (*hook)(uint32_t page));

/* cpus.c */
void cpu_exec_start(CPUState *env);
void cpu_exec_end(CPUState *env);
void start_exclusive(void);
void end_exclusive(void);
void cpu_list_forget_tb(unsigned h, const TranslationBlock *tb);
void cpu_list_clear_jmp_caches(void);
void cpu_list_sum_stats(void (*add)(const CPUState *env));
/* stats.c */
void stats_thread_exit(CPUState *env);

/* tcache.c (include/tcache.h has the part linux-user sees) */
int tcache_lookup(TranslationBlock *tb);
size_t tcache_save(const TranslationBlock *tb);
void tcache_unsave(const TranslationBlock *tb, size_t mark);
void tcache_forget(uint32_t start, uint32_t end);

/* translate-all.c */
/* Set while this thread's decoder reads guest code: a host fault then is
 * the guest's instruction fetch at the TB's pc, not generated code's. */
extern __thread volatile int tb_decoding;
/* Under tb_lock; NULL when the code buffer must be flushed first (the
 * caller leaves the lock, flushes in an exclusive section and retries). */
TranslationBlock *tb_gen_code(CPUState *env, uint32_t pc, uint32_t flags,
                              uint32_t cflags);
/* 0: host_pc is not in a TB; 1: restored; 2: restored, and host_pc is in
 * an op that calls a helper (the pinned guest registers are in env then,
 * not in the host registers: op/<guest>/pinned-regs.h). */
enum { RESTORE_NOT_TB, RESTORE_OK, RESTORE_IN_CALL };
/* Or'ed into the above: the TB is a CF_LOOP_ENTRY twin, whose flags
 * GUEST_RESTORE_FLAGS rebuilds once the registers are in env. */
#define RESTORE_LOOP_ENTRY 4
int cpu_restore_state(CPUState *env, uintptr_t host_pc);

/* Where copied code leaves for the loop, the value in eax
 * (exec/prologue-x86_64.S). */
extern char tb_epilogue[];

#endif
