/*
 * REP MOVS and REP STOS with 32-bit addresses (SDM REP/MOVS/STOS): the
 * whole repetition in one helper call instead of one TB pass per element
 * (translate/i386/translate.c, gen_rep_fast).
 *
 * The work goes a page at a time (at most one page of each operand per
 * chunk), and ESI, EDI and ECX are written back to env after each chunk.
 * A guest fault can only happen on the first access to a page, so when
 * one happens the registers already say how far the instruction got,
 * exactly as the processor reports it: the fault is taken at the first
 * element of the page, and restarting the instruction finishes the job.
 * A pending exit request (a host signal for the guest) stops it between
 * chunks in the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "guest-window.h"
#include "helper.h"
#include "tsan.h"

/* How many elements from `a` on, in direction df, stay on a's page (at
 * least 1: an element that straddles two pages is a chunk of its own). */
static uint32_t elems_on_page(uint32_t a, int32_t df, uint32_t size)
{
    uint32_t in_page = a & (GUEST_PAGE_SIZE - 1);
    uint32_t n;

    if (GUEST_PAGE_SIZE - in_page < size)
        return 1;
    n = df > 0 ? (GUEST_PAGE_SIZE - in_page) / size : in_page / size + 1;
    return n;
}

static uint32_t min3(uint32_t a, uint32_t b, uint32_t c)
{
    uint32_t m = a < b ? a : b;

    return m < c ? m : c;
}

/* Element-wise, as the processor defines it (an overlapping forward copy
 * replicates the pattern; backwards goes from high to low). */
static void move_elems(uint32_t dst, uint32_t src, uint32_t n, uint32_t size,
                       int32_t df)
{
    uint32_t step = (uint32_t)df * size;

    for (; n; n--, dst += step, src += step)
        memmove(g2h(dst), g2h(src), size);
}

/* The first element goes alone: a fault on the page must report its
 * address, whatever order memmove touches the bytes in. */
static void move_chunk(uint32_t dst, uint32_t src, uint32_t n, uint32_t size,
                       int32_t df)
{
    uint32_t step = (uint32_t)df * size;

    move_elems(dst, src, 1, size, df);
    dst += step;
    src += step;
    n--;
    if (df > 0 && (dst - src >= n * size || dst == src))
        memmove(g2h(dst), g2h(src), n * size); /* no forward overlap */
    else
        move_elems(dst, src, n, size, df);
}

void helper_rep_movs(CPUState *env, uint32_t size)
{
    uint32_t *regs = env->regs;
    int32_t df = env->df;

    while (regs[R_ECX] && !__atomic_load_n(&env->exit_request, __ATOMIC_RELAXED)) {
        uint32_t n = min3(regs[R_ECX], elems_on_page(regs[R_ESI], df, size),
                          elems_on_page(regs[R_EDI], df, size));
        guest_access_begin(); /* the guest's copy, not stitch's data (tsan.h) */
        move_chunk(regs[R_EDI], regs[R_ESI], n, size, df);
        guest_access_end();
        regs[R_ESI] += (uint32_t)df * size * n;
        regs[R_EDI] += (uint32_t)df * size * n;
        regs[R_ECX] -= n;
    }
}

/* The first element first, for the fault address (see move_chunk). */
static void store_chunk(uint32_t dst, uint32_t n, uint32_t size, int32_t df,
                        uint32_t value)
{
    memcpy(g2h(dst), &value, size);
    if (--n == 0)
        return;
    dst = df > 0 ? dst + size : dst - n * size; /* the rest, upwards */
    if (size == 1) {
        memset(g2h(dst), (int)(value & 0xff), n);
    } else {
        uint8_t *p = g2h(dst);
        for (uint32_t i = 0; i < n; i++, p += size)
            memcpy(p, &value, size);
    }
}

void helper_rep_stos(CPUState *env, uint32_t size)
{
    uint32_t *regs = env->regs;
    int32_t df = env->df;

    while (regs[R_ECX] && !__atomic_load_n(&env->exit_request, __ATOMIC_RELAXED)) {
        uint32_t n = regs[R_ECX] < elems_on_page(regs[R_EDI], df, size)
                         ? regs[R_ECX]
                         : elems_on_page(regs[R_EDI], df, size);
        guest_access_begin();
        store_chunk(regs[R_EDI], n, size, df, regs[R_EAX]);
        guest_access_end();
        regs[R_EDI] += (uint32_t)df * size * n;
        regs[R_ECX] -= n;
    }
}
