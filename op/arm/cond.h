/*
 * The ARM condition codes (ARM ARM A8.3, table A8-1) as one list, for the
 * condition-test ops (op/arm/op-arm.c) and the flag-liveness pass
 * (translate/arm/optimize-flags.c), which needs to know which flags each
 * one reads.  Tested on the per-flag fields of op/arm/cpu.h:
 *   N = NF bit 31   Z = (ZF == 0)   C = CF   V = VF
 * Condition 2k+1 is the negation of 2k; 14 (AL) has no test, and 15 is the
 * unconditional instruction space (translate/arm/translate.c).
 *
 * X(name, number, expression, flags read)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_ARM_COND_H
#define STITCH_ARM_COND_H

/* The flags, as bits of a set (the liveness pass's unit). */
enum { FL_N = 1, FL_Z = 2, FL_C = 4, FL_V = 8, FL_NZCV = 15 };

/*
 * C and V are read as the low bytes of CF and VF, never as whole words:
 * both only hold 0 or 1, and the ops that set them from a host flag store
 * one byte (SETcc to memory, op-arm.c).  A 4-byte load of a 1-byte store still in the
 * store buffer cannot be forwarded and waits for the store to retire
 * (Intel optimization manual, "store forwarding"; AMD's software
 * optimization guide for family 17h, "store-to-load forwarding"): a dozen
 * cycles on every ADC after an ADDS.  A byte load of a byte or a word
 * store forwards.
 */
#define CF_BYTE (*(uint8_t *)&env->CF)

#define COND_N ((env->NF >> 31) & 1)
#define COND_Z (env->ZF == 0)
#define COND_C (CF_BYTE != 0)
#define VF_BYTE (*(uint8_t *)&env->VF)

#define COND_V (VF_BYTE != 0)
#define COND_LT ((env->NF >> 31) ^ VF_BYTE)

#define ARM_COND_LIST(X)                                         \
    X(eq, 0, COND_Z, FL_Z)                                       \
    X(ne, 1, !COND_Z, FL_Z)                                      \
    X(cs, 2, COND_C, FL_C)                                       \
    X(cc, 3, !COND_C, FL_C)                                      \
    X(mi, 4, COND_N, FL_N)                                       \
    X(pl, 5, !COND_N, FL_N)                                      \
    X(vs, 6, COND_V, FL_V)                                       \
    X(vc, 7, !COND_V, FL_V)                                      \
    X(hi, 8, COND_C && !COND_Z, FL_C | FL_Z)                     \
    X(ls, 9, !COND_C || COND_Z, FL_C | FL_Z)                     \
    X(ge, 10, !COND_LT, FL_N | FL_V)                             \
    X(lt, 11, COND_LT, FL_N | FL_V)                              \
    X(gt, 12, !COND_Z && !COND_LT, FL_N | FL_Z | FL_V)           \
    X(le, 13, COND_Z || COND_LT, FL_N | FL_Z | FL_V)

/*
 * The conditions again, for the CMOV ops of op/arm/op-reg-template.h
 * (translate/arm/ifconv.c), which must test them without a branch: HI,
 * LS, GT and LE combine two tests with & and | on 0/1 values (CF's byte
 * is 0 or 1), which GCC evaluates without the branch it makes for && and
 * ||.
 * X(name, number, expression), as in ARM_COND_LIST.
 */
#define ARM_COND_CMOV_LIST(X)                                    \
    X(eq, 0, COND_Z)                                             \
    X(ne, 1, !COND_Z)                                            \
    X(cs, 2, COND_C)                                             \
    X(cc, 3, !COND_C)                                            \
    X(mi, 4, COND_N)                                             \
    X(pl, 5, !COND_N)                                            \
    X(vs, 6, COND_V)                                             \
    X(vc, 7, !COND_V)                                            \
    X(hi, 8, CF_BYTE & !COND_Z)                                  \
    X(ls, 9, (CF_BYTE ^ 1) | COND_Z)                             \
    X(ge, 10, !COND_LT)                                          \
    X(lt, 11, COND_LT)                                           \
    X(gt, 12, (env->ZF != 0) & (COND_LT ^ 1))                    \
    X(le, 13, COND_Z | COND_LT)

#endif
