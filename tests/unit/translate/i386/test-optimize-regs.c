/*
 * insert_reg_sync (translate/passes.c) over i386's ops: the pinned guest
 * registers (op/i386/pinned-regs.h) are stored to env before an op that
 * calls a helper and loaded back after it, once for a run of such ops,
 * and not around ops that do not call.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <criterion/criterion.h>
#include <string.h>

#include "../expect-ops.h"
#include "op-gen.h"
#include "passes.h"
#include "translate.h"

static void load_ops(const uint16_t *ops, size_t n)
{
    memcpy(gen_opc_buf, ops, n * sizeof(*ops));
    gen_opc_ptr = gen_opc_buf + n;
}

/* Ops that call only the register-keeping helpers of helper-cc.c need
 * no sync (op/i386/guest.mak, KEEP_HELPERS). */
Test(optimize_regs, flag_helpers_keep_the_pinned_registers)
{
    cr_assert(!op_info[INDEX_op_compute_eflags].calls);
    cr_assert(!op_info[INDEX_op_cond_dyn_prepare].calls);
    cr_assert(!op_info[INDEX_op_cc_op_rot].calls);
    cr_assert(op_info[INDEX_op_compute_eflags].may_fault);
}

Test(optimize_regs, the_ops_used_here_are_what_they_seem)
{
    cr_assert(op_info[INDEX_op_cpuid].calls);
    cr_assert(op_info[INDEX_op_rdtsc].calls);
    cr_assert(!op_info[INDEX_op_movl_T0_EAX].calls);
    cr_assert(!op_info[INDEX_op_movh_EAX_T0].calls);
}

Test(optimize_regs, helper_call_is_wrapped_in_spill_and_fill)
{
    const uint16_t in[] = {INDEX_op_movl_T0_EAX, INDEX_op_cpuid,
                           INDEX_op_movl_EAX_T0, INDEX_op_end};
    const uint16_t want[] = {INDEX_op_movl_T0_EAX, INDEX_op_spill_regs,
                             INDEX_op_cpuid, INDEX_op_fill_regs,
                             INDEX_op_movl_EAX_T0, INDEX_op_end};

    load_ops(in, sizeof(in) / sizeof(in[0]));
    insert_reg_sync();
    expect_ops(want, sizeof(want) / sizeof(want[0]));
}

Test(optimize_regs, consecutive_helper_calls_share_one_sync)
{
    const uint16_t in[] = {INDEX_op_rdtsc, INDEX_op_cpuid,
                           INDEX_op_movh_EAX_T0, INDEX_op_end};
    const uint16_t want[] = {INDEX_op_spill_regs, INDEX_op_rdtsc,
                             INDEX_op_cpuid, INDEX_op_fill_regs,
                             INDEX_op_movh_EAX_T0, INDEX_op_end};

    load_ops(in, sizeof(in) / sizeof(in[0]));
    insert_reg_sync();
    expect_ops(want, sizeof(want) / sizeof(want[0]));
}

/* A label between two calls may be reached with the registers live in the
 * host: the second call needs its own spill. */
Test(optimize_regs, label_between_helper_calls_keeps_both_syncs)
{
    const uint16_t in[] = {INDEX_op_cpuid, INDEX_op_set_label,
                           INDEX_op_cpuid, INDEX_op_end};
    const uint16_t want[] = {INDEX_op_spill_regs, INDEX_op_cpuid,
                             INDEX_op_fill_regs, INDEX_op_set_label,
                             INDEX_op_spill_regs, INDEX_op_cpuid,
                             INDEX_op_fill_regs, INDEX_op_end};

    load_ops(in, sizeof(in) / sizeof(in[0]));
    insert_reg_sync();
    expect_ops(want, sizeof(want) / sizeof(want[0]));
}
