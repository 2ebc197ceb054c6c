/*
 * dyngen reads purpose-made op objects (assembled here from fixed source)
 * and must copy the right bytes, find every kind of hole, and refuse every
 * shape it cannot copy, naming the op and the reason.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <criterion/criterion.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cpu.h"
#include "dyngen.h"

static char dir[] = "/tmp/stitch-dyngen-XXXXXX";
static OpSet set;
static char err[DYNGEN_ERR_MAX];

/* A pinned-register list as the Makefile passes it with dyngen -p (the
 * i386 guest's, op/i386/pinned-regs.h). */
#define PINNED "r8,r9,r10,rbp,r11"

static void setup(void)
{
    cr_assert_not_null(mkdtemp(dir));
    cr_assert_eq(dyngen_set_pinned(PINNED, err), 0, "%s", err);
}

static void teardown(void)
{
    char cmd[256];

    opset_free(&set);
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    (void)system(cmd);
}

/* Assemble `body` (AT&T syntax, x86_64) into dir/NAME.o. */
static void assemble(const char *name, const char *body, char *obj, size_t n)
{
    char src[512], cmd[1200];

    snprintf(src, sizeof(src), "%s/%s.S", dir, name);
    snprintf(obj, n, "%s/%s.o", dir, name);
    FILE *f = fopen(src, "w");
    cr_assert_not_null(f);
    fprintf(f, "%s\n", body);
    fclose(f);
    snprintf(cmd, sizeof(cmd), "gcc -c %s -o %s", src, obj);
    cr_assert_eq(system(cmd), 0, "cannot assemble fixture");
}

/* Assemble `body` and read it with dyngen. */
static int read_asm(const char *body)
{
    char obj[512];

    assemble("t", body, obj, sizeof(obj));
    return dyngen_read_object(obj, &set, err);
}

/* Assemble `body` and read it as a register-keeping helper object. */
static int read_keeping_asm(const char *body)
{
    char obj[512];

    assemble("k", body, obj, sizeof(obj));
    return dyngen_read_keeping_helpers(obj, &set, err);
}

#define OP(name, insns) \
    ".text\n.globl op_" name "\n.type op_" name ",@function\nop_" name ":\n" insns "\n"

static const Hole *hole(const Op *op, HoleKind kind)
{
    for (int i = 0; i < op->nholes; i++)
        if (op->holes[i].kind == kind)
            return &op->holes[i];
    return NULL;
}

TestSuite(dyngen, .init = setup, .fini = teardown);

Test(dyngen, copies_body_without_final_next_jump)
{
    cr_assert_eq(read_asm(OP("add", "add %r12d, %r15d\njmp __op_next")), 0, "%s", err);
    cr_assert_eq(set.nops, 1);
    cr_assert_str_eq(set.ops[0].name, "add");
    cr_assert_eq(set.ops[0].size, 3);
    const uint8_t want[] = {0x45, 0x01, 0xe7};
    cr_assert_arr_eq(set.ops[0].code, want, 3);
    cr_assert_eq(set.ops[0].nholes, 0);
}

Test(dyngen, finds_parameter_holes)
{
    cr_assert_eq(read_asm(OP("p", "movl $__op_param1, %r15d\n"
                                  "movl $__op_param2, %eax\njmp __op_next")), 0, "%s", err);
    const Op *op = &set.ops[0];
    cr_assert_eq(op->nparams, 2);
    cr_assert_eq(op->nholes, 2);
    cr_assert_eq(op->holes[0].kind, HOLE_PARAM);
    cr_assert_eq(op->holes[0].offset, 2);
    cr_assert_eq(op->holes[0].arg, 1);
    cr_assert_eq(op->holes[1].offset, 7);
    cr_assert_eq(op->holes[1].arg, 2);
}

Test(dyngen, finds_helper_call)
{
    cr_assert_eq(read_asm(OP("c", "sub $8, %rsp\ncall helper_x\nadd $8, %rsp\n"
                                  "jmp __op_next")), 0, "%s", err);
    const Hole *h = hole(&set.ops[0], HOLE_CALL);
    cr_assert_not_null(h);
    cr_assert_str_eq(h->sym, "helper_x");
    cr_assert_eq(h->offset, 5);
    cr_assert_eq(h->addend, -4);
}

Test(dyngen, finds_label_jump_with_its_parameter)
{
    cr_assert_eq(read_asm(OP("l", "test %r15d, %r15d\njne 1f\njmp __op_gen_label2\n"
                                  "1: jmp __op_next")), 0, "%s", err);
    const Hole *h = hole(&set.ops[0], HOLE_LABEL);
    cr_assert_not_null(h);
    cr_assert_eq(h->arg, 2);
    cr_assert_eq(set.ops[0].nparams, 2);
}

Test(dyngen, finds_tb_exit_jumps_and_epilogue)
{
    cr_assert_eq(read_asm(OP("g", "jmp __op_jmp1\njmp __op_next")
                          OP("x", "movl $__op_param1, %eax\njmp __op_exit_tb")),
                 0, "%s", err);
    const Hole *h = hole(&set.ops[0], HOLE_CHAIN);
    cr_assert_not_null(h);
    cr_assert_eq(h->arg, 1);
    cr_assert_eq(set.ops[0].size, 5);
    h = hole(&set.ops[1], HOLE_CALL);
    cr_assert_not_null(h);
    cr_assert_str_eq(h->sym, "tb_epilogue");
    cr_assert_eq(set.ops[1].size, 10, "the exit jump is kept");
}

Test(dyngen, finds_global_data_references)
{
    cr_assert_eq(read_asm(OP("d", "movl table_x, %eax\nmovabs $table_y, %rax\n"
                                  "jmp __op_next")), 0, "%s", err);
    const Hole *h = hole(&set.ops[0], HOLE_ABS32S);
    cr_assert_not_null(h);
    cr_assert_str_eq(h->sym, "table_x");
    h = hole(&set.ops[0], HOLE_ABS64);
    cr_assert_not_null(h);
    cr_assert_str_eq(h->sym, "table_y");
}

Test(dyngen, points_mid_body_next_jump_at_op_end)
{
    /* test(3) je(2) jmp next(5) inc(3) jmp next(5, dropped): size 13 */
    cr_assert_eq(read_asm(OP("m", "test %r15d, %r15d\nje 1f\njmp __op_next\n"
                                  "1: inc %r15d\njmp __op_next")), 0, "%s", err);
    const Op *op = &set.ops[0];
    cr_assert_eq(op->size, 13);
    int32_t rel;
    memcpy(&rel, op->code + 6, 4);
    cr_assert_eq(6 + 4 + rel, 13, "mid-body jump must land on the op end");
}

Test(dyngen, refuses_mid_body_ret)
{
    cr_assert_eq(read_asm(OP("r", "test %r15d, %r15d\nje 1f\nret\n1: jmp __op_next")), -1);
    cr_assert(strstr(err, "op_r") && strstr(err, "ret"), "%s", err);
}

Test(dyngen, refuses_endbr64)
{
    cr_assert_eq(read_asm(OP("e", "endbr64\njmp __op_next")), -1);
    cr_assert(strstr(err, "op_e") && strstr(err, "endbr64"), "%s", err);
}

Test(dyngen, refuses_jump_table)
{
    cr_assert_eq(read_asm(OP("j", "jmp *%rax\njmp __op_next")), -1);
    cr_assert(strstr(err, "op_j") && strstr(err, "indirect jump"), "%s", err);
}

Test(dyngen, refuses_constant_pool_reference)
{
    cr_assert_eq(read_asm(".section .rodata\nk: .long 5\n"
                          OP("k", "movl k, %eax\njmp __op_next")), -1);
    cr_assert(strstr(err, "op_k") && strstr(err, "static data"), "%s", err);
}

Test(dyngen, refuses_unknown_relocation)
{
    cr_assert_eq(read_asm(OP("u", "movq foo@GOTPCREL(%rip), %rax\njmp __op_next")), -1);
    cr_assert(strstr(err, "op_u") && strstr(err, "R_X86_64_"), "%s", err);
}

Test(dyngen, refuses_cold_section)
{
    cr_assert_eq(read_asm(OP("h", "jmp __op_next")
                          ".section .text.unlikely,\"ax\"\ncold: jmp __op_next\n"), -1);
    cr_assert(strstr(err, ".text.unlikely"), "%s", err);
}

Test(dyngen, refuses_vector_instruction)
{
    cr_assert_eq(read_asm(OP("v", "pxor %xmm0, %xmm0\njmp __op_next")), -1);
    cr_assert(strstr(err, "op_v") && strstr(err, "vector"), "%s", err);
}

/* Guest-SIMD ops (op/i386/op-sse.c) run the guest's SSE instruction on %xmm;
 * the ones that compute may raise its #XM, the logic ones cannot. */
Test(dyngen, accepts_xmm_in_guest_simd_ops)
{
    cr_assert_eq(read_asm(OP("simd_pxor", "pxor (%r14,%rdx,1), %xmm0\n"
                                          "jmp __op_next")
                          OP("simd_addsd", "addsd (%r14,%rdx,1), %xmm0\n"
                                           "jmp __op_next")
                          OP("simd_cvttsd2si_T0", "cvttsd2si (%r14,%rax,1), %r15d\n"
                                                  "jmp __op_next")),
                 0, "%s", err);
    cr_assert_eq(set.ops[0].may_fault, 0, "logic on xmm");
    cr_assert_eq(set.ops[1].may_fault, 1, "SSE arithmetic");
    cr_assert_eq(set.ops[2].may_fault, 1, "SSE conversion");
}

/* The AVX ops (op/i386/op-avx.c) run the guest's VEX instruction on
 * %ymm: the floating-point ones (arithmetic, FMA, conversions) may raise
 * its #XM. */
Test(dyngen, accepts_ymm_in_guest_simd_ops)
{
    cr_assert_eq(read_asm(OP("simd_vpxor", "vpxor %ymm2, %ymm1, %ymm0\n"
                                           "jmp __op_next")
                          OP("simd_vaddps", "vaddps %ymm2, %ymm1, %ymm0\n"
                                            "jmp __op_next")
                          OP("simd_vfmadd231ps", "vfmadd231ps %ymm2, %ymm1, %ymm0\n"
                                                 "jmp __op_next")),
                 0, "%s", err);
    cr_assert_eq(set.ops[0].may_fault, 0, "logic on ymm");
    cr_assert_eq(set.ops[1].may_fault, 1, "AVX arithmetic");
    cr_assert_eq(set.ops[2].may_fault, 1, "FMA");
}

Test(dyngen, refuses_ymm_outside_guest_simd_ops)
{
    cr_assert_eq(read_asm(OP("y", "vpxor %ymm0, %ymm0, %ymm0\njmp __op_next")), -1);
    cr_assert(strstr(err, "op_y") && strstr(err, "vector"), "%s", err);
}

/* Golden: the engine's own ops, as the Makefile's op flags compile them.
 * A toolchain change that alters their shape fails here first. */
Test(dyngen, golden_engine_ops)
{
    char obj[512];

    snprintf(obj, sizeof(obj), "%s/exec/op-exec.o", BUILD_DIR);
    cr_assert_eq(dyngen_read_object(obj, &set, err), 0, "%s", err);
    for (int i = 0; i < set.nops; i++) {
        const Op *op = &set.ops[i];
        if (!strcmp(op->name, "goto_tb0")) {
            /* mov exit_request(%r14), %eax; test %eax, %eax; jne over
             * the chained jump (EXIT_REQUESTED(), op/op-x86_64.h);
             * jmp rel32 (the chained jump, exec/op-exec.c) */
            uint32_t off = (uint32_t)offsetof(CPUState, exit_request);
            const uint8_t want[] = {0x41, 0x8b, 0x86, off & 0xff, (off >> 8) & 0xff,
                                    (off >> 16) & 0xff, off >> 24, 0x85, 0xc0,
                                    0x75, 0x05, 0xe9, 0, 0, 0, 0};
            cr_assert_eq(op->size, 16);
            cr_assert_arr_eq(op->code, want, 16);
            cr_assert_eq(op->holes[0].kind, HOLE_CHAIN);
            cr_assert_eq(op->holes[0].offset, 12);
        } else if (!strcmp(op->name, "exit_tb")) {
            const uint8_t want[] = {0xb8, 0, 0, 0, 0, 0xe9, 0, 0, 0, 0};
            cr_assert_eq(op->size, 10);
            cr_assert_arr_eq(op->code, want, 10);
        } else if (!strcmp(op->name, "movl_eip_im")) {
            /* movl $param, eip(%r14) (PARAM1_STORE) */
            const uint8_t want[] = {0x41, 0xc7, 0x46, 0x20, 0, 0, 0, 0};
            cr_assert_eq(op->size, 8);
            cr_assert_arr_eq(op->code, want, 8);
            cr_assert_eq(op->holes[0].kind, HOLE_PARAM);
            cr_assert_eq(op->holes[0].offset, 4);
        }
    }
}

Test(dyngen, marks_ops_that_may_fault)
{
    cr_assert_eq(read_asm(OP("r", "add %r12d, %r15d\njmp __op_next")
                          OP("m", "mov (%rax,%rbx,1), %r15d\njmp __op_next")
                          OP("c", "sub $8, %rsp\ncall helper_x\nadd $8, %rsp\n"
                                  "jmp __op_next")), 0, "%s", err);
    cr_assert_eq(set.ops[0].may_fault, 0, "register-only op");
    cr_assert_eq(set.ops[1].may_fault, 1, "guest memory through rbx");
    cr_assert_eq(set.ops[2].may_fault, 1, "helper call");
}

/* dyngen -p: guest registers live in r8-r11 and rbp, stored to
 * env around an op that calls a helper; such an op must leave them alone. */
Test(dyngen, marks_ops_that_call_helpers)
{
    cr_assert_eq(read_asm(OP("r", "mov %r8d, %r15d\njmp __op_next")
                          OP("c", "sub $8, %rsp\ncall helper_x\nadd $8, %rsp\n"
                                  "jmp __op_next")), 0, "%s", err);
    cr_assert_eq(set.ops[0].calls, 0, "register-only op");
    cr_assert_eq(set.ops[1].calls, 1, "helper call");
}

Test(dyngen, refuses_pinned_register_in_op_that_calls)
{
    cr_assert_eq(read_asm(OP("w", "sub $8, %rsp\ncall helper_x\nadd $8, %rsp\n"
                                  "mov %eax, %r9d\njmp __op_next")), -1);
    cr_assert(strstr(err, "op_w") && strstr(err, "pinned"), "%s", err);
}

Test(dyngen, refuses_pinned_rbp_in_any_width_in_op_that_calls)
{
    cr_assert_eq(read_asm(OP("b", "mov %bpl, %al\ncall helper_x\njmp __op_next")), -1);
    cr_assert(strstr(err, "op_b") && strstr(err, "pinned"), "%s", err);
}

/* dyngen/fold-x86_64.c: GCC's `jcc +5; jmp next; jmp label` tail of a
 * conditional branch becomes one `jcc label`. */
Test(dyngen, folds_conditional_branch_tail_into_one_jcc)
{
    cr_assert_eq(read_asm(OP("b", "test %r15d, %r15d\nje 1f\njmp __op_next\n"
                                  "1: jmp __op_gen_label1")), 0, "%s", err);
    const Op *op = &set.ops[0];
    const uint8_t want[] = {0x45, 0x85, 0xff, 0x0f, 0x84};
    cr_assert_eq(op->size, 3 + 6);
    cr_assert_arr_eq(op->code, want, sizeof(want));
    const Hole *h = hole(op, HOLE_LABEL);
    cr_assert_not_null(h);
    cr_assert_eq(h->offset, 5);
    cr_assert_eq(h->arg, 1);
    cr_assert_eq(op->nholes, 1, "the next-jump is gone");
}

Test(dyngen, keeps_branch_tail_another_jump_lands_in)
{
    cr_assert_eq(read_asm(OP("s", "test %r15d, %r15d\njs 1f\n"
                                  "test %r12d, %r12d\nje 1f\njmp __op_next\n"
                                  "1: jmp __op_gen_label1")), 0, "%s", err);
    const Op *op = &set.ops[0];
    cr_assert_eq(op->size, 3 + 2 + 3 + 12, "not folded");
    cr_assert_eq(hole(op, HOLE_LABEL)->offset, op->size - 4);
}

/* dyngen -p takes 64-bit general-purpose register names only. */
Test(dyngen, refuses_pinned_register_names_it_does_not_know)
{
    cr_assert_eq(dyngen_set_pinned("r8,xmm0", err), -1);
    cr_assert(strstr(err, "xmm0"), "%s", err);
}

/* op/op-x86_64.h: guest memory is (%rbx,%r13) with no zero-extension, so
 * r13 (A0) may only be written as 32 bits. */
Test(dyngen, refuses_64_bit_write_to_a0)
{
    cr_assert_eq(read_asm(OP("a", "lea (%r13,%rax,4), %r13\njmp __op_next")), -1);
    cr_assert(strstr(err, "op_a") && strstr(err, "r13"), "%s", err);
}

Test(dyngen, accepts_32_bit_write_to_a0)
{
    cr_assert_eq(read_asm(OP("a", "lea (%r13,%rax,4), %r13d\n"
                                  "mov (%r13,%rbx,1), %r15d\njmp __op_next")),
                 0, "%s", err);
}

/* dyngen -k: a call to a helper that keeps the pinned registers does not
 * need them synced; the helper object may not call out. */
Test(dyngen, call_to_keeping_helper_needs_no_sync)
{
    cr_assert_eq(read_keeping_asm(".text\n.globl helper_k\nhelper_k: ret\n"),
                 0, "%s", err);
    cr_assert_eq(read_asm(OP("k", "sub $8, %rsp\ncall helper_k\nadd $8, %rsp\n"
                                  "jmp __op_next")
                          OP("o", "sub $8, %rsp\ncall helper_x\nadd $8, %rsp\n"
                                  "jmp __op_next")), 0, "%s", err);
    cr_assert_eq(set.ops[0].calls, 0, "keeping helper");
    cr_assert_eq(set.ops[0].may_fault, 1, "a helper may still fault");
    cr_assert_eq(set.ops[1].calls, 1, "any other helper");
}

Test(dyngen, refuses_keeping_helper_that_calls_out)
{
    cr_assert_eq(read_keeping_asm(".text\n.globl helper_k\nhelper_k: jmp memcpy\n"),
                 -1);
    cr_assert(strstr(err, "memcpy"), "%s", err);
}

/* A fault in an op must see the guest registers as they were before the
 * instruction: a pinned register is written only after guest memory. */
Test(dyngen, refuses_pinned_register_write_before_guest_memory)
{
    cr_assert_eq(read_asm(OP("p", "mov %ebp, %eax\nadd $4, %ebp\n"
                                  "mov (%rax,%rbx,1), %r15d\njmp __op_next")), -1);
    cr_assert(strstr(err, "op_p") && strstr(err, "pinned"), "%s", err);
}

Test(dyngen, refuses_guest_memory_after_a_pinned_write_even_if_one_came_before)
{
    cr_assert_eq(read_asm(OP("p", "mov %ebp, %eax\nmov (%rax,%rbx,1), %r15d\n"
                                  "add $4, %ebp\ncmp %r8d, (%rax,%rbx,1)\n"
                                  "jmp __op_next")), -1);
    cr_assert(strstr(err, "op_p") && strstr(err, "pinned"), "%s", err);
}

Test(dyngen, accepts_pinned_register_write_after_guest_memory)
{
    cr_assert_eq(read_asm(OP("q", "mov %ebp, %eax\nmov (%rax,%rbx,1), %r15d\n"
                                  "add $4, %ebp\ncmp %r8d, %r15d\njmp __op_next")),
                 0, "%s", err);
}

Test(dyngen, refuses_jump_to_helper)
{
    cr_assert_eq(read_asm(OP("j", "test %r15d, %r15d\nje helper_x\njmp __op_next")), -1);
    cr_assert(strstr(err, "op_j") && strstr(err, "helper_x"), "%s", err);
}
