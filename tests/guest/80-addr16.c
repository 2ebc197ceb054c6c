/* 80-addr16: the 0x67 address-size prefix (16-bit addressing) on every
 * kind of instruction with a memory operand, alone and with 0x66: LEA in
 * each of the 24 ModRM forms (the sum wraps at 64 KiB, register high
 * halves ignored), loads, stores and read-modify-writes through FS (a TLS
 * segment whose base is a buffer, since nothing is mapped below 64 KiB),
 * moffs, PUSH/POP m, string instructions with and without REP (SI, DI and
 * CX wrap and count in 16 bits, the high halves of ESI/EDI/ECX untouched),
 * LOOP/LOOPE/LOOPNE/JCXZ counting CX, XLAT, and BT/BTS/BTR/BTC whose bit
 * offset moves the address, which then wraps.  A store through ES (base
 * 0) at a 16-bit offset faults at that offset: si_addr shows the wrap.
 * Every register and the defined flags are printed after each case. */
#define _GNU_SOURCE
#include <asm/ldt.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

struct regs { unsigned eax, ecx, edx, ebx, esp, ebp, esi, edi, efl; };
volatile struct regs R;
static unsigned char buf[0x10000 + 64] __attribute__((aligned(4096)));
unsigned short fs_sel;

/* Load R into the registers (ESP excepted), run insn, store them back;
 * every register and the flags are saved around it. */
#define RUN(insn)                                                           \
    __asm__ volatile("pushal\n\tpushfl\n\t"                                \
                     "movl R+0, %eax\n\tmovl R+4, %ecx\n\tmovl R+8, %edx\n\t" \
                     "movl R+12, %ebx\n\tmovl R+20, %ebp\n\t"             \
                     "movl R+24, %esi\n\tmovl R+28, %edi\n\t"             \
                     "pushl R+32\n\tpopfl\n\t"                              \
                     insn "\n\t"                                            \
                     "pushfl\n\tpopl R+32\n\t"                              \
                     "movl %eax, R+0\n\tmovl %ecx, R+4\n\tmovl %edx, R+8\n\t" \
                     "movl %ebx, R+12\n\tmovl %ebp, R+20\n\t"             \
                     "movl %esi, R+24\n\tmovl %edi, R+28\n\t"             \
                     "popfl\n\tpopal");                                      \
    __asm__ volatile("" ::: "memory")

static void set(unsigned eax, unsigned ecx, unsigned edx, unsigned ebx,
                unsigned ebp, unsigned esi, unsigned edi)
{
    R.eax = eax, R.ecx = ecx, R.edx = edx, R.ebx = ebx;
    R.ebp = ebp, R.esi = esi, R.edi = edi, R.efl = 0x202;
}

static void show(const char *name, unsigned flagmask)
{
    printf("%-22s eax=%08x ecx=%08x edx=%08x ebx=%08x ebp=%08x esi=%08x "
           "edi=%08x fl=%03x\n", name, R.eax, R.ecx, R.edx, R.ebx, R.ebp,
           R.esi, R.edi, R.efl & flagmask);
}

static unsigned sum(void)
{
    unsigned s = 0;
    for (unsigned i = 0; i < sizeof(buf); i++)
        s = s * 31 + buf[i];
    return s;
}

static void fill(void)
{
    for (unsigned i = 0; i < sizeof(buf); i++)
        buf[i] = (unsigned char)(i * 7 + (i >> 8));
}

#define CASE(insn, mask) do { RUN(insn); show(insn, mask); } while (0)
#define STD 0x202
/* ES = FS's selector only around the instruction: glibc's own string
 * functions need the flat ES back. */
#define CASE_ES(insn, mask)                                                 \
    do {                                                                    \
        RUN("movw fs_sel, %es\n\t" insn "\n\tpushl %ds\n\tpopl %es");       \
        show(insn, mask);                                                   \
    } while (0)

/* The 24 ModRM forms of LEA with 16-bit addressing, into a 32-bit and a
 * 16-bit register; the registers' high halves must not count. */
static void lea_forms(void)
{
#define LEA3(m) \
    set(0, 0x11110000, 0x22220000, 0x3333fff0, 0x4444ff00, 0x55550123, 0x6666fedc); \
    CASE("leal " m ", %eax", STD); \
    set(0xaaaaaaaa, 0x11110000, 0x22220000, 0x3333fff0, 0x4444ff00, 0x55550123, 0x6666fedc); \
    CASE("leaw " m ", %ax", STD);
    LEA3("(%bx,%si)") LEA3("(%bx,%di)") LEA3("(%bp,%si)") LEA3("(%bp,%di)")
    LEA3("(%si)") LEA3("(%di)") LEA3("0x9abc") LEA3("(%bx)")
    LEA3("0x7f(%bx,%si)") LEA3("-0x80(%bx,%di)") LEA3("0x10(%bp,%si)")
    LEA3("-1(%bp,%di)") LEA3("0x40(%si)") LEA3("-0x40(%di)") LEA3("0x20(%bp)")
    LEA3("0x7f(%bx)")
    LEA3("0x1234(%bx,%si)") LEA3("0xff00(%bx,%di)") LEA3("0x8000(%bp,%si)")
    LEA3("0xffff(%bp,%di)") LEA3("0x100(%si)") LEA3("0xfedc(%di)")
    LEA3("0x4321(%bp)") LEA3("0xeeee(%bx)")
    /* 0x67 with a 32-bit register in ModRM is still 16-bit: lea %esi is 32-bit */
    set(0, 0, 0, 0x1234fff0, 0, 0xabcd0020, 0);
    CASE("leal (%esi,%ebx), %eax", STD);
}

static void mem_forms(void)
{
    fill();
    set(0, 0, 0, 0x7777fff0, 0x8888fff8, 0x99990020, 0xaaaa0030);
    CASE("movl %fs:(%bx,%si), %eax", STD);
    CASE("movw %fs:(%bp,%di), %dx", STD);
    CASE("movb %fs:0x8010(%bx), %cl", STD);
    CASE("addl %fs:-2(%si), %eax", 0x8d5);
    CASE("addl %eax, %fs:(%bx,%si)", 0x8d5);
    CASE("subw %dx, %fs:0x7fff(%bp,%di)", 0x8d5);
    CASE("incl %fs:0x20(%di)", 0x8d4);
    CASE("notw %fs:(%bx)", STD);
    CASE("negb %fs:0xffff(%si)", 0x8d5);
    CASE("shll $3, %fs:(%bx,%di)", 0x8c5);
    CASE("rorw %cl, %fs:0x10(%bp,%si)", 0x801);
    CASE("xchgl %eax, %fs:0x100(%si)", STD);
    CASE("cmpxchgl %edi, %fs:0x100(%si)", 0x8d5);
    CASE("xaddw %dx, %fs:0x104(%si)", 0x8d5);
    CASE("imull %fs:0x20(%bx), %ecx", 0x801);
    CASE("movzbl %fs:1(%bx,%si), %edx", STD);
    CASE("movswl %fs:2(%bx,%di), %edx", STD);
    CASE("movl $0x12345678, %fs:0xfffc(%si)", STD);
    CASE("movw $0x4321, %fs:0xfffe", STD);
    CASE("movl %fs:0xfffc, %eax", STD);
    CASE("addr16 movl %fs:0x0100, %eax", STD);
    CASE("addr16 movw %ax, %fs:0x0200", STD);
    CASE("pushl %fs:0x10(%bx,%si); popl %eax", STD);
    CASE("pushw %fs:0x12(%bx,%si); popw %dx", STD);
    CASE("pushl $0x5a5a5a5a; popl %fs:0x30(%bx,%di)", STD);
    CASE("pushw $0x1234; popw %fs:0x34(%bx,%di)", STD);
    CASE("movl %fs:0x30(%bx,%di), %ecx", STD);
    CASE("lea 0x10(%bx,%si), %ax", STD);
    CASE("cmovnel %fs:(%bx), %eax", STD);
    CASE("sete %fs:(%bx)", STD);
    CASE("movb %fs:(%bx), %al", STD);
    printf("sum %08x\n", sum());
}

/* String instructions with 0x67: SI/DI/CX in 16 bits, through FS and ES
 * (ES loaded with the same TLS selector as FS). */
static void strings(void)
{
    fill();
    set(0x11112222, 0x33330005, 0, 0, 0, 0x4444fffd, 0x55550010);
    CASE_ES("rep lodsb %fs:(%si)", STD);
    set(0x11112222, 0x33330003, 0, 0, 0, 0x44440001, 0x55550010);
    CASE_ES("std; rep lodsw %fs:(%si); cld", STD);
    set(0x11112222, 0x33330004, 0, 0, 0, 0x4444fffe, 0x5555fffc);
    CASE_ES("rep movsb %fs:(%si), %es:(%di)", STD);
    set(0x11112222, 0x33330004, 0, 0, 0, 0x4444fff0, 0x5555fff8);
    CASE_ES("rep movsl %fs:(%si), %es:(%di)", STD);
    set(0xabababab, 0x33330006, 0, 0, 0, 0, 0x5555fffe);
    CASE_ES("rep stosw %ax, %es:(%di)", STD);
    set(0x11112222, 0x33330000, 0, 0, 0, 0, 0x55550010);
    CASE_ES("rep stosb %al, %es:(%di)", STD);
    set(0x000000ab, 0x33330100, 0, 0, 0, 0, 0x5555ff00);
    CASE_ES("repne scasb %es:(%di), %al", 0x8d5);
    set(0, 0x33330100, 0, 0, 0, 0x4444fff0, 0x5555fff0);
    CASE_ES("repe cmpsb %es:(%di), %fs:(%si)", 0x8d5);
    set(0, 0x33330100, 0, 0, 0, 0x4444fff0, 0x55550000);
    CASE_ES("repe cmpsw %es:(%di), %fs:(%si)", 0x8d5);
    set(0, 0, 0, 0, 0, 0x4444ffff, 0x5555ffff);
    CASE_ES("movsb %fs:(%si), %es:(%di)", STD);
    CASE_ES("lodsl %fs:(%si)", STD);
    CASE_ES("stosw %ax, %es:(%di)", STD);
    CASE_ES("cmpsb %es:(%di), %fs:(%si)", 0x8d5);
    CASE_ES("scasl %es:(%di), %eax", 0x8d5);
    set(0x12345678, 0x00010002, 0, 0, 0, 0x4444fff0, 0x5555fff0);
    CASE_ES("rep movsl %fs:(%si), %es:(%di)", STD); /* CX = 2 */
    set(0x12345678, 0x00000003, 0, 0, 0, 0x0000fff0, 0x0000ff00);
    CASE_ES("rep movsl %fs:(%esi), %es:(%edi)", STD); /* no 0x67 */
    set(0, 0x33330003, 0, 0, 0, 0x1234fffe, 0x5678ffff);
    CASE_ES("rep movsw %fs:(%si), %es:(%di)", STD);
    printf("sum %08x\n", sum());
}

static void loops(void)
{
    set(0, 0x12340005, 0, 0, 0, 0, 0);
    CASE("1: incl %eax; addr16 loop 1b", STD);
    set(0, 0x12340000, 0, 0, 0, 0, 0);
    CASE("1: incl %eax; cmpl $70000, %eax; je 2f; addr16 loop 1b; 2:", STD);
    set(0, 0x12340010, 0, 0, 0, 0, 0);
    CASE("1: incl %eax; cmpl $3, %eax; addr16 loopne 1b", 0x8d5);
    set(0, 0x12340010, 0, 0, 0, 0, 0);
    CASE("1: incl %eax; testl $0, %eax; addr16 loope 1b", 0x8d5);
    set(0, 0x12340000, 0, 0, 0, 0, 0);
    CASE("jcxz 1f; movl $1, %eax; 1:", STD);
    set(0, 0x00010000, 0, 0, 0, 0, 0);
    CASE("jcxz 1f; movl $1, %eax; 1:", STD);
    CASE("jecxz 1f; movl $2, %eax; 1:", STD);
    set(0, 0x00010001, 0, 0, 0, 0, 0);
    CASE("1: incl %eax; cmpl $5, %eax; je 2f; addr16 loop 1b; 2:", STD);
}

static void xlat_bt(void)
{
    fill();
    set(0xaaaa0010, 0, 0, 0x1234fff8, 0, 0, 0);
    CASE("xlat %fs:(%bx)", STD);
    set(0xaaaa00ff, 0, 0, 0x0000ff00, 0, 0, 0);
    CASE("xlat %fs:(%ebx)", STD);
    /* register bit offsets move the address by offset/8; it wraps at 64 KiB */
    set(0x00000011, 0, 0, 0x1234fffe, 0, 0, 0);
    CASE("btl %eax, %fs:(%bx)", 0x001);
    CASE("btsl %eax, %fs:(%bx)", 0x001);
    set(0xfffffff0, 0, 0, 0x12340002, 0, 0, 0);
    CASE("btrl %eax, %fs:(%bx)", 0x001);
    set(0x0000fff0, 0, 0, 0x12340002, 0, 0, 0);
    CASE("btcw %ax, %fs:(%bx)", 0x001);
    set(0x00080000, 0, 0, 0x1234f000, 0, 0, 0);
    CASE("btsl %eax, %fs:(%bx)", 0x001);
    set(0x80000000, 0, 0, 0x12341000, 0, 0, 0);
    CASE("btl %eax, %fs:(%bx)", 0x001);
    set(0x00007fff, 0, 0, 0x12340000, 0, 0, 0);
    CASE("btsw %ax, %fs:0x10(%bx)", 0x001);
    set(0, 0, 0, 0x1234fffe, 0, 0, 0);
    CASE("btsl $31, %fs:(%bx)", 0x001);
    CASE("btw $17, %fs:(%bx)", 0x001);
    printf("sum %08x\n", sum());
}

static sigjmp_buf back;
static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    printf("  signal %d code %d addr %p\n", sig, si->si_code, si->si_addr);
    siglongjmp(back, 1);
}

/* ES keeps base 0 here: the 16-bit offset is the fault address. */
static void faults(void)
{
    struct sigaction sa = {0};
    unsigned short ds;

    __asm__ volatile("movw %%ds, %0" : "=r"(ds));
    __asm__ volatile("movw %0, %%es" ::"r"(ds));
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    set(0x11, 0x3, 0, 0x00123456, 0, 0, 0x0badfffe);
    if (!sigsetjmp(back, 1))
        CASE("rep stosb %al, %es:(%di)", STD);
    set(0x11, 0x3, 0, 0x08048000, 0, 0, 0);
    if (!sigsetjmp(back, 1))
        CASE("movl (%bx), %eax", STD);
    set(0x11, 0x3, 0, 0x08048000, 0, 0x0000f000, 0);
    if (!sigsetjmp(back, 1))
        CASE("movl 0x2000(%bx,%si), %eax", STD);
    sa.sa_handler = SIG_DFL;
    sa.sa_flags = 0;
    sigaction(SIGSEGV, &sa, NULL);
}

int main(void)
{
    struct user_desc d = {.entry_number = -1, .base_addr = (unsigned)buf,
                          .limit = 0xfffff, .seg_32bit = 1,
                          .limit_in_pages = 1, .useable = 1};

    if (syscall(SYS_set_thread_area, &d) != 0) {
        perror("set_thread_area");
        return 1;
    }
    fs_sel = (unsigned short)(d.entry_number << 3 | 3);
    __asm__ volatile("movw %0, %%fs" ::"r"(fs_sel));
    lea_forms();
    mem_forms();
    strings();
    loops();
    xlat_bt();
    faults();
    return 0;
}
