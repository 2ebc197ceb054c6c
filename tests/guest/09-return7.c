/* 09-return7: returning 7 from main becomes the exit status (through
 * __libc_start_main -> exit), with buffered stdout flushed at exit and an
 * atexit handler run (handlers run in reverse registration order). */
#include <stdio.h>
#include <stdlib.h>

static void first(void) { printf("atexit first-registered runs last\n"); }
static void second(void) { printf("atexit second-registered runs first\n"); }

int main(void)
{
    atexit(first);
    atexit(second);
    printf("buffered, no newline yet...");
    printf(" returning 7\n");
    return 7;
}
