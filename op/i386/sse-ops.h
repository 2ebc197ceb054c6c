/*
 * The SSE/SSE2 instructions that run on the host as they are, listed once
 * for the micro-ops (op/i386/op-sse.c, op/i386/op-fpu-sse.c) and the decoder's
 * tables (translate/i386/sse.c).
 *
 * While generated code runs the host's MXCSR is the guest's
 * (op/i386/fpu-state.h), and an SSE instruction computes the same in 32-
 * and 64-bit mode.  So, as for the x87 (op/i386/x87-ops.h), the micro-op of
 * such an instruction is the instruction itself, with its XMM operands
 * read from and written back to env->xmm[] (whole 16-byte registers, so
 * the upper bits are exactly what the hardware leaves there) and a memory
 * operand read straight from guest memory at guest_base + A0.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_SSE_OPS_H
#define STITCH_SSE_OPS_H

/*
 * X(opc, name): the integer operations of MMX and SSE2, 0F opc on MMX
 * registers (mm, mm/m64) and 66 0F opc on XMM registers (xmm, xmm/m128)
 * (SDM vol. 2, table A-3).
 */
#define SSE_INT_OPS(X)                                                      \
    X(0x60, punpcklbw) X(0x61, punpcklwd) X(0x62, punpckldq)                \
    X(0x63, packsswb) X(0x64, pcmpgtb) X(0x65, pcmpgtw) X(0x66, pcmpgtd)    \
    X(0x67, packuswb) X(0x68, punpckhbw) X(0x69, punpckhwd)                 \
    X(0x6a, punpckhdq) X(0x6b, packssdw) X(0x74, pcmpeqb) X(0x75, pcmpeqw)  \
    X(0x76, pcmpeqd) X(0xd1, psrlw) X(0xd2, psrld) X(0xd3, psrlq)           \
    X(0xd4, paddq) X(0xd5, pmullw) X(0xd8, psubusb) X(0xd9, psubusw)        \
    X(0xda, pminub) X(0xdb, pand) X(0xdc, paddusb) X(0xdd, paddusw)         \
    X(0xde, pmaxub) X(0xdf, pandn) X(0xe0, pavgb) X(0xe1, psraw)            \
    X(0xe2, psrad) X(0xe3, pavgw) X(0xe4, pmulhuw) X(0xe5, pmulhw)          \
    X(0xe8, psubsb) X(0xe9, psubsw) X(0xea, pminsw) X(0xeb, por)            \
    X(0xec, paddsb) X(0xed, paddsw) X(0xee, pmaxsw) X(0xef, pxor)           \
    X(0xf1, psllw) X(0xf2, pslld) X(0xf3, psllq) X(0xf4, pmuludq)           \
    X(0xf5, pmaddwd) X(0xf6, psadbw) X(0xf8, psubb) X(0xf9, psubw)          \
    X(0xfa, psubd) X(0xfb, psubq) X(0xfc, paddb) X(0xfd, paddw)             \
    X(0xfe, paddd)

/* The four forms of a floating-point operation: packed single (no
 * prefix), packed double (66), scalar single (F3), scalar double (F2). */
#define SSE_FOP4(X, opc, n)                                                 \
    X(opc, P_NONE, n##ps, 16) X(opc, P_66, n##pd, 16)                       \
    X(opc, P_F3, n##ss, 4) X(opc, P_F2, n##sd, 8)

/*
 * X(opc, pfx, name, msize): XMM-only operations, xmm destination and
 * xmm/m source, opcode 0F opc with mandatory prefix pfx; a memory source
 * is msize bytes.  The scalar ones (..ss, ..sd, cvtss2sd ...) leave the
 * destination's other elements alone, as the host does.
 */
#define SSE_XMM_OPS(X)                                                      \
    X(0x14, P_NONE, unpcklps, 16) X(0x14, P_66, unpcklpd, 16)               \
    X(0x15, P_NONE, unpckhps, 16) X(0x15, P_66, unpckhpd, 16)               \
    SSE_FOP4(X, 0x51, sqrt)                                                 \
    X(0x52, P_NONE, rsqrtps, 16) X(0x52, P_F3, rsqrtss, 4)                  \
    X(0x53, P_NONE, rcpps, 16) X(0x53, P_F3, rcpss, 4)                      \
    X(0x54, P_NONE, andps, 16) X(0x54, P_66, andpd, 16)                     \
    X(0x55, P_NONE, andnps, 16) X(0x55, P_66, andnpd, 16)                   \
    X(0x56, P_NONE, orps, 16) X(0x56, P_66, orpd, 16)                       \
    X(0x57, P_NONE, xorps, 16) X(0x57, P_66, xorpd, 16)                     \
    SSE_FOP4(X, 0x58, add) SSE_FOP4(X, 0x59, mul)                           \
    X(0x5a, P_NONE, cvtps2pd, 8) X(0x5a, P_66, cvtpd2ps, 16)                \
    X(0x5a, P_F3, cvtss2sd, 4) X(0x5a, P_F2, cvtsd2ss, 8)                   \
    X(0x5b, P_NONE, cvtdq2ps, 16) X(0x5b, P_66, cvtps2dq, 16)               \
    X(0x5b, P_F3, cvttps2dq, 16)                                            \
    SSE_FOP4(X, 0x5c, sub) SSE_FOP4(X, 0x5d, min)                           \
    SSE_FOP4(X, 0x5e, div) SSE_FOP4(X, 0x5f, max)                           \
    X(0x6c, P_66, punpcklqdq, 16) X(0x6d, P_66, punpckhqdq, 16)             \
    X(0xe6, P_66, cvttpd2dq, 16) X(0xe6, P_F3, cvtdq2pd, 8)                 \
    X(0xe6, P_F2, cvtpd2dq, 16)

/* X(name): register-to-register only (the memory forms of these opcodes
 * are other instructions): MOVSS, MOVSD (the destination's upper
 * elements kept), MOVHLPS, MOVLHPS. */
#define SSE_REG_ONLY_OPS(X) X(movss) X(movsd) X(movhlps) X(movlhps)

/* X(name): the shifts of groups 12-14 (0F 71-73 /2 /4 /6) with an
 * immediate count. */
#define SSE_SHIFT_IMM_OPS(X)                                                \
    X(psrlw) X(psraw) X(psllw) X(psrld) X(psrad) X(pslld) X(psrlq) X(psllq)

/* X(name, msize): UCOMISS COMISS UCOMISD COMISD (0F 2E 2F, 66 0F 2E 2F):
 * ZF PF CF set from the compare, OF SF AF cleared. */
#define SSE_COMI_OPS(X)                                                     \
    X(ucomiss, 4) X(comiss, 4) X(ucomisd, 8) X(comisd, 8)

/* X(name, msize): CVT(T)SS2SI, CVT(T)SD2SI r32, xmm/m (F3/F2 0F 2C 2D). */
#define SSE_TO_INT_OPS(X)                                                   \
    X(cvttss2si, 4) X(cvtss2si, 4) X(cvttsd2si, 8) X(cvtsd2si, 8)

/* X(name): MOVMSKPS MOVMSKPD PMOVMSKB r32, xmm (0F 50, 66 0F 50, 66 0F D7). */
#define SSE_MASK_OPS(X) X(movmskps) X(movmskpd) X(pmovmskb)

/* X(opc, pfx, name, msize): the SSE3 instructions of the 0F map that have
 * the SSE_XMM_OPS form (SDM vol. 2, table A-3): MOVSLDUP MOVSHDUP
 * MOVDDUP, HADD/HSUB and ADDSUB in single and double. */
#define SSE3_XMM_OPS(X)                                                     \
    X(0x12, P_F3, movsldup, 16) X(0x16, P_F3, movshdup, 16)                 \
    X(0x12, P_F2, movddup, 8) X(0x7c, P_66, haddpd, 16)                     \
    X(0x7c, P_F2, haddps, 16) X(0x7d, P_66, hsubpd, 16)                     \
    X(0x7d, P_F2, hsubps, 16) X(0xd0, P_66, addsubpd, 16)                   \
    X(0xd0, P_F2, addsubps, 16)

/* X(opc, name): SSSE3, 0F 38 opc on MMX registers (mm, mm/m64) and
 * 66 0F 38 opc on XMM registers (xmm, xmm/m128) (SDM vol. 2, table A-4). */
#define SSSE3_OPS(X)                                                        \
    X(0x00, pshufb) X(0x01, phaddw) X(0x02, phaddd) X(0x03, phaddsw)        \
    X(0x04, pmaddubsw) X(0x05, phsubw) X(0x06, phsubd) X(0x07, phsubsw)     \
    X(0x08, psignb) X(0x09, psignw) X(0x0a, psignd) X(0x0b, pmulhrsw)       \
    X(0x1c, pabsb) X(0x1d, pabsw) X(0x1e, pabsd)

/* X(opc, name, msize): 66 0F 38 opc, XMM only, xmm destination and
 * xmm/m source of msize bytes: SSE4.1, PCMPGTQ (SSE4.2) and AES-NI. */
#define SSE41_XMM_OPS(X)                                                    \
    X(0x20, pmovsxbw, 8) X(0x21, pmovsxbd, 4) X(0x22, pmovsxbq, 2)          \
    X(0x23, pmovsxwd, 8) X(0x24, pmovsxwq, 4) X(0x25, pmovsxdq, 8)          \
    X(0x28, pmuldq, 16) X(0x29, pcmpeqq, 16) X(0x2b, packusdw, 16)          \
    X(0x30, pmovzxbw, 8) X(0x31, pmovzxbd, 4) X(0x32, pmovzxbq, 2)          \
    X(0x33, pmovzxwd, 8) X(0x34, pmovzxwq, 4) X(0x35, pmovzxdq, 8)          \
    X(0x37, pcmpgtq, 16) X(0x38, pminsb, 16) X(0x39, pminsd, 16)            \
    X(0x3a, pminuw, 16) X(0x3b, pminud, 16) X(0x3c, pmaxsb, 16)             \
    X(0x3d, pmaxsd, 16) X(0x3e, pmaxuw, 16) X(0x3f, pmaxud, 16)             \
    X(0x40, pmulld, 16) X(0x41, phminposuw, 16) X(0xdb, aesimc, 16)         \
    X(0xdc, aesenc, 16) X(0xdd, aesenclast, 16) X(0xde, aesdec, 16)         \
    X(0xdf, aesdeclast, 16)

/* X(opc, name): the variable blends, 66 0F 38 opc, whose mask is the
 * guest's XMM0 (SDM PBLENDVB). */
#define SSE41_BLENDV_OPS(X) X(0x10, pblendvb) X(0x14, blendvps) X(0x15, blendvpd)

/* X(opc, name, msize): 66 0F 3A opc xmm, xmm/m, imm8 -- run by a helper
 * that switches over the immediate (op/i386/helper-sse4.c). */
#define SSE41_IMM_OPS(X)                                                    \
    X(0x08, roundps, 16) X(0x09, roundpd, 16) X(0x0a, roundss, 4)           \
    X(0x0b, roundsd, 8) X(0x0c, blendps, 16) X(0x0d, blendpd, 16)           \
    X(0x0e, pblendw, 16) X(0x0f, palignr, 16) X(0x40, dpps, 16)             \
    X(0x41, dppd, 16) X(0x42, mpsadbw, 16) X(0x44, pclmulqdq, 16)           \
    X(0xdf, aeskeygenassist, 16)

/* X(opc, name): PCMPESTRM PCMPESTRI PCMPISTRM PCMPISTRI (66 0F 3A 60-63). */
#define SSE42_STR_OPS(X)                                                    \
    X(0x60, pcmpestrm) X(0x61, pcmpestri) X(0x62, pcmpistrm) X(0x63, pcmpistri)

#endif
