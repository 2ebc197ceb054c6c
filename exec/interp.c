/*
 * --interp: the same micro-op stream run by a direct-threaded interpreter
 * instead of copied code (docs/interp.md).  Per TB this file writes a
 * thread (include/interp-thread.h) into the code buffer where the copied
 * code would go; everything around it -- lookup, chaining, invalidation,
 * flushing, precise faults -- is the engine's, unchanged, with the thread's
 * addresses in place of host code addresses.
 *
 * The handlers are op/<guest>/ and exec/op-exec.c compiled with
 * -DOP_INTERP (op/op-x86_64.h); dyngen lists them in op_interp_handler[]
 * (build/gen/<guest>/op-interp.c).  The Makefile moves their code into the
 * section stitch_interp, so the fault handler can tell a handler's PC.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <inttypes.h>

#include "error.h"
#include "host-signal.h"
#include "interp.h"
#include "interp-thread.h"
#include "log.h"
#include "op-gen.h"
#include "stats.h"

int exec_interp;

/* The thread position of the op that is calling a helper, recorded by its
 * stub (INTERP_CALL_STUB, exec/emit-<host>.h). */
__thread uint32_t interp_call_ip;

extern const char __start_stitch_interp[], __stop_stitch_interp[];

uint32_t interp_op_size(unsigned opc)
{
    return opc < NB_PSEUDO_OPS ? 0 : (uint32_t)sizeof(InterpEntry);
}

static uint32_t addr32(const void *p)
{
    assert((uintptr_t)p <= UINT32_MAX); /* include/interp-thread.h */
    return (uint32_t)(uintptr_t)p;
}

/*
 * An exit's slot is the param[0] of its entry.  TranslationBlock's
 * jmp_offset[n] is 16 bits, too small for the byte offset in a long thread,
 * so it holds the entry's index here.
 */
static uint32_t *exit_slot(const TranslationBlock *tb, int n)
{
    return &((InterpEntry *)tb->tc_ptr)[tb->jmp_offset[n]].param[0];
}

void interp_set_jmp_target(TranslationBlock *tb, int n, const uint8_t *target)
{
    __atomic_store_n((uint32_t *)code_rw(exit_slot(tb, n)), addr32(target),
                     __ATOMIC_RELAXED);
}

const uint8_t *interp_jmp_fallthrough(const TranslationBlock *tb, int n)
{
    return (const uint8_t *)&((InterpEntry *)tb->tc_ptr)[tb->jmp_offset[n] + 1];
}

/* Labels are entry addresses, known once the whole thread is written. */
typedef struct LabelRef {
    uint32_t *where;
    uint32_t label;
} LabelRef;

/* `at` is the entry's address in the executable view (tb.h, code_rw), the
 * one threads hold; it is written through the read-write view. */
static void fill_entry(InterpEntry *at, uint16_t opc, const uint32_t *param,
                       LabelRef *refs, int *nrefs)
{
    const OpInfo *info = &op_info[opc];
    InterpEntry *e = code_rw(at);

    e->handler = addr32(op_interp_handler[opc]);
    for (int i = 0; i < 3; i++)
        e->param[i] = i < info->nparams ? param[i] : 0;
    for (int i = 0; i < info->nparams; i++)
        if (info->label_params & (1u << i)) {
            assert(*nrefs < INTERP_MAX_LABEL_REFS && param[i] < INTERP_MAX_LABELS);
            refs[*nrefs].where = &e->param[i];
            refs[(*nrefs)++].label = param[i];
        }
    if (info->chain_exit >= 0)
        e->param[0] = addr32(at + 1); /* falls through until chained */
}

/* Every handler must be in stitch_interp, or a fault in it would not be
 * recognised as the guest's (a stale object the Makefile did not rename). */
static void check_handlers(void)
{
    for (int opc = NB_PSEUDO_OPS; opc < NB_OPS; opc++) {
        uintptr_t h = (uintptr_t)op_interp_handler[opc];
        if (!op_info[opc].calls && !interp_in_handlers(h))
            fatal(EXIT_USAGE, NULL, "--interp: handler op_%s is outside section "
                  "stitch_interp (rebuild)", op_info[opc].name);
    }
}

uint8_t *interp_emit(TranslationBlock *tb, const uint8_t *buffer_end)
{
    static int checked;
    if (!checked) {
        check_handlers();
        checked = 1;
    }
    static InterpEntry *label_pos[INTERP_MAX_LABELS];
    static LabelRef refs[INTERP_MAX_LABEL_REFS];
    int nrefs = 0;
    const uint32_t *param = gen_opparam_buf;
    InterpEntry *e = (InterpEntry *)tb->tc_ptr;

    for (const uint16_t *opc = gen_opc_buf; *opc != INDEX_op_end; opc++) {
        const OpInfo *info = &op_info[*opc];
        if (*opc == INDEX_op_set_label) {
            assert(param[0] < INTERP_MAX_LABELS);
            label_pos[param[0]] = e;
        } else if (*opc >= NB_PSEUDO_OPS) {
            if ((const uint8_t *)(e + 1) > buffer_end)
                return NULL; /* the caller flushes and retries */
            fill_entry(e, *opc, param, refs, &nrefs);
            if (info->chain_exit >= 0)
                tb->jmp_offset[info->chain_exit] =
                    (uint16_t)(e - (InterpEntry *)tb->tc_ptr);
            e++;
            STAT_INC(ops_emitted);
        }
        param += info->nparams;
    }
    for (int i = 0; i < nrefs; i++)
        *refs[i].where = addr32(label_pos[refs[i].label]);
    return (uint8_t *)e;
}

/* -d out_asm: the thread, one line per entry, named after its op. */
void interp_log_thread(const TranslationBlock *tb)
{
    const InterpEntry *end = (const InterpEntry *)(tb->tc_ptr + tb->tc_size);

    log_printf("OUT: [thread, %" PRIu32 " entries, size=%" PRIu32 "]\n",
               tb->tc_size / (uint32_t)sizeof(InterpEntry), tb->tc_size);
    const uint16_t *opc = gen_opc_buf;
    for (const InterpEntry *e = (const InterpEntry *)tb->tc_ptr; e < end; e++) {
        while (*opc < NB_PSEUDO_OPS)
            opc++;
        const OpInfo *info = &op_info[*opc++];
        log_printf("0x%012" PRIxPTR ":  0x%08" PRIx32 " op_%s", (uintptr_t)e,
                   e->handler, info->name);
        int n = info->chain_exit >= 0 ? 1 : info->nparams;
        for (int i = 0; i < n; i++)
            log_printf("%s0x%" PRIx32, i ? "," : " ", e->param[i]);
        log_printf("\n");
    }
    log_printf("\n");
}

int interp_in_handlers(uintptr_t pc)
{
    return pc >= (uintptr_t)__start_stitch_interp &&
           pc < (uintptr_t)__stop_stitch_interp;
}

/* The running op's entry when a handler faulted: IP, which a handler moves
 * only after its memory accesses (op/op-x86_64.h). */
uintptr_t interp_fault_entry(const void *uc, int in_call)
{
    return in_call ? interp_call_ip : host_signal_interp_ip(uc);
}
