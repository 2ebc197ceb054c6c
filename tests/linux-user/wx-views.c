/*
 * For run-wx.sh: translate some code, fork, and have both processes say
 * their pid and wait for stdin to close, so the test can read the host's
 * /proc/PID/maps of each stitch process while a guest runs in it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static unsigned work(unsigned n)
{
    unsigned h = 1;

    for (unsigned i = 0; i < n; i++)
        h = h * 31 + (i % 7 ? i : h >> 3);
    return h;
}

int main(void)
{
    char c;
    unsigned h = work(100000);
    pid_t child = fork();

    if (child < 0)
        return 2;
    printf("%s %d %u\n", child ? "parent" : "child", (int)getpid(), h);
    fflush(stdout);
    while (read(0, &c, 1) > 0)
        ;
    if (!child)
        return 0;
    int st;
    return waitpid(child, &st, 0) == child && WIFEXITED(st) && !WEXITSTATUS(st) ? 0 : 3;
}
