/* 85-nx-execstack: a program linked with -z execstack (PT_GNU_STACK with
 * PF_X) gets an executable stack (fs/binfmt_elf.c setup_arg_pages(),
 * EXSTACK_ENABLE_X) but not READ_IMPLIES_EXEC: code on the stack runs, a
 * PROT_READ|PROT_WRITE mmap still faults, personality() shows no bit.
 * Then mprotect takes PROT_EXEC from the stack page: the stack code that
 * ran faults there.
 * cflags: -z execstack
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <ucontext.h>

static sigjmp_buf back;

static void handler(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    greg_t *g = uc->uc_mcontext.gregs;

    printf("  sig %d code %d addr-eip %d trapno %d err %#x\n", sig, si->si_code,
           (int)((char *)si->si_addr - (char *)g[REG_EIP]), (int)g[REG_TRAPNO],
           (unsigned)g[REG_ERR]);
    siglongjmp(back, 1);
}

/* movl $0x55, %eax; ret */
static const unsigned char ret55[] = {0xb8, 0x55, 0, 0, 0, 0xc3};

static void call(const char *name, void *at)
{
    printf("%s\n", name);
    if (!sigsetjmp(back, 1))
        printf("  returned %#x\n", ((unsigned (*)(void))at)());
}

int main(void)
{
    struct sigaction sa;
    unsigned char buf[64];
    void *m;

    setvbuf(stdout, NULL, _IOLBF, 0);
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    printf("personality %#x\n", (unsigned)personality(0xffffffff));
    memcpy(buf, ret55, sizeof(ret55));
    call("stack", buf);
    m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memcpy(m, ret55, sizeof(ret55));
    call("read-write mmap", m);
    mprotect((void *)((uintptr_t)buf & ~(uintptr_t)4095), 4096, PROT_READ | PROT_WRITE);
    call("stack after mprotect", buf);
    return 0;
}
