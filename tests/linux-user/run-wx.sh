#!/bin/bash
# run-wx.sh STITCH_I386 STITCH_ARM BUILD_DIR: the code buffer is never
# writable and executable through one mapping (W^X, exec/tb.c).  While a
# guest (tests/linux-user/wx-views.c, both guests, every engine mode) runs
# in a stitch process and in the child it forked, the host's
# /proc/PID/maps of each shows no rwx mapping, the code buffer as two views
# of one piece of shared anonymous memory (r-xs and rw-s, "/dev/zero
# (deleted)"), and the child's views are pages of their own (another
# inode) at the parent's executable address (a fork must not share the
# buffer the parent translates into).
set -u
. "$(dirname "$0")/both-guests.sh"
i386=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
arm=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
both_guests_build wx tests/linux-user/wx-views.c "$3"

# views MAPS: "START PERMS INODE" of each view of the code buffer.
views() { awk '/\/dev\/zero \(deleted\)/ { split($1, r, "-"); print r[1], $2, $5 }' "$1"; }

# check NAME: the maps saved as $out/parent.maps and $out/child.maps.
check() {
    local name=$1 p c
    for p in parent child; do
        if grep -qE '^[0-9a-f]+-[0-9a-f]+ rwx' "$out/$p.maps"; then
            fail "$name: no rwx mapping in the $p ($(grep -cE ' rwx' "$out/$p.maps") found)"
        else
            pass "$name: no rwx mapping in the $p"
        fi
        if [ "$(views "$out/$p.maps" | awk '{print $2}' | sort | tr '\n' ' ')" = "r-xs rw-s " ]; then
            pass "$name: the $p's code buffer is an r-x view and an rw- view"
        else
            fail "$name: the $p's code buffer views: $(views "$out/$p.maps" | tr '\n' ';')"
        fi
    done
    p=$(views "$out/parent.maps" | awk '$2 == "r-xs"')
    c=$(views "$out/child.maps" | awk '$2 == "r-xs"')
    if [ "${p%% *}" = "${c%% *}" ] && [ "${p##* }" != "${c##* }" ]; then
        pass "$name: the child's code is a copy at the parent's address"
    else
        fail "$name: parent's executable view '$p', child's '$c'"
    fi
}

for guest in i386 arm; do
    for mode in "" --interp --no-chain "-tb-size 64k"; do
        name="$guest${mode:+ $mode}"
        stitch=$i386
        [ $guest = arm ] && stitch=$arm
        rm -f "$out/fifo" "$out/stdout"
        mkfifo "$out/fifo"
        # shellcheck disable=SC2086 # $mode is words
        timeout 60 "$stitch" $mode "$out/wx-$guest" <"$out/fifo" >"$out/stdout" &
        run=$!
        exec 3>"$out/fifo"
        for _ in $(seq 200); do
            [ "$(wc -l <"$out/stdout")" -ge 2 ] && break
            sleep 0.1
        done
        ppid_=$(awk '$1 == "parent" {print $2}' "$out/stdout")
        cpid=$(awk '$1 == "child" {print $2}' "$out/stdout")
        if [ -n "$ppid_" ] && [ -n "$cpid" ]; then
            cat "/proc/$ppid_/maps" >"$out/parent.maps"
            cat "/proc/$cpid/maps" >"$out/child.maps"
            check "$name"
        else
            fail "$name: the guest did not start: $(tr '\n' ' ' <"$out/stdout")"
        fi
        exec 3>&-
        wait $run
        st=$?
        [ $st -eq 0 ] && pass "$name: the guest and its child exit 0" ||
            fail "$name: the guest exits with status $st"
    done
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
