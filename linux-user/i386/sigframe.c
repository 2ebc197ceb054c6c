/*
 * i386 signal frames: what the kernel pushes on the user stack before
 * running a handler, and what sigreturn / rt_sigreturn read back
 * (arch/x86/kernel/signal_32.c, arch/x86/include/asm/sigframe.h).
 *
 *   high addresses   caller's stack (esp at the signal)
 *                    ... aligned so that (frame + 4) % 16 == 0 ...
 *   rt_sigframe:     retcode[8]   movl $173,%eax; int $0x80
 *                    uc           ucontext: flags, link, stack, sigcontext, mask
 *                    info         siginfo (128 bytes)
 *                    puc, pinfo   the handler's 3rd and 2nd arguments
 *                    sig          its 1st argument
 *   esp ->           pretcode     return address: sa_restorer or &retcode
 *
 * The non-RT sigframe is pretcode, sig, sigcontext, an unused 624-byte FPU
 * area, the high half of the old mask, and retcode (popl %eax; movl $119,
 * %eax; int $0x80).
 *
 * Above either frame (get_sigframe, fpu__alloc_mathframe) is the x87/SSE
 * state the sigcontext's fpstate points to: struct _fpstate_32, the FNSAVE
 * image with status and magic 0 (X86_FXSR_MAGIC), then the FXSAVE image,
 * 64-byte aligned.  The handler starts with the initial FPU state, and
 * sigreturn restores the saved one, so a handler that computes in floating
 * point does not disturb the code it interrupted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <asm/unistd_32.h> /* __NR_sigreturn, __NR_rt_sigreturn: guest numbers */
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <stdio.h>
#include <stddef.h>
#include <string.h>

#include "helper-fpu.h"
#include "guest-signal.h"
#include "user.h"

/* arch/x86/include/uapi/asm/sigcontext.h: struct sigcontext_32. */
typedef struct {
    uint16_t gs, gsh, fs, fsh, es, esh, ds, dsh;
    uint32_t edi, esi, ebp, esp, ebx, edx, ecx, eax;
    uint32_t trapno, err, eip;
    uint16_t cs, csh;
    uint32_t eflags, esp_at_signal;
    uint16_t ss, ssh;
    uint32_t fpstate, oldmask, cr2;
} TargetSigcontext;
_Static_assert(sizeof(TargetSigcontext) == 88, "i386 struct sigcontext");

/* struct ucontext_ia32; the mask is only 4-byte aligned. */
typedef struct {
    uint32_t uc_flags, uc_link;
    TargetStack uc_stack;
    TargetSigcontext uc_mcontext;
    uint32_t uc_sigmask[2];
} TargetUcontext;
_Static_assert(sizeof(TargetUcontext) == 116, "i386 struct ucontext");

typedef struct {
    uint32_t pretcode;
    int32_t sig;
    TargetSigcontext sc;
    uint8_t fpstate_unused[624]; /* struct _fpstate_32, kept for the layout */
    uint32_t extramask;
    uint8_t retcode[8];
} TargetSigframe;
_Static_assert(sizeof(TargetSigframe) == 732, "i386 struct sigframe");

typedef struct {
    uint32_t pretcode;
    int32_t sig;
    uint32_t pinfo, puc;
    TargetSiginfo info;
    TargetUcontext uc;
    uint8_t retcode[8];
} TargetRtSigframe;
_Static_assert(sizeof(TargetRtSigframe) == 268, "i386 struct rt_sigframe");
_Static_assert(sizeof(TargetSiginfo) == 128, "i386 siginfo_t");

/* __USER_CS / __USER_DS of the x86 kernel (GDT entries 4 and 5, RPL 3). */
#define USER_CS 0x23
#define USER_DS 0x2b

/* EFLAGS bits sigreturn takes from the frame (FIX_EFLAGS, signal.c):
 * AC OF DF TF SF ZF AF PF CF RF. */
#define EFLAGS_RF 0x10000
#define FIX_EFLAGS (AC_MASK | CC_O | DF_MASK | TF_MASK | CC_ALL | EFLAGS_RF)

/* ---- Trap information of the next frame ---------------------------------- */

static __thread struct { /* per thread: the fault is the thread's own */
    uint32_t trapno, err, cr2;
} trap;

/* Set by the exception-to-signal code (cpu-loop.c) for the next
 * fault_set_trap(): the vector and error code of a CPU exception. */
static struct {
    int set;
    uint32_t trapno, err;
} next_trap;

void fault_next_trap(uint32_t trapno, uint32_t err)
{
    next_trap.set = 1;
    next_trap.trapno = trapno;
    next_trap.err = err;
}

/* The vector and error code the CPU reported, as the kernel saves them in
 * thread.trap_nr / error_code / cr2 (arch/x86/kernel/traps.c, mm/fault.c):
 * #PF is 14 with error code 4 (user) | 2 (write) | 1 (page present), the
 * last two from the host's fault (pf_err, exec/cpu-exec.c), #GP 13, #UD 6,
 * #BP 3, #DE 0;
 * x87 #MF 16 and SIMD #XM 19 come from the host's own trap (pf_err). */
void fault_set_trap(int sig, int si_code, uint32_t addr, uint32_t pf_err)
{
    memset(&trap, 0, sizeof(trap));
    if (next_trap.set) {
        next_trap.set = 0;
        trap.trapno = next_trap.trapno;
        trap.err = next_trap.err;
        trap.cr2 = trap.trapno == 14 ? addr : 0;
        return;
    }
    switch (sig) {
    case SIGSEGV:
        if (si_code == SEGV_MAPERR || si_code == SEGV_ACCERR || si_code == SEGV_PKUERR) {
            trap.trapno = 14;
            /* W and P as the host's MMU reported them for the same page
             * with the same protection (P = 0 for PROT_NONE and for a
             * page not populated yet), and PK for a present page of an
             * execute-only mapping (its key denied the access). */
            trap.err = 4 | (pf_err & (3 | PF_ERR_PK));
            trap.cr2 = addr;
        } else {
            trap.trapno = 13;
        }
        break;
    case SIGBUS: /* a page fault past the end of a file mapping */
        trap.trapno = 14;
        trap.err = 4 | (pf_err & 3);
        trap.cr2 = addr;
        break;
    case SIGILL: trap.trapno = 6; break;
    case SIGTRAP: trap.trapno = 3; break;
    case SIGFPE: /* #DE, or #MF / #XM with the vector in pf_err */
        trap.trapno = si_code == FPE_INTDIV ? 0 : pf_err;
        break;
    }
}

/* ---- The alternate stack ------------------------------------------------- */

static int on_sig_stack(uint32_t sp)
{
    return sp > self->ss_sp && sp - self->ss_sp <= self->ss_size;
}

int sas_ss_flags(uint32_t sp)
{
    if (!self->ss_size)
        return TARGET_SS_DISABLE;
    return on_sig_stack(sp) ? TARGET_SS_ONSTACK : 0;
}

/* struct _fpstate_32 (arch/x86/include/uapi/asm/sigcontext.h): the FNSAVE
 * image, status, magic, then the 512-byte FXSAVE image. */
#define FPSTATE_FSAVE_SIZE 112
#define FPSTATE_SIZE (FPSTATE_FSAVE_SIZE + 512)
#define FPSTATE_MAGIC_FXSR 0x0000
#define FPSTATE_MAGIC_FSAVE 0xffff

/*
 * With XSAVE (the -cpu models with AVX, op/i386/cpu-models.c) the FXSAVE
 * image is the start of an XSAVE area in the standard format
 * (x87, SSE, AVX: 832 bytes, CPUID leaf 0xD) followed by TARGET_FP_XSTATE_MAGIC2,
 * and its software-reserved bytes 464-511 say so: struct _fpx_sw_bytes
 * (arch/x86/kernel/fpu/signal.c, save_sw_bytes, save_xstate_epilog).
 */
#define XSTATE_SIZE 832
#define XSTATE_BV 512
#define XSTATE_YMM 576
#define TARGET_FP_XSTATE_MAGIC1 0x46505853u
#define TARGET_FP_XSTATE_MAGIC2 0x46505845u

static int xstate_frames(void)
{
    return (cpu_model_simd_ecx & CPUID_1_ECX_XSAVE) != 0;
}

/* The bytes from the FXSAVE image on: the XSAVE area and MAGIC2, or the
 * FXSAVE image alone. */
static uint32_t fx_area_size(void)
{
    return xstate_frames() ? XSTATE_SIZE + 4 : 512;
}

/* get_sigframe(): the alternate stack if asked for and not already on it,
 * then the FPU state (its FXSAVE part 64-byte aligned), then room for the
 * frame, aligned as if a call had just pushed a return address onto a
 * 16-byte aligned stack. */
static uint32_t frame_address(const CPUState *env, const GuestSigaction *ka, uint32_t size,
                              uint32_t *fpstate)
{
    uint32_t sp = env->regs[R_ESP];

    if ((ka->flags & TARGET_SA_ONSTACK) && sas_ss_flags(sp) == 0)
        sp = self->ss_sp + self->ss_size;
    sp = ((sp - fx_area_size()) & ~63u) - FPSTATE_FSAVE_SIZE;
    *fpstate = sp;
    sp -= size;
    return ((sp + 4) & ~15u) - 4;
}

/* The AVX part of the XSAVE area after the FXSAVE image at fx: XSTATE_BV
 * with the x87 and SSE bits always set (save_xstate_epilog) and AVX's
 * when an upper half is not zero (its init state), the upper halves, the
 * software bytes and MAGIC2; the handler starts with them zero. */
static void save_xstate(CPUState *env, uint32_t fx)
{
    static const XMMReg zero;
    /* magic1, extended_size, xfeatures (64 bits), xstate_size */
    uint32_t sw[5] = {TARGET_FP_XSTATE_MAGIC1, XSTATE_SIZE + 4 + FPSTATE_FSAVE_SIZE, 7, 0,
                      XSTATE_SIZE};
    uint64_t bv = 3;
    uint32_t magic2 = TARGET_FP_XSTATE_MAGIC2;

    for (int i = 0; i < 8; i++)
        if (memcmp(&env->ymmh[i], &zero, 16))
            bv |= 4;
    memcpy(g2h(fx + 464), sw, sizeof(sw));
    memcpy(g2h(fx + XSTATE_BV), &bv, 8);
    memcpy(g2h(fx + XSTATE_YMM), env->ymmh, 8 * 16);
    memcpy(g2h(fx + XSTATE_SIZE), &magic2, 4);
    memset(env->ymmh, 0, 8 * 16);
}

/* Does the frame hold an XSAVE area: do its software bytes (into sw) and
 * MAGIC2 check out (check_xstate_in_sigframe)?  Else it is fx_only. */
static int xstate_in_frame(uint32_t fx, uint32_t sw[5])
{
    uint32_t magic2;

    memcpy(sw, g2h(fx + 464), 5 * sizeof(*sw));
    if (sw[0] != TARGET_FP_XSTATE_MAGIC1 || sw[4] < XSTATE_YMM || sw[4] > sw[1] ||
        !GUEST_R(fx, sw[4] + 4))
        return 0;
    memcpy(&magic2, g2h(fx + sw[4]), 4);
    return magic2 == TARGET_FP_XSTATE_MAGIC2;
}

/* The host's XCR0: the user features its kernel lets a frame name. */
static uint64_t host_xcr0(void)
{
    uint32_t lo, hi;

    __asm__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return (uint64_t)hi << 32 | lo;
}

/* An XSAVE header the kernel refuses (validate_user_xstate_header, from
 * copy_sigframe_from_user_to_xstate): a feature the host's user state
 * does not have, the compacted format (XCOMP_BV not 0), or a reserved
 * byte set.  The whole sigreturn fails then. */
static int xstate_header_bad(uint32_t fx)
{
    uint32_t sw[5];
    uint64_t hdr[8]; /* XSTATE_BV, XCOMP_BV, 48 reserved bytes */

    if (!xstate_in_frame(fx, sw))
        return 0;
    memcpy(hdr, g2h(fx + XSTATE_BV), sizeof(hdr));
    if (hdr[0] & ~host_xcr0())
        return 1;
    for (int i = 1; i < 8; i++)
        if (hdr[i])
            return 1;
    return 0;
}

/* sigreturn's AVX state: from an XSAVE area in the frame, the components
 * XSTATE_BV names, the others in their init state (SSE: XMM registers
 * zero; the x87 init is not modelled); without one (fx_only), upper
 * halves zero. */
static void restore_xstate(CPUState *env, uint32_t fx)
{
    uint32_t sw[5];
    uint64_t bv;

    memset(env->ymmh, 0, 8 * 16);
    if (!xstate_in_frame(fx, sw))
        return;
    memcpy(&bv, g2h(fx + XSTATE_BV), 8);
    bv &= sw[2] & 7;
    if (!(bv & 2))
        memset(env->xmm, 0, sizeof(env->xmm));
    if ((bv & 4) && sw[4] >= XSTATE_YMM + 128)
        memcpy(env->ymmh, g2h(fx + XSTATE_YMM), 8 * 16);
}

/* The pointers as a 64-bit kernel saves them: its FXSAVE runs in 64-bit
 * mode, whose image has 64-bit FIP and FDP and no FCS or FDS (SDM vol. 1,
 * table 10-3), and the header is converted from that image
 * (convert_from_fxsr(), arch/x86/kernel/fpu/regset.c): FIP and FDP from
 * it, FCS the task's CS without FOP, FDS its DS with the upper half set. */
static void set_fsave_pointers(const CPUState *env, uint32_t addr)
{
    uint32_t fx = addr + FPSTATE_FSAVE_SIZE, w[4];

    memset(g2h(fx + 12), 0, 4);
    memset(g2h(fx + 20), 0, 4);
    memcpy(&w[0], g2h(fx + 8), 4);
    w[1] = env->segs[R_CS].selector;
    memcpy(&w[2], g2h(fx + 16), 4);
    w[3] = 0xffff0000u | env->segs[R_DS].selector;
    memcpy(g2h(addr + 12), w, sizeof(w));
}

/* The interrupted code's x87/SSE state into the frame (copy_fpstate_to_sigframe),
 * and the initial state for the handler (fpu__clear_user_states): FNINIT,
 * MXCSR 0x1f80, XMM registers zero.  0 if the area is not writable. */
static uint32_t save_fpstate(CPUState *env, uint32_t addr)
{
    uint16_t *tail;

    if (!GUEST_W(addr, FPSTATE_FSAVE_SIZE + fx_area_size()))
        return 0;
    memset(g2h(addr), 0, FPSTATE_FSAVE_SIZE + fx_area_size());
    helper_fxsave(env, addr + FPSTATE_FSAVE_SIZE, 1);
    if (xstate_frames())
        save_xstate(env, addr + FPSTATE_FSAVE_SIZE);
    helper_fnsave(env, addr, 1); /* ends with FNINIT */
    set_fsave_pointers(env, addr);
    tail = g2h(addr + 108);
    tail[0] = *(uint16_t *)g2h(addr + 4); /* status: the status word */
    tail[1] = FPSTATE_MAGIC_FXSR;
    env->mxcsr_x = 0;
    memset(env->xmm, 0, sizeof(env->xmm));
    return addr;
}

/*
 * sigreturn's fpu__restore_sig() for a 32-bit frame on an x86_64 kernel
 * (arch/x86/kernel/fpu/signal.c, __fpu_restore_sig with ia32_fxstate):
 * the FXSAVE image gives MXCSR and the XMM registers, and is refused when
 * MXCSR has a bit outside mxcsr_feature_mask or its XSAVE header is bad
 * (xstate_header_bad); the x87 registers come from
 * the FNSAVE image in front of it (convert_to_fxsr), whatever its magic
 * word says.  No area means the initial state.  0, or -1 for a bad frame
 * (unreadable, reserved MXCSR bits, a bad XSAVE header).
 */
static int restore_fpstate(CPUState *env, uint32_t addr)
{
    uint32_t mxcsr;

    if (!addr) {
        helper_fninit_state(env);
        memset(env->ymmh, 0, 8 * 16);
        return 0;
    }
    if (!GUEST_R(addr, FPSTATE_SIZE))
        return -1;
    memcpy(&mxcsr, g2h(addr + FPSTATE_FSAVE_SIZE + 24), 4);
    if ((mxcsr & ~host_mxcsr_mask()) ||
        (xstate_frames() && xstate_header_bad(addr + FPSTATE_FSAVE_SIZE)))
        return -1;
    fxrstor_image(env, addr + FPSTATE_FSAVE_SIZE);
    helper_frstor(env, addr, 1);
    if (xstate_frames())
        restore_xstate(env, addr + FPSTATE_FSAVE_SIZE);
    return 0;
}

/* ---- Building a frame ---------------------------------------------------- */

static void save_sigcontext(TargetSigcontext *sc, CPUState *env, uint32_t mask)
{
    memset(sc, 0, sizeof(*sc));
    sc->gs = env->segs[R_GS].selector;
    sc->fs = env->segs[R_FS].selector;
    sc->es = env->segs[R_ES].selector;
    sc->ds = env->segs[R_DS].selector;
    sc->edi = env->regs[R_EDI], sc->esi = env->regs[R_ESI];
    sc->ebp = env->regs[R_EBP], sc->esp = env->regs[R_ESP];
    sc->ebx = env->regs[R_EBX], sc->edx = env->regs[R_EDX];
    sc->ecx = env->regs[R_ECX], sc->eax = env->regs[R_EAX];
    sc->trapno = trap.trapno;
    sc->err = trap.err;
    sc->eip = env->eip;
    sc->cs = env->segs[R_CS].selector;
    sc->eflags = cpu_get_eflags(env);
    sc->esp_at_signal = env->regs[R_ESP];
    sc->ss = env->segs[R_SS].selector;
    sc->oldmask = mask;
    sc->cr2 = trap.cr2;
}

static void set_seg(CPUState *env, int seg, uint32_t selector);
/* The registers a handler starts with (setup_frame / setup_rt_frame and
 * handle_signal): flat segments, DF and TF cleared. */
static void enter_handler(CPUState *env, const GuestSigaction *ka, uint32_t frame, int sig,
                          uint32_t edx, uint32_t ecx)
{
    env->regs[R_ESP] = frame;
    env->eip = ka->handler;
    env->regs[R_EAX] = (uint32_t)sig;
    env->regs[R_EDX] = edx;
    env->regs[R_ECX] = ecx;
    set_seg(env, R_DS, USER_DS);
    set_seg(env, R_ES, USER_DS);
    set_seg(env, R_SS, USER_DS);
    set_seg(env, R_CS, USER_CS);
    env->df = 1;
    env->eflags &= ~TF_MASK;
}

/* The return sequences of the two frames (what the kernel writes into
 * retcode): popl %eax; movl $__NR_sigreturn, %eax; int $0x80, and
 * movl $__NR_rt_sigreturn, %eax; int $0x80. */
static const uint8_t sigreturn_code[8] = { 0x58, 0xb8, __NR_sigreturn, 0, 0, 0, 0xcd, 0x80 };
static const uint8_t rt_sigreturn_code[8] = { 0xb8, __NR_rt_sigreturn, 0, 0, 0, 0xcd, 0x80, 0 };

/*
 * Where a handler installed without SA_RESTORER returns: Linux sends it to
 * its vDSO's __kernel_sigreturn / __kernel_rt_sigreturn, never to the
 * frame's retcode, since the stack is not executable (PT_GNU_STACK).
 * stitch maps no vDSO (docs/security.md), so the two sequences live in one
 * read-execute guest page of their own, mapped the first time a frame
 * needs it (as qemu 7's sigtramp page).  Returns its address, or 0 when it
 * cannot be mapped (the frame's retcode is used then).
 */
static uint32_t sigtramp(void)
{
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    static uint32_t page;
    uint32_t p = __atomic_load_n(&page, __ATOMIC_ACQUIRE);

    if (p)
        return p;
    pthread_mutex_lock(&lock);
    if (!page) {
        int32_t r = target_mmap(0, GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE,
                                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        uint8_t *code = is_error(r) ? NULL : GUEST_W((uint32_t)r, 16);
        if (code) {
            memcpy(code, sigreturn_code, 8);
            memcpy(code + 8, rt_sigreturn_code, 8);
            if (!is_error(target_mprotect((uint32_t)r, GUEST_PAGE_SIZE, PROT_READ | PROT_EXEC)))
                __atomic_store_n(&page, (uint32_t)r, __ATOMIC_RELEASE);
        }
    }
    pthread_mutex_unlock(&lock);
    return page;
}

/* pretcode: sa_restorer, else the sigtramp page's sequence at `offset`,
 * else the frame's own retcode at `retcode`. */
static uint32_t return_address(const GuestSigaction *ka, uint32_t offset, uint32_t retcode)
{
    uint32_t page;

    if (ka->flags & TARGET_SA_RESTORER)
        return ka->restorer;
    page = sigtramp();
    return page ? page + offset : retcode;
}

static int setup_frame(CPUState *env, int sig, const GuestSigaction *ka, uint64_t mask)
{
    uint32_t fpstate, addr = frame_address(env, ka, sizeof(TargetSigframe), &fpstate);
    TargetSigframe *f = GUEST_W(addr, sizeof(*f));

    if (!f)
        return -1;
    memset(f, 0, sizeof(*f));
    f->sig = sig;
    save_sigcontext(&f->sc, env, (uint32_t)mask);
    if (!(f->sc.fpstate = save_fpstate(env, fpstate)))
        return -1;
    f->extramask = (uint32_t)(mask >> 32);
    memcpy(f->retcode, sigreturn_code, sizeof(sigreturn_code));
    f->pretcode = return_address(ka, 0, addr + offsetof(TargetSigframe, retcode));
    enter_handler(env, ka, addr, sig, 0, 0);
    return 0;
}

static int setup_rt_frame(CPUState *env, int sig, const GuestSigaction *ka,
                          const TargetSiginfo *info, uint64_t mask)
{
    uint32_t fpstate, addr = frame_address(env, ka, sizeof(TargetRtSigframe), &fpstate);
    TargetRtSigframe *f = GUEST_W(addr, sizeof(*f));

    if (!f)
        return -1;
    memset(f, 0, sizeof(*f));
    f->sig = sig;
    f->pinfo = addr + offsetof(TargetRtSigframe, info);
    f->puc = addr + offsetof(TargetRtSigframe, uc);
    f->info = *info;
    f->uc.uc_stack.ss_sp = self->ss_sp;
    f->uc.uc_stack.ss_size = self->ss_size;
    f->uc.uc_stack.ss_flags = sas_ss_flags(env->regs[R_ESP]) | (self->ss_flags & TARGET_SS_AUTODISARM);
    save_sigcontext(&f->uc.uc_mcontext, env, (uint32_t)mask);
    if (!(f->uc.uc_mcontext.fpstate = save_fpstate(env, fpstate)))
        return -1;
    f->uc.uc_sigmask[0] = (uint32_t)mask;
    f->uc.uc_sigmask[1] = (uint32_t)(mask >> 32);
    memcpy(f->retcode, rt_sigreturn_code, sizeof(rt_sigreturn_code));
    f->pretcode = return_address(ka, 8, addr + offsetof(TargetRtSigframe, retcode));
    /* SS_AUTODISARM: the handler may itself switch stacks freely. */
    if (self->ss_flags & TARGET_SS_AUTODISARM)
        self->ss_sp = self->ss_size = 0, self->ss_flags = 0;
    enter_handler(env, ka, addr, sig, f->pinfo, f->puc);
    return 0;
}

int setup_signal_frame(CPUState *env, int sig, const GuestSigaction *ka,
                       const TargetSiginfo *info, uint64_t oldmask)
{
    int r = (ka->flags & TARGET_SA_SIGINFO) ? setup_rt_frame(env, sig, ka, info, oldmask)
                                            : setup_frame(env, sig, ka, oldmask);
    memset(&trap, 0, sizeof(trap));
    return r;
}

/* ---- sigreturn ----------------------------------------------------------- */

/* The flat selectors a handler starts with (always loadable). */
static void set_seg(CPUState *env, int seg, uint32_t selector)
{
    cpu_load_seg_nofault(env, seg, selector);
}

/*
 * A data segment register after sigreturn (ia32_restore_sigcontext's
 * reload_segments): the frame's selector with RPL 3; one that will not
 * load becomes null (loadsegment's fixup), and so does a null one with RPL
 * 3, which the IRET back to CPL 3 clears (SDM vol. 2, IRET: a data segment
 * register whose DPL is below the new CPL is nulled).
 */
static void restore_data_seg(CPUState *env, int seg, uint32_t selector)
{
    selector = (selector | 3) & 0xffff;
    if ((selector & ~3u) == 0 || cpu_load_seg_nofault(env, seg, selector) < 0)
        cpu_load_seg_nofault(env, seg, 0);
}

/* Descriptor bits of a loaded segment (SegCache.flags, the descriptor's
 * high word; SDM vol. 3, 3.4.5). */
#define SEG_FLAG_RW (1u << 9)
#define SEG_FLAG_L (1u << 21)

/*
 * CS or SS from the frame, with RPL 3 (the kernel's `sc.cs | 3`).  The
 * IRET back to user mode takes CS only as a present DPL-3 code segment
 * and SS only as a writable data one (SDM vol. 2, IRET, protected-mode
 * exceptions).  What IRET refuses stays in the register's selector for
 * the SIGSEGV's context to show, as the kernel's regs->cs does.  1 if
 * IRET would take it.
 *
 * A 64-bit CS (the x86_64 kernel's __USER_CS, 0x33) IRET takes: natively
 * the i386 task goes on in long mode, running 64-bit code at the frame's
 * eip.  An i386 translator cannot follow; stitch says so and dies of
 * SIGSEGV, the outcome qemu-i386 7.2 gives, but without running the
 * guest's SIGSEGV handler on a fault no kernel would report
 * (docs/security.md).
 */
static int restore_return_seg(CPUState *env, int seg, uint32_t selector)
{
    uint32_t f;

    selector = (selector | 3) & 0xffff;
    if ((selector & ~3u) && cpu_load_seg_nofault(env, seg, selector) == 0) {
        f = env->segs[seg].flags;
        if (seg == R_CS && (f & SEG_FLAG_CODE) && (f & SEG_FLAG_L)) {
            fprintf(stderr, STITCH_NAME ": sigreturn to 64-bit code (cs %#x, eip %#x), "
                    "which an i386 translator cannot run\n", selector, env->eip);
            signal_die(SIGSEGV);
        }
        if (seg == R_CS ? (f & SEG_FLAG_CODE) : !(f & SEG_FLAG_CODE) && (f & SEG_FLAG_RW))
            return 1;
    }
    env->segs[seg].selector = selector;
    return 0;
}

/* restore_sigcontext(): every register, the user-changeable EFLAGS bits
 * but RF, which only spares the first instruction after the IRET an
 * instruction breakpoint and is then cleared (SDM vol. 3, 18.3.1.1);
 * stitch has no such breakpoints, and PUSHF would show it.
 * The selector IRET will refuse (CS checked first), or -1 if none. */
static int64_t restore_sigcontext(CPUState *env, const TargetSigcontext *sc)
{
    int cs_ok, ss_ok;

    restore_data_seg(env, R_GS, sc->gs);
    restore_data_seg(env, R_FS, sc->fs);
    restore_data_seg(env, R_ES, sc->es);
    restore_data_seg(env, R_DS, sc->ds);
    env->eip = sc->eip;
    cs_ok = restore_return_seg(env, R_CS, sc->cs);
    ss_ok = restore_return_seg(env, R_SS, sc->ss);
    env->regs[R_EDI] = sc->edi, env->regs[R_ESI] = sc->esi;
    env->regs[R_EBP] = sc->ebp, env->regs[R_ESP] = sc->esp;
    env->regs[R_EBX] = sc->ebx, env->regs[R_EDX] = sc->edx;
    env->regs[R_ECX] = sc->ecx, env->regs[R_EAX] = sc->eax;
    cpu_set_eflags(env, (cpu_get_eflags(env) & ~FIX_EFLAGS) |
                            (sc->eflags & FIX_EFLAGS & ~EFLAGS_RF));
    if (!cs_ok)
        return sc->cs | 3;
    if (!ss_ok)
        return sc->ss | 3;
    return -1;
}

/*
 * The end of a sigreturn: a bad FPU area is the kernel's badframe
 * (signal_fault: force_sig(SIGSEGV), SI_KERNEL, with the registers as far
 * as restored), a selector IRET refuses a #GP on the way out (trap 13,
 * the selector's index and TI bits as error code; do_general_protection:
 * SIGSEGV, SI_KERNEL).  Either reaches a SIGSEGV handler if there is one.
 */
static abi_long finish_sigreturn(CPUState *env, int fp_ok, int64_t bad_sel)
{
    if (!fp_ok || bad_sel >= 0) {
        if (fp_ok)
            fault_next_trap(13, (uint32_t)bad_sel & 0xfffc);
        guest_signal(env, SIGSEGV, SI_KERNEL, 0);
    }
    return (abi_long)env->regs[R_EAX];
}

static void set_blocked(uint64_t mask)
{
    SIG_SET(self->sigmask, mask & ~UNBLOCKABLE);
}

/* The handler returned through `popl %eax; ... int $0x80`: the frame starts
 * 8 bytes below, where pretcode and sig were.  A frame the guest made
 * unreadable is a SIGSEGV (the kernel's signal_fault()). */
abi_long sys_sigreturn(CPUState *env, const uint32_t *a)
{
    const TargetSigframe *f = GUEST_R(env->regs[R_ESP] - 8, sizeof(*f));

    (void)a;
    if (!f)
        signal_die(SIGSEGV);
    set_blocked(f->sc.oldmask | (uint64_t)f->extramask << 32);
    int64_t bad_sel = restore_sigcontext(env, &f->sc);
    return finish_sigreturn(env, restore_fpstate(env, f->sc.fpstate) == 0, bad_sel);
}

/* uc_stack goes back into effect (restore_altstack), unless the guest is
 * still running on the alternate stack. */
static void restore_altstack(const CPUState *env, const TargetStack *ss)
{
    if (on_sig_stack(env->regs[R_ESP]))
        return;
    if (ss->ss_flags & TARGET_SS_DISABLE) {
        self->ss_sp = self->ss_size = 0, self->ss_flags = 0;
    } else if (ss->ss_size) {
        self->ss_sp = ss->ss_sp, self->ss_size = ss->ss_size;
        self->ss_flags = ss->ss_flags & TARGET_SS_AUTODISARM;
    }
}

/* rt_sigreturn: only pretcode was popped by the handler's ret. */
abi_long sys_rt_sigreturn(CPUState *env, const uint32_t *a)
{
    const TargetRtSigframe *f = GUEST_R(env->regs[R_ESP] - 4, sizeof(*f));

    (void)a;
    if (!f)
        signal_die(SIGSEGV);
    set_blocked(f->uc.uc_sigmask[0] | (uint64_t)f->uc.uc_sigmask[1] << 32);
    int64_t bad_sel = restore_sigcontext(env, &f->uc.uc_mcontext);
    if (restore_fpstate(env, f->uc.uc_mcontext.fpstate) < 0)
        return finish_sigreturn(env, 0, bad_sel);
    restore_altstack(env, &f->uc.uc_stack);
    return finish_sigreturn(env, 1, bad_sel);
}
