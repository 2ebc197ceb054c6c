/*
 * Guest symbols: which function of which ELF file a guest address is in,
 * for -perfmap, -jitdump and --stats' hottest blocks.  The loader reports
 * the program and its interpreter (elfload.c), mmap reports every
 * executable file mapping (the shared libraries ld.so maps); the symbols
 * come from each file's .symtab, or .dynsym when it was stripped, read
 * with libelf.  Nothing is recorded unless symbols_enable() was called.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "symbols.h"
#include "user.h"

typedef struct Sym {
    uint32_t value; /* the file's address (unbiased) */
    uint32_t size;
    const char *name;
} Sym;

/* One ELF file, its symbols sorted by value. */
typedef struct SymFile {
    char *path;
    Sym *syms;
    size_t nsyms;
    char *strings; /* the names, copied out of the file */
    Elf32_Phdr *phdr;
    size_t phnum;
    struct SymFile *next;
} SymFile;

/* A guest range showing a file at `bias` (guest = file address + bias). */
typedef struct SymMap {
    uint32_t lo, hi; /* [lo, hi) */
    uint32_t bias;
    SymFile *file;
} SymMap;

int symbols_enabled;
static SymFile *files;
static SymMap *maps;
static size_t nmaps, maps_cap;

void symbols_enable(void)
{
    symbols_enabled = 1;
}

static int by_value(const void *a, const void *b)
{
    const Sym *x = a, *y = b;

    return x->value < y->value ? -1 : x->value > y->value;
}

/* The symbols worth naming code by: functions, and the untyped labels
 * of assembly sources; never sections, files or undefined references. */
static int wanted(const GElf_Sym *s)
{
    int type = GELF_ST_TYPE(s->st_info);

    return s->st_shndx != SHN_UNDEF && s->st_value != 0 &&
           (type == STT_FUNC || type == STT_GNU_IFUNC || type == STT_NOTYPE);
}

static void read_symtab(SymFile *f, Elf *elf, Elf_Scn *scn, const GElf_Shdr *sh)
{
    Elf_Data *data = elf_getdata(scn, NULL);
    size_t n = sh->sh_entsize ? sh->sh_size / sh->sh_entsize : 0, used = 0, strsize = 0;

    if (!data || n == 0)
        return;
    f->syms = calloc(n, sizeof(Sym));
    for (size_t i = 0; f->syms && i < n; i++) {
        GElf_Sym s;
        const char *name;
        if (!gelf_getsym(data, (int)i, &s) || !wanted(&s) ||
            !(name = elf_strptr(elf, sh->sh_link, s.st_name)) || !*name)
            continue;
        f->syms[used++] = (Sym){(uint32_t)s.st_value, (uint32_t)s.st_size, name};
        strsize += strlen(name) + 1;
    }
    /* Copy the names: the Elf handle is closed after reading. */
    f->strings = malloc(strsize ? strsize : 1);
    char *w = f->strings;
    for (size_t i = 0; w && i < used; i++) {
        size_t len = strlen(f->syms[i].name) + 1;
        memcpy(w, f->syms[i].name, len);
        f->syms[i].name = w;
        w += len;
    }
    f->nsyms = w ? used : 0;
    qsort(f->syms, f->nsyms, sizeof(Sym), by_value);
}

static void read_file(SymFile *f)
{
    int fd = open(f->path, O_RDONLY | O_CLOEXEC);
    Elf *elf;
    Elf_Scn *scn = NULL, *dyn = NULL;
    GElf_Shdr sh, dynsh;

    if (fd < 0)
        return;
    elf_version(EV_CURRENT);
    elf = elf_begin(fd, ELF_C_READ, NULL);
    Elf32_Phdr *ph = elf ? elf32_getphdr(elf) : NULL;
    size_t phnum = 0;
    if (ph && elf_getphdrnum(elf, &phnum) == 0 && (f->phdr = malloc(phnum * sizeof(*ph)))) {
        memcpy(f->phdr, ph, phnum * sizeof(*ph));
        f->phnum = phnum;
    }
    while (elf && (scn = elf_nextscn(elf, scn)) != NULL) {
        if (!gelf_getshdr(scn, &sh))
            continue;
        if (sh.sh_type == SHT_SYMTAB) {
            read_symtab(f, elf, scn, &sh);
            dyn = NULL;
            break;
        }
        if (sh.sh_type == SHT_DYNSYM)
            dyn = scn, dynsh = sh;
    }
    if (dyn)
        read_symtab(f, elf, dyn, &dynsh);
    if (elf)
        elf_end(elf);
    close(fd);
}

static SymFile *file_for(const char *path)
{
    for (SymFile *f = files; f; f = f->next)
        if (!strcmp(f->path, path))
            return f;
    SymFile *f = calloc(1, sizeof(*f));
    if (!f || !(f->path = strdup(path))) {
        free(f);
        return NULL;
    }
    read_file(f);
    f->next = files;
    files = f;
    return f;
}

static void add_map(uint32_t lo, uint32_t hi, uint32_t bias, SymFile *f)
{
    if (nmaps == maps_cap) {
        size_t cap = maps_cap ? maps_cap * 2 : 16;
        SymMap *grown = realloc(maps, cap * sizeof(*maps));
        if (!grown)
            return;
        maps = grown, maps_cap = cap;
    }
    maps[nmaps++] = (SymMap){lo, hi, bias, f};
}

void symbols_add_image(const char *path, uint32_t bias, uint32_t lo, uint32_t hi)
{
    char real[PATH_MAX];
    SymFile *f;

    if (!symbols_enabled || !(f = file_for(realpath(path, real) ? real : path)))
        return;
    add_map(lo, hi, bias, f);
}

/* A file mapping at guest `addr` of file offset `offset`: the bias is what
 * moves the segment holding that offset from its p_vaddr to `addr`. */
void symbols_add_mapping(int fd, uint32_t addr, uint32_t len, uint64_t offset)
{
    char link[64], path[PATH_MAX];
    SymFile *f;

    if (!symbols_enabled)
        return;
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof(path) - 1);
    if (n <= 0)
        return;
    path[n] = 0;
    if (!(f = file_for(path)))
        return;
    for (size_t i = 0; i < f->phnum; i++) {
        const Elf32_Phdr *ph = &f->phdr[i];
        uint64_t page_off = ph->p_offset & ~(uint64_t)(TARGET_PAGE_SIZE - 1);
        if (ph->p_type != PT_LOAD || offset < page_off || offset >= ph->p_offset + ph->p_filesz)
            continue;
        uint32_t vaddr = (uint32_t)(ph->p_vaddr - (ph->p_offset - offset));
        add_map(addr, addr + len, addr - vaddr, f);
        return;
    }
}

/* The last symbol at or below `value`, if `value` is inside it (or it has
 * no size, as assembly labels often do). */
static const Sym *find_sym(const SymFile *f, uint32_t value)
{
    size_t lo = 0, hi = f->nsyms;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (f->syms[mid].value <= value)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    const Sym *s = &f->syms[lo - 1];
    /* Prefer a sized symbol that covers value among equal values. */
    while (s > f->syms && s[-1].value == s->value && s->size == 0)
        s--;
    return s->size == 0 || value - s->value < s->size ? s : NULL;
}

int symbols_lookup(uint32_t pc, char *buf, size_t size)
{
    /* The newest mapping wins: an address range reused after munmap. */
    for (size_t i = nmaps; i-- > 0;) {
        const SymMap *m = &maps[i];
        if (pc < m->lo || pc >= m->hi)
            continue;
        const Sym *s = find_sym(m->file, pc - m->bias);
        if (!s)
            break;
        uint32_t off = pc - m->bias - s->value;
        if (off)
            snprintf(buf, size, "%s+0x%x", s->name, off);
        else
            snprintf(buf, size, "%s", s->name);
        return 1;
    }
    snprintf(buf, size, "guest-0x%08x", pc);
    return 0;
}
