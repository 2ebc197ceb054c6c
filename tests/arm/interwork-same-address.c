/*
 * One address, two states: the same bytes run as A32 when reached with
 * bit 0 clear and as T32 when reached with bit 0 set (ARM ARM A2.3.2,
 * BXWritePC), and each state must run its own translation: a TB is keyed
 * by pc and state (op/arm/cpu.h: TB_FLAG_THUMB in the flags, the Thumb
 * bit in the indirect-branch table's key), and a direct branch is chained
 * only to the successor of its own state.
 *
 * The code is written at run time into an anonymous mapping and made
 * visible with __builtin___clear_cache (Linux's cacheflush, 0xf0002).
 * At X the word 0xea00e012 is
 *   as A32: B to X + 8 + 0xe012 * 4, where A32 code returns 0xa1;
 *   as T32: B.N (0xe012, imm11 = 0x12) to X + 4 + 0x12 * 2, where T32
 *           code returns 0x71 (its second halfword, 0xea00, is never
 *           reached).
 * Two trampolines reach X by direct branches: an A32 `B X` and a T32
 * `B.W X`.  The calls alternate state many times, through BLX register
 * (indirect: the jump cache and the indirect-branch table) and through
 * the trampolines (direct chaining), as is, and after the code at X has
 * been rewritten with different return values (both translations of X
 * must be invalidated).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "insn-test.h"

/* The low halfword of X's word: A32 B's imm24 and T32 B.N's encoding. */
#define A32_TARGET_WORDS 0xe012u
#define MAP_SIZE (1u << 20)

typedef uint32_t Fn(void);

static uint8_t *base;

static void put32(uint32_t off, uint32_t w) { memcpy(base + off, &w, 4); }
static void put16(uint32_t off, uint16_t h) { memcpy(base + off, &h, 2); }

/* T32 B.W (encoding T4) from `from` to `to` (ARM ARM A8.8.18): imm32 =
 * SignExtend(S:I1:I2:imm10:imm11:0), I1 = NOT(J1 XOR S), I2 = NOT(J2 XOR S). */
static void put_bw(uint32_t from, uint32_t to)
{
    uint32_t off = to - (from + 4);
    uint32_t s = (off >> 24) & 1, i1 = (off >> 23) & 1, i2 = (off >> 22) & 1;
    uint32_t j1 = !(i1 ^ s), j2 = !(i2 ^ s);

    put16(from, (uint16_t)(0xf000u | s << 10 | ((off >> 12) & 0x3ffu)));
    put16(from + 2, (uint16_t)(0x9000u | j1 << 13 | j2 << 11 | ((off >> 1) & 0x7ffu)));
}

/* Lay out the code with return values a (A32) and t (T32). */
static void write_code(uint32_t a, uint32_t t)
{
    uint32_t x = 0x100, a_code = x + 8 + A32_TARGET_WORDS * 4, t_code = x + 4 + (A32_TARGET_WORDS & 0x7ffu) * 2;
    uint32_t a_tramp = 0x40, t_tramp = 0x80;

    put32(x, 0xea000000u | A32_TARGET_WORDS); /* A32 B / T32 B.N 0xe0NN */
    put32(a_code, 0xe3a00000u | a);           /* mov r0, #a */
    put32(a_code + 4, 0xe12fff1eu);           /* bx lr */
    put16(t_code, (uint16_t)(0x2000u | t));   /* movs r0, #t */
    put16(t_code + 2, 0x4770u);               /* bx lr */
    /* A32 B X from a_tramp: imm24 = (X - (a_tramp + 8)) / 4 */
    put32(a_tramp, 0xea000000u | (((x - (a_tramp + 8)) >> 2) & 0xffffffu));
    put_bw(t_tramp, x);
    __builtin___clear_cache((char *)base, (char *)base + MAP_SIZE);
}

static Fn *at(uint32_t off, int thumb)
{
    return (Fn *)((uintptr_t)(base + off) | (uintptr_t)thumb);
}

static void run_rounds(const char *what, uint32_t a, uint32_t t)
{
    char name[96];
    uint32_t bad_a = 0, bad_t = 0, bad_ta = 0, bad_tt = 0;

    for (int i = 0; i < 2000; i++) {
        bad_a += at(0x100, 0)() != a;
        bad_t += at(0x100, 1)() != t;
        bad_ta += at(0x40, 0)() != a;
        bad_tt += at(0x80, 1)() != t;
    }
    snprintf(name, sizeof name, "%s: BLX to X (A32), wrong results", what);
    check(name, bad_a, 0);
    snprintf(name, sizeof name, "%s: BLX to X|1 (T32), wrong results", what);
    check(name, bad_t, 0);
    snprintf(name, sizeof name, "%s: A32 B to X, wrong results", what);
    check(name, bad_ta, 0);
    snprintf(name, sizeof name, "%s: T32 B.W to X, wrong results", what);
    check(name, bad_tt, 0);
    snprintf(name, sizeof name, "%s: one A32 call", what);
    check(name, at(0x100, 0)(), a);
    snprintf(name, sizeof name, "%s: one T32 call", what);
    check(name, at(0x100, 1)(), t);
}

int main(void)
{
    group("the same address in ARM and Thumb state");
    base = mmap(NULL, MAP_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    check("mmap", base == MAP_FAILED, 0);
    if (base == MAP_FAILED)
        return finish();
    write_code(0xa1, 0x71);
    run_rounds("first code", 0xa1, 0x71);
    /* rewritten in place: both states' translations of X's targets
     * must go */
    write_code(0xa2, 0x72);
    run_rounds("rewritten code", 0xa2, 0x72);
    end_group();
    return finish();
}
