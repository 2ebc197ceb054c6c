/*
 * Lazy condition codes (paper, section 3.4): the kinds of operation that can
 * have set the flags last, as one X-macro list.
 *
 * An arithmetic op does not compute EFLAGS.  It stores the operand and/or
 * result the flags derive from in env->cc_src / env->cc_dst, and the kind
 * of operation in env->cc_op (or the translator remembers the kind
 * statically and stores it only when something reads it).  Flags are
 * computed from the triple only where they are read: by a conditional jump,
 * setcc, cmovcc, adc/sbb, pushf, lahf, a signal frame ...
 *
 * For a kind of size b/w/l, MASK is 0xff/0xffff/0xffffffff, SIGN its top
 * bit; every derivation masks first, so cc_src/cc_dst may hold garbage
 * above the operand size.
 *
 *  kind     cc_src            cc_dst   how the flags derive
 *  -------  ----------------  -------  -------------------------------------
 *  EFLAGS   O/S/Z/A/P/C bits  unused   read directly (value 0: the reset
 *                                      state of a zeroed CPUState)
 *  MUL*     high half of the  low      CF = OF = (cc_src != 0);
 *           product (mul), or result   SF, ZF, PF from cc_dst; AF = 0
 *           "result overflowed" (imul)  (SF/ZF/AF/PF undefined, SDM MUL)
 *  ADD*     src2              result   src1 = dst - src2;
 *                                      CF = dst < src1 (unsigned, masked)
 *                                      OF = sign of (~(src1^src2) & (src1^dst))
 *                                      AF = (src1 ^ src2 ^ dst) & 0x10
 *  ADC*     src2; the carry-in result   src1 = dst - src2 - c; CF = c ? dst <= src1
 *           c (0/1) in cc_aux          : dst < src1
 *  SUB*     src2              result   src1 = dst + src2; CF = src1 < src2
 *                                      OF = sign of ((src1^src2) & (src1^dst))
 *                                      AF as ADD.  cmp and neg (src1 = 0)
 *                                      record SUB too.
 *  SBB*     src2; the borrow-in result src1 = dst + src2 + c; CF = c ? src1 <= src2
 *           c (0/1) in cc_aux          : src1 < src2
 *  LOGIC*   unused            result   CF = OF = 0; AF = 0 (undefined, SDM
 *                                      AND); also bsf/bsr with cc_dst = the
 *                                      source, so ZF = (source == 0)
 *  INC*     CF before the op  result   CF = cc_src (INC keeps CF)
 *                                      OF = (dst == SIGN); AF = (dst&0xf) == 0
 *  DEC*     CF before the op  result   CF = cc_src
 *                                      OF = (dst == SIGN-1); AF = (dst&0xf)==0xf
 *  SHL*     value shifted by  result   CF = top bit of cc_src (last bit out)
 *           count-1                    OF = top bit of (cc_src ^ dst)
 *                                      (defined for count 1 only); AF = 0
 *  SAR*     value shifted by  result   CF = bit 0 of cc_src (last bit out)
 *           count-1 (also              OF = top bit of (cc_src ^ dst): 0 for
 *           shr, shrd, bt...)          sar, the original top bit for shr 1
 *
 * In all kinds but EFLAGS: ZF = (dst & MASK) == 0, SF = dst & SIGN,
 * PF = even parity of the low byte of dst.
 *
 * ROL/ROR by a known count change only CF and OF (SDM ROL): they leave
 * the record of the previous kind K alone, put CF and OF (as EFLAGS bits)
 * in env->cc_aux and make the kind K | CC_OP_ROT:
 *
 *  K|ROT    as K              as K     O/C from cc_aux, S/Z/A/P as K says
 *
 * BT/BTS/BTR/BTC change only CF (stitch keeps OF, SF, AF, PF, as Intel
 * processors do): they use the same kinds with CC_AUX_CF_ONLY set in
 * cc_aux, which says that OF comes from K too.
 * So a rotate costs no EFLAGS computation, and the flag-liveness pass can
 * drop its cc_aux store when a later flag setter overwrites it.  ADC/SBB
 * kinds use cc_aux for their carry-in, so a rotate after one first turns
 * the record into the EFLAGS kind.
 *
 * Where the SDM leaves a flag undefined stitch follows one rule: AF = 0
 * after logic ops, shifts and multiplies; SF/ZF/PF after mul/imul come from
 * the low half of the result; OF after multi-bit shifts uses the formula
 * above.  The differential tests mask those bits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_CC_OP_H
#define STITCH_CC_OP_H

/* X(kind): one line per operation kind, sizes b/w/l in that order so the
 * size can be added to the b kind (CC_OP_ADDB + ot). */
#define CC_OP_SIZED(X, k) X(k##B) X(k##W) X(k##L)
#define CC_OP_LIST(X)                                                      \
    X(EFLAGS)                                                              \
    CC_OP_SIZED(X, MUL)                                                    \
    CC_OP_SIZED(X, ADD)                                                    \
    CC_OP_SIZED(X, ADC)                                                    \
    CC_OP_SIZED(X, SUB)                                                    \
    CC_OP_SIZED(X, SBB)                                                    \
    CC_OP_SIZED(X, LOGIC)                                                  \
    CC_OP_SIZED(X, INC)                                                    \
    CC_OP_SIZED(X, DEC)                                                    \
    CC_OP_SIZED(X, SHL)                                                    \
    CC_OP_SIZED(X, SAR)

enum {
#define CC_OP_ENUM(k) CC_OP_##k,
    CC_OP_LIST(CC_OP_ENUM)
#undef CC_OP_ENUM
    CC_OP_NB,
    /* Translator only: the kind is not known statically; env holds it. */
    CC_OP_DYNAMIC = CC_OP_NB,
};

/* Added to a kind by a rotate: O and C come from env->cc_aux. */
/*
 * Where ADC/SBB find their carry-in: X(class, expression, fields read)
 * is one op per size (op_movl_aux_cf_<class><b|w|l>) that puts CF of the
 * recorded kind in cc_aux, 0 or 1, without computing EFLAGS (the
 * expressions as in CC_COND_LIST).  LOGIC kinds have CF = 0; EFLAGS,
 * INC/DEC and SAR kinds keep it in bit 0 of cc_src; the ROT kinds already
 * have it in cc_aux.
 */
#define CC_CARRY_LIST(X)                                                   \
    X(sub, SUB1 < S, SD)                                                   \
    X(add, D < S, SD)                                                      \
    X(sbb, CIN ? SBB1 <= S : SBB1 < S, SDA)                                \
    X(adc, CIN ? D <= ADC1 : D < ADC1, SDA)                                \
    X(shl, SIGN(S), SRC)                                                   \
    X(mul, env->cc_src != 0, SRC)

#define CC_OP_ROT 0x20
#define CC_AUX_CF_ONLY 0x80000000u
_Static_assert(CC_OP_NB < CC_OP_ROT, "CC_OP_ROT must be a bit above every kind");

/*
 * Condition tests on the record, without computing EFLAGS: the fast path
 * of Jcc, SETcc and CMOVcc (SDM vol. 2, Jcc: O B Z BE S P L LE and their
 * negations).  X(class, cond, expression, fields read): one op per size
 * sets T0 to the condition (op_set<cond>_T0_<class><b|w|l>), two jump to
 * label PARAM1 when it holds or not (op_j<cond>_/op_jn<cond>_<class><s>_label).
 * In the expressions (op/i386/op-i386-cond-template.h) D and S are cc_dst and
 * cc_src truncated to the size, SUB1/ADD1 the first operand rebuilt from
 * them, SIGN(x) the top bit; the classes:
 *   sub     after SUB/CMP/NEG/CMPXCHG/SCAS/CMPS: src1 = dst + src2
 *   add     after ADD/XADD: src1 = dst - src2; CF = dst < src2
 *   logic   after AND/OR/XOR/TEST (CF = OF = 0, so L is S and LE is S|Z)
 *   dst     ZF, SF, PF from the result: every kind but EFLAGS
 *   eflags  the EFLAGS kind: the flags are the bits of cc_src
 *   mul     CF = OF = (cc_src != 0)
 *   sbb/adc after SBB/ADC, with CIN the carry-in (cc_aux) and SBB1/ADC1
 *           the first operand rebuilt with it
 *   inc/dec after INC/DEC: OF = (D == MINV / MAXV), the signed limits
 *   shl     after SHL: CF = top bit of cc_src
 *   rot     after a rotate or BT* (CC_OP_ROT): CF = bit 0 of cc_aux
 * CF after INC/DEC and SAR is bit 0 of cc_src, as in EFLAGS: the eflags
 * class tests it.  When the kind is not known at all (the start of a TB),
 * op_cond_dyn_prepare turns kinds other than SUBL, LOGICL and EFLAGS into
 * EFLAGS, and op_j<cond>_dyn_label tests those three (op/i386/op-i386.c).
 * The translator (translate/i386/gen.c) maps a (kind, condition) pair to a
 * class or, for the rest (ADC/SBB, INC/DEC CF, unknown kind), converts the
 * record to the EFLAGS kind once and uses the eflags class.
 */
#define CC_COND_LIST(X)                                                    \
    X(sub, o, SIGN((SUB1 ^ S) & (SUB1 ^ D)), SD)                           \
    X(sub, b, SUB1 < S, SD)                                                \
    X(sub, be, SUB1 <= S, SD)                                              \
    X(sub, l, (DATA_STYPE)SUB1 < (DATA_STYPE)S, SD)                        \
    X(sub, le, (DATA_STYPE)SUB1 <= (DATA_STYPE)S, SD)                      \
    X(sbb, b, CIN ? SBB1 <= S : SBB1 < S, SDA)                             \
    X(sbb, l, SIGN(D) ^ SIGN((SBB1 ^ S) & (SBB1 ^ D)), SDA)                \
    X(adc, b, CIN ? D <= ADC1 : D < ADC1, SDA)                             \
    X(add, o, SIGN(~(ADD1 ^ S) & (ADD1 ^ D)), SD)                          \
    X(add, b, D < S, SD)                                                   \
    X(add, be, D < S || D == 0, SD)                                        \
    X(add, l, SIGN(D) ^ SIGN(~(ADD1 ^ S) & (ADD1 ^ D)), SD)                \
    X(add, le, D == 0 || (SIGN(D) ^ SIGN(~(ADD1 ^ S) & (ADD1 ^ D))), SD)   \
    X(logic, le, (DATA_STYPE)D <= 0, DST)                                  \
    X(inc, o, D == MINV, DST)                                              \
    X(inc, l, SIGN(D) ^ (D == MINV), DST)                                  \
    X(inc, le, D == 0 || (SIGN(D) ^ (D == MINV)), DST)                     \
    X(dec, o, D == MAXV, DST)                                              \
    X(dec, l, SIGN(D) ^ (D == MAXV), DST)                                  \
    X(dec, le, D == 0 || (SIGN(D) ^ (D == MAXV)), DST)                     \
    X(shl, b, SIGN(S), SRC)                                                \
    X(rot, b, env->cc_aux & 1, AUX)                                        \
    X(dst, z, D == 0, DST)                                                 \
    X(dst, s, SIGN(D), DST)                                                \
    X(dst, p, !__builtin_parity(D & 0xff), DST)                            \
    X(eflags, o, (env->cc_src >> 11) & 1, SRC)                             \
    X(eflags, b, env->cc_src & 1, SRC)                                     \
    X(eflags, z, (env->cc_src >> 6) & 1, SRC)                              \
    X(eflags, be, (env->cc_src & 0x41) != 0, SRC)                          \
    X(eflags, s, (env->cc_src >> 7) & 1, SRC)                              \
    X(eflags, p, (env->cc_src >> 2) & 1, SRC)                              \
    X(eflags, l, ((env->cc_src >> 7) ^ (env->cc_src >> 11)) & 1, SRC)      \
    X(eflags, le,                                                          \
      (((env->cc_src >> 7) ^ (env->cc_src >> 11)) | (env->cc_src >> 6)) & 1, \
      SRC)                                                                 \
    X(mul, o, env->cc_src != 0, SRC)

#endif
