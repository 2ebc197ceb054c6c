/*
 * If-conversion (translate/arm/ifconv.c): a conditional instruction
 * without S that writes one register becomes its computation and a CMOV
 * on the condition it runs under; the label and the instruction addresses
 * stay; anything that may fault, sets flags or writes more than one
 * register keeps its branch.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <criterion/criterion.h>

#include "../expect-ops.h"
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

/* subcs r0, r0, r1, lsl #12 (skipped by jcc): the shift and the
 * subtraction run always, r0 takes the result if C is set. */
Test(arm_ifconv, in_place_register_op)
{
    gen_op_buf_reset();
    gen_insn_start(0x1000);
    gen_op_jcc_label(4);
    gen_op_movl_T1_r1();
    gen_op_shll_T1_12();
    gen_op_subl_r0_T1();
    gen_insn_start(0x1004);
    gen_set_label(4);
    *gen_opc_ptr++ = INDEX_op_end;
    cr_assert_eq(if_convert(), 1);
    EXPECT(INDEX_op_insn_start, INDEX_op_movl_T1_r1, INDEX_op_shll_T1_12,
           INDEX_op_movl_T0_r0, INDEX_op_subl_T0_T1, INDEX_op_cmovcs_r0_T0,
           INDEX_op_insn_start, INDEX_op_set_label);
    EXPECT_PARAMS(0x1000, 0x1004, 4);
}

/* addcc r9, r9, #1 and movgt r4, r1: an immediate in place, and a move
 * through T1; the immediate moves to the T0 op. */
Test(arm_ifconv, immediate_and_move)
{
    gen_op_buf_reset();
    gen_op_jcs_label(1);
    gen_op_addl_r9_im(1);
    gen_set_label(1);
    gen_op_jle_label(2);
    gen_op_movl_T1_r1();
    gen_op_movl_r4_T1();
    gen_set_label(2);
    *gen_opc_ptr++ = INDEX_op_end;
    cr_assert_eq(if_convert(), 2);
    EXPECT(INDEX_op_movl_T0_r9, INDEX_op_addl_T0_im, INDEX_op_cmovcc_r9_T0,
           INDEX_op_set_label, INDEX_op_movl_T1_r1, INDEX_op_movl_T0_T1,
           INDEX_op_cmovgt_r4_T0, INDEX_op_set_label);
    EXPECT_PARAMS(1, 1, 2);
}

/* A load (may fault), an S form (sets flags), two writers under one test,
 * and a label that is not the jump's keep their branches. */
Test(arm_ifconv, other_shapes_are_left_alone)
{
    gen_op_buf_reset();
    gen_op_jne_label(1);
    gen_op_movl_A0_r2();
    gen_op_ldl_r3_A0();
    gen_set_label(1);
    gen_op_jne_label(2);
    gen_op_movl_T0_r2();
    gen_op_addl_T0_im_cv(1);
    gen_op_movl_r2_T0();
    gen_set_label(2);
    gen_op_jeq_label(3);
    gen_op_movl_T0_im(1);
    gen_op_movl_r0_T0();
    gen_op_movl_r1_T0();
    gen_set_label(3);
    gen_op_jeq_label(4);
    gen_op_movl_r0_T0();
    gen_set_label(5);
    *gen_opc_ptr++ = INDEX_op_end;
    cr_assert_eq(if_convert(), 0);
    EXPECT(INDEX_op_jne_label, INDEX_op_movl_A0_r2, INDEX_op_ldl_r3_A0,
           INDEX_op_set_label, INDEX_op_jne_label, INDEX_op_movl_T0_r2,
           INDEX_op_addl_T0_im_cv, INDEX_op_movl_r2_T0, INDEX_op_set_label,
           INDEX_op_jeq_label, INDEX_op_movl_T0_im, INDEX_op_movl_r0_T0,
           INDEX_op_movl_r1_T0, INDEX_op_set_label, INDEX_op_jeq_label,
           INDEX_op_movl_r0_T0, INDEX_op_set_label);
    EXPECT_PARAMS(1, 1, 2, 1, 2, 3, 1, 3, 4, 5);
}
