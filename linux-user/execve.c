/*
 * execve: the guest replaces itself with another program.  What runs next
 * depends on the file, as in the kernel's search_binary_handler():
 *
 *   a guest ELF      -> stitch again (/proc/self/exe), with the options this
 *                       stitch was started with, -0 for the guest's argv[0]
 *   "#!interp [arg]" -> interp [arg] script args..., interp looked up again
 *                       (under -L first), so a guest interpreter runs under
 *                       stitch and a host one natively
 *   anything else    -> the host's execve (an x86_64 program runs natively)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "log.h"
#include "syscall.h"
#include "target-elf.h"
#include "write-log.h"

/* The kernel gives up after this many nested interpreters (ELOOP). */
#define MAX_INTERP_DEPTH 4

/* A NULL-terminated guest vector of string pointers, as host pointers
 * into guest memory; NULL if any pointer or string is unreadable. */
static char **guest_strv(uint32_t addr)
{
    size_t n = 0, cap = 16;
    char **v = malloc(cap * sizeof(*v));

    for (;; n++) {
        const uint32_t *p = GUEST_R(addr + 4 * n, 4);
        if (!p || !v)
            goto bad;
        if (n + 2 > cap && !(v = realloc(v, (cap *= 2) * sizeof(*v))))
            goto bad;
        if (!*p)
            break;
        if (!(v[n] = (char *)guest_string(*p)))
            goto bad;
    }
    v[n] = NULL;
    return v;
bad:
    free(v);
    return NULL;
}

static size_t strv_len(char *const *v)
{
    size_t n = 0;

    while (v[n])
        n++;
    return n;
}

/* A 32-bit ELF file of the guest's byte order and machine (e_machine, at
 * offset 18, in that byte order). */
static int is_guest_elf(const unsigned char *h, ssize_t n)
{
    if (n < 20 || memcmp(h, ELFMAG, SELFMAG) || h[EI_CLASS] != ELFCLASS32 ||
        h[EI_DATA] != GUEST_ELF_DATA)
        return 0;
    unsigned machine = GUEST_ELF_DATA == ELFDATA2LSB ? h[18] | h[19] << 8 : h[18] << 8 | h[19];
    return machine == GUEST_ELF_MACHINE;
}

/*
 * A file to run: the host path stitch opens it by, and the names the
 * kernel gives it (fs/exec.c alloc_bprm, do_execveat_common).  name is
 * bprm->filename, "/dev/fd/N[/name]" for a name relative to a descriptor,
 * which a script's interpreter gets as its argument; execfn is bprm->exec,
 * the program's AT_EXECFN, which stays the script's name through its
 * interpreters (fs/binfmt_script.c load_script leaves it).
 * name_gone: see exec_file; keep_fd: see exec_under_stitch.
 */
typedef struct {
    const char *path, *name, *execfn;
    int name_gone, keep_fd;
} ExecFile;

/* The -D file, passed on open as /proc/self/fd/N: N as it is now, since
 * the guest may have taken its number (util/log.c log_fd_vacate). */
static void refresh_log_opt(void)
{
    static char logfd[32];

    if (!task.exec_log_opt)
        return;
    snprintf(logfd, sizeof(logfd), "/proc/self/fd/%d", log_stream_fd(stitch_logfile));
    *task.exec_log_opt = logfd;
}

static void flush_for_exec(void)
{
    strace_unfinished();
    fflush(NULL);
    write_log_seal(); /* a vfork child's parent wakes at the exec */
}

/* stitch [saved options] --persona P --fd-table N [--exec-fd K] [--execfn name]
 * -0 argv0 path args...
 * keep_fd: the descriptor `path` (/proc/self/fd/K) reaches the file
 * through; it survives this exec only, and the next stitch closes it
 * once the program is loaded. */
static abi_long exec_under_stitch(const ExecFile *f, char *const argv[], char *const envp[])
{
    const char *path = f->path;
    int keep_fd = f->keep_fd;
    size_t argc = strv_len(argv);
    char **v = calloc(task.exec_nopts + argc + 15, sizeof(*v));
    char keep[16], persona[16], table[16];
    size_t i = 0;

    if (!v)
        return -ENOMEM;
    refresh_log_opt();
    v[i++] = STITCH_NAME;
    for (int k = 0; k < task.exec_nopts; k++)
        v[i++] = task.exec_opts[k];
    if (task.ld_prefix && *task.ld_prefix) {
        v[i++] = "-L";
        v[i++] = (char *)task.ld_prefix;
    }
    snprintf(persona, sizeof(persona), "%#x", persona_get());
    v[i++] = "--persona";
    v[i++] = persona;
    snprintf(table, sizeof(table), "%d", fd_table_size());
    v[i++] = "--fd-table";
    v[i++] = table;
    if (keep_fd >= 0) {
        snprintf(keep, sizeof(keep), "%d", keep_fd);
        v[i++] = "--exec-fd";
        v[i++] = keep;
        fcntl(keep_fd, F_SETFD, 0);
    }
    if (strcmp(f->execfn, path)) {
        v[i++] = "--execfn";
        v[i++] = (char *)f->execfn;
    }
    v[i++] = "-0";
    v[i++] = argc ? argv[0] : (char *)path;
    v[i++] = "--";
    v[i++] = (char *)path;
    for (size_t k = 1; k < argc; k++)
        v[i++] = argv[k];
    v[i] = NULL;
    flush_for_exec();
    signal_prepare_exec();
    execve("/proc/self/exe", v, envp);
    int e = errno;
    if (keep_fd >= 0)
        fcntl(keep_fd, F_SETFD, FD_CLOEXEC);
    signal_after_failed_exec();
    free(v);
    return -e;
}

/*
 * "#!interp optional-arg": the interpreter gets the script's path in place
 * of argv[0] (fs/binfmt_script.c).  Everything after the interpreter's name
 * up to the end of the line, trimmed, is one argument.
 */
static abi_long exec_file(const ExecFile *f, char *const argv[], char *const envp[], int depth);

/*
 * The kernel refuses to run a file that is open for writing (ETXTBSY,
 * fs/exec.c do_open_execat: exe_file_deny_write_access); stitch runs the
 * guest's file by reading it, and only the kernel sees its writers.  It
 * asks the kernel: an execve of the file with an unreadable argv opens
 * the file first (alloc_bprm, since Linux 6.8) and then fails on argv
 * (count: EFAULT), before anything of this process changes.  A kernel
 * that reads argv first says EFAULT and nothing is learnt.
 */
static int exec_text_busy(const char *path)
{
    return syscall(SYS_execve, path, (char *const *)1, (char *const *)0) < 0 && errno == ETXTBSY;
}

static abi_long exec_script(char *line, const ExecFile *f, char *const argv[],
                            char *const envp[], int depth)
{
    char *end = strchr(line, '\n');
    if (!end)
        return -ENOEXEC;
    *end = 0;
    char *interp = line + 2;
    interp += strspn(interp, " \t");
    char *arg = interp + strcspn(interp, " \t");
    if (*arg) {
        *arg++ = 0;
        arg += strspn(arg, " \t");
        for (char *t = arg + strlen(arg); t > arg && (t[-1] == ' ' || t[-1] == '\t');)
            *--t = 0;
    }
    if (!*interp)
        return -ENOEXEC;
    size_t argc = strv_len(argv);
    char **v = calloc(argc + 3, sizeof(*v));
    size_t i = 0;
    if (!v)
        return -ENOMEM;
    v[i++] = interp;
    if (*arg)
        v[i++] = arg;
    v[i++] = (char *)f->name;
    for (size_t k = 1; k < argc; k++)
        v[i++] = argv[k];
    char buf[PATH_MAX];
    ExecFile in = {path_redirect(interp, buf, sizeof(buf)), interp, f->execfn, 0, -1};
    abi_long r = exec_file(&in, v, envp, depth + 1);
    free(v);
    return r;
}

/*
 * name_gone: execveat reached the file through a close-on-exec descriptor,
 * so the name the kernel passes on (/dev/fd/N[/name]) is gone after the
 * exec (fs/exec.c alloc_bprm, BINPRM_FLAGS_PATH_INACCESSIBLE), and a
 * script, whose interpreter would open it by that name, is ENOENT
 * (fs/binfmt_script.c load_script).  keep_fd: see exec_under_stitch (a
 * host program reaches the file through its name, /proc/self/fd/K, which
 * the kernel opens before it closes K, close-on-exec).
 */
static abi_long exec_file(const ExecFile *f, char *const argv[], char *const envp[], int depth)
{
    const char *path = f->path;
    char head[256];

    if (depth > MAX_INTERP_DEPTH)
        return -ELOOP;
    if (access(path, X_OK) < 0)
        return -errno;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0)
        return -errno;
    /* Only regular files execute (fs/exec.c do_open_execat: EACCES). */
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return -EACCES;
    }
    ssize_t n = read(fd, head, sizeof(head) - 1);
    close(fd);
    if (n < 0)
        return -errno;
    head[n] = 0;
    if ((is_guest_elf((const unsigned char *)head, n) || (n >= 2 && head[0] == '#' && head[1] == '!')) &&
        exec_text_busy(path))
        return -ETXTBSY;
    if (is_guest_elf((const unsigned char *)head, n))
        return exec_under_stitch(f, argv, envp);
    if (n >= 2 && head[0] == '#' && head[1] == '!')
        return f->name_gone ? -ENOENT : exec_script(head, f, argv, envp, depth);
    /* A host program gets the persona from the kernel, as natively
     * (READ_IMPLIES_EXEC too: only a 64-bit exec drops it). */
    int own = personality(0xffffffff);
    flush_for_exec();
    signal_prepare_exec();
    personality(persona_get());
    /* The kernel's name for it, while the descriptor is still open: the
     * host program sees the AT_EXECFN it would natively. */
    execve(strncmp(f->name, "/dev/fd/", 8) ? path : f->name, argv, envp);
    int e = errno;
    personality((unsigned long)own);
    signal_after_failed_exec();
    return -e;
}

/* Both calls' common part: the guest's vectors, then the file. */
static abi_long execve_path(ExecFile *f, uint32_t argv_addr, uint32_t envp_addr)
{
    char **argv = guest_strv(argv_addr);
    char **envp = guest_strv(envp_addr);
    abi_long r = -EFAULT;

    if (task.exe_path[0] && path_is_proc_self_exe(f->path))
        f->path = task.exe_path;
    if (argv && envp) {
        if (log_enabled(int))
            log_printf("execve %s\n", f->path);
        r = exec_file(f, argv, envp, 0);
    }
    free(argv);
    free(envp);
    return r;
}

abi_long sys_execve(CPUState *env, const uint32_t *a)
{
    GET_PATH(path, a[0]);
    ExecFile f = {path, guest_string(a[0]), NULL, 0, -1};

    (void)env;
    f.execfn = f.name;
    return execve_path(&f, a[1], a[2]);
}

/*
 * The file execveat(dirfd, name, ..., flags) names, as a path that the
 * next stitch can open after the exec (fs/exec.c do_open_execat).  The
 * kernel runs the file it opened; stitch opens it again by name, so
 * relative to a directory fd it is the directory's path (the fd itself
 * may be close-on-exec), and for AT_EMPTY_PATH /proc/self/fd/N while
 * the fd survives the exec, else the file's path if that still names it.
 * A close-on-exec fd of an unlinked file (fexecve of an MFD_CLOEXEC
 * memfd) has no name left: the file goes on through a duplicate, *keep_fd,
 * close-on-exec but for the exec of stitch itself (exec_under_stitch),
 * so an ELF file runs as the kernel runs it from the open file (a script
 * is ENOENT, see exec_file).
 */
static abi_long execveat_path(int dirfd, const char *name, int flags, char *out, size_t size,
                              int *name_gone, int *keep_fd)
{
    char link[64], dir[PATH_MAX];
    struct stat st, named;

    if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW))
        return -EINVAL;
    if (!*name && !(flags & AT_EMPTY_PATH))
        return -ENOENT;
    if (*name == '/' || (*name && dirfd == AT_FDCWD)) {
        snprintf(out, size, "%s", name);
    } else {
        if (fstat(dirfd, &st) < 0)
            return -errno;
        if (*name && !S_ISDIR(st.st_mode))
            return -ENOTDIR;
        snprintf(link, sizeof(link), "/proc/self/fd/%d", dirfd);
        int fdflags = fcntl(dirfd, F_GETFD);
        *name_gone = fdflags >= 0 && (fdflags & FD_CLOEXEC);
        if (!*name && fdflags >= 0 && !(fdflags & FD_CLOEXEC)) {
            snprintf(out, size, "%s", link);
            return 0;
        }
        ssize_t n = readlink(link, dir, sizeof(dir) - 1);
        if (n < 0)
            return -errno;
        dir[n] = 0;
        if (*name) {
            if ((size_t)snprintf(out, size, "%s/%s", dir, name) >= size)
                return -ENAMETOOLONG;
        } else {
            if (stat(dir, &named) < 0 || named.st_dev != st.st_dev || named.st_ino != st.st_ino) {
                if ((*keep_fd = fcntl(dirfd, F_DUPFD_CLOEXEC, 0)) < 0)
                    return -errno;
                snprintf(out, size, "/proc/self/fd/%d", *keep_fd);
                return 0;
            }
            snprintf(out, size, "%s", dir);
        }
    }
    /* AT_SYMLINK_NOFOLLOW: a symbolic link as the last component is
     * ELOOP, as an O_NOFOLLOW open. */
    if ((flags & AT_SYMLINK_NOFOLLOW) && *name && lstat(out, &st) == 0 && S_ISLNK(st.st_mode))
        return -ELOOP;
    return 0;
}

/* bprm->filename for execveat (fs/exec.c alloc_bprm). */
static const char *kernel_name(int dirfd, const char *name, char *buf, size_t size)
{
    if (dirfd == AT_FDCWD || *name == '/')
        return name;
    if (*name)
        snprintf(buf, size, "/dev/fd/%d/%s", dirfd, name);
    else
        snprintf(buf, size, "/dev/fd/%d", dirfd);
    return buf;
}

abi_long sys_execveat(CPUState *env, const uint32_t *a)
{
    const char *name = guest_string(a[1]);
    char redirected[PATH_MAX], path[PATH_MAX], shown[PATH_MAX + 32];
    int dirfd = guest_fd(a[0]);

    (void)env;
    if (!name)
        return -EFAULT;
    ExecFile f = {path, kernel_name(dirfd, name, shown, sizeof(shown)), NULL, 0, -1};
    f.execfn = f.name;
    name = guest_path_at(dirfd, a[1], redirected, sizeof(redirected));
    abi_long r = execveat_path(dirfd, name, (int)a[4], path, sizeof(path), &f.name_gone,
                               &f.keep_fd);
    if (r == 0)
        r = execve_path(&f, a[2], a[3]);
    if (f.keep_fd >= 0)
        close(f.keep_fd);
    return r;
}
