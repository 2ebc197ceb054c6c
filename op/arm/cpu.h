/*
 * The guest CPU state (32-bit ARM, user mode, ARM and Thumb state).
 *
 * Everything the generated code reads or writes about the guest lives here,
 * reached through the pinned `env` register (see op/op-x86_64.h).
 * r15 is the PC: regs[15] holds the address of the next instruction to
 * run whenever C code runs (an instruction that reads the PC as an operand
 * sees its own address + 8; the translator supplies that constant).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_CPU_H
#define STITCH_CPU_H

#include <stddef.h>
#include <stdint.h>

#include "cpu-common.h"
#include "guest-window.h"

enum { R_SP = 13, R_LR = 14, R_PC = 15 };

/* CPSR bits user mode can see (ARM ARM A2.5). */
#define CPSR_N (1u << 31)
#define CPSR_Z (1u << 30)
#define CPSR_C (1u << 29)
#define CPSR_V (1u << 28)
#define CPSR_Q (1u << 27)
#define CPSR_NZCV (CPSR_N | CPSR_Z | CPSR_C | CPSR_V)
#define CPSR_GE (0xfu << 16)
#define CPSR_E (1u << 9)
#define CPSR_T (1u << 5)
/* ITSTATE[1:0] in CPSR[26:25], ITSTATE[7:2] in CPSR[15:10] (ARM ARM
 * A2.5.2). */
#define CPSR_IT_0_1 (3u << 25)
#define CPSR_IT_2_7 (0x3fu << 10)
#define CPSR_MODE_USR 0x10u
/* What an MSR/sigreturn in user mode may change (APSR: NZCVQ and GE). */
#define CPSR_USER (CPSR_NZCV | CPSR_Q | CPSR_GE)

/* FPSCR (ARM ARM A2.6.3): the cumulative exception flags, the modes, the
 * VCMP flags, the short-vector Len and Stride (op/arm/helper-vfp.c).
 * What a VMSR may set on a core with no trapped exceptions and no half
 * precision (IOE-IDE and AHP are RAZ/WI). */
#define FPSCR_IOC (1u << 0)
#define FPSCR_DZC (1u << 1)
#define FPSCR_OFC (1u << 2)
#define FPSCR_UFC (1u << 3)
#define FPSCR_IXC (1u << 4)
#define FPSCR_IDC (1u << 7)
#define FPSCR_RMODE_SHIFT 22
#define FPSCR_FZ (1u << 24)
#define FPSCR_DN (1u << 25)
#define FPSCR_LEN_SHIFT 16
#define FPSCR_LEN (7u << FPSCR_LEN_SHIFT)
#define FPSCR_STRIDE_SHIFT 20
#define FPSCR_STRIDE (3u << FPSCR_STRIDE_SHIFT)
#define FPSCR_WRITABLE 0xf3f7009fu
#define FPEXC_EN (1u << 30)

/* The ARM CPU exceptions (include/cpu-common.h has the shared ones, and
 * EXCP_SYSCALL is SVC); linux-user/arm/cpu-loop.c turns each into the
 * signal Linux sends. */
enum {
    EXCP_UDEF = EXCP_GUEST, /* undefined instruction (also UDF) -> SIGILL, ILL_ILLOPC */
    EXCP_BKPT,              /* BKPT -> SIGTRAP, TRAP_BRKPT */
    EXCP_ALIGN,             /* alignment fault where Linux gives SIGBUS, BUS_ADRALN */
    EXCP_VECLEN,            /* VMSR changed whether FPSCR.Len is 0 (TB_FLAG_VECLEN):
                             * no signal, the PC is the next instruction's */
};

typedef struct CPUState {
    uint32_t regs[16];

    /*
     * Condition codes, one field per flag so that each flag-setting op
     * writes only what it defines and the flag-liveness pass
     * (translate/arm/optimize-flags.c) can drop each write on its own
     * (the representation QEMU's later ARM translator chose; docs/arm.md):
     *   NF  N is bit 31            ZF  Z is (ZF == 0)
     *   CF  C, 0 or 1 (after a subtraction: NOT borrow, ARM ARM A2.5.2)
     *   VF  V, 0 or 1 (SETO straight to memory: op/arm/op-arm.c)
     * An S-form result r sets NF = ZF = r in one op.  Read and write the
     * architectural CPSR only through cpu_get_cpsr()/cpu_set_cpsr().
     */
    uint32_t NF;
    uint32_t ZF;
    uint32_t CF;
    uint32_t VF;
    uint32_t QF;      /* the sticky Q flag: 0 or 1 */
    uint32_t GE;      /* the GE[3:0] flags of the v6 SIMD instructions */
    uint32_t thumb;   /* 1 in Thumb state (CPSR.T) */
    /* ITSTATE (ARM ARM A2.5.2): firstcond[7:4]:mask[3:0] of the IT block
     * the instruction about to run is in, 0 outside one.  Generated code
     * keeps it equal to the current instruction's value while inside a
     * block and stores the next one at every exit
     * (translate/arm/translate.c, gen_sync_condexec). */
    uint32_t condexec;

    uint32_t tpidruro; /* TLS register (CP15 c13, c0, 3), set by set_tls */

    /* LDREX/STREX: the address and value of the open exclusive access
     * (-1: none), compared by STREX with a host compare-and-swap. */
    uint32_t exclusive_addr;
    uint32_t exclusive_val;
    uint32_t exclusive_high;

    uint32_t t2;      /* scratch slots for multi-op sequences */
    uint32_t t3;

    /*
     * VFPv3-D16 (ARM ARM A2.6): d0-d15, with s0-s31 overlaying them
     * (s[2n] is the low half of d[n] on this little-endian host), and
     * the FPSCR as the guest reads it (NZCV of the last VCMP, RMode, FZ,
     * DN, Len, Stride, the cumulative exception flags:
     * op/arm/helper-vfp.c).  FPEXC is EN as Linux keeps it for a task;
     * user mode cannot read it (translate/arm/vfp.c), the signal frame
     * shows it.
     */
    union {
        uint64_t d[16];
        uint32_t s[32];
    } vfp;
    uint32_t fpscr;
    uint32_t fpexc;

    CPU_COMMON
} CPUState;

/* exec/prologue-x86_64.S addresses env->regs[i] as 4*i(env). */
_Static_assert(offsetof(CPUState, regs) == 0, "regs first in CPUState");

/*
 * The -cpu model (op/arm/cpu-models.c): its architecture features, which
 * the translator checks (arm_feature(), translate/arm/translate.h), and what the kernel would tell its programs
 * about it (AT_HWCAP, AT_PLATFORM, uname's machine).  Set once, before
 * the first translation.
 */
enum {
    ARM_FEATURE_V6 = 1u << 0,     /* LDREX/STREX, the media instructions, SETEND, CPS */
    ARM_FEATURE_V6K = 1u << 1,    /* TPIDRURO, LDREX{B,H,D}/STREX{B,H,D}, CLREX */
    ARM_FEATURE_THUMB2 = 1u << 2, /* v6T2: 32-bit Thumb, IT, CBZ; MOVW/MOVT, MLS,
                                   * the bit-field instructions, RBIT in A32 */
    ARM_FEATURE_V7 = 1u << 3,     /* DMB, DSB, ISB, PLI in the A32 encodings */
    ARM_FEATURE_VFP = 1u << 4,    /* VFPv2 */
    ARM_FEATURE_VFP3 = 1u << 5,   /* VFPv3(-D16): VMOV immediate, fixed-point VCVT */
};
extern uint32_t arm_features, arm_hwcap;
extern const char *arm_platform, *arm_uname_machine;

/*
 * AT_HWCAP's bits, X(NAME, name): bit i is the i-th entry, and `name` is
 * what the kernel's /proc/cpuinfo Features line shows for it
 * (arch/arm/include/uapi/asm/hwcap.h; hwcap_str[] of arch/arm/kernel/
 * setup.c, same order).  The models' AT_HWCAP words and the Features
 * line (linux-user/arm/proc-cpuinfo.c) both come from this list.
 */
#define ARM_HWCAPS(X)                                                       \
    X(SWP, "swp") X(HALF, "half") X(THUMB, "thumb") X(26BIT, "26bit")       \
    X(FAST_MULT, "fastmult") X(FPA, "fpa") X(VFP, "vfp") X(EDSP, "edsp")    \
    X(JAVA, "java") X(IWMMXT, "iwmmxt") X(CRUNCH, "crunch")                 \
    X(THUMBEE, "thumbee") X(NEON, "neon") X(VFPv3, "vfpv3")                 \
    X(VFPv3D16, "vfpv3d16") X(TLS, "tls") X(VFPv4, "vfpv4")                 \
    X(IDIVA, "idiva") X(IDIVT, "idivt") X(VFPD32, "vfpd32") X(LPAE, "lpae") \
    X(EVTSTRM, "evtstrm")
enum {
#define HWCAP_INDEX(n, s) ARM_HWCAP_BIT_##n,
    ARM_HWCAPS(HWCAP_INDEX)
#undef HWCAP_INDEX
    ARM_HWCAP_BITS
};
#define ARM_HWCAP(n) (1u << ARM_HWCAP_BIT_##n)

/*
 * What the kernel's /proc/cpuinfo says about the model's core
 * (arch/arm/kernel/setup.c c_show): its MIDR (the main ID register, ARM
 * ARM B4.1.105), the processor name of its arch/arm/mm/proc-*.S entry,
 * and the "CPU architecture" string, proc_arch[__get_cpu_architecture()].
 */
typedef struct {
    uint32_t midr;
    const char *name, *arch;
} ArmCpuId;
extern ArmCpuId arm_cpu_id;

/* ---- The guest interface's CPU items (include/guest.h) ---------------- */

#define GUEST_DISAS DISAS_ARM /* include/disas.h */
#define GUEST_DISAS_TB(flags) ((flags) & TB_FLAG_THUMB ? DISAS_THUMB : DISAS_ARM)

static inline uint32_t cpu_get_pc(const CPUState *env)
{
    return env->regs[15];
}

static inline void cpu_set_pc(CPUState *env, uint32_t pc)
{
    env->regs[15] = pc;
}

/* Thumb state changes how code at a PC decodes, and ITSTATE which
 * condition each instruction of an IT block has: a TB is translated for
 * one state and one IT position.  Bit 0: T; bits 8:1: ITSTATE.
 * Bit 9: FPSCR.Len is not 0, so VMOV, VABS, VNEG and the VFP arithmetic
 * are short-vector operations (ARM ARM A2.6.2, "Vector operations";
 * qemu-arm's VECLEN in its TB flags): decided once per TB, not by a test
 * in each of them (translate/arm/vfp.c).  It changes only through VMSR
 * (op_vfp_check_veclen), a signal handler's entry and sigreturn
 * (linux-user/arm/sigframe.c) and a debugger's register write, which
 * each drop the indirect-branch table, whose key cannot hold the flag:
 * a TB for one Len is never entered under the other. */
#define TB_FLAG_THUMB 1u
/* The indirect-branch table's key (exec/chain.c): Thumb TBs' pcs with
 * bit 0 set, which op_goto_indirect_arm compares with T0 | T. */
#define GUEST_IBTC_KEY(pc, flags) ((pc) | ((flags) & TB_FLAG_THUMB))
#define TB_FLAG_IT_SHIFT 1
#define TB_FLAG_IT_MASK 0xffu
#define TB_FLAG_VECLEN (1u << 9)
static inline uint32_t cpu_get_tb_flags(const CPUState *env)
{
    return env->thumb | env->condexec << TB_FLAG_IT_SHIFT |
           (env->fpscr & FPSCR_LEN ? TB_FLAG_VECLEN : 0);
}

/* The CPSR as user mode and signal frames see it (mode bits USR), from
 * the lazy flags; and set NZCVQ/GE from a CPSR value (mask: which bits). */
uint32_t cpu_get_cpsr(const CPUState *env);
void cpu_set_cpsr(CPUState *env, uint32_t cpsr, uint32_t mask);
void cpu_set_cpsr_exec(CPUState *env, uint32_t cpsr);

/* N, Z, C and V of `cmp x, y` (ARM ARM A2.2.1, AddWithCarry(x, NOT(y), 1)),
 * in the fields above. */
static inline void cpu_set_sub_flags(CPUState *env, uint32_t x, uint32_t y)
{
    uint32_t r = x - y;

    env->NF = env->ZF = r;
    env->CF = x >= y;
    env->VF = ((x ^ y) & (x ^ r)) >> 31;
}

/* Flags a TB leaves out of env for a while, rebuilt after a fault once
 * cpu_restore_state() has retranslated the TB and the registers are in
 * env (GUEST_RESTORE_FLAGS): a compare the fuse pass moved down to its
 * condition test (translate/arm/fuse.c), and the loop that stores no
 * flags on the way round (translate/arm/loop.c), whose GUEST_LOOP_EXIT()
 * reads the op stream just translated (1 + the exit that goes round, or
 * 0) and whose flags need rebuilding in the twin that exit enters
 * (CF_LOOP_ENTRY: loop_entry is set). */
int arm_loop_exit(void);
void arm_restore_flags(CPUState *env, int loop_entry);
#define GUEST_LOOP_EXIT() arm_loop_exit()
/* Exits that store the flags only when not chained, because the TB they
 * go to starts by setting them all (translate/arm/loop.c), and whether a
 * TB does that (translate/arm/optimize-flags.c): the engine chains such an
 * exit only to such a TB. */
int arm_lazy_exits(void);
int arm_flags_dead_in(void);
#define GUEST_LAZY_EXITS() arm_lazy_exits()
#define GUEST_FLAGS_DEAD_IN() arm_flags_dead_in()
#define GUEST_RESTORE_FLAGS(env, loop_entry) arm_restore_flags(env, loop_entry)

#endif
