/*
 * The name a program started by execve/execveat finds in its auxiliary
 * vector (AT_EXECFN) and, for a script, in its interpreter's argv: the
 * kernel's bprm->filename (fs/exec.c alloc_bprm).  A name relative to a
 * descriptor becomes "/dev/fd/N" (AT_EMPTY_PATH) or "/dev/fd/N/name",
 * whether or not the descriptor survives the exec; an absolute name, or
 * one relative to AT_FDCWD, is passed as given, "/proc/self/exe"
 * included.  A script's AT_EXECFN is the script's name, not its
 * interpreter's (fs/binfmt_script.c load_script leaves bprm->exec).
 * The process's name (comm) is that name's last part, but for
 * AT_EMPTY_PATH the file's own (fs/exec.c begin_new_exec,
 * comm_from_dentry, Linux 6.14 on).
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "exec-child.h"

static char *no_env[] = { "PATH=/usr/bin:/bin", NULL };

static void run(const char *what, int dirfd, const char *name, int flags)
{
    exec_in_child(what, 30, no_env, dirfd, name, flags);
}

static void copy_file(const char *to, const char *from)
{
    int dst = open(to, O_CREAT | O_TRUNC | O_WRONLY, 0755);

    copy_to(dst, from);
    close(dst);
}

static void write_file(const char *path, const char *text)
{
    int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0755);

    write(fd, text, strlen(text));
    close(fd);
}

int main(int argc, char **argv)
{
    char exe[4096];
    int fd;

    if (argc > 2 && !strcmp(argv[1], "child")) {
        const char *fn = (const char *)getauxval(AT_EXECFN);
        char comm[64] = "";
        int c = open("/proc/self/comm", O_RDONLY);
        ssize_t k = c < 0 ? -1 : read(c, comm, sizeof(comm) - 1);
        comm[k > 0 ? k - 1 : 0] = 0;
        printf("%-30s AT_EXECFN %s, comm %s\n", argv[2], fn ? fn : "(none)", comm);
        return 0;
    }
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    exe[n > 0 ? n : 0] = 0;
    copy_file("copy", exe);
    mkdir("d", 0755);
    copy_file("d/copy", exe);
    /* A script whose interpreter is this program: argv gets "child" and
     * then the script's name, as the kernel passes it on. */
    write_file("s.sh", "#!./copy child\n");
    write_file("d/s.sh", "#!./copy child\n");

    fd = open("copy", O_RDONLY);
    run("fd", fd, "", AT_EMPTY_PATH);
    close(fd);
    fd = open("copy", O_RDONLY | O_CLOEXEC);
    run("cloexec fd", fd, "", AT_EMPTY_PATH);
    close(fd);
    fd = open("d", O_RDONLY | O_DIRECTORY);
    run("dirfd + name", fd, "copy", 0);
    close(fd);
    fd = open("d", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    run("cloexec dirfd + name", fd, "copy", 0);
    close(fd);
    run("AT_FDCWD + relative", AT_FDCWD, "copy", 0);
    run("AT_FDCWD + ./relative", AT_FDCWD, "./d/../copy", 0);
    run("/proc/self/exe", AT_FDCWD, "/proc/self/exe", 0);
    fd = memfd_create("elf", MFD_CLOEXEC);
    copy_to(fd, exe);
    run("MFD_CLOEXEC memfd", fd, "", AT_EMPTY_PATH);
    close(fd);

    /* Scripts: the interpreter's argv[2] is the name the kernel built. */
    fd = open("s.sh", O_RDONLY);
    run("script fd", fd, "", AT_EMPTY_PATH);
    close(fd);
    run("script relative", AT_FDCWD, "s.sh", 0);
    fd = open(".", O_RDONLY | O_DIRECTORY);
    run("script dirfd + name", fd, "s.sh", 0);
    close(fd);
    return 0;
}
