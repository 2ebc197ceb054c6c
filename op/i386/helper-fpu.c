/*
 * The x87 state images (Intel SDM vol. 1, 8.1.10 and 10.5.1; vol. 2
 * FNSTENV, FLDENV, FNSAVE, FRSTOR, FXSAVE, FXRSTOR).
 *
 * Every other x87 instruction runs on the host as it is (op/i386/x87-ops.h).
 * These six write or read the x87 state as a memory image whose
 * instruction and operand pointers would be host addresses on the host,
 * so they are C on CPUState's copy of the state: the _live wrappers move
 * the state out of the host registers first and back afterwards
 * (op/i386/fpu-state.h).  The pointers (FIP, FOP, FDP) are the guest's,
 * which generated code keeps in CPUState (translate/i386/fpu.c); their
 * selectors (FCS, FDS) are CS and DS, or 0 while the pointer is (after
 * FNINIT), as this host writes them.
 *
 * Helpers access guest memory directly; a fault there is recovered like a
 * fault in generated code (exec/cpu-exec.c), and every helper touches the
 * last byte of its image before it changes anything, so a faulting
 * instruction has no effect.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "fpu-state.h"
#include "helper-fpu.h"
#include "helper.h"

/* Status word bits (SDM vol. 1, 8.1.3). */
#define FPUS_EXC 0x003f   /* IE DE ZE OE UE PE */
#define FPUS_ES 0x0080
#define FPUS_TOP 0x3800
#define FPUS_B 0x8000

/* The control word stitch itself runs with (Linux's default). */
static const uint16_t host_cw = FPUC_RESET;

static inline uint16_t guest_cw(const CPUState *env)
{
    return env->fpuc_x ^ FPUC_RESET;
}

static inline FPReg *st(CPUState *env, uint32_t i)
{
    return &env->fpregs[(env->fpstt + i) & 7];
}

/* FNINIT: the reset state, which is all zeros in CPUState (cpu.h). */
static void fninit(CPUState *env)
{
    env->fpuc_x = 0;
    env->fpus = 0;
    env->fpstt = 0;
    memset(env->fptag_used, 0, sizeof(env->fptag_used));
    env->fpip = env->fpop = env->fpdp = 0;
}

/* FCS and FDS: the segments of the last instruction and operand.  Only
 * DS is assumed for the operand (an FS or GS override is not tracked:
 * docs/divergences.md). */
static uint16_t fcs(const CPUState *env)
{
    return env->fpip ? (uint16_t)env->segs[R_CS].selector : 0;
}

static uint16_t fds(const CPUState *env)
{
    return env->fpdp ? (uint16_t)env->segs[R_DS].selector : 0;
}

/* FNSTSW: TOP goes into bits 11-13; ES and B say an unmasked exception is
 * pending. */
static uint16_t fnstsw(const CPUState *env)
{
    uint16_t sw = (env->fpus & ~(FPUS_TOP | FPUS_ES | FPUS_B)) |
                  (uint16_t)(env->fpstt << 11);

    if (env->fpus & ~guest_cw(env) & FPUS_EXC)
        sw |= FPUS_ES | FPUS_B;
    return sw;
}

/* FLDCW: the host normalises the reserved bits exactly as the guest's CPU
 * (it is the same CPU). */
static void fldcw(CPUState *env, uint16_t in)
{
    uint16_t out;

    __asm__ __volatile__("fldcw %1\n\tfnstcw %0\n\tfldcw %2"
                         : "=m"(out)
                         : "m"(in), "m"(host_cw));
    env->fpuc_x = out ^ FPUC_RESET;
}

/* ---- state images (SDM vol. 1, 8.1.10 and 10.5.1) ---- */

/* The 2-bit tag of physical register r (SDM vol. 1, figure 8-7): valid,
 * zero, special (NaN, infinity, denormal, unsupported) or empty. */
static unsigned full_tag(const CPUState *env, int r)
{
    const FPReg *v = &env->fpregs[r];
    unsigned exp = v->x.sexp & 0x7fff;

    if (!env->fptag_used[r])
        return 3;
    if (exp == 0x7fff)
        return 2;
    if (exp == 0)
        return v->x.mant == 0 ? 1 : 2;
    return v->x.mant >> 63 ? 0 : 2;
}

static uint16_t tag_word(const CPUState *env)
{
    uint16_t tw = 0;

    for (int r = 0; r < 8; r++)
        tw |= (uint16_t)(full_tag(env, r) << (2 * r));
    return tw;
}

static void put16(uint32_t addr, uint16_t v) { memcpy(g2h(addr), &v, 2); }
static void put32(uint32_t addr, uint32_t v) { memcpy(g2h(addr), &v, 4); }
static uint16_t get16(uint32_t addr)
{
    uint16_t v;

    memcpy(&v, g2h(addr), 2);
    return v;
}
static uint32_t get32(uint32_t addr)
{
    uint32_t v;

    memcpy(&v, g2h(addr), 4);
    return v;
}

/* The environment (SDM vol. 1, figures 8-9 and 8-10, protected mode):
 * 28 bytes in 32-bit form, 14 in 16-bit form: the three words, FIP, FCS
 * with FOP in bits 16-26 (32-bit form only), FDP, and FDS, whose upper
 * half this host writes as ones, like the words'.  Returns its size. */
static uint32_t store_env(CPUState *env, uint32_t addr, uint32_t data32)
{
    uint16_t words[3] = {guest_cw(env), fnstsw(env),
                         tag_word(env)};

    if (data32) {
        for (int i = 0; i < 3; i++)
            put32(addr + 4 * i, 0xffff0000u | words[i]);
        put32(addr + 12, env->fpip);
        put32(addr + 16, fcs(env) | (env->fpop & 0x7ff) << 16);
        put32(addr + 20, env->fpdp);
        put32(addr + 24, 0xffff0000u | fds(env));
        return 28;
    }
    for (int i = 0; i < 3; i++)
        put16(addr + 2 * i, words[i]);
    put16(addr + 6, (uint16_t)env->fpip);
    put16(addr + 8, fcs(env));
    put16(addr + 10, (uint16_t)env->fpdp);
    put16(addr + 12, fds(env));
    return 14;
}

static uint32_t load_env(CPUState *env, uint32_t addr, uint32_t data32)
{
    uint32_t step = data32 ? 4 : 2;
    uint16_t cw = get16(addr), sw = get16(addr + step);
    uint16_t tw = get16(addr + 2 * step);

    fldcw(env, cw);
    env->fpstt = (sw >> 11) & 7;
    env->fpus = sw & ~FPUS_TOP;
    for (int r = 0; r < 8; r++)
        env->fptag_used[r] = ((tw >> (2 * r)) & 3) != 3;
    if (data32) {
        env->fpip = get32(addr + 12);
        env->fpop = (get32(addr + 16) >> 16) & 0x7ff;
        env->fpdp = get32(addr + 20);
    } else {
        env->fpip = get16(addr + 6);
        env->fpdp = get16(addr + 10);
    }
    return data32 ? 28 : 14;
}

/* FNSTENV also masks every exception (SDM FSTENV). */
void helper_fnstenv(CPUState *env, uint32_t addr, uint32_t data32)
{
    (void)get32(addr + (data32 ? 24 : 12)); /* fault before any store */
    store_env(env, addr, data32);
    env->fpuc_x = (guest_cw(env) | FPUS_EXC) ^ FPUC_RESET;
}

void helper_fldenv(CPUState *env, uint32_t addr, uint32_t data32)
{
    (void)get16(addr + (data32 ? 24 : 12));
    load_env(env, addr, data32);
}

/* FNSAVE: the environment, then ST(0)..ST(7) as 10-byte values; then
 * FNINIT (SDM FSAVE). */
void helper_fnsave(CPUState *env, uint32_t addr, uint32_t data32)
{
    uint32_t p;

    (void)get16(addr + (data32 ? 107 : 93));
    p = addr + store_env(env, addr, data32);
    for (int i = 0; i < 8; i++)
        memcpy(g2h(p + 10 * i), st(env, i), 10);
    fninit(env);
}

void helper_frstor(CPUState *env, uint32_t addr, uint32_t data32)
{
    uint32_t p;

    (void)get16(addr + (data32 ? 107 : 93));
    p = addr + load_env(env, addr, data32);
    for (int i = 0; i < 8; i++) {
        FPReg *r = st(env, i);
        memset(r, 0, sizeof(*r));
        memcpy(r, g2h(p + 10 * i), 10);
    }
}

/* MXCSR_MASK as this CPU reports it in FXSAVE (SDM vol. 1, 11.6.6).
 * Threads may ask at the same time: each finds the same value, and the
 * cached copy is read and written atomically. */
uint32_t host_mxcsr_mask(void)
{
    static uint32_t mask;
    uint32_t m = __atomic_load_n(&mask, __ATOMIC_RELAXED);

    if (!m) {
        uint8_t area[512] __attribute__((aligned(16)));
        __asm__ __volatile__("fxsave %0" : "=m"(area));
        memcpy(&m, area + 28, 4);
        if (!m)
            m = 0xffbf; /* SDM: zero there means this default */
        __atomic_store_n(&mask, m, __ATOMIC_RELAXED);
    }
    return m;
}

/*
 * FXSAVE (SDM vol. 1, table 10-2): FCW, FSW, abridged tag byte (1 = in
 * use), FOP, FIP, FCS, FDP, FDS, MXCSR and MXCSR_MASK, ST(0)..ST(7) in
 * 16-byte slots (reserved bytes written as 0), XMM0-7.  Bytes 288-511 are
 * left alone.  The 16-byte alignment check (#GP) is not made.  The five
 * pointer fields are written only while an unmasked exception is pending
 * (FSW.ES) and are 0 otherwise, as this host (AMD) writes them: AMD's
 * FXSAVE and XSAVE skip them without ES (AMD APM vol. 5, FXSAVE; Linux's
 * X86_BUG_FXSAVE_LEAK), which docs/divergences.md notes for Intel hosts.
 */
void helper_fxsave(CPUState *env, uint32_t addr, uint32_t data32)
{
    uint8_t img[288];
    uint8_t tags = 0;
    uint16_t w;
    uint32_t l;

    (void)data32;
    memset(img, 0, sizeof(img));
    w = guest_cw(env);
    memcpy(img, &w, 2);
    w = fnstsw(env);
    memcpy(img + 2, &w, 2);
    for (int r = 0; r < 8; r++)
        tags |= (uint8_t)(env->fptag_used[r] << r);
    img[4] = tags;
    if (w & FPUS_ES) { /* the guest sees the pointers (op/i386/x87-fip.c) */
        uint32_t ptr[4] = {env->fpip, fcs(env), env->fpdp, fds(env)};
        x87_ptrs_switch();
        w = (uint16_t)(env->fpop & 0x7ff);
        memcpy(img + 6, &w, 2);
        memcpy(img + 8, ptr, sizeof(ptr));
    }
    l = env->mxcsr_x ^ MXCSR_RESET;
    memcpy(img + 24, &l, 4);
    l = host_mxcsr_mask();
    memcpy(img + 28, &l, 4);
    for (int i = 0; i < 8; i++)
        memcpy(img + 32 + 16 * i, st(env, i), 10);
    memcpy(img + 160, env->xmm, 128);
    memcpy(g2h(addr), img, sizeof(img));
}

/* Does the FXSAVE image at addr set an MXCSR bit this CPU does not
 * implement?  FXRSTOR, XRSTOR and LDMXCSR are #GP(0) then (SDM vol. 2). */
int fx_mxcsr_reserved(uint32_t addr)
{
    uint32_t l;

    memcpy(&l, g2h(addr + 24), 4);
    return (l & ~host_mxcsr_mask()) != 0;
}

void helper_fxrstor(CPUState *env, uint32_t addr, uint32_t data32)
{
    (void)data32;
    if (fx_mxcsr_reserved(addr))
        helper_raise_exception(env, EXCP_GPF);
    fxrstor_image(env, addr);
}

/* FXRSTOR's loads, MXCSR's reserved bits left out (the callers check). */
void fxrstor_image(CPUState *env, uint32_t addr)
{
    uint8_t img[288];
    uint16_t w;
    uint32_t l;

    memcpy(img, g2h(addr), sizeof(img));
    memcpy(&w, img, 2);
    fldcw(env, w);
    memcpy(&w, img + 2, 2);
    env->fpstt = (w >> 11) & 7;
    env->fpus = w & ~FPUS_TOP;
    for (int r = 0; r < 8; r++)
        env->fptag_used[r] = (img[4] >> r) & 1;
    memcpy(&w, img + 6, 2);
    env->fpop = w & 0x7ff;
    memcpy(&env->fpip, img + 8, 4);
    memcpy(&env->fpdp, img + 16, 4);
    memcpy(&l, img + 24, 4);
    env->mxcsr_x = (l & host_mxcsr_mask()) ^ MXCSR_RESET;
    for (int i = 0; i < 8; i++) {
        FPReg *r = st(env, i);
        memset(r, 0, sizeof(*r));
        memcpy(r, img + 32 + 16 * i, 10);
    }
    memcpy(env->xmm, img + 160, 128);
}

/* The ops' entry points: the live state moved into CPUState and back. */
#define X87_ENV_LIVE(n)                                                     \
    void helper_##n##_live(CPUState *env, uint32_t addr, uint32_t data32)   \
    {                                                                       \
        fpu_state_save(env);                                                \
        helper_##n(env, addr, data32);                                      \
        fpu_state_load(env);                                                \
    }
X87_ENV_HELPERS(X87_ENV_LIVE)

/* x87: FCW 0x37f, FSW 0, every tag empty, FIP FDP FOP 0; SSE: the XMM
 * registers 0 and MXCSR 0x1f80 (SDM vol. 1, 13.6: MXCSR 0x1f81 with zero
 * registers counts as in use on the hardware too). */
uint32_t helper_x87_sse_inuse(CPUState *env)
{
    static const XMMReg zero;
    uint32_t r = 0;

    if (env->fpuc_x || fnstsw(env) || env->fpip || env->fpdp || env->fpop)
        r |= 1;
    for (int i = 0; i < 8; i++)
        if (env->fptag_used[i])
            r |= 1;
    if (env->mxcsr_x)
        r |= 2;
    for (int i = 0; i < 8; i++)
        if (memcmp(&env->xmm[i], &zero, sizeof(zero)))
            r |= 2;
    return r;
}

void helper_x87_init(CPUState *env)
{
    fninit(env);
}

/* The state a process starts with (and a signal handler, and sigreturn
 * without saved state): FNINIT, MXCSR 0x1f80, XMM registers zero. */
void helper_fninit_state(CPUState *env)
{
    fninit(env);
    env->mxcsr_x = 0;
    memset(env->xmm, 0, sizeof(env->xmm));
}
