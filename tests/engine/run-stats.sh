#!/bin/sh
# run-stats.sh STITCH BUILD_DIR: the engine's mechanisms, checked through
# --stats on guest programs the guest suite has built (output correctness is
# the guest suite's job; here: that each mechanism is really used).
#   - chaining: a 3*10^7-iteration loop enters the CPU loop only a few
#     thousand times; with --no-chain, at least once per iteration;
#   - indirect jumps: deep recursion (call/ret) stays in generated code;
#   - code buffer life cycle: a 64 KiB buffer is flushed many times;
#   - self-modifying code: patched code invalidates TBs;
#   - two tiers: a loop's blocks are translated again with the passes
#     after --tier0 runs, and never without --tier0 (the default);
#   - x87 pointers: x87 code that never reads them keeps them in the
#     host's x87; the first FNSTENV drops the TBs with x87 code that do,
#     without a flush, after which ops store them (op/i386/x87-fip.c).
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
stitch=$1 build=$2
g=$build/tests/guest
pass=0 fail=0

stat() { # stat NAME OPTIONS... PROGRAM: one --stats counter
    name=$1; shift
    "$stitch" --stats "$@" 2>&1 >/dev/null </dev/null |
        awk -v n="$name" '$1 == n { print $2 }'
}

check() { # check DESCRIPTION VALUE OP LIMIT
    if [ -n "$2" ] && [ "$2" "$3" "$4" ]; then
        echo "PASS $1 ($2 $3 $4)"; pass=$((pass + 1))
    else
        echo "FAIL $1 (got '${2}', want $3 $4)"; fail=$((fail + 1))
    fi
}

check "chained loop rarely returns to the CPU loop" \
    "$(stat loop_entries "$g/13-longloop-O2")" -lt 20000
check "without chaining every block returns to the loop" \
    "$(stat loop_entries --no-chain "$g/13-longloop-O2")" -gt 30000000
check "exits are chained" "$(stat chains_patched "$g/13-longloop-O2")" -gt 100
check "returns find their successor from generated code" \
    "$(stat loop_entries "$g/05-recursion-O2")" -lt 50000
check "a 64 KiB code buffer is flushed many times" \
    "$(stat flushes -tb-size 64k "$g/60-x87-ops-O2")" -gt 10
check "self-modifying code invalidates translations" \
    "$(stat tbs_invalidated "$g/38-smc-O2")" -gt 50
check "a hot loop's blocks are promoted to tier 1" \
    "$(stat tbs_promoted --tier0 512 "$g/13-longloop-O2")" -gt 0
check "and most of a program's blocks are not" \
    "$(stat tbs_promoted --tier0 512 "$g/13-longloop-O2")" -lt \
    "$(($(stat tbs_translated --tier0 512 "$g/13-longloop-O2") / 2))"
check "without --tier0 everything is translated with the passes at once" \
    "$(stat tbs_promoted "$g/13-longloop-O2")" -eq 0
check "so the flag pass runs on every block" \
    "$(stat flag_ops_removed "$g/13-longloop-O2")" -gt \
    "$(stat flag_ops_removed --tier0 512 "$g/13-longloop-O2")"

if [ "$(basename "$stitch")" = stitch-i386 ]; then
    check "x87 code that never reads its pointers keeps them in the host's x87" \
        "$(stat tbs_stale "$g/62-fp-kernels-O2")" -eq 0
    check "the first FNSTENV drops the TBs whose x87 code did not store them" \
        "$(stat tbs_stale "$g/85-x87-pointers-kept-O2")" -gt 0
    check "and only those: no flush" \
        "$(stat flushes "$g/85-x87-pointers-kept-O2")" -eq 0
    check "and indirect calls still find their successor from generated code" \
        "$(stat loop_entries "$g/85-x87-stored-indirect-O2")" -lt 50000
fi

# stitch's own stderr (-strace, --stats) is a private copy of fd 2: a guest
# that reuses number 2 for a file neither receives stitch's lines nor
# silences --stats.
out=$("$stitch" -strace "$g/44-stderr-reuse-O2" 2>/dev/null)
check "-strace lines stay out of a file the guest opened as fd 2" \
    "$(printf '%s' "$out" | grep -c 'read back 21 bytes')" -eq 1
check "--stats survives the guest closing fd 2" \
    "$(stat syscalls "$g/44-stderr-reuse-O2")" -gt 3

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
