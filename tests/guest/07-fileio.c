/* 07-fileio: stdio and POSIX file system calls inside a scratch directory
 * ($TMPDIR, or argv[1] when given): fopen/fprintf/fputs/fwrite/fread/fseek/
 * ftell/fgets/ungetc, open/read/write/lseek/pread, mkdir/opendir/readdir
 * (names sorted, since readdir order is file-system dependent), stat sizes
 * and modes, rename, unlink, rmdir, access, getcwd of a known subdirectory.
 * Output never contains the directory's own name.
 * Built with 64-bit file offsets: a translator on a 64-bit host gets 64-bit
 * directory hash cookies (d_off) from ext4 and friends, which the non-LFS
 * readdir() of a 32-bit guest rejects with EOVERFLOW (qemu-i386 fails that
 * way); a native 32-bit process gets 32-bit cookies from the kernel. */
#define _FILE_OFFSET_BITS 64   /* readdir64: see the note above */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>
#include <errno.h>
#include <sys/stat.h>

static char base[1024];

static const char *path(const char *name)
{
    static char buf[2][1200];
    static int which;
    which ^= 1;
    snprintf(buf[which], sizeof buf[which], "%s/%s", base, name);
    return buf[which];
}

static int cmp(const void *a, const void *b) { return strcmp(*(char **)a, *(char **)b); }

static void list(const char *dir)
{
    DIR *d = opendir(path(dir));
    if (!d) { printf("opendir %s failed\n", dir); return; }
    char *names[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 64)
        names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof names[0], cmp);
    printf("%s:", dir);
    for (int i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    putchar('\n');
}

int main(int argc, char **argv)
{
    const char *t = argc > 1 ? argv[1] : getenv("TMPDIR");
    if (!t) t = "/tmp";
    snprintf(base, sizeof base, "%s/fileio-test", t);
    if (mkdir(base, 0755) != 0) { printf("mkdir base failed errno=%d\n", errno); return 1; }

    FILE *f = fopen(path("a.txt"), "w");
    for (int i = 0; i < 100; i++)
        fprintf(f, "line %03d %s\n", i, i % 2 ? "odd" : "even");
    fputs("last line without newline", f);
    printf("ftell after write = %ld\n", ftell(f));
    fclose(f);

    struct stat st;
    stat(path("a.txt"), &st);
    printf("size=%lld regular=%d dir=%d\n", (long long)st.st_size, S_ISREG(st.st_mode),
           S_ISDIR(st.st_mode));

    f = fopen(path("a.txt"), "r");
    char line[128];
    int lines = 0;
    while (fgets(line, sizeof line, f)) lines++;
    printf("lines=%d last=[%s] eof=%d\n", lines, line, feof(f));
    fseek(f, 9 * 15, SEEK_SET);
    fgets(line, sizeof line, f);
    printf("at 135: %s", line);
    fseek(f, -10, SEEK_END);
    printf("ftell=%ld ", ftell(f));
    size_t n = fread(line, 1, 100, f);
    line[n] = 0;
    printf("fread %zu [%s]\n", n, line);
    rewind(f);
    int c = fgetc(f);
    ungetc('X', f);
    printf("fgetc=%c after ungetc=%c\n", c, fgetc(f));
    fclose(f);

    /* binary data through raw syscalls */
    int fd = open(path("b.bin"), O_CREAT | O_RDWR | O_TRUNC, 0644);
    unsigned char data[5000];
    for (int i = 0; i < 5000; i++) data[i] = (unsigned char)(i * 13 + 1);
    printf("write=%zd ", write(fd, data, sizeof data));
    printf("lseek=%lld ", (long long)lseek(fd, 1000, SEEK_SET));
    unsigned char back[100];
    printf("read=%zd ", read(fd, back, 100));
    printf("match=%d ", memcmp(back, data + 1000, 100) == 0);
    printf("pread=%zd ", pread(fd, back, 50, 4990));
    printf("match2=%d\n", memcmp(back, data + 4990, 10) == 0);
    ftruncate(fd, 3000);
    fstat(fd, &st);
    printf("after truncate size=%lld\n", (long long)st.st_size);
    close(fd);

    /* append mode */
    f = fopen(path("a.txt"), "a");
    fprintf(f, "\nappended %d\n", 12345);
    fclose(f);
    stat(path("a.txt"), &st);
    printf("after append size=%lld\n", (long long)st.st_size);

    /* directories, rename, unlink */
    mkdir(path("sub"), 0700);
    mkdir(path("sub/deeper"), 0700);
    for (int i = 9; i >= 0; i--) {
        char nm[64];
        snprintf(nm, sizeof nm, "sub/file%d", i);
        f = fopen(path(nm), "w");
        fprintf(f, "%*s", i * 10, "");
        fclose(f);
    }
    list(".");
    list("sub");
    for (int i = 0; i < 10; i += 3) {
        char nm[64];
        snprintf(nm, sizeof nm, "sub/file%d", i);
        stat(path(nm), &st);
        printf("%s size %lld\n", nm, (long long)st.st_size);
    }
    printf("rename=%d\n", rename(path("sub/file1"), path("moved")));
    printf("unlink=%d\n", unlink(path("sub/file2")));
    errno = 0;
    int r = unlink(path("nope"));
    printf("unlink missing=%d errno=%s\n", r, errno == ENOENT ? "ENOENT" : "other");
    printf("access moved=%d access gone=%d\n", access(path("moved"), F_OK),
           access(path("sub/file1"), F_OK));
    errno = 0;
    r = rmdir(path("sub"));
    printf("rmdir nonempty=%d errno=%s\n", r,
           errno == ENOTEMPTY || errno == EEXIST ? "ENOTEMPTY" : "other");
    printf("rmdir deeper=%d\n", rmdir(path("sub/deeper")));
    list(".");
    list("sub");

    /* chdir + getcwd: print only the tail */
    chdir(path("sub"));
    char cwd[1200];
    if (getcwd(cwd, sizeof cwd)) {
        char *tail = strstr(cwd, "fileio-test");
        printf("cwd tail=%s\n", tail ? tail : "?");
    }
    f = fopen("relative.txt", "w");
    fputs("rel", f);
    fclose(f);
    list("sub");
    errno = 0;
    f = fopen(path("does/not/exist"), "r");
    printf("fopen missing=%s errno=%s\n", f ? "ok" : "NULL", errno == ENOENT ? "ENOENT" : "other");
    return 0;
}
