#!/bin/bash
# run-sigreturn-cs64.sh STITCH BUILD_DIR: a sigreturn frame with CS 0x33
# (tests/linux-user/sigreturn-cs64.c).  The native run is the oracle for
# what the kernel does: the i386 task runs 64-bit code and comes back.
# stitch cannot (it translates i386 code); it must say so in one line and
# die of SIGSEGV as qemu-i386 7.2 does, without running the guest's
# SIGSEGV handler on a fault no kernel reports (docs/security.md).
set -u
stitch=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
mkdir -p "$2/tests/cs64" || exit 2
out=$(cd "$2/tests/cs64" && pwd)
${CC_I386:-i686-linux-gnu-gcc} -O1 -static -o "$out/sigreturn-cs64" tests/linux-user/sigreturn-cs64.c || exit 2
passed=0 failed=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }

(ulimit -c 0; "$out/sigreturn-cs64" >"$out/native.out" 2>&1)
st=$?
if [ $st -eq 0 ] && grep -q "eax 0: the stub ran in 64-bit mode" "$out/native.out"; then
    pass "natively, a sigreturn to CS 0x33 runs 64-bit code and comes back"
else
    fail "native run: status $st, $(tr '\n' ' ' <"$out/native.out")"
fi
(ulimit -c 0; "$stitch" "$out/sigreturn-cs64" >"$out/stitch.out" 2>"$out/stitch.err")
st=$?
if [ $st -eq $((128 + 11)) ]; then
    pass "stitch: the guest dies of SIGSEGV"
else
    fail "stitch: status $st (expected 139)"
fi
if [ ! -s "$out/stitch.out" ]; then
    pass "stitch: neither the stub's report nor the guest's SIGSEGV handler ran"
else
    fail "stitch: the guest printed $(tr '\n' ' ' <"$out/stitch.out")"
fi
if head -n 1 "$out/stitch.err" | grep -q "^stitch-i386: sigreturn to 64-bit code (cs 0x33, eip 0x[0-9a-f]*), which an i386 translator cannot run$"; then
    pass "stitch: one line says why"
else
    fail "stitch: stderr $(tr '\n' ' ' <"$out/stitch.err")"
fi
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
