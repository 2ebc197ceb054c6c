/*
 * For run-sigreturn-cs64.sh: a SIGUSR1 handler's frame returns with CS
 * 0x33, the x86_64 kernel's 64-bit user code segment.  Natively the i386
 * task goes on in long mode: the stub at the frame's eip runs as 64-bit
 * code (0x48 is a REX.W prefix, not DEC EAX, so EAX stays 0), and its
 * far return (LRETQ to 0x23, the 32-bit user code segment) comes back to
 * 32-bit code, which reports.  A SIGSEGV handler shows whether a fault
 * was delivered instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

void report(int eax)
{
    printf("back in 32-bit code, eax %d: the stub ran in %s mode\n", eax,
           eax == 0 ? "64-bit" : "32-bit");
    fflush(stdout);
    _exit(0);
}

extern char stub[], back[];
__asm__(".text\n"
        "stub:\n\t"
        ".byte 0x31, 0xc0\n\t"       /* xor eax,eax */
        ".byte 0x48, 0x90\n\t"       /* dec eax; nop | rex.w xchg rax,rax */
        ".byte 0x6a, 0x23\n\t"       /* push $0x23 */
        ".byte 0x68\n\t.long back\n\t" /* push $back */
        ".byte 0x48, 0xcb\n"         /* dec eax; lret | lretq */
        "back:\n\t"
        "andl $-16, %esp\n\t"
        "subl $12, %esp\n\t"
        "pushl %eax\n\t"
        "call report\n");

static void on_usr1(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    (void)sig, (void)si;
    uc->uc_mcontext.gregs[REG_CS] = 0x33;
    uc->uc_mcontext.gregs[REG_EIP] = (long)stub;
}

static void on_segv(int sig)
{
    (void)sig;
    static const char m[] = "SIGSEGV handler ran\n";
    write(1, m, sizeof(m) - 1);
    _exit(3);
}

int main(void)
{
    struct sigaction sa;
    signal(SIGSEGV, on_segv);
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    puts("sigreturn came back to main");
    return 1;
}
