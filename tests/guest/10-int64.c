/* 10-int64: 64-bit integer arithmetic on a 32-bit guest — add/sub with carry
 * across halves, mul, signed and unsigned div and mod (libgcc's __divdi3,
 * __udivdi3, __moddi3, __umoddi3), shifts by every count 0..63 (shld/shrd and
 * the count>=32 branch), comparisons of every sign combination. Operands pass
 * through volatile so -O2 cannot fold them away. */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>

static const uint64_t vals[] = {
    0, 1, 2, 3, 7, 10, 0xff, 0x100, 0xffffffffULL, 0x100000000ULL,
    0x100000001ULL, 0x7fffffffULL, 0x80000000ULL, 0x123456789abcdef0ULL,
    0x7fffffffffffffffULL, 0x8000000000000000ULL, 0xffffffffffffffffULL,
    0xfffffffffffffffeULL, 1000000007ULL, 0xdeadbeefcafebabeULL,
    (uint64_t)-1000000, (uint64_t)-7, 12345678901234ULL,
};
enum { NV = sizeof vals / sizeof *vals };

static uint64_t h;
static void mix(uint64_t v) { h = (h ^ v) * 0x100000001b3ULL; }

int main(void)
{
    volatile uint64_t va, vb;
    int i, j;
    h = 0xcbf29ce484222325ULL;
    for (i = 0; i < NV; i++) {
        for (j = 0; j < NV; j++) {
            va = vals[i];
            vb = vals[j];
            uint64_t a = va, b = vb;
            int64_t sa = (int64_t)a, sb = (int64_t)b;
            mix(a + b); mix(a - b); mix(a * b);
            mix(a & b); mix(a | b); mix(a ^ b);
            if (b) { mix(a / b); mix(a % b); }
            if (sb && !(sa == INT64_MIN && sb == -1)) { mix((uint64_t)(sa / sb)); mix((uint64_t)(sa % sb)); }
            mix((a < b) | (a <= b) << 1 | (a > b) << 2 | (a >= b) << 3 | (a == b) << 4 |
                (sa < sb) << 5 | (sa <= sb) << 6 | (sa > sb) << 7 | (sa >= sb) << 8);
        }
        if (i % 4 == 0)
            printf("after row %2d hash %016" PRIx64 "\n", i, h);
    }
    printf("binop hash %016" PRIx64 "\n", h);

    /* shifts: every count, printed for one value, hashed for all */
    for (int s = 0; s < 64; s++) {
        volatile int vs = s;
        uint64_t v = 0x8123456789abcdefULL;
        if (s % 8 == 0 || s == 31 || s == 32 || s == 33 || s == 63)
            printf("s=%2d shl=%016" PRIx64 " shr=%016" PRIx64 " sar=%016" PRIx64 "\n",
                   s, v << vs, v >> vs, (uint64_t)((int64_t)v >> vs));
        for (i = 0; i < NV; i++) {
            va = vals[i];
            mix(va << vs); mix(va >> vs); mix((uint64_t)((int64_t)va >> vs));
        }
    }
    printf("shift hash %016" PRIx64 "\n", h);

    /* a few printed samples for human eyes */
    va = 0x123456789ULL; vb = 0x9876ULL;
    printf("%" PRIu64 " * %" PRIu64 " = %" PRIu64 "\n", va, vb, va * vb);
    va = 10000000000000000000ULL; vb = 3;
    printf("%" PRIu64 " / %" PRIu64 " = %" PRIu64 " rem %" PRIu64 "\n", va, vb, va / vb, va % vb);
    int64_t x = -9000000000000000000LL;
    volatile int64_t y = 7;
    printf("%" PRId64 " / %" PRId64 " = %" PRId64 " rem %" PRId64 "\n", x, y, x / y, x % y);
    y = -7;
    printf("%" PRId64 " / %" PRId64 " = %" PRId64 " rem %" PRId64 "\n", x, y, x / y, x % y);
    /* 32x32->64 widening multiply (mul/imul with edx:eax) */
    volatile uint32_t p = 0xfffffff0u, q = 0xfffffff7u;
    volatile int32_t r = -123456789, t = 987654321;
    printf("umul %016" PRIx64 " imul %" PRId64 "\n", (uint64_t)p * q, (int64_t)r * t);
    /* factorials until overflow of uint64 */
    uint64_t f = 1;
    for (unsigned k = 1; k <= 25; k++) {
        f *= k;
        if (k >= 18) printf("%u! mod 2^64 = %" PRIu64 "\n", k, f);
    }
    return 0;
}
