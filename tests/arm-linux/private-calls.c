/*
 * private-calls: ARM's private system calls, 0x0f0000 + n in r7
 * (arch/arm/kernel/traps.c, arm_syscall), and the numbers the kernel
 * answers with a signal rather than ENOSYS.
 *
 *   cacheflush(start, end, 0): what a JIT calls after writing code; the
 *     code written, flushed and run, rewritten, flushed and run again
 *     (also through __builtin___clear_cache, libgcc's way); EINVAL for
 *     end < start or flags, EFAULT for a range that is not mapped.
 *   get_tls: the TLS register.
 *   breakpoint: SIGTRAP / TRAP_BRKPT with the PC moved back onto the svc.
 *   usr26 / usr32 without 26-bit support, a number past 0x0f07ff, one at
 *     0x100000 or above: SIGILL / ILL_ILLTRP at the svc, the PC after it,
 *     trap_no 0 and the number as error_code.
 *   0x0f0000 ("branch through zero"): SIGSEGV at address 0, r0 = 0.
 *   Unassigned numbers in the table's range and 0x0f0007-0x0f07ff: ENOSYS.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "check.h"

#define ARM_NR(n) (0x0f0000 + (n))

static volatile int got_sig, got_code;
static volatile uint32_t got_addr, got_pc, got_trap, got_err, got_insn, got_insn_before;

static void handler(int sig, siginfo_t *si, void *p)
{
    mcontext_t *mc = &((ucontext_t *)p)->uc_mcontext;

    got_sig = sig;
    got_code = si->si_code;
    got_addr = (uint32_t)si->si_addr;
    got_pc = mc->arm_pc;
    got_trap = mc->trap_no;
    got_err = mc->error_code;
    got_insn = *(const uint32_t *)mc->arm_pc;
    got_insn_before = *(const uint32_t *)(mc->arm_pc - 4);
    if (sig == SIGTRAP)
        mc->arm_pc += 4; /* the breakpoint left the PC on the svc */
}

/* A raw svc with number nr and r0 = arg; its result. */
static long call(uint32_t nr, uint32_t arg)
{
    register uint32_t r0 __asm__("r0") = arg;
    register uint32_t r7 __asm__("r7") = nr;

    __asm__ volatile("svc #0" : "+r"(r0) : "r"(r7) : "memory");
    return (int32_t)r0;
}

static char name[96];
static const char *at(const char *c, const char *what)
{
    snprintf(name, sizeof(name), "%s: %s", c, what);
    return name;
}

/* A call the kernel answers with a signal. */
static void signalled(const char *c, uint32_t nr, int sig, int code, uint32_t trap, uint32_t err)
{
    got_sig = 0;
    long r = call(nr, 0x1234);
    CHECK(at(c, "signal"), got_sig, sig);
    CHECK(at(c, "si_code"), got_code, code);
    if (sig == SIGTRAP)
        CHECK(at(c, "the context's pc is the svc"), got_insn >> 24, 0xef);
    else
        CHECK(at(c, "the context's pc follows the svc"), got_insn_before >> 24, 0xef);
    if (sig == SIGTRAP) {
        CHECK(at(c, "si_addr = the svc, as the pc"), got_addr, got_pc);
        CHECK(at(c, "r0 unchanged"), r, 0x1234);
    } else if (sig == SIGILL) {
        CHECK(at(c, "si_addr = the svc, the pc after it"), got_addr, got_pc - 4);
        CHECK(at(c, "r0 unchanged"), r, 0x1234);
        CHECK(at(c, "trap_no"), got_trap, trap);
        CHECK(at(c, "error_code = the number"), got_err, err);
    } else {
        CHECK(at(c, "si_addr"), got_addr, 0);
        CHECK(at(c, "r0 = 0"), r, 0);
    }
}

typedef int Fn(void);

/* mov r0, #value; bx lr */
static void emit_return(uint32_t *code, uint32_t value)
{
    code[0] = 0xe3a00000 | value;
    code[1] = 0xe12fff1e;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGTRAP, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);

    uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    Fn *fn = (Fn *)code;
    emit_return(code, 1);
    CHECK("cacheflush of new code", syscall(ARM_NR(2), code, code + 2, 0), 0);
    CHECK("run it", fn(), 1);
    emit_return(code, 2);
    CHECK("cacheflush of rewritten code", syscall(ARM_NR(2), code, code + 2, 0), 0);
    CHECK("run the new code", fn(), 2);
    int sum = 0;
    for (uint32_t i = 0; i < 100; i++) {
        emit_return(code, i);
        __builtin___clear_cache((char *)code, (char *)(code + 2));
        sum += fn();
    }
    CHECK("100 rewrites through __builtin___clear_cache", sum, 4950);
    errno = 0;
    CHECK("cacheflush with end < start", syscall(ARM_NR(2), code + 2, code, 0), -1);
    CHECK("... is EINVAL", errno, EINVAL);
    errno = 0;
    CHECK("cacheflush with flags", syscall(ARM_NR(2), code, code + 2, 1), -1);
    CHECK("... is EINVAL", errno, EINVAL);
    munmap(code, 4096);
    errno = 0;
    CHECK("cacheflush of an unmapped range", syscall(ARM_NR(2), code, code + 2, 0), -1);
    CHECK("... is EFAULT", errno, EFAULT);

    uint32_t tp;
    __asm__("mrc p15, 0, %0, c13, c0, 3" : "=r"(tp));
    CHECK("get_tls = the TLS register", call(ARM_NR(6), 0), tp);

    signalled("breakpoint", ARM_NR(1), SIGTRAP, TRAP_BRKPT, 0, 0);
    signalled("usr26", ARM_NR(3), SIGILL, ILL_ILLTRP, 0, ARM_NR(3));
    signalled("usr32", ARM_NR(4), SIGILL, ILL_ILLTRP, 0, ARM_NR(4));
    signalled("0x0f0800", ARM_NR(0x800), SIGILL, ILL_ILLTRP, 0, ARM_NR(0x800));
    signalled("0x100000", 0x100000, SIGILL, ILL_ILLTRP, 0, 0x100000);
    signalled("branch through zero", ARM_NR(0), SIGSEGV, SEGV_MAPERR, 0, 0);
    CHECK("0x0f0007: ENOSYS", call(ARM_NR(7), 0), -ENOSYS);
    CHECK("0x0f07ff: ENOSYS", call(ARM_NR(0x7ff), 0), -ENOSYS);
    CHECK("500 (no call): ENOSYS", call(500, 0), -ENOSYS);
    CHECK("0x80000: ENOSYS", call(0x80000, 0), -ENOSYS);
    return check_done();
}
