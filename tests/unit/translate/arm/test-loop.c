/*
 * Loops without flag stores (translate/arm/loop.c): a TB closed by a fused
 * compare and a branch to its own start gets the compare's twin that
 * stores nothing and op_flags_sub_T0_T1 on both ways out of the loop; a
 * TB whose round reads a flag, or may fault after writing a compared
 * register, or whose branch goes elsewhere, is left alone; and the flags
 * rebuilt after a fault are those of the compare.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <criterion/criterion.h>

#include "../expect-ops.h"
#include "cpu.h"
#include "op-gen.h"
#include "translate.h"

/* The sieve kernel's loop after fusion, at 0x104e0:
 *   strb sl, [lr, fp]; add fp, fp, r3; cmp fp, r0; bls 0x104e0
 * `store_after_add` puts the store after the add: a fault there would see
 * fp already changed. */
static void sieve_loop(int store_after_add, uint32_t target)
{
    gen_op_buf_reset();
    gen_insn_start(0x104e0);
    if (!store_after_add) {
        gen_op_movl_A0_r14();
        gen_op_stb_r10_A0();
    }
    gen_insn_start(0x104e4);
    gen_op_movl_T1_r3();
    gen_op_addl_r11_T1();
    if (store_after_add) {
        gen_op_movl_A0_r14();
        gen_op_stb_r10_A0();
    }
    gen_insn_start(0x104e8);
    gen_op_movl_T0_r11();
    gen_op_movl_T1_r0();
    gen_insn_start(0x104ec);
    gen_op_cmp_T0_T1_jhi_label(0);
    gen_op_goto_tb0();
    gen_op_movl_pc_im(target);
    gen_op_exit_tb(0x10);
    gen_set_label(0);
    gen_op_goto_tb1_fwd();
    gen_op_movl_pc_im(0x104f0);
    gen_op_exit_tb(0x11);
    *gen_opc_ptr++ = INDEX_op_end;
}

Test(arm_loop, own_start_loses_the_flag_stores)
{
    sieve_loop(0, 0x104e0);
    cr_assert_eq(loop_exit_flags(), 1);
    EXPECT(INDEX_op_insn_start, INDEX_op_movl_A0_r14, INDEX_op_stb_r10_A0,
           INDEX_op_insn_start, INDEX_op_movl_T1_r3, INDEX_op_addl_r11_T1,
           INDEX_op_insn_start, INDEX_op_movl_T0_r11, INDEX_op_movl_T1_r0,
           INDEX_op_insn_start, INDEX_op_cmp_T0_T1_jhi_label_nf,
           INDEX_op_goto_tb0, INDEX_op_flags_sub_T0_T1, INDEX_op_movl_pc_im,
           INDEX_op_exit_tb, INDEX_op_set_label, INDEX_op_flags_sub_T0_T1,
           INDEX_op_goto_tb1_fwd, INDEX_op_movl_pc_im, INDEX_op_exit_tb);
    cr_expect_eq(arm_loop_exit(), 1);
}

Test(arm_loop, a_fault_after_a_compared_register_changed_keeps_them)
{
    sieve_loop(1, 0x104e0);
    cr_assert_eq(loop_exit_flags(), 0);
    cr_expect_eq(gen_opc_buf[gen_opc_ptr - gen_opc_buf - 9],
                 INDEX_op_cmp_T0_T1_jhi_label);
    cr_expect_eq(arm_loop_exit(), 0);
}

Test(arm_loop, a_branch_elsewhere_keeps_them)
{
    sieve_loop(0, 0x104d0);
    cr_assert_eq(loop_exit_flags(), 0);
    cr_expect_eq(arm_loop_exit(), 0);
}

Test(arm_loop, a_flag_read_in_the_round_keeps_them)
{
    gen_op_buf_reset();
    gen_insn_start(0x2000);
    gen_op_movl_T0_r2();
    gen_op_cmovne_r1_T0(); /* movne r1, r2 */
    gen_insn_start(0x2004);
    gen_op_movl_T0_r1();
    gen_op_movl_T1_im(5);
    gen_insn_start(0x2008);
    gen_op_cmp_T0_T1_jeq_label(0);
    gen_op_goto_tb0();
    gen_op_movl_pc_im(0x2000);
    gen_op_exit_tb(0x10);
    gen_set_label(0);
    gen_op_goto_tb1_fwd();
    gen_op_movl_pc_im(0x200c);
    gen_op_exit_tb(0x11);
    *gen_opc_ptr++ = INDEX_op_end;
    cr_assert_eq(loop_exit_flags(), 0);
}

/* After a fault at 0x104e0 in the next round: cmp fp, r0 over the
 * registers there (ARM ARM A8.8.37).  fp = 0x80000002, r0 = 0x10: N=0
 * Z=0 C=1 V=1.  A fault at or after the compare keeps env's flags. */
Test(arm_loop, restore_rebuilds_the_compare)
{
    static CPUState env;

    sieve_loop(0, 0x104e0);
    cr_assert_eq(loop_exit_flags(), 1);
    env.regs[11] = 0x80000002;
    env.regs[0] = 0x10;
    env.regs[15] = 0x104e0;
    env.NF = env.ZF = 0;
    env.CF = 0;
    env.VF = 0;
    arm_loop_entry_restore(&env);
    cr_expect_eq(cpu_get_cpsr(&env) >> 28, 0x3);
    env.regs[11] = 0x10;
    env.regs[15] = 0x104ec;
    arm_loop_entry_restore(&env);
    cr_expect_eq(cpu_get_cpsr(&env) >> 28, 0x3, "at the compare: unchanged");
    env.regs[15] = 0x104e4;
    arm_loop_entry_restore(&env);
    cr_expect_eq(cpu_get_cpsr(&env) >> 28, 0x6, "0x10 - 0x10: Z and C");
}
