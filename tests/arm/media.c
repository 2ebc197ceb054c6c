/*
 * The ARMv6 media instructions and v6T2 bit fields (ARM ARM A5.4): the
 * parallel add/subtract family with its GE flags (A8.8.123 ...), SEL,
 * the extends with rotation, REV/REV16/REVSH/RBIT, PKHBT/PKHTB, USAD8/
 * USADA8, the dual and most-significant-word multiplies, SSAT16/USAT16,
 * MOVW/MOVT, UBFX/SBFX/BFI/BFC.  The parallel model follows the manual's
 * pseudocode lane by lane: sum = Int(Rn lane) +/- Int(Rm lane); GE set
 * when sum >= 0 (signed S), when an unsigned add carries (UADD: sum >=
 * 2^n) or an unsigned subtraction does not borrow (USUB: sum >= 0).
 *
 * thumb-too: also built as Thumb-2 (IT blocks from -mimplicit-it)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "insn-test.h"

static int32_t lane(uint32_t v, int i, int bits, int sgn)
{
    uint32_t x = (v >> (i * bits)) & ((1u << bits) - 1);

    return sgn && (x >> (bits - 1)) ? (int32_t)x - (1 << bits) : (int32_t)x;
}

enum { P_S, P_Q, P_SH, P_U, P_UQ, P_UH };
enum { K_ADD16, K_ASX, K_SAX, K_SUB16, K_ADD8, K_SUB8 };

/* The manual's lane loop for prefix p and operation k; *ge = GE<3:0>. */
static uint32_t parallel_model(int p, int k, uint32_t n, uint32_t m, uint32_t *ge)
{
    int bits = k >= K_ADD8 ? 8 : 16, lanes = 32 / bits, sgn = p < P_U;
    uint32_t r = 0;

    *ge = 0;
    for (int i = 0; i < lanes; i++) {
        int other = (k == K_ASX || k == K_SAX) ? 1 - i : i;
        int sub = k == K_SUB16 || k == K_SUB8 || (k == K_ASX && i == 0) ||
                  (k == K_SAX && i == 1);
        int32_t a = lane(n, i, bits, sgn), b = lane(m, other, bits, sgn);
        int32_t sum = sub ? a - b : a + b, max = (1 << bits) - 1, out = sum;
        int g = 0;

        if (p == P_S)
            g = sum >= 0;
        else if (p == P_U)
            g = sub ? sum >= 0 : sum >= (1 << bits);
        else if (p == P_Q)
            out = sum > max / 2 ? max / 2 : sum < -(max / 2) - 1 ? -(max / 2) - 1 : sum;
        else if (p == P_UQ)
            out = sum > max ? max : sum < 0 ? 0 : sum;
        else
            out = sum >> 1;
        r |= ((uint32_t)out & (uint32_t)max) << (i * bits);
        if (g)
            *ge |= (bits == 8 ? 1u : 3u) << (i * bits / 8);
    }
    return r;
}

#define PAR_FN(name)                                                       \
    static uint32_t run_##name(uint32_t n, uint32_t m, uint32_t *ge)       \
    {                                                                      \
        uint32_t r, f;                                                     \
        __asm__ volatile("msr APSR_g, %3\n\t" #name " %0, %2, %3\n\t"      \
                         "mrs %1, APSR"                                    \
                         : "=&r"(r), "=r"(f) : "r"(n), "r"(m) : "cc");     \
        *ge = (f >> 16) & 15;                                              \
        return r;                                                          \
    }
#define PAR_ROW(p)                                                         \
    PAR_FN(p##add16) PAR_FN(p##asx) PAR_FN(p##sax) PAR_FN(p##sub16)        \
    PAR_FN(p##add8) PAR_FN(p##sub8)
PAR_ROW(s) PAR_ROW(q) PAR_ROW(sh) PAR_ROW(u) PAR_ROW(uq) PAR_ROW(uh)

typedef uint32_t (*ParFn)(uint32_t, uint32_t, uint32_t *);
#define PAR_TABLE(p)                                                       \
    {run_##p##add16, run_##p##asx, run_##p##sax, run_##p##sub16,           \
     run_##p##add8, run_##p##sub8}
static const ParFn par_fns[6][6] = {PAR_TABLE(s), PAR_TABLE(q), PAR_TABLE(sh),
                                    PAR_TABLE(u), PAR_TABLE(uq), PAR_TABLE(uh)};
static const char *const pfx[] = {"s", "q", "sh", "u", "uq", "uh"};
static const char *const kind[] = {"add16", "asx", "sax", "sub16", "add8", "sub8"};

static const uint32_t lane_values[] = {
    0, 0x7fff7fff, 0x80008000, 0xffffffff, 0x7f80ff01, 0x01ff807f,
    0x12345678, 0xfedcba98, 0x00010001, 0x80017ffe,
};
#define N_LANE (sizeof(lane_values) / sizeof(lane_values[0]))

static void test_parallel(void)
{
    char what[64];

    group("parallel add/subtract (36 forms) and GE");
    for (int p = 0; p < 6; p++)
        for (int k = 0; k < 6; k++)
            for (size_t i = 0; i < N_LANE; i++)
                for (size_t j = 0; j < N_LANE; j++) {
                    uint32_t n = lane_values[i], m = lane_values[j], ge, wge;
                    uint32_t want = parallel_model(p, k, n, m, &wge);
                    uint32_t got = par_fns[p][k](n, m, &ge);

                    snprintf(what, sizeof(what), "%s%s 0x%08x, 0x%08x", pfx[p],
                             kind[k], (unsigned)n, (unsigned)m);
                    check(what, got, want);
                    /* GE: set by S and U; Q, SH, UQ, UH leave it alone
                     * (here: GE = bits 19:16 of m, set by the MSR) */
                    check(what, ge, p == P_S || p == P_U ? wge : (m >> 16) & 15);
                }
    end_group();
}

static void test_sel(void)
{
    group("SEL by GE");
    for (uint32_t g = 0; g < 16; g++) {
        uint32_t r, want = 0;

        __asm__ volatile("msr APSR_g, %1\n\tsel %0, %2, %3"
                         : "=&r"(r) : "r"(g << 16), "r"(0x11223344), "r"(0xaabbccdd)
                         : "cc");
        for (int i = 0; i < 4; i++)
            want |= ((g >> i) & 1 ? 0x11223344u : 0xaabbccddu) & (0xffu << (8 * i));
        check("sel", r, want);
    }
    end_group();
}

static void test_extend_rev(void)
{
    group("extends with rotation, REV REV16 REVSH RBIT, PKH, USAD8");
    for (size_t i = 0; i < N_EDGE; i++) {
        uint32_t a = edge_values[i], b = edge_values[(i + 3) % N_EDGE], r;
        uint32_t ror8 = a >> 8 | a << 24, ror16 = a >> 16 | a << 16;
        uint32_t ror24 = a >> 24 | a << 8;

        __asm__("uxtb %0, %1" : "=r"(r) : "r"(a)); check("uxtb", r, a & 0xff);
        __asm__("uxtb %0, %1, ror #8" : "=r"(r) : "r"(a)); check("uxtb ror 8", r, ror8 & 0xff);
        __asm__("sxtb %0, %1, ror #16" : "=r"(r) : "r"(a)); check("sxtb ror 16", r, (uint32_t)(int8_t)ror16);
        __asm__("uxth %0, %1, ror #24" : "=r"(r) : "r"(a)); check("uxth ror 24", r, ror24 & 0xffff);
        __asm__("sxth %0, %1" : "=r"(r) : "r"(a)); check("sxth", r, (uint32_t)(int16_t)a);
        __asm__("uxtab %0, %1, %2" : "=r"(r) : "r"(b), "r"(a)); check("uxtab", r, b + (a & 0xff));
        __asm__("sxtah %0, %1, %2, ror #8" : "=r"(r) : "r"(b), "r"(a)); check("sxtah ror 8", r, b + (uint32_t)(int16_t)ror8);
        __asm__("uxtb16 %0, %1" : "=r"(r) : "r"(a)); check("uxtb16", r, a & 0x00ff00ff);
        __asm__("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(a));
        check("sxtb16 ror 8", r, ((uint32_t)(int8_t)ror8 & 0xffff) | (uint32_t)(int8_t)(ror8 >> 16) << 16);
        __asm__("uxtab16 %0, %1, %2" : "=r"(r) : "r"(b), "r"(a));
        check("uxtab16", r, ((b + (a & 0xff)) & 0xffff) | ((b >> 16) + ((a >> 16) & 0xff)) << 16);
        __asm__("rev %0, %1" : "=r"(r) : "r"(a));
        check("rev", r, a >> 24 | (a >> 8 & 0xff00) | (a << 8 & 0xff0000) | a << 24);
        __asm__("rev16 %0, %1" : "=r"(r) : "r"(a));
        check("rev16", r, (a >> 8 & 0x00ff00ff) | (a << 8 & 0xff00ff00));
        __asm__("revsh %0, %1" : "=r"(r) : "r"(a));
        check("revsh", r, (uint32_t)(int16_t)((a >> 8 & 0xff) | (a & 0xff) << 8));
        __asm__("rbit %0, %1" : "=r"(r) : "r"(a));
        {
            uint32_t w = 0;
            for (int k = 0; k < 32; k++)
                w |= ((a >> k) & 1) << (31 - k);
            check("rbit", r, w);
        }
        __asm__("pkhbt %0, %1, %2, lsl #8" : "=r"(r) : "r"(a), "r"(b));
        check("pkhbt lsl 8", r, (a & 0xffff) | ((b << 8) & 0xffff0000));
        __asm__("pkhtb %0, %1, %2, asr #4" : "=r"(r) : "r"(a), "r"(b));
        check("pkhtb asr 4", r, (a & 0xffff0000) | ((uint32_t)((int32_t)b >> 4) & 0xffff));
        __asm__("pkhtb %0, %1, %2, asr #32" : "=r"(r) : "r"(a), "r"(b));
        check("pkhtb asr 32", r, (a & 0xffff0000) | ((uint32_t)((int32_t)b >> 31) & 0xffff));
        {
            uint32_t sad = 0;
            for (int k = 0; k < 4; k++) {
                int d = (int)((a >> 8 * k) & 0xff) - (int)((b >> 8 * k) & 0xff);
                sad += (uint32_t)(d < 0 ? -d : d);
            }
            __asm__("usad8 %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
            check("usad8", r, sad);
            __asm__("usada8 %0, %1, %2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(1000));
            check("usada8", r, sad + 1000);
        }
    }
    end_group();
}

static void test_media_mul(void)
{
    group("SMUAD SMUSD SMLAD SMLALD SMMUL SMMLA(R) SMMLS, SSAT16 USAT16");
    for (size_t i = 0; i < N_EDGE; i++)
        for (size_t j = 0; j < N_EDGE; j++) {
            uint32_t a = edge_values[i], b = edge_values[j], c = edge_values[(i + j) % N_EDGE];
            uint32_t r, lo, hi, bx = b >> 16 | b << 16;
            int64_t p1 = (int64_t)(int16_t)a * (int16_t)b;
            int64_t p2 = (int64_t)((int32_t)a >> 16) * ((int32_t)b >> 16);
            int64_t px1 = (int64_t)(int16_t)a * (int16_t)bx;
            int64_t px2 = (int64_t)((int32_t)a >> 16) * ((int32_t)bx >> 16);
            int64_t prod = (int64_t)(int32_t)a * (int32_t)b;

            __asm__("smuad %0, %1, %2" : "=r"(r) : "r"(a), "r"(b)); check("smuad", r, (uint32_t)(p1 + p2));
            __asm__("smuadx %0, %1, %2" : "=r"(r) : "r"(a), "r"(b)); check("smuadx", r, (uint32_t)(px1 + px2));
            __asm__("smusd %0, %1, %2" : "=r"(r) : "r"(a), "r"(b)); check("smusd", r, (uint32_t)(p1 - p2));
            __asm__("smlad %0, %1, %2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(c));
            check("smlad", r, (uint32_t)(p1 + p2 + (int32_t)c));
            lo = c, hi = a;
            __asm__("smlald %0, %1, %2, %3" : "+r"(lo), "+r"(hi) : "r"(a), "r"(b));
            {
                uint64_t w = ((uint64_t)a << 32 | c) + (uint64_t)(p1 + p2);
                check("smlald lo", lo, (uint32_t)w);
                check("smlald hi", hi, (uint32_t)(w >> 32));
            }
            __asm__("smmul %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
            check("smmul", r, (uint32_t)((uint64_t)prod >> 32));
            __asm__("smmulr %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
            check("smmulr", r, (uint32_t)((uint64_t)(prod + 0x80000000LL) >> 32));
            __asm__("smmla %0, %1, %2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(c));
            check("smmla", r, (uint32_t)((uint64_t)(((int64_t)(int32_t)c << 32) + prod) >> 32));
            __asm__("smmlsr %0, %1, %2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(c));
            check("smmlsr", r, (uint32_t)((uint64_t)(((int64_t)(int32_t)c << 32) - prod + 0x80000000LL) >> 32));
        }
    for (size_t i = 0; i < N_LANE; i++) {
        uint32_t a = lane_values[i], r, want = 0;
        __asm__("ssat16 %0, #9, %1" : "=r"(r) : "r"(a));
        for (int k = 0; k < 2; k++) {
            int32_t v = lane(a, k, 16, 1);
            v = v > 255 ? 255 : v < -256 ? -256 : v;
            want |= ((uint32_t)v & 0xffff) << (16 * k);
        }
        check("ssat16 #9", r, want);
        __asm__("usat16 %0, #9, %1" : "=r"(r) : "r"(a));
        want = 0;
        for (int k = 0; k < 2; k++) {
            int32_t v = lane(a, k, 16, 1);
            v = v > 511 ? 511 : v < 0 ? 0 : v;
            want |= (uint32_t)v << (16 * k);
        }
        check("usat16 #9", r, want);
    }
    end_group();
}

static void test_v6t2(void)
{
    uint32_t r;

    group("MOVW MOVT UBFX SBFX BFI BFC");
    __asm__("movw %0, #0xbeef" : "=r"(r)); check("movw", r, 0xbeef);
    r = 0x12345678;
    __asm__("movt %0, #0xcafe" : "+r"(r)); check("movt", r, 0xcafe5678);
    for (size_t i = 0; i < N_EDGE; i++) {
        uint32_t a = edge_values[i], d = edge_values[(i + 5) % N_EDGE];
#define FIELD(lsb, w)                                                      \
    __asm__("ubfx %0, %1, #" #lsb ", #" #w : "=r"(r) : "r"(a));            \
    check("ubfx " #lsb "," #w, r, (uint32_t)(((uint64_t)a >> lsb) & ((1ull << w) - 1))); \
    __asm__("sbfx %0, %1, #" #lsb ", #" #w : "=r"(r) : "r"(a));            \
    check("sbfx " #lsb "," #w, r, (uint32_t)((int64_t)((uint64_t)a << (64 - lsb - w)) >> (64 - w))); \
    r = d;                                                                 \
    __asm__("bfi %0, %1, #" #lsb ", #" #w : "+r"(r) : "r"(a));             \
    check("bfi " #lsb "," #w, r, (uint32_t)((d & ~(((1ull << w) - 1) << lsb)) | \
                                           ((a & ((1ull << w) - 1)) << lsb))); \
    r = d;                                                                 \
    __asm__("bfc %0, #" #lsb ", #" #w : "+r"(r));                          \
    check("bfc " #lsb "," #w, r, (uint32_t)(d & ~(((1ull << w) - 1) << lsb)));
        FIELD(0, 1) FIELD(0, 32) FIELD(31, 1) FIELD(4, 8) FIELD(8, 16) FIELD(1, 31)
    }
    end_group();
}

int main(void)
{
    test_parallel();
    test_sel();
    test_extend_rev();
    test_media_mul();
    test_v6t2();
    return finish();
}
