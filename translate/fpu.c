/*
 * The x87 decoder: escape opcodes D8-DF (Intel SDM vol. 2, appendix A.4,
 * tables ).  Each instruction becomes one or two micro-ops of
 * op/op-fpu.c: the operation (which calls its helper, op/helper-fpu.c)
 * and, for the popping forms, op_fpop.  The stack top is kept in env and
 * applied inside the helpers: the translator only passes stack indices.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fpu.h"
#include "op-gen.h"

typedef void (*GenOp)(void);
typedef void (*GenOp1)(uint32_t);
typedef void (*GenOp2)(uint32_t, uint32_t);

/* The arithmetic group of D8/DA/DC/DE, by ModRM reg field:
 * FADD FMUL FCOM FCOMP FSUB FSUBR FDIV FDIVR. */
enum { FA_ADD, FA_MUL, FA_COM, FA_COMP, FA_SUB, FA_SUBR, FA_DIV, FA_DIVR };

/* Memory forms by opcode (D8 m32fp, DA m32int, DC m64fp, DE m16int). */
static const GenOp mem_arith[4][8] = {
    {gen_op_fadd_s_A0, gen_op_fmul_s_A0, gen_op_fcom_s_A0, gen_op_fcom_s_A0,
     gen_op_fsub_s_A0, gen_op_fsubr_s_A0, gen_op_fdiv_s_A0, gen_op_fdivr_s_A0},
    {gen_op_fadd_il_A0, gen_op_fmul_il_A0, gen_op_fcom_il_A0, gen_op_fcom_il_A0,
     gen_op_fsub_il_A0, gen_op_fsubr_il_A0, gen_op_fdiv_il_A0,
     gen_op_fdivr_il_A0},
    {gen_op_fadd_l_A0, gen_op_fmul_l_A0, gen_op_fcom_l_A0, gen_op_fcom_l_A0,
     gen_op_fsub_l_A0, gen_op_fsubr_l_A0, gen_op_fdiv_l_A0, gen_op_fdivr_l_A0},
    {gen_op_fadd_is_A0, gen_op_fmul_is_A0, gen_op_fcom_is_A0, gen_op_fcom_is_A0,
     gen_op_fsub_is_A0, gen_op_fsubr_is_A0, gen_op_fdiv_is_A0,
     gen_op_fdivr_is_A0},
};

/* Register forms: ST(d) := ST(d) op ST(s), by FA_* (COM/COMP unused). */
static const GenOp2 reg_arith[8] = {
    gen_op_fadd_STN_STN, gen_op_fmul_STN_STN, NULL, NULL,
    gen_op_fsub_STN_STN, gen_op_fsubr_STN_STN, gen_op_fdiv_STN_STN,
    gen_op_fdivr_STN_STN};

/* Loads and stores of D9/DB/DD/DF by (opcode, reg); NULL entries are
 * decoded elsewhere or are #UD. */
enum { LS_NONE, LS_LOAD, LS_STORE, LS_STORE_POP };
typedef struct LoadStore {
    int kind;
    GenOp op;
} LoadStore;

static const LoadStore load_store[4][8] = {
    /* D9: FLD m32fp, -, FST m32fp, FSTP m32fp */
    {{LS_LOAD, gen_op_flds_A0}, {LS_NONE, NULL},
     {LS_STORE, gen_op_fsts_A0}, {LS_STORE_POP, gen_op_fsts_A0}},
    /* DB: FILD m32int, FISTTP m32int, FIST, FISTP; FLD m80fp (5), FSTP
     * m80fp (7) */
    {{LS_LOAD, gen_op_fildl_A0}, {LS_STORE_POP, gen_op_fisttpl_A0},
     {LS_STORE, gen_op_fistl_A0}, {LS_STORE_POP, gen_op_fistl_A0},
     {LS_NONE, NULL}, {LS_LOAD, gen_op_fldt_A0},
     {LS_NONE, NULL}, {LS_STORE_POP, gen_op_fstt_A0}},
    /* DD: FLD m64fp, FISTTP m64int, FST m64fp, FSTP m64fp */
    {{LS_LOAD, gen_op_fldl_A0}, {LS_STORE_POP, gen_op_fisttpll_A0},
     {LS_STORE, gen_op_fstl_A0}, {LS_STORE_POP, gen_op_fstl_A0}},
    /* DF: FILD m16int, FISTTP m16int, FIST, FISTP; FBLD, FILD m64int,
     * FBSTP, FISTP m64int */
    {{LS_LOAD, gen_op_filds_A0}, {LS_STORE_POP, gen_op_fisttps_A0},
     {LS_STORE, gen_op_fists_A0}, {LS_STORE_POP, gen_op_fists_A0},
     {LS_LOAD, gen_op_fbld_A0}, {LS_LOAD, gen_op_fildll_A0},
     {LS_STORE_POP, gen_op_fbstp_A0}, {LS_STORE_POP, gen_op_fistll_A0}},
};

/* D9 E0-FF, one operation each (NULL: #UD). */
static const GenOp d9_ops[32] = {
    gen_op_fchs, gen_op_fabs, NULL, NULL, gen_op_ftst, gen_op_fxam, NULL, NULL,
    gen_op_fld1, gen_op_fldl2t, gen_op_fldl2e, gen_op_fldpi, gen_op_fldlg2,
    gen_op_fldln2, gen_op_fldz, NULL,
    gen_op_f2xm1, gen_op_fyl2x, gen_op_fptan, gen_op_fpatan, gen_op_fxtract,
    gen_op_fprem1, gen_op_fdecstp, gen_op_fincstp,
    gen_op_fprem, gen_op_fyl2xp1, gen_op_fsqrt, gen_op_fsincos,
    gen_op_frndint, gen_op_fscale, gen_op_fsin, gen_op_fcos};

/* ---- memory operands ---- */

/* D9 /4-/7, DD /4 /6 /7: environment, control and status words. */
static int disas_x87_control_mem(DisasContext *s, int b, int op)
{
    uint32_t data32 = s->dflag;

    switch (b << 4 | op) {
    case 0xd94: gen_op_fldenv_A0(data32); break;
    case 0xd95: /* FLDCW m16 */
        gen_ld_T0(OT_WORD);
        gen_op_fldcw_T0();
        break;
    case 0xd96: gen_op_fnstenv_A0(data32); break;
    case 0xd97: /* FNSTCW m16 */
        gen_op_fnstcw_T0();
        gen_st_T0(OT_WORD);
        break;
    case 0xdd4: gen_op_frstor_A0(data32); break;
    case 0xdd6: gen_op_fnsave_A0(data32); break;
    case 0xdd7: /* FNSTSW m16 */
        gen_op_fnstsw_T0();
        gen_st_T0(OT_WORD);
        break;
    default:
        return 0;
    }
    return 1;
}

static void disas_x87_mem(DisasContext *s, int b, int modrm)
{
    int op = (modrm >> 3) & 7;
    const LoadStore *ls;

    gen_lea_modrm(s, modrm, 1);
    if (!(b & 1)) { /* D8 DA DC DE: ST(0) op memory */
        mem_arith[(b >> 1) & 3][op]();
        if (op == FA_COMP)
            gen_op_fpop();
        return;
    }
    if (disas_x87_control_mem(s, b, op))
        return;
    ls = &load_store[(b >> 1) & 3][op];
    if (ls->kind == LS_NONE) {
        gen_illegal(s);
        return;
    }
    ls->op();
    if (ls->kind == LS_STORE_POP)
        gen_op_fpop();
}

/* ---- register operands ---- */

/* FCMOVcc ST(0), ST(i) (DA/DB C0-DF): the condition in Jcc numbering
 * (SDM Jcc: B = 2, E = 4, BE = 6, P = 10; DB has the negations). */
static void gen_fcmov(DisasContext *s, int b, int op, int i)
{
    static const int jcc[4] = {2, 4, 6, 10};

    gen_cond_T0(s, jcc[op] | (b == 0xdb));
    gen_op_fcmov_T0_STN(i);
}

/* FCOMI/FUCOMI (DB F0/E8, DF F0/E8 with pop): EFLAGS from the compare. */
static void gen_fcomi(DisasContext *s, int unordered, int i, int pop)
{
    (unordered ? gen_op_fucomi_STN : gen_op_fcomi_STN)(i);
    cc_op_stored(s, CC_OP_EFLAGS);
    if (pop)
        gen_op_fpop();
}

static void disas_x87_arith_reg(DisasContext *s, int b, int op, int i)
{
    if (op == FA_COM || op == FA_COMP) {
        if (b == 0xde && op == FA_COMP) { /* DE D9: FCOMPP */
            if (i != 1) {
                gen_illegal(s);
                return;
            }
            gen_op_fcom_STN(1);
            gen_op_fpop();
            gen_op_fpop();
            return;
        }
        gen_op_fcom_STN(i); /* DC D0/D8 and DE D0 are aliases */
        if (op == FA_COMP || b == 0xde)
            gen_op_fpop();
        return;
    }
    if (b == 0xd8) {
        reg_arith[op](0, i);
        return;
    }
    /* DC, DE: ST(i) is the destination, and the SUB/SUBR and DIV/DIVR
     * encodings are the other way round (SDM A.4, table A-19). */
    reg_arith[op ^ (op >= FA_SUB ? 1 : 0)](i, 0);
    if (b == 0xde)
        gen_op_fpop();
}

static void disas_x87_reg(DisasContext *s, int b, int modrm)
{
    int op = (modrm >> 3) & 7, i = modrm & 7;

    if (!(b & 1)) {
        if (b == 0xda) {
            if (op < 4)
                gen_fcmov(s, b, op, i);
            else if (modrm == 0xe9) { /* FUCOMPP */
                gen_op_fucom_STN(1);
                gen_op_fpop();
                gen_op_fpop();
            } else
                gen_illegal(s);
            return;
        }
        disas_x87_arith_reg(s, b, op, i);
        return;
    }
    switch (b << 8 | (modrm & 0xf8)) {
    case 0xd9c0: gen_op_fld_st_STN(i); return;
    case 0xd9c8: case 0xddc8: case 0xdfc8: /* FXCH and its aliases */
        gen_op_fxch_STN(i);
        return;
    case 0xd9d0: /* FNOP */
        if (i != 0)
            gen_illegal(s);
        return;
    case 0xd9d8: case 0xddd8: case 0xdfd0: case 0xdfd8: /* FSTP (aliases) */
        gen_op_fst_st_STN(i);
        gen_op_fpop();
        return;
    case 0xddd0: gen_op_fst_st_STN(i); return;
    case 0xddc0: gen_op_ffree_STN(i); return;
    case 0xdfc0: /* FFREEP */
        gen_op_ffree_STN(i);
        gen_op_fpop();
        return;
    case 0xdde0: gen_op_fucom_STN(i); return;
    case 0xdde8:
        gen_op_fucom_STN(i);
        gen_op_fpop();
        return;
    case 0xdbc0: case 0xdbc8: case 0xdbd0: case 0xdbd8:
        gen_fcmov(s, b, op, i);
        return;
    case 0xdbe8: gen_fcomi(s, 1, i, 0); return;
    case 0xdbf0: gen_fcomi(s, 0, i, 0); return;
    case 0xdfe8: gen_fcomi(s, 1, i, 1); return;
    case 0xdff0: gen_fcomi(s, 0, i, 1); return;
    }
    if (b == 0xd9 && modrm >= 0xe0 && d9_ops[modrm - 0xe0]) {
        d9_ops[modrm - 0xe0]();
    } else if (b == 0xdb && (modrm == 0xe0 || modrm == 0xe1 || modrm == 0xe4)) {
        /* FENI, FDISI, FSETPM: no-ops since the 80387 */
    } else if (b == 0xdb && modrm == 0xe2) {
        gen_op_fnclex();
    } else if (b == 0xdb && modrm == 0xe3) {
        gen_op_fninit();
    } else if (b == 0xdf && modrm == 0xe0) { /* FNSTSW AX */
        gen_op_fnstsw_T0();
        gen_mov_reg_T0(OT_WORD, R_EAX);
    } else {
        gen_illegal(s);
    }
}

void disas_x87(DisasContext *s, int b)
{
    int modrm = fetch_b(s);

    if ((modrm >> 6) == 3)
        disas_x87_reg(s, b, modrm);
    else
        disas_x87_mem(s, b, modrm);
}
