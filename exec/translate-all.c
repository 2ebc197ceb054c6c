/*
 * From guest code to host code for one TB: the translator fills the op
 * buffer, then the dyngen-generated emitters copy each op's code and patch
 * its holes (paper, sections 3.2-3.3).  With -d in_asm,op,out_asm the TB is
 * shown three ways; out_asm labels each copied chunk with its op.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "breakpoint.h"
#include "disas.h"
#include "error.h"
#include "emit-host.h"
#include "exec-only.h"
#include "guest.h"
#include "interp.h"
#include "log.h"
#include "op-gen.h"
#include "profile.h"
#include "stats.h"
#include "tb.h"
#include "tcache.h"

int exec_one_insn_per_tb;
void (*exec_tb_hook)(const TranslationBlock *tb);

/* Host offset of each op, for the out_asm view. */
static uint32_t op_host_offset[OPC_MAX];

static const char *const log_rule =
    "----------------\n";

static void log_in_asm(const TranslationBlock *tb)
{
    char text[256];
    uint32_t pkru = exec_only_open();

    log_printf("%sIN:\n", log_rule);
    for (uint32_t pc = tb->pc; pc < tb->pc + tb->size;) {
        int len = disas_one(GUEST_DISAS_TB(tb->flags), g2h(pc), tb->pc + tb->size - pc, pc,
                            text, sizeof(text));
        log_printf("0x%08" PRIx32 ":  %s\n", pc, text);
        if (len <= 0)
            break;
        pc += len;
    }
    exec_only_close(pkru);
    log_printf("\n");
}

static void log_ops(const char *title, const uint16_t *opc_buf,
                    const uint32_t *param)
{
    log_printf("%s:\n", title);
    for (const uint16_t *opc = opc_buf; *opc != INDEX_op_end; opc++) {
        const OpInfo *info = &op_info[*opc];
        if (*opc == INDEX_op_insn_start)
            log_printf(" ---- 0x%08" PRIx32 "\n", param[0]);
        else {
            log_printf(" %s", info->name);
            for (int i = 0; i < info->nparams; i++)
                log_printf("%s0x%" PRIx32, i ? "," : " ", param[i]);
            log_printf("\n");
        }
        param += info->nparams;
    }
    log_printf("\n");
}

static void log_host_range(const uint8_t *start, const uint8_t *end)
{
    char text[256];

    for (const uint8_t *p = start; p < end;) {
        int len = disas_one(DISAS_X86_64, p, end - p, (uintptr_t)p, text,
                            sizeof(text));
        log_printf("0x%012" PRIxPTR ":  %s\n", (uintptr_t)p, text);
        if (len <= 0)
            break;
        p += len;
    }
}

static void log_out_asm(const TranslationBlock *tb)
{
    log_printf("OUT: [size=%" PRIu32 "]\n", tb->tc_size);
    for (const uint16_t *opc = gen_opc_buf; *opc != INDEX_op_end; opc++) {
        size_t i = opc - gen_opc_buf;
        if (*opc < NB_PSEUDO_OPS || op_info[*opc].size == 0)
            continue;
        const uint8_t *start = tb->tc_ptr + op_host_offset[i];
        log_printf("  -- op_%s\n", op_info[*opc].name);
        log_host_range(start, start + op_info[*opc].size);
    }
    log_printf("\n");
}

/* Copy and patch every op of the buffer through the read-write view;
 * returns the end of the code in the executable one, or NULL when the code
 * buffer is too full to hold it. */
static uint8_t *emit_ops(TranslationBlock *tb)
{
    static EmitCtx ctx;
    const uint32_t *param = gen_opparam_buf;
    uint8_t *p = code_rw(tb->tc_ptr);

    ctx.tb = tb;
    ctx.code_start = p;
    ctx.nrefs = 0;
    for (const uint16_t *opc = gen_opc_buf; *opc != INDEX_op_end; opc++) {
        op_host_offset[opc - gen_opc_buf] = (uint32_t)(p - ctx.code_start);
        if (code_rx(p) + op_info[*opc].size + EXIT_JUMP_MAX_PAD >
            code_buffer + code_buffer_size)
            return NULL; /* does not fit: the caller flushes and retries */
        if (*opc == INDEX_op_set_label) {
            assert(param[0] < MAX_LABELS);
            ctx.label_pos[param[0]] = p;
        } else if (*opc >= NB_PSEUDO_OPS) {
            uint8_t *start = p;
            p = op_emit[*opc](p, param, &ctx);
            if (op_info[*opc].chain_exit >= 0) {
                p = align_exit_jump(tb, op_info[*opc].chain_exit, start, p);
                op_host_offset[opc - gen_opc_buf] = (uint32_t)(p - ctx.code_start) -
                                                    op_info[*opc].size;
            }
            STAT_INC(ops_emitted);
        }
        param += op_info[*opc].nparams;
    }
    for (int i = 0; i < ctx.nrefs; i++)
        patch_rel32(ctx.refs[i].where,
                    (uintptr_t)code_rx(ctx.label_pos[ctx.refs[i].label]) +
                        ctx.refs[i].addend);
    return code_rx(p);
}

/* The op stream before the flag-liveness pass, kept for -d op. */
static uint16_t pre_opc_buf[OPC_MAX];
static uint32_t pre_opparam_buf[OPPARAM_MAX];
static int flag_ops_removed;

static uint64_t now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + ts.tv_nsec;
}

__thread volatile int tb_decoding;

/*
 * A fetch from a page without PROT_EXEC (SDM vol. 3, 4.6, the XD bit; ARM
 * ARM B3.7.2, XN) is checked here, once per translation, and never while
 * TBs run: mprotect, munmap and mmap drop the TBs of every page they
 * change (linux-user/mmap.c), so a TB that exists covers pages that are
 * still executable.  P is set unless the page cannot be read: Linux makes
 * a readable page present before the fetch is retried (access_error() in
 * arch/x86/mm/fault.c), so only PROT_NONE and unmapped pages report P = 0.
 * The guest state is the one at the TB's start, in env.
 */
#ifndef GUEST_TB_COPIED
#define GUEST_TB_COPIED(tb, host_offset) ((void)0)
#endif

#ifndef GUEST_LOOP_EXIT
#define GUEST_LOOP_EXIT() 0
#endif
#ifndef GUEST_LAZY_EXITS
#define GUEST_LAZY_EXITS() 0
#define GUEST_FLAGS_DEAD_IN() 0
#endif

#ifndef GUEST_FETCH_FAULTS_FIRST
#define GUEST_FETCH_FAULTS_FIRST(env, pc) 0
#endif

/* The translator reads the guest's code, also on an execute-only page
 * (include/exec-only.h).  A fault while it reads leaves through the
 * engine's loop, which denies the key again. */
static void decode(CPUState *env, TranslationBlock *tb)
{
    uint32_t pkru = exec_only_open();

    gen_intermediate_code(env, tb);
    exec_only_close(pkru);
}

static _Noreturn void fetch_fault(CPUState *env, uint32_t addr)
{
    env->exception_index = EXCP_PAGE;
    env->fault_addr = addr;
    env->error_code = PF_ERR_FETCH | (page_get_flags(addr) & PAGE_READ ? 1 : 0);
    cpu_loop_exit(env);
}

/* The first byte of the TB's code on a page that is not executable, or
 * 0 (no TB ends at address 0).  Only the first and the last page can
 * differ: a TB stops before an instruction that may cross a page (i386)
 * or at the end of its page (ARM), so a TB reaching into a second page
 * is that one straddling instruction (translate/<guest>/translate.c). */
static uint32_t tb_fetch_denied(const TranslationBlock *tb)
{
    uint32_t last = tb->pc + tb->size - 1;

    if (tb->size == 0 || ((last ^ tb->pc) & ~(GUEST_PAGE_SIZE - 1)) == 0)
        return 0;
    last &= ~(GUEST_PAGE_SIZE - 1);
    return page_get_flags(last) & PAGE_EXEC ? 0 : last;
}

/* The passes after the translator, the same on every translation of the
 * TB (the one emitted and the one redone after a fault): all of them at
 * tier 1; at tier 0 the run count and only what correctness needs
 * (exec/tier.c).  How many flag ops were removed (--stats). */
static int finish_ops(const TranslationBlock *tb)
{
    if (!(tb->cflags & CF_TIER0))
        return gen_optimize(1);
    tier0_count_runs(tb);
    gen_optimize(0);
    return 0;
}

/* Translate the TB at pc and copy its code into the buffer: NULL if the
 * buffer cannot hold it. */
static TranslationBlock *translate_and_emit(CPUState *env, uint32_t pc,
                                            uint32_t flags, uint32_t cflags,
                                            uint8_t **end)
{
    TranslationBlock *tb = tb_alloc(pc, flags);
    int protect = !(cflags & CF_SINGLE_INSN);

    /* A TB for the hash table has its page write-protected before its code is read, as
     * QEMU's translator does in user mode: another thread's store between
     * the read and the protection would not fault, and would leave a
     * stale TB that nothing drops (tests/guest/86-threads-smc). */
    if (protect)
        tb_protect_code(tb);
    /* -one-insn-per-tb shortens every TB; caching is decided by the
     * caller's cflags alone (tb_gen_code), so these TBs are cached. */
    tb->cflags = cflags | (exec_no_chain ? CF_NO_CHAIN : 0) |
                 (exec_one_insn_per_tb ? CF_SINGLE_INSN : 0) |
                 (stats_enabled ? CF_COUNT_INDIRECT : 0);
    if (!(cflags & CF_HOT) && tier0_wanted(tb, tb->cflags))
        tb->cflags |= CF_TIER0;
    gen_op_buf_reset();
    /* The cache holds the stream after the passes: not for -d op, which
     * shows the one before, nor while gdb's breakpoints shape TBs. */
    int cached = tcache_enabled && !(cflags & CF_SINGLE_INSN) &&
                 !log_enabled(op) && !cpu_breakpoint_count;
    size_t mark = SIZE_MAX;
    flag_ops_removed = 0;
    if (!cached || !tcache_lookup(tb)) {
        tb_decoding = 1;
        decode(env, tb);
        tb_decoding = 0;
        if (log_enabled(op)) { /* -d op shows the stream before the flag pass */
            memcpy(pre_opc_buf, gen_opc_buf,
                   (gen_opc_ptr - gen_opc_buf) * sizeof(*gen_opc_buf));
            memcpy(pre_opparam_buf, gen_opparam_buf,
                   (gen_opparam_ptr - gen_opparam_buf) * sizeof(*gen_opparam_buf));
        }
        flag_ops_removed = finish_ops(tb);
        if (cached)
            mark = tcache_save(tb);
    }
    tb->loop_exit = (uint8_t)GUEST_LOOP_EXIT();
    tb->lazy_exits = (uint8_t)GUEST_LAZY_EXITS();
    tb->flags_dead_in = (uint8_t)GUEST_FLAGS_DEAD_IN();
    uint32_t denied = tb_fetch_denied(tb);
    if (denied) {
        tcache_unsave(tb, mark);
        tb_discard_last();
        fetch_fault(env, denied);
    }
    if (protect && tb_protect_code(tb)) {
        /* it ran onto a page that was writable while read: read again */
        tcache_unsave(tb, mark);
        tb_discard_last();
        return translate_and_emit(env, pc, flags, cflags, end);
    }
    if (exec_profile)
        profile_instrument(tb, 1);
    *end = exec_interp ? interp_emit(tb, code_buffer + code_buffer_size)
                       : emit_ops(tb);
    if (!*end) {
        tcache_unsave(tb, mark);
        tb_discard_last();
        return NULL;
    }
    if (!exec_interp)
        GUEST_TB_COPIED(tb, op_host_offset);
    return tb;
}

TranslationBlock *tb_gen_code(CPUState *env, uint32_t pc, uint32_t flags,
                              uint32_t cflags)
{
    uint64_t t0 = stats_enabled ? now_ns() : 0;
    uint8_t *end;

    if (tb_needs_flush())
        return NULL;
    if (!(page_get_flags(pc) & PAGE_EXEC)) {
        if (!GUEST_FETCH_FAULTS_FIRST(env, pc))
            fetch_fault(env, pc);
        /* the guest's own fault, which reads no code: nothing to cache
         * or to protect on a page that may not exist */
        cflags |= CF_SINGLE_INSN;
    }
    TranslationBlock *tb = translate_and_emit(env, pc, flags, cflags, &end);
    if (!tb)
        return NULL;
    tb->tc_size = (uint32_t)(end - tb->tc_ptr);
    code_ptr = (uint8_t *)(((uintptr_t)end + 15) & ~(uintptr_t)15);
    /* A single-instruction TB runs once, right after a store into its own
     * code page: it is neither cached nor protecting its page.  A loop
     * entry is reached only through its loop's exit (exec/cpu-exec.c). */
    if (!(cflags & (CF_SINGLE_INSN | CF_LOOP_ENTRY)))
        tb_insert(env, tb);

    STAT_INC(tbs_translated);
    STAT_ADD(guest_insns_translated, tb->icount);
    STAT_ADD(host_bytes_emitted, tb->tc_size);
    STAT_ADD(flag_ops_removed, flag_ops_removed);
    if (stats_enabled)
        STAT_ADD(translate_ns, now_ns() - t0);
    if (exec_tb_hook)
        exec_tb_hook(tb);
    if (!log_pc_shown(tb->pc))
        return tb;
    if (log_enabled(in_asm))
        log_in_asm(tb);
    if (log_enabled(op))
        log_ops("OP", pre_opc_buf, pre_opparam_buf);
    if (log_enabled(op_opt))
        log_ops("OP after the flag-liveness pass", gen_opc_buf, gen_opparam_buf);
    if (log_enabled(out_asm)) {
        if (exec_interp)
            interp_log_thread(tb);
        else
            log_out_asm(tb);
    }
    if (stitch_loglevel & (LOG_MASK(in_asm) | LOG_MASK(op) | LOG_MASK(op_opt) |
                           LOG_MASK(out_asm)))
        fflush(stitch_logfile);
    return tb;
}

/*
 * Precise state after a fault in generated code (paper, section 3.8): the
 * TB is translated again (translation is deterministic), the op sizes are
 * added up to the faulting host PC (under --interp: the entry sizes up to
 * the faulting op's entry), and the guest's translator restores
 * the state it had not stored yet at the start of that guest instruction
 * (restore_state_to_opc: the PC, i386's lazy flag kind).  The guest
 * registers are whatever the instructions before it left (each op writes
 * its result at once); the caller takes the pinned ones from the signal
 * context unless the PC is inside an op that calls a helper.  Under
 * tb_lock (the op buffer is shared).
 */
int cpu_restore_state(CPUState *env, uintptr_t host_pc)
{
    TranslationBlock *tb = tb_find_by_host_pc(host_pc);
    if (!tb)
        return RESTORE_NOT_TB;
    TranslationBlock copy = *tb;
    uint32_t target = (uint32_t)(host_pc - (uintptr_t)tb->tc_ptr);
    uint32_t offset = 0;
    int insn = -1;

    gen_op_buf_reset();
    decode(env, &copy);
    finish_ops(&copy); /* as when the TB was emitted: same op sizes */
    if (exec_profile)
        profile_instrument(&copy, 0);
    const uint16_t *opc;
    for (opc = gen_opc_buf; *opc != INDEX_op_end; opc++) {
        if (*opc == INDEX_op_insn_start)
            insn = (int)(opc - gen_opc_buf);
        if (exec_interp) {
            offset += interp_op_size(*opc);
        } else {
            if (op_info[*opc].chain_exit >= 0)
                offset += tb->jmp_pad[op_info[*opc].chain_exit];
            offset += op_info[*opc].size;
        }
        if (offset > target)
            break;
    }
    if (insn < 0)
        return RESTORE_NOT_TB;
    restore_state_to_opc(env, insn);
    return (*opc != INDEX_op_end && op_info[*opc].calls ? RESTORE_IN_CALL
                                                        : RESTORE_OK) |
           (copy.cflags & CF_LOOP_ENTRY ? RESTORE_LOOP_ENTRY : 0);
}
