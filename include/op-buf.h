/*
 * The op buffer (translate/op-buf.c): the micro-op stream a guest's
 * decoder fills for one TB through the gen_op_*() front end dyngen writes
 * (build/gen/<guest>/op-gen.h), which the guest's passes then rewrite and
 * exec/translate-all.c copies into host code, op by op.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_OP_BUF_H
#define STITCH_OP_BUF_H

#include <stdint.h>

#define OPC_MAX 16384
#define OPPARAM_MAX (OPC_MAX * 3)
#define TB_MAX_INSNS 512

extern uint16_t gen_opc_buf[OPC_MAX];
extern uint32_t gen_opparam_buf[OPPARAM_MAX];
extern uint16_t *gen_opc_ptr;
extern uint32_t *gen_opparam_ptr;
extern int gen_nb_labels;

/* Empty the buffer before a translation. */
void gen_op_buf_reset(void);

/* True when the decoder must end the TB to stay inside the buffers.  A
 * guest's passes may triple the number of ops afterwards (i386's
 * insert_reg_sync puts two ops around every helper call). */
static inline int gen_buffer_nearly_full(void)
{
    return gen_opc_ptr >= gen_opc_buf + OPC_MAX / 3 - 512 ||
           gen_opparam_ptr >= gen_opparam_buf + OPPARAM_MAX - 1536;
}

#endif
