/*
 * --stats: how user CPU time splits between generated code and helpers,
 * by sampling the host program counter.
 *
 * A clock read around every helper call would cost generated code even
 * to measure it, and would distort the short helpers it measures.
 * Instead each thread opens a Linux perf software event (perf_event_open(2),
 * PERF_COUNT_SW_TASK_CLOCK: the thread's CPU time) that records the
 * interrupted user-mode PC every SAMPLE_PERIOD_NS of that time into a
 * ring buffer the kernel writes and this file reads.  No signal is
 * involved, so nothing the guest can see changes: no EINTR, no restarted
 * or cut-short system call, no change to its signal masks or to -strace
 * output; the event's descriptor is closed as soon as the ring is mapped,
 * so the guest's descriptor numbers are the same as without --stats.
 *
 * Each sample is classed by its PC: inside the code buffer or the
 * --interp handlers (section stitch_interp) is generated code; inside a
 * helper (a function named helper_*, or any function of a helper-*.c
 * file, found in stitch's own ELF symbol table) is a helper; anything
 * else (the CPU loop, the translator, the system-call layer, the C
 * library) is counted in samples only.  Precision: one sample per
 * millisecond of CPU time per thread, so a share is known to about
 * 1/sqrt(samples); time in the C library called from a helper (memcpy,
 * libm) counts as "other", not as the helper's.  Rings are read after
 * each system call, when a thread ends and when the statistics are
 * printed; a thread that runs more than SAMPLE_RING_PAGES * 256 ms of CPU
 * without a system call loses the samples that do not fit
 * (samples_lost).  When perf events are not allowed
 * (/proc/sys/kernel/perf_event_paranoid > 2, a seccomp filter), samples
 * stay 0 and the split is not printed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <linux/perf_event.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "stats.h"
#include "tb.h"

#define SAMPLE_PERIOD_NS 1000000u
#define SAMPLE_RING_PAGES 32 /* 128 KiB: 8192 samples of 16 bytes */

typedef struct Sampler {
    struct perf_event_mmap_page *meta; /* followed by the ring */
    size_t size;                       /* of the ring, bytes */
    struct Sampler *next;
} Sampler;

/* Every live thread's sampler; list_lock also serialises reading a ring
 * (its owner after a system call, stats_print for all). */
static pthread_mutex_t list_lock = PTHREAD_MUTEX_INITIALIZER;
static Sampler *samplers;
static __thread Sampler *mine;

/* Sorted [start, end) ranges of helper code in stitch itself. */
typedef struct Range {
    uintptr_t start, end;
} Range;
static Range *helpers;
static size_t nhelpers;
static pthread_once_t helpers_once = PTHREAD_ONCE_INIT;

extern const char __start_stitch_interp[], __stop_stitch_interp[];

static int by_start(const void *a, const void *b)
{
    const Range *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

static int helper_file(const char *name)
{
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    return !strncmp(base, "helper-", 7);
}

/* Local symbols follow the STT_FILE symbol of their source file (ELF
 * gABI, "Symbol Table"); globals come after all locals, with no file. */
static void add_helpers(Elf *elf, Elf_Scn *scn, const GElf_Shdr *sh)
{
    Elf_Data *d = elf_getdata(scn, NULL);
    size_t n = sh->sh_entsize ? sh->sh_size / sh->sh_entsize : 0;
    int in_helper_file = 0;

    helpers = calloc(n ? n : 1, sizeof(Range));
    if (!d || !helpers)
        return;
    for (size_t i = 0; i < n; i++) {
        GElf_Sym s;
        if (!gelf_getsym(d, (int)i, &s))
            continue;
        const char *name = elf_strptr(elf, sh->sh_link, s.st_name);
        if (!name)
            continue;
        if (GELF_ST_TYPE(s.st_info) == STT_FILE) {
            in_helper_file = helper_file(name);
            continue;
        }
        if (GELF_ST_TYPE(s.st_info) != STT_FUNC || !s.st_size)
            continue;
        int local = GELF_ST_BIND(s.st_info) == STB_LOCAL;
        if ((local && in_helper_file) || !strncmp(name, "helper_", 7))
            helpers[nhelpers++] = (Range){s.st_value, s.st_value + s.st_size};
    }
    qsort(helpers, nhelpers, sizeof(Range), by_start);
}

/* stitch is linked -no-pie: symbol values are run-time addresses. */
static void load_helpers(void)
{
    int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
    Elf *elf;

    if (fd < 0)
        return;
    elf_version(EV_CURRENT);
    elf = elf_begin(fd, ELF_C_READ, NULL);
    for (Elf_Scn *scn = NULL; elf && (scn = elf_nextscn(elf, scn));) {
        GElf_Shdr sh;
        if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_SYMTAB) {
            add_helpers(elf, scn, &sh);
            break;
        }
    }
    elf_end(elf);
    close(fd);
}

static int in_helper(uintptr_t pc)
{
    size_t lo = 0, hi = nhelpers;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (helpers[mid].end <= pc)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < nhelpers && helpers[lo].start <= pc;
}

static void classify(Stats *s, uintptr_t pc)
{
    s->samples++;
    if ((pc - (uintptr_t)code_buffer < code_buffer_size) ||
        (pc >= (uintptr_t)__start_stitch_interp && pc < (uintptr_t)__stop_stitch_interp))
        s->samples_code++;
    else if (in_helper(pc))
        s->samples_helpers++;
}

static void open_sampler(void)
{
    struct perf_event_attr a;
    long page = sysconf(_SC_PAGESIZE);

    memset(&a, 0, sizeof(a));
    a.size = sizeof(a);
    a.type = PERF_TYPE_SOFTWARE;
    a.config = PERF_COUNT_SW_TASK_CLOCK;
    a.sample_period = SAMPLE_PERIOD_NS;
    a.sample_type = PERF_SAMPLE_IP;
    a.exclude_kernel = 1; /* the kernel's time is cpu_sys_ns */
    a.exclude_hv = 1;
    int fd = (int)syscall(SYS_perf_event_open, &a, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
    if (fd < 0)
        return;
    size_t len = (size_t)page * (1 + SAMPLE_RING_PAGES);
    void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd); /* the mapping keeps the event alive (perf_event_open(2)) */
    Sampler *s = p == MAP_FAILED ? NULL : calloc(1, sizeof(*s));
    if (!s) {
        if (p != MAP_FAILED)
            munmap(p, len);
        return;
    }
    s->meta = p;
    s->size = (size_t)page * SAMPLE_RING_PAGES;
    pthread_mutex_lock(&list_lock);
    s->next = samplers;
    samplers = s;
    pthread_mutex_unlock(&list_lock);
    mine = s;
}

void stats_sample_start(void)
{
    pthread_once(&helpers_once, load_helpers);
    open_sampler();
}

/* Records are a perf_event_header and, for PERF_RECORD_SAMPLE with
 * PERF_SAMPLE_IP, the u64 ip; PERF_RECORD_LOST carries id and lost. */
static void read_ring(Sampler *smp, Stats *st)
{
    struct perf_event_mmap_page *m = smp->meta;
    const uint8_t *ring = (const uint8_t *)m + sysconf(_SC_PAGESIZE);
    uint64_t head = __atomic_load_n(&m->data_head, __ATOMIC_ACQUIRE);
    uint64_t tail = m->data_tail;

    while (tail + sizeof(struct perf_event_header) <= head) {
        struct perf_event_header h;
        uint64_t v[2] = {0, 0};
        for (size_t i = 0; i < sizeof(h); i++)
            ((uint8_t *)&h)[i] = ring[(tail + i) % smp->size];
        if (h.size < sizeof(h))
            break;
        for (size_t i = 0; i < sizeof(v) && sizeof(h) + i < h.size; i++)
            ((uint8_t *)v)[i] = ring[(tail + sizeof(h) + i) % smp->size];
        if (h.type == PERF_RECORD_SAMPLE)
            classify(st, (uintptr_t)v[0]);
        else if (h.type == PERF_RECORD_LOST)
            st->samples_lost += v[1];
        tail += h.size;
    }
    __atomic_store_n(&m->data_tail, tail, __ATOMIC_RELEASE);
}

void stats_sample_drain(void)
{
    if (!mine)
        return;
    pthread_mutex_lock(&list_lock);
    read_ring(mine, &stats);
    pthread_mutex_unlock(&list_lock);
}

void stats_sample_drain_all(Stats *into)
{
    pthread_mutex_lock(&list_lock);
    for (Sampler *s = samplers; s; s = s->next)
        read_ring(s, s == mine ? &stats : into);
    pthread_mutex_unlock(&list_lock);
}

/* The thread ends: its last samples into its own counters (folded into
 * the exited threads' by stats_thread_exit), and the event closed. */
void stats_sample_stop(void)
{
    Sampler *s = mine;

    if (!s)
        return;
    pthread_mutex_lock(&list_lock);
    read_ring(s, &stats);
    for (Sampler **pp = &samplers; *pp; pp = &(*pp)->next)
        if (*pp == s) {
            *pp = s->next;
            break;
        }
    pthread_mutex_unlock(&list_lock);
    munmap(s->meta, s->size + (size_t)sysconf(_SC_PAGESIZE));
    free(s);
    mine = NULL;
}

/*
 * In the child of a fork: the parent's rings are not mapped here (perf
 * mappings are not copied, VM_DONTCOPY), and the only thread is this one;
 * it gets a sampler of its own.  A CLONE_VM child (vfork) shares the
 * parent's memory and rings: it keeps them as they are.
 */
void stats_sample_fork_child(void)
{
    unsigned char v;

    if (!mine || mincore(mine->meta, 1, &v) == 0)
        return;
    pthread_mutex_init(&list_lock, NULL);
    samplers = NULL;
    mine = NULL; /* the old Sampler structs leak: a few bytes per thread */
    open_sampler();
}
