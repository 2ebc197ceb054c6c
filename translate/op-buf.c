/*
 * The op buffer every guest's decoder fills (include/op-buf.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "op-buf.h"

uint16_t gen_opc_buf[OPC_MAX];
uint32_t gen_opparam_buf[OPPARAM_MAX];
uint16_t *gen_opc_ptr;
uint32_t *gen_opparam_ptr;
int gen_nb_labels;

void gen_op_buf_reset(void)
{
    gen_opc_ptr = gen_opc_buf;
    gen_opparam_ptr = gen_opparam_buf;
    gen_nb_labels = 0;
}
