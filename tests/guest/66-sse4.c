/* cflags: -msse4.2 */
/*
 * 66-sse4: every SSE4.1 and SSE4.2 instruction (SDM vol. 2) over edge
 * operands in register and memory forms (simd-harness.h): the variable
 * blends with their XMM0 mask, PTEST's flags, the sign and zero
 * extensions from memory of their exact width, ROUNDPS/PD/SS/SD,
 * BLENDPS/PD, PBLENDW, DPPS/DPPD, MPSADBW, INSERTPS and the element
 * extracts and inserts for every imm8, PCMPESTRI/M and PCMPISTRI/M for
 * every imm8 with their ECX, XMM0 and flags over string-like operands
 * and lengths from 0 to past 16 and negative, and CRC32 from 8-bit
 * (including AH..BH), 16-bit and 32-bit registers and memory.  The native
 * run is the oracle.
 */
#include "simd-harness.h"

#define SSE41(X)                                                            \
    X(pmovsxbw) X(pmovsxbd) X(pmovsxbq) X(pmovsxwd) X(pmovsxwq) X(pmovsxdq) \
    X(pmovzxbw) X(pmovzxbd) X(pmovzxbq) X(pmovzxwd) X(pmovzxwq) X(pmovzxdq) \
    X(pmuldq) X(pcmpeqq) X(packusdw) X(pcmpgtq) X(pminsb) X(pminsd)         \
    X(pminuw) X(pminud) X(pmaxsb) X(pmaxsd) X(pmaxuw) X(pmaxud) X(pmulld)   \
    X(phminposuw) X(pblendvb) X(blendvps) X(blendvpd) X(ptest)
#define DEF_RM(n) RM(n, #n)
SSE41(DEF_RM)
FN(movntdqa_m, "movntdqa 16(%%esi), %%xmm1")

#define SSE41_IMM(X)                                                        \
    X(roundps) X(roundpd) X(roundss) X(roundsd) X(blendps) X(blendpd)       \
    X(pblendw) X(dpps) X(dppd) X(mpsadbw) X(insertps)                       \
    X(pcmpestri) X(pcmpestrm) X(pcmpistri) X(pcmpistrm)
#define DEF_RMI(n) RMI(n, #n)
SSE41_IMM(DEF_RMI)

/* Extracts to ECX and to memory (the source slot), inserts from ECX and
 * from memory. */
#define EXTRACT(n)                                                          \
    FNI(n##_r, #n " %[k], %%xmm1, %%ecx")                                   \
    FNI(n##_m, #n " %[k], %%xmm1, 16(%%esi)")
EXTRACT(pextrb) EXTRACT(pextrw) EXTRACT(pextrd) EXTRACT(extractps)
FNI(pinsrb_r, "pinsrb %[k], %%ecx, %%xmm1")
FNI(pinsrb_m, "pinsrb %[k], 16(%%esi), %%xmm1")
FNI(pinsrd_r, "pinsrd %[k], %%ecx, %%xmm1")
FNI(pinsrd_m, "pinsrd %[k], 16(%%esi), %%xmm1")

/* CRC32 into ECX. */
FN(crc32b_dl, "crc32b %%dl, %%ecx") FN(crc32b_dh, "crc32b %%dh, %%ecx")
FN(crc32b_ah, "crc32b %%ah, %%ecx") FN(crc32b_m, "crc32b 16(%%esi), %%ecx")
FN(crc32w_r, "crc32w %%dx, %%ecx") FN(crc32w_m, "crc32w 16(%%esi), %%ecx")
FN(crc32l_r, "crc32l %%edx, %%ecx") FN(crc32l_m, "crc32l 16(%%esi), %%ecx")
FN(crc32l_self, "crc32l %%ecx, %%ecx")

static const Test tests[] = {
#define T_SSE41(n) T_RM(n, 0),
    SSE41(T_SSE41)
    T(movntdqa_m, 0),
#define T_IMM(n) TI_RM(n, 6),
    SSE41_IMM(T_IMM)
    TI_RM(pextrb, 6), TI_RM(pextrw, 6), TI_RM(pextrd, 6), TI_RM(extractps, 6),
    TI_RM(pinsrb, 6), TI_RM(pinsrd, 6),
    T(crc32b_dl, 0), T(crc32b_dh, 0), T(crc32b_ah, 0), T(crc32b_m, 0),
    T_RM(crc32w, 0), T_RM(crc32l, 0), T(crc32l_self, 0),
};

int main(int argc, char **argv)
{
    run_tests(tests, sizeof(tests) / sizeof(tests[0]), argc, argv);
    return 0;
}
