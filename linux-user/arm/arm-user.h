/*
 * What the files of linux-user/arm/ share: the vectors page at 0xffff0000,
 * above GUEST_TOP, with the kernel-provided user helpers (kuser.c) and the
 * signal-return code (sigframe.c); and the fault information the next
 * signal frame reports (sigframe.c, set by private.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_ARM_USER_H
#define STITCH_ARM_USER_H

#include <stdint.h>

#define VECTORS_BASE 0xffff0000u
/*
 * sigreturn_codes (arch/arm/kernel/sigreturn_codes.S), 12 bytes a slot:
 * ARM sigreturn at +0, Thumb at +8, ARM rt_sigreturn at +12, Thumb at +20.
 * Kernels before 3.11 kept them in the vectors page at this offset
 * (KERN_SIGRETURN_CODE, CONFIG_VECTORS_BASE + 0x500); today's put them in
 * a separate "sigpage" at a random address, where a program cannot find
 * them either.
 */
#define SIGRETURN_CODES (VECTORS_BASE + 0x500)
#define SIGRETURN_CODE_WORDS 6
extern const uint32_t sigreturn_codes[SIGRETURN_CODE_WORDS];

/* Map the vectors page, read and execute only, with the helpers and the
 * return code written in (once per process, at start-up). */
void kuser_page_map(void);

/* The kernel's thread.trap_no and error_code for the signal about to be
 * raised, when they are not a fault's (arm_notify_die's last two
 * arguments): used by the next fault_set_trap() only. */
void arm_notify_trap(uint32_t trap_no, uint32_t error_code);

#endif
