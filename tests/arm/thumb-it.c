/*
 * IT blocks (ARM ARM A8.8.54 IT, A2.5.2 ITSTATE, A8.3.1 ConditionPassed):
 * every firstcond x mask x NZCV, the 16-bit ALU instructions that set the
 * flags only outside an IT block (A6.2: setflags = !InITBlock()), and a
 * fault and a signal in the middle of a block: the signal context's CPSR
 * carries ITSTATE (CPSR[15:10] = ITSTATE[7:2], CPSR[26:25] =
 * ITSTATE[1:0]) and T, the handler runs in Thumb state outside the block,
 * and sigreturn resumes the block where it stopped.  A Thumb handler
 * installed without SA_RESTORER returns through the kernel's Thumb
 * return code (arch/arm/kernel/sigreturn_codes.S: movs r7, #NR; svc 0).
 *
 * cflags: -mthumb
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "insn-test.h"

/* ConditionPassed (A8.3.1) from the NZCV bits 31:28. */
static int cond_passed(unsigned cond, uint32_t nzcv)
{
    int n = nzcv >> 31 & 1, z = nzcv >> 30 & 1, c = nzcv >> 29 & 1, v = nzcv >> 28 & 1;
    int r;

    switch (cond >> 1) {
    case 0: r = z; break;
    case 1: r = c; break;
    case 2: r = n; break;
    case 3: r = v; break;
    case 4: r = c && !z; break;
    case 5: r = n == v; break;
    case 6: r = !z && n == v; break;
    default: r = 1; break;
    }
    return (cond & 1) && cond != 15 ? !r : r;
}

/*
 * 256 code blocks of 24 bytes, one per IT encoding 0xbf00 | fc << 4 |
 * mask: the IT, four ORR.W r0, r0, #bit (bits 1, 2, 4, 8; conditional
 * while in the block) and ORR.W r0, r0, #16 (after any block), BX lr.
 */
__asm__(".text\n\t.syntax unified\n\t.thumb\n\t.align 2\n"
        "it_cases:\n\t"
        ".irp fc, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15\n\t"
        ".irp m, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15\n\t"
        ".short 0xbf00 | (\\fc << 4) | \\m\n\t"
        ".short 0xf040, 0x0001\n\t" /* orr.w r0, r0, #1 */
        ".short 0xf040, 0x0002\n\t"
        ".short 0xf040, 0x0004\n\t"
        ".short 0xf040, 0x0008\n\t"
        ".short 0xf040, 0x0010\n\t"
        "bx lr\n\t"
        ".endr\n\t.endr\n\t.text");
extern const char it_cases[];

/* Run one block with the flags nzcv: the bits of r0, flags after in *out. */
static uint32_t run_it(unsigned fc, unsigned mask, uint32_t nzcv, uint32_t *flags)
{
    uint32_t fn = (uint32_t)(uintptr_t)it_cases + 24 * (fc << 4 | mask) + 1;
    register uint32_t r0 __asm__("r0");

    __asm__ volatile("msr APSR_nzcvq, %2\n\t"
                     "movw r0, #0\n\t"
                     "blx %1\n\t"
                     "mrs %2, APSR"
                     : "=r"(r0), "+r"(fn), "+r"(nzcv)
                     :
                     : "lr", "cc", "memory");
    *flags = nzcv;
    return r0;
}

/* The model: the instruction i of the block (0-3) has condition
 * ITSTATE[7:4] after i advances (ITAdvance shifts ITSTATE[4:0] left). */
static uint32_t it_model(unsigned fc, unsigned mask, uint32_t nzcv)
{
    unsigned it = fc << 4 | mask, len = 4 - (unsigned)__builtin_ctz(mask);
    uint32_t r = 16;

    for (unsigned i = 0; i < 4; i++) {
        if (i >= len || cond_passed(it >> 4, nzcv))
            r |= 1u << i;
        if (i < len)
            it = (it & 7) == 0 ? 0 : (it & 0xe0) | ((it << 1) & 0x1f);
    }
    return r;
}

static void test_it_exhaustive(void)
{
    char what[64];

    group("IT: every firstcond x mask x NZCV");
    for (unsigned fc = 0; fc < 15; fc++) {
        for (unsigned mask = 1; mask < 16; mask++) {
            /* AL with an else (a mask bit other than the last set) is
             * UNPREDICTABLE: not run */
            if (fc == 14 && __builtin_popcount(mask) != 1)
                continue;
            for (uint32_t f = 0; f < 16; f++) {
                uint32_t nzcv = f << 28, after, got = run_it(fc, mask, nzcv, &after);

                snprintf(what, sizeof(what), "fc %u mask %x nzcv %x", fc, mask, f);
                check(what, got, it_model(fc, mask, nzcv));
                check(what, after & APSR_NZCV, nzcv);
            }
        }
    }
    end_group();
}

/* ADDS r1, #1 (0x3101), MOVS r2, #0 (0x2200), LSLS r3, r3, #1 (0x005b):
 * flag-setting outside an IT block, not inside.  Returns the APSR after;
 * r[] the registers. */
static uint32_t alu16(int in_block, uint32_t nzcv, uint32_t r[3])
{
    register uint32_t r1 __asm__("r1") = r[0];
    register uint32_t r2 __asm__("r2") = r[1];
    register uint32_t r3 __asm__("r3") = r[2];

    if (in_block)
        __asm__ volatile("msr APSR_nzcvq, %3\n\t"
                         ".short 0xbf08\n\t" /* itttt eq... (mask 1000: it eq) */
                         ".short 0x3101\n\t"
                         "mrs %3, APSR"
                         : "+r"(r1), "+r"(r2), "+r"(r3), "+r"(nzcv) : : "cc");
    else
        __asm__ volatile("msr APSR_nzcvq, %3\n\t"
                         ".short 0x3101\n\t"
                         "mrs %3, APSR"
                         : "+r"(r1), "+r"(r2), "+r"(r3), "+r"(nzcv) : : "cc");
    r[0] = r1;
    r[1] = r2;
    r[2] = r3;
    return nzcv;
}

/* The same for a block of three: ITTT EQ (0xbf02); ADDS, MOVS, LSLS. */
static uint32_t alu16_three(uint32_t nzcv, uint32_t r[3])
{
    register uint32_t r1 __asm__("r1") = r[0];
    register uint32_t r2 __asm__("r2") = r[1];
    register uint32_t r3 __asm__("r3") = r[2];

    __asm__ volatile("msr APSR_nzcvq, %3\n\t"
                     ".short 0xbf02, 0x3101, 0x2200, 0x005b\n\t"
                     "mrs %3, APSR"
                     : "+r"(r1), "+r"(r2), "+r"(r3), "+r"(nzcv) : : "cc");
    r[0] = r1;
    r[1] = r2;
    r[2] = r3;
    return nzcv;
}

static void test_flags_in_block(void)
{
    uint32_t r[3], f;

    group("16-bit ALU: flags outside an IT block only");
    r[0] = 0xffffffff;
    f = alu16(0, APSR_Z, r);
    check("adds outside: result", r[0], 0);
    check("adds outside: Z C set", f & APSR_NZCV, APSR_Z | APSR_C);
    r[0] = 0xffffffff;
    f = alu16(1, APSR_Z, r);
    check("adds in block (eq passes): result", r[0], 0);
    check("adds in block: flags unchanged", f & APSR_NZCV, APSR_Z);
    r[0] = 5;
    f = alu16(1, APSR_N, r);
    check("adds in block (eq fails): not run", r[0], 5);
    check("adds in block (eq fails): flags", f & APSR_NZCV, APSR_N);
    r[0] = 0x7fffffff;
    r[1] = 7;
    r[2] = 0x80000001;
    f = alu16_three(APSR_Z | APSR_V, r);
    check("ittt: adds", r[0], 0x80000000);
    check("ittt: movs", r[1], 0);
    check("ittt: lsls", r[2], 2);
    check("ittt: flags unchanged", f & APSR_NZCV, APSR_Z | APSR_V);
    end_group();
}

/* ---- a fault and a signal inside a block ---- */

static volatile uint32_t seen_cpsr, seen_pc, seen_handler_thumb;
static volatile uint32_t good_word = 0x5a5a5a5a;

static uint32_t itstate_of(uint32_t cpsr)
{
    return (cpsr >> 25 & 3) | (cpsr >> 10 & 0x3f) << 2;
}

/* SIGSEGV: the fault at the LDR in the block; point r2 at a good word
 * and return to run it again. */
static void segv_handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;

    (void)sig;
    (void)si;
    seen_cpsr = (uint32_t)uc->uc_mcontext.arm_cpsr;
    seen_pc = (uint32_t)uc->uc_mcontext.arm_pc;
    seen_handler_thumb = 1;
    uc->uc_mcontext.arm_r2 = (unsigned long)(uintptr_t)&good_word;
}

/* ITETE NE (0xbf15: firstcond 0001, mask 0101): ldr r1, [r2] (ne),
 * movw r3, #1 (eq), orr r3, r3, #2 (ne), orr r3, r3, #4 (eq), with Z
 * clear: the first and third run.  The LDR faults once. */
static void test_fault_in_block(void)
{
    struct sigaction sa;
    uint32_t at, flags = 0, res[2];

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = segv_handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    group("fault inside an IT block: ITSTATE in the context, resume");
    __asm__ volatile("mov r2, %[bad]\n\t"
                     "movs r1, #0\n\t"
                     "movs r3, #0\n\t"
                     "msr APSR_nzcvq, %[fl]\n\t"
                     ".short 0xbf15\n"
                     "1:\t.short 0xf8d2, 0x1000\n\t" /* ldr.w r1, [r2] */
                     ".short 0xf240, 0x0301\n\t"     /* movw r3, #1 */
                     ".short 0xf043, 0x0302\n\t"     /* orr.w r3, r3, #2 */
                     ".short 0xf043, 0x0304\n\t"     /* orr.w r3, r3, #4 */
                     "mrs %[fl], APSR\n\t"
                     "str r1, [%[res]]\n\t"
                     "str r3, [%[res], #4]\n\t"
                     "adr %[at], 1b"
                     : [at] "=&r"(at), [fl] "+r"(flags)
                     : [bad] "r"(16), [res] "r"(res) /* 16: unmapped */
                     : "r1", "r2", "r3", "cc", "memory");
    check("pc at the ldr", seen_pc, at);
    check("ITSTATE at the ldr", itstate_of(seen_cpsr), 0x15);
    check("CPSR.T", seen_cpsr & 0x20, 0x20);
    /* the handlers are Thumb code (bit 0 of their address): that they ran
     * at all and returned is the check that they ran in Thumb state */
    check("handler ran", seen_handler_thumb, 1);
    check("ldr ran again", res[0], 0x5a5a5a5a);
    check("rest of the block: ne ran, eq skipped", res[1], 2);
    check("flags", flags & APSR_NZCV, 0);
    end_group();
}

/* SIGUSR1 sent by a kill (SVC) inside a block: the signal arrives on
 * the SVC's return, with the ITSTATE of the instruction after it. */
static void usr1_handler(int sig, siginfo_t *si, void *ucv) /* Thumb code */
{
    ucontext_t *uc = ucv;

    (void)sig;
    (void)si;
    seen_cpsr = (uint32_t)uc->uc_mcontext.arm_cpsr;
    seen_pc = (uint32_t)uc->uc_mcontext.arm_pc;
    seen_handler_thumb = 1;
}

static void test_signal_in_block(void)
{
    struct sigaction sa;
    uint32_t at, flags = APSR_Z | APSR_C, res[2];

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = usr1_handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    seen_handler_thumb = 0;
    group("signal inside an IT block: ITSTATE in the context, resume");
    /* ITTET EQ (0xbf05: firstcond 0000, mask x y z 1 = 0 1 0 1, t = 0,
     * e = 1): movw r3, #1 (eq); svc: kill(pid, SIGUSR1) (eq); orr #2
     * (ne); orr #4 (eq).  r7 (the syscall number) is saved around. */
    __asm__ volatile("push {r7}\n\t"
                     "mov r0, %[pid]\n\t"
                     "movs r1, %[sig]\n\t"
                     "movs r3, #0\n\t"
                     "msr APSR_nzcvq, %[fl]\n\t" /* before r7: %[fl] may be r7 */
                     "movw r7, #37\n\t" /* __NR_kill */
                     ".short 0xbf05\n\t"
                     ".short 0xf240, 0x0301\n\t" /* movw r3, #1 */
                     "svc #0\n"
                     "1:\t.short 0xf043, 0x0302\n\t"
                     ".short 0xf043, 0x0304\n\t"
                     "mrs %[fl], APSR\n\t"
                     "pop {r7}\n\t"
                     "str r0, [%[res]]\n\t"
                     "str r3, [%[res], #4]\n\t"
                     "adr %[at], 1b"
                     : [at] "=&r"(at), [fl] "+r"(flags)
                     : [pid] "r"(getpid()), [sig] "i"(SIGUSR1), [res] "r"(res)
                     : "r0", "r1", "r3", "cc", "memory");
    check("kill returned 0", res[0], 0);
    check("pc after the svc", seen_pc, at);
    /* ITSTATE 0x05 advances to 0x0a, then 0x14: firstcond[3:1] = 000 and
     * ITSTATE[4] = 1, NE, for the third instruction */
    check("ITSTATE after the svc", itstate_of(seen_cpsr), 0x14);
    check("CPSR.T", seen_cpsr & 0x20, 0x20);
    check("handler ran", seen_handler_thumb, 1);
    check("rest of the block: ne skipped, eq ran", res[1], 5);
    check("flags", flags & APSR_NZCV, APSR_Z | APSR_C);
    end_group();
}

/* ---- the kernel's Thumb return code ---- */

static volatile uint32_t seen_lr, seen_retcode, handler_runs;

static void __attribute__((noinline)) rt_handler(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    (void)si;
    seen_lr = (uint32_t)(uintptr_t)__builtin_return_address(0);
    /* rt_sigframe: siginfo (128) | ucontext (744) | retcode[4] */
    seen_retcode = *(const uint32_t *)((const char *)ucv + 744);
    handler_runs++;
}

static void __attribute__((noinline)) plain_handler(int sig)
{
    (void)sig;
    seen_lr = (uint32_t)(uintptr_t)__builtin_return_address(0);
    handler_runs++;
}

/* The kernel's struct sigaction, for the raw rt_sigaction call. */
struct k_sigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    uint32_t mask[2];
};

static void raise_with(void *handler, unsigned long flags)
{
    struct k_sigaction ka = {.handler = handler, .flags = flags};

    syscall(SYS_rt_sigaction, SIGUSR2, &ka, NULL, 8);
    kill(getpid(), SIGUSR2);
}

static void test_thumb_return_code(void)
{
    group("Thumb handler, the kernel's Thumb return code");
    handler_runs = 0;
    raise_with((void *)rt_handler, SA_SIGINFO);
    check("rt: handler ran and returned", handler_runs, 1);
    /* lr: the Thumb rt_sigreturn code (vectors page + 0x500 + 20), bit 0
     * set; retcode[0]: movs r7, #173 (0x27ad); svc #0 (0xdf00) */
    check("rt: lr", seen_lr, 0xffff0515);
    check("rt: retcode", seen_retcode, 0xdf0027ad);
    raise_with((void *)plain_handler, 0);
    check("sigreturn: handler ran and returned", handler_runs, 2);
    check("sigreturn: lr (+ 8, bit 0 set)", seen_lr, 0xffff0509);
    end_group();
}

int main(void)
{
    test_it_exhaustive();
    test_flags_in_block();
    test_fault_in_block();
    test_signal_in_block();
    test_thumb_return_code();
    return finish();
}
