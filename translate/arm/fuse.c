/*
 * CMP fused with the conditional instruction after it (docs/arm.md,
 * "Fused ops"; the i386 guest's translate/i386/fuse.c does the same for
 * CMP + Jcc).  After the flag-liveness pass a CMP followed by a B<cond>
 * (or any conditional instruction) is
 *     subl_T0_{T1,im,rM}_cv  nz_T0  insn_start  jCC_label L
 * and the jCC op loads back the flags the two ops before it just stored.
 * This pass makes it
 *     [movl_T1_im k | movl_T1_rM]  insn_start  cmp_T0_T1_jCC_label L
 * one op that stores the same four flags and leaves the same T0, then
 * branches on the host's compare of the operands.  It cannot fault, so
 * precise faults are unchanged; it runs on both translations of a TB
 * (deterministic), after the flag pass (which never sees the fused op)
 * and before the register pass (which sees the movl_T1 load).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cond.h"
#include "op-gen.h"
#include "translate.h"

/* op index -> the register of subl_T0_rM_cv (-1: not one) */
static int8_t cv_reg_of[NB_OPS];
/* jCC_label -> cmp_T0_T1_jCC_label (0: not a condition test) */
static uint16_t fused_of[NB_OPS];
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

    if (done)
        return;
    done = 1;
    memset(cv_reg_of, -1, sizeof(cv_reg_of));
    for (int r = 0; r < 15; r++)
        cv_reg_of[cv_ops[r]] = (int8_t)r;
#define FUSED(name, num, expr, reads)                                      \
    fused_of[INDEX_op_j##name##_label] = INDEX_op_cmp_T0_T1_j##name##_label;
    ARM_COND_LIST(FUSED)
#undef FUSED
}

int fuse_cmp_jcc(void)
{
    static uint16_t opc[OPC_MAX];
    static uint32_t param[OPPARAM_MAX];
    static const uint32_t *par[OPC_MAX];
    int n = (int)(gen_opc_ptr - gen_opc_buf), fused = 0;
    const uint32_t *p = param;

    init_tables();
    memcpy(opc, gen_opc_buf, (size_t)n * sizeof(*opc));
    memcpy(param, gen_opparam_buf,
           (size_t)(gen_opparam_ptr - gen_opparam_buf) * sizeof(*param));
    for (int i = 0; i < n; i++) {
        par[i] = p;
        p += op_info[opc[i]].nparams;
    }
    gen_opc_ptr = gen_opc_buf;
    gen_opparam_ptr = gen_opparam_buf;
    for (int i = 0; i < n; i++) {
        int op = opc[i], r = cv_reg_of[op];

        if (i + 3 < n && opc[i + 1] == INDEX_op_nz_T0 &&
            opc[i + 2] == INDEX_op_insn_start && fused_of[opc[i + 3]] &&
            (op == INDEX_op_subl_T0_T1_cv || op == INDEX_op_subl_T0_im_cv ||
             r >= 0)) {
            if (op == INDEX_op_subl_T0_im_cv)
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
        *gen_opc_ptr++ = (uint16_t)op;
        for (int a = 0; a < op_info[op].nparams; a++)
            *gen_opparam_ptr++ = par[i][a];
    }
    return fused;
}
