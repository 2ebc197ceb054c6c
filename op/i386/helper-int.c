/*
 * Integer helpers called by the micro-ops: division, rotates that need the
 * full EFLAGS, cpuid and rdtsc.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <cpuid.h>
#include <sys/platform/x86.h>

#include "cc-op.h"
#include "helper.h"

/* #DE (SDM vol. 3, 6.15 "Interrupt 0"): the translator stored the eip of
 * the dividing instruction and the cc_op before calling us. */
static void __attribute__((noreturn)) raise_divide_error(CPUState *env)
{
    env->exception_index = EXCP_DIVZ;
    env->error_code = 0;
    cpu_loop_exit(env);
}

void helper_raise_exception(CPUState *env, uint32_t excp)
{
    env->exception_index = (int32_t)excp;
    env->error_code = 0;
    cpu_loop_exit(env);
}

/* DIV (SDM vol. 2): unsigned AX / r/m8 -> AL quotient, AH remainder, and the
 * wider forms; a zero divisor or a quotient that does not fit is #DE. */
void helper_divb(CPUState *env, uint32_t divisor)
{
    uint32_t n = env->regs[R_EAX] & 0xffff, d = divisor & 0xff;

    if (d == 0 || n / d > 0xff)
        raise_divide_error(env);
    env->regs[R_EAX] = (env->regs[R_EAX] & ~0xffffu) | (n / d) | (n % d) << 8;
}

void helper_divw(CPUState *env, uint32_t divisor)
{
    uint32_t n = (env->regs[R_EDX] & 0xffff) << 16 | (env->regs[R_EAX] & 0xffff);
    uint32_t d = divisor & 0xffff;

    if (d == 0 || n / d > 0xffff)
        raise_divide_error(env);
    env->regs[R_EAX] = (env->regs[R_EAX] & ~0xffffu) | (n / d);
    env->regs[R_EDX] = (env->regs[R_EDX] & ~0xffffu) | (n % d);
}

void helper_divl(CPUState *env, uint32_t divisor)
{
    uint64_t n = (uint64_t)env->regs[R_EDX] << 32 | env->regs[R_EAX];

    if (divisor == 0 || n / divisor > 0xffffffffu)
        raise_divide_error(env);
    env->regs[R_EAX] = (uint32_t)(n / divisor);
    env->regs[R_EDX] = (uint32_t)(n % divisor);
}

/* IDIV: signed; the quotient truncates toward zero and must fit the
 * destination, which also catches MIN / -1 before the host divides. */
void helper_idivb(CPUState *env, uint32_t divisor)
{
    int32_t n = (int16_t)env->regs[R_EAX], d = (int8_t)divisor;

    if (d == 0 || n / d != (int8_t)(n / d))
        raise_divide_error(env);
    env->regs[R_EAX] = (env->regs[R_EAX] & ~0xffffu) | (uint8_t)(n / d) |
                       (uint32_t)(uint8_t)(n % d) << 8;
}

void helper_idivw(CPUState *env, uint32_t divisor)
{
    int32_t n = (int32_t)((env->regs[R_EDX] & 0xffff) << 16 |
                          (env->regs[R_EAX] & 0xffff));
    int32_t d = (int16_t)divisor;

    if (d == 0 || (n == INT32_MIN && d == -1) || n / d != (int16_t)(n / d))
        raise_divide_error(env);
    env->regs[R_EAX] = (env->regs[R_EAX] & ~0xffffu) | (uint16_t)(n / d);
    env->regs[R_EDX] = (env->regs[R_EDX] & ~0xffffu) | (uint16_t)(n % d);
}

void helper_idivl(CPUState *env, uint32_t divisor)
{
    int64_t n = (int64_t)((uint64_t)env->regs[R_EDX] << 32 | env->regs[R_EAX]);
    int64_t d = (int32_t)divisor;

    if (d == 0 || (n == INT64_MIN && d == -1) || n / d != (int32_t)(n / d))
        raise_divide_error(env);
    env->regs[R_EAX] = (uint32_t)(n / d);
    env->regs[R_EDX] = (uint32_t)(n % d);
}

/* Replace CF and OF in the lazily computed flags, keeping the others. */
static void set_cf_of(CPUState *env, uint32_t cf, uint32_t of)
{
    env->cc_src = (helper_cc_compute_all(env) & ~(CC_C | CC_O)) |
                  (cf ? CC_C : 0) | (of ? CC_O : 0);
    env->cc_op = CC_OP_EFLAGS;
}

static uint32_t mask_of(int bits)
{
    return bits == 32 ? 0xffffffffu : (1u << bits) - 1;
}

/* ROL/ROR (SDM vol. 2): count is the masked count, non-zero.  CF is the
 * bit that wrapped around; OF (defined for count 1, same rule used for
 * all counts) is MSB xor CF for rol, the XOR of the two top bits for ror. */
static uint32_t rotate(CPUState *env, uint32_t v, uint32_t count, int bits,
                       int left)
{
    uint32_t m = mask_of(bits), n = count % bits, r;

    v &= m;
    r = n == 0 ? v
        : left ? ((v << n) | (v >> (bits - n))) & m
               : ((v >> n) | (v << (bits - n))) & m;
    if (left)
        set_cf_of(env, r & 1, ((r >> (bits - 1)) ^ r) & 1);
    else
        set_cf_of(env, (r >> (bits - 1)) & 1,
                  ((r >> (bits - 1)) ^ (r >> (bits - 2))) & 1);
    return r;
}

/* RCL/RCR: a (bits+1)-wide rotate of CF:value.  The count is taken mod
 * bits+1 for 8/16-bit operands; a count that rotates back to the start
 * changes nothing, flags included. */
static uint32_t rotate_carry(CPUState *env, uint32_t v, uint32_t count,
                             int bits, int left)
{
    uint64_t m = ((uint64_t)1 << (bits + 1)) - 1;
    uint32_t n = (count & 0x1f) % (bits + 1);
    uint64_t x;
    uint32_t r, cf;

    if (n == 0)
        return v;
    x = (uint64_t)helper_cc_compute_c(env) << bits | (v & mask_of(bits));
    x = left ? ((x << n) | (x >> (bits + 1 - n))) & m
             : ((x >> n) | (x << (bits + 1 - n))) & m;
    r = (uint32_t)x & mask_of(bits);
    cf = (uint32_t)(x >> bits) & 1;
    if (left)
        set_cf_of(env, cf, ((r >> (bits - 1)) ^ cf) & 1);
    else
        set_cf_of(env, cf, ((r >> (bits - 1)) ^ (r >> (bits - 2))) & 1);
    return r;
}

#define ROTATE_HELPERS(s, bits)                                           \
    uint32_t helper_rol##s(CPUState *env, uint32_t v, uint32_t c)         \
    {                                                                     \
        return rotate(env, v, c, bits, 1);                                \
    }                                                                     \
    uint32_t helper_ror##s(CPUState *env, uint32_t v, uint32_t c)         \
    {                                                                     \
        return rotate(env, v, c, bits, 0);                                \
    }                                                                     \
    uint32_t helper_rcl##s(CPUState *env, uint32_t v, uint32_t c)         \
    {                                                                     \
        return rotate_carry(env, v, c, bits, 1);                          \
    }                                                                     \
    uint32_t helper_rcr##s(CPUState *env, uint32_t v, uint32_t c)         \
    {                                                                     \
        return rotate_carry(env, v, c, bits, 0);                          \
    }
ROTATE_HELPERS(b, 8)
ROTATE_HELPERS(w, 16)
ROTATE_HELPERS(l, 32)

/*
 * CPUID (SDM vol. 2): stitch reports a fixed, documented CPU that has
 * exactly what the translator implements (glibc and programs built with
 * -mpopcnt -mbmi -mbmi2 -mlzcnt -mmovbe -madx pick code paths from it):
 *   leaf 0: max leaf 7, vendor "GenuineIntel", as qemu32 says: glibc
 *           reads leaf 1 only for the vendors it knows (sysdeps/x86/
 *           cpu-features.c, init_cpu_features), so with any other name
 *           it would use none of SSE2 .. SSE4.2, not even i686 code; the
 *           family and model below are a Core 2 (Merom), for which glibc
 *           sets no model-specific preference, and leaves 2 and 4 (cache
 *           descriptors) are zero, so its cache sizes are its defaults
 *   leaf 1: family 6 model 15 stepping 1; EBX: 64-byte clflush line, one
 *           logical processor; ECX: MOVBE, POPCNT and the model's SIMD
 *           extensions, cpuid_1_ecx_simd() (OSXSAVE with XSAVE: XGETBV);
 *           EDX = CPUID_1_EDX_FEATURES
 *   leaf 7, subleaf 0: EBX: BMI1, BMI2, ADX, and RDSEED, AVX2 by the model;
 *           ECX: RDPID by the model, cpuid_7_ecx()
 *   leaf 0xd (max leaf when the model has XSAVE): subleaf 0: XCR0's bits
 *           x87 SSE AVX, 832-byte area; subleaf 2: AVX's 256 bytes at 576;
 *           subleaf 1: EAX XSAVEOPT, and XSAVEC and XGETBV1 where the
 *           model and the host have them, cpuid_d1_eax() (not XSAVES:
 *           supervisor state; XSAVES/XRSTORS are #GP at CPL 3 as natively)
 *   leaf 0x80000000: max extended leaf 0x80000001
 *   leaf 0x80000001: ECX: LZCNT (AMD's ABM bit)
 *   any other leaf: all zero.
 * Under "max" on an AMD host the vendor is "AuthenticAMD", in leaf 0 and
 * 0x80000000, leaves 0x80000002 to 0x80000004 are the host's brand string
 * and 0x80000005 and 0x80000006 its L1 and L2/L3 descriptions (max
 * extended leaf 0x80000006); any other host is "GenuineIntel".  glibc's start-up
 * then takes its AMD path (sysdeps/x86/dl-cacheinfo.h handle_amd), as the
 * native run on that host does, and sysconf's cache sizes are the
 * host's.  Leaf 1's family 6 model 15 sets no AMD preference in glibc.
 */
#define CPUID_1_ECX_MOVBE (1u << 22)
#define CPUID_1_ECX_POPCNT (1u << 23)
#define CPUID_7_EBX_BMI1 (1u << 3)
#define CPUID_7_EBX_BMI2 (1u << 8)
#define CPUID_7_EBX_ADX (1u << 19)
#define CPUID_81_ECX_LZCNT (1u << 5)

/*
 * What the host's CPUID says is read from glibc's copy, made once by
 * ld.so at start-up (<sys/platform/x86.h>; the raw CPUID words, not
 * what GLIBC_TUNABLES enables), rather than by executing CPUID: under a
 * hypervisor every CPUID is a VM exit of several microseconds, paid by
 * every start-up (bench group "startup").
 */

/* RDPID runs the host's own instruction (op_rdpid_T0): it reads the
 * IA32_TSC_AUX the host kernel wrote for the CPU the thread is on,
 * (node << 12) | cpu (arch/x86/kernel/cpu/common.c setup_getcpu()), just
 * what a native process reads; so it is there only if the host has it. */
int host_has_rdpid(void)
{
    return CPU_FEATURE_PRESENT(RDPID);
}

uint32_t host_cpuid_d1_eax(void)
{
    return __x86_get_cpuid_feature_leaf(CPUID_INDEX_D_ECX_1)->cpuid_array[cpuid_register_index_eax];
}

uint32_t cpuid_d1_eax(void)
{
    if (!(cpuid_1_ecx_simd() & CPUID_1_ECX_XSAVE))
        return 0;
    return 1 | (cpu_model_xsave1 & host_cpuid_d1_eax() &
                (CPUID_D1_EAX_XSAVEC | CPUID_D1_EAX_XGETBV1));
}

uint32_t cpuid_7_ecx(void)
{
    return host_has_rdpid() ? cpu_model_ecx7 & CPUID_7_ECX_RDPID : 0;
}

/* Is the host an AMD part whose CPUID has leaves up to 0x80000006, and
 * "max" the model?  (glibc keeps no vendor: two CPUIDs, once.  Leaves 0
 * and 0x80000000 are there on every x86-64, so not __get_cpuid(), which
 * executes a third to check.) */
static int host_amd(void)
{
    static int known = -1;
    int k = __atomic_load_n(&known, __ATOMIC_RELAXED);

    if (!cpu_model_host_vendor)
        return 0;
    if (k < 0) {
        unsigned a, b, c, d;
        __cpuid(0, a, b, c, d);
        k = b == 0x68747541 && d == 0x69746e65 && c == 0x444d4163;
        if (k) {
            __cpuid(0x80000000, a, b, c, d);
            k = a >= 0x80000006;
        }
        __atomic_store_n(&known, k, __ATOMIC_RELAXED);
    }
    return k;
}

/* The host's leaf 0x80000002 to 0x80000006 (brand string, caches),
 * executed the first time the guest asks for it: glibc's start-up asks
 * for the cache leaves only. */
static const uint32_t *host_amd_leaf(uint32_t leaf)
{
    static uint32_t leaves[5][4];
    static int known[5];
    unsigned i = leaf - 0x80000002;

    if (!__atomic_load_n(&known[i], __ATOMIC_ACQUIRE)) {
        __cpuid(leaf, leaves[i][0], leaves[i][1], leaves[i][2], leaves[i][3]);
        __atomic_store_n(&known[i], 1, __ATOMIC_RELEASE);
    }
    return leaves[i];
}

static void set_vendor(uint32_t *r, int amd)
{
    r[R_EBX] = amd ? 0x68747541 : 0x756e6547; /* "Auth" / "Genu" */
    r[R_EDX] = amd ? 0x69746e65 : 0x49656e69; /* "enti" / "ineI" */
    r[R_ECX] = amd ? 0x444d4163 : 0x6c65746e; /* "cAMD" / "ntel" */
}

void helper_cpuid(CPUState *env)
{
    int amd = host_amd();
    uint32_t *r = env->regs;
    uint32_t leaf = r[R_EAX], subleaf = r[R_ECX];

    if (env->cpuid_fault)
        helper_raise_exception(env, EXCP_GPF);
    r[R_EAX] = r[R_EBX] = r[R_ECX] = r[R_EDX] = 0;
    switch (leaf) {
    case 0:
        r[R_EAX] = (cpuid_1_ecx_simd() & CPUID_1_ECX_XSAVE) ? 0xd : 7;
        set_vendor(r, amd);
        break;
    case 1:
        r[R_EAX] = 0x000006f1;
        r[R_EBX] = 0x00010800;
        r[R_ECX] = CPUID_1_ECX_MOVBE | CPUID_1_ECX_POPCNT | cpuid_1_ecx_simd();
        r[R_EDX] = CPUID_1_EDX_FEATURES;
        break;
    case 7:
        if (subleaf == 0) {
            r[R_EBX] = CPUID_7_EBX_BMI1 | CPUID_7_EBX_BMI2 | CPUID_7_EBX_ADX |
                       cpuid_7_ebx_simd();
            r[R_ECX] = cpuid_7_ecx();
        }
        break;
    case 0xd: /* XSAVE: x87, SSE, AVX; the standard format only */
        if (!(cpuid_1_ecx_simd() & CPUID_1_ECX_XSAVE))
            break;
        if (subleaf == 0) {
            r[R_EAX] = 7;
            r[R_EBX] = r[R_ECX] = 832; /* 512 + 64 header + 256 AVX */
        } else if (subleaf == 1) {
            r[R_EAX] = cpuid_d1_eax();
        } else if (subleaf == 2) {
            r[R_EAX] = 256;
            r[R_EBX] = 576;
        }
        break;
    case 0x80000000:
        r[R_EAX] = amd ? 0x80000006 : 0x80000001;
        if (amd)
            set_vendor(r, amd);
        break;
    case 0x80000001:
        r[R_EAX] = amd ? 0x000006f1 : 0; /* AMD repeats leaf 1's signature */
        r[R_ECX] = CPUID_81_ECX_LZCNT;
        break;
    case 0x80000002 ... 0x80000006:
        if (amd) {
            const uint32_t *h = host_amd_leaf(leaf);
            r[R_EAX] = h[0], r[R_EBX] = h[1], r[R_ECX] = h[2], r[R_EDX] = h[3];
        }
        break;
    }
}

/* RDTSC: the host's time-stamp counter. */
void helper_rdtsc(CPUState *env)
{
    uint64_t t = __builtin_ia32_rdtsc();

    env->regs[R_EAX] = (uint32_t)t;
    env->regs[R_EDX] = (uint32_t)(t >> 32);
}
