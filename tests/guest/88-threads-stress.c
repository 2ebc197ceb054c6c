/* 88-threads-stress: many threads translating at once (issue 15) — 64
 * distinct functions, each thread calling them in its own order so that
 * translations, jump-cache fills, chaining and (with -tb-size 64k, as
 * check-engine runs every test) code-buffer flushes happen concurrently;
 * every thread's checksum must be exact.
 * cflags: -pthread */
/* levels: O0 O2 */
#include <pthread.h>
#include <stdio.h>

#define N 8

#define F(n)                                                                 \
    static unsigned f##n(unsigned x)                                         \
    {                                                                        \
        for (int i = 0; i < (n % 7) + 1; i++)                                \
            x = x * (2 * n + 1) + (x >> ((n % 13) + 1)) + n;                 \
        return x;                                                            \
    }
#define F8(a) F(a##0) F(a##1) F(a##2) F(a##3) F(a##4) F(a##5) F(a##6) F(a##7)
F8(1) F8(2) F8(3) F8(4) F8(5) F8(6) F8(7) F8(8)
#define P8(a) f##a##0, f##a##1, f##a##2, f##a##3, f##a##4, f##a##5, f##a##6, f##a##7,
static unsigned (*const fs[64])(unsigned) = {P8(1) P8(2) P8(3) P8(4) P8(5) P8(6) P8(7) P8(8)};

static unsigned sums[N];

static void *work(void *arg)
{
    unsigned id = (unsigned)(long)arg, x = id, k = id * 7 + 1;

    for (int round = 0; round < 3000; round++)
        for (int j = 0; j < 64; j++) {
            k = k * 1103515245u + 12345u;
            x = fs[(k >> 16) % 64](x);
        }
    sums[id] = x;
    return NULL;
}

int main(void)
{
    pthread_t t[N];

    for (long i = 0; i < N; i++)
        pthread_create(&t[i], NULL, work, (void *)i);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < N; i++)
        printf("thread %d: %08x\n", i, sums[i]);
    return 0;
}
