/*
 * Loads and stores (ARM ARM A8.8.62-A8.8.85, A8.8.203-A8.8.216): every
 * addressing mode of LDR/STR (offset, pre-indexed with writeback,
 * post-indexed; immediate and scaled-register offsets, up and down), the
 * byte, halfword, signed and doubleword forms, and LDM/STM in their four
 * modes with and without writeback, with the base in the list and with
 * the PC in the list (ARM ARM A8.8.58-61, A8.8.199-202).  Expected values
 * follow the manual's address computation: offset_addr = Rn +/- offset;
 * address = P ? offset_addr : Rn; if W or !P, Rn = offset_addr.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "insn-test.h"

static uint32_t mem[32];

static void fill(void)
{
    for (int i = 0; i < 32; i++)
        mem[i] = 0x11111111u * (uint32_t)(i & 15) + (uint32_t)i * 0x01000000u;
}

static void test_ldr_modes(void)
{
    uint32_t *base = &mem[8], v, rn;

    group("LDR/STR addressing modes");
    fill();
    rn = (uint32_t)base;
    __asm__ volatile("ldr %0, [%1, #8]" : "=r"(v) : "r"(rn));
    check("ldr [rn, #8]", v, mem[10]);
    __asm__ volatile("ldr %0, [%1, #-8]" : "=r"(v) : "r"(rn));
    check("ldr [rn, #-8]", v, mem[6]);
    __asm__ volatile("ldr %0, [%1, #12]!" : "=r"(v), "+r"(rn));
    check("ldr [rn, #12]! value", v, mem[11]);
    check("ldr [rn, #12]! writeback", rn, (uint32_t)&mem[11]);
    __asm__ volatile("ldr %0, [%1], #-4" : "=r"(v), "+r"(rn));
    check("ldr [rn], #-4 value", v, mem[11]);
    check("ldr [rn], #-4 writeback", rn, (uint32_t)&mem[10]);
    for (uint32_t i = 0; i < 4; i++) {
        uint32_t r2 = (uint32_t)base;
        __asm__ volatile("ldr %0, [%1, %2, lsl #2]" : "=r"(v) : "r"(r2), "r"(i));
        check("ldr [rn, rm, lsl #2]", v, mem[8 + i]);
        __asm__ volatile("ldr %0, [%1, -%2, lsl #2]" : "=r"(v) : "r"(r2), "r"(i));
        check("ldr [rn, -rm, lsl #2]", v, mem[8 - i]);
        __asm__ volatile("ldr %0, [%1, %2, lsl #3]!" : "=r"(v), "+r"(r2) : "r"(i));
        check("ldr [rn, rm, lsl #3]! value", v, mem[8 + 2 * i]);
        check("ldr [rn, rm, lsl #3]! writeback", r2, (uint32_t)&mem[8 + 2 * i]);
        __asm__ volatile("ldr %0, [%1], %2, lsl #2" : "=r"(v), "+r"(r2) : "r"(i));
        check("ldr [rn], rm, lsl #2 value", v, mem[8 + 2 * i]);
        check("ldr [rn], rm, lsl #2 writeback", r2, (uint32_t)&mem[8 + 3 * i]);
    }
    /* LSL #1-#3 offsets whose sum with the base wraps past 2^32 (ARM ARM
     * A8.6.58: offset_addr = (R[n] + offset) mod 2^32), loads and a store */
    for (uint32_t i = 0; i < 4; i++) {
        uint32_t r2 = (uint32_t)base - 0x80000000u, s;
        __asm__ volatile("ldr %0, [%1, %2, lsl #1]" : "=r"(v) : "r"(r2), "r"(0x40000000u + 2 * i));
        check("ldr [rn, rm, lsl #1] wrapping", v, mem[8 + i]);
        __asm__ volatile("ldr %0, [%1, %2, lsl #2]" : "=r"(v) : "r"(r2), "r"(0x20000000u + i));
        check("ldr [rn, rm, lsl #2] wrapping", v, mem[8 + i]);
        __asm__ volatile("ldrb %0, [%1, %2, lsl #3]" : "=r"(v) : "r"(r2), "r"(0x10000000u + i));
        check("ldrb [rn, rm, lsl #3] wrapping", v, ((uint8_t *)&mem[8])[8 * i]);
        s = mem[8 + i];
        __asm__ volatile("str %0, [%1, %2, lsl #2]" : : "r"(~s), "r"(r2), "r"(0x20000000u + i) : "memory");
        check("str [rn, rm, lsl #2] wrapping", mem[8 + i], ~s);
        mem[8 + i] = s;
    }
    /* asr/lsr/ror scaled register offsets */
    {
        uint32_t r2 = (uint32_t)base, off = 0x80000010;
        __asm__ volatile("ldr %0, [%1, %2, lsr #2]" : "=r"(v) : "r"(r2 - 0x20000000), "r"(off));
        check("ldr [rn, rm, lsr #2]", v, mem[9]);
        off = (uint32_t)-16;
        __asm__ volatile("ldr %0, [%1, %2, asr #2]" : "=r"(v) : "r"(r2), "r"(off));
        check("ldr [rn, rm, asr #2]", v, mem[7]);
    }
    rn = (uint32_t)base;
    __asm__ volatile("str %1, [%0, #4]!" : "+r"(rn) : "r"(0xdeadbeef) : "memory");
    check("str [rn, #4]! stores", mem[9], 0xdeadbeef);
    check("str [rn, #4]! writeback", rn, (uint32_t)&mem[9]);
    __asm__ volatile("str %1, [%0], #8" : "+r"(rn) : "r"(0xfeedf00d) : "memory");
    check("str [rn], #8 stores at rn", mem[9], 0xfeedf00d);
    check("str [rn], #8 writeback", rn, (uint32_t)&mem[11]);
    /* a load into the base register with writeback is UNPREDICTABLE; a
     * plain load into its own base is not */
    rn = (uint32_t)&mem[3];
    __asm__ volatile("ldr %0, [%0]" : "+r"(rn));
    check("ldr rn, [rn]", rn, mem[3]);
    end_group();
}

static void test_sub_word(void)
{
    uint8_t bytes[16] = {0x01, 0x82, 0xff, 0x7f, 0x34, 0x12, 0x00, 0x80,
                         0xfe, 0xff, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66};
    uint32_t v, rn, lo, hi;

    group("byte, halfword, signed, doubleword");
    rn = (uint32_t)bytes;
    __asm__ volatile("ldrb %0, [%1, #1]" : "=r"(v) : "r"(rn));
    check("ldrb", v, 0x82);
    __asm__ volatile("ldrsb %0, [%1, #1]" : "=r"(v) : "r"(rn));
    check("ldrsb negative", v, 0xffffff82);
    __asm__ volatile("ldrsb %0, [%1, #3]" : "=r"(v) : "r"(rn));
    check("ldrsb positive", v, 0x7f);
    __asm__ volatile("ldrh %0, [%1, #4]" : "=r"(v) : "r"(rn));
    check("ldrh", v, 0x1234);
    __asm__ volatile("ldrsh %0, [%1, #6]" : "=r"(v) : "r"(rn));
    check("ldrsh negative", v, 0xffff8000);
    __asm__ volatile("ldrsh %0, [%1, #4]" : "=r"(v) : "r"(rn));
    check("ldrsh positive", v, 0x1234);
    {
        uint32_t r2 = rn, idx = 8;
        __asm__ volatile("ldrh %0, [%1, %2]!" : "=r"(v), "+r"(r2) : "r"(idx));
        check("ldrh [rn, rm]!", v, 0xfffe);
        check("ldrh [rn, rm]! writeback", r2, rn + 8);
        __asm__ volatile("ldrsh %0, [%1], #-2" : "=r"(v), "+r"(r2));
        check("ldrsh [rn], #-2", v, 0xfffffffe);
        check("ldrsh [rn], #-2 writeback", r2, rn + 6);
        __asm__ volatile("ldrsb %0, [%1, -%2]" : "=r"(v) : "r"(r2), "r"(idx - 4));
        check("ldrsb [rn, -rm] (bytes[2] = 0xff)", v, 0xffffffff);
    }
    __asm__ volatile("strb %1, [%0, #15]" : : "r"(rn), "r"(0x1234abcd) : "memory");
    check("strb stores the low byte", bytes[15], 0xcd);
    check("strb leaves the next byte", bytes[14], 0x55);
    __asm__ volatile("strh %1, [%0, #12]" : : "r"(rn), "r"(0x1234abcd) : "memory");
    check("strh", (uint32_t)bytes[12] | bytes[13] << 8, 0xabcd);
    {
        uint32_t d[4] = {0x11112222, 0x33334444, 0, 0};
        uint32_t r2 = (uint32_t)d;
        register uint32_t r4 __asm__("r4");
        register uint32_t r5 __asm__("r5");
        __asm__ volatile("ldrd r4, r5, [%2]" : "=r"(r4), "=r"(r5) : "r"(r2));
        lo = r4, hi = r5;
        check("ldrd low", lo, 0x11112222);
        check("ldrd high", hi, 0x33334444);
        r4 = 0xaaaabbbb, r5 = 0xccccdddd;
        __asm__ volatile("strd r4, r5, [%0, #8]!" : "+r"(r2) : "r"(r4), "r"(r5) : "memory");
        check("strd [rn, #8]! low", d[2], 0xaaaabbbb);
        check("strd [rn, #8]! high", d[3], 0xccccdddd);
        check("strd writeback", r2, (uint32_t)&d[2]);
        __asm__ volatile("ldrd r4, r5, [%2], #-8" : "=r"(r4), "=r"(r5), "+r"(r2));
        check("ldrd post low", r4, 0xaaaabbbb);
        check("ldrd post high", r5, 0xccccdddd);
        check("ldrd post writeback", r2, (uint32_t)&d[0]);
    }
    end_group();
}

/* LDM/STM with r4-r7 (and r8 as a scratch base). */
#define LDM_CASE(mode, wb, off, wboff)                                     \
    do {                                                                   \
        register uint32_t r4 __asm__("r4") = 0, r5 __asm__("r5") = 0;      \
        register uint32_t r6 __asm__("r6") = 0, r7 __asm__("r7") = 0;      \
        register uint32_t rb __asm__("r8") = (uint32_t)&mem[16];           \
        __asm__ volatile("ldm" #mode " r8" wb ", {r4, r5, r6, r7}"         \
                         : "+r"(rb), "=r"(r4), "=r"(r5), "=r"(r6),         \
                           "=r"(r7) : : "memory");                         \
        check("ldm" #mode wb " r4", r4, mem[16 + (off)]);                  \
        check("ldm" #mode wb " r7", r7, mem[16 + (off) + 3]);              \
        check("ldm" #mode wb " r5", r5, mem[16 + (off) + 1]);              \
        check("ldm" #mode wb " base", rb, (uint32_t)&mem[16 + (wboff)]);   \
    } while (0)
#define STM_CASE(mode, wb, off, wboff)                                     \
    do {                                                                   \
        register uint32_t r4 __asm__("r4") = 0xa4, r5 __asm__("r5") = 0xa5; \
        register uint32_t r6 __asm__("r6") = 0xa6, r7 __asm__("r7") = 0xa7; \
        register uint32_t rb __asm__("r8") = (uint32_t)&mem[16];           \
        fill();                                                            \
        __asm__ volatile("stm" #mode " r8" wb ", {r4, r5, r6, r7}"         \
                         : "+r"(rb) : "r"(r4), "r"(r5), "r"(r6), "r"(r7)    \
                         : "memory");                                      \
        check("stm" #mode wb " lowest", mem[16 + (off)], 0xa4);            \
        check("stm" #mode wb " highest", mem[16 + (off) + 3], 0xa7);       \
        check("stm" #mode wb " below untouched", mem[16 + (off) - 1],      \
              0x11111111u * ((16 + (off) - 1) & 15) +                      \
                  (uint32_t)(16 + (off) - 1) * 0x01000000u);               \
        check("stm" #mode wb " base", rb, (uint32_t)&mem[16 + (wboff)]);   \
    } while (0)

static void test_ldm_stm(void)
{
    group("LDM/STM four modes, writeback, base and pc in the list");
    fill();
    LDM_CASE(ia, "", 0, 0);
    LDM_CASE(ia, "!", 0, 4);
    LDM_CASE(ib, "", 1, 0);
    LDM_CASE(ib, "!", 1, 4);
    LDM_CASE(da, "", -3, 0);
    LDM_CASE(da, "!", -3, -4);
    LDM_CASE(db, "", -4, 0);
    LDM_CASE(db, "!", -4, -4);
    STM_CASE(ia, "", 0, 0);
    STM_CASE(ia, "!", 0, 4);
    STM_CASE(ib, "", 1, 0);
    STM_CASE(ib, "!", 1, 4);
    STM_CASE(da, "", -3, 0);
    STM_CASE(da, "!", -3, -4);
    STM_CASE(db, "", -4, 0);
    STM_CASE(db, "!", -4, -4);
    /* STMIA with writeback and the base the lowest register of the list:
     * the original base is stored (A8.8.199). */
    {
        register uint32_t rb __asm__("r4") = (uint32_t)&mem[2];
        register uint32_t r5 __asm__("r5") = 0x55;
        uint32_t orig = rb;
        __asm__ volatile("stmia r4!, {r4, r5}" : "+r"(rb) : "r"(r5) : "memory");
        check("stmia r4!, {r4, r5}: stores the original r4", mem[2], orig);
        check("stmia r4!, {r4, r5}: r5", mem[3], 0x55);
        check("stmia r4!, {r4, r5}: writeback", rb, orig + 8);
    }
    /* LDM without writeback with the base in the list: the base gets the
     * loaded value. */
    {
        register uint32_t rb __asm__("r5") = (uint32_t)&mem[4];
        register uint32_t r4 __asm__("r4") = 0;
        mem[4] = 0x1234, mem[5] = 0x5678;
        __asm__ volatile("ldmia r5, {r4, r5}" : "+r"(rb), "=r"(r4) : : "memory");
        check("ldmia r5, {r4, r5}: r4", r4, 0x1234);
        check("ldmia r5, {r4, r5}: r5 loaded", rb, 0x5678);
    }
    /* STM with the PC in the list stores the instruction's address + 8;
     * LDM with the PC in the list branches (a return). */
    {
        uint32_t slot[2] = {0, 0}, here, v;
        __asm__ volatile("1:\tstmia %1, {%2, pc}\n\t"
                         "adr %0, 1b"
                         : "=r"(here) : "r"(slot), "r"(0x77) : "memory");
        check("stm {.., pc} stores . + 8", slot[1], here + 8);
        __asm__ volatile("adr %0, 2f\n\t"
                         "push {%0}\n\t"
                         "mov %0, #1\n\t"
                         "ldmia sp!, {pc}\n\t"
                         "mov %0, #2\n"
                         "2:"
                         : "=&r"(v) : : "memory");
        check("ldmia sp!, {pc} returns", v, 1);
        __asm__ volatile("adr %0, 3f\n\t"
                         "push {%0}\n\t"
                         "mov %0, #5\n\t"
                         "pop {pc}\n\t"
                         "mov %0, #6\n"
                         "3:"
                         : "=&r"(v) : : "memory");
        check("pop {pc}", v, 5);
    }
    end_group();
}

/* A load to the PC is a branch (and LDR pc, [sp], #4 a return). */
static void test_load_pc(void)
{
    uint32_t v, table[1];

    group("loads to the pc");
    __asm__ volatile("adr %0, 1f\n\t"
                     "str %0, [%1]\n\t"
                     "mov %0, #3\n\t"
                     "ldr pc, [%1]\n\t"
                     "mov %0, #4\n"
                     "1:"
                     : "=&r"(v) : "r"(table) : "memory");
    check("ldr pc, [rn]", v, 3);
    __asm__ volatile("adr %0, 1f\n\t"
                     "mov %0, #9\n\t"
                     "ldr pc, [pc, #-4]\n\t"
                     ".word 1f\n\t"
                     "mov %0, #10\n"
                     "1:"
                     : "=&r"(v));
    check("ldr pc, [pc, #-4] (literal)", v, 9);
    end_group();
}

int main(void)
{
    test_ldr_modes();
    test_sub_word();
    test_ldm_stm();
    test_load_pc();
    return finish();
}
