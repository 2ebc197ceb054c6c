/* 86-stack-segment-16: SS loaded with 16-bit data segments of the LDT
 * (modify_ldt, seg_32bit 0: the B bit clear).  The stack's address size
 * is then 16 (SDM vol. 3, 3.4.5 "D/B flag"; vol. 1, 6.2.3): PUSH, POP,
 * CALL, RET, ENTER, LEAVE, PUSHA, POPA, PUSHF/POPF, the segment pushes,
 * far CALL/RET and IRET address SP (and ENTER's and LEAVE's frame BP),
 * wrapping at 64 KiB, and move SP alone, leaving ESP's upper half.  An
 * explicit ESP-based operand still uses all of ESP.  A slot beyond the
 * limit is #SS(0): SIGBUS, SI_KERNEL, trap 12, ESP as before; PUSHA
 * stores its slots one by one and stops at one beyond the limit.  Every
 * line printed must be what the real CPU and kernel give. */
#include "fault-harness.h"

#include <stdlib.h>

unsigned char buf[0x10000] __attribute__((aligned(4096)));
unsigned case_sel __attribute__((used)), case_esp __attribute__((used)),
    case_ebp __attribute__((used)), saved_ss __attribute__((used)),
    saved_esp __attribute__((used)), saved_ebp __attribute__((used)),
    saved_ebx __attribute__((used)), out_esp __attribute__((used)),
    out_ebp __attribute__((used)), out_eax __attribute__((used)),
    out_ecx __attribute__((used)), out_edx __attribute__((used));
static unsigned char altstack[65536];

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    greg_t *g = uc->uc_mcontext.gregs;

    printf("  -> signal %d code %d trapno %d err %#x esp %#x ebp %#x ss %#x\n", sig,
           si->si_code, (int)g[REG_TRAPNO], (unsigned)g[REG_ERR], (unsigned)g[REG_ESP],
           (unsigned)g[REG_EBP], (unsigned)g[REG_SS] & 0xffff);
    siglongjmp(back, 1);
}

/* body runs with SS = sel, ESP = esp, EBP = ebp; ESP, EBP, EAX, ECX and
 * EDX are printed after it, then the flat SS and the saved registers
 * come back (ESI and EDI are free). */
#define C16(name, sel, esp, ebp, body)                                         \
    TRY(name, {                                                                \
        case_sel = (sel);                                                      \
        case_esp = (esp);                                                      \
        case_ebp = (ebp);                                                      \
        __asm__ volatile(                                                      \
            "movl %%esp, saved_esp\n\tmovl %%ebp, saved_ebp\n\t"                \
            "movl %%ebx, saved_ebx\n\tmovw %%ss, saved_ss\n\t"                  \
            "xorl %%eax, %%eax\n\txorl %%ecx, %%ecx\n\txorl %%edx, %%edx\n\t"   \
            "movl case_esp, %%esp\n\tmovw case_sel, %%ss\n\t"                   \
            "movl case_ebp, %%ebp\n\t" body "\n\t"                              \
            "movw saved_ss, %%ss\n\tmovl %%esp, out_esp\n\t"                    \
            "movl %%ebp, out_ebp\n\tmovl %%eax, out_eax\n\t"                    \
            "movl %%ecx, out_ecx\n\tmovl %%edx, out_edx\n\t"                    \
            "movl saved_esp, %%esp\n\tmovl saved_ebp, %%ebp\n\t"                \
            "movl saved_ebx, %%ebx" ::: "edx", "eax", "ecx", "esi", "edi",      \
            "memory", "cc");                                                   \
        printf("  esp %#x ebp %#x eax %#x ecx %#x edx %#x\n", out_esp, out_ebp, \
               out_eax, out_ecx, out_edx);                                      \
    })

/* The non-zero words of buf (the stack's 64 KiB), then buf cleared. */
static void dump(void)
{
    for (unsigned off = 0; off < sizeof(buf); off += 4) {
        unsigned v;

        memcpy(&v, buf + off, 4);
        if (v)
            printf("  [%#x] %#x\n", off, v);
    }
    memset(buf, 0, sizeof(buf));
}

static void put(unsigned off, unsigned v)
{
    memcpy(buf + off, &v, 4);
}

/* selector 0x7: base buf, limit 0xffff (the whole 64 KiB) */
static void wrapping(void)
{
    C16("push wraps below 0: across 0xffff", 0x7, 0x12340002, 0, "pushl $0x11223344");
    dump();
    C16("push to 0, then below", 0x7, 0x12340004, 0, "pushl $0x11223344\n\tpushw $0x5566");
    dump();
    put(0xfffc, 0xaabbccdd);
    C16("pop at the top", 0x7, 0x1234fffc, 0, "popl %%eax");
    dump();
    C16("pop across 0xffff", 0x7, 0x1234fffe, 0, "popl %%eax");
    dump();
    put(0xfffc, 0xaabbccdd);
    C16("popw wraps SP to 0", 0x7, 0x1234fffe, 0, "popw %%ax");
    dump();
    C16("call and ret across 0", 0x7, 0x56780004, 0,
        "call 1f\n\tjmp 2f\n1:\tmovl %%esp, %%ecx\n\tcall 3f\n\tret\n3:\tmovl %%esp, %%edx\n\tret\n2:");
    dump();
    C16("ret $0x10 wraps", 0x7, 0x5678fff8, 0, "pushl $1f\n\tret $0x10\n1:");
    dump();
    C16("ret $0xfff0", 0x7, 0x56780800, 0, "pushl $1f\n\tret $0xfff0\n1:");
    dump();
    C16("call *%eax", 0x7, 0x56780002, 0, "movl $1f, %%eax\n\tcall *%%eax\n1:");
    dump();
    C16("enter $0x10, $0", 0x7, 0xabcd0800, 0x12345678, "enter $0x10, $0");
    dump();
    C16("enter, the new SP wraps", 0x7, 0xabcd0008, 0x12345678, "enter $0x10, $0");
    dump();
    C16("enter, the push across 0xffff", 0x7, 0xabcd0002, 0x12345678, "enter $0x10, $0");
    dump();
    put(0x6fc, 0x77);
    put(0x6f8, 0x88);
    C16("enter $0x10, $3", 0x7, 0xabcd0800, 0x99990700, "enter $0x10, $3");
    dump();
    put(0x4, 0x77);
    put(0xfffc, 0x88);
    C16("enter $0x10, $3, BP - 4 wraps", 0x7, 0xabcd0800, 0x99990000, "enter $0x10, $3");
    dump();
    C16("enterw $0x10, $2", 0x7, 0xabcd0800, 0x99990700, "enterw $0x10, $2");
    dump();
    put(0x700, 0x44);
    C16("leave", 0x7, 0xabcd0100, 0x99990700, "leave");
    dump();
    put(0xfffc, 0x44);
    C16("leave, SP wraps", 0x7, 0xabcd0100, 0x9999fffc, "leave");
    dump();
    put(0x700, 0x12345678);
    C16("leavew", 0x7, 0xabcd0100, 0x99990700, "leavew");
    dump();
    C16("pusha wraps", 0x7, 0xabcd0010, 0x99990700,
        "movl $0x1111, %%eax\n\tmovl $0x2222, %%ecx\n\tmovl $0x3333, %%edx\n\tpusha");
    dump();
    C16("pushaw wraps", 0x7, 0xabcd0008, 0x99990700,
        "movl $0x1111, %%eax\n\tmovl $0x2222, %%ecx\n\tmovl $0x3333, %%edx\n\tpushaw");
    dump();
    C16("pusha, popa inside", 0x7, 0xabcd0800, 0x99990700,
        "movl $0x1234, %%eax\n\tpusha\n\tmovl $0, %%eax\n\tmovl $0, %%ebp\n\tpopa");
    dump();
    for (unsigned i = 0; i < 8; i++)
        put(0xfff0 + 4 * i - (i >= 4 ? 0x10000 : 0), 0x10 + i);
    C16("popa wraps", 0x7, 0xabcdfff0, 0x99990700, "popa");
    dump();
    C16("pushf, popf across 0", 0x7, 0xabcd0000, 0, "pushf\n\tpopl %%eax\n\tpushl %%eax\n\tpopf");
    dump();
    C16("push %es, pop %es across 0", 0x7, 0xabcd0000, 0, "pushl %%es\n\tpopl %%es");
    dump();
    C16("lcall, lret across 0", 0x7, 0xabcd0004, 0,
        "lcall $0x23, $1f\n\tjmp 2f\n1:\tmovl %%esp, %%ecx\n\tlret\n2:");
    dump();
    C16("lret $8 wraps", 0x7, 0xabcdfff8, 0, "pushl %%cs\n\tpushl $1f\n\tlret $8\n1:");
    dump();
    C16("iret across 0", 0x7, 0xabcd0004, 0,
        "pushf\n\tpushl %%cs\n\tpushl $1f\n\tmovl %%esp, %%ecx\n\tiret\n1:");
    dump();
    C16("mov (%esp) uses all of ESP", 0x7, 0x10010, 0, "movl (%%esp), %%eax");
    dump();
    C16("pop to 4(%esp) beyond the limit", 0x7, 0xabcd0800, 0, "popl 4(%%esp)");
    dump();
}

/* selector 0x1f: base buf, limit 4 GiB (page granular), 16-bit: only
 * the wrap of SP tells SP from ESP */
static void page_limit(void)
{
    put(0xfffc, 0x5555aaaa);
    C16("4 GiB: pop to 4(%esp), SP wraps to 0", 0x1f, 0xfffc, 0, "popl 4(%%esp)");
    dump();
    put(0xfffc, 0x6666bbbb);
    C16("4 GiB: pop to 4(%esp) with ESP's upper half", 0x1f, 0x1fffc, 0,
        "popl -0x10000+4(%%esp)");
    dump();
    put(0x800, 0x7777cccc);
    C16("4 GiB: pop to 8(%esp) inside", 0x1f, 0x800, 0, "popl 8(%%esp)");
    dump();
    C16("4 GiB: push wraps below 0", 0x1f, 0x4, 0, "pushl $0x12\n\tpushl $0x34");
    dump();
}

/* selector 0xf: base buf, limit 0xfff; 0x17: base buf, limit 0xfff,
 * expand-down (offsets 0x1000 to 0xffff) */
static void limited(void)
{
    C16("push below the limit, ESP's upper half ignored", 0xf, 0x11000, 0, "pushl $5");
    dump();
    C16("push wraps beyond the limit", 0xf, 0x10002, 0, "pushl $5");
    dump();
    C16("pusha across the limit", 0xf, 0x1010, 0, "pusha");
    dump();
    C16("pusha wraps: stores, then faults", 0xf, 0x10, 0,
        "movl $0x1111, %%eax\n\tmovl $0x2222, %%ecx\n\tmovl $0x3333, %%edx\n\tpusha");
    dump();
    C16("enter, the new SP beyond", 0xf, 0x800, 0, "enter $0x1000, $0");
    dump();
    C16("leave, BP beyond", 0xf, 0x800, 0x2000, "leave");
    dump();
    C16("lcall wraps beyond", 0xf, 0x4, 0, "lcall $0x23, $1f\n1:");
    dump();
    C16("down: push", 0x17, 0x2000, 0, "pushl $5");
    dump();
    C16("down: push wraps", 0x17, 0x2, 0, "pushl $5");
    dump();
    C16("down: push across the limit", 0x17, 0x1002, 0, "pushl $5");
    dump();
    C16("down: pop across 0xffff", 0x17, 0xfffe, 0, "popl %%eax");
    dump();
    C16("down: popw at the top", 0x17, 0x5678fffe, 0, "popw %%ax");
    dump();
    C16("down: mov (%esp) beyond 0xffff", 0x17, 0x12340010, 0, "movl (%%esp), %%eax");
    dump();
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
    /* flags: seg_32bit 0, contents << 1 (1: expand-down) */
    printf("modify_ldt: %d %d %d %d\n", ldt_set(0, (unsigned)buf, 0xffff, 0),
           ldt_set(1, (unsigned)buf, 0xfff, 0), ldt_set(2, (unsigned)buf, 0xfff, 2),
           ldt_set(3, (unsigned)buf, 0xfffff, 0x10));
    wrapping();
    limited();
    page_limit();
    return 0;
}
