/* 72-mprotect-toggle: a JIT that keeps its code page W^X: writes with
 * PROT_READ|PROT_WRITE, flips to PROT_READ|PROT_EXEC to call, and back;
 * then munmaps the page and maps new code at the same address. */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

typedef int (*fn)(void);

static void emit_const(unsigned char *p, int v)
{
    p[0] = 0xb8; /* mov $v, %eax ; ret */
    memcpy(p + 1, &v, 4);
    p[5] = 0xc3;
}

int main(void)
{
    unsigned char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int total = 0;

    for (int i = 0; i < 50; i++) {
        mprotect(page, 4096, PROT_READ | PROT_WRITE);
        emit_const(page, i * 3);
        mprotect(page, 4096, PROT_READ | PROT_EXEC);
        total += ((fn)(void *)page)();
    }
    printf("w^x total: %d\n", total);

    for (int i = 0; i < 20; i++) {
        munmap(page, 4096);
        unsigned char *again = mmap(page, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (again != page) {
            printf("remap moved\n");
            return 1;
        }
        emit_const(page, 1000 + i);
        total += ((fn)(void *)page)();
    }
    printf("remapped total: %d\n", total);
    return 0;
}
