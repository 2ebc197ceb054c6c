/* bench.h: what every benchmark kernel shares.
 *
 * A kernel is a deterministic program that does one kind of work, prints a
 * checksum of its result on stdout and exits 0.  Its only argument is a size
 * (iterations, elements, ...); bench/run.py passes a smaller one for QUICK=1.
 * The checksum is what the harness compares with the native run: an engine
 * that prints anything else is reported as FAIL, never timed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* The size argument, or dflt when the kernel is run bare. */
static inline long bench_size(int argc, char **argv, long dflt)
{
    if (argc < 2)
        return dflt;
    long n = strtol(argv[1], NULL, 0);
    if (n <= 0) {
        fprintf(stderr, "%s: size must be a positive integer\n", argv[0]);
        exit(2);
    }
    return n;
}

/* A small fixed-seed generator, so inputs are the same on every engine. */
static inline uint32_t bench_rand(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

#endif
