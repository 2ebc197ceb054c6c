#!/bin/sh
# show-tb.sh LOG BINARY FUNCTION: print, from a `-d in_asm,op,out_asm` log,
# the translation blocks whose guest code starts inside FUNCTION.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
log=$1 bin=$2 fn=$3
sym=$(nm -S "$bin" | awk -v f="$fn" '$4 == f { print $1, $2 }')
[ -n "$sym" ] || { echo "show-tb: $fn not found in $bin" >&2; exit 1; }
set -- $sym
# Each TB's views start at a dashed rule, "IN:" and its first instruction.
awk -v start="$1" -v size="$2" '
    function hex(s,   i, v) {
        v = 0; s = tolower(s); sub(/^0x/, "", s)
        for (i = 1; i <= length(s); i++)
            v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
        return v
    }
    BEGIN { lo = hex(start); hi = lo + hex(size) }
    /^-+$/ { if (shown && show) exit; show = 0; next }
    /^IN:/ { getline first; split(first, a, ":"); pc = hex(a[1])
             show = pc >= lo && pc < hi
             if (show) { shown = 1; print "----------------"; print "IN:"; print first }
             next }
    show { print }
' "$log"
