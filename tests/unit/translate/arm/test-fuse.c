/*
 * The CMP + conditional-instruction fusion (translate/arm/fuse.c): the
 * three forms of CMP followed by a condition test become the operand's
 * load into T1 and one fused op after the instruction boundary, with the
 * label and the instruction addresses kept; N and Z before an EQ/NE/MI/PL
 * test become one op; a CMP moves down to a later test past instructions
 * that leave its registers and the flags alone, and the flags a fault in
 * between shows are rebuilt; anything else is left alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <criterion/criterion.h>

#include "../expect-ops.h"
#include "cpu.h"
#include "op-gen.h"
#include "translate.h"

static void expect_params(const uint32_t *want, size_t n)
{
    cr_assert_eq(gen_opparam_ptr - gen_opparam_buf, (long)n, "param count");
    for (size_t i = 0; i < n; i++)
        cr_expect_eq(gen_opparam_buf[i], want[i], "param %zu", i);
}

#define EXPECT_PARAMS(...)                                                 \
    do {                                                                   \
        const uint32_t want_[] = {__VA_ARGS__};                            \
        expect_params(want_, sizeof(want_) / sizeof(want_[0]));            \
    } while (0)

/* cmp r3, #0; beq: the constant moves to movl_T1_im, the label stays. */
Test(arm_fuse, cmp_immediate_and_beq)
{
    gen_op_buf_reset();
    gen_insn_start(0x1000);
    gen_op_movl_T0_r3();
    gen_op_subl_T0_im_cv(0);
    gen_op_nz_T0();
    gen_insn_start(0x1004);
    gen_op_jne_label(7);
    gen_op_goto_tb0();
    *gen_opc_ptr++ = INDEX_op_end;
    cr_assert_eq(fuse_cmp_jcc(), 1);
    EXPECT(INDEX_op_insn_start, INDEX_op_movl_T0_r3, INDEX_op_movl_T1_im,
           INDEX_op_insn_start, INDEX_op_cmp_T0_T1_jne_label,
           INDEX_op_goto_tb0);
    EXPECT_PARAMS(0x1000, 0, 0x1004, 7);
}

/* cmp r3, r2; bhi: the register goes to T1. */
Test(arm_fuse, cmp_register_and_bhi)
{
    gen_op_buf_reset();
    gen_op_movl_T0_r3();
    gen_op_subl_T0_r2_cv();
    gen_op_nz_T0();
    gen_insn_start(0x2004);
    gen_op_jls_label(3);
    *gen_opc_ptr++ = INDEX_op_end;
    cr_assert_eq(fuse_cmp_jcc(), 1);
    EXPECT(INDEX_op_movl_T0_r3, INDEX_op_movl_T1_r2, INDEX_op_insn_start,
           INDEX_op_cmp_T0_T1_jls_label);
    EXPECT_PARAMS(0x2004, 3);
}

/* subs r2, r2, #1; bne and adds; beq: no CMP, but N and Z are fused with
 * the EQ/NE test after them, across the store of the result. */
Test(arm_fuse, nz_and_eq_ne_across_the_result_store)
{
    gen_op_buf_reset();
    gen_op_subl_T0_im_cv(1);
    gen_op_nz_T0();
    gen_op_movl_r2_T0();
    gen_insn_start(0x3004);
    gen_op_jeq_label(1);
    gen_op_addl_T0_T1_cv();
    gen_op_nz_T0();
    gen_insn_start(0x3008);
    gen_op_jne_label(2);
    *gen_opc_ptr++ = INDEX_op_end;
    cr_assert_eq(fuse_cmp_jcc(), 2);
    EXPECT(INDEX_op_subl_T0_im_cv, INDEX_op_movl_r2_T0, INDEX_op_insn_start,
           INDEX_op_nz_T0_jeq_label, INDEX_op_addl_T0_T1_cv,
           INDEX_op_insn_start, INDEX_op_nz_T0_jne_label);
    EXPECT_PARAMS(1, 0x3004, 1, 0x3008, 2);
}

/* cmp r6, r4; sbcs ip, fp, r5; bcs: the SBCS leaves C in T1 as well and
 * the test reads it there; N and Z and the result's store stay between. */
Test(arm_fuse, sbcs_and_carry_test)
{
    gen_op_buf_reset();
    gen_op_movl_T0_r11();
    gen_op_sbcl_T0_r5_cv();
    gen_op_nz_T0();
    gen_op_movl_r12_T0();
    gen_insn_start(0x4004);
    gen_op_jcc_label(5);
    gen_op_sbcl_T0_im_cv(3);
    gen_insn_start(0x4008);
    gen_op_jcs_label(6);
    *gen_opc_ptr++ = INDEX_op_end;
    cr_assert_eq(fuse_cmp_jcc(), 2);
    EXPECT(INDEX_op_movl_T0_r11, INDEX_op_movl_T1_r5,
           INDEX_op_sbcl_T0_T1_cv_cT1, INDEX_op_nz_T0, INDEX_op_movl_r12_T0,
           INDEX_op_insn_start, INDEX_op_jeqz_T1_label, INDEX_op_movl_T1_im,
           INDEX_op_sbcl_T0_T1_cv_cT1, INDEX_op_insn_start,
           INDEX_op_jnez_T1_label);
    EXPECT_PARAMS(0x4004, 5, 3, 0x4008, 6);
}

/* N and Z before a test that reads C (adds; bcs), or with an op other than
 * a store of T0 in between (tst r1, #1; mov r2, r3; beq), are left alone;
 * so is an ADDS before a CMP-style fusion (CMN's flags differ). */
Test(arm_fuse, other_shapes_are_left_alone)
{
    gen_op_buf_reset();
    gen_op_addl_T0_T1_cv();
    gen_op_nz_T0();
    gen_insn_start(0x3004);
    gen_op_jcs_label(1);
    gen_op_andl_T0_im(1);
    gen_op_nz_T0();
    gen_op_movl_T1_r3();
    gen_op_movl_r2_T1();
    gen_insn_start(0x3008);
    gen_op_jeq_label(2);
    *gen_opc_ptr++ = INDEX_op_end;
    cr_assert_eq(fuse_cmp_jcc(), 0);
    EXPECT(INDEX_op_addl_T0_T1_cv, INDEX_op_nz_T0, INDEX_op_insn_start,
           INDEX_op_jcs_label, INDEX_op_andl_T0_im, INDEX_op_nz_T0,
           INDEX_op_movl_T1_r3, INDEX_op_movl_r2_T1, INDEX_op_insn_start,
           INDEX_op_jeq_label);
    EXPECT_PARAMS(0x3004, 1, 1, 0x3008, 2);
}

/* matmul's loop: cmp r6, r2; mla r1, r4, r9, r1; str r1, [r2]; bne.  The
 * compare moves down to the branch; its own insn_start stays where it
 * was, empty. */
static void cmp_mla_str_bne(int str_base)
{
    gen_op_buf_reset();
    gen_insn_start(0x534);
    gen_op_movl_T0_r6();
    gen_op_subl_T0_r2_cv();
    gen_op_nz_T0();
    gen_insn_start(0x538);
    gen_op_movl_T0_r4();
    gen_op_movl_T1_r9();
    gen_op_mull_T0_T1();
    gen_op_movl_T1_r1();
    gen_op_addl_T0_T1();
    gen_op_movl_r1_T0();
    gen_insn_start(0x53c);
    if (str_base) { /* str r1, [r2], #4: writes a compared register */
        gen_op_movl_A0_r2();
        gen_op_stl_r1_A0();
        gen_op_addl_r2_im(4);
    } else {
        gen_op_movl_A0_r2();
        gen_op_stl_r1_A0();
    }
    gen_insn_start(0x540);
    gen_op_jeq_label(0);
    gen_op_goto_tb0();
    *gen_opc_ptr++ = INDEX_op_end;
}

Test(arm_fuse, cmp_sinks_to_a_later_branch)
{
    cmp_mla_str_bne(0);
    cr_assert_eq(fuse_cmp_jcc(), 1);
    EXPECT(INDEX_op_insn_start, INDEX_op_insn_start, INDEX_op_movl_T0_r4,
           INDEX_op_movl_T1_r9, INDEX_op_mull_T0_T1, INDEX_op_movl_T1_r1,
           INDEX_op_addl_T0_T1, INDEX_op_movl_r1_T0, INDEX_op_insn_start,
           INDEX_op_movl_A0_r2, INDEX_op_stl_r1_A0, INDEX_op_movl_T0_r6,
           INDEX_op_movl_T1_r2, INDEX_op_insn_start, INDEX_op_cmp_T0_T1_jeq_label,
           INDEX_op_goto_tb0);
    EXPECT_PARAMS(0x534, 0x538, 0x53c, 0x540, 0);
    const SunkCmp *c = fuse_sunk_cmp(0x540);
    cr_assert_not_null(c);
    cr_expect_eq(c->cmp_pc, 0x534);
    cr_expect_eq(c->rx, 6);
    cr_expect_eq(c->ry, 2);
}

/* A fault in the store shows cmp r6, r2 over the registers at the fault
 * (ARM ARM A8.8.37): 0x80000002 - 0x10 is N=0 Z=0 C=1 V=1.  A fault
 * before the compare, or a compare nothing sank, keeps env's flags. */
Test(arm_fuse, a_fault_past_a_sunk_cmp_shows_its_flags)
{
    static CPUState env;

    cmp_mla_str_bne(0);
    cr_assert_eq(fuse_cmp_jcc(), 1);
    env.regs[6] = 0x80000002;
    env.regs[2] = 0x10;
    env.regs[15] = 0x53c;
    fuse_restore_flags(&env);
    cr_expect_eq(cpu_get_cpsr(&env) >> 28, 0x3);
    cpu_set_cpsr(&env, 0, 0xf0000000);
    env.regs[15] = 0x530;
    fuse_restore_flags(&env);
    cr_expect_eq(cpu_get_cpsr(&env) >> 28, 0, "before the compare");
    fuse_forget();
    env.regs[15] = 0x53c;
    fuse_restore_flags(&env);
    cr_expect_eq(cpu_get_cpsr(&env) >> 28, 0, "nothing sank");
}

/* The store writes back r2: the compare stays and the fusion does not
 * happen (the test is not right after it). */
Test(arm_fuse, cmp_does_not_sink_past_a_write_to_its_register)
{
    cmp_mla_str_bne(1);
    cr_assert_eq(fuse_cmp_jcc(), 0);
    cr_expect_null(fuse_sunk_cmp(0x540));
}

/* Nor past an instruction that reads the flags (movne r1, r2). */
Test(arm_fuse, cmp_does_not_sink_past_a_flag_reader)
{
    gen_op_buf_reset();
    gen_insn_start(0x1000);
    gen_op_movl_T0_r3();
    gen_op_subl_T0_im_cv(4);
    gen_op_nz_T0();
    gen_insn_start(0x1004);
    gen_op_movl_T0_r2();
    gen_op_cmovne_r1_T0();
    gen_insn_start(0x1008);
    gen_op_jne_label(1);
    *gen_opc_ptr++ = INDEX_op_end;
    cr_assert_eq(fuse_cmp_jcc(), 0);
    cr_expect_null(fuse_sunk_cmp(0x1008));
}
