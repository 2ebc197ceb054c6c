/*
 * Shared checking for the ARM instruction tests (tests/arm/).
 *
 * Each test runs real ARM instructions (inline assembly) and compares what
 * they produce with a model of the ARM Architecture Reference Manual's
 * pseudocode written into the test (ARMv7-A ARM, DDI 0406C: A2.2.1
 * AddWithCarry, A8.4.3 Shift_C, A8.3.1 ConditionPassed ...).  The models
 * follow the manual's formulation, not stitch's: bit-serial shifts, wide
 * sums.  Output: one FAIL line per mismatch, then one line per test group,
 * "PASS <group> (<n> checks)" or "FAIL <group> (<k> of <n> checks)"; the
 * exit status is 1 if anything failed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_TESTS_ARM_INSN_TEST_H
#define STITCH_TESTS_ARM_INSN_TEST_H

#include <stdint.h>
#include <stdio.h>

static unsigned checks, failures, group_checks, group_failures;
static const char *group_name;

static void group(const char *name)
{
    group_name = name;
    group_checks = group_failures = 0;
}

static void end_group(void)
{
    if (group_failures)
        printf("FAIL %s (%u of %u checks)\n", group_name, group_failures,
               group_checks);
    else
        printf("PASS %s (%u checks)\n", group_name, group_checks);
}

/* Compare one value; `what` names the case (printed on failure only, at
 * most 20 lines per group so a broken instruction does not flood). */
static void check(const char *what, uint32_t got, uint32_t want)
{
    checks++;
    group_checks++;
    if (got == want)
        return;
    failures++;
    if (group_failures++ < 20)
        printf("FAIL %s: %s: got 0x%08x, want 0x%08x\n", group_name, what,
               (unsigned)got, (unsigned)want);
}

static int finish(void)
{
    printf("%s: %u checks, %u failed\n", failures ? "FAIL" : "PASS", checks,
           failures);
    return failures != 0;
}

/* The APSR flags as bits 31:28 (N Z C V) and Q (27). */
#define APSR_N (1u << 31)
#define APSR_Z (1u << 30)
#define APSR_C (1u << 29)
#define APSR_V (1u << 28)
#define APSR_Q (1u << 27)
#define APSR_NZCV 0xf0000000u

static inline void set_apsr(uint32_t v)
{
    __asm__ volatile("msr APSR_nzcvq, %0" : : "r"(v) : "cc");
}

static inline uint32_t get_apsr(void)
{
    uint32_t v;

    __asm__ volatile("mrs %0, APSR" : "=r"(v));
    return v;
}

/* Test operands: the edges of unsigned and signed arithmetic. */
static const uint32_t edge_values[] = {
    0, 1, 2, 0x7ffffffe, 0x7fffffff, 0x80000000, 0x80000001,
    0xfffffffe, 0xffffffff, 0x12345678, 0xedcba987, 0x0000ffff, 0xffff0000,
};
#define N_EDGE (sizeof(edge_values) / sizeof(edge_values[0]))

#endif
