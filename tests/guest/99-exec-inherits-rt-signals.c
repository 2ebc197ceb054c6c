/*
 * execve keeps the ignored set and the blocked mask by signal number
 * (fs/exec.c flush_signal_handlers resets only caught signals; the mask
 * is the thread's), real-time signals included, even 32 and 33, which
 * glibc keeps for itself and its signal() refuses: the raw calls set
 * them.  The program ignores and blocks a few real-time signals, execs
 * itself, and the new program prints what it inherited, as its own
 * rt_sigaction and rt_sigprocmask and /proc/self/status report it.
 * Only real-time numbers are printed: the standard ones come from
 * whoever started the test.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

struct ksigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    uint64_t mask;
};

static int raw_action(int sig, const struct ksigaction *act, struct ksigaction *old)
{
    return (int)syscall(SYS_rt_sigaction, sig, act, old, sizeof(uint64_t));
}

static void show_status(void)
{
    char line[256];
    FILE *f = fopen("/proc/self/status", "r");

    if (!f)
        return;
    while (fgets(line, sizeof(line), f)) {
        unsigned long long set;
        char name[16];
        if (sscanf(line, "%15[^:]:%llx", name, &set) == 2 &&
            (!strcmp(name, "SigIgn") || !strcmp(name, "SigBlk")))
            printf("status %s real-time %016llx\n", name, set & ~0x7fffffffull);
    }
    fclose(f);
}

static void child(void)
{
    uint64_t blocked = 0;

    for (int sig = 32; sig <= 64; sig++) {
        struct ksigaction old;
        if (raw_action(sig, NULL, &old) == 0 && old.handler == SIG_IGN)
            printf("signal %d ignored\n", sig);
    }
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &blocked, sizeof(blocked));
    for (int sig = 32; sig <= 64; sig++)
        if (blocked & (1ull << (sig - 1)))
            printf("signal %d blocked\n", sig);
    show_status();
}

int main(int argc, char **argv)
{
    static const int ignore[] = {32, 33, 34, 40, 50};
    struct ksigaction ign = {.handler = SIG_IGN};
    uint64_t block = 1ull << (35 - 1) | 1ull << (41 - 1) | 1ull << (33 - 1);

    if (argc > 1) {
        child();
        return 0;
    }
    for (size_t i = 0; i < sizeof(ignore) / sizeof(ignore[0]); i++)
        if (raw_action(ignore[i], &ign, NULL) != 0)
            printf("ignoring %d: %s\n", ignore[i], strerror(errno));
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, &block, NULL, sizeof(block));
    execl("/proc/self/exe", argv[0], "child", (char *)NULL);
    printf("execl: %s\n", strerror(errno));
    return 1;
}
