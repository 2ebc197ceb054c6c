/* 06-malloc-stress: thousands of malloc/calloc/realloc/free of random sizes
 * (fixed LCG seed), each block filled with a pattern derived from its slot
 * and checked before it is freed or grown. Exercises brk/mmap emulation
 * (large blocks go to mmap) and glibc's allocator fast paths. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned seed = 2024;
static unsigned rnd(void) { seed = seed * 1103515245u + 12345u; return (seed >> 16) & 0x7fff; }

enum { SLOTS = 512, ROUNDS = 20000 };
static unsigned char *blk[SLOTS];
static size_t len[SLOTS];
static unsigned char tag[SLOTS];

static int verify(int i)
{
    for (size_t k = 0; k < len[i]; k++)
        if (blk[i][k] != (unsigned char)(tag[i] + k * 7))
            return 0;
    return 1;
}

static void paint(int i, size_t from)
{
    for (size_t k = from; k < len[i]; k++)
        blk[i][k] = (unsigned char)(tag[i] + k * 7);
}

static size_t pick_size(void)
{
    unsigned r = rnd();
    if (r % 100 == 0) return 100000 + rnd() * 8;   /* mmap-sized */
    if (r % 10 == 0) return rnd() % 4096;
    return rnd() % 128;
}

int main(void)
{
    int bad = 0, mallocs = 0, callocs = 0, reallocs = 0, frees = 0;
    unsigned long long total = 0;
    for (int round = 0; round < ROUNDS; round++) {
        int i = rnd() % SLOTS;
        if (blk[i]) {
            if (!verify(i)) bad++;
            if (rnd() % 3 == 0) {
                size_t n = pick_size();
                unsigned char *p = realloc(blk[i], n ? n : 1);
                if (!p) { printf("realloc failed\n"); return 1; }
                blk[i] = p;
                size_t old = len[i];
                len[i] = n;
                if (n > old) paint(i, old);
                if (!verify(i)) bad++;
                reallocs++;
            } else {
                free(blk[i]);
                blk[i] = NULL;
                frees++;
            }
        } else {
            size_t n = pick_size();
            tag[i] = (unsigned char)rnd();
            if (rnd() & 1) {
                blk[i] = calloc(n ? n : 1, 1);
                for (size_t k = 0; k < n; k++)
                    if (blk[i][k]) { bad++; break; }
                callocs++;
            } else {
                blk[i] = malloc(n);
                mallocs++;
            }
            if (!blk[i] && n) { printf("alloc failed\n"); return 1; }
            len[i] = n;
            total += n;
            paint(i, 0);
        }
    }
    int live = 0;
    for (int i = 0; i < SLOTS; i++)
        if (blk[i]) {
            if (!verify(i)) bad++;
            free(blk[i]);
            live++;
        }
    printf("mallocs=%d callocs=%d reallocs=%d frees=%d live=%d bytes=%llu bad=%d\n",
           mallocs, callocs, reallocs, frees, live, total, bad);

    /* one big block of 8 MiB touched page by page */
    unsigned char *big = malloc(8 << 20);
    if (!big) return 1;
    unsigned s = 0;
    for (size_t k = 0; k < (8u << 20); k += 4096) big[k] = (unsigned char)(k >> 12);
    for (size_t k = 0; k < (8u << 20); k += 4096) s += big[k];
    free(big);
    printf("big sum %u\n", s);
    return bad != 0;
}
