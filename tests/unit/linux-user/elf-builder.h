/*
 * Test helper: write small ELF executables for the guest (and broken
 * variants of them) to temporary files, so the loader's checks can be exercised
 * without a cross compiler.
 *
 * The good image has two PT_LOADs:
 *   0  R X  vaddr 0x08048000, offset 0: headers + CODE_BYTES of code
 *   1  RW   vaddr 0x08049000 + (DATA_OFF & 0xfff), DATA_BYTES of data, then
 *           BSS_BYTES of bss
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef TEST_ELF_BUILDER_H
#define TEST_ELF_BUILDER_H

#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "target-elf.h"

#define TEXT_VADDR 0x08048000u
#define DATA_OFF 0x1010u
#define DATA_VADDR (0x08049000u + (DATA_OFF & 0xfff))
#define DATA_BYTES 32u
#define BSS_BYTES 0x2000u
#define ENTRY (TEXT_VADDR + 0x100)
#define FILE_BYTES (DATA_OFF + DATA_BYTES)

typedef struct TestElf {
    unsigned char bytes[FILE_BYTES];
    Elf32_Ehdr *eh;
    Elf32_Phdr *ph; /* 3 entries: two PT_LOAD and a PT_GNU_STACK */
    size_t size;    /* how much of bytes[] gets written */
} TestElf;

static inline void test_elf_init(TestElf *t)
{
    memset(t, 0, sizeof(*t));
    t->eh = (Elf32_Ehdr *)t->bytes;
    t->ph = (Elf32_Phdr *)(t->bytes + sizeof(Elf32_Ehdr));
    t->size = FILE_BYTES;
    memcpy(t->eh->e_ident, ELFMAG, SELFMAG);
    t->eh->e_ident[EI_CLASS] = ELFCLASS32;
    t->eh->e_ident[EI_DATA] = GUEST_ELF_DATA;
    t->eh->e_ident[EI_VERSION] = EV_CURRENT;
    t->eh->e_type = ET_EXEC;
    t->eh->e_machine = GUEST_ELF_MACHINE;
    t->eh->e_version = EV_CURRENT;
    t->eh->e_entry = ENTRY;
    t->eh->e_phoff = sizeof(Elf32_Ehdr);
    t->eh->e_ehsize = sizeof(Elf32_Ehdr);
    t->eh->e_phentsize = sizeof(Elf32_Phdr);
    t->eh->e_phnum = 3;
    t->ph[0] = (Elf32_Phdr){ PT_LOAD, 0, TEXT_VADDR, TEXT_VADDR, 0x200, 0x200, PF_R | PF_X, 0x1000 };
    t->ph[1] = (Elf32_Phdr){ PT_LOAD, DATA_OFF, DATA_VADDR, DATA_VADDR, DATA_BYTES,
                             DATA_BYTES + BSS_BYTES, PF_R | PF_W, 0x1000 };
    t->ph[2] = (Elf32_Phdr){ PT_GNU_STACK, 0, 0, 0, 0, 0, PF_R | PF_W, 16 };
    /* Code: recognisable bytes (never run here), data: 0x11 0x22 ... */
    memset(t->bytes + 0x100, 0x90, 0x100);
    for (unsigned i = 0; i < DATA_BYTES; i++)
        t->bytes[DATA_OFF + i] = (unsigned char)(0x11 * (i + 1));
}

/* Write the image to a fresh temporary file with mode `mode`; returns its
 * path (static storage, one per call site is enough for the tests). */
static inline const char *test_elf_write_bytes(const void *bytes, size_t size, mode_t mode)
{
    static char path[64];
    strcpy(path, "/tmp/stitch-test-elf-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0 || write(fd, bytes, size) != (ssize_t)size)
        abort();
    fchmod(fd, mode);
    close(fd);
    return path;
}

static inline const char *test_elf_write(const TestElf *t)
{
    return test_elf_write_bytes(t->bytes, t->size, 0755);
}

#endif
