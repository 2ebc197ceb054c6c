/*
 * fuzz-harness: runs stitch on one input file and checks the bad-input
 * contract (BRIEF §4, issue 17): stitch never dies of a host signal of its
 * own (a guest's fatal signal ends in stitch's "uncaught guest signal"
 * line first), a file stitch refuses gets exactly one stderr line starting
 * with "stitch-<guest>:" and status 126 or 127 (a guest's own 126/127,
 * with no line of stitch's, is the guest's business), and no sanitizer
 * report.
 * A guest that runs past the time limit is killed and counts as fine (a
 * mutated program may loop).
 *
 * usage: fuzz-harness [-a] [-s] STITCH FILE
 *   -a  abort() on a broken contract, which is what afl-fuzz records as a
 *       crash; without it, print why and exit 1 (make check's replay).
 *   -s  strict: running past the time limit breaks the contract too (the
 *       saved inputs all end; one that hung stitch is a regression).
 * With FUZZ_SCRATCH set, stitch runs in that directory on a copy of FILE
 * with execute permission (afl-fuzz writes its inputs 0600, and stitch,
 * as the kernel, refuses to run a file without it).

 * Exit: 0 the contract held, 1 it did not, 2 usage or set-up error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TIME_LIMIT_MS 2000
#define ERR_MAX 65536

static int abort_mode, strict;

static int broken(const char *file, const char *why, const char *err)
{
    if (abort_mode)
        abort();
    printf("FAIL %s: %s\n", file, why);
    if (err && *err)
        printf("  stderr: %.300s\n", err);
    return 1;
}

/* The child: stitch on the file, stdout discarded, stderr into the pipe,
 * no core file, a bounded file size, in a scratch directory if given. */
/* FILE copied to DIR/input with mode 0700; the copy's path, or NULL. */
static const char *executable_copy(const char *file, const char *dir)
{
    static char path[4096];
    char buf[65536];
    ssize_t n;
    int in = open(file, O_RDONLY), out;

    snprintf(path, sizeof(path), "%s/input", dir);
    unlink(path);
    out = open(path, O_WRONLY | O_CREAT | O_EXCL, 0700);
    if (in < 0 || out < 0)
        return NULL;
    while ((n = read(in, buf, sizeof(buf))) > 0)
        if (write(out, buf, (size_t)n) != n)
            return NULL;
    close(in);
    close(out);
    return path;
}

static void run_child(const char *stitch, const char *file, int errfd)
{
    const struct rlimit no_core = { 0, 0 }, fsize = { 1 << 20, 1 << 20 };
    int null = open("/dev/null", O_RDWR);
    const char *dir = getenv("FUZZ_SCRATCH");

    setrlimit(RLIMIT_CORE, &no_core);
    setrlimit(RLIMIT_FSIZE, &fsize);
    dup2(null, 0);
    dup2(null, 1);
    dup2(errfd, 2);
    if (dir && (!(file = executable_copy(file, dir)) || chdir(dir) != 0))
        _exit(125);
    execl(stitch, stitch, file, (char *)NULL);
    _exit(125);
}

static long ms_since(const struct timespec *t0)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/* Collects the child's stderr and status, killing it at the time limit.
 * 1 if it was killed for time. */
static int collect(pid_t pid, int fd, char *err, int *status)
{
    size_t len = 0;
    struct timespec t0;
    int timed_out = 0;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    fcntl(fd, F_SETFL, O_NONBLOCK);
    for (;;) {
        ssize_t n = read(fd, err + len, ERR_MAX - 1 - len);
        if (n > 0) {
            len += (size_t)n;
            if (len < ERR_MAX - 1)
                continue;
        }
        if (waitpid(pid, status, WNOHANG) == pid)
            break;
        if (!timed_out && ms_since(&t0) > TIME_LIMIT_MS) {
            kill(pid, SIGKILL);
            timed_out = 1;
        }
        usleep(1000);
    }
    for (ssize_t n; len < ERR_MAX - 1 && (n = read(fd, err + len, ERR_MAX - 1 - len)) > 0;)
        len += (size_t)n;
    err[len] = 0;
    return timed_out;
}

static int core_signal(int sig)
{
    return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE ||
           sig == SIGABRT || sig == SIGTRAP || sig == SIGSYS || sig == SIGQUIT ||
           sig == SIGXCPU || sig == SIGXFSZ;
}

static int check(const char *stitch, const char *file, const char *err, int status)
{
    const char *base = strrchr(stitch, '/') ? strrchr(stitch, '/') + 1 : stitch;
    char prefix[64];
    size_t lines = 0;

    snprintf(prefix, sizeof(prefix), "%s:", base);
    if (strstr(err, "AddressSanitizer") || strstr(err, "runtime error:") ||
        strstr(err, "LeakSanitizer"))
        return broken(file, "sanitizer report", err);
    if (WIFSIGNALED(status)) {
        if (core_signal(WTERMSIG(status)) && !strstr(err, "uncaught guest signal"))
            return broken(file, "stitch died of a host signal of its own", err);
        return 0;
    }
    if (!WIFEXITED(status) || (WEXITSTATUS(status) != 126 && WEXITSTATUS(status) != 127))
        return 0;
    /* 126 or 127 with no line of stitch's is the guest's own status (the
     * guest's ld.so exits 127 on a library it cannot load, as natively). */
    if (strncmp(err, prefix, strlen(prefix)) != 0 && !strstr(err, prefix))
        return 0;
    for (const char *p = err; *p; p++)
        lines += *p == '\n';
    if (lines != 1 || strncmp(err, prefix, strlen(prefix)) != 0)
        return broken(file, "a refusal that is not one line starting with stitch's name", err);
    return 0;
}

int main(int argc, char **argv)
{
    static char err[ERR_MAX];
    int p[2], status;

    for (; argc > 1 && argv[1][0] == '-'; argv++, argc--) {
        if (strcmp(argv[1], "-a") == 0)
            abort_mode = 1;
        else if (strcmp(argv[1], "-s") == 0)
            strict = 1;
        else
            break;
    }
    if (argc != 3) {
        fprintf(stderr, "usage: fuzz-harness [-a] [-s] STITCH FILE\n");
        return 2;
    }
    if (pipe(p) != 0)
        return 2;
    pid_t pid = fork();
    if (pid < 0)
        return 2;
    if (pid == 0) {
        close(p[0]);
        run_child(argv[1], argv[2], p[1]);
    }
    close(p[1]);
    if (collect(pid, p[0], err, &status))
        return strict ? broken(argv[2], "still running after the time limit", err) : 0;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 125)
        return 2;
    return check(argv[1], argv[2], err, status);
}
