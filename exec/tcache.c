/*
 * The persistent translation cache (-tcache DIR; docs/tcache.md).
 *
 * What is kept is a TB's op stream after the guest's passes: the input of
 * the copy-and-patch emitters.  Loading it skips decoding and the passes
 * (most of a translation's cost) and keeps everything after them as it
 * is: the emitters, chaining, profiling, the code buffer.  No host address
 * is stored, so the code buffer's place and ASLR do not matter.
 *
 * One file per (stitch binary, guest, -cpu model, code file):
 * DIR/<guest>-<id>.tc, where id hashes stitch's build id (so a rebuilt
 * stitch never reads old entries), the model's feature words (an
 * instruction one model lacks translates to #UD) and the code file's dev,
 * inode, size and mtime.  A file is a
 * header and records appended with O_APPEND, one write() per batch:
 *
 *   header  "STITCHTC" version id
 *   record  magic len pc flags cflags size icount nops nparams
 *           unused bytes_hash check | ops (u16) | params (u32)
 *
 * A record is found by guest pc, TB flags and cflags (the op stream holds
 * absolute guest addresses, so the pc, not the file offset, is the key),
 * and used only if the guest bytes it covers hash as they did and its own
 * checksum holds; anything else is translated as usual.  Concurrent runs
 * only ever append whole records; a reader stops at the first record that
 * does not parse (a torn append, a truncated or garbage file).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <link.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "emit-host.h"
#include "error.h"
#include "exec-only.h"
#include "guest.h"
#include "log.h"
#include "op-gen.h"
#include "stats.h"
#include "tb.h"
#include "tcache.h"

#define TC_VERSION 2
#define TC_REC_MAGIC 0x31524354u      /* "TCR1" */
#define TC_MAX_FILE (256u << 20)      /* stop appending beyond it */
#define TC_FLUSH_AT (4u << 20)        /* pending bytes written in one go */
#define TC_MAX_RANGES 512

typedef struct TcHeader {
    char magic[8];
    uint32_t version, header_size;
    uint64_t id;
} TcHeader;

typedef struct TcRec {
    uint32_t magic, len;
    uint32_t pc, flags, cflags, size, icount, nops, nparams;
    uint32_t unused;   /* 0 */
    uint64_t bytes_hash, check;
} TcRec;

typedef struct TcFile {
    uint64_t id;
    char *path;
    const uint8_t *data; /* the file as loaded, mapped for the run */
    size_t len;
    size_t good;   /* bytes that parsed: header and whole records */
    int bad;       /* the file did not parse: replace it, do not append */
    uint8_t *pend; /* records of this run, not yet written */
    size_t npend, cap;
    struct TcFile *next;
} TcFile;

typedef struct TcRange {
    uint32_t lo, hi;
    TcFile *file;
} TcRange;

/* 16 bytes, so the index stays small: the record's address, its low
 * bit set once its checksum and ops were checked (records are 8-byte
 * aligned); key mixes flags and cflags, which the record holds exactly. */
typedef struct TcSlot {
    uint32_t pc, key;
    uintptr_t rec;
} TcSlot;

static uint32_t slot_key(uint32_t flags, uint32_t cflags)
{
    return flags * 31 + cflags;
}

static const TcRec *slot_rec(const TcSlot *s)
{
    return (const TcRec *)(s->rec & ~(uintptr_t)1);
}

int tcache_enabled;
static char *tc_dir;
static uint64_t stitch_id;
static TcFile *files;
static TcRange ranges[TC_MAX_RANGES];
static int nranges;
static TcSlot *slots;
static size_t nslots, nused;
/* The pending buffers: appended under tb_lock, written at exit by
 * whichever thread ends the process while others may still translate. */
static pthread_mutex_t pend_lock = PTHREAD_MUTEX_INITIALIZER;

/* A 64-bit multiply-xorshift hash; not cryptographic: it catches changed
 * bytes and torn records, not an attacker who can write DIR. */
static uint64_t hash_bytes(uint64_t h, const void *p, size_t n)
{
    const uint8_t *b = p;
    uint64_t w;

    for (; n >= 8; n -= 8, b += 8) {
        memcpy(&w, b, 8);
        h = (h ^ w) * 0x9e3779b97f4a7c15u;
        h ^= h >> 31;
    }
    for (; n; n--, b++) {
        h = (h ^ *b) * 0x100000001b3u;
        h ^= h >> 29;
    }
    return h;
}

static uint64_t hash_u64(uint64_t h, uint64_t v)
{
    return hash_bytes(h, &v, sizeof(v));
}

/* ---- the stitch binary's identity ------------------------------------- */

/* The GNU build id of the stitch executable (the linker's hash of its
 * contents), or a hash of its text when it has none. */
static int find_build_id(struct dl_phdr_info *info, size_t size, void *arg)
{
    (void)size;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_NOTE)
            continue;
        const uint8_t *p = (const uint8_t *)(info->dlpi_addr + ph->p_vaddr);
        const uint8_t *end = p + ph->p_memsz;
        while (p + sizeof(ElfW(Nhdr)) <= end) {
            const ElfW(Nhdr) *n = (const ElfW(Nhdr) *)p;
            const uint8_t *name = p + sizeof(*n);
            const uint8_t *desc = name + ((n->n_namesz + 3) & ~3u);
            if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 &&
                !memcmp(name, "GNU", 4) && desc + n->n_descsz <= end) {
                *(uint64_t *)arg = hash_bytes(1, desc, n->n_descsz);
                return 1;
            }
            p = desc + ((n->n_descsz + 3) & ~3u);
        }
    }
    return 1; /* the first object is the executable: stop there */
}

extern const char __executable_start[], etext[];

static uint64_t compute_stitch_id(void)
{
    uint64_t id = 0;

    dl_iterate_phdr(find_build_id, &id);
    if (!id)
        id = hash_bytes(2, __executable_start, (size_t)(etext - __executable_start));
    id = hash_bytes(id, GUEST_NAME, sizeof(GUEST_NAME));
    id = hash_u64(id, NB_OPS);
    return hash_u64(id, sizeof(TcRec) * 1000 + TC_VERSION);
}

/* ---- the index: (pc, flags, cflags) -> record, open addressing -------- */

static size_t slot_of(uint32_t pc, uint32_t flags, uint32_t cflags)
{
    uint64_t h = ((uint64_t)pc * 0x9e3779b97f4a7c15u) ^ flags ^ ((uint64_t)cflags << 32);
    return (size_t)(h >> 20) & (nslots - 1);
}

static void index_put(const TcRec *r);

/* Room for `more` records at most half full (grown once per file, from
 * its size, not doubled record by record). */
static void index_grow(size_t more)
{
    TcSlot *old = slots;
    size_t n = nslots;

    if (!nslots)
        nslots = 1u << 12;
    while (2 * (nused + more) > nslots)
        nslots *= 2;
    if (nslots == n)
        return;
    slots = calloc(nslots, sizeof(*slots));
    if (!slots)
        fatal(EXIT_USAGE, NULL, "out of memory for the translation cache index");
    nused = 0;
    for (size_t i = 0; i < n; i++)
        if (old[i].rec)
            index_put(slot_rec(&old[i]));
    free(old);
}

static void index_put(const TcRec *r)
{
    if (2 * (nused + 1) > nslots)
        index_grow(1);
    size_t i = slot_of(r->pc, r->flags, r->cflags);
    while (slots[i].rec)
        i = (i + 1) & (nslots - 1);
    slots[i] = (TcSlot){r->pc, slot_key(r->flags, r->cflags), (uintptr_t)r};
    nused++;
}

/* ---- records ----------------------------------------------------------- */

static size_t rec_len(uint32_t nops, uint32_t nparams)
{
    size_t n = sizeof(TcRec) + ((nops * 2 + 3) & ~(size_t)3) + nparams * 4;
    return (n + 7) & ~(size_t)7;
}

static uint16_t *rec_ops(const TcRec *r)
{
    return (uint16_t *)(r + 1);
}

static uint32_t *rec_params(const TcRec *r)
{
    return (uint32_t *)((uint8_t *)(r + 1) + ((r->nops * 2 + 3) & ~(size_t)3));
}

static uint64_t rec_check(const TcRec *r)
{
    TcRec h = *r;

    h.check = 0;
    uint64_t c = hash_bytes(3, &h, sizeof(h));
    return hash_bytes(c, r + 1, r->len - sizeof(*r));
}

/* The op stream is one this stitch could have made: known ops, their
 * parameter count, an end op, labels in range (the emitters' limits). */
static int rec_ops_valid(const TcRec *r)
{
    const uint16_t *op = rec_ops(r);
    const uint32_t *param = rec_params(r);
    uint32_t np = 0;

    if (r->nops < 1 || r->nops > OPC_MAX / 2 || r->nparams > OPPARAM_MAX / 2 ||
        op[r->nops - 1] != INDEX_op_end || r->size == 0)
        return 0;
    for (uint32_t i = 0; i < r->nops; i++) {
        if (op[i] >= NB_OPS || (op[i] == INDEX_op_end && i != r->nops - 1))
            return 0;
        const OpInfo *info = &op_info[op[i]];
        if (np + info->nparams > r->nparams)
            return 0;
        for (int k = 0; k < info->nparams; k++)
            if (((info->label_params >> k & 1) || op[i] == INDEX_op_set_label) &&
                param[np + k] >= MAX_LABELS)
                return 0;
        np += info->nparams;
    }
    return np == r->nparams;
}

/*
 * The one per-run value in an op stream: exit_tb's parameter names the
 * TB that leaves (tb_exit_value(): its index in this run's descriptor
 * array), so it is stored as the exit slot and rebuilt on loading.
 */
#define TC_EXIT_SLOT 0xfffffff0u

static int exit_params(uint16_t *op, uint32_t *param, uint32_t nops,
                       const TranslationBlock *tb, int to_disk)
{
    for (uint32_t i = 0; i < nops; i++) {
        if (op[i] == INDEX_op_exit_tb) {
            uint32_t v = *param;
            if (to_disk && v >= tb->exit_base && v <= tb->exit_base + 1)
                *param = TC_EXIT_SLOT + (v - tb->exit_base);
            else if (!to_disk && v >= TC_EXIT_SLOT && v <= TC_EXIT_SLOT + 1)
                *param = tb->exit_base + (v - TC_EXIT_SLOT);
            else if (v > TB_EXIT_INDIRECT_MISS)
                return 0; /* another TB's exit: not one this stitch makes */
        }
        param += op_info[op[i]].nparams;
    }
    return 1;
}

/* ---- cache files -------------------------------------------------------- */

static void file_reject(TcFile *f, const char *why)
{
    if (!f->bad && log_enabled(tcache))
        log_printf("tcache: %s: %s; ignored from there on\n", f->path, why);
    f->bad = 1;
}

/*
 * The file is mapped, not read: the records stay in the page cache and
 * only those a run uses are touched.  Runs only ever append to a cache
 * file or replace it by rename, so the mapped length stays valid (a file
 * truncated by hand while a run uses it could still raise SIGBUS).
 */
static void file_load(TcFile *f)
{
    int fd = open(f->path, O_RDONLY | O_CLOEXEC);
    struct stat st;

    if (fd < 0)
        return;
    if (fstat(fd, &st) < 0 || st.st_size == 0 || st.st_size > TC_MAX_FILE) {
        close(fd);
        return;
    }
    void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED)
        return;
    f->data = p;
    f->len = (size_t)st.st_size;
    const TcHeader *h = (const TcHeader *)f->data;
    if (f->len < sizeof(*h) || memcmp(h->magic, "STITCHTC", 8) ||
        h->version != TC_VERSION || h->header_size != sizeof(*h) || h->id != f->id) {
        file_reject(f, "not a cache file of this stitch");
        return;
    }
    f->good = sizeof(*h);
    index_grow(f->len / 128); /* records average ~130 bytes */
    for (size_t off = sizeof(*h); off < f->len;) {
        const TcRec *r = (const TcRec *)(f->data + off);
        if (f->len - off < sizeof(*r) || r->magic != TC_REC_MAGIC ||
            r->len > f->len - off || r->nops > OPC_MAX || r->nparams > OPPARAM_MAX ||
            r->len != rec_len(r->nops, r->nparams)) {
            file_reject(f, "a record does not parse (torn or truncated)");
            return;
        }
        index_put(r);
        off += r->len;
        f->good = off;
    }
    if (log_enabled(tcache))
        log_printf("tcache: %s: %zu bytes loaded\n", f->path, f->len);
}

static TcFile *file_for(const struct stat *st)
{
    size_t nwords;
    const uint32_t *model = cpu_model_features(&nwords);
    uint64_t id = hash_bytes(stitch_id, model, nwords * sizeof(*model));

    id = hash_u64(id, st->st_dev);

    id = hash_u64(id, st->st_ino);
    id = hash_u64(id, (uint64_t)st->st_size);
    id = hash_u64(id, (uint64_t)st->st_mtim.tv_sec);
    id = hash_u64(id, (uint64_t)st->st_mtim.tv_nsec);
    for (TcFile *f = files; f; f = f->next)
        if (f->id == id)
            return f;
    TcFile *f = calloc(1, sizeof(*f));
    if (!f || asprintf(&f->path, "%s/%s-%016" PRIx64 ".tc", tc_dir, GUEST_NAME, id) < 0)
        fatal(EXIT_USAGE, NULL, "out of memory for the translation cache");
    f->id = id;
    f->next = files;
    files = f;
    file_load(f);
    return f;
}

static void add_range(const struct stat *st, uint32_t lo, uint32_t hi)
{
    if (!S_ISREG(st->st_mode) || hi <= lo)
        return;
    tb_lock();
    if (nranges < TC_MAX_RANGES)
        ranges[nranges++] = (TcRange){lo, hi, file_for(st)};
    tb_unlock();
}

void tcache_add_file_fd(int fd, uint32_t lo, uint32_t hi)
{
    struct stat st;

    if (tcache_enabled && fstat(fd, &st) == 0)
        add_range(&st, lo, hi);
}

void tcache_add_file_path(const char *path, uint32_t lo, uint32_t hi)
{
    struct stat st;

    if (tcache_enabled && stat(path, &st) == 0)
        add_range(&st, lo, hi);
}

/* The guest's memory map or code changed under [start, end) (mmap,
 * munmap, mprotect, a store into code): those bytes no longer count as
 * their file's; what is left of a range on either side still does. */
void tcache_forget(uint32_t start, uint32_t end)
{
    TcRange keep[TC_MAX_RANGES];
    int n = 0;

    for (int i = 0; i < nranges; i++) {
        TcRange r = ranges[i];
        if (r.hi <= start || r.lo >= end) {
            keep[n++] = r;
            continue;
        }
        if (r.lo < start && n < TC_MAX_RANGES)
            keep[n++] = (TcRange){r.lo, start, r.file};
        if (r.hi > end && n < TC_MAX_RANGES)
            keep[n++] = (TcRange){end, r.hi, r.file};
    }
    memcpy(ranges, keep, (size_t)n * sizeof(*keep));
    nranges = n;
}

static const TcRange *range_of(uint32_t pc)
{
    static int last;

    if (last < nranges && pc >= ranges[last].lo && pc < ranges[last].hi)
        return &ranges[last];
    for (int i = 0; i < nranges; i++)
        if (pc >= ranges[i].lo && pc < ranges[i].hi) {
            last = i;
            return &ranges[i];
        }
    return NULL;
}

static void file_flush(TcFile *f);

/* The code's bytes, also on an execute-only page (include/exec-only.h). */
static uint64_t guest_bytes_hash(uint32_t pc, uint32_t size)
{
    uint32_t pkru = exec_only_open();
    uint64_t h = hash_bytes(4, g2h(pc), size);

    exec_only_close(pkru);
    return h;
}

/* Fill the op buffer from the cache for tb (pc, flags, cflags set): 1,
 * with tb->size and tb->icount set; 0 when there is no usable record. */
int tcache_lookup(TranslationBlock *tb)
{
    const TcRange *rg = range_of(tb->pc);

    if (!rg || !nslots)
        return 0;
    for (size_t i = slot_of(tb->pc, tb->flags, tb->cflags); slots[i].rec;
         i = (i + 1) & (nslots - 1)) {
        if (slots[i].pc != tb->pc || slots[i].key != slot_key(tb->flags, tb->cflags))
            continue;
        const TcRec *r = slot_rec(&slots[i]);
        if (r->flags != tb->flags || r->cflags != tb->cflags || r->size > rg->hi - tb->pc)
            continue;
        if (!(slots[i].rec & 1)) {
            if (r->check != rec_check(r) || !rec_ops_valid(r))
                continue;
            slots[i].rec |= 1;
        }
        /* the bytes are in a mapped range; a fault reading them is the
         * guest's instruction fetch, as when decoding (cpu-exec.c) */
        tb_decoding = 1;
        uint64_t h = guest_bytes_hash(tb->pc, r->size);
        tb_decoding = 0;
        if (h != r->bytes_hash)
            continue;
        memcpy(gen_opc_buf, rec_ops(r), r->nops * sizeof(uint16_t));
        memcpy(gen_opparam_buf, rec_params(r), r->nparams * sizeof(uint32_t));
        if (!exit_params(gen_opc_buf, gen_opparam_buf, r->nops, tb, 0))
            continue;
        gen_opc_ptr = gen_opc_buf + r->nops;
        gen_opparam_ptr = gen_opparam_buf + r->nparams;
        tb->size = r->size;
        tb->icount = r->icount;
        STAT_INC(tcache_hits);
        return 1;
    }
    return 0;
}

/* Queue the op buffer of tb, just translated, for its cache file.
 * Returns a mark for tcache_unsave(), which drops it again (the TB did
 * not fit in the code buffer and will be translated once more). */
size_t tcache_save(const TranslationBlock *tb)
{
    const TcRange *rg = range_of(tb->pc);
    uint32_t nops = 0, nparams = 0;

    /* counted, not taken from the pointers: a pass may shorten the
     * stream in place */
    while (gen_opc_buf[nops] != INDEX_op_end)
        nparams += op_info[gen_opc_buf[nops++]].nparams;
    nops++;

    if (!rg || tb->size == 0 || tb->size > rg->hi - tb->pc || rg->file->bad > 1)
        return SIZE_MAX;
#ifdef GUEST_TB_FLAGS_UNCACHED
    /* translated for what the process set up at run time (cpu.h) */
    if (tb->flags & GUEST_TB_FLAGS_UNCACHED)
        return SIZE_MAX;
#endif
    TcFile *f = rg->file;
    size_t len = rec_len(nops, nparams);
    pthread_mutex_lock(&pend_lock);
    if (f->npend + len > f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 64u << 10;
        while (cap < f->npend + len)
            cap *= 2;
        uint8_t *p = realloc(f->pend, cap);
        if (!p) {
            pthread_mutex_unlock(&pend_lock);
            return SIZE_MAX;
        }
        f->pend = p;
        f->cap = cap;
    }
    size_t mark = f->npend;
    TcRec *r = (TcRec *)(f->pend + mark);
    memset(r, 0, len);
    *r = (TcRec){.magic = TC_REC_MAGIC, .len = (uint32_t)len, .pc = tb->pc,
                 .flags = tb->flags, .cflags = tb->cflags, .size = tb->size,
                 .icount = tb->icount, .nops = nops, .nparams = nparams,
                 .bytes_hash = guest_bytes_hash(tb->pc, tb->size)};
    memcpy(rec_ops(r), gen_opc_buf, nops * sizeof(uint16_t));
    memcpy(rec_params(r), gen_opparam_buf, nparams * sizeof(uint32_t));
    if (!exit_params(rec_ops(r), rec_params(r), nops, tb, 1)) {
        pthread_mutex_unlock(&pend_lock);
        return SIZE_MAX;
    }
    r->check = rec_check(r);
    f->npend += len;
    STAT_INC(tcache_saved);
    if (f->npend >= TC_FLUSH_AT) {
        file_flush(f);
        mark = SIZE_MAX;
    }
    pthread_mutex_unlock(&pend_lock);
    return mark;
}

void tcache_unsave(const TranslationBlock *tb, size_t mark)
{
    const TcRange *rg = range_of(tb->pc);

    if (mark == SIZE_MAX || !rg)
        return;
    pthread_mutex_lock(&pend_lock);
    if (mark < rg->file->npend) {
        rg->file->npend = mark;
        stats.tcache_saved--;
    }
    pthread_mutex_unlock(&pend_lock);
}

/* A new file, header first, put in place in one step (link fails when
 * another run made it meanwhile).  A file that did not parse is replaced
 * (rename) by the part of it that did, or by a bare header. */
static int file_create(TcFile *f, int replace)
{
    char *tmp;
    TcHeader h = {.magic = "STITCHTC", .version = TC_VERSION,
                  .header_size = sizeof(h), .id = f->id};
    const void *keep = replace && f->good ? (const void *)f->data : &h;
    size_t nkeep = replace && f->good ? f->good : sizeof(h);

    if (asprintf(&tmp, "%s.%d.tmp", f->path, (int)getpid()) < 0)
        return -1;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    int ok = fd >= 0 && write(fd, keep, nkeep) == (ssize_t)nkeep;
    if (fd >= 0)
        close(fd);
    if (ok)
        ok = replace ? rename(tmp, f->path) == 0
                     : (link(tmp, f->path) == 0 || errno == EEXIST);
    unlink(tmp);
    free(tmp);
    return ok ? 0 : -1;
}

static void file_flush(TcFile *f)
{
    if (!f->npend || f->bad > 1)
        return;
    if (f->bad && file_create(f, 1) == 0)
        f->bad = 0;
    int fd = open(f->path, O_WRONLY | O_APPEND | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT && file_create(f, 0) == 0)
        fd = open(f->path, O_WRONLY | O_APPEND | O_CLOEXEC);
    struct stat st;
    if (fd >= 0 && fstat(fd, &st) == 0 && st.st_size + f->npend <= TC_MAX_FILE) {
        /* one write: concurrent appenders never interleave inside it */
        ssize_t n = write(fd, f->pend, f->npend);
        if (n != (ssize_t)f->npend && log_enabled(tcache))
            log_printf("tcache: %s: short write\n", f->path);
        if (log_enabled(tcache))
            log_printf("tcache: %s: %zu bytes appended\n", f->path, f->npend);
    }
    if (fd >= 0)
        close(fd);
    f->npend = 0;
    f->bad = f->bad ? 2 : 0; /* a file that could not be replaced: leave it */
}

void tcache_flush(void)
{
    if (!tcache_enabled || pthread_mutex_trylock(&pend_lock))
        return;
    for (TcFile *f = files; f; f = f->next)
        file_flush(f);
    pthread_mutex_unlock(&pend_lock);
}

int tcache_init(const char *dir)
{
    struct stat st;

    if (mkdir(dir, 0755) < 0 && errno != EEXIST)
        return -1;
    if (stat(dir, &st) < 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    if (access(dir, W_OK | X_OK) < 0)
        return -1;
    tc_dir = strdup(dir);
    stitch_id = compute_stitch_id();
    tcache_enabled = tc_dir != NULL;
    return 0;
}
