/*
 * An absolute name of a /proc entry of this process in another spelling
 * is the same entry (fs/namei.c link_path_walk: "//" is "/", "." stays,
 * ".." goes up from where the walk is, after a symlink such as
 * /proc/self or /proc/thread-self has been followed): maps, auxv,
 * cmdline, status and exe read through "//proc/self/maps",
 * "/proc/./self/maps", "/proc/self/../self/maps",
 * "/proc/self/task/<tid>/../../maps", "/proc/thread-self/../../maps",
 * "/dev/fd/../maps", a symlink of the program's own ... give what the
 * plain name gives; and one of stitch's own descriptors (512 and up) is
 * in none of the fd and fdinfo directories so named (ENOENT).
 *
 * stitch: -d page -D odd-names.log
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static char got[1 << 16], want[1 << 16];

static long slurp(const char *path, char *buf, size_t size)
{
    long n = 0, r;
    int fd = open(path, O_RDONLY);

    if (fd < 0)
        return -errno;
    while ((size_t)n < size - 1 && (r = read(fd, buf + n, size - 1 - n)) > 0)
        n += r;
    close(fd);
    buf[n] = '\0';
    return n;
}

/* maps: every address fits 32 bits, and main's text line names the
 * program (/proc/self/exe). */
static void maps(const char *path)
{
    unsigned long me = (unsigned long)(void *)&maps;
    int narrow = 1, mine = 0;
    char exe[4096] = "";
    long n = slurp(path, got, sizeof(got));

    if (readlink("/proc/self/exe", exe, sizeof(exe) - 1) < 0)
        exit(1);
    for (char *l = strtok(got, "\n"); n > 0 && l; l = strtok(NULL, "\n")) {
        unsigned long long lo, hi;
        if (sscanf(l, "%llx-%llx", &lo, &hi) != 2)
            break;
        narrow &= strcspn(l, "-") <= 8 && hi <= 0x100000000ull;
        const char *name = strchr(l, '/');
        if (lo <= me && me < hi && name)
            mine = !strcmp(name, exe);
    }
    printf("  maps: %s, 32-bit %d, own text line %d\n", n > 0 ? "read" : strerror(-n), narrow, mine);
}

static void same(const char *path, const char *name)
{
    char plain[64];
    long n = slurp(path, got, sizeof(got));

    snprintf(plain, sizeof(plain), "/proc/self/%s", name);
    long m = slurp(plain, want, sizeof(want));
    printf("  %s: %s\n", name,
           n < 0 ? strerror(-n) : n == m && !memcmp(got, want, n) ? "same" : "differs");
}

static void fdsize(const char *path)
{
    long n = slurp(path, got, sizeof(got));
    const char *l = n > 0 ? strstr(got, "\nFDSize:") : NULL;

    printf("  status: %.*s\n", l ? (int)strcspn(l + 1, "\n") : 0, l ? l + 1 : "");
}

static void exe(const char *path)
{
    char a[4096], b[4096];
    ssize_t n = readlink(path, a, sizeof(a)), m = readlink("/proc/self/exe", b, sizeof(b));
    unsigned char ident[5] = "";
    int fd = open(path, O_RDONLY);

    if (fd >= 0 && read(fd, ident, sizeof(ident)) != sizeof(ident))
        ident[4] = 0;
    if (fd >= 0)
        close(fd);
    printf("  exe: readlink %s, ELF class %d\n",
           n < 0 ? strerror(errno) : n == m && !memcmp(a, b, n) ? "same" : "differs", ident[4]);
}

/* `dir` names this process's /proc directory; `label` shows it without
 * the numbers that differ from run to run. */
static void entries(const char *label, const char *dir)
{
    char path[512];

    printf("%s\n", label);
    snprintf(path, sizeof(path), "%smaps", dir);
    maps(path);
    snprintf(path, sizeof(path), "%sauxv", dir);
    same(path, "auxv");
    snprintf(path, sizeof(path), "%scmdline", dir);
    same(path, "cmdline");
    snprintf(path, sizeof(path), "%sstatus", dir);
    fdsize(path);
    snprintf(path, sizeof(path), "%sexe", dir);
    exe(path);
}

static void own_fd(const char *label, const char *dir)
{
    char path[512];
    struct stat st;

    snprintf(path, sizeof(path), "%s512", dir);
    printf("  %-32s stat %s,", label, stat(path, &st) == 0 ? "ok" : strerror(errno));
    printf(" access %s\n", access(path, F_OK) == 0 ? "ok" : strerror(errno));
}

int main(void)
{
    char dir[512], cwd[4096];
    int pid = getpid(), tid = (int)syscall(SYS_gettid);

    entries("/proc/self/ (plain)", "/proc/self/");
    entries("//proc/self/", "//proc/self/");
    entries("/proc//self/", "/proc//self/");
    entries("/proc/./self/", "/proc/./self/");
    entries("/proc/self/./", "/proc/self/./");
    entries("/proc/self//", "/proc/self//");
    entries("/proc/self/../self/", "/proc/self/../self/");
    entries("/proc/self/fd/../", "/proc/self/fd/../");
    entries("/proc/thread-self/../../", "/proc/thread-self/../../");
    entries("/dev/fd/../", "/dev/fd/../");
    snprintf(dir, sizeof(dir), "/proc/self/task/%d/../../", tid);
    entries("/proc/self/task/<tid>/../../", dir);
    snprintf(dir, sizeof(dir), "/proc/%d/./", pid);
    entries("/proc/<pid>/./", dir);
    snprintf(dir, sizeof(dir), "/proc/%d/task/%d/./", pid, tid);
    entries("/proc/<pid>/task/<tid>/./", dir);
    if (!getcwd(cwd, sizeof(cwd)) || symlink("/proc/self", "self-link") != 0)
        return 1;
    snprintf(dir, sizeof(dir), "%s/self-link/", cwd);
    entries("<cwd>/self-link/", dir);

    printf("own descriptor 512\n");
    own_fd("//proc/self/fd/", "//proc/self/fd/");
    own_fd("/proc//self/fd/", "/proc//self/fd/");
    own_fd("/proc/./self/fdinfo/", "/proc/./self/fdinfo/");
    own_fd("/proc/self/./fd/", "/proc/self/./fd/");
    own_fd("/proc/self/../self/fd/", "/proc/self/../self/fd/");
    own_fd("/proc/thread-self/../../fdinfo/", "/proc/thread-self/../../fdinfo/");
    own_fd("/proc/thread-self/./fd/", "/proc/thread-self/./fd/");
    own_fd("/dev//fd/", "/dev//fd/");
    snprintf(dir, sizeof(dir), "%s/self-link/fd/", cwd);
    own_fd("<cwd>/self-link/fd/", dir);
    unlink("self-link");
    return 0;
}
