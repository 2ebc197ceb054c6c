/*
 * What each i386 op does to the temporaries and the guest registers, for
 * the reload elimination of translate/optimize-regs.c.
 *
 * `mov %eax,%edx; add %edx,%ecx` is movl_EDX_T0 then movl_T1_EDX: for
 * the three registers in env->regs[] such a reload is a load that waits
 * for the store just before it; for the pinned ones (op/i386/pinned-regs.h)
 * a register move.  The low bytes are tracked too: `mov (%ecx),%al; cmp
 * (%edx),%al` loads AL back right after storing it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "op-gen.h"
#include "optimize-regs.h"
#include "translate.h"

#define BWL(M, pre, post) M(pre##b##post); M(pre##w##post); M(pre##l##post)

static void per_reg_effects(void)
{
#define REG_OPS(R)                                                          \
    LOAD(movl_T0_##R, TMP_T0, R_##R);                                       \
    LOAD(movl_T1_##R, TMP_T1, R_##R);                                       \
    LOAD(movl_A0_##R, TMP_A0, R_##R);                                       \
    STORE(movl_##R##_T0, TMP_T0, R_##R);                                    \
    STORE(movl_##R##_T1, TMP_T1, R_##R);                                    \
    STORE(movl_##R##_A0, TMP_A0, R_##R);                                    \
    WT0(movzw_T0_##R); WT1(movzw_T1_##R);                                   \
    REG_EFFECT(movzb_T0_##R, E_LOADB, TMP_T0, R_##R, 0);                    \
    reg_effect[INDEX_op_movzb_T0_##R].via[TMP_T0] = INDEX_op_movzbl_T0_T0;   \
    REG_EFFECT(movzb_T1_##R, E_LOADB, TMP_T1, R_##R, 0);                    \
    WREG(movw_##R##_T0, R_##R); WREG(movw_##R##_T1, R_##R);                 \
    WREG(movw_##R##_A0, R_##R);                                             \
    REG_EFFECT(movb_##R##_T0, E_STOREB, TMP_T0, R_##R, 0);                  \
    REG_EFFECT(movb_##R##_T1, E_STOREB, TMP_T1, R_##R, 0);                  \
    WREG(cmovl_##R##_T1_T0, R_##R); WREG(cmovw_##R##_T1_T0, R_##R);         \
    ADDR(leal_A0_##R##_im, R_##R, leal_A0_T0_im, leal_A0_T1_im);             \
    ADDR(addl_A0_##R, R_##R, addl_A0_T0, addl_A0_T1);                       \
    ADDR(addl_A0_##R##_s1, R_##R, addl_A0_T0_s1, addl_A0_T1_s1);            \
    ADDR(addl_A0_##R##_s2, R_##R, addl_A0_T0_s2, addl_A0_T1_s2);            \
    ADDR(addl_A0_##R##_s3, R_##R, addl_A0_T0_s3, addl_A0_T1_s3);            \
    WREG(addl_##R##_T1, R_##R); WREG(addl_##R##_T1_cc, R_##R);              \
    WREG(subl_##R##_T1, R_##R); WREG(subl_##R##_T1_cc, R_##R);              \
    WREG(andl_##R##_T1, R_##R); WREG(andl_##R##_T1_cc, R_##R);              \
    WREG(orl_##R##_T1, R_##R); WREG(orl_##R##_T1_cc, R_##R);                \
    WREG(xorl_##R##_T1, R_##R); WREG(xorl_##R##_T1_cc, R_##R);              \
    WREG(shll_##R##_im, R_##R); WREG(shll_##R##_im_cc, R_##R);              \
    WREG(shrl_##R##_im, R_##R); WREG(shrl_##R##_im_cc, R_##R);              \
    WREG(sarl_##R##_im, R_##R); WREG(sarl_##R##_im_cc, R_##R);              \
    REG_EFFECT(sbbl_##R##_T0_T1_subl_jb_label, E_WRITE_BOTH, TMP_T0, R_##R, 0); \
    REG_EFFECT(sbbl_##R##_T0_T1_subl_jnb_label, E_WRITE_BOTH, TMP_T0, R_##R, 0); \
    /* the fused ops (fuse.c) */                                            \
    WREG(addl_##R##_im, R_##R); WREG(addl_##R##_im_cc, R_##R);              \
    WREG(subl_##R##_im, R_##R); WREG(subl_##R##_im_cc, R_##R);              \
    WREG(andl_##R##_im, R_##R); WREG(andl_##R##_im_cc, R_##R);              \
    WREG(orl_##R##_im, R_##R); WREG(orl_##R##_im_cc, R_##R);                \
    WREG(xorl_##R##_im, R_##R); WREG(xorl_##R##_im_cc, R_##R);              \
    WREG(ldul_##R##_A0, R_##R); NONE(stl_##R##_A0);                         \
    WREG(pushl_##R, R_ESP);                                                 \
    NONE(cmpl_##R##_im_jb_label); NONE(cmpl_##R##_im_jnb_label);            \
    NONE(cmpl_##R##_im_jz_label); NONE(cmpl_##R##_im_jnz_label);            \
    NONE(cmpl_##R##_im_jbe_label); NONE(cmpl_##R##_im_jnbe_label);          \
    NONE(cmpl_##R##_im_js_label); NONE(cmpl_##R##_im_jns_label);            \
    NONE(cmpl_##R##_im_jl_label); NONE(cmpl_##R##_im_jnl_label);            \
    NONE(cmpl_##R##_im_jle_label); NONE(cmpl_##R##_im_jnle_label);          \
    NONE(testl_##R##_jz_label); NONE(testl_##R##_jnz_label);                \
    NONE(testl_##R##_js_label); NONE(testl_##R##_jns_label);                \
    NONE(testl_##R##_jle_label); NONE(testl_##R##_jnle_label)
#define HREG_OPS(R)                                                         \
    WT0(movzh_T0_##R); WT1(movzh_T1_##R);                                   \
    WREG(movh_##R##_T0, R_##R); WREG(movh_##R##_T1, R_##R);                 \
    NONE(testb_##R##_jz_label); NONE(testb_##R##_jnz_label);                \
    NONE(testb_##R##_js_label); NONE(testb_##R##_jns_label);                \
    NONE(testb_##R##_jle_label); NONE(testb_##R##_jnle_label)
    REG_OPS(EAX); REG_OPS(ECX); REG_OPS(EDX); REG_OPS(EBX);
    REG_OPS(ESP); REG_OPS(EBP); REG_OPS(ESI); REG_OPS(EDI);
    HREG_OPS(EAX); HREG_OPS(ECX); HREG_OPS(EDX); HREG_OPS(EBX);
#undef REG_OPS
#undef HREG_OPS
}

static void sized_effects(void)
{
    BWL(WT0, ldu, _T0_A0); BWL(WT1, ldu, _T1_A0);
    REG_EFFECT(ldub_T0_A0, E_WRITE_ZX8, TMP_T0, 0, 0);
    REG_EFFECT(ldub_T1_A0, E_WRITE_ZX8, TMP_T1, 0, 0);
    BWL(NONE, st, _T0_A0); BWL(NONE, st, _T1_A0);
    BWL(WT0, shl, _T0_im_cc); BWL(WT0, shr, _T0_im_cc);
    BWL(WT0, sar, _T0_im_cc); BWL(WT0, rol, _T0_im_cc);
    BWL(WT0, ror, _T0_im_cc);
    BWL(WT0, shl, _T0_im); BWL(WT0, shr, _T0_im); BWL(WT0, sar, _T0_im);
    BWL(WT0, rol, _T0_im); BWL(WT0, ror, _T0_im);
    BWL(WT0, shl, _T0_T1_cc); BWL(WT0, shr, _T0_T1_cc);
    BWL(WT0, sar, _T0_T1_cc);
    BWL(WT0, shl, _T0_T1); BWL(WT0, shr, _T0_T1); BWL(WT0, sar, _T0_T1);
    BWL(NONE, update_inc_cc_sub, ); BWL(NONE, update_inc_cc_add, );
    BWL(WT0, adc, _T0_T1_cc); BWL(WT0, sbb, _T0_T1_cc);
    BWL(WT0, adc, _T0_T1); BWL(WT0, sbb, _T0_T1);
    WT0(adcl_T0_T1_cc_addl); WT0(adcl_T0_T1_cc_subl);
    WT0(sbbl_T0_T1_cc_addl); WT0(sbbl_T0_T1_cc_subl);
    WT0(adcl_T0_T1_addl); WT0(adcl_T0_T1_subl);
    WT0(sbbl_T0_T1_addl); WT0(sbbl_T0_T1_subl);
    WT0(shldl_T0_T1_im_cc); WT0(shrdl_T0_T1_im_cc);
    WT0(shldl_T0_T1_im); WT0(shrdl_T0_T1_im);
    NONE(jb_sbbl_T0_T1_label); NONE(jnb_sbbl_T0_T1_label);
    NONE(jb_adcl_T0_T1_label); NONE(jnb_adcl_T0_T1_label);
#define CARRY_EFFECT(cls, expr, reads) BWL(NONE, movl_aux_cf_##cls, );
    CC_CARRY_LIST(CARRY_EFFECT)
#undef CARRY_EFFECT
    WT0(imulw_T0_T1_cc); WT0(imull_T0_T1_cc);
    NONE(btw_T0_T1_cc); NONE(btl_T0_T1_cc);
    WT0(btsw_T0_T1_cc); WT0(btsl_T0_T1_cc); WT0(btsw_T0_T1); WT0(btsl_T0_T1);
    WT0(btrw_T0_T1_cc); WT0(btrl_T0_T1_cc); WT0(btrw_T0_T1); WT0(btrl_T0_T1);
    WT0(btcw_T0_T1_cc); WT0(btcl_T0_T1_cc); WT0(btcw_T0_T1); WT0(btcl_T0_T1);
    WT0(imulw_T0_T1); WT0(imull_T0_T1);
    /* the condition tests: T0 := 0/1, or a branch inside the TB */
#define COND_EFFECT(cls, cond, expr, reads)                                 \
    BWL(WT0, set##cond##_T0_##cls, ); BWL(NONE, j##cond##_##cls, _label);   \
    BWL(NONE, jn##cond##_##cls, _label);
    CC_COND_LIST(COND_EFFECT)
#undef COND_EFFECT
}

static void other_effects(void)
{
    NONE(insn_start); NONE(goto_tb0); NONE(goto_tb1); NONE(goto_tb0_fwd);
    NONE(goto_tb1_fwd);
    NONE(movl_eip_im); NONE(movl_eip_T0);
    WT0(addl_T0_T1_cc); WT0(subl_T0_T1_cc); WT0(andl_T0_T1_cc);
    WT0(orl_T0_T1_cc); WT0(xorl_T0_T1_cc);
    WT0(addl_T0_T1); WT0(subl_T0_T1); WT0(andl_T0_T1); WT0(orl_T0_T1);
    WT0(xorl_T0_T1);
    NONE(cmpl_T0_T1_cc); NONE(testl_T0_T1_cc);
    NONE(update2_cc); NONE(update1_cc); NONE(update_neg_cc);
    NONE(update_inc_cc_logic); NONE(update_inc_cc_src); NONE(update_inc_cc);
    WT0(negl_T0); WT0(negl_T0_cc); WT0(notl_T0); WT0(bswapl_T0);
    WT0(movl_T0_im); WT1(movl_T1_im); WA0(movl_A0_im);
    WT0(addl_T0_im); WA0(addl_A0_im);
    COPY(movl_T0_T1, TMP_T0, TMP_T1);
    COPY(movl_T1_T0, TMP_T1, TMP_T0);
    COPY(movl_A0_T0, TMP_A0, TMP_T0);
    WA0(andl_A0_ffff); WA0(addl_A0_seg); WA0(addl_A0_AL);
    WA0(leal_A0_T0_im); WA0(leal_A0_T1_im);
    WA0(addl_A0_T0); WA0(addl_A0_T0_s1); WA0(addl_A0_T0_s2); WA0(addl_A0_T0_s3);
    WA0(addl_A0_T1); WA0(addl_A0_T1_s1); WA0(addl_A0_T1_s2); WA0(addl_A0_T1_s3);
    WT0(movsbl_T0_T0); WT0(movswl_T0_T0);
    REG_EFFECT(movzbl_T0_T0, E_WRITE_ZX8, TMP_T0, 0, 0);
    WT0(movzwl_T0_T0); WT0(ldsb_T0_A0); WT0(ldsw_T0_A0);
    WT0(popl_T0); WT0(popw_T0);
    REG_EFFECT(popl_T0_incr, E_WRITE_BOTH, TMP_T0, R_ESP, 0);
    WREG(pushl_T0, R_ESP); WREG(pushw_T0, R_ESP);
    NONE(set_cc_op); NONE(compute_eflags); NONE(cc_op_rot);
    NONE(cond_dyn_prepare);
#define DYN_EFFECT(c) WT0(set##c##_T0_dyn); NONE(j##c##_dyn_label); NONE(jn##c##_dyn_label); \
    NONE(cmpl_j##c##_label); NONE(cmpl_jn##c##_label);                      \
    NONE(cmpb_j##c##_label); NONE(cmpb_jn##c##_label)
    DYN_EFFECT(o); DYN_EFFECT(b); DYN_EFFECT(z); DYN_EFFECT(be);
    DYN_EFFECT(s); DYN_EFFECT(p); DYN_EFFECT(l); DYN_EFFECT(le);
    NONE(testl_jz_label); NONE(testl_jnz_label); NONE(testl_js_label);
    NONE(testl_jns_label); NONE(testl_jle_label); NONE(testl_jnle_label);
    NONE(testb_jz_label); NONE(testb_jnz_label); NONE(testb_js_label);
    NONE(testb_jns_label); NONE(testb_jle_label); NONE(testb_jnle_label);
#undef DYN_EFFECT
    NONE(movl_aux_im); NONE(movl_aux_cf_src); NONE(movl_aux_cf_rot); NONE(movl_aux_cf_dyn);
    WT0(xorl_T0_1);
    NONE(movl_t2_im); NONE(movl_t2_ECX);
}

void describe_reg_effects(void)
{
    per_reg_effects();
    sized_effects();
    other_effects();
}
