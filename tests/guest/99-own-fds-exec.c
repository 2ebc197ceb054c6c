/*
 * After an execve the program has the descriptors its caller left open
 * and no other: the -D log, which stitch passes on to the stitch that
 * runs the new program, is not among them (fcntl says EBADF for every
 * number from 500 on, as natively), nor in /proc/self/fd.
 *
 * stitch: -d page -D own-exec-%d.log
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void show(const char *who)
{
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;

    printf("%s:", who);
    for (int fd = 500; fd < 700; fd++)
        if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
            printf(" fcntl(%d) ok", fd);
    while (d && (e = readdir(d)))
        if (atoi(e->d_name) >= 500)
            printf(" listed %s", e->d_name);
    if (d)
        closedir(d);
    printf("\n");
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    show(argc > 1 ? "after exec" : "before exec");
    if (argc > 1)
        return 0;
    execl("/proc/self/exe", argv[0], "again", (char *)NULL);
    perror("execl");
    return 1;
}
