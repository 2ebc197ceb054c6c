/*
 * arch_prctl for a 32-bit task on a 64-bit kernel: the compat entry is
 * do_arch_prctl_common (arch/x86/kernel/process.c), which knows only the
 * CPUID-faulting and the XSTATE-permission options; every other option
 * (ARCH_SET_FS, shadow stacks, tagged addresses, vDSO mapping ...) is
 * do_arch_prctl_64's and -EINVAL from an ia32 system call.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall.h"

/* arch/x86/include/uapi/asm/prctl.h */
enum {
    ARCH_GET_CPUID = 0x1011,
    ARCH_SET_CPUID = 0x1012,
    ARCH_GET_XCOMP_SUPP = 0x1021,
    ARCH_GET_XCOMP_PERM = 0x1022,
    ARCH_REQ_XCOMP_PERM = 0x1023,
    ARCH_GET_XCOMP_GUEST_PERM = 0x1024,
    ARCH_REQ_XCOMP_GUEST_PERM = 0x1025,
};

/* XFEATURE_MAX (arch/x86/include/asm/fpu/types.h): 20 since APX state
 * (Linux 6.16); a request for a component beyond it is -EINVAL. */
#define XFEATURE_MAX 20

/*
 * The user state components the guest's CPU has, fpu_user_cfg's
 * max_features | legacy_features: x87 and SSE always, and AVX with XSAVE
 * (XCR0 as op/i386/helper-avx.c reports it to XGETBV).
 */
static uint64_t xfeatures(void)
{
    return cpuid_1_ecx_simd() & CPUID_1_ECX_XSAVE ? 7 : 3;
}

/*
 * ARCH_SET_CPUID 0 makes CPUID fault (#GP, so SIGSEGV) in this thread
 * until it is set back or the program execs (set_cpuid_mode; the flag is
 * inherited by fork and clone with the rest of CPUState).  stitch runs
 * CPUID itself (helper_cpuid), so it can fault whatever the host does; it
 * still answers -ENODEV where the host CPU has no CPUID faulting, as the
 * same program run natively would see.  Setting the host's mode to
 * "enabled", which it already is, tells which.
 */
static abi_long set_cpuid(CPUState *env, uint32_t enable)
{
    if (syscall(SYS_arch_prctl, ARCH_SET_CPUID, 1L) < 0)
        return -errno;
    env->cpuid_fault = !enable;
    return 0;
}

/* fpu_xstate_prctl: the masks are u64 stores to the guest's pointer.  No
 * component of the guest's CPU needs permission (only AMX tile data
 * does), so every request below XFEATURE_MAX is -EOPNOTSUPP, as on a host
 * without AMX. */
static abi_long put_xfeatures(uint32_t addr)
{
    uint64_t v = xfeatures();
    void *g = GUEST_W(addr, sizeof(v));

    if (!g)
        return -EFAULT;
    memcpy(g, &v, sizeof(v));
    return 0;
}

abi_long sys_arch_prctl(CPUState *env, const uint32_t *a)
{
    switch ((int32_t)a[0]) {
    case ARCH_GET_CPUID:
        return !env->cpuid_fault;
    case ARCH_SET_CPUID:
        return set_cpuid(env, a[1]);
    case ARCH_GET_XCOMP_SUPP:
    case ARCH_GET_XCOMP_PERM:
    case ARCH_GET_XCOMP_GUEST_PERM:
        return put_xfeatures(a[1]);
    case ARCH_REQ_XCOMP_PERM:
    case ARCH_REQ_XCOMP_GUEST_PERM:
        return a[1] >= XFEATURE_MAX ? -EINVAL : -EOPNOTSUPP;
    default:
        return -EINVAL;
    }
}
