/* cflags: -mavx2 -mfma -mf16c -maes -mpclmul */
/*
 * 68-avx: the VEX-encoded AVX, AVX2, FMA and F16C instructions stitch
 * implements (docs/divergences.md, "AVX") and the VEX forms of SSE4.1's
 * DPPS/DPPD/MPSADBW, SSE4.2's PCMPxSTRx, AES-NI and PCLMULQDQ, each in
 * its VEX.128 and VEX.256 forms with register and memory sources, over
 * every pair of a set of edge operands (NaNs quiet and signalling,
 * infinities, zeros, denormals, saturation and sign boundaries, random
 * bits) under two MXCSR settings (reset; round up with FTZ and DAZ),
 * every imm8 of the imm8 forms; the upper-half rules (VEX.128 zeroes
 * bits 255:128, legacy SSE keeps them, VZEROUPPER/VZEROALL); and
 * XSAVE/XSAVEOPT/XRSTOR round trips with XSTATE_BV's init rule.  Runs
 * under the default -cpu model.  Each (instruction, form) prints one
 * hash of the whole destination YMM, the memory operand, ECX, the
 * arithmetic flags and MXCSR; "-v" prints every result.  The native run
 * is the oracle.
 */
#include <stdio.h>
#include <string.h>

typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long long u64;

/* ymm1: destination (0), ymm2: VEX.vvvv source (32), ymm3: r/m source
 * (64), 96: the memory operand, also loaded into ymm0 (the blend mask). */
typedef struct {
    u64 d[4], v[4], s[4], m[4];
    u32 ecx, fl, mxcsr, pad;
} __attribute__((aligned(32))) State;

#define PRE                                                                 \
    "vmovdqu (%%esi), %%ymm1\n\tvmovdqu 32(%%esi), %%ymm2\n\t"              \
    "vmovdqu 64(%%esi), %%ymm3\n\tvmovdqu 96(%%esi), %%ymm0\n\t"            \
    "movl 128(%%esi), %%ecx\n\tldmxcsr 136(%%esi)\n\t"                      \
    "pushl 132(%%esi)\n\tpopfl\n\t"
#define POST                                                                \
    "\n\tpushfl\n\tpopl 132(%%esi)\n\tstmxcsr 136(%%esi)\n\t"               \
    "vmovdqu %%ymm1, (%%esi)\n\tmovl %%ecx, 128(%%esi)\n\tvzeroupper"
#define CLOBBERS "ecx", "xmm0", "xmm1", "xmm2", "xmm3", "memory", "cc"

typedef void (*Fn)(State *t, int k);

#define FN(name, insn)                                                      \
    static void name(State *t, int k)                                       \
    {                                                                       \
        (void)k;                                                            \
        __asm__ volatile(PRE insn POST : : "S"(t) : CLOBBERS);              \
    }
#define K4(X, a, k) X(a, (k)) X(a, (k) + 1) X(a, (k) + 2) X(a, (k) + 3)
#define K16(X, a, k) K4(X, a, k) K4(X, a, (k) + 4) K4(X, a, (k) + 8) K4(X, a, (k) + 12)
#define K64(X, a, k) K16(X, a, k) K16(X, a, (k) + 16) K16(X, a, (k) + 32) K16(X, a, (k) + 48)
#define K256(X, a) K64(X, a, 0) K64(X, a, 64) K64(X, a, 128) K64(X, a, 192)
#define KCASE(insn, K)                                                      \
    case K:                                                                 \
        __asm__ volatile(PRE insn POST : : "S"(t), [k] "i"(K) : CLOBBERS);  \
        break;
#define FNI(name, insn)                                                     \
    static void name(State *t, int k)                                       \
    {                                                                       \
        switch (k) { K256(KCASE, insn) }                                    \
    }

/* The forms of `insn src2, src1, dst` (V3), `insn src, dst` (V2), and
 * the same with an immediate first (V3I, V2I); _x VEX.128, _y VEX.256,
 * _m the memory source. */
#define X3(n, i) FN(n##_x, i " %%xmm3, %%xmm2, %%xmm1") FN(n##_xm, i " 96(%%esi), %%xmm2, %%xmm1")
#define Y3(n, i) FN(n##_y, i " %%ymm3, %%ymm2, %%ymm1") FN(n##_ym, i " 96(%%esi), %%ymm2, %%ymm1")
#define V3(n) X3(n, #n) Y3(n, #n)
#define X2(n, i) FN(n##_x, i " %%xmm3, %%xmm1") FN(n##_xm, i " 96(%%esi), %%xmm1")
#define Y2(n, i) FN(n##_y, i " %%ymm3, %%ymm1") FN(n##_ym, i " 96(%%esi), %%ymm1")
#define V2(n) X2(n, #n) Y2(n, #n)
/* Widening: the source is an XMM register for either length. */
#define W2(n)                                                               \
    X2(n, #n) FN(n##_y, #n " %%xmm3, %%ymm1") FN(n##_ym, #n " 96(%%esi), %%ymm1")
/* Narrowing: AT&T names the memory form's width with x/y. */
#define N2(n)                                                               \
    FN(n##_x, #n " %%xmm3, %%xmm1") FN(n##_xm, #n "x 96(%%esi), %%xmm1")    \
    FN(n##_y, #n " %%ymm3, %%xmm1") FN(n##_ym, #n "y 96(%%esi), %%xmm1")
/* Shift by an XMM count, for either length. */
#define SH3(n)                                                              \
    X3(n, #n) FN(n##_y, #n " %%xmm3, %%ymm2, %%ymm1")                        \
    FN(n##_ym, #n " 96(%%esi), %%ymm2, %%ymm1")
#define X3I(n, i)                                                           \
    FNI(n##_x, i " %[k], %%xmm3, %%xmm2, %%xmm1")                           \
    FNI(n##_xm, i " %[k], 96(%%esi), %%xmm2, %%xmm1")
#define Y3I(n, i)                                                           \
    FNI(n##_y, i " %[k], %%ymm3, %%ymm2, %%ymm1")                           \
    FNI(n##_ym, i " %[k], 96(%%esi), %%ymm2, %%ymm1")
#define V3I(n) X3I(n, #n) Y3I(n, #n)
#define X2I(n, i) FNI(n##_x, i " %[k], %%xmm3, %%xmm1") FNI(n##_xm, i " %[k], 96(%%esi), %%xmm1")
#define Y2I(n, i) FNI(n##_y, i " %[k], %%ymm3, %%ymm1") FNI(n##_ym, i " %[k], 96(%%esi), %%ymm1")
#define V2I(n) X2I(n, #n) Y2I(n, #n)

/* Packed, both lengths (AVX floating point, AVX2 integer). */
#define BOTH3(X)                                                            \
    X(vaddps) X(vaddpd) X(vsubps) X(vsubpd) X(vmulps) X(vmulpd) X(vdivps)   \
    X(vdivpd) X(vminps) X(vminpd) X(vmaxps) X(vmaxpd) X(vandps) X(vandnpd)  \
    X(vorps) X(vxorpd) X(vunpcklps) X(vunpckhpd) X(vhaddps) X(vhsubpd)      \
    X(vaddsubps) X(vaddsubpd) X(vpaddb) X(vpaddw) X(vpaddd) X(vpaddq)       \
    X(vpsubb) X(vpsubusw) X(vpaddsb) X(vpaddusb) X(vpsubsw) X(vpmullw)      \
    X(vpmulhw) X(vpmulhuw) X(vpmuludq) X(vpmaddwd) X(vpsadbw) X(vpavgb)     \
    X(vpavgw) X(vpminub) X(vpmaxsw) X(vpand) X(vpandn) X(vpor) X(vpxor)     \
    X(vpcmpeqb) X(vpcmpeqw) X(vpcmpgtb) X(vpcmpgtd) X(vpacksswb)            \
    X(vpackuswb) X(vpackssdw) X(vpunpcklbw) X(vpunpckhwd) X(vpunpckhdq)     \
    X(vpunpcklqdq) X(vpunpckhqdq) X(vpshufb) X(vphaddw) X(vphaddd)          \
    X(vphaddsw) X(vphsubw) X(vpmaddubsw) X(vpsignb) X(vpsignd) X(vpmulhrsw) \
    X(vpmuldq) X(vpcmpeqq) X(vpackusdw) X(vpcmpgtq) X(vpminsb) X(vpminsd)   \
    X(vpminuw) X(vpminud) X(vpmaxsb) X(vpmaxsd) X(vpmaxuw) X(vpmaxud)       \
    X(vpmulld) X(vpsllvd) X(vpsllvq) X(vpsrlvd) X(vpsrlvq) X(vpsravd)       \
    X(vpermilps) X(vpermilpd)                                               \
    X(vfmadd132ps) X(vfmadd213ps) X(vfmadd231ps) X(vfmadd132pd)             \
    X(vfmadd213pd) X(vfmadd231pd) X(vfmsub132ps) X(vfmsub231pd)             \
    X(vfnmadd213ps) X(vfnmadd231pd) X(vfnmsub132ps) X(vfnmsub213pd)         \
    X(vfmaddsub231ps) X(vfmaddsub132pd) X(vfmsubadd213ps) X(vfmsubadd231pd)
BOTH3(V3)
/* VEX.256 only. */
Y3(vpermd, "vpermd") Y3(vpermps, "vpermps")
/* Scalar: VEX.128 (LIG). */
#define SCALAR3(X)                                                          \
    X(vaddss) X(vaddsd) X(vsubss) X(vsubsd) X(vmulss) X(vmulsd) X(vdivss)   \
    X(vdivsd) X(vminss) X(vminsd) X(vmaxss) X(vmaxsd) X(vsqrtss) X(vsqrtsd) \
    X(vrcpss) X(vrsqrtss) X(vcvtss2sd) X(vcvtsd2ss) X(vfmadd231ss)          \
    X(vfmadd213sd) X(vfmsub132ss) X(vfmsub213sd) X(vfnmadd231ss)            \
    X(vfnmsub132sd)
#define DEF_S3(n) X3(n, #n)
SCALAR3(DEF_S3)
#define SHIFTS(X) X(vpsllw) X(vpslld) X(vpsllq) X(vpsrlw) X(vpsrld) X(vpsrlq) X(vpsraw) X(vpsrad)
SHIFTS(SH3)
#define UNARY(X)                                                            \
    X(vsqrtps) X(vsqrtpd) X(vrcpps) X(vrsqrtps) X(vcvtdq2ps) X(vcvtps2dq)   \
    X(vcvttps2dq) X(vmovsldup) X(vmovshdup) X(vmovddup) X(vpabsb)          \
    X(vpabsw) X(vpabsd) X(vmovdqu) X(vmovups) X(vmovapd)
UNARY(V2)
#define WIDEN(X)                                                            \
    X(vcvtps2pd) X(vcvtdq2pd) X(vpmovsxbw) X(vpmovsxbd) X(vpmovsxbq)       \
    X(vpmovsxwd) X(vpmovsxwq) X(vpmovsxdq) X(vpmovzxbw) X(vpmovzxbd)       \
    X(vpmovzxbq) X(vpmovzxwd) X(vpmovzxwq) X(vpmovzxdq) X(vpbroadcastb)    \
    X(vpbroadcastw) X(vpbroadcastd) X(vpbroadcastq) X(vbroadcastss)        \
    X(vcvtph2ps)
WIDEN(W2)
#define NARROW(X) X(vcvtpd2ps) X(vcvttpd2dq) X(vcvtpd2dq)
NARROW(N2)
FN(vbroadcastsd_y, "vbroadcastsd %%xmm3, %%ymm1")
FN(vbroadcastsd_ym, "vbroadcastsd 96(%%esi), %%ymm1")
FN(vbroadcasti128_ym, "vbroadcasti128 96(%%esi), %%ymm1")
FN(vbroadcastf128_ym, "vbroadcastf128 96(%%esi), %%ymm1")
FN(vlddqu_loadonly, "vlddqu 97(%%esi), %%xmm1\n\tvlddqu 96(%%esi), %%ymm2\n\tvpxor %%ymm2, %%ymm1, %%ymm1")
X2(vphminposuw, "vphminposuw")

/* imm8 forms. */
#define IMM3(X)                                                             \
    X(vshufps) X(vshufpd) X(vcmpps) X(vcmppd) X(vpalignr) X(vpblendw)       \
    X(vpblendd) X(vblendps) X(vblendpd)
IMM3(V3I)
V2I(vpshufd) V2I(vpshufhw) V2I(vpshuflw) V2I(vroundps) V2I(vroundpd)
FNI(vpermilps_i_x, "vpermilps %[k], %%xmm3, %%xmm1")
FNI(vpermilps_i_y, "vpermilps %[k], %%ymm3, %%ymm1")
FNI(vpermilpd_i_x, "vpermilpd %[k], %%xmm3, %%xmm1")
FNI(vpermilpd_i_ym, "vpermilpd %[k], 96(%%esi), %%ymm1")
X3I(vcmpss, "vcmpss") X3I(vcmpsd, "vcmpsd") X3I(vroundss, "vroundss")
X3I(vroundsd, "vroundsd")
Y2I(vpermq, "vpermq") Y2I(vpermpd, "vpermpd")
Y3I(vperm2i128, "vperm2i128") Y3I(vperm2f128, "vperm2f128")
FNI(vinserti128_y, "vinserti128 %[k], %%xmm3, %%ymm2, %%ymm1")
FNI(vinserti128_ym, "vinserti128 %[k], 96(%%esi), %%ymm2, %%ymm1")
FNI(vinsertf128_y, "vinsertf128 %[k], %%xmm3, %%ymm2, %%ymm1")
FNI(vextracti128_y, "vextracti128 %[k], %%ymm3, %%xmm1")
FNI(vextracti128_ym, "vextracti128 %[k], %%ymm3, 96(%%esi)")
FNI(vextractf128_y, "vextractf128 %[k], %%ymm3, %%xmm1")
FNI(vcvtps2ph_x, "vcvtps2ph %[k], %%xmm3, %%xmm1")
FNI(vcvtps2ph_y, "vcvtps2ph %[k], %%ymm3, %%xmm1")
FNI(vcvtps2ph_xm, "vcvtps2ph %[k], %%xmm3, 96(%%esi)")
FNI(vcvtps2ph_ym, "vcvtps2ph %[k], %%ymm3, 96(%%esi)")
/* The VEX forms of the SSE4.1, SSE4.2, AES-NI and PCLMULQDQ
 * instructions: VDPPS and VMPSADBW in both lengths (VEX.256 per lane),
 * the rest VEX.128.  The explicit-length string compares take EAX and
 * EDX from ECX's low bits: -8 .. 23, so lengths past 16 and negative;
 * YMM0 (the ..STRM result, its upper half zeroed) is stored over the
 * memory operand to be hashed. */
V3I(vdpps) V3I(vmpsadbw) X3I(vdppd, "vdppd") X3I(vpclmulqdq, "vpclmulqdq")
X2I(vaeskeygenassist, "vaeskeygenassist")
X3(vaesenc, "vaesenc") X3(vaesenclast, "vaesenclast") X3(vaesdec, "vaesdec")
X3(vaesdeclast, "vaesdeclast") X2(vaesimc, "vaesimc")
#define STRLEN                                                              \
    "pushl %%eax\n\tpushl %%edx\n\tmovl %%ecx, %%eax\n\tandl $31, %%eax\n\t" \
    "subl $8, %%eax\n\tmovl %%ecx, %%edx\n\tshrl $5, %%edx\n\t"            \
    "andl $31, %%edx\n\tsubl $8, %%edx\n\t"
#define STREND "\n\tvmovdqu %%ymm0, 96(%%esi)\n\tpopl %%edx\n\tpopl %%eax"
#define STRX(n)                                                             \
    FNI(n##_x, STRLEN #n " %[k], %%xmm3, %%xmm1" STREND)                    \
    FNI(n##_xm, STRLEN #n " %[k], 96(%%esi), %%xmm1" STREND)
STRX(vpcmpestri) STRX(vpcmpestrm) STRX(vpcmpistri) STRX(vpcmpistrm)
/* VMASKMOVDQU stores the bytes of ymm1 selected by ymm3 at DS:EDI. */
FN(vmaskmovdqu_, "pushl %%edi\n\tleal 96(%%esi), %%edi\n\tvmaskmovdqu %%xmm3, %%xmm1\n\tpopl %%edi")
/* Shifts by an immediate: the destination is VEX.vvvv. */
#define SHIFTI(n)                                                           \
    FNI(n##_ix, #n " %[k], %%xmm3, %%xmm1") FNI(n##_iy, #n " %[k], %%ymm3, %%ymm1")
SHIFTS(SHIFTI) SHIFTI(vpsrldq) SHIFTI(vpslldq)
/* Element inserts and extracts, with ECX and memory. */
FNI(vpinsrb_r, "vpinsrb %[k], %%ecx, %%xmm2, %%xmm1")
FNI(vpinsrw_m, "vpinsrw %[k], 96(%%esi), %%xmm2, %%xmm1")
FNI(vpinsrd_r, "vpinsrd %[k], %%ecx, %%xmm2, %%xmm1")
FNI(vinsertps_r, "vinsertps %[k], %%xmm3, %%xmm2, %%xmm1")
FNI(vinsertps_m, "vinsertps %[k], 96(%%esi), %%xmm2, %%xmm1")
FNI(vpextrb_r, "vpextrb %[k], %%xmm3, %%ecx")
FNI(vpextrw_r, "vpextrw %[k], %%xmm3, %%ecx")
FNI(vpextrd_m, "vpextrd %[k], %%xmm3, 96(%%esi)")
FNI(vextractps_r, "vextractps %[k], %%xmm3, %%ecx")
/* Variable blends with the mask in (x/y)mm0. */
#define BLENDV(n)                                                           \
    FN(n##_x, #n " %%xmm0, %%xmm3, %%xmm2, %%xmm1")                         \
    FN(n##_y, #n " %%ymm0, %%ymm3, %%ymm2, %%ymm1")                         \
    FN(n##_ym, #n " %%ymm3, 96(%%esi), %%ymm2, %%ymm1")
BLENDV(vpblendvb) BLENDV(vblendvps) BLENDV(vblendvpd)
/* Flags and masks. */
#define FLAGS2(n)                                                           \
    FN(n##_x, #n " %%xmm3, %%xmm1") FN(n##_y, #n " %%ymm3, %%ymm1")         \
    FN(n##_ym, #n " 96(%%esi), %%ymm1")
FLAGS2(vptest) FLAGS2(vtestps) FLAGS2(vtestpd)
FN(vucomiss_r, "vucomiss %%xmm3, %%xmm1") FN(vcomisd_m, "vcomisd 96(%%esi), %%xmm1")
FN(vcomiss_r, "vcomiss %%xmm3, %%xmm1") FN(vucomisd_r, "vucomisd %%xmm3, %%xmm1")
FN(vpmovmskb_x, "vpmovmskb %%xmm3, %%ecx") FN(vpmovmskb_y, "vpmovmskb %%ymm3, %%ecx")
FN(vmovmskps_y, "vmovmskps %%ymm3, %%ecx") FN(vmovmskpd_y, "vmovmskpd %%ymm3, %%ecx")
FN(vmovmskpd_x, "vmovmskpd %%xmm3, %%ecx")
/* Conversions with ECX. */
FN(vcvtsi2sd_r, "vcvtsi2sd %%ecx, %%xmm2, %%xmm1")
FN(vcvtsi2ss_m, "vcvtsi2ssl 96(%%esi), %%xmm2, %%xmm1")
FN(vcvttss2si_r, "vcvttss2si %%xmm3, %%ecx") FN(vcvtsd2si_r, "vcvtsd2si %%xmm3, %%ecx")
FN(vcvttsd2si_m, "vcvttsd2si 96(%%esi), %%ecx")
/* Moves and stores (the memory operand is hashed). */
FN(vmovd_to, "vmovd %%ecx, %%xmm1") FN(vmovd_from, "vmovd %%xmm3, %%ecx")
FN(vmovd_st, "vmovd %%xmm3, 96(%%esi)") FN(vmovq_r, "vmovq %%xmm3, %%xmm1")
FN(vmovq_ld, "vmovq 96(%%esi), %%xmm1") FN(vmovq_st, "vmovq %%xmm3, 96(%%esi)")
FN(vmovdqu_sty, "vmovdqu %%ymm3, 96(%%esi)") FN(vmovups_stx, "vmovups %%xmm3, 96(%%esi)")
FN(vmovaps_sty, "vmovaps %%ymm3, 96(%%esi)") FN(vmovntdq_y, "vmovntdq %%ymm3, 96(%%esi)")
FN(vmovdqa_rr, "vmovdqa %%ymm3, %%ymm1") FN(vmovaps_rx, "vmovaps %%xmm3, %%xmm1")
FN(vmovss_ld, "vmovss 96(%%esi), %%xmm1") FN(vmovsd_ld, "vmovsd 96(%%esi), %%xmm1")
FN(vmovss_st, "vmovss %%xmm3, 96(%%esi)") FN(vmovsd_rr, "vmovsd %%xmm3, %%xmm2, %%xmm1")
FN(vmovss_rr, "vmovss %%xmm3, %%xmm2, %%xmm1")
FN(vmovlps_m, "vmovlps 96(%%esi), %%xmm2, %%xmm1") FN(vmovhps_m, "vmovhps 96(%%esi), %%xmm2, %%xmm1")
FN(vmovlpd_m, "vmovlpd 96(%%esi), %%xmm2, %%xmm1") FN(vmovhpd_m, "vmovhpd 96(%%esi), %%xmm2, %%xmm1")
FN(vmovhlps_r, "vmovhlps %%xmm3, %%xmm2, %%xmm1") FN(vmovlhps_r, "vmovlhps %%xmm3, %%xmm2, %%xmm1")
FN(vmovlps_st, "vmovlps %%xmm3, 96(%%esi)") FN(vmovhpd_st, "vmovhpd %%xmm3, 96(%%esi)")
/* Masked moves: the mask is VEX.vvvv (ymm2), the memory operand 96;
 * VMOVNTDQA; VLDMXCSR/VSTMXCSR through the memory operand. */
#define MASKLD(n)                                                           \
    FN(n##_x, #n " 96(%%esi), %%xmm2, %%xmm1") FN(n##_y, #n " 96(%%esi), %%ymm2, %%ymm1")
#define MASKST(n)                                                           \
    FN(n##_sx, #n " %%xmm3, %%xmm2, 96(%%esi)") FN(n##_sy, #n " %%ymm3, %%ymm2, 96(%%esi)")
#define MASKMOVS(X) X(vmaskmovps) X(vmaskmovpd) X(vpmaskmovd) X(vpmaskmovq)
MASKMOVS(MASKLD) MASKMOVS(MASKST)
FN(vmovntdqa_x, "vmovntdqa 96(%%esi), %%xmm1") FN(vmovntdqa_y, "vmovntdqa 96(%%esi), %%ymm1")
FN(vstmxcsr_, "vstmxcsr 96(%%esi)")
FN(vldmxcsr_, "andl $0xffff, 96(%%esi)\n\torl $0x1f80, 96(%%esi)\n\tvldmxcsr 96(%%esi)\n\tvaddps %%xmm3, %%xmm2, %%xmm1")
/* The upper halves: legacy SSE keeps bits 255:128 of its destination,
 * VEX.128 zeroes them, VZEROUPPER and VZEROALL. */
FN(sse_addps, "addps %%xmm3, %%xmm1") FN(sse_movaps, "movaps %%xmm3, %%xmm1")
FN(sse_movss_ld, "movss 96(%%esi), %%xmm1") FN(sse_pshufd, "pshufd $0x1b, %%xmm3, %%xmm1")
FN(sse_cvtsi2sd, "cvtsi2sd %%ecx, %%xmm1") FN(sse_pxor_then_vex, "pxor %%xmm3, %%xmm1\n\tvpaddd %%xmm3, %%xmm1, %%xmm1")
FN(vex_then_sse, "vpaddd %%ymm3, %%ymm2, %%ymm1\n\tpaddd %%xmm3, %%xmm1")
FN(vzeroupper_, "vzeroupper") FN(vzeroall_, "vzeroall")
FN(vzeroupper_then, "vzeroupper\n\tvpaddq %%ymm3, %%ymm1, %%ymm1")

typedef struct {
    const char *name;
    Fn fn;
    int imm;
} Test;
#define T(n) {#n, n, 0},
#define TI(n) {#n, n, 1},
#define T3(n) T(n##_x) T(n##_xm) T(n##_y) T(n##_ym)
#define TX(n) T(n##_x) T(n##_xm)
#define TI3(n) TI(n##_x) TI(n##_xm) TI(n##_y) TI(n##_ym)

static const Test tests[] = {
    BOTH3(T3) T(vpermd_y) T(vpermd_ym) T(vpermps_y) T(vpermps_ym)
    SCALAR3(TX) SHIFTS(T3) UNARY(T3) WIDEN(T3) NARROW(T3)
    T(vbroadcastsd_y) T(vbroadcastsd_ym) T(vbroadcasti128_ym)
    T(vbroadcastf128_ym) T(vlddqu_loadonly) TX(vphminposuw)
    IMM3(TI3) TI3(vpshufd) TI3(vpshufhw) TI3(vpshuflw) TI3(vroundps)
    TI3(vroundpd) TI(vpermilps_i_x) TI(vpermilps_i_y) TI(vpermilpd_i_x)
    TI(vpermilpd_i_ym) TI(vcmpss_x) TI(vcmpss_xm) TI(vcmpsd_x) TI(vcmpsd_xm)
    TI(vroundss_x) TI(vroundss_xm) TI(vroundsd_x) TI(vroundsd_xm)
    TI(vpermq_y) TI(vpermq_ym) TI(vpermpd_y) TI(vpermpd_ym)
    TI(vperm2i128_y) TI(vperm2i128_ym) TI(vperm2f128_y) TI(vperm2f128_ym)
    TI(vinserti128_y) TI(vinserti128_ym) TI(vinsertf128_y)
    TI(vextracti128_y) TI(vextracti128_ym) TI(vextractf128_y)
    TI(vcvtps2ph_x) TI(vcvtps2ph_y) TI(vcvtps2ph_xm) TI(vcvtps2ph_ym)
    TI3(vdpps) TI3(vmpsadbw) TI(vdppd_x) TI(vdppd_xm) TI(vpclmulqdq_x)
    TI(vpclmulqdq_xm) TI(vaeskeygenassist_x) TI(vaeskeygenassist_xm)
    TX(vaesenc) TX(vaesenclast) TX(vaesdec) TX(vaesdeclast) TX(vaesimc)
    TI(vpcmpestri_x) TI(vpcmpestri_xm) TI(vpcmpestrm_x) TI(vpcmpestrm_xm)
    TI(vpcmpistri_x) TI(vpcmpistri_xm) TI(vpcmpistrm_x) TI(vpcmpistrm_xm)
    T(vmaskmovdqu_)
#define TSHI(n) TI(n##_ix) TI(n##_iy)
    SHIFTS(TSHI) TSHI(vpsrldq) TSHI(vpslldq)
    TI(vpinsrb_r) TI(vpinsrw_m) TI(vpinsrd_r) TI(vinsertps_r) TI(vinsertps_m)
    TI(vpextrb_r) TI(vpextrw_r) TI(vpextrd_m) TI(vextractps_r)
    T(vpblendvb_x) T(vpblendvb_y) T(vpblendvb_ym) T(vblendvps_x)
    T(vblendvps_y) T(vblendvps_ym) T(vblendvpd_x) T(vblendvpd_y) T(vblendvpd_ym)
    T(vptest_x) T(vptest_y) T(vptest_ym) T(vtestps_x) T(vtestps_y)
    T(vtestps_ym) T(vtestpd_x) T(vtestpd_y) T(vtestpd_ym)
    T(vucomiss_r) T(vcomisd_m) T(vcomiss_r) T(vucomisd_r)
    T(vpmovmskb_x) T(vpmovmskb_y) T(vmovmskps_y) T(vmovmskpd_y) T(vmovmskpd_x)
    T(vcvtsi2sd_r) T(vcvtsi2ss_m) T(vcvttss2si_r) T(vcvtsd2si_r) T(vcvttsd2si_m)
    T(vmovd_to) T(vmovd_from) T(vmovd_st) T(vmovq_r) T(vmovq_ld) T(vmovq_st)
    T(vmovdqu_sty) T(vmovups_stx) T(vmovaps_sty) T(vmovntdq_y) T(vmovdqa_rr)
    T(vmovaps_rx) T(vmovss_ld) T(vmovsd_ld) T(vmovss_st) T(vmovsd_rr)
    T(vmovss_rr) T(vmovlps_m) T(vmovhps_m) T(vmovlpd_m) T(vmovhpd_m)
    T(vmovhlps_r) T(vmovlhps_r) T(vmovlps_st) T(vmovhpd_st)
#define TMASK(n) T(n##_x) T(n##_y) T(n##_sx) T(n##_sy)
    MASKMOVS(TMASK) T(vmovntdqa_x) T(vmovntdqa_y) T(vstmxcsr_) T(vldmxcsr_)
    T(sse_addps) T(sse_movaps) T(sse_movss_ld) T(sse_pshufd) T(sse_cvtsi2sd)
    T(sse_pxor_then_vex) T(vex_then_sse) T(vzeroupper_) T(vzeroall_)
    T(vzeroupper_then)
};

/* ---- operands ---- */

#define F32(a, b, c, d) ((u64)(b) << 32) | (a), ((u64)(d) << 32) | (c)
static const u64 edge[][2] = {
    {F32(0x7fc00001, 0x7f800001, 0x80000000, 0x00000000)}, /* qNaN sNaN -0 +0 */
    {F32(0x00000001, 0x807fffff, 0x7f800000, 0xff800000)}, /* denormals, inf */
    {F32(0x3fc00000, 0xc0200000, 0x3f000000, 0x40200000)}, /* 1.5 -2.5 .5 2.5 */
    {F32(0x7f7fffff, 0xff7fffff, 0x00800000, 0xbf800000)}, /* max, min normal */
    {0x7ff8000000000001ull, 0xfff0000000000001ull},        /* qNaN, sNaN */
    {0x8000000000000000ull, 0x000fffffffffffffull},        /* -0, denormal */
    {0x3ff8000000000000ull, 0xc004000000000000ull},        /* 1.5, -2.5 */
    {0x4004000000000000ull, 0x7fefffffffffffffull},        /* 2.5, max */
    {0x0000000000000000ull, 0x0000000000000000ull},
    {0xffffffffffffffffull, 0xffffffffffffffffull},
    {0x807f7f8001ff8000ull, 0x7fff80000001ffffull},        /* saturation */
    {0x8000000080000000ull, 0x7fffffff00000001ull},
    {0x0f0e0d0c0b0a0908ull, 0x8786858483828180ull},        /* shuffles */
    {0x3c003c00fc007c00ull, 0x0001800003ff7e01ull},        /* halves */
};
#define NEDGE (sizeof(edge) / sizeof(edge[0]))
#define NVEC 16
static u64 vec[NVEC][4];
static const u32 mxcsrs[2] = {0x1f80, 0x5f80 | 0x8000 | 0x0040};

static u64 rnd = 0x9e3779b97f4a7c15ull;
static u64 next(void)
{
    rnd ^= rnd << 13;
    rnd ^= rnd >> 7;
    rnd ^= rnd << 17;
    return rnd;
}

/* Vector i: edge i in its low half and edge i+5 in its high half (so the
 * lanes differ), random bits past the edges. */
static void init_vectors(void)
{
    for (unsigned i = 0; i < NVEC; i++)
        for (unsigned h = 0; h < 2; h++) {
            unsigned e = (i + 5 * h) % NVEC;
            vec[i][2 * h] = e < NEDGE ? edge[e][0] : next();
            vec[i][2 * h + 1] = e < NEDGE ? edge[e][1] : next();
        }
}

static u64 hash;
static void mix(const void *p, size_t n)
{
    const u8 *b = p;
    for (size_t i = 0; i < n; i++)
        hash = (hash ^ b[i]) * 0x100000001b3ull;
}

static int verbose;

static void run_one(const Test *te, int k, unsigned i, unsigned j, u32 mx)
{
    State t;

    memset(&t, 0, sizeof(t));
    memcpy(t.d, vec[(i + j + 3) % NVEC], 32);
    memcpy(t.v, vec[i], 32);
    memcpy(t.s, vec[j], 32);
    memcpy(t.m, vec[(i + 2 * j + 1) % NVEC], 32);
    t.ecx = (u32)vec[j][0] ^ 0x5a5a5a00;
    t.fl = 0x202 | ((i * 7 + j) & 0x8d5);
    t.mxcsr = mx;
    te->fn(&t, k);
    t.fl &= 0x8d5;
    mix(&t, sizeof(t));
    if (verbose)
        printf("  %s k=%d %u,%u mx=%x: d=%016llx%016llx%016llx%016llx "
               "m=%016llx%016llx%016llx%016llx c=%x fl=%x mx=%x\n",
               te->name, k, i, j, mx, t.d[3], t.d[2], t.d[1], t.d[0], t.m[3],
               t.m[2], t.m[1], t.m[0], t.ecx, t.fl, t.mxcsr);
}

static void run_tests(int argc, char **argv)
{
    verbose = argc > 1 && !strcmp(argv[1], "-v");
    init_vectors();
    for (size_t x = 0; x < sizeof(tests) / sizeof(tests[0]); x++) {
        const Test *te = &tests[x];
        unsigned np = te->imm ? 3 : NVEC; /* every imm8: fewer pairs */
        if (argc > 2 && strcmp(argv[2], te->name))
            continue;
        hash = 0xcbf29ce484222325ull;
        for (int k = 0; k < (te->imm ? 256 : 1); k++)
            for (unsigned m = 0; m < 2; m++)
                for (unsigned i = 0; i < np; i++)
                    for (unsigned j = 0; j < np; j++)
                        run_one(te, k, te->imm ? i * 3 + 1 : i,
                                te->imm ? j * 4 : j, mxcsrs[m]);
        printf("%-22s %016llx\n", te->name, hash);
    }
}

/* ---- XSAVE / XRSTOR (SDM vol. 1, 13.7, 13.8) ---- */

static u8 area[2][4096] __attribute__((aligned(64)));

static void print_ymm(const char *what, const u64 y[4][4])
{
    printf("%s:", what);
    for (int r = 0; r < 4; r++)
        printf(" %016llx%016llx%016llx%016llx", y[r][3], y[r][2], y[r][1], y[r][0]);
    printf("\n");
}

/* Loads YMM1-4 from `in`, XSAVEs with RFBM = rfbm_save into area[0], sets
 * the registers to `clobber`, XRSTORs area[0] with RFBM = rfbm_rstor
 * after XSTATE_BV's AVX bit is and-ed with `bv_keep`, stores YMM1-4. */
static void xsave_case_with(const char *what, u32 rfbm_save, u32 rfbm_rstor, int bv_keep,
                            int opt)
{
    u64 in[4][4], clob[4][4], out[4][4];

    for (int r = 0; r < 4; r++)
        for (int q = 0; q < 4; q++) {
            in[r][q] = next();
            clob[r][q] = next();
        }
    memset(area, 0, sizeof(area));
    if (opt) /* XSAVEOPT: no XRSTOR from this area yet, so all is written */
        __asm__ volatile("vmovdqu (%0), %%ymm1\n\tvmovdqu 32(%0), %%ymm2\n\t"
                         "vmovdqu 64(%0), %%ymm3\n\tvmovdqu 96(%0), %%ymm4\n\t"
                         "xsaveopt (%1)"
                         : : "r"(in), "r"(area[1]), "a"(rfbm_save), "d"(0)
                         : "xmm1", "xmm2", "xmm3", "xmm4", "memory");
    else
        __asm__ volatile("vmovdqu (%0), %%ymm1\n\tvmovdqu 32(%0), %%ymm2\n\t"
                         "vmovdqu 64(%0), %%ymm3\n\tvmovdqu 96(%0), %%ymm4\n\t"
                         "xsave (%1)"
                         : : "r"(in), "r"(area[1]), "a"(rfbm_save), "d"(0)
                         : "xmm1", "xmm2", "xmm3", "xmm4", "memory");
    memcpy(area[0], area[1], sizeof(area[0]));
    /* The saved YMM halves, and XSTATE_BV's bits for the non-zero state
     * (x87 and SSE may be in their init state natively, AVX is not). */
    printf("%s: xstate_bv&4=%d ymm_hi[1]=%016llx\n", what,
           (int)(area[0][512] & 4), *(u64 *)(area[0] + 576 + 16));
    if (!bv_keep)
        area[0][512] &= (u8)~4;
    __asm__ volatile("vmovdqu (%0), %%ymm1\n\tvmovdqu 32(%0), %%ymm2\n\t"
                     "vmovdqu 64(%0), %%ymm3\n\tvmovdqu 96(%0), %%ymm4\n\t"
                     "xrstor (%1)\n\t"
                     "vmovdqu %%ymm1, (%2)\n\tvmovdqu %%ymm2, 32(%2)\n\t"
                     "vmovdqu %%ymm3, 64(%2)\n\tvmovdqu %%ymm4, 96(%2)\n\t"
                     "vzeroupper"
                     : : "r"(clob), "r"(area[0]), "r"(out), "a"(rfbm_rstor), "d"(0)
                     : "xmm1", "xmm2", "xmm3", "xmm4", "memory");
    print_ymm(what, (const u64(*)[4])out);
}

static void xsave_case(const char *what, u32 rfbm_save, u32 rfbm_rstor, int bv_keep)
{
    xsave_case_with(what, rfbm_save, rfbm_rstor, bv_keep, 0);
}

static void xsave_tests(void)
{
    xsave_case_with("xsaveopt", 7, 7, 1, 1);
    xsave_case_with("xsaveopt avx init", 7, 7, 0, 1);
    xsave_case("x87+sse+avx", 7, 7, 1);
    xsave_case("avx init", 7, 7, 0);       /* XSTATE_BV[2] = 0: uppers zero */
    xsave_case("rstor sse only", 7, 2, 1); /* AVX not in RFBM: kept */
    xsave_case("save sse only", 2, 7, 1);
}

int main(int argc, char **argv)
{
    unsigned lo, hi;

    /* (CPUID is not printed: check-nosimd hides its bits, not XGETBV) */
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    printf("xcr0 x87 sse avx: %u\n", lo & 7);
    run_tests(argc, argv);
    xsave_tests();
    return 0;
}
