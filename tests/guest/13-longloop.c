/* 13-longloop: a long-running integer loop (> 10^8 guest instructions:
 * 3*10^7 iterations of an xorshift/LCG/multiply mix with a data-dependent
 * branch and a small table). Long enough that block chaining and the TB
 * lookup fast path dominate; prints only the final checksum. */
#include <stdio.h>
#include <stdint.h>

int main(void)
{
    uint32_t x = 88172645u, y = 12345u, acc = 0;
    uint32_t table[16];
    for (int i = 0; i < 16; i++) table[i] = 0x9e3779b9u * (uint32_t)(i + 1);
    for (uint32_t i = 0; i < 30000000u; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        y = y * 1664525u + 1013904223u;
        if (x & 0x100)
            acc += x ^ (y >> 3);
        else
            acc ^= (acc << 1) + table[y >> 28];
        table[i & 15] += acc;
    }
    printf("x=%08x y=%08x acc=%08x t0=%08x\n", x, y, acc, table[0]);
    return 0;
}
