/*
 * The VEX-encoded AVX, AVX2, FMA and F16C instructions that run on the host
 * as they are, listed once for the micro-ops (op/i386/op-avx.c) and the
 * decoder's table (translate/i386/avx.c).
 *
 * X(map, pp, opc, w, lmode, kind, name): VEX.mmmmm map (1: 0F, 2: 0F 38),
 * VEX.pp, opcode, VEX.W (-1: ignored), which VEX.L the instruction has
 * (L_BOTH: 128 and 256; L_128, L_256: only that one, the other is #UD;
 * L_IG: scalar, either, run as 128) and the kind of its operands
 * (SDM vol. 2, tables; each instruction's page):
 *   K_B   dst, src1 = VEX.vvvv, src2 = r/m: dst := src1 op src2
 *   K_SH  the same with src2 a shift count in xmm/m128 for either length
 *   K_F   FMA: dst := f(dst, vvvv, r/m), dst read too
 *   K_U   dst, r/m (vvvv 1111b): the same width in and out
 *   K_W   dst, r/m: the source half the destination's width (or less)
 *   K_N   dst, r/m: the destination half the source's width
 *   K_R   register-only K_B (the memory form is another instruction)
 *   K_M   memory-only K_B (the register form is another instruction)
 * A VEX.128 result zeroes bits 255:128 of its register (SDM vol. 1,
 * 14.1.2), which every op here does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_AVX_OPS_H
#define STITCH_AVX_OPS_H

/* The packed floating-point pair: no prefix single, 66 double. */
#define AVX_FP2(X, opc, kind, n)                                            \
    X(1, 0, opc, -1, L_BOTH, kind, n##ps) X(1, 1, opc, -1, L_BOTH, kind, n##pd)
/* The scalar pair: F3 single, F2 double. */
#define AVX_FS2(X, opc, n)                                                  \
    X(1, 2, opc, -1, L_IG, K_B, n##ss) X(1, 3, opc, -1, L_IG, K_B, n##sd)
/* 66 0F opc integer operations, 128 (AVX) and 256 (AVX2). */
#define AVX_I(X, opc, n) X(1, 1, opc, -1, L_BOTH, K_B, n)
#define AVX_ISH(X, opc, n) X(1, 1, opc, -1, L_BOTH, K_SH, n)
#define AVX_38(X, opc, kind, n) X(2, 1, opc, -1, L_BOTH, kind, n)

#define AVX_MAP1_OPS(X)                                                     \
    AVX_FP2(X, 0x14, K_B, vunpckl) AVX_FP2(X, 0x15, K_B, vunpckh)           \
    AVX_FP2(X, 0x54, K_B, vand) AVX_FP2(X, 0x55, K_B, vandn)                \
    AVX_FP2(X, 0x56, K_B, vor) AVX_FP2(X, 0x57, K_B, vxor)                  \
    AVX_FP2(X, 0x58, K_B, vadd) AVX_FP2(X, 0x59, K_B, vmul)                 \
    AVX_FP2(X, 0x5c, K_B, vsub) AVX_FP2(X, 0x5d, K_B, vmin)                 \
    AVX_FP2(X, 0x5e, K_B, vdiv) AVX_FP2(X, 0x5f, K_B, vmax)                 \
    AVX_FP2(X, 0x51, K_U, vsqrt)                                            \
    AVX_FS2(X, 0x58, vadd) AVX_FS2(X, 0x59, vmul) AVX_FS2(X, 0x5c, vsub)    \
    AVX_FS2(X, 0x5d, vmin) AVX_FS2(X, 0x5e, vdiv) AVX_FS2(X, 0x5f, vmax)    \
    AVX_FS2(X, 0x51, vsqrt)                                                 \
    X(1, 2, 0x52, -1, L_IG, K_B, vrsqrtss) X(1, 2, 0x53, -1, L_IG, K_B, vrcpss) \
    X(1, 2, 0x5a, -1, L_IG, K_B, vcvtss2sd)                                 \
    X(1, 3, 0x5a, -1, L_IG, K_B, vcvtsd2ss)                                 \
    X(1, 0, 0x52, -1, L_BOTH, K_U, vrsqrtps)                                \
    X(1, 0, 0x53, -1, L_BOTH, K_U, vrcpps)                                  \
    X(1, 0, 0x5b, -1, L_BOTH, K_U, vcvtdq2ps)                               \
    X(1, 1, 0x5b, -1, L_BOTH, K_U, vcvtps2dq)                               \
    X(1, 2, 0x5b, -1, L_BOTH, K_U, vcvttps2dq)                              \
    X(1, 2, 0x12, -1, L_BOTH, K_U, vmovsldup)                               \
    X(1, 2, 0x16, -1, L_BOTH, K_U, vmovshdup)                               \
    X(1, 3, 0x12, -1, L_BOTH, K_U, vmovddup)                                \
    X(1, 0, 0x5a, -1, L_BOTH, K_W, vcvtps2pd)                               \
    X(1, 2, 0xe6, -1, L_BOTH, K_W, vcvtdq2pd)                               \
    X(1, 1, 0x5a, -1, L_BOTH, K_N, vcvtpd2ps)                               \
    X(1, 1, 0xe6, -1, L_BOTH, K_N, vcvttpd2dq)                              \
    X(1, 3, 0xe6, -1, L_BOTH, K_N, vcvtpd2dq)                               \
    X(1, 1, 0x7c, -1, L_BOTH, K_B, vhaddpd) X(1, 3, 0x7c, -1, L_BOTH, K_B, vhaddps) \
    X(1, 1, 0x7d, -1, L_BOTH, K_B, vhsubpd) X(1, 3, 0x7d, -1, L_BOTH, K_B, vhsubps) \
    X(1, 1, 0xd0, -1, L_BOTH, K_B, vaddsubpd)                               \
    X(1, 3, 0xd0, -1, L_BOTH, K_B, vaddsubps)                               \
    AVX_I(X, 0x60, vpunpcklbw) AVX_I(X, 0x61, vpunpcklwd)                   \
    AVX_I(X, 0x62, vpunpckldq) AVX_I(X, 0x63, vpacksswb)                    \
    AVX_I(X, 0x64, vpcmpgtb) AVX_I(X, 0x65, vpcmpgtw) AVX_I(X, 0x66, vpcmpgtd) \
    AVX_I(X, 0x67, vpackuswb) AVX_I(X, 0x68, vpunpckhbw)                    \
    AVX_I(X, 0x69, vpunpckhwd) AVX_I(X, 0x6a, vpunpckhdq)                   \
    AVX_I(X, 0x6b, vpackssdw) AVX_I(X, 0x6c, vpunpcklqdq)                   \
    AVX_I(X, 0x6d, vpunpckhqdq) AVX_I(X, 0x74, vpcmpeqb)                    \
    AVX_I(X, 0x75, vpcmpeqw) AVX_I(X, 0x76, vpcmpeqd)                       \
    AVX_ISH(X, 0xd1, vpsrlw) AVX_ISH(X, 0xd2, vpsrld) AVX_ISH(X, 0xd3, vpsrlq) \
    AVX_I(X, 0xd4, vpaddq) AVX_I(X, 0xd5, vpmullw) AVX_I(X, 0xd8, vpsubusb) \
    AVX_I(X, 0xd9, vpsubusw) AVX_I(X, 0xda, vpminub) AVX_I(X, 0xdb, vpand)  \
    AVX_I(X, 0xdc, vpaddusb) AVX_I(X, 0xdd, vpaddusw) AVX_I(X, 0xde, vpmaxub) \
    AVX_I(X, 0xdf, vpandn) AVX_I(X, 0xe0, vpavgb) AVX_ISH(X, 0xe1, vpsraw)  \
    AVX_ISH(X, 0xe2, vpsrad) AVX_I(X, 0xe3, vpavgw) AVX_I(X, 0xe4, vpmulhuw) \
    AVX_I(X, 0xe5, vpmulhw) AVX_I(X, 0xe8, vpsubsb) AVX_I(X, 0xe9, vpsubsw) \
    AVX_I(X, 0xea, vpminsw) AVX_I(X, 0xeb, vpor) AVX_I(X, 0xec, vpaddsb)    \
    AVX_I(X, 0xed, vpaddsw) AVX_I(X, 0xee, vpmaxsw) AVX_I(X, 0xef, vpxor)   \
    AVX_ISH(X, 0xf1, vpsllw) AVX_ISH(X, 0xf2, vpslld) AVX_ISH(X, 0xf3, vpsllq) \
    AVX_I(X, 0xf4, vpmuludq) AVX_I(X, 0xf5, vpmaddwd) AVX_I(X, 0xf6, vpsadbw) \
    AVX_I(X, 0xf8, vpsubb) AVX_I(X, 0xf9, vpsubw) AVX_I(X, 0xfa, vpsubd)    \
    AVX_I(X, 0xfb, vpsubq) AVX_I(X, 0xfc, vpaddb) AVX_I(X, 0xfd, vpaddw)    \
    AVX_I(X, 0xfe, vpaddd)

/* FMA (VEX.66.0F38, W0 single, W1 double): the 132/213/231 forms of
 * fmadd, fmsub, fnmadd, fnmsub (packed and scalar) and fmaddsub,
 * fmsubadd (packed), each one host instruction, so rounded once. */
#define AVX_FMA3(X, base, ord)                                              \
    X(2, 1, base + 0x00, 0, L_BOTH, K_F, vfmaddsub##ord##ps)                \
    X(2, 1, base + 0x00, 1, L_BOTH, K_F, vfmaddsub##ord##pd)                \
    X(2, 1, base + 0x01, 0, L_BOTH, K_F, vfmsubadd##ord##ps)                \
    X(2, 1, base + 0x01, 1, L_BOTH, K_F, vfmsubadd##ord##pd)                \
    X(2, 1, base + 0x02, 0, L_BOTH, K_F, vfmadd##ord##ps)                   \
    X(2, 1, base + 0x02, 1, L_BOTH, K_F, vfmadd##ord##pd)                   \
    X(2, 1, base + 0x03, 0, L_IG, K_F, vfmadd##ord##ss)                     \
    X(2, 1, base + 0x03, 1, L_IG, K_F, vfmadd##ord##sd)                     \
    X(2, 1, base + 0x04, 0, L_BOTH, K_F, vfmsub##ord##ps)                   \
    X(2, 1, base + 0x04, 1, L_BOTH, K_F, vfmsub##ord##pd)                   \
    X(2, 1, base + 0x05, 0, L_IG, K_F, vfmsub##ord##ss)                     \
    X(2, 1, base + 0x05, 1, L_IG, K_F, vfmsub##ord##sd)                     \
    X(2, 1, base + 0x06, 0, L_BOTH, K_F, vfnmadd##ord##ps)                  \
    X(2, 1, base + 0x06, 1, L_BOTH, K_F, vfnmadd##ord##pd)                  \
    X(2, 1, base + 0x07, 0, L_IG, K_F, vfnmadd##ord##ss)                    \
    X(2, 1, base + 0x07, 1, L_IG, K_F, vfnmadd##ord##sd)                    \
    X(2, 1, base + 0x08, 0, L_BOTH, K_F, vfnmsub##ord##ps)                  \
    X(2, 1, base + 0x08, 1, L_BOTH, K_F, vfnmsub##ord##pd)                  \
    X(2, 1, base + 0x09, 0, L_IG, K_F, vfnmsub##ord##ss)                    \
    X(2, 1, base + 0x09, 1, L_IG, K_F, vfnmsub##ord##sd)

#define AVX_MAP2_OPS(X)                                                     \
    AVX_38(X, 0x00, K_B, vpshufb) AVX_38(X, 0x01, K_B, vphaddw)             \
    AVX_38(X, 0x02, K_B, vphaddd) AVX_38(X, 0x03, K_B, vphaddsw)            \
    AVX_38(X, 0x04, K_B, vpmaddubsw) AVX_38(X, 0x05, K_B, vphsubw)          \
    AVX_38(X, 0x06, K_B, vphsubd) AVX_38(X, 0x07, K_B, vphsubsw)            \
    AVX_38(X, 0x08, K_B, vpsignb) AVX_38(X, 0x09, K_B, vpsignw)             \
    AVX_38(X, 0x0a, K_B, vpsignd) AVX_38(X, 0x0b, K_B, vpmulhrsw)           \
    X(2, 1, 0x0c, 0, L_BOTH, K_B, vpermilps)                                \
    X(2, 1, 0x0d, 0, L_BOTH, K_B, vpermilpd)                                \
    X(2, 1, 0x16, 0, L_256, K_B, vpermps)                                   \
    X(2, 1, 0x36, 0, L_256, K_B, vpermd)                                    \
    AVX_38(X, 0x1c, K_U, vpabsb) AVX_38(X, 0x1d, K_U, vpabsw)               \
    AVX_38(X, 0x1e, K_U, vpabsd)                                            \
    AVX_38(X, 0x20, K_W, vpmovsxbw) AVX_38(X, 0x21, K_W, vpmovsxbd)         \
    AVX_38(X, 0x22, K_W, vpmovsxbq) AVX_38(X, 0x23, K_W, vpmovsxwd)         \
    AVX_38(X, 0x24, K_W, vpmovsxwq) AVX_38(X, 0x25, K_W, vpmovsxdq)         \
    AVX_38(X, 0x30, K_W, vpmovzxbw) AVX_38(X, 0x31, K_W, vpmovzxbd)         \
    AVX_38(X, 0x32, K_W, vpmovzxbq) AVX_38(X, 0x33, K_W, vpmovzxwd)         \
    AVX_38(X, 0x34, K_W, vpmovzxwq) AVX_38(X, 0x35, K_W, vpmovzxdq)         \
    AVX_38(X, 0x28, K_B, vpmuldq) AVX_38(X, 0x29, K_B, vpcmpeqq)            \
    AVX_38(X, 0x2b, K_B, vpackusdw) AVX_38(X, 0x37, K_B, vpcmpgtq)          \
    AVX_38(X, 0x38, K_B, vpminsb) AVX_38(X, 0x39, K_B, vpminsd)             \
    AVX_38(X, 0x3a, K_B, vpminuw) AVX_38(X, 0x3b, K_B, vpminud)             \
    AVX_38(X, 0x3c, K_B, vpmaxsb) AVX_38(X, 0x3d, K_B, vpmaxsd)             \
    AVX_38(X, 0x3e, K_B, vpmaxuw) AVX_38(X, 0x3f, K_B, vpmaxud)             \
    AVX_38(X, 0x40, K_B, vpmulld)                                           \
    X(2, 1, 0x41, -1, L_128, K_U, vphminposuw)                              \
    X(2, 1, 0x45, 0, L_BOTH, K_B, vpsrlvd) X(2, 1, 0x45, 1, L_BOTH, K_B, vpsrlvq) \
    X(2, 1, 0x46, 0, L_BOTH, K_B, vpsravd)                                  \
    X(2, 1, 0x47, 0, L_BOTH, K_B, vpsllvd) X(2, 1, 0x47, 1, L_BOTH, K_B, vpsllvq) \
    X(2, 1, 0x58, 0, L_BOTH, K_W, vpbroadcastd)                             \
    X(2, 1, 0x59, 0, L_BOTH, K_W, vpbroadcastq)                             \
    X(2, 1, 0x78, 0, L_BOTH, K_W, vpbroadcastb)                             \
    X(2, 1, 0x79, 0, L_BOTH, K_W, vpbroadcastw)                             \
    X(2, 1, 0x18, 0, L_BOTH, K_W, vbroadcastss)                             \
    X(2, 1, 0x19, 0, L_256, K_W, vbroadcastsd)                              \
    X(2, 1, 0x13, 0, L_BOTH, K_W, vcvtph2ps)                                \
    X(2, 1, 0xdb, -1, L_128, K_U, vaesimc)                                  \
    X(2, 1, 0xdc, -1, L_128, K_B, vaesenc)                                  \
    X(2, 1, 0xdd, -1, L_128, K_B, vaesenclast)                              \
    X(2, 1, 0xde, -1, L_128, K_B, vaesdec)                                  \
    X(2, 1, 0xdf, -1, L_128, K_B, vaesdeclast)                              \
    AVX_FMA3(X, 0x96, 132) AVX_FMA3(X, 0xa6, 213) AVX_FMA3(X, 0xb6, 231)

/* X(name): the register-to-register and the memory forms of 0F 12, 16
 * (no prefix; 66 has only the memory ones), both K_B of VEX.128 only. */
#define AVX_R_OPS(X) X(vmovhlps) X(vmovlhps) X(vmovss) X(vmovsd)
#define AVX_M_OPS(X) X(vmovlps) X(vmovhps) X(vmovlpd) X(vmovhpd)

/* X(name, msize): loads of memory-only operands for 128 and 256:
 * VBROADCASTI128/F128 (VEX.256 66 0F38 5A, 1A) and the scalar loads
 * VMOVSS/VMOVSD xmm, m (zeroing the rest). */
#define AVX_LOAD_OPS(X) X(vbroadcasti128) X(vmovss_ld) X(vmovsd_ld)

/* X(name, opc, reg): the shifts by an immediate count (VEX.66 0F 71-73,
 * ModRM.reg selects; VEX.vvvv is the destination): run inline, the count
 * moved into an XMM register first. */
#define AVX_SHIFT_IMM_OPS(X)                                                \
    X(vpsrlw, 0x71, 2) X(vpsraw, 0x71, 4) X(vpsllw, 0x71, 6)                \
    X(vpsrld, 0x72, 2) X(vpsrad, 0x72, 4) X(vpslld, 0x72, 6)                \
    X(vpsrlq, 0x73, 2) X(vpsllq, 0x73, 6)

#endif
