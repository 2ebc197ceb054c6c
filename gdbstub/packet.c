/*
 * The remote serial protocol's framing (gdb manual, "Remote Protocol",
 * "Overview"): a packet is $<data>#<two hex digits>, the checksum being
 * the sum of the data bytes modulo 256; each side acknowledges a packet
 * with + (or asks again with -).  Binary data escapes $, #, } and * as
 * } followed by the byte XOR 0x20.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

static int get_byte(int fd)
{
    uint8_t c;

    for (;;) {
        ssize_t n = read(fd, &c, 1);
        if (n == 1)
            return c;
        if (n < 0 && errno == EINTR)
            continue;
        return -1;
    }
}

static int put_all(int fd, const char *p, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n, len -= (size_t)n;
    }
    return 0;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int gdb_get_packet(int fd, char *buf, size_t size)
{
    for (;;) {
        int c = get_byte(fd);
        if (c < 0)
            return -1;
        if (c == 0x03) {
            strcpy(buf, "\x03");
            return 1;
        }
        if (c != '$')
            continue; /* acks and noise between packets */
        size_t n = 0;
        unsigned sum = 0;
        while ((c = get_byte(fd)) >= 0 && c != '#') {
            if (n + 1 < size)
                buf[n++] = (char)c;
            sum += (unsigned)c;
        }
        int h = c < 0 ? -1 : hexval(get_byte(fd));
        int l = h < 0 ? -1 : hexval(get_byte(fd));
        if (l < 0)
            return -1;
        buf[n] = 0;
        if ((unsigned)(h << 4 | l) == (sum & 0xff) && n + 1 < size)
            return put_all(fd, "+", 1) < 0 ? -1 : (int)n;
        if (put_all(fd, "-", 1) < 0)
            return -1;
    }
}

int gdb_put_packet(int fd, const char *data, size_t len)
{
    static char frame[GDB_PACKET_MAX + 8];
    unsigned sum = 0;

    if (len > GDB_PACKET_MAX)
        len = GDB_PACKET_MAX;
    frame[0] = '$';
    memcpy(frame + 1, data, len);
    for (size_t i = 0; i < len; i++)
        sum += (uint8_t)data[i];
    static const char digits[] = "0123456789abcdef";
    frame[len + 1] = '#';
    frame[len + 2] = digits[sum >> 4 & 15];
    frame[len + 3] = digits[sum & 15];
    for (int tries = 0; tries < 8; tries++) {
        if (put_all(fd, frame, len + 4) < 0)
            return -1;
        int c;
        while ((c = get_byte(fd)) >= 0 && c != '+' && c != '-')
            ;
        if (c < 0)
            return -1;
        if (c == '+')
            return 0;
    }
    return -1;
}

size_t gdb_hex(char *out, const uint8_t *in, size_t n)
{
    static const char digits[] = "0123456789abcdef";

    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 15];
    }
    return 2 * n;
}

long gdb_unhex(uint8_t *out, const char *in, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int h = hexval(in[2 * i]), l = h < 0 ? -1 : hexval(in[2 * i + 1]);
        if (l < 0)
            return -1;
        out[i] = (uint8_t)(h << 4 | l);
    }
    return (long)n;
}

size_t gdb_escape(char *out, size_t room, const uint8_t *in, size_t n, size_t *used)
{
    size_t w = 0, i;

    for (i = 0; i < n; i++) {
        uint8_t c = in[i];
        int esc = c == '$' || c == '#' || c == '}' || c == '*';
        if (w + 1 + (size_t)esc > room)
            break;
        if (esc) {
            out[w++] = '}';
            c ^= 0x20;
        }
        out[w++] = (char)c;
    }
    *used = i;
    return w;
}

long gdb_unescape(uint8_t *out, const char *in, size_t len)
{
    size_t w = 0;

    for (size_t i = 0; i < len; i++) {
        uint8_t c = (uint8_t)in[i];
        if (c == '}') {
            if (++i == len)
                return -1;
            c = (uint8_t)in[i] ^ 0x20;
        }
        out[w++] = c;
    }
    return (long)w;
}
