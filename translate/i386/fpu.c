/*
 * The x87 decoder: escape opcodes D8-DF (Intel SDM vol. 2, appendix A.4,
 * tables ).
 *
 * The host's x87 holds the guest's while generated code runs
 * (op/i386/fpu-state.h), so an instruction is one micro-op that is the
 * instruction itself (op/i386/x87-ops.h): the decoder's job is to compute the
 * memory operand into A0 and to pick the op from a table indexed by the
 * very bytes it decoded.  The few instructions that meet the integer
 * side -- FCMOVcc, FCOMI, FNSTSW AX -- and the state images have their
 * own ops.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "fpu.h"
#include "op-gen.h"
#include "x87-fip.h"
#include "x87-ops.h"

/* Register forms by [opcode - D8][ModRM - C0]; NULL: not a plain op. */
#define RAW_ENTRY(b, m) [0x##b - 0xd8][0x##m - 0xc0] = gen_op_x87_##b##_##m,
static const GenOp raw_ops[8][64] = {X87_RAW_OPS(RAW_ENTRY)
                                     X87_COMI_OPS(RAW_ENTRY)};

/* Memory forms by [opcode - D8][ModRM reg field]. */
#define MEM_ENTRY(b, r, insn) [0x##b - 0xd8][r] = gen_op_x87_m_##b##_##r,
static const GenOp mem_ops[8][8] = {X87_MEM_OPS(MEM_ENTRY)};

/* D9 /4 /6, DD /4 /6: FLDENV FNSTENV FRSTOR FNSAVE. */
static int disas_x87_image(DisasContext *s, int b, int op)
{
    uint32_t data32 = s->dflag;

    switch (b << 4 | op) {
    case 0xd94: gen_op_fldenv_A0(data32); return 1;
    case 0xd96: x87_ptrs_switch(); gen_op_fnstenv_A0(data32); return 1;
    case 0xdd4: gen_op_frstor_A0(data32); return 1;
    case 0xdd6: x87_ptrs_switch(); gen_op_fnsave_A0(data32); return 1;
    }
    return 0;
}

/* The size of a memory operand by [opcode - D8][ModRM reg field] (SDM
 * vol. 1, 8.1.x; 10 for m80, whose alignment check is on 8), for #AC. */
static int x87_mem_size(int b, int op)
{
    switch (b) {
    case 0xd8: case 0xda: return 4;
    case 0xdc: return 8;
    case 0xde: return 2;
    case 0xd9: return op >= 4 ? 2 : 4; /* FLDCW FNSTCW */
    case 0xdb: return op >= 4 ? 10 : 4;
    case 0xdd: return op >= 4 ? 2 : 8;
    default: return op == 4 || op == 6 ? 10 : op >= 4 ? 8 : 2; /* DF */
    }
}

static void disas_x87_mem(DisasContext *s, int b, int modrm)
{
    int op = (modrm >> 3) & 7;
    GenOp gen = mem_ops[b - 0xd8][op];

    gen_lea_modrm(s, modrm, 1);
    /* the FLDENV ... FNSAVE images: aligned as their 16- or 32-bit words */
    gen_check_ac(s, (op == 4 || op == 6) && (b == 0xd9 || b == 0xdd)
                        ? (s->dflag ? 4 : 2) : x87_mem_size(b, op));
    if (gen)
        gen();
    else if (!disas_x87_image(s, b, op))
        gen_illegal(s);
}

/* FCMOVcc ST(0), ST(i) (DA/DB C0-DF): the condition in Jcc numbering
 * (SDM Jcc: B = 2, E = 4, BE = 6, P = 10; DB has the negations). */
static void gen_fcmov(DisasContext *s, int b, int modrm)
{
    static const int jcc[4] = {2, 4, 6, 10};
    static void (*const fcmov[8])(void) = {
        gen_op_fcmov_T0_st0, gen_op_fcmov_T0_st1, gen_op_fcmov_T0_st2,
        gen_op_fcmov_T0_st3, gen_op_fcmov_T0_st4, gen_op_fcmov_T0_st5,
        gen_op_fcmov_T0_st6, gen_op_fcmov_T0_st7};

    gen_cond_T0(s, jcc[(modrm >> 3) & 3] | (b == 0xdb));
    fcmov[modrm & 7]();
}

/* The undocumented register forms that repeat another instruction
 * (sandpile.org's x87 map; each behaves exactly as its original). */
static void x87_alias(int *b, int *modrm)
{
    int i = *modrm & 7, row = *b << 8 | (*modrm & 0xf8);

    switch (row) {
    case 0xd9d8: case 0xdfd0: case 0xdfd8: /* FSTP1, FSTP8, FSTP9 */
        *b = 0xdd, *modrm = 0xd8 | i;
        break;
    case 0xdcd0: case 0xdcd8: /* FCOM2, FCOMP3 */
        *b = 0xd8;
        break;
    case 0xddc8: case 0xdfc8: /* FXCH4, FXCH7 */
        *b = 0xd9;
        break;
    case 0xded0: /* FCOMP5 */
        *b = 0xd8, *modrm = 0xd8 | i;
        break;
    }
}

static void disas_x87_reg(DisasContext *s, int b, int modrm)
{
    GenOp gen;

    x87_alias(&b, &modrm);
    gen = raw_ops[b - 0xd8][modrm - 0xc0];

    if ((b == 0xda || b == 0xdb) && modrm < 0xe0) {
        gen_fcmov(s, b, modrm);
    } else if (b == 0xdf && modrm == 0xe0) { /* FNSTSW AX */
        gen_op_fnstsw_T0();
        gen_mov_reg_T0(OT_WORD, R_EAX);
    } else if (b == 0xdb && (modrm == 0xe0 || modrm == 0xe1 || modrm == 0xe4)) {
        /* FENI, FDISI, FSETPM: no-ops since the 80387 */
    } else if (gen) {
        gen();
        if ((b == 0xdb || b == 0xdf) && modrm >= 0xe8) /* FCOMI family */
            cc_op_stored(s, CC_OP_EFLAGS);
    } else {
        gen_illegal(s);
    }
}

/*
 * The control instructions, which leave FIP, FOP and FDP alone (SDM vol.
 * 1, 8.1.8): FLDENV, FLDCW, FNSTENV, FNSTCW, FRSTOR, FNSAVE, FNSTSW in
 * memory and in AX, FNCLEX, FNINIT (which clears them), and the 8087
 * leftovers FENI, FDISI, FSETPM that do nothing.
 */
static int x87_is_control(int b, int modrm)
{
    if ((modrm >> 6) != 3)
        return (b == 0xd9 && ((modrm >> 3) & 7) >= 4) ||
               (b == 0xdd && ((modrm >> 3) & 7) >= 4 && ((modrm >> 3) & 7) != 5);
    return (b == 0xdb && modrm >= 0xe0 && modrm <= 0xe4) || (b == 0xdf && modrm == 0xe0);
}

/*
 * FIP, FOP and FDP for FNSTENV, FNSAVE, FXSAVE and signal frames: each
 * non-control instruction is followed by an op with its address and
 * opcode, which op/i386/x87-fip.c says where they come from.  In a TB
 * with HF_X87_STORED, an x87_ip op that stores them into env, and one
 * with a memory operand by an x87_dp op that stores the operand's
 * address; in one without, an x87_ip_host op, whose copy is empty: the
 * host's x87 records the copied instruction's own address as its FIP,
 * and x87_tb_copied tells op/i386/x87-fip.c which guest instruction each
 * stretch of copied code is.  The x87_ip ops that a later one overwrites
 * before anything could read them are dropped at the end of the TB
 * (x87_ip_prune, translate.c): no state leaves the host between the two,
 * and a fault between them is given the dropped values by
 * restore_state_to_opc; likewise the x87_dp ops, but only across loads
 * (translate.c says why).
 */
void disas_x87(DisasContext *s, int b)
{
    int modrm = fetch_b(s);

    if ((modrm >> 6) == 3)
        disas_x87_reg(s, b, modrm);
    else
        disas_x87_mem(s, b, modrm);
    if (b == 0xdb && modrm == 0xe3) { /* FNINIT */
        gen_op_x87_ptr_reset();
        s->x87_stores++;
        s->x87_set = 1;
        s->x87_ip = s->x87_op = 0;
        return;
    }
    if (x87_is_control(b, modrm))
        return;
    s->x87_set = 1;
    s->x87_ip = s->insn_pc;
    s->x87_op = (uint32_t)(b & 7) << 8 | (uint32_t)modrm;
    s->x87_stores++;
    if (!(s->tb->flags & HF_X87_STORED)) {
        gen_op_x87_ip_host(s->x87_ip, s->x87_op);
        return;
    }
    gen_op_x87_ip(s->x87_ip, s->x87_op);
    if ((modrm >> 6) == 3)
        return;
    gen_op_x87_dp();
    s->x87_stores++;
}

/* Is there an x87_ip_host op in the buffer?  Most TBs have none, and this
 * runs for every TB copied: eight ops at a time (GCC's vector extension;
 * the ops past the end that the last load may read are an old TB's, and
 * a match there only costs the walk).  A run that is nearly all
 * translation (spectral-sse 1, 12.28M host instructions without any of
 * this): +4.2% with the walk alone, +1.7% with a scalar look first,
 * +0.5% so. */
static int any_x87_ip_host(void)
{
    typedef uint16_t Ops8 __attribute__((vector_size(16)));
    size_t n = (size_t)(gen_opc_ptr - gen_opc_buf);
    Ops8 any = {0};

    _Static_assert(OPC_MAX % 8 == 0, "whole vectors in the op buffer");
    for (size_t i = 0; i < n; i += 8) {
        Ops8 v;
        memcpy(&v, gen_opc_buf + i, sizeof(v));
        any |= (Ops8)(v == INDEX_op_x87_ip_host);
    }
    uint64_t w[2];
    memcpy(w, &any, sizeof(w));
    return (w[0] | w[1]) != 0;
}

/* The host code of each guest x87 instruction that kept its x87_ip_host
 * op, from the instruction's first op to that op, for op/i386/x87-fip.c
 * (GUEST_TB_COPIED, op/i386/cpu.h). */
static __attribute__((noinline)) void x87_record(const TranslationBlock *tb,
                                                  const uint32_t *host_offset)
{
    const uint32_t *param = gen_opparam_buf;
    uintptr_t code = (uintptr_t)tb->tc_ptr, insn = code;
    int begun = 0;

    for (const uint16_t *opc = gen_opc_buf; *opc != INDEX_op_end; opc++) {
        uintptr_t at = code + host_offset[opc - gen_opc_buf];
        if (*opc == INDEX_op_insn_start) {
            insn = at;
        } else if (*opc == INDEX_op_x87_ip_host) {
            if (!begun++)
                x87_fip_map_begin(code);
            x87_fip_map_add(insn, at, param[0], param[1]);
        }
        param += op_info[*opc].nparams;
    }
}

void x87_tb_copied(const TranslationBlock *tb, const uint32_t *host_offset)
{
    if (!(tb->flags & HF_X87_STORED) && any_x87_ip_host())
        x87_record(tb, host_offset);
}

/* Does tb leave the pointers in the host's x87?  Its copy holds a stretch
 * the map records. */
int x87_tb_stale(const TranslationBlock *tb)
{
    return !(tb->flags & HF_X87_STORED) &&
           x87_fip_map_covers((uintptr_t)tb->tc_ptr, (uintptr_t)tb->tc_ptr + tb->tc_size);
}
