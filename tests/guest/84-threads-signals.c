/* 84-threads-signals: signals routed per thread as the kernel routes them
 * (issue 15) — pthread_kill reaches exactly the thread named (its handler
 * sees its own tid), also a thread blocked in a futex wait
 * (pthread_cond_wait) or in sleep; a process-directed kill() goes to the
 * one thread that does not block it; sigwait in a dedicated thread takes
 * a signal every other thread blocks; each thread's mask is its own;
 * pthread_cancel (glibc's SIGCANCEL, guest signal 32) cancels a thread
 * blocked in read; SIGSEGV and SIGILL sent with pthread_kill (not raised by
 * a fault) run the handler of the thread named.  Output comes from main
 * after the joins.
 * cflags: -pthread */
/* levels: O0 O2 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#define N 4

static pid_t tid_of[N];
static volatile pid_t handled_by[N];
static volatile int got[N];
static pthread_barrier_t bar;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static volatile int release;

static pid_t my_tid(void) { return (pid_t)syscall(SYS_gettid); }

static int index_of(pid_t tid)
{
    for (int i = 0; i < N; i++)
        if (tid_of[i] == tid)
            return i;
    return -1;
}

static void on_usr1(int sig)
{
    int i = index_of(my_tid());
    (void)sig;
    if (i >= 0) {
        handled_by[i] = my_tid();
        got[i]++;
    }
}

static void *worker(void *arg)
{
    int id = (int)(long)arg;

    tid_of[id] = my_tid();
    pthread_barrier_wait(&bar);
    if (id % 2 == 0) { /* wait in a futex until released */
        pthread_mutex_lock(&mu);
        while (!release)
            pthread_cond_wait(&cv, &mu);
        pthread_mutex_unlock(&mu);
    } else {
        while (!release)
            usleep(1000);
    }
    return NULL;
}

/* Process-directed: only thread `open` leaves SIGUSR2 unblocked. */
static volatile pid_t usr2_tid;
static pthread_barrier_t bar2;
static pid_t open_tid;

static void on_usr2(int sig) { (void)sig; usr2_tid = my_tid(); }

static void *masked(void *arg)
{
    int open = (int)(long)arg;
    sigset_t s;

    sigemptyset(&s);
    sigaddset(&s, SIGUSR2);
    pthread_sigmask(open ? SIG_UNBLOCK : SIG_BLOCK, &s, NULL);
    if (open)
        open_tid = my_tid();
    pthread_barrier_wait(&bar2); /* masks set */
    pthread_barrier_wait(&bar2); /* signal sent */
    while (!usr2_tid)
        usleep(1000);
    return NULL;
}

static void *waiter(void *arg)
{
    sigset_t s;
    int sig = 0;
    (void)arg;
    sigemptyset(&s);
    sigaddset(&s, SIGTERM);
    sigwait(&s, &sig);
    return (void *)(long)sig;
}

/* Fault signals sent by another thread. */
static volatile pid_t fault_tid;
static volatile int fault_sigs;

static void on_fault_sig(int sig)
{
    (void)sig;
    fault_sigs++;
    fault_tid = my_tid();
}

static void *fault_target(void *arg)
{
    *(volatile pid_t *)arg = my_tid();
    while (fault_sigs < 2)
        usleep(1000);
    return NULL;
}

static void *reader(void *arg)
{
    int *fds = arg;
    char c;
    (void)!read(fds[0], &c, 1); /* a cancellation point */
    return (void *)1;
}

int main(void)
{
    pthread_t t[N];
    sigset_t s;

    signal(SIGUSR1, on_usr1);
    pthread_barrier_init(&bar, NULL, N + 1);
    for (long i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    pthread_barrier_wait(&bar);
    usleep(20000); /* let them block */
    /* One at a time: the next goes once the last was handled (two of the
     * same standard signal pending at once would merge). */
    for (int round = 0; round < 3; round++)
        for (int i = N - 1; i >= 0; i--) {
            int before = got[i];
            pthread_kill(t[i], SIGUSR1);
            for (int wait = 0; got[i] == before && wait < 10000; wait++)
                usleep(500);
        }
    pthread_mutex_lock(&mu);
    release = 1;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < N; i++)
        printf("thread %d: %d signals, handler ran on it: %d\n", i, got[i],
               handled_by[i] == tid_of[i]);

    /* process-directed */
    signal(SIGUSR2, on_usr2);
    sigemptyset(&s);
    sigaddset(&s, SIGUSR2);
    pthread_sigmask(SIG_BLOCK, &s, NULL);
    pthread_t m[3];
    pthread_barrier_init(&bar2, NULL, 4);
    for (long i = 0; i < 3; i++)
        pthread_create(&m[i], NULL, masked, (void *)(long)(i == 1));
    pthread_barrier_wait(&bar2);
    kill(getpid(), SIGUSR2);
    pthread_barrier_wait(&bar2);
    for (int i = 0; i < 3; i++)
        pthread_join(m[i], NULL);
    printf("kill(): handled by the thread that does not block it: %d\n", usr2_tid == open_tid);

    /* sigwait in a dedicated thread; everyone else blocks SIGTERM */
    sigemptyset(&s);
    sigaddset(&s, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &s, NULL);
    pthread_t w;
    void *r;
    pthread_create(&w, NULL, waiter, NULL);
    usleep(10000);
    kill(getpid(), SIGTERM);
    pthread_join(w, &r);
    printf("sigwait took signal %ld\n", (long)r);

    /* SIGSEGV and SIGILL from pthread_kill */
    volatile pid_t target_tid = 0;
    pthread_t ft;
    signal(SIGSEGV, on_fault_sig);
    signal(SIGILL, on_fault_sig);
    pthread_create(&ft, NULL, fault_target, (void *)&target_tid);
    while (!target_tid)
        usleep(1000);
    pthread_kill(ft, SIGSEGV);
    while (fault_sigs < 1)
        usleep(1000);
    pthread_kill(ft, SIGILL);
    pthread_join(ft, NULL);
    printf("sent SIGSEGV and SIGILL: %d handled, on the thread named: %d\n", fault_sigs,
           fault_tid == target_tid);

    /* pthread_cancel of a thread blocked in read() */
    int fds[2];
    (void)!pipe(fds);
    pthread_t rd;
    pthread_create(&rd, NULL, reader, fds);
    usleep(10000);
    pthread_cancel(rd);
    pthread_join(rd, &r);
    printf("cancelled: %d\n", r == PTHREAD_CANCELED);
    return 0;
}
