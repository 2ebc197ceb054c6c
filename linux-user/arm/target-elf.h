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
#include <stdio.h>

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

/* No execute-only pages: an ARMv7 kernel's PROT_EXEC mapping is readable
 * (arch/arm/mm/mmu.c protection_map, __PAGE_READONLY_EXEC). */
#define GUEST_EXEC_ONLY 0

/*
 * AT_HWCAP, AT_PLATFORM and uname's machine are the -cpu model's
 * (op/arm/cpu-models.c: exactly what stitch runs for that model; the
 * default is ARMv7 with VFPv3-D16: SWP, HALF, THUMB, FAST_MULT, EDSP,
 * TLS, VFP, VFPv3, VFPv3D16, platform "v7l", machine "armv7l").  No
 * AT_HWCAP2 bits (those are the v8 crypto extensions).
 */
#define GUEST_HWCAP arm_hwcap
#define GUEST_HWCAP2 0
#define GUEST_PLATFORM arm_platform
#define GUEST_UNAME_MACHINE arm_uname_machine

/* /proc/cpuinfo: the ARM kernel's, for the -cpu model (proc-cpuinfo.c;
 * linux-user/proc-self.c opens it for the guest). */
int arm_proc_cpuinfo(FILE *out);
#define GUEST_PROC_CPUINFO arm_proc_cpuinfo

/*
 * The top of the task's address space.  The vectors page with the kuser
 * helpers sits at 0xffff0000 (kuser.c), above it, as for a 32-bit task
 * of an arm64 kernel (TASK_SIZE_32 below the compat vectors page); a
 * 32-bit ARM kernel's 3G/1G split would stop at 0xbf000000 instead.
 */
#define GUEST_TOP 0xffff0000u

#endif
