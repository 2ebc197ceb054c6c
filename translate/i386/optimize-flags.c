/*
 * The flag-liveness pass (paper, section 3.4; QEMU 0.9.1's optimize_flags).
 *
 * Lazy condition codes make a flag-setting instruction cheap, but it still
 * stores what the flags derive from: cc_src, cc_dst and (for some ops)
 * cc_op.  Most of those records are overwritten by the next flag-setting
 * instruction before anything reads them.  This pass walks a TB's op stream
 * backwards, tracking which of the three fields may still be read, and
 *   - swaps a recording op (name ending in _cc) whose fields are all dead for
 *     its flag-free twin (the same name without _cc, e.g. addl_T0_T1), or
 *   - drops it when its only work is the record (cmpl_T0_T1_cc, update2_cc,
 *     set_cc_op ...).
 * TB exits, exceptions and helpers that compute EFLAGS read every field.
 *
 * The pass is deterministic and runs on both translations of a TB (the
 * one emitted and the one cpu_restore_state() redoes after a fault), so the
 * op sizes it sums match the emitted code.  Ops that may fault (they touch
 * guest memory or call a helper: dyngen's may_fault) read every field, so a
 * record is only removed when the next flag setter comes before anything
 * that can fault, and a signal context always shows the real EFLAGS (QEMU
 * 0.9.1 let them go stale there).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <string.h>

#include "op-gen.h"
#include "passes.h"
#include "translate.h"

/* The lazy flag fields (op/i386/cpu.h); F_AUX is cc_aux, which only the
 * CC_OP_ROT kinds read. */
enum { F_SRC = 1, F_DST = 2, F_OP = 4, F_AUX = 8, F_ALL = 15,
       F_SD = F_SRC | F_DST };

/* What to put in place of a recording op whose fields are dead
 * (translate/passes.h). */
#define KEEP FLAG_KEEP
#define DROP FLAG_DROP

/*
 * The one list: X(op, twin, reads, writes) for every op that touches the
 * lazy flag fields.  `writes` are the fields the op overwrites on every
 * path (it kills them); an op that may leave the flags alone (a shift by a
 * zero count) also lists them in `reads`.  A LOGIC record writes only
 * cc_dst but is listed as writing cc_src too: the LOGIC kind never looks at
 * cc_src (op/i386/cc-op.h), so what was there before is dead.  Ops not listed
 * do not touch the flags, except that any op whose name contains "_cc" or
 * "eflags" and is missing here is treated as reading all of them
 * (conservative: a forgotten entry costs speed, never correctness).
 */
#define T(p, s) INDEX_op_##p##s
#define BWL(X, pre, post, twin, rd, wr)                                  \
    X(T(pre##b, post), twin(pre##b), rd, wr)                             \
    X(T(pre##w, post), twin(pre##w), rd, wr)                             \
    X(T(pre##l, post), twin(pre##l), rd, wr)
#define WL(X, pre, post, twin, rd, wr)                                   \
    X(T(pre##w, post), twin(pre##w), rd, wr)                             \
    X(T(pre##l, post), twin(pre##l), rd, wr)
/* Twin selectors for BWL/WL rows. */
#define NOTWIN(p) KEEP
#define DROPIT(p) DROP
#define TW_T0_T1(p) T(p, _T0_T1)
#define TW_T0_IM(p) T(p, _T0_im)
#define TW_EAX_T0(p) T(p, _EAX_T0)
#define TW_T1_T0(p) T(p, _T1_T0)

#define FLAG_OPS(X)                                                         \
    /* recorders with a twin or nothing to keep (op/i386/op-i386.c) */           \
    X(T(addl, _T0_T1_cc), T(addl, _T0_T1), 0, F_SD)                        \
    X(T(subl, _T0_T1_cc), T(subl, _T0_T1), 0, F_SD)                        \
    X(T(andl, _T0_T1_cc), T(andl, _T0_T1), 0, F_SD)                        \
    X(T(orl, _T0_T1_cc), T(orl, _T0_T1), 0, F_SD)                          \
    X(T(xorl, _T0_T1_cc), T(xorl, _T0_T1), 0, F_SD)                        \
    X(T(negl, _T0_cc), T(negl, _T0), 0, F_SD)                              \
    X(T(cmpl, _T0_T1_cc), DROP, 0, F_SD)                                   \
    X(T(testl, _T0_T1_cc), DROP, 0, F_SD)                                  \
    X(T(update2, _cc), DROP, 0, F_SD)                                      \
    X(T(update1, _cc), DROP, 0, F_SD)                                      \
    X(T(update_neg, _cc), DROP, 0, F_SD)                                   \
    X(T(update_inc_cc, _logic), DROP, 0, F_SD)                             \
    X(T(update_inc_cc, _src), DROP, F_SRC, F_SD)                           \
    X(T(update_inc, _cc), DROP, F_ALL, F_SD)                               \
    BWL(X, update_inc_cc_sub, , DROPIT, F_SD, F_SD)                        \
    BWL(X, update_inc_cc_add, , DROPIT, F_SD, F_SD)                        \
    X(T(set_cc, _op), DROP, 0, F_OP)                                       \
    /* sized recorders (op/i386/op-i386-flags-template.h) */                    \
    BWL(X, shl, _T0_im_cc, TW_T0_IM, 0, F_SD)                              \
    BWL(X, shr, _T0_im_cc, TW_T0_IM, 0, F_SD)                              \
    BWL(X, sar, _T0_im_cc, TW_T0_IM, 0, F_SD)                              \
    BWL(X, rol, _T0_im_cc, TW_T0_IM, 0, F_AUX)                             \
    BWL(X, ror, _T0_im_cc, TW_T0_IM, 0, F_AUX)                             \
    X(T(cc_op, _rot), KEEP, F_OP, 0)                                       \
    BWL(X, shl, _T0_T1_cc, TW_T0_T1, F_ALL, F_ALL)                         \
    BWL(X, shr, _T0_T1_cc, TW_T0_T1, F_ALL, F_ALL)                         \
    BWL(X, sar, _T0_T1_cc, TW_T0_T1, F_ALL, F_ALL)                         \
    BWL(X, rol, _T0_T1_cc, TW_T0_T1, F_ALL, F_ALL)                         \
    BWL(X, ror, _T0_T1_cc, TW_T0_T1, F_ALL, F_ALL)                         \
    BWL(X, rcl, _T0_T1_cc, NOTWIN, F_ALL, F_ALL)                           \
    BWL(X, rcr, _T0_T1_cc, NOTWIN, F_ALL, F_ALL)                           \
    BWL(X, mul, _EAX_T0_cc, TW_EAX_T0, 0, F_SD)                            \
    BWL(X, imul, _EAX_T0_cc, TW_EAX_T0, 0, F_SD)                           \
    WL(X, imul, _T0_T1_cc, TW_T0_T1, 0, F_SD)                              \
    BWL(X, cmpxchg, _T0_T1_cc, TW_T0_T1, 0, F_SD)                          \
    BWL(X, xadd, _T0_T1_cc, TW_T0_T1, 0, F_SD)                             \
    BWL(X, adc, _T0_T1_cc, TW_T0_T1, F_AUX, F_SD)                          \
    BWL(X, sbb, _T0_T1_cc, TW_T0_T1, F_AUX, F_SD)                          \
    BWL(X, adc, _T0_T1, NOTWIN, F_AUX, 0) /* the twins read the carry */   \
    BWL(X, sbb, _T0_T1, NOTWIN, F_AUX, 0)                                  \
    X(T(movl_aux, _im), DROP, 0, F_AUX)                                    \
    X(T(movl_aux_cf, _src), DROP, F_SRC, F_AUX)                            \
    X(T(movl_aux_cf, _rot), KEEP, F_AUX, 0)                                \
    X(T(movl_aux_cf, _dyn), KEEP, F_ALL, F_AUX)                            \
    WL(X, bt, _T0_T1_cc, DROPIT, 0, F_AUX)                                 \
    WL(X, bts, _T0_T1_cc, TW_T0_T1, 0, F_AUX)                              \
    WL(X, btr, _T0_T1_cc, TW_T0_T1, 0, F_AUX)                              \
    WL(X, btc, _T0_T1_cc, TW_T0_T1, 0, F_AUX)                              \
    WL(X, bsf, _T1_T0_cc, TW_T1_T0, 0, F_SD)                               \
    WL(X, bsr, _T1_T0_cc, TW_T1_T0, 0, F_SD)                               \
    WL(X, shld, _T0_T1_cc, TW_T0_T1, F_ALL, F_ALL)                         \
    WL(X, shrd, _T0_T1_cc, TW_T0_T1, F_ALL, F_ALL)                         \
    X(T(shldl, _T0_T1_im_cc), T(shldl, _T0_T1_im), 0, F_SD)                \
    X(T(shrdl, _T0_T1_im_cc), T(shrdl, _T0_T1_im), 0, F_SD)                \
    /* ADC/SBB with the carry-in of an ADD/SUB record (op-i386.c) */       \
    X(T(adcl_T0_T1_cc, _addl), T(adcl_T0_T1, _addl), F_SD, F_SD | F_AUX)   \
    X(T(adcl_T0_T1_cc, _subl), T(adcl_T0_T1, _subl), F_SD, F_SD | F_AUX)   \
    X(T(sbbl_T0_T1_cc, _addl), T(sbbl_T0_T1, _addl), F_SD, F_SD | F_AUX)   \
    X(T(sbbl_T0_T1_cc, _subl), T(sbbl_T0_T1, _subl), F_SD, F_SD | F_AUX)   \
    X(T(adcl_T0_T1, _addl), KEEP, F_SD, 0)                                 \
    X(T(jb_sbbl_T0_T1, _label), KEEP, F_SD | F_AUX, 0)                     \
    X(T(jnb_sbbl_T0_T1, _label), KEEP, F_SD | F_AUX, 0)                    \
    X(T(jb_adcl_T0_T1, _label), KEEP, F_SD | F_AUX, 0)                     \
    X(T(jnb_adcl_T0_T1, _label), KEEP, F_SD | F_AUX, 0)                    \
    X(T(adcl_T0_T1, _subl), KEEP, F_SD, 0)                                 \
    X(T(sbbl_T0_T1, _addl), KEEP, F_SD, 0)                                 \
    X(T(sbbl_T0_T1, _subl), KEEP, F_SD, 0)                                 \
    /* readers that compute EFLAGS through a helper, or may raise a fault  \
     * whose signal frame shows EFLAGS */                                   \
    X(T(compute, _eflags), KEEP, F_ALL, F_ALL)                               \
    X(T(cmc, ), KEEP, F_ALL, F_ALL)                                         \
    X(T(clc, ), KEEP, F_ALL, F_ALL)                                         \
    X(T(stc, ), KEEP, F_ALL, F_ALL)                                         \
    X(T(lahf, ), KEEP, F_ALL, 0)                                            \
    X(T(sahf, ), KEEP, F_ALL, F_ALL)                                        \
    X(T(movl_T0, _eflags), KEEP, F_ALL, 0)                                  \
    X(T(movl_eflags, _T0), KEEP, F_ALL, F_ALL)                              \
    X(T(daa, ), KEEP, F_ALL, F_ALL)                                         \
    X(T(das, ), KEEP, F_ALL, F_ALL)                                         \
    X(T(aaa, ), KEEP, F_ALL, F_ALL)                                         \
    X(T(aas, ), KEEP, F_ALL, F_ALL)                                         \
    X(T(aam, ), KEEP, F_ALL, F_ALL)                                         \
    X(T(aad, ), KEEP, F_ALL, F_ALL)                                         \
    X(T(cmpxchg8b, _A0), KEEP, F_ALL, 0)                                    \
    X(T(movl_zf, _T0), KEEP, F_ALL, F_ALL)                                  \
    BWL(X, div, _T0, NOTWIN, F_ALL, 0)                                      \
    BWL(X, idiv, _T0, NOTWIN, F_ALL, 0)                                     \
    X(T(movl_seg, _T0), KEEP, F_ALL, 0)                                     \
    WL(X, bound, _T0_A0, NOTWIN, F_ALL, 0)                                  \
    X(T(raise_if, _T0), KEEP, F_ALL, 0)                                     \
    X(T(cond_dyn, _prepare), KEEP, F_ALL, 0)                                \
    CMP_JCC(X, o) CMP_JCC(X, b) CMP_JCC(X, z) CMP_JCC(X, be)                \
    CMP_JCC(X, s) CMP_JCC(X, p) CMP_JCC(X, l) CMP_JCC(X, le)                \
    TEST_JCC(X, z) TEST_JCC(X, s) TEST_JCC(X, le)                           \
    DYN_READERS(X, o) DYN_READERS(X, b) DYN_READERS(X, z)                   \
    DYN_READERS(X, be) DYN_READERS(X, s) DYN_READERS(X, p)                  \
    DYN_READERS(X, l) DYN_READERS(X, le)                                    \
    EXTRA_READERS(X)                                                        \
    FUSED_BY_REG(X, EAX) FUSED_BY_REG(X, ECX) FUSED_BY_REG(X, EDX)          \
    FUSED_BY_REG(X, EBX) FUSED_BY_REG(X, ESP) FUSED_BY_REG(X, EBP)          \
    FUSED_BY_REG(X, ESI) FUSED_BY_REG(X, EDI)                               \
    FUSED_BY_REG4(X, EAX) FUSED_BY_REG4(X, ECX) FUSED_BY_REG4(X, EDX)       \
    FUSED_BY_REG4(X, EBX)                                                   \
    /* TB exits: the next TB may read anything */                          \
    X(T(goto, _tb0), KEEP, F_ALL, 0)                                        \
    X(T(goto, _tb1), KEEP, F_ALL, 0)                                        \
    X(T(exit, _tb), KEEP, F_ALL, 0)                                         \
    X(T(goto, _indirect), KEEP, F_ALL, 0)                                   \
    X(T(raise, _exception), KEEP, F_ALL, 0)

/* Condition tests: three ops per size for each CC_COND_LIST row. */
#define F_READS_SD F_SD
#define F_READS_DST F_DST
#define F_READS_SRC F_SRC
#define F_READS_SDA (F_SD | F_AUX)
#define F_READS_AUX F_AUX
#define COND_ROW(X, cls, cond, rd)                                          \
    BWL(X, set##cond##_T0_##cls, , NOTWIN, rd, 0)                           \
    BWL(X, j##cond##_##cls, _label, NOTWIN, rd, 0)                          \
    BWL(X, jn##cond##_##cls, _label, NOTWIN, rd, 0)
#define EXTRA_READERS(X)
/* CMP fused with Jcc: a record (kept: a TB exit follows) and a branch. */
#define CMP_JCC(X, c)                                                       \
    X(T(cmpl_j##c, _label), KEEP, 0, F_SD)                                  \
    X(T(cmpl_jn##c, _label), KEEP, 0, F_SD)                                 \
    X(T(cmpb_j##c, _label), KEEP, 0, F_SD)                                  \
    X(T(cmpb_jn##c, _label), KEEP, 0, F_SD)
#define TEST_JCC(X, c)                                                      \
    X(T(testl_j##c, _label), KEEP, 0, F_SD)                                 \
    X(T(testl_jn##c, _label), KEEP, 0, F_SD)                                \
    X(T(testb_j##c, _label), KEEP, 0, F_SD)                                 \
    X(T(testb_jn##c, _label), KEEP, 0, F_SD)
/* The fused per-register ops (translate/i386/fuse.c): OP_R_form_cc and
 * its twin OP_R_form. */
#define FUSED_RECORD(X, op, R, form)                                        \
    X(T(op##_##R, form##_cc), T(op##_##R, form), 0, F_SD)
#define FUSED_ALU(X, R, form)                                               \
    FUSED_RECORD(X, addl, R, form) FUSED_RECORD(X, subl, R, form)           \
    FUSED_RECORD(X, andl, R, form) FUSED_RECORD(X, orl, R, form)            \
    FUSED_RECORD(X, xorl, R, form)
#define FUSED_BY_REG(X, R)                                                  \
    FUSED_ALU(X, R, _im) FUSED_ALU(X, R, _T1)                               \
    FUSED_RECORD(X, shll, R, _im) FUSED_RECORD(X, shrl, R, _im)             \
    FUSED_RECORD(X, sarl, R, _im)                                           \
    FUSED_CMP_JCC(X, R, b) FUSED_CMP_JCC(X, R, z) FUSED_CMP_JCC(X, R, be)   \
    FUSED_CMP_JCC(X, R, s) FUSED_CMP_JCC(X, R, l) FUSED_CMP_JCC(X, R, le)   \
    X(T(sbbl_##R, _T0_T1_subl_jb_label), KEEP, F_SD, F_SD | F_AUX)          \
    X(T(sbbl_##R, _T0_T1_subl_jnb_label), KEEP, F_SD, F_SD | F_AUX)         \
    FUSED_TEST_JCC(X, R, l, z) FUSED_TEST_JCC(X, R, l, s)                   \
    FUSED_TEST_JCC(X, R, l, le)
#define FUSED_BY_REG4(X, R)                                                 \
    FUSED_TEST_JCC(X, R, b, z) FUSED_TEST_JCC(X, R, b, s)                   \
    FUSED_TEST_JCC(X, R, b, le)
#define FUSED_TEST_JCC(X, R, sz, c)                                         \
    X(T(test##sz##_##R, _j##c##_label), KEEP, 0, F_SD)                      \
    X(T(test##sz##_##R, _jn##c##_label), KEEP, 0, F_SD)
#define FUSED_CMP_JCC(X, R, c)                                              \
    X(T(cmpl_##R, _im_j##c##_label), KEEP, 0, F_SD)                         \
    X(T(cmpl_##R, _im_jn##c##_label), KEEP, 0, F_SD)
/* The tests on a kind only env->cc_op knows read every field. */
#define DYN_READERS(X, c)                                                   \
    X(T(set##c, _T0_dyn), KEEP, F_ALL, 0)                                   \
    X(T(j##c, _dyn_label), KEEP, F_ALL, 0)                                  \
    X(T(jn##c, _dyn_label), KEEP, F_ALL, 0)

static FlagEffect effect[NB_OPS];

static void init_effects(void)
{
    static int done;

    if (done)
        return;
    done = 1;
    for (int i = 0; i < NB_OPS; i++)
        effect[i].twin = KEEP;
#define SET_EFFECT(op, tw, r, w)                                            \
    effect[op] = (FlagEffect){.twin = (tw), .reads = (r), .writes = (w),    \
                              .listed = 1};
    FLAG_OPS(SET_EFFECT)
    /* readers: the condition tests on the record (op/i386/cc-op.h) */
#define COND_EFFECT(cls, cond, expr, reads)                                 \
    COND_ROW(SET_EFFECT, cls, cond, F_READS_##reads)
    CC_COND_LIST(COND_EFFECT)
#undef COND_EFFECT
    /* ... and the carry-in ops of ADC/SBB */
#define CARRY_EFFECT(cls, expr, reads)                                      \
    BWL(SET_EFFECT, movl_aux_cf_##cls, , DROPIT, F_READS_##reads, F_AUX)
    CC_CARRY_LIST(CARRY_EFFECT)
#undef CARRY_EFFECT
#undef SET_EFFECT
    for (int i = NB_PSEUDO_OPS; i < NB_OPS; i++) {
        const char *n = op_info[i].name;
        /* A record of cc_dst starts a kind without CC_OP_ROT: cc_aux is
         * dead from there on. */
        if (effect[i].writes & F_DST)
            effect[i].writes |= F_AUX;
        if (!effect[i].listed && (strstr(n, "_cc") || strstr(n, "eflags")))
            effect[i] = (FlagEffect){.twin = KEEP, .reads = F_ALL};
        /* A guest fault inside the op shows the flags of the instructions
         * before it in the signal context, exactly (issue: precise faults):
         * so an op that may fault reads them all. */
        if (op_info[i].may_fault)
            effect[i].reads |= F_ALL;
        /* A twin takes the same parameters, or the stream would shift. */
        if (effect[i].twin >= 0)
            assert(op_info[effect[i].twin].nparams == op_info[i].nparams);
    }
    /* Ops that jump to the label in their parameter 1 (plus falling
     * through, except jmp_label). */
    for (int i = 0; i < NB_OPS; i++)
        effect[i].branch = (op_info[i].label_params & 1) && i != INDEX_op_set_label;
}

int optimize_flags(void)
{
    optimize_regs();
    init_effects();
    return flag_liveness(effect, F_ALL); /* past the end: a TB exit */
}
