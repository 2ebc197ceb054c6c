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
#include <sys/uio.h>
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

/*
 * The guest string at addr, at most STRACE_STR_MAX bytes of it, into buf
 * (NUL-terminated).  Read through the kernel (process_vm_readv on this
 * process), never by a load: the call has not run yet, so nothing guards
 * stitch against a page that is mapped and still faults (a MAP_SHARED
 * page past the end of its file, one truncated meanwhile).  1 if the
 * string ended within the limit, 0 if it goes on past it, -1 if a fault
 * came first (then, as strace does, only the address is printed).
 */
static int read_string(uint32_t addr, char *buf)
{
    size_t got = 0;

    while (got < STRACE_STR_MAX) {
        uint64_t a = (uint64_t)addr + got;
        if (a >> 32 || !(page_get_flags((uint32_t)a) & PAGE_READ))
            return -1;
        size_t chunk = TARGET_PAGE_SIZE - (a & (TARGET_PAGE_SIZE - 1));
        if (chunk > STRACE_STR_MAX - got)
            chunk = STRACE_STR_MAX - got;
        struct iovec local = { buf + got, chunk }, remote = { g2h((uint32_t)a), chunk };
        ssize_t n = process_vm_readv(getpid(), &local, 1, &remote, 1, 0);
        if (n <= 0)
            return -1;
        char *nul = memchr(buf + got, 0, (size_t)n);
        if (nul)
            return 1;
        got += (size_t)n;
    }
    buf[STRACE_STR_MAX] = 0;
    return 0;
}

static void print_string(uint32_t addr)
{
    char buf[STRACE_STR_MAX + 1];
    int r = addr ? read_string(addr, buf) : -1;

    if (r < 0)
        log_printf(addr ? "0x%x" : "NULL", addr);
    else
        log_printf("\"%s\"%s", buf, r ? "" : "...");
}

static void print_arg(char kind, uint32_t v)
{
    switch (kind) {
    case 'd':
    case 'D': log_printf("%d", (int32_t)v); break;
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
