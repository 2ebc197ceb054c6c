/* 89-threads-exec: execve from a thread that is not the main one while
 * the others spin, sleep in a futex wait and block in read
 * (fs/exec.c de_thread): every other thread is gone, the new program runs
 * with the process's pid (the exec'ing thread takes it over) and one
 * thread (each old thread's /proc/self/task entry is gone; the count is
 * not printed: --threads=serial adds a host thread of stitch's own), and
 * its exit status is the process's.
 * args: start
 * cflags: -pthread */
/* levels: O0 O2 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pthread_barrier_t ready;
static int fds[2];
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;

static int tids[5];

static void *tid_of(int k)
{
    tids[k] = gettid();
    return NULL;
}

/* How many of the tids in argv still have a /proc/self/task entry. */
static int alive(char **tid)
{
    char path[64];
    int n = 0;

    for (; *tid; tid++) {
        snprintf(path, sizeof(path), "/proc/self/task/%s", *tid);
        n += access(path, F_OK) == 0;
    }
    return n;
}

static void *spinner(void *arg)
{
    tid_of(0);
    pthread_barrier_wait(&ready);
    for (volatile unsigned long i = 0;; i++)
        ;
    return arg;
}

static void *sleeper(void *arg)
{
    tid_of(1);
    pthread_barrier_wait(&ready);
    pthread_mutex_lock(&mu);
    for (;;)
        pthread_cond_wait(&cv, &mu);
    return arg;
}

static void *reader(void *arg)
{
    char c;

    tid_of(2);
    pthread_barrier_wait(&ready);
    if (read(fds[0], &c, 1) == 1)
        puts("read returned");
    return arg;
}

static void *execer(void *arg)
{
    char pid[16], t[4][16];
    char *argv[] = {"89-threads-exec", "after", pid, t[0], t[1], t[2], t[3], NULL};

    pthread_barrier_wait(&ready);
    tids[3] = (int)getpid(); /* main */
    snprintf(pid, sizeof(pid), "%d", (int)getpid());
    for (int k = 0; k < 4; k++)
        snprintf(t[k], sizeof(t[k]), "%d", tids[k]);
    execv("/proc/self/exe", argv);
    perror("execv");
    exit(1);
    return arg;
}

int main(int argc, char **argv)
{
    pthread_t t[4];

    if (argc > 2 && !strcmp(argv[1], "after")) {
        printf("after exec: same pid %s, main thread's tid %s, %d of 3 other threads left\n",
               atoi(argv[2]) == getpid() ? "yes" : "no",
               access("/proc/self/task/", F_OK) == 0 && atoi(argv[6]) == getpid() ? "is ours"
                                                                                 : "gone",
               alive(argv + 3) - (atoi(argv[6]) == getpid()));
        return 7;
    }
    if (pipe(fds) < 0)
        return 1;
    pthread_barrier_init(&ready, NULL, 5);
    pthread_create(&t[0], NULL, spinner, NULL);
    pthread_create(&t[1], NULL, sleeper, NULL);
    pthread_create(&t[2], NULL, reader, NULL);
    pthread_create(&t[3], NULL, execer, NULL);
    puts("before exec");
    fflush(stdout);
    pthread_barrier_wait(&ready);
    for (;;) /* main waits too, until the exec ends it */
        pause();
}
