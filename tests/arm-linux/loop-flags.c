/* cflags: -march=armv7-a */
/*
 * loop-flags: a loop that is one TB, closed by `cmp` and a branch back to
 * its start, shows the flags of its last compare in every signal context,
 * although stitch stores none on the way round (translate/arm/loop.c).
 *   - A load in the loop's next round faults: the CPSR in the context is
 *     NZCV of that compare (ARM ARM A8.8.37 CMP, AddWithCarry(x, NOT(y),
 *     1)): C=1 and V=1 for 0x80000002 - 0x10, where the rounds before
 *     left C=1 and V=0; for the register and the immediate form.
 *   - The same when the loop steps the compared register by a constant
 *     before the load that faults (`ldr r2, [r1], #4` or `ldr r2, [r1,
 *     #4]!`, then `ldr r2, [r1]`): the flags are still the last compare's,
 *     over the register before the step (cmp r1, r3 with r1 = r3 - 2:
 *     N=1, C=0), not over the register at the fault (which gives C=1).
 *   - A loop whose round sets the flags itself before the load that
 *     faults (`adds r5, r6, r6` with r6 = 0x80000000: N=0 Z=1 C=1 V=1)
 *     shows those flags, not the loop compare's.
 *   - A compare with a faulting load between it and its branch (`cmp r1,
 *     r3; ldr r2, [r0]; bne`, which stitch fuses at the branch,
 *     translate/arm/fuse.c): the CPSR at the fault is that compare's, in
 *     ARM and in Thumb state.
 *   - A timer signal stops the loop wherever it is: at every stop inside
 *     the loop, the CPSR is NZCV of the compare the CPU last did, worked
 *     out from the registers in the context.  The same for a loop of two
 *     TBs, the second starting with a compare, so that the first one's
 *     exit into it stores no flags when chained (translate/arm/loop.c,
 *     lazy exits): a stop at the second TB's start shows the first one's
 *     compare.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <ucontext.h>

#include "check.h"

/*
 * fault_reg(p, n) and fault_imm(p, n): load words from p up, counting r1
 * from n to 0x10 (cmp r1, r3 with r3 = 0x10; cmp r1, #0x10).  The handler resumes at the function's `out` label.
 * spin(n): count r1 up to n, loading one word each round.
 */
__asm__(
    "   .text\n"
    "   .arm\n"
    "   .align 2\n"
    "   .global fault_reg, fault_reg_loop, fault_reg_out\n"
    "fault_reg:\n"
    "   push {r4, lr}\n"
    "   mov r4, r0\n"
    "   mov r3, #0x10\n"
    "   msr cpsr_f, #0\n"
    "   b fault_reg_loop\n" /* the loop is a TB of its own */
    "fault_reg_loop:\n"
    "   ldr r2, [r4]\n"
    "   add r4, r4, #4\n"
    "   add r1, r1, #1\n"
    "   cmp r1, r3\n"
    "   bne fault_reg_loop\n"
    "fault_reg_out:\n"
    "   pop {r4, pc}\n"
    "   .global fault_imm, fault_imm_loop, fault_imm_out\n"
    "fault_imm:\n"
    "   push {r4, lr}\n"
    "   mov r4, r0\n"
    "   msr cpsr_f, #0\n"
    "   b fault_imm_loop\n"
    "fault_imm_loop:\n"
    "   ldr r2, [r4]\n"
    "   add r4, r4, #4\n"
    "   add r1, r1, #1\n"
    "   cmp r1, #0x10\n"
    "   bne fault_imm_loop\n"
    "fault_imm_out:\n"
    "   pop {r4, pc}\n"
    /* step_post(p, end) and step_pre(p - 4, end): r1 walks p up in steps
     * of 4, r3 = end, the second load faults where the first one's step
     * took r1 onto the page that is not readable */
    "   .global step_post, step_post_loop, step_post_fault, step_post_out\n"
    "step_post:\n"
    "   push {r4, lr}\n"
    "   mov r3, r1\n"
    "   mov r1, r0\n"
    "   msr cpsr_f, #0\n"
    "   b step_post_loop\n"
    "step_post_loop:\n"
    "   ldr r2, [r1], #4\n"
    "step_post_fault:\n"
    "   ldr r2, [r1]\n"
    "   cmp r1, r3\n"
    "   bne step_post_loop\n"
    "step_post_out:\n"
    "   pop {r4, pc}\n"
    "   .global step_pre, step_pre_loop, step_pre_fault, step_pre_out\n"
    "step_pre:\n"
    "   push {r4, lr}\n"
    "   mov r3, r1\n"
    "   mov r1, r0\n"
    "   msr cpsr_f, #0\n"
    "   b step_pre_loop\n"
    "step_pre_loop:\n"
    "   ldr r2, [r1, #4]!\n"
    "step_pre_fault:\n"
    "   ldr r2, [r1, #4]\n"
    "   cmp r1, r3\n"
    "   bne step_pre_loop\n"
    "step_pre_out:\n"
    "   pop {r4, pc}\n"
    /* fault_adds(p, end): r0 walks p up, ADDS sets the flags each round
     * before the load */
    "   .global fault_adds, fault_adds_load, fault_adds_out\n"
    "fault_adds:\n"
    "   push {r4, r5, r6, lr}\n"
    "   mov r6, #0x80000000\n"
    "   msr cpsr_f, #0\n"
    "   b fault_adds_loop\n"
    "fault_adds_loop:\n"
    "   adds r5, r6, r6\n"
    "fault_adds_load:\n"
    "   ldr r2, [r0], #4\n"
    "   cmp r0, r1\n"
    "   bne fault_adds_loop\n"
    "fault_adds_out:\n"
    "   pop {r4, r5, r6, pc}\n"
    /* sunk_cmp(bad, x, y): cmp x, y, then a load from bad before the
     * branch */
    "   .global sunk_cmp, sunk_cmp_fault, sunk_cmp_out\n"
    "sunk_cmp:\n"
    "   push {r4, lr}\n"
    "   msr cpsr_f, #0\n"
    "   b 1f\n"
    "1: cmp r1, r2\n"
    "sunk_cmp_fault:\n"
    "   ldr r3, [r0]\n"
    "   bne sunk_cmp_out\n"
    "   mov r0, #0\n"
    "sunk_cmp_out:\n"
    "   pop {r4, pc}\n"
    /* spin2(n): the same with two TBs, the second one's compare first;
     * the first one's way back to it checks for an exit request */
    "   .global spin2, spin2_a, spin2_b, spin2_end\n"
    "spin2:\n"
    "   push {r4, lr}\n"
    "   mov r3, r0\n"
    "   mov r1, #0\n"
    "   ldr r4, =spin_word\n"
    "   b spin2_a\n"
    "spin2_b:\n"
    "   cmp r1, #0\n"
    "   bne spin2_a\n"
    "   b spin2_end\n"
    "spin2_a:\n"
    "   ldr r2, [r4]\n"
    "   add r1, r1, #1\n"
    "   cmp r1, r3\n"
    "   bne spin2_b\n"
    "spin2_end:\n"
    "   pop {r4, pc}\n"
    /* the same in Thumb state */
    "   .thumb\n"
    "   .syntax unified\n"
    "   .global sunk_cmp_t, sunk_cmp_t_fault, sunk_cmp_t_out\n"
    "   .type sunk_cmp_t, %function\n"
    "   .thumb_func\n"
    "sunk_cmp_t:\n"
    "   push {r4, lr}\n"
    "   movs r4, #0\n"
    "   msr APSR_nzcvq, r4\n"
    "   b 2f\n"
    "2: cmp r1, r2\n"
    "sunk_cmp_t_fault:\n"
    "   ldr r3, [r0]\n"
    "   bne sunk_cmp_t_out\n"
    "   movs r0, #0\n"
    "sunk_cmp_t_out:\n"
    "   pop {r4, pc}\n"
    "   .arm\n"
    "   .syntax divided\n"
    "   .align 2\n"
    "   .global spin, spin_loop, spin_cmp, spin_branch, spin_end\n"
    "spin:\n"
    "   push {r4, lr}\n"
    "   mov r3, r0\n"
    "   mov r1, #0\n"
    "   ldr r4, =spin_word\n"
    "spin_loop:\n"
    "   ldr r2, [r4]\n"
    "   add r1, r1, #1\n"
    "spin_cmp:\n"
    "   cmp r1, r3\n"
    "spin_branch:\n"
    "   bne spin_loop\n"
    "spin_end:\n"
    "   pop {r4, pc}\n"
    "   .ltorg\n"
    "   .pushsection .data\n"
    "spin_word: .word 0\n"
    "   .popsection\n");

extern void fault_reg(uint32_t *p, uint32_t n);
extern void fault_imm(uint32_t *p, uint32_t n);
extern void spin(uint32_t n);
extern void spin2(uint32_t n);
extern const char spin2_a[], spin2_b[], spin2_end[];
extern void step_post(const char *p, const char *end);
extern void step_pre(const char *p, const char *end);
extern void sunk_cmp(const char *bad, uint32_t x, uint32_t y);
extern const char step_post_fault[], step_post_out[], step_pre_fault[], step_pre_out[];
extern const char sunk_cmp_fault[], sunk_cmp_out[];
extern void sunk_cmp_t(const char *bad, uint32_t x, uint32_t y);
extern const char sunk_cmp_t_fault[], sunk_cmp_t_out[];
extern void fault_adds(const char *p, const char *end);
extern const char fault_adds_load[], fault_adds_out[];
extern const char fault_reg_loop[], fault_reg_out[], fault_imm_loop[], fault_imm_out[];
extern const char spin_loop[], spin_cmp[], spin_branch[], spin_end[];

/* NZCV of cmp x, y (CPSR bits 31-28). */
static uint32_t cmp_nzcv(uint32_t x, uint32_t y)
{
    uint32_t r = x - y;

    return (r >> 31) << 3 | (r == 0) << 2 | (x >= y) << 1 | ((x ^ y) & (x ^ r)) >> 31;
}

static uint32_t fault_ctx[17]; /* r0-r15, cpsr */
static const char *resume_at;

static void on_fault(int sig, siginfo_t *si, void *p)
{
    mcontext_t *mc = &((ucontext_t *)p)->uc_mcontext;

    (void)sig, (void)si;
    memcpy(fault_ctx, &mc->arm_r0, sizeof(fault_ctx));
    mc->arm_pc = (uint32_t)resume_at;
}

static volatile uint32_t stops, stops_in_loop, wrong_flags;
static volatile uint32_t stops2_a, stops2_b, wrong_flags2;

static void on_timer(int sig, siginfo_t *si, void *p)
{
    mcontext_t *mc = &((ucontext_t *)p)->uc_mcontext;
    uint32_t pc = mc->arm_pc, r1 = mc->arm_r1, r3 = mc->arm_r3, want;

    (void)sig, (void)si;
    stops++;
    if (pc == (uint32_t)spin_loop || pc == (uint32_t)spin_branch)
        want = cmp_nzcv(r1, r3); /* r1 as the last compare saw it */
    else if (pc == (uint32_t)spin_loop + 4 || pc == (uint32_t)spin_cmp)
        want = cmp_nzcv(pc == (uint32_t)spin_cmp ? r1 - 1 : r1, r3);
    else
        return;
    stops_in_loop++;
    /* the first round runs before any compare: msr-less, flags unknown */
    if (r1 > 1 && mc->arm_cpsr >> 28 != want)
        wrong_flags++;
}

static void on_timer2(int sig, siginfo_t *si, void *p)
{
    mcontext_t *mc = &((ucontext_t *)p)->uc_mcontext;
    uint32_t pc = mc->arm_pc, r1 = mc->arm_r1, r3 = mc->arm_r3, want;

    (void)sig, (void)si;
    if (pc == (uint32_t)spin2_a && r1 > 0 && r1 < r3) {
        want = cmp_nzcv(r1, 0);
        stops2_a++;
    } else if (pc == (uint32_t)spin2_b) {
        want = cmp_nzcv(r1, r3);
        stops2_b++;
    } else {
        return;
    }
    if (mc->arm_cpsr >> 28 != want)
        wrong_flags2++;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);

    /* one readable page, then one that is not */
    char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(page + 4096, 4096, PROT_NONE);

    resume_at = fault_reg_out;
    fault_reg((uint32_t *)page, 0x80000002u - 1024);
    CHECK("cmp rX, rY loop: fault pc", fault_ctx[15], (uint32_t)fault_reg_loop);
    CHECK("cmp rX, rY loop: r1 at the fault", fault_ctx[1], 0x80000002u);
    CHECK("cmp rX, rY loop: NZCV at the fault", fault_ctx[16] >> 28, 0x3);

    resume_at = fault_imm_out;
    fault_imm((uint32_t *)page, 0x80000002u - 1024);
    CHECK("cmp rX, #imm loop: fault pc", fault_ctx[15], (uint32_t)fault_imm_loop);
    CHECK("cmp rX, #imm loop: r1 at the fault", fault_ctx[1], 0x80000002u);
    CHECK("cmp rX, #imm loop: NZCV at the fault", fault_ctx[16] >> 28, 0x3);

    /* the last compare saw r1 = page + 4092 against r3 = page + 4094 */
    resume_at = step_post_out;
    step_post(page, page + 4094);
    CHECK("post-indexed step: fault pc", fault_ctx[15], (uint32_t)step_post_fault);
    CHECK("post-indexed step: r1 at the fault", fault_ctx[1], (uint32_t)page + 4096);
    CHECK("post-indexed step: NZCV at the fault", fault_ctx[16] >> 28, 0x8);
    resume_at = step_pre_out;
    step_pre(page - 4, page + 4090);
    CHECK("pre-indexed step: fault pc", fault_ctx[15], (uint32_t)step_pre_fault);
    CHECK("pre-indexed step: r1 at the fault", fault_ctx[1], (uint32_t)page + 4092);
    CHECK("pre-indexed step: NZCV at the fault", fault_ctx[16] >> 28, 0x8);

    resume_at = fault_adds_out;
    fault_adds(page + 4096 - 64, page + 4096 + 64);
    CHECK("flags set in the round: fault pc", fault_ctx[15], (uint32_t)fault_adds_load);
    CHECK("flags set in the round: NZCV at the fault", fault_ctx[16] >> 28, 0x7);

    resume_at = sunk_cmp_out;
    sunk_cmp(page + 4096, 0x80000002u, 0x10);
    CHECK("compare before a faulting load: fault pc", fault_ctx[15], (uint32_t)sunk_cmp_fault);
    CHECK("compare before a faulting load: NZCV at the fault", fault_ctx[16] >> 28, 0x3);
    resume_at = sunk_cmp_t_out;
    sunk_cmp_t(page + 4096, 0x80000002u, 0x10);
    CHECK("the same in Thumb: fault pc", fault_ctx[15], (uint32_t)sunk_cmp_t_fault);
    CHECK("the same in Thumb: NZCV at the fault", fault_ctx[16] >> 28, 0x3);

    sa.sa_sigaction = on_timer;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval tv = {{0, 500}, {0, 500}};
    setitimer(ITIMER_REAL, &tv, NULL);
    for (int i = 0; i < 200 && stops_in_loop < 20; i++)
        spin(2000000);
    memset(&tv, 0, sizeof(tv));
    setitimer(ITIMER_REAL, &tv, NULL);
    CHECK("timer stops inside the loop (at least 20)", stops_in_loop >= 20, 1);
    CHECK("timer stops inside the loop with other flags", wrong_flags, 0);

    sa.sa_sigaction = on_timer2;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval tv2 = {{0, 500}, {0, 500}};
    setitimer(ITIMER_REAL, &tv2, NULL);
    for (int i = 0; i < 200 && stops2_a + stops2_b < 20; i++)
        spin2(2000000);
    memset(&tv2, 0, sizeof(tv2));
    setitimer(ITIMER_REAL, &tv2, NULL);
    CHECK("timer stops inside the two-TB loop (at least 20)", stops2_a + stops2_b >= 20, 1);
    CHECK("timer stops inside the two-TB loop with other flags", wrong_flags2, 0);
    return check_done();
}
