#!/bin/bash
# run-dynamic.sh — guest programs linked dynamically (BRIEF §5: "static, and
# dynamic against the cross libc").
#
# usage: tests/real/run-dynamic.sh STITCH_BINARY BUILD_DIR [test-name...]
#
# Each selected tests/guest/NN-name.c is built with i686-linux-gnu-gcc -O2
# *without* -static into BUILD_DIR/tests/dynamic/. It runs natively through
# the cross sysroot's own loader (SYSROOT/lib/ld-linux.so.2 --library-path,
# so the host needs no i386 libc of its own) and under stitch with
# -L SYSROOT, where stitch loads the program's PT_INTERP (ld-linux.so.2)
# from the sysroot (and with $STITCH_OPTS, if set, before -L). stdout,
# stderr and the exit status must match.
# SYSROOT is $CROSS_SYSROOT or /usr/i686-linux-gnu.
set -u
[ $# -ge 2 ] || { echo "usage: $0 STITCH_BINARY BUILD_DIR [test...]" >&2; exit 2; }
stitch=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
build=$2
shift 2
src=$(cd "$(dirname "$0")/../guest" && pwd)
sysroot=${CROSS_SYSROOT:-/usr/i686-linux-gnu}
ld=$sysroot/lib/ld-linux.so.2
cc=${CC_I386:-i686-linux-gnu-gcc}
[ -e "$ld" ] || { echo "FAIL: $ld not found (install gcc-i686-linux-gnu)" >&2; exit 1; }
mkdir -p "$build/tests/dynamic" || exit 2
out=$(cd "$build/tests/dynamic" && pwd)
work=$(mktemp -d "$out/run.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT

# Programs that print no paths and need no per-test arguments.
tests=("$@")
[ ${#tests[@]} -gt 0 ] || tests=(01-hello 03-string 04-qsort-bsearch 06-malloc-stress 07-fileio
    16-sha256 17-lists-trees 20-setjmp 22-varargs 37-signals 40-alarm 41-sa-restart)

side() { # side DIR CMD...: run in a fresh directory, leave DIR/{out,err,status}
    local dir=$1; shift
    mkdir -p "$dir/tmp"
    ( cd "$dir/tmp" && ulimit -c 0 &&
      env -i PATH=/usr/local/bin:/usr/bin:/bin LC_ALL=C HOME="$dir/tmp" TMPDIR="$dir/tmp" \
          STITCH_TEST_VAR=hello timeout -k 5 60 "$@" </dev/null >"$dir/out" 2>"$dir/err"
      echo $? >"$dir/status" ) 2>/dev/null
}

pass=0 fail=0
for t in "${tests[@]}"; do
    bin=$out/$t
    if [ ! -e "$bin" ] || [ "$src/$t.c" -nt "$bin" ]; then
        "$cc" -O2 -o "$bin" "$src/$t.c" 2>"$work/$t.log" || {
            echo "FAIL $t-dynamic (build failed)"; sed 's/^/  /' "$work/$t.log" | head -5
            fail=$((fail + 1)); continue; }
    fi
    side "$work/$t/native" "$ld" --library-path "$sysroot/lib" "$bin"
    side "$work/$t/stitch" "$stitch" ${STITCH_OPTS:-} -L "$sysroot" "$bin"
    why=
    cmp -s "$work/$t/native/out" "$work/$t/stitch/out" || why="stdout differs"
    cmp -s "$work/$t/native/err" "$work/$t/stitch/err" || why="${why:+$why, }stderr differs"
    ns=$(cat "$work/$t/native/status") ss=$(cat "$work/$t/stitch/status")
    [ "$ns" = "$ss" ] || why="${why:+$why, }status $ss vs $ns"
    if [ -z "$why" ]; then
        echo "PASS $t-dynamic"; pass=$((pass + 1))
    else
        echo "FAIL $t-dynamic ($why)"; fail=$((fail + 1))
        diff -u "$work/$t/native/out" "$work/$t/stitch/out" | head -10 | sed 's/^/  /'
        diff -u "$work/$t/native/err" "$work/$t/stitch/err" | head -10 | sed 's/^/  /'
    fi
done
echo "$pass passed, $fail failed (dynamic)"
[ $fail -eq 0 ]
