/*
 * Direct block chaining (paper, section 3.5): once the successor of a TB
 * exit is known, the exit jump is patched to go straight to it, so hot
 * loops never come back to the CPU loop.  Each TB keeps the list of exits
 * that jump into it, so it can be unchained when it is invalidated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "emit-host.h"
#include "interp-thread.h"
#include "interp.h"
#include "stats.h"
#include "tb.h"

static uintptr_t tag(TranslationBlock *tb, int n)
{
    return (uintptr_t)tb | (uintptr_t)n;
}

static TranslationBlock *untag(uintptr_t link, int *n)
{
    *n = (int)(link & 1);
    return (TranslationBlock *)(link & ~(uintptr_t)1);
}

/* A copied exit is a rel32 jump; an interpreted one a thread slot
 * (exec/interp.c).  Unchained, either goes on with the TB's next op. */
static void set_jump(TranslationBlock *tb, int n, const uint8_t *target)
{
    if (exec_interp)
        interp_set_jmp_target(tb, n, target);
    else
        tb_set_jmp_target(tb, n, target);
}

static void reset_jump(TranslationBlock *tb, int n)
{
    set_jump(tb, n, exec_interp ? interp_jmp_fallthrough(tb, n)
                                : tb->tc_ptr + tb->jmp_offset[n] + 4);
    tb->jmp_dest[n] = NULL;
}

/* Under tb_lock.  Either TB may have been invalidated by another thread
 * since the loop found it: then it must not be linked again. */
void tb_add_jump(TranslationBlock *from, int n, TranslationBlock *to)
{
    if (from->jmp_offset[n] == NO_JMP || from->jmp_dest[n] || from->invalid ||
        to->invalid)
        return;
    set_jump(from, n, to->tc_ptr);
    from->jmp_dest[n] = to;
    from->jmp_next[n] = to->jmp_first;
    to->jmp_first = tag(from, n);
    STAT_INC(chains_patched);
}

void tb_unchain_incoming(TranslationBlock *tb)
{
    uintptr_t link = tb->jmp_first;

    while (link) {
        int n;
        TranslationBlock *from = untag(link, &n);
        link = from->jmp_next[n];
        reset_jump(from, n);
        from->jmp_next[n] = 0;
    }
    tb->jmp_first = 0;
}

/* Take `tb`'s own exits out of their targets' incoming lists. */
void tb_unlink_outgoing(TranslationBlock *tb)
{
    for (int n = 0; n < 2; n++) {
        TranslationBlock *to = tb->jmp_dest[n];
        if (!to)
            continue;
        uintptr_t *pp = &to->jmp_first;
        while (*pp) {
            int m;
            TranslationBlock *from = untag(*pp, &m);
            if (from == tb && m == n) {
                *pp = tb->jmp_next[n];
                break;
            }
            pp = &from->jmp_next[m];
        }
        reset_jump(tb, n);
        tb->jmp_next[n] = 0;
    }
}

/*
 * The indirect-branch table (env->ibtc, probed by op_goto_indirect): one
 * 64-bit word per slot, guest pc low, host code high.  An empty slot
 * holds pc 0 with ibtc_miss (exec/prologue-x86_64.S), or under --interp a
 * thread entry whose handler is ibtc_miss, so a jump to guest pc 0 leaves
 * as a miss rather than to a null pointer.
 */
extern char ibtc_miss[];
static InterpEntry ibtc_miss_entry;

/* What a slot's pc half holds for `tb`: its pc, or, for a guest whose
 * indirect jumps can land in more than one state, the pc with that state
 * folded in (the guest's goto-indirect op compares the same key). */
#ifndef GUEST_IBTC_KEY
#define GUEST_IBTC_KEY(pc, flags) (pc)
#endif
uint64_t ibtc_empty;

static uint64_t ibtc_pair(uint32_t pc, const void *code)
{
    return (uint64_t)(uint32_t)(uintptr_t)code << 32 | pc;
}

void ibtc_init(void)
{
    ibtc_miss_entry.handler = (uint32_t)(uintptr_t)ibtc_miss;
    ibtc_empty = ibtc_pair(0, exec_interp ? (const void *)&ibtc_miss_entry
                                          : (const void *)ibtc_miss);
}

/* Only env's own thread stores into it, others clear slots: atomic stores. */
void ibtc_clear(CPUState *env)
{
    for (size_t h = 0; h < sizeof(env->ibtc) / sizeof(env->ibtc[0]); h++)
        __atomic_store_n(&env->ibtc[h], ibtc_empty, __ATOMIC_RELAXED);
}

int ibtc_holds(uint64_t slot, const TranslationBlock *tb)
{
    return slot == ibtc_pair(GUEST_IBTC_KEY(tb->pc, tb->flags), tb->tc_ptr);
}

/*
 * Without tb_lock, on env's own thread.  Another thread may be
 * invalidating `tb` meanwhile: tb_remove sets tb->invalid before it empties
 * every CPU's slot (cpu_list_forget_tb), and this stores the slot before
 * it reads tb->invalid, both sequentially consistent, so either that
 * emptying sees the new pair or this sees the flag and empties it.
 */
void ibtc_fill(CPUState *env, const TranslationBlock *tb)
{
    /* tb_remove() on another thread may be rewriting the pc meanwhile */
    uint32_t pc = __atomic_load_n(&tb->pc, __ATOMIC_RELAXED);
    uint64_t *slot = &env->ibtc[tb_jc_hash(pc)];

    __atomic_store_n(slot, ibtc_pair(GUEST_IBTC_KEY(pc, tb->flags), tb->tc_ptr),
                     __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&tb->invalid, __ATOMIC_SEQ_CST))
        __atomic_store_n(slot, ibtc_empty, __ATOMIC_SEQ_CST);
}
