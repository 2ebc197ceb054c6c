/*
 * The guest interface: what a guest provides to the shared stages.
 *
 * One binary runs one guest (build/stitch-<guest>), so the interface is a
 * set of functions and macros each guest defines once, bound at link time
 * like QEMU 0.9's target-<arch> folders: no function pointers on hot paths.
 * docs/porting.md is the checklist for a new guest, with the i386 file
 * that implements each item.
 *
 * From op/<guest>/cpu.h, included as "cpu.h" by the shared stages:
 *   CPUState                the guest CPU; starts with `uint32_t regs[]`
 *                           (the pinned registers index it) and contains
 *                           CPU_COMMON (include/cpu-common.h)
 *   GUEST_DISAS             the libopcodes disassembler for -d in_asm
 *   GUEST_DISAS_TB(flags)   optional: the one for a TB of those flags
 *                           (ARM: Thumb TBs), GUEST_DISAS by default
 *   cpu_get_pc(env)         the guest PC the next TB starts at
 *   cpu_get_tb_flags(env)   the CPU modes a TB's code depends on; TBs are
 *                           looked up by (pc, flags)
 *   GUEST_TB_FLAGS_UNCACHED optional: TB flags whose TBs the persistent
 *                           translation cache never keeps (exec/tcache.c;
 *                           i386: code segments of the LDT)
 *   GUEST_FETCH_FAULTS_FIRST(env, pc)  optional: nonzero when the
 *                           guest's own fetch check fails at pc before
 *                           paging is consulted, so the translator raises
 *                           that fault and not the NX/unmapped page fault
 *                           (i386: a fetch beyond the CS limit); 0 by default
 *   GUEST_IBTC_KEY(pc, flags)  optional: the indirect-branch table's key
 *                           for a TB of that pc and TB flags (exec/chain.c;
 *                           ARM: T folded into bit 0), the pc by default
 *   GUEST_TB_COPIED(tb, host_offset)  optional: called under tb_lock
 *                           once a TB's ops are copied (not under --interp),
 *                           with the op buffer still holding them and
 *                           host_offset[i] the offset of op i's copy in
 *                           tb->tc_ptr (i386: where each x87 instruction's
 *                           code is, translate/i386/fpu.c); nothing by
 *                           default
 *   GUEST_WANTS_FLUSH()     optional: nonzero when TBs are to be
 *                           translated again; the next translation then
 *                           drops them first, with no generated code
 *                           running (i386: the switch to stored x87
 *                           pointers, op/i386/x87-fip.c); 0 by default
 *   GUEST_TB_STALE(tb)      optional: which copied TBs that drop takes
 *                           (i386: those with x87 code that leaves the
 *                           pointers in the host's x87); every one by
 *                           default, a flush of the code buffer, and
 *                           under --interp
 *   GUEST_TB_FLUSHED()      optional: called by that drop, and by every
 *                           flush, with no generated code running
 *   GUEST_TB_FLAGS_UNKEYED  optional: TB flag bits a TB may differ in from
 *                           the flags looked up and still be found (i386:
 *                           HF_X87_STORED, so that TBs without x87 code
 *                           outlive the switch); 0 by default
 * From op/<guest>/pinned-regs.h: PINNED_GUEST_REGS, the guest registers
 * kept in host registers while generated code runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_GUEST_H
#define STITCH_GUEST_H

#include <stdint.h>
#include <stdio.h>

#include "cpu.h"

#ifndef GUEST_DISAS_TB
#define GUEST_DISAS_TB(flags) GUEST_DISAS
#endif

struct TranslationBlock;

/* ---- for exec/: entering and leaving generated code (op/<guest>/) ---- */

/* Before generated code runs: move state the ops keep elsewhere (i386:
 * the x87 and MXCSR state, live in the host's own registers) into place. */
void cpu_enter_code(CPUState *env);
/* After it ran, back in C: the opposite of cpu_enter_code(). */
void cpu_leave_code(CPUState *env);
/* Leaving from a host signal handler: the kernel saved the interrupted
 * code's FPU registers in `host_fpstate` (the FXSAVE image of the signal
 * frame) and gave the handler fresh ones. */
void cpu_leave_code_in_signal(CPUState *env, const void *host_fpstate);
/* A host SIGFPE in generated code: if it is the guest's own floating-point
 * exception, record it (exception_index and what the signal needs) and
 * return 1; 0 means it is stitch's bug. */
int cpu_host_fpe(CPUState *env, int si_code, int trapno);
/* -d cpu: the registers, one TB at a time, through log_printf(). */
void cpu_dump_state(const CPUState *env);

/* ---- for exec/: translation (translate/<guest>/) ---------------------- */

/* Decode guest code at tb->pc into the op buffer (include/op-buf.h),
 * ending it with INDEX_op_end; sets tb->size and tb->icount. */
void gen_intermediate_code(CPUState *env, struct TranslationBlock *tb);
/* The guest's passes over that op buffer, run on every translation of a
 * TB (the one emitted and the one redone for a fault), so op sizes match;
 * returns how many flag ops the flag-liveness pass removed (--stats).
 * With `full` 0 (a tier-0 TB, exec/tier.c) only the passes the code
 * needs to be correct, none that only make it faster. */
int gen_optimize(int full);
/* After a fault: gen_opc_buf[opc_index] is the insn_start op of the
 * faulting guest instruction; set the guest PC (and whatever the
 * translator had not stored yet) to the state before it. */
void restore_state_to_opc(CPUState *env, int opc_index);

/* ---- for linux-user/main.c: -cpu (op/<guest>/) ----------------------- */

/* Make `name` the CPU model (what CPUID / HWCAP report follows it): 0, or
 * -1 for a name the guest does not know. */
int cpu_model_select(const char *name);
/* -cpu help: one line per model. */
void cpu_model_list(FILE *f);
/* The feature words of the current model that decide how guest code
 * translates (an instruction the model lacks becomes #UD / SIGILL): the
 * translation cache keys its files by them, so one model's TBs are never
 * reused under another.  Sets *n to their count. */
const uint32_t *cpu_model_features(size_t *n);

/* ---- for linux-user/ (linux-user/<guest>/) ---------------------------- */
/* Declared in linux-user/guest-user.h: the system-call convention, the
 * exceptions' signals, signal frames, the ELF machine, auxv and the
 * initial register state. */

#endif
