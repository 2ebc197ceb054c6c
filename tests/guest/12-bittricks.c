/* 12-bittricks: popcount, clz, ctz, ffs, parity (builtins, which become
 * bsr/bsf or libgcc calls at -O0/-O2), rotates written as shift-or (gcc turns
 * them into rol/ror), byte swaps (bswap / xchg of halves), bit reversal, and
 * the classic Hacker's-Delight identities, over a fixed value table and an
 * LCG stream. Every builtin is also checked against a loop version. */
#include <stdio.h>
#include <stdint.h>

static int naive_pop(uint32_t x) { int n = 0; while (x) { n += x & 1; x >>= 1; } return n; }
static int naive_clz(uint32_t x) { int n = 0; while (!(x & 0x80000000u)) { n++; x <<= 1; } return n; }
static int naive_ctz(uint32_t x) { int n = 0; while (!(x & 1)) { n++; x >>= 1; } return n; }
static uint32_t rol(uint32_t x, unsigned r) { r &= 31; return (x << r) | (x >> ((32 - r) & 31)); }
static uint32_t ror(uint32_t x, unsigned r) { r &= 31; return (x >> r) | (x << ((32 - r) & 31)); }
static uint16_t rol16(uint16_t x, unsigned r) { r &= 15; return (uint16_t)((x << r) | (x >> ((16 - r) & 15))); }
static uint8_t rol8(uint8_t x, unsigned r) { r &= 7; return (uint8_t)((x << r) | (x >> ((8 - r) & 7))); }
static uint32_t bswap_naive(uint32_t x)
{
    return (x >> 24) | ((x >> 8) & 0xff00) | ((x << 8) & 0xff0000) | (x << 24);
}
static uint32_t rev(uint32_t x)
{
    x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
    x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
    x = ((x >> 4) & 0x0f0f0f0fu) | ((x & 0x0f0f0f0fu) << 4);
    return bswap_naive(x);
}

int main(void)
{
    static const uint32_t tab[] = { 1, 2, 3, 0x80000000u, 0xffffffffu, 0x7fffffffu,
        0x12345678u, 0xdeadbeefu, 0x00010000u, 0x000000f0u, 0xaaaaaaaau, 0x55555555u,
        0x00ff00ffu, 0x80000001u, 6, 1000000 };
    int errors = 0;
    for (unsigned i = 0; i < sizeof tab / sizeof *tab; i++) {
        volatile uint32_t x = tab[i];
        printf("%08x pop=%2d clz=%2d ctz=%2d ffs=%2d par=%d rol7=%08x ror13=%08x "
               "bswap=%08x rev=%08x lowbit=%08x\n",
               x, __builtin_popcount(x), __builtin_clz(x), __builtin_ctz(x),
               __builtin_ffs(x), __builtin_parity(x), rol(x, 7), ror(x, 13),
               __builtin_bswap32(x), rev(x), x & -x);
    }
    volatile uint64_t q = 0x0000f00000000100ULL;
    printf("64: pop=%d clz=%d ctz=%d bswap=%016llx ffs0=%d\n", __builtin_popcountll(q),
           __builtin_clzll(q), __builtin_ctzll(q),
           (unsigned long long)__builtin_bswap64(q), __builtin_ffs(0));
    volatile uint16_t h = 0x1234;
    printf("16: bswap=%04x rol16_4=%04x rol8=%02x\n", __builtin_bswap16(h), rol16(h, 4),
           rol8(0x81, 3));

    uint32_t s = 0x9e3779b9u, acc = 0;
    for (int i = 0; i < 100000; i++) {
        s ^= s << 13; s ^= s >> 17; s ^= s << 5;
        uint32_t x = s | 1;
        volatile unsigned r = i & 31;
        if (__builtin_popcount(x) != naive_pop(x)) errors++;
        if (__builtin_clz(x) != naive_clz(x)) errors++;
        if (__builtin_ctz(x) != naive_ctz(x)) errors++;
        if (__builtin_bswap32(x) != bswap_naive(x)) errors++;
        if (ror(rol(x, r), r) != x) errors++;
        if (__builtin_parity(x) != (naive_pop(x) & 1)) errors++;
        /* (x & (x-1)) clears the lowest bit; x | (x+1) sets the lowest 0 */
        if (naive_pop(x & (x - 1)) != naive_pop(x) - 1) errors++;
        acc = rol(acc, 5) ^ x ^ (x & (x - 1)) ^ (x | (x + 1)) ^ rev(x);
        /* average without overflow, abs without branch, sign */
        int32_t sx = (int32_t)s, m = sx >> 31;
        acc += ((s & 0x12345) + ((s ^ 0x12345) >> 1)) + (uint32_t)((sx ^ m) - m) +
               (uint32_t)((sx > 0) - (sx < 0));
    }
    printf("stream acc=%08x errors=%d\n", acc, errors);
    return errors != 0;
}
