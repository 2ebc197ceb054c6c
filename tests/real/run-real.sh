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
# With GUEST_ARCH=armel (or armhf) the stitch side is stitch-arm on
# Debian's armel (armhf: Thumb-2, VFP hard-float) packages of the same
# versions (sysroot $GUEST_SYSROOT, default BUILD_DIR/sysroot-ARCH), run
# twice: with -L, and through the sysroot's own loader (X = ld-linux.so.3,
# ld-linux-armhf.so.3, with --library-path ...); the native i386 run of
# the same scenario stays the oracle (issue 13: ARM's output must equal
# i386's).
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

PKGS="busybox-static coreutils gzip bzip2 xz-utils libc6 libgcc-s1 libbz2-1.0 liblzma5 libacl1
      libattr1 libgmp10 libselinux1 libpcre2-8-0 sqlite3 libsqlite3-0 libreadline8
      libtinfo6 zlib1g lua5.4 python3.11-minimal libpython3.11-minimal libpython3.11-stdlib
      libexpat1 libssl3 libcrypt1 libffi8 libuuid1 libncursesw6 libdb5.3 libnsl2 libtirpc3
      libgssapi-krb5-2 libkrb5-3 libk5crypto3 libcom-err2 libkrb5support0 libkeyutils1"
# shellcheck disable=SC2086
"$here/fetch-sysroot.sh" "$S" $PKGS || { echo "FAIL fetching the i386 sysroot"; exit 1; }

libs=$S/lib/i386-linux-gnu:$S/usr/lib/i386-linux-gnu
native_X="$S/lib/ld-linux.so.2 --library-path $libs"

# The guest side: "name|sysroot|X" per way of starting the programs.
guest_arch=${GUEST_ARCH:-i386}
case $guest_arch in
i386) ways=("stitch|$S|") ;;
armel | armhf)
    G=${GUEST_SYSROOT:-$build/sysroot-$guest_arch}
    mkdir -p "$G" || exit 2
    G=$(cd "$G" && pwd)
    # shellcheck disable=SC2086
    ARCH=$guest_arch "$here/fetch-sysroot.sh" "$G" $PKGS ||
        { echo "FAIL fetching the $guest_arch sysroot"; exit 1; }
    if [ "$guest_arch" = armel ]; then
        triplet=arm-linux-gnueabi ldso=ld-linux.so.3
    else
        triplet=arm-linux-gnueabihf ldso=ld-linux-armhf.so.3
    fi
    glibs=$G/lib/$triplet:$G/usr/lib/$triplet
    ways=("stitch|$G|" "stitch-ldso|$G|$G/lib/$ldso --library-path $glibs") ;;
*) echo "$0: unknown GUEST_ARCH $guest_arch (i386, armel or armhf)" >&2; exit 2 ;;
esac
work=$(mktemp -d "$build/real-run.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT

side() { # side DIR SYSROOT X CMD...
    local dir=$1 s=$2 x=$3; shift 3
    mkdir -p "$dir/tmp"
    ( cd "$dir/tmp" && ulimit -c 0 &&
      env -i PATH=/usr/bin:/bin LC_ALL=C TZ=UTC HOME="$dir/tmp" S="$s" X="$x" \
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
    side "$work/$n/native" "$S" "$native_X" "$S/bin/busybox" sh "$sc"
    # The native run is the oracle: it must itself succeed (status from a
    # "# status: N" line, default 0), or both sides failing alike would pass.
    want=$(sed -n 's/^# status: *//p' "$sc" | head -n 1)
    ns=$(cat "$work/$n/native/status")
    for way in "${ways[@]}"; do
        IFS='|' read -r wname gs gx <<<"$way"
        label=$n; [ ${#ways[@]} -gt 1 ] && label="$n ($wname)"
        side "$work/$n/$wname" "$gs" "$gx" "$stitch" ${STITCH_OPTS:-} -L "$gs" "$gs/bin/busybox" sh "$sc"
        why=
        [ "$ns" = "${want:-0}" ] ||
            why="native run failed: status $ns: $(head -c 200 "$work/$n/native/err")"
        cmp -s "$work/$n/native/out" "$work/$n/$wname/out" || why="${why:+$why, }stdout differs"
        ss=$(cat "$work/$n/$wname/status")
        [ "$ns" = "$ss" ] || why="${why:+$why, }status $ss vs $ns"
        is_pending=0
        case $PENDING in *" $n "*) is_pending=1 ;; esac
        if [ -z "$why" ]; then
            [ $is_pending = 1 ] && echo "XPASS $label (listed as pending)" || echo "PASS $label"
            pass=$((pass + 1))
        elif [ $is_pending = 1 ]; then
            echo "PENDING $label ($why)"
            pending=$((pending + 1))
        else
            echo "FAIL $label ($why)"
            fail=$((fail + 1))
            diff -u --label native --label "$wname" "$work/$n/native/out" "$work/$n/$wname/out" |
                head -20 | sed 's/^/  /'
            head -5 "$work/$n/$wname/err" | sed "s/^/  $wname stderr: /"
        fi
    done
done
echo "$pass passed, $fail failed, $pending pending (real programs)"
[ $fail -eq 0 ]
