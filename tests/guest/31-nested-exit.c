/* 31-nested-exit: exit() called several frames deep (inside a qsort
 * callback, inside recursion) with a computed status 100 + depth; atexit
 * handlers and stdio buffers still run and flush. Nothing after exit runs. */
#include <stdio.h>
#include <stdlib.h>

static int calls;

static void bye(void) { printf("atexit handler ran after %d comparator calls\n", calls); }

static void recurse(int depth)
{
    if (depth == 13) {
        printf("exiting from depth %d\n", depth);
        exit(100 + depth);
    }
    recurse(depth + 1);
    printf("unreachable %d\n", depth);
}

static int cmp(const void *a, const void *b)
{
    if (++calls == 20) recurse(0);
    return *(const int *)a - *(const int *)b;
}

int main(void)
{
    atexit(bye);
    int v[100];
    for (int i = 0; i < 100; i++) v[i] = (i * 37) % 101;
    printf("sorting (buffered)...\n");
    qsort(v, 100, sizeof v[0], cmp);
    printf("not reached\n");
    return 0;
}
