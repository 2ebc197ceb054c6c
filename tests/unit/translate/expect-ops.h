/*
 * The fixture the op-buffer pass tests share (tests/unit/translate/G/):
 * compare the ops a pass left in gen_opc_buf with the ones expected,
 * naming both on a mismatch.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_TESTS_UNIT_TRANSLATE_EXPECT_OPS_H
#define STITCH_TESTS_UNIT_TRANSLATE_EXPECT_OPS_H

#include <criterion/criterion.h>
#include <stddef.h>
#include <stdint.h>

#include "op-gen.h"

static inline void expect_ops(const uint16_t *want, size_t n)
{
    cr_assert_eq(gen_opc_ptr - gen_opc_buf, (long)n, "op count");
    for (size_t i = 0; i < n; i++)
        cr_expect_eq(gen_opc_buf[i], want[i], "op %zu: %s, want %s", i,
                     op_info[gen_opc_buf[i]].name, op_info[want[i]].name);
}

/* EXPECT(op, ...): the buffer holds these ops, then the end marker. */
#define EXPECT(...)                                                        \
    do {                                                                   \
        const uint16_t want_[] = {__VA_ARGS__, INDEX_op_end};              \
        expect_ops(want_, sizeof(want_) / sizeof(want_[0]));               \
    } while (0)

#endif
