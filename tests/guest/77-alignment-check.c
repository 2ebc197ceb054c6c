/* 77-alignment-check: with EFLAGS.AC set (POPF; Linux runs user code with
 * CR0.AM on) a data access whose address is not a multiple of its size
 * is #AC (SDM vol. 3, 6.15 "Interrupt 17"): SIGBUS, BUS_ADRALN, no
 * address, trap 17, error 0, EIP at the instruction, the registers as
 * before it; the handler still runs with AC set (the kernel does not clear
 * it on delivery).  Integer loads, stores and read-modify-writes of 2 and
 * 4 bytes, pushes and pops at a misaligned ESP, LODS/STOS/MOVS,
 * REP MOVS/STOS, CALL RET ENTER PUSHA, LOCKed read-modify-writes,
 * CMPXCHG8B, x87 operands of 2, 4, 8 and 10 bytes and the FNSTENV image,
 * SSE operands of 4, 8
 * and 16 bytes; byte accesses and aligned ones never fault.
 * cflags: -msse2 */
#include "fault-harness.h"

static unsigned char buf[1024] __attribute__((aligned(64)));

static void handler(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    greg_t *g = uc->uc_mcontext.gregs;
    unsigned fl;

    __asm__ volatile("pushfl\n\tpopl %0\n\tpushfl\n\tandl $~0x40000, (%%esp)\n\tpopfl"
                     : "=r"(fl));
    faulted = 1;
    printf("  sig %d code %d addr %p trapno %d err %#x eip site%+d fl %05x"
           " handler-ac %d esi buf%+d edi buf%+d eax %08x\n",
           sig, si->si_code, si->si_addr, (int)g[REG_TRAPNO], (unsigned)g[REG_ERR],
           (int)(g[REG_EIP] - site), (unsigned)g[REG_EFL] & 0x408d5, !!(fl & 0x40000),
           (int)(g[REG_ESI] - (unsigned)buf), (int)(g[REG_EDI] - (unsigned)buf),
           (unsigned)g[REG_EAX]);
    g[REG_EIP] = site + skip;
    g[REG_EFL] &= ~0x40000;
}

/* ESI = buf + off, EDI = buf + 128 + off, AC set, then `insn` (label
 * f_name); `post` after it undoes what the case did to ESP. */
#define CASE(name, off, insn, post)                                           \
    do {                                                                      \
        printf("%s\n", #name);                                                \
        FAULT_SITE(name);                                                     \
        __asm__ volatile("pushl %%ebp\n\tmovl %%esp, %%ebp\n\t"               \
                         "movl %0, %%esi\n\tleal 128(%%esi), %%edi\n\t"       \
                         "movl $0x12345678, %%eax\n\tcld\n\t"                 \
                         "pushfl\n\torl $0x40000, (%%esp)\n\tpopfl\n\t"       \
                         ".globl f_" #name "\nf_" #name ":\n\t" insn "\n"     \
                         ".globl e_" #name "\ne_" #name ":\n\t" post "\n\t"   \
                         "pushfl\n\tandl $~0x40000, (%%esp)\n\tpopfl\n\t"     \
                         "movl %%ebp, %%esp\n\tpopl %%ebp"                    \
                         :: "r"(buf + 64 + (off))                             \
                         : "eax", "ecx", "edx", "esi", "edi", "memory", "cc"); \
        if (!faulted)                                                         \
            printf("  no fault\n");                                           \
    } while (0)

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    catch_faults(handler, SIGBUS, SIGSEGV, 0);

    CASE(ld32_1, 1, "movl (%%esi), %%eax", "");
    CASE(ld32_2, 2, "movl (%%esi), %%eax", "");
    CASE(ld32_4, 4, "movl (%%esi), %%eax", "");
    CASE(ld16_1, 1, "movw (%%esi), %%ax", "");
    CASE(ld16_2, 2, "movw (%%esi), %%ax", "");
    CASE(ld8_1, 1, "movb (%%esi), %%al", "");
    CASE(movzwl_3, 3, "movzwl (%%esi), %%eax", "");
    CASE(movswl_1, 1, "movswl (%%esi), %%eax", "");
    CASE(st32_2, 2, "movl %%eax, (%%esi)", "");
    CASE(st16_1, 1, "movw %%ax, (%%esi)", "");
    CASE(add_rmw_1, 1, "addl %%eax, (%%esi)", "");
    CASE(inc_rmw_2, 2, "incl (%%esi)", "");
    CASE(add_load_3, 3, "addl (%%esi), %%eax", "");
    CASE(cmp_1, 1, "cmpl $5, (%%esi)", "");
    CASE(xchg_2, 2, "xchgl %%eax, (%%esi)", "");
    CASE(lock_xadd_1, 1, "lock xaddl %%eax, (%%esi)", "");
    CASE(lock_cmpxchgw_1, 1, "lock cmpxchgw %%ax, (%%esi)", "");
    CASE(lock_inc_2, 2, "lock incl (%%esi)", "");
    CASE(pushw_esp, 0, "leal -1(%%esp), %%esp\n\tpushw %%ax", "");
    CASE(lea_1, 1, "leal 1(%%esi), %%eax", "");
    CASE(push_esp, 0, "leal -1(%%esp), %%esp\n\tpushl %%eax", "");
    CASE(push_mem, 0, "pushl 1(%%esi)", "");
    CASE(pop_esp, 0, "leal -6(%%esp), %%esp\n\tpopl %%eax", "");
    CASE(call_esp, 0, "leal -2(%%esp), %%esp\n\tcall 1f\n1:", "");
    CASE(push_ok, 0, "pushl %%eax\n\tpopl %%eax", "");
    CASE(lodsl_1, 1, "lodsl", "");
    CASE(stosl_2, 2, "stosl", "");
    CASE(movsl_1, 1, "movsl", "");
    CASE(movsw_1, 1, "movsw", "");
    CASE(movsb_1, 1, "movsb", "");
    CASE(cmpxchg8b_4, 4, "cmpxchg8b (%%esi)", "");
    CASE(flds_2, 2, "flds (%%esi)\n\tfstp %%st(0)", "");
    CASE(fldl_4, 4, "fldl (%%esi)\n\tfstp %%st(0)", "");
    CASE(fldl_8, 8, "fldl (%%esi)\n\tfstp %%st(0)", "");
    CASE(fildl_1, 1, "fildl (%%esi)\n\tfstp %%st(0)", "");
    CASE(filds_1, 1, "filds (%%esi)\n\tfstp %%st(0)", "");
    CASE(fnstcw_1, 1, "fnstcw (%%esi)", "");
    CASE(fldt_4, 4, "fldt (%%esi)\n\tfstp %%st(0)", "");
    CASE(fldt_8, 8, "fldt (%%esi)\n\tfstp %%st(0)", "");
    CASE(movss_2, 2, "movss (%%esi), %%xmm0", "");
    CASE(movsd_4, 4, "movsd (%%esi), %%xmm0", "");
    CASE(movq_st_4, 4, "movq %%xmm0, (%%esi)", "");
    CASE(movups_8, 8, "movups (%%esi), %%xmm0", "");
    CASE(movdqu_st_4, 4, "movdqu %%xmm0, (%%esi)", "");
    CASE(movups_0, 0, "movups (%%esi), %%xmm0", "");
    CASE(addss_2, 2, "addss (%%esi), %%xmm0", "");
    CASE(addsd_4, 4, "addsd (%%esi), %%xmm0", "");
    CASE(ucomisd_4, 4, "ucomisd (%%esi), %%xmm0", "");
    CASE(cvttsd2si_4, 4, "cvttsd2si (%%esi), %%eax", "");
    CASE(movaps_8_gp, 8, "movaps (%%esi), %%xmm0", "");
    CASE(rep_movsl_1, 1, "movl $2, %%ecx\n\trep movsl", "");
    CASE(rep_stosl_1, 1, "movl $2, %%ecx\n\trep stosl", "");
    CASE(enter_1, 0, "leal -1(%%esp), %%esp\n\tenter $4, $0", "");
    CASE(pusha_1, 0, "leal -1(%%esp), %%esp\n\tpushal", "");
    CASE(fxsave_ok, 0, "fxsave (%%esi)", "");
    CASE(fnstenv_2, 2, "fnstenv (%%esi)", "");
    CASE(ret_1, 0, "call 1f\n\tjmp 2f\n1:\tleal -1(%%esp), %%esp\n\tret\n2:", "");
    printf("done\n");
    return 0;
}
