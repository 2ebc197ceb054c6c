/*
 * The guest's signal ABI: constants of its struct sigaction (the values
 * that differ between ABIs are in linux-user/<guest>/target-signal.h), and
 * the frame builder (the guest's sigframe.c) that signal.c and the
 * sigreturn calls share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_GUEST_SIGNAL_H
#define STITCH_GUEST_SIGNAL_H

#include <signal.h>
#include <stdint.h>

#include "syscall.h"
#include "target-signal.h"

/* include/uapi/asm-generic/signal-defs.h */
#define TARGET_SIG_DFL 0u
#define TARGET_SIG_IGN 1u

/* include/uapi/linux/signal.h */
#define TARGET_SS_ONSTACK 1
#define TARGET_SS_DISABLE 2
#define TARGET_SS_AUTODISARM (1u << 31)

#define SIGBIT(sig) (1ull << ((sig) - 1))
/* SIGKILL (9) and SIGSTOP (19) can never be blocked. */
#define UNBLOCKABLE (SIGBIT(9) | SIGBIT(19))

/* The guest's sigframe.c: push a sigframe or rt_sigframe for `sig` and
 * point the CPU at the handler; `oldmask` is the mask the frame saves.
 * -1 if the stack is not writable. */
int setup_signal_frame(CPUState *env, int sig, const GuestSigaction *ka,
                       const TargetSiginfo *info, uint64_t oldmask);
/* The trap number, error code and cr2 the next frame reports (a fault). */
void fault_set_trap(int sig, int si_code, uint32_t addr, uint32_t pf_err);
/* SS_ONSTACK / SS_DISABLE / 0 for a stack pointer (kernel sas_ss_flags). */
int sas_ss_flags(uint32_t sp);

/* signal.c */
abi_long signal_queue(int sig, const TargetSiginfo *info); /* 0 or -EAGAIN */
void signal_discard(int sig);
/* The instances the guest's queues hold (charged against
 * RLIMIT_SIGPENDING); a thread's exit and a fork's child drop theirs. */
long signal_queued(void);
void signal_thread_exit(void);
void signal_fork_child(void);
/* The overrun of timer `id`'s last delivered signal, if stitch merged any. */
int signal_timer_overrun(int32_t id, int32_t *overrun);
uint64_t signal_deliverable(void);
int signal_dequeue(uint64_t set, TargetSiginfo *info);
int signal_is_ignored(int sig);
/* The process's action for `sig`, read or replaced whole (old: the one
 * before; act NULL: only read). */
GuestSigaction signal_action(int sig);
void signal_set_action(int sig, const GuestSigaction *act, GuestSigaction *old);
void signal_sync_host(int sig);
/* Guest <-> host signal numbers (-1: none); the host signals standing for
 * a guest mask; apply this thread's guest mask to its host thread. */
int host_signo(int sig);
int guest_signo(int host);
void host_sigset(uint64_t mask, sigset_t *out);
uint64_t guest_sigset_of_host(uint64_t host);
/* The process's ignored and caught signals (/proc/PID/status). */
void signal_ign_cgt(uint64_t *ign, uint64_t *cgt);
void signal_sync_mask(int force);
void signal_die(int sig) __attribute__((noreturn));

#endif
