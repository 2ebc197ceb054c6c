/*
 * The guest address window: 4 GiB reserved once at start-up
 * (linux-user/mmap.c), so any 32-bit guest address a + guest_base is
 * inside it and nothing the guest computes can reach stitch's own memory.
 * The variable lives in util/ because every stage reads it: the ops and
 * helpers touching guest memory, the translator reading guest code, the
 * engine classifying faults.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_GUEST_WINDOW_H
#define STITCH_GUEST_WINDOW_H

#include <stdint.h>

/* The guest's page size: the unit of its mappings and protections. */
#define GUEST_PAGE_BITS 12
#define GUEST_PAGE_SIZE (1u << GUEST_PAGE_BITS)

extern uintptr_t guest_base;

static inline void *g2h(uint32_t addr)
{
    return (void *)(guest_base + addr);
}

static inline uint32_t h2g(const void *p)
{
    return (uint32_t)((uintptr_t)p - guest_base);
}

static inline int h2g_valid(const void *p)
{
    return (uintptr_t)p >= guest_base && (uintptr_t)p - guest_base <= 0xffffffffu;
}

#endif
