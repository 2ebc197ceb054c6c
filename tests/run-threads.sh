#!/bin/bash
# run-threads.sh — the threaded guest tests, again and again (issue 15).
#
# usage: tests/run-threads.sh STITCH_BINARY BUILD_DIR [REPEAT [STITCH_ARM]]
#
# A race shows up once in many runs, so every tests/guest/*-threads-*
# program (built -O2) runs REPEAT times (default 20) in each of these
# engine modes, each run compared with the program's native run by
# run-guest.sh (GUEST_REPEAT):
#   all cores          the default
#   one core           taskset -c 0: other interleavings, and a guest
#                      spinning without yielding must still make progress
#   -tb-size 64k       code-buffer flushes (exclusive sections) all the time
#   --no-chain         every TB exit back through the loop
#   --threads=serial   one guest thread at a time (a failure that only
#                      shows in the other modes is a race in stitch)
#   --interp           the threaded interpreter (docs/interp.md): its
#                      chaining and faults under several guest threads
# With STITCH_ARM, the same programs built for ARM (-marm -O2, static;
# run-arm.sh, which skips those that are i386-specific and says why) run
# under it the same way, against their native i386 builds.
# The tests print counters next to their exact expected values, so a lost
# update, a torn value or a wrong thread fails whatever the native run
# printed; a hang fails by run-guest.sh's timeout.
#
# Output: one "mode: N passed, N failed" line per mode (tests passing all
# their runs); exit status 1 if any run failed.

set -u
[ $# -ge 2 ] || { echo "usage: $0 STITCH_BINARY BUILD_DIR [REPEAT [STITCH_ARM]]" >&2; exit 2; }
stitch=$1
build=$2
repeat=${3:-20}
stitch_arm=${4:-}
here=$(dirname "$0")
tests=$(cd "$here/guest" && ls -- *-threads-*.c | sed 's/\.c$//')
# THREAD_SKIP="name ...": tests left out, each for a reason the caller
# states (check-tsan).
for skip in ${THREAD_SKIP:-}; do
    tests=$(echo "$tests" | grep -vx -- "$skip")
done
[ -n "$tests" ] || { echo "$0: no threaded tests" >&2; exit 2; }

status=0
# run_mode NAME GUEST COMMAND...: one runner per mode and guest: each
# test runs natively once and under stitch REPEAT times (GUEST_REPEAT),
# two tests at a time.
run_mode() {
    local name=$1 guest=$2 line pass fail
    shift 2
    if [ "$guest" = i386 ]; then
        line=$(GUEST_REPEAT=$repeat GUEST_OPTS=O2 "$@" "$here/run-guest.sh" -j2 "$stitch" "$build" \
            $tests | tee "$build/run-threads.last" | tail -1)
    else
        line=$(GUEST_REPEAT=$repeat ARM_ISAS=arm ARM_OPTS=O2 ARM_LINKS=static "$@" \
            "$here/run-arm.sh" -j2 "$stitch_arm" "$build" $tests |
            tee "$build/run-threads.last" | tail -1)
    fi
    pass=$(echo "$line" | awk '{print $1}')
    fail=$(echo "$line" | awk '{print $3}')
    if [ "$fail" != 0 ]; then
        grep -A20 '^FAIL' "$build/run-threads.last" | head -40
    fi
    echo "$guest $name: $pass passed, $fail failed ($repeat stitch runs each)"
    [ "$fail" = 0 ] || status=1
}

for guest in i386 ${stitch_arm:+arm}; do
    run_mode "all cores" $guest env
    run_mode "one core" $guest taskset -c 0
    run_mode "-tb-size 64k" $guest env STITCH_OPTS="-tb-size 64k"
    run_mode "--no-chain" $guest env STITCH_OPTS=--no-chain
    run_mode "--threads=serial" $guest env STITCH_OPTS=--threads=serial
    run_mode "--interp" $guest env STITCH_OPTS=--interp
done
exit $status
