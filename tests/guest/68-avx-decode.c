/* cflags: -mavx2 -fno-pie -no-pie */
/*
 * 68-avx-decode: the VEX decoder against the CPU.  A fixed-seed stream
 * of random VEX encodings (C4 and C5; map, VEX.pp, VEX.L, VEX.W,
 * VEX.vvvv, opcode and a register-only ModRM at random, imm8 0x90, which
 * is a NOP when the instruction takes none) each runs from known YMM0-7
 * and general registers; it prints the signal it raised (#UD: SIGILL)
 * or a hash of every register and the arithmetic flags after it.  Left
 * out: the VEX instructions of extensions stitch does not report that
 * the host may have (AVX-512's mask-register ops, VAES, VPCLMULQDQ
 * VEX.256, GFNI, AVX-VNNI, AVX-IFMA), VPERMQ/VPERMPD with VEX.W0 (AMD
 * runs them, docs/divergences.md), BMI's (flags the SDM leaves
 * undefined), VZEROUPPER/VZEROALL (no ModRM: the next bytes would be
 * another instruction), and ModRM fields naming ESP (its value differs
 * between the two runs).  The native run is the oracle.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

typedef unsigned long long u64;

static sigjmp_buf jb;
static volatile int lastsig;

static void on_signal(int sig, siginfo_t *si, void *uc)
{
    (void)si;
    (void)uc;
    lastsig = sig;
    siglongjmp(jb, 1);
}

/* Global, so the asm names them as absolute addresses. */
unsigned char *code;
u64 regs[8][4] __attribute__((aligned(32)));
u64 out[8][4] __attribute__((aligned(32)));
unsigned gp[8], flv;

static u64 rnd = 88172645463325252ull;
static u64 next(void)
{
    rnd ^= rnd << 13;
    rnd ^= rnd >> 7;
    rnd ^= rnd << 17;
    return rnd;
}

/* Extensions stitch does not report, and the encodings left out above. */
static int left_out(int map, int opc, int l, int w, int modrm)
{
    if (map == 1 && ((opc >= 0x41 && opc <= 0x4b) || (opc >= 0x90 && opc <= 0x93) ||
                     opc == 0x98 || opc == 0x99))
        return 1; /* AVX-512 mask-register ops */
    if (map == 3 && opc >= 0x30 && opc <= 0x33)
        return 1; /* KSHIFT */
    if ((map == 2 && opc >= 0xdc && opc <= 0xdf && l) || (map == 3 && opc == 0x44 && l))
        return 1; /* VAES, VPCLMULQDQ */
    if ((map == 2 && opc == 0xcf) || (map == 3 && (opc == 0xce || opc == 0xcf)))
        return 1; /* GFNI */
    if (map == 2 && ((opc >= 0x50 && opc <= 0x53) || opc == 0xb4 || opc == 0xb5))
        return 1; /* AVX-VNNI, AVX-IFMA */
    if ((map == 2 && opc >= 0xf0) || (map == 3 && opc <= 1 && !w) || (map == 1 && opc == 0x77))
        return 1; /* BMI, VPERMQ/PD W0, VZEROUPPER/ALL */
    return (modrm & 7) == 4 || ((modrm >> 3) & 7) == 4; /* ESP */
}

/* One random instruction into b (without its imm8 and RET); its length. */
static int random_insn(unsigned char *b)
{
    for (;;) {
        int three = (int)(next() & 1), map = 1 + (int)(next() % 3), pp = (int)(next() & 3);
        int l = (int)(next() & 1), w = (int)(next() & 1), vvvv = (int)(next() & 7);
        int opc = (int)(next() & 255), modrm = 0xc0 | (int)(next() & 63), k = 0;

        if (!three)
            map = 1;
        if (left_out(map, opc, l, w, modrm))
            continue;
        if (three) {
            b[k++] = 0xc4;
            b[k++] = (unsigned char)(0xe0 | map);
            b[k++] = (unsigned char)(w << 7 | (~vvvv & 15) << 3 | l << 2 | pp);
        } else {
            b[k++] = 0xc5;
            b[k++] = (unsigned char)(0x80 | (~vvvv & 15) << 3 | l << 2 | pp);
        }
        b[k++] = (unsigned char)opc;
        b[k++] = (unsigned char)modrm;
        return k;
    }
}

static void run(void)
{
    __asm__ volatile(
        "vmovdqa regs+0, %%ymm0\n\tvmovdqa regs+32, %%ymm1\n\t"
        "vmovdqa regs+64, %%ymm2\n\tvmovdqa regs+96, %%ymm3\n\t"
        "vmovdqa regs+128, %%ymm4\n\tvmovdqa regs+160, %%ymm5\n\t"
        "vmovdqa regs+192, %%ymm6\n\tvmovdqa regs+224, %%ymm7\n\t"
        "pushl %%ebp\n\tpushl %%ebx\n\tpushl %%esi\n\tpushl %%edi\n\t"
        "movl $0x1234567, %%eax\n\tmovl $0x89abcdef, %%ebx\n\tmovl $5, %%ecx\n\t"
        "movl $0x7777, %%edx\n\tmovl $0x55555555, %%esi\n\t"
        "movl $0x33333333, %%edi\n\tmovl $0x11, %%ebp\n\t"
        "call *code\n\t"
        "pushfl\n\tmovl %%eax, gp+0\n\tpopl %%eax\n\tmovl %%eax, flv\n\t"
        "movl %%ebx, gp+4\n\tmovl %%ecx, gp+8\n\tmovl %%edx, gp+12\n\t"
        "movl %%esi, gp+16\n\tmovl %%edi, gp+20\n\tmovl %%ebp, gp+24\n\t"
        "popl %%edi\n\tpopl %%esi\n\tpopl %%ebx\n\tpopl %%ebp\n\t"
        "vmovdqa %%ymm0, out+0\n\tvmovdqa %%ymm1, out+32\n\t"
        "vmovdqa %%ymm2, out+64\n\tvmovdqa %%ymm3, out+96\n\t"
        "vmovdqa %%ymm4, out+128\n\tvmovdqa %%ymm5, out+160\n\t"
        "vmovdqa %%ymm6, out+192\n\tvmovdqa %%ymm7, out+224\n\tvzeroupper"
        : : : "eax", "ecx", "edx", "memory", "cc");
}

static u64 hash_state(void)
{
    u64 h = 1469598103934665603ull;
    const unsigned char *p = (const unsigned char *)out;

    for (int j = 0; j < (int)sizeof(out); j++)
        h = (h ^ p[j]) * 1099511628211ull;
    p = (const unsigned char *)gp;
    for (int j = 0; j < 28; j++)
        h = (h ^ p[j]) * 1099511628211ull;
    return h;
}

int main(int argc, char **argv)
{
    static const int sigs[] = {SIGILL, SIGSEGV, SIGFPE, SIGBUS, SIGTRAP};
    int n = argc > 1 ? atoi(argv[1]) : 6000;
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
        sigaction(sigs[i], &sa, NULL);
    code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED)
        return 1;
    static int i; /* static: live across siglongjmp */

    for (i = 0; i < n; i++) {
        unsigned char b[16];
        int k = random_insn(b);

        for (int r = 0; r < 8; r++)
            for (int q = 0; q < 4; q++)
                regs[r][q] = next();
        memcpy(code, b, (size_t)k);
        code[k] = 0x90; /* imm8, or a NOP */
        code[k + 1] = 0xc3;
        printf("%d:", i);
        for (int j = 0; j < k; j++)
            printf(" %02x", b[j]);
        lastsig = 0;
        if (!sigsetjmp(jb, 1)) {
            run();
            printf(" -> ran %016llx fl %x\n", hash_state(), flv & 0x8d5);
        } else {
            printf(" -> sig %d\n", lastsig);
        }
    }
    return 0;
}
