/*
 * Guest symbols (symbols.c): guest addresses named function+offset, from
 * the symbol tables of the program and of the files the guest maps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_SYMBOLS_H
#define STITCH_SYMBOLS_H

#include <stddef.h>
#include <stdint.h>

/* Start recording images and mappings (before the program is loaded);
 * without it the two add functions return at once. */
void symbols_enable(void);
extern int symbols_enabled;

/* The loader placed `path` at `bias`, covering guest [lo, hi). */
void symbols_add_image(const char *path, uint32_t bias, uint32_t lo, uint32_t hi);
/* mmap put `len` bytes of the file open as host fd `fd`, from `offset`,
 * at guest `addr`, executable. */
void symbols_add_mapping(int fd, uint32_t addr, uint32_t len, uint64_t offset);

/* "name+0x12" (or "name") for pc: 1; "guest-0x0804a000" when no symbol
 * covers it: 0. */
int symbols_lookup(uint32_t pc, char *buf, size_t size);

#endif
