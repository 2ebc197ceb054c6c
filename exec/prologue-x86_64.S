/*
 * Entering and leaving generated code on an x86_64 host (paper, section 3.5).
 *
 * uint32_t tb_enter(CPUState *env, uintptr_t guest_base, const uint8_t *code)
 *   saves the callee-saved registers the ops pin (op/op-x86_64.h), loads env
 *   into r14, the guest base into rbx and the pinned guest registers
 *   (op/<guest>/pinned-regs.h) from env, and jumps to the TB.  After six
 *   pushes rsp is 8 mod 16, as just after a call: the alignment the ops
 *   assume when they call helpers (RESEARCH.md trap 7).
 * tb_epilogue
 *   is where an exit op jumps, with the value for the loop in eax; it
 *   stores the pinned guest registers back to env.
 * uint32_t interp_enter(CPUState *env, const InterpEntry *thread)
 *   the same for --interp (docs/interp.md): the thread pointer goes to
 *   rbx instead of the guest base, and the first entry's handler runs.
 * void interp_exit(uint32_t value)
 *   where an interpreted exit op tail-calls: tb_epilogue with the value.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pinned-regs.h"

#define PIN_LOAD(name, idx, host, host32, uc) movl 4*idx(%r14), %host32;
#define PIN_STORE(name, idx, host, host32, uc) movl %host32, 4*idx(%r14);

        .text
        .globl  tb_enter
        .type   tb_enter, @function
tb_enter:
        push    %rbp
        push    %rbx
        push    %r12
        push    %r13
        push    %r14
        push    %r15
        mov     %rdi, %r14
        mov     %rsi, %rbx
        xor     %r13d, %r13d    /* A0: upper half zero (op/op-x86_64.h) */
        PINNED_GUEST_REGS(PIN_LOAD)
        jmp     *%rdx
        .size   tb_enter, .-tb_enter

        .globl  interp_enter
        .type   interp_enter, @function
interp_enter:
        push    %rbp
        push    %rbx
        push    %r12
        push    %r13
        push    %r14
        push    %r15
        mov     %rdi, %r14
        mov     %rsi, %rbx
        xor     %r13d, %r13d
        PINNED_GUEST_REGS(PIN_LOAD)
        mov     (%rbx), %eax    /* include/interp-thread.h: the handler */
        jmp     *%rax
        .size   interp_enter, .-interp_enter

        .globl  interp_exit
        .type   interp_exit, @function
interp_exit:
        mov     %edi, %eax
        jmp     tb_epilogue
        .size   interp_exit, .-interp_exit

        .globl  tb_epilogue
        .type   tb_epilogue, @function
tb_epilogue:
        PINNED_GUEST_REGS(PIN_STORE)
        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %rbx
        pop     %rbp
        ret
        .size   tb_epilogue, .-tb_epilogue

/* An empty slot of the indirect-branch table (env->ibtc, exec/chain.c)
 * points here: a probe that "hits" it leaves as a miss.  Under --interp
 * it is the handler of a thread entry, which it ignores. */
        .globl  ibtc_miss
        .type   ibtc_miss, @function
ibtc_miss:
        mov     $1, %eax        /* TB_EXIT_INDIRECT_MISS (include/exec.h) */
        jmp     tb_epilogue
        .size   ibtc_miss, .-ibtc_miss

        .section .note.GNU-stack,"",@progbits
