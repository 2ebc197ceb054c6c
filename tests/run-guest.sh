#!/bin/bash
# run-guest.sh — the differential guest test suite (BRIEF §5).
#
# usage: tests/run-guest.sh [-j N] [-k] STITCH_BINARY BUILD_DIR [test-name...]
#
# Every tests/guest/NN-name.c or .S is built with the i386 cross compiler,
# static, once per variant in GUEST_OPTS (default: all of O0 O1 O2 O3 Os,
# i386 = -O2 -march=i386, p4 = -O2 -march=pentium4 -mno-sse; tests
# "NN-name-O0" ... "NN-name-p4"), into
# BUILD_DIR/tests/guest/, and rebuilt only when the source is newer. Each
# binary then runs natively (this host executes i386 code) and as
# "STITCH_BINARY $STITCH_OPTS binary args" (GUEST_REPEAT times, default
# once); the native run is the expected output. stdout,
# stderr and the exit status must match exactly.  A native run that stitch
# matched is kept next to the binary for the next suite that runs it
# (runner-args.sh, native_keep).
#
# Both runs get the same argv, the same stdin, the same clean environment
# (PATH, LC_ALL=C, STITCH_TEST_VAR=hello, TMPDIR and HOME set to a fresh empty
# directory that is also the working directory), a timeout of GUEST_TIMEOUT
# seconds (60; check-interp gives the interpreter, about ten times slower than
# copied code, 240) and no core dumps. Programs must not print the directory's name.
#
# Per-test settings are comment lines in the source (first one of each wins):
#   args: WORDS      arguments, shell-quoted ("two words" is one argument)
#   stdin: FILE      stdin from tests/guest/FILE; "self" means the source
#                    itself; default /dev/null
#   cflags: FLAGS    extra compiler flags (e.g. -nostdlib for a _start test)
#   stitch: OPTS     extra stitch options before STITCH_OPTS (e.g. -cpu qemu32
#                    for a test of a model that hides AVX)
#   levels: OPTS     the variants the test is built at when GUEST_OPTS is not
#                    given (check-guest's sweep of all seven), for a test of
#                    linux-user, not of code generation, whose -O level only
#                    reshuffles its own few lines of C; an explicit GUEST_OPTS
#                    (the engine, interp and threads suites) still applies
#
# TEST_TIMES=FILE: each test appends "NAME BUILD_S RUN_S" to FILE (wall
# seconds spent compiling and running it), to find a suite's slow tests.
#
# test-name selects tests: "03-string" (both levels), "03-string-O2" (one),
# or "03" (by number). -j N runs N tests at a time; -k keeps the run
# directories under BUILD_DIR/tests/guest/runs for inspection.
#
# Output: "PASS name" or "FAIL name (reasons)" with the first 20 lines of each
# differing stream, then exactly one line "N passed, N failed"; exit status 1
# if anything failed (2 on bad usage).

set -u

RUNNER_STITCH=STITCH_BINARY
# shellcheck source=runner-args.sh
. "$(dirname "$0")/runner-args.sh"

srcdir=$(cd "$(dirname "$0")/guest" && pwd)
mkdir -p "$build/tests/guest" || exit 2
outdir=$(cd "$build/tests/guest" && pwd)
cc=${CC_I386:-i686-linux-gnu-gcc}
command -v "$cc" >/dev/null || { echo "$0: $cc: cross compiler not found" >&2; exit 2; }

# A fresh scratch area for this invocation: reports and run directories.
work=$(mktemp -d "$outdir/run.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
if [ $keep = 1 ]; then
    trap - EXIT
    echo "run directories kept in $work"
fi

# directive SOURCE KEY: the text after "KEY:" on the first line that has it,
# without comment markers around it.
directive() {
    sed -n "s@^[[:space:]/*#]*$2:[[:space:]]*\\(.*\\)\$@\\1@p" "$1" | head -n 1 |
        sed 's@[[:space:]]*\*/[[:space:]]*$@@'
}

# selected NAME: is test NAME (e.g. 03-string-O2) requested on the command line?
selected() {
    [ ${#filters[@]} -eq 0 ] && return 0
    local f base=${1%-*}
    for f in "${filters[@]}"; do
        case $f in
        "$1" | "$base" | "${base%%-*}") return 0 ;;
        esac
    done
    return 1
}

# build SRC OPT BIN: compile if BIN is missing or older than SRC.
build() {
    local src=$1 opt=$2 bin=$3 flags
    [ -e "$bin" ] && [ ! "$src" -nt "$bin" ] && return 0
    flags=$(directive "$src" cflags)
    case $opt in
    i386) opt="O2 -march=i386" ;;
    p4) opt="O2 -march=pentium4 -mno-sse" ;;
    esac
    # shellcheck disable=SC2086  # cflags and opt are words
    "$cc" -static -$opt $flags -o "$bin.tmp$$" "$src" 2>"$bin.log" &&
        mv -f "$bin.tmp$$" "$bin"
}

# run_side DIR STDIN BIN ARGS...: run one side (native when $runner is empty)
# in a fresh directory, leaving DIR/{out,err,status}.
run_side() {
    local dir=$1 in=$2
    shift 2
    mkdir -p "$dir/tmp"
    (
        cd "$dir/tmp" || exit 1
        ulimit -c 0
        env -i PATH=/usr/local/bin:/usr/bin:/bin LC_ALL=C HOME="$dir/tmp" \
            TMPDIR="$dir/tmp" STITCH_TEST_VAR=hello \
            ${STITCH_CPUID_NOSIMD:+STITCH_CPUID_NOSIMD=$STITCH_CPUID_NOSIMD} \
            timeout -k 5 "${GUEST_TIMEOUT:-60}" "$@" <"$in" >"$dir/out" 2>"$dir/err"
        echo $? >"$dir/status"
    ) 2>/dev/null   # silences bash's job report when the guest dies by a signal
}

# show_diff LABEL A B: the first 20 lines of a unified diff, indented.
show_diff() {
    echo "  --- $1 (native vs stitch):"
    diff -u --label native --label stitch "$2" "$3" | head -n 20 | sed 's/^/  /'
}

# run_test SRC OPT NAME: build, run both sides, write $work/NAME.report.
run_test() {
    local src=$1 opt=$2 name=$3
    local bin=$outdir/$name dir=$work/$name report=$work/$name.report
    local in args sopts reasons="" ns ss t0=$EPOCHREALTIME t1
    build "$src" "$opt" "$bin"
    local built=$?
    t1=$EPOCHREALTIME
    if [ $built != 0 ]; then
        {
            echo "FAIL $name (build failed)"
            head -n 20 "$bin.log" | sed 's/^/  /'
        } >"$report"
        return
    fi
    in=$(directive "$src" stdin)
    case $in in
    '') in=/dev/null ;;
    self) in=$src ;;
    *) in=$srcdir/$in ;;
    esac
    args=$(directive "$src" args)
    sopts=$(directive "$src" stitch)
    eval "set -- $args"
    native_kept "$dir/native" "$bin" || run_side "$dir/native" "$in" "$bin" "$@"
    ns=$(cat "$dir/native/status")
    local run=0
    while [ -z "$reasons" ] && [ $run -lt "$repeat" ]; do
        run=$((run + 1))
        rm -rf "$dir/stitch"
        # shellcheck disable=SC2086  # the options are words (e.g. --no-chain)
        run_side "$dir/stitch" "$in" "$stitch" $sopts ${STITCH_OPTS:-} "$bin" "$@"
        ss=$(cat "$dir/stitch/status")
        cmp -s "$dir/native/out" "$dir/stitch/out" || reasons="stdout differs"
        cmp -s "$dir/native/err" "$dir/stitch/err" || reasons="${reasons:+$reasons, }stderr differs"
        if [ "$ns" != "$ss" ]; then
            reasons="${reasons:+$reasons, }status $ss vs $ns"
            [ "$ss" = 124 ] && reasons="$reasons: stitch timed out"
        fi
    done
    [ "$repeat" -gt 1 ] && [ -n "$reasons" ] && reasons="$reasons; stitch run $run of $repeat"
    [ -z "$reasons" ] && native_keep "$dir/native" "$bin"
    {
        if [ -z "$reasons" ]; then
            echo "PASS $name${repeat_note}"
        else
            echo "FAIL $name ($reasons)"
            cmp -s "$dir/native/out" "$dir/stitch/out" ||
                show_diff stdout "$dir/native/out" "$dir/stitch/out"
            cmp -s "$dir/native/err" "$dir/stitch/err" ||
                show_diff stderr "$dir/native/err" "$dir/stitch/err"
        fi
    } >"$report"
    [ $keep = 1 ] || rm -rf "$dir"
    record_time "$name" "$t0" "$t1"
}

# GUEST_REPEAT=N: the stitch side runs N times against the one native
# run (tests/run-threads.sh: a race shows once in many runs); the first
# run that differs fails the test.
repeat=${GUEST_REPEAT:-1}
case $repeat in '' | *[!0-9]* | 0) echo "$0: GUEST_REPEAT must be a positive number" >&2; exit 2 ;; esac
repeat_note=
[ "$repeat" -gt 1 ] && repeat_note=" ($repeat stitch runs)"

filters=("$@")
names=()
for src in $(printf '%s\n' "$srcdir"/*.c "$srcdir"/*.S | sort); do
    [ -e "$src" ] || continue
    base=$(basename "$src")
    base=${base%.?}
    levels=${GUEST_OPTS:-$(directive "$src" levels)}
    for opt in ${levels:-O0 O1 O2 O3 Os i386 p4}; do
        name=$base-$opt
        selected "$name" || continue
        names+=("$name")
        if [ "$jobs" -gt 1 ]; then
            while [ "$(jobs -pr | wc -l)" -ge "$jobs" ]; do wait -n; done
            run_test "$src" "$opt" "$name" &
        else
            run_test "$src" "$opt" "$name"
            cat "$work/$name.report"
        fi
    done
done
wait

passed=0
failed=0
for name in "${names[@]}"; do
    [ "$jobs" -gt 1 ] && cat "$work/$name.report"
    if head -n 1 "$work/$name.report" | grep -q '^PASS'; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
    fi
done
if [ ${#names[@]} -eq 0 ]; then
    echo "no test matches: ${filters[*]}" >&2
    failed=1
fi
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
