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
 *   movl_T0_R  SHl_T0_im_cc k  movl_R_T0               ->  SHl_R_im_cc k
 *   movl_T1_S  movl_T0_R  OPl_T0_T1_cc  movl_R_T0     ->  movl_T1_S  OPl_R_T1_cc
 *   (or movl_T0_R first; these two for a pinned R only, see pinned_regs)
 *   movl_T0_R  movl_T1_im k  insn_start  [set_cc_op]  cmpl_jCC_label L
 *                            ->  insn_start [set_cc_op] cmpl_R_im_jCC_label L k
 *   ldul_T0_A0  movl_R_T0  ->  ldul_R_A0     movl_T0_R  stl_T0_A0  ->  stl_R_A0
 *   popl_T0_incr  movl_R_T0  ->  popl_R      movl_T0_R  pushl_T0  ->  pushl_R
 *   movl_T0_R  movl_T1_R  insn_start  [set_cc_op]  testl_jCC_label L
 *                            ->  insn_start [set_cc_op] testl_R_jCC_label L
 *   (and the same for TEST r8, r8 of AL..BL: movzb loads, testb ops)
 *   andl/orl/xorl_R_{im,T1}_cc  insn_start [set_cc_op]  jz/js_dstl, jle_logicl L
 *                            ->  the same, the Jcc testl_R_jCC_label L
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
 * register pass drops reloads) and the search for its next write goes on;
 * it only runs when the first pass met a pattern whose T0 was still read
 * after it, the one thing it can fuse that the first could not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "op-gen.h"
#include "pinned-regs.h"
#include "translate.h"

/* What an op does to T0, for the deadness scan. */
enum { T0_READS, T0_KILLS, T0_NEUTRAL };

static uint8_t t0_use[NB_OPS];
/* Per guest register (SDM numbers). */
static int16_t reg_of_load_t0[NB_OPS], reg_of_store_t0[NB_OPS];

enum { ALU_ADD, ALU_SUB, ALU_AND, ALU_OR, ALU_XOR, NB_ALU };
/* The T0, T1 form -> [alu][with record]. */
static int8_t alu_of[NB_OPS], alu_cc_of[NB_OPS];
static uint16_t reg_alu_im[8][NB_ALU][2], reg_alu_t1[8][NB_ALU][2];
/* The registers that live in host registers: only they get the shift and
 * ALU r32, r32 forms.  For one in env the T0 form is better: it leaves the
 * result in T0, where the register pass finds it for the next instruction
 * (`xor %eax,%ecx; ... movzbl %cl,%ecx`), instead of a read-modify-write of
 * env that the next read of the register waits for. */
#define PINNED_BIT(name, idx, host, host32, uc) | (1u << (idx))
static const unsigned pinned_regs = 0 PINNED_GUEST_REGS(PINNED_BIT);
#undef PINNED_BIT
/* Shifts by an immediate count, likewise. */
enum { SH_SHL, SH_SHR, SH_SAR, NB_SH };
static int8_t shift_of[NB_OPS], shift_cc_of[NB_OPS];
static uint16_t reg_shift_im[8][NB_SH][2];

enum { CJ_b, CJ_z, CJ_be, CJ_s, CJ_l, CJ_le, NB_CJ };
static int8_t cmp_jcc_of[NB_OPS], cmp_jcc_neg[NB_OPS];
static uint16_t reg_cmp_jcc[8][NB_CJ][2];
/* TEST r, r + Jcc: [cond z/s/le][negated][reg] for r32, r8 (AL..BL). */
enum { TJ_z, TJ_s, TJ_le, NB_TJ };
static int8_t test_jcc_of[NB_OPS], test_jcc_neg[NB_OPS], test_jcc_byte[NB_OPS];
static uint16_t reg_test_jcc[2][NB_TJ][2][8];
static int16_t reg_of_loadb_t0[NB_OPS], reg_of_loadb_t1[NB_OPS], reg_of_load_t1[NB_OPS];
/* Per op: its parameter count (low 4 bits), and above them the kind of
 * pattern that can start with it.  Most ops start none, and the pass runs
 * on every TB translated, so they are passed over after one look-up. */
enum { START_NONE, START_LOAD_T0, START_T1_IM, START_LOADB_T0, START_LOAD_MEM,
       START_LOAD_T1 };
static uint8_t op_scan[NB_OPS];
/* Loads, stores, push and pop of a register (POP ESP has none: 0). */
static uint16_t reg_ld[8], reg_st[8], reg_push[8], reg_pop[8];

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
#define ALU_ROW(alu, name)                                                 \
    {BY_REG_IDX(name##l_, _T1), BY_REG_IDX(name##l_, _T1_cc)}
    static const uint16_t alu_t1[NB_ALU][2][8] = {
        ALU_ROW(ALU_ADD, add), ALU_ROW(ALU_SUB, sub), ALU_ROW(ALU_AND, and),
        ALU_ROW(ALU_OR, or), ALU_ROW(ALU_XOR, xor)};
#undef ALU_ROW
#define SH_ROW(name)                                                       \
    {BY_REG_IDX(name##l_, _im), BY_REG_IDX(name##l_, _im_cc)}
    static const uint16_t sh[NB_SH][2][8] = {SH_ROW(shl), SH_ROW(shr), SH_ROW(sar)};
#undef SH_ROW
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
            for (int cc = 0; cc < 2; cc++) {
                reg_alu_im[r][a][cc] = alu[a][cc][r];
                reg_alu_t1[r][a][cc] = alu_t1[a][cc][r];
            }
        for (int c = 0; c < NB_CJ; c++)
            for (int n = 0; n < 2; n++)
                reg_cmp_jcc[r][c][n] = cj[c][n][r];
        for (int k = 0; k < NB_SH; k++)
            for (int cc = 0; cc < 2; cc++)
                reg_shift_im[r][k][cc] = sh[k][cc][r];
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
    static const struct { uint16_t op; int8_t sh, cc; } shifts[] = {
        {INDEX_op_shll_T0_im, SH_SHL, 0}, {INDEX_op_shll_T0_im_cc, SH_SHL, 1},
        {INDEX_op_shrl_T0_im, SH_SHR, 0}, {INDEX_op_shrl_T0_im_cc, SH_SHR, 1},
        {INDEX_op_sarl_T0_im, SH_SAR, 0}, {INDEX_op_sarl_T0_im_cc, SH_SAR, 1},
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
    memset(shift_of, -1, sizeof(shift_of));
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
    for (size_t i = 0; i < sizeof(shifts) / sizeof(shifts[0]); i++) {
        shift_of[shifts[i].op] = shifts[i].sh;
        shift_cc_of[shifts[i].op] = shifts[i].cc;
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
    for (int op = 0; op < NB_OPS; op++) {
        int start = reg_of_load_t0[op] >= 0    ? START_LOAD_T0
                    : reg_of_loadb_t0[op] >= 0 ? START_LOADB_T0
                    : op == INDEX_op_movl_T1_im ? START_T1_IM
                    : reg_of_load_t1[op] >= 0  ? START_LOAD_T1
                    : op == INDEX_op_ldul_T0_A0 || op == INDEX_op_popl_T0_incr
                        ? START_LOAD_MEM
                        : START_NONE;
        op_scan[op] = (uint8_t)(op_info[op].nparams | start << 4);
    }
}

static int fuse_late;
/* Did the early pass meet a pattern whose T0 was still read after it?
 * Only then can the late pass find anything. */
static int late_wanted;

/* Is T0 written before anything reads it, from op i on?  Before the
 * register pass the next instruction's start ends the search (see above);
 * a jump to a label, or anything not in the tables, counts as a read. */

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

/* Where op m's parameters are, from op i's at p. */
static const uint32_t *param_at(const uint16_t *opc, const uint32_t *p, int i, int m)
{
    for (; i < m; i++)
        p += op_scan[opc[i]] & 15;
    return p;
}

/* A pattern's replacement, built before anything is written: the pass
 * rewrites the buffers in place. */
typedef struct {
    int nops, nparams;
    uint16_t op[3];
    uint32_t param[4];
} Repl;

static void repl(Repl *rp, int op, uint32_t a0, uint32_t a1)
{
    const uint32_t args[] = {a0, a1};

    rp->op[rp->nops++] = (uint16_t)op;
    for (int a = 0; a < op_info[op].nparams; a++)
        rp->param[rp->nparams++] = args[a];
}

/* The end of a compare-and-branch pattern whose two loads are at i: the
 * Jcc's insn_start, the kind's store if any, the Jcc.  Returns the Jcc's
 * index, or -1. */
static int jcc_tail(const uint16_t *opc, int i, int n)
{
    int j = i + 3;

    if (j >= n || opc[i + 2] != INDEX_op_insn_start)
        return -1;
    if (opc[j] == INDEX_op_set_cc_op && j + 1 < n)
        j++;
    return j;
}

/* The replacement of such a pattern: the insn_start and the store stay
 * before the fused op, as gen_take_cmp() left them. */
static void repl_jcc(Repl *rp, const uint16_t *opc, const uint32_t *p, int i,
                     int j, int fused, uint32_t k)
{
    p = param_at(opc, p, i, i + 2);
    for (int m = i + 2; m < j; m++) {
        repl(rp, opc[m], *p, 0);
        p += op_scan[opc[m]] & 15;
    }
    repl(rp, fused, *p, k);
}

/* Loads of register r and of a constant (either order) at i: ALU r, imm,
 * or CMP r, imm fused with its Jcc. */
static int match_reg_imm(const uint16_t *opc, const uint32_t *p, int i, int n,
                         int r, Repl *rp)
{
    /* movl_T0_R has no parameter: the constant is p[0] in either order */
    uint32_t k = p[0];
    int j, cj;

    if (i + 3 < n && alu_of[opc[i + 2]] >= 0 && reg_of_store_t0[opc[i + 3]] == r) {
        if (!t0_dead_from(opc, i + 4, n))
            return late_wanted = 1, 0;
        repl(rp, reg_alu_im[r][alu_of[opc[i + 2]]][alu_cc_of[opc[i + 2]]], k, 0);
        return 4;
    }
    if ((j = jcc_tail(opc, i, n)) < 0 || (cj = cmp_jcc_of[opc[j]]) < 0)
        return 0;
    if (!t0_dead_from(opc, j + 1, n))
        return late_wanted = 1, 0;
    repl_jcc(rp, opc, p, i, j, reg_cmp_jcc[r][cj][cmp_jcc_neg[opc[j]]], k);
    return j - i + 1;
}

/* TEST r, r fused with its Jcc: loads of r into T0 and T1 at i. */
static int match_test(const uint16_t *opc, const uint32_t *p, int i, int n,
                      int byte, int r, Repl *rp)
{
    int next = i + 1 < n ? opc[i + 1] : INDEX_op_end, j, tj;

    if (fuse_late || (byte ? reg_of_loadb_t1 : reg_of_load_t1)[next] != r ||
        (j = jcc_tail(opc, i, n)) < 0 ||
        (tj = test_jcc_of[opc[j]]) < 0 || test_jcc_byte[opc[j]] != byte ||
        !t0_dead_from(opc, j + 1, n))
        return 0;
    repl_jcc(rp, opc, p, i, j, reg_test_jcc[byte][tj][test_jcc_neg[opc[j]]][r], 0);
    return j - i + 1;
}

/* ALU r32, r32 (the decoder loads the source into T1 first or second):
 * the source stays in T1, T0 keeps what it held.  ld1 is the index of the
 * load of T1. */
static int match_alu_t1(const uint16_t *opc, int i, int n, int ld1, int r, Repl *rp)
{
    if (!(pinned_regs & (1u << r)) || i + 3 >= n || alu_of[opc[i + 2]] < 0 ||
        reg_of_store_t0[opc[i + 3]] != r)
        return 0;
    if (!t0_dead_from(opc, i + 4, n))
        return late_wanted = 1, 0;
    repl(rp, opc[ld1], 0, 0);
    repl(rp, reg_alu_t1[r][alu_of[opc[i + 2]]][alu_cc_of[opc[i + 2]]], 0, 0);
    return 4;
}

/* The pattern starting at i whose first op is of the given kind: the
 * number of ops it replaces by rp's, or 0. */
static int match(const uint16_t *opc, const uint32_t *p, int i, int n, int kind,
                 Repl *rp)
{
    int next = i + 1 < n ? opc[i + 1] : INDEX_op_end, r, used;

    rp->nops = rp->nparams = 0;
    switch (kind) {
    case START_T1_IM:
        r = reg_of_load_t0[next];
        return r >= 0 ? match_reg_imm(opc, p, i, n, r, rp) : 0;
    case START_LOAD_T1:
        r = reg_of_load_t0[next];
        return r >= 0 ? match_alu_t1(opc, i, n, i, r, rp) : 0;
    case START_LOADB_T0:
        return match_test(opc, p, i, n, 1, reg_of_loadb_t0[opc[i]], rp);
    case START_LOAD_MEM: /* MOV r32 from memory, POP r32 */
        if ((r = reg_of_store_t0[next]) < 0 ||
            (opc[i] == INDEX_op_popl_T0_incr && !reg_pop[r]))
            return 0;
        if (!t0_dead_from(opc, i + 2, n))
            return late_wanted = 1, 0;
        repl(rp, opc[i] == INDEX_op_ldul_T0_A0 ? reg_ld[r] : reg_pop[r], 0, 0);
        return 2;
    }
    r = reg_of_load_t0[opc[i]];
    if (next == INDEX_op_movl_T1_im)
        return match_reg_imm(opc, p, i, n, r, rp);
    if (next == INDEX_op_stl_T0_A0 || next == INDEX_op_pushl_T0) {
        /* MOV r32 to memory, PUSH r32 */
        if (!t0_dead_from(opc, i + 2, n))
            return late_wanted = 1, 0;
        repl(rp, next == INDEX_op_stl_T0_A0 ? reg_st[r] : reg_push[r], 0, 0);
        return 2;
    }
    if (reg_of_load_t1[next] >= 0 &&
        (used = match_alu_t1(opc, i, n, i + 1, r, rp)) > 0)
        return used;
    if (shift_of[next] >= 0 && (pinned_regs & (1u << r)) && i + 2 < n &&
        reg_of_store_t0[opc[i + 2]] == r) {
        /* SHL, SHR, SAR r32, imm: T0 keeps what it held before (see
         * op-reg-template.h) */
        if (!t0_dead_from(opc, i + 3, n))
            return late_wanted = 1, 0;
        repl(rp, reg_shift_im[r][shift_of[next]][shift_cc_of[next]],
             *param_at(opc, p, i, i + 1), 0);
        return 3;
    }
    if (next == INDEX_op_addl_T0_im && i + 2 < n && reg_of_store_t0[opc[i + 2]] == r) {
        /* INC/DEC (and ADD imm) without flags: addl_T0_im k */
        if (!t0_dead_from(opc, i + 3, n))
            return late_wanted = 1, 0;
        repl(rp, reg_alu_im[r][ALU_ADD][0], *param_at(opc, p, i, i + 1), 0);
        return 3;
    }
    return match_test(opc, p, i, n, 0, r, rp);
}

/*
 * The buffers are rewritten in place: a replacement is never longer, in
 * ops or in parameters, than what it replaces, so the write position never
 * passes the read position.  The ops between two patterns move as one run,
 * and nothing moves before the first.
 */
/* A LOGIC record of R on R itself (andl/orl/xorl_R_im_cc, _T1_cc): R,
 * or -1; and the Jcc on a LOGIC record that a TEST of R does as well:
 * its TJ_ condition + 1, negated if below 0. */
static int8_t logic_reg_of[NB_OPS], logic_jcc_of[NB_OPS];

static void init_logic_jcc(void)
{
    static const struct { uint16_t op; int8_t tj; } jccs[] = {
        {INDEX_op_jz_dstl_label, TJ_z + 1}, {INDEX_op_jnz_dstl_label, -(TJ_z + 1)},
        {INDEX_op_js_dstl_label, TJ_s + 1}, {INDEX_op_jns_dstl_label, -(TJ_s + 1)},
        {INDEX_op_jle_logicl_label, TJ_le + 1},
        {INDEX_op_jnle_logicl_label, -(TJ_le + 1)}};
    static int done;

    if (done)
        return;
    done = 1;
    memset(logic_reg_of, -1, sizeof(logic_reg_of));
    for (int r = 0; r < 8; r++)
        for (int a = ALU_AND; a <= ALU_XOR; a++) {
            logic_reg_of[reg_alu_im[r][a][1]] = (int8_t)r;
            logic_reg_of[reg_alu_t1[r][a][1]] = (int8_t)r;
        }
    for (size_t i = 0; i < sizeof(jccs) / sizeof(jccs[0]); i++)
        logic_jcc_of[jccs[i].op] = jccs[i].tj;
}

/*
 * AND, OR, XOR r32 fused on the register, then a Jcc on Z, S or LE of its
 * record (`or %ecx,%esi; jne`, `and $1,%esi; je`): the Jcc becomes
 * testl_R_jCC_label, which records the same cc_dst (R) itself and branches
 * on R, not on the cc_dst just stored; the flag pass then drops the ALU
 * op's record.  The ops keep their places and parameters.
 */
static void fuse_logic_jcc(uint16_t *opc, int n)
{
    for (int i = 0; i + 2 < n; i++) {
        int r = logic_reg_of[opc[i]], j = i + 2, tj;

        if (r < 0 || opc[i + 1] != INDEX_op_insn_start)
            continue;
        if (opc[j] == INDEX_op_set_cc_op && j + 1 < n)
            j++;
        if (!(tj = logic_jcc_of[opc[j]]))
            continue;
        opc[j] = reg_test_jcc[0][(tj < 0 ? -tj : tj) - 1][tj < 0][r];
        i = j;
    }
}

void fuse_ops(int late)
{
    uint16_t *opc = gen_opc_buf, *out = gen_opc_buf;
    uint32_t *p = gen_opparam_buf, *pout = gen_opparam_buf, *run_p = p;
    int n = (int)(gen_opc_ptr - gen_opc_buf), run = 0;
    Repl rp;

    init_tables();
    init_logic_jcc();
    if (late && !late_wanted)
        return; /* the early pass met no pattern that T0 kept from fusing */
    fuse_late = late;
    late_wanted = 0;
    for (int i = 0; i < n; i++) {
        int scan = op_scan[opc[i]], used;

        if (scan < 16 || !(used = match(opc, p, i, n, scan >> 4, &rp))) {
            p += scan & 15;
            continue;
        }
        if (out != opc + run) { /* short runs: no library call */
            for (int m = run; m < i; m++)
                *out++ = opc[m];
            for (const uint32_t *q = run_p; q < p; q++)
                *pout++ = *q;
        } else {
            out += i - run;
            pout += p - run_p;
        }
        p = (uint32_t *)param_at(opc, p, i, i + used);
        for (int m = 0; m < rp.nops; m++)
            *out++ = rp.op[m];
        for (int m = 0; m < rp.nparams; m++)
            *pout++ = rp.param[m];
        i += used - 1;
        run = i + 1;
        run_p = p;
    }
    if (out != opc + run) {
        memmove(out, opc + run, (size_t)(n - run) * sizeof(*out));
        memmove(pout, run_p, (size_t)(p - run_p) * sizeof(*pout));
    }
    gen_opc_ptr = out + (n - run);
    gen_opparam_ptr = pout + (p - run_p);
    if (!late)
        fuse_logic_jcc(gen_opc_buf, (int)(gen_opc_ptr - gen_opc_buf));
}
