/*
 * The calls added after the table audit, each raw or through the C
 * library with ordinary and edge arguments: splice, tee and vmsplice
 * (loff_t pointers, both directions of vmsplice), sendmmsg and recvmmsg
 * (batches, MSG_WAITFORONE, a zero timeout, vlen 0, bad vectors),
 * sched_getattr / sched_setattr (the size checks and the size written
 * back), openat2 (struct open_how's size rules, flags, RESOLVE_BENEATH)
 * and name_to_handle_at / open_by_handle_at.  Portable: built for ARM it
 * is compared with its native i386 run too.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    if (r < 0)
        printf("%-44s -> -1 %s\n", what, strerror(errno));
    else
        printf("%-44s -> %ld\n", what, r);
}

static void pipes(void)
{
    int fd = open("splice.tmp", O_RDWR | O_CREAT | O_TRUNC, 0600), p[2], q[2];
    char buf[32];
    loff_t off = 2;

    if (write(fd, "0123456789", 10) != 10 || pipe(p) || pipe(q))
        return;
    show("splice file@2 -> pipe, 5", splice(fd, &off, p[1], NULL, 5, 0));
    printf("  off_in now %lld\n", (long long)off);
    show("tee pipe -> pipe, 5", tee(p[0], q[1], 5, 0));
    memset(buf, 0, sizeof(buf));
    show("read the first pipe", read(p[0], buf, sizeof(buf)));
    printf("  \"%s\"\n", buf);
    memset(buf, 0, sizeof(buf));
    show("read the tee'd pipe", read(q[0], buf, sizeof(buf)));
    printf("  \"%s\"\n", buf);
    show("splice with off_in unmapped", splice(fd, (loff_t *)16, p[1], NULL, 5, 0));
    show("splice file -> file", splice(fd, &off, fd, NULL, 5, 0));
    show("splice pipe with an offset", splice(p[0], &off, fd, NULL, 5, SPLICE_F_NONBLOCK));

    struct iovec iov[2] = { { "vm", 2 }, { "splice", 6 } };
    show("vmsplice two buffers into a pipe", vmsplice(p[1], iov, 2, 0));
    char out[8] = { 0 };
    struct iovec back = { out, sizeof(out) - 1 };
    show("vmsplice out of the pipe into memory", vmsplice(p[0], &back, 1, 0));
    printf("  \"%s\"\n", out);
    struct iovec bad = { (void *)16, 4 };
    show("vmsplice from unmapped memory", vmsplice(p[1], &bad, 1, 0));
    show("vmsplice on a file", vmsplice(fd, iov, 1, 0));
    close(p[0]), close(p[1]), close(q[0]), close(q[1]), close(fd);
    unlink("splice.tmp");
}

static void batches(void)
{
    int sv[2];
    struct mmsghdr m[4];
    struct iovec iov[4];
    char data[4][16];
    const char *msgs[3] = { "one", "three", "seven!!" };

    if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv))
        return;
    memset(m, 0, sizeof(m));
    for (int i = 0; i < 3; i++) {
        iov[i] = (struct iovec){ (void *)msgs[i], strlen(msgs[i]) };
        m[i].msg_hdr.msg_iov = &iov[i];
        m[i].msg_hdr.msg_iovlen = 1;
    }
    show("sendmmsg 3", sendmmsg(sv[0], m, 3, 0));
    printf("  msg_len %u %u %u\n", m[0].msg_len, m[1].msg_len, m[2].msg_len);
    show("sendmmsg vlen 0", sendmmsg(sv[0], m, 0, 0));

    memset(m, 0, sizeof(m));
    for (int i = 0; i < 4; i++) {
        iov[i] = (struct iovec){ data[i], sizeof(data[i]) };
        m[i].msg_hdr.msg_iov = &iov[i];
        m[i].msg_hdr.msg_iovlen = 1;
    }
    memset(data, 0, sizeof(data));
    show("recvmmsg 4, MSG_DONTWAIT", recvmmsg(sv[1], m, 4, MSG_DONTWAIT, NULL));
    printf("  \"%s\" %u \"%s\" %u \"%s\" %u\n", data[0], m[0].msg_len, data[1], m[1].msg_len,
           data[2], m[2].msg_len);
    show("recvmmsg on an empty socket", recvmmsg(sv[1], m, 4, MSG_DONTWAIT, NULL));

    if (sendmmsg(sv[0], (struct mmsghdr[]){ { { .msg_iov = iov, .msg_iovlen = 1 }, 0 },
                                            { { .msg_iov = iov, .msg_iovlen = 1 }, 0 } },
                 2, 0) != 2)
        printf("  (resend failed)\n");
    show("recvmmsg 4, MSG_WAITFORONE, 2 queued", recvmmsg(sv[1], m, 4, MSG_WAITFORONE, NULL));
    send(sv[0], "x", 1, 0);
    send(sv[0], "y", 1, 0);
    struct timespec zero = { 0, 0 };
    show("recvmmsg 4, zero timeout, 2 queued", syscall(SYS_recvmmsg, sv[1], m, 4, 0, &zero));
    recv(sv[1], data[0], 16, MSG_DONTWAIT);
    struct timespec badts = { 0, 1000000000 };
    show("recvmmsg, tv_nsec 1e9", syscall(SYS_recvmmsg, sv[1], m, 4, 0, &badts));
    show("recvmmsg, timeout unmapped", syscall(SYS_recvmmsg, sv[1], m, 4, 0, (void *)16));
    show("sendmmsg, vector unmapped", sendmmsg(sv[0], (struct mmsghdr *)16, 2, 0));
    close(sv[0]), close(sv[1]);
}

/* struct sched_attr as the kernel defines it (VER1, 56 bytes). */
struct attr {
    uint32_t size, policy;
    uint64_t flags;
    int32_t nice;
    uint32_t priority;
    uint64_t runtime, deadline, period;
    uint32_t util_min, util_max;
};

static void sched_attr(void)
{
    struct attr a;
    unsigned char big[200];

    memset(&a, 0xff, sizeof(a));
    show("sched_getattr(0, 56)", syscall(SYS_sched_getattr, 0, &a, sizeof(a), 0));
    printf("  size %u policy %u nice %d priority %u\n", a.size, a.policy, a.nice, a.priority);
    show("sched_getattr(0, 10)", syscall(SYS_sched_getattr, 0, &a, 10, 0));
    show("sched_getattr flags 1", syscall(SYS_sched_getattr, 0, &a, sizeof(a), 1));
    show("sched_getattr unmapped", syscall(SYS_sched_getattr, 0, (void *)16, sizeof(a), 0));
    memset(&a, 0, sizeof(a));
    a.size = 48;
    show("sched_setattr SCHED_OTHER, nice 0", syscall(SYS_sched_setattr, 0, &a, 0));
    memset(big, 0, sizeof(big));
    memcpy(big, &a, sizeof(a));
    ((struct attr *)big)->size = sizeof(big);
    big[150] = 1;
    show("sched_setattr, 200 bytes, tail not zero", syscall(SYS_sched_setattr, 0, big, 0));
    printf("  size written back %u\n", ((struct attr *)big)->size);
    a.size = 48;
    a.policy = 77;
    show("sched_setattr, policy 77", syscall(SYS_sched_setattr, 0, &a, 0));
}

struct how {
    uint64_t flags, mode, resolve;
};

static long openat2(int dfd, const char *path, const void *how, size_t size)
{
    return syscall(SYS_openat2, dfd, path, how, size);
}

static void open2(void)
{
    struct how h = { O_RDONLY, 0, 0 };
    unsigned char big[40];
    long fd;

    close(open("o2.tmp", O_WRONLY | O_CREAT | O_TRUNC, 0600));
    fd = openat2(AT_FDCWD, "o2.tmp", &h, sizeof(h));
    show("openat2 O_RDONLY", fd >= 0 ? 0 : -1);
    if (fd >= 0) {
        printf("  access mode %d\n", fcntl(fd, F_GETFL) & O_ACCMODE);
        close(fd);
    }
    show("openat2 size 16", openat2(AT_FDCWD, "o2.tmp", &h, 16));
    memset(big, 0, sizeof(big));
    memcpy(big, &h, sizeof(h));
    fd = openat2(AT_FDCWD, "o2.tmp", big, sizeof(big));
    show("openat2 size 40, zero tail", fd >= 0 ? 0 : -1);
    if (fd >= 0)
        close(fd);
    big[30] = 1;
    show("openat2 size 40, tail not zero", openat2(AT_FDCWD, "o2.tmp", big, sizeof(big)));
    show("openat2 size 5000", openat2(AT_FDCWD, "o2.tmp", &h, 5000));
    h.flags = O_RDONLY | O_DIRECTORY;
    show("openat2 O_DIRECTORY on a file", openat2(AT_FDCWD, "o2.tmp", &h, sizeof(h)));
    fd = openat2(AT_FDCWD, ".", &h, sizeof(h));
    show("openat2 O_DIRECTORY on .", fd >= 0 ? 0 : -1);
    if (fd >= 0) {
        printf("  O_DIRECTORY in F_GETFL %d\n", (fcntl(fd, F_GETFL) & O_DIRECTORY) != 0);
        close(fd);
    }
    h.flags = O_RDONLY | (1ull << 40);
    show("openat2 flag bit 40", openat2(AT_FDCWD, "o2.tmp", &h, sizeof(h)));
    h.flags = O_RDONLY;
    h.mode = 0644;
    show("openat2 mode without O_CREAT", openat2(AT_FDCWD, "o2.tmp", &h, sizeof(h)));
    h.mode = 0;
    h.resolve = 0x08; /* RESOLVE_BENEATH */
    show("openat2 RESOLVE_BENEATH ../", openat2(AT_FDCWD, "../x", &h, sizeof(h)));
    h.resolve = 0;
    show("openat2 path unmapped", openat2(AT_FDCWD, (const char *)16, &h, sizeof(h)));
    show("openat2 how unmapped", openat2(AT_FDCWD, "o2.tmp", (void *)16, sizeof(h)));
    unlink("o2.tmp");
}

static void handles(void)
{
    struct {
        uint32_t bytes;
        int32_t type;
        unsigned char h[128];
    } fh;
    int mount_id;

    close(open("h.tmp", O_WRONLY | O_CREAT | O_TRUNC, 0600));
    fh.bytes = 0;
    long r = syscall(SYS_name_to_handle_at, AT_FDCWD, "h.tmp", &fh, &mount_id, 0);
    show("name_to_handle_at, 0 bytes", r);
    printf("  handle_bytes now non-zero: %d\n", fh.bytes != 0);
    fh.bytes = sizeof(fh.h);
    show("name_to_handle_at", syscall(SYS_name_to_handle_at, AT_FDCWD, "h.tmp", &fh, &mount_id, 0));
    show("name_to_handle_at, bad flags",
         syscall(SYS_name_to_handle_at, AT_FDCWD, "h.tmp", &fh, &mount_id, 0x1));
    show("name_to_handle_at, missing file",
         syscall(SYS_name_to_handle_at, AT_FDCWD, "nope.tmp", &fh, &mount_id, 0));
    show("name_to_handle_at, handle unmapped",
         syscall(SYS_name_to_handle_at, AT_FDCWD, "h.tmp", (void *)16, &mount_id, 0));
    r = syscall(SYS_open_by_handle_at, AT_FDCWD, &fh, O_RDONLY);
    /* Needs CAP_DAC_READ_SEARCH: EPERM for most users, a descriptor for root. */
    show("open_by_handle_at", r >= 0 ? 0 : -1);
    if (r >= 0)
        close((int)r);
    unlink("h.tmp");
}

int main(void)
{
    pipes();
    batches();
    sched_attr();
    open2();
    handles();
    return 0;
}
