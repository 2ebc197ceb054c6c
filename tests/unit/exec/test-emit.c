/*
 * The generated emitters copy each op and patch its holes correctly; exit
 * values round-trip; chaining patches and unpatches exit jumps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <string.h>

#include "emit-host.h"
#include "op-gen.h"
#include "tb.h"

extern char tb_epilogue[];

static void setup(void)
{
    exec_init(0);
}

TestSuite(exec, .init = setup);

static int32_t rel32_at(const uint8_t *p)
{
    int32_t v;
    memcpy(&v, p, 4);
    return v;
}

Test(exec, emitter_patches_parameter)
{
    TranslationBlock *tb = tb_alloc(0x1000, 0);
    EmitCtx ctx = {.tb = tb, .code_start = code_rw(tb->tc_ptr)};
    uint32_t param = 0x12345678;

    uint8_t *end = code_rx(op_emit[INDEX_op_movl_eip_im](code_rw(tb->tc_ptr), &param, &ctx));
    cr_assert_eq(end - tb->tc_ptr, op_info[INDEX_op_movl_eip_im].size);
    cr_assert(memmem(tb->tc_ptr, end - tb->tc_ptr, &param, 4) != NULL,
              "the parameter must appear in the copied code");
}

Test(exec, exit_op_jumps_to_epilogue)
{
    TranslationBlock *tb = tb_alloc(0x1000, 0);
    EmitCtx ctx = {.tb = tb, .code_start = code_rw(tb->tc_ptr)};
    uint32_t param = 7;

    uint8_t *end = code_rx(op_emit[INDEX_op_exit_tb](code_rw(tb->tc_ptr), &param, &ctx));
    cr_assert_eq(end[-5], 0xe9);
    cr_assert_eq(end + rel32_at(end - 4), (uint8_t *)tb_epilogue);
}

Test(exec, exit_value_round_trips)
{
    TranslationBlock *a = tb_alloc(0x1000, 0);
    TranslationBlock *b = tb_alloc(0x2000, 0);
    int n;

    cr_assert_eq(tb_from_exit_value(tb_exit_value(b, 1), &n), b);
    cr_assert_eq(n, 1);
    cr_assert_eq(tb_from_exit_value(tb_exit_value(a, 0), &n), a);
    cr_assert_eq(n, 0);
    cr_assert_null(tb_from_exit_value(0, &n));
}

/* Exit jump 0 copied at byte `at` of a new TB, aligned as translate-all.c
 * does; returns the end of the code. */
static uint8_t *emit_exit_jump(TranslationBlock *tb, unsigned at)
{
    EmitCtx ctx = {.tb = tb, .code_start = code_rw(tb->tc_ptr)};
    uint8_t *start = code_rw(tb->tc_ptr + at); /* emitters write the rw view */
    uint8_t *end = op_emit[INDEX_op_goto_tb0](start, NULL, &ctx);

    return code_rx(align_exit_jump(tb, 0, start, end));
}

Test(exec, exit_jump_rel32_is_aligned_behind_a_nop)
{
    for (unsigned at = 0; at < 4; at++) {
        TranslationBlock *tb = tb_alloc(0x1000, 0);
        uint8_t *end = emit_exit_jump(tb, at);
        uint8_t *rel = tb->tc_ptr + tb->jmp_offset[0];

        cr_assert_eq((uintptr_t)rel % 4, 0, "at %u", at);
        cr_assert_eq(rel[-1], 0xe9);
        cr_assert_eq(end, rel + 4, "the jump ends the op");
        cr_assert_eq(end - (tb->tc_ptr + at),
                     op_info[INDEX_op_goto_tb0].size + tb->jmp_pad[0]);
        code_ptr = end + 64;
    }
}

Test(exec, chaining_patches_and_unchaining_restores_exit_jump)
{
    TranslationBlock *a = tb_alloc(0x1000, 0);
    uint8_t *end = emit_exit_jump(a, 1);
    code_ptr = end + 64;
    TranslationBlock *b = tb_alloc(0x2000, 0);
    uint8_t *rel = a->tc_ptr + a->jmp_offset[0];

    cr_assert_eq(rel32_at(rel), 0, "exit jump starts as fall-through");
    tb_add_jump(a, 0, b);
    cr_assert_eq(end + rel32_at(rel), b->tc_ptr);
    tb_unchain_incoming(b);
    cr_assert_eq(rel32_at(rel), 0);
    cr_assert_null(a->jmp_dest[0]);
}

Test(exec, invalidated_tb_is_not_chained)
{
    TranslationBlock *a = tb_alloc(0x1000, 0);
    uint8_t *end = emit_exit_jump(a, 0);
    code_ptr = end + 64;
    TranslationBlock *b = tb_alloc(0x2000, 0);

    b->invalid = 1;
    tb_add_jump(a, 0, b);
    cr_assert_null(a->jmp_dest[0]);
    cr_assert_eq(rel32_at(a->tc_ptr + a->jmp_offset[0]), 0);
}
