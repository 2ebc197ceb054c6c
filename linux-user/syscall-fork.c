/*
 * New processes and waiting for them.  A guest fork is a host fork of the
 * whole of stitch: the child carries on with a copy of the guest window,
 * the code buffer and the CPU state, exactly where the parent was, with
 * the calling thread only (fork(2)).  Threads (clone with CLONE_VM) are
 * syscall-thread.c's.  vfork, and clone(CLONE_VM | CLONE_VFORK) as
 * posix_spawn uses it, is run as a vfork on a copy: the child runs on the
 * stack it was given, the parent waits until it execs or exits and then
 * takes in what the child changed in its memory (exec/write-log.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "guest-signal.h"
#include "guest-user.h"
#include "gdbstub.h"
#include "log.h"
#include "syscall.h"
#include "write-log.h"

/* What the child of a fork must not inherit (fork(2)): its thread id,
 * pending signals, an interrupted call of the parent's, the parent's
 * debugger, the size of its descriptor table. */
static void child_reset(void)
{
    self->tid = gettid();
    gdb_fork_child();
    fd_table_forked();
    signal_fork_child();
    self->restart = RESTART_NONE;
}

/*
 * The host fork.  Other threads may hold stitch's locks or be in the
 * middle of translating: exec_fork_start() waits until every other thread
 * is out of generated code and takes the engine's locks, so the child
 * inherits them free.  A plain fork goes through glibc's fork(), which
 * makes the host's own state (malloc, stdio) safe in a child of a
 * threaded process; another exit signal, CLONE_VFORK or CLONE_PIDFD
 * needs the raw call.  CLONE_PIDFD is the host's own: the guest's child
 * is this host child, so the kernel's pidfd of it (O_CLOEXEC, in the
 * parent's table only: kernel/fork.c copy_process reserves it after
 * copy_files) goes to *pidfd.
 */
static long host_fork(CPUState *env, uint32_t flags, int *pidfd)
{
    int exit_sig = (int)(flags & CSIGNAL);
    int host_sig = exit_sig ? host_signo(exit_sig) : 0;
    int shares = (flags & (CLONE_VM | CLONE_VFORK)) == (CLONE_VM | CLONE_VFORK);
    long pid;

    if (host_sig < 0)
        return -EINVAL;
    /* Whatever stitch buffered would otherwise be written twice. */
    fflush(NULL);
    exec_fork_start();
    WriteLog *log = shares ? write_log_new() : NULL;
    long err = shares && !log ? -ENOMEM : exec_fork_code_prepare();
    if (err < 0) { /* the child's copy of the code buffer: fork(2)'s EAGAIN */
        write_log_free(log);
        exec_fork_end(env, 0);
        return err == -ENOMEM ? -ENOMEM : -EAGAIN;
    }
    proc_fork_start(!!(flags & CLONE_VFORK));
    if (host_sig == SIGCHLD && !(flags & (CLONE_VFORK | CLONE_PIDFD)))
        pid = fork();
    else
        pid = syscall(SYS_clone, (unsigned long)host_sig | (flags & (CLONE_VFORK | CLONE_PIDFD)),
                      NULL, pidfd, NULL, 0UL);
    int e = errno;
    proc_fork_end(!!(flags & CLONE_VFORK), pid == 0);
    exec_fork_code_end(pid == 0);
    exec_fork_end(env, pid == 0);
    if (pid != 0) /* the child has exec'd or ended */
        write_log_apply(log);
    if (pid == 0) {
        thread_fork_child();
        write_log_start(log); /* or, in a fork's child, none of the parent's */
    }
    return pid < 0 ? -e : pid;
}

/*
 * A page both sides of the fork see, for the pidfd the host kernel
 * stores, when the guest's child must read it (vm_child_stores); else
 * the caller's `own` word.
 */
static int *pidfd_word(uint32_t flags, int *own)
{
    if ((flags & (CLONE_VM | CLONE_PIDFD)) != (CLONE_VM | CLONE_PIDFD))
        return own;
    int *w = mmap(NULL, sizeof(int), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    return w == MAP_FAILED ? own : w;
}

/*
 * With CLONE_VM the guest's child shares its parent's memory, in which
 * the kernel stores the pidfd (kernel/fork.c copy_process) and the
 * CLONE_PARENT_SETTID pid (kernel_clone) before the child first runs.
 * stitch's child runs on a copy made before, so it stores them in its
 * own; the pidfd comes through the shared page pidfd_word gave the host
 * kernel.  (The parent stores them again after the write log's stores.)
 */
static void vm_child_stores(uint32_t flags, uint32_t ptid, int32_t pidfd)
{
    int32_t pid = (int32_t)getpid();

    if (!(flags & CLONE_VM) || !GUEST_W(ptid, 4))
        return;
    if (flags & CLONE_PIDFD)
        memcpy(g2h(ptid), &pidfd, 4);
    if (flags & CLONE_PARENT_SETTID)
        memcpy(g2h(ptid), &pid, 4);
}

static abi_long do_fork(CPUState *env, uint32_t flags, uint32_t newsp, uint32_t ptid,
                        uint32_t tls, uint32_t ctid)
{
    int own = -1;

    if (flags & (CLONE_THREAD | CLONE_SIGHAND))
        return -EINVAL;
    /* kernel/fork.c copy_process: a pidfd that cannot be stored fails
     * the clone, no child made. */
    if ((flags & CLONE_PIDFD) && !GUEST_W(ptid, 4))
        return -EFAULT;
    int *word = pidfd_word(flags, &own);
    long pid = host_fork(env, flags, word);
    int pidfd = *word;
    if (word != &own)
        munmap(word, sizeof(int));
    if (pid < 0)
        return (abi_long)pid;
    if (pid == 0) {
        child_reset();
        vm_child_stores(flags, ptid, pidfd);
        if (newsp)
            cpu_set_sp(env, newsp);
        if (flags & CLONE_SETTLS)
            cpu_set_tls(env, tls);
        if ((flags & CLONE_CHILD_SETTID) && GUEST_W(ctid, 4)) {
            int32_t tid = (int32_t)gettid();
            memcpy(g2h(ctid), &tid, 4);
        }
        if (flags & CLONE_CHILD_CLEARTID)
            self->child_tidptr = ctid;
        return 0;
    }
    if ((flags & CLONE_PARENT_SETTID) && GUEST_W(ptid, 4)) {
        int32_t p = (int32_t)pid;
        memcpy(g2h(ptid), &p, 4);
    }
    if (flags & CLONE_PIDFD) {
        int32_t fd = (int32_t)fd_table_note(pidfd);
        memcpy(g2h(ptid), &fd, 4);
    }
    return (abi_long)pid;
}

abi_long sys_fork(CPUState *env, const uint32_t *a)
{
    (void)a;
    return do_fork(env, SIGCHLD, 0, 0, 0, 0);
}

/* vfork: the parent sleeps until the child execs or exits, as natively
 * (kernel/fork.c: CLONE_VFORK | CLONE_VM). */
abi_long sys_vfork(CPUState *env, const uint32_t *a)
{
    (void)a;
    return do_fork(env, CLONE_VFORK | CLONE_VM | SIGCHLD, 0, 0, 0, 0);
}

/*
 * The arguments in the guest's order (syscall_clone_args).  clone's
 * CLONE_PIDFD returns the pidfd through parent_tid, so it cannot go with
 * CLONE_PARENT_SETTID (kernel/fork.c kernel_clone), nor with
 * CLONE_DETACHED, kept for later use (copy_process): EINVAL.
 */
abi_long sys_clone(CPUState *env, const uint32_t *a)
{
    GuestCloneArgs c;

    syscall_clone_args(a, &c);
    if ((c.flags & CLONE_PIDFD) && (c.flags & (CLONE_PARENT_SETTID | CLONE_DETACHED)))
        return -EINVAL;
    if ((c.flags & CLONE_VM) && !(c.flags & CLONE_VFORK))
        return clone_thread(env, &c);
    return do_fork(env, c.flags, c.newsp, c.parent_tid, c.tls, c.child_tid);
}

/* ---- wait ---------------------------------------------------------------- */

void rusage_to_guest(TargetRusage *g, const struct rusage *ru)
{
    g->ru_utime = (TargetTimeval){ (int32_t)ru->ru_utime.tv_sec, (int32_t)ru->ru_utime.tv_usec };
    g->ru_stime = (TargetTimeval){ (int32_t)ru->ru_stime.tv_sec, (int32_t)ru->ru_stime.tv_usec };
    /* ru_maxrss .. ru_nivcsw: fourteen longs in the same order. */
    const long *rest = &ru->ru_maxrss;
    for (int i = 0; i < 14; i++)
        g->rest[i] = (int32_t)rest[i];
}

/* The wait status word is the same on both sides. */
static abi_long do_wait4(uint32_t pid, uint32_t status, uint32_t options, uint32_t rusage)
{
    int32_t *gst = NULL;
    TargetRusage *gru = NULL;
    struct rusage ru;
    int st;

    if ((status && !(gst = GUEST_W(status, 4))) ||
        (rusage && !(gru = GUEST_W(rusage, sizeof(*gru)))))
        return -EFAULT;
    abi_long r = safe_host_call(SYS_wait4, (pid_t)(int32_t)pid, (long)&st, (int)options,
                                (long)(rusage ? &ru : NULL), 0, 0);
    if (r < 0)
        return r;
    if (r > 0 && gst)
        memcpy(gst, &st, 4);
    if (r > 0 && gru)
        rusage_to_guest(gru, &ru);
    return r;
}

abi_long sys_wait4(CPUState *env, const uint32_t *a)
{
    (void)env;
    return do_wait4(a[0], a[1], a[2], a[3]);
}

abi_long sys_waitpid(CPUState *env, const uint32_t *a)
{
    (void)env;
    return do_wait4(a[0], a[1], a[2], 0);
}

#ifndef P_PIDFD
#define P_PIDFD 3 /* include/uapi/linux/wait.h */
#endif

/* waitid fills a siginfo (SIGCHLD layout) and, as a raw call, a rusage.
 * P_PIDFD's id is a descriptor (kernel/exit.c kernel_waitid,
 * pidfd_get_pid): one of stitch's own is a number the process has not
 * open, EBADF. */
abi_long sys_waitid(CPUState *env, const uint32_t *a)
{
    TargetSiginfo *gi = NULL;
    TargetRusage *gru = NULL;
    siginfo_t si;
    struct rusage ru;
    uint32_t id = a[0] == P_PIDFD ? fd_for_host(a[1]) : a[1];

    (void)env;
    if ((a[2] && !(gi = GUEST_W(a[2], sizeof(*gi)))) ||
        (a[4] && !(gru = GUEST_W(a[4], sizeof(*gru)))))
        return -EFAULT;
    memset(&si, 0, sizeof(si));
    if (syscall(SYS_waitid, (int)a[0], (id_t)id, &si, (int)a[3], a[4] ? &ru : NULL) < 0)
        return -errno;
    if (gi) {
        memset(gi, 0, sizeof(*gi));
        gi->si_signo = si.si_signo;
        gi->si_code = si.si_code;
        gi->u.chld.pid = si.si_pid;
        gi->u.chld.uid = si.si_uid;
        gi->u.chld.status = si.si_status;
        gi->u.chld.utime = (int32_t)si.si_utime;
        gi->u.chld.stime = (int32_t)si.si_stime;
    }
    if (gru)
        rusage_to_guest(gru, &ru);
    return 0;
}
