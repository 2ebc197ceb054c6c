/*
 * The persistent translation cache (exec/tcache.c, docs/tcache.md):
 * -tcache DIR keeps each TB's optimised op stream on disk, so a later run
 * of the same program re-runs only the copy-and-patch emitters.
 *
 * linux-user tells the engine which guest ranges hold code mapped from a
 * file; only TBs inside such a range are saved or looked up (anonymous
 * memory, JIT code, is never cached).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_TCACHE_H
#define STITCH_TCACHE_H

#include <stdint.h>

extern int tcache_enabled;

/* Use DIR (created if missing): 0, or -1 with errno set. */
int tcache_init(const char *dir);
/* Guest [lo, hi) holds code from the file open as host fd `fd` (mmap), or
 * named `path` (the ELF loader's copies); no-ops unless enabled. */
void tcache_add_file_fd(int fd, uint32_t lo, uint32_t hi);
void tcache_add_file_path(const char *path, uint32_t lo, uint32_t hi);
/* Append what this run translated to the cache files (at exit). */
void tcache_flush(void);

#endif
