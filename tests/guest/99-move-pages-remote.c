/*
 * move_pages and process_madvise on another process: a forked child
 * (the parent's layout) and a child that exec'd this program again (a
 * layout of its own).  The pages are the child's, and the kernel answers
 * for them: the node of a page the child touched, -ENOENT for one it
 * mapped but never touched, -EFAULT where it has nothing mapped
 * (mm/migrate.c do_pages_stat_array); process_madvise with MADV_COLD and
 * MADV_PAGEOUT advises the child's ranges (the byte count), EINVAL for
 * advice one process may not give another, the bytes before a range the
 * child has not mapped, ENOMEM when that is the first (mm/madvise.c).
 * The child then checks its memory is intact.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
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
#ifndef MADV_COLD
#define MADV_COLD 20
#endif
#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif

#define PAGE 4096

static const char *status_name(int s)
{
    static char buf[16];
    switch (s) {
    case -ENOENT: return "ENOENT";
    case -EFAULT: return "EFAULT";
    case -EACCES: return "EACCES";
    case 0x7fff: return "untouched";
    }
    if (s >= 0)
        return "a node";
    snprintf(buf, sizeof(buf), "%d", s);
    return buf;
}

/* Addresses the child tells the parent. */
struct layout {
    char *touched; /* 4 pages, the first two touched */
    char *mine;    /* a page only the child maps */
    char *gone;    /* a page the child mapped and unmapped */
};

/* In the child: map, touch, tell, wait, check. */
static void child(int go, int done)
{
    struct layout l;
    char c;

    l.touched = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    l.mine = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    l.gone = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(l.gone, PAGE);
    memset(l.touched, 'c', 2 * PAGE);
    l.mine[0] = 'm';
    write(go, &l, sizeof(l));
    read(done, &c, 1);
    int ok = l.touched[0] == 'c' && l.touched[PAGE] == 'c' && l.mine[0] == 'm';
    printf("child: memory %s\n", ok ? "intact" : "CHANGED");
    fflush(stdout);
    _exit(0);
}

static void probe_child(const char *how, pid_t pid, const struct layout *l)
{
    void *pages[5] = { l->touched, l->touched + PAGE, l->touched + 2 * PAGE, l->mine, l->gone };
    int status[5], nodes[5] = { 0 };
    long r;

    printf("-- %s\n", how);
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < 5; i++)
            status[i] = 0x7fff;
        r = syscall(SYS_move_pages, pid, 5, pages, pass ? nodes : NULL, status, 0);
        printf("move_pages %-17s %ld errno %d:", pass ? "(to node 0)" : "(query)", r, r < 0 ? errno : 0);
        for (int i = 0; i < 5; i++)
            printf(" %s", status_name(status[i]));
        putchar('\n');
    }
    int pfd = syscall(SYS_pidfd_open, pid, 0);
    struct iovec iov[2] = { { l->touched, 2 * PAGE }, { l->mine, PAGE } };
    r = syscall(SYS_process_madvise, pfd, iov, 2, MADV_COLD, 0);
    printf("process_madvise COLD        %ld errno %d\n", r, r < 0 ? errno : 0);
    r = syscall(SYS_process_madvise, pfd, iov, 2, MADV_PAGEOUT, 0);
    printf("process_madvise PAGEOUT     %ld errno %d\n", r, r < 0 ? errno : 0);
    r = syscall(SYS_process_madvise, pfd, iov, 1, MADV_DONTNEED, 0);
    printf("process_madvise DONTNEED    %ld errno %d\n", r, r < 0 ? errno : 0);
    struct iovec bad[2] = { { l->touched, PAGE }, { l->gone, PAGE } };
    r = syscall(SYS_process_madvise, pfd, bad, 2, MADV_COLD, 0);
    printf("process_madvise COLD, hole  %ld errno %d\n", r, r < 0 ? errno : 0);
    r = syscall(SYS_process_madvise, pfd, bad + 1, 1, MADV_COLD, 0);
    printf("process_madvise only hole   %ld errno %d\n", r, r < 0 ? errno : 0);
    r = syscall(SYS_process_madvise, pfd, iov, 0, MADV_COLD, 0);
    printf("process_madvise no ranges   %ld errno %d\n", r, r < 0 ? errno : 0);
    close(pfd);
}

/* A forked child (the parent's layout), then one that exec'd this program
 * again (a layout of its own). */
static void run(const char *how, const char *self)
{
    int go[2], done[2];
    struct layout l;

    pipe(go);
    pipe(done);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        if (!self)
            child(go[1], done[0]);
        char a[16], b[16];
        snprintf(a, sizeof(a), "%d", go[1]);
        snprintf(b, sizeof(b), "%d", done[0]);
        execl(self, self, "child", a, b, (char *)NULL);
        _exit(127);
    }
    read(go[0], &l, sizeof(l));
    probe_child(how, pid, &l);
    fflush(stdout);
    write(done[1], "", 1);
    waitpid(pid, NULL, 0);
    close(go[0]), close(go[1]), close(done[0]), close(done[1]);
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "child"))
        child(atoi(argv[2]), atoi(argv[3]));
    run("forked child", NULL);
    run("child that exec'd", "/proc/self/exe");
    long r = syscall(SYS_move_pages, 999999, 1, (void *[]){ 0 }, NULL, (int[]){ 0 }, 0);
    printf("move_pages no such process  %ld errno %d\n", r, r < 0 ? errno : 0);
    return 0;
}
