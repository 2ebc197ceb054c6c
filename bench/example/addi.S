/* addi.S: the guest for papers/worked-example.md.
 *
 * The 2005 paper's example is the PowerPC instruction `addi r1,r1,-16`
 * (r1 is PowerPC's stack pointer: open a 16-byte frame).  Its i386
 * equivalent is `add $-16,%esp`.  frame() opens a frame, stores into it and
 * closes it; _start calls it in a loop so its block is hot (translated
 * once, then chained).  No libc: the log holds only these few blocks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
        .text
        .globl  _start
_start:
        mov     $1000, %ecx
1:      call    frame
        dec     %ecx
        jnz     1b
        mov     $1, %eax                /* exit(0) */
        xor     %ebx, %ebx
        int     $0x80

        .globl  frame
        .type   frame, @function
frame:
        add     $-16, %esp              /* PowerPC: addi r1,r1,-16 */
        mov     %ecx, 12(%esp)
        add     $16, %esp
        ret
        .size   frame, . - frame
