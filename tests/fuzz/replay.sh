#!/bin/bash
# replay.sh — the saved fuzzing inputs against stitch's bad-input contract.
#
# usage: tests/fuzz/replay.sh STITCH_BINARY HARNESS
#
# Every file of tests/fuzz/corpus/ (the seeds of `make fuzz-elf`) and
# tests/fuzz/regressions/ (inputs the fuzzer found, once crashes or broken
# contracts, fixed since) runs under stitch through the harness
# (tests/fuzz/harness.c): no death by a host signal of stitch's own, a
# refusal is one line with status 126/127, no sanitizer report.  Runs in a
# scratch directory.  Prints FAIL lines, then "N passed, N failed".
set -u
[ $# -eq 2 ] || { echo "usage: $0 STITCH_BINARY HARNESS" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
stitch=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
harness=$2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export FUZZ_SCRATCH=$scratch
passed=0
failed=0
expected=$here/regressions/expected-status
for f in "$here"/corpus/* "$here"/regressions/*; do
    [ -f "$f" ] && [ "$f" != "$expected" ] || continue
    ok=1
    "$harness" -s "$stitch" "$f" || ok=0
    want=$(awk -v n="$(basename "$f")" '$1 == n { print $2 }' "$expected" 2>/dev/null)
    if [ $ok = 1 ] && [ -n "$want" ]; then
        cp "$f" "$scratch/input" && chmod 700 "$scratch/input"
        (cd "$scratch" && timeout -k 2 10 "$stitch" ./input </dev/null >/dev/null 2>&1)
        got=$?
        if [ "$got" != "$want" ]; then
            echo "FAIL $(basename "$f"): status $got, want $want"
            ok=0
        fi
    fi
    if [ $ok = 1 ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
    fi
done
echo "fuzz replay: $passed passed, $failed failed"
[ $failed -eq 0 ]
