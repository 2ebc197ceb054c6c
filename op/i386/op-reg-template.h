/*
 * Micro-ops specialised per guest register, included once per register by
 * op/op-i386.c with REGNUM (0..7, SDM register number) and REGNAME (EAX ...)
 * defined.  REG is where the register lives (op/op-x86_64.h: a pinned host
 * register or env->regs[]); these ops move it to and from the temporaries,
 * by operand size:
 *   l  the whole register      w  bits 0-15 (the rest kept)
 *   b  bits 0-7 (AL..BL)       h  bits 8-15 (AH..BH, registers 0-3 only)
 * Loads of b/h/w zero-extend, so a temporary never holds stale high bits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define REG glue(GREG_, REGNAME)
#define CON glue(GCON_, REGNAME)
#define ROP(pre, post) glue(glue(op_##pre, REGNAME), post)

/* Loads into the temporaries. */
void ROP(movl_T0_, )(void) { T0 = REG; NEXT(); }
void ROP(movl_T1_, )(void) { T1 = REG; NEXT(); }
void ROP(movl_A0_, )(void) { SET_A0(REG); NEXT(); }
void ROP(movzw_T0_, )(void) { T0 = (uint16_t)REG; NEXT(); }
void ROP(movzw_T1_, )(void) { T1 = (uint16_t)REG; NEXT(); }
void ROP(movzb_T0_, )(void) { T0 = (uint8_t)REG; NEXT(); }
void ROP(movzb_T1_, )(void) { T1 = (uint8_t)REG; NEXT(); }

/* Stores from the temporaries. */
void ROP(movl_, _T0)(void) { REG = T0; NEXT(); }
void ROP(movl_, _T1)(void) { REG = T1; NEXT(); }
void ROP(movl_, _A0)(void) { REG = A0; NEXT(); }
void ROP(movw_, _T0)(void) { REG = (REG & 0xffff0000u) | (uint16_t)T0; NEXT(); }
void ROP(movw_, _T1)(void) { REG = (REG & 0xffff0000u) | (uint16_t)T1; NEXT(); }
void ROP(movw_, _A0)(void) { REG = (REG & 0xffff0000u) | (uint16_t)A0; NEXT(); }
void ROP(movb_, _T0)(void) { REG = (REG & 0xffffff00u) | (uint8_t)T0; NEXT(); }
void ROP(movb_, _T1)(void) { REG = (REG & 0xffffff00u) | (uint8_t)T1; NEXT(); }

#if REGNUM < 4
/* AH, CH, DH, BH: encodings 4-7 of an 8-bit operand (SDM vol. 2, 2.1.5). */
void ROP(movzh_T0_, )(void) { T0 = (uint8_t)(REG >> 8); NEXT(); }
void ROP(movzh_T1_, )(void) { T1 = (uint8_t)(REG >> 8); NEXT(); }
void ROP(movh_, _T0)(void)
{
    REG = (REG & 0xffff00ffu) | (uint32_t)(uint8_t)T0 << 8;
    NEXT();
}
void ROP(movh_, _T1)(void)
{
    REG = (REG & 0xffff00ffu) | (uint32_t)(uint8_t)T1 << 8;
    NEXT();
}
#endif

/* Effective addresses: base (plus displacement), then index scaled by
 * 1/2/4/8 (SIB). */
void ROP(leal_A0_, _im)(void) { PARAM1_LEA(A0q, REG); NEXT(); }
void ROP(addl_A0_, )(void) { ADD_A0(REG); NEXT(); }
void ROP(addl_A0_, _s1)(void) { SET_A0(A0 + (REG << 1)); NEXT(); }
void ROP(addl_A0_, _s2)(void) { SET_A0(A0 + (REG << 2)); NEXT(); }
void ROP(addl_A0_, _s3)(void) { SET_A0(A0 + (REG << 3)); NEXT(); }

/* cmovcc: T0 holds the condition, T1 the source (SDM CMOVcc). */
void ROP(cmovl_, _T1_T0)(void)
{
    if (T0)
        REG = T1;
    NEXT();
}
void ROP(cmovw_, _T1_T0)(void)
{
    if (T0)
        REG = (REG & 0xffff0000u) | (uint16_t)T1;
    NEXT();
}

/* 32-bit loads and stores between guest memory at A0 and the register
 * (fuse.c: ldul_T0_A0 then movl_R_T0; movl_T0_R then stl_T0_A0).  A load
 * that faults leaves the register as it was. */
void ROP(ldul_, _A0)(void) { REG = ldl(A0); NEXT(); }
void ROP(stl_, _A0)(void) { stl(A0, REG); NEXT(); }

/* PUSH r32 and POP r32 (fuse.c: movl_T0_R then pushl_T0; popl_T0_incr
 * then movl_R_T0), ordered as op_pushl_T0 and op_popl_T0_incr are: the
 * access first, so a fault leaves ESP and the register as they were.
 * POP ESP keeps the two-op form (ESP gets the loaded value). */
void ROP(pushl_, )(void)
{
    uint32_t *slot = GUEST_PTR(uint32_t, GREG_ESP - 4);

    *slot = REG;
    __asm__ __volatile__("subl $4, %k0" : "+r"(GREG_ESP) : "m"(*slot) : "cc");
    NEXT();
}
#if REGNUM != 4
void ROP(popl_, )(void)
{
    uint32_t sp = GREG_ESP, v = ldl(sp);

    __asm__("" : "+r"(v), "+r"(sp));
    GREG_ESP = sp + 4;
    REG = v;
    NEXT();
}
#endif

/*
 * ALU r32, imm on the register itself, without the T0/T1 shuffle
 * (translate/i386/fuse.c puts them in place of movl_T0_R, movl_T1_im,
 * op, movl_R_T0).  The _cc forms record what addl_T0_T1_cc ... would;
 * their flag-free twins are what the liveness pass left.  A register in
 * env is changed in place (one read-modify-write instruction).
 */
void ROP(addl_, _im)(void) { PARAM1_RMW("addl", CON, REG, +); NEXT(); }
void ROP(subl_, _im)(void) { PARAM1_RMW("subl", CON, REG, -); NEXT(); }
void ROP(andl_, _im)(void) { PARAM1_RMW("andl", CON, REG, &); NEXT(); }
void ROP(orl_, _im)(void) { PARAM1_RMW("orl", CON, REG, |); NEXT(); }
void ROP(xorl_, _im)(void) { PARAM1_RMW("xorl", CON, REG, ^); NEXT(); }
void ROP(addl_, _im_cc)(void)
{
    PARAM1_STORE(env->cc_src);
    PARAM1_RMW("addl", CON, REG, +);
    env->cc_dst = REG;
    NEXT();
}
void ROP(subl_, _im_cc)(void)
{
    PARAM1_STORE(env->cc_src);
    PARAM1_RMW("subl", CON, REG, -);
    env->cc_dst = REG;
    NEXT();
}
void ROP(andl_, _im_cc)(void) { PARAM1_RMW("andl", CON, REG, &); env->cc_dst = REG; NEXT(); }
void ROP(orl_, _im_cc)(void) { PARAM1_RMW("orl", CON, REG, |); env->cc_dst = REG; NEXT(); }
void ROP(xorl_, _im_cc)(void) { PARAM1_RMW("xorl", CON, REG, ^); env->cc_dst = REG; NEXT(); }

/*
 * ALU r32, r32 on the destination itself, the source in T1 (fuse.c:
 * movl_T0_R, movl_T1_S, OPl_T0_T1_cc, movl_R_T0), recording what
 * addl_T0_T1_cc ... would.  T0 keeps what it held.
 */
void ROP(addl_, _T1)(void) { REG += T1; NEXT(); }
void ROP(subl_, _T1)(void) { REG -= T1; NEXT(); }
void ROP(andl_, _T1)(void) { REG &= T1; NEXT(); }
void ROP(orl_, _T1)(void) { REG |= T1; NEXT(); }
void ROP(xorl_, _T1)(void) { REG ^= T1; NEXT(); }
void ROP(addl_, _T1_cc)(void)
{
    env->cc_src = T1;
    REG += T1;
    env->cc_dst = REG;
    NEXT();
}
void ROP(subl_, _T1_cc)(void)
{
    env->cc_src = T1;
    REG -= T1;
    env->cc_dst = REG;
    NEXT();
}
void ROP(andl_, _T1_cc)(void) { REG &= T1; env->cc_dst = REG; NEXT(); }
void ROP(orl_, _T1_cc)(void) { REG |= T1; env->cc_dst = REG; NEXT(); }
void ROP(xorl_, _T1_cc)(void) { REG ^= T1; env->cc_dst = REG; NEXT(); }

/*
 * SHL, SHR and SAR r32 by a count of 1-31 known at translation time, on
 * the register itself (fuse.c: movl_T0_R, shrl_T0_im_cc k, movl_R_T0),
 * recording what op-i386-flags-template.h's shrl_T0_im_cc does.  T0 keeps
 * what it held, often a register the next instruction reads (crc32's
 * `xor %eax,%ecx; shr $8,%eax; movzbl %cl,%ecx`).
 */
void ROP(shll_, _im)(void) { REG <<= PARAM1; NEXT(); }
void ROP(shrl_, _im)(void) { REG >>= PARAM1; NEXT(); }
void ROP(sarl_, _im)(void) { REG = (uint32_t)((int32_t)REG >> PARAM1); NEXT(); }
void ROP(shll_, _im_cc)(void)
{
    uint32_t v = REG << (PARAM1 - 1);

    env->cc_src = v;
    REG = v << 1;
    env->cc_dst = REG;
    NEXT();
}
void ROP(shrl_, _im_cc)(void)
{
    uint32_t v = REG >> (PARAM1 - 1);

    env->cc_src = v;
    REG = v >> 1;
    env->cc_dst = REG;
    NEXT();
}
void ROP(sarl_, _im_cc)(void)
{
    int32_t v = (int32_t)REG >> (PARAM1 - 1);

    env->cc_src = (uint32_t)v;
    REG = (uint32_t)(v >> 1);
    env->cc_dst = REG;
    NEXT();
}

/*
 * CMP r32, imm fused with the Jcc after it (fuse.c; the T0/T1 form is
 * op_cmpl_j*_label): the SUBL record, then the branch on the register and
 * the constant (PARAM2; PARAM1 is the label, as for every _label op).
 * O and P are left to the T0/T1 form: rare after a compare.
 */
#define R_CMP_JCC(cond, expr)                                                  void ROP(cmpl_, _im_j##cond##_label)(void)                                 {                                                                              uint32_t a = REG, b = PARAM2, d = a - b;                                                                                                              env->cc_src = b;                                                           env->cc_dst = d;                                                           if (expr)                                                                      GOTO_LABEL_PARAM(1);                                                   NEXT();                                                                }                                                                          void ROP(cmpl_, _im_jn##cond##_label)(void)                                {                                                                              uint32_t a = REG, b = PARAM2, d = a - b;                                                                                                              env->cc_src = b;                                                           env->cc_dst = d;                                                           if (!(expr))                                                                   GOTO_LABEL_PARAM(1);                                                   NEXT();                                                                }
R_CMP_JCC(b, a < b)
R_CMP_JCC(z, d == 0)
R_CMP_JCC(be, a <= b)
R_CMP_JCC(s, d >> 31)
R_CMP_JCC(l, (int32_t)a < (int32_t)b)
R_CMP_JCC(le, (int32_t)a <= (int32_t)b)
#undef R_CMP_JCC

/*
 * SBB r32, r/m32 after a 32-bit SUB or CMP, fused with the JB/JAE after it
 * (gen.c, gen_jcc_carry_t0_t1; `cmp lo; sbb hi; jae`, a 64-bit compare):
 * the carry-in from the SUB record, the SBB record, the result to the
 * register and to T0, and the branch on the carry out, with nothing
 * passed through env in between.
 */
#define R_SBB_JCC(name, test)                                                \
    void ROP(sbbl_, _T0_T1_subl_##name##_label)(void)                         \
    {                                                                          \
        uint32_t a = T0, b = T1;                                               \
        uint32_t cin = (uint32_t)(env->cc_dst + env->cc_src) < env->cc_src;    \
        uint32_t cf = cin ? a <= b : a < b;                                    \
                                                                               \
        T0 = a - b - cin;                                                      \
        env->cc_aux = cin;                                                     \
        env->cc_src = b;                                                       \
        env->cc_dst = T0;                                                      \
        REG = T0;                                                              \
        if (test)                                                              \
            GOTO_LABEL_PARAM(1);                                               \
        NEXT();                                                                \
    }
R_SBB_JCC(jb, cf)
R_SBB_JCC(jnb, !cf)
#undef R_SBB_JCC

/*
 * TEST r, r (the same register) fused with the Jcc after it (fuse.c; the
 * T0/T1 form is op_testl_j*_label): the LOGIC record of the register, or
 * of its low byte, and the branch on it.
 */
#define R_TEST_JCC(size, cond, expr)                                       \
    void ROP(test##size##_, _j##cond##_label)(void)                        \
    {                                                                      \
        uint32_t d = REG;                                                  \
                                                                           \
        env->cc_dst = d;                                                   \
        if (expr)                                                          \
            GOTO_LABEL_PARAM(1);                                           \
        NEXT();                                                            \
    }                                                                      \
    void ROP(test##size##_, _jn##cond##_label)(void)                       \
    {                                                                      \
        uint32_t d = REG;                                                  \
                                                                           \
        env->cc_dst = d;                                                   \
        if (!(expr))                                                       \
            GOTO_LABEL_PARAM(1);                                           \
        NEXT();                                                            \
    }
R_TEST_JCC(l, z, d == 0)
R_TEST_JCC(l, s, (int32_t)d < 0)
R_TEST_JCC(l, le, (int32_t)d <= 0)
#if REGNUM < 4
R_TEST_JCC(b, z, (uint8_t)d == 0)
R_TEST_JCC(b, s, (int8_t)d < 0)
R_TEST_JCC(b, le, (int8_t)d <= 0)
#endif
#undef R_TEST_JCC

#undef ROP
#undef CON
#undef REG
#undef REGNUM
#undef REGNAME
