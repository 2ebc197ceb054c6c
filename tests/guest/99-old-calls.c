/*
 * The i386 table's old-ABI calls no libc makes any more, made raw:
 * oldstat, oldlstat, oldfstat (struct __old_kernel_stat, 16-bit inode
 * numbers), olduname and oldolduname, readdir (one 32-bit dirent per
 * call), signal (System V one-shot handlers), sgetmask and ssetmask
 * (99-stat32-getdents has stat and getdents, which ARM has too).  What
 * depends on the run directory (inode numbers) is printed as whether the
 * kernel's rule held: the value, or -EOVERFLOW when it does not fit
 * (fs/stat.c cp_old_stat, fs/readdir.c compat_fillonedir).
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <unistd.h>

struct kstat_old {
    uint16_t dev, ino, mode, nlink, uid, gid, rdev, pad;
    uint32_t size, atime, mtime, ctime;
};

static long raw(long nr, long a, long b, long c)
{
    long r = syscall(nr, a, b, c);
    return r < 0 ? -errno : r;
}

static void check_old(const char *what, long r, const struct kstat_old *k, const struct stat64 *s)
{
    long want = s->st_ino > 0xffff ? -EOVERFLOW : 0;

    printf("%-22s r %ld (rule %s)", what, r, r == want ? "held" : "BROKEN");
    if (r == 0)
        printf(" mode %o dev %s rdev %s ino %s size %u", k->mode,
               k->dev == (uint16_t)(major(s->st_dev) << 8 | minor(s->st_dev)) ? "ok" : "BAD",
               k->rdev == (uint16_t)(major(s->st_rdev) << 8 | minor(s->st_rdev)) ? "ok" : "BAD",
               k->ino == s->st_ino ? "ok" : "BAD", k->size);
    putchar('\n');
}

static void stats(void)
{
    static const char *paths[] = { "/", "/dev/null", "a.txt", "link", "big", NULL };
    struct kstat_old o;
    struct stat64 s;

    for (int i = 0; paths[i]; i++) {
        char what[64];
        lstat64(paths[i], &s);
        snprintf(what, sizeof(what), "oldlstat %s", paths[i]);
        check_old(what, raw(SYS_oldlstat, (long)paths[i], (long)&o, 0), &o, &s);
        stat64(paths[i], &s);
        snprintf(what, sizeof(what), "oldstat %s", paths[i]);
        check_old(what, raw(SYS_oldstat, (long)paths[i], (long)&o, 0), &o, &s);
        int fd = open(paths[i], O_RDONLY | O_LARGEFILE);
        fstat64(fd, &s);
        snprintf(what, sizeof(what), "oldfstat %s", paths[i]);
        check_old(what, raw(SYS_oldfstat, fd, (long)&o, 0), &o, &s);
        close(fd);
    }
    memset(&o, 0x5a, sizeof(o));
    printf("oldstat missing       %ld\n", raw(SYS_oldstat, (long)"missing", (long)&o, 0));
    printf("oldfstat bad fd       %ld\n", raw(SYS_oldfstat, -1, (long)&o, 0));
    printf("oldstat bad buffer    %ld\n", raw(SYS_oldstat, (long)"/", 16, 0));
    printf("untouched on error    %d\n", o.dev == 0x5a5a);
}

static void unames(void)
{
    struct utsname u;
    char old[5][65], oo[5][9];
    const char *f[5];

    uname(&u);
    f[0] = u.sysname, f[1] = u.nodename, f[2] = u.release, f[3] = u.version, f[4] = u.machine;
    memset(old, 'x', sizeof(old));
    memset(oo, 'x', sizeof(oo));
    printf("olduname              %ld\n", raw(SYS_olduname, (long)old, 0, 0));
    printf("oldolduname           %ld\n", raw(SYS_oldolduname, (long)oo, 0, 0));
    printf("sysname %s / %s\n", old[0], oo[0]);
    for (int i = 0; i < 5; i++)
        printf("field %d: old %s, oldold %s\n", i, strcmp(old[i], f[i]) ? "BAD" : "ok",
               strlen(oo[i]) == (strlen(f[i]) < 8 ? strlen(f[i]) : 8) &&
                       !strncmp(oo[i], f[i], 8) ? "ok" : "BAD");
    printf("olduname NULL         %ld\n", raw(SYS_olduname, 0, 0, 0));
    printf("oldolduname NULL      %ld\n", raw(SYS_oldolduname, 0, 0, 0));
    printf("oldolduname bad       %ld\n", raw(SYS_oldolduname, 16, 0, 0));
}

#define NFILES 40

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void print_names(const char *what, char **names, int n)
{
    qsort(names, n, sizeof(*names), cmp);
    printf("%s: %d entries:", what, n);
    for (int i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    putchar('\n');
}

struct old_dirent {
    uint32_t ino, off;
    uint16_t namlen;
    char name[256];
};

static void readdirs(void)
{
    char *names[NFILES + 8];
    struct old_dirent d;
    int n = 0, bad = 0;
    long r;
    struct stat s;

    int fd = open("d", O_RDONLY | O_DIRECTORY);
    while ((r = raw(SYS_readdir, fd, (long)&d, 1)) == 1) {
        char p[300];
        snprintf(p, sizeof(p), "d/%s", d.name);
        lstat(p, &s);
        bad += d.namlen != strlen(d.name) || d.ino != (uint32_t)s.st_ino;
        if (n == 5) /* the entry after a fault is the one that faulted */
            printf("readdir bad buffer    %ld\n", raw(SYS_readdir, fd, 16, 1));
        names[n++] = strdup(d.name);
    }
    printf("readdir end           %ld, again %ld, fields bad %d\n", r,
           raw(SYS_readdir, fd, (long)&d, 1), bad);
    print_names("readdir", names, n);
    printf("readdir on a file     %ld\n", raw(SYS_readdir, 0, (long)&d, 1));
    printf("readdir bad fd        %ld\n", raw(SYS_readdir, 999, (long)&d, 1));
    close(fd);
}

static volatile int hits;
static volatile long mask_in_handler;

static void on_usr1(int sig)
{
    (void)sig;
    hits++;
    mask_in_handler = syscall(SYS_sgetmask);
}

static void signals(void)
{
    uint64_t full[2];

    printf("signal first          %ld\n", raw(SYS_signal, SIGUSR1, (long)on_usr1, 0));
    printf("signal again          %s\n",
           raw(SYS_signal, SIGUSR1, (long)on_usr1, 0) == (long)on_usr1 ? "old handler" : "WRONG");
    kill(getpid(), SIGUSR1);
    printf("hits %d, mask in handler %lx (SA_NOMASK)\n", hits, mask_in_handler);
    printf("reset to SIG_DFL      %ld\n", raw(SYS_signal, SIGUSR1, (long)SIG_IGN, 0));
    printf("SIG_IGN returned      %ld\n", raw(SYS_signal, SIGUSR1, (long)SIG_DFL, 0));
    printf("signal SIGKILL        %ld\n", raw(SYS_signal, SIGKILL, (long)SIG_IGN, 0));
    printf("signal 0              %ld\n", raw(SYS_signal, 0, (long)SIG_IGN, 0));
    printf("signal 65             %ld\n", raw(SYS_signal, 65, (long)SIG_IGN, 0));

    printf("sgetmask              %lx\n", syscall(SYS_sgetmask));
    printf("ssetmask USR2|KILL    %lx\n", syscall(SYS_ssetmask, (1L << (SIGUSR2 - 1)) | (1L << (SIGKILL - 1))));
    printf("sgetmask              %lx\n", syscall(SYS_sgetmask));
    printf("ssetmask -1           %lx\n", syscall(SYS_ssetmask, -1L));
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, full, 8);
    printf("full mask             %llx\n", (unsigned long long)full[0]);
    printf("ssetmask 0x7fffffff   %lx\n", syscall(SYS_ssetmask, 0x7fffffffL));
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, full, 8);
    printf("full mask             %llx\n", (unsigned long long)full[0]);
    printf("ssetmask 0            %lx\n", syscall(SYS_ssetmask, 0L));
}

int main(void)
{
    int fd = open("a.txt", O_CREAT | O_WRONLY, 0644);
    write(fd, "0123456789", 10);
    close(fd);
    symlink("a.txt", "link");
    fd = open("big", O_CREAT | O_WRONLY | O_LARGEFILE, 0644);
    ftruncate64(fd, 3ll << 30);
    close(fd);
    mkdir("d", 0755);
    for (int i = 0; i < NFILES; i++) {
        char p[64];
        snprintf(p, sizeof(p), "d/%.*s%d", i % 17 + 1, "abcdefghijklmnopqrstuvwxyz", i);
        close(open(p, O_CREAT | O_WRONLY, 0644));
    }
    mkdir("d/sub", 0755);
    symlink("x", "d/sl");
    stats();
    unames();
    readdirs();
    signals();
    return 0;
}
