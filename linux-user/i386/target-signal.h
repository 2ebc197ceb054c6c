/*
 * The i386 values of the signal ABI that guest-signal.h leaves to the
 * guest, and the register names signal.c's -d int lines print.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_TARGET_SIGNAL_H
#define STITCH_TARGET_SIGNAL_H

/* struct sigaction's sa_flags (arch/x86/include/uapi/asm/signal.h). */
#define TARGET_SA_NOCLDSTOP 0x00000001u
#define TARGET_SA_SIGINFO 0x00000004u
#define TARGET_SA_RESTORER 0x04000000u
#define TARGET_SA_ONSTACK 0x08000000u
#define TARGET_SA_RESTART 0x10000000u
#define TARGET_SA_NODEFER 0x40000000u
#define TARGET_SA_RESETHAND 0x80000000u

/* The smallest alternate stack sigaltstack accepts (MINSIGSTKSZ, same
 * header). */
#define TARGET_MINSIGSTKSZ 2048

/* The PC and the stack pointer in log lines. */
#define GUEST_PC_NAME "eip"
#define GUEST_SP_NAME "esp"

#include <stdint.h>

/* The vector and error code the next signal frame reports, for a CPU
 * exception (cpu-loop.c); sigframe.c's fault_set_trap() uses them once
 * instead of its guess from the signal. */
void fault_next_trap(uint32_t trapno, uint32_t err);

#endif
