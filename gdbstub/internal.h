/*
 * gdbstub/: the stub's internal interface (the public one is gdbstub.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_GDBSTUB_INTERNAL_H
#define STITCH_GDBSTUB_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "gdbstub.h"

/* The largest packet either side sends (qSupported's PacketSize). */
#define GDB_PACKET_MAX 16384

/* packet.c: the remote serial protocol's framing,
 * $<data>#<checksum>, acknowledged with + (gdb docs, "Overview"). */
/* Read one packet's data into buf (NUL-terminated); its length, or -1
 * when gdb is gone.  A 0x03 outside a packet is returned as "\x03". */
int gdb_get_packet(int fd, char *buf, size_t size);
/* Send data as one packet ($...#xx), waiting for gdb's +. */
int gdb_put_packet(int fd, const char *data, size_t len);
/* Append n bytes as hex / in the binary encoding ('}' escapes). */
size_t gdb_hex(char *out, const uint8_t *in, size_t n);
size_t gdb_escape(char *out, size_t room, const uint8_t *in, size_t n, size_t *used);
/* Decode hex / the binary encoding; the number of bytes, or -1. */
long gdb_unhex(uint8_t *out, const char *in, size_t n);
long gdb_unescape(uint8_t *out, const char *in, size_t len);

/* vfile.c: vFile:open/pread/close/fstat/setfs on the host's files, so gdb
 * reads the program and its libraries through the connection. */
void gdb_vfile(const GdbProcess *proc, const char *cmd, char *reply, size_t *len);
/* gdb is gone (or this is fork's child): the files it opened close. */
void gdb_vfile_close_all(void);

#endif
