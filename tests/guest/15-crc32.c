/* 15-crc32: CRC-32 (IEEE, reflected, polynomial 0xEDB88320) computed
 * bitwise and with a 256-entry table, plus Adler-32 and FNV-1a, over known
 * strings ("123456789" has CRC cbf43926) and a 1 MiB generated buffer. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static uint32_t table[256];

static void make_table(void)
{
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[n] = c;
    }
}

static uint32_t crc_table(const unsigned char *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    while (n--) c = table[(c ^ *p++) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

static uint32_t crc_bitwise(const unsigned char *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    while (n--) {
        c ^= *p++;
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & -(c & 1));
    }
    return ~c;
}

static uint32_t adler32(const unsigned char *p, size_t n)
{
    uint32_t a = 1, b = 0;
    while (n--) { a = (a + *p++) % 65521; b = (b + a) % 65521; }
    return b << 16 | a;
}

static uint32_t fnv1a(const unsigned char *p, size_t n)
{
    uint32_t h = 2166136261u;
    while (n--) { h ^= *p++; h *= 16777619u; }
    return h;
}

static unsigned char big[1 << 20];

int main(void)
{
    make_table();
    static const char *s[] = { "", "a", "abc", "123456789", "message digest",
        "The quick brown fox jumps over the lazy dog",
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" };
    for (unsigned i = 0; i < sizeof s / sizeof *s; i++) {
        size_t n = strlen(s[i]);
        const unsigned char *p = (const unsigned char *)s[i];
        printf("crc=%08x bit=%08x adler=%08x fnv=%08x \"%s\"\n", crc_table(p, n),
               crc_bitwise(p, n), adler32(p, n), fnv1a(p, n), s[i]);
    }
    uint32_t x = 1;
    for (size_t i = 0; i < sizeof big; i++) {
        x = x * 1103515245u + 12345u;
        big[i] = (unsigned char)(x >> 23);
    }
    printf("1MiB: crc=%08x bit=%08x adler=%08x fnv=%08x\n", crc_table(big, sizeof big),
           crc_bitwise(big, 65536), adler32(big, sizeof big), fnv1a(big, sizeof big));
    return 0;
}
