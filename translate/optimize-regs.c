/*
 * Reload elimination over a TB's op stream, driven by the guest's
 * reg_effect[] table (translate/optimize-regs.h says what it does and why).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "op-gen.h"
#include "optimize-regs.h"
#include "passes.h"

RegEffect reg_effect[NB_OPS];

/* What a temporary holds, as a set: bit r for guest register r (all of
 * it), bit BYTE_OF(r) for its low byte zero-extended. */
#define NOREG 0
#define BYTE_OF(r) ((r) + 16)
#define BIT(x) ((uint32_t)1 << (x))

static void init_reg_effects(void)
{
    static int done;

    if (done)
        return;
    done = 1;
    memset(reg_effect, 0, sizeof(reg_effect)); /* E_FORGET */
    describe_reg_effects();
}

static void forget_reg(uint32_t *holds, int reg)
{
    for (int t = 0; t < NB_TMP; t++)
        holds[t] &= ~(BIT(reg) | BIT(BYTE_OF(reg)));
}

int op_writes_reg(int op, int reg)
{
    const RegEffect *e = &reg_effect[op];

    init_reg_effects();
    switch (e->kind) {
    case E_NONE: case E_WRITE_TMP: case E_LOAD: case E_COPY: case E_LOADB:
    case E_WRITE_ZX8: case E_ADDR:
        return 0;
    case E_STORE: case E_WRITE_REG: case E_WRITE_BOTH: case E_STOREB:
        return e->reg == reg;
    default:
        return 1;
    }
}

int op_reg_effect_known(int op)
{
    init_reg_effects();
    return reg_effect[op].kind != E_FORGET;
}

/* The cheaper form of "tmp := what", or -1 to drop the op. */
static int reload(const uint32_t *holds, int op, const RegEffect *e, int what)
{
    static const int copy_from_t0[NB_TMP] = {
        -2, INDEX_op_movl_T1_T0, INDEX_op_movl_A0_T0};
    int tmp = e->tmp;

    if (holds[tmp] & BIT(what))
        return -1;
    /* the low byte of a register T0 holds whole: zero-extend it there */
    if (e->kind == E_LOADB && tmp == TMP_T0 && e->via[TMP_T0] &&
        (holds[TMP_T0] & BIT(e->reg)))
        return e->via[TMP_T0];
    if (tmp == TMP_T0 && (holds[TMP_T1] & BIT(what)))
        return INDEX_op_movl_T0_T1;
    if (tmp != TMP_T0 && (holds[TMP_T0] & BIT(what)))
        return copy_from_t0[tmp];
    return op;
}

int optimize_regs(void)
{
    uint32_t holds[NB_TMP] = {NOREG, NOREG, NOREG};
    uint8_t zx8[NB_TMP] = {0, 0, 0}; /* the temporary is below 256 */
    uint16_t *out = gen_opc_buf;
    int dropped = 0;

    init_reg_effects();
    for (uint16_t *opc = gen_opc_buf; opc < gen_opc_ptr; opc++) {
        int op = *opc;
        const RegEffect *e = &reg_effect[op];

        switch (e->kind) {
        case E_NONE:
            break;
        case E_WRITE_TMP:
            holds[e->tmp] = NOREG;
            zx8[e->tmp] = 0;
            break;
        case E_WRITE_ZX8:
            holds[e->tmp] = NOREG;
            zx8[e->tmp] = 1;
            break;
        case E_LOAD:
        case E_LOADB: {
            int what = e->kind == E_LOAD ? e->reg : BYTE_OF(e->reg);
            op = reload(holds, op, e, what);
            if (op < 0) {
                dropped++;
                continue; /* the temporary holds it already */
            }
            if (e->kind == E_LOADB && op == e->via[TMP_T0]) {
                holds[TMP_T0] = BIT(what);
                zx8[TMP_T0] = 1;
            } else if (op == INDEX_op_movl_T0_T1 || op == INDEX_op_movl_T1_T0 ||
                       op == INDEX_op_movl_A0_T0) {
                int src = op == INDEX_op_movl_T0_T1 ? TMP_T1 : TMP_T0;
                holds[e->tmp] = holds[src];
                zx8[e->tmp] = zx8[src];
            } else {
                holds[e->tmp] = BIT(what);
                zx8[e->tmp] = e->kind == E_LOADB;
            }
            break;
        }
        case E_STORE:
            forget_reg(holds, e->reg);
            holds[e->tmp] |= BIT(e->reg);
            break;
        case E_STOREB:
            forget_reg(holds, e->reg);
            if (zx8[e->tmp])
                holds[e->tmp] |= BIT(BYTE_OF(e->reg));
            break;
        case E_WRITE_REG:
            forget_reg(holds, e->reg);
            break;
        case E_COPY:
            holds[e->tmp] = holds[e->src];
            zx8[e->tmp] = zx8[e->src];
            break;
        case E_ADDR:
            /* a base or index a temporary holds: read it there, not with a
             * load from env that waits for the store just before it */
            if ((holds[TMP_T0] & BIT(e->reg)) && e->via[TMP_T0])
                op = e->via[TMP_T0];
            else if ((holds[TMP_T1] & BIT(e->reg)) && e->via[TMP_T1])
                op = e->via[TMP_T1];
            holds[TMP_A0] = NOREG;
            zx8[TMP_A0] = 0;
            break;
        case E_WRITE_BOTH:
            holds[e->tmp] = NOREG;
            zx8[e->tmp] = 0;
            forget_reg(holds, e->reg);
            break;
        default:
            holds[TMP_T0] = holds[TMP_T1] = holds[TMP_A0] = NOREG;
            zx8[TMP_T0] = zx8[TMP_T1] = zx8[TMP_A0] = 0;
            break;
        }
        *out++ = (uint16_t)op;
    }
    gen_opc_ptr = out;
    return dropped;
}
