/*
 * modify_ldt: the process's local descriptor table (arch/x86/kernel/ldt.c).
 * The table itself is the CPU's (op/i386/helper-seg.c: ldt_table), which
 * segment loads, LAR and friends read; here are the kernel's rules for
 * reading and writing it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <pthread.h>
#include <string.h>

#include "guest-user.h"
#include "syscall.h"

/* struct user_desc's bit fields (arch/x86/include/uapi/asm/ldt.h). */
enum {
    UD_SEG_32BIT = 1 << 0,
    UD_CONTENTS_SHIFT = 1,
    UD_READ_EXEC_ONLY = 1 << 3,
    UD_LIMIT_IN_PAGES = 1 << 4,
    UD_SEG_NOT_PRESENT = 1 << 5,
    UD_USEABLE = 1 << 6,
    UD_ALL = 0x7f,
};

#define LDT_ENTRY_SIZE 8

/* Writers take turns; readers (the CPU) see an entry count that only
 * grows after the entry is in place. */
static pthread_mutex_t ldt_lock = PTHREAD_MUTEX_INITIALIZER;

/* read_ldt(): the table, zero-filled up to bytecount (at most the
 * largest table), or 0 when the process never wrote one. */
static abi_long read_ldt(uint32_t ptr, uint32_t bytecount)
{
    uint32_t n = __atomic_load_n(&ldt_entries, __ATOMIC_ACQUIRE);
    uint32_t size = n * LDT_ENTRY_SIZE;
    uint8_t *p;

    if (!n)
        return 0;
    if (bytecount > LDT_ENTRY_SIZE * LDT_ENTRIES)
        bytecount = LDT_ENTRY_SIZE * LDT_ENTRIES;
    if (size > bytecount)
        size = bytecount;
    if (!(p = GUEST_W(ptr, bytecount)))
        return -EFAULT;
    memcpy(p, ldt_table, size);
    memset(p + size, 0, bytecount - size);
    return (abi_long)bytecount;
}

/* read_default_ldt(): 128 zero bytes on a 64-bit kernel. */
static abi_long read_default_ldt(uint32_t ptr, uint32_t bytecount)
{
    uint8_t *p;

    if (bytecount > 128)
        bytecount = 128;
    if (!(p = GUEST_W(ptr, bytecount)))
        return -EFAULT;
    memset(p, 0, bytecount);
    return (abi_long)bytecount;
}

/* LDT_empty(): the request to clear an entry. */
static int ldt_empty(const TargetUserDesc *u)
{
    return u->base_addr == 0 && u->limit == 0 &&
           (u->flags & UD_ALL) == (UD_READ_EXEC_ONLY | UD_SEG_NOT_PRESENT);
}

/* DS and ES holding a selector of the changed table get the new
 * descriptor (refresh_ldt_segments(), 64-bit kernel). */
static void refresh_segments(CPUState *env)
{
    static const int segs[] = {R_DS, R_ES};

    for (unsigned i = 0; i < sizeof(segs) / sizeof(segs[0]); i++)
        if (env->segs[segs[i]].selector & 4)
            cpu_load_seg_nofault(env, segs[i], env->segs[segs[i]].selector);
}

/* An entry that was a code segment: its TBs were translated for its base
 * and D bit under the TB flags of its index (op/i386/cpu.h, HF_CS_LDT),
 * which the new descriptor may not share. */
static void forget_code(uint32_t idx)
{
    const uint32_t *d = ldt_table[idx];
    uint64_t end;

    if (idx >= ldt_entries || (d[1] & 0x1800) != 0x1800) /* S, code */
        return;
    end = (uint64_t)desc_base(d) + desc_limit(d) + 1;
    tb_drop_range(desc_base(d), end > GUEST_TOP ? GUEST_TOP : (uint32_t)end);
}

/* write_ldt(): one entry; oldmode (func 1) clears the AVL bit and takes
 * base = limit = 0 as "clear". */
static abi_long write_ldt(CPUState *env, uint32_t ptr, uint32_t bytecount, int oldmode)
{
    const TargetUserDesc *u;
    uint32_t d[2] = {0, 0}, contents;

    if (bytecount != sizeof(*u))
        return -EINVAL;
    if (!(u = GUEST_R(ptr, sizeof(*u))))
        return -EFAULT;
    contents = (u->flags >> UD_CONTENTS_SHIFT) & 3;
    if (u->entry_number >= LDT_ENTRIES)
        return -EINVAL;
    if (contents == 3 && (oldmode || !(u->flags & UD_SEG_NOT_PRESENT)))
        return -EINVAL;
    if (!((oldmode && !u->base_addr && !u->limit) || ldt_empty(u))) {
        desc_from_user(d, u->base_addr, u->limit,
                       u->flags & (oldmode ? UD_ALL & ~UD_USEABLE : UD_ALL));
    }
    pthread_mutex_lock(&ldt_lock);
    forget_code(u->entry_number);
    ldt_table[u->entry_number][0] = d[0];
    ldt_table[u->entry_number][1] = d[1];
    if (u->entry_number >= ldt_entries)
        __atomic_store_n(&ldt_entries, u->entry_number + 1, __ATOMIC_RELEASE);
    pthread_mutex_unlock(&ldt_lock);
    refresh_segments(env);
    return 0;
}

abi_long sys_modify_ldt(CPUState *env, const uint32_t *a)
{
    switch (a[0]) {
    case 0: return read_ldt(a[1], a[2]);
    case 1: return write_ldt(env, a[1], a[2], 1);
    case 2: return read_default_ldt(a[1], a[2]);
    case 0x11: return write_ldt(env, a[1], a[2], 0);
    default: return -ENOSYS;
    }
}
