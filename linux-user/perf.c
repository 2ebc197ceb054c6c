/*
 * perf support, as qemu-user's -perfmap and -jitdump (QEMU 8.1):
 *
 * -perfmap   /tmp/perf-<pid>.map, the text format perf reads for JIT code
 *            (tools/perf/Documentation/jit-interface.txt): one line
 *            "<host start> <size> <name>" per TB, in hex, the name being
 *            the guest symbol+offset of the TB's first instruction.
 * -jitdump   jit-<pid>.dump in $JITDUMPDIR (as perf's own JVMTI agent
 *            reads it), else in /tmp, in perf's jitdump format
 *            (tools/perf/Documentation/jitdump-specification.txt): a
 *            header, then one JIT_CODE_LOAD record per TB carrying its host
 *            code, so `perf inject --jit` can write an ELF per TB and
 *            `perf report` can annotate it.  perf finds the file because
 *            it was mmap()ed executable (the "marker" mapping, which perf
 *            record sees as an mmap event of a file named jit-<pid>.dump);
 *            records carry CLOCK_MONOTONIC timestamps (`perf record -k 1`).
 *
 * A flushed code buffer reuses host addresses: the map then has several
 * lines for one address (perf takes the last one), and jitdump's loads are
 * ordered by their timestamps, which is how perf inject tells the
 * generations apart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "exec.h"
#include "log.h"
#include "perf.h"
#include "symbols.h"
#include "user.h"

#define JITDUMP_MAGIC 0x4A695444u /* "JiTD" */
#define JITDUMP_VERSION 1
enum { JIT_CODE_LOAD = 0, JIT_CODE_CLOSE = 3 };

typedef struct JitHeader {
    uint32_t magic, version, total_size, elf_mach, pad1, pid;
    uint64_t timestamp, flags;
} JitHeader;

typedef struct JitRecord {
    uint32_t id, total_size;
    uint64_t timestamp;
} JitRecord;

typedef struct JitCodeLoad {
    JitRecord p;
    uint32_t pid, tid;
    uint64_t vma, code_addr, code_size, code_index;
    /* then the name, NUL-terminated, then the code bytes */
} JitCodeLoad;

/* Written with one write() per TB, unbuffered: a forked guest process
 * inherits the descriptors, and must not inherit half a buffer.  (Its
 * TBs then go to its parent's files, under the parent's pid.)  They are
 * stitch's own streams (util/log.c), at numbers the guest cannot see or
 * use, and that move if it asks for them. */
static FILE *perfmap, *jitdump;
static int owner; /* the pid the files are named for */
static uint64_t code_index;

static uint64_t timestamp(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void write_all(FILE *f, const void *buf, size_t len)
{
    /* A full disk loses perf data, not the guest's run. */
    if (fwrite(buf, 1, len, f) != len)
        clearerr(f);
}

static void write_map(const TranslationBlock *tb, const char *name)
{
    char line[320];
    int n = snprintf(line, sizeof(line), "%lx %x %s\n", (unsigned long)(uintptr_t)tb->tc_ptr,
                     tb->tc_size, name);

    write_all(perfmap, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
}

static void write_load(const TranslationBlock *tb, const char *name)
{
    static uint8_t *rec;
    static size_t cap;
    size_t len = strlen(name) + 1;
    JitCodeLoad r = {
        .p = {JIT_CODE_LOAD, (uint32_t)(sizeof(r) + len + tb->tc_size), timestamp()},
        .pid = (uint32_t)getpid(),
        .tid = (uint32_t)syscall(SYS_gettid),
        .vma = (uintptr_t)tb->tc_ptr,
        .code_addr = (uintptr_t)tb->tc_ptr,
        .code_size = tb->tc_size,
        .code_index = code_index++,
    };

    if (r.p.total_size > cap) {
        uint8_t *grown = realloc(rec, r.p.total_size);
        if (!grown)
            return;
        rec = grown, cap = r.p.total_size;
    }
    memcpy(rec, &r, sizeof(r));
    memcpy(rec + sizeof(r), name, len);
    memcpy(rec + sizeof(r) + len, tb->tc_ptr, tb->tc_size);
    write_all(jitdump, rec, r.p.total_size);
}

static void perf_tb(const TranslationBlock *tb)
{
    char name[256];

    symbols_lookup(tb->pc, name, sizeof(name));
    if (perfmap)
        write_map(tb, name);
    if (jitdump)
        write_load(tb, name);
}

static FILE *open_jitdump(const char *path)
{
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    JitHeader h = {
        .magic = JITDUMP_MAGIC,
        .version = JITDUMP_VERSION,
        .total_size = sizeof(h),
        .elf_mach = EM_X86_64,
        .pid = (uint32_t)getpid(),
        .timestamp = timestamp(),
    };

    if (fd < 0)
        return NULL;
    /* The marker: perf record notes this mapping and so the file. */
    void *marker = mmap(NULL, (size_t)sysconf(_SC_PAGESIZE), PROT_READ | PROT_EXEC,
                        MAP_PRIVATE, fd, 0);
    if (marker == MAP_FAILED) {
        close(fd);
        return NULL;
    }
    FILE *f = log_stream_take(fd);
    if (f)
        write_all(f, &h, sizeof(h));
    return f;
}

void perf_init(int which)
{
    char path[PATH_MAX];

    if (!which)
        return;
    symbols_enable();
    if (which & PERF_MAP) {
        snprintf(path, sizeof(path), "/tmp/perf-%d.map", (int)getpid());
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0 || !(perfmap = log_stream_take(fd)))
            fatal(EXIT_USAGE, path, "%s", strerror(errno));
    }
    if (which & PERF_JITDUMP) {
        const char *dir = getenv("JITDUMPDIR");
        snprintf(path, sizeof(path), "%s/jit-%d.dump", dir && *dir ? dir : "/tmp", (int)getpid());
        if (!(jitdump = open_jitdump(path)))
            fatal(EXIT_USAGE, path, "%s", strerror(errno));
    }
    owner = (int)getpid();
    exec_tb_hook = perf_tb;
}

/* The end of the jitdump, once, by the process it belongs to. */
void perf_flush(void)
{
    if (jitdump && getpid() == owner) {
        JitRecord close_rec = {JIT_CODE_CLOSE, sizeof(close_rec), timestamp()};
        write_all(jitdump, &close_rec, sizeof(close_rec));
        jitdump = NULL;
    }
}
