/*
 * Loading a guest ELF executable into the guest window, through libelf.
 *
 * Two steps, so that each can be tested and reused:
 *   elf_open()        checks the file and its headers without touching guest
 *                     memory, and reports a LoadError instead of exiting;
 *   load_elf_image()  maps the PT_LOAD segments at p_vaddr + bias.
 * load_program() strings them together for the program stitch runs.  The
 * ELF interpreter of a dynamic program (a later issue) is one more
 * elf_open() + load_elf_image() with a bias chosen by mmap.
 *
 * What is checked is what Linux's load_elf_binary (fs/binfmt_elf.c) would
 * refuse with ENOEXEC, plus what stitch cannot do (foreign machines,
 * addresses outside the 32-bit window), so a bad file is one clear line and
 * exit 126 (BRIEF section 7), never a crash.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "symbols.h"
#include "tcache.h"
#include "target-elf.h"
#include "user.h"

/* Kernel's limit on the program header table (fs/binfmt_elf.c,
 * load_elf_phdrs: more than 64 KiB is -ENOEXEC). */
#define MAX_PHDR_BYTES 65536u

struct ElfFile {
    int fd;
    Elf *elf;
    uint64_t size;
    const char *path;
    Elf32_Ehdr ehdr;
    Elf32_Phdr *phdr; /* owned by libelf */
    size_t phnum;
    ImageInfo info;   /* layout before relocation (bias 0) */
};

#define PAGE_START(a) ((uint32_t)(a) & TARGET_PAGE_MASK)
#define PAGE_OFF(a) ((uint32_t)(a) & (TARGET_PAGE_SIZE - 1))

/* ---- Checks on the file itself ---------------------------------------- */

/* 127 when the path names nothing (as a shell's "not found"), 126 for a
 * file that exists but cannot be executed. */
static int check_file(const char *path, struct stat *st, LoadError *err)
{
    if (stat(path, st) < 0)
        return load_fail(err, (errno == ENOENT || errno == ENOTDIR) ? EXIT_NOTFOUND : EXIT_NOEXEC,
                         path, "%s", strerror(errno));
    if (S_ISDIR(st->st_mode))
        return load_fail(err, EXIT_NOEXEC, path, "%s", strerror(EISDIR));
    if (!S_ISREG(st->st_mode))
        return load_fail(err, EXIT_NOEXEC, path, "not a regular file");
    if (access(path, X_OK) < 0)
        return load_fail(err, EXIT_NOEXEC, path, "%s", strerror(errno));
    return 0;
}

/* e_ident, before libelf is asked anything: it gives the clearest message
 * for the most common foreign files (text, 64-bit, other endianness). */
static int check_ident(ElfFile *ef, LoadError *err)
{
    unsigned char id[EI_NIDENT];
    ssize_t n = pread(ef->fd, id, sizeof(id), 0);

    if (n < SELFMAG || memcmp(id, ELFMAG, SELFMAG) != 0)
        return load_fail(err, EXIT_NOEXEC, ef->path, "not an ELF file");
    if (n < EI_NIDENT || ef->size < sizeof(Elf32_Ehdr))
        return load_fail(err, EXIT_NOEXEC, ef->path, "truncated ELF (header)");
    if (id[EI_CLASS] != ELFCLASS32)
        return load_fail(err, EXIT_NOEXEC, ef->path, "not an " GUEST_ELF_NAME " ELF (%s)",
                         id[EI_CLASS] == ELFCLASS64 ? "64-bit" : "bad class");
    if (id[EI_DATA] != GUEST_ELF_DATA)
        return load_fail(err, EXIT_NOEXEC, ef->path, "not an " GUEST_ELF_NAME " ELF (%s)",
                         GUEST_ELF_DATA == ELFDATA2LSB ? "big-endian" : "little-endian");
    if (id[EI_VERSION] != EV_CURRENT)
        return load_fail(err, EXIT_NOEXEC, ef->path, "unsupported ELF version %d", id[EI_VERSION]);
    return 0;
}

static int check_ehdr(ElfFile *ef, LoadError *err)
{
    const Elf32_Ehdr *eh = elf32_getehdr(ef->elf);

    if (!eh)
        return load_fail(err, EXIT_NOEXEC, ef->path, "malformed ELF header: %s", elf_errmsg(-1));
    ef->ehdr = *eh;
    if (eh->e_machine != GUEST_ELF_MACHINE)
        return load_fail(err, EXIT_NOEXEC, ef->path, "not an " GUEST_ELF_NAME " ELF (machine %u)",
                         eh->e_machine);
    if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
        return load_fail(err, EXIT_NOEXEC, ef->path, "not an executable (ELF type %u)", eh->e_type);
    if (eh->e_phentsize != sizeof(Elf32_Phdr))
        return load_fail(err, EXIT_NOEXEC, ef->path, "bad program header size %u", eh->e_phentsize);
    return 0;
}

static int check_phdrs(ElfFile *ef, LoadError *err)
{
    const Elf32_Ehdr *eh = &ef->ehdr;

    /* PN_XNUM: the real count is in section 0, which libelf reads. */
    ef->phnum = eh->e_phnum;
    if (ef->phnum == PN_XNUM && elf_getphdrnum(ef->elf, &ef->phnum) < 0)
        return load_fail(err, EXIT_NOEXEC, ef->path, "malformed program headers: %s", elf_errmsg(-1));
    if (ef->phnum == 0)
        return load_fail(err, EXIT_NOEXEC, ef->path, "no program headers");
    if (ef->phnum * sizeof(Elf32_Phdr) > MAX_PHDR_BYTES)
        return load_fail(err, EXIT_NOEXEC, ef->path, "too many program headers (%zu)", ef->phnum);
    if ((uint64_t)eh->e_phoff + ef->phnum * sizeof(Elf32_Phdr) > ef->size)
        return load_fail(err, EXIT_NOEXEC, ef->path, "truncated ELF (program headers past end of file)");
    ef->phdr = elf32_getphdr(ef->elf);
    if (!ef->phdr)
        return load_fail(err, EXIT_NOEXEC, ef->path, "malformed program headers: %s", elf_errmsg(-1));
    return 0;
}

/* ---- Checks on the segments ------------------------------------------ */

static int check_load(ElfFile *ef, size_t i, LoadError *err)
{
    const Elf32_Phdr *ph = &ef->phdr[i];

    if (ph->p_filesz > ph->p_memsz)
        return load_fail(err, EXIT_NOEXEC, ef->path, "segment %zu: file size larger than memory size", i);
    if ((uint64_t)ph->p_offset + ph->p_filesz > ef->size)
        return load_fail(err, EXIT_NOEXEC, ef->path, "truncated ELF (segment %zu past end of file)", i);
    /* The kernel mmaps file pages, so offset and address must agree
     * modulo the page size. */
    if (PAGE_OFF(ph->p_vaddr) != PAGE_OFF(ph->p_offset))
        return load_fail(err, EXIT_NOEXEC, ef->path, "segment %zu: offset and address misaligned", i);
    if ((uint64_t)ph->p_vaddr + ph->p_memsz > GUEST_TOP)
        return load_fail(err, EXIT_NOEXEC, ef->path, "segment %zu outside the 32-bit address space", i);
    if (ef->ehdr.e_type == ET_EXEC && ph->p_vaddr < guest_min_addr)
        return load_fail(err, EXIT_NOEXEC, ef->path, "segment %zu below 0x%x (mmap_min_addr)", i,
                         guest_min_addr);
    return 0;
}

static int read_interp(ElfFile *ef, const Elf32_Phdr *ph, LoadError *err)
{
    ImageInfo *info = &ef->info;

    if ((uint64_t)ph->p_offset + ph->p_filesz > ef->size)
        return load_fail(err, EXIT_NOEXEC, ef->path, "truncated ELF (PT_INTERP past end of file)");
    if (ph->p_filesz < 2 || ph->p_filesz > sizeof(info->interp) ||
        pread(ef->fd, info->interp, ph->p_filesz, ph->p_offset) != (ssize_t)ph->p_filesz ||
        info->interp[ph->p_filesz - 1] != '\0')
        return load_fail(err, EXIT_NOEXEC, ef->path, "bad PT_INTERP");
    info->has_interp = 1;
    return 0;
}

/*
 * AT_PHDR wants the program headers' address in memory: PT_PHDR says it
 * directly; otherwise it is wherever the PT_LOAD that holds e_phoff maps
 * them (what load_elf_binary computes).
 */
static uint32_t find_phdr_addr(const ElfFile *ef)
{
    uint32_t phoff = ef->ehdr.e_phoff;

    for (size_t i = 0; i < ef->phnum; i++)
        if (ef->phdr[i].p_type == PT_PHDR)
            return ef->phdr[i].p_vaddr;
    for (size_t i = 0; i < ef->phnum; i++) {
        const Elf32_Phdr *ph = &ef->phdr[i];
        if (ph->p_type == PT_LOAD && ph->p_offset <= phoff && phoff < ph->p_offset + ph->p_filesz)
            return ph->p_vaddr + (phoff - ph->p_offset);
    }
    return 0; /* not mapped: glibc then finds no PT_TLS etc., as natively */
}

static void note_mm_bounds(ImageInfo *info, const Elf32_Phdr *ph)
{
    uint32_t end = ph->p_vaddr + ph->p_filesz;

    if ((ph->p_flags & PF_X) && ph->p_vaddr < info->text_start)
        info->text_start = ph->p_vaddr;
    if ((ph->p_flags & PF_X) && end > info->text_end)
        info->text_end = end;
    if (ph->p_vaddr > info->data_start)
        info->data_start = ph->p_vaddr;
    if (end > info->data_end)
        info->data_end = end;
}

static int check_segments(ElfFile *ef, LoadError *err)
{
    ImageInfo *info = &ef->info;
    uint64_t lo = UINT64_MAX, hi = 0;

    info->exec_stack = -1;
    info->text_start = UINT32_MAX;
    for (size_t i = 0; i < ef->phnum; i++) {
        const Elf32_Phdr *ph = &ef->phdr[i];
        if (ph->p_type == PT_INTERP && read_interp(ef, ph, err) < 0)
            return -1;
        if (ph->p_type == PT_GNU_STACK) /* the last one counts, as natively */
            info->exec_stack = (ph->p_flags & PF_X) != 0;
        if (ph->p_type != PT_LOAD)
            continue;
        /* load_elf_binary() refuses p_filesz > p_memsz in every PT_LOAD,
         * an empty one too (found by make fuzz-elf: a p_memsz of 0 let a
         * 2 GiB p_filesz through, which kills the process natively). */
        if (ph->p_filesz > ph->p_memsz)
            return load_fail(err, EXIT_NOEXEC, ef->path,
                             "segment %zu: file size larger than memory size", i);
        if (ph->p_memsz == 0)
            continue;
        if (check_load(ef, i, err) < 0)
            return -1;
        note_mm_bounds(info, ph);
        if (ph->p_vaddr < lo)
            lo = ph->p_vaddr;
        if ((uint64_t)ph->p_vaddr + ph->p_memsz > hi)
            hi = (uint64_t)ph->p_vaddr + ph->p_memsz;
    }
    if (hi == 0)
        return load_fail(err, EXIT_NOEXEC, ef->path, "no loadable segment");
    info->start_code = (uint32_t)lo;
    info->end_code = (uint32_t)hi;
    info->entry = ef->ehdr.e_entry;
    info->phdr = find_phdr_addr(ef);
    info->phnum = ef->phnum;
    info->phent = sizeof(Elf32_Phdr);
    return 0;
}

/* ---- elf_open / elf_close --------------------------------------------- */

static int elf_open_checks(ElfFile *ef, LoadError *err)
{
    struct stat st;

    if (check_file(ef->path, &st, err) < 0)
        return -1;
    ef->size = st.st_size;
    ef->fd = open(ef->path, O_RDONLY | O_CLOEXEC);
    if (ef->fd < 0)
        return load_fail(err, EXIT_NOEXEC, ef->path, "%s", strerror(errno));
    if (check_ident(ef, err) < 0)
        return -1;
    if (elf_version(EV_CURRENT) == EV_NONE)
        return load_fail(err, EXIT_NOEXEC, ef->path, "libelf: %s", elf_errmsg(-1));
    ef->elf = elf_begin(ef->fd, ELF_C_READ, NULL);
    if (!ef->elf || elf_kind(ef->elf) != ELF_K_ELF)
        return load_fail(err, EXIT_NOEXEC, ef->path, "not an ELF file");
    if (check_ehdr(ef, err) < 0 || check_phdrs(ef, err) < 0)
        return -1;
    return check_segments(ef, err);
}

ElfFile *elf_open(const char *path, LoadError *err)
{
    ElfFile *ef = calloc(1, sizeof(*ef));

    if (!ef) {
        load_fail(err, EXIT_NOEXEC, path, "out of memory");
        return NULL;
    }
    ef->fd = -1;
    ef->path = path;
    if (elf_open_checks(ef, err) < 0) {
        elf_close(ef);
        return NULL;
    }
    return ef;
}

void elf_close(ElfFile *ef)
{
    if (!ef)
        return;
    if (ef->elf)
        elf_end(ef->elf);
    if (ef->fd >= 0)
        close(ef->fd);
    free(ef);
}

const ImageInfo *elf_info(const ElfFile *ef)
{
    return &ef->info;
}

/* ---- Mapping the segments -------------------------------------------- */

/* Guest PROT_* of a segment from its p_flags. */
static int seg_prot(const Elf32_Phdr *ph)
{
    return (ph->p_flags & PF_R ? PROT_READ : 0) | (ph->p_flags & PF_W ? PROT_WRITE : 0) |
           (ph->p_flags & PF_X ? PROT_EXEC : 0);
}

/* Guest page bounds of a segment once moved by `bias` (which may be
 * "negative": addresses wrap modulo 2^32 as the guest's do). */
static uint32_t seg_start(const Elf32_Phdr *ph, uint32_t bias)
{
    return PAGE_START(ph->p_vaddr + bias);
}

static uint64_t seg_end(const Elf32_Phdr *ph, uint32_t bias)
{
    return TARGET_PAGE_ALIGN((uint64_t)(uint32_t)(ph->p_vaddr + bias) + ph->p_memsz);
}

static int is_load(const Elf32_Phdr *ph)
{
    return ph->p_type == PT_LOAD && ph->p_memsz != 0;
}

/* Map writable zero pages under every segment: bss is then already zero. */
static int map_segments(ElfFile *ef, uint32_t bias, LoadError *err)
{
    for (size_t i = 0; i < ef->phnum; i++) {
        const Elf32_Phdr *ph = &ef->phdr[i];
        if (!is_load(ph))
            continue;
        uint32_t start = seg_start(ph, bias);
        uint64_t len = seg_end(ph, bias) - start;
        int32_t r = target_mmap(start, (uint32_t)len, PROT_READ | PROT_WRITE,
                                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (is_error(r))
            return load_fail(err, EXIT_NOEXEC, ef->path, "cannot map segment %zu: %s", i, strerror(-r));
    }
    return 0;
}

/*
 * Copy the file's pages as the kernel's file mapping shows them
 * (fs/binfmt_elf.c elf_load): from the page start, so the ELF and program
 * headers are visible at the start of the first segment (AT_PHDR relies
 * on it), to the end of the last page p_filesz reaches, so the bytes
 * after p_filesz are the file's; then, for a segment with bss (p_memsz >
 * p_filesz), that page is zeroed from p_filesz on (padzero).  Segments
 * are done in order: a later one sharing a page replaces it, as its
 * MAP_FIXED mapping would.
 */
static int read_segments(ElfFile *ef, uint32_t bias, LoadError *err)
{
    for (size_t i = 0; i < ef->phnum; i++) {
        const Elf32_Phdr *ph = &ef->phdr[i];
        if (!is_load(ph) || ph->p_filesz == 0)
            continue;
        uint32_t head = PAGE_OFF(ph->p_vaddr);
        char *dst = g2h(ph->p_vaddr + bias - head);
        off_t off = ph->p_offset - head;
        uint64_t want = TARGET_PAGE_ALIGN((uint64_t)head + ph->p_filesz);
        size_t len = (size_t)(want < ef->size - (uint64_t)off ? want : ef->size - (uint64_t)off);
        /* Where the file's pages line up with the guest's, they are mapped
         * as the kernel maps them, not read: a start-up then copies and
         * faults in only the pages the program touches (a static busybox
         * is 2 MB, python3 6 MB).  The last page is the file's up to its
         * end and zero after it, as a read leaves it. */
        if (PAGE_OFF(off) == 0 &&
            !is_error(target_mmap(ph->p_vaddr + bias - head, (uint32_t)TARGET_PAGE_ALIGN(len),
                                  PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, ef->fd,
                                  (uint64_t)off)))
            len = 0;
        while (len > 0) {
            ssize_t n = pread(ef->fd, dst, len, off);
            if (n <= 0)
                return load_fail(err, EXIT_NOEXEC, ef->path, "read error in segment %zu", i);
            dst += n, len -= n, off += n;
        }
        /* padzero() writes through the user mapping and elf_load()
         * ignores its failure when the segment is not writable: a
         * read-only segment keeps the file's bytes after p_filesz. */
        uint32_t tail = PAGE_OFF(ph->p_vaddr + ph->p_filesz);
        if (ph->p_memsz > ph->p_filesz && tail && (ph->p_flags & PF_W))
            memset(g2h(ph->p_vaddr + bias + ph->p_filesz), 0, TARGET_PAGE_SIZE - tail);
        /* /proc/self/maps names the file's pages as elf_map's mapping
         * would: up to the page p_filesz ends in (the bss past it is
         * anonymous). */
        uint32_t first = ph->p_vaddr + bias - head;
        proc_maps_name(first, (uint32_t)(first + want), ef->path, (uint64_t)ph->p_offset - head,
                       ef->fd);
    }
    return 0;
}

/* The first page of a segment's bss that is not in its file mapping:
 * the page after the one p_filesz ends in, or the segment's first page
 * when it has no file bytes (fs/binfmt_elf.c elf_load). */
static uint64_t seg_anon_start(const Elf32_Phdr *ph, uint32_t bias)
{
    uint32_t start = ph->p_vaddr + bias;

    if (ph->p_filesz == 0)
        return PAGE_START(start);
    return TARGET_PAGE_ALIGN((uint64_t)start + ph->p_filesz);
}

/* The protection of one page: the last segment's that covers it.  The
 * kernel maps the segments in order, each MAP_FIXED over what came
 * before (fs/binfmt_elf.c elf_map), and does not refuse overlapping
 * ones.  The bss pages past the file mapping come from vm_brk_flags(),
 * which makes them read-write whatever p_flags say (executable if
 * PF_X), as elf_load() passes only VM_EXEC on. */
static int page_prot(const ElfFile *ef, uint32_t bias, uint32_t page)
{
    int prot = -1;

    for (size_t i = 0; i < ef->phnum; i++) {
        const Elf32_Phdr *ph = &ef->phdr[i];
        if (!is_load(ph) || page < seg_start(ph, bias) || page >= seg_end(ph, bias))
            continue;
        prot = seg_prot(ph);
        if (page >= seg_anon_start(ph, bias))
            prot = PROT_READ | PROT_WRITE | (prot & PROT_EXEC);
    }
    return prot;
}

static void protect_segments(const ElfFile *ef, uint32_t bias, const ImageInfo *info)
{
    uint32_t lo = PAGE_START(info->start_code), hi = info->brk;

    for (uint32_t p = lo; p < hi;) {
        int prot = page_prot(ef, bias, p);
        uint32_t q = p + TARGET_PAGE_SIZE;
        while (q < hi && page_prot(ef, bias, q) == prot)
            q += TARGET_PAGE_SIZE;
        if (prot >= 0)
            target_mprotect(p, q - p, prot);
        p = q;
    }
}

int load_elf_image(ElfFile *ef, uint32_t bias, ImageInfo *info, LoadError *err)
{
    uint64_t span = ef->info.end_code - ef->info.start_code;

    *info = ef->info;
    info->load_bias = bias;
    info->entry += bias;
    info->phdr = info->phdr ? info->phdr + bias : 0;
    info->start_code += bias;
    info->end_code += bias;
    info->text_start += bias;
    info->text_end += bias;
    info->data_start += bias;
    info->data_end += bias;
    if ((uint64_t)info->start_code + span > GUEST_TOP || info->start_code < guest_min_addr)
        return load_fail(err, EXIT_NOEXEC, ef->path, "image does not fit the address space");
    info->brk = (uint32_t)TARGET_PAGE_ALIGN(info->end_code);
    if (!range_is_free(PAGE_START(info->start_code), info->brk - PAGE_START(info->start_code)))
        return load_fail(err, EXIT_NOEXEC, ef->path, "image overlaps memory already in use");
    if (map_segments(ef, bias, err) < 0 || read_segments(ef, bias, err) < 0)
        return -1;
    protect_segments(ef, bias, info);
    symbols_add_image(ef->path, bias, info->start_code, info->end_code);
    tcache_add_file_path(ef->path, info->start_code, info->end_code);
    return 0;
}

/*
 * The interpreter (ld-linux.so.2) named by PT_INTERP, looked up under -L
 * first, is loaded where mmap(NULL) would put it, as the kernel's
 * load_elf_interp() does; the process starts at its entry point, and it
 * finds the program through AT_PHDR / AT_ENTRY and itself through AT_BASE.
 */
static int load_interp(ImageInfo *info, LoadError *err)
{
    char buf[PATH_MAX];
    const char *path = path_redirect(info->interp, buf, sizeof(buf));
    ImageInfo ii;

    /* An empty name: the kernel's open_exec("") looks up the current
     * directory, which is not a regular file (EACCES; found by make
     * fuzz-elf). */
    if (!info->interp[0])
        return load_fail(err, EXIT_NOEXEC, info->interp, "cannot load the ELF interpreter: %s",
                         strerror(EACCES));
    ElfFile *ef = elf_open(path, err);

    /* A missing interpreter is execve's ENOENT: the shell's 127, as for a
     * missing program.  (`why` is copied first: load_fail writes it.) */
    if (!ef) {
        char why[sizeof(err->why)];
        snprintf(why, sizeof(why), "%s", err->why);
        return load_fail(err, err->status, info->interp, "cannot load the ELF interpreter: %s",
                         why);
    }
    /* fs/binfmt_elf.c load_elf_interp() takes ET_EXEC (at its own
     * addresses) and ET_DYN alike, and ignores the interpreter's own
     * PT_INTERP. */
    if (ef->ehdr.e_type == ET_EXEC) {
        int r = load_elf_image(ef, 0, &ii, err);
        elf_close(ef);
        if (r < 0)
            return -1;
        info->interp_base = PAGE_START(ii.start_code);
        info->start_pc = ii.entry;
        return 0;
    }
    uint32_t lo = PAGE_START(ef->info.start_code);
    uint32_t span = (uint32_t)TARGET_PAGE_ALIGN(ef->info.end_code) - lo;
    int32_t at = target_mmap(0, span, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (is_error(at)) {
        elf_close(ef);
        return load_fail(err, EXIT_NOEXEC, path, "no room for the ELF interpreter");
    }
    target_munmap((uint32_t)at, span);
    int r = load_elf_image(ef, (uint32_t)at - lo, &ii, err);
    elf_close(ef);
    if (r < 0)
        return -1;
    info->interp_base = (uint32_t)at;
    info->start_pc = ii.entry;
    return 0;
}

int load_program(const char *path, ImageInfo *info, LoadError *err)
{
    ElfFile *ef = elf_open(path, err);
    int ret;

    if (!ef)
        return -1;
    /* A PIE or static-pie is position independent: give it the base the
     * kernel would (ELF_ET_DYN_BASE, GUEST_ET_DYN_BASE in target-elf.h). */
    uint32_t bias =
        ef->ehdr.e_type == ET_DYN ? GUEST_ET_DYN_BASE - PAGE_START(ef->info.start_code) : 0;
    /* load_elf_binary() adds READ_IMPLIES_EXEC to the persona (which may
     * have it from before the exec) from the program's (not the
     * interpreter's) PT_GNU_STACK before it maps anything. */
    if (GUEST_READ_IMPLIES_EXEC(ef->info.exec_stack))
        mmap_set_read_implies_exec(1);
    ret = load_elf_image(ef, bias, info, err);
    elf_close(ef);
    if (ret < 0)
        return ret;
    target_set_brk(info->brk);
    info->interp_base = 0;
    info->start_pc = info->entry;
    return info->has_interp ? load_interp(info, err) : 0;
}
