#!/bin/bash
# run-proc-refused.sh STITCH_I386 STITCH_ARM BUILD_DIR: /proc/self/mem and
# /proc/self/map_files are refused (EACCES) by every name a guest has for
# them, on both guests (docs/security.md): they would hand the guest
# stitch's memory, its code buffer's writable view included.  A
# stitch-only check: natively, as root, they open.
set -u
mkdir -p "$3/tests/proc-refused" || exit 2
out=$(cd "$3/tests/proc-refused" && pwd)
${CC_I386:-i686-linux-gnu-gcc} -O1 -static -o "$out/refused-i386" tests/linux-user/proc-refused.c || exit 2
${CC_ARM:-arm-linux-gnueabi-gcc} -O1 -static -o "$out/refused-arm" tests/linux-user/proc-refused.c || exit 2
passed=0 failed=0
for guest in i386 arm; do
    stitch=$1
    [ $guest = arm ] && stitch=$2
    "$stitch" "$out/refused-$guest" >"$out/$guest.out" 2>&1
    st=$?
    lines=$(wc -l <"$out/$guest.out")
    bad=$(grep -v ' EACCES$' "$out/$guest.out")
    if [ $st -eq 0 ] && [ "$lines" -eq 14 ] && [ -z "$bad" ]; then
        echo "PASS $guest: $lines names of mem and map_files refused with EACCES"
        passed=$((passed + 1))
    else
        echo "FAIL $guest (status $st, $lines lines): $(tr '\n' ';' <"$out/$guest.out")"
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
