/* 84-bmi-vexw: the VEX-encoded BMI1 and BMI2 instructions (ANDN BEXTR
 * BLSR BLSMSK BLSI BZHI PDEP PEXT MULX SARX SHLX SHRX RORX) with VEX.W0
 * and with VEX.W1, which in 64-bit mode selects 64-bit operands; in
 * 32-bit mode the SDM says W1 is ignored (their "VEX.W1 in non-64-bit
 * mode is ignored" lines).  Each is run as raw bytes with EAX the
 * destination, ECX in VEX.vvvv and EDX the r/m operand, on a few
 * operands; it prints EAX, ECX, EDX and the flags the SDM defines for
 * it, or the signal.  Everything must be what the real CPU gives. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static sigjmp_buf back;

static void on_sig(int sig)
{
    printf(" -> signal %d\n", sig);
    siglongjmp(back, 1);
}

/* C4, then RXB=111 and the map, then W vvvv L=0 pp (pp holds the inverted
 * vvvv: 0x70 for ECX, 0x78 for none), then the opcode,
 * ModRM (reg EAX or the group's /r, r/m EDX) and the immediate if any;
 * padded with NOPs to 8 bytes. */
#define VEX_INSN(map, w, pp, op, modrm, imm)                                \
    ".byte 0xc4, 0xe0 | " #map ", " #w " << 7 | " #pp ", " #op ", " #modrm ", " #imm "\n\tnop; nop\n\t"

#define RUN(name, map, pp, op, modrm, imm, fmask)                           \
    static void run_##name(int w, unsigned a, unsigned c, unsigned d)       \
    {                                                                       \
        unsigned fo;                                                        \
        printf("%-7s W%d %08x %08x %08x", #name, w, a, c, d);               \
        fflush(stdout);                                                     \
        if (sigsetjmp(back, 1))                                             \
            return;                                                         \
        if (w)                                                              \
            __asm__ volatile("pushl $0x202\n\tpopfl\n\t"                    \
                             VEX_INSN(map, 1, pp, op, modrm, imm)            \
                             "pushfl\n\tpopl %3"                            \
                             : "+a"(a), "+c"(c), "+d"(d), "=r"(fo) :: "cc"); \
        else                                                                \
            __asm__ volatile("pushl $0x202\n\tpopfl\n\t"                    \
                             VEX_INSN(map, 0, pp, op, modrm, imm)            \
                             "pushfl\n\tpopl %3"                            \
                             : "+a"(a), "+c"(c), "+d"(d), "=r"(fo) :: "cc"); \
        printf(" -> %08x %08x %08x fl %03x\n", a, c, d, fo & (fmask));      \
    }

RUN(andn, 2, 0x70 | 0, 0xf2, 0xc2, 0x90, 0x8c1)   /* SF ZF, OF CF cleared */
RUN(bextr, 2, 0x70 | 0, 0xf7, 0xc2, 0x90, 0x841)  /* ZF, OF CF cleared */
RUN(blsr, 2, 0x70 | 0, 0xf3, 0xca, 0x90, 0x8c1)   /* /1 */
RUN(blsmsk, 2, 0x70 | 0, 0xf3, 0xd2, 0x90, 0x8c1) /* /2 */
RUN(blsi, 2, 0x70 | 0, 0xf3, 0xda, 0x90, 0x8c1)   /* /3 */
RUN(bzhi, 2, 0x70 | 0, 0xf5, 0xc2, 0x90, 0x8c1)
RUN(pext, 2, 0x70 | 2, 0xf5, 0xc2, 0x90, 0x8d5)
RUN(pdep, 2, 0x70 | 3, 0xf5, 0xc2, 0x90, 0x8d5)
RUN(mulx, 2, 0x70 | 3, 0xf6, 0xc2, 0x90, 0x8d5)
RUN(shlx, 2, 0x70 | 1, 0xf7, 0xc2, 0x90, 0x8d5)
RUN(sarx, 2, 0x70 | 2, 0xf7, 0xc2, 0x90, 0x8d5)
RUN(shrx, 2, 0x70 | 3, 0xf7, 0xc2, 0x90, 0x8d5)
RUN(rorx, 3, 0x78 | 3, 0xf0, 0xc2, 0x0d, 0x8d5)   /* imm 13 */
RUN(rorx33, 3, 0x78 | 3, 0xf0, 0xc2, 0x21, 0x8d5) /* imm 33: masked to 5 or 6 bits? */
RUN(shlx33, 2, 0x70 | 1, 0xf7, 0xc2, 0x90, 0x8d5) /* count 33 in ECX */

int main(void)
{
    static const unsigned ops[][3] = {
        {0, 0, 0}, {0x12345678, 0x0000ff0f, 0xdeadbeef}, {0, 0x00000821, 0xffffffff},
        {0, 0x80000001, 0x80000000}, {0, 31, 0x7fffffff}, {0, 0x00002004, 0xf0f0f0f0},
    };
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_sig;
    sa.sa_flags = SA_NODEFER;
    sigaction(SIGILL, &sa, NULL);
    for (int w = 0; w < 2; w++)
        for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
            unsigned a = ops[i][0], c = ops[i][1], d = ops[i][2];
            run_andn(w, a, c, d);
            run_bextr(w, a, c, d);
            run_blsr(w, a, c, d);
            run_blsmsk(w, a, c, d);
            run_blsi(w, a, c, d);
            run_bzhi(w, a, c, d);
            run_pext(w, a, c, d);
            run_pdep(w, a, c, d);
            run_mulx(w, a, c, d);
            run_shlx(w, a, c, d);
            run_sarx(w, a, c, d);
            run_shrx(w, a, c, d);
            run_rorx(w, a, c, d);
            run_rorx33(w, a, c, d);
            run_shlx33(w, a, 33, d);
        }
    return 0;
}
