/*
 * The programs the ARM guest runs, and what the kernel tells them about
 * the machine: the ELF identity elfload.c and execve.c check, the auxv
 * values stack.c writes, the machine uname reports, how --help and the
 * loader's messages name the guest, and the top of its address space.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_TARGET_ELF_H
#define STITCH_TARGET_ELF_H

#include <elf.h>

#include "cpu.h"

/* ELFCLASS32, little-endian (armel), EM_ARM.  The EABI version in e_flags
 * is not checked: the kernel's elf_check_arch does not refuse any. */
#define GUEST_ELF_DATA ELFDATA2LSB
#define GUEST_ELF_MACHINE EM_ARM
#define GUEST_ELF_NAME "ARM"
#define GUEST_DESCRIPTION "32-bit ARM (EABI, ARM and Thumb state)"

/* Where a static-pie goes: ELF_ET_DYN_BASE of arch/arm/include/asm/elf.h,
 * TASK_SIZE / 3 * 2 of a 3G/1G kernel (0xbf000000 / 3 * 2 = 0x7f555554),
 * page-aligned down, as the i386 guest's base is its kernel's. */
#define GUEST_ET_DYN_BASE 0x7f555000u

/* READ_IMPLIES_EXEC only before ARMv6 (arch/arm/kernel/elf.c
 * arm_elf_read_implies_exec()): stitch's ARMv7 never sets it. */
#define GUEST_READ_IMPLIES_EXEC(exstack) ((void)(exstack), 0)

/*
 * AT_HWCAP (arch/arm/include/uapi/asm/hwcap.h) for exactly what stitch
 * runs: SWP/SWPB, the halfword loads and stores, Thumb (with Thumb-2
 * and IT blocks), the long multiplies, the v5TE DSP instructions, the TLS
 * register (MRC TPIDRURO; glibc's kuser-free TLS path) and VFPv3-D16
 * (VFP, VFPv3, VFPv3D16: sixteen double registers, translate/arm/vfp.c).
 * No NEON, VFPv4, VFPD32 or IDIVA/IDIVT (SDIV/UDIV are undefined in both
 * states).  No AT_HWCAP2 bits (those are the v8 crypto extensions).
 */
#define ARM_HWCAP_SWP (1u << 0)
#define ARM_HWCAP_HALF (1u << 1)
#define ARM_HWCAP_THUMB (1u << 2)
#define ARM_HWCAP_FAST_MULT (1u << 4)
#define ARM_HWCAP_VFP (1u << 6)
#define ARM_HWCAP_EDSP (1u << 7)
#define ARM_HWCAP_VFPv3 (1u << 13)
#define ARM_HWCAP_VFPv3D16 (1u << 14)
#define ARM_HWCAP_TLS (1u << 15)
#define GUEST_HWCAP                                                          \
    (ARM_HWCAP_SWP | ARM_HWCAP_HALF | ARM_HWCAP_THUMB | ARM_HWCAP_FAST_MULT | \
     ARM_HWCAP_EDSP | ARM_HWCAP_TLS | ARM_HWCAP_VFP | ARM_HWCAP_VFPv3 |      \
     ARM_HWCAP_VFPv3D16)
#define GUEST_HWCAP2 0
/* The architecture stitch decodes is ARMv7's A32 (MOVW/MOVT, LDREX/STREX
 * and DMB, the v6 media instructions): the kernel's elf_platform is
 * "v%d%c" of cpu_architecture() and the byte order, and uname's machine
 * the processor's arch_name plus 'l' (arch/arm/kernel/setup.c). */
#define GUEST_PLATFORM "v7l"
#define GUEST_UNAME_MACHINE "armv7l"

/*
 * The top of the task's address space.  The vectors page with the kuser
 * helpers sits at 0xffff0000 (kuser.c), above it, as for a 32-bit task
 * of an arm64 kernel (TASK_SIZE_32 below the compat vectors page); a
 * 32-bit ARM kernel's 3G/1G split would stop at 0xbf000000 instead.
 */
#define GUEST_TOP 0xffff0000u

#endif
