/*
 * FDSize in /proc/self/status is the size of the process's descriptor
 * table (fs/proc/array.c task_state: files_fdtable()->max_fds): what the
 * program was started with, grown to the next power of two when a
 * descriptor at or past it is handed out (fs/file.c expand_files), the
 * status file's own descriptor included; a fork's child starts with a
 * table as large as its open descriptors need, 64 at least
 * (kernel/fork.c dup_fd).  It is the guest's table, not stitch's, whose
 * own descriptors at 512 and up make it 1024, in every name of the file.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int fds[400], n;

static void fdsize(const char *when, const char *name, const char *path)
{
    char line[256];
    FILE *f = fopen(path, "r");

    if (!f) {
        printf("%-22s %-22s cannot open\n", when, name);
        return;
    }
    while (fgets(line, sizeof(line), f))
        if (!strncmp(line, "FDSize:", 7))
            printf("%-22s %-22s %s", when, name, line);
    fclose(f);
}

static void all_names(const char *when)
{
    char path[64];

    fdsize(when, "/proc/self", "/proc/self/status");
    fdsize(when, "/proc/thread-self", "/proc/thread-self/status");
    snprintf(path, sizeof(path), "/proc/%d/status", (int)getpid());
    fdsize(when, "/proc/<pid>", path);
    snprintf(path, sizeof(path), "/proc/self/task/%d/status", (int)syscall(SYS_gettid));
    fdsize(when, "/proc/self/task/<tid>", path);
}

/* Up to `top` open, dups of stdout from 3 on. */
static void open_up_to(int top)
{
    while (n < 400 && (n ? fds[n - 1] : 2) < top)
        fds[n++] = dup(1);
}

static void close_all(void)
{
    while (n > 0)
        close(fds[--n]);
}

/* Runs `fn` in a fork's child. */
static void in_child(void (*fn)(void))
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        fn();
        fflush(stdout);
        _exit(0);
    }
    waitpid(pid, NULL, 0);
}

/* With only 0, 1 and 2 open, a fork's child has the smallest table. */
static void grandchild(void)
{
    all_names("grandchild");
    open_up_to(72);
    all_names("grandchild, 3 to 72");
    /* The status file's own descriptor is 127: still 128.  With one
     * more open, it is 128: 256. */
    open_up_to(126);
    all_names("grandchild, 3 to 126");
    open_up_to(127);
    all_names("grandchild, 3 to 127");
    close_all();
    all_names("grandchild, closed");
}

/* Whatever the program inherited (a runner's descriptor at 251 makes
 * 256) sizes the child's table; closed, not the grandchild's. */
static void child(void)
{
    all_names("fork's child");
    syscall(SYS_close_range, 3, ~0u, 0);
    in_child(grandchild);
}

int main(void)
{
    all_names("at start");
    open_up_to(300);
    all_names("3 to 300 open");
    close_all();
    all_names("closed again");
    in_child(child);
    return 0;
}
