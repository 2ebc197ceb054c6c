/*
 * Guest threads: clone with CLONE_VM, thread exit, the thread-id calls and
 * futexes.
 *
 * A guest thread is a host thread (pthread) with its own CPUState and
 * ThreadState; its guest tid is its host tid, so tid-based features work
 * as natively: tgkill, PI futexes, /proc/self/task.  All threads share the
 * guest window, the code buffer and the TB store (exec/cpus.c locks them).
 * Futexes are the host's, on the guest's own words: guest atomics are host
 * atomics (the LOCK-prefixed instructions are translated to them), so the
 * host kernel's compare-and-sleep is exactly the guest's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "gdbstub.h"
#include "guest-signal.h"
#include "guest-user.h"
#include "host-syscall-nr.h"
#include "log.h"
#include "syscall.h"

/* The flags glibc's pthread_create passes (sysdeps/unix/sysv/linux/
 * createthread.c); qemu-user accepts exactly this set with CLONE_VM. */
#define CLONE_THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | \
                            CLONE_THREAD | CLONE_SYSVSEM)
#define CLONE_THREAD_OPTIONAL (CLONE_SETTLS | CLONE_PARENT_SETTID | \
                               CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | CLONE_DETACHED | \
                               CLONE_PIDFD)
#ifndef PIDFD_THREAD
#define PIDFD_THREAD O_EXCL /* include/uapi/linux/pidfd.h */
#endif

/* What a host thread runs stitch's own code on: the translator, system
 * calls, the host signal frames.  The guest's stack is its own. */
#define HOST_THREAD_STACK (1u << 20)

/* Guest threads alive: the last one to exit ends the process. */
static int nthreads = 1;

/* Where a clone's host thread goes to end: back into thread_start, which
 * returns.  Not pthread_exit: glibc loads its unwinder (dlopen of
 * libgcc_s.so.1) on the first one, which needs a free descriptor and
 * opens it at a number another guest thread may close meanwhile; when
 * that fails glibc aborts the process.  NULL on the main thread. */
static __thread jmp_buf *thread_end;

typedef struct NewThread {
    CPUState *env;
    ThreadState *ts;
    uint32_t flags, ptid, ctid;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    pid_t tid;     /* set by the child once it has written the tid words */
} NewThread;

static void put_tid(uint32_t addr, pid_t tid)
{
    uint32_t *p = GUEST_W(addr, 4);

    if (p)
        __atomic_store_n(p, (uint32_t)tid, __ATOMIC_SEQ_CST);
}

/* The new thread: it writes the tid words before the parent returns from
 * clone and before it runs guest code itself, as the kernel does
 * (kernel/fork.c: CLONE_PARENT_SETTID in copy_process, CLONE_CHILD_SETTID
 * in schedule_tail). */
static void *thread_start(void *arg)
{
    NewThread *nt = arg;
    CPUState *env = nt->env;
    pid_t tid = gettid();
    jmp_buf end;

    if (setjmp(end))
        return NULL;
    thread_end = &end;
    self = nt->ts;
    self->tid = tid;
    cpu_register(env);
    gdb_thread_start(env);
    if (nt->flags & CLONE_PARENT_SETTID)
        put_tid(nt->ptid, tid);
    /* A pidfd of this thread (kernel/fork.c copy_process gives one with
     * PIDFD_THREAD for CLONE_THREAD), stored before guest code runs. */
    if (nt->flags & CLONE_PIDFD)
        put_tid(nt->ptid, (pid_t)fd_table_note(syscall(SYS_pidfd_open, tid, PIDFD_THREAD)));
    if (nt->flags & CLONE_CHILD_SETTID)
        put_tid(nt->ctid, tid);
    if (nt->flags & CLONE_CHILD_CLEARTID)
        self->child_tidptr = nt->ctid;
    pthread_mutex_lock(&nt->lock);
    nt->tid = tid;
    pthread_cond_signal(&nt->cond);
    pthread_mutex_unlock(&nt->lock);
    /* nt is the parent's and gone from here on. */
    signal_sync_mask(1);
    cpu_loop(env);
}

/* The child's CPU: the parent's registers, clone's result 0, its new stack
 * and thread pointer; none of the engine's per-thread state. */
static CPUState *cpu_copy(const CPUState *parent, const GuestCloneArgs *c, abi_long *err)
{
    CPUState *env = cpu_state_new();

    *err = 0;
    if (!env) {
        *err = -ENOMEM;
        return NULL;
    }
    /* Everything but the parent's jump cache and indirect-branch table,
     * which another thread's flush or invalidation may be writing
     * (exec/cpus.c; a flush does not wait for a thread in clone), so
     * reading them here is a data race (TSan saw it, 88-threads-stress
     * with -tb-size 64k).  The child's are emptied here and in
     * cpu_register. */
    _Static_assert(offsetof(CPUState, ibtc) ==
                       offsetof(CPUState, tb_jmp_cache) + sizeof(env->tb_jmp_cache),
                   "the two caches are one range");
    size_t jc = offsetof(CPUState, tb_jmp_cache), jc_end = offsetof(CPUState, ibtc) + sizeof(env->ibtc);
    memcpy(env, parent, jc);
    memcpy((char *)env + jc_end, (const char *)parent + jc_end, sizeof(*env) - jc_end);
    env->next_cpu = NULL;
    env->running = 0;
    env->exit_request = 0;
    env->single_insn_next = 0;
    env->indirect_jumps = 0;
    env->stats = NULL;
    memset(env->tb_jmp_cache, 0, sizeof(env->tb_jmp_cache));
    syscall_set_return(env, 0);
    if (c->newsp)
        cpu_set_sp(env, c->newsp);
    if ((c->flags & CLONE_SETTLS) && (*err = cpu_set_tls(env, c->tls)) < 0) {
        cpu_state_free(env);
        return NULL;
    }
    return env;
}

/* A new thread inherits the blocked mask and nothing pending; a CLONE_VM
 * child has no alternate signal stack (kernel/fork.c, copy_sighand and
 * sas_ss_reset). */
static ThreadState *thread_state_copy(CPUState *env)
{
    ThreadState *ts = calloc(1, sizeof(*ts));

    if (!ts)
        return NULL;
    ts->allocated = 1;
    ts->env = env;
    SIG_SET(ts->sigmask, self->sigmask);
    ts->host_mask = ~self->sigmask; /* forces the first signal_sync_mask */
    env->opaque = ts;
    return ts;
}

static abi_long start_thread(CPUState *env, NewThread *nt)
{
    pthread_attr_t attr;
    pthread_t th;
    sigset_t all, old;
    int r;

    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, HOST_THREAD_STACK);
    pthread_mutex_init(&nt->lock, NULL);
    pthread_cond_init(&nt->cond, NULL);
    nt->tid = 0;
    /* The child starts with every host signal blocked, until it has a
     * ThreadState for the handlers to record into. */
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    __atomic_add_fetch(&nthreads, 1, __ATOMIC_SEQ_CST);
    tb_lock_for_threads();
    r = pthread_create(&th, &attr, thread_start, nt);
    if (r == 0) {
        pthread_mutex_lock(&nt->lock);
        while (!nt->tid)
            pthread_cond_wait(&nt->cond, &nt->lock);
        pthread_mutex_unlock(&nt->lock);
    } else {
        __atomic_sub_fetch(&nthreads, 1, __ATOMIC_SEQ_CST);
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
    pthread_cond_destroy(&nt->cond);
    pthread_mutex_destroy(&nt->lock);
    (void)env;
    return r ? -EAGAIN : nt->tid;
}

/*
 * CLONE_PIDFD with CLONE_THREAD: a host kernel that gives thread pidfds
 * (PIDFD_THREAD, Linux 6.9) takes it, an older one refuses it (EINVAL,
 * kernel/fork.c copy_process); asked of the host with the calling
 * thread before any thread is made.  A pidfd that cannot be stored
 * fails the clone (EFAULT), no thread made.
 */
static abi_long thread_pidfd_check(uint32_t ptid)
{
    long fd = syscall(SYS_pidfd_open, gettid(), PIDFD_THREAD);

    if (fd < 0)
        return errno == EINVAL ? -EINVAL : -errno;
    close((int)fd);
    return GUEST_W(ptid, 4) ? 0 : -EFAULT;
}

/*
 * clone with CLONE_VM: a thread, with exactly glibc's flags (and the
 * optional ones).  The kernel refuses CLONE_THREAD without CLONE_SIGHAND
 * and CLONE_SIGHAND without CLONE_VM (EINVAL, kernel/fork.c); a CLONE_VM
 * process that is not a thread (its own signal handlers, exit signal)
 * stitch cannot run in one window, and qemu-user refuses it too.
 */
abi_long clone_thread(CPUState *env, const GuestCloneArgs *c)
{
    NewThread nt;
    abi_long err;

    if ((c->flags & ~(CLONE_THREAD_FLAGS | CLONE_THREAD_OPTIONAL)) ||
        (c->flags & CLONE_THREAD_FLAGS) != CLONE_THREAD_FLAGS) {
        if (log_enabled(unimp))
            log_printf("clone flags 0x%x: CLONE_VM without glibc's thread flags\n", c->flags);
        return -EINVAL;
    }
    if ((c->flags & CLONE_PIDFD) && (err = thread_pidfd_check(c->parent_tid)) < 0)
        return err;
    nt.env = cpu_copy(env, c, &err);
    if (!nt.env)
        return err;
    nt.ts = thread_state_copy(nt.env);
    if (!nt.ts) {
        free(nt.env);
        return -ENOMEM;
    }
    /* From now on -d and -strace lines say which thread wrote them. */
    log_set_threaded();
    nt.flags = c->flags;
    nt.ptid = c->parent_tid;
    nt.ctid = c->child_tid;
    abi_long tid = start_thread(env, &nt);
    if (tid < 0) {
        free(nt.ts);
        free(nt.env);
    }
    return tid;
}

int thread_count(void)
{
    return __atomic_load_n(&nthreads, __ATOMIC_SEQ_CST);
}

/* fork's child has one thread. */
void thread_fork_child(void)
{
    nthreads = 1;
    log_fork_child();
}

/* ---- exit ------------------------------------------------------------- */

/*
 * exit ends the calling thread only (exit_group ends the process).  The
 * kernel's mm_release: store 0 at the clear_child_tid word and wake one
 * waiter there with a shared (not private) futex wake, which is what
 * pthread_join waits for (glibc nptl/pthread_join_common.c waits with
 * LLL_SHARED).  The last thread's exit ends the process with its status.
 */
void thread_exit(CPUState *env, uint32_t status)
{
    sigset_t all;

    if (__atomic_sub_fetch(&nthreads, 1, __ATOMIC_SEQ_CST) == 0)
        process_exit(status);
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, NULL);
    if (self->child_tidptr) {
        uint32_t *word = GUEST_W(self->child_tidptr, 4);
        if (word) {
            __atomic_store_n(word, 0, __ATOMIC_SEQ_CST);
            syscall(SYS_futex, word, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
        }
    }
    gdb_thread_exit(env);
    log_thread_exit();
    cpu_unregister(env);
    signal_thread_exit();
    /* The main thread's state is static (main.c); a clone's is ours. */
    if (self->allocated) {
        free(self);
        cpu_state_free(env);
    }
    self = NULL;
    if (thread_end)
        longjmp(*thread_end, 1);
    /* The main thread cannot return: it leaves as the guest's did, with
     * the exit system call, and the process lives on in the others. */
    syscall(SYS_exit, 0);
    __builtin_unreachable();
}

abi_long sys_set_tid_address(CPUState *env, const uint32_t *a)
{
    (void)env;
    self->child_tidptr = a[0];
    return (abi_long)gettid();
}

/*
 * The kernel walks the robust-futex list at thread death in its own
 * layout; a 32-bit guest's list would be misread by the 64-bit host
 * kernel, and stitch does not walk it either.  ENOSYS, as under qemu-user,
 * tells glibc so: it then does the owner-died marking itself when a
 * thread exits (nptl/pthread_create.c, !__nptl_set_robust_list_avail).
 */
abi_long sys_set_robust_list(CPUState *env, const uint32_t *a)
{
    (void)env, (void)a;
    return -ENOSYS;
}

/* ---- futex ------------------------------------------------------------------- */

/* Which of futex's arguments an operation reads (kernel/futex/syscalls.c:
 * futex_cmd_has_timeout, and the ops that take uaddr2 and val2). */
static int futex_has_timeout(int cmd)
{
    return cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET || cmd == FUTEX_LOCK_PI ||
           cmd == FUTEX_LOCK_PI2 || cmd == FUTEX_WAIT_REQUEUE_PI;
}

static int futex_has_uaddr2(int cmd)
{
    return cmd == FUTEX_REQUEUE || cmd == FUTEX_CMP_REQUEUE || cmd == FUTEX_WAKE_OP ||
           cmd == FUTEX_CMP_REQUEUE_PI || cmd == FUTEX_WAIT_REQUEUE_PI;
}

/* The kernel writes the word itself for these (PI owner tids, WAKE_OP's
 * operation): stitch must lift a code page's write protection first. */
static int futex_writes(int cmd)
{
    return cmd == FUTEX_WAKE_OP || cmd == FUTEX_LOCK_PI || cmd == FUTEX_LOCK_PI2 ||
           cmd == FUTEX_UNLOCK_PI || cmd == FUTEX_TRYLOCK_PI ||
           cmd == FUTEX_CMP_REQUEUE_PI || cmd == FUTEX_WAIT_REQUEUE_PI;
}

static void *futex_word(uint32_t addr, int writes)
{
    return writes ? GUEST_W(addr, 4) : GUEST_R(addr, 4);
}

/* Every operation goes to the host futex on the guest's word: the host
 * address of a guest word is fixed for the process, and every thread (and
 * a process sharing the memory) sees the same one.  A host signal for the
 * guest interrupts the wait, also one that arrives just before it starts
 * (safe_host_call): -EINTR, restarted or not by the delivery as the kernel
 * would. */
static abi_long do_futex(const uint32_t *a, const struct timespec *ts)
{
    int op = (int)a[1], cmd = op & FUTEX_CMD_MASK;
    void *uaddr = futex_word(a[0], futex_writes(cmd));
    void *uaddr2 = NULL;
    const void *arg4 = futex_has_timeout(cmd) ? (const void *)ts
                                              : (const void *)(uintptr_t)a[3];

    if (!uaddr)
        return -EFAULT;
    if (futex_has_uaddr2(cmd) && !(uaddr2 = futex_word(a[4], futex_writes(cmd))))
        return -EFAULT;
    return safe_host_call(SYS_futex, (long)uaddr, op, a[2], (long)arg4, (long)uaddr2, a[5]);
}

abi_long sys_futex(CPUState *env, const uint32_t *a)
{
    const TargetTimespec *g = NULL;
    struct timespec ts;

    (void)env;
    if (futex_has_timeout((int)a[1] & FUTEX_CMD_MASK) && a[3]) {
        if (!(g = GUEST_R(a[3], sizeof(*g))))
            return -EFAULT;
        ts = (struct timespec){ g->tv_sec, g->tv_nsec };
    }
    return do_futex(a, g ? &ts : NULL);
}

/* The same with a 64-bit struct timespec, the host's layout. */
abi_long sys_futex_time64(CPUState *env, const uint32_t *a)
{
    const void *g = NULL;
    struct timespec ts;

    (void)env;
    if (futex_has_timeout((int)a[1] & FUTEX_CMD_MASK) && a[3]) {
        if (!(g = GUEST_R(a[3], sizeof(ts))))
            return -EFAULT;
        ts = timespec64_from_guest(g);
    }
    return do_futex(a, g ? &ts : NULL);
}

/* ---- futex_waitv ------------------------------------------------------------- */

/* struct futex_waitv (include/uapi/linux/futex.h): fixed-width fields at
 * the same offsets on every ABI; uaddr is a 64-bit word holding the
 * address.  At most FUTEX_WAITV_MAX of them. */
typedef struct {
    uint64_t val, uaddr;
    uint32_t flags, reserved;
} FutexWaitv;
_Static_assert(sizeof(FutexWaitv) == 24, "struct futex_waitv");
#define FUTEX_WAITV_MAX 128

/*
 * futex_waitv (kernel/futex/syscalls.c): the waiters are copied and each
 * address becomes the host's address of that word (guest_ptr64_to_host:
 * a word the guest has not mapped, or one beyond its 4 GiB, stays
 * unreadable, EFAULT, as for a 32-bit task); the host kernel checks
 * everything else in its order.  The timeout is an absolute struct
 * __kernel_timespec on the given clock.
 */
abi_long sys_futex_waitv(CPUState *env, const uint32_t *a)
{
    uint32_t n = a[1];
    FutexWaitv w[FUTEX_WAITV_MAX];
    struct timespec ts;
    const void *g;

    (void)env;
    if (a[2] || !a[0] || n == 0 || n > FUTEX_WAITV_MAX)
        return -EINVAL;
    if (a[3]) {
        if (!(g = GUEST_R(a[3], sizeof(ts))))
            return -EFAULT;
        ts = timespec64_from_guest(g);
    }
    if (!(g = GUEST_R(a[0], (uint64_t)n * sizeof(*w))))
        return -EFAULT;
    memcpy(w, g, (size_t)n * sizeof(*w));
    for (uint32_t i = 0; i < n; i++)
        w[i].uaddr = guest_ptr64_to_host(w[i].uaddr);
    return safe_host_call(SYS_futex_waitv, (long)w, (long)n, 0, a[3] ? (long)&ts : 0,
                          (long)(int32_t)a[4], 0);
}

/* ---- futex2: futex_wake, futex_wait, futex_requeue ------------------------ */

/*
 * The futex2 calls (Linux 6.7, kernel/futex/syscalls.c) name the same
 * futexes as futex: a guest word is the host futex at its host address.
 * Everything else passes through, for the host kernel to check in its
 * order; the words need no check here, since a 32-bit address is always
 * in the window, whose protections are the guest's: the host kernel
 * faults (EFAULT) wherever Linux would, and leaves a word alone wherever
 * Linux would (a private wake with no waiter).  The "unsigned long" mask
 * and value are a 32-bit task's, zero-extended (the compat entry's
 * arguments).
 */
abi_long sys_futex_wake(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(syscall(SYS_futex_wake, g2h(a[0]), (unsigned long)a[1],
                             (long)(int32_t)a[2], a[3]));
}

/* The timeout is an absolute struct __kernel_timespec on clockid, read
 * after the flags and the clock are checked: an unreadable one goes to
 * the host kernel as it is, to fault on (EFAULT) in turn.
 * A signal's -ERESTARTSYS is the default restart (syscall.c). */
abi_long sys_futex_wait(CPUState *env, const uint32_t *a)
{
    struct timespec ts;
    const void *g = a[4] ? GUEST_R(a[4], sizeof(ts)) : NULL;
    long tsp = a[4] ? (long)g2h(a[4]) : 0;

    (void)env;
    if (g) {
        ts = timespec64_from_guest(g);
        tsp = (long)&ts;
    }
    return safe_host_call(SYS_futex_wait, (long)g2h(a[0]), a[1], a[2], a[3], tsp,
                          (int32_t)a[5]);
}

/* futex_requeue(waiters[2], flags, nr_wake, nr_requeue): the two struct
 * futex_waitv are copied with their 64-bit uaddr fields made host
 * addresses (guest_ptr64_to_host).  A NULL or unreadable array goes as it
 * is, refused (EINVAL) or faulted on (EFAULT) after the check of the
 * flags. */
abi_long sys_futex_requeue(CPUState *env, const uint32_t *a)
{
    FutexWaitv w[2];
    const void *g = a[0] ? GUEST_R(a[0], sizeof(w)) : NULL;
    long waiters = a[0] ? (long)g2h(a[0]) : 0;

    (void)env;
    if (g) {
        memcpy(w, g, sizeof(w));
        for (int i = 0; i < 2; i++)
            w[i].uaddr = guest_ptr64_to_host(w[i].uaddr);
        waiters = (long)w;
    }
    return get_errno(syscall(SYS_futex_requeue, waiters, a[1], (long)(int32_t)a[2],
                             (long)(int32_t)a[3]));
}
