/*
 * The programs the i386 guest runs, and what the kernel tells them about
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

/* ELFCLASS32 (every guest), little-endian, EM_386. */
#define GUEST_ELF_DATA ELFDATA2LSB
#define GUEST_ELF_MACHINE EM_386
/* "not an i386 ELF (...)" */
#define GUEST_ELF_NAME "i386"
/* "Run a 32-bit i386 Linux program by dynamic translation." */
#define GUEST_DESCRIPTION "32-bit i386"

/* Where a static-pie (ET_DYN without PT_INTERP) goes: the address the
 * x86_64 kernel picks for 32-bit ET_DYN programs without randomisation
 * (ELF_ET_DYN_BASE for compat tasks, 0x56555556 page-aligned down). */
#define GUEST_ET_DYN_BASE 0x56555000u

/* AT_HWCAP: Linux fills it from CPUID leaf 1 EDX, so it is exactly what
 * stitch's CPUID reports (op/i386/cpu.h); no AT_HWCAP2 bits. */
#define GUEST_HWCAP CPUID_1_EDX_FEATURES
#define GUEST_HWCAP2 0
/* AT_PLATFORM (ELF_PLATFORM, "i686" on any CPU stitch models) and the
 * machine uname reports, as qemu-i386 does. */
/* A 32-bit program with no PT_GNU_STACK gets READ_IMPLIES_EXEC: every
 * readable mapping, the stack and the heap are executable
 * (arch/x86/include/asm/elf.h elf_read_implies_exec(), mmap_is_ia32()). */
#define GUEST_READ_IMPLIES_EXEC(exstack) ((exstack) < 0)

/* A PROT_EXEC-only mapping is execute-only on a host with protection
 * keys: the x86 kernel gives it a key that denies data access, for a
 * 32-bit task too (arch/x86/mm/pkeys.c execute_only_pkey); loads,
 * stores and the kernel's copies fault (SEGV_PKUERR, EFAULT).
 * linux-user/mmap.c follows it when the host's kernel gives keys. */
#define GUEST_EXEC_ONLY 1

#define GUEST_PLATFORM "i686"
#define GUEST_UNAME_MACHINE "i686"

/* The top of a 32-bit task's address space on an x86_64 kernel, its
 * TASK_SIZE (IA32_PAGE_OFFSET, arch/x86/include/asm/page_64_types.h). */
#define GUEST_TOP 0xffffe000u

#endif
