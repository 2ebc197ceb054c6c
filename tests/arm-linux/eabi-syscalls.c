/* cflags: -D_FILE_OFFSET_BITS=64 */
/*
 * eabi-syscalls: the system calls whose ARM EABI form differs from
 * i386's, through glibc as a program uses them:
 *   64-bit arguments in even/odd register pairs (pread64, pwrite64,
 *     ftruncate64, truncate64) at offsets above 4 GiB, in a sparse file;
 *   the ARM values of O_DIRECTORY, O_NOFOLLOW and O_LARGEFILE (open,
 *     fcntl F_GETFL / F_SETFL) (arch/arm/include/uapi/asm/fcntl.h);
 *   struct stat64 with its 8-byte aligned st_size / st_blocks;
 *   struct epoll_event, 16 bytes with the data at offset 8;
 *   struct statfs64, 88 bytes in the libc and 84 in the kernel, which
 *     takes a size of 88 for 84 (arch/arm/kernel/entry-common.S
 *     sys_statfs64_wrapper, sys_fstatfs64_wrapper) and refuses others.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

#define GiB (1ll << 30)

int main(void)
{
    char buf[8];
    struct stat st;

    int fd = open("sparse", O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK("open", fd >= 0, 1);
    const off_t far = 5 * GiB + 0x12345;
    CHECK("pwrite at 5 GiB + 0x12345", pwrite(fd, "hello", 5, far), 5);
    memset(buf, 'x', sizeof(buf));
    CHECK("pread it back", pread(fd, buf, 5, far), 5);
    CHECK("... the bytes", memcmp(buf, "hello", 5), 0);
    memset(buf, 'x', sizeof(buf));
    CHECK("pread in the hole at 4 GiB + 1", pread(fd, buf, 4, 4 * GiB + 1), 4);
    CHECK("... zeros", memcmp(buf, "\0\0\0\0", 4), 0);
    CHECK("pread at 0x1_0000_0000 - 2 (straddles 4 GiB)", pread(fd, buf, 4, 4 * GiB - 2), 4);
    CHECK("fstat", fstat(fd, &st), 0);
    CHECK("st_size", st.st_size, far + 5);
    CHECK("st_mode", S_ISREG(st.st_mode), 1);
    CHECK("st_blocks: sparse", st.st_blocks < 1024, 1);
    CHECK("lseek to the end", lseek(fd, 0, SEEK_END), far + 5);
    CHECK("ftruncate to 6 GiB + 7", ftruncate(fd, 6 * GiB + 7), 0);
    fstat(fd, &st);
    CHECK("... st_size", st.st_size, 6 * GiB + 7);
    CHECK("truncate to 4 GiB + 3", truncate("sparse", 4 * GiB + 3), 0);
    CHECK("stat", stat("sparse", &st), 0);
    CHECK("... st_size", st.st_size, 4 * GiB + 3);
    struct stat st2;
    fstat(fd, &st2);
    CHECK("stat and fstat agree on st_ino", st.st_ino == st2.st_ino, 1);
    CHECK("... and st_dev", st.st_dev == st2.st_dev, 1);

    int fl = fcntl(fd, F_GETFL);
    CHECK("F_GETFL: O_RDWR", fl & O_ACCMODE, O_RDWR);
    CHECK("F_GETFL: O_LARGEFILE (ARM 0400000)", (fl & 0400000) != 0, 1);
    CHECK("F_GETFL: no other flag", fl & ~(O_ACCMODE | 0400000), 0);
    CHECK("F_SETFL O_APPEND | O_NONBLOCK", fcntl(fd, F_SETFL, fl | O_APPEND | O_NONBLOCK), 0);
    CHECK("F_GETFL again", fcntl(fd, F_GETFL), fl | O_APPEND | O_NONBLOCK);
    close(fd);
    unlink("sparse");

    CHECK("O_DIRECTORY is ARM's", O_DIRECTORY, 040000);
    CHECK("O_NOFOLLOW is ARM's", O_NOFOLLOW, 0100000);
    mkdir("dir", 0755);
    close(open("file", O_WRONLY | O_CREAT, 0644));
    symlink("file", "link");
    fd = open("dir", O_RDONLY | O_DIRECTORY);
    CHECK("O_DIRECTORY on a directory", fd >= 0, 1);
    CHECK("... F_GETFL shows it", (fcntl(fd, F_GETFL) & O_DIRECTORY) != 0, 1);
    close(fd);
    errno = 0;
    CHECK("O_DIRECTORY on a file", open("file", O_RDONLY | O_DIRECTORY), -1);
    CHECK("... ENOTDIR", errno, ENOTDIR);
    errno = 0;
    CHECK("O_NOFOLLOW on a symlink", open("link", O_RDONLY | O_NOFOLLOW), -1);
    CHECK("... ELOOP", errno, ELOOP);
    fd = open("link", O_RDONLY);
    CHECK("the symlink followed", fd >= 0, 1);
    close(fd);
    unlink("link");
    unlink("file");
    rmdir("dir");

    int p[2];
    pipe(p);
    int ep = epoll_create1(0);
    struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x1122334455667788ull };
    CHECK("sizeof(struct epoll_event)", sizeof(ev), 16);
    CHECK("epoll_ctl ADD", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), 0);
    write(p[1], "!", 1);
    struct epoll_event out[4];
    memset(out, 0x5a, sizeof(out));
    CHECK("epoll_wait: one event", epoll_wait(ep, out, 4, 1000), 1);
    CHECK("... events", out[0].events, EPOLLIN);
    CHECK("... data", out[0].data.u64, 0x1122334455667788ull);
    CHECK("... the next one untouched", out[1].events, 0x5a5a5a5a);

    struct statfs sf;
    char raw[96];
    CHECK("sizeof(struct statfs64) in the libc", sizeof(struct statfs64), 88);
    CHECK("statfs /proc", statfs("/proc", &sf), 0);
    CHECK("... proc's f_type", sf.f_type, 0x9fa0);
    fd = open("/proc", O_RDONLY | O_DIRECTORY);
    CHECK("fstatfs", fstatfs(fd, &sf), 0);
    CHECK("... proc's f_type", sf.f_type, 0x9fa0);
    CHECK("fstatfs64 with the kernel's size, 84", syscall(SYS_fstatfs64, fd, 84, raw), 0);
    errno = 0;
    CHECK("statfs64 with 80", syscall(SYS_statfs64, "/proc", 80, raw), -1);
    CHECK("... EINVAL", errno, EINVAL);
    close(fd);
    return check_done();
}
