/*
 * The shifter operand and its carry-out (ARM ARM A8.4, A5.2.4): every
 * shift type by an immediate (including the encodings of amount 0: LSR
 * and ASR #32, RRX) and by a register (amounts 0, 1, 31, 32, 33, 255 and
 * 256, of which only the bottom byte counts), and rotated immediates,
 * through MOVS so that the result and C are both visible; N and Z follow
 * the result, V is unchanged.  The model is the manual's Shift_C(),
 * computed one bit at a time as its pseudocode defines LSL_C ... ROR_C.
 *
 * thumb-too: also built as Thumb-2 (IT blocks from -mimplicit-it)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "insn-test.h"

enum { LSL, LSR, ASR, ROR, RRX };
static const char *const type_name[] = {"lsl", "lsr", "asr", "ror", "rrx"};

/* Shift_C(value, type, amount, carry_in) (A8.4.3): amount 0 returns the
 * value and carry_in; the others shift one bit at a time, the carry being
 * the last bit shifted out; ROR's carry is bit 31 of the result. */
static uint32_t shift_c(uint32_t x, int type, unsigned amount, int *carry)
{
    if (type == RRX) {
        int out = x & 1;
        x = (x >> 1) | ((uint32_t)*carry << 31);
        *carry = out;
        return x;
    }
    if (amount == 0)
        return x;
    for (unsigned i = 0; i < amount; i++) {
        switch (type) {
        case LSL: *carry = x >> 31; x <<= 1; break;
        case LSR: *carry = x & 1; x >>= 1; break;
        case ASR: *carry = x & 1; x = (x >> 1) | (x & 0x80000000u); break;
        default: x = (x >> 1) | (x << 31); break;
        }
    }
    if (type == ROR)
        *carry = x >> 31;
    return x;
}

/* The flags MOVS leaves: N, Z from the result, C from the shifter, V as
 * before. */
static uint32_t movs_flags(uint32_t r, int carry, uint32_t before)
{
    return (r & APSR_N) | (r ? 0 : APSR_Z) | (carry ? APSR_C : 0) |
           (before & APSR_V);
}

/* MOVS r, r, <type> #imm: one function per (type, amount). */
#define IMM_FN(t, n)                                                       \
    static uint32_t imm_##t##_##n(uint32_t x, uint32_t apsr, uint32_t *f)  \
    {                                                                      \
        uint32_t r;                                                        \
        __asm__ volatile("msr APSR_nzcvq, %3\n\t"                          \
                         "movs %0, %2, " #t " #" #n "\n\t"                 \
                         "mrs %1, APSR"                                    \
                         : "=&r"(r), "=r"(*f) : "r"(x), "r"(apsr) : "cc"); \
        return r;                                                          \
    }
#define IMM_FNS(t) IMM_FN(t, 1) IMM_FN(t, 2) IMM_FN(t, 15) IMM_FN(t, 16) \
    IMM_FN(t, 31)
IMM_FNS(lsl) IMM_FNS(lsr) IMM_FNS(asr) IMM_FNS(ror)
IMM_FN(lsl, 0) IMM_FN(lsr, 32) IMM_FN(asr, 32)

static uint32_t imm_rrx(uint32_t x, uint32_t apsr, uint32_t *f)
{
    uint32_t r;

    __asm__ volatile("msr APSR_nzcvq, %3\n\t"
                     "movs %0, %2, rrx\n\t"
                     "mrs %1, APSR"
                     : "=&r"(r), "=r"(*f) : "r"(x), "r"(apsr) : "cc");
    return r;
}

typedef uint32_t (*ShiftFn)(uint32_t, uint32_t, uint32_t *);
#define IMM_ROW(t, T, n) {T, n, imm_##t##_##n}
static const struct {
    int type;
    unsigned amount;
    ShiftFn fn;
} imm_cases[] = {
    IMM_ROW(lsl, LSL, 0), IMM_ROW(lsl, LSL, 1), IMM_ROW(lsl, LSL, 2),
    IMM_ROW(lsl, LSL, 15), IMM_ROW(lsl, LSL, 16), IMM_ROW(lsl, LSL, 31),
    IMM_ROW(lsr, LSR, 1), IMM_ROW(lsr, LSR, 2), IMM_ROW(lsr, LSR, 15),
    IMM_ROW(lsr, LSR, 16), IMM_ROW(lsr, LSR, 31), IMM_ROW(lsr, LSR, 32),
    IMM_ROW(asr, ASR, 1), IMM_ROW(asr, ASR, 2), IMM_ROW(asr, ASR, 15),
    IMM_ROW(asr, ASR, 16), IMM_ROW(asr, ASR, 31), IMM_ROW(asr, ASR, 32),
    IMM_ROW(ror, ROR, 1), IMM_ROW(ror, ROR, 2), IMM_ROW(ror, ROR, 15),
    IMM_ROW(ror, ROR, 16), IMM_ROW(ror, ROR, 31), {RRX, 1, imm_rrx},
};

static void test_imm_shifts(void)
{
    char what[80];

    group("shift by immediate: value, N Z C, V kept");
    for (size_t c = 0; c < sizeof(imm_cases) / sizeof(imm_cases[0]); c++) {
        for (size_t i = 0; i < N_EDGE; i++) {
            for (uint32_t flags = 0; flags < 16; flags += 3) { /* C, V on/off */
                uint32_t x = edge_values[i], apsr = flags << 28, f;
                int carry = !!(apsr & APSR_C);
                uint32_t want = shift_c(x, imm_cases[c].type,
                                        imm_cases[c].amount, &carry);
                uint32_t got = imm_cases[c].fn(x, apsr, &f);

                snprintf(what, sizeof(what), "movs %s #%u of 0x%08x, NZCV=%x",
                         type_name[imm_cases[c].type], imm_cases[c].amount,
                         (unsigned)x, (unsigned)flags);
                check(what, got, want);
                check(what, f & APSR_NZCV, movs_flags(want, carry, apsr));
            }
        }
    }
    end_group();
}

/* MOVS r, r, <type> rs: the amount is the bottom byte of rs. */
#define REG_FN(t)                                                          \
    static uint32_t reg_##t(uint32_t x, uint32_t s, uint32_t apsr,         \
                            uint32_t *f)                                   \
    {                                                                      \
        uint32_t r;                                                        \
        __asm__ volatile("msr APSR_nzcvq, %4\n\t"                          \
                         "movs %0, %2, " #t " %3\n\t"                      \
                         "mrs %1, APSR"                                    \
                         : "=&r"(r), "=r"(*f)                              \
                         : "r"(x), "r"(s), "r"(apsr) : "cc");              \
        return r;                                                          \
    }
REG_FN(lsl) REG_FN(lsr) REG_FN(asr) REG_FN(ror)
typedef uint32_t (*RegShiftFn)(uint32_t, uint32_t, uint32_t, uint32_t *);
static const RegShiftFn reg_fns[4] = {reg_lsl, reg_lsr, reg_asr, reg_ror};

static void test_reg_shifts(void)
{
    static const uint32_t amounts[] = {0, 1, 4, 31, 32, 33, 63, 64, 255,
                                       256, 0xffffff20, 0x101};
    char what[80];

    group("shift by register: value, N Z C, V kept");
    for (int type = 0; type < 4; type++) {
        for (size_t a = 0; a < sizeof(amounts) / sizeof(amounts[0]); a++) {
            for (size_t i = 0; i < N_EDGE; i++) {
                for (uint32_t flags = 0; flags < 16; flags += 3) {
                    uint32_t x = edge_values[i], apsr = flags << 28, f;
                    int carry = !!(apsr & APSR_C);
                    uint32_t want = shift_c(x, type, amounts[a] & 0xff, &carry);
                    uint32_t got = reg_fns[type](x, amounts[a], apsr, &f);

                    snprintf(what, sizeof(what),
                             "movs %s by 0x%x of 0x%08x, NZCV=%x",
                             type_name[type], (unsigned)amounts[a],
                             (unsigned)x, (unsigned)flags);
                    check(what, got, want);
                    check(what, f & APSR_NZCV, movs_flags(want, carry, apsr));
                }
            }
        }
    }
    end_group();
}

/* A rotated immediate's carry-out (A5.2.4): bit 31 of the constant when
 * the rotation is not zero, else C unchanged.  MOVS #0x80000000 (0x02
 * rotated by 2), MOVS #0xff (no rotation), MOVS #0x3fc (0xff ror 30),
 * ANDS with a rotated and an unrotated constant. */
static void test_rotated_imm(void)
{
    uint32_t r, f;

    group("rotated immediate carry-out");
    for (uint32_t c = 0; c < 2; c++) {
        uint32_t apsr = c ? APSR_C | APSR_V : 0;

        __asm__ volatile("msr APSR_nzcvq, %2\n\tmovs %0, #0x80000000\n\t"
                         "mrs %1, APSR" : "=r"(r), "=r"(f) : "r"(apsr) : "cc");
        check("movs #0x80000000", r, 0x80000000);
        check("movs #0x80000000 flags", f & APSR_NZCV,
              APSR_N | APSR_C | (apsr & APSR_V));
        __asm__ volatile("msr APSR_nzcvq, %2\n\tmovs %0, #0xff\n\t"
                         "mrs %1, APSR" : "=r"(r), "=r"(f) : "r"(apsr) : "cc");
        check("movs #0xff", r, 0xff);
        check("movs #0xff flags (C kept)", f & APSR_NZCV, apsr);
        __asm__ volatile("msr APSR_nzcvq, %2\n\tmovs %0, #0x3fc\n\t"
                         "mrs %1, APSR" : "=r"(r), "=r"(f) : "r"(apsr) : "cc");
        check("movs #0x3fc", r, 0x3fc);
        check("movs #0x3fc flags (C = bit 31 = 0)", f & APSR_NZCV,
              apsr & APSR_V);
        __asm__ volatile("msr APSR_nzcvq, %2\n\tmov %0, #0xf0000000\n\t"
                         "ands %0, %0, #0x0f\n\t"
                         "mrs %1, APSR" : "=&r"(r), "=r"(f) : "r"(apsr) : "cc");
        check("ands #0x0f = 0: Z, C kept", f & APSR_NZCV,
              APSR_Z | (apsr & (APSR_C | APSR_V)));
        __asm__ volatile("msr APSR_nzcvq, %2\n\tmvn %0, #0\n\t"
                         "tst %0, #0xc0000000\n\t"
                         "mrs %1, APSR" : "=&r"(r), "=r"(f) : "r"(apsr) : "cc");
        check("tst #0xc0000000: N, C = 1", f & APSR_NZCV,
              APSR_N | APSR_C | (apsr & APSR_V));
    }
    end_group();
}

/* The PC as an operand reads as the instruction's address + 8 in ARM
 * state, + 4 in Thumb state (A2.3); Thumb's ADD Rd, PC, #imm (ADR) adds
 * to Align(PC, 4). */
static void test_pc_operand(void)
{
    uint32_t a, b;

    group("pc as an operand");
    __asm__ volatile("1:\tmov %0, pc\n\t"
                     "adr %1, 1b"
                     : "=r"(a), "=r"(b));
#ifdef __thumb__
    check("mov r, pc = . + 4", a, b + 4);
#else
    check("mov r, pc = . + 8", a, b + 8);
#endif
    __asm__ volatile("1:\tadd %0, pc, #4\n\t"
                     "adr %1, 1b"
                     : "=r"(a), "=r"(b));
#ifdef __thumb__
    check("add r, pc, #4 = Align(. + 4, 4) + 4", a, ((b + 4) & ~3u) + 4);
#else
    check("add r, pc, #4 = . + 12", a, b + 12);
#endif
    end_group();
}

int main(void)
{
    test_imm_shifts();
    test_reg_shifts();
    test_rotated_imm();
    test_pc_operand();
    return finish();
}
