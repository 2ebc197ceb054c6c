/*
 * Direct block chaining (paper, section 3.5): once the successor of a TB
 * exit is known, the exit jump is patched to go straight to it, so hot
 * loops never come back to the CPU loop.  Each TB keeps the list of exits
 * that jump into it, so it can be unchained when it is invalidated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "emit-host.h"
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
    stats.chains_patched++;
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
