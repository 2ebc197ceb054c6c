/* 38-smc: self-modifying code — i386 machine code written into an RWX
 * anonymous mapping, called, then patched in place (an immediate operand,
 * then a whole instruction) and called again; a translator must notice the
 * write and drop the stale translation. Also code generated into a fresh
 * page in a loop, the same address reused for different functions, and a
 * function that patches its own immediate while running. */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

typedef int (*fn0)(void);
typedef int (*fn1)(int);

int main(void)
{
    unsigned char *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) { printf("mmap failed\n"); return 1; }

    /* mov $imm32, %eax ; ret */
    static const unsigned char ret_imm[] = { 0xb8, 0x2a, 0, 0, 0, 0xc3 };
    memcpy(code, ret_imm, sizeof ret_imm);
    fn0 f = (fn0)code;
    printf("first call: %d\n", f());
    int sum = 0;
    for (int i = 0; i < 100; i++) {
        code[1] = (unsigned char)i;          /* patch the immediate */
        sum += f();
    }
    printf("patched 100 times: sum=%d\n", sum);

    /* mov 4(%esp),%eax ; add %eax,%eax ; ret   then switch add to imul $3 */
    static const unsigned char dbl[] = { 0x8b, 0x44, 0x24, 0x04, 0x01, 0xc0, 0xc3 };
    static const unsigned char tri[] = { 0x8b, 0x44, 0x24, 0x04, 0x6b, 0xc0, 0x03, 0xc3 };
    memcpy(code + 64, dbl, sizeof dbl);
    fn1 g = (fn1)(code + 64);
    int a = g(21);
    memcpy(code + 64, tri, sizeof tri);
    int b = g(21);
    printf("double then triple: %d %d\n", a, b);

    /* a loop of generated functions at the same address: return i*i */
    int acc = 0;
    for (int i = 0; i < 50; i++) {
        unsigned v = (unsigned)(i * i);
        unsigned char body[] = { 0xb8, (unsigned char)v, (unsigned char)(v >> 8), 0, 0, 0xc3 };
        memcpy(code + 128, body, sizeof body);
        acc += ((fn0)(code + 128))();
    }
    printf("sum of squares 0..49 = %d\n", acc);

    /* a function that rewrites its own return value for the next call:
     *   mov $imm,%eax           b8 imm32          (offset 0)
     *   incl imm(<self>)        ff 05 <abs addr>  (offset 5)
     *   ret                     c3                (offset 11)      */
    unsigned char *self = code + 256;
    unsigned addr = (unsigned)(unsigned long)(self + 1);
    unsigned char selfmod[] = { 0xb8, 100, 0, 0, 0, 0xff, 0x05, (unsigned char)addr,
                                (unsigned char)(addr >> 8), (unsigned char)(addr >> 16),
                                (unsigned char)(addr >> 24), 0xc3 };
    memcpy(self, selfmod, sizeof selfmod);
    printf("self-incrementing:");
    for (int i = 0; i < 5; i++) printf(" %d", ((fn0)self)());
    putchar('\n');

    /* a new mapping each time, unmapped afterwards */
    int total = 0;
    for (int i = 1; i <= 10; i++) {
        unsigned char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        unsigned char body[] = { 0xb8, (unsigned char)(i * 3), 0, 0, 0, 0xc3 };
        memcpy(p, body, sizeof body);
        total += ((fn0)p)();
        munmap(p, 4096);
    }
    printf("fresh mappings total=%d\n", total);
    return 0;
}
