/* strings: string processing on generated text: tokenise into words,
 * hash them into a chained table with strcmp, reverse and upper-case
 * copies, strstr searches.  Stresses byte loads, libc string routines
 * (which glibc implements with SSE2 when the CPU has it, so the guest's
 * choice of routine is part of the workload) and short loops. */
#include "bench.h"
#include <ctype.h>
#include <string.h>

#define TEXT 200000
#define BUCKETS 4096

static char text[TEXT + 1], work[TEXT + 1];
static const char *syll[] = { "ka", "lo", "mi", "ne", "ru", "sha", "te", "vo", "qui", "zen", "a", "o" };

struct word { const char *s; int len, count; struct word *next; };
static struct word pool[TEXT / 2], *table[BUCKETS];
static int npool;

static void generate(uint32_t seed)
{
    size_t n = 0;
    while (n < TEXT - 16) {
        int k = 1 + bench_rand(&seed) % 3;
        for (int i = 0; i < k; i++) {
            const char *s = syll[bench_rand(&seed) % 12];
            while (*s)
                text[n++] = *s++;
        }
        text[n++] = bench_rand(&seed) % 9 ? ' ' : '\n';
    }
    text[n] = 0;
}

static uint32_t count_words(void)
{
    uint32_t distinct = 0;
    npool = 0;
    memset(table, 0, sizeof table);
    strcpy(work, text);
    for (char *w = strtok(work, " \n"); w; w = strtok(NULL, " \n")) {
        uint32_t h = 2166136261u;
        for (const char *c = w; *c; c++)
            h = (h ^ (unsigned char)*c) * 16777619u;
        struct word **b = &table[h % BUCKETS], *e;
        for (e = *b; e; e = e->next)
            if (strcmp(e->s, w) == 0)
                break;
        if (!e) {
            e = &pool[npool++];
            e->s = w; e->len = strlen(w); e->count = 0; e->next = *b; *b = e;
            distinct++;
        }
        e->count++;
    }
    return distinct;
}

static uint32_t transform(void)
{
    size_t n = strlen(text);
    uint32_t h = 0;
    for (size_t i = 0; i < n; i++)
        work[i] = toupper((unsigned char)text[n - 1 - i]);
    work[n] = 0;
    for (const char *p = work; (p = strstr(p, "AZ")) != NULL; p++)
        h += p - work;
    return h;
}

int main(int argc, char **argv)
{
    long reps = bench_size(argc, argv, 30);
    uint32_t sum = 0;
    for (long r = 0; r < reps; r++) {
        generate(1000 + r);
        sum = sum * 31 + count_words();
        sum = sum * 31 + transform();
        sum += pool[r % npool].count;
    }
    printf("strings %ld %u\n", reps, sum);
    return 0;
}
