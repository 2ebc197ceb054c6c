/*
 * A load or store past the end of the file behind a MAP_SHARED (or
 * MAP_PRIVATE) file mapping is SIGBUS with si_code BUS_ADRERR and the
 * faulting address (mm/filemap.c: no page to map; arch/x86/mm/fault.c
 * do_sigbus), not SIGSEGV; the signal context says page fault (trapno
 * 14) with the user bit set and the write bit of the access.  The bytes
 * of the file's last page beyond its end read as zero.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#define PAGE 4096

static sigjmp_buf back;
static char *base;

static void on_bus(int sig, siginfo_t *si, void *uc)
{
    const ucontext_t *u = uc;

    printf("  signal %d code %d at base+%#lx trapno %d err %#x\n", sig, si->si_code,
           (unsigned long)((char *)si->si_addr - base), (int)u->uc_mcontext.gregs[REG_TRAPNO],
           (unsigned)u->uc_mcontext.gregs[REG_ERR]);
    siglongjmp(back, 1);
}

static void try_load(const char *what, volatile char *p)
{
    printf("%s\n", what);
    if (sigsetjmp(back, 1) == 0)
        printf("  read %d\n", *p);
}

static void try_store(const char *what, volatile char *p)
{
    printf("%s\n", what);
    if (sigsetjmp(back, 1) == 0) {
        *p = 1;
        printf("  stored\n");
    }
}

int main(void)
{
    struct sigaction sa;
    int fd = open("bus.data", O_RDWR | O_CREAT | O_TRUNC, 0600);

    setvbuf(stdout, NULL, _IONBF, 0);
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_bus;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    if (fd < 0 || write(fd, "0123456789", 10) != 10)
        return 2;

    base = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (base == MAP_FAILED)
        return 3;
    try_load("shared: load within the file", base + 5);
    try_load("shared: load past EOF in the last page", base + 100);
    try_load("shared: load one page past EOF", base + PAGE);
    try_load("shared: load two pages past EOF", base + 2 * PAGE + 17);
    try_store("shared: store one page past EOF", base + PAGE + 8);
    munmap(base, 3 * PAGE);

    base = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (base == MAP_FAILED)
        return 4;
    try_load("private: load one page past EOF", base + PAGE + 1);
    try_store("private: store one page past EOF", base + PAGE + 2);
    munmap(base, 2 * PAGE);

    /* The file grows: the page is there now. */
    base = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (base == MAP_FAILED || ftruncate(fd, 2 * PAGE) < 0)
        return 5;
    try_load("shared: after ftruncate grows the file", base + PAGE + 3);
    return 0;
}
