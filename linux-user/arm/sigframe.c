/*
 * ARM signal frames: what the kernel pushes on the user stack before
 * running a handler, and what sigreturn / rt_sigreturn read back
 * (arch/arm/kernel/signal.c and signal.h, arch/arm/include/asm/ucontext.h,
 * arch/arm/include/uapi/asm/sigcontext.h).
 *
 *   high addresses   caller's stack (sp at the signal)
 *                    ... aligned down to 8 bytes (ATPCS) ...
 *   rt_sigframe:     sig.retcode[4]  the return code (see below)
 *                    sig.uc          ucontext: flags, link, stack,
 *                                    sigcontext, mask, padding, regspace
 *                    info            siginfo (128 bytes)
 *   sp ->
 *
 * The non-RT sigframe is the same without info, with uc_flags 0x5ac3c35a
 * (a value sigcontext.trap_no never has).  The handler gets the signal in
 * r0 (and &info, &uc in r1, r2 for SA_SIGINFO), sp = the frame, lr = the
 * return address: sa_restorer with SA_RESTORER, else the kernel's return
 * code, `mov r7, #NR; swi`, which is copied into retcode too "to remain
 * ABI compliant" but run from the vectors page (arm-user.h).
 *
 * uc_regspace holds the coprocessor records, each magic + size, ended by
 * a zero word: a kernel built with CONFIG_VFP (Debian's) always writes
 * the VFP record (VFP_MAGIC, 288 bytes), and sigreturn refuses a frame
 * whose record lost its magic (vfp_save_state / vfp_restore_user_hwstate
 * in arch/arm/kernel/signal.c and arch/arm/vfp/vfpmodule.c): d0-d31
 * (d16-d31 zero on a D16 core), FPSCR, then FPEXC, FPINST, FPINST2.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stddef.h>
#include <string.h>

#include "arm-user.h"
#include "guest-signal.h"
#include "tb.h"

/* struct sigcontext: trap_no, error_code, oldmask, r0-r15, cpsr,
 * fault_address. */
typedef struct {
    uint32_t trap_no, error_code, oldmask;
    uint32_t regs[16];
    uint32_t cpsr, fault_address;
} TargetSigcontext;
_Static_assert(sizeof(TargetSigcontext) == 84, "ARM struct sigcontext");

/* struct ucontext: the mask leaves room for glibc's 1024-bit sigset_t;
 * uc_regspace is 8-byte aligned for the coprocessor records. */
typedef struct {
    uint32_t uc_flags, uc_link;
    TargetStack uc_stack;
    TargetSigcontext uc_mcontext;
    uint32_t uc_sigmask[2];
    int32_t unused[30];
    uint32_t uc_regspace[128] __attribute__((aligned(8)));
} TargetUcontext;
_Static_assert(sizeof(TargetUcontext) == 744, "ARM struct ucontext");
_Static_assert(offsetof(TargetUcontext, uc_regspace) == 232, "ARM uc_regspace");

typedef struct {
    TargetUcontext uc;
    uint32_t retcode[4];
} TargetSigframe;
_Static_assert(sizeof(TargetSigframe) == 760, "ARM struct sigframe");

typedef struct {
    TargetSiginfo info;
    TargetSigframe sig;
} TargetRtSigframe;
_Static_assert(sizeof(TargetRtSigframe) == 888, "ARM struct rt_sigframe");

/* struct vfp_sigframe (arch/arm/include/asm/ucontext.h): magic, size,
 * user_vfp (32 double registers, fpscr; 8-aligned), user_vfp_exc
 * (fpexc, fpinst, fpinst2), the whole 8-aligned. */
#define VFP_MAGIC 0x56465001u
#define VFP_STORAGE_SIZE 288u
typedef struct {
    uint32_t magic, size;
    uint64_t fpregs[32];
    uint32_t fpscr, pad;
    uint32_t fpexc, fpinst, fpinst2;
} __attribute__((aligned(8))) TargetVfpSigframe;
_Static_assert(sizeof(TargetVfpSigframe) == VFP_STORAGE_SIZE, "struct vfp_sigframe");
_Static_assert(offsetof(TargetVfpSigframe, fpexc) == 272, "user_vfp_exc");

/* FPEXC bits the kernel refuses from a frame (vfp_restore_user_hwstate:
 * EX and FP2V, which would make the next VFP instruction trap), and the
 * ones it forces (EN). */
#define FPEXC_EX (1u << 31)
#define FPEXC_FP2V (1u << 28)

#define UC_FLAGS_SIGFRAME 0x5ac3c35au

/* PSR bits of setup_return / valid_user_regs (arch/arm/include/uapi/asm/
 * ptrace.h): PSR_f is the flags byte (NZCVQ, the IT and J bits). */
#define PSR_F_BYTE 0xff000000u
#define PSR_I 0x00000080u
#define PSR_MODE 0x0000001fu

/* ---- Fault information of the next frame ------------------------------ */

/*
 * The thread's trap_no, error_code and address (thread_struct), which
 * every frame reports.  The kernel sets them for faults and for
 * arm_notify_die, and never clears them: a frame for a later signal shows
 * the last fault's values, and so do stitch's.
 */
static __thread struct { /* per thread: the fault is the thread's own */
    uint32_t trap_no, error_code, address;
    int notified;
} trap;

void arm_notify_trap(uint32_t trap_no, uint32_t error_code)
{
    trap.trap_no = trap_no;
    trap.error_code = error_code;
    trap.notified = 1;
}

/*
 * __do_user_fault: trap_no 14, the fault status register and the address.
 * The FSR is the short-descriptor one of a page mapped by a second-level
 * table: 0x7 translation fault (SEGV_MAPERR), 0xf permission fault
 * (SEGV_ACCERR), bit 11 (WnR) for a write, which the host's fault
 * reported (pf_err bit 1, exec/cpu-exec.c).  An instruction fetch is a
 * prefetch abort: do_PrefetchAbort() passes the IFSR with FSR_LNX_PF
 * (bit 31, arch/arm/mm/fault.h) set.  do_undefinstr: trap_no 6,
 * error_code 0.  Alignment faults and breakpoints leave them alone.
 */
void fault_set_trap(int sig, int si_code, uint32_t addr, uint32_t pf_err)
{
    if (trap.notified) {
        trap.notified = 0;
        return;
    }
    if (sig == SIGSEGV && (si_code == SEGV_MAPERR || si_code == SEGV_ACCERR)) {
        trap.trap_no = 14;
        trap.error_code = (si_code == SEGV_MAPERR ? 0x7 : 0xf) | (pf_err & 2 ? 0x800 : 0) |
                          (pf_err & PF_ERR_FETCH ? 0x80000000u : 0);
        trap.address = addr;
    } else if (sig == SIGILL) {
        trap.trap_no = 6;
        trap.error_code = 0;
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

/* get_sigframe(): the alternate stack if asked for and not already on it,
 * then room for the frame, 8-byte aligned. */
static uint32_t frame_address(const CPUState *env, const GuestSigaction *ka, uint32_t size)
{
    uint32_t sp = env->regs[R_SP];

    if ((ka->flags & TARGET_SA_ONSTACK) && sas_ss_flags(sp) == 0)
        sp = self->ss_sp + self->ss_size;
    return (sp - size) & ~7u;
}

/* ---- Building a frame ---------------------------------------------------- */

/* preserve_vfp_context(): the VFP registers as the interrupted code had
 * them; the handler then runs with FPSCR's Len and Stride clear, as the
 * procedure call standard wants them at a function's entry
 * (arch/arm/vfp/vfpmodule.c, vfp_preserve_user_clear_hwstate). */
static void save_vfp(TargetVfpSigframe *v, CPUState *env)
{
    v->magic = VFP_MAGIC;
    v->size = VFP_STORAGE_SIZE;
    memcpy(v->fpregs, env->vfp.d, sizeof(env->vfp.d));
    v->fpscr = env->fpscr;
    v->fpexc = env->fpexc;
    v->fpinst = v->fpinst2 = 0;
    if (env->fpscr & FPSCR_LEN) /* TB_FLAG_VECLEN changes (op/arm/cpu.h) */
        ibtc_clear(env);
    env->fpscr &= ~(FPSCR_LEN | FPSCR_STRIDE);
}

/* restore_vfp_context(): the magic and size must be intact; FPEXC loses
 * EX and FP2V and keeps EN; FPSCR's RAZ/WI bits read as zero afterwards
 * as after a VMSR.  -1: a bad frame. */
static int restore_vfp(CPUState *env, const TargetVfpSigframe *v)
{
    if (v->magic != VFP_MAGIC || v->size != VFP_STORAGE_SIZE)
        return -1;
    memcpy(env->vfp.d, v->fpregs, sizeof(env->vfp.d));
    if ((env->fpscr ^ v->fpscr) & FPSCR_LEN) /* TB_FLAG_VECLEN changes */
        ibtc_clear(env);
    env->fpscr = v->fpscr & FPSCR_WRITABLE;
    env->fpexc = (v->fpexc & ~(FPEXC_EX | FPEXC_FP2V)) | FPEXC_EN;
    return 0;
}

/* setup_sigframe(): registers, fault information, mask, coprocessor
 * records. */
static void save_sigframe(TargetSigframe *sf, CPUState *env, uint64_t mask)
{
    TargetSigcontext *sc = &sf->uc.uc_mcontext;
    uint32_t *aux = sf->uc.uc_regspace;

    memcpy(sc->regs, env->regs, sizeof(sc->regs));
    sc->cpsr = cpu_get_cpsr(env); /* T and ITSTATE included */
    sc->trap_no = trap.trap_no;
    sc->error_code = trap.error_code;
    sc->fault_address = trap.address;
    sc->oldmask = (uint32_t)mask;
    sf->uc.uc_sigmask[0] = (uint32_t)mask;
    sf->uc.uc_sigmask[1] = (uint32_t)(mask >> 32);
    save_vfp((TargetVfpSigframe *)aux, env);
    aux[VFP_STORAGE_SIZE / 4] = 0; /* end_magic */
}

/*
 * setup_return(): the handler runs with the flags byte of the CPSR clear,
 * outside any IT block (PSR_IT_MASK cleared), in Thumb state if bit 0 of
 * its address is set, with the return address
 * in lr: sa_restorer, or the kernel's return code for this kind of frame,
 * which is then also copied into retcode (though run from elsewhere) "to
 * remain ABI compliant".
 */
static void enter_handler(CPUState *env, const GuestSigaction *ka, int sig, uint32_t frame,
                          uint32_t *retcode)
{
    uint32_t thumb = ka->handler & 1;
    uint32_t idx = (thumb << 1) + ((ka->flags & TARGET_SA_SIGINFO) ? 3 : 0);

    if (ka->flags & TARGET_SA_RESTORER) {
        env->regs[R_LR] = ka->restorer;
    } else {
        retcode[0] = sigreturn_codes[idx];
        retcode[1] = idx + 1 < SIGRETURN_CODE_WORDS ? sigreturn_codes[idx + 1] : 0;
        env->regs[R_LR] = SIGRETURN_CODES + (idx << 2) + thumb;
    }
    cpu_set_cpsr(env, 0, CPSR_NZCV | CPSR_Q);
    cpu_set_cpsr_exec(env, thumb ? CPSR_T : 0);
    env->regs[0] = (uint32_t)sig;
    env->regs[R_SP] = frame;
    env->regs[15] = ka->handler & ~thumb;
}

static int setup_frame(CPUState *env, int sig, const GuestSigaction *ka, uint64_t mask)
{
    uint32_t addr = frame_address(env, ka, sizeof(TargetSigframe));
    TargetSigframe *f = GUEST_W(addr, sizeof(*f));

    if (!f)
        return -1;
    memset(f, 0, sizeof(*f));
    f->uc.uc_flags = UC_FLAGS_SIGFRAME;
    save_sigframe(f, env, mask);
    enter_handler(env, ka, sig, addr, f->retcode);
    return 0;
}

/* __save_altstack(): the alternate stack as sigaltstack set it (its flags
 * are SS_DISABLE or SS_AUTODISARM, never SS_ONSTACK); an SS_AUTODISARM
 * stack is disarmed for the handler. */
static void save_altstack(TargetStack *ss)
{
    ss->ss_sp = self->ss_sp;
    ss->ss_size = self->ss_size;
    ss->ss_flags = self->ss_size ? self->ss_flags : TARGET_SS_DISABLE;
    if (self->ss_flags & TARGET_SS_AUTODISARM)
        self->ss_sp = self->ss_size = 0, self->ss_flags = 0;
}

static int setup_rt_frame(CPUState *env, int sig, const GuestSigaction *ka,
                          const TargetSiginfo *info, uint64_t mask)
{
    uint32_t addr = frame_address(env, ka, sizeof(TargetRtSigframe));
    TargetRtSigframe *f = GUEST_W(addr, sizeof(*f));

    if (!f)
        return -1;
    memset(f, 0, sizeof(*f));
    f->info = *info;
    save_altstack(&f->sig.uc.uc_stack);
    save_sigframe(&f->sig, env, mask);
    enter_handler(env, ka, sig, addr, f->sig.retcode);
    env->regs[1] = addr + offsetof(TargetRtSigframe, info);
    env->regs[2] = addr + offsetof(TargetRtSigframe, sig.uc);
    return 0;
}

int setup_signal_frame(CPUState *env, int sig, const GuestSigaction *ka,
                       const TargetSiginfo *info, uint64_t oldmask)
{
    return (ka->flags & TARGET_SA_SIGINFO) ? setup_rt_frame(env, sig, ka, info, oldmask)
                                           : setup_frame(env, sig, ka, oldmask);
}

/* ---- sigreturn ----------------------------------------------------------- */

/*
 * restore_sigframe(): the mask, every register, and the CPSR, which
 * valid_user_regs() accepts only in user mode with IRQs enabled; then the
 * VFP record.  -1: a bad frame.
 */
static int restore_sigframe(CPUState *env, const TargetSigframe *sf)
{
    const TargetSigcontext *sc = &sf->uc.uc_mcontext;
    const uint32_t *aux = sf->uc.uc_regspace;
    uint32_t cpsr = sc->cpsr;

    SIG_SET(self->sigmask,
            (sf->uc.uc_sigmask[0] | (uint64_t)sf->uc.uc_sigmask[1] << 32) & ~UNBLOCKABLE);
    memcpy(env->regs, sc->regs, sizeof(env->regs));
    /* A refused CPSR is still forced to user mode with its flags, T and
     * E kept, which the SIGSEGV's context shows. */
    cpu_set_cpsr(env, cpsr, CPSR_USER);
    cpu_set_cpsr_exec(env, cpsr); /* T and ITSTATE: resume mid-block */
    if ((cpsr & PSR_MODE) != CPSR_MODE_USR || (cpsr & PSR_I))
        return -1;
    return restore_vfp(env, (const TargetVfpSigframe *)aux);
}

/*
 * A bad frame: badframe's force_sig(SIGSEGV), SI_KERNEL, with the
 * registers as far as restore_sigframe got; a SIGSEGV handler runs, else
 * the process dies of it.
 */
static abi_long bad_frame(CPUState *env)
{
    guest_signal(env, SIGSEGV, SI_KERNEL, 0);
    return (abi_long)env->regs[0];
}

/* The frame is at sp, which must be 8-byte aligned as the kernel left it. */
abi_long sys_sigreturn(CPUState *env, const uint32_t *a)
{
    uint32_t sp = env->regs[R_SP];
    const TargetSigframe *f = (sp & 7) ? NULL : GUEST_R(sp, sizeof(*f));

    (void)a;
    if (!f || restore_sigframe(env, f) < 0)
        return bad_frame(env);
    return (abi_long)env->regs[0];
}

/* restore_altstack(): uc_stack goes back into effect as sigaltstack would
 * set it; what sigaltstack would refuse (the task is on the alternate
 * stack, a bad size) leaves it as it is. */
static void restore_altstack(const CPUState *env, const TargetStack *ss)
{
    int mode = ss->ss_flags & ~(int32_t)TARGET_SS_AUTODISARM;

    if (on_sig_stack(env->regs[R_SP]))
        return;
    if (mode == TARGET_SS_DISABLE) {
        self->ss_sp = self->ss_size = 0, self->ss_flags = 0;
    } else if ((mode == 0 || mode == TARGET_SS_ONSTACK) && ss->ss_size >= TARGET_MINSIGSTKSZ) {
        self->ss_sp = ss->ss_sp, self->ss_size = ss->ss_size;
        self->ss_flags = ss->ss_flags & TARGET_SS_AUTODISARM;
    }
}

abi_long sys_rt_sigreturn(CPUState *env, const uint32_t *a)
{
    uint32_t sp = env->regs[R_SP];
    const TargetRtSigframe *f = (sp & 7) ? NULL : GUEST_R(sp, sizeof(*f));

    (void)a;
    if (!f || restore_sigframe(env, &f->sig) < 0)
        return bad_frame(env);
    restore_altstack(env, &f->sig.uc.uc_stack);
    return (abi_long)env->regs[0];
}
