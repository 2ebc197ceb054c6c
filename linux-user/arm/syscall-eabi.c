/*
 * The EABI calls the i386 table has no number for, as forms of shared
 * handlers: send and recv (glibc's send()/recv() call them directly on
 * ARM), which are sendto and recvfrom without an address
 * (net/socket.c: __sys_sendto(fd, buff, len, flags, NULL, 0)).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
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
