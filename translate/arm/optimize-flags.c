/*
 * The flag-liveness pass for ARM (paper, section 3.4; the i386 guest's
 * translate/i386/optimize-flags.c is the same idea over its lazy record).
 *
 * ARM keeps N, Z, C and V in four fields (op/arm/cpu.h), each op writing
 * only the flags it defines.  Most are overwritten before anything reads
 * them: `subs r2, r2, #1; adds r0, r0, r1; bne` needs none of the first
 * instruction's flags.  This pass walks a TB's ops backwards tracking which
 * flags may still be read, and
 *   - drops an op whose only work is flags (nz_T0, movl_CF_im ...), or
 *   - swaps an op that computes a value and flags (addl_T0_T1_cv,
 *     shll_T1_im_cc ...) for its flag-free twin (addl_T0_T1, shll_T1_im)
 * when all the flags it writes are dead, or an op writing C and V for
 * its twin writing C alone (addl_T0_T1_c) when only V is.
 * TB exits and exceptions read every flag; so do ops that may fault (they
 * touch guest memory or call a helper: dyngen's may_fault), so a signal
 * context always shows the architectural flags.
 *
 * The pass is deterministic: it runs on both translations of a TB (the one
 * emitted and the one redone after a fault), so the op sizes match.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <string.h>

#include "cond.h"
#include "op-gen.h"
#include "passes.h"
#include "translate.h"

#define KEEP FLAG_KEEP /* translate/passes.h */
#define DROP FLAG_DROP
#define NZ (FL_N | FL_Z)
#define CV (FL_C | FL_V)
#define T(name) INDEX_op_##name

/*
 * X(op, twin, reads, writes) for every op that touches N, Z, C or V.
 * `writes` are the flags the op sets on every path; an op that may leave
 * one alone (a shift by a register amount of 0) lists it in `reads` too.
 * An op missing here is assumed not to touch the flags, except that any
 * op whose name ends in _cc or _cv, or contains "cpsr", is treated as
 * reading all of them (a forgotten entry costs speed, never correctness).
 */
/* The per-register data-processing ops (op/arm/op-reg-template.h). */
#define REG_CV_OPS(X, n)                                                   \
    X(T(addl_T0_r##n##_cv), T(addl_T0_r##n), 0, CV)                        \
    X(T(subl_T0_r##n##_cv), T(subl_T0_r##n), 0, CV)                        \
    X(T(rsbl_T0_r##n##_cv), T(rsbl_T0_r##n), 0, CV)                        \
    X(T(adcl_T0_r##n##_cv), T(adcl_T0_r##n), FL_C, CV)                     \
    X(T(sbcl_T0_r##n##_cv), T(sbcl_T0_r##n), FL_C, CV)                     \
    X(T(adcl_T0_r##n), KEEP, FL_C, 0)                                      \
    X(T(sbcl_T0_r##n), KEEP, FL_C, 0)                                      \
    X(T(adcl_r##n##_T1), KEEP, FL_C, 0)                                    \
    X(T(sbcl_r##n##_T1), KEEP, FL_C, 0)                                    \
    X(T(addl_T0_r##n##_c), T(addl_T0_r##n), 0, FL_C)                       \
    X(T(subl_T0_r##n##_c), T(subl_T0_r##n), 0, FL_C)                       \
    X(T(rsbl_T0_r##n##_c), T(rsbl_T0_r##n), 0, FL_C)                       \
    X(T(adcl_T0_r##n##_c), T(adcl_T0_r##n), FL_C, FL_C)                    \
    X(T(sbcl_T0_r##n##_c), T(sbcl_T0_r##n), FL_C, FL_C)                    \
    X(T(cmoveq_r##n##_T0), KEEP, FL_Z, 0)                                  \
    X(T(cmovne_r##n##_T0), KEEP, FL_Z, 0)                                  \
    X(T(cmovcs_r##n##_T0), KEEP, FL_C, 0)                                  \
    X(T(cmovcc_r##n##_T0), KEEP, FL_C, 0)                                  \
    X(T(cmovmi_r##n##_T0), KEEP, FL_N, 0)                                  \
    X(T(cmovpl_r##n##_T0), KEEP, FL_N, 0)                                  \
    X(T(cmovvs_r##n##_T0), KEEP, FL_V, 0)                                  \
    X(T(cmovvc_r##n##_T0), KEEP, FL_V, 0)                                  \
    X(T(cmovhi_r##n##_T0), KEEP, FL_C | FL_Z, 0)                           \
    X(T(cmovls_r##n##_T0), KEEP, FL_C | FL_Z, 0)                           \
    X(T(cmovge_r##n##_T0), KEEP, FL_N | FL_V, 0)                           \
    X(T(cmovlt_r##n##_T0), KEEP, FL_N | FL_V, 0)                           \
    X(T(cmovgt_r##n##_T0), KEEP, FL_N | FL_Z | FL_V, 0)                    \
    X(T(cmovle_r##n##_T0), KEEP, FL_N | FL_Z | FL_V, 0)
#define FLAG_OPS(X)                                                        \
    X(T(nz_T0), DROP, 0, NZ)                                               \
    X(T(nz64_T0_T1), DROP, 0, NZ)                                          \
    X(T(movl_CF_im), DROP, 0, FL_C)                                        \
    X(T(addl_T0_T1_cv), T(addl_T0_T1), 0, CV)                              \
    X(T(subl_T0_T1_cv), T(subl_T0_T1), 0, CV)                              \
    X(T(rsbl_T0_T1_cv), T(rsbl_T0_T1), 0, CV)                              \
    X(T(adcl_T0_T1_cv), T(adcl_T0_T1), FL_C, CV)                           \
    X(T(sbcl_T0_T1_cv), T(sbcl_T0_T1), FL_C, CV)                           \
    X(T(rscl_T0_T1_cv), T(rscl_T0_T1), FL_C, CV)                           \
    X(T(addl_T0_im_cv), T(addl_T0_im), 0, CV)                              \
    X(T(subl_T0_im_cv), T(subl_T0_im), 0, CV)                              \
    X(T(rsbl_T0_im_cv), T(rsbl_T0_im), 0, CV)                              \
    X(T(adcl_T0_im_cv), T(adcl_T0_im), FL_C, CV)                           \
    X(T(sbcl_T0_im_cv), T(sbcl_T0_im), FL_C, CV)                           \
    X(T(adcl_T0_im), KEEP, FL_C, 0)                                        \
    X(T(sbcl_T0_im), KEEP, FL_C, 0)                                        \
    X(T(addl_T0_T1_c), T(addl_T0_T1), 0, FL_C)                             \
    X(T(subl_T0_T1_c), T(subl_T0_T1), 0, FL_C)                             \
    X(T(rsbl_T0_T1_c), T(rsbl_T0_T1), 0, FL_C)                             \
    X(T(adcl_T0_T1_c), T(adcl_T0_T1), FL_C, FL_C)                          \
    X(T(sbcl_T0_T1_c), T(sbcl_T0_T1), FL_C, FL_C)                          \
    X(T(rscl_T0_T1_c), T(rscl_T0_T1), FL_C, FL_C)                          \
    X(T(addl_T0_im_c), T(addl_T0_im), 0, FL_C)                             \
    X(T(subl_T0_im_c), T(subl_T0_im), 0, FL_C)                             \
    X(T(rsbl_T0_im_c), T(rsbl_T0_im), 0, FL_C)                             \
    X(T(adcl_T0_im_c), T(adcl_T0_im), FL_C, FL_C)                          \
    X(T(sbcl_T0_im_c), T(sbcl_T0_im), FL_C, FL_C)                          \
    REG_CV_OPS(X, 0) REG_CV_OPS(X, 1) REG_CV_OPS(X, 2) REG_CV_OPS(X, 3)    \
    REG_CV_OPS(X, 4) REG_CV_OPS(X, 5) REG_CV_OPS(X, 6) REG_CV_OPS(X, 7)    \
    REG_CV_OPS(X, 8) REG_CV_OPS(X, 9) REG_CV_OPS(X, 10) REG_CV_OPS(X, 11)  \
    REG_CV_OPS(X, 12) REG_CV_OPS(X, 13) REG_CV_OPS(X, 14)                  \
    X(T(adcl_T0_T1), KEEP, FL_C, 0)                                        \
    X(T(sbcl_T0_T1), KEEP, FL_C, 0)                                        \
    X(T(rscl_T0_T1), KEEP, FL_C, 0)                                        \
    X(T(shll_T1_im_cc), T(shll_T1_im), 0, FL_C)                            \
    X(T(shrl_T1_im_cc), T(shrl_T1_im), 0, FL_C)                            \
    X(T(sarl_T1_im_cc), T(sarl_T1_im), 0, FL_C)                            \
    X(T(rorl_T1_im_cc), T(rorl_T1_im), 0, FL_C)                            \
    X(T(lsr32_T1_cc), T(lsr32_T1), 0, FL_C)                                \
    X(T(asr32_T1_cc), T(asr32_T1), 0, FL_C)                                \
    X(T(rrx_T1_cc), T(rrx_T1), FL_C, FL_C)                                 \
    X(T(rrx_T1), KEEP, FL_C, 0)                                            \
    X(T(shll_T1_A0_cc), T(shll_T1_A0), FL_C, FL_C)                         \
    X(T(shrl_T1_A0_cc), T(shrl_T1_A0), FL_C, FL_C)                         \
    X(T(sarl_T1_A0_cc), T(sarl_T1_A0), FL_C, FL_C)                         \
    X(T(rorl_T1_A0_cc), T(rorl_T1_A0), FL_C, FL_C)                         \
    X(T(mrs_T0), KEEP, FL_NZCV, 0)                                         \
    X(T(msr_T0), KEEP, FL_NZCV, 0)                                         \
    X(T(vfp_fpscr_nzcv), DROP, 0, FL_NZCV) /* VMRS APSR_nzcv, FPSCR */     \
    /* TB exits: the next TB may read anything */                          \
    X(T(goto_tb0), KEEP, FL_NZCV, 0)                                       \
    X(T(goto_tb1), KEEP, FL_NZCV, 0)                                       \
    X(T(goto_tb0_fwd), KEEP, FL_NZCV, 0)                                   \
    X(T(goto_tb1_fwd), KEEP, FL_NZCV, 0)                                   \
    X(T(exit_tb), KEEP, FL_NZCV, 0)                                        \
    X(T(tb_heat), KEEP, FL_NZCV, 0) /* a tier-0 TB's count: may leave */   \
    X(T(goto_indirect), KEEP, FL_NZCV, 0)                                  \
    X(T(goto_indirect_arm), KEEP, FL_NZCV, 0)                              \
    X(T(raise_exception), KEEP, FL_NZCV, 0)                                \
    X(T(vfp_check_veclen), KEEP, FL_NZCV, 0) /* may leave the TB (VMSR) */ \
    /* made after this pass, by fuse.c and loop.c; listed for             \
     * arm_flags_dead_in, which reads the final stream */                 \
    X(T(sbcl_T0_T1_cv_cT1), KEEP, FL_C, CV)                                \
    X(T(flags_sub_T0_T1), KEEP, 0, FL_NZCV)                                \
    X(T(nz_T0_jeq_label), KEEP, 0, NZ)                                     \
    X(T(nz_T0_jne_label), KEEP, 0, NZ)                                     \
    X(T(nz_T0_jmi_label), KEEP, 0, NZ)                                     \
    X(T(nz_T0_jpl_label), KEEP, 0, NZ)

/*
 * X(op, twin): the op writing C and V becomes the twin writing C alone
 * when V is dead and C is not (`adds r4, r4, r2; adc r5, r5, r3`: the
 * ADC reads C, nothing reads ADDS's V), one SETO and a store less.
 */
#define REG_C_TWINS(X, n)                                                  \
    X(T(addl_T0_r##n##_cv), T(addl_T0_r##n##_c))                           \
    X(T(subl_T0_r##n##_cv), T(subl_T0_r##n##_c))                           \
    X(T(rsbl_T0_r##n##_cv), T(rsbl_T0_r##n##_c))                           \
    X(T(adcl_T0_r##n##_cv), T(adcl_T0_r##n##_c))                           \
    X(T(sbcl_T0_r##n##_cv), T(sbcl_T0_r##n##_c))
#define C_TWINS(X)                                                         \
    X(T(addl_T0_T1_cv), T(addl_T0_T1_c))                                   \
    X(T(subl_T0_T1_cv), T(subl_T0_T1_c))                                   \
    X(T(rsbl_T0_T1_cv), T(rsbl_T0_T1_c))                                   \
    X(T(adcl_T0_T1_cv), T(adcl_T0_T1_c))                                   \
    X(T(sbcl_T0_T1_cv), T(sbcl_T0_T1_c))                                   \
    X(T(rscl_T0_T1_cv), T(rscl_T0_T1_c))                                   \
    X(T(addl_T0_im_cv), T(addl_T0_im_c))                                   \
    X(T(subl_T0_im_cv), T(subl_T0_im_c))                                   \
    X(T(rsbl_T0_im_cv), T(rsbl_T0_im_c))                                   \
    X(T(adcl_T0_im_cv), T(adcl_T0_im_c))                                   \
    X(T(sbcl_T0_im_cv), T(sbcl_T0_im_c))                                   \
    REG_C_TWINS(X, 0) REG_C_TWINS(X, 1) REG_C_TWINS(X, 2)                  \
    REG_C_TWINS(X, 3) REG_C_TWINS(X, 4) REG_C_TWINS(X, 5)                  \
    REG_C_TWINS(X, 6) REG_C_TWINS(X, 7) REG_C_TWINS(X, 8)                  \
    REG_C_TWINS(X, 9) REG_C_TWINS(X, 10) REG_C_TWINS(X, 11)                \
    REG_C_TWINS(X, 12) REG_C_TWINS(X, 13) REG_C_TWINS(X, 14)

static FlagEffect effect[NB_OPS];
/* The flags each op reads for its own result, before the rule below that
 * an op that may fault reads them all. */
static uint8_t own_reads[NB_OPS];

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);

    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void init_effects(void)
{
    static int done;

    if (done)
        return;
    done = 1;
    for (int i = 0; i < NB_OPS; i++)
        effect[i].twin = KEEP;
#define SET_EFFECT(op, tw, r, w)                                           \
    effect[op] = (FlagEffect){.twin = (tw), .reads = (r), .writes = (w),   \
                              .listed = 1};
    FLAG_OPS(SET_EFFECT)
#define SET_C_TWIN(op, c_op)                                               \
    effect[op].part_twin = (c_op);                                         \
    effect[op].part_dead = FL_V;
    C_TWINS(SET_C_TWIN)
#undef SET_C_TWIN
    /* the condition tests (op/arm/cond.h) read what their condition reads;
     * the fused compares (fuse.c) set all four, and so, for
     * arm_flags_dead_in, does their twin that stores none (loop.c): every
     * way out of the TB after it stores them, or goes where they are dead */
#define COND_EFFECT(name, num, expr, rd)                                   \
    SET_EFFECT(T(j##name##_label), KEEP, rd, 0)                            \
    SET_EFFECT(T(cmp_T0_T1_j##name##_label), KEEP, 0, FL_NZCV)             \
    SET_EFFECT(T(cmp_T0_T1_j##name##_label_nf), KEEP, 0, FL_NZCV)
    ARM_COND_LIST(COND_EFFECT)
#undef COND_EFFECT
#undef SET_EFFECT
    for (int i = NB_PSEUDO_OPS; i < NB_OPS; i++) {
        const char *n = op_info[i].name;

        if (!effect[i].listed &&
            (ends_with(n, "_cc") || ends_with(n, "_cv") || strstr(n, "cpsr")))
            effect[i] = (FlagEffect){.twin = KEEP, .reads = FL_NZCV, .sets = 1};
        if (effect[i].writes || i == INDEX_op_msr_T0)
            effect[i].sets = 1;
        own_reads[i] = effect[i].reads;
        /* A guest fault inside the op shows the flags of the instructions
         * before it in the signal context, exactly: so an op that may
         * fault reads them all. */
        if (op_info[i].may_fault)
            effect[i].reads |= FL_NZCV;
        /* A twin takes the same parameters, or the stream would shift. */
        if (effect[i].twin >= 0)
            assert(op_info[effect[i].twin].nparams == op_info[i].nparams);
        if (effect[i].part_twin > 0)
            assert(op_info[effect[i].part_twin].nparams == op_info[i].nparams);
    }
    for (int i = 0; i < NB_OPS; i++)
        effect[i].branch = op_info[i].nparams >= 1 &&
                           ends_with(op_info[i].name, "_label") &&
                           i != INDEX_op_set_label;
}

int op_sets_flags(int op)
{
    init_effects();
    return effect[op].sets;
}

int op_reads_flags(int op)
{
    init_effects();
    return own_reads[op];
}

/*
 * Whether the TB just translated sets N, Z, C and V before anything in it
 * reads one, faults or leaves: the flags it is entered with are dead, so
 * an exit into it need not store them (loop.c, "lazy" exits).  Read from
 * the final op stream, the one a TB from the translation cache has too.
 */
int arm_flags_dead_in(void)
{
    int written = 0;

    init_effects();
    for (const uint16_t *o = gen_opc_buf; *o != INDEX_op_end; o++) {
        int op = *o;

        if (op == INDEX_op_insn_start)
            continue;
        if (effect[op].reads & ~written)
            return 0;
        written |= effect[op].writes;
        if (written == FL_NZCV)
            return 1;
        if (op < NB_PSEUDO_OPS || op_info[op].label_params || op_info[op].chain_exit >= 0)
            return 0;
    }
    return 0;
}

int optimize_flags(void)
{
    init_effects();
    return flag_liveness(effect, FL_NZCV); /* past the end: a TB exit */
}
