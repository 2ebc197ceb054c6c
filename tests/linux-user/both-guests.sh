# both-guests.sh, sourced by the linux-user checks that run one program
# under stitch-i386 and stitch-arm (run-wx.sh, run-vdso.sh,
# run-proc-refused.sh): both_guests_build NAME SOURCE BUILD_DIR builds
# SOURCE static for each guest as $out/NAME-i386 and $out/NAME-arm, with
# $out the directory BUILD_DIR/tests/NAME; exits 2 if it cannot.
# Also pass and fail, which count into $passed and $failed.
#
# SPDX-License-Identifier: GPL-3.0-or-later

both_guests_build() {
    mkdir -p "$3/tests/$1" || exit 2
    out=$(cd "$3/tests/$1" && pwd)
    ${CC_I386:-i686-linux-gnu-gcc} -O1 -static -o "$out/$1-i386" "$2" || exit 2
    ${CC_ARM:-arm-linux-gnueabi-gcc} -O1 -static -o "$out/$1-arm" "$2" || exit 2
}

passed=0 failed=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }
