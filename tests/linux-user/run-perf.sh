#!/bin/bash
# run-perf.sh STITCH BUILD_DIR: -perfmap and -jitdump write what perf reads
# (tools/perf/Documentation/jit-interface.txt, jitdump-specification.txt):
# every TB, named by the guest symbol of its first instruction, static and
# dynamic programs (symbols of the shared libraries too); the jitdump
# records carry the TB's host code.  perf itself cannot count here
# (`perf stat -e instructions true` says "not supported" in this
# container), so the files' contents are checked.
set -u
stitch=$1
out=$2/tests/perf
mkdir -p "$out"
cc=${CC_I386:-i686-linux-gnu-gcc}
$cc -O1 -static -o "$out/probe" tests/linux-user/probe.c || exit 2
$cc -O1 -o "$out/probe-dyn" tests/linux-user/probe.c || exit 2
passed=0 failed=0
ok() { echo "PASS $1"; passed=$((passed + 1)); }
ko() { echo "FAIL $1"; failed=$((failed + 1)); }

# run PROG OPTIONS...: run under stitch in the background to learn its pid;
# sets $pid.
run() {
    local prog=$1
    shift
    "$stitch" "$@" "$prog" uname >/dev/null &
    pid=$!
    wait $pid
}

for prog in probe probe-dyn; do
    run "$out/$prog" -perfmap -jitdump
    map=/tmp/perf-$pid.map dump=/tmp/jit-$pid.dump
    [ -s "$map" ] && ok "$prog: /tmp/perf-<pid>.map written" || ko "$prog: no $map"
    mv -f "$map" "$out/$prog.map" 2>/dev/null
    mv -f "$dump" "$out/$prog.dump" 2>/dev/null
    # Each line: host start and size in hex, then the name.
    bad=$(grep -cvE '^[0-9a-f]+ [0-9a-f]+ [^ ]+$' "$out/$prog.map")
    [ "$bad" = 0 ] && ok "$prog: map lines are 'start size name'" || ko "$prog: $bad malformed lines"
    grep -qE ' main$' "$out/$prog.map" && ok "$prog: main's first TB is named main" ||
        ko "$prog: no TB named main"
    grep -qE ' main\+0x[0-9a-f]+$' "$out/$prog.map" && ok "$prog: TBs inside main are main+offset" ||
        ko "$prog: no main+offset"
    grep -qE ' (__)?uname(\+0x[0-9a-f]+)?$' "$out/$prog.map" && ok "$prog: libc's uname is named" ||
        ko "$prog: no uname"
    python3 tests/linux-user/check-jitdump.py "$out/$prog.dump" "$out/$prog.map" "$pid" &&
        ok "$prog: jitdump header, one JIT_CODE_LOAD per TB with its code, JIT_CODE_CLOSE" ||
        ko "$prog: jitdump"
done

# The symbol+offset of each TB is the guest address's: check the offsets
# against the program's own symbol table for the static program.
main=$((16#$(nm "$out/probe" | awk '$3 == "main" { print $1 }')))
run "$out/probe" -perfmap -d in_asm -D "$out/log"
mv -f /tmp/perf-$pid.map "$out/probe.map2"
# The log lists each TB's guest address in translation order, the map its
# name in the same order.
grep -A1 '^IN:' "$out/log" | grep '^0x' | cut -d: -f1 >"$out/pcs"
awk '{ print $3 }' "$out/probe.map2" >"$out/names"
bad=$(paste "$out/pcs" "$out/names" | while read -r pc name; do
    case $name in
    main) [ $((pc)) -eq $main ] || echo "$pc $name" ;;
    main+*) [ $((pc)) -eq $((main + ${name#main+})) ] || echo "$pc $name" ;;
    esac
done | wc -l)
n=$(grep -c ' main' "$out/probe.map2")
[ "$bad" = 0 ] && [ "$n" -ge 2 ] && ok "map names are main+(pc - main) for main's $n TBs" ||
    ko "$bad of main's TBs misnamed"

# Nothing is written without the options.
before=$(ls /tmp/perf-*.map /tmp/jit-*.dump 2>/dev/null | wc -l)
run "$out/probe"
[ ! -e /tmp/perf-$pid.map ] && [ ! -e /tmp/jit-$pid.dump ] && ok "no files without -perfmap/-jitdump" ||
    ko "files written without the options"

# The variables.
QEMU_PERFMAP=1 "$stitch" "$out/probe" >/dev/null & pid=$!; wait $pid
[ -s /tmp/perf-$pid.map ] && ok "QEMU_PERFMAP" || ko "QEMU_PERFMAP"
rm -f /tmp/perf-$pid.map
STITCH_JITDUMP=1 "$stitch" "$out/probe" >/dev/null & pid=$!; wait $pid
[ -s /tmp/jit-$pid.dump ] && ok "STITCH_JITDUMP" || ko "STITCH_JITDUMP"
rm -f /tmp/jit-$pid.dump

# perf itself, where it can sample (a software clock; hardware counters
# are not available in every container): perf report names the guest's
# hot function from the map, and from the jitdump after perf inject.
cat >"$out/hot.c" <<'EOF'
#include <stdio.h>
unsigned hot_loop(unsigned n)
{
    unsigned x = 1;
    for (unsigned i = 0; i < n; i++)
        x = x * 1664525u + 1013904223u;
    return x;
}
int main(void) { printf("%u\n", hot_loop(100000000)); return 0; }
EOF
$cc -O1 -static -o "$out/hot" "$out/hot.c" || exit 2
# The two files are stitch's own descriptors, as its log is: at 512 and up,
# out of /proc/self/fd and EBADF for every call the guest makes on them
# (the guest probes of tests/guest/ on 510..520, run natively as the oracle).
for t in 99-own-fds-calls 99-own-fds-proc-names; do
    $cc -O2 -static -o "$out/$t" "tests/guest/$t.c" || exit 2
    "$out/$t" >"$out/$t.native" 2>&1
    JITDUMPDIR=$out "$stitch" -perfmap -jitdump "$out/$t" >"$out/$t.stitch" 2>&1 &
    pid=$!
    wait $pid
    rm -f "/tmp/perf-$pid.map" "$out/jit-$pid.dump"
    cmp -s "$out/$t.native" "$out/$t.stitch" &&
        ok "$t with -perfmap -jitdump: as natively (the files' descriptors hidden)" ||
        { ko "$t with -perfmap -jitdump"; diff "$out/$t.native" "$out/$t.stitch" | head -n 10; }
done

export HOME=$out/home JITDUMPDIR=$out/jit # perf's build-id cache, the dump and its ELFs
rm -rf "$HOME" "$JITDUMPDIR"
mkdir -p "$HOME" "$JITDUMPDIR"
if perf record -q -e cpu-clock -o "$out/probe.data" true >/dev/null 2>&1; then
    perf record -q -e cpu-clock -o "$out/map.data" \
        sh -c 'echo $$ >"$0"; exec "$@"' "$out/pid" "$stitch" -perfmap "$out/hot" >/dev/null 2>&1
    perf report -i "$out/map.data" --stdio --sort sym 2>/dev/null | grep -v '^#' >"$out/map.report"
    head -n 3 "$out/map.report" | grep -q 'hot_loop' && ok "perf report names the guest's hot_loop (-perfmap)" ||
        { ko "perf report (-perfmap)"; head -n 5 "$out/map.report"; }
    rm -f "/tmp/perf-$(cat "$out/pid").map"
    perf record -q -k 1 -e cpu-clock -o "$out/jit.data" "$stitch" -jitdump "$out/hot" >/dev/null 2>&1
    perf inject --jit -i "$out/jit.data" -o "$out/jit.injected" >/dev/null 2>&1
    perf report -i "$out/jit.injected" --stdio --sort dso,sym 2>/dev/null | grep -v '^#' >"$out/jit.report"
    head -n 3 "$out/jit.report" | grep -q 'jitted-[0-9]*-[0-9]*\.so .*hot_loop' &&
        ok "perf inject --jit, then perf report names hot_loop in a jitted ELF (-jitdump)" ||
        { ko "perf inject --jit (-jitdump)"; head -n 5 "$out/jit.report"; }
    rm -rf "$JITDUMPDIR" "$out"/*.data "$out"/*.injected
else
    echo "SKIP perf report checks: 'perf record -e cpu-clock' cannot sample here"
fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
