#!/bin/bash
# run-vfp-programs.sh — the FP guest programs on stitch-arm's VFP.
#
# usage: tests/arm/run-vfp-programs.sh STITCH_ARM BUILD_DIR
#
# tests/guest/62-fp-kernels.c and 63-fp-kernels-sse2.c (n-body, spectral
# norm, mandelbrot, FFT, libm over ranges; every bit printed) built with
# $ARM_CROSS_CC -marm -mfloat-abi=softfp -mfpu=vfpv3-d16 at -O0 and -O2,
# static: the code computes in VFP registers while calls follow armel's
# soft-float ABI, so armel's libc links.  The expected output is the same
# source built for i386 with -msse2 -mfpmath=sse (IEEE double and single
# arithmetic, as VFP's) and run natively, byte for byte, except the lines
# that print libm's results ("libm ...", "libml ..."): those come from
# each architecture's own libm, which differ in the last bits, and are
# compared with the same ARM binary under qemu-arm -cpu cortex-a9 (whose
# VFP is softfloat) instead; without qemu-arm that half is reported as
# not checked and fails.  Each program runs as is, with --no-chain, with
# a 64 KiB code buffer and under --interp.
#
# With $ARMHF_CROSS_CC (arm-linux-gnueabihf-gcc) the same sources are also
# built for Debian armhf, the hard-float ABI (arguments and results in VFP
# registers, armhf's Thumb-2 libc), as -marm and as -mthumb, at -O0, -O2
# and -O3, against the same i386 references.
#
# -cpu: the same sources built soft-float for ARMv5TE (Debian armel's
# baseline) run under -cpu arm946, a core without VFP, against the same
# references (libm lines: qemu-arm -cpu arm946); and the softfp (VFP)
# build under -cpu arm946 must die of SIGILL at a VFP instruction
# (coprocessor 10 or 11, read from the binary at the pc stitch reports),
# as under qemu-arm -cpu arm946.
# Output: PASS/FAIL lines, then "N passed, N failed".

set -u
[ $# -eq 2 ] || { echo "usage: $0 STITCH_ARM BUILD_DIR" >&2; exit 2; }
stitch=$1
out=$2/tests/arm/vfp-programs
guest=$(cd "$(dirname "$0")/../guest" && pwd)
arm_cc=${ARM_CROSS_CC:-arm-linux-gnueabi-gcc}
armhf_cc=${ARMHF_CROSS_CC:-arm-linux-gnueabihf-gcc}
i386_cc=${CROSS_CC:-i686-linux-gnu-gcc}
qemu=${QEMU_ARM:-qemu-arm -cpu cortex-a9}
mkdir -p "$out" || exit 2

LIBM_LINES='^libml\? '
pass=0
fail=0
report() { # report NAME OK DETAIL
    if [ "$2" = 1 ]; then
        echo "PASS $1"
        pass=$((pass + 1))
    else
        echo "FAIL $1${3:+ ($3)}"
        fail=$((fail + 1))
    fi
}

# The builds: "TAG|COMPILER|FLAGS|LEVELS|CPU" (CPU: stitch's and qemu's
# -cpu; empty: stitch's default and $qemu).
variants=("softfp|$arm_cc|-marm -mfloat-abi=softfp -mfpu=vfpv3-d16|O0 O2|"
          "soft-v5|$arm_cc|-marm -march=armv5te -mfloat-abi=soft|O2|arm946")
if command -v "$armhf_cc" >/dev/null; then
    variants+=("hf-arm|$armhf_cc|-marm|O0 O2 O3" "hf-thumb|$armhf_cc|-mthumb|O0 O2 O3")
fi

for variant in "${variants[@]}"; do
  IFS='|' read -r tag cc flags levels cpu <<<"$variant"
  vqemu=$qemu
  [ -n "$cpu" ] && vqemu="${qemu%% *} -cpu $cpu"
  for src in 62-fp-kernels 63-fp-kernels-sse2; do
    for opt in $levels; do
        arm=$out/$src-$opt-$tag
        ref=$out/$src-$opt-i386
        lm="-Wl,--whole-archive -lm -Wl,--no-whole-archive"
        # shellcheck disable=SC2086
        if ! $cc $flags -static -$opt -o "$arm" "$guest/$src.c" $lm 2>"$arm.log" ||
            ! $i386_cc -msse2 -mfpmath=sse -static -$opt -o "$ref" "$guest/$src.c" $lm 2>"$ref.log"; then
            report "$src-$opt-$tag" 0 "build: $(head -n 1 "$arm.log" "$ref.log" | grep -v '^==' | head -n 1)"
            continue
        fi
        "$ref" >"$ref.out" 2>&1
        echo "status $?" >>"$ref.out"
        grep -v "$LIBM_LINES" "$ref.out" >"$ref.arith"
        have_qemu=0
        # shellcheck disable=SC2086
        if command -v ${qemu%% *} >/dev/null; then
            # shellcheck disable=SC2086
            timeout 300 $vqemu "$arm" >"$arm.qemu" 2>&1
            echo "status $?" >>"$arm.qemu"
            grep "$LIBM_LINES" "$arm.qemu" >"$arm.qemu-libm"
            have_qemu=1
        fi
        for way in "" "--no-chain" "-tb-size 64k" "--interp"; do
            name="$src-$opt-$tag${way:+ ($way)}"
            # shellcheck disable=SC2086
            timeout 300 "$stitch" $way ${cpu:+-cpu "$cpu"} "$arm" >"$arm.out" 2>&1
            echo "status $?" >>"$arm.out"
            grep -v "$LIBM_LINES" "$arm.out" >"$arm.arith"
            grep "$LIBM_LINES" "$arm.out" >"$arm.libm"
            if ! cmp -s "$ref.arith" "$arm.arith"; then
                report "$name" 0 "differs from native i386 -msse2 -mfpmath=sse"
                diff "$ref.arith" "$arm.arith" | head -n 10 | sed 's/^/    /'
            elif [ $have_qemu = 0 ]; then
                report "$name" 0 "libm lines not checked: ${qemu%% *} not found"
            elif ! cmp -s "$arm.qemu-libm" "$arm.libm"; then
                report "$name" 0 "libm lines differ from qemu-arm"
                diff "$arm.qemu-libm" "$arm.libm" | head -n 10 | sed 's/^/    /'
            else
                report "$name" 1
            fi
        done
    done
  done
done
# A VFP program on a core without VFP: SIGILL (status 128 + 4) at its
# first VFP instruction, a coprocessor 10/11 word (ARM ARM A5.6: bits
# 27:25 = 110 or 1110 with bit 4 = 0/1, bits 11:9 = 101).
vfp_bin=$out/62-fp-kernels-O2-softfp
if [ -x "$vfp_bin" ]; then
    objdump=${arm_cc%gcc}objdump
    { timeout 60 "$stitch" -cpu arm946 -d int -D "$vfp_bin.arm946.log" "$vfp_bin" >/dev/null 2>&1; } 2>/dev/null
    status=$?
    pc=$(sed -n 's/^guest signal 4 .* pc=\(0x[0-9a-f]*\).*/\1/p' "$vfp_bin.arm946.log" | head -n 1)
    word=
    [ -n "$pc" ] && word=$($objdump -d --start-address="$pc" --stop-address=$((pc + 4)) "$vfp_bin" |
        sed -n 's/^ *[0-9a-f]*:[[:space:]]*\([0-9a-f]\{8\}\)[[:space:]].*/\1/p' | head -n 1)
    ok=0
    if [ $status -eq 132 ] && [ -n "$word" ] &&
        [ $(((0x$word >> 9) & 7)) -eq 5 ] && [ $(((0x$word >> 25) & 7)) -ge 6 ]; then
        ok=1
    fi
    report "62-fp-kernels-O2-softfp -cpu arm946: SIGILL at a VFP instruction" $ok \
        "status $status, pc ${pc:-none}, word ${word:-none}"
    if command -v ${qemu%% *} >/dev/null; then
        { timeout 60 ${qemu%% *} -cpu arm946 "$vfp_bin" >/dev/null 2>&1; } 2>/dev/null
        qstatus=$?
        report "62-fp-kernels-O2-softfp under ${qemu%% *} -cpu arm946: SIGILL too" \
            $([ $qstatus -eq 132 ] && echo 1 || echo 0) "status $qstatus"
    fi
fi
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
