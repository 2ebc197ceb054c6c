/*
 * Read and access watchpoints (gdb's rwatch and awatch, remote packets Z3
 * and Z4): which guest instruction reads (or reads or writes) a watched
 * range.
 *
 * Why page protection.  A write watchpoint can be found by comparing the
 * watched bytes after each instruction (gdbstub/gdbstub.c); a read leaves
 * no trace, so the engine must see the access itself.  Guest loads are
 * inlined in hundreds of micro-ops and C helpers (x87, SSE, string
 * instructions, push/pop), on both guests: a check micro-op before each
 * would mean an access table for every op and an edit in every
 * translator.  The host MMU already checks every access, translated or
 * done by a helper, at no cost when unused.  So, while such a watchpoint
 * is set (and gdb_stub has set exec_singlestep, so every TB holds one
 * instruction), run_one_insn() makes the watched pages inaccessible just
 * around that instruction (exec_watch_arm / exec_watch_disarm).  An
 * access to them faults; the fault handler (exec/cpu-exec.c) asks
 * exec_watch_fault() whether the faulting address lies in a watched
 * range, rolls the guest state back to the start of the instruction, and
 * the instruction runs again with the pages as they were.  The stub then
 * reports the hit after the instruction, as an x86 data breakpoint traps
 * (Intel SDM vol. 3, 17.2.5: data breakpoints are traps).  The kernel's
 * own accesses (a write(2) of the watched buffer) run outside that window
 * and are not reported, as Linux does not report them for ptrace either
 * (its hw_breakpoint events for ptrace exclude the kernel).
 *
 * Precision.  The host reports the first byte of the access that falls in
 * the protected page; an access counts as a hit when that byte lies in a
 * watched range.  An access that starts before the range and runs into
 * it (an 8-byte copy of a struct holding the watched int at offset 4) is
 * not seen.  Threads run their watched instructions one at a time
 * (watch_lock), so no thread runs unwatched while another's window is
 * open: the rerun after a hit also holds the lock, with the pages left
 * as they are, or another thread's window could close them under it
 * and its access would look like the guest's own fault.  A page another
 * thread protects for self-modifying code at the same moment
 * (exec/tb.c) loses the watch for that instruction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <pthread.h>
#include <sys/mman.h>

#include "exec-watch.h"
#include "guest-window.h"
#include "tb.h"

static ExecWatch ranges[EXEC_MAX_WATCH];
static int nranges;

static pthread_mutex_t watch_lock = PTHREAD_MUTEX_INITIALIZER;
/* This thread holds watch_lock; the watched pages are closed (not during
 * a rerun); its next instruction runs unwatched (it faulted on a watched
 * page and runs again); its hit not yet reported. */
static __thread int armed, closed, rerun;
static __thread ExecWatch hit;

void exec_watch_set(const ExecWatch *w, int n)
{
    for (int i = 0; i < n; i++)
        ranges[i] = w[i];
    nranges = n;
    /* the caller's thread: a hit on a list that changed is stale */
    hit.kind = 0;
    rerun = 0;
}

int exec_watch_count(void)
{
    return nranges;
}

static int page_watched(uint32_t page)
{
    for (int i = 0; i < nranges; i++) {
        uint32_t first = ranges[i].addr >> GUEST_PAGE_BITS;
        uint32_t last = (ranges[i].addr + ranges[i].len - 1) >> GUEST_PAGE_BITS;
        if (page >= first && page <= last)
            return 1;
    }
    return 0;
}

/* The host protection a guest page has outside the window (as
 * linux-user/mmap.c and exec/tb.c set it): an execute-only page is
 * readable too, its key denies the guest (include/exec-only.h). */
static int normal_prot(uint32_t addr)
{
    int f = page_get_flags(addr);
    int prot = f & (PAGE_READ | PAGE_EXEC) ? PROT_READ : PROT_NONE;

    if ((f & PAGE_WRITE) && !tb_is_code_page(addr))
        prot |= PROT_WRITE;
    return prot;
}

/* Each watched, mapped page once: protect (on) or restore (off). */
static void protect_all(int on)
{
    for (int i = 0; i < nranges; i++) {
        uint32_t last = (ranges[i].addr + ranges[i].len - 1) >> GUEST_PAGE_BITS;
        for (uint32_t p = ranges[i].addr >> GUEST_PAGE_BITS; p <= last; p++) {
            int seen = 0;
            for (int j = 0; j < i && !seen; j++)
                seen = p >= ranges[j].addr >> GUEST_PAGE_BITS &&
                       p <= (ranges[j].addr + ranges[j].len - 1) >> GUEST_PAGE_BITS;
            uint32_t a = p << GUEST_PAGE_BITS;
            if (seen || !(page_get_flags(a) & PAGE_VALID))
                continue;
            mprotect(g2h(a), GUEST_PAGE_SIZE, on ? PROT_NONE : normal_prot(a));
        }
    }
}

void exec_watch_arm(void)
{
    if (!nranges)
        return;
    pthread_mutex_lock(&watch_lock);
    armed = 1;
    closed = !rerun;
    rerun = 0;
    if (closed)
        protect_all(1);
}

void exec_watch_disarm(void)
{
    if (!armed)
        return;
    if (closed)
        protect_all(0);
    armed = closed = 0;
    pthread_mutex_unlock(&watch_lock);
}

int exec_watch_fault(uint32_t addr, int is_write)
{
    if (!closed || !page_watched(addr >> GUEST_PAGE_BITS))
        return 0;
    exec_watch_disarm();
    rerun = 1;
    /* A page the guest itself may not access faults again on the rerun,
     * and that fault is the guest's: no hit. */
    if (!(page_get_flags(addr) & (is_write ? PAGE_WRITE : PAGE_READ)))
        return 1;
    for (int i = 0; i < nranges && !hit.kind; i++)
        if (addr - ranges[i].addr < ranges[i].len &&
            (ranges[i].kind == EXEC_WATCH_ACCESS || !is_write)) {
            hit = ranges[i];
            hit.addr = addr;
        }
    return 1;
}

int exec_watch_take_hit(uint32_t *addr)
{
    int kind = hit.kind;

    *addr = hit.addr;
    hit.kind = 0;
    return kind;
}
