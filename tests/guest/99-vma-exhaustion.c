/*
 * A program that splits its mappings until the kernel refuses
 * (vm.max_map_count: mmap and mprotect say ENOMEM, mm/mmap.c), then
 * frees them all and goes on: threads, a /proc read, more mappings.
 * Natively only the program's calls fail; stitch, whose own mappings
 * count against the same limit, must not die of it.
 * levels: O0 O2
 */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGES 4096 /* pages per chunk: every other one made read-only */

static void *chunks[4096];
static sem_t go;

/* Started before the limit is reached, ends while it is. */
static void *waiter(void *arg)
{
    sem_wait(&go);
    *(int *)arg = 1;
    return NULL;
}

static void *worker(void *arg)
{
    char buf[4096];
    FILE *f = fopen("/proc/self/status", "r");
    size_t n = f ? fread(buf, 1, sizeof(buf), f) : 0;

    if (f)
        fclose(f);
    *(int *)arg = n > 0;
    return NULL;
}

int main(void)
{
    long page = sysconf(_SC_PAGESIZE);
    int failed_errno = 0, nchunks = 0, ended[2] = { 0 };
    pthread_t w[2];

    sem_init(&go, 0, 0);
    for (int i = 0; i < 2; i++)
        pthread_create(&w[i], NULL, waiter, &ended[i]);

    for (; nchunks < 4096 && !failed_errno; nchunks++) {
        char *p = mmap(NULL, PAGES * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) {
            failed_errno = errno;
            break;
        }
        chunks[nchunks] = p;
        for (int i = 1; i < PAGES && !failed_errno; i += 2)
            if (mprotect(p + i * page, page, PROT_READ) != 0)
                failed_errno = errno;
    }
    printf("the kernel refused with %s\n", strerror(failed_errno));
    int st = 0;
    worker(&st);
    printf("status read at the limit: %d\n", st);
    sem_post(&go);
    sem_post(&go);
    for (int i = 0; i < 2; i++)
        pthread_join(w[i], NULL);
    printf("threads ended at the limit: %d %d\n", ended[0], ended[1]);
    for (int i = 0; i < nchunks; i++)
        munmap(chunks[i], PAGES * page);

    int ok[4] = { 0 };
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, worker, &ok[i]);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    printf("threads read status: %d %d %d %d\n", ok[0], ok[1], ok[2], ok[3]);
    char *p = mmap(NULL, 16 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("mapping again: %s\n", p == MAP_FAILED ? strerror(errno) : "ok");
    return 0;
}
