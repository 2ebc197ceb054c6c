/* 86-stack-segment: SS loaded with data segments of the LDT (modify_ldt)
 * that have a base and a limit, expand-up and expand-down: PUSH, POP,
 * CALL, RET, ENTER, LEAVE, PUSHA, POPA, PUSHF and the ESP- and
 * EBP-based (and SS-overridden) memory operands inside and beyond the
 * limit.  Beyond it is #SS(0): SIGBUS, SI_KERNEL, trap 12, error code 0,
 * ESP as before the instruction (SDM vol. 3, 6.15 "Interrupt 12").  With
 * a base, the stack instructions address base + ESP.  The handler runs
 * on an alternate stack (the kernel would build the frame at ESP taken
 * as a flat address).  Everything printed must be what the real CPU and
 * kernel give. */
#include "fault-harness.h"

#include <asm/ldt.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

unsigned char buf[0x3000] __attribute__((aligned(4096)));
unsigned case_sel __attribute__((used)), case_esp __attribute__((used));
unsigned saved_esp __attribute__((used)), saved_ebp __attribute__((used)),
    saved_ebx __attribute__((used));
static int show_regs;
static unsigned char altstack[65536];

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    greg_t *g = uc->uc_mcontext.gregs;

    printf("  -> signal %d code %d addr %p trapno %d err %#x esp %#x ss %#x", sig,
           si->si_code, si->si_addr, (int)g[REG_TRAPNO], (unsigned)g[REG_ERR],
           (unsigned)g[REG_ESP], (unsigned)g[REG_SS] & 0xffff);
    printf(" ebp %#x", (unsigned)g[REG_EBP]);
    if (show_regs) /* how far POPA got */
        printf(" edi %#x esi %#x ebx %#x ecx %#x", (unsigned)g[REG_EDI],
               (unsigned)g[REG_ESI], (unsigned)g[REG_EBX], (unsigned)g[REG_ECX]);
    printf("\n");
    siglongjmp(back, 1);
}

/* body runs with SS = sel, ESP = esp and EBP = 0; the flat SS, ESP,
 * EBP and EBX come back after it (EAX, ECX, ESI and EDI are free; EDX
 * keeps the old SS). */
#define SS_CASE(name, sel, esp, body)                                          \
    TRY(name, {                                                                \
        case_sel = (sel);                                                      \
        case_esp = (esp);                                                      \
        __asm__ volatile("movl %%esp, saved_esp\n\tmovl %%ebp, saved_ebp\n\t"   \
                         "movl %%ebx, saved_ebx\n\txorl %%edx, %%edx\n\tmovw %%ss, %%dx\n\t" \
                         "movl case_esp, %%esp\n\tmovw case_sel, %%ss\n\t"       \
                         "xorl %%ebp, %%ebp\n\t" body "\n\t"                   \
                         "movw %%dx, %%ss\n\tmovl saved_esp, %%esp\n\t"         \
                         "movl saved_ebp, %%ebp\n\tmovl saved_ebx, %%ebx"       \
                         ::: "edx", "eax", "ecx", "esi", "edi", "memory", "cc");   \
        printf("  done\n");                                                    \
    })

static unsigned word(unsigned off)
{
    unsigned v;

    memcpy(&v, buf + off, 4);
    return v;
}

/* selector 0x7: base buf, limit 0xfff (expand-up) */
static void expand_up(void)
{
    SS_CASE("push, last byte at the limit", 0x7, 0x1000, "pushl $0x11223344");
    printf("  stored %#x\n", word(0xffc));
    SS_CASE("push across the limit", 0x7, 0x1002, "pushl $0x11223344");
    SS_CASE("push far beyond", 0x7, 0x2000, "pushl $0x11223344");
    SS_CASE("pushw across the limit", 0x7, 0x1001, "pushw $0x1122");
    SS_CASE("push below offset 0 (wraps)", 0x7, 0x2, "pushl $1");
    SS_CASE("pop at the limit", 0x7, 0xffc, "popl %%eax");
    SS_CASE("pop across the limit", 0x7, 0xffe, "popl %%eax");
    SS_CASE("call across the limit", 0x7, 0x1002, "call 1f\n1:");
    SS_CASE("call and ret inside", 0x7, 0x800, "call 1f\n\tjmp 2f\n1:\tret\n2:");
    SS_CASE("ret across the limit", 0x7, 0xffe, "ret");
    SS_CASE("ret $8 inside", 0x7, 0x800,
            "pushl $1f\n\tret $8\n1:");
    SS_CASE("mov 0x1000(%esp)", 0x7, 0x800, "movl 0x1000(%%esp), %%eax");
    SS_CASE("mov 0x7fc(%esp)", 0x7, 0x800, "movl 0x7fc(%%esp), %%eax");
    SS_CASE("mov (%ebp) across", 0x7, 0x800, "movl $0xffe, %%ebp\n\tmovl (%%ebp), %%eax");
    SS_CASE("ss: override across", 0x7, 0x800, "movl $0xffe, %%eax\n\tmovl %%ss:(%%eax), %%eax");
    SS_CASE("ss: store across", 0x7, 0x800, "movl $0xffd, %%eax\n\tmovl %%eax, %%ss:(%%eax)");
    SS_CASE("enter across the limit", 0x7, 0x1004, "enter $8, $0");
    SS_CASE("enter and leave inside", 0x7, 0x800,
            "pushl %%ebp\n\tmovl $0x700, %%ebp\n\tenter $0x10, $3\n\tleave\n\tpopl %%ebp");
    SS_CASE("enter level 2, nested frame beyond", 0x7, 0x800,
            "movl $0x1002, %%ebp\n\tenter $4, $2");
    SS_CASE("enter, the new esp beyond", 0x7, 0x1000, "enter $0x2000, $0");
    SS_CASE("enter, the new esp at 0", 0x7, 0x1000, "enter $0xffc, $0");
    SS_CASE("lcall across the limit", 0x7, 0x1004, "lcall $0x23, $1f\n1:");
    SS_CASE("lcall and lret inside", 0x7, 0x800, "lcall $0x23, $1f\n\tjmp 2f\n1:\tlret\n2:");
    SS_CASE("lret across the limit", 0x7, 0xffc, "lret");
    SS_CASE("iret across the limit", 0x7, 0xff8, "iret");
    SS_CASE("ret $0x20 to beyond the limit", 0x7, 0xff0, "pushl $1f\n\tret $0x20\n1:");
    SS_CASE("leave across the limit", 0x7, 0x800, "movl $0xffe, %%ebp\n\tleave");
    SS_CASE("pusha across the limit", 0x7, 0x1010, "pusha");
    SS_CASE("pusha below offset 0", 0x7, 0x10, "pusha");
    SS_CASE("pusha and popa inside", 0x7, 0x800, "pusha\n\tpopa");
    for (unsigned i = 0; i < 7; i++)
        buf[0xfe4 + 4 * i] = (unsigned char)(0x10 + i);
    show_regs = 1;
    SS_CASE("popa across the limit", 0x7, 0xfe4,
            "xorl %%ebx, %%ebx\n\txorl %%ecx, %%ecx\n\txorl %%esi, %%esi\n\t"
            "xorl %%edi, %%edi\n\tmovl $0x77, %%ebp\n\tpopa");
    show_regs = 0;
    SS_CASE("push m32 across", 0x7, 0x1002, "pushl saved_esp");
    SS_CASE("pop m32 across", 0x7, 0xffe, "popl buf");
    SS_CASE("pushf across", 0x7, 0x1002, "pushf");
    SS_CASE("popf across", 0x7, 0xffe, "popf");
    SS_CASE("push %fs across", 0x7, 0x1002, "pushl %%fs");
    SS_CASE("push %es inside, pop %es", 0x7, 0x800, "pushl %%es\n\tpopl %%es");
}

/* selector 0xf: base buf - 0x1000, limit 0xfff, expand-down 32-bit:
 * offsets 0x1000 to 0xffffffff */
static void expand_down(void)
{
    SS_CASE("down: push across the limit", 0xf, 0x1002, "pushl $0x11223344");
    SS_CASE("down: push above the limit", 0xf, 0x1004, "pushl $0x55667788");
    printf("  stored %#x\n", word(0));
    SS_CASE("down: pop across 4 GiB", 0xf, 0xfffffffe, "popl %%eax");
    SS_CASE("down: push below", 0xf, 0x2, "pushl $0x1");
    SS_CASE("down: call and ret", 0xf, 0x1800, "call 1f\n\tjmp 2f\n1:\tret\n2:");
    SS_CASE("down: pusha to the limit", 0xf, 0x1020, "pusha\n\tpopa");
    SS_CASE("down: pusha across the limit", 0xf, 0x101c, "pusha");
    SS_CASE("down: mov -4(%esp) across", 0xf, 0x1002, "movl -4(%%esp), %%eax");
}

/* selector 0x17: base buf + 0x1000, limit 0xffff (a based stack). */
static void based(void)
{
    memset(buf, 0, sizeof(buf));
    SS_CASE("based: push, call, pusha, enter, pop, leave", 0x17, 0x800,
            "movl $0x1111, %%ebx\n\tmovl $0x2222, %%ecx\n\tmovl $0x3333, %%esi\n\t"
            "movl $0x4444, %%edi\n\tmovl $0x5555, %%ebp\n\tpushl $0xaabbccdd\n\tcall 1f\n\tjmp 2f\n"
            "1:\tpusha\n\tmovl $0x99, %%eax\n\tmovl %%eax, 4(%%esp)\n\tpopa\n\tret\n"
            "2:\tpushl %%ebp\n\tmovl %%esp, %%ebp\n\tenter $8, $1\n\tmovl 0(%%ebp), %%eax\n\t"
            "movl %%eax, 0x40(%%esp)\n\tleave\n\tpopl %%ebp\n\tpopl %%eax\n\tmovl %%eax, %%ss:0x100");
    printf("  stored %#x %#x %#x %#x\n", word(0x17fc), word(0x17f8), word(0x1100), word(0x1000 + 0x7e0));
    for (unsigned off = 0x1780; off < 0x1800; off += 4)
        if (word(off))
            printf("  %#x: %#x\n", off, word(off));
}

int main(void)
{
    stack_t st;
    struct sigaction sa;

    st.ss_sp = altstack;
    st.ss_size = sizeof(altstack);
    st.ss_flags = 0;
    sigaltstack(&st, NULL);
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    /* flags: seg_32bit 1, contents << 1 (1: expand-down) */
    printf("modify_ldt: %d %d %d\n", ldt_set(0, (unsigned)buf, 0xfff, 0x01),
           ldt_set(1, (unsigned)buf - 0x1000, 0xfff, 0x03),
           ldt_set(2, (unsigned)buf + 0x1000, 0xffff, 0x01));
    expand_up();
    expand_down();
    based();
    return 0;
}
