/*
 * Code-generation building blocks of the i386 translator: operand access by
 * size, ModRM addressing, the stack, lazy condition codes and TB exits.
 * Each appends micro-ops (op/op-*.c) through the dyngen-generated gen_op_*
 * front end (build/gen/<guest>/op-gen.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stddef.h>
#include <string.h>

#include "error.h"
#include "log.h"
#include "op-gen.h"
#include "translate.h"

/* ---- guest code fetch (the TB's code is mapped: it is being run) ---- */

uint32_t fetch_b(DisasContext *s)
{
    return *(uint8_t *)g2h(s->pc++);
}

uint32_t fetch_w(DisasContext *s)
{
    uint16_t v;

    memcpy(&v, g2h(s->pc), 2);
    s->pc += 2;
    return v;
}

uint32_t fetch_l(DisasContext *s)
{
    uint32_t v;

    memcpy(&v, g2h(s->pc), 4);
    s->pc += 4;
    return v;
}

uint32_t fetch_imm(DisasContext *s, int ot)
{
    return ot == OT_BYTE ? fetch_b(s) : ot == OT_WORD ? fetch_w(s) : fetch_l(s);
}

uint32_t fetch_simm(DisasContext *s, int ot)
{
    uint32_t v = fetch_imm(s, ot);

    return ot == OT_BYTE ? (uint32_t)(int8_t)v
           : ot == OT_WORD ? (uint32_t)(int16_t)v : v;
}

/* ---- registers ---- */

static const GenOp movl_T0_reg[8] = BY_REG(movl_T0_, );
static const GenOp movl_T1_reg[8] = BY_REG(movl_T1_, );
static const GenOp movzw_T0_reg[8] = BY_REG(movzw_T0_, );
static const GenOp movzw_T1_reg[8] = BY_REG(movzw_T1_, );
static const GenOp movzb_T0_reg[4] = BY_REG4(movzb_T0_, );
static const GenOp movzb_T1_reg[4] = BY_REG4(movzb_T1_, );
static const GenOp movzh_T0_reg[4] = BY_REG4(movzh_T0_, );
static const GenOp movzh_T1_reg[4] = BY_REG4(movzh_T1_, );
static const GenOp movl_reg_T0[8] = BY_REG(movl_, _T0);
static const GenOp movl_reg_T1[8] = BY_REG(movl_, _T1);
static const GenOp movl_reg_A0[8] = BY_REG(movl_, _A0);
static const GenOp movw_reg_T0[8] = BY_REG(movw_, _T0);
static const GenOp movw_reg_T1[8] = BY_REG(movw_, _T1);
static const GenOp movw_reg_A0[8] = BY_REG(movw_, _A0);
static const GenOp movb_reg_T0[4] = BY_REG4(movb_, _T0);
static const GenOp movb_reg_T1[4] = BY_REG4(movb_, _T1);
static const GenOp movh_reg_T0[4] = BY_REG4(movh_, _T0);
static const GenOp movh_reg_T1[4] = BY_REG4(movh_, _T1);

/* Byte registers 4-7 are AH, CH, DH, BH: bits 8-15 of registers 0-3. */
static void gen_reg_op(int ot, int reg, const GenOp *l, const GenOp *w,
                       const GenOp *b, const GenOp *h)
{
    if (ot == OT_LONG)
        l[reg]();
    else if (ot == OT_WORD)
        w[reg]();
    else if (reg < 4)
        b[reg]();
    else
        h[reg - 4]();
}

void gen_mov_T0_reg(int ot, int reg)
{
    gen_reg_op(ot, reg, movl_T0_reg, movzw_T0_reg, movzb_T0_reg, movzh_T0_reg);
}

void gen_mov_T1_reg(int ot, int reg)
{
    gen_reg_op(ot, reg, movl_T1_reg, movzw_T1_reg, movzb_T1_reg, movzh_T1_reg);
}

void gen_mov_reg_T0(int ot, int reg)
{
    gen_reg_op(ot, reg, movl_reg_T0, movw_reg_T0, movb_reg_T0, movh_reg_T0);
}

void gen_mov_reg_T1(int ot, int reg)
{
    gen_reg_op(ot, reg, movl_reg_T1, movw_reg_T1, movb_reg_T1, movh_reg_T1);
}

void gen_mov_reg_A0(int ot, int reg)
{
    if (ot == OT_LONG)
        movl_reg_A0[reg]();
    else
        movw_reg_A0[reg]();
}

/* ---- memory at A0 ---- */

static const GenOp ld_T0[3] = BY_SIZE(ldu, _T0_A0);
static const GenOp ld_T1[3] = BY_SIZE(ldu, _T1_A0);
static const GenOp st_T0[3] = BY_SIZE(st, _T0_A0);
static const GenOp st_T1[3] = BY_SIZE(st, _T1_A0);

void gen_ld_T0(int ot) { ld_T0[ot](); }
void gen_ld_T1(int ot) { ld_T1[ot](); }
void gen_st_T0(int ot) { st_T0[ot](); }
void gen_st_T1(int ot) { st_T1[ot](); }

/* ---- addressing ---- */

static const GenOp movl_A0_reg[8] = BY_REG(movl_A0_, );
static void (*const leal_A0_reg_im[8])(uint32_t) = BY_REG(leal_A0_, _im);
static const GenOp addl_A0_reg[4][8] = {
    BY_REG(addl_A0_, ), BY_REG(addl_A0_, _s1), BY_REG(addl_A0_, _s2),
    BY_REG(addl_A0_, _s3)};

/*
 * Segments: a Linux process's DS, ES and SS are flat and FS is null,
 * GS a TLS segment; the TB flags (op/i386/cpu.h, HF_*) say where this TB
 * runs otherwise.  FS and GS always add their base, read at run time (the
 * thread may change it with set_thread_area); DS, ES and SS only when the
 * flags say theirs is not 0.  An access through a null selector is #GP(0)
 * (SDM vol. 3, 3.4.2).  With HF_LIMITS, accesses through ES, DS, FS and
 * GS check their offset against the limit and the type first (#GP(0));
 * with HF_SS_LIMITS, those through SS (#SS(0)).
 */
static int seg_is_null(const DisasContext *s, int seg)
{
    return seg != R_CS && (((s->tb->flags ^ HF_NULL_USUAL) >> seg) & 1);
}

void gen_seg_base(DisasContext *s, int seg)
{
    s->limit_check = NULL;
    if (seg_is_null(s, seg)) {
        gen_exception_err(s, EXCP_GPF, 0, s->insn_pc);
        return;
    }
    if (seg == R_SS ? (s->tb->flags & HF_SS_LIMITS)
                    : (s->tb->flags & HF_LIMITS) && seg != R_CS) {
        gen_movl_eip_im(s, s->insn_pc);
        gen_update_cc_op(s);
        if (s->defer_limit) {
            s->deferred_seg = seg;
        } else {
            gen_op_check_limit_A0((uint32_t)seg, 0); /* extent: set_limit_extents() */
            s->limit_check = gen_opparam_ptr - 2;
        }
    }
    if (seg == R_FS || seg == R_GS || (s->tb->flags & HF_BASE(seg)))
        gen_op_addl_A0_seg(offsetof(CPUState, segs[seg].base));
    else if (seg == R_CS && s->cs_base)
        gen_op_addl_A0_im(s->cs_base);
}

void gen_limit_extent(DisasContext *s, int size, int write)
{
    uint32_t *check = s->limit_check;

    if (!check || size < 1)
        return;
    if ((uint32_t)(size - 1) > (check[1] & LIMIT_EXTENT_MASK))
        check[1] = (check[1] & ~LIMIT_EXTENT_MASK) | (uint32_t)(size - 1);
    if (write)
        check[1] |= LIMIT_WRITE;
}

void gen_add_seg(DisasContext *s, int def)
{
    gen_seg_base(s, s->override >= 0 ? s->override : def);
}

int gen_seg_is_flat(const DisasContext *s, int seg)
{
    return seg != R_FS && seg != R_GS && !(seg == R_CS && s->cs_base) &&
           !(s->tb->flags & HF_LIMITS) && !(seg == R_SS && (s->tb->flags & HF_SS_LIMITS)) &&
           !seg_is_null(s, seg) &&
           !(s->tb->flags & HF_BASE(seg));
}

/* A0 = base + index * scale + disp; either part may be missing. */
static void gen_base_index(int base, int index, int scale, uint32_t disp)
{
    if (base >= 0 && disp) {
        leal_A0_reg_im[base](disp);
    } else if (base >= 0) {
        movl_A0_reg[base]();
    } else {
        gen_op_movl_A0_im(disp);
    }
    if (index >= 0)
        addl_A0_reg[scale][index]();
}

/* 32-bit forms: SDM vol. 2, tables 2-2 and 2-3.  Returns the default
 * segment: SS with an EBP or ESP base, else DS (SDM vol. 1, 3.7.4).
 * With `vsib` non-null the SIB index names a vector register (VSIB, SDM
 * vol. 2, 2.3.12): A0 gets base + disp only, and *vsib the index and
 * scale as index | scale << 3. */
static int gen_lea_modrm32_vsib(DisasContext *s, int modrm, int *vsib)
{
    int mod = modrm >> 6, rm = modrm & 7;
    int base = rm, index = -1, scale = 0;
    uint32_t disp = 0;

    if (rm == 4) {
        int sib = fetch_b(s);
        scale = sib >> 6;
        index = (sib >> 3) & 7;
        base = sib & 7;
        if (vsib) {
            *vsib = index | scale << 3;
            index = -1;
        } else if (index == 4) {
            index = -1; /* no index */
        }
    }
    if (mod == 0 && base == 5) {
        base = -1; /* disp32 alone (or SIB without base) */
        disp = fetch_l(s);
    } else if (mod == 1) {
        disp = (uint32_t)(int8_t)fetch_b(s);
    } else if (mod == 2) {
        disp = fetch_l(s);
    }
    if (base == R_ESP)
        disp += s->esp_bias;
    gen_base_index(base, index, scale, disp);
    return base == R_ESP || base == R_EBP ? R_SS : R_DS;
}

static int gen_lea_modrm32(DisasContext *s, int modrm)
{
    return gen_lea_modrm32_vsib(s, modrm, NULL);
}

int gen_lea_vsib(DisasContext *s, int modrm)
{
    int vsib = 0;

    gen_add_seg(s, gen_lea_modrm32_vsib(s, modrm, &vsib));
    return vsib;
}

/* 16-bit forms: SDM vol. 2, table 2-1; the sum wraps at 64 KiB.  BP
 * as a base means SS. */
static int gen_lea_modrm16(DisasContext *s, int modrm)
{
    static const int8_t base16[8] = {R_EBX, R_EBX, R_EBP, R_EBP,
                                     R_ESI, R_EDI, R_EBP, R_EBX};
    static const int8_t index16[8] = {R_ESI, R_EDI, R_ESI, R_EDI,
                                      -1,    -1,    -1,    -1};
    int mod = modrm >> 6, rm = modrm & 7;
    int base = base16[rm];
    uint32_t disp = 0;

    if (mod == 0 && rm == 6) {
        base = -1;
        disp = fetch_w(s);
    } else if (mod == 1) {
        disp = (uint32_t)(int8_t)fetch_b(s);
    } else if (mod == 2) {
        disp = fetch_w(s);
    }
    gen_base_index(base, index16[rm], 0, disp);
    gen_op_andl_A0_ffff();
    return base == R_EBP ? R_SS : R_DS;
}

int gen_lea_modrm(DisasContext *s, int modrm, int seg)
{
    int def = s->aflag ? gen_lea_modrm32(s, modrm) : gen_lea_modrm16(s, modrm);

    if (seg)
        gen_add_seg(s, def);
    return def;
}

int gen_locked(const DisasContext *s, int modrm)
{
    return (s->prefix & PREFIX_LOCK) && (modrm >> 6) != 3;
}

/*
 * LOCK on a read-modify-write of memory (SDM vol. 3, 9.1.2.2): the load
 * and the store of the operand become one atomic update, so other threads
 * and processes sharing the page never see or cause a lost update.  The
 * instruction's own ops run between lock_ld and lock_st as they would
 * without LOCK; lock_st is a host compare-and-swap that, if the operand
 * changed meanwhile, goes back to the label to run them again on the new
 * value (op/i386/op-i386-template.h).  So every op between the label and
 * lock_st must be safe to repeat: the flags are recorded after the store
 * (as for every memory destination), and nothing else is written before
 * it.  XCHG, XADD and CMPXCHG have single atomic ops instead.
 */
static const GenOp lock_ld[3] = BY_SIZE(lock_ld, _T0_A0);
static void (*const lock_st[3])(uint32_t) = BY_SIZE(lock_st, _T0_A0_label);

void gen_load_mem_T0(DisasContext *s, int modrm, int ot)
{
    if (!gen_locked(s, modrm)) {
        gen_ld_T0(ot);
        return;
    }
    s->lock_label = gen_new_label();
    gen_set_label(s->lock_label);
    lock_ld[ot]();
}

void gen_load_rm_T0(DisasContext *s, int modrm, int ot)
{
    if ((modrm >> 6) == 3) {
        gen_mov_T0_reg(ot, modrm & 7);
        return;
    }
    gen_lea_modrm(s, modrm, 1);
    gen_load_mem_T0(s, modrm, ot);
}

void gen_store_mem_T0(DisasContext *s, int ot)
{
    if (s->lock_label >= 0)
        lock_st[ot]((uint32_t)s->lock_label);
    else
        gen_st_T0(ot);
}

void gen_store_rm_T0(DisasContext *s, int modrm, int ot)
{
    /* A0 already holds the address gen_load_rm_T0 computed */
    if ((modrm >> 6) == 3)
        gen_mov_reg_T0(ot, modrm & 7);
    else
        gen_store_mem_T0(s, ot);
}

/*
 * ---- stack ----
 * A Linux process's SS is flat: the push and pop ops address ESP itself.
 * An SS of the LDT with a base, a limit or B = 0 (TB flags HF_BASE(R_SS),
 * HF_SS_LIMITS, HF_SS16) takes the general path instead: the slot's
 * offset in A0, checked against the limit (#SS(0), SDM vol. 3, 6.15) and
 * moved by the base as any SS access (gen_seg_base()); ESP moves after
 * the access, so a fault leaves it.  With B = 0 the stack's address size
 * is 16 (SDM vol. 3, 3.4.5 "D/B flag"): the implicit stack accesses
 * address SP and BP, wrapping at 64 KiB, and the pointer moves leave the
 * upper half of ESP alone (the native CPU, test 86-stack-segment-16).
 */
static int stack_is_16(const DisasContext *s)
{
    return (s->tb->flags & HF_SS16) != 0;
}

int gen_stack_is_flat(const DisasContext *s)
{
    return !(s->tb->flags & (HF_SS_LIMITS | HF_BASE(R_SS) | HF_SS16));
}

/* A0 := the linear address of the stack offset A0 holds (SS's checks). */
void gen_stack_seg(DisasContext *s)
{
    if (gen_stack_is_flat(s))
        return;
    if (stack_is_16(s))
        gen_op_andl_A0_ffff();
    gen_seg_base(s, R_SS);
}

/* ESP += delta: SP alone in a 16-bit stack. */
void gen_stack_add(DisasContext *s, uint32_t delta)
{
    if (!stack_is_16(s)) {
        gen_op_addl_ESP_im(delta);
        return;
    }
    gen_op_movl_A0_ESP();
    gen_op_addl_A0_im(delta);
    gen_op_movw_ESP_A0();
}

/* ESP := A0, the new stack pointer (SP alone in a 16-bit stack). */
void gen_stack_set_A0(DisasContext *s)
{
    if (stack_is_16(s))
        gen_op_movw_ESP_A0();
    else
        gen_op_movl_ESP_A0();
}

/* A check of the `size` bytes at ESP + off before a multi-slot
 * instruction moves ESP (PUSHA, POPA: SDM "if the starting or ending
 * stack address is outside the stack segment limit"). */
void gen_stack_check(DisasContext *s, int32_t off, int size, int write)
{
    if (!(s->tb->flags & HF_SS_LIMITS))
        return;
    gen_op_movl_A0_ESP();
    gen_op_addl_A0_im((uint32_t)off);
    if (stack_is_16(s))
        gen_op_andl_A0_ffff();
    gen_seg_base(s, R_SS);
    gen_limit_extent(s, size, write);
}

void gen_push_T0(DisasContext *s, int ot)
{
    int size = ot == OT_WORD ? 2 : 4;

    if (!gen_stack_is_flat(s)) {
        gen_op_movl_A0_ESP();
        gen_op_addl_A0_im((uint32_t)-size);
        gen_stack_seg(s);
        gen_st_T0(ot);
        gen_stack_add(s, (uint32_t)-size);
    } else if (ot == OT_WORD) {
        gen_op_pushw_T0();
    } else {
        gen_op_pushl_T0();
    }
}

void gen_pop_T0(DisasContext *s, int ot)
{
    if (!gen_stack_is_flat(s)) {
        gen_op_movl_A0_ESP();
        gen_stack_seg(s);
        gen_ld_T0(ot);
    } else if (ot == OT_WORD) {
        gen_op_popw_T0();
    } else {
        gen_op_popl_T0();
    }
}

void gen_pop_update(DisasContext *s, int ot)
{
    gen_stack_add(s, ot == OT_WORD ? 2 : 4);
}

void gen_pop_T0_update(DisasContext *s, int ot)
{
    if (ot == OT_WORD || !gen_stack_is_flat(s)) {
        gen_pop_T0(s, ot);
        gen_pop_update(s, ot);
    } else {
        gen_op_popl_T0_incr();
    }
}

/* ---- lazy condition codes ---- */

void set_cc_op(DisasContext *s, int op)
{
    s->cc_op = op;
    s->cc_dirty = 1;
    s->dyn_rot = 0;
}

/* Store the statically known kind, before anything reads env->cc_op
 * (a helper computing flags, a TB exit, a possible fault). */
void gen_update_cc_op(DisasContext *s)
{
    if (s->cc_dirty && s->cc_op != CC_OP_DYNAMIC)
        gen_op_set_cc_op(s->cc_op);
    s->cc_dirty = 0;
}

void cc_op_stored(DisasContext *s, int op)
{
    s->cc_op = op;
    s->cc_dirty = 0;
    s->dyn_rot = 0;
}

static const GenOp inc_cc_sub[3] = BY_SIZE(update_inc_cc_sub, );
static const GenOp inc_cc_add[3] = BY_SIZE(update_inc_cc_add, );

#define KIND_IN(op, k) ((op) >= CC_OP_##k##B && (op) <= CC_OP_##k##L)

/* Record INC/DEC flags of result T0, carrying CF over from the kind that
 * set it: one op, which the flag-liveness pass can drop as a whole. */
void gen_update_inc_cc(DisasContext *s)
{
    int op = s->cc_op;

    if (KIND_IN(op, SUB)) {
        inc_cc_sub[op - CC_OP_SUBB]();
    } else if (KIND_IN(op, ADD)) {
        inc_cc_add[op - CC_OP_ADDB]();
    } else if (KIND_IN(op, LOGIC)) {
        gen_op_update_inc_cc_logic();
    } else if (op == CC_OP_EFLAGS || KIND_IN(op, INC) || KIND_IN(op, DEC)) {
        gen_op_update_inc_cc_src();
    } else {
        gen_update_cc_op(s);
        gen_op_update_inc_cc();
    }
}

int cc_kind_uses_aux(int op)
{
    return KIND_IN(op, ADC) || KIND_IN(op, SBB);
}

#define CARRY_ENTRY(cls, expr, reads) BY_SIZE(movl_aux_cf_##cls, ),
enum {
#define CARRY_ENUM(cls, expr, reads) CARRY_##cls,
    CC_CARRY_LIST(CARRY_ENUM)
#undef CARRY_ENUM
};
static const GenOp carry_ops[][3] = {CC_CARRY_LIST(CARRY_ENTRY)};
#undef CARRY_ENTRY

void gen_carry_to_aux(DisasContext *s)
{
    int op = s->cc_op, cls = -1;

    if (op != CC_OP_DYNAMIC && (op & CC_OP_ROT)) {
        gen_op_movl_aux_cf_rot(); /* CF is bit 0 there, OF bit 11 */
        return;
    }
    if (KIND_IN(op, LOGIC)) {
        gen_op_movl_aux_im(0);
        return;
    }
    if (op == CC_OP_EFLAGS || KIND_IN(op, INC) || KIND_IN(op, DEC) ||
        KIND_IN(op, SAR)) {
        gen_op_movl_aux_cf_src();
        return;
    }
    if (KIND_IN(op, SUB))
        cls = CARRY_sub;
    else if (KIND_IN(op, ADD))
        cls = CARRY_add;
    else if (KIND_IN(op, SBB))
        cls = CARRY_sbb;
    else if (KIND_IN(op, ADC))
        cls = CARRY_adc;
    else if (KIND_IN(op, SHL))
        cls = CARRY_shl;
    else if (KIND_IN(op, MUL))
        cls = CARRY_mul;
    if (cls >= 0) {
        carry_ops[cls][(op - CC_OP_MULB) % 3]();
        return;
    }
    gen_update_cc_op(s); /* the helper reads env->cc_op */
    gen_op_movl_aux_cf_dyn();
}

/* Jcc condition numbers / 2 (SDM vol. 2, Jcc; B.1.4.7); odd numbers are
 * the negations. */
enum { JCC_o, JCC_b, JCC_z, JCC_be, JCC_s, JCC_p, JCC_l, JCC_le };

/* Classes of condition tests (op/i386/cc-op.h, CC_COND_LIST); CLS_false: the
 * condition is known to be false (O and B after a logic op). */
enum { CLS_sub, CLS_add, CLS_logic, CLS_dst, CLS_eflags, CLS_mul, CLS_sbb,
       CLS_adc, CLS_inc, CLS_dec, CLS_shl, CLS_rot, NB_CLS, CLS_false = NB_CLS,
       CLS_dyn };

typedef void (*GenOpLabel)(uint32_t label);
typedef struct CondOps {
    GenOp set[3];           /* by size */
    GenOpLabel jump[2][3];  /* [negated][size] */
} CondOps;

#define COND_ENTRY(cls, cond, expr, reads)                                 \
    [CLS_##cls][JCC_##cond] = {                                           \
        .set = {gen_op_set##cond##_T0_##cls##b, gen_op_set##cond##_T0_##cls##w, \
                gen_op_set##cond##_T0_##cls##l},                          \
        .jump = {{gen_op_j##cond##_##cls##b_label,                        \
                  gen_op_j##cond##_##cls##w_label,                        \
                  gen_op_j##cond##_##cls##l_label},                       \
                 {gen_op_jn##cond##_##cls##b_label,                       \
                  gen_op_jn##cond##_##cls##w_label,                       \
                  gen_op_jn##cond##_##cls##l_label}}},
static const CondOps cond_ops[NB_CLS][8] = {CC_COND_LIST(COND_ENTRY)};
#undef COND_ENTRY

/* The tests on a kind only env->cc_op knows: [jcc] set, jump, negated. */
#define DYN_ENTRY(cond)                                                    \
    [JCC_##cond] = {gen_op_set##cond##_T0_dyn,                           \
                    {gen_op_j##cond##_dyn_label, gen_op_jn##cond##_dyn_label}}
static const struct {
    GenOp set;
    GenOpLabel jump[2];
} dyn_ops[8] = {DYN_ENTRY(o), DYN_ENTRY(b), DYN_ENTRY(z), DYN_ENTRY(be),
                DYN_ENTRY(s), DYN_ENTRY(p), DYN_ENTRY(l), DYN_ENTRY(le)};
#undef DYN_ENTRY

/*
 * Which class tests condition *jcc right after a flag setter of kind op,
 * reading its record directly (rewriting *jcc where a simpler condition is
 * equivalent); -1 when none does.
 */
static int cond_class(int op, int *jcc, int *size)
{
    *size = OT_LONG;
    if (op == CC_OP_EFLAGS)
        return CLS_eflags;
    if (op == CC_OP_DYNAMIC)
        return -1;
    if (op & CC_OP_ROT) {
        /* after a rotate: Z, S and P as the kind before it said, CF in
         * cc_aux */
        op &= ~CC_OP_ROT;
        if (*jcc == JCC_b)
            return CLS_rot;
        if (*jcc != JCC_z && *jcc != JCC_s && *jcc != JCC_p)
            return -1;
        if (op == CC_OP_EFLAGS)
            return CLS_eflags;
        *size = (op - CC_OP_MULB) % 3;
        return CLS_dst;
    }
    *size = (op - CC_OP_MULB) % 3; /* kinds come in b/w/l triples */
    if (*jcc == JCC_z || *jcc == JCC_s || *jcc == JCC_p)
        return CLS_dst;
    if (KIND_IN(op, SUB))
        return CLS_sub;
    if (KIND_IN(op, ADD))
        return CLS_add;
    if (KIND_IN(op, LOGIC)) { /* CF = OF = 0 (SDM AND) */
        if (*jcc == JCC_be || *jcc == JCC_l) {
            *jcc = *jcc == JCC_be ? JCC_z : JCC_s;
            return CLS_dst;
        }
        return *jcc == JCC_le ? CLS_logic : CLS_false;
    }
    if (*jcc == JCC_b &&
        (KIND_IN(op, INC) || KIND_IN(op, DEC) || KIND_IN(op, SAR))) {
        *size = OT_LONG; /* CF is bit 0 of cc_src, as in EFLAGS */
        return CLS_eflags;
    }
    if (KIND_IN(op, INC) || KIND_IN(op, DEC)) {
        if (*jcc == JCC_o || *jcc == JCC_l || *jcc == JCC_le)
            return KIND_IN(op, INC) ? CLS_inc : CLS_dec;
        return -1;
    }
    if (KIND_IN(op, SHL) && *jcc == JCC_b)
        return CLS_shl;
    if (KIND_IN(op, SBB) && (*jcc == JCC_b || *jcc == JCC_l))
        return CLS_sbb;
    if (KIND_IN(op, ADC) && *jcc == JCC_b)
        return CLS_adc;
    if (KIND_IN(op, MUL) && (*jcc == JCC_o || *jcc == JCC_b)) {
        *jcc = JCC_o; /* CF = OF */
        return CLS_mul;
    }
    return -1;
}

/* The class for condition *jcc; when the kind has no fast test, the record
 * is first turned into the EFLAGS kind (one helper call, value-preserving,
 * so later tests in the TB are fast too).  An unknown kind gets the _dyn
 * tests, which read the commonest kinds inline (op/i386/op-i386.c). */
static int cond_prepare(DisasContext *s, int *jcc, int *size)
{
    int cls = cond_class(s->cc_op, jcc, size);

    if (cls < 0 && s->cc_op == CC_OP_DYNAMIC) {
        gen_op_cond_dyn_prepare();
        s->dyn_rot = 0; /* a ROT kind is EFLAGS after it */
        return CLS_dyn;
    }
    if (cls < 0) {
        gen_update_cc_op(s);
        gen_op_compute_eflags();
        cc_op_stored(s, CC_OP_EFLAGS);
        *size = OT_LONG;
        cls = CLS_eflags;
    }
    return cls;
}

void gen_cond_T0(DisasContext *s, int cc)
{
    int jcc = (cc >> 1) & 7, neg = cc & 1, size;
    int cls = cond_prepare(s, &jcc, &size);

    if (cls == CLS_false) {
        gen_op_movl_T0_im((uint32_t)neg);
        return;
    }
    if (cls == CLS_dyn)
        dyn_ops[jcc].set();
    else
        cond_ops[cls][jcc].set[size]();
    if (neg)
        gen_op_xorl_T0_1();
}

/* CMP r32 / r8 fused with the Jcc after it: [jcc][negated]
 * (op/i386/op-i386.c). */
#define CMP_JCC_ENTRY(size, cond)                                          \
    [JCC_##cond] = {gen_op_cmp##size##_j##cond##_label,                    \
                    gen_op_cmp##size##_jn##cond##_label}
#define CMP_JCC_TABLE(size)                                                \
    {CMP_JCC_ENTRY(size, o), CMP_JCC_ENTRY(size, b), CMP_JCC_ENTRY(size, z), \
     CMP_JCC_ENTRY(size, be), CMP_JCC_ENTRY(size, s), CMP_JCC_ENTRY(size, p), \
     CMP_JCC_ENTRY(size, l), CMP_JCC_ENTRY(size, le)}
static const GenOpLabel cmp_jcc_ops[8][2] = CMP_JCC_TABLE(l);
static const GenOpLabel cmpb_jcc_ops[8][2] = CMP_JCC_TABLE(b);
#undef CMP_JCC_ENTRY
#undef CMP_JCC_TABLE

/* TEST r32 / r8 fused with Jcc: z, s, le; be and l are z and s after a
 * logic op, o and b never hold (cond_class()). */
#define TEST_JCC_TABLE(size)                                               \
    {[JCC_z] = {gen_op_test##size##_jz_label, gen_op_test##size##_jnz_label}, \
     [JCC_be] = {gen_op_test##size##_jz_label, gen_op_test##size##_jnz_label}, \
     [JCC_s] = {gen_op_test##size##_js_label, gen_op_test##size##_jns_label}, \
     [JCC_l] = {gen_op_test##size##_js_label, gen_op_test##size##_jns_label}, \
     [JCC_le] = {gen_op_test##size##_jle_label, gen_op_test##size##_jnle_label}}
static const GenOpLabel test_jcc_ops[8][2] = TEST_JCC_TABLE(l);
static const GenOpLabel testb_jcc_ops[8][2] = TEST_JCC_TABLE(b);
#undef TEST_JCC_TABLE

int gen_take_cmp(DisasContext *s, int cc)
{
    uint16_t *p = gen_opc_ptr;
    int kind = s->cc_op == CC_OP_SUBL || s->cc_op == CC_OP_SUBB
                   ? INDEX_op_cmpl_T0_T1_cc
               : (s->cc_op == CC_OP_LOGICL || s->cc_op == CC_OP_LOGICB) &&
                       test_jcc_ops[(cc >> 1) & 7][0]
                   ? INDEX_op_testl_T0_T1_cc
                   : -1;

    if (kind < 0 || p - gen_opc_buf < 2 || p[-1] != INDEX_op_insn_start ||
        p[-2] != kind)
        return 0;
    p[-2] = INDEX_op_insn_start; /* no parameters: the others stay put */
    gen_opc_ptr--;
    return 1;
}

void gen_jcc_cmp_label(DisasContext *s, int cc, int label)
{
    int jcc = (cc >> 1) & 7, neg = cc & 1;

    if (s->cc_op == CC_OP_SUBL)
        cmp_jcc_ops[jcc][neg]((uint32_t)label);
    else if (s->cc_op == CC_OP_SUBB)
        cmpb_jcc_ops[jcc][neg]((uint32_t)label);
    else if (s->cc_op == CC_OP_LOGICB)
        testb_jcc_ops[jcc][neg]((uint32_t)label);
    else
        test_jcc_ops[jcc][neg]((uint32_t)label);
}

/* The guest register a `movl_R_T0` op stores T0 to, or -1. */
static int reg_stored_from_t0(int op)
{
    static const uint16_t store[8] = BY_REG_IDX(movl_, _T0);

    for (int r = 0; r < 8; r++)
        if (store[r] == op)
            return r;
    return -1;
}

/*
 * Is the op stream's tail an SBB r32 (sbb) or ADC r32 whose result T0 and
 * operand T1 are still there: its record op, then only stores of T0 to a
 * register, instruction starts and the store of cc_op?
 */
static int carry_ops_in_t0_t1(int sbb)
{
    static const uint16_t rec[2][3] = {
        {INDEX_op_adcl_T0_T1_cc, INDEX_op_adcl_T0_T1_cc_addl,
         INDEX_op_adcl_T0_T1_cc_subl},
        {INDEX_op_sbbl_T0_T1_cc, INDEX_op_sbbl_T0_T1_cc_addl,
         INDEX_op_sbbl_T0_T1_cc_subl}};
    const uint16_t *p = gen_opc_ptr;

    while (p > gen_opc_buf) {
        int op = *--p;

        for (int r = 0; r < 3; r++)
            if (op == rec[sbb][r])
                return 1;
        if (op != INDEX_op_insn_start && op != INDEX_op_set_cc_op &&
            reg_stored_from_t0(op) < 0)
            return 0;
    }
    return 0;
}

/*
 * `cmp lo; sbb hi, R; jae`: sbbl_T0_T1_cc_subl, movl_R_T0 and the Jcc in
 * one op on R, placed at the Jcc (op/i386/op-reg-template.h).  Neither
 * moved op has parameters or can fault, so the instruction start between
 * them may come first.
 */
static int gen_sbb_jcc_on_reg(int neg, int label)
{
#define SBB_JCC(R)                                                          \
    {gen_op_sbbl_##R##_T0_T1_subl_jb_label, gen_op_sbbl_##R##_T0_T1_subl_jnb_label}
    static const GenOpLabel ops[8][2] = {
        SBB_JCC(EAX), SBB_JCC(ECX), SBB_JCC(EDX), SBB_JCC(EBX),
        SBB_JCC(ESP), SBB_JCC(EBP), SBB_JCC(ESI), SBB_JCC(EDI)};
#undef SBB_JCC
    uint16_t *p = gen_opc_ptr;
    int r;

    while (p > gen_opc_buf &&
           (p[-1] == INDEX_op_insn_start || p[-1] == INDEX_op_set_cc_op))
        p--;
    if (p - gen_opc_buf < 2 || p[-2] != INDEX_op_sbbl_T0_T1_cc_subl)
        return 0;
    if ((r = reg_stored_from_t0(p[-1])) < 0)
        return 0;
    memmove(p - 2, p, (size_t)(gen_opc_ptr - p) * sizeof(*p));
    gen_opc_ptr -= 2;
    ops[r][neg]((uint32_t)label);
    return 1;
}

/* JB/JNB after SBB r32 or ADC r32 (the high half of a 64-bit compare,
 * `cmp; sbb; jae`): from T0 and T1 (op/i386/op-i386.c). */
static int gen_jcc_carry_t0_t1(int cls, int jcc, int neg, int size, int label)
{
    static const GenOpLabel ops[2][2] = {
        {gen_op_jb_adcl_T0_T1_label, gen_op_jnb_adcl_T0_T1_label},
        {gen_op_jb_sbbl_T0_T1_label, gen_op_jnb_sbbl_T0_T1_label}};

    if (jcc != JCC_b || size != OT_LONG || (cls != CLS_sbb && cls != CLS_adc) ||
        !carry_ops_in_t0_t1(cls == CLS_sbb))
        return 0;
    if (cls == CLS_sbb && gen_sbb_jcc_on_reg(neg, label))
        return 1;
    ops[cls == CLS_sbb][neg]((uint32_t)label);
    return 1;
}

void gen_jcc_label(DisasContext *s, int cc, int label)
{
    int jcc = (cc >> 1) & 7, neg = cc & 1, size;
    int cls = cond_prepare(s, &jcc, &size);

    if (gen_jcc_carry_t0_t1(cls, jcc, neg, size, label))
        return;
    if (cls == CLS_false) {
        if (neg)
            gen_op_jmp_label((uint32_t)label);
        return;
    }
    if (cls == CLS_dyn)
        dyn_ops[jcc].jump[neg]((uint32_t)label);
    else
        cond_ops[cls][jcc].jump[neg][size]((uint32_t)label);
}

/* ---- TB exits (paper, section 3.5) ---- */

/*
 * Under EFLAGS.TF (HF_TF) the TB is one instruction, and every way out of
 * it is the single-step trap: #DB with EIP the next instruction to run
 * (SDM vol. 3, 17.3.1.4), which Linux reports as SIGTRAP, TRAP_TRACE.
 * The eip is already stored.
 */
static void gen_step_trap(DisasContext *s)
{
    gen_op_raise_exception_err(EXCP_DB_STEP, 0);
    gen_op_exit_tb(0);
    s->is_jmp = 1;
}

void gen_movl_eip_im(const DisasContext *s, uint32_t pc)
{
    gen_op_movl_eip_im(pc - s->cs_base);
}

void gen_movl_T0_eip(const DisasContext *s, uint32_t pc)
{
    gen_op_movl_T0_im(pc - s->cs_base);
}

/* Direct jump through exit slot 0 or 1, which chaining can patch. */
void gen_jmp_tb(DisasContext *s, uint32_t target, int slot)
{
    gen_update_cc_op(s);
    if (s->tb->flags & HF_TF) {
        gen_movl_eip_im(s, target);
        gen_step_trap(s);
        return;
    }
    if (!tb_exit_needs_check(s->tb, target))
        slot == 0 ? gen_op_goto_tb0_fwd() : gen_op_goto_tb1_fwd();
    else if (slot == 0)
        gen_op_goto_tb0();
    else
        gen_op_goto_tb1();
    gen_movl_eip_im(s, target);
    gen_op_exit_tb(tb_exit_value(s->tb, slot));
    s->is_jmp = 1;
}

/* Indirect jump to T0: the successor is looked up in the jump cache from
 * generated code (op_goto_indirect); with --no-chain, by the CPU loop. */
void gen_jmp_T0(DisasContext *s)
{
    gen_update_cc_op(s);
    gen_op_movl_eip_T0();
    if (s->tb->flags & HF_TF) {
        gen_step_trap(s);
        return;
    }
    /* A TB with flags other than 0 leaves through the loop: the jump
     * cache probe would not look at them (op/i386/cpu.h, HF_*).  But for
     * HF_X87_STORED, which needs no check. */
    if ((s->tb->cflags & CF_NO_CHAIN) || (s->tb->flags & ~HF_X87_STORED)) {
        gen_op_exit_tb(0);
    } else {
        if (s->tb->cflags & CF_COUNT_INDIRECT)
            gen_op_count_indirect();
        gen_op_goto_indirect();
    }
    s->is_jmp = 1;
}

void gen_exception(DisasContext *s, int excp, uint32_t eip)
{
    gen_exception_err(s, excp, 0, eip);
}

void gen_exception_err(DisasContext *s, int excp, uint32_t err, uint32_t eip)
{
    gen_update_cc_op(s);
    gen_movl_eip_im(s, eip);
    gen_op_raise_exception_err((uint32_t)excp, err);
    gen_op_exit_tb(0);
    s->is_jmp = 1;
}

/* After an instruction that changed what the TB flags describe (a
 * segment load): back to the loop, unchained, to find the TB for the new
 * flags. */
void gen_end_tb_unchained(DisasContext *s)
{
    gen_update_cc_op(s);
    gen_movl_eip_im(s, s->pc);
    if (s->tb->flags & HF_TF) {
        gen_step_trap(s);
        return;
    }
    gen_op_exit_tb(0);
    s->is_jmp = 1;
}

void gen_exit_loop(DisasContext *s)
{
    gen_update_cc_op(s);
    if (s->tb->flags & HF_TF) {
        gen_step_trap(s);
        return;
    }
    gen_op_exit_tb(0);
    s->is_jmp = 1;
}

void gen_jmp_T0_unchained(DisasContext *s)
{
    gen_update_cc_op(s);
    gen_op_movl_eip_T0();
    if (s->tb->flags & HF_TF) {
        gen_step_trap(s);
        return;
    }
    gen_op_exit_tb(0);
    s->is_jmp = 1;
}

/* #UD at the current instruction -> SIGILL at its address. */
void gen_illegal(DisasContext *s)
{
    if (log_enabled(unimp)) {
        log_printf(STITCH_NAME ": unimplemented instruction at 0x%08x:",
                   s->insn_pc);
        for (uint32_t pc = s->insn_pc; pc < s->pc; pc++)
            log_printf(" %02x", *(uint8_t *)g2h(pc));
        log_printf("\n");
    }
    gen_exception(s, EXCP_ILLOP, s->insn_pc);
}
