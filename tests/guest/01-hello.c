/* 01-hello: the smallest guest — one line through printf/stdout and exit 0.
 * Checks ELF loading, the initial stack, write(2) and exit_group(2). */
#include <stdio.h>

int main(void)
{
    printf("Hello, world!\n");
    return 0;
}
