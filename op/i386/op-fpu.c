/*
 * x87 FPU micro-operations.  The host's x87 holds the guest's while
 * generated code runs (op/i386/fpu-state.h), so almost every op is the
 * guest's instruction itself (op/i386/x87-ops.h): register forms byte for
 * byte, memory forms with the operand at guest_base + A0.  The paper
 * (section 5) found floating point dyngen's weakest point because every
 * x87 operation went through a helper; here there is none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "op-x86_64.h"
#include "cc-op.h"
#include "fpu-state.h"
#include "helper-fpu.h"
#include "x87-ops.h"

/* op_x87_B_M: opcode B, ModRM M (register form), run as it is. */
#define X87_OP_RAW(b, m)                                                    \
    void op_x87_##b##_##m(void)                                             \
    {                                                                       \
        __asm__ __volatile__(".byte 0x" #b ", 0x" #m ::: "memory");         \
        NEXT();                                                             \
    }
X87_RAW_OPS(X87_OP_RAW)

/* op_x87_m_B_R: the memory form of opcode B, ModRM reg field R, on guest
 * memory at A0 (a fault there is the guest's, exec/cpu-exec.c). */
#define X87_OP_MEM(b, r, insn)                                              \
    void op_x87_m_##b##_##r(void)                                           \
    {                                                                       \
        __asm__ __volatile__(#insn " (%0,%1)"                               \
                             : : "r"(GB), "r"((uintptr_t)A0) : "memory");   \
        NEXT();                                                             \
    }
X87_MEM_OPS(X87_OP_MEM)

/* FCOMI and friends: the host's ZF PF CF are the answer, OF SF AF are
 * cleared (SDM FCOMI), as the lazy-flags state CC_OP_EFLAGS holds them. */
#define X87_OP_COMI(b, m)                                                   \
    void op_x87_##b##_##m(void)                                             \
    {                                                                       \
        uint64_t fl;                                                        \
        __asm__ __volatile__(".byte 0x" #b ", 0x" #m "\n\tpushfq\n\t"       \
                             "popq %0" : "=r"(fl) : : "memory", "cc");      \
        env->cc_src = (uint32_t)fl & (CC_Z | CC_P | CC_C);                  \
        env->cc_op = CC_OP_EFLAGS;                                          \
        NEXT();                                                             \
    }
X87_COMI_OPS(X87_OP_COMI)

/* FCMOVcc ST(0), ST(i): the translator computed the guest condition into
 * T0; FCMOVNE on ZF = (T0 == 0) moves exactly when it holds, with the
 * same stack-fault rules as every FCMOVcc. */
#define X87_OP_FCMOV(i)                                                     \
    void op_fcmov_T0_st##i(void)                                            \
    {                                                                       \
        __asm__ __volatile__("testl %0, %0\n\tfcmovne %%st(" #i "), %%st"  \
                             : : "r"(T0) : "memory", "cc");                 \
        NEXT();                                                             \
    }
X87_STACK_INDICES(X87_OP_FCMOV)

/* FNSTSW AX (the translator writes T0 to AX). */
void op_fnstsw_T0(void)
{
    uint16_t sw;

    __asm__ __volatile__("fnstsw %0" : "=a"(sw) : : "memory");
    T0 = sw;
    NEXT();
}

/* FWAIT: a pending unmasked exception traps here, as natively. */
void op_fwait(void)
{
    __asm__ __volatile__("fwait" ::: "memory");
    NEXT();
}

/* The state images (FLDENV, FNSTENV, FRSTOR, FNSAVE, FXSAVE, FXRSTOR):
 * C helpers on CPUState, with the live state moved there and back
 * (op/i386/helper-fpstate.c).  PARAM1 = 1 for the 32-bit layouts. */
#define X87_OP_ENV(n)                                                       \
    void op_##n##_A0(void)                                                  \
    {                                                                       \
        helper_##n##_live(env, A0, PARAM1);                                 \
        NEXT();                                                             \
    }
X87_ENV_HELPERS(X87_OP_ENV)

/* FIP and FOP := PARAM1, PARAM2 (translate/i386/fpu.c), and FDP := the
 * operand's address: stored, once the guest may read them
 * (op/i386/x87-fip.c).  Before, x87_ip_host marks the instruction: its
 * copy is empty, the host's x87 keeps its own FIP (the address of the
 * copied instruction), which the parameters map back to the guest's when
 * the TB is copied; under --interp it stores the two values. */
OP_DECLARE_PARAMS(x87_ip_host, 2);
void op_x87_ip_host(void)
{
#ifdef OP_INTERP
    env->fpip = PARAM1;
    env->fpop = PARAM2;
#endif
    NEXT();
}
OP_DECLARE_PARAMS(x87_ip, 2);
void op_x87_ip(void)
{
    /* Two stores of immediates, not a register load and a store each */
    PARAM1_STORE(env->fpip);
#ifdef OP_INTERP
    env->fpop = PARAM2;
#else
    __asm__ __volatile__("movl " OP_PARAM_ASM(2) ", %0" : "=m"(env->fpop));
#endif
    NEXT();
}
void op_x87_dp(void)
{
    env->fpdp = A0;
    NEXT();
}
/* FNINIT clears all three (SDM vol. 1, 8.1.8). */
void op_x87_ptr_reset(void)
{
    env->fpip = 0;
    env->fpop = 0;
    env->fpdp = 0;
    NEXT();
}

/* Around an instruction whose helpers work on CPUState's copy of the x87
 * registers (MMX, translate/i386/sse.c). */
void op_fpu_spill(void) { fpu_state_spill_x87(env); NEXT(); }
void op_fpu_fill(void) { fpu_state_fill_x87(env); NEXT(); }

/* EMMS: every tag empty, on the host's x87 which is the guest's. */
void op_emms(void)
{
    __asm__ __volatile__("emms" ::: "memory");
    NEXT();
}
