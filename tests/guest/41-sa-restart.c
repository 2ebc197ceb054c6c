/* 41-sa-restart: a read on an empty pipe interrupted by a handled signal is
 * restarted when the handler has SA_RESTART (the child's later write then
 * completes it) and fails with EINTR without it; a signal that is ignored or
 * whose default action is to ignore (SIGCHLD) never interrupts the read;
 * SA_RESETHAND runs a handler once; SA_NODEFER lets it nest; a handler on an
 * alternate stack (SA_ONSTACK) runs on that stack. */
/* levels: O0 O2 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t hits, depth, max_depth, calls, on_alt;
static char altstack[65536];

static void on_usr(int sig)
{
    (void)sig;
    hits++;
}

static void nested(int sig)
{
    depth++;
    calls++;
    if (depth > max_depth)
        max_depth = depth;
    if (calls < 3)
        raise(sig); /* nests with SA_NODEFER, runs after return without */
    depth--;
}

static void where(int sig)
{
    char here;
    (void)sig;
    on_alt = &here >= altstack && &here < altstack + sizeof altstack;
}

static void handle(int sig, void (*fn)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

/* Fork a child that signals us, waits, then writes one byte. */
static void reader(const char *what, int flags)
{
    int fds[2];
    char c = 0;
    pipe(fds);
    hits = 0;
    handle(SIGUSR1, on_usr, flags);
    pid_t parent = getpid(), pid = fork();
    if (pid == 0) {
        usleep(100000);
        kill(parent, SIGUSR1);
        usleep(100000);
        write(fds[1], "x", 1);
        _exit(0);
    }
    ssize_t r = read(fds[0], &c, 1);
    int e = errno;
    int st;
    waitpid(pid, &st, 0);
    printf("%s: read=%zd %s hits=%d child exit=%d\n", what, r,
           r < 0 ? (e == EINTR ? "EINTR" : "error") : (c == 'x' ? "got x" : "?"), (int)hits,
           WEXITSTATUS(st));
    close(fds[0]);
    close(fds[1]);
}

int main(void)
{
    reader("SA_RESTART", SA_RESTART);
    reader("no SA_RESTART", 0);
    signal(SIGUSR1, SIG_IGN);
    {
        int fds[2];
        char c;
        pipe(fds);
        pid_t parent = getpid(), pid = fork();
        if (pid == 0) {
            usleep(100000);
            kill(parent, SIGUSR1);
            usleep(100000);
            write(fds[1], "y", 1);
            _exit(3);
        }
        ssize_t r = read(fds[0], &c, 1);
        int st;
        waitpid(pid, &st, 0);
        printf("ignored SIGUSR1 and SIGCHLD: read=%zd %c status=%d\n", r, c, WEXITSTATUS(st));
    }

    hits = 0;
    handle(SIGUSR2, on_usr, SA_RESETHAND);
    raise(SIGUSR2);
    struct sigaction now;
    sigaction(SIGUSR2, NULL, &now);
    printf("SA_RESETHAND: hits=%d reset to default=%d\n", (int)hits, now.sa_handler == SIG_DFL);

    handle(SIGUSR2, nested, SA_NODEFER);
    raise(SIGUSR2);
    printf("SA_NODEFER: nested depth=%d calls=%d\n", (int)max_depth, (int)calls);
    max_depth = depth = calls = 0;
    handle(SIGUSR2, nested, 0);
    raise(SIGUSR2);
    printf("deferred: depth=%d calls=%d\n", (int)max_depth, (int)calls);

    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0 };
    sigaltstack(&ss, NULL);
    handle(SIGUSR2, where, SA_ONSTACK);
    raise(SIGUSR2);
    printf("SA_ONSTACK: handler on the alternate stack=%d\n", (int)on_alt);
    handle(SIGUSR2, where, 0);
    raise(SIGUSR2);
    printf("without SA_ONSTACK: on the alternate stack=%d\n", (int)on_alt);
    return 0;
}
