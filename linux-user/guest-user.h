/*
 * What each guest's linux-user/<guest>/ provides to the generic
 * linux-user/ (the rest of the guest interface is include/guest.h).
 * docs/porting.md lists every item with the i386 file that implements it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_GUEST_USER_H
#define STITCH_GUEST_USER_H

#include "cpu.h"

/* cpu-loop.c: deliver the signal a guest CPU exception (EXCP_PAGE or one of
 * the guest's own) raises, through guest_signal(). */
void cpu_exception_signal(CPUState *env, int excp);

#endif
