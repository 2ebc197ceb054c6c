/*
 * Loops without flag stores (translate/arm/loop.c): a TB closed by a fused
 * compare and a branch to its own start gets the compare's twin that
 * stores nothing and op_flags_sub_T0_T1 on both ways out of the loop; a
 * TB whose round reads a flag, or may fault after writing a compared
 * register other than by a constant step, or whose branch goes elsewhere,
 * is left alone; and the flags rebuilt after a fault are those of the
 * compare, the steps taken off again.
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
    arm_restore_flags(&env, 1);
    cr_expect_eq(cpu_get_cpsr(&env) >> 28, 0x3);
    env.regs[11] = 0x10;
    env.regs[15] = 0x104ec;
    arm_restore_flags(&env, 1);
    cr_expect_eq(cpu_get_cpsr(&env) >> 28, 0x3, "at the compare: unchanged");
    env.regs[15] = 0x104e4;
    arm_restore_flags(&env, 1);
    cr_expect_eq(cpu_get_cpsr(&env) >> 28, 0x6, "0x10 - 0x10: Z and C");
}

/* crc32's loop, steps and all:
 *   0x4f0 ldrb r3, [r0], #1      (writeback: r0 + 1 after the load)
 *   0x4f4 ldr r3, [r4, r3, lsl #2] or, with `pre`, ldr r3, [r0, #4]!
 *   0x4f8 ldr r5, [r4]
 *   0x4fc cmp r0, ip; 0x500 bne 0x4f0
 * `same_insn` makes the first instruction step r0 before its own load. */
static void stepping_loop(int pre, int same_insn)
{
    gen_op_buf_reset();
    gen_insn_start(0x4f0);
    if (same_insn) {
        gen_op_addl_r0_im(1);
        gen_op_movl_A0_r0();
        gen_op_ldub_r3_A0();
    } else {
        gen_op_movl_A0_r0();
        gen_op_ldub_r3_A0();
        gen_op_addl_r0_im(1);
    }
    gen_insn_start(0x4f4);
    if (pre) {
        gen_op_leal_A0_r0_im(4);
        gen_op_ldl_r3_A0();
        gen_op_movl_r0_A0();
    } else {
        gen_op_movl_T1_r3();
        gen_op_movl_A0_r4();
        gen_op_addl_A0_T1_lsl2();
        gen_op_ldl_r3_A0();
    }
    gen_insn_start(0x4f8);
    gen_op_movl_A0_r4();
    gen_op_ldl_r5_A0();
    gen_insn_start(0x4fc);
    gen_op_movl_T0_r0();
    gen_op_movl_T1_r12();
    gen_insn_start(0x500);
    gen_op_cmp_T0_T1_jeq_label(0);
    gen_op_goto_tb0();
    gen_op_movl_pc_im(0x4f0);
    gen_op_exit_tb(0x10);
    gen_set_label(0);
    gen_op_goto_tb1_fwd();
    gen_op_movl_pc_im(0x504);
    gen_op_exit_tb(0x11);
    *gen_opc_ptr++ = INDEX_op_end;
}

static uint32_t nzcv_after_fault(uint32_t pc, uint32_t r0, uint32_t ip)
{
    static CPUState env;

    cpu_set_cpsr(&env, 0, 0xf0000000);
    env.regs[0] = r0;
    env.regs[12] = ip;
    env.regs[15] = pc;
    arm_restore_flags(&env, 1);
    return cpu_get_cpsr(&env) >> 28;
}

/* A fault in the second load comes after r0's step of 1, which the rebuild
 * takes off: the flags are those of cmp 0x10, 0x10 (Z and C). */
Test(arm_loop, a_constant_step_before_a_fault_is_taken_off)
{
    stepping_loop(0, 0);
    cr_assert_eq(loop_exit_flags(), 1);
    cr_expect_eq(nzcv_after_fault(0x4f0, 0x10, 0x10), 0x6, "before the step");
    cr_expect_eq(nzcv_after_fault(0x4f4, 0x11, 0x10), 0x6, "after it");
}

/* A pre-indexed writeback adds its offset: after both steps, 1 + 4. */
Test(arm_loop, a_writeback_step_is_taken_off)
{
    stepping_loop(1, 0);
    cr_assert_eq(loop_exit_flags(), 1);
    cr_expect_eq(nzcv_after_fault(0x4f4, 0x11, 0x10), 0x6, "in the writeback load");
    cr_expect_eq(nzcv_after_fault(0x4f8, 0x15, 0x10), 0x6, "after it");
}

/* A step inside the instruction, before its own access: left alone. */
Test(arm_loop, a_step_before_an_access_in_one_instruction_keeps_them)
{
    stepping_loop(0, 1);
    cr_assert_eq(loop_exit_flags(), 0);
}

/* A round that sets flags itself (adds r5, r6, r6 before the load): a
 * fault after it shows those, so the loop keeps its stores. */
Test(arm_loop, a_flag_write_in_the_round_keeps_them)
{
    gen_op_buf_reset();
    gen_insn_start(0x3000);
    gen_op_movl_T0_r6();
    gen_op_addl_T0_r6_cv();
    gen_op_nz_T0();
    gen_op_movl_r5_T0();
    gen_insn_start(0x3004);
    gen_op_movl_A0_r0();
    gen_op_ldl_r2_A0();
    gen_op_addl_r0_im(4);
    gen_insn_start(0x3008);
    gen_op_movl_T0_r0();
    gen_op_movl_T1_r1();
    gen_insn_start(0x300c);
    gen_op_cmp_T0_T1_jeq_label(0);
    gen_op_goto_tb0();
    gen_op_movl_pc_im(0x3000);
    gen_op_exit_tb(0x10);
    gen_set_label(0);
    gen_op_goto_tb1_fwd();
    gen_op_movl_pc_im(0x3010);
    gen_op_exit_tb(0x11);
    *gen_opc_ptr++ = INDEX_op_end;
    cr_assert_eq(loop_exit_flags(), 0);
}
