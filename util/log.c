/*
 * The -d log (items listed once in include/log.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE /* memmem, gettid */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"

FILE *stitch_logfile;
FILE *stitch_err;
unsigned stitch_loglevel;

static const struct {
    const char *name;
    const char *help;
} items[] = {
#define LOG_ITEM(name, help) {#name, help},
    LOG_ITEMS(LOG_ITEM)
#undef LOG_ITEM
};
#define NB_ITEMS (sizeof(items) / sizeof(items[0]))

void log_print_help(FILE *f)
{
    fprintf(f, "Log items (comma separated):\n");
    for (size_t i = 0; i < NB_ITEMS; i++)
        fprintf(f, "%-10s %s\n", items[i].name, items[i].help);
}

static int item_bit(const char *name, size_t len)
{
    for (size_t i = 0; i < NB_ITEMS; i++)
        if (strlen(items[i].name) == len && !strncmp(items[i].name, name, len))
            return (int)i;
    return -1;
}

int log_parse_items(const char *spec, unsigned *mask)
{
    *mask = 0;
    if (strcmp(spec, "help") == 0)
        return 0;
    for (const char *p = spec; *p;) {
        size_t len = strcspn(p, ",");
        int bit = item_bit(p, len);
        if (bit < 0)
            return -1;
        *mask |= 1u << bit;
        p += len + (p[len] == ',');
    }
    return 1;
}

/*
 * Threads.  While the guest has one thread, log_printf writes through, so
 * a line shows even if the call it describes then blocks.  Once it has
 * more (log_threaded), each thread gathers its own line and writes it
 * whole with one fwrite (one lock of the stream), so lines of different
 * threads never mix, and each line starts with "[tid] ", the guest's
 * thread id (the host's: docs/threads.md), unless its writer said it
 * starts with the tid already (log_line_tagged: -strace's "tid name(",
 * qemu's format).  A -strace line of a blocking call then shows when the
 * call returns.
 */
int log_threaded;
#define LOG_LINE_MAX 1024
static __thread char line[LOG_LINE_MAX];
static __thread size_t line_len;
static __thread int mid_line;     /* the last write ended inside a line */
static __thread int line_tagged;
static __thread int my_tid;
static __thread int line_broken;

static FILE *log_file(void)
{
    return stitch_logfile ? stitch_logfile : stderr;
}

/*
 * -d tid (qemu's LOG_PER_THREAD): each thread opens its own file when it
 * first logs and closes it when it exits.  The files are unbuffered, as
 * stitch's stderr is: a line is one write, so nothing is left to flush
 * when the process ends by exit_group or a signal, nor copied into a
 * fork child's buffer.  They are opened for appending, never truncated:
 * a guest's execve starts stitch again, and its first thread goes on in
 * the file of the thread that called execve (which takes the pid,
 * fs/exec.c de_thread) instead of erasing it.
 */
int log_per_thread_on;
static char thread_template[PATH_MAX];
static __thread FILE *thread_file;
static __thread int thread_file_failed;

/*
 * stitch's own streams (its stderr copy, the -D log, the -d tid files)
 * write through a descriptor that is stitch's, not the guest's: a cookie
 * stream whose descriptor can change under the stream's lock, so that a
 * guest that asks for that number (dup2 onto it, F_DUPFD) gets it, as
 * natively where it is free, and the stream goes on from another one
 * (log_fd_vacate).  The registry lists them for close, close_range and
 * the /proc/self/fd listing, which skip them.
 */
typedef struct {
    FILE *f; /* NULL: a bare descriptor (log_fd_hold) */
    int fd;
    int thread; /* a -d tid file, which fork's child does not write */
    int *slot;  /* a bare one's owner's copy of fd */
} OwnStream;

static pthread_mutex_t kept_lock = PTHREAD_MUTEX_INITIALIZER;
static OwnStream **kept;
static size_t nkept, kept_cap;

/*
 * The registry's numbers, for another process that runs this stitch
 * binary to read with process_vm_readv at the same address (stitch is
 * linked at a fixed one): its guest lists this process's /proc/<pid>/fd
 * (linux-user/proc-self.c).  A sequence count, odd while they change,
 * tells that reader to read again; the array may be freed under it.  A
 * change is made whole under kept_lock, from before a descriptor takes
 * its number (the fcntl that moves it up) until the list has it, and
 * from before the list loses one until it is closed, so the reader
 * never sees one of them open and not listed; and changes never
 * overlap, so the count is odd only for a system call or two.
 */
LogOwnFds log_own_fds;
static size_t own_fds_cap;

/* Under kept_lock: a change begins. */
static void change_begin(void)
{
    /* Odd already if fork cut one short.  An acquire-release exchange,
     * not a store and a fence, keeps the list's writes after it and
     * builds under ThreadSanitizer, which rejects fences. */
    __atomic_exchange_n(&log_own_fds.seq, log_own_fds.seq | 1, __ATOMIC_ACQ_REL);
}

/* Under kept_lock: a change is done, the list the registry's again. */
static void change_end(void)
{
    if (own_fds_cap < nkept) {
        int *a = realloc(log_own_fds.fds, kept_cap * sizeof(*a));
        if (a)
            log_own_fds.fds = a, own_fds_cap = kept_cap;
    }
    uint32_t n = 0;
    for (size_t i = 0; i < nkept && n < own_fds_cap; i++)
        log_own_fds.fds[n++] = kept[i]->fd;
    log_own_fds.n = n;
    __atomic_store_n(&log_own_fds.seq, log_own_fds.seq + 1, __ATOMIC_RELEASE);
}

/* Under kept_lock: s joins the registry; 0 if there is no room. */
static int keep_locked(OwnStream *s)
{
    if (nkept == kept_cap) {
        size_t cap = kept_cap ? 2 * kept_cap : 16;
        OwnStream **k = realloc(kept, cap * sizeof(*k));
        if (k)
            kept = k, kept_cap = cap;
    }
    if (nkept == kept_cap)
        return 0;
    kept[nkept++] = s;
    return 1;
}

/* Under kept_lock: s's descriptor, a copy of fd from LOG_OWN_FD_MIN up
 * (close-on-exec), registered, in one change; -1 and errno if not. */
static int take_number(OwnStream *s, int fd)
{
    change_begin();
    int high = fcntl(fd, F_DUPFD_CLOEXEC, LOG_OWN_FD_MIN);
    int e = errno;
    if (high >= 0 && !keep_locked(s)) {
        close(high);
        high = -1, e = ENOMEM;
    }
    s->fd = high;
    change_end();
    errno = e;
    return high;
}

static ssize_t own_write(void *cookie, const char *buf, size_t n)
{
    OwnStream *s = cookie;
    size_t done = 0;

    while (done < n) {
        ssize_t w = write(s->fd, buf + done, n - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return done ? (ssize_t)done : -1;
        done += (size_t)w;
    }
    return (ssize_t)done;
}

/* Called under the stream's lock, its descriptor closed by then
 * (close_own) or never taken: this does not take the registry's lock,
 * which log_fd_vacate holds as it waits for a stream's. */
static int own_close(void *cookie)
{
    OwnStream *s = cookie;
    int r = s->fd >= 0 ? close(s->fd) : 0;

    free(s);
    return r;
}

static void close_own(FILE *f)
{
    OwnStream *s = NULL;

    pthread_mutex_lock(&kept_lock);
    change_begin();
    for (size_t i = 0; i < nkept && !s; i++)
        if (kept[i]->f == f) {
            s = kept[i];
            kept[i] = kept[--nkept];
        }
    if (s) {
        flockfile(f); /* no write in flight on the number */
        close(s->fd);
        s->fd = -1;
        funlockfile(f);
    }
    change_end();
    pthread_mutex_unlock(&kept_lock);
    fclose(f);
}

/* An unbuffered stream (as stderr: a line is one write) on a copy of
 * fd, registered. */
static FILE *stream_copy(int fd, int thread)
{
    OwnStream *s = malloc(sizeof(*s));
    FILE *f = s ? fopencookie(s, "w", (cookie_io_functions_t){ .write = own_write,
                                                                .close = own_close })
                : NULL;

    if (!f) {
        free(s);
        errno = ENOMEM;
        return NULL;
    }
    *s = (OwnStream){ f, -1, thread, NULL };
    setvbuf(f, NULL, _IONBF, 0);
    pthread_mutex_lock(&kept_lock);
    int high = take_number(s, fd);
    int e = errno;
    pthread_mutex_unlock(&kept_lock);
    if (high < 0) {
        fclose(f);
        errno = e;
        return NULL;
    }
    return f;
}

FILE *log_stream_copy(int fd)
{
    return stream_copy(fd, 0);
}

FILE *log_stream_take(int fd)
{
    FILE *f = stream_copy(fd, 0);
    int e = errno;

    close(fd);
    errno = e;
    return f;
}

int log_stream_fd(FILE *f)
{
    int fd = -1;

    pthread_mutex_lock(&kept_lock);
    for (size_t i = 0; i < nkept; i++)
        if (kept[i]->f == f)
            fd = kept[i]->fd;
    pthread_mutex_unlock(&kept_lock);
    return fd;
}

/*
 * The stream on `fd` moves to another descriptor (close-on-exec as the
 * old one was; the lowest free from LOG_OWN_FD_MIN up), under its lock,
 * so no write is in flight on the old number after.  With no descriptor
 * left to move to, the stream loses its output rather than write into
 * the guest's file.  `fd` stays open, for the caller's dup2 to replace
 * at once (no other thread's open can take the number in between).
 */
int log_fd_vacate(int fd)
{
    int moved = 0;

    pthread_mutex_lock(&kept_lock);
    for (size_t i = 0; i < nkept && !moved; i++) {
        OwnStream *s = kept[i];
        if (s->fd != fd)
            continue;
        change_begin();
        if (s->f)
            flockfile(s->f);
        int flags = fcntl(fd, F_GETFD);
        int cmd = flags >= 0 && !(flags & FD_CLOEXEC) ? F_DUPFD : F_DUPFD_CLOEXEC;
        s->fd = fcntl(fd, cmd, LOG_OWN_FD_MIN);
        if (s->f)
            funlockfile(s->f);
        else
            __atomic_store_n(s->slot, s->fd, __ATOMIC_RELEASE);
        change_end();
        moved = 1;
    }
    pthread_mutex_unlock(&kept_lock);
    return moved;
}

int log_fd_hold(int fd, int *slot)
{
    OwnStream *s = malloc(sizeof(*s));
    int high = -1, e = ENOMEM;

    *slot = -1;
    if (s) {
        *s = (OwnStream){ NULL, -1, 0, slot };
        pthread_mutex_lock(&kept_lock);
        high = take_number(s, fd);
        e = errno;
        /* Under the lock, as log_fd_vacate stores a new number there. */
        __atomic_store_n(slot, high, __ATOMIC_RELEASE);
        pthread_mutex_unlock(&kept_lock);
    }
    close(fd);
    if (high < 0) {
        free(s);
        errno = e;
    }
    return high;
}

void log_fd_drop(int *slot)
{
    OwnStream *s = NULL;

    pthread_mutex_lock(&kept_lock);
    change_begin();
    for (size_t i = 0; i < nkept && !s; i++)
        if (!kept[i]->f && kept[i]->slot == slot) {
            s = kept[i];
            kept[i] = kept[--nkept];
        }
    if (*slot >= 0)
        close(*slot);
    *slot = -1;
    change_end();
    pthread_mutex_unlock(&kept_lock);
    free(s);
}

int log_template(const char *name)
{
    const char *pc = strchr(name, '%');

    if (!pc)
        return 0;
    return pc[1] == 'd' && !strchr(pc + 2, '%') ? 1 : -1;
}

int log_expand(const char *name, int id, char *out, size_t size)
{
    const char *pc = strstr(name, "%d");
    int n = pc ? snprintf(out, size, "%.*s%d%s", (int)(pc - name), name, id, pc + 2)
               : snprintf(out, size, "%s", name);

    return n < 0 || (size_t)n >= size ? -1 : 0;
}

static FILE *open_thread_file(void)
{
    char name[PATH_MAX];

    if (log_expand(thread_template, (int)gettid(), name, sizeof(name)) < 0) {
        errno = ENAMETOOLONG;
        return NULL;
    }
    int fd = open(name, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0)
        return NULL;
    FILE *f = stream_copy(fd, 1);
    int e = errno;
    close(fd);
    errno = e;
    return f;
}

/* This thread's file; NULL if it cannot be opened (the thread then logs
 * to the shared log, and says so there once). */
static FILE *thread_log(void)
{
    if (thread_file || thread_file_failed)
        return thread_file;
    thread_file = open_thread_file();
    if (!thread_file) {
        thread_file_failed = 1;
        fprintf(log_file(), "stitch: -d tid: thread %d: cannot open its log file: %s\n",
                (int)gettid(), strerror(errno));
    }
    return thread_file;
}

int log_per_thread(const char *template)
{
    if (template[0] == '/') {
        if (snprintf(thread_template, sizeof(thread_template), "%s", template) >=
            (int)sizeof(thread_template))
            return errno = ENAMETOOLONG, -1;
    } else {
        /* Absolute now: the guest may chdir before a thread first logs. */
        char cwd[PATH_MAX];
        if (!getcwd(cwd, sizeof(cwd)))
            return -1;
        if (snprintf(thread_template, sizeof(thread_template), "%s/%s", cwd, template) >=
            (int)sizeof(thread_template))
            return errno = ENAMETOOLONG, -1;
    }
    log_per_thread_on = 1;
    thread_file = open_thread_file();
    return thread_file ? 0 : -1;
}

const char *log_thread_template(void)
{
    return thread_template;
}

void log_thread_exit(void)
{
    if (!thread_file)
        return;
    close_own(thread_file);
    thread_file = NULL;
}

/* The child of fork: its one thread has a new tid, and the descriptors
 * of its parent's thread files are copies it never writes; the lock may
 * have been held by a thread that does not exist here. */
void log_fork_child(void)
{
    pthread_mutex_init(&kept_lock, NULL);
    my_tid = 0;
    thread_file_failed = 0;
    if (log_per_thread_on && mid_line) {
        /* The fork's -strace line began in the parent's file: the child's
         * own goes on as strace -f's "<... clone resumed>". */
        mid_line = 0;
        line_broken = 1;
    }
    if (thread_file) {
        close_own(thread_file);
        thread_file = NULL;
    }
    /* The other threads' files: their streams are never written here. */
    change_begin();
    for (size_t i = 0; i < nkept;) {
        if (kept[i]->thread) {
            close(kept[i]->fd);
            kept[i] = kept[--nkept];
        } else {
            i++;
        }
    }
    change_end();
}

int log_fd_kept(int fd)
{
    return log_next_kept_fd(fd) == fd;
}

int log_next_kept_fd(int from)
{
    int best = -1;

    pthread_mutex_lock(&kept_lock);
    for (size_t i = 0; i < nkept; i++)
        if (kept[i]->fd >= from && (best < 0 || kept[i]->fd < best))
            best = kept[i]->fd;
    pthread_mutex_unlock(&kept_lock);
    return best;
}

void log_line_tagged(void)
{
    line_tagged = 1;
}

/* The first thread is about to start one: a line this thread has begun
 * (its clone's -strace line) is ended now, the way strace -f does, or
 * the new thread's lines would land inside it. */
void log_set_threaded(void)
{
    if (log_per_thread_on)
        return; /* no line of another thread can land inside this one's */
    if (mid_line && !__atomic_load_n(&log_threaded, __ATOMIC_RELAXED)) {
        fputs(" <unfinished ...>\n", log_file());
        mid_line = 0;
        line_tagged = 0;
        line_broken = 1;
    }
    __atomic_store_n(&log_threaded, 1, __ATOMIC_RELAXED);
}

int log_line_broken(void)
{
    int b = line_broken;

    line_broken = 0;
    return b;
}

static void line_out(void)
{
    fwrite(line, 1, line_len, log_file());
    line_len = 0;
}

static void line_add(const char *text, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!mid_line && !line_tagged) {
            if (!my_tid)
                my_tid = (int)gettid();
            line_len += (size_t)snprintf(line + line_len, sizeof(line) - line_len, "[%d] ", my_tid);
        }
        mid_line = 1;
        line[line_len++] = text[i];
        if (text[i] == '\n') {
            mid_line = 0;
            line_tagged = 0;
            line_out();
        } else if (line_len > sizeof(line) - 16) { /* room for a prefix */
            line_out();
        }
    }
}

static void log_text(const char *text, size_t n)
{
    if (n == 0)
        return;
    if (log_per_thread_on) {
        FILE *f = thread_log();
        if (f) {
            fwrite(text, 1, n, f);
            mid_line = text[n - 1] != '\n';
            return;
        }
    }
    if (__atomic_load_n(&log_threaded, __ATOMIC_RELAXED)) {
        line_add(text, n);
        return;
    }
    fwrite(text, 1, n, log_file());
    mid_line = text[n - 1] != '\n';
    if (!mid_line)
        line_tagged = 0;
}

void log_printf(const char *fmt, ...)
{
    char small[LOG_LINE_MAX];
    va_list ap;

    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof(small)) {
        log_text(small, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big)
        return;
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    log_text(big, (size_t)n);
    free(big);
}

/* ---- -dfilter ----------------------------------------------------------- */

#define DFILTER_MAX 32

static struct {
    uint32_t lo, hi; /* inclusive */
} dfilter[DFILTER_MAX];
static int dfilter_n;
int log_dfilter_active;

static int parse_u32(const char *s, size_t len, uint32_t *v)
{
    char buf[24], *end;

    if (len == 0 || len >= sizeof(buf))
        return -1;
    memcpy(buf, s, len);
    buf[len] = 0;
    unsigned long long x = strtoull(buf, &end, 0);
    if (*end || x > 0xffffffffull || buf[0] == '-')
        return -1;
    *v = (uint32_t)x;
    return 0;
}

/* One range: "a..b", "a+len" or "a-len" (qemu's qemu_set_dfilter_ranges). */
static int parse_range(const char *p, size_t len, uint32_t *lo, uint32_t *hi)
{
    const char *dots = memmem(p, len, "..", 2);
    size_t sep = dots ? (size_t)(dots - p) : strcspn(p, "+-");
    uint32_t a, b;

    if (sep >= len || parse_u32(p, sep, &a) < 0)
        return -1;
    size_t skip = dots ? 2 : 1;
    if (parse_u32(p + sep + skip, len - sep - skip, &b) < 0)
        return -1;
    if (dots)
        *lo = a, *hi = b;
    else if (p[sep] == '+' && b)
        *lo = a, *hi = (uint32_t)((uint64_t)a + b - 1 > 0xffffffffu ? 0xffffffffu : a + b - 1);
    else if (p[sep] == '-' && b && b - 1 <= a)
        *lo = a - (b - 1), *hi = a;
    else
        return -1;
    return *lo <= *hi ? 0 : -1;
}

int log_parse_dfilter(const char *spec)
{
    dfilter_n = 0;
    for (const char *p = spec; *p;) {
        size_t len = strcspn(p, ",");
        if (dfilter_n == DFILTER_MAX ||
            parse_range(p, len, &dfilter[dfilter_n].lo, &dfilter[dfilter_n].hi) < 0)
            return -1;
        dfilter_n++;
        p += len + (p[len] == ',');
    }
    log_dfilter_active = dfilter_n > 0;
    return dfilter_n > 0 ? 0 : -1;
}

int log_pc_in_dfilter(uint32_t pc)
{
    for (int i = 0; i < dfilter_n; i++)
        if (pc >= dfilter[i].lo && pc <= dfilter[i].hi)
            return 1;
    return 0;
}
