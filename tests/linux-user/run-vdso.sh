#!/bin/bash
# run-vdso.sh STITCH_I386 STITCH_ARM BUILD_DIR: stitch provides no vDSO,
# as qemu-i386/qemu-arm 7.2 do not (docs/security.md says why), and says
# so consistently: no AT_SYSINFO_EHDR or AT_SYSINFO in the auxiliary
# vector and no [vdso]/[vvar] in /proc/self/maps, while glibc's clock
# calls (which use the vDSO natively) still tell the host's time through
# system calls.  The native i386 run shows what the kernel gives instead:
# an AT_SYSINFO_EHDR that is the start of the [vdso] line of its maps.
set -u
. "$(dirname "$0")/both-guests.sh"
both_guests_build vdso tests/linux-user/vdso-auxv.c "$3"

"$out/vdso-i386" >"$out/native.out" || fail "native run: status $?"
ehdr=$(sed -n 's/^AT_SYSINFO_EHDR 0x//p' "$out/native.out")
if [ -n "$ehdr" ] && grep -q "^map 0*$ehdr-[0-9a-f]* r-xp .*\[vdso\]" "$out/native.out"; then
    pass "native: AT_SYSINFO_EHDR is the start of [vdso] in maps"
else
    fail "native: AT_SYSINFO_EHDR '$ehdr', maps: $(grep '^map' "$out/native.out" | tr '\n' ';')"
fi

for guest in i386 arm; do
    stitch=$1
    [ $guest = arm ] && stitch=$2
    before=$(date +%s)
    "$stitch" "$out/vdso-$guest" >"$out/$guest.out" 2>"$out/$guest.err"
    st=$?
    after=$(date +%s)
    [ $st -eq 0 ] || fail "$guest: status $st: $(head -c 300 "$out/$guest.err")"
    if grep -qx "AT_SYSINFO_EHDR 0" "$out/$guest.out" && grep -qx "AT_SYSINFO 0" "$out/$guest.out"; then
        pass "$guest: no AT_SYSINFO_EHDR, no AT_SYSINFO"
    else
        fail "$guest: $(grep AT_ "$out/$guest.out" | tr '\n' ' ')"
    fi
    if grep -q '^map' "$out/$guest.out"; then
        fail "$guest: maps shows $(grep '^map' "$out/$guest.out" | tr '\n' ';')"
    else
        pass "$guest: no [vdso] or [vvar] in /proc/self/maps"
    fi
    read -r _ t1 t2 t3 < <(grep '^time' "$out/$guest.out")
    ok=1
    for t in ${t1:-0} ${t2:-0} ${t3:-0}; do
        [ "$t" -ge "$before" ] && [ "$t" -le "$after" ] || ok=0
    done
    [ $ok = 1 ] && pass "$guest: clock_gettime, gettimeofday and time tell the host's time" ||
        fail "$guest: times $t1 $t2 $t3 outside [$before, $after]"
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
