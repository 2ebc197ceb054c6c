/* 87-threads-exit: thread exit versus process exit (issue 15) — a thread
 * that returns leaves the others running; main calling pthread_exit
 * leaves the process alive until the last thread ends, with that thread's
 * exit status; exit() from a non-main thread ends every thread at once,
 * those spinning in a chained `while (!flag);` loop and those asleep in a
 * futex included (DynamoRIO #517); main returning while they run.
 * cflags: -pthread */
/* levels: O0 O2 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int never;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;

static void *spin(void *arg)
{
    (void)arg;
    while (!never)
        ;
    return NULL;
}

static void *sleeper(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&mu);
    while (!never)
        pthread_cond_wait(&cv, &mu);
    pthread_mutex_unlock(&mu);
    return NULL;
}

static void *exiter(void *arg)
{
    (void)arg;
    usleep(20000);
    printf("exit(3) from a thread\n");
    fflush(stdout);
    exit(3);
}

static void *last(void *arg)
{
    (void)arg;
    usleep(20000);
    printf("last thread ends the process\n");
    fflush(stdout);
    exit(5);
}

int main(void)
{
    pthread_t t;

    for (int i = 0; i < 3; i++) {
        pthread_create(&t, NULL, spin, NULL);
        pthread_create(&t, NULL, sleeper, NULL);
    }
    /* Case 1: a thread calls exit() while the others spin or sleep. */
    if (fork() == 0) {
        pthread_create(&t, NULL, exiter, NULL);
        pthread_join(t, NULL);
        return 99;
    }
    int st;
    wait(&st);
    printf("case 1 status %d\n", WEXITSTATUS(st));
    /* Case 2: main calls pthread_exit; the last thread exits(5). */
    fflush(stdout);
    if (fork() == 0) {
        pthread_create(&t, NULL, last, NULL);
        pthread_exit(NULL);
    }
    wait(&st);
    printf("case 2 status %d\n", WEXITSTATUS(st));
    fflush(stdout);
    /* Case 3: main returns while threads spin and sleep. */
    return 7;
}
