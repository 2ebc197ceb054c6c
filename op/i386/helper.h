/*
 * Helpers: ordinary C functions the micro-ops call for work too big to copy
 * into every TB (flag computation, division, cpuid, segment loads, rotates
 * through carry).  They are compiled with the normal flags and take the CPU
 * state as an explicit argument; the ops' pinned temporaries are
 * callee-saved on the host, so they survive the call (op/op-x86_64.h).
 * The guest registers are all in env during the call: the translator
 * stores the pinned ones around every op that calls a helper
 * (op/i386/pinned-regs.h).
 *
 * Helpers rarely touch guest memory (the x87 state images and the REP
 * string helpers do); a fault there is found through the helper call's
 * return address on the host stack (exec/cpu-exec.c, fault_code_pc).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_HELPER_H
#define STITCH_HELPER_H

#include <stdint.h>
#include "cpu.h"

/* helper-cc.c: EFLAGS from the lazy state (op/i386/cc-op.h).  These keep the
 * pinned guest registers (op/i386/guest.mak, KEEP_HELPERS): they never read
 * env->regs[], never touch guest memory (a fault inside one would find
 * the registers neither in env nor in the signal context) and call
 * nothing outside helper-cc.c. */
uint32_t helper_cc_compute_all(CPUState *env); /* O/S/Z/A/P/C bits */
uint32_t helper_cc_compute_c(CPUState *env);   /* CF as 0/1 */
/* pushf: EFLAGS as the guest sees it (cpu_get_eflags; ops call only
 * helper_* names, which the generated emitters declare loosely). */
uint32_t helper_read_eflags(CPUState *env);
/* popf: load the user-writable EFLAGS bits from `eflags` (mask = bits the
 * operand size covers). */
void helper_write_eflags(CPUState *env, uint32_t eflags, uint32_t mask);
/* sahf: SF ZF AF PF CF from ah (bits 0-7). */
void helper_sahf(CPUState *env, uint32_t ah);
/* bt/bts/btr/btc: set CF to `cf`, keep ZF; OF/SF/AF/PF are undefined and
 * kept as they were (what Intel processors do). */
void helper_set_cf(CPUState *env, uint32_t cf);

/* helper-string.c: REP MOVS / REP STOS of `size`-byte elements, with
 * 32-bit addresses and flat segments; they touch guest memory, a page at a
 * time, keeping ESI/EDI/ECX exact at every fault. */
void helper_rep_movs(CPUState *env, uint32_t size);
void helper_rep_stos(CPUState *env, uint32_t size);

/* helper-bcd.c: decimal adjustments (SDM DAA DAS AAA AAS AAM AAD). */
void helper_daa(CPUState *env);
void helper_das(CPUState *env);
void helper_aaa(CPUState *env);
void helper_aas(CPUState *env);
void helper_aam(CPUState *env, uint32_t base);
void helper_aad(CPUState *env, uint32_t base);

/* helper-int.c */
void helper_divb(CPUState *env, uint32_t divisor);
void helper_divw(CPUState *env, uint32_t divisor);
void helper_divl(CPUState *env, uint32_t divisor);
void helper_idivb(CPUState *env, uint32_t divisor);
void helper_idivw(CPUState *env, uint32_t divisor);
void helper_idivl(CPUState *env, uint32_t divisor);
void helper_cpuid(CPUState *env);
/* Leave generated code with exception `excp` (EXCP_*); eip and cc_op
 * must be stored. */
void helper_raise_exception(CPUState *env, uint32_t excp) __attribute__((noreturn));
void helper_rdtsc(CPUState *env);
/* helper-seg.c: segment loads (#GP/#NP/#SS with the selector as error
 * code) and the descriptor-reading instructions; LAR/LSL return the new
 * value of the destination (`old` when ZF = 0). */
void helper_load_seg(CPUState *env, uint32_t seg, uint32_t selector);
uint32_t helper_lar(CPUState *env, uint32_t selector, uint32_t old);
uint32_t helper_lsl(CPUState *env, uint32_t selector, uint32_t old);
void helper_verr(CPUState *env, uint32_t selector);
void helper_verw(CPUState *env, uint32_t selector);
uint32_t helper_arpl(CPUState *env, uint32_t dst, uint32_t src);
uint32_t helper_sldt(CPUState *env);
/* Far JMP/CALL to selector:offset, far RET (imm16 = extra) and IRET at
 * CPL 3, with the operand size (size32); eip is the instruction's, and
 * env->t2 the return EIP CALL pushes. */
void helper_far_jmp(CPUState *env, uint32_t selector, uint32_t offset, uint32_t size32);
void helper_far_call(CPUState *env, uint32_t selector, uint32_t offset, uint32_t size32);
void helper_far_ret(CPUState *env, uint32_t size32, uint32_t extra);
void helper_iret(CPUState *env, uint32_t size32);
/* #GP(0) unless the access at offset `off` of segment seg, `access` as
 * op_check_limit_A0's second parameter, is within its limit and allowed
 * by its type (HF_LIMITS). */
void helper_check_limit(CPUState *env, uint32_t seg, uint32_t off, uint32_t access);
/* helper-bmi.c: POPCNT LZCNT TZCNT, BMI1, BMI2, ADX by kind; BMI_16 marks
 * a 16-bit operand (POPCNT/LZCNT/TZCNT with 66). */
enum {
    BMI_POPCNT, BMI_LZCNT, BMI_TZCNT, BMI_ANDN, BMI_BEXTR, BMI_BLSI,
    BMI_BLSMSK, BMI_BLSR, BMI_BZHI, BMI_PDEP, BMI_PEXT, BMI_MULX, BMI_RORX,
    BMI_SARX, BMI_SHLX, BMI_SHRX, BMI_ADCX, BMI_ADOX, BMI_16 = 0x100,
};
uint32_t helper_bmi(CPUState *env, uint32_t kind, uint32_t a, uint32_t b);
/* rcl/rcr of a b/w/l value by `count`, reading and setting CF/OF. */
uint32_t helper_rclb(CPUState *env, uint32_t v, uint32_t count);
uint32_t helper_rclw(CPUState *env, uint32_t v, uint32_t count);
uint32_t helper_rcll(CPUState *env, uint32_t v, uint32_t count);
uint32_t helper_rcrb(CPUState *env, uint32_t v, uint32_t count);
uint32_t helper_rcrw(CPUState *env, uint32_t v, uint32_t count);
uint32_t helper_rcrl(CPUState *env, uint32_t v, uint32_t count);
/* rol/ror: result, with CF/OF set as the SDM says (count already masked
 * and non-zero). */
uint32_t helper_rolb(CPUState *env, uint32_t v, uint32_t count);
uint32_t helper_rolw(CPUState *env, uint32_t v, uint32_t count);
uint32_t helper_roll(CPUState *env, uint32_t v, uint32_t count);
uint32_t helper_rorb(CPUState *env, uint32_t v, uint32_t count);
uint32_t helper_rorw(CPUState *env, uint32_t v, uint32_t count);
uint32_t helper_rorl(CPUState *env, uint32_t v, uint32_t count);

#endif
