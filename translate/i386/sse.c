/*
 * The MMX/SSE/SSE2 decoder: two-byte opcodes 0F 10-FF (Intel SDM vol. 2,
 * appendix A.3, table A-3), where the mandatory prefix selects the
 * instruction: none (MMX, or SSE packed single), 66 (SSE2 integer on XMM,
 * packed double), F3 (scalar single), F2 (scalar double).
 *
 * The regular part -- an XMM or MMX destination register and a source
 * register or memory operand -- is one table, `binary`, filled from the
 * lists of op/i386/sse-ops.h.  On XMM registers an instruction is one
 * micro-op that runs it on the host (op/i386/op-sse.c), its memory source read
 * straight from guest memory; the MMX forms and the irregular rest call
 * helpers, which see a memory source loaded into env->xmm_t0 as register
 * 8.  Moves, conversions with general registers and immediate forms are
 * the cases of disas_sse_special().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stddef.h>
#include <string.h>

#include "avx.h"
#include "fpu.h"
#include "op-gen.h"
#include "sse-ops.h"

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
    return (s->prefix & PREFIX_DATA) ? P_66 : P_NONE;
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

typedef void (*GenOp0)(void);
typedef void (*GenOp1)(uint32_t);

/*
 * An XMM operation is a micro-op that is the instruction itself
 * (op/i386/op-sse.c), in variants that take the CPUState offset of the
 * destination: `reg_x1` finds the source in host %xmm1 (put there from
 * the register cache, below), `mem` at A0; the _xd variants find the
 * destination already in host %xmm0 (see "what %xmm0 holds" below).  An
 * MMX operation is a helper on register numbers with a memory source in
 * env->xmm_t0.
 */
typedef struct SseOp {
    GenOp1 reg_x1, reg_xd_x1, mem, mem_xd;
    GenOp2 mmx;
    int msize; /* of the XMM memory form; 16: 16-byte aligned */
} SseOp;

/* The tables are initialised data, not filled at the first SSE
 * instruction: every start-up that met one paid for writing 70 KiB of
 * fresh pages (bench group "startup"); now only the rows looked up are
 * read in. */
#define SIMD_ENTRY(n, msize)                                                \
    {gen_op_simd_##n##_x1, gen_op_simd_##n##_xd_x1, gen_op_simd_##n##_m,    \
     gen_op_simd_##n##_m_xd, NULL, (msize)}
#define INT_ENTRY(opc, n)                                                   \
    [opc][P_NONE] = {.mmx = gen_op_##n##_mmx}, [opc][P_66] = SIMD_ENTRY(n, 16),
#define XMM_ENTRY(opc, pfx, n, msize) [opc][pfx] = SIMD_ENTRY(n, msize),
#define SSSE3_ENTRY(opc, n) INT_ENTRY(opc, n)
#define SSE41_ENTRY(opc, n, msize) [opc][P_66] = SIMD_ENTRY(n, msize),
#define IMM_ENTRY(opc, n, sz) [opc] = {gen_op_##n, sz},

static const SseOp binary[256][4] = {
    SSE_INT_OPS(INT_ENTRY)
    SSE_XMM_OPS(XMM_ENTRY)
    SSE3_XMM_OPS(XMM_ENTRY)
};
static const SseOp binary38[256][2] = { /* 0F 38: [P_NONE] MMX, [P_66] XMM */
    SSSE3_OPS(SSSE3_ENTRY)
    SSE41_XMM_OPS(SSE41_ENTRY)
};

/* 66 0F 3A opc xmm, xmm/m, imm8: a helper op on register numbers, and
 * the size of its memory operand. */
static const struct {
    GenOp3 op;
    int msize;
} imm3a[256] = {
    SSE41_IMM_OPS(IMM_ENTRY)
};
#undef INT_ENTRY
#undef XMM_ENTRY
#undef SSSE3_ENTRY
#undef SSE41_ENTRY
#undef IMM_ENTRY
#undef SIMD_ENTRY

/*
 * ---- what %xmm0 holds ----
 *
 * Every simd_* op that writes an XMM register leaves its value in host
 * %xmm0 too, and only helpers (C code, free to use any vector register)
 * and other simd_* ops touch %xmm0.  So while the ops emitted since then
 * are plain copied code -- no helper call, no label another path could
 * enter by -- the next SSE instruction can take that operand from %xmm0
 * instead of reloading what the previous op has just stored: the
 * store-to-load forwarding delay left on every dependency chain
 * otherwise.  env is written by every op all the same, so a fault sees
 * exact state and a new TB starts from env.
 *
 * `held` records the last simd_* op that left known registers in %xmm0:
 * the op's position in gen_opc_buf and which registers (a set: after a
 * register-to-register move both hold the value).  Every SSE instruction
 * forgets it first (disas_sse()), so a simd_* op emitted without saying
 * what it left cannot be followed by a stale claim.  The choice depends
 * only on ops of the current translation (a record left by another one
 * fails the checks of xmm0_regs()), so the second translation of
 * cpu_restore_state() makes the same choices and sums the same sizes.
 */
typedef struct {
    const TranslationBlock *tb;
    uint32_t end;   /* gen_opc_buf index just after the op */
    uint16_t op;    /* its op code, to check it is still there */
    unsigned regs;  /* bit r: guest XMM register r is in %xmm0 (for `held`) */
} RegRecord;
static RegRecord held, prev;

#define REG_BIT(r) (1u << (r))

/* Could an op clobber host %xmm0?  Pseudo-ops: only set_label matters (a
 * path from elsewhere joins there); dyngen marks every op with a helper
 * call may_fault, and only simd_* ops use vector registers themselves. */
static int keeps_xmm0(int op)
{
    if (op == INDEX_op_insn_start)
        return 1;
    return op >= NB_PSEUDO_OPS && !op_info[op].may_fault &&
           strncmp(op_info[op].name, "simd_", 5) != 0;
}

/* The registers a record made by record_set() still names at this point
 * of the op stream: none if an op since then is not one `keeps` allows. */
static unsigned record_regs(const DisasContext *s, const RegRecord *r,
                            int (*keeps)(int))
{
    uint32_t now = (uint32_t)(gen_opc_ptr - gen_opc_buf);

    if (!r->regs || r->tb != s->tb || r->end > now || r->end == 0 ||
        gen_opc_buf[r->end - 1] != r->op)
        return 0;
    for (uint32_t i = r->end; i < now; i++)
        if (!keeps(gen_opc_buf[i]))
            return 0;
    return r->regs;
}

/* Record `regs` as of the op just emitted. */
static void record_set(RegRecord *r, const DisasContext *s, unsigned regs)
{
    r->tb = s->tb;
    r->end = (uint32_t)(gen_opc_ptr - gen_opc_buf);
    r->op = gen_opc_ptr[-1];
    r->regs = regs;
}

/* The guest registers %xmm0 holds at this point of the op stream. */
static unsigned xmm0_regs(const DisasContext *s)
{
    return record_regs(s, &prev, keeps_xmm0);
}

static int in_xmm0(const DisasContext *s, int reg)
{
    return (xmm0_regs(s) & REG_BIT(reg)) != 0;
}

/* The op just emitted left registers `regs` in %xmm0. */
static void xmm0_set(const DisasContext *s, unsigned regs)
{
    record_set(&held, s, regs);
}

/*
 * ---- the register cache: %xmm8-%xmm15 ----
 *
 * Host %xmm(8+r) may hold guest XMM register r (op/i386/op-sse.c,
 * cache_*): a copy, written through -- every op still stores its result
 * to env -- so a fault, a signal, a helper, FXSAVE, gdb and every TB exit
 * see exact state in env, and the cache never has to be written back.
 * What it saves is the load: an SSE instruction takes a cached operand
 * with a register move, not from the env slot the previous op has just
 * stored (the store-to-load forwarding delay on every dependency chain).
 *
 * No GCC-compiled op touches %xmm8-15 (-ffixed-xmm8..15), but helpers are
 * ordinary C code and may, so a cached value is good only while every op
 * since it was put there is copied code without a helper call (dyngen's
 * `calls`), no label joins (set_label), and no simd_* op outside this
 * decoder's own bookkeeping wrote a register behind the cache's back (the
 * AVX ops, say).  So the cache lives within one TB: a TB starts with
 * nothing cached.  As for `held`, the record is the op position where it
 * was made; every SSE instruction forgets it first, and only the paths
 * below that know what they wrote set it again, so an instruction that
 * says nothing leaves nothing cached.  The choices depend only on the ops
 * of this translation, so cpu_restore_state()'s second translation makes
 * the same ones.
 */
static RegRecord cached, cached_prev; /* bit r: %xmm(8+r) holds register r */

static int keeps_cache(int op)
{
    if (op == INDEX_op_insn_start)
        return 1;
    return op >= NB_PSEUDO_OPS && !op_info[op].calls &&
           strncmp(op_info[op].name, "simd_", 5) != 0;
}

/* The guest registers cached at this point of the op stream. */
static unsigned cache_regs(const DisasContext *s)
{
    return record_regs(s, &cached_prev, keeps_cache);
}

/* After the ops just emitted, registers `regs` are cached. */
static void cache_set(const DisasContext *s, unsigned regs)
{
    record_set(&cached, s, regs);
}

void sse_cache_forget(void)
{
    cached.regs = 0;
}

#define CACHE_OP_TABLE(op)                                                  \
    {gen_op_simd_cache_##op##_0, gen_op_simd_cache_##op##_1,                \
     gen_op_simd_cache_##op##_2, gen_op_simd_cache_##op##_3,                \
     gen_op_simd_cache_##op##_4, gen_op_simd_cache_##op##_5,                \
     gen_op_simd_cache_##op##_6, gen_op_simd_cache_##op##_7}
static void (*const cache_get0[8])(void) = CACHE_OP_TABLE(get0);
static void (*const cache_get1[8])(void) = CACHE_OP_TABLE(get1);
static void (*const cache_put[8])(void) = CACHE_OP_TABLE(put);
static void (*const cache_fill[8])(void) = CACHE_OP_TABLE(fill);

/* Put source register `r` in %xmm1, from the cache or from env (caching
 * it on the way); returns the cached set. */
static unsigned cache_src_x1(unsigned c, int r)
{
    if (c & REG_BIT(r)) {
        cache_get1[r]();
        return c;
    }
    cache_fill[r]();
    return c | REG_BIT(r);
}

/* The op just emitted left register `r` in %xmm0: cache it. */
static void cache_result(const DisasContext *s, unsigned c, int r)
{
    cache_put[r]();
    cache_set(s, c | REG_BIT(r));
    xmm0_set(s, REG_BIT(r));
}

/* ---- operands ---- */

static int modrm_is_mem(int modrm) { return (modrm >> 6) != 3; }
static int modrm_is_reg(int modrm) { return (modrm >> 6) == 3; }

/*
 * The address of a memory operand, in A0.  A legacy SSE instruction
 * whose operand is 16 bytes wants it 16-byte aligned, else #GP(0) (SDM
 * vol. 1, 11.4.1: all but MOVUPS MOVUPD MOVDQU LDDQU and the SSE4.2
 * string compares, whose lists of exceptions say so; the scalar and
 * 8-byte forms take any address).  Linux sets no MXCSR.MM (AMD's
 * misaligned-SSE mode), so AMD parts fault as Intel's do.
 */
static void gen_lea_sse(DisasContext *s, int modrm, int a16)
{
    gen_lea_modrm(s, modrm, 1);
    if (a16)
        gen_check_align16(s);
}

/* Load `size` bytes at the ModRM address into env->xmm_t0 (16: aligned
 * unless `any`). */
static void gen_load_t0_any(DisasContext *s, int modrm, int size, int any)
{
    gen_lea_sse(s, modrm, size == 16 && !any);
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
    gen_load_t0_any(s, modrm, size, 0);
    return T0_REG;
}

/* ---- moves ---- */

/* 16-byte load/store forms: MOVUPS MOVUPD MOVDQU LDDQU (any address),
 * MOVAPS MOVAPD MOVDQA MOVNTPS MOVNTPD MOVNTDQ MOVNTDQA (`a16`). */
static void gen_movo(DisasContext *s, int modrm, int store, int a16)
{
    int reg = (modrm >> 3) & 7, rm = modrm & 7;
    int dst = store ? rm : reg, src = store ? reg : rm;
    unsigned c;

    if (modrm_is_mem(modrm)) {
        gen_lea_sse(s, modrm, a16);
        c = cache_regs(s);
        if (!store) {
            gen_op_simd_ldo_A0(xoff(reg));
        } else if (c & REG_BIT(reg)) {
            cache_get0[reg]();
            gen_op_simd_sto_A0_xs();
            cache_set(s, c);
            xmm0_set(s, REG_BIT(reg));
            return;
        } else {
            gen_op_simd_sto_A0(xoff(reg));
        }
        cache_result(s, c, reg);
        return;
    }
    c = cache_regs(s);
    if (c & REG_BIT(src)) {
        cache_get0[src]();
        gen_op_simd_movo_xs(xoff(dst));
    } else {
        gen_op_simd_movo(xoff(dst), xoff(src));
        cache_put[src]();
        c |= REG_BIT(src);
    }
    cache_result(s, c, dst);
    xmm0_set(s, REG_BIT(src) | REG_BIT(dst));
}

/* MOVSS/MOVSD (F3/F2 0F 10, 11): from memory the rest of the register is
 * zeroed, between registers it is kept (SDM MOVSS). */
static void gen_movs(DisasContext *s, int modrm, int store, int dbl)
{
    int reg = (modrm >> 3) & 7, rm = modrm & 7;
    int dst = store ? rm : reg, src = store ? reg : rm;
    unsigned x, c;

    if (!modrm_is_mem(modrm)) {
        c = cache_src_x1(cache_regs(s), src);
        if (c & REG_BIT(dst)) {
            cache_get0[dst]();
            (dbl ? gen_op_simd_movsd_xd_x1 : gen_op_simd_movss_xd_x1)(xoff(dst));
        } else {
            (dbl ? gen_op_simd_movsd_x1 : gen_op_simd_movss_x1)(xoff(dst));
        }
        cache_result(s, c, dst);
        return;
    }
    gen_lea_modrm(s, modrm, 1);
    c = cache_regs(s);
    if (!store) {
        (dbl ? gen_op_simd_ldq_A0 : gen_op_simd_ldd_A0)(xoff(reg));
        cache_result(s, c, reg);
        return;
    }
    if (c & REG_BIT(reg)) {
        cache_get0[reg]();
        (dbl ? gen_op_simd_stq_A0_xs : gen_op_simd_std_A0_xs)();
        cache_set(s, c);
        xmm0_set(s, REG_BIT(reg));
        return;
    }
    x = xmm0_regs(s);
    if (x & REG_BIT(reg)) {
        (dbl ? gen_op_simd_stq_A0_xs : gen_op_simd_std_A0_xs)();
        xmm0_set(s, x);
    } else { /* the op leaves part of the register in %xmm0 */
        (dbl ? gen_op_simd_stq_A0 : gen_op_simd_std_A0)(xoff(reg));
    }
    cache_set(s, c);
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
            gen_op_simd_movlhps(xoff(reg), xoff(rm));
        } else { /* MOVHLPS: low := source high */
            gen_op_simd_movhlps(xoff(reg), xoff(rm));
        }
        return;
    }
    gen_lea_modrm(s, modrm, 1);
    if (b & 1)
        gen_op_simd_stq_A0(xoff(reg) + half);
    else
        (half ? gen_op_simd_ldhi_A0 : gen_op_simd_ldlo_A0)(xoff(reg));
}

/* MOVD/MOVQ between general registers or memory and MMX/XMM (0F 6E 7E,
 * 66 0F 6E 7E): 32 bits, the rest of the register zeroed. */
static void gen_movd(DisasContext *s, int b, int modrm, int pfx)
{
    int reg = (modrm >> 3) & 7;
    uint32_t off = pfx == P_66 ? xoff(reg) : moff(reg);

    if (b == 0x6e) {
        gen_load_rm_T0(s, modrm, OT_LONG);
        if (pfx == P_66) {
            gen_op_simd_movd_T0(off);
            return;
        }
        gen_op_movl_env_T0(off);
        gen_op_zerol_env(off + 4);
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
    unsigned c;

    if (modrm_is_mem(modrm)) {
        gen_lea_modrm(s, modrm, 1);
        c = cache_regs(s);
        gen_op_simd_ldq_A0(xoff(reg));
    } else {
        c = cache_regs(s);
        gen_op_simd_movq(xoff(reg), xoff(modrm & 7));
    }
    cache_result(s, c, reg);
}

/* 0F D6: MOVQ xmm/m64, xmm (66), MOVQ2DQ (F3), MOVDQ2Q (F2). */
static void gen_d6(DisasContext *s, int modrm, int pfx)
{
    int reg = (modrm >> 3) & 7, rm = modrm & 7;
    unsigned c;

    if (pfx == P_66) {
        if (!modrm_is_mem(modrm)) {
            c = cache_regs(s);
            gen_op_simd_movq(xoff(rm), xoff(reg));
            cache_result(s, c, rm);
            return;
        }
        gen_lea_modrm(s, modrm, 1);
        c = cache_regs(s);
        if (c & REG_BIT(reg)) {
            cache_get0[reg]();
            gen_op_simd_stq_A0_xs();
        } else {
            gen_op_simd_stq_A0(xoff(reg));
        }
        cache_set(s, c); /* a store: no register changed */
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
        [0][2] = {gen_op_psrlw_mmx, gen_op_simd_psrlw_im},
        [0][4] = {gen_op_psraw_mmx, gen_op_simd_psraw_im},
        [0][6] = {gen_op_psllw_mmx, gen_op_simd_psllw_im},
        [1][2] = {gen_op_psrld_mmx, gen_op_simd_psrld_im},
        [1][4] = {gen_op_psrad_mmx, gen_op_simd_psrad_im},
        [1][6] = {gen_op_pslld_mmx, gen_op_simd_pslld_im},
        [2][2] = {gen_op_psrlq_mmx, gen_op_simd_psrlq_im},
        [2][6] = {gen_op_psllq_mmx, gen_op_simd_psllq_im},
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
    if (x) { /* the count is the op's parameter */
        ops[b - 0x71][op][x](xoff(rm), imm);
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
    case 0: /* FXSAVE, FXRSTOR: a 512-byte area aligned on 16, else #GP */
        gen_lea_sse(s, modrm, 1);
        gen_op_fxsave_A0(1);
        break;
    case 1:
        gen_lea_sse(s, modrm, 1);
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
    case 4: case 5: case 6: /* XSAVE, XRSTOR, XSAVEOPT (translate/i386/avx.c) */
        if (!disas_xsave(s, modrm))
            gen_illegal(s);
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
            unsigned c;

            gen_load_rm_T0(s, modrm, OT_LONG);
            c = cache_regs(s);
            if (c & REG_BIT(reg))
                cache_get0[reg]();
            if ((c & REG_BIT(reg)) || in_xmm0(s, reg))
                (pfx == P_F3 ? gen_op_simd_cvtsi2ss_T0_xd
                             : gen_op_simd_cvtsi2sd_T0_xd)(xoff(reg));
            else
                (pfx == P_F3 ? gen_op_simd_cvtsi2ss_T0
                             : gen_op_simd_cvtsi2sd_T0)(xoff(reg));
            cache_result(s, c, reg);
            return;
        }
        src = gen_src(s, modrm, 8); /* CVTPI2PS/PD xmm, mm/m64 */
        (pfx == P_NONE ? gen_op_cvtpi2ps : gen_op_cvtpi2pd)(reg, src);
        return;
    }
    if (pfx == P_F3 || pfx == P_F2) { /* CVT(T)SS2SI, CVT(T)SD2SI r32 */
        static const GenOp1 to_int[2][2] = {
            {gen_op_simd_cvttss2si_T0, gen_op_simd_cvtss2si_T0},
            {gen_op_simd_cvttsd2si_T0, gen_op_simd_cvtsd2si_T0}};
        static const GenOp0 to_int_m[2][2] = {
            {gen_op_simd_cvttss2si_T0_m, gen_op_simd_cvtss2si_T0_m},
            {gen_op_simd_cvttsd2si_T0_m, gen_op_simd_cvtsd2si_T0_m}};
        static const GenOp0 to_int_xs[2][2] = {
            {gen_op_simd_cvttss2si_T0_xs, gen_op_simd_cvtss2si_T0_xs},
            {gen_op_simd_cvttsd2si_T0_xs, gen_op_simd_cvtsd2si_T0_xs}};
        int dbl = pfx == P_F2, rnd = b == 0x2d, rm = modrm & 7;
        unsigned x, c;
        if (modrm_is_mem(modrm)) {
            gen_lea_modrm(s, modrm, 1);
            gen_check_ac(s, dbl ? 8 : 4);
            c = cache_regs(s);
            x = xmm0_regs(s);
            to_int_m[dbl][rnd]();
        } else if ((c = cache_regs(s)) & REG_BIT(rm)) {
            cache_get0[rm]();
            to_int_xs[dbl][rnd]();
            x = REG_BIT(rm);
        } else if ((x = xmm0_regs(s)) & REG_BIT(rm)) {
            to_int_xs[dbl][rnd]();
        } else {
            to_int[dbl][rnd](xoff(rm));
        }
        cache_set(s, c); /* they write a general register only */
        if (x) /* and none of them writes %xmm0 */
            xmm0_set(s, x);
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

/* UCOMISS COMISS UCOMISD COMISD (0F 2E 2F, 66 0F 2E 2F): the op records
 * ZF PF CF and the kind CC_OP_EFLAGS. */
static void gen_comi(DisasContext *s, int b, int modrm, int dbl)
{
    static const GenOp1 mem_ops[2][2][2] = {
        {{gen_op_simd_ucomiss_m, gen_op_simd_ucomiss_m_xd},
         {gen_op_simd_comiss_m, gen_op_simd_comiss_m_xd}},
        {{gen_op_simd_ucomisd_m, gen_op_simd_ucomisd_m_xd},
         {gen_op_simd_comisd_m, gen_op_simd_comisd_m_xd}}};
    static const GenOp1 x1_ops[2][2][2] = {
        {{gen_op_simd_ucomiss_x1, gen_op_simd_ucomiss_xd_x1},
         {gen_op_simd_comiss_x1, gen_op_simd_comiss_xd_x1}},
        {{gen_op_simd_ucomisd_x1, gen_op_simd_ucomisd_xd_x1},
         {gen_op_simd_comisd_x1, gen_op_simd_comisd_xd_x1}}};
    int reg = (modrm >> 3) & 7;
    unsigned c;

    if (modrm_is_mem(modrm)) {
        gen_lea_modrm(s, modrm, 1);
        gen_check_ac(s, dbl ? 8 : 4);
        c = cache_regs(s);
        if (c & REG_BIT(reg))
            cache_get0[reg]();
        mem_ops[dbl][b & 1][(c & REG_BIT(reg)) || in_xmm0(s, reg)](xoff(reg));
    } else {
        c = cache_src_x1(cache_regs(s), modrm & 7);
        if (c & REG_BIT(reg))
            cache_get0[reg]();
        x1_ops[dbl][b & 1][(c & REG_BIT(reg)) != 0](xoff(reg));
    }
    cache_result(s, c, reg);
    cc_op_stored(s, CC_OP_EFLAGS);
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
            gen_movo(s, modrm, b & 1, 0);
        return 1;
    case 0x28: case 0x29:
        if (pfx != P_NONE && pfx != P_66)
            return 0;
        gen_movo(s, modrm, b & 1, 1);
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
        gen_movo(s, modrm, 1, 1);
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
            gen_movo(s, modrm, b == 0x7f, pfx == P_66);
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
        if (b == 0xd7 && pfx == P_NONE)
            gen_op_pmovmskb_mmx_T0(rm, 0);
        else if (b == 0xd7)
            gen_op_simd_pmovmskb_T0(xoff(rm));
        else
            (pfx == P_66 ? gen_op_simd_movmskpd_T0
                         : gen_op_simd_movmskps_T0)(xoff(rm));
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
    case 0x2e: case 0x2f:
        if (pfx > P_66)
            return 0;
        gen_comi(s, b, modrm, pfx == P_66);
        return 1;
    case 0xae:
        gen_group15(s, modrm);
        return 1;
    case 0xf7: /* MASKMOVQ mm, mm; MASKMOVDQU xmm, xmm: to DS:EDI (or DI) */
        if (modrm_is_mem(modrm) || pfx > P_66)
            return 0;
        gen_op_movl_A0_EDI();
        if (!s->aflag)
            gen_op_andl_A0_ffff();
        gen_add_seg(s, R_DS);
        (pfx == P_66 ? gen_op_maskmovdqu_A0 : gen_op_maskmovq_A0)(reg, rm);
        return 1;
    case 0xf0: /* LDDQU xmm, m128 (SSE3): a 16-byte load */
        if (pfx != P_F2 || !modrm_is_mem(modrm))
            return 0;
        gen_movo(s, modrm, 0, 0);
        return 1;
    }
    return 0;
}

/* Opcodes of the 0F map this decoder owns (the rest is #UD here). */
static int sse_opcode(int b)
{
    return (b >= 0x10 && b <= 0x17) || (b >= 0x28 && b <= 0x2f) ||
           (b >= 0x50 && b <= 0x7f && b != 0x77) || b == 0xae ||
           (b >= 0xc2 && b <= 0xc6) || (b >= 0xd0 && b <= 0xfe);
}

/*
 * Instructions with an MMX operand: their ops and helpers work on
 * CPUState's copy of the x87 registers (the MMX registers are the x87's,
 * SDM vol. 1, 9.5), so the live state is moved there around them
 * (op/i386/fpu-state.h).  Those are the unprefixed 0F 60-7F and D0-FF,
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

/* PXOR, XORPS, XORPD xmm, same xmm: the zeroing idiom. */
static int sse_zero_idiom(int b)
{
    return b == 0xef || b == 0x57;
}

/* An inline XMM operation of the regular tables (e->reg_x1 set). */
static void gen_xmm_binary(DisasContext *s, const SseOp *e, int modrm)
{
    int reg = (modrm >> 3) & 7, rm = modrm & 7;
    unsigned c;

    if (modrm_is_mem(modrm)) {
        gen_lea_sse(s, modrm, e->msize == 16);
        gen_check_ac(s, e->msize);
        c = cache_regs(s);
        if (c & REG_BIT(reg))
            cache_get0[reg]();
        ((c & REG_BIT(reg)) || in_xmm0(s, reg) ? e->mem_xd : e->mem)(xoff(reg));
    } else {
        c = cache_src_x1(cache_regs(s), rm);
        if (c & REG_BIT(reg))
            cache_get0[reg]();
        (c & REG_BIT(reg) ? e->reg_xd_x1 : e->reg_x1)(xoff(reg));
    }
    cache_result(s, c, reg);
}

static void disas_sse_insn(DisasContext *s, int b, int pfx)
{
    int modrm = fetch_b(s), reg = (modrm >> 3) & 7, rm = modrm & 7;
    const SseOp *e = &binary[b][pfx];

    if (e->mmx) {
        e->mmx(reg, gen_src(s, modrm, 8));
    } else if (e->reg_x1 && modrm_is_reg(modrm) && reg == rm &&
               sse_zero_idiom(b)) {
        unsigned c = cache_regs(s);

        gen_op_simd_zero(xoff(reg));
        cache_result(s, c, reg);
    } else if (e->reg_x1) {
        gen_xmm_binary(s, e, modrm);
    } else if (!disas_sse_special(s, b, modrm, pfx)) {
        gen_illegal(s);
    }
}


/* ---- the three-byte maps 0F 38 and 0F 3A (SDM vol. 2, tables) ---- */

/* CRC32 r32, r/m8 (F2 0F 38 F0) and r32, r/m16/32 (F2 [66] 0F 38 F1). */
static void gen_crc32(DisasContext *s, int b)
{
    static const GenOp0 ops[3] = {gen_op_crc32b_T0_T1, gen_op_crc32w_T0_T1,
                                  gen_op_crc32l_T0_T1};
    int modrm = fetch_b(s);
    int ot = b == 0xf0 ? OT_BYTE : s->dflag ? OT_LONG : OT_WORD;

    gen_load_rm_T0(s, modrm, ot);
    gen_mov_T1_reg(OT_LONG, (modrm >> 3) & 7);
    ops[ot]();
    gen_mov_reg_T0(OT_LONG, (modrm >> 3) & 7);
}

/* PBLENDVB BLENDVPS BLENDVPD (66 0F 38 10, 14, 15): the mask is XMM0. */
static int gen_blendv(DisasContext *s, int b, int modrm)
{
    static const GenOp2 reg_ops[3] = {gen_op_simd_pblendvb,
                                      gen_op_simd_blendvps,
                                      gen_op_simd_blendvpd};
    static const GenOp1 mem_ops[3] = {gen_op_simd_pblendvb_m,
                                      gen_op_simd_blendvps_m,
                                      gen_op_simd_blendvpd_m};
    int reg = (modrm >> 3) & 7, k = b == 0x10 ? 0 : b - 0x13;

    if (modrm_is_mem(modrm)) {
        gen_lea_sse(s, modrm, 1);
        gen_check_ac(s, 16);
        mem_ops[k](xoff(reg));
    } else {
        reg_ops[k](xoff(reg), xoff(modrm & 7));
    }
    return 1;
}

/* The 66 0F 38 instructions outside the regular table; 0 if none. */
static int disas_0f38_special(DisasContext *s, int b, int modrm)
{
    int reg = (modrm >> 3) & 7;

    switch (b) {
    case 0x10: case 0x14: case 0x15:
        return gen_blendv(s, b, modrm);
    case 0x17: /* PTEST: ZF CF */
        if (modrm_is_mem(modrm)) {
            gen_lea_sse(s, modrm, 1);
            gen_check_ac(s, 16);
            gen_op_simd_ptest_m(xoff(reg));
        } else {
            gen_op_simd_ptest(xoff(reg), xoff(modrm & 7));
        }
        cc_op_stored(s, CC_OP_EFLAGS);
        return 1;
    case 0x2a: /* MOVNTDQA xmm, m128: a 16-byte load */
        if (!modrm_is_mem(modrm))
            return 0;
        gen_movo(s, modrm, 0, 1);
        return 1;
    }
    return 0;
}

void disas_sse_0f38(DisasContext *s, int b)
{
    int pfx = sse_prefix(s), modrm;
    const SseOp *e;

    if ((b == 0xf0 || b == 0xf1) && pfx == P_F2) {
        gen_crc32(s, b);
        return;
    }
    if (pfx > P_66) {
        gen_illegal(s);
        return;
    }
    prev = held; /* see "what %xmm0 holds" */
    held.regs = 0;
    cached_prev = cached; /* see "the register cache" */
    cached.regs = 0;
    modrm = fetch_b(s);
    e = &binary38[b][pfx];
    if (e->mmx) {
        gen_op_fpu_spill();
        e->mmx((modrm >> 3) & 7, gen_src(s, modrm, 8));
        gen_op_fpu_fill();
    } else if (e->reg_x1) {
        gen_xmm_binary(s, e, modrm);
    } else if (pfx != P_66 || !disas_0f38_special(s, b, modrm)) {
        gen_illegal(s);
    }
}

/* PEXTRB PEXTRW PEXTRD EXTRACTPS r32/m, xmm, imm8 (66 0F 3A 14-17): the
 * element to a general register (zero-extended) or to memory. */
static void gen_pextr(DisasContext *s, int b, int modrm)
{
    static const GenOp2 ops[4] = {gen_op_pextrb_T0, gen_op_pextrw4_T0,
                                  gen_op_pextrd_T0, gen_op_pextrd_T0};
    static const int size[4] = {OT_BYTE, OT_WORD, OT_LONG, OT_LONG};
    int reg = (modrm >> 3) & 7;

    if (modrm_is_mem(modrm)) {
        gen_lea_modrm(s, modrm, 1);
        ops[b - 0x14](reg, fetch_b(s));
        gen_st_T0(size[b - 0x14]);
    } else {
        ops[b - 0x14](reg, fetch_b(s));
        gen_mov_reg_T0(OT_LONG, modrm & 7);
    }
}

/* PINSRB xmm, r32/m8 and PINSRD xmm, r/m32 (66 0F 3A 20, 22). */
static void gen_pinsr(DisasContext *s, int b, int modrm)
{
    int byte = b == 0x20;

    gen_load_rm_T0(s, modrm, byte && modrm_is_mem(modrm) ? OT_BYTE : OT_LONG);
    (byte ? gen_op_pinsrb_T0 : gen_op_pinsrd_T0)((modrm >> 3) & 7,
                                                 fetch_b(s));
}

/* PCMPESTRM PCMPESTRI PCMPISTRM PCMPISTRI (66 0F 3A 60-63): the helper
 * writes ECX or XMM0 and the whole of OF SF ZF AF PF CF.  Their memory
 * operand may be misaligned (SDM PCMPESTRI: "no alignment requirement"). */
static void gen_pcmpstr(DisasContext *s, int b, int modrm)
{
    static const GenOp3 ops[4] = {gen_op_pcmpestrm, gen_op_pcmpestri,
                                  gen_op_pcmpistrm, gen_op_pcmpistri};
    int src = modrm & 7;

    if (modrm_is_mem(modrm)) {
        gen_load_t0_any(s, modrm, 16, 1);
        src = T0_REG;
    }

    ops[b - 0x60]((modrm >> 3) & 7, src, fetch_b(s));
    cc_op_stored(s, CC_OP_EFLAGS);
}

static void disas_0f3a_xmm(DisasContext *s, int b, int modrm)
{
    int reg = (modrm >> 3) & 7, src;

    if (imm3a[b].op) {
        src = gen_src(s, modrm, imm3a[b].msize);
        imm3a[b].op(reg, src, fetch_b(s));
    } else if (b >= 0x14 && b <= 0x17) {
        gen_pextr(s, b, modrm);
    } else if (b == 0x20 || b == 0x22) {
        gen_pinsr(s, b, modrm);
    } else if (b == 0x21) { /* INSERTPS: from memory COUNT_S is ignored */
        src = gen_src(s, modrm, 4);
        gen_op_insertps(reg, src, fetch_b(s) & (src == T0_REG ? 0x3f : 0xff));
    } else if (b >= 0x60 && b <= 0x63) {
        gen_pcmpstr(s, b, modrm);
    } else {
        gen_illegal(s);
    }
}

/* 0F 3A: PALIGNR on MMX registers without a prefix; the rest 66. */
static void disas_0f3a(DisasContext *s, int pfx)
{
    int b = fetch_b(s), modrm, src;

    prev = held; /* see "what %xmm0 holds" */
    held.regs = 0;
    cached_prev = cached; /* see "the register cache" */
    cached.regs = 0;
    if (b == 0x0f && pfx == P_NONE) {
        modrm = fetch_b(s);
        gen_op_fpu_spill();
        src = gen_src(s, modrm, 8);
        gen_op_palignr_mmx((modrm >> 3) & 7, src, fetch_b(s));
        gen_op_fpu_fill();
        return;
    }
    if (pfx != P_66) {
        gen_illegal(s);
        return;
    }
    modrm = fetch_b(s);
    disas_0f3a_xmm(s, b, modrm);
}

/* RDRAND and RDSEED: the host's own, so CF says whether the host had a
 * value (SDM RDRAND: CF=1 valid, the destination 0 otherwise; OF SF ZF
 * AF PF cleared).  A 0x66 prefix writes 16 bits.  F3 /7 is RDPID, which
 * writes all 32 bits whatever the operand size (SDM RDPID), and #UD where
 * the host lacks it (a -cpu model that hides it only changes CPUID, as
 * for the other extensions); F2 is nothing: #UD. */
void disas_rdrand(DisasContext *s, int modrm)
{
    if ((s->prefix & (PREFIX_REPZ | PREFIX_REPNZ)) == PREFIX_REPZ &&
        ((modrm >> 3) & 7) == 7 && host_has_rdpid()) {
        gen_op_rdpid_T0();
        gen_mov_reg_T0(OT_LONG, modrm & 7);
        return;
    }
    if (s->prefix & (PREFIX_REPZ | PREFIX_REPNZ)) {
        gen_illegal(s);
        return;
    }
    (((modrm >> 3) & 7) == 6 ? gen_op_rdrand_T0 : gen_op_rdseed_T0)();
    gen_mov_reg_T0(s->dflag ? OT_LONG : OT_WORD, modrm & 7);
    cc_op_stored(s, CC_OP_EFLAGS);
}

void disas_sse(DisasContext *s, int b)
{
    int pfx = sse_prefix(s), mmx;

    b &= 0xff;
    if (b == 0x3a) {
        disas_0f3a(s, pfx);
        return;
    }
    if (b == 0x77 && pfx == P_NONE) { /* EMMS */
        gen_op_emms();
        return;
    }
    if (!sse_opcode(b)) {
        gen_illegal(s);
        return;
    }
    prev = held; /* see "what %xmm0 holds" */
    held.regs = 0;
    cached_prev = cached; /* see "the register cache" */
    cached.regs = 0;
    mmx = sse_uses_mmx(b, pfx);
    if (mmx)
        gen_op_fpu_spill();
    disas_sse_insn(s, b, pfx);
    if (mmx)
        gen_op_fpu_fill();
}
