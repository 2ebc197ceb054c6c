/*
 * Fused ops for the commonest i386 forms (docs/engine.md, "Fused ops";
 * design/performance.md, technique 3): a peephole pass over a TB's op
 * stream, before the register and flag-liveness passes.
 *
 * The translator builds every ALU instruction on the temporaries: `add
 * $4,%esi` is movl_T0_ESI, movl_T1_im 4, addl_T0_T1_cc, movl_ESI_T0, four
 * copied chunks and six host instructions for what is `add $4,%r11d` and
 * a record.  The dynamic op histogram of the integer kernels (bench/kernels,
 * each TB's ops weighted by its executions) has these among its commonest
 * sequences, so they get ops of their own, one per guest register
 * (op/i386/op-reg-template.h), which work on the register where it lives:
 *   movl_T0_R  movl_T1_im k  OPl_T0_T1_cc  movl_R_T0  ->  OPl_R_im_cc k
 *   movl_T0_R  addl_T0_im k  movl_R_T0                 ->  addl_R_im k
 *   movl_T0_R  movl_T1_im k  insn_start  [set_cc_op]  cmpl_jCC_label L
 *                            ->  insn_start [set_cc_op] cmpl_R_im_jCC_label L k
 *   ldul_T0_A0  movl_R_T0  ->  ldul_R_A0     movl_T0_R  stl_T0_A0  ->  stl_R_A0
 *   popl_T0_incr  movl_R_T0  ->  popl_R      movl_T0_R  pushl_T0  ->  pushl_R
 *   movl_T0_R  movl_T1_R  insn_start  [set_cc_op]  testl_jCC_label L
 *                            ->  insn_start [set_cc_op] testl_R_jCC_label L
 *   (and the same for TEST r8, r8 of AL..BL: movzb loads, testb ops)
 * (movl_T1_im may come first: the EAX, imm encodings).  The pass runs first,
 * on the ops as the decoder left them, where every instruction loads the
 * registers it needs, so a temporary is never live from one instruction into
 * the next (the one exception, CMP fused with its Jcc by gen_take_cmp(), is
 * the third pattern).  The flag-liveness pass then swaps the _cc forms for
 * their twins (optimize-flags.c), and the register pass sees the fused ops
 * as writes of R (optimize-regs.c).  None of the fused ops can fault except
 * the loads, stores, push and pop, which fault at the same access as the
 * pair they replace, before any register changes, so precise faults and
 * signal contexts are unchanged.  Deterministic, like every pass: it runs
 * again when a fault re-translates the TB.
 *
 * INC/DEC record their flags with an op that reads the result in T0
 * (gen_update_inc_cc()), so the second pattern only appears once the
 * flag pass has dropped that record: the pass runs a second time, late,
 * after the other two, where T0 may be live into the next instruction (the
 * register pass drops reloads) and the search for its next write goes on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "op-gen.h"
#include "translate.h"

/* What an op does to T0, for the deadness scan. */
enum { T0_READS, T0_KILLS, T0_NEUTRAL };

static uint8_t t0_use[NB_OPS];
/* Per guest register (SDM numbers). */
static int16_t reg_of_load_t0[NB_OPS], reg_of_store_t0[NB_OPS];

enum { ALU_ADD, ALU_SUB, ALU_AND, ALU_OR, ALU_XOR, NB_ALU };
/* The T0, T1 form -> [alu][with record]. */
static int8_t alu_of[NB_OPS], alu_cc_of[NB_OPS];
static uint16_t reg_alu_im[8][NB_ALU][2];

enum { CJ_b, CJ_z, CJ_be, CJ_s, CJ_l, CJ_le, NB_CJ };
static int8_t cmp_jcc_of[NB_OPS], cmp_jcc_neg[NB_OPS];
static uint16_t reg_cmp_jcc[8][NB_CJ][2];
/* TEST r, r + Jcc: [cond z/s/le][negated][reg] for r32, r8 (AL..BL). */
enum { TJ_z, TJ_s, TJ_le, NB_TJ };
static int8_t test_jcc_of[NB_OPS], test_jcc_neg[NB_OPS], test_jcc_byte[NB_OPS];
static uint16_t reg_test_jcc[2][NB_TJ][2][8];
static int16_t reg_of_loadb_t0[NB_OPS], reg_of_loadb_t1[NB_OPS], reg_of_load_t1[NB_OPS];
/* Can a pattern start with this op?  Most ops cannot, and the pass runs
 * twice on every TB translated, so they are copied after one test. */
static uint8_t may_start[NB_OPS];
/* Loads, stores, push and pop of a register (POP ESP has none: 0). */
static uint16_t reg_ld[8], reg_st[8], reg_push[8], reg_pop[8];

#define BY_REG_IDX(pre, post)                                              \
    {INDEX_op_##pre##EAX##post, INDEX_op_##pre##ECX##post,                 \
     INDEX_op_##pre##EDX##post, INDEX_op_##pre##EBX##post,                 \
     INDEX_op_##pre##ESP##post, INDEX_op_##pre##EBP##post,                 \
     INDEX_op_##pre##ESI##post, INDEX_op_##pre##EDI##post}

static void init_reg_tables(void)
{
    static const uint16_t ld[8] = BY_REG_IDX(movl_T0_, );
    static const uint16_t st[8] = BY_REG_IDX(movl_, _T0);
    static const uint16_t kill[][8] = {
        BY_REG_IDX(movl_T0_, ), BY_REG_IDX(movzw_T0_, )};
    static const uint16_t neutral[][8] = {
        BY_REG_IDX(movl_T1_, ), BY_REG_IDX(movzw_T1_, ),
        BY_REG_IDX(movl_A0_, ), BY_REG_IDX(leal_A0_, _im),
        BY_REG_IDX(addl_A0_, ), BY_REG_IDX(addl_A0_, _s1),
        BY_REG_IDX(addl_A0_, _s2), BY_REG_IDX(addl_A0_, _s3)};
#define ALU_ROW(alu, name)                                                 \
    {BY_REG_IDX(name##l_, _im), BY_REG_IDX(name##l_, _im_cc)}
    static const uint16_t alu[NB_ALU][2][8] = {
        ALU_ROW(ALU_ADD, add), ALU_ROW(ALU_SUB, sub), ALU_ROW(ALU_AND, and),
        ALU_ROW(ALU_OR, or), ALU_ROW(ALU_XOR, xor)};
#undef ALU_ROW
#define CJ_ROW(c) {BY_REG_IDX(cmpl_, _im_j##c##_label), BY_REG_IDX(cmpl_, _im_jn##c##_label)}
    static const uint16_t cj[NB_CJ][2][8] = {
        CJ_ROW(b), CJ_ROW(z), CJ_ROW(be), CJ_ROW(s), CJ_ROW(l), CJ_ROW(le)};
#undef CJ_ROW

    static const uint16_t lds[8] = BY_REG_IDX(ldul_, _A0);
    static const uint16_t sts[8] = BY_REG_IDX(stl_, _A0);
    static const uint16_t push[8] = BY_REG_IDX(pushl_, );
    static const uint16_t pop[8] = {
        INDEX_op_popl_EAX, INDEX_op_popl_ECX, INDEX_op_popl_EDX,
        INDEX_op_popl_EBX, 0, INDEX_op_popl_EBP, INDEX_op_popl_ESI,
        INDEX_op_popl_EDI};

#define TJ_ROW(sz, c)                                                      \
    {BY_REG_IDX(test##sz##_, _j##c##_label), BY_REG_IDX(test##sz##_, _jn##c##_label)}
    static const uint16_t tjl[NB_TJ][2][8] = {TJ_ROW(l, z), TJ_ROW(l, s), TJ_ROW(l, le)};
#undef TJ_ROW
#define TJ_ROW4(c)                                                         \
    {{INDEX_op_testb_EAX_j##c##_label, INDEX_op_testb_ECX_j##c##_label,     \
      INDEX_op_testb_EDX_j##c##_label, INDEX_op_testb_EBX_j##c##_label},    \
     {INDEX_op_testb_EAX_jn##c##_label, INDEX_op_testb_ECX_jn##c##_label,   \
      INDEX_op_testb_EDX_jn##c##_label, INDEX_op_testb_EBX_jn##c##_label}}
    static const uint16_t tjb[NB_TJ][2][4] = {TJ_ROW4(z), TJ_ROW4(s), TJ_ROW4(le)};
#undef TJ_ROW4
    static const uint16_t ld1[8] = BY_REG_IDX(movl_T1_, );
    static const uint16_t ldb0[4] = {INDEX_op_movzb_T0_EAX, INDEX_op_movzb_T0_ECX,
                                     INDEX_op_movzb_T0_EDX, INDEX_op_movzb_T0_EBX};
    static const uint16_t ldb1[4] = {INDEX_op_movzb_T1_EAX, INDEX_op_movzb_T1_ECX,
                                     INDEX_op_movzb_T1_EDX, INDEX_op_movzb_T1_EBX};

    for (int r = 0; r < 8; r++) {
        reg_of_load_t1[ld1[r]] = (int16_t)r;
        for (int c = 0; c < NB_TJ; c++)
            for (int n = 0; n < 2; n++) {
                reg_test_jcc[0][c][n][r] = tjl[c][n][r];
                reg_test_jcc[1][c][n][r] = r < 4 ? tjb[c][n][r] : 0;
            }
    }
    for (int r = 0; r < 4; r++) {
        reg_of_loadb_t0[ldb0[r]] = (int16_t)r;
        reg_of_loadb_t1[ldb1[r]] = (int16_t)r;
    }
    memcpy(reg_ld, lds, sizeof(reg_ld));
    memcpy(reg_st, sts, sizeof(reg_st));
    memcpy(reg_push, push, sizeof(reg_push));
    memcpy(reg_pop, pop, sizeof(reg_pop));
    for (int r = 0; r < 8; r++) {
        reg_of_load_t0[ld[r]] = (int16_t)r;
        reg_of_store_t0[st[r]] = (int16_t)r;
        for (size_t k = 0; k < sizeof(kill) / sizeof(kill[0]); k++)
            t0_use[kill[k][r]] = T0_KILLS;
        for (size_t k = 0; k < sizeof(neutral) / sizeof(neutral[0]); k++)
            t0_use[neutral[k][r]] = T0_NEUTRAL;
        for (int a = 0; a < NB_ALU; a++)
            for (int cc = 0; cc < 2; cc++)
                reg_alu_im[r][a][cc] = alu[a][cc][r];
        for (int c = 0; c < NB_CJ; c++)
            for (int n = 0; n < 2; n++)
                reg_cmp_jcc[r][c][n] = cj[c][n][r];
    }
    for (int r = 0; r < 4; r++) {
        static const uint16_t kill4[][4] = {
            {INDEX_op_movzb_T0_EAX, INDEX_op_movzb_T0_ECX,
             INDEX_op_movzb_T0_EDX, INDEX_op_movzb_T0_EBX},
            {INDEX_op_movzh_T0_EAX, INDEX_op_movzh_T0_ECX,
             INDEX_op_movzh_T0_EDX, INDEX_op_movzh_T0_EBX}};
        static const uint16_t neutral4[][4] = {
            {INDEX_op_movzb_T1_EAX, INDEX_op_movzb_T1_ECX,
             INDEX_op_movzb_T1_EDX, INDEX_op_movzb_T1_EBX},
            {INDEX_op_movzh_T1_EAX, INDEX_op_movzh_T1_ECX,
             INDEX_op_movzh_T1_EDX, INDEX_op_movzh_T1_EBX}};
        for (int k = 0; k < 2; k++) {
            t0_use[kill4[k][r]] = T0_KILLS;
            t0_use[neutral4[k][r]] = T0_NEUTRAL;
        }
    }
}

static void init_tables(void)
{
    static int done;
    static const uint16_t kills[] = {
        INDEX_op_movl_T0_im, INDEX_op_ldub_T0_A0, INDEX_op_lduw_T0_A0,
        INDEX_op_ldul_T0_A0, INDEX_op_ldsb_T0_A0, INDEX_op_ldsw_T0_A0,
        INDEX_op_popl_T0, INDEX_op_popl_T0_incr, INDEX_op_popw_T0,
        INDEX_op_movl_T0_T1,
        INDEX_op_exit_tb, /* the temporaries die with the TB */
    };
    static const uint16_t neutral[] = {
        INDEX_op_insn_start, INDEX_op_set_label, INDEX_op_movl_T1_im,
        INDEX_op_movl_A0_im, INDEX_op_addl_A0_im, INDEX_op_addl_A0_seg,
        INDEX_op_andl_A0_ffff, INDEX_op_set_cc_op, INDEX_op_goto_tb0,
        INDEX_op_goto_tb1, INDEX_op_goto_tb0_fwd, INDEX_op_goto_tb1_fwd,
        INDEX_op_movl_eip_im, INDEX_op_ldub_T1_A0,
        INDEX_op_lduw_T1_A0, INDEX_op_ldul_T1_A0, INDEX_op_stb_T1_A0,
        INDEX_op_stw_T1_A0, INDEX_op_stl_T1_A0,
    };
    static const struct { uint16_t op; int8_t alu, cc; } alus[] = {
        {INDEX_op_addl_T0_T1, ALU_ADD, 0}, {INDEX_op_addl_T0_T1_cc, ALU_ADD, 1},
        {INDEX_op_subl_T0_T1, ALU_SUB, 0}, {INDEX_op_subl_T0_T1_cc, ALU_SUB, 1},
        {INDEX_op_andl_T0_T1, ALU_AND, 0}, {INDEX_op_andl_T0_T1_cc, ALU_AND, 1},
        {INDEX_op_orl_T0_T1, ALU_OR, 0}, {INDEX_op_orl_T0_T1_cc, ALU_OR, 1},
        {INDEX_op_xorl_T0_T1, ALU_XOR, 0}, {INDEX_op_xorl_T0_T1_cc, ALU_XOR, 1},
    };
#define CJ(c) {INDEX_op_cmpl_j##c##_label, CJ_##c, 0}, {INDEX_op_cmpl_jn##c##_label, CJ_##c, 1}
    static const struct { uint16_t op; int8_t cj, neg; } cjs[] = {
        CJ(b), CJ(z), CJ(be), CJ(s), CJ(l), CJ(le)};
#undef CJ
#define TJ(sz, byte, c)                                                    \
    {INDEX_op_test##sz##_j##c##_label, TJ_##c, 0, byte},                   \
    {INDEX_op_test##sz##_jn##c##_label, TJ_##c, 1, byte}
    static const struct { uint16_t op; int8_t tj, neg, byte; } tjs[] = {
        TJ(l, 0, z), TJ(l, 0, s), TJ(l, 0, le),
        TJ(b, 1, z), TJ(b, 1, s), TJ(b, 1, le)};
#undef TJ

    if (done)
        return;
    done = 1;
    memset(t0_use, T0_READS, sizeof(t0_use));
    memset(reg_of_load_t0, -1, sizeof(reg_of_load_t0));
    memset(reg_of_store_t0, -1, sizeof(reg_of_store_t0));
    memset(alu_of, -1, sizeof(alu_of));
    memset(cmp_jcc_of, -1, sizeof(cmp_jcc_of));
    memset(test_jcc_of, -1, sizeof(test_jcc_of));
    memset(reg_of_load_t1, -1, sizeof(reg_of_load_t1));
    memset(reg_of_loadb_t0, -1, sizeof(reg_of_loadb_t0));
    memset(reg_of_loadb_t1, -1, sizeof(reg_of_loadb_t1));
    init_reg_tables();
    for (size_t i = 0; i < sizeof(kills) / sizeof(kills[0]); i++)
        t0_use[kills[i]] = T0_KILLS;
    for (size_t i = 0; i < sizeof(neutral) / sizeof(neutral[0]); i++)
        t0_use[neutral[i]] = T0_NEUTRAL;
    for (size_t i = 0; i < sizeof(alus) / sizeof(alus[0]); i++) {
        alu_of[alus[i].op] = alus[i].alu;
        alu_cc_of[alus[i].op] = alus[i].cc;
    }
    for (size_t i = 0; i < sizeof(tjs) / sizeof(tjs[0]); i++) {
        test_jcc_of[tjs[i].op] = tjs[i].tj;
        test_jcc_neg[tjs[i].op] = tjs[i].neg;
        test_jcc_byte[tjs[i].op] = tjs[i].byte;
    }
    for (size_t i = 0; i < sizeof(cjs) / sizeof(cjs[0]); i++) {
        cmp_jcc_of[cjs[i].op] = cjs[i].cj;
        cmp_jcc_neg[cjs[i].op] = cjs[i].neg;
    }
    for (int op = 0; op < NB_OPS; op++)
        may_start[op] = reg_of_load_t0[op] >= 0 || reg_of_loadb_t0[op] >= 0 ||
                        op == INDEX_op_movl_T1_im || op == INDEX_op_ldul_T0_A0 ||
                        op == INDEX_op_popl_T0_incr;
}

/* Is T0 written before anything reads it, from op i on?  Before the
 * register pass the next instruction's start ends the search (see above);
 * a jump to a label, or anything not in the tables, counts as a read. */
static int fuse_late;

static int t0_dead_from(const uint16_t *opc, int i, int n)
{
    for (; i < n; i++) {
        int u = t0_use[opc[i]];
        if (opc[i] == INDEX_op_insn_start && !fuse_late)
            return 1;
        if (u != T0_NEUTRAL)
            return u == T0_KILLS;
    }
    return 1; /* the end of the TB */
}

/*
 * At ops[i]: the two loads of an ALU reg,imm instruction, in either order.
 * Returns the register (and the constant's position in *kpos), or -1.
 */
static int match_load_pair(const uint16_t *opc, const uint32_t *const *par,
                           int i, int n, const uint32_t **k)
{
    int r;

    if (i + 1 >= n)
        return -1;
    if (opc[i + 1] == INDEX_op_movl_T1_im && (r = reg_of_load_t0[opc[i]]) >= 0) {
        *k = par[i + 1];
        return r;
    }
    if (opc[i] == INDEX_op_movl_T1_im && (r = reg_of_load_t0[opc[i + 1]]) >= 0) {
        *k = par[i];
        return r;
    }
    return -1;
}

void fuse_ops(int late)
{
    static uint16_t opc[OPC_MAX];
    static uint32_t param[OPPARAM_MAX];
    static const uint32_t *par[OPC_MAX];
    int n = (int)(gen_opc_ptr - gen_opc_buf);
    const uint32_t *p = param;
    uint16_t *out = gen_opc_buf;
    uint32_t *pout = gen_opparam_buf;

    init_tables();
    fuse_late = late;
    memcpy(opc, gen_opc_buf, (size_t)n * sizeof(*opc));
    memcpy(param, gen_opparam_buf,
           (size_t)(gen_opparam_ptr - gen_opparam_buf) * sizeof(*param));
    for (int i = 0; i < n; i++) {
        par[i] = p;
        p += op_info[opc[i]].nparams;
    }
#define EMIT(op, ...)                                                      \
    do {                                                                   \
        const uint32_t args_[] = {__VA_ARGS__};                            \
        *out++ = (uint16_t)(op);                                           \
        for (int a_ = 0; a_ < op_info[op].nparams; a_++)                   \
            *pout++ = args_[a_];                                           \
    } while (0)
    for (int i = 0; i < n; i++) {
        const uint32_t *k;
        int r;

        if (!may_start[opc[i]])
            goto copy;
        r = match_load_pair(opc, par, i, n, &k);

        /* OPl_T0_T1[_cc] then the store back, T0 dead after */
        if (r >= 0 && i + 3 < n && alu_of[opc[i + 2]] >= 0 &&
            reg_of_store_t0[opc[i + 3]] == r && t0_dead_from(opc, i + 4, n)) {
            EMIT(reg_alu_im[r][alu_of[opc[i + 2]]][alu_cc_of[opc[i + 2]]], *k);
            i += 3;
            continue;
        }
        /* CMP r, imm fused with Jcc: the Jcc's insn_start (and the kind's
         * store) stay before the fused op, as gen_take_cmp() left them */
        if (r >= 0 && i + 3 < n && opc[i + 2] == INDEX_op_insn_start) {
            int j = i + 3, cj, neg;
            if (opc[j] == INDEX_op_set_cc_op && j + 1 < n)
                j++;
            cj = cmp_jcc_of[opc[j]];
            if (cj >= 0 && t0_dead_from(opc, j + 1, n)) {
                neg = cmp_jcc_neg[opc[j]];
                for (int m = i + 2; m < j; m++)
                    EMIT(opc[m], par[m][0]);
                EMIT(reg_cmp_jcc[r][cj][neg], par[j][0], *k);
                i = j;
                continue;
            }
        }
        /* TEST r, r fused with Jcc, as CMP above */
        if (!fuse_late && i + 3 < n && opc[i + 2] == INDEX_op_insn_start) {
            int j = i + 3, tj, byte;
            if (opc[j] == INDEX_op_set_cc_op && j + 1 < n)
                j++;
            tj = test_jcc_of[opc[j]];
            byte = test_jcc_byte[opc[j]];
            r = byte ? reg_of_loadb_t0[opc[i]] : reg_of_load_t0[opc[i]];
            if (tj >= 0 && r >= 0 &&
                (byte ? reg_of_loadb_t1 : reg_of_load_t1)[opc[i + 1]] == r &&
                t0_dead_from(opc, j + 1, n)) {
                for (int m = i + 2; m < j; m++)
                    EMIT(opc[m], par[m][0]);
                EMIT(reg_test_jcc[byte][tj][test_jcc_neg[opc[j]]][r], par[j][0]);
                i = j;
                continue;
            }
        }
        /* MOV r32 to memory, PUSH r32 */
        r = reg_of_load_t0[opc[i]];
        if (r >= 0 && i + 1 < n && (opc[i + 1] == INDEX_op_stl_T0_A0 ||
                                    opc[i + 1] == INDEX_op_pushl_T0) &&
            t0_dead_from(opc, i + 2, n)) {
            *out++ = opc[i + 1] == INDEX_op_stl_T0_A0 ? reg_st[r] : reg_push[r];
            i++;
            continue;
        }
        /* MOV r32 from memory, POP r32 */
        if (i + 1 < n && (r = reg_of_store_t0[opc[i + 1]]) >= 0 &&
            (opc[i] == INDEX_op_ldul_T0_A0 ||
             (opc[i] == INDEX_op_popl_T0_incr && reg_pop[r])) &&
            t0_dead_from(opc, i + 2, n)) {
            *out++ = opc[i] == INDEX_op_ldul_T0_A0 ? reg_ld[r] : reg_pop[r];
            i++;
            continue;
        }
        /* INC/DEC (and ADD imm) without flags: addl_T0_im k */
        r = reg_of_load_t0[opc[i]];
        if (r >= 0 && i + 2 < n && opc[i + 1] == INDEX_op_addl_T0_im &&
            reg_of_store_t0[opc[i + 2]] == r && t0_dead_from(opc, i + 3, n)) {
            EMIT(reg_alu_im[r][ALU_ADD][0], par[i + 1][0]);
            i += 2;
            continue;
        }
    copy:
        *out++ = opc[i];
        for (int a = 0; a < op_info[opc[i]].nparams; a++)
            *pout++ = par[i][a];
    }
#undef EMIT
    gen_opc_ptr = out;
    gen_opparam_ptr = pout;
}
