/*
 * The pinned guest registers around helper calls (op/arm/pinned-regs.h):
 * spill_regs before every op that calls a helper (dyngen's `calls`: MRS,
 * MSR), fill_regs after it, so the helper finds r0-r3 and sp in env and
 * may clobber their host registers.  Two such ops in a row share one
 * spill and one fill.  The same pass as the i386 guest's insert_reg_sync
 * (translate/i386/optimize-regs.c); it runs after the flag-liveness pass,
 * on every translation of a TB, so op sizes match after a fault.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <string.h>

#include "op-gen.h"
#include "translate.h"

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
