/*
 * The AVX/AVX2/F16C instructions with an imm8 or an irregular shape that
 * run as C (op/i386/op-avx.c runs the regular ones inline): one entry
 * point, helper_avx(), switching on the instruction (AVX_HELPER_OPS).
 * Integer shuffles are written out from the SDM's pseudo-code; the
 * floating-point ones (compares, rounding, F16C) use the host's own
 * instruction, since the result, its NaNs and the MXCSR flags it raises
 * must be the hardware's (the guest's MXCSR is live, op/i386/fpu-state.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <immintrin.h>
#include <string.h>

#include "cc-op.h"
#include "helper-avx.h"
#include "fpu-state.h"
#include "helper-fpu.h"
#include "helper.h"

typedef union {
    uint8_t b[32];
    uint16_t w[16];
    uint32_t l[8];
    uint64_t q[4];
    XMMReg x[2];
} Y;

/* Register r's low half: xmm[r], or xmm_t0 for r = 8 (the memory
 * operand; ymmh[8] is its upper half). */
static XMMReg *lo(CPUState *env, int r)
{
    return r == 8 ? &env->xmm_t0 : &env->xmm[r];
}

static Y get(CPUState *env, int r)
{
    Y y;

    y.x[0] = *lo(env, r);
    y.x[1] = env->ymmh[r];
    return y;
}

/* VEX.128 zeroes bits 255:128 (SDM vol. 1, 14.1.2). */
static void put(CPUState *env, int r, const Y *y, int l)
{
    *lo(env, r) = y->x[0];
    if (l)
        env->ymmh[r] = y->x[1];
    else
        memset(&env->ymmh[r], 0, 16);
}

/* The per-lane (128-bit) shuffles: lane `k` of the result from lanes
 * `k` of a and b. */
static void shuf_lane(int id, Y *r, const Y *a, const Y *b, int k, int imm)
{
    const uint32_t *al = a->l + 4 * k, *bl = b->l + 4 * k;
    const uint16_t *bw = b->w + 8 * k;
    uint32_t *rl = r->l + 4 * k;
    uint16_t *rw = r->w + 8 * k;
    uint8_t tmp[32];

    switch (id) {
    case AVXH_PSHUFD:
        for (int i = 0; i < 4; i++)
            rl[i] = bl[(imm >> (2 * i)) & 3];
        break;
    case AVXH_PSHUFHW:
        memcpy(rw, bw, 8);
        for (int i = 0; i < 4; i++)
            rw[4 + i] = bw[4 + ((imm >> (2 * i)) & 3)];
        break;
    case AVXH_PSHUFLW:
        memcpy(rw + 4, bw + 4, 8);
        for (int i = 0; i < 4; i++)
            rw[i] = bw[(imm >> (2 * i)) & 3];
        break;
    case AVXH_SHUFPS:
        rl[0] = al[imm & 3];
        rl[1] = al[(imm >> 2) & 3];
        rl[2] = bl[(imm >> 4) & 3];
        rl[3] = bl[(imm >> 6) & 3];
        break;
    case AVXH_SHUFPD:
        r->q[2 * k] = a->q[2 * k + ((imm >> (2 * k)) & 1)];
        r->q[2 * k + 1] = b->q[2 * k + ((imm >> (2 * k + 1)) & 1)];
        break;
    case AVXH_PALIGNR: /* (a:b) >> 8*imm, per lane */
        memcpy(tmp, b->b + 16 * k, 16);
        memcpy(tmp + 16, a->b + 16 * k, 16);
        for (int i = 0; i < 16; i++)
            r->b[16 * k + i] = i + imm < 32 ? tmp[i + imm] : 0;
        break;
    case AVXH_PSRLDQ:
        for (int i = 0; i < 16; i++)
            r->b[16 * k + i] = i + imm < 16 ? b->b[16 * k + i + imm] : 0;
        break;
    case AVXH_PSLLDQ:
        for (int i = 0; i < 16; i++)
            r->b[16 * k + i] = i >= imm ? b->b[16 * k + i - imm] : 0;
        break;
    case AVXH_PBLENDW:
        for (int i = 0; i < 8; i++)
            rw[i] = (imm >> i) & 1 ? bw[i] : a->w[8 * k + i];
        break;
    case AVXH_PERMILPS:
        for (int i = 0; i < 4; i++)
            rl[i] = bl[(imm >> (2 * i)) & 3];
        break;
    case AVXH_PERMILPD:
        r->q[2 * k] = b->q[2 * k + ((imm >> (2 * k)) & 1)];
        r->q[2 * k + 1] = b->q[2 * k + ((imm >> (2 * k + 1)) & 1)];
        break;
    }
}

/* VPERM2I128/VPERM2F128: each result lane one of the four source lanes,
 * or zero (imm bit 3, 7). */
static void perm2(Y *r, const Y *a, const Y *b, int imm)
{
    for (int k = 0; k < 2; k++) {
        int sel = (imm >> (4 * k)) & 15;
        const Y *src = sel & 2 ? b : a;

        if (sel & 8)
            memset(&r->x[k], 0, 16);
        else
            r->x[k] = src->x[sel & 1];
    }
}

/* The compares and rounding on the host: imm selects a predicate or mode
 * the instruction needs as a constant, hence the switches. */
#define K4(X, a, k) X(a, (k)) X(a, (k) + 1) X(a, (k) + 2) X(a, (k) + 3)
#define K8(X, a, k) K4(X, a, k) K4(X, a, (k) + 4)
#define K16(X, a, k) K8(X, a, k) K8(X, a, (k) + 8)
#define K32(X, a) K16(X, a, 0) K16(X, a, 16)
#define K64(X, a, k) K16(X, a, k) K16(X, a, (k) + 16) K16(X, a, (k) + 32) K16(X, a, (k) + 48)
#define K256(X, a) K64(X, a, 0) K64(X, a, 64) K64(X, a, 128) K64(X, a, 192)

#define CMP_CASE(fn, K) case K: r = fn(x, y, K); break;
__attribute__((target("avx2,f16c"))) static void
fp_imm(int id, Y *ry, const Y *ay, const Y *by, int imm)
{
    __m256 a = _mm256_loadu_ps((const float *)ay->b);
    __m256 b = _mm256_loadu_ps((const float *)by->b);
    __m256d ad = _mm256_castps_pd(a), bd = _mm256_castps_pd(b);
    __m128 as = _mm256_castps256_ps128(a), bs = _mm256_castps256_ps128(b);
    __m128d asd = _mm_castps_pd(as), bsd = _mm_castps_pd(bs);

    switch (id) {
    case AVXH_CMPPS: {
        __m256 x = a, y = b, r = a;
        switch (imm & 31) { K32(CMP_CASE, _mm256_cmp_ps) }
        _mm256_storeu_ps((float *)ry->b, r);
        break;
    }
    case AVXH_CMPPD: {
        __m256d x = ad, y = bd, r = ad;
        switch (imm & 31) { K32(CMP_CASE, _mm256_cmp_pd) }
        _mm256_storeu_pd((double *)ry->b, r);
        break;
    }
    case AVXH_CMPSS: {
        __m128 x = as, y = bs, r = as;
        switch (imm & 31) { K32(CMP_CASE, _mm_cmp_ss) }
        _mm_storeu_ps((float *)ry->b, r);
        break;
    }
    case AVXH_CMPSD: {
        __m128d x = asd, y = bsd, r = asd;
        switch (imm & 31) { K32(CMP_CASE, _mm_cmp_sd) }
        _mm_storeu_pd((double *)ry->b, r);
        break;
    }
#define RND_CASE(fn, K) case K: r = fn(y, K); break;
#define RND_CASE2(fn, K) case K: r = fn(x, y, K); break;
    case AVXH_ROUNDPS: {
        __m256 y = b, r = b;
        switch (imm & 15) { K16(RND_CASE, _mm256_round_ps, 0) }
        _mm256_storeu_ps((float *)ry->b, r);
        break;
    }
    case AVXH_ROUNDPD: {
        __m256d y = bd, r = bd;
        switch (imm & 15) { K16(RND_CASE, _mm256_round_pd, 0) }
        _mm256_storeu_pd((double *)ry->b, r);
        break;
    }
    case AVXH_ROUNDSS: {
        __m128 x = as, y = bs, r = as;
        switch (imm & 15) { K16(RND_CASE2, _mm_round_ss, 0) }
        _mm_storeu_ps((float *)ry->b, r);
        break;
    }
    case AVXH_ROUNDSD: {
        __m128d x = asd, y = bsd, r = asd;
        switch (imm & 15) { K16(RND_CASE2, _mm_round_sd, 0) }
        _mm_storeu_pd((double *)ry->b, r);
        break;
    }
    case AVXH_DPPS: { /* VEX.256 only; every imm bit counts */
        __m256 x = a, y = b, r = a;
        switch (imm & 255) { K256(RND_CASE2, _mm256_dp_ps) }
        _mm256_storeu_ps((float *)ry->b, r);
        break;
    }
    case AVXH_MPSADBW: { /* VEX.256 only; imm bits 7:6 are ignored */
        __m256i x = _mm256_castps_si256(a), y = _mm256_castps_si256(b), r = x;
        switch (imm & 63) { K64(RND_CASE2, _mm256_mpsadbw_epu8, 0) }
        _mm256_storeu_si256((__m256i *)ry->b, r);
        break;
    }
    case AVXH_CVTPS2PH: { /* imm bits 7:3 are ignored */
        __m256 y = b;
        __m128i r = _mm_setzero_si128();
        switch (imm & 7) { K8(RND_CASE, _mm256_cvtps_ph, 0) }
        memset(ry, 0, sizeof(*ry));
        _mm_storeu_si128((__m128i *)ry->b, r);
        break;
    }
    }
}

/* VPTEST / VTESTPS / VTESTPD: ZF from a AND b, CF from (NOT a) AND b,
 * over all bits or the sign bits (SDM vol. 2, VTESTPD/VTESTPS). */
static void test_flags(CPUState *env, int id, const Y *a, const Y *b, int l)
{
    uint64_t mask = id == AVXH_PTEST ? ~0ull
                    : id == AVXH_TESTPS ? 0x8000000080000000ull
                                         : 0x8000000000000000ull;
    uint64_t z = 0, c = 0;

    for (int i = 0; i < (l ? 4 : 2); i++) {
        z |= a->q[i] & b->q[i] & mask;
        c |= ~a->q[i] & b->q[i] & mask;
    }
    env->cc_src = (z ? 0 : CC_Z) | (c ? 0 : CC_C);
    env->cc_op = CC_OP_EFLAGS;
}

/* VPMOVMSKB / VMOVMSKPS / VMOVMSKPD of a whole YMM register. */
static uint32_t movmsk(int id, const Y *b)
{
    uint32_t m = 0;

    for (int i = 0; i < 32; i++) {
        if (id == AVXH_PMOVMSKB)
            m |= (uint32_t)(b->b[i] >> 7) << i;
        else if (id == AVXH_MOVMSKPS && i < 8)
            m |= (b->l[i] >> 31) << i;
        else if (id == AVXH_MOVMSKPD && i < 4)
            m |= (uint32_t)(b->q[i] >> 63) << i;
    }
    return m;
}

uint32_t helper_avx(CPUState *env, uint32_t regs, uint32_t imm, uint32_t id)
{
    int d = AVXR_D(regs), v = AVXR_V(regs), s = AVXR_S(regs), l = AVXR_L(regs);
    Y a = get(env, v), b = get(env, s), r;

    memset(&r, 0, sizeof(r));
    if (!l) { /* no exception flags from what a VEX.128 form never reads */
        memset(&a.x[1], 0, 16);
        memset(&b.x[1], 0, 16);
    }
    switch (id) {
    case AVXH_PSHUFD: case AVXH_PSHUFHW: case AVXH_PSHUFLW:
    case AVXH_SHUFPS: case AVXH_SHUFPD: case AVXH_PALIGNR:
    case AVXH_PSRLDQ: case AVXH_PSLLDQ: case AVXH_PBLENDW:
    case AVXH_PERMILPS: case AVXH_PERMILPD:
        for (int k = 0; k < (l ? 2 : 1); k++)
            shuf_lane((int)id, &r, &a, &b, k, (int)imm);
        break;
    case AVXH_PERMQ:
        for (int i = 0; i < 4; i++)
            r.q[i] = b.q[(imm >> (2 * i)) & 3];
        break;
    case AVXH_PERM2F128:
        perm2(&r, &a, &b, (int)imm);
        break;
    case AVXH_INSERT128:
        r = a;
        r.x[imm & 1] = b.x[0];
        break;
    case AVXH_EXTRACT128:
        r.x[0] = b.x[imm & 1];
        break;
    case AVXH_PBLENDD:
        for (int i = 0; i < 8; i++)
            r.l[i] = (imm >> i) & 1 ? b.l[i] : a.l[i];
        break;
    case AVXH_BLENDPS:
        for (int i = 0; i < 8; i++)
            r.l[i] = (imm >> i) & 1 ? b.l[i] : a.l[i];
        break;
    case AVXH_BLENDPD:
        for (int i = 0; i < 4; i++)
            r.q[i] = (imm >> i) & 1 ? b.q[i] : a.q[i];
        break;
    case AVXH_BLENDVPS: case AVXH_BLENDVPD: case AVXH_PBLENDVB: {
        Y m = get(env, (int)(imm >> 4) & 7);
        int n = id == AVXH_PBLENDVB ? 1 : id == AVXH_BLENDVPS ? 4 : 8;
        for (int i = 0; i < 32; i += n)
            memcpy(r.b + i, (m.b[i + n - 1] & 0x80 ? &b : &a)->b + i, (size_t)n);
        break;
    }
    case AVXH_PTEST: case AVXH_TESTPS: case AVXH_TESTPD:
        r = get(env, d);
        test_flags(env, (int)id, &r, &b, l);
        return 0;
    case AVXH_PMOVMSKB: case AVXH_MOVMSKPS: case AVXH_MOVMSKPD:
        return movmsk((int)id, &b);
    case AVXH_CMPSS: case AVXH_CMPSD: case AVXH_ROUNDSS: case AVXH_ROUNDSD:
        fp_imm((int)id, &r, &a, &b, (int)imm);
        memcpy(r.b + (id == AVXH_CMPSS || id == AVXH_ROUNDSS ? 4 : 8),
               a.b + (id == AVXH_CMPSS || id == AVXH_ROUNDSS ? 4 : 8),
               id == AVXH_CMPSS || id == AVXH_ROUNDSS ? 12 : 8);
        memset(r.b + 16, 0, 16);
        break;
    default:
        fp_imm((int)id, &r, &a, &b, (int)imm);
        break;
    }
    put(env, d, &r, l && id != AVXH_EXTRACT128 && id != AVXH_CVTPS2PH);
    return 0;
}

/* The segment-limit check of the `size` bytes at linear address addr,
 * when the TB has one for the operand's segment (AVX_KIND_LIMIT). */
static void element_limit(CPUState *env, uint32_t kind, uint32_t addr, int size,
                          uint32_t write)
{
    uint32_t seg = (kind >> AVX_KIND_SEG_SHIFT) & 7;

    if (kind & AVX_KIND_LIMIT)
        helper_check_limit(env, seg, addr - env->segs[seg].base,
                           (uint32_t)(size - 1) | write);
}

/*
 * VMASKMOVPS/PD, VPMASKMOVD/Q (SDM vol. 2): a load or store of the
 * elements whose mask (register v) has its sign bit set; the others are
 * zero (load) or left alone (store), and never touched, so they cannot
 * fault.  kind: element size 4 or 8, plus 16 for a store; VMASKMOVDQU
 * is the store with 1-byte elements (its mask, register v, is the r/m
 * register), which is MASKMOVDQU's (op/i386/helper-sse.c).
 */
void helper_avx_maskmov(CPUState *env, uint32_t regs, uint32_t addr, uint32_t kind)
{
    int d = AVXR_D(regs), l = AVXR_L(regs), size = (int)(kind & 15);
    Y m = get(env, AVXR_V(regs)), r = get(env, d);

    if (size == 1) { /* VMASKMOVDQU: faults as MASKMOVDQU does */
        helper_maskmov_bytes(addr, r.b, m.b, 16);
        return;
    }
    /* every active element's limit before any is stored (the native
     * CPU: a store with its last element beyond stores nothing) */
    for (int i = 0; i < (l ? 32 : 16); i += size)
        if (m.b[i + size - 1] >> 7)
            element_limit(env, kind, addr + (uint32_t)i, size,
                          (kind & 16) ? LIMIT_WRITE : 0);
    for (int i = 0; i < (l ? 32 : 16); i += size) {
        int on = m.b[i + size - 1] >> 7;
        if (kind & 16) {
            if (on)
                memcpy(g2h(addr + (uint32_t)i), r.b + i, (size_t)size);
        } else if (on) {
            memcpy(r.b + i, g2h(addr + (uint32_t)i), (size_t)size);
        } else {
            memset(r.b + i, 0, (size_t)size);
        }
    }
    if (!(kind & 16))
        put(env, d, &r, l);
}

/* Byte `off` (0-31) of YMM register r. */
static uint8_t *ybyte(CPUState *env, int r, int off)
{
    return off < 16 ? lo(env, r)->b + off : env->ymmh[r].b + (off - 16);
}

/*
 * VPGATHERDD/DQ/QD/QQ, VGATHERDPS/DPD/QPS/QPD (SDM vol. 2, each; 2.3.12
 * VSIB): element j, if its mask element's sign bit is set, is loaded
 * from base + index[j] * scale (addr = segment base + base + disp, the
 * sum wrapping at 4 GiB as any 32-bit address), then its mask element is
 * cleared.  Each element goes into the guest registers as it is done,
 * in order from element 0, so a fault on element k leaves elements
 * below k gathered with their masks clear and the rest untouched, as
 * the SDM requires ("the destination and mask are partially updated").
 * On completion the whole mask register is zero and the destination's
 * bits above its elements are zero (the QD/QPS forms fill half a
 * register).  kind: bit 0 qword indices, bit 1 qword data, bits 3:2 the
 * scale; in a segment with a limit each active element is checked as it
 * is loaded (#GP(0) or #SS(0) with the earlier elements gathered).
 */
void helper_avx_gather(CPUState *env, uint32_t regs, uint32_t addr, uint32_t kind)
{
    int d = AVXR_D(regs), m = AVXR_V(regs), x = AVXR_S(regs), l = AVXR_L(regs);
    int qidx = kind & 1, esize = kind & 2 ? 8 : 4, scale = (int)(kind >> 2) & 3;
    int n = (qidx || esize == 8) ? (l ? 4 : 2) : (l ? 8 : 4);
    Y idx = get(env, x);

    for (int j = 0; j < n; j++) {
        uint8_t *mb = ybyte(env, m, j * esize);
        uint32_t i = qidx ? (uint32_t)idx.q[j] : idx.l[j];

        if (mb[esize - 1] & 0x80) {
            element_limit(env, kind, addr + (i << scale), esize, 0);
            memcpy(ybyte(env, d, j * esize), g2h(addr + (i << scale)), (size_t)esize);
        }
        memset(mb, 0, (size_t)esize);
    }
    for (int off = n * esize; off < 32; off++) {
        *ybyte(env, d, off) = 0;
        *ybyte(env, m, off) = 0;
    }
}

/* ---- XCR0 and the XSAVE area (SDM vol. 1, 13) ---- */

/* XCR0 as Linux sets it on a CPU with AVX: x87, SSE, AVX state. */
#define XCR0_STITCH 7u
#define XSAVE_HDR 512  /* XSTATE_BV at +0 of the header */
#define XSAVE_YMM 576  /* the AVX component (CPUID leaf 0xD, subleaf 2) */

static int ymmh_in_use(const CPUState *env)
{
    static const XMMReg zero;

    for (int i = 0; i < 8; i++)
        if (memcmp(&env->ymmh[i], &zero, 16))
            return 1;
    return 0;
}

/* XINUSE (SDM vol. 1, 13.6) of CPUState's copy of the state: bit i clear
 * when component i is in its initial configuration.  The hardware may set
 * a bit of a component in that configuration too (the AMD host the tests
 * run on does, after some SSE and x87 instructions); stitch reports the
 * configuration itself. */
static uint32_t xinuse(CPUState *env)
{
    return (helper_x87_sse_inuse(env) | (ymmh_in_use(env) ? 4 : 0)) & XCR0_STITCH;
}

/* XGETBV: ECX 0 is XCR0, ECX 1 XINUSE where CPUID reports XGETBV1;
 * another ECX is #GP (SDM vol. 2, XGETBV). */
void helper_xgetbv(CPUState *env)
{
    if (env->regs[R_ECX] == 1 && (cpuid_d1_eax() & CPUID_D1_EAX_XGETBV1)) {
        fpu_state_save(env);
        env->regs[R_EAX] = xinuse(env);
        fpu_state_load(env);
    } else if (env->regs[R_ECX] != 0) {
        helper_raise_exception(env, EXCP_GPF);
    } else {
        env->regs[R_EAX] = XCR0_STITCH;
    }
    env->regs[R_EDX] = 0;
}

/*
 * XSAVE m (0F AE /4): the components of RFBM = EDX:EAX & XCR0.  x87 and
 * SSE go to the legacy area as FXSAVE writes it (both when either is
 * asked for); XSTATE_BV gets RFBM's bits, AVX's only while an upper half
 * is not zero (its init state, SDM vol. 1, 13.6); YMM_Hi128 at 576.
 */
void helper_xsave(CPUState *env, uint32_t addr, uint32_t unused)
{
    uint32_t rfbm = env->regs[R_EAX] & XCR0_STITCH;
    uint64_t bv;

    (void)unused;
    if (addr & 63) {
        helper_raise_exception(env, EXCP_GPF);
    }
    if (rfbm & 3)
        helper_fxsave_live(env, addr, 1);
    memcpy(&bv, g2h(addr + XSAVE_HDR), 8);
    bv &= ~(uint64_t)rfbm;
    bv |= rfbm & 3;
    if ((rfbm & 4) && ymmh_in_use(env))
        bv |= 4;
    memcpy(g2h(addr + XSAVE_HDR), &bv, 8);
    if (rfbm & 4)
        memcpy(g2h(addr + XSAVE_YMM), env->ymmh, 8 * 16);
}

/*
 * XSAVEC m (0F C7 /4; SDM vol. 1, 13.10): the components of RFBM that
 * XINUSE has, and only those, written; XSTATE_BV = RFBM & XINUSE,
 * XCOMP_BV = bit 63 | RFBM, the rest of the header and the legacy area's
 * bytes the components do not cover left alone.  x87 is bytes 0-23 and
 * 32-159 of the legacy area, SSE 24-31 (MXCSR: written with the
 * registers, as the AMD host does) and 160-287 (XMM0-7); AVX, the first
 * extended component, is at 576 in the compacted format too.
 */
void helper_xsavec(CPUState *env, uint32_t addr, uint32_t unused)
{
    uint32_t rfbm = env->regs[R_EAX] & XCR0_STITCH, bv;
    uint8_t old[288], *p = g2h(addr);
    uint64_t hdr[2];

    (void)unused;
    if (addr & 63) {
        helper_raise_exception(env, EXCP_GPF);
    }
    fpu_state_save(env);
    bv = rfbm & xinuse(env);
    if (bv & 3) {
        memcpy(old, p, sizeof(old));
        helper_fxsave(env, addr, 1);
        if (!(bv & 1)) {
            memcpy(p, old, 24);
            memcpy(p + 32, old + 32, 128);
        }
        if (!(bv & 2)) {
            memcpy(p + 24, old + 24, 8);
            memcpy(p + 160, old + 160, 128);
        }
    }
    hdr[0] = bv;
    hdr[1] = 1ull << 63 | rfbm;
    memcpy(p + XSAVE_HDR, hdr, sizeof(hdr));
    if (bv & 4)
        memcpy(g2h(addr + XSAVE_YMM), env->ymmh, 8 * 16);
    fpu_state_load(env);
}

/* XRSTOR of the compacted format (XCOMP_BV bit 63; SDM vol. 1, 13.8.2):
 * #GP if XCOMP_BV has bits outside XCR0, XSTATE_BV bits outside
 * XCOMP_BV, bytes 16-63 of the header not 0, or an MXCSR it loads with
 * a reserved bit (fx_mxcsr_reserved).  Each component of
 * RFBM is loaded if XSTATE_BV has it, else initialised -- MXCSR too
 * (0x1f80), unlike the standard form. */
static void xrstor_compacted(CPUState *env, uint32_t addr, uint32_t rfbm,
                             uint64_t bv, uint64_t xcomp)
{
    static const uint8_t zero[48];
    uint32_t load = rfbm & (uint32_t)bv;
    struct { /* what FXRSTOR loads and this XRSTOR may not */
        FPReg fpregs[8];
        uint32_t fpstt, fpip, fpop, fpdp, mxcsr_x;
        uint16_t fpus, fpuc_x;
        uint8_t fptag_used[8];
        XMMReg xmm[8];
    } keep;

    if (!(cpuid_d1_eax() & CPUID_D1_EAX_XSAVEC) ||
        (xcomp & ~(1ull << 63) & ~(uint64_t)XCR0_STITCH) ||
        (bv & ~xcomp) || memcmp(g2h(addr + XSAVE_HDR + 16), zero, sizeof(zero)) ||
        ((rfbm & 6) && (bv & 2) && fx_mxcsr_reserved(addr))) {
        helper_raise_exception(env, EXCP_GPF);
    }
    fpu_state_save(env);
    if (load & 3) {
        memcpy(keep.fpregs, env->fpregs, sizeof(keep.fpregs));
        keep.fpstt = env->fpstt;
        keep.fpus = env->fpus;
        keep.fpuc_x = env->fpuc_x;
        memcpy(keep.fptag_used, env->fptag_used, sizeof(keep.fptag_used));
        keep.fpip = env->fpip;
        keep.fpop = env->fpop;
        keep.fpdp = env->fpdp;
        keep.mxcsr_x = env->mxcsr_x;
        memcpy(keep.xmm, env->xmm, sizeof(keep.xmm));
        fxrstor_image(env, addr);
        if (!(load & 1)) { /* the x87 state as it was */
            memcpy(env->fpregs, keep.fpregs, sizeof(keep.fpregs));
            env->fpstt = keep.fpstt;
            env->fpus = keep.fpus;
            env->fpuc_x = keep.fpuc_x;
            memcpy(env->fptag_used, keep.fptag_used, sizeof(keep.fptag_used));
            env->fpip = keep.fpip;
            env->fpop = keep.fpop;
            env->fpdp = keep.fpdp;
        }
        if (!(load & 2)) {
            env->mxcsr_x = keep.mxcsr_x;
            memcpy(env->xmm, keep.xmm, sizeof(keep.xmm));
        }
    }
    if ((rfbm & 1) && !(bv & 1))
        helper_x87_init(env);
    if ((rfbm & 2) && !(bv & 2)) {
        env->mxcsr_x = 0;
        memset(env->xmm, 0, sizeof(env->xmm));
    }
    if (rfbm & 4) {
        if (bv & 4)
            memcpy(env->ymmh, g2h(addr + XSAVE_YMM), 8 * 16);
        else
            memset(env->ymmh, 0, 8 * 16);
    }
    fpu_state_load(env);
}

/*
 * XRSTOR m (0F AE /5): for each component of RFBM, its saved state if
 * XSTATE_BV has it, else its init state (SSE: XMM registers zero; AVX:
 * upper halves zero).  XSTATE_BV bits outside XCR0 are #GP, and so is
 * MXCSR with a reserved bit when SSE or AVX is restored.  XCOMP_BV
 * bit 63 selects the compacted form (XSAVEC's).
 */
void helper_xrstor(CPUState *env, uint32_t addr, uint32_t unused)
{
    uint32_t rfbm = env->regs[R_EAX] & XCR0_STITCH;
    uint64_t bv, xcomp;

    (void)unused;
    memcpy(&bv, g2h(addr + XSAVE_HDR), 8);
    memcpy(&xcomp, g2h(addr + XSAVE_HDR + 8), 8);
    if (!(addr & 63) && (xcomp >> 63)) {
        xrstor_compacted(env, addr, rfbm, bv, xcomp);
        return;
    }
    if ((addr & 63) || (bv & ~(uint64_t)XCR0_STITCH) || xcomp ||
        ((rfbm & 6) && fx_mxcsr_reserved(addr))) {
        helper_raise_exception(env, EXCP_GPF);
    }
    if (rfbm & 3) {
        fpu_state_save(env);
        fxrstor_image(env, addr);
        fpu_state_load(env);
    }
    if ((rfbm & 2) && !(bv & 2))
        memset(env->xmm, 0, sizeof(env->xmm));
    if (rfbm & 4) {
        if (bv & 4)
            memcpy(env->ymmh, g2h(addr + XSAVE_YMM), 8 * 16);
        else
            memset(env->ymmh, 0, 8 * 16);
    }
}
