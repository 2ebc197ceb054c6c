#!/bin/sh
# run-tcache.sh STITCH BUILD_DIR: the persistent translation cache
# (-tcache DIR, docs/tcache.md) on guest programs the guest suite has
# built.  The oracle is the native run: a cached run must behave exactly
# like it, whatever state the cache directory is in.
#   - a warm second run gives the same output and takes its TBs from the
#     cache (--stats tcache_hits), translating nothing new;
#   - STITCH_TCACHE is the option's environment variable;
#   - a program changed in place at the same path, with the same size and
#     mtime (so the same cache file), is not served its old code;
#   - another stitch binary (another build id) or another -cpu model never
#     reads the entries;
#   - truncated and garbage cache files are survived, reported by one
#     -d tcache line at most, and replaced;
#   - two runs filling one directory at once leave it readable;
#   - self-modifying code still runs right with a warm cache;
#   - an unusable directory is one error line and exit status 1.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
stitch=$1 build=$2
g=$build/tests/guest
t=$build/tests/engine/tcache
pass=0 fail=0
rm -rf "$t"
mkdir -p "$t"

check() { # check DESCRIPTION VALUE OP LIMIT
    if [ -n "$2" ] && [ "$2" "$3" "$4" ]; then
        echo "PASS $1 ($2 $3 $4)"; pass=$((pass + 1))
    else
        echo "FAIL $1 (got '${2}', want $3 $4)"; fail=$((fail + 1))
    fi
}

same() { # same DESCRIPTION FILE1 FILE2
    if cmp -s "$2" "$3"; then
        echo "PASS $1"; pass=$((pass + 1))
    else
        echo "FAIL $1 ($2 and $3 differ)"; fail=$((fail + 1))
    fi
}

# run NAME PROGRAM [STITCH OPTIONS...]: stdout and exit status to
# $t/NAME.out, --stats to $t/NAME.stats
run() {
    r_name=$1 r_prog=$2; shift 2
    "$stitch" --stats "$@" "$r_prog" >"$t/$r_name.out" 2>"$t/$r_name.stats" </dev/null
    echo "exit $?" >>"$t/$r_name.out"
}
native() { # native NAME PROGRAM
    "$2" >"$t/$1.out" 2>/dev/null </dev/null
    echo "exit $?" >>"$t/$1.out"
}
stat_of() { awk -v n="$1" '$1 == n { print $2 }' "$t/$2.stats"; }

prog=$g/04-qsort-bsearch-O2
native ref "$prog"
run cold "$prog" -tcache "$t/c1"
run warm "$prog" -tcache "$t/c1"
same "a cold run with -tcache matches native" "$t/ref.out" "$t/cold.out"
same "a warm run matches native" "$t/ref.out" "$t/warm.out"
check "the cold run saves its TBs" "$(stat_of tcache_saved cold)" -gt 100
check "the warm run takes its TBs from the cache" \
    "$(stat_of tcache_hits warm)" -eq "$(stat_of tbs_translated warm)"
check "the warm run saves nothing new" "$(stat_of tcache_saved warm)" -eq 0
STITCH_TCACHE=$t/c1 run env "$prog"
check "STITCH_TCACHE names the directory" "$(stat_of tcache_hits env)" -gt 100
# Another -cpu model translates some instructions to #UD: it must not be
# served the default model's TBs, and keeps a file of its own.
run model1 "$prog" -tcache "$t/c1" -cpu pentiumpro
run model2 "$prog" -tcache "$t/c1" -cpu pentiumpro
same "a run under another -cpu model matches native" "$t/ref.out" "$t/model1.out"
check "another -cpu model takes nothing from the default model's file" \
    "$(stat_of tcache_hits model1)" -eq 0
check "... and its second run takes its TBs from its own" \
    "$(stat_of tcache_hits model2)" -gt 100

# A program rewritten in place: same inode, size and mtime, one code byte
# different (09-return7's `mov $7,%eax` made `mov $5,%eax`).
cp -p "$g/09-return7-O2" "$t/prog"
run p1 "$t/prog" -tcache "$t/c2"
python3 - "$t/prog" <<'EOF'
import sys
with open(sys.argv[1], "r+b") as f:
    data = f.read()
    at = data.find(b"\xb8\x07\x00\x00\x00\x59\x5b\x5d")
    assert at > 0 and data.count(b"\xb8\x07\x00\x00\x00\x59\x5b\x5d") == 1
    f.seek(at + 1)
    f.write(b"\x05")
EOF
touch -r "$g/09-return7-O2" "$t/prog"
native p2ref "$t/prog"
run p2 "$t/prog" -tcache "$t/c2"
check "the patched program natively exits 5" "$(tail -n 1 "$t/p2ref.out")" = "exit 5"
same "a program changed in place is not served its old code" "$t/p2ref.out" "$t/p2.out"
check "its unchanged TBs still come from the cache" "$(stat_of tcache_hits p2)" -gt 100

# Another build of stitch: its build id differs, so nothing matches.
cp "$stitch" "$t/stitch-other"
python3 - "$t/stitch-other" <<'EOF'
import subprocess, sys
out = subprocess.run(["readelf", "-n", sys.argv[1]], capture_output=True, text=True).stdout
bid = bytes.fromhex([l.split()[-1] for l in out.splitlines() if "Build ID" in l][0])
with open(sys.argv[1], "r+b") as f:
    data = f.read()
    assert data.count(bid) == 1
    f.seek(data.find(bid))
    f.write(bytes([bid[0] ^ 0xff]) + bid[1:])
EOF
"$t/stitch-other" --stats -tcache "$t/c1" "$prog" >"$t/other.out" 2>"$t/other.stats" </dev/null
echo "exit $?" >>"$t/other.out"
same "another stitch binary runs right" "$t/ref.out" "$t/other.out"
check "another stitch binary reuses nothing" "$(stat_of tcache_hits other)" -eq 0

# Damaged files: cut in half, then overwritten with garbage.
cp -r "$t/c1" "$t/c3"
for f in "$t"/c3/*.tc; do truncate -s $(($(stat -c %s "$f") / 2)) "$f"; done
run trunc "$prog" -tcache "$t/c3" -d tcache
same "truncated cache files are survived" "$t/ref.out" "$t/trunc.out"
check "a truncated file still serves its whole records" "$(stat_of tcache_hits trunc)" -gt 10
for f in "$t"/c3/*.tc; do head -c 5000 /dev/urandom >"$f"; done
run garbage "$prog" -tcache "$t/c3" -d tcache
same "garbage cache files are survived" "$t/ref.out" "$t/garbage.out"
check "each garbage file is reported once" \
    "$(grep -c 'ignored from there on' "$t/garbage.stats")" -le "$(ls "$t"/c3/*.tc | wc -l)"
run healed "$prog" -tcache "$t/c3"
cp -r "$t/c1" "$t/c6"
for f in "$t"/c6/*.tc; do truncate -s $(($(stat -c %s "$f") / 2)) "$f"; done
run cut1 "$prog" -tcache "$t/c6"
run cut2 "$prog" -tcache "$t/c6"
check "a truncated file keeps its whole records when it is repaired" \
    "$(stat_of tcache_hits cut2)" -eq "$(stat_of tbs_translated cut2)"
same "the replaced files serve the next run" "$t/ref.out" "$t/healed.out"
check "... from the cache" "$(stat_of tcache_hits healed)" -eq "$(stat_of tbs_translated healed)"

# Two runs filling one directory at the same time, three times over.
for i in 1 2 3; do
    run con1 "$prog" -tcache "$t/c4" &
    run con2 "$prog" -tcache "$t/c4"
    wait
done
run con3 "$prog" -tcache "$t/c4" -d tcache
same "concurrent runs sharing a directory: first" "$t/ref.out" "$t/con1.out"
same "concurrent runs sharing a directory: second" "$t/ref.out" "$t/con2.out"
same "after them" "$t/ref.out" "$t/con3.out"
check "no record they wrote is torn" "$(grep -c 'does not parse' "$t/con3.stats")" -eq 0
check "their records are used" "$(stat_of tcache_hits con3)" -eq "$(stat_of tbs_translated con3)"

# Self-modifying code, warm.
native smcref "$g/38-smc-O2"
run smc1 "$g/38-smc-O2" -tcache "$t/c5"
run smc2 "$g/38-smc-O2" -tcache "$t/c5"
same "self-modifying code, cold cache" "$t/smcref.out" "$t/smc1.out"
same "self-modifying code, warm cache" "$t/smcref.out" "$t/smc2.out"
check "its code still invalidates TBs" "$(stat_of tbs_invalidated smc2)" -gt 50

# The ARM guest shares exec/: busybox from the armel sysroot, cold and
# warm, against the same script run by the i386 busybox natively.
arm=$(dirname "$stitch")/stitch-arm
if [ -x "$arm" ] && [ -x "$build/sysroot-armel/bin/busybox" ] && [ -x "$build/sysroot/bin/busybox" ]; then
    script='echo hi; i=0; while [ $i -lt 50 ]; do i=$((i + 1)); done; echo $i'
    "$build/sysroot/bin/busybox" sh -c "$script" >"$t/armref.out"
    for n in 1 2; do
        "$arm" --stats -tcache "$t/c7" -L "$build/sysroot-armel" \
            "$build/sysroot-armel/bin/busybox" sh -c "$script" >"$t/arm$n.out" 2>"$t/arm$n.stats"
    done
    same "ARM guest, cold cache" "$t/armref.out" "$t/arm1.out"
    same "ARM guest, warm cache" "$t/armref.out" "$t/arm2.out"
    # (all but the few in the kernel-helper page, which no file backs)
    check "ARM guest: the warm run takes its TBs from the cache" \
        "$(stat_of tcache_hits arm2)" -gt 1000
    check "ARM guest: ... and saves none of the kernel-helper page's" \
        "$(stat_of tcache_saved arm2)" -eq 0
else
    echo "SKIP ARM guest (no stitch-arm or armel sysroot)"
fi

# An unusable directory: one line, exit status 1.
: >"$t/file"
"$stitch" -tcache "$t/file/sub" "$prog" >/dev/null 2>"$t/bad.err"
check "-tcache on a path that cannot be a directory exits 1" "$?" -eq 1
check "... with one line" "$(wc -l <"$t/bad.err")" -eq 1

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
