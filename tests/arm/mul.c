/*
 * Multiplies (ARM ARM A8.8.100-101 MUL/MLA/MLS, A8.8.255-257 UMAAL/UMLAL/
 * UMULL, A8.8.189/A8.8.195 SMLAL/SMULL), the v5TE halfword multiplies
 * (SMULxy, SMLAxy, SMULWy, SMLAWy, SMLALxy: A8.8.176-A8.8.198), the
 * saturating QADD/QSUB/QDADD/QDSUB with the sticky Q flag (A8.8.134-143),
 * SSAT/USAT (A8.8.179, A8.8.254) and CLZ (A8.8.33).  The models use the
 * manual's definitions: products of the full signed or unsigned values
 * taken wide, SignedSatQ(i, N) clamping to -2^(N-1) .. 2^(N-1)-1.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "insn-test.h"

static int64_t sx(uint32_t v) { return (int32_t)v; }
static int32_t half(uint32_t v, int top) { return (int16_t)(top ? v >> 16 : v); }

static void test_mul(void)
{
    char what[64];

    group("MUL MLA MLS UMULL SMULL UMLAL SMLAL UMAAL, MULS flags");
    for (size_t i = 0; i < N_EDGE; i++)
        for (size_t j = 0; j < N_EDGE; j++) {
            uint32_t a = edge_values[i], b = edge_values[j];
            uint32_t acc = edge_values[(i + j) % N_EDGE], r, lo, hi, f;
            uint64_t p;

            snprintf(what, sizeof(what), "0x%08x * 0x%08x", (unsigned)a, (unsigned)b);
            __asm__("mul %0, %1, %2" : "=&r"(r) : "r"(a), "r"(b));
            check(what, r, a * b);
            __asm__("mla %0, %1, %2, %3" : "=&r"(r) : "r"(a), "r"(b), "r"(acc));
            check(what, r, a * b + acc);
            __asm__("mls %0, %1, %2, %3" : "=&r"(r) : "r"(a), "r"(b), "r"(acc));
            check(what, r, acc - a * b);
            __asm__("umull %0, %1, %2, %3" : "=&r"(lo), "=&r"(hi) : "r"(a), "r"(b));
            p = (uint64_t)a * b;
            check(what, lo, (uint32_t)p);
            check(what, hi, (uint32_t)(p >> 32));
            __asm__("smull %0, %1, %2, %3" : "=&r"(lo), "=&r"(hi) : "r"(a), "r"(b));
            p = (uint64_t)(sx(a) * sx(b));
            check(what, lo, (uint32_t)p);
            check(what, hi, (uint32_t)(p >> 32));
            lo = acc, hi = b;
            __asm__("umlal %0, %1, %2, %3" : "+r"(lo), "+r"(hi) : "r"(a), "r"(b));
            p = (uint64_t)a * b + ((uint64_t)b << 32 | acc);
            check(what, lo, (uint32_t)p);
            check(what, hi, (uint32_t)(p >> 32));
            lo = acc, hi = a;
            __asm__("smlal %0, %1, %2, %3" : "+r"(lo), "+r"(hi) : "r"(a), "r"(b));
            p = (uint64_t)(sx(a) * sx(b)) + ((uint64_t)a << 32 | acc);
            check(what, lo, (uint32_t)p);
            check(what, hi, (uint32_t)(p >> 32));
            lo = acc, hi = a;
            __asm__("umaal %0, %1, %2, %3" : "+r"(lo), "+r"(hi) : "r"(a), "r"(b));
            p = (uint64_t)a * b + acc + a;
            check(what, lo, (uint32_t)p);
            check(what, hi, (uint32_t)(p >> 32));
            /* MULS: N, Z from the result; C and V unchanged (ARMv5+) */
            __asm__("msr APSR_nzcvq, %3\n\tmuls %0, %1, %2\n\tmrs %1, APSR"
                    : "=&r"(r), "+r"(a) : "r"(b), "r"(APSR_C | APSR_V) : "cc");
            f = a;
            check(what, f & APSR_NZCV, ((r & APSR_N) | (r ? 0 : APSR_Z)) |
                                           APSR_C | APSR_V);
            a = edge_values[i];
            __asm__("msr APSR_nzcvq, %4\n\tumulls %0, %1, %2, %3\n\tmrs %2, APSR"
                    : "=&r"(lo), "=&r"(hi), "+r"(a) : "r"(b), "r"(0) : "cc");
            p = (uint64_t)edge_values[i] * b;
            check(what, a & APSR_NZCV, (uint32_t)(p >> 32 & APSR_N) | (p ? 0 : APSR_Z));
        }
    end_group();
}

/* SignedSatQ(i, n) */
static int64_t signed_sat(int64_t i, int n, int *sat)
{
    int64_t max = ((int64_t)1 << (n - 1)) - 1, min = -max - 1;

    *sat = i > max || i < min;
    return i > max ? max : i < min ? min : i;
}

static int64_t unsigned_sat(int64_t i, int n, int *sat)
{
    int64_t max = ((int64_t)1 << n) - 1;

    *sat = i > max || i < 0;
    return i > max ? max : i < 0 ? 0 : i;
}

static void test_dsp(void)
{
    char what[64];

    group("SMULxy SMLAxy SMULWy SMLAWy SMLALxy QADD QSUB QDADD QDSUB (Q)");
    for (size_t i = 0; i < N_EDGE; i++)
        for (size_t j = 0; j < N_EDGE; j++) {
            uint32_t a = edge_values[i], b = edge_values[j];
            uint32_t acc = edge_values[(i * 7 + j) % N_EDGE], r, q, lo, hi;
            int sat, sat2;
            int64_t w;

            snprintf(what, sizeof(what), "0x%08x, 0x%08x, acc 0x%08x",
                     (unsigned)a, (unsigned)b, (unsigned)acc);
#define SMUL(xy, tx, ty)                                                   \
    __asm__("smul" #xy " %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));          \
    check("smul" #xy, r, (uint32_t)(half(a, tx) * half(b, ty)));           \
    set_apsr(0);                                                           \
    __asm__ volatile("smla" #xy " %0, %1, %2, %3\n\tmrs %1, APSR"           \
                     : "=&r"(r), "=r"(q) : "r"(b), "r"(acc), "1"(a) : "cc"); \
    w = (int64_t)half(a, tx) * half(b, ty) + sx(acc);                      \
    check("smla" #xy, r, (uint32_t)w);                                     \
    check("smla" #xy " Q", q & APSR_Q, w != (int32_t)w ? APSR_Q : 0);
            SMUL(bb, 0, 0) SMUL(bt, 0, 1) SMUL(tb, 1, 0) SMUL(tt, 1, 1)
            __asm__("smulwb %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
            check("smulwb", r, (uint32_t)((sx(a) * half(b, 0)) >> 16));
            __asm__("smulwt %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
            check("smulwt", r, (uint32_t)((sx(a) * half(b, 1)) >> 16));
            set_apsr(0);
            __asm__ volatile("smlawt %0, %1, %2, %3\n\tmrs %1, APSR"
                             : "=&r"(r), "=r"(q) : "r"(b), "r"(acc), "1"(a) : "cc");
            w = ((sx(a) * half(b, 1)) >> 16) + sx(acc);
            check("smlawt", r, (uint32_t)w);
            check("smlawt Q", q & APSR_Q, w != (int32_t)w ? APSR_Q : 0);
            lo = acc, hi = b;
            __asm__("smlaltb %0, %1, %2, %3" : "+r"(lo), "+r"(hi) : "r"(a), "r"(b));
            w = (int64_t)((uint64_t)b << 32 | acc) + (int64_t)half(a, 1) * half(b, 0);
            check("smlaltb lo", lo, (uint32_t)w);
            check("smlaltb hi", hi, (uint32_t)((uint64_t)w >> 32));
#define QOP(insn, expr)                                                    \
    set_apsr(0);                                                           \
    __asm__ volatile(insn " %0, %1, %2\n\tmrs %1, APSR"                    \
                     : "=&r"(r), "=r"(q) : "r"(b), "1"(a) : "cc");         \
    w = (expr);                                                            \
    check(insn, r, (uint32_t)w);                                           \
    check(insn " Q", q & APSR_Q, sat ? APSR_Q : 0);
            QOP("qadd", signed_sat(sx(a) + sx(b), 32, &sat))
            QOP("qsub", signed_sat(sx(a) - sx(b), 32, &sat))
            QOP("qdadd", (w = signed_sat(2 * sx(b), 32, &sat2),
                          w = signed_sat(sx(a) + w, 32, &sat), sat |= sat2, w))
            QOP("qdsub", (w = signed_sat(2 * sx(b), 32, &sat2),
                          w = signed_sat(sx(a) - w, 32, &sat), sat |= sat2, w))
            (void)what;
        }
    /* Q is sticky: a later non-saturating QADD leaves it set */
    {
        uint32_t r, q;
        set_apsr(0);
        __asm__ volatile("qadd %0, %2, %2\n\tqadd %0, %3, %3\n\tmrs %1, APSR"
                         : "=&r"(r), "=r"(q) : "r"(0x7fffffff), "r"(1) : "cc");
        check("Q sticky", q & APSR_Q, APSR_Q);
        check("qadd 1, 1", r, 2);
    }
    end_group();
}

static void test_sat_clz(void)
{
    uint32_t r, q;
    int sat;

    group("SSAT USAT CLZ");
    for (size_t i = 0; i < N_EDGE; i++) {
        uint32_t a = edge_values[i];
#define SSAT(n)                                                            \
    set_apsr(0);                                                           \
    __asm__ volatile("ssat %0, #" #n ", %2\n\tmrs %1, APSR"                \
                     : "=&r"(r), "=r"(q) : "r"(a) : "cc");                 \
    check("ssat #" #n, r, (uint32_t)signed_sat(sx(a), n, &sat));           \
    check("ssat #" #n " Q", q & APSR_Q, sat ? APSR_Q : 0);
#define USAT(n)                                                            \
    set_apsr(0);                                                           \
    __asm__ volatile("usat %0, #" #n ", %2\n\tmrs %1, APSR"                \
                     : "=&r"(r), "=r"(q) : "r"(a) : "cc");                 \
    check("usat #" #n, r, (uint32_t)unsigned_sat(sx(a), n, &sat));         \
    check("usat #" #n " Q", q & APSR_Q, sat ? APSR_Q : 0);
        SSAT(1) SSAT(8) SSAT(16) SSAT(31) SSAT(32)
        USAT(0) USAT(1) USAT(8) USAT(16) USAT(31)
        set_apsr(0);
        __asm__ volatile("ssat %0, #12, %2, asr #4\n\tmrs %1, APSR"
                         : "=&r"(r), "=r"(q) : "r"(a) : "cc");
        check("ssat #12, asr #4", r, (uint32_t)signed_sat(sx(a) >> 4, 12, &sat));
        __asm__ volatile("usat %0, #7, %1, lsl #3" : "=r"(r) : "r"(a));
        check("usat #7, lsl #3", r, (uint32_t)unsigned_sat((int32_t)(a << 3), 7, &sat));
        __asm__("clz %0, %1" : "=r"(r) : "r"(a));
        {
            uint32_t n = 0;
            while (n < 32 && !(a & (0x80000000u >> n)))
                n++;
            check("clz", r, n);
        }
    }
    end_group();
}

int main(void)
{
    test_mul();
    test_dsp();
    test_sat_clz();
    return finish();
}
