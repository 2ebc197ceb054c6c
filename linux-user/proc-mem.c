/*
 * The guest's memory as /proc/self describes it: smaps, smaps_rollup,
 * statm, and the memory counters of status and stat.  The host's files
 * count stitch's mappings (its code buffer, its heap, the 4 GiB window's
 * reservation); these count the guest's mappings only, those maps lists
 * (proc-self.c proc_guest_runs), with the kernel's definitions
 * (fs/proc/task_mmu.c show_smap, show_smaps_rollup, task_mem,
 * task_statm).
 *
 * The page counters are the kernel's own: the host's smaps records of
 * the same memory.  A guest mapping is often only part of a host one
 * (guest r-x is host r--, so the host merges what the guest's kernel
 * would not), and a record is per host VMA; so for smaps and
 * smaps_rollup the host VMAs are split at the guest's boundaries while
 * the records are read, by marking every other run MADV_DONTFORK (a
 * flag stitch never gives guest memory, advice_kept_from_host), and
 * unmarked again after, all under tb_lock, which a fork takes too
 * (exec_fork_start): no child ever sees a mark.  smaps and smaps_rollup
 * cost a read of the host's smaps, the kernel's walk of all of stitch's
 * page tables, which grows with the number of mappings.
 *
 * status, statm and stat read neither the host's smaps nor split
 * anything: their sizes are the guest's runs' (the host's maps, as the
 * maps file reads it), their resident and swapped pages the pagemap
 * entries of the guest's mappings only, read after tb_lock is dropped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "exec.h"
#include "proc-mem.h"
#include "user.h"

#ifndef TMPFS_MAGIC /* include/uapi/linux/magic.h */
#define TMPFS_MAGIC 0x01021994
#endif

#define MAX_FIELDS 40

/* One line of a host smaps record: "Rss:  12 kB" has a value in kB;
 * the others (THPeligible, ProtectionKey, VmFlags) keep their text. */
typedef struct {
    char key[24];
    uint64_t value;
    int kb;
    char *text;
} Field;

/* A host smaps record, its range in guest addresses, clipped to the
 * window. */
typedef struct {
    uint64_t start, end;
    int n;
    Field f[MAX_FIELDS];
} Record;

typedef struct {
    Record *r;
    int n, cap;
} Records;

/* The runs of proc_guest_runs, copied. */
typedef struct {
    GuestRun run;
    char *line;
    int index;  /* its place among its host mapping's runs */
    int marked; /* split off by MADV_DONTFORK while the records are read */
    dev_t dev; /* its host mapping's device, 0 for anonymous memory */
    int shmem;
} Run;

typedef struct {
    Run *r;
    int n, cap, failed;
    int lines; /* keep maps' lines (smaps prints them) */
} Runs;

/* Room for element n of an array: p, or a larger copy, or NULL. */
static void *grow(void *p, int *cap, int n, size_t size)
{
    int more = *cap ? *cap * 2 : 64;
    void *q;

    if (n < *cap)
        return p;
    if ((q = realloc(p, (size_t)more * size)))
        *cap = more;
    return q;
}

/*
 * mm/shmem.c's pages, by the device maps shows: those of shm_mnt, the
 * kernel's own tmpfs (SysV shm, shared anonymous memory, memfds: 00:01
 * on 6.x kernels, found as a memfd's st_dev), and those of a tmpfs
 * mount (mountinfo's fstype).  Not by maps' path, which may be escaped,
 * renamed or deleted, and whose statfs could block on a hung or
 * guest-served file system; mountinfo is read after tb_lock, and only
 * when a guest mapping is a file of another file system without a
 * device (major 0).
 */
typedef struct {
    dev_t *dev;
    int n, cap;
} ShmemDevs;

static dev_t shm_mnt_dev(void)
{
    static dev_t dev; /* the same for every thread that finds it */
    struct stat st;

    if (dev)
        return dev;
    int fd = memfd_create("stitch", MFD_CLOEXEC);
    dev = fd >= 0 && fstat(fd, &st) == 0 ? st.st_dev : makedev(0, 1);
    if (fd >= 0)
        close(fd);
    return dev;
}

static void add_dev(ShmemDevs *d, dev_t dev)
{
    dev_t *more = grow(d->dev, &d->cap, d->n, sizeof(*d->dev));

    if (!more)
        return;
    d->dev = more;
    d->dev[d->n++] = dev;
}

static void tmpfs_devs(ShmemDevs *d)
{
    FILE *in = fopen("/proc/self/mountinfo", "re");
    char line[4096 + 256], type[32];
    unsigned ma, mi;

    while (in && fgets(line, sizeof(line), in)) {
        const char *sep = strstr(line, " - ");
        if (sscanf(line, "%*d %*d %u:%u", &ma, &mi) == 2 && sep &&
            sscanf(sep + 3, "%31s", type) == 1 &&
            (!strcmp(type, "tmpfs") || !strcmp(type, "devtmpfs")))
            add_dev(d, makedev(ma, mi));
    }
    if (in)
        fclose(in);
}

static void find_shmem(Runs *rs)
{
    ShmemDevs d = { 0 };
    int read = 0;
    dev_t shm = shm_mnt_dev();

    for (int i = 0; i < rs->n; i++) {
        Run *r = &rs->r[i];
        /* A tmpfs has an anonymous device (get_tree_nodev): major 0. */
        if (!r->dev || r->dev == shm || major(r->dev)) {
            r->shmem = r->dev == shm;
            continue;
        }
        if (!read++)
            tmpfs_devs(&d);
        for (int k = 0; k < d.n && !r->shmem; k++)
            r->shmem = d.dev[k] == r->dev;
    }
    free(d.dev);
}

/* dev: maps' "major:minor", in hex (show_vma_header_prefix). */
static dev_t host_dev(const char *dev)
{
    char *end;

    if (!dev)
        return 0;
    unsigned long ma = strtoul(dev, &end, 16);
    if (*end != ':')
        return 0;
    unsigned long mi = strtoul(end + 1, &end, 16);
    return makedev(ma, mi);
}

static void add_run(void *arg, const GuestRun *run)
{
    Runs *rs = arg;
    Run *r, *prev, *more = grow(rs->r, &rs->cap, rs->n, sizeof(*rs->r));

    if (!more) {
        rs->failed = 1;
        return;
    }
    rs->r = more;
    r = &rs->r[rs->n++];
    prev = rs->n > 1 ? &rs->r[rs->n - 2] : NULL;
    *r = (Run){ .run = *run };
    r->line = rs->lines && (run->flags & PAGE_VALID) ? strdup(run->line) : NULL;
    r->run.line = r->line;
    r->run.host_path = NULL;
    r->dev = host_dev(run->host_dev);
    r->index = prev && prev->run.host_start == run->host_start ? prev->index + 1 : 0;
}

static void free_runs(Runs *rs)
{
    for (int i = 0; i < rs->n; i++)
        free(rs->r[i].line);
    free(rs->r);
}

static void free_records(Records *rs)
{
    for (int i = 0; i < rs->n; i++)
        for (int j = 0; j < rs->r[i].n; j++)
            free(rs->r[i].f[j].text);
    free(rs->r);
}

/* A header line: "start-end perms offset dev inode [path]" in hex. */
static int header(const char *line, Record *rec, int window)
{
    unsigned long long lo, hi;

    if (sscanf(line, "%llx-%llx", &lo, &hi) < 2)
        return -1;
    if (window) {
        uint64_t base = guest_base, top = base + GUEST_TOP;
        if (hi <= base || lo >= top)
            return -1;
        lo = lo < base ? base : lo;
        hi = hi < top ? hi : top;
        lo -= base;
        hi -= base;
    }
    *rec = (Record){ .start = lo, .end = hi };
    return 0;
}

static void field(const char *line, Record *rec)
{
    Field *f = &rec->f[rec->n];
    char *end;
    int n = 0;

    if (rec->n == MAX_FIELDS || sscanf(line, "%23[^:]:%n", f->key, &n) != 1 || !n)
        return;
    f->value = strtoull(line + n, &end, 10);
    f->kb = !strcmp(end, " kB\n");
    f->text = f->kb ? NULL : strdup(line);
    rec->n++;
}

/*
 * The records of a smaps-format file; only those of the window when
 * `window`, in guest addresses.  A field line starts with a capital,
 * a header with a hex digit.
 */
static int read_records_from(FILE *in, int window, Records *rs)
{
    char line[4096 + 128];
    Record *cur = NULL;

    while (fgets(line, sizeof(line), in)) {
        if (line[0] >= 'A' && line[0] <= 'Z') {
            if (cur)
                field(line, cur);
            continue;
        }
        Record *more = grow(rs->r, &rs->cap, rs->n, sizeof(*rs->r));
        cur = NULL;
        if (!more)
            break;
        rs->r = more;
        if (header(line, &rs->r[rs->n], window) == 0)
            cur = &rs->r[rs->n++];
    }
    int whole = feof(in);
    fclose(in);
    return whole ? 0 : -ENOMEM;
}

static int read_records(const char *path, int window, Records *rs)
{
    FILE *in = fopen(path, "re");

    return in ? read_records_from(in, window, rs) : -errno;
}

/* Splits the host VMAs at the runs' boundaries (or joins them again):
 * every other run of a host mapping holding several. */
static void mark_runs(Runs *rs, int advice)
{
    for (int i = 0; i < rs->n; i++) {
        Run *r = &rs->r[i];
        if (advice == MADV_DONTFORK)
            r->marked = r->index % 2 == 1 &&
                        madvise(g2h(r->run.start), r->run.end - r->run.start, advice) == 0;
        else if (r->marked)
            madvise(g2h(r->run.start), r->run.end - r->run.start, advice);
    }
}

/* vm.max_map_count (mm/mmap.c sysctl_max_map_count), its default when
 * unreadable. */
static int max_map_count(void)
{
    FILE *in = fopen("/proc/sys/vm/max_map_count", "re");
    int n = 0;

    if (!in || fscanf(in, "%d", &n) != 1 || n <= 0)
        n = 65530;
    if (in)
        fclose(in);
    return n;
}

/* VMAs kept free for what stitch itself maps while the split is in place
 * (a thread's malloc arena, a signal handler's): all the read's memory
 * is allocated before. */
#define SPLIT_MARGIN 128

/*
 * Whether the split fits under vm.max_map_count: each mark makes up to
 * two more VMAs.  Past it a mark, or stitch's own mmap meanwhile, would
 * fail; the records are then read whole (docs/divergences.md).
 */
static int split_fits(const Runs *runs, int host_vmas, int max)
{
    int64_t marks = 0;

    for (int i = 0; i < runs->n; i++)
        marks += runs->r[i].index % 2 == 1;
    return (int64_t)host_vmas + 2 * marks + SPLIT_MARGIN <= max;
}

/* Room for every record the split can make: at most one a run. */
static int reserve_records(Records *recs, int n)
{
    Record *r = realloc(recs->r, (size_t)n * sizeof(*r));

    if (!r)
        return -ENOMEM;
    recs->r = r;
    recs->cap = n;
    return 0;
}

/* The guest's runs and (when recs) the host's records of the window,
 * read together under tb_lock, the host's VMAs split at the runs when
 * `split` and the split fits. */
static int read_guest(Runs *runs, Records *recs, int split)
{
    int r, max = split ? max_map_count() : 0;
    FILE *in = NULL;

    *runs = (Runs){ .lines = recs != NULL };
    if (recs) {
        *recs = (Records){ 0 };
        in = fopen("/proc/self/smaps", "re");
    }
    tb_lock();
    r = recs && !in ? -errno : proc_guest_runs(add_run, runs, runs->lines);
    if (r >= 0 && runs->failed)
        r = -ENOMEM;
    split = split && r >= 0 && split_fits(runs, r, max);
    if (r >= 0 && recs && split)
        r = reserve_records(recs, runs->n + SPLIT_MARGIN);
    if (r >= 0 && split)
        mark_runs(runs, MADV_DONTFORK);
    if (r >= 0 && recs) {
        r = read_records_from(in, 1, recs);
        in = NULL;
    }
    if (split)
        mark_runs(runs, MADV_DOFORK);
    tb_unlock();
    if (in)
        fclose(in);
    if (r >= 0)
        find_shmem(runs);
    if (r < 0) {
        free_runs(runs);
        if (recs)
            free_records(recs);
    }
    return r < 0 ? r : 0;
}

static const Field *find(const Record *rec, const char *key)
{
    for (int i = 0; i < rec->n; i++)
        if (!strcmp(rec->f[i].key, key))
            return &rec->f[i];
    return NULL;
}

static uint64_t value(const Record *rec, const char *key)
{
    const Field *f = find(rec, key);

    return f ? f->value : 0;
}

/* What the records covering a guest mapping add up to. */
typedef struct {
    const Record *first;
    uint64_t v[MAX_FIELDS]; /* by the first record's fields */
} Sum;

/* Records are in address order, and so are the calls: *next is where
 * the search starts. */
static Sum sum_run(const Records *recs, int *next, const Run *run)
{
    Sum s = { 0 };

    while (*next < recs->n && recs->r[*next].end <= run->run.start)
        (*next)++;
    for (int k = *next; k < recs->n && recs->r[k].start < run->run.end; k++) {
        const Record *rec = &recs->r[k];
        if (!s.first)
            s.first = rec;
        for (int i = 0; i < s.first->n; i++)
            s.v[i] += value(rec, s.first->f[i].key);
    }
    return s;
}

/* fs/proc/task_mmu.c SEQ_PUT_DEC: the name padded to 16, the value to 8. */
static void put_kb(FILE *out, const char *key, uint64_t kb)
{
    char name[32];

    snprintf(name, sizeof(name), "%s:", key);
    fprintf(out, "%-16s%8" PRIu64 " kB\n", name, kb);
}

/* show_smap_vma_flags(): the guest's rd, wr, ex (the host's pages are
 * never executable, and r-x is r--); the host's other flags, but for the
 * mark of the split. */
static void put_vmflags(FILE *out, const char *text, int flags)
{
    const char *p = strchr(text, ':');
    char tok[3];

    fputs("VmFlags: ", out);
    if (flags & PAGE_SHOWN_READ)
        fputs("rd ", out);
    if (flags & PAGE_WRITE)
        fputs("wr ", out);
    if (flags & PAGE_EXEC)
        fputs("ex ", out);
    for (int n = 0; p && sscanf(p + 1, "%2s%n", tok, &n) == 1; p += n)
        if (strcmp(tok, "rd") && strcmp(tok, "wr") && strcmp(tok, "ex") && strcmp(tok, "dc"))
            fprintf(out, "%s ", tok);
    fputc('\n', out);
}

static int is_page_size(const char *key)
{
    return !strcmp(key, "KernelPageSize") || !strcmp(key, "MMUPageSize");
}

/* show_smap(): maps' line, then the record's fields. */
static void put_smap(FILE *out, const Run *run, const Sum *s)
{
    fprintf(out, "%s\n", run->line);
    for (int i = 0; s->first && i < s->first->n; i++) {
        const Field *f = &s->first->f[i];
        if (!strcmp(f->key, "Size"))
            put_kb(out, f->key, (run->run.end - run->run.start) >> 10);
        else if (!strcmp(f->key, "VmFlags"))
            put_vmflags(out, f->text, run->run.flags);
        else if (f->kb)
            put_kb(out, f->key, is_page_size(f->key) ? f->value : s->v[i]);
        else
            fputs(f->text, out);
    }
}

int proc_mem_smaps(FILE *out)
{
    Runs runs;
    Records recs;
    int next = 0;

    if (read_guest(&runs, &recs, 1) < 0)
        return -EIO;
    for (int i = 0; i < runs.n; i++) {
        if (!(runs.r[i].run.flags & PAGE_VALID))
            continue;
        Sum s = sum_run(&recs, &next, &runs.r[i]);
        put_smap(out, &runs.r[i], &s);
    }
    free_runs(&runs);
    free_records(&recs);
    return 0;
}

/* ---- smaps_rollup ----------------------------------------------------- */

/*
 * The rollup's Pss_Anon, Pss_File, Pss_Shmem (smaps_account: each page's
 * share by the kind of page) are no lines of a VMA's record.  A mapping
 * whose resident pages are all anonymous, or none, gives its Pss to one
 * kind; a private file mapping with copied pages too, as if those were
 * all the mapping's alone (docs/divergences.md).
 */
static void pss_kinds(int shmem, const Record *rec, uint64_t kinds[3])
{
    uint64_t rss = value(rec, "Rss"), pss = value(rec, "Pss"), anon = value(rec, "Anonymous");
    uint64_t pss_anon = anon >= rss ? pss : anon < pss ? anon : pss;

    kinds[0] += pss_anon;
    kinds[shmem ? 2 : 1] += pss - pss_anon;
}

/* show_smaps_rollup(): the prefix of a maps line from the first
 * mapping's start to the last one's end, no flags, "[rollup]". */
static void rollup_header(FILE *out, uint32_t start, uint64_t end)
{
    int n = fprintf(out, "%08" PRIx32 "-%08" PRIx64 " ---p 00000000 00:00 0 ", start, end);

    fprintf(out, "%*s[rollup]\n", n < 73 ? 73 - n : 0, "");
}

int proc_mem_smaps_rollup(FILE *out)
{
    Runs runs;
    Records recs, keys = { 0 };
    uint64_t total[MAX_FIELDS] = { 0 }, kinds[3] = { 0 };
    uint32_t start = 0;
    uint64_t end = 0;
    int next = 0, counted = -1, r = read_records("/proc/self/smaps_rollup", 0, &keys);

    if (r < 0 || keys.n != 1 || read_guest(&runs, &recs, 1) < 0) {
        free_records(&keys);
        return -EIO;
    }
    const Record *rk = &keys.r[0];
    for (int i = 0; i < runs.n; i++) {
        const Run *run = &runs.r[i];
        if (!(run->run.flags & PAGE_VALID))
            continue;
        start = end ? start : run->run.start;
        end = run->run.end;
        /* Each record once, though a host VMA that could not be split
         * holds several of the guest's mappings. */
        while (next < recs.n && recs.r[next].end <= run->run.start)
            next++;
        for (int j = next > counted ? next : counted + 1;
             j < recs.n && recs.r[j].start < run->run.end; j++) {
            for (int k = 0; k < rk->n; k++)
                total[k] += value(&recs.r[j], rk->f[k].key);
            pss_kinds(run->shmem, &recs.r[j], kinds);
            counted = j;
        }
    }
    rollup_header(out, start, end);
    for (int k = 0; k < rk->n; k++) {
        const char *key = rk->f[k].key;
        uint64_t v = !strcmp(key, "Pss_Anon")    ? kinds[0]
                     : !strcmp(key, "Pss_File")  ? kinds[1]
                     : !strcmp(key, "Pss_Shmem") ? kinds[2]
                                                 : total[k];
        if (rk->f[k].kb)
            put_kb(out, key, v);
        else
            fputs(rk->f[k].text, out);
    }
    free_runs(&runs);
    free_records(&recs);
    free_records(&keys);
    return 0;
}

/* ---- status, statm, stat ---------------------------------------------- */

/* mm_struct's counters of the guest (include/linux/mm_types.h), in
 * pages for the VMA sizes, in kB for the resident ones. */
struct GuestMem {
    uint64_t total_vm, data_vm, stack_vm, exec_vm, locked_vm;
    uint64_t anon_kb, file_kb, shmem_kb, swap_kb, hugetlb_kb;
    uint64_t text_bytes, peak_vm, hwm_kb;
};

/* VmHWM: the most resident memory any read has seen (the kernel's
 * hiwater_rss is also raised where pages go, which stitch does not
 * watch: docs/divergences.md). */
static uint64_t hwm_kb;

void proc_mem_fork_child(void)
{
    /* kernel/fork.c dup_mm: the child's marks are its current use. */
    hwm_kb = 0;
    page_valid_peak_reset();
}

/* mm/internal.h is_exec_mapping, is_stack_mapping, is_data_mapping, as
 * vm_stat_account counts a guest mapping's pages. */
static void count_vm(GuestMem *m, const Run *r)
{
    uint64_t pages = (r->run.end - r->run.start) / TARGET_PAGE_SIZE;
    int w = r->run.flags & PAGE_WRITE, shared = r->run.shared == 's';

    m->total_vm += pages;
    if (r->run.stack)
        m->stack_vm += pages;
    else if ((r->run.flags & PAGE_EXEC) && !w)
        m->exec_vm += pages;
    else if (w && !shared)
        m->data_vm += pages;
}

/* The guest's part of a record that is VM_LOCKED: locked_vm counts the
 * size of mlocked mappings, resident or not. */
static uint64_t locked_pages(const Record *rec, const Runs *runs)
{
    const Field *f = find(rec, "VmFlags");
    uint64_t n = 0;

    if (!f || !strstr(f->text, " lo "))
        return 0;
    for (int i = 0; i < runs->n; i++) {
        const GuestRun *r = &runs->r[i].run;
        uint64_t lo = r->start > rec->start ? r->start : rec->start;
        uint64_t hi = r->end < rec->end ? r->end : rec->end;
        if ((r->flags & PAGE_VALID) && lo < hi)
            n += (hi - lo) / TARGET_PAGE_SIZE;
    }
    return n;
}

/* The host's own VmLck and HugetlbPages, in kB: stitch locks nothing and
 * maps no huge pages, so these are the guest's doing. */
static void host_status(uint64_t *lck_kb, uint64_t *hugetlb_kb)
{
    FILE *in = fopen("/proc/self/status", "re");
    char line[256];
    unsigned long long v;

    *lck_kb = *hugetlb_kb = 0;
    while (in && fgets(line, sizeof(line), in)) {
        if (sscanf(line, "VmLck: %llu", &v) == 1)
            *lck_kb = v;
        else if (sscanf(line, "HugetlbPages: %llu", &v) == 1)
            *hugetlb_kb = v;
    }
    if (in)
        fclose(in);
}

/*
 * locked_vm: the guest's part of the host's mlocked VMAs.  The host's
 * smaps (no split: mlock splits VMAs itself) is read only when the host
 * has any locked memory at all, outside tb_lock: a mapping call meanwhile
 * makes the count as fleeting as the kernel's.  Under mlockall the host
 * has stitch's own mappings locked too, hence the intersection.
 */
static void count_locked(GuestMem *m, const Runs *runs, uint64_t host_lck_kb)
{
    Records recs = { 0 };

    if (!host_lck_kb)
        return;
    if (read_records("/proc/self/smaps", 1, &recs) == 0)
        for (int i = 0; i < recs.n; i++)
            m->locked_vm += locked_pages(&recs.r[i], runs);
    free_records(&recs);
}

/* pagemap's bits (Documentation/admin-guide/mm/pagemap.rst). */
#define PM_PRESENT (1ull << 63)
#define PM_SWAP (1ull << 62)
#define PM_FILE (1ull << 61) /* a file page or shared anonymous */
#define PM_PFN ((1ull << 55) - 1)
#define PM_CHUNK 8192 /* entries a pread */

/*
 * The zero page's frame: a read of untouched anonymous memory maps it,
 * pagemap shows it present, but it is no page of the mm's counters
 * (vm_normal_page is NULL for it).  0 when pagemap hides frames (no
 * CAP_SYS_ADMIN): such reads are counted anonymous (docs/divergences.md).
 */
static uint64_t zero_pfn(int fd)
{
    static uint64_t pfn;
    static int known;
    uint64_t e = 0;

    if (known)
        return pfn;
    volatile char *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return 0;
    (void)p[0];
    if (pread(fd, &e, sizeof(e), (uintptr_t)p / 4096 * sizeof(e)) == sizeof(e) &&
        (e & PM_PRESENT) && !(e & PM_FILE))
        pfn = e & PM_PFN;
    munmap((void *)p, 4096);
    known = 1;
    return pfn;
}

/* pagemap read ahead: neighbouring guest mappings share a pread. */
typedef struct {
    int fd;
    uint64_t *buf;
    uint64_t first, n, limit; /* host pages: buf's, and where to stop */
} PageMap;

static int pagemap_entry(PageMap *pm, uint64_t page, uint64_t *e)
{
    if (page - pm->first >= pm->n) {
        uint64_t want = pm->limit - page < PM_CHUNK ? pm->limit - page : PM_CHUNK;
        ssize_t got = pread(pm->fd, pm->buf, want * sizeof(*e), (off_t)(page * sizeof(*e)));
        if (got < (ssize_t)sizeof(*e))
            return -EIO;
        pm->first = page;
        pm->n = (uint64_t)got / sizeof(*e);
    }
    *e = pm->buf[page - pm->first];
    return 0;
}

/*
 * task_mem's MM_ANONPAGES, MM_FILEPAGES, MM_SHMEMPAGES and MM_SWAPENTS
 * of a guest mapping, from its pages' pagemap entries: a present page
 * that is not a file's is anonymous (a private file mapping's copies
 * too); a file page counts as shmem in a mapping of shmem's, else as a
 * file's (mm_counter_file).
 */
static int count_pages(PageMap *pm, const Run *r, uint64_t zero, GuestMem *m)
{
    uint64_t page = (uintptr_t)g2h(r->run.start) / TARGET_PAGE_SIZE;
    uint64_t end = page + (r->run.end - r->run.start) / TARGET_PAGE_SIZE;
    uint64_t pk = TARGET_PAGE_SIZE >> 10, e;

    for (; page < end; page++) {
        if (pagemap_entry(pm, page, &e) < 0)
            return -EIO;
        if (!(e & PM_PRESENT))
            m->swap_kb += (e & PM_SWAP) && !(e & PM_FILE) ? pk : 0;
        else if (!(e & PM_FILE))
            m->anon_kb += zero && (e & PM_PFN) == zero ? 0 : pk;
        else if (r->shmem)
            m->shmem_kb += pk;
        else
            m->file_kb += pk;
    }
    return 0;
}

/* Where a read ahead from run i stops: the end of the last guest
 * mapping after it with no more than PM_GAP pages between any two. */
#define PM_GAP 64
static uint64_t cluster_end(const Runs *runs, int i)
{
    uint64_t end = runs->r[i].run.end;

    for (int j = i + 1; j < runs->n && runs->r[j].run.start <= end + PM_GAP * TARGET_PAGE_SIZE; j++)
        if (runs->r[j].run.flags & PAGE_VALID)
            end = runs->r[j].run.end;
    return end;
}

/* The resident counters of all the guest's mappings, outside tb_lock: a
 * page that comes or goes meanwhile is as fleeting as in the kernel's
 * read. */
static int count_resident(GuestMem *m, const Runs *runs)
{
    PageMap pm = { .fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC),
                   .buf = malloc(PM_CHUNK * sizeof(*pm.buf)) };
    int r = pm.fd < 0 || !pm.buf ? -EIO : 0;
    uint64_t end = 0;

    for (int i = 0; r == 0 && i < runs->n; i++) {
        if (!(runs->r[i].run.flags & PAGE_VALID))
            continue;
        if (runs->r[i].run.end > end) {
            end = cluster_end(runs, i);
            pm.limit = ((uintptr_t)g2h(0) + end) / TARGET_PAGE_SIZE;
        }
        r = count_pages(&pm, &runs->r[i], zero_pfn(pm.fd), m);
    }
    free(pm.buf);
    if (pm.fd >= 0)
        close(pm.fd);
    return r;
}

/*
 * The guest's counters without the host's smaps: its runs (the host's
 * maps, under tb_lock) for the sizes, pagemap over its pages for what is
 * resident; nothing is split.
 */
GuestMem *proc_mem_read(uint32_t start_code, uint32_t end_code, int locked)
{
    GuestMem *m = calloc(1, sizeof(*m));
    Runs runs;
    uint64_t host_lck_kb;

    if (!m || read_guest(&runs, NULL, 0) < 0) {
        free(m);
        return NULL;
    }
    for (int i = 0; i < runs.n; i++)
        if (runs.r[i].run.flags & PAGE_VALID)
            count_vm(m, &runs.r[i]);
    if (locked) {
        host_status(&host_lck_kb, &m->hugetlb_kb);
        count_locked(m, &runs, host_lck_kb);
    }
    int r = count_resident(m, &runs);
    free_runs(&runs);
    if (r < 0) {
        free(m);
        return NULL;
    }
    /* task_mem(): the text's pages, but no more than the exec ones. */
    m->text_bytes = TARGET_PAGE_ALIGN(end_code) - (start_code & TARGET_PAGE_MASK);
    uint64_t rss = m->anon_kb + m->file_kb + m->shmem_kb;
    tb_lock();
    /* The table also counts pages maps does not list (ARM's vectors page
     * above the window's top, kuser.c): the peak is how far above the
     * current count it went. */
    m->peak_vm = m->total_vm + (page_valid_peak() - page_valid_count());
    if (rss > hwm_kb)
        hwm_kb = rss;
    m->hwm_kb = hwm_kb;
    tb_unlock();
    return m;
}

/* fs/proc/task_mmu.c task_mem(): the lines it prints with a guest
 * counter ("VmPin", "VmPTE" stay the host's: docs/divergences.md). */
int proc_mem_status_line(FILE *out, const char *line, const GuestMem *m)
{
    uint64_t pk = TARGET_PAGE_SIZE >> 10, exec_bytes = m->exec_vm * TARGET_PAGE_SIZE;
    uint64_t text = m->text_bytes < exec_bytes ? m->text_bytes : exec_bytes;
    const struct {
        const char *key;
        uint64_t kb;
    } lines[] = {
        { "VmPeak", m->peak_vm * pk },
        { "VmSize", m->total_vm * pk },
        { "VmLck", m->locked_vm * pk },
        { "VmHWM", m->hwm_kb },
        { "VmRSS", m->anon_kb + m->file_kb + m->shmem_kb },
        { "RssAnon", m->anon_kb },
        { "RssFile", m->file_kb },
        { "RssShmem", m->shmem_kb },
        { "VmData", m->data_vm * pk },
        { "VmStk", m->stack_vm * pk },
        { "VmExe", text >> 10 },
        { "VmLib", (exec_bytes - text) >> 10 },
        { "VmSwap", m->swap_kb },
        { "HugetlbPages", m->hugetlb_kb },
    };
    size_t len = strcspn(line, ":");

    for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
        if (strlen(lines[i].key) == len && !strncmp(line, lines[i].key, len)) {
            fprintf(out, "%s:\t%8" PRIu64 " kB\n", lines[i].key, lines[i].kb);
            return 1;
        }
    return 0;
}

void proc_mem_stat_fields(const GuestMem *m, uint64_t *vsize, uint64_t *rss)
{
    *vsize = m->total_vm * TARGET_PAGE_SIZE;
    *rss = (m->anon_kb + m->file_kb + m->shmem_kb) / (TARGET_PAGE_SIZE >> 10);
}

/* fs/proc/task_mmu.c task_statm(), proc_pid_statm()'s line: size,
 * resident, shared, text, lib (always 0), data + stack, dirty (0). */
int proc_mem_statm(FILE *out, uint32_t start_code, uint32_t end_code)
{
    GuestMem *m = proc_mem_read(start_code, end_code, 0);
    uint64_t pk = TARGET_PAGE_SIZE >> 10;

    if (!m)
        return -EIO;
    fprintf(out, "%" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 " 0 %" PRIu64 " 0\n", m->total_vm,
            (m->anon_kb + m->file_kb + m->shmem_kb) / pk, (m->file_kb + m->shmem_kb) / pk,
            m->text_bytes / TARGET_PAGE_SIZE, m->data_vm + m->stack_vm);
    free(m);
    return 0;
}
