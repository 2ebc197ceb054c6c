/*
 * VFP short vectors: FPSCR.Len and FPSCR.Stride (ARM ARM DDI 0406C,
 * appendix "VFP vector operation support"; ARMv6's DDI 0100I, C5.1-C5.3).
 * The rules, written into model() below:
 *   - the registers form banks: s0-s7, s8-s15, s16-s23, s24-s31 for
 *     singles, d0-d3, d4-d7, d8-d11, d12-d15 for doubles;
 *   - a data-processing instruction other than a compare or a conversion
 *     is scalar if Len = 0 or Vd is in bank 0; else it operates on
 *     Len + 1 elements: Vd and Vn step by the stride (1 for Stride = 00,
 *     2 for 11) and wrap around within their bank, and Vm too unless it
 *     is in bank 0, where it is one scalar for every element (mixed);
 *   - VCMP and VCVT are always scalar;
 *   - the elements are computed in order, each a scalar operation.
 * Each case writes one instruction into a page at run time (every
 * register combination below, so no stub per case), runs it with a given
 * FPSCR on a known register file, and compares all 32 S registers and
 * the FPSCR read back inside (Len and Stride are readable, and exact
 * arithmetic raises no flag) with the model.  The FPSCR is run with IXC
 * clear and set: set, the inline SSE ops (op/arm/op-vfp.c) would take
 * the scalar fast path if they ignored Len.  Only the defined cases are
 * run (a vector that runs into itself, or Stride 01/10, is
 * UNPREDICTABLE).  ARMv6 code with VFPv2, so that qemu-arm -cpu arm1136
 * (VFP11: short vectors in hardware) can be a second opinion; VMOV
 * immediate (VFPv3) runs only where AT_HWCAP has VFPv3.
 *
 * cflags: -march=armv6 -mfpu=vfp -mfloat-abi=softfp -fno-math-errno
 * cpus: any arm1136
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <ucontext.h>

#include "insn-test.h"

typedef union {
    uint32_t s[32];
    uint64_t d[16];
    float f[32];
    double g[16];
} Regs;

/* run_page(regs, fpscr, page): load s0-s31 from regs, call the page
 * (VMSR FPSCR, r1; the instruction; VMRS r1, FPSCR; BX LR) with FPSCR
 * restored after, store s0-s31 and the FPSCR read inside (regs[32]). */
__asm__(".syntax unified\n"
        ".arch armv6\n"
        ".fpu vfp\n"
        ".text\n"
        ".arm\n"
        ".align 2\n"
        "run_page: push {r4, lr}\n"
        "          vpush {d8-d15}\n"
        "          vldmia r0, {s0-s31}\n"
        "          vmrs r4, fpscr\n"
        "          blx r2\n"
        "          vmsr fpscr, r4\n"
        "          vstmia r0, {s0-s31}\n"
        "          str r1, [r0, #128]\n"
        "          vpop {d8-d15}\n"
        "          pop {r4, pc}\n");
void run_page(uint32_t *regs, uint32_t fpscr, uint32_t *page);

/* sig_probe(fpscr): run BKPT (SIGTRAP; the handler steps over it) with
 * that FPSCR and return the FPSCR after the handler, restoring the
 * caller's. */
__asm__(".text\n"
        ".arm\n"
        ".align 2\n"
        "sig_probe: vmrs r2, fpscr\n"
        "           vmsr fpscr, r0\n"
        "           bkpt #0\n"
        "           vmrs r0, fpscr\n"
        "           vmsr fpscr, r2\n"
        "           bx lr\n");
uint32_t sig_probe(uint32_t fpscr);

enum { BIN, MAC, UN, IMM, CMP, CVT };
enum { ADD, SUB, MUL, DIV, MLA, MLS, NMLA, NMLS, NMUL, ABS, NEG, MOV, SQRT, MOVI, VCMP, VCVT };

static const struct {
    const char *name;
    int op, form;
    uint32_t word; /* cond AL, registers 0, single precision */
} ops[] = {
    {"VADD", ADD, BIN, 0xee300a00}, {"VSUB", SUB, BIN, 0xee300a40},
    {"VMUL", MUL, BIN, 0xee200a00}, {"VDIV", DIV, BIN, 0xee800a00},
    {"VNMUL", NMUL, BIN, 0xee200a40}, {"VMLA", MLA, MAC, 0xee000a00},
    {"VMLS", MLS, MAC, 0xee000a40}, {"VNMLA", NMLA, MAC, 0xee100a40},
    {"VNMLS", NMLS, MAC, 0xee100a00}, {"VABS", ABS, UN, 0xeeb00ac0},
    {"VNEG", NEG, UN, 0xeeb10a40}, {"VMOV", MOV, UN, 0xeeb00a40},
    {"VSQRT", SQRT, UN, 0xeeb10ac0}, {"VMOV #1.0", MOVI, IMM, 0xeeb70a00},
    {"VCMP", VCMP, CMP, 0xeeb40a40}, {"VCVT.F64.F32", VCVT, CVT, 0xeeb70ac0},
};

/* A register number in an instruction: Vx:x for singles, x:Vx for
 * doubles (ARM ARM A7.3). */
static uint32_t field(int r, int dp, int vshift, int xshift)
{
    if (dp)
        return (uint32_t)(r & 15) << vshift | (uint32_t)(r >> 4) << xshift;
    return (uint32_t)(r >> 1) << vshift | (uint32_t)(r & 1) << xshift;
}

static uint32_t encode(int i, int dp, int d, int n, int m)
{
    uint32_t w = ops[i].word | (uint32_t)dp << 8;

    if (ops[i].form == CVT) /* single source, double destination */
        return w | field(d, 1, 12, 22) | field(m, 0, 0, 5);
    w |= field(d, dp, 12, 22);
    if (ops[i].form == BIN || ops[i].form == MAC)
        w |= field(n, dp, 16, 7);
    if (ops[i].form != IMM)
        w |= field(m, dp, 0, 5);
    return w;
}

static double arith(int op, double a, double b, double acc)
{
    switch (op) {
    case ADD: return a + b;
    case SUB: return a - b;
    case MUL: return a * b;
    case DIV: return a / b;
    case NMUL: return -(a * b);
    case MLA: return acc + a * b;
    case MLS: return acc - a * b;
    case NMLA: return -acc - a * b;
    case NMLS: return -acc + a * b;
    case ABS: return b < 0 ? -b : b;
    case NEG: return -b;
    case MOV: return b;
    case SQRT: return __builtin_sqrt(b);
    default: return 1.0; /* MOVI */
    }
}

static int step(int r, int stride, int size)
{
    return (r & ~(size - 1)) | ((r + stride) & (size - 1));
}

/* The ARM ARM's rules, on the register file r. */
static void model(int i, int dp, int len, int stride, int d, int n, int m, Regs *r,
                  uint32_t *fpscr)
{
    int op = ops[i].op, size = dp ? 4 : 8;
    int count = (ops[i].form == CMP || ops[i].form == CVT || len == 0 || d < size) ? 1 : len + 1;
    int m_vector = m >= size;

    if (op == VCMP) {
        double a = dp ? r->g[d] : r->f[d], b = dp ? r->g[m] : r->f[m];
        uint32_t nzcv = a < b ? 0x8 : a == b ? 0x6 : 0x2;
        *fpscr = (*fpscr & 0x0fffffffu) | nzcv << 28;
        return;
    }
    if (op == VCVT) {
        r->g[d] = r->f[m];
        return;
    }
    for (int e = 0; e < count; e++) {
        if (dp)
            r->g[d] = arith(op, r->g[n], r->g[m], r->g[d]);
        else
            r->f[d] = (float)arith(op, r->f[n], r->f[m], r->f[d]);
        d = step(d, stride, size);
        n = step(n, stride, size);
        if (m_vector)
            m = step(m, stride, size);
    }
}

/* Small integers, their squares for VSQRT, powers of two for VDIV:
 * every result is exact. */
static void init_regs(Regs *r, int dp, int op)
{
    for (int k = 0; k < (dp ? 16 : 32); k++) {
        double v = op == SQRT ? (double)((k + 1) * (k + 1))
                   : op == DIV ? (double)(1 << (k % 6)) * (k & 1 ? -1 : 1)
                               : (double)(k + 1) * (k & 1 ? -1 : 1);
        if (dp)
            r->g[k] = v;
        else
            r->f[k] = (float)v;
    }
}

static uint32_t *page;

static void run_case(int i, int dp, int len, int stride, int ixc, int d, int n, int m)
{
    uint32_t buf[33], want_fpscr;
    uint32_t fpscr = (uint32_t)len << 16 | (uint32_t)stride << 20 | (ixc ? 0x10u : 0);
    Regs want;
    char what[96];

    page[1] = encode(i, dp, d, n, m);
    __builtin___clear_cache((char *)page, (char *)(page + 4));
    init_regs(&want, ops[i].form == CVT ? 0 : dp, ops[i].op);
    memcpy(buf, want.s, sizeof(want.s));
    want_fpscr = fpscr;
    model(i, dp, len, stride == 3 ? 2 : 1, d, n, m, &want, &want_fpscr);
    run_page(buf, fpscr, page);
    snprintf(what, sizeof(what), "%s.%s d=%d n=%d m=%d len=%d stride=%d ixc=%d", ops[i].name,
             dp ? "F64" : "F32", d, n, m, len + 1, stride == 3 ? 2 : 1, ixc);
    for (int k = 0; k < 32; k++)
        check(what, buf[k], want.s[k]);
    check(what, buf[32], want_fpscr);
}

/* Len/Stride pairs whose vectors stay inside a bank (the defined cases):
 * singles up to 8 elements at stride 1, 4 at stride 2; doubles 4 and 2. */
static const int shapes[2][6][2] = {
    {{0, 0}, {1, 0}, {3, 0}, {7, 0}, {1, 3}, {3, 3}},
    {{0, 0}, {1, 0}, {2, 0}, {3, 0}, {1, 3}, {0, 3}},
};

/* The signal handler runs with Len and Stride clear (the procedure call
 * standard's state at a function's entry; Linux's
 * vfp_preserve_user_clear_hwstate), the frame's VFP record holds the
 * interrupted FPSCR, and sigreturn restores it. */
static volatile uint32_t handler_fpscr, frame_fpscr;

static void on_trap(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    const uint32_t *aux = (const uint32_t *)uc->uc_regspace;
    uint32_t f;

    (void)sig, (void)si;
    __asm__ volatile("vmrs %0, fpscr" : "=r"(f));
    handler_fpscr = f;
    /* struct vfp_sigframe: magic, size, 32 doubles, then fpscr */
    frame_fpscr = aux[0] == 0x56465001u ? aux[2 + 64] : 0xdeadbeefu;
    uc->uc_mcontext.arm_pc += 4; /* over the BKPT */
}

static void test_signal(void)
{
    struct sigaction sa, old;
    uint32_t set = 3u << 16 | 3u << 20 | 1u << 22, after; /* Len 4, stride 2, RP */

    group("signal handler: Len/Stride clear, restored by sigreturn");
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_trap;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGTRAP, &sa, &old);
    after = sig_probe(set);
    sigaction(SIGTRAP, &old, NULL);
    check("FPSCR in the handler", handler_fpscr, set & ~(7u << 16 | 3u << 20));
    check("FPSCR in the frame", frame_fpscr, set);
    check("FPSCR after sigreturn", after, set);
    end_group();
}

/* same_code_probe(fpscr, fn): VMSR FPSCR, r0 with s8 = 1.0, s9 = 0,
 * s16 = 2.0, s17 = 3.0, then an indirect call of fn, VMOV.F32 s8, s16
 * (scalar with Len = 0, s8 and s9 from s16 and s17 with Len = 1), FPSCR
 * back; returns s9.  Called alternately with Len 0 and 1: the same code,
 * reached through an indirect branch each time, must run as the current
 * Len says, whatever it ran under before (stitch translates it once per
 * Len and must never enter the one under the other: op/arm/cpu.h,
 * TB_FLAG_VECLEN). */
__asm__(".syntax unified\n"
        ".arch armv6\n"
        ".fpu vfp\n"
        ".text\n"
        ".arm\n"
        ".align 2\n"
        "same_code_probe: push {r4, lr}\n"
        "          vpush {d8}\n"
        "          vmrs r4, fpscr\n"
        "          vmsr fpscr, r0\n"
        "          mov r0, #0x3f800000\n"
        "          vmov s8, r0\n"
        "          mov r0, #0\n"
        "          vmov s9, r0\n"
        "          mov r0, #0x40000000\n"
        "          vmov s16, r0\n"
        "          mov r0, #0x40000000\n"
        "          orr r0, r0, #0x400000\n"
        "          vmov s17, r0\n"
        "          blx r1\n"
        "          vmsr fpscr, r4\n"
        "          vmov r0, s9\n"
        "          vpop {d8}\n"
        "          pop {r4, pc}\n"
        "vmov_s8_s16: vmov.f32 s8, s16\n"
        "          bx lr\n");
uint32_t same_code_probe(uint32_t fpscr, void (*fn)(void));
void vmov_s8_s16(void);

static void test_same_code(void)
{
    group("the same code under Len 0 and Len 1, reached by indirect branches");
    for (int k = 0; k < 6; k++) {
        int len = k & 1;
        check(len ? "VMOV with Len = 1: s9 = s17" : "VMOV with Len = 0: s9 unchanged",
              same_code_probe((uint32_t)len << 16, vmov_s8_s16), len ? 0x40400000u : 0);
    }
    end_group();
}

int main(void)
{
    /* Destinations: bank 0 (scalar), a bank's first register, one near a
     * bank's end (wraps), the last bank.  Vn in another bank; Vm in bank
     * 0 (mixed), a vector, or the destination itself. */
    static const int dregs[2][4] = {{2, 8, 14, 27}, {1, 4, 6, 13}};
    static const int nregs[2] = {17, 9};
    static const int mregs[2][2] = {{3, 20}, {2, 10}};
    int vfp3 = (getauxval(AT_HWCAP) & (1u << 13)) != 0; /* HWCAP_VFPv3 */

    page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS,
                -1, 0);
    if (page == MAP_FAILED) {
        printf("FAIL: mmap\n");
        return 1;
    }
    page[0] = 0xeee11a10; /* vmsr fpscr, r1 */
    page[2] = 0xeef11a10; /* vmrs r1, fpscr */
    page[3] = 0xe12fff1e; /* bx lr */

    for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
        if (ops[i].form == IMM && !vfp3)
            continue;
        group(ops[i].name);
        for (int dp = 0; dp < 2; dp++) {
            if (ops[i].form == CVT && dp)
                continue;
            for (int sh = 0; sh < 6; sh++)
                for (int ixc = 0; ixc < 2; ixc++)
                    for (int di = 0; di < 4; di++)
                        for (int mi = 0; mi < 3; mi++) {
                            int d = dregs[ops[i].form == CVT ? 1 : dp][di];
                            int m = mi < 2 ? mregs[dp][mi] : d;
                            if (ops[i].form == CVT && mi == 2)
                                continue;
                            run_case((int)i, dp, shapes[dp][sh][0], shapes[dp][sh][1], ixc, d,
                                     nregs[dp], m);
                        }
        }
        end_group();
    }
    test_signal();
    test_same_code();
    return finish();
}
