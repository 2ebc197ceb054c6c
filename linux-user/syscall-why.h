/*
 * Why a call of a guest's kernel table is ENOSYS on purpose: the reasons
 * SYSCALLS_ENOSYS(X) of each guest's syscall-list.h gives, one text per
 * kind of call, shared so that docs/syscalls.md and docs/syscalls-arm.md
 * say the same thing of the same call.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_SYSCALL_WHY_H
#define STITCH_SYSCALL_WHY_H

#define WHY_0 "the kernel's own table has sys_ni_syscall here: ENOSYS natively too"
#define WHY_1 "removed from Linux (5.5, 5.15, 6.10): ENOSYS natively too"
#define WHY_2 "virtual-8086 mode does not exist under a 64-bit kernel: ENOSYS natively too"
#define WHY_3 "CONFIG_USELIB and CONFIG_SYSFS_SYSCALL are off in Debian's kernels: ENOSYS natively"
#define WHY_6 "host administration (mounts, swap, reboot, clock, modules, accounting, host names, consoles, ports): stitch does not change the host for a guest"
#define WHY_7 "tracing or reading another process's guest state needs that process's stitch: not emulated"
#define WHY_9 "clone3: ENOSYS so that glibc falls back to clone (docs/threads.md); get_robust_list: nothing to report, glibc walks its own list since set_robust_list fails"
#define WHY_10 "asynchronous I/O completes into guest memory outside any system call: not emulated"
#define WHY_17 "a host signalfd would not see guest signals, which stitch delivers itself: not emulated"
#define WHY_18 "counters would count stitch's instructions, not the guest's: not emulated"
#define WHY_22 "a filter or program would see stitch's own (x86_64) system calls, not the guest's: not emulated"
#define WHY_24 "faults in the guest window are stitch's to handle: not emulated"
#define WHY_25 "protection keys would apply to stitch's own accesses: not emulated"
#define WHY_28 "stitch restarts interrupted calls itself; no call returns -ERESTART_RESTARTBLOCK to the guest, so it never calls this"
#define WHY_29 "the PCI configuration calls reach the host's hardware: host administration, not emulated"
#define WHY_30 "an x86 shadow stack (CET) guards the host's return addresses, which are stitch's: the guest's calls and returns are translated code, and a 32-bit task cannot switch one on (ARCH_SHSTK_ENABLE is a 64-bit arch_prctl): not emulated"
#define WHY_31 "ARM has no shadow stacks: the number is reserved on every architecture and the kernel's entry is sys_ni_syscall (kernel/sys_ni.c COND_SYSCALL): ENOSYS natively too"
#define WHY_32 "a sealed range would stop stitch managing the guest window (an unmap puts the reservation back), and emulating seals means refusing munmap, mprotect, mremap and madvise on the sealed guest ranges (EPERM): not emulated"

#endif
