/*
 * futex_waitv (kernel/futex/syscalls.c): waiting on several 32-bit futex
 * words at once, woken by a FUTEX_WAKE on one of them (the result is its
 * index), a value that differs at once (EAGAIN), an absolute timeout on
 * either clock (ETIMEDOUT), and the argument checks: flags, counts,
 * the clock, a waiter's flags and reserved word, alignment, a 64-bit
 * address beyond a 32-bit task's reach and unreadable arrays.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef SYS_futex_waitv
#define SYS_futex_waitv 449
#endif

struct waitv {
    uint64_t val, uaddr;
    uint32_t flags, reserved;
};

#define U32 0x02     /* FUTEX2_SIZE_U32 */
#define PRIV 128     /* FUTEX2_PRIVATE */

static uint32_t words[3];

/* an absolute __kernel_timespec `ms` from now on `clock` */
static void deadline(int64_t t[2], clockid_t clock, long ms)
{
    struct timespec now;
    clock_gettime(clock, &now);
    t[0] = now.tv_sec + (now.tv_nsec / 1000000 + ms) / 1000;
    t[1] = (now.tv_nsec / 1000000 + ms) % 1000 * 1000000;
}

static long waitv(struct waitv *w, long n, long flags, int64_t *t, long clock)
{
    long r = syscall(SYS_futex_waitv, w, n, flags, t, clock);
    return r < 0 ? -errno : r;
}

static void *waker(void *p)
{
    (void)p;
    usleep(50000);
    __atomic_store_n(&words[2], 1, __ATOMIC_SEQ_CST);
    syscall(SYS_futex, &words[2], FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
    return NULL;
}

static void fill(struct waitv *w, int flags)
{
    for (int i = 0; i < 3; i++)
        w[i] = (struct waitv){ 0, (uintptr_t)&words[i], U32 | flags, 0 };
}

int main(void)
{
    struct waitv w[3];
    int64_t t[2];
    pthread_t th;

    fill(w, PRIV);
    pthread_create(&th, NULL, waker, NULL);
    deadline(t, CLOCK_MONOTONIC, 5000);
    printf("woken                  %ld\n", waitv(w, 3, 0, t, CLOCK_MONOTONIC));
    pthread_join(th, NULL);
    printf("value differs          %ld\n", waitv(w, 3, 0, NULL, 0));
    words[2] = 0;
    deadline(t, CLOCK_MONOTONIC, 20);
    printf("timeout monotonic      %ld\n", waitv(w, 3, 0, t, CLOCK_MONOTONIC));
    deadline(t, CLOCK_REALTIME, 20);
    printf("timeout realtime       %ld\n", waitv(w, 3, 0, t, CLOCK_REALTIME));
    fill(w, 0);
    deadline(t, CLOCK_MONOTONIC, 10);
    printf("shared words, timeout  %ld\n", waitv(w, 3, 0, t, CLOCK_MONOTONIC));
    fill(w, PRIV);
    printf("bad clock              %ld\n", waitv(w, 3, 0, t, CLOCK_PROCESS_CPUTIME_ID));
    printf("flags                  %ld\n", waitv(w, 3, 1, t, CLOCK_MONOTONIC));
    printf("count 0                %ld\n", waitv(w, 0, 0, t, CLOCK_MONOTONIC));
    printf("count 129              %ld\n", waitv(w, 129, 0, t, CLOCK_MONOTONIC));
    printf("NULL array             %ld\n", waitv(NULL, 1, 0, t, CLOCK_MONOTONIC));
    printf("bad array              %ld\n", waitv((void *)16, 1, 0, t, CLOCK_MONOTONIC));
    printf("bad timeout            %ld\n", waitv(w, 1, 0, (void *)16, CLOCK_MONOTONIC));
    w[1].reserved = 1;
    printf("reserved word          %ld\n", waitv(w, 3, 0, t, CLOCK_MONOTONIC));
    fill(w, PRIV);
    w[1].flags = U32 | 0x1000;
    printf("waiter flags           %ld\n", waitv(w, 3, 0, t, CLOCK_MONOTONIC));
    fill(w, PRIV);
    w[1].flags = 0x03; /* FUTEX2_SIZE_U64 */
    printf("64-bit size            %ld\n", waitv(w, 3, 0, t, CLOCK_MONOTONIC));
    fill(w, PRIV);
    w[1].uaddr += 1;
    printf("misaligned             %ld\n", waitv(w, 3, 0, t, CLOCK_MONOTONIC));
    fill(w, PRIV);
    w[1].uaddr |= 1ull << 32;
    printf("beyond 4 GiB           %ld\n", waitv(w, 3, 0, t, CLOCK_MONOTONIC));
    fill(w, PRIV);
    w[1].uaddr = 16;
    printf("unmapped word          %ld\n", waitv(w, 3, 0, t, CLOCK_MONOTONIC));
    fill(w, PRIV);
    w[1].val = 1ull << 32;
    printf("value beyond 32 bits   %ld\n", waitv(w, 3, 0, t, CLOCK_MONOTONIC));
    return 0;
}
