/* 04-qsort-bsearch: qsort and bsearch on ints, strings and structs, with a
 * stability check via a tie-breaking index (qsort itself is not stable, so
 * the comparison breaks ties explicitly and the output must be fully
 * determined). Exercises indirect calls from libc back into guest code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned seed = 12345;
static unsigned lcg(void) { seed = seed * 1664525u + 1013904223u; return seed >> 8; }

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

struct rec { int key; int order; char name[12]; };

static int cmp_rec(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->order - y->order;           /* makes the sort stable */
}

int main(void)
{
    enum { N = 2000 };
    static int a[N];
    int i;
    for (i = 0; i < N; i++)
        a[i] = (int)(lcg() % 100000) - 50000;
    qsort(a, N, sizeof a[0], cmp_int);
    int sorted = 1;
    unsigned sum = 0;
    for (i = 1; i < N; i++)
        sorted &= a[i - 1] <= a[i];
    for (i = 0; i < N; i++)
        sum = sum * 33 + (unsigned)a[i];
    printf("ints sorted=%d first=%d last=%d median=%d hash=%08x\n", sorted, a[0],
           a[N - 1], a[N / 2], sum);
    int found = 0, missing = 0;
    for (i = -50000; i < 50000; i += 37) {
        int *p = bsearch(&i, a, N, sizeof a[0], cmp_int);
        if (p) { found++; if (*p != i) printf("bsearch wrong\n"); }
        else missing++;
    }
    printf("bsearch found=%d missing=%d\n", found, missing);

    static const char *words[] = { "pear", "apple", "fig", "banana", "cherry",
        "kiwi", "date", "elderberry", "grape", "honeydew", "lemon", "lime",
        "mango", "nectarine", "orange", "papaya", "quince", "raspberry",
        "strawberry", "tangerine", "ugli", "vanilla", "watermelon", "apricot",
        "Zucchini", "avocado", "" };
    enum { W = sizeof words / sizeof *words };
    const char *w[W];
    memcpy(w, words, sizeof w);
    qsort(w, W, sizeof w[0], cmp_str);
    for (i = 0; i < W; i++)
        printf("%s%s", i ? " " : "", w[i][0] ? w[i] : "<empty>");
    putchar('\n');
    const char *key = "mango";
    const char **hit = bsearch(&key, w, W, sizeof w[0], cmp_str);
    printf("mango at %d\n", hit ? (int)(hit - w) : -1);
    key = "melon";
    hit = bsearch(&key, w, W, sizeof w[0], cmp_str);
    printf("melon at %d\n", hit ? (int)(hit - w) : -1);

    static struct rec r[300];
    for (i = 0; i < 300; i++) {
        r[i].key = (int)(lcg() % 10);
        r[i].order = i;
        snprintf(r[i].name, sizeof r[i].name, "r%03d", i);
    }
    qsort(r, 300, sizeof r[0], cmp_rec);
    int stable = 1;
    for (i = 1; i < 300; i++)
        if (r[i - 1].key == r[i].key && r[i - 1].order > r[i].order)
            stable = 0;
    printf("structs stable=%d:", stable);
    for (i = 0; i < 300; i += 23)
        printf(" %d/%s", r[i].key, r[i].name);
    putchar('\n');

    /* edge cases: 0 and 1 elements, all equal, already sorted, reversed */
    int one = 5;
    qsort(&one, 1, sizeof one, cmp_int);
    qsort(a, 0, sizeof a[0], cmp_int);
    for (i = 0; i < 100; i++) a[i] = 3;
    qsort(a, 100, sizeof a[0], cmp_int);
    for (i = 0; i < 100; i++) a[i] = 100 - i;
    qsort(a, 100, sizeof a[0], cmp_int);
    printf("reversed -> %d %d %d one=%d\n", a[0], a[50], a[99], one);
    return 0;
}
