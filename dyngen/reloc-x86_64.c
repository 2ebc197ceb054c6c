/*
 * x86_64 host: which relocations an op may carry, and what each becomes.
 *
 * The dummy symbols the op conventions (op/op-x86_64.h) leave behind:
 *   __op_paramN      R_X86_64_32          constant operand N
 *   __op_gen_labelN  R_X86_64_PC32/PLT32  jump to the label in parameter N
 *   __op_jmpN        R_X86_64_PC32/PLT32  TB exit jump N (chaining)
 *   __op_next        R_X86_64_PC32/PLT32  continue with the next op
 *   __op_exit_tb     R_X86_64_PC32/PLT32  leave through the epilogue
 * Any other external symbol is a helper (rel32 call/jump) or global data
 * (absolute address).  binutils >= 2.31 writes PLT32 for every call/jmp; in a
 * non-PIE link it is the same as PC32 (RESEARCH.md trap 3).  Anything else
 * (GOT or TLS relocations, section-relative data such as .rodata constant
 * pools, calls to local functions) is refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyngen.h"

const unsigned host_jump_size = 5; /* e9 rel32 */

static int is_pcrel32(const char *howto)
{
    return strcmp(howto, "R_X86_64_PC32") == 0 ||
           strcmp(howto, "R_X86_64_PLT32") == 0;
}

static int numbered(const char *sym, const char *prefix, int *n)
{
    size_t len = strlen(prefix);
    char *end;

    if (strncmp(sym, prefix, len) != 0 || !sym[len])
        return 0;
    *n = (int)strtol(sym + len, &end, 10);
    return *end == '\0';
}

static int refuse(char *err, const RawReloc *r, const char *why)
{
    snprintf(err, DYNGEN_ERR_MAX, "%s against %s: %s", r->howto, r->sym, why);
    return -1;
}

/* Dummy symbols: parameters, labels, exits. */
static int classify_dummy(const RawReloc *r, Hole *h, int *is_next, char *err)
{
    int n;

    if (numbered(r->sym, "__op_param", &n)) {
        if (strcmp(r->howto, "R_X86_64_32") != 0)
            return refuse(err, r, "parameters must be loaded with movl $sym "
                                  "(PARAMn), not folded into addressing");
        if (n < 1 || n > 3)
            return refuse(err, r, "only __op_param1..3 exist");
        h->kind = HOLE_PARAM;
        h->arg = n;
        return 0;
    }
    if (!is_pcrel32(r->howto))
        return refuse(err, r, "control-flow symbol used as data");
    if (numbered(r->sym, "__op_gen_label", &n) && n >= 1 && n <= 3) {
        h->kind = HOLE_LABEL;
        h->arg = n;
    } else if (numbered(r->sym, "__op_jmp", &n) && n >= 0 && n <= 1) {
        h->kind = HOLE_CHAIN;
        h->arg = n;
    } else if (strcmp(r->sym, "__op_next") == 0) {
        *is_next = 1;
    } else if (strcmp(r->sym, "__op_exit_tb") == 0) {
        h->kind = HOLE_CALL;
        h->sym = strdup("tb_epilogue");
    } else {
        return refuse(err, r, "unknown dummy symbol");
    }
    return 0;
}

int host_classify_reloc(const RawReloc *r, uint32_t op_size, Hole *h,
                        int *is_next, char *err)
{
    memset(h, 0, sizeof(*h));
    h->offset = r->offset;
    h->addend = r->addend;
    *is_next = 0;
    if (r->offset + 4 > op_size)
        return refuse(err, r, "relocation runs past the end of the op");
    if (r->sym_is_section)
        return refuse(err, r, "reference to static data or a constant pool "
                              "(ops may only use env, parameters and helpers)");
    if (strncmp(r->sym, "__op_", 5) == 0)
        return classify_dummy(r, h, is_next, err);
    if (r->sym_defined)
        return refuse(err, r, "reference to a symbol defined in the op "
                              "object itself (another op or a local function)");
    h->sym = strdup(r->sym);
    if (is_pcrel32(r->howto))
        h->kind = HOLE_CALL;
    else if (strcmp(r->howto, "R_X86_64_32") == 0)
        h->kind = HOLE_ABS32;
    else if (strcmp(r->howto, "R_X86_64_32S") == 0)
        h->kind = HOLE_ABS32S;
    else if (strcmp(r->howto, "R_X86_64_64") == 0)
        h->kind = HOLE_ABS64;
    else {
        free(h->sym);
        h->sym = NULL;
        return refuse(err, r, "unsupported relocation type");
    }
    return 0;
}

int host_is_final_jump(const uint8_t *code, uint32_t size, uint32_t reloc_off)
{
    return size >= host_jump_size && reloc_off + 4 == size &&
           code[size - host_jump_size] == 0xe9;
}
