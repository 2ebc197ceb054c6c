/*
 * Another process's /proc/<pid>/fd and fdinfo show only the descriptors
 * it has: under stitch, a forked child and its parent are both stitch
 * processes, each with its own descriptors at 512 and up (its stderr
 * copy, the -D log, each thread's -d tid file), which neither may see in
 * the other's directories, under any of their names (listing, open,
 * readlink, stat, access, fdinfo, /proc/<pid>/task/<tid>/fd).  A number
 * a guest took up there (dup2 onto 512 in the parent before the fork,
 * onto 515 in the child) is the guest's and shows.
 * The parent looks at the child while the child waits, then the child
 * at the parent while the parent waits; again once the child has exec'd
 * this program (a new stitch process, its own descriptors anew).
 * stitch reads the other's numbers from its memory, which Yama may
 * forbid where natively the directories are readable: a side it forbids
 * is not looked at (yama_forbids).
 *
 * stitch: -d page,tid -D own-fds-other-%d.log
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int cmp(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

/* The directory's entries, numerically, "." and ".." left out. */
static void list(const char *dir)
{
    int fds[256], n = 0;
    DIR *d = opendir(dir);
    struct dirent *e;

    if (!d) {
        printf("  %s: %s\n", strrchr(dir, '/') + 1, strerror(errno));
        return;
    }
    while ((e = readdir(d)) && n < 256)
        if (e->d_name[0] != '.')
            fds[n++] = atoi(e->d_name);
    closedir(d);
    qsort(fds, n, sizeof(fds[0]), cmp);
    printf("  %s:", strrchr(dir, '/') + 1);
    for (int i = 0; i < n; i++)
        printf(" %d", fds[i]);
    printf("\n");
}

static const char *res(int r)
{
    return r >= 0 ? "ok" : strerrorname_np(errno) ? strerrorname_np(errno) : "?";
}

/* Each call on /proc/<pid>/fd/N and its fdinfo, N around stitch's. */
static void probe(const char *base)
{
    for (int n = 510; n <= 520; n++) {
        char p[96], q[96], link[64];
        struct stat st;
        snprintf(p, sizeof(p), "%s/fd/%d", base, n);
        snprintf(q, sizeof(q), "%s/fdinfo/%d", base, n);
        int fd = open(p, O_RDONLY);
        printf("  %d: open %s", n, res(fd));
        if (fd >= 0)
            close(fd);
        ssize_t l = readlink(p, link, sizeof(link) - 1);
        link[l > 0 ? l : 0] = '\0';
        /* (Only a name the test gave: no run directory in the output.) */
        if (strncmp(link, "/dev/", 5))
            link[0] = '\0';
        printf(" readlink %s%s%s", res((int)l), link[0] ? " " : "", link);
        printf(" stat %s lstat %s access %s", res(stat(p, &st)), res(lstat(p, &st)),
               res(access(p, F_OK)));
        fd = open(q, O_RDONLY);
        printf(" fdinfo %s", res(fd));
        if (fd >= 0)
            close(fd);
        snprintf(p, sizeof(p), "%s/fd/%d/", base, n);
        printf(" dir %s\n", res(stat(p, &st)));
    }
}

/*
 * Yama's ptrace_scope (Documentation/admin-guide/LSM/Yama.rst) limits
 * PTRACE_MODE_ATTACH, which process_vm_readv needs, not the reading of
 * /proc/<pid>/fd: 1, a descendant only unless CAP_SYS_PTRACE (taken as
 * root); 2, only with CAP_SYS_PTRACE; 3, never.  Does it forbid reading
 * the parent's memory (up = 1) or the child's (up = 0)?
 */
#ifndef YAMA_SCOPE
#define YAMA_SCOPE "/proc/sys/kernel/yama/ptrace_scope"
#endif
static int yama_forbids(int up)
{
    FILE *f = fopen(YAMA_SCOPE, "r");
    int scope = 0;

    if (!f)
        return 0;
    if (fscanf(f, "%d", &scope) != 1)
        scope = 0;
    fclose(f);
    if (scope >= 3)
        return 1;
    return geteuid() != 0 && (scope >= 2 || (scope == 1 && up));
}

static void look(const char *who, int pid, int up)
{
    char base[64], dir[96];

    if (yama_forbids(up)) {
        printf("%s: not looked at (Yama ptrace_scope)\n", who);
        fflush(stdout);
        return;
    }
    printf("%s:\n", who);
    snprintf(base, sizeof(base), "/proc/%d", pid);
    snprintf(dir, sizeof(dir), "%s/fd", base);
    list(dir);
    snprintf(dir, sizeof(dir), "%s/fdinfo", base);
    list(dir);
    snprintf(dir, sizeof(dir), "%s/task/%d/fd", base, pid);
    list(dir);
    probe(base);
    snprintf(base, sizeof(base), "/proc/%d/task/%d", pid, pid);
    probe(base);
    fflush(stdout);
}

/* The child's side: ready, wait for go, look at the parent. */
static int child_side(int ready, int go, const char *who)
{
    char c;

    if (write(ready, "r", 1) != 1 || read(go, &c, 1) != 1)
        return 1;
    look(who, getppid(), 1);
    return 0;
}

/* The parent's side: wait for ready, look at the child, go. */
static int parent_side(int ready, int go, const char *who, pid_t child)
{
    char c;

    if (read(ready, &c, 1) != 1)
        return 1;
    look(who, child, 0);
    return write(go, "g", 1) == 1 ? 0 : 1;
}

int main(int argc, char **argv)
{
    int ready[2], go[2];
    char r[16], g[16];

    /* The exec'd child: a stitch process of its own again. */
    if (argc == 4 && !strcmp(argv[1], "exec"))
        return child_side(atoi(argv[2]), atoi(argv[3]), "parent, from the exec'd child");
    if (pipe(ready) < 0 || pipe(go) < 0)
        return 1;
    /* The parent's too: stitch's descriptor there moves elsewhere, and
     * both processes have 512. */
    int null = open("/dev/null", O_RDONLY);
    if (null < 0 || dup2(null, 512) != 512)
        return 1;
    close(null);
    fflush(stdout);
    pid_t child = fork();
    if (child < 0)
        return 1;
    if (!child) {
        /* A number of stitch's, now the child's: it shows. */
        if (dup2(512, 515) != 515)
            return 1;
        /* -d page: this thread's log file opens. */
        void *m = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (m != MAP_FAILED)
            munmap(m, 4096);
        if (child_side(ready[1], go[0], "parent"))
            return 1;
        snprintf(r, sizeof(r), "%d", ready[1]);
        snprintf(g, sizeof(g), "%d", go[0]);
        execl(argv[0], argv[0], "exec", r, g, (char *)NULL);
        return 1;
    }
    if (parent_side(ready[0], go[1], "child", child) ||
        parent_side(ready[0], go[1], "exec'd child", child))
        return 1;
    int status;
    if (waitpid(child, &status, 0) != child)
        return 1;
    printf("child exit %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return 0;
}
