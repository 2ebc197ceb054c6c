/*
 * The ARM flag-liveness pass (translate/arm/optimize-flags.c) and the
 * pinned-register sync (translate/passes.c): flag ops whose flags are
 * overwritten before anything reads them are dropped or swapped for their
 * flag-free twins; what a condition, a TB exit or an op that may
 * fault reads is kept; only the MRS/MSR helpers need a spill.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <criterion/criterion.h>
#include <string.h>

#include "../expect-ops.h"
#include "op-gen.h"
#include "passes.h"
#include "translate.h"

static int run_pass(void)
{
    *gen_opc_ptr++ = INDEX_op_end;
    return optimize_flags();
}

/* subs r0, r0, #1; adds r1, r1, r0; then a TB exit: the SUBS flags are
 * all overwritten by the ADDS. */
Test(arm_optimize_flags, overwritten_flags_are_removed)
{
    gen_op_buf_reset();
    gen_op_subl_T0_T1_cv();
    gen_op_nz_T0();
    gen_op_addl_T0_T1_cv();
    gen_op_nz_T0();
    gen_op_goto_tb0();
    cr_assert_eq(run_pass(), 2);
    EXPECT(INDEX_op_subl_T0_T1, INDEX_op_addl_T0_T1_cv, INDEX_op_nz_T0,
           INDEX_op_goto_tb0);
}

/* A condition on Z keeps the N/Z op before it, not the C/V one that a
 * later ADDS overwrites first. */
Test(arm_optimize_flags, a_condition_keeps_what_it_reads)
{
    gen_op_buf_reset();
    gen_op_subl_T0_T1_cv();
    gen_op_nz_T0();
    gen_op_addl_T0_T1_cv();
    gen_op_jeq_label(0);
    gen_set_label(0);
    gen_op_subl_T0_T1_cv();
    gen_op_nz_T0();
    gen_op_goto_tb0();
    cr_assert_eq(run_pass(), 2);
    EXPECT(INDEX_op_subl_T0_T1, INDEX_op_nz_T0, INDEX_op_addl_T0_T1,
           INDEX_op_jeq_label, INDEX_op_set_label, INDEX_op_subl_T0_T1_cv,
           INDEX_op_nz_T0, INDEX_op_goto_tb0);
}

/* A load may fault: the signal context must show the flags set before it. */
Test(arm_optimize_flags, an_op_that_may_fault_reads_every_flag)
{
    cr_assert(op_info[INDEX_op_ldl_T0_A0].may_fault);
    gen_op_buf_reset();
    gen_op_subl_T0_T1_cv();
    gen_op_nz_T0();
    gen_op_ldl_T0_A0();
    gen_op_subl_T0_T1_cv();
    gen_op_nz_T0();
    gen_op_exit_tb(0);
    cr_assert_eq(run_pass(), 0);
    EXPECT(INDEX_op_subl_T0_T1_cv, INDEX_op_nz_T0, INDEX_op_ldl_T0_A0,
           INDEX_op_subl_T0_T1_cv, INDEX_op_nz_T0, INDEX_op_exit_tb);
}

/* RRX and ADC read C: the carry set before them stays. */
Test(arm_optimize_flags, carry_readers_keep_the_carry)
{
    gen_op_buf_reset();
    gen_op_movl_CF_im(1);
    gen_op_rrx_T1();
    gen_op_movl_CF_im(0);
    gen_op_adcl_T0_T1();
    gen_op_movl_CF_im(1);
    gen_op_goto_tb0();
    cr_assert_eq(run_pass(), 0);
}

/* 64-bit arithmetic, `adds r4, r4, r2; adc r5, r5, r3; cmp r6, r4;
 * sbcs ip, fp, r5`: the ADC and the SBCS read C but nothing reads the V
 * of the ADDS or the CMP, so those become their C-only twins; the SBCS
 * keeps C and V for the exit. */
Test(arm_optimize_flags, dead_overflow_keeps_the_carry_alone)
{
    gen_op_buf_reset();
    gen_op_addl_T0_r2_cv();
    gen_op_nz_T0();
    gen_op_adcl_r5_T1();
    gen_op_subl_T0_im_cv(7);
    gen_op_nz_T0();
    gen_op_sbcl_T0_r5_cv();
    gen_op_nz_T0();
    gen_op_goto_tb0();
    cr_assert_eq(run_pass(), 4);
    EXPECT(INDEX_op_addl_T0_r2_c, INDEX_op_adcl_r5_T1, INDEX_op_subl_T0_im_c,
           INDEX_op_sbcl_T0_r5_cv, INDEX_op_nz_T0, INDEX_op_goto_tb0);
    cr_assert_eq(gen_opparam_buf[0], 7, "the C-only twin's parameter");
}

/* A shift by a register amount may leave C alone (amount 0), so it reads
 * C; once its own C is dead it becomes the plain shift, which reads
 * nothing, and the carry before it dies too. */
Test(arm_optimize_flags, dead_shifter_carry_is_removed_with_its_input)
{
    gen_op_buf_reset();
    gen_op_movl_CF_im(1);
    gen_op_shll_T1_A0_cc();
    gen_op_movl_CF_im(0);
    gen_op_goto_tb0();
    cr_assert_eq(run_pass(), 2);
    EXPECT(INDEX_op_shll_T1_A0, INDEX_op_movl_CF_im, INDEX_op_goto_tb0);
    cr_assert_eq(gen_opparam_buf[0], 0, "the kept movl_CF_im's parameter");
}

/* Only the CPSR helpers are calls; BX and the exclusives raise their
 * exceptions through the epilogue, so they need no spill. */
Test(arm_optimize_regs, only_mrs_and_msr_are_wrapped)
{
    cr_assert(op_info[INDEX_op_mrs_T0].calls);
    cr_assert(op_info[INDEX_op_msr_T0].calls);
    cr_assert(!op_info[INDEX_op_bx_T0].calls);
    cr_assert(!op_info[INDEX_op_ldrexl_T0_A0].calls);
    cr_assert(!op_info[INDEX_op_strexd_T0_A0].calls);
    gen_op_buf_reset();
    gen_op_movl_T0_r0();
    gen_op_mrs_T0();
    gen_op_msr_T0(0xf0000000u);
    gen_op_bx_T0();
    *gen_opc_ptr++ = INDEX_op_end;
    insert_reg_sync();
    EXPECT(INDEX_op_movl_T0_r0, INDEX_op_spill_regs, INDEX_op_mrs_T0,
           INDEX_op_msr_T0, INDEX_op_fill_regs, INDEX_op_bx_T0);
}

/* A TB entered with dead flags (arm_flags_dead_in), for the exits into it
 * that store none when chained: one that starts with a compare, fused or
 * not, sets all four before anything reads them; one that starts with a
 * load (which may fault), an ADC (which reads C) or gdb's breakpoint
 * (an exception) does not. */
static int dead_in(void)
{
    *gen_opc_ptr++ = INDEX_op_end;
    return arm_flags_dead_in();
}

Test(arm_optimize_flags, a_tb_starting_with_a_compare_has_dead_flags)
{
    gen_op_buf_reset();
    gen_insn_start(0x100);
    gen_op_movl_T0_r3();
    gen_op_movl_T1_r2();
    gen_insn_start(0x104);
    gen_op_cmp_T0_T1_jne_label(0);
    cr_expect_eq(dead_in(), 1, "fused");
    gen_op_buf_reset();
    gen_insn_start(0x100);
    gen_op_movl_T0_r3();
    gen_op_subl_T0_r2_cv();
    gen_op_nz_T0();
    gen_insn_start(0x104);
    gen_op_jeq_label(0);
    cr_expect_eq(dead_in(), 1, "not fused");
}

Test(arm_optimize_flags, a_tb_that_may_read_them_first_has_live_flags)
{
    gen_op_buf_reset();
    gen_insn_start(0x100);
    gen_op_movl_A0_r0();
    gen_op_ldl_r1_A0();
    gen_insn_start(0x104);
    gen_op_movl_T0_r3();
    gen_op_subl_T0_r2_cv();
    gen_op_nz_T0();
    cr_expect_eq(dead_in(), 0, "a load first");
    gen_op_buf_reset();
    gen_insn_start(0x100);
    gen_op_movl_T0_r3();
    gen_op_adcl_T0_r2_cv();
    gen_op_nz_T0();
    cr_expect_eq(dead_in(), 0, "ADCS reads C");
    gen_op_buf_reset();
    gen_insn_start(0x100);
    gen_op_raise_exception(0x10);
    cr_expect_eq(dead_in(), 0, "a breakpoint");
    gen_op_buf_reset();
    gen_insn_start(0x100);
    gen_op_tb_heat(0, 0);
    gen_op_movl_T0_r3();
    gen_op_subl_T0_r2_cv();
    gen_op_nz_T0();
    cr_expect_eq(dead_in(), 0, "a tier-0 TB, which may leave before it runs");
    gen_op_buf_reset();
    gen_insn_start(0x100);
    gen_op_movl_T0_r3();
    gen_op_movl_T1_r2();
    gen_op_sbcl_T0_T1_cv_cT1();
    cr_expect_eq(dead_in(), 0, "a fused SBCS reads C");
}
