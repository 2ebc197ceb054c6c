/*
 * The i386 system-call numbers, for the table files only (the shared
 * syscall.c and strace.c; sigframe.c's return trampolines take theirs
 * from <asm/unistd_32.h> directly).
 *
 * <asm/unistd_32.h> defines __NR_name with the i386 number.  The host's
 * <sys/syscall.h> derives its SYS_name from the __NR_name of
 * <asm/unistd_64.h>, so a file that saw both would make host calls with
 * guest numbers: the handler files include neither this header nor the
 * kernel one, and name host calls by SYS_name only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_SYSCALL_NR_H
#define STITCH_SYSCALL_NR_H

#include <asm/unistd_32.h>

/* The guest number of system call `name` (as the kernel spells it). */
#define SYSCALL_NR(name) __NR_##name

#endif
