#!/bin/bash
# run-afl.sh — AFL++ on stitch-i386's ELF loader and start-up, for a
# fixed budget (make fuzz-elf; not part of make check).
#
# usage: tests/fuzz/run-afl.sh BUILD_DIR MINUTES
#
# BUILD_DIR holds the coverage build (make FUZZ=1): stitch-i386 with
# linux-user/ instrumented, fuzz-harness and allow-exec.so.  afl-fuzz runs
# stitch directly, with its fork server, in a scratch directory (a mutated
# program's system calls land there), allow-exec.so preloaded so that the
# 0600 input file may run.  afl-fuzz counts every death by a signal as a
# crash, and a mutated program may well die of its own SIGSEGV or SIGILL
# as natively; so afterwards every input it kept (queue, crashes, hangs)
# is replayed through the harness (tests/fuzz/harness.c), which tells a
# guest's death (stitch's "uncaught guest signal" line first) from
# stitch's own and checks the rest of the bad-input contract (a refusal
# is one line with status 126/127, no sanitizer report).  The coverage
# build is not sanitized, so with SANITIZED_STITCH (an ASan/UBSan build,
# make SANITIZE=1) every kept input is replayed through it too, where an
# ASan or UBSan report breaks the contract.  Prints the budget's numbers
# and each input that breaks the contract; exits 1 if there is one.
set -u
[ $# -eq 2 ] || [ $# -eq 3 ] || { echo "usage: $0 BUILD_DIR MINUTES [SANITIZED_STITCH]" >&2; exit 2; }
build=$(cd "$1" && pwd)
minutes=$2
sanitized=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
command -v afl-fuzz >/dev/null || { echo "$0: afl-fuzz not found (apt-get install afl++)" >&2; exit 2; }
out=$build/afl-out
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
rm -rf "$out"
export FUZZ_SCRATCH=$scratch
export AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1
export AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
ulimit -c 0
export AFL_PRELOAD=$build/allow-exec.so FUZZ_INPUT=$out/default/.cur_input
# make check's ASAN_OPTIONS (exported by the Makefile) lacks the
# abort_on_error=1 and symbolize=0 that afl-fuzz insists on, and the
# coverage build is not sanitized: afl-fuzz gets its own defaults.
(unset ASAN_OPTIONS; cd "$scratch" && afl-fuzz -V $((minutes * 60)) -i "$here/corpus" -o "$out" -m none -t 5000 \
    -- "$build/stitch-i386" "$FUZZ_INPUT") >"$build/afl.log" 2>&1
unset AFL_PRELOAD FUZZ_INPUT
stats=$out/default/fuzzer_stats
if [ ! -f "$stats" ]; then
    echo "$0: afl-fuzz did not run; see $build/afl.log" >&2
    tail -n 20 "$build/afl.log" >&2
    exit 2
fi
grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|bitmap_cvg) ' "$stats"
status=0
# replay STITCH: every kept input through the harness; "N inputs, verdict".
replay() {
    local n=0 bad=0
    for f in "$out"/default/queue/id* "$out"/default/crashes/id* "$out"/default/hangs/id*; do
        [ -f "$f" ] || continue
        n=$((n + 1))
        "$build/fuzz-harness" "$1" "$f" || bad=1
    done
    [ $bad = 0 ] || status=1
    echo "$n inputs, $([ $bad = 0 ] && echo "contract held" || echo "FAILURES above")"
}
echo "replayed through the harness: $(replay "$build/stitch-i386")"
if [ -n "$sanitized" ]; then
    export FUZZ_SCRATCH=$scratch
    echo "replayed through the ASan/UBSan build: $(replay "$(cd "$(dirname "$sanitized")" && pwd)/$(basename "$sanitized")")"
fi
exit $status
