/*
 * The i386 system-call table: every call stitch implements for this guest,
 * by the kernel's name (SYSCALL_NR(name) in syscall-nr.h is the number,
 * sys_##name the handler), and how the calls interrupted by a signal
 * restart.  The handlers live in the shared linux-user/syscall-*.c, except
 * for the i386-only ones marked linux-user/i386/.  The file comments name
 * where each group is.
 *
 * SYSCALLS(X): X(name, args, ret) once per implemented call.
 *   args  how -strace prints each argument: d signed, u unsigned, x hex,
 *         p pointer, s guest string, o octal, f directory fd (AT_FDCWD),
 *         D descriptor (printed as d; one of stitch's own is hidden from
 *         the handler, as f's are: syscall.c own_fds_hidden).
 *   ret   how -strace prints a successful result: d decimal, x hex.
 * Handlers that serve two numbers (stat64/lstat64 ...) simply share code.
 * The i386 list has the old calls too: mmap (the one-pointer old_mmap),
 * _newselect, sigaction/sigsuspend/sigreturn, ugetrlimit and getrlimit,
 * the 16-bit-uid calls next to the *32 ones, socketcall next to the direct
 * socket calls.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_SYSCALL_LIST_H
#define STITCH_SYSCALL_LIST_H

#define SYSCALLS(X)                                                     \
    /* syscall-mem.c */                                                 \
    X(brk, "x", 'x') X(mmap, "p", 'x') X(mmap2, "xuxxDx", 'x')          \
    X(munmap, "xu", 'd') X(mprotect, "xux", 'd')                        \
    X(mremap, "xuuxx", 'x') X(madvise, "xud", 'd')                      \
    /* syscall-file.c */                                                \
    X(read, "Dpu", 'd') X(write, "Dpu", 'd') X(readv, "Dpd", 'd')       \
    X(writev, "Dpd", 'd') X(pread64, "Dpudd", 'd')                      \
    X(pwrite64, "Dpudd", 'd') X(open, "sxo", 'd')                       \
    X(openat, "fsxo", 'd') X(close, "D", 'd') X(lseek, "Ddd", 'd')      \
    X(_llseek, "Duupd", 'd') X(dup, "D", 'd') X(dup2, "Dd", 'd')        \
    X(dup3, "Ddx", 'd') X(pipe, "p", 'd') X(pipe2, "px", 'd')           \
    X(fcntl, "Ddx", 'd') X(fcntl64, "Ddx", 'd') X(ioctl, "Dxx", 'd')    \
    X(fsync, "D", 'd') X(fdatasync, "D", 'd')                          \
    X(ftruncate64, "Ddd", 'd') X(truncate64, "sdd", 'd')                \
    X(ftruncate, "Dd", 'd') X(truncate, "sd", 'd')                      \
    X(poll, "pud", 'd') X(sendfile, "DDpu", 'd')                        \
    X(sendfile64, "DDpu", 'd')                                          \
    /* syscall-fs.c */                                                  \
    X(stat64, "sp", 'd') X(lstat64, "sp", 'd') X(fstat64, "Dp", 'd')    \
    X(fstatat64, "fspx", 'd') X(statx, "fsxxp", 'd')                    \
    /* syscall-old.c */                                                 \
    X(stat, "sp", 'd') X(lstat, "sp", 'd') X(fstat, "Dp", 'd')          \
    X(oldstat, "sp", 'd') X(oldlstat, "sp", 'd') X(oldfstat, "Dp", 'd') \
    X(olduname, "p", 'd') X(oldolduname, "p", 'd')                      \
    X(readdir, "Dpu", 'd') X(getdents, "Dpu", 'd')                      \
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
    X(ugetrlimit, "dp", 'd') X(getrlimit, "dp", 'd')                    \
    X(setrlimit, "dp", 'd') X(prlimit64, "ddpp", 'd')                   \
    X(kill, "dd", 'd') X(tkill, "dd", 'd') X(tgkill, "ddd", 'd')        \
    /* syscall-fork.c, execve.c */                                      \
    X(fork, "", 'd') X(vfork, "", 'd') X(clone, "xxppp", 'd')           \
    X(wait4, "dpxp", 'd') X(waitpid, "dpx", 'd') X(waitid, "ddpxp", 'd') \
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
    X(pselect6_time64, "dppppp", 'd') X(ppoll, "puppu", 'd')             \
    X(ppoll_time64, "puppu", 'd') X(epoll_create, "d", 'd')              \
    X(epoll_create1, "x", 'd') X(epoll_ctl, "DdDp", 'd')                \
    X(epoll_wait, "Dpdd", 'd') X(epoll_pwait, "Dpddpu", 'd')            \
    X(epoll_pwait2, "Dpdppu", 'd')                                      \
    X(eventfd, "u", 'd') X(eventfd2, "ux", 'd')                         \
    X(futex, "pdxpxx", 'd') X(futex_time64, "pdxpxx", 'd')              \
    X(futex_waitv, "puxpd", 'd')                                        \
    /* syscall-net.c */                                                 \
    X(socketcall, "dp", 'd') X(socket, "ddd", 'd')                      \
    X(socketpair, "dddp", 'd') X(bind, "Dpu", 'd') X(connect, "Dpu", 'd') \
    X(listen, "Dd", 'd') X(accept4, "Dppx", 'd')                        \
    X(getsockname, "Dpp", 'd') X(getpeername, "Dpp", 'd')               \
    X(sendto, "Dpuxpu", 'd') X(recvfrom, "Dpuxpp", 'd')                 \
    X(shutdown, "Dd", 'd') X(setsockopt, "Dddpu", 'd')                  \
    X(getsockopt, "Dddpp", 'd') X(sendmsg, "Dpx", 'd')                  \
    X(recvmsg, "Dpx", 'd')                                              \
    X(sched_yield, "", 'd') X(sched_getaffinity, "dup", 'd')            \
    X(getrusage, "dp", 'd') X(times, "p", 'd') X(sysinfo, "p", 'd')     \
    /* syscall-time.c */                                                \
    X(clock_gettime, "dp", 'd') X(clock_gettime64, "dp", 'd')           \
    X(clock_getres, "dp", 'd') X(clock_getres_time64, "dp", 'd')        \
    X(gettimeofday, "pp", 'd') X(time, "p", 'd')                        \
    X(nanosleep, "pp", 'd') X(clock_nanosleep, "ddpp", 'd')          \
    X(clock_nanosleep_time64, "ddpp", 'd')      \
    /* syscall-signal.c */                                              \
    X(rt_sigaction, "dppu", 'd') X(rt_sigprocmask, "dppu", 'd')         \
    X(sigaltstack, "pp", 'd') X(sigaction, "dpp", 'd')                  \
    X(sigprocmask, "dpp", 'd') X(rt_sigpending, "pu", 'd')              \
    X(sigpending, "p", 'd') X(rt_sigsuspend, "pu", 'd')                 \
    X(sigsuspend, "ddx", 'd') X(pause, "", 'd')                         \
    X(rt_sigtimedwait, "pppu", 'd') X(rt_sigtimedwait_time64, "pppu", 'd') \
    X(rt_sigqueueinfo, "ddp", 'd') X(rt_tgsigqueueinfo, "dddp", 'd')   \
    X(signal, "dx", 'x') X(sgetmask, "", 'x') X(ssetmask, "x", 'x')     \
    /* linux-user/i386/: sigframe.c, tls.c, ldt.c */                    \
    X(sigreturn, "", 'd') X(rt_sigreturn, "", 'd')                      \
    X(set_thread_area, "p", 'd') X(get_thread_area, "p", 'd')           \
    X(modify_ldt, "dpu", 'd')                                           \
    /* linux-user/i386/arch-prctl.c */                                  \
    X(arch_prctl, "xx", 'd')                                            \
    /* syscall-time.c (timers) */                                       \
    X(alarm, "u", 'd') X(setitimer, "dpp", 'd') X(getitimer, "dp", 'd')  \
    /* syscall-timer.c */                                               \
    X(timer_create, "dpp", 'd') X(timer_settime, "ddpp", 'd')           \
    X(timer_settime64, "ddpp", 'd') X(timer_gettime, "dp", 'd')         \
    X(timer_gettime64, "dp", 'd') X(timer_getoverrun, "d", 'd')         \
    X(timer_delete, "d", 'd') X(timerfd_create, "dx", 'd')              \
    X(timerfd_settime, "Ddpp", 'd') X(timerfd_settime64, "Ddpp", 'd')   \
    X(timerfd_gettime, "Dp", 'd') X(timerfd_gettime64, "Dp", 'd')          \
    /* syscall-fs.c (more) */                                           \
    X(creat, "so", 'd') X(mknod, "sox", 'd') X(mknodat, "fsox", 'd')    \
    X(linkat, "fsfsx", 'd') X(symlinkat, "sfs", 'd')                    \
    X(fchmodat, "fso", 'd') X(chroot, "s", 'd') X(sync, "", 'd')        \
    X(syncfs, "D", 'd') X(utime, "sp", 'd') X(utimes, "sp", 'd')        \
    X(futimesat, "fsp", 'd') X(statfs, "sp", 'd') X(fstatfs, "Dp", 'd') \
    X(setxattr, "sspux", 'd') X(lsetxattr, "sspux", 'd')                \
    X(fsetxattr, "Dspux", 'd') X(getxattr, "sspu", 'd')                 \
    X(lgetxattr, "sspu", 'd') X(fgetxattr, "Dspu", 'd')                 \
    X(listxattr, "spu", 'd') X(llistxattr, "spu", 'd')                  \
    X(flistxattr, "Dpu", 'd') X(removexattr, "ss", 'd')                 \
    X(lremovexattr, "ss", 'd') X(fremovexattr, "Ds", 'd')               \
    /* syscall-io.c */                                                  \
    X(preadv, "Dpduu", 'd') X(pwritev, "Dpduu", 'd')                    \
    X(preadv2, "Dpduux", 'd') X(pwritev2, "Dpduux", 'd')                \
    X(fallocate, "Dxuuuu", 'd') X(fadvise64, "Duuud", 'd')              \
    X(fadvise64_64, "Duuuud", 'd') X(readahead, "Duuu", 'd')            \
    X(sync_file_range, "Duuuux", 'd') X(flock, "Dd", 'd')               \
    X(copy_file_range, "DpDpux", 'd') X(close_range, "ddx", 'd')        \
    X(memfd_create, "sx", 'd')                                          \
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
    /* syscall-io.c (more), syscall-poll.c (old select) */              \
    X(inotify_init, "", 'd') X(inotify_init1, "x", 'd')                 \
    X(inotify_add_watch, "Dsx", 'd') X(inotify_rm_watch, "Dd", 'd')     \
    X(ioprio_get, "dd", 'd') X(ioprio_set, "ddd", 'd') X(select, "p", 'd') \
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
    X(ipc, "dxxxpx", 'd') \
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
 * SYSCALLS_ENOSYS(X): X(name, reason) for every call of the guest's kernel
 * table (syscall-names.h) that stitch answers with -ENOSYS on purpose,
 * and why.  Each name of SYSCALL_NAMES is in exactly one of SYSCALLS and
 * SYSCALLS_ENOSYS; scripts/syscalls-doc.c checks it and writes
 * docs/syscalls.md from the three lists (make syscalls-doc).
 */
#include "syscall-why.h"
#define SYSCALLS_ENOSYS(X)                                             \
    X(break, WHY_0) \
    X(stty, WHY_0) \
    X(gtty, WHY_0) \
    X(ftime, WHY_0) \
    X(prof, WHY_0) \
    X(lock, WHY_0) \
    X(mpx, WHY_0) \
    X(ulimit, WHY_0) \
    X(profil, WHY_0) \
    X(idle, WHY_0) \
    X(afs_syscall, WHY_0) \
    X(getpmsg, WHY_0) \
    X(putpmsg, WHY_0) \
    X(vserver, WHY_0) \
    X(create_module, WHY_0) \
    X(get_kernel_syms, WHY_0) \
    X(query_module, WHY_0) \
    X(nfsservctl, WHY_0) \
    X(_sysctl, WHY_1) \
    X(bdflush, WHY_1) \
    X(lookup_dcookie, WHY_1) \
    X(vm86old, WHY_2) \
    X(vm86, WHY_2) \
    X(uselib, WHY_3) \
    X(sysfs, WHY_3) \
    X(mount, WHY_6) \
    X(umount, WHY_6) \
    X(umount2, WHY_6) \
    X(swapon, WHY_6) \
    X(swapoff, WHY_6) \
    X(reboot, WHY_6) \
    X(sethostname, WHY_6) \
    X(setdomainname, WHY_6) \
    X(settimeofday, WHY_6) \
    X(stime, WHY_6) \
    X(clock_settime, WHY_6) \
    X(clock_settime64, WHY_6) \
    X(adjtimex, WHY_6) \
    X(clock_adjtime, WHY_6) \
    X(clock_adjtime64, WHY_6) \
    X(init_module, WHY_6) \
    X(finit_module, WHY_6) \
    X(delete_module, WHY_6) \
    X(kexec_load, WHY_6) \
    X(acct, WHY_6) \
    X(pivot_root, WHY_6) \
    X(quotactl, WHY_6) \
    X(quotactl_fd, WHY_6) \
    X(syslog, WHY_6) \
    X(ioperm, WHY_6) \
    X(iopl, WHY_6) \
    X(vhangup, WHY_6) \
    X(ustat, WHY_6) \
    X(open_tree, WHY_6) \
    X(move_mount, WHY_6) \
    X(fsopen, WHY_6) \
    X(fsconfig, WHY_6) \
    X(fsmount, WHY_6) \
    X(fspick, WHY_6) \
    X(mount_setattr, WHY_6) \
    X(ptrace, WHY_7) \
    X(process_vm_readv, WHY_7) \
    X(process_vm_writev, WHY_7) \
    X(kcmp, WHY_7) \
    X(pidfd_getfd, WHY_7) \
    X(clone3, WHY_9) \
    X(get_robust_list, WHY_9) \
    X(io_setup, WHY_10) \
    X(io_destroy, WHY_10) \
    X(io_getevents, WHY_10) \
    X(io_submit, WHY_10) \
    X(io_cancel, WHY_10) \
    X(io_pgetevents, WHY_10) \
    X(io_pgetevents_time64, WHY_10) \
    X(io_uring_setup, WHY_10) \
    X(io_uring_enter, WHY_10) \
    X(io_uring_register, WHY_10) \
    X(signalfd, WHY_17) \
    X(signalfd4, WHY_17) \
    X(perf_event_open, WHY_18) \
    X(seccomp, WHY_22) \
    X(bpf, WHY_22) \
    X(landlock_create_ruleset, WHY_22) \
    X(landlock_add_rule, WHY_22) \
    X(landlock_restrict_self, WHY_22) \
    X(userfaultfd, WHY_24) \
    X(pkey_mprotect, WHY_25) \
    X(pkey_alloc, WHY_25) \
    X(pkey_free, WHY_25) \
    X(memfd_secret, WHY_25) \
    X(restart_syscall, WHY_28) \
    X(map_shadow_stack, WHY_30) \
    X(mseal, WHY_32) \
    X(open_tree_attr, WHY_6)

/* Bigger than the highest number syscall-nr.h knows (469 today). */
#define NR_SYSCALLS 512

/*
 * What happens to a call that a host signal interrupted (syscall.c,
 * restart_kind): by default the kernel's -ERESTARTSYS, restarted when the
 * handler has SA_RESTART or none runs.  SYSCALLS_RESTART_NEVER: sigreturn
 * restores EAX and never restarts.  SYSCALLS_RESTART_NOHAND: the calls
 * that wait for signals, poll/select and sleeps (-ERESTARTNOHAND, and the
 * -ERESTART_RESTARTBLOCK sleeps), restarted only when no handler runs.
 * Names the table does not implement may appear (they never return EINTR).
 */
#define SYSCALLS_RESTART_NEVER(X) X(sigreturn) X(rt_sigreturn)
#define SYSCALLS_RESTART_NOHAND(X)                                      \
    X(pause) X(sigsuspend) X(rt_sigsuspend)                             \
    X(rt_sigtimedwait) X(rt_sigtimedwait_time64)                        \
    X(poll) X(ppoll) X(ppoll_time64)                                    \
    X(_newselect) X(select) X(pselect6) X(pselect6_time64)              \
    X(epoll_wait) X(epoll_pwait) X(epoll_pwait2)                        \
    X(nanosleep) X(clock_nanosleep) X(clock_nanosleep_time64)

#endif
