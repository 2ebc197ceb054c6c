/*
 * The size the guest's descriptor table would have natively (the
 * kernel's fdt->max_fds), which select reads: bits at or past it are
 * ignored (fs/select.c core_sys_select), bits below it that name no open
 * descriptor are EBADF.  The host's table is no guide, since stitch's own
 * descriptors at LOG_OWN_FD_MIN and up have grown it to 1024 at least.
 *
 * The table a program starts with is the one it was exec'd with (exec
 * keeps it, fs/exec.c unshare_files copies only a shared one): FDSize
 * in /proc/self/status before stitch opens anything of its own, or what
 * the stitch that ran the execve passes on (--fd-table).  It grows, and
 * never shrinks, when a descriptor at or past its size is handed out
 * (fs/file.c expand_files, alloc_fdtable): to the smallest power of two
 * above that number.  Every handler that hands the guest a descriptor
 * notes it here (fd_table_note): open and dup through syscall-file.c
 * fresh_fd, socket, accept, pipe, socketpair, the epoll, eventfd,
 * timerfd, inotify, fanotify, memfd, pidfd and mq descriptors, and those
 * SCM_RIGHTS brings.  A fork's child gets a table as large as its open
 * descriptors need (kernel/fork.c copy_files, fs/file.c dup_fd).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "log.h"
#include "user.h"

/* include/linux/fdtable.h NR_OPEN_DEFAULT: BITS_PER_LONG of the kernel
 * (64-bit: this host's, which runs the i386 programs natively too). */
#define FD_TABLE_MIN 64

static int start_size = FD_TABLE_MIN;
static int highest = -1; /* the highest number handed to the guest */

void fd_table_start(void)
{
    FILE *f = fopen("/proc/self/status", "re");
    char line[128];
    int n;

    if (!f)
        return;
    while (fgets(line, sizeof(line), f))
        if (sscanf(line, "FDSize: %d", &n) == 1 && n > start_size)
            start_size = n;
    fclose(f);
}

void fd_table_inherit(int size)
{
    start_size = size > FD_TABLE_MIN ? size : FD_TABLE_MIN;
}

long fd_table_note(long fd)
{
    int seen = __atomic_load_n(&highest, __ATOMIC_RELAXED);

    while (fd > seen && fd <= INT32_MAX &&
           !__atomic_compare_exchange_n(&highest, &seen, (int)fd, 1, __ATOMIC_RELAXED,
                                        __ATOMIC_RELAXED)) {
    }
    return fd;
}

/* The highest descriptor open that is not one of stitch's own (-1 if
 * none), by getdents64 on /proc/self/fd: no allocation, as the child of
 * a raw clone may not call malloc. */
static int highest_open(void)
{
    char buf[4096] __attribute__((aligned(8)));
    int dir = open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC), top = -1;
    long n;

    if (dir < 0)
        return INT32_MAX; /* unknown: as large as it may be */
    while ((n = syscall(SYS_getdents64, dir, buf, sizeof(buf))) > 0)
        for (long p = 0; p + 19 < n;) {
            uint16_t reclen;
            memcpy(&reclen, buf + p + 16, 2); /* d_reclen; d_name at 19 */
            int fd = atoi(buf + p + 19);
            if (fd > top && fd != dir && !log_fd_kept(fd))
                top = fd;
            p += reclen ? reclen : n;
        }
    close(dir);
    return top;
}

/*
 * In the child of a fork: dup_fd sizes its table for the highest
 * descriptor open (count_open_files, then alloc_fdtable), the guest's,
 * not stitch's own.  Only a table past the smallest can shrink, so a
 * child of a small one reads nothing.
 */
void fd_table_forked(void)
{
    if (fd_table_size() <= FD_TABLE_MIN)
        return;
    int top = highest_open();
    if (top == INT32_MAX)
        return; /* the parent's, at least as large */
    start_size = FD_TABLE_MIN;
    highest = top;
}

int fd_table_size(void)
{
    int fd = __atomic_load_n(&highest, __ATOMIC_RELAXED), size = start_size;

    /* alloc_fdtable(fd + 1): roundup_pow_of_two */
    while (size <= fd && size < INT32_MAX / 2)
        size *= 2;
    return size;
}
