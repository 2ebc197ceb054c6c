/*
 * Where time goes, counted in generated code (--stats' hottest blocks,
 * -d op_count's micro-op histogram), at no cost unless asked for.
 *
 * When enabled, each TB is cut into regions, straight runs of ops that
 * are executed all or not at all: a region starts at the TB's entry, at
 * each label, and after each op that may leave it (a jump to a label, a
 * TB exit jump that chaining may patch).  One op_profile_count at the
 * start of each region counts the passes (exec/op-profile.c); the ops a
 * region holds are recorded when it is translated.  The TB's executions
 * are its first region's count; each op's executions, the sum of its
 * regions' counts.  (An op after a guest fault inside its region is
 * counted although it did not run.)
 *
 * Counters live while their TB does; a flush, or the TB's invalidation,
 * folds them into totals per guest PC and per op first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "op-gen.h"
#include "profile.h"
#include "tb.h"

int exec_profile;

/* Slot 0 is where regions go when the slots run out (not attributed).
 * Static (exec/op-profile.c says why): 16 MiB of address space, touched
 * only as far as regions are counted. */
#define PROFILE_SLOTS (1u << 21)
uint64_t profile_counters[PROFILE_SLOTS];
static size_t nslots = 1, max_slots = PROFILE_SLOTS;
/* The ops of each region, back to back: region r's are
 * region_ops[region_start[r] .. region_start[r + 1]). */
static uint32_t *region_start;
static uint16_t *region_ops;
static size_t nops, max_ops;

static uint64_t op_total[NB_OPS];

/* Executions per guest PC, folded from TBs that went away. */
typedef struct Block {
    uint32_t pc, icount;
    uint64_t count;
} Block;
static Block *blocks;
static size_t nblocks, blocks_cap; /* open addressing, power of 2 */

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n, size);

    if (!p)
        fatal(EXIT_USAGE, NULL, "out of memory for --stats profiling");
    return p;
}

void profile_init(int level, size_t max_tbs)
{
    exec_profile = level;
    if (!level)
        return;
    max_ops = max_tbs * 64;
    region_start = xcalloc(max_slots + 1, sizeof(uint32_t));
    region_ops = xcalloc(max_ops, sizeof(uint16_t));
    blocks_cap = 1u << 12;
    blocks = xcalloc(blocks_cap, sizeof(Block));
}

static Block *block_slot(Block *tab, size_t cap, uint32_t pc)
{
    size_t i = (pc * 2654435761u) & (cap - 1);

    while (tab[i].count && tab[i].pc != pc)
        i = (i + 1) & (cap - 1);
    return &tab[i];
}

static void block_add(uint32_t pc, uint32_t icount, uint64_t count)
{
    if (!count)
        return;
    if (2 * (nblocks + 1) > blocks_cap) {
        Block *old = blocks;
        size_t old_cap = blocks_cap;
        blocks_cap *= 2;
        blocks = xcalloc(blocks_cap, sizeof(Block));
        for (size_t i = 0; i < old_cap; i++)
            if (old[i].count)
                *block_slot(blocks, blocks_cap, old[i].pc) = old[i];
        free(old);
    }
    Block *b = block_slot(blocks, blocks_cap, pc);
    if (!b->count)
        nblocks++;
    b->pc = pc;
    b->icount = icount;
    b->count += count;
}

void profile_fold(TranslationBlock *tb)
{
    if (!exec_profile || !tb->prof_nslots)
        return;
    block_add(tb->pc, tb->icount, profile_counters[tb->prof_slot]);
    for (uint32_t r = tb->prof_slot; r < tb->prof_slot + tb->prof_nslots; r++) {
        uint64_t c = profile_counters[r];
        for (uint32_t i = region_start[r]; c && i < region_start[r + 1]; i++)
            op_total[region_ops[i]] += c;
        profile_counters[r] = 0;
    }
    tb->prof_nslots = 0;
}

void profile_flushed(void)
{
    nslots = 1;
    nops = 0;
}

/* Does the op end a region: control may leave the TB or jump inside it? */
static int leaves_region(uint16_t opc)
{
    const char *name = op_info[opc].name;
    size_t len = strlen(name);

    return op_info[opc].chain_exit >= 0 ||
           (len >= 5 && !strcmp(name + len - 5, "label"));
}

static uint32_t new_region(int record)
{
    if (!record)
        return 0;
    if (nslots == max_slots)
        return 0;
    region_start[nslots] = (uint32_t)nops;
    region_start[nslots + 1] = (uint32_t)nops;
    return (uint32_t)nslots++;
}

static void record_op(uint32_t region, uint16_t opc)
{
    if (!region || nops == max_ops)
        return;
    region_ops[nops++] = opc;
    region_start[region + 1] = (uint32_t)nops;
}

/*
 * Rewrite the op buffer with a count op at the start of each region
 * (only at the TB's entry when only blocks are counted).  With record 0
 * (the retranslation of cpu_restore_state) the same ops are inserted, so
 * sizes match, but nothing is allocated.
 */
void profile_instrument(TranslationBlock *tb, int record)
{
    static uint16_t opc[OPC_MAX];
    static uint32_t param[OPPARAM_MAX];
    size_t n = (size_t)(gen_opc_ptr - gen_opc_buf), np = (size_t)(gen_opparam_ptr - gen_opparam_buf);
    const uint32_t *p = param;
    int start = 1;
    uint32_t region = 0, first = record ? (uint32_t)nslots : 0, count = 0;

    memcpy(opc, gen_opc_buf, n * sizeof(*opc));
    memcpy(param, gen_opparam_buf, np * sizeof(*param));
    gen_opc_ptr = gen_opc_buf;
    gen_opparam_ptr = gen_opparam_buf;
    for (size_t i = 0; i < n && opc[i] != INDEX_op_end; i++) {
        int is_label = opc[i] == INDEX_op_set_label;
        if (is_label && exec_profile > 1)
            start = 1; /* the label first, then its counter */
        if (start && !is_label && gen_opc_ptr - gen_opc_buf < OPC_MAX - 2) {
            region = new_region(record);
            count += region != 0;
            *gen_opc_ptr++ = INDEX_op_profile_count;
            *gen_opparam_ptr++ = region;
            start = 0;
        }
        *gen_opc_ptr++ = opc[i];
        for (int k = 0; k < op_info[opc[i]].nparams; k++)
            *gen_opparam_ptr++ = *p++;
        if (!is_label && opc[i] >= NB_PSEUDO_OPS)
            record_op(region, opc[i]);
        if (exec_profile > 1 && leaves_region(opc[i]))
            start = 1;
    }
    *gen_opc_ptr++ = INDEX_op_end;
    if (record) {
        tb->prof_slot = first;
        tb->prof_nslots = count;
    }
}

static int by_weight(const void *a, const void *b)
{
    const Block *x = a, *y = b;
    uint64_t wx = x->count * x->icount, wy = y->count * y->icount;

    return wx < wy ? 1 : wx > wy ? -1 : (x->pc > y->pc) - (x->pc < y->pc);
}

/* Under the translation lock: other threads may still be translating
 * (an exit_group prints while they run), which adds TBs and blocks. */
size_t profile_hot_blocks(ProfileBlock *out, size_t max)
{
    tb_lock();
    tb_profile_fold_all(); /* first: it adds blocks */
    Block *all = xcalloc(nblocks ? nblocks : 1, sizeof(Block));
    size_t n = 0;

    for (size_t i = 0; i < blocks_cap; i++)
        if (blocks[i].count)
            all[n++] = blocks[i];
    tb_unlock();
    qsort(all, n, sizeof(Block), by_weight);
    if (n > max)
        n = max;
    for (size_t i = 0; i < n; i++)
        out[i] = (ProfileBlock){all[i].pc, all[i].icount, all[i].count};
    free(all);
    return n;
}

void profile_op_histogram(void (*print)(const char *name, uint64_t count, void *arg),
                          void *arg)
{
    static uint16_t order[NB_OPS];
    size_t n = 0;

    tb_lock(); /* as profile_hot_blocks() */
    tb_profile_fold_all();
    for (int i = NB_PSEUDO_OPS; i < NB_OPS; i++)
        if (op_total[i] && i != INDEX_op_profile_count)
            order[n++] = (uint16_t)i;
    /* insertion sort, largest first: a few hundred ops */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && op_total[order[j]] > op_total[order[j - 1]]; j--) {
            uint16_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    for (size_t i = 0; i < n; i++)
        print(op_info[order[i]].name, op_total[order[i]], arg);
    tb_unlock();
}
