/* 14-sieve: sieve of Eratosthenes up to 2*10^6 over a byte array and up to
 * 10^6 over a bit array; prints prime counts at powers of ten, the last
 * primes, twin-prime count and a checksum. */
#include <stdio.h>
#include <string.h>
#include <stdint.h>

enum { N = 2000000 };
static unsigned char comp[N + 1];
static uint32_t bits[(1000000 >> 5) + 1];

int main(void)
{
    memset(comp, 0, sizeof comp);
    comp[0] = comp[1] = 1;
    for (unsigned i = 2; (unsigned long)i * i <= N; i++)
        if (!comp[i])
            for (unsigned j = i * i; j <= N; j += i)
                comp[j] = 1;
    unsigned count = 0, twins = 0, last = 0, next_pow = 10;
    unsigned long long sum = 0;
    for (unsigned i = 2; i <= N; i++) {
        if (i == next_pow) {
            printf("pi(%u) = %u\n", i, count);
            next_pow *= 10;
        }
        if (!comp[i]) {
            count++;
            sum += i;
            if (i >= 4 && !comp[i - 2]) twins++;
            last = i;
        }
    }
    printf("pi(%u) = %u, last = %u, twins = %u, sum = %llu\n", N, count, last, twins, sum);

    for (unsigned i = 2; i * i <= 1000000; i++)
        if (!(bits[i >> 5] >> (i & 31) & 1))
            for (unsigned j = i * i; j <= 1000000; j += i)
                bits[j >> 5] |= 1u << (j & 31);
    unsigned c2 = 0;
    for (unsigned i = 2; i <= 1000000; i++)
        c2 += !(bits[i >> 5] >> (i & 31) & 1);
    printf("bit sieve pi(1000000) = %u\n", c2);
    return 0;
}
