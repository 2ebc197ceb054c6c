/*
 * stitch's own errors (include/error.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "error.h"

void fatal(int status, const char *what, const char *fmt, ...)
{
    va_list ap;

    fflush(stdout);
    if (what && *what)
        fprintf(stderr, STITCH_NAME ": %s: ", what);
    else
        fputs(STITCH_NAME ": ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(status);
}
