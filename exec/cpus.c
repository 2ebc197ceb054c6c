/*
 * Guest threads in the engine: the list of CPUs, the translation lock and
 * exclusive sections (QEMU's cpus-common.c and user-mode mmap_lock, in
 * their simplest form).
 *
 * A guest thread is a host thread with its own CPUState.  The threads
 * share the TB store and the code buffer:
 *
 *   - the translation lock (tb_lock) serialises everything that reads or
 *     changes the TB store and the page flags; it is recursive, because a
 *     system call that changes the memory map holds it while it invalidates
 *     TBs, and the fault handler takes it on the thread it interrupted;
 *   - an exclusive section waits until no other CPU runs generated code (or
 *     the engine's loop around it) and keeps them out until it ends.  A
 *     thread counts as running between cpu_exec_start() and cpu_exec_end(),
 *     which bracket one cpu_exec() call and never a system call, so a thread
 *     blocked in the kernel never holds up an exclusive section.  It is
 *     used for flushing the code buffer (every thread may be executing it)
 *     and for fork.  It is never entered while holding tb_lock: a running
 *     thread may be waiting for that lock, and would never leave.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <pthread.h>
#include <signal.h>
#include <time.h>

#include "stats.h"
#include "tb.h"

static pthread_mutex_t list_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t left_code = PTHREAD_COND_INITIALIZER;
static pthread_cond_t exclusive_done = PTHREAD_COND_INITIALIZER;
static CPUState *first_cpu;
static int exclusive_pending;

static pthread_mutex_t tb_mutex = PTHREAD_MUTEX_INITIALIZER;
static __thread int tb_lock_depth;
/* Until a second thread is coming, nobody can contend for the lock, and
 * the mutex costs about a hundred host instructions per translated TB
 * (callgrind, lua -e: 1.5% of a start-up).  Whether this thread's
 * outermost tb_lock() took the mutex is remembered, so that the unlock
 * matches it. */
static int tb_lock_needed;
static __thread int tb_lock_took;

void tb_lock(void)
{
    if (tb_lock_depth++ == 0 &&
        (tb_lock_took = __atomic_load_n(&tb_lock_needed, __ATOMIC_RELAXED)))
        pthread_mutex_lock(&tb_mutex);
}

void tb_unlock(void)
{
    assert(tb_lock_depth > 0);
    if (--tb_lock_depth == 0 && tb_lock_took)
        pthread_mutex_unlock(&tb_mutex);
}

void tb_lock_reset(void)
{
    if (tb_lock_depth) {
        tb_lock_depth = 0;
        if (tb_lock_took)
            pthread_mutex_unlock(&tb_mutex);
    }
}

/* The creating thread holds no tb_lock here (a system call), so no
 * critical section entered without the mutex is still open when the new
 * thread can first take it; pthread_create orders the store before the
 * new thread's loads. */
void tb_lock_for_threads(void)
{
    assert(tb_lock_depth == 0);
    __atomic_store_n(&tb_lock_needed, 1, __ATOMIC_RELAXED);
}

void cpu_register(CPUState *env)
{
    env->stats = &stats;
    if (stats_enabled)
        stats_sample_start();
    ibtc_clear(env); /* a new thread's env is a copy of its parent's */
    pthread_mutex_lock(&list_lock);
    env->next_cpu = first_cpu;
    first_cpu = env;
    pthread_mutex_unlock(&list_lock);
}

void cpu_unregister(CPUState *env)
{
    stats_thread_exit(env);
    pthread_mutex_lock(&list_lock);
    for (CPUState **pp = &first_cpu; *pp; pp = &(*pp)->next_cpu)
        if (*pp == env) {
            *pp = env->next_cpu;
            break;
        }
    pthread_mutex_unlock(&list_lock);
}

/* Every CPU's jump-cache slot `h` that still points at `tb`, and its
 * indirect-branch slot `h` that still holds it (tb.c, under tb_lock).  The other threads probe their caches without a lock: the
 * slot is cleared with one atomic store, and a thread that read the TB
 * just before may still run it, which is fine until the next flush (an
 * exclusive section) reuses its code. */
void cpu_list_forget_tb(unsigned h, const TranslationBlock *tb)
{
    pthread_mutex_lock(&list_lock);
    for (CPUState *c = first_cpu; c; c = c->next_cpu) {
        if (__atomic_load_n(&c->tb_jmp_cache[h], __ATOMIC_RELAXED) == tb)
            __atomic_store_n(&c->tb_jmp_cache[h], NULL, __ATOMIC_RELAXED);
        if (ibtc_holds(__atomic_load_n(&c->ibtc[h], __ATOMIC_SEQ_CST), tb))
            __atomic_store_n(&c->ibtc[h], ibtc_empty, __ATOMIC_SEQ_CST);
    }
    pthread_mutex_unlock(&list_lock);
}

/* Only inside an exclusive section, when nobody probes them. */
void cpu_list_clear_jmp_caches(void)
{
    pthread_mutex_lock(&list_lock);
    for (CPUState *c = first_cpu; c; c = c->next_cpu) {
        for (unsigned h = 0; h < (1u << TB_JC_BITS); h++)
            __atomic_store_n(&c->tb_jmp_cache[h], NULL, __ATOMIC_RELAXED);
        ibtc_clear(c);
    }
    pthread_mutex_unlock(&list_lock);
}

void cpu_list_each(void (*fn)(CPUState *env, void *arg), void *arg)
{
    pthread_mutex_lock(&list_lock);
    for (CPUState *c = first_cpu; c; c = c->next_cpu)
        fn(c, arg);
    pthread_mutex_unlock(&list_lock);
}

/* Add up every thread's --stats counters (exec/stats.c). */
void cpu_list_sum_stats(void (*add)(const CPUState *env))
{
    pthread_mutex_lock(&list_lock);
    for (CPUState *c = first_cpu; c; c = c->next_cpu)
        if (c->stats)
            add(c);
    pthread_mutex_unlock(&list_lock);
}

/*
 * --threads=serial (a diagnostic, as Valgrind's big lock): one CPU at a
 * time runs generated code.  A ticket lock, so the CPUs take turns in
 * arrival order, is held from cpu_exec_start() to cpu_exec_end(), so it is
 * released at every system call; a ticker thread asks the holder to leave
 * every SERIAL_SLICE_NS, so a guest thread spinning on a flag another one
 * must set still lets it run.  A failure that goes away in serial mode is
 * a race in stitch (or in the guest).
 */
int exec_serial;
#define SERIAL_SLICE_NS (5 * 1000 * 1000)
static pthread_mutex_t serial_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t serial_turn = PTHREAD_COND_INITIALIZER;
static unsigned serial_next, serial_serving;
static CPUState *serial_holder;

static void serial_acquire(CPUState *env)
{
    pthread_mutex_lock(&serial_lock);
    unsigned ticket = serial_next++;
    if (ticket != serial_serving)
        STAT_INC(serial_waits);
    while (ticket != serial_serving)
        pthread_cond_wait(&serial_turn, &serial_lock);
    serial_holder = env;
    pthread_mutex_unlock(&serial_lock);
}

static void serial_release(void)
{
    pthread_mutex_lock(&serial_lock);
    serial_holder = NULL;
    serial_serving++;
    pthread_cond_broadcast(&serial_turn);
    pthread_mutex_unlock(&serial_lock);
}

static void *serial_ticker(void *arg)
{
    const struct timespec slice = {0, SERIAL_SLICE_NS};

    (void)arg;
    for (;;) {
        nanosleep(&slice, NULL);
        pthread_mutex_lock(&serial_lock);
        if (serial_holder)
            cpu_exit_request(serial_holder);
        pthread_mutex_unlock(&serial_lock);
    }
    return NULL;
}

static void serial_start_ticker(void)
{
    pthread_t t;
    sigset_t all, old;

    /* The ticker takes no guest signal: the guest threads do. */
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    if (pthread_create(&t, NULL, serial_ticker, NULL) == 0)
        pthread_detach(t);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
}

void exec_serial_init(void)
{
    exec_serial = 1;
    serial_start_ticker();
}

void cpu_exec_start(CPUState *env)
{
    if (exec_serial)
        serial_acquire(env);
    pthread_mutex_lock(&list_lock);
    while (exclusive_pending)
        pthread_cond_wait(&exclusive_done, &list_lock);
    env->running = 1;
    pthread_mutex_unlock(&list_lock);
}

void cpu_exec_end(CPUState *env)
{
    pthread_mutex_lock(&list_lock);
    env->running = 0;
    if (exclusive_pending)
        pthread_cond_broadcast(&left_code);
    pthread_mutex_unlock(&list_lock);
    if (exec_serial)
        serial_release();
}

static int others_running(void)
{
    for (CPUState *c = first_cpu; c; c = c->next_cpu)
        if (c->running)
            return 1;
    return 0;
}

/* The caller is not running (cpu_exec_end) and holds no tb_lock. */
void start_exclusive(void)
{
    pthread_mutex_lock(&list_lock);
    while (exclusive_pending)
        pthread_cond_wait(&exclusive_done, &list_lock);
    exclusive_pending = 1;
    for (CPUState *c = first_cpu; c; c = c->next_cpu)
        if (c->running)
            cpu_exit_request(c);
    while (others_running())
        pthread_cond_wait(&left_code, &list_lock);
    pthread_mutex_unlock(&list_lock);
}

void end_exclusive(void)
{
    pthread_mutex_lock(&list_lock);
    exclusive_pending = 0;
    pthread_cond_broadcast(&exclusive_done);
    pthread_mutex_unlock(&list_lock);
}

/*
 * fork: the child is a copy with one thread, so every lock another thread
 * might hold at that moment must be held by this one instead (QEMU's
 * fork_start; its bugs #2846 and #3226 were locks not taken here).
 */
void exec_fork_start(void)
{
    start_exclusive();
    tb_lock();
    pthread_mutex_lock(&list_lock);
}

void exec_fork_end(CPUState *self, int child)
{
    if (child) {
        if (stats_enabled)
            stats_sample_fork_child();
        pthread_mutex_init(&list_lock, NULL);
        pthread_cond_init(&left_code, NULL);
        pthread_cond_init(&exclusive_done, NULL);
        pthread_mutex_init(&tb_mutex, NULL);
        tb_lock_depth = 0;
        tb_lock_needed = 0; /* one thread again */
        first_cpu = self;
        self->next_cpu = NULL;
        exclusive_pending = 0;
        if (exec_serial) { /* the ticker is a thread the child lacks */
            pthread_mutex_init(&serial_lock, NULL);
            pthread_cond_init(&serial_turn, NULL);
            serial_next = serial_serving = 0;
            serial_holder = NULL;
            serial_start_ticker();
        }
        return;
    }
    pthread_mutex_unlock(&list_lock);
    tb_unlock();
    end_exclusive();
}
