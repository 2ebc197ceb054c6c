/*
 * stitch's own descriptors (512 and up) are not in this process's fd and
 * fdinfo directories when a name reaches them relative to a directory:
 * through a dirfd open on one of them (or on /proc/self, /proc, /), and
 * relative to the working directory after chdir or fchdir there.  As
 * natively for a number not open, every call that looks the name up says
 * ENOENT (fs/namei.c walks the name before the call does anything): the
 * *at calls, the cwd-relative ones, the xattr calls, truncate, execve,
 * an AF_UNIX socket's address (connect, sendto, sendmsg, bind),
 * and a name that goes on past the number ("512/", "512/.", absolute
 * "/proc/self/fd/512/..").  Checked before any thread exists
 * and again from a second thread, which with -d tid has a log file of its
 * own there.
 *
 * stitch: -d page,tid -D own-rel-%d.log
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/xattr.h>
#include <unistd.h>

#ifndef SYS_faccessat2
#define SYS_faccessat2 439
#endif
#ifndef SYS_openat2
#define SYS_openat2 437
#endif

static int inotify;

/* "ok" or the errno's name of a call's result. */
static const char *res(long r)
{
    static const struct { int e; const char *name; } names[] = {
        { ENOENT, "ENOENT" }, { ENOTDIR, "ENOTDIR" }, { EACCES, "EACCES" }, { EPERM, "EPERM" },
        { EEXIST, "EEXIST" }, { EISDIR, "EISDIR" }, { EINVAL, "EINVAL" }, { EBADF, "EBADF" },
        { EOPNOTSUPP, "EOPNOTSUPP" }, { ENODATA, "ENODATA" }, { ENOSPC, "ENOSPC" },
        { EXDEV, "EXDEV" }, { ENOSYS, "ENOSYS" }, { ELOOP, "ELOOP" },
        { ECONNREFUSED, "ECONNREFUSED" }, { EADDRINUSE, "EADDRINUSE" },
    };
    static char other[16];

    if (r >= 0)
        return "ok";
    for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (names[i].e == errno)
            return names[i].name;
    snprintf(other, sizeof(other), "errno %d", errno);
    return other;
}

static long close_ok(long fd)
{
    if (fd >= 0)
        close((int)fd);
    return fd;
}

/* Every call that looks `name` up from `dir` (AT_FDCWD: the cwd). */
static void calls(const char *label, int dir, const char *name)
{
    struct stat st;
    struct statx sx;
    char link[256];
    struct timespec now[2] = { { 0, UTIME_NOW }, { 0, UTIME_OMIT } };
    uint64_t how[3] = { O_RDONLY, 0, 0 };
    struct { unsigned bytes; int type; unsigned char h[128]; } fh = { 128, 0, { 0 } };
    char *argv[] = { (char *)"x", NULL };
    int mount;

    printf("%-28s %-12s", label, name);
    errno = 0;
    printf(" open %s", res(close_ok(openat(dir, name, O_RDONLY))));
    printf(" openat2 %s", res(close_ok(syscall(SYS_openat2, dir, name, how, sizeof(how)))));
    printf(" stat %s", res(fstatat(dir, name, &st, 0)));
    printf(" lstat %s", res(fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW)));
    printf(" statx %s", res(statx(dir, name, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, &sx)));
    printf(" readlink %s", res(readlinkat(dir, name, link, sizeof(link))));
    printf(" access %s", res(faccessat(dir, name, F_OK, 0)));
    printf(" access2 %s", res(syscall(SYS_faccessat2, dir, name, F_OK, AT_SYMLINK_NOFOLLOW)));
    printf(" chown %s", res(fchownat(dir, name, (uid_t)-1, (gid_t)-1, 0)));
    printf(" utimens %s", res(utimensat(dir, name, now, 0)));
    printf(" handle %s", res(name_to_handle_at(dir, name, (void *)&fh, &mount, AT_SYMLINK_FOLLOW)));
    printf(" mkdir %s", res(mkdirat(dir, name, 0700)));
    printf(" execveat %s", res(syscall(SYS_execveat, dir, name, argv, environ, 0)));
    printf(" unlink %s\n", res(unlinkat(dir, name, 0)));
}

/* The calls that have no dirfd, on a name relative to the cwd. */
static void cwd_calls(const char *label, const char *name)
{
    struct stat st;
    char buf[64];
    char *argv[] = { (char *)"x", NULL };

    printf("%-28s %-12s", label, name);
    errno = 0;
    printf(" open %s", res(close_ok(open(name, O_RDONLY))));
    printf(" stat %s", res(stat(name, &st)));
    printf(" lstat %s", res(lstat(name, &st)));
    printf(" readlink %s", res(readlink(name, buf, sizeof(buf))));
    printf(" access %s", res(access(name, F_OK)));
    printf(" getxattr %s", res(getxattr(name, "user.x", buf, sizeof(buf))));
    printf(" lgetxattr %s", res(lgetxattr(name, "user.x", buf, sizeof(buf))));
    printf(" listxattr %s", res(listxattr(name, buf, sizeof(buf))));
    printf(" truncate %s", res(truncate(name, 0)));
    printf(" execve %s", res(execve(name, argv, environ)));
    printf(" inotify %s\n", res(inotify_add_watch(inotify, name, IN_ATTRIB)));
}

/* A pathname AF_UNIX address is looked up as a name too
 * (net/unix/af_unix.c): connect, sendto, sendmsg and bind on it. */
static void unix_name(const char *label, const char *name)
{
    struct sockaddr_un a = { .sun_family = AF_UNIX };
    socklen_t len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(name) + 1);
    int s;

    snprintf(a.sun_path, sizeof(a.sun_path), "%s", name);
    printf("%-28s %-12s", label, name);
    s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    printf(" connect %s", res(connect(s, (struct sockaddr *)&a, len)));
    close(s);
    s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    printf(" sendto %s", res(sendto(s, "x", 1, 0, (struct sockaddr *)&a, len)));
    struct iovec iov = { (void *)"x", 1 };
    struct msghdr m = { .msg_name = &a, .msg_namelen = len, .msg_iov = &iov, .msg_iovlen = 1 };
    printf(" sendmsg %s", res(sendmsg(s, &m, 0)));
    close(s);
    s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    printf(" bind %s\n", res(bind(s, (struct sockaddr *)&a, len)));
    close(s);
}

static const char *const forms[] = { "%d", "./%d", "%d/", "%d/." };

/* The names of fd numbers 100 and 511..515 from a dirfd on `dir`, under
 * the prefix that leads from there to an fd or fdinfo directory. */
static void from_dirfd(const char *who, const char *shown, const char *dir, const char *prefix)
{
    char label[96], name[96], form[64];
    int d = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

    snprintf(label, sizeof(label), "%s %s", who, shown);
    if (d < 0) {
        printf("%s: open %s\n", label, strerror(errno));
        return;
    }
    for (unsigned f = 0; f < sizeof(forms) / sizeof(forms[0]); f++) {
        snprintf(form, sizeof(form), "%s%s", prefix, forms[f]);
        calls(label, d, (snprintf(name, sizeof(name), form, 100), name));
        for (int fd = 511; fd <= 515; fd++)
            calls(label, d, (snprintf(name, sizeof(name), form, fd), name));
    }
    close(d);
}

static void from_cwd(const char *label, const char *prefix)
{
    char name[96];

    for (int fd = 511; fd <= 515; fd++) {
        snprintf(name, sizeof(name), "%s%d", prefix, fd);
        calls(label, AT_FDCWD, name);
        cwd_calls(label, name);
        unix_name(label, name);
    }
}

static void probe(const char *who)
{
    int tid = (int)syscall(SYS_gettid);
    char dir[96], label[96], here[4096];

    from_dirfd(who, "/proc/self/fd", "/proc/self/fd", "");
    from_dirfd(who, "/proc/self/fdinfo", "/proc/self/fdinfo", "");
    from_dirfd(who, "/proc/thread-self/fd", "/proc/thread-self/fd", "");
    snprintf(dir, sizeof(dir), "/proc/%d/task/%d/fdinfo", getpid(), tid);
    from_dirfd(who, "/proc/<pid>/task/<tid>/fdinfo", dir, "");
    snprintf(dir, sizeof(dir), "/proc/%d/fd", tid);
    from_dirfd(who, "/proc/<tid>/fd", dir, "");
    from_dirfd(who, "/dev/fd", "/dev/fd", "");
    from_dirfd(who, "/proc/self", "/proc/self", "fd/");
    from_dirfd(who, "/proc/thread-self", "/proc/thread-self", "fdinfo/");
    from_dirfd(who, "/proc", "/proc", "self/fd/");
    from_dirfd(who, "/", "/", "proc/self/fd/");

    /* The working directory: chdir by name, then fchdir. */
    if (!getcwd(here, sizeof(here)))
        return;
    snprintf(label, sizeof(label), "%s chdir /proc/self/fd", who);
    if (chdir("/proc/self/fd") == 0) {
        from_cwd(label, "");
        from_cwd(label, "../fdinfo/");
    }
    snprintf(label, sizeof(label), "%s chdir /proc/self", who);
    if (chdir("/proc/self") == 0)
        from_cwd(label, "fd/");
    snprintf(label, sizeof(label), "%s fchdir thread-self/fdinfo", who);
    int d = open("/proc/thread-self/fdinfo", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (d >= 0 && fchdir(d) == 0)
        from_cwd(label, "");
    if (d >= 0)
        close(d);
    if (chdir(here) < 0)
        perror("chdir back");
}

/* Absolute names that go on past the number. */
static void past_number(const char *who)
{
    char label[96], name[96];

    snprintf(label, sizeof(label), "%s absolute", who);
    for (int fd = 511; fd <= 515; fd++) {
        snprintf(name, sizeof(name), "/proc/self/fd/%d/", fd);
        calls(label, AT_FDCWD, name);
        snprintf(name, sizeof(name), "/proc/self/fd/%d/..", fd);
        calls(label, AT_FDCWD, name);
        snprintf(name, sizeof(name), "/proc/self/fdinfo/%d", fd);
        cwd_calls(label, name);
        snprintf(name, sizeof(name), "/dev/fd/%d", fd);
        unix_name(label, name);
    }
}

static void *second(void *arg)
{
    /* A mapping, which -d page logs: this thread's -d tid file opens. */
    munmap(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), 4096);
    probe("thread");
    past_number("thread");
    return arg;
}

int main(void)
{
    pthread_t t;

    setvbuf(stdout, NULL, _IOLBF, 0);
    inotify = inotify_init1(IN_CLOEXEC);
    if (inotify < 0)
        return perror("inotify_init1"), 1;
    probe("main");
    past_number("main");
    if (pthread_create(&t, NULL, second, NULL) != 0)
        return 1;
    pthread_join(t, NULL);
    return 0;
}
