# runner-args.sh: the command line the differential runners share
# (tests/run-guest.sh, tests/run-arm.sh), sourced at their top level so it
# consumes their positional parameters:
#   [-j N] [-k] STITCH BUILD_DIR [test-name...]
# Sets jobs, keep, stitch (an absolute path; a bare name is looked up in
# PATH, e.g. qemu-i386) and build; "$@" is left with the test names.
# RUNNER_STITCH names the STITCH argument in the usage line.
# Also defines record_time, the runners' TEST_TIMES log.
#
# SPDX-License-Identifier: GPL-3.0-or-later

usage() {
    echo "usage: $0 [-j N] [-k] ${RUNNER_STITCH:-STITCH_BINARY} BUILD_DIR [test-name...]" >&2
    exit 2
}

jobs=1
keep=0
while [ $# -gt 0 ]; do
    case $1 in
    -j) [ $# -ge 2 ] || usage; jobs=$2; shift 2 ;;
    -j*) jobs=${1#-j}; shift ;;
    -k) keep=1; shift ;;
    --) shift; break ;;
    -*) usage ;;
    *) break ;;
    esac
done
[ $# -ge 2 ] || usage
case $jobs in '' | *[!0-9]* | 0) usage ;; esac

stitch=$1
build=$2
shift 2
if [ "${stitch#*/}" = "$stitch" ]; then
    name=$stitch
    stitch=$(command -v "$name") || { echo "$0: $name: not found" >&2; exit 2; }
fi
[ -x "$stitch" ] || { echo "$0: $stitch: not an executable" >&2; exit 2; }
stitch=$(cd "$(dirname "$stitch")" && pwd)/$(basename "$stitch")

# record_time NAME T0 T1: with TEST_TIMES, append NAME's build time (T0 to
# T1) and run time (T1 to now) to it.
record_time() {
    [ -n "${TEST_TIMES:-}" ] || return 0
    local now=$EPOCHREALTIME
    awk -v n="$1" -v a="${2/,/.}" -v b="${3/,/.}" -v c="${now/,/.}" \
        'BEGIN { printf "%s %.2f %.2f\n", n, b - a, c - b }' >>"$TEST_TIMES"
}
