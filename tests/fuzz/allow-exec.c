/*
 * allow-exec.so: preloaded into stitch by tests/fuzz/run-afl.sh only.
 * afl-fuzz writes each input 0600 and stitch, as the kernel, refuses to
 * run a file without execute permission (elfload.c, access(X_OK)); for
 * the one path FUZZ_INPUT names, the X_OK check is dropped, so that
 * afl-fuzz can run the instrumented stitch directly, with its fork
 * server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int access(const char *path, int mode)
{
    static int (*real)(const char *, int);
    const char *input = getenv("FUZZ_INPUT");

    if (!real)
        real = (int (*)(const char *, int))dlsym(RTLD_NEXT, "access");
    if (input && strcmp(path, input) == 0 && (mode & X_OK))
        mode = (mode & ~X_OK) ? mode & ~X_OK : F_OK;
    return real(path, mode);
}
