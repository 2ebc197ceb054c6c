/*
 * The rest of the A32 instructions a user program meets (ARM ARM A5.2.11,
 * A5.2.12, A5.7, B4): hints and preloads that do nothing visible (NOP,
 * YIELD, PLD, PLDW, PLI, DMB, DSB, ISB and their CP15 forms, SETEND LE,
 * CPS), the link register of BL and BLX (the address of the next
 * instruction, A8.8.25), BXJ as BX (no Jazelle), MRS/MSR field masks (only
 * the selected APSR bits change, A8.8.111), and MRC of TPIDRURO against the
 * kernel's get_tls helper (both give the thread pointer Linux set).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "insn-test.h"

static void test_hints(void)
{
    uint32_t r = 7, buf[4] = {1, 2, 3, 4};

    group("hints, preloads, barriers: no effect");
    __asm__ volatile("nop\n\tyield\n\t"
                     "pld [%1]\n\tpld [%1, #64]\n\tpli [%1]\n\t"
                     ".inst 0xf59df000\n\t" /* PLDW [sp] (MP extension) */
                     "pld [%1, %0, lsl #2]\n\t"
                     "dmb\n\tdsb\n\tisb\n\tdmb ish\n\t"
                     "mcr p15, 0, %0, c7, c10, 5\n\t" /* CP15 DMB */
                     "mcr p15, 0, %0, c7, c10, 4\n\t" /* CP15 DSB */
                     "mcr p15, 0, %0, c7, c5, 4\n\t"  /* CP15 ISB */
                     "setend le\n\t"
                     "cpsie i\n\t"
                     "add %0, %0, #1"
                     : "+r"(r) : "r"(buf) : "memory");
    check("hints leave r alone", r, 8);
    check("hints leave memory alone", buf[0] + buf[3], 5);
    end_group();
}

static void test_links(void)
{
    uint32_t lr, at, target;

    group("BL, BLX, BXJ: link and target");
    __asm__ volatile("bl 1f\n"
                     "2:\tb 3f\n"
                     "1:\tmov %0, lr\n\t"
                     "bx lr\n"
                     "3:\tadr %1, 2b"
                     : "=&r"(lr), "=r"(at) : : "lr");
    check("bl: lr = the next instruction", lr, at);
    __asm__ volatile("adr %2, 1f\n\t"
                     "blx %2\n"
                     "2:\tb 3f\n"
                     "1:\tmov %0, lr\n\t"
                     "bx lr\n"
                     "3:\tadr %1, 2b"
                     : "=&r"(lr), "=r"(at), "=&r"(target) : : "lr");
    check("blx reg: lr = the next instruction", lr, at);
    __asm__ volatile("adr %1, 1f\n\t"
                     "mov %0, #1\n\t"
                     "bxj %1\n\t"
                     "mov %0, #2\n"
                     "1:"
                     : "=&r"(lr), "=&r"(target));
    check("bxj branches as bx", lr, 1);
    end_group();
}

static void test_msr_fields(void)
{
    uint32_t f;

    group("MSR field masks, MRS");
    /* APSR_g writes GE only; APSR_nzcvq writes NZCVQ only */
    __asm__ volatile("msr APSR_nzcvq, %1\n\t"
                     "msr APSR_g, %2\n\t"
                     "mrs %0, APSR"
                     : "=r"(f) : "r"(0xa8000000u), "r"(0x000f0000u) : "cc");
    check("APSR_g keeps NZCVQ", f & 0xf80f0000u, 0xa80f0000u);
    __asm__ volatile("msr APSR_g, %1\n\t"
                     "msr APSR_nzcvq, %2\n\t"
                     "mrs %0, APSR"
                     : "=r"(f) : "r"(0x00050000u), "r"(0x50000000u) : "cc");
    check("APSR_nzcvq keeps GE", f & 0xf80f0000u, 0x50050000u);
    __asm__ volatile("msr APSR_nzcvq, #0xf8000000\n\t"
                     "mrs %0, APSR"
                     : "=r"(f) : : "cc");
    check("MSR immediate", f & 0xf8000000u, 0xf8000000u);
    check("mode bits: User", f & 0x1f, 0x10);
    end_group();
}

typedef void *(*GetTls)(void);

static void test_tls(void)
{
    uint32_t tp;
    GetTls kuser_get_tls = (GetTls)0xffff0fe0;

    group("MRC TPIDRURO");
    __asm__ volatile("mrc p15, 0, %0, c13, c0, 3" : "=r"(tp));
    check("mrc tpidruro = kuser get_tls", tp, (uint32_t)kuser_get_tls());
    check("mrc tpidruro is set", tp != 0, 1);
    end_group();
}

int main(void)
{
    test_hints();
    test_links();
    test_msr_fields();
    test_tls();
    return finish();
}
