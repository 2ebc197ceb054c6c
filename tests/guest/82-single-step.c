/* 82-single-step: EFLAGS.TF set by POPF, then a SIGTRAP after every
 * instruction (si_code TRAP_TRACE, trap number 1, EIP the next one)
 * through moves, arithmetic, a taken and a not-taken Jcc, CALL/RET, an
 * indirect jump, LOOP, REP MOVSB and REPE CMPSB (one trap per
 * iteration), PUSHF/POPF, INT $0x80, INT3 (the #BP only), a segment
 * load, XCHG, and the POPF that clears TF (which still traps).  Then
 * INT1 (ICEBP) and INT3 without TF.  (INT $0x80 is not followed by a
 * trap of its own: Linux returns from the system call with the trap
 * that TF asks for after the next instruction.)  The handler prints each trap's
 * fields, EIP as an offset from the sequence start, and the registers
 * the sequence changes. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

extern char seq_start[], seq_end[], icebp_site[], int3_site[];
static int ntraps;
char src[8] = "abcdefg", dst[8];

static void on_trap(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    greg_t *g = uc->uc_mcontext.gregs;
    unsigned eip = (unsigned)g[REG_EIP];

    if (++ntraps > 200) {
        g[REG_EFL] &= ~0x100;
        return;
    }
    printf("sig %d code %d trapno %d err %d eip %s%+d addr %s%+d eflags %03x "
           "eax=%08x ecx=%08x esi-src=%d\n", sig, si->si_code, (int)g[REG_TRAPNO],
           (int)g[REG_ERR], eip - (unsigned)seq_start < 0x1000 ? "seq" : "other",
           eip - (unsigned)seq_start < 0x1000 ? (int)(eip - (unsigned)seq_start) : 0,
           (unsigned)si->si_addr - (unsigned)seq_start < 0x1000 ? "seq" : "x",
           (unsigned)si->si_addr - (unsigned)seq_start < 0x1000
               ? (int)((unsigned)si->si_addr - (unsigned)seq_start) : (int)(unsigned)si->si_addr,
           (unsigned)g[REG_EFL] & 0xfd5, (unsigned)g[REG_EAX], (unsigned)g[REG_ECX],
           (int)((unsigned)g[REG_ESI] - (unsigned)src));
}

static void stepped(void)
{
    __asm__ volatile(
        "pushl %%ebx\n\tpushl %%ebp\n\t"
        "xorl %%ecx, %%ecx\n\tmovl $src, %%esi\n\t"
        ".globl seq_start\nseq_start:\n\t"
        "pushfl\n\torl $0x100, (%%esp)\n\tpopfl\n\t"
        "movl $5, %%eax\n\t"
        "addl $3, %%eax\n\t"
        "cmpl $8, %%eax\n\t"
        "jne 1f\n\t"
        "je 1f\n\t"
        "nop\n"
        "1:\tcall 2f\n\t"
        "jmp 3f\n"
        "2:\tincl %%eax\n\t"
        "ret\n"
        "3:\tleal 4f, %%ecx\n\t"
        "jmp *%%ecx\n"
        "4:\tmovl $3, %%ecx\n"
        "5:\tloop 5b\n\t"
        "movl $src, %%esi\n\tmovl $dst, %%edi\n\tmovl $3, %%ecx\n\t"
        "cld\n\trep movsb\n\t"
        "movl $src, %%esi\n\tmovl $dst, %%edi\n\tmovl $4, %%ecx\n\t"
        "repe cmpsb\n\t"
        "pushfl\n\tpopfl\n\t"
        "movl $20, %%eax\n\tint $0x80\n\t"
        "movl $0, %%eax\n\t"
        "int3\n\t"
        "movw %%ds, %%cx\n\tmovw %%cx, %%ds\n\t"
        "movl $0, %%eax\n\txchgl %%eax, %%ecx\n\t"
        "movl $1, %%eax\n\t"
        "pushfl\n\tandl $~0x100, (%%esp)\n\tpopfl\n\t"
        "movl $2, %%eax\n\t"
        ".globl seq_end\nseq_end:\n\t"
        "popl %%ebp\n\tpopl %%ebx"
        ::: "eax", "ecx", "edx", "esi", "edi", "memory", "cc");
}

int main(void)
{
    struct sigaction sa;

    setvbuf(stdout, NULL, _IOLBF, 0);
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_trap;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGTRAP, &sa, NULL);
    stepped();
    printf("%d traps, dst %s\n", ntraps, dst);
    ntraps = 0;
    __asm__ volatile("xorl %%eax, %%eax\n\txorl %%ecx, %%ecx\n\t"
                     ".globl icebp_site\nicebp_site:\n\t.byte 0xf1\n\t"
                     ".globl int3_site\nint3_site:\n\tint3\n\t.byte 0xcd, 0x03" ::: "eax", "ecx", "cc");
    printf("%d traps\n", ntraps);
    return 0;
}
