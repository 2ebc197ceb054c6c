/*
 * Host-specific conventions for micro-operations on an x86_64 host.
 *
 * Every op is a `void op_NAME(void)` function in a translation unit that
 * includes this header.  dyngen (dyngen/) copies its machine code, minus the
 * final jump to __op_next, into the code buffer and patches the holes left by
 * the dummy symbols below (paper, section 3.2 and 3.3).
 *
 * The same sources are compiled a second time with -DOP_INTERP as the
 * handlers of --interp's direct-threaded interpreter (docs/interp.md): the
 * macros at the end of this file then read parameters and jump targets
 * from the thread (include/interp-thread.h) instead of leaving holes.
 *
 * Register pinning (RESEARCH.md trap 9: only callee-saved registers survive
 * helper calls, so all five live in rbx/r12-r15):
 *   env  r14   the guest CPUState
 *   T0   r15   temporary 0 (32-bit)
 *   T1   r12   temporary 1 (32-bit)
 *   A0   r13   guest address temporary (32-bit)
 *   GB   rbx   guest_base: host address of guest address 0
 * and up to five guest registers in the host registers left over, r8-r11
 * and rbp, named by the guest's pinned-regs.h (op/<guest>/) as
 * pinned_<name>; the guest's other registers stay in env->regs[].
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_OP_X86_64_H
#define STITCH_OP_X86_64_H

#include <stdint.h>
#include "cpu.h"
#include "pinned-regs.h"

register CPUState *env asm("r14");
register uint32_t T0 asm("r15");
register uint32_t T1 asm("r12");
register uint64_t A0q asm("r13");
#ifdef OP_INTERP
/*
 * The interpreter needs one more register than the copied code, for its
 * thread pointer, and it must survive helper calls: every callee-saved
 * register is taken, so IP takes rbx and the guest base is read from
 * memory (one load more per guest memory access).  The pinned guest
 * registers stay where they are in the copied code.
 */
#include "interp-thread.h"
register const InterpEntry *IP asm("rbx");
#define GB guest_base
#else
register uintptr_t GB asm("rbx");
#endif

/*
 * A0 is a 32-bit guest address, but r13 is declared 64 bits wide and every
 * write goes through SET_A0 (or a 32-bit asm destination), so its upper
 * half is always zero: guest memory is then (%rbx,%r13) with no
 * zero-extending move first.  A read tells GCC so.
 */
#define A0 (__extension__({ if (A0q >> 32) __builtin_unreachable(); (uint32_t)A0q; }))
#define SET_A0(x) (A0q = (uint32_t)(x))
/* A0 += v as one 32-bit add (GCC adds, then zero-extends r13 again). */
#define ADD_A0(v) __asm__("addl %1, %k0" : "+r"(A0q) : "rm"((uint32_t)(v)) : "cc")

/* A guest's CPUState starts with its uint32_t regs[]; PINNED_GUEST_REGS
 * indexes it (exec/prologue-x86_64.S loads and stores 4*idx(env)). */
#define PINNED_DECLARE(name, idx, host, host32, uc) \
    register uint32_t pinned_##name asm(#host);
PINNED_GUEST_REGS(PINNED_DECLARE)
#undef PINNED_DECLARE

#ifndef OP_INTERP
/*
 * Constant operands.  The op loads the *address* of a dummy symbol; dyngen
 * finds the R_X86_64_32 relocation and the emitter writes the value there.
 * The load is an explicit `movl $sym, reg` so the compiler can never fold
 * the symbol into 64-bit address arithmetic (which would assume it < 2^31).
 */
#define OP_PARAM(n)                                                  \
    ({                                                               \
        uint32_t param_;                                             \
        __asm__("movl $__op_param" #n ", %0" : "=r"(param_));        \
        param_;                                                      \
    })
/* Parameter n as the source operand of an instruction in an asm string. */
#define OP_PARAM_ASM(n) "$__op_param" #n
#define PARAM1 OP_PARAM(1)
#define PARAM2 OP_PARAM(2)
#define PARAM3 OP_PARAM(3)

/*
 * The commonest constant operations as one instruction whose immediate or
 * displacement is parameter 1 (still an R_X86_64_32 hole); through PARAM1,
 * GCC would first load the constant into a scratch register.
 *   PARAM1_STORE(lv)       lv = PARAM1, lv a 32-bit field of env
 *   PARAM1_ADD(var)        var += PARAM1, var a pinned register (A0q:
 *                          a 32-bit add, so the upper half stays zero)
 *   PARAM1_LEA(dst, base)  dst = base + PARAM1, as 32 bits
 */
#define PARAM1_STORE(lv) \
    __asm__ __volatile__("movl $__op_param1, %0" : "=m"(lv))
#define PARAM1_ADD(var) \
    __asm__("addl $__op_param1, %k0" : "+r"(var) : : "cc")
#define PARAM1_LEA(dst, base) \
    __asm__("leal __op_param1(%q1), %k0" : "=r"(dst) : "r"(base))

/*
 * Control flow out of an op.
 * - NEXT(): every op ends with it.  GCC turns it into `jmp __op_next`, a
 *   tail call; dyngen drops it when it is the last instruction and points
 *   it at the op's end elsewhere (RESEARCH.md trap 1).
 * - GOTO_LABEL_PARAM(n): jump to the label whose number is parameter n
 *   (the translator's gen_new_label()/gen_set_label()).
 * - GOTO_TB(n): exit jump n of the TB; it first falls through to the next
 *   op, and block chaining later patches it to the successor TB.
 * - EXIT_TB(): leave generated code through the epilogue, returning the
 *   32-bit value of parameter 1 to the CPU loop.
 */
extern void __op_next(void);
#define NEXT() __op_next()

/*
 * In op_goto_indirect (exec/op-exec.c): continue at the host code `p` of
 * another TB with a `jmp *` in the op itself, one per copy (dyngen's
 * check refuses an indirect jump in any op but the goto_ ones), or leave
 * with the 32-bit constant `v` for the loop.
 */
#define GOTO_CODE(p)                                                 \
    do {                                                             \
        __asm__ __volatile__("jmp *%%rax" ::"a"(p) : "memory");      \
        __builtin_unreachable();                                     \
    } while (0)
#define EXIT_TB_VALUE(v)                                             \
    do {                                                             \
        __asm__ __volatile__("movl %0, %%eax\n\tjmp __op_exit_tb"     \
                             ::"i"(v) : "rax", "memory");            \
        __builtin_unreachable();                                     \
    } while (0)

#define OP_JUMP_OUT(sym)                                             \
    do {                                                             \
        __asm__ __volatile__("jmp " sym ::: "memory");               \
        __builtin_unreachable();                                     \
    } while (0)
#define GOTO_LABEL_PARAM(n) OP_JUMP_OUT("__op_gen_label" #n)
#define GOTO_TB(n) __asm__ __volatile__("jmp __op_jmp" #n ::: "memory")

#define EXIT_TB()                                                    \
    do {                                                             \
        __asm__ __volatile__("movl $__op_param1, %%eax\n\t"          \
                             "jmp __op_exit_tb" ::: "rax", "memory"); \
        __builtin_unreachable();                                     \
    } while (0)

/* Leave generated code from inside an op, returning 0 (no chaining) to
 * the CPU loop: for an op that has recorded an exception in env itself.
 * Unlike a helper's cpu_loop_exit(), this goes through the epilogue, which
 * stores the pinned guest registers, so the op needs no spill around it. */
#define EXIT_TB_NOCHAIN()                                            \
    do {                                                             \
        __asm__ __volatile__("xorl %%eax, %%eax\n\t"                 \
                             "jmp __op_exit_tb" ::: "rax", "memory"); \
        __builtin_unreachable();                                     \
    } while (0)

#else /* OP_INTERP */

/*
 * --interp: the thread pointer IP (rbx) points at the running op's entry
 * (include/interp-thread.h).  Every way out of an op is a tail call GCC
 * compiles to an indirect `jmp` (the Makefile checks that no handler
 * returns or calls through a pointer): NEXT() to the next entry's
 * handler, a label or a TB exit to the entry they name.  The handlers
 * run on the stack tb_enter set up, like the copied code, and leave
 * through interp_exit (exec/prologue-x86_64.S) with the value for the loop.
 */
typedef void InterpHandler(void);
extern void interp_exit(uint32_t value);

#define OP_PARAM(n) (IP->param[(n) - 1])
#define OP_PARAM_ASM(n) "4*" #n "(%%rbx)"
#define PARAM1 OP_PARAM(1)
#define PARAM2 OP_PARAM(2)
#define PARAM3 OP_PARAM(3)
#define PARAM1_STORE(lv) ((lv) = PARAM1)
#define PARAM1_ADD(var) ((var) = (uint32_t)((var) + PARAM1))
#define PARAM1_LEA(dst, base) ((dst) = (uint32_t)((base) + PARAM1))

/*
 * IP moves only after everything the op did to memory: the move is an asm
 * statement that clobbers memory (GCC computes a plain assignment's value
 * right in rbx, before a guest store if it likes), so a fault inside the
 * op finds IP, in the signal context, still at the op's own entry
 * (exec/interp.c).  GCC does not know the asm wrote rbx; nothing reads IP
 * after it but the next handler.
 */
#define INTERP_SET_IP(asm_text, ...)                                 \
    __asm__ __volatile__(asm_text : : __VA_ARGS__ : "memory")
#define INTERP_GOTO(entry)                                           \
    do {                                                             \
        const InterpEntry *next_ = (const InterpEntry *)(uintptr_t)(entry); \
        uint32_t handler_ = next_->handler;                          \
        INTERP_SET_IP("mov %0, %%rbx", "r"(next_));                  \
        ((InterpHandler *)(uintptr_t)handler_)();                    \
        return;                                                      \
    } while (0)

#define NEXT()                                                       \
    do {                                                             \
        uint32_t handler_ = IP[1].handler;                           \
        INTERP_SET_IP("add %0, %%rbx", "i"(sizeof(InterpEntry)));    \
        ((InterpHandler *)(uintptr_t)handler_)();                    \
    } while (0)
#define GOTO_LABEL_PARAM(n) INTERP_GOTO(OP_PARAM(n))
/* The exit's slot is the entry's param[0], whatever the exit number. */
#define GOTO_TB(n) INTERP_GOTO(IP->param[0])
#define GOTO_CODE(p) INTERP_GOTO(p)
#define EXIT_TB_VALUE(v)                                             \
    do {                                                             \
        interp_exit(v);                                              \
        return;                                                      \
    } while (0)
#define EXIT_TB() EXIT_TB_VALUE(PARAM1)
/* Leave to the CPU loop with 0 (no chaining), the exception already in env. */
#define EXIT_TB_NOCHAIN() EXIT_TB_VALUE(0)

#endif

/*
 * Has this thread been asked to leave generated code (cpu_exit_request)?
 * The safepoint poll of JIT compilers, asked at every loop-closing TB
 * exit: a load of the flag and a branch on it, which the host predicts
 * not taken.  A poll by a store to a page that a request makes
 * inaccessible costs fewer instructions but more time: in the ARM sieve
 * kernel, whose byte stores walk a 1 MB array, the extra store per loop
 * iteration made it 1.2x slower (0.33 s of user time against 0.27 s on
 * an AMD EPYC).  Not a load whose value nobody uses, either: a binary
 * translator running stitch may drop it (valgrind's does), and the poll
 * with it.
 */
#define EXIT_REQUESTED() (env->exit_request)

/*
 * At file scope: op_NAME takes n parameters although its copy may hold
 * fewer holes (dyngen counts the holes: dyngen/objread.c).  For an op
 * whose copied form has nothing to do but whose interpreted form reads
 * them, and for the translator, which still finds them in the op stream.
 */
#define OP_DECLARE_PARAMS(name, n) __asm__(".set __op_nparams_" #name ", " #n)

/* Guest memory, addressed through the pinned guest base. */
#define GUEST_PTR(type, addr) ((type *)(GB + (uintptr_t)(uint32_t)(addr)))
#define ldub(a) (*GUEST_PTR(uint8_t, a))
#define ldsb(a) (*GUEST_PTR(int8_t, a))
#define lduw(a) (*GUEST_PTR(uint16_t, a))
#define ldsw(a) (*GUEST_PTR(int16_t, a))
#define ldl(a) (*GUEST_PTR(uint32_t, a))
#define ldq(a) (*GUEST_PTR(uint64_t, a))
#define stb(a, v) (*GUEST_PTR(uint8_t, a) = (uint8_t)(v))
#define stw(a, v) (*GUEST_PTR(uint16_t, a) = (uint16_t)(v))
#define stl(a, v) (*GUEST_PTR(uint32_t, a) = (uint32_t)(v))
#define stq(a, v) (*GUEST_PTR(uint64_t, a) = (uint64_t)(v))

#endif
