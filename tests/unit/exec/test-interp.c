/*
 * --interp (exec/interp.c): the thread of a TB has one entry per op, with
 * its handler and parameters; labels become entry addresses; an exit's slot
 * falls through to the next entry until chaining points it at the
 * successor's thread, and unchaining restores it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <criterion/criterion.h>

#include "interp.h"
#include "interp-thread.h"
#include "op-gen.h"

static void setup(void)
{
    exec_init(0);
    exec_interp = 1;
}

TestSuite(interp, .init = setup);

static InterpEntry *emit(TranslationBlock *tb)
{
    *gen_opc_ptr = INDEX_op_end;
    uint8_t *end = interp_emit(tb, code_buffer + code_buffer_size);
    cr_assert_not_null(end);
    tb->tc_size = (uint32_t)(end - tb->tc_ptr);
    code_ptr = end;
    return (InterpEntry *)tb->tc_ptr;
}

static uint32_t handler_of(int opc)
{
    return (uint32_t)(uintptr_t)op_interp_handler[opc];
}

Test(interp, one_entry_per_op_with_its_parameters)
{
    TranslationBlock *tb = tb_alloc(0x1000, 0);

    gen_op_buf_reset();
    gen_insn_start(0x1000);
    gen_op_movl_eip_im(0x12345678);
    gen_op_exit_tb(7);
    InterpEntry *e = emit(tb);

    cr_assert_eq(tb->tc_size, 2 * sizeof(InterpEntry), "pseudo-ops take no entry");
    cr_assert_eq(e[0].handler, handler_of(INDEX_op_movl_eip_im));
    cr_assert_eq(e[0].param[0], 0x12345678);
    cr_assert_eq(e[1].handler, handler_of(INDEX_op_exit_tb));
    cr_assert_eq(e[1].param[0], 7);
}

Test(interp, label_parameter_becomes_entry_address)
{
    TranslationBlock *tb = tb_alloc(0x1000, 0);
    int label = gen_new_label();

    gen_op_buf_reset();
    gen_op_jmp_label((uint32_t)label);
    gen_op_movl_eip_im(1);
    gen_set_label(label);
    gen_op_exit_tb(0);
    InterpEntry *e = emit(tb);

    cr_assert_eq(e[0].param[0], (uint32_t)(uintptr_t)&e[2]);
}

Test(interp, chaining_points_the_exit_slot_and_unchaining_restores_it)
{
    TranslationBlock *a = tb_alloc(0x1000, 0);

    gen_op_buf_reset();
    gen_op_movl_eip_im(1);
    gen_op_goto_tb0();
    gen_op_exit_tb(0);
    InterpEntry *e = emit(a);
    TranslationBlock *b = tb_alloc(0x2000, 0);

    cr_assert_eq(a->jmp_offset[0], 1, "the entry index of exit 0");
    cr_assert_eq(e[1].param[0], (uint32_t)(uintptr_t)&e[2], "falls through");
    tb_add_jump(a, 0, b);
    cr_assert_eq(e[1].param[0], (uint32_t)(uintptr_t)b->tc_ptr);
    tb_unchain_incoming(b);
    cr_assert_eq(e[1].param[0], (uint32_t)(uintptr_t)&e[2]);
    cr_assert_null(a->jmp_dest[0]);
}

/* An op that calls a helper is entered through a stub that records the
 * thread position, outside the handlers; the others are their handler. */
Test(interp, helper_calling_ops_are_entered_through_a_stub)
{
    cr_assert(op_info[INDEX_op_cpuid].calls);
    cr_assert(!interp_in_handlers(handler_of(INDEX_op_cpuid)));
    cr_assert(interp_in_handlers(handler_of(INDEX_op_movl_eip_im)));
    cr_assert_eq(interp_op_size(INDEX_op_cpuid), sizeof(InterpEntry));
    cr_assert_eq(interp_op_size(INDEX_op_insn_start), 0);
}

Test(interp, thread_that_does_not_fit_is_refused)
{
    TranslationBlock *tb = tb_alloc(0x1000, 0);

    gen_op_buf_reset();
    gen_op_movl_eip_im(1);
    gen_op_exit_tb(0);
    *gen_opc_ptr = INDEX_op_end;
    cr_assert_null(interp_emit(tb, tb->tc_ptr + sizeof(InterpEntry)));
}
