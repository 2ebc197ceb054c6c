/*
 * CMP fused with the conditional instruction after it (docs/arm.md,
 * "Fused ops"; the i386 guest's translate/i386/fuse.c does the same for
 * CMP + Jcc).  After the flag-liveness pass a CMP followed by a B<cond>
 * (or any conditional instruction) is
 *     subl_T0_{T1,im,rM}_cv  nz_T0  insn_start  jCC_label L
 * and the jCC op loads back the flags the two ops before it just stored.
 * (or the _c forms, which the flag pass leaves when V is dead but C is
 * not: the fused op stores V too, which nothing reads).
 * This pass makes it
 *     [movl_T1_im k | movl_T1_rM]  insn_start  cmp_T0_T1_jCC_label L
 * one op that stores the same four flags and leaves the same T0, then
 * branches on the host's compare of the operands.  It cannot fault; it
 * runs on both translations of a TB (deterministic), after the flag pass
 * (which never sees the fused op) and before the register pass (which
 * sees the movl_T1 load).  A CMP some instructions before the branch that
 * ends the TB moves down to it first (fuse_sink_cmp), and a fault in
 * between gets the compare's flags from fuse_restore_flags.
 *
 * Any other S-form result followed by an EQ/NE/MI/PL test,
 *     nz_T0  [movl_rN_T0 ...]  insn_start  jCC_label L
 * (`tst r1, #1; beq`, `subs r5, r5, #1; bne`, `orrs ip, r1, r0; bne`),
 * becomes
 *     [movl_rN_T0 ...]  insn_start  nz_T0_jCC_label L
 * which stores the same N and Z and tests T0 instead of loading Z or N
 * back: the stores to guest registers in between touch neither T0 nor
 * the flags and cannot fault.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cond.h"
#include "op-gen.h"
#include "optimize-regs.h"
#include "passes.h"
#include "translate.h"

/* The compares the last translation sank (see fuse_sink_cmp). */
static SunkCmp sunk[MAX_SUNK_CMPS];
static int n_sunk;

/* op index -> the register of subl_T0_rM_cv or _c (-1: not one) */
static int8_t cv_reg_of[NB_OPS];
/* op index -> the register of sbcl_T0_rM_cv (-1: not one) */
static int8_t sbc_reg_of[NB_OPS];
/* movl_rN_T0: stores T0 to a guest register, no flags, cannot fault */
static uint8_t is_store_T0[NB_OPS];
/* jEQ/NE/MI/PL_label -> nz_T0_jCC_label (0: no such fused op) */
static uint16_t nz_fused_of[NB_OPS];
/* jCC_label -> cmp_T0_T1_jCC_label (0: not a condition test) */
static uint16_t fused_of[NB_OPS];
/* movl_T0_rN -> N (-1: not one) */
static int8_t t0_reg_of[NB_OPS];
static const GenOp movl_T1_reg[15] = BY_REG15(movl_T1_, );

static void init_tables(void)
{
    static int done;
    static const uint16_t cv_ops[15] = {
#define CV(n) INDEX_op_subl_T0_r##n##_cv
        CV(0), CV(1), CV(2), CV(3), CV(4), CV(5), CV(6), CV(7),
        CV(8), CV(9), CV(10), CV(11), CV(12), CV(13), CV(14),
#undef CV
    };
    static const uint16_t c_ops[15] = {
#define C(n) INDEX_op_subl_T0_r##n##_c
        C(0), C(1), C(2), C(3), C(4), C(5), C(6), C(7),
        C(8), C(9), C(10), C(11), C(12), C(13), C(14),
#undef C
    };

    if (done)
        return;
    done = 1;
    memset(cv_reg_of, -1, sizeof(cv_reg_of));
    static const uint16_t store_ops[15] = {
#define ST(n) INDEX_op_movl_r##n##_T0
        ST(0), ST(1), ST(2), ST(3), ST(4), ST(5), ST(6), ST(7),
        ST(8), ST(9), ST(10), ST(11), ST(12), ST(13), ST(14),
#undef ST
    };
    static const uint16_t sbc_ops[15] = {
#define SBC(n) INDEX_op_sbcl_T0_r##n##_cv
        SBC(0), SBC(1), SBC(2), SBC(3), SBC(4), SBC(5), SBC(6), SBC(7),
        SBC(8), SBC(9), SBC(10), SBC(11), SBC(12), SBC(13), SBC(14),
#undef SBC
    };
    static const uint16_t t0_ops[15] = {
#define T0R(n) INDEX_op_movl_T0_r##n
        T0R(0), T0R(1), T0R(2), T0R(3), T0R(4), T0R(5), T0R(6), T0R(7),
        T0R(8), T0R(9), T0R(10), T0R(11), T0R(12), T0R(13), T0R(14),
#undef T0R
    };
    memset(sbc_reg_of, -1, sizeof(sbc_reg_of));
    memset(t0_reg_of, -1, sizeof(t0_reg_of));
    for (int r = 0; r < 15; r++) {
        t0_reg_of[t0_ops[r]] = (int8_t)r;
        sbc_reg_of[sbc_ops[r]] = (int8_t)r;
        cv_reg_of[cv_ops[r]] = cv_reg_of[c_ops[r]] = (int8_t)r;
        is_store_T0[store_ops[r]] = 1;
    }
    nz_fused_of[INDEX_op_jeq_label] = INDEX_op_nz_T0_jeq_label;
    nz_fused_of[INDEX_op_jne_label] = INDEX_op_nz_T0_jne_label;
    nz_fused_of[INDEX_op_jmi_label] = INDEX_op_nz_T0_jmi_label;
    nz_fused_of[INDEX_op_jpl_label] = INDEX_op_nz_T0_jpl_label;
#define FUSED(name, num, expr, reads)                                      \
    fused_of[INDEX_op_j##name##_label] = INDEX_op_cmp_T0_T1_j##name##_label;
    ARM_COND_LIST(FUSED)
#undef FUSED
}

/*
 * SBCS (the high half of a 64-bit compare) followed by a CS or CC test:
 *     sbcl_T0_{T1,im,rM}_cv  [nz_T0]  [movl_rN_T0 ...]  insn_start  jCS/CC_label L
 * becomes
 *     [movl_T1_im k | movl_T1_rM]  sbcl_T0_T1_cv_cT1  [nz_T0]  [movl_rN_T0 ...]
 *     insn_start  jnez/jeqz_T1_label L
 * which stores the same flags and tests the C it left in T1.  Returns the
 * index of the last op consumed, or -1 if the shape does not match.
 */
static int fuse_sbc_jc(const uint16_t *opc, const uint32_t *const *par, int i, int n)
{
    int op = opc[i], r = sbc_reg_of[op], j = i + 1, jump;

    if (op != INDEX_op_sbcl_T0_T1_cv && op != INDEX_op_sbcl_T0_im_cv && r < 0)
        return -1;
    if (j < n && opc[j] == INDEX_op_nz_T0)
        j++;
    while (j < n && is_store_T0[opc[j]])
        j++;
    if (j + 1 >= n || opc[j] != INDEX_op_insn_start)
        return -1;
    if (opc[j + 1] == INDEX_op_jcs_label)
        jump = INDEX_op_jnez_T1_label;
    else if (opc[j + 1] == INDEX_op_jcc_label)
        jump = INDEX_op_jeqz_T1_label;
    else
        return -1;
    if (op == INDEX_op_sbcl_T0_im_cv)
        gen_op_movl_T1_im(par[i][0]);
    else if (r >= 0)
        movl_T1_reg[r]();
    *gen_opc_ptr++ = INDEX_op_sbcl_T0_T1_cv_cT1;
    for (int k = i + 1; k < j; k++)
        *gen_opc_ptr++ = opc[k];
    gen_insn_start(par[j][0]);
    *gen_opc_ptr++ = (uint16_t)jump;
    *gen_opparam_ptr++ = par[j + 1][0];
    return j + 1;
}

/* Whether a compare of rX with ry (a register, or < 0) may move past op:
 * it neither reads nor writes a flag nor the compared registers, calls
 * nothing and cannot leave the TB but by a fault of a guest access. */
static int sinkable_past(int op, int rx, int ry)
{
    if (op < NB_PSEUDO_OPS || !op_reg_effect_known(op) || op_info[op].calls ||
        op_info[op].label_params || op_info[op].chain_exit >= 0 ||
        op == INDEX_op_movl_pc_im || op_reads_flags(op) || op_sets_flags(op))
        return 0;
    return !op_writes_reg(op, rx) && (ry < 0 || !op_writes_reg(op, ry));
}

/*
 * A CMP whose condition test comes some instructions later (`cmp r0, ip;
 * eor r2, r3, r2, lsr #8; bne`, `cmp r6, r2; mla r1, r4, r9, r1; str r1,
 * [r2]; bne`: GCC schedules the compare early) moves down to the test and
 * fuses with it, when the instructions in between could all go before it
 * (sinkable_past).  Op i is the subl; the CMP's insn_start and movl_T0_rX
 * are the two ops before it, the latter already copied out.  A fault of
 * a guest access in between must show the compare's flags, which env does
 * not hold yet: the CMP is recorded (SunkCmp) and fuse_restore_flags()
 * rebuilds them from the registers at the fault.  Returns the index of
 * the last op consumed, or -1.
 */
static int fuse_sink_cmp(const uint16_t *opc, const uint32_t *const *par, int i, int n)
{
    int op = opc[i], ry = cv_reg_of[op], j = i + 2;

    /* insn_start movl_T0_rX subl nz_T0, and the CMP ends there */
    if (i < 2 || i + 2 >= n || opc[i + 1] != INDEX_op_nz_T0 ||
        opc[i + 2] != INDEX_op_insn_start || t0_reg_of[opc[i - 1]] < 0 ||
        opc[i - 2] != INDEX_op_insn_start || n_sunk == MAX_SUNK_CMPS ||
        gen_opc_ptr == gen_opc_buf || gen_opc_ptr[-1] != opc[i - 1])
        return -1;
    if (ry < 0 && op != INDEX_op_subl_T0_im_cv && op != INDEX_op_subl_T0_im_c)
        return -1;
    int rx = t0_reg_of[opc[i - 1]];
    for (; j + 1 < n; j++) {
        if (opc[j] == INDEX_op_insn_start && fused_of[opc[j + 1]])
            break;
        if (opc[j] != INDEX_op_insn_start && !sinkable_past(opc[j], rx, ry))
            return -1;
    }
    /* only to the branch that ends the TB: a test that skips one
     * conditional instruction is if-conversion's (ifconv.c) */
    if (j + 2 >= n || op_info[opc[j + 2]].chain_exit < 0)
        return -1;
    sunk[n_sunk++] = (SunkCmp){.cmp_pc = par[i - 2][0], .test_pc = par[j][0],
                               .rx = (int8_t)rx, .ry = (int8_t)ry,
                               .imm = ry < 0 ? par[i][0] : 0};
    gen_opc_ptr--; /* movl_T0_rX, after the instructions in between */
    for (int k = i + 2; k < j; k++) {
        *gen_opc_ptr++ = opc[k];
        for (int a = 0; a < op_info[opc[k]].nparams; a++)
            *gen_opparam_ptr++ = par[k][a];
    }
    *gen_opc_ptr++ = opc[i - 1];
    if (ry < 0)
        gen_op_movl_T1_im(par[i][0]);
    else
        movl_T1_reg[ry]();
    gen_insn_start(par[j][0]);
    *gen_opc_ptr++ = fused_of[opc[j + 1]];
    *gen_opparam_ptr++ = par[j + 1][0];
    return j + 1;
}

const SunkCmp *fuse_sunk_cmp(uint32_t test_pc)
{
    for (int k = 0; k < n_sunk; k++)
        if (sunk[k].test_pc == test_pc)
            return &sunk[k];
    return NULL;
}

void fuse_forget(void)
{
    n_sunk = 0;
}

void fuse_restore_flags(CPUState *env)
{
    uint32_t pc = env->regs[15];

    for (int k = 0; k < n_sunk; k++)
        if (pc > sunk[k].cmp_pc && pc < sunk[k].test_pc)
            cpu_set_sub_flags(env, env->regs[sunk[k].rx],
                              sunk[k].ry < 0 ? sunk[k].imm : env->regs[sunk[k].ry]);
}

/* Every fusion ends in a condition test: a TB without one (it ends in B,
 * BL or BX and runs nothing conditionally) is left without the copy. */
static int has_condition_test(void)
{
    for (const uint16_t *o = gen_opc_buf; o < gen_opc_ptr; o++)
        if (fused_of[*o])
            return 1;
    return 0;
}

int fuse_cmp_jcc(void)
{
    static uint16_t opc[OPC_MAX];
    static uint32_t param[OPPARAM_MAX];
    static const uint32_t *par[OPC_MAX];
    int fused = 0;

    init_tables();
    n_sunk = 0;
    if (!has_condition_test())
        return 0;
    int n = op_buf_take(opc, param, par);
    for (int i = 0; i < n; i++) {
        int op = opc[i], r = cv_reg_of[op];

        if (i + 3 < n && opc[i + 1] == INDEX_op_nz_T0 &&
            opc[i + 2] == INDEX_op_insn_start && fused_of[opc[i + 3]] &&
            (op == INDEX_op_subl_T0_T1_cv || op == INDEX_op_subl_T0_im_cv ||
             op == INDEX_op_subl_T0_T1_c || op == INDEX_op_subl_T0_im_c ||
             r >= 0)) {
            if (op == INDEX_op_subl_T0_im_cv || op == INDEX_op_subl_T0_im_c)
                gen_op_movl_T1_im(par[i][0]);
            else if (r >= 0)
                movl_T1_reg[r]();
            gen_insn_start(par[i + 2][0]);
            *gen_opc_ptr++ = fused_of[opc[i + 3]];
            *gen_opparam_ptr++ = par[i + 3][0];
            fused++;
            i += 3;
            continue;
        }
        int last = fuse_sbc_jc(opc, par, i, n);

        if (last < 0)
            last = fuse_sink_cmp(opc, par, i, n);

        if (last >= 0) {
            fused++;
            i = last;
            continue;
        }
        if (op == INDEX_op_nz_T0) {
            int j = i + 1;

            while (j < n && is_store_T0[opc[j]])
                j++;
            if (j + 1 < n && opc[j] == INDEX_op_insn_start &&
                nz_fused_of[opc[j + 1]]) {
                for (int k = i + 1; k < j; k++)
                    *gen_opc_ptr++ = opc[k];
                gen_insn_start(par[j][0]);
                *gen_opc_ptr++ = nz_fused_of[opc[j + 1]];
                *gen_opparam_ptr++ = par[j + 1][0];
                fused++;
                i = j + 1;
                continue;
            }
        }
        *gen_opc_ptr++ = (uint16_t)op;
        for (int a = 0; a < op_info[op].nparams; a++)
            *gen_opparam_ptr++ = par[i][a];
    }
    return fused;
}
