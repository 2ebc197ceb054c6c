/*
 * Segments as a 32-bit process on an x86_64 Linux kernel sees them: the
 * descriptor tables, segment register loads and the instructions that
 * read descriptors (LAR, LSL, VERR, VERW).
 *
 * The GDT is the kernel's (arch/x86/include/asm/segment.h, 64-bit):
 * entry 4 is __USER32_CS (0x23), 5 __USER_DS (0x2b), 6 the 64-bit
 * __USER_CS (0x33), 12-14 the thread's TLS slots (set_thread_area), 15
 * the CPUNODE segment (0x7b, whose limit is the CPU and node number,
 * read by the vDSO's getcpu); the rest have DPL 0 or are system
 * descriptors, which CPL 3 can neither load nor inspect.  The LDT is the
 * process's (modify_ldt, linux-user/i386/ldt.c), shared by its threads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "helper.h"

uint32_t ldt_table[LDT_ENTRIES][2];
uint32_t ldt_entries;

/* Descriptor bits (SDM vol. 3, 3.4.5), in the high word. */
#define DESC_TYPE_SHIFT 8
#define DESC_S (1u << 12)        /* code or data, not system */
#define DESC_DPL_SHIFT 13
#define DESC_P (1u << 15)
#define DESC_G (1u << 23)
#define DESC_CODE (1u << 11)     /* type bit 3 */
#define DESC_CONFORMING (1u << 10)
#define DESC_RW (1u << 9)        /* code: readable; data: writable */

/* Fixed GDT entries a process can reach (lo, hi), GDT_ENTRY_INIT of
 * arch/x86/kernel/cpu/common.c. */
static const uint32_t gdt_fixed[][2] = {
    [4] = {0x0000ffff, 0x00cffb00}, /* 32-bit user code */
    [5] = {0x0000ffff, 0x00cff300}, /* user data */
    [6] = {0x0000ffff, 0x00affb00}, /* 64-bit user code (L = 1) */
};
#define GDT_ENTRY_CPUNODE 15

/* fill_ldt() of arch/x86/include/asm/desc.h: the descriptor a struct
 * user_desc stands for (flags as SegDesc keeps them). */
void desc_from_user(uint32_t d[2], uint32_t base, uint32_t limit,
                    uint32_t flags)
{
    uint32_t type = ((~flags >> 3) & 1) << 1 | ((flags >> 1) & 3) << 2 | 1;

    d[0] = (limit & 0xffff) | base << 16;
    d[1] = ((base >> 16) & 0xff) | (base & 0xff000000u) | (limit & 0xf0000) |
           type << DESC_TYPE_SHIFT | DESC_S | 3u << DESC_DPL_SHIFT |
           (flags & 0x20 ? 0 : DESC_P) | (flags & 0x40 ? 1u << 20 : 0) |
           (flags & 1 ? 1u << 22 : 0) | (flags & 0x10 ? DESC_G : 0);
}

/* The CPUNODE descriptor: its limit (the CPU this thread runs on) is the
 * host's own, read with the host's LSL on the same GDT selector. */
static void cpunode_desc(uint32_t d[2])
{
    uint32_t limit = 0;

    __asm__ volatile("lsl %1, %0" : "+r"(limit) : "r"(0x7bu) : "cc");
    d[0] = limit & 0xffff;
    d[1] = 0x0040f500u | (limit & 0xf0000);
}

/* The descriptor `selector` names: 1 and its words, or 0 if the index is
 * beyond its table's limit (#GP). */
static int fetch_desc(const CPUState *env, uint32_t selector, uint32_t d[2])
{
    uint32_t idx = (selector & 0xffff) >> 3;

    d[0] = d[1] = 0;
    if (selector & 4) {
        if (idx >= __atomic_load_n(&ldt_entries, __ATOMIC_ACQUIRE))
            return 0;
        d[0] = ldt_table[idx][0];
        d[1] = ldt_table[idx][1];
        return 1;
    }
    if (idx >= GDT_ENTRIES)
        return 0;
    if (idx >= GDT_ENTRY_TLS_MIN && idx <= GDT_ENTRY_TLS_MAX) {
        const SegDesc *t = &env->gdt[idx];
        if (t->present || t->base || t->limit || t->flags)
            desc_from_user(d, t->base, t->limit, t->flags);
    } else if (idx == GDT_ENTRY_CPUNODE) {
        cpunode_desc(d);
    } else if (idx < sizeof(gdt_fixed) / sizeof(gdt_fixed[0])) {
        d[0] = gdt_fixed[idx][0];
        d[1] = gdt_fixed[idx][1];
    }
    return 1;
}

uint32_t desc_base(const uint32_t d[2])
{
    return d[0] >> 16 | (d[1] & 0xff) << 16 | (d[1] & 0xff000000u);
}

uint32_t desc_limit(const uint32_t d[2])
{
    uint32_t limit = (d[0] & 0xffff) | (d[1] & 0xf0000);

    return (d[1] & DESC_G) ? limit << 12 | 0xfff : limit;
}

static uint32_t desc_dpl(const uint32_t d[2]) { return (d[1] >> DESC_DPL_SHIFT) & 3; }

static void __attribute__((noreturn)) raise_err(CPUState *env, int excp,
                                                uint32_t err)
{
    env->exception_index = excp;
    env->error_code = err;
    cpu_loop_exit(env);
}

/* The segment register cache after a load of `selector` with
 * descriptor d (d = NULL: a null selector). */
static void seg_cache(CPUState *env, int seg, uint32_t selector,
                      const uint32_t *d)
{
    SegCache *c = &env->segs[seg];

    c->selector = selector & 0xffff;
    c->base = d ? desc_base(d) : 0;
    c->limit = d ? desc_limit(d) : 0;
    c->flags = d ? d[1] & 0x00ffff00 : 0;
    env->hflags = cpu_compute_hflags(env);
}

/*
 * MOV/POP/LxS to a segment register at CPL 3 (SDM vol. 2, MOV "protected
 * mode exceptions"; vol. 3, 5.5-5.6): DS, ES, FS and GS take a null
 * selector (an access through it is #GP(0)) or a readable segment of DPL
 * 3 (conforming code of any DPL); SS a writable data segment of DPL 3
 * with RPL 3.  The error code is the selector without its RPL.  A
 * segment not present is #NP (#SS for SS).
 */
void helper_load_seg(CPUState *env, uint32_t seg, uint32_t selector)
{
    uint32_t d[2], err = selector & 0xfffc;

    selector &= 0xffff;
    if ((selector & ~3u) == 0) {
        if (seg == R_SS)
            raise_err(env, EXCP_GPF, 0);
        seg_cache(env, (int)seg, selector, NULL);
        return;
    }
    if (!fetch_desc(env, selector, d) || !(d[1] & DESC_S))
        raise_err(env, EXCP_GPF, err);
    if (seg == R_SS) {
        if ((selector & 3) != 3 || (d[1] & DESC_CODE) || !(d[1] & DESC_RW) ||
            desc_dpl(d) != 3)
            raise_err(env, EXCP_GPF, err);
        if (!(d[1] & DESC_P))
            raise_err(env, EXCP_SS, err);
    } else {
        int code = (d[1] & DESC_CODE) != 0;
        if (code && !(d[1] & DESC_RW))
            raise_err(env, EXCP_GPF, err); /* execute-only */
        if ((!code || !(d[1] & DESC_CONFORMING)) &&
            ((selector & 3) > desc_dpl(d) || desc_dpl(d) != 3))
            raise_err(env, EXCP_GPF, err);
        if (!(d[1] & DESC_P))
            raise_err(env, EXCP_NP, err);
    }
    seg_cache(env, (int)seg, selector, d);
}

/* sigreturn's loadsegment(): a selector that cannot be loaded leaves the
 * register null, as the kernel's exception fixup does.  0 if it loaded.
 * CS (the IRET back to user mode) may be execute-only. */
int cpu_load_seg_nofault(CPUState *env, int seg, uint32_t selector)
{
    uint32_t d[2];

    selector &= 0xffff;
    if ((selector & ~3u) == 0 || !fetch_desc(env, selector, d) ||
        !(d[1] & DESC_S) || !(d[1] & DESC_P) || desc_dpl(d) != 3 ||
        (seg != R_CS && (d[1] & DESC_CODE) && !(d[1] & DESC_RW))) {
        seg_cache(env, seg, (selector & ~3u) == 0 ? selector : 0, NULL);
        return (selector & ~3u) == 0 ? 0 : -1;
    }
    seg_cache(env, seg, selector, d);
    return 0;
}

/* The descriptor LAR/LSL/VERR/VERW may look at, or 0 (ZF := 0): beyond
 * the table, null, or DPL < CPL or RPL for all but conforming code
 * (SDM LAR: only code and data here, the system types of the kernel's
 * descriptors all have DPL 0). */
static int visible_desc(const CPUState *env, uint32_t selector, uint32_t d[2])
{
    selector &= 0xffff;
    if ((selector & ~3u) == 0 || !fetch_desc(env, selector, d) ||
        !(d[1] & DESC_S))
        return 0;
    if ((d[1] & (DESC_CODE | DESC_CONFORMING)) ==
        (DESC_CODE | DESC_CONFORMING))
        return 1;
    return desc_dpl(d) >= 3 && desc_dpl(d) >= (selector & 3);
}

/* ZF := ok, the other flags kept. */
static void set_zf(CPUState *env, int ok)
{
    env->cc_src = (helper_cc_compute_all(env) & ~CC_Z) | (ok ? CC_Z : 0);
    env->cc_op = 0; /* CC_OP_EFLAGS */
}

/* LAR/LSL: T1 := the access rights / limit, T1 unchanged when ZF = 0. */
uint32_t helper_lar(CPUState *env, uint32_t selector, uint32_t old)
{
    uint32_t d[2];
    int ok = visible_desc(env, selector, d);

    set_zf(env, ok);
    return ok ? d[1] & 0x00ffff00 : old;
}

uint32_t helper_lsl(CPUState *env, uint32_t selector, uint32_t old)
{
    uint32_t d[2];
    int ok = visible_desc(env, selector, d);

    set_zf(env, ok);
    return ok ? desc_limit(d) : old;
}

/* VERR: a readable segment; VERW: a writable data segment. */
void helper_verr(CPUState *env, uint32_t selector)
{
    uint32_t d[2];
    int ok = visible_desc(env, selector, d);

    set_zf(env, ok && (!(d[1] & DESC_CODE) || (d[1] & DESC_RW)));
}

void helper_verw(CPUState *env, uint32_t selector)
{
    uint32_t d[2];
    int ok = visible_desc(env, selector, d);

    set_zf(env, ok && !(d[1] & DESC_CODE) && (d[1] & DESC_RW));
}

/* ARPL Ew, Gw (SDM ARPL): raise the destination's RPL to the source's. */
uint32_t helper_arpl(CPUState *env, uint32_t dst, uint32_t src)
{
    int raise = (dst & 3) < (src & 3);

    set_zf(env, raise);
    return raise ? (dst & ~3u) | (src & 3) : dst;
}

/* SLDT: the LDT's selector in the x86_64 kernel's GDT (entry 10) once
 * the process has an LDT (modify_ldt), else null. */
uint32_t helper_sldt(CPUState *env)
{
    (void)env;
    return __atomic_load_n(&ldt_entries, __ATOMIC_ACQUIRE) ? 0x50 : 0;
}

/* ---- Far transfers at CPL 3 ------------------------------------------ */

#define DESC_L (1u << 21) /* 64-bit code (IA-32e mode) */

/*
 * The code segment a far transfer may load into CS at CPL 3 (SDM vol. 2,
 * JMP and CALL "far", RET "protected mode", IRET "return to same privilege
 * level"; vol. 3, 5.8.1): a null selector is #GP(0); a selector beyond its
 * table, a system or data descriptor, or a non-conforming code segment
 * whose DPL is not 3 is #GP(selector); a segment not present is
 * #NP(selector); an EIP beyond the new limit is #GP(0).  RET and IRET
 * also refuse an RPL below 3, a return to an inner level; JMP and CALL
 * take such a selector with its RPL raised to the CPL.  A 64-bit code
 * segment (the kernel's 0x33) switches the process to long mode, which
 * an i386 translator cannot follow (EXCP_LONG_MODE: stitch stops).
 */
static void check_code_target(CPUState *env, uint32_t selector, uint32_t eip,
                              int ret, uint32_t d[2])
{
    uint32_t err = selector & 0xfffc;

    if (!err)
        raise_err(env, EXCP_GPF, 0);
    if (!fetch_desc(env, selector, d) || !(d[1] & DESC_S) || !(d[1] & DESC_CODE))
        raise_err(env, EXCP_GPF, err);
    if (ret && (selector & 3) != 3)
        raise_err(env, EXCP_GPF, err);
    if (!(d[1] & DESC_CONFORMING) && desc_dpl(d) != 3)
        raise_err(env, EXCP_GPF, err);
    if (!(d[1] & DESC_P))
        raise_err(env, EXCP_NP, err);
    if (eip > desc_limit(d))
        raise_err(env, EXCP_GPF, 0);
    if (d[1] & DESC_L)
        raise_err(env, EXCP_LONG_MODE, selector);
}

/* The stack slot of `size` bytes at ESP + off (SS's base added; SP + off
 * wrapping at 64 KiB in a 16-bit stack), within SS's limit (#SS(0)). */
static void *stack_slot(CPUState *env, uint32_t off, uint32_t size, uint32_t write)
{
    off += env->regs[R_ESP];
    if (env->hflags & HF_SS16)
        off &= 0xffff;
    if (env->hflags & HF_SS_LIMITS)
        helper_check_limit(env, R_SS, off, (size - 1) | write);
    return g2h(env->segs[R_SS].base + off);
}

/* ESP += delta; SP alone in a 16-bit stack (SDM vol. 3, 3.4.5). */
static void stack_add(CPUState *env, uint32_t delta)
{
    uint32_t sp = env->regs[R_ESP] + delta;

    if (env->hflags & HF_SS16)
        sp = (env->regs[R_ESP] & 0xffff0000u) | (sp & 0xffff);
    env->regs[R_ESP] = sp;
}

static uint32_t stack_read(CPUState *env, uint32_t off, uint32_t size)
{
    uint32_t v = 0;

    memcpy(&v, stack_slot(env, off, size, 0), size);
    return v;
}

static void enter_code(CPUState *env, uint32_t selector, uint32_t eip,
                       const uint32_t d[2])
{
    seg_cache(env, R_CS, (selector & ~3u) | 3, d);
    env->eip = eip;
}

void helper_far_jmp(CPUState *env, uint32_t selector, uint32_t offset,
                    uint32_t size32)
{
    uint32_t d[2], eip = size32 ? offset : offset & 0xffff;

    check_code_target(env, selector & 0xffff, eip, 0, d);
    enter_code(env, selector, eip, d);
}

/* CALL far: the target is checked before anything is pushed, and the
 * pushes (CS, then the return EIP; CS padded to the operand size) come
 * before any register changes, so a stack fault leaves them all as they
 * were. */
void helper_far_call(CPUState *env, uint32_t selector, uint32_t offset,
                     uint32_t size32)
{
    uint32_t d[2], eip = size32 ? offset : offset & 0xffff, next_eip = env->t2;
    uint32_t size = size32 ? 4 : 2, cs = env->segs[R_CS].selector;

    check_code_target(env, selector & 0xffff, eip, 0, d);
    memcpy(stack_slot(env, -size, size, LIMIT_WRITE), &cs, size);
    memcpy(stack_slot(env, -2 * size, size, LIMIT_WRITE), &next_eip, size);
    stack_add(env, -2 * size);
    enter_code(env, selector, eip, d);
}

/* RET far [imm16]: EIP and CS from the stack, then ESP past them and
 * imm16 more bytes. */
void helper_far_ret(CPUState *env, uint32_t size32, uint32_t extra)
{
    uint32_t d[2], size = size32 ? 4 : 2;
    uint32_t eip = stack_read(env, 0, size);
    uint32_t selector = stack_read(env, size, 2);

    check_code_target(env, selector, eip, 1, d);
    stack_add(env, 2 * size + extra);
    enter_code(env, selector, eip, d);
}

/* IRET to the same level: EIP, CS and EFLAGS from the stack; EFLAGS as
 * POPF loads it at CPL 3 (IF and IOPL kept; with a 16-bit operand size
 * only the low 16 bits).  With EFLAGS.NT set it would be a task return,
 * which IA-32e mode (a 32-bit process on an x86_64 kernel) refuses with
 * #GP(0) (SDM vol. 2, IRET). */
void helper_iret(CPUState *env, uint32_t size32)
{
    uint32_t d[2], size = size32 ? 4 : 2;

    if (env->eflags & NT_MASK)
        raise_err(env, EXCP_GPF, 0);
    uint32_t eip = stack_read(env, 0, size);
    uint32_t selector = stack_read(env, size, 2);
    uint32_t eflags = stack_read(env, 2 * size, size);

    check_code_target(env, selector, eip, 1, d);
    stack_add(env, 3 * size);
    helper_write_eflags(env, eflags, size32 ? 0xffffffffu : 0xffffu);
    enter_code(env, selector, eip, d);
}

/* The checks of a data access (SDM vol. 3, 5.3 and 5.4): every byte's
 * offset up to the limit, or, in an expand-down segment, above it and up
 * to 0xffff or 0xffffffff by the B bit, with no wrap past 4 GiB; a write
 * only to a writable data segment.  #GP(0) otherwise, #SS(0) through SS
 * (SDM vol. 3, 6.15, "Interrupt 12").  XSAVE's area reaches the AVX
 * component (576 + 256 bytes, CPUID leaf 0xD) when EAX asks for it (XCR0
 * has AVX, op/i386/helper-avx.c); the native CPU checks that much even in
 * XSAVEC's compacted form, which puts AVX's state at the same place. */
void helper_check_limit(CPUState *env, uint32_t seg, uint32_t off, uint32_t access)
{
    const SegCache *c = &env->segs[seg];
    uint32_t last = off + (access & LIMIT_EXTENT_MASK);
    int excp = seg == R_SS ? EXCP_SS : EXCP_GPF;

    if ((access & LIMIT_XSAVE) && (env->regs[R_EAX] & 4))
        last += 256;
    if ((access & LIMIT_WRITE) &&
        (c->flags & (SEG_FLAG_CODE | SEG_FLAG_WRITABLE)) != SEG_FLAG_WRITABLE)
        raise_err(env, excp, 0);
    if (last < off)
        raise_err(env, excp, 0);
    if ((c->flags & (DESC_CODE | DESC_CONFORMING)) == DESC_CONFORMING) {
        if (off > c->limit && last <= ((c->flags & SEG_FLAG_D) ? 0xffffffffu : 0xffffu))
            return;
    } else if (last <= c->limit) {
        return;
    }
    raise_err(env, excp, 0);
}
