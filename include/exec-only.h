/*
 * Execute-only guest pages on a host with protection keys.
 *
 * An i386 kernel on a CPU with PKU makes a PROT_EXEC-only mapping
 * execute-only with a protection key whose access the thread's PKRU
 * denies (arch/x86/mm/pkeys.c execute_only_pkey, mm/mprotect.c): the
 * program's loads, stores and the kernel's copies from such a page fault.
 * stitch gives those guest pages host PROT_READ with a key of its own
 * (linux-user/mmap.c), denied while the guest runs, so generated code and
 * stitch's copies for system calls fault as natively; stitch itself
 * reads guest code (the translator, the translation cache's hash, -d
 * in_asm, gdb) between exec_only_open() and exec_only_close().
 *
 * The default state of every thread is denied.  A fault while stitch
 * reads leaves through the fault handler, which starts with the kernel's
 * init PKRU (every key but 0 denied) and jumps out keeping it; a handler
 * that returns gets the interrupted PKRU back at sigreturn; and the
 * engine's loop denies again before it runs generated code
 * (exec/cpu-exec.c).  New host threads inherit their creator's PKRU.
 *
 * The key lives in util/ because every stage reads it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_EXEC_ONLY_H
#define STITCH_EXEC_ONLY_H

#include <stdint.h>

/* The host key of execute-only guest pages; -1 when the guest has none
 * (no PKU on the host, or a guest whose PROT_EXEC is readable). */
extern int exec_only_pkey;

static inline uint32_t pkru_read(void)
{
    uint32_t eax, edx;

    __asm__ volatile("rdpkru" : "=a"(eax), "=d"(edx) : "c"(0));
    return eax;
}

static inline void pkru_write(uint32_t v)
{
    __asm__ volatile("wrpkru" : : "a"(v), "c"(0), "d"(0) : "memory");
}

/* The key's access-disable and write-disable bits in PKRU (SDM vol. 3,
 * 4.6.2). */
static inline uint32_t exec_only_bits(void)
{
    return 3u << (2 * exec_only_pkey);
}

/* stitch reads guest code on its own behalf: allow the key.  Returns what
 * exec_only_close() restores. */
static inline uint32_t exec_only_open(void)
{
    if (exec_only_pkey < 0)
        return 0;
    uint32_t old = pkru_read();
    if (old & exec_only_bits())
        pkru_write(old & ~exec_only_bits());
    return old;
}

static inline void exec_only_close(uint32_t old)
{
    if (exec_only_pkey >= 0 && (old & exec_only_bits()))
        pkru_write(old);
}

/* The guest's own accesses: access to the key denied (PKEY_DISABLE_ACCESS,
 * as execute_only_pkey sets it). */
static inline void exec_only_deny(void)
{
    if (exec_only_pkey < 0)
        return;
    uint32_t v = pkru_read();
    uint32_t ad = 1u << (2 * exec_only_pkey);
    if (!(v & ad))
        pkru_write(v | ad);
}

#endif
