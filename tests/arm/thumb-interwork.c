/*
 * ARM/Thumb interworking through every kind of branch (ARM ARM A2.3.2,
 * A2.6.2: BXWritePC, BranchWritePC, ALUWritePC, LoadWritePC): BX, BLX
 * (register), BLX (immediate) in both directions, LDR pc, POP/LDM pc,
 * MOV pc in ARM state (interworking on ARMv7) and MOV pc in Thumb state
 * (not interworking: BranchWritePC ignores bit 0), plus TBB/TBH and
 * CBZ/CBNZ.  Each callee is code that only runs right in one state (a
 * 16-bit MOVS, or an A32 MOV) and returns its own mark in r0.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "insn-test.h"

__asm__(".syntax unified\n\t.text\n\t"
        /* ---- callees ---- */
        ".thumb\n\t.align 2\n\t"
        ".thumb_func\nt_ret_bxlr:\n\tmovs r0, #0x51\n\tbx lr\n\t"
        ".thumb_func\nt_ret_pop:\n\tpush {lr}\n\tmovs r0, #0x52\n\tpop {pc}\n\t"
        ".thumb_func\nt_ret_ldr:\n\tstr lr, [sp, #-4]!\n\tmovs r0, #0x53\n\tldr pc, [sp], #4\n\t"
        ".thumb_func\nt_ret_ldm:\n\tpush {r4, lr}\n\tmovs r0, #0x54\n\tldmia.w sp!, {r4, pc}\n\t"
        ".arm\n\t.align 2\n"
        "a_ret_bxlr:\n\tmov r0, #0x61\n\tbx lr\n"
        "a_ret_pop:\n\tpush {lr}\n\tmov r0, #0x62\n\tpop {pc}\n"
        "a_ret_ldr:\n\tstr lr, [sp, #-4]!\n\tmov r0, #0x63\n\tldr pc, [sp], #4\n"
        "a_ret_movpc:\n\tmov r0, #0x64\n\tmov pc, lr\n"
        /* ---- ARM callers ---- */
        ".global arm_blx_reg\n\t.type arm_blx_reg, %function\n"
        "arm_blx_reg:\n\tpush {r4, lr}\n\tadr r4, t_ret_bxlr\n\torr r4, r4, #1\n\t"
        "blx r4\n\tpop {r4, pc}\n"
        ".global arm_blx_imm\n\t.type arm_blx_imm, %function\n"
        "arm_blx_imm:\n\tpush {r4, lr}\n\tblx t_ret_pop\n\tpop {r4, pc}\n"
        ".global arm_bx\n\t.type arm_bx, %function\n"
        "arm_bx:\n\tpush {r4, lr}\n\tadr r4, t_ret_ldr\n\torr r4, r4, #1\n\t"
        "adr lr, 1f\n\tbx r4\n1:\tpop {r4, pc}\n"
        ".global arm_mov_pc\n\t.type arm_mov_pc, %function\n"
        "arm_mov_pc:\n\tpush {r4, lr}\n\tadr r4, t_ret_ldm\n\torr r4, r4, #1\n\t"
        "adr lr, 1f\n\tmov pc, r4\n1:\tpop {r4, pc}\n"
        /* ARM LDR pc to an odd address: into Thumb */
        ".global arm_ldr_pc\n\t.type arm_ldr_pc, %function\n"
        "arm_ldr_pc:\n\tpush {r4, lr}\n\tadr r4, t_ret_bxlr\n\torr r4, r4, #1\n\t"
        "push {r4}\n\tadr lr, 1f\n\tldr pc, [sp], #4\n1:\tpop {r4, pc}\n"
        /* ---- Thumb callers ---- */
        ".thumb\n\t.align 2\n\t"
        ".global th_blx_imm\n\t.type th_blx_imm, %function\n\t.thumb_func\n"
        "th_blx_imm:\n\tpush {r4, lr}\n\tblx a_ret_bxlr\n\tpop {r4, pc}\n\t"
        ".global th_blx_reg\n\t.type th_blx_reg, %function\n\t.thumb_func\n"
        "th_blx_reg:\n\tpush {r4, lr}\n\tadr r4, a_ret_pop\n\tblx r4\n\tpop {r4, pc}\n\t"
        ".global th_ldr_ret\n\t.type th_ldr_ret, %function\n\t.thumb_func\n"
        "th_ldr_ret:\n\tpush {r4, lr}\n\tblx a_ret_ldr\n\tpop {r4, pc}\n\t"
        ".global th_movpc_ret\n\t.type th_movpc_ret, %function\n\t.thumb_func\n"
        "th_movpc_ret:\n\tpush {r4, lr}\n\tblx a_ret_movpc\n\tpop {r4, pc}\n\t"
        /* Thumb MOV pc, Rm: BranchWritePC, stays in Thumb, bit 0 ignored */
        ".global th_mov_pc\n\t.type th_mov_pc, %function\n\t.thumb_func\n"
        "th_mov_pc:\n\tadr r1, 2f\n\tmov pc, r1\n\tmovs r0, #0\n\tbx lr\n\t"
        ".align 2\n2:\tmovs r0, #0x71\n\tbx lr\n\t"
        /* Thumb BX to an even address: into ARM */
        ".global th_bx_arm\n\t.type th_bx_arm, %function\n\t.thumb_func\n"
        "th_bx_arm:\n\tpush {r4, lr}\n\tadr r4, a_ret_bxlr\n\tadr r1, 1f\n\t"
        "adds r1, #1\n\tmov lr, r1\n\tbx r4\n\t.align 2\n1:\tpop {r4, pc}\n\t"
        /* TBB / TBH: r0 = index; returns 10 + index (A8.8.223) */
        ".global th_tbb\n\t.type th_tbb, %function\n\t.thumb_func\n"
        "th_tbb:\n\ttbb [pc, r0]\n"
        "3:\t.byte (4f-3b)/2, (5f-3b)/2, (6f-3b)/2, (7f-3b)/2\n"
        "4:\tmovs r0, #10\n\tbx lr\n"
        "5:\tmovs r0, #11\n\tbx lr\n"
        "6:\tmovs r0, #12\n\tbx lr\n"
        "7:\tmovs r0, #13\n\tbx lr\n\t"
        ".global th_tbh\n\t.type th_tbh, %function\n\t.thumb_func\n"
        "th_tbh:\n\ttbh [pc, r0, lsl #1]\n"
        "3:\t.short (4f-3b)/2, (5f-3b)/2, (6f-3b)/2\n"
        "4:\tmovs r0, #20\n\tbx lr\n"
        "5:\tmovs r0, #21\n\tbx lr\n"
        ".space 600\n"  /* beyond a byte table's reach */
        "6:\tmovs r0, #22\n\tbx lr\n\t"
        /* CBZ / CBNZ r0: 1 if taken, 2 if not */
        ".global th_cbz\n\t.type th_cbz, %function\n\t.thumb_func\n"
        "th_cbz:\n\tcbz r0, 1f\n\tmovs r0, #2\n\tbx lr\n1:\tmovs r0, #1\n\tbx lr\n\t"
        ".global th_cbnz\n\t.type th_cbnz, %function\n\t.thumb_func\n"
        "th_cbnz:\n\tcbnz r0, 1f\n\tmovs r0, #2\n\tbx lr\n1:\tmovs r0, #1\n\tbx lr\n\t"
        ".arm\n");

uint32_t arm_blx_reg(void), arm_blx_imm(void), arm_bx(void), arm_mov_pc(void);
uint32_t arm_ldr_pc(void);
uint32_t th_blx_imm(void), th_blx_reg(void), th_ldr_ret(void), th_movpc_ret(void);
uint32_t th_mov_pc(void), th_bx_arm(void);
uint32_t th_tbb(uint32_t), th_tbh(uint32_t), th_cbz(uint32_t), th_cbnz(uint32_t);

int main(void)
{
    group("ARM to Thumb and back");
    check("BLX reg; BX lr", arm_blx_reg(), 0x51);
    check("BLX imm; POP pc", arm_blx_imm(), 0x52);
    check("BX reg; LDR pc", arm_bx(), 0x53);
    check("MOV pc (ARM, interworking); LDM pc", arm_mov_pc(), 0x54);
    check("LDR pc odd; BX lr", arm_ldr_pc(), 0x51);
    end_group();

    group("Thumb to ARM and back");
    check("BLX imm; BX lr", th_blx_imm(), 0x61);
    check("BLX reg; POP pc", th_blx_reg(), 0x62);
    check("BLX imm; LDR pc", th_ldr_ret(), 0x63);
    check("BLX imm; MOV pc, lr (ARM, to Thumb)", th_movpc_ret(), 0x64);
    check("BX even", th_bx_arm(), 0x61);
    check("MOV pc in Thumb: no state change", th_mov_pc(), 0x71);
    end_group();

    group("TBB, TBH, CBZ, CBNZ");
    for (uint32_t i = 0; i < 4; i++)
        check("tbb", th_tbb(i), 10 + i);
    for (uint32_t i = 0; i < 3; i++)
        check("tbh", th_tbh(i), 20 + i);
    check("cbz 0", th_cbz(0), 1);
    check("cbz 5", th_cbz(5), 2);
    check("cbnz 0", th_cbnz(0), 2);
    check("cbnz 5", th_cbnz(5), 1);
    end_group();
    return finish();
}
