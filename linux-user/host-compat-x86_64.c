/*
 * x86_64 host: system calls made through the kernel's entry for 32-bit
 * tasks (`int $0x80`, arch/x86/entry/entry_64_compat.S), which a 64-bit
 * process may use too; the kernel then runs its compat handlers
 * (in_compat_syscall() is true).  Its arguments are the low 32 bits of
 * the registers, so every pointer handed over must lie below 4 GiB: the
 * path or handle is copied to a per-thread page mapped with MAP_32BIT.
 * The numbers are the host's 32-bit table's
 * (arch/x86/entry/syscalls/syscall_32.tbl).
 *
 * A kernel built without IA32 emulation or booted with
 * ia32_emulation=false has no such entry: the instruction faults.  A
 * child (a clone with no exit signal, so the guest sees no SIGCHLD)
 * tries it once, and every call answers HOST_COMPAT_NONE if it died.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "host-compat.h"

enum { COMPAT_GETPID = 20, COMPAT_OPENAT = 295, COMPAT_OPEN_BY_HANDLE_AT = 342 };

#define LOW_PAGE_SIZE 4096

/* The entry saves and restores every register but the result's since
 * Linux 4.17; older kernels cleared r8-r11. */
static long compat_call4(long nr, long a, long b, long c, long d)
{
    long r;

    __asm__ volatile("int $0x80"
                     : "=a"(r)
                     : "a"(nr), "b"(a), "c"(b), "d"(c), "S"(d)
                     : "memory", "r8", "r9", "r10", "r11");
    return (int)r;
}

/* In the probe child: SIGSEGV (the missing entry's #GP) and SIGILL (an
 * emulator's answer) must kill it, not run stitch's handlers. */
static void probe_child(void)
{
    struct sigaction dfl = { .sa_handler = SIG_DFL };
    long me = syscall(SYS_getpid);

    sigaction(SIGSEGV, &dfl, NULL);
    sigaction(SIGILL, &dfl, NULL);
    syscall(SYS_exit_group, compat_call4(COMPAT_GETPID, 0, 0, 0, 0) == me ? 0 : 1);
}

static int probe(void)
{
    long pid = syscall(SYS_clone, 0L, 0L, 0L, 0L, 0L);
    int st;

    if (pid == 0)
        probe_child();
    if (pid < 0)
        return -1;
    while (waitpid((pid_t)pid, &st, __WALL) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 1 : -1;
}

static int available(void)
{
    static int state; /* 0: not probed yet; 1 or -1 */
    int s = __atomic_load_n(&state, __ATOMIC_ACQUIRE);

    if (s == 0) {
        int saved = errno;
        s = probe();
        errno = saved;
        __atomic_store_n(&state, s, __ATOMIC_RELEASE);
    }
    return s > 0;
}

/* ---- the page below 4 GiB, one per host thread ------------------------ */

static pthread_key_t low_key;
static pthread_once_t low_once = PTHREAD_ONCE_INIT;
static __thread char *low_page;

static void low_page_free(void *p)
{
    munmap(p, LOW_PAGE_SIZE);
}

static void low_key_make(void)
{
    pthread_key_create(&low_key, low_page_free);
}

static char *low_copy(const void *src, size_t len)
{
    if (len > LOW_PAGE_SIZE)
        return NULL;
    if (!low_page) {
        void *p = mmap(NULL, LOW_PAGE_SIZE, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
        if (p == MAP_FAILED)
            return NULL;
        pthread_once(&low_once, low_key_make);
        pthread_setspecific(low_key, p);
        low_page = p;
    }
    return memcpy(low_page, src, len);
}

/* ---- the calls -------------------------------------------------------- */

int host_compat_openat(int dirfd, const char *path, int flags, mode_t mode)
{
    char *low;

    if (!available() || !(low = low_copy(path, strlen(path) + 1)))
        return HOST_COMPAT_NONE;
    return (int)compat_call4(COMPAT_OPENAT, (unsigned)dirfd, (long)low, (unsigned)flags, mode);
}

int host_compat_open_by_handle_at(int mount_fd, const void *handle, size_t size, int flags)
{
    char *low;

    if (!available() || !(low = low_copy(handle, size)))
        return HOST_COMPAT_NONE;
    return (int)compat_call4(COMPAT_OPEN_BY_HANDLE_AT, (unsigned)mount_fd, (long)low,
                             (unsigned)flags, 0);
}
