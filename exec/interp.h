/*
 * exec/ internals of --interp (exec/interp.c, docs/interp.md): what the
 * engine calls instead of the copy-and-patch back end when exec_interp is
 * set.  Positions in generated code are thread addresses then.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_EXEC_INTERP_H
#define STITCH_EXEC_INTERP_H

#include <stdint.h>

#include "tb.h"

#define INTERP_MAX_LABELS 256
#define INTERP_MAX_LABEL_REFS 512

/* Write the thread of the ops in the op buffer at tb->tc_ptr; returns its
 * end, or NULL if it would pass buffer_end. */
uint8_t *interp_emit(TranslationBlock *tb, const uint8_t *buffer_end);
/* The bytes op `opc` takes in a thread (cpu_restore_state). */
uint32_t interp_op_size(unsigned opc);
/* Exit n's slot (chain.c): point it at `target`; where it goes unchained. */
void interp_set_jmp_target(TranslationBlock *tb, int n, const uint8_t *target);
const uint8_t *interp_jmp_fallthrough(const TranslationBlock *tb, int n);
/* -d out_asm for a thread just written (the op buffer still holds its ops). */
void interp_log_thread(const TranslationBlock *tb);
/* Is `pc` in a handler?  Then the thread entry of the op that faulted (in
 * the handler itself, or in a helper it called: in_call). */
int interp_in_handlers(uintptr_t pc);
uintptr_t interp_fault_entry(const void *uc, int in_call);

/* prologue-x86_64.S */
uint32_t interp_enter(CPUState *env, const uint8_t *thread);

#endif
