/*
 * x86_64 host: how the generated emitters (build/gen/<guest>/op-emit.c) patch the
 * holes dyngen found.  Everything that knows the host's jump encoding is in
 * this header and in prologue-x86_64.S.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_EMIT_X86_64_H
#define STITCH_EMIT_X86_64_H

#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "exec.h"
#include "tb.h"

#define MAX_LABELS 256
#define MAX_LABEL_REFS 512

/* State of one TB's emission: label positions and forward references.
 * The emitters write through the read-write view (tb.h, code_rw): `p`,
 * code_start, label positions and reference sites are addresses in it;
 * a pc-relative value is computed from the read-execute address, where
 * the code runs. */
typedef struct EmitCtx {
    TranslationBlock *tb;
    uint8_t *code_start;
    uint8_t *label_pos[MAX_LABELS];
    struct {
        uint8_t *where;
        int label;
        int64_t addend;
    } refs[MAX_LABEL_REFS];
    int nrefs;
} EmitCtx;

typedef uint8_t *(*EmitFn)(uint8_t *p, const uint32_t *param, EmitCtx *ctx);
extern const EmitFn op_emit[];

static inline void patch_abs32(uint8_t *where, uint64_t value)
{
    uint32_t v = (uint32_t)value;
    memcpy(where, &v, 4);
}

static inline void patch_abs32s(uint8_t *where, uint64_t value)
{
    int32_t v = (int32_t)value;
    assert((int64_t)v == (int64_t)value && "symbol beyond 32-bit reach");
    memcpy(where, &v, 4);
}

static inline void patch_abs64(uint8_t *where, uint64_t value)
{
    memcpy(where, &value, 8);
}

/* PC-relative: value = target + addend - where (addend is -4 for rel32);
 * `where` is in the read-write view, the target an executable address. */
static inline void patch_rel32(uint8_t *where, uint64_t target_plus_addend)
{
    int64_t rel = (int64_t)(target_plus_addend - (uintptr_t)code_rx(where));
    int32_t v = (int32_t)rel;
    assert((int64_t)v == rel && "code buffer too far from the binary");
    memcpy(where, &v, 4);
}

static inline void patch_label(EmitCtx *ctx, uint8_t *where, uint32_t label,
                               int64_t addend)
{
    assert(label < MAX_LABELS && ctx->nrefs < MAX_LABEL_REFS);
    ctx->refs[ctx->nrefs].where = where;
    ctx->refs[ctx->nrefs].label = (int)label;
    ctx->refs[ctx->nrefs].addend = addend;
    ctx->nrefs++;
}

/* An exit jump starts as a jump to the next instruction (rel32 = 0); block
 * chaining (exec/chain.c) later points it at the successor TB. */
static inline void patch_chain(EmitCtx *ctx, uint8_t *where, int n,
                               int64_t addend)
{
    ctx->tb->jmp_offset[n] = (uint16_t)(where - ctx->code_start);
    patch_rel32(where, (uintptr_t)code_rx(where) + 4 + addend);
}

/*
 * Exit jump n's op was just copied to [start, end): shift it so that its
 * rel32 is 4-byte aligned, with a NOP of 1-3 bytes in front (recorded in
 * tb->jmp_pad[n], which state restore adds back).  Another thread may be
 * executing the jump while chaining rewrites it: an aligned 4-byte store
 * is single-copy atomic (Intel SDM vol. 3, 9.1.1), so that thread sees
 * the old target or the new one, never a mix.  The op's own jumps are
 * relative to its bytes, so moving it whole keeps them right.
 */
static inline uint8_t *align_exit_jump(TranslationBlock *tb, int n,
                                       uint8_t *start, uint8_t *end)
{
    static const uint8_t nop[3][3] = {
        {0x90}, {0x66, 0x90}, {0x0f, 0x1f, 0x00}, /* SDM NOP, Table 4-12 */
    };
    unsigned pad = (4 - ((uintptr_t)tb->tc_ptr + tb->jmp_offset[n]) % 4) % 4;

    if (!pad)
        return end;
    memmove(start + pad, start, (size_t)(end - start));
    memcpy(start, nop[pad - 1], pad);
    tb->jmp_offset[n] = (uint16_t)(tb->jmp_offset[n] + pad);
    tb->jmp_pad[n] = (uint8_t)pad;
    return end + pad;
}

/* The most align_exit_jump() adds. */
#define EXIT_JUMP_MAX_PAD 3

/* Point exit jump n of `tb` at `target` (chaining and unchaining): one
 * aligned store (align_exit_jump), through the read-write view. */
static inline void tb_set_jmp_target(TranslationBlock *tb, int n,
                                     const uint8_t *target)
{
    uint8_t *where = tb->tc_ptr + tb->jmp_offset[n];
    int32_t rel = (int32_t)(target - (where + 4));

    assert((uintptr_t)where % 4 == 0);
    __atomic_store_n((uint32_t *)code_rw(where), (uint32_t)rel, __ATOMIC_RELAXED);
}

/*
 * --interp (build/gen/<guest>/op-interp.c): the thread entry of an op that
 * calls a helper names this stub instead of the handler; it records the
 * thread pointer (rbx, op/op-x86_64.h) where the fault handler finds it
 * (exec/interp.c), because inside the helper rbx may hold anything.
 */
#define INTERP_CALL_STUB(op)                                         \
    __asm__(".text\n"                                                \
            ".type interp_call_" #op ", @function\n"                 \
            "interp_call_" #op ":\n\t"                               \
            "movl %ebx, %fs:interp_call_ip@tpoff\n\t"                \
            "jmp " #op "\n"                                          \
            ".size interp_call_" #op ", .-interp_call_" #op "\n");    \
    extern char interp_call_##op[];

/* Enter generated code; returns the value the exit op gave (prologue-*.S). */
uint32_t tb_enter(CPUState *env, uintptr_t guest_base, const uint8_t *code);

#endif
