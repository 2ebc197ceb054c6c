/*
 * -d logging: one X-macro list of items; the mask bits, the names, and the
 * `-d help` text all derive from it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_LOG_H
#define STITCH_LOG_H

#include <stdio.h>

#define LOG_ITEMS(X)                                                       \
    X(in_asm, "show the guest instructions of each new translation block")  \
    X(op, "show the micro-ops of each new translation block")              \
    X(op_opt, "show the micro-ops after the flag-liveness pass")           \
    X(out_asm, "show the host code copied for each TB, labelled per op")   \
    X(exec, "show each translation block as it runs")                      \
    X(cpu, "show the guest registers at each TB entry")                    \
    X(int, "show signals and faults delivered to the guest")               \
    X(unimp, "show unimplemented instructions and system calls")

enum {
#define LOG_BIT(name, help) LOG_BIT_##name,
    LOG_ITEMS(LOG_BIT)
#undef LOG_BIT
};

#define LOG_MASK(name) (1u << LOG_BIT_##name)

extern FILE *stitch_logfile;
/* stitch's own stderr stream (linux-user/main.c): --stats and, by
 * default, the log. */
extern FILE *stitch_err;
extern unsigned stitch_loglevel;

#define log_enabled(name) (stitch_loglevel & LOG_MASK(name))

/* Parse "in_asm,op" into a mask: 1 on success, 0 for "help" (the caller
 * prints log_print_help()), -1 for an unknown item. */
int log_parse_items(const char *spec, unsigned *mask);
void log_print_help(FILE *f);
void log_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
