/*
 * A 32-bit task's open files without O_LARGEFILE, made raw so that the C
 * library adds nothing: open and openat of a regular file over 2 GiB - 1
 * are EOVERFLOW (fs/open.c generic_file_open; the compat entries skip
 * force_o_largefile()) even with O_TRUNC, which then cuts nothing (and
 * open_by_handle_at's leaves it out as well); O_PATH,
 * creat and openat2 are not refused (creat and openat2 add the flag); the
 * flag, shown by F_GETFL and not changed by F_SETFL, then limits writes
 * to 2 GiB - 1 (EFBIG, a write across it cut short: mm/filemap.c
 * generic_write_check_limits) and ftruncate and ftruncate64 alike
 * (EINVAL: a 64-bit kernel's compat ftruncate64 passes small = 1 to
 * do_sys_ftruncate).  lseek's result past 2 GiB comes back cut to 32 bits
 * (fs/read_write.c: a 64-bit kernel's off_t never overflows), and the old
 * fstat of a big file is EOVERFLOW (fs/stat.c cp_compat_stat).
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_openat2
#define SYS_openat2 437
#endif

#define BIG 0x80000005LL   /* 2 GiB + 5: one past what off_t holds, and more */
#define TWO_G 0x80000000LL

static long raw(long nr, long a, long b, long c, long d)
{
    long r = syscall(nr, a, b, c, d);
    return r == -1 ? -errno : r;
}

/* A C library wrapper's -1 as -errno. */
static long lib(long r)
{
    return r < 0 ? -errno : r;
}

static const char *err(long r)
{
    static char buf[32];
    switch (r) {
    case -EOVERFLOW: return "EOVERFLOW";
    case -EFBIG: return "EFBIG";
    case -EINVAL: return "EINVAL";
    case -ENOENT: return "ENOENT";
    }
    if (r >= 0)
        return "ok";
    snprintf(buf, sizeof(buf), "errno %ld", -r);
    return buf;
}

/* What F_GETFL says, the access mode and the flags this test sets. */
static void show_flags(const char *what, long fd)
{
    long fl = raw(SYS_fcntl64, fd, F_GETFL, 0, 0);

    if (fl < 0) {
        printf("%-28s F_GETFL %s\n", what, err(fl));
        return;
    }
    printf("%-28s F_GETFL %s%s%s%s\n", what,
           (fl & O_ACCMODE) == O_RDONLY ? "rdonly" : (fl & O_ACCMODE) == O_WRONLY ? "wronly" : "rdwr",
           fl & O_APPEND ? " append" : "", fl & O_LARGEFILE ? " largefile" : "",
           fl & O_PATH ? " path" : "");
}

static long long size_of(const char *path)
{
    struct stat64 st;
    return stat64(path, &st) == 0 ? (long long)st.st_size : -1;
}

static void opens_of_big(void)
{
    uint64_t how[3] = { O_RDONLY, 0, 0 };
    long fd;

    printf("open big                     %s\n", err(fd = raw(SYS_open, (long)"big", O_RDONLY, 0, 0)));
    printf("openat big                   %s\n", err(raw(SYS_openat, AT_FDCWD, (long)"big", O_RDWR, 0)));
    printf("open big O_TRUNC             %s\n", err(raw(SYS_open, (long)"big", O_RDWR | O_TRUNC, 0, 0)));
    printf("  size after                 %llx\n", size_of("big"));
    printf("open big O_CREAT|O_EXCL      %s\n",
           err(raw(SYS_open, (long)"big", O_RDWR | O_CREAT | O_EXCL, 0644, 0)));
    printf("open missing                 %s\n", err(raw(SYS_open, (long)"missing", O_RDONLY, 0, 0)));
    fd = raw(SYS_open, (long)"big", O_PATH, 0, 0);
    printf("open big O_PATH              %s\n", err(fd));
    show_flags("  O_PATH", fd);
    close(fd);
    fd = raw(SYS_openat2, AT_FDCWD, (long)"big", (long)how, sizeof(how));
    printf("openat2 big                  %s\n", err(fd));
    show_flags("  openat2", fd);
    close(fd);
    fd = raw(SYS_open, (long)"big", O_RDONLY | O_LARGEFILE, 0, 0);
    printf("open big O_LARGEFILE         %s\n", err(fd));
    show_flags("  O_LARGEFILE", fd);
    struct stat st32;
    printf("old fstat of big             %s\n", err(raw(SYS_fstat, fd, (long)&st32, 0, 0)));
    close(fd);
}

/* A small file opened without the flag: the 2 GiB - 1 limits. */
static void limits(void)
{
    long fd = raw(SYS_creat, (long)"small", 0644, 0, 0);

    show_flags("creat", fd);
    close(fd);
    /* open_by_handle_at's compat entry leaves the flag out too (as root:
     * CAP_DAC_READ_SEARCH; otherwise EPERM on both sides). */
    struct { struct file_handle h; unsigned char bytes[128]; } fh = { .h.handle_bytes = 128 };
    int mount_id;
    if (name_to_handle_at(AT_FDCWD, "small", &fh.h, &mount_id, 0) == 0) {
        fd = raw(SYS_open_by_handle_at, AT_FDCWD, (long)&fh.h, O_RDONLY, 0);
        show_flags("open_by_handle_at", fd);
        close(fd);
    }
    fd = raw(SYS_open, (long)"small", O_RDWR, 0, 0);
    show_flags("open small", fd);
    printf("F_SETFL append|largefile     %s\n",
           err(raw(SYS_fcntl64, fd, F_SETFL, O_APPEND | O_LARGEFILE, 0)));
    show_flags("  after", fd);
    raw(SYS_fcntl64, fd, F_SETFL, 0, 0);
    printf("ftruncate 2G-1               %s\n", err(raw(SYS_ftruncate, fd, 0x7fffffff, 0, 0)));
    printf("ftruncate64 2G               %s\n", err(lib(ftruncate64((int)fd, TWO_G))));
    printf("ftruncate64 2G+5             %s\n", err(lib(ftruncate64((int)fd, BIG))));
    printf("  size                       %llx\n", size_of("small"));
    printf("pwrite64 3 at 2G-3           %ld\n", (long)pwrite64((int)fd, "abc", 3, TWO_G - 3));
    printf("pwrite64 3 at 2G-1           %s\n", err(lib(pwrite64((int)fd, "abc", 3, TWO_G - 1))));
    printf("pwrite64 at 2G+5             %s\n", err(lib(pwrite64((int)fd, "abc", 3, BIG))));
    printf("lseek 2G-2                   %lx\n", (unsigned long)raw(SYS_lseek, fd, 0x7ffffffe, SEEK_SET, 0));
    printf("write 3 at 2G-2              %ld\n", raw(SYS_write, fd, (long)"xyz", 3, 0));
    printf("write at 2G-1                %s\n", err(raw(SYS_write, fd, (long)"xyz", 3, 0)));
    printf("  size                       %llx\n", size_of("small"));
    close(fd);
}

/* lseek past 2 GiB, on a descriptor with the flag. */
static void seeks(void)
{
    long fd = raw(SYS_open, (long)"big", O_RDONLY | O_LARGEFILE, 0, 0);
    long long pos = 0;

    printf("lseek 2G-1                   %lx\n", (unsigned long)raw(SYS_lseek, fd, 0x7fffffff, SEEK_SET, 0));
    printf("lseek +1                     %lx\n", (unsigned long)raw(SYS_lseek, fd, 1, SEEK_CUR, 0));
    printf("lseek end                    %lx\n", (unsigned long)raw(SYS_lseek, fd, 0, SEEK_END, 0));
    printf("lseek end-8                  %lx\n", (unsigned long)raw(SYS_lseek, fd, -8, SEEK_END, 0));
    printf("_llseek cur                  %s ", err(lib(syscall(SYS__llseek, fd, 0, 0, &pos, SEEK_CUR))));
    printf("%llx\n", pos);
    printf("ftruncate64 4G+5             %s\n", err(lib(ftruncate64((int)fd, 0x100000005LL))));
    close(fd);
    fd = raw(SYS_open, (long)"big", O_RDWR | O_LARGEFILE, 0, 0);
    printf("ftruncate64 4G+5 (rdwr)      %s\n", err(lib(ftruncate64((int)fd, 0x100000005LL))));
    printf("lseek end                    %lx\n", (unsigned long)raw(SYS_lseek, fd, 0, SEEK_END, 0));
    printf("lseek end-6                  %lx\n", (unsigned long)raw(SYS_lseek, fd, -6, SEEK_END, 0));
    printf("lseek end-8 (reads as errno) %s\n", err(raw(SYS_lseek, fd, -8, SEEK_END, 0)));
    close(fd);
}

int main(void)
{
    int fd = open("big", O_RDWR | O_CREAT | O_TRUNC | O_LARGEFILE, 0644);

    if (fd < 0 || ftruncate64(fd, BIG) < 0) {
        perror("big");
        return 1;
    }
    show_flags("open64 big", fd);
    close(fd);
    opens_of_big();
    limits();
    seeks();
    unlink("big");
    unlink("small");
    return 0;
}
