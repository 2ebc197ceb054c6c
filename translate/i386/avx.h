/*
 * The VEX decoder (translate/i386/avx.c), called by the C4/C5 prefix
 * reader (translate/i386/bmi.c) and for XGETBV/XSAVE/XRSTOR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_TRANSLATE_AVX_H
#define STITCH_TRANSLATE_AVX_H

#include "translate.h"

/* A VEX prefix, decoded (SDM vol. 2, 2.3.5). */
typedef struct Vex {
    int map;  /* VEX.mmmmm: 1: 0F, 2: 0F 38, 3: 0F 3A */
    int pp;   /* implied prefix: none, 66, F3, F2 */
    int l;    /* VEX.L: 256-bit */
    int w;    /* VEX.W (0 in the 2-byte form) */
    int vvvv; /* the extra register operand; 0 when VEX.vvvv is 1111b */
} Vex;

/* The AVX instruction after the prefix: 1 if translated, 0 if #UD. */
int disas_avx(DisasContext *s, const Vex *v);
/* XGETBV; XSAVE/XRSTOR with their ModRM: 1 if translated, 0 if #UD. */
int disas_xgetbv(DisasContext *s);
int disas_xsetbv(DisasContext *s);
int disas_xsave(DisasContext *s, int modrm);
int disas_xsavec(DisasContext *s, int modrm);

#endif
