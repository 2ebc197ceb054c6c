/*
 * stitch's own errors: one idiom for every stage.  A message names the
 * program ("stitch-i386: <what>: <why>") and stitch exits with one of the
 * statuses BRIEF section 4 documents.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_ERROR_H
#define STITCH_ERROR_H

/* The Makefile compiles every file for one guest with -DGUEST_NAME. */
#define STITCH_NAME "stitch-" GUEST_NAME

/* The exit statuses of stitch's own errors. */
enum {
    EXIT_USAGE = 1,       /* bad command line; also stitch's own limits */
    EXIT_NOEXEC = 126,    /* not executable, not an ELF of this guest, malformed */
    EXIT_NOTFOUND = 127,  /* program not found */
};

/* Print "stitch-<guest>: <what>: <why>" (or "stitch-<guest>: <why>" when
 * what is NULL or empty) and exit with `status`. */
void fatal(int status, const char *what, const char *fmt, ...)
    __attribute__((format(printf, 3, 4), noreturn));

#endif
