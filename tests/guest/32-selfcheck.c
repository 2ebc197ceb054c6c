/* 32-selfcheck: a program that checks its own computations against known
 * answers and exits 0 only if all hold (status = number of failures, and a
 * line per failure) — useful because a wrong answer cannot hide as
 * "the same wrong output both ways" when the exit status also differs. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <stdint.h>

static int failures, checks;
#define CHECK(cond) do { checks++; if (!(cond)) { failures++; printf("FAILED line %d: %s\n", __LINE__, #cond); } } while (0)

static uint64_t isqrt64(uint64_t n)
{
    if (n < 2) return n;
    uint64_t x = n / 2 + 1, y = (x + n / x) / 2;
    while (y < x) { x = y; y = (x + n / x) / 2; }
    return x;
}

static uint32_t powmod(uint32_t b, uint32_t e, uint32_t m)
{
    uint64_t r = 1, x = b % m;
    while (e) { if (e & 1) r = r * x % m; x = x * x % m; e >>= 1; }
    return (uint32_t)r;
}

static int cmpi(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

int main(void)
{
    volatile int zero = 0;
    CHECK(1 + 1 == 2);
    CHECK(zero - 1 == -1);
    CHECK((unsigned)(zero - 1) == 0xffffffffu);
    CHECK(-7 / (2 + zero) == -3 && -7 % (2 + zero) == -1);
    CHECK((-8 + zero) >> 1 == -4);
    CHECK(isqrt64(1000000000000ULL) == 1000000);
    CHECK(isqrt64(0xffffffffffffffffULL) == 0xffffffffULL);
    CHECK(powmod(2, 1000000, 1000000007) == 235042059);
    CHECK(powmod(3, 0, 7) == 1);
    CHECK(__builtin_popcount(0xf0f0f0f0u + zero) == 16);
    CHECK(__builtin_clz(1u + zero) == 31 && __builtin_ctz(0x80000000u + zero) == 31);
    CHECK(__builtin_bswap32(0x01020304u + zero) == 0x04030201u);
    CHECK((uint64_t)0xffffffffu * 0xffffffffu == 0xfffffffe00000001ULL);
    CHECK(0x123456789abcdefULL / (10 + zero) == 8198552921648689ULL);
    CHECK(-0x123456789abcdefLL % (1000 + zero) == -895);
    CHECK(strlen("hello") == 5 && strcmp("a", "b") < 0 && memcmp("ab", "ab", 2) == 0);
    char buf[32];
    snprintf(buf, sizeof buf, "%d/%x/%o/%s", -12, 255, 8, "ok");
    CHECK(strcmp(buf, "-12/ff/10/ok") == 0);
    CHECK(strtol("-0x10", NULL, 0) == -16 && atoi("  77z") == 77);
    int v[] = { 5, 3, 9, 1, 7 };
    qsort(v, 5, sizeof v[0], cmpi);
    CHECK(v[0] == 1 && v[1] == 3 && v[2] == 5 && v[3] == 7 && v[4] == 9);
    uint32_t h = 2166136261u;
    for (const char *p = "stitch"; *p; p++) h = (h ^ (unsigned char)*p) * 16777619u;
    CHECK(h == 0x672d92d4u);   /* FNV-1a("stitch") */
    unsigned sumsq = 0;
    for (unsigned i = 1; i <= 1000; i++) sumsq += i * i;
    CHECK(sumsq == 333833500u);
    unsigned long long fact = 1;
    for (int i = 2; i <= 20; i++) fact *= (unsigned)i;
    CHECK(fact == 2432902008176640000ULL);
    int primes = 0;
    for (int n = 2; n < 10000; n++) {
        int p = 1;
        for (int d = 2; d * d <= n; d++) if (n % d == 0) { p = 0; break; }
        primes += p;
    }
    CHECK(primes == 1229);
    signed char sc = (signed char)(0x80 + zero);
    unsigned char uc = (unsigned char)(0x80 + zero);
    CHECK(sc == -128 && uc == 128 && (int)sc + (int)uc == 0);
    short s = (short)(0x8000 + zero);
    CHECK(s == -32768 && (unsigned short)s == 32768);
    uint32_t x = 0x80000000u + (unsigned)zero;
    CHECK((x << 1) == 0 && (x >> 31) == 1 && ((int32_t)x >> 31) == -1);
    CHECK(((x >> 4) | (x << 28)) == 0x08000000u);
    printf("fnv(stitch)=%08x\n", h);
    printf("%d checks, %d failures\n", checks, failures);
    return failures;
}
