/* threads: the threaded program tests/gdbstub/run-gdb.sh debugs under
 * stitch.  The first thread stops at a breakpoint in hit() once main has
 * reached wait_for() (and stays there or in pthread_join); the second
 * thread then writes `watched`, which a watchpoint catches. */
#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdio.h>

int watched;
int hits;
static sem_t go;
static volatile int main_waits;

void wait_for(pthread_t t)
{
    main_waits = 1;
    pthread_join(t, NULL);
}

void hit(int id)
{
    hits += id;
}

static void *first(void *arg)
{
    while (!main_waits)
        ;
    hit((int)(intptr_t)arg);
    return NULL;
}

static void *second(void *arg)
{
    (void)arg;
    sem_wait(&go);
    watched = 7;
    watched = 7; /* the same value again: not a change */
    watched = 9;
    return NULL;
}

int main(void)
{
    pthread_t a, b;

    sem_init(&go, 0, 0);
    pthread_create(&b, NULL, second, NULL);
    pthread_create(&a, NULL, first, (void *)(intptr_t)1);
    wait_for(a);
    sem_post(&go);
    pthread_join(b, NULL);
    printf("hits=%d watched=%d\n", hits, watched);
    return 0;
}
