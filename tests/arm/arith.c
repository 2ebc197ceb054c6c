/*
 * Data-processing arithmetic and its flags (ARM ARM A2.2.1, A8.8): ADD,
 * ADC, SUB, SBC, RSB, RSC, CMP, CMN in S form over edge operands and both
 * carry-ins, checked against the manual's AddWithCarry(), which computes
 * the sums wide (unsigned and signed) and sets C and V where the 32-bit
 * result differs; a subtraction is x + NOT(y) + 1, so C = NOT borrow.
 * Then the logical S forms (N, Z from the result, C from the shifter, V
 * kept) and the non-S forms, which leave every flag alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "insn-test.h"

/* AddWithCarry(x, y, carry_in) -> (result, carry_out, overflow). */
static uint32_t add_with_carry(uint32_t x, uint32_t y, int carry_in,
                               uint32_t *nzcv)
{
    uint64_t unsigned_sum = (uint64_t)x + y + (uint64_t)carry_in;
    int64_t signed_sum = (int64_t)(int32_t)x + (int32_t)y + carry_in;
    uint32_t result = (uint32_t)unsigned_sum;
    int carry_out = (uint64_t)result != unsigned_sum;
    int overflow = (int64_t)(int32_t)result != signed_sum;

    *nzcv = (result & APSR_N) | (result ? 0 : APSR_Z) |
            (carry_out ? APSR_C : 0) | (overflow ? APSR_V : 0);
    return result;
}

enum { ADD, ADC, SUB, SBC, RSB, RSC, CMP, CMN };
static const char *const names[] = {"adds", "adcs", "subs", "sbcs",
                                    "rsbs", "rscs", "cmp", "cmn"};

/* The manual's definition of each operation through AddWithCarry. */
static uint32_t model(int op, uint32_t x, uint32_t y, int c, uint32_t *nzcv)
{
    switch (op) {
    case ADD: case CMN: return add_with_carry(x, y, 0, nzcv);
    case ADC: return add_with_carry(x, y, c, nzcv);
    case SUB: case CMP: return add_with_carry(x, ~y, 1, nzcv);
    case SBC: return add_with_carry(x, ~y, c, nzcv);
    case RSB: return add_with_carry(~x, y, 1, nzcv);
    default: return add_with_carry(~x, y, c, nzcv);
    }
}

#define ARITH_FN(op)                                                       \
    static uint32_t run_##op(uint32_t x, uint32_t y, uint32_t apsr,        \
                             uint32_t *f)                                  \
    {                                                                      \
        uint32_t r = x;                                                    \
        __asm__ volatile("msr APSR_nzcvq, %3\n\t"                          \
                         #op " %0, %0, %2\n\t"                             \
                         "mrs %1, APSR"                                    \
                         : "+r"(r), "=r"(*f) : "r"(y), "r"(apsr) : "cc");  \
        return r;                                                          \
    }
#define CMP_FN(op)                                                         \
    static uint32_t run_##op(uint32_t x, uint32_t y, uint32_t apsr,        \
                             uint32_t *f)                                  \
    {                                                                      \
        __asm__ volatile("msr APSR_nzcvq, %2\n\t"                          \
                         #op " %0, %1\n\t"                                 \
                         "mrs %0, APSR"                                    \
                         : "+r"(x) : "r"(y), "r"(apsr) : "cc");            \
        *f = x;                                                            \
        return 0;                                                          \
    }
ARITH_FN(adds) ARITH_FN(adcs) ARITH_FN(subs) ARITH_FN(sbcs)
ARITH_FN(rsbs) ARITH_FN(rscs) CMP_FN(cmp) CMP_FN(cmn)

typedef uint32_t (*ArithFn)(uint32_t, uint32_t, uint32_t, uint32_t *);
static const ArithFn fns[] = {run_adds, run_adcs, run_subs, run_sbcs,
                              run_rsbs, run_rscs, run_cmp, run_cmn};

static void test_arith(void)
{
    char what[80];

    group("arithmetic S forms: result and NZCV (AddWithCarry)");
    for (int op = 0; op < 8; op++)
        for (size_t i = 0; i < N_EDGE; i++)
            for (size_t j = 0; j < N_EDGE; j++)
                for (int c = 0; c < 2; c++) {
                    uint32_t x = edge_values[i], y = edge_values[j], f, nzcv;
                    uint32_t apsr = c ? APSR_C : APSR_V;
                    uint32_t want = model(op, x, y, c, &nzcv);
                    uint32_t got = fns[op](x, y, apsr, &f);

                    snprintf(what, sizeof(what), "%s 0x%08x, 0x%08x, C=%d",
                             names[op], (unsigned)x, (unsigned)y, c);
                    if (op < CMP)
                        check(what, got, want);
                    check(what, f & APSR_NZCV, nzcv);
                }
    end_group();
}

/* ANDS EORS ORRS BICS MVNS TST TEQ with a register operand (no shift: C
 * is kept), and the non-S forms of all sixteen opcodes keeping NZCV. */
static void test_logical(void)
{
    char what[80];

    group("logical S forms; non-S forms keep NZCV");
    for (size_t i = 0; i < N_EDGE; i++)
        for (size_t j = 0; j < N_EDGE; j++)
            for (uint32_t flags = 0; flags < 16; flags += 5) {
                uint32_t x = edge_values[i], y = edge_values[j];
                uint32_t apsr = flags << 28, kept = apsr & (APSR_C | APSR_V);
                uint32_t r, f, want[5] = {x & y, x ^ y, x | y, x & ~y, ~y};
                uint32_t got[5], fl[5];

#define LOGIC(k, insn)                                                     \
    r = x;                                                                 \
    __asm__ volatile("msr APSR_nzcvq, %3\n\t" insn " %0, %0, %2\n\t"       \
                     "mrs %1, APSR"                                        \
                     : "+r"(r), "=r"(f) : "r"(y), "r"(apsr) : "cc");       \
    got[k] = r, fl[k] = f;
                LOGIC(0, "ands")
                LOGIC(1, "eors")
                LOGIC(2, "orrs")
                LOGIC(3, "bics")
                __asm__ volatile("msr APSR_nzcvq, %3\n\tmvns %0, %2\n\t"
                                 "mrs %1, APSR"
                                 : "=r"(r), "=r"(f) : "r"(y), "r"(apsr) : "cc");
                got[4] = r, fl[4] = f;
                for (int k = 0; k < 5; k++) {
                    snprintf(what, sizeof(what), "logical op %d 0x%08x 0x%08x",
                             k, (unsigned)x, (unsigned)y);
                    check(what, got[k], want[k]);
                    check(what, fl[k] & APSR_NZCV, (want[k] & APSR_N) |
                                                       (want[k] ? 0 : APSR_Z) | kept);
                }
                __asm__ volatile("msr APSR_nzcvq, %2\n\ttst %1, %1\n\t"
                                 "teq %1, %1\n\tmrs %0, APSR"
                                 : "=r"(f) : "r"(x), "r"(apsr) : "cc");
                check("tst; teq r, r: Z", f & APSR_NZCV, APSR_Z | kept);
                __asm__ volatile("msr APSR_nzcvq, %3\n\t"
                                 "add %0, %1, %2\n\tsub %0, %0, %2\n\t"
                                 "adc %0, %0, %2\n\tsbc %0, %0, %2\n\t"
                                 "rsb %0, %0, %1\n\trsc %0, %0, %1\n\t"
                                 "and %0, %0, %1\n\torr %0, %0, %2\n\t"
                                 "eor %0, %0, %1\n\tbic %0, %0, %2\n\t"
                                 "mvn %0, %0\n\tmov %0, %1\n\t"
                                 "mrs %0, APSR"
                                 : "=&r"(f) : "r"(x), "r"(y), "r"(apsr) : "cc");
                check("non-S forms keep NZCV", f & APSR_NZCV, apsr);
            }
    end_group();
}

/* ADCS and SBCS of an immediate (its own op, translate/arm/dp.c's
 * gen_dp_fast), against AddWithCarry like the register forms. */
static void test_carry_imm(void)
{
    char what[80];

    group("adcs/sbcs #imm: result and NZCV (AddWithCarry)");
    for (size_t i = 0; i < N_EDGE; i++)
        for (int c = 0; c < 2; c++) {
            uint32_t x = edge_values[i], apsr = c ? APSR_C : APSR_V;
            uint32_t r = x, f, nzcv, want;

            __asm__ volatile("msr APSR_nzcvq, %2\n\tadcs %0, %0, #0x3b\n\t"
                             "mrs %1, APSR"
                             : "+r"(r), "=r"(f) : "r"(apsr) : "cc");
            want = model(ADC, x, 0x3b, c, &nzcv);
            snprintf(what, sizeof(what), "adcs 0x%08x, #0x3b, C=%d",
                     (unsigned)x, c);
            check(what, r, want);
            check(what, f & APSR_NZCV, nzcv);
            r = x;
            __asm__ volatile("msr APSR_nzcvq, %2\n\tsbcs %0, %0, #0xff000000\n\t"
                             "mrs %1, APSR"
                             : "+r"(r), "=r"(f) : "r"(apsr) : "cc");
            want = model(SBC, x, 0xff000000u, c, &nzcv);
            snprintf(what, sizeof(what), "sbcs 0x%08x, #0xff000000, C=%d",
                     (unsigned)x, c);
            check(what, r, want);
            check(what, f & APSR_NZCV, nzcv);
        }
    end_group();
}

/* A 64-bit addition and subtraction through the carry (adds/adc,
 * subs/sbc), the compiler's own idiom, against C's 64-bit arithmetic. */
static void test_carry_chain(void)
{
    group("64-bit add/sub through C");
    for (size_t i = 0; i < N_EDGE; i++)
        for (size_t j = 0; j < N_EDGE; j++) {
            uint64_t a = (uint64_t)edge_values[i] << 32 | edge_values[j];
            uint64_t b = (uint64_t)edge_values[j] << 32 | edge_values[i];
            uint32_t lo, hi;

            __asm__ volatile("adds %0, %2, %4\n\tadc %1, %3, %5"
                             : "=&r"(lo), "=&r"(hi)
                             : "r"((uint32_t)a), "r"((uint32_t)(a >> 32)),
                               "r"((uint32_t)b), "r"((uint32_t)(b >> 32))
                             : "cc");
            check("adds/adc", (uint32_t)((a + b) >> 32), hi);
            check("adds/adc low", (uint32_t)(a + b), lo);
            __asm__ volatile("subs %0, %2, %4\n\tsbc %1, %3, %5"
                             : "=&r"(lo), "=&r"(hi)
                             : "r"((uint32_t)a), "r"((uint32_t)(a >> 32)),
                               "r"((uint32_t)b), "r"((uint32_t)(b >> 32))
                             : "cc");
            check("subs/sbc", (uint32_t)((a - b) >> 32), hi);
            check("subs/sbc low", (uint32_t)(a - b), lo);
            /* the 64-bit compare: CMP's V is overwritten by SBCS, its C
             * is SBCS's carry in; C is a >= b unsigned (NOT borrow), GE
             * (N == V) signed (ARM ARM A8.3) */
            __asm__ volatile("cmp %2, %4\n\tsbcs %0, %3, %5\n\t"
                             "movcs %1, #1\n\tmovcc %1, #0\n\t"
                             "orrge %1, %1, #2"
                             : "=&r"(lo), "=&r"(hi)
                             : "r"((uint32_t)a), "r"((uint32_t)(a >> 32)),
                               "r"((uint32_t)b), "r"((uint32_t)(b >> 32))
                             : "cc");
            check("cmp/sbcs: cs, ge", (uint32_t)(a >= b) | ((int64_t)a >= (int64_t)b) << 1, hi);
            check("cmp/sbcs high", (uint32_t)((a - b) >> 32), lo);
            /* the same with branches on C (fused with the SBCS) */
            __asm__ volatile("mov %1, #0\n\tcmp %2, %4\n\tsbcs %0, %3, %5\n\t"
                             "bcc 1f\n\torr %1, %1, #1\n"
                             "1:\tcmp %2, %4\n\tsbcs %0, %3, %5\n\t"
                             "bcs 2f\n\torr %1, %1, #2\n2:"
                             : "=&r"(lo), "=&r"(hi)
                             : "r"((uint32_t)a), "r"((uint32_t)(a >> 32)),
                               "r"((uint32_t)b), "r"((uint32_t)(b >> 32))
                             : "cc");
            check("cmp/sbcs; bcc, bcs", a >= b ? 1u : 2u, hi);
        }
    end_group();
}

int main(void)
{
    test_arith();
    test_logical();
    test_carry_imm();
    test_carry_chain();
    return finish();
}
