/*
 * Computing EFLAGS from the lazy condition-code state (paper, section 3.4).
 * The derivation rules for each kind are the table in op/i386/cc-op.h; this file
 * is that table as code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cc-op.h"
#include "helper.h"

/* Bit 1 of EFLAGS always reads as 1 (SDM vol. 1, 3.4.3). */
#define EFLAGS_FIXED 0x2u
/* Bits a user-mode popf may change (IF and IOPL are silently kept). */
#define EFLAGS_USER (CC_ALL | TF_MASK | DF_MASK | AC_MASK | ID_MASK | 0x4000u)

static uint32_t size_mask(int bits)
{
    return bits == 32 ? 0xffffffffu : (1u << bits) - 1;
}

/* ZF, SF and PF from a result: common to every kind but EFLAGS. */
static uint32_t flags_zsp(uint32_t dst, int bits)
{
    uint32_t f = 0;

    if ((dst & size_mask(bits)) == 0)
        f |= CC_Z;
    if ((dst >> (bits - 1)) & 1)
        f |= CC_S;
    if (!__builtin_parity(dst & 0xff))
        f |= CC_P;
    return f;
}

static uint32_t sign_to(uint32_t v, int bits, uint32_t flag)
{
    return ((v >> (bits - 1)) & 1) ? flag : 0;
}

/* ADD/ADC: src1 + src2 (+ carry) = dst. */
static uint32_t flags_add(uint32_t src2, uint32_t dst, int bits, int carry)
{
    uint32_t m = size_mask(bits);
    uint32_t src1 = dst - src2 - carry;
    uint32_t f = flags_zsp(dst, bits);

    if (carry ? (dst & m) <= (src1 & m) : (dst & m) < (src1 & m))
        f |= CC_C;
    f |= (src1 ^ src2 ^ dst) & CC_A;
    f |= sign_to(~(src1 ^ src2) & (src1 ^ dst), bits, CC_O);
    return f;
}

/* SUB/SBB/CMP/NEG: src1 - src2 (- borrow) = dst. */
static uint32_t flags_sub(uint32_t src2, uint32_t dst, int bits, int borrow)
{
    uint32_t m = size_mask(bits);
    uint32_t src1 = dst + src2 + borrow;
    uint32_t f = flags_zsp(dst, bits);

    if (borrow ? (src1 & m) <= (src2 & m) : (src1 & m) < (src2 & m))
        f |= CC_C;
    f |= (src1 ^ src2 ^ dst) & CC_A;
    f |= sign_to((src1 ^ src2) & (src1 ^ dst), bits, CC_O);
    return f;
}

static uint32_t flags_incdec(uint32_t cf, uint32_t dst, int bits, int inc)
{
    uint32_t m = size_mask(bits);
    uint32_t sign = 1u << (bits - 1);
    uint32_t f = flags_zsp(dst, bits) | (cf ? CC_C : 0);

    if (inc) {
        f |= (dst & 0xf) == 0 ? CC_A : 0;
        f |= (dst & m) == sign ? CC_O : 0;
    } else {
        f |= (dst & 0xf) == 0xf ? CC_A : 0;
        f |= (dst & m) == sign - 1 ? CC_O : 0;
    }
    return f;
}

/* Operand size of a sized kind: B, W, L follow each other in the list. */
static int kind_bits(uint32_t op, uint32_t first)
{
    return 8 << (op - first);
}

#define IN_KIND(op, k) ((op) >= CC_OP_##k##B && (op) <= CC_OP_##k##L)

static uint32_t compute_all(uint32_t op, uint32_t src, uint32_t dst,
                            uint32_t aux)
{
    if (op == CC_OP_EFLAGS)
        return src & CC_ALL;
    if (IN_KIND(op, MUL))
        return flags_zsp(dst, kind_bits(op, CC_OP_MULB)) |
               (src ? CC_C | CC_O : 0);
    if (IN_KIND(op, ADD))
        return flags_add(src, dst, kind_bits(op, CC_OP_ADDB), 0);
    if (IN_KIND(op, ADC))
        return flags_add(src, dst, kind_bits(op, CC_OP_ADCB), aux & 1);
    if (IN_KIND(op, SUB))
        return flags_sub(src, dst, kind_bits(op, CC_OP_SUBB), 0);
    if (IN_KIND(op, SBB))
        return flags_sub(src, dst, kind_bits(op, CC_OP_SBBB), aux & 1);
    if (IN_KIND(op, LOGIC))
        return flags_zsp(dst, kind_bits(op, CC_OP_LOGICB));
    if (IN_KIND(op, INC))
        return flags_incdec(src, dst, kind_bits(op, CC_OP_INCB), 1);
    if (IN_KIND(op, DEC))
        return flags_incdec(src, dst, kind_bits(op, CC_OP_DECB), 0);
    if (IN_KIND(op, SHL)) {
        int bits = kind_bits(op, CC_OP_SHLB);
        return flags_zsp(dst, bits) | sign_to(src, bits, CC_C) |
               sign_to(src ^ dst, bits, CC_O);
    }
    if (IN_KIND(op, SAR)) {
        int bits = kind_bits(op, CC_OP_SARB);
        return flags_zsp(dst, bits) | (src & 1 ? CC_C : 0) |
               sign_to(src ^ dst, bits, CC_O);
    }
    return 0; /* not reached: every kind is listed above */
}

uint32_t helper_cc_compute_all(CPUState *env)
{
    uint32_t op = env->cc_op;

    if (op & CC_OP_ROT) {
        uint32_t mine = env->cc_aux & CC_AUX_CF_ONLY ? CC_C : CC_C | CC_O;

        return (compute_all(op & ~CC_OP_ROT, env->cc_src, env->cc_dst, 0) &
                ~mine) | (env->cc_aux & mine);
    }
    return compute_all(op, env->cc_src, env->cc_dst, env->cc_aux);
}

uint32_t helper_cc_compute_c(CPUState *env)
{
    uint32_t op = env->cc_op, src = env->cc_src, dst = env->cc_dst;

    /* The common cases without computing the other five flags. */
    if (op == CC_OP_SUBL)
        return dst + src < src;
    if (op == CC_OP_ADDL)
        return dst < src;
    if (IN_KIND(op, LOGIC))
        return 0;
    if (IN_KIND(op, INC) || IN_KIND(op, DEC))
        return src;
    if (op & CC_OP_ROT)
        return env->cc_aux & CC_C;
    return helper_cc_compute_all(env) & CC_C;
}

uint32_t cpu_get_eflags(CPUState *env)
{
    return (env->eflags & ~(CC_ALL | DF_MASK)) | EFLAGS_FIXED |
           helper_cc_compute_all(env) | (env->df < 0 ? DF_MASK : 0);
}

void cpu_set_eflags(CPUState *env, uint32_t eflags)
{
    env->cc_src = eflags & CC_ALL;
    env->cc_op = CC_OP_EFLAGS;
    env->df = (eflags & DF_MASK) ? -1 : 1;
    env->eflags = (eflags & ~(CC_ALL | DF_MASK)) | EFLAGS_FIXED;
}

uint32_t helper_read_eflags(CPUState *env)
{
    return cpu_get_eflags(env);
}

void helper_write_eflags(CPUState *env, uint32_t eflags, uint32_t mask)
{
    uint32_t keep = ~(EFLAGS_USER & mask);

    cpu_set_eflags(env, (cpu_get_eflags(env) & keep) | (eflags & ~keep));
}

/* SAHF (SDM vol. 2): SF ZF AF PF CF := AH; OF is kept. */
void helper_sahf(CPUState *env, uint32_t ah)
{
    uint32_t bits = CC_S | CC_Z | CC_A | CC_P | CC_C;

    env->cc_src = (helper_cc_compute_all(env) & ~bits) | (ah & bits);
    env->cc_op = CC_OP_EFLAGS;
}

void helper_set_cf(CPUState *env, uint32_t cf)
{
    env->cc_src = (helper_cc_compute_all(env) & ~CC_C) | (cf & 1);
    env->cc_op = CC_OP_EFLAGS;
}
