/* 85-nx-faults: instruction fetch from a page without PROT_EXEC (the
 * NX bit, SDM vol. 3, 4.6: a fetch from a page with XD set is a #PF with
 * the I/D bit, 0x10).  Linux sends SIGSEGV/SEGV_ACCERR (SEGV_MAPERR when
 * unmapped) with si_addr the fetched byte, trap 14, EIP the target.  The
 * error code has P set for a present page: a fetch from a readable page
 * not populated yet is first made present by handle_mm_fault and retried
 * (access_error() in arch/x86/mm/fault.c allows a not-present read), so
 * only PROT_NONE and unmapped pages report P = 0.  Cases: a jump into a
 * read-write page, into the stack, into a PROT_NONE page; code that ran
 * and was then made non-executable by mprotect (its translation must not
 * survive); a block that runs off an executable page into a non-
 * executable one; an instruction straddling into one; PROT_EXEC given
 * back. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

static sigjmp_buf back;
static unsigned char *page; /* two pages: the first executable */

static void handler(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    greg_t *g = uc->uc_mcontext.gregs;
    unsigned char *addr = si->si_addr, *eip = (unsigned char *)g[REG_EIP];

    if (addr - page >= 0 && addr - page < 3 * 4096)
        printf("  sig %d code %d addr page%+d eip page%+d trapno %d err %#x eax=%08x\n", sig,
               si->si_code, (int)(addr - page), (int)(eip - page), (int)g[REG_TRAPNO],
               (unsigned)g[REG_ERR], (unsigned)g[REG_EAX]);
    else
        printf("  sig %d code %d addr-eip %d trapno %d err %#x eax=%08x\n", sig, si->si_code,
               (int)(addr - eip), (int)g[REG_TRAPNO], (unsigned)g[REG_ERR],
               (unsigned)g[REG_EAX]);
    siglongjmp(back, 1);
}

/* Call `at` with EAX = 0; print what it returned in EAX. */
static void call(const char *name, void *at)
{
    unsigned eax;

    printf("%s\n", name);
    if (!sigsetjmp(back, 1)) {
        __asm__ volatile("xorl %%eax, %%eax\n\tcall *%%edx"
                         : "=&a"(eax) : "d"(at) : "ecx", "memory", "cc");
        printf("  returned %08x\n", eax);
    }
}

/* inc eax; inc eax; ret */
static const unsigned char inc2[] = {0x40, 0x40, 0xc3};

static void stack_code(void)
{
    unsigned char buf[64];

    memcpy(buf, inc2, sizeof(inc2));
    call("jump into the stack", buf);
}

int main(void)
{
    struct sigaction sa;
    /* inc eax x3; mov $0x04030201, %eax; ret */
    static const unsigned char mov[] = {0x40, 0x40, 0x40, 0xb8, 1, 2, 3, 4, 0xc3};
    unsigned char *second;

    setvbuf(stdout, NULL, _IOLBF, 0);
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    page = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    second = page + 4096;

    memcpy(page, inc2, sizeof(inc2));
    call("read-write page", page);
    call("read-write page, not populated", page + 2 * 4096);
    stack_code();

    mprotect(page, 4096, PROT_READ | PROT_EXEC);
    call("made executable", page);
    call("made executable again (translated)", page);
    mprotect(page, 4096, PROT_READ);
    call("PROT_EXEC taken away", page);
    mprotect(page, 4096, PROT_READ | PROT_EXEC);
    call("PROT_EXEC given back", page);
    mprotect(page, 4096, PROT_NONE);
    call("PROT_NONE", page);
    mprotect(page, 4096, PROT_READ | PROT_WRITE | PROT_EXEC);

    /* Off the end of the executable page: two incs, then the first byte
     * of the next page is fetched. */
    memset(page, 0x90, 4096);
    memcpy(second - 2, inc2, 2);
    memcpy(second, inc2, sizeof(inc2));
    call("running off the executable page", second - 2);
    call("running off the executable page again", second - 2);
    for (int over = 1; over <= 4; over++) {
        char name[64];
        memcpy(second - (sizeof(mov) - over), mov, sizeof(mov) - over);
        memcpy(second, mov + sizeof(mov) - over, over);
        snprintf(name, sizeof(name), "mov imm32 straddling, %d over", over);
        call(name, second - (sizeof(mov) - over));
    }
    mprotect(second, 4096, PROT_READ | PROT_EXEC);
    call("next page made executable", second - 2);
    mprotect(second, 4096, PROT_READ | PROT_WRITE);
    call("and not again", second - 2);
    munmap(page, 3 * 4096);
    call("unmapped", page);
    return 0;
}
