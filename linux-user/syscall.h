/*
 * The i386 system-call layer: the table of implemented calls, the guest
 * (i386 kernel ABI) structures they convert, and the helpers every handler
 * uses to reach guest memory safely.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_SYSCALL_H
#define STITCH_SYSCALL_H

#include <errno.h>
#include <stdint.h>
#include <sys/resource.h>

#include "cpu.h"
#include "user.h"

/*
 * Only the table files (syscall.c, strace.c) include <asm/unistd_32.h>:
 * it defines the __NR_* names with their i386 numbers, and <sys/syscall.h>
 * derives the host's SYS_* from the same names, so a handler file that saw
 * both would make host calls with guest numbers.
 *
 * Every implemented system call, once: X(name, args, ret).
 *   name  the kernel's name; __NR_##name from <asm/unistd_32.h> is the
 *         number, sys_##name the handler.
 *   args  how -strace prints each argument: d signed, u unsigned, x hex,
 *         p pointer, s guest string, o octal, f directory fd (AT_FDCWD).
 *   ret   how -strace prints a successful result: d decimal, x hex.
 * Handlers that serve two numbers (stat64/lstat64 ...) simply share code.
 */
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
    X(set_thread_area, "p", 'd') X(get_thread_area, "p", 'd')           \
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
    /* sigframe.c */                                                    \
    X(sigreturn, "", 'd') X(rt_sigreturn, "", 'd')                      \
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

/* A handler gets the six argument registers (EBX, ECX, EDX, ESI, EDI,
 * EBP) and returns what goes to EAX: a result or -errno. */
typedef int32_t abi_long;
#define SYSCALL_DECL(name, args, ret) abi_long sys_##name(CPUState *env, const uint32_t *a);
SYSCALLS(SYSCALL_DECL)
#undef SYSCALL_DECL

/* A host call's result as the guest sees it: -errno on failure.  Host and
 * guest errno numbers are the same on i386 and x86_64 (asm-generic). */
static inline abi_long get_errno(long ret)
{
    return ret == -1 ? -errno : (abi_long)ret;
}

/* ---- Reaching guest memory ------------------------------------------- */

/* The host address of guest [addr, addr+len) if it may be accessed with
 * `prot`, else NULL.  A handler turns NULL into -EFAULT. */
static inline void *guest_ptr(uint32_t addr, uint64_t len, int prot)
{
    return guest_range_ok(addr, len, prot) && (len || addr) ? g2h(addr) : NULL;
}

#define GUEST_R(addr, len) guest_ptr((addr), (len), PAGE_READ)
#define GUEST_W(addr, len) guest_ptr((addr), (len), PAGE_WRITE)

/* A guest path, redirected under -L when that names something. */
const char *guest_path(uint32_t addr, char *buf, size_t size);
#define GET_PATH(var, addr)                                          \
    char var##_buf[PATH_MAX];                                        \
    const char *var = guest_path((addr), var##_buf, sizeof(var##_buf)); \
    if (!var)                                                        \
        return -EFAULT

/* Directory-fd arguments are ints in a 32-bit register (AT_FDCWD is -100). */
static inline int guest_fd(uint32_t v)
{
    return (int32_t)v;
}

/* ---- Guest structures (i386 kernel ABI), checked against their size --- */

typedef struct {
    int32_t tv_sec, tv_nsec;
} TargetTimespec;
_Static_assert(sizeof(TargetTimespec) == 8, "i386 struct timespec (old_timespec32)");

typedef struct {
    int32_t tv_sec, tv_usec;
} TargetTimeval;
_Static_assert(sizeof(TargetTimeval) == 8, "i386 struct timeval (old_timeval32)");

typedef struct {
    uint32_t iov_base, iov_len;
} TargetIovec;
_Static_assert(sizeof(TargetIovec) == 8, "i386 struct iovec");

typedef struct {
    uint32_t rlim_cur, rlim_max;
} TargetRlimit;
_Static_assert(sizeof(TargetRlimit) == 8, "i386 struct rlimit");

/* arch/x86/include/uapi/asm/stat.h, the i386 struct stat64: 64-bit fields
 * are only 4-byte aligned on i386, hence packed. */
typedef struct {
    uint64_t st_dev;
    uint8_t pad0[4];
    uint32_t st_ino_lo;
    uint32_t st_mode;
    uint32_t st_nlink;
    uint32_t st_uid;
    uint32_t st_gid;
    uint64_t st_rdev;
    uint8_t pad3[4];
    int64_t st_size;
    uint32_t st_blksize;
    uint64_t st_blocks;
    uint32_t st_atime_, st_atime_nsec;
    uint32_t st_mtime_, st_mtime_nsec;
    uint32_t st_ctime_, st_ctime_nsec;
    uint64_t st_ino;
} __attribute__((packed)) TargetStat64;
_Static_assert(sizeof(TargetStat64) == 96, "i386 struct stat64");

/* arch/x86/include/uapi/asm/ldt.h: struct user_desc. */
typedef struct {
    uint32_t entry_number;
    uint32_t base_addr;
    uint32_t limit;
    uint32_t flags; /* seg_32bit:1 contents:2 read_exec_only:1
                       limit_in_pages:1 seg_not_present:1 useable:1 */
} TargetUserDesc;
_Static_assert(sizeof(TargetUserDesc) == 16, "i386 struct user_desc");

/* include/uapi/asm-generic/termbits.h as x86 uses it (NCCS 19): the same
 * 36 bytes on i386 and x86_64, converted field by field all the same. */
#define TARGET_NCCS 19
typedef struct {
    uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t c_line;
    uint8_t c_cc[TARGET_NCCS];
} TargetTermios;
_Static_assert(sizeof(TargetTermios) == 36, "i386 kernel struct termios");

/* struct flock for i386's F_GETLK / F_SETLK / F_SETLKW (32-bit off_t). */
typedef struct {
    int16_t l_type, l_whence;
    int32_t l_start, l_len;
    int32_t l_pid;
} TargetFlock;
_Static_assert(sizeof(TargetFlock) == 16, "i386 struct flock");

/* struct flock64 for i386's F_GETLK64 / F_SETLK64 / F_SETLKW64. */
typedef struct {
    int16_t l_type, l_whence;
    int64_t l_start, l_len;
    int32_t l_pid;
} __attribute__((packed)) TargetFlock64;
_Static_assert(sizeof(TargetFlock64) == 24, "i386 struct flock64");

typedef struct {
    TargetTimeval ru_utime, ru_stime;
    int32_t rest[14]; /* ru_maxrss ... ru_nivcsw, all longs */
} TargetRusage;
_Static_assert(sizeof(TargetRusage) == 72, "i386 struct rusage");

typedef struct {
    int32_t tms_utime, tms_stime, tms_cutime, tms_cstime;
} TargetTms;
_Static_assert(sizeof(TargetTms) == 16, "i386 struct tms");

/* include/uapi/linux/sysinfo.h with 32-bit longs. */
typedef struct {
    int32_t uptime;
    uint32_t loads[3];
    uint32_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
    uint16_t procs, pad;
    uint32_t totalhigh, freehigh;
    uint32_t mem_unit;
    uint8_t f[8];
} TargetSysinfo;
_Static_assert(sizeof(TargetSysinfo) == 64, "i386 struct sysinfo");

/* The i386 stack_t of sigaltstack. */
typedef struct {
    uint32_t ss_sp;
    int32_t ss_flags;
    uint32_t ss_size;
} TargetStack;
_Static_assert(sizeof(TargetStack) == 12, "i386 stack_t");

_Static_assert(sizeof(GuestSigaction) == 20, "i386 kernel struct sigaction");

/* ---- Cross-file helpers ---------------------------------------------- */

/* Directory offsets narrowed to 32 bits by getdents64 (syscall-fs.c). */
int dir_offsets_narrowed(int fd);
void dir_offsets_forget(int fd);

void rusage_to_guest(TargetRusage *g, const struct rusage *ru);

/* -strace: the line for one call (strace.c). */
void strace_call(int nr, const uint32_t *a);
void strace_result(int nr, abi_long ret);
/* End a call line that will get no result (the process is ending). */
void strace_unfinished(void);
const char *syscall_name(int nr);

/* The guest sends itself a signal (signal.c): queued for delivery on the
 * way out of the call, or, when its default action kills, death now. */
abi_long guest_self_signal(CPUState *env, int sig, int si_code);
abi_long guest_self_queue(CPUState *env, int sig, const TargetSiginfo *info);

#endif
