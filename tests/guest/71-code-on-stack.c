/* 71-code-on-stack: machine code copied into a stack buffer (made
 * executable with mprotect) and called, then rewritten in place with a
 * different constant and called again; the translator must see the new
 * bytes each time. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

typedef int (*fn)(int);

static int run(int k)
{
    /* mov 4(%esp),%eax ; add $imm32,%eax ; ret */
    unsigned char buf[64] __attribute__((aligned(16)));
    unsigned char code[] = {0x8b, 0x44, 0x24, 0x04, 0x05, 0, 0, 0, 0, 0xc3};
    uintptr_t page = (uintptr_t)buf & ~(uintptr_t)4095;
    uintptr_t end = ((uintptr_t)buf + sizeof buf + 4095) & ~(uintptr_t)4095;

    if (mprotect((void *)page, end - page, PROT_READ | PROT_WRITE | PROT_EXEC))
        return -1;
    memcpy(code + 5, &k, 4);
    memcpy(buf, code, sizeof code);
    return ((fn)(void *)buf)(1000);
}

int main(void)
{
    for (int k = 1; k <= 5; k++)
        printf("stack code with %d: %d\n", k, run(k * 11));
    return 0;
}
