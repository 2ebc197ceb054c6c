/* 85-fetch-faults: faults of instruction fetch.  Code copied to the end
 * of a page whose successor is unmapped: the instructions before the one
 * that runs onto the missing page are done, and the fault reports that
 * instruction (EIP, the registers, si_addr the first missing byte,
 * trap 14 with error code I|U, 0x14).  Straddles of 1 to 4 bytes, with
 * prefixes and ModRM bytes across the boundary, and a jump or call to an
 * unmapped address. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

static sigjmp_buf back;
static unsigned char *page;

static void handler(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    greg_t *g = uc->uc_mcontext.gregs;

    if ((unsigned)g[REG_EIP] < 0x10000) /* the jump to 0 */
        printf("  sig %d code %d addr %p eip %#x trapno %d err %#x\n", sig, si->si_code,
               si->si_addr, (unsigned)g[REG_EIP], (int)g[REG_TRAPNO], (unsigned)g[REG_ERR]);
    else
        printf("  sig %d code %d addr page%+d eip page%+d trapno %d err %#x eax=%08x ecx=%08x\n",
               sig, si->si_code, (int)((unsigned char *)si->si_addr - page),
               (int)((unsigned char *)g[REG_EIP] - page), (int)g[REG_TRAPNO],
               (unsigned)g[REG_ERR], (unsigned)g[REG_EAX], (unsigned)g[REG_ECX]);
    siglongjmp(back, 1);
}

/* Put `code` so that it ends `over` bytes past the end of the page. */
static void run(const char *name, const unsigned char *code, int len, int over)
{
    unsigned char *at = page + 4096 - (len - over);
    unsigned eax;

    printf("%s\n", name);
    memset(page, 0x90, 4096);
    memcpy(at, code, (size_t)(len - over));
    if (!sigsetjmp(back, 1)) {
        __asm__ volatile("xorl %%eax, %%eax\n\tmovl $7, %%ecx\n\tcall *%%edx"
                         : "=&a"(eax) : "d"(at) : "ecx", "memory", "cc");
        printf("  returned %08x\n", eax);
    }
}

int main(void)
{
    struct sigaction sa;
    /* inc eax; inc eax; mov $0x04030201, %eax */
    static const unsigned char mov[] = {0x40, 0x40, 0xb8, 1, 2, 3, 4};
    /* inc eax; 66 mov $0x0201, %ax */
    static const unsigned char mov16[] = {0x40, 0x66, 0xb8, 1, 2};
    /* inc eax; addl $0x55, %eax (83 c0 55) */
    static const unsigned char add[] = {0x40, 0x83, 0xc0, 0x55};
    /* inc ecx; leal 0x10(%eax,%ecx,4), %eax (8d 44 88 10) */
    static const unsigned char lea[] = {0x41, 0x8d, 0x44, 0x88, 0x10};
    /* inc eax; inc eax; inc eax; jmp rel32 */
    static const unsigned char jmp[] = {0x40, 0x40, 0x40, 0xe9, 0, 0, 0, 0};
    /* inc eax; one byte: the next instruction starts on the missing page */
    static const unsigned char one[] = {0x40, 0x40, 0x90};

    setvbuf(stdout, NULL, _IOLBF, 0);
    page = mmap(NULL, 8192, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(page + 4096, 4096);
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    for (int over = 1; over <= 4; over++) {
        char name[32];
        snprintf(name, sizeof(name), "mov imm32, %d over", over);
        run(name, mov, sizeof(mov), over);
    }
    run("66 mov imm16, 1 over", mov16, sizeof(mov16), 1);
    run("66 mov imm16, 3 over", mov16, sizeof(mov16), 3);
    run("add imm8, 1 over", add, sizeof(add), 1);
    run("lea modrm+sib, 2 over", lea, sizeof(lea), 2);
    run("lea modrm+sib, 3 over", lea, sizeof(lea), 3);
    run("jmp rel32, 2 over", jmp, sizeof(jmp), 2);
    run("next instruction on the missing page", one, sizeof(one), 1);
    printf("call to an unmapped address\n");
    if (!sigsetjmp(back, 1))
        __asm__ volatile("movl $1, %%eax\n\tmovl $2, %%ecx\n\tcall *%0"
                         ::"d"(page + 4096 + 16) : "eax", "ecx", "memory");
    printf("jump to address 0\n");
    if (!sigsetjmp(back, 1))
        __asm__ volatile("xorl %%edx, %%edx\n\tjmp *%%edx" ::: "edx", "memory");
    return 0;
}
