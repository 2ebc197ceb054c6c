/* 73-fused-reg-context: an instruction that stitch runs on the register
 * itself (translate/i386/fuse.c) followed by a load that faults, on every
 * register but ESP: SHL, SHR and SAR by a constant, and ADD, SUB, AND, OR
 * and XOR of two registers (and of one with itself).  The signal context
 * must show the result and the instruction's flags, as the real CPU's.
 * Then addresses whose base or index is a register the instruction before
 * just wrote (ECX, EBP and EDI live in stitch's env; the register pass
 * reads them from a temporary), with the load faulting and not, and the
 * table-driven CRC-32 loop whose `xor %eax,%ecx; shr $8,%eax; movzbl
 * %cl,%ecx; xor (%edi,%ecx,4),%eax` the fusion keeps in registers. */
#include "fault-harness.h"

#include <stdint.h>
#include <sys/mman.h>

#define BAD 0x50000000u /* a PROT_NONE page */

static int addr_case; /* the handler prints ECX and EDI, no other register */
/* The flags compared: a shift leaves AF undefined, and OF unless its count
 * is 1 (SDM SAL/SAR/SHL/SHR; docs/divergences.md, undefined flags). */
static unsigned flag_mask = 0x8d5;

static void handler(int sig, siginfo_t *si, void *ctx)
{
    greg_t *g = ((ucontext_t *)ctx)->uc_mcontext.gregs;

    printf("  sig %d addr=%p eip=site%+ld efl=%03x\n", sig, si->si_addr,
           (long)((unsigned)g[REG_EIP] - site), (unsigned)(g[REG_EFL] & flag_mask));
    if (addr_case)
        printf("  ecx=%08x edi=%08x\n", (unsigned)g[REG_ECX], (unsigned)g[REG_EDI]);
    else
        printf("  eax=%08x ebx=%08x ecx=%08x edx=%08x esi=%08x edi=%08x ebp=%08x\n",
           (unsigned)g[REG_EAX], (unsigned)g[REG_EBX], (unsigned)g[REG_ECX],
           (unsigned)g[REG_EDX], (unsigned)g[REG_ESI], (unsigned)g[REG_EDI],
           (unsigned)g[REG_EBP]);
    faulted = 1;
    g[REG_EIP] += skip;
}

/* Every register but ESP saved and set to a known value. */
#define SET_REGS                                                            \
    "pusha\n\t"                                                             \
    "mov $0x89abcdef, %%eax\n\tmov $0x80000001, %%ebx\n\t"                  \
    "mov $0x7fff8001, %%ecx\n\tmov $0x00c0ffee, %%edx\n\t"                  \
    "mov $0xf0000008, %%esi\n\tmov $0x12345678, %%edi\n\t"                  \
    "mov $0xdeadbeef, %%ebp\n\t"

/* Case `name`: the registers set, the instruction `insn`, then a read of
 * BAD; `mask` the flags it defines. */
#define FAULT_CASE(name, insn, mask)                                        \
    static void case_##name(void)                                          \
    {                                                                       \
        FAULT_SITE(name);                                                   \
        flag_mask = (mask);                                                 \
        printf(insn "\n");                                                  \
        __asm__ __volatile__(SET_REGS insn "\n\t"                           \
                             "f_" #name ": cmpl $0, %c0\n\t"                \
                             "e_" #name ": popa"                            \
                             : : "i"(BAD) : "memory", "cc");                \
        if (!faulted)                                                       \
            printf("  no fault\n");                                         \
    }

/* `op $k, %reg` */
#define SHIFT_CASE(op, k, reg)                                              \
    FAULT_CASE(op##_##k##_##reg, #op " $" #k ", %%" #reg,                   \
               (k) == 1 ? 0x8c5 : 0x0c5)
#define REGS(X, op, k)                                                      \
    X(op, k, eax) X(op, k, ebx) X(op, k, ecx) X(op, k, edx) X(op, k, esi)  \
    X(op, k, edi) X(op, k, ebp)
#define CASES(X)                                                            \
    REGS(X, shl, 1) REGS(X, shl, 4) REGS(X, shl, 31)                        \
    REGS(X, shr, 1) REGS(X, shr, 8) REGS(X, shr, 31)                        \
    REGS(X, sar, 1) REGS(X, sar, 12) REGS(X, sar, 31)
CASES(SHIFT_CASE)
#define CALL_CASE(op, k, reg) case_##op##_##k##_##reg();

/* `op %src, %dst`; AF is undefined after the logic ones (SDM AND/OR/XOR). */
#define ALU_CASE(op, src, dst)                                              \
    FAULT_CASE(op##_##src##_##dst, #op " %%" #src ", %%" #dst,             \
               #op[0] == 'a' && #op[1] == 'd' ? 0x8d5                       \
               : #op[0] == 's'                ? 0x8d5 : 0x8c5)
#define ALU_REGS(X, op)                                                     \
    X(op, ebx, eax) X(op, edx, ebx) X(op, eax, ecx) X(op, esi, edx)         \
    X(op, edi, esi) X(op, ecx, edi) X(op, ebx, ebp) X(op, eax, eax)         \
    X(op, ecx, ecx) X(op, ebp, ebp)
#define ALU_CASES(X)                                                        \
    ALU_REGS(X, add) ALU_REGS(X, sub) ALU_REGS(X, and) ALU_REGS(X, or)      \
    ALU_REGS(X, xor)
ALU_CASES(ALU_CASE)
#define CALL_ALU(op, src, dst) case_##op##_##src##_##dst();

static uint32_t table[8] = {11, 22, 33, 44, 55, 66, 77, 88};

/* `mov (%ecx,%edi,4)` after `body`, which leaves ECX or EDI in one of
 * stitch's temporaries: `add r, r` its result in T0, `add r1, r2` r1 in T1,
 * a fused shift of another register leaves T0 alone.  EBP holds table. */
#define ADDR_CASE(name, body, in_a, in_b)                                   \
    static void addr_##name(void)                                          \
    {                                                                       \
        uint32_t out, a = (in_a), b = (in_b);                               \
        FAULT_SITE(name);                                                   \
        printf(#name "\n");                                                \
        __asm__ __volatile__(                                               \
            "push %%ebp\n\tmov %3, %%ebp\n\t"                               \
            body "\n\t"                                                     \
            "f_" #name ": mov (%%ecx,%%edi,4), %0\n\t"                      \
            "e_" #name ": pop %%ebp"                                        \
            : "=&a"(out), "+c"(a), "+D"(b)                                  \
            : "r"((uint32_t)(uintptr_t)table) : "memory", "cc");            \
        if (!faulted)                                                       \
            printf("  ok out=%u edi=%u\n", out, b);                         \
    }
/* the index from T0 (addl_A0_T0_s2) */
ADDR_CASE(index_t0, "mov %%ebp, %%ecx\n\tadd $2, %%edi\n\tadd %%edi, %%edi", 0, 1)
/* the base with a displacement from T1 (leal_A0_T1_im), then from T0 */
ADDR_CASE(disp_t1, "mov %%ebp, %%ecx\n\tadd %%ecx, %%edi\n\tmov 8(%%ecx), %%edi\n\tsub $31, %%edi", 0, 0)
ADDR_CASE(disp_t0, "add %%ebp, %%ecx\n\tmov 4(%%ecx), %%edi\n\tsub $20, %%edi", 0, 0)
/* the low byte of ECX from T0 (movzbl_T0_T0), the base faulting */
ADDR_CASE(byte_fault, "mov $0x28000000, %%ecx\n\tadd %%ecx, %%ecx\n\t"
          "shr $4, %%edi\n\tmovzbl %%cl, %%edi\n\tadd $3, %%edi", 0, 0x35)
ADDR_CASE(base_fault, "mov $0x28000000, %%ecx\n\tadd %%ecx, %%ecx\n\tshr $4, %%edi",
          0, 0x35)

static uint32_t crc32(const unsigned char *p, size_t n)
{
    static uint32_t t[256];
    uint32_t crc = ~0u;

    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        t[i] = c;
    }
    while (n--)
        crc = t[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

int main(void)
{
    static unsigned char buf[4096];

    if (mmap((void *)BAD, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
             -1, 0) != (void *)BAD)
        return 1;
    catch_faults(handler, SIGSEGV, 0);
    setvbuf(stdout, NULL, _IONBF, 0);
    CASES(CALL_CASE)
    ALU_CASES(CALL_ALU)
    addr_case = 1;
    flag_mask = 0x8d5;
    addr_index_t0();
    addr_disp_t1();
    addr_disp_t0();
    addr_byte_fault();
    flag_mask = 0x0c5; /* the last flag setter is a shift */
    addr_base_fault();
    for (unsigned i = 0; i < sizeof(buf); i++)
        buf[i] = (unsigned char)(i * 7 + (i >> 5));
    printf("crc32 %08x\n", crc32(buf, sizeof(buf)));
    return 0;
}
