/*
 * SysV IPC and POSIX message queues.  SysV: semaphores, message queues,
 * shared memory, as the direct
 * calls (ARM; i386 since Linux 5.1) and through i386's ipc() multiplexer,
 * which the C library still uses there (ipc/syscall.c, ksys_ipc).  The
 * host does the work; what is converted is the guest's 32-bit layouts
 * (the *64_ds structures of the IPC_64 commands, struct msgbuf's long
 * mtype, the info structures' longs), and shmat places the segment in
 * the guest window (mmap.c, target_shmat).  The old pre-IPC_64 layouts,
 * which no C library since glibc 2.2 asks for, are refused with EINVAL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <fcntl.h>
#include <mqueue.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>

#include "syscall.h"

#define TARGET_IPC_64 0x100

/* struct ipc64_perm of a 32-bit guest (asm-generic/ipcbuf.h, with the
 * 16-bit __kernel_mode_t of i386 and ARM). */
typedef struct {
    int32_t key;
    uint32_t uid, gid, cuid, cgid;
    uint16_t mode, pad1, seq, pad2;
    uint32_t unused1, unused2;
} TargetIpcPerm;
_Static_assert(sizeof(TargetIpcPerm) == 36, "32-bit struct ipc64_perm");

/* The 32-bit *64_ds structures (asm-generic/{shm,sem,msg}buf.h, x86's
 * sembuf.h): each time a low and a high word. */
typedef struct {
    TargetIpcPerm perm;
    uint32_t segsz, atime, atime_hi, dtime, dtime_hi, ctime, ctime_hi;
    int32_t cpid, lpid;
    uint32_t nattch, unused4, unused5;
} TargetShmid;
_Static_assert(sizeof(TargetShmid) == 84, "32-bit struct shmid64_ds");

typedef struct {
    TargetIpcPerm perm;
    uint32_t otime, otime_hi, ctime, ctime_hi, nsems, unused3, unused4;
} TargetSemid;
_Static_assert(sizeof(TargetSemid) == 64, "32-bit struct semid64_ds");

typedef struct {
    TargetIpcPerm perm;
    uint32_t stime, stime_hi, rtime, rtime_hi, ctime, ctime_hi, cbytes, qnum, qbytes;
    int32_t lspid, lrpid;
    uint32_t unused4, unused5;
} TargetMsqid;
_Static_assert(sizeof(TargetMsqid) == 88, "32-bit struct msqid64_ds");

static void perm_to_guest(TargetIpcPerm *g, const struct ipc_perm *h)
{
    memset(g, 0, sizeof(*g));
    g->key = h->__key;
    g->uid = h->uid, g->gid = h->gid, g->cuid = h->cuid, g->cgid = h->cgid;
    g->mode = (uint16_t)h->mode;
    g->seq = (uint16_t)h->__seq;
}

/* IPC_SET takes the owner and the mode (ipc/util.c ipc_update_perm). */
static void perm_from_guest(struct ipc_perm *h, const TargetIpcPerm *g)
{
    h->uid = g->uid, h->gid = g->gid, h->mode = g->mode;
}

static void time_split(int64_t t, uint32_t *lo, uint32_t *hi)
{
    *lo = (uint32_t)t;
    *hi = (uint32_t)((uint64_t)t >> 32);
}

/* The commands and how each treats its buffer; the numbers overlap
 * between the kinds (MSG_STAT is SHM_LOCK, MSG_STAT_ANY is SHM_STAT). */
enum { BUF_NONE, BUF_STAT, BUF_SET, BUF_INFO };
enum { IPC_SHM, IPC_SEM, IPC_MSG };

static int cmd_buf(int kind, int cmd)
{
    static const int stat[3][2] = {
        [IPC_SHM] = { SHM_STAT, SHM_STAT_ANY },
        [IPC_SEM] = { SEM_STAT, SEM_STAT_ANY },
        [IPC_MSG] = { MSG_STAT, MSG_STAT_ANY },
    };
    static const int info[3] = { [IPC_SHM] = SHM_INFO, [IPC_SEM] = SEM_INFO, [IPC_MSG] = MSG_INFO };

    if (cmd == IPC_STAT || cmd == stat[kind][0] || cmd == stat[kind][1])
        return BUF_STAT;
    if (cmd == IPC_SET)
        return BUF_SET;
    if (cmd == IPC_INFO || cmd == info[kind])
        return BUF_INFO;
    return BUF_NONE;
}

/* ---- shared memory ---------------------------------------------------- */

static abi_long do_shmget(uint32_t key, uint32_t size, uint32_t flg)
{
    return get_errno(shmget((key_t)key, size, (int)flg));
}

static void shmid_to_guest(TargetShmid *g, const struct shmid_ds *h)
{
    perm_to_guest(&g->perm, &h->shm_perm);
    g->segsz = (uint32_t)h->shm_segsz;
    time_split(h->shm_atime, &g->atime, &g->atime_hi);
    time_split(h->shm_dtime, &g->dtime, &g->dtime_hi);
    time_split(h->shm_ctime, &g->ctime, &g->ctime_hi);
    g->cpid = h->shm_cpid, g->lpid = h->shm_lpid;
    g->nattch = (uint32_t)h->shm_nattch;
    g->unused4 = g->unused5 = 0;
}

/* ipc/shm.c copy_compat_shminfo_to_user / put_compat_shm_info: longs
 * narrowed, shmmax clamped to INT_MAX. */
static abi_long shm_info_to_guest(int cmd, uint32_t addr, const void *host)
{
    uint32_t *g = GUEST_W(addr, cmd == IPC_INFO ? 36 : 24);

    if (!g)
        return -EFAULT;
    if (cmd == IPC_INFO) {
        const struct shminfo *i = host;
        memset(g, 0, 36);
        g[0] = i->shmmax > INT32_MAX ? INT32_MAX : (uint32_t)i->shmmax;
        g[1] = (uint32_t)i->shmmin, g[2] = (uint32_t)i->shmmni;
        g[3] = (uint32_t)i->shmseg, g[4] = (uint32_t)i->shmall;
    } else {
        const struct shm_info *i = host;
        g[0] = (uint32_t)i->used_ids;
        g[1] = (uint32_t)i->shm_tot, g[2] = (uint32_t)i->shm_rss;
        g[3] = (uint32_t)i->shm_swp, g[4] = (uint32_t)i->swap_attempts;
        g[5] = (uint32_t)i->swap_successes;
    }
    return 0;
}

static abi_long do_shmctl(uint32_t id, uint32_t gcmd, uint32_t addr)
{
    int cmd = (int)(gcmd & ~TARGET_IPC_64);
    union {
        struct shmid_ds ds;
        struct shminfo info;
        struct shm_info sinfo;
    } h;
    abi_long r;

    if (cmd_buf(IPC_SHM, cmd) != BUF_NONE && !(gcmd & TARGET_IPC_64))
        return -EINVAL;
    memset(&h, 0, sizeof(h));
    switch (cmd_buf(IPC_SHM, cmd)) {
    case BUF_SET: {
        const TargetShmid *g = GUEST_R(addr, sizeof(*g));
        if (!g)
            return -EFAULT;
        perm_from_guest(&h.ds.shm_perm, &g->perm);
        return get_errno(shmctl((int)id, IPC_SET, &h.ds));
    }
    case BUF_STAT:
        if (!GUEST_W(addr, sizeof(TargetShmid)))
            return -EFAULT;
        r = get_errno(shmctl((int)id, cmd, &h.ds));
        if (r >= 0)
            shmid_to_guest(GUEST_W(addr, sizeof(TargetShmid)), &h.ds);
        return r;
    case BUF_INFO:
        r = get_errno(shmctl((int)id, cmd, &h.ds));
        if (r >= 0 && shm_info_to_guest(cmd, addr, &h) < 0)
            return -EFAULT;
        return r;
    default:
        return get_errno(shmctl((int)id, cmd, NULL));
    }
}

/* The segment's size decides how much of the window it takes. */
static abi_long do_shmat(uint32_t id, uint32_t addr, uint32_t flg)
{
    struct shmid_ds ds;

    if ((int32_t)id < 0)
        return -EINVAL;
    if (shmctl((int)id, IPC_STAT, &ds) != 0)
        return -errno;
    return target_shmat((int)id, addr, ds.shm_segsz, (int)flg);
}

/* ---- semaphores ------------------------------------------------------- */

static abi_long do_semget(uint32_t key, uint32_t nsems, uint32_t flg)
{
    return get_errno(semget((key_t)key, (int)nsems, (int)flg));
}

/* semtimedop(id, sops, nsops, timeout): struct sembuf is the same on
 * both sides; the timeout is old_timespec32 or __kernel_timespec. */
static abi_long do_semtimedop(uint32_t id, uint32_t sops, uint32_t nsops, uint32_t ts, int time64)
{
    struct timespec t, *tp = NULL;
    uint32_t len = nsops * 6;

    if (ts) {
        const void *g = GUEST_R(ts, time64 ? 16 : 8);
        if (!g)
            return -EFAULT;
        if (time64) {
            t = timespec64_from_guest(g);
        } else {
            const TargetTimespec *o = g;
            t = (struct timespec){ o->tv_sec, o->tv_nsec };
        }
        tp = &t;
    }
    void *p = guest_kernel_buf(sops, &len, PAGE_READ);
    return safe_host_call(SYS_semtimedop, (int)id, (long)p, nsops, (long)tp, 0, 0);
}

static void semid_to_guest(TargetSemid *g, const struct semid_ds *h)
{
    perm_to_guest(&g->perm, &h->sem_perm);
    time_split(h->sem_otime, &g->otime, &g->otime_hi);
    time_split(h->sem_ctime, &g->ctime, &g->ctime_hi);
    g->nsems = (uint32_t)h->sem_nsems;
    g->unused3 = g->unused4 = 0;
}

/* semctl(id, num, cmd, arg): arg is the union semun's value, a pointer
 * for the buffer commands and GETALL/SETALL, an int for SETVAL. */
static abi_long do_semctl(uint32_t id, uint32_t num, uint32_t gcmd, uint32_t arg)
{
    int cmd = (int)(gcmd & ~TARGET_IPC_64);
    struct semid_ds ds;
    abi_long r;

    if (cmd_buf(IPC_SEM, cmd) != BUF_NONE && !(gcmd & TARGET_IPC_64))
        return -EINVAL;
    memset(&ds, 0, sizeof(ds));
    switch (cmd_buf(IPC_SEM, cmd)) {
    case BUF_SET: {
        const TargetSemid *g = GUEST_R(arg, sizeof(*g));
        if (!g)
            return -EFAULT;
        perm_from_guest(&ds.sem_perm, &g->perm);
        return get_errno(semctl((int)id, 0, IPC_SET, &ds));
    }
    case BUF_STAT:
        if (!GUEST_W(arg, sizeof(TargetSemid)))
            return -EFAULT;
        r = get_errno(semctl((int)id, (int)num, cmd, &ds));
        if (r >= 0)
            semid_to_guest(GUEST_W(arg, sizeof(TargetSemid)), &ds);
        return r;
    case BUF_INFO: { /* struct seminfo: ten ints, the same everywhere */
        void *g = GUEST_W(arg, sizeof(struct seminfo));
        if (!g)
            return -EFAULT;
        return get_errno(semctl((int)id, (int)num, cmd, g));
    }
    default:
        break;
    }
    if (cmd == GETALL || cmd == SETALL) {
        /* An array of nsems unsigned shorts, read or filled by the host. */
        if (semctl((int)id, 0, IPC_STAT, &ds) != 0)
            return -errno;
        uint32_t len = (uint32_t)ds.sem_nsems * 2;
        void *p = guest_kernel_buf(arg, &len, cmd == GETALL ? PAGE_WRITE : PAGE_READ);
        return get_errno(semctl((int)id, 0, cmd, p));
    }
    return get_errno(semctl((int)id, (int)num, cmd, (int)arg));
}

/* ---- message queues --------------------------------------------------- */

static abi_long do_msgget(uint32_t key, uint32_t flg)
{
    return get_errno(msgget((key_t)key, (int)flg));
}

/* The host's msgbuf has an 8-byte mtype; the text is bounded here by
 * what any msgmax allows (INT_MAX), then by memory. */
#define MSG_TEXT_MAX (16u << 20)

static abi_long do_msgsnd(uint32_t id, uint32_t msgp, uint32_t size, uint32_t flg)
{
    if ((int32_t)size < 0 || (int32_t)id < 0)
        return -EINVAL;
    if (size > MSG_TEXT_MAX)
        return -EINVAL;
    const int32_t *mtype = GUEST_R(msgp, 4);
    const void *text = GUEST_R(msgp + 4, size);
    if (!mtype || (!text && size))
        return -EFAULT;
    long *h = malloc(sizeof(long) + size);
    if (!h)
        return -ENOMEM;
    h[0] = *mtype;
    memcpy(h + 1, text, size);
    abi_long r = safe_host_call(SYS_msgsnd, (int)id, (long)h, size, (int)flg, 0, 0);
    free(h);
    return r;
}

static abi_long do_msgrcv(uint32_t id, uint32_t msgp, uint32_t size, uint32_t type,
                          uint32_t flg)
{
    if ((int32_t)size < 0 || (int32_t)id < 0)
        return -EINVAL;
    if (size > MSG_TEXT_MAX)
        size = MSG_TEXT_MAX;
    if (!GUEST_W(msgp, 4 + (uint64_t)size))
        return -EFAULT;
    long *h = malloc(sizeof(long) + size);
    if (!h)
        return -ENOMEM;
    abi_long r = safe_host_call(SYS_msgrcv, (int)id, (long)h, size, (long)(int32_t)type,
                                (int)flg, 0);
    if (r >= 0) {
        int32_t *g = GUEST_W(msgp, 4 + (uint64_t)r);
        if (g) {
            g[0] = (int32_t)h[0];
            memcpy(g + 1, h + 1, (size_t)r);
        } else {
            r = -EFAULT;
        }
    }
    free(h);
    return r;
}

static void msqid_to_guest(TargetMsqid *g, const struct msqid_ds *h)
{
    perm_to_guest(&g->perm, &h->msg_perm);
    time_split(h->msg_stime, &g->stime, &g->stime_hi);
    time_split(h->msg_rtime, &g->rtime, &g->rtime_hi);
    time_split(h->msg_ctime, &g->ctime, &g->ctime_hi);
    g->cbytes = (uint32_t)h->__msg_cbytes;
    g->qnum = (uint32_t)h->msg_qnum, g->qbytes = (uint32_t)h->msg_qbytes;
    g->lspid = h->msg_lspid, g->lrpid = h->msg_lrpid;
    g->unused4 = g->unused5 = 0;
}

static abi_long do_msgctl(uint32_t id, uint32_t gcmd, uint32_t addr)
{
    int cmd = (int)(gcmd & ~TARGET_IPC_64);
    struct msqid_ds ds;
    abi_long r;

    if (cmd_buf(IPC_MSG, cmd) != BUF_NONE && !(gcmd & TARGET_IPC_64))
        return -EINVAL;
    memset(&ds, 0, sizeof(ds));
    switch (cmd_buf(IPC_MSG, cmd)) {
    case BUF_SET: {
        const TargetMsqid *g = GUEST_R(addr, sizeof(*g));
        if (!g)
            return -EFAULT;
        perm_from_guest(&ds.msg_perm, &g->perm);
        ds.msg_qbytes = g->qbytes;
        return get_errno(msgctl((int)id, IPC_SET, &ds));
    }
    case BUF_STAT:
        if (!GUEST_W(addr, sizeof(TargetMsqid)))
            return -EFAULT;
        r = get_errno(msgctl((int)id, cmd, &ds));
        if (r >= 0)
            msqid_to_guest(GUEST_W(addr, sizeof(TargetMsqid)), &ds);
        return r;
    case BUF_INFO: { /* struct msginfo: ints and a short, the same everywhere */
        void *g = GUEST_W(addr, sizeof(struct msginfo));
        if (!g)
            return -EFAULT;
        return get_errno(msgctl((int)id, cmd, g));
    }
    default:
        return get_errno(msgctl((int)id, cmd, NULL));
    }
}

/* ---- POSIX message queues (ipc/mqueue.c) ------------------------------ */

/* struct mq_attr: four longs and four reserved ones. */
typedef struct {
    int32_t flags, maxmsg, msgsize, curmsgs, reserved[4];
} TargetMqAttr;
_Static_assert(sizeof(TargetMqAttr) == 32, "32-bit struct mq_attr");

static abi_long mq_attr_from_guest(struct mq_attr *h, uint32_t addr)
{
    const TargetMqAttr *g = GUEST_R(addr, sizeof(*g));

    if (!g)
        return -EFAULT;
    memset(h, 0, sizeof(*h));
    h->mq_flags = g->flags, h->mq_maxmsg = g->maxmsg;
    h->mq_msgsize = g->msgsize, h->mq_curmsgs = g->curmsgs;
    return 0;
}

/* mq_open(name, oflag, mode, attr): the name without glibc's leading '/'. */
static abi_long do_mq_open(uint32_t name, uint32_t oflag, uint32_t mode, uint32_t attr)
{
    struct mq_attr h;
    const char *n = guest_string(name);

    if (!n)
        return -EFAULT;
    if ((oflag & O_CREAT) && attr && mq_attr_from_guest(&h, attr) < 0)
        return -EFAULT;
    return get_errno(fd_table_note(syscall(SYS_mq_open, n, (int)oflag, (mode_t)mode,
                                           (oflag & O_CREAT) && attr ? &h : NULL)));
}

static abi_long do_mq_unlink(uint32_t name)
{
    const char *n = guest_string(name);

    return n ? get_errno(syscall(SYS_mq_unlink, n)) : -EFAULT;
}

/* An absolute timeout, old_timespec32 or __kernel_timespec; *tp NULL
 * for none. */
static abi_long abs_timeout(uint32_t addr, int time64, struct timespec *t, struct timespec **tp)
{
    *tp = NULL;
    if (!addr)
        return 0;
    const void *g = GUEST_R(addr, time64 ? 16 : 8);
    if (!g)
        return -EFAULT;
    if (time64) {
        *t = timespec64_from_guest(g);
    } else {
        const TargetTimespec *o = g;
        *t = (struct timespec){ o->tv_sec, o->tv_nsec };
    }
    *tp = t;
    return 0;
}

/* mq_timedsend(mqd, msg, len, prio, timeout) / mq_timedreceive(mqd, msg,
 * len, unsigned *prio, timeout): the host reads and fills the guest's
 * buffers; they may block, so through safe_host_call. */
static abi_long do_mq_timed(const uint32_t *a, int sending, int time64)
{
    struct timespec t, *tp;
    uint32_t len = a[2], plen = 4;
    abi_long r = abs_timeout(a[4], time64, &t, &tp);

    if (r < 0)
        return r;
    void *msg = guest_kernel_buf(a[1], &len, sending ? PAGE_READ : PAGE_WRITE);
    if (sending)
        return safe_host_call(SYS_mq_timedsend, (int)a[0], (long)msg, a[2], a[3], (long)tp, 0);
    void *prio = a[3] ? guest_kernel_buf(a[3], &plen, PAGE_WRITE) : NULL;
    return safe_host_call(SYS_mq_timedreceive, (int)a[0], (long)msg, a[2], (long)prio, (long)tp,
                          0);
}

/* mq_getsetattr(mqd, new, old): only O_NONBLOCK of mq_flags is set. */
static abi_long do_mq_getsetattr(uint32_t mqd, uint32_t new_addr, uint32_t old_addr)
{
    struct mq_attr n, o;
    TargetMqAttr *g = old_addr ? GUEST_W(old_addr, sizeof(*g)) : NULL;

    if (new_addr && mq_attr_from_guest(&n, new_addr) < 0)
        return -EFAULT;
    if (old_addr && !g)
        return -EFAULT;
    abi_long r = get_errno(syscall(SYS_mq_getsetattr, (int)mqd, new_addr ? &n : NULL, &o));
    if (r == 0 && g) {
        memset(g, 0, sizeof(*g));
        g->flags = (int32_t)o.mq_flags, g->maxmsg = (int32_t)o.mq_maxmsg;
        g->msgsize = (int32_t)o.mq_msgsize, g->curmsgs = (int32_t)o.mq_curmsgs;
    }
    return r;
}

/*
 * mq_notify(mqd, sigevent): SIGEV_SIGNAL's signal reaches the guest as
 * any host signal does; SIGEV_THREAD is glibc's netlink form, where
 * sigev_signo is the socket and sigev_value points at the 32-byte cookie
 * the kernel reads (NOTIFY_COOKIE_LEN).
 */
static abi_long do_mq_notify(uint32_t mqd, uint32_t addr)
{
    struct sigevent h;

    if (!addr)
        return get_errno(syscall(SYS_mq_notify, (int)mqd, NULL));
    if (sigevent_from_guest(&h, addr) < 0)
        return -EFAULT;
    if (h.sigev_notify == SIGEV_THREAD) {
        const int32_t *g = GUEST_R(addr, 12);
        void *cookie = GUEST_R((uint32_t)(uintptr_t)h.sigev_value.sival_ptr, 32);
        if (!cookie)
            return -EFAULT;
        h.sigev_signo = g[1];
        h.sigev_value.sival_ptr = cookie;
    }
    return get_errno(syscall(SYS_mq_notify, (int)mqd, &h));
}

/* ---- the calls ---------------------------------------------------------- */

#define IPC_CALL(name, expr)                                \
    abi_long sys_##name(CPUState *env, const uint32_t *a)   \
    {                                                       \
        (void)env;                                          \
        return expr;                                        \
    }

IPC_CALL(shmget, do_shmget(a[0], a[1], a[2]))
IPC_CALL(shmctl, do_shmctl(a[0], a[1], a[2]))
IPC_CALL(shmat, do_shmat(a[0], a[1], a[2]))
IPC_CALL(shmdt, target_shmdt(a[0]))
IPC_CALL(semget, do_semget(a[0], a[1], a[2]))
IPC_CALL(semctl, do_semctl(a[0], a[1], a[2], a[3]))
IPC_CALL(semtimedop_time64, do_semtimedop(a[0], a[1], a[2], a[3], 1))
IPC_CALL(msgget, do_msgget(a[0], a[1]))
IPC_CALL(msgsnd, do_msgsnd(a[0], a[1], a[2], a[3]))
IPC_CALL(msgrcv, do_msgrcv(a[0], a[1], a[2], a[3], a[4]))
IPC_CALL(msgctl, do_msgctl(a[0], a[1], a[2]))

/*
 * i386's ipc(call, first, second, third, ptr, fifth): call's high 16
 * bits are the version; SEMCTL passes a pointer to the semun value,
 * MSGRCV version 0 a pointer to {msgp, msgtyp}, SHMAT stores the address
 * at `third` and returns 0 (ipc/syscall.c ksys_ipc).
 */
abi_long sys_ipc(CPUState *env, const uint32_t *a)
{
    uint32_t call = a[0] & 0xffff, version = a[0] >> 16;
    uint32_t first = a[1], second = a[2], third = a[3], ptr = a[4], fifth = a[5];

    (void)env;
    switch (call) {
    case 1: return do_semtimedop(first, ptr, second, 0, 0);           /* SEMOP */
    case 2: return do_semget(first, second, third);                   /* SEMGET */
    case 3: {                                                         /* SEMCTL */
        const uint32_t *arg = GUEST_R(ptr, 4);
        return arg ? do_semctl(first, second, third, *arg) : -EFAULT;
    }
    case 4: return do_semtimedop(first, ptr, second, fifth, 0);       /* SEMTIMEDOP */
    case 11: return do_msgsnd(first, ptr, second, third);             /* MSGSND */
    case 12:                                                          /* MSGRCV */
        if (version == 0) {
            const uint32_t *k = GUEST_R(ptr, 8);
            return k ? do_msgrcv(first, k[0], second, k[1], third) : -EFAULT;
        }
        return do_msgrcv(first, ptr, second, fifth, third);
    case 13: return do_msgget(first, second);                         /* MSGGET */
    case 14: return do_msgctl(first, second, ptr);                    /* MSGCTL */
    case 21: {                                                        /* SHMAT */
        if (version == 1)
            return -EINVAL; /* iBCS2 */
        uint32_t *out = GUEST_W(third, 4);
        abi_long r = do_shmat(first, ptr, second);
        if (is_error(r))
            return r;
        if (!out)
            return -EFAULT;
        *out = (uint32_t)r;
        return 0;
    }
    case 22: return target_shmdt(ptr);                                /* SHMDT */
    case 23: return do_shmget(first, second, third);                  /* SHMGET */
    case 24: return do_shmctl(first, second, ptr);                    /* SHMCTL */
    default: return -ENOSYS;
    }
}

IPC_CALL(mq_open, do_mq_open(a[0], a[1], a[2], a[3]))
IPC_CALL(mq_unlink, do_mq_unlink(a[0]))
IPC_CALL(mq_timedsend, do_mq_timed(a, 1, 0))
IPC_CALL(mq_timedsend_time64, do_mq_timed(a, 1, 1))
IPC_CALL(mq_timedreceive, do_mq_timed(a, 0, 0))
IPC_CALL(mq_timedreceive_time64, do_mq_timed(a, 0, 1))
IPC_CALL(mq_getsetattr, do_mq_getsetattr(a[0], a[1], a[2]))
IPC_CALL(mq_notify, do_mq_notify(a[0], a[1]))

IPC_CALL(semop, do_semtimedop(a[0], a[1], a[2], 0, 0))
IPC_CALL(semtimedop, do_semtimedop(a[0], a[1], a[2], a[3], 0))
