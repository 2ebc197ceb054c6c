/* sieve: Eratosthenes over a byte array, repeated; counts primes.
 * Stresses byte stores, tight inner loops and compare-and-branch. */
#include "bench.h"
#include <string.h>

#define LIMIT 1000000

static unsigned char composite[LIMIT + 1];

static unsigned sieve(void)
{
    unsigned count = 0;
    memset(composite, 0, sizeof composite);
    for (unsigned i = 2; i <= LIMIT; i++) {
        if (composite[i])
            continue;
        count++;
        for (unsigned j = i * 2; j <= LIMIT; j += i)
            composite[j] = 1;
    }
    return count;
}

int main(int argc, char **argv)
{
    long reps = bench_size(argc, argv, 40);
    uint32_t sum = 0;
    for (long r = 0; r < reps; r++)
        sum = sum * 33 + sieve();
    printf("sieve %ld %u\n", reps, sum);
    return 0;
}
