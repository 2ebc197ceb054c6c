/*
 * The execution engine's interface (exec/): translation blocks, the op
 * buffer the translator fills, and the CPU loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_EXEC_H
#define STITCH_EXEC_H

#include <stddef.h>
#include <stdint.h>
#include "cpu.h"

/*
 * A translation block: the host code for a run of guest instructions that
 * ends at a control transfer (paper, section 3.5).  Exit jumps n = 0, 1 are
 * GOTO_TB(n) ops whose rel32 sits at jmp_offset[n]; chaining patches it to
 * the successor's code, and jmp_first/jmp_next[] list the TBs that jump
 * into this one so they can be unchained:
 *
 *   tb_dst->jmp_first -> tb_a|n -> tb_a->jmp_next[n] -> tb_b|m -> ... -> 0
 *
 * (each link is a TB pointer tagged with the exit slot in its low bit).
 */
typedef struct TranslationBlock {
    uint32_t pc;          /* guest address of the first instruction */
    uint32_t size;        /* guest bytes covered */
    uint32_t icount;      /* guest instructions */
    uint8_t *tc_ptr;      /* host code */
    uint32_t tc_size;
    uint16_t jmp_offset[2];     /* offset of exit jump n's rel32, or NO_JMP */
    struct TranslationBlock *jmp_dest[2]; /* where exit n is chained to */
    uintptr_t jmp_next[2];      /* next TB jumping to the same target */
    uintptr_t jmp_first;        /* first TB jumping into this one */
    struct TranslationBlock *hash_next;
    uint32_t cflags;
} TranslationBlock;

#define NO_JMP 0xffff

#define GUEST_PAGE_BITS 12
#define GUEST_PAGE_SIZE (1u << GUEST_PAGE_BITS)

/* TranslationBlock.cflags */
#define CF_SINGLE_INSN 1 /* translate one instruction only (after a store
                            into the running TB's own code) */

/*
 * The jump cache: direct-mapped by guest PC, probed by the CPU loop and,
 * for indirect jumps, by generated code itself (op_goto_indirect), so a
 * return or a call through a pointer reaches a translated successor without
 * leaving generated code.
 */
#define TB_JC_BITS 12
extern TranslationBlock *tb_jmp_cache[1u << TB_JC_BITS];

static inline unsigned tb_jc_hash(uint32_t pc)
{
    return (pc ^ (pc >> TB_JC_BITS)) & ((1u << TB_JC_BITS) - 1);
}

/*
 * The 32-bit value an EXIT_TB op returns to the loop: 0 for "no chaining
 * information" (indirect jumps, exceptions), otherwise which TB left by
 * which exit, so the loop can chain that exit to the next TB.
 */
uint32_t tb_exit_value(const TranslationBlock *tb, int n);
/* The exit value of op_goto_indirect when the jump cache missed (counted
 * by --stats); like 0, it carries no chaining information. */
#define TB_EXIT_INDIRECT_MISS 1

/* The op buffer the translator fills for one TB (see build/gen/op-gen.h). */
#define OPC_MAX 16384
#define OPPARAM_MAX (OPC_MAX * 3)
#define TB_MAX_INSNS 512

extern uint16_t gen_opc_buf[OPC_MAX];
extern uint32_t gen_opparam_buf[OPPARAM_MAX];
extern uint16_t *gen_opc_ptr;
extern uint32_t *gen_opparam_ptr;
extern int gen_nb_labels;

/* True when the translator must end the TB to stay inside the buffers.
 * insert_reg_sync() may triple the number of ops afterwards. */
static inline int gen_buffer_nearly_full(void)
{
    return gen_opc_ptr >= gen_opc_buf + OPC_MAX / 3 - 512 ||
           gen_opparam_ptr >= gen_opparam_buf + OPPARAM_MAX - 1536;
}

/* translate/: decode guest code at tb->pc into the op buffer, ending it with
 * INDEX_op_end; sets tb->size and tb->icount. */
void gen_intermediate_code(CPUState *env, TranslationBlock *tb);

/* translate/optimize-flags.c: the flag-liveness pass over the op buffer
 * (after gen_intermediate_code(), on every translation of a TB, emitted or
 * redone for a fault); returns how many flag ops it removed or simplified. */
int optimize_flags(void);

/* translate/optimize-regs.c: store the pinned guest registers to env
 * before every op that calls a helper and load them back after it
 * (include/pinned-regs.h); runs after optimize_flags(), on both
 * translations too. */
void insert_reg_sync(void);

/* translate/: precise state after a fault in generated code.  Once the
 * faulting TB has been re-translated with gen_intermediate_code(), and
 * gen_opc_buf[opc_index] is the insn_start op of the guest instruction that
 * faulted, set env->eip to that instruction and env->cc_op to the flag kind
 * the translator knew there but had not stored yet. */
void restore_state_to_opc(CPUState *env, int opc_index);

/* exec/: set up the code buffer (size 0 = default) and run the guest. */
void exec_init(size_t code_buffer_size);
void cpu_loop(CPUState *env) __attribute__((noreturn));

/* Invalidate every TB that covers guest bytes [start, end). */
void tb_invalidate_range(uint32_t start, uint32_t end);

/* Options exec honours (set by linux-user/main.c before exec_init). */
extern int exec_no_chain;

/*
 * Asynchronous events (a host signal for the guest, arriving while generated
 * code may be spinning in a chained loop): cpu_exit_request() is safe to
 * call from a host signal handler; it sets env->exit_request and undoes all
 * chaining, so the running TB returns to the loop within one block.  The loop
 * then calls guest_process_signals().
 */
void cpu_exit_request(CPUState *env);

/* Leave generated code or a helper now and resume the CPU loop, which
 * handles env->exception_index (siglongjmp; never returns). */
void cpu_loop_exit(CPUState *env) __attribute__((noreturn));

/* linux-user/: the hooks the loop calls.
 * do_syscall: EXCP_SYSCALL, eip already after `int $0x80`.
 * guest_signal: a synchronous fault (SIGSEGV/SIGFPE/SIGILL/SIGTRAP) at the
 *   guest state in env; deliver it (build the frame and point eip at the
 *   handler) and return, or kill the process by that signal.
 * guest_process_signals: deliver pending asynchronous signals; called after
 *   every system call and whenever exit_request was set. */
void do_syscall(CPUState *env);
/* The guest's view of a page of its memory (qemu's PAGE_* bits). */
enum { PAGE_READ = 1, PAGE_WRITE = 2, PAGE_EXEC = 4, PAGE_VALID = 8 };
int page_get_flags(uint32_t addr);
void guest_signal(CPUState *env, int sig, int si_code, uint32_t addr);
void guest_process_signals(CPUState *env);

#endif
