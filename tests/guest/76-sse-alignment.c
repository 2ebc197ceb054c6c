/* 76-sse-alignment: the legacy (non-VEX) SSE instructions with a 16-byte
 * memory operand that must be 16-byte aligned raise #GP(0) on a
 * misaligned one (SDM vol. 1, 10.4 / 11.4.1 and each instruction's
 * "Protected Mode Exceptions"): SIGSEGV, si_code SI_KERNEL, trap 13,
 * error 0, EIP at the instruction, the destination unchanged.  The
 * unaligned loads and stores, the scalar forms, the 8-byte operands and
 * the SSE4.2 string compares take any address; FXSAVE/FXRSTOR need 16.
 * cflags: -msse4.2 -maes -mpclmul */
#include "fault-harness.h"

static unsigned char buf[1024] __attribute__((aligned(64)));

static void handler(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    greg_t *g = uc->uc_mcontext.gregs;

    faulted = 1;
    printf("  sig %d code %#x addr %p trapno %d err %#x eip site%+d esi buf%+d"
           " eax %x edx %x fl %03x\n",
           sig, si->si_code, si->si_addr, (int)g[REG_TRAPNO], (unsigned)g[REG_ERR],
           (int)(g[REG_EIP] - site), (int)(g[REG_ESI] - (unsigned)buf),
           (unsigned)g[REG_EAX], (unsigned)g[REG_EDX], (unsigned)g[REG_EFL] & 0x8d5);
    g[REG_EIP] = site + skip;
}

static void show_xmm1(void)
{
    unsigned v[4];

    __asm__ volatile("movups %%xmm1, %0" : "=m"(v));
    printf("  xmm1 %08x %08x %08x %08x\n", v[0], v[1], v[2], v[3]);
}

/* `insn` at label f_name with ESI = buf + off and XMM1 = a known value. */
#define CASE(name, off, insn)                                                 \
    do {                                                                      \
        printf("%s +%d\n", #name, off);                                       \
        FAULT_SITE(name);                                                     \
        __asm__ volatile("movl %0, %%esi\n\t"                                 \
                         "pcmpeqd %%xmm1, %%xmm1\n\tpsrld $4, %%xmm1\n\t"     \
                         "pcmpeqd %%xmm0, %%xmm0\n\t"                         \
                         "movl $4, %%eax\n\tmovl $4, %%edx\n\tcmpl $5, %%eax\n\t"               \
                         ".globl f_" #name "\nf_" #name ":\n\t" insn "\n"     \
                         ".globl e_" #name "\ne_" #name ":\n\t"               \
                         :: "r"(buf + 64 + (off))                             \
                         : "eax", "ecx", "edx", "esi", "xmm0", "xmm1", "memory", "cc"); \
        if (!faulted)                                                         \
            printf("  no fault\n");                                           \
        show_xmm1();                                                          \
    } while (0)

/* Each 16-byte form misaligned by 4 and 8, then aligned. */
#define CASE3(name, insn)                                                     \
    CASE(name##_4, 4, insn); CASE(name##_8, 8, insn); CASE(name##_0, 0, insn)

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    for (int i = 0; i < (int)sizeof(buf); i++)
        buf[i] = (unsigned char)(i * 7 + 1);
    catch_faults(handler, SIGSEGV, SIGBUS, SIGILL, 0);

    /* moves: aligned ones fault, unaligned ones do not */
    CASE3(movaps_ld, "movaps (%%esi), %%xmm1");
    CASE3(movaps_st, "movaps %%xmm1, (%%esi)");
    CASE3(movapd_ld, "movapd (%%esi), %%xmm1");
    CASE3(movapd_st, "movapd %%xmm1, (%%esi)");
    CASE3(movdqa_ld, "movdqa (%%esi), %%xmm1");
    CASE3(movdqa_st, "movdqa %%xmm1, (%%esi)");
    CASE3(movntps, "movntps %%xmm1, (%%esi)");
    CASE3(movntpd, "movntpd %%xmm1, (%%esi)");
    CASE3(movntdq, "movntdq %%xmm1, (%%esi)");
    CASE3(movntdqa, "movntdqa (%%esi), %%xmm1");
    CASE3(movups_ld, "movups (%%esi), %%xmm1");
    CASE3(movups_st, "movups %%xmm1, (%%esi)");
    CASE3(movupd_ld, "movupd (%%esi), %%xmm1");
    CASE3(movdqu_ld, "movdqu (%%esi), %%xmm1");
    CASE3(movdqu_st, "movdqu %%xmm1, (%%esi)");
    CASE3(lddqu, "lddqu (%%esi), %%xmm1");
    CASE(movlps, 4, "movlps (%%esi), %%xmm1");
    CASE(movhpd, 4, "movhpd (%%esi), %%xmm1");
    CASE(movhps_st, 4, "movhps %%xmm1, (%%esi)");
    CASE(movss, 4, "movss (%%esi), %%xmm1");
    CASE(movsd_st, 4, "movsd %%xmm1, (%%esi)");
    CASE(movq, 4, "movq (%%esi), %%xmm1");
    CASE(movq_st, 4, "movq %%xmm1, (%%esi)");
    CASE(movd, 4, "movd (%%esi), %%xmm1");
    /* packed arithmetic (the regular tables) */
    CASE3(addps, "addps (%%esi), %%xmm1");
    CASE3(mulpd, "mulpd (%%esi), %%xmm1");
    CASE3(sqrtps, "sqrtps (%%esi), %%xmm1");
    CASE3(andnpd, "andnpd (%%esi), %%xmm1");
    CASE3(unpcklps, "unpcklps (%%esi), %%xmm1");
    CASE3(cvtdq2ps, "cvtdq2ps (%%esi), %%xmm1");
    CASE3(cvtpd2ps, "cvtpd2ps (%%esi), %%xmm1");
    CASE3(cvttpd2dq, "cvttpd2dq (%%esi), %%xmm1");
    CASE3(punpcklqdq, "punpcklqdq (%%esi), %%xmm1");
    CASE3(paddb, "paddb (%%esi), %%xmm1");
    CASE3(pxor, "pxor (%%esi), %%xmm1");
    CASE3(psllw, "psllw (%%esi), %%xmm1");
    CASE3(haddps, "haddps (%%esi), %%xmm1");
    CASE3(addsubpd, "addsubpd (%%esi), %%xmm1");
    CASE3(movsldup, "movsldup (%%esi), %%xmm1");
    CASE3(pshufb, "pshufb (%%esi), %%xmm1");
    CASE3(pabsd, "pabsd (%%esi), %%xmm1");
    CASE3(pmulld, "pmulld (%%esi), %%xmm1");
    CASE3(packusdw, "packusdw (%%esi), %%xmm1");
    CASE3(pcmpgtq, "pcmpgtq (%%esi), %%xmm1");
    CASE3(aesenc, "aesenc (%%esi), %%xmm1");
    CASE3(aesimc, "aesimc (%%esi), %%xmm1");
    CASE3(blendvps, "blendvps %%xmm0, (%%esi), %%xmm1");
    CASE3(pblendvb, "pblendvb %%xmm0, (%%esi), %%xmm1");
    CASE3(ptest, "ptest (%%esi), %%xmm1");
    /* the irregular ones */
    CASE3(pshufd, "pshufd $0x1b, (%%esi), %%xmm1");
    CASE3(shufps, "shufps $0x1b, (%%esi), %%xmm1");
    CASE3(cmpps, "cmpps $1, (%%esi), %%xmm1");
    CASE3(cmppd, "cmppd $1, (%%esi), %%xmm1");
    CASE3(cvtpd2pi, "cvtpd2pi (%%esi), %%mm1\n\temms");
    CASE3(roundps, "roundps $1, (%%esi), %%xmm1");
    CASE3(blendps, "blendps $5, (%%esi), %%xmm1");
    CASE3(palignr, "palignr $3, (%%esi), %%xmm1");
    CASE3(dpps, "dpps $0xff, (%%esi), %%xmm1");
    CASE3(mpsadbw, "mpsadbw $1, (%%esi), %%xmm1");
    CASE3(pclmulqdq, "pclmulqdq $1, (%%esi), %%xmm1");
    CASE3(aeskeygen, "aeskeygenassist $1, (%%esi), %%xmm1");
    CASE3(pcmpestri, "pcmpestri $0, (%%esi), %%xmm1");
    CASE3(pcmpistrm, "pcmpistrm $0, (%%esi), %%xmm1");
    /* scalar and narrower operands: any address */
    CASE(addss, 1, "addss (%%esi), %%xmm1");
    CASE(addsd, 4, "addsd (%%esi), %%xmm1");
    CASE(sqrtsd, 4, "sqrtsd (%%esi), %%xmm1");
    CASE(cmpss, 1, "cmpss $1, (%%esi), %%xmm1");
    CASE(comisd, 4, "comisd (%%esi), %%xmm1");
    CASE(cvtss2sd, 1, "cvtss2sd (%%esi), %%xmm1");
    CASE(cvtps2pd, 4, "cvtps2pd (%%esi), %%xmm1");
    CASE(cvtdq2pd, 4, "cvtdq2pd (%%esi), %%xmm1");
    CASE(movddup, 4, "movddup (%%esi), %%xmm1");
    CASE(pmovsxbw, 4, "pmovsxbw (%%esi), %%xmm1");
    CASE(pmovzxbq, 1, "pmovzxbq (%%esi), %%xmm1");
    CASE(roundsd, 4, "roundsd $1, (%%esi), %%xmm1");
    CASE(insertps, 1, "insertps $0x10, (%%esi), %%xmm1");
    CASE(pinsrd, 1, "pinsrd $1, (%%esi), %%xmm1");
    CASE(pextrd, 1, "pextrd $1, %%xmm1, (%%esi)");
    CASE(cvtsi2sd, 1, "cvtsi2sd (%%esi), %%xmm1");
    CASE(cvttsd2si, 4, "cvttsd2si (%%esi), %%eax");
    CASE(paddb_mmx, 4, "paddb (%%esi), %%mm1\n\temms");
    CASE(pshufb_mmx, 4, "pshufb (%%esi), %%mm1\n\temms");
    CASE(cvtpi2ps, 4, "cvtpi2ps (%%esi), %%xmm1\n\temms");
    CASE(ldmxcsr, 1, "stmxcsr (%%esi)\n\tldmxcsr (%%esi)");
    /* FXSAVE/FXRSTOR: a 512-byte area aligned on 16 */
    CASE3(fxsave, "fxsave (%%esi)");
    CASE3(fxrstor, "fxsave 256(%%esi)\n\tfxrstor 256(%%esi)");
    printf("done\n");
    return 0;
}
