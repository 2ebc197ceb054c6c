/* 73-carry-chain-context: the 64-bit idioms stitch runs in fewer ops
 * (op/i386/op-i386.c): ADC and SBB r/m32 right after a 32-bit ADD, SUB or
 * CMP (the carry-in taken from that record in the same op), JB/JAE right
 * after such an SBB or ADC (the carry computed from the result and the
 * operand), and SHLD/SHRD r/m32 by an immediate.  After each case a load
 * faults: the signal context must show the registers and the flags the
 * real CPU has, and which way the branch went (EDI is 1 when JAE/JB fell
 * through).  The carry-ins and carry-outs are taken at their edges: a
 * borrow of exactly 2^32, a zero result with a carry.  An ADC on memory
 * that faults itself must leave the flags of the ADD before it.  And a
 * Jcc on the Z, S or LE of an AND, OR or XOR on a register. */
#include "fault-harness.h"

#include <stdint.h>
#include <sys/mman.h>

#define BAD 0x50000000u /* a PROT_NONE page */

static unsigned flag_mask = 0x8d5;
uint32_t mem[2]; /* global: the assembly names it */

static void handler(int sig, siginfo_t *si, void *ctx)
{
    greg_t *g = ((ucontext_t *)ctx)->uc_mcontext.gregs;

    printf("  sig %d addr=%p eip=site%+ld efl=%03x\n", sig, si->si_addr,
           (long)((unsigned)g[REG_EIP] - site), (unsigned)(g[REG_EFL] & flag_mask));
    printf("  eax=%08x ebx=%08x ecx=%08x edx=%08x esi=%08x edi=%08x ebp=%08x"
           " mem=%08x %08x\n",
           (unsigned)g[REG_EAX], (unsigned)g[REG_EBX], (unsigned)g[REG_ECX],
           (unsigned)g[REG_EDX], (unsigned)g[REG_ESI], (unsigned)g[REG_EDI],
           (unsigned)g[REG_EBP], mem[0], mem[1]);
    faulted = 1;
    g[REG_EIP] += skip;
}

/* Case `name`: EAX..EBP set from `regs` ("a,b,c,d,si,di,bp" as movs),
 * `insn`, then `fault`, the instruction that faults; `mask` the flags the
 * last flag setter defines. */
#define FAULT_CASE(name, regs, insn, fault, mask)                           \
    static void case_##name(void)                                          \
    {                                                                       \
        FAULT_SITE(name);                                                   \
        flag_mask = (mask);                                                 \
        mem[0] = 0xfffffffeu;                                               \
        mem[1] = 0x00000007u;                                               \
        printf(#name ": " insn "\n");                                       \
        __asm__ __volatile__("pusha\n\t" regs insn "\n\t"                   \
                             "f_" #name ": " fault "\n\t"                   \
                             "e_" #name ": popa"                            \
                             : : "i"(BAD) : "memory", "cc");                \
        if (!faulted)                                                       \
            printf("  no fault\n");                                         \
    }
#define REGS(a, b, c, d)                                                    \
    "mov $" #a ", %%eax\n\tmov $" #b ", %%ebx\n\t"                          \
    "mov $" #c ", %%ecx\n\tmov $" #d ", %%edx\n\t"                          \
    "mov $0xf0000008, %%esi\n\tmov $0x12345678, %%edi\n\t"                  \
    "mov $0xdeadbeef, %%ebp\n\t"
#define LOAD_BAD "cmpl $0, %c0"
#define ALL 0x8d5
/* AF and OF (unless the count is 1) are undefined after SHLD/SHRD. */
#define SHXD_MASK(k) (((k) & 31) == 1 ? 0x8c5 : 0x0c5)

/* `if (b:a >= d:c)` as GCC writes it: cmp low; sbb high; jae */
#define CMP64(name, a, b, c, d, j)                                          \
    FAULT_CASE(name, REGS(a, b, c, d),                                      \
               "cmp %%ecx, %%eax\n\tsbb %%edx, %%ebx\n\t" #j " 1f\n\t"     \
               "mov $1, %%edi\n1:",                                         \
               LOAD_BAD, ALL)
CMP64(cmp_eq_jae, 5, 7, 5, 7, jae)
CMP64(cmp_borrow_jae, 4, 7, 5, 7, jae)
CMP64(cmp_zero_jae, 4, 8, 5, 7, jae)
CMP64(cmp_wrap_jae, 4, 0, 5, 0xffffffff, jae)
CMP64(cmp_wrap_jb, 4, 0, 5, 0xffffffff, jb)
CMP64(cmp_high_jb, 9, 0x80000000, 5, 0x7fffffff, jb)
CMP64(cmp_eq_jb, 5, 7, 5, 7, jb)
/* the high half to a register stitch keeps in env, and a compare with
 * memory */
FAULT_CASE(sub_sbb_edi_jb, REGS(1, 2, 3, 4),
           "sub %%ecx, %%eax\n\tmov %%edx, %%edi\n\tsbb %%ebx, %%edi\n\t"
           "jb 1f\n\tmov $1, %%ebp\n1:", LOAD_BAD, ALL)
FAULT_CASE(cmp_mem_jae, REGS(0xfffffffe, 7, 0, 0),
           "cmp %%eax, mem\n\tsbb mem+4, %%ebx\n\tjae 1f\n\tmov $1, %%edi\n1:",
           LOAD_BAD, ALL)

/* b:a += d:c, then JB / JAE on the carry out */
#define ADD64(name, a, b, c, d, j)                                          \
    FAULT_CASE(name, REGS(a, b, c, d),                                      \
               "add %%ecx, %%eax\n\tadc %%edx, %%ebx\n\t" #j " 1f\n\t"     \
               "mov $1, %%edi\n1:",                                         \
               LOAD_BAD, ALL)
ADD64(add_carry_jb, 0xffffffff, 0xffffffff, 1, 0, jb)
ADD64(add_wrap_jb, 0xffffffff, 0, 1, 0xffffffff, jb)
ADD64(add_none_jb, 1, 1, 2, 2, jb)
ADD64(add_none_jae, 1, 0x7fffffff, 2, 0, jae)
ADD64(add_of_jae, 0x80000000, 0x7fffffff, 0x80000000, 0, jae)

/* the carry kept in the record only: flags after ADC/SBB, no branch */
FAULT_CASE(add_adc, REGS(0x80000000, 0x7fffffff, 0x80000000, 0),
           "add %%ecx, %%eax\n\tadc %%edx, %%ebx", LOAD_BAD, ALL)
FAULT_CASE(sub_sbb, REGS(0, 0x80000000, 1, 0),
           "sub %%ecx, %%eax\n\tsbb %%edx, %%ebx", LOAD_BAD, ALL)
FAULT_CASE(add_sbb, REGS(0xffffffff, 5, 1, 5),
           "add %%ecx, %%eax\n\tsbb %%edx, %%ebx", LOAD_BAD, ALL)
FAULT_CASE(sub_adc, REGS(0, 0xffffffff, 1, 0),
           "sub %%ecx, %%eax\n\tadc %%edx, %%ebx", LOAD_BAD, ALL)
FAULT_CASE(cmp_sbb_self, REGS(1, 9, 2, 0),
           "cmp %%ecx, %%eax\n\tsbb %%ebx, %%ebx", LOAD_BAD, ALL)
FAULT_CASE(add_adc_imm, REGS(0xffffffc4, 0xffff, 0x3b, 0),
           "add $0x3b, %%eax\n\tadc $0xffff0000, %%ebx", LOAD_BAD, ALL)
/* the flags of ADC overwritten: its record is dropped, the sum kept */
FAULT_CASE(add_adc_dead, REGS(0xffffffff, 1, 1, 2),
           "add %%ecx, %%eax\n\tadc %%edx, %%ebx\n\tcmp %%ecx, %%edx", LOAD_BAD, ALL)
FAULT_CASE(sub_sbb_dead, REGS(0, 1, 1, 0),
           "sub %%ecx, %%eax\n\tsbb %%edx, %%ebx\n\tand %%ecx, %%edx", LOAD_BAD, 0x8c5)
/* read-modify-write of memory: done, and faulting itself */
FAULT_CASE(add_adc_mem, REGS(2, 0, 0, 3),
           "add %%eax, mem\n\tadc %%edx, mem+4", LOAD_BAD, ALL)
FAULT_CASE(add_adc_fault, REGS(0xffffffff, 0, 1, 3),
           "add %%ecx, %%eax", "adc %%edx, %c0", ALL)
FAULT_CASE(cmp_sbb_fault, REGS(1, 0, 2, 3),
           "cmp %%ecx, %%eax", "sbb %c0, %%edx", ALL)

/* AND, OR, XOR on a register, then a Jcc on its Z, S or LE: the branch
 * from the register (fuse.c, fuse_logic_jcc); EBP is 1 when it fell
 * through. */
#define LOGIC_JCC(name, a, b, insn, j)                                      \
    FAULT_CASE(name, REGS(a, b, 0x80000000, 0),                             \
               insn "\n\t" #j " 1f\n\tmov $1, %%ebp\n1:", LOAD_BAD, 0x8c5)
LOGIC_JCC(or_jne, 0, 0, "or %%ecx, %%esi\n\tor %%edx, %%eax", jne)
LOGIC_JCC(or_je, 0, 0, "or %%eax, %%ebx", je)
LOGIC_JCC(and_je, 6, 0, "and $1, %%eax", je)
LOGIC_JCC(and_jne, 7, 0, "and $1, %%eax\n\tor $0, %%eax", jne)
LOGIC_JCC(xor_js, 1, 0x80000001, "xor %%eax, %%ebx", js)
LOGIC_JCC(xor_jns, 1, 0x80000001, "xor %%ecx, %%ebx", jns)
LOGIC_JCC(and_jle, 1, 0x80000001, "and %%ecx, %%edi", jle)
LOGIC_JCC(and_jg, 1, 0x7fffffff, "and $0x7fffffff, %%ebx", jg)
LOGIC_JCC(or_jl, 1, 0, "or $0x80000000, %%edx", jl)
LOGIC_JCC(xor_jbe, 5, 5, "xor %%eax, %%ebx", jbe)
LOGIC_JCC(or_ja_edi, 5, 5, "or %%ecx, %%edi", ja)

/* SHLD/SHRD by an immediate: registers and memory, counts 1, 4, 31, 33
 * (masked to 1) and 32 (masked to 0: nothing changes) */
#define SHXD(op, k)                                                         \
    FAULT_CASE(op##_##k, REGS(0x89abcdef, 0x80000001, 0x7fff8001, 0x00c0ffee), \
               "cmp %%ecx, %%edx\n\t" #op " $" #k ", %%eax, %%edx\n\t"      \
               #op " $" #k ", %%ecx, %%edi\n\t" #op " $" #k ", %%ebx, %%esi", \
               LOAD_BAD, SHXD_MASK(k))                                      \
    FAULT_CASE(op##_mem_##k, REGS(0x89abcdef, 0x80000001, 0x7fff8001, 0x00c0ffee), \
               "cmp %%ecx, %%edx\n\t" #op " $" #k ", %%eax, mem",           \
               LOAD_BAD, SHXD_MASK(k))
#define SHXD_COUNTS(X, op) X(op, 1) X(op, 4) X(op, 31) X(op, 33) X(op, 32)
SHXD_COUNTS(SHXD, shld)
SHXD_COUNTS(SHXD, shrd)
#define CALL_SHXD(op, k) case_##op##_##k(); case_##op##_mem_##k();

/* A 64-bit modular multiplication (bench/kernels/arith64.c): every idiom
 * above in a loop. */
static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m)
{
    uint64_t r = 0;

    a %= m;
    while (b) {
        if (b & 1) {
            r += a;
            if (r >= m)
                r -= m;
        }
        a <<= 1;
        if (a >= m)
            a -= m;
        b >>= 1;
    }
    return r;
}

int main(void)
{
    volatile uint64_t x = 0x123456789abcdefull, acc = 0;

    if (mmap((void *)BAD, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
             -1, 0) != (void *)BAD)
        return 1;
    catch_faults(handler, SIGSEGV, 0);
    setvbuf(stdout, NULL, _IONBF, 0);
    case_cmp_eq_jae(); case_cmp_borrow_jae(); case_cmp_zero_jae();
    case_cmp_wrap_jae(); case_cmp_wrap_jb(); case_cmp_high_jb(); case_cmp_eq_jb();
    case_sub_sbb_edi_jb(); case_cmp_mem_jae();
    case_add_carry_jb(); case_add_wrap_jb(); case_add_none_jb();
    case_add_none_jae(); case_add_of_jae();
    case_add_adc(); case_sub_sbb(); case_add_sbb(); case_sub_adc();
    case_cmp_sbb_self(); case_add_adc_imm(); case_add_adc_dead();
    case_sub_sbb_dead(); case_add_adc_mem(); case_add_adc_fault();
    case_cmp_sbb_fault();
    case_or_jne(); case_or_je(); case_and_je(); case_and_jne();
    case_xor_js(); case_xor_jns(); case_and_jle(); case_and_jg();
    case_or_jl(); case_xor_jbe(); case_or_ja_edi();
    SHXD_COUNTS(CALL_SHXD, shld)
    SHXD_COUNTS(CALL_SHXD, shrd)
    for (int i = 0; i < 2000; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        acc ^= mulmod(x >> 8, x >> 3, 0xffffffffffc5ull + (uint64_t)i);
    }
    printf("mulmod %016llx\n", (unsigned long long)acc);
    return 0;
}
