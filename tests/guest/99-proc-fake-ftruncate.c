/*
 * Truncating one of this process's /proc files: ftruncate checks the
 * descriptor (fs/open.c do_ftruncate: EINVAL for one that cannot write,
 * and for a negative length), then the entry's setattr succeeds without
 * changing anything (fs/proc/base.c proc_setattr); truncate through the
 * descriptor's fd/N link reaches the same entry, whose permissions
 * decide.  The file reads as before.  Under stitch these files are
 * sealed private copies, which must not answer for the entry.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *result(long r)
{
    static char buf[64];

    if (r < 0)
        snprintf(buf, sizeof(buf), "-1 %s", strerror(errno));
    else
        snprintf(buf, sizeof(buf), "%ld", r);
    return buf;
}

static void try_entry(const char *entry)
{
    char first[4], link[64];
    struct stat st;
    int rw = open(entry, O_RDWR), ro = open(entry, O_RDONLY);

    printf("%s: open O_RDWR %s\n", entry, rw < 0 ? result(rw) : "ok");
    printf("  ftruncate(read-only, 0): %s\n", result(ftruncate(ro, 0)));
    if (rw >= 0) {
        printf("  ftruncate(0): %s\n", result(ftruncate(rw, 0)));
        printf("  ftruncate(12345): %s\n", result(ftruncate(rw, 12345)));
        printf("  ftruncate(-1): %s\n", result(ftruncate(rw, -1)));
#ifdef SYS_ftruncate
        printf("  old ftruncate(0): %s\n", result(syscall(SYS_ftruncate, rw, 0L)));
#endif
        snprintf(link, sizeof(link), "/proc/self/fd/%d", rw);
        printf("  truncate(fd link, 0): %s\n", result(truncate(link, 0)));
        printf("  fstat size: %lld\n", fstat(rw, &st) == 0 ? (long long)st.st_size : -1LL);
        printf("  pread of 4 bytes at 0: %s\n", result(pread(rw, first, 4, 0)));
    }
    snprintf(link, sizeof(link), "/proc/self/fd/%d", ro);
    printf("  truncate(read-only fd link, 0): %s\n", result(truncate(link, 0)));
    close(rw);
    close(ro);
}

int main(void)
{
    try_entry("/proc/self/status");
    try_entry("/proc/self/maps");
    try_entry("/proc/self/personality");
    return 0;
}
