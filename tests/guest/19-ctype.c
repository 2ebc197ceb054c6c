/* 19-ctype: every <ctype.h> classifier and toupper/tolower over all values
 * 0..255 and EOF in the C locale (glibc's table lookups through the locale
 * pointer in TLS, %gs-relative on i386). Prints one row per classifier. */
#include <stdio.h>
#include <ctype.h>

static int (*const fn[])(int) = { isalnum, isalpha, isblank, iscntrl, isdigit, isgraph,
                                  islower, isprint, ispunct, isspace, isupper, isxdigit };
static const char *const names[] = { "alnum", "alpha", "blank", "cntrl", "digit", "graph",
                                     "lower", "print", "punct", "space", "upper", "xdigit" };

int main(void)
{
    for (unsigned f = 0; f < sizeof fn / sizeof *fn; f++) {
        unsigned count = 0, hash = 0;
        printf("%-7s", names[f]);
        for (int c = 0; c < 256; c++) {
            int r = fn[f](c) != 0;
            count += r;
            hash = hash * 3 + (unsigned)r;
            if (c >= 32 && c < 127 && (c & 3) == 0) putchar(r ? (char)c : '.');
        }
        printf(" count=%3u hash=%08x eof=%d\n", count, hash, fn[f](EOF) != 0);
    }
    unsigned h = 0;
    for (int c = -1; c < 256; c++) h = h * 7 + (unsigned)toupper(c) * 3 + (unsigned)tolower(c);
    printf("toupper/tolower hash=%08x\n", h);
    printf("upper: ");
    for (const char *p = "Hello, World! 123 zZ"; *p; p++) putchar(toupper((unsigned char)*p));
    printf("\nlower: ");
    for (const char *p = "Hello, World! 123 zZ"; *p; p++) putchar(tolower((unsigned char)*p));
    putchar('\n');
    return 0;
}
