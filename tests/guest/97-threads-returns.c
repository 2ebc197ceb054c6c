/* 97-threads-returns: indirect jumps and returns in several guest threads
 * at once (each CPU has its own table of indirect-jump targets,
 * exec/op-exec.c): recursion, calls through function pointers, longjmp
 * out of recursion and returns into code each thread overwrites in its
 * own page, so one thread's invalidations empty the others' tables while
 * they run.  Output comes only from main, after the joins.
 * cflags: -pthread */
/* levels: O0 O2 */
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define N 4

static unsigned long rec(unsigned long n) { return n ? n + rec(n - 1) : 0; }
static int f_a(int x) { return x + 1; }
static int f_b(int x) { return x * 2; }
static int f_c(int x) { return x - 3; }
static int (*const fns[])(int) = {f_a, f_b, f_c};

static __thread jmp_buf jb;
static int deep(int n, int limit)
{
    if (n == limit)
        longjmp(jb, n);
    return deep(n + 1, limit) + 1;
}

/* mov 4(%esp),%ecx; call *%ecx; mov $1,%eax; ret */
static const unsigned char caller[] = {0x8b, 0x4c, 0x24, 0x04, 0xff, 0xd1,
                                       0xb8, 0x01, 0, 0, 0, 0xc3};
static __thread unsigned char *page;
static __thread int patch_to;
static void patch(void)
{
    if (patch_to)
        page[7] = (unsigned char)patch_to;
}

static unsigned long results[N];

static void *worker(void *arg)
{
    long id = (long)arg;
    unsigned long s = 0;

    page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED)
        return NULL;
    memcpy(page, caller, sizeof caller);
    int (*call_helper)(void (*)(void)) = (int (*)(void (*)(void)))page;
    for (int i = 0; i < 400; i++) {
        s += rec(200 + (unsigned long)(i + id) % 50);
        s += (unsigned long)fns[(i + id) % 3](i);
        int r = setjmp(jb);
        if (r)
            s += (unsigned long)r;
        else
            deep(0, 10 + (i * 13 + (int)id) % 90);
        patch_to = i % 40 == 39 ? (int)(i / 40 + id * 16) : 0;
        s = s * 3 + (unsigned long)call_helper(patch);
        s %= 1000003;
    }
    results[id] = s;
    return NULL;
}

int main(void)
{
    pthread_t t[N];

    for (long i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < N; i++)
        printf("thread %d: %lu\n", i, results[i]);
    return 0;
}
