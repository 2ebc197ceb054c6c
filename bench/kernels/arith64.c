/* arith64: 64-bit integer arithmetic on a 32-bit guest: multiply, divide
 * and modulo (libgcc's __udivdi3/__umoddi3), shifts across the word
 * boundary, add-with-carry chains.  Modular exponentiation and a 64-bit
 * linear congruential mix. */
#include "bench.h"

static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m)
{
    uint64_t r = 0;
    a %= m;
    while (b) {
        if (b & 1) {
            r += a;
            if (r >= m) r -= m;
        }
        a <<= 1;
        if (a >= m) a -= m;
        b >>= 1;
    }
    return r;
}

static uint64_t powmod(uint64_t b, uint64_t e, uint64_t m)
{
    uint64_t r = 1;
    while (e) {
        if (e & 1)
            r = mulmod(r, b, m);
        b = mulmod(b, b, m);
        e >>= 1;
    }
    return r;
}

int main(int argc, char **argv)
{
    long reps = bench_size(argc, argv, 6000);
    uint64_t x = 0x123456789abcdefull, acc = 0;
    const uint64_t m = 0xffffffffffc5ull;        /* a 48-bit modulus */
    for (long r = 0; r < reps; r++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        acc ^= powmod(x >> 8, 0x10001 + r, m);
        acc += x / (r + 3) + x % 1000003;
        acc = (acc << 13) | (acc >> 51);
    }
    printf("arith64 %ld %016llx\n", reps, (unsigned long long)acc);
    return 0;
}
