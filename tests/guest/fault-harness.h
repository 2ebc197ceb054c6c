/* fault-harness.h: what the CPU-fault tests (76-sse-alignment,
 * 77-alignment-check, 86-far-transfers, 86-segment-limits, 68-xsavec,
 * 87-maskmov, 86-stack-segment, 86-segment-limits-wide) share: the
 * handler installation, the two ways they go on after a fault, and
 * ldt_set() for the segment tests.
 *   - Resume: a case's instruction sits between the labels f_<name> and
 *     e_<name> (FAULT_SITE); the handler prints what the fault reported
 *     and returns to e_<name>, the registers as the fault left them.
 *   - Jump out: TRY runs a piece of code; the handler siglongjmps back.
 * Include it first: it defines _GNU_SOURCE (REG_EIP and the other
 * register names of <ucontext.h>).  Not a test: no NN- prefix, so the
 * runners do not build it alone. */
#ifndef FAULT_HARNESS_H
#define FAULT_HARNESS_H

#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include <asm/ldt.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Install fn (SA_SIGINFO; SA_NODEFER: the next case may fault while the
 * handler has not returned through sigreturn yet, a siglongjmp) for the
 * signals listed, the list ended by 0. */
static void catch_faults(void (*fn)(int, siginfo_t *, void *), ...)
{
    struct sigaction sa;
    va_list ap;
    int sig;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    va_start(ap, fn);
    while ((sig = va_arg(ap, int)) != 0)
        sigaction(sig, &sa, NULL);
    va_end(ap);
}

/* Resume: where the case's instruction is, how long it is, whether it
 * faulted.  (A test uses one of the two ways: the other's variables are
 * unused.) */
static unsigned site __attribute__((unused)), skip __attribute__((unused));
static int faulted __attribute__((unused));
#define FAULT_SITE(name)                                                    \
    extern char f_##name[], e_##name[];                                     \
    site = (unsigned)f_##name;                                              \
    skip = (unsigned)(e_##name - f_##name);                                 \
    faulted = 0

/* Jump out: print the case's name, run code; a fault's handler
 * siglongjmps to back. */
static sigjmp_buf back __attribute__((unused));
#define TRY(name, code)                                                     \
    do {                                                                    \
        printf("%s\n", name);                                               \
        fflush(stdout);                                                     \
        if (!sigsetjmp(back, 1)) {                                          \
            code;                                                           \
        }                                                                   \
    } while (0)
/* The same, saying "  done" when the code ran to its end. */
#define TRY_DONE(name, code) TRY(name, code; printf("  done\n"))

/* LDT entry `entry` (modify_ldt func 0x11): base, limit and the flag bits
 * of struct user_desc's bit-field word (seg_32bit 1, contents << 1,
 * read_exec_only 8, limit_in_pages 0x10, ...), the segment tests' way to
 * make limited, expand-down and read-only segments. */
static int __attribute__((unused)) ldt_set(int entry, unsigned base, unsigned limit,
                                           unsigned flags)
{
    struct user_desc d;
    unsigned w[4] = {(unsigned)entry, base, limit, flags};

    memcpy(&d, w, sizeof(d));
    return (int)syscall(SYS_modify_ldt, 0x11, &d, sizeof(d));
}

#endif
