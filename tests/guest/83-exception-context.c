/* 83-exception-context: for each CPU exception a user program can raise,
 * the signal, si_code, si_addr, trap number, error code, EIP (as an
 * offset from the faulting instruction), every general register, ESP and
 * the defined flags, as Linux reports them: #DE, #BP (INT3, INT 3), #OF
 * (INTO, INT 4), #BR (BOUND below, above, with 16-bit bounds), #UD (UD2,
 * LOCK on a register or non-lockable instruction, 8F /1, an instruction
 * longer than 15 bytes), #GP (INT n, HLT, CLI, IN, OUT, MOV to CR0,
 * RDMSR, WRMSR, a write through CS), #PF (read, write, a write to a
 * read-only page, a store straddling into an unmapped page) and the
 * stack instructions (PUSHA POPA ENTER LEAVE CALL RET PUSH) and REP STOS
 * whose memory access faults: registers as the hardware leaves them.
 * The handler resumes after the instruction. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

static unsigned site, skip;
static int flags_shown; /* 0 where the setup's flags depend on an address */
static volatile unsigned esp0;
static char *none, *ro;
int bounds[2] = {10, 20};
short bounds16[2] = {-5, 5};

/* A register's value, relative to the mapping it points into, if any
 * (the mappings' addresses differ from run to run). */
static const char *rel(unsigned v)
{
    static char b[4][32];
    static int n;
    char *p = b[n++ & 3];

    if (v - (unsigned)none < 3 * 4096)
        snprintf(p, 32, "none+%04x", v - (unsigned)none);
    else if (v - (unsigned)ro < 4096)
        snprintf(p, 32, "ro+%04x", v - (unsigned)ro);
    else
        snprintf(p, 32, "%08x", v);
    return p;
}

static void handler(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    greg_t *g = uc->uc_mcontext.gregs;
    unsigned addr = (unsigned)si->si_addr;
    const char *where = "";

    if (addr && addr - (unsigned)none < 3 * 4096)
        where = "none+", addr -= (unsigned)none;
    else if (addr && addr - (unsigned)ro < 4096)
        where = "ro+", addr -= (unsigned)ro;
    else if (addr && addr - site < 64)
        where = "site+", addr -= site;
    printf("  sig %d code %d addr %s%#x trapno %d err %#x eip site%+d\n", sig,
           si->si_code, where, addr, (int)g[REG_TRAPNO], (unsigned)g[REG_ERR],
           (int)(g[REG_EIP] - site));
    printf("  eax=%08x ebx=%08x ecx=%08x edx=%08x esi=%s edi=%s ebp=%s esp=%s\n",
           (unsigned)g[REG_EAX], (unsigned)g[REG_EBX], (unsigned)g[REG_ECX],
           (unsigned)g[REG_EDX], rel((unsigned)g[REG_ESI]), rel((unsigned)g[REG_EDI]),
           rel((unsigned)g[REG_EBP]),
           (unsigned)g[REG_ESP] == esp0 ? "unchanged" : rel((unsigned)g[REG_ESP]));
    printf("  fl=%03x\n", flags_shown ? (unsigned)g[REG_EFL] & 0x8d5 : 0);
    g[REG_EIP] = site + skip;
    g[REG_ESP] = esp0;
}

/* Registers set to known values, flags from a CMP, then `setup`; the
 * instruction `insn` at label f_name faults, and the handler resumes
 * after it (label e_name). */
#define CASE(name, setup, insn)                                               \
    do {                                                                      \
        extern char f_##name[], e_##name[];                                   \
        printf("%s\n", #name);                                                \
        site = (unsigned)f_##name;                                            \
        skip = (unsigned)(e_##name - f_##name);                               \
        flags_shown = strstr(setup, "none") == NULL && strstr(setup, "ro,") == NULL; \
        __asm__ volatile("pushl %%ebp\n\tmovl %%esp, esp0\n\t"                \
                         "movl $0x11111111, %%eax\n\tmovl $0x22222222, %%ebx\n\t" \
                         "movl $0x33333333, %%ecx\n\tmovl $0, %%edx\n\t"      \
                         "movl $0x55555555, %%esi\n\tmovl $0x66666666, %%edi\n\t" \
                         "movl $0x77777777, %%ebp\n\t"                        \
                         "cmpl %%ebx, %%eax\n\t" setup "\n\t"               \
                         ".globl f_" #name "\nf_" #name ":\n\t" insn "\n"     \
                         ".globl e_" #name "\ne_" #name ":\n\t"               \
                         "popl %%ebp"                                         \
                         ::: "eax", "ebx", "ecx", "edx", "esi", "edi", "memory", "cc"); \
    } while (0)

int main(void)
{
    struct sigaction sa;

    setvbuf(stdout, NULL, _IOLBF, 0);
    none = mmap(NULL, 3 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    static char altstack[65536];
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof(altstack)};
    sigaltstack(&ss, NULL); /* for the faults of stack instructions */
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);

    CASE(div0, "", "divl %%edx");
    CASE(idiv_overflow, "movl $0x80000000, %%eax\n\tmovl $-1, %%ecx\n\tmovl $0xffffffff, %%edx", "idivl %%ecx");
    CASE(divb0, "movb $0, %%cl", "divb %%cl");
    CASE(aam0, "", ".byte 0xd4, 0x00");
    CASE(int3, "", "int3");
    CASE(int_3, "", ".byte 0xcd, 0x03");
    CASE(into, "movl $0x7fffffff, %%eax\n\taddl $1, %%eax", "into");
    CASE(into_no, "", "into\n\tint3");
    CASE(int_4, "", ".byte 0xcd, 0x04");
    CASE(int_1, "", ".byte 0xcd, 0x01");
    CASE(int_0x21, "", "int $0x21");
    CASE(int_0xff, "", "int $0xff");
    CASE(int_0x81, "", "int $0x81");
    CASE(icebp, "", ".byte 0xf1");
    CASE(bound_below, "movl $5, %%eax", "bound %%eax, bounds");
    CASE(bound_above, "movl $21, %%eax", "bound %%eax, bounds");
    CASE(bound_in, "movl $20, %%eax", "bound %%eax, bounds\n\tint3");
    CASE(bound16, "movl $0x10006, %%eax", "boundw %%ax, bounds16");
    CASE(bound_fault_lo, "movl none, %%esi\n\taddl $4092, %%esi", "bound %%eax, (%%esi)");
    CASE(ud2, "", "ud2");
    CASE(lock_reg, "", ".byte 0xf0, 0x01, 0xc0");
    CASE(lock_mov, "movl $bounds, %%esi", ".byte 0xf0, 0x89, 0x06");
    CASE(lock_nop, "", ".byte 0xf0, 0x90");
    CASE(lock_add_mem, "movl $bounds, %%esi", ".byte 0xf0, 0x01, 0x06\n\tint3");
    CASE(pop_8f_1, "", ".byte 0x8f, 0xc8");
    CASE(pop_8f_7, "", ".byte 0x8f, 0xf8");
    CASE(too_long, "", ".byte 0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x90");
    CASE(hlt, "", "hlt");
    CASE(cli, "", "cli");
    CASE(sti, "", "sti");
    CASE(in_al, "", "inb $0x80, %%al");
    CASE(out_dx, "", "outb %%al, %%dx");
    CASE(insb, "", "insb");
    CASE(mov_cr0, "", "movl %%eax, %%cr0");
    CASE(mov_from_dr7, "", "movl %%dr7, %%eax");
    CASE(rdmsr, "", "rdmsr");
    CASE(wrmsr, "", "wrmsr");
    CASE(clts, "", "clts");
    CASE(invd, "", "invd");
    CASE(lgdt, "", "lgdt bounds");
    CASE(cs_write, "", "movl %%eax, %%cs:bounds");
    CASE(cs_read, "", "movl %%cs:bounds, %%eax\n\tint3");
    CASE(read_none, "movl none, %%esi", "movl (%%esi), %%eax");
    CASE(write_none, "movl none, %%esi", "movl %%eax, (%%esi)");
    CASE(write_ro, "movl ro, %%esi", "movl %%eax, (%%esi)");
    CASE(straddle, "movl none, %%esi\n\taddl $-2, %%esi\n\tmovl $0, %%ebx\n\taddl $4096, %%esi", "movl %%eax, (%%esi)");
    CASE(popa_fault, "movl none, %%esp\n\taddl $4096-16, %%esp", "popal");
    CASE(pusha_fault, "movl none, %%esp\n\taddl $8192+16, %%esp", "pushal");
    CASE(enter_fault, "movl none, %%esp\n\taddl $8192+8, %%esp", "enter $4, $0");
    CASE(enter_nested_fault, "movl none, %%ebp\n\taddl $8192+8, %%ebp", "enter $4, $2");
    CASE(leave_fault, "movl none, %%ebp", "leave");
    CASE(call_fault, "movl none, %%esp\n\taddl $8192+2, %%esp", "call 1f\n1:");
    CASE(ret_fault, "movl none, %%esp", "ret");
    CASE(push_fault, "movl none, %%esp\n\taddl $8192+2, %%esp", "pushl %%eax");
    CASE(rep_stos_fault, "movl none, %%edi\n\taddl $4096-8, %%edi\n\tmovl $16, %%ecx\n\tcld", "rep stosb");
    printf("done\n");
    return 0;
}
