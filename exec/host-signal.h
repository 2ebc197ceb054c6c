/*
 * Host-specific reading of a signal context (exec/host-signal-<host>.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_HOST_SIGNAL_H
#define STITCH_HOST_SIGNAL_H

#include <stdint.h>

uintptr_t host_signal_pc(const void *uc);
uintptr_t host_signal_sp(const void *uc);
int host_signal_is_write(const void *uc);
/* The page-fault error code (SDM vol. 3, 4.7): P, W, U ... bits. */
uint32_t host_signal_pf_err(const void *uc);
/* The exception vector the CPU reported (16 #MF, 19 #XM, ...). */
int host_signal_trapno(const void *uc);
/* The pinned guest registers (op/<guest>/pinned-regs.h) as the
 * interrupted generated code held them, stored into the guest's regs[]. */
void host_signal_pinned_regs(const void *uc, uint32_t *regs);
/* --interp's thread pointer in the interrupted handler (op/op-x86_64.h). */
uintptr_t host_signal_interp_ip(const void *uc);
/* The FXSAVE image of the interrupted code's FPU registers. */
const void *host_signal_fpstate(const void *uc);

#endif
