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
    EmitCtx ctx = {.tb = tb, .code_start = tb->tc_ptr};
    uint32_t param = 0x12345678;

    uint8_t *end = op_emit[INDEX_op_movl_eip_im](tb->tc_ptr, &param, &ctx);
    cr_assert_eq(end - tb->tc_ptr, op_info[INDEX_op_movl_eip_im].size);
    cr_assert(memmem(tb->tc_ptr, end - tb->tc_ptr, &param, 4) != NULL,
              "the parameter must appear in the copied code");
}

Test(exec, exit_op_jumps_to_epilogue)
{
    TranslationBlock *tb = tb_alloc(0x1000, 0);
    EmitCtx ctx = {.tb = tb, .code_start = tb->tc_ptr};
    uint32_t param = 7;

    uint8_t *end = op_emit[INDEX_op_exit_tb](tb->tc_ptr, &param, &ctx);
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

Test(exec, chaining_patches_and_unchaining_restores_exit_jump)
{
    TranslationBlock *a = tb_alloc(0x1000, 0);
    EmitCtx ctx = {.tb = a, .code_start = a->tc_ptr};
    uint8_t *end = op_emit[INDEX_op_goto_tb0](a->tc_ptr, NULL, &ctx);
    code_ptr = end + 64;
    TranslationBlock *b = tb_alloc(0x2000, 0);

    cr_assert_eq(a->jmp_offset[0], 1);
    cr_assert_eq(rel32_at(a->tc_ptr + 1), 0, "exit jump starts as fall-through");
    tb_add_jump(a, 0, b);
    cr_assert_eq(end + rel32_at(a->tc_ptr + 1), b->tc_ptr);
    tb_unchain_incoming(b);
    cr_assert_eq(rel32_at(a->tc_ptr + 1), 0);
    cr_assert_null(a->jmp_dest[0]);
}
