/* 89-threads-setxid: setuid/setgid in a threaded program change every
 * thread's credentials, as POSIX wants and glibc arranges: the kernel's
 * credentials are per thread, so glibc's setxid makes each other thread
 * run the same call from its SIGSETXID handler (nptl/nptl_setxid.c).
 * Three threads wait (in a futex wait, a read and a spin) while main
 * drops from root to nobody; each then reads its own ids with the raw
 * system calls, and a thread started afterwards inherits them.  Needs
 * root (CAP_SETUID), which CI has; otherwise it says so and does nothing.
 * cflags: -pthread */
/* levels: O0 O2 */
#define _GNU_SOURCE
#include <grp.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NOBODY 65534

static pthread_barrier_t ready;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int go, fds[2];
static volatile int spin_go;
static long ids[4][4];

static void own_ids(int k)
{
    ids[k][0] = syscall(SYS_getuid32);
    ids[k][1] = syscall(SYS_geteuid32);
    ids[k][2] = syscall(SYS_getgid32);
    ids[k][3] = syscall(SYS_getegid32);
}

static void *waits_cond(void *arg)
{
    (void)arg;
    pthread_barrier_wait(&ready);
    pthread_mutex_lock(&mu);
    while (!go)
        pthread_cond_wait(&cv, &mu);
    pthread_mutex_unlock(&mu);
    own_ids(0);
    return NULL;
}

static void *waits_read(void *arg)
{
    char c;

    (void)arg;
    pthread_barrier_wait(&ready);
    if (read(fds[0], &c, 1) != 1)
        return NULL;
    own_ids(1);
    return NULL;
}

static void *spins(void *arg)
{
    (void)arg;
    pthread_barrier_wait(&ready);
    while (!spin_go)
        ;
    own_ids(2);
    return NULL;
}

static void *late(void *arg)
{
    (void)arg;
    own_ids(3);
    return NULL;
}

int main(void)
{
    static const char *who[4] = {"cond wait", "read", "spin", "started after"};
    pthread_t t[4];

    if (geteuid() != 0) {
        puts("skipped: setuid to another user needs root (CAP_SETUID)");
        return 0;
    }
    if (pipe(fds) < 0)
        return 1;
    pthread_barrier_init(&ready, NULL, 4);
    pthread_create(&t[0], NULL, waits_cond, NULL);
    pthread_create(&t[1], NULL, waits_read, NULL);
    pthread_create(&t[2], NULL, spins, NULL);
    pthread_barrier_wait(&ready);
    if (setgroups(0, NULL) < 0 || setgid(NOBODY) < 0 || setuid(NOBODY) < 0) {
        perror("set*id");
        return 1;
    }
    pthread_mutex_lock(&mu);
    go = 1;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&mu);
    if (write(fds[1], "x", 1) != 1)
        return 1;
    spin_go = 1;
    pthread_create(&t[3], NULL, late, NULL);
    for (int k = 0; k < 4; k++)
        pthread_join(t[k], NULL);
    printf("main: uid %ld euid %ld\n", (long)syscall(SYS_getuid32), (long)syscall(SYS_geteuid32));
    for (int k = 0; k < 4; k++)
        printf("%s: uid %ld euid %ld gid %ld egid %ld\n", who[k], ids[k][0], ids[k][1], ids[k][2],
               ids[k][3]);
    return 0;
}
