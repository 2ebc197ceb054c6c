/* 51-insn-gaps: the less common user-mode instructions, each printing its
 * result or the signal Linux delivers for it: ENTER with nesting, far
 * CALL/JMP/RET and IRET through the process's own code selector, BOUND and
 * INTO (SIGSEGV when they trap), SALC, LOOP/JCXZ with the 0x67 prefix (CX),
 * multi-byte NOPs and PAUSE, INT3/INT1 (SIGTRAP), UD2 (SIGILL), HLT, IN,
 * OUT, CLI, RDMSR and a far jump to a foreign selector (SIGSEGV). */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static sigjmp_buf env;

static void handler(int sig)
{
    siglongjmp(env, sig);
}

#define TRY(name, ...)                                                     \
    do {                                                                   \
        int sig_ = sigsetjmp(env, 1);                                      \
        if (!sig_) {                                                       \
            __VA_ARGS__;                                                   \
            printf("%-10s ok\n", name);                                    \
        } else {                                                           \
            printf("%-10s signal %d\n", name, sig_);                       \
        }                                                                  \
    } while (0)

static uint32_t enter_test(int level)
{
    uint32_t out[4];
    __asm__ volatile("pushl %%ebp\n\tmovl %%esp, %%ebp\n\t"
                     "subl $64, %%esp\n\t"
                     "movl $0x11111111, -4(%%ebp)\n\tmovl $0x22222222, -8(%%ebp)\n\t"
                     "cmpl $0, %[lv]\n\tje 1f\n\t"
                     "enter $8, $3\n\tjmp 2f\n1:\tenter $8, $0\n2:\t"
                     "movl -4(%%ebp), %%eax\n\tmovl %%eax, 0(%[o])\n\t"
                     "movl -8(%%ebp), %%eax\n\tmovl %%eax, 4(%[o])\n\t"
                     "movl %%ebp, %%eax\n\tsubl %%esp, %%eax\n\tmovl %%eax, 8(%[o])\n\t"
                     "leave\n\tleave\n\t"
                     : : [lv] "r"(level), [o] "r"(out) : "eax", "memory");
    /* At level 0 the words below the new frame are uninitialised stack:
     * only the frame size is defined. */
    return level ? out[0] ^ out[1] * 3 ^ out[2] * 7 : out[2];
}

int main(void)
{
    struct sigaction sa;
    uint32_t r = 0, cs = 0;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = handler;
    sigaction(SIGSEGV, &sa, 0);
    sigaction(SIGILL, &sa, 0);
    sigaction(SIGTRAP, &sa, 0);
    __asm__("movl %%cs, %0" : "=r"(cs));

    printf("enter0 %08x enter3 %08x\n", enter_test(0), enter_test(3));
    TRY("lcall", {
        struct { uint32_t off; uint16_t sel; } __attribute__((packed)) p;
        __asm__ volatile("movl $1f, %[o]\n\tmovw %w[cs], %[s]\n\t"
                         "movl $0, %%eax\n\tlcall *%[p]\n\tjmp 2f\n"
                         "1:\tmovl $42, %%eax\n\tlret\n2:\tmovl %%eax, %[r]"
                         : [o] "=m"(p.off), [s] "=m"(p.sel), [r] "=m"(r)
                         : [cs] "r"(cs), [p] "m"(p) : "eax", "memory");
        printf("lcall ret %u\n", r);
    });
    TRY("ljmp", {
        struct { uint32_t off; uint16_t sel; } __attribute__((packed)) p;
        __asm__ volatile("movl $1f, %[o]\n\tmovw %w[cs], %[s]\n\t"
                         "ljmp *%[p]\n\tud2\n1:"
                         : [o] "=m"(p.off), [s] "=m"(p.sel)
                         : [cs] "r"(cs), [p] "m"(p) : "memory");
    });
    TRY("ljmp-bad", {
        struct { uint32_t off; uint16_t sel; } __attribute__((packed)) p;
        __asm__ volatile("movl $1f, %[o]\n\tmovw $0x4b, %[s]\n\t"
                         "ljmp *%[p]\n1:"
                         : [o] "=m"(p.off), [s] "=m"(p.sel)
                         : [p] "m"(p) : "memory");
    });
    TRY("iret", {
        __asm__ volatile("pushfl\n\tpushl %[cs]\n\tpushl $1f\n\tiret\n1:"
                         : : [cs] "r"(cs) : "memory", "cc");
    });
    TRY("bound-in", {
        int32_t b[2] = {-5, 10};
        __asm__ volatile("movl $3, %%eax\n\tboundl %%eax, %0" : : "m"(b) : "eax");
    });
    TRY("bound-out", {
        int32_t b[2] = {-5, 10};
        __asm__ volatile("movl $11, %%eax\n\tboundl %%eax, %0" : : "m"(b) : "eax");
    });
    TRY("into-0", __asm__ volatile("xorl %%eax, %%eax\n\tinto" ::: "eax", "cc"));
    TRY("into-1", __asm__ volatile("movl $0x7fffffff, %%eax\n\taddl $1, %%eax\n\tinto"
                                   ::: "eax", "cc"));
    TRY("salc", {
        uint32_t a;
        __asm__ volatile("movl $0x1234, %%eax\n\tstc\n\t.byte 0xd6\n\tmovl %%eax, %0\n\t"
                         "clc\n\t.byte 0xd6\n\tmovb %%al, %0"
                         : "=m"(a) : : "eax", "cc");
        printf("salc %08x\n", a);
    });
    TRY("loop16", {
        uint32_t c, n = 0;
        __asm__ volatile("movl $0x50003, %%ecx\n1:\tincl %[n]\n\t"
                         ".byte 0x67\n\tloop 1b\n\tmovl %%ecx, %[c]"
                         : [c] "=r"(c), [n] "+r"(n) : : "ecx");
        printf("loop16 ecx %08x n %u\n", c, n);
    });
    TRY("jcxz16", {
        uint32_t t = 0;
        __asm__ volatile("movl $0x10000, %%ecx\n\t.byte 0x67\n\tjecxz 1f\n\t"
                         "movl $1, %[t]\n1:"
                         : [t] "+r"(t) : : "ecx");
        printf("jcxz16 taken %u\n", !t);
    });
    TRY("nops", __asm__ volatile("pause\n\t.byte 0x0f,0x1f,0x00\n\t"
                                 ".byte 0x0f,0x1f,0x44,0x00,0x00\n\t"
                                 ".byte 0x66,0x0f,0x1f,0x84,0x00,0,0,0,0\n\t"
                                 ".byte 0x66,0x90"));
    TRY("int3", __asm__ volatile("int3"));
    TRY("int1", __asm__ volatile(".byte 0xf1"));
    TRY("ud2", __asm__ volatile("ud2"));
    TRY("hlt", __asm__ volatile("hlt"));
    TRY("in", __asm__ volatile("inb $0x80, %%al" ::: "eax"));
    TRY("out", __asm__ volatile("outb %%al, $0x80" ::: "eax"));
    TRY("cli", __asm__ volatile("cli"));
    TRY("rdmsr", __asm__ volatile("rdmsr" ::: "eax", "edx"));
    TRY("int-0x21", __asm__ volatile("int $0x21"));
    return 0;
}
