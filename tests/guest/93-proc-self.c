/*
 * /proc/self as the program sees it natively: maps lists the process's
 * own mappings (so pthread_getattr_np() finds the main thread's stack),
 * each with the protection it has; auxv and cmdline are the process's;
 * comm is the program's file name.  Addresses are never printed, only
 * whether they agree.
 * levels: O0 O2
 */
/* args: first "second arg" third */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#define PAGE 4096

static char *slurp(const char *path, size_t *len)
{
    static char buf[1 << 16];
    int fd = open(path, O_RDONLY);
    size_t n = 0;
    ssize_t r;

    if (fd < 0)
        return NULL;
    while (n < sizeof(buf) - 1 && (r = read(fd, buf + n, sizeof(buf) - 1 - n)) > 0)
        n += (size_t)r;
    close(fd);
    buf[n] = 0;
    *len = n;
    return buf;
}

static sigjmp_buf back;
static void on_segv(int sig)
{
    siglongjmp(back, sig);
}

/* The protection a maps line gives must be the page's: reading a line
 * marked readable never faults, writing one marked read-only does. */
static int probe(uintptr_t a, int write)
{
    if (sigsetjmp(back, 1))
        return 0;
    if (write)
        *(volatile char *)a = *(volatile char *)a;
    else
        (void)*(volatile char *)a;
    return 1;
}

/* The maps line holding address a: its perms and name. */
static int find_line(const char *maps, uintptr_t a, char perms[5], char name[256])
{
    const char *p = maps;

    while (*p) {
        unsigned long lo, hi;
        int pos = 0;
        if (sscanf(p, "%lx-%lx %4s %*s %*s %*s %n", &lo, &hi, perms, &pos) >= 3 && a >= lo &&
            a < hi) {
            const char *e = strchr(p + pos, '\n');
            snprintf(name, 256, "%.*s", (int)(e ? e - (p + pos) : (long)strlen(p + pos)), p + pos);
            return 1;
        }
        p = strchr(p, '\n');
        if (!p)
            break;
        p++;
    }
    return 0;
}

static void maps_checks(void)
{
    size_t n;
    char perms[5], name[256];
    int local;
    char *maps;

    char *m = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(m + PAGE, PAGE, PROT_READ);
    maps = slurp("/proc/self/maps", &n);
    printf("maps readable: %d\n", maps != NULL && n > 0);

    printf("main's code: %d", find_line(maps, (uintptr_t)&maps_checks, perms, name));
    printf(" %s\n", perms);
    printf("stack: %d", find_line(maps, (uintptr_t)&local, perms, name));
    printf(" %s %s\n", perms, name);
    printf("new mapping: %d", find_line(maps, (uintptr_t)m, perms, name));
    printf(" %s", perms);
    find_line(maps, (uintptr_t)m + PAGE, perms, name);
    printf(" then %s\n", perms);

    /* Every line's protection holds. */
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_segv;
    sigaction(SIGSEGV, &sa, NULL);
    int lines = 0, bad = 0;
    for (char *p = maps; *p;) {
        unsigned long lo, hi;
        if (sscanf(p, "%lx-%lx %4s", &lo, &hi, perms) == 3 && strcmp(perms, "---p")) {
            int r = perms[0] == 'r';
            /* vvar and vdso pages are the kernel's; skip them */
            const char *v = strstr(p, "[v"), *eol = strchr(p, '\n');
            if (!v || (eol && v > eol)) {
                lines++;
                bad += probe(lo, 0) != r;
            }
        }
        p = strchr(p, '\n');
        if (!p)
            break;
        p++;
    }
    printf("lines whose read protection holds: %s\n", bad ? "not all" : "all");
    int past = 0;
    for (char *p = maps; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        unsigned long lo, hi;
        if (sscanf(p, "%lx-%lx", &lo, &hi) == 2 && (hi > 0xffffe000ul || hi == 0))
            past++;
    }
    printf("lines past TASK_SIZE: %d (of more than 2: %d)\n", past, lines > 2);

    munmap(m, 3 * PAGE);
    maps = slurp("/proc/self/maps", &n);
    printf("unmapped mapping gone: %d\n", !find_line(maps, (uintptr_t)m, perms, name));
}

static void stack_attr(void)
{
    pthread_attr_t attr;
    void *addr;
    size_t size;
    struct rlimit rl;
    int local;

    int r = pthread_getattr_np(pthread_self(), &attr);
    printf("pthread_getattr_np: %d\n", r);
    if (r)
        return;
    pthread_attr_getstack(&attr, &addr, &size);
    getrlimit(RLIMIT_STACK, &rl);
    printf("a local lies in the stack: %d\n",
           (char *)&local >= (char *)addr && (char *)&local < (char *)addr + size);
    /* glibc: the limit less what lies above __libc_stack_end's page
     * (arguments and environment), rounded down to a page. */
    printf("size is the stack limit less the argument area: %d\n",
           rl.rlim_cur != RLIM_INFINITY && size <= rl.rlim_cur && size > rl.rlim_cur - 65536);
    pthread_attr_destroy(&attr);
}

static void auxv_checks(void)
{
    size_t n;
    const uint32_t *a = (const uint32_t *)slurp("/proc/self/auxv", &n);
    int entry = 0, pagesz = 0, phdr = 0, end = 0;

    for (size_t i = 0; a && i + 1 < n / 4; i += 2) {
        if (a[i] == AT_ENTRY)
            entry = a[i + 1] == getauxval(AT_ENTRY);
        if (a[i] == AT_PAGESZ)
            pagesz = a[i + 1] == 4096;
        if (a[i] == AT_PHDR)
            phdr = a[i + 1] == getauxval(AT_PHDR);
        if (a[i] == AT_NULL)
            end = i + 2 == n / 4;
    }
    printf("auxv: entry %d pagesz %d phdr %d ends with AT_NULL %d\n", entry, pagesz, phdr, end);
}

static void cmdline_checks(int argc, char **argv)
{
    size_t n;
    const char *c = slurp("/proc/self/cmdline", &n);
    size_t want = 0;

    for (int i = 0; i < argc; i++)
        want += strlen(argv[i]) + 1;
    printf("cmdline: %zu bytes, as argv: %d\n", n, n == want && c && !memcmp(c, argv[0], n));
    for (int i = 1; c && i < argc; i++)
        printf("  arg %d: %s\n", i, argv[i]);
}

static void name_checks(void)
{
    size_t n;
    char comm[64], *s = slurp("/proc/self/comm", &n);

    snprintf(comm, sizeof(comm), "%s", s ? s : "");
    s = slurp("/proc/self/stat", &n);
    char *open = s ? strchr(s, '(') : NULL, *close = s ? strrchr(s, ')') : NULL;
    printf("comm: %s", comm);
    printf("stat name matches comm: %d\n",
           open && close && !strncmp(open + 1, comm, (size_t)(close - open - 1)));
    s = slurp("/proc/self/status", &n);
    printf("status Name matches comm: %d\n", s && !strncmp(s + 6, comm, strlen(comm)));
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    maps_checks();
    stack_attr();
    auxv_checks();
    cmdline_checks(argc, argv);
    name_checks();
    return 0;
}
