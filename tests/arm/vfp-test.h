/*
 * Shared by the VFP instruction tests (vfp.c, vfp-fastpath.c): FPSCR's
 * fields (ARMv7-A ARM, DDI 0406C: the FPSCR's description), one VFP instruction run
 * under a given FPSCR with its result and the FPSCR after it, and the
 * checks of a result and the cumulative flags it left.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_TESTS_ARM_VFP_TEST_H
#define STITCH_TESTS_ARM_VFP_TEST_H

#include <stdint.h>
#include <stdio.h>

#include "insn-test.h"

/* the cumulative exception flags, bits 7 and 4:0 */
#define IOC 0x01u
#define DZC 0x02u
#define OFC 0x04u
#define UFC 0x08u
#define IXC 0x10u
#define IDC 0x80u
#define FLAGS 0x9fu
/* the modes: flush-to-zero, default NaN, RMode (bits 23:22) */
#define FZ (1u << 24)
#define DN (1u << 25)
#define RN (0u << 22)
#define RP (1u << 22)
#define RM (2u << 22)
#define RZ (3u << 22)

/* name(fpscr, a, b, d, &f): s2 = insn(s0 = a, s1 = b), s2 = d beforehand
 * (the accumulator); returns s2, f = FPSCR after. */
#define SOP(name, insn)                                                    \
    static uint32_t name(uint32_t fpscr, uint32_t a, uint32_t b,          \
                         uint32_t d, uint32_t *out)                       \
    {                                                                      \
        uint32_t r, f;                                                     \
        __asm__ volatile("vmsr fpscr, %[fi]\n\t"                           \
                         "vmov s0, %[a]\n\t"                               \
                         "vmov s1, %[b]\n\t"                               \
                         "vmov s2, %[d]\n\t" insn "\n\t"                   \
                         "vmov %[r], s2\n\t"                               \
                         "vmrs %[f], fpscr"                                \
                         : [r] "=r"(r), [f] "=r"(f)                        \
                         : [fi] "r"(fpscr), [a] "r"(a), [b] "r"(b),        \
                           [d] "r"(d)                                      \
                         : "s0", "s1", "s2", "memory");                    \
        *out = f;                                                          \
        return r;                                                          \
    }

/* The same on doubles given as bit patterns: d2 = insn(d0, d1). */
#define DOP(name, insn)                                                    \
    static uint64_t name(uint32_t fpscr, uint64_t a, uint64_t b,          \
                         uint64_t d, uint32_t *out)                       \
    {                                                                      \
        uint32_t lo, hi, f;                                                \
        __asm__ volatile("vmsr fpscr, %[fi]\n\t"                           \
                         "vmov d0, %Q[a], %R[a]\n\t"                       \
                         "vmov d1, %Q[b], %R[b]\n\t"                       \
                         "vmov d2, %Q[d], %R[d]\n\t" insn "\n\t"           \
                         "vmov %[lo], %[hi], d2\n\t"                       \
                         "vmrs %[f], fpscr"                                \
                         : [lo] "=r"(lo), [hi] "=r"(hi), [f] "=r"(f)       \
                         : [fi] "r"(fpscr), [a] "r"(a), [b] "r"(b),        \
                           [d] "r"(d)                                      \
                         : "d0", "d1", "d2", "memory");                    \
        *out = f;                                                          \
        return (uint64_t)hi << 32 | lo;                                    \
    }

static char what[200];

/* The result, and the flags FPSCR holds after it (got_f, masked). */
static void check_op(const char *name, uint32_t fpscr, uint32_t got,
                     uint32_t want, uint32_t got_f, uint32_t want_f)
{
    snprintf(what, sizeof what, "%s fpscr=%08x result", name, (unsigned)fpscr);
    check(what, got, want);
    snprintf(what, sizeof what, "%s fpscr=%08x flags", name, (unsigned)fpscr);
    check(what, got_f & FLAGS, want_f);
}

static void check_op64(const char *name, uint32_t fpscr, uint64_t got,
                       uint64_t want, uint32_t got_f, uint32_t want_f)
{
    snprintf(what, sizeof what, "%s fpscr=%08x result hi", name, (unsigned)fpscr);
    check(what, (uint32_t)(got >> 32), (uint32_t)(want >> 32));
    snprintf(what, sizeof what, "%s fpscr=%08x result lo", name, (unsigned)fpscr);
    check(what, (uint32_t)got, (uint32_t)want);
    snprintf(what, sizeof what, "%s fpscr=%08x flags", name, (unsigned)fpscr);
    check(what, got_f & FLAGS, want_f);
}

#endif
