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
for f in "$here"/corpus/* "$here"/regressions/*; do
    [ -f "$f" ] || continue
    if "$harness" "$stitch" "$f"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
    fi
done
echo "fuzz replay: $passed passed, $failed failed"
[ $failed -eq 0 ]
