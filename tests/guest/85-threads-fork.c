/* 85-threads-fork: fork while other threads run (issue 15; QEMU #2846 and
 * #3226 were locks a child inherited held) — threads keep translating new
 * code, mapping memory and taking a mutex in a loop while main forks
 * repeatedly; each child has one thread, can take that mutex, create a
 * thread of its own, call mmap and run new code, then exits with a status
 * the parent checks.  A lock xadd counter in MAP_SHARED memory is atomic
 * across the processes too.
 * cflags: -pthread */
/* levels: O0 O2 */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define N 3

static volatile int stop;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long ticks;

#define F(n) static int f##n(int x) { return x * (n + 3) + (x >> (n % 5)); }
F(0) F(1) F(2) F(3) F(4) F(5) F(6) F(7) F(8) F(9) F(10) F(11) F(12) F(13)
F(14) F(15)
static int (*const fs[16])(int) = {f0, f1, f2, f3, f4, f5, f6, f7, f8, f9,
                                   f10, f11, f12, f13, f14, f15};

static void *busy(void *arg)
{
    int id = (int)(long)arg, acc = 0;
    for (int i = 0; !stop; i++) {
        acc += fs[(i + id) % 16](i);
        void *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p != MAP_FAILED)
            munmap(p, 8192);
        pthread_mutex_lock(&mu);
        ticks++;
        pthread_mutex_unlock(&mu);
    }
    return (void *)(long)acc;
}

/* The guest's own lock must be free in the child too: taken around fork
 * as POSIX says a program must (pthread_atfork). */
static void take_mu(void) { pthread_mutex_lock(&mu); }
static void give_mu(void) { pthread_mutex_unlock(&mu); }

static void *child_thread(void *arg)
{
    return (void *)(long)(fs[7](6) + (int)(long)arg);
}


/* One atomic increment of the word parent and child share: i386's own
 * LOCK XADD (what stitch-i386 must run atomically), or the compiler's
 * atomic on another guest (ARM: LDREX/STREX). */
static void shared_add(volatile unsigned *shared)
{
#ifdef __i386__
    unsigned one = 1;
    __asm__ __volatile__("lock xaddl %1, %0" : "+m"(*shared), "+r"(one) :: "cc");
#else
    __atomic_fetch_add(shared, 1, __ATOMIC_SEQ_CST);
#endif
}

static int child(volatile unsigned *shared)
{
    pthread_t t;
    void *r;

    pthread_mutex_lock(&mu);
    pthread_mutex_unlock(&mu);
    if (pthread_create(&t, NULL, child_thread, (void *)1L) != 0)
        return 10;
    pthread_join(t, &r);
    void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return 11;
    for (int i = 0; i < 10000; i++) {
        shared_add(shared);
    }
    return (long)r == 6 * 10 + (6 >> 2) + 1 ? 0 : 12;
}

int main(void)
{
    pthread_t t[N];
    volatile unsigned *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                                     MAP_SHARED | MAP_ANONYMOUS, -1, 0);

    pthread_atfork(take_mu, give_mu, give_mu);
    for (long i = 0; i < N; i++)
        pthread_create(&t[i], NULL, busy, (void *)i);
    /* Fork only once the busy threads are running, so the last line does
     * not depend on how soon the scheduler first runs them (a loaded
     * native run once printed 0 there). */
    for (long seen = 0; seen < N; sched_yield()) {
        pthread_mutex_lock(&mu);
        seen = ticks;
        pthread_mutex_unlock(&mu);
    }
    int ok = 0;
    for (int k = 0; k < 20; k++) {
        pid_t pid = fork();
        if (pid == 0)
            _exit(child(shared));
        for (int i = 0; i < 10000; i++) {
            shared_add(shared);
        }
        int st;
        waitpid(pid, &st, 0);
        ok += WIFEXITED(st) && WEXITSTATUS(st) == 0;
    }
    stop = 1;
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    printf("children that ran normally: %d of 20\n", ok);
    printf("shared counter: %u (expect %u)\n", *shared, 20u * 2 * 10000);
    printf("busy threads ran: %d\n", ticks > 0);
    return 0;
}
