/*
 * A host system call that a signal cannot slip in front of (QEMU's
 * safe_syscall, include/user/safe-syscall.h), for the calls that block.
 *
 * long safe_syscall(const volatile int *signalled, long nr,
 *                   long a1, long a2, long a3, long a4, long a5, long a6)
 *   returns the kernel's result (-errno on failure), or -EINTR without
 *   making the call if *signalled is set.
 *
 * The race it closes: the CPU loop checks for pending guest signals, then
 * the system call blocks.  A host signal handled in between records the
 * signal but cannot interrupt a call that has not started yet, so the
 * guest would see it only when the call returns, maybe never (a futex
 * wait).  Here the check is one instruction before `syscall`: a host
 * signal handler that interrupts the thread between safe_syscall_start
 * and safe_syscall_end (exec/host-signal-x86_64.c, safe_syscall_rewind)
 * moves the PC to safe_syscall_interrupted, so the call is never made and
 * -EINTR is returned, to be restarted after delivery as a host EINTR would
 * be.  Once the `syscall` instruction has run, the kernel's own EINTR does
 * the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define EINTR 4

        .text
        .globl  safe_syscall
        .type   safe_syscall, @function
safe_syscall:
        /* C: rdi=signalled rsi=nr rdx=a1 rcx=a2 r8=a3 r9=a4 8(rsp)=a5 16(rsp)=a6
         * kernel: rax=nr rdi rsi rdx r10 r8 r9 */
        push    %rbx
        mov     %rdi, %rbx      /* signalled */
        mov     %rsi, %rax
        mov     %rdx, %rdi
        mov     %rcx, %rsi
        mov     %r8, %rdx
        mov     %r9, %r10
        mov     16(%rsp), %r8
        mov     24(%rsp), %r9
        .globl  safe_syscall_start
safe_syscall_start:
        cmpl    $0, (%rbx)
        jne     safe_syscall_interrupted
        syscall
        .globl  safe_syscall_end
safe_syscall_end:
        pop     %rbx
        ret
        .globl  safe_syscall_interrupted
safe_syscall_interrupted:
        mov     $-EINTR, %rax
        pop     %rbx
        ret
        .size   safe_syscall, .-safe_syscall

        .section .note.GNU-stack,"",@progbits
