/*
 * Two tiers of translation.  Most TBs of a program's start-up run a few
 * times, and for them the optimising passes (flag liveness, op fusion,
 * register reloads: translate/) cost more host time than they save: they
 * were a third of a busybox start.  So a TB is first translated without
 * them (tier 0) and counts its runs (op_tb_heat, a 16-bit counter per TB
 * in tb_heat[]).  The run that uses up exec_tier0_runs leaves for the loop
 * before any guest instruction of it ran; the loop drops the TB and
 * translates it again with the passes (tier 1), which then replaces it
 * in the hash table, the jump caches and the chains.  Hot loops run the
 * copy they always ran after that many iterations.
 *
 * Tier 0 is left out where the stream matters more than the start-up
 * time: under --interp (whose translation is as costly and whose code is
 * slower either way), with -tcache (the cache keeps the optimised stream,
 * and a warm run translates nothing), for the single-instruction TBs that
 * run once, and while -d shows TBs (the optimised stream is what a reader
 * of the log wants to see).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "interp.h"
#include "log.h"
#include "op-gen.h"
#include "stats.h"
#include "tb.h"
#include "tcache.h"

/* Runs of a tier-0 TB before it is translated again (--tier0); 0, the
 * default, leaves tier 0 out.  Host instructions (callgrind) of busybox
 * echo, lua -e and python3 -c pass against all at tier 1: 16 runs 0.80,
 * 0.89, 1.08; 64 runs 0.77, 0.83, 0.99; 256 runs 0.77, 0.82, 0.94; 1024
 * runs 0.77, 0.81, 0.93.  But wall-clock time (make bench, 5 runs) at
 * 512: busybox echo x50 0.91, lua -e 0.92, bb-awk 0.88, python3 -c pass
 * 1.03 and python3 imports 1.16: tier-0 code is larger (the imports emit
 * 12.6 MB of host code instead of 7.6 MB), and what callgrind does not
 * count (the code buffer's page faults, cache misses) costs more than the
 * passes save in a large program.  Hence opt-in, until tier 0 keeps the
 * passes that make code smaller. */
unsigned exec_tier0_runs;

/* Counters for the first HEAT_SLOTS TBs of the store (a larger -tb-size
 * translates the rest at tier 1). */
#define HEAT_SLOTS (1u << 20)
uint16_t tb_heat[HEAT_SLOTS];

void tier_alloc(TranslationBlock *tb)
{
    if (tb_index(tb) < HEAT_SLOTS)
        tb_heat[tb_index(tb)] = (uint16_t)exec_tier0_runs;
}

int tier0_wanted(const TranslationBlock *tb, uint32_t cflags)
{
    return exec_tier0_runs && !(cflags & CF_SINGLE_INSN) && !exec_interp && !tcache_enabled &&
           tb_index(tb) < HEAT_SLOTS &&
           !(stitch_loglevel & (LOG_MASK(in_asm) | LOG_MASK(op) |
                                LOG_MASK(op_opt) | LOG_MASK(out_asm)));
}

/* The count op goes first, before the guest's own ops. */
void tier0_count_runs(const TranslationBlock *tb)
{
    size_t n = (size_t)(gen_opc_ptr - gen_opc_buf);
    size_t np = (size_t)(gen_opparam_ptr - gen_opparam_buf);

    memmove(gen_opc_buf + 1, gen_opc_buf, n * sizeof(*gen_opc_buf));
    memmove(gen_opparam_buf + 2, gen_opparam_buf, np * sizeof(*gen_opparam_buf));
    gen_opc_buf[0] = INDEX_op_tb_heat;
    gen_opparam_buf[0] = tb_index(tb);
    gen_opparam_buf[1] = tb->pc;
    gen_opc_ptr++;
    gen_opparam_ptr += 2;
}

/*
 * After TB_EXIT_HOT (the loop has set the PC from env->hot_pc): the TB at
 * the PC for the CPU's flags, at tier 1.  The tier-0 one is dropped first
 * (another thread may have replaced it already); NULL when the code
 * buffer is full.  Under tb_lock.
 */
TranslationBlock *tier_promote(CPUState *env)
{
    uint32_t pc = cpu_get_pc(env), flags = cpu_get_tb_flags(env);
    TranslationBlock *tb = tb_lookup(env, pc, flags);
    if (tb && !(tb->cflags & CF_TIER0))
        return tb;
    if (tb)
        tb_drop(tb);
    tb = tb_gen_code(env, pc, flags, CF_HOT);
    if (tb)
        STAT_INC(tbs_promoted);
    return tb;
}
