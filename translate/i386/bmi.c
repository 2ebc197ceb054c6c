/*
 * The general-register extensions after SSE2 (Intel SDM vol. 2): POPCNT
 * and LZCNT/TZCNT (F3 0F B8/BD/BC), MOVBE and ADCX/ADOX (0F 38 F0-F6),
 * and the VEX-encoded BMI1 and BMI2 (SDM vol. 2, 2.3: the C4/C5 prefix,
 * which in 32-bit mode is LES/LDS unless the next byte has its top two
 * bits set).  The computation is one helper by kind
 * (op/i386/helper-bmi.c); what CPUID reports of them is in
 * op/i386/helper-int.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "avx.h"
#include "bmi.h"
#include "fpu.h"
#include "helper.h"
#include "op-gen.h"

static int modrm_reg(int modrm) { return (modrm >> 3) & 7; }
static int modrm_is_reg(int modrm) { return (modrm >> 6) == 3; }

/* Kinds that set the flags (as EFLAGS bits). */
static int bmi_sets_flags(int kind)
{
    switch (kind & ~BMI_16) {
    case BMI_PDEP: case BMI_PEXT: case BMI_MULX: case BMI_RORX:
    case BMI_SARX: case BMI_SHLX: case BMI_SHRX:
        return 0;
    default:
        return 1;
    }
}

/* T0 := kind(T0, T1) */
static void gen_bmi(DisasContext *s, int kind)
{
    gen_update_cc_op(s); /* ADCX/ADOX read the flags */
    gen_op_bmi_T0_T1((uint32_t)kind);
    if (bmi_sets_flags(kind))
        cc_op_stored(s, CC_OP_EFLAGS);
}

/* POPCNT, TZCNT, LZCNT Gv, Ev (F3 0F B8, BC, BD). */
void disas_bitcount(DisasContext *s, int b)
{
    int ot = s->dflag ? OT_LONG : OT_WORD, modrm = fetch_b(s);
    int kind = b == 0x1b8 ? BMI_POPCNT : b == 0x1bc ? BMI_TZCNT : BMI_LZCNT;

    gen_load_rm_T0(s, modrm, ot);
    gen_bmi(s, kind | (ot == OT_WORD ? BMI_16 : 0));
    gen_mov_reg_T0(ot, modrm_reg(modrm));
}

/* MOVBE Gv, Mv / Mv, Gv (0F 38 F0, F1): a load or store with the bytes
 * swapped; memory operands only. */
static void disas_movbe(DisasContext *s, int store)
{
    int ot = s->dflag ? OT_LONG : OT_WORD, modrm = fetch_b(s);

    if (modrm_is_reg(modrm)) {
        gen_illegal(s);
        return;
    }
    gen_lea_modrm(s, modrm, 1);
    if (store) {
        gen_mov_T0_reg(ot, modrm_reg(modrm));
        (ot == OT_LONG ? gen_op_bswapl_T0 : gen_op_bswapw_T0)();
        gen_st_T0(ot);
    } else {
        gen_ld_T0(ot);
        (ot == OT_LONG ? gen_op_bswapl_T0 : gen_op_bswapw_T0)();
        gen_mov_reg_T0(ot, modrm_reg(modrm));
    }
}

/* ADCX (66) and ADOX (F3) Gy, Ey (0F 38 F6): an add with carry through
 * CF or OF alone. */
static void disas_adx(DisasContext *s, int kind)
{
    int modrm = fetch_b(s);

    gen_load_rm_T0(s, modrm, OT_LONG);
    gen_mov_T1_reg(OT_LONG, modrm_reg(modrm));
    gen_bmi(s, kind);
    gen_mov_reg_T0(OT_LONG, modrm_reg(modrm));
}

/* The three-byte map 0F 38 without VEX; the rest of it (SSSE3, SSE4,
 * AES-NI, CRC32) is the SIMD decoder's (translate/i386/sse.c). */
void disas_0f38(DisasContext *s)
{
    int b = fetch_b(s);
    int f3 = (s->prefix & PREFIX_REPZ) != 0, f2 = (s->prefix & PREFIX_REPNZ) != 0;

    if ((b == 0xf0 || b == 0xf1) && !f2 && !f3) {
        disas_movbe(s, b == 0xf1);
    } else if (b == 0xf6 && !f2 && (f3 || (s->prefix & PREFIX_DATA))) {
        disas_adx(s, f3 ? BMI_ADOX : BMI_ADCX);
    } else {
        disas_sse_0f38(s, b);
    }
}

/* ---- VEX (BMI1, BMI2) ---- */

enum { PP_NONE, PP_66, PP_F3, PP_F2 };

/* Gy := op(Ey, By): the kinds with r/m first and VEX.vvvv second. */
static void gen_vex_rm_v(DisasContext *s, const Vex *v, int modrm, int kind)
{
    gen_load_rm_T0(s, modrm, OT_LONG);
    gen_mov_T1_reg(OT_LONG, v->vvvv);
    gen_bmi(s, kind);
    gen_mov_reg_T0(OT_LONG, modrm_reg(modrm));
}

/* MULX Gy (high), By (low), Ey: EDX times r/m; the high half wins when
 * both destinations are the same register. */
static void gen_mulx(DisasContext *s, const Vex *v, int modrm)
{
    gen_load_rm_T0(s, modrm, OT_LONG);
    gen_bmi(s, BMI_MULX);
    gen_op_movl_T1_t2();
    gen_mov_reg_T1(OT_LONG, v->vvvv);
    gen_mov_reg_T0(OT_LONG, modrm_reg(modrm));
}

/* Group 17 (VEX 0F 38 F3): BLSR, BLSMSK, BLSI By, Ey. */
static int gen_group17(DisasContext *s, const Vex *v, int modrm)
{
    static const int kinds[8] = {[1] = BMI_BLSR, [2] = BMI_BLSMSK, [3] = BMI_BLSI};
    int kind = kinds[modrm_reg(modrm)];

    if (!kind)
        return 0;
    gen_load_rm_T0(s, modrm, OT_LONG);
    gen_bmi(s, kind);
    gen_mov_reg_T0(OT_LONG, v->vvvv);
    return 1;
}

/* The VEX instruction after its prefix; 0 if it is not one stitch has. */
static int disas_vex_insn(DisasContext *s, const Vex *v)
{
    int b = fetch_b(s), modrm = fetch_b(s);

    if (v->l)
        return 0;
    if (v->map == 3 && b == 0xf0 && v->pp == PP_F2) { /* RORX Gy, Ey, Ib */
        if (v->vvvv != 0) /* VEX.vvvv reserved: 1111b, else #UD */
            return 0;
        gen_load_rm_T0(s, modrm, OT_LONG);
        gen_op_movl_T1_im(fetch_b(s));
        gen_bmi(s, BMI_RORX);
        gen_mov_reg_T0(OT_LONG, modrm_reg(modrm));
        return 1;
    }
    if (v->map != 2)
        return 0;
    switch (b << 4 | v->pp) {
    case 0xf20: /* ANDN Gy, By, Ey */
        gen_vex_rm_v(s, v, modrm, BMI_ANDN);
        return 1;
    case 0xf30:
        return gen_group17(s, v, modrm);
    case 0xf50: gen_vex_rm_v(s, v, modrm, BMI_BZHI); return 1;
    case 0xf53: gen_vex_rm_v(s, v, modrm, BMI_PDEP); return 1;
    case 0xf52: gen_vex_rm_v(s, v, modrm, BMI_PEXT); return 1;
    case 0xf63: gen_mulx(s, v, modrm); return 1;
    case 0xf70: gen_vex_rm_v(s, v, modrm, BMI_BEXTR); return 1;
    case 0xf71: gen_vex_rm_v(s, v, modrm, BMI_SHLX); return 1;
    case 0xf72: gen_vex_rm_v(s, v, modrm, BMI_SARX); return 1;
    case 0xf73: gen_vex_rm_v(s, v, modrm, BMI_SHRX); return 1;
    default:
        return 0;
    }
}

int disas_vex(DisasContext *s, int b)
{
    Vex v;
    uint32_t insn;
    int p;

    if (((*(uint8_t *)g2h(s->pc)) >> 6) != 3)
        return 0; /* LES, LDS */
    if (s->prefix & (PREFIX_DATA | PREFIX_REPZ | PREFIX_REPNZ | PREFIX_LOCK)) {
        gen_illegal(s); /* 66 F2 F3 F0 before VEX */
        return 1;
    }
    p = fetch_b(s);
    if (b == 0xc5) {
        v.map = 1;
        v.w = 0;
    } else {
        v.map = p & 0x1f;
        p = fetch_b(s);
        v.w = p >> 7;
    }
    v.vvvv = (~p >> 3) & 7; /* bit 3 is ignored outside 64-bit mode */
    v.l = (p >> 2) & 1;
    v.pp = p & 3;
    insn = s->pc;
    if (disas_vex_insn(s, &v))
        return 1;
    s->pc = insn;
    if (!disas_avx(s, &v)) /* AVX, AVX2, FMA, F16C */
        gen_illegal(s);
    return 1;
}
