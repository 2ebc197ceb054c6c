/* 22-varargs: <stdarg.h> — summing ints, mixing int, long long, char *,
 * promoted char and short arguments, va_copy and two passes, a
 * vprintf-style wrapper forwarding a va_list to vsnprintf, and a
 * NULL-terminated string list. Arguments are on the i386 stack. */
#include <stdio.h>
#include <stdarg.h>
#include <string.h>

static int sum(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    int s = 0;
    for (int i = 0; i < n; i++) s += va_arg(ap, int);
    va_end(ap);
    return s;
}

/* format letters: i=int, L=long long, s=string, c=char (promoted to int) */
static void mixed(const char *fmt, ...)
{
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    for (const char *p = fmt; *p; p++) {
        switch (*p) {
        case 'i': printf("i:%d ", va_arg(ap, int)); break;
        case 'L': printf("L:%lld ", va_arg(ap, long long)); break;
        case 's': printf("s:%s ", va_arg(ap, const char *)); break;
        case 'c': printf("c:%c ", (char)va_arg(ap, int)); break;
        }
    }
    putchar('|');
    long long total = 0;
    for (const char *p = fmt; *p; p++) {
        if (*p == 'L') total += va_arg(again, long long);
        else if (*p == 's') total += (long long)strlen(va_arg(again, const char *));
        else total += va_arg(again, int);
    }
    printf(" total=%lld\n", total);
    va_end(again);
    va_end(ap);
}

static int say(char *out, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(out, n, fmt, ap);
    va_end(ap);
    return r;
}

static void logf_(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("[log] ");
    vprintf(fmt, ap);
    va_end(ap);
}

static size_t concat(char *out, ...)
{
    va_list ap;
    va_start(ap, out);
    out[0] = 0;
    for (const char *s; (s = va_arg(ap, const char *));) strcat(out, s);
    va_end(ap);
    return strlen(out);
}

int main(void)
{
    printf("sum0=%d sum3=%d sum10=%d\n", sum(0), sum(3, 1, 2, 3),
           sum(10, 1, -2, 3, -4, 5, -6, 7, -8, 9, -10));
    signed char sc = -5;
    short sh = -300;
    mixed("iLsci", 1, 1234567890123LL, "str", 'Z', -2);
    mixed("LLL", -1LL, 0x100000000LL, 5LL);
    mixed("iic", sc, sh, 'a');
    char buf[64];
    int r = say(buf, sizeof buf, "%s=%d,%llx", "k", 99, 0xabcdef0123ULL);
    printf("say -> %d [%s]\n", r, buf);
    r = say(buf, 5, "%d", 123456789);
    printf("say truncated -> %d [%s]\n", r, buf);
    logf_("%d %s %c %05x\n", 7, "eight", '9', 10);
    char cat[64];
    printf("concat %zu [%s]\n", concat(cat, "ab", "", "cde", "f", (char *)NULL), cat);
    return 0;
}
