/* cflags: -march=armv7-a */
/*
 * kuser-helpers: the kernel-provided user helpers at the top of the
 * address space (Documentation/arm/kernel_user_helpers.rst), called at
 * their fixed addresses as armel's glibc calls them: the helper version,
 * __kuser_get_tls against the TLS register and set_tls,
 * __kuser_cmpxchg / __kuser_cmpxchg64 (result and C flag, success and
 * failure), __kuser_memory_barrier, and the page refusing a store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <string.h>

#include "check.h"

#define KUSER_VERSION (*(const volatile int32_t *)0xffff0ffc)
#define kuser_get_tls ((uint32_t (*)(void))0xffff0fe0)
#define kuser_memory_barrier ((void (*)(void))0xffff0fa0)
#define ARM_NR_set_tls 0xf0005

static uint32_t tls_register(void)
{
    uint32_t v;
    __asm__ volatile("mrc p15, 0, %0, c13, c0, 3" : "=r"(v));
    return v;
}

/* __kuser_cmpxchg(oldval, newval, ptr): r0 = 0 and C set when *ptr was
 * oldval and is now newval; *cpsr gets the flags it returned with. */
static int cmpxchg(int32_t oldval, int32_t newval, volatile int32_t *ptr, uint32_t *cpsr)
{
    register int32_t r0 __asm__("r0") = oldval;
    register int32_t r1 __asm__("r1") = newval;
    register volatile int32_t *r2 __asm__("r2") = ptr;
    uint32_t flags;

    __asm__ volatile("ldr r3, =0xffff0fc0\n\t"
                     "blx r3\n\t"
                     "mrs %[f], cpsr"
                     : "+r"(r0), "+r"(r1), "+r"(r2), [f] "=r"(flags)
                     :
                     : "r3", "r12", "lr", "cc", "memory");
    *cpsr = flags;
    return r0;
}

/* __kuser_cmpxchg64(&oldval, &newval, ptr): the same for 64 bits. */
static int cmpxchg64(const int64_t *oldval, const int64_t *newval, volatile int64_t *ptr,
                     uint32_t *cpsr)
{
    register const int64_t *r0 __asm__("r0") = oldval;
    register const int64_t *r1 __asm__("r1") = newval;
    register volatile int64_t *r2 __asm__("r2") = ptr;
    uint32_t flags;

    __asm__ volatile("ldr r3, =0xffff0f60\n\t"
                     "blx r3\n\t"
                     "mrs %[f], cpsr"
                     : "+r"(r0), "+r"(r1), "+r"(r2), [f] "=r"(flags)
                     :
                     : "r3", "r12", "lr", "cc", "memory");
    *cpsr = flags;
    return (int)(uint32_t)r0;
}

/* set_tls(value), then __kuser_get_tls and the TLS register, then
 * set_tls back, in one go: glibc itself lives on the thread pointer, so
 * no C may run while it is changed.  out: set_tls's result, get_tls,
 * the register. */
static void tls_probe(uint32_t value, uint32_t out[3])
{
    uint32_t old = tls_register();
    register uint32_t r0 __asm__("r0");
    register uint32_t r7 __asm__("r7") = ARM_NR_set_tls;

    __asm__ volatile("mov r0, %[val]\n\t"
                     "svc #0\n\t"
                     "str r0, [%[out]]\n\t"
                     "ldr r3, =0xffff0fe0\n\t"
                     "blx r3\n\t"
                     "str r0, [%[out], #4]\n\t"
                     "mrc p15, 0, r0, c13, c0, 3\n\t"
                     "str r0, [%[out], #8]\n\t"
                     "mov r0, %[old]\n\t"
                     "svc #0"
                     : "=&r"(r0), "+r"(r7)
                     : [val] "r"(value), [out] "r"(out), [old] "r"(old)
                     : "r3", "r12", "lr", "cc", "memory");
}

#define C_FLAG(cpsr) (((cpsr) >> 29) & 1)

static sigjmp_buf env;
static volatile int fault_code;
static volatile uint32_t fault_addr;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    fault_code = si->si_code;
    fault_addr = (uint32_t)si->si_addr;
    siglongjmp(env, 1);
}

int main(void)
{
    uint32_t cpsr;

    CHECK("helper version: five 32-byte slots", KUSER_VERSION, 5);

    uint32_t tp = tls_register();
    CHECK("get_tls = the TLS register", kuser_get_tls(), tp);
    CHECK("get_tls = __builtin_thread_pointer", kuser_get_tls(), (uint32_t)__builtin_thread_pointer());
    uint32_t t[3];
    tls_probe(0x12345678, t);
    CHECK("set_tls returns 0", t[0], 0);
    CHECK("get_tls after set_tls", t[1], 0x12345678);
    CHECK("TLS register after set_tls", t[2], 0x12345678);
    CHECK("get_tls after restoring", kuser_get_tls(), tp);

    volatile int32_t v = 5;
    CHECK("cmpxchg 5->7 on 5: returns 0", cmpxchg(5, 7, &v, &cpsr), 0);
    CHECK("cmpxchg 5->7 on 5: C set", C_FLAG(cpsr), 1);
    CHECK("cmpxchg 5->7 on 5: now 7", v, 7);
    CHECK("cmpxchg 5->9 on 7: returns nonzero", cmpxchg(5, 9, &v, &cpsr) != 0, 1);
    CHECK("cmpxchg 5->9 on 7: C clear", C_FLAG(cpsr), 0);
    CHECK("cmpxchg 5->9 on 7: still 7", v, 7);
    volatile int32_t counter = 0;
    for (int i = 0; i < 1000; i++) {
        int32_t old;
        do
            old = counter;
        while (cmpxchg(old, old + 1, &counter, &cpsr) != 0);
    }
    CHECK("1000 increments through cmpxchg", counter, 1000);

    volatile int64_t w = 0x100000002ll;
    const int64_t o = 0x100000002ll, n = -3, o2 = 0x100000003ll;
    CHECK("cmpxchg64 on equal: returns 0", cmpxchg64(&o, &n, &w, &cpsr), 0);
    CHECK("cmpxchg64 on equal: C set", C_FLAG(cpsr), 1);
    CHECK("cmpxchg64 on equal: new value", w, -3);
    w = 0x100000002ll;
    CHECK("cmpxchg64, low words differ: returns nonzero", cmpxchg64(&o2, &n, &w, &cpsr) != 0, 1);
    CHECK("cmpxchg64, low words differ: C clear", C_FLAG(cpsr), 0);
    CHECK("cmpxchg64, low words differ: unchanged", w, 0x100000002ll);
    const int64_t o3 = 0x200000002ll;
    CHECK("cmpxchg64, high words differ: returns nonzero", cmpxchg64(&o3, &n, &w, &cpsr) != 0, 1);
    CHECK("cmpxchg64, high words differ: unchanged", w, 0x100000002ll);

    kuser_memory_barrier();
    CHECK("memory_barrier returns", 1, 1);

    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    if (!sigsetjmp(env, 1))
        *(volatile uint32_t *)0xffff0fe0 = 0;
    CHECK("a store to the helpers faults: SEGV_ACCERR", fault_code, SEGV_ACCERR);
    CHECK("a store to the helpers faults: si_addr", fault_addr, 0xffff0fe0);
    CHECK("the helpers are intact", kuser_get_tls(), tp);
    return check_done();
}
