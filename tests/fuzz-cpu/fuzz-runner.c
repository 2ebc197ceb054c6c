/*
 * fuzz-runner: the guest side of the differential CPU fuzzer
 * (tests/fuzz-cpu/run-fuzz.sh).  Built with the i386 cross compiler and
 * run natively and under stitch with the same arguments; each prints one
 * line per sequence, so the two outputs must be identical.
 *
 *   fuzz-runner SEED N           sequences 0 .. N-1: "i hash"
 *   fuzz-runner SEED -v I [K]    sequence I (its first K instructions, or
 *                                only instruction K-1 with "-1 K"):
 *                                the bytes and the full final state
 *
 * A sequence is 1-8 instructions drawn from a grammar (below) of integer
 * ALU, shift, multiply/divide, bit, conditional, count and byte-swap
 * instructions in 8, 16 and 32 bits, string units (MOVS STOS LODS SCAS
 * CMPS with their set-up, gen_string(), and with 16-bit addressing in a
 * 64 KiB segment, gen_string16()), x87 (gen_x87(), with FLDCW), and
 * SSE2..SSE4.2 instructions on XMM registers, each with its register
 * form or a memory operand in one of the 32-bit addressing forms (base,
 * base+disp8, base+disp32, disp32, SIB with and without base, index
 * scaled 1-8).  It runs from a state drawn from the same seed: EAX ECX
 * EDX EBP, EFLAGS' six flags, XMM0-7, the x87 stack and control word,
 * a 512-byte data block and the two ends of the 16-bit segment; EBX and
 * ESI point into the block and EDI is
 * a small index, and no instruction writes them or ESP (a string unit
 * puts them back).  The compared state is all of that after the
 * sequence, or, when it faults (#DE, #UD, #PF ...), the signal, si_code,
 * si_addr, the faulting
 * instruction's index and the registers of the signal context.
 *
 * Undefined flags (the one rule, docs/divergences.md): a flag the SDM
 * leaves undefined after an instruction is unknown until a later
 * instruction defines it; the grammar never lets an instruction read an
 * unknown flag, and unknown flags are masked from the compared EFLAGS.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>
#include <asm/ldt.h>
#include <sys/syscall.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;

#define CODE_ADDR 0x30000000u
#define DATA_ADDR 0x30100000u
#define DATA_SIZE 512
/* 16-bit addressing: a segment (a GDT TLS entry, limit 0xffff) based here,
 * of which the string units use the 128 bytes at each end of the 64 KiB
 * (offsets 0-0x7f and 0xff80-0xffff: SI and DI wrap from one to the
 * other), compared as WIN16 bytes of memory. */
#define STR16_ADDR 0x30200000u
#define WIN16 128
#define MAX_INSNS 8

enum { CF = 1, PF = 4, AF = 0x10, ZF = 0x40, SF = 0x80, OF = 0x800 };
#define ALLF (CF | PF | AF | ZF | SF | OF)

/* ---- the state ---- */
typedef struct {
    u32 eax, ecx, edx, ebx, esp, ebp, esi, edi, efl;
    u32 pad[3];
    u8 xmm[8][16];
    /* x87 (offset 176): an FNSAVE image.  In: the control word at 0 and
     * four 80-bit values at 28.. that FLD pushes (the last is ST0); out:
     * what FNSAVE wrote (docs/divergences.md, "x87"). */
    u8 fpu[108];
} Regs;


static struct {
    Regs in, out;
} st;
#define in st.in
#define out st.out
static u8 *code, *data, data_in[DATA_SIZE];
static u8 *str16, win_in[2][WIN16];
static u32 sel16;   /* the 16-bit units' data selector */
static u16 user_ds; /* the runner's own DS and ES */

static u64 rng;
static u32 rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (u32)(rng >> 11);
}
static u32 pick(u32 n) { return rnd() % n; }

/* Values that hit the edges: zero, ones, sign bits, small, NaN halves. */
static u32 edge32(void)
{
    static const u32 e[] = {0, 1, 0xffffffff, 0x80000000, 0x7fffffff,
                            0xff, 0x80, 0x7f, 0xffff, 0x8000, 0x7fff,
                            0x7fc00000, 0x7f800001, 0x00000001, 31, 32};
    return pick(3) ? rnd() : e[pick(sizeof(e) / sizeof(e[0]))];
}

/* ---- the grammar ---- */

typedef struct {
    u8 b[64]; /* an instruction, or a string unit (gen_string(), gen_string16()) */
    int n;
    u32 reads, writes, undef; /* flags */
} Insn;

static void emit(Insn *I, u32 v) { I->b[I->n++] = (u8)v; }
static void emit32(Insn *I, u32 v)
{
    for (int i = 0; i < 4; i++)
        emit(I, v >> (8 * i));
}

/* Registers an instruction may write: EAX ECX EDX EBP (32/16 bits),
 * AL CL DL AH CH DH (8 bits). */
static int wreg(int byte)
{
    static const int r32[] = {0, 1, 2, 5}, r8[] = {0, 1, 2, 4, 5, 6};
    return byte ? r8[pick(6)] : r32[pick(4)];
}

/*
 * ModRM (and SIB, displacement) with `reg` in the reg field: a register
 * r/m (a writable one) or memory inside the data block, `align` being the
 * required alignment of the effective address (16 for SSE operands).
 * EBX = data, ESI = data + 64, EDI = 0 .. 15.
 */
static void modrm(Insn *I, int reg, int allow_reg, int allow_mem, int byte,
                  int align)
{
    int base = pick(2) ? 3 : 6, mod, form;

    if (allow_reg && (!allow_mem || pick(2))) {
        emit(I, 0xc0 | reg << 3 | wreg(byte));
        return;
    }
    form = pick(align > 1 ? 3 : 6);
    switch (form) {
    case 0: /* [base] */
        emit(I, reg << 3 | base);
        return;
    case 1: /* [base + disp8] */
        emit(I, 0x40 | reg << 3 | base);
        emit(I, pick(8) * 16);
        return;
    case 2: /* [disp32] */
        emit(I, reg << 3 | 5);
        emit32(I, DATA_ADDR + pick(24) * 16);
        return;
    case 3: /* [base + disp32] */
        emit(I, 0x80 | reg << 3 | base);
        emit32(I, pick(100));
        return;
    }
    /* SIB: index EDI (or none), scale 1-8 */
    mod = form == 4 ? pick(3) : 0;
    emit(I, mod << 6 | reg << 3 | 4);
    if (form == 5) { /* no base: disp32 + index * scale */
        emit(I, pick(4) << 6 | (pick(4) ? 7 : 4) << 3 | 5);
        emit32(I, DATA_ADDR + pick(200));
        return;
    }
    emit(I, pick(4) << 6 | (pick(4) ? 7 : 4) << 3 | base);
    if (mod == 1)
        emit(I, pick(120));
    else if (mod == 2)
        emit32(I, pick(120));
}

/* Flags condition cc reads (SDM vol. 1, table B-1). */
static u32 cc_reads(int cc)
{
    static const u32 r[8] = {OF, CF, ZF, CF | ZF, SF, PF, SF | OF,
                             ZF | SF | OF};
    return r[(cc >> 1) & 7];
}

/*
 * A string unit: MOVS, STOS, LODS, SCAS or CMPS (8, 16 or 32 bits), bare
 * or with REP (F3; F3 or F2 for SCAS and CMPS), DF 0 or 1, between the
 * set-up and tear-down its registers need, none of which touches the
 * arithmetic flags:
 *   CLD or STD; LEA EDI, [EBX + d]; LEA ESI, [EBX + s]; MOV ECX, count
 *   the string instruction
 *   LEA EAX, [EAX + ESI * 2]; LEA EAX, [EAX + EDI * 8]  (ESI and EDI into
 *   a compared register); LEA ESI, [EBX + 64]; MOV EDI, 0-15; CLD
 * d and s lie 128 bytes or more inside the data block and the count is
 * at most 24, so every element stays in it in either direction.  CMPS
 * and SCAS write the six flags when they run at least once.
 */
static void gen_string(Insn *I)
{
    static const u8 ops[5] = {0xa4, 0xaa, 0xac, 0xae, 0xa6};
    int k = pick(5), sz = pick(3), rep = pick(3), compare = k >= 3;
    u32 count = pick(4) ? pick(25) : pick(3);

    I->n = 0;
    emit(I, pick(2) ? 0xfd : 0xfc);
    emit(I, 0x8d), emit(I, 0xbb), emit32(I, 128 + pick(256));
    emit(I, 0x8d), emit(I, 0xb3), emit32(I, 128 + pick(256));
    emit(I, 0xb9), emit32(I, count);
    if (sz == 1)
        emit(I, 0x66);
    if (rep)
        emit(I, compare && rep == 2 ? 0xf2 : 0xf3);
    emit(I, ops[k] + (sz != 0));
    emit(I, 0x8d), emit(I, 0x04), emit(I, 0x70);
    emit(I, 0x8d), emit(I, 0x04), emit(I, 0xf8);
    emit(I, 0x8d), emit(I, 0x73), emit(I, 64);
    emit(I, 0xbf), emit32(I, pick(16));
    emit(I, 0xfc);
    I->writes = compare && (!rep || count) ? ALLF : 0;
}

/* A string offset within the two windows of the 16-bit segment: the
 * last 32 bytes before the wrap or the first 32 after it, so that 24
 * elements of 4 bytes either way stay inside the 128-byte windows. */
static u32 off16(void)
{
    u32 v = pick(64);
    return v < 32 ? 0xffe0 + v : v - 32;
}

/*
 * A string unit with 16-bit addressing (0x67): SI, DI and CX instead of
 * ESI, EDI and ECX, which wrap at 64 KiB (SDM vol. 1, 3.6; vol. 2, REP):
 *   PUSH DS; PUSH ES; PUSH EAX; MOV EAX, sel16; MOV DS, AX; MOV ES, AX;
 *   POP EAX; CLD or STD; MOV SI, s; MOV DI, d; MOV CX, count
 *   [66] [F3|F2] 67 the string instruction
 *   LEA EAX, [EAX + ESI * 2]; LEA EAX, [EAX + EDI * 8]
 *   POP ES; POP DS; LEA ESI, [EBX + 64]; MOV EDI, 0-15; CLD
 * The upper halves of ESI (0x3010), EDI (0) and ECX stay as they were.
 * An element that straddles offset 0xffff goes past the segment's limit:
 * #GP, as natively.
 */
static void gen_string16(Insn *I)
{
    static const u8 ops[5] = {0xa4, 0xaa, 0xac, 0xae, 0xa6};
    int k = pick(5), sz = pick(3), rep = pick(3), compare = k >= 3;
    u32 count = pick(4) ? pick(25) : pick(3);

    I->n = 0;
    emit(I, 0x1e), emit(I, 0x06), emit(I, 0x50);
    emit(I, 0xb8), emit32(I, sel16);
    emit(I, 0x8e), emit(I, 0xd8), emit(I, 0x8e), emit(I, 0xc0);
    emit(I, 0x58);
    emit(I, pick(2) ? 0xfd : 0xfc);
    u32 si = off16(), di = off16();
    emit(I, 0x66), emit(I, 0xbe), emit(I, si), emit(I, si >> 8);
    emit(I, 0x66), emit(I, 0xbf), emit(I, di), emit(I, di >> 8);
    emit(I, 0x66), emit(I, 0xb9), emit(I, count), emit(I, count >> 8);
    if (sz == 1)
        emit(I, 0x66);
    if (rep)
        emit(I, compare && rep == 2 ? 0xf2 : 0xf3);
    emit(I, 0x67);
    emit(I, ops[k] + (sz != 0));
    emit(I, 0x8d), emit(I, 0x04), emit(I, 0x70);
    emit(I, 0x8d), emit(I, 0x04), emit(I, 0xf8);
    emit(I, 0x07), emit(I, 0x1f);
    emit(I, 0x8d), emit(I, 0x73), emit(I, 64);
    emit(I, 0xbf), emit32(I, pick(16));
    emit(I, 0xfc);
    I->writes = compare && (!rep || count) ? ALLF : 0;
}

/*
 * FLDCW from memory with a control word of random rounding and precision
 * control (the reserved PC value 01 too), the exceptions masked but one
 * time in eight, when an unmasked one raises #MF at the next waiting x87
 * instruction (a SIGFPE, compared as a fault):
 *   MOV WORD [EBX + d], cw; FLDCW [EBX + d]
 */
static void gen_fldcw(Insn *I)
{
    u32 d = pick(DATA_SIZE / 2) * 2;
    u32 cw = 0x40 | pick(4) << 8 | pick(4) << 10 | (pick(8) ? 0x3f : pick(64));

    I->n = 0;
    emit(I, 0x66), emit(I, 0xc7), emit(I, 0x83), emit32(I, d);
    emit(I, cw), emit(I, cw >> 8);
    emit(I, 0xd9), emit(I, 0xab), emit32(I, d);
}

/*
 * x87: FLD, FST, FSTP (m32, m64, ST(i)), FILD, FIST, FISTP (m32), the
 * arithmetic FADD FMUL FSUB FSUBR FDIV FDIVR (m32, m64, ST0 with ST(i)
 * either way, and the popping forms), FCOM, FCOMP, FUCOM (m32, m64,
 * ST(i)), FCOMI, FUCOMI and their popping forms (the flags: ZF PF CF,
 * OF SF AF cleared), FXCH, FCHS, FABS, FRNDINT, FSQRT, FTST, FXAM, FLD1,
 * FLDZ, FLDPI, FLDL2T, FLDL2E, FLDLG2, FLDLN2, the transcendentals and
 * others (FSIN FCOS FSINCOS FPTAN FPATAN F2XM1 FYL2X FYL2XP1 FSCALE FPREM
 * FPREM1 FXTRACT), FDECSTP, FINCSTP, FNOP, FFREE, FBLD and FBSTP (m80 in
 * the data block, whose random bytes are often not BCD), and FLDCW
 * (gen_fldcw()).  The stack starts with four values and may overflow or
 * underflow (the masked invalid-operation response); the rounding and
 * precision control come from the starting control word (gen_state()) or
 * an FLDCW.
 */
static void gen_x87(Insn *I)
{
    static const u8 misc[] = {0xe0, 0xe1, 0xfc, 0xfa, 0xe4, 0xe5, 0xe8, 0xee, 0xeb};
    static const u8 more[] = {0xe9, 0xea, 0xec, 0xed, 0xfe, 0xff, 0xfb, 0xf2, 0xf3,
                              0xf0, 0xf1, 0xf9, 0xfd, 0xf8, 0xf5, 0xf4, 0xf6, 0xf7,
                              0xd0};
    int k = pick(14), i = pick(8);

    I->n = 0;
    switch (k) {
    case 0: /* FLD, FST, FSTP m32/m64; FILD, FIST, FISTP m32 */
        emit(I, (const u8[]){0xd9, 0xdd, 0xdb}[pick(3)]);
        modrm(I, (const int[]){0, 2, 3}[pick(3)], 0, 1, 0, 1);
        return;
    case 1: /* FLD ST(i), FSTP ST(i), FXCH ST(i) */
        emit(I, pick(3) ? 0xd9 : 0xdd);
        emit(I, (I->b[0] == 0xdd ? 0xd8 : pick(2) ? 0xc0 : 0xc8) + i);
        return;
    case 2: case 3: /* arithmetic and FCOM(P) with m32/m64 */
        emit(I, pick(2) ? 0xd8 : 0xdc);
        modrm(I, (int)pick(8), 0, 1, 0, 1);
        return;
    case 4: case 5: /* arithmetic ST0 op ST(i), ST(i) op ST0, ...P */
        emit(I, (const u8[]){0xd8, 0xdc, 0xde}[pick(3)]);
        emit(I, 0xc0 | (const int[]){0, 1, 4, 5, 6, 7}[pick(6)] << 3 | i);
        return;
    case 6: /* FCOM, FCOMP, FUCOM, FUCOMP ST(i) */
        if (pick(2))
            emit(I, 0xd8), emit(I, (pick(2) ? 0xd0 : 0xd8) + i);
        else
            emit(I, 0xdd), emit(I, (pick(2) ? 0xe0 : 0xe8) + i);
        return;
    case 7: /* FCOMI, FUCOMI, FCOMIP, FUCOMIP */
        emit(I, pick(2) ? 0xdb : 0xdf);
        emit(I, (pick(2) ? 0xe8 : 0xf0) + i);
        I->writes = ALLF;
        return;
    case 10: case 11: /* constants, transcendentals, FXTRACT, FNOP ... */
        emit(I, 0xd9);
        emit(I, more[pick(sizeof(more))]);
        return;
    case 12: /* FBLD, FBSTP m80; FFREE ST(i) */
        if (pick(4)) {
            emit(I, 0xdf);
            modrm(I, pick(2) ? 4 : 6, 0, 1, 0, 1);
        } else {
            emit(I, 0xdd), emit(I, 0xc0 + i);
        }
        return;
    case 13:
        gen_fldcw(I);
        return;
    default: /* FCHS FABS FRNDINT FSQRT FTST FXAM FLD1 FLDZ FLDPI */
        emit(I, 0xd9);
        emit(I, misc[pick(sizeof(misc))]);
        return;
    }
}

static void gen_int(Insn *I, u32 unknown)
{
    int k = pick(24), op, cnt, sz = pick(4); /* 0: 8, 1: 16, else 32 */
    int byte = sz == 0;

    if (sz == 1)
        emit(I, 0x66);
    switch (k) {
    case 0: case 1: case 2: case 3: /* ALU r/m, r and r, r/m */
        op = pick(8);
        emit(I, op * 8 + (pick(2) ? 2 : 0) + !byte);
        modrm(I, wreg(byte), 1, 1, byte, 1);
        I->writes = ALLF;
        I->undef = op == 1 || op == 4 || op == 6 ? AF : 0;
        I->reads = op == 2 || op == 3 ? CF : 0;
        return;
    case 4: case 5: /* ALU r/m, imm */
        op = pick(8);
        cnt = byte ? 0x80 : pick(2) ? 0x83 : 0x81; /* the opcode */
        emit(I, cnt);
        modrm(I, op, 1, 1, byte, 1);
        if (cnt != 0x81)
            emit(I, edge32());
        else if (sz == 1)
            emit(I, rnd()), emit(I, rnd());
        else
            emit32(I, edge32());
        I->writes = ALLF;
        I->undef = op == 1 || op == 4 || op == 6 ? AF : 0;
        I->reads = op == 2 || op == 3 ? CF : 0;
        return;
    case 6: /* INC DEC NOT NEG */
        op = pick(4);
        if (op < 2) {
            emit(I, byte ? 0xfe : 0xff);
            modrm(I, op, 1, 1, byte, 1);
            I->writes = ALLF & ~CF;
        } else {
            emit(I, byte ? 0xf6 : 0xf7);
            modrm(I, op, 1, 1, byte, 1);
            I->writes = op == 3 ? ALLF : 0;
        }
        return;
    case 7: case 8: /* shifts and rotates by imm8 or CL */
        op = pick(8);
        if (op == 6)
            op = 4;
        cnt = pick(3) ? (int)pick(40) : -1;
        emit(I, cnt < 0 ? (byte ? 0xd2 : 0xd3) : (byte ? 0xc0 : 0xc1));
        modrm(I, op, 1, 1, byte, 1);
        if (cnt >= 0)
            emit(I, cnt);
        I->reads = op == 2 || op == 3 ? CF : 0;
        if (cnt >= 0 && (cnt & 31) == 0)
            return;
        if (cnt < 0) { /* unknown count: OF and AF may become unknown */
            I->undef = OF | AF;
            return;
        }
        I->writes = op < 4 ? CF | OF : ALLF;
        I->undef = op < 4 ? 0 : AF;
        if ((cnt & 31) != 1)
            I->undef |= OF;
        if (op >= 4 && !byte && sz != 1)
            return;
        /* 8/16-bit: a masked count past the width leaves CF undefined */
        if ((cnt & 31) >= (byte ? 8 : 16))
            I->undef |= CF | OF;
        return;
    case 9: /* IMUL r, r/m and with imm8 */
        if (byte)
            emit(I, 0x66);
        if (pick(2)) {
            emit(I, 0x0f), emit(I, 0xaf);
            modrm(I, wreg(0), 1, 1, 0, 1);
        } else {
            emit(I, 0x6b);
            modrm(I, wreg(0), 1, 1, 0, 1);
            emit(I, edge32());
        }
        I->writes = CF | OF;
        I->undef = SF | ZF | AF | PF;
        return;
    case 10: /* MUL IMUL DIV IDIV r/m */
        op = 4 + pick(4);
        emit(I, byte ? 0xf6 : 0xf7);
        modrm(I, op, 1, 1, byte, 1);
        I->writes = op < 6 ? CF | OF : 0;
        I->undef = op < 6 ? SF | ZF | AF | PF : ALLF;
        return;
    case 11: /* TEST, XCHG, MOV */
        op = pick(3);
        emit(I, (op == 0 ? 0x84 : op == 1 ? 0x86 : 0x88) + !byte);
        modrm(I, wreg(byte), 1, 1, byte, 1);
        if (op == 0) {
            I->writes = ALLF;
            I->undef = AF;
        }
        return;
    case 12: /* MOVZX MOVSX */
        if (byte)
            emit(I, 0x66);
        emit(I, 0x0f);
        emit(I, (pick(2) ? 0xb6 : 0xbe) + pick(2));
        modrm(I, wreg(0), 1, 1, I->b[I->n - 1] & 1 ? 0 : 1, 1);
        return;
    case 13: /* LEA */
        if (byte)
            emit(I, 0x66);
        emit(I, 0x8d);
        modrm(I, wreg(0), 0, 1, 0, 1);
        return;
    case 14: /* BT BTS BTR BTC r/m, imm8 (and register, r) */
        if (byte)
            emit(I, 0x66);
        emit(I, 0x0f);
        if (pick(2)) {
            emit(I, 0xba);
            modrm(I, 4 + pick(4), 1, 1, 0, 1);
            emit(I, rnd());
        } else {
            emit(I, 0xa3 + 8 * pick(4));
            modrm(I, wreg(0), 1, 0, 0, 1);
        }
        I->writes = CF;
        I->undef = OF | SF | AF | PF;
        return;
    case 15: { /* SETcc, CMOVcc with a known condition */
        int cc = pick(16);
        if (cc_reads(cc) & unknown) {
            I->n = 0; /* no prefix alone: an SSE instruction instead */
            return;
        }
        I->reads = cc_reads(cc);
        if (pick(2)) {
            emit(I, 0x0f), emit(I, 0x90 + cc);
            modrm(I, 0, 1, 1, 1, 1);
        } else {
            if (byte)
                emit(I, 0x66);
            emit(I, 0x0f), emit(I, 0x40 + cc);
            modrm(I, wreg(0), 1, 1, 0, 1);
        }
        return;
    }
    case 16: /* CMPXCHG, XADD */
        emit(I, 0x0f);
        emit(I, (pick(2) ? 0xb0 : 0xc0) + !byte);
        modrm(I, wreg(byte), 1, 1, byte, 1);
        I->writes = ALLF;
        return;
    case 17: /* POPCNT LZCNT TZCNT */
        if (byte)
            emit(I, 0x66);
        emit(I, 0xf3), emit(I, 0x0f);
        emit(I, (const u8[]){0xb8, 0xbc, 0xbd}[pick(3)]);
        modrm(I, wreg(0), 1, 1, 0, 1);
        I->writes = ALLF;
        I->undef = I->b[byte ? 3 : 2] == 0xb8 ? 0 : OF | SF | AF | PF;
        return;
    case 18: /* BSWAP, CDQ, CWDE, CLC STC CMC */
        op = pick(5);
        I->n = 0;
        if (op == 0)
            emit(I, 0x0f), emit(I, 0xc8 + wreg(0));
        else if (op == 1)
            emit(I, 0x99);
        else if (op == 2)
            emit(I, 0x98);
        else {
            emit(I, (const u8[]){0xf8, 0xf9, 0xf5}[pick(3)]);
            I->writes = CF;
            I->reads = I->b[0] == 0xf5 ? CF : 0;
            if (I->reads & unknown)
                I->n = 0;
        }
        return;
    case 19: /* LAHF SAHF */
        I->n = 0;
        if (pick(2)) {
            emit(I, 0x9e);
            I->writes = SF | ZF | AF | PF | CF;
        } else if (!(unknown & (SF | ZF | AF | PF | CF))) {
            emit(I, 0x9f);
            I->reads = SF | ZF | AF | PF | CF;
        }
        return;
    case 20:
        if (pick(2))
            gen_string(I);
        else
            gen_string16(I);
        return;
    case 21:
        gen_x87(I);
        return;
    default: /* 22-23: SSE */
        I->n = 0;
        return;
    }
}

/* XMM instructions: prefix, map, opcode, memory operand size, imm8? */
typedef struct {
    u8 pfx, map, opc, imm;
    u32 writes; /* flags */
    int pad;
} SseDef;
#define M0F 1
#define M38 2
#define M3A 3
static const SseDef sse[] = {
    /* SSE2 integer, 66 0F */
    {0x66, M0F, 0x60}, {0x66, M0F, 0x61}, {0x66, M0F, 0x62}, {0x66, M0F, 0x63},
    {0x66, M0F, 0x64}, {0x66, M0F, 0x65}, {0x66, M0F, 0x66}, {0x66, M0F, 0x67},
    {0x66, M0F, 0x68}, {0x66, M0F, 0x6b}, {0x66, M0F, 0x6c}, {0x66, M0F, 0x6d},
    {0x66, M0F, 0x74}, {0x66, M0F, 0x75}, {0x66, M0F, 0x76}, {0x66, M0F, 0xd1},
    {0x66, M0F, 0xd2}, {0x66, M0F, 0xd3}, {0x66, M0F, 0xd4}, {0x66, M0F, 0xd5},
    {0x66, M0F, 0xd8}, {0x66, M0F, 0xda}, {0x66, M0F, 0xdb}, {0x66, M0F, 0xdc},
    {0x66, M0F, 0xde}, {0x66, M0F, 0xdf}, {0x66, M0F, 0xe0}, {0x66, M0F, 0xe1},
    {0x66, M0F, 0xe2}, {0x66, M0F, 0xe3}, {0x66, M0F, 0xe4}, {0x66, M0F, 0xe5},
    {0x66, M0F, 0xe8}, {0x66, M0F, 0xea}, {0x66, M0F, 0xec}, {0x66, M0F, 0xee},
    {0x66, M0F, 0xef}, {0x66, M0F, 0xf1}, {0x66, M0F, 0xf4}, {0x66, M0F, 0xf5},
    {0x66, M0F, 0xf6}, {0x66, M0F, 0xf8}, {0x66, M0F, 0xfb}, {0x66, M0F, 0xfe},
    {0x66, M0F, 0x70, 1}, {0xf3, M0F, 0x70, 1}, {0xf2, M0F, 0x70, 1},
    /* SSE/SSE2 floating point, all four prefixes */
    {0, M0F, 0x51}, {0x66, M0F, 0x51}, {0xf3, M0F, 0x51}, {0xf2, M0F, 0x51},
    {0, M0F, 0x58}, {0x66, M0F, 0x58}, {0xf3, M0F, 0x58}, {0xf2, M0F, 0x58},
    {0, M0F, 0x59}, {0x66, M0F, 0x59}, {0xf3, M0F, 0x59}, {0xf2, M0F, 0x59},
    {0, M0F, 0x5c}, {0x66, M0F, 0x5c}, {0xf3, M0F, 0x5c}, {0xf2, M0F, 0x5c},
    {0, M0F, 0x5d}, {0x66, M0F, 0x5d}, {0xf3, M0F, 0x5d}, {0xf2, M0F, 0x5d},
    {0, M0F, 0x5e}, {0x66, M0F, 0x5e}, {0xf3, M0F, 0x5e}, {0xf2, M0F, 0x5e},
    {0, M0F, 0x5f}, {0x66, M0F, 0x5f}, {0xf3, M0F, 0x5f}, {0xf2, M0F, 0x5f},
    {0, M0F, 0x5a}, {0x66, M0F, 0x5a}, {0xf3, M0F, 0x5a}, {0xf2, M0F, 0x5a},
    {0, M0F, 0x5b}, {0x66, M0F, 0x5b}, {0xf3, M0F, 0x5b}, {0x66, M0F, 0xe6},
    {0, M0F, 0x14}, {0x66, M0F, 0x15}, {0, M0F, 0x54}, {0x66, M0F, 0x57},
    {0, M0F, 0xc2, 1}, {0x66, M0F, 0xc2, 1}, {0xf3, M0F, 0xc2, 1},
    {0xf2, M0F, 0xc2, 1}, {0, M0F, 0xc6, 1}, {0x66, M0F, 0xc6, 1},
    {0, M0F, 0x2e, 0, ALLF}, {0x66, M0F, 0x2f, 0, ALLF},
    /* SSE3 */
    {0xf2, M0F, 0xd0}, {0x66, M0F, 0xd0}, {0xf2, M0F, 0x7c}, {0x66, M0F, 0x7d},
    {0xf3, M0F, 0x12}, {0xf3, M0F, 0x16}, {0xf2, M0F, 0x12},
    /* SSSE3, SSE4.1, SSE4.2, AES: 66 0F 38 */
    {0x66, M38, 0x00}, {0x66, M38, 0x01}, {0x66, M38, 0x03}, {0x66, M38, 0x04},
    {0x66, M38, 0x07}, {0x66, M38, 0x08}, {0x66, M38, 0x0b}, {0x66, M38, 0x1c},
    {0x66, M38, 0x1e}, {0x66, M38, 0x10}, {0x66, M38, 0x14}, {0x66, M38, 0x15},
    {0x66, M38, 0x17, 0, ALLF}, {0x66, M38, 0x20}, {0x66, M38, 0x22},
    {0x66, M38, 0x25}, {0x66, M38, 0x31}, {0x66, M38, 0x35}, {0x66, M38, 0x28},
    {0x66, M38, 0x29}, {0x66, M38, 0x2b}, {0x66, M38, 0x37}, {0x66, M38, 0x38},
    {0x66, M38, 0x3b}, {0x66, M38, 0x3e}, {0x66, M38, 0x40}, {0x66, M38, 0x41},
    {0x66, M38, 0xdc}, {0x66, M38, 0xdf},
    /* 66 0F 3A with imm8 */
    {0x66, M3A, 0x08, 1}, {0x66, M3A, 0x0b, 1}, {0x66, M3A, 0x0c, 1},
    {0x66, M3A, 0x0e, 1}, {0x66, M3A, 0x0f, 1}, {0x66, M3A, 0x21, 1},
    {0x66, M3A, 0x40, 1}, {0x66, M3A, 0x41, 1}, {0x66, M3A, 0x42, 1},
    {0x66, M3A, 0x44, 1}, {0x66, M3A, 0xdf, 1}, {0x66, M3A, 0x61, 1, ALLF},
    {0x66, M3A, 0x63, 1, ALLF}, {0x66, M3A, 0x60, 1, ALLF},
};
#define NSSE (sizeof(sse) / sizeof(sse[0]))

static void gen_sse(Insn *I)
{
    const SseDef *d = &sse[pick(NSSE)];

    if (d->pfx)
        emit(I, d->pfx);
    emit(I, 0x0f);
    if (d->map == M38)
        emit(I, 0x38);
    else if (d->map == M3A)
        emit(I, 0x3a);
    emit(I, d->opc);
    if (pick(2)) /* register form */
        emit(I, 0xc0 | pick(8) << 3 | pick(8));
    else /* one in eight anywhere: #GP(0) where 16-byte alignment is due */
        modrm(I, pick(8), 0, 1, 0, pick(8) ? 16 : 1);
    if (d->imm)
        emit(I, rnd());
    I->writes = d->writes;
    /* PCMPxSTRx define OF SF ZF CF and clear AF PF; (U)COMIS, PTEST too */
}

/* Sequence i of the run: instructions and the unknown flags before each. */
typedef struct {
    Insn insn[MAX_INSNS];
    u32 unknown_before[MAX_INSNS + 1];
    int n;
} Seq;

static void gen_seq(Seq *S)
{
    u32 unknown = 0;

    S->n = 1 + pick(MAX_INSNS);
    for (int i = 0; i < S->n; i++) {
        Insn *I = &S->insn[i];
        memset(I, 0, sizeof(*I));
        S->unknown_before[i] = unknown;
        if (pick(3))
            gen_int(I, unknown);
        if (I->n == 0)
            gen_sse(I);
        if (I->reads & unknown) { /* never read an unknown flag */
            I->n = 0;
            emit(I, 0x90);
            I->reads = I->writes = I->undef = 0;
        }
        unknown = (unknown & ~I->writes) | I->undef;
    }
    S->unknown_before[S->n] = unknown;
}

static void gen_state(void)
{
    memset(&in, 0, sizeof(in));
    in.eax = edge32();
    in.ecx = edge32();
    in.edx = pick(2) ? edge32() : 0;
    in.ebp = edge32();
    in.ebx = DATA_ADDR;
    in.esi = DATA_ADDR + 64;
    in.edi = pick(16);
    in.efl = 0x202 | (rnd() & ALLF);
    for (int r = 0; r < 8; r++)
        for (int k = 0; k < 16; k += 4) {
            u32 v = edge32();
            memcpy(&in.xmm[r][k], &v, 4);
        }
    for (int k = 0; k < DATA_SIZE; k += 4) {
        u32 v = edge32();
        memcpy(&data[k], &v, 4);
    }
    for (int k = 0; k < WIN16; k += 4) {
        u32 v = edge32(), w = edge32();
        memcpy(&str16[k], &v, 4);
        memcpy(&str16[0x10000 - WIN16 + k], &w, 4);
    }
    /* x87: all exceptions masked; rounding 0-3; precision 24, 53 or 64 */
    u32 cw = 0x37f | pick(4) << 10;
    cw = (cw & ~0x300u) | (const u32[]){0, 0x200, 0x300, 0x300}[pick(4)];
    memcpy(in.fpu, &cw, 2);
    for (int r = 0; r < 4; r++) {
        long double v;
        u32 a = edge32(), b = edge32();
        switch (pick(4)) {
        case 0: v = (long double)(int32_t)a; break;
        case 1: { float f; memcpy(&f, &a, 4); v = f; break; }
        case 2: { double d; u64 q = (u64)a << 32 | b; memcpy(&d, &q, 8); v = d; break; }
        default: v = (long double)(int32_t)a / (long double)(b | 1); break;
        }
        memcpy(&in.fpu[28 + 10 * r], &v, 10);
    }
}

/* ---- running ---- */

static sigjmp_buf fault_jmp;
static struct {
    int sig, code, trapno, err;
    u32 addr, eip;
    u32 gregs[9];
} fault;

static void on_fault(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;
    greg_t *g = uc->uc_mcontext.gregs;

    if ((u32)g[REG_EIP] - CODE_ADDR >= 4096) { /* the runner's own bug */
        fprintf(stderr, "fuzz-runner: signal %d outside the sequence, eip %08x "
                "addr %08x\n", sig, (u32)g[REG_EIP], (u32)(uintptr_t)si->si_addr);
        _exit(3);
    }
    fault.sig = sig;
    fault.code = si->si_code;
    fault.addr = (u32)(uintptr_t)si->si_addr;
    fault.eip = (u32)g[REG_EIP];
    fault.trapno = (int)g[REG_TRAPNO];
    fault.err = (int)g[REG_ERR];
    fault.gregs[0] = (u32)g[REG_EAX];
    fault.gregs[1] = (u32)g[REG_ECX];
    fault.gregs[2] = (u32)g[REG_EDX];
    fault.gregs[3] = (u32)g[REG_EBX];
    fault.gregs[4] = (u32)g[REG_EBP];
    fault.gregs[5] = (u32)g[REG_ESI];
    fault.gregs[6] = (u32)g[REG_EDI];
    fault.gregs[7] = (u32)g[REG_EFL];
    siglongjmp(fault_jmp, 1);
}

/* Load `in`, call the code, store `out` (XMM registers too). */
static void run_code(void)
{
    void *a = &in, *c = code;

    __asm__ volatile(
        "pushl %%ebp\n\tpushl %%ebx\n\tpushl %%esi\n\tpushl %%edi\n\t"
        "pushl %%eax\n\tpushl %%ecx\n\t" /* &in, the code's address */
        "fninit\n\tfldcw 176(%%eax)\n\tfldt 204(%%eax)\n\tfldt 214(%%eax)\n\t"
        "fldt 224(%%eax)\n\tfldt 234(%%eax)\n\t"
        "movdqu 48(%%eax), %%xmm0\n\tmovdqu 64(%%eax), %%xmm1\n\t"
        "movdqu 80(%%eax), %%xmm2\n\tmovdqu 96(%%eax), %%xmm3\n\t"
        "movdqu 112(%%eax), %%xmm4\n\tmovdqu 128(%%eax), %%xmm5\n\t"
        "movdqu 144(%%eax), %%xmm6\n\tmovdqu 160(%%eax), %%xmm7\n\t"
        "pushl 32(%%eax)\n\tpopfl\n\t"
        "movl 4(%%eax), %%ecx\n\tmovl 8(%%eax), %%edx\n\t"
        "movl 12(%%eax), %%ebx\n\tmovl 20(%%eax), %%ebp\n\t"
        "movl 24(%%eax), %%esi\n\tmovl 28(%%eax), %%edi\n\t"
        "movl 0(%%eax), %%eax\n\t"
        "call *(%%esp)\n\tleal 4(%%esp), %%esp\n\t"
        "xchgl %%eax, (%%esp)\n\t" /* eax: &in; the result on the stack */
        "leal %c[outoff](%%eax), %%eax\n\t"
        "movl %%ecx, 4(%%eax)\n\tmovl %%edx, 8(%%eax)\n\t"
        "movl %%ebx, 12(%%eax)\n\tmovl %%ebp, 20(%%eax)\n\t"
        "movl %%esi, 24(%%eax)\n\tmovl %%edi, 28(%%eax)\n\t"
        "pushfl\n\tpopl 32(%%eax)\n\tpopl 0(%%eax)\n\t"
        "movdqu %%xmm0, 48(%%eax)\n\tmovdqu %%xmm1, 64(%%eax)\n\t"
        "movdqu %%xmm2, 80(%%eax)\n\tmovdqu %%xmm3, 96(%%eax)\n\t"
        "movdqu %%xmm4, 112(%%eax)\n\tmovdqu %%xmm5, 128(%%eax)\n\t"
        "movdqu %%xmm6, 144(%%eax)\n\tmovdqu %%xmm7, 160(%%eax)\n\t"
        "fnsave 176(%%eax)\n\t" /* and FNINIT: the stack empty for C */
        "popl %%edi\n\tpopl %%esi\n\tpopl %%ebx\n\tpopl %%ebp"
        : "+a"(a), "+c"(c)
        :
          [outoff] "i"(sizeof(Regs))
        : "edx", "memory", "cc", "xmm0", "xmm1", "xmm2", "xmm3",
          "xmm4", "xmm5", "xmm6", "xmm7", "st", "st(1)", "st(2)", "st(3)",
          "st(4)", "st(5)", "st(6)", "st(7)");
}

/* Place instructions [from, to) of S (all when to < 0) and a RET. */
static int place(const Seq *S, int from, int to, u32 *offs)
{
    int n = 0;

    memset(code, 0xcc, 512); /* a wrong length ends in INT3, not old code */
    for (int i = from; i < (to < 0 ? S->n : to); i++) {
        offs[i] = (u32)n;
        memcpy(code + n, S->insn[i].b, S->insn[i].n);
        n += S->insn[i].n;
    }
    code[n++] = 0xc3;
    return n;
}

static u64 hash;
static void mix(const void *p, size_t n)
{
    const u8 *b = p;
    for (size_t i = 0; i < n; i++)
        hash = (hash ^ b[i]) * 0x100000001b3ull;
}

/* What of the FNSAVE image is compared: all but an empty register's bits
 * (the tag word, indexed by physical register, says which ST(i) is empty:
 * register (TOP + i) & 7), which the SDM leaves to the implementation. */
static void mask_x87(void)
{
    u32 sw = out.fpu[4] | out.fpu[5] << 8, tw = out.fpu[8] | out.fpu[9] << 8;

    for (u32 i = 0; i < 8; i++)
        if (((tw >> 2 * ((((sw >> 11) & 7) + i) & 7)) & 3) == 3)
            memset(out.fpu + 28 + 10 * i, 0, 10);
}

static u32 fdp_of(const u8 *img)
{
    u32 v;

    memcpy(&v, img + 20, 4);
    return v;
}

/* Run S (or a part of it) from `in`; returns the hash of the outcome. */
static u64 run_seq(const Seq *S, int from, int to, int verbose)
{
    u32 offs[MAX_INSNS] = {0}, unknown;
    int last = to < 0 ? S->n : to, at = last;

    place(S, from, to, offs);
    __builtin___clear_cache((char *)code, (char *)code + 512);
    memset(&fault, 0, sizeof(fault));
    memset(&out, 0, sizeof(out));
    hash = 0xcbf29ce484222325ull;
    memcpy(data_in, data, DATA_SIZE);
    memcpy(win_in[0], str16, WIN16);
    memcpy(win_in[1], str16 + 0x10000 - WIN16, WIN16);
    if (sigsetjmp(fault_jmp, 1) == 0) {
        run_code();
        /* A switch of the host kernel to another task while the x87
         * state is live zeroes FIP, FOP and FDP on this AMD host (its
         * XSAVES skips them; docs/divergences.md, "x87 pointers"): FDP 0
         * where the runner's FLDT set it, so the same run again. */
        for (int again = 0; again < 2 && !fdp_of(out.fpu); again++) {
            memcpy(data, data_in, DATA_SIZE);
            memcpy(str16, win_in[0], WIN16);
            memcpy(str16 + 0x10000 - WIN16, win_in[1], WIN16);
            run_code();
        }
        mask_x87();
    } else {
        /* a 16-bit unit's DS and ES, if the kernel left them */
        __asm__ volatile("fninit\n\tmovw %0, %%ds\n\tmovw %0, %%es" : : "r"(user_ds));
        for (at = from; at < last - 1 && offs[at + 1] <= fault.eip - CODE_ADDR;
             at++)
            ;
        fault.eip -= CODE_ADDR + offs[at];
    }
    unknown = S->unknown_before[at];
    if (from > 0) /* alone: what it leaves unknown */
        unknown = S->insn[from].undef;
    if (fault.sig) {
        fault.gregs[7] &= ALLF & ~unknown;
        mix(&fault, sizeof(fault));
        mix(&at, sizeof(at));
    } else {
        out.efl &= ALLF & ~unknown;
        out.esp = 0;
        mix(&out, sizeof(out));
    }
    mix(data, DATA_SIZE);
    mix(str16, WIN16);
    mix(str16 + 0x10000 - WIN16, WIN16);
    if (verbose) {
        printf("unknown flags %03x\n", unknown);
        if (fault.sig)
            printf("fault: sig %d code %d addr %08x insn %d +%u trap %d err %x "
                   "eax %08x ecx %08x edx %08x ebp %08x efl %03x\n",
                   fault.sig, fault.code, fault.addr, at, fault.eip,
                   fault.trapno, fault.err, fault.gregs[0], fault.gregs[1],
                   fault.gregs[2], fault.gregs[4], fault.gregs[7]);
        else
            printf("eax %08x ecx %08x edx %08x ebx %08x ebp %08x esi %08x "
                   "edi %08x efl %03x\n", out.eax, out.ecx, out.edx, out.ebx,
                   out.ebp, out.esi, out.edi, out.efl);
        if (!fault.sig) {
            u32 p[4];
            memcpy(p, out.fpu + 12, 16);
            printf("x87 cw %04x sw %04x tw %04x fip %08x fcs:fop %08x fdp %08x fds %04x",
                   out.fpu[0] | out.fpu[1] << 8, out.fpu[4] | out.fpu[5] << 8,
                   out.fpu[8] | out.fpu[9] << 8, p[0], p[1], p[2], p[3] & 0xffff);
            for (int r = 0; r < 8; r++) {
                printf(" st%d ", r);
                for (int k = 9; k >= 0; k--)
                    printf("%02x", out.fpu[28 + 10 * r + k]);
            }
            printf("\n");
        }
        for (int r = 0; r < 8 && !fault.sig; r++) {
            printf("xmm%d ", r);
            for (int k = 15; k >= 0; k--)
                printf("%02x", out.xmm[r][k]);
            printf("\n");
        }
        printf("data ");
        for (int k = 0; k < DATA_SIZE; k++)
            printf("%02x", data[k]);
        printf("\nstr16 ");
        for (int k = 0; k < WIN16; k++)
            printf("%02x", str16[k]);
        printf(" .. ");
        for (int k = 0x10000 - WIN16; k < 0x10000; k++)
            printf("%02x", str16[k]);
        printf("\n");
    }
    return hash;
}

static void print_insns(const Seq *S)
{
    for (int i = 0; i < S->n; i++) {
        printf("insn %d:", i);
        for (int k = 0; k < S->insn[i].n; k++)
            printf(" %02x", S->insn[i].b[k]);
        printf("\n");
    }
}

int main(int argc, char **argv)
{
    struct sigaction sa;
    u64 seed;
    long n, only = -1, upto = -1;
    int alone = 0;

    if (argc < 3) {
        fprintf(stderr, "usage: fuzz-runner SEED N | SEED -v I [K | -1 K]\n");
        return 2;
    }
    seed = strtoull(argv[1], NULL, 0);
    if (!strcmp(argv[2], "-v")) {
        if (argc < 4)
            return 2;
        only = atol(argv[3]);
        if (argc > 5 && !strcmp(argv[4], "-1")) {
            alone = 1;
            upto = atol(argv[5]);
        } else if (argc > 4) {
            upto = atol(argv[4]);
        }
        n = only + 1;
    } else {
        n = atol(argv[2]);
    }
    code = mmap((void *)CODE_ADDR, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    data = mmap((void *)DATA_ADDR, 4096, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    str16 = mmap((void *)STR16_ADDR, 0x10000, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (code == MAP_FAILED || data == MAP_FAILED || str16 == MAP_FAILED) {
        perror("fuzz-runner: mmap");
        return 2;
    }
    {
        struct user_desc d = {.entry_number = -1, .base_addr = STR16_ADDR,
                              .limit = 0xffff, .seg_32bit = 1, .useable = 1};
        if (syscall(SYS_set_thread_area, &d) != 0) {
            perror("fuzz-runner: set_thread_area");
            return 2;
        }
        sel16 = d.entry_number << 3 | 3;
    }
    __asm__ volatile("movw %%ds, %0" : "=r"(user_ds));
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);
    for (long i = 0; i < n; i++) {
        Seq S;
        rng = seed * 0x9e3779b97f4a7c15ull + (u64)i * 0xbf58476d1ce4e5b9ull + 1;
        for (int w = 0; w < 4; w++)
            rnd();
        gen_seq(&S);
        gen_state();
        if (i != only && only >= 0)
            continue;
        if (only < 0) {
            printf("%ld %016llx\n", i, (unsigned long long)run_seq(&S, 0, -1, 0));
            continue;
        }
        print_insns(&S);
        fflush(stdout);
        if (alone && upto > 0 && upto <= S.n)
            run_seq(&S, upto - 1, upto, 1);
        else
            run_seq(&S, 0, upto > 0 && upto <= S.n ? upto : -1, 1);
    }
    return 0;
}
