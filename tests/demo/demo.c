/*
 * The program `make demo` runs: small enough that its hot function is one
 * translation block worth reading three ways (guest, micro-ops, host).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>

__attribute__((noinline)) unsigned sum_squares(unsigned n)
{
    unsigned s = 0;

    for (unsigned i = 1; i <= n; i++)
        s += i * i;
    return s;
}

int main(void)
{
    printf("sum of squares 1..1000 = %u\n", sum_squares(1000));
    return 0;
}
