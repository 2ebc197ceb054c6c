/* cflags: -msse3 -mssse3 */
/*
 * 65-sse3-ssse3: every SSE3 and SSSE3 instruction (SDM vol. 2) over edge
 * operands -- NaNs, signed zeros, denormals, infinities, saturating
 * integers, string-like bytes -- in register and memory forms, the
 * SSSE3 ones on MMX and XMM registers, PALIGNR for every imm8, under the
 * reset MXCSR and under round-up with FTZ and DAZ (simd-harness.h).
 * The native run is the oracle.
 */
#include "simd-harness.h"

/* SSE3 */
RM(addsubps, "addsubps") RM(addsubpd, "addsubpd")
RM(haddps, "haddps") RM(haddpd, "haddpd")
RM(hsubps, "hsubps") RM(hsubpd, "hsubpd")
RM(movsldup, "movsldup") RM(movshdup, "movshdup") RM(movddup, "movddup")
FN(lddqu_m, "lddqu 16(%%esi), %%xmm1")

/* SSSE3 on XMM and MMX registers */
#define SSSE3(X)                                                            \
    X(pshufb) X(phaddw) X(phaddd) X(phaddsw) X(pmaddubsw) X(phsubw)         \
    X(phsubd) X(phsubsw) X(psignb) X(psignw) X(psignd) X(pmulhrsw)          \
    X(pabsb) X(pabsw) X(pabsd)
#define DEF_SSSE3(n) RM(n, #n) RM_MMX(n##_mmx, #n)
SSSE3(DEF_SSSE3)
RMI(palignr, "palignr")
FNI_MMX(palignr_mmx_r, "palignr %[k], %%mm2, %%mm1")
FNI_MMX(palignr_mmx_m, "palignr %[k], 16(%%esi), %%mm1")

static const Test tests[] = {
    T_RM(addsubps, 0), T_RM(addsubpd, 0), T_RM(haddps, 0), T_RM(haddpd, 0),
    T_RM(hsubps, 0), T_RM(hsubpd, 0), T_RM(movsldup, 0), T_RM(movshdup, 0),
    T_RM(movddup, 0), T(lddqu_m, 0),
#define T_SSSE3(n) T_RM(n, 0), T_RM(n##_mmx, 0),
    SSSE3(T_SSSE3)
    TI_RM(palignr, 6), TI_RM(palignr_mmx, 6),
};

int main(int argc, char **argv)
{
    run_tests(tests, sizeof(tests) / sizeof(tests[0]), argc, argv);
    return 0;
}
