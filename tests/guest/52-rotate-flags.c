/* 52-rotate-flags: ROL/ROR by an immediate change only CF and OF and keep
 * SF/ZF/AF/PF of the instruction before them, so stitch keeps that
 * instruction's lazy record and adds CC_OP_ROT to its kind (op/i386/cc-op.h).
 * ADC/SBB take their carry-in from the previous kind's record without
 * computing EFLAGS, and keep it in cc_aux for their own kind.
 * Here each flag setter is followed by a rotate or an ADC/SBB, then
 * EFLAGS are read through pushf and through all 16 SETcc conditions; run
 * natively and under stitch (tests/run-guest.sh compares the output).
 *
 * OF after a rotate by more than one is undefined (SDM ROL): masked.
 * The flag setters here define every flag they write.
 */
#include <stdint.h>
#include <stdio.h>

static uint32_t hash = 2166136261u;

static void mix(uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        hash ^= (v >> (8 * i)) & 0xff;
        hash *= 16777619u;
    }
}

/* The instruction pair, from a fresh d each time, before each SETcc. */
#define PAIR(setter, rot) "movl %[d0], %[d]\n\t" setter "\n\t" rot "\n\t"
#define SETCC_ALL(setter, rot)                                             \
    PAIR(setter, rot) "seto 0(%[cp])\n\t" PAIR(setter, rot) "setno 1(%[cp])\n\t" \
    PAIR(setter, rot) "setb 2(%[cp])\n\t" PAIR(setter, rot) "setae 3(%[cp])\n\t" \
    PAIR(setter, rot) "sete 4(%[cp])\n\t" PAIR(setter, rot) "setne 5(%[cp])\n\t" \
    PAIR(setter, rot) "setbe 6(%[cp])\n\t" PAIR(setter, rot) "seta 7(%[cp])\n\t" \
    PAIR(setter, rot) "sets 8(%[cp])\n\t" PAIR(setter, rot) "setns 9(%[cp])\n\t" \
    PAIR(setter, rot) "setp 10(%[cp])\n\t" PAIR(setter, rot) "setnp 11(%[cp])\n\t" \
    PAIR(setter, rot) "setl 12(%[cp])\n\t" PAIR(setter, rot) "setge 13(%[cp])\n\t" \
    PAIR(setter, rot) "setle 14(%[cp])\n\t" PAIR(setter, rot) "setg 15(%[cp])\n\t"

/* d = rot(d op s); f = EFLAGS after it; c = the 16 conditions after it,
 * each read by SETcc right after its own execution of the pair. */
#define DEF(fn, setter, rot, one)                                          \
    static uint32_t fn(uint32_t d0, uint32_t s, uint32_t *f, uint8_t *c)   \
    {                                                                      \
        uint32_t fl, d;                                                    \
        __asm__ volatile(SETCC_ALL(setter, rot)                            \
                         PAIR(setter, rot) "pushfl\n\tpopl %[f]"           \
                         : [d] "=&q"(d), [f] "=&r"(fl)                  \
                         : [s] "q"(s), [d0] "r"(d0), [cp] "r"(c)           \
                         : "cc", "memory");                                          \
        *f = fl;                                                           \
        return d;                                                          \
    }

#define SETTERS(X, rot, tag, one)                                          \
    X(add_##tag, "addl %[s], %[d]", rot, one)                              \
    X(sub_##tag, "subl %[s], %[d]", rot, one)                              \
    X(cmpb_##tag, "cmpb %b[s], %b[d]", rot, one)                           \
    X(incw_##tag, "incw %w[d]", rot, one)                                  \
    X(dec_##tag, "decl %[d]", rot, one)                                    \
    X(neg_##tag, "negl %[d]", rot, one)                                    \
    X(sbb_##tag, "cmpl %[s], %[d]\n\tsbbl %[s], %[d]", rot, one)           \
    X(subw_##tag, "subw %w[s], %w[d]", rot, one)

#define ROTS(X)                                                            \
    SETTERS(X, "roll $1, %[d]", rol1, 0x8d5)                                   \
    SETTERS(X, "rorl $1, %[d]", ror1, 0x8d5)                                   \
    SETTERS(X, "roll $7, %[d]", rol7, 0x0d5)                                   \
    SETTERS(X, "rorl $31, %[d]", ror31, 0x0d5)                                 \
    SETTERS(X, "rolb $8, %b[d]", rolb8, 0x0d5)                                 \
    SETTERS(X, "rorb $3, %b[d]", rorb3, 0x0d5)                                 \
    SETTERS(X, "rolw $16, %w[d]", rolw16, 0x0d5)                               \
    SETTERS(X, "rorw $1, %w[d]", rorw1, 0x8d5)                                 \
    SETTERS(X, "rolw $9, %w[d]\n\trorb $2, %b[d]", rolw9rorb2, 0x0d5)

/* Carry users after every kind, ADC/SBB and rotates included (ADC/SBB
 * define every flag, so setters with undefined flags are fine here). */
#define CARRY_SETTERS(X, user, tag, one)                                        \
    SETTERS(X, user, tag, one)                                               \
    X(and_##tag, "andl %[s], %[d]\n\t" user, "", one)                       \
    X(sar_##tag, "sarl $3, %[d]\n\t" user, "", one)                         \
    X(shlw_##tag, "shlw $9, %w[d]\n\t" user, "", one)                       \
    X(imul_##tag, "imull %[s], %[d]\n\t" user, "", one)                     \
    X(rol_##tag, "roll $5, %[d]\n\t" user, "", one)                         \
    X(stc_##tag, "stc\n\t" user, "", one)                                    \
    X(adc_##tag, "addl %[s], %[d]\n\tadcl %[s], %[d]\n\t" user, "", one)     \
    X(sbbb_##tag, "subb %b[s], %b[d]\n\tsbbb %b[s], %b[d]\n\t" user, "", one)
#define CARRIES(X)                                                         \
    CARRY_SETTERS(X, "adcl %[s], %[d]", adcl, 0x8d5)                              \
    CARRY_SETTERS(X, "sbbl %[s], %[d]", sbbl, 0x8d5)                              \
    CARRY_SETTERS(X, "adcb %b[s], %b[d]", adcb, 0x8d5)                            \
    CARRY_SETTERS(X, "sbbw $0x1234, %w[d]", sbbw, 0x8d5)                          \
    CARRY_SETTERS(X, "adcl %[s], %[d]\n\troll $3, %[d]", adcrol, 0x0d5)

/* Flags read at the start of the next TB (after a jump), where the
 * translator no longer knows the kind (AF, undefined after test, is not
 * compared); and the zeroing idioms xor r,r / sub r,r. */
#define DYNS(X)                                                            \
    SETTERS(X, "jmp 1f\n1:", dyn, 0x8c5)                                   \
    X(test_dyn, "testl %[s], %[d]", "jmp 1f\n1:", 0x8c5)                   \
    X(testb_dyn, "testb %b[s], %b[d]", "jmp 1f\n1:", 0x8c5)                \
    X(rol_dyn, "addl %[s], %[d]\n\troll $1, %[d]", "jmp 1f\n1:", 0x8c5)    \
    X(adc_dyn, "addl %[s], %[d]\n\tadcl %[s], %[d]", "jmp 1f\n1:", 0x8c5)   \
    X(xor_self_dyn, "xorl %[d], %[d]", "jmp 1f\n1:", 0x8c5)                \
    X(sub_self, "subl %[d], %[d]", "", 0x8d5)                               \
    X(subb_self, "subb %b[d], %b[d]", "", 0x8d5)                            \
    X(xorw_self, "xorw %w[d], %w[d]", "", 0x8c5)                            \
    X(sub_self_rol, "subl %[d], %[d]", "roll $1, %[d]", 0x8d5)             \
    X(dyn_rol_ror, "addl %[s], %[d]\n\tjmp 1f\n1:\n\troll $1, %[d]",        \
      "rorl $3, %[d]", 0x0d5)                                              \
    X(dyn_setc_rol, "addl %[s], %[d]\n\tjmp 1f\n1:\n\troll $1, %[d]\n\t"   \
      "setc %b[d]\n\troll $1, %[d]", "rorl $3, %[d]", 0x0d5)

ROTS(DEF)
CARRIES(DEF)
DYNS(DEF)

static const uint32_t vals[] = {0, 1, 2, 0x10, 0x7f, 0x80, 0xff, 0x7fff,
                                0x8000, 0xffff, 0x7fffffff, 0x80000000,
                                0xffffffff, 0x12345678, 0x89abcdef};
#define NVALS (sizeof(vals) / sizeof(vals[0]))

static void run(const char *name,
                uint32_t (*fn)(uint32_t, uint32_t, uint32_t *, uint8_t *),
                uint32_t fmask)
{
    /* OF after a rotate by more than one is undefined: so are the
     * conditions that read it (o no l ge le g). */
    static const uint8_t reads_of[16] = {1, 1, 0, 0, 0, 0, 0, 0,
                                         0, 0, 0, 0, 1, 1, 1, 1};
    int by_one = (fmask & 0x800) != 0;

    hash = 2166136261u;
    for (unsigned i = 0; i < NVALS; i++)
        for (unsigned j = 0; j < NVALS; j++) {
            uint8_t c[16];
            uint32_t f, r = fn(vals[i], vals[j], &f, c);
            mix(r), mix(f & fmask);
            for (int k = 0; k < 16; k++)
                mix(by_one || !reads_of[k] ? c[k] : 0);
        }
    printf("%-20s %08x\n", name, hash);
}

int main(void)
{
#define RUN(fn, setter, rot, fmask) run(#fn, fn, fmask);
    ROTS(RUN)
    CARRIES(RUN)
    DYNS(RUN)
    return 0;
}
