/* 03-string: string.h functions over many lengths (0..64+) and alignments
 * (0..15), so glibc's optimised i686 paths (SSE2/SSSE3 variants chosen by
 * IFUNC/cpuid, word-at-a-time loops, unaligned heads and tails) are all hit.
 * Results are folded into checksums and also checked against naive versions. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

static unsigned sum;
static int errors;

static void mix(unsigned v) { sum = sum * 31 + v; }

static void check(int cond, const char *what, int a, int b)
{
    if (!cond) {
        if (errors < 20)
            printf("ERROR %s a=%d b=%d\n", what, a, b);
        errors++;
    }
}

static size_t naive_strlen(const char *s) { size_t n = 0; while (s[n]) n++; return n; }

static int sgn(int x) { return (x > 0) - (x < 0); }

static int naive_memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *p = a, *q = b;
    for (size_t i = 0; i < n; i++)
        if (p[i] != q[i])
            return p[i] - q[i];
    return 0;
}

static unsigned char bufa[512], bufb[512], bufc[512];

static void fill(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        p[i] = 'a' + (seed >> 16) % 26;
    }
}

int main(void)
{
    int len, al, al2;

    /* strlen, strchr, strrchr, memchr at every alignment and length */
    for (al = 0; al < 16; al++)
        for (len = 0; len <= 80; len++) {
            char *s = (char *)bufa + al;
            fill(bufa, sizeof bufa, len * 7 + al);
            s[len] = 0;
            check(strlen(s) == naive_strlen(s), "strlen", al, len);
            mix(strlen(s));
            char *p = strchr(s, 'q');
            mix(p ? (unsigned)(p - s) : 999);
            p = strrchr(s, 'e');
            mix(p ? (unsigned)(p - s) : 999);
            check(strchr(s, 0) == s + len, "strchr0", al, len);
            p = memchr(s, 'z', len);
            mix(p ? (unsigned)(p - s) : 999);
            if (len > 0) {
                check(strchr(s, s[len - 1]) <= s + len - 1, "strchr last", al, len);
                check(strrchr(s, s[len - 1]) == s + len - 1, "strrchr last", al, len);
            }
        }

    /* strcpy, strcat, strcmp, strncmp with two independent alignments */
    for (al = 0; al < 8; al++)
        for (al2 = 0; al2 < 8; al2++)
            for (len = 0; len <= 70; len += 3) {
                char *src = (char *)bufa + al, *dst = (char *)bufb + al2;
                fill(bufa, sizeof bufa, len + 100 * al);
                src[len] = 0;
                memset(bufb, 'X', sizeof bufb);
                strcpy(dst, src);
                check(strcmp(dst, src) == 0, "strcpy", al2, len);
                check(dst[len] == 0 && dst[len + 1] == 'X', "strcpy end", al2, len);
                strcat(dst, "tail");
                check(strlen(dst) == (size_t)len + 4, "strcat", al2, len);
                mix(strcmp(dst, src) > 0);
                if (len > 0) {
                    int k = len / 2;
                    dst[k]++;
                    mix(sgn(strcmp(src, dst)) + 1);
                    check(sgn(strcmp(src, dst)) == -1, "strcmp lt", al, len);
                    check(strncmp(src, dst, k) == 0, "strncmp eq", al, len);
                    check(strncmp(src, dst, k + 1) < 0, "strncmp ne", al, len);
                    mix(sgn(strncmp(dst, src, len)) + 1);
                }
            }

    /* memcpy, memset, memcmp with many sizes */
    for (al = 0; al < 16; al++)
        for (len = 0; len <= 300; len += (len < 70 ? 1 : 17)) {
            fill(bufa, sizeof bufa, len ^ al);
            memset(bufb, 0x55, sizeof bufb);
            memcpy(bufb + (al ^ 5), bufa + al, len);
            check(naive_memcmp(bufb + (al ^ 5), bufa + al, len) == 0, "memcpy", al, len);
            check(bufb[(al ^ 5) + len] == 0x55, "memcpy end", al, len);
            check(memcmp(bufb + (al ^ 5), bufa + al, len) == 0, "memcmp eq", al, len);
            if (len > 0) {
                bufb[(al ^ 5) + len - 1] ^= 0x80;
                int c = memcmp(bufb + (al ^ 5), bufa + al, len);
                check(sgn(c) == sgn(naive_memcmp(bufb + (al ^ 5), bufa + al, len)),
                      "memcmp ne", al, len);
                mix(sgn(c) + 1);
            }
            memset(bufc + al, al * 3, len);
            for (int i = 0; i < len; i++)
                check(bufc[al + i] == (unsigned char)(al * 3), "memset", al, i);
        }

    /* memmove overlapping both ways */
    for (al = 0; al < 12; al++)
        for (len = 0; len <= 130; len += 5)
            for (int shift = -9; shift <= 9; shift += 3) {
                unsigned char ref[512];
                fill(bufa, sizeof bufa, len + al + shift);
                memcpy(ref, bufa, sizeof bufa);
                unsigned char *src = bufa + 100 + al, *dst = src + shift;
                memmove(dst, src, len);
                /* naive reference on the copy */
                unsigned char tmp[512];
                memcpy(tmp, ref + 100 + al, len);
                memcpy(ref + 100 + al + shift, tmp, len);
                check(memcmp(ref, bufa, sizeof bufa) == 0, "memmove", al, len);
            }

    /* strstr, strspn, strcspn, strtok */
    static const char *hay = "the quick brown fox jumps over the lazy dog; "
                             "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab needle in haystack";
    static const char *needles[] = { "the", "fox", "dog;", "lazy dog", "aab",
                                     "needle", "stack", "haystacks", "", "q",
                                     "aaaaaaaaaaaaaaaaab", "zzz" };
    for (unsigned i = 0; i < sizeof needles / sizeof *needles; i++) {
        const char *p = strstr(hay, needles[i]);
        printf("strstr(%s) = %d\n", needles[i], p ? (int)(p - hay) : -1);
    }
    printf("strspn=%zu strcspn=%zu strspn2=%zu strcspn2=%zu\n",
           strspn(hay, "eht "), strcspn(hay, "xyz"), strspn("abcabcd", "abc"),
           strcspn("hello", ""));
    char tok[] = "  alpha,beta;;gamma , delta,,epsilon;  ";
    for (char *t = strtok(tok, " ,;"); t; t = strtok(NULL, " ,;"))
        printf("token [%s]\n", t);

    /* strncpy padding, strdup, strndup */
    char pad[16];
    memset(pad, '#', sizeof pad);
    strncpy(pad, "abc", 8);
    for (int i = 0; i < 16; i++)
        printf("%02x", (unsigned char)pad[i]);
    putchar('\n');
    char *d = strdup("duplicate me");
    char *nd = strndup("abcdefgh", 5);
    printf("strdup [%s] strndup [%s]\n", d, nd);
    free(d);
    free(nd);

    printf("checksum %08x errors %d\n", sum, errors);
    return errors != 0;
}
