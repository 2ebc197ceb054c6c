/*
 * What each ARM op does to the temporaries and the guest registers, for
 * the reload elimination of translate/optimize-regs.c.
 *
 * A chain like sha256's `eor r3, r3, r0, ror #6; add r3, r3, r2` stores r3
 * from T0 and loads it straight back (each instruction stores its result
 * at once: docs/arm.md).  r15 is never tracked: its reads are constants.
 * A label (the target of a skipped conditional instruction) forgets
 * everything.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cond.h"
#include "op-gen.h"
#include "optimize-regs.h"
#include "shift-amounts.h"
#include "translate.h"

static void per_reg_effects(void)
{
#define REG_OPS(n)                                                         \
    LOAD(movl_T0_r##n, TMP_T0, n);                                         \
    LOAD(movl_T1_r##n, TMP_T1, n);                                         \
    LOAD(movl_A0_r##n, TMP_A0, n);                                         \
    STORE(movl_r##n##_T0, TMP_T0, n);                                      \
    STORE(movl_r##n##_T1, TMP_T1, n);                                      \
    STORE(movl_r##n##_A0, TMP_A0, n);                                      \
    WT0(addl_T0_r##n); WT0(subl_T0_r##n); WT0(rsbl_T0_r##n);               \
    WT0(andl_T0_r##n); WT0(eorl_T0_r##n); WT0(orrl_T0_r##n);               \
    WA0(leal_A0_r##n##_im);                                                \
    WREG(ldl_r##n##_A0, n); WREG(ldub_r##n##_A0, n);                       \
    NONE(stl_r##n##_A0); NONE(stb_r##n##_A0);                              \
    WT0(bicl_T0_r##n); WT0(addl_T0_r##n##_cv); WT0(subl_T0_r##n##_cv);     \
    WT0(rsbl_T0_r##n##_cv);                                                \
    WREG(addl_r##n##_T1, n); WREG(subl_r##n##_T1, n);                      \
    WREG(andl_r##n##_T1, n); WREG(eorl_r##n##_T1, n);                      \
    WREG(orrl_r##n##_T1, n); WREG(bicl_r##n##_T1, n);                      \
    WREG(adcl_r##n##_T1, n); WREG(sbcl_r##n##_T1, n);                      \
    WREG(addl_r##n##_im, n); WREG(andl_r##n##_im, n);                      \
    WREG(eorl_r##n##_im, n); WREG(orrl_r##n##_im, n);                      \
    WT0(adcl_T0_r##n); WT0(sbcl_T0_r##n); WT0(adcl_T0_r##n##_cv);          \
    WT0(sbcl_T0_r##n##_cv); WT0(addl_T0_r##n##_c); WT0(subl_T0_r##n##_c);  \
    WT0(rsbl_T0_r##n##_c); WT0(adcl_T0_r##n##_c); WT0(sbcl_T0_r##n##_c);   \
    WREG(cmoveq_r##n##_T0, n); WREG(cmovne_r##n##_T0, n);                  \
    WREG(cmovcs_r##n##_T0, n); WREG(cmovcc_r##n##_T0, n);                  \
    WREG(cmovmi_r##n##_T0, n); WREG(cmovpl_r##n##_T0, n);                  \
    WREG(cmovvs_r##n##_T0, n); WREG(cmovvc_r##n##_T0, n);                  \
    WREG(cmovhi_r##n##_T0, n); WREG(cmovls_r##n##_T0, n);                  \
    WREG(cmovge_r##n##_T0, n); WREG(cmovlt_r##n##_T0, n);                  \
    WREG(cmovgt_r##n##_T0, n); WREG(cmovle_r##n##_T0, n)
    REG_OPS(0); REG_OPS(1); REG_OPS(2); REG_OPS(3); REG_OPS(4);
    REG_OPS(5); REG_OPS(6); REG_OPS(7); REG_OPS(8); REG_OPS(9);
    REG_OPS(10); REG_OPS(11); REG_OPS(12); REG_OPS(13); REG_OPS(14);
#undef REG_OPS
    WT0(movl_T0_r15); WT1(movl_T1_r15); WA0(movl_A0_r15);
}

static void other_effects(void)
{
    NONE(insn_start); NONE(goto_tb0); NONE(goto_tb1); NONE(movl_pc_im);
    NONE(goto_tb0_fwd); NONE(goto_tb1_fwd);
    NONE(nz_T0); NONE(movl_CF_im); NONE(flags_sub_T0_T1);
    WT0(andl_T0_T1); WT0(eorl_T0_T1); WT0(orrl_T0_T1); WT0(bicl_T0_T1);
    WT0(ornl_T0_T1); WT0(mvnl_T0_T1); WT0(addl_T0_T1); WT0(subl_T0_T1);
    WT0(rsbl_T0_T1); WT0(adcl_T0_T1); WT0(sbcl_T0_T1); WT0(rscl_T0_T1);
    WT0(addl_T0_T1_cv); WT0(subl_T0_T1_cv); WT0(rsbl_T0_T1_cv);
    WT0(adcl_T0_T1_cv); WT0(sbcl_T0_T1_cv); WT0(rscl_T0_T1_cv);
    WT0(andl_T0_im); WT0(orl_T0_im); WT0(eorl_T0_im); WT0(addl_T0_im);
    WT0(subl_T0_im); WT0(rsbl_T0_im); WT0(addl_T0_im_cv);
    WT0(subl_T0_im_cv); WT0(rsbl_T0_im_cv); WT0(adcl_T0_im);
    WT0(sbcl_T0_im); WT0(adcl_T0_im_cv); WT0(sbcl_T0_im_cv);
    WT0(addl_T0_T1_c); WT0(subl_T0_T1_c); WT0(rsbl_T0_T1_c);
    WT0(adcl_T0_T1_c); WT0(sbcl_T0_T1_c); WT0(rscl_T0_T1_c);
    WT0(addl_T0_im_c); WT0(subl_T0_im_c); WT0(rsbl_T0_im_c);
    WT0(adcl_T0_im_c); WT0(sbcl_T0_im_c);
    WT0(mull_T0_T1);
    WT0(movl_T0_im); WT1(movl_T1_im); WA0(movl_A0_im);
    WA0(addl_A0_im); WA0(addl_A0_T1); WA0(subl_A0_T1);
    WA0(addl_A0_T1_lsl1); WA0(addl_A0_T1_lsl2); WA0(addl_A0_T1_lsl3);
    COPY(movl_T0_T1, TMP_T0, TMP_T1);
    COPY(movl_T1_T0, TMP_T1, TMP_T0);
    COPY(movl_A0_T0, TMP_A0, TMP_T0);
    WT1(shll_T1_im); WT1(shrl_T1_im); WT1(sarl_T1_im); WT1(rorl_T1_im);
    WT1(shll_T1_im_cc); WT1(shrl_T1_im_cc); WT1(sarl_T1_im_cc);
    WT1(rorl_T1_im_cc); WT1(lsr32_T1); WT1(lsr32_T1_cc); WT1(asr32_T1);
    WT1(asr32_T1_cc); WT1(rrx_T1); WT1(rrx_T1_cc);
    WT1(shll_T1_A0); WT1(shrl_T1_A0); WT1(sarl_T1_A0); WT1(rorl_T1_A0);
    WT1(shll_T1_A0_cc); WT1(shrl_T1_A0_cc); WT1(sarl_T1_A0_cc);
    WT1(rorl_T1_A0_cc);
#define SHIFT_EFFECT(n)                                                    \
    WT1(shll_T1_##n); WT1(shrl_T1_##n); WT1(sarl_T1_##n); WT1(rorl_T1_##n);
    SHIFT_AMOUNTS(SHIFT_EFFECT)
#undef SHIFT_EFFECT
    WT0(ldl_T0_A0); WT1(ldl_T1_A0); WT0(lduw_T0_A0); WT0(ldsw_T0_A0);
    WT0(ldub_T0_A0); WT0(ldsb_T0_A0);
    NONE(stl_T0_A0); NONE(stl_T1_A0); NONE(stw_T0_A0); NONE(stb_T0_A0);
#define COND_EFFECT(name, num, expr, reads)                                \
    NONE(j##name##_label); WT0(cmp_T0_T1_j##name##_label); WT0(cmp_T0_T1_j##name##_label_nf);
    ARM_COND_LIST(COND_EFFECT)
#undef COND_EFFECT
    NONE(jnez_T1_label); NONE(jeqz_T1_label);
    NONE(nz_T0_jeq_label); NONE(nz_T0_jne_label);
    NONE(nz_T0_jmi_label); NONE(nz_T0_jpl_label);
}

void describe_reg_effects(void)
{
    per_reg_effects();
    other_effects();
}
