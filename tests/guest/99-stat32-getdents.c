/*
 * The 32-bit struct stat calls (stat, lstat, fstat: 32-bit sizes and
 * inode numbers, 16-bit ids and link count) and getdents (struct
 * linux_dirent with 32-bit d_ino and d_off), which the i386 table and
 * ARM's EABI table both have, made raw.  What depends on the run
 * directory (inode numbers) is printed as whether the kernel's rule held:
 * the value, or -EOVERFLOW when it does not fit (fs/stat.c
 * cp_compat_stat, cp_new_stat; fs/readdir.c filldir).
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <unistd.h>

struct kstat32 {
    uint32_t dev, ino;
    uint16_t mode, nlink, uid, gid;
    uint32_t rdev, size, blksize, blocks;
    uint32_t atime, atime_ns, mtime, mtime_ns, ctime, ctime_ns, u4, u5;
};

static long raw(long nr, long a, long b, long c)
{
    long r = syscall(nr, a, b, c);
    return r < 0 ? -errno : r;
}

static uint32_t enc_new(dev_t d)
{
    return (minor(d) & 0xff) | (major(d) << 8) | ((minor(d) & ~0xffu) << 12);
}

static uint16_t low_id(unsigned id)
{
    return id > 0xffff ? 65534 : (uint16_t)id;
}

/* stat (106/107/108) against stat64 of the same file. */
static void check_stat(const char *what, long r, const struct kstat32 *k, const struct stat64 *s)
{
    long want = s->st_ino > 0xffffffffull || s->st_size > 0x7fffffff ? -EOVERFLOW : 0;

    printf("%-22s r %ld (rule %s)", what, r, r == want ? "held" : "BROKEN");
    if (r == 0)
        printf(" mode %o nlink %u uid %s size %u dev %s rdev %s ino %s blocks %s mtime %s",
               k->mode, k->nlink, k->uid == low_id(s->st_uid) ? "ok" : "BAD", k->size,
               k->dev == enc_new(s->st_dev) ? "ok" : "BAD",
               k->rdev == enc_new(s->st_rdev) ? "ok" : "BAD",
               k->ino == (uint32_t)s->st_ino ? "ok" : "BAD",
               k->blocks == (uint32_t)s->st_blocks ? "ok" : "BAD",
               k->mtime == (uint32_t)s->st_mtime && k->mtime_ns == (uint32_t)s->st_mtim.tv_nsec
                   ? "ok" : "BAD");
    putchar('\n');
}

static void stats(void)
{
    static const char *paths[] = { ".", "/dev/null", "a.txt", "link", "big", NULL };
    struct kstat32 k;
    struct stat64 s;

    for (int i = 0; paths[i]; i++) {
        char what[64];
        lstat64(paths[i], &s);
        snprintf(what, sizeof(what), "lstat %s", paths[i]);
        check_stat(what, raw(SYS_lstat, (long)paths[i], (long)&k, 0), &k, &s);
        stat64(paths[i], &s);
        snprintf(what, sizeof(what), "stat %s", paths[i]);
        check_stat(what, raw(SYS_stat, (long)paths[i], (long)&k, 0), &k, &s);
        int fd = open(paths[i], O_RDONLY | O_LARGEFILE);
        fstat64(fd, &s);
        snprintf(what, sizeof(what), "fstat %s", paths[i]);
        check_stat(what, raw(SYS_fstat, fd, (long)&k, 0), &k, &s);
        close(fd);
    }
    memset(&k, 0x5a, sizeof(k));
    printf("stat missing          %ld\n", raw(SYS_stat, (long)"missing", (long)&k, 0));
    printf("stat bad buffer       %ld\n", raw(SYS_stat, (long)"/", 16, 0));
    printf("stat bad path         %ld\n", raw(SYS_stat, 16, (long)&k, 0));
    printf("fstat bad fd          %ld\n", raw(SYS_fstat, 999, (long)&k, 0));
    printf("untouched on error    %d\n", k.dev == 0x5a5a5a5a);
}

#define NFILES 40

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void print_names(const char *what, char **names, int n)
{
    qsort(names, n, sizeof(*names), cmp);
    printf("%s: %d entries:", what, n);
    for (int i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    putchar('\n');
}

/* getdents with a small buffer: the records per call, every name once,
 * and a d_off that lseek takes back to the next record. */
static void getdents(void)
{
    char buf[4096], *names[NFILES + 8];
    int n = 0, calls = 0, bad = 0;
    uint32_t third_off = 0;
    char fourth[256] = "";
    long r;

    int fd = open("d", O_RDONLY | O_DIRECTORY);
    printf("getdents count 8      %ld\n", raw(SYS_getdents, fd, (long)buf, 8));
    printf("getdents NULL         %ld\n", raw(SYS_getdents, fd, 0, 4096));
    while ((r = raw(SYS_getdents, fd, (long)buf, 100)) > 0) {
        printf(" call %d: %ld bytes\n", calls++, r);
        for (long p = 0; p < r;) {
            uint32_t ino, off;
            uint16_t reclen;
            memcpy(&ino, buf + p, 4);
            memcpy(&off, buf + p + 4, 4);
            memcpy(&reclen, buf + p + 8, 2);
            const char *name = buf + p + 10;
            unsigned char type = buf[p + reclen - 1];
            struct stat s;
            char path[300];
            snprintf(path, sizeof(path), "d/%s", name);
            lstat(path, &s);
            bad += ino != (uint32_t)s.st_ino || reclen != ((10 + strlen(name) + 2 + 3) & ~3u) ||
                   type != (S_ISDIR(s.st_mode) ? DT_DIR : S_ISLNK(s.st_mode) ? DT_LNK : DT_REG);
            if (n == 2)
                third_off = off;
            if (n == 3)
                snprintf(fourth, sizeof(fourth), "%s", name);
            names[n++] = strdup(name);
            p += reclen;
        }
    }
    printf("getdents end          %ld, fields bad %d\n", r, bad);
    print_names("getdents", names, n);
    lseek(fd, third_off, SEEK_SET);
    r = raw(SYS_getdents, fd, (long)buf, sizeof(buf));
    printf("seek to d_off         %s\n", r > 0 && !strcmp(buf + 10, fourth) ? "next record" : "WRONG");
    lseek(fd, 0, SEEK_SET);
    r = raw(SYS_getdents, fd, (long)buf, sizeof(buf));
    long r2 = raw(SYS_getdents64, fd, (long)buf, sizeof(buf));
    printf("one big call          %s, then %ld\n", r > 0 ? "records" : "none", r2);
    close(fd);
    printf("getdents on a file    %ld\n", raw(SYS_getdents, 0, (long)buf, sizeof(buf)));
    printf("getdents bad fd       %ld\n", raw(SYS_getdents, 999, (long)buf, sizeof(buf)));
}

int main(void)
{
    int fd = open("a.txt", O_CREAT | O_WRONLY, 0644);
    write(fd, "0123456789", 10);
    close(fd);
    symlink("a.txt", "link");
    fd = open("big", O_CREAT | O_WRONLY | O_LARGEFILE, 0644);
    ftruncate64(fd, 3ll << 30);
    close(fd);
    mkdir("d", 0755);
    for (int i = 0; i < NFILES; i++) {
        char p[64];
        snprintf(p, sizeof(p), "d/%.*s%d", i % 17 + 1, "abcdefghijklmnopqrstuvwxyz", i);
        close(open(p, O_CREAT | O_WRONLY, 0644));
    }
    mkdir("d/sub", 0755);
    symlink("x", "d/sl");
    stats();
    getdents();
    return 0;
}
