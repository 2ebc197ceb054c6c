/*
 * The ARM values of the signal ABI that guest-signal.h leaves to the
 * guest, and the register names signal.c's -d int lines print.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_TARGET_SIGNAL_H
#define STITCH_TARGET_SIGNAL_H

/* struct sigaction's sa_flags (arch/arm/include/uapi/asm/signal.h): the
 * same values as i386's.  SA_THIRTYTWO (0x02000000) only matters to 26-bit
 * tasks, which stitch does not run. */
#define TARGET_SA_NOCLDSTOP 0x00000001u
#define TARGET_SA_SIGINFO 0x00000004u
#define TARGET_SA_RESTORER 0x04000000u
#define TARGET_SA_ONSTACK 0x08000000u
#define TARGET_SA_RESTART 0x10000000u
#define TARGET_SA_NODEFER 0x40000000u
#define TARGET_SA_RESETHAND 0x80000000u

/* MINSIGSTKSZ (same header). */
#define TARGET_MINSIGSTKSZ 2048

/* The PC and the stack pointer in log lines. */
#define GUEST_PC_NAME "pc"
#define GUEST_SP_NAME "sp"

#endif
