/*
 * The guest's initial stack, laid out as Linux's create_elf_tables
 * (fs/binfmt_elf.c) does for a 32-bit process.  From the top down:
 *
 *   GUEST_STACK_TOP   ->  4 zero bytes (end marker)
 *                         execfn string               (AT_EXECFN)
 *                         envp strings, argv strings  (argv[0] lowest)
 *                         GUEST_PLATFORM              (AT_PLATFORM)
 *                         16 random bytes             (AT_RANDOM)
 *                         padding to 16 bytes
 *                         auxv pairs ... AT_NULL, 0
 *                         NULL, envp[envc-1] ... envp[0]
 *                         NULL, argv[argc-1] ... argv[0]
 *   initial SP        ->  argc                        (16-byte aligned)
 *
 * The stack occupies [GUEST_STACK_TOP - size, GUEST_STACK_TOP).  0xc0000000
 * is where a 32-bit kernel (3G/1G split) puts the top of the stack, so
 * addresses look familiar; everything above it stays free for mmap.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

#include "target-elf.h"
#include "user.h"

#define MAX_AUXV 24

typedef struct StackBuilder {
    uint32_t p;      /* current lowest used guest address */
    uint32_t bottom; /* lowest address of the stack mapping */
} StackBuilder;

static int push_bytes(StackBuilder *sb, const void *data, size_t len, uint32_t *addr)
{
    if (len > sb->p - sb->bottom)
        return -1;
    sb->p -= (uint32_t)len;
    memcpy(g2h(sb->p), data, len);
    *addr = sb->p;
    return 0;
}

static int push_string(StackBuilder *sb, const char *s, uint32_t *addr)
{
    return push_bytes(sb, s, strlen(s) + 1, addr);
}

static size_t count(char *const v[])
{
    size_t n = 0;

    while (v[n])
        n++;
    return n;
}

/* Push the strings of v[] last to first, so v[0] ends lowest (as execve's
 * copy_strings does), and record their guest addresses in out[]. */
static int push_strings(StackBuilder *sb, char *const v[], size_t n, uint32_t *out)
{
    for (size_t i = n; i-- > 0;)
        if (push_string(sb, v[i], &out[i]) < 0)
            return -1;
    return 0;
}

/*
 * The auxiliary vector, in the kernel's order.  No AT_SYSINFO /
 * AT_SYSINFO_EHDR: without a vDSO glibc makes system calls with the plain
 * system-call instruction, which is the one path the translator implements.
 * AT_HWCAP, AT_HWCAP2 and AT_PLATFORM are the guest's (target-elf.h).
 */
static size_t build_auxv(const ImageInfo *info, uint32_t random, uint32_t platform,
                         uint32_t execfn, uint32_t auxv[][2])
{
    size_t n = 0;
#define AUX(type, val) (auxv[n][0] = (type), auxv[n][1] = (uint32_t)(val), n++)
    AUX(AT_HWCAP, GUEST_HWCAP);
    AUX(AT_PAGESZ, TARGET_PAGE_SIZE);
    AUX(AT_CLKTCK, sysconf(_SC_CLK_TCK));
    AUX(AT_PHDR, info->phdr);
    AUX(AT_PHENT, info->phent);
    AUX(AT_PHNUM, info->phnum);
    AUX(AT_BASE, info->interp_base); /* 0 for static programs */
    AUX(AT_FLAGS, 0);
    AUX(AT_ENTRY, info->entry);
    AUX(AT_UID, getuid());
    AUX(AT_EUID, geteuid());
    AUX(AT_GID, getgid());
    AUX(AT_EGID, getegid());
    AUX(AT_SECURE, 0);
    AUX(AT_RANDOM, random);
    AUX(AT_HWCAP2, GUEST_HWCAP2);
    AUX(AT_EXECFN, execfn);
    AUX(AT_PLATFORM, platform);
    AUX(AT_NULL, 0);
#undef AUX
    return n;
}

/* The word array from argc to AT_NULL, written upward from sp. */
static void write_tables(uint32_t sp, size_t argc, const uint32_t *argv, size_t envc,
                         const uint32_t *envp, uint32_t auxv[][2], size_t nauxv)
{
    uint32_t *w = g2h(sp);

    *w++ = (uint32_t)argc;
    for (size_t i = 0; i < argc; i++)
        *w++ = argv[i];
    *w++ = 0;
    for (size_t i = 0; i < envc; i++)
        *w++ = envp[i];
    *w++ = 0;
    memcpy(w, auxv, nauxv * 2 * sizeof(uint32_t));
}

/* Strings, platform and random bytes; pointers go into argv_a/envp_a. */
static int push_data(StackBuilder *sb, char *const argv[], size_t argc, char *const envp[],
                     size_t envc, const char *execfn, uint32_t *argv_a, uint32_t *envp_a,
                     uint32_t *x)
{
    static const uint32_t end_marker;
    uint8_t rnd[16];
    uint32_t ignored;

    guest_random(rnd, sizeof(rnd));
    if (push_bytes(sb, &end_marker, 4, &ignored) < 0 || push_string(sb, execfn, &x[0]) < 0 ||
        push_strings(sb, envp, envc, envp_a) < 0 || push_strings(sb, argv, argc, argv_a) < 0 ||
        push_string(sb, GUEST_PLATFORM, &x[1]) < 0 || push_bytes(sb, rnd, sizeof(rnd), &x[2]) < 0)
        return -1;
    return 0;
}

/* setup_arg_pages(): the stack is executable with PT_GNU_STACK's PF_X,
 * or without one when READ_IMPLIES_EXEC is set (VM_STACK_DEFAULT_FLAGS;
 * target_mmap adds PROT_EXEC then). */
static int map_stack(uint32_t size, int exec_stack, LoadError *err)
{
    int prot = PROT_READ | PROT_WRITE | (exec_stack > 0 ? PROT_EXEC : 0);
    int32_t r = target_mmap(GUEST_STACK_TOP - size, size, prot,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

    if (is_error(r))
        return load_fail(err, EXIT_USAGE, NULL, "cannot map a guest stack of %u bytes: %s", size,
                         strerror(-r));
    return 0;
}

uint32_t setup_stack(const ImageInfo *info, uint32_t stack_size, char *const argv[],
                     char *const envp[], const char *execfn, LoadError *err)
{
    uint32_t size = (uint32_t)TARGET_PAGE_ALIGN(stack_size);
    StackBuilder sb = { GUEST_STACK_TOP, GUEST_STACK_TOP - size };
    size_t argc = count(argv), envc = count(envp);
    uint32_t argv_a[argc + 1], envp_a[envc + 1], x[3], auxv[MAX_AUXV][2];

    if (size == 0 || size > GUEST_STACK_TOP - GUEST_UNMAPPED_BASE) {
        load_fail(err, EXIT_USAGE, NULL, "bad guest stack size %u", stack_size);
        return 0;
    }
    if (!range_is_free(sb.bottom, size)) {
        load_fail(err, EXIT_NOEXEC, execfn, "program overlaps the guest stack");
        return 0;
    }
    if (map_stack(size, info->exec_stack, err) < 0)
        return 0;
    /* Like execve's E2BIG, but against -s rather than RLIMIT_STACK / 4;
     * one page stays free below the tables for the program's first frames. */
    if (push_data(&sb, argv, argc, envp, envc, execfn, argv_a, envp_a, x) < 0) {
        load_fail(err, EXIT_NOEXEC, execfn, "%s", strerror(E2BIG));
        return 0;
    }
    size_t nauxv = build_auxv(info, x[2], x[1], x[0], auxv);
    uint64_t words = 1 + argc + 1 + envc + 1 + 2 * nauxv;
    uint64_t sp = (((uint64_t)(sb.p & ~15u)) - words * 4) & ~(uint64_t)15;
    if ((int64_t)sp < (int64_t)sb.bottom + TARGET_PAGE_SIZE) {
        load_fail(err, EXIT_NOEXEC, execfn, "%s", strerror(E2BIG));
        return 0;
    }
    write_tables((uint32_t)sp, argc, argv_a, envc, envp_a, auxv, nauxv);
    return (uint32_t)sp;
}
