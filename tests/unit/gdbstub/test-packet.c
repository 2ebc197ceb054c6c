/*
 * gdb's remote protocol framing (gdbstub/packet.c): checksums, acks,
 * retransmission on '-', Ctrl-C outside a packet, the binary escapes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <criterion/criterion.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "internal.h"

static int sv[2]; /* sv[0]: the stub's end, sv[1]: gdb's */

static void pair(void)
{
    cr_assert_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
}

static void teardown(void)
{
    close(sv[0]);
    close(sv[1]);
}

TestSuite(gdb_packet, .init = pair, .fini = teardown);

static void from_gdb(const char *s)
{
    cr_assert_eq(write(sv[1], s, strlen(s)), (ssize_t)strlen(s));
}

static char reply_byte(void)
{
    char c = 0;
    cr_assert_eq(read(sv[1], &c, 1), 1);
    return c;
}

Test(gdb_packet, good_checksum_is_acked)
{
    char buf[64];

    from_gdb("+$m1000,4#8e");
    cr_assert_eq(gdb_get_packet(sv[0], buf, sizeof(buf)), 7);
    cr_assert_str_eq(buf, "m1000,4");
    cr_assert_eq(reply_byte(), '+');
}

Test(gdb_packet, bad_checksum_asks_again)
{
    char buf[64];

    from_gdb("$g#00$g#67");
    cr_assert_eq(gdb_get_packet(sv[0], buf, sizeof(buf)), 1);
    cr_assert_str_eq(buf, "g");
    cr_assert_eq(reply_byte(), '-');
    cr_assert_eq(reply_byte(), '+');
}

Test(gdb_packet, ctrl_c_between_packets)
{
    char buf[64];

    from_gdb("\x03");
    cr_assert_eq(gdb_get_packet(sv[0], buf, sizeof(buf)), 1);
    cr_assert_eq(buf[0], 0x03);
}

Test(gdb_packet, put_frames_and_resends_on_nak)
{
    char frame[32] = {0};

    from_gdb("-+");
    cr_assert_eq(gdb_put_packet(sv[0], "OK", 2), 0);
    cr_assert_eq(read(sv[1], frame, 12), 12);
    cr_assert_eq(memcmp(frame, "$OK#9a$OK#9a", 12), 0);
}

Test(gdb_packet, escapes_round_trip)
{
    const uint8_t in[] = {'a', '$', '#', '}', '*', 0, 0xff};
    char esc[32];
    uint8_t back[32];
    size_t used;
    size_t n = gdb_escape(esc, sizeof(esc), in, sizeof(in), &used);

    cr_assert_eq(used, sizeof(in));
    cr_assert_eq(n, sizeof(in) + 4);
    cr_assert_eq(esc[1], '}');
    cr_assert_eq(esc[2], '$' ^ 0x20);
    cr_assert_eq(gdb_unescape(back, esc, n), (long)sizeof(in));
    cr_assert_eq(memcmp(back, in, sizeof(in)), 0);
}

Test(gdb_packet, escape_stops_when_full)
{
    const uint8_t in[] = {'#', '#', '#'};
    char esc[5];
    size_t used;

    cr_assert_eq(gdb_escape(esc, sizeof(esc), in, sizeof(in), &used), 4);
    cr_assert_eq(used, 2);
}

Test(gdb_packet, hex_round_trip_and_refusal)
{
    const uint8_t in[] = {0x00, 0x7f, 0xa5, 0xff};
    char hex[9] = {0};
    uint8_t back[4];

    cr_assert_eq(gdb_hex(hex, in, 4), 8);
    cr_assert_str_eq(hex, "007fa5ff");
    cr_assert_eq(gdb_unhex(back, hex, 4), 4);
    cr_assert_eq(memcmp(back, in, 4), 0);
    cr_assert_eq(gdb_unhex(back, "0g", 1), -1);
}
