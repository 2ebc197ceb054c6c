/*
 * The EABI calls the i386 table has no number for, as forms of shared
 * handlers or of the host's calls: send, recv and accept (glibc's send(),
 * recv() and accept() call them directly on ARM), which are sendto and
 * recvfrom without an address and accept4 without flags
 * (net/socket.c: __sys_sendto(fd, buff, len, flags, NULL, 0)); and the
 * two calls the EABI reorders so that their 64-bit pairs fall on even
 * registers (arch/arm/kernel/sys_arm.c, asm/unistd.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <fcntl.h>

#include "guest-user.h"
#include "syscall.h"

abi_long sys_send(CPUState *env, const uint32_t *a)
{
    const uint32_t b[6] = { a[0], a[1], a[2], a[3], 0, 0 };

    return sys_sendto(env, b);
}

abi_long sys_recv(CPUState *env, const uint32_t *a)
{
    const uint32_t b[6] = { a[0], a[1], a[2], a[3], 0, 0 };

    return sys_recvfrom(env, b);
}

abi_long sys_accept(CPUState *env, const uint32_t *a)
{
    const uint32_t b[6] = { a[0], a[1], a[2], 0, 0, 0 };

    return sys_accept4(env, b);
}

/* arm_fadvise64_64(fd, advice, offset, len): sys_arm_fadvise64_64 calls
 * ksys_fadvise64_64(fd, offset, len, advice). */
abi_long sys_arm_fadvise64_64(CPUState *env, const uint32_t *a)
{
    (void)env;
    return -posix_fadvise((int)a[0], arg64(a, 2), arg64(a, 4), (int)a[1]);
}

/* sync_file_range2(fd, flags, offset, nbytes): the ARM form of
 * sync_file_range (fs/sync.c, ksys_sync_file_range). */
abi_long sys_arm_sync_file_range(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(sync_file_range((int)a[0], arg64(a, 2), arg64(a, 4), a[1]));
}
