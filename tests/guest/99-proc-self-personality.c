/*
 * /proc/self/personality is the persona personality(2) set, as eight hex
 * digits (fs/proc/base.c proc_pid_personality), in every name of the
 * process's directory; stitch keeps the guest's persona without applying
 * it to itself, so the host's file would say 00000000.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/personality.h>
#include <unistd.h>

static void show(const char *when, const char *path)
{
    char buf[64];
    int fd = open(path, O_RDONLY);
    long n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

    if (fd >= 0)
        close(fd);
    buf[n > 0 ? n : 0] = '\0';
    printf("%-22s %-28s %s%s", when, path, n > 0 ? buf : "cannot read", n > 0 ? "" : "\n");
}

static void all(const char *when)
{
    show(when, "/proc/self/personality");
    show(when, "/proc/thread-self/personality");
    show(when, "/proc/self/./personality");
}

int main(void)
{
    unsigned long start = (unsigned long)personality(0xffffffff);

    all("at start");
    personality(PER_LINUX32 | ADDR_NO_RANDOMIZE);
    all("LINUX32|NO_RANDOMIZE");
    personality(PER_LINUX | ADDR_COMPAT_LAYOUT | STICKY_TIMEOUTS);
    all("COMPAT_LAYOUT|STICKY");
    personality(start);
    all("back");
    return 0;
}
