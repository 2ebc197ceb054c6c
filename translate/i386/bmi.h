/*
 * The general-register extensions after SSE2 (translate/i386/bmi.c),
 * called by the integer decoder (translate/i386/translate.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_TRANSLATE_BMI_H
#define STITCH_TRANSLATE_BMI_H

#include "translate.h"

/* POPCNT, TZCNT, LZCNT (F3 0F B8, BC, BD; b = 0x1b8 ...). */
void disas_bitcount(DisasContext *s, int b);
/* 0F 38 xx without VEX: MOVBE, ADCX, ADOX; #UD otherwise. */
void disas_0f38(DisasContext *s);
/* C4/C5 (b): a VEX instruction if the next byte says so (returns 1,
 * BMI1/BMI2 or #UD), else 0 (LES/LDS). */
int disas_vex(DisasContext *s, int b);

#endif
