/* ptrchase: walk a linked list laid out as one random cycle through a
 * 4 MiB array.  Every load depends on the previous one, so this measures
 * load latency through the guest address translation (none in user mode:
 * guest addresses are host addresses plus a base). */
#include "bench.h"

#define N (1 << 20)

static uint32_t next[N];

int main(int argc, char **argv)
{
    long steps = bench_size(argc, argv, 60000000);
    uint32_t seed = 11;
    /* Sattolo's algorithm: a single cycle through every element. */
    for (uint32_t i = 0; i < N; i++)
        next[i] = i;
    for (uint32_t i = N - 1; i > 0; i--) {
        uint32_t j = bench_rand(&seed) % i;
        uint32_t t = next[i]; next[i] = next[j]; next[j] = t;
    }
    uint32_t p = 0, sum = 0;
    for (long s = 0; s < steps; s++) {
        p = next[p];
        sum += p;
    }
    printf("ptrchase %ld %u %u\n", steps, p, sum);
    return 0;
}
