/* cflags: -msse4.2 -maes -mpclmul */
/*
 * 67-aes-clmul: AES-NI (AESENC, AESENCLAST, AESDEC, AESDECLAST, AESIMC,
 * AESKEYGENASSIST for every imm8) and PCLMULQDQ for every imm8, over edge
 * and random operands in register and memory forms (simd-harness.h),
 * and a whole AES-128 key expansion and encryption of FIPS-197's example
 * (appendix C.1), whose ciphertext the program checks itself; RDRAND and
 * RDSEED in 32- and 16-bit forms (random values, so the program checks
 * the SDM's rules itself: CF=1 with a value or CF=0 with 0, OF SF ZF AF
 * PF cleared, the 16-bit form keeping the register's upper half).  The
 * native run is the oracle.
 */
#include "simd-harness.h"

RM(aesenc, "aesenc") RM(aesenclast, "aesenclast") RM(aesdec, "aesdec")
RM(aesdeclast, "aesdeclast") RM(aesimc, "aesimc")
RMI(aeskeygenassist, "aeskeygenassist") RMI(pclmulqdq, "pclmulqdq")

static const Test tests[] = {
    T_RM(aesenc, 0), T_RM(aesenclast, 0), T_RM(aesdec, 0),
    T_RM(aesdeclast, 0), T_RM(aesimc, 0), TI_RM(aeskeygenassist, 6),
    TI_RM(pclmulqdq, 6),
};

/* FIPS-197 C.1: key 000102..0f, plaintext 00112233..ff. */
typedef struct { u64 q[2]; } __attribute__((aligned(16))) Block;

#define EXPAND(rcon)                                                        \
    "aeskeygenassist $" #rcon ", %%xmm1, %%xmm2\n\t"                        \
    "pshufd $0xff, %%xmm2, %%xmm2\n\t"                                      \
    "movdqa %%xmm1, %%xmm3\n\tpslldq $4, %%xmm3\n\tpxor %%xmm3, %%xmm1\n\t" \
    "pslldq $4, %%xmm3\n\tpxor %%xmm3, %%xmm1\n\t"                          \
    "pslldq $4, %%xmm3\n\tpxor %%xmm3, %%xmm1\n\t"                          \
    "pxor %%xmm2, %%xmm1\n\t"

#define ROUND(rcon) EXPAND(rcon) "aesenc %%xmm1, %%xmm0\n\t"

static void aes128(const Block *key, Block *blk)
{
    __asm__ volatile("movdqa %[k], %%xmm1\n\tmovdqa %[b], %%xmm0\n\t"
                     "pxor %%xmm1, %%xmm0\n\t"
                     ROUND(0x01) ROUND(0x02) ROUND(0x04) ROUND(0x08)
                     ROUND(0x10) ROUND(0x20) ROUND(0x40) ROUND(0x80)
                     ROUND(0x1b) EXPAND(0x36)
                     "aesenclast %%xmm1, %%xmm0\n\tmovdqa %%xmm0, %[b]"
                     : [b] "+m"(*blk)
                     : [k] "m"(*key)
                     : "xmm0", "xmm1", "xmm2", "xmm3");
}

/* One RDRAND/RDSEED: 1 if it follows the rules, 0 if not; *got: CF. */
#define RAND_TRY(name, insn, pre)                                           \
    static int name(int *got)                                               \
    {                                                                       \
        u32 v, fl;                                                          \
        __asm__ volatile("movl $0x12345678, %%eax\n\tpushl $0x8d5\n\t"     \
                         "popfl\n\t" insn "\n\tpushfl\n\tpopl %[fl]"       \
                         : "=a"(v), [fl] "=r"(fl) : : "cc");                \
        fl &= 0x8d5;                                                        \
        *got = fl == 1;                                                     \
        if (fl != 1 && fl != 0)                                             \
            return 0;                                                       \
        if (pre && (v >> 16) != 0x1234)                                     \
            return 0;                                                       \
        return fl == 1 || (v & (pre ? 0xffff : 0xffffffff)) == 0;           \
    }
RAND_TRY(rdrand32, "rdrand %%eax", 0)
RAND_TRY(rdrand16, "rdrand %%ax", 1)
RAND_TRY(rdseed32, "rdseed %%eax", 0)
RAND_TRY(rdseed16, "rdseed %%ax", 1)

static void rand_check(const char *name, int (*try)(int *))
{
    int ok = 1, got = 0, any = 0;

    for (int i = 0; i < 2000; i++) {
        ok &= try(&got);
        any |= got;
    }
    printf("%s: %s, %s\n", name, ok ? "rules kept" : "RULES BROKEN",
           any ? "values delivered" : "NO VALUE");
}

int main(int argc, char **argv)
{
    static const Block key = {{0x0706050403020100ull, 0x0f0e0d0c0b0a0908ull}};
    static const Block want = {{0x30047b6ad8e0c469ull, 0x5ac5b47080b7cdd8ull}};
    Block b = {{0x7766554433221100ull, 0xffeeddccbbaa9988ull}};

    run_tests(tests, sizeof(tests) / sizeof(tests[0]), argc, argv);
    aes128(&key, &b);
    printf("aes128 %016llx%016llx %s\n", b.q[1], b.q[0],
           memcmp(&b, &want, 16) ? "WRONG" : "= FIPS-197 C.1");
    rand_check("rdrand r32", rdrand32);
    rand_check("rdrand r16", rdrand16);
    rand_check("rdseed r32", rdseed32);
    rand_check("rdseed r16", rdseed16);
    return 0;
}
