/* cflags: -march=armv7-a */
/*
 * nx-faults: an instruction fetch from a page without PROT_EXEC (the XN
 * bit, ARM ARM B3.7.2) is a prefetch abort, which Linux reports as
 * SIGSEGV / SEGV_ACCERR (SEGV_MAPERR when nothing is mapped) with si_addr
 * the fetched address and the PC the instruction's (arch/arm/mm/fault.c
 * do_PrefetchAbort(), __do_user_fault()): trap_no 14, error_code the IFSR
 * (0xf a permission fault, 0x7 a translation fault) with FSR_LNX_PF (bit
 * 31).  Cases in ARM and Thumb state: a branch into a read-write page;
 * code that ran and then lost PROT_EXEC through mprotect (its translation
 * must not survive) and got it back; a block running off an executable
 * page into a non-executable one (the instructions before the boundary
 * are done); a 32-bit Thumb instruction whose second halfword is on the
 * non-executable page (si_addr is that halfword, the PC the
 * instruction); an unmapped page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

#include "check.h"

static sigjmp_buf back;
static volatile int got_sig, got_code;
static volatile uint32_t got_addr, got_pc, got_r0, got_trap, got_err, got_fault, got_t;

static void handler(int sig, siginfo_t *si, void *p)
{
    mcontext_t *mc = &((ucontext_t *)p)->uc_mcontext;

    got_sig = sig;
    got_code = si->si_code;
    got_addr = (uint32_t)si->si_addr;
    got_pc = mc->arm_pc;
    got_r0 = mc->arm_r0;
    got_t = (mc->arm_cpsr >> 5) & 1;
    got_trap = mc->trap_no;
    got_err = mc->error_code;
    got_fault = mc->fault_address;
    siglongjmp(back, 1);
}

static char label[96];
static const char *at(const char *c, const char *what)
{
    snprintf(label, sizeof(label), "%s: %s", c, what);
    return label;
}

#define ARM_ADD_R0_1 0xe2800001u /* add r0, r0, #1 */
#define ARM_BX_LR 0xe12fff1eu
#define T16_ADDS_R0_1 0x3001u    /* adds r0, #1 */
#define T16_BX_LR 0x4770u
#define T32_ADDW_R0_1_HI 0xf100u /* add.w r0, r0, #1 */
#define T32_ADDW_R0_1_LO 0x0001u

static uint8_t *page; /* two pages */

/* Call `at` (bit 0: Thumb) with r0 = 0; expect a fault at fetch address
 * `addr` with the PC at `pc`, after `done` additions, or (addr == 0) a
 * return with r0 = `done`. */
static void call(const char *name, uint32_t at_, uint32_t addr, uint32_t pc, uint32_t done,
                 int code, uint32_t err)
{
    volatile uint32_t ret = 0xdead;

    __builtin___clear_cache((char *)page, (char *)page + 2 * 4096);
    got_sig = 0;
    if (!sigsetjmp(back, 1))
        ret = ((uint32_t (*)(uint32_t))at_)(0);
    if (!addr) {
        CHECK(at(name, "no signal"), got_sig, 0);
        CHECK(at(name, "returned"), ret, done);
        return;
    }
    CHECK(at(name, "signal"), got_sig, SIGSEGV);
    CHECK(at(name, "si_code"), got_code, code);
    CHECK(at(name, "si_addr"), got_addr, addr);
    CHECK(at(name, "pc"), got_pc, pc);
    CHECK(at(name, "cpsr.T"), got_t, at_ & 1);
    CHECK(at(name, "r0 (instructions done)"), got_r0, done);
    CHECK(at(name, "trap_no"), got_trap, 14);
    CHECK(at(name, "error_code"), got_err, err);
    CHECK(at(name, "fault_address"), got_fault, addr);
}

static void put32(uint8_t *p, uint32_t w) { memcpy(p, &w, 4); }
static void put16(uint8_t *p, uint16_t h) { memcpy(p, &h, 2); }

int main(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    page = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uint32_t p0 = (uint32_t)page, p1 = p0 + 4096;
    const uint32_t acc = 0x8000000f, map = 0x80000007;

    put32(page, ARM_ADD_R0_1);
    put32(page + 4, ARM_ADD_R0_1);
    put32(page + 8, ARM_BX_LR);
    put16(page + 16, T16_ADDS_R0_1);
    put16(page + 18, T16_BX_LR);
    call("ARM, read-write page", p0, p0, p0, 0, SEGV_ACCERR, acc);
    call("Thumb, read-write page", p0 + 16 + 1, p0 + 16, p0 + 16, 0, SEGV_ACCERR, acc);
    mprotect(page, 4096, PROT_READ | PROT_EXEC);
    call("ARM, made executable", p0, 0, 0, 2, 0, 0);
    call("Thumb, made executable", p0 + 16 + 1, 0, 0, 1, 0, 0);
    mprotect(page, 4096, PROT_READ);
    call("ARM, PROT_EXEC taken away", p0, p0, p0, 0, SEGV_ACCERR, acc);
    call("Thumb, PROT_EXEC taken away", p0 + 16 + 1, p0 + 16, p0 + 16, 0, SEGV_ACCERR, acc);
    mprotect(page, 4096, PROT_READ | PROT_EXEC);
    call("ARM, PROT_EXEC given back", p0, 0, 0, 2, 0, 0);

    /* Off the end of the executable page: two additions, then the first
     * fetch from the second page. */
    mprotect(page, 4096, PROT_READ | PROT_WRITE | PROT_EXEC);
    put32(page + 4096 - 8, ARM_ADD_R0_1);
    put32(page + 4096 - 4, ARM_ADD_R0_1);
    put32(page + 4096, ARM_ADD_R0_1);
    put32(page + 4096 + 4, ARM_BX_LR);
    call("ARM, running off the executable page", p1 - 8, p1, p1, 2, SEGV_ACCERR, acc);
    put16(page + 4096 - 4, T16_ADDS_R0_1);
    put16(page + 4096 - 2, T16_ADDS_R0_1);
    put16(page + 4096, T16_BX_LR);
    call("Thumb, running off the executable page", p1 - 4 + 1, p1, p1, 2, SEGV_ACCERR, acc);
    put16(page + 4096 - 4, T16_ADDS_R0_1);
    put16(page + 4096 - 2, T32_ADDW_R0_1_HI);
    put16(page + 4096, T32_ADDW_R0_1_LO);
    put16(page + 4096 + 2, T16_BX_LR);
    call("Thumb-2 instruction straddling", p1 - 4 + 1, p1, p1 - 2, 1, SEGV_ACCERR, acc);
    mprotect(page + 4096, 4096, PROT_READ | PROT_EXEC);
    call("Thumb-2 straddling, next page made executable", p1 - 4 + 1, 0, 0, 2, 0, 0);
    mprotect(page + 4096, 4096, PROT_READ);
    call("Thumb-2 straddling, and not again", p1 - 4 + 1, p1, p1 - 2, 1, SEGV_ACCERR, acc);
    munmap(page, 2 * 4096);
    call("ARM, unmapped", p0, p0, p0, 0, SEGV_MAPERR, map);
    return check_done();
}
