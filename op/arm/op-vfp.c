/*
 * The VFP micro-ops (ARM ARM A2.6, A7): moves between the core and the
 * extension registers, loads and stores, the sign-bit operations, FPSCR;
 * the arithmetic, compares and conversions call op/arm/helper-vfp.c,
 * where ARM's rounding, NaN and flush-to-zero rules are applied.
 *
 * PARAM1 (and PARAM2) are register numbers: S numbers index env->vfp.s,
 * D numbers env->vfp.d (op/arm/cpu.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "op-x86_64.h"
#include "helper.h"

/* ---- core <-> extension registers (VMOV, A8.8.343-346) ---- */
void op_vfp_mov_T0_s(void) { T0 = env->vfp.s[PARAM1]; NEXT(); }
void op_vfp_mov_T1_s(void) { T1 = env->vfp.s[PARAM1]; NEXT(); }
void op_vfp_mov_s_T0(void) { env->vfp.s[PARAM1] = T0; NEXT(); }
void op_vfp_mov_s_T1(void) { env->vfp.s[PARAM1] = T1; NEXT(); }

/* ---- VMOV (register, immediate), VABS, VNEG: no arithmetic, so no NaN
 * processing, no flush-to-zero and no flags (ARM ARM A2.7.8) ---- */
void op_vfp_movs(void) { env->vfp.s[PARAM1] = env->vfp.s[PARAM2]; NEXT(); }
void op_vfp_abss(void) { env->vfp.s[PARAM1] = env->vfp.s[PARAM2] & 0x7fffffffu; NEXT(); }
void op_vfp_negs(void) { env->vfp.s[PARAM1] = env->vfp.s[PARAM2] ^ 0x80000000u; NEXT(); }
void op_vfp_movd(void) { env->vfp.d[PARAM1] = env->vfp.d[PARAM2]; NEXT(); }
void op_vfp_absd(void) { env->vfp.d[PARAM1] = env->vfp.d[PARAM2] & ~(1ull << 63); NEXT(); }
void op_vfp_negd(void) { env->vfp.d[PARAM1] = env->vfp.d[PARAM2] ^ (1ull << 63); NEXT(); }
/* VFPExpandImm: a single is the value; a double's low word is zero. */
void op_vfp_movs_im(void) { env->vfp.s[PARAM1] = PARAM2; NEXT(); }
void op_vfp_movd_im(void) { env->vfp.d[PARAM1] = (uint64_t)PARAM2 << 32; NEXT(); }

/* ---- FPSCR (VMRS, VMSR) ---- */
void op_vfp_mov_T0_fpscr(void) { T0 = env->fpscr; NEXT(); }
void op_vfp_mov_fpscr_T0(void) { env->fpscr = T0 & FPSCR_WRITABLE; NEXT(); }
/* VMRS APSR_nzcv, FPSCR: the flags of the last VCMP into the CPSR's,
 * in the per-flag form of op/arm/cpu.h. */
void op_vfp_fpscr_nzcv(void)
{
    uint32_t f = env->fpscr;

    env->NF = f & CPSR_N;
    env->ZF = (f & CPSR_Z) ? 0 : 1;
    env->CF = (f >> 29) & 1;
    env->VF = f << 3 & CPSR_N;
    NEXT();
}

/* ---- loads and stores at A0 (VLDR, VSTR, VLDM, VSTM) ----
 * Always word-aligned: ARM ARM A3.2.1 lists them among the accesses that
 * fault whatever SCTLR.A says, and Linux's alignment handler does not fix
 * coprocessor transfers up: SIGBUS.  A doubleword is two word accesses,
 * the low word first in memory (little-endian). */
#define VFP_CHECK_ALIGN()                                                  \
    if (A0 & 3) {                                                          \
        env->fault_addr = A0;                                              \
        env->exception_index = EXCP_ALIGN;                                 \
        EXIT_TB_NOCHAIN();                                                 \
    }
void op_vfp_lds_A0(void) { VFP_CHECK_ALIGN() env->vfp.s[PARAM1] = ldl(A0); NEXT(); }
void op_vfp_sts_A0(void) { VFP_CHECK_ALIGN() stl(A0, env->vfp.s[PARAM1]); NEXT(); }
void op_vfp_ldd_A0(void) { VFP_CHECK_ALIGN() env->vfp.d[PARAM1] = ldq(A0); NEXT(); }
void op_vfp_std_A0(void) { VFP_CHECK_ALIGN() stq(A0, env->vfp.d[PARAM1]); NEXT(); }
#undef VFP_CHECK_ALIGN

/* ---- everything that rounds or compares: helper-vfp.c ---- */
void op_vfp_helper(void) { helper_vfp(env, PARAM1, PARAM2); NEXT(); }
