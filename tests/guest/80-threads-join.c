/* 80-threads-join: guest threads are host threads (issue 15) — create and
 * join many pthreads that compute in parallel and return values; arguments
 * and results cross threads; detached threads; 1000 short-lived threads
 * with small stacks, a few at a time (glibc tries clone3 first: stitch
 * answers ENOSYS, and glibc falls back to clone); gettid differs per
 * thread and equals the pid in main.
 * Output comes only from main, after the joins, in a fixed order.
 * cflags: -pthread */
/* levels: O0 O2 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#define N 16

static long results[N];
static pid_t tids[N];

static void *work(void *arg)
{
    long id = (long)arg, s = 0;

    for (long i = 0; i < 300000; i++)
        s += (i * (id + 1)) % 7;
    results[id] = s;
    tids[id] = (pid_t)syscall(SYS_gettid);
    return (void *)(id * 100);
}

static int short_done;
static pthread_mutex_t short_lock = PTHREAD_MUTEX_INITIALIZER;

static void *short_lived(void *arg)
{
    pthread_mutex_lock(&short_lock);
    short_done += (int)(long)arg;
    pthread_mutex_unlock(&short_lock);
    return NULL;
}

static void *detached(void *arg)
{
    *(volatile int *)arg = 42;
    return NULL;
}

int main(void)
{
    pthread_t t[N];

    for (long i = 0; i < N; i++)
        if (pthread_create(&t[i], NULL, work, (void *)i) != 0)
            return 1;
    for (int i = 0; i < N; i++) {
        void *r;
        pthread_join(t[i], &r);
        printf("thread %2d: sum %ld returned %ld\n", i, results[i], (long)r);
    }
    int distinct = 1;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < i; j++)
            distinct &= tids[i] != tids[j] && tids[i] != getpid();
    printf("distinct tids: %d, main tid is pid: %d\n", distinct,
           (pid_t)syscall(SYS_gettid) == getpid());

    /* 1000 threads with 64 KiB stacks, 8 at a time. */
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    for (int round = 0; round < 125; round++) {
        pthread_t s[8];
        for (long i = 0; i < 8; i++)
            if (pthread_create(&s[i], &attr, short_lived, (void *)(i + 1)) != 0)
                return 2;
        for (int i = 0; i < 8; i++)
            pthread_join(s[i], NULL);
    }
    printf("short-lived threads: sum %d (expect %d)\n", short_done, 125 * 36);

    volatile int flag = 0;
    pthread_t d;
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_create(&d, &attr, detached, (void *)&flag);
    while (!flag)
        sched_yield();
    printf("detached thread ran: %d\n", flag);

    return 0;
}
