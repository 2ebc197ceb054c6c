/*
 * What each guest's linux-user/<guest>/ provides to the generic
 * linux-user/ (the rest of the guest interface is include/guest.h).
 * docs/porting.md lists every item with the file of the existing guest
 * that implements it.
 *
 * Functions are declared here and defined in linux-user/<guest>/.
 * Data and constants come from the guest's headers of the names below,
 * which shared files include by their plain names: linux-user/<guest>/
 * precedes linux-user/ on the include path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_GUEST_USER_H
#define STITCH_GUEST_USER_H

#include <stdint.h>

#include "cpu.h"

/* ---- The loop and exceptions (cpu-loop.c) ------------------------------ */

/* Deliver the signal a guest CPU exception (EXCP_PAGE or one of the
 * guest's own) raises, through guest_signal(). */
void cpu_exception_signal(CPUState *env, int excp);

/* ---- The system-call convention (syscall-abi.c) ------------------------ */

/* The number and six arguments of the system call the guest just made
 * (EXCP_SYSCALL: the PC is already past the system-call instruction). */
void syscall_get_nr_args(const CPUState *env, int *nr, uint32_t args[6]);
/* Hand the call's result (or -errno) back to the guest. */
void syscall_set_return(CPUState *env, int32_t ret);
/* Make call `nr`, which returned -EINTR, run again when the guest resumes:
 * the PC back onto the system-call instruction and the number where the
 * guest passes it, as the kernel restarts -ERESTARTSYS and friends. */
void syscall_restart(CPUState *env, uint32_t nr);

/* clone's arguments, whose order differs between ABIs (the kernel's
 * CONFIG_CLONE_BACKWARDS*): fill *c from the six argument words. */
typedef struct GuestCloneArgs {
    uint32_t flags, newsp, parent_tid, tls, child_tid;
} GuestCloneArgs;
void syscall_clone_args(const uint32_t args[6], GuestCloneArgs *c);

/* ---- The system-call table and struct layouts -------------------------- */

/*
 * syscall-nr.h      SYSCALL_NR(name): the guest's number of system call
 *                   `name`; included only by the table files (syscall.c,
 *                   strace.c), never next to the host's <sys/syscall.h>
 * syscall-names.h   SYSCALL_NAMES(X): every call the guest's kernel has,
 *                   for -strace and -d unimp
 * syscall-list.h    SYSCALLS(X): the implemented calls, X(name, -strace
 *                   argument formats, result format); NR_SYSCALLS, above
 *                   every number; SYSCALLS_RESTART_NEVER(X) and
 *                   SYSCALLS_RESTART_NOHAND(X), how interrupted calls
 *                   restart (the rest: -ERESTARTSYS)
 * target-structs.h  the kernel structures the guest lays out its own way:
 *                   TargetStat64, TargetStatfs64, TargetFlock64, and
 *                   TARGET_EPOLL_EVENT_SIZE (12: the host's packed struct
 *                   epoll_event, passed through; 16: data 8-byte aligned,
 *                   converted); and the ABI values the shared handlers
 *                   convert: TARGET_SYSCALL_ARG64_ALIGNED (1 if a 64-bit
 *                   argument starts at an even argument register) and
 *                   TARGET_OPEN_FLAGS(X), X(guest value, host value) for
 *                   each open flag whose value is not the host's
 * The handlers of the guest's own calls (sys_##name, syscall.h) are in
 * linux-user/<guest>/ too.
 */

/* clone(CLONE_SETTLS): give the new process the thread pointer that
 * clone's tls argument describes, as the guest's own TLS call would;
 * 0 or -errno. */
int32_t cpu_set_tls(CPUState *env, uint32_t tls);

/* ---- Signal frames (sigframe.c) ---------------------------------------- */

/*
 * guest-signal.h declares what the guest's sigframe.c defines:
 * setup_signal_frame(), fault_set_trap(), sas_ss_flags(), and the handlers
 * of its sigreturn calls.
 * target-signal.h   TARGET_SA_* (struct sigaction's flags),
 *                   TARGET_MINSIGSTKSZ, and GUEST_PC_NAME / GUEST_SP_NAME,
 *                   the register names of signal.c's log lines
 */

/* ---- ELF loading and the auxiliary vector ------------------------------ */

/*
 * target-elf.h      the programs the guest runs: GUEST_ELF_DATA and
 *                   GUEST_ELF_MACHINE (checked by elfload.c and execve.c;
 *                   ELFCLASS32 for every guest), GUEST_ELF_NAME for the
 *                   loader's "not an ... ELF" messages, GUEST_DESCRIPTION
 *                   for --help; GUEST_ET_DYN_BASE, where a static-pie goes;
 *                   the auxv values GUEST_HWCAP, GUEST_HWCAP2 and
 *                   GUEST_PLATFORM; GUEST_UNAME_MACHINE for uname;
 *                   GUEST_TOP, the guest's TASK_SIZE (mmap, brk limits)
 */

/* ---- The initial process state and the stack pointer (cpu-state.c) ---- */

/* The registers the kernel's start_thread gives a new process: env is
 * zeroed already; set the PC, the stack pointer and whatever else the
 * guest's ABI fixes (flags, segments ...). */
void cpu_init_process(CPUState *env, uint32_t start_pc, uint32_t sp);
/* The guest's stack pointer: read (sigaltstack, log lines), and set for
 * clone's new stack. */
uint32_t cpu_get_sp(const CPUState *env);
void cpu_set_sp(CPUState *env, uint32_t sp);

#endif
