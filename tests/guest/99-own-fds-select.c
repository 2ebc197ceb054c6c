/*
 * select reads, checks and writes back the sets only up to the size of
 * the process's descriptor table (fs/select.c core_sys_select cuts n to
 * max_fds), a size the numbers stitch keeps its own descriptors at (512
 * and up) must not change: a bit at or past it is ignored and left as
 * it was, a bit below it naming no open descriptor is EBADF, n past
 * FD_SETSIZE is fine.  The table grows to the power of two above a
 * descriptor handed out past it (fs/file.c alloc_fdtable; here by pipe,
 * eventfd and dup2, past 1024 too), an exec keeps it, a fork's child
 * gets one as large as its open descriptors need (dup_fd).
 *
 * stitch: -d page -D own-sel-%d.log
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <unistd.h>

static uint32_t sets[3][4096 / 32];

/* select(n) on stdout and `bit` for writing: the result, and whether
 * the bit is still set afterwards. */
static void sel(const char *when, int n, int bit)
{
    struct timeval tv = { 0, 0 };

    memset(sets, 0, sizeof(sets));
    sets[1][0] = 1u << 1;
    sets[1][bit / 32] |= 1u << (bit % 32);
    errno = 0;
    int r = select(n, NULL, (fd_set *)sets[1], NULL, &tv);
    printf("%-12s n=%-4d bit %-4d: %d %s, stdout %d, bit %d\n", when, n, bit, r,
           r < 0 ? strerror(errno) : "", (int)(sets[1][0] >> 1 & 1),
           (int)(sets[1][bit / 32] >> (bit % 32) & 1));
}

/* Descriptors up to just below `fd`, so that the next one handed out is
 * `fd` (not counting what `next` returns on the way), closed again. */
static void fill_below(int fd, int *opened, int *n)
{
    int d;

    *n = 0;
    while ((d = dup(0)) >= 0 && d < fd - 1)
        opened[(*n)++] = d;
    if (d >= 0)
        opened[(*n)++] = d;
}

static void close_all(const int *opened, int n)
{
    for (int i = 0; i < n; i++)
        close(opened[i]);
}

static void after_exec(void)
{
    static int opened[1024];
    int n, e;

    sel("exec'd", 600, 400);
    sel("exec'd", 600, 520);
    sel("exec'd", 600, 513);
    /* eventfd at 599: the table grows to 1024 */
    fill_below(599, opened, &n);
    e = eventfd(0, 0);
    printf("eventfd %s\n", e >= 599 ? "past 598" : "lower");
    close(e);
    close_all(opened, n);
    sel("1024", 2000, 600);
    sel("1024", 2000, 513);
    sel("1024", 2000, 1500);
    sel("1024", 1100, 1050);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        sel("child", 600, 100);
        sel("child", 100, 63);
        sel("child", 100, 64);
        sel("child", 600, 513);
        _exit(0);
    }
    waitpid(pid, NULL, 0);
    sel("parent", 600, 100);
    /* dup2 onto 1100, where the limit allows it: the table grows to 2048,
     * past FD_SETSIZE */
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_max >= 1200) {
        rl.rlim_cur = 1200;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    if (dup2(0, 1100) == 1100) {
        close(1100);
        sel("2048", 2000, 1500);
        sel("2048", 4000, 1500);
        sel("2048", 4000, 2100);
        sel("2048", 2000, 513);
    } else {
        printf("dup2 onto 1100: %s\n", strerror(errno));
    }
}

int main(int argc, char **argv)
{
    static int opened[1024];
    int n, p[2];

    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc > 1) {
        after_exec();
        return 0;
    }
    sel("start", 2000, 1500);
    /* a pipe at 299 and 300: the table grows to 512 */
    fill_below(299, opened, &n);
    if (pipe(p) < 0)
        return perror("pipe"), 1;
    printf("pipe %s\n", p[0] >= 299 ? "past 298" : "lower");
    close(p[0]);
    close(p[1]);
    close_all(opened, n);
    sel("512", 600, 400);
    sel("512", 600, 520);
    sel("512", 600, 513);
    sel("512", 2000, 1500);
    execl("/proc/self/exe", argv[0], "exec'd", (char *)NULL);
    perror("execl");
    return 1;
}
