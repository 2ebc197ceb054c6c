/* 85-x87-stored-indirect: after the program's first FNSTENV, which makes
 * stitch store the x87 pointers from then on (op/i386/x87-fip.c, TB flag
 * HF_X87_STORED), indirect calls go on as before; run-stats.sh checks
 * that they stay in generated code (the indirect-jump path took TBs with
 * any flag but 0 back to the CPU loop). */
#include <stdio.h>

static unsigned add1(unsigned v) { return v + 1; }
static unsigned add3(unsigned v) { return v + 3; }
static unsigned twice(unsigned v) { return v * 2; }
static unsigned half(unsigned v) { return v / 2; }

static unsigned (*volatile table[4])(unsigned) = {add1, add3, twice, half};

int main(void)
{
    unsigned char env[28];
    volatile double x = 1.5;
    unsigned v = 7;

    x = x * x;
    __asm__ volatile("fnstenv %0" : "=m"(env));
    for (unsigned i = 0; i < 1000000; i++)
        v = table[i & 3](v);
    printf("v = %u, x = %g\n", v, x);
    return 0;
}
