/*
 * The MMX/SSE/SSE2 decoder: two-byte opcodes 0F 10-FF (Intel SDM vol. 2,
 * appendix A.3, table A-3), where the mandatory prefix selects the
 * instruction: none (MMX, or SSE packed single), 66 (SSE2 integer on XMM,
 * packed double), F3 (scalar single), F2 (scalar double).
 *
 * The regular part -- an XMM or MMX destination register and a source
 * register or memory operand -- is one table, `binary`, filled from the
 * lists below; a memory source is first loaded into env->xmm_t0, which
 * the helpers see as register 8.  Moves, conversions with general
 * registers and immediate forms are the cases of disas_sse_special().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stddef.h>

#include "fpu.h"
#include "op-gen.h"

typedef void (*GenOp2)(uint32_t, uint32_t);
typedef void (*GenOp3)(uint32_t, uint32_t, uint32_t);

enum { P_NONE, P_66, P_F3, P_F2 };
#define T0_REG 8 /* the memory operand, env->xmm_t0 */

/* The mandatory prefix (F3 and F2 take precedence over 66). */
static int sse_prefix(const DisasContext *s)
{
    if (s->prefix & PREFIX_REPZ)
        return P_F3;
    if (s->prefix & PREFIX_REPNZ)
        return P_F2;
    return s->dflag ? P_NONE : P_66;
}

static uint32_t xoff(int i)
{
    return i < 8 ? offsetof(CPUState, xmm[i]) : offsetof(CPUState, xmm_t0);
}

static uint32_t moff(int i)
{
    return i < 8 ? offsetof(CPUState, fpregs[i].x.mant)
                 : offsetof(CPUState, xmm_t0);
}

/* ---- the regular table ---- */

typedef struct SseOp {
    GenOp2 op;
    uint8_t msize; /* bytes a memory source reads */
    uint8_t mmx;   /* operands are MMX registers */
} SseOp;

static SseOp binary[256][4];

#define IOP(o, n) {o, gen_op_##n##_xmm, gen_op_##n##_mmx}
static const struct {
    uint8_t opc;
    GenOp2 xmm, mmx;
} int_ops[] = {
    IOP(0x60, punpcklbw), IOP(0x61, punpcklwd), IOP(0x62, punpckldq),
    IOP(0x63, packsswb), IOP(0x64, pcmpgtb), IOP(0x65, pcmpgtw),
    IOP(0x66, pcmpgtd), IOP(0x67, packuswb), IOP(0x68, punpckhbw),
    IOP(0x69, punpckhwd), IOP(0x6a, punpckhdq), IOP(0x6b, packssdw),
    IOP(0x74, pcmpeqb), IOP(0x75, pcmpeqw), IOP(0x76, pcmpeqd),
    IOP(0xd1, psrlw), IOP(0xd2, psrld), IOP(0xd3, psrlq), IOP(0xd4, paddq),
    IOP(0xd5, pmullw), IOP(0xd8, psubusb), IOP(0xd9, psubusw),
    IOP(0xda, pminub), IOP(0xdb, pand), IOP(0xdc, paddusb),
    IOP(0xdd, paddusw), IOP(0xde, pmaxub), IOP(0xdf, pandn),
    IOP(0xe0, pavgb), IOP(0xe1, psraw), IOP(0xe2, psrad), IOP(0xe3, pavgw),
    IOP(0xe4, pmulhuw), IOP(0xe5, pmulhw), IOP(0xe8, psubsb),
    IOP(0xe9, psubsw), IOP(0xea, pminsw), IOP(0xeb, por), IOP(0xec, paddsb),
    IOP(0xed, paddsw), IOP(0xee, pmaxsw), IOP(0xef, pxor), IOP(0xf1, psllw),
    IOP(0xf2, pslld), IOP(0xf3, psllq), IOP(0xf4, pmuludq),
    IOP(0xf5, pmaddwd), IOP(0xf6, psadbw), IOP(0xf8, psubb),
    IOP(0xf9, psubw), IOP(0xfa, psubd), IOP(0xfb, psubq), IOP(0xfc, paddb),
    IOP(0xfd, paddw), IOP(0xfe, paddd),
};

/* XMM-only operations: opcode, prefix, op, memory size. */
#define XOP(o, p, n, m) {o, p, gen_op_##n##_xmm, m}
#define FOP4(o, n)                                                          \
    XOP(o, P_NONE, n##ps, 16), XOP(o, P_66, n##pd, 16),                     \
    XOP(o, P_F3, n##ss, 4), XOP(o, P_F2, n##sd, 8)
static const struct {
    uint8_t opc, pfx;
    GenOp2 op;
    uint8_t msize;
} xmm_ops[] = {
    XOP(0x14, P_NONE, unpcklps, 16), XOP(0x14, P_66, unpcklpd, 16),
    XOP(0x15, P_NONE, unpckhps, 16), XOP(0x15, P_66, unpckhpd, 16),
    FOP4(0x51, sqrt),
    XOP(0x52, P_NONE, rsqrtps, 16), XOP(0x52, P_F3, rsqrtss, 4),
    XOP(0x53, P_NONE, rcpps, 16), XOP(0x53, P_F3, rcpss, 4),
    XOP(0x54, P_NONE, andps, 16), XOP(0x54, P_66, andpd, 16),
    XOP(0x55, P_NONE, andnps, 16), XOP(0x55, P_66, andnpd, 16),
    XOP(0x56, P_NONE, orps, 16), XOP(0x56, P_66, orpd, 16),
    XOP(0x57, P_NONE, xorps, 16), XOP(0x57, P_66, xorpd, 16),
    FOP4(0x58, add), FOP4(0x59, mul),
    XOP(0x5a, P_NONE, cvtps2pd, 8), XOP(0x5a, P_66, cvtpd2ps, 16),
    XOP(0x5a, P_F3, cvtss2sd, 4), XOP(0x5a, P_F2, cvtsd2ss, 8),
    XOP(0x5b, P_NONE, cvtdq2ps, 16), XOP(0x5b, P_66, cvtps2dq, 16),
    XOP(0x5b, P_F3, cvttps2dq, 16),
    FOP4(0x5c, sub), FOP4(0x5d, min), FOP4(0x5e, div), FOP4(0x5f, max),
    XOP(0x6c, P_66, punpcklqdq, 16), XOP(0x6d, P_66, punpckhqdq, 16),
    XOP(0xe6, P_66, cvttpd2dq, 16), XOP(0xe6, P_F3, cvtdq2pd, 8),
    XOP(0xe6, P_F2, cvtpd2dq, 16),
};

static void init_tables(void)
{
    static int done;

    if (done)
        return;
    done = 1;
    for (size_t i = 0; i < sizeof(int_ops) / sizeof(int_ops[0]); i++) {
        binary[int_ops[i].opc][P_NONE] = (SseOp){int_ops[i].mmx, 8, 1};
        binary[int_ops[i].opc][P_66] = (SseOp){int_ops[i].xmm, 16, 0};
    }
    for (size_t i = 0; i < sizeof(xmm_ops) / sizeof(xmm_ops[0]); i++)
        binary[xmm_ops[i].opc][xmm_ops[i].pfx] =
            (SseOp){xmm_ops[i].op, xmm_ops[i].msize, 0};
}

/* ---- operands ---- */

static int modrm_is_mem(int modrm) { return (modrm >> 6) != 3; }

/* Load `size` bytes at the ModRM address into env->xmm_t0. */
static void gen_load_t0(DisasContext *s, int modrm, int size)
{
    gen_lea_modrm(s, modrm, 1);
    if (size == 16)
        gen_op_ldo_env_A0(xoff(T0_REG));
    else if (size == 8)
        gen_op_ldq_env_A0(xoff(T0_REG));
    else
        gen_op_ldl_env_A0(xoff(T0_REG));
}

/* The source operand: its register number, or T0_REG after loading it. */
static int gen_src(DisasContext *s, int modrm, int size)
{
    if (!modrm_is_mem(modrm))
        return modrm & 7;
    gen_load_t0(s, modrm, size);
    return T0_REG;
}

/* ---- moves ---- */

/* 16-byte load/store forms: MOVUPS MOVUPD MOVAPS MOVAPD MOVDQA MOVDQU
 * (alignment is not checked). */
static void gen_movo(DisasContext *s, int modrm, int store)
{
    int reg = (modrm >> 3) & 7, rm = modrm & 7;

    if (modrm_is_mem(modrm)) {
        gen_lea_modrm(s, modrm, 1);
        (store ? gen_op_sto_env_A0 : gen_op_ldo_env_A0)(xoff(reg));
    } else if (store) {
        gen_op_movo_env(xoff(rm), xoff(reg));
    } else {
        gen_op_movo_env(xoff(reg), xoff(rm));
    }
}

/* MOVSS/MOVSD (F3/F2 0F 10, 11): from memory the rest of the register is
 * zeroed, between registers it is kept (SDM MOVSS). */
static void gen_movs(DisasContext *s, int modrm, int store, int dbl)
{
    int reg = (modrm >> 3) & 7, rm = modrm & 7;
    GenOp2 mov = dbl ? gen_op_movq_env : gen_op_movl_env;

    if (!modrm_is_mem(modrm)) {
        if (store)
            mov(xoff(rm), xoff(reg));
        else
            mov(xoff(reg), xoff(rm));
        return;
    }
    gen_lea_modrm(s, modrm, 1);
    if (store) {
        (dbl ? gen_op_stq_env_A0 : gen_op_stl_env_A0)(xoff(reg));
        return;
    }
    (dbl ? gen_op_ldq_env_A0 : gen_op_ldl_env_A0)(xoff(reg));
    if (!dbl)
        gen_op_zerol_env(xoff(reg) + 4);
    gen_op_zeroq_env(xoff(reg) + 8);
}

/* MOVLPS/MOVHPS/MOVLPD/MOVHPD (0F 12, 13, 16, 17), MOVHLPS, MOVLHPS. */
static void gen_movlh(DisasContext *s, int b, int modrm)
{
    int reg = (modrm >> 3) & 7, rm = modrm & 7;
    uint32_t half = (b & 4) ? 8 : 0; /* 16, 17: the high quadword */

    if (!modrm_is_mem(modrm)) {
        if (b & 1) {
            gen_illegal(s);
        } else if (half) { /* MOVLHPS: high := source low */
            gen_op_movq_env(xoff(reg) + 8, xoff(rm));
        } else { /* MOVHLPS: low := source high */
            gen_op_movq_env(xoff(reg), xoff(rm) + 8);
        }
        return;
    }
    gen_lea_modrm(s, modrm, 1);
    if (b & 1)
        gen_op_stq_env_A0(xoff(reg) + half);
    else
        gen_op_ldq_env_A0(xoff(reg) + half);
}

/* MOVD/MOVQ between general registers or memory and MMX/XMM (0F 6E 7E,
 * 66 0F 6E 7E): 32 bits, the rest of the register zeroed. */
static void gen_movd(DisasContext *s, int b, int modrm, int pfx)
{
    int reg = (modrm >> 3) & 7;
    uint32_t off = pfx == P_66 ? xoff(reg) : moff(reg);

    if (b == 0x6e) {
        gen_load_rm_T0(s, modrm, OT_LONG);
        gen_op_movl_env_T0(off);
        gen_op_zerol_env(off + 4);
        if (pfx == P_66)
            gen_op_zeroq_env(off + 8);
        else
            gen_op_mmx_write(reg);
    } else {
        if (modrm_is_mem(modrm))
            gen_lea_modrm(s, modrm, 1);
        if (pfx != P_66)
            gen_op_mmx_enter();
        gen_op_movl_T0_env(off);
        gen_store_rm_T0(s, modrm, OT_LONG);
    }
}

/* MOVQ mm, mm/m64 (0F 6F) and MOVQ mm/m64, mm (0F 7F). */
static void gen_movq_mmx(DisasContext *s, int modrm, int store)
{
    int reg = (modrm >> 3) & 7, rm = modrm & 7;

    if (modrm_is_mem(modrm)) {
        gen_lea_modrm(s, modrm, 1);
        if (store) {
            gen_op_mmx_enter();
            gen_op_stq_env_A0(moff(reg));
        } else {
            gen_op_ldq_env_A0(moff(reg));
            gen_op_mmx_write(reg);
        }
    } else if (store) {
        gen_op_movq_env(moff(rm), moff(reg));
        gen_op_mmx_write(rm);
    } else {
        gen_op_movq_env(moff(reg), moff(rm));
        gen_op_mmx_write(reg);
    }
}

/* MOVQ xmm, xmm/m64 (F3 0F 7E): the high quadword zeroed. */
static void gen_movq_load_xmm(DisasContext *s, int modrm)
{
    int reg = (modrm >> 3) & 7;

    if (modrm_is_mem(modrm)) {
        gen_lea_modrm(s, modrm, 1);
        gen_op_ldq_env_A0(xoff(reg));
    } else {
        gen_op_movq_env(xoff(reg), xoff(modrm & 7));
    }
    gen_op_zeroq_env(xoff(reg) + 8);
}

/* 0F D6: MOVQ xmm/m64, xmm (66), MOVQ2DQ (F3), MOVDQ2Q (F2). */
static void gen_d6(DisasContext *s, int modrm, int pfx)
{
    int reg = (modrm >> 3) & 7, rm = modrm & 7;

    if (pfx == P_66) {
        if (modrm_is_mem(modrm)) {
            gen_lea_modrm(s, modrm, 1);
            gen_op_stq_env_A0(xoff(reg));
        } else {
            gen_op_movq_env(xoff(rm), xoff(reg));
            gen_op_zeroq_env(xoff(rm) + 8);
        }
    } else if (pfx == P_F3 && !modrm_is_mem(modrm)) {
        gen_op_mmx_enter();
        gen_op_movq_env(xoff(reg), moff(rm));
        gen_op_zeroq_env(xoff(reg) + 8);
    } else if (pfx == P_F2 && !modrm_is_mem(modrm)) {
        gen_op_movq_env(moff(reg), xoff(rm));
        gen_op_mmx_write(reg);
    } else {
        gen_illegal(s);
    }
}

/* ---- shifts by an immediate (groups 12, 13, 14: 0F 71, 72, 73) ---- */
static void gen_shift_imm(DisasContext *s, int b, int modrm, int pfx)
{
    static const GenOp2 ops[3][8][2] = {
        [0][2] = {gen_op_psrlw_mmx, gen_op_psrlw_xmm},
        [0][4] = {gen_op_psraw_mmx, gen_op_psraw_xmm},
        [0][6] = {gen_op_psllw_mmx, gen_op_psllw_xmm},
        [1][2] = {gen_op_psrld_mmx, gen_op_psrld_xmm},
        [1][4] = {gen_op_psrad_mmx, gen_op_psrad_xmm},
        [1][6] = {gen_op_pslld_mmx, gen_op_pslld_xmm},
        [2][2] = {gen_op_psrlq_mmx, gen_op_psrlq_xmm},
        [2][6] = {gen_op_psllq_mmx, gen_op_psllq_xmm},
    };
    int op = (modrm >> 3) & 7, rm = modrm & 7, x = pfx == P_66;
    uint32_t imm;

    if (modrm_is_mem(modrm) || (pfx != P_NONE && pfx != P_66)) {
        gen_illegal(s);
        return;
    }
    imm = fetch_b(s);
    if (b == 0x73 && x && (op == 3 || op == 7)) { /* PSRLDQ, PSLLDQ */
        (op == 3 ? gen_op_psrldq : gen_op_pslldq)(rm, 0, imm);
        return;
    }
    if (!ops[b - 0x71][op][x]) {
        gen_illegal(s);
        return;
    }
    gen_op_movl_xmm_t0_im(imm);
    ops[b - 0x71][op][x](rm, T0_REG);
}

/* ---- group 15 (0F AE): FXSAVE FXRSTOR LDMXCSR STMXCSR, fences ---- */
static void gen_group15(DisasContext *s, int modrm)
{
    int op = (modrm >> 3) & 7;

    if (!modrm_is_mem(modrm)) {
        if (op >= 5) /* LFENCE, MFENCE, SFENCE */
            gen_op_mfence();
        else
            gen_illegal(s);
        return;
    }
    switch (op) {
    case 0:
        gen_lea_modrm(s, modrm, 1);
        gen_op_fxsave_A0(1);
        break;
    case 1:
        gen_lea_modrm(s, modrm, 1);
        gen_op_fxrstor_A0(1);
        break;
    case 2:
        gen_lea_modrm(s, modrm, 1);
        gen_ld_T0(OT_LONG);
        gen_op_ldmxcsr_T0();
        break;
    case 3:
        gen_lea_modrm(s, modrm, 1);
        gen_op_stmxcsr_T0();
        gen_st_T0(OT_LONG);
        break;
    case 7: /* CLFLUSH: nothing to do for a user-mode guest */
        gen_lea_modrm(s, modrm, 1);
        break;
    default:
        gen_illegal(s);
        break;
    }
}

/* ---- conversions with general and MMX registers (0F 2A 2C 2D) ---- */
static void gen_cvt(DisasContext *s, int b, int modrm, int pfx)
{
    int reg = (modrm >> 3) & 7, src;

    if (b == 0x2a) {
        if (pfx == P_F3 || pfx == P_F2) { /* CVTSI2SS/SD xmm, r/m32 */
            gen_load_rm_T0(s, modrm, OT_LONG);
            (pfx == P_F3 ? gen_op_cvtsi2ss_T0 : gen_op_cvtsi2sd_T0)(reg);
            return;
        }
        src = gen_src(s, modrm, 8); /* CVTPI2PS/PD xmm, mm/m64 */
        (pfx == P_NONE ? gen_op_cvtpi2ps : gen_op_cvtpi2pd)(reg, src);
        return;
    }
    if (pfx == P_F3 || pfx == P_F2) { /* CVT(T)SS2SI, CVT(T)SD2SI r32 */
        static const GenOp2 to_int[2][2] = {
            {gen_op_cvttss2si_T0, gen_op_cvtss2si_T0},
            {gen_op_cvttsd2si_T0, gen_op_cvtsd2si_T0}};
        src = gen_src(s, modrm, pfx == P_F3 ? 4 : 8);
        to_int[pfx == P_F2][b == 0x2d](src, 0);
        gen_mov_reg_T0(OT_LONG, reg);
        return;
    }
    {
        static const GenOp2 to_mmx[2][2] = {
            {gen_op_cvttps2pi, gen_op_cvtps2pi},
            {gen_op_cvttpd2pi, gen_op_cvtpd2pi}};
        src = gen_src(s, modrm, pfx == P_NONE ? 8 : 16);
        to_mmx[pfx == P_66][b == 0x2d](reg, src);
    }
}

/* ---- the irregular rest; returns 0 for an opcode that is not here ---- */
static int disas_sse_special(DisasContext *s, int b, int modrm, int pfx)
{
    int reg = (modrm >> 3) & 7, rm = modrm & 7, src;
    uint32_t imm;

    switch (b) {
    case 0x10: case 0x11:
        if (pfx == P_F3 || pfx == P_F2)
            gen_movs(s, modrm, b & 1, pfx == P_F2);
        else
            gen_movo(s, modrm, b & 1);
        return 1;
    case 0x28: case 0x29:
        if (pfx != P_NONE && pfx != P_66)
            return 0;
        gen_movo(s, modrm, b & 1);
        return 1;
    case 0x12: case 0x13: case 0x16: case 0x17:
        if (pfx != P_NONE && pfx != P_66)
            return 0; /* MOVSLDUP, MOVDDUP, MOVSHDUP: SSE3 */
        if (pfx == P_66 && !modrm_is_mem(modrm))
            return 0;
        gen_movlh(s, b, modrm);
        return 1;
    case 0x2b: /* MOVNTPS, MOVNTPD */
    case 0xe7: /* MOVNTQ, MOVNTDQ */
        if (!modrm_is_mem(modrm) || (pfx != P_NONE && pfx != P_66))
            return 0;
        if (b == 0xe7 && pfx == P_NONE) {
            gen_movq_mmx(s, modrm, 1);
            return 1;
        }
        gen_movo(s, modrm, 1);
        return 1;
    case 0xc3: /* MOVNTI m32, r32 */
        if (!modrm_is_mem(modrm) || pfx != P_NONE)
            return 0;
        gen_lea_modrm(s, modrm, 1);
        gen_mov_T0_reg(OT_LONG, reg);
        gen_st_T0(OT_LONG);
        return 1;
    case 0x6e: case 0x7e:
        if (b == 0x7e && pfx == P_F3) {
            gen_movq_load_xmm(s, modrm);
            return 1;
        }
        if (pfx != P_NONE && pfx != P_66)
            return 0;
        gen_movd(s, b, modrm, pfx);
        return 1;
    case 0x6f: case 0x7f:
        if (pfx == P_NONE)
            gen_movq_mmx(s, modrm, b == 0x7f);
        else if (pfx == P_66 || pfx == P_F3) /* MOVDQA, MOVDQU */
            gen_movo(s, modrm, b == 0x7f);
        else
            return 0;
        return 1;
    case 0xd6:
        gen_d6(s, modrm, pfx);
        return 1;
    case 0xd7: /* PMOVMSKB r32, mm/xmm */
    case 0x50: /* MOVMSKPS/PD r32, xmm */
        if (modrm_is_mem(modrm) || pfx > P_66)
            return 0;
        if (b == 0xd7)
            (pfx == P_66 ? gen_op_pmovmskb_xmm_T0 : gen_op_pmovmskb_mmx_T0)(rm, 0);
        else
            (pfx == P_66 ? gen_op_movmskpd_T0 : gen_op_movmskps_T0)(rm, 0);
        gen_mov_reg_T0(OT_LONG, reg);
        return 1;
    case 0x70: { /* PSHUFW, PSHUFD, PSHUFHW, PSHUFLW */
        static const GenOp3 shuf[4] = {gen_op_pshufw, gen_op_pshufd,
                                       gen_op_pshufhw, gen_op_pshuflw};
        src = gen_src(s, modrm, pfx == P_NONE ? 8 : 16);
        shuf[pfx](reg, src, fetch_b(s));
        return 1;
    }
    case 0x71: case 0x72: case 0x73:
        gen_shift_imm(s, b, modrm, pfx);
        return 1;
    case 0xc2: { /* CMPPS CMPPD CMPSS CMPSD */
        static const GenOp3 cmp[4] = {gen_op_cmpps, gen_op_cmppd,
                                      gen_op_cmpss, gen_op_cmpsd};
        static const int size[4] = {16, 16, 4, 8};
        src = gen_src(s, modrm, size[pfx]);
        cmp[pfx](reg, src, fetch_b(s));
        return 1;
    }
    case 0xc6: /* SHUFPS, SHUFPD */
        if (pfx > P_66)
            return 0;
        src = gen_src(s, modrm, 16);
        (pfx == P_66 ? gen_op_shufpd : gen_op_shufps)(reg, src, fetch_b(s));
        return 1;
    case 0xc4: /* PINSRW mm/xmm, r32/m16, imm8 */
        if (pfx > P_66)
            return 0;
        gen_load_rm_T0(s, modrm, OT_WORD);
        imm = fetch_b(s);
        (pfx == P_66 ? gen_op_pinsrw_xmm_T0 : gen_op_pinsrw_mmx_T0)(reg, imm);
        return 1;
    case 0xc5: /* PEXTRW r32, mm/xmm, imm8 */
        if (pfx > P_66 || modrm_is_mem(modrm))
            return 0;
        imm = fetch_b(s);
        (pfx == P_66 ? gen_op_pextrw_xmm_T0 : gen_op_pextrw_mmx_T0)(rm, imm);
        gen_mov_reg_T0(OT_LONG, reg);
        return 1;
    case 0x2a: case 0x2c: case 0x2d:
        gen_cvt(s, b, modrm, pfx);
        return 1;
    case 0x2e: case 0x2f: { /* UCOMISS COMISS UCOMISD COMISD */
        static const GenOp2 comi[2][2] = {
            {gen_op_ucomiss, gen_op_comiss}, {gen_op_ucomisd, gen_op_comisd}};
        if (pfx > P_66)
            return 0;
        src = gen_src(s, modrm, pfx == P_66 ? 8 : 4);
        comi[pfx == P_66][b & 1](reg, src);
        cc_op_stored(s, CC_OP_EFLAGS);
        return 1;
    }
    case 0xae:
        gen_group15(s, modrm);
        return 1;
    }
    return 0;
}

/* Opcodes of the 0F map this decoder owns (the rest is #UD here). */
static int sse_opcode(int b)
{
    return (b >= 0x10 && b <= 0x17) || (b >= 0x28 && b <= 0x2f) ||
           (b >= 0x50 && b <= 0x7f && b != 0x77) || b == 0xae ||
           (b >= 0xc2 && b <= 0xc6) || (b >= 0xd1 && b <= 0xfe);
}

/*
 * Instructions with an MMX operand: their ops and helpers work on
 * CPUState's copy of the x87 registers (the MMX registers are the x87's,
 * SDM vol. 1, 9.5), so the live state is moved there around them
 * (include/fpu-state.h).  Those are the unprefixed 0F 60-7F and D0-FF,
 * PINSRW/PEXTRW without 66, the conversions with MMX registers and
 * MOVQ2DQ/MOVDQ2Q.
 */
static int sse_uses_mmx(int b, int pfx)
{
    if (pfx == P_NONE && ((b >= 0x60 && b <= 0x7f) || b >= 0xd0 ||
                          b == 0xc4 || b == 0xc5))
        return 1;
    if (b == 0x2a || b == 0x2c || b == 0x2d)
        return pfx == P_NONE || pfx == P_66;
    return b == 0xd6 && pfx >= P_F3;
}

static void disas_sse_insn(DisasContext *s, int b, int pfx)
{
    int modrm = fetch_b(s), src;
    const SseOp *e = &binary[b][pfx];

    if (e->op) {
        src = gen_src(s, modrm, e->msize);
        e->op((modrm >> 3) & 7, src);
        return;
    }
    if (!disas_sse_special(s, b, modrm, pfx))
        gen_illegal(s);
}

void disas_sse(DisasContext *s, int b)
{
    int pfx = sse_prefix(s), mmx;

    b &= 0xff;
    init_tables();
    if (b == 0x77 && pfx == P_NONE) { /* EMMS */
        gen_op_emms();
        return;
    }
    if (!sse_opcode(b)) {
        gen_illegal(s);
        return;
    }
    mmx = sse_uses_mmx(b, pfx);
    if (mmx)
        gen_op_fpu_spill();
    disas_sse_insn(s, b, pfx);
    if (mmx)
        gen_op_fpu_fill();
}
