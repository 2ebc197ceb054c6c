/* cflags: -march=armv7-a */
/*
 * signal-frames: the frames Linux builds for an ARM handler
 * (arch/arm/kernel/signal.c) and what sigreturn / rt_sigreturn take back.
 * The handlers are installed with the raw rt_sigaction call, without
 * SA_RESTORER unless a case asks for it, so the kernel's own return code
 * is used (and copied into retcode, which it is not with SA_RESTORER).  An assembly entry stub records the registers the handler
 * starts with (r0-r2, sp, lr, the CPSR) before the C part runs.
 *
 *   rt_sigframe at sp:  siginfo (128) | ucontext (744) | retcode[4]
 *   sigframe at sp:                     ucontext (744) | retcode[4]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#include "check.h"

/* The kernel's struct sigaction as rt_sigaction takes it. */
struct ksigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    uint64_t mask;
};
#define K_SA_RESTORER 0x04000000

static uint32_t entry[6]; /* r0, r1, r2, sp, lr, cpsr at the handler's first instruction */
void c_handler(int sig, siginfo_t *si, void *uc);
static volatile int restorer_ran;

/*
 * kill_probe(out): r4-r11 = 0x44 ... 0xbb, r12 = 0xcc, NZCV = 0101, then
 * kill(getpid(), SIGUSR1) by svc; the signal is delivered on the way out
 * of the call.  out[0..12] = r0-r12 afterwards, out[13] = the CPSR.
 * kill_probe_ret is the instruction after the svc.
 */
__asm__(
    "   .text\n"
    "   .arm\n"
    "   .align 2\n"
    "   .global entry_stub\n"
    "entry_stub:\n"
    "   push {r3, r4}\n"
    "   ldr r3, =entry\n"
    "   str r0, [r3]\n"
    "   str r1, [r3, #4]\n"
    "   str r2, [r3, #8]\n"
    "   add r4, sp, #8\n"
    "   str r4, [r3, #12]\n"
    "   str lr, [r3, #16]\n"
    "   mrs r4, cpsr\n"
    "   str r4, [r3, #20]\n"
    "   pop {r3, r4}\n"
    "   b c_handler\n"
    "   .ltorg\n"
    "   .global kill_probe\n"
    "   .global kill_probe_ret\n"
    "kill_probe:\n"
    "   push {r0, r4-r11, lr}\n"
    "   mov r4, #0x44\n"
    "   mov r5, #0x55\n"
    "   mov r6, #0x66\n"
    "   mov r8, #0x88\n"
    "   mov r9, #0x99\n"
    "   mov r10, #0xaa\n"
    "   mov r11, #0xbb\n"
    "   mov r12, #0xcc\n"
    "   mov r7, #20\n" /* getpid */
    "   svc #0\n"
    "   mov r1, #10\n" /* SIGUSR1 */
    "   mov r7, #37\n" /* kill */
    "   msr cpsr_f, #0x50000000\n"
    "   svc #0\n"
    "kill_probe_ret:\n"
    "   push {r0-r12}\n"
    "   ldr r0, [sp, #52]\n"
    "   mrs r1, cpsr\n"
    "   str r1, [r0, #52]\n"
    "   mov r2, #0\n"
    "1: ldr r3, [sp, r2]\n"
    "   str r3, [r0, r2]\n"
    "   add r2, r2, #4\n"
    "   cmp r2, #52\n"
    "   bne 1b\n"
    "   add sp, sp, #52\n"
    "   pop {r0, r4-r11, pc}\n"
    "   .global my_restorer\n"
    "my_restorer:\n"
    "   ldr r0, =restorer_ran\n"
    "   mov r1, #1\n"
    "   str r1, [r0]\n"
    "   mov r7, #173\n" /* rt_sigreturn */
    "   svc #0\n"
    "   .ltorg\n");

extern void entry_stub(int);
extern void kill_probe(uint32_t *out);
extern const char kill_probe_ret[];
extern void my_restorer(void);

typedef struct {
    uint32_t trap_no, error_code, oldmask, regs[16], cpsr, fault_address;
} Sigcontext;
typedef struct {
    uint32_t uc_flags, uc_link, ss_sp, ss_flags, ss_size;
    Sigcontext mc;
    uint32_t mask[2], unused[30];
    uint32_t regspace[128];
    uint32_t retcode[4];
} Sigframe;
_Static_assert(sizeof(Sigframe) == 760, "struct sigframe");

static Sigframe seen;     /* the frame as the handler found it */
static uint32_t seen_at;  /* its address */
static int rt_case;       /* the handler's frame is an rt_sigframe */

/* The handler's C part (entry_stub jumps here): the sigframe, or the
 * rt_sigframe's part after siginfo, starts with the ucontext. */
void c_handler(int sig, siginfo_t *si, void *uc)
{
    Sigframe *f = rt_case ? (Sigframe *)uc : (Sigframe *)entry[3];

    (void)sig;
    (void)si;
    seen = *f;
    seen_at = (uint32_t)f;
    /* Changes sigreturn must carry back: r5, the C flag, SIGUSR2 blocked. */
    f->mc.regs[5] = 0x5555;
    f->mc.cpsr |= 1u << 29;
    f->mask[0] |= 1u << (SIGUSR2 - 1);
}

static char name[96];
static const char *at(const char *c, const char *what)
{
    snprintf(name, sizeof(name), "%s: %s", c, what);
    return name;
}

static void set_handler(unsigned long flags, void *restorer)
{
    struct ksigaction ka = { (void *)entry_stub, flags, restorer, 0 };
    syscall(SYS_rt_sigaction, SIGUSR1, &ka, NULL, 8);
}

static void unblock_usr2(void)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR2);
    sigprocmask(SIG_UNBLOCK, &s, NULL);
}

static void run(const char *c, unsigned long flags, void *restorer)
{
    uint32_t out[14];
    sigset_t now;

    rt_case = (flags & SA_SIGINFO) != 0;
    restorer_ran = 0;
    memset(entry, 0, sizeof(entry));
    set_handler(flags, restorer);
    unblock_usr2();
    kill_probe(out);

    uint32_t sp = entry[3];
    uint32_t uc = rt_case ? sp + 128 : sp;
    CHECK(at(c, "r0 = the signal"), entry[0], SIGUSR1);
    if (rt_case) {
        CHECK(at(c, "r1 = &info = sp"), entry[1], sp);
        CHECK(at(c, "r2 = &uc = sp + 128"), entry[2], uc);
        CHECK(at(c, "info.si_signo"), ((siginfo_t *)sp)->si_signo, SIGUSR1);
        CHECK(at(c, "info.si_code"), ((siginfo_t *)sp)->si_code, SI_USER);
    }
    CHECK(at(c, "sp 8-byte aligned"), sp & 7, 0);
    CHECK(at(c, "handler starts with NZCVQ clear"), entry[5] >> 27, 0);
    CHECK(at(c, "handler in user mode"), entry[5] & 0x1f, 0x10);
    CHECK(at(c, "frame where the handler found it"), seen_at, uc);
    CHECK(at(c, "uc_flags"), seen.uc_flags, rt_case ? 0 : 0x5ac3c35a);
    CHECK(at(c, "uc_link"), seen.uc_link, 0);
    if (rt_case) {
        CHECK(at(c, "uc_stack.ss_flags (no alternate stack)"), seen.ss_flags, SS_DISABLE);
        CHECK(at(c, "uc_stack.ss_sp"), seen.ss_sp, 0);
    }
    int bad = 0;
    for (int r = 4; r <= 12; r++)
        if (r != 7 && seen.mc.regs[r] != (uint32_t)(r * 0x11))
            bad |= 1 << r;
    CHECK(at(c, "r4-r6, r8-r12 in the context (mismatch mask)"), bad, 0);
    CHECK(at(c, "r0 in the context: kill's result"), seen.mc.regs[0], 0);
    CHECK(at(c, "r1 in the context"), seen.mc.regs[1], SIGUSR1);
    CHECK(at(c, "r7 in the context: kill's number"), seen.mc.regs[7], 37);
    CHECK(at(c, "pc in the context: after the svc"), seen.mc.regs[15], (uint32_t)kill_probe_ret);
    CHECK(at(c, "cpsr in the context"), seen.mc.cpsr, 0x50000010);
    CHECK(at(c, "oldmask = mask word 0"), seen.mc.oldmask, seen.mask[0]);
    CHECK(at(c, "SIGUSR1 not blocked before"), (seen.mask[0] >> (SIGUSR1 - 1)) & 1, 0);
    CHECK(at(c, "regspace: VFP_MAGIC"), seen.regspace[0], 0x56465001);
    CHECK(at(c, "regspace: VFP record size"), seen.regspace[1], 288);
    CHECK(at(c, "regspace: end magic after it"), seen.regspace[72], 0);
    /* The return code: mov r7, #NR; svc, in retcode and where lr points. */
    uint32_t nr = rt_case ? 173 : 119;
    if (restorer) {
        CHECK(at(c, "lr = sa_restorer"), entry[4], (uint32_t)restorer);
        CHECK(at(c, "the restorer ran"), restorer_ran, 1);
    } else {
        const uint32_t *lr = (const uint32_t *)entry[4];
        CHECK(at(c, "retcode[0] = mov r7, #NR"), seen.retcode[0], 0xe3a07000 | nr);
        CHECK(at(c, "retcode[1] = svc"), seen.retcode[1] >> 24, 0xef);
        CHECK(at(c, "lr -> mov r7, #NR"), lr[0], 0xe3a07000 | nr);
        CHECK(at(c, "lr + 4 -> svc"), lr[1] >> 24, 0xef);
    }
    /* After sigreturn: every register as the context said. */
    bad = 0;
    for (int r = 4; r <= 12; r++)
        if (r != 7 && out[r] != (r == 5 ? 0x5555u : (uint32_t)(r * 0x11)))
            bad |= 1 << r;
    CHECK(at(c, "r4-r12 after sigreturn, r5 changed (mismatch mask)"), bad, 0);
    CHECK(at(c, "r0 after sigreturn: kill's result"), out[0], 0);
    CHECK(at(c, "NZCV after sigreturn, C added"), out[13] >> 28, 0x7);
    sigprocmask(SIG_BLOCK, NULL, &now);
    CHECK(at(c, "mask after sigreturn: SIGUSR2 added"), sigismember(&now, SIGUSR2), 1);
    CHECK(at(c, "mask after sigreturn: SIGUSR1 not blocked"), sigismember(&now, SIGUSR1), 0);
}

/* SA_ONSTACK: the frame goes on the alternate stack; uc_stack records it
 * with the flags sigaltstack set (0 or SS_AUTODISARM, never SS_ONSTACK:
 * __save_altstack), an SS_AUTODISARM stack is disarmed while the handler
 * runs, and rt_sigreturn puts uc_stack back into effect. */
#ifndef SS_AUTODISARM
#define SS_AUTODISARM ((int)(1u << 31)) /* include/uapi/linux/signal.h */
#endif

static volatile uint32_t alt_sp;
static stack_t alt_uc_stack, alt_inside;

static void alt_handler(int sig, siginfo_t *si, void *p)
{
    (void)sig;
    (void)si;
    alt_sp = (uint32_t)__builtin_frame_address(0);
    alt_uc_stack = ((ucontext_t *)p)->uc_stack;
    sigaltstack(NULL, &alt_inside);
}

static void altstack(const char *c, int flags)
{
    static char stack[16384] __attribute__((aligned(8)));
    stack_t ss = { .ss_sp = stack, .ss_size = sizeof(stack), .ss_flags = flags }, now;
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = alt_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigaction(SIGUSR2, &sa, NULL);
    unblock_usr2();
    CHECK(at(c, "sigaltstack"), sigaltstack(&ss, NULL), 0);
    raise(SIGUSR2);
    CHECK(at(c, "the handler ran on the alternate stack"),
          alt_sp > (uint32_t)stack && alt_sp <= (uint32_t)stack + sizeof(stack), 1);
    CHECK(at(c, "uc_stack.ss_sp"), (uint32_t)alt_uc_stack.ss_sp, (uint32_t)stack);
    CHECK(at(c, "uc_stack.ss_size"), alt_uc_stack.ss_size, sizeof(stack));
    CHECK(at(c, "uc_stack.ss_flags"), alt_uc_stack.ss_flags, flags);
    CHECK(at(c, "sigaltstack in the handler"), alt_inside.ss_flags,
          flags == SS_AUTODISARM ? SS_DISABLE : SS_ONSTACK);
    sigaltstack(NULL, &now);
    CHECK(at(c, "after rt_sigreturn: ss_sp"), (uint32_t)now.ss_sp, (uint32_t)stack);
    CHECK(at(c, "after rt_sigreturn: ss_flags"), now.ss_flags, flags);
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, NULL);
}

/* A frame sigreturn must refuse kills the process with SIGSEGV. */
static void bad_return(const char *c, long nr)
{
    pid_t pid = fork();
    int st;

    if (pid == 0) {
        syscall(nr);
        _exit(0);
    }
    waitpid(pid, &st, 0);
    CHECK(at(c, "killed by SIGSEGV"), WIFSIGNALED(st) ? WTERMSIG(st) : -1, SIGSEGV);
}

int main(void)
{
    run("rt frame", SA_SIGINFO, NULL);
    run("sigframe", 0, NULL);
    run("rt frame, SA_RESTORER", SA_SIGINFO | K_SA_RESTORER, (void *)my_restorer);
    altstack("alternate stack", 0);
    altstack("alternate stack, SS_AUTODISARM", SS_AUTODISARM);
    bad_return("rt_sigreturn without a frame", SYS_rt_sigreturn);
    bad_return("sigreturn without a frame", SYS_sigreturn);
    return check_done();
}
