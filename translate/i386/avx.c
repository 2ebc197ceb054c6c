/*
 * The VEX-encoded AVX, AVX2, FMA and F16C instructions (Intel SDM vol. 2,
 * 2.3), after translate/i386/bmi.c has read the C4/C5 prefix (and found
 * the instruction is none of BMI1/BMI2's).
 *
 * The regular part -- a destination, VEX.vvvv and an r/m source, in one
 * of the operand shapes of op/i386/avx-ops.h -- is one table indexed by
 * map, VEX.pp, opcode and VEX.W, whose entries are micro-ops that run the
 * instruction inline (op/i386/op-avx.c).  Moves, conversions with general
 * registers, the imm8 forms and the rest are the cases of
 * disas_avx_special(); the imm8 and lane-crossing shuffles run in
 * helper_avx() (op/i386/helper-avx.c).
 *
 * Operand rules checked here (SDM vol. 2, 2.3.6, 2.5): VEX.vvvv must be
 * 1111b where an instruction has no such operand, VEX.L selects 128 or
 * 256 bits where both exist and is ignored by the scalar ones ("LIG"),
 * VEX.W selects between instructions where the SDM lists W0/W1.  In
 * 32-bit mode only XMM0-7/YMM0-7 exist and VEX.vvvv's top bit is ignored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stddef.h>

#include "avx.h"
#include "avx-ops.h"
#include "fpu.h"
#include "helper-avx.h"
#include "op-gen.h"

enum { K_B, K_SH, K_F, K_U, K_W, K_N };
enum { L_BOTH, L_IG, L_128, L_256 };
enum { PP_NONE, PP_66, PP_F3, PP_F2 };
#define T0_REG 8 /* xmm_t0 and ymmh[8]: a memory operand for a helper */
#define VSZ(l) ((l) ? 32 : 16)

typedef void (*GenR)(uint32_t, uint32_t, uint32_t);
typedef void (*GenM)(uint32_t, uint32_t);

typedef struct AvxOp {
    GenR r128, r256;
    GenM m128, m256;
    int kind, lmode;
} AvxOp;

/* [map - 1][pp][opcode][W] */
static AvxOp table[2][4][256][2];

static int modrm_reg(int modrm) { return (modrm >> 3) & 7; }
static int modrm_is_reg(int modrm) { return (modrm >> 6) == 3; }

static uint32_t xoff(int i)
{
    return (uint32_t)(offsetof(CPUState, xmm) + 16 * (unsigned)i);
}

#define E_128(n) e.r128 = gen_op_simd_##n##_r128; e.m128 = gen_op_simd_##n##_m128;
#define E_256(n) e.r256 = gen_op_simd_##n##_r256; e.m256 = gen_op_simd_##n##_m256;
#define E_BOTH(n) E_128(n) E_256(n)
#define E_K_B_L_BOTH E_BOTH
#define E_K_B_L_IG E_128
#define E_K_B_L_128 E_128
#define E_K_B_L_256 E_256
#define E_K_SH_L_BOTH E_BOTH
#define E_K_F_L_BOTH E_BOTH
#define E_K_F_L_IG E_128
#define E_K_U_L_BOTH E_BOTH
#define E_K_U_L_128 E_128
#define E_K_W_L_BOTH E_BOTH
#define E_K_W_L_256 E_256
#define E_K_N_L_BOTH E_BOTH

static void set_entry(int map, int pp, int opc, int w, AvxOp e)
{
    for (int i = 0; i < 2; i++)
        if (w < 0 || w == i)
            table[map - 1][pp][opc][i] = e;
}

static void init_table(void)
{
    static int done;

    if (done)
        return;
    done = 1;
#define ENTRY(map, pp, opc, w, lm, k, n)                                    \
    {                                                                       \
        AvxOp e = {0};                                                      \
        E_##k##_##lm(n) e.kind = k;                                         \
        e.lmode = lm;                                                       \
        set_entry(map, pp, opc, w, e);                                      \
    }
    AVX_MAP1_OPS(ENTRY)
    AVX_MAP2_OPS(ENTRY)
#undef ENTRY
}

/* The AVX state is there only in the -cpu models that have it
 * (op/i386/cpu-models.c); elsewhere a VEX instruction is #UD, as on a
 * CPU without AVX.  STITCH_CPUID_NOSIMD hides the CPUID bits only, as it
 * does for SSE (check-nosimd). */
static int model_has(uint32_t ecx_bit)
{
    return (cpu_model_simd_ecx & ecx_bit) != 0;
}

static int avx_enabled(void)
{
    return model_has(CPUID_1_ECX_AVX);
}

/*
 * The bytes a table instruction's memory operand covers, for the segment
 * limit check (SDM vol. 2, each instruction's operand column): the full
 * width, a scalar's 4 or 8 bytes (by the prefix, or VEX.W for FMA), and
 * for K_W the part its opcode converts or broadcasts.
 */
static int table_mem_size(const Vex *v, const AvxOp *e, int b, int l)
{
    static const int pmov_div[6] = {2, 4, 8, 2, 4, 2}; /* 0F38 20-25, 30-35 */

    if (e->lmode == L_IG)
        return (v->map == 2 ? v->w : v->pp == PP_F2) ? 8 : 4;
    if (v->map == 1 && b == 0x12 && v->pp == PP_F2 && !l) /* VMOVDDUP xmm, m64 */
        return 8;
    if (e->kind == K_SH)
        return 16;
    if (e->kind != K_W)
        return VSZ(l);
    if (v->map == 1 || b == 0x13) /* VCVTPS2PD, VCVTDQ2PD, VCVTPH2PS */
        return VSZ(l) / 2;
    if ((b & 0xef) >= 0x20 && (b & 0xef) <= 0x25)
        return VSZ(l) / pmov_div[(b & 0xf)];
    switch (b) {
    case 0x78: return 1;
    case 0x79: return 2;
    case 0x18: case 0x58: return 4;
    case 0x19: case 0x59: return 8;
    }
    return 1;
}

/* A table instruction: dst = reg, VEX.vvvv, r/m. */
static int gen_table(DisasContext *s, const Vex *v, const AvxOp *e, int b, int modrm)
{
    int l = v->l;

    if (e->lmode == L_IG || e->lmode == L_128) {
        if (l && e->lmode == L_128)
            return 0;
        l = 0;
    }
    if (e->lmode == L_256 && !l)
        return 0;
    if ((e->kind == K_U || e->kind == K_W || e->kind == K_N) && v->vvvv != 0)
        return 0;
    if (!modrm_is_reg(modrm)) {
        gen_lea_modrm(s, modrm, 1);
        gen_limit_extent(s, table_mem_size(v, e, b, l), 0);
        (l ? e->m256 : e->m128)(xoff(modrm_reg(modrm)), xoff(v->vvvv));
    } else {
        (l ? e->r256 : e->r128)(xoff(modrm_reg(modrm)), xoff(v->vvvv),
                                xoff(modrm & 7));
    }
    return 1;
}

/* The r/m operand of a helper instruction as a register number: a memory
 * operand of `size` bytes is loaded into register T0_REG first. */
static int gen_helper_src(DisasContext *s, int modrm, int size)
{
    if (modrm_is_reg(modrm))
        return modrm & 7;
    gen_lea_modrm(s, modrm, 1);
    gen_limit_extent(s, size, 0);
    if (size == 32)
        gen_op_simd_vmov_m256(xoff(T0_REG), 0);
    else if (size == 16)
        gen_op_simd_vmov_m128(xoff(T0_REG), 0);
    else if (size == 8)
        gen_op_ldq_env_A0(xoff(T0_REG));
    else
        gen_op_ldl_env_A0(xoff(T0_REG));
    return T0_REG;
}

static void gen_helper(int id, int d, int vv, int src, int l, int imm)
{
    gen_op_avx_helper(AVXR(d, vv, src, l), (uint32_t)imm, (uint32_t)id);
}

/* VEX.66.0F 71-73: the shifts by an immediate of groups 12-14, the
 * destination in VEX.vvvv (SDM vol. 2, table A-6). */
static int gen_shift_imm(DisasContext *s, const Vex *v, int b, int modrm)
{
    int op = modrm_reg(modrm), rm = modrm & 7, imm;

    if (!modrm_is_reg(modrm) || v->pp != PP_66)
        return 0;
    imm = fetch_b(s);
#define SHI(n, opc, r)                                                      \
    if (b == opc && op == r) {                                              \
        (v->l ? gen_op_simd_##n##_i256 : gen_op_simd_##n##_i128)(           \
            xoff(v->vvvv), xoff(rm), (uint32_t)imm);                        \
        return 1;                                                           \
    }
    AVX_SHIFT_IMM_OPS(SHI)
#undef SHI
    if (b == 0x73 && (op == 3 || op == 7)) {
        gen_helper(op == 3 ? AVXH_PSRLDQ : AVXH_PSLLDQ, v->vvvv, 0, rm, v->l,
                   imm > 16 ? 16 : imm);
        return 1;
    }
    return 0;
}

/* VMOVUPS/UPD/APS/APD/DQU/DQA loads (to = 0) and stores (to = 1).  The
 * aligned ones (VMOVAPS/APD/DQA, VMOVNTPS/PD/DQ, VMOVNTDQA) want a
 * memory operand aligned on its size, 16 or 32 bytes, else #GP(0) (SDM
 * vol. 2, 2.5, table 2-18: exception type 1; the other VEX loads and
 * stores have no alignment rule, "type 4"). */
static void gen_move(DisasContext *s, const Vex *v, int modrm, int to, int aligned)
{
    int reg = modrm_reg(modrm), rm = modrm & 7;

    if (!modrm_is_reg(modrm)) {
        gen_lea_modrm(s, modrm, 1);
        gen_limit_extent(s, VSZ(v->l), to);
        if (aligned)
            (v->l ? gen_check_align32 : gen_check_align16)(s);
        if (to)
            (v->l ? gen_op_simd_vst_m256 : gen_op_simd_vst_m128)(xoff(reg), 0);
        else
            (v->l ? gen_op_simd_vmov_m256 : gen_op_simd_vmov_m128)(xoff(reg), 0);
        return;
    }
    if (to)
        (v->l ? gen_op_simd_vmov_r256 : gen_op_simd_vmov_r128)(xoff(rm), 0, xoff(reg));
    else
        (v->l ? gen_op_simd_vmov_r256 : gen_op_simd_vmov_r128)(xoff(reg), 0, xoff(rm));
}

/* VMOVSS/VMOVSD (F3/F2 0F 10, 11): a scalar load zeroing the rest, a
 * scalar store, or the register merge dst = (src's low, vvvv's rest). */
static int gen_movs(DisasContext *s, const Vex *v, int b, int modrm)
{
    int dbl = v->pp == PP_F2, reg = modrm_reg(modrm), rm = modrm & 7;

    if (modrm_is_reg(modrm)) {
        (dbl ? gen_op_simd_vmovsd_r128 : gen_op_simd_vmovss_r128)(
            xoff(b == 0x10 ? reg : rm), xoff(v->vvvv), xoff(b == 0x10 ? rm : reg));
        return 1;
    }
    if (v->vvvv != 0)
        return 0;
    gen_lea_modrm(s, modrm, 1);
    gen_limit_extent(s, dbl ? 8 : 4, b == 0x11);
    if (b == 0x10)
        (dbl ? gen_op_simd_vmovsd_ld_m128 : gen_op_simd_vmovss_ld_m128)(xoff(reg), 0);
    else
        (dbl ? gen_op_simd_stq_A0 : gen_op_simd_std_A0)(xoff(reg));
    return 1;
}

/* 0F 12, 13, 16, 17: VMOVLPS/HPS/LPD/HPD (memory), VMOVHLPS/LHPS
 * (registers); VEX.128 only. */
static int gen_movlh(DisasContext *s, const Vex *v, int b, int modrm)
{
    int reg = modrm_reg(modrm), high = b >= 0x16;

    if (v->l || v->pp > PP_66)
        return 0;
    if (b == 0x13 || b == 0x17) { /* store the low or high quadword */
        if (modrm_is_reg(modrm) || v->vvvv != 0)
            return 0;
        gen_lea_modrm(s, modrm, 1);
        gen_op_simd_stq_A0(xoff(reg) + (high ? 8 : 0));
        return 1;
    }
    if (modrm_is_reg(modrm)) {
        if (v->pp != PP_NONE)
            return 0;
        (high ? gen_op_simd_vmovlhps_r128 : gen_op_simd_vmovhlps_r128)(
            xoff(reg), xoff(v->vvvv), xoff(modrm & 7));
        return 1;
    }
    gen_lea_modrm(s, modrm, 1);
    gen_limit_extent(s, 8, 0);
    if (v->pp == PP_NONE)
        (high ? gen_op_simd_vmovhps_m128 : gen_op_simd_vmovlps_m128)(xoff(reg), xoff(v->vvvv));
    else
        (high ? gen_op_simd_vmovhpd_m128 : gen_op_simd_vmovlpd_m128)(xoff(reg), xoff(v->vvvv));
    return 1;
}

/* VMOVD/VMOVQ between XMM registers, general registers and memory
 * (66 0F 6E, 7E, D6; F3 0F 7E), VEX.128 only. */
static int gen_movd(DisasContext *s, const Vex *v, int b, int modrm)
{
    int reg = modrm_reg(modrm), rm = modrm & 7;

    if (v->l || v->vvvv != 0)
        return 0;
    if (b == 0x6e && v->pp == PP_66) {
        gen_load_rm_T0(s, modrm, OT_LONG);
        gen_op_simd_movd_T0(xoff(reg));
        gen_op_avx_zero_hi(xoff(reg));
    } else if (b == 0x7e && v->pp == PP_66) {
        if (!modrm_is_reg(modrm))
            gen_lea_modrm(s, modrm, 1);
        gen_op_movl_T0_env(xoff(reg));
        gen_store_rm_T0(s, modrm, OT_LONG);
    } else if ((b == 0x7e && v->pp == PP_F3) || (b == 0xd6 && v->pp == PP_66)) {
        int dst = b == 0x7e ? reg : rm, src = b == 0x7e ? rm : reg;
        if (!modrm_is_reg(modrm)) {
            gen_lea_modrm(s, modrm, 1);
            if (b == 0xd6) {
                gen_op_simd_stq_A0(xoff(reg));
                return 1;
            }
            gen_op_simd_ldq_A0(xoff(reg));
        } else {
            gen_op_simd_movq(xoff(dst), xoff(src));
        }
        gen_op_avx_zero_hi(xoff(dst));
    } else {
        return 0;
    }
    return 1;
}

/* VUCOMISS/VCOMISS/VUCOMISD/VCOMISD (0F 2E, 2F): the legacy ops. */
static int gen_vcomi(DisasContext *s, const Vex *v, int b, int modrm)
{
    static const GenM reg_ops[2][2] = {
        {gen_op_simd_ucomiss, gen_op_simd_comiss},
        {gen_op_simd_ucomisd, gen_op_simd_comisd}};
    static void (*const mem_ops[2][2])(uint32_t) = {
        {gen_op_simd_ucomiss_m, gen_op_simd_comiss_m},
        {gen_op_simd_ucomisd_m, gen_op_simd_comisd_m}};
    int dbl = v->pp == PP_66, reg = modrm_reg(modrm);

    if (v->pp > PP_66 || v->vvvv != 0)
        return 0;
    if (modrm_is_reg(modrm)) {
        reg_ops[dbl][b & 1](xoff(reg), xoff(modrm & 7));
    } else {
        gen_lea_modrm(s, modrm, 1);
        gen_limit_extent(s, dbl ? 8 : 4, 0);
        mem_ops[dbl][b & 1](xoff(reg));
    }
    cc_op_stored(s, CC_OP_EFLAGS);
    return 1;
}

/* VCVTSI2SS/SD xmm, vvvv, r/m32 (F3/F2 0F 2A) and VCVT(T)SS2SI,
 * VCVT(T)SD2SI r32, xmm/m (F3/F2 0F 2C, 2D). */
static int gen_vcvt_int(DisasContext *s, const Vex *v, int b, int modrm)
{
    int dbl = v->pp == PP_F2, reg = modrm_reg(modrm);

    if (v->pp < PP_F3)
        return 0;
    if (b == 0x2a) {
        gen_load_rm_T0(s, modrm, OT_LONG);
        gen_op_simd_vmov_r128(xoff(reg), 0, xoff(v->vvvv));
        (dbl ? gen_op_simd_cvtsi2sd_T0 : gen_op_simd_cvtsi2ss_T0)(xoff(reg));
        return 1;
    }
    if (v->vvvv != 0)
        return 0;
    {
        static void (*const reg_ops[2][2])(uint32_t) = {
            {gen_op_simd_cvttss2si_T0, gen_op_simd_cvtss2si_T0},
            {gen_op_simd_cvttsd2si_T0, gen_op_simd_cvtsd2si_T0}};
        static void (*const mem_ops[2][2])(void) = {
            {gen_op_simd_cvttss2si_T0_m, gen_op_simd_cvtss2si_T0_m},
            {gen_op_simd_cvttsd2si_T0_m, gen_op_simd_cvtsd2si_T0_m}};
        if (modrm_is_reg(modrm)) {
            reg_ops[dbl][b & 1](xoff(modrm & 7));
        } else {
            gen_lea_modrm(s, modrm, 1);
            gen_limit_extent(s, dbl ? 8 : 4, 0);
            mem_ops[dbl][b & 1]();
        }
    }
    gen_mov_reg_T0(OT_LONG, reg);
    return 1;
}

/* VMOVMSKPS/PD (0F 50), VPMOVMSKB (66 0F D7): r32 := the sign bits. */
static int gen_movmsk(const Vex *v, int b, int modrm)
{
    int id;

    if (!modrm_is_reg(modrm) || v->vvvv != 0)
        return 0;
    if (b == 0xd7)
        id = v->pp == PP_66 ? AVXH_PMOVMSKB : -1;
    else
        id = v->pp == PP_NONE ? AVXH_MOVMSKPS : v->pp == PP_66 ? AVXH_MOVMSKPD : -1;
    if (id < 0)
        return 0;
    gen_op_avx_helper_T0(AVXR(0, 0, modrm & 7, v->l), 0, (uint32_t)id);
    gen_mov_reg_T0(OT_LONG, modrm_reg(modrm));
    return 1;
}

/* VZEROUPPER (VEX.128 0F 77) and VZEROALL (VEX.256 0F 77). */
static void gen_vzero(const Vex *v)
{
    for (int i = 0; i < 8; i++) {
        if (v->l)
            gen_op_simd_zero(xoff(i));
        gen_op_avx_zero_hi(xoff(i));
    }
}

/* An imm8 instruction run by helper_avx(): dst = reg, src1 = vvvv (or
 * none), src2 = r/m of msize bytes (32 for VEX.256). */
static int gen_imm_helper(DisasContext *s, const Vex *v, int modrm, int id,
                          int uses_v, int msize, int l)
{
    int src, imm;

    if (!uses_v && v->vvvv != 0)
        return 0;
    src = gen_helper_src(s, modrm, msize);
    imm = fetch_b(s);
    gen_helper(id, modrm_reg(modrm), v->vvvv, src, l, imm);
    return 1;
}

static int gen_vpinsr(DisasContext *s, const Vex *v, int b, int modrm);

static int disas_map1(DisasContext *s, const Vex *v, int b, int modrm)
{
    int pp = v->pp;

    switch (b) {
    case 0x10: case 0x11:
        if (pp >= PP_F3)
            return gen_movs(s, v, b, modrm);
        if (v->vvvv != 0)
            return 0;
        gen_move(s, v, modrm, b == 0x11, 0);
        return 1;
    case 0x28: case 0x29:
        if (pp > PP_66 || v->vvvv != 0)
            return 0;
        gen_move(s, v, modrm, b == 0x29, 1);
        return 1;
    case 0x6f: case 0x7f:
        if ((pp != PP_66 && pp != PP_F3) || v->vvvv != 0)
            return 0;
        gen_move(s, v, modrm, b == 0x7f, pp == PP_66);
        return 1;
    case 0x2b: case 0xe7: /* VMOVNTPS/PD, VMOVNTDQ: stores */
        if (modrm_is_reg(modrm) || v->vvvv != 0 ||
            (b == 0x2b ? pp > PP_66 : pp != PP_66))
            return 0;
        gen_move(s, v, modrm, 1, 1);
        return 1;
    case 0xf0: /* VLDDQU */
        if (modrm_is_reg(modrm) || pp != PP_F2 || v->vvvv != 0)
            return 0;
        gen_move(s, v, modrm, 0, 0);
        return 1;
    case 0x12: case 0x13: case 0x16: case 0x17:
        if (pp > PP_66)
            break; /* VMOVSLDUP, VMOVSHDUP, VMOVDDUP: the table */
        return gen_movlh(s, v, b, modrm);
    case 0xf7: /* VMASKMOVDQU xmm, xmm: the bytes to DS:EDI (or DI) */
        if (pp != PP_66 || v->l || v->vvvv != 0 || !modrm_is_reg(modrm))
            return 0;
        gen_op_movl_A0_EDI();
        if (!s->aflag)
            gen_op_andl_A0_ffff();
        gen_add_seg(s, R_DS);
        gen_op_avx_maskmov(AVXR(modrm_reg(modrm), modrm & 7, 0, 0), 1 | 16);
        return 1;
    case 0x6e: case 0x7e: case 0xd6:
        return gen_movd(s, v, b, modrm);
    case 0x2e: case 0x2f:
        return gen_vcomi(s, v, b, modrm);
    case 0x2a: case 0x2c: case 0x2d:
        return gen_vcvt_int(s, v, b, modrm);
    case 0x50: case 0xd7:
        return gen_movmsk(v, b, modrm);
    case 0x70: {
        static const int ids[4] = {-1, AVXH_PSHUFD, AVXH_PSHUFHW, AVXH_PSHUFLW};
        if (ids[pp] < 0)
            return 0;
        return gen_imm_helper(s, v, modrm, ids[pp], 0, VSZ(v->l), v->l);
    }
    case 0x71: case 0x72: case 0x73:
        return gen_shift_imm(s, v, b, modrm);
    case 0xc4:
        return pp == PP_66 ? gen_vpinsr(s, v, b, modrm) : 0;
    case 0xae: /* VLDMXCSR m32, VSTMXCSR m32 (VEX.LZ.0F AE /2, /3) */
        if (pp != PP_NONE || v->l || v->vvvv != 0 || modrm_is_reg(modrm) ||
            (modrm_reg(modrm) != 2 && modrm_reg(modrm) != 3))
            return 0;
        gen_lea_modrm(s, modrm, 1);
        if (modrm_reg(modrm) == 2) {
            gen_ld_T0(OT_LONG);
            gen_op_ldmxcsr_T0();
        } else {
            gen_op_stmxcsr_T0();
            gen_st_T0(OT_LONG);
        }
        return 1;
    case 0xc5: /* VPEXTRW r32, xmm, imm8 */
        if (pp != PP_66 || v->l || v->vvvv != 0 || !modrm_is_reg(modrm))
            return 0;
        gen_op_pextrw_xmm_T0((uint32_t)(modrm & 7), (uint32_t)fetch_b(s));
        gen_mov_reg_T0(OT_LONG, modrm_reg(modrm));
        return 1;
    case 0xc2: {
        static const int ids[4] = {AVXH_CMPPS, AVXH_CMPPD, AVXH_CMPSS, AVXH_CMPSD};
        const int sizes[4] = {VSZ(v->l), VSZ(v->l), 4, 8};
        return gen_imm_helper(s, v, modrm, ids[pp], 1, sizes[pp],
                              pp >= PP_F3 ? 0 : v->l);
    }
    case 0xc6:
        if (pp > PP_66)
            return 0;
        return gen_imm_helper(s, v, modrm, pp ? AVXH_SHUFPD : AVXH_SHUFPS, 1, VSZ(v->l),
                              v->l);
    }
    return -1;
}

/* VEXTRACTF128/I128 xmm/m128, ymm, imm8 (VEX.256.66.0F3A.W0 19, 39). */
static int gen_extract(DisasContext *s, const Vex *v, int modrm)
{
    int imm, dst = modrm_is_reg(modrm) ? (modrm & 7) : T0_REG;

    if (!v->l || v->w || v->vvvv != 0)
        return 0;
    if (dst == T0_REG)
        gen_lea_modrm(s, modrm, 1);
    imm = fetch_b(s);
    gen_helper(AVXH_EXTRACT128, dst, 0, modrm_reg(modrm), 1, imm);
    if (dst == T0_REG)
        gen_op_simd_sto_A0(xoff(T0_REG));
    return 1;
}

/* VCVTPS2PH xmm/m64, xmm, imm8 and xmm/m128, ymm, imm8 (VEX.66.0F3A.W0
 * 1D, F16C): the rounding from imm8 bits 2:0. */
static int gen_cvtps2ph(DisasContext *s, const Vex *v, int modrm)
{
    int imm, dst = modrm_is_reg(modrm) ? (modrm & 7) : T0_REG;

    if (v->w || v->vvvv != 0)
        return 0;
    if (dst == T0_REG)
        gen_lea_modrm(s, modrm, 1);
    imm = fetch_b(s);
    gen_helper(AVXH_CVTPS2PH, dst, 0, modrm_reg(modrm), v->l, imm);
    if (dst == T0_REG)
        (v->l ? gen_op_simd_sto_A0 : gen_op_simd_stq_A0)(xoff(T0_REG));
    return 1;
}

/* VPEXTRB/W/D, VEXTRACTPS r32/m, xmm, imm8 (VEX.128.66.0F3A 14-17):
 * the legacy ops (translate/i386/sse.c), the same instruction. */
static int gen_vpextr(DisasContext *s, const Vex *v, int b, int modrm)
{
    static const GenM ops[4] = {gen_op_pextrb_T0, gen_op_pextrw4_T0,
                                gen_op_pextrd_T0, gen_op_pextrd_T0};
    static const int size[4] = {OT_BYTE, OT_WORD, OT_LONG, OT_LONG};

    if (v->l || v->vvvv != 0)
        return 0;
    if (!modrm_is_reg(modrm))
        gen_lea_modrm(s, modrm, 1);
    ops[b - 0x14]((uint32_t)modrm_reg(modrm), (uint32_t)fetch_b(s));
    if (modrm_is_reg(modrm))
        gen_mov_reg_T0(OT_LONG, modrm & 7);
    else
        gen_st_T0(size[b - 0x14]);
    return 1;
}

/* VPINSRB/W/D xmm, vvvv, r32/m, imm8 (VEX.128.66.0F3A 20, 22; 0F C4)
 * and VINSERTPS (0F3A 21): dst := vvvv with the element inserted. */
static int gen_vpinsr(DisasContext *s, const Vex *v, int b, int modrm)
{
    int reg = modrm_reg(modrm), src, imm;

    if (v->l)
        return 0;
    if (b == 0x21) { /* from memory COUNT_S is ignored */
        src = gen_helper_src(s, modrm, 4);
        imm = fetch_b(s);
        if (src == reg && v->vvvv != reg) {
            gen_op_simd_vmov_r128(xoff(T0_REG), 0, xoff(src));
            src = T0_REG;
        } else if (src == T0_REG) {
            imm &= 0x3f;
        }
        gen_op_simd_vmov_r128(xoff(reg), 0, xoff(v->vvvv));
        gen_op_insertps((uint32_t)reg, (uint32_t)src, (uint32_t)imm);
        return 1;
    }
    gen_load_rm_T0(s, modrm, !modrm_is_reg(modrm) ? (b == 0x20 ? OT_BYTE : b == 0xc4 ? OT_WORD : OT_LONG) : OT_LONG);
    imm = fetch_b(s);
    gen_op_simd_vmov_r128(xoff(reg), 0, xoff(v->vvvv));
    if (b == 0xc4)
        gen_op_pinsrw_xmm_T0((uint32_t)reg, (uint32_t)imm);
    else
        (b == 0x20 ? gen_op_pinsrb_T0 : gen_op_pinsrd_T0)((uint32_t)reg, (uint32_t)imm);
    return 1;
}

/*
 * The VEX.128 forms of the legacy imm8 instructions DPPD, DPPS, MPSADBW,
 * PCLMULQDQ (dst := vvvv op r/m) and AESKEYGENASSIST (dst := op r/m),
 * run by the legacy helper on dst after dst := vvvv, so bits 255:128 of
 * dst are zero (SDM vol. 2, each one's "VEX.128 encoded version").  A
 * source that is also dst goes through register T0_REG first.
 */
static int gen_legacy_imm(DisasContext *s, const Vex *v, int modrm,
                          void (*op)(uint32_t, uint32_t, uint32_t), int uses_v)
{
    int reg = modrm_reg(modrm), src, imm;

    if (v->l || (!uses_v && v->vvvv != 0))
        return 0;
    src = gen_helper_src(s, modrm, 16);
    imm = fetch_b(s);
    if (src == reg && uses_v && v->vvvv != reg) {
        gen_op_simd_vmov_r128(xoff(T0_REG), 0, xoff(src));
        src = T0_REG;
    }
    if (uses_v)
        gen_op_simd_vmov_r128(xoff(reg), 0, xoff(v->vvvv));
    op((uint32_t)reg, (uint32_t)src, (uint32_t)imm);
    if (!uses_v)
        gen_op_avx_zero_hi(xoff(reg));
    return 1;
}

/* VPCMPESTRM/ESTRI/ISTRM/ISTRI xmm, xmm/m128, imm8 (VEX.128.66.0F3A
 * 60-63): the legacy helpers; the ..STRM forms zero bits 255:128 of
 * YMM0, and any memory operand may be misaligned (SDM PCMPESTRM). */
static int gen_vpcmpstr(DisasContext *s, const Vex *v, int b, int modrm)
{
    static void (*const ops[4])(uint32_t, uint32_t, uint32_t) = {
        gen_op_pcmpestrm, gen_op_pcmpestri, gen_op_pcmpistrm, gen_op_pcmpistri};
    int src, imm;

    if (v->l || v->vvvv != 0)
        return 0;
    src = gen_helper_src(s, modrm, 16);
    imm = fetch_b(s);
    ops[b - 0x60]((uint32_t)modrm_reg(modrm), (uint32_t)src, (uint32_t)imm);
    if (!(b & 1))
        gen_op_avx_zero_hi(xoff(0));
    cc_op_stored(s, CC_OP_EFLAGS);
    return 1;
}

/* VEX.66.0F3A: the imm8 instructions. */
static int disas_map3(DisasContext *s, const Vex *v, int b, int modrm)
{
    int l = v->l;

    if (v->pp != PP_66)
        return 0;
    switch (b) {
    case 0x00: case 0x01: /* VPERMQ, VPERMPD: VEX.256.W1 */
        if (!l || !v->w)
            return 0;
        return gen_imm_helper(s, v, modrm, AVXH_PERMQ, 0, 32, 1);
    case 0x02: /* VPBLENDD: W0 */
        if (v->w)
            return 0;
        return gen_imm_helper(s, v, modrm, AVXH_PBLENDD, 1, VSZ(l), l);
    case 0x04: case 0x05: /* VPERMILPS/PD imm: W0 */
        if (v->w)
            return 0;
        return gen_imm_helper(s, v, modrm, b == 4 ? AVXH_PERMILPS : AVXH_PERMILPD,
                              0, VSZ(l), l);
    case 0x06: case 0x46: /* VPERM2F128, VPERM2I128: VEX.256.W0 */
        if (!l || v->w)
            return 0;
        return gen_imm_helper(s, v, modrm, AVXH_PERM2F128, 1, 32, 1);
    case 0x08: case 0x09:
        if (v->vvvv != 0)
            return 0;
        return gen_imm_helper(s, v, modrm, b == 8 ? AVXH_ROUNDPS : AVXH_ROUNDPD, 0,
                              VSZ(l), l);
    case 0x0a: case 0x0b:
        return gen_imm_helper(s, v, modrm, b == 0x0a ? AVXH_ROUNDSS : AVXH_ROUNDSD,
                              1, b == 0x0a ? 4 : 8, 0);
    case 0x0c: case 0x0d:
        return gen_imm_helper(s, v, modrm, b == 0x0c ? AVXH_BLENDPS : AVXH_BLENDPD,
                              1, VSZ(l), l);
    case 0x0e:
        return gen_imm_helper(s, v, modrm, AVXH_PBLENDW, 1, VSZ(l), l);
    case 0x0f:
        return gen_imm_helper(s, v, modrm, AVXH_PALIGNR, 1, VSZ(l), l);
    case 0x18: case 0x38: /* VINSERTF128, VINSERTI128: VEX.256.W0 */
        if (!l || v->w)
            return 0;
        return gen_imm_helper(s, v, modrm, AVXH_INSERT128, 1, 16, 1);
    case 0x19: case 0x39: /* VEXTRACTF128, VEXTRACTI128 xmm/m128, ymm, imm */
        return gen_extract(s, v, modrm);
    case 0x14: case 0x15: case 0x16: case 0x17:
        if (b == 0x16 && v->w) /* VPEXTRQ: 64-bit mode only, as VPINSRQ */
            return 0;
        return gen_vpextr(s, v, b, modrm);
    case 0x20: case 0x21: case 0x22: /* W1 22 is VPINSRQ: 64-bit mode only */
        if (b == 0x22 && v->w)
            return 0;
        return gen_vpinsr(s, v, b, modrm);
    case 0x1d: /* VCVTPS2PH xmm/m, xmm/ymm, imm */
        return gen_cvtps2ph(s, v, modrm);
    case 0x40: /* VDPPS: VEX.256 dots each 128-bit lane */
        if (l)
            return gen_imm_helper(s, v, modrm, AVXH_DPPS, 1, 32, 1);
        return gen_legacy_imm(s, v, modrm, gen_op_dpps, 1);
    case 0x41: /* VDPPD: VEX.128 only */
        return gen_legacy_imm(s, v, modrm, gen_op_dppd, 1);
    case 0x42: /* VMPSADBW: VEX.256 (AVX2) with imm bits 5:3 for lane 1 */
        if (l)
            return gen_imm_helper(s, v, modrm, AVXH_MPSADBW, 1, 32, 1);
        return gen_legacy_imm(s, v, modrm, gen_op_mpsadbw, 1);
    case 0x44: /* VPCLMULQDQ: VEX.128 (VEX.256 is VPCLMULQDQ's, not here) */
        return gen_legacy_imm(s, v, modrm, gen_op_pclmulqdq, 1);
    case 0xdf: /* VAESKEYGENASSIST: VEX.128 */
        return gen_legacy_imm(s, v, modrm, gen_op_aeskeygenassist, 0);
    case 0x60: case 0x61: case 0x62: case 0x63:
        return gen_vpcmpstr(s, v, b, modrm);
    case 0x4a: case 0x4b: case 0x4c: { /* VBLENDVPS/PD, VPBLENDVB: is4 */
        static const int ids[3] = {AVXH_BLENDVPS, AVXH_BLENDVPD, AVXH_PBLENDVB};
        if (v->w)
            return 0;
        return gen_imm_helper(s, v, modrm, ids[b - 0x4a], 1, VSZ(l), l);
    }
    }
    return 0;
}

/*
 * A gather or masked move in a segment with a limit: the native CPU (the
 * AMD host, test 86-segment-limits-masked) checks each element whose mask
 * bit is set, and only those, as the SDM words the page faults ("faults
 * will not occur due to referencing any memory location if the
 * corresponding mask bit for that memory location is 0"), so the helper
 * checks them (AVX_KIND_LIMIT), not a check op on the operand's address.
 */
static uint32_t deferred_limit(const DisasContext *s)
{
    if (s->deferred_seg < 0)
        return 0;
    return AVX_KIND_LIMIT | (uint32_t)s->deferred_seg << AVX_KIND_SEG_SHIFT;
}

/*
 * VPGATHERDD/DQ/QD/QQ, VGATHERDPS/DPD/QPS/QPD (VEX.66.0F38 90-93, W:
 * qword elements): dst = reg, mask = VEX.vvvv, a VSIB operand.  #UD for a
 * register operand, no SIB, 16-bit addressing, or any two of the
 * destination, index and mask registers the same (SDM vol. 2, VPGATHERDD
 * "Exceptions": table 2-27).
 */
static int gen_gather(DisasContext *s, const Vex *v, int b, int modrm)
{
    int reg = modrm_reg(modrm), vsib, idx;

    if (modrm_is_reg(modrm) || (modrm & 7) != 4 || !s->aflag)
        return 0;
    s->defer_limit = 1;
    s->deferred_seg = -1;
    vsib = gen_lea_vsib(s, modrm); /* #UD below: the ops never run */
    s->defer_limit = 0;
    idx = vsib & 7;
    if (reg == idx || reg == v->vvvv || idx == v->vvvv)
        return 0;
    gen_op_avx_gather(AVXR(reg, v->vvvv, vsib & 7, v->l),
                      (uint32_t)((b & 1) | v->w << 1 | (vsib >> 3) << 2) |
                          deferred_limit(s));
    return 1;
}

/* VEX.66.0F38 outside the table: VPTEST, VTESTPS/PD (flags only) and
 * the 128-bit broadcasts from memory. */
static int disas_map2(DisasContext *s, const Vex *v, int b, int modrm)
{
    int src;

    if (v->pp != PP_66)
        return 0;
    switch (b) {
    case 0x17: case 0x0e: case 0x0f:
        if (v->vvvv != 0 || (b != 0x17 && v->w))
            return 0;
        src = gen_helper_src(s, modrm, VSZ(v->l));
        gen_update_cc_op(s);
        gen_helper(b == 0x17 ? AVXH_PTEST : b == 0x0e ? AVXH_TESTPS : AVXH_TESTPD,
                   modrm_reg(modrm), 0, src, v->l, 0);
        cc_op_stored(s, CC_OP_EFLAGS);
        return 1;
    case 0x2a: /* VMOVNTDQA: a load */
        if (v->vvvv != 0 || modrm_is_reg(modrm))
            return 0;
        gen_move(s, v, modrm, 0, 1);
        return 1;
    case 0x2c: case 0x2d: case 0x2e: case 0x2f: case 0x8c: case 0x8e: {
        /* VMASKMOVPS/PD load, store; VPMASKMOVD/Q load, store (W: Q) */
        int size = b >= 0x8c ? (v->w ? 8 : 4) : (b & 1) ? 8 : 4;
        int store = b == 0x2e || b == 0x2f || b == 0x8e;
        if (modrm_is_reg(modrm) || (b < 0x8c && v->w))
            return 0;
        s->defer_limit = 1;
        s->deferred_seg = -1;
        gen_lea_modrm(s, modrm, 1);
        s->defer_limit = 0;
        gen_op_avx_maskmov(AVXR(modrm_reg(modrm), v->vvvv, 0, v->l),
                           (uint32_t)(size | (store ? 16 : 0)) | deferred_limit(s));
        return 1;
    }
    case 0x90: case 0x91: case 0x92: case 0x93:
        return gen_gather(s, v, b, modrm);
    case 0x1a: case 0x5a: /* VBROADCASTF128, VBROADCASTI128 ymm, m128 */
        if (!v->l || v->w || v->vvvv != 0 || modrm_is_reg(modrm))
            return 0;
        gen_lea_modrm(s, modrm, 1);
        gen_limit_extent(s, 16, 0);
        gen_op_simd_vbroadcasti128_m256(xoff(modrm_reg(modrm)), 0);
        return 1;
    }
    return -1;
}

int disas_avx(DisasContext *s, const Vex *v)
{
    int b, modrm, r = -1;
    const AvxOp *e;

    if (!avx_enabled() || v->map < 1 || v->map > 3)
        return 0;
    sse_cache_forget(); /* its ops write XMM registers past the cache */
    init_table();
    b = fetch_b(s);
    if (v->map == 1 && b == 0x77) { /* no ModRM; VEX.vvvv reserved */
        if (v->pp != PP_NONE || v->vvvv != 0)
            return 0;
        gen_vzero(v);
        return 1;
    }
    modrm = fetch_b(s);
    if (v->map == 3)
        return disas_map3(s, v, b, modrm);
    r = v->map == 1 ? disas_map1(s, v, b, modrm) : disas_map2(s, v, b, modrm);
    if (r >= 0)
        return r;
    e = &table[v->map - 1][v->pp][b][v->w];
    if (!e->r128 && !e->r256)
        return 0;
    return gen_table(s, v, e, b, modrm);
}

/* XGETBV (0F 01 D0): #UD unless CPUID reports OSXSAVE. */
int disas_xgetbv(DisasContext *s)
{
    (void)s;
    if (!model_has(CPUID_1_ECX_OSXSAVE))
        return 0;
    gen_op_xgetbv();
    return 1;
}

/* XSETBV writes XCR0: #UD without OSXSAVE, else #GP(0) at CPL 3 (SDM
 * vol. 2, XSETBV), what the native run of test 68-xsavec gets. */
int disas_xsetbv(DisasContext *s)
{
    if (!model_has(CPUID_1_ECX_OSXSAVE))
        return 0;
    gen_exception(s, EXCP_GPF, s->insn_pc);
    return 1;
}

/* Group 9 (0F C7) /3, /4, /5 with a memory operand: XRSTORS, XSAVEC,
 * XSAVES.  XSAVEC where CPUID reports it (NP only, as XSAVE); XSAVES and
 * XRSTORS are CPL 0 only: #GP(0) at CPL 3 on a CPU that has them (the
 * native run of test 68-xsavec), #UD elsewhere. */
int disas_xsavec(DisasContext *s, int modrm)
{
    int op = modrm_reg(modrm);

    if (!model_has(CPUID_1_ECX_XSAVE) || modrm_is_reg(modrm) || !s->dflag ||
        (s->prefix & (PREFIX_REPZ | PREFIX_REPNZ)))
        return 0;
    if (op == 4) {
        if (!(cpuid_d1_eax() & CPUID_D1_EAX_XSAVEC))
            return 0;
        gen_lea_modrm(s, modrm, 1);
        gen_op_xsavec_A0();
        return 1;
    }
    if ((op != 3 && op != 5) || !(host_cpuid_d1_eax() & CPUID_D1_EAX_XSAVES))
        return 0;
    gen_exception_err(s, EXCP_GPF, 0, s->insn_pc);
    return 1;
}

/* XSAVE, XRSTOR, XSAVEOPT m (NP 0F AE /4, /5, /6): #UD without XSAVE,
 * or with a 66, F2 or F3 prefix (other instructions: CLWB, ...).
 * XSAVEOPT may skip what is unmodified or in its init state (SDM vol. 1,
 * 13.9); writing it all, as XSAVE, is one of the results it allows. */
int disas_xsave(DisasContext *s, int modrm)
{
    int op = modrm_reg(modrm);

    if (!model_has(CPUID_1_ECX_XSAVE) || modrm_is_reg(modrm) || op < 4 || op > 6 ||
        !s->dflag || (s->prefix & (PREFIX_REPZ | PREFIX_REPNZ)))
        return 0;
    gen_lea_modrm(s, modrm, 1);
    (op == 5 ? gen_op_xrstor_A0 : gen_op_xsave_A0)();
    return 1;
}
