/*
 * Micro-ops specialised per ARM register, included once per register by
 * op/arm/op-arm.c with REGNUM (0-15) defined: the paper's op_movl_T0_r13
 * and op_movl_r13_T0.  Each is one x86 move between a temporary and the
 * register's home: a pinned host register (op/arm/pinned-regs.h) or
 * env->regs[REGNUM] (GREG_n in op-arm.c).
 * Writes to r15 are branches and go through movl_pc_T0 / bx_T0 instead;
 * reads of r15 are constants (the instruction's address + 8) supplied by
 * the translator, so r15 gets only the loads the engine's restore needs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define REG glue(GREG_, REGNUM)
#define ROP(pre, post) glue(glue(op_##pre, glue(r, REGNUM)), post)

void ROP(movl_T0_, )(void) { T0 = REG; NEXT(); }
void ROP(movl_T1_, )(void) { T1 = REG; NEXT(); }
void ROP(movl_A0_, )(void) { SET_A0(REG); NEXT(); }
#if REGNUM < 15
void ROP(movl_, _T0)(void) { REG = T0; NEXT(); }
void ROP(movl_, _T1)(void) { REG = T1; NEXT(); }
void ROP(movl_, _A0)(void) { REG = A0; NEXT(); }
/* Loads straight into the register and stores straight from it
 * (translate/arm/ldst.c): no trip through T0.  The register changes only
 * once the access has succeeded, so faults stay precise. */
void ROP(ldl_, _A0)(void) { REG = ldl(A0); NEXT(); }
void ROP(ldub_, _A0)(void) { REG = ldub(A0); NEXT(); }
void ROP(stl_, _A0)(void) { stl(A0, REG); NEXT(); }
void ROP(stb_, _A0)(void) { stb(A0, REG); NEXT(); }
/* A0 := the register + a constant: the immediate-offset addressing
 * modes (translate/arm/ldst.c), one LEA for a pinned register. */
void ROP(leal_A0_, _im)(void) { PARAM1_LEA(A0q, REG); NEXT(); }
/* Data processing with the register as an unshifted second operand
 * (translate/arm/dp.c, gen_dp_reg): T0 op= the register where it lives,
 * without a copy to T1 first. */
void ROP(addl_T0_, )(void) { T0 += REG; NEXT(); }
void ROP(subl_T0_, )(void) { T0 -= REG; NEXT(); }
void ROP(rsbl_T0_, )(void) { T0 = REG - T0; NEXT(); }
void ROP(andl_T0_, )(void) { T0 &= REG; NEXT(); }
void ROP(eorl_T0_, )(void) { T0 ^= REG; NEXT(); }
void ROP(orrl_T0_, )(void) { T0 |= REG; NEXT(); }
void ROP(bicl_T0_, )(void) { T0 &= ~REG; NEXT(); }
void ROP(addl_T0_, _cv)(void) { T0 = add_cv(T0, REG); NEXT(); }
void ROP(subl_T0_, _cv)(void) { T0 = sub_cv(T0, REG); NEXT(); }
void ROP(rsbl_T0_, _cv)(void) { T0 = sub_cv(REG, T0); NEXT(); }
/* With the carry in: the 64-bit arithmetic's second halves (`adc r5, r5,
 * r3`, `sbcs ip, fp, r3`); SBC is x + NOT(y) + C (A8.8.162). */
void ROP(adcl_T0_, )(void) { T0 = T0 + REG + CF_BYTE; NEXT(); }
void ROP(sbcl_T0_, )(void) { T0 = sbc(T0, REG); NEXT(); }
void ROP(adcl_T0_, _cv)(void) { T0 = adc_cv(T0, REG); NEXT(); }
void ROP(sbcl_T0_, _cv)(void) { T0 = sbc_cv(T0, REG); NEXT(); }
/* C without V (the flag pass's _c twins, op-arm.c) */
void ROP(addl_T0_, _c)(void) { T0 = add_c(T0, REG); NEXT(); }
void ROP(subl_T0_, _c)(void) { T0 = sub_c(T0, REG); NEXT(); }
void ROP(rsbl_T0_, _c)(void) { T0 = sub_c(REG, T0); NEXT(); }
void ROP(adcl_T0_, _c)(void) { T0 = adc_c(T0, REG); NEXT(); }
void ROP(sbcl_T0_, _c)(void) { T0 = sbc_c(T0, REG); NEXT(); }
/* Data processing without S whose destination is its first operand
 * (`add r3, r3, r2`, `eor r3, r3, r0, ror #6`; translate/arm/dp.c,
 * gen_dp_in_place): the register op= T1 or a constant where it lives,
 * one host instruction, with no trip through T0. */
void ROP(addl_, _T1)(void) { REG += T1; NEXT(); }
void ROP(subl_, _T1)(void) { REG -= T1; NEXT(); }
void ROP(andl_, _T1)(void) { REG &= T1; NEXT(); }
void ROP(eorl_, _T1)(void) { REG ^= T1; NEXT(); }
void ROP(orrl_, _T1)(void) { REG |= T1; NEXT(); }
void ROP(bicl_, _T1)(void) { REG &= ~T1; NEXT(); }
void ROP(adcl_, _T1)(void) { REG = REG + T1 + CF_BYTE; NEXT(); }
void ROP(sbcl_, _T1)(void) { REG = sbc(REG, T1); NEXT(); }
#define REG_IMM_OP(insn)                                                   \
    __asm__(insn " " OP_PARAM_ASM(1) ", %0" : "+rm"(REG) : : "cc")
void ROP(addl_, _im)(void) { REG_IMM_OP("addl"); NEXT(); }
void ROP(andl_, _im)(void) { REG_IMM_OP("andl"); NEXT(); }
void ROP(eorl_, _im)(void) { REG_IMM_OP("xorl"); NEXT(); }
void ROP(orrl_, _im)(void) { REG_IMM_OP("orl"); NEXT(); }
#undef REG_IMM_OP
/* A conditional instruction without S that only writes this register
 * (translate/arm/ifconv.c): the register takes T0, computed whatever the
 * condition, when the condition holds; a CMOV where a branch around the
 * instruction would be as unpredictable as the data (`subcs r0, r0, r1,
 * lsl #3` in libgcc's division loop). */
#define CMOV_OP(name, num, expr)                                            \
    void ROP(cmov##name##_, _T0)(void)                                      \
    {                                                                      \
        uint32_t old = REG;                                                \
        REG = (expr) ? T0 : old;                                           \
        NEXT();                                                            \
    }
ARM_COND_CMOV_LIST(CMOV_OP)
#undef CMOV_OP
#endif

#undef ROP
#undef REG
#undef REGNUM
