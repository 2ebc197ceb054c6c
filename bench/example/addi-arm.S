/* addi-arm.S: the ARM guest for papers/worked-example.md.
 *
 * The paper's PowerPC `addi r1,r1,-16` in ARM clothes: `sub sp, sp, #16`
 * (sp is r13, ARM's stack pointer).  frame() opens a 16-byte frame,
 * stores into it and closes it; _start calls it in a loop so its block is
 * hot.  No libc: the log holds only these few blocks.  Built with
 * arm-linux-gnueabi-gcc -marm (ARM state, EABI system calls).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
        .syntax unified
        .arm
        .text
        .globl  _start
_start:
        mov     r4, #1000
1:      bl      frame
        subs    r4, r4, #1
        bne     1b
        mov     r0, #0                  /* exit(0) */
        mov     r7, #1
        svc     #0

        .globl  frame
        .type   frame, %function
frame:
        sub     sp, sp, #16             /* PowerPC: addi r1,r1,-16 */
        str     r4, [sp, #12]
        add     sp, sp, #16
        bx      lr
        .size   frame, . - frame
