/*
 * Reading op objects through libbfd: symbols, section bytes, relocations.
 *
 * An op is a global function symbol `op_NAME` in .text.  Its extent runs to
 * the next symbol of .text (ops are compiled with -fno-align-functions, so
 * nothing pads them).  Code in any other executable section is refused:
 * GCC's cold partitions (.text.unlikely) could not be copied with the op
 * (RESEARCH.md trap 8).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <bfd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyngen.h"

typedef struct Object {
    const char *path;
    bfd *abfd;
    asymbol **syms;
    long nsyms;
    asection *text;
    uint8_t *text_bytes;
    arelent **relocs;
    long nrelocs;
} Object;

static int fail(char *err, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(err, DYNGEN_ERR_MAX, fmt, ap);
    va_end(ap);
    return -1;
}

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);

    if (!p) {
        fprintf(stderr, "dyngen: out of memory\n");
        exit(1);
    }
    return p;
}

static int load_symbols(Object *o, char *err)
{
    long size = bfd_get_symtab_upper_bound(o->abfd);

    if (size < 0)
        return fail(err, "%s: cannot read symbols: %s", o->path,
                    bfd_errmsg(bfd_get_error()));
    o->syms = xcalloc(1, size);
    o->nsyms = bfd_canonicalize_symtab(o->abfd, o->syms);
    if (o->nsyms < 0)
        return fail(err, "%s: cannot read symbols", o->path);
    return 0;
}

/* Executable sections other than .text that hold bytes are refused. */
static int check_sections(Object *o, char *err)
{
    for (asection *s = o->abfd->sections; s; s = s->next) {
        if (!(s->flags & SEC_CODE) || s == o->text)
            continue;
        if (bfd_section_size(s) > 0)
            return fail(err, "%s: code in section %s (cold partition or "
                             "function section): ops must live in .text only",
                        o->path, bfd_section_name(s));
    }
    return 0;
}

static int load_text(Object *o, char *err)
{
    o->text = bfd_get_section_by_name(o->abfd, ".text");
    if (!o->text)
        return fail(err, "%s: no .text section", o->path);
    bfd_size_type size = bfd_section_size(o->text);
    o->text_bytes = xcalloc(size, 1);
    if (!bfd_get_section_contents(o->abfd, o->text, o->text_bytes, 0, size))
        return fail(err, "%s: cannot read .text", o->path);

    long rsize = bfd_get_reloc_upper_bound(o->abfd, o->text);
    if (rsize < 0)
        return fail(err, "%s: cannot read relocations", o->path);
    o->relocs = xcalloc(1, rsize);
    o->nrelocs = bfd_canonicalize_reloc(o->abfd, o->text, o->relocs, o->syms);
    if (o->nrelocs < 0)
        return fail(err, "%s: cannot read relocations", o->path);
    return 0;
}

static int in_text(const Object *o, const asymbol *s)
{
    return s->section == o->text && !(s->flags & BSF_SECTION_SYM);
}

/* End of the op starting at `start`: the next .text symbol, or the end. */
static uint32_t op_end(const Object *o, uint32_t start)
{
    uint32_t end = bfd_section_size(o->text);

    for (long i = 0; i < o->nsyms; i++) {
        const asymbol *s = o->syms[i];
        uint32_t v = bfd_asymbol_value(s) - o->text->vma;
        if (in_text(o, s) && v > start && v < end)
            end = v;
    }
    return end;
}

static void raw_reloc(const Object *o, const arelent *r, uint32_t start,
                      RawReloc *raw)
{
    const asymbol *s = *r->sym_ptr_ptr;

    raw->offset = r->address - start;
    raw->howto = r->howto ? r->howto->name : "(none)";
    raw->sym = bfd_asymbol_name(s);
    raw->sym_is_section = (s->flags & BSF_SECTION_SYM) != 0;
    raw->sym_defined = !bfd_is_und_section(s->section);
    raw->addend = r->addend;
    (void)o;
}

/* Mid-body "continue" jumps go to the op's (trimmed) end: constant rel32. */
static void patch_next_jump(Op *op, const RawReloc *r, uint32_t end)
{
    int32_t rel = (int32_t)(end + r->addend - r->offset);

    memcpy(op->code + r->offset, &rel, 4);
}

static int is_keeping_helper(const OpSet *set, const char *sym)
{
    for (int i = 0; i < set->nkeeping; i++)
        if (strcmp(set->keeping[i], sym) == 0)
            return 1;
    return 0;
}

static int is_call_hole(const Op *op, const Hole *h)
{
    return h->offset > 0 && op->code[h->offset - 1] == 0xe8;
}

/* Does the op call a helper that may clobber the pinned guest registers
 * (a `call` hole to anything but a register-keeping helper)? */
static int calls_clobbering_helper(const OpSet *set, const Op *op)
{
    for (int i = 0; i < op->nholes; i++) {
        const Hole *h = &op->holes[i];
        if (h->kind == HOLE_CALL && is_call_hole(op, h) &&
            !is_keeping_helper(set, h->sym))
            return 1;
    }
    return 0;
}

/* The only jumps out of an op go to the engine's own exits: a helper
 * reached by a jump would run with no register sync and no return. */
static const Hole *jump_to_helper(const Op *op)
{
    for (int i = 0; i < op->nholes; i++) {
        const Hole *h = &op->holes[i];
        if (h->kind == HOLE_CALL && !is_call_hole(op, h) &&
            strcmp(h->sym, "tb_epilogue") != 0)
            return h;
    }
    return NULL;
}

/* The parameter count an op declares with OP_DECLARE_PARAMS
 * (op/op-x86_64.h): the absolute local symbol __op_nparams_NAME, for an op
 * whose copy has fewer holes than its interpreted form reads; 0 if none. */
static int declared_params(const Object *o, const char *name)
{
    static const char prefix[] = "__op_nparams_";

    for (long i = 0; i < o->nsyms; i++) {
        const char *s = bfd_asymbol_name(o->syms[i]);
        if (strncmp(s, prefix, sizeof(prefix) - 1) == 0 &&
            strcmp(s + sizeof(prefix) - 1, name) == 0 &&
            bfd_is_abs_section(o->syms[i]->section))
            return (int)bfd_asymbol_value(o->syms[i]);
    }
    return 0;
}

static int read_op(const Object *o, const OpSet *set, const asymbol *sym,
                   Op *op, char *err)
{
    uint32_t start = bfd_asymbol_value(sym) - o->text->vma;
    uint32_t end = op_end(o, start);
    uint32_t size = end - start;
    RawReloc raws[256];
    int nraw = 0;

    op->name = strdup(bfd_asymbol_name(sym) + 3);
    op->code = xcalloc(size, 1);
    memcpy(op->code, o->text_bytes + start, size);
    op->holes = xcalloc(256, sizeof(Hole));

    for (long i = 0; i < o->nrelocs; i++) {
        const arelent *r = o->relocs[i];
        if (r->address < start || r->address >= end)
            continue;
        if (nraw == 256)
            return fail(err, "%s: op_%s: too many relocations", o->path,
                        op->name);
        raw_reloc(o, r, start, &raws[nraw++]);
    }

    /* Classify every relocation; a final `jmp __op_next` is dropped, as
     * the next op follows directly. */
    Hole holes[256];
    int is_next[256];
    uint32_t kept = size;
    for (int i = 0; i < nraw; i++) {
        char why[DYNGEN_ERR_MAX];
        is_next[i] = 0;
        if (host_classify_reloc(&raws[i], size, &holes[i], &is_next[i], why) < 0)
            return fail(err, "%s: op_%s+0x%x: %s", o->path, op->name,
                        raws[i].offset, why);
        if (is_next[i] && host_is_final_jump(op->code, size, raws[i].offset))
            kept = size - host_jump_size;
    }
    kept = host_fold_branch_tail(op->code, kept, raws, holes, is_next, nraw);
    for (int i = 0; i < nraw; i++) {
        if (raws[i].offset >= kept) {
            free(holes[i].sym);
            continue;
        }
        if (is_next[i]) {
            patch_next_jump(op, &raws[i], kept);
            continue;
        }
        op->holes[op->nholes++] = holes[i];
        if ((holes[i].kind == HOLE_PARAM || holes[i].kind == HOLE_LABEL) &&
            holes[i].arg > op->nparams)
            op->nparams = holes[i].arg;
    }
    if (declared_params(o, op->name) > op->nparams)
        op->nparams = declared_params(o, op->name);
    op->size = kept;
    if (dyngen_check_code(op->name, op->code, op->size, &op->may_fault,
                          &op->calls, err) < 0)
        return -1;
    const Hole *jump = jump_to_helper(op);
    if (jump)
        return fail(err, "%s: op_%s+0x%x: jump to %s: helpers must be "
                         "called", o->path, op->name, jump->offset, jump->sym);
    op->calls = op->calls && calls_clobbering_helper(set, op);
    return 0;
}

static int is_op_symbol(const Object *o, const asymbol *s)
{
    return in_text(o, s) && (s->flags & BSF_GLOBAL) &&
           strncmp(bfd_asymbol_name(s), "op_", 3) == 0;
}

static int read_ops(Object *o, OpSet *set, char *err)
{
    for (long i = 0; i < o->nsyms; i++) {
        if (!is_op_symbol(o, o->syms[i]))
            continue;
        set->ops = realloc(set->ops, (set->nops + 1) * sizeof(Op));
        Op *op = &set->ops[set->nops];
        memset(op, 0, sizeof(*op));
        if (read_op(o, set, o->syms[i], op, err) < 0)
            return -1;
        set->nops++;
    }
    return 0;
}

static int read_keeping(Object *o, OpSet *set, char *err)
{
    for (long i = 0; i < o->nsyms; i++) {
        const asymbol *s = o->syms[i];
        if (bfd_is_und_section(s->section))
            return fail(err, "%s calls %s: a register-keeping helper may only "
                             "call functions of its own object", o->path,
                        bfd_asymbol_name(s));
        if (!in_text(o, s) || !(s->flags & BSF_GLOBAL))
            continue;
        set->keeping = realloc(set->keeping,
                               (set->nkeeping + 1) * sizeof(char *));
        set->keeping[set->nkeeping++] = strdup(bfd_asymbol_name(s));
    }
    return 0;
}

static int read_object(const char *path, OpSet *set, char *err,
                       int (*reader)(Object *, OpSet *, char *))
{
    Object o = {.path = path};
    int ret = -1;

    bfd_init();
    o.abfd = bfd_openr(path, NULL);
    if (!o.abfd)
        return fail(err, "%s: %s", path, bfd_errmsg(bfd_get_error()));
    if (!bfd_check_format(o.abfd, bfd_object))
        fail(err, "%s: not an object file", path);
    else if (load_symbols(&o, err) == 0 && load_text(&o, err) == 0 &&
             check_sections(&o, err) == 0)
        ret = reader(&o, set, err);
    free(o.syms);
    free(o.text_bytes);
    free(o.relocs);
    bfd_close(o.abfd);
    return ret;
}

int dyngen_read_object(const char *path, OpSet *set, char *err)
{
    return read_object(path, set, err, read_ops);
}

int dyngen_read_keeping_helpers(const char *path, OpSet *set, char *err)
{
    return read_object(path, set, err, read_keeping);
}

void opset_free(OpSet *set)
{
    for (int i = 0; i < set->nops; i++) {
        Op *op = &set->ops[i];
        for (int j = 0; j < op->nholes; j++)
            free(op->holes[j].sym);
        free(op->holes);
        free(op->code);
        free(op->name);
    }
    free(set->ops);
    set->ops = NULL;
    set->nops = 0;
    for (int i = 0; i < set->nkeeping; i++)
        free(set->keeping[i]);
    free(set->keeping);
    set->keeping = NULL;
    set->nkeeping = 0;
}
