/*
 * Micro-ops that end or leave a translation block (paper, section 3.5),
 * and the pinned registers' spill and fill.  They are the engine's own
 * ops, the same for every guest: compiled with the op flags for each guest
 * and copied by dyngen like the guest's ops, but they alone know the TB
 * exits, the jump cache and the prologue (prologue-x86_64.S).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "exec.h"
#include "op-x86_64.h"

/*
 * Exit jump 0/1: falls through until chaining patches it (exec/chain.c).
 * A pending exit request (cpu_exit_request: a signal for the guest,
 * another thread's exclusive section) skips the jump, so the TB leaves to
 * the loop through the exit that follows: a thread spinning in chained
 * code is kicked out by its env's flag (EXIT_REQUESTED()), with nothing
 * unpatched.
 */
void op_goto_tb0(void)
{
    if (!EXIT_REQUESTED())
        GOTO_TB(0);
    NEXT();
}

void op_goto_tb1(void)
{
    if (!EXIT_REQUESTED())
        GOTO_TB(1);
    NEXT();
}

/*
 * The same exits without the test, for a jump to a pc above the TB's own
 * start (tb_exit_needs_check(), include/exec.h, says why that is safe).
 */
void op_goto_tb0_fwd(void)
{
    GOTO_TB(0);
    NEXT();
}

void op_goto_tb1_fwd(void)
{
    GOTO_TB(1);
    NEXT();
}

/* Return PARAM1 (see tb_exit_value()) to the CPU loop. */
void op_exit_tb(void)
{
    EXIT_TB();
}

/* Tier 0 (exec/tier.c): one more run of the TB with index PARAM1 and
 * first guest address PARAM2.  The run that uses up its count leaves for
 * the loop before any of its instructions, to be translated again with
 * the passes.  An array, not a pointer: its address is a constant the
 * copy holds (as profile_counters in op-profile.c). */
extern uint16_t tb_heat[];

void op_tb_heat(void)
{
    if (--tb_heat[PARAM1] == 0) {
        env->hot_pc = PARAM2;
        EXIT_TB_VALUE(TB_EXIT_HOT);
    }
    NEXT();
}

/* Hand exception PARAM1 (EXCP_*) to the loop; the guest PC must already
 * be set. */
void op_raise_exception(void)
{
    PARAM1_STORE(env->exception_index);
    NEXT();
}

/* Unconditional jump to label PARAM1 inside the TB. */
void op_jmp_label(void)
{
    GOTO_LABEL_PARAM(1);
}

/*
 * Indirect jump (i386: ret, jmp/call through a register or memory) to T0,
 * with the guest PC in env already set to it.  The probe is one load: the
 * pair table env->ibtc holds (guest pc, host code) in one 64-bit word per
 * slot (include/cpu-common.h), so the target is known without going
 * through a TB descriptor; the loop fills a slot after a miss
 * (exec/cpu-exec.c) and invalidation empties it (exec/cpus.c).  An empty
 * slot holds a pc with the code of ibtc_miss, which leaves like a miss, so
 * no pc ever reaches a null pointer.  The probe starts from T0 rather than
 * from the PC in env, so it does not wait for that store.  A pending exit
 * request (see op_goto_tb0) goes back to the loop instead.
 * The jump is a `jmp *` inside the op, so every TB that copies it has one
 * of its own and the host's indirect predictor sees one branch per guest
 * site, not one for the whole program (dyngen's shape check accepts it in
 * this op alone); under --interp it goes to the TB's thread.
 */
void op_goto_indirect(void)
{
    uint32_t pc = T0;
    uint64_t e = env->ibtc[tb_jc_hash(pc)];

    if ((uint32_t)e == pc && !EXIT_REQUESTED())
        GOTO_CODE(e >> 32);
    EXIT_TB_VALUE(TB_EXIT_INDIRECT_MISS);
}

/* --stats only (CF_COUNT_INDIRECT): the indirect jump that follows is
 * counted, so a run without --stats pays for no counter. */
void op_count_indirect(void)
{
    env->indirect_jumps++;
    NEXT();
}

/*
 * Around an op that calls a helper (op/<guest>/pinned-regs.h): the helper
 * reads and writes the guest registers in env, and clobbers the
 * call-clobbered hosts of the pinned ones.  The guest's passes put these
 * two around every such op (i386: translate/i386/optimize-regs.c).
 */
#define PINNED_SPILL(name, idx, host, host32, uc) \
    env->regs[idx] = pinned_##name;
#define PINNED_FILL(name, idx, host, host32, uc) \
    pinned_##name = env->regs[idx];
void op_spill_regs(void)
{
    PINNED_GUEST_REGS(PINNED_SPILL)
    NEXT();
}

void op_fill_regs(void)
{
    PINNED_GUEST_REGS(PINNED_FILL)
    NEXT();
}
