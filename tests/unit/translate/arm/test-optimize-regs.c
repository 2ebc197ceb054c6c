/*
 * The reload-elimination pass (translate/optimize-regs.c) over ARM's ops
 * (translate/arm/optimize-regs.c): a load of a guest register that a
 * temporary still holds is dropped or turned into a register copy; a
 * store, a load straight into the register or a label makes the pass
 * forget what it knew, and every store stays.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <criterion/criterion.h>

#include "../expect-ops.h"
#include "op-gen.h"
#include "passes.h"
#include "translate.h"

static int run_pass(void)
{
    *gen_opc_ptr++ = INDEX_op_end;
    return optimize_regs();
}

/* eor r3, r3, r0, ror #6; add r3, r3, r2: the ADD's load of r3 into T0
 * is what the EOR just stored from T0. */
Test(arm_optimize_regs, reload_of_the_stored_register_is_dropped)
{
    gen_op_buf_reset();
    gen_op_movl_T1_r0();
    gen_op_rorl_T1_6();
    gen_op_movl_T0_r3();
    gen_op_eorl_T0_T1();
    gen_op_movl_r3_T0();
    gen_op_movl_T0_r3();
    gen_op_addl_T0_r2();
    gen_op_movl_r3_T0();
    cr_assert_eq(run_pass(), 1);
    EXPECT(INDEX_op_movl_T1_r0, INDEX_op_rorl_T1_6, INDEX_op_movl_T0_r3,
           INDEX_op_eorl_T0_T1, INDEX_op_movl_r3_T0, INDEX_op_addl_T0_r2,
           INDEX_op_movl_r3_T0);
}

/* A load into T1 of what T0 holds becomes a copy from T0 (a register
 * move instead of a load from env->regs[]). */
Test(arm_optimize_regs, other_temporary_is_copied)
{
    gen_op_buf_reset();
    gen_op_movl_T0_r7();
    gen_op_movl_T1_r7();
    gen_op_movl_A0_r7();
    cr_assert_eq(run_pass(), 0);
    EXPECT(INDEX_op_movl_T0_r7, INDEX_op_movl_T1_T0, INDEX_op_movl_A0_T0);
}

/* An op that changes T0 (an ALU op) or the register (a load straight into
 * it) ends what the pass knows: the reload stays. */
Test(arm_optimize_regs, changed_value_is_reloaded)
{
    gen_op_buf_reset();
    gen_op_movl_T0_r4();
    gen_op_addl_T0_im(1);
    gen_op_movl_T0_r4();
    gen_op_movl_T1_r5();
    gen_op_ldl_r5_A0();
    gen_op_movl_T1_r5();
    cr_assert_eq(run_pass(), 0);
    EXPECT(INDEX_op_movl_T0_r4, INDEX_op_addl_T0_im, INDEX_op_movl_T0_r4,
           INDEX_op_movl_T1_r5, INDEX_op_ldl_r5_A0, INDEX_op_movl_T1_r5);
}

/* A label may be reached from a skipped conditional instruction, where
 * the temporaries hold something else. */
Test(arm_optimize_regs, label_forgets)
{
    gen_op_buf_reset();
    gen_op_movl_r1_T0();
    gen_set_label(gen_new_label());
    gen_op_movl_T0_r1();
    cr_assert_eq(run_pass(), 0);
    EXPECT(INDEX_op_movl_r1_T0, INDEX_op_set_label, INDEX_op_movl_T0_r1);
}

/* Storing T1 to r2 means T0 no longer equals r2, even if it did. */
Test(arm_optimize_regs, store_of_another_temporary_replaces)
{
    gen_op_buf_reset();
    gen_op_movl_T0_r2();
    gen_op_movl_T1_im(9);
    gen_op_movl_r2_T1();
    gen_op_movl_T0_r2();
    cr_assert_eq(run_pass(), 0);
    EXPECT(INDEX_op_movl_T0_r2, INDEX_op_movl_T1_im, INDEX_op_movl_r2_T1,
           INDEX_op_movl_T0_T1);
}

/* add r3, r3, r2 done in place (addl_r3_T1, translate/arm/dp.c) changes
 * r3 behind T0's back: T0 loaded r3 before it, so a later load of r3
 * must stay; T1 still holds r2, whose load is dropped. */
Test(arm_optimize_regs, in_place_op_forgets_the_register)
{
    gen_op_buf_reset();
    gen_op_movl_T0_r3();
    gen_op_movl_T1_r2();
    gen_op_addl_r3_T1();
    gen_op_movl_T0_r3();
    gen_op_movl_T1_r2();
    gen_op_adcl_r3_T1();
    gen_op_movl_T0_r3();
    gen_op_addl_r3_im(4);
    gen_op_movl_T1_r3();
    cr_assert_eq(run_pass(), 1);
    EXPECT(INDEX_op_movl_T0_r3, INDEX_op_movl_T1_r2, INDEX_op_addl_r3_T1,
           INDEX_op_movl_T0_r3, INDEX_op_adcl_r3_T1, INDEX_op_movl_T0_r3,
           INDEX_op_addl_r3_im, INDEX_op_movl_T1_r3);
}
