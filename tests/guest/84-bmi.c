/* 84-bmi: the general-register extensions stitch's CPUID reports --
 * POPCNT, LZCNT, TZCNT, MOVBE, ADCX/ADOX, BMI1 (ANDN BEXTR BLSI BLSMSK
 * BLSR) and BMI2 (BZHI MULX PDEP PEXT RORX SARX SHLX SHRX) -- on edge
 * operands, register and memory forms, 16-bit forms where they exist,
 * with the flags the SDM defines for each (the undefined ones masked),
 * from two different incoming flag states; then C built with -mbmi2 and
 * friends that uses them through the compiler.
 * cflags: -mpopcnt -mlzcnt -mbmi -mbmi2 -mmovbe -madx */
#include <stdio.h>
#include <string.h>

static const unsigned vals[] = {0, 1, 2, 3, 0x80, 0xff, 0x8000, 0xffff, 0x10000,
                                0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe,
                                0xffffffff, 0x12345678, 0xdeadbeef, 0x00f0f000,
                                0x0000ff20, 0x00001f08, 0x00000820};
#define NV (sizeof(vals) / sizeof(vals[0]))
static const unsigned flags_in[2] = {0x202, 0x202 | 0x8d5};

/* dest := insn(a, b): %0 dest, %2 a, %3 b; flags in and out. */
#define OP(name, insn, mask)                                                 \
    static void t_##name(unsigned a, unsigned b, unsigned fi)                \
    {                                                                        \
        unsigned d = 0x5a5a5a5a, fo;                                         \
        __asm__ volatile("pushl %4\n\tpopfl\n\t" insn "\n\tpushfl\n\tpopl %1" \
                         : "+&r"(d), "=&r"(fo) : "r"(a), "r"(b), "r"(fi) : "cc"); \
        printf("%-8s %08x %08x -> %08x fl %03x\n", #name, a, b, d, fo & (mask)); \
    }
OP(popcnt, "popcntl %2, %0", 0x8d5)
OP(popcntw, "popcntw %w2, %w0", 0x8d5)
OP(lzcnt, "lzcntl %2, %0", 0x041)
OP(lzcntw, "lzcntw %w2, %w0", 0x041)
OP(tzcnt, "tzcntl %2, %0", 0x041)
OP(tzcntw, "tzcntw %w2, %w0", 0x041)
OP(andn, "andnl %2, %3, %0", 0x8c1)
OP(bextr, "bextrl %3, %2, %0", 0x841)
OP(blsi, "blsil %2, %0", 0x8c1)
OP(blsmsk, "blsmskl %2, %0", 0x8c1)
OP(blsr, "blsrl %2, %0", 0x8c1)
OP(bzhi, "bzhil %3, %2, %0", 0x8c1)
OP(pdep, "pdepl %2, %3, %0", 0x8d5)
OP(pext, "pextl %2, %3, %0", 0x8d5)
OP(rorx, "rorxl $13, %2, %0", 0x8d5)
OP(rorx0, "rorxl $32, %2, %0", 0x8d5)
OP(sarx, "sarxl %3, %2, %0", 0x8d5)
OP(shlx, "shlxl %3, %2, %0", 0x8d5)
OP(shrx, "shrxl %3, %2, %0", 0x8d5)
OP(adcx, "movl %3, %0\n\tadcxl %2, %0", 0x8d5)
OP(adox, "movl %3, %0\n\tadoxl %2, %0", 0x8d5)

static void t_mulx(unsigned a, unsigned b, unsigned fi)
{
    unsigned hi, lo, fo;

    __asm__ volatile("pushl %5\n\tpopfl\n\tmulxl %3, %1, %0\n\tpushfl\n\tpopl %2"
                     : "=&r"(hi), "=&r"(lo), "=&r"(fo) : "r"(a), "d"(b), "r"(fi) : "cc");
    printf("mulx     %08x %08x -> %08x:%08x fl %03x\n", a, b, hi, lo, fo & 0x8d5);
}

static void memory_forms(void)
{
    unsigned m[4] = {0x12345678, 0x80000000, 0, 0xffff0f00}, r, fo;
    unsigned short w;

    __asm__ volatile("movbel %1, %0" : "=r"(r) : "m"(m[0]));
    printf("movbe load %08x\n", r);
    __asm__ volatile("movbew %1, %w0" : "=r"(r) : "m"(m[0]), "0"(0xaaaaaaaa));
    printf("movbew load %08x\n", r);
    __asm__ volatile("movbel %1, %0" : "=m"(m[2]) : "r"(0xa1b2c3d4));
    printf("movbe store %08x\n", m[2]);
    __asm__ volatile("movbew %w1, %0" : "=m"(w) : "r"(0x1234abcd));
    printf("movbew store %04x\n", w);
    __asm__ volatile("popcntl %2, %0\n\tpushfl\n\tpopl %1" : "=r"(r), "=r"(fo) : "m"(m[3]));
    printf("popcnt mem %u fl %03x\n", r, fo & 0x8d5);
    __asm__ volatile("tzcntl %2, %0\n\tpushfl\n\tpopl %1" : "=r"(r), "=r"(fo) : "m"(m[2]));
    printf("tzcnt mem %u fl %03x\n", r, fo & 0x041);
    __asm__ volatile("andnl %2, %3, %0" : "=r"(r) : "0"(0), "m"(m[3]), "r"(0x0ff00ff0));
    printf("andn mem %08x\n", r);
    __asm__ volatile("pextl %1, %2, %0" : "=r"(r) : "m"(m[3]), "r"(0xdeadbeef));
    printf("pext mem %08x\n", r);
    __asm__ volatile("shrxl %2, %1, %0" : "=r"(r) : "m"(m[1]), "r"(35));
    printf("shrx mem %08x\n", r);
    __asm__ volatile("rorxl $4, %1, %0" : "=r"(r) : "m"(m[0]));
    printf("rorx mem %08x\n", r);
    r = 0x11111111;
    __asm__ volatile("stc\n\tadcxl %1, %0" : "+r"(r) : "m"(m[1]) : "cc");
    printf("adcx mem %08x\n", r);
    __asm__ volatile("blsrl %1, %0" : "=r"(r) : "m"(m[3]));
    printf("blsr mem %08x\n", r);
}

/* What the compiler makes of ordinary C with these extensions on. */
static unsigned long long compiled(unsigned x, unsigned y)
{
    unsigned long long s = 0;

    for (int i = 0; i < 64; i++) {
        s += (unsigned)__builtin_popcount(x) + (unsigned)__builtin_ctz(x | 1) +
             (unsigned)__builtin_clz(y | 1);
        s += (x & ~y) ^ (x >> (y & 31)) ^ (x << (i & 31)) ^ ((int)y >> (x & 31));
        s += (x & (x - 1)) + (x & -x) + ((unsigned long long)x * y >> 32);
        x = x * 2654435761u + 12345;
        y = (y >> 3) ^ (y << 7) ^ x;
    }
    return s;
}

int main(void)
{
    for (unsigned f = 0; f < 2; f++)
        for (unsigned i = 0; i < NV; i++) {
            unsigned a = vals[i], b = vals[(i * 7 + 3) % NV];
            t_popcnt(a, b, flags_in[f]); t_popcntw(a, b, flags_in[f]);
            t_lzcnt(a, b, flags_in[f]); t_lzcntw(a, b, flags_in[f]);
            t_tzcnt(a, b, flags_in[f]); t_tzcntw(a, b, flags_in[f]);
            t_andn(a, b, flags_in[f]); t_bextr(a, b, flags_in[f]);
            t_bextr(a, 0x0804, flags_in[f]); t_bextr(a, 0x2010, flags_in[f]);
            t_blsi(a, b, flags_in[f]); t_blsmsk(a, b, flags_in[f]);
            t_blsr(a, b, flags_in[f]); t_bzhi(a, b, flags_in[f]);
            t_bzhi(a, i * 3, flags_in[f]);
            t_pdep(a, b, flags_in[f]); t_pext(a, b, flags_in[f]);
            t_rorx(a, b, flags_in[f]); t_rorx0(a, b, flags_in[f]);
            t_sarx(a, b, flags_in[f]); t_shlx(a, b, flags_in[f]);
            t_shrx(a, i * 5, flags_in[f]);
            t_adcx(a, b, flags_in[f]); t_adox(a, b, flags_in[f]);
            t_mulx(a, b, flags_in[f]);
        }
    memory_forms();
    printf("compiled %llx\n", compiled(0x12345678, 0x9abcdef0));
    return 0;
}
