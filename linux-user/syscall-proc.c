/*
 * Process system calls: exit, identities, thread ids, resource limits,
 * uname, getrandom, signals sent with kill (the guest's thread-local
 * storage calls, if it has its own, are in linux-user/<guest>/).  Thread
 * creation, thread exit and futexes are in syscall-thread.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/personality.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "guest-signal.h"
#include "gdbstub.h"
#include "log.h"
#include "syscall.h"
#include "target-elf.h"

/* ---- exit ------------------------------------------------------------- */

void process_exit(uint32_t status)
{
    user_exit_flush();
    gdb_exit((int)(status & 0xff));
    fflush(NULL);
    _exit((int)(status & 0xff));
}

/* One thread (syscall-thread.c); the process when it is the last. */
abi_long sys_exit(CPUState *env, const uint32_t *a)
{
    thread_exit(env, a[0]);
}

abi_long sys_exit_group(CPUState *env, const uint32_t *a)
{
    (void)env;
    process_exit(a[0]);
}

/* ---- identities ------------------------------------------------------- */

#define ID_CALL(name, expr)                                 \
    abi_long sys_##name(CPUState *env, const uint32_t *a)   \
    {                                                       \
        (void)env, (void)a;                                 \
        return get_errno((long)(expr));                     \
    }

/* The 16-bit legacy calls map ids that do not fit to the kernel's
 * overflowuid/overflowgid, 65534 (kernel/sys.c, high2lowuid). */
static uint32_t low16(uint32_t id)
{
    return id > 0xffff ? 65534 : id;
}

ID_CALL(getpid, getpid())
ID_CALL(getppid, getppid())
ID_CALL(gettid, gettid())
ID_CALL(getpgrp, getpgrp())
ID_CALL(getuid32, getuid())
ID_CALL(geteuid32, geteuid())
ID_CALL(getgid32, getgid())
ID_CALL(getegid32, getegid())
ID_CALL(getuid, low16(getuid()))
ID_CALL(geteuid, low16(geteuid()))
ID_CALL(getgid, low16(getgid()))
ID_CALL(getegid, low16(getegid()))
ID_CALL(sched_yield, sched_yield())

/* Restartable sequences would need the kernel to rewrite the guest PC on
 * preemption; glibc treats ENOSYS as "no rseq", as under qemu-user. */
abi_long sys_rseq(CPUState *env, const uint32_t *a)
{
    (void)env, (void)a;
    return -ENOSYS;
}

/* ---- uname / getrandom ------------------------------------------------- */

/* struct new_utsname is six 65-byte strings on both sides; the machine is
 * the one the guest is built for (GUEST_UNAME_MACHINE), as qemu-user
 * reports it. */
abi_long sys_uname(CPUState *env, const uint32_t *a)
{
    struct utsname *u = GUEST_W(a[0], sizeof(struct utsname));

    (void)env;
    if (!u)
        return -EFAULT;
    if (uname(u) < 0)
        return -errno;
    snprintf(u->machine, sizeof(u->machine), "%s", GUEST_UNAME_MACHINE);
    if (task.uname_release)
        snprintf(u->release, sizeof(u->release), "%s", task.uname_release);
    return 0;
}

abi_long sys_getrandom(CPUState *env, const uint32_t *a)
{
    uint32_t len = a[1];
    void *buf = guest_kernel_buf(a[0], &len, PAGE_WRITE);

    (void)env;
    if (task.seeded) {
        /* -seed: the bytes come from stitch, which must not fault on a
         * buffer the kernel would have filled partly or refused. */
        if (len && !guest_range_ok(a[0], len, PAGE_WRITE))
            return -EFAULT;
        guest_random(buf, len);
        return (abi_long)len;
    }
    return get_errno(getrandom(buf, len, (unsigned)a[2]));
}

/* splitmix64 (Steele, Lea, Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014): -seed makes every run's bytes the same, as
 * qemu's -seed does for its guest; nothing here is for cryptography. */
static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

void guest_random(void *buf, size_t len)
{
    uint8_t *p = buf;

    if (!task.seeded) {
        if (getrandom(buf, len, 0) != (ssize_t)len)
            memset(buf, 0x5a, len); /* only canaries and pointer guards */
        return;
    }
    for (size_t i = 0; i < len; i += 8) {
        uint64_t r = splitmix64(&task.seed);
        memcpy(p + i, &r, len - i < 8 ? len - i : 8);
    }
}

/* ---- resource limits --------------------------------------------------- */

/*
 * Limits on address space, data and stack describe stitch's own host
 * process (whose 4 GiB reservation alone exceeds most RLIMIT_AS values);
 * applying the guest's would break stitch, so they are accepted and not
 * applied, as qemu-user does.
 */
static int limit_is_stitchs(int resource)
{
    return resource == RLIMIT_AS || resource == RLIMIT_DATA || resource == RLIMIT_STACK;
}

static uint32_t clamp_rlim(rlim_t v, uint32_t infinity)
{
    return v == RLIM_INFINITY || v > infinity ? infinity : (uint32_t)v;
}

static abi_long get_rlimit32(uint32_t resource, uint32_t addr, uint32_t infinity)
{
    TargetRlimit *g = GUEST_W(addr, sizeof(*g));
    struct rlimit rl;

    if (!g)
        return -EFAULT;
    if (getrlimit((int)resource, &rl) < 0)
        return -errno;
    g->rlim_cur = clamp_rlim(rl.rlim_cur, infinity);
    g->rlim_max = clamp_rlim(rl.rlim_max, infinity);
    return 0;
}

/* ugetrlimit reports RLIM_INFINITY as the 32-bit ~0UL ... */
abi_long sys_ugetrlimit(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_rlimit32(a[0], a[1], 0xffffffffu);
}

/* ... the old getrlimit as 0x7fffffff (kernel/sys.c, compat getrlimit). */
abi_long sys_getrlimit(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_rlimit32(a[0], a[1], 0x7fffffffu);
}

abi_long sys_setrlimit(CPUState *env, const uint32_t *a)
{
    const TargetRlimit *g = GUEST_R(a[1], sizeof(*g));
    struct rlimit rl;

    (void)env;
    if (!g)
        return -EFAULT;
    rl.rlim_cur = g->rlim_cur == 0xffffffffu ? RLIM_INFINITY : g->rlim_cur;
    rl.rlim_max = g->rlim_max == 0xffffffffu ? RLIM_INFINITY : g->rlim_max;
    if (limit_is_stitchs((int)a[0]))
        return 0;
    return get_errno(setrlimit((int)a[0], &rl));
}

/* struct rlimit64 is two u64s on both sides. */
abi_long sys_prlimit64(CPUState *env, const uint32_t *a)
{
    int pid = (int32_t)a[0], res = (int)a[1];
    const struct rlimit *nl = NULL;
    struct rlimit *ol = NULL;

    (void)env;
    if (a[2] && !(nl = GUEST_R(a[2], sizeof(*nl))))
        return -EFAULT;
    if (a[3] && !(ol = GUEST_W(a[3], sizeof(*ol))))
        return -EFAULT;
    if (nl && (pid == 0 || pid == getpid()) && limit_is_stitchs(res))
        nl = NULL;
    return get_errno(prlimit(pid, res, nl, ol));
}

/* ---- accounting --------------------------------------------------------- */

abi_long sys_getrusage(CPUState *env, const uint32_t *a)
{
    TargetRusage *g = GUEST_W(a[1], sizeof(*g));
    struct rusage ru;

    (void)env;
    if (!g)
        return -EFAULT;
    if (getrusage((int)a[0], &ru) < 0)
        return -errno;
    rusage_to_guest(g, &ru);
    return 0;
}

/* times() returns clock ticks in a 32-bit clock_t, wrapping as natively. */
abi_long sys_times(CPUState *env, const uint32_t *a)
{
    TargetTms *g = a[0] ? GUEST_W(a[0], sizeof(*g)) : NULL;
    struct tms t;

    (void)env;
    if (a[0] && !g)
        return -EFAULT;
    clock_t r = times(&t);
    if (r == (clock_t)-1)
        return -errno;
    if (g)
        *g = (TargetTms){ (int32_t)t.tms_utime, (int32_t)t.tms_stime, (int32_t)t.tms_cutime,
                          (int32_t)t.tms_cstime };
    return (abi_long)r;
}

/*
 * Memory sizes that do not fit 32 bits are scaled by raising mem_unit up
 * to the page size, exactly as the kernel's compat sysinfo (kernel/sys.c)
 * does for a 32-bit caller.
 */
static void scale_sysinfo(struct sysinfo *si)
{
    int shift = 0;

    if (!(si->totalram >> 32) && !(si->totalswap >> 32))
        return;
    while (si->mem_unit < TARGET_PAGE_SIZE) {
        si->mem_unit <<= 1;
        shift++;
    }
    si->totalram >>= shift, si->freeram >>= shift, si->sharedram >>= shift;
    si->bufferram >>= shift, si->totalswap >>= shift, si->freeswap >>= shift;
    si->totalhigh >>= shift, si->freehigh >>= shift;
}

abi_long sys_sysinfo(CPUState *env, const uint32_t *a)
{
    TargetSysinfo *g = GUEST_W(a[0], sizeof(*g));
    struct sysinfo si;

    (void)env;
    if (!g)
        return -EFAULT;
    if (sysinfo(&si) < 0)
        return -errno;
    scale_sysinfo(&si);
    memset(g, 0, sizeof(*g));
    g->uptime = (int32_t)si.uptime;
    for (int i = 0; i < 3; i++)
        g->loads[i] = (uint32_t)si.loads[i];
    g->totalram = (uint32_t)si.totalram, g->freeram = (uint32_t)si.freeram;
    g->sharedram = (uint32_t)si.sharedram, g->bufferram = (uint32_t)si.bufferram;
    g->totalswap = (uint32_t)si.totalswap, g->freeswap = (uint32_t)si.freeswap;
    g->procs = si.procs;
    g->totalhigh = (uint32_t)si.totalhigh, g->freehigh = (uint32_t)si.freehigh;
    g->mem_unit = si.mem_unit;
    return 0;
}

/* The raw call returns how many mask bytes it wrote (glibc's wrapper
 * returns 0); the CPU mask is a byte array on both sides. */
abi_long sys_sched_getaffinity(CPUState *env, const uint32_t *a)
{
    void *mask = GUEST_W(a[2], a[1]);

    (void)env;
    if (!mask)
        return -EFAULT;
    return get_errno(syscall(SYS_sched_getaffinity, (pid_t)a[0], (size_t)a[1], mask));
}

/* ---- kill ------------------------------------------------------------ */

/*
 * Signals go to the host kernel under their host numbers (signal.c), and
 * it routes them as it would the guest's: to the thread named, or, for a
 * process-directed one, to a thread whose mask lets it in (each host
 * thread's mask mirrors its guest thread's).  A fault signal sent to the
 * calling thread itself stays in the guest's pending set instead, so it
 * is pending when the call returns, as the kernel's would be.  Sent to
 * another thread, they reach the engine's fault handlers, which see
 * si_code <= 0 and pass them on (exec_sent_signal).
 */
static int fault_signal(int sig)
{
    return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE ||
           sig == SIGTRAP;
}

/* The host number for kill/tkill/tgkill, or -EINVAL. */
static int kill_signo(uint32_t sig)
{
    if (sig > GUEST_NSIG)
        return -EINVAL;
    if (sig == 0)
        return 0;
    return host_signo((int)sig) > 0 ? host_signo((int)sig) : -EINVAL;
}

abi_long sys_kill(CPUState *env, const uint32_t *a)
{
    int host = kill_signo(a[1]);

    if ((int32_t)a[0] == getpid() && a[1] && (fault_signal((int)a[1]) || host < 0))
        return guest_self_signal(env, (int)a[1], SI_USER);
    if (host < 0)
        return host;
    return get_errno(kill((pid_t)a[0], host));
}

abi_long sys_tkill(CPUState *env, const uint32_t *a)
{
    int host = kill_signo(a[1]);

    if ((int32_t)a[0] == gettid() && a[1] && (fault_signal((int)a[1]) || host < 0))
        return guest_self_signal(env, (int)a[1], SI_TKILL);
    if (host < 0)
        return host;
    return get_errno(syscall(SYS_tkill, (pid_t)a[0], host));
}

abi_long sys_tgkill(CPUState *env, const uint32_t *a)
{
    int host = kill_signo(a[2]);

    if ((int32_t)a[0] == getpid() && (int32_t)a[1] == gettid() && a[2] &&
        (fault_signal((int)a[2]) || host < 0))
        return guest_self_signal(env, (int)a[2], SI_TKILL);
    if (host < 0)
        return host;
    return get_errno(syscall(SYS_tgkill, (pid_t)a[0], (pid_t)a[1], host));
}

/* ---- process groups, sessions, credentials ------------------------------ */

ID_CALL(setsid, setsid())
ID_CALL(setpgid, setpgid((pid_t)a[0], (pid_t)a[1]))
ID_CALL(getpgid, getpgid((pid_t)a[0]))
ID_CALL(getsid, getsid((pid_t)a[0]))
/*
 * The credentials calls change the calling thread only, as the kernel's
 * do (kernel/sys.c: commit_creds on current); the guest's glibc makes
 * every guest thread repeat them (nptl_setxid.c).  Not the host glibc's
 * wrappers: their own broadcast would send the host SIGSETXID, whose
 * SA_RESTART handler restarts a blocking safe_syscall past its signal
 * check and so loses a guest signal that arrives with it.
 */
ID_CALL(setuid32, syscall(SYS_setuid, a[0]))
ID_CALL(setgid32, syscall(SYS_setgid, a[0]))
ID_CALL(setreuid32, syscall(SYS_setreuid, a[0], a[1]))
ID_CALL(setregid32, syscall(SYS_setregid, a[0], a[1]))
ID_CALL(setresuid32, syscall(SYS_setresuid, a[0], a[1], a[2]))
ID_CALL(setresgid32, syscall(SYS_setresgid, a[0], a[1], a[2]))

static abi_long put_ids(const uint32_t *a, uint32_t r, uint32_t e, uint32_t s)
{
    uint32_t *p[3] = { GUEST_W(a[0], 4), GUEST_W(a[1], 4), GUEST_W(a[2], 4) };

    if (!p[0] || !p[1] || !p[2])
        return -EFAULT;
    *p[0] = r, *p[1] = e, *p[2] = s;
    return 0;
}

abi_long sys_getresuid32(CPUState *env, const uint32_t *a)
{
    uid_t r, e, s;

    (void)env;
    getresuid(&r, &e, &s);
    return put_ids(a, r, e, s);
}

abi_long sys_getresgid32(CPUState *env, const uint32_t *a)
{
    gid_t r, e, s;

    (void)env;
    getresgid(&r, &e, &s);
    return put_ids(a, r, e, s);
}

/* gid_t is 32 bits on both sides for the *32 calls. */
abi_long sys_getgroups32(CPUState *env, const uint32_t *a)
{
    int n = (int32_t)a[0];
    gid_t *g = n > 0 ? GUEST_W(a[1], (uint64_t)n * 4) : NULL;

    (void)env;
    if (n < 0)
        return -EINVAL;
    if (n > 0 && !g)
        return -EFAULT;
    return get_errno(getgroups(n, g));
}

abi_long sys_setgroups32(CPUState *env, const uint32_t *a)
{
    int n = (int32_t)a[0];
    const gid_t *g = n > 0 ? GUEST_R(a[1], (uint64_t)n * 4) : NULL;

    (void)env;
    if (n > 0 && !g)
        return -EFAULT;
    return get_errno(syscall(SYS_setgroups, n, g));
}

/* ---- prctl ---------------------------------------------------------------- */

/*
 * The options real programs use at start-up: the thread name (16 bytes),
 * the parent-death signal, dumpable, no_new_privs, child subreaper.  They
 * take integers or a small buffer; everything else is EINVAL, as for an
 * option the kernel does not know.
 */
#include <sys/prctl.h>

/*
 * PR_SET_MM (kernel/sys.c prctl_set_mm), in the kernel's order: EINVAL
 * for a non-zero arg5, or arg4 but for AUXV; EPERM without
 * CAP_SYS_RESOURCE; then PR_SET_MM_EXE_FILE, which the host kernel
 * answers as it would the guest: EBADF for a number not open (one of
 * stitch's own too), EACCES for a file that is not executable, EBUSY
 * while the old executable is mapped, as stitch always is and a guest
 * program natively is unless it unmapped itself.  The host's answer for
 * FD_NOT_OPEN is whether the caller may (EPERM, else EBADF).  The other
 * options would set the host's mm fields (brk, arg_start ...), not the
 * guest's, and MAP / MAP_SIZE are not emulated: EINVAL.
 */
static abi_long prctl_set_mm(const uint32_t *a)
{
    int exe = a[1] == PR_SET_MM_EXE_FILE;

    if (a[1] == PR_SET_MM_MAP || a[1] == PR_SET_MM_MAP_SIZE)
        return -EINVAL;
    if (a[4] || (a[3] && a[1] != PR_SET_MM_AUXV))
        return -EINVAL;
    abi_long r = get_errno(prctl(PR_SET_MM, PR_SET_MM_EXE_FILE,
                                 (unsigned long)(exe ? fd_for_host(a[2]) : FD_NOT_OPEN), 0UL, 0UL));
    return exe || r == -EPERM ? r : -EINVAL;
}

abi_long sys_prctl(CPUState *env, const uint32_t *a)
{
    char *name;
    int *out;

    (void)env;
    switch (a[0]) {
    case PR_SET_NAME:
    case PR_GET_NAME:
        if (!(name = guest_ptr(a[1], 16, a[0] == PR_SET_NAME ? PAGE_READ : PAGE_WRITE)))
            return -EFAULT;
        return get_errno(prctl((int)a[0], name));
    case PR_GET_PDEATHSIG:
    case PR_GET_CHILD_SUBREAPER:
        if (!(out = GUEST_W(a[1], 4)))
            return -EFAULT;
        return get_errno(prctl((int)a[0], out));
    case PR_SET_MM:
        return prctl_set_mm(a);
    case PR_SET_PDEATHSIG: case PR_GET_DUMPABLE: case PR_SET_DUMPABLE:
    case PR_SET_NO_NEW_PRIVS: case PR_GET_NO_NEW_PRIVS: case PR_SET_CHILD_SUBREAPER:
    case PR_GET_KEEPCAPS: case PR_SET_KEEPCAPS: case PR_GET_TIMERSLACK: case PR_SET_TIMERSLACK:
        return get_errno(prctl((int)a[0], (unsigned long)a[1], (unsigned long)a[2],
                               (unsigned long)a[3], (unsigned long)a[4]));
    default:
        return -EINVAL;
    }
}

/* ---- the 16-bit uid/gid calls ---------------------------------------- */

/* kernel/uid16.c: 0xffff means "unchanged" (-1) on the way in; an id that
 * does not fit comes out as the overflow id, 65534 (fs/stat.c). */
static uint32_t id16_in(uint32_t id)
{
    return (uint16_t)id == 0xffff ? (uint32_t)-1 : (uint16_t)id;
}

static uint16_t id16_out(uint32_t id)
{
    return id > 0xffff ? 65534 : (uint16_t)id;
}

ID_CALL(setuid, syscall(SYS_setuid, id16_in(a[0])))
ID_CALL(setgid, syscall(SYS_setgid, id16_in(a[0])))
ID_CALL(setreuid, syscall(SYS_setreuid, id16_in(a[0]), id16_in(a[1])))
ID_CALL(setregid, syscall(SYS_setregid, id16_in(a[0]), id16_in(a[1])))
ID_CALL(setresuid, syscall(SYS_setresuid, id16_in(a[0]), id16_in(a[1]), id16_in(a[2])))
ID_CALL(setresgid, syscall(SYS_setresgid, id16_in(a[0]), id16_in(a[1]), id16_in(a[2])))
/* setfsuid/setfsgid return the previous id and never fail. */
ID_CALL(setfsuid32, syscall(SYS_setfsuid, a[0]))
ID_CALL(setfsgid32, syscall(SYS_setfsgid, a[0]))
ID_CALL(setfsuid, id16_out((uint32_t)syscall(SYS_setfsuid, id16_in(a[0]))))
ID_CALL(setfsgid, id16_out((uint32_t)syscall(SYS_setfsgid, id16_in(a[0]))))

static abi_long put_ids16(const uint32_t *a, uint32_t r, uint32_t e, uint32_t s)
{
    uint16_t *p[3] = { GUEST_W(a[0], 2), GUEST_W(a[1], 2), GUEST_W(a[2], 2) };

    if (!p[0] || !p[1] || !p[2])
        return -EFAULT;
    *p[0] = id16_out(r), *p[1] = id16_out(e), *p[2] = id16_out(s);
    return 0;
}

abi_long sys_getresuid(CPUState *env, const uint32_t *a)
{
    uid_t r, e, s;

    (void)env;
    getresuid(&r, &e, &s);
    return put_ids16(a, r, e, s);
}

abi_long sys_getresgid(CPUState *env, const uint32_t *a)
{
    gid_t r, e, s;

    (void)env;
    getresgid(&r, &e, &s);
    return put_ids16(a, r, e, s);
}

/* kernel/uid16.c getgroups16/setgroups16: arrays of 16-bit gids. */
abi_long sys_getgroups(CPUState *env, const uint32_t *a)
{
    int n = (int32_t)a[0];
    gid_t g[NGROUPS_MAX];

    (void)env;
    if (n < 0)
        return -EINVAL;
    int got = getgroups(0, NULL);
    if (got < 0)
        return -errno;
    if (n == 0)
        return got;
    if (got > n)
        return -EINVAL;
    got = getgroups(got, g);
    uint16_t *out = GUEST_W(a[1], (uint64_t)got * 2);
    if (got && !out)
        return -EFAULT;
    for (int i = 0; i < got; i++)
        out[i] = id16_out(g[i]);
    return got;
}

abi_long sys_setgroups(CPUState *env, const uint32_t *a)
{
    int n = (int32_t)a[0];
    gid_t g[NGROUPS_MAX];

    (void)env;
    if (n < 0 || n > NGROUPS_MAX)
        return -EINVAL;
    const uint16_t *in = GUEST_R(a[1], (uint64_t)n * 2);
    if (n && !in)
        return -EFAULT;
    for (int i = 0; i < n; i++)
        g[i] = id16_in(in[i]);
    return get_errno(syscall(SYS_setgroups, n, g));
}

/* ---- priorities and the scheduler ------------------------------------ */

/* The raw getpriority returns 20 - nice (1 .. 40), never negative. */
ID_CALL(getpriority, syscall(SYS_getpriority, (int)a[0], (id_t)a[1]))
ID_CALL(setpriority, setpriority((int)a[0], (id_t)a[1], (int)a[2]))
ID_CALL(nice, syscall(SYS_setpriority, PRIO_PROCESS, 0,
                      getpriority(PRIO_PROCESS, 0) + (int32_t)a[0]) < 0 ? -1 : 0)
ID_CALL(sched_get_priority_max, sched_get_priority_max((int)a[0]))
ID_CALL(sched_get_priority_min, sched_get_priority_min((int)a[0]))
ID_CALL(sched_getscheduler, sched_getscheduler((pid_t)a[0]))

/* struct sched_param is one int on both sides. */
/*
 * sched_setattr(pid, attr, flags) / sched_getattr(pid, attr, size,
 * flags): struct sched_attr has the same layout for every ABI (its 64-bit
 * fields fall on multiples of 8), and its size is its first word, so the
 * host kernel reads and checks it in place (kernel/sched/syscalls.c,
 * sched_copy_attr: E2BIG and the size written back, EFAULT past the
 * window as the host sees guest memory).
 */
abi_long sys_sched_setattr(CPUState *env, const uint32_t *a)
{
    uint32_t len = 4096;
    void *attr = a[1] ? guest_kernel_buf(a[1], &len, PAGE_WRITE) : NULL;

    (void)env;
    return get_errno(syscall(SYS_sched_setattr, (pid_t)a[0], attr, (unsigned)a[2]));
}

abi_long sys_sched_getattr(CPUState *env, const uint32_t *a)
{
    uint32_t len = a[2];
    void *attr = a[1] ? guest_kernel_buf(a[1], &len, PAGE_WRITE) : NULL;

    (void)env;
    return get_errno(syscall(SYS_sched_getattr, (pid_t)a[0], attr, (unsigned)a[2],
                             (unsigned)a[3]));
}

abi_long sys_sched_getparam(CPUState *env, const uint32_t *a)
{
    int *p = GUEST_W(a[1], sizeof(int));

    (void)env;
    if (!p)
        return (int32_t)a[0] < 0 ? -EINVAL : -EFAULT;
    return get_errno(syscall(SYS_sched_getparam, (pid_t)a[0], p));
}

abi_long sys_sched_setparam(CPUState *env, const uint32_t *a)
{
    const int *p = GUEST_R(a[1], sizeof(int));

    (void)env;
    if (!p)
        return (int32_t)a[0] < 0 ? -EINVAL : -EFAULT;
    return get_errno(syscall(SYS_sched_setparam, (pid_t)a[0], p));
}

abi_long sys_sched_setscheduler(CPUState *env, const uint32_t *a)
{
    const int *p = GUEST_R(a[2], sizeof(int));

    (void)env;
    if (!p)
        return (int32_t)a[0] < 0 ? -EINVAL : -EFAULT;
    return get_errno(syscall(SYS_sched_setscheduler, (pid_t)a[0], (int)a[1], p));
}

abi_long sys_sched_setaffinity(CPUState *env, const uint32_t *a)
{
    const void *mask = GUEST_R(a[2], a[1]);

    (void)env;
    if (!mask)
        return -EFAULT;
    return get_errno(syscall(SYS_sched_setaffinity, (pid_t)a[0], (size_t)a[1], mask));
}

/* getcpu's two unsigned ints are the same on both sides (the third
 * argument is unused since 2.6.24). */
abi_long sys_getcpu(CPUState *env, const uint32_t *a)
{
    unsigned cpu, node;

    (void)env;
    if (syscall(SYS_getcpu, &cpu, &node, NULL) < 0)
        return -errno;
    uint32_t *c = a[0] ? GUEST_W(a[0], 4) : NULL, *n = a[1] ? GUEST_W(a[1], 4) : NULL;
    if ((a[0] && !c) || (a[1] && !n))
        return -EFAULT;
    if (c)
        *c = cpu;
    if (n)
        *n = node;
    return 0;
}

/* The persona is kept, not applied: the flags that would change the
 * address-space layout (ADDR_LIMIT_3GB, ...) are not emulated, and
 * changing the host's would change stitch's.  READ_IMPLIES_EXEC
 * (include/uapi/linux/personality.h) is the exception: the loader sets
 * it (linux-user/elfload.c) and the mmap bookkeeping applies it.
 * It starts as the one stitch inherited (`linux32 stitch-i386 prog`
 * shows PER_LINUX32 as `linux32 prog` does: a persona outlives exec),
 * or the one a guest's execve passed on (--persona); 0xffffffff
 * queries. */
#define GUEST_READ_IMPLIES_EXEC_BIT 0x0400000u
static uint32_t persona;
static int persona_known;

static void persona_init(void)
{
    if (persona_known)
        return;
    int host = personality(0xffffffff);
    persona = host < 0 ? 0 : (uint32_t)host & ~GUEST_READ_IMPLIES_EXEC_BIT;
    persona_known = 1;
}

uint32_t persona_get(void)
{
    persona_init();
    return persona | (mmap_read_implies_exec() ? GUEST_READ_IMPLIES_EXEC_BIT : 0);
}

/* --persona, before the program is loaded: the exec keeps every bit
 * (arch/x86 set_personality_ia32 and arch/arm elf_set_personality keep
 * the flags; load_elf_binary only adds READ_IMPLIES_EXEC). */
void persona_set(uint32_t p)
{
    persona = p & ~GUEST_READ_IMPLIES_EXEC_BIT;
    persona_known = 1;
    mmap_set_read_implies_exec((p & GUEST_READ_IMPLIES_EXEC_BIT) != 0);
}

abi_long sys_personality(CPUState *env, const uint32_t *a)
{
    uint32_t old = persona_get();

    (void)env;
    if (a[0] != 0xffffffffu)
        persona_set(a[0]);
    return (abi_long)old;
}

/* sched_rr_get_interval: the host's interval as the guest's timespec. */
static abi_long put_rr_interval(uint32_t addr, pid_t pid, int wide)
{
    struct timespec ts;

    if (syscall(SYS_sched_rr_get_interval, pid, &ts) < 0)
        return -errno;
    if (wide) {
        int64_t *g = GUEST_W(addr, 16);
        if (!g)
            return -EFAULT;
        g[0] = ts.tv_sec, g[1] = ts.tv_nsec;
        return 0;
    }
    TargetTimespec *g = GUEST_W(addr, sizeof(*g));
    if (!g)
        return -EFAULT;
    g->tv_sec = (int32_t)ts.tv_sec, g->tv_nsec = (int32_t)ts.tv_nsec;
    return 0;
}

abi_long sys_sched_rr_get_interval(CPUState *env, const uint32_t *a)
{
    (void)env;
    return put_rr_interval(a[1], (pid_t)a[0], 0);
}

abi_long sys_sched_rr_get_interval_time64(CPUState *env, const uint32_t *a)
{
    (void)env;
    return put_rr_interval(a[1], (pid_t)a[0], 1);
}

/* membarrier's commands act on the host threads that run the guest's. */
ID_CALL(membarrier, syscall(SYS_membarrier, (int)a[0], (unsigned)a[1], (int)a[2]))
ID_CALL(pidfd_open, fd_table_note(syscall(SYS_pidfd_open, (pid_t)a[0], (unsigned)a[1])))

/* capget/capset: the header (version, pid) and the data array (one or
 * two {effective, permitted, inheritable} triples of 32-bit words) have
 * one layout everywhere; the host kernel reads and writes them. */
abi_long sys_capget(CPUState *env, const uint32_t *a)
{
    uint32_t hlen = 8, dlen = 24;
    void *h = guest_kernel_buf(a[0], &hlen, PAGE_WRITE);
    void *d = a[1] ? guest_kernel_buf(a[1], &dlen, PAGE_WRITE) : NULL;

    (void)env;
    return get_errno(syscall(SYS_capget, h, d));
}

abi_long sys_capset(CPUState *env, const uint32_t *a)
{
    uint32_t hlen = 8, dlen = 24;
    void *h = guest_kernel_buf(a[0], &hlen, PAGE_WRITE);
    const void *d = a[1] ? guest_kernel_buf(a[1], &dlen, PAGE_READ) : NULL;

    (void)env;
    return get_errno(syscall(SYS_capset, h, d));
}

/* ---- Namespaces ------------------------------------------------------- */

/*
 * unshare and setns act on the calling host thread, which is the calling
 * guest thread: stitch runs no threads of its own, so the kernel's checks
 * (CLONE_THREAD, CLONE_SIGHAND and CLONE_VM only when there is nothing to
 * unshare; CLONE_NEWUSER only when single-threaded) see the guest's
 * threads, and its errors (EINVAL for unknown flags, EPERM without the
 * capability) are the guest's.  A new namespace is the process's, stitch's
 * own file accesses included, exactly as for the program run natively.
 */
abi_long sys_unshare(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(unshare((int)a[0]));
}

abi_long sys_setns(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(setns((int)a[0], (int)a[1]));
}
