/*
 * /proc/self/stat's fields that come from the process's memory map and
 * signal state (fs/proc/array.c do_task_stat; proc(5) numbers) are the
 * program's: startcode and endcode bound its executable segment,
 * startstack is where argc is, start_data and end_data its last
 * segment's start and file contents' end (edata), start_brk is below
 * the break, arg_start to arg_end its argument strings, env_start to
 * env_end its environment's; signal, blocked, sigignore and sigcatch its
 * own (low 31 bits), not stitch's handlers.  The same in task/<tid>/stat.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

extern char **environ;
extern char edata[];
static int initialised = 1;

static void on_signal(int sig)
{
    (void)sig;
}

/* Fields 1..59 of the file, v[n] for field n (the name, 2, skipped). */
static int fields(const char *path, unsigned long long *v)
{
    char buf[4096];
    FILE *f = fopen(path, "r");
    size_t n;

    if (!f)
        return -1;
    n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *p = strrchr(buf, ')');
    if (!p)
        return -1;
    v[1] = strtoull(buf, NULL, 10);
    int k = 3;
    for (char *t = strtok(p + 2, " \n"); t && k < 60; t = strtok(NULL, " \n"))
        v[k++] = strtoull(t, NULL, 10);
    return k;
}

static void show(const char *label, const char *path, int argc, char **argv)
{
    unsigned long long v[60] = { 0 };
    char **e = environ;
    uintptr_t code = (uintptr_t)(void *)&show;

    if (fields(path, v) < 52) {
        printf("%s: cannot read\n", label);
        return;
    }
    while (e[0] && e[1])
        e++;
    printf("%s\n", label);
    printf("  startcode <= code < endcode %d\n", v[26] <= code && code < v[27]);
    printf("  startstack is argc's %d\n", v[28] == (uintptr_t)(argv - 1));
    printf("  kstkesp %llu kstkeip %llu\n", v[29], v[30]);
    printf("  signal %llu blocked %llu sigignore %llu sigcatch %llu\n", v[31], v[32], v[33], v[34]);
    printf("  start_data <= data < end_data %d, end_data is edata %d\n",
           v[45] <= (uintptr_t)&initialised && (uintptr_t)&initialised < v[46],
           v[46] == (uintptr_t)edata);
    printf("  end_data <= start_brk <= break %d\n",
           v[46] <= v[47] && v[47] <= (uintptr_t)sbrk(0));
    printf("  arg_start %d arg_end %d\n", v[48] == (uintptr_t)argv[0],
           v[49] == (uintptr_t)(argv[argc - 1] + strlen(argv[argc - 1]) + 1));
    printf("  env_start %d env_end %d\n", e[0] && v[50] == (uintptr_t)environ[0],
           e[0] && v[51] == (uintptr_t)(e[0] + strlen(e[0]) + 1));
}

int main(int argc, char **argv)
{
    char path[64];
    sigset_t s;

    show("at start", "/proc/self/stat", argc, argv);
    signal(SIGUSR1, on_signal);
    signal(SIGHUP, on_signal);
    signal(SIGUSR2, SIG_IGN);
    sigemptyset(&s);
    sigaddset(&s, SIGINT);
    sigaddset(&s, SIGSEGV);
    sigprocmask(SIG_BLOCK, &s, NULL);
    raise(SIGINT);
    show("signals set", "/proc/self/stat", argc, argv);
    snprintf(path, sizeof(path), "/proc/self/task/%d/stat", (int)syscall(SYS_gettid));
    show("task/<tid>/stat", path, argc, argv);
    return 0;
}
