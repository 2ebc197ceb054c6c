/*
 * What the kernel's ELF loader leaves in the pages of each PT_LOAD
 * (fs/binfmt_elf.c elf_load): the file's bytes up to the end of the page
 * where p_filesz ends, when the segment has no bss.  The program reads its
 * own program headers (AT_PHDR) and compares those bytes with its file.
 * levels: O0 O2
 */
#include <elf.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#define PAGE 4096u

int main(void)
{
    const Elf32_Phdr *ph = (const Elf32_Phdr *)getauxval(AT_PHDR);
    size_t n = getauxval(AT_PHNUM);
    int fd = open("/proc/self/exe", O_RDONLY);
    uint32_t first = 0;

    for (size_t i = 0; i < n; i++) {
        if (ph[i].p_type != PT_LOAD)
            continue;
        if (!first)
            first = ph[i].p_vaddr - ph[i].p_offset; /* ET_EXEC: the load bias is 0 */
        uint32_t end = ph[i].p_vaddr + ph[i].p_filesz;
        uint32_t tail = (PAGE - end % PAGE) % PAGE;
        /* A segment with bss holds this program's own variables past
         * p_filesz: only the others can be compared. */
        if (!ph[i].p_filesz || !tail || ph[i].p_memsz > ph[i].p_filesz)
            continue;
        static unsigned char file[PAGE];
        const unsigned char *mem = (const unsigned char *)(uintptr_t)end;
        ssize_t got = pread(fd, file, tail, ph[i].p_offset + ph[i].p_filesz);
        size_t zeros = 0;
        for (uint32_t k = 0; k < tail; k++)
            zeros += mem[k] == 0;
        printf("segment %zu: %u bytes after p_filesz: %s\n", i, tail,
               zeros == tail ? "all zero"
               : got == (ssize_t)tail && !memcmp(mem, file, tail) ? "the file's bytes"
                                                                   : "something else");
    }
    /* The ELF header sits at the start of the first segment's page. */
    const Elf32_Ehdr *eh = (const Elf32_Ehdr *)(uintptr_t)(first & ~(PAGE - 1));
    printf("ELF header mapped: %d\n", !memcmp(eh->e_ident, ELFMAG, SELFMAG));
    return 0;
}
