/*
 * The memory calls at the edges of the address space and with odd
 * arguments: the limits are TASK_SIZE (0xffffe000 for an i386 process
 * on an x86_64 kernel) and vm.mmap_min_addr, and where several errors
 * apply the errno is the one the kernel's order of checks gives
 * (mm/mmap.c, mm/mprotect.c, mm/mremap.c, mm/madvise.c).  Results are
 * printed as "ok" / "same" / errno, never as addresses.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096u
#define TOP 0xffffe000u
#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

static void show(const char *what, long r)
{
    if (r < 0 && r > -4096)
        printf("%-44s -> errno %ld\n", what, -r);
    else
        printf("%-44s -> ok\n", what);
}

static long sys_mmap(uint32_t a, uint32_t l, int p, int f, int fd, uint32_t pgoff)
{
    long r = syscall(SYS_mmap2, a, l, p, f, fd, pgoff);
    return r == -1 ? -(long)errno : r;
}

/* Raw calls: the kernel's answer, not libc's (errno as -result). */
#define RAW(...) (errno = 0, syscall(__VA_ARGS__) == -1 ? -(long)errno : 0)

static uint32_t min_addr(void)
{
    FILE *f = fopen("/proc/sys/vm/mmap_min_addr", "r");
    unsigned long v = 65536;

    if (f) {
        if (fscanf(f, "%lu", &v) != 1)
            v = 65536;
        fclose(f);
    }
    return (uint32_t)((v + PAGE - 1) & ~(unsigned long)(PAGE - 1));
}

static sigjmp_buf back;
static void on_segv(int sig)
{
    siglongjmp(back, sig);
}

static const char *probe_write(volatile char *p)
{
    int sig = sigsetjmp(back, 1);
    if (sig == 0) {
        *p = 1;
        return "writable";
    }
    return "faults";
}

static void munmap_cases(char *m)
{
    show("munmap(0, 0xffffffff)", RAW(SYS_munmap, 0, 0xffffffffu));
    show("munmap(0xfffff000, 4096)", RAW(SYS_munmap, 0xfffff000u, PAGE));
    show("munmap(TASK_SIZE, 4096)", RAW(SYS_munmap, TOP, PAGE));
    show("munmap(TASK_SIZE - 4096, 4096)", RAW(SYS_munmap, TOP - PAGE, PAGE));
    show("munmap(TASK_SIZE - 4096, 8192)", RAW(SYS_munmap, TOP - PAGE, 2 * PAGE));
    show("munmap(TASK_SIZE, 0)", RAW(SYS_munmap, TOP, 0));
    show("munmap(addr, 0)", RAW(SYS_munmap, m, 0));
    show("munmap(addr + 1, 4096)", RAW(SYS_munmap, m + 1, PAGE));
    show("munmap(0, 4096)", RAW(SYS_munmap, 0, PAGE));
    show("munmap unmapped range", RAW(SYS_munmap, m + 2 * PAGE, PAGE));
    printf("the program still runs\n");
}

static void mprotect_cases(char *m)
{
    show("mprotect(addr, 0, bad prot)", RAW(SYS_mprotect, m, 0, 0x100));
    show("mprotect(addr + 1, 0, bad prot)", RAW(SYS_mprotect, m + 1, 0, 0x100));
    show("mprotect(addr, 4096, bad prot)", RAW(SYS_mprotect, m, PAGE, 0x100));
    show("mprotect(addr, 4096, PROT_SEM|RW)", RAW(SYS_mprotect, m, PAGE, RW | 0x8));
    show("mprotect GROWSDOWN|GROWSUP", RAW(SYS_mprotect, m, PAGE, RW | PROT_GROWSDOWN | PROT_GROWSUP));
    show("mprotect(TASK_SIZE, 4096)", RAW(SYS_mprotect, TOP, PAGE, PROT_READ));
    show("mprotect(0xfffff000, 8192)", RAW(SYS_mprotect, 0xfffff000u, 2 * PAGE, PROT_READ));
    show("mprotect unmapped, bad prot", RAW(SYS_mprotect, m + 2 * PAGE, PAGE, 0x100));
    /* m: pages 0-1 read-only, page 2 a hole.  The mapped part changes
     * before the hole stops the walk. */
    mprotect(m, 2 * PAGE, PROT_READ);
    show("mprotect over a hole", RAW(SYS_mprotect, m, 3 * PAGE, RW));
    printf("  page before the hole: %s\n", probe_write(m + PAGE));
    show("mprotect starting in the hole", RAW(SYS_mprotect, m + 2 * PAGE, PAGE, RW));
}

static void madvise_cases(char *m)
{
    show("madvise bad advice", RAW(SYS_madvise, m, PAGE, 12345));
    show("madvise bad advice, misaligned", RAW(SYS_madvise, m + 1, PAGE, 12345));
    show("madvise misaligned", RAW(SYS_madvise, m + 1, PAGE, MADV_DONTNEED));
    show("madvise len 0", RAW(SYS_madvise, m, 0, MADV_DONTNEED));
    show("madvise len 0, unmapped", RAW(SYS_madvise, m + 2 * PAGE, 0, MADV_DONTNEED));
    show("madvise over a hole", RAW(SYS_madvise, m, 3 * PAGE, MADV_NORMAL));
    show("madvise(TASK_SIZE, 4096)", RAW(SYS_madvise, TOP, PAGE, MADV_NORMAL));
    show("madvise(addr, 0xffffffff)", RAW(SYS_madvise, m, 0xffffffffu, MADV_NORMAL));
    show("madvise MADV_REMOVE, private anon", RAW(SYS_madvise, m, PAGE, MADV_REMOVE));
    show("madvise MADV_DONTFORK", RAW(SYS_madvise, m, PAGE, MADV_DONTFORK));
    show("madvise MADV_DOFORK", RAW(SYS_madvise, m, PAGE, MADV_DOFORK));
    show("madvise MADV_WIPEONFORK", RAW(SYS_madvise, m, PAGE, MADV_WIPEONFORK));
    show("madvise MADV_KEEPONFORK", RAW(SYS_madvise, m, PAGE, MADV_KEEPONFORK));

    /* MADV_DONTNEED zero-fills private anonymous memory. */
    char *z = mmap(NULL, PAGE, RW, ANON, -1, 0);
    memset(z, 7, PAGE);
    show("madvise MADV_DONTNEED", RAW(SYS_madvise, z, PAGE, MADV_DONTNEED));
    printf("  byte after DONTNEED: %d\n", z[100]);
    munmap(z, PAGE);
}

static void mmap_cases(void)
{
    uint32_t min = min_addr();
    char name[80];

    show("mmap len 0", sys_mmap(0, 0, RW, ANON, -1, 0));
    show("mmap bad fd, len 0", sys_mmap(0, 0, RW, MAP_PRIVATE, 99, 0));
    show("mmap bad fd", sys_mmap(0, PAGE, RW, MAP_PRIVATE, 99, 0));
    show("mmap bad type", sys_mmap(0, PAGE, RW, MAP_ANONYMOUS, -1, 0));
    show("mmap bad type at TASK_SIZE, fixed", sys_mmap(TOP, PAGE, RW, MAP_ANONYMOUS | MAP_FIXED, -1, 0));
    show("mmap fixed at TASK_SIZE", sys_mmap(TOP, PAGE, RW, ANON | MAP_FIXED, -1, 0));
    show("mmap fixed at 0xfffff000", sys_mmap(0xfffff000u, PAGE, RW, ANON | MAP_FIXED, -1, 0));
    show("mmap fixed misaligned", sys_mmap(0x20000001, PAGE, RW, ANON | MAP_FIXED, -1, 0));
    show("mmap len 0xfffff000", sys_mmap(0, 0xfffff000u, RW, ANON, -1, 0));
    show("mmap len 0xffffffff", sys_mmap(0, 0xffffffffu, RW, ANON, -1, 0));
    show("mmap fixed len > TASK_SIZE - addr", sys_mmap(0x80000000u, 0x7ffff000u, RW, ANON | MAP_FIXED, -1, 0));
    long r = sys_mmap(TOP - PAGE, PAGE, RW, ANON | MAP_FIXED, -1, 0);
    show("mmap fixed at TASK_SIZE - 4096", r);
    if (r == (long)(TOP - PAGE)) {
        *(volatile char *)(uintptr_t)(TOP - 1) = 1;
        munmap((void *)(uintptr_t)(TOP - PAGE), PAGE);
    }
    /* Below vm.mmap_min_addr: EPERM without CAP_SYS_RAWIO. */
    if (min >= PAGE) {
        r = sys_mmap(min - PAGE, PAGE, RW, ANON | MAP_FIXED, -1, 0);
        show("mmap fixed one page below mmap_min_addr", r);
        if (r >= 0)
            munmap((void *)(uintptr_t)(min - PAGE), PAGE);
    }
    r = sys_mmap(min, PAGE, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
    show("mmap fixed at mmap_min_addr", r);
    show("mmap noreplace over it", sys_mmap(min, PAGE, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0));
    munmap((void *)(uintptr_t)min, PAGE);
    r = sys_mmap(PAGE, PAGE, RW, ANON, -1, 0);
    snprintf(name, sizeof(name), "mmap hint 4096 (not fixed)");
    show(name, r);
    printf("  placed at or above mmap_min_addr: %d\n", r >= 0 && (uint32_t)r >= min);
    if (r >= 0)
        munmap((void *)r, PAGE);
    /* The old mmap's byte offset must be page-aligned. */
    uint32_t args[6] = { 0, PAGE, RW, ANON, (uint32_t)-1, 100 };
    show("old mmap misaligned offset", RAW(SYS_mmap, args));
}

static void mremap_cases(char *m)
{
    char *u = m + 2 * PAGE; /* the hole */
    long r;

    show("mremap bad flags", (long)syscall(SYS_mremap, m, PAGE, PAGE, 0x100, 0) == -1 ? -errno : 0);
#define MR(...) (errno = 0, r = (long)syscall(SYS_mremap, __VA_ARGS__), r == -1 ? -(long)errno : r)
    show("mremap FIXED without MAYMOVE", MR(m, PAGE, PAGE, MREMAP_FIXED, m + 16 * PAGE));
    show("mremap DONTUNMAP, lengths differ", MR(m, PAGE, 2 * PAGE, MREMAP_MAYMOVE | 4, 0));
    show("mremap misaligned", MR(m + 1, PAGE, PAGE, 0, 0));
    show("mremap new_len 0", MR(m, PAGE, 0, 0, 0));
    show("mremap same size, in a hole", MR(u, PAGE, PAGE, 0, 0));
    show("mremap shrink, in a hole", MR(u, 2 * PAGE, PAGE, 0, 0));
    show("mremap old_len 0, in a hole", MR(u, 0, PAGE, MREMAP_MAYMOVE, 0));
    show("mremap FIXED misaligned target, in a hole", MR(u, PAGE, PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, u + 1));
    show("mremap grow a hole", MR(u, PAGE, 2 * PAGE, MREMAP_MAYMOVE, 0));
    show("mremap grow past the mapping's end", MR(m, 3 * PAGE, 4 * PAGE, MREMAP_MAYMOVE, 0));
    show("mremap old_len 0 of a private mapping", MR(m, 0, PAGE, MREMAP_MAYMOVE, 0));
    show("mremap FIXED to TASK_SIZE", MR(m, PAGE, PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, TOP));
    show("mremap FIXED misaligned target", MR(m, PAGE, PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, m + 16 * PAGE + 1));
    show("mremap FIXED overlapping", MR(m, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, m + PAGE));
    show("mremap grow without MAYMOVE, blocked", MR(m + 3 * PAGE, PAGE, 3 * PAGE, 0, 0));

    /* DONTUNMAP: the data moves, the old range stays mapped and empty. */
    char *d = mmap(NULL, PAGE, RW, ANON, -1, 0);
    d[5] = 42;
    r = (long)syscall(SYS_mremap, d, PAGE, PAGE, MREMAP_MAYMOVE | 4, 0);
    show("mremap DONTUNMAP", r == -1 ? -errno : 0);
    if (r != -1)
        printf("  new %d old %d\n", ((char *)r)[5], d[5]);
#undef MR
}

static void brk_cases(void)
{
    long cur = syscall(SYS_brk, 0);

    printf("brk(0xfffff000) unchanged: %d\n", syscall(SYS_brk, 0xfffff000u) == cur);
    printf("brk(TASK_SIZE) unchanged: %d\n", syscall(SYS_brk, TOP) == cur);
    printf("brk(1) unchanged: %d\n", syscall(SYS_brk, 1) == cur);
    printf("brk(cur + 10000) moves: %d\n", syscall(SYS_brk, cur + 10000) == cur + 10000);
    printf("brk back: %d\n", syscall(SYS_brk, cur) == cur);
}

/* MAP_FIXED over the whole address space, in a child: it loses its own
 * code and dies of SIGSEGV, as natively. */
static void fixed_over_everything(void)
{
    uint32_t min = min_addr();
    pid_t pid = fork();

    if (pid == 0) {
        /* stitch's "uncaught guest signal" line goes to the guest's
         * stderr; natively the kernel prints nothing. */
        dup2(open("/dev/null", O_WRONLY), 2);
        syscall(SYS_mmap2, min ? min : PAGE, TOP - (min ? min : PAGE), PROT_NONE,
                ANON | MAP_FIXED, -1, 0);
        _exit(0);
    }
    int st;
    waitpid(pid, &st, 0);
    printf("child after MAP_FIXED over everything: %s %d\n",
           WIFSIGNALED(st) ? "signal" : "exit", WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
}

int main(void)
{
    struct sigaction sa;

    setvbuf(stdout, NULL, _IONBF, 0);
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_segv;
    sigaction(SIGSEGV, &sa, NULL);

    /* pages 0-1 mapped, page 2 a hole, pages 3-4 mapped read+exec,
     * page 5 read-write (protections differ, so no two runs merge) */
    char *m = mmap(NULL, 6 * PAGE, RW, ANON, -1, 0);
    if (m == MAP_FAILED)
        return 2;
    munmap(m + 2 * PAGE, PAGE);
    mprotect(m + 3 * PAGE, 2 * PAGE, PROT_READ | PROT_EXEC);

    munmap_cases(m);
    mprotect_cases(m);
    madvise_cases(m);
    mmap_cases();
    mremap_cases(m);
    brk_cases();
    fixed_over_everything();
    return 0;
}
