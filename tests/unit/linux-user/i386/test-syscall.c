/*
 * System calls through do_syscall, as the CPU loop makes them: number in
 * EAX, arguments in EBX..EBP, result or -errno in EAX; guest structures
 * converted; bad guest pointers give -EFAULT instead of crashing stitch.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <asm/unistd_32.h>
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "exec.h"
#include "syscall.h"

static CPUState env;
static ThreadState thread; /* the calling thread's (self) */
static uint32_t scratch; /* a writable guest page */

static void setup(void)
{
    cr_assert_eq(mmap_init(), 0);
    memset(&env, 0, sizeof(env));
    self = &thread;
    thread.env = &env;
    scratch = (uint32_t)target_mmap(0, 65536, PROT_READ | PROT_WRITE,
                                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    cr_assert(!is_error((int32_t)scratch));
}

TestSuite(syscall, .init = setup);

static int32_t sys(int nr, uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
    env.regs[R_EAX] = (uint32_t)nr;
    env.regs[R_EBX] = a;
    env.regs[R_ECX] = b;
    env.regs[R_EDX] = c;
    env.regs[R_ESI] = d;
    do_syscall(&env);
    return (int32_t)env.regs[R_EAX];
}

static uint32_t put_str(uint32_t at, const char *s)
{
    strcpy(g2h(at), s);
    return at;
}

Test(syscall, unknown_is_enosys)
{
    cr_expect_eq(sys(__NR_vm86, 0, 0, 0, 0), -ENOSYS);
    cr_expect_eq(sys(9999, 0, 0, 0, 0), -ENOSYS);
    cr_expect_eq(sys(-1, 0, 0, 0, 0), -ENOSYS);
}

Test(syscall, write_and_read_through_a_pipe)
{
    int32_t r = sys(__NR_pipe, scratch, 0, 0, 0);
    int fds[2];

    cr_assert_eq(r, 0);
    memcpy(fds, g2h(scratch), sizeof(fds));
    put_str(scratch + 100, "hello");
    cr_expect_eq(sys(__NR_write, fds[1], scratch + 100, 5, 0), 5);
    cr_expect_eq(sys(__NR_read, fds[0], scratch + 200, 64, 0), 5);
    cr_expect_eq(memcmp(g2h(scratch + 200), "hello", 5), 0);
    close(fds[0]);
    close(fds[1]);
}

Test(syscall, bad_pointers_are_efault)
{
    cr_expect_eq(sys(__NR_write, 1, 0x1000, 5, 0), -EFAULT, "unmapped buffer");
    /* Linux writes to a file what is readable before the bad page. */
    FILE *f = tmpfile();
    int zero = open("/dev/zero", O_RDONLY);
    cr_assert(f);
    cr_expect_eq(sys(__NR_write, fileno(f), scratch + 65536 - 2, 5, 0), 2, "runs off the mapping");
    fclose(f);
    cr_expect_eq(sys(__NR_read, zero, 0xfffffff0, 64, 0), -EFAULT, "past the window");
    close(zero);
    cr_expect_eq(sys(__NR_open, 0x1234, O_RDONLY, 0, 0), -EFAULT, "path in unmapped memory");
    cr_expect_eq(sys(__NR_uname, 0, 0, 0, 0), -EFAULT);
    cr_expect_eq(sys(__NR_set_thread_area, 0x2000, 0, 0, 0), -EFAULT);
    cr_expect_eq(sys(__NR_clock_gettime, 0, 0x3000, 0, 0), -EFAULT);
}

Test(syscall, read_only_guest_memory_is_not_written)
{
    uint32_t ro = (uint32_t)target_mmap(0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    cr_expect_eq(sys(__NR_uname, ro, 0, 0, 0), -EFAULT);
}

Test(syscall, open_stat64_close)
{
    uint32_t path = put_str(scratch, "/proc/self/exe");
    TargetStat64 *st = g2h(scratch + 1024);
    struct stat host;

    cr_assert_eq(sys(__NR_stat64, path, scratch + 1024, 0, 0), 0);
    stat("/proc/self/exe", &host);
    cr_expect_eq(st->st_size, host.st_size);
    cr_expect_eq(st->st_ino, host.st_ino);
    cr_expect_eq(st->st_mode, host.st_mode);
    int32_t fd = sys(__NR_open, path, O_RDONLY, 0, 0);
    cr_assert_geq(fd, 0);
    cr_expect_eq(sys(__NR_close, fd, 0, 0, 0), 0);
    cr_expect_eq(sys(__NR_close, fd, 0, 0, 0), -EBADF);
    cr_expect_eq(sys(__NR_open, put_str(scratch, "/nonexistent"), O_RDONLY, 0, 0), -ENOENT);
}

Test(syscall, llseek_returns_64bit_offset)
{
    int fd = open("/proc/self/exe", O_RDONLY);

    cr_assert_eq(sys(__NR__llseek, fd, 0, 100, scratch), 0);
    cr_expect_eq(*(int64_t *)g2h(scratch), 100);
    cr_expect_eq(sys(__NR_lseek, fd, 10, SEEK_CUR, 0), 110);
    close(fd);
}

Test(syscall, set_thread_area_allocates_a_tls_slot)
{
    TargetUserDesc *u = g2h(scratch);

    *u = (TargetUserDesc){ 0xffffffffu, 0x12345000, 0xfffff, 0x51 /* 32bit, pages, useable */ };
    cr_assert_eq(sys(__NR_set_thread_area, scratch, 0, 0, 0), 0);
    cr_expect_eq(u->entry_number, GDT_ENTRY_TLS_MIN, "first free slot written back");
    cr_expect_eq(env.gdt[GDT_ENTRY_TLS_MIN].base, 0x12345000);
    cr_expect(env.gdt[GDT_ENTRY_TLS_MIN].present);

    /* %gs already loaded with that selector sees the new base. */
    env.segs[R_GS].selector = (GDT_ENTRY_TLS_MIN << 3) | 3;
    *u = (TargetUserDesc){ GDT_ENTRY_TLS_MIN, 0x2000, 0xfffff, 0x51 };
    cr_assert_eq(sys(__NR_set_thread_area, scratch, 0, 0, 0), 0);
    cr_expect_eq(env.segs[R_GS].base, 0x2000);

    *u = (TargetUserDesc){ 0xffffffffu, 0x3000, 0xfffff, 0x51 };
    cr_assert_eq(sys(__NR_set_thread_area, scratch, 0, 0, 0), 0);
    cr_expect_eq(u->entry_number, GDT_ENTRY_TLS_MIN + 1);

    u->entry_number = GDT_ENTRY_TLS_MIN;
    u->base_addr = 0;
    cr_assert_eq(sys(__NR_get_thread_area, scratch, 0, 0, 0), 0);
    cr_expect_eq(u->base_addr, 0x2000);

    u->entry_number = 2;
    cr_expect_eq(sys(__NR_set_thread_area, scratch, 0, 0, 0), -EINVAL);
}

Test(syscall, uname_reports_i686)
{
    cr_assert_eq(sys(__NR_uname, scratch, 0, 0, 0), 0);
    cr_expect_str_eq((char *)g2h(scratch) + 4 * 65, "i686");
}

Test(syscall, readlink_proc_self_exe_names_the_guest)
{
    strcpy(task.exe_path, "/tmp/guest-program");
    put_str(scratch, "/proc/self/exe");
    cr_expect_eq(sys(__NR_readlink, scratch, scratch + 100, 4096, 0), 18);
    cr_expect_eq(memcmp(g2h(scratch + 100), "/tmp/guest-program", 18), 0);
    cr_expect_eq(sys(__NR_readlink, scratch, scratch + 100, 4, 0), 4, "truncated like readlink");
}

Test(syscall, ugetrlimit_converts_infinity)
{
    struct rlimit saved;
    getrlimit(RLIMIT_CORE, &saved);
    struct rlimit inf = { RLIM_INFINITY, RLIM_INFINITY };
    if (setrlimit(RLIMIT_CORE, &inf) < 0)
        return; /* not allowed here: nothing to check */
    cr_assert_eq(sys(__NR_ugetrlimit, RLIMIT_CORE, scratch, 0, 0), 0);
    cr_expect_eq(((TargetRlimit *)g2h(scratch))->rlim_cur, 0xffffffffu);
    cr_assert_eq(sys(__NR_getrlimit, RLIMIT_CORE, scratch, 0, 0), 0);
    cr_expect_eq(((TargetRlimit *)g2h(scratch))->rlim_max, 0x7fffffffu);
    setrlimit(RLIMIT_CORE, &saved);
}

Test(syscall, clock_gettime_fills_timespec32)
{
    cr_assert_eq(sys(__NR_clock_gettime, CLOCK_REALTIME, scratch, 0, 0), 0);
    TargetTimespec *ts = g2h(scratch);
    cr_expect_gt(ts->tv_sec, 1600000000);
    cr_expect_lt(ts->tv_nsec, 1000000000);
}

Test(syscall, writev_gathers_iovec32)
{
    int fds[2];
    char buf[16] = { 0 };
    TargetIovec *iov = g2h(scratch);

    cr_assert_eq(pipe(fds), 0);
    put_str(scratch + 100, "abc");
    put_str(scratch + 200, "defg");
    iov[0] = (TargetIovec){ scratch + 100, 3 };
    iov[1] = (TargetIovec){ scratch + 200, 4 };
    cr_expect_eq(sys(__NR_writev, fds[1], scratch, 2, 0), 7);
    cr_expect_eq(read(fds[0], buf, sizeof(buf)), 7);
    cr_expect_str_eq(buf, "abcdefg");
    iov[1].iov_base = 0x5000;
    cr_expect_eq(sys(__NR_writev, fds[1], scratch, 2, 0), -EFAULT);
}

Test(syscall, mmap2_and_brk_through_the_table)
{
    int32_t a = sys(__NR_mmap2, 0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
    cr_expect(!is_error(a));
    cr_expect(guest_range_ok((uint32_t)a, 8192, PAGE_WRITE));
    cr_expect_eq(sys(__NR_munmap, (uint32_t)a, 8192, 0, 0), 0);
    cr_expect_not(guest_range_ok((uint32_t)a, 1, PAGE_READ));
}

Test(syscall, rt_sigaction_records_and_returns_old)
{
    GuestSigaction *act = g2h(scratch), *old = g2h(scratch + 64);

    *act = (GuestSigaction){ 0x8049100, 0x4000000, 0x8049200, 0 };
    cr_assert_eq(sys(__NR_rt_sigaction, SIGUSR1, scratch, 0, 8), 0);
    cr_assert_eq(sys(__NR_rt_sigaction, SIGUSR1, 0, scratch + 64, 8), 0);
    cr_expect_eq(old->handler, 0x8049100);
    cr_expect_eq(sys(__NR_rt_sigaction, SIGKILL, scratch, 0, 8), -EINVAL);
    cr_expect_eq(sys(__NR_rt_sigaction, SIGUSR1, scratch, 0, 4), -EINVAL);
}

Test(syscall, exit_group_exits_with_status, .exit_code = 42)
{
    sys(__NR_exit_group, 42, 0, 0, 0);
}

Test(syscall, self_sent_sigterm_kills_with_the_signal, .signal = SIGTERM, .init = cr_redirect_stderr)
{
    sys(__NR_kill, (uint32_t)getpid(), SIGTERM, 0, 0);
}

/* These go to the host through syscall(SYS_...): they must use the host's
 * numbers, not the guest's (a header mix-up once sent statx to ENOSYS). */
Test(syscall, raw_host_calls_use_host_numbers)
{
    struct stat host;
    char cwd[4096];

    stat("/proc/self/exe", &host);
    put_str(scratch, "/proc/self/exe");
    cr_assert_eq(sys(__NR_statx, (uint32_t)AT_FDCWD, scratch, 0, 0x7ff), -EFAULT, "no buffer");
    env.regs[R_EDI] = scratch + 1024;
    cr_assert_eq(sys(__NR_statx, (uint32_t)AT_FDCWD, scratch, 0, 0x7ff), 0);
    cr_expect_eq(((struct statx *)g2h(scratch + 1024))->stx_size, (uint64_t)host.st_size);

    cr_assert_not_null(getcwd(cwd, sizeof(cwd)));
    cr_expect_eq(sys(__NR_getcwd, scratch, 4096, 0, 0), (int32_t)strlen(cwd) + 1,
                 "the raw call returns the length with the NUL");
    cr_expect_str_eq((char *)g2h(scratch), cwd);

    int32_t fd = sys(__NR_open, put_str(scratch, "/"), O_RDONLY | O_DIRECTORY, 0, 0);
    cr_assert_geq(fd, 0);
    cr_expect_gt(sys(__NR_getdents64, fd, scratch, 4096, 0), 0);
    close(fd);
}

/* Below vm.mmap_min_addr a MAP_FIXED mapping needs CAP_SYS_RAWIO
 * (security/commoncap.c cap_mmap_addr): EPERM without it. */
Test(syscall, mmap_fixed_below_min_addr_needs_cap_sys_rawio)
{
    FILE *f = fopen("/proc/self/status", "r");
    unsigned long cap = 0;
    char line[128];

    cr_assert(f);
    while (fgets(line, sizeof(line), f))
        sscanf(line, "CapEff: %lx", &cap);
    fclose(f);
    if (guest_min_addr < 4096)
        return; /* nothing is below it */
    uint32_t low = guest_min_addr - 4096;
    int32_t r = sys(__NR_mmap2, low, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED);
    cr_expect_eq(r, (cap >> 17) & 1 ? (int32_t)low : -EPERM);
}

/* The old i386 mmap takes a pointer to its six arguments. */
Test(syscall, old_mmap_reads_its_argument_block)
{
    uint32_t *args = g2h(scratch);

    args[0] = 0, args[1] = 8192, args[2] = PROT_READ, args[3] = MAP_PRIVATE | MAP_ANONYMOUS;
    args[4] = (uint32_t)-1, args[5] = 0;
    int32_t a = sys(__NR_mmap, scratch, 0, 0, 0);
    cr_assert(!is_error(a));
    cr_expect(guest_range_ok((uint32_t)a, 8192, PAGE_READ));
    cr_expect_eq(sys(__NR_mmap, 0x4000, 0, 0, 0), -EFAULT);
}

/* -L: absolute paths that exist under the prefix are taken from there. */
Test(syscall, ld_prefix_redirects_absolute_paths)
{
    char dir[] = "/tmp/stitch-test-prefix-XXXXXX", file[128];

    cr_assert_not_null(mkdtemp(dir));
    snprintf(file, sizeof(file), "%s/etc", dir);
    mkdir(file, 0755);
    snprintf(file, sizeof(file), "%s/etc/only-in-prefix", dir);
    close(open(file, O_CREAT | O_WRONLY, 0644));
    task.ld_prefix = dir;

    int32_t fd = sys(__NR_open, put_str(scratch, "/etc/only-in-prefix"), O_RDONLY, 0, 0);
    cr_expect_geq(fd, 0, "found under the prefix");
    cr_expect_geq(sys(__NR_open, put_str(scratch, "/etc/passwd"), O_RDONLY, 0, 0), 0,
                  "falls through to the host when absent from the prefix");
    unlink(file);
    snprintf(file, sizeof(file), "%s/etc", dir);
    rmdir(file);
    rmdir(dir);
}

/* A 32-bit readdir fails with EOVERFLOW on offsets past 2^31: whatever the
 * file system, the guest only ever sees offsets that fit, and seeking to
 * one of them lands on the same entry. */
Test(syscall, directory_offsets_fit_32_bits)
{
    int32_t fd = sys(__NR_open, put_str(scratch, "/"), O_RDONLY | O_DIRECTORY, 0, 0);
    int32_t n = sys(__NR_getdents64, fd, scratch, 4096, 0);
    uint64_t second = 0;

    cr_assert_gt(n, 0);
    for (int32_t p = 0; p < n;) {
        uint64_t off;
        uint16_t reclen;
        memcpy(&off, (char *)g2h(scratch) + p + 8, 8);
        memcpy(&reclen, (char *)g2h(scratch) + p + 16, 2);
        cr_expect_leq(off, 0x7fffffffu);
        if (p == 0)
            second = off;
        p += reclen;
    }
    /* Entry 1's name; seeking to entry 0's d_off must find it again. */
    char name[256];
    uint16_t reclen0;
    memcpy(&reclen0, (char *)g2h(scratch) + 16, 2);
    strcpy(name, (char *)g2h(scratch) + reclen0 + 19);
    env.regs[R_EDI] = SEEK_SET;
    cr_assert_eq(sys(__NR__llseek, fd, 0, (uint32_t)second, scratch + 8192), 0);
    cr_assert_gt(sys(__NR_getdents64, fd, scratch, 4096, 0), 0);
    cr_expect_str_eq((char *)g2h(scratch) + 19, name);
    close(fd);
}
