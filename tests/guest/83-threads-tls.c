/* 83-threads-tls: each thread has its own TLS segment (issue 15; QEMU
 * #1405 was a shared GDT) — __thread variables and errno stay per thread
 * while threads interleave, including after each thread reloads %gs from
 * itself (mov %gs, %ax; mov %ax, %gs) and after a signal handler ran on
 * it (sigreturn reloads the segments).
 * cflags: -pthread */
/* Os as well: there GCC emits a byte DEC whose flags are read (micro-op
 * update_inc_cc_subb), the only one check-guest runs. */
/* levels: O0 O2 Os */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#define N 6

static __thread int tvar = 7;
static __thread char tbuf[64];
static int bad[N];
static pthread_barrier_t bar;

static void on_usr1(int sig) { (void)sig; tvar += 0; }

static void reload_gs(void)
{
    unsigned short sel;
    __asm__ __volatile__("mov %%gs, %0\n\tmov %0, %%gs" : "=r"(sel) :: "memory");
}

static void *work(void *arg)
{
    int id = (int)(long)arg;

    if (tvar != 7)
        bad[id]++;
    tvar = id * 1000;
    snprintf(tbuf, sizeof(tbuf), "thread %d", id);
    for (int i = 0; i < 2000; i++) {
        errno = id + i;
        if (i % 100 == 0) {
            reload_gs();
            pthread_kill(pthread_self(), SIGUSR1);
        }
        if (i % 500 == 0)
            pthread_barrier_wait(&bar);
        if (tvar != id * 1000 + i || errno != id + i)
            bad[id]++;
        tvar++;
    }
    char want[64];
    snprintf(want, sizeof(want), "thread %d", id);
    for (int i = 0; want[i]; i++)
        bad[id] += tbuf[i] != want[i];
    return NULL;
}

int main(void)
{
    pthread_t t[N];

    signal(SIGUSR1, on_usr1);
    pthread_barrier_init(&bar, NULL, N);
    for (long i = 0; i < N; i++)
        pthread_create(&t[i], NULL, work, (void *)i);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < N; i++)
        printf("thread %d: %d mismatches\n", i, bad[i]);
    printf("main's tvar still %d\n", tvar);
    return 0;
}
