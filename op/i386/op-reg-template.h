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

#undef ROP
#undef REG
#undef REGNUM
#undef REGNAME
