#!/bin/bash
# run-insn-tests.sh — the ARM instruction tests (tests/arm/*.c).
#
# usage: tests/arm/run-insn-tests.sh STITCH_ARM BUILD_DIR [test-name...]
#
# Each test is a program that runs ARM or Thumb instructions and checks them
# against the ARM Architecture Reference Manual's rules written into it
# (tests/arm/insn-test.h); it prints PASS/FAIL lines and exits 0 only if
# every check passed.  Built with $ARM_CROSS_CC (arm-linux-gnueabi-gcc)
# -marm -march=armv7-a, static (and again with -mthumb for the tests
# marked "thumb-too:"), and run under STITCH_ARM three ways: as
# is, with --no-chain, and with a 64 KiB code buffer (-tb-size 64k), so
# chaining and flushes are exercised too.  With QEMU_ARM set (e.g.
# QEMU_ARM="qemu-arm -cpu cortex-a15"), each test also runs under it as a
# second opinion; that line is information, never a failure (traps.c
# differs there by design: a Cortex-A15 has VFP and Thumb).
# Output: one line per test and way, then "N passed, N failed".

set -u
[ $# -ge 2 ] || { echo "usage: $0 STITCH_ARM BUILD_DIR [test...]" >&2; exit 2; }
stitch=$1
out=$2/tests/arm
shift 2
src=$(cd "$(dirname "$0")" && pwd)
cc=${ARM_CROSS_CC:-arm-linux-gnueabi-gcc}
mkdir -p "$out"

tests=("$@")
if [ ${#tests[@]} -eq 0 ]; then
    for f in "$src"/*.c; do tests+=("$(basename "$f" .c)"); done
fi

pass=0
fail=0
# run_test NAME BIN SRC FLAGS...: build SRC with FLAGS into BIN, run it
# the three ways; with $cpu set, under -cpu $cpu and with $cpu as argv[1].
cpu=
run_test() {
    local t=$1 bin=$2 file=$3 way name status
    shift 3
    # -Wa,--no-warn: SWP is deprecated on ARMv7 and tested on purpose.
    # shellcheck disable=SC2068 # the flags are words
    if ! $cc -march=armv7-a -O1 -static -Wall -Werror -Wa,--no-warn \
        $@ -I"$src" -o "$bin" "$file" 2>"$bin.build"; then
        echo "FAIL $t (build: $(head -1 "$bin.build"))"
        fail=$((fail + 1))
        return
    fi
    for way in "" "--no-chain" "-tb-size 64k"; do
        name="$t${way:+ ($way)}"
        # shellcheck disable=SC2086 # the options are words
        timeout 120 "$stitch" $way ${cpu:+-cpu "$cpu"} "$bin" $cpu >"$bin.out" 2>"$bin.err"
        status=$?
        if [ $status -eq 0 ] && [ ! -s "$bin.err" ] &&
            tail -1 "$bin.out" | grep -q '^PASS: '; then
            echo "PASS $name: $(tail -1 "$bin.out" | sed 's/^PASS: //')"
            pass=$((pass + 1))
        else
            echo "FAIL $name (exit $status)"
            grep -v '^PASS' "$bin.out" | head -20 | sed 's/^/    /'
            head -5 "$bin.err" | sed 's/^/    stderr: /'
            fail=$((fail + 1))
        fi
    done
    if [ -n "${QEMU_ARM:-}" ] && [ -n "$cpu" ] && [ "$cpu" != any ]; then
        # the same model under qemu-arm (its own -cpu replaced)
        timeout 120 "${QEMU_ARM%% *}" -cpu "$cpu" "$bin" "$cpu" >"$bin.qemu" 2>&1
        echo "INFO $t under ${QEMU_ARM%% *} -cpu $cpu: $(tail -1 "$bin.qemu")"
    elif [ -n "${QEMU_ARM:-}" ]; then
        # shellcheck disable=SC2086
        timeout 120 $QEMU_ARM "$bin" $cpu >"$bin.qemu" 2>&1
        echo "INFO $t under $QEMU_ARM: $(tail -1 "$bin.qemu")"
    fi
}

for t in "${tests[@]}"; do
    # A "cflags:" line in the test adds flags (-mthumb: a Thumb test); a
    # "thumb-too:" line builds and runs it a second time as Thumb-2, the
    # same checks with the condition of each instruction from an IT block
    # the assembler inserts.
    extra=$(sed -n 's@^ \* cflags: @@p' "$src/$t.c")
    # A "cpus:" line runs it once per -cpu model, the model as argv[1].
    cpus=$(sed -n 's@^ \* cpus: @@p' "$src/$t.c")
    if [ -n "$cpus" ]; then
        for cpu in $cpus; do
            run_test "$t-$cpu" "$out/$t-$cpu" "$src/$t.c" -marm $extra
        done
        cpu=
        continue
    fi
    run_test "$t" "$out/$t" "$src/$t.c" -marm $extra
    if grep -q '^ \* thumb-too:' "$src/$t.c"; then
        run_test "$t-thumb" "$out/$t-thumb" "$src/$t.c" -mthumb -Wa,-mimplicit-it=always
    fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
