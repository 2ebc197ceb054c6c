/*
 * stitch-<guest>'s main(): the qemu-user command line (BRIEF section 4), then
 * the start-up sequence of a guest process:
 *
 *   reserve the guest window -> load the ELF -> build the stack ->
 *   set up the CPU state -> exec_init -> cpu_loop (never returns)
 *
 * Only main() and the option handling live here; everything a unit test may
 * want is in the other linux-user files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "exec.h"
#include "guest-user.h"
#include "log.h"
#include "stats.h"
#include "target-elf.h"
#include "user.h"

#define STITCH_VERSION "0.1"

extern char **environ;

static struct {
    uint32_t stack_size;
    size_t tb_size;
    char **env;     /* the guest's environment, NULL-terminated */
    size_t envc;
    const char *argv0; /* -0: the guest's argv[0], if not the program path */
} cfg = { .stack_size = GUEST_STACK_SIZE_DEFAULT };

/* ---- The guest environment: host environ edited by -E / -U ------------ */

static size_t env_find(const char *name, size_t len)
{
    for (size_t i = 0; i < cfg.envc; i++)
        if (!strncmp(cfg.env[i], name, len) && cfg.env[i][len] == '=')
            return i;
    return cfg.envc;
}

static void env_init(void)
{
    size_t n = 0;

    while (environ[n])
        n++;
    cfg.env = malloc((n + 1) * sizeof(char *));
    if (!cfg.env)
        fatal(EXIT_USAGE, NULL, "out of memory");
    memcpy(cfg.env, environ, (n + 1) * sizeof(char *));
    cfg.envc = n;
}

static void env_set(const char *assignment)
{
    const char *eq = strchr(assignment, '=');

    if (!eq || eq == assignment)
        fatal(EXIT_USAGE, NULL, "-E wants var=value, not '%s'", assignment);
    size_t i = env_find(assignment, eq - assignment);
    if (i == cfg.envc) {
        char **grown = realloc(cfg.env, (cfg.envc + 2) * sizeof(char *));
        if (!grown)
            fatal(EXIT_USAGE, NULL, "out of memory");
        cfg.env = grown;
        cfg.env[++cfg.envc] = NULL;
    }
    cfg.env[i] = (char *)assignment;
}

static void env_unset(const char *name)
{
    size_t i = env_find(name, strlen(name));

    if (i < cfg.envc) {
        memmove(&cfg.env[i], &cfg.env[i + 1], (cfg.envc - i) * sizeof(char *));
        cfg.envc--;
    }
}

/* ---- Options: one table; parsing and -h both come from it ------------- */

/* "8M", "512k", "65536": bytes, or 0 when malformed. */
static uint64_t parse_size(const char *s)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);

    if (errno || end == s || *s == '-')
        return 0;
    switch (*end) {
    case 'k': case 'K': v <<= 10, end++; break;
    case 'm': case 'M': v <<= 20, end++; break;
    case 'g': case 'G': v <<= 30, end++; break;
    }
    return *end ? 0 : v;
}

static void opt_L(const char *a) { task.ld_prefix = a; }
static void opt_0(const char *a) { cfg.argv0 = a; }
static void opt_E(const char *a) { env_set(a); }
static void opt_U(const char *a) { env_unset(a); }
static void opt_strace(const char *a) { (void)a; task.strace = 1; }
static void opt_stats(const char *a) { (void)a; stats_enabled = 1; }
static void opt_no_chain(const char *a) { (void)a; exec_no_chain = 1; }

static void opt_s(const char *a)
{
    uint64_t v = parse_size(a);

    if (v == 0 || v > GUEST_STACK_TOP - GUEST_UNMAPPED_BASE)
        fatal(EXIT_USAGE, NULL, "invalid stack size '%s'", a);
    cfg.stack_size = (uint32_t)v;
}

static void opt_d(const char *a)
{
    unsigned mask;

    if (!strcmp(a, "help")) {
        log_print_help(stdout);
        exit(0);
    }
    if (log_parse_items(a, &mask) < 0)
        fatal(EXIT_USAGE, NULL, "unknown -d item in '%s' (try -d help)", a);
    stitch_loglevel = mask;
}

/*
 * The log file's descriptor is moved high, out of the numbers a guest
 * normally uses, so that guest fds and stitch's log do not collide (and
 * sys_close keeps the guest from closing it).
 */
#define LOG_FD_MIN 512

/* stitch's own stderr (the -d log by default, -strace, --stats): a copy
 * of fd 2 moved high in the same way, so that a guest that closes its
 * stderr, or opens a file that gets number 2, neither silences stitch nor
 * receives its lines (xz closes fd 2 before exiting, for one). */
static FILE *private_stderr(void)
{
    int high = fcntl(2, F_DUPFD_CLOEXEC, LOG_FD_MIN);
    FILE *f = high < 0 ? NULL : fdopen(high, "w");

    if (!f) {
        if (high >= 0)
            close(high);
        return stderr;
    }
    setvbuf(f, NULL, _IONBF, 0); /* as stderr: in step with the guest's output */
    return f;
}

static void opt_D(const char *a)
{
    /* O_APPEND: the processes of a guest that forks and execs all write
     * to it (execve passes it on as /proc/self/fd/N, not truncated). */
    int inherited = !strncmp(a, "/proc/self/fd/", 14);
    int fd = open(a, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (inherited ? 0 : O_TRUNC), 0644);
    int high = fd < 0 ? -1 : fcntl(fd, F_DUPFD_CLOEXEC, LOG_FD_MIN);
    FILE *f = high < 0 ? NULL : fdopen(high, "w");

    if (!f)
        fatal(EXIT_USAGE, a, "%s", strerror(errno));
    close(fd);
    stitch_logfile = f;
}

/* MiB as in qemu; a `k` suffix gives KiB, so tests can force the code
 * buffer to fill and flush often. */
static void opt_tb_size(const char *a)
{
    char *end;
    unsigned long n = strtoul(a, &end, 10);
    int kib = *end == 'k' || *end == 'K';

    if (end == a || end[kib] || n == 0 || n > (kib ? 2047ul << 10 : 2047))
        fatal(EXIT_USAGE, NULL, "invalid -tb-size '%s' (MiB 1..2047, or KiB with k)", a);
    cfg.tb_size = (size_t)n << (kib ? 10 : 20);
}

static void opt_help(const char *a);

static void opt_version(const char *a)
{
    (void)a;
    printf(STITCH_NAME " version " STITCH_VERSION
           " (dyngen-style translator after QEMU 0.9.1)\n");
    exit(0);
}

/* name (matched after one or two leading dashes), argument, handler, help */
#define OPTIONS(X)                                                                       \
    X("L", "path", opt_L, "guest sysroot for the ELF interpreter (env STITCH_LD_PREFIX)") \
    X("E", "var=value", opt_E, "set a guest environment variable")                       \
    X("0", "argv0", opt_0, "the guest's argv[0] (default: the program path)")            \
    X("U", "var", opt_U, "unset a guest environment variable")                           \
    X("s", "size", opt_s, "guest stack size, k/M suffix (default 8M)")                   \
    X("d", "items", opt_d, "log items, comma separated ('-d help' lists them)")          \
    X("D", "file", opt_D, "write the log to file instead of stderr")                     \
    X("strace", NULL, opt_strace, "log system calls like qemu's -strace")                \
    X("-stats", NULL, opt_stats, "print translation counters on exit")                   \
    X("-no-chain", NULL, opt_no_chain, "disable direct block chaining")                  \
    X("tb-size", "N", opt_tb_size, "code buffer size in MiB (or KiB: 64k)")                            \
    X("h", NULL, opt_help, "print this help and exit")                                   \
    X("-help", NULL, opt_help, "print this help and exit")                               \
    X("-version", NULL, opt_version, "print the version and exit")

typedef struct Option {
    const char *name;
    const char *arg;
    void (*handler)(const char *);
    const char *help;
} Option;

static const Option options[] = {
#define OPTION(name, arg, fn, help) {name, arg, fn, help},
    OPTIONS(OPTION)
#undef OPTION
};
#define NB_OPTIONS (sizeof(options) / sizeof(options[0]))

static void opt_help(const char *a)
{
    (void)a;
    printf("usage: " STITCH_NAME " [options] program [args...]\n"
           "Run a " GUEST_DESCRIPTION " Linux program by dynamic translation.\n\n");
    for (size_t i = 0; i < NB_OPTIONS; i++) {
        char left[32];
        snprintf(left, sizeof(left), "-%s%s%s", options[i].name, options[i].arg ? " " : "",
                 options[i].arg ? options[i].arg : "");
        printf("  %-16s %s\n", left, options[i].help);
    }
    exit(0);
}

/* qemu accepts both -opt and --opt; the table spells the documented form. */
static const Option *find_option(const char *arg)
{
    const char *bare = arg + 1 + (arg[1] == '-');

    for (size_t i = 0; i < NB_OPTIONS; i++) {
        const char *n = options[i].name;
        if (!strcmp(bare, n + (n[0] == '-')))
            return &options[i];
    }
    return NULL;
}

/*
 * A guest execve of a guest program starts stitch again with the options
 * this one got (linux-user/execve.c); not the environment edits, which the
 * guest's envp already reflects, nor -0.  The log file is passed on open.
 */
static void save_exec_option(const Option *o, const char *opt, const char *arg)
{
    static char logfd[32];

    if (!strcmp(o->name, "E") || !strcmp(o->name, "U") || !strcmp(o->name, "0") ||
        !strcmp(o->name, "L"))
        return; /* -L: execve passes task.ld_prefix, however it was set */
    if (!task.exec_opts)
        task.exec_opts = calloc(64, sizeof(char *));
    if (!task.exec_opts || task.exec_nopts > 60)
        fatal(EXIT_USAGE, NULL, "too many options");
    if (!strcmp(o->name, "D")) {
        int fd = fileno(stitch_logfile);
        fcntl(fd, F_SETFD, 0);
        snprintf(logfd, sizeof(logfd), "/proc/self/fd/%d", fd);
        arg = logfd;
    }
    task.exec_opts[task.exec_nopts++] = (char *)opt;
    if (arg)
        task.exec_opts[task.exec_nopts++] = (char *)arg;
}

/* Returns the index of the program name in argv. */
static int parse_options(int argc, char **argv)
{
    int i = 1;

    while (i < argc && argv[i][0] == '-' && argv[i][1]) {
        const char *arg = argv[i++];
        if (!strcmp(arg, "--"))
            break;
        const Option *o = find_option(arg);
        if (!o)
            fatal(EXIT_USAGE, NULL, "unknown option '%s' (try --help)", arg);
        if (o->arg && i >= argc)
            fatal(EXIT_USAGE, NULL, "option '%s' needs an argument", arg);
        o->handler(o->arg ? argv[i++] : NULL);
        save_exec_option(o, arg, o->arg ? argv[i - 1] : NULL);
    }
    if (i >= argc)
        fatal(EXIT_USAGE, NULL, "no program given (try --help)");
    return i;
}

/* ---- Start-up ------------------------------------------------------------ */

/* The register state Linux's start_thread gives a new process (the
 * guest's cpu_init_process): everything zero but the entry point, the
 * stack and what the guest's ABI fixes. */
static void cpu_init(CPUState *env, const ImageInfo *info, uint32_t sp)
{
    memset(env, 0, sizeof(*env));
    cpu_init_process(env, info->start_pc, sp);
    env->exception_index = EXCP_NONE;
    env->opaque = &task;
}

/* /proc/self/exe of the guest: its program, not stitch. */
static void set_exe_path(const char *path)
{
    if (!realpath(path, task.exe_path))
        snprintf(task.exe_path, sizeof(task.exe_path), "%s", path);
}

/* The process's name (comm: /proc/self/comm, stat, status) is the
 * program's file name, as execve sets it (fs/exec.c __set_task_comm
 * with kbasename(filename)), not stitch's. */
static void set_comm(const char *path)
{
    const char *base = strrchr(path, '/');

    prctl(PR_SET_NAME, base ? base + 1 : path, 0, 0, 0);
}

int main(int argc, char **argv)
{
    static CPUState env;
    ImageInfo info;
    LoadError err;

    stitch_err = stitch_logfile = private_stderr();
    task.ld_prefix = getenv("STITCH_LD_PREFIX");
    env_init();
    int prog = parse_options(argc, argv);
    const char *path = argv[prog];

    if (mmap_init() < 0)
        fatal(EXIT_USAGE, NULL, "cannot reserve the 4 GiB guest address window: %s",
              strerror(errno));
    if (load_program(path, &info, &err) < 0)
        fatal_load(&err);
    set_exe_path(path);
    if (cfg.argv0)
        argv[prog] = (char *)cfg.argv0;
    uint32_t sp = setup_stack(&info, cfg.stack_size, &argv[prog], cfg.env, path, &err);
    if (sp == 0)
        fatal_load(&err);
    proc_self_init(sp);
    set_comm(path);
    cpu_init(&env, &info, sp);
    exec_init(cfg.tb_size);
    signal_init(&env);
    cpu_loop(&env);
}
