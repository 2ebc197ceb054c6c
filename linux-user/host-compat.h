/*
 * The host kernel's entry for 32-bit tasks, reached from this 64-bit
 * process (linux-user/host-compat-x86_64.c).  A few calls answer
 * differently to a 32-bit task in ways stitch cannot rebuild from the
 * 64-bit calls: open and openat leave O_LARGEFILE out unless asked
 * (fs/open.c, the compat entries skip force_o_largefile()), and that
 * flag, kept by the open file, then decides EOVERFLOW at open, EFBIG for
 * writes past 2 GiB - 1 (generic_write_check_limits), ftruncate's limit
 * (do_sys_ftruncate) and what F_GETFL shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef HOST_COMPAT_H
#define HOST_COMPAT_H

#include <sys/types.h>

/* The kernel's O_LARGEFILE (asm-generic/fcntl.h); the x86_64 C library
 * spells it 0, since the kernel adds it to every 64-bit open. */
#define HOST_O_LARGEFILE 0100000

/* What the calls below return when this host has no such entry (a kernel
 * without IA32 emulation, or booted with ia32_emulation=false). */
#define HOST_COMPAT_NONE (-0x7fffffff - 1)

/* openat(2) as a 32-bit task: a new descriptor, -errno, or HOST_COMPAT_NONE. */
int host_compat_openat(int dirfd, const char *path, int flags, mode_t mode);

/* open_by_handle_at(2) as a 32-bit task; handle is a struct file_handle of
 * size bytes (at most 4096). */
int host_compat_open_by_handle_at(int mount_fd, const void *handle, size_t size, int flags);

#endif
