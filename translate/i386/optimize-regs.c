/*
 * Two passes over a TB's op stream about guest registers: reload
 * elimination, and the pinned-register sync around helper calls
 * (insert_reg_sync, at the end of the file).
 *
 * Every instruction loads the guest registers it needs into the
 * temporaries T0, T1 and A0 and stores its result back at once (precise
 * faults need that: docs/engine.md).  Consecutive instructions often
 * reload a register that a temporary still holds: `mov %eax,%edx; add
 * %edx,%ecx` is movl_EDX_T0 then movl_T1_EDX.  For the three registers in
 * env->regs[] each such reload is a load that waits for the store just
 * before it; for the pinned ones (op/i386/pinned-regs.h) a register move.
 *
 * The pass remembers, for each temporary, the set of guest registers it
 * equals (all 32 bits, or the low byte zero-extended: `mov (%ecx),%al;
 * cmp (%edx),%al` loads AL back right after storing it), and
 *   - drops movl_T0_R when T0 already holds R (the same for T1 and A0);
 *   - turns movl_T1_R into movl_T1_T0 when T0 holds R (movl_T0_R into
 *     movl_T0_T1, movl_A0_R into movl_A0_T0).
 * Stores to env still happen, so the guest state seen by a fault, a signal
 * or the next TB is unchanged.  What each op does to the temporaries and
 * to guest registers is listed below; any op not listed forgets everything
 * (a forgotten entry costs speed, never correctness), and so does a label.
 * Only moves without parameters are dropped, so the parameter buffer needs
 * no change.  The pass is deterministic: it runs on the emitted translation
 * and on the one cpu_restore_state() redoes, which must have the same ops.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <string.h>

#include "op-gen.h"
#include "translate.h"

enum { TMP_T0, TMP_T1, TMP_A0, NB_TMP };
/* What a temporary holds, as a set: bit r for guest register r (all of
 * it), bit BYTE_OF(r) for its low byte zero-extended. */
#define NOREG 0
#define BYTE_OF(r) ((r) + 8)
#define BIT(x) ((uint16_t)(1u << (x)))

/* What an op does, for this pass. */
enum {
    E_FORGET,     /* unknown: forget everything (the default) */
    E_NONE,       /* neither temporaries nor guest registers change */
    E_WRITE_TMP,  /* writes temporary `tmp` with some new value */
    E_LOAD,       /* tmp := guest register `reg` (all 32 bits) */
    E_STORE,      /* guest register `reg` := tmp (all 32 bits) */
    E_WRITE_REG,  /* changes guest register `reg` some other way */
    E_COPY,       /* tmp := temporary `src` */
    E_WRITE_BOTH, /* writes temporary `tmp` and guest register `reg` */
    E_LOADB,      /* tmp := low byte of guest register `reg`, zero-extended */
    E_STOREB,     /* low byte of guest register `reg` := tmp */
    E_WRITE_ZX8,  /* writes temporary `tmp` with a value below 256 */
};

typedef struct RegEffect {
    uint8_t kind;
    int8_t tmp, reg, src;
} RegEffect;

static RegEffect reg_effect[NB_OPS];

#define SET(op, k, t, r, s)                                                 \
    reg_effect[INDEX_op_##op] = (RegEffect){.kind = (k), .tmp = (t),        \
                                            .reg = (r), .src = (s)}
#define NONE(op) SET(op, E_NONE, 0, 0, 0)
#define WT0(op) SET(op, E_WRITE_TMP, TMP_T0, 0, 0)
#define WT1(op) SET(op, E_WRITE_TMP, TMP_T1, 0, 0)
#define WA0(op) SET(op, E_WRITE_TMP, TMP_A0, 0, 0)
#define WREG(op, r) SET(op, E_WRITE_REG, 0, r, 0)
#define BWL(M, pre, post) M(pre##b##post); M(pre##w##post); M(pre##l##post)

static void per_reg_effects(void)
{
#define REG_OPS(R)                                                          \
    SET(movl_T0_##R, E_LOAD, TMP_T0, R_##R, 0);                             \
    SET(movl_T1_##R, E_LOAD, TMP_T1, R_##R, 0);                             \
    SET(movl_A0_##R, E_LOAD, TMP_A0, R_##R, 0);                             \
    SET(movl_##R##_T0, E_STORE, TMP_T0, R_##R, 0);                          \
    SET(movl_##R##_T1, E_STORE, TMP_T1, R_##R, 0);                          \
    SET(movl_##R##_A0, E_STORE, TMP_A0, R_##R, 0);                          \
    WT0(movzw_T0_##R); WT1(movzw_T1_##R);                                   \
    SET(movzb_T0_##R, E_LOADB, TMP_T0, R_##R, 0);                           \
    SET(movzb_T1_##R, E_LOADB, TMP_T1, R_##R, 0);                           \
    WREG(movw_##R##_T0, R_##R); WREG(movw_##R##_T1, R_##R);                 \
    WREG(movw_##R##_A0, R_##R);                                             \
    SET(movb_##R##_T0, E_STOREB, TMP_T0, R_##R, 0);                         \
    SET(movb_##R##_T1, E_STOREB, TMP_T1, R_##R, 0);                         \
    WREG(cmovl_##R##_T1_T0, R_##R); WREG(cmovw_##R##_T1_T0, R_##R);         \
    WA0(leal_A0_##R##_im); WA0(addl_A0_##R); WA0(addl_A0_##R##_s1); WA0(addl_A0_##R##_s2);         \
    WA0(addl_A0_##R##_s3);                                                  \
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
    SET(ldub_T0_A0, E_WRITE_ZX8, TMP_T0, 0, 0);
    SET(ldub_T1_A0, E_WRITE_ZX8, TMP_T1, 0, 0);
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
    SET(movl_T0_T1, E_COPY, TMP_T0, 0, TMP_T1);
    SET(movl_T1_T0, E_COPY, TMP_T1, 0, TMP_T0);
    SET(movl_A0_T0, E_COPY, TMP_A0, 0, TMP_T0);
    WA0(andl_A0_ffff); WA0(addl_A0_seg); WA0(addl_A0_AL);
    WT0(movsbl_T0_T0); WT0(movswl_T0_T0);
    SET(movzbl_T0_T0, E_WRITE_ZX8, TMP_T0, 0, 0);
    WT0(movzwl_T0_T0); WT0(ldsb_T0_A0); WT0(ldsw_T0_A0);
    WT0(popl_T0); WT0(popw_T0);
    SET(popl_T0_incr, E_WRITE_BOTH, TMP_T0, R_ESP, 0);
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

static void init_reg_effects(void)
{
    static int done;

    if (done)
        return;
    done = 1;
    memset(reg_effect, 0, sizeof(reg_effect)); /* E_FORGET */
    per_reg_effects();
    sized_effects();
    other_effects();
}

static void forget_reg(uint16_t *holds, int reg)
{
    for (int t = 0; t < NB_TMP; t++)
        holds[t] &= (uint16_t)~(BIT(reg) | BIT(BYTE_OF(reg)));
}

/* The cheaper form of "tmp := what", or -1 to drop the op. */
static int reload(const uint16_t *holds, int op, int tmp, int what)
{
    static const int copy_from_t0[NB_TMP] = {
        -2, INDEX_op_movl_T1_T0, INDEX_op_movl_A0_T0};

    if (holds[tmp] & BIT(what))
        return -1;
    if (tmp == TMP_T0 && (holds[TMP_T1] & BIT(what)))
        return INDEX_op_movl_T0_T1;
    if (tmp != TMP_T0 && (holds[TMP_T0] & BIT(what)))
        return copy_from_t0[tmp];
    return op;
}

void optimize_regs(void)
{
    uint16_t holds[NB_TMP] = {NOREG, NOREG, NOREG};
    uint8_t zx8[NB_TMP] = {0, 0, 0}; /* the temporary is below 256 */
    uint16_t *out = gen_opc_buf;

    init_reg_effects();
    for (uint16_t *opc = gen_opc_buf; opc < gen_opc_ptr; opc++) {
        int op = *opc;
        const RegEffect *e = &reg_effect[op];

        switch (e->kind) {
        case E_NONE:
            break;
        case E_WRITE_TMP:
            holds[e->tmp] = NOREG;
            zx8[e->tmp] = 0;
            break;
        case E_WRITE_ZX8:
            holds[e->tmp] = NOREG;
            zx8[e->tmp] = 1;
            break;
        case E_LOAD:
        case E_LOADB: {
            int what = e->kind == E_LOAD ? e->reg : BYTE_OF(e->reg);
            op = reload(holds, op, e->tmp, what);
            if (op < 0)
                continue; /* dropped: the temporary holds it already */
            if (op == INDEX_op_movl_T0_T1 || op == INDEX_op_movl_T1_T0 ||
                op == INDEX_op_movl_A0_T0) {
                int src = op == INDEX_op_movl_T0_T1 ? TMP_T1 : TMP_T0;
                holds[e->tmp] = holds[src];
                zx8[e->tmp] = zx8[src];
            } else {
                holds[e->tmp] = BIT(what);
                zx8[e->tmp] = e->kind == E_LOADB;
            }
            break;
        }
        case E_STORE:
            forget_reg(holds, e->reg);
            holds[e->tmp] |= BIT(e->reg);
            break;
        case E_STOREB:
            forget_reg(holds, e->reg);
            if (zx8[e->tmp])
                holds[e->tmp] |= BIT(BYTE_OF(e->reg));
            break;
        case E_WRITE_REG:
            forget_reg(holds, e->reg);
            break;
        case E_COPY:
            holds[e->tmp] = holds[e->src];
            zx8[e->tmp] = zx8[e->src];
            break;
        case E_WRITE_BOTH:
            holds[e->tmp] = NOREG;
            zx8[e->tmp] = 0;
            forget_reg(holds, e->reg);
            break;
        default:
            holds[TMP_T0] = holds[TMP_T1] = holds[TMP_A0] = NOREG;
            zx8[TMP_T0] = zx8[TMP_T1] = zx8[TMP_A0] = 0;
            break;
        }
        *out++ = (uint16_t)op;
    }
    gen_opc_ptr = out;
}
