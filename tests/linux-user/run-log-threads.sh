#!/bin/bash
# run-log-threads.sh STITCH BUILD_DIR [STITCH_ARM]: -strace and -d lines of
# a threaded guest (issue 15): each -strace line starts with the calling
# thread's id ("tid name(...) = result", qemu's format) and is whole, never
# another thread's line spliced in; once a second thread exists every -d
# line starts with "[tid] " for a tid of the guest's, and none holds two
# entries; before that, -d lines carry no prefix.
# With -d tid (qemu's: one log file per thread, -D's name has "%d"), on
# the i386 guest and, given STITCH_ARM, the ARM one: a file per thread and
# one for the fork child, each holding exactly its own thread's lines
# (and all of them: the per-thread getppid counts), none prefixed; a
# -D name without "%d" under -d tid, or with another '%', is refused
# with one line and status 1, creating no file.
set -u
stitch=$1
out=$2/tests/log-threads
mkdir -p "$out"
out=$(cd "$out" && pwd) # the -d tid runs start in a directory of their own
cc=${CC_I386:-i686-linux-gnu-gcc}
$cc -O1 -static -pthread -o "$out/log-threads" tests/linux-user/log-threads.c || exit 2
passed=0 failed=0

for opts in "-strace -d exec" "-strace -d exec --no-chain"; do
    # shellcheck disable=SC2086
    got=$("$stitch" $opts "$out/log-threads" 2>"$out/log")
    if [ "$got" != done ]; then
        echo "FAIL log-threads ($opts): output '$got'"
        failed=$((failed + 1))
        continue
    fi
    if python3 - "$out/log" <<'EOF'; then
import re, sys
lines = open(sys.argv[1], errors="replace").read().split("\n")[:-1]
strace = re.compile(r"^(\d+) ([a-z_0-9]+)\((.*)\)( = (.*)| <unfinished \.\.\.>)$")
resumed = re.compile(r"^(\d+) <\.\.\. ([a-z_0-9]+) resumed> = (.*)$")
trace = re.compile(r"^(\[(\d+)\] )?Trace 0x[0-9a-f]+ \[[0-9a-f]{8}\]$")
tids, threaded, bad = set(), False, []
for l in lines:
    m = strace.match(l) or resumed.match(l)
    if m:
        tids.add(m.group(1))
        if m.group(2) == "clone" and m.group(m.lastindex).isdigit():
            tids.add(m.group(m.lastindex))
for n, l in enumerate(lines, 1):
    m = strace.match(l)
    if m:
        if "Trace" in l or l.count("(") != l.count(")"):
            bad.append((n, "spliced", l))
        if m.group(2) == "clone":
            threaded = True
        continue
    if resumed.match(l):
        continue
    m = trace.match(l)
    if not m:
        bad.append((n, "not a whole line", l))
    elif threaded != bool(m.group(1)):
        bad.append((n, "prefix" if threaded else "prefix before a thread", l))
    elif m.group(1) and m.group(2) not in tids:
        bad.append((n, "unknown tid", l))
if len(tids) < 4:
    bad.append((0, "threads seen: %d" % len(tids), ""))
for b in bad[:5]:
    print("  line %d: %s: %s" % b)
sys.exit(1 if bad else 0)
EOF
        echo "PASS log-threads ($opts: $(wc -l <"$out/log") lines)"
        passed=$((passed + 1))
    else
        echo "FAIL log-threads ($opts)"
        failed=$((failed + 1))
    fi
done
# -d tid: the files in $1 against log-threads' known calls.
check_tid_files() {
    python3 - "$1" <<'EOF'
import os, re, sys
d = sys.argv[1]
files = {int(f[4:]): open(os.path.join(d, f), errors="replace").read().split("\n")[:-1]
         for f in os.listdir(d) if re.fullmatch(r"log\.\d+", f)}
bad = []
clones = {}
for tid, lines in files.items():
    for l in lines:
        m = re.match(r"^(\d+) (<\.\.\. )?([a-z_0-9]+)", l)
        if m:
            if int(m.group(1)) != tid:
                bad.append("log.%d holds thread %s's line: %s" % (tid, m.group(1), l))
            r = re.match(r"^\d+ clone\(.*\) = (\d+)$", l)
            if r:
                clones[int(r.group(1))] = tid
        elif not re.fullmatch(r"Trace 0x[0-9a-f]+ \[[0-9a-f]{8}\]", l):
            bad.append("log.%d: not a whole line of its own: %s" % (tid, l))
mains = [t for t in files if t not in clones]
if len(mains) != 1:
    bad.append("files not made by a clone: %s" % mains)
missing = [c for c in clones if c not in files]
if missing:
    bad.append("clones without a file: %s" % missing)
def calls(t):
    return sum(1 for l in files[t] if re.match(r"^\d+ getppid\(\) = \d+$", l))
counts = sorted(calls(t) for t in files)
if counts != [1, 2, 50, 50, 50]:
    bad.append("getppid lines per file %s, expected [1, 2, 50, 50, 50]" % counts)
child = [t for t in files if any("<... clone resumed> = 0" in l for l in files[t])]
if len(child) != 1 or calls(child[0]) != 1:
    bad.append("fork child's file: %s" % child)
if not all(any(l.startswith("Trace") for l in files[t]) for t in files):
    bad.append("a file without -d exec lines")
for b in bad[:5]:
    print("  " + b)
sys.exit(1 if bad else 0)
EOF
}

# run_tid NAME STITCH PROGRAM [OPTION...]
run_tid() {
    local name=$1 st prog=$3 dir=$out/tid-$1 got
    st=$(realpath "$2")
    shift 3
    dir=${dir// /}
    rm -rf "$dir"
    mkdir -p "$dir"
    got=$(cd "$dir" && "$st" -d tid,exec -strace -D 'log.%d' "$@" "$prog" 2>"$dir/stderr")
    if [ "$got" != done ] || [ -s "$dir/stderr" ]; then
        echo "FAIL log-threads -d tid ($name): output '$got', stderr $(head -c 200 "$dir/stderr")"
        failed=$((failed + 1))
    elif check_tid_files "$dir"; then
        echo "PASS log-threads -d tid ($name: $(ls "$dir" | grep -c '^log\.') files)"
        passed=$((passed + 1))
    else
        echo "FAIL log-threads -d tid ($name)"
        failed=$((failed + 1))
    fi
}

run_tid i386 "$stitch" "$out/log-threads"
run_tid "i386 --no-chain" "$stitch" "$out/log-threads" --no-chain
if [ -n "${3:-}" ]; then
    ${CC_ARM:-arm-linux-gnueabi-gcc} -O1 -static -pthread -o "$out/log-threads-arm" \
        tests/linux-user/log-threads.c || exit 2
    run_tid arm "$3" "$out/log-threads-arm"
fi

# qemu's rules for the name: -d tid needs "%d"; no '%' but one "%d".
stitch_abs=$(realpath "$stitch")
for bad in "-d tid" "-d tid -D plain" "-D a%s" "-D a%d%d" "-d tid -D a%"; do
    dir=$out/tid-bad
    rm -rf "$dir"
    mkdir -p "$dir"
    # shellcheck disable=SC2086
    (cd "$dir" && "$stitch_abs" $bad "$out/log-threads" >stdout 2>stderr)
    st=$?
    if [ $st = 1 ] && [ "$(wc -l <"$dir/stderr")" = 1 ] && [ ! -s "$dir/stdout" ] &&
        [ "$(ls "$dir")" = "$(printf 'stderr\nstdout')" ]; then
        echo "PASS log-threads refuses '$bad': $(cat "$dir/stderr")"
        passed=$((passed + 1))
    else
        echo "FAIL log-threads '$bad': status $st, stderr: $(cat "$dir/stderr")"
        failed=$((failed + 1))
    fi
done

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
