/*
 * The calls with 64-bit offset or length arguments, through the C
 * library's wrappers, with values whose high word matters (past 4 GiB,
 * negative): i386 passes each as two words in order, the ARM EABI starts
 * it at an even register (a pad word before it in pread64, truncate64,
 * ftruncate64, readahead; arm_fadvise64_64 and sync_file_range2 put the
 * 32-bit argument second).  A pair read from the wrong words shows as a
 * wrong size, position or errno.  Built for ARM by tests/run-arm.sh, this
 * program's oracle is its native i386 run.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#define G4 0x100000000LL

static void result(const char *what, long long r)
{
    if (r < 0)
        printf("%-44s -> -1 %s\n", what, strerror(errno));
    else
        printf("%-44s -> %lld\n", what, r);
}

/* posix_fadvise returns the error number itself. */
static void result_errno(const char *what, int e)
{
    printf("%-44s -> %s\n", what, e ? strerror(e) : "0");
}

static long long size_of(int fd)
{
    struct stat64 st;

    return fstat64(fd, &st) == 0 ? (long long)st.st_size : -1;
}

int main(void)
{
    const char *path = "offsets64.tmp";
    char buf[16];
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_LARGEFILE, 0600);

    if (fd < 0) {
        perror("open");
        return 1;
    }
    result("ftruncate64(5 GiB + 3)", ftruncate64(fd, 5 * G4 + 3));
    result("  size", size_of(fd));
    result("ftruncate64(-1)", ftruncate64(fd, -1));
    result("truncate64(4 GiB + 7)", truncate64(path, G4 + 7));
    result("  size", size_of(fd));
    result("pwrite64 at 4 GiB + 16", pwrite64(fd, "high-word", 9, G4 + 16));
    memset(buf, 0, sizeof(buf));
    result("pread64 at 4 GiB + 16", pread64(fd, buf, 9, G4 + 16));
    printf("  read \"%s\"\n", buf);
    result("pread64 at 4 GiB + 12 (zeros)", pread64(fd, buf, 4, G4 + 12));
    printf("  bytes %d %d %d %d\n", buf[0], buf[1], buf[2], buf[3]);
    result("pread64 at -1", pread64(fd, buf, 4, -1));
    result("  size", size_of(fd));

    struct iovec iov = { buf, 4 };
    result("preadv64 at 4 GiB + 18", preadv64(fd, &iov, 1, G4 + 18));
    printf("  read \"%.4s\"\n", buf);
    result("pwritev64 at 8 GiB", pwritev64(fd, &iov, 1, 2 * G4));
    result("  size", size_of(fd));

    int r = fallocate64(fd, 0, 3 * G4, 4096);
    if (r < 0 && errno == EOPNOTSUPP)
        printf("%-44s -> (not supported here)\n", "fallocate64(12 GiB, 4096)");
    else
        result("fallocate64 at 12 GiB, 4096", r < 0 ? r : size_of(fd));
    result("fallocate64 length -1", fallocate64(fd, 0, 0, -1));
    result("fallocate64 at -4096", fallocate64(fd, 0, -4096, 4096));

    result_errno("posix_fadvise(4 GiB, 8 GiB, WILLNEED)",
                 posix_fadvise64(fd, G4, 2 * G4, POSIX_FADV_WILLNEED));
    result_errno("posix_fadvise(0, -1, NORMAL)", posix_fadvise64(fd, 0, -1, POSIX_FADV_NORMAL));
    result_errno("posix_fadvise(4 GiB, 1, advice 99)", posix_fadvise64(fd, G4, 1, 99));

    result("readahead(4 GiB, 4096)", readahead(fd, G4, 4096));
    result("readahead(-4096, 4096)", readahead(fd, -4096, 4096));

    result("sync_file_range(4 GiB, 4096, WRITE)",
           sync_file_range(fd, G4, 4096, SYNC_FILE_RANGE_WRITE));
    result("sync_file_range(-1, 4096, WRITE)",
           sync_file_range(fd, -1, 4096, SYNC_FILE_RANGE_WRITE));
    result("sync_file_range(4 GiB, -4096, 0)", sync_file_range(fd, G4, -4096, 0));
    result("sync_file_range(0, 0, flags 0x80)", sync_file_range(fd, 0, 0, 0x80));

    result("lseek64(0, SEEK_END)", lseek64(fd, 0, SEEK_END));
    close(fd);
    unlink(path);
    return 0;
}
