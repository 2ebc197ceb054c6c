/* 33-flags: the flag-setting ALU instructions over a fixed operand table.
 *
 * Each operation below is one tiny routine: it loads A into %eax, B into %ecx
 * (B is a shift/rotate count for the "count" kinds), ~A into %edx, sets EFLAGS
 * to a given input value with popfl (all arithmetic flags clear: 0x202, or all
 * set: 0xad7), executes the instruction(s), and records %eax, %edx and EFLAGS.
 * The driver prints "name A B flags-in -> eax edx flags-out" for every
 * combination, with flags-out masked to the bits the Intel SDM defines for
 * that instruction (OF=0x800 SF=0x80 ZF=0x40 AF=0x10 PF=0x4 CF=0x1; bits an
 * instruction leaves unaffected count as defined — they must equal the input):
 *   add/adc/sub/sbb/cmp/neg/inc/dec/xadd/cmpxchg  0x8d5  all defined
 *   and/or/xor/test                               0x8c5  AF undefined
 *   shl/shr/sar by %cl                            0x0c5  OF undefined unless
 *                                                        count==1, AF undefined
 *   shl/shr/sar by 1                              0x8c5  AF undefined
 *   rol/ror/rcl/rcr by %cl                        0x0d5  OF undefined (count!=1)
 *   rol/rcr by 1                                  0x8d5
 *   shld/shrd                                     0x0c5
 *   bt/bts/btr/btc                                0x001  only CF defined
 *   bsf/bsr                                       0x040  only ZF (result forced
 *                                                        to 0xdead for source 0)
 *   mul/imul                                      0x801  only CF and OF
 *   daa/das                                       0x0d5; aaa/aas 0x011;
 *   aam/aad                                       0x0c4
 * The *_set / *_jcc / *_cmov variants read all 16 conditions after the
 * operation with setcc, jcc or cmovcc and pack them (o,no,b,ae,e,ne,be,a,
 * s,ns,p,np,l,ge,le,g from bit 15 down to bit 0) into %edx, so lazily
 * computed condition codes are checked through each consumer.
 */
        .data
        .balign 4
op_a:   .long 0
op_b:   .long 0
op_fin: .long 0
op_fl:  .long 0
op_res: .long 0
op_res2: .long 0

vals:   .long 0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0x7fffffff
        .long 0x80000000, 0xffffffff, 0x12345678, 0x89abcd99
nvals = (. - vals) / 4
cnts:   .long 0, 1, 2, 3, 7, 8, 15, 16, 17, 31, 32, 33
flagsin: .long 0x202, 0xad7

fmt:    .asciz "%-10s %08x %08x %03x -> %08x %08x %03x\n"
donefmt: .asciz "%d operations, %d lines\n"

        .section .rodata.optab, "a"
        .balign 4
optab:

/* OP name, mask, kind(0 = B from vals, 1 = B from cnts), instruction
 * or, for several instructions (gas ends a statement at ';', so they cannot
 * be one macro argument): BEGIN name, mask, kind / instructions / END */
        .macro BEGIN name, mask, kind
        .section .rodata.names, "a"
n_\name: .asciz "\name"
        .section .rodata.optab, "a"
        .long n_\name, f_\name, \mask, \kind
        .text
f_\name:
        pushl %ebx
        pushl %edi
        movl op_a, %eax
        movl op_b, %ecx
        movl %eax, %edx
        notl %edx
        xorl %ebx, %ebx
        pushl op_fin
        popfl
        .endm

        .macro END
        pushfl
        popl op_fl
        movl %eax, op_res
        movl %edx, op_res2
        popl %edi
        popl %ebx
        ret
        .endm

        .macro OP name, mask, kind, insn:vararg
        BEGIN \name, \mask, \kind
        \insn
        END
        .endm

/* pack the 16 conditions into %edx without touching EFLAGS (lea only) */
        .macro SETMASK
        movl $0, %edx
        .irp cc, o,no,b,ae,e,ne,be,a,s,ns,p,np,l,ge,le,g
        set\cc %bl
        movzbl %bl, %ebx
        leal (%ebx,%edx,2), %edx
        .endr
        .endm

        .macro JMASK
        movl $0, %edx
        .irp cc, o,no,b,ae,e,ne,be,a,s,ns,p,np,l,ge,le,g
        j\cc 1f
        leal (%edx,%edx), %edx
        jmp 2f
1:      leal 1(%edx,%edx), %edx
2:
        .endr
        .endm

        .macro CMOVMASK
        movl $0, %edx
        movl $1, %edi
        .irp cc, o,no,b,ae,e,ne,be,a,s,ns,p,np,l,ge,le,g
        movl $0, %ebx
        cmov\cc %edi, %ebx
        leal (%ebx,%edx,2), %edx
        .endr
        .endm

/* 32-bit arithmetic */
        OP addl, 0x8d5, 0, addl %ecx, %eax
        OP adcl, 0x8d5, 0, adcl %ecx, %eax
        OP subl, 0x8d5, 0, subl %ecx, %eax
        OP sbbl, 0x8d5, 0, sbbl %ecx, %eax
        OP cmpl, 0x8d5, 0, cmpl %ecx, %eax
        OP negl, 0x8d5, 0, negl %eax
        OP incl, 0x8d5, 0, incl %eax
        OP decl, 0x8d5, 0, decl %eax
        OP notl, 0x8d5, 0, notl %eax
        OP andl, 0x8c5, 0, andl %ecx, %eax
        OP orl, 0x8c5, 0, orl %ecx, %eax
        OP xorl, 0x8c5, 0, xorl %ecx, %eax
        OP testl, 0x8c5, 0, testl %ecx, %eax
        OP addl_imm, 0x8d5, 0, addl $0x7fffffff, %eax
        OP subl_imm8, 0x8d5, 0, subl $-128, %eax
        OP cmpl_imm8, 0x8d5, 0, cmpl $1, %eax
        BEGIN xaddl, 0x8d5, 0
        xaddl %ecx, %eax
        movl %ecx, %edx
        END
        BEGIN cmpxchg_eq, 0x8d5, 0
        movl %eax, %edx
        cmpxchgl %ecx, %edx
        END
        OP cmpxchg_ne, 0x8d5, 0, cmpxchgl %ecx, %edx
/* 8-bit, including high-byte registers */
        OP addb, 0x8d5, 0, addb %cl, %al
        OP adcb, 0x8d5, 0, adcb %cl, %al
        OP subb, 0x8d5, 0, subb %cl, %al
        OP sbbb, 0x8d5, 0, sbbb %cl, %al
        OP cmpb, 0x8d5, 0, cmpb %cl, %al
        OP negb, 0x8d5, 0, negb %al
        OP incb, 0x8d5, 0, incb %al
        OP decb, 0x8d5, 0, decb %al
        OP andb, 0x8c5, 0, andb %cl, %al
        OP xorb_hi, 0x8c5, 0, xorb %ch, %ah
        OP addb_hi, 0x8d5, 0, addb %ch, %ah
        BEGIN subb_mix, 0x8d5, 0
        subb %ah, %cl
        movl %ecx, %eax
        END
        OP shlb1, 0x8c5, 0, shlb $1, %al
        OP sarb1, 0x8c5, 0, sarb $1, %al
/* 16-bit (0x66 prefix) */
        OP addw, 0x8d5, 0, addw %cx, %ax
        OP adcw, 0x8d5, 0, adcw %cx, %ax
        OP subw, 0x8d5, 0, subw %cx, %ax
        OP sbbw, 0x8d5, 0, sbbw %cx, %ax
        OP negw, 0x8d5, 0, negw %ax
        OP incw, 0x8d5, 0, incw %ax
        OP decw, 0x8d5, 0, decw %ax
        OP orw, 0x8c5, 0, orw %cx, %ax
        OP shrw1, 0x8c5, 0, shrw $1, %ax
        OP imulw, 0x801, 0, imulw %cx, %ax
        OP mulw, 0x801, 0, mulw %cx
/* shifts and rotates by %cl */
        OP shll, 0x0c5, 1, shll %cl, %eax
        OP shrl, 0x0c5, 1, shrl %cl, %eax
        OP sarl, 0x0c5, 1, sarl %cl, %eax
        OP roll, 0x0d5, 1, roll %cl, %eax
        OP rorl, 0x0d5, 1, rorl %cl, %eax
        OP rcll, 0x0d5, 1, rcll %cl, %eax
        OP rcrl, 0x0d5, 1, rcrl %cl, %eax
        OP rolw, 0x0d5, 1, rolw %cl, %ax
        OP rcrb, 0x0d5, 1, rcrb %cl, %al
        OP shldl, 0x0c5, 1, shldl %cl, %edx, %eax
        OP shrdl, 0x0c5, 1, shrdl %cl, %edx, %eax
        OP shldl_imm, 0x0c5, 0, shldl $12, %ecx, %eax
        BEGIN shrdw, 0x0c5, 1
        andb $15, %cl
        shrdw %cl, %dx, %ax
        END
        OP shll1, 0x8c5, 0, shll $1, %eax
        OP shrl1, 0x8c5, 0, shrl $1, %eax
        OP sarl1, 0x8c5, 0, sarl $1, %eax
        OP roll1, 0x8d5, 0, roll $1, %eax
        OP rcrl1, 0x8d5, 0, rcrl $1, %eax
        OP rcll1, 0x8d5, 0, rcll $1, %eax
        OP shll_imm5, 0x0c5, 0, shll $5, %eax
        OP sarl_imm31, 0x0c5, 0, sarl $31, %eax
/* bit tests and scans */
        OP btl, 0x001, 1, btl %ecx, %eax
        OP btsl, 0x001, 1, btsl %ecx, %eax
        OP btrl, 0x001, 1, btrl %ecx, %eax
        OP btcl, 0x001, 1, btcl %ecx, %eax
        OP btl_imm, 0x001, 0, btl $31, %eax
        BEGIN bsfl, 0x040, 0
        bsfl %ecx, %eax
        jnz 1f
        movl $0xdead, %eax
1:
        END
        BEGIN bsrl, 0x040, 0
        bsrl %ecx, %eax
        jnz 1f
        movl $0xdead, %eax
1:
        END
/* multiplies */
        OP mull, 0x801, 0, mull %ecx
        OP imull1, 0x801, 0, imull %ecx
        OP imull2, 0x801, 0, imull %ecx, %eax
        OP imull3, 0x801, 0, imull $-1000, %ecx, %eax
        OP mulb, 0x801, 0, mulb %cl
        OP imulb, 0x801, 0, imulb %cl
/* BCD adjust, flag moves */
        BEGIN daa, 0x0d5, 0
        addb %cl, %al
        daa
        END
        BEGIN das, 0x0d5, 0
        subb %cl, %al
        das
        END
        BEGIN aaa, 0x011, 0
        addb %cl, %al
        aaa
        END
        BEGIN aas, 0x011, 0
        subb %cl, %al
        aas
        END
        OP aam, 0x0c4, 0, aam
        OP aad, 0x0c4, 0, aad
        BEGIN lahf, 0x8d5, 0
        addl %ecx, %eax
        lahf
        END
        BEGIN sahf, 0x8d5, 0
        movb %cl, %ah
        sahf
        END
        OP cmc, 0x8d5, 0, cmc
        BEGIN stc_clc, 0x8d5, 0
        stc
        adcl $0, %eax
        clc
        END
        OP salc_free, 0x8d5, 0, sbbl %eax, %eax
/* condition consumers */
        BEGIN cmpl_set, 0x8d5, 0
        cmpl %ecx, %eax
        SETMASK
        END
        BEGIN cmpl_jcc, 0x8d5, 0
        cmpl %ecx, %eax
        JMASK
        END
        BEGIN cmpl_cmov, 0x8d5, 0
        cmpl %ecx, %eax
        CMOVMASK
        END
        BEGIN cmpb_set, 0x8d5, 0
        cmpb %cl, %al
        SETMASK
        END
        BEGIN cmpw_jcc, 0x8d5, 0
        cmpw %cx, %ax
        JMASK
        END
        BEGIN subl_jcc, 0x8d5, 0
        subl %ecx, %eax
        JMASK
        END
        BEGIN addl_set, 0x8d5, 0
        addl %ecx, %eax
        SETMASK
        END
        BEGIN adcl_jcc, 0x8d5, 0
        adcl %ecx, %eax
        JMASK
        END
        BEGIN sbbb_set, 0x8d5, 0
        sbbb %cl, %al
        SETMASK
        END
        BEGIN testl_jcc, 0x8c5, 0
        testl %ecx, %eax
        JMASK
        END
        BEGIN andb_cmov, 0x8c5, 0
        andb %cl, %al
        CMOVMASK
        END
        BEGIN incl_jcc, 0x8d5, 0
        incl %eax
        JMASK
        END
        BEGIN decw_set, 0x8d5, 0
        decw %ax
        SETMASK
        END
        BEGIN negl_cmov, 0x8d5, 0
        negl %eax
        CMOVMASK
        END
        BEGIN shll1_jcc, 0x8c5, 0
        shll $1, %eax
        JMASK
        END
        BEGIN popf_jcc, 0x8d5, 0
        andl $0x8d5, %ecx
        pushl %ecx
        popfl
        JMASK
        END
        BEGIN popf_set, 0x8d5, 0
        andl $0x8d5, %eax
        orl $0x202, %eax
        pushl %eax
        popfl
        SETMASK
        END

        .section .rodata.optab, "a"
        .long 0, 0, 0, 0

        .text
        .globl main
main:
        pushl %ebp
        movl %esp, %ebp
        pushl %ebx
        pushl %esi
        pushl %edi
        andl $-16, %esp
        subl $32, %esp          /* 7 printf arguments, 16-byte aligned */
        movl $optab, %esi
        movl $0, lines
        movl $0, nops
next_op:
        cmpl $0, (%esi)
        je all_done
        incl nops
        movl $0, ia
loop_a:
        movl $0, ib
loop_b:
        movl $0, ifl
loop_f:
        movl ia, %eax
        movl vals(,%eax,4), %eax
        movl %eax, op_a
        movl ib, %eax
        cmpl $0, 12(%esi)
        jne 1f
        movl vals(,%eax,4), %eax
        jmp 2f
1:      movl cnts(,%eax,4), %eax
2:      movl %eax, op_b
        movl ifl, %eax
        movl flagsin(,%eax,4), %eax
        movl %eax, op_fin
        call *4(%esi)
        movl op_fl, %eax
        andl 8(%esi), %eax
        movl %eax, 28(%esp)
        movl op_res2, %eax
        movl %eax, 24(%esp)
        movl op_res, %eax
        movl %eax, 20(%esp)
        movl op_fin, %eax
        andl 8(%esi), %eax
        movl %eax, 16(%esp)
        movl op_b, %eax
        movl %eax, 12(%esp)
        movl op_a, %eax
        movl %eax, 8(%esp)
        movl (%esi), %eax
        movl %eax, 4(%esp)
        movl $fmt, (%esp)
        call printf
        incl lines
        incl ifl
        cmpl $2, ifl
        jb loop_f
        incl ib
        cmpl $nvals, ib
        jb loop_b
        incl ia
        cmpl $nvals, ia
        jb loop_a
        addl $16, %esi
        jmp next_op
all_done:
        movl lines, %eax
        movl %eax, 8(%esp)
        movl nops, %eax
        movl %eax, 4(%esp)
        movl $donefmt, (%esp)
        call printf
        xorl %eax, %eax
        leal -12(%ebp), %esp
        popl %edi
        popl %esi
        popl %ebx
        popl %ebp
        ret

        .data
ia:     .long 0
ib:     .long 0
ifl:    .long 0
lines:  .long 0
nops:   .long 0
        .section .note.GNU-stack, "", @progbits
