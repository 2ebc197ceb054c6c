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

/*
 * %xmm in an op is GCC vectorising C, which the op flags forbid
 * (-mgeneral-regs-only, -fno-tree-vectorize): refused everywhere but in
 * the guest-SIMD ops (op/i386/op-sse.c), whose names start with "simd_".
 * Those run the guest's own SSE instruction in inline asm, on %xmm0 and
 * %xmm1 as scratch that no other op keeps anything in.
 */
#define SIMD_OP_PREFIX "simd_"

static int is_simd_op(const char *opname)
{
    return strncmp(opname, SIMD_OP_PREFIX, strlen(SIMD_OP_PREFIX)) == 0;
}

/* A0 lives in r13 with its upper half zero, so that guest memory is
 * (%rbx,%r13) as is (op/op-x86_64.h): only 32-bit writes may touch it. */
static int writes_r13_as_64(const char *text)
{
    size_t n = strlen(text);

    return n >= 5 && strcmp(text + n - 5, ",%r13") == 0;
}

/*
 * The engine's indirect exits (exec/op-exec.c, GOTO_CODE_HERE) end in a
 * `jmp *%rax` of their own, so each copy is a separate site for the host's
 * branch predictor.  Only ops named goto_* may have one: anywhere else an
 * indirect jump is a jump table GCC made.
 */
static int is_engine_indirect_exit(const char *opname, const char *mn)
{
    return strncmp(opname, "goto_", 5) == 0 && strcmp(mn, "jmp    *%rax") == 0;
}

static const char *why_forbidden(const char *opname, const char *text)
{
    const char *mn = mnemonic_skip_prefixes(text);

    if (is_engine_indirect_exit(opname, mn))
        return NULL;

    if (writes_r13_as_64(text))
        return "64-bit write to r13 (A0's upper half must stay zero: "
               "write A0 with SET_A0)";

    if ((strstr(text, "%xmm") || strstr(text, "%ymm")) && !is_simd_op(opname))
        return "vector instruction (use -mgeneral-regs-only, "
               "-fno-tree-vectorize; guest SIMD ops are named simd_*)";

    for (size_t i = 0; i < sizeof(forbidden) / sizeof(forbidden[0]); i++) {
        const Forbidden *f = &forbidden[i];
        size_t n = strlen(f->needle);
        if (f->at_start ? strncmp(mn, f->needle, n) == 0
                        : strstr(text, f->needle) != NULL)
            return f->why;
    }
    return NULL;
}

/*
 * An SSE floating-point instruction: arithmetic, compare or conversion
 * (ADDSD, SQRTPS, UCOMISD, CVTTSD2SI, SSE3's ADDSUBPS HADDPD ...).  It runs under the guest's
 * MXCSR, so it may raise the guest's unmasked #XM.  The logic, shuffle
 * and move instructions on XMM registers never do.
 */
static int is_sse_float(const char *mn)
{
    static const char *const stems[] = {"add", "sub", "mul", "div", "sqrt",
                                        "min", "max", "cmp", "comi", "ucomi",
                                        "addsub", "hadd", "hsub"};
    static const char *const kinds[] = {"ps", "pd", "ss", "sd"};

    if (strncmp(mn, "cvt", 3) == 0)
        return 1;
    for (size_t i = 0; i < sizeof(stems) / sizeof(stems[0]); i++) {
        size_t n = strlen(stems[i]);
        if (strncmp(mn, stems[i], n) != 0)
            continue;
        for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
            if (strncmp(mn + n, kinds[k], 2) == 0 &&
                (mn[n + 2] == ' ' || mn[n + 2] == '\0'))
                return 1;
    }
    return 0;
}

/* A VEX floating-point instruction (only in simd_* ops, op/i386/op-avx.c):
 * VADDPS ... as is_sse_float() after the V, and the FMA and F16C
 * conversions, which may raise the guest's unmasked #XM too. */
static int is_vex_float(const char *mn)
{
    return mn[0] == 'v' && (is_sse_float(mn + 1) || strncmp(mn, "vfm", 3) == 0 ||
                            strncmp(mn, "vfnm", 4) == 0 || strncmp(mn, "vcvt", 4) == 0);
}

/* Guest memory is only reached through the guest base (rbx, see
 * op/op-x86_64.h); helpers may touch it or raise guest exceptions; the
 * guest's own x87 instructions (every mnemonic starting with `f`, plus
 * EMMS) run with the guest's control word, so they may raise its
 * unmasked #MF, and its SSE floating-point instructions (only in simd_*
 * ops) its unmasked #XM (for a guest that runs its own x87/SSE code on
 * the host, as op/i386/fpu-state.h explains). */
static int can_fault(const char *text)
{
    const char *mn = mnemonic_skip_prefixes(text);

    return strstr(text, "%rbx") != NULL || strncmp(mn, "call", 4) == 0 ||
           mn[0] == 'f' || strncmp(mn, "emms", 4) == 0 || is_sse_float(mn) ||
           is_vex_float(mn);
}

static int is_call(const char *text)
{
    return strncmp(mnemonic_skip_prefixes(text), "call", 4) == 0;
}

/*
 * The host registers that hold pinned guest registers (the guest's
 * op/<guest>/pinned-regs.h, passed with -p), as the substrings that name
 * them in any width: `%r8` covers r8d, r8w and r8b; rbp is also `%ebp`
 * and `%bp` (which covers `%bpl`).
 */
#define PINNED_NEEDLES_MAX 64
static char pinned_needles[PINNED_NEEDLES_MAX][8];
static int npinned_needles;

static int add_needle(const char *fmt, const char *reg)
{
    if (npinned_needles == PINNED_NEEDLES_MAX)
        return -1;
    snprintf(pinned_needles[npinned_needles++], 8, fmt, reg);
    return 0;
}

int dyngen_set_pinned(const char *list, char *err)
{
    char copy[256];

    npinned_needles = 0;
    snprintf(copy, sizeof(copy), "%s", list);
    for (char *save, *r = strtok_r(copy, ",", &save); r;
         r = strtok_r(NULL, ",", &save)) {
        int bad = r[0] != 'r' || strlen(r) < 2 || strlen(r) > 3;
        if (!bad && r[1] >= '0' && r[1] <= '9') {
            bad = add_needle("%%%s", r);            /* r8 .. r15 */
        } else if (!bad && strlen(r) == 3) {
            bad = add_needle("%%%s", r) ||          /* rbp */
                  add_needle("%%e%s", r + 1) ||     /* ebp */
                  add_needle("%%%s", r + 1);        /* bp, bpl */
            if (r[2] == 'x')                        /* rax: al, ah */
                bad = bad || add_needle("%%%.1sl", r + 1) ||
                      add_needle("%%%.1sh", r + 1);
        }
        if (bad) {
            snprintf(err, DYNGEN_ERR_MAX, "-p: `%s` is not a 64-bit host "
                     "register name", r);
            return -1;
        }
    }
    return 0;
}

/* Does the instruction name a host register that holds a pinned guest
 * register, in any width? */
static int names_pinned_reg(const char *text)
{
    for (int i = 0; i < npinned_needles; i++)
        if (strstr(text, pinned_needles[i]))
            return 1;
    return 0;
}

/* Does the instruction write a pinned guest register?  Its destination is
 * the last AT&T operand (the only one of inc, pop ...); compares and
 * tests write none. */
static int writes_pinned_reg(const char *text)
{
    static const char *const readers[] = {"cmp", "test", "bt ", "push"};
    const char *mn = mnemonic_skip_prefixes(text);
    const char *dst = strrchr(text, ',');

    for (size_t i = 0; i < sizeof(readers) / sizeof(readers[0]); i++)
        if (strncmp(mn, readers[i], strlen(readers[i])) == 0)
            return 0;
    if (!dst && !(dst = strchr(mn, ' ')))
        return 0;
    return names_pinned_reg(dst) && !strchr(dst, '(');
}

int dyngen_check_code(const char *opname, const uint8_t *code, uint32_t size,
                      int *may_fault, int *calls, char *err)
{
    char text[256];
    uint32_t pinned_at = size; /* first use of a pinned register */
    int pinned_written = 0;

    *may_fault = 0;
    *calls = 0;
    for (uint32_t pc = 0; pc < size;) {
        int len = disas_one(DISAS_X86_64, code + pc, size - pc, pc, text,
                            sizeof(text));
        if (len <= 0 || pc + (uint32_t)len > size) {
            snprintf(err, DYNGEN_ERR_MAX, "op_%s+0x%x: instruction runs past "
                     "the end of the op", opname, pc);
            return -1;
        }
        const char *why = why_forbidden(opname, text);
        if (why) {
            snprintf(err, DYNGEN_ERR_MAX, "op_%s+0x%x: `%s`: %s", opname, pc,
                     text, why);
            return -1;
        }
        /* A guest fault in the op must see the registers as they were
         * (each op is part of one guest instruction): memory first. */
        if (pinned_written && strstr(text, "%rbx")) {
            snprintf(err, DYNGEN_ERR_MAX, "op_%s+0x%x: `%s`: guest memory "
                     "access after a pinned guest register was written (a "
                     "fault would show the new value)", opname, pc, text);
            return -1;
        }
        pinned_written |= writes_pinned_reg(text);
        *may_fault |= can_fault(text);
        *calls |= is_call(text);
        if (names_pinned_reg(text) && pinned_at == size)
            pinned_at = pc;
        pc += len;
    }
    /* The registers are stored to env around the whole op, and a call
     * clobbers those of them that are call-clobbered (dyngen -p). */
    if (*calls && pinned_at < size) {
        snprintf(err, DYNGEN_ERR_MAX, "op_%s+0x%x: an op that calls a helper "
                 "uses a pinned guest register; split it, or pass the value "
                 "through a temporary", opname, pinned_at);
        return -1;
    }
    return 0;
}
