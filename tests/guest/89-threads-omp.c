/* 89-threads-omp: an OpenMP program (libgomp, static): worksharing loops
 * with static, dynamic and guided schedules and reductions, critical,
 * atomic, locks, single, barrier, ordered, sections, tasks with taskwait,
 * threadprivate data, all on an explicit team of 4 threads (libgomp's
 * threads are clone()d pthreads that wait on futexes; issue 15).  Every
 * printed value is exact and independent of the interleaving.
 * cflags: -fopenmp */
/* levels: O0 O2 */
#include <omp.h>
#include <stdio.h>

#define N 20000
#define T 4

static int tp_count;
#pragma omp threadprivate(tp_count)

static long fib(int n)
{
    long a, b;

    if (n < 16) {
        long x = 0, y = 1;
        for (int i = 0; i < n; i++) {
            long t = x + y;
            x = y;
            y = t;
        }
        return x;
    }
#pragma omp task shared(a)
    a = fib(n - 1);
#pragma omp task shared(b)
    b = fib(n - 2);
#pragma omp taskwait
    return a + b;
}

int main(void)
{
    long sum = 0, sq = 0, crit = 0, atom = 0, locked = 0, guided = 0;
    int in_order[64], next = 0, team = 0, singles = 0, after_barrier = 0;
    int sect[3] = {0, 0, 0};
    long f = 0;
    omp_lock_t lock;

    omp_init_lock(&lock);
    omp_set_dynamic(0);
#pragma omp parallel for num_threads(T) schedule(static) reduction(+ : sum)
    for (int i = 1; i <= N; i++)
        sum += i;
#pragma omp parallel for num_threads(T) schedule(dynamic, 7) reduction(+ : sq)
    for (int i = 1; i <= N; i++)
        sq += (long)i * i % 1000;
#pragma omp parallel for num_threads(T) schedule(guided) reduction(+ : guided)
    for (int i = 0; i < N; i++)
        guided += i & 7;
#pragma omp parallel num_threads(T) reduction(+ : team)
    {
        team += 1;
        for (int i = 0; i < 1000; i++) {
#pragma omp critical
            crit += 2;
#pragma omp atomic
            atom += 3;
            omp_set_lock(&lock);
            locked += 5;
            omp_unset_lock(&lock);
        }
#pragma omp single
        singles++;
        tp_count = omp_get_thread_num() + 1;
#pragma omp barrier
#pragma omp atomic
        after_barrier += tp_count;
#pragma omp for ordered schedule(dynamic)
        for (int i = 0; i < 64; i++) {
#pragma omp ordered
            in_order[next++] = i;
        }
#pragma omp sections
        {
#pragma omp section
            sect[0] = 1;
#pragma omp section
            sect[1] = 2;
#pragma omp section
            sect[2] = 3;
        }
#pragma omp single
        f = fib(27);
    }
    omp_destroy_lock(&lock);
    int ordered_ok = next == 64;
    for (int i = 0; i < 64; i++)
        ordered_ok &= in_order[i] == i;
    printf("sum %ld (expect %ld)\n", sum, (long)N * (N + 1) / 2);
    printf("sq %ld guided %ld\n", sq, guided);
    printf("team %d critical %ld atomic %ld lock %ld single %d\n", team, crit, atom, locked,
           singles);
    printf("threadprivate after barrier %d (expect %d)\n", after_barrier, T * (T + 1) / 2);
    printf("ordered %s sections %d %d %d fib(27) %ld\n", ordered_ok ? "ok" : "BROKEN", sect[0],
           sect[1], sect[2], f);
    return 0;
}
