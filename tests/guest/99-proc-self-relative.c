/*
 * A /proc entry of this process reached by a relative name is the same
 * entry as by its absolute one (fs/namei.c path_init starts the walk at
 * dirfd's or the working directory's path): openat on a descriptor of
 * /proc/self, /proc/<pid>, /proc/thread-self, /proc/self/task/<tid> or
 * /proc, and open after chdir there, of maps, auxv, cmdline and exe
 * (readlinkat too) give what /proc/self/NAME gives.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static char got[1 << 16], want[1 << 16];

static long slurp(int fd, char *buf, size_t size)
{
    long n = 0, r;

    if (fd < 0)
        return -errno;
    while ((size_t)n < size && (r = read(fd, buf + n, size - n)) > 0)
        n += r;
    close(fd);
    return n;
}

/* maps: every address fits 32 bits (a 32-bit process's), and the line
 * of main's text is there with the program's name (/proc/self/exe). */
static void maps(const char *how, long n)
{
    unsigned long me = (unsigned long)(void *)&maps;
    int narrow = 1, mine = 0;
    char exe[4096] = "";

    if (readlink("/proc/self/exe", exe, sizeof(exe) - 1) < 0)
        exit(1);

    got[n < (long)sizeof(got) ? n : (long)sizeof(got) - 1] = '\0';
    for (char *l = strtok(got, "\n"); l; l = strtok(NULL, "\n")) {
        unsigned long long lo, hi;
        if (sscanf(l, "%llx-%llx", &lo, &hi) != 2)
            break;
        narrow &= strcspn(l, "-") <= 8 && hi <= 0x100000000ull;
        const char *name = strchr(l, '/');
        if (lo <= me && me < hi && name)
            mine = !strcmp(name, exe);
    }
    printf("%-28s maps: read %d, 32-bit %d, own text line %d\n", how, n > 0, narrow, mine);
}

static void same(const char *how, const char *name, long n, const char *abs)
{
    long m = slurp(open(abs, O_RDONLY), want, sizeof(want));

    printf("%-28s %s: %s\n", how, name, n < 0 ? strerror(-n) : n == m && !memcmp(got, want, n) ? "same" : "differs");
}

static void exe(const char *how, int dirfd, const char *name)
{
    char a[4096], b[4096];
    ssize_t n = readlinkat(dirfd, name, a, sizeof(a)), m = readlink("/proc/self/exe", b, sizeof(b));
    unsigned char ident[5] = "";
    long r = slurp(openat(dirfd, name, O_RDONLY), (char *)ident, sizeof(ident));

    printf("%-28s exe: readlinkat %s, ELF class %d (%ld)\n", how,
           n < 0 ? strerror(errno) : n == m && !memcmp(a, b, n) ? "same" : "differs", ident[4], r);
}

/* Each entry from dirfd, prefixed by `pre` ("" or "self/"...). */
static void entries(const char *how, int dirfd, const char *pre)
{
    char name[64];

    snprintf(name, sizeof(name), "%smaps", pre);
    maps(how, slurp(openat(dirfd, name, O_RDONLY), got, sizeof(got)));
    snprintf(name, sizeof(name), "%sauxv", pre);
    same(how, "auxv", slurp(openat(dirfd, name, O_RDONLY), got, sizeof(got)), "/proc/self/auxv");
    snprintf(name, sizeof(name), "%scmdline", pre);
    same(how, "cmdline", slurp(openat(dirfd, name, O_RDONLY | O_CLOEXEC), got, sizeof(got)),
         "/proc/self/cmdline");
    snprintf(name, sizeof(name), "%sexe", pre);
    exe(how, dirfd, name);
}

static void from(const char *label, const char *dir, const char *pre)
{
    char how[64], cwd[4096];
    int fd = open(dir, O_RDONLY | O_DIRECTORY);

    if (fd < 0 || !getcwd(cwd, sizeof(cwd))) {
        printf("%s: %s\n", label, strerror(errno));
        return;
    }
    snprintf(how, sizeof(how), "openat %s", label);
    entries(how, fd, pre);
    /* O_PATH descriptors are directories to openat too. */
    int pfd = open(dir, O_PATH | O_DIRECTORY);
    snprintf(how, sizeof(how), "O_PATH %s", label);
    entries(how, pfd, pre);
    close(pfd);
    if (fchdir(fd) == 0) {
        snprintf(how, sizeof(how), "chdir %s", label);
        entries(how, AT_FDCWD, pre);
        if (chdir(cwd) != 0)
            exit(1);
    }
    close(fd);
}

int main(void)
{
    char dir[64];

    maps("absolute /proc/self/maps", slurp(open("/proc/self/maps", O_RDONLY), got, sizeof(got)));
    from("/proc/self", "/proc/self", "");
    snprintf(dir, sizeof(dir), "/proc/%d", (int)getpid());
    from("/proc/<pid>", dir, "");
    from("/proc/thread-self", "/proc/thread-self", "");
    snprintf(dir, sizeof(dir), "/proc/self/task/%d", (int)syscall(SYS_gettid));
    from("/proc/self/task/<tid>", dir, "");
    from("/proc self/", "/proc", "self/");
    snprintf(dir, sizeof(dir), "task/%d/", (int)syscall(SYS_gettid));
    from("/proc/self task/<tid>/", "/proc/self", dir);
    from("/proc/self/fd ../", "/proc/self/fd", "../");
    /* Not this process's entries: untouched. */
    int fd = open("/proc/self", O_RDONLY | O_DIRECTORY);
    long n = slurp(openat(fd, "maps/", O_RDONLY), got, sizeof(got));
    printf("maps/: %s\n", n < 0 ? strerror(-n) : "opened");
    n = slurp(openat(fd, "status", O_RDONLY), got, sizeof(got));
    printf("status: %d\n", n > 0);
    close(fd);
    return 0;
}
