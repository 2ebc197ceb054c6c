/* 20-setjmp: setjmp/longjmp non-local exits — from nested calls several
 * frames deep, repeatedly in a loop (callee-saved registers and volatile
 * locals survive), the value 0 turned into 1, and sigsetjmp/siglongjmp.
 * glibc mangles the saved esp/eip with a pointer guard kept in %gs:0x18. */
#include <stdio.h>
#include <setjmp.h>

static jmp_buf env;
static sigjmp_buf senv;
static int depth_reached;

static void dive(int depth, int limit)
{
    depth_reached = depth;
    if (depth == limit) longjmp(env, depth * 10);
    dive(depth + 1, limit);
    printf("never printed\n");
}

static int twice(int x) { if (x == 3) longjmp(env, 0); return x * 2; }

int main(void)
{
    volatile int round = 0;
    volatile int acc = 0;
    int r = setjmp(env);
    if (round < 5) {
        acc += r;
        printf("round %d setjmp returned %d\n", round, r);
        round++;
        dive(0, round * 7);
    }
    printf("after rounds: acc=%d depth=%d\n", acc, depth_reached);

    volatile int i;
    for (i = 0; i < 5; i++) {
        if ((r = setjmp(env)) == 0)
            printf("twice(%d)=%d\n", i, twice(i));
        else
            printf("longjmp(env, 0) delivered %d at i=%d\n", r, i);
    }

    volatile int count = 0;
    if (sigsetjmp(senv, 1) < 3) {
        count++;
        siglongjmp(senv, count);
    }
    printf("siglongjmp count=%d\n", count);
    return 0;
}
