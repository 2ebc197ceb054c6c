#!/bin/bash
# run-proc-refused.sh STITCH_I386 STITCH_ARM BUILD_DIR: /proc/self/mem and
# /proc/self/map_files are refused (EACCES) by every name a guest has for
# them, on both guests (docs/security.md): they would hand the guest
# stitch's memory, its code buffer's writable view included.  A
# stitch-only check: natively, as root, they open.
set -u
. "$(dirname "$0")/both-guests.sh"
both_guests_build proc-refused tests/linux-user/proc-refused.c "$3"
for guest in i386 arm; do
    stitch=$1
    [ $guest = arm ] && stitch=$2
    "$stitch" "$out/proc-refused-$guest" >"$out/$guest.out" 2>&1
    st=$?
    lines=$(wc -l <"$out/$guest.out")
    bad=$(grep -v ' EACCES$' "$out/$guest.out")
    if [ $st -eq 0 ] && [ "$lines" -eq 14 ] && [ -z "$bad" ]; then
        pass "$guest: $lines names of mem and map_files refused with EACCES"
    else
        fail "$guest (status $st, $lines lines): $(tr '\n' ';' <"$out/$guest.out")"
    fi
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
