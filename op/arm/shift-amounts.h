/*
 * The shift amounts 1-31 of the shifter's immediate forms (ARM ARM
 * A5.1.4-A5.1.12), one X(n) each: op/arm/op-arm.c defines an op per
 * amount and shift type (op_shll_T1_5 ...), translate/arm/dp.c indexes
 * them by amount.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_ARM_SHIFT_AMOUNTS_H
#define STITCH_ARM_SHIFT_AMOUNTS_H

#define SHIFT_AMOUNTS(X)                                                   \
    X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12) X(13)   \
    X(14) X(15) X(16) X(17) X(18) X(19) X(20) X(21) X(22) X(23) X(24)      \
    X(25) X(26) X(27) X(28) X(29) X(30) X(31)

#endif
