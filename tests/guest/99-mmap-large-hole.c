/*
 * mmap(NULL, len) finds any free range the length fits in (mm/mmap.c
 * get_unmapped_area): 2600 MiB in one piece, which only the hole between
 * the program's heap and the stack holds (it spans 1 GiB, where stitch
 * starts looking, as qemu's TASK_UNMAPPED_BASE).  Both ends are usable,
 * and a small mapping still fits afterwards.
 * levels: O0 O2
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

int main(void)
{
    size_t len = (size_t)2600 << 20;
    char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                   -1, 0);

    if (p == MAP_FAILED) {
        perror("mmap 2600 MiB");
        return 1;
    }
    p[0] = 1;
    p[len - 1] = 2;
    printf("2600 MiB: ends %d %d\n", p[0], p[len - 1]);
    char *q = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("one page more: %s\n", q == MAP_FAILED ? "failed" : "ok");
    printf("munmap: %d\n", munmap(p, len));
    p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    printf("again: %s\n", p == MAP_FAILED ? "failed" : "ok");
    return 0;
}
