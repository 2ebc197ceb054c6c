/* 87-threads-exit-fd-table-full: threads end normally while the guest's
 * descriptor table is full.  A thread's exit must not need a descriptor:
 * natively the kernel just ends the task.  stitch ended its host thread
 * with pthread_exit, whose unwinder glibc loads on first use (dlopen of
 * libgcc_s.so.1): with no descriptor free that failed and glibc aborted
 * the whole process ("libgcc_s.so.1 must be installed for pthread_exit
 * to work").  The same dlopen raced with another guest thread closing
 * the descriptor it had just opened.
 * Here: workers that return (joined and detached), then the main thread
 * leaves with the exit system call while a worker finishes the program.
 * cflags: -pthread */
/* levels: O0 O2 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#define ROUNDS 20

static int detached_done;

static void *work(void *arg)
{
    return (void *)((long)arg * 3);
}

static void *detached(void *arg)
{
    (void)arg;
    __atomic_add_fetch(&detached_done, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

static int main_left;

/* Runs on after main's thread has gone and ends the process. */
static void *last(void *arg)
{
    char line[64];
    int n;

    (void)arg;
    while (!__atomic_load_n(&main_left, __ATOMIC_SEQ_CST))
        usleep(1000);
    usleep(50000); /* main's exit system call has run by now */
    n = snprintf(line, sizeof(line), "last thread ends the process\n");
    write(1, line, (size_t)n);
    _exit(0);
}

static void fill_table(void)
{
    struct rlimit r;
    int fd, err;

    getrlimit(RLIMIT_NOFILE, &r);
    r.rlim_cur = 64;
    if (setrlimit(RLIMIT_NOFILE, &r) != 0) {
        perror("setrlimit");
        _exit(1);
    }
    while ((fd = open("/dev/null", O_RDONLY)) >= 0)
        ;
    err = errno;
    printf("table full: %s\n", strerror(err));
}

int main(void)
{
    pthread_attr_t attr;
    pthread_t t;
    long sum = 0;

    fill_table();
    for (long i = 0; i < ROUNDS; i++) {
        void *ret;

        if (pthread_create(&t, NULL, work, (void *)i) != 0) {
            printf("pthread_create failed\n");
            return 1;
        }
        pthread_join(t, &ret);
        sum += (long)ret;
    }
    printf("joined %d workers, sum %ld\n", ROUNDS, sum);

    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    for (int i = 0; i < ROUNDS; i++)
        pthread_create(&t, &attr, detached, NULL);
    while (__atomic_load_n(&detached_done, __ATOMIC_SEQ_CST) < ROUNDS)
        usleep(1000);
    usleep(20000);
    printf("detached %d workers done\n", ROUNDS);

    fflush(stdout);
    pthread_create(&t, NULL, last, NULL);
    __atomic_store_n(&main_left, 1, __ATOMIC_SEQ_CST);
    syscall(SYS_exit, 0);
    return 2;
}
