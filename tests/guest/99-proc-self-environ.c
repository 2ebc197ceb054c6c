/*
 * /proc/self/environ is the block of environment strings the program was
 * started with, read from its memory at the time (fs/proc/base.c
 * environ_read, mm->env_start to env_end): the program's own environment,
 * which under stitch -E and -U make another than stitch's; a string
 * changed in place shows, a setenv does not.
 *
 * stitch: -E STITCH_TEST_VAR=changed -U HOME -E ADDED=1
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;
static char block[1 << 16], file[1 << 16];
static size_t block_len;

static long slurp(const char *path)
{
    long n = 0, r;
    int fd = open(path, O_RDONLY);

    if (fd < 0)
        return -1;
    while ((size_t)n < sizeof(file) && (r = read(fd, file + n, sizeof(file) - n)) > 0)
        n += r;
    close(fd);
    return n;
}

/* What the strings environ points to at start-up hold now. */
static void join(char **env)
{
    block_len = 0;
    for (char **e = env; *e; e++) {
        size_t n = strlen(*e) + 1;
        if (block_len + n > sizeof(block))
            exit(1);
        memcpy(block + block_len, *e, n);
        block_len += n;
    }
}

static void check(const char *when, const char *path)
{
    long n = slurp(path);

    printf("%-16s %-26s %s\n", when, path,
           n < 0 ? "cannot read"
           : (size_t)n == block_len && !memcmp(file, block, n) ? "the program's environment"
                                                                : "another");
}

int main(void)
{
    char **start = environ;

    join(start);
    check("at start", "/proc/self/environ");
    check("at start", "/proc/thread-self/environ");
    check("at start", "/proc/self/./environ");
    if (start[0] && start[0][0])
        start[0][0] ^= 0x20;
    join(start);
    check("changed in place", "/proc/self/environ");
    setenv("STITCH_TEST_NEW", "1", 1);
    check("after setenv", "/proc/self/environ");
    return 0;
}
