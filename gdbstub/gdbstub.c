/*
 * The gdb stub: gdb's remote serial protocol over TCP (gdb manual,
 * "Remote Protocol"), for one guest process, as qemu-user's -g port.
 *
 * Run control (all-stop).  The guest runs in linux-user's loop; the stub
 * is entered on the thread that stops (gdb_stop, gdb_trap): at start, at
 * a breakpoint, after a step or a watched write (EXCP_DEBUG), on Ctrl-C,
 * and before a signal is delivered.  That thread takes the stub's lock
 * and an exclusive section (exec/cpus.c), so every other thread is out of
 * generated code (parked at its loop's next cpu_exec_start, or blocked in
 * a system call) while gdb looks; it reports the stop
 * (T<sig>thread:<tid>;) and serves packets until gdb resumes with c, s,
 * C, S or vCont, whose signal becomes the one delivered.  Stops of
 * several threads queue on the lock and are reported one after the other.
 * Thread ids are the guest's tids (the host's, docs/threads.md).
 *
 * Watchpoints (Z2, write): while any is set, every thread runs one
 * instruction per TB (exec_singlestep) and the stub compares the watched
 * bytes after each instruction and system call; a change stops the
 * thread that made it with watch:<addr>, after the instruction, as an x86
 * debug register's data breakpoint traps (Intel SDM vol. 3, 18.2.4).  A
 * write of the value already there is not seen; gdb's `watch` reports only
 * changes anyway.  Read and access watchpoints (Z3, Z4) go to the engine
 * (exec/watch.c, which says why by page protection): it notes the access
 * of the instruction that touches the range, and the stub reports it with
 * rwatch:<addr> or awatch:<addr> after that instruction.
 *
 * Breakpoints never touch guest memory: Z0 adds the address to the
 * translator's breakpoint list (include/breakpoint.h) and drops the TBs
 * translated from it; the TB translated next stops before that
 * instruction.  A single step runs one instruction from an uncached TB
 * (exec_step_cpu, exec/cpu-exec.c).  Ctrl-C arrives as SIGIO on the
 * socket (O_ASYNC, owned by this process) while the guest runs.
 *
 * Packets served: ? g G p P m M X c s C S Z0-Z4/z0-z4 k D Hg Hc T
 * qC qfThreadInfo qsThreadInfo qAttached qSupported qXfer:features:read
 * qXfer:auxv:read qXfer:exec-file:read vFile:* vCont? vCont; anything
 * else gets the empty reply that means "not supported".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "breakpoint.h"
#include "exec-only.h"
#include "exec.h"
#include "exec-watch.h"
#include "gdb-guest.h"
#include "internal.h"
#include "log.h"
#include "tb.h"

static int gdb_fd = -1;
static GdbProcess process;
static volatile sig_atomic_t running;     /* the guest runs: Ctrl-C may come */
static volatile sig_atomic_t interrupted; /* Ctrl-C came */

/* One stop at a time is reported; held from a stop to the resume. */
static pthread_mutex_t stop_lock = PTHREAD_MUTEX_INITIALIZER;

/* The guest's threads, by tid, as gdb names them. */
typedef struct GdbThread {
    CPUState *env;
    int tid;
} GdbThread;
static pthread_mutex_t threads_lock = PTHREAD_MUTEX_INITIALIZER;
static GdbThread *threads;
static int nthreads, threads_room;

/* Set by Hg / Hc while stopped: whose registers g/p read, whom s steps. */
static CPUState *reg_env;
static int cont_tid;

/* Z2 write watchpoints, with the bytes last seen there. */
#define GDB_MAX_WATCH 16
#define GDB_WATCH_LEN 64
typedef struct Watch {
    uint32_t addr, len;
    uint8_t old[GDB_WATCH_LEN];
} Watch;
static Watch watches[GDB_MAX_WATCH];
static int nwatches;
/* Z3 read and Z4 access watchpoints, the engine's (exec/watch.c). */
static ExecWatch access_watches[EXEC_MAX_WATCH];
static int naccess;

/* Every thread runs one instruction at a time while any watchpoint is
 * set (gdb_trap, exec/watch.c). */
static void update_singlestep(void)
{
    exec_watch_set(access_watches, naccess);
    __atomic_store_n(&exec_singlestep, nwatches + naccess > 0, __ATOMIC_RELAXED);
}

/* Linux signal numbers (the same for every guest stitch runs) to gdb's
 * own numbering (gdb's include/gdb/signals.def), and back. */
static const uint8_t to_gdb[32] = {
    0, 1, 2, 3, 4, 5, 6, 10, 8, 9, 30, 11, 31, 13, 14, 15,
    143 & 0xff, 20, 19, 17, 18, 21, 22, 16, 24, 25, 26, 27, 28, 23, 32, 12,
};

static int gdb_signal(int sig)
{
    if (sig < 32)
        return to_gdb[sig];
    if (sig == 32)
        return 77;                  /* GDB_SIGNAL_REALTIME_32 */
    return sig <= 64 ? 45 + (sig - 33) : 143; /* REALTIME_33.. or UNKNOWN */
}

static int linux_signal(int gsig)
{
    for (int s = 1; s < 32; s++)
        if (to_gdb[s] == gsig)
            return s;
    if (gsig == 77)
        return 32;
    if (gsig >= 45 && gsig <= 45 + 31)
        return gsig - 45 + 33;
    return 0;
}

int gdb_attached(void)
{
    return gdb_fd >= 0;
}

int gdb_stepping(CPUState *env)
{
    return __atomic_load_n(&exec_singlestep, __ATOMIC_RELAXED) ||
           __atomic_load_n(&exec_step_cpu, __ATOMIC_RELAXED) == env;
}

/* ---- Threads -------------------------------------------------------------- */

static void thread_add(CPUState *env, int tid)
{
    pthread_mutex_lock(&threads_lock);
    for (int i = 0; i < nthreads; i++)
        if (threads[i].env == env) {
            threads[i].tid = tid;
            pthread_mutex_unlock(&threads_lock);
            return;
        }
    if (nthreads == threads_room) {
        int room = threads_room ? 2 * threads_room : 16;
        GdbThread *t = realloc(threads, (size_t)room * sizeof(*t));
        if (!t) { /* gdb will not list this thread; the guest runs on */
            pthread_mutex_unlock(&threads_lock);
            return;
        }
        threads = t;
        threads_room = room;
    }
    threads[nthreads++] = (GdbThread){env, tid};
    pthread_mutex_unlock(&threads_lock);
}

void gdb_thread_start(CPUState *env)
{
    if (gdb_fd >= 0)
        thread_add(env, (int)gettid());
}

void gdb_thread_exit(CPUState *env)
{
    pthread_mutex_lock(&threads_lock);
    for (int i = 0; i < nthreads; i++)
        if (threads[i].env == env) {
            threads[i] = threads[--nthreads];
            break;
        }
    if (reg_env == env)
        reg_env = NULL;
    pthread_mutex_unlock(&threads_lock);
    if (__atomic_load_n(&exec_step_cpu, __ATOMIC_RELAXED) == env)
        __atomic_store_n(&exec_step_cpu, NULL, __ATOMIC_RELAXED);
}

/* Under threads_lock. */
static CPUState *thread_env(int tid)
{
    for (int i = 0; i < nthreads; i++)
        if (threads[i].tid == tid)
            return threads[i].env;
    return NULL;
}

static int thread_tid(const CPUState *env)
{
    for (int i = 0; i < nthreads; i++)
        if (threads[i].env == env)
            return threads[i].tid;
    return 0;
}

/* qfThreadInfo: every thread's id, in hex (gdb docs, "thread-id"). */
static size_t thread_list(char *reply)
{
    size_t w = 0;

    reply[w++] = 'm';
    for (int i = 0; i < nthreads && w < GDB_PACKET_MAX - 16; i++)
        w += (size_t)sprintf(reply + w, "%s%x", i ? "," : "", threads[i].tid);
    return w;
}

/* ---- Connection ---------------------------------------------------------- */

int gdbserver_start(int port, const GdbProcess *proc)
{
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    int one = 1;
    int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

    if (s < 0)
        return -1;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (bind(s, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(s, 1) < 0) {
        int e = errno;
        close(s);
        errno = e;
        return -1;
    }
    int c;
    while ((c = accept4(s, NULL, NULL, SOCK_CLOEXEC)) < 0 && errno == EINTR)
        ;
    close(s);
    if (c < 0)
        return -1;
    setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    /* stitch's own, as its log is (util/log.c): hidden from the guest,
     * EBADF for its calls, moved if it asks for the number. */
    if (log_fd_hold(c, &gdb_fd) < 0)
        return -1;
    /* Ctrl-C: SIGIO with si_fd, to this process (gdb_sigio). */
    fcntl(gdb_fd, F_SETOWN, getpid());
    fcntl(gdb_fd, F_SETSIG, SIGIO);
    process = *proc;
    return 0;
}

static void disconnect(void)
{
    log_fd_drop(&gdb_fd);
    gdb_vfile_close_all();
    __atomic_store_n(&exec_singlestep, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&exec_step_cpu, NULL, __ATOMIC_RELAXED);
    nwatches = 0;
    naccess = 0;
    exec_watch_set(NULL, 0);
    cpu_breakpoint_remove_all();
    tb_invalidate_range(0, 0xffffffffu); /* the TBs that stop at breakpoints */
}

void gdb_fork_child(void)
{
    if (gdb_fd >= 0)
        disconnect();
}

static void set_async(int on)
{
    int fl = fcntl(gdb_fd, F_GETFL);

    if (fl >= 0)
        fcntl(gdb_fd, F_SETFL, on ? fl | O_ASYNC : fl & ~O_ASYNC);
}

int gdb_sigio(int fd)
{
    uint8_t c;

    if (fd != gdb_fd || gdb_fd < 0)
        return 0;
    if (running && recv(gdb_fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) == 1 && c == 0x03) {
        recv(gdb_fd, &c, 1, MSG_DONTWAIT);
        __atomic_store_n(&interrupted, 1, __ATOMIC_RELAXED);
    }
    return 1;
}

/* Ctrl-C is reported by the gdb_stop(SIGINT) that follows. */
static __thread int interrupt_taken;

/* Every thread leaving generated code asks (cpu-loop.c): one takes it. */
int gdb_take_interrupt(void)
{
    int i = __atomic_exchange_n(&interrupted, 0, __ATOMIC_RELAXED);

    interrupt_taken = i;
    return i;
}

static void put(const char *s)
{
    if (gdb_fd >= 0 && gdb_put_packet(gdb_fd, s, strlen(s)) < 0)
        disconnect();
}

void gdb_exit(int status)
{
    char buf[16];

    if (gdb_fd < 0)
        return;
    snprintf(buf, sizeof(buf), "W%02x", status & 0xff);
    put(buf);
    disconnect();
}

void gdb_signalled(int sig)
{
    char buf[16];

    if (gdb_fd < 0)
        return;
    snprintf(buf, sizeof(buf), "X%02x", gdb_signal(sig) & 0xff);
    put(buf);
    disconnect();
}

/* ---- Registers and memory ------------------------------------------------ */

static size_t read_all_regs(CPUState *env, char *out)
{
    uint8_t buf[16];
    size_t w = 0;

    for (int n = 0; n < gdb_num_regs; n++) {
        int size = gdb_read_register(env, buf, n);
        if (size > 0)
            w += gdb_hex(out + w, buf, (size_t)size);
    }
    return w;
}

static int write_all_regs(CPUState *env, const char *hex)
{
    uint8_t buf[16];

    for (int n = 0; n < gdb_num_regs && *hex; n++) {
        int size = gdb_read_register(env, buf, n); /* its size */
        if (size <= 0 || strlen(hex) < 2 * (size_t)size ||
            gdb_unhex(buf, hex, (size_t)size) < 0)
            return -1;
        gdb_write_register(env, buf, n);
        ibtc_clear(env); /* the TB flags may follow the register (guest.h) */
        hex += 2 * size;
    }
    return 0;
}

/* May gdb read (write) guest [addr, addr+len)?  The page flags say what
 * the guest has mapped; the stub reads nothing else (nothing of stitch).
 * An execute-only page is readable to gdb, as ptrace reads it natively
 * (FOLL_FORCE, and no key check for another process's access). */
static int guest_mem_ok(uint32_t addr, uint32_t len, int flag)
{
    if (len == 0)
        return 1;
    if ((uint64_t)addr + len > (1ull << 32))
        return 0;
    int any = flag == PAGE_READ ? PAGE_READ | PAGE_EXEC : flag;
    for (uint64_t p = addr & ~(uint64_t)(GUEST_PAGE_SIZE - 1); p < (uint64_t)addr + len;
         p += GUEST_PAGE_SIZE) {
        int f = page_get_flags((uint32_t)p);
        if (!(f & PAGE_VALID) || !(f & any))
            return 0;
    }
    return 1;
}

/* gdb's read of guest memory, execute-only pages too (include/exec-only.h). */
static void read_mem(void *dst, uint32_t addr, uint32_t len)
{
    uint32_t pkru = exec_only_open();

    memcpy(dst, g2h(addr), len);
    exec_only_close(pkru);
}

/* A write: the TBs translated from those bytes go first, which also lifts
 * the host write protection of code pages (exec/tb.c). */
static int write_mem(uint32_t addr, const uint8_t *data, uint32_t len)
{
    if (!guest_mem_ok(addr, len, PAGE_WRITE))
        return -1;
    tb_invalidate_range(addr, addr + len);
    memcpy(g2h(addr), data, len);
    return 0;
}

/* ---- qXfer ---------------------------------------------------------------- */

/* Reply with the part [off, off+len) of an object: m (more) or l (last). */
static size_t xfer_reply(char *reply, const uint8_t *obj, size_t size, unsigned long off,
                         unsigned long len)
{
    size_t used;

    if (off >= size) {
        reply[0] = 'l';
        return 1;
    }
    if (len > size - off)
        len = size - off;
    if (len > GDB_PACKET_MAX / 2)
        len = GDB_PACKET_MAX / 2;
    size_t w = gdb_escape(reply + 1, GDB_PACKET_MAX - 2, obj + off, len, &used);
    reply[0] = off + used < size ? 'm' : 'l';
    return w + 1;
}

static size_t qxfer(const char *q, char *reply)
{
    unsigned long off, len;
    const char *args = strrchr(q, ':');

    if (!args || sscanf(args + 1, "%lx,%lx", &off, &len) != 2)
        return (size_t)sprintf(reply, "E00");
    if (!strncmp(q, "features:read:target.xml:", 25))
        return xfer_reply(reply, (const uint8_t *)gdb_target_xml, strlen(gdb_target_xml), off, len);
    if (!strncmp(q, "auxv:read::", 11))
        return xfer_reply(reply, process.auxv, process.auxv_len, off, len);
    if (!strncmp(q, "exec-file:read:", 15))
        return xfer_reply(reply, (const uint8_t *)process.exe_path, strlen(process.exe_path),
                          off, len);
    return 0;
}

/* ---- Packets -------------------------------------------------------------- */

enum { STAY, RESUME };

/* Z2/z2 addr,kind: a write watchpoint on kind bytes at addr. */
static int watchpoint(char op, uint32_t addr, const char *args, char *reply)
{
    unsigned long len;
    const char *comma = strrchr(args, ',');

    if (!comma || sscanf(comma + 1, "%lx", &len) != 1 || len == 0 || len > GDB_WATCH_LEN ||
        !guest_mem_ok(addr, (uint32_t)len, PAGE_READ))
        return sprintf(reply, "E22");
    if (op == 'z') {
        for (int i = 0; i < nwatches; i++)
            if (watches[i].addr == addr && watches[i].len == len) {
                watches[i] = watches[--nwatches];
                update_singlestep();
                return sprintf(reply, "OK");
            }
        return sprintf(reply, "E22");
    }
    if (nwatches == GDB_MAX_WATCH)
        return sprintf(reply, "E28"); /* ENOSPC */
    Watch *w = &watches[nwatches++];
    w->addr = addr;
    w->len = (uint32_t)len;
    read_mem(w->old, addr, (uint32_t)len);
    update_singlestep();
    return sprintf(reply, "OK");
}

/* Z3/z3, Z4/z4 addr,kind: a read / access watchpoint on kind bytes. */
static int access_watchpoint(char op, unsigned type, uint32_t addr, const char *args,
                             char *reply)
{
    unsigned long len;
    const char *comma = strrchr(args, ',');

    if (!comma || sscanf(comma + 1, "%lx", &len) != 1 || len == 0 || len > GDB_WATCH_LEN ||
        !guest_mem_ok(addr, (uint32_t)len, PAGE_READ))
        return sprintf(reply, "E22");
    if (op == 'z') {
        for (int i = 0; i < naccess; i++)
            if (access_watches[i].addr == addr && access_watches[i].len == len &&
                access_watches[i].kind == (int)type) {
                access_watches[i] = access_watches[--naccess];
                update_singlestep();
                return sprintf(reply, "OK");
            }
        return sprintf(reply, "E22");
    }
    if (naccess == EXEC_MAX_WATCH)
        return sprintf(reply, "E28"); /* ENOSPC */
    access_watches[naccess++] = (ExecWatch){addr, (uint32_t)len, (int)type};
    update_singlestep();
    return sprintf(reply, "OK");
}

/* The first watched range whose bytes changed since last seen (the new
 * ones are remembered): its address in *addr. */
static int watch_hit(uint32_t *addr)
{
    for (int i = 0; i < nwatches; i++) {
        Watch *w = &watches[i];
        uint8_t now[GDB_WATCH_LEN];
        if (!guest_mem_ok(w->addr, w->len, PAGE_READ))
            continue;
        read_mem(now, w->addr, w->len);
        if (!memcmp(w->old, now, w->len))
            continue;
        memcpy(w->old, now, w->len);
        *addr = w->addr;
        return 1;
    }
    return 0;
}

static int breakpoint(char op, const char *args, char *reply)
{
    unsigned type;
    unsigned long addr;

    if (sscanf(args, "%x,%lx", &type, &addr) != 2 || addr > 0xffffffffu)
        return sprintf(reply, "E22");
    if (type == 2)
        return watchpoint(op, (uint32_t)addr, args, reply);
    if (type == EXEC_WATCH_READ || type == EXEC_WATCH_ACCESS)
        return access_watchpoint(op, type, (uint32_t)addr, args, reply);
    if (type > 4)
        return 0; /* not a type gdb defines: "not supported" */
    int r = op == 'Z' ? cpu_breakpoint_insert((uint32_t)addr)
                      : cpu_breakpoint_remove((uint32_t)addr);
    tb_invalidate_range((uint32_t)addr, (uint32_t)addr + 1);
    return sprintf(reply, r < 0 ? "E22" : "OK");
}

static size_t mem_read(const char *args, char *reply)
{
    unsigned long addr, len;

    if (sscanf(args, "%lx,%lx", &addr, &len) != 2 || len > GDB_PACKET_MAX / 2 ||
        addr > 0xffffffffu || !guest_mem_ok((uint32_t)addr, (uint32_t)len, PAGE_READ))
        return (size_t)sprintf(reply, "E14"); /* EFAULT */
    uint8_t buf[GDB_PACKET_MAX / 2];
    read_mem(buf, (uint32_t)addr, (uint32_t)len);
    return gdb_hex(reply, buf, len);
}

static size_t mem_write(char kind, const char *args, size_t plen, char *reply)
{
    static uint8_t data[GDB_PACKET_MAX];
    unsigned long addr, len;
    const char *colon = strchr(args, ':');
    long n;

    if (!colon || sscanf(args, "%lx,%lx", &addr, &len) != 2 || len > sizeof(data) ||
        addr > 0xffffffffu)
        return (size_t)sprintf(reply, "E22");
    size_t dlen = plen - (size_t)(colon + 1 - (args - 1));
    n = kind == 'X' ? gdb_unescape(data, colon + 1, dlen)
                    : (dlen >= 2 * len ? gdb_unhex(data, colon + 1, len) : -1);
    if (n != (long)len || write_mem((uint32_t)addr, data, (uint32_t)len) < 0)
        return (size_t)sprintf(reply, "E14");
    return (size_t)sprintf(reply, "OK");
}

static size_t reg_one(CPUState *env, char op, const char *args, char *reply)
{
    uint8_t buf[16];
    char *end;
    int n = (int)strtol(args, &end, 16);
    int size = gdb_read_register(env, buf, n);

    if (size <= 0)
        return (size_t)sprintf(reply, "E22");
    if (op == 'p')
        return gdb_hex(reply, buf, (size_t)size);
    if (*end != '=' || strlen(end + 1) < 2 * (size_t)size ||
        gdb_unhex(buf, end + 1, (size_t)size) < 0)
        return (size_t)sprintf(reply, "E22");
    gdb_write_register(env, buf, n);
    ibtc_clear(env); /* the TB flags may follow the register (guest.h) */
    return (size_t)sprintf(reply, "OK");
}

static void step_thread(CPUState *env)
{
    __atomic_store_n(&exec_step_cpu, env, __ATOMIC_RELAXED);
}

/* c/s [addr], C/S sig[;addr]: resume, stepping or not, delivering sig.
 * s steps the thread Hc chose, or the stopped one. */
static int resume(CPUState *env, const char *pkt, int *deliver)
{
    char op = pkt[0];
    const char *addr = pkt + 1;

    *deliver = 0;
    if (op == 'C' || op == 'S') {
        *deliver = linux_signal((int)strtol(pkt + 1, NULL, 16));
        addr = strchr(pkt, ';');
        addr = addr ? addr + 1 : "";
    }
    if (*addr) {
        uint8_t pc[4];
        uint32_t a = (uint32_t)strtoul(addr, NULL, 16);
        memcpy(pc, &a, 4);
        gdb_write_register(env, pc, gdb_pc_regnum);
    }
    if (op == 's' || op == 'S') {
        pthread_mutex_lock(&threads_lock);
        CPUState *t = cont_tid > 0 ? thread_env(cont_tid) : NULL;
        pthread_mutex_unlock(&threads_lock);
        step_thread(t ? t : env);
    }
    return RESUME;
}

/*
 * vCont;action[:tid]... (gdb docs, "vCont"): the first action naming the
 * stopped thread, or naming none, is that thread's; a C or S signal goes
 * to it only (in all-stop gdb passes a signal to the thread that got it).
 * A step (s, S) runs one instruction of its thread; every other thread
 * continues meanwhile, also for `vCont;s:tid` without a default action,
 * which gdb sends with scheduler-locking on (not honoured: documented in
 * docs/gdb.md).
 */
static int vcont(CPUState *env, const char *p, int *deliver)
{
    int tid_self = thread_tid(env), decided = 0;
    CPUState *step = NULL;

    *deliver = 0;
    while (*p == ';') {
        char a = p[1];
        char *end = (char *)p + 2;
        int sig = 0;
        long tid = -1;

        if (a == 'C' || a == 'S')
            sig = linux_signal((int)strtol(end, &end, 16));
        if (*end == ':')
            tid = strtol(end + 1, &end, 16);
        p = end;
        CPUState *t = tid == -1 ? env : thread_env((int)tid);
        if ((a == 's' || a == 'S') && !step && t)
            step = t;
        if (!decided && (tid == -1 || tid == tid_self)) {
            decided = 1;
            *deliver = sig;
        }
    }
    if (step)
        step_thread(step);
    return RESUME;
}

static size_t query(const CPUState *self_env, const char *q, char *reply)
{
    if (!strncmp(q, "qSupported", 10))
        return (size_t)sprintf(reply, "PacketSize=%x;qXfer:features:read+;qXfer:auxv:read+;"
                               "qXfer:exec-file:read+", GDB_PACKET_MAX);
    if (!strncmp(q, "qXfer:", 6))
        return qxfer(q + 6, reply);
    if (!strcmp(q, "qC"))
        return (size_t)sprintf(reply, "QC%x", thread_tid(self_env));
    if (!strcmp(q, "qfThreadInfo"))
        return thread_list(reply);
    if (!strcmp(q, "qsThreadInfo"))
        return (size_t)sprintf(reply, "l");
    if (!strncmp(q, "qAttached", 9))
        return (size_t)sprintf(reply, "1");
    return 0;
}

/* Why the thread stopped, besides the signal: a watched address; the
 * debugger's own stop (start, breakpoint, step, watchpoint, Ctrl-C), not
 * a guest signal. */
static int stop_own, started;
static int stop_watched; /* 2: watch, 3: rwatch, 4: awatch (Z types) */
static uint32_t stop_watch_addr;

static void stop_reply(const CPUState *env, int sig)
{
    char buf[64];
    int n = snprintf(buf, sizeof(buf), "T%02x", gdb_signal(sig) & 0xff);

    static const char *const what[] = {[2] = "watch", [3] = "rwatch", [4] = "awatch"};

    if (stop_watched)
        n += snprintf(buf + n, sizeof(buf) - (size_t)n, "%s:%x;", what[stop_watched],
                      stop_watch_addr);
    snprintf(buf + n, sizeof(buf) - (size_t)n, "thread:%x;", thread_tid(env));
    put(buf);
}

/* Hg/Hc tid (0: any, -1: all). */
static size_t set_thread(CPUState *env, const char *p, char *reply)
{
    char op = p[0];
    long tid = strtol(p + 1, NULL, 16);
    CPUState *t = tid > 0 ? thread_env((int)tid) : env;

    if (!t)
        return (size_t)sprintf(reply, "E02");
    if (op == 'g')
        reg_env = t;
    else if (op == 'c')
        cont_tid = tid > 0 ? (int)tid : 0;
    return (size_t)sprintf(reply, "OK");
}

/* T tid: is the thread alive? */
static size_t thread_alive(const char *p, char *reply)
{
    return (size_t)sprintf(reply, thread_env((int)strtol(p, NULL, 16)) ? "OK" : "E01");
}

/* One packet; RESUME when the guest is to run again. */
static int handle(CPUState *env, const char *pkt, size_t plen, int sig, int *deliver)
{
    static char reply[GDB_PACKET_MAX + 1];
    size_t len = 0;
    CPUState *regs = reg_env ? reg_env : env;

    switch (pkt[0]) {
    case '?': stop_reply(env, sig); return STAY;
    case 'g': len = read_all_regs(regs, reply); break;
    case 'G': len = (size_t)sprintf(reply, write_all_regs(regs, pkt + 1) < 0 ? "E22" : "OK"); break;
    case 'p': case 'P': len = reg_one(regs, pkt[0], pkt + 1, reply); break;
    case 'm': len = mem_read(pkt + 1, reply); break;
    case 'M': case 'X': len = mem_write(pkt[0], pkt + 1, plen, reply); break;
    case 'c': case 's': case 'C': case 'S': return resume(env, pkt, deliver);
    case 'Z': case 'z': len = (size_t)breakpoint(pkt[0], pkt + 1, reply); break;
    case 'H': len = set_thread(env, pkt + 1, reply); break;
    case 'T': len = thread_alive(pkt + 1, reply); break;
    case 'D':
        put("OK");
        disconnect();
        /* A trap or Ctrl-C of the debugger's own dies with it; a guest
         * signal gdb was told of goes on to the guest. */
        *deliver = stop_own ? 0 : sig;
        return RESUME;
    case 'k':
        disconnect();
        exit(0); /* gdb killed the inferior */
    case 'q': len = query(env, pkt, reply); break;
    case 'v':
        if (!strcmp(pkt, "vCont?"))
            len = (size_t)sprintf(reply, "vCont;c;C;s;S");
        else if (!strncmp(pkt, "vCont;", 6))
            return vcont(env, pkt + 5, deliver);
        else if (!strncmp(pkt, "vFile:", 6))
            gdb_vfile(&process, pkt + 6, reply, &len);
        else if (!strncmp(pkt, "vKill", 5)) {
            put("OK");
            disconnect();
            exit(0);
        }
        break;
    }
    if (gdb_fd >= 0 && gdb_put_packet(gdb_fd, reply, len) < 0)
        disconnect();
    return STAY;
}

/* Serve gdb for the stop of env's thread, other threads held out of
 * generated code; under stop_lock. */
static int serve_stop(CPUState *env, int sig)
{
    static char pkt[GDB_PACKET_MAX + 2]; /* PacketSize bytes, and the NUL */
    int deliver = sig;

    start_exclusive();
    running = 0;
    set_async(0);
    __atomic_store_n(&exec_step_cpu, NULL, __ATOMIC_RELAXED);
    cont_tid = 0;
    thread_add(env, (int)gettid());
    pthread_mutex_lock(&threads_lock);
    reg_env = NULL;
    pthread_mutex_unlock(&threads_lock);
    stop_reply(env, sig);
    for (;;) {
        int n = gdb_fd < 0 ? -1 : gdb_get_packet(gdb_fd, pkt, sizeof(pkt));
        if (n < 0) { /* gdb went away: run on without it */
            if (gdb_fd >= 0)
                disconnect();
            deliver = sig;
            break;
        }
        if (pkt[0] == 0x03)
            continue; /* already stopped */
        /* threads_lock: an exiting thread's CPUState stays until the
         * packet that may read it is answered. */
        pthread_mutex_lock(&threads_lock);
        int r = handle(env, pkt, (size_t)n, sig, &deliver);
        pthread_mutex_unlock(&threads_lock);
        if (r == RESUME)
            break;
    }
    stop_watched = 0;
    if (gdb_fd >= 0) {
        running = 1;
        set_async(1);
        /* A Ctrl-C sent before O_ASYNC was set raised no SIGIO. */
        gdb_sigio(gdb_fd);
    }
    end_exclusive();
    return deliver;
}

int gdb_stop(CPUState *env, int sig)
{
    if (gdb_fd < 0)
        return sig;
    pthread_mutex_lock(&stop_lock);
    stop_own = !started || interrupt_taken;
    started = 1;
    interrupt_taken = 0;
    int deliver = gdb_fd < 0 ? sig : serve_stop(env, sig);
    pthread_mutex_unlock(&stop_lock);
    return deliver;
}

/*
 * EXCP_DEBUG on env's thread, or a system call it made while stepping:
 * report it if it is a breakpoint, the step gdb asked for of this
 * thread, or a watched write; otherwise (another thread's step, an
 * instruction run only to check watchpoints, a breakpoint removed
 * meanwhile) the thread runs on.
 */
int gdb_trap(CPUState *env)
{
    uint8_t pc[4];
    uint32_t pc32, addr;
    int deliver = 0;

    if (gdb_fd < 0)
        return 0;
    gdb_read_register(env, pc, gdb_pc_regnum);
    memcpy(&pc32, pc, 4);
    pthread_mutex_lock(&stop_lock);
    int hit = __atomic_load_n(&exec_step_cpu, __ATOMIC_RELAXED) == env ||
              cpu_breakpoint_check(pc32);
    int kind = exec_watch_take_hit(&addr);
    if (watch_hit(&addr))
        kind = 2;
    if (kind) {
        hit = 1;
        stop_watched = kind;
        stop_watch_addr = addr;
    }
    if (hit && gdb_fd >= 0) {
        stop_own = 1;
        deliver = serve_stop(env, SIGTRAP);
    }
    pthread_mutex_unlock(&stop_lock);
    return deliver;
}
