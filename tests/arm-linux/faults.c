/* cflags: -march=armv7-a */
/*
 * faults: a CPU exception in the middle of ARM code reaches a SA_SIGINFO
 * handler as Linux delivers it (arch/arm/mm/fault.c, alignment.c,
 * kernel/traps.c): the signal, si_code and si_addr, every register r0-r15
 * and the CPSR exactly as they were at the faulting instruction (the PC
 * is that instruction's address), and the thread's trap_no / error_code /
 * fault_address.  The handler moves the PC past the instruction and
 * changes r0 and the Z flag in the context; sigreturn must bring exactly
 * that back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

#include "check.h"

/*
 * probe_NAME(out, addr): r0 = 0x100, r1 = addr, rN = N * 0x100 for r2-r12,
 * lr = 0xe00, NZCV = 1010, then the instruction at probe_NAME_insn.  After
 * the handler resumes past it: r0-r12 go to out[0..12], the sp at the
 * fault to out[13], lr to out[14], the CPSR to out[15].
 */
__asm__(
    "   .macro probe name, insn:vararg\n"
    "   .text\n"
    "   .arm\n"
    "   .align 2\n"
    "   .global probe_\\name\n"
    "   .global probe_\\name\\()_insn\n"
    "probe_\\name:\n"
    "   push {r0, r4-r11, lr}\n"
    "   mov r0, #0x100\n"
    "   mov r2, #0x200\n"
    "   mov r3, #0x300\n"
    "   mov r4, #0x400\n"
    "   mov r5, #0x500\n"
    "   mov r6, #0x600\n"
    "   mov r7, #0x700\n"
    "   mov r8, #0x800\n"
    "   mov r9, #0x900\n"
    "   mov r10, #0xa00\n"
    "   mov r11, #0xb00\n"
    "   mov r12, #0xc00\n"
    "   mov lr, #0xe00\n"
    "   msr cpsr_f, #0xa0000000\n"
    "probe_\\name\\()_insn:\n"
    "   \\insn\n"
    "   push {r0-r12}\n"
    "   ldr r0, [sp, #52]\n"
    "   add r1, sp, #52\n"
    "   str r1, [r0, #52]\n"
    "   str lr, [r0, #56]\n"
    "   mrs r1, cpsr\n"
    "   str r1, [r0, #60]\n"
    "   mov r2, #0\n"
    "1: ldr r3, [sp, r2]\n"
    "   str r3, [r0, r2]\n"
    "   add r2, r2, #4\n"
    "   cmp r2, #52\n"
    "   bne 1b\n"
    "   add sp, sp, #52\n"
    "   pop {r0, r4-r11, pc}\n"
    "   .endm\n"
    "   probe load, ldr r0, [r1]\n"
    "   probe store, str r0, [r1]\n"
    "   probe udf, .word 0xe7f000f0\n" /* udf #0: no kernel undef_hook claims it */
    "   probe bkpt, .word 0xe1200172\n" /* bkpt #0x12 */
    "   probe ldrex, ldrex r0, [r1]\n"
    "   probe strex, strex r3, r0, [r1]\n");

typedef void Probe(uint32_t *out, uint32_t addr);
extern Probe probe_load, probe_store, probe_udf, probe_bkpt, probe_ldrex, probe_strex;
extern const char probe_load_insn[], probe_store_insn[], probe_udf_insn[], probe_bkpt_insn[],
    probe_ldrex_insn[], probe_strex_insn[];

static volatile int got_sig, got_code;
static volatile uint32_t got_addr, got_trap, got_err, got_fault;
static uint32_t ctx[17]; /* r0-r15, cpsr in the handler's context */

static void handler(int sig, siginfo_t *si, void *p)
{
    mcontext_t *mc = &((ucontext_t *)p)->uc_mcontext;

    got_sig = sig;
    got_code = si->si_code;
    got_addr = (uint32_t)si->si_addr;
    memcpy(ctx, &mc->arm_r0, sizeof(ctx));
    got_trap = mc->trap_no;
    got_err = mc->error_code;
    got_fault = mc->fault_address;
    mc->arm_pc += 4;
    mc->arm_r0 = 0x600d;
    mc->arm_cpsr |= 1u << 30; /* Z */
}

typedef struct {
    const char *name;
    Probe *probe;
    const char *insn;
    uint32_t addr;
    int sig, code;
    uint32_t want_addr;
    uint32_t trap_no, error_code; /* the thread's, after this fault */
} Case;

static char label[96];
static const char *at(const char *c, const char *what)
{
    snprintf(label, sizeof(label), "%s: %s", c, what);
    return label;
}

/* Which of r0-r12 (bits) differ from the probe's values; r0 is `r0`. */
static uint32_t reg_mismatch(const uint32_t *regs, uint32_t r0, uint32_t addr)
{
    uint32_t bad = 0;

    for (uint32_t r = 0; r <= 12; r++) {
        uint32_t want = r == 0 ? r0 : r == 1 ? addr : r * 0x100;
        if (regs[r] != want)
            bad |= 1u << r;
    }
    return bad;
}

static void run(const Case *c)
{
    uint32_t out[16];

    got_sig = 0;
    c->probe(out, c->addr);
    CHECK(at(c->name, "signal"), got_sig, c->sig);
    CHECK(at(c->name, "si_code"), got_code, c->code);
    CHECK(at(c->name, "si_addr"), got_addr, c->want_addr);
    CHECK(at(c->name, "r0-r12 at the fault (mismatch mask)"), reg_mismatch(ctx, 0x100, c->addr), 0);
    CHECK(at(c->name, "sp at the fault"), ctx[13], out[13]);
    CHECK(at(c->name, "lr at the fault"), ctx[14], 0xe00);
    CHECK(at(c->name, "pc at the fault"), ctx[15], (uint32_t)c->insn);
    CHECK(at(c->name, "cpsr at the fault"), ctx[16], 0xa0000010);
    CHECK(at(c->name, "trap_no"), got_trap, c->trap_no);
    CHECK(at(c->name, "error_code"), got_err, c->error_code);
    if (c->sig == SIGSEGV)
        CHECK(at(c->name, "fault_address"), got_fault, c->addr);
    CHECK(at(c->name, "r0-r12 after sigreturn (mismatch mask)"), reg_mismatch(out, 0x600d, c->addr), 0);
    CHECK(at(c->name, "lr after sigreturn"), out[14], 0xe00);
    CHECK(at(c->name, "NZCV after sigreturn"), out[15] >> 28, 0xe);
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);

    char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    static uint32_t words[2];
    uint32_t odd = (uint32_t)words + 2;
    uint32_t r = (uint32_t)ro;
    /*
     * The FSR of a user fault on a page of a mapped section: 0x7 a
     * translation fault, 0xf a permission fault, 0x1 an alignment fault;
     * WnR (0x800) for a write.  An undefined instruction: trap_no 6,
     * error_code 0; a breakpoint leaves both as they were.
     */
    const Case cases[] = {
        { "ldr from an unmapped page", probe_load, probe_load_insn, 0x10, SIGSEGV, SEGV_MAPERR,
          0x10, 14, 0x7 },
        { "str to a read-only page", probe_store, probe_store_insn, r, SIGSEGV, SEGV_ACCERR, r, 14,
          0x80f },
        { "udf", probe_udf, probe_udf_insn, 0x1234, SIGILL, ILL_ILLOPC,
          (uint32_t)probe_udf_insn, 6, 0 },
        { "bkpt", probe_bkpt, probe_bkpt_insn, 0x1234, SIGTRAP, TRAP_BRKPT,
          (uint32_t)probe_bkpt_insn, 6, 0 },
        { "unaligned ldrex", probe_ldrex, probe_ldrex_insn, odd, SIGBUS, BUS_ADRALN, odd, 0, 0x1 },
        { "unaligned strex", probe_strex, probe_strex_insn, odd, SIGBUS, BUS_ADRALN, odd, 0, 0x801 },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        run(&cases[i]);
    return check_done();
}
