/*
 * vFile: host I/O for gdb (gdb manual, "Host I/O Packets"), read-only: gdb
 * opens the program, the ELF interpreter and the shared libraries through
 * the connection when its sysroot is "target:" (the default), so it sees
 * the files the guest runs, -L sysroot included.  Replies are F<result>
 * or F-1,<errno> with gdb's File-I/O errno values (gdb manual, "Errno
 * Values"); pread's data follows a ';' in the binary encoding.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "log.h"

/* gdb's File-I/O errno: the common values equal Linux's; the rest is
 * EUNKNOWN. */
static int fileio_errno(int e)
{
    switch (e) {
    case EPERM: case ENOENT: case EINTR: case EBADF: case EACCES: case EFAULT:
    case EBUSY: case EEXIST: case ENODEV: case ENOTDIR: case EISDIR: case EINVAL:
    case ENFILE: case EMFILE: case EFBIG: case ENOSPC: case ESPIPE: case EROFS:
        return e;
    case ENAMETOOLONG:
        return 91;
    }
    return 9999;
}

static void fail(char *reply, size_t *len, int e)
{
    *len = (size_t)snprintf(reply, 32, "F-1,%x", fileio_errno(e));
}

/*
 * Descriptors gdb opened: only these may be read or closed.  Each is one
 * of stitch's own (util/log.c log_fd_hold), as the stub's socket is: out
 * of the guest's listings and calls, moved if the guest asks for its
 * number; so gdb's handle is the slot, not the number, which the move
 * stores in the slot.
 */
#define VFILE_MAX 32
static int fds[VFILE_MAX] = { [0 ... VFILE_MAX - 1] = -1 };
static int used[VFILE_MAX];

/* The descriptor behind gdb's handle, or -1. */
static int known(unsigned long handle)
{
    if (handle >= VFILE_MAX || !used[handle])
        return -1;
    return __atomic_load_n(&fds[handle], __ATOMIC_ACQUIRE);
}

/* gdb's handle at the start of s, in hex and ended by `end`: its slot,
 * or -1 for anything else ("", "zz", "1x"), which is no handle. */
static long handle_at(const char *s, char end, const char **rest)
{
    size_t n = strspn(s, "0123456789abcdefABCDEF");

    if (!n || n > 8 || s[n] != end)
        return -1;
    unsigned long h = strtoul(s, NULL, 16);
    if (h >= VFILE_MAX || !used[h])
        return -1;
    if (rest)
        *rest = s + n + 1;
    return (long)h;
}

void gdb_vfile_close_all(void)
{
    for (int i = 0; i < VFILE_MAX; i++)
        if (used[i]) {
            log_fd_drop(&fds[i]);
            used[i] = 0;
        }
}

static void vfile_open(const GdbProcess *proc, const char *args, char *reply, size_t *len)
{
    char path[PATH_MAX], buf[PATH_MAX];
    const char *comma = strchr(args, ',');
    size_t hexlen = comma ? (size_t)(comma - args) : 0;
    unsigned long flags = comma ? strtoul(comma + 1, NULL, 16) : 1;
    int i = 0;

    if (!comma || hexlen % 2 || hexlen / 2 >= sizeof(path) ||
        gdb_unhex((uint8_t *)path, args, hexlen / 2) < 0)
        return fail(reply, len, EINVAL);
    path[hexlen / 2] = 0;
    if (flags != 0) /* gdb's O_RDONLY: the guest's files are not gdb's to change */
        return fail(reply, len, EACCES);
    while (i < VFILE_MAX && used[i])
        i++;
    if (i == VFILE_MAX)
        return fail(reply, len, EMFILE);
    const char *host = proc->host_path ? proc->host_path(path, buf, sizeof(buf)) : path;
    int fd = open(host, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail(reply, len, errno);
    if (log_fd_hold(fd, &fds[i]) < 0)
        return fail(reply, len, errno);
    used[i] = 1;
    *len = (size_t)snprintf(reply, 32, "F%x", i);
}

static void vfile_pread(const char *args, char *reply, size_t *len)
{
    static uint8_t data[GDB_PACKET_MAX / 2];
    unsigned long count, off;
    size_t used;
    const char *rest;
    long h = handle_at(args, ',', &rest);
    int fd = h < 0 ? -1 : known((unsigned long)h);

    if (fd < 0 || sscanf(rest, "%lx,%lx", &count, &off) != 2)
        return fail(reply, len, EBADF);
    if (count > sizeof(data))
        count = sizeof(data);
    ssize_t n = pread(fd, data, count, (off_t)off);
    if (n < 0)
        return fail(reply, len, errno);
    /* The reply must hold every byte it announces: escape, then trim. */
    size_t head = (size_t)snprintf(reply, 32, "F%zx;", (size_t)n);
    size_t w = gdb_escape(reply + head, GDB_PACKET_MAX - 32, data, (size_t)n, &used);
    if (used < (size_t)n) {
        head = (size_t)snprintf(reply, 32, "F%zx;", used);
        w = gdb_escape(reply + head, GDB_PACKET_MAX - 32, data, used, &used);
    }
    *len = head + w;
}

/* A handle whose file was lost (log_fd_vacate found no number to move
 * it to) closes all the same: its slot and registry entry are freed. */
static void vfile_close(const char *args, char *reply, size_t *len)
{
    long h = handle_at(args, '\0', NULL);

    if (h < 0)
        return fail(reply, len, EBADF);
    log_fd_drop(&fds[h]);
    used[h] = 0;
    *len = (size_t)snprintf(reply, 32, "F0");
}

static void put_be(uint8_t *p, uint64_t v, int n)
{
    for (int i = n - 1; i >= 0; i--, v >>= 8)
        p[i] = (uint8_t)v;
}

/* gdb's struct stat (manual, "struct stat"): big-endian fields of 4 and 8
 * bytes, 64 bytes in all. */
static void vfile_fstat(const char *args, char *reply, size_t *len)
{
    long h = handle_at(args, '\0', NULL);
    int fd = h < 0 ? -1 : known((unsigned long)h);
    struct stat st;
    uint8_t s[64];
    size_t n;

    if (fd < 0)
        return fail(reply, len, EBADF);
    if (fstat(fd, &st) < 0)
        return fail(reply, len, errno);
    put_be(s + 0, st.st_dev, 4);
    put_be(s + 4, st.st_ino, 4);
    put_be(s + 8, st.st_mode, 4);
    put_be(s + 12, st.st_nlink, 4);
    put_be(s + 16, st.st_uid, 4);
    put_be(s + 20, st.st_gid, 4);
    put_be(s + 24, st.st_rdev, 4);
    put_be(s + 28, (uint64_t)st.st_size, 8);
    put_be(s + 36, (uint64_t)st.st_blksize, 8);
    put_be(s + 44, (uint64_t)st.st_blocks, 8);
    put_be(s + 52, (uint64_t)st.st_atime, 4);
    put_be(s + 56, (uint64_t)st.st_mtime, 4);
    put_be(s + 60, (uint64_t)st.st_ctime, 4);
    size_t head = (size_t)snprintf(reply, 32, "F%x;", (unsigned)sizeof(s));
    *len = head + gdb_escape(reply + head, GDB_PACKET_MAX - 32, s, sizeof(s), &n);
}

void gdb_vfile(const GdbProcess *proc, const char *cmd, char *reply, size_t *len)
{
    if (!strncmp(cmd, "open:", 5))
        vfile_open(proc, cmd + 5, reply, len);
    else if (!strncmp(cmd, "pread:", 6))
        vfile_pread(cmd + 6, reply, len);
    else if (!strncmp(cmd, "close:", 6))
        vfile_close(cmd + 6, reply, len);
    else if (!strncmp(cmd, "fstat:", 6))
        vfile_fstat(cmd + 6, reply, len);
    else if (!strncmp(cmd, "setfs:", 6))
        *len = (size_t)snprintf(reply, 32, "F0"); /* one filesystem view */
    else
        *len = 0; /* unlink, readlink, pwrite: unsupported, as an empty reply says */
}
