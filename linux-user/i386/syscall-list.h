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
 *         p pointer, s guest string, o octal, f directory fd (AT_FDCWD).
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
    X(brk, "x", 'x') X(mmap, "p", 'x') X(mmap2, "xuxxdx", 'x')          \
    X(munmap, "xu", 'd') X(mprotect, "xux", 'd')                        \
    X(mremap, "xuuxx", 'x') X(madvise, "xud", 'd')                      \
    /* syscall-file.c */                                                \
    X(read, "dpu", 'd') X(write, "dpu", 'd') X(readv, "dpd", 'd')       \
    X(writev, "dpd", 'd') X(pread64, "dpudd", 'd')                      \
    X(pwrite64, "dpudd", 'd') X(open, "sxo", 'd')                       \
    X(openat, "fsxo", 'd') X(close, "d", 'd') X(lseek, "ddd", 'd')      \
    X(_llseek, "duupd", 'd') X(dup, "d", 'd') X(dup2, "dd", 'd')        \
    X(dup3, "ddx", 'd') X(pipe, "p", 'd') X(pipe2, "px", 'd')           \
    X(fcntl, "ddx", 'd') X(fcntl64, "ddx", 'd') X(ioctl, "dxx", 'd')    \
    X(fsync, "d", 'd') X(fdatasync, "d", 'd')                          \
    X(ftruncate64, "ddd", 'd') X(truncate64, "sdd", 'd')                \
    X(poll, "pud", 'd') X(sendfile, "ddpu", 'd')                        \
    X(sendfile64, "ddpu", 'd')                                          \
    /* syscall-fs.c */                                                  \
    X(stat64, "sp", 'd') X(lstat64, "sp", 'd') X(fstat64, "dp", 'd')    \
    X(fstatat64, "fspx", 'd') X(statx, "fsxxp", 'd')                    \
    X(access, "so", 'd') X(faccessat, "fso", 'd')                       \
    X(faccessat2, "fsox", 'd') X(getdents64, "dpu", 'd')                \
    X(getcwd, "pu", 'd') X(chdir, "s", 'd') X(fchdir, "d", 'd')         \
    X(umask, "o", 'o') X(unlink, "s", 'd') X(unlinkat, "fsx", 'd')      \
    X(mkdir, "so", 'd') X(mkdirat, "fso", 'd') X(rmdir, "s", 'd')       \
    X(rename, "ss", 'd') X(renameat, "fsfs", 'd')                       \
    X(renameat2, "fsfsx", 'd') X(chmod, "so", 'd') X(fchmod, "do", 'd') \
    X(symlink, "ss", 'd') X(link, "ss", 'd')                            \
    X(readlink, "spu", 'd') X(readlinkat, "fspu", 'd')                  \
    X(chown32, "sdd", 'd') X(lchown32, "sdd", 'd') X(fchown32, "ddd", 'd') \
    X(fchownat, "fsddx", 'd') X(chown, "sdd", 'd') X(lchown, "sdd", 'd') \
    X(fchown, "ddd", 'd') X(utimensat, "fspx", 'd')                     \
    X(utimensat_time64, "fspx", 'd')                                    \
    X(statfs64, "sup", 'd') X(fstatfs64, "dup", 'd')                    \
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
    X(execve, "spp", 'd')                                               \
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
    X(epoll_create1, "x", 'd') X(epoll_ctl, "dddp", 'd')                \
    X(epoll_wait, "dpdd", 'd') X(epoll_pwait, "dpddpu", 'd')             \
    X(eventfd, "u", 'd') X(eventfd2, "ux", 'd')                         \
    X(futex, "pdxpxx", 'd') X(futex_time64, "pdxpxx", 'd')              \
    /* syscall-net.c */                                                 \
    X(socketcall, "dp", 'd') X(socket, "ddd", 'd')                      \
    X(socketpair, "dddp", 'd') X(bind, "dpu", 'd') X(connect, "dpu", 'd') \
    X(listen, "dd", 'd') X(accept4, "dppx", 'd')                        \
    X(getsockname, "dpp", 'd') X(getpeername, "dpp", 'd')               \
    X(sendto, "dpuxpu", 'd') X(recvfrom, "dpuxpp", 'd')                 \
    X(shutdown, "dd", 'd') X(setsockopt, "dddpu", 'd')                  \
    X(getsockopt, "dddpp", 'd') X(sendmsg, "dpx", 'd')                  \
    X(recvmsg, "dpx", 'd')                                              \
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
    /* linux-user/i386/: sigframe.c, tls.c, ldt.c */                    \
    X(sigreturn, "", 'd') X(rt_sigreturn, "", 'd')                      \
    X(set_thread_area, "p", 'd') X(get_thread_area, "p", 'd')           \
    X(modify_ldt, "dpu", 'd')                                           \
    /* syscall-time.c (timers) */                                       \
    X(alarm, "u", 'd') X(setitimer, "dpp", 'd') X(getitimer, "dp", 'd')  \
    /* syscall-timer.c */                                               \
    X(timer_create, "dpp", 'd') X(timer_settime, "ddpp", 'd')           \
    X(timer_settime64, "ddpp", 'd') X(timer_gettime, "dp", 'd')         \
    X(timer_gettime64, "dp", 'd') X(timer_getoverrun, "d", 'd')         \
    X(timer_delete, "d", 'd') X(timerfd_create, "dx", 'd')              \
    X(timerfd_settime, "ddpp", 'd') X(timerfd_settime64, "ddpp", 'd')   \
    X(timerfd_gettime, "dp", 'd') X(timerfd_gettime64, "dp", 'd')

/* Bigger than the highest number <asm/unistd_32.h> knows (450 today). */
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
