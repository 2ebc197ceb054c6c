/*
 * Conditional execution (ARM ARM A8.3): every condition code over all 16
 * NZCV combinations, three ways (a conditional data-processing instruction,
 * a conditional branch, a conditional store), checked against the manual's
 * ConditionPassed() pseudocode (A8.3.1), and the flags a skipped
 * flag-setting instruction must leave alone.
 *
 * thumb-too: also built as Thumb-2 (IT blocks from -mimplicit-it)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "insn-test.h"

/* ConditionPassed(), as the ARM ARM writes it: cond<3:1> picks the test,
 * cond<0> = 1 inverts it (except for 1111). */
static int condition_passed(unsigned cond, uint32_t apsr)
{
    int n = !!(apsr & APSR_N), z = !!(apsr & APSR_Z);
    int c = !!(apsr & APSR_C), v = !!(apsr & APSR_V), result;

    switch (cond >> 1) {
    case 0: result = z; break;
    case 1: result = c; break;
    case 2: result = n; break;
    case 3: result = v; break;
    case 4: result = c && !z; break;
    case 5: result = n == v; break;
    case 6: result = n == v && !z; break;
    default: result = 1; break;
    }
    if ((cond & 1) && cond != 15)
        result = !result;
    return result;
}

/* One function per condition and form. */
#define COND_FUNCS(cc)                                                     \
    static uint32_t mov_##cc(uint32_t apsr)                                \
    {                                                                      \
        uint32_t r = 0;                                                    \
        __asm__ volatile("msr APSR_nzcvq, %1\n\t"                          \
                         "mov" #cc " %0, #1"                               \
                         : "+r"(r) : "r"(apsr) : "cc");                    \
        return r;                                                          \
    }                                                                      \
    static uint32_t b_##cc(uint32_t apsr)                                  \
    {                                                                      \
        uint32_t r;                                                        \
        __asm__ volatile("msr APSR_nzcvq, %1\n\t"                          \
                         "b" #cc " 1f\n\t"                                 \
                         "mov %0, #0\n\t"                                  \
                         "b 2f\n"                                          \
                         "1:\tmov %0, #1\n"                                \
                         "2:"                                              \
                         : "=r"(r) : "r"(apsr) : "cc");                    \
        return r;                                                          \
    }                                                                      \
    static uint32_t str_##cc(uint32_t apsr)                                \
    {                                                                      \
        uint32_t mem = 0, one = 1;                                         \
        __asm__ volatile("msr APSR_nzcvq, %2\n\t"                          \
                         "str" #cc " %1, [%0]"                             \
                         : : "r"(&mem), "r"(one), "r"(apsr)                \
                         : "cc", "memory");                                \
        return mem;                                                        \
    }
COND_FUNCS(eq) COND_FUNCS(ne) COND_FUNCS(cs) COND_FUNCS(cc)
COND_FUNCS(mi) COND_FUNCS(pl) COND_FUNCS(vs) COND_FUNCS(vc)
COND_FUNCS(hi) COND_FUNCS(ls) COND_FUNCS(ge) COND_FUNCS(lt)
COND_FUNCS(gt) COND_FUNCS(le) COND_FUNCS(al)

typedef uint32_t (*CondFn)(uint32_t);
#define ROW(cc) {#cc, mov_##cc, b_##cc, str_##cc}
static const struct {
    const char *name;
    CondFn mov, b, str;
} conds[15] = {
    ROW(eq), ROW(ne), ROW(cs), ROW(cc), ROW(mi), ROW(pl), ROW(vs), ROW(vc),
    ROW(hi), ROW(ls), ROW(ge), ROW(lt), ROW(gt), ROW(le), ROW(al),
};

static void test_conditions(void)
{
    char what[64];

    group("conditions x NZCV (mov, b, str)");
    for (unsigned cond = 0; cond < 15; cond++) {
        for (uint32_t nzcv = 0; nzcv < 16; nzcv++) {
            uint32_t apsr = nzcv << 28;
            uint32_t want = (uint32_t)condition_passed(cond, apsr);

            snprintf(what, sizeof(what), "mov%s NZCV=%x", conds[cond].name, nzcv);
            check(what, conds[cond].mov(apsr), want);
            what[0] = 'b', what[1] = ' ', what[2] = ' ';
            check(what, conds[cond].b(apsr), want);
            snprintf(what, sizeof(what), "str%s NZCV=%x", conds[cond].name, nzcv);
            check(what, conds[cond].str(apsr), want);
        }
    }
    end_group();
}

/*
 * A conditional data-processing instruction without S that writes one
 * register (stitch runs it as a CMOV: translate/arm/ifconv.c), over every
 * condition and NZCV: in place with an immediate into r8 (kept in env,
 * not a host register), in place with a shifted register, and a register
 * move, each alone under its condition (the NOPs end the run that would
 * share one test).  The register changes exactly when ConditionPassed(),
 * and the flags stay as the MSR set them.
 */
#define CMOV_FUNCS(cc)                                                     \
    static void dp_##cc(uint32_t apsr, uint32_t out[4])                    \
    {                                                                      \
        register uint32_t hi __asm__("r8") = 100;                          \
        uint32_t x = 1000, y = 7, m = 0x55, f;                             \
        __asm__ volatile("msr APSR_nzcvq, %5\n\t"                          \
                         "add" #cc " %0, %0, #5\n\t"                        \
                         "nop\n\t"                                          \
                         "sub" #cc " %1, %1, %4, lsl #2\n\t"                \
                         "nop\n\t"                                          \
                         "mov" #cc " %2, %4\n\t"                            \
                         "mrs %3, APSR"                                    \
                         : "+r"(hi), "+r"(x), "+r"(m), "=r"(f)             \
                         : "r"(y), "r"(apsr) : "cc");                      \
        out[0] = hi, out[1] = x, out[2] = m, out[3] = f;                   \
    }
CMOV_FUNCS(eq) CMOV_FUNCS(ne) CMOV_FUNCS(cs) CMOV_FUNCS(cc)
CMOV_FUNCS(mi) CMOV_FUNCS(pl) CMOV_FUNCS(vs) CMOV_FUNCS(vc)
CMOV_FUNCS(hi) CMOV_FUNCS(ls) CMOV_FUNCS(ge) CMOV_FUNCS(lt)
CMOV_FUNCS(gt) CMOV_FUNCS(le)

static void (*const dp_fns[14])(uint32_t, uint32_t[4]) = {
    dp_eq, dp_ne, dp_cs, dp_cc, dp_mi, dp_pl, dp_vs,
    dp_vc, dp_hi, dp_ls, dp_ge, dp_lt, dp_gt, dp_le,
};

static void test_conditional_dp(void)
{
    char what[64];

    group("conditional data processing x NZCV (add r8, sub lsl, mov)");
    for (unsigned cond = 0; cond < 14; cond++) {
        for (uint32_t nzcv = 0; nzcv < 16; nzcv++) {
            uint32_t apsr = nzcv << 28, out[4];
            int pass = condition_passed(cond, apsr);

            dp_fns[cond](apsr, out);
            snprintf(what, sizeof(what), "add%s r8 NZCV=%x", conds[cond].name, nzcv);
            check(what, out[0], pass ? 105 : 100);
            snprintf(what, sizeof(what), "sub%s lsl NZCV=%x", conds[cond].name, nzcv);
            check(what, out[1], pass ? 1000 - 28 : 1000);
            snprintf(what, sizeof(what), "mov%s reg NZCV=%x", conds[cond].name, nzcv);
            check(what, out[2], pass ? 7 : 0x55);
            snprintf(what, sizeof(what), "flags after %s NZCV=%x", conds[cond].name, nzcv);
            check(what, out[3] & APSR_NZCV, apsr);
        }
    }
    end_group();
}

/*
 * A flag-setting instruction whose condition fails changes nothing
 * (A8.3): the flags of the instruction before it survive, and so do the
 * flags across a taken conditional instruction that does not set them.
 */
static void test_skipped_setters(void)
{
    uint32_t r, apsr;

    group("skipped flag setters");
    /* cmp 1, 2: N=1 Z=0 C=0 V=0; addeqs (skipped) would give Z=1 C=1 */
    __asm__ volatile("mov %0, #1\n\t"
                     "cmp %0, #2\n\t"
                     "addeqs %0, %0, #0xffffffff\n\t"
                     "mrs %1, APSR"
                     : "=&r"(r), "=r"(apsr) : : "cc");
    check("cmp; addeqs skipped: flags", apsr & APSR_NZCV, APSR_N);
    check("cmp; addeqs skipped: value", r, 1);
    /* subs: Z=1 C=1 (no borrow); movne is skipped, mvneqs runs: ~0 gives
     * N=1 Z=0, C and V unchanged (a logical op with an unrotated
     * immediate keeps C). */
    __asm__ volatile("mov %0, #5\n\t"
                     "subs %0, %0, #5\n\t"
                     "movne %0, #7\n\t"
                     "mvneqs %0, #0\n\t"
                     "mrs %1, APSR"
                     : "=&r"(r), "=r"(apsr) : : "cc");
    check("subs; movne; mvneqs: value", r, 0xffffffff);
    check("subs; movne; mvneqs: flags", apsr & APSR_NZCV, APSR_N | APSR_C);
    /* A run of instructions with one condition: the S form in the middle
     * changes the flags, so the condition is tested again after it
     * (moveqs r1, #1 clears Z: the moveq after it must not run). */
    {
        uint32_t r1, r2, r3;
        __asm__ volatile("mov %0, #0\n\t"
                         "mov %1, #0\n\t"
                         "mov %2, #0\n\t"
                         "cmp %0, #0\n\t"
                         "moveq %0, #3\n\t"
                         "moveqs %1, #1\n\t"
                         "moveq %2, #5\n\t"
                         "addne %2, %2, #7"
                         : "=&r"(r), "=&r"(r1), "=&r"(r2) : : "cc");
        check("eq run: first runs", r, 3);
        check("eq run: the S form runs", r1, 1);
        check("eq run: after it Z=0, moveq skipped, addne runs", r2, 7);
        __asm__ volatile("mov %0, #1\n\t"
                         "cmp %0, #0\n\t"
                         "moveq %0, #9\n\t"
                         "moveq %1, #9\n\t"
                         "movne %1, #4\n\t"
                         "movne %2, #6\n\t"
                         "addne %2, %2, %1"
                         : "+&r"(r), "=&r"(r1), "=&r"(r3) : : "cc");
        check("ne run: eq run skipped", r, 1);
        check("ne run: movne", r1, 4);
        check("ne run: movne; addne", r3, 10);
    }
    end_group();
}

/* CMP then B<cond> (stitch fuses the two: translate/arm/fuse.c), with a
 * register and with an immediate, over edge operands: the branch must
 * follow ConditionPassed() on the flags the compare defines (x - y by
 * AddWithCarry(x, NOT y, 1)), and the flags read after it must be those. */
#define CMP_B_FUNCS(cc)                                                    \
    static uint32_t cmp_b_##cc(uint32_t x, uint32_t y, uint32_t *f)        \
    {                                                                      \
        uint32_t r;                                                        \
        __asm__ volatile("cmp %2, %3\n\t"                                  \
                         "b" #cc " 1f\n\t"                                 \
                         "mov %0, #0\n\t"                                  \
                         "b 2f\n"                                          \
                         "1:\tmov %0, #1\n"                                \
                         "2:\tmrs %1, APSR"                                \
                         : "=&r"(r), "=r"(*f) : "r"(x), "r"(y) : "cc");    \
        return r;                                                          \
    }                                                                      \
    static uint32_t cmp_imm_b_##cc(uint32_t x, uint32_t y, uint32_t *f)    \
    {                                                                      \
        uint32_t r;                                                        \
        (void)y;                                                           \
        __asm__ volatile("cmp %2, #0x80000000\n\t"                         \
                         "b" #cc " 1f\n\t"                                 \
                         "mov %0, #0\n\t"                                  \
                         "b 2f\n"                                          \
                         "1:\tmov %0, #1\n"                                \
                         "2:\tmrs %1, APSR"                                \
                         : "=&r"(r), "=r"(*f) : "r"(x) : "cc");            \
        return r;                                                          \
    }
CMP_B_FUNCS(eq) CMP_B_FUNCS(ne) CMP_B_FUNCS(cs) CMP_B_FUNCS(cc)
CMP_B_FUNCS(mi) CMP_B_FUNCS(pl) CMP_B_FUNCS(vs) CMP_B_FUNCS(vc)
CMP_B_FUNCS(hi) CMP_B_FUNCS(ls) CMP_B_FUNCS(ge) CMP_B_FUNCS(lt)
CMP_B_FUNCS(gt) CMP_B_FUNCS(le)

typedef uint32_t (*CmpFn)(uint32_t, uint32_t, uint32_t *);
#define CMP_ROW(cc) {cmp_b_##cc, cmp_imm_b_##cc}
static const CmpFn cmp_fns[14][2] = {
    CMP_ROW(eq), CMP_ROW(ne), CMP_ROW(cs), CMP_ROW(cc), CMP_ROW(mi),
    CMP_ROW(pl), CMP_ROW(vs), CMP_ROW(vc), CMP_ROW(hi), CMP_ROW(ls),
    CMP_ROW(ge), CMP_ROW(lt), CMP_ROW(gt), CMP_ROW(le),
};

/* NZCV of x - y (AddWithCarry(x, NOT y, 1), A2.2.1). */
static uint32_t sub_nzcv(uint32_t x, uint32_t y)
{
    uint32_t r = x - y;
    int64_t s = (int64_t)(int32_t)x - (int32_t)y;

    return (r & APSR_N) | (r ? 0 : APSR_Z) | (x >= y ? APSR_C : 0) |
           (s != (int32_t)r ? APSR_V : 0);
}

static void test_cmp_branch(void)
{
    char what[80];

    group("cmp (register, immediate); b<cond>");
    for (unsigned cond = 0; cond < 14; cond++)
        for (size_t i = 0; i < N_EDGE; i++)
            for (size_t j = 0; j < N_EDGE; j++)
                for (int form = 0; form < 2; form++) {
                    uint32_t x = edge_values[i];
                    uint32_t y = form ? 0x80000000u : edge_values[j], f;
                    uint32_t nzcv = sub_nzcv(x, y);
                    uint32_t got = cmp_fns[cond][form](x, y, &f);

                    snprintf(what, sizeof(what), "cmp 0x%08x, %s0x%08x; b%s",
                             (unsigned)x, form ? "#" : "", (unsigned)y,
                             conds[cond].name);
                    check(what, got, (uint32_t)condition_passed(cond, nzcv));
                    check(what, f & APSR_NZCV, nzcv);
                }
    end_group();
}

int main(void)
{
    test_conditions();
    test_conditional_dp();
    test_skipped_setters();
    test_cmp_branch();
    return finish();
}
