/* 85-nx-read-implies-exec: a 32-bit program without PT_GNU_STACK (this
 * file has no .note.GNU-stack section, so the linker writes none) runs
 * with the READ_IMPLIES_EXEC personality (arch/x86/include/asm/elf.h
 * elf_read_implies_exec(); fs/binfmt_elf.c load_elf_binary()): code in
 * .data, on the stack, in a PROT_READ|PROT_WRITE mmap and in the brk heap
 * runs; personality(0xffffffff) shows the bit (0x0400000).  Clearing it
 * with personality() makes later mmaps non-executable: a call into one
 * then faults, and the handler reports it.
 * cflags: -nostdlib
 */
        .data
code_in_data:
        movl    $0x11, %eax
        ret
msg_pers:   .ascii "personality "
msg_data:   .ascii "data returned "
msg_stack:  .ascii "stack returned "
msg_mmap:   .ascii "mmap returned "
msg_brk:    .ascii "brk returned "
msg_after:  .ascii "mmap after clearing returned "
msg_fault:  .ascii "SIGSEGV in the mmap after clearing\n"
msg_end:
hexbuf:     .ascii "00000000\n"
/* struct sigaction for rt_sigaction (old-style kernel layout): handler,
 * flags (SA_RESTORER), restorer, mask */
sa:         .long   on_segv, 0x04000000, restorer, 0, 0

        .text
/* print(ecx = text, edx = length) */
print:
        movl    $4, %eax
        movl    $1, %ebx
        int     $0x80
        ret

/* print_hex(eax): 8 hex digits and a newline */
print_hex:
        movl    $hexbuf+7, %edi
        movl    $8, %ecx
1:      movl    %eax, %edx
        andl    $15, %edx
        movb    digits(%edx), %dl
        movb    %dl, (%edi)
        decl    %edi
        shrl    $4, %eax
        loop    1b
        movl    $hexbuf, %ecx
        movl    $9, %edx
        jmp     print

digits: .ascii "0123456789abcdef"

/* map(): eax = a fresh PROT_READ|PROT_WRITE anonymous page holding
 * "movl $0x33, %eax; ret" */
map:
        pushl   %ebp
        movl    $192, %eax              /* mmap2 */
        xorl    %ebx, %ebx
        movl    $4096, %ecx
        movl    $3, %edx                /* PROT_READ | PROT_WRITE */
        movl    $0x22, %esi             /* MAP_PRIVATE | MAP_ANONYMOUS */
        movl    $-1, %edi
        xorl    %ebp, %ebp
        int     $0x80
        popl    %ebp
        movb    $0xb8, (%eax)
        movl    $0x33, 1(%eax)
        movb    $0xc3, 5(%eax)
        ret

on_segv:
        movl    $msg_fault, %ecx
        movl    $msg_end - msg_fault, %edx
        call    print
        jmp     done
restorer:
        movl    $173, %eax              /* rt_sigreturn (never reached) */
        int     $0x80

        .globl  _start
_start:
        movl    $136, %eax              /* personality(0xffffffff) */
        movl    $-1, %ebx
        int     $0x80
        pushl   %eax
        movl    $msg_pers, %ecx
        movl    $msg_data - msg_pers, %edx
        call    print
        popl    %eax
        call    print_hex

        call    code_in_data
        pushl   %eax
        movl    $msg_data, %ecx
        movl    $msg_stack - msg_data, %edx
        call    print
        popl    %eax
        call    print_hex

        subl    $16, %esp               /* movl $0x22, %eax; ret on the stack */
        movb    $0xb8, (%esp)
        movl    $0x22, 1(%esp)
        movb    $0xc3, 5(%esp)
        movl    %esp, %eax
        call    *%eax
        addl    $16, %esp
        pushl   %eax
        movl    $msg_stack, %ecx
        movl    $msg_mmap - msg_stack, %edx
        call    print
        popl    %eax
        call    print_hex

        call    map
        call    *%eax
        pushl   %eax
        movl    $msg_mmap, %ecx
        movl    $msg_brk - msg_mmap, %edx
        call    print
        popl    %eax
        call    print_hex

        movl    $45, %eax               /* brk(0), then brk(+4096) */
        xorl    %ebx, %ebx
        int     $0x80
        movl    %eax, %esi
        leal    4096(%eax), %ebx
        movl    $45, %eax
        int     $0x80
        movb    $0xb8, (%esi)
        movl    $0x44, 1(%esi)
        movb    $0xc3, 5(%esi)
        call    *%esi
        pushl   %eax
        movl    $msg_brk, %ecx
        movl    $msg_after - msg_brk, %edx
        call    print
        popl    %eax
        call    print_hex

        movl    $174, %eax              /* rt_sigaction(SIGSEGV, &sa, 0, 8) */
        movl    $11, %ebx
        movl    $sa, %ecx
        xorl    %edx, %edx
        movl    $8, %esi
        int     $0x80
        movl    $136, %eax              /* personality(PER_LINUX) */
        xorl    %ebx, %ebx
        int     $0x80
        call    map
        call    *%eax
        pushl   %eax
        movl    $msg_after, %ecx
        movl    $msg_fault - msg_after, %edx
        call    print
        popl    %eax
        call    print_hex
done:
        movl    $1, %eax
        xorl    %ebx, %ebx
        int     $0x80
