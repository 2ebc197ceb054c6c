/*
 * The host's (x86_64) numbers of the system calls newer than the C
 * library stitch is built with: Debian 12's <sys/syscall.h> comes from
 * Linux 6.1 headers and stops at 450.  The numbers are the kernel's
 * (arch/x86/entry/syscalls/syscall_64.tbl); a newer C library defines the
 * same ones itself.  A host kernel too old for a call answers ENOSYS,
 * which the handler passes on, as Linux of that age would to the guest.
 * Only handler files include this (never a guest's syscall-nr.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_HOST_SYSCALL_NR_H
#define STITCH_HOST_SYSCALL_NR_H

#include <sys/syscall.h>

#ifndef __x86_64__
#error "the numbers below are x86_64's"
#endif

#ifndef SYS_futex_waitv
#define SYS_futex_waitv 449
#endif
#ifndef SYS_cachestat
#define SYS_cachestat 451
#endif
#ifndef SYS_fchmodat2
#define SYS_fchmodat2 452
#endif
#ifndef SYS_futex_wake
#define SYS_futex_wake 454
#endif
#ifndef SYS_futex_wait
#define SYS_futex_wait 455
#endif
#ifndef SYS_futex_requeue
#define SYS_futex_requeue 456
#endif
#ifndef SYS_statmount
#define SYS_statmount 457
#endif
#ifndef SYS_listmount
#define SYS_listmount 458
#endif
#ifndef SYS_lsm_get_self_attr
#define SYS_lsm_get_self_attr 459
#endif
#ifndef SYS_lsm_set_self_attr
#define SYS_lsm_set_self_attr 460
#endif
#ifndef SYS_lsm_list_modules
#define SYS_lsm_list_modules 461
#endif
#ifndef SYS_setxattrat
#define SYS_setxattrat 463
#endif
#ifndef SYS_getxattrat
#define SYS_getxattrat 464
#endif
#ifndef SYS_listxattrat
#define SYS_listxattrat 465
#endif
#ifndef SYS_removexattrat
#define SYS_removexattrat 466
#endif
#ifndef SYS_file_getattr
#define SYS_file_getattr 468
#endif
#ifndef SYS_file_setattr
#define SYS_file_setattr 469
#endif

#endif
