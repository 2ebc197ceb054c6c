/* 36-raw-syscalls: a program without libc — _start reads argc/argv/envp
 * straight from the initial stack the loader built, and talks to the
 * kernel only through int $0x80 (i386 ABI: eax = number, ebx ecx edx esi
 * edi ebp = arguments): write(1/2), brk (query, grow, touch, shrink),
 * mmap2/munmap of an anonymous page, an invalid fd (-EBADF = -9) and an
 * unknown syscall number (-ENOSYS = -38), then exit(argc + 40).
 * cflags: -nostdlib
 * args: alpha "beta gamma" z
 */
        .data
nl:     .ascii "\n"
m_argc: .asciz "argc="
m_arg:  .asciz "arg: "
m_env:  .asciz "env STITCH_TEST_VAR found: "
m_brk:  .asciz "brk grew by "
m_mmap: .asciz "mmap page sum "
m_ebadf: .asciz "write(99) returned "
m_nosys: .asciz "syscall 9999 returned "
m_err:  .asciz "this line goes to stderr\n"
key:    .ascii "STITCH_TEST_VAR="
keylen = . - key
digits: .fill 16, 1, 0
        .bss
argc:   .long 0
found:  .long 0

        .text
/* puts_fd(%ecx = NUL-terminated string, %ebx = fd) */
puts_fd:
        pushl %edx
        xorl %edx, %edx
1:      cmpb $0, (%ecx,%edx)
        je 2f
        incl %edx
        jmp 1b
2:      movl $4, %eax               /* write */
        int $0x80
        popl %edx
        ret

puts:   pushl %ebx
        movl $1, %ebx
        call puts_fd
        popl %ebx
        ret

newline:
        pushl %ebx
        movl $1, %ebx
        movl $nl, %ecx
        movl $1, %edx
        movl $4, %eax
        int $0x80
        popl %ebx
        ret

/* putdec(%eax = signed value) then newline */
putdec:
        pushl %ebx
        pushl %esi
        movl %eax, %esi
        movl $digits + 15, %ecx
        movb $0, (%ecx)
        testl %eax, %eax
        jns 1f
        negl %eax
1:      movl $10, %ebx
2:      xorl %edx, %edx
        divl %ebx
        addb $'0', %dl
        decl %ecx
        movb %dl, (%ecx)
        testl %eax, %eax
        jnz 2b
        testl %esi, %esi
        jns 3f
        decl %ecx
        movb $'-', (%ecx)
3:      call puts
        call newline
        popl %esi
        popl %ebx
        ret

        .globl _start
_start:
        movl (%esp), %eax
        movl %eax, argc
        movl $m_argc, %ecx
        call puts
        movl argc, %eax
        call putdec

        /* argv[1..argc-1]; argv[0] is a path and not printed */
        movl $1, %esi
1:      cmpl argc, %esi
        jae 2f
        movl $m_arg, %ecx
        call puts
        movl 4(%esp,%esi,4), %ecx
        call puts
        call newline
        incl %esi
        jmp 1b

        /* envp starts after argv's NULL */
2:      movl argc, %eax
        leal 8(%esp,%eax,4), %esi
3:      movl (%esi), %edi
        testl %edi, %edi
        jz 5f
        addl $4, %esi
        movl $key, %ebx
        xorl %ecx, %ecx
4:      movb (%edi,%ecx), %al
        cmpb (%ebx,%ecx), %al
        jne 3b
        incl %ecx
        cmpl $keylen, %ecx
        jb 4b
        incl found
        jmp 3b
5:      movl $m_env, %ecx
        call puts
        movl found, %eax
        call putdec

        /* brk: query, grow by 64 KiB, write to the new memory, shrink */
        movl $45, %eax
        xorl %ebx, %ebx
        int $0x80
        movl %eax, %esi             /* current break */
        leal 65536(%esi), %ebx
        movl $45, %eax
        int $0x80
        movl %eax, %edi
        movl $0x5a5a5a5a, -4(%edi)  /* last word of the new area */
        movl $0x5a5a5a5a, (%esi)    /* first word */
        movl $m_brk, %ecx
        call puts
        movl %edi, %eax
        subl %esi, %eax
        call putdec
        movl $45, %eax
        movl %esi, %ebx
        int $0x80

        /* mmap2(NULL, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) */
        movl $192, %eax
        xorl %ebx, %ebx
        movl $4096, %ecx
        movl $3, %edx
        movl $0x22, %esi
        movl $-1, %edi
        pushl %ebp
        xorl %ebp, %ebp
        int $0x80
        popl %ebp
        movl %eax, %esi
        xorl %ecx, %ecx
6:      movl %ecx, (%esi,%ecx,4)
        incl %ecx
        cmpl $1024, %ecx
        jb 6b
        xorl %eax, %eax
        xorl %ecx, %ecx
7:      addl (%esi,%ecx,4), %eax
        incl %ecx
        cmpl $1024, %ecx
        jb 7b
        pushl %eax
        movl $m_mmap, %ecx
        call puts
        popl %eax
        call putdec
        movl $91, %eax              /* munmap */
        movl %esi, %ebx
        movl $4096, %ecx
        int $0x80

        /* errors come back as -errno in eax */
        movl $4, %eax
        movl $99, %ebx
        movl $nl, %ecx
        movl $1, %edx
        int $0x80
        pushl %eax
        movl $m_ebadf, %ecx
        call puts
        popl %eax
        call putdec

        movl $9999, %eax
        int $0x80
        pushl %eax
        movl $m_nosys, %ecx
        call puts
        popl %eax
        call putdec

        movl $m_err, %ecx
        movl $2, %ebx
        call puts_fd

        /* exit(argc + 40) */
        movl argc, %ebx
        addl $40, %ebx
        movl $1, %eax
        int $0x80
        hlt
        .section .note.GNU-stack, "", @progbits
