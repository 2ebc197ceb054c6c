/* 89-memory-order: memory-ordering litmus tests between threads
 * running at once (issue 15), with C11 atomics, so the forbidden outcome
 * is forbidden by the language on every guest and by the hardware on
 * every host:
 *   MP   message passing, release store / acquire load:  r0=1 r1=0
 *   SB   store buffering, seq_cst stores and loads:      r0=0 r1=0
 *   LB   load buffering, acquire loads / release stores: r0=1 r1=1
 *   IRIW independent reads of independent writes, seq_cst, 4 threads:
 *        the readers see the two writes in opposite orders
 * The translated code must keep the guest's fences and ordered accesses
 * (x86-TSO plus MFENCE / LOCK for i386, DMB or the kuser barrier for
 * ARM); the outcomes the host may still show are a subset of what the
 * guest allows.  Each test runs ROUNDS x N instances, the threads
 * re-synchronised every CHUNK instances so they overlap; only the
 * number of forbidden outcomes (0) and the instance count are printed.
 * cflags: -pthread */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>

#define N 1024
#define CHUNK 1
#define ROUNDS 2
#define MAXT 4

static int x[N], y[N], r[MAXT][N], r2[MAXT][N];
static int sense[MAXT];
static volatile int nthreads;
static int test;

#define LD(p, o) __atomic_load_n(p, o)
#define ST(p, v, o) __atomic_store_n(p, v, o)
#define ACQ __ATOMIC_ACQUIRE
#define REL __ATOMIC_RELEASE
#define SC __ATOMIC_SEQ_CST

/* All threads reach chunk c before any starts it: spinning, so they
 * leave together, and yielding after a while, for one core. */
static void chunk_barrier(int me, int c)
{
    ST(&sense[me], c, REL);
    for (int t = 0; t < nthreads; t++)
        for (int spins = 0; LD(&sense[t], ACQ) < c; spins++)
            if (spins > 2000)
                sched_yield();
}

static void run(int me, int i)
{
    switch (test * 4 + me) {
    case 0: ST(&x[i], 1, __ATOMIC_RELAXED); ST(&y[i], 1, REL); break; /* MP */
    case 1: r[1][i] = LD(&y[i], ACQ); r2[1][i] = LD(&x[i], __ATOMIC_RELAXED); break;
    case 4: ST(&x[i], 1, SC); r[0][i] = LD(&y[i], SC); break; /* SB */
    case 5: ST(&y[i], 1, SC); r[1][i] = LD(&x[i], SC); break;
    case 8: r[0][i] = LD(&x[i], ACQ); ST(&y[i], 1, REL); break; /* LB */
    case 9: r[1][i] = LD(&y[i], ACQ); ST(&x[i], 1, REL); break;
    case 12: ST(&x[i], 1, SC); break; /* IRIW */
    case 13: ST(&y[i], 1, SC); break;
    case 14: r[2][i] = LD(&x[i], SC); r2[2][i] = LD(&y[i], SC); break;
    case 15: r[3][i] = LD(&y[i], SC); r2[3][i] = LD(&x[i], SC); break;
    }
}

static void *thread(void *arg)
{
    int me = (int)(long)arg;

    for (int c = 0; c < N / CHUNK; c++) {
        chunk_barrier(me, c + 1);
        for (int i = c * CHUNK; i < (c + 1) * CHUNK; i++)
            run(me, i);
    }
    return NULL;
}

static int forbidden(int i)
{
    switch (test) {
    case 0: return r[1][i] == 1 && r2[1][i] == 0;
    case 1: return r[0][i] == 0 && r[1][i] == 0;
    case 2: return r[0][i] == 1 && r[1][i] == 1;
    default: return r[2][i] == 1 && r2[2][i] == 0 && r[3][i] == 1 && r2[3][i] == 0;
    }
}

int main(void)
{
    static const char *names[] = {"MP", "SB", "LB", "IRIW"};
    static const int threads_of[] = {2, 2, 2, 4};

    for (test = 0; test < 4; test++) {
        long bad = 0, total = 0;
        nthreads = threads_of[test];
        for (int round = 0; round < ROUNDS; round++) {
            pthread_t t[MAXT];
            memset(x, 0, sizeof(x));
            memset(y, 0, sizeof(y));
            memset(r, 0, sizeof(r));
            memset(r2, 0, sizeof(r2));
            memset(sense, 0, sizeof(sense));
            for (int k = 0; k < nthreads; k++)
                pthread_create(&t[k], NULL, thread, (void *)(long)k);
            for (int k = 0; k < nthreads; k++)
                pthread_join(t[k], NULL);
            for (int i = 0; i < N; i++)
                bad += forbidden(i);
            total += N;
        }
        printf("%-4s %ld instances, forbidden outcome %ld times\n", names[test], total, bad);
    }
    return 0;
}
