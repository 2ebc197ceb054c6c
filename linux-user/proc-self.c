/*
 * /proc/self as the guest must see it.  The host's files describe stitch:
 * its maps list stitch's own mappings (so glibc's pthread_getattr_np(),
 * which looks for the stack there, fails), its mem is stitch's memory,
 * its auxv and cmdline are stitch's.  As qemu-user does, opening one of
 * them gives the guest a private file (a memfd) with the guest's view,
 * generated at open time (fs/proc/base.c, fs/proc/task_mmu.c for the
 * formats); /proc/self/mem is refused (docs/security.md).  comm, and so
 * stat's and status's names, are set once at start-up (main.c); stat and
 * status are the host's text with the guest's fields put in (its image,
 * stack, strings, signal state, descriptor table size, memory counters);
 * environ and personality are the guest's; smaps, smaps_rollup and statm
 * count the guest's mappings (proc-mem.c; VmPTE and VmPin stay the
 * host's, docs/divergences.md).  The copy's descriptor answers fstat,
 * readlink of its link, mmap and lseek as the entry's would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "guest-signal.h"
#include "log.h"
#include "proc-mem.h"
#include "user.h"

/* What the initial stack holds (proc_self_init). */
static uint32_t auxv_addr, auxv_len, arg_start, arg_end, env_start, env_end;
/* And the program's image: mm's fields for stat. */
static uint32_t start_stack, text_start, text_end, data_start, data_end;

void proc_self_init(uint32_t sp, const ImageInfo *info)
{
    const uint32_t *w = g2h(sp);
    uint32_t argc = *w++;

    /* mm->start_stack: where argc is (fs/binfmt_elf.c create_elf_tables). */
    start_stack = sp;
    text_start = info->text_start;
    text_end = info->text_end;
    data_start = info->data_start;
    data_end = info->data_end;

    arg_start = argc ? w[0] : 0;
    if (argc)
        arg_end = w[argc - 1] + (uint32_t)strlen(g2h(w[argc - 1])) + 1;
    w += argc + 1;
    /* The environment's strings, one block as the kernel's copy_strings
     * lays them out (mm->env_start, env_end). */
    env_start = env_end = arg_end;
    for (const uint32_t *first = w; *w; w++) {
        uint32_t end = *w + (uint32_t)strlen(g2h(*w)) + 1;
        env_start = w == first || *w < env_start ? *w : env_start;
        env_end = w == first || end > env_end ? end : env_end;
    }
    w++;
    auxv_addr = h2g(w);
    while (w[0] != 0) /* AT_NULL */
        w += 2;
    auxv_len = h2g(w + 2) - auxv_addr;
}

/* ---- maps ------------------------------------------------------------- */

/* One line of the host's maps, its range already in guest addresses. */
typedef struct {
    uint64_t start, end, offset;
    char shared;
    char dev[16];
    unsigned long inode;
    char path[PATH_MAX];
} HostMap;

/*
 * The ranges the ELF loader filled from files (copied, not mapped, so the
 * host's maps show them anonymous), with what the kernel's file mappings
 * would show: the path, the offset, the device and inode.  Kept until a
 * mapping call touches them (proc_maps_forget, under the mmap lock).
 */
typedef struct {
    uint32_t start, end;
    uint64_t offset;
    char dev[16];
    unsigned long inode;
    char *path;
} NamedRange;

#define MAX_NAMED 64
static NamedRange named[MAX_NAMED];
static int n_named;

/* The name the kernel shows for the file `path` opens: its real path, or
 * for a file reached through a descriptor that has no name left (a guest
 * execveat's, linux-user/execve.c) what the descriptor's link says,
 * "/memfd:x (deleted)". */
static char *shown_name(const char *path)
{
    char buf[PATH_MAX], *real = realpath(path, NULL);
    ssize_t n;

    if (real || strncmp(path, "/proc/self/fd/", 14))
        return real;
    if ((n = readlink(path, buf, sizeof(buf) - 1)) <= 0)
        return NULL;
    buf[n] = '\0';
    return strdup(buf);
}

void proc_maps_name(uint32_t start, uint32_t end, const char *path, uint64_t offset, int fd)
{
    struct stat st;
    char *real = shown_name(path);
    NamedRange *r = &named[n_named];

    if (n_named == MAX_NAMED || start >= end || fstat(fd, &st) != 0 || !real) {
        free(real);
        return;
    }
    proc_maps_forget(start, (uint64_t)end - start);
    *r = (NamedRange){ start, end, offset, "", (unsigned long)st.st_ino, real };
    /* show_map_vma(): MAJOR:MINOR as "%02x:%02x". */
    snprintf(r->dev, sizeof(r->dev), "%02x:%02x", major(st.st_dev), minor(st.st_dev));
    n_named++;
}

/* Drops the part of every range inside [start, start + len); a range cut
 * in the middle keeps only its lower part (the loader's ranges are only
 * ever cut by a guest mapping call, after which the rest's names are a
 * detail native keeps and stitch loses). */
void proc_maps_forget(uint32_t start, uint64_t len)
{
    uint64_t end = (uint64_t)start + len;

    for (int i = 0; i < n_named; i++) {
        NamedRange *r = &named[i];
        if (end <= r->start || start >= r->end)
            continue;
        if (start > r->start) {
            r->end = start;
        } else if (end < r->end) {
            r->offset += end - r->start;
            r->start = (uint32_t)end;
        } else {
            free(r->path);
            *r = named[--n_named];
            i--;
        }
    }
}

static const NamedRange *named_at(uint32_t a)
{
    for (int i = 0; i < n_named; i++)
        if (named[i].start <= a && a < named[i].end)
            return &named[i];
    return NULL;
}

/* The name Linux gives anonymous special mappings of the guest's. */
static const char *special_name(uint32_t start, uint32_t end)
{
    uint32_t brk_lo, brk_hi;

    target_brk_range(&brk_lo, &brk_hi);
    if (start <= arg_start && arg_start < end)
        return "[stack]";
    if (brk_hi > brk_lo && start >= brk_lo && start < brk_hi)
        return "[heap]";
    return NULL;
}

/* fs/proc/task_mmu.c show_vma_header_prefix(): the name starts at column
 * 73 on a 64-bit kernel (25 + sizeof(void *) * 6 - 1, padded).  The
 * line, without its newline, goes to buf; its name to *shown. */
static void map_line(char *buf, size_t size, uint32_t start, uint32_t end, int flags,
                     const HostMap *host, const char **shown)
{
    const NamedRange *r = host->path[0] ? NULL : named_at(start);
    HostMap file;
    const HostMap *h = host;

    if (r) {
        file = (HostMap){ .start = r->start, .offset = r->offset, .shared = host->shared,
                          .inode = r->inode };
        snprintf(file.dev, sizeof(file.dev), "%s", r->dev);
        snprintf(file.path, sizeof(file.path), "%s", r->path);
        h = &file;
    }
    const char *name = h->path[0] ? h->path : special_name(start, end);
    /* show_map_vma(): a mapping with no file shows offset 0, wherever
     * the guest's run starts inside stitch's host mapping. */
    uint64_t offset = h->inode ? h->offset + (start - h->start) : 0;
    int n = snprintf(buf, size, "%08" PRIx32 "-%08" PRIx32 " %c%c%c%c %08" PRIx64 " %s %lu ",
                     start, end, flags & PAGE_SHOWN_READ ? 'r' : '-', flags & PAGE_WRITE ? 'w' : '-',
                     flags & PAGE_EXEC ? 'x' : '-', h->shared, offset, h->dev, h->inode);
    if (name && n >= 0 && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n, "%*s%s", n < 73 ? 73 - n : 0, "", name);
    *shown = name;
}

/* Where a run from `a` ends at the latest: the heap is a VMA of its own
 * (mm/mmap.c do_brk_flags), and so is each file range the loader
 * filled. */
static uint64_t run_limit(uint64_t a, uint64_t end, uint32_t brk_lo)
{
    if (brk_lo > a && brk_lo < end)
        end = brk_lo;
    for (int i = 0; i < n_named; i++) {
        if (named[i].start > a && named[i].start < end)
            end = named[i].start;
        else if (named[i].start <= a && named[i].end > a && named[i].end < end)
            end = named[i].end;
    }
    return end;
}

/* The end of the flags equal to `f` in [p, end), a block at a time with
 * libc's vector compare, then eight at a time: the reservation is most
 * of the 4 GiB.  Under tb_lock, which every writer of the flags holds. */
static const uint8_t *same_flags_end(const uint8_t *p, const uint8_t *end, uint8_t f)
{
    uint64_t pattern = 0x0101010101010101ull * f, w;
    uint8_t block[512];

    if ((size_t)(end - p) >= sizeof(block))
        memset(block, f, sizeof(block));
    while ((size_t)(end - p) >= sizeof(block) && !memcmp(p, block, sizeof(block)))
        p += sizeof(block);
    while (end - p >= 8 && (memcpy(&w, p, 8), w == pattern))
        p += 8;
    while (p < end && *p == f)
        p++;
    return p;
}

/* The runs of guest pages inside one host mapping that have the same
 * guest flags: the guest's mappings, and between them the window's
 * reservation (no PAGE_VALID), which is not the guest's. */
/* The name map_line shows, without the line. */
static const char *run_name(uint32_t start, uint32_t end, const HostMap *host)
{
    const NamedRange *r = host->path[0] ? NULL : named_at(start);
    const char *path = r ? r->path : host->path;

    return path[0] ? path : special_name(start, end);
}

static void guest_runs(const HostMap *h, GuestRunFn *fn, void *arg, int lines)
{
    uint64_t a = h->start;
    char line[PATH_MAX + 128];
    uint32_t brk_lo, brk_hi;

    target_brk_range(&brk_lo, &brk_hi);
    while (a < h->end && a < GUEST_TOP) {
        const uint8_t *flags = page_flags_at((uint32_t)a);
        int f = *flags;
        uint64_t limit = run_limit(a, h->end < GUEST_TOP ? h->end : GUEST_TOP, brk_lo);
        const uint8_t *stop =
            same_flags_end(flags, flags + (limit - a) / TARGET_PAGE_SIZE, (uint8_t)f);
        uint64_t b = a + (uint64_t)(stop - flags) * TARGET_PAGE_SIZE;
        GuestRun run = { .start = (uint32_t)a, .end = b, .flags = f, .host_start = h->start,
                         .host_end = h->end, .shared = h->shared, .host_path = h->path,
                         .host_dev = h->dev, .line = line };
        const char *name = NULL;
        line[0] = '\0';
        if ((f & PAGE_VALID) && lines)
            map_line(line, sizeof(line), (uint32_t)a, (uint32_t)b, f, h, &name);
        else if (f & PAGE_VALID)
            name = run_name((uint32_t)a, (uint32_t)b, h);
        run.stack = name && !strcmp(name, "[stack]");
        fn(arg, &run);
        a = b;
    }
}

static int parse_host_line(const char *line, HostMap *h)
{
    char *p;
    unsigned long long lo = strtoull(line, &p, 16), hi, off;

    h->path[0] = 0;
    if (*p != '-')
        return -1;
    hi = strtoull(p + 1, &p, 16);
    uint64_t base = guest_base, top = base + GUEST_TOP;
    if (*p != ' ' || hi <= base || lo >= top)
        return -1;
    /* show_vma_header_prefix(): perms (4), offset, "major:minor", inode;
     * by hand, sscanf being most of a read of maps with many mappings. */
    const char *perms = p + 1;
    if (strnlen(perms, 5) < 5 || perms[4] != ' ')
        return -1;
    off = strtoull(perms + 5, &p, 16);
    size_t dev_len = *p == ' ' ? strcspn(p + 1, " ") : 0;
    if (!dev_len || dev_len >= sizeof(h->dev))
        return -1;
    memcpy(h->dev, p + 1, dev_len);
    h->dev[dev_len] = '\0';
    h->inode = strtoul(p + 1 + dev_len, &p, 10);
    p += strspn(p, " ");
    int pos = (int)(p - line);
    if (lo < base) {
        off += base - lo;
        lo = base;
    }
    h->start = lo - base;
    h->end = (hi < top ? hi : top) - base;
    h->offset = off;
    h->shared = perms[3];
    if (pos && line[pos] == '/')
        snprintf(h->path, sizeof(h->path), "%.*s", (int)strcspn(line + pos, "\n"), line + pos);
    /* An anonymous host mapping: the guest's anonymous memory. */
    if (!h->path[0]) {
        h->inode = 0;
        snprintf(h->dev, sizeof(h->dev), "00:00");
    }
    return 0;
}

/* Calls fn for every run of guest_runs, in address order; the host's
 * maps and the guest's flags are read under tb_lock, as a mapping call
 * changes them.  The number of the host's mappings, or -errno. */
int proc_guest_runs(GuestRunFn *fn, void *arg, int lines)
{
    char line[PATH_MAX + 128];
    HostMap h;
    int n = 0;

    tb_lock();
    FILE *in = fopen("/proc/self/maps", "re");
    if (!in) {
        tb_unlock();
        return -errno;
    }
    while (fgets(line, sizeof(line), in)) {
        n += strchr(line, '\n') != NULL;
        if (parse_host_line(line, &h) == 0)
            guest_runs(&h, fn, arg, lines);
    }
    fclose(in);
    tb_unlock();
    return n;
}

static void print_run(void *arg, const GuestRun *r)
{
    if (r->flags & PAGE_VALID)
        fprintf(arg, "%s\n", r->line);
}

static int write_maps(FILE *out, const char *path)
{
    (void)path;
    int r = proc_guest_runs(print_run, out, 1);
    return r < 0 ? r : 0;
}

/* ---- auxv, cmdline ---------------------------------------------------- */

/* Read from the guest's memory now, as the kernel reads mm->saved_auxv
 * and the argument area [arg_start, arg_end). */
static int write_guest_bytes(FILE *out, uint32_t addr, uint32_t len)
{
    if (len && guest_range_ok(addr, len, PAGE_READ))
        fwrite(g2h(addr), 1, len, out);
    return 0;
}

static int write_auxv(FILE *out, const char *path)
{
    (void)path;
    return write_guest_bytes(out, auxv_addr, auxv_len);
}

static int write_cmdline(FILE *out, const char *path)
{
    (void)path;
    return write_guest_bytes(out, arg_start, arg_end - arg_start);
}

/* The guest's environment, which -E, -U and the variables stitch takes
 * for itself make another than stitch's (fs/proc/base.c environ_read). */
static int write_environ(FILE *out, const char *path)
{
    (void)path;
    return write_guest_bytes(out, env_start, env_end - env_start);
}

/* ---- status ----------------------------------------------------------- */

/* What the guest's signal state adds to status's sets (task_sig): the
 * task's own pending and blocked sets, the process's shared pending. */
typedef struct {
    pid_t tid;
    int found;
    uint64_t pending, blocked, shared;
} TaskSigs;

/* Read while the thread may change them: the kernel's read takes the
 * task's siglock, the result is as fleeting. */
static void task_sigs(CPUState *env, void *arg)
{
    TaskSigs *v = arg;
    const ThreadState *t = env->opaque;

    if (!t)
        return;
    uint64_t pending = __atomic_load_n(&t->pending, __ATOMIC_RELAXED);
    uint64_t shared = __atomic_load_n(&t->shared_pending, __ATOMIC_RELAXED);
    v->shared |= pending & shared;
    if (__atomic_load_n(&t->tid, __ATOMIC_RELAXED) != v->tid)
        return;
    v->found = 1;
    v->pending = pending & ~shared;
    v->blocked = __atomic_load_n(&t->sigmask, __ATOMIC_RELAXED);
}

/*
 * A signal set line of status (fs/proc/array.c render_sigset_t: 16 hex
 * digits, signal 1 in the lowest bit) as the guest's: the host's in
 * guest numbers, with what only stitch's queues hold; the blocked set is
 * the guest thread's (the host's lacks the faults stitch never blocks);
 * the ignored and caught ones are the guest's actions.
 */
static void sig_line(FILE *out, const char *line, const TaskSigs *t, uint64_t ign, uint64_t cgt)
{
    unsigned long long host;
    char name[8];
    uint64_t v;

    if (sscanf(line, "%7[A-Za-z]:%llx", name, &host) != 2) {
        fputs(line, out);
        return;
    }
    v = guest_sigset_of_host(host);
    if (!strcmp(name, "SigPnd"))
        v |= t->pending;
    else if (!strcmp(name, "ShdPnd"))
        v |= t->shared;
    else if (!strcmp(name, "SigBlk") && t->found)
        v = t->blocked;
    else if (!strcmp(name, "SigIgn"))
        v = ign;
    else if (!strcmp(name, "SigCgt"))
        v = cgt;
    fprintf(out, "%s:\t%016" PRIx64 "\n", name, v);
}

/*
 * The host's file of the same task (a thread's own under task/<tid> or
 * thread-self), but what fs/proc/array.c shows of the process's own
 * state is the guest's: FDSize (task_state, files_fdtable()->max_fds) is
 * the guest's table's (fd-table.c), not the host's that stitch's own
 * descriptors grow to 1024; the signal sets (task_sig) are in guest
 * numbers, the blocked and pending ones the calling thread's own when
 * the file is its, the ignored and caught ones the guest's actions, not
 * stitch's host handlers, and SigQ adds the instances stitch holds in
 * its own queues (signal.c); the memory counters (task_mem) are the
 * guest's mappings' (proc-mem.c).
 */
static int write_status(FILE *out, const char *path)
{
    FILE *in = fopen(path, "re");
    char line[4096];
    TaskSigs t = { .tid = -1 };
    uint64_t ign, cgt;
    unsigned long queued, limit;
    GuestMem *mem;

    if (!in)
        return -errno;
    mem = proc_mem_read(text_start, text_end, 1);
    signal_ign_cgt(&ign, &cgt);
    while (fgets(line, sizeof(line), in)) {
        /* Pid: comes before the signal sets: the task the file is of. */
        if (sscanf(line, "Pid: %d", &t.tid) == 1)
            cpu_list_each(task_sigs, &t);
        if (!strncmp(line, "FDSize:", 7))
            fprintf(out, "FDSize:\t%d\n", fd_table_size());
        else if (sscanf(line, "SigQ: %lu/%lu", &queued, &limit) == 2)
            fprintf(out, "SigQ:\t%lu/%lu\n", queued + (unsigned long)signal_queued(), limit);
        else if (!strncmp(line, "SigPnd:", 7) || !strncmp(line, "ShdPnd:", 7) ||
                 !strncmp(line, "SigBlk:", 7) || !strncmp(line, "SigIgn:", 7) ||
                 !strncmp(line, "SigCgt:", 7))
            sig_line(out, line, &t, ign, cgt);
        else if (!mem || !proc_mem_status_line(out, line, mem))
            fputs(line, out);
    }
    fclose(in);
    free(mem);
    return 0;
}

/* The guest's persona, which stitch keeps and does not apply to the host
 * (syscall-proc.c; fs/proc/base.c proc_pid_personality's format). */
static int write_personality(FILE *out, const char *path)
{
    (void)path;
    fprintf(out, "%08x\n", persona_get());
    return 0;
}

/* ---- stat ------------------------------------------------------------- */

/*
 * The host's line of the same task, but the fields fs/proc/array.c
 * do_task_stat takes from the process's memory map and signal state are
 * the guest's (field numbers of proc(5)): 26-28 startcode, endcode,
 * startstack; 31-34 the pending, blocked, ignored and caught signals
 * (the low 31 bits, as the kernel masks them, where the host's numbers
 * are the guest's: the pending ones the host holds stay); 45-51 start_data,
 * end_data, start_brk, arg_start, arg_end, env_start, env_end; 23-24
 * vsize and rss are the guest's mappings' (proc-mem.c).
 */
static int write_stat(FILE *out, const char *path)
{
    FILE *in = fopen(path, "re");
    char line[4096], *rest;
    TaskSigs t = { .tid = -1 };
    uint64_t ign, cgt;
    uint32_t brk_lo, brk_hi;

    if (!in)
        return -errno;
    rest = fgets(line, sizeof(line), in) ? strrchr(line, ')') : NULL;
    fclose(in);
    if (!rest || sscanf(line, "%d", &t.tid) != 1)
        return -EIO;
    GuestMem *mem = proc_mem_read(text_start, text_end, 0);
    cpu_list_each(task_sigs, &t);
    signal_ign_cgt(&ign, &cgt);
    target_brk_range(&brk_lo, &brk_hi);
    uint64_t mine[52] = {
        [26] = text_start, [27] = text_end, [28] = start_stack,
        [31] = t.pending & 0x7fffffff, [32] = t.blocked & 0x7fffffff,
        [33] = ign & 0x7fffffff, [34] = cgt & 0x7fffffff,
        [45] = data_start, [46] = data_end, [47] = brk_lo, [48] = arg_start,
        [49] = arg_end, [50] = env_start, [51] = env_end,
    };
    if (mem)
        proc_mem_stat_fields(mem, &mine[23], &mine[24]);
    free(mem);
    fwrite(line, 1, (size_t)(rest + 1 - line), out);
    rest += 2; /* ") " */
    for (int field = 3; *rest && *rest != '\n'; field++) {
        size_t len = strcspn(rest, " \n");
        int replaced = ((field == 23 || field == 24) && mine[23]) ||
                       (field >= 26 && field <= 28) || (field >= 32 && field <= 34) ||
                       (field >= 45 && field <= 51);
        if (field == 31)
            fprintf(out, " %" PRIu64, (uint64_t)strtoull(rest, NULL, 10) | mine[31]);
        else if (field == 32 && !t.found)
            fprintf(out, " %.*s", (int)len, rest);
        else if (replaced)
            fprintf(out, " %" PRIu64, mine[field]);
        else
            fprintf(out, " %.*s", (int)len, rest);
        rest += len + (rest[len] == ' ');
    }
    fputc('\n', out);
    return 0;
}

/* ---- smaps, smaps_rollup, statm (proc-mem.c) ---------------------------- */

static int write_smaps(FILE *out, const char *path)
{
    (void)path;
    return proc_mem_smaps(out);
}

static int write_smaps_rollup(FILE *out, const char *path)
{
    (void)path;
    return proc_mem_smaps_rollup(out);
}

static int write_statm(FILE *out, const char *path)
{
    (void)path;
    return proc_mem_statm(out, text_start, text_end);
}

#ifdef GUEST_PROC_CPUINFO
static int write_cpuinfo(FILE *out, const char *path)
{
    (void)path;
    return GUEST_PROC_CPUINFO(out);
}
#endif

/* ---- open ------------------------------------------------------------- */

typedef struct {
    const char *name;
    int (*write)(FILE *out, const char *path);
} ProcFile;

static const ProcFile files[] = {
    { "maps", write_maps },
    { "auxv", write_auxv },
    { "cmdline", write_cmdline },
    { "environ", write_environ },
    { "personality", write_personality },
    { "stat", write_stat },
    { "status", write_status },
    { "smaps", write_smaps },
    { "smaps_rollup", write_smaps_rollup },
    { "statm", write_statm },
};

/* Is /proc/<id> this process: its pid, or one of its threads' ids,
 * which /proc serves too though it lists only the pid
 * (fs/proc/base.c proc_pid_lookup finds any task). */
static int own_proc_id(const char *id, size_t len)
{
    char task[64];

    if (!len || len > 10 || strspn(id, "0123456789") != len)
        return 0;
    if ((int)strtol(id, NULL, 10) == (int)getpid())
        return 1;
    snprintf(task, sizeof(task), "/proc/self/task/%.*s", (int)len, id);
    return access(task, F_OK) == 0;
}

/* "maps" for /proc/self/maps, /proc/thread-self/maps, /proc/<pid>/maps,
 * /proc/<pid>/task/<tid>/maps, /proc/<tid>/maps, /proc/self/task/<tid>/maps
 * (this process's), else NULL. */
static const char *self_entry(const char *path)
{
    const char *p;

    if (!strncmp(path, "/proc/thread-self/", 18))
        return path + 18;
    if (!strncmp(path, "/proc/self/", 11)) {
        p = path + 11;
    } else {
        if (strncmp(path, "/proc/", 6))
            return NULL;
        const char *id = path + 6, *slash = strchr(id, '/');
        if (!slash || !own_proc_id(id, (size_t)(slash - id)))
            return NULL;
        p = slash + 1;
    }
    if (!strncmp(p, "task/", 5) && (p = strchr(p + 5, '/')))
        return p + 1;
    return p;
}

/*
 * The number a component of a name is as the kernel's proc_fd_lookup()
 * reads it (fs/proc/fd.c name_to_int: digits, no leading zero, at most
 * INT_MAX), else -1: fd/08 is no descriptor.
 */
static long fd_component(const char *s, size_t len)
{
    long fd = 0;

    if (len == 0 || len > 10 || (s[0] == '0' && len > 1))
        return -1;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        fd = fd * 10 + (s[i] - '0');
    }
    return fd <= INT_MAX ? fd : -1;
}

/*
 * The faked files the guest may hold open: the memfd and the name of
 * the proc entry it stands for, as the kernel's link of the descriptor
 * shows it (d_path: /proc/self resolved, "/proc/PID/maps").  A
 * descriptor is found by the memfd's device and inode, not its number:
 * a dup, dup2 or F_DUPFD of it is the same open file (fs/file.c), and a
 * number another file has taken since is not one.  fstat and readlink
 * of the descriptor, and the calls that follow its link, reach that
 * entry, not the memfd.  The oldest goes when the table is full.
 */
#define MAX_FAKE_FDS 64
static struct {
    int fd;
    dev_t dev;
    ino_t ino;
    char name[96];
} fakes[MAX_FAKE_FDS];
static unsigned n_fakes;
static pthread_mutex_t fakes_lock = PTHREAD_MUTEX_INITIALIZER;

/* Held across the host fork (syscall-fork.c host_fork): the child, with
 * only the forking thread, gets the table whole and the lock free.  Not
 * across a vfork, where the parent waits for the child's exec and its
 * other threads with it; that child only frees its copy. */
void proc_fork_start(int vfork)
{
    if (!vfork)
        pthread_mutex_lock(&fakes_lock);
}

void proc_fork_end(int vfork, int child)
{
    if (child)
        pthread_mutex_init(&fakes_lock, NULL);
    else if (!vfork)
        pthread_mutex_unlock(&fakes_lock);
    /* A vfork's child shares the parent's memory, and its counters. */
    if (child && !vfork)
        proc_mem_fork_child();
}

static void fake_fd_remember(int fd, const char *path)
{
    const char *last = strrchr(path, '/');
    char dir[PATH_MAX], real[PATH_MAX];
    struct stat st;
    unsigned slot;

    snprintf(dir, sizeof(dir), "%.*s", (int)(last - path), path);
    if (fstat(fd, &st) != 0 || !realpath(dir[0] ? dir : "/", real) ||
        strlen(real) + strlen(last) >= sizeof(fakes[0].name))
        return;
    pthread_mutex_lock(&fakes_lock);
    for (slot = 0; slot < n_fakes && slot < MAX_FAKE_FDS && fakes[slot].fd != fd; slot++)
        ;
    if (slot == n_fakes || slot == MAX_FAKE_FDS)
        slot = n_fakes++ % MAX_FAKE_FDS;
    fakes[slot].fd = fd;
    fakes[slot].dev = st.st_dev;
    fakes[slot].ino = st.st_ino;
    memcpy(fakes[slot].name, real, strlen(real));
    strcpy(fakes[slot].name + strlen(real), last);
    pthread_mutex_unlock(&fakes_lock);
}

const char *proc_fake_fd_name(int fd, char *buf, size_t size)
{
    struct stat st;
    const char *found = NULL;

    if (fd < 0 || fstat(fd, &st) != 0)
        return NULL;
    pthread_mutex_lock(&fakes_lock);
    for (unsigned i = 0; i < n_fakes && i < MAX_FAKE_FDS && !found; i++)
        if (fakes[i].dev == st.st_dev && fakes[i].ino == st.st_ino) {
            snprintf(buf, size, "%s", fakes[i].name);
            found = buf;
        }
    pthread_mutex_unlock(&fakes_lock);
    return found;
}

/* Is the faked entry `name` read through a seq_file (maps, stat, status,
 * personality, cpuinfo), not a plain read op (auxv, cmdline, environ)? */
static int seq_file_entry(const char *name)
{
    const char *last = strrchr(name, '/') + 1;

    return strcmp(last, "auxv") && strcmp(last, "cmdline") && strcmp(last, "environ");
}

/*
 * A write's result `r` on `fd` as the guest's.  A seq_file has no
 * FMODE_PWRITE (seq_open), so pwrite and pwritev are ESPIPE before
 * anything else (fs/read_write.c ksys_pwrite64); otherwise the entry has
 * no write op and vfs_write refuses a descriptor opened for writing with
 * EINVAL, even for no bytes, where the sealed copy says EPERM or 0.
 * Only those results cost a look-up.
 */
long proc_fake_write(int fd, long r, int positioned)
{
    char name[PATH_MAX];

    if (r != -EPERM && r != 0 && !(positioned && r == -EBADF))
        return r;
    if (!proc_fake_fd_name(fd, name, sizeof(name)))
        return r;
    if (positioned && seq_file_entry(name))
        return -ESPIPE;
    return r == -EBADF ? r : -EINVAL;
}

/*
 * ftruncate of a faked file opened for writing: the kernel's checks
 * (fs/open.c do_ftruncate: a descriptor that cannot write is EINVAL, a
 * negative length EINVAL) are the copy's too, but the entry's truncation
 * then succeeds without changing anything (fs/proc/base.c proc_setattr:
 * setattr_prepare's inode_newsize_ok, then only the times), where the
 * copy's seals say EPERM (mm/shmem.c shmem_setattr, after the same
 * inode_newsize_ok).  Only that result costs a look-up.
 */
long proc_fake_truncate(int fd, long r)
{
    char name[PATH_MAX];

    return r == -EPERM && proc_fake_fd_name(fd, name, sizeof(name)) ? 0 : r;
}

/*
 * lseek on a faked file as the entry's llseek: seq_file's (fs/seq_file.c
 * seq_lseek: maps, stat, status, personality, cpuinfo) takes SEEK_SET
 * and SEEK_CUR only; the others (auxv, cmdline, environ:
 * generic_file_llseek on an inode of size 0) take SEEK_END from 0 and
 * find no data or hole (ENXIO).  0 when `fd` is no faked file, or the
 * memfd answers `whence` alike; else 1 and the result or -errno.
 */
int proc_fake_lseek(int fd, int64_t off, int whence, int64_t *result)
{
    char name[PATH_MAX];

    if (whence != SEEK_END && whence != SEEK_DATA && whence != SEEK_HOLE)
        return 0;
    if (!proc_fake_fd_name(fd, name, sizeof(name)))
        return 0;
    if (seq_file_entry(name))
        *result = -EINVAL;
    else if (whence != SEEK_END)
        *result = -ENXIO;
    else if (off < 0)
        *result = -EINVAL;
    else
        *result = lseek(fd, (off_t)off, SEEK_SET) < 0 ? -errno : off;
    return 1;
}

/*
 * A faked file read by splice or sendfile: the host's entry stands in for
 * the copy when the kernel has no splice_read for it (fs/splice.c:
 * EINVAL, after the checks of the other arguments), so that the call
 * fails as the guest's would.  Whether it has is asked of the kernel by
 * a splice of one byte of stitch's own entry to /dev/null; where it has,
 * the copy serves (-1), and the stand-in could never have read stitch's
 * text into the guest's file.  The caller closes the stand-in.
 */
int proc_fake_standin(int fd)
{
    char name[PATH_MAX];
    int entry, sink, fl = fcntl(fd, F_GETFL);

    /* A descriptor that cannot read is EBADF before anything
     * (fs/read_write.c do_sendfile, fs/splice.c), as the copy's is. */
    if (fl < 0 || (fl & O_PATH) || (fl & O_ACCMODE) == O_WRONLY)
        return -1;
    if (!proc_fake_fd_name(fd, name, sizeof(name)))
        return -1;
    if ((entry = open(name, O_RDONLY | O_CLOEXEC)) < 0)
        return -1;
    if ((sink = open("/dev/null", O_WRONLY | O_CLOEXEC)) < 0 || sendfile(sink, entry, NULL, 1) >= 0 ||
        errno != EINVAL) {
        if (sink >= 0)
            close(sink);
        close(entry);
        return -1;
    }
    close(sink);
    return entry;
}

/* A private file with what `write` puts in it for the host's `path`
 * (syscall-file.c open_faked opens it with the guest's flags).  The
 * descriptor is the guest's before the text is made, as the kernel's is
 * before a read shows status's FDSize. */
static int fake_file(const ProcFile *f, const char *path, int flags)
{
    int fd = memfd_create(f->name, MFD_ALLOW_SEALING | (flags & O_CLOEXEC ? MFD_CLOEXEC : 0));
    if (fd < 0)
        return -errno;
    fd_table_note(fd);
    FILE *out = fdopen(dup(fd), "w");
    int r = out ? f->write(out, path) : -ENOMEM;
    if (out)
        fclose(out);
    if (r < 0) {
        close(fd);
        return r;
    }
    lseek(fd, 0, SEEK_SET);
    /* The entry has no write op: no descriptor of the copy, however
     * opened, changes it (proc_fake_write). */
    fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL);
    fake_fd_remember(fd, path);
    return fd;
}

/*
 * fdinfo/N of a faked file: the copy's lines (pos, flags: the guest's
 * open flags, open_faked), but the mount and inode of the entry it
 * stands for (fs/proc/fd.c seq_show).  Only the plain names
 * (/proc/self/fdinfo/N ...) come here.
 */
static int write_fdinfo(FILE *out, const char *path)
{
    char name[PATH_MAX], line[256];
    struct statx sx;
    FILE *in;

    if (!proc_fake_fd_name(atoi(strrchr(path, '/') + 1), name, sizeof(name)) ||
        statx(AT_FDCWD, name, 0, STATX_INO | STATX_MNT_ID, &sx) != 0 || !(in = fopen(path, "re")))
        return -ENOENT;
    while (fgets(line, sizeof(line), in)) {
        if (!strncmp(line, "mnt_id:", 7))
            fprintf(out, "mnt_id:\t%llu\n", (unsigned long long)sx.stx_mnt_id);
        else if (!strncmp(line, "ino:", 4))
            fprintf(out, "ino:\t%llu\n", (unsigned long long)sx.stx_ino);
        else
            fputs(line, out);
    }
    fclose(in);
    return 0;
}

/* Is `e` fdinfo/N of a faked file the guest holds? */
static int faked_fdinfo(const char *e)
{
    char name[PATH_MAX];

    long fd;

    if (strncmp(e, "fdinfo/", 7) || (fd = fd_component(e + 7, strlen(e + 7))) < 0)
        return 0;
    return proc_fake_fd_name((int)fd, name, sizeof(name)) != NULL;
}

/*
 * The entries that would reach stitch's own memory: mem (host addresses
 * of the whole process) and map_files (every host mapping by its range,
 * the code buffer's writable view among them, which a root guest could
 * map and fill with host code).  Refused (docs/security.md).
 */
static int refused(const char *e)
{
    return !strcmp(e, "mem") || !strcmp(e, "map_files") || !strncmp(e, "map_files/", 10);
}

int proc_self_open(const char *path, int flags)
{
#ifdef GUEST_PROC_CPUINFO
    /* A guest whose kernel describes its CPU its own way (target-elf.h). */
    static const ProcFile cpuinfo = { "cpuinfo", write_cpuinfo };
    if (!strcmp(path, "/proc/cpuinfo"))
        return fake_file(&cpuinfo, path, flags);
#endif
    const char *e = self_entry(path);

    if (!e)
        return PROC_NOT_FAKED;
    if (refused(e))
        return -EACCES;
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
        if (!strcmp(e, files[i].name))
            return fake_file(&files[i], path, flags);
    static const ProcFile fdinfo = { "fdinfo", write_fdinfo };
    if (faked_fdinfo(e))
        return fake_file(&fdinfo, path, flags);
    return PROC_NOT_FAKED;
}

/* Is `path` (absolute) this process's /proc entry `name`, in any of the
 * names self_entry knows? */
int proc_self_is(const char *path, const char *name)
{
    const char *e = self_entry(path);

    return e && !strcmp(e, name);
}

/* Could `name` be an entry of map_files ("START-END" in hex)? */
static int map_files_entry_name(const char *name)
{
    size_t lo = strspn(name, "0123456789abcdef");

    return lo && name[lo] == '-' && strspn(name + lo + 1, "0123456789abcdef") > 0 &&
           !name[lo + 1 + strspn(name + lo + 1, "0123456789abcdef")];
}

/* The last components that proc_self_open or /proc/self/exe fake or
 * refuse. */
static int faked_name(const char *name)
{
    static const char *const names[] = { "maps",   "auxv", "cmdline", "environ", "personality",
                                         "stat",   "status", "mem", "exe",
                                         "smaps",  "smaps_rollup", "statm", "map_files",
#ifdef GUEST_PROC_CPUINFO
                                         "cpuinfo",
#endif
    };

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (!strcmp(name, names[i]))
            return 1;
    return map_files_entry_name(name);
}

/*
 * Is the absolute `path` a name whose meaning self_entry reads off its
 * text: /proc/NAME, /proc/ID/NAME or /proc/ID/task/ID/NAME, no empty,
 * "." or ".." component?  In /proc only self and thread-self are
 * symlinks at those depths, and self_entry knows them.
 */
static int plain_proc_name(const char *path)
{
    int depth = 0;

    if (strncmp(path, "/proc/", 6))
        return 0;
    for (const char *c = path + 6, *end; *c; c = *end ? end + 1 : end, depth++) {
        end = c + strcspn(c, "/");
        size_t len = (size_t)(end - c);
        if (len == 0 || (len == 1 && c[0] == '.') || (len == 2 && !strncmp(c, "..", 2)))
            return 0;
        if (depth == 1 && *end && (len != 4 || strncmp(c, "task", 4)))
            return 0;
    }
    return depth == 1 || depth == 2 || depth == 4;
}

/*
 * A relative name reaches a faked entry as the absolute one does
 * (fs/namei.c path_init starts from dirfd's or the working directory's
 * path, then walks the same proc dentries): openat(fd of /proc/self,
 * "maps"), chdir("/proc/self") then open("maps"), "../self/maps" ...
 * So does an absolute name in another spelling: "//proc/self/maps",
 * "/proc/./self/maps", "/proc/self/../self/maps" (/proc/self is a
 * symlink: ".." after it is /proc, as link_path_walk follows it before
 * the ".."), "/proc/self/task/TID/../../maps", or through a symlink of
 * the guest's own.  Only a name whose last component is a faked one, and
 * that is not already plain, costs more than the scan: its directory is
 * resolved (a relative one through this thread's /proc/thread-self
 * links, as fd_dir_at below) and the absolute name, when it is a faked
 * entry, goes to buf.  NULL otherwise.
 */
const char *proc_self_relative(int dirfd, const char *path, char *buf, size_t size)
{
    const char *last = strrchr(path, '/');
    char dir[PATH_MAX], real[PATH_MAX];
    size_t dirlen = last ? (size_t)(last - path) : 0;
    int n;

    last = last ? last + 1 : path;
    if (!faked_name(last) || plain_proc_name(path))
        return NULL;
    if (path[0] == '/')
        n = snprintf(dir, sizeof(dir), "/%.*s", (int)dirlen, path);
    else if (dirfd == AT_FDCWD)
        n = snprintf(dir, sizeof(dir), "/proc/thread-self/cwd/%.*s", (int)dirlen, path);
    else
        n = snprintf(dir, sizeof(dir), "/proc/thread-self/fd/%d/%.*s", dirfd, (int)dirlen, path);
    if (n < 0 || (size_t)n >= sizeof(dir) || !realpath(dir, real))
        return NULL;
    n = snprintf(buf, size, "%s/%s", strcmp(real, "/") ? real : "", last);
    if (n < 0 || (size_t)n >= size)
        return NULL;
#ifdef GUEST_PROC_CPUINFO
    if (!strcmp(buf, "/proc/cpuinfo"))
        return buf;
#endif
    const char *e = self_entry(buf);
    return e && (!strcmp(e, last) || refused(e)) ? buf : NULL;
}

/* ---- fd, fdinfo --------------------------------------------------------- */

/*
 * stitch's own descriptors (its stderr copy and logs, include/log.h) are
 * not the guest's: a listing of /proc/self/fd or fdinfo leaves them out,
 * as natively, where the process has no such descriptor.  So does one of
 * another process's that runs this same stitch binary (a forked guest,
 * or the guest that exec'd this one): its own numbers are read from its
 * memory (remote_own_fds).  (qemu-user keeps none of its own at a fixed
 * number, so it hides nothing.)
 */

#ifndef __PIE__
/* The file this process runs, once: exec starts a new image, and fork's
 * child runs the same one. */
static int own_exe(dev_t *dev, ino_t *ino)
{
    static struct stat me;
    static int state; /* 0: not yet, 1: known, -1: cannot */

    int s = __atomic_load_n(&state, __ATOMIC_ACQUIRE);
    if (!s) {
        struct stat st;
        s = stat("/proc/self/exe", &st) == 0 ? 1 : -1;
        if (s > 0)
            me = st;
        __atomic_store_n(&state, s, __ATOMIC_RELEASE);
    }
    *dev = me.st_dev, *ino = me.st_ino;
    return s > 0;
}
#endif

int proc_runs_this_stitch(pid_t pid)
{
#ifndef __PIE__
    char exe[64];
    struct stat it;
    dev_t dev;
    ino_t ino;

    snprintf(exe, sizeof(exe), "/proc/%d/exe", (int)pid);
    return own_exe(&dev, &ino) && stat(exe, &it) == 0 && it.st_dev == dev && it.st_ino == ino;
#else
    (void)pid;
    return 0;
#endif
}

#ifndef __PIE__
/* One try at its published numbers (util/log.c change_begin): their
 * count and *seqp the count they go with, odd if they were changing (a
 * guess then, for want of better), or -1 to give up. */
static long read_own_fds(pid_t pid, int **fds, uint32_t *seqp)
{
    uint32_t seq, again;
    LogOwnFds h;
    struct iovec head[2] = { { &seq, sizeof(seq) }, { &h, sizeof(h) } };
    struct iovec there[2] = { { &log_own_fds.seq, sizeof(seq) }, { &log_own_fds, sizeof(h) } };

    if (process_vm_readv(pid, head, 2, there, 2, 0) != (ssize_t)(sizeof(seq) + sizeof(h)) ||
        h.n > 1u << 20)
        return -1;
    size_t size = h.n * sizeof(**fds);
    int *a = malloc(size + sizeof(**fds));
    struct iovec mine = { a, size }, theirs = { h.fds, size };
    struct iovec tail = { &again, sizeof(again) }, count = { &log_own_fds.seq, sizeof(again) };
    if (!a)
        return -1;
    /* The array may have been freed under the read: nothing of it. */
    if (size && process_vm_readv(pid, &mine, 1, &theirs, 1, 0) != (ssize_t)size)
        h.n = 0, seq |= 1;
    if (process_vm_readv(pid, &tail, 1, &count, 1, 0) != sizeof(again) || again != seq)
        seq |= 1;
    *fds = a;
    *seqp = seq;
    return h.n;
}

/* Monotonic microseconds. */
static uint64_t now_us(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000 + (uint64_t)t.tv_nsec / 1000;
}

/*
 * The wait for a change to stitch's descriptors to end (util/log.c
 * change_begin): it takes a system call or two under a lock, but the
 * thread making it may lose its processor meanwhile on a busy machine,
 * for a few time slices.  1 once the wait is over, 100 ms after `start`.
 */
static int changes_waited(uint64_t start, int tries)
{
    struct timespec a_while = { 0, 100000 };

    if (now_us() - start > 100000)
        return 1;
    if (tries < 16)
        sched_yield();
    else
        nanosleep(&a_while, NULL);
    return 0;
}
#endif

/*
 * The numbers of the own descriptors of `pid`, which runs this stitch
 * binary: read where util/log.c publishes them, at the same address in
 * it as in this process (stitch is linked at a fixed one).  Their count,
 * or -1 (not a stitch, or its memory is not ours to read: nothing is
 * hidden); *fds is for the caller to free, *seq what proc_fd_dir_steady
 * compares.
 */
static long remote_own_fds(pid_t pid, int **fds, uint32_t *seq)
{
#ifndef __PIE__
    if (!proc_runs_this_stitch(pid))
        return -1;
    /* While a change goes on, a while; then the list as it is. */
    long n;
    for (uint64_t start = now_us(), tries = 0;; tries++) {
        if ((n = read_own_fds(pid, fds, seq)) < 0)
            return -1;
        if (!(*seq & 1) || changes_waited(start, (int)tries))
            break;
        free(*fds);
        *fds = NULL;
    }
    /* The pid may have gone to another program since the check. */
    if (proc_runs_this_stitch(pid))
        return n;
    free(*fds);
    *fds = NULL;
#else
    (void)pid, (void)fds, (void)seq;
#endif
    return -1;
}

static int remote_fd_own(pid_t pid, long fd)
{
    int *fds = NULL;
    uint32_t seq;
    long n = remote_own_fds(pid, &fds, &seq);
    int found = 0;

    for (long i = 0; i < n && !found; i++)
        found = fds[i] == fd;
    free(fds);
    return found;
}

/*
 * Is the real path `dir` (ending in '/') a process's fd (1) or fdinfo
 * (2) directory: /proc/<id>/fd/ or /proc/<id>/task/<tid>/fd/ (fdinfo
 * alike), the names realpath and the links of /proc/self/fd give?  *pid
 * is 0 for this process (own_proc_id), else <id>.
 */
static int fd_dir_kind(const char *dir, pid_t *pid)
{
    const char *id = dir + 6, *p;
    size_t len = strspn(id, "0123456789");

    if (strncmp(dir, "/proc/", 6) || !len || len > 10 || id[len] != '/')
        return 0;
    p = id + len + 1;
    if (!strncmp(p, "task/", 5)) {
        size_t tl = strspn(p + 5, "0123456789");
        if (!tl || p[5 + tl] != '/')
            return 0;
        p += 5 + tl + 1;
    }
    int kind = !strcmp(p, "fd/") ? 1 : !strcmp(p, "fdinfo/") ? 2 : 0;
    if (kind)
        *pid = own_proc_id(id, len) ? 0 : (pid_t)strtol(id, NULL, 10);
    return kind;
}

/* The count of this process's list once no change is under way, as
 * remote_own_fds waits (odd if none ends soon). */
static uint32_t own_seq(void)
{
    uint32_t seq;

    for (uint64_t start = now_us(), tries = 0;; tries++) {
        seq = __atomic_load_n(&log_own_fds.seq, __ATOMIC_ACQUIRE);
        if (!(seq & 1) || changes_waited(start, (int)tries))
            return seq;
    }
}

int proc_fd_dir(int fd, ProcFdHide *h)
{
    char link[64], dir[PATH_MAX];
    pid_t pid;

    *h = (ProcFdHide){ 0, 0, 0, 0, NULL };
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, dir, sizeof(dir) - 2);
    if (n <= 0)
        return 0;
    dir[n] = '/';
    dir[n + 1] = '\0';
    if (!fd_dir_kind(dir, &pid))
        return 0;
    if (!pid) {
        h->seq = own_seq();
        return h->kind = 1;
    }
    long k = remote_own_fds(pid, &h->fds, &h->seq);
    if (k < 0)
        return 0;
    h->n = (size_t)k;
    h->pid = pid;
    return h->kind = 2;
}

/* Are stitch's descriptors there as they were when proc_fd_dir read
 * them, none opened or closed since?  (A process that is gone: yes.) */
static int proc_fd_dir_steady(const ProcFdHide *h)
{
    uint32_t seq = h->seq;

    if (h->kind == 1)
        seq = __atomic_load_n(&log_own_fds.seq, __ATOMIC_ACQUIRE);
#ifndef __PIE__
    struct iovec mine = { &seq, sizeof(seq) }, theirs = { &log_own_fds.seq, sizeof(seq) };
    if (h->kind == 2 && process_vm_readv(h->pid, &mine, 1, &theirs, 1, 0) != sizeof(seq))
        return 1;
#endif
    return seq == h->seq && !(seq & 1);
}

int proc_fd_dir_again(int fd, ProcFdHide *h, off_t pos, int tries)
{
    /* An odd count: proc_fd_dir waited already, and guessed. */
    if (!h->kind || (h->seq & 1) || proc_fd_dir_steady(h) || tries >= 64 ||
        lseek(fd, pos, SEEK_SET) != pos)
        return 0;
    proc_fd_dir_end(h);
    proc_fd_dir(fd, h);
    return 1;
}

void proc_fd_dir_end(ProcFdHide *h)
{
    free(h->fds);
    h->fds = NULL;
}

int proc_fd_hidden(const ProcFdHide *h, const char *name)
{
    char *end;
    long fd = strtol(name, &end, 10);

    if (*name < '0' || *name > '9' || *end || fd < LOG_OWN_FD_MIN || fd > INT_MAX)
        return 0;
    if (h->kind == 1)
        return log_fd_kept((int)fd);
    for (size_t i = 0; i < h->n; i++)
        if (h->fds[i] == fd)
            return 1;
    return 0;
}

/* Drops the hidden entries of a struct linux_dirent64 buffer; an entry's
 * d_off is where the next one starts, so a dropped one's goes to the
 * entry before it. */
static long drop_hidden(const ProcFdHide *h, char *buf, long len)
{
    long out = 0, prev = -1;

    for (long p = 0; p + 19 < len;) {
        uint16_t reclen;
        memcpy(&reclen, buf + p + 16, 2); /* d_reclen */
        if (reclen == 0 || reclen > len - p)
            break;
        if (proc_fd_hidden(h, buf + p + 19)) { /* d_name */
            if (prev >= 0)
                memcpy(buf + prev + 8, buf + p + 8, 8); /* d_off */
        } else {
            memmove(buf + out, buf + p, reclen);
            prev = out;
            out += reclen;
        }
        p += reclen;
    }
    return out;
}

/*
 * Is the absolute path[0, len) (trailing slashes aside) one of the
 * names of /proc the kernel serves as they read, with no symlink in
 * them but "self" and "thread-self": /proc/<id>[/task/<tid>]/fd or
 * fdinfo (kind 1 or 2, *pid as fd_dir_kind says), or /proc and
 * /proc/<id>/task, whose numbers are processes, never descriptors (0)?
 * -1 for any other name, which only resolving can tell.
 */
static int fd_dir_text(const char *path, size_t len, pid_t *pid)
{
    const char *id = path + 6, *end = path + len, *p;

    while (end > path + 1 && end[-1] == '/')
        end--;
    if (end - path == 5 && !strncmp(path, "/proc", 5))
        return 0;
    if (end - path < 6 || strncmp(path, "/proc/", 6))
        return -1;
    size_t idlen = strspn(id, "0123456789");
    int self = !idlen && (!strncmp(id, "self/", 5) || !strncmp(id, "thread-self/", 12));
    if (self)
        idlen = id[0] == 's' ? 4 : 11;
    if (!idlen || idlen > 10 || id + idlen >= end || id[idlen] != '/')
        return -1;
    p = id + idlen + 1;
    if ((size_t)(end - p) == 4 && !strncmp(p, "task", 4))
        return 0;
    if ((size_t)(end - p) > 5 && !strncmp(p, "task/", 5)) {
        size_t tl = strspn(p + 5, "0123456789");
        if (!tl || p + 5 + tl >= end || p[5 + tl] != '/')
            return -1;
        p += 5 + tl + 1;
    }
    size_t rest = (size_t)(end - p);
    int kind;
    if (rest == 2 && !strncmp(p, "fd", 2))
        kind = 1;
    else if (rest == 6 && !strncmp(p, "fdinfo", 6))
        kind = 2;
    else
        return -1;
    *pid = self || own_proc_id(id, idlen) ? 0 : (pid_t)strtol(id, NULL, 10);
    return kind;
}

/*
 * Is path[0, len), looked up from dirfd as the kernel would (fs/namei.c
 * path_init: an absolute name ignores dirfd, AT_FDCWD is the working
 * directory), a process's fd (1) or fdinfo (2) directory, *pid as
 * fd_dir_kind says?  A name fd_dir_text cannot tell is opened (O_PATH,
 * by this thread, from its own working directory and file table, as
 * the kernel starts from) and its link read: "/dev/fd", "../fdinfo",
 * a dirfd's "." ... become /proc/<id>/....  Only a directory of /proc
 * with no subdirectory (2 links, fs/proc/base.c proc_pident_instantiate;
 * /proc/<pid>/task has one more a thread) gets that far: the name of a
 * thread, 512 and up as most are, costs one fstatat.
 */
static int fd_dir_at(int dirfd, const char *path, size_t len, pid_t *pid)
{
    static dev_t proc_dev;
    char dir[PATH_MAX], link[64], real[PATH_MAX];
    struct stat st;

    int kind = path[0] == '/' ? fd_dir_text(path, len, pid) : -1;
    if (kind >= 0)
        return kind;
    if (len >= sizeof(dir))
        return 0;
    memcpy(dir, path, len);
    dir[len] = '\0';
    if (!proc_dev) {
        if (stat("/proc", &st) < 0)
            return 0;
        proc_dev = st.st_dev;
    }
    if (fstatat(dirfd, dir, &st, len ? 0 : AT_EMPTY_PATH) < 0 || !S_ISDIR(st.st_mode) ||
        st.st_dev != proc_dev || st.st_nlink != 2)
        return 0; /* where the fstatat fails, the kernel's walk stops too */
    int fd = openat(dirfd, len ? dir : ".", O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    snprintf(link, sizeof(link), "/proc/thread-self/fd/%d", fd);
    ssize_t n = readlink(link, real, sizeof(real) - 2);
    close(fd);
    if (n <= 0)
        return 0;
    real[n] = '/';
    real[n + 1] = '\0';
    return fd_dir_kind(real, pid);
}

/* Is the number `fd` at path[0, start) from dirfd one of stitch's own,
 * this process's or another stitch's, in its fd or fdinfo directory? */
static int own_fd_at(int dirfd, const char *path, size_t start, long fd)
{
    pid_t pid;

    if (fd < LOG_OWN_FD_MIN || !fd_dir_at(dirfd, path, start, &pid))
        return 0;
    return pid ? remote_fd_own(pid, fd) : log_fd_kept((int)fd);
}

/*
 * The kernel walks a name component by component and stops at the first
 * that is not there: in an fd or fdinfo directory, one of stitch's
 * numbers is such a component, whatever follows it ("512", "512/",
 * "512/..").  Only a component that is one of those numbers costs more
 * than the scan.
 */
size_t proc_fd_name_hidden(int dirfd, const char *path)
{
    for (size_t start = 0, end; path[start]; start = end) {
        while (path[start] == '/')
            start++;
        for (end = start; path[end] && path[end] != '/';)
            end++;
        if (own_fd_at(dirfd, path, start, fd_component(path + start, end - start)))
            return end;
    }
    return 0;
}

/*
 * Is `path` from dirfd this process's fd/N of a faked file?  The name of
 * the entry it stands for, in buf.  Only a last component of digits
 * costs more than the scan.
 */
const char *proc_fake_link(int dirfd, const char *path, char *buf, size_t size)
{
    const char *last = strrchr(path, '/');
    size_t start = last ? (size_t)(last + 1 - path) : 0;

    long fd = fd_component(path + start, strlen(path + start));
    pid_t pid;

    if (fd < 0 || fd_dir_at(dirfd, path, start, &pid) != 1 || pid)
        return NULL;
    return proc_fake_fd_name((int)fd, buf, size);
}

/* Does a call on (dirfd, path) with fstatat's AT_EMPTY_PATH and
 * AT_SYMLINK_NOFOLLOW `flags` reach a faked file the guest holds, by
 * its descriptor or by following its fd/N link?  The entry's name. */
const char *proc_fake_at(int dirfd, const char *path, int flags, char *buf, size_t size)
{
    if ((flags & AT_EMPTY_PATH) && !*path)
        return proc_fake_fd_name(dirfd, buf, size);
    if (flags & AT_SYMLINK_NOFOLLOW)
        return NULL;
    return proc_fake_link(dirfd, path, buf, size);
}

long proc_getdents64(int fd, void *buf, size_t len)
{
    ProcFdHide h;
    long n;

    proc_fd_dir(fd, &h);
    for (int tries = 0;; tries++) {
        off_t pos = h.kind ? lseek(fd, 0, SEEK_CUR) : 0;
        n = syscall(SYS_getdents64, fd, buf, len);
        if (n <= 0 || !h.kind)
            break;
        if (proc_fd_dir_again(fd, &h, pos, tries))
            continue;
        if ((n = drop_hidden(&h, buf, n)) > 0)
            break;
        /* Only stitch's entries in this batch: the next one. */
    }
    int e = errno;
    proc_fd_dir_end(&h);
    errno = e;
    return n;
}

