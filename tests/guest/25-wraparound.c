/* 25-wraparound: unsigned modular arithmetic at every width — overflow of
 * add/sub/mul at 8, 16, 32 and 64 bits, decrementing past zero, carry
 * detection via (a + b < a) and __builtin_*_overflow (which compile to
 * jc/jo/seto on i386), and an LCG that relies on 2^32 wraparound. */
#include <stdio.h>
#include <stdint.h>

static volatile uint32_t T32[] = { 0, 1, 2, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 0x10000, 12345 };

int main(void)
{
    volatile uint8_t a8 = 250;
    volatile uint16_t a16 = 65530;
    uint8_t r8 = (uint8_t)(a8 + 10);
    uint16_t r16 = (uint16_t)(a16 + 10);
    printf("u8 250+10=%u 5-10=%u 16*16=%u\n", r8, (uint8_t)(5 - 10), (uint8_t)(a8 * a8));
    printf("u16 65530+10=%u 0-1=%u 300*300=%u\n", r16, (uint16_t)(0 - 1), (uint16_t)(300 * 300));
    unsigned cnt = 0;
    for (volatile uint8_t x = 0; ++cnt < 1000 && x != 255; x += 7) { }
    printf("u8 stepping by 7 hits 255 after %u steps\n", cnt);

    unsigned carries = 0, ovf = 0, sovf = 0, mulovf = 0, smulovf = 0;
    uint32_t h = 0;
    int n = sizeof T32 / sizeof *T32;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            uint32_t a = T32[i], b = T32[j], r;
            int32_t sr;
            carries += a + b < a;
            ovf += __builtin_add_overflow(a, b, &r);
            h = h * 31 + r;
            ovf += __builtin_sub_overflow(a, b, &r);
            h = h * 31 + r;
            sovf += __builtin_add_overflow((int32_t)a, (int32_t)b, &sr);
            h = h * 31 + (uint32_t)sr;
            sovf += __builtin_sub_overflow((int32_t)a, (int32_t)b, &sr);
            h = h * 31 + (uint32_t)sr;
            mulovf += __builtin_mul_overflow(a, b, &r);
            h = h * 31 + r;
            smulovf += __builtin_mul_overflow((int32_t)a, (int32_t)b, &sr);
            h = h * 31 + (uint32_t)sr;
        }
    printf("carries=%u u-ovf=%u s-ovf=%u umul-ovf=%u smul-ovf=%u hash=%08x\n", carries, ovf,
           sovf, mulovf, smulovf, h);

    volatile uint64_t m = 0xffffffffffffffffULL;
    printf("u64 max+1=%llu max*max=%llu 0-1=%llu\n", (unsigned long long)(m + 1),
           (unsigned long long)(m * m), (unsigned long long)(0ULL - 1));
    uint64_t r64, q64;
    int ao = __builtin_add_overflow(m, 1ULL, &r64);
    int mo = __builtin_mul_overflow((uint64_t)0x100000000ULL + (m & 1) - 1, (uint64_t)0x100000000ULL, &q64);
    printf("u64 add ovf=%d (%llu) mul ovf=%d (%llu)\n", ao, (unsigned long long)r64, mo,
           (unsigned long long)q64);

    uint32_t s = 1;
    for (int i = 0; i < 1000000; i++) s = s * 1103515245u + 12345u;
    printf("LCG after 10^6 steps: %u\n", s);
    volatile unsigned z = 0;
    z--;
    printf("0u-- = %u, /2 = %u, >>31 = %u\n", z, z / 2, z >> 31);
    return 0;
}
