/*
 * Instructions that trap, and precise state at a fault: what a signal
 * handler sees.  BKPT gives SIGTRAP at the instruction (TRAP_BRKPT); UDF
 * and an undefined encoding give SIGILL at the instruction (ARM ARM
 * A8.8.247, B1.9.3; Linux's do_undefinstr), in Thumb state too, with
 * CPSR.T set in the signal context, after a BX to an odd address; a PC at 4n+2
 * and an unaligned LDREX give SIGBUS (ARM ARM A3.2.1, Linux's do_alignment).  A load or
 * store that faults leaves every register as it was before the
 * instruction, the PC at it and the flags of the instructions before it
 * (the ARM ARM's abort model: the base register is restored, B1.9.5), so
 * the handler can resume at the next instruction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE /* TRAP_BRKPT */
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <ucontext.h>

#include "insn-test.h"

static sigjmp_buf jump;
static volatile int got_sig, got_code;
static volatile uint32_t got_pc, got_addr, got_cpsr, got_r[16];

static void handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    const unsigned long *r = &uc->uc_mcontext.arm_r0;

    got_sig = sig;
    got_code = si->si_code;
    got_addr = (uint32_t)(uintptr_t)si->si_addr;
    got_pc = (uint32_t)uc->uc_mcontext.arm_pc;
    got_cpsr = (uint32_t)uc->uc_mcontext.arm_cpsr;
    for (int i = 0; i < 16; i++)
        got_r[i] = (uint32_t)r[i];
    siglongjmp(jump, 1);
}

static void install(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGTRAP, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);
}

/* Each trap: the instruction at label 1, its address returned in *at. */
#define TRAP(name, insn)                                                   \
    static uint32_t name(void)                                             \
    {                                                                      \
        uint32_t at;                                                       \
        __asm__ volatile("adr %0, 1f\n\t"                                  \
                         "b 2f\n"                                          \
                         "1:\t" insn "\n"                                  \
                         "2:"                                              \
                         : "=r"(at));                                      \
        return at;                                                         \
    }
TRAP(addr_bkpt, "bkpt #0x12")
TRAP(addr_udf, "udf #0x34")
TRAP(addr_undef, ".word 0xe7f000f0")
/* vadd.f64 d16, d0, d0: VFPv3-D16 has no d16 (ARM ARM A7.3: UNDEFINED) */
TRAP(addr_vfp, ".word 0xee700b00")
/* vmrs r0, mvfr0: a PL1 register, UNDEFINED in User mode */
TRAP(addr_mvfr, ".word 0xeef70a10")
/* a register-form PLD with bit 4 set: UNDEFINED (ARM ARM A5.7.1) */
TRAP(addr_pldr4, ".word 0xf7d0f010")

static void run_bkpt(void) { __asm__ volatile("bkpt #0x12"); }
static void run_udf(void) { __asm__ volatile("udf #0x34"); }
static void run_undef(void) { __asm__ volatile(".word 0xe7f000f0"); }
static void run_vfp(void) { __asm__ volatile(".word 0xee700b00"); }
static void run_pldr4(void) { __asm__ volatile(".word 0xf7d0f010"); }
static void run_mvfr(void) { __asm__ volatile(".word 0xeef70a10" : : : "r0"); }

static void expect_trap(const char *what, void (*run)(void), uint32_t (*addr)(void),
                        int sig, int code)
{
    got_sig = 0;
    if (!sigsetjmp(jump, 1))
        run();
    check(what, got_sig, sig);
    check(what, got_code, code);
    /* the PC at the trapping instruction: run()'s copy of it is the
     * first instruction of run(), whose address addr() cannot know, so
     * compare the instruction word there instead */
    check(what, *(uint32_t *)got_pc, *(uint32_t *)addr());
}

static void test_traps(void)
{
    group("BKPT, UDF, undefined, VFP: signal and pc");
    expect_trap("bkpt -> SIGTRAP", run_bkpt, addr_bkpt, SIGTRAP, TRAP_BRKPT);
    expect_trap("udf -> SIGILL", run_udf, addr_udf, SIGILL, ILL_ILLOPC);
    expect_trap("undefined -> SIGILL", run_undef, addr_undef, SIGILL, ILL_ILLOPC);
    expect_trap("PLD register, bit 4 set -> SIGILL", run_pldr4, addr_pldr4, SIGILL, ILL_ILLOPC);
    expect_trap("vfp d16 -> SIGILL", run_vfp, addr_vfp, SIGILL, ILL_ILLOPC);
    expect_trap("vmrs mvfr0 -> SIGILL", run_mvfr, addr_mvfr, SIGILL, ILL_ILLOPC);
    end_group();
}

/* BX to an odd address: Thumb state at address & ~1, where a Thumb UDF
 * (0xde00, A8.8.247 T1) traps with CPSR.T (bit 5) set. */
static void test_thumb(void)
{
    static volatile uint32_t target;

    group("branch into Thumb state: Thumb UDF at the target; misaligned pc");
    got_sig = 0;
    if (!sigsetjmp(jump, 1)) {
        __asm__ volatile("adr r0, 1f\n\t"
                         "str r0, [%0]\n\t"
                         "add r0, r0, #1\n\t"
                         "bx r0\n"
                         "1:\t.short 0xde00, 0xde00"
                         : : "r"(&target) : "r0", "memory");
    }
    check("bx odd: SIGILL", got_sig, SIGILL);
    check("bx odd: pc = target & ~1", got_pc, target & ~1u);
    check("bx odd: CPSR.T", got_cpsr & 0x20, 0x20);
    /* bits 1:0 = 10: UNPREDICTABLE (A2.6.2); stitch-arm reports a PC
     * alignment fault there, SIGBUS, as Linux does for a misaligned
     * prefetch (and qemu-arm does) */
    got_sig = 0;
    if (!sigsetjmp(jump, 1)) {
        __asm__ volatile("adr r0, 1f\n\t"
                         "add r0, r0, #2\n\t"
                         "str r0, [%0]\n\t"
                         "bx r0\n"
                         "1:\tnop\n\tnop"
                         : : "r"(&target) : "r0", "memory");
    }
    check("bx to 4n+2: SIGBUS", got_sig, SIGBUS);
    check("bx to 4n+2: BUS_ADRALN", got_code, BUS_ADRALN);
    check("bx to 4n+2: pc and address", got_pc ^ got_addr, 0);
    check("bx to 4n+2: pc = target", got_pc, target);
    end_group();
}

static void test_faults(void)
{
    static uint32_t aligned[4];
    uint32_t bad = 0x10; /* the first page is never mapped */

    group("faults: precise registers, pc and flags");
    got_sig = 0;
    if (!sigsetjmp(jump, 1)) {
        __asm__ volatile("ldrex r0, [%0]" : : "r"((uint32_t)aligned + 2) : "r0");
    }
    check("unaligned ldrex: SIGBUS", got_sig, SIGBUS);
    check("unaligned ldrex: address", got_addr, (uint32_t)aligned + 2);

    /* LDR with writeback from an unmapped page: r4 (the base) unchanged,
     * the flags of the cmp before it, r5 untouched */
    got_sig = 0;
    if (!sigsetjmp(jump, 1)) {
        __asm__ volatile("mov r4, %0\n\t"
                         "mov r5, #0x55\n\t"
                         "cmp r5, #0x56\n\t"   /* N=1 C=0: 0x55 - 0x56 */
                         "1:\tldr r5, [r4, #4]!\n\t"
                         "mov r5, #0"
                         : : "r"(bad) : "r4", "r5", "cc");
    }
    check("ldr fault: SIGSEGV", got_sig, SIGSEGV);
    check("ldr fault: address", got_addr, bad + 4);
    check("ldr fault: base not written back", got_r[4], bad);
    check("ldr fault: destination untouched", got_r[5], 0x55);
    check("ldr fault: flags of the cmp before", got_cpsr & APSR_NZCV, APSR_N);
    check("ldr fault: pc at the ldr", *(uint32_t *)got_pc, 0xe5b45004);

    /* the same with registers that live in host registers while generated
     * code runs (r0-r3, op/arm/pinned-regs.h): the context has their
     * values from the moment of the fault */
    got_sig = 0;
    if (!sigsetjmp(jump, 1)) {
        __asm__ volatile("mov r2, %0\n\t"
                         "mov r1, #0x11\n\t"
                         "mov r3, #0x33\n\t"
                         "ldr r3, [r2, #8]!"
                         : : "r"(bad) : "r1", "r2", "r3");
    }
    check("ldr fault, pinned base: SIGSEGV", got_sig, SIGSEGV);
    check("ldr fault, pinned base: r1", got_r[1], 0x11);
    check("ldr fault, pinned base: r2 not written back", got_r[2], bad);
    check("ldr fault, pinned base: r3 untouched", got_r[3], 0x33);

    /* LDMIA with writeback, the second word unmapped: base unchanged */
    got_sig = 0;
    if (!sigsetjmp(jump, 1)) {
        __asm__ volatile("mov r4, %0\n\t"
                         "subs r6, r4, r4\n\t" /* Z=1 C=1 */
                         "ldmia r4!, {r5, r6}"
                         : : "r"(0x1000 - 4) : "r4", "r5", "r6", "cc");
    }
    check("ldm fault: SIGSEGV", got_sig, SIGSEGV);
    check("ldm fault: base not written back", got_r[4], 0x1000 - 4);
    check("ldm fault: flags", got_cpsr & APSR_NZCV, APSR_Z | APSR_C);

    /* STR post-indexed to an unmapped page: base unchanged */
    got_sig = 0;
    if (!sigsetjmp(jump, 1)) {
        __asm__ volatile("mov r4, %0\n\t"
                         "str r5, [r4], #8"
                         : : "r"(bad) : "r4", "r5", "memory");
    }
    check("str fault: SIGSEGV", got_sig, SIGSEGV);
    check("str fault: base not written back", got_r[4], bad);
    end_group();
}

int main(void)
{
    install();
    test_traps();
    test_thumb();
    test_faults();
    return finish();
}
