/* 34-strings: the string instructions — movs/stos/lods/cmps/scas in byte,
 * word and dword forms, with and without rep/repe/repne, forwards (DF=0)
 * and backwards (DF=1, std/cld), rep with %ecx = 0, overlapping forward
 * copies (a byte-replicating movsb), repe cmpsb stopping at a mismatch and
 * repne scasb as strlen. After each case it prints %eax %ecx %edx %ebx,
 * %esi/%edi as offsets into the test area (never addresses), the defined
 * flags, DF and a hash of the whole area plus its destination bytes. */
        .data
        .balign 16
area:   .fill 512, 1, 0
SRC = area
DST = area + 256
str:    .asciz "hello, world! how long is this string?"
aaaa:   .ascii "aaaaaaaaaaaaaaaaaaab"

fmt:    .asciz "%-12s eax=%08x ecx=%08x edx=%08x ebx=%08x esi=%+d edi=%+d fl=%03x df=%d hash=%08x\n"
dfmt:   .asciz "             dst:"
bfmt:   .asciz " %02x"
nl:     .asciz "\n"

        .macro CASE name
        .section .rodata.names, "a"
1:      .asciz "\name"
        .text
        pushfl
        pushal
        pushl $1b
        call show
        addl $40, %esp
        cld
        call reset
        .endm

        .text
/* reset: SRC[i] = 7*i + 3 for 256 bytes, DST = 0xee; registers to fixed values */
reset:
        xorl %ecx, %ecx
1:      leal 3(%ecx,%ecx,2), %eax
        leal (%eax,%ecx,4), %eax
        movb %al, SRC(%ecx)
        movb $0xee, DST(%ecx)
        incl %ecx
        cmpl $256, %ecx
        jb 1b
        movl $0x11111111, %eax
        movl $0x22222222, %ebx
        movl $0x33333333, %edx
        movl $0x44444444, %ecx
        movl $SRC, %esi
        movl $DST, %edi
        ret

/* show(label, edi, esi, ebp, esp, ebx, edx, ecx, eax, eflags) — pushal order */
show:
        pushl %ebp
        movl %esp, %ebp
        pushl %ebx
        andl $-16, %esp
        subl $48, %esp
        /* FNV-1a over the area */
        movl $0x811c9dc5, %eax
        xorl %ecx, %ecx
1:      movzbl area(%ecx), %edx
        xorl %edx, %eax
        imull $0x01000193, %eax, %eax
        incl %ecx
        cmpl $512, %ecx
        jb 1b
        movl %eax, 40(%esp)
        movl 44(%ebp), %eax        /* eflags */
        movl %eax, %edx
        shrl $10, %edx
        andl $1, %edx
        movl %edx, 36(%esp)
        andl $0x8d5, %eax
        movl %eax, 32(%esp)
        movl 12(%ebp), %eax        /* edi */
        subl $area, %eax
        movl %eax, 28(%esp)
        movl 16(%ebp), %eax        /* esi */
        subl $area, %eax
        movl %eax, 24(%esp)
        movl 28(%ebp), %eax        /* ebx */
        movl %eax, 20(%esp)
        movl 32(%ebp), %eax        /* edx */
        movl %eax, 16(%esp)
        movl 36(%ebp), %eax        /* ecx */
        movl %eax, 12(%esp)
        movl 40(%ebp), %eax        /* eax */
        movl %eax, 8(%esp)
        movl 8(%ebp), %eax         /* label */
        movl %eax, 4(%esp)
        movl $fmt, (%esp)
        call printf
        movl $dfmt, (%esp)
        call printf
        xorl %ebx, %ebx
2:      movzbl DST(%ebx), %eax
        movl %eax, 4(%esp)
        movl $bfmt, (%esp)
        call printf
        incl %ebx
        cmpl $64, %ebx
        jb 2b
        movl $nl, (%esp)
        call printf
        movl -4(%ebp), %ebx
        leave
        ret

        .globl main
main:
        pushl %ebp
        movl %esp, %ebp
        pushl %ebx
        pushl %esi
        pushl %edi
        call reset

        /* forward copies */
        incl %esi
        addl $3, %edi
        movl $37, %ecx
        rep movsb
        CASE rep_movsb

        movl $9, %ecx
        rep movsl
        CASE rep_movsl

        addl $2, %esi
        movl $5, %ecx
        rep movsw
        CASE rep_movsw

        /* backwards copies */
        std
        addl $40, %esi
        addl $50, %edi
        movl $20, %ecx
        rep movsb
        CASE std_movsb

        std
        addl $60, %esi
        addl $60, %edi
        movl $4, %ecx
        rep movsl
        CASE std_movsl

        /* stores */
        movb $0xab, %al
        incl %edi
        movl $33, %ecx
        rep stosb
        CASE rep_stosb

        movl $0x44332211, %eax
        addl $2, %edi
        movl $7, %ecx
        rep stosl
        CASE rep_stosl

        std
        movw $0xbeef, %ax
        addl $40, %edi
        movl $6, %ecx
        rep stosw
        CASE std_stosw

        /* rep with ecx = 0 does nothing, flags untouched */
        stc
        movl $0, %ecx
        rep movsb
        CASE rep_zero
        movl $0, %ecx
        cmpl %ecx, %ecx
        repne scasb
        CASE repne_zero

        /* single, unprefixed forms */
        movsb
        movsw
        movsl
        lodsl
        stosb
        lodsw
        stosl
        CASE singles

        /* compares: copy 32 bytes, change byte 17, compare */
        movl $32, %ecx
        rep movsb
        xorb $0x40, DST + 17
        movl $SRC, %esi
        movl $DST, %edi
        movl $32, %ecx
        repe cmpsb
        CASE repe_cmpsb

        movl $32, %ecx
        repe cmpsb            /* all bytes of SRC vs DST 0xee: stops at once */
        CASE repe_cmpsb1

        movl $200, %ecx
        movb $0xee, SRC + 150
        repne cmpsb           /* runs until SRC[i] == DST[i] */
        CASE repne_cmpsb

        movl $12, %ecx
        movl $1, %eax
        movl %eax, DST + 8
        movl %eax, SRC + 8
        repe cmpsl
        CASE repe_cmpsl

        cmpsw
        CASE cmpsw

        /* scans */
        movl $str, %edi
        xorl %eax, %eax
        movl $-1, %ecx
        repne scasb
        notl %ecx
        decl %ecx             /* strlen */
        movl %ecx, %ebx
        CASE strlen

        movl $aaaa, %edi
        movb $'a', %al
        movl $100, %ecx
        repe scasb
        CASE repe_scasb

        std
        movl $str + 37, %edi
        movb $'o', %al
        movl $38, %ecx
        repne scasb
        CASE std_scasb

        movl $0xeeeeeeee, %eax
        movl $8, %ecx
        repe scasl
        CASE repe_scasl

        /* lods loop summing bytes */
        xorl %ebx, %ebx
        movl $10, %ecx
3:      lodsb
        movzbl %al, %edx
        addl %edx, %ebx
        loop 3b
        CASE lodsb_loop

        /* overlapping forward copy replicates the first byte */
        movl $SRC + 5, %esi
        movl $SRC + 6, %edi
        movl $20, %ecx
        rep movsb
        movl $SRC, %esi
        movl $DST, %edi
        movl $32, %ecx
        rep movsb
        CASE overlap

        /* 16-bit address-size prefix is not used by Linux programs; the
           0x66 operand-size with rep stos is: */
        movl $0x5a5a, %eax
        movl $3, %ecx
        rep stosw
        CASE rep_stosw

        xorl %eax, %eax
        popl %edi
        popl %esi
        popl %ebx
        popl %ebp
        ret
        .section .note.GNU-stack, "", @progbits
