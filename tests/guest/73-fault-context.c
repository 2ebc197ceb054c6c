/* 73-fault-context: precise guest state at a fault inside generated code.
 * Each fault site sets every general register and the arithmetic flags to
 * known values, then faults (store to an unmapped page, divide by zero,
 * ud2, int3); the handler prints the registers, EIP (relative to the fault
 * site), the flags, and the trap number and error code from its ucontext, then moves EIP past the faulting
 * instruction and returns (a faulting POP m32 leaves ESP alone).  Then the page-fault error code of a read and a
 * write to a PROT_NONE page (not present: P = 0) and of a write to a
 * read-only one (P = 1), REP MOVS/STOS stopped by a fault midway, and
 * POP/RET/LEAVE whose load faults (ESP unchanged).
 * Everything printed must equal the real CPU's. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

extern char site_segv[], site_fpe[], site_ill[], site_trap[], site_pop[];
static uintptr_t site;
static int skip;

static void handler(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    greg_t *g = uc->uc_mcontext.gregs;

    printf("sig %2d code %d eip=site%+ld eflags=%03x trapno=%d err=%d\n", sig,
           si->si_code, (long)(g[REG_EIP] - site),
           (unsigned)(g[REG_EFL] & 0x8d5), (int)g[REG_TRAPNO], (int)g[REG_ERR]);
    printf("  eax=%08x ebx=%08x ecx=%08x edx=%08x esi=%08x edi=%08x\n",
           (unsigned)g[REG_EAX], (unsigned)g[REG_EBX], (unsigned)g[REG_ECX],
           (unsigned)g[REG_EDX], (unsigned)g[REG_ESI], (unsigned)g[REG_EDI]);
    if (sig == SIGSEGV)
        printf("  addr=%p\n", si->si_addr);
    if (site == (uintptr_t)site_pop + 2) /* POP m32 faulted: ESP not moved */
        printf("  top of stack=%x\n", *(unsigned *)g[REG_ESP]);
    g[REG_EIP] += skip;
}

/* Registers and flags (cmp sets CF, SF...) loaded just before the site. */
#define FAULT_SITE(label, insn)                                              \
    __asm__ volatile("pushl %%ebp\n\t"                                       \
                     "movl $0x11111111, %%eax\n\tmovl $0x22222222, %%ebx\n\t" \
                     "movl $0x33333333, %%ecx\n\tmovl $0, %%edx\n\t"         \
                     "movl $0x55555555, %%esi\n\tmovl $0x66666666, %%edi\n\t" \
                     "cmpl %%ebx, %%eax\n\t"                                  \
                     ".globl " #label "\n" #label ":\n\t" insn "\n\t"         \
                     "addl $1, %%eax\n\t"                                     \
                     "popl %%ebp"                                             \
                     ::: "eax", "ebx", "ecx", "edx", "esi", "edi", "memory", "cc")

static sigjmp_buf back;

static void pf_handler(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;

    printf("sig %2d code %d trapno=%d err=%d\n", sig, si->si_code,
           (int)uc->uc_mcontext.gregs[REG_TRAPNO], (int)uc->uc_mcontext.gregs[REG_ERR]);
    siglongjmp(back, 1);
}

static void page_faults(void)
{
    struct sigaction sa;
    volatile char *none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    volatile char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = pf_handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    if (!sigsetjmp(back, 1))
        (void)none[8];
    if (!sigsetjmp(back, 1))
        none[8] = 1;
    if (!sigsetjmp(back, 1))
        ro[8] = 1;
}

/* REP MOVS/STOS running into a PROT_NONE page: the fault comes at the
 * first element on that page, with ECX/ESI/EDI saying how far it got and
 * every element before it written (a dword straddling the boundary is
 * not written at all). */
static char *str_page;

static void str_handler(int sig, siginfo_t *si, void *ctx)
{
    greg_t *g = ((ucontext_t *)ctx)->uc_mcontext.gregs;

    printf("sig %2d addr=page%+ld ecx=%d esi=page%+ld edi=page%+ld\n", sig,
           (long)((char *)si->si_addr - str_page), (int)g[REG_ECX],
           (long)((char *)g[REG_ESI] - str_page),
           (long)((char *)g[REG_EDI] - str_page));
    siglongjmp(back, 1);
}

#define REP_STRING(insn, dst, src, count, val)                             \
    do {                                                                   \
        uint32_t d_ = (uint32_t)(dst), s_ = (uint32_t)(src);               \
        uint32_t c_ = (count), a_ = (val);                                 \
        if (!sigsetjmp(back, 1))                                           \
            __asm__ volatile("cld\n\t" insn                                \
                             : "+D"(d_), "+S"(s_), "+c"(c_)                \
                             : "a"(a_) : "memory");                        \
    } while (0)

static void dump_tail(const char *what)
{
    printf("  %s:", what);
    for (int i = -12; i < 0; i++)
        printf(" %02x", (unsigned char)str_page[i]);
    printf("\n");
}

static void string_faults(void)
{
    struct sigaction sa;
    char *base = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    str_page = base + 2 * 4096; /* the PROT_NONE one */
    mprotect(str_page, 4096, PROT_NONE);
    for (int i = 0; i < 2 * 4096; i++)
        base[i] = (char)i;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = str_handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    REP_STRING("rep stosb", str_page - 10, str_page, 30, 0xab);
    dump_tail("stosb");
    REP_STRING("rep stosl", str_page - 6, str_page, 4, 0xcdcdcdcd);
    dump_tail("stosl");
    REP_STRING("rep movsb", str_page - 7, base, 100, 0);
    dump_tail("movsb dst");
    REP_STRING("rep movsl", base + 4096, str_page - 8, 5, 0);
    REP_STRING("rep movsw", base + 4096 + 3, base + 4096, 3000, 0);
    dump_tail("movsw overlap");
}

/* POP, RET and LEAVE whose load faults leave ESP (and EBP) as they were;
 * the handler runs on an alternate stack, as ESP points at the bad page. */
static char *stack_bad;
static uint32_t esp_before;

static void stack_handler(int sig, siginfo_t *si, void *ctx)
{
    greg_t *g = ((ucontext_t *)ctx)->uc_mcontext.gregs;

    printf("sig %2d addr=bad%+ld esp=%s%+ld ebp=bad%+ld\n", sig,
           (long)((char *)si->si_addr - stack_bad),
           g[REG_ESP] == (greg_t)esp_before ? "before" : "bad",
           g[REG_ESP] == (greg_t)esp_before ? 0L : (long)((char *)g[REG_ESP] - stack_bad),
           (long)((char *)g[REG_EBP] - stack_bad));
    siglongjmp(back, 1);
}

#define STACK_FAULT(insn)                                                  \
    do {                                                                   \
        if (!sigsetjmp(back, 1))                                           \
            __asm__ volatile("movl %%esp, %[before]\n\t"                    \
                             "movl %[bad], %%ebp\n\t" insn                 \
                             : [before] "=m"(esp_before)                   \
                             : [bad] "r"(stack_bad + 16) : "memory");      \
    } while (0)

static void stack_faults(void)
{
    static char alt[65536];
    stack_t ss = {.ss_sp = alt, .ss_size = sizeof(alt)};
    struct sigaction sa;

    stack_bad = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    sigaltstack(&ss, NULL);
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = stack_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigaction(SIGSEGV, &sa, NULL);
    STACK_FAULT("movl %%ebp, %%esp\n\tpopl %%ecx");
    STACK_FAULT("movl %%ebp, %%esp\n\tret");
    STACK_FAULT("leave");
    STACK_FAULT("leavew");
}

int main(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);

    site = (uintptr_t)site_segv;
    skip = 6; /* movl %esi, 0x40(%edx) with disp32: 89 b2 40 00 00 00 */
    FAULT_SITE(site_segv, ".byte 0x89, 0xb2, 0x40, 0, 0, 0");
    site = (uintptr_t)site_fpe;
    skip = 2; /* divl %edx (edx = 0): f7 f2 */
    FAULT_SITE(site_fpe, "divl %%edx");
    site = (uintptr_t)site_ill;
    skip = 2; /* ud2 */
    FAULT_SITE(site_ill, "ud2");
    site = (uintptr_t)site_trap;
    skip = 0; /* int3 reports the address after it */
    FAULT_SITE(site_trap, "int3");
    site = (uintptr_t)site_pop + 2;
    skip = 3; /* popl 0x40(%edx): 8f 42 40, after pushl $0x77: 6a 77 */
    FAULT_SITE(site_pop, "pushl $0x77\n\tpopl 0x40(%%edx)\n\taddl $4, %%esp");
    page_faults();
    string_faults();
    stack_faults();
    printf("done\n");
    return 0;
}
