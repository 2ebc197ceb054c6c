/*
 * The op-stream passes every guest shares (translate/passes.h).  Both are
 * deterministic: they run on both translations of a TB (the one emitted
 * and the one exec/translate-all.c redoes after a fault), so the op sizes
 * they leave match.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <string.h>

#include "op-gen.h"
#include "passes.h"

int flag_liveness(const FlagEffect *effect, int live_at_end)
{
    static uint8_t label_live[256];
    static uint32_t param_pos[OPC_MAX];
    int nops = (int)(gen_opc_ptr - gen_opc_buf), removed = 0, first_drop;
    uint32_t np = 0;
    int live = live_at_end;

    /* Forward: where each op's parameters start. */
    for (int i = 0; i < nops && gen_opc_buf[i] != INDEX_op_end; i++) {
        param_pos[i] = np;
        np += op_info[gen_opc_buf[i]].nparams;
    }
    memset(label_live, live_at_end, sizeof(label_live));
    first_drop = nops;

    /* Backward: liveness, swapping and marking dead flag writes. */
    for (int i = nops - 1; i >= 0; i--) {
        int op = gen_opc_buf[i];
        const FlagEffect *e;

        if (op == INDEX_op_end)
            continue;
        if (op == INDEX_op_set_label) {
            assert(gen_opparam_buf[param_pos[i]] < sizeof(label_live));
            label_live[gen_opparam_buf[param_pos[i]]] = (uint8_t)live;
            continue;
        }
        if (op == INDEX_op_jmp_label) {
            live = label_live[gen_opparam_buf[param_pos[i]]];
            continue;
        }
        e = &effect[op];
        if (e->branch)
            live |= label_live[gen_opparam_buf[param_pos[i]]];
        if (e->writes && !(live & e->writes) && e->twin != FLAG_KEEP) {
            removed++;
            if (e->twin == FLAG_DROP) {
                gen_opc_buf[i] = INDEX_op_end; /* squeezed out below */
                first_drop = i;
                continue;
            }
            gen_opc_buf[i] = (uint16_t)e->twin;
            e = &effect[e->twin];
        } else if (e->part_twin > 0 && !(live & e->part_dead)) {
            removed++;
            gen_opc_buf[i] = (uint16_t)e->part_twin;
            e = &effect[e->part_twin];
        }
        live = (live & ~e->writes) | e->reads;
    }

    /* Forward: squeeze the dropped ops and their parameters out, from the
     * first one on (most TBs drop none or few: this runs on every
     * translation, and start-up-heavy programs are mostly translation). */
    if (first_drop == nops)
        return removed;
    uint16_t *out = gen_opc_buf + first_drop;
    uint32_t *pout = gen_opparam_buf + param_pos[first_drop];
    for (int i = first_drop; i < nops; i++) {
        int op = gen_opc_buf[i];
        const uint32_t *p;

        if (op == INDEX_op_end) {
            if (i == nops - 1)
                *out++ = INDEX_op_end;
            continue;
        }
        p = gen_opparam_buf + param_pos[i];
        for (int n = op_info[op].nparams; n > 0; n--)
            *pout++ = *p++;
        *out++ = (uint16_t)op;
    }
    gen_opc_ptr = out;
    gen_opparam_ptr = pout;
    return removed;
}

void insert_reg_sync(void)
{
    static uint16_t in[OPC_MAX];
    size_t n = (size_t)(gen_opc_ptr - gen_opc_buf);
    uint16_t *out = gen_opc_buf;

    memcpy(in, gen_opc_buf, n * sizeof(*in));
    for (size_t i = 0; i < n; i++) {
        int op = in[i];

        if (op < NB_PSEUDO_OPS || !op_info[op].calls) {
            *out++ = (uint16_t)op;
            continue;
        }
        /* Between two such ops the fill and the next spill cancel: the
         * registers in env are still current. */
        if (out > gen_opc_buf && out[-1] == INDEX_op_fill_regs)
            out--;
        else
            *out++ = INDEX_op_spill_regs;
        *out++ = (uint16_t)op;
        *out++ = INDEX_op_fill_regs;
    }
    assert(out <= gen_opc_buf + OPC_MAX);
    gen_opc_ptr = out;
}

int op_buf_take(uint16_t *opc, uint32_t *param, const uint32_t **par)
{
    int n = (int)(gen_opc_ptr - gen_opc_buf);
    const uint32_t *p = param;

    memcpy(opc, gen_opc_buf, (size_t)n * sizeof(*opc));
    memcpy(param, gen_opparam_buf,
           (size_t)(gen_opparam_ptr - gen_opparam_buf) * sizeof(*param));
    for (int i = 0; i < n; i++) {
        par[i] = p;
        p += op_info[opc[i]].nparams;
    }
    gen_opc_ptr = gen_opc_buf;
    gen_opparam_ptr = gen_opparam_buf;
    return n;
}
