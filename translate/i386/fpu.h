/*
 * The floating-point and SIMD decoders (translate/i386/fpu.c, translate/i386/sse.c),
 * called by the integer decoder (translate/i386/translate.c) for the opcodes
 * they own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_TRANSLATE_FPU_H
#define STITCH_TRANSLATE_FPU_H

#include "translate.h"

/* x87 escape opcodes D8-DF (SDM vol. 2, A.4). */
void disas_x87(DisasContext *s, int b);

/* Two-byte opcodes 0x1xx (0F xx) of MMX, SSE, SSE2, with their 66/F2/F3
 * prefixes, FXSAVE/LDMXCSR/fences (0F AE) and EMMS; anything else raises
 * #UD. */
void disas_sse(DisasContext *s, int b);

/* The SSSE3/SSE4/AES-NI part of the three-byte map 0F 38 (b its third
 * byte, already fetched), and CRC32 (F2 0F 38 F0, F1); #UD for the rest. */
void disas_sse_0f38(DisasContext *s, int b);

/* Forget what host %xmm8-15 hold (translate/i386/sse.c, "the register
 * cache"): for decoders that write guest XMM registers themselves. */
void sse_cache_forget(void);

/* RDRAND, RDSEED r16/r32 (0F C7 /6, /7 with a register operand). */
void disas_rdrand(DisasContext *s, int modrm);

#endif
