/* 18-convert: number <-> text round trips — sprintf/snprintf into buffers,
 * sscanf with %d %i %u %x %o %s %c %[...] %n and widths, strtol/strtoul/
 * strtoll/strtoull in bases 0, 2, 8, 10, 16, 36 with endptr and ERANGE
 * overflow, atoi/atol, and snprintf truncation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <limits.h>

int main(void)
{
    char buf[128];
    int bad = 0;

    /* round trip through sprintf + strtol for many values */
    long v = 1;
    for (int i = 0; i < 200; i++) {
        v = v * 7 + i - 31 * (i & 1) * v / 4;
        if (v > 1000000000L || v < -1000000000L) v /= 1000;
        sprintf(buf, "%ld", v);
        if (strtol(buf, NULL, 10) != v) bad++;
        sprintf(buf, "%#lx", (unsigned long)v);
        if ((long)strtoul(buf, NULL, 0) != v) bad++;
        sprintf(buf, "%lo", (unsigned long)v);
        if ((long)strtoul(buf, NULL, 8) != v) bad++;
    }
    printf("round trips bad=%d\n", bad);

    static const char *ins[] = { "0", "-0", "42", "  -17xyz", "+99", "0x1F", "0X1f", "017",
                                 "09", "z", "", "2147483647", "2147483648", "-2147483649",
                                 "4294967295", "4294967296", "-1", "  0x", "1e5",
                                 "9223372036854775807", "9223372036854775808" };
    static const int bases[] = { 0, 10, 16, 8, 2, 36 };
    for (unsigned i = 0; i < sizeof ins / sizeof *ins; i++) {
        printf("%-22s", ins[i]);
        for (unsigned b = 0; b < sizeof bases / sizeof *bases; b++) {
            char *end;
            errno = 0;
            long r = strtol(ins[i], &end, bases[b]);
            printf(" b%d:%ld/%d%s", bases[b], r, (int)(end - ins[i]), errno == ERANGE ? "R" : "");
        }
        errno = 0;
        char *end;
        unsigned long u = strtoul(ins[i], &end, 0);
        printf(" ul:%lu%s", u, errno == ERANGE ? "R" : "");
        errno = 0;
        long long ll = strtoll(ins[i], &end, 0);
        printf(" ll:%lld%s", ll, errno == ERANGE ? "R" : "");
        errno = 0;
        unsigned long long ull = strtoull(ins[i], &end, 0);
        /* Read errno before atoi runs: the order in which printf's
         * arguments are evaluated is the ABI's (right to left on i386). */
        int ull_range = errno == ERANGE;
        printf(" ull:%llu%s atoi:%d\n", ull, ull_range ? "R" : "", atoi(ins[i]));
    }
    printf("base2 %ld base36 %ld atol %ld\n", strtol("101101", NULL, 2),
           strtol("Zz", NULL, 36), atol("  123456789"));

    /* sscanf */
    int a, b, c, n1, n2;
    unsigned u;
    char word[16], rest[32], ch;
    int got = sscanf("12 -34 0x7f rest-of-line", "%d %i %x %n%s", &a, &b, &u, &n1, rest);
    printf("sscanf got=%d a=%d b=%d u=%u n=%d rest=%s\n", got, a, b, u, n1, rest);
    got = sscanf("0777 0x10 -010", "%i %i %i", &a, &b, &c);
    printf("sscanf %%i got=%d %d %d %d\n", got, a, b, c);
    got = sscanf("abcdefghij,klm", "%4s%[^,],%c%n", word, rest, &ch, &n2);
    printf("sscanf got=%d word=%s set=%s ch=%c n=%d\n", got, word, rest, ch, n2);
    got = sscanf("key = value ; 3", "%15[a-z] = %31[a-z] ; %d", word, rest, &a);
    printf("sscanf got=%d [%s]=[%s] %d\n", got, word, rest, a);
    got = sscanf("  ", "%d", &a);
    printf("sscanf empty got=%d\n", got);
    got = sscanf("x1", "%d", &a);
    printf("sscanf mismatch got=%d\n", got);
    long long big;
    unsigned long long ubig;
    short sh;
    signed char hh;
    got = sscanf("-9223372036854775808 18446744073709551615 40000 300",
                 "%lld %llu %hd %hhd", &big, &ubig, &sh, &hh);
    printf("sscanf got=%d %lld %llu %hd %d\n", got, big, ubig, sh, hh);

    /* snprintf truncation and return values */
    for (int sz = 0; sz <= 12; sz += 3) {
        memset(buf, '#', 20);
        int r = snprintf(buf, sz, "%s-%d", "abcdef", 12345);
        buf[19] = 0;
        printf("snprintf size %2d -> %d [%.*s]\n", sz, r, sz ? sz - 1 : 0, buf);
    }
    sprintf(buf, "%d|%5.2s|%-3c|%x", INT_MIN, "xyz", 'q', 3054);
    printf("composed: %s (len %zu)\n", buf, strlen(buf));
    return bad != 0;
}
