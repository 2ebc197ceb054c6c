/*
 * The vectors page and its kernel-provided user helpers
 * (Documentation/arm/kernel_user_helpers.rst; the code is
 * arch/arm/kernel/entry-armv.S, __kuser_helpers).  armel's glibc calls
 * them for the thread pointer and for atomics, at fixed addresses:
 *
 *   0xffff0f60  __kuser_cmpxchg64      (64-bit compare-and-swap)
 *   0xffff0fa0  __kuser_memory_barrier
 *   0xffff0fc0  __kuser_cmpxchg        (32-bit compare-and-swap)
 *   0xffff0fe0  __kuser_get_tls
 *   0xffff0ffc  __kuser_helper_version (how many 32-byte slots: 5)
 *
 * They are written here as the ARM instructions a v7 kernel puts there, so
 * the translator runs them like any guest code: the exclusive loads and
 * stores give the atomicity, MRC TPIDRURO the thread pointer.  The rest of
 * the page is the kernel's poison (early_trap_init): 0xe7fddef1, an
 * undefined instruction in ARM and in Thumb state.  The page is mapped
 * read and execute only, so a guest store to it faults.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <sys/mman.h>

#include "arm-user.h"
#include "exec.h"
#include "syscall-nr.h" /* guest numbers; no host system calls here */
#include "user.h"

#define POISON 0xe7fddef1u

typedef struct {
    uint32_t offset;
    uint32_t insn;
} PageWord;

/* Each word with its instruction; branch offsets are (target - (pc + 8)) / 4. */
static const PageWord helpers[] = {
    /* __kuser_cmpxchg64 (v6K): r0 = &oldval, r1 = &newval, r2 = ptr;
     * r0 = 0 and C set if *ptr was oldval and now is newval. */
    { 0xf60, 0xe92d00f0 }, /*     push    {r4, r5, r6, r7}       */
    { 0xf64, 0xe1c040d0 }, /*     ldrd    r4, r5, [r0]           */
    { 0xf68, 0xe1c160d0 }, /*     ldrd    r6, r7, [r1]           */
    { 0xf6c, 0xf57ff05b }, /*     dmb     ish                    */
    { 0xf70, 0xe1b20f9f }, /* 1:  ldrexd  r0, r1, [r2]           */
    { 0xf74, 0xe0303004 }, /*     eors    r3, r0, r4             */
    { 0xf78, 0x00313005 }, /*     eorseq  r3, r1, r5             */
    { 0xf7c, 0x01a23f96 }, /*     strexdeq r3, r6, r7, [r2]      */
    { 0xf80, 0x03330001 }, /*     teqeq   r3, #1                 */
    { 0xf84, 0x0afffff9 }, /*     beq     1b                     */
    { 0xf88, 0xf57ff05b }, /*     dmb     ish                    */
    { 0xf8c, 0xe2730000 }, /*     rsbs    r0, r3, #0             */
    { 0xf90, 0xe8bd00f0 }, /*     pop     {r4, r5, r6, r7}       */
    { 0xf94, 0xe12fff1e }, /*     bx      lr                     */
    /* __kuser_memory_barrier */
    { 0xfa0, 0xf57ff05b }, /*     dmb     ish                    */
    { 0xfa4, 0xe12fff1e }, /*     bx      lr                     */
    /* __kuser_cmpxchg: r0 = oldval, r1 = newval, r2 = ptr; r0 = 0 and C
     * set if *ptr was oldval and now is newval, else r0 != 0, C clear. */
    { 0xfc0, 0xf57ff05b }, /*     dmb     ish                    */
    { 0xfc4, 0xe1923f9f }, /* 1:  ldrex   r3, [r2]               */
    { 0xfc8, 0xe0533000 }, /*     subs    r3, r3, r0             */
    { 0xfcc, 0x01823f91 }, /*     strexeq r3, r1, [r2]           */
    { 0xfd0, 0x03330001 }, /*     teqeq   r3, #1                 */
    { 0xfd4, 0x0afffffa }, /*     beq     1b                     */
    { 0xfd8, 0xe2730000 }, /*     rsbs    r0, r3, #0             */
    { 0xfdc, 0xeaffffef }, /*     b       __kuser_memory_barrier */
    /* __kuser_get_tls, as kuser_init leaves it on a CPU with the TLS
     * register: the MRC copied over the software-TLS load; the words at
     * 0xff0-0xff8 (the software TLS value) stay zero. */
    { 0xfe0, 0xee1d0f70 }, /*     mrc     p15, 0, r0, c13, c0, 3 */
    { 0xfe4, 0xe12fff1e }, /*     bx      lr                     */
    { 0xfe8, 0xee1d0f70 }, /*     mrc     p15, 0, r0, c13, c0, 3 */
    { 0xff0, 0 },
    { 0xff4, 0 },
    { 0xff8, 0 },
    /* __kuser_helper_version: (0x1000 - 0xf60) / 32 */
    { 0xffc, 5 },
};

/* sigreturn_codes: mov r7, #NR; swi #(0x900000 | NR) in ARM state (an
 * EABI kernel takes the number from r7 and ignores the immediate, an OABI
 * one the immediate), movs r7, #NR; swi #0 in Thumb state. */
#define ARM_MOV_R7(nr) (0xe3a07000u | (nr))       /* mov  r7, #nr */
#define ARM_SWI_OABI(nr) (0xef900000u | (nr))     /* swi  0x900000 + nr */
#define THUMB_MOVS_R7_SWI0(nr) (0xdf002700u | (nr)) /* movs r7, #nr; swi 0 */
_Static_assert(TARGET_NR_sigreturn < 256 && TARGET_NR_rt_sigreturn < 256, "8-bit immediates");

const uint32_t sigreturn_codes[SIGRETURN_CODE_WORDS] = {
    ARM_MOV_R7(TARGET_NR_sigreturn),
    ARM_SWI_OABI(TARGET_NR_sigreturn),
    THUMB_MOVS_R7_SWI0(TARGET_NR_sigreturn),
    ARM_MOV_R7(TARGET_NR_rt_sigreturn),
    ARM_SWI_OABI(TARGET_NR_rt_sigreturn),
    THUMB_MOVS_R7_SWI0(TARGET_NR_rt_sigreturn),
};

static void fill_page(uint32_t *page)
{
    for (uint32_t i = 0; i < GUEST_PAGE_SIZE / 4; i++)
        page[i] = POISON;
    for (size_t i = 0; i < sizeof(helpers) / sizeof(helpers[0]); i++)
        page[helpers[i].offset / 4] = helpers[i].insn;
    memcpy(&page[(SIGRETURN_CODES - VECTORS_BASE) / 4], sigreturn_codes, sizeof(sigreturn_codes));
}

void kuser_page_map(void)
{
    void *p = mmap(g2h(VECTORS_BASE), GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

    if (p == MAP_FAILED)
        fatal(EXIT_USAGE, NULL, "cannot map the ARM vectors page");
    fill_page(p);
    mprotect(p, GUEST_PAGE_SIZE, PROT_READ);
    page_set_flags(VECTORS_BASE, GUEST_PAGE_SIZE, PAGE_VALID | PAGE_READ | PAGE_SHOWN_READ | PAGE_EXEC);
}
