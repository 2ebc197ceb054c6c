/*
 * stitch's command line, written once.  main.c derives the parser, the
 * environment variables and `-h` from this list; scripts/gen-man.c derives
 * docs/stitch.1 from it (a test checks that the page is up to date).
 *
 *   X(option, env, Q, argument, handler, help)
 *
 * option    spelled without its first dash: "strace" is -strace, "-stats"
 *           is --stats (either spelling is accepted for every option, as
 *           qemu accepts -opt and --opt)
 * env       the environment variable's name after its prefix, or NULL
 * Q         1: read as QEMU_<env> and then as STITCH_<env> (the second
 *           wins), the variables qemu-user 7.2's -h lists, so scripts and
 *           binfmt set-ups written for qemu-user work unchanged;
 *           0: stitch's own option, read as STITCH_<env> only
 * argument  the argument's name in -h, or NULL for a flag; a flag's
 *           variable turns it on when set to anything
 * handler   opt_<handler>(const char *arg) in main.c
 *
 * The order is -h's: qemu-user's options in qemu's order, then stitch's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_OPTIONS_H
#define STITCH_OPTIONS_H

#define STITCH_OPTIONS(X)                                                            \
    X("h", NULL, 0, NULL, help, "print this help and exit")                          \
    X("help", NULL, 0, NULL, help, "print this help and exit")                       \
    X("g", "GDB", 1, "port", gdb,                                                    \
      "wait for a gdb connection on TCP port 'port' (localhost)")                    \
    X("L", "LD_PREFIX", 1, "path",  L,                                               \
      "guest sysroot: the ELF interpreter and the loader's absolute paths")          \
    X("s", "STACK_SIZE", 1, "size", s, "guest stack size in bytes, k/M suffix (8M)") \
    X("cpu", "CPU", 1, "model", cpu, "select the guest CPU model ('-cpu help' lists them)") \
    X("E", "SET_ENV", 1, "var=value", E,                                             \
      "set guest environment variables (comma separated list)")                     \
    X("U", "UNSET_ENV", 1, "var", U,                                                 \
      "unset guest environment variables (comma separated list)")                   \
    X("0", "ARGV0", 1, "argv0", 0, "the guest's argv[0] (default: the program path)") \
    X("r", "UNAME", 1, "uname", r, "the kernel release uname() reports to the guest") \
    X("B", "GUEST_BASE", 1, "address", B,                                            \
      "host address of the 4 GiB guest window (page aligned)")                       \
    X("R", "RESERVED_VA", 1, "size", R,                                              \
      "guest address space size, at most 4G (mappings stay below it)")               \
    X("d", "LOG", 1, "item[,...]", d, "enable logging of items ('-d help' lists them)") \
    X("dfilter", "DFILTER", 1, "range[,...]", dfilter,                               \
      "log only translation blocks in these guest address ranges")                   \
    X("D", "LOG_FILENAME", 1, "logfile", D,                                          \
      "write the log to 'logfile' (default stderr); %d in it: the pid, or with -d tid the thread's id") \
    X("p", "PAGESIZE", 1, "pagesize", p,                                             \
      "qemu's host page size: mmap places mappings on multiples of it (power of two; AT_PAGESZ stays 4096)") \
    X("singlestep", "SINGLESTEP", 1, NULL, one_insn, "one guest instruction per TB") \
    X("one-insn-per-tb", "ONE_INSN_PER_TB", 1, NULL, one_insn,                       \
      "one guest instruction per translation block")                                 \
    X("strace", "STRACE", 1, NULL, strace, "log system calls like strace")           \
    X("seed", "RAND_SEED", 1, "number", seed,                                        \
      "seed the guest's random bytes (AT_RANDOM, getrandom)")                        \
    X("perfmap", "PERFMAP", 1, NULL, perfmap,                                        \
      "write /tmp/perf-<pid>.map naming each TB by guest symbol")                    \
    X("jitdump", "JITDUMP", 1, NULL, jitdump,                                        \
      "write a jitdump file for 'perf inject --jit'")                                \
    X("version", "VERSION", 1, NULL, version, "print the version and exit")          \
    X("-stats", "STATS", 0, NULL, stats,                                             \
      "print counters and the hottest blocks on exit")                               \
    X("-no-chain", "NO_CHAIN", 0, NULL, no_chain, "disable direct block chaining")   \
    X("-interp", "INTERP", 0, NULL, interp,                                          \
      "thread the micro-ops instead of copying their code")                          \
    X("tb-size", "TB_SIZE", 0, "N", tb_size, "code buffer size in MiB (or KiB: 64k)") \
    X("-tier0", "TIER0", 0, "N", tier0,                                              \
      "translate blocks without the passes first, optimising each after N runs (0: off, the default)") \
    X("-threads", "THREADS", 0, "mode", threads,                                     \
      "parallel (default), or serial: one guest thread at a time")                  \
    X("tcache", "TCACHE", 0, "dir", tcache,                                          \
      "keep translations in directory 'dir' and reuse them in later runs")          \
    X("-persona", NULL, 0, "value", persona,                                         \
      "the guest's persona, as personality(2) sets it (a guest's execve passes its own on)") \
    X("-exec-fd", NULL, 0, "fd", exec_fd,                                            \
      "close descriptor 'fd' once the program is loaded (a guest's execveat of a close-on-exec one)") \
    X("-execfn", NULL, 0, "name", execfn,                                            \
      "the program's AT_EXECFN and name, the kernel's for a guest's execve of it")  \
    X("-fd-table", NULL, 0, "N", fd_table,                                           \
      "the size of the guest's descriptor table, as the kernel keeps it across a guest's execve")

#endif
