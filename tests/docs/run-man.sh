#!/bin/sh
# run-man.sh GEN_MAN STITCH BUILD_DIR: docs/stitch.1 is what the option
# table generates today, and -h, printed from the same table, lists the
# same options and environment variables as the manual.
set -u
gen=$1 stitch=$2 out=$3/tests/docs
mkdir -p "$out"
passed=0 failed=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }

"$gen" "$(cat VERSION)" >"$out/stitch.1"
if cmp -s "$out/stitch.1" docs/stitch.1; then
    pass "docs/stitch.1 is up to date"
else
    fail "docs/stitch.1 is stale: run 'make man'"
fi

# Every row of -h's table: the option and its variables are in the manual.
"$stitch" -h >"$out/help"
rows=$(sed -n '/^Argument/,/^$/p' "$out/help" | sed '1d;$d')
n=0
echo "$rows" | {
    bad=0
    while read -r opt rest; do
        n=$((n + 1))
        manopt=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
        grep -q "^\.B $manopt\b" docs/stitch.1 || { echo "  missing option $opt"; bad=1; }
        env=$(printf '%s\n' "$rest" | grep -o '\b\(QEMU\|STITCH\)_[A-Z0-9_]*' | head -n 1)
        if [ -n "$env" ]; then
            grep -q "fB$env\\\\fR" docs/stitch.1 || { echo "  missing $env"; bad=1; }
            suffix=${env#*_}
            grep -q "fBSTITCH_$suffix\\\\fR" docs/stitch.1 || { echo "  missing STITCH_$suffix"; bad=1; }
        fi
    done
    [ $n -ge 25 ] || { echo "  only $n rows in -h"; bad=1; }
    exit $bad
} && pass "-h and the manual list the same options and variables" ||
    fail "-h and the manual differ"

# -d help and the manual list the same log items.
"$stitch" -d help | sed 1d | awk '{ print $1 }' >"$out/items"
sed -n '/^\.SH LOG ITEMS/,/^\.SH ENVIRONMENT/p' docs/stitch.1 | sed -n 's/^\.B //p' >"$out/man-items"
if [ -s "$out/items" ] && cmp -s "$out/items" "$out/man-items"; then
    pass "-d help and the manual list the same log items"
else
    fail "-d help and the manual list different log items"
fi

# make install puts the binaries and the page under PREFIX.
rm -rf "$out/prefix"
if make -s install PREFIX="$(pwd)/$out/prefix" >/dev/null &&
    [ -x "$out/prefix/bin/stitch-i386" ] &&
    cmp -s "$out/prefix/share/man/man1/stitch.1" docs/stitch.1 &&
    "$out/prefix/bin/stitch-i386" --version >/dev/null; then
    pass "make install PREFIX=... installs the binaries and the man page"
else
    fail "make install PREFIX=..."
fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
