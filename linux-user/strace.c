/*
 * -strace: one line per system call in qemu's format,
 *   <pid> name(arg,arg,...) = result
 *   <pid> name(arg,...) = -1 errno=N (message)
 * The call is printed before it runs and the result after, so a call that
 * blocks or never returns (exit_group) still shows.  How each argument is
 * printed comes from the guest's SYSCALLS list (syscall-list.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "syscall-nr.h" /* guest numbers: no <sys/syscall.h> here */
#include "syscall.h"

static const struct {
    const char *args;
    char ret;
} formats[NR_SYSCALLS] = {
#define FORMAT(name, args, ret) [SYSCALL_NR(name)] = {args, ret},
    SYSCALLS(FORMAT)
#undef FORMAT
};

#define STRACE_STR_MAX 64

/* A call printed whose result is not (yet): exit, or death by a signal. */
static __thread int line_open; /* this thread's call line awaits its result */

static void print_string(uint32_t addr)
{
    const char *s = addr ? guest_string(addr) : NULL;

    if (!s) {
        log_printf(addr ? "0x%x" : "NULL", addr);
        return;
    }
    size_t n = strlen(s);
    log_printf("\"%.*s\"%s", STRACE_STR_MAX, s, n > STRACE_STR_MAX ? "..." : "");
}

static void print_arg(char kind, uint32_t v)
{
    switch (kind) {
    case 'd': log_printf("%d", (int32_t)v); break;
    case 'u': log_printf("%u", v); break;
    case 'o': log_printf("0%o", v); break;
    case 's': print_string(v); break;
    case 'p': log_printf(v ? "0x%x" : "NULL", v); break;
    case 'f':
        if ((int32_t)v == AT_FDCWD)
            log_printf("AT_FDCWD");
        else
            log_printf("%d", (int32_t)v);
        break;
    default: log_printf("0x%x", v); break;
    }
}

void strace_call(int nr, const uint32_t *a)
{
    const char *args = nr >= 0 && nr < NR_SYSCALLS ? formats[nr].args : NULL;

    /* The thread's id, which is the pid in the main thread, as qemu's;
     * the log adds no [tid] of its own. */
    log_line_tagged();
    log_printf("%d %s(", (int)gettid(), syscall_name(nr));
    if (!args)
        log_printf("...");
    for (int i = 0; args && args[i] && i < 6; i++) {
        if (i)
            log_printf(",");
        print_arg(args[i], a[i]);
    }
    log_printf(")");
    line_open = 1;
}

void strace_unfinished(void)
{
    if (line_open)
        log_printf(" = ?\n");
    line_open = 0;
}

void strace_result(int nr, abi_long ret)
{
    char kind = nr >= 0 && nr < NR_SYSCALLS ? formats[nr].ret : 'd';

    line_open = 0;
    if (log_line_broken()) { /* strace -f's form for a call cut in two */
        log_line_tagged();
        log_printf("%d <... %s resumed>", (int)gettid(), syscall_name(nr));
    }
    if (ret < 0 && ret >= -4095)
        log_printf(" = -1 errno=%d (%s)\n", -ret, strerror(-ret));
    else if (kind == 'x')
        log_printf(" = 0x%x\n", (uint32_t)ret);
    else if (kind == 'o')
        log_printf(" = 0%o\n", (uint32_t)ret);
    else
        log_printf(" = %d\n", ret);
}
