/*
 * PROT_EXEC alone.  On a host whose CPU and kernel have protection keys
 * (cpuinfo "ospke") the kernel makes such a mapping execute-only for an
 * i386 process too (arch/x86/mm/pkeys.c execute_only_pkey): calls work,
 * loads and stores get SIGSEGV with SEGV_PKUERR and the key in si_pkey
 * (also on a page not populated yet, arch/x86/mm/fault.c
 * bad_area_access_from_pkeys), and the kernel's copies from it EFAULT.
 * A fault of code on such a page must recover its precise state, a new
 * thread must be denied too, and changes of protection, mremap and
 * munmap move pages into and out of the key.  Without protection keys
 * loads and copies work instead, while /proc/self/maps still shows
 * "--xp" (no VM_READ); the native run decides.
 *
 * cflags: -pthread
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#define PAGE 4096

static sigjmp_buf jb;
static volatile int got_code, got_pkey_set, got_err, got_trap;
static volatile unsigned long got_addr, got_eip;

static void on_segv(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;

    (void)sig;
    got_code = si->si_code;
    got_addr = (unsigned long)si->si_addr;
    got_pkey_set = si->si_code == SEGV_PKUERR ? si->si_pkey != 0 : -1;
    got_err = uc->uc_mcontext.gregs[REG_ERR];
    got_trap = uc->uc_mcontext.gregs[REG_TRAPNO];
    got_eip = uc->uc_mcontext.gregs[REG_EIP];
    siglongjmp(jb, 1);
}

static void report(const char *what, unsigned char *at)
{
    printf("%s: SIGSEGV si_code %d, si_pkey %s, si_addr %s, trap %d err %#x\n", what, got_code,
           got_pkey_set < 0 ? "n/a" : got_pkey_set ? "set" : "0",
           got_addr == (unsigned long)at ? "ok" : "wrong", got_trap, got_err);
}

static void try_read(const char *what, unsigned char *at)
{
    if (sigsetjmp(jb, 1) == 0) {
        volatile unsigned char v = *(volatile unsigned char *)at;
        printf("%s: read %#x\n", what, v);
        return;
    }
    report(what, at);
}

static void try_write(const char *what, unsigned char *at)
{
    if (sigsetjmp(jb, 1) == 0) {
        *(volatile unsigned char *)at = 0x90;
        printf("%s: written\n", what);
        return;
    }
    report(what, at);
}

static void try_copy(const char *what, unsigned char *at)
{
    int fd[2];
    char buf[4];

    if (pipe(fd) < 0)
        return;
    errno = 0;
    long w = write(fd[1], at, 4);
    int e = errno;
    printf("%s: write(pipe) %ld %s", what, w, w < 0 ? strerror(e) : "");
    if (w == 4 && read(fd[0], buf, 4) == 4)
        printf("bytes %02x", (unsigned char)buf[0]);
    printf("\n");
    close(fd[0]);
    close(fd[1]);
}

static int call(unsigned char *code)
{
    return ((int (*)(void))code)();
}

static void show_maps(const char *what, unsigned char *at)
{
    char line[512];
    FILE *f = fopen("/proc/self/maps", "r");

    while (f && fgets(line, sizeof(line), f))
        if (strtoul(line, NULL, 16) == (unsigned long)at) {
            char perms[8] = "";
            sscanf(line, "%*s %7s", perms);
            printf("%s: maps %s\n", what, perms);
        }
    if (f)
        fclose(f);
}

/* mov eax, imm32; ret */
static void put_ret(unsigned char *p, int v)
{
    p[0] = 0xb8;
    memcpy(p + 1, &v, 4);
    p[5] = 0xc3;
}

/* Position-independent at every level: run again from a PROT_EXEC-only
 * mapping of the program's own file, which -tcache caches too. */
__attribute__((noinline)) static int forty_three(void)
{
    return 43;
}

/* The file offset of the program's code at `addr`, from its mapping. */
static long file_offset_of(void *addr)
{
    char line[512];
    unsigned long lo, hi, off;
    long r = -1;
    FILE *f = fopen("/proc/self/maps", "r");

    while (f && fgets(line, sizeof(line), f))
        if (sscanf(line, "%lx-%lx %*s %lx", &lo, &hi, &off) == 3 &&
            (unsigned long)addr >= lo && (unsigned long)addr < hi)
            r = (long)(off + ((unsigned long)addr - lo));
    if (f)
        fclose(f);
    return r;
}

static void *thread_reads(void *arg)
{
    unsigned char *p = arg;

    printf("thread: call %d\n", call(p));
    try_read("thread: read", p);
    return NULL;
}

int main(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    setvbuf(stdout, NULL, _IONBF, 0);

    unsigned char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                            -1, 0);
    if (p == MAP_FAILED)
        return 1;
    put_ret(p, 42);
    /* int f(const int *q) { return *q; } */
    static const unsigned char load[] = {0x8b, 0x44, 0x24, 0x04, 0x8b, 0x00, 0xc3};
    memcpy(p + 64, load, sizeof(load));
    printf("mprotect PROT_EXEC: %d\n", mprotect(p, 3 * PAGE, PROT_EXEC));
    printf("call: %d\n", call(p));
    show_maps("exec-only", p);
    try_read("read", p);
    try_read("read of a page never touched", p + PAGE);
    try_write("write", p + 8);
    try_copy("copy", p);

    /* a load by code on the page faults there: its state is recovered
     * from a retranslation of that code */
    if (sigsetjmp(jb, 1) == 0) {
        int r = ((int (*)(const void *))(p + 64))(p + 128);
        printf("load from code on the page: %d\n", r);
    } else {
        report("load from code on the page", p + 128);
        printf("  at eip page+%ld\n", (long)(got_eip - (unsigned long)p));
    }
    int word = 0x1234;
    printf("the same code loading elsewhere: %#x\n", ((int (*)(const void *))(p + 64))(&word));

    pthread_t t;
    if (pthread_create(&t, NULL, thread_reads, p) == 0)
        pthread_join(t, NULL);

    printf("mprotect PROT_READ|PROT_EXEC: %d\n", mprotect(p, PAGE, PROT_READ | PROT_EXEC));
    show_maps("readable", p);
    try_read("read", p);
    printf("call: %d\n", call(p));
    try_copy("copy", p);

    /* new code through a writable mapping, then execute-only again */
    printf("mprotect RW: %d\n", mprotect(p, PAGE, PROT_READ | PROT_WRITE));
    put_ret(p, 7);
    printf("mprotect PROT_EXEC: %d\n", mprotect(p, PAGE, PROT_EXEC));
    printf("call new code: %d\n", call(p));
    try_read("read", p);

    /* mremap keeps the mapping's key (mm/mremap.c moves the VMA) */
    unsigned char *q = mremap(p, 3 * PAGE, 4 * PAGE, MREMAP_MAYMOVE);
    if (q != MAP_FAILED) {
        show_maps("moved", q);
        try_read("moved: read", q + 2 * PAGE);
        try_read("moved: read of the new page", q + 3 * PAGE);
        printf("moved: call %d\n", call(q));
        p = q;
    }
    munmap(p, 4 * PAGE);
    q = mmap(p, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    try_read("mapped again read-write", q);

    /* a file mapped PROT_EXEC alone: the program's own file */
    int fd = open("/proc/self/exe", O_RDONLY);
    unsigned char *e = fd < 0 ? MAP_FAILED : mmap(NULL, PAGE, PROT_EXEC, MAP_PRIVATE, fd, 0);
    if (e != MAP_FAILED) {
        show_maps("file", e);
        try_read("file: read", e + 1);
        try_copy("file: copy", e);
    }
    long off = file_offset_of((void *)forty_three);
    e = fd < 0 || off < 0 ? MAP_FAILED
                          : mmap(NULL, 2 * PAGE, PROT_EXEC, MAP_PRIVATE, fd, off & ~(PAGE - 1L));
    if (e != MAP_FAILED) {
        unsigned char *fn = e + (off & (PAGE - 1));
        printf("file: call %d\n", call(fn));
        try_read("file: read of the code", fn);
    }
    return 0;
}
