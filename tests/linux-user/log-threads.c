/* log-threads: three threads that each make system calls and run code
 * while the others do, for tests/linux-user/run-log-threads.sh; prints
 * nothing of its own but the final line, so stderr is the log only. */
#include <pthread.h>
#include <stdio.h>
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
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    puts("done");
    return 0;
}
