/* 35-misc-insns: the irregular corners of the integer ISA — mul/imul/div/
 * idiv with edx:eax (and 8/16-bit ax, dx:ax forms, negative operands),
 * cbw/cwde/cwd/cdq, 16-bit (0x66) operand-size forms, the high-byte
 * registers ah/ch/dh/bh, xchg/xadd/cmpxchg/cmpxchg8b on registers and memory
 * (with and without lock), bswap, pusha/popa, enter/leave (level 0 and
 * nested level 2), ret $n, indirect call/jmp through registers, memory and a
 * jump table, loop/loope/loopne/jecxz, xlat, lea address arithmetic, movsx/
 * movzx. After each case it prints the six general registers, %esp/%ebp
 * relative to main's frame (never raw stack addresses) and the flags under
 * the mask the SDM defines for the last flag-setting instruction. */
        .data
        .balign 16
base:   .long 0
mem32:  .long 0x01020304, 0x80706050, 0xdeadbeef, 0
mem16:  .word 0x8001, 0x7fff
mem8:   .byte 0x80, 0x7f, 0xff, 0x01
q64:    .long 0x11111111, 0x22222222
xtab:   .ascii "0123456789abcdef"
fmt:    .asciz "%-14s eax=%08x ecx=%08x edx=%08x ebx=%08x esi=%08x edi=%08x esp=%+d ebp=%+d fl=%03x\n"
mfmt:   .asciz "               mem32=%08x %08x %08x %08x q64=%08x:%08x\n"

/* CASE name, mask: print registers and flags&mask, then reset registers */
        .macro CASE name, mask
        .section .rodata.names, "a"
1:      .asciz "\name"
        .text
        pushfl
        pushal
        pushl $\mask
        pushl $1b
        call show
        addl $44, %esp
        call reset
        .endm

        .text
reset:
        movl $0x11111111, %eax
        movl $0x22222222, %ebx
        movl $0x33333333, %ecx
        movl $0x44444444, %edx
        movl $0x55555555, %esi
        movl $0x66666666, %edi
        ret

/* show(label, mask, edi, esi, ebp, esp, ebx, edx, ecx, eax, eflags) */
show:
        pushl %ebp
        movl %esp, %ebp
        andl $-16, %esp
        subl $48, %esp
        movl 52(%ebp), %eax       /* eflags */
        andl 12(%ebp), %eax
        movl %eax, 40(%esp)
        movl 24(%ebp), %eax       /* ebp */
        subl base, %eax
        movl %eax, 36(%esp)
        movl 28(%ebp), %eax       /* esp as pushal saw it: + 4 for pushfl */
        addl $4, %eax
        subl base, %eax
        movl %eax, 32(%esp)
        movl 16(%ebp), %eax       /* edi */
        movl %eax, 28(%esp)
        movl 20(%ebp), %eax       /* esi */
        movl %eax, 24(%esp)
        movl 32(%ebp), %eax       /* ebx */
        movl %eax, 20(%esp)
        movl 36(%ebp), %eax       /* edx */
        movl %eax, 16(%esp)
        movl 40(%ebp), %eax       /* ecx */
        movl %eax, 12(%esp)
        movl 44(%ebp), %eax       /* eax */
        movl %eax, 8(%esp)
        movl 8(%ebp), %eax
        movl %eax, 4(%esp)
        movl $fmt, (%esp)
        call printf
        movl q64 + 4, %eax
        movl %eax, 24(%esp)
        movl q64, %eax
        movl %eax, 20(%esp)
        movl mem32 + 12, %eax
        movl %eax, 16(%esp)
        movl mem32 + 8, %eax
        movl %eax, 12(%esp)
        movl mem32 + 4, %eax
        movl %eax, 8(%esp)
        movl mem32, %eax
        movl %eax, 4(%esp)
        movl $mfmt, (%esp)
        call printf
        leave
        ret

/* callee-pops: returns a + b, pops its two arguments */
add2:
        movl 4(%esp), %eax
        addl 8(%esp), %eax
        ret $8

/* enter level 0 and level 2, reading back what enter built */
frames:
        enter $16, $0
        movl $0xabcd, -4(%ebp)
        movl -4(%ebp), %eax
        movl %ebp, %ecx
        subl %esp, %ecx              /* 16 */
        call inner
        leave
        ret
inner:
        enter $8, $2
        movl %ebp, %edx
        subl %esp, %edx              /* 8 locals + 2 saved frame pointers = 16 */
        movl -4(%ebp), %ebx          /* level 2 copied the outer frame's first slot (0xabcd) */
        movl -8(%ebp), %esi
        subl %ebp, %esi              /* and pushed its own */
        leave
        ret

one:    movl $1, %eax
        ret
two:    movl $2, %eax
        ret
three:  movl $3, %eax
        ret
        .section .rodata
        .balign 4
jtab:   .long jt0, jt1, jt2, jt3
fptr:   .long three
        .text

        .globl main
main:
        pushl %ebp
        movl %esp, %ebp
        pushl %ebx
        pushl %esi
        pushl %edi
        movl %ebp, base
        call reset

        /* multiplies and divides */
        movl $0x89abcdef, %eax
        movl $0x12345678, %ecx
        mull %ecx
        CASE mull, 0x801
        movl $-123456789, %eax
        movl $987654, %ecx
        imull %ecx
        CASE imull_neg, 0x801
        movl $0x12, %edx
        movl $0x34567890, %eax
        movl $0x9abc, %ecx
        divl %ecx
        CASE divl, 0
        movl $-1000000007, %eax
        cdq
        movl $97, %ecx
        idivl %ecx
        CASE idivl, 0
        movl $1000000007, %eax
        cdq
        movl $-97, %ecx
        idivl %ecx
        CASE idivl_negdiv, 0
        movl $-1000000007, %eax
        cdq
        movl $-97, %ebx
        idivl %ebx
        CASE idivl_negneg, 0
        movw $1000, %ax
        movb $7, %cl
        divb %cl
        CASE divb, 0
        movw $-1000, %ax
        movb $9, %cl
        idivb %cl
        CASE idivb, 0
        movw $0x0012, %dx
        movw $0x3456, %ax
        movw $0x1234, %cx
        divw %cx
        CASE divw, 0
        movw $-30000, %ax
        cwd
        movw $-7, %cx
        idivw %cx
        CASE idivw, 0
        movl $0x10, %edx
        movl $0, %eax
        divl mem32 + 4
        CASE divl_mem, 0
        movw $300, %ax
        movb $20, %cl
        mulb %cl
        CASE mulb, 0x801
        movw $0x8001, %ax
        imulw mem16 + 2
        CASE imulw_mem, 0x801
        imull $-3, mem32 + 8, %ecx
        CASE imul3_mem, 0x801

        /* sign extensions */
        movl $0x12348765, %eax
        cbw
        movl %eax, %ebx
        movl $0x12348765, %eax
        cwde
        movl %eax, %ecx
        movl $0x12348765, %eax
        cwd
        movl $0x87654321, %esi
        movl %esi, %eax
        cdq
        CASE extend, 0
        movsbl mem8, %eax
        movzbl mem8, %ecx
        movswl mem16, %edx
        movzwl mem16, %ebx
        movsbw mem8 + 2, %si
        movzbw mem8 + 2, %di
        CASE movsx_movzx, 0

        /* high bytes */
        movl $0x12345678, %eax
        movl $0xaabbccdd, %ecx
        movb %ah, %ch
        xchgb %ah, %al
        movb %ch, %dh
        movb $0x80, %bh
        addb %ah, %bh
        movzbl %ah, %esi
        movsbl %ch, %edi
        CASE high_bytes, 0x8d5

        /* 16-bit forms */
        movw $0x8001, %ax
        addw mem16 + 2, %ax
        movw %ax, %bx
        xchgw %bx, %cx
        pushw %cx
        popw %dx
        incw mem16
        movw mem16, %si
        rolw $8, %si
        notw %di
        CASE word_ops, 0x8d5

        /* exchanges */
        movl $7, %eax
        xchgl %eax, mem32 + 12
        movl $5, %ecx
        xaddl %ecx, mem32 + 12
        movl $100, %ebx
        lock xaddl %ebx, mem32 + 12
        movl mem32 + 12, %edx
        CASE xadd_mem, 0x8d5
        movl mem32 + 12, %eax
        movl $0x99, %ecx
        lock cmpxchgl %ecx, mem32 + 12
        CASE cmpxchg_eq, 0x8d5
        movl $1, %eax
        movl $0x77, %ecx
        cmpxchgl %ecx, mem32 + 12
        CASE cmpxchg_ne, 0x8d5
        movl $0x11111111, %eax
        movl $0x22222222, %edx
        movl $0xaaaaaaaa, %ebx
        movl $0xbbbbbbbb, %ecx
        lock cmpxchg8b q64
        CASE cmpxchg8b_eq, 0x040
        movl $0, %eax
        movl $0, %edx
        cmpxchg8b q64
        CASE cmpxchg8b_ne, 0x040
        movb $0x10, %al
        xchgb %al, mem8 + 3
        movl $0x01020304, %ebx
        bswapl %ebx
        movl $0x80000000, %esi
        bswapl %esi
        CASE xchgb_bswap, 0

        /* pusha/popa */
        movl $1, %eax
        movl $2, %ecx
        movl $3, %edx
        movl $4, %ebx
        movl $5, %esi
        movl $6, %edi
        pushal
        xorl %eax, %eax
        xorl %ecx, %ecx
        popal
        pushal
        popl %eax                   /* edi */
        popl %ecx                   /* esi */
        popl %edx                   /* ebp, discarded */
        popl %edx                   /* esp, discarded */
        popl %edx                   /* ebx */
        popl %ebx                   /* edx */
        popl %esi                   /* ecx */
        popl %edi                   /* eax */
        CASE pusha_popa, 0
        pushw $0x1234
        pushl $0x56789abc
        popl %eax
        popw %bx
        pushl mem32
        popl mem32 + 12
        movl mem32 + 12, %ecx
        CASE push_pop, 0

        /* frames */
        call frames
        CASE enter_leave, 0
        pushl $40
        pushl $2
        call add2
        CASE ret_imm, 0

        /* indirect control flow */
        movl $one, %ebx
        call *%ebx
        movl %eax, %ecx
        call *fptr
        movl %eax, %edx
        xorl %esi, %esi
        xorl %edi, %edi
4:      jmp *jtab(,%esi,4)
jt0:    addl $1, %edi
        jmp 5f
jt1:    addl $10, %edi
        jmp 5f
jt2:    addl $100, %edi
        jmp 5f
jt3:    addl $1000, %edi
5:      incl %esi
        cmpl $4, %esi
        jb 4b
        movl $two, %eax
        pushl $6f
        jmp *%eax
6:      xorl %ebx, %ebx
        CASE indirect, 0

        /* loops */
        movl $10, %ecx
        xorl %eax, %eax
7:      addl %ecx, %eax
        loop 7b
        movl $0, %ecx
        movl $0, %ebx
        jecxz 8f
        movl $0xbad, %ebx
8:      movl $100, %ecx
        movl $3, %edx
9:      decl %edx
        loopne 9b                    /* stops when edx hits 0 */
        movl %ecx, %esi
        movl $100, %ecx
        xorl %edi, %edi
10:     incl %edi
        cmpl $5, %edi
        loope 10b                    /* leaves when edi != 5 (i.e. at once) */
        CASE loops, 0x8d5
        movl $xtab, %ebx
        movl $0x0000000b, %eax
        xlat
        movl %eax, %ecx
        movb $15, %al
        xlatb
        subl $xtab, %ebx
        CASE xlat, 0

        /* lea arithmetic and address forms */
        movl $0x1000, %ebx
        movl $0x10, %esi
        leal 7(%ebx,%esi,8), %eax
        leal (%esi,%esi,4), %ecx
        leal -1(,%esi,2), %edx
        leal 0x12345678(%ebx), %edi
        movl $mem32, %ebx
        movl $2, %esi
        movl (%ebx,%esi,4), %esi
        subl $mem32, %ebx
        CASE lea, 0
        movl $mem32 + 4, %ebx
        movl $-1, %ecx
        movl 4(%ebx,%ecx,4), %eax
        movzbl -1(%ebx), %edx
        movw 2(%ebx), %si
        movb 1(%ebx,%ecx,1), %cl
        subl $mem32, %ebx
        CASE addressing, 0

        xorl %eax, %eax
        popl %edi
        popl %esi
        popl %ebx
        popl %ebp
        ret
        .section .note.GNU-stack, "", @progbits
