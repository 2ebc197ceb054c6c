/*
 * The guest's FIP and FOP (SDM vol. 1, 8.1.8) from the host's, until the
 * guest may read them.
 *
 * Generated code runs each guest x87 instruction as that very instruction
 * on the host's x87 (op/i386/x87-ops.h), which records its address as the
 * host's FIP, as it records its memory operand as FDP.  So nothing needs
 * storing while the guest's x87 state is live: when the state goes back
 * to CPUState (op/i386/helper-fpstate.c), the host's FIP, if it lies in
 * generated code, names the guest instruction that ran last, and this map
 * gives its address and opcode.  The translator records, as each TB is
 * copied, the host range of every x87 instruction it kept an x87_ip_host
 * op for (translate/i386/fpu.c); a host FIP outside them (0 after the
 * state was loaded, FNINIT, or a helper's code) leaves CPUState's values,
 * which are then the right ones.
 *
 * The host kernel does not keep the host's pointers, though: on this AMD
 * host its XSAVES at a context switch, and its XSAVE of a signal frame,
 * write them as 0 unless an exception is pending, and the XRSTOR after
 * loads those 0s.  A context switch clears them natively too, but stitch
 * takes signals of its own (a store into code that has run, a fault it
 * handles).  So the first time the guest may read them (x87_ptrs_switch:
 * the translation of FNSTENV or FNSAVE, an FXSAVE with an exception
 * pending), the process switches for good to ops that store them into
 * CPUState after each instruction, exact but not free (spectral-x87 runs
 * 1.3x longer with them): TBs get HF_X87_STORED in their flags, and the
 * next translation drops the TBs this map has x87 code of
 * (x87_tb_stale, translate/i386/fpu.c), so that no x87 instruction
 * without the stores runs after.  TBs without x87 code stay: the flag
 * bit is left out of the TB key (GUEST_TB_FLAGS_UNKEYED, op/i386/cpu.h).
 * Until the drop the map is still consulted.
 *
 * Entries are kept in host address order: TBs are copied in code-buffer
 * order, and a TB copied where older code was (after a flush, or over a
 * TB dropped before it ran) first drops the entries at and above it.  Old
 * entries below it, inside TBs without x87 instructions, are never looked
 * up: the host's FIP never points into code without x87 instructions.
 * The map's own lock, not the translation lock (exec/), which is a stage
 * above: lookups come from helpers and from leaving generated code, in
 * any thread, never from a signal handler.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <pthread.h>
#include <stdlib.h>

#include "error.h"
#include "x87-fip.h"

typedef struct FipEntry {
    uintptr_t lo, hi;
    uint32_t ip, op;
} FipEntry;

int x87_ptrs_state = X87_PTRS_HOST;

void x87_ptrs_switch(void)
{
    int from = X87_PTRS_HOST;

    __atomic_compare_exchange_n(&x87_ptrs_state, &from, X87_PTRS_SWITCHING, 0,
                                __ATOMIC_RELAXED, __ATOMIC_RELAXED);
}

int x87_ptrs_flush_wanted(void)
{
    return x87_ptrs() == X87_PTRS_SWITCHING;
}

static pthread_mutex_t map_lock = PTHREAD_MUTEX_INITIALIZER;
static FipEntry *map;
static size_t map_len, map_cap;

void x87_fip_map_begin(uintptr_t start)
{
    pthread_mutex_lock(&map_lock);
    while (map_len && map[map_len - 1].hi > start)
        map_len--;
    pthread_mutex_unlock(&map_lock);
}

void x87_fip_map_add(uintptr_t lo, uintptr_t hi, uint32_t ip, uint32_t op)
{
    pthread_mutex_lock(&map_lock);
    if (map_len == map_cap) {
        size_t cap = map_cap ? 2 * map_cap : 1024;
        FipEntry *m = realloc(map, cap * sizeof(*m));
        if (!m)
            fatal(EXIT_USAGE, NULL, "out of memory for the x87 FIP map");
        map = m;
        map_cap = cap;
    }
    map[map_len++] = (FipEntry){lo, hi, ip, op};
    pthread_mutex_unlock(&map_lock);
}

/* No TB records into the map any more, and the code it describes is
 * gone or unreachable. */
void x87_ptrs_flushed(void)
{
    int from = X87_PTRS_SWITCHING;

    if (!__atomic_compare_exchange_n(&x87_ptrs_state, &from, X87_PTRS_STORED, 0,
                                     __ATOMIC_RELAXED, __ATOMIC_RELAXED))
        return;
    pthread_mutex_lock(&map_lock);
    map_len = 0;
    pthread_mutex_unlock(&map_lock);
}

int x87_fip_map_covers(uintptr_t lo, uintptr_t hi)
{
    size_t a = 0, b;
    int any;

    pthread_mutex_lock(&map_lock);
    b = map_len;
    while (a < b) { /* the first entry that starts at or above lo */
        size_t mid = a + (b - a) / 2;
        if (map[mid].lo < lo)
            a = mid + 1;
        else
            b = mid;
    }
    any = a < map_len && map[a].lo < hi;
    pthread_mutex_unlock(&map_lock);
    return any;
}

int x87_fip_map_find(uintptr_t host, uint32_t *ip, uint32_t *op)
{
    size_t lo = 0, hi;
    int found = 0;

    pthread_mutex_lock(&map_lock);
    hi = map_len;
    while (lo < hi) { /* the first entry that ends above host */
        size_t mid = lo + (hi - lo) / 2;
        if (map[mid].hi <= host)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < map_len && map[lo].lo <= host) {
        *ip = map[lo].ip;
        *op = map[lo].op;
        found = 1;
    }
    pthread_mutex_unlock(&map_lock);
    return found;
}
