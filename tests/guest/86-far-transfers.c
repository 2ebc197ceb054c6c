/* 86-far-transfers: far CALL, JMP, RET and IRET into code segments of the
 * LDT (modify_ldt) and back to the flat code segment 0x23, as a 32-bit
 * process on an x86_64 kernel runs them.
 *  - direct (ptr16:32) and indirect (m16:32) far CALL and JMP, RET far
 *    with and without imm16, IRET; EIP inside a segment with a non-zero
 *    base is the offset (a near CALL pushes it, the signal context shows
 *    it, with CS the LDT selector; a handler returning with sigreturn
 *    goes back into the segment; EFLAGS.TF traps after each instruction
 *    there and back);
 *  - 16-bit code segments (D = 0): 16-bit default operand and address
 *    size, 0x66/0x67 inverting them, a near CALL pushing IP, 16-bit far
 *    CALL, RET and IRET frames, code running
 *    past the 64 KiB limit (#GP(0) at IP 0x10000: IP does not wrap), a
 *    far RET with 0x66 back to 32-bit code; the same bytes
 *    run as 32-bit and as 16-bit code give each its own result;
 *  - what the CPU refuses at CPL 3, with the signal, trap number and
 *    error code Linux reports: a null selector, a data segment, a segment
 *    not present, a selector beyond the LDT, kernel GDT entries, an
 *    offset beyond the limit, a far RET to RPL 0; the registers are those
 *    before the faulting instruction.
 * Everything printed must be what the real CPU and kernel give. */
#include "fault-harness.h"

#include <asm/ldt.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

/* LDT entries and their selectors (TI = 1, RPL 3). */
enum { E_CODE32, E_CODE16, E_DATA, E_ABSENT, E_FLAT, E_SHORT, E_SAME32, E_CONF };
#define SEL(e) ((e) << 3 | 7)

/* The code the segments hold, copied to offset CODE_OFF of each; offsets
 * in a segment are CODE_OFF + (label - start). */
#define CODE_OFF 0x100
extern char c32_start[], c32_end[], c16_start[], c16_end[];
__asm__(".text\n"
        "c32_start:\n"
        "c32_cs:      movw %cs, %ax\n lret\n"
        "c32_where:   call 1f\n1: popl %ecx\n lret\n"
        "c32_retimm:  movl %esp, %ecx\n lret $8\n"
        "c32_iret:    iret\n"
        "c32_int3:    movl $0xabcd, %eax\n int3\n"
        "c32_back:    ljmp *(%ebx)\n"
        "c32_retrpl:  movl $0x23, 4(%esp)\n andl $~3, 4(%esp)\n lret\n"
        "c32_resume:  movl $1, %eax\n int3\n addl $41, %eax\n lret\n"
        "c32_end:\n"
        ".code16\n"
        "c16_start:\n"
        "c16_ops:     movl $0x12345678, %eax\n movw $0x1111, %bx\n addw %bx, %ax\n"
        "             call 1f\n1: popw %cx\n movw $0x10, %si\n leaw 2(%bx,%si), %dx\n"
        "             addr32 leal 0x10000(%ebx), %edi\n"
        "             lcall $0x0f, $(0x100 + c16_inner - c16_start)\n"
        "             pushfw\n pushw %cs\n pushw $(0x100 + 3f - c16_start)\n iretw\n"
        "3:           jmp 2f\n nop\n2: lretl\n"
        "c16_inner:   incw %dx\n lret\n"
        "c16_same:    .byte 0x66, 0xb8, 0x78, 0x56, 0x34, 0x12\n int3\n"
        "c16_end:\n"
        ".code32\n");
/* Offsets as assembler operands ("$..."), and in C. */
#define A32(l) "$(0x100 + " #l " - c32_start)"
#define A16(l) "$(0x100 + " #l " - c16_start)"
#define OFF32(l) ({ extern char l[]; (unsigned)(CODE_OFF + (l - c32_start)); })
#define OFF16(l) ({ extern char l[]; (unsigned)(CODE_OFF + (l - c16_start)); })
/* The selectors as assembler operands. */
#define S_CODE32 "$0x07"
#define S_CODE16 "$0x0f"
#define S_DATA "$0x17"
#define S_ABSENT "$0x1f"
#define S_SHORT "$0x2f"
#define S_SAME32 "$0x37"

static unsigned char *mem; /* 32-bit segment at mem, 16-bit one at mem + 64 KiB */
static volatile unsigned fault_pc, fault_esp;
static volatile int resume; /* the handler returns (sigreturn) */
static volatile int tracing;  /* single-step traps are recorded */
static unsigned trace[16][2];
static volatile int ntrace;

static void on_signal(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    greg_t *g = uc->uc_mcontext.gregs;
    unsigned eip = (unsigned)g[REG_EIP];

    if (tracing && sig == SIGTRAP) {
        if (ntrace < 16) {
            trace[ntrace][0] = (unsigned)g[REG_CS] & 0xffff;
            trace[ntrace][1] = eip;
        }
        ntrace++;
        return;
    }

    printf("  -> signal %d code %d trapno %d err %#x cs %#x", sig, si->si_code,
           (int)g[REG_TRAPNO], (unsigned)g[REG_ERR], (unsigned)g[REG_CS] & 0xffff);
    if ((g[REG_CS] & 0xffff) == 0x23)
        printf(" at the far transfer: %s, esp as before: %s\n",
               eip == fault_pc ? "yes" : "no",
               (unsigned)g[REG_ESP] == fault_esp ? "yes" : "no");
    else
        printf(" eip %#x eax %#x\n", eip, (unsigned)g[REG_EAX]);
    if (resume)
        return;
    siglongjmp(back, 1);
}

static int set_ldt(int entry, unsigned base, unsigned limit, int code, int is32,
                   int present, int conforming)
{
    struct user_desc d = {
        .entry_number = (unsigned)entry, .base_addr = base, .limit = limit,
        .seg_32bit = (unsigned)is32, .contents = code ? (conforming ? 3 : 2) : 0,
        .read_exec_only = 0, .limit_in_pages = limit > 0xfffff,
        .seg_not_present = !present, .useable = 0};

    if (d.limit_in_pages)
        d.limit = limit >> 12;
    return (int)syscall(SYS_modify_ldt, 0x11, &d, sizeof(d));
}

static void far_calls(void)
{
    unsigned short cs = 0;
    unsigned ecx = 0, esp0 = 0, esp1 = 0;
    struct { unsigned off; unsigned short sel; } __attribute__((packed)) fp;

    __asm__ volatile("lcall " S_CODE32 ", " A32(c32_cs) : "=a"(cs) : "a"(0));
    printf("lcall ptr16:32: cs there %#x\n", cs);
    __asm__ volatile("movw %%cs, %0" : "=r"(cs));
    printf("  cs back %#x\n", cs);
    __asm__ volatile("lcall " S_CODE32 ", " A32(c32_where) : "=c"(ecx));
    printf("near call inside the segment pushed %#x (its offset: %s)\n", ecx,
           ecx == OFF32(c32_where) + 5 ? "yes" : "no");
    fp.off = OFF32(c32_cs);
    fp.sel = SEL(E_CODE32);
    __asm__ volatile("lcall *%1" : "=a"(cs) : "m"(fp), "a"(0));
    printf("lcall m16:32: cs there %#x\n", cs);
    fp.off = (unsigned)c32_start; /* c32_cs, where the program has it */
    fp.sel = SEL(E_FLAT);
    __asm__ volatile("lcall *%1" : "=a"(cs) : "m"(fp), "a"(0));
    printf("lcall m16:32 into a flat LDT segment (offset = linear): cs there %#x\n", cs);
    __asm__ volatile("movl %%esp, %1\n\tpushl $1\n\tpushl $2\n\tlcall " S_CODE32 ", " A32(c32_retimm) "\n\t"
                     "movl %%esp, %2\n\tmovl %1, %%esp"
                     : "=c"(ecx), "=&r"(esp0), "=&r"(esp1) :: "memory");
    printf("lret $8: esp in the callee %d, after the return %d (relative to before)\n",
           (int)(ecx - esp0), (int)(esp1 - esp0));
    __asm__ volatile("pushfl\n\tpushl %%cs\n\tpushl $0f\n\tpushfl\n\tpushl " S_CODE32 "\n\tpushl " A32(c32_iret) "\n\t"
                     "iret\n0:\tmovw %%cs, %0"
                     : "=r"(cs) :: "memory");
    printf("iret into the segment and iret back: cs %#x\n", cs);
    /* ljmp there and back: the segment's code jumps through a far pointer */
    fp.sel = 0x23;
    __asm__ volatile("call 1f\n1:\tpopl %%eax\n\taddl $(2f - 1b), %%eax\n\tmovl %%eax, (%%ebx)\n\t"
                     "ljmp " S_CODE32 ", " A32(c32_back) "\n2:"
                     :: "b"(&fp) : "eax", "memory");
    printf("ljmp ptr16:32 there, ljmp m16:32 back\n");
    fp.off = OFF32(c32_back);
    fp.sel = SEL(E_CODE32);
    {
        struct { unsigned off; unsigned short sel; } __attribute__((packed)) home = {0, 0x23};
        __asm__ volatile("call 1f\n1:\tpopl %%eax\n\taddl $(2f - 1b), %%eax\n\tmovl %%eax, (%%ebx)\n\t"
                         "ljmp *(%%ecx)\n2:"
                         :: "b"(&home), "c"(&fp) : "eax", "memory");
    }
    printf("ljmp m16:32 there, back again\n");
    resume = 1;
    __asm__ volatile("lcall " S_CODE32 ", " A32(c32_resume) : "=a"(ecx));
    resume = 0;
    printf("  the handler returned into the segment, which went on: eax %u\n", ecx);
    /* EFLAGS.TF: a trap after each instruction, the far CALL and RET
     * included, with CS:EIP where the next one runs */
    tracing = 1;
    __asm__ volatile("pushfl\n\torl $0x100, (%%esp)\n\tpopfl\n\t"
                     "lcall " S_CODE32 ", " A32(c32_cs) "\n\t"
                     "pushfl\n\tandl $~0x100, (%%esp)\n\tpopfl" ::: "eax", "memory", "cc");
    tracing = 0;
    printf("single-stepping a far call and return: %d traps\n", ntrace);
    for (int i = 0; i < ntrace && i < 16; i++)
        printf("  cs %#x eip %s%#x\n", trace[i][0], trace[i][0] == 0x23 ? "text+" : "",
               trace[i][0] == 0x23 ? trace[i][1] - (unsigned)c32_start : trace[i][1]);
    TRY("int3 in the segment", {
        __asm__ volatile("lcall " S_CODE32 ", " A32(c32_int3) ::: "eax");
    });
}

static void code16(void)
{
    unsigned eax = 0, ebx = 0x20000, ecx = 0, edx = 0, edi = 0xffffffffu, esi = 0;

    __asm__ volatile("lcall " S_CODE16 ", " A16(c16_ops)
                     : "+a"(eax), "+b"(ebx), "+c"(ecx), "+d"(edx), "+D"(edi), "+S"(esi)
                     :: "memory");
    printf("16-bit code: eax %#x ebx %#x cx (the IP a near call pushed) %#x dx %#x edi %#x\n",
           eax, ebx, ecx & 0xffff, edx & 0xffff, edi);
    TRY("the same bytes as 32-bit code", {
        __asm__ volatile("lcall " S_SAME32 ", " A16(c16_same) :: "a"(0));
    });
    TRY("the same bytes as 16-bit code", {
        __asm__ volatile("lcall " S_CODE16 ", " A16(c16_same) :: "a"(0));
    });
    TRY("and as 32-bit code again", {
        __asm__ volatile("lcall " S_SAME32 ", " A16(c16_same) :: "a"(0));
    });
    /* IP does not wrap: the next instruction at 0x10000 is beyond the
     * limit (#GP(0)), as the CPU has it */
    TRY("running past the limit at 0xffff", {
        __asm__ volatile("lcall " S_CODE16 ", $0xfffe" :: "a"(0));
    });
}

/* A far transfer that must fault: its address and ESP are recorded first. */
#define FAULT(name, insn, ...)                                              \
    TRY(name, {                                                             \
        __asm__ volatile("call 1f\n1:\tpopl %%eax\n\taddl $(2f - 1b), %%eax\n\t" \
                         "movl %%eax, %0\n\tmovl %%esp, %1\n2:\t" insn      \
                         : "=m"(fault_pc), "=m"(fault_esp) : __VA_ARGS__    \
                         : "eax", "memory");                                \
        printf("  no fault\n");                                             \
    })

static void refused(void)
{
    struct { unsigned off; unsigned short sel; } __attribute__((packed)) fp = {OFF32(c32_cs), 0};
    static const unsigned short sels[] = {0, 3, SEL(E_DATA), SEL(E_ABSENT), SEL(40),
                                          SEL(8191), 0x2b, 0x10, 0x18, 0x63, 0x7b, 0x50};

    FAULT("lcall to a null selector", "lcall $0, $0", "m"(fp));
    FAULT("ljmp to a data segment", "ljmp " S_DATA ", $0", "m"(fp));
    FAULT("lcall to a segment not present", "lcall " S_ABSENT ", $0x100", "m"(fp));
    FAULT("lcall beyond the segment limit", "lcall " S_SHORT ", $0x1000", "m"(fp));
    FAULT("lcall to the last byte of the limit", "lcall " S_SHORT ", $0x101", "m"(fp));
    for (unsigned i = 0; i < sizeof(sels) / sizeof(sels[0]); i++) {
        char name[64];
        fp.sel = sels[i];
        snprintf(name, sizeof(name), "lcall m16:32 to %#x", sels[i]);
        FAULT(name, "lcall *%2", "m"(fp));
        snprintf(name, sizeof(name), "ljmp m16:32 to %#x", sels[i]);
        FAULT(name, "ljmp *%2", "m"(fp));
    }
    fp.sel = SEL(E_CODE32) & ~3;
    FAULT("lcall with RPL 0 (taken, CS gets RPL 3)", "lcall *%2", "m"(fp));
    FAULT("lret to RPL 0", "lcall " S_CODE32 ", " A32(c32_retrpl), "m"(fp));
    fp.sel = SEL(E_CONF);
    FAULT("lcall to a conforming code segment", "lcall *%2", "m"(fp));
    FAULT("iret with EFLAGS.NT set (a task return)",
          "pushfl\n\torl $0x4000, (%%esp)\n\tpopfl\n\tpushfl\n\tpushl %%cs\n\t"
          "call 3f\n3:\taddl $(4f - 3b), (%%esp)\n\tmovl %%esp, %1\n\t"
          "movl $(4f - 1), %0\n\t"
          "iret\n4:", "m"(fp));
    __asm__ volatile("pushfl\n\tandl $~0x4000, (%%esp)\n\tpopfl" ::: "memory", "cc");
}

int main(void)
{
    mem = mmap(NULL, 0x20000, PROT_READ | PROT_WRITE | PROT_EXEC,
               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED)
        return 1;
    memcpy(mem + CODE_OFF, c32_start, (size_t)(c32_end - c32_start));
    memcpy(mem + 0x10000 + CODE_OFF, c16_start, (size_t)(c16_end - c16_start));
    memcpy(mem + 0x10000 + 0xfffe, "\x40\x40", 2); /* inc %ax twice */
    memcpy(mem + 0x10000, "\x40\xcc", 2);          /* inc %ax; int3 */
    printf("modify_ldt: %d %d %d %d %d %d %d %d\n",
           set_ldt(E_CODE32, (unsigned)mem, 0xffff, 1, 1, 1, 0),
           set_ldt(E_CODE16, (unsigned)mem + 0x10000, 0xffff, 1, 0, 1, 0),
           set_ldt(E_DATA, (unsigned)mem, 0xffff, 0, 1, 1, 0),
           set_ldt(E_ABSENT, (unsigned)mem, 0xffff, 1, 1, 0, 0),
           set_ldt(E_FLAT, 0, 0xffffffffu, 1, 1, 1, 0),
           set_ldt(E_SHORT, (unsigned)mem, 0x100, 1, 1, 1, 0),
           set_ldt(E_SAME32, (unsigned)mem + 0x10000, 0xffff, 1, 1, 1, 0),
           set_ldt(E_CONF, (unsigned)mem, 0xffff, 1, 1, 0, 1));
    catch_faults(on_signal, SIGSEGV, SIGBUS, SIGTRAP, SIGILL, 0);
    far_calls();
    code16();
    refused();
    return 0;
}
