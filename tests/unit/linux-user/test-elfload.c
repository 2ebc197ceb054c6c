/*
 * The ELF loader refuses every malformed or foreign file with status 126
 * and one message naming the problem, a missing path with 127, and maps a
 * good image where its program headers say.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "elf-builder.h"
#include "target-elf.h"
#include "user.h"

/* Open `path`, expect refusal with `status` and `why` containing `msg`. */
static void expect_refused(const char *path, int status, const char *msg)
{
    LoadError err;
    ElfFile *ef = elf_open(path, &err);

    cr_assert_null(ef, "%s must be refused", msg);
    cr_expect_eq(err.status, status, "status %d for '%s' (%s)", err.status, msg, err.why);
    cr_expect(strstr(err.why, msg) != NULL, "message '%s' should mention '%s'", err.why, msg);
    cr_expect(strchr(err.why, '\n') == NULL, "one line only");
}

static void expect_elf_refused(const TestElf *t, const char *msg)
{
    const char *path = test_elf_write(t);

    expect_refused(path, 126, msg);
    unlink(path);
}

Test(elfload, accepts_good_image)
{
    TestElf t;
    LoadError err;

    test_elf_init(&t);
    const char *path = test_elf_write(&t);
    ElfFile *ef = elf_open(path, &err);
    cr_assert_not_null(ef, "good image refused: %s", err.why);
    const ImageInfo *info = elf_info(ef);
    cr_expect_eq(info->entry, ENTRY);
    cr_expect_eq(info->phdr, TEXT_VADDR + sizeof(Elf32_Ehdr), "AT_PHDR from the PT_LOAD at offset 0");
    cr_expect_eq(info->phnum, 3);
    cr_expect_eq(info->has_interp, 0);
    elf_close(ef);
    unlink(path);
}

Test(elfload, missing_path_is_127)
{
    expect_refused("/nonexistent/stitch/program", 127, "No such file");
}

Test(elfload, directory_is_126)
{
    expect_refused("/tmp", 126, "Is a directory");
}

Test(elfload, not_executable_is_126)
{
    TestElf t;

    test_elf_init(&t);
    const char *path = test_elf_write_bytes(t.bytes, t.size, 0644);
    expect_refused(path, 126, "Permission denied");
    unlink(path);
}

Test(elfload, refuses_text_file)
{
    static const char text[] = "#!/bin/sh\necho this is not an ELF file\n";
    const char *path = test_elf_write_bytes(text, sizeof(text) - 1, 0755);

    expect_refused(path, 126, "not an ELF file");
    unlink(path);
}

Test(elfload, refuses_empty_file)
{
    const char *path = test_elf_write_bytes("", 0, 0755);

    expect_refused(path, 126, "not an ELF file");
    unlink(path);
}

Test(elfload, refuses_truncated_header)
{
    TestElf t;

    test_elf_init(&t);
    t.size = 30;
    expect_elf_refused(&t, "truncated ELF");
}

Test(elfload, refuses_elfclass64)
{
    TestElf t;

    test_elf_init(&t);
    t.eh->e_ident[EI_CLASS] = ELFCLASS64;
    expect_elf_refused(&t, "not an " GUEST_ELF_NAME " ELF (64-bit)");
}

Test(elfload, refuses_big_endian)
{
    TestElf t;

    test_elf_init(&t);
    t.eh->e_ident[EI_DATA] = GUEST_ELF_DATA == ELFDATA2LSB ? ELFDATA2MSB : ELFDATA2LSB;
    expect_elf_refused(&t, GUEST_ELF_DATA == ELFDATA2LSB
                               ? "not an " GUEST_ELF_NAME " ELF (big-endian)"
                               : "not an " GUEST_ELF_NAME " ELF (little-endian)");
}

Test(elfload, refuses_x86_64_machine)
{
    TestElf t;

    test_elf_init(&t);
    t.eh->e_machine = EM_X86_64;
    expect_elf_refused(&t, "not an " GUEST_ELF_NAME " ELF (machine 62)");
}

Test(elfload, refuses_relocatable_object)
{
    TestElf t;

    test_elf_init(&t);
    t.eh->e_type = ET_REL;
    expect_elf_refused(&t, "not an executable");
}

Test(elfload, refuses_phdrs_beyond_file)
{
    TestElf t;

    test_elf_init(&t);
    t.eh->e_phoff = FILE_BYTES - 8;
    expect_elf_refused(&t, "truncated ELF (program headers");
}

Test(elfload, refuses_bad_phentsize)
{
    TestElf t;

    test_elf_init(&t);
    t.eh->e_phentsize = 56;
    expect_elf_refused(&t, "program header size");
}

Test(elfload, refuses_segment_beyond_file)
{
    TestElf t;

    test_elf_init(&t);
    t.ph[1].p_filesz = 0x10000;
    t.ph[1].p_memsz = 0x10000;
    expect_elf_refused(&t, "truncated ELF (segment 1");
}

Test(elfload, refuses_filesz_above_memsz)
{
    TestElf t;

    test_elf_init(&t);
    t.ph[1].p_memsz = 4;
    expect_elf_refused(&t, "file size larger than memory size");
}

/* The kernel maps the PT_LOADs in order, each MAP_FIXED over what came
 * before (fs/binfmt_elf.c), and refuses no overlap: the shared page is
 * the later segment's, bytes and protection. */
Test(elfload, overlapping_segments_later_one_wins)
{
    TestElf t;
    LoadError err;
    ImageInfo info;

    cr_assert_eq(mmap_init(), 0);
    test_elf_init(&t);
    t.ph[1].p_vaddr = t.ph[1].p_paddr = TEXT_VADDR + (DATA_OFF & 0xfff); /* inside segment 0 */
    const char *path = test_elf_write(&t);
    cr_assert_eq(load_program(path, &info, &err), 0, "%s", err.why);
    cr_expect_eq(page_get_flags(TEXT_VADDR) & (PAGE_WRITE | PAGE_EXEC), PAGE_WRITE);
    cr_expect_eq(memcmp(g2h(TEXT_VADDR + (DATA_OFF & 0xfff)), t.bytes + DATA_OFF, DATA_BYTES), 0);
    unlink(path);
}

Test(elfload, refuses_misaligned_segment)
{
    TestElf t;

    test_elf_init(&t);
    t.ph[1].p_vaddr += 4;
    expect_elf_refused(&t, "misaligned");
}

Test(elfload, refuses_segment_past_4g)
{
    TestElf t;

    test_elf_init(&t);
    t.ph[1].p_vaddr = 0xfffff000u + (DATA_OFF & 0xfff);
    expect_elf_refused(&t, "outside the 32-bit address space");
}

Test(elfload, refuses_no_load_segment)
{
    TestElf t;

    test_elf_init(&t);
    t.ph[0].p_type = PT_NOTE;
    t.ph[1].p_type = PT_NOTE;
    expect_elf_refused(&t, "no loadable segment");
}

/* A dynamic program whose PT_INTERP does not exist: one line naming the
 * interpreter, status 127, what the shell gives for execve's ENOENT
 * natively (the kernel reports the interpreter's ENOENT as the exec's). */
Test(elfload, missing_interpreter_is_reported)
{
    TestElf t;
    LoadError err;
    ImageInfo info;

    cr_assert_eq(mmap_init(), 0);
    test_elf_init(&t);
    /* Reuse the GNU_STACK slot as a PT_INTERP naming a string in the code. */
    strcpy((char *)t.bytes + 0x180, "/nonexistent/ld.so");
    t.ph[2] = (Elf32_Phdr){ PT_INTERP, 0x180, TEXT_VADDR + 0x180, 0, 19, 19, PF_R, 1 };
    const char *path = test_elf_write(&t);
    cr_assert_eq(load_program(path, &info, &err), -1);
    cr_expect_eq(err.status, 127);
    cr_expect_str_eq(err.what, "/nonexistent/ld.so");
    cr_expect(strstr(err.why, "cannot load the ELF interpreter: ") != NULL, "why: %s", err.why);
    cr_expect(strstr(err.why, strerror(ENOENT)) != NULL, "the reason stays readable: %s",
              err.why);
    unlink(path);
}

/* The error reaches the user as exactly one line with the documented
 * status, through the one fatal helper. */
Test(elfload, fatal_prints_one_line_and_exits_126, .init = cr_redirect_stderr, .exit_code = 126)
{
    TestElf t;
    LoadError err;

    test_elf_init(&t);
    t.eh->e_machine = EM_X86_64;
    const char *path = test_elf_write(&t);
    cr_assert_null(elf_open(path, &err));
    unlink(path);
    fatal_load(&err);
}

Test(elfload, maps_segments_and_sets_brk)
{
    TestElf t;
    LoadError err;
    ImageInfo info;

    cr_assert_eq(mmap_init(), 0);
    test_elf_init(&t);
    const char *path = test_elf_write(&t);
    cr_assert_eq(load_program(path, &info, &err), 0, "%s", err.why);
    unlink(path);

    /* Headers visible at the first segment, data bytes copied, bss zero. */
    cr_expect_eq(memcmp(g2h(TEXT_VADDR), ELFMAG, SELFMAG), 0);
    cr_expect_eq(*(unsigned char *)g2h(DATA_VADDR + 1), 0x22);
    cr_expect_eq(*(unsigned char *)g2h(DATA_VADDR + DATA_BYTES), 0);
    cr_expect_eq(*(unsigned char *)g2h(DATA_VADDR + DATA_BYTES + BSS_BYTES - 1), 0);
    /* Protections from p_flags, in the page table the syscalls consult. */
    cr_expect_eq(page_get_flags(TEXT_VADDR), PAGE_VALID | PAGE_READ | PAGE_SHOWN_READ | PAGE_EXEC);
    cr_expect_eq(page_get_flags(DATA_VADDR), PAGE_VALID | PAGE_READ | PAGE_SHOWN_READ | PAGE_WRITE);
    cr_expect_eq(page_get_flags(TEXT_VADDR - 0x1000), 0);
    uint32_t end = (DATA_VADDR + DATA_BYTES + BSS_BYTES + 0xfff) & ~0xfffu;
    cr_expect_eq(info.brk, end);
    cr_expect_eq(target_brk(0), end, "brk(0) reports the initial break");
    cr_expect_eq(info.entry, ENTRY);
}

Test(elfload, static_pie_is_relocated)
{
    TestElf t;
    LoadError err;
    ImageInfo info;

    cr_assert_eq(mmap_init(), 0);
    test_elf_init(&t);
    t.eh->e_type = ET_DYN;
    t.eh->e_entry -= TEXT_VADDR;
    t.ph[0].p_vaddr -= TEXT_VADDR;
    t.ph[1].p_vaddr -= TEXT_VADDR;
    const char *path = test_elf_write(&t);
    cr_assert_eq(load_program(path, &info, &err), 0, "%s", err.why);
    unlink(path);
    cr_expect_eq(info.load_bias, 0x56555000u);
    cr_expect_eq(info.entry, 0x56555000u + 0x100);
    cr_expect_eq(memcmp(g2h(0x56555000u), ELFMAG, SELFMAG), 0);
}
