/*
 * safe_syscall (exec/safe-syscall-x86_64.S): a blocking host call that a
 * guest signal recorded just before it cannot be lost behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <errno.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "exec.h"

extern char safe_syscall_start[], safe_syscall_end[], safe_syscall_interrupted[];

Test(safe_syscall, makes_the_call_when_nothing_is_pending)
{
    int signalled = 0;

    cr_assert_eq(safe_syscall(&signalled, SYS_getpid, 0, 0, 0, 0, 0, 0), getpid());
}

Test(safe_syscall, returns_kernel_errors_as_minus_errno)
{
    int signalled = 0;

    cr_assert_eq(safe_syscall(&signalled, SYS_close, -1, 0, 0, 0, 0, 0), -EBADF);
}

/* A read on an empty pipe would block for ever: with a signal recorded,
 * the call is not made. */
Test(safe_syscall, does_not_block_once_a_signal_is_recorded, .timeout = 5)
{
    int signalled = 1, fds[2];
    char c;

    cr_assert_eq(pipe(fds), 0);
    cr_assert_eq(safe_syscall(&signalled, SYS_read, fds[0], (long)&c, 1, 0, 0, 0), -EINTR);
}

Test(safe_syscall, six_arguments_reach_the_kernel)
{
    int signalled = 0;
    char buf[8] = {0};
    int fds[2];

    cr_assert_eq(pipe(fds), 0);
    cr_assert_eq(write(fds[1], "abcdef", 6), 6);
    /* preadv2-like: read(fd, buf, 6) ignores the rest */
    cr_assert_eq(safe_syscall(&signalled, SYS_read, fds[0], (long)buf, 6, 11, 12, 13), 6);
    cr_assert_str_eq(buf, "abcdef");
}

/* A handler that interrupted the thread between the test and `syscall`
 * moves it to the -EINTR exit; anywhere else it leaves the PC alone. */
Test(safe_syscall, rewind_only_inside_the_window)
{
    ucontext_t uc;

    uc.uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)safe_syscall_start;
    cr_assert_eq(safe_syscall_rewind(&uc), 1);
    cr_assert_eq(uc.uc_mcontext.gregs[REG_RIP], (greg_t)(uintptr_t)safe_syscall_interrupted);
    uc.uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)safe_syscall_end;
    cr_assert_eq(safe_syscall_rewind(&uc), 0, "the call has been made: EINTR is the kernel's");
    cr_assert_eq(uc.uc_mcontext.gregs[REG_RIP], (greg_t)(uintptr_t)safe_syscall_end);
}
