#!/bin/sh
# check-interp.sh OBJECT: an --interp handler object (op sources compiled
# with -DOP_INTERP, docs/interp.md) can be threaded only if every way out
# of a handler is a tail jump and all its code is in .text, which the
# Makefile renames stitch_interp so the fault handler knows a handler's PC.
# GCC 12 has no musttail: a NEXT() it did not turn into `jmp *` shows up
# as a `ret` or an indirect call.  This is the one check the interpreted
# build needs where the copied build needs dyngen's.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
obj=$1
bad=$(objdump -d --no-show-raw-insn "$obj" |
    awk '/^[0-9a-f]+ <.*>:$/ { fn = $2 }
         /\t(ret|retq|call +\*|callq +\*)/ { print fn, $0 }')
if [ -n "$bad" ]; then
    echo "$obj: a handler returns or calls through a pointer (NEXT() not a tail call):" >&2
    echo "$bad" | head -5 >&2
    exit 1
fi
other=$(objdump -h "$obj" | awk '/^ *[0-9]+ / { name = $2; getline; if ($0 ~ /CODE/ && name != ".text") print name }')
if [ -n "$other" ]; then
    echo "$obj: handler code outside .text: $other" >&2
    exit 1
fi
