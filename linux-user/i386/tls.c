/*
 * i386 thread-local storage: set_thread_area / get_thread_area fill the
 * three TLS slots of the GDT (GDT_ENTRY_TLS_MIN..MAX), whose bases %gs
 * (glibc) and %fs then reach, and clone(CLONE_SETTLS) does the same for
 * the new process (arch/x86/kernel/tls.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "guest-user.h"
#include "syscall.h"

/* struct user_desc's bit fields (arch/x86/include/uapi/asm/ldt.h). */
enum {
    UD_SEG_32BIT = 1 << 0,
    UD_CONTENTS = 3 << 1,
    UD_READ_EXEC_ONLY = 1 << 3,
    UD_LIMIT_IN_PAGES = 1 << 4,
    UD_SEG_NOT_PRESENT = 1 << 5,
    UD_USEABLE = 1 << 6,
    UD_ALL = 0x7f,
};

/* LDT_empty / LDT_zero of arch/x86/include/asm/desc.h: a request to clear
 * the slot. */
static int desc_clears(const TargetUserDesc *u)
{
    uint32_t f = u->flags & UD_ALL;

    return u->base_addr == 0 && u->limit == 0 &&
           (f == 0 || f == (UD_READ_EXEC_ONLY | UD_SEG_NOT_PRESENT));
}

static int free_tls_slot(const CPUState *env)
{
    for (int i = GDT_ENTRY_TLS_MIN; i <= GDT_ENTRY_TLS_MAX; i++) {
        const SegDesc *d = &env->gdt[i];
        if (!d->present && !d->base && !d->limit && !d->flags)
            return i;
    }
    return -1;
}

/* A segment register already holding this selector sees the new base at
 * once: the kernel reloads %fs/%gs after changing their descriptor
 * (arch/x86/kernel/tls.c, do_set_thread_area). */
static void reload_segments(CPUState *env, int idx)
{
    uint32_t sel = ((uint32_t)idx << 3) | 3;

    for (int s = 0; s < NB_SEGS; s++)
        if ((env->segs[s].selector | 3) == sel)
            cpu_load_seg_nofault(env, s, env->segs[s].selector);
}

abi_long sys_set_thread_area(CPUState *env, const uint32_t *a)
{
    TargetUserDesc *u = GUEST_W(a[0], sizeof(*u));
    int idx;

    if (!u)
        return -EFAULT;
    idx = (int32_t)u->entry_number;
    if (idx == -1) {
        idx = free_tls_slot(env);
        if (idx < 0)
            return -ESRCH;
        u->entry_number = (uint32_t)idx;
    }
    if (idx < GDT_ENTRY_TLS_MIN || idx > GDT_ENTRY_TLS_MAX)
        return -EINVAL;
    SegDesc *d = &env->gdt[idx];
    if (desc_clears(u)) {
        memset(d, 0, sizeof(*d));
    } else {
        /* tls_desc_okay(): 32-bit data segments only. */
        if (!(u->flags & UD_SEG_32BIT) || (u->flags & UD_CONTENTS) > (1 << 1))
            return -EINVAL;
        d->base = u->base_addr;
        d->limit = u->limit;
        d->flags = u->flags & UD_ALL;
        d->present = !(u->flags & UD_SEG_NOT_PRESENT);
    }
    reload_segments(env, idx);
    return 0;
}

abi_long sys_get_thread_area(CPUState *env, const uint32_t *a)
{
    TargetUserDesc *u = GUEST_W(a[0], sizeof(*u));

    if (!u)
        return -EFAULT;
    int idx = (int32_t)u->entry_number;
    if (idx < GDT_ENTRY_TLS_MIN || idx > GDT_ENTRY_TLS_MAX)
        return -EINVAL;
    const SegDesc *d = &env->gdt[idx];
    u->base_addr = d->base;
    u->limit = d->limit;
    /* An unused slot reads back as LDT_empty, as the kernel's fill_user_desc. */
    u->flags = d->present || d->flags ? d->flags : UD_READ_EXEC_ONLY | UD_SEG_NOT_PRESENT;
    return 0;
}

/* clone's tls argument points to a struct user_desc, as for
 * set_thread_area (arch/x86/kernel/process.c, copy_thread). */
int32_t cpu_set_tls(CPUState *env, uint32_t tls)
{
    const uint32_t arg[6] = { tls };

    return sys_set_thread_area(env, arg);
}
