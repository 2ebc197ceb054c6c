/*
 * Condition tests on the recorded flags (op/i386/cc-op.h, CC_COND_LIST), for
 * the operand size of the including op/op-i386-template.h: for each
 * (class, condition) one op that sets T0 to 0/1 and two that jump to label
 * PARAM1 when the condition holds (j) or fails (jn).  A `cmp; jl` becomes
 * cmpl_T0_T1_cc and one jl_subl_label, with no EFLAGS computed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define D ((DATA_TYPE)env->cc_dst)
#define S ((DATA_TYPE)env->cc_src)
#define SUB1 ((DATA_TYPE)(env->cc_dst + env->cc_src))
#define ADD1 ((DATA_TYPE)(env->cc_dst - env->cc_src))
#define SIGN(x) ((uint32_t)((x) >> (DATA_BITS - 1)) & 1)
#define CIN (env->cc_aux)
#define MINV ((DATA_TYPE)(1u << (DATA_BITS - 1)))
#define MAXV ((DATA_TYPE)(MINV - 1))
#define SBB1 ((DATA_TYPE)(env->cc_dst + env->cc_src + CIN))
#define ADC1 ((DATA_TYPE)(env->cc_dst - env->cc_src - CIN))

#define COND_OPS(class, cond, expr, reads)                                 \
    void glue(op_set##cond##_T0_##class, SUFFIX)(void)             \
    {                                                                      \
        T0 = (expr) ? 1 : 0;                                               \
        NEXT();                                                            \
    }                                                                      \
    void glue(glue(op_j##cond##_##class, SUFFIX), _label)(void)            \
    {                                                                      \
        if (expr)                                                          \
            GOTO_LABEL_PARAM(1);                                           \
        NEXT();                                                            \
    }                                                                      \
    void glue(glue(op_jn##cond##_##class, SUFFIX), _label)(void)           \
    {                                                                      \
        if (!(expr))                                                       \
            GOTO_LABEL_PARAM(1);                                           \
        NEXT();                                                            \
    }
CC_COND_LIST(COND_OPS)
#undef COND_OPS

/* The carry-in of ADC/SBB from the record (op/i386/cc-op.h, CC_CARRY_LIST). */
#define CARRY_OP(class, expr, reads)                                       \
    void glue(op_movl_aux_cf_##class, SUFFIX)(void)                        \
    {                                                                      \
        env->cc_aux = (expr) ? 1 : 0;                                      \
        NEXT();                                                            \
    }
CC_CARRY_LIST(CARRY_OP)
#undef CARRY_OP

#undef D
#undef S
#undef SUB1
#undef ADD1
#undef SIGN
#undef CIN
#undef MINV
#undef MAXV
#undef SBB1
#undef ADC1
