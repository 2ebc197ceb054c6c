/* 02-printf-int: every integer conversion of printf (%d %i %u %x %X %o %c %s
 * %%), with widths, precisions, the flags "-+ #0", the length modifiers
 * hh h l ll j z t, '*' widths and the limits INT_MIN..ULLONG_MAX.
 * Exercises glibc's vfprintf (big switch, 64-bit division by __udivdi3). */
#include <stdio.h>
#include <limits.h>
#include <stdint.h>
#include <stddef.h>
#include <sys/types.h>

static const char *int_fmts[] = {
    "%d", "%i", "%u", "%x", "%X", "%o", "%5d", "%-5d|", "%05d", "%+d", "% d",
    "%#x", "%#X", "%#o", "%.3d", "%8.3d", "%-8.3d|", "%08.3d", "%+.0d", "%.0d",
    "%#.0o", "%#.0x", "%#08x", "%-#8x|", "%+05d", "% 05d", "%x", "%12u",
};

static const int ints[] = { 0, 1, -1, 7, -7, 42, 255, 256, -256, 65535,
                            100000, -100000, INT_MAX, INT_MIN, INT_MAX - 1,
                            INT_MIN + 1, 0x7f, 0x80, 0xdeadbeef };

int main(void)
{
    unsigned i, j;
    for (i = 0; i < sizeof int_fmts / sizeof *int_fmts; i++) {
        printf("[%-8s]", int_fmts[i]);
        for (j = 0; j < sizeof ints / sizeof *ints; j++) {
            putchar(' ');
            printf(int_fmts[i], ints[j]);
        }
        putchar('\n');
    }

    /* length modifiers */
    printf("hh: %hhd %hhu %hhx %hhd\n", 200, 200, 0x1ff, -129);
    printf("h: %hd %hu %hx %ho\n", 70000, 70000, -1, 0x12345);
    printf("l: %ld %lu %lx %lo\n", LONG_MIN, ULONG_MAX, 0x89abcdefL, 8L);
    printf("ll: %lld %lld %llu %llx %llX %llo\n", LLONG_MIN, LLONG_MAX,
           ULLONG_MAX, 0x0123456789abcdefULL, 0xfedcba9876543210ULL,
           01777777777777777777777ULL);
    printf("ll widths: [%25lld] [%-25lld] [%+025lld] [%.20llu]\n",
           -1234567890123LL, 1234567890123LL, 98765432109876LL, 5ULL);
    printf("j: %jd %ju %jx\n", (intmax_t)INT64_MIN, (uintmax_t)UINT64_MAX,
           (uintmax_t)0x1122334455667788ULL);
    printf("z: %zu %zx %zd\n", (size_t)-1, sizeof(long long), (ssize_t)-5);
    printf("t: %td %tx\n", (ptrdiff_t)-12345, (ptrdiff_t)0x7fff);

    /* chars and strings */
    printf("c: [%c] [%3c] [%-3c] [%c%c%c]\n", 'A', 'b', 'c', 'x', 'y', 'z');
    printf("s: [%s] [%10s] [%-10s] [%.3s] [%10.2s] [%-10.4s] [%s]\n",
           "hello", "right", "left", "truncate", "ab", "abcdefg", "");
    printf("percent: 100%% [%5s%%]\n", "x");

    /* star width and precision */
    for (i = 0; i < 6; i++)
        printf("star %u: [%*d] [%-*d] [%.*d] [%*.*x]\n", i, (int)i, 42,
               (int)i, -3, (int)i, 17, (int)i + 2, (int)i, 0xabc);
    printf("neg star: [%*d]\n", -6, 5);

    /* return value of printf and snprintf counting */
    int n = printf("%d-%s-%x\n", 12345, "abc", 255);
    printf("printf returned %d\n", n);
    char buf[8];
    n = snprintf(buf, sizeof buf, "%lld", LLONG_MIN);
    printf("snprintf truncated to [%s], wanted %d\n", buf, n);

    /* powers of ten and two through 64-bit */
    unsigned long long v = 1;
    for (i = 0; i < 20; i++, v *= 10)
        printf("%llu %llx %llo %lld\n", v, v, v, -(long long)v);
    for (i = 0; i < 64; i += 7)
        printf("2^%u = %llu = %#llx\n", i, 1ULL << i, 1ULL << i);
    return 0;
}
