#!/bin/bash
# run-arm.sh — the ARM (armel) guest's program tests.
#
# usage: tests/run-arm.sh [-j N] [-k] STITCH_ARM BUILD_DIR [test-name...]
#
# Two kinds of test, each a program run under "STITCH_ARM $STITCH_OPTS":
#
# 1. The portable programs of tests/guest/ (the i386 suite's C sources),
#    built with arm-linux-gnueabi-gcc at each level of ARM_OPTS (default
#    "O0 O2") for each instruction set of ARM_ISAS (default "arm thumb":
#    -marm, and -mthumb -march=armv7-a, Thumb-2 code calling the ARM-state
#    libc, named "...-thumb"), static ("03-string-O2") and dynamic against
#    the cross libc ("03-string-O2-dyn", run with -L $ARM_SYSROOT).  No ARM
#    machine is at hand, so the expected output is the same source built
#    for i386 at the same level and run natively: stdout, stderr and the
#    exit status must match exactly.  Where the ARM ABI would make a
#    source print differently (char signedness, long double, alignment)
#    the source is made portable; the comparison is never weakened.  The
#    i386 binaries and their kept native runs are run-guest.sh's.  The
#    sources that cannot be portable are skipped by name below, with why.
#
# 2. The ARM tests of tests/arm-linux/ (NAME.c or NAME.S), built the same
#    way (static; a "cflags:" line adds flags), whose expected stdout is
#    NAME.expected, written from the ARM ARM and the kernel's rules (qemu-arm
#    is a second opinion, not the oracle); the exit status must be 0 and
#    stderr empty, or NAME.expected-stderr (stitch's own line for a child
#    the test lets die by a signal).
#
# Both sides of a run get the environment, directory, stdin and timeout
# tests/run-guest.sh gives (args:/stdin:/cflags: lines work the same).
# TEST_TIMES=FILE: each test appends "NAME BUILD_S RUN_S" to FILE (as
# tests/run-guest.sh does).
# Output: PASS/FAIL lines, then exactly one line "N passed, N failed".

set -u

RUNNER_STITCH=STITCH_ARM
# shellcheck source=runner-args.sh
. "$(dirname "$0")/runner-args.sh"

here=$(cd "$(dirname "$0")" && pwd)
guestdir=$here/guest
armdir=$here/arm-linux
mkdir -p "$build/tests/arm-linux/static/arm" "$build/tests/arm-linux/dynamic/arm" \
    "$build/tests/arm-linux/static/thumb" "$build/tests/arm-linux/dynamic/thumb" \
    "${I386_BUILD:-$build}/tests/guest" || exit 2
outdir=$(cd "$build/tests/arm-linux" && pwd)
# The i386 references are tests/run-guest.sh's binaries (the same
# compiler and flags, the same file names), in I386_BUILD (default
# BUILD_DIR): whichever suite runs first builds them, the others reuse them.
refdir=$(cd "${I386_BUILD:-$build}/tests/guest" && pwd)
arm_cc=${CC_ARM:-arm-linux-gnueabi-gcc}
i386_cc=${CC_I386:-i686-linux-gnu-gcc}
sysroot=${ARM_SYSROOT:-/usr/arm-linux-gnueabi}
for c in "$arm_cc" "$i386_cc"; do
    command -v "$c" >/dev/null || { echo "$0: $c: cross compiler not found" >&2; exit 2; }
done

# The tests/guest sources that are not portable C, and why.
skip_reason() {
    case $1 in
    33-flags | 34-strings | 35-misc-insns | 36-raw-syscalls | 70-smc-same-tb)
        echo "i386 assembly (.S)" ;;
    37-signals) echo "raises #UD with an inline i386 ud2" ;;
    38-smc | 71-code-on-stack | 72-mprotect-toggle)
        echo "writes i386 machine code (tests/arm-linux/private-calls.c has the ARM form)" ;;
    50-flags-exhaustive | 51-insn-gaps | 52-rotate-flags | 73-fault-context | 73-fused-reg-context | \
    73-carry-chain-context | \
    96-sigreturn-forged | 96-mxcsr-reserved)
        echo "i386 inline assembly" ;;
    82-threads-lock-ops)
        echo "LOCK-prefixed i386 instructions (ARM's atomics: tests/arm/excl.c)" ;;
    83-threads-tls) echo "reloads %gs, i386's TLS segment" ;;
    86-threads-smc | 97-threads-returns)
        echo "writes i386 machine code (tests/arm-linux/private-calls.c has the ARM form)" ;;
    96-returns) echo "i386 inline assembly and i386 machine code" ;;
    90-efault | 90-efault-shared-eof | 92-mm-bounds | 94-more-syscalls | 99-old-calls)
        echo "i386 system calls ARM's table does not have (time, mmap, utime, fadvise64, oldstat, readdir, signal)" ;;
    99-arch-prctl) echo "arch_prctl and CPUID are i386's" ;;
    99-exec-only)
        echo "i386 machine code, and PROT_EXEC alone is execute-only for an x86 kernel only (ARMv7 reads it)" ;;
    99-vfork-clone-pidfd) echo "a clone child in i386 inline assembly, on its parent's stack" ;;
    91-sigbus) echo "reads i386 registers from the signal context (ARM's: tests/arm-linux/faults.c)" ;;
    93-proc-self) echo "prints the length of its own command line, whose path differs per build" ;;
    95-elf-pages)
        echo "reads its own program headers, which only the i386 link lays out as it expects" ;;
    85-nx-read-implies-exec) echo "i386 assembly (.S)" ;;
    85-rdpid) echo "i386's RDPID instruction (CPUID leaf 7)" ;;
    99-sysconf-cache) echo "the cache sizes i386 glibc reads from CPUID" ;;
    85-x87-pointers | 85-x87-pointers-kept | 85-x87-stored-indirect) echo "x87 instructions and the i386 FPU state images" ;;
    85-nx-faults | 85-nx-execstack)
        echo "writes i386 machine code (tests/arm-linux/nx-faults.c has the ARM form)" ;;
    80-addr16 | 81-segments | 82-single-step | 83-exception-context | 84-bmi | 84-bmi-vexw | \
        85-fetch-faults | 76-sse-alignment | 77-alignment-check | 86-far-transfers | \
        86-segment-limits | 86-segment-limits-wide | 86-stack-segment | 86-stack-segment-16 | \
        86-segment-limits-masked | 87-maskmov)
        echo "i386 CPU behaviour in i386 inline assembly (issue 16)" ;;
    60-x87-ops) echo "x87 long double results" ;;
    62-fp-kernels)
        echo "i386 computes double in x87 extended precision, with x87 libm: last-bit differences" ;;
    61-sse-ops | 63-fp-kernels-sse2 | 64-sse-inline | 74-fp-signals | 65-sse3-ssse3 | 66-sse4 | 67-aes-clmul | \
        78-sse-host-cache)
        echo "SSE code (-msse2 ... -msse4.2 -maes)" ;;
    68-avx* | 69-avx-autovec)
        echo "AVX code (-mavx2 -mfma -mf16c)" ;;
    68-xsavec) echo "i386's XSAVEC and XGETBV (-mxsavec)" ;;
    99-mmap-large-hole)
        echo "one 2600 MiB hole: a dynamic program's PIE at 2/3 of TASK_SIZE splits it, on an ARM kernel too" ;;
    *) return 1 ;;
    esac
}

work=$(mktemp -d "$outdir/run.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
if [ $keep = 1 ]; then
    trap - EXIT
    echo "run directories kept in $work"
fi

directive() {
    sed -n "s@^[[:space:]/*#@]*$2:[[:space:]]*\\(.*\\)\$@\\1@p" "$1" | head -n 1 |
        sed 's@[[:space:]]*\*/[[:space:]]*$@@'
}

selected() {
    [ ${#filters[@]} -eq 0 ] && return 0
    local f
    for f in "${filters[@]}"; do
        case $1 in
        "$f" | "$f"-*) return 0 ;;
        esac
    done
    return 1
}

# build CC SRC BIN FLAGS...: compile if BIN is missing or older than SRC.
build() {
    local cc=$1 src=$2 bin=$3
    shift 3
    [ -e "$bin" ] && [ ! "$src" -nt "$bin" ] && return 0
    # shellcheck disable=SC2046  # cflags are words
    "$cc" "$@" $(directive "$src" cflags) -o "$bin.tmp$$" "$src" 2>"$bin.log" &&
        mv -f "$bin.tmp$$" "$bin"
}

run_side() {
    local dir=$1 in=$2
    shift 2
    mkdir -p "$dir/tmp"
    (
        cd "$dir/tmp" || exit 1
        ulimit -c 0
        env -i PATH=/usr/local/bin:/usr/bin:/bin LC_ALL=C HOME="$dir/tmp" \
            TMPDIR="$dir/tmp" STITCH_TEST_VAR=hello \
            timeout -k 5 "${GUEST_TIMEOUT:-60}" "$@" <"$in" >"$dir/out" 2>"$dir/err"
        echo $? >"$dir/status"
    ) 2>/dev/null
}

show_diff() {
    echo "  --- $1 (expected vs stitch):"
    diff -u --label expected --label stitch "$2" "$3" | head -n 20 | sed 's/^/  /'
}

stdin_of() {
    local in
    in=$(directive "$1" stdin)
    case $in in
    '') echo /dev/null ;;
    self) echo "$1" ;;
    *) echo "$(dirname "$1")/$in" ;;
    esac
}

# compare DIR EXPECTED_DIR NAME: the report of one run.
compare() {
    local dir=$1 exp=$2 name=$3 reasons=""
    cmp -s "$exp/out" "$dir/out" || reasons="stdout differs"
    cmp -s "$exp/err" "$dir/err" || reasons="${reasons:+$reasons, }stderr differs"
    if [ "$(cat "$exp/status")" != "$(cat "$dir/status")" ]; then
        reasons="${reasons:+$reasons, }status $(cat "$dir/status") vs $(cat "$exp/status")"
    fi
    if [ -z "$reasons" ]; then
        echo "PASS $name"
        return
    fi
    echo "FAIL $name ($reasons)"
    cmp -s "$exp/out" "$dir/out" || show_diff stdout "$exp/out" "$dir/out"
    cmp -s "$exp/err" "$dir/err" || show_diff stderr "$exp/err" "$dir/err"
}

build_failed() {
    echo "FAIL $1 (build failed)"
    head -n 20 "$2.log" | sed 's/^/  /'
}

# The compiler flags of an instruction set of ARM_ISAS.
isa_flags() {
    case $1 in
    arm) echo -marm ;;
    # +fp: armhf's hard-float ABI needs the FPU; armel's soft-float ABI
    # still emits no VFP instruction with it.
    thumb) echo -mthumb -march=armv7-a+fp ;;
    esac
}

# run_portable SRC OPT LINK NAME ISA: a tests/guest program against native i386.
run_portable() {
    local src=$1 opt=$2 link=$3 name=$4 isa=$5 in args t0=$EPOCHREALTIME t1
    # Every binary of a source has the same file name (argv[0] is printed),
    # in a directory per instruction set.
    local file=${name%-thumb} dir=$work/$name
    file=${file%-dyn}
    local bin=$outdir/$link/$isa/$file ref=$refdir/$file
    # shellcheck disable=SC2207  # flags are words
    local -a arm_flags=($(isa_flags "$isa") "-$opt") stitch_opts=()
    [ "$link" = static ] && arm_flags+=(-static)
    [ "$link" = dynamic ] && stitch_opts=(-L "$sysroot")
    {
        build "$arm_cc" "$src" "$bin" "${arm_flags[@]}" || { build_failed "$name" "$bin"; return; }
        # Both the static and the dynamic variant build the i386 reference;
        # one process at a time writes it.
        (flock 9; build "$i386_cc" "$src" "$ref" -static "-$opt") 9>"$ref.lock" ||
            { build_failed "$name (i386 reference)" "$ref"; return; }
        t1=$EPOCHREALTIME
        in=$(stdin_of "$src")
        args=$(directive "$src" args)
        eval "set -- $args"
        native_kept "$dir/native" "$ref" || run_side "$dir/native" "$in" "$ref" "$@"
        local run=0 report=PASS
        while [ "${report%% *}" = PASS ] && [ $run -lt "$repeat" ]; do
            run=$((run + 1))
            rm -rf "$dir/stitch"
            # shellcheck disable=SC2086  # STITCH_OPTS are words
            run_side "$dir/stitch" "$in" "$stitch" ${STITCH_OPTS:-} "${stitch_opts[@]}" "$bin" "$@"
            report=$(compare "$dir/stitch" "$dir/native" "$name")
        done
        [ "${report%% *}" = PASS ] && native_keep "$dir/native" "$ref"
        if [ "$repeat" -gt 1 ]; then
            [ "${report%% *}" = PASS ] && report="$report ($repeat stitch runs)" ||
                report="$report"$'\n'"  (stitch run $run of $repeat)"
        fi
        echo "$report"
    } >"$work/$name.report"
    [ $keep = 1 ] || rm -rf "$dir"
    record_time "$name" "$t0" "$t1"
}

# run_arm SRC NAME: a tests/arm-linux program against NAME.expected.
run_arm() {
    local src=$1 name=$2 in args t0=$EPOCHREALTIME t1
    local bin=$outdir/$name dir=$work/$name
    {
        build "$arm_cc" "$src" "$bin" -marm -O2 -static || { build_failed "$name" "$bin"; return; }
        t1=$EPOCHREALTIME
        in=$(stdin_of "$src")
        args=$(directive "$src" args)
        eval "set -- $args"
        mkdir -p "$dir/expected"
        cp "${src%.?}.expected" "$dir/expected/out"
        if [ -e "${src%.?}.expected-stderr" ]; then
            cp "${src%.?}.expected-stderr" "$dir/expected/err"
        else
            : >"$dir/expected/err"
        fi
        echo 0 >"$dir/expected/status"
        # shellcheck disable=SC2086  # STITCH_OPTS are words
        run_side "$dir/stitch" "$in" "$stitch" ${STITCH_OPTS:-} "$bin" "$@"
        compare "$dir/stitch" "$dir/expected" "$name"
    } >"$work/$name.report"
    [ $keep = 1 ] || rm -rf "$dir"
    record_time "$name" "$t0" "$t1"
}

# spawn CMD...: run one test, at most $jobs at a time.
spawn() {
    if [ "$jobs" -gt 1 ]; then
        while [ "$(jobs -pr | wc -l)" -ge "$jobs" ]; do wait -n; done
        "$@" &
    else
        "$@"
        cat "$work/${*: -1}.report"
    fi
}

# GUEST_REPEAT=N: a portable program's stitch side runs N times against
# its one native run (tests/run-threads.sh); the first that differs fails.
repeat=${GUEST_REPEAT:-1}
case $repeat in '' | *[!0-9]* | 0) echo "$0: GUEST_REPEAT must be a positive number" >&2; exit 2 ;; esac

filters=("$@")
names=()
for src in "$guestdir"/*.c "$guestdir"/*.S; do
    [ -e "$src" ] || continue
    base=$(basename "$src")
    base=${base%.?}
    if reason=$(skip_reason "$base"); then
        selected "$base" && echo "SKIP $base ($reason)"
        continue
    fi
    for isa in ${ARM_ISAS:-arm thumb}; do
        for opt in ${ARM_OPTS:-O0 O2}; do
            for link in ${ARM_LINKS:-static dynamic}; do
                name=$base-$opt
                [ $link = dynamic ] && name=$name-dyn
                [ "$isa" = thumb ] && name=$name-thumb
                selected "$name" || continue
                names+=("$name")
                spawn run_portable "$src" "$opt" "$link" "$name" "$isa"
            done
        done
    done
done
# ARM_LINUX_TESTS=no leaves part 2 out (the armhf run: those sources pin
# their own -march and are the armel run's).
for src in "$armdir"/*.c "$armdir"/*.S; do
    [ "${ARM_LINUX_TESTS:-yes}" = yes ] || break
    [ -e "$src" ] || continue
    name=arm-$(basename "${src%.?}")
    selected "$name" || continue
    names+=("$name")
    spawn run_arm "$src" "$name"
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
