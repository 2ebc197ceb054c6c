/*
 * Counting in generated code (exec/profile.c): --stats' hottest blocks and
 * -d op_count's dynamic micro-op histogram.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_PROFILE_H
#define STITCH_PROFILE_H

#include <stddef.h>
#include <stdint.h>

/* 0: off (generated code carries nothing); 1: TB executions (--stats);
 * 2: every op (-d op_count).  Set through exec_init's caller. */
extern int exec_profile;

typedef struct ProfileBlock {
    uint32_t pc;     /* guest address of the TB */
    uint32_t icount; /* its guest instructions */
    uint64_t count;  /* times it ran */
} ProfileBlock;

/* The `max` blocks with the most guest instructions executed
 * (count x icount), heaviest first; how many there are. */
size_t profile_hot_blocks(ProfileBlock *out, size_t max);
/* Each op executed at least once, most executed first. */
void profile_op_histogram(void (*print)(const char *name, uint64_t count, void *arg),
                          void *arg);

#endif
