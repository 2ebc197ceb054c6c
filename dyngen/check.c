/*
 * The shape check: walk an op's instructions with libopcodes and refuse
 * what cannot be copied into the code buffer as is.  The original dyngen
 * only checked for the trailing `ret`; GCC 12 needs more (RESEARCH.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "disas.h"
#include "dyngen.h"

typedef struct Forbidden {
    const char *needle;
    int at_start;  /* match the mnemonic only, not operands */
    const char *why;
} Forbidden;

static const Forbidden forbidden[] = {
    {"ret", 1, "`ret` inside the op (GCC duplicated an exit; every exit "
               "must be a tail call to __op_next)"},
    {"endbr64", 1, "`endbr64` (CET): compile ops with -fcf-protection=none"},
    {"jmp    *", 1, "indirect jump (a jump table? use -fno-jump-tables)"},
    {"notrack", 1, "indirect jump (a jump table? use -fno-jump-tables)"},
    {"(bad)", 0, "bytes libopcodes cannot decode"},
    {"%xmm", 0, "vector instruction (use -mgeneral-regs-only, "
                "-fno-tree-vectorize)"},
    {"%ymm", 0, "vector instruction"},
    {"%fs:", 0, "host TLS access (ops must not touch host thread state)"},
};

static const char *mnemonic_skip_prefixes(const char *text)
{
    static const char *const prefixes[] = {"rex.W ", "bnd ", "ds ", "cs "};

    for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
        if (strncmp(text, prefixes[i], strlen(prefixes[i])) == 0)
            return text + strlen(prefixes[i]);
    return text;
}

static const char *why_forbidden(const char *text)
{
    const char *mn = mnemonic_skip_prefixes(text);

    for (size_t i = 0; i < sizeof(forbidden) / sizeof(forbidden[0]); i++) {
        const Forbidden *f = &forbidden[i];
        size_t n = strlen(f->needle);
        if (f->at_start ? strncmp(mn, f->needle, n) == 0
                        : strstr(text, f->needle) != NULL)
            return f->why;
    }
    return NULL;
}

/* Guest memory is only reached through the guest base (rbx, see
 * op/op-x86_64.h); helpers may touch it or raise guest exceptions; and
 * the guest's own x87 instructions (every mnemonic starting with `f`,
 * plus EMMS) run with the guest's control word, so they may raise its
 * unmasked #MF (include/fpu-state.h). */
static int can_fault(const char *text)
{
    const char *mn = mnemonic_skip_prefixes(text);

    return strstr(text, "%rbx") != NULL || strncmp(mn, "call", 4) == 0 ||
           mn[0] == 'f' || strncmp(mn, "emms", 4) == 0;
}

int dyngen_check_code(const char *opname, const uint8_t *code, uint32_t size,
                      int *may_fault, char *err)
{
    char text[256];

    *may_fault = 0;
    for (uint32_t pc = 0; pc < size;) {
        int len = disas_one(DISAS_X86_64, code + pc, size - pc, pc, text,
                            sizeof(text));
        if (len <= 0 || pc + (uint32_t)len > size) {
            snprintf(err, DYNGEN_ERR_MAX, "op_%s+0x%x: instruction runs past "
                     "the end of the op", opname, pc);
            return -1;
        }
        const char *why = why_forbidden(text);
        if (why) {
            snprintf(err, DYNGEN_ERR_MAX, "op_%s+0x%x: `%s`: %s", opname, pc,
                     text, why);
            return -1;
        }
        *may_fault |= can_fault(text);
        pc += len;
    }
    return 0;
}
