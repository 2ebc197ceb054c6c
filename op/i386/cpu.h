/*
 * The guest CPU state (i386, user mode) and the guest address window.
 *
 * Everything the generated code reads or writes about the guest lives here,
 * reached through the pinned `env` register (see op/op-x86_64.h).  Guest
 * general registers are in regs[] whenever C code runs; while generated
 * code runs, five of them live in host registers instead
 * (op/i386/pinned-regs.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_CPU_H
#define STITCH_CPU_H

#include <stddef.h>
#include <stdint.h>

#include "cpu-common.h"
#include "guest-window.h"
#include "x87-fip.h"

enum { R_EAX, R_ECX, R_EDX, R_EBX, R_ESP, R_EBP, R_ESI, R_EDI };
enum { R_ES, R_CS, R_SS, R_DS, R_FS, R_GS, NB_SEGS };

/* EFLAGS bits (SDM vol. 1, 3.4.3). */
#define CC_C 0x0001
#define CC_P 0x0004
#define CC_A 0x0010
#define CC_Z 0x0040
#define CC_S 0x0080
#define TF_MASK 0x0100
#define IF_MASK 0x0200
#define DF_MASK 0x0400
#define CC_O 0x0800
#define IOPL_MASK 0x3000
#define NT_MASK 0x4000
#define AC_MASK 0x40000
#define ID_MASK 0x200000
#define CC_ALL (CC_C | CC_P | CC_A | CC_Z | CC_S | CC_O)

/* The i386 CPU exceptions (include/cpu-common.h has the shared ones);
 * linux-user/i386/cpu-loop.c turns each into the signal, si_code, trap
 * number and error code Linux reports (arch/x86/kernel/traps.c). */
enum {
    EXCP_DIVZ = EXCP_GUEST, /* #DE  -> SIGFPE  */
    EXCP_TRAP,            /* #BP (INT3, INT 3) -> SIGTRAP */
    EXCP_ILLOP,           /* #UD  -> SIGILL  */
    EXCP_GPF,             /* #GP -> SIGSEGV; error code in error_code */
    EXCP_FPU,             /* #MF or #XM (unmasked x87/SIMD exception) -> SIGFPE,
                           * vector in error_code, si_code in fpe_code */
    EXCP_NP,              /* #NP, segment not present -> SIGBUS */
    EXCP_SS,              /* #SS, stack segment not present -> SIGBUS */
    EXCP_OF,              /* #OF (INTO, INT 4) -> SIGSEGV */
    EXCP_BR,              /* #BR (BOUND) -> SIGSEGV */
    EXCP_DB_STEP,         /* #DB of a single step (EFLAGS.TF) -> SIGTRAP (EXCP_DEBUG
                           * is the debugger's, include/cpu-common.h) */
    EXCP_ICEBP,           /* #DB of INT1 (ICEBP, F1) -> SIGTRAP */
    EXCP_AC,              /* #AC, a misaligned access with EFLAGS.AC -> SIGBUS */
    EXCP_LONG_MODE,       /* a far transfer to 64-bit code (selector in
                           * error_code), which an i386 translator cannot
                           * follow: stitch stops (docs/i386-cpu.md) */
};

/* A GDT/LDT-like descriptor as set_thread_area installs it. */
typedef struct SegDesc {
    uint32_t base;
    uint32_t limit;
    uint32_t flags;   /* the user_desc bit fields, as the kernel packs them */
    uint32_t present;
} SegDesc;

/* The GDT of an x86_64 kernel, which a 32-bit process runs under: 16
 * entries, the TLS slots 12..14 (arch/x86/include/asm/segment.h). */
#define GDT_ENTRIES 16
#define GDT_ENTRY_TLS_MIN 12
#define GDT_ENTRY_TLS_MAX 14
/* The LDT (modify_ldt): per process, LDT_ENTRIES at most, each two words
 * as the CPU reads them (op/i386/helper-seg.c). */
#define LDT_ENTRIES 8192
extern uint32_t ldt_table[LDT_ENTRIES][2];
extern uint32_t ldt_entries;

/* A segment register: its selector and what the load took from the
 * descriptor (SDM vol. 3, 3.4.3). */
typedef struct SegCache {
    uint32_t selector;
    uint32_t base;
    uint32_t limit;   /* in bytes, granularity applied */
    uint32_t flags;   /* the descriptor's high word & 0x00ffff00 */
} SegCache;

/*
 * TB flags (cpu_get_tb_flags): what of the segment registers the
 * translated code depends on.  0 is the usual state of a Linux process
 * (flat CS, DS, ES, SS; FS null; GS a TLS segment).  A segment load ends
 * its TB, so a TB runs with the flags it was translated for; a TB with
 * other flags than 0 checks them on entry (it may be reached by an
 * indirect jump, whose jump-cache probe compares the PC only).
 */
#define HF_NULL(seg) (1u << (seg))        /* null, where usually not (FS: not null) */
#define HF_BASE(seg) (1u << (8 + (seg)))  /* ES, SS, DS: a non-zero base */
#define HF_NULL_USUAL HF_NULL(R_FS)
/* EFLAGS.TF: one instruction per TB, each followed by the #DB trap. */
#define HF_TF (1u << 16)
/* EFLAGS.AC: one instruction per TB, its data accesses checked for
 * alignment (translate/i386/translate.c, "Alignment checks"). */
#define HF_AC (1u << 17)
/* ES, DS, FS or GS holds a segment whose limit does not cover 4 GiB, an
 * expand-down one or one that cannot be written (read-only data, code):
 * every access through those four checks its offset and, for a write,
 * the type (op_check_limit_A0). */
#define HF_LIMITS (1u << 14)
/* SS holds a segment whose limit does not cover 4 GiB or an expand-down
 * one: PUSH, POP and every access through SS check the offset (#SS(0)),
 * and the stack instructions take the path that adds SS's base
 * (translate/i386/gen.c, "the stack"), as they do with HF_BASE(R_SS). */
#define HF_SS_LIMITS (1u << 15)
/* SS holds a 16-bit data segment (B = 0): the stack instructions address
 * SP and BP and move SP alone (translate/i386/gen.c, "the stack"). */
#define HF_SS16 (1u << 6)
/* The TB's x87 instructions store FIP, FOP and FDP into CPUState, as
 * every TB does once the guest may read them (op/i386/x87-fip.c).  A TB
 * of the other kind does no harm where it runs, so this bit alone needs
 * no check on entry. */
#define HF_X87_STORED (1u << 7)
/* CS is a code segment of the LDT (modify_ldt): its index is in bits
 * 19-31.  The translator reads that segment's base and D bit from the CS
 * cache (guest pc = CS.base + EIP; D = 0: 16-bit operands and
 * addresses); linux-user/i386/ldt.c drops the TBs of a code descriptor it
 * rewrites, so the index stands for one base and one D. */
#define HF_CS_LDT (1u << 18)
#define HF_CS_INDEX_SHIFT 19
/* Such TBs stay out of the translation cache (exec/tcache.c): another
 * run may give the same index another base or D bit. */
#define GUEST_TB_FLAGS_UNCACHED HF_CS_LDT
/* Descriptor bits of a segment cache's flags (SDM vol. 3, 3.4.5). */
#define SEG_FLAG_D (1u << 22)
#define SEG_FLAG_CODE (1u << 11)
#define SEG_FLAG_EXPAND_DOWN (1u << 10) /* of a data segment */
#define SEG_FLAG_WRITABLE (1u << 9) /* of a data segment (readable: code) */
/* op_check_limit_A0's second parameter: the offset of the access's last
 * byte from A0, and whether it writes (translate/i386/translate.c,
 * "Segment limits"). */
#define LIMIT_EXTENT_MASK 0xffffu
#define LIMIT_WRITE (1u << 31)
/* XSAVE, XSAVEC, XRSTOR: the extent covers the legacy area and header;
 * the helper adds the AVX component when EDX:EAX requests it. */
#define LIMIT_XSAVE (1u << 30)

/*
 * One x87 data register (SDM vol. 1, 8.1.2): the host's `long double` is
 * the same 80-bit extended format, so values are kept bit for bit.  MMX
 * register i is the low 64 bits of physical register i (SDM vol. 1, 9.5).
 */
typedef union FPReg {
    long double d;
    uint8_t b[16];
    struct {
        uint64_t mant;  /* significand, explicit integer bit 63; MMX data */
        uint16_t sexp;  /* sign and 15-bit exponent */
    } x;
} FPReg;

/* One XMM register, in every element view SSE/SSE2 use. */
typedef union XMMReg {
    uint8_t b[16];
    uint16_t w[8];
    uint32_t l[4];
    uint64_t q[2];
    float s[4];
    double d[2];
} __attribute__((aligned(16))) XMMReg;

#define FPUC_RESET 0x037f  /* FNINIT: all exceptions masked, 64-bit, nearest */
#define MXCSR_RESET 0x1f80 /* all exceptions masked, round to nearest */

typedef struct CPUState {
    uint32_t regs[8];
    uint32_t eip;
    /*
     * Lazy condition codes (paper, section 3.4): cc_op says which operation
     * last set the flags, cc_src/cc_dst what it needs to recompute them.
     * `eflags` holds the bits that are not O/S/Z/A/P/C (and not DF).
     */
    uint32_t cc_src;
    uint32_t cc_dst;
    uint32_t cc_op;
    int32_t df;       /* +1 or -1: DF as the string ops use it */
    uint32_t eflags;
    uint32_t t2;      /* scratch slot for multi-op sequences */
    uint32_t lock_old; /* a LOCKed instruction's operand as first loaded
                          (op_lock_ld*, op/i386/op-i386-template.h) */

    SegCache segs[NB_SEGS];
    SegDesc gdt[GDT_ENTRIES];
    uint32_t hflags;  /* cpu_compute_hflags() of segs[] */

    int32_t fpe_code; /* EXCP_FPU: the si_code */
    /* CF and OF (as EFLAGS bits) of the last rotate, while cc_op has
     * CC_OP_ROT set (op/i386/cc-op.h). */
    uint32_t cc_aux;

    /*
     * x87 FPU, MMX and SSE state (op/i386/helper-fpu.c, op/i386/helper-sse.c).
     * A zeroed CPUState is the state Linux starts a process with (FNINIT,
     * MXCSR = 0x1f80, SDM vol. 1, 8.1.x and 10.2.3), so the control words
     * are stored XOR their reset values and the tags as "in use" flags.
     */
    FPReg fpregs[8];      /* physical registers R0-R7; ST(i) is R[(top+i)&7] */
    FPReg ft0;            /* scratch operand */
    uint32_t fpstt;       /* TOP, the physical number of ST(0) */
    uint16_t fpus;        /* status word; its TOP field (bits 11-13) unused */
    uint16_t fpuc_x;      /* control word ^ FPUC_RESET */
    uint8_t fptag_used[8]; /* 1: R[i] holds a value (tag != 11b, empty) */
    /* FIP and FOP: the last non-control x87 instruction's address and
     * opcode (11 bits); FDP: the last memory operand of one (SDM vol. 1,
     * 8.1.8, 8.1.9).  Read back from the host's x87 when the state leaves
     * it, or, once the guest may read them, stored by the ops that follow
     * each such instruction (op/i386/x87-fip.c says why both). */
    uint32_t fpip, fpop, fpdp;
    uint32_t mxcsr_x;     /* MXCSR ^ MXCSR_RESET */
    XMMReg xmm[8];
    XMMReg xmm_t0;        /* memory operand of an SSE/MMX instruction run by a helper */
    /* Bits 255:128 of YMM0-7 (AVX, SDM vol. 1, 14.1.1); [8] is the upper
     * half of xmm_t0.  ymmh[i] sits at a fixed distance from xmm[i], so an
     * op reaches both halves of a register from one offset
     * (op/i386/op-avx.c).  Legacy SSE instructions leave these alone;
     * VEX.128 ones zero them (SDM vol. 1, 14.1.2). */
    XMMReg ymmh[9];
    /* 1 while the host's own x87 registers, control/status words and MXCSR
     * hold the guest's (the fields above are then stale): generated code
     * runs the guest's x87 instructions as they are (op/i386/fpu-state.h). */
    int32_t fp_live;
    /* 1 after arch_prctl(ARCH_SET_CPUID, 0): CPUID is #GP, as with the
     * CPUID faulting of MSR_MISC_FEATURES_ENABLES (linux-user/i386/
     * arch-prctl.c). */
    int32_t cpuid_fault;

    CPU_COMMON
    /* The host's FIP from a signal frame's FXSAVE image, not yet mapped
     * back to the guest's (fpu_state_take runs in the signal handler):
     * 0, or done by the next fpu_state_save.  The code buffer lies below
     * 4 GiB (exec/tb.c).  After CPU_COMMON, which moves nothing. */
    uint32_t fip_from_signal;
} CPUState;

/* The distance from xmm[i] (and xmm_t0) to its upper half. */
#define YMMH_DIST (offsetof(CPUState, ymmh) - offsetof(CPUState, xmm))
_Static_assert(offsetof(CPUState, xmm_t0) == offsetof(CPUState, xmm[8]),
               "xmm_t0 is xmm[8]");

/* exec/prologue-x86_64.S addresses env->regs[i] as 4*i(env). */
_Static_assert(offsetof(CPUState, regs) == 0, "regs first in CPUState");

/* ---- The guest interface's CPU items (include/guest.h) ---------------- */

#define GUEST_DISAS DISAS_I386 /* include/disas.h */

/* The linear address of the next instruction: CS.base + EIP, where
 * CS.base is 0 but in LDT code segments. */
static inline uint32_t cpu_get_pc(const CPUState *env)
{
    return env->eip + env->segs[R_CS].base;
}

static inline void cpu_set_pc(CPUState *env, uint32_t pc)
{
    env->eip = pc - env->segs[R_CS].base;
}

/* After a TB is copied: the host code of its x87 instructions, from which
 * the guest's FIP is read back (translate/i386/fpu.c, op/i386/x87-fip.c);
 * the drop of those TBs that makes every x87 instruction that runs store
 * the x87 pointers.  TBs without x87 code are the same either way, so
 * they stay, whichever way their flags say. */
struct TranslationBlock;
void x87_tb_copied(const struct TranslationBlock *tb, const uint32_t *host_offset);
int x87_tb_stale(const struct TranslationBlock *tb);
#define GUEST_TB_COPIED(tb, host_offset) x87_tb_copied(tb, host_offset)
#define GUEST_WANTS_FLUSH() x87_ptrs_flush_wanted()
#define GUEST_TB_STALE(tb) x87_tb_stale(tb)
#define GUEST_TB_FLUSHED() x87_ptrs_flushed()
#define GUEST_TB_FLAGS_UNKEYED HF_X87_STORED

/* A fetch beyond the CS limit is #GP(0) before paging looks at the
 * address (SDM vol. 3, 3.1 and 5.3: segmentation, then paging). */
#define GUEST_FETCH_FAULTS_FIRST(env, pc) \
    ((uint32_t)((pc) - (env)->segs[R_CS].base) > (env)->segs[R_CS].limit)

static inline uint32_t cpu_compute_hflags(const CPUState *env)
{
    uint32_t f = 0;

    for (int seg = 0; seg < NB_SEGS; seg++) {
        const SegCache *c = &env->segs[seg];
        if (seg != R_CS && (c->selector & ~3u) == 0)
            f |= HF_NULL(seg);
        if ((seg == R_ES || seg == R_SS || seg == R_DS) && c->base)
            f |= HF_BASE(seg);
        if (seg != R_CS && seg != R_SS && (c->selector & ~3u) &&
            (c->limit != 0xffffffffu ||
             (c->flags & (SEG_FLAG_CODE | SEG_FLAG_EXPAND_DOWN)) == SEG_FLAG_EXPAND_DOWN ||
             (c->flags & (SEG_FLAG_CODE | SEG_FLAG_WRITABLE)) != SEG_FLAG_WRITABLE))
            f |= HF_LIMITS;
        if (seg == R_SS && (c->selector & ~3u) &&
            (c->limit != 0xffffffffu || (c->flags & SEG_FLAG_EXPAND_DOWN)))
            f |= HF_SS_LIMITS;
        if (seg == R_SS && (c->selector & ~3u) && !(c->flags & SEG_FLAG_D))
            f |= HF_SS16;
    }
    if (env->segs[R_CS].selector & 4)
        f |= HF_CS_LDT | (env->segs[R_CS].selector >> 3) << HF_CS_INDEX_SHIFT;
    return f ^ HF_NULL_USUAL;
}

/* The TB flags but HF_X87_STORED: what a TB checks on entry. */
static inline uint32_t cpu_tb_flags_checked(const CPUState *env)
{
    return env->hflags | ((env->eflags & TF_MASK) ? HF_TF : 0) |
           ((env->eflags & AC_MASK) ? HF_AC : 0);
}

static inline uint32_t cpu_get_tb_flags(const CPUState *env)
{
    return cpu_tb_flags_checked(env) | (x87_ptrs() != X87_PTRS_HOST ? HF_X87_STORED : 0);
}

/* Load a segment register as sigreturn does: a selector that cannot be
 * loaded leaves it null (returns -1); op/i386/helper-seg.c. */
int cpu_load_seg_nofault(CPUState *env, int seg, uint32_t selector);
/* The descriptor a struct user_desc describes (fill_ldt()). */
void desc_from_user(uint32_t d[2], uint32_t base, uint32_t limit, uint32_t flags);
/* A descriptor's base and limit (in bytes, granularity applied). */
uint32_t desc_base(const uint32_t d[2]);
uint32_t desc_limit(const uint32_t d[2]);

/*
 * CPUID leaf 1 EDX as stitch reports it (and AT_HWCAP, which Linux fills
 * from the same word): FPU, TSC, CX8, CMOV, and MMX, FXSR, SSE, SSE2
 * unless the environment variable STITCH_CPUID_NOSIMD is set to a
 * non-empty value other than "0" (op/i386/helper-sse.c).  It advertises exactly
 * what the translator implements, since glibc picks code paths from these
 * bits.
 */
#define CPUID_1_EDX_BASE ((1u << 0) | (1u << 4) | (1u << 8) | (1u << 15))
#define CPUID_1_EDX_SIMD ((1u << 23) | (1u << 24) | (1u << 25) | (1u << 26))
uint32_t cpuid_1_edx_features(void);
extern uint32_t cpu_model_simd; /* -cpu (cpu-models.c) */
/* CPUID leaf 1 ECX: SSE3 (0), PCLMULQDQ (1), SSSE3 (9), FMA (12),
 * SSE4.1 (19), SSE4.2 (20), AES (25), XSAVE (26), OSXSAVE (27), AVX (28),
 * F16C (29), RDRAND (30); leaf 7 EBX: AVX2 (5), RDSEED (18) -- what the
 * -cpu model keeps of them (op/i386/helper-sse.c reports them). */
#define CPUID_1_ECX_FMA (1u << 12)
#define CPUID_1_ECX_XSAVE (1u << 26)
#define CPUID_1_ECX_OSXSAVE (1u << 27)
#define CPUID_1_ECX_AVX (1u << 28)
#define CPUID_1_ECX_F16C (1u << 29)
#define CPUID_7_EBX_AVX2 (1u << 5)
#define CPUID_1_ECX_SIMD                                                    \
    ((1u << 0) | (1u << 1) | (1u << 9) | (1u << 19) | (1u << 20) |         \
     (1u << 25) | (1u << 30) | CPUID_1_ECX_FMA | CPUID_1_ECX_XSAVE |       \
     CPUID_1_ECX_OSXSAVE | CPUID_1_ECX_AVX | CPUID_1_ECX_F16C)
#define CPUID_7_EBX_SIMD ((1u << 18) | CPUID_7_EBX_AVX2)
extern uint32_t cpu_model_simd_ecx, cpu_model_simd_ebx7;
/* CPUID leaf 7 ECX: RDPID (22), when the -cpu model has it and the host
 * too (op/i386/helper-int.c). */
#define CPUID_7_ECX_RDPID (1u << 22)
extern uint32_t cpu_model_ecx7;
uint32_t cpuid_7_ecx(void);
/* CPUID leaf 0xD subleaf 1 EAX: XSAVEOPT (0), XSAVEC (1), XGETBV1 (2),
 * XSAVES (3); what stitch reports (XSAVEC and XGETBV1 when the -cpu model
 * has them and the host too), and the host's own. */
#define CPUID_D1_EAX_XSAVEC (1u << 1)
#define CPUID_D1_EAX_XGETBV1 (1u << 2)
#define CPUID_D1_EAX_XSAVES (1u << 3)
extern uint32_t cpu_model_xsave1;
/* Whether CPUID's vendor (and an AMD host's cache leaves) are the
 * host's: "max"; the named models are GenuineIntel (cpu-models.c). */
extern int cpu_model_host_vendor;
uint32_t cpuid_d1_eax(void);
uint32_t host_cpuid_d1_eax(void);
int host_has_rdpid(void);
uint32_t cpuid_1_ecx_simd(void);
uint32_t cpuid_7_ebx_simd(void);
#define CPUID_1_EDX_FEATURES cpuid_1_edx_features()

/* Materialise / load EFLAGS from the lazy condition-code state (op/i386/helper*.c).
 * cc_op == 0 (CC_OP_EFLAGS) means cc_src holds the O/S/Z/A/P/C bits, which is
 * the reset state of a zeroed CPUState. */
uint32_t cpu_get_eflags(CPUState *env);
void cpu_set_eflags(CPUState *env, uint32_t eflags);

#endif
