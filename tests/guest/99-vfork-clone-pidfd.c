/*
 * clone(CLONE_VM | CLONE_VFORK | CLONE_PIDFD): the child shares the
 * parent's memory, where the kernel has stored the pidfd at *parent_tid
 * before the child first runs (kernel/fork.c copy_process), so the child
 * reads it there; likewise the child's pid with CLONE_PARENT_SETTID
 * (kernel_clone, before wake_up_new_task).  Without CLONE_VM the child's
 * memory is a copy made before those stores: it reads what was there.
 * The child runs on the parent's stack (newsp 0) and touches nothing:
 * it reads *parent_tid and exits with it, all in registers.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x1000
#endif

/* The child exits with the low byte of *word. */
static long clone_exit_word(unsigned long flags, int *word)
{
    long ret;

    __asm__ volatile("int $0x80\n\t"
                     "test %%eax, %%eax\n\t"
                     "jnz 1f\n\t"
                     "movzbl (%%edx), %%ebx\n\t"
                     "movl %[exit], %%eax\n\t"
                     "int $0x80\n"
                     "1:"
                     : "=a"(ret)
                     : "0"(SYS_clone), "b"(flags), "c"(0), "d"(word), "S"(0), "D"(0),
                       [exit] "i"(SYS_exit)
                     : "memory");
    return ret;
}

/* The child exits with 0 if *word is its pid, 1 if not. */
static long clone_exit_is_pid(unsigned long flags, int *word)
{
    long ret;

    __asm__ volatile("int $0x80\n\t"
                     "test %%eax, %%eax\n\t"
                     "jnz 1f\n\t"
                     "movl (%%edx), %%ebx\n\t"
                     "movl %[getpid], %%eax\n\t"
                     "int $0x80\n\t"
                     "cmpl %%eax, %%ebx\n\t"
                     "setne %%bl\n\t"
                     "movzbl %%bl, %%ebx\n\t"
                     "movl %[exit], %%eax\n\t"
                     "int $0x80\n"
                     "1:"
                     : "=a"(ret)
                     : "0"(SYS_clone), "b"(flags), "c"(0), "d"(word), "S"(0), "D"(0),
                       [getpid] "i"(SYS_getpid), [exit] "i"(SYS_exit)
                     : "memory");
    return ret;
}

static int status_of(long pid)
{
    int st;

    if (pid <= 0 || waitpid((pid_t)pid, &st, 0) != pid || !WIFEXITED(st))
        return -1;
    return WEXITSTATUS(st);
}

static void pidfd_case(const char *name, unsigned long flags)
{
    int word = -1;
    long pid = clone_exit_word(flags | CLONE_PIDFD | SIGCHLD, &word);
    int seen = status_of(pid);

    printf("%-22s pidfd %s, the child read %s\n", name, word >= 0 ? "stored" : "missing",
           seen == (word & 0xff) ? "the pidfd" : seen == 0xff ? "what was there before" : "something else");
    if (word >= 0)
        close(word);
}

static void settid_case(const char *name, unsigned long flags)
{
    int word = -1;
    long pid = clone_exit_is_pid(flags | CLONE_PARENT_SETTID | SIGCHLD, &word);
    int seen = status_of(pid);

    printf("%-22s parent's word %s, the child read %s\n", name, word == pid ? "its pid" : "not",
           seen == 0 ? "its pid" : seen == 1 ? "something else" : "?");
}

int main(void)
{
    pidfd_case("VM|VFORK|PIDFD", CLONE_VM | CLONE_VFORK);
    pidfd_case("VFORK|PIDFD", CLONE_VFORK);
    pidfd_case("PIDFD", 0);
    settid_case("VM|VFORK|PARENT_SETTID", CLONE_VM | CLONE_VFORK);
    settid_case("VFORK|PARENT_SETTID", CLONE_VFORK);
    return 0;
}
