#!/bin/bash
# run-fuzz.sh — the differential CPU fuzzer (issue 16; docs/divergences.md).
#
# usage: tests/fuzz-cpu/run-fuzz.sh STITCH_BINARY BUILD_DIR [N [SEED]]
#
# Builds tests/fuzz-cpu/fuzz-runner.c with the i386 cross compiler into
# BUILD_DIR/tests/fuzz-cpu/, runs its N sequences (default 20000, seed 1)
# natively and under stitch, and compares the hash lines.  For each of the
# first 5 sequences that differ it prints both sides' full state and then
# minimises: the shortest prefix of the sequence that already differs, and
# whether its last instruction alone, from the same starting state,
# differs too (then that instruction is the one-instruction reproducer,
# shown as bytes and disassembled).  Exit status 0 when nothing differs,
# 1 when something does, 2 on bad usage or a runner that does not run.

set -u
[ $# -ge 2 ] || { echo "usage: $0 STITCH_BINARY BUILD_DIR [N [SEED]]" >&2; exit 2; }
stitch=$1
build=$2
n=${3:-20000}
seed=${4:-1}
[ -x "$stitch" ] || { echo "$0: $stitch: not an executable" >&2; exit 2; }
case $n$seed in *[!0-9]*) echo "$0: N and SEED are numbers" >&2; exit 2 ;; esac
cc=${CC_I386:-i686-linux-gnu-gcc}
src=$(cd "$(dirname "$0")" && pwd)/fuzz-runner.c
out=$build/tests/fuzz-cpu
mkdir -p "$out" || exit 2
runner=$out/fuzz-runner
if [ ! -e "$runner" ] || [ "$src" -nt "$runner" ]; then
    "$cc" -static -O2 -msse2 -Wall -Wextra -Wno-missing-field-initializers \
        -o "$runner" "$src" || exit 2
fi

"$runner" "$seed" "$n" >"$out/native.txt" || { echo "$0: the runner failed natively" >&2; exit 2; }
"$stitch" "$runner" "$seed" "$n" >"$out/stitch.txt"
status=$?
diffs=$(diff "$out/native.txt" "$out/stitch.txt" | sed -n 's/^< \([0-9]*\) .*/\1/p')
count=$(printf '%s' "$diffs" | grep -c .)
if [ "$status" = 0 ] && [ "$count" = 0 ]; then
    echo "fuzz: $n sequences (seed $seed), no difference"
    exit 0
fi
[ "$status" = 0 ] || echo "fuzz: stitch exited with status $status"
echo "fuzz: $count of $n sequences (seed $seed) differ"

# one SEQ ARGS...: do native and stitch agree on `runner SEED -v SEQ ARGS`?
one() {
    local i=$1
    shift
    "$runner" "$seed" -v "$i" "$@" >"$out/one.native" 2>&1
    "$stitch" "$runner" "$seed" -v "$i" "$@" >"$out/one.stitch" 2>&1
    cmp -s "$out/one.native" "$out/one.stitch"
}

for i in $(printf '%s\n' "$diffs" | head -n 5); do
    echo "--- sequence $i"
    one "$i"
    diff -u --label native --label stitch "$out/one.native" "$out/one.stitch" | head -n 30
    len=$(grep -c '^insn ' "$out/one.native")
    for k in $(seq 1 "$len"); do
        one "$i" "$k" && continue
        echo "  first difference after instruction $((k - 1)) (of $len)"
        bytes=$(sed -n "s/^insn $((k - 1)): //p" "$out/one.native")
        if one "$i" -1 "$k"; then
            echo "  it does not differ alone: the state before it matters"
        else
            echo "  one-instruction reproducer: $bytes"
            # shellcheck disable=SC2059  # the format is the bytes as \xNN
            printf "$(printf '%s' "$bytes" | sed 's/\([0-9a-f][0-9a-f]\) */\\x\1/g')" >"$out/insn.bin"
            objdump -D -b binary -m i386 "$out/insn.bin" | sed -n '/<.data>:/,$p' | tail -n +2
        fi
        break
    done
done
exit 1
