/*
 * ThreadSanitizer's options for `make check-tsan`, built in because the
 * test runners start stitch with a clean environment (no TSAN_OPTIONS).
 * Only in a -fsanitize=thread build; empty otherwise.
 *   halt_on_error, exitcode: a race fails the run at once
 *   die_after_fork=0: the child of a fork in a threaded guest starts
 *     threads again (the guest's); TSan calls that unsupported, and its
 *     view of such a child is best-effort
 *   report_signal_unsafe=0: stitch's fault handlers leave by siglongjmp
 *     and take the translation lock, by design (docs/threads.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifdef __SANITIZE_THREAD__
#include "tsan.h"

__thread int tsan_guest_access_depth; /* include/tsan.h */

const char *__tsan_default_options(void);
const char *__tsan_default_options(void)
{
    return "halt_on_error=1 exitcode=66 die_after_fork=0 report_signal_unsafe=0";
}
#else
typedef int tsan_options_unused; /* ISO C: a translation unit is not empty */
#endif
