/*
 * x87 FPU micro-operations.  Each is a call to the helper of the same name
 * (op/helper-fpu.h lists them): the arithmetic itself runs on the host FPU
 * inside the helper, with the guest's control word loaded, which is what
 * makes the results bit-exact.  The ops pass the operands the translator
 * knows: the guest address in A0, or stack indices as parameters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "op-x86_64.h"
#include "helper-fpu.h"

/* op_NAME_A0: the operand is guest memory at A0. */
#define X87_OP_MEM(n)                                                       \
    void op_##n##_A0(void)                                                  \
    {                                                                       \
        helper_##n(env, A0);                                                \
        NEXT();                                                             \
    }
X87_MEM_HELPERS(X87_OP_MEM)

/* op_NAME_A0: PARAM1 = 1 for the 32-bit layout, 0 for the 16-bit one. */
#define X87_OP_ENV(n)                                                       \
    void op_##n##_A0(void)                                                  \
    {                                                                       \
        helper_##n(env, A0, PARAM1);                                        \
        NEXT();                                                             \
    }
X87_ENV_HELPERS(X87_OP_ENV)

/* op_NAME_STN_STN: ST(PARAM1) := ST(PARAM1) op ST(PARAM2). */
#define X87_OP_REG2(n)                                                      \
    void op_##n##_STN_STN(void)                                             \
    {                                                                       \
        helper_##n(env, PARAM1, PARAM2);                                    \
        NEXT();                                                             \
    }
X87_REG2_HELPERS(X87_OP_REG2)

/* op_NAME_STN: PARAM1 = the stack index i of ST(i). */
#define X87_OP_REG1(n)                                                      \
    void op_##n##_STN(void)                                                 \
    {                                                                       \
        helper_##n(env, PARAM1);                                            \
        NEXT();                                                             \
    }
X87_REG1_HELPERS(X87_OP_REG1)

#define X87_OP(n)                                                           \
    void op_##n(void)                                                       \
    {                                                                       \
        helper_##n(env);                                                    \
        NEXT();                                                             \
    }
X87_HELPERS(X87_OP)

/* FCMOVcc ST(0), ST(PARAM1): the translator computed the condition into
 * T0 (SDM FCMOVcc reads CF, ZF, PF like the integer CMOVcc). */
void op_fcmov_T0_STN(void)
{
    if (T0)
        helper_fcmov(env, PARAM1);
    NEXT();
}

/* FNSTSW, FNSTCW into T0; FLDCW from T0. */
void op_fnstsw_T0(void) { T0 = helper_fnstsw(env); NEXT(); }
void op_fnstcw_T0(void) { T0 = helper_fnstcw(env); NEXT(); }
void op_fldcw_T0(void) { helper_fldcw(env, T0); NEXT(); }
