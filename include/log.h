/*
 * -d logging: one X-macro list of items; the mask bits, the names, and the
 * `-d help` text all derive from it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_LOG_H
#define STITCH_LOG_H

#include <stdint.h>
#include <stdio.h>

#define LOG_ITEMS(X)                                                       \
    X(in_asm, "show the guest instructions of each new translation block")  \
    X(op, "show the micro-ops of each new translation block")              \
    X(op_opt, "show the micro-ops after the flag-liveness pass")           \
    X(out_asm, "show the host code copied for each TB, labelled per op")   \
    X(exec, "show each translation block as it runs")                      \
    X(cpu, "show the guest registers at each TB entry")                    \
    X(int, "show signals and faults delivered to the guest")               \
    X(unimp, "show unimplemented instructions and system calls")          \
    X(nochain, "do not chain translation blocks (as --no-chain)")         \
    X(page, "show the guest's memory map at start and after mmap calls")  \
    X(strace, "log system calls (as -strace)")                            \
    X(op_count, "count the micro-ops executed; histogram on exit")       \
    X(tcache, "show -tcache files loaded, rejected and written")          \
    X(tid, "one log file per thread: -D's name has %d, the thread's id")

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
/* -dfilter "0x1000..0x1fff,0x8000+0x100,0x9000-0x10": guest address
 * ranges (inclusive end, start+length, end-length as qemu's); 0 on
 * success, -1 malformed.  log_pc_shown(pc): no filter, or pc in a range. */
int log_parse_dfilter(const char *spec);
extern int log_dfilter_active;
int log_pc_in_dfilter(uint32_t pc);
static inline int log_pc_shown(uint32_t pc)
{
    return !log_dfilter_active || log_pc_in_dfilter(pc);
}
void log_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Set once the guest has a second thread (it stays set): each thread's
 * lines are then written whole and start with "[tid] " (util/log.c). */
extern int log_threaded;
void log_set_threaded(void);
/* Did log_set_threaded end this thread's line (" <unfinished ...>")?
 * Cleared by the call. */
int log_line_broken(void);
/* The line this thread starts next begins with its tid already. */
void log_line_tagged(void);

/*
 * -D's name may hold one "%d" (qemu's template, util/log.c in qemu 8):
 * log_template(name) is 1 if it does, 0 if it holds no '%' at all, -1
 * for any other '%'.  log_expand writes the name for one id (the pid,
 * or with -d tid a thread's id); -1 if it does not fit.
 */
int log_template(const char *name);
int log_expand(const char *name, int id, char *out, size_t size);
/* -d tid: every thread writes its own file, named by `template` for its
 * tid and opened when it first logs.  Opens the caller's now: -1 and
 * errno if that fails. */
int log_per_thread(const char *template);
/* The template made absolute, for the stitch a guest execve starts. */
const char *log_thread_template(void);
extern int log_per_thread_on;
/* The thread ends (its file is closed), or is fork's child (its parent's
 * file and tid are not its own). */
void log_thread_exit(void);
void log_fork_child(void);
/* stitch's own descriptors (the log, the stderr copy, the thread files)
 * are not the guest's to close: is `fd` one; the lowest one >= from, or
 * -1. */
int log_fd_kept(int fd);
int log_next_kept_fd(int from);
/* They start high, out of the numbers a guest normally uses. */
#define LOG_OWN_FD_MIN 512
/* Their numbers, n of them at fds, for another process that runs this
 * stitch binary to read at the same address; seq is odd while they
 * change (util/log.c change_begin). */
typedef struct {
    uint32_t seq;
    uint32_t n;
    int *fds;
} LogOwnFds;
extern LogOwnFds log_own_fds;
/* An unbuffered stream of stitch's own on a copy of `fd` at
 * LOG_OWN_FD_MIN or above (close-on-exec), whose descriptor
 * log_fd_vacate can move; NULL and errno on failure.  Its descriptor
 * now (-1: not one). */
FILE *log_stream_copy(int fd);
int log_stream_fd(FILE *f);
/* The same, `fd` closed, failing or not: for stitch's other files that
 * stay open (-perfmap, -jitdump), so that they are as hidden as the log. */
FILE *log_stream_take(int fd);
/* A bare descriptor of stitch's own (the gdbstub's socket): `fd` moved
 * up as log_stream_take does and registered, hidden and protected as the
 * streams are; log_fd_vacate stores its new number in *slot, which the
 * owner reads it from.  The number, or -1 and errno (fd closed all the
 * same).  log_fd_drop unregisters and closes it; *slot is -1 after. */
int log_fd_hold(int fd, int *slot);
void log_fd_drop(int *slot);
/* The guest wants number `fd` (dup2, F_DUPFD): stitch's stream on it, if
 * any, moves to another; 1 if one did, and `fd`, still open, is for the
 * caller to replace or close. */
int log_fd_vacate(int fd);

#endif
