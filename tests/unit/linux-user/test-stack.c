/*
 * The initial stack follows Linux's create_elf_tables: argc, argv[],
 * NULL, envp[], NULL, auxv with the entries glibc needs (and no vDSO),
 * strings above, the stack pointer 16-byte aligned.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <criterion/criterion.h>
#include <elf.h>
#include <string.h>

#include "target-elf.h"
#include "user.h"

static uint32_t word(uint32_t addr)
{
    uint32_t v;
    memcpy(&v, g2h(addr), 4);
    return v;
}

static const char *str(uint32_t addr)
{
    return guest_string(addr);
}

/* The value of auxv entry `type`, or ~0 when absent. */
static uint32_t auxv_get(uint32_t auxv, uint32_t type)
{
    for (uint32_t p = auxv; word(p) != AT_NULL; p += 8)
        if (word(p) == type)
            return word(p + 4);
    return ~0u;
}

Test(stack, layout_matches_create_elf_tables)
{
    char *argv[] = { "/bin/prog", "one", "two", NULL };
    char *envp[] = { "A=1", "HOME=/root", NULL };
    ImageInfo info = { .entry = 0x8049000, .phdr = 0x8048034, .phnum = 7, .phent = 32 };
    LoadError err;

    cr_assert_eq(mmap_init(), 0);
    uint32_t sp = setup_stack(&info, 1 << 20, argv, envp, "/bin/prog", &err);
    cr_assert_neq(sp, 0, "%s", err.why);
    cr_expect_eq(sp % 16, 0, "the stack pointer is 16-byte aligned at entry");
    cr_expect(sp < GUEST_STACK_TOP && sp > GUEST_STACK_TOP - (1 << 20));

    cr_assert_eq(word(sp), 3, "argc");
    cr_expect_str_eq(str(word(sp + 4)), "/bin/prog");
    cr_expect_str_eq(str(word(sp + 12)), "two");
    cr_expect_eq(word(sp + 16), 0, "argv terminator");
    cr_expect_str_eq(str(word(sp + 20)), "A=1");
    cr_expect_str_eq(str(word(sp + 24)), "HOME=/root");
    cr_expect_eq(word(sp + 28), 0, "envp terminator");

    uint32_t auxv = sp + 32;
    cr_expect_eq(auxv_get(auxv, AT_PHDR), 0x8048034);
    cr_expect_eq(auxv_get(auxv, AT_PHNUM), 7);
    cr_expect_eq(auxv_get(auxv, AT_PHENT), 32);
    cr_expect_eq(auxv_get(auxv, AT_ENTRY), 0x8049000);
    cr_expect_eq(auxv_get(auxv, AT_PAGESZ), 4096);
    cr_expect_eq(auxv_get(auxv, AT_BASE), 0);
    cr_expect_eq(auxv_get(auxv, AT_HWCAP), GUEST_HWCAP);
    cr_expect_eq(auxv_get(auxv, AT_HWCAP2), GUEST_HWCAP2);
    cr_expect_eq(auxv_get(auxv, AT_SECURE), 0);
    cr_expect_str_eq(str(auxv_get(auxv, AT_PLATFORM)), GUEST_PLATFORM);
    cr_expect_str_eq(str(auxv_get(auxv, AT_EXECFN)), "/bin/prog");
    cr_expect(guest_range_ok(auxv_get(auxv, AT_RANDOM), 16, PAGE_READ));
    cr_expect_eq(auxv_get(auxv, AT_SYSINFO), ~0u, "no vDSO entry point");
    cr_expect_eq(auxv_get(auxv, AT_SYSINFO_EHDR), ~0u, "no vDSO");
    /* Strings lie above the tables, argv[0] lowest. */
    cr_expect_gt(word(sp + 4), auxv);
    cr_expect_lt(word(sp + 4), word(sp + 8));
}

Test(stack, too_small_for_the_arguments)
{
    static char big[70000];
    char *argv[] = { "p", big, NULL };
    char *envp[] = { NULL };
    ImageInfo info = { 0 };
    LoadError err;

    memset(big, 'x', sizeof(big) - 1);
    cr_assert_eq(mmap_init(), 0);
    cr_expect_eq(setup_stack(&info, 65536, argv, envp, "p", &err), 0);
    cr_expect_eq(err.status, 126);
    cr_expect_str_eq(err.why, "Argument list too long");
}
