/* helper-loop: PEXT with a full mask, whose work is a 32-step loop in a C
 * helper (op/i386/helper-bmi.c), run 3 * 10^6 times; with any argument,
 * the same loop with a plain XOR instead (no helper); for
 * tests/exec/run-sample.sh (--stats' helper share).  Exit status 0 when
 * every PEXT returned its source. */
    .text
    .globl _start
_start:
    mov $3000000, %ecx
    mov $0xffffffff, %esi
    mov $0x12345678, %edx
    xor %edi, %edi
    cmpl $1, (%esp)            /* argc */
    jne 2f
1:
    pext %esi, %edx, %eax
    xor %edx, %eax
    or %eax, %edi
    dec %ecx
    jnz 1b
    jmp 3f
2:
    mov %edx, %eax
    xor %edx, %eax
    or %eax, %edi
    dec %ecx
    jnz 2b
    mov $0x1000000, %ecx       /* long enough to be sampled */
4:
    add %ecx, %eax
    dec %ecx
    jnz 4b
    xor %eax, %eax
3:
    mov %edi, %ebx
    mov $1, %eax
    int $0x80
