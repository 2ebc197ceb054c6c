/*
 * ThreadSanitizer's view of guest memory (a -fsanitize=thread build only;
 * nothing otherwise).
 *
 * TSan checks stitch's own data.  The guest's loads and stores are the
 * guest program's, ordered by its own memory model (x86's TSO: every
 * plain store is a release, every load an acquire); in copied ops TSan
 * never sees them.  A helper that does the guest's memory accesses in C
 * (REP MOVS/STOS) would show TSan half of them: the other thread's
 * stores and its synchronisation (plain MOVs, LOCKed ops) stay invisible,
 * so the helper's copy looks like a race when the guest's program has
 * none.  Between guest_access_begin and _end, TSan ignores this thread's
 * reads and writes, as it ignores copied code's.  This states no
 * happens-before: it only leaves the guest's accesses to the guest.
 * A guest fault or cpu_loop_exit inside leaves by siglongjmp, so the
 * CPU loop calls guest_access_reset where it lands (exec/cpu-exec.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_TSAN_H
#define STITCH_TSAN_H

/*
 * Signals under TSan.  TSan's own handler runs first for every signal it
 * was asked to catch, and puts off an asynchronous one's handler (stitch's
 * host_handler) until the thread next leaves one of its interceptors,
 * unless the thread is inside a blocking interceptor (compiler-rt
 * tsan_interceptors_posix.cpp, rtl_generic_sighandler and
 * ScopedInterceptor).  safe_syscall's raw `syscall` is no interceptor: a
 * signal that comes while a guest thread blocks in it, or just before,
 * would wait there for good (a read that nothing else ends).
 * linux-user/signal.c therefore puts a front handler before TSan's, which
 * does at once the two things that cannot wait (mark the thread signalled,
 * rewind a call about to start: safe_syscall's contract), and stitch runs
 * what TSan deferred with tsan_run_deferred_signals() where it looks for
 * signals: after a blocking call returned EINTR and in the CPU loop.
 */
#ifdef __SANITIZE_THREAD__
#include <signal.h>
#include <stddef.h>

/* Any interceptor's exit runs the deferred handlers; pthread_sigmask with
 * no new set changes nothing else. */
static inline void tsan_run_deferred_signals(void)
{
    sigset_t cur;

    pthread_sigmask(SIG_BLOCK, NULL, &cur);
}
#else
static inline void tsan_run_deferred_signals(void) {}
#endif

#ifdef __SANITIZE_THREAD__
/* TSan's dynamic annotations (compiler-rt tsan_interface_ann.cpp). */
void AnnotateIgnoreReadsBegin(const char *file, int line);
void AnnotateIgnoreReadsEnd(const char *file, int line);
void AnnotateIgnoreWritesBegin(const char *file, int line);
void AnnotateIgnoreWritesEnd(const char *file, int line);
extern __thread int tsan_guest_access_depth;

static inline void guest_access_begin(void)
{
    tsan_guest_access_depth++;
    AnnotateIgnoreReadsBegin(__FILE__, __LINE__);
    AnnotateIgnoreWritesBegin(__FILE__, __LINE__);
}

static inline void guest_access_end(void)
{
    AnnotateIgnoreWritesEnd(__FILE__, __LINE__);
    AnnotateIgnoreReadsEnd(__FILE__, __LINE__);
    tsan_guest_access_depth--;
}

static inline void guest_access_reset(void)
{
    while (tsan_guest_access_depth > 0)
        guest_access_end();
}
#else
static inline void guest_access_begin(void) {}
static inline void guest_access_end(void) {}
static inline void guest_access_reset(void) {}
#endif

#endif
