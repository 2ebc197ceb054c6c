#!/bin/bash
# run-strace.sh STITCH BUILD_DIR: -strace on string arguments it cannot
# read whole (tests/linux-user/strace-faults.c): an unmapped pointer, a
# MAP_SHARED page past the end of its file, a string that runs off into
# either; stitch must not die, and the line shows the address as strace
# does; a readable long string shows its first 64 bytes and "...".
# And the log goes on when the guest takes the numbers of stitch's own
# descriptors (tests/guest/99-proc-self-fd.c: dup2 onto 512 and 513,
# close_range(3, ~0U)): the guest's output as native, none of it in the
# log, the log to the end (exit_group), on stderr and with -D.
set -u
stitch=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
mkdir -p "$2/tests/strace" || exit 2
out=$(cd "$2/tests/strace" && pwd)
cc=${CC_I386:-i686-linux-gnu-gcc}
$cc -O1 -static -o "$out/strace-faults" tests/linux-user/strace-faults.c || exit 2
passed=0 failed=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }

(cd "$out" && "$stitch" -strace -D "$out/log" ./strace-faults >"$out/stdout" 2>"$out/err")
st=$?
[ $st -eq 0 ] && pass "-strace survives faulting string arguments" ||
    fail "-strace survives faulting string arguments (status $st)"
while read -r what addr; do
    if grep -qF "open($addr,0x0" "$out/log"; then
        pass "-strace prints the address of the $what string"
    else
        fail "-strace prints the address of the $what string ($addr): $(grep -c 'open(' "$out/log") open lines"
    fi
done < <(grep -v '^long' "$out/stdout")
if grep -qE "open\(\"a{64}\"\.\.\.,0x0" "$out/log"; then
    pass "-strace prints a long string's first 64 bytes and ..."
else
    fail "-strace prints a long string's first 64 bytes and ..."
fi
for w in unmapped past-eof; do
    addr=$(sed -n "s/^$w //p" "$out/stdout")
    if grep -F "open($addr,0x0" "$out/log" | grep -q "errno=14"; then
        pass "the $w call itself fails with EFAULT"
    else
        fail "the $w call itself fails with EFAULT"
    fi
done
$cc -O1 -static -o "$out/proc-self-fd" tests/guest/99-proc-self-fd.c || exit 2
(cd "$out" && ./proc-self-fd >"$out/fd-native" 2>&1)
for d in "" "-D $out/fd-log"; do
    rm -f "$out/fd-log"
    # shellcheck disable=SC2086  # $d is the option and its argument
    (cd "$out" && "$stitch" -strace $d ./proc-self-fd >"$out/fd-stdout" 2>"$out/fd-err")
    log=$out/fd-err
    [ -n "$d" ] && log=$out/fd-log
    what="-strace${d:+ -D} goes on after the guest's dup2 onto its descriptors and close_range"
    if cmp -s "$out/fd-native" "$out/fd-stdout" && grep -q "exit_group(0)" "$log" &&
        grep -q "close_range(3," "$log" && ! grep -q "written through" "$log"; then
        pass "$what"
    else
        fail "$what"
    fi
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
