/* cflags: -mavx2 */
/*
 * 68-avx-exceptions: the faults of VEX instructions (SDM vol. 2, 2.5 and
 * 2.8, the exception classes).  The aligned moves -- VMOVAPS/APD,
 * VMOVDQA, VMOVNTPS/PD/DQ, VMOVNTDQA -- raise #GP(0) (SIGSEGV, SI_KERNEL,
 * trap 13) for a memory operand not aligned on its size, 16 bytes for
 * VEX.128 and 32 for VEX.256, while the unaligned moves and the
 * arithmetic memory forms take any address; VEX.L = 1 where only L = 0
 * exists, VEX.L = 0 where only L = 1 exists, and VEX.vvvv not 1111b where
 * the instruction has no such operand are #UD (SIGILL, ILL_ILLOPN, trap
 * 6); the scalar instructions ignore VEX.L.  (VEX.256 VAESENC and
 * VPCLMULQDQ are not here: they are VAES and VPCLMULQDQ instructions,
 * which this host has and stitch does not report.)  The native run is
 * the oracle.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static unsigned char buf[256] __attribute__((aligned(64)));
static sigjmp_buf jb;

static void on_signal(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;
    const unsigned char *eip = (const unsigned char *)uc->uc_mcontext.gregs[REG_EIP];

    printf("  sig %d code %d trapno %d err %#x addr %p at %02x %02x\n", sig,
           si->si_code, (int)uc->uc_mcontext.gregs[REG_TRAPNO],
           (unsigned)uc->uc_mcontext.gregs[REG_ERR], si->si_addr, eip[0], eip[1]);
    siglongjmp(jb, 1);
}

/* Each case runs with %eax = buf (64-byte aligned). */
#define CASE(name, insn)                                                    \
    static void name(void)                                                  \
    {                                                                       \
        __asm__ volatile(insn "\n\tvzeroupper"                              \
                         : : "a"(buf) : "xmm0", "xmm1", "xmm2", "xmm3", "ecx", "edx", "memory", "cc"); \
    }

#define ALIGN_CASES(X)                                                      \
    X(vmovaps_x_8, "vmovaps 8(%%eax), %%xmm1")                              \
    X(vmovaps_x_16, "vmovaps 16(%%eax), %%xmm1")                            \
    X(vmovaps_y_16, "vmovaps 16(%%eax), %%ymm1")                            \
    X(vmovaps_y_32, "vmovaps 32(%%eax), %%ymm1")                            \
    X(vmovaps_st_y_16, "vmovaps %%ymm1, 16(%%eax)")                         \
    X(vmovaps_st_x_4, "vmovaps %%xmm1, 4(%%eax)")                           \
    X(vmovapd_y_8, "vmovapd 8(%%eax), %%ymm1")                              \
    X(vmovapd_st_x_1, "vmovapd %%xmm1, 1(%%eax)")                           \
    X(vmovdqa_x_4, "vmovdqa 4(%%eax), %%xmm1")                              \
    X(vmovdqa_y_48, "vmovdqa 48(%%eax), %%ymm1")                            \
    X(vmovdqa_y_64, "vmovdqa 64(%%eax), %%ymm1")                            \
    X(vmovdqa_st_y_16, "vmovdqa %%ymm1, 16(%%eax)")                         \
    X(vmovntps_x_8, "vmovntps %%xmm1, 8(%%eax)")                            \
    X(vmovntpd_y_16, "vmovntpd %%ymm1, 16(%%eax)")                          \
    X(vmovntdq_y_16, "vmovntdq %%ymm1, 16(%%eax)")                          \
    X(vmovntdq_x_32, "vmovntdq %%xmm1, 32(%%eax)")                          \
    X(vmovntdqa_x_8, "vmovntdqa 8(%%eax), %%xmm1")                          \
    X(vmovntdqa_y_16, "vmovntdqa 16(%%eax), %%ymm1")                        \
    X(vmovups_y_1, "vmovups 1(%%eax), %%ymm1")                              \
    X(vmovdqu_st_y_3, "vmovdqu %%ymm1, 3(%%eax)")                           \
    X(vaddps_y_4, "vaddps 4(%%eax), %%ymm2, %%ymm1")                        \
    X(vpaddd_x_4, "vpaddd 4(%%eax), %%xmm2, %%xmm1")                        \
    X(vlddqu_y_5, "vlddqu 5(%%eax), %%ymm1")                                \
    X(vbroadcastss_7, "vbroadcastss 7(%%eax), %%ymm1")                      \
    X(vpmaskmovd_y_4, "vpmaskmovd 4(%%eax), %%ymm2, %%ymm1")                \
    X(vpcmpistri_x_3, "vpcmpistri $0, 3(%%eax), %%xmm1")                    \
    X(vdpps_y_4, "vdpps $0xff, 4(%%eax), %%ymm2, %%ymm1")                   \
    X(vpgatherdd_x_1, "vpxor %%xmm3, %%xmm3, %%xmm3\n\tvpcmpeqd %%xmm2, %%xmm2, %%xmm2\n\t" \
                      "vpgatherdd %%xmm2, 1(%%eax,%%xmm3,4), %%xmm1")

/* Encodings with the VEX.L (or VEX.vvvv) of the valid form changed. */
#define UD_CASES(X)                                                         \
    X(vmovd_l1, ".byte 0xc5, 0xfd, 0x6e, 0xc8")                             \
    X(vmovd_vvvv, ".byte 0xc5, 0xf1, 0x6e, 0xc8")                           \
    X(vmovq_l1, ".byte 0xc5, 0xfe, 0x7e, 0xca")                             \
    X(vpextrb_l1, ".byte 0xc4, 0xe3, 0x7d, 0x14, 0xc8, 0x01")              \
    X(vpinsrb_l1, ".byte 0xc4, 0xe3, 0x6d, 0x20, 0xc8, 0x01")              \
    X(vmovhps_l1, ".byte 0xc5, 0xec, 0x16, 0x08")                           \
    X(vphminposuw_l1, ".byte 0xc4, 0xe2, 0x7d, 0x41, 0xca")                 \
    X(vdppd_l1, ".byte 0xc4, 0xe3, 0x65, 0x41, 0xca, 0x31")                 \
    X(vpcmpestri_l1, ".byte 0xc4, 0xe3, 0x7d, 0x61, 0xca, 0x00")            \
    X(vpcmpestri_vvvv, ".byte 0xc4, 0xe3, 0x71, 0x61, 0xca, 0x00")          \
    X(vaeskeygenassist_l1, ".byte 0xc4, 0xe3, 0x7d, 0xdf, 0xca, 0x01")      \
    X(vaesimc_l1, ".byte 0xc4, 0xe2, 0x7d, 0xdb, 0xca")                     \
    X(vmaskmovdqu_l1, ".byte 0xc5, 0xfd, 0xf7, 0xca")                       \
    X(vldmxcsr_l1, ".byte 0xc5, 0xfc, 0xae, 0x10")                          \
    X(vbroadcastsd_l0, ".byte 0xc4, 0xe2, 0x79, 0x19, 0xca")                \
    X(vpermd_l0, ".byte 0xc4, 0xe2, 0x61, 0x36, 0xca")                      \
    X(vperm2f128_l0, ".byte 0xc4, 0xe3, 0x61, 0x06, 0xca, 0x00")            \
    X(vextractf128_l0, ".byte 0xc4, 0xe3, 0x79, 0x19, 0xd1, 0x01")          \
    X(vinsertps_w1_runs, ".byte 0xc4, 0xe3, 0xe9, 0x21, 0xc7, 0x10")        \
    X(vpinsrb_w1_runs, ".byte 0xc4, 0xe3, 0xf1, 0x20, 0xc2, 0x03")          \
    X(rorx_vvvv, ".byte 0xc4, 0xe3, 0x53, 0xf0, 0xd1, 0x05")                \
    X(vzeroupper_vvvv, ".byte 0xc5, 0xf0, 0x77")                            \
    X(vzeroall_vvvv, ".byte 0xc5, 0xf4, 0x77")                              \
    X(vzeroupper_w1_runs, ".byte 0xc4, 0xe1, 0xf8, 0x77")                   \
    X(vcvtsi2sd_l1_runs, ".byte 0xc5, 0xef, 0x2a, 0xc8")                    \
    X(vaddss_l1_runs, ".byte 0xc5, 0xee, 0x58, 0xca")

/* The same with VEX.W flipped: W1 where the SDM lists W0 (in 32-bit
 * mode some ignore it, others are #UD).  (VPERMQ with W0 is not here:
 * #UD on Intel's, stitch's, it runs on the AMD hosts this suite has run
 * on; docs/divergences.md.) */
#define W_CASES(X) \
    X(vpinsrd_w1, ".byte 0xc4, 0xe3, 0xe9, 0x22, 0xc8, 0x01") \
    X(vpextrd_w1, ".byte 0xc4, 0xe3, 0xf9, 0x16, 0xc8, 0x01") \
    X(vmovd_to_w1, ".byte 0xc4, 0xe1, 0xf9, 0x6e, 0xc8") \
    X(vmovd_from_w1, ".byte 0xc4, 0xe1, 0xf9, 0x7e, 0xc8") \
    X(vpblendvb_w1, ".byte 0xc4, 0xe3, 0xe1, 0x4c, 0xca, 0x00") \
    X(vpermilps_w1, ".byte 0xc4, 0xe2, 0xe1, 0x0c, 0xca") \
    X(vbroadcastss_w1, ".byte 0xc4, 0xe2, 0xf9, 0x18, 0xca") \
    X(vpbroadcastd_w1, ".byte 0xc4, 0xe2, 0xf9, 0x58, 0xca") \
    X(vcvtph2ps_w1, ".byte 0xc4, 0xe2, 0xf9, 0x13, 0xca") \
    X(vtestps_w1, ".byte 0xc4, 0xe2, 0xf9, 0x0e, 0xca") \
    X(vinsertf128_w1, ".byte 0xc4, 0xe3, 0xe5, 0x18, 0xca, 0x00") \
    X(vpextrb_w1, ".byte 0xc4, 0xe3, 0xf9, 0x14, 0xc8, 0x01") \
    X(vaddps_w1, ".byte 0xc4, 0xe1, 0xe0, 0x58, 0xca") \
    X(vcvtss2si_w1, ".byte 0xc4, 0xe1, 0xfa, 0x2d, 0xc2") \
    X(vpcmpestri_w1, ".byte 0xc4, 0xe3, 0xf9, 0x61, 0xca, 0x00") \
    X(vextracti128_w1, ".byte 0xc4, 0xe3, 0xfd, 0x39, 0xd1, 0x01") \
    X(vcvtps2ph_w1, ".byte 0xc4, 0xe3, 0xf9, 0x1d, 0xd1, 0x00") \
    X(vmaskmovps_w1, ".byte 0xc4, 0xe2, 0xe1, 0x2c, 0x08") \
    X(vpsllvd_w1, ".byte 0xc4, 0xe2, 0xe1, 0x47, 0xca") \
    X(vdpps_w1, ".byte 0xc4, 0xe3, 0xe1, 0x40, 0xca, 0xff") \
    X(vaesenc_w1, ".byte 0xc4, 0xe2, 0xe1, 0xdc, 0xca") \
    X(vpshufb_w1, ".byte 0xc4, 0xe2, 0xe1, 0x00, 0xca") \
    X(vpmovzxbw_w1, ".byte 0xc4, 0xe2, 0xf9, 0x30, 0xca") \
    X(vperm2i128_w1, ".byte 0xc4, 0xe3, 0xe5, 0x46, 0xca, 0x00") \
    X(vpblendd_w1, ".byte 0xc4, 0xe3, 0xe1, 0x02, 0xca, 0x00") \
    X(vpermd_w1, ".byte 0xc4, 0xe2, 0xe5, 0x36, 0xca") \
    X(vroundps_w1, ".byte 0xc4, 0xe3, 0xf9, 0x08, 0xca, 0x00")

ALIGN_CASES(CASE)
UD_CASES(CASE)
W_CASES(CASE)

static const struct {
    const char *name;
    void (*fn)(void);
} cases[] = {
#define ENT(n, insn) {#n, n},
    ALIGN_CASES(ENT) UD_CASES(ENT) W_CASES(ENT)
};

int main(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        printf("%s:\n", cases[i].name);
        if (!sigsetjmp(jb, 1)) {
            cases[i].fn();
            printf("  ran\n");
        }
    }
    return 0;
}
