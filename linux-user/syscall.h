/*
 * The system-call layer: the handlers of the guest's table, the guest
 * kernel ABI structures they convert, and the helpers every handler uses
 * to reach guest memory safely.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_SYSCALL_H
#define STITCH_SYSCALL_H

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "cpu.h"
#include "log.h"
#include "tsan.h"
#include "user.h"

/*
 * The guest's table (linux-user/<guest>/syscall-list.h): SYSCALLS(X) lists
 * every implemented call once as X(name, args, ret), with how -strace
 * prints it; sys_##name is the handler, SYSCALL_NR(name) the number.  The
 * numbers come from the guest's syscall-nr.h, which only the table files
 * (syscall.c, strace.c) include: when the guest's numbers are spelt with
 * the same names as the host's (the guest's syscall-nr.h says), a handler
 * file that saw both would make host calls with guest numbers.
 */
#include "syscall-list.h"

/* A handler gets the six system-call arguments (syscall_get_nr_args,
 * guest-user.h) and returns the call's result or -errno, which
 * syscall_set_return() hands to the guest. */
typedef int32_t abi_long;
#define SYSCALL_DECL(name, args, ret) abi_long sys_##name(CPUState *env, const uint32_t *a);
SYSCALLS(SYSCALL_DECL)
#undef SYSCALL_DECL

/* A host call's result as the guest sees it: -errno on failure.  The
 * guest's errno numbers are the host's (asm-generic/errno.h). */
static inline abi_long get_errno(long ret)
{
    return ret == -1 ? -errno : (abi_long)ret;
}

/* A host call that may block, through safe_syscall (include/exec.h): a
 * guest signal that arrives just before it makes it return -EINTR instead
 * of blocking.  Returns the kernel's result, -errno on failure. */
static inline abi_long safe_host_call(long nr, long a1, long a2, long a3, long a4, long a5,
                                      long a6)
{
    abi_long ret = (abi_long)safe_syscall(&self->host.signalled, nr, a1, a2, a3, a4, a5, a6);

    if (ret == -EINTR)
        tsan_run_deferred_signals(); /* a TSan build: record what interrupted it */
    return ret;
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

/* A guest path as looked up from dirfd (AT_FDCWD: the working
 * directory), redirected under -L when that names something; names in
 * /proc/self/fd of stitch's own descriptors are ones not open (syscall.c). */
const char *guest_path_at(int dirfd, uint32_t addr, char *buf, size_t size);
#define GET_PATH_AT(var, dirfd, addr)                                           \
    char var##_buf[PATH_MAX];                                                   \
    const char *var = guest_path_at((dirfd), (addr), var##_buf, sizeof(var##_buf)); \
    if (!var)                                                                   \
        return -EFAULT
#define GET_PATH(var, addr) GET_PATH_AT(var, AT_FDCWD, addr)

/*
 * The same for a call whose path the host kernel reads in its own order
 * of checks (the *at calls Linux 6.x added): NULL for a guest NULL, which
 * some of them accept (AT_EMPTY_PATH); for a name stitch cannot read, its
 * host address all the same, so that the host kernel, which sees the
 * guest's protections in the window, answers EFAULT where Linux would,
 * after the argument checks that come first.
 */
const char *kernel_path_at(int dirfd, uint32_t addr, char *buf, size_t size);

/*
 * The host address for a 64-bit pointer field of a guest structure
 * (struct futex_waitv's uaddr, struct xattr_args' value): a 32-bit one is
 * in the window; above 4 GiB, where a 32-bit task of a 64-bit kernel has
 * nothing mapped but may still point (the kernel's range check is the
 * 64-bit one), an address in the guard above the window, PROT_NONE for
 * good, at the same offset in its page: the host kernel's alignment and
 * range checks pass or fail as Linux's do, and its access faults (EFAULT)
 * where Linux's would.
 */
static inline uint64_t guest_ptr64_to_host(uint64_t u)
{
    if (u <= UINT32_MAX)
        return (uintptr_t)g2h((uint32_t)u);
    return (uintptr_t)g2h(UINT32_MAX) + 1 + (u & (GUEST_PAGE_SIZE - 1));
}

/* An open with these (host) flags, or a truncation, of the guest's own
 * program: the kernel's ETXTBSY (syscall-file.c). */
int writes_running_exe(int dirfd, const char *path, int flags);

/* Directory-fd arguments are ints in a 32-bit register (AT_FDCWD is -100). */
static inline int guest_fd(uint32_t v)
{
    return (int32_t)v;
}

/* A descriptor the guest names that is one of stitch's own (util/log.c
 * keeps them at LOG_OWN_FD_MIN and up): the handlers see FD_NOT_OPEN
 * instead (syscall.c), a number no process can have open (fs/file.c:
 * sysctl_nr_open_max is below INT_MAX), so the kernel says EBADF. */
#define FD_NOT_OPEN INT_MAX
static inline int fd_is_own(uint32_t v)
{
    return (int32_t)v >= LOG_OWN_FD_MIN && log_fd_kept((int32_t)v);
}

static inline uint32_t fd_for_host(uint32_t v)
{
    return fd_is_own(v) ? FD_NOT_OPEN : v;
}

/* ---- Guest structures, checked against their size ------------------- */

/*
 * The layouts every 32-bit Linux ABI shares (32-bit int, long and pointer;
 * include/uapi/asm-generic): converted field by field by the handlers.
 * Those a guest lays out its own way (64-bit fields aligned or not ...)
 * come from linux-user/<guest>/target-structs.h, included below.
 */
typedef struct {
    int32_t tv_sec, tv_nsec;
} TargetTimespec;
_Static_assert(sizeof(TargetTimespec) == 8, "32-bit struct timespec (old_timespec32)");

/*
 * The 64-bit struct __kernel_timespec of the _time64 calls: tv_sec and
 * tv_nsec are 64-bit, but a 32-bit process's C library keeps tv_nsec in
 * the low half and leaves the high half as padding with whatever the stack
 * held, which the kernel ignores (get_timespec64: dropped on a 32-bit
 * kernel, masked off for a compat task).
 */
static inline struct timespec timespec64_from_guest(const void *g)
{
    int64_t w[2];

    memcpy(w, g, sizeof(w));
    return (struct timespec){ w[0], (uint32_t)w[1] };
}

typedef struct {
    int32_t tv_sec, tv_usec;
} TargetTimeval;
_Static_assert(sizeof(TargetTimeval) == 8, "32-bit struct timeval (old_timeval32)");

typedef struct {
    uint32_t iov_base, iov_len;
} TargetIovec;
_Static_assert(sizeof(TargetIovec) == 8, "32-bit struct iovec");

typedef struct {
    uint32_t rlim_cur, rlim_max;
} TargetRlimit;
_Static_assert(sizeof(TargetRlimit) == 8, "32-bit struct rlimit");

/* include/uapi/asm-generic/termbits.h (NCCS 19): the same 36 bytes for a
 * 32-bit guest and the x86_64 host, converted field by field all the same. */
#define TARGET_NCCS 19
typedef struct {
    uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t c_line;
    uint8_t c_cc[TARGET_NCCS];
} TargetTermios;
_Static_assert(sizeof(TargetTermios) == 36, "kernel struct termios");

/* struct flock for F_GETLK / F_SETLK / F_SETLKW with a 32-bit off_t. */
typedef struct {
    int16_t l_type, l_whence;
    int32_t l_start, l_len;
    int32_t l_pid;
} TargetFlock;
_Static_assert(sizeof(TargetFlock) == 16, "32-bit struct flock");

typedef struct {
    TargetTimeval ru_utime, ru_stime;
    int32_t rest[14]; /* ru_maxrss ... ru_nivcsw, all longs */
} TargetRusage;
_Static_assert(sizeof(TargetRusage) == 72, "32-bit struct rusage");

typedef struct {
    int32_t tms_utime, tms_stime, tms_cutime, tms_cstime;
} TargetTms;
_Static_assert(sizeof(TargetTms) == 16, "32-bit struct tms");

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
_Static_assert(sizeof(TargetSysinfo) == 64, "32-bit struct sysinfo");

/* The stack_t of sigaltstack (include/uapi/asm-generic/signal.h). */
typedef struct {
    uint32_t ss_sp;
    int32_t ss_flags;
    uint32_t ss_size;
} TargetStack;
_Static_assert(sizeof(TargetStack) == 12, "32-bit stack_t");

_Static_assert(sizeof(GuestSigaction) == 20, "32-bit kernel struct sigaction");

/*
 * The guest's own layouts: TargetStat64 (struct stat64, with the fields
 * put_stat64 fills), TargetStatfs64 (struct statfs64), TargetFlock64
 * (struct flock64 of F_GETLK64 ...), and TARGET_EPOLL_EVENT_SIZE (the
 * guest's struct epoll_event is passed through as the host's, which must
 * have this size).
 */
#include "target-structs.h"

/* ---- 64-bit arguments ------------------------------------------------- */

/* A 64-bit value in two argument words, low word first (a little-endian
 * guest). */
static inline int64_t offset64(uint32_t lo, uint32_t hi)
{
    return (int64_t)(((uint64_t)hi << 32) | lo);
}

/* Where the 64-bit argument that follows argument word i - 1 starts: at
 * word i, or at the next even word when the guest's ABI aligns register
 * pairs (TARGET_SYSCALL_ARG64_ALIGNED; the ARM EABI: pread64(fd, buf,
 * count, pad, lo, hi)).  The argument after it is at arg64_index + 2. */
static inline int arg64_index(int i)
{
    return TARGET_SYSCALL_ARG64_ALIGNED ? (i + 1) & ~1 : i;
}

static inline int64_t arg64(const uint32_t *a, int i)
{
    i = arg64_index(i);
    return offset64(a[i], a[i + 1]);
}

/* ---- Cross-file helpers ---------------------------------------------- */

/* Directory offsets narrowed to 32 bits by getdents64 (syscall-fs.c). */
int dir_offsets_narrowed(int fd);
void dir_offsets_forget(int fd);
void dir_offsets_mark_narrowed(int fd);

void rusage_to_guest(TargetRusage *g, const struct rusage *ru);

/* A guest struct sigevent at addr into the host's (syscall-timer.c);
 * 0 or -EFAULT. */
struct sigevent;
abi_long sigevent_from_guest(struct sigevent *h, uint32_t addr);

/* A guest iovec array into a host one, at most IOV_MAX entries
 * (syscall-file.c); 0 or -errno. */
struct iovec;
abi_long convert_iov(uint32_t addr, uint32_t cnt, int prot, struct iovec *iov);

/* -strace: the line for one call (strace.c). */
void strace_call(int nr, const uint32_t *a);
void strace_result(int nr, abi_long ret);
/* End a call line that will get no result (the process is ending). */
void strace_unfinished(void);
const char *syscall_name(int nr);

/* The guest sends itself a signal (signal.c): queued for delivery on the
 * way out of the call, or, when its default action kills, death now. */
abi_long guest_self_signal(CPUState *env, int sig, int si_code);
abi_long guest_self_queue(CPUState *env, int sig, const TargetSiginfo *info, int shared);

#endif
