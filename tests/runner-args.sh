# runner-args.sh: the command line the differential runners share
# (tests/run-guest.sh, tests/run-arm.sh), sourced at their top level so it
# consumes their positional parameters:
#   [-j N] [-k] STITCH BUILD_DIR [test-name...]
# Sets jobs, keep, stitch (an absolute path; a bare name is looked up in
# PATH, e.g. qemu-i386) and build; "$@" is left with the test names.
# RUNNER_STITCH names the STITCH argument in the usage line.
# Also defines record_time, the runners' TEST_TIMES log, and the kept
# native runs (native_kept, native_keep).
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

# A native run depends only on the binary (its args: and stdin: lines are
# compiled into it, through its source), so the first one a stitch run
# matched is kept next to the binary, as BIN.native/{out,err,status}, and
# the other suites and variants of make check that run BIN (each engine
# mode, each ARM build of the same source) compare with it instead of
# running it again.  Only a run that stitch matched is kept: a native run
# spoilt by chance (a timeout on a loaded machine) is not.  The environment
# that reaches the program is part of the key (STITCH_CPUID_NOSIMD).
native_dir() {
    echo "$1.native${STITCH_CPUID_NOSIMD:+-nosimd}"
}

# native_kept DIR BIN: copy BIN's kept native run into DIR, if there is
# one newer than BIN.
native_kept() {
    local kept
    kept=$(native_dir "$2")
    [ -e "$kept/status" ] && [ ! "$2" -nt "$kept/status" ] || return 1
    mkdir -p "$1" && cp "$kept/out" "$kept/err" "$kept/status" "$1/"
}

# native_keep DIR BIN: keep DIR's native run of BIN (after stitch matched it).
native_keep() {
    local kept tmp
    kept=$(native_dir "$2")
    [ -e "$kept/status" ] && [ ! "$2" -nt "$kept/status" ] && return 0
    tmp=$(mktemp -d "$kept.XXXXXX") || return 0
    cp "$1/out" "$1/err" "$1/status" "$tmp/"
    rm -rf "$kept"
    # Another runner may keep the same run at the same time: one wins.
    mv -T "$tmp" "$kept" 2>/dev/null || rm -rf "$tmp"
}
