#!/bin/bash
# run-threads.sh — the threaded guest tests, again and again (issue 15).
#
# usage: tests/run-threads.sh STITCH_BINARY BUILD_DIR [REPEAT]
#
# A race shows up once in many runs, so every tests/guest/*-threads-*
# program (built -O2) runs REPEAT times (default 20) in each of these
# engine modes, each run compared with the native one by run-guest.sh:
#   all cores          the default
#   one core           taskset -c 0: other interleavings, and a guest
#                      spinning without yielding must still make progress
#   -tb-size 64k       code-buffer flushes (exclusive sections) all the time
#   --no-chain         every TB exit back through the loop
#   --threads=serial   one guest thread at a time (a failure that only
#                      shows in the other modes is a race in stitch)
#   --interp           the threaded interpreter (docs/interp.md): its
#                      chaining and faults under several guest threads
# The tests print counters next to their exact expected values, so a lost
# update, a torn value or a wrong thread fails whatever the native run
# printed; a hang fails by run-guest.sh's timeout.
#
# Output: one "mode: N passed, N failed" line per mode; exit status 1 if
# any run failed.

set -u
[ $# -ge 2 ] || { echo "usage: $0 STITCH_BINARY BUILD_DIR [REPEAT]" >&2; exit 2; }
stitch=$1
build=$2
repeat=${3:-20}
here=$(dirname "$0")
tests=$(cd "$here/guest" && ls -- *-threads-*.c | sed 's/\.c$//')
# THREAD_SKIP="name ...": tests left out, each for a reason the caller
# states (check-tsan).
for skip in ${THREAD_SKIP:-}; do
    tests=$(echo "$tests" | grep -vx -- "$skip")
done
[ -n "$tests" ] || { echo "$0: no threaded tests" >&2; exit 2; }

status=0
run_mode() {
    local name=$1 pass=0 fail=0 line
    shift
    for _ in $(seq "$repeat"); do
        line=$("$@" "$here/run-guest.sh" -j2 "$stitch" "$build" $tests | tee "$build/run-threads.last" | tail -1)
        pass=$((pass + $(echo "$line" | awk '{print $1}')))
        fail=$((fail + $(echo "$line" | awk '{print $3}')))
        if [ "$(echo "$line" | awk '{print $3}')" != 0 ]; then
            grep -A20 '^FAIL' "$build/run-threads.last" | head -40
        fi
    done
    echo "$name: $pass passed, $fail failed"
    [ "$fail" = 0 ] || status=1
}

export GUEST_OPTS=O2
run_mode "all cores" env
run_mode "one core" taskset -c 0
run_mode "-tb-size 64k" env STITCH_OPTS="-tb-size 64k"
run_mode "--no-chain" env STITCH_OPTS=--no-chain
run_mode "--threads=serial" env STITCH_OPTS=--threads=serial
run_mode "--interp" env STITCH_OPTS=--interp
exit $status
