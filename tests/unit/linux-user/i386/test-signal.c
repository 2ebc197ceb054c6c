/*
 * Guest signal delivery (signal.c, sigframe.c): the i386 frames the kernel
 * builds, sigreturn restoring every register, the blocked mask and pending
 * set, and the -EINTR / restart decision for an interrupted system call.
 * Each test is a fresh process (criterion forks), so TaskState starts empty.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <asm/unistd_32.h>
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <unistd.h>

#include "guest-signal.h"
#include "guest-user.h"

static CPUState env;
static ThreadState thread; /* the calling thread's (self) */
static uint32_t mem; /* 64 KiB of writable guest memory: data below, stack on top */

#define HANDLER 0x08049100u
#define RESTORER 0x08049200u
#define STACK_TOP (mem + 0x10000u - 0x100u)

static void setup(void)
{
    cr_assert_eq(mmap_init(), 0);
    memset(&env, 0, sizeof(env));
    self = &thread;
    thread.env = &env;
    mem = (uint32_t)target_mmap(0, 0x10000, PROT_READ | PROT_WRITE,
                                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    cr_assert(!is_error((int32_t)mem));
    /* A process's start: its CS and SS are what sigreturn must find in
     * a frame (a null CS there is a #GP on the way back, SIGSEGV). */
    cpu_init_process(&env, 0, STACK_TOP);
}

TestSuite(signal, .init = setup);

static int32_t sys(int nr, uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
    env.regs[R_EAX] = (uint32_t)nr;
    env.regs[R_EBX] = a, env.regs[R_ECX] = b, env.regs[R_EDX] = c, env.regs[R_ESI] = d;
    do_syscall(&env);
    return (int32_t)env.regs[R_EAX];
}

static uint32_t word(uint32_t addr)
{
    uint32_t v;
    memcpy(&v, g2h(addr), 4);
    return v;
}

/* rt_sigaction(sig, {handler, flags, restorer, mask}) through the ABI. */
static void set_action(int sig, uint32_t handler, uint32_t flags, uint64_t mask)
{
    GuestSigaction act = { handler, flags | TARGET_SA_RESTORER, RESTORER, mask };
    memcpy(g2h(mem), &act, sizeof(act));
    cr_assert_eq(sys(__NR_rt_sigaction, (uint32_t)sig, mem, 0, 8), 0);
}

static void distinct_registers(void)
{
    for (int i = 0; i < 8; i++)
        if (i != R_ESP)
            env.regs[i] = 0x11111111u * (uint32_t)(i + 1);
    env.eip = 0x08048123;
    cpu_set_eflags(&env, 0x202 | CC_C | CC_Z | CC_O | DF_MASK);
}

Test(signal, rt_frame_has_the_kernel_layout_and_rt_sigreturn_restores_all)
{
    set_action(SIGUSR1, HANDLER, TARGET_SA_SIGINFO, SIGBIT(SIGUSR2));
    distinct_registers();
    CPUState before = env;
    uint32_t flags_before = cpu_get_eflags(&env);

    cr_assert_eq(guest_self_signal(&env, SIGUSR1, SI_TKILL), 0);
    guest_process_signals(&env);

    uint32_t f = env.regs[R_ESP];
    cr_expect_eq(env.eip, HANDLER);
    cr_expect_eq((f + 4) % 16, 0, "esp + 4 is 16-byte aligned at handler entry");
    cr_expect_eq(word(f), RESTORER, "pretcode is sa_restorer");
    cr_expect_eq(word(f + 4), SIGUSR1);
    cr_expect_eq(env.regs[R_EAX], SIGUSR1);
    cr_expect_eq(env.regs[R_EDX], f + 16, "pinfo");
    cr_expect_eq(env.regs[R_ECX], f + 16 + 128, "puc");
    cr_expect_eq(word(f + 8), f + 16);
    cr_expect_eq(word(f + 16), SIGUSR1, "si_signo");
    cr_expect_eq((int32_t)word(f + 16 + 8), SI_TKILL, "si_code");
    uint32_t mc = f + 16 + 128 + 20; /* uc_flags, uc_link, uc_stack */
    cr_expect_eq(word(mc + 14 * 4), before.eip, "sigcontext eip (REG_EIP 14)");
    cr_expect_eq(word(mc + 11 * 4), before.regs[R_EAX], "sigcontext eax (REG_EAX 11)");
    cr_expect_eq(word(mc + 7 * 4), STACK_TOP, "sigcontext esp");
    cr_expect_eq(word(mc + 16 * 4), flags_before, "sigcontext eflags");
    cr_expect_eq(env.df, 1, "DF is clear in the handler");
    cr_expect_eq(self->sigmask, SIGBIT(SIGUSR1) | SIGBIT(SIGUSR2), "sa_mask and the signal");

    /* The handler returns: ret pops pretcode, the restorer calls rt_sigreturn. */
    env.regs[R_ESP] = f + 4;
    cr_expect_eq(sys(__NR_rt_sigreturn, 0, 0, 0, 0), (int32_t)before.regs[R_EAX]);
    for (int i = 0; i < 8; i++)
        cr_expect_eq(env.regs[i], before.regs[i], "register %d", i);
    cr_expect_eq(env.eip, before.eip);
    cr_expect_eq(cpu_get_eflags(&env), flags_before);
    cr_expect_eq(self->sigmask, 0, "the mask before the signal is back");
}

Test(signal, handler_edits_to_the_ucontext_take_effect)
{
    set_action(SIGUSR1, HANDLER, TARGET_SA_SIGINFO, 0);
    distinct_registers();
    guest_self_signal(&env, SIGUSR1, SI_USER);
    guest_process_signals(&env);
    uint32_t mc = env.regs[R_ECX] + 20;
    uint32_t eip = 0x08048555, eax = 12345;
    memcpy(g2h(mc + 14 * 4), &eip, 4);
    memcpy(g2h(mc + 11 * 4), &eax, 4);
    env.regs[R_ESP] += 4;
    cr_expect_eq(sys(__NR_rt_sigreturn, 0, 0, 0, 0), 12345);
    cr_expect_eq(env.eip, eip);
}

Test(signal, old_sigframe_and_sigreturn)
{
    set_action(SIGUSR2, HANDLER, 0, 0);
    distinct_registers();
    CPUState before = env;
    guest_self_signal(&env, SIGUSR2, SI_USER);
    guest_process_signals(&env);
    uint32_t f = env.regs[R_ESP];
    cr_expect_eq(word(f + 4), SIGUSR2);
    cr_expect_eq(env.regs[R_EDX], 0);
    cr_expect_eq(env.regs[R_ECX], 0);
    cr_expect_eq(word(f + 8 + 14 * 4), before.eip, "sigcontext right after sig");
    /* ret pops pretcode, the restorer's popl %eax pops sig. */
    env.regs[R_ESP] = f + 8;
    sys(__NR_sigreturn, 0, 0, 0, 0);
    for (int i = 0; i < 8; i++)
        cr_expect_eq(env.regs[i], before.regs[i], "register %d", i);
    cr_expect_eq(env.eip, before.eip);
}

Test(signal, blocked_signal_stays_pending_until_unblocked)
{
    uint64_t set = SIGBIT(SIGUSR1), pend = 0;

    set_action(SIGUSR1, HANDLER, 0, 0);
    memcpy(g2h(mem + 64), &set, 8);
    cr_assert_eq(sys(__NR_rt_sigprocmask, SIG_BLOCK, mem + 64, 0, 8), 0);
    env.eip = 0x08048000;
    sys(__NR_kill, (uint32_t)getpid(), SIGUSR1, 0, 0);
    guest_process_signals(&env);
    cr_expect_eq(env.eip, 0x08048000, "not delivered while blocked");
    cr_assert_eq(sys(__NR_rt_sigpending, mem + 72, 8, 0, 0), 0);
    memcpy(&pend, g2h(mem + 72), 8);
    cr_expect_eq(pend, set);
    sys(__NR_rt_sigprocmask, SIG_UNBLOCK, mem + 64, 0, 8);
    guest_process_signals(&env);
    cr_expect_eq(env.eip, HANDLER, "delivered on unblock");
}

Test(signal, sigkill_cannot_be_caught)
{
    GuestSigaction act = { HANDLER, 0, 0, 0 };
    memcpy(g2h(mem), &act, sizeof(act));
    cr_expect_eq(sys(__NR_rt_sigaction, SIGKILL, mem, 0, 8), -EINVAL);
    cr_expect_eq(sys(__NR_rt_sigaction, SIGSTOP, mem, 0, 8), -EINVAL);
    cr_expect_eq(sys(__NR_rt_sigaction, SIGUSR1, mem, 0, 4), -EINVAL, "sigset size 4");
}

Test(signal, resethand_restores_the_default_action)
{
    GuestSigaction old;

    set_action(SIGUSR1, HANDLER, TARGET_SA_RESETHAND, 0);
    guest_self_signal(&env, SIGUSR1, SI_USER);
    guest_process_signals(&env);
    cr_expect_eq(env.eip, HANDLER);
    cr_assert_eq(sys(__NR_rt_sigaction, SIGUSR1, 0, mem + 128, 8), 0);
    memcpy(&old, g2h(mem + 128), sizeof(old));
    cr_expect_eq(old.handler, TARGET_SIG_DFL);
}

/* An empty pipe read interrupted by a real host SIGALRM: with SA_RESTART
 * the call is set up again (EIP back over int $0x80, EAX the number); without,
 * the handler sees -EINTR. */
static void interrupted_read(uint32_t flags, int *restarted)
{
    int fds[2];

    signal_init(&env);
    set_action(SIGALRM, HANDLER, flags, 0);
    cr_assert_eq(pipe(fds), 0);
    struct itimerval it = { { 0, 0 }, { 0, 20000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    env.eip = 0x08048002; /* just after the int $0x80 */
    int32_t r = sys(__NR_read, (uint32_t)fds[0], mem + 256, 1, 0);
    cr_assert_eq(r, -EINTR);
    guest_process_signals(&env);
    cr_expect_eq(env.eip, HANDLER, "the handler runs");
    uint32_t mc = env.regs[R_ESP] + 8;
    *restarted = word(mc + 14 * 4) == 0x08048000 && word(mc + 11 * 4) == __NR_read;
    if (!*restarted)
        cr_expect_eq((int32_t)word(mc + 11 * 4), -EINTR);
}

Test(signal, sa_restart_restarts_an_interrupted_read)
{
    int restarted;
    interrupted_read(TARGET_SA_RESTART, &restarted);
    cr_expect(restarted);
}

Test(signal, without_sa_restart_the_read_fails_with_eintr)
{
    int restarted;
    interrupted_read(0, &restarted);
    cr_expect(!restarted);
}

static void setup_quiet(void)
{
    setup();
    cr_redirect_stderr(); /* the "uncaught guest signal" line */
}

/* A fault with the signal blocked cannot be held back (force_sig_info). */
Test(signal, blocked_fault_kills, .init = setup_quiet, .signal = SIGSEGV)
{
    set_action(SIGSEGV, HANDLER, 0, 0);
    self->sigmask = SIGBIT(SIGSEGV);
    guest_signal(&env, SIGSEGV, SEGV_MAPERR, 0x10);
}
