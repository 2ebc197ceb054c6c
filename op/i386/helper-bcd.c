/*
 * Decimal-arithmetic adjustments (DAA DAS AAA AAS AAM AAD), as the SDM
 * vol. 2 pseudo-code for each states them.  They read AF and CF, so they
 * work on fully computed EFLAGS and leave the CC_OP_EFLAGS kind.
 *
 * Undefined flags (OF after DAA/DAS; OF SF ZF PF after AAA/AAS; OF AF CF
 * after AAM/AAD): stitch keeps their previous value for AAA/AAS and clears
 * them otherwise.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cc-op.h"
#include "helper.h"

#define AL (env->regs[R_EAX] & 0xff)

static void set_al(CPUState *env, uint32_t al)
{
    env->regs[R_EAX] = (env->regs[R_EAX] & ~0xffu) | (al & 0xff);
}

static uint32_t szp8(uint32_t v)
{
    v &= 0xff;
    return (v == 0 ? CC_Z : 0) | (v & 0x80 ? CC_S : 0) |
           (__builtin_parity(v) ? 0 : CC_P);
}

static void set_flags(CPUState *env, uint32_t f)
{
    env->cc_src = f;
    env->cc_op = CC_OP_EFLAGS;
}

/* DAA: adjust AL after an addition of two packed BCD values. */
void helper_daa(CPUState *env)
{
    uint32_t f = helper_cc_compute_all(env);
    uint32_t old_al = AL, al = old_al, cf = 0, af = 0;

    if ((al & 0xf) > 9 || (f & CC_A)) {
        cf = (f & CC_C) || al + 6 > 0xff;
        al = (al + 6) & 0xff;
        af = 1;
    }
    if (old_al > 0x99 || (f & CC_C)) {
        al = (al + 0x60) & 0xff;
        cf = 1;
    } else {
        cf = 0;
    }
    set_al(env, al);
    set_flags(env, szp8(al) | (cf ? CC_C : 0) | (af ? CC_A : 0));
}

/* DAS: adjust AL after a subtraction; note no "else CF := 0" here. */
void helper_das(CPUState *env)
{
    uint32_t f = helper_cc_compute_all(env);
    uint32_t old_al = AL, al = old_al, cf = 0, af = 0;

    if ((al & 0xf) > 9 || (f & CC_A)) {
        cf = (f & CC_C) || al < 6;
        al = (al - 6) & 0xff;
        af = 1;
    }
    if (old_al > 0x99 || (f & CC_C)) {
        al = (al - 0x60) & 0xff;
        cf = 1;
    }
    set_al(env, al);
    set_flags(env, szp8(al) | (cf ? CC_C : 0) | (af ? CC_A : 0));
}

/* AAA / AAS: unpacked BCD; AF = CF = whether an adjustment happened. */
void helper_aaa(CPUState *env)
{
    uint32_t f0 = helper_cc_compute_all(env), f = f0 & ~(CC_A | CC_C);
    uint32_t ax = env->regs[R_EAX] & 0xffff;

    if ((ax & 0xf) > 9 || (f0 & CC_A)) {
        ax += 0x106;
        f |= CC_A | CC_C;
    }
    env->regs[R_EAX] = (env->regs[R_EAX] & ~0xffffu) | (ax & 0xff0f);
    set_flags(env, f);
}

void helper_aas(CPUState *env)
{
    uint32_t f0 = helper_cc_compute_all(env), f = f0 & ~(CC_A | CC_C);
    uint32_t ax = env->regs[R_EAX] & 0xffff;

    if ((ax & 0xf) > 9 || (f0 & CC_A)) {
        ax = (ax - 6 - 0x100) & 0xffff; /* AX := AX - 6; AH := AH - 1 */
        f |= CC_A | CC_C;
    }
    env->regs[R_EAX] = (env->regs[R_EAX] & ~0xffffu) | (ax & 0xff0f);
    set_flags(env, f);
}

/* AAM imm8: AH := AL / imm8, AL := AL mod imm8; imm8 = 0 is #DE. */
void helper_aam(CPUState *env, uint32_t base)
{
    uint32_t al = AL;

    base &= 0xff;
    if (base == 0) {
        env->exception_index = EXCP_DIVZ;
        cpu_loop_exit(env);
    }
    env->regs[R_EAX] = (env->regs[R_EAX] & ~0xffffu) | (al / base) << 8 |
                       (al % base);
    set_flags(env, szp8(al % base));
}

/* AAD imm8: AL := AL + AH * imm8, AH := 0. */
void helper_aad(CPUState *env, uint32_t base)
{
    uint32_t ax = env->regs[R_EAX];
    uint32_t al = ((ax & 0xff) + ((ax >> 8) & 0xff) * (base & 0xff)) & 0xff;

    env->regs[R_EAX] = (ax & ~0xffffu) | al;
    set_flags(env, szp8(al));
}
