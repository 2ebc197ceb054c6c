/*
 * Sockets: the direct calls and the older socketcall(call, args)
 * multiplexer (each guest's table lists the ones its ABI has), whose
 * arguments are 32-bit words in guest memory (net/socket.c).  Socket
 * addresses have the same layout on both sides; struct msghdr and the
 * control-message headers have pointers and size_t, so they are rebuilt;
 * struct timeval socket options are converted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <linux/net.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>

#include "syscall.h"

/* An address buffer and, for results, its in/out length word. */
static abi_long addr_in(uint32_t addr, uint32_t len, const struct sockaddr **p)
{
    *p = NULL;
    if (!addr)
        return 0;
    if ((int32_t)len < 0)
        return -EINVAL;
    return (*p = GUEST_R(addr, len)) ? 0 : -EFAULT;
}

/*
 * A pathname AF_UNIX address is a name the kernel looks up from the
 * working directory (net/unix/af_unix.c unix_mkname_bsd, then
 * unix_find_bsd or unix_bind_bsd): one that reaches one of stitch's own
 * descriptors in /proc/self/fd names a number not open instead, in
 * `copy`, as guest_path_at does for the path calls (connect is ENOENT,
 * as natively).  `len` is the address's, the copy's on return.
 */
static const struct sockaddr *unix_name_hidden(const struct sockaddr *sa, uint32_t *len,
                                               struct sockaddr_un *copy)
{
    const struct sockaddr_un *un = (const void *)sa;
    size_t off = offsetof(struct sockaddr_un, sun_path);
    char name[sizeof(un->sun_path) + 1];

    if (!sa || *len <= off || *len > sizeof(*copy) || un->sun_family != AF_UNIX || !un->sun_path[0])
        return sa;
    memcpy(name, un->sun_path, *len - off);
    name[*len - off] = '\0'; /* unix_mkname_bsd ends the name at the length */
    size_t hidden = proc_fd_name_hidden(AT_FDCWD, name);
    if (!hidden)
        return sa;
    int n = snprintf(copy->sun_path, sizeof(copy->sun_path), "/proc/self/fd/%d%s", FD_NOT_OPEN,
                     name + hidden);
    if (n < 0 || (size_t)n >= sizeof(copy->sun_path))
        return sa;
    copy->sun_family = AF_UNIX;
    *len = (uint32_t)(off + (size_t)n + 1);
    return (const void *)copy;
}

static abi_long addr_out(uint32_t addr, uint32_t lenp, struct sockaddr **p, socklen_t **lp)
{
    *p = NULL, *lp = NULL;
    if (!addr)
        return 0;
    if (!(*lp = GUEST_W(lenp, 4)))
        return -EFAULT;
    return (*p = GUEST_W(addr, **lp)) || !**lp ? 0 : -EFAULT;
}

static abi_long do_socket(const uint32_t *a)
{
    return get_errno(fd_table_note(socket((int)a[0], (int)a[1], (int)a[2])));
}

static abi_long do_socketpair(const uint32_t *a)
{
    int *sv = GUEST_W(a[3], 8);

    if (!sv)
        return -EFAULT;
    if (socketpair((int)a[0], (int)a[1], (int)a[2], sv) < 0)
        return -errno;
    fd_table_note(sv[0]);
    fd_table_note(sv[1]);
    return 0;
}

static abi_long do_bind_connect(const uint32_t *a, int connecting)
{
    const struct sockaddr *sa;
    struct sockaddr_un copy;
    uint32_t len = a[2];
    abi_long r = addr_in(a[1], len, &sa);

    if (r < 0)
        return r;
    sa = unix_name_hidden(sa, &len, &copy);
    if (connecting) /* blocks until the peer answers */
        return safe_host_call(SYS_connect, (int)a[0], (long)sa, len, 0, 0, 0);
    return get_errno(bind((int)a[0], sa, len));
}

static abi_long do_accept4(const uint32_t *a, int flags)
{
    struct sockaddr *sa;
    socklen_t *len;
    abi_long r = addr_out(a[1], a[2], &sa, &len);

    if (r < 0)
        return r;
    return fd_table_note(safe_host_call(SYS_accept4, (int)a[0], (long)sa, (long)len, flags, 0, 0));
}

static abi_long do_getname(const uint32_t *a, int peer)
{
    struct sockaddr *sa;
    socklen_t *len;
    abi_long r = addr_out(a[1], a[2], &sa, &len);

    if (r < 0)
        return r;
    if (!sa)
        return -EFAULT;
    return get_errno(peer ? getpeername((int)a[0], sa, len) : getsockname((int)a[0], sa, len));
}

/* The data buffers go to the host kernel as read's do (guest_kernel_buf). */
static abi_long do_sendto(const uint32_t *a)
{
    uint32_t n = a[2];
    const void *buf = guest_kernel_buf(a[1], &n, PAGE_READ);
    const struct sockaddr *sa;
    struct sockaddr_un copy;
    uint32_t len = a[5];

    if (addr_in(a[4], len, &sa) < 0)
        return -EFAULT;
    sa = unix_name_hidden(sa, &len, &copy);
    return safe_host_call(SYS_sendto, (int)a[0], (long)buf, n, (int)a[3], (long)sa, len);
}

static abi_long do_recvfrom(const uint32_t *a)
{
    uint32_t n = a[2];
    void *buf = guest_kernel_buf(a[1], &n, PAGE_WRITE);
    struct sockaddr *sa;
    socklen_t *len;

    if (addr_out(a[4], a[5], &sa, &len) < 0)
        return -EFAULT;
    return safe_host_call(SYS_recvfrom, (int)a[0], (long)buf, n, (int)a[3], (long)sa, (long)len);
}

/* ---- socket options ------------------------------------------------------ */

static int is_timeval_opt(int level, int name)
{
    return level == SOL_SOCKET && (name == SO_RCVTIMEO_OLD || name == SO_SNDTIMEO_OLD);
}

static abi_long do_setsockopt(const uint32_t *a)
{
    const void *val = GUEST_R(a[3], a[4]);

    if (!val && a[4])
        return -EFAULT;
    if (is_timeval_opt((int)a[1], (int)a[2])) {
        const TargetTimeval *g = val;
        if (a[4] < sizeof(*g))
            return -EINVAL;
        struct timeval tv = { g->tv_sec, g->tv_usec };
        return get_errno(setsockopt((int)a[0], (int)a[1], (int)a[2], &tv, sizeof(tv)));
    }
    return get_errno(setsockopt((int)a[0], (int)a[1], (int)a[2], val, a[4]));
}

static abi_long do_getsockopt(const uint32_t *a)
{
    socklen_t *len = GUEST_W(a[4], 4);
    void *val = NULL;

    if (!len || (*len && !(val = GUEST_W(a[3], *len))))
        return -EFAULT;
    if (is_timeval_opt((int)a[1], (int)a[2])) {
        struct timeval tv;
        socklen_t n = sizeof(tv);
        if (*len < sizeof(TargetTimeval))
            return -EINVAL;
        if (getsockopt((int)a[0], (int)a[1], (int)a[2], &tv, &n) < 0)
            return -errno;
        *(TargetTimeval *)val = (TargetTimeval){ (int32_t)tv.tv_sec, (int32_t)tv.tv_usec };
        *len = sizeof(TargetTimeval);
        return 0;
    }
    return get_errno(getsockopt((int)a[0], (int)a[1], (int)a[2], val, len));
}

/* ---- sendmsg / recvmsg ---------------------------------------------------- */

typedef struct {
    uint32_t msg_name, msg_namelen, msg_iov, msg_iovlen;
    uint32_t msg_control, msg_controllen, msg_flags;
} TargetMsghdr;

typedef struct {
    uint32_t cmsg_len;
    int32_t cmsg_level, cmsg_type;
} TargetCmsghdr;

#define TARGET_CMSG_ALIGN(n) (((n) + 3u) & ~3u)
#define MAX_CONTROL 4096

/* The iovecs and name of a guest msghdr, into `m` (iov malloc'ed). */
static abi_long msg_from_guest(const TargetMsghdr *g, struct msghdr *m, int prot)
{
    memset(m, 0, sizeof(*m));
    if (g->msg_iovlen > 1024)
        return -EMSGSIZE;
    if (g->msg_name && !(m->msg_name = guest_ptr(g->msg_name, g->msg_namelen, prot)))
        return -EFAULT;
    m->msg_namelen = g->msg_namelen;
    const TargetIovec *giov = GUEST_R(g->msg_iov, (uint64_t)g->msg_iovlen * sizeof(*giov));
    if (!giov && g->msg_iovlen)
        return -EFAULT;
    m->msg_iov = calloc(g->msg_iovlen + 1, sizeof(struct iovec));
    if (!m->msg_iov)
        return -ENOMEM;
    m->msg_iovlen = g->msg_iovlen;
    for (uint32_t i = 0; i < g->msg_iovlen; i++) {
        uint32_t len = giov[i].iov_len;
        if ((int32_t)len < 0)
            return -EINVAL;
        void *p = guest_kernel_buf(giov[i].iov_base, &len, prot);
        m->msg_iov[i] = (struct iovec){ p, len };
    }
    m->msg_flags = (int)g->msg_flags;
    return 0;
}

/* SCM_RIGHTS naming one of stitch's own descriptors: EBADF, as for any
 * number the process has not opened (net/core/scm.c scm_fp_copy). */
static void own_fds_not_passed(unsigned char *data, size_t len)
{
    for (size_t i = 0; i + sizeof(int) <= len; i += sizeof(int)) {
        int fd;
        memcpy(&fd, data + i, sizeof(fd));
        fd = (int)fd_for_host((uint32_t)fd);
        memcpy(data + i, &fd, sizeof(fd));
    }
}

/* Guest control messages -> host ones (headers widened, data copied). */
static abi_long control_from_guest(const TargetMsghdr *g, struct msghdr *m, char *buf)
{
    const uint8_t *src = GUEST_R(g->msg_control, g->msg_controllen);
    size_t in = 0, out = 0;

    if (!g->msg_controllen)
        return 0;
    if (!src)
        return -EFAULT;
    while (in + sizeof(TargetCmsghdr) <= g->msg_controllen) {
        const TargetCmsghdr *c = (const void *)(src + in);
        if (c->cmsg_len < sizeof(*c) || in + c->cmsg_len > g->msg_controllen)
            return -EINVAL;
        size_t len = c->cmsg_len - sizeof(*c);
        if (out + CMSG_SPACE(len) > MAX_CONTROL)
            return -ENOMEM;
        struct cmsghdr *h = (void *)(buf + out);
        h->cmsg_len = CMSG_LEN(len);
        h->cmsg_level = c->cmsg_level;
        h->cmsg_type = c->cmsg_type;
        memcpy(CMSG_DATA(h), c + 1, len);
        if (h->cmsg_level == SOL_SOCKET && h->cmsg_type == SCM_RIGHTS)
            own_fds_not_passed(CMSG_DATA(h), len);
        out += CMSG_SPACE(len);
        in += TARGET_CMSG_ALIGN(c->cmsg_len);
    }
    m->msg_control = buf;
    m->msg_controllen = out;
    return 0;
}

/* Host control messages -> the guest's buffer; MSG_CTRUNC if it is short. */
static void control_to_guest(TargetMsghdr *g, const struct msghdr *m)
{
    uint8_t *dst = GUEST_W(g->msg_control, g->msg_controllen);
    uint32_t out = 0;

    for (struct cmsghdr *h = CMSG_FIRSTHDR(m); h && dst; h = CMSG_NXTHDR((struct msghdr *)m, h)) {
        size_t len = h->cmsg_len - CMSG_LEN(0);
        if (out + sizeof(TargetCmsghdr) + len > g->msg_controllen) {
            g->msg_flags |= MSG_CTRUNC;
            break;
        }
        TargetCmsghdr *c = (void *)(dst + out);
        c->cmsg_len = sizeof(*c) + len;
        c->cmsg_level = h->cmsg_level;
        c->cmsg_type = h->cmsg_type;
        memcpy(c + 1, CMSG_DATA(h), len);
        if (h->cmsg_level == SOL_SOCKET && h->cmsg_type == SCM_RIGHTS)
            for (size_t i = 0; i + sizeof(int) <= len; i += sizeof(int)) {
                int fd;
                memcpy(&fd, CMSG_DATA(h) + i, sizeof(fd));
                fd_table_note(fd); /* installed in the guest's table */
            }
        out += TARGET_CMSG_ALIGN(c->cmsg_len);
    }
    g->msg_controllen = out < g->msg_controllen ? out : g->msg_controllen;
}

static abi_long do_sendrecvmsg(const uint32_t *a, int sending)
{
    TargetMsghdr *g = GUEST_W(a[1], sizeof(*g));
    struct msghdr m;
    static __thread char control[MAX_CONTROL] __attribute__((aligned(8))); /* per thread */
    struct sockaddr_un copy;
    abi_long r;

    if (!g)
        return -EFAULT;
    r = msg_from_guest(g, &m, sending ? PAGE_READ : PAGE_WRITE);
    if (r == 0 && sending) {
        uint32_t len = m.msg_namelen;
        m.msg_name = (void *)unix_name_hidden(m.msg_name, &len, &copy);
        m.msg_namelen = len;
        r = control_from_guest(g, &m, control);
    }
    if (r == 0 && !sending && g->msg_controllen) {
        m.msg_control = control;
        m.msg_controllen = g->msg_controllen * 2 < MAX_CONTROL ? g->msg_controllen * 2 : MAX_CONTROL;
    }
    if (r == 0)
        r = safe_host_call(sending ? SYS_sendmsg : SYS_recvmsg, (int)a[0], (long)&m, (int)a[2],
                           0, 0, 0);
    if (r >= 0 && !sending) {
        g->msg_namelen = m.msg_namelen;
        g->msg_flags = (uint32_t)m.msg_flags;
        if (g->msg_controllen)
            control_to_guest(g, &m);
    }
    free(m.msg_iov);
    return r;
}

/* ---- sendmmsg / recvmmsg --------------------------------------------------- */

/* struct mmsghdr: a msghdr and the length sent or received. */
typedef struct {
    TargetMsghdr hdr;
    uint32_t msg_len;
} TargetMmsghdr;
_Static_assert(sizeof(TargetMmsghdr) == 32, "32-bit struct mmsghdr");

static int64_t now_ns(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

/*
 * net/socket.c, __sys_sendmmsg and do_recvmmsg: one sendmsg/recvmsg per
 * entry, at most UIO_MAXIOV of them, each entry's msg_len set as it
 * completes; an error ends the batch, and is the result only if nothing
 * was done.  recvmmsg stops after MSG_OOB data, turns MSG_WAITFORONE into
 * MSG_DONTWAIT after the first datagram, and checks its timeout (a
 * deadline, deadline_ns >= 0) only between datagrams, as the kernel does.
 */
static abi_long do_mmsg(const uint32_t *a, int sending, int64_t deadline_ns)
{
    uint32_t vlen = a[2] > 1024 ? 1024 : a[2], n;
    int flags = (int)a[3];
    abi_long r = 0;

    if (!GUEST_W(a[1], (uint64_t)vlen * sizeof(TargetMmsghdr)))
        return -EFAULT;
    for (n = 0; n < vlen; n++) {
        uint32_t addr = a[1] + n * (uint32_t)sizeof(TargetMmsghdr);
        int f = flags & ~MSG_WAITFORONE;
        if (sending && n + 1 < vlen)
            f |= MSG_BATCH;
        const uint32_t one[3] = { a[0], addr, (uint32_t)f };
        r = do_sendrecvmsg(one, sending);
        if (r < 0)
            break;
        TargetMmsghdr *m = GUEST_W(addr, sizeof(*m));
        if (!m)
            return -EFAULT;
        m->msg_len = (uint32_t)r;
        if (sending)
            continue;
        if (flags & MSG_WAITFORONE)
            flags |= MSG_DONTWAIT;
        if ((deadline_ns >= 0 && now_ns() >= deadline_ns) || (m->hdr.msg_flags & MSG_OOB)) {
            n++;
            break;
        }
    }
    return n ? (abi_long)n : r;
}

/* recvmmsg's timeout: -1 for none, else the deadline; -EFAULT/-EINVAL
 * as the kernel's get_timespec64 and poll_select_set_timeout. */
static int64_t mmsg_deadline(uint32_t addr, int time64)
{
    struct timespec t;

    if (!addr)
        return -1;
    if (time64) {
        const void *g = GUEST_R(addr, 16);
        if (!g)
            return -EFAULT;
        t = timespec64_from_guest(g);
    } else {
        const TargetTimespec *g = GUEST_R(addr, sizeof(*g));
        if (!g)
            return -EFAULT;
        t = (struct timespec){ g->tv_sec, g->tv_nsec };
    }
    if (t.tv_sec < 0 || t.tv_nsec < 0 || t.tv_nsec >= 1000000000)
        return -EINVAL;
    return now_ns() + (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static abi_long do_recvmmsg(const uint32_t *a, int time64)
{
    int64_t deadline = mmsg_deadline(a[4], time64);

    if (deadline < -1)
        return (abi_long)deadline;
    return do_mmsg(a, 0, deadline);
}

/* ---- the calls ------------------------------------------------------------- */

#define NET_CALL(name, expr)                                \
    abi_long sys_##name(CPUState *env, const uint32_t *a)   \
    {                                                       \
        (void)env;                                          \
        return expr;                                        \
    }

NET_CALL(socket, do_socket(a))
NET_CALL(socketpair, do_socketpair(a))
NET_CALL(bind, do_bind_connect(a, 0))
NET_CALL(connect, do_bind_connect(a, 1))
NET_CALL(listen, get_errno(listen((int)a[0], (int)a[1])))
NET_CALL(accept4, do_accept4(a, (int)a[3]))
NET_CALL(getsockname, do_getname(a, 0))
NET_CALL(getpeername, do_getname(a, 1))
NET_CALL(sendto, do_sendto(a))
NET_CALL(recvfrom, do_recvfrom(a))
NET_CALL(shutdown, get_errno(shutdown((int)a[0], (int)a[1])))
NET_CALL(setsockopt, do_setsockopt(a))
NET_CALL(getsockopt, do_getsockopt(a))
NET_CALL(sendmsg, do_sendrecvmsg(a, 1))
NET_CALL(recvmsg, do_sendrecvmsg(a, 0))
NET_CALL(sendmmsg, do_mmsg(a, 1, -1))
NET_CALL(recvmmsg, do_recvmmsg(a, 0))
NET_CALL(recvmmsg_time64, do_recvmmsg(a, 1))

/* socketcall(call, args): how many argument words each call reads. */
abi_long sys_socketcall(CPUState *env, const uint32_t *a)
{
    static const uint8_t nargs[] = {
        [SYS_SOCKET] = 3, [SYS_BIND] = 3, [SYS_CONNECT] = 3, [SYS_LISTEN] = 2,
        [SYS_ACCEPT] = 3, [SYS_GETSOCKNAME] = 3, [SYS_GETPEERNAME] = 3,
        [SYS_SOCKETPAIR] = 4, [SYS_SEND] = 4, [SYS_RECV] = 4, [SYS_SENDTO] = 6,
        [SYS_RECVFROM] = 6, [SYS_SHUTDOWN] = 2, [SYS_SETSOCKOPT] = 5,
        [SYS_GETSOCKOPT] = 5, [SYS_SENDMSG] = 3, [SYS_RECVMSG] = 3, [SYS_ACCEPT4] = 4,
    };
    uint32_t call = a[0], v[6] = { 0 };

    (void)env;
    if (call < 1 || call >= sizeof(nargs) || !nargs[call])
        return -EINVAL;
    const uint32_t *args = GUEST_R(a[1], nargs[call] * 4u);
    if (!args)
        return -EFAULT;
    memcpy(v, args, nargs[call] * 4u);
    if (call != SYS_SOCKET && call != SYS_SOCKETPAIR) /* the others' first is a socket */
        v[0] = fd_for_host(v[0]);
    switch (call) {
    case SYS_SOCKET: return do_socket(v);
    case SYS_BIND: return do_bind_connect(v, 0);
    case SYS_CONNECT: return do_bind_connect(v, 1);
    case SYS_LISTEN: return get_errno(listen((int)v[0], (int)v[1]));
    case SYS_ACCEPT: return do_accept4(v, 0);
    case SYS_ACCEPT4: return do_accept4(v, (int)v[3]);
    case SYS_GETSOCKNAME: return do_getname(v, 0);
    case SYS_GETPEERNAME: return do_getname(v, 1);
    case SYS_SOCKETPAIR: return do_socketpair(v);
    case SYS_SEND: v[4] = v[5] = 0; return do_sendto(v);
    case SYS_RECV: v[4] = v[5] = 0; return do_recvfrom(v);
    case SYS_SENDTO: return do_sendto(v);
    case SYS_RECVFROM: return do_recvfrom(v);
    case SYS_SHUTDOWN: return get_errno(shutdown((int)v[0], (int)v[1]));
    case SYS_SETSOCKOPT: return do_setsockopt(v);
    case SYS_GETSOCKOPT: return do_getsockopt(v);
    case SYS_SENDMSG: return do_sendrecvmsg(v, 1);
    case SYS_RECVMSG: return do_sendrecvmsg(v, 0);
    }
    return -EINVAL;
}
