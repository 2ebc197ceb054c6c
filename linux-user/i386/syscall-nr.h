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

/*
 * The calls Linux added after the 6.1 headers Debian 12 installs, with the
 * numbers of the kernel's arch/x86/entry/syscalls/syscall_32.tbl (6.18):
 * a newer <asm/unistd_32.h> defines the same ones itself.
 */
#ifndef __NR_cachestat
#define __NR_cachestat 451
#endif
#ifndef __NR_fchmodat2
#define __NR_fchmodat2 452
#endif
#ifndef __NR_map_shadow_stack
#define __NR_map_shadow_stack 453
#endif
#ifndef __NR_futex_wake
#define __NR_futex_wake 454
#endif
#ifndef __NR_futex_wait
#define __NR_futex_wait 455
#endif
#ifndef __NR_futex_requeue
#define __NR_futex_requeue 456
#endif
#ifndef __NR_statmount
#define __NR_statmount 457
#endif
#ifndef __NR_listmount
#define __NR_listmount 458
#endif
#ifndef __NR_lsm_get_self_attr
#define __NR_lsm_get_self_attr 459
#endif
#ifndef __NR_lsm_set_self_attr
#define __NR_lsm_set_self_attr 460
#endif
#ifndef __NR_lsm_list_modules
#define __NR_lsm_list_modules 461
#endif
#ifndef __NR_mseal
#define __NR_mseal 462
#endif
#ifndef __NR_setxattrat
#define __NR_setxattrat 463
#endif
#ifndef __NR_getxattrat
#define __NR_getxattrat 464
#endif
#ifndef __NR_listxattrat
#define __NR_listxattrat 465
#endif
#ifndef __NR_removexattrat
#define __NR_removexattrat 466
#endif
#ifndef __NR_open_tree_attr
#define __NR_open_tree_attr 467
#endif
#ifndef __NR_file_getattr
#define __NR_file_getattr 468
#endif
#ifndef __NR_file_setattr
#define __NR_file_setattr 469
#endif

/* The guest number of system call `name` (as the kernel spells it). */
#define SYSCALL_NR(name) __NR_##name

#endif
