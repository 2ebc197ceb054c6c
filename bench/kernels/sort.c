/* sort: quicksort (median of three, insertion sort below 16) and a bottom-up
 * merge sort over generated keys.  Stresses data-dependent branches and
 * indexed loads/stores; the comparison-callback variant (qsort from libc)
 * adds indirect calls. */
#include "bench.h"
#include <string.h>

#define N 200000

static uint32_t a[N], b[N], tmp[N];

static void insertion(uint32_t *v, long lo, long hi)
{
    for (long i = lo + 1; i <= hi; i++) {
        uint32_t x = v[i];
        long j = i - 1;
        while (j >= lo && v[j] > x) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = x;
    }
}

static void quick(uint32_t *v, long lo, long hi)
{
    while (hi - lo > 16) {
        long mid = lo + (hi - lo) / 2;
        uint32_t p0 = v[lo], p1 = v[mid], p2 = v[hi], pivot;
        pivot = p0 < p1 ? (p1 < p2 ? p1 : p0 < p2 ? p2 : p0) : (p0 < p2 ? p0 : p1 < p2 ? p2 : p1);
        long i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot) i++;
            while (v[j] > pivot) j--;
            if (i <= j) {
                uint32_t t = v[i]; v[i] = v[j]; v[j] = t;
                i++; j--;
            }
        }
        if (j - lo < hi - i) { quick(v, lo, j); lo = i; }
        else { quick(v, i, hi); hi = j; }
    }
    insertion(v, lo, hi);
}

static void merge_sort(uint32_t *v, long n)
{
    uint32_t *src = v, *dst = tmp;
    for (long w = 1; w < n; w *= 2) {
        for (long lo = 0; lo < n; lo += 2 * w) {
            long mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            long i = lo, j = mid, k = lo;
            while (i < mid && j < hi) dst[k++] = src[i] <= src[j] ? src[i++] : src[j++];
            while (i < mid) dst[k++] = src[i++];
            while (j < hi) dst[k++] = src[j++];
        }
        uint32_t *t = src; src = dst; dst = t;
    }
    if (src != v)
        memcpy(v, src, n * sizeof *v);
}

static int cmp(const void *x, const void *y)
{
    uint32_t p = *(const uint32_t *)x, q = *(const uint32_t *)y;
    return (p > q) - (p < q);
}

int main(int argc, char **argv)
{
    long reps = bench_size(argc, argv, 8);
    uint32_t seed = 7, sum = 0;
    for (long r = 0; r < reps; r++) {
        for (long i = 0; i < N; i++)
            a[i] = b[i] = bench_rand(&seed) % 1000003;
        quick(a, 0, N - 1);
        merge_sort(b, N);
        if (r % 4 == 0)
            qsort(b, N, sizeof *b, cmp);
        for (long i = 0; i < N; i += 97)
            sum = sum * 31 + a[i] + (a[i] == b[i]);
    }
    printf("sort %ld %u\n", reps, sum);
    return 0;
}
