/*
 * The ARM EABI system-call table: every call stitch implements for this
 * guest, by the kernel's name (SYSCALL_NR(name) in syscall-nr.h is the
 * number, sys_##name the handler), and how the calls interrupted by a
 * signal restart.  The set is the i386 guest's, less the calls the EABI
 * table does not have (the one-pointer mmap, socketcall, waitpid, time,
 * alarm, getrlimit: glibc uses mmap2, the socket calls, wait4 ...), plus
 * ARM's own: send and recv, the private calls of arch/arm/kernel/traps.c
 * (arm_syscall) and the signal returns.  The handlers of those are in
 * linux-user/arm/.
 *
 * SYSCALLS(X): X(name, args, ret) once per implemented call; args and ret
 * as in linux-user/i386/syscall-list.h.  A 64-bit argument takes an
 * even/odd register pair (the ARM EABI procedure call standard), so
 * pread64's offset comes after a padding word, printed 'x'.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_SYSCALL_LIST_H
#define STITCH_SYSCALL_LIST_H

#define SYSCALLS(X)                                                     \
    /* syscall-mem.c */                                                 \
    X(brk, "x", 'x') X(mmap2, "xuxxDx", 'x')                            \
    X(munmap, "xu", 'd') X(mprotect, "xux", 'd')                        \
    X(mremap, "xuuxx", 'x') X(madvise, "xud", 'd')                      \
    /* syscall-file.c */                                                \
    X(read, "Dpu", 'd') X(write, "Dpu", 'd') X(readv, "Dpd", 'd')       \
    X(writev, "Dpd", 'd') X(pread64, "Dpuxdd", 'd')                     \
    X(pwrite64, "Dpuxdd", 'd') X(open, "sxo", 'd')                      \
    X(openat, "fsxo", 'd') X(close, "D", 'd') X(lseek, "Ddd", 'd')      \
    X(_llseek, "Duupd", 'd') X(dup, "D", 'd') X(dup2, "Dd", 'd')        \
    X(dup3, "Ddx", 'd') X(pipe, "p", 'd') X(pipe2, "px", 'd')           \
    X(fcntl, "Ddx", 'd') X(fcntl64, "Ddx", 'd') X(ioctl, "Dxx", 'd')    \
    X(fsync, "D", 'd') X(fdatasync, "D", 'd')                           \
    X(ftruncate64, "Dxdd", 'd') X(truncate64, "sxdd", 'd')              \
    X(poll, "pud", 'd') X(sendfile, "DDpu", 'd')                        \
    X(sendfile64, "DDpu", 'd')                                          \
    /* syscall-fs.c */                                                  \
    X(stat64, "sp", 'd') X(lstat64, "sp", 'd') X(fstat64, "Dp", 'd')    \
    X(fstatat64, "fspx", 'd') X(statx, "fsxxp", 'd')                    \
    /* syscall-old.c: EABI keeps the 32-bit stat and getdents */        \
    X(stat, "sp", 'd') X(lstat, "sp", 'd') X(fstat, "Dp", 'd')          \
    X(getdents, "Dpu", 'd')                                             \
    X(access, "so", 'd') X(faccessat, "fso", 'd')                       \
    X(faccessat2, "fsox", 'd') X(getdents64, "Dpu", 'd')                \
    X(getcwd, "pu", 'd') X(chdir, "s", 'd') X(fchdir, "D", 'd')         \
    X(umask, "o", 'o') X(unlink, "s", 'd') X(unlinkat, "fsx", 'd')      \
    X(mkdir, "so", 'd') X(mkdirat, "fso", 'd') X(rmdir, "s", 'd')       \
    X(rename, "ss", 'd') X(renameat, "fsfs", 'd')                       \
    X(renameat2, "fsfsx", 'd') X(chmod, "so", 'd') X(fchmod, "Do", 'd') \
    X(symlink, "ss", 'd') X(link, "ss", 'd')                            \
    X(readlink, "spu", 'd') X(readlinkat, "fspu", 'd')                  \
    X(chown32, "sdd", 'd') X(lchown32, "sdd", 'd') X(fchown32, "Ddd", 'd') \
    X(fchownat, "fsddx", 'd') X(chown, "sdd", 'd') X(lchown, "sdd", 'd') \
    X(fchown, "Ddd", 'd') X(utimensat, "fspx", 'd')                     \
    X(utimensat_time64, "fspx", 'd')                                    \
    X(statfs64, "sup", 'd') X(fstatfs64, "Dup", 'd')                    \
    /* syscall-proc.c */                                                \
    X(exit, "d", 'd') X(exit_group, "d", 'd') X(getpid, "", 'd')        \
    X(getppid, "", 'd') X(gettid, "", 'd') X(getuid32, "", 'd')         \
    X(geteuid32, "", 'd') X(getgid32, "", 'd') X(getegid32, "", 'd')    \
    X(getuid, "", 'd') X(geteuid, "", 'd') X(getgid, "", 'd')           \
    X(getegid, "", 'd') X(getpgrp, "", 'd')                             \
    X(set_tid_address, "p", 'd') X(set_robust_list, "pu", 'd')          \
    X(rseq, "pudx", 'd') X(uname, "p", 'd') X(getrandom, "pux", 'd')    \
    X(ugetrlimit, "dp", 'd')                                            \
    X(setrlimit, "dp", 'd') X(prlimit64, "ddpp", 'd')                   \
    X(kill, "dd", 'd') X(tkill, "dd", 'd') X(tgkill, "ddd", 'd')        \
    /* syscall-fork.c, execve.c */                                      \
    X(fork, "", 'd') X(vfork, "", 'd') X(clone, "xxppp", 'd')           \
    X(wait4, "dpxp", 'd') X(waitid, "ddpxp", 'd')                       \
    X(execve, "spp", 'd') X(execveat, "fsppx", 'd')                     \
    X(setsid, "", 'd') X(setpgid, "dd", 'd') X(getpgid, "d", 'd')       \
    X(getsid, "d", 'd') X(setuid32, "d", 'd') X(setgid32, "d", 'd')     \
    X(setreuid32, "dd", 'd') X(setregid32, "dd", 'd')                   \
    X(setresuid32, "ddd", 'd') X(setresgid32, "ddd", 'd')               \
    X(getresuid32, "ppp", 'd') X(getresgid32, "ppp", 'd')               \
    X(getgroups32, "dp", 'd') X(setgroups32, "dp", 'd')                 \
    X(prctl, "dxxxx", 'd')                                              \
    /* syscall-poll.c */                                                \
    X(_newselect, "dpppp", 'd') X(pselect6, "dppppp", 'd')              \
    X(pselect6_time64, "dppppp", 'd') X(ppoll, "puppu", 'd')            \
    X(ppoll_time64, "puppu", 'd') X(epoll_create, "d", 'd')             \
    X(epoll_create1, "x", 'd') X(epoll_ctl, "DdDp", 'd')                \
    X(epoll_wait, "Dpdd", 'd') X(epoll_pwait, "Dpddpu", 'd')            \
    X(epoll_pwait2, "Dpdppu", 'd')                                      \
    X(eventfd, "u", 'd') X(eventfd2, "ux", 'd')                         \
    X(futex, "pdxpxx", 'd') X(futex_time64, "pdxpxx", 'd')              \
    X(futex_waitv, "puxpd", 'd')                                        \
    /* syscall-net.c */                                                 \
    X(socket, "ddd", 'd')                                               \
    X(socketpair, "dddp", 'd') X(bind, "Dpu", 'd') X(connect, "Dpu", 'd') \
    X(listen, "Dd", 'd') X(accept4, "Dppx", 'd')                        \
    X(getsockname, "Dpp", 'd') X(getpeername, "Dpp", 'd')               \
    X(sendto, "Dpuxpu", 'd') X(recvfrom, "Dpuxpp", 'd')                 \
    X(shutdown, "Dd", 'd') X(setsockopt, "Dddpu", 'd')                  \
    X(getsockopt, "Dddpp", 'd') X(sendmsg, "Dpx", 'd')                  \
    X(recvmsg, "Dpx", 'd')                                              \
    /* linux-user/arm/syscall-eabi.c */                                 \
    X(send, "Dpux", 'd') X(recv, "Dpux", 'd')                           \
    X(sched_yield, "", 'd') X(sched_getaffinity, "dup", 'd')            \
    X(getrusage, "dp", 'd') X(times, "p", 'd') X(sysinfo, "p", 'd')     \
    /* syscall-time.c */                                                \
    X(clock_gettime, "dp", 'd') X(clock_gettime64, "dp", 'd')           \
    X(clock_getres, "dp", 'd') X(clock_getres_time64, "dp", 'd')        \
    X(gettimeofday, "pp", 'd')                                          \
    X(nanosleep, "pp", 'd') X(clock_nanosleep, "ddpp", 'd')             \
    X(clock_nanosleep_time64, "ddpp", 'd')                              \
    /* syscall-signal.c */                                              \
    X(rt_sigaction, "dppu", 'd') X(rt_sigprocmask, "dppu", 'd')         \
    X(sigaltstack, "pp", 'd') X(sigaction, "dpp", 'd')                  \
    X(sigprocmask, "dpp", 'd') X(rt_sigpending, "pu", 'd')              \
    X(sigpending, "p", 'd') X(rt_sigsuspend, "pu", 'd')                 \
    X(sigsuspend, "ddx", 'd') X(pause, "", 'd')                         \
    X(rt_sigtimedwait, "pppu", 'd') X(rt_sigtimedwait_time64, "pppu", 'd') \
    X(rt_sigqueueinfo, "ddp", 'd') X(rt_tgsigqueueinfo, "dddp", 'd')    \
    /* linux-user/arm/: sigframe.c, private.c */                        \
    X(sigreturn, "", 'd') X(rt_sigreturn, "", 'd')                      \
    X(breakpoint, "", 'd') X(cacheflush, "xxx", 'd') X(usr26, "", 'd')  \
    X(usr32, "", 'd') X(set_tls, "x", 'd') X(get_tls, "", 'x')          \
    X(arm_bad_syscall, "", 'd')                                         \
    /* syscall-time.c (timers) */                                       \
    X(setitimer, "dpp", 'd') X(getitimer, "dp", 'd')                    \
    /* syscall-timer.c */                                               \
    X(timer_create, "dpp", 'd') X(timer_settime, "ddpp", 'd')           \
    X(timer_settime64, "ddpp", 'd') X(timer_gettime, "dp", 'd')         \
    X(timer_gettime64, "dp", 'd') X(timer_getoverrun, "d", 'd')         \
    X(timer_delete, "d", 'd') X(timerfd_create, "dx", 'd')              \
    X(timerfd_settime, "Ddpp", 'd') X(timerfd_settime64, "Ddpp", 'd')   \
    X(timerfd_gettime, "Dp", 'd') X(timerfd_gettime64, "Dp", 'd')      \
    /* syscall-fs.c (more) */                                           \
    X(creat, "so", 'd') X(mknod, "sox", 'd') X(mknodat, "fsox", 'd')    \
    X(linkat, "fsfsx", 'd') X(symlinkat, "sfs", 'd')                    \
    X(fchmodat, "fso", 'd') X(chroot, "s", 'd') X(sync, "", 'd')        \
    X(syncfs, "D", 'd') X(utimes, "sp", 'd')                            \
    X(futimesat, "fsp", 'd') X(statfs, "sp", 'd') X(fstatfs, "Dp", 'd') \
    X(setxattr, "sspux", 'd') X(lsetxattr, "sspux", 'd')                \
    X(fsetxattr, "Dspux", 'd') X(getxattr, "sspu", 'd')                 \
    X(lgetxattr, "sspu", 'd') X(fgetxattr, "Dspu", 'd')                 \
    X(listxattr, "spu", 'd') X(llistxattr, "spu", 'd')                  \
    X(flistxattr, "Dpu", 'd') X(removexattr, "ss", 'd')                 \
    X(lremovexattr, "ss", 'd') X(fremovexattr, "Ds", 'd')               \
    /* syscall-file.c (more) */                                         \
    X(ftruncate, "Dd", 'd') X(truncate, "sd", 'd')                      \
    /* syscall-io.c: 64-bit pairs on even words (arg64) */              \
    X(preadv, "Dpduu", 'd') X(pwritev, "Dpduu", 'd')                    \
    X(preadv2, "Dpduux", 'd') X(pwritev2, "Dpduux", 'd')                \
    X(fallocate, "Dxuuuu", 'd') X(readahead, "Dxuuu", 'd')              \
    X(flock, "Dd", 'd') X(copy_file_range, "DpDpux", 'd')               \
    X(close_range, "ddx", 'd') X(memfd_create, "sx", 'd')               \
    X(inotify_init, "", 'd') X(inotify_init1, "x", 'd')                 \
    X(inotify_add_watch, "Dsx", 'd') X(inotify_rm_watch, "Dd", 'd')     \
    X(ioprio_get, "dd", 'd') X(ioprio_set, "ddd", 'd')                  \
    /* syscall-mem.c (more) */                                          \
    X(mlock, "xu", 'd') X(mlock2, "xux", 'd') X(munlock, "xu", 'd')     \
    X(mlockall, "x", 'd') X(munlockall, "", 'd') X(msync, "xux", 'd')   \
    X(mincore, "xup", 'd')                                              \
    /* syscall-proc.c (more) */                                         \
    X(setuid, "d", 'd') X(setgid, "d", 'd') X(setreuid, "dd", 'd')      \
    X(setregid, "dd", 'd') X(setresuid, "ddd", 'd')                     \
    X(setresgid, "ddd", 'd') X(getresuid, "ppp", 'd')                   \
    X(getresgid, "ppp", 'd') X(getgroups, "dp", 'd')                    \
    X(setgroups, "dp", 'd') X(setfsuid, "d", 'd') X(setfsgid, "d", 'd') \
    X(setfsuid32, "d", 'd') X(setfsgid32, "d", 'd')                     \
    X(getpriority, "dd", 'd') X(setpriority, "ddd", 'd')                \
    X(nice, "d", 'd') X(sched_get_priority_max, "d", 'd')               \
    X(sched_get_priority_min, "d", 'd') X(sched_getscheduler, "d", 'd') \
    X(sched_getparam, "dp", 'd') X(sched_setparam, "dp", 'd')           \
    X(sched_setscheduler, "ddp", 'd') X(sched_setaffinity, "dup", 'd')  \
    X(getcpu, "ppp", 'd') X(personality, "x", 'x')                      \
    X(sched_rr_get_interval, "dp", 'd')                                 \
    X(sched_rr_get_interval_time64, "dp", 'd') X(membarrier, "dxd", 'd') \
    X(pidfd_open, "dx", 'd') X(pidfd_send_signal, "Ddpx", 'd') X(capget, "pp", 'd') X(capset, "pp", 'd')  \
    X(unshare, "x", 'd') X(setns, "Dx", 'd')                            \
    /* syscall-keys.c */                                                \
    X(add_key, "sspud", 'd') X(request_key, "sssd", 'd')                \
    X(keyctl, "dxxxx", 'd')                                             \
    /* syscall-mem.c (NUMA), syscall-io.c (fanotify) */                 \
    X(mbind, "xuxpux", 'd') X(set_mempolicy, "dpu", 'd')                \
    X(get_mempolicy, "ppuxx", 'd') X(migrate_pages, "dupp", 'd')        \
    X(move_pages, "duppx", 'd') X(set_mempolicy_home_node, "xuux", 'd') \
    X(fanotify_init, "xx", 'd') X(fanotify_mark, "Dxxxfs", 'd')         \
    X(remap_file_pages, "xuxux", 'd') X(process_madvise, "Dpudx", 'd')  \
    X(process_mrelease, "Dx", 'd')                                      \
    /* linux-user/arm/syscall-eabi.c (more) */                          \
    X(accept, "Dpp", 'd') X(arm_fadvise64_64, "Dduuuu", 'd')            \
    X(arm_sync_file_range, "Dxuuuu", 'd') \
    /* syscall-io.c (pipes), syscall-net.c (batches), syscall-proc.c, syscall-file.c */ \
    X(splice, "DpDpux", 'd') X(tee, "DDux", 'd') X(vmsplice, "Dpux", 'd') \
    X(sendmmsg, "Dpux", 'd') X(recvmmsg, "Dpuxp", 'd')                  \
    X(recvmmsg_time64, "Dpuxp", 'd') X(sched_setattr, "dpx", 'd')       \
    X(sched_getattr, "dpux", 'd') X(openat2, "fspu", 'd')               \
    X(name_to_handle_at, "fsppx", 'd') X(open_by_handle_at, "Dpx", 'd') \
    /* syscall-ipc.c */                                                 \
    X(shmget, "xux", 'd') X(shmctl, "dxp", 'd') X(shmat, "dpx", 'x')     \
    X(shmdt, "p", 'd') X(semget, "xdx", 'd') X(semctl, "ddxx", 'd')      \
    X(semtimedop_time64, "dpup", 'd') X(msgget, "xx", 'd')               \
    X(msgsnd, "dpux", 'd') X(msgrcv, "dpudx", 'd') X(msgctl, "dxp", 'd') \
    X(semop, "dpu", 'd') X(semtimedop, "dpup", 'd') \
    /* syscall-ipc.c (POSIX message queues) */                          \
    X(mq_open, "sxop", 'd') X(mq_unlink, "s", 'd')                      \
    X(mq_timedsend, "Dpuup", 'd') X(mq_timedsend_time64, "Dpuup", 'd')  \
    X(mq_timedreceive, "Dpupp", 'd') X(mq_timedreceive_time64, "Dpupp", 'd') \
    X(mq_getsetattr, "Dpp", 'd') X(mq_notify, "Dp", 'd')                \
    /* Linux 6.5 to 6.17: syscall-fs.c (fchmodat2), syscall-thread.c    \
     * (futex2), syscall-fixed.c (the rest) */                          \
    X(fchmodat2, "fsox", 'd') X(futex_wake, "pxdx", 'd')                \
    X(futex_wait, "pxxxpd", 'd') X(futex_requeue, "pxdd", 'd')          \
    X(cachestat, "Dppx", 'd') X(statmount, "ppux", 'd')                 \
    X(listmount, "ppux", 'd') X(lsm_get_self_attr, "uppx", 'd')         \
    X(lsm_set_self_attr, "upux", 'd') X(lsm_list_modules, "ppx", 'd')   \
    X(setxattrat, "fsxspu", 'd') X(getxattrat, "fsxspu", 'd')           \
    X(listxattrat, "fsxpu", 'd') X(removexattrat, "fsxs", 'd')          \
    X(file_getattr, "fspux", 'd') X(file_setattr, "fspux", 'd')


/*
 * SYSCALLS_ENOSYS(X): X(name, reason) for every call of the EABI table
 * that stitch answers with -ENOSYS on purpose, as for i386
 * (scripts/syscalls-doc.c writes docs/syscalls-arm.md from the lists).
 */
#include "syscall-why.h"
#define SYSCALLS_ENOSYS(X) \
    X(restart_syscall, WHY_28) \
    X(mount, WHY_6) \
    X(ptrace, WHY_7) \
    X(acct, WHY_6) \
    X(umount2, WHY_6) \
    X(ustat, WHY_6) \
    X(sethostname, WHY_6) \
    X(settimeofday, WHY_6) \
    X(uselib, WHY_3) \
    X(swapon, WHY_6) \
    X(reboot, WHY_6) \
    X(syslog, WHY_6) \
    X(vhangup, WHY_6) \
    X(swapoff, WHY_6) \
    X(setdomainname, WHY_6) \
    X(adjtimex, WHY_6) \
    X(init_module, WHY_6) \
    X(delete_module, WHY_6) \
    X(quotactl, WHY_6) \
    X(bdflush, WHY_1) \
    X(sysfs, WHY_3) \
    X(_sysctl, WHY_1) \
    X(nfsservctl, WHY_0) \
    X(pivot_root, WHY_6) \
    X(io_setup, WHY_10) \
    X(io_destroy, WHY_10) \
    X(io_getevents, WHY_10) \
    X(io_submit, WHY_10) \
    X(io_cancel, WHY_10) \
    X(lookup_dcookie, WHY_1) \
    X(clock_settime, WHY_6) \
    X(pciconfig_iobase, WHY_29) \
    X(pciconfig_read, WHY_29) \
    X(pciconfig_write, WHY_29) \
    X(vserver, WHY_0) \
    X(get_robust_list, WHY_9) \
    X(kexec_load, WHY_6) \
    X(signalfd, WHY_17) \
    X(signalfd4, WHY_17) \
    X(perf_event_open, WHY_18) \
    X(clock_adjtime, WHY_6) \
    X(process_vm_readv, WHY_7) \
    X(process_vm_writev, WHY_7) \
    X(kcmp, WHY_7) \
    X(finit_module, WHY_6) \
    X(seccomp, WHY_22) \
    X(bpf, WHY_22) \
    X(userfaultfd, WHY_24) \
    X(pkey_mprotect, WHY_25) \
    X(pkey_alloc, WHY_25) \
    X(pkey_free, WHY_25) \
    X(io_pgetevents, WHY_10) \
    X(kexec_file_load, WHY_6) \
    X(clock_settime64, WHY_6) \
    X(clock_adjtime64, WHY_6) \
    X(io_pgetevents_time64, WHY_10) \
    X(io_uring_setup, WHY_10) \
    X(io_uring_enter, WHY_10) \
    X(io_uring_register, WHY_10) \
    X(open_tree, WHY_6) \
    X(move_mount, WHY_6) \
    X(fsopen, WHY_6) \
    X(fsconfig, WHY_6) \
    X(fsmount, WHY_6) \
    X(fspick, WHY_6) \
    X(clone3, WHY_9) \
    X(pidfd_getfd, WHY_7) \
    X(mount_setattr, WHY_6) \
    X(quotactl_fd, WHY_6) \
    X(landlock_create_ruleset, WHY_22) \
    X(landlock_add_rule, WHY_22) \
    X(landlock_restrict_self, WHY_22) \
    X(map_shadow_stack, WHY_31) \
    X(mseal, WHY_32) \
    X(open_tree_attr, WHY_6)

/*
 * The table is indexed by number.  The EABI numbers end at 450 today; the
 * ARM private calls, 0x0f0000 + n (n < 0x800), get ARM_NR_PRIVATE + n
 * (syscall_get_nr_args maps them), and every number the kernel answers
 * with SIGILL gets TARGET_NR_arm_bad_syscall, the slot after them.
 */
#define ARM_NR_PRIVATE 512
#define ARM_NR_PRIVATE_COUNT 0x800
#define TARGET_NR_arm_bad_syscall (ARM_NR_PRIVATE + ARM_NR_PRIVATE_COUNT)
#define NR_SYSCALLS (TARGET_NR_arm_bad_syscall + 1)

/* For docs/syscalls-arm.md (scripts/syscalls-doc.c): the number r7 holds
 * for each slot; arm_bad_syscall stands for every number arm_syscall
 * refuses. */
#define SYSCALL_DOC_NR(slot)                                            \
    ((slot) == TARGET_NR_arm_bad_syscall ? -1L                          \
     : (slot) >= ARM_NR_PRIVATE ? (long)ARM_NR_BASE + (slot) - ARM_NR_PRIVATE \
                                : (long)(slot))
#define SYSCALL_DOC_TESTS                                               \
    "`tests/arm-linux/` and the portable `tests/guest/` programs built for ARM, " \
    "whose oracle is their native i386 run"

/*
 * What happens to a call that a host signal interrupted (syscall.c,
 * restart_kind), as for i386: sigreturn restores r0 and never restarts;
 * the calls that wait for signals, poll/select and sleeps restart only
 * when no handler runs (-ERESTARTNOHAND, -ERESTART_RESTARTBLOCK).
 */
#define SYSCALLS_RESTART_NEVER(X) X(sigreturn) X(rt_sigreturn)
#define SYSCALLS_RESTART_NOHAND(X)                                      \
    X(pause) X(sigsuspend) X(rt_sigsuspend)                             \
    X(rt_sigtimedwait) X(rt_sigtimedwait_time64)                        \
    X(poll) X(ppoll) X(ppoll_time64)                                    \
    X(_newselect) X(pselect6) X(pselect6_time64)                        \
    X(epoll_wait) X(epoll_pwait) X(epoll_pwait2)                        \
    X(nanosleep) X(clock_nanosleep) X(clock_nanosleep_time64)

#endif
