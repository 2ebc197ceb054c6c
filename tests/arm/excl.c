/*
 * The synchronisation primitives (ARM ARM A3.4, A8.8.69-A8.8.73 LDREX*,
 * A8.8.212-A8.8.216 STREX*, A8.8.32 CLREX, A8.8.229 SWP): a STREX after a
 * LDREX of the same address succeeds (0) and stores; one after CLREX, or
 * after another STREX closed the access, fails (1) and stores nothing;
 * the byte, halfword and doubleword forms; SWP/SWPB exchange; and the
 * point of it all, atomicity: processes incrementing one counter in
 * shared memory through LDREX/STREX retry loops (and through a SWP-based
 * lock) lose no update.  (Processes, not threads: stitch does not run
 * guest threads yet, and the exclusives must hold across processes too.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "insn-test.h"

static void test_pairs(void)
{
    uint32_t word = 5, v, st;
    uint16_t hw = 0x1234;
    uint8_t byte = 0x80;
    uint64_t dw __attribute__((aligned(8))) = 0x1111222233334444ull;

    group("LDREX/STREX pairs, CLREX, B/H/D forms");
    __asm__ volatile("ldrex %0, [%2]\n\tadd %0, %0, #1\n\t"
                     "strex %1, %0, [%2]"
                     : "=&r"(v), "=&r"(st) : "r"(&word) : "memory");
    check("ldrex; strex: status", st, 0);
    check("ldrex; strex: stored", word, 6);
    __asm__ volatile("ldrex %0, [%2]\n\tclrex\n\t"
                     "strex %1, %3, [%2]"
                     : "=&r"(v), "=&r"(st) : "r"(&word), "r"(99) : "memory");
    check("ldrex; clrex; strex: fails", st, 1);
    check("ldrex; clrex; strex: nothing stored", word, 6);
    __asm__ volatile("ldrex %0, [%2]\n\tstrex %1, %3, [%2]\n\t"
                     "strex %1, %4, [%2]"
                     : "=&r"(v), "=&r"(st) : "r"(&word), "r"(7), "r"(8) : "memory");
    check("second strex fails", st, 1);
    check("second strex: first value kept", word, 7);
    __asm__ volatile("clrex\n\tstrex %0, %2, [%1]"
                     : "=&r"(st) : "r"(&word), "r"(9) : "memory");
    check("strex without ldrex fails", st, 1);
    check("strex without ldrex: nothing stored", word, 7);
    __asm__ volatile("ldrexb %0, [%2]\n\tadd %0, %0, #1\n\t"
                     "strexb %1, %0, [%2]"
                     : "=&r"(v), "=&r"(st) : "r"(&byte) : "memory");
    check("ldrexb zero-extends, strexb", st | (uint32_t)byte << 8, 0x8100);
    __asm__ volatile("ldrexh %0, [%2]\n\tstrexh %1, %3, [%2]"
                     : "=&r"(v), "=&r"(st) : "r"(&hw), "r"(0xfffff00d) : "memory");
    check("ldrexh", v, 0x1234);
    check("strexh stores the low half", st | (uint32_t)hw << 8, 0xf00d00);
    {
        register uint32_t lo __asm__("r4"), hi __asm__("r5");
        register uint32_t nlo __asm__("r6") = 0xaaaaaaaa, nhi __asm__("r7") = 0xbbbbbbbb;
        __asm__ volatile("ldrexd r4, r5, [%3]\n\t"
                         "strexd %2, r6, r7, [%3]"
                         : "=&r"(lo), "=&r"(hi), "=&r"(st)
                         : "r"(&dw), "r"(nlo), "r"(nhi) : "memory");
        check("ldrexd low", lo, 0x33334444);
        check("ldrexd high", hi, 0x11112222);
        check("strexd status", st, 0);
        check("strexd stored", (uint32_t)(dw >> 32) ^ (uint32_t)dw, 0xbbbbbbbb ^ 0xaaaaaaaa);
    }
    word = 0x1234;
    __asm__ volatile("swp %0, %2, [%1]" : "=&r"(v) : "r"(&word), "r"(0x5678) : "memory");
    check("swp returns the old value", v, 0x1234);
    check("swp stores", word, 0x5678);
    byte = 0x12;
    __asm__ volatile("swpb %0, %2, [%1]" : "=&r"(v) : "r"(&byte), "r"(0xabcd) : "memory");
    check("swpb returns the old byte", v, 0x12);
    check("swpb stores the low byte", byte, 0xcd);
    end_group();
}

#define WORKERS 4
#define ROUNDS 200000

typedef struct Shared {
    uint32_t counter, swp_lock, locked_counter, ready;
} Shared;

static void atomic_inc(uint32_t *p)
{
    uint32_t v, st;

    __asm__ volatile("1:\tldrex %0, [%2]\n\t"
                     "add %0, %0, #1\n\t"
                     "strex %1, %0, [%2]\n\t"
                     "cmp %1, #0\n\t"
                     "bne 1b"
                     : "=&r"(v), "=&r"(st) : "r"(p) : "cc", "memory");
}

static void swp_locked_inc(Shared *sh)
{
    uint32_t old;

    do
        __asm__ volatile("swp %0, %2, [%1]" : "=&r"(old) : "r"(&sh->swp_lock), "r"(1) : "memory");
    while (old);
    __asm__ volatile("dmb" ::: "memory");
    sh->locked_counter++;
    __asm__ volatile("dmb" ::: "memory");
    sh->swp_lock = 0;
}

static void test_processes(void)
{
    Shared *sh = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                      MAP_SHARED | MAP_ANONYMOUS, -1, 0);

    group("atomicity across processes (shared memory)");
    if (sh == MAP_FAILED) {
        check("mmap MAP_SHARED", 1, 0);
        end_group();
        return;
    }
    for (int i = 0; i < WORKERS; i++) {
        if (fork() == 0) {
            /* start together, so that the loops really overlap */
            atomic_inc(&sh->ready);
            while (*(volatile uint32_t *)&sh->ready < WORKERS)
                ;
            for (int k = 0; k < ROUNDS; k++) {
                atomic_inc(&sh->counter);
                swp_locked_inc(sh);
            }
            _exit(0);
        }
    }
    for (int i = 0; i < WORKERS; i++)
        wait(NULL);
    check("ldrex/strex counter", sh->counter, WORKERS * ROUNDS);
    check("swp lock counter", sh->locked_counter, WORKERS * ROUNDS);
    end_group();
}

int main(void)
{
    test_pairs();
    test_processes();
    return finish();
}
