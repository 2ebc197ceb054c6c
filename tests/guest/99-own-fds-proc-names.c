/*
 * stitch's own descriptors (512 and up) are in none of the names of this
 * process's fd and fdinfo directories: /proc/self, /proc/<pid>,
 * /proc/thread-self, /proc/<tid> (served, though not listed), the task/
 * directories and /dev/fd; not in their listings (getdents64) and, as
 * natively for a number not open, ENOENT to open, stat, lstat, readlink
 * and access.  Checked before any thread exists and again from a second
 * thread, which with -d tid has a log file of its own there.
 *
 * stitch: -d page,tid -D own-names-%d.log
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The listing, but the descriptor that reads it. */
static void list(const char *label, const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char line[4096] = "";

    if (!d) {
        printf("%-34s opendir: %s\n", label, strerror(errno));
        return;
    }
    while ((e = readdir(d)))
        if (e->d_name[0] != '.' && atoi(e->d_name) != dirfd(d))
            snprintf(line + strlen(line), sizeof(line) - strlen(line), " %.8s", e->d_name);
    closedir(d);
    printf("%-34s%s\n", label, line);
}

static void entry(const char *label, const char *dir, int fd)
{
    char path[256], link[256];
    struct stat st;
    int o;

    snprintf(path, sizeof(path), "%s/%d", dir, fd);
    errno = 0;
    o = open(path, O_RDONLY);
    printf("%-34s %d: open %s", label, fd, o >= 0 ? "ok" : strerror(errno));
    if (o >= 0)
        close(o);
    printf(", stat %s", stat(path, &st) == 0 ? "ok" : strerror(errno));
    printf(", lstat %s", lstat(path, &st) == 0 ? "ok" : strerror(errno));
    printf(", readlink %s", readlink(path, link, sizeof(link)) >= 0 ? "ok" : strerror(errno));
    printf(", access %s\n", access(path, F_OK) == 0 ? "ok" : strerror(errno));
}

static void probe(const char *who)
{
    int pid = getpid(), tid = (int)syscall(SYS_gettid);
    char names[8][2][64];
    const char *labels[8] = { "/proc/self", "/proc/<pid>", "/proc/thread-self", "/proc/<tid>",
                              "/proc/self/task/<tid>", "/proc/<pid>/task/<tid>", "/dev",
                              "/proc/self/./" };

    snprintf(names[0][0], 64, "/proc/self/fd");
    snprintf(names[1][0], 64, "/proc/%d/fd", pid);
    snprintf(names[2][0], 64, "/proc/thread-self/fd");
    snprintf(names[3][0], 64, "/proc/%d/fd", tid);
    snprintf(names[4][0], 64, "/proc/self/task/%d/fd", tid);
    snprintf(names[5][0], 64, "/proc/%d/task/%d/fd", pid, tid);
    snprintf(names[6][0], 64, "/dev/fd");
    snprintf(names[7][0], 64, "/proc/self/./fd");
    for (int i = 0; i < 8; i++) {
        snprintf(names[i][1], 64, "%.*sinfo", (int)strlen(names[i][0]), names[i][0]);
        for (int k = 0; k < 2; k++) {
            char label[96];
            if (i == 6 && k == 1)
                continue; /* there is no /dev/fdinfo */
            snprintf(label, sizeof(label), "%s %s: %s/%s", who, labels[i], k ? "fdinfo" : "fd", "");
            list(label, names[i][k]);
            for (int fd = 511; fd <= 515; fd++)
                entry(label, names[i][k], fd);
        }
    }
}

static void *second(void *arg)
{
    /* A mapping, which -d page logs: this thread's -d tid file opens. */
    munmap(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), 4096);
    probe("thread");
    return arg;
}

int main(void)
{
    pthread_t t;

    setvbuf(stdout, NULL, _IOLBF, 0);
    probe("main");
    if (pthread_create(&t, NULL, second, NULL) != 0)
        return 1;
    pthread_join(t, NULL);
    return 0;
}
