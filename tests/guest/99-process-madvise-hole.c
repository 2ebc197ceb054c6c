/*
 * process_madvise on another process's range with a hole: mm/madvise.c
 * (madvise_walk_vmas) advises every mapped part of the range and then
 * answers ENOMEM for it; a range after it is not looked at, the bytes of
 * those before it are the result.  MADV_PAGEOUT on clean file pages
 * that only the child maps drops them, which the child sees with
 * mincore: the pages on both sides of the hole go, a mapping the advice
 * did not cover stays.  Both processes run on one CPU: a page the child
 * just faulted in waits in that CPU's LRU batch, which only the advising
 * process's lru_add_drain() (mm/madvise.c madvise_cold_or_pageout_vma)
 * empties, so the page can be reclaimed.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_process_madvise
#define SYS_process_madvise 440
#endif
#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif

#define PAGE 4096
#define NPAGES 8

struct layout {
    char *p; /* pages 0-3 of the file, page 2 unmapped */
    char *q; /* pages 4-5, never advised */
    char *r; /* pages 6-7, advised after a range with a hole */
};

static void residency(const char *when, const struct layout *l)
{
    char *pages[] = { l->p, l->p + PAGE, l->p + 3 * PAGE, l->q, l->q + PAGE, l->r, l->r + PAGE };
    unsigned char v;

    printf("child, %-14s resident:", when);
    for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++)
        printf(" %d", mincore(pages[i], PAGE, &v) == 0 ? v & 1 : -1);
    putchar('\n');
    fflush(stdout);
}

static void child(int fd, int go, int done)
{
    struct layout l;
    volatile char sum = 0;
    char c;

    l.p = mmap(NULL, 4 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    l.q = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE, fd, 4 * PAGE);
    l.r = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE, fd, 6 * PAGE);
    for (int i = 0; i < 4; i++)
        sum += l.p[i * PAGE];
    for (int i = 0; i < 2; i++)
        sum += l.q[i * PAGE] + l.r[i * PAGE];
    (void)sum;
    munmap(l.p + 2 * PAGE, PAGE);
    residency("before advice", &l);
    write(go, &l, sizeof(l));
    for (int call = 1; read(done, &c, 1) == 1; call++) {
        char when[32];
        snprintf(when, sizeof(when), "after call %d", call);
        residency(when, &l);
        write(go, "", 1);
    }
    _exit(0);
}

/* Let the child look at its pages, and wait until it has. */
static void child_looks(int done, int go)
{
    char c;

    fflush(stdout);
    write(done, "x", 1);
    read(go, &c, 1);
}

int main(void)
{
    int go[2], done[2];
    char buf[PAGE];
    struct layout l;

    setvbuf(stdout, NULL, _IOLBF, 0);
    memset(buf, 'f', sizeof(buf));
    int fd = open("pages.dat", O_CREAT | O_TRUNC | O_RDWR, 0644);
    for (int i = 0; i < NPAGES; i++)
        write(fd, buf, PAGE);
    /* Clean and out of the page cache: the child's reads bring them in,
     * mapped by it alone. */
    fsync(fd);
    posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    if (pipe(go) < 0 || pipe(done) < 0)
        return 1;
    cpu_set_t all, one;
    CPU_ZERO(&one);
    if (sched_getaffinity(0, sizeof(all), &all) == 0)
        for (int c = 0; c < CPU_SETSIZE; c++)
            if (CPU_ISSET(c, &all)) {
                CPU_SET(c, &one);
                sched_setaffinity(0, sizeof(one), &one);
                break;
            }
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(go[0]);
        close(done[1]);
        child(fd, go[1], done[0]);
    }
    close(go[1]);
    close(done[0]);
    if (read(go[0], &l, sizeof(l)) != sizeof(l))
        return 1;
    int pfd = syscall(SYS_pidfd_open, pid, 0);
    struct iovec hole[2] = { { l.p, 4 * PAGE }, { l.r, 2 * PAGE } };
    long r = syscall(SYS_process_madvise, pfd, hole, 2, MADV_PAGEOUT, 0);
    printf("call 1: PAGEOUT [hole, after]  %ld errno %d\n", r, r < 0 ? errno : 0);
    child_looks(done[1], go[0]);
    struct iovec after[2] = { { l.r, 2 * PAGE }, { l.p, 4 * PAGE } };
    r = syscall(SYS_process_madvise, pfd, after, 2, MADV_PAGEOUT, 0);
    printf("call 2: PAGEOUT [range, hole]  %ld errno %d\n", r, r < 0 ? errno : 0);
    child_looks(done[1], go[0]);
    close(done[1]);
    waitpid(pid, NULL, 0);
    close(pfd);
    unlink("pages.dat");
    return 0;
}
