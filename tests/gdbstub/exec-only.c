/*
 * A page of code made PROT_EXEC alone, which a host with protection keys
 * makes execute-only (docs/divergences.md): gdb still reads it, as ptrace
 * reads it natively, and a write watchpoint on it works
 * (tests/gdbstub/run-gdb.sh).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

__attribute__((noinline)) int stop_here(unsigned char *code)
{
    return ((int (*)(void))code)();
}

int main(void)
{
    /* mov eax, 42; ret */
    static const unsigned char ret42[] = {0xb8, 0x2a, 0x00, 0x00, 0x00, 0xc3};
    unsigned char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if (p == MAP_FAILED)
        return 1;
    memcpy(p, ret42, sizeof(ret42));
    if (mprotect(p, 4096, PROT_EXEC) < 0)
        return 1;
    printf("called: %d\n", stop_here(p));
    return 0;
}
