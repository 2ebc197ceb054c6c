/* 86-threads-smc: code written by one thread and run by another (issue 15;
 * FEX PR #4704 missed SMC of code translated by a thread that had exited)
 * — thread A writes a function and runs it, then exits; thread B patches
 * it; thread C runs the patched one.  A runner thread calls a function in
 * a loop until a writer thread's patch shows (it must, or the test hangs
 * and times out); threads run code on a page whose data two other threads
 * keep writing.
 * cflags: -pthread */
/* levels: O0 O2 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

typedef int (*fn_t)(void);
static uint8_t *code;

/* mov $v, %eax; ret */
static void write_fn(uint8_t *p, uint32_t v)
{
    p[0] = 0xb8;
    memcpy(p + 1, &v, 4);
    p[5] = 0xc3;
}

static void *thread_a(void *arg)
{
    (void)arg;
    write_fn(code, 11);
    return (void *)(long)((fn_t)code)();
}

static void *thread_b(void *arg)
{
    (void)arg;
    write_fn(code, 22);
    return NULL;
}

static void *thread_c(void *arg)
{
    (void)arg;
    return (void *)(long)((fn_t)code)();
}

static volatile int started;

static void *runner(void *arg)
{
    fn_t f = (fn_t)(code + 64);
    long n = 0;
    (void)arg;
    while (f() == 1) {
        n++;
        started = 1;
    }
    return (void *)(long)f();
}

/* A page with code at its start and data the writer hammers at its end. */
static volatile int stop_mixed;

static void *mixed_writer(void *arg)
{
    volatile uint32_t *data = (volatile uint32_t *)(code + 4096 + (long)arg);
    for (uint32_t i = 0; !stop_mixed; i++)
        data[i % 64] = i;
    return NULL;
}

static void *mixed_runner(void *arg)
{
    fn_t f = (fn_t)(code + 4096);
    long sum = 0;
    (void)arg;
    for (int i = 0; i < 20000; i++)
        sum += f();
    return (void *)sum;
}

int main(void)
{
    pthread_t t;
    void *r;

    code = mmap(NULL, 8192, PROT_READ | PROT_WRITE | PROT_EXEC,
                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    pthread_create(&t, NULL, thread_a, NULL);
    pthread_join(t, &r);
    printf("A ran its own code: %ld\n", (long)r);
    pthread_create(&t, NULL, thread_b, NULL);
    pthread_join(t, NULL);
    pthread_create(&t, NULL, thread_c, NULL);
    pthread_join(t, &r);
    printf("C ran B's patch: %ld\n", (long)r);

    write_fn(code + 64, 1);
    pthread_create(&t, NULL, runner, NULL);
    while (!started)
        usleep(1000);
    usleep(10000);
    write_fn(code + 64, 2);
    pthread_join(t, &r);
    printf("runner saw the patch: %ld\n", (long)r);

    write_fn(code + 4096, 3);
    pthread_t w[2], m[2];
    /* two writers: both stores can fault on the protected page at once */
    for (long i = 0; i < 2; i++)
        pthread_create(&w[i], NULL, mixed_writer, (void *)(2048 + 1024 * i));
    for (int i = 0; i < 2; i++)
        pthread_create(&m[i], NULL, mixed_runner, NULL);
    long total = 0;
    for (int i = 0; i < 2; i++) {
        pthread_join(m[i], &r);
        total += (long)r;
    }
    stop_mixed = 1;
    for (int i = 0; i < 2; i++)
        pthread_join(w[i], NULL);
    printf("code beside hammered data: %ld (expect %d)\n", total, 2 * 20000 * 3);
    return 0;
}
