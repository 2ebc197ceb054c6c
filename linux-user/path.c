/*
 * -L / STITCH_LD_PREFIX: the guest's sysroot.  A dynamic guest program
 * expects its loader and libraries at absolute paths (the ELF interpreter,
 * /etc/ld.so.cache, the multiarch libc under /lib/<triplet>/) that on this
 * host hold x86_64 files or nothing.  As qemu-user does, an absolute guest path is
 * looked up under the prefix first and used from there when it exists;
 * everything else (/tmp, /proc, the user's files) falls through unchanged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "user.h"

const char *path_redirect(const char *path, char *buf, size_t size)
{
    if (!task.ld_prefix || !*task.ld_prefix || path[0] != '/')
        return path;
    if ((size_t)snprintf(buf, size, "%s%s", task.ld_prefix, path) >= size)
        return path;
    /* The host's loader cache lists the host's own libraries (32-bit ones
     * in /lib32 ...), which need not match the sysroot's loader: a sysroot
     * without its own cache gets none, and the loader searches its default
     * directories, which are redirected here. */
    if (!strcmp(path, "/etc/ld.so.cache"))
        return buf;
    /* AT_SYMLINK_NOFOLLOW: a dangling symlink in the sysroot still counts. */
    if (faccessat(AT_FDCWD, buf, F_OK, AT_SYMLINK_NOFOLLOW) == 0)
        return buf;
    return path;
}

/* /proc/self/exe names stitch; the guest must see its own program there
 * (readlink, open, execve), in each name of this process's /proc entry:
 * /proc/self, /proc/thread-self, /proc/<pid or tid>, .../task/<tid>. */
int path_is_proc_self_exe(const char *path)
{
    return proc_self_is(path, "exe");
}
