/*
 * /proc/self/maps names the files behind the guest's mappings as
 * fs/proc/task_mmu.c does: the program's own segments (which stitch's
 * loader fills by copying, not by mapping) show its path, offset, device
 * and inode up to the page its file bytes end in, and the bss beyond is
 * anonymous; a file the program maps shows the file, and an anonymous
 * MAP_FIXED mapping over part of it is anonymous there.  Anonymous
 * memory shows offset 0, and the permissions the guest asked for.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#define PAGE 4096

int initialised = 42;
static char big_bss[16 * PAGE];

typedef struct {
    unsigned long lo, hi, off, inode;
    char perms[5], dev[16], name[PATH_MAX];
} Line;

static int find(uintptr_t a, Line *l)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char buf[PATH_MAX + 128];
    int found = 0;

    while (!found && f && fgets(buf, sizeof(buf), f)) {
        l->name[0] = 0;
        if (sscanf(buf, "%lx-%lx %4s %lx %15s %lu %4095s", &l->lo, &l->hi, l->perms, &l->off,
                   l->dev, &l->inode, l->name) >= 6)
            found = l->lo <= a && a < l->hi;
    }
    if (f)
        fclose(f);
    return found;
}

/* What the line says of the file: its name, inode and device, and the
 * offset of address a in it. */
static void show(const char *what, uintptr_t a, const char *path, long want_off)
{
    Line l;
    struct stat st;
    char dev[16] = "";

    if (!find(a, &l)) {
        printf("%s: no line\n", what);
        return;
    }
    if (path && stat(path, &st) == 0)
        snprintf(dev, sizeof(dev), "%02x:%02x", major(st.st_dev), minor(st.st_dev));
    printf("%s: %s name %s", what, l.perms,
           !l.name[0] ? "none" : path && !strcmp(l.name, path) ? "the file" : "other");
    if (path)
        printf(" inode %s dev %s", path && l.inode == st.st_ino ? "same" : "differs",
               !strcmp(l.dev, dev) ? "same" : "differs");
    else
        printf(" inode %lu dev %s", l.inode, l.dev);
    if (want_off >= 0)
        printf(" offset %s", l.off + ((a & ~(uintptr_t)(PAGE - 1)) - l.lo) == (unsigned long)want_off
                                 ? "right" : "wrong");
    printf("\n");
}

int main(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

    if (n <= 0)
        return 1;
    exe[n] = 0;
    show("code", (uintptr_t)&main, exe, -1);
    show("initialised data", (uintptr_t)&initialised, exe, -1);
    big_bss[sizeof(big_bss) - 1] = 1;
    show("bss, pages past the file", (uintptr_t)&big_bss[sizeof(big_bss) - 1], NULL, -1);

    char path[PATH_MAX];
    if (!realpath(".", path))
        return 1;
    strcat(path, "/maps-names.tmp");
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || ftruncate(fd, 4 * PAGE))
        return 1;
    char *m = mmap(NULL, 3 * PAGE, PROT_READ, MAP_PRIVATE, fd, PAGE);
    show("file mapping, first page", (uintptr_t)m, path, PAGE);
    show("file mapping, third page", (uintptr_t)m + 2 * PAGE, path, 3 * PAGE);
    mmap(m + PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    show("anonymous over its middle", (uintptr_t)m + PAGE, NULL, -1);
    show("file mapping, third page after", (uintptr_t)m + 2 * PAGE, path, 3 * PAGE);
    char *s = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 2 * PAGE);
    show("shared file mapping", (uintptr_t)s, path, 2 * PAGE);
    unlink(path);

    /* Anonymous memory shows offset 0 (show_map_vma), the heap too, and
     * the permissions asked for: no 'r' without PROT_READ. */
    Line l;
    char *heap = malloc(64 * 1024);
    heap[0] = 1;
    if (find((uintptr_t)sbrk(0) - 1, &l))
        printf("heap: %s offset %#lx name %s\n", l.perms, l.off, l.name);
    char *w = mmap(NULL, 2 * PAGE, PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    show("write-only anonymous", (uintptr_t)w + PAGE, NULL, PAGE);
    mprotect(w + PAGE, PAGE, PROT_WRITE | PROT_EXEC);
    show("write and execute, its second page", (uintptr_t)w + PAGE, NULL, -1);
    return 0;
}
