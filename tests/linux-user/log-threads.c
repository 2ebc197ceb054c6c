/* log-threads: three threads that each make system calls and run code
 * while the others do, for tests/linux-user/run-log-threads.sh; prints
 * nothing of its own but the final line, so stderr is the log only.
 * Before the threads, a close_range over every descriptor above 2 (as
 * daemons and subprocess modules do) must leave stitch's log files
 * alone; after them, a fork child logs as a process of its own. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile unsigned sink;

static void *worker(void *arg)
{
    for (int i = 0; i < 50; i++) {
        for (unsigned j = 0; j < 2000; j++)
            sink += j * (unsigned)i;
        getppid();
    }
    return arg;
}

int main(void)
{
    pthread_t t[3];

    getppid(); /* one call while single-threaded */
    syscall(SYS_close_range, 3u, ~0u, 0u);
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    pid_t child = fork();
    if (child == 0) {
        getppid();
        _exit(0);
    }
    waitpid(child, NULL, 0);
    getppid();
    puts("done");
    return 0;
}
