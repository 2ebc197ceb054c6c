/*
 * x86_64 host: fold the tail GCC gives a conditional jump to a label.
 *
 * `if (cond) GOTO_LABEL_PARAM(1); NEXT();` compiles to
 *     jcc  1f          (short, +5)
 *     jmp  __op_next   (to the op's end)
 *  1: jmp  __op_gen_label1
 * so the fall-through path takes one jump and the branch two.  dyngen
 * rewrites it as the one jump the hand-written dyngen ops of QEMU had:
 *     jcc  __op_gen_label1   (near, 0f 8x rel32)
 * and the op ends there, 6 bytes shorter.  Only done when no other jump
 * of the op lands inside the rewritten bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "disas.h"
#include "dyngen.h"

enum { TAIL = 12, JCC8 = 0, JMP_NEXT = 2, JMP_LABEL = 7 };

static int reloc_at(const RawReloc *raws, int nraw, uint32_t off)
{
    for (int i = 0; i < nraw; i++)
        if (raws[i].offset == off)
            return i;
    return -1;
}

static int has_reloc_in(const RawReloc *raws, int nraw, uint32_t from,
                        uint32_t to)
{
    for (int i = 0; i < nraw; i++)
        if (raws[i].offset >= from && raws[i].offset < to)
            return 1;
    return 0;
}

/* Are the three tail jumps whole instructions, and does no other jump of
 * the op (one without a relocation: an internal one) land after the
 * first of them? */
static int tail_is_alone(const uint8_t *code, uint32_t size,
                         const RawReloc *raws, int nraw)
{
    uint32_t tail = size - TAIL;
    int boundaries = 0;
    char text[256];

    for (uint32_t pc = 0; pc < size;) {
        int len = disas_one(DISAS_X86_64, code + pc, size - pc, pc, text,
                            sizeof(text));
        if (len <= 0)
            return 0;
        boundaries += pc == tail || pc == tail + JMP_NEXT ||
                      pc == tail + JMP_LABEL;
        const char *target = strstr(text, "0x");
        if (text[0] == 'j' && target && pc != tail &&
            !has_reloc_in(raws, nraw, pc, pc + (uint32_t)len)) {
            unsigned long t = strtoul(target, NULL, 16);
            if (t > tail && t <= size) /* size: the old end moves */
                return 0;
        }
        pc += (uint32_t)len;
    }
    return boundaries == 3;
}

uint32_t host_fold_branch_tail(uint8_t *code, uint32_t size, RawReloc *raws,
                               Hole *holes, const int *is_next, int nraw)
{
    if (size < TAIL)
        return size;
    uint32_t tail = size - TAIL;
    int next = reloc_at(raws, nraw, tail + JMP_NEXT + 1);
    int label = reloc_at(raws, nraw, tail + JMP_LABEL + 1);

    if ((code[tail + JCC8] & 0xf0) != 0x70 || code[tail + JCC8 + 1] != 5 ||
        code[tail + JMP_NEXT] != 0xe9 || code[tail + JMP_LABEL] != 0xe9 ||
        next < 0 || !is_next[next] || label < 0 ||
        holes[label].kind != HOLE_LABEL ||
        !tail_is_alone(code, size, raws, nraw))
        return size;

    uint8_t cc = code[tail + JCC8] & 0x0f;
    code[tail] = 0x0f;
    code[tail + 1] = (uint8_t)(0x80 | cc);
    memset(code + tail + 2, 0, 4);
    raws[label].offset = holes[label].offset = tail + 2;
    raws[next].offset = size; /* past the new end: dropped */
    return size - 6;
}
