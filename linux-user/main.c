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
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exec.h"
#include "gdbstub.h"
#include "guest-signal.h"
#include "guest-user.h"
#include "guest.h"
#include "log.h"
#include "options.h"
#include "perf.h"
#include "profile.h"
#include "stats.h"
#include "tcache.h"
#include "symbols.h"
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
    int gdb_port;       /* -g */
    int perf;           /* -perfmap, -jitdump: PERF_* */
    int exec_fd;        /* --exec-fd: closed once the program is loaded */
    const char *execfn; /* --execfn: AT_EXECFN, if not the program path */
} cfg = { .stack_size = GUEST_STACK_SIZE_DEFAULT, .exec_fd = -1 };

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

/* "-E a=1,b=2" and QEMU_SET_ENV=a=1,b=2: a comma separated list, as
 * qemu-user splits them (getsubopt style); each piece is kept for the
 * guest's environment. */
static void for_each_item(const char *list, void (*fn)(const char *))
{
    char *copy = strdup(list);

    if (!copy)
        fatal(EXIT_USAGE, NULL, "out of memory");
    for (char *save = NULL, *item = strtok_r(copy, ",", &save); item;
         item = strtok_r(NULL, ",", &save))
        fn(item);
}

static void opt_L(const char *a) { task.ld_prefix = a; }
static void opt_0(const char *a) { cfg.argv0 = a; }

static void opt_persona(const char *a)
{
    char *end;
    unsigned long p = strtoul(a, &end, 0);

    if (*end || !*a || p > 0xffffffffu)
        fatal(EXIT_USAGE, NULL, "--persona: bad value '%s'", a);
    persona_set((uint32_t)p);
}

/* linux-user/execve.c passes on the descriptor an execveat reached a
 * nameless file through: the kernel closes the guest's close-on-exec
 * one, so the program must not find this one open either. */
static void opt_exec_fd(const char *a)
{
    char *end;
    long fd = strtol(a, &end, 10);

    if (*end || fd < 0 || fd > INT_MAX)
        fatal(EXIT_USAGE, NULL, "--exec-fd: bad descriptor '%s'", a);
    cfg.exec_fd = (int)fd;
}
/* linux-user/execve.c passes on the size the guest's descriptor table
 * had (fd-table.c): exec keeps the table, and this process's has grown
 * for stitch's own descriptors. */
static void opt_fd_table(const char *a)
{
    char *end;
    long n = strtol(a, &end, 10);

    if (*end || n < 0 || n > INT_MAX)
        fatal(EXIT_USAGE, NULL, "--fd-table: bad size '%s'", a);
    fd_table_inherit((int)n);
}
/* The name the kernel would give the program (AT_EXECFN, comm), when
 * the path stitch opens it by is another (linux-user/execve.c). */
static void opt_execfn(const char *a) { cfg.execfn = a; }
static void opt_E(const char *a) { for_each_item(a, env_set); }
static void opt_U(const char *a) { for_each_item(a, env_unset); }
static void opt_r(const char *a) { task.uname_release = a; }
static void opt_strace(const char *a) { (void)a; task.strace = 1; }
static void opt_stats(const char *a) { (void)a; stats_enabled = 1; }
static void opt_no_chain(const char *a) { (void)a; exec_no_chain = 1; }
static void opt_one_insn(const char *a) { (void)a; exec_one_insn_per_tb = 1; }
static void opt_perfmap(const char *a) { (void)a; cfg.perf |= PERF_MAP; }
static void opt_jitdump(const char *a) { (void)a; cfg.perf |= PERF_JITDUMP; }

static void opt_gdb(const char *a)
{
    char *end;
    unsigned long port = strtoul(a, &end, 10);

    if (end == a || *end || port == 0 || port > 65535)
        fatal(EXIT_USAGE, NULL, "invalid gdb port '%s' (1..65535)", a);
    cfg.gdb_port = (int)port;
}

static void opt_interp(const char *a) { (void)a; exec_interp = 1; }

/* Tier 0's run count (exec/tier.c): a 16-bit counter. */
static void opt_tier0(const char *a)
{
    char *end;
    unsigned long n = strtoul(a, &end, 10);

    if (end == a || *end || n > 65535)
        fatal(EXIT_USAGE, NULL, "invalid --tier0 '%s' (0..65535)", a);
    exec_tier0_runs = (unsigned)n;
}

/* -tcache: the directory must be usable now, not at exit when the run's
 * translations are written (docs/tcache.md). */
static void opt_tcache(const char *a)
{
    if (tcache_init(a) < 0)
        fatal(EXIT_USAGE, NULL, "-tcache %s: %s", a, strerror(errno));
}

static int threads_serial;
static void opt_threads(const char *a)
{
    if (strcmp(a, "serial") && strcmp(a, "parallel"))
        fatal(EXIT_USAGE, NULL, "invalid --threads '%s' (serial or parallel)", a);
    threads_serial = !strcmp(a, "serial");
}

static void opt_s(const char *a)
{
    uint64_t v = parse_size(a);

    if (v == 0 || v > GUEST_STACK_TOP - GUEST_UNMAPPED_BASE)
        fatal(EXIT_USAGE, NULL, "invalid stack size '%s'", a);
    cfg.stack_size = (uint32_t)v;
}

static void opt_cpu(const char *a)
{
    if (!strcmp(a, "help")) {
        printf("Available CPUs:\n");
        cpu_model_list(stdout);
        exit(0);
    }
    if (cpu_model_select(a) < 0)
        fatal(EXIT_USAGE, NULL, "unknown CPU model '%s' (try -cpu help)", a);
}

static void opt_seed(const char *a)
{
    char *end;

    errno = 0;
    task.seed = strtoull(a, &end, 0);
    if (errno || end == a || *end)
        fatal(EXIT_USAGE, NULL, "invalid seed '%s'", a);
    task.seeded = 1;
}

/* -B: where the guest window goes in the host's address space; stitch's
 * window is always 4 GiB (plus its guard), so only the base is free. */
static void opt_B(const char *a)
{
    char *end;

    errno = 0;
    unsigned long long base = strtoull(a, &end, 0);
    if (errno || end == a || *end || base == 0 || (base & (GUEST_PAGE_SIZE - 1)))
        fatal(EXIT_USAGE, NULL, "invalid guest base '%s' (a page-aligned address)", a);
    mmap_set_base((uintptr_t)base);
}

/* -R: qemu's reserved_va, the size of the guest's address space; stitch
 * always reserves the whole 4 GiB window and keeps mappings below the
 * size, which must leave room for the stack (whose top is fixed). */
static void opt_R(const char *a)
{
    uint64_t v = parse_size(a);

    if (v < GUEST_STACK_TOP || v > (1ull << 32) || (v & (GUEST_PAGE_SIZE - 1)))
        fatal(EXIT_USAGE, NULL, "invalid reserved size '%s' (3G..4G, page multiple)", a);
    mmap_set_limit(v);
}

/*
 * -p: qemu-user 7.2's handle_arg_pagesize takes a decimal power of two as
 * qemu_host_page_size; page_size_init raises a smaller one to the guest's
 * page size.  What it changes is where mmap puts what the guest did not
 * place itself (linux-user/mmap.c, mmap_set_page_size).  qemu reads the
 * number with atoi, which would take "64k" as 64: stitch refuses anything
 * but digits, and sizes above 1 GiB, which would leave a 4 GiB window
 * room for a handful of mappings.
 */
static void opt_p(const char *a)
{
    char *end;
    unsigned long v;

    errno = 0;
    v = strtoul(a, &end, 10);
    if (errno || end == a || *end || *a == '-' || v == 0 || (v & (v - 1)) || v > (1ul << 30))
        fatal(EXIT_USAGE, NULL, "page size must be a power of two up to 1073741824, not '%s'", a);
    mmap_set_page_size((uint32_t)v);
}

/* -d items: the log's, and the three that switch a feature on as well
 * (qemu's nochain and strace). */
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
    if (mask & LOG_MASK(nochain))
        exec_no_chain = 1;
    if (mask & LOG_MASK(strace))
        task.strace = 1;
    if (mask & LOG_MASK(op_count))
        stats_op_count = 1;
}

static void opt_dfilter(const char *a)
{
    if (log_parse_dfilter(a) < 0)
        fatal(EXIT_USAGE, NULL, "invalid -dfilter '%s' (start..end, start+len, start-len)", a);
}

/*
 * The log file's descriptor is moved high, out of the numbers a guest
 * normally uses (LOG_OWN_FD_MIN), so that guest fds and stitch's log do
 * not collide; the guest does not see it (sys_close, the /proc/self/fd
 * listing) and gets its number if it asks for it (util/log.c
 * log_fd_vacate); the -d tid files likewise.
 */

/* stitch's own stderr (the -d log by default, -strace, --stats): a copy
 * of fd 2 moved high in the same way, so that a guest that closes its
 * stderr, or opens a file that gets number 2, neither silences stitch nor
 * receives its lines (xz closes fd 2 before exiting, for one). */
static FILE *private_stderr(void)
{
    int high = fcntl(2, F_DUPFD_CLOEXEC, LOG_OWN_FD_MIN);
    FILE *f = high < 0 ? NULL : log_stream_open(high);

    if (!f) {
        if (high >= 0)
            close(high);
        return stderr;
    }
    return f;
}

/* -D (or QEMU_LOG_FILENAME; the last one given wins): opened by
 * open_log once -d is known, since -d tid changes what the name means. */
static const char *log_name;
/* Where the saved -D's argument sits in task.exec_opts, for open_log. */
static int exec_log_slot = -1;

static void opt_D(const char *a)
{
    log_name = a;
}

static void open_log_file(const char *name)
{
    /* O_APPEND: the processes of a guest that forks and execs all write
     * to it (execve passes it on as /proc/self/fd/N, not truncated). */
    int inherited = !strncmp(name, "/proc/self/fd/", 14);
    int fd = open(name, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (inherited ? 0 : O_TRUNC), 0644);
    int high = fd < 0 ? -1 : fcntl(fd, F_DUPFD_CLOEXEC, LOG_OWN_FD_MIN);
    FILE *f = high < 0 ? NULL : log_stream_open(high);

    if (!f)
        fatal(EXIT_USAGE, name, "%s", strerror(errno ? errno : ENOMEM));
    close(fd);
    stitch_logfile = f;
    /* The stitch before a guest's execve left its own descriptor open
     * across the exec for this open (execve.c refresh_log_opt): the
     * program natively has no such descriptor. */
    char *end;
    long n = inherited ? strtol(name + 14, &end, 10) : -1;
    if (n >= LOG_OWN_FD_MIN && n <= INT_MAX && !*end)
        close((int)n);
}

/*
 * qemu's rules for -D's name: at most one '%', as "%d", which is the pid,
 * or with -d tid each thread's id (one file per thread, which then needs
 * the "%d").  A guest execve's stitch gets the open file, or the template
 * made absolute.
 */
static void open_log(void)
{
    int tmpl = log_name ? log_template(log_name) : 0;
    char name[PATH_MAX];

    if (tmpl < 0)
        fatal(EXIT_USAGE, log_name, "bad log file template (one %%d, no other %%)");
    if (log_enabled(tid)) {
        if (tmpl != 1)
            fatal(EXIT_USAGE, NULL, "-d tid needs a -D file name with '%%d' in it");
        if (log_per_thread(log_name) < 0)
            fatal(EXIT_USAGE, log_name, "%s", strerror(errno));
        if (exec_log_slot >= 0)
            task.exec_opts[exec_log_slot] = (char *)log_thread_template();
        return;
    }
    if (!log_name)
        return;
    if (log_expand(log_name, (int)getpid(), name, sizeof(name)) < 0)
        fatal(EXIT_USAGE, log_name, "%s", strerror(ENAMETOOLONG));
    open_log_file(name);
    if (exec_log_slot >= 0) {
        fcntl(log_stream_fd(stitch_logfile), F_SETFD, 0);
        task.exec_log_opt = &task.exec_opts[exec_log_slot]; /* execve.c fills it in */
    }
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

typedef struct Option {
    const char *name;
    const char *env;
    int qemu;
    const char *arg;
    void (*handler)(const char *);
    const char *help;
} Option;

static const Option options[] = {
#define OPTION(name, env, qemu, arg, fn, help) {name, env, qemu, arg, opt_##fn, help},
    STITCH_OPTIONS(OPTION)
#undef OPTION
};
#define NB_OPTIONS (sizeof(options) / sizeof(options[0]))

/* -h's first two columns for option i: "-name arg" and its variable. */
static void help_columns(size_t i, char *left, size_t lsize, char *env, size_t esize)
{
    const Option *o = &options[i];

    snprintf(left, lsize, "-%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
    env[0] = '\0';
    if (o->env)
        snprintf(env, esize, "%s_%s", o->qemu ? "QEMU" : "STITCH", o->env);
}

/* qemu-user's layout: option, environment variable, meaning; as qemu's
 * usage() does, each column is as wide as its longest entry, so that no
 * row (QEMU_ONE_INSN_PER_TB's, say) pushes the meaning out of line. */
static void opt_help(const char *a)
{
    char left[64], env[64];
    int lw = (int)strlen("Argument"), ew = (int)strlen("Env-variable");

    (void)a;
    for (size_t i = 0; i < NB_OPTIONS; i++) {
        help_columns(i, left, sizeof(left), env, sizeof(env));
        lw = strlen(left) > (size_t)lw ? (int)strlen(left) : lw;
        ew = strlen(env) > (size_t)ew ? (int)strlen(env) : ew;
    }
    printf("usage: " STITCH_NAME " [options] program [arguments...]\n"
           "Run a " GUEST_DESCRIPTION " Linux program by dynamic translation.\n\n"
           "Options and associated environment variables:\n\n"
           "%-*s %-*s %s\n", lw, "Argument", ew, "Env-variable", "Description");
    for (size_t i = 0; i < NB_OPTIONS; i++) {
        help_columns(i, left, sizeof(left), env, sizeof(env));
        printf("%-*s %-*s %s\n", lw, left, ew, env, options[i].help);
    }
    printf("\nEvery QEMU_* variable has a STITCH_* twin, read after it; options\n"
           "given on the command line win over both.  -E and -U take comma\n"
           "separated lists and may be repeated: these are equivalent\n"
           "    -E var1=val1 -E var2=val2 -U LD_PRELOAD -U LD_DEBUG\n"
           "    -E var1=val1,var2=val2 -U LD_PRELOAD,LD_DEBUG\n"
           "    QEMU_SET_ENV=var1=val1,var2=val2 QEMU_UNSET_ENV=LD_PRELOAD,LD_DEBUG\n");
    exit(0);
}

/* qemu accepts both -opt and --opt; the table spells the documented form.
 * `len` is the length of the name in `arg` (up to an '=', if any). */
static const Option *find_option(const char *arg, size_t len)
{
    const char *bare = arg + 1 + (arg[1] == '-');

    len -= (size_t)(bare - arg);
    for (size_t i = 0; i < NB_OPTIONS; i++) {
        const char *n = options[i].name;
        n += n[0] == '-';
        if (strlen(n) == len && !strncmp(bare, n, len))
            return &options[i];
    }
    return NULL;
}

/* The environment first, the command line after it (qemu's order): each
 * variable as its option would be given; a flag's variable, set to
 * anything, turns it on. */
static void parse_env_options(void)
{
    static const char *const prefixes[] = {"QEMU_", "STITCH_"};

    for (size_t i = 0; i < NB_OPTIONS; i++) {
        const Option *o = &options[i];
        for (int p = !o->qemu; o->env && p < 2; p++) {
            char name[64];
            snprintf(name, sizeof(name), "%s%s", prefixes[p], o->env);
            const char *v = getenv(name);
            if (v && (*v || !o->arg))
                o->handler(o->arg ? v : NULL);
        }
    }
}

/*
 * A guest execve of a guest program starts stitch again with the options
 * this one got (linux-user/execve.c); not the environment edits, which the
 * guest's envp already reflects, nor -0, nor -g (the new program would
 * wait for a debugger that is attached to this one).  The log file is
 * passed on open.
 */
static void save_exec_option(const Option *o, const char *opt, const char *arg)
{
    static const char *const not_passed[] = {"E", "U", "0", "L", "g", "-exec-fd", "-execfn",
                                          "-persona", "-fd-table"};

    for (size_t i = 0; i < sizeof(not_passed) / sizeof(not_passed[0]); i++)
        if (!strcmp(o->name, not_passed[i]))
            return; /* -L: execve passes task.ld_prefix, however it was set */
    if (!task.exec_opts)
        task.exec_opts = calloc(64, sizeof(char *));
    if (!task.exec_opts || task.exec_nopts > 60)
        fatal(EXIT_USAGE, NULL, "too many options");
    if (!strcmp(o->name, "D"))
        exec_log_slot = task.exec_nopts + 1; /* open_log fills it in */
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
        /* --name=value is --name value */
        const char *eq = arg[1] == '-' ? strchr(arg, '=') : NULL;
        const Option *o = find_option(arg, eq ? (size_t)(eq - arg) : strlen(arg));
        if (!o || (eq && !o->arg))
            fatal(EXIT_USAGE, NULL, "unknown option '%s' (try --help)", arg);
        if (o->arg && !eq && i >= argc)
            fatal(EXIT_USAGE, NULL, "option '%s' needs an argument", arg);
        const char *value = eq ? eq + 1 : o->arg ? argv[i++] : NULL;
        o->handler(value);
        save_exec_option(o, eq ? strndup(arg, (size_t)(eq - arg)) : arg, value);
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
    env->opaque = self;
}

/* Started by binfmt_misc with flag P (scripts/binfmt.sh): the kernel
 * passes the program's path, then the argv[0] it was run with, and says
 * so in AT_FLAGS (include/uapi/linux/binfmts.h,
 * AT_FLAGS_PRESERVE_ARGV0_BIT). */
#define AT_FLAGS_PRESERVE_ARGV0 (1u << 0)
static int binfmt_preserved_argv0(int prog, int argc)
{
    return prog == 1 && argc > 2 && (getauxval(AT_FLAGS) & AT_FLAGS_PRESERVE_ARGV0);
}

/* -d page at start, as qemu's: the window, the map, the image's bounds. */
static void log_page_layout(const ImageInfo *info, uint32_t sp)
{
    log_printf("guest_base  0x%" PRIxPTR "\n", guest_base);
    page_dump();
    log_printf("end_code    0x%08" PRIx32 "\n"
               "start_code  0x%08" PRIx32 "\n"
               "start_brk   0x%08" PRIx32 "\n"
               "entry       0x%08" PRIx32 "\n"
               "start_stack 0x%08" PRIx32 "\n",
               info->end_code, info->start_code, info->brk, info->entry, sp);
}

/* The guest's auxv, copied from its initial stack (argc, argv[], NULL,
 * envp[], NULL, then the pairs up to AT_NULL), for qXfer:auxv:read. */
static size_t find_auxv(uint32_t sp, const uint8_t **auxv)
{
    const uint32_t *w = g2h(sp);
    size_t i = 1 + w[0] + 1; /* argc, argv, NULL */

    while (w[i])
        i++;
    const uint32_t *a = &w[i + 1];
    size_t n = 0;
    while (a[2 * n] != 0) /* AT_NULL */
        n++;
    *auxv = (const uint8_t *)a;
    return (n + 1) * 2 * sizeof(uint32_t);
}

/* -g port: wait for gdb, then let it look at the guest stopped at its
 * first instruction until it resumes it. */
static void gdb_wait(CPUState *env, int port, uint32_t sp)
{
    static uint8_t auxv[1024];
    const uint8_t *a;
    GdbProcess proc = {.exe_path = task.exe_path, .auxv = auxv, .host_path = path_redirect};

    proc.auxv_len = find_auxv(sp, &a);
    if (proc.auxv_len > sizeof(auxv))
        proc.auxv_len = sizeof(auxv);
    memcpy(auxv, a, proc.auxv_len);
    if (gdbserver_start(port, &proc) < 0)
        fatal(EXIT_USAGE, NULL, "gdb port %d: %s", port, strerror(errno));
    signal_sync_host(SIGIO); /* caught even if inherited ignored */
    gdb_stop(env, SIGTRAP);
}

/* /proc/self/exe of the guest: its program, not stitch.  A file
 * reached through --exec-fd has no name: the kernel shows the one the
 * descriptor's link shows ("/memfd:x (deleted)"). */
static void set_exe_path(const char *path)
{
    struct stat st;

    if (stat(path, &st) == 0)
        task.exe_dev = st.st_dev, task.exe_ino = st.st_ino;
    if (cfg.exec_fd >= 0) {
        ssize_t n = readlink(path, task.exe_path, sizeof(task.exe_path) - 1);
        task.exe_path[n > 0 ? n : 0] = '\0';
        close(cfg.exec_fd);
        if (n > 0)
            return;
    }
    if (!realpath(path, task.exe_path))
        snprintf(task.exe_path, sizeof(task.exe_path), "%s", path);
}

/* The process's name (comm: /proc/self/comm, stat, status) is the
 * program's file name, as execve sets it (fs/exec.c begin_new_exec:
 * kbasename(bprm->filename), a script's name for its interpreter), not
 * stitch's.  For execveat(fd, "", AT_EMPTY_PATH), whose name is
 * "/dev/fd/N", the file's own name (comm_from_dentry, Linux 6.14 on):
 * what /proc/self/exe shows, without the " (deleted)" of an unlinked
 * file. */
static void set_comm(const char *execfn)
{
    char name[sizeof(task.exe_path)];
    const char *digits = execfn + 8;

    snprintf(name, sizeof(name), "%s", execfn);
    if (!strncmp(execfn, "/dev/fd/", 8) && *digits && strspn(digits, "0123456789") == strlen(digits)) {
        snprintf(name, sizeof(name), "%s", task.exe_path);
        size_t n = strlen(name), d = sizeof(" (deleted)") - 1;
        if (n > d && !strcmp(name + n - d, " (deleted)"))
            name[n - d] = '\0';
    }
    const char *base = strrchr(name, '/');
    prctl(PR_SET_NAME, base ? base + 1 : name, 0, 0, 0);
}

int main(int argc, char **argv)
{
    static ThreadState main_thread;
    ImageInfo info;
    LoadError err;

    self = &main_thread;
    main_thread.tid = getpid();
    stats_start_ns = stats_now_ns();
    fd_table_start(); /* before stitch's own descriptors grow it */
    stitch_err = stitch_logfile = private_stderr();
    env_init();
    parse_env_options();
    int prog = parse_options(argc, argv);
    open_log();
    const char *path = argv[prog];

    if (binfmt_preserved_argv0(prog, argc))
        prog++; /* argv[prog]: the argv[0] the program was started with */

    if (mmap_init() < 0)
        fatal(EXIT_USAGE, NULL, "cannot reserve the 4 GiB guest address window: %s",
              strerror(errno));
    perf_init(cfg.perf);
    if (stats_enabled)
        symbols_enable(); /* the hottest blocks are named */
    exec_profile = stats_op_count ? 2 : stats_enabled;
    if (load_program(path, &info, &err) < 0)
        fatal_load(&err);
    set_exe_path(path);
    if (cfg.argv0)
        argv[prog] = (char *)cfg.argv0;
    const char *execfn = cfg.execfn ? cfg.execfn : path;
    uint32_t sp = setup_stack(&info, cfg.stack_size, &argv[prog], cfg.env, execfn, &err);
    if (sp == 0)
        fatal_load(&err);
    proc_self_init(sp, &info);
    set_comm(execfn);
    CPUState *env = cpu_state_new();
    if (!env)
        fatal(EXIT_USAGE, NULL, "out of memory for the CPU state");
    cpu_init(env, &info, sp);
    if (log_enabled(page))
        log_page_layout(&info, sp);
    exec_init(cfg.tb_size);
    cpu_register(env);
    if (threads_serial)
        exec_serial_init();
    signal_init(env);
    if (cfg.gdb_port)
        gdb_wait(env, cfg.gdb_port, sp);
    cpu_loop(env);
}
