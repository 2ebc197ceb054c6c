/* 37-signals: synchronous faults delivered to guest handlers (BRIEF §7) —
 * SIGSEGV from a NULL-page read (SEGV_MAPERR, si_addr = the fixed address
 * 0x10) and from a write to a read-only page (SEGV_ACCERR, si_addr inside the
 * page), SIGFPE from integer division by zero (FPE_INTDIV), SIGILL from ud2
 * with si_addr at the instruction; handlers that leave by siglongjmp and one
 * that resumes by advancing EIP in the ucontext (sigreturn must restore the
 * edited state). Also raise() with a handler, a blocked signal left pending
 * and delivered at sigprocmask unblock, SIG_IGN, and the handler's signal
 * mask. Only offsets and constants are printed, never addresses. */
#define _GNU_SOURCE
#include <stdio.h>
#include <signal.h>
#include <setjmp.h>
#include <string.h>
#include <unistd.h>
#include <ucontext.h>
#include <sys/mman.h>

static sigjmp_buf jb;
static volatile sig_atomic_t last_sig, last_code, usr_count, blocked_in_handler;
static volatile unsigned long last_addr;
extern char ud2_here[], ud2_skip_here[];

static void on_fault(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    last_sig = sig;
    last_code = si->si_code;
    last_addr = (unsigned long)si->si_addr;
    siglongjmp(jb, 1);
}

static void skip_ud2(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    last_sig = sig;
    last_addr = (unsigned long)si->si_addr;
    uc->uc_mcontext.gregs[REG_EIP] += 2;       /* ud2 is two bytes */
    uc->uc_mcontext.gregs[REG_EAX] = 12345;    /* visible after sigreturn */
}

static void on_usr(int sig)
{
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    blocked_in_handler = sigismember(&cur, sig);
    usr_count++;
}

static void catch(int sig, void (*fn)(int, siginfo_t *, void *))
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

int main(void)
{
    catch(SIGSEGV, on_fault);
    catch(SIGFPE, on_fault);
    catch(SIGILL, on_fault);

    if (sigsetjmp(jb, 1) == 0) {
        volatile int v = *(volatile int *)0x10;
        printf("no fault? %d\n", v);
    } else
        printf("read 0x10: sig=%d code=%d (MAPERR=%d) addr=%#lx\n", last_sig, last_code,
               SEGV_MAPERR, last_addr);

    long pg = sysconf(_SC_PAGESIZE);
    char *ro = mmap(NULL, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (sigsetjmp(jb, 1) == 0) {
        ((volatile char *)ro)[8] = 1;
        printf("no fault on read-only page\n");
    } else
        printf("write ro page: sig=%d code=%d (ACCERR=%d) offset=%ld\n", last_sig, last_code,
               SEGV_ACCERR, (long)(last_addr - (unsigned long)ro));
    mprotect(ro, pg, PROT_READ | PROT_WRITE);
    ro[8] = 7;
    printf("after mprotect ro[8]=%d\n", ro[8]);
    munmap(ro, pg);

    volatile int zero = 0, num = 10;
    if (sigsetjmp(jb, 1) == 0)
        printf("no fault? %d\n", num / zero);
    else
        printf("divide by zero: sig=%d code=%d (INTDIV=%d)\n", last_sig, last_code, FPE_INTDIV);

    if (sigsetjmp(jb, 1) == 0) {
        __asm__ volatile(".globl ud2_here\nud2_here: ud2");
        printf("no fault after ud2\n");
    } else
        printf("ud2: sig=%d at the instruction=%d\n", last_sig,
               last_addr == (unsigned long)ud2_here);

    catch(SIGILL, skip_ud2);
    int eax;
    __asm__ volatile("movl $1, %%eax\n.globl ud2_skip_here\nud2_skip_here: ud2\n" : "=a"(eax));
    printf("resumed after ud2 with eax=%d sig=%d at the instruction=%d\n", eax, last_sig,
           last_addr == (unsigned long)ud2_skip_here);

    signal(SIGUSR1, on_usr);
    raise(SIGUSR1);
    raise(SIGUSR1);
    printf("SIGUSR1 handled %d times, blocked inside handler=%d\n", usr_count, blocked_in_handler);

    sigset_t set, pend;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    raise(SIGUSR1);
    sigpending(&pend);
    printf("while blocked: count=%d pending=%d\n", usr_count, sigismember(&pend, SIGUSR1));
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    printf("after unblock: count=%d\n", usr_count);

    signal(SIGTERM, SIG_IGN);
    kill(getpid(), SIGTERM);
    printf("SIGTERM ignored\n");
    return 0;
}
