/* 70-smc-same-tb: code that patches an instruction later in its own
 * translation block (no jump between the store and the patched
 * instruction), in a writable+executable page, then in a loop that runs
 * the patched block again; the store must take effect before the patched
 * instruction runs, as on the real CPU.  Prints with write(2). */
        .text
        .globl  main
main:
        push    %ebx
        push    %esi
        push    %edi
        /* mprotect(page of patch_site, 8192, RWX) */
        mov     $patch_site, %ebx
        and     $0xfffff000, %ebx
        mov     $125, %eax
        mov     $8192, %ecx
        mov     $7, %edx
        int     $0x80
        test    %eax, %eax
        jnz     fail

        xor     %esi, %esi              /* round counter */
round:
        /* patch the immediate of the mov below to 'A' + round */
        lea     0x41(%esi), %eax
        movb    %al, patch_site+1
patch_site:
        mov     $0x3f, %al              /* b0 imm8: patched before it runs */
        movb    %al, msg
        movb    $0xb0, patch_site       /* keep the opcode byte the same */
        /* write(1, msg, 2) */
        mov     $4, %eax
        mov     $1, %ebx
        mov     $msg, %ecx
        mov     $2, %edx
        int     $0x80
        inc     %esi
        cmp     $5, %esi
        jne     round
        xor     %eax, %eax
        jmp     out
fail:
        mov     $1, %eax
out:
        pop     %edi
        pop     %esi
        pop     %ebx
        ret

        .data
msg:    .ascii  "?\n"
        .section .note.GNU-stack,"",@progbits
