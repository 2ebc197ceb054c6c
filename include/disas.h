/*
 * One instruction at a time through libopcodes, for the guests (i386, ARM)
 * and the host (x86_64).  Used by dyngen to check op shapes and by the -d log.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_DISAS_H
#define STITCH_DISAS_H

#include <stddef.h>
#include <stdint.h>

typedef enum { DISAS_I386, DISAS_X86_64, DISAS_ARM, DISAS_THUMB } DisasArch;

/* Disassemble the instruction at code[0..len) (shown at address `vma`)
 * into `text`; returns its length, or <= 0 if it cannot be decoded. */
int disas_one(DisasArch arch, const uint8_t *code, size_t len, uint64_t vma,
              char *text, size_t textlen);

#endif
