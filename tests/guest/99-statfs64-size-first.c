/*
 * statfs64 and fstatfs64 check the size argument before anything else
 * (fs/statfs.c: `sz != sizeof(*buf)` is EINVAL before the path is looked
 * up or the descriptor found; i386 on a 64-bit kernel through
 * kcompat_sys_statfs64, ARM after its wrapper takes an EABI libc's
 * padded 88 for the kernel's 84).  Then the path or descriptor, then the
 * buffer.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    printf("%-44s %s\n", what, r < 0 ? strerror(errno) : "ok");
}

int main(void)
{
    struct statfs64 s;
    const unsigned long size = sizeof(s);

    show("statfs64(missing path, size 1)", syscall(SYS_statfs64, "/nonexistent/x", 1UL, &s));
    show("statfs64(bad path pointer, size 0)", syscall(SYS_statfs64, (char *)8, 0UL, &s));
    show("statfs64(\"/\", size 83, bad buffer)", syscall(SYS_statfs64, "/", 83UL, (void *)8));
    show("statfs64(missing path, libc's size)", syscall(SYS_statfs64, "/nonexistent/x", size, &s));
    show("statfs64(bad path pointer, libc's size)", syscall(SYS_statfs64, (char *)8, size, &s));
    show("statfs64(\"/\", libc's size, bad buffer)", syscall(SYS_statfs64, "/", size, (void *)8));
    show("statfs64(\"/\", libc's size)", syscall(SYS_statfs64, "/", size, &s));
    /* The kernel's own struct: 84 bytes on both (packed to 4). */
    show("statfs64(\"/\", size 84)", syscall(SYS_statfs64, "/", 84UL, &s));
    show("fstatfs64(-1, size 1)", syscall(SYS_fstatfs64, -1, 1UL, &s));
    show("fstatfs64(-1, libc's size)", syscall(SYS_fstatfs64, -1, size, &s));
    show("fstatfs64(0, size 85)", syscall(SYS_fstatfs64, 0, 85UL, &s));
    show("fstatfs64(0, libc's size)", syscall(SYS_fstatfs64, 0, size, &s));
    return 0;
}
