/*
 * execveat(fd, "", ..., AT_EMPTY_PATH) and execveat(dirfd, name, ...)
 * where the descriptor is close-on-exec (fs/exec.c alloc_bprm: the name
 * /dev/fd/N[/name] will be gone after the exec, BINPRM_FLAGS_PATH_INACCESSIBLE):
 * a script is ENOENT (fs/binfmt_script.c load_script), since its
 * interpreter could not open it, named or not; an ELF file runs.  Without
 * close-on-exec an unlinked script runs through /dev/fd/N.  An ELF file
 * on a close-on-exec descriptor with no name left (an unlinked file, an
 * MFD_CLOEXEC memfd) runs too, the kernel execs the open file, and the
 * program finds no descriptor above stderr open and /proc/self/exe
 * naming the deleted file.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "exec-child.h"

static char *no_env[] = { "A=1", "PATH=/usr/bin:/bin", NULL };

static void run(const char *what, int dirfd, const char *name, int flags)
{
    exec_in_child(what, 34, no_env, dirfd, name, flags);
}

static const char script[] = "#!/bin/sh\necho \"script ran: $1 $2\"\nexit 3\n";

/* The file written, then opened again read-only: the kernel refuses to
 * run a file open for writing (ETXTBSY, fs/exec.c do_open_execat). */
static int make_file(const char *path, const char *text, const char *copy_of, int oflags)
{
    int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0755);
    if (text)
        write(fd, text, strlen(text));
    else
        copy_to(fd, copy_of);
    close(fd);
    return open(path, O_RDONLY | oflags);
}

/* The file name /proc/self/maps gives the mapping at `addr`, without
 * the directory. */
static const char *mapping_name(unsigned long addr)
{
    static char line[1024];
    FILE *f = fopen("/proc/self/maps", "r");
    unsigned long lo, hi;
    const char *name = "?";

    while (f && fgets(line, sizeof(line), f)) {
        if (sscanf(line, "%lx-%lx", &lo, &hi) != 2 || addr < lo || addr >= hi)
            continue;
        line[strcspn(line, "\n")] = 0;
        name = strrchr(line, '/') ? strrchr(line, '/') + 1 : "(none)";
        break;
    }
    if (f)
        fclose(f);
    return name;
}

/* The low descriptors the program started with above stderr (none, when
 * the exec closed its close-on-exec ones: the one execveat got, and any
 * copy of it stitch kept to load the file; the test's runner may pass
 * higher ones, and stitch's own sit at 512 and up), and what
 * /proc/self/exe names, without the directory (the test runs in a
 * scratch one). */
static void print_fds_and_exe(const char *what)
{
    char exe[4096], fds[256] = "";
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;

    while (d && (e = readdir(d)))
        if (atoi(e->d_name) > 2 && atoi(e->d_name) < 10 && atoi(e->d_name) != dirfd(d))
            snprintf(fds + strlen(fds), sizeof(fds) - strlen(fds), " %.8s", e->d_name);
    if (d)
        closedir(d);
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    exe[n > 0 ? n : 0] = 0;
    const char *base = strrchr(exe, '/');
    printf("%-34s fds 3-9:%s; exe %s\n", what, *fds ? fds : " none", base ? base + 1 : exe);
    printf("%-34s code mapped from: %s\n", what, mapping_name((unsigned long)&mapping_name));
}

int main(int argc, char **argv)
{
    char exe[4096];
    int fd;

    if (argc > 2 && !strcmp(argv[1], "child")) {
        printf("%-34s ran: argc %d argv0 %s env %s\n", argv[2], argc, argv[0],
               getenv("A") ? getenv("A") : "-");
        print_fds_and_exe(argv[2]);
        return 7;
    }
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    exe[n > 0 ? n : 0] = 0;

    /* A script: on a close-on-exec descriptor, ENOENT, named or not. */
    fd = make_file("s.sh", script, NULL, O_CLOEXEC);
    run("script, cloexec fd", fd, "", AT_EMPTY_PATH);
    close(fd);
    fd = open("s.sh", O_RDONLY);
    run("script, fd", fd, "", AT_EMPTY_PATH);
    unlink("s.sh");
    run("script, fd, unlinked", fd, "", AT_EMPTY_PATH);
    close(fd);
    mkdir("d", 0755);
    close(make_file("d/s.sh", script, NULL, 0));
    fd = open("d", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    run("script, cloexec dirfd + name", fd, "s.sh", 0);
    run("script, cloexec dirfd + abs name", fd, "/bin/true", 0);
    close(fd);
    fd = open("d", O_RDONLY | O_DIRECTORY);
    run("script, dirfd + name", fd, "s.sh", 0);
    close(fd);
    fd = memfd_create("script", MFD_CLOEXEC);
    write(fd, script, strlen(script));
    run("script, MFD_CLOEXEC memfd", fd, "", AT_EMPTY_PATH);
    close(fd);

    /* An ELF file runs from a close-on-exec descriptor, named or not. */
    fd = make_file("copy", NULL, exe, O_CLOEXEC);
    run("ELF, cloexec fd", fd, "", AT_EMPTY_PATH);
    unlink("copy");
    run("ELF, cloexec fd, unlinked", fd, "", AT_EMPTY_PATH);
    close(fd);
    fd = memfd_create("elf", MFD_CLOEXEC);
    copy_to(fd, exe);
    run("ELF, MFD_CLOEXEC memfd", fd, "", AT_EMPTY_PATH);
    close(fd);
    return 0;
}
