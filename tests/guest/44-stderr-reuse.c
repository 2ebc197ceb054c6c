/*
 * A program that closes its stderr and opens a file that gets number 2
 * (as daemons and xz's exit path do).  What it reads back from the file
 * must be exactly what it wrote: with -strace or -d, stitch's own lines
 * must not land there (tests/engine/run-stats.sh runs it that way too).
 * levels: O0 O2
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/stitch-stderr-XXXXXX";
    char buf[256];
    int fd = mkstemp(path);

    if (fd < 0)
        return 1;
    close(2);
    if (dup(fd) != 2)
        return 2;
    close(fd);
    write(2, "the guest's own line\n", 21);
    lseek(2, 0, SEEK_SET);
    ssize_t n = read(2, buf, sizeof(buf));
    unlink(path);
    printf("read back %zd bytes: %.*s", n, (int)(n > 0 ? n : 0), buf);
    return 0;
}
