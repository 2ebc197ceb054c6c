/*
 * The gdb stub: gdb's remote serial protocol over TCP (gdb manual,
 * "Remote Protocol"), for one guest process, as qemu-user's -g port.
 *
 * Run control.  The guest runs in linux-user's loop; the stub is entered
 * when it stops (gdb_stop): at start, at a breakpoint or after a step
 * (EXCP_DEBUG), on Ctrl-C, and before a signal is delivered.  It reports
 * the stop (T<sig>thread:1;) and serves packets until gdb resumes it with
 * c, s, C or S, whose signal becomes the one delivered.
 *
 * Breakpoints never touch guest memory: Z0 adds the address to the
 * translator's breakpoint list (include/breakpoint.h) and drops the TBs
 * translated from it; the TB translated next stops before that
 * instruction.  A single step runs one instruction from an uncached TB
 * (exec_singlestep, exec/cpu-exec.c).  Ctrl-C arrives as SIGIO on the
 * socket (O_ASYNC, owned by this process) while the guest runs.
 *
 * Packets served: ? g G p P m M X c s C S Z0/z0 Z1/z1 k D H T qC
 * qfThreadInfo qsThreadInfo qAttached qSupported qXfer:features:read
 * qXfer:auxv:read qXfer:exec-file:read vFile:* vCont?; anything else gets
 * the empty reply that means "not supported".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "breakpoint.h"
#include "exec.h"
#include "gdb-guest.h"
#include "internal.h"

static int gdb_fd = -1;
static GdbProcess process;
static volatile sig_atomic_t running;     /* the guest runs: Ctrl-C may come */
static volatile sig_atomic_t interrupted; /* Ctrl-C came */
static int stepping;

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

int gdb_stepping(void)
{
    return stepping;
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
    gdb_fd = fcntl(c, F_DUPFD_CLOEXEC, GDB_FD_MIN);
    close(c);
    if (gdb_fd < 0)
        return -1;
    /* Ctrl-C: SIGIO with si_fd, to this process (gdb_sigio). */
    fcntl(gdb_fd, F_SETOWN, getpid());
    fcntl(gdb_fd, F_SETSIG, SIGIO);
    process = *proc;
    return 0;
}

static void disconnect(void)
{
    close(gdb_fd);
    gdb_fd = -1;
    stepping = 0;
    exec_singlestep = 0;
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
        interrupted = 1;
    }
    return 1;
}

int gdb_take_interrupt(void)
{
    int i = interrupted;

    interrupted = 0;
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
        hex += 2 * size;
    }
    return 0;
}

/* May gdb read (write) guest [addr, addr+len)?  The page flags say what
 * the guest has mapped; the stub reads nothing else (nothing of stitch). */
static int guest_mem_ok(uint32_t addr, uint32_t len, int flag)
{
    if (len == 0)
        return 1;
    if ((uint64_t)addr + len > (1ull << 32))
        return 0;
    for (uint64_t p = addr & ~(uint64_t)(GUEST_PAGE_SIZE - 1); p < (uint64_t)addr + len;
         p += GUEST_PAGE_SIZE)
        if ((page_get_flags((uint32_t)p) & (PAGE_VALID | flag)) != (PAGE_VALID | flag))
            return 0;
    return 1;
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

static int breakpoint(char op, const char *args, char *reply)
{
    unsigned type;
    unsigned long addr;

    if (sscanf(args, "%x,%lx", &type, &addr) != 2 || addr > 0xffffffffu)
        return sprintf(reply, "E22");
    if (type > 1) /* watchpoints: not supported (empty reply) */
        return 0;
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
    return gdb_hex(reply, g2h((uint32_t)addr), len);
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
    return (size_t)sprintf(reply, "OK");
}

/* c/s [addr], C/S sig[;addr]: resume, stepping or not, delivering sig. */
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
    stepping = op == 's' || op == 'S';
    exec_singlestep = stepping;
    return RESUME;
}

static size_t query(const char *q, char *reply)
{
    if (!strncmp(q, "qSupported", 10))
        return (size_t)sprintf(reply, "PacketSize=%x;qXfer:features:read+;qXfer:auxv:read+;"
                               "qXfer:exec-file:read+", GDB_PACKET_MAX);
    if (!strncmp(q, "qXfer:", 6))
        return qxfer(q + 6, reply);
    if (!strcmp(q, "qC"))
        return (size_t)sprintf(reply, "QC1");
    if (!strcmp(q, "qfThreadInfo"))
        return (size_t)sprintf(reply, "m1");
    if (!strcmp(q, "qsThreadInfo"))
        return (size_t)sprintf(reply, "l");
    if (!strncmp(q, "qAttached", 9))
        return (size_t)sprintf(reply, "1");
    return 0;
}

static void stop_reply(int sig)
{
    char buf[32];

    snprintf(buf, sizeof(buf), "T%02xthread:1;", gdb_signal(sig) & 0xff);
    put(buf);
}

/* One packet; RESUME when the guest is to run again. */
static int handle(CPUState *env, const char *pkt, size_t plen, int sig, int *deliver)
{
    static char reply[GDB_PACKET_MAX + 1];
    size_t len = 0;

    switch (pkt[0]) {
    case '?': stop_reply(sig); return STAY;
    case 'g': len = read_all_regs(env, reply); break;
    case 'G': len = (size_t)sprintf(reply, write_all_regs(env, pkt + 1) < 0 ? "E22" : "OK"); break;
    case 'p': case 'P': len = reg_one(env, pkt[0], pkt + 1, reply); break;
    case 'm': len = mem_read(pkt + 1, reply); break;
    case 'M': case 'X': len = mem_write(pkt[0], pkt + 1, plen, reply); break;
    case 'c': case 's': case 'C': case 'S': return resume(env, pkt, deliver);
    case 'Z': case 'z': len = (size_t)breakpoint(pkt[0], pkt + 1, reply); break;
    case 'H': case 'T': len = (size_t)sprintf(reply, "OK"); break;
    case 'D':
        put("OK");
        disconnect();
        *deliver = sig;
        return RESUME;
    case 'k':
        disconnect();
        exit(0); /* gdb killed the inferior */
    case 'q': len = query(pkt, reply); break;
    case 'v':
        if (!strncmp(pkt, "vFile:", 6))
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

int gdb_stop(CPUState *env, int sig)
{
    static char pkt[GDB_PACKET_MAX + 2]; /* PacketSize bytes, and the NUL */
    int deliver = sig;

    if (gdb_fd < 0)
        return sig;
    running = 0;
    set_async(0);
    stepping = 0;
    exec_singlestep = 0;
    stop_reply(sig);
    for (;;) {
        int n = gdb_fd < 0 ? -1 : gdb_get_packet(gdb_fd, pkt, sizeof(pkt));
        if (n < 0) { /* gdb went away: run on without it */
            if (gdb_fd >= 0)
                disconnect();
            return sig;
        }
        if (pkt[0] == 0x03)
            continue; /* already stopped */
        if (handle(env, pkt, (size_t)n, sig, &deliver) == RESUME)
            break;
    }
    if (gdb_fd >= 0) {
        running = 1;
        set_async(1);
        /* A Ctrl-C sent before O_ASYNC was set raised no SIGIO. */
        gdb_sigio(gdb_fd);
    }
    return deliver;
}
