/*
 * The VFPv3-D16 decoder (ARM ARM A7: "Floating-point instructions";
 * encodings from A7.5, A7.6, A7.8 and A7.9), reached from disas_coproc()
 * for coprocessors 10 (single precision) and 11 (double).  Only bits
 * 27:0 are read: the caller has handled the condition, so the Thumb-2
 * decoder can pass the same words.
 *
 * The FPU modelled is a Cortex-A9-class VFPv3-D16 without NEON, half
 * precision or trapped exceptions (or, with -cpu, a VFPv2 one, or none:
 * op/arm/cpu-models.c; arm_feature() refuses the VFPv3 encodings there):
 *   - d16-d31 do not exist: an encoding naming one is UNDEFINED;
 *   - VFMA/VFMS/VFNMA/VFNMS are VFPv4 and VCVTB/VCVTT half precision:
 *     UNDEFINED, as AT_HWCAP (no VFPv4, no half) promises;
 *   - FPSCR.Len/Stride (short vectors): a TB is translated for Len = 0
 *     or not (TB flag VECLEN, op/arm/cpu.h); with Len > 0 every
 *     data-processing instruction is the helper's, which runs the vector
 *     (op/arm/helper-vfp.c), as Linux's VFP support code does for a
 *     Cortex-A9, which bounces such instructions to it; a VMSR that
 *     changes which ends the TB there (op_vfp_check_veclen);
 *   - VMRS/VMSR reach only FPSCR: FPSID, MVFR0/1 and FPEXC are PL1
 *     registers (ARM ARM B-profile: "VMRS ... UNDEFINED in User mode for
 *     any register other than FPSCR"), so a user program gets SIGILL, as
 *     on Linux and qemu-arm.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "helper.h"
#include "op-gen.h"
#include "translate.h"

/* S register numbers are Vx:x, D register numbers x:Vx; VFPv3-D16 has no
 * D register above 15 (-1: UNDEFINED). */
static int sreg(uint32_t insn, int vbit_hi, int xbit)
{
    return (int)(BITS(insn, vbit_hi, vbit_hi - 3) << 1 | BIT(insn, xbit));
}

static int dreg(uint32_t insn, int vbit_hi, int xbit)
{
    return BIT(insn, xbit) ? -1 : (int)BITS(insn, vbit_hi, vbit_hi - 3);
}

static int vreg(uint32_t insn, int dp, int vbit_hi, int xbit)
{
    return dp ? dreg(insn, vbit_hi, xbit) : sreg(insn, vbit_hi, xbit);
}

#define VD(insn, dp) vreg(insn, dp, 15, 22)
#define VN(insn, dp) vreg(insn, dp, 19, 7)
#define VM(insn, dp) vreg(insn, dp, 3, 5)

static void gen_helper(int d, int n, int m, uint32_t op)
{
    gen_op_vfp_helper((uint32_t)d | (uint32_t)n << 8 | (uint32_t)m << 16, op);
}

/*
 * The operations that have an inline SSE form (op/arm/op-vfp.c, "the
 * fast path"): each op checks FPSCR's mode and its own result at run
 * time and calls helper_vfp itself for the rest, so the choice costs the
 * translator nothing.  One row per VfpOp, single then double; NULL: no
 * fast form (the fixed-point and VCVTR conversions).
 */
typedef void GenFast(uint32_t d, uint32_t n, uint32_t m);
static GenFast *const fast_ops[][2] = {
    [VFP_ADD] = {gen_op_simd_vfp_adds, gen_op_simd_vfp_addd},
    [VFP_SUB] = {gen_op_simd_vfp_subs, gen_op_simd_vfp_subd},
    [VFP_MUL] = {gen_op_simd_vfp_muls, gen_op_simd_vfp_muld},
    [VFP_DIV] = {gen_op_simd_vfp_divs, gen_op_simd_vfp_divd},
    [VFP_MLA] = {gen_op_simd_vfp_mlas, gen_op_simd_vfp_mlad},
    [VFP_MLS] = {gen_op_simd_vfp_mlss, gen_op_simd_vfp_mlsd},
    [VFP_NMLA] = {gen_op_simd_vfp_nmlas, gen_op_simd_vfp_nmlad},
    [VFP_NMLS] = {gen_op_simd_vfp_nmlss, gen_op_simd_vfp_nmlsd},
    [VFP_NMUL] = {gen_op_simd_vfp_nmuls, gen_op_simd_vfp_nmuld},
    [VFP_SQRT] = {gen_op_simd_vfp_sqrts, gen_op_simd_vfp_sqrtd},
    [VFP_CMP] = {gen_op_simd_vfp_cmps, gen_op_simd_vfp_cmpd},
    [VFP_CMPE] = {gen_op_simd_vfp_cmpes, gen_op_simd_vfp_cmped},
    [VFP_CMPZ] = {gen_op_simd_vfp_cmpzs, gen_op_simd_vfp_cmpzd},
    [VFP_CMPEZ] = {gen_op_simd_vfp_cmpezs, gen_op_simd_vfp_cmpezd},
    /* indexed by the source's precision, as the helper's VFP_DP */
    [VFP_CVT_FD] = {gen_op_simd_vfp_cvt_ds, gen_op_simd_vfp_cvt_sd},
    [VFP_UITO] = {gen_op_simd_vfp_uitos, gen_op_simd_vfp_uitod},
    [VFP_SITO] = {gen_op_simd_vfp_sitos, gen_op_simd_vfp_sitod},
};
static GenFast *const fast_rz_ops[][2] = {
    [VFP_TOUI] = {gen_op_simd_vfp_touizs, gen_op_simd_vfp_touizd},
    [VFP_TOSI] = {gen_op_simd_vfp_tosizs, gen_op_simd_vfp_tosizd},
};

/* The fast op for `op` if there is one, else the helper call; both take
 * the same d, n, m.  Short vectors (FPSCR.Len > 0) are the helper's. */
static void gen_arith(const DisasContext *s, int d, int n, int m, uint32_t op)
{
    uint32_t kind = op & 0xff;
    int dp = (op & VFP_DP) != 0;
    GenFast *fast = NULL;

    if (s->veclen)
        fast = NULL;
    else if (op & VFP_RZ)
        fast = kind < sizeof(fast_rz_ops) / sizeof(fast_rz_ops[0]) ? fast_rz_ops[kind][dp] : NULL;
    else if (kind < sizeof(fast_ops) / sizeof(fast_ops[0]))
        fast = fast_ops[kind][dp];
    if (fast && !(op & ~(VFP_DP | VFP_RZ | 0xffu)))
        fast((uint32_t)d, (uint32_t)n, (uint32_t)m);
    else
        gen_helper(d, n, m, op);
}

/* VFPExpandImm (ARM ARM A7.5.1): the sign, NOT(b) and b repeated, then
 * cdefgh; a double's low word is zero. */
static uint32_t expand_imm(uint32_t imm8, int dp)
{
    uint32_t a = imm8 >> 7, b = (imm8 >> 6) & 1, rest = imm8 & 0x3f;

    if (dp)
        return a << 31 | (b ^ 1) << 30 | (b ? 0xffu << 22 : 0) | rest << 16;
    return a << 31 | (b ^ 1) << 30 | (b ? 0x1fu << 25 : 0) | rest << 19;
}

/* ---- data processing (A7.5) ---- */

/* opc2 = bits 19:16 of the "other" group (opc1 = 1x11, bit 6 = 1). */
static int disas_other(const DisasContext *s, uint32_t insn, int dp)
{
    int opc2 = (int)BITS(insn, 19, 16), op7 = BIT(insn, 7);
    int d, m;
    uint32_t P = dp ? VFP_DP : 0;

    switch (opc2) {
    case 0x0: /* VMOV (register) / VABS */
    case 0x1: /* VNEG / VSQRT */
        d = VD(insn, dp), m = VM(insn, dp);
        if (d < 0 || m < 0)
            return -1;
        if (opc2 == 1 && op7)
            gen_arith(s, d, 0, m, VFP_SQRT | P);
        else if (s->veclen)
            gen_helper(d, 0, m, (opc2 == 1 ? VFP_NEG : op7 ? VFP_ABS : VFP_MOV) | P);
        else if (opc2 == 1)
            (dp ? gen_op_vfp_negd : gen_op_vfp_negs)((uint32_t)d, (uint32_t)m);
        else if (op7)
            (dp ? gen_op_vfp_absd : gen_op_vfp_abss)((uint32_t)d, (uint32_t)m);
        else
            (dp ? gen_op_vfp_movd : gen_op_vfp_movs)((uint32_t)d, (uint32_t)m);
        return 0;
    case 0x4: /* VCMP{E} Vd, Vm */
    case 0x5: /* VCMP{E} Vd, #0.0 */
        d = VD(insn, dp), m = opc2 == 4 ? VM(insn, dp) : 0;
        if (d < 0 || m < 0 || (opc2 == 5 && (BITS(insn, 3, 0) || BIT(insn, 5))))
            return -1;
        gen_arith(s, d, 0, m,
                  (opc2 == 4 ? (op7 ? VFP_CMPE : VFP_CMP) : (op7 ? VFP_CMPEZ : VFP_CMPZ)) | P);
        return 0;
    case 0x7: /* VCVT between double and single: Vd has the other size */
        d = VD(insn, !dp), m = VM(insn, dp);
        if (d < 0 || m < 0 || !op7)
            return -1;
        gen_arith(s, d, 0, m, VFP_CVT_FD | P);
        return 0;
    case 0x8: /* VCVT.F<sz>.{U,S}32 Vd, Sm (FPSCR rounding) */
        d = VD(insn, dp), m = VM(insn, 0);
        if (d < 0)
            return -1;
        gen_arith(s, d, 0, m, (op7 ? VFP_SITO : VFP_UITO) | P);
        return 0;
    case 0xc: /* VCVT{R}.{U,S}32.F<sz> Sd, Vm */
    case 0xd:
        d = VD(insn, 0), m = VM(insn, dp);
        if (m < 0)
            return -1;
        gen_arith(s, d, 0, m, (opc2 == 0xd ? VFP_TOSI : VFP_TOUI) | (op7 ? VFP_RZ : 0) | P);
        return 0;
    case 0xa: /* VCVT between floating and fixed point (A8.8.307) */
    case 0xb:
    case 0xe:
    case 0xf: {
        int size = op7 ? 32 : 16;
        int imm = (int)(BITS(insn, 3, 0) << 1 | BIT(insn, 5));
        int fbits = size - imm;
        uint32_t kind = BIT(insn, 18) ? VFP_TOFIX : VFP_FROMFIX;

        d = VD(insn, dp);
        if (d < 0 || fbits < 0 || !arm_feature(ARM_FEATURE_VFP3)) /* fbits < 0: UNPREDICTABLE, here UNDEFINED */
            return -1;
        gen_helper(d, 0, 0, kind | P | (BIT(insn, 16) ? VFP_UNSIGNED : 0) |
                                (size == 16 ? VFP_SIZE16 : 0) |
                                (uint32_t)fbits << VFP_FRAC_SHIFT);
        return 0;
    }
    default: /* 001x: half precision; 0110: VRINT (v8) */
        return -1;
    }
}

static int disas_vfp_dp(const DisasContext *s, uint32_t insn)
{
    int dp = BIT(insn, 8), opc1 = (int)((BITS(insn, 23, 23) << 2) | BITS(insn, 21, 20));
    int op6 = BIT(insn, 6), d, n, m;
    uint32_t P = dp ? VFP_DP : 0, imm;
    static const uint32_t ops[4][2] = {
        {VFP_MLA, VFP_MLS}, {VFP_NMLS, VFP_NMLA}, {VFP_MUL, VFP_NMUL}, {VFP_ADD, VFP_SUB},
    };

    if (opc1 == 7) {
        if (op6)
            return disas_other(s, insn, dp);
        /* VMOV (immediate): bits 7:4 and 5 are zero (A8.8.339); VFPv3 */
        d = VD(insn, dp);
        if (d < 0 || BITS(insn, 7, 4) || !arm_feature(ARM_FEATURE_VFP3))
            return -1;
        imm = expand_imm(BITS(insn, 19, 16) << 4 | BITS(insn, 3, 0), dp);
        if (s->veclen) /* the value's bits 31:16 (a double's 63:48) are all */
            gen_op_vfp_helper((uint32_t)d, VFP_MOVI | P | imm);
        else
            (dp ? gen_op_vfp_movd_im : gen_op_vfp_movs_im)((uint32_t)d, imm);
        return 0;
    }
    d = VD(insn, dp), n = VN(insn, dp), m = VM(insn, dp);
    if (d < 0 || n < 0 || m < 0)
        return -1;
    if (opc1 < 4) {
        gen_arith(s, d, n, m, ops[opc1][op6] | P);
        return 0;
    }
    if (opc1 == 4 && !op6) { /* VDIV */
        gen_arith(s, d, n, m, VFP_DIV | P);
        return 0;
    }
    return -1; /* VFNMA, VFNMS, VFMA, VFMS: VFPv4 */
}

/* ---- 8-, 16- and 32-bit transfers with the core (A7.8) ---- */
static int disas_vfp_xfer(DisasContext *s, uint32_t insn)
{
    int rt = (int)BITS(insn, 15, 12), load = BIT(insn, 20);
    int opc = (int)BITS(insn, 23, 21), cp11 = BIT(insn, 8), n;

    if (BITS(insn, 3, 0) || BIT(insn, 6))
        return -1;
    if (opc == 7 && !cp11 && !BIT(insn, 7) && !BIT(insn, 5)) {
        /* VMRS Rt, FPSCR / VMSR FPSCR, Rt (A8.8.348-349); Rt = 15 in a
         * VMRS is APSR_nzcv.  The other registers are PL1's. */
        if (BITS(insn, 19, 16) != 1)
            return -1;
        if (!load) {
            if (rt == 15)
                return -1;
            gen_mov_T0_reg(s, rt);
            gen_op_vfp_mov_fpscr_T0();
            gen_op_vfp_check_veclen(s->pc, s->veclen ? TB_FLAG_VECLEN : 0,
                                    s->thumb ? s->next_condexec : 0);
        } else if (rt == 15) {
            gen_op_vfp_fpscr_nzcv();
        } else {
            gen_op_vfp_mov_T0_fpscr();
            gen_mov_reg_T0(rt);
        }
        return 0;
    }
    if (rt == 15 || BIT(insn, 5))
        return -1;
    if (!cp11 && opc == 0) /* VMOV Rt <-> Sn (A8.8.343) */
        n = sreg(insn, 19, 7);
    else if (cp11 && (opc & 6) == 0) /* VMOV.32 Rt <-> Dn[x] (A8.8.341-342) */
        n = BIT(insn, 7) ? -1 : (int)(BITS(insn, 19, 16) << 1 | BIT(insn, 21));
    else
        return -1; /* VDUP and the 8/16-bit scalars: Advanced SIMD */
    if (n < 0)
        return -1;
    if (load) {
        gen_op_vfp_mov_T0_s((uint32_t)n);
        gen_mov_reg_T0(rt);
    } else {
        gen_mov_T0_reg(s, rt);
        gen_op_vfp_mov_s_T0((uint32_t)n);
    }
    return 0;
}

/* ---- 64-bit transfers with the core (A7.9): VMOV Rt, Rt2 <-> Sm, Sm+1
 * or Dm ---- */
static int disas_vfp_xfer64(DisasContext *s, uint32_t insn)
{
    int rt = (int)BITS(insn, 15, 12), rt2 = (int)BITS(insn, 19, 16);
    int load = BIT(insn, 20), m;

    if (BITS(insn, 7, 6) || !BIT(insn, 4) || rt == 15 || rt2 == 15 ||
        (load && rt == rt2))
        return -1;
    if (BIT(insn, 8)) {
        m = dreg(insn, 3, 5);
        if (m < 0)
            return -1;
        m *= 2;
    } else {
        m = sreg(insn, 3, 5);
        if (m == 31)
            return -1;
    }
    if (load) {
        gen_op_vfp_mov_T0_s((uint32_t)m);
        gen_op_vfp_mov_T1_s((uint32_t)m + 1);
        gen_mov_reg_T0(rt);
        gen_mov_reg_T1(rt2);
    } else {
        gen_mov_T0_reg(s, rt);
        gen_mov_T1_reg(s, rt2);
        gen_op_vfp_mov_s_T0((uint32_t)m);
        gen_op_vfp_mov_s_T1((uint32_t)m + 1);
    }
    return 0;
}

/* ---- extension register loads and stores (A7.6): VLDR, VSTR, VLDM,
 * VSTM, VPUSH, VPOP ---- */
static void gen_ldst_one(int dp, int load, int r)
{
    if (dp)
        (load ? gen_op_vfp_ldd_A0 : gen_op_vfp_std_A0)((uint32_t)r);
    else
        (load ? gen_op_vfp_lds_A0 : gen_op_vfp_sts_A0)((uint32_t)r);
}

static int disas_vfp_ldst(DisasContext *s, uint32_t insn)
{
    int pre = BIT(insn, 24), up = BIT(insn, 23), wb = BIT(insn, 21);
    int load = BIT(insn, 20), rn = (int)BITS(insn, 19, 16), dp = BIT(insn, 8);
    uint32_t imm8 = BITS(insn, 7, 0);
    int d = VD(insn, dp), count, size = dp ? 8 : 4;

    if (d < 0)
        return -1;
    gen_op_movl_pc_im(s->insn_pc); /* an alignment fault reports it */
    if (pre && !wb) { /* VLDR / VSTR: [Rn, #+-imm8*4]; PC reads Align(PC,4) */
        if (rn == 15)
            gen_op_movl_A0_im(read_pc(s) & ~3u);
        else
            gen_mov_A0_reg(s, rn);
        if (imm8)
            gen_op_addl_A0_im(up ? imm8 * 4 : -imm8 * 4);
        gen_ldst_one(dp, load, d);
        return 0;
    }
    /* VLDM/VSTM: IA (P=0 U=1, W optional) or DB with writeback (P=1
     * U=0 W=1); an odd imm8 in the double form is FLDMX/FSTMX, which
     * transfers imm8/2 registers. */
    if (pre == up || (pre && !wb))
        return -1;
    /* A8.8.332: at most 16 doubles; singles up to s31 (all 32) */
    count = dp ? (int)imm8 / 2 : (int)imm8;
    if (count == 0 || (dp && count > 16) || d + count > (dp ? 16 : 32) ||
        (rn == 15 && wb))
        return -1; /* UNPREDICTABLE ones made UNDEFINED */
    gen_mov_A0_reg(s, rn);
    if (!up)
        gen_op_addl_A0_im(-imm8 * 4);
    for (int i = 0; i < count; i++) {
        gen_ldst_one(dp, load, d + i);
        if (i + 1 < count)
            gen_op_addl_A0_im((uint32_t)size);
    }
    if (wb) {
        gen_mov_A0_reg(s, rn);
        gen_op_addl_A0_im(up ? imm8 * 4 : -imm8 * 4);
        gen_mov_reg_A0(rn);
    }
    return 0;
}

/* Coprocessor 10 or 11, bits 27:24 = 110x or 1110 (the caller checked). */
void disas_vfp(DisasContext *s, uint32_t insn)
{
    int r;

    if (BITS(insn, 27, 25) == 6)
        r = (BITS(insn, 24, 21) == 2) ? disas_vfp_xfer64(s, insn)
                                      : disas_vfp_ldst(s, insn);
    else if (BIT(insn, 4))
        r = disas_vfp_xfer(s, insn);
    else
        r = disas_vfp_dp(s, insn);
    if (r < 0)
        gen_undef(s);
}
