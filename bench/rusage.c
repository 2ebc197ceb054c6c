/* rusage.c: run a command and report its wall time and peak RSS.
 *
 *   rusage REPORT cmd [args...]
 *
 * Forks, execs cmd, waits with wait4() and writes "seconds maxrss_kb status"
 * (status as from wait()) to the file REPORT.  It exists because Linux
 * counts the high-water RSS of the image a process replaced by exec: a
 * child forked from the Python harness would report the harness's 20+ MiB
 * as its own peak.  This helper is a small static host program, so what it
 * adds is a few hundred KiB, the same for every engine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: rusage REPORT cmd [args...]\n");
        return 2;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) {
        perror("rusage: fork");
        return 2;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror(argv[2]);
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("rusage: wait4");
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    FILE *f = fopen(argv[1], "w");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    fprintf(f, "%.6f %ld %d\n", (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9,
            ru.ru_maxrss, status);
    fclose(f);
    return 0;
}
