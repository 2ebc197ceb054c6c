/*
 * /proc/self/smaps, smaps_rollup, statm and the memory lines of status
 * and stat describe the guest's own mappings (fs/proc/task_mmu.c
 * show_smap, show_smaps_rollup, task_mem, task_statm; fs/proc/array.c
 * do_task_stat), not the translator's: a mapping's record has maps' line
 * and its own page counts, also where the host has merged it with a
 * neighbour (r-x beside r--); smaps lists what maps lists, under every
 * name of the file; the rollup sums the records; the counters move by
 * what the program maps (private, shared, a file, a deleted tmpfs file
 * with an escaped name), touches, makes executable, mlocks and unmaps;
 * a fork's child's VmPeak is its VmSize.
 * Only sizes, deltas and relations are printed: the layout of the rest
 * of the address space is the C library's.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096
#define BUF (1 << 20)

/* Static and touched before use: reading a file faults no new page. */
static char buf[BUF], buf2[BUF];

/* A seq_file's read gives a page or so at a time: read to the end. */
static void no_huge_pages(char *b)
{
    char *start = (char *)(((unsigned long)b + PAGE - 1) & ~(unsigned long)(PAGE - 1));

    madvise(start, (size_t)((b + BUF - start) & ~(PAGE - 1)), MADV_NOHUGEPAGE);
}

static long slurp_fd(int fd, char *b)
{
    long n = 0, r;

    if (fd < 0)
        return -1;
    while (n < BUF - 1 && (r = read(fd, b + n, BUF - 1 - n)) > 0)
        n += r;
    close(fd);
    b[n] = '\0';
    return n;
}

static long slurp(const char *path, char *b)
{
    return slurp_fd(open(path, O_RDONLY), b);
}

static int is_header(const char *l)
{
    return (l[0] >= '0' && l[0] <= '9') || (l[0] >= 'a' && l[0] <= 'f');
}

/* The record of smaps (in buf) whose range is exactly [start, end):
 * its field lines, printed under `what`. */
static void show_record(const char *what, unsigned long start, unsigned long end)
{
    int on = 0, found = 0;

    for (char *l = buf; *l;) {
        char *nl = strchr(l, '\n');
        unsigned long a, b;
        if (is_header(l)) {
            on = sscanf(l, "%lx-%lx", &a, &b) == 2 && a == start && b == end;
            found |= on;
        } else if (on) {
            printf("  %s %.*s\n", what, (int)(nl - l), l);
        }
        l = nl ? nl + 1 : l + strlen(l);
    }
    if (!found)
        printf("  %s: no record for its range\n", what);
}

static void records(const char *when, char *base, const int *cuts, int n)
{
    if (slurp("/proc/self/smaps", buf) < 0) {
        printf("%s: cannot read smaps\n", when);
        return;
    }
    printf("%s\n", when);
    for (int i = 0; i + 1 < n; i++) {
        char what[32];
        snprintf(what, sizeof(what), "[%d,%d)", cuts[i], cuts[i + 1]);
        show_record(what, (unsigned long)(base + cuts[i] * PAGE),
                    (unsigned long)(base + cuts[i + 1] * PAGE));
    }
}

/* Records (header lines) of a smaps-format text. */
static long headers(const char *b)
{
    long n = 0;

    for (const char *l = b; *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : l + strlen(l))
        n += is_header(l);
    return n;
}

static const char *const keys[] = { "Rss:", "Anonymous:", "Private_Dirty:", "Swap:", "Locked:" };

/* Over smaps (in buf): the sums of keys[], the first start and last
 * end, whether every header is maps' line (maps in buf2, same order);
 * the number of records. */
static long scan_smaps(unsigned long sums[5], unsigned long *first, unsigned long *last, int *same)
{
    unsigned long lo, hi;
    char *m = buf2;
    long ns = 0;

    *same = 1;
    for (char *l = buf; *l;) {
        char *nl = strchr(l, '\n');
        size_t len = nl ? (size_t)(nl - l + 1) : strlen(l);
        if (is_header(l)) {
            char *mnl = strchr(m, '\n');
            size_t mlen = mnl ? (size_t)(mnl - m + 1) : strlen(m);
            *same &= mlen == len && !memcmp(m, l, len);
            m += mlen;
            ns++;
            if (sscanf(l, "%lx-%lx", &lo, &hi) == 2) {
                *first = ns == 1 ? lo : *first;
                *last = hi;
            }
        }
        for (int k = 0; k < 5; k++)
            if (!strncmp(l, keys[k], strlen(keys[k])))
                sums[k] += strtoul(l + strlen(keys[k]), NULL, 10);
        l += len;
    }
    return ns;
}

/* Every smaps header is maps' line, in the same order; and the sums of
 * some fields over smaps are the rollup's. */
static void compare_files(void)
{
    unsigned long sums[5], first = 0, last = 0, lo = 0, hi = 0;
    long ns = 0;
    int same = 0, equal[5] = { 0 }, all = 0;

    if (slurp("/proc/self/maps", buf2) < 0) {
        printf("cannot read maps\n");
        return;
    }
    /* Read at nearly the same time; but a page can be migrating
     * (compaction) during one read and not the other: a few tries. */
    for (int try = 0; try < 5 && !all; try++) {
        memset(sums, 0, sizeof(sums));
        if (slurp("/proc/self/smaps", buf) < 0) {
            printf("cannot read smaps\n");
            return;
        }
        ns = scan_smaps(sums, &first, &last, &same);
        if (slurp("/proc/self/smaps_rollup", buf) < 0) {
            printf("cannot read smaps_rollup\n");
            return;
        }
        all = 1;
        for (int k = 0; k < 5; k++) {
            const char *p = strstr(buf, keys[k]);
            equal[k] = p && strtoul(p + strlen(keys[k]), NULL, 10) == sums[k];
            all &= equal[k];
        }
    }
    printf("smaps headers are maps' lines: %s, as many: %s\n", same ? "yes" : "no",
           headers(buf2) == ns ? "yes" : "no");
    printf("rollup range is first start to last end: %s\n",
           sscanf(buf, "%lx-%lx", &lo, &hi) == 2 && lo == first && hi == last ? "yes" : "no");
    printf("rollup header name: %s", strstr(buf, "[rollup]") ? "[rollup]\n" : "missing\n");
    for (int k = 0; k < 5; k++)
        printf("rollup %-15s = sum of smaps: %s\n", keys[k], equal[k] ? "yes" : "no");
    printf("rollup keys:");
    for (char *l = strchr(buf, '\n'); l && l[1]; l = strchr(l + 1, '\n'))
        printf(" %.*s", (int)strcspn(l + 1, ":"), l + 1);
    printf("\n");
}

/* The counters one reading gives: status's, statm's, stat's. */
typedef struct {
    long vmsize, vmrss, rssanon, rssfile, rssshmem, vmdata, vmstk, vmexe, vmlib, vmswap, vmlck;
    long vmpeak, vmhwm;
    long sm_size, sm_res, sm_shared, sm_text, sm_data;
    unsigned long vsize, rss;
} Counters;

static long status_kb(const char *key)
{
    char *p = strstr(buf, key);

    return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

static Counters counters(void)
{
    Counters c = { 0 };
    long lib;

    slurp("/proc/self/status", buf);
    c.vmsize = status_kb("\nVmSize:");
    c.vmrss = status_kb("\nVmRSS:");
    c.rssanon = status_kb("\nRssAnon:");
    c.rssfile = status_kb("\nRssFile:");
    c.rssshmem = status_kb("\nRssShmem:");
    c.vmdata = status_kb("\nVmData:");
    c.vmstk = status_kb("\nVmStk:");
    c.vmexe = status_kb("\nVmExe:");
    c.vmlib = status_kb("\nVmLib:");
    c.vmswap = status_kb("\nVmSwap:");
    c.vmlck = status_kb("\nVmLck:");
    c.vmpeak = status_kb("\nVmPeak:");
    c.vmhwm = status_kb("\nVmHWM:");
    slurp("/proc/self/statm", buf);
    sscanf(buf, "%ld %ld %ld %ld %ld %ld", &c.sm_size, &c.sm_res, &c.sm_shared, &c.sm_text, &lib,
           &c.sm_data);
    slurp("/proc/self/stat", buf);
    char *p = strrchr(buf, ')');
    /* Fields 23 and 24; p is at the end of field 2. */
    for (int field = 2; p && field < 23; field++)
        p = strchr(p + 1, ' ');
    if (p)
        sscanf(p, " %lu %lu", &c.vsize, &c.rss);
    return c;
}

static void deltas(const char *what, const Counters *a, const Counters *b)
{
    printf("%-8s status VmSize %+ld VmRSS %+ld RssAnon %+ld RssFile %+ld RssShmem %+ld\n", what,
           b->vmsize - a->vmsize, b->vmrss - a->vmrss, b->rssanon - a->rssanon,
           b->rssfile - a->rssfile, b->rssshmem - a->rssshmem);
    printf("%-8s status VmData %+ld VmStk %+ld VmExe %+ld VmLib %+ld VmSwap %+ld VmLck %+ld\n",
           what, b->vmdata - a->vmdata, b->vmstk - a->vmstk, b->vmexe - a->vmexe,
           b->vmlib - a->vmlib, b->vmswap - a->vmswap, b->vmlck - a->vmlck);
    printf("%-8s statm size %+ld resident %+ld shared %+ld text %+ld data %+ld\n", what,
           b->sm_size - a->sm_size, b->sm_res - a->sm_res, b->sm_shared - a->sm_shared,
           b->sm_text - a->sm_text, b->sm_data - a->sm_data);
    /* stat's rss is the kernel's per-CPU counters read without their
     * pending deltas (get_mm_rss): natively it lags behind. */
    printf("%-8s stat vsize %+ld\n", what, (long)(b->vsize - a->vsize));
}

/* Relations that hold in any one reading. */
static void relations(const Counters *c)
{
    printf("VmSize = statm size = stat vsize: %s\n",
           c->vmsize == c->sm_size * 4 && (unsigned long)c->vmsize * 1024 == c->vsize ? "yes"
                                                                                     : "no");
    printf("VmRSS = statm resident: %s, stat rss < 1 GiB: %s\n",
           c->vmrss == c->sm_res * 4 ? "yes" : "no", c->rss < (1 << 18) ? "yes" : "no");
    printf("statm data = VmData + VmStk: %s\n",
           c->sm_data * 4 == c->vmdata + c->vmstk ? "yes" : "no");
    printf("VmPeak >= VmSize: %s, VmHWM >= VmRSS: %s\n", c->vmpeak >= c->vmsize ? "yes" : "no",
           c->vmhwm >= c->vmrss ? "yes" : "no");
    printf("VmSize < 1 GiB: %s\n", c->vmsize < (1 << 20) ? "yes" : "no");
}

/* mmap, touch, munmap of `pages` (shared, or of a file, when `flags`
 * and `fd` say so): the counters before and after each. */
static void cycle(int pages, int print, int flags, int fd)
{
    Counters c0 = counters(), c1, c2, c3, c4;
    char *p = mmap(NULL, (size_t)pages * PAGE, PROT_READ | (fd < 0 ? PROT_WRITE : 0), flags, fd, 0);
    volatile char sink = 0;

    if (p == MAP_FAILED)
        return;
    c1 = counters();
    for (int i = 0; i < (fd < 0 ? pages / 2 : pages); i++) {
        if (fd < 0)
            p[i * PAGE] = 1;
        else
            sink += p[i * PAGE];
    }
    c2 = counters();
    mprotect(p, (size_t)pages * PAGE, PROT_READ | PROT_EXEC);
    c3 = counters();
    munmap(p, (size_t)pages * PAGE);
    c4 = counters();
    if (!print)
        return;
    deltas("mmap", &c0, &c1);
    deltas("touch", &c1, &c2);
    deltas("r-x", &c2, &c3);
    deltas("munmap", &c3, &c4);
    printf("VmPeak after munmap >= before it: %s\n", c4.vmpeak >= c3.vmsize ? "yes" : "no");
    relations(&c4);
}

/* A deleted tmpfs file whose name maps escapes ("\012"): its pages are
 * shmem's whatever maps says of the name (mm_counter_file). */
static void tmpfs_file(int print)
{
    char name[64];

    snprintf(name, sizeof(name), "/dev/shm/99-proc-smaps\n%d", (int)getpid());
    int fd = open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
    if (fd < 0) {
        if (print)
            printf("no /dev/shm\n");
        return;
    }
    unlink(name);
    if (ftruncate(fd, 8 * PAGE) == 0) {
        Counters a = counters();
        char *p = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (p != MAP_FAILED) {
            memset(p, 1, 4 * PAGE);
            Counters b = counters();
            if (print)
                deltas("tmpfs", &a, &b);
            munmap(p, 8 * PAGE);
        }
    }
    close(fd);
}

/* The same files under the process's other names, and relative to a
 * descriptor of its directory. */
static void other_names(void)
{
    char path[64];
    const char *names[] = { "/proc/thread-self/smaps", path, "relative smaps" };
    int pid = getpid();

    slurp("/proc/self/maps", buf2);
    long nmaps = headers(buf2);
    for (int i = 0; i < 3; i++) {
        long n;
        snprintf(path, sizeof(path), "/proc/%d/task/%d/smaps", pid, pid);
        if (i == 2) {
            int dir = open("/proc/self", O_RDONLY | O_DIRECTORY);
            n = slurp_fd(openat(dir, "smaps", O_RDONLY), buf);
            close(dir);
        } else {
            n = slurp(names[i], buf);
        }
        printf("%s: %s\n", i == 1 ? "/proc/PID/task/TID/smaps" : names[i],
               n < 0 ? "cannot read" : headers(buf) == nmaps ? "as many records as maps" : "other");
    }
    snprintf(path, sizeof(path), "/proc/%d/statm", pid);
    long a = slurp(path, buf2) < 0 ? -1 : atol(buf2);
    long b = slurp("/proc/thread-self/statm", buf2) < 0 ? -2 : atol(buf2);
    long c = slurp("/proc/self/status", buf) < 0 ? -3 : status_kb("\nVmSize:") / 4;
    printf("statm size by pid and thread-self = VmSize: %s\n", a == b && b == c ? "yes" : "no");
    slurp("/proc/thread-self/smaps_rollup", buf);
    printf("thread-self smaps_rollup: %s\n", strstr(buf, "[rollup]") ? "[rollup]" : "other");
}

/* kernel/fork.c dup_mm: a child's VmPeak starts at its VmSize. */
static void fork_peak(void)
{
    char *big = mmap(NULL, 1 << 24, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    munmap(big, 1 << 24);
    Counters c = counters();
    printf("VmPeak after a 16 MiB map and unmap is above VmSize: %s\n",
           c.vmpeak >= c.vmsize + (1 << 14) ? "yes" : "no");
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        c = counters();
        printf("child's VmPeak = its VmSize: %s\n", c.vmpeak == c.vmsize ? "yes" : "no");
        _exit(0);
    }
    waitpid(pid, NULL, 0);
}

/* mlock'd pages (mm/mlock.c): VmLck counts the mapping's size,
 * smaps' Locked its resident pages, VmFlags has "lo". */
static void locked(void)
{
    char *g = mmap(NULL, 6 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *p = g + PAGE;
    static const int whole[] = { 0, 4 };

    mprotect(p, 4 * PAGE, PROT_READ | PROT_WRITE);
    p[0] = 1;
    Counters a = counters();
    if (mlock(p, 4 * PAGE) != 0) {
        printf("mlock failed\n");
        munmap(g, 6 * PAGE);
        return;
    }
    Counters b = counters();
    deltas("mlock", &a, &b);
    records("locked", p, whole, 2);
    munlock(p, 4 * PAGE);
    munmap(g, 6 * PAGE);
}

int main(void)
{
    /* khugepaged would collapse the buffers into huge pages whenever it
     * likes: Rss drops while it does. */
    no_huge_pages(buf);
    no_huge_pages(buf2);
    memset(buf, 0, sizeof(buf));
    memset(buf2, 0, sizeof(buf2));
    setvbuf(stdout, NULL, _IONBF, 0);

    /* Once to fault in every page of code the measured run uses. */
    int exe = open("/proc/self/exe", O_RDONLY);
    cycle(64, 0, MAP_PRIVATE | MAP_ANONYMOUS, -1);
    cycle(8, 0, MAP_SHARED | MAP_ANONYMOUS, -1);
    cycle(4, 0, MAP_PRIVATE, exe);
    tmpfs_file(0);
    printf("private anonymous\n");
    cycle(64, 1, MAP_PRIVATE | MAP_ANONYMOUS, -1);
    printf("shared anonymous\n");
    cycle(8, 1, MAP_SHARED | MAP_ANONYMOUS, -1);
    printf("the program's file\n");
    cycle(4, 1, MAP_PRIVATE, exe);
    close(exe);
    printf("a tmpfs file\n");
    tmpfs_file(1);

    /* 16 pages between two PROT_NONE guards: a mapping of its own. */
    char *g = mmap(NULL, 18 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (g == MAP_FAILED)
        return 1;
    char *p = g + PAGE;
    mprotect(p, 16 * PAGE, PROT_READ | PROT_WRITE);
    static const int touched[] = { 0, 1, 5, 9, 10, 13 };
    for (unsigned i = 0; i < sizeof(touched) / sizeof(touched[0]); i++)
        p[touched[i] * PAGE] = 1;
    static const int whole[] = { 0, 16 };
    records("one mapping", p, whole, 2);

    /* r-x beside r--: one host mapping under a translator that maps
     * both readable only. */
    mprotect(p + 4 * PAGE, 4 * PAGE, PROT_READ | PROT_EXEC);
    mprotect(p + 8 * PAGE, 4 * PAGE, PROT_READ);
    static const int four[] = { 0, 4, 8, 12, 16 };
    records("rw r-x r-- rw", p, four, 5);
    compare_files();

    munmap(g, 18 * PAGE);
    records("unmapped", p, whole, 2);
    other_names();
    locked();
    fork_peak();
    return 0;
}
