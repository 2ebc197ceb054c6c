/*
 * Where each guest x87 instruction's copied code lies, so that the guest's
 * FIP and FOP can be read back from the host's own FIP (op/i386/x87-fip.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_X87_FIP_H
#define STITCH_X87_FIP_H

#include <stdint.h>

/* A TB's code is being recorded from host address `start` on: what the
 * map held there (a flushed or discarded TB's) is dropped.  Under the
 * translation lock, as every x87_fip_map_add. */
void x87_fip_map_begin(uintptr_t start);

/* The guest x87 instruction at `ip` with opcode `op` (FOP's 11 bits) runs
 * as the host code [lo, hi); calls come in increasing address order. */
void x87_fip_map_add(uintptr_t lo, uintptr_t hi, uint32_t ip, uint32_t op);

/* The guest's instruction whose host code holds `host`: 1 and its FIP
 * and FOP, or 0. */
int x87_fip_map_find(uintptr_t host, uint32_t *ip, uint32_t *op);

#endif
