/* count-loop: a loop whose block runs a known number of times, for
 * tests/exec/run-profile.sh (--stats' hottest blocks, -d op_count). */
    .text
    .globl _start
_start:
    mov $1000, %ecx
    xor %eax, %eax
loop:
    add $3, %eax
    dec %ecx
    jnz loop
done:
    mov %eax, %ebx
    sub $3000, %ebx
    mov $1, %eax
    int $0x80
