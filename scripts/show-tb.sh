#!/bin/sh
# show-tb.sh LOG BINARY FUNCTION: print, from a `-d in_asm,op,out_asm` log,
# the translation blocks whose guest code starts inside FUNCTION.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
log=$1 bin=$2 fn=$3
line=$(nm "$bin" | awk -v f="$fn" '$3 == f { print $1 }')
[ -n "$line" ] || { echo "show-tb: $fn not found in $bin" >&2; exit 1; }
start=$((0x$line))
size=$(nm -S "$bin" | awk -v f="$fn" '$4 == f { print $2 }')
end=$((start + 0x${size:-40}))
# A TB's block runs from "IN:" to the blank line closing its "OUT:" part.
gawk -v lo="$start" -v hi="$end" '
    /^-+$/ { if (show) exit; next }
    /^IN:/ { getline first; split(first, a, ":"); pc = strtonum(a[1]);
             show = (pc >= lo && pc < hi); if (show) print "IN:"; if (show) print first; next }
    show { print }
' "$log"
