/*
 * Data processing without S whose destination is its first operand
 * (`add r3, r3, r2`, `eor r3, r3, r0, ror #6`, `sub r1, r1, #4`), which
 * stitch runs on the register where it lives (translate/arm/dp.c,
 * gen_dp_in_place): AND, EOR, ORR, BIC, ADD and SUB with every form of
 * the second operand (ARM ARM A5.1: a rotated immediate, a register
 * shifted by an immediate or by a register, RRX, the PC, the destination
 * itself), on a register pinned to a host register (r2) and one in env
 * (r6), and ADC and SBC, which read C.  Each result is checked against the manual's operation, and
 * N, Z, C and V must be exactly what they were (A8.8.4: without S the
 * flags are not written), conditional forms must run only when their
 * condition holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "insn-test.h"

static uint32_t ror32(uint32_t v, unsigned n)
{
    n &= 31;
    return n ? (v >> n) | (v << (32 - n)) : v;
}

/* Shift by the bottom byte of a register (A5.1.5, A5.1.7 ...). */
static uint32_t lsl_reg(uint32_t v, uint32_t s)
{
    s &= 0xff;
    return s >= 32 ? 0 : v << s;
}

static uint32_t asr_reg(uint32_t v, uint32_t s)
{
    s &= 0xff;
    return (uint32_t)((int32_t)v >> (s >= 32 ? 31 : s));
}

/* One function per instruction and register: d := x, run `insn` with the
 * flags set to apsr, read them back into *f. */
#define IN_PLACE(name, reg, insn)                                          \
    static uint32_t name##_##reg(uint32_t x, uint32_t y, uint32_t s,       \
                                 uint32_t apsr, uint32_t *f)               \
    {                                                                      \
        register uint32_t d __asm__(#reg) = x;                             \
        __asm__ volatile("msr APSR_nzcvq, %[a]\n\t" insn "\n\t"            \
                         "mrs %[f], APSR"                                  \
                         : [d] "+r"(d), [f] "=&r"(*f)                      \
                         : [y] "r"(y), [s] "r"(s), [a] "r"(apsr)           \
                         : "cc");                                          \
        return d;                                                          \
    }

/* X(name, instruction, the manual's result from x, y, s and carry c) */
#define CASES(X)                                                           \
    X(add_imm, "add %[d], %[d], #0x3fc00", x + 0x3fc00)                    \
    X(sub_imm, "sub %[d], %[d], #1", x - 1)                                \
    X(sub_zero, "sub %[d], %[d], #0", x)                                   \
    X(sub_big, "sub %[d], %[d], #0x80000000", x - 0x80000000u)             \
    X(and_imm, "and %[d], %[d], #0xff000000", x & 0xff000000u)             \
    X(bic_imm, "bic %[d], %[d], #0xff", x & ~0xffu)                        \
    X(eor_imm, "eor %[d], %[d], #0x80000001", x ^ 0x80000001u)             \
    X(orr_imm, "orr %[d], %[d], #0xf000000f", x | 0xf000000fu)             \
    X(add_reg, "add %[d], %[d], %[y]", x + y)                              \
    X(sub_reg, "sub %[d], %[d], %[y]", x - y)                              \
    X(and_reg, "and %[d], %[d], %[y]", x & y)                              \
    X(eor_reg, "eor %[d], %[d], %[y]", x ^ y)                              \
    X(orr_reg, "orr %[d], %[d], %[y]", x | y)                              \
    X(bic_reg, "bic %[d], %[d], %[y]", x & ~y)                             \
    X(eor_ror, "eor %[d], %[d], %[y], ror #6", x ^ ror32(y, 6))            \
    X(add_lsl, "add %[d], %[d], %[y], lsl #3", x + (y << 3))               \
    X(sub_asr, "sub %[d], %[d], %[y], asr #31",                            \
      x - (uint32_t)((int32_t)y >> 31))                                    \
    X(orr_lsr32, "orr %[d], %[d], %[y], lsr #32", x)                       \
    X(and_lsr, "and %[d], %[d], %[y], lsr #16", x & (y >> 16))             \
    X(bic_rrx, "bic %[d], %[d], %[y], rrx", x & ~((y >> 1) | (c << 31)))   \
    X(add_lsl_reg, "add %[d], %[d], %[y], lsl %[s]", x + lsl_reg(y, s))    \
    X(sub_asr_reg, "sub %[d], %[d], %[y], asr %[s]", x - asr_reg(y, s))    \
    X(eor_ror_reg, "eor %[d], %[d], %[y], ror %[s]", x ^ ror32(y, s))      \
    X(add_self, "add %[d], %[d], %[d], lsl #1", x * 3)                     \
    X(sub_self, "sub %[d], %[d], %[d]", 0)                                 \
    X(eor_self, "eor %[d], %[d], %[d], ror #8", x ^ ror32(x, 8))           \
    /* the PC reads as the instruction's address + 8 in both: the      */ \
    /* second is 4 bytes on, so together they subtract 4               */ \
    X(pc, "add %[d], %[d], pc\n\tsub %[d], %[d], pc", x - 4)               \
    X(addeq, "addeq %[d], %[d], %[y]", (apsr & APSR_Z) ? x + y : x)        \
    X(subne, "subne %[d], %[d], #8", (apsr & APSR_Z) ? x : x - 8)          \
    X(eorcs_ror, "eorcs %[d], %[d], %[y], ror #13",                        \
      c ? x ^ ror32(y, 13) : x)                                            \
    /* with the carry in (A8.8.2, A8.8.162: SBC is x + NOT(y) + C) */     \
    X(adc_reg, "adc %[d], %[d], %[y]", x + y + c)                          \
    X(sbc_reg, "sbc %[d], %[d], %[y]", x + ~y + c)                         \
    X(adc_lsl, "adc %[d], %[d], %[y], lsl #4", x + (y << 4) + c)           \
    X(sbc_ror_reg, "sbc %[d], %[d], %[y], ror %[s]", x + ~ror32(y, s) + c) \
    X(adc_imm, "adc %[d], %[d], #0x3b", x + 0x3b + c)                      \
    X(sbc_imm, "sbc %[d], %[d], #0xff000000", x + ~0xff000000u + c)        \
    X(adc_self, "adc %[d], %[d], %[d]", x + x + c)

#define DEFINE(name, insn, model) IN_PLACE(name, r2, insn) IN_PLACE(name, r6, insn)
CASES(DEFINE)
#undef DEFINE

typedef uint32_t (*Fn)(uint32_t, uint32_t, uint32_t, uint32_t, uint32_t *);

static uint32_t model(int i, uint32_t x, uint32_t y, uint32_t s,
                      uint32_t apsr)
{
    uint32_t c = (apsr & APSR_C) ? 1 : 0;
    int n = 0;

    (void)y; (void)s; (void)c;
#define MODEL(name, insn, expr)                                            \
    if (i == n++)                                                          \
        return (expr);
    CASES(MODEL)
#undef MODEL
    return 0;
}

static const struct {
    const char *name;
    Fn fn[2];
} cases[] = {
#define ROW(name, insn, model) {#name, {name##_r2, name##_r6}},
    CASES(ROW)
#undef ROW
};

int main(void)
{
    static const uint32_t amounts[] = {0, 1, 13, 31, 32, 33, 255, 0x120};
    static const char *const regs[2] = {"r2 (pinned)", "r6 (in env)"};
    char what[96];

    for (int r = 0; r < 2; r++) {
        group(regs[r]);
        for (int i = 0; i < (int)(sizeof(cases) / sizeof(cases[0])); i++) {
            for (size_t a = 0; a < N_EDGE; a++) {
                uint32_t x = edge_values[a], y = edge_values[(a * 7 + 3) % N_EDGE];
                uint32_t s = amounts[a % 8];

                for (uint32_t nzcv = 0; nzcv < 16; nzcv += 5) {
                    uint32_t apsr = nzcv << 28, f;
                    uint32_t got = cases[i].fn[r](x, y, s, apsr, &f);

                    snprintf(what, sizeof(what), "%s x=0x%08x y=0x%08x s=%u NZCV=%x",
                             cases[i].name, (unsigned)x, (unsigned)y,
                             (unsigned)s, (unsigned)nzcv);
                    check(what, got, model(i, x, y, s, apsr));
                    check(what, f & APSR_NZCV, apsr);
                }
            }
        }
        end_group();
    }
    return finish();
}
