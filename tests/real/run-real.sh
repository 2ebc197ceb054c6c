#!/bin/bash
# run-real.sh — unmodified Debian i386 programs, native vs stitch (BRIEF §5).
#
# usage: tests/real/run-real.sh STITCH_BINARY BUILD_DIR [scenario...]
#
# The packages are fetched once into $SYSROOT, default BUILD_DIR/sysroot
# (fetch-sysroot.sh;
# a package that cannot be downloaded fails the run, nothing is skipped
# silently). Each tests/real/scenarios/NAME.sh is a script for the
# sysroot's busybox sh, run in a fresh directory:
#   native:  S/bin/busybox sh NAME.sh
#   stitch:  stitch $STITCH_OPTS -L S S/bin/busybox sh NAME.sh
# The busybox applets the script uses run inside that shell (or, exec'd,
# under stitch again); dynamic programs are called as "$X $S/usr/bin/prog",
# where X is the sysroot's loader natively (the host needs no i386 libc)
# and empty under stitch, which loads their PT_INTERP from -L itself.
# stdout and the exit status must match, and the native run must end with
# the scenario's expected status ("# status: N", default 0). Scenarios listed in PENDING need
# a feature stitch does not have yet: they are run and reported as PENDING
# (or XPASS), and do not fail the run.
set -u
[ $# -ge 2 ] || { echo "usage: $0 STITCH_BINARY BUILD_DIR [scenario...]" >&2; exit 2; }
stitch=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
build=$(cd "$2" && pwd)
shift 2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "${SYSROOT:-$build/sysroot}" || exit 2
S=$(cd "${SYSROOT:-$build/sysroot}" && pwd)   # shared with bench/ (same cache layout)

# Scenarios that need a feature stitch lacks (none at the moment).
PENDING=" "

PKGS="busybox-static coreutils gzip bzip2 xz-utils libc6 libbz2-1.0 liblzma5 libacl1
      libattr1 libgmp10 libselinux1 libpcre2-8-0 sqlite3 libsqlite3-0 libreadline8
      libtinfo6 zlib1g lua5.4 python3.11-minimal libpython3.11-minimal libpython3.11-stdlib
      libexpat1 libssl3 libcrypt1 libffi8 libuuid1 libncursesw6 libdb5.3 libnsl2 libtirpc3
      libgssapi-krb5-2 libkrb5-3 libk5crypto3 libcom-err2 libkrb5support0 libkeyutils1"
# shellcheck disable=SC2086
"$here/fetch-sysroot.sh" "$S" $PKGS || { echo "FAIL fetching the i386 sysroot"; exit 1; }

libs=$S/lib/i386-linux-gnu:$S/usr/lib/i386-linux-gnu
native_X="$S/lib/ld-linux.so.2 --library-path $libs"
work=$(mktemp -d "$build/real-run.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT

side() { # side DIR X CMD...
    local dir=$1 x=$2; shift 2
    mkdir -p "$dir/tmp"
    ( cd "$dir/tmp" && ulimit -c 0 &&
      env -i PATH=/usr/bin:/bin LC_ALL=C TZ=UTC HOME="$dir/tmp" S="$S" X="$x" \
          timeout -k 5 300 "$@" </dev/null >"$dir/out" 2>"$dir/err"
      echo $? >"$dir/status" ) 2>/dev/null
}

names=("$@")
if [ ${#names[@]} -eq 0 ]; then
    for f in "$here"/scenarios/*.sh; do n=${f##*/}; names+=("${n%.sh}"); done
fi
pass=0 fail=0 pending=0
for n in "${names[@]}"; do
    sc=$here/scenarios/$n.sh
    side "$work/$n/native" "$native_X" "$S/bin/busybox" sh "$sc"
    side "$work/$n/stitch" "" "$stitch" ${STITCH_OPTS:-} -L "$S" "$S/bin/busybox" sh "$sc"
    why=
    # The native run is the oracle: it must itself succeed (status from a
    # "# status: N" line, default 0), or both sides failing alike would pass.
    want=$(sed -n 's/^# status: *//p' "$sc" | head -n 1)
    [ "$(cat "$work/$n/native/status")" = "${want:-0}" ] ||
        why="native run failed: status $(cat "$work/$n/native/status"): $(head -c 200 "$work/$n/native/err")"
    cmp -s "$work/$n/native/out" "$work/$n/stitch/out" || why="stdout differs"
    ns=$(cat "$work/$n/native/status") ss=$(cat "$work/$n/stitch/status")
    [ "$ns" = "$ss" ] || why="${why:+$why, }status $ss vs $ns"
    is_pending=0
    case $PENDING in *" $n "*) is_pending=1 ;; esac
    if [ -z "$why" ]; then
        [ $is_pending = 1 ] && echo "XPASS $n (listed as pending)" || echo "PASS $n"
        pass=$((pass + 1))
    elif [ $is_pending = 1 ]; then
        echo "PENDING $n ($why)"
        pending=$((pending + 1))
    else
        echo "FAIL $n ($why)"
        fail=$((fail + 1))
        diff -u --label native --label stitch "$work/$n/native/out" "$work/$n/stitch/out" |
            head -20 | sed 's/^/  /'
        head -5 "$work/$n/stitch/err" | sed 's/^/  stitch stderr: /'
    fi
done
echo "$pass passed, $fail failed, $pending pending (real programs)"
[ $fail -eq 0 ]
