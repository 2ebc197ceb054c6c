/* 81-threads-sync: glibc's synchronisation on host futexes (issue 15) —
 * a mutex-protected counter under contention, a condition-variable
 * producer/consumer queue (sum of everything consumed), a reader-writer
 * lock, POSIX semaphores, a barrier, pthread_once, a timed wait that times
 * out, and a PTHREAD_PRIO_INHERIT mutex (FUTEX_LOCK_PI / UNLOCK_PI).
 * Results are printed by main after the joins.
 * cflags: -pthread */
/* levels: O0 O2 */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <time.h>

#define N 4
#define M 20000
#define ITEMS 20000
#define QSIZE 16

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *count(void *arg)
{
    (void)arg;
    for (int i = 0; i < M; i++) {
        pthread_mutex_lock(&mu);
        counter++;
        pthread_mutex_unlock(&mu);
    }
    return NULL;
}

static pthread_mutex_t qmu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER;
static int queue[QSIZE], qhead, qlen;
static long long consumed[2];

static void *producer(void *arg)
{
    (void)arg;
    for (int i = 1; i <= ITEMS; i++) {
        pthread_mutex_lock(&qmu);
        while (qlen == QSIZE)
            pthread_cond_wait(&not_full, &qmu);
        queue[(qhead + qlen++) % QSIZE] = i;
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&qmu);
    }
    return NULL;
}

static void *consumer(void *arg)
{
    long id = (long)arg;
    for (;;) {
        pthread_mutex_lock(&qmu);
        while (qlen == 0)
            pthread_cond_wait(&not_empty, &qmu);
        int v = queue[qhead];
        qhead = (qhead + 1) % QSIZE;
        qlen--;
        pthread_cond_signal(&not_full);
        pthread_mutex_unlock(&qmu);
        if (v < 0)
            return NULL;
        consumed[id] += v;
    }
}

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static int shared_a, shared_b, torn;

static void *rw_worker(void *arg)
{
    long id = (long)arg;
    for (int i = 0; i < M / 4; i++) {
        if (id == 0) {
            pthread_rwlock_wrlock(&rw);
            shared_a++;
            shared_b++;
            pthread_rwlock_unlock(&rw);
        } else {
            pthread_rwlock_rdlock(&rw);
            if (shared_a != shared_b)
                __atomic_fetch_add(&torn, 1, __ATOMIC_RELAXED);
            pthread_rwlock_unlock(&rw);
        }
    }
    return NULL;
}

static sem_t sem_items, sem_done;
static int sem_sum;

static void *sem_worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 1000; i++) {
        sem_wait(&sem_items);
        __atomic_fetch_add(&sem_sum, 1, __ATOMIC_RELAXED);
        sem_post(&sem_done);
    }
    return NULL;
}

static pthread_barrier_t barrier;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs, serial_threads;

static void once_fn(void) { once_runs++; }

static void *barrier_worker(void *arg)
{
    (void)arg;
    for (int round = 0; round < 100; round++) {
        pthread_once(&once, once_fn);
        if (pthread_barrier_wait(&barrier) == PTHREAD_BARRIER_SERIAL_THREAD)
            __atomic_fetch_add(&serial_threads, 1, __ATOMIC_RELAXED);
    }
    return NULL;
}

static pthread_mutex_t pi_mu;
static long pi_counter;

static void *pi_worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < M / 4; i++) {
        pthread_mutex_lock(&pi_mu);
        pi_counter++;
        pthread_mutex_unlock(&pi_mu);
    }
    return NULL;
}

static void run(void *(*fn)(void *), int n)
{
    pthread_t t[N];
    for (long i = 0; i < n; i++)
        pthread_create(&t[i], NULL, fn, (void *)i);
    for (int i = 0; i < n; i++)
        pthread_join(t[i], NULL);
}

int main(void)
{
    run(count, N);
    printf("mutex counter: %ld (expect %d)\n", counter, N * M);

    pthread_t p, c[2];
    pthread_create(&p, NULL, producer, NULL);
    for (long i = 0; i < 2; i++)
        pthread_create(&c[i], NULL, consumer, (void *)i);
    pthread_join(p, NULL);
    for (int i = 0; i < 2; i++) { /* one end marker per consumer */
        pthread_mutex_lock(&qmu);
        while (qlen == QSIZE)
            pthread_cond_wait(&not_full, &qmu);
        queue[(qhead + qlen++) % QSIZE] = -1;
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&qmu);
    }
    for (int i = 0; i < 2; i++)
        pthread_join(c[i], NULL);
    printf("condvar queue: consumed %lld (expect %lld)\n", consumed[0] + consumed[1],
           (long long)ITEMS * (ITEMS + 1) / 2);

    run(rw_worker, N);
    printf("rwlock: %d writes, torn reads %d\n", shared_a, torn);

    sem_init(&sem_items, 0, 0);
    sem_init(&sem_done, 0, 0);
    pthread_t s[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&s[i], NULL, sem_worker, NULL);
    for (int i = 0; i < 2000; i++)
        sem_post(&sem_items);
    for (int i = 0; i < 2000; i++)
        sem_wait(&sem_done);
    for (int i = 0; i < 2; i++)
        pthread_join(s[i], NULL);
    printf("semaphores: %d\n", sem_sum);

    pthread_barrier_init(&barrier, NULL, N);
    run(barrier_worker, N);
    printf("barrier: %d serial threads, once ran %d\n", serial_threads, once_runs);

    pthread_mutexattr_t pa;
    pthread_mutexattr_init(&pa);
    pthread_mutexattr_setprotocol(&pa, PTHREAD_PRIO_INHERIT);
    pthread_mutex_init(&pi_mu, &pa);
    run(pi_worker, N);
    printf("PI mutex counter: %ld (expect %d)\n", pi_counter, N * (M / 4));

    pthread_mutex_t tm = PTHREAD_MUTEX_INITIALIZER;
    pthread_cond_t tc = PTHREAD_COND_INITIALIZER;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 20 * 1000 * 1000;
    if (ts.tv_nsec >= 1000000000)
        ts.tv_sec++, ts.tv_nsec -= 1000000000;
    pthread_mutex_lock(&tm);
    int r = pthread_cond_timedwait(&tc, &tm, &ts);
    pthread_mutex_unlock(&tm);
    printf("timed wait: %s\n", r == ETIMEDOUT ? "ETIMEDOUT" : "other");
    return 0;
}
