/*
 * The i386 side of linux-user's guest hooks (linux-user/guest-user.h):
 * the system-call convention (EAX, EBX..EBP, EIP back over int $0x80),
 * clone's argument order, the start_thread state, the stack pointer, and
 * clone's TLS argument.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <criterion/criterion.h>
#include <string.h>
#include <sys/mman.h>

#include "guest-user.h"
#include "syscall.h"
#include "target-elf.h"

static CPUState env;

Test(guest_user, syscall_args_come_from_eax_and_ebx_to_ebp)
{
    int nr;
    uint32_t a[6];

    memset(&env, 0, sizeof(env));
    env.regs[R_EAX] = 0xffffffffu;
    env.regs[R_EBX] = 1, env.regs[R_ECX] = 2, env.regs[R_EDX] = 3;
    env.regs[R_ESI] = 4, env.regs[R_EDI] = 5, env.regs[R_EBP] = 6;
    env.regs[R_ESP] = 99;
    syscall_get_nr_args(&env, &nr, a);
    cr_expect_eq(nr, -1, "the number is a signed int");
    for (int i = 0; i < 6; i++)
        cr_expect_eq(a[i], (uint32_t)i + 1, "argument %d", i);
}

Test(guest_user, result_goes_to_eax_and_restart_rewinds_int_0x80)
{
    memset(&env, 0, sizeof(env));
    env.eip = 0x08049002;
    syscall_set_return(&env, -4);
    cr_expect_eq(env.regs[R_EAX], (uint32_t)-4);
    cr_expect_eq(env.eip, 0x08049002, "the PC stays past the instruction");
    syscall_restart(&env, 162);
    cr_expect_eq(env.regs[R_EAX], 162, "the number back in EAX");
    cr_expect_eq(env.eip, 0x08049000, "back over the 2-byte int $0x80");
}

Test(guest_user, clone_arguments_are_backwards)
{
    const uint32_t a[6] = { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66 };
    GuestCloneArgs c;

    syscall_clone_args(a, &c);
    cr_expect_eq(c.flags, 0x11);
    cr_expect_eq(c.newsp, 0x22);
    cr_expect_eq(c.parent_tid, 0x33);
    cr_expect_eq(c.tls, 0x44);
    cr_expect_eq(c.child_tid, 0x55);
}

Test(guest_user, process_starts_as_start_thread_leaves_it)
{
    memset(&env, 0, sizeof(env));
    cpu_init_process(&env, 0x08049100, 0xbffff000);
    cr_expect_eq(cpu_get_pc(&env), 0x08049100);
    cr_expect_eq(cpu_get_sp(&env), 0xbffff000);
    cr_expect_eq(env.regs[R_ESP], 0xbffff000);
    cr_expect_eq(env.eflags, IF_MASK | 0x2);
    cr_expect_eq(env.df, 1, "direction flag clear (string ops go up)");
    cr_expect_eq(env.segs[R_CS].selector, 0x23);
    cr_expect_eq(env.segs[R_DS].selector, 0x2b);
    cr_expect_eq(env.segs[R_ES].selector, 0x2b);
    cr_expect_eq(env.segs[R_SS].selector, 0x2b);
    cpu_set_sp(&env, 0x1234);
    cr_expect_eq(env.regs[R_ESP], 0x1234);
}

/* clone(CLONE_SETTLS)'s argument is a struct user_desc, as for
 * set_thread_area: a free slot is picked and written back. */
Test(guest_user, clone_tls_is_a_user_desc)
{
    cr_assert_eq(mmap_init(), 0);
    uint32_t mem = (uint32_t)target_mmap(0, 4096, PROT_READ | PROT_WRITE,
                                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    cr_assert(!is_error((int32_t)mem));
    TargetUserDesc *u = g2h(mem);
    *u = (TargetUserDesc){ 0xffffffffu, 0x5000, 0xfffff, 0x51 };

    memset(&env, 0, sizeof(env));
    cr_assert_eq(cpu_set_tls(&env, mem), 0);
    cr_expect_eq(u->entry_number, GDT_ENTRY_TLS_MIN);
    cr_expect_eq(env.gdt[GDT_ENTRY_TLS_MIN].base, 0x5000);
    cr_expect_eq(cpu_set_tls(&env, 0x1000), -EFAULT);
}

/* What the shared loader and stack take from target-elf.h. */
Test(guest_user, elf_identity_and_auxv_values)
{
    cr_expect_eq(GUEST_ELF_MACHINE, EM_386);
    cr_expect_eq(GUEST_ELF_DATA, ELFDATA2LSB);
    cr_expect_eq(GUEST_HWCAP, CPUID_1_EDX_FEATURES);
    cr_expect_str_eq(GUEST_PLATFORM, "i686");
    cr_expect_str_eq(GUEST_UNAME_MACHINE, "i686");
}
