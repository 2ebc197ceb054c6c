/*
 * The x87 instructions that run on the host exactly as the guest wrote
 * them, listed once for the micro-ops (op/i386/op-fpu.c) and the decoder's
 * tables (translate/i386/fpu.c).
 *
 * While generated code runs, the host's x87 registers, TOP, tags and
 * control word are the guest's (op/i386/fpu-state.h), and an x87 is the
 * same in 32- and 64-bit mode.  So a register-form instruction (ModRM
 * C0-FF) is its own micro-op, byte for byte, and a memory form is the
 * same instruction with its operand at guest_base + A0.  Results,
 * rounding, condition codes, stack faults and tags are therefore the
 * hardware's own (SDM vol. 1, chapter 8).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_X87_OPS_H
#define STITCH_X87_OPS_H

/* Eight consecutive ModRM bytes h0-h7 or h8-hf of opcode `opc` (the
 * parameter is not called `b`: h##b is one of the pastes). */
#define X87_LO(X, opc, h)                                                   \
    X(opc, h##0) X(opc, h##1) X(opc, h##2) X(opc, h##3)                     \
    X(opc, h##4) X(opc, h##5) X(opc, h##6) X(opc, h##7)
#define X87_HI(X, opc, h)                                                   \
    X(opc, h##8) X(opc, h##9) X(opc, h##a) X(opc, h##b)                     \
    X(opc, h##c) X(opc, h##d) X(opc, h##e) X(opc, h##f)
#define X87_ROW(X, opc, h) X87_LO(X, opc, h) X87_HI(X, opc, h)

/*
 * X(b, m): opcode 0xb with ModRM 0xm, run as it is (SDM vol. 2, A.4.2,
 * tables ).  Not here: FCMOVcc, FCOMI/FUCOMI(P) and FNSTSW AX,
 * which read or write the integer registers or flags (op/i386/op-fpu.c has
 * their own ops); the undocumented aliases FCOM2, FCOMP3, FXCH4, FCOMP5,
 * FXCH7, FSTP1, FSTP8, FSTP9, which the decoder maps to the instructions
 * they repeat (libopcodes, which checks every op, does not know them);
 * and the #UD holes.
 */
#define X87_RAW_OPS(X)                                                      \
    /* D8: FADD FMUL FCOM FCOMP FSUB FSUBR FDIV FDIVR ST(0), ST(i) */        \
    X87_ROW(X, d8, c) X87_ROW(X, d8, d) X87_ROW(X, d8, e) X87_ROW(X, d8, f) \
    /* D9: FLD, FXCH, FNOP, FCHS FABS FTST FXAM, constants, D9 F0-FF */     \
    X87_ROW(X, d9, c) X(d9, d0)                                             \
    X(d9, e0) X(d9, e1) X(d9, e4) X(d9, e5)                                 \
    X(d9, e8) X(d9, e9) X(d9, ea) X(d9, eb) X(d9, ec) X(d9, ed) X(d9, ee)   \
    X87_ROW(X, d9, f)                                                       \
    /* DA E9: FUCOMPP; DB E2 E3: FNCLEX FNINIT */                           \
    X(da, e9) X(db, e2) X(db, e3)                                           \
    /* DC: the arithmetic with ST(i) as destination */                      \
    X87_ROW(X, dc, c) X87_ROW(X, dc, e) X87_ROW(X, dc, f)                   \
    /* DD: FFREE FST FSTP FUCOM FUCOMP */                                   \
    X87_LO(X, dd, c) X87_ROW(X, dd, d) X87_ROW(X, dd, e)                    \
    /* DE: FADDP FMULP FCOMPP FSUBRP FSUBP FDIVRP FDIVP */                   \
    X87_ROW(X, de, c) X(de, d9) X87_ROW(X, de, e) X87_ROW(X, de, f)         \
    /* DF: FFREEP */                                                        \
    X87_LO(X, df, c)

/* X(b, m): FCOMI FUCOMI FCOMIP FUCOMIP ST(0), ST(i): ZF PF CF set. */
#define X87_COMI_OPS(X)                                                     \
    X87_HI(X, db, e) X87_LO(X, db, f) X87_HI(X, df, e) X87_LO(X, df, f)

/* X(i): FCMOVcc ST(0), ST(i) (the condition is computed into T0). */
#define X87_STACK_INDICES(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7)

/*
 * X(b, reg, insn): memory forms, opcode 0xb with ModRM reg field `reg`,
 * and the AT&T mnemonic that names the same operation and operand size.
 * Not here: FLDENV, FNSTENV, FRSTOR, FNSAVE (state images with guest
 * instruction pointers, op/i386/helper-fpu.c) and the #UD holes.
 */
#define X87_MEM_OPS(X)                                                      \
    X(d8, 0, fadds) X(d8, 1, fmuls) X(d8, 2, fcoms) X(d8, 3, fcomps)        \
    X(d8, 4, fsubs) X(d8, 5, fsubrs) X(d8, 6, fdivs) X(d8, 7, fdivrs)       \
    X(d9, 0, flds) X(d9, 2, fsts) X(d9, 3, fstps) X(d9, 5, fldcw)           \
    X(d9, 7, fnstcw)                                                        \
    X(da, 0, fiaddl) X(da, 1, fimull) X(da, 2, ficoml) X(da, 3, ficompl)    \
    X(da, 4, fisubl) X(da, 5, fisubrl) X(da, 6, fidivl) X(da, 7, fidivrl)   \
    X(db, 0, fildl) X(db, 1, fisttpl) X(db, 2, fistl) X(db, 3, fistpl)      \
    X(db, 5, fldt) X(db, 7, fstpt)                                          \
    X(dc, 0, faddl) X(dc, 1, fmull) X(dc, 2, fcoml) X(dc, 3, fcompl)        \
    X(dc, 4, fsubl) X(dc, 5, fsubrl) X(dc, 6, fdivl) X(dc, 7, fdivrl)       \
    X(dd, 0, fldl) X(dd, 1, fisttpll) X(dd, 2, fstl) X(dd, 3, fstpl)        \
    X(dd, 7, fnstsw)                                                        \
    X(de, 0, fiadds) X(de, 1, fimuls) X(de, 2, ficoms) X(de, 3, ficomps)    \
    X(de, 4, fisubs) X(de, 5, fisubrs) X(de, 6, fidivs) X(de, 7, fidivrs)   \
    X(df, 0, filds) X(df, 1, fisttps) X(df, 2, fists) X(df, 3, fistps)      \
    X(df, 4, fbld) X(df, 5, fildll) X(df, 6, fbstp) X(df, 7, fistpll)

#endif
