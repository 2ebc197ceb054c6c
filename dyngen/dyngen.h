/*
 * dyngen: turns compiled micro-op objects into C code that copies and
 * patches them (paper, section 3.3 "Code generator").
 *
 * The reader (objread.c, libbfd) finds every op_* function, the checker
 * (check.c, libopcodes) walks its instructions to refuse shapes that cannot
 * be copied, the host file (reloc-x86_64.c) classifies each relocation into
 * a Hole, and the writer (gen.c) prints build/gen/.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_DYNGEN_H
#define STITCH_DYNGEN_H

#include <stddef.h>
#include <stdint.h>

/* What the emitter writes into a hole of the copied bytes. */
#define HOLE_KINDS(X)                                                      \
    X(PARAM, "32-bit constant: op parameter `arg`")                        \
    X(LABEL, "rel32 jump to the label numbered by parameter `arg`")        \
    X(CHAIN, "rel32 exit jump `arg` of the TB, patched by chaining")       \
    X(CALL, "rel32 call/jump to host symbol `sym` (helper, epilogue)")     \
    X(ABS32, "zero-extended 32-bit address of host symbol `sym`")          \
    X(ABS32S, "sign-extended 32-bit address of host symbol `sym`")         \
    X(ABS64, "64-bit address of host symbol `sym`")

typedef enum {
#define HOLE_ENUM(name, doc) HOLE_##name,
    HOLE_KINDS(HOLE_ENUM)
#undef HOLE_ENUM
} HoleKind;

typedef struct Hole {
    HoleKind kind;
    uint32_t offset;  /* of the 4/8-byte field inside the op's bytes */
    int arg;          /* parameter number (1-based) or exit slot */
    int64_t addend;   /* relocation addend: value = target + addend [- P] */
    char *sym;        /* host symbol for CALL/ABS* */
} Hole;

typedef struct Op {
    char *name;       /* without the op_ prefix */
    uint8_t *code;    /* copied bytes, final `jmp __op_next` removed */
    uint32_t size;
    int nparams;
    Hole *holes;
    int nholes;
    int may_fault;    /* touches guest memory or calls a helper */
    int calls;        /* calls a helper: pinned registers synced around it */
} Op;

typedef struct OpSet {
    Op *ops;
    int nops;
    /* Helpers that keep the pinned guest registers (dyngen -p):
     * an op that calls only these needs no spill/fill around it. */
    char **keeping;
    int nkeeping;
} OpSet;

#define DYNGEN_ERR_MAX 512

/* Read the functions of a register-keeping helper object into `set`
 * (before the ops that call them).  It must call nothing outside itself:
 * -1 with `err` naming the first undefined symbol. */
int dyngen_read_keeping_helpers(const char *path, OpSet *set, char *err);

/* Read every op of one object into `set`.  On failure returns -1 with
 * `err` naming the object, the op, the offset and the reason. */
int dyngen_read_object(const char *path, OpSet *set, char *err);

/* The host-specific part: classify one relocation of an op. */
typedef struct RawReloc {
    uint32_t offset;     /* inside the op */
    const char *howto;   /* relocation type name, e.g. "R_X86_64_PC32" */
    const char *sym;     /* target symbol name */
    int sym_defined;     /* defined in this object (not external) */
    int sym_is_section;  /* a section symbol (.rodata, .data ...) */
    int64_t addend;
} RawReloc;

/* 0 and fills `hole` (or sets *drop for a trailing __op_next jump and *next
 * for a mid-body one), or -1 with a reason in `err`. */
int host_classify_reloc(const RawReloc *r, uint32_t op_size, Hole *hole,
                        int *is_next, char *err);

/* The final "continue with the next op" jump: is the relocation at
 * `reloc_off` the rel32 of a jump that is the op's last instruction? */
int host_is_final_jump(const uint8_t *code, uint32_t size, uint32_t reloc_off);
extern const unsigned host_jump_size;

/* Fold a `jcc +5; jmp next; jmp label` tail ending the first `size` bytes
 * into one `jcc label` (dyngen/fold-x86_64.c); moves the label relocation
 * and pushes the dropped next-jump past the end.  Returns the new size. */
uint32_t host_fold_branch_tail(uint8_t *code, uint32_t size, RawReloc *raws,
                               Hole *holes, const int *is_next, int nraw);

/* The host registers that hold pinned guest registers, comma-separated
 * 64-bit names ("r8,r9,rbp"): an op that calls a helper must not touch
 * them.  0, or -1 with `err`. */
int dyngen_set_pinned(const char *list, char *err);

/* Check an op's instructions with libopcodes: 0, or -1 with `err`.
 * Sets *may_fault if the op addresses guest memory (through the pinned
 * guest base) or calls out, i.e. if a guest fault can happen inside it,
 * and *calls if it calls a helper (it must not use a pinned guest
 * register then). */
int dyngen_check_code(const char *opname, const uint8_t *code, uint32_t size,
                      int *may_fault, int *calls, char *err);

/* Write op-gen.h, op-info.c and op-emit.c into `dir`. */
int dyngen_write(const OpSet *set, const char *dir, const char *sources);

void opset_free(OpSet *set);

#endif
