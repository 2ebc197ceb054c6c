/*
 * A vfork child runs in its parent's memory (vfork(2), clone(2)
 * CLONE_VM): what it stores before it execs or ends, the parent sees
 * once it wakes.  glibc's posix_spawn learns so that the exec failed and
 * why: posix_spawn of a missing program returns ENOENT, with no child
 * left to wait for.  Stores into a global, the heap, the parent's stack
 * (vfork's child runs on it), a page that held code, a MAP_SHARED page;
 * then the child exits, execs, fails an exec and exits, or dies of a
 * signal.  A fork in the child keeps its stores; a vfork in it does not.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int global;
static char around[64] = "untouched";

static void show_status(const char *what, pid_t pid)
{
    int st;

    if (waitpid(pid, &st, 0) != pid) {
        printf("%s: waitpid: %s\n", what, strerror(errno));
        return;
    }
    if (WIFEXITED(st))
        printf("%s: exit %d\n", what, WEXITSTATUS(st));
    else
        printf("%s: signal %d\n", what, WTERMSIG(st));
}

/* Exit, after stores to a global, the heap, the parent's stack, a shared
 * page, and one byte in the middle of a string. */
static void stores_then_exit(char *heap, int *shared)
{
    volatile int on_stack = 1;
    pid_t pid = vfork();

    if (pid == 0) {
        global = 42;
        heap[1000] = 'h';
        on_stack = 7;
        *shared = 99;
        around[3] = 'X';
        _exit(3);
    }
    show_status("exit", pid);
    printf("global %d heap %c stack %d shared %d around %s\n", global, heap[1000],
           on_stack, *shared, around);
}

/* A failed execve, then _exit: the errno the child saw reaches the
 * parent; then a successful one, after a store. */
static void stores_then_exec(void)
{
    volatile int err = 0;
    pid_t pid = vfork();

    if (pid == 0) {
        execl("./no-such-program", "no-such-program", (char *)NULL);
        err = errno;
        _exit(127);
    }
    show_status("failed exec", pid);
    printf("child's errno: %s\n", strerror(err));

    global = 0;
    pid = vfork();
    if (pid == 0) {
        global = 5;
        execl("/bin/true", "true", (char *)NULL);
        _exit(126);
    }
    show_status("exec true", pid);
    printf("global before the exec: %d\n", global);
}

/* A child killed by a signal after a store: the store stays (the signal
 * is the guest's own, delivered after stitch wrote the log). */
static void stores_then_signal(void)
{
    global = 0;
    pid_t pid = vfork();

    if (pid == 0) {
        global = 8;
        raise(SIGTERM);
        _exit(0);
    }
    show_status("SIGTERM", pid);
    printf("global before the signal: %d\n", global);
}

/* The child's own children: a fork's stores stay its own, a nested
 * vfork's reach the child and so the parent. */
static void grandchildren(void)
{
    global = 0;
    around[0] = 'u';
    pid_t pid = vfork();

    if (pid == 0) {
        pid_t g = fork();
        if (g == 0) {
            global = 100;
            _exit(0);
        }
        waitpid(g, NULL, 0);
        g = vfork();
        if (g == 0) {
            around[0] = 'V';
            _exit(0);
        }
        waitpid(g, NULL, 0);
        global += 1;
        _exit(0);
    }
    show_status("grandchildren", pid);
    printf("global %d around %s\n", global, around);
}

/* A large block grown in the child (glibc's realloc of an mmap'd chunk
 * is mremap, in place where it can): its memory is the child's own, but
 * its stores must not fault forever. */
static void grow_in_child(void)
{
    global = 0;
    pid_t pid = vfork();

    if (pid == 0) {
        char *big = malloc(300000);
        big[0] = 1;
        big = realloc(big, 3000000);
        if (big)
            memset(big, 2, 3000000);
        global = big ? big[2999999] : -1;
        _exit(0);
    }
    show_status("grown", pid);
    printf("global %d\n", global);
}

/* Code on the heap ran in the parent, so the page it is on holds
 * translated code under stitch; the child rewrites a byte of it. */
static void store_into_code(void)
{
    unsigned char *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
#if defined(__i386__)
    static const unsigned char ret7[] = { 0xb8, 7, 0, 0, 0, 0xc3 }; /* mov $7,%eax; ret */
#else
    static const unsigned char ret7[] = { 7, 0, 0xa0, 0xe3, 0x1e, 0xff, 0x2f, 0xe1 }; /* mov r0,#7; bx lr */
#endif
    memcpy(code, ret7, sizeof(ret7));
    __builtin___clear_cache((char *)code, (char *)code + sizeof(ret7));
    int (*f)(void) = (int (*)(void))code;
    int before = f();
    pid_t pid = vfork();

    if (pid == 0) {
#if defined(__i386__)
        code[1] = 9;
#else
        code[0] = 9;
#endif
        _exit(0);
    }
    show_status("code", pid);
    __builtin___clear_cache((char *)code, (char *)code + sizeof(ret7));
    printf("code returns %d, then %d\n", before, f());
    munmap(code, 4096);
}

static void spawn(const char *what, const char *path, int search)
{
    char *argv[] = { (char *)path, NULL };
    pid_t pid = -1;
    int r = search ? posix_spawnp(&pid, path, NULL, NULL, argv, environ)
                   : posix_spawn(&pid, path, NULL, NULL, argv, environ);

    printf("%s: %s\n", what, r ? strerror(r) : "started");
    if (r == 0)
        show_status(what, pid);
    else
        printf("%s: no child left: %s\n", what, waitpid(-1, NULL, WNOHANG) < 0 ? strerror(errno) : "one");
}

int main(void)
{
    char *heap = malloc(100000);
    int *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

    memset(heap, '.', 100000);
    stores_then_exit(heap, shared);
    stores_then_exec();
    stores_then_signal();
    grandchildren();
    grow_in_child();
    store_into_code();
    spawn("spawn missing", "./no-such-program", 0);
    spawn("spawnp missing", "no-such-program-anywhere", 1);
    spawn("spawn not executable", "/etc/passwd", 0);
    spawn("spawn true", "/bin/true", 0);
    return 0;
}
