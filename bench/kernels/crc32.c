/* crc32: table-driven CRC-32 (IEEE 802.3, reflected) over a generated buffer.
 * Stresses byte loads, table lookups, shifts and xor. */
#include "bench.h"

#define BUF (1 << 16)

static uint32_t table[256];
static unsigned char buf[BUF];

static void make_table(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
}

static uint32_t crc32(uint32_t crc, const unsigned char *p, size_t n)
{
    crc = ~crc;
    while (n--)
        crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

int main(int argc, char **argv)
{
    long reps = bench_size(argc, argv, 400);
    uint32_t seed = 12345, crc = 0;
    make_table();
    for (int i = 0; i < BUF; i++)
        buf[i] = bench_rand(&seed);
    for (long r = 0; r < reps; r++) {
        crc = crc32(crc, buf, BUF);
        buf[r % BUF] ^= crc;        /* every pass sees different data */
    }
    printf("crc32 %ld %08x\n", reps, crc);
    return 0;
}
